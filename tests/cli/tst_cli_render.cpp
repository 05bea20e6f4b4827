// attention-cli render end to end: figures of tiny models trained here, checked as files a reader
// would open (PNG decodes at the size asked for, SVG parses, PDF has its page), raw weights equal
// to what `infer` reports, and bad requests answered by one sentence, an exit code and no file.

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include "CliRunner.h"
#include "data/CsvReader.h"

#include <cmath>
#include <memory>
#include <vector>

using namespace studio::testing;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr double kPointsPerPixel = 0.75;  // a PDF page is the figure at 96 dpi, in points
constexpr int kSpikeSteps = 30;           // the spike task's length
// Fewer colours than this and the "figure" is a blank or single-colour area, not a drawing.
constexpr int kMinColours = 12;

const QString kText = QStringLiteral("the film was not good but the ending was great");

// Distinct colours on a grid of every third pixel: cheap, and enough to tell a drawing from a fill.
int colourCount(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

// Share of pixels that differ between two images of the same size.
double differingShare(const QImage& a, const QImage& b)
{
    const QImage left = a.convertToFormat(QImage::Format_RGB32);
    const QImage right = b.convertToFormat(QImage::Format_RGB32);
    qint64 differing = 0;
    for (int y = 0; y < left.height(); ++y)
        for (int x = 0; x < left.width(); ++x)
            differing += left.pixel(x, y) != right.pixel(x, y) ? 1 : 0;
    return static_cast<double>(differing) / (static_cast<double>(left.width()) * left.height());
}

// Most of each run is the process starting (loading LibTorch and Qt), so independent runs go
// side by side, a few at a time; results come back in the order of `commands`.
constexpr int kConcurrentRuns = 4;

QList<CliRun> runConcurrently(const QList<QStringList>& commands, const QProcessEnvironment& environment =
                                                                      QProcessEnvironment::systemEnvironment())
{
    QList<CliRun> runs(commands.size());
    for (qsizetype first = 0; first < commands.size(); first += kConcurrentRuns) {
        std::vector<std::unique_ptr<QProcess>> processes;
        const qsizetype end = std::min<qsizetype>(first + kConcurrentRuns, commands.size());
        for (qsizetype i = first; i < end; ++i) {
            processes.push_back(std::make_unique<QProcess>());
            processes.back()->setProcessEnvironment(environment);
            processes.back()->start(QStringLiteral(ATTENTION_CLI_PATH), commands.at(i));
        }
        for (qsizetype i = first; i < end; ++i) {
            runs[i] = finishRun(*processes[static_cast<size_t>(i - first)]);
        }
    }
    return runs;
}

QStringList fileNames(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

// `run` finished by itself with exit code 0; `what` (a QString) names the case in the failure message.
#define VERIFY_OK(run, what)                                                                                   \
    QVERIFY2((run).finished && (run).status == QProcess::NormalExit && (run).exitCode == kExitOk,              \
             qPrintable((what) + QStringLiteral(": ") + (run).describe()))

// `object` is the JSON object `run` printed.
#define PARSE_JSON(object, run)                                                        \
    QString object##Problem;                                                           \
    const QJsonObject object = parseObject((run).out, &object##Problem);               \
    QVERIFY2(object##Problem.isEmpty(), qPrintable(object##Problem))

class TestCliRender : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model;  // keyword task, additive attention: {T}
    QString m_self;   // keyword task, self-attention: {T, T}
    QString m_none;   // keyword task, no attention
    QString m_spike;  // spike task, a series model
    QString m_seriesCsv;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // `render --format json` of the model on the text (or, for the spike model, the series).
    QStringList render(const QString& model, const QString& out, const QStringList& options = {}) const
    {
        const bool series = model == m_spike;
        return QStringList{QStringLiteral("render"), QStringLiteral("--format"), QStringLiteral("json"),
                           QStringLiteral("--model"), model, series ? QStringLiteral("--series") : QStringLiteral("--text"),
                           series ? m_seriesCsv : kText, QStringLiteral("--out"), out}
            + options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY(m_dir.isValid());
        m_model = path(QStringLiteral("m.asmodel"));
        m_self = path(QStringLiteral("self.asmodel"));
        m_none = path(QStringLiteral("none.asmodel"));
        m_spike = path(QStringLiteral("spike.asmodel"));
        const QStringList tiny{QStringLiteral("train"), QStringLiteral("--task-count"), QStringLiteral("120"),
                               QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--hidden"), QStringLiteral("6")};
        const QStringList keyword = tiny + QStringList{QStringLiteral("--task"), QStringLiteral("keyword"),
                                                       QStringLiteral("--embedding"), QStringLiteral("5")};
        const QList<CliRun> runs = runConcurrently({
            keyword + QStringList{QStringLiteral("--out"), m_model},
            keyword + QStringList{QStringLiteral("--attention"), QStringLiteral("self"), QStringLiteral("--out"), m_self},
            keyword + QStringList{QStringLiteral("--attention"), QStringLiteral("none"), QStringLiteral("--out"), m_none},
            tiny + QStringList{QStringLiteral("--task"), QStringLiteral("spike"), QStringLiteral("--out"), m_spike},
        });
        for (const CliRun& run : runs)
            VERIFY_OK(run, QStringLiteral("train"));

        // One spike in a quiet series, with a header naming the feature.
        m_seriesCsv = path(QStringLiteral("series.csv"));
        QFile csv(m_seriesCsv);
        QVERIFY(csv.open(QIODevice::WriteOnly | QIODevice::Text));
        csv.write("signal\n");
        for (int t = 0; t < kSpikeSteps; ++t)
            csv.write(QByteArray::number(t == 17 ? 3.0 : 0.2 * std::sin(t), 'f', 4) + '\n');
    }

    void helpListsRender()
    {
        const QList<CliRun> runs = runConcurrently({{QStringLiteral("--help")}, {QStringLiteral("help"), QStringLiteral("render")}});
        VERIFY_OK(runs.at(0), QStringLiteral("--help"));
        QVERIFY(runs.at(0).out.contains("  render"));
        VERIFY_OK(runs.at(1), QStringLiteral("help render"));
        for (const char* option : {"--out", "--view", "--width", "--scale", "--colormap", "--range", "--weights", "--compare"})
            QVERIFY2(runs.at(1).out.contains(option), option);
    }

    // Every view at an explicit size: the PNG has exactly width*scale × height*scale pixels, and
    // something is drawn in it; auto picks what the window shows for the answer's shape.
    void pngHasTheRequestedSize()
    {
        struct Case {
            const char* name;
            QString model;
            QString view;
            QString resolved;
            int width;
            int height;
            double scale;
        };
        const QList<Case> cases{
            {"auto text", m_model, QStringLiteral("auto"), QStringLiteral("tokens+row"), 640, 300, 1.0},
            {"tokens x2", m_model, QStringLiteral("tokens"), QStringLiteral("tokens"), 500, 120, 2.0},
            {"row x1.5", m_model, QStringLiteral("row"), QStringLiteral("row"), 640, 200, 1.5},
            {"auto self-attention", m_self, QStringLiteral("auto"), QStringLiteral("matrix"), 500, 450, 1.0},
            {"auto series", m_spike, QStringLiteral("auto"), QStringLiteral("series"), 700, 380, 1.0},
            {"series as row", m_spike, QStringLiteral("row"), QStringLiteral("row"), 600, 180, 1.0},
        };
        QList<QStringList> commands;
        for (const Case& c : cases)
            commands << render(c.model, path(QStringLiteral("size-%1.png").arg(commands.size())),
                               {QStringLiteral("--view"), c.view, QStringLiteral("--width"), QString::number(c.width),
                                QStringLiteral("--height"), QString::number(c.height), QStringLiteral("--scale"),
                                QString::number(c.scale)});
        const QList<CliRun> runs = runConcurrently(commands);
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const Case& c = cases.at(i);
            const QString name = QString::fromLatin1(c.name);
            VERIFY_OK(runs.at(i), name);
            PARSE_JSON(json, runs.at(i));
            const QString out = path(QStringLiteral("size-%1.png").arg(i));
            const QJsonObject figure = json.value(QStringLiteral("figure")).toObject();
            QCOMPARE(figure.value(QStringLiteral("view")).toString(), c.resolved);
            QCOMPARE(figure.value(QStringLiteral("width")).toInt(), c.width);
            QCOMPARE(figure.value(QStringLiteral("height")).toInt(), c.height);
            QCOMPARE(json.value(QStringLiteral("files")).toArray(), QJsonArray{out});
            QImage image;
            QVERIFY2(image.load(out, "PNG"), qPrintable(name));
            QCOMPARE(image.size(), QSize(qRound(c.width * c.scale), qRound(c.height * c.scale)));
            QVERIFY2(colourCount(image) >= kMinColours, qPrintable(name + QStringLiteral(": %1 colours").arg(colourCount(image))));
        }
    }

    // Without --height the figure is as tall as its view needs, and says so: the text over its
    // row is taller than the row alone.
    void naturalHeightIsReported()
    {
        const QStringList views{QStringLiteral("row"), QStringLiteral("auto")};
        const QList<CliRun> runs = runConcurrently({
            render(m_model, path(QStringLiteral("natural-row.png")), {QStringLiteral("--view"), views.at(0)}),
            render(m_model, path(QStringLiteral("natural-auto.png")), {QStringLiteral("--view"), views.at(1)}),
        });
        int heights[2] = {0, 0};
        for (int i = 0; i < 2; ++i) {
            VERIFY_OK(runs.at(i), views.at(i));
            PARSE_JSON(json, runs.at(i));
            const QJsonObject figure = json.value(QStringLiteral("figure")).toObject();
            heights[i] = figure.value(QStringLiteral("height")).toInt();
            const QImage image(path(QStringLiteral("natural-%1.png").arg(views.at(i))));
            QCOMPARE(image.size(), QSize(figure.value(QStringLiteral("width")).toInt(), heights[i]));
        }
        QVERIFY2(heights[0] > 50, qPrintable(QString::number(heights[0])));
        QVERIFY2(heights[1] > heights[0], qPrintable(QStringLiteral("%1 vs %2").arg(heights[1]).arg(heights[0])));
    }

    // SVG parses, at the figure's size, with the tokens as text; the PDF is one page of the
    // figure's size (96 dpi: a logical pixel is 0.75 point).
    void vectorFiles()
    {
        const QString svgPath = path(QStringLiteral("figure.svg"));
        const QString pdfPath = path(QStringLiteral("figure.pdf"));
        const QList<CliRun> runs = runConcurrently({
            render(m_model, svgPath, {QStringLiteral("--width"), QStringLiteral("700")}),
            render(m_self, pdfPath, {QStringLiteral("--width"), QStringLiteral("600"), QStringLiteral("--height"), QStringLiteral("520")}),
        });
        VERIFY_OK(runs.at(0), QStringLiteral("svg"));
        VERIFY_OK(runs.at(1), QStringLiteral("pdf"));
        PARSE_JSON(json, runs.at(0));

        QFile svgFile(svgPath);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svg = svgFile.readAll();
        QXmlStreamReader reader(svg);
        QString root;
        QString viewBox;
        int texts = 0;
        while (!reader.atEnd()) {
            if (reader.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (root.isEmpty()) {
                root = reader.name().toString();
                viewBox = reader.attributes().value(QStringLiteral("viewBox")).toString();
            }
            texts += reader.name() == QLatin1String("text") ? 1 : 0;
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(root, QStringLiteral("svg"));
        const int height = json.value(QStringLiteral("figure")).toObject().value(QStringLiteral("height")).toInt();
        QCOMPARE(viewBox, QStringLiteral("0 0 700 %1").arg(height));
        // Vector output: the tokens are text elements (in the flow and as axis labels), not pixels.
        QVERIFY2(texts >= 10, qPrintable(QString::number(texts)));
        QVERIFY(svg.count(">great<") >= 2);

        QFile pdfFile(pdfPath);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdf = pdfFile.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        const QRegularExpressionMatch box =
            QRegularExpression(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]")).match(QString::fromLatin1(pdf));
        QVERIFY(box.hasMatch());
        QCOMPARE(box.captured(1).toDouble(), 600 * kPointsPerPixel);
        QCOMPARE(box.captured(2).toDouble(), 520 * kPointsPerPixel);
    }

    // The weights files hold exactly what infer reports for the same model and text, and the
    // JSON names the files and repeats infer's shape, prediction and label.
    void weightsEqualInfer()
    {
        // CSV has a row per map row, so it is checked for both shapes; JSON is flat for any shape.
        const QList<QPair<QString, QString>> cases{
            {m_model, QStringLiteral("json")}, {m_model, QStringLiteral("csv")}, {m_self, QStringLiteral("csv")},
        };
        QList<QStringList> commands;
        for (const QString& model : {m_model, m_self})
            commands << QStringList{QStringLiteral("infer"), QStringLiteral("--model"), model, QStringLiteral("--text"), kText,
                                    QStringLiteral("--format"), QStringLiteral("json")};
        for (qsizetype i = 0; i < cases.size(); ++i)
            commands << render(cases.at(i).first, path(QStringLiteral("weights-%1.png").arg(i)),
                               {QStringLiteral("--weights"), path(QStringLiteral("weights-%1.%2").arg(i).arg(cases.at(i).second))});
        const QList<CliRun> runs = runConcurrently(commands);

        for (qsizetype i = 0; i < cases.size(); ++i) {
            const auto& [model, suffix] = cases.at(i);
            const QString name = QStringLiteral("%1 %2").arg(QFileInfo(model).fileName(), suffix);
            const CliRun& infer = runs.at(model == m_model ? 0 : 1);
            VERIFY_OK(infer, name);
            PARSE_JSON(inferred, infer);
            const QJsonObject attention = inferred.value(QStringLiteral("attention")).toObject();
            const QJsonArray expected = attention.value(QStringLiteral("values")).toArray();
            const QJsonArray shape = attention.value(QStringLiteral("shape")).toArray();
            QVERIFY(!expected.isEmpty());

            VERIFY_OK(runs.at(2 + i), name);
            PARSE_JSON(json, runs.at(2 + i));
            const QString out = path(QStringLiteral("weights-%1.png").arg(i));
            const QString weights = path(QStringLiteral("weights-%1.%2").arg(i).arg(suffix));
            QCOMPARE(json.value(QStringLiteral("files")).toArray(), (QJsonArray{out, weights}));
            QCOMPARE(json.value(QStringLiteral("shape")).toArray(), shape);
            QCOMPARE(json.value(QStringLiteral("prediction")).toArray(), inferred.value(QStringLiteral("prediction")).toArray());
            QCOMPARE(json.value(QStringLiteral("label")).toString(), inferred.value(QStringLiteral("label")).toString());
            QCOMPARE(json.value(QStringLiteral("tokens")).toArray(), inferred.value(QStringLiteral("tokens")).toArray());
            QVERIFY(QFile::exists(out));

            QFile file(weights);
            QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(name));
            const QByteArray bytes = file.readAll();
            QJsonArray values;
            if (suffix == QLatin1String("json")) {
                const QJsonObject written = QJsonDocument::fromJson(bytes).object();
                QCOMPARE(written.value(QStringLiteral("shape")).toArray(), shape);
                QCOMPARE(written.value(QStringLiteral("tokens")).toArray(), inferred.value(QStringLiteral("tokens")).toArray());
                values = written.value(QStringLiteral("values")).toArray();
            } else {
                // A header row of labels, then one row per map row led by its name (a label may be
                // a quoted "," token: read by the app's own RFC 4180 reader).
                studio::CsvReader reader(weights, studio::CsvOptions{QLatin1Char(','), /*hasHeader=*/true});
                const int rows = shape.size() == 2 ? shape.at(0).toInt() : 1;
                QCOMPARE(reader.header().size(), qsizetype(shape.last().toInt()) + 1);
                QStringList cells;
                int read = 0;
                while (reader.next(&cells)) {
                    ++read;
                    for (int column = 1; column < cells.size(); ++column)
                        values.append(cells.at(column).toDouble());
                }
                QCOMPARE(read, rows);
            }
            QCOMPARE(values.size(), expected.size());
            // Nine significant digits read back as the same float the model produced.
            for (int v = 0; v < values.size(); ++v)
                QCOMPARE(static_cast<float>(values.at(v).toDouble()), static_cast<float>(expected.at(v).toDouble()));
        }
    }

    // --colormap and --range reach the pixels; the same request draws the same picture.
    void colorOptionsChangeThePixels()
    {
        const QStringList row{QStringLiteral("--view"), QStringLiteral("row"), QStringLiteral("--width"), QStringLiteral("400"),
                              QStringLiteral("--height"), QStringLiteral("160")};
        const QStringList names{QStringLiteral("viridis"), QStringLiteral("again"), QStringLiteral("magma"), QStringLiteral("fixed")};
        const QList<CliRun> runs = runConcurrently({
            render(m_model, path(QStringLiteral("viridis.png")), row),
            render(m_model, path(QStringLiteral("again.png")), row + QStringList{QStringLiteral("--colormap"), QStringLiteral("viridis")}),
            render(m_model, path(QStringLiteral("magma.png")), row + QStringList{QStringLiteral("--colormap"), QStringLiteral("magma")}),
            render(m_model, path(QStringLiteral("fixed.png")), row + QStringList{QStringLiteral("--range"), QStringLiteral("0:1")}),
        });
        QList<QImage> images;
        for (int i = 0; i < runs.size(); ++i) {
            VERIFY_OK(runs.at(i), names.at(i));
            images << QImage(path(names.at(i) + QStringLiteral(".png")));
            QCOMPARE(images.last().size(), QSize(400, 160));
        }
        QCOMPARE(differingShare(images.at(0), images.at(1)), 0.0);
        // The cells fill most of the plot: a different colormap recolours a large share of it.
        const double recoloured = differingShare(images.at(0), images.at(2));
        QVERIFY2(recoloured > 0.2, qPrintable(QString::number(recoloured)));
        // The weights of a barely trained model sit near 1/T: on a 0..1 scale they change colour.
        const double rescaled = differingShare(images.at(0), images.at(3));
        QVERIFY2(rescaled > 0.1, qPrintable(QString::number(rescaled)));
    }

    void compareStacksRowsAndDifferences()
    {
        const QString out = path(QStringLiteral("compare.png"));
        const CliRun run = runCli(render(m_model, out, {QStringLiteral("--compare"), m_self}));
        VERIFY_OK(run, QStringLiteral("compare"));
        PARSE_JSON(json, run);
        const QJsonObject figure = json.value(QStringLiteral("figure")).toObject();
        QCOMPARE(figure.value(QStringLiteral("view")).toString(), QStringLiteral("compare"));
        const QJsonArray models = json.value(QStringLiteral("models")).toArray();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models.at(1).toObject().value(QStringLiteral("model")).toString(), m_self);
        QCOMPARE(models.at(1).toObject().value(QStringLiteral("shape")).toArray().size(), 2);
        // The self-attention map is compared through its per-step summary: no row is left out.
        for (const QJsonValue& warning : json.value(QStringLiteral("warnings")).toArray())
            QVERIFY2(!warning.toString().contains(QLatin1String("No difference")), qPrintable(warning.toString()));
        // Two model rows and one difference row: as tall as three rows of the default height.
        const QImage image(out);
        QCOMPARE(image.size(), QSize(figure.value(QStringLiteral("width")).toInt(), figure.value(QStringLiteral("height")).toInt()));
        QVERIFY2(image.height() >= 3 * 150, qPrintable(QString::number(image.height())));
        QVERIFY(colourCount(image) >= kMinColours);
    }

    // --view explain (issue 13): the attention beside each attribution, one strip per method, with
    // the report under them. A model without attention has two strips fewer (no α, no α·‖h‖), so
    // its figure is shorter at the same width; a series model explains too; several models do not.
    void explainViewStacksEveryMethod()
    {
        const QStringList names{QStringLiteral("additive"), QStringLiteral("none"), QStringLiteral("series")};
        const QList<CliRun> runs = runConcurrently({
            render(m_model, path(QStringLiteral("explain-additive.png")), {QStringLiteral("--view"), QStringLiteral("explain")}),
            render(m_none, path(QStringLiteral("explain-none.png")), {QStringLiteral("--view"), QStringLiteral("explain")}),
            render(m_spike, path(QStringLiteral("explain-series.png")), {QStringLiteral("--view"), QStringLiteral("explain")}),
            render(m_model, path(QStringLiteral("explain-compare.png")),
                   {QStringLiteral("--view"), QStringLiteral("explain"), QStringLiteral("--compare"), m_self}),
        });
        int heights[3] = {0, 0, 0};
        for (int i = 0; i < 3; ++i) {
            VERIFY_OK(runs.at(i), names.at(i));
            PARSE_JSON(json, runs.at(i));
            const QJsonObject figure = json.value(QStringLiteral("figure")).toObject();
            QCOMPARE(figure.value(QStringLiteral("view")).toString(), QStringLiteral("explain"));
            heights[i] = figure.value(QStringLiteral("height")).toInt();
            const QImage image(path(QStringLiteral("explain-%1.png").arg(names.at(i))));
            QCOMPARE(image.size(), QSize(figure.value(QStringLiteral("width")).toInt(), heights[i]));
            QVERIFY(colourCount(image) >= kMinColours);
        }
        QVERIFY2(heights[0] > heights[1] + 100, qPrintable(QStringLiteral("%1 vs %2").arg(heights[0]).arg(heights[1])));
        QCOMPARE(runs.at(3).exitCode, kExitUsage);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("explain-compare.png"))));
    }

    // Every refusal: one sentence on stderr, nothing on stdout, the right exit code, and no file
    // (not even a temporary one) in the output folder.
    void errors()
    {
        struct Case {
            const char* name;
            QStringList arguments;  // placeholders: MODEL, SELF, NONE, SPIKE, MISSING, NOWHERE, EMPTY
            int exitCode;
            QString mentions;
        };
        const QString text = QStringLiteral("--text");
        const QString model = QStringLiteral("--model");
        const QList<Case> cases{
            {"missing model", {model, QStringLiteral("MISSING"), text, kText}, kExitFailure, QStringLiteral("does not exist")},
            {"no attention", {model, QStringLiteral("NONE"), text, kText}, kExitFailure, QStringLiteral("no attention")},
            {"unwritable figure", {model, QStringLiteral("MODEL"), text, kText, QStringLiteral("--out"), QStringLiteral("NOWHERE/f.png")},
             kExitFailure, QStringLiteral("f.png")},
            // The figure would go to the empty folder: it must not be written either.
            {"unwritable weights", {model, QStringLiteral("MODEL"), text, kText, QStringLiteral("--weights"), QStringLiteral("NOWHERE/w.csv")},
             kExitFailure, QStringLiteral("w.csv")},
            {"reversed range", {model, QStringLiteral("MODEL"), text, kText, QStringLiteral("--range"), QStringLiteral("0.5:0.1")},
             kExitUsage, QStringLiteral("--range")},
            {"range of words", {model, QStringLiteral("MODEL"), text, kText, QStringLiteral("--range"), QStringLiteral("low:high")},
             kExitUsage, QStringLiteral("--range")},
            {"unknown format", {model, QStringLiteral("MODEL"), text, kText, QStringLiteral("--out"), QStringLiteral("EMPTY/f.gif")},
             kExitUsage, QStringLiteral(".png")},
            {"series view of text", {model, QStringLiteral("MODEL"), text, kText, QStringLiteral("--view"), QStringLiteral("series")},
             kExitUsage, QStringLiteral("--series")},
            {"text to a series model", {model, QStringLiteral("SPIKE"), text, kText}, kExitFailure, QStringLiteral("series")},
            {"no words", {model, QStringLiteral("MODEL"), text, QStringLiteral("  ")}, kExitUsage, QStringLiteral("--text")},
            {"compare as matrix", {model, QStringLiteral("MODEL"), text, kText, QStringLiteral("--compare"), QStringLiteral("SELF"),
                                   QStringLiteral("--view"), QStringLiteral("matrix")},
             kExitUsage, QStringLiteral("--compare")},
        };
        const QHash<QString, QString> stand{
            {QStringLiteral("MISSING"), path(QStringLiteral("missing.asmodel"))},
            {QStringLiteral("NONE"), m_none}, {QStringLiteral("MODEL"), m_model}, {QStringLiteral("SELF"), m_self},
            {QStringLiteral("SPIKE"), m_spike},
        };
        const QString nowhere = path(QStringLiteral("no-such-folder"));
        QList<QStringList> commands;
        QStringList folders;
        for (const Case& c : cases) {
            const QString empty = path(QStringLiteral("errors-%1").arg(folders.size()));
            QVERIFY(QDir().mkpath(empty));
            folders << empty;
            QStringList arguments{QStringLiteral("render")};
            for (const QString& argument : c.arguments) {
                QString value = stand.value(argument, argument);
                value.replace(QLatin1String("NOWHERE"), nowhere);
                value.replace(QLatin1String("EMPTY"), empty);
                arguments << value;
            }
            if (!c.arguments.contains(QStringLiteral("--out")))
                arguments << QStringLiteral("--out") << QDir(empty).filePath(QStringLiteral("figure.png"));
            commands << arguments;
        }
        const QList<CliRun> runs = runConcurrently(commands);
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const CliRun& run = runs.at(i);
            const QString name = QString::fromLatin1(cases.at(i).name);
            const QString context = name + QStringLiteral(": ") + run.describe();
            QVERIFY2(run.finished && run.status == QProcess::NormalExit, qPrintable(context));
            QVERIFY2(run.exitCode == cases.at(i).exitCode, qPrintable(context));
            QVERIFY2(run.out.isEmpty(), qPrintable(context));
            const QString error = QString::fromUtf8(run.err).trimmed();
            QVERIFY2(error.startsWith(QLatin1String("attention-cli: ")) && !error.contains(QLatin1Char('\n')), qPrintable(context));
            QVERIFY2(error.contains(cases.at(i).mentions), qPrintable(context));
            QVERIFY2(fileNames(folders.at(i)).isEmpty(), qPrintable(name + QStringLiteral(": ") + fileNames(folders.at(i)).join(QLatin1Char(' '))));
        }
        QVERIFY(!QDir(nowhere).exists());
    }

    // render needs no display (offscreen unless QT_QPA_PLATFORM says otherwise), and the other
    // commands need no GUI platform at all: not even one that does not exist stops them.
    void noDisplayNeeded()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            environment.remove(QString::fromLatin1(name));
        const QString out = path(QStringLiteral("headless.png"));
        const CliRun headless = runConcurrently({render(m_model, out)}, environment).constFirst();
        VERIFY_OK(headless, QStringLiteral("render without a display"));
        QVERIFY(!QImage(out).isNull());

        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("no-such-platform"));
        const CliRun tasks = runConcurrently({{QStringLiteral("tasks")}}, environment).constFirst();
        VERIFY_OK(tasks, QStringLiteral("tasks with no platform"));
        QVERIFY(tasks.out.contains("keyword"));
    }
};

QTEST_GUILESS_MAIN(TestCliRender)
#include "tst_cli_render.moc"
