#include "DataOptions.h"

#include "CliCommon.h"

#include "common/StudioError.h"
#include "data/ForecastDataset.h"
#include "data/SeriesTable.h"
#include "data/TextDataset.h"
#include "data/TextImport.h"
#include "data/UcrImport.h"
#include "data/DataSplit.h"

#include <QFileInfo>

namespace studio::cli {
namespace {

const QString kData = QStringLiteral("data");
const QString kDataKind = QStringLiteral("data-kind");
// text
const QString kFormat = QStringLiteral("data-format");
const QString kTextColumn = QStringLiteral("text-column");
const QString kLabelColumn = QStringLiteral("label-column");
const QString kTokenizer = QStringLiteral("tokenizer");
const QString kKeepCase = QStringLiteral("keep-case");
const QString kMaxVocabulary = QStringLiteral("max-vocab");
const QString kMinFrequency = QStringLiteral("min-freq");
const QString kMaxLength = QStringLiteral("max-length");
const QString kLongText = QStringLiteral("long-text");
const QString kClassNames = QStringLiteral("class-names");
// series
const QString kTarget = QStringLiteral("target");
const QString kInputs = QStringLiteral("inputs");
const QString kTimeColumn = QStringLiteral("time-column");
const QString kNoTime = QStringLiteral("no-time");
const QString kWindow = QStringLiteral("window");
const QString kHorizon = QStringLiteral("horizon");
const QString kMultiStep = QStringLiteral("multi-step");
const QString kNormalize = QStringLiteral("normalize");
const QString kMissing = QStringLiteral("missing");
// ucr
const QString kZNormalize = QStringLiteral("z-normalize");

enum class DataKind { Text, Series, Ucr };

DataKind dataKind(const QCommandLineParser& parser)
{
    if (parser.isSet(kDataKind)) {
        const QString kind = choiceOption(parser, kDataKind, QString(),
                                          {QStringLiteral("text"), QStringLiteral("series"), QStringLiteral("ucr")});
        return kind == QLatin1String("text") ? DataKind::Text : kind == QLatin1String("series") ? DataKind::Series : DataKind::Ucr;
    }
    if (parser.isSet(kTarget) || parser.isSet(kWindow) || parser.isSet(kHorizon))
        return DataKind::Series;
    return DataKind::Text;
}

MissingPolicy missingPolicy(const QCommandLineParser& parser)
{
    MissingPolicy policy = MissingPolicy::Refuse;
    parseMissingPolicy(choiceOption(parser, kMissing, QStringLiteral("refuse"),
                                    {QStringLiteral("refuse"), QStringLiteral("interpolate"), QStringLiteral("drop")}),
                       &policy);
    return policy;
}

TextDatasetOptions textOptions(const QCommandLineParser& parser)
{
    TextDatasetOptions options;
    parseTokenizerKind(choiceOption(parser, kTokenizer, toString(options.tokenizer.kind),
                                    {QStringLiteral("word"), QStringLiteral("char"), QStringLiteral("mixed")}),
                       &options.tokenizer.kind);
    options.tokenizer.lowercase = !parser.isSet(kKeepCase);
    options.vocabulary.maxSize = intOption(parser, kMaxVocabulary, static_cast<int>(options.vocabulary.maxSize), /*minimum=*/3);
    options.vocabulary.minFrequency = intOption(parser, kMinFrequency, 1, /*minimum=*/1);
    options.maxLength = intOption(parser, kMaxLength, 0, /*minimum=*/1);
    parseLongTextRule(choiceOption(parser, kLongText, QStringLiteral("truncate"), {QStringLiteral("truncate"), QStringLiteral("split")}),
                      &options.longText);
    if (parser.isSet(kClassNames))
        options.classNames = parser.value(kClassNames).split(QLatin1Char(','));
    return options;
}

TextCorpus importTextData(const QCommandLineParser& parser)
{
    return importText(requiredOption(parser, kData), textImportOptions(parser));
}

TrainingData noted(Dataset data, QStringList notes = {})
{
    return TrainingData{std::move(data), std::move(notes)};
}

QStringList corpusNotes(const TextCorpus& corpus)
{
    QStringList notes;
    if (corpus.skippedEmpty > 0)
        notes << QStringLiteral("%1 records with an empty text were skipped.").arg(corpus.skippedEmpty);
    return notes;
}

ForecastSpec forecastSpec(const QCommandLineParser& parser, const TrainingConfig& training)
{
    ForecastSpec spec;
    spec.targetColumn = requiredOption(parser, kTarget);
    if (parser.isSet(kInputs))
        spec.inputColumns = parser.value(kInputs).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& column : spec.inputColumns)
        column = column.trimmed();
    spec.window = intOption(parser, kWindow, spec.window, /*minimum=*/1);
    spec.horizon = intOption(parser, kHorizon, spec.horizon, /*minimum=*/1);
    spec.multiStep = parser.isSet(kMultiStep);
    spec.missing = missingPolicy(parser);
    parseNormalizationKind(choiceOption(parser, kNormalize, toString(spec.normalization),
                                        {QStringLiteral("z-score"), QStringLiteral("min-max"), QStringLiteral("none")}),
                           &spec.normalization);
    spec.validationFraction = training.validationFraction;
    spec.testFraction = training.testFraction;
    return spec;
}

SeriesTable readForecastTable(const QCommandLineParser& parser, SeriesReadOptions options)
{
    if (parser.isSet(kTimeColumn))
        options.timeColumn = parser.value(kTimeColumn);
    options.noTimeColumn = options.noTimeColumn || parser.isSet(kNoTime);
    return readSeriesTable(requiredOption(parser, kData), options);
}

TrainingData forecastData(const SeriesTable& table, const ForecastSpec& spec)
{
    ForecastData forecast = buildForecast(table, spec);
    return noted(std::move(forecast.dataset), forecast.notes);
}

TrainingData ucrData(const QCommandLineParser& parser, const UcrOptions& options)
{
    QStringList notes;
    Dataset data = importUcr(requiredOption(parser, kData), options, {}, &notes);
    return noted(std::move(data), notes);
}

} // namespace

void addDataOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {kData, QStringLiteral("Train on this file or folder instead of a built-in task (text, series or UCR)."), QStringLiteral("file")},
        {kDataKind, QStringLiteral("text (default), series (forecasting; implied by --target) or ucr (UCR/UEA classification)."),
         QStringLiteral("kind")},
        {kFormat, QStringLiteral("Text: csv, tsv, json, jsonl, folder or text (default: from the extension)."), QStringLiteral("format")},
        {kTextColumn, QStringLiteral("Text: the column or field holding the text (default: text, sentence, review, ...)."),
         QStringLiteral("name")},
        {kLabelColumn, QStringLiteral("Text: the column or field holding the label (default: label, class, sentiment, ...)."),
         QStringLiteral("name")},
        {kTokenizer, QStringLiteral("Text: word, char (Chinese, Japanese) or mixed (default)."), QStringLiteral("kind")},
        {kKeepCase, QStringLiteral("Text: do not lower-case.")},
        {kMaxVocabulary, QStringLiteral("Text: largest vocabulary, <pad> and <unk> included (default 20000)."), QStringLiteral("n")},
        {kMinFrequency, QStringLiteral("Text: leave out tokens seen fewer times (default 1)."), QStringLiteral("n")},
        {kMaxLength, QStringLiteral("Text: tokens per example; longer texts follow --long-text (default: no limit)."),
         QStringLiteral("n")},
        {kLongText, QStringLiteral("Text: truncate (keep the first tokens, default) or split (several examples)."),
         QStringLiteral("rule")},
        {kClassNames, QStringLiteral("Text: names for the classes in class order, comma separated, for labels written as codes "
                                     "(IMDB's 0,1: --class-names negative,positive)."),
         QStringLiteral("names")},
        {kTarget, QStringLiteral("Series: the column to forecast."), QStringLiteral("name")},
        {kInputs, QStringLiteral("Series: input columns, comma separated (default: the target alone)."), QStringLiteral("names")},
        {kTimeColumn, QStringLiteral("Series: the time column (default: one named like date, time or year)."), QStringLiteral("name")},
        {kNoTime, QStringLiteral("Series: the file has no time column; rows are in time order.")},
        {kWindow, QStringLiteral("Series: window length W, the past steps each forecast sees (default 24)."), QStringLiteral("n")},
        {kHorizon, QStringLiteral("Series: forecast the target H steps after the window (default 1)."), QStringLiteral("n")},
        {kMultiStep, QStringLiteral("Series: forecast all of the next H values, not only the H-th.")},
        {kNormalize, QStringLiteral("Series: z-score (default), min-max or none; fitted on training data only."), QStringLiteral("kind")},
        {kMissing, QStringLiteral("Series, UCR: missing values: refuse (default), interpolate, or drop the windows/sequences."),
         QStringLiteral("policy")},
        {kZNormalize, QStringLiteral("UCR: z-normalize each sequence on its own.")},
    });
}

bool usesDataFile(const QCommandLineParser& parser)
{
    return parser.isSet(kData);
}

void addLabelledTextOptions(QCommandLineParser& parser, const QString& dataDescription)
{
    parser.addOptions({
        {kData, dataDescription, QStringLiteral("file")},
        {kFormat, QStringLiteral("csv, tsv, json, jsonl, folder or text (default: from the extension)."), QStringLiteral("format")},
        {kTextColumn, QStringLiteral("The column or field holding the text (default: text, sentence, review, ...)."), QStringLiteral("name")},
        {kLabelColumn, QStringLiteral("The column or field holding the label (default: label, class, sentiment, ...)."),
         QStringLiteral("name")},
    });
}

TextImportOptions textImportOptions(const QCommandLineParser& parser)
{
    TextImportOptions options;
    if (parser.isSet(kFormat) && !parseTextFormat(parser.value(kFormat), &options.format))
        throw UsageError(QStringLiteral("--%1 must be csv, tsv, json, jsonl, folder or text, not \"%2\".")
                             .arg(kFormat, parser.value(kFormat)));
    options.textField = parser.value(kTextColumn);
    options.labelField = parser.value(kLabelColumn);
    return options;
}

TrainingData loadTrainingData(const QCommandLineParser& parser, const TrainingConfig& training)
{
    switch (dataKind(parser)) {
    case DataKind::Text: {
        const TextCorpus corpus = importTextData(parser);
        const DataSplit records = splitItems(corpus.size(), training.splitPlan(), /*ordered=*/false);
        const TextEncoding encoding = fitTextEncoding(corpus, textOptions(parser), records.train);
        std::vector<int64_t> exampleRecords;
        Dataset data = encodeCorpus(corpus, encoding, {}, &exampleRecords);
        data.groups = std::move(exampleRecords);  // splits keep the pieces of one text together
        return noted(std::move(data), corpusNotes(corpus));
    }
    case DataKind::Series: {
        const ForecastSpec spec = forecastSpec(parser, training);
        SeriesReadOptions read;
        read.columns = spec.columnsToRead();
        return forecastData(readForecastTable(parser, read), spec);
    }
    case DataKind::Ucr:
        return ucrData(parser, UcrOptions{missingPolicy(parser), parser.isSet(kZNormalize)});
    }
    throw UsageError(QStringLiteral("Unknown data kind."));
}

TrainingData reloadTrainingData(const QCommandLineParser& parser, const RunState& saved)
{
    const QJsonObject& preprocessing = saved.preprocessing;
    if (isForecastPreprocessing(preprocessing)) {
        ForecastSpec spec = forecastSpecFrom(preprocessing);
        spec.validationFraction = saved.training.validationFraction;
        spec.testFraction = saved.training.testFraction;
        return forecastData(readForecastTable(parser, forecastReadOptions(preprocessing, /*includeTarget=*/true)), spec);
    }
    if (isUcrPreprocessing(preprocessing)) {
        MissingPolicy missing = MissingPolicy::Refuse;
        parseMissingPolicy(preprocessing.value(QStringLiteral("missing")).toString(), &missing);
        return ucrData(parser, UcrOptions{missing, preprocessing.value(QStringLiteral("zNormalize")).toBool()});
    }
    // Text: the saved vocabulary and classes, so the examples are the ones the run trained on.
    const TextCorpus corpus = importTextData(parser);
    const TextEncoding encoding{preprocessing, saved.vocabulary, saved.labels};
    std::vector<int64_t> exampleRecords;
    Dataset data = encodeCorpus(corpus, encoding, {}, &exampleRecords);
    data.groups = std::move(exampleRecords);
    return noted(std::move(data), corpusNotes(corpus));
}

} // namespace studio::cli
