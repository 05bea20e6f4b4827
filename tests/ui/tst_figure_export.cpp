// Every view to PNG, SVG and PDF at a chosen size, and raw weights to CSV and JSON: the files are
// checked as a reader would (decode, parse), and failures name the file.

#include "views/AttentionMatrixView.h"
#include "figures/FigureExport.h"
#include "views/HeatmapPlot.h"
#include "views/SeriesAttentionView.h"
#include "views/TokenAttentionView.h"
#include "display/WeightsExport.h"
#include "data/CsvReader.h"

#include <qcustomplot.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The file as the app's one CSV reader reads it back: every row a record, the header too.
QList<QStringList> parseCsv(const QString& path)
{
    QList<QStringList> rows;
    CsvOptions options{QLatin1Char(','), /*hasHeader=*/false};
    CsvReader reader(path, options);
    QStringList row;
    while (reader.next(&row))
        rows << row;
    return rows;
}

AttentionMap sampleMatrix()
{
    // Tokens a CSV writer must quote: comma, quote, leading space; values needing 9 digits.
    AttentionMap map;
    map.shape = {3, 3};
    map.values = {0.123456789f, 1e-8f, 0.876543f, 1.0f / 3.0f, 1.0f / 3.0f, 1.0f / 3.0f, 0.0f, 0.25f, 0.75f};
    map.tokens = {QStringLiteral("hello, world"), QStringLiteral("say \"hi\""), QStringLiteral(" 你好")};
    return map;
}

} // namespace

class FigureExportTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY(m_dir.isValid());
        m_matrix.resize(500, 400);
        m_matrix.setAttention(sampleMatrix());
        SeriesData series;
        series.names = {QStringLiteral("level")};
        series.features = {{1.0, 3.0, 2.0, 5.0, 4.0, 6.0}};
        m_series.setSeries(series);
        m_series.setAttention(AttentionMap{{6}, {0.1f, 0.1f, 0.1f, 0.4f, 0.2f, 0.1f}, {}});
        m_series.resize(500, 400);
        AttentionMap text{{4}, {0.1f, 0.5f, 0.3f, 0.1f}, {QStringLiteral("这"), QStringLiteral("movie"), QStringLiteral("is"), QStringLiteral("great")}};
        m_tokens.setAttention(text);
        m_tokens.resize(300, m_tokens.heightForWidth(300));
    }

    void figures_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("suffix");
        for (const char* view : {"matrix", "series", "tokens"}) {
            for (const char* suffix : {"png", "svg", "pdf"})
                QTest::addRow("%s.%s", view, suffix) << QString::fromLatin1(view) << QString::fromLatin1(suffix);
        }
    }

    void figures()
    {
        QFETCH(QString, view);
        QFETCH(QString, suffix);
        QWidget* widget = view == QLatin1String("matrix") ? static_cast<QWidget*>(m_matrix.plot())
            : view == QLatin1String("series")              ? static_cast<QWidget*>(m_series.plot())
                                                           : static_cast<QWidget*>(&m_tokens);
        const QSize sizeBefore = widget->size();
        const QString path = m_dir.filePath(view + QLatin1Char('.') + suffix);
        FigureSize size;
        size.width = 640;
        size.height = 360;
        size.scale = 1.5;
        const ExportResult result = exportFigure(widget, path, size);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(widget->size(), sizeBefore);  // the view is left as it was
        const QByteArray bytes = readAll(path);
        QVERIFY(!bytes.isEmpty());

        if (suffix == QLatin1String("png")) {
            const QImage image(path);
            QVERIFY(!image.isNull());
            QCOMPARE(image.size(), QSize(960, 540));
            QCOMPARE(image.dotsPerMeterX(), qRound(96 * 1.5 / 0.0254));
            // Something was drawn: the image is not one flat colour.
            const QImage small = image.convertToFormat(QImage::Format_RGB32);
            bool varied = false;
            for (int y = 0; y < small.height() && !varied; y += 7)
                for (int x = 0; x < small.width() && !varied; x += 7)
                    varied = small.pixel(x, y) != small.pixel(0, 0);
            QVERIFY(varied);
        } else if (suffix == QLatin1String("svg")) {
            QXmlStreamReader xml(bytes);
            bool sawSvg = false;
            int elements = 0;
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement) {
                    sawSvg = sawSvg || xml.name() == QLatin1String("svg");
                    ++elements;
                }
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QVERIFY(sawSvg);
            QVERIFY(elements > 5);
            QSvgRenderer renderer(path);
            QVERIFY(renderer.isValid());
            QCOMPARE(renderer.viewBox(), QRect(0, 0, 640, 360));
        } else {
            QVERIFY(bytes.startsWith("%PDF"));
            QVERIFY(bytes.trimmed().endsWith("%%EOF"));
            // One page of 640 × 360 logical pixels at 96 dpi = 480 × 270 points.
            const QRegularExpression mediaBox(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
            const QRegularExpressionMatch match = mediaBox.match(QString::fromLatin1(bytes));
            QVERIFY(match.hasMatch());
            QCOMPARE(qRound(match.captured(1).toDouble()), 480);
            QCOMPARE(qRound(match.captured(2).toDouble()), 270);
        }
    }

    void wholeTextFigure()
    {
        // The token view's natural figure holds every token, however long the text.
        TokenAttentionView view;
        AttentionMap text;
        for (int i = 0; i < 400; ++i) {
            text.tokens << QStringLiteral("token%1").arg(i);
            text.values.push_back(1.0f / 400.0f);
        }
        text.shape = {400};
        view.setAttention(text);
        view.resize(300, 200);
        const FigureSize size = naturalFigureSize(&view, 500);
        QCOMPARE(size.height, view.heightForWidth(500));
        QVERIFY(size.height > 200);
        const QString path = m_dir.filePath(QStringLiteral("whole.png"));
        QVERIFY(exportFigure(&view, path, size).ok());
        QCOMPARE(QImage(path).size(), QSize(500, size.height));
        QCOMPARE(view.size(), QSize(300, 200));
    }

    void csvRoundTrip()
    {
        const AttentionMap map = sampleMatrix();
        const QString path = m_dir.filePath(QStringLiteral("weights.csv"));
        const ExportResult result = exportWeightsCsv(map, path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QList<QStringList> rows = parseCsv(path);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0), (QStringList{QString()} + map.tokens));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(rows.at(i + 1).size(), 4);
            QCOMPARE(rows.at(i + 1).at(0), map.tokens.at(i));
            for (int j = 0; j < 3; ++j)
                QCOMPARE(rows.at(i + 1).at(j + 1).toFloat(), map.values[i * 3 + j]);  // exact
        }

        // A {T} map: tokens across the header, one row of weights.
        const AttentionMap vector{{2}, {0.3f, 0.7f}, {QStringLiteral("a"), QStringLiteral("b")}};
        const QString vectorPath = m_dir.filePath(QStringLiteral("vector.csv"));
        QVERIFY(exportWeightsCsv(vector, vectorPath).ok());
        const QList<QStringList> one = parseCsv(vectorPath);
        QCOMPARE(one.size(), 2);
        QCOMPARE(one.at(0), (QStringList{QString(), QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(one.at(1).at(2).toFloat(), 0.7f);
    }

    void jsonRoundTrip()
    {
        const AttentionMap map = sampleMatrix();
        const QString path = m_dir.filePath(QStringLiteral("weights.json"));
        const ExportResult result = exportWeightsJson(map, path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(readAll(path), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value(QStringLiteral("shape")).toArray(), (QJsonArray{3, 3}));
        const QJsonArray values = object.value(QStringLiteral("values")).toArray();
        QCOMPARE(values.size(), 9);
        for (int i = 0; i < 9; ++i)
            QCOMPARE(static_cast<float>(values.at(i).toDouble()), map.values[i]);  // exact
        QStringList tokens;
        for (const QJsonValue& token : object.value(QStringLiteral("tokens")).toArray())
            tokens << token.toString();
        QCOMPARE(tokens, map.tokens);
        // A series map has no tokens and writes none.
        const QJsonObject series = QJsonDocument::fromJson(weightsJson(AttentionMap{{1}, {1.0f}, {}})).object();
        QVERIFY(!series.contains(QStringLiteral("tokens")));
    }

    void unwritablePathsAreReportedByName_data()
    {
        QTest::addColumn<QString>("suffix");
        for (const char* suffix : {"png", "svg", "pdf", "csv", "json"})
            QTest::newRow(suffix) << QString::fromLatin1(suffix);
    }

    void unwritablePathsAreReportedByName()
    {
        QFETCH(QString, suffix);
        // A directory that does not exist cannot hold the file (this holds even for root).
        const QString path = m_dir.filePath(QStringLiteral("no/such/folder/figure.") + suffix);
        ExportResult result;
        if (suffix == QLatin1String("csv"))
            result = exportWeightsCsv(sampleMatrix(), path);
        else if (suffix == QLatin1String("json"))
            result = exportWeightsJson(sampleMatrix(), path);
        else
            result = exportFigure(m_matrix.plot(), path, FigureSize{});
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QDir::toNativeSeparators(path)), qPrintable(result.error));
        QVERIFY(!QFile::exists(path));
    }

    void badRequestsAreRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("figure.bmp"));
        ExportResult result = exportFigure(m_matrix.plot(), path, FigureSize{});
        QVERIFY(!result.ok());
        QVERIFY(result.error.contains(path));
        result = exportFigure(m_matrix.plot(), m_dir.filePath(QStringLiteral("zero.png")), FigureSize{0, 100, 1.0});
        QVERIFY(!result.ok());
        const AttentionMap broken{{2, 2}, {0.5f}, {}};
        result = exportWeightsJson(broken, m_dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(!result.ok());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("broken.json"))));
    }

private:
    QTemporaryDir m_dir;
    AttentionMatrixView m_matrix;
    SeriesAttentionView m_series;
    TokenAttentionView m_tokens;
};

QTEST_MAIN(FigureExportTest)
#include "tst_figure_export.moc"
