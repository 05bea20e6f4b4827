// attention-cli render: a model's attention on one input as a figure file (PNG, SVG, PDF), drawn
// by the window's own views, for scripts and teaching hand-outs. The model runs through
// ModelSession (what the window uses); the drawing happens in the attention-render library,
// behind a header that is safe under core's QT_NO_KEYWORDS (render/FigureRender.h).

#include "Commands.h"
#include "InferenceJson.h"
#include "ModelInput.h"
#include "render/FigureRender.h"

#include "common/StudioError.h"
#include "session/ModelSession.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

#include <cmath>

namespace studio::cli {
namespace {

const QString kText = QStringLiteral("text");
const QString kIds = QStringLiteral("ids");
const QString kSeries = QStringLiteral("series");
const QString kOut = QStringLiteral("out");
const QString kView = QStringLiteral("view");
const QString kWidth = QStringLiteral("width");
const QString kHeight = QStringLiteral("height");
const QString kScale = QStringLiteral("scale");
const QString kColormap = QStringLiteral("colormap");
const QString kRange = QStringLiteral("range");
const QString kWeights = QStringLiteral("weights");
const QString kCompare = QStringLiteral("compare");

constexpr int kDefaultWidth = 800;
constexpr int kMinSide = 16;       // logical pixels: smaller is not a figure
constexpr int kMaxSide = 10000;    // FigureExport refuses rasters past 16384² anyway
constexpr double kMinScale = 0.1;
constexpr double kMaxScale = 8.0;  // 768 dpi: beyond any printer

// --range MIN:MAX, or nothing for "auto".
std::optional<std::pair<double, double>> rangeOption(const QCommandLineParser& parser)
{
    const QString value = parser.value(kRange).trimmed();
    if (!parser.isSet(kRange) || value == QLatin1String("auto"))
        return std::nullopt;
    // Split at the colon that follows a number, so "-0.1:0.5" keeps its minus sign.
    const int colon = value.indexOf(QLatin1Char(':'), 1);
    bool lowOk = false;
    bool highOk = false;
    const double low = colon > 0 ? value.left(colon).toDouble(&lowOk) : 0.0;
    const double high = colon > 0 ? value.mid(colon + 1).toDouble(&highOk) : 0.0;
    if (!lowOk || !highOk || !std::isfinite(low) || !std::isfinite(high))
        throw UsageError(QStringLiteral("--range needs \"auto\" or two numbers MIN:MAX, e.g. --range 0:0.5, not \"%1\".").arg(value));
    if (!(low < high))
        throw UsageError(QStringLiteral("--range %1 is empty or reversed: MIN must be less than MAX.").arg(value));
    return std::make_pair(low, high);
}

double scaleOption(const QCommandLineParser& parser)
{
    if (!parser.isSet(kScale))
        return 1.0;
    bool ok = false;
    const double scale = parser.value(kScale).toDouble(&ok);
    if (!ok || !(scale >= kMinScale && scale <= kMaxScale))
        throw UsageError(QStringLiteral("--scale needs a number from %1 to %2, e.g. 2 for print, not \"%3\".")
                             .arg(kMinScale)
                             .arg(kMaxScale)
                             .arg(parser.value(kScale)));
    return scale;
}

// The series as the model read it: its columns by name (numbered without a header).
render::SeriesInput seriesForFigure(const InferenceRequest& request)
{
    render::SeriesInput input;
    const int features = std::max(1, request.features);
    const int steps = static_cast<int>(request.series.size()) / features;
    for (int f = 0; f < features; ++f) {
        input.names << request.featureNames.value(f, QStringLiteral("feature %1").arg(f + 1));
        std::vector<double> values;
        values.reserve(static_cast<size_t>(steps));
        for (int t = 0; t < steps; ++t)
            values.push_back(static_cast<double>(request.series[static_cast<size_t>(t) * features + f]));
        input.features.push_back(std::move(values));
    }
    return input;
}

// Runs one model on the input; an answer without attention cannot be drawn, which is a failure of
// the model (exit 1), not of the command line — except by the explain view, which shows what the
// attributions say about a model with no attention too.
render::ModelAnswer runModel(ModelSession& session, const InferenceRequest& request, bool needsAttention = true)
{
    const ModelSummary summary = session.summary();
    render::ModelAnswer answer{summary, session.run(request)};
    if (answer.result.prediction.empty())
        throw UsageError(QStringLiteral("--text has no words %1 can read: give the text to draw, e.g. --text \"a great movie\".")
                             .arg(summary.name));
    if (needsAttention && answer.result.attention.isEmpty())
        throw StudioError(summary.format == ModelFormat::Native
                              ? QStringLiteral("%1 has no attention to draw: it is the none baseline, which reads its last "
                                               "hidden state; render a model trained with an attention variant.").arg(summary.path)
                              : QStringLiteral("%1 has no attention to draw: it returns none and no softmax was found in its "
                                               "graph; export it with its attention weights as a second output.").arg(summary.path));
    return answer;
}

QJsonObject answerJson(const render::ModelAnswer& answer)
{
    QJsonArray shape;
    for (int64_t size : answer.result.attention.shape)
        shape.append(static_cast<qint64>(size));
    QJsonObject json{{QStringLiteral("model"), answer.summary.path},
                     {QStringLiteral("prediction"), toJsonArray(answer.result.prediction)},
                     {QStringLiteral("shape"), shape},
                     {QStringLiteral("source"), answer.result.source}};
    if (!answer.result.label.isEmpty()) {
        json.insert(QStringLiteral("label"), answer.result.label);
        json.insert(QStringLiteral("probability"), answer.result.probability);
    }
    return json;
}

QString predictionLine(const render::ModelAnswer& answer)
{
    const InferenceResult& result = answer.result;
    if (!result.label.isEmpty())
        return QStringLiteral("%1: %2 (probability %3)").arg(answer.summary.name, result.label).arg(result.probability, 0, 'f', 3);
    return QStringLiteral("%1: output %2").arg(answer.summary.name).arg(static_cast<double>(result.prediction.front()), 0, 'g', 6);
}

} // namespace

int runRender(const CommandLine& line)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Draw a model's attention on one input as a figure file, as the window shows it: PNG at a chosen\n"
                       "size and scale, or SVG and PDF (vector). Needs no display.\n"
                       "Views: tokens (the text coloured by weight, with a legend), row (a one-row heatmap with token\n"
                       "labels), matrix (T×T self-attention or T×d per-feature), series (the series with the attention\n"
                       "strip under it). auto: tokens and row together for text, matrix for a 2-D map, series for a\n"
                       "series model. With --compare, one row per model on one colour scale, then each compared model's\n"
                       "difference from --model (A − B, diverging colours).\n"
                       "JSON: files (the figure, then the weights), figure {path, view, width, height, scale}, model,\n"
                       "shape (of the attention), prediction, label/probability, source, tokens (text), warnings, and\n"
                       "with --compare models (the same fields for each model)."));
    addModelInputOptions(parser);
    parser.addOptions({
        {kOut, QStringLiteral("Figure to write: .png, .svg or .pdf (required)."), QStringLiteral("file")},
        {kView, QStringLiteral("auto (default), tokens, row, matrix, series or explain (the attention beside each "
                               "attribution, with agreement, faithfulness and interventions; see explain)."),
         QStringLiteral("view")},
        {kWidth, QStringLiteral("Width in logical pixels (default %1).").arg(kDefaultWidth), QStringLiteral("n")},
        {kHeight, QStringLiteral("Height in logical pixels (default: what the view needs at this width)."), QStringLiteral("n")},
        {kScale, QStringLiteral("PNG pixels per logical pixel, e.g. 2 for print (default 1)."), QStringLiteral("x")},
        {kColormap, QStringLiteral("%1 (default %2).").arg(render::colormapKeys().join(QStringLiteral(", ")),
                                                          render::colormapKeys().constFirst()),
         QStringLiteral("name")},
        {kRange, QStringLiteral("Colour range: auto (the data's minimum to maximum, default) or MIN:MAX, e.g. 0:1."),
         QStringLiteral("range")},
        {kWeights, QStringLiteral("Also write the raw weights of --model: .csv or .json, as the window exports them."),
         QStringLiteral("file")},
        {kCompare, QStringLiteral("Another model on the same input; repeat for more."), QStringLiteral("file")},
    });
    addFormatOption(parser);
    if (!parseCommandLine(parser, line,
                          QStringLiteral("render --model FILE (--text STRING | --ids \"3 7 1\" | --series FILE.csv) --out FIGURE.(png|svg|pdf) "
                                         "[--view auto|tokens|row|matrix|series|explain] [--width N] [--height N] [--scale X] "
                                         "[--colormap NAME] [--range auto|MIN:MAX] [--weights FILE.(csv|json)] "
                                         "[--compare FILE ...] [--format json]")))
        return kExitOk;

    // Everything the command line alone can get wrong is a usage error before any model loads.
    const OutputFormat format = outputFormat(parser);
    const QString outPath = requiredOption(parser, kOut);
    if (!render::isFigurePath(outPath))
        throw UsageError(QStringLiteral("--out %1 must end in .png, .svg or .pdf (the format follows the name).").arg(outPath));
    const QString weightsPath = parser.value(kWeights);
    if (parser.isSet(kWeights) && !render::isWeightsPath(weightsPath))
        throw UsageError(QStringLiteral("--weights %1 must end in .csv or .json.").arg(weightsPath));
    if (parser.isSet(kWeights) && QFileInfo(weightsPath).absoluteFilePath() == QFileInfo(outPath).absoluteFilePath())
        throw UsageError(QStringLiteral("--weights and --out name the same file: give each its own."));
    const int inputCount = int(parser.isSet(kText)) + int(parser.isSet(kIds)) + int(parser.isSet(kSeries));
    if (inputCount != 1)
        throw UsageError(QStringLiteral("Give exactly one input: --text, --ids or --series (%1 given).").arg(inputCount));
    const QString requestedView = choiceOption(parser, kView, QStringLiteral("auto"), render::viewKeys());
    render::FigureRequest figure;
    figure.path = outPath;
    figure.width = intOption(parser, kWidth, kDefaultWidth, kMinSide);
    figure.height = intOption(parser, kHeight, 0, kMinSide);
    if (figure.width > kMaxSide || figure.height > kMaxSide)
        throw UsageError(QStringLiteral("--width and --height go up to %1 pixels: use --scale for a sharper PNG.").arg(kMaxSide));
    figure.scale = scaleOption(parser);
    figure.colormap = choiceOption(parser, kColormap, render::colormapKeys().constFirst(), render::colormapKeys());
    figure.range = rangeOption(parser);

    // Every model prepares the same input its own way (a forecaster picks its columns by name).
    ModelInput first = modelInput(parser);
    figure.models.push_back(runModel(*first.session, first.request, requestedView != QLatin1String("explain")));
    for (const QString& path : parser.values(kCompare)) {
        const std::unique_ptr<ModelSession> session = ModelSession::open(path, sessionOptions(parser));
        figure.models.push_back(runModel(*session, requestFor(parser, *session)));
    }
    const bool text = !parser.isSet(kSeries);
    std::optional<render::SeriesInput> series;
    if (!text)
        series = seriesForFigure(first.request);
    QString problem;
    figure.view = render::chooseView(requestedView, figure.models, series.has_value(), &problem);
    if (figure.view.isEmpty())
        throw UsageError(problem);
    figure.series = series;
    if (figure.view == QLatin1String("explain"))
        figure.explanation = first.session->explain(first.request, ExplainOptions{});

    // The weights file is opened first, so an unwritable path fails before the figure is drawn,
    // and committed last, so a failed figure leaves neither file behind (and should the commit
    // itself fail, the figure just written goes too).
    const render::ModelAnswer& firstAnswer = figure.models.front();
    std::optional<QSaveFile> weights;
    if (parser.isSet(kWeights)) {
        weights.emplace(weightsPath);
        if (!weights->open(QIODevice::WriteOnly))
            throw StudioError(QStringLiteral("Cannot write the weights file %1: %2.").arg(weightsPath, weights->errorString()));
        weights->write(render::weightsFileContents(firstAnswer.result.attention, weightsPath));
    }
    const render::FigureOutcome outcome = render::renderFigure(figure);
    if (!outcome.error.isEmpty())  // the export's message names the file but ends without a full stop
        throw StudioError(outcome.error.endsWith(QLatin1Char('.')) ? outcome.error : outcome.error + QLatin1Char('.'));
    if (weights && !weights->commit()) {
        QFile::remove(outPath);
        throw StudioError(QStringLiteral("Cannot write the weights file %1: %2.").arg(weightsPath, weights->errorString()));
    }

    QStringList warnings;
    for (const render::ModelAnswer& answer : figure.models)
        for (const QString& warning : answer.result.warnings)
            warnings << (figure.models.size() > 1 ? QStringLiteral("%1: %2").arg(answer.summary.name, warning) : warning);
    warnings << outcome.warnings;
    QStringList files{outPath};
    if (weights)
        files << weightsPath;
    if (format == OutputFormat::Json) {
        QJsonObject json = answerJson(firstAnswer);
        json.insert(QStringLiteral("files"), QJsonArray::fromStringList(files));
        json.insert(QStringLiteral("figure"), QJsonObject{{QStringLiteral("path"), outPath},
                                                          {QStringLiteral("view"), figure.view},
                                                          {QStringLiteral("width"), outcome.width},
                                                          {QStringLiteral("height"), outcome.height},
                                                          {QStringLiteral("scale"), figure.scale}});
        if (weights)
            json.insert(QStringLiteral("weights"), weightsPath);
        if (text)
            json.insert(QStringLiteral("tokens"), QJsonArray::fromStringList(firstAnswer.result.attention.tokens));
        if (figure.models.size() > 1) {
            QJsonArray models;
            for (const render::ModelAnswer& answer : figure.models)
                models.append(answerJson(answer));
            json.insert(QStringLiteral("models"), models);
        }
        json.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
        printJson(json);
    } else {
        for (const QString& warning : warnings)
            printWarning(warning);
        for (const render::ModelAnswer& answer : figure.models)
            printOut(predictionLine(answer));
        printOut(QStringLiteral("Wrote %1 (%2, %3×%4)%5.")
                     .arg(outPath, figure.view)
                     .arg(outcome.width)
                     .arg(outcome.height)
                     .arg(weights ? QStringLiteral(" and %1").arg(weightsPath) : QString()));
    }
    return kExitOk;
}

} // namespace studio::cli
