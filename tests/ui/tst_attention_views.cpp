// The attention views with the data a model produces: colormaps, colour ranges, the token view's
// layout and hover, the heatmap's cells, and the series view's shared time axis.

#include "display/AttentionMapMath.h"
#include "views/AttentionMatrixView.h"
#include "views/AttentionRowView.h"
#include "display/ColorRange.h"
#include "colour/Colormap.h"
#include "views/HeatmapPlot.h"
#include "views/SeriesAttentionView.h"
#include "views/TokenAttentionView.h"

#include <qcustomplot.h>

#include <QPaintEngine>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QToolTip>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <climits>
#include <cmath>

using namespace studio;

namespace {

// WCAG relative luminance, written out here again so the test does not check the code with itself.
double luminance(const QColor& c)
{
    const auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

// A paint device that draws nothing and counts the pieces of text painted on it: how many tokens
// a view painted, whatever the machine's speed.
class TextCountingEngine : public QPaintEngine {
public:
    TextCountingEngine() : QPaintEngine(QPaintEngine::AllFeatures) {}
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawPath(const QPainterPath&) override {}
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawTextItem(const QPointF&, const QTextItem&) override { ++texts; }
    Type type() const override { return QPaintEngine::User; }
    int texts = 0;
};

class TextCountingDevice : public QPaintDevice {
public:
    explicit TextCountingDevice(QSize size) : m_size(size) {}
    QPaintEngine* paintEngine() const override { return &m_engine; }
    int texts() const { return m_engine.texts; }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        constexpr int kDpi = 96;
        switch (metric) {
        case PdmWidth: return m_size.width();
        case PdmHeight: return m_size.height();
        case PdmWidthMM: return m_size.width() * 254 / (10 * kDpi);
        case PdmHeightMM: return m_size.height() * 254 / (10 * kDpi);
        case PdmNumColors: return INT_MAX;
        case PdmDepth: return 32;
        case PdmDpiX: case PdmDpiY: case PdmPhysicalDpiX: case PdmPhysicalDpiY: return kDpi;
        case PdmDevicePixelRatio: return 1;
        case PdmDevicePixelRatioScaled: return static_cast<int>(devicePixelRatioFScale());
        }
        return 0;
    }

private:
    QSize m_size;
    mutable TextCountingEngine m_engine;
};

AttentionMap vectorMap(const std::vector<float>& weights, const QStringList& tokens = {})
{
    return AttentionMap{{static_cast<int64_t>(weights.size())}, weights, tokens};
}

// 600 tokens of varied length with distinct weights (a softmax over a smooth score).
AttentionMap longText()
{
    const QStringList words = {QStringLiteral("the"), QStringLiteral("attention"), QStringLiteral("is"),
                               QStringLiteral("注意力"), QStringLiteral("model"), QStringLiteral("unbelievably"),
                               QStringLiteral(","), QStringLiteral("模型")};
    AttentionMap map;
    map.shape = {600};
    double total = 0.0;
    std::vector<double> scores;
    for (int i = 0; i < 600; ++i) {
        map.tokens << words.at(i % words.size());
        scores.push_back(std::exp(std::sin(i * 0.37) * 2.0 + i * 1e-4));
        total += scores.back();
    }
    for (double s : scores)
        map.values.push_back(static_cast<float>(s / total));
    return map;
}

} // namespace

class AttentionViewsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void colormapEndpoints_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QColor>("low");
        QTest::addColumn<QColor>("high");
        // Published end colours of each map (matplotlib's tables, ColorBrewer's RdBu).
        QTest::newRow("viridis") << QStringLiteral("viridis") << QColor(0x44, 0x01, 0x54) << QColor(0xfd, 0xe7, 0x25);
        QTest::newRow("cividis") << QStringLiteral("cividis") << QColor(0, 34, 78) << QColor(254, 232, 56);
        QTest::newRow("magma") << QStringLiteral("magma") << QColor(0, 0, 4) << QColor(0xfc, 0xfd, 0xbf);
        QTest::newRow("blue-red") << QStringLiteral("blue-red") << QColor(0x05, 0x30, 0x61) << QColor(0x67, 0x00, 0x1f);
    }

    void colormapEndpoints()
    {
        QFETCH(QString, key);
        QFETCH(QColor, low);
        QFETCH(QColor, high);
        const std::optional<ColormapId> id = Colormap::fromKey(key);
        QVERIFY(id);
        const Colormap map(*id);
        QCOMPARE(map.colorAt(0.0), low);
        QCOMPARE(map.colorAt(1.0), high);
        // Outside [0, 1] and NaN clamp to the ends.
        QCOMPARE(map.colorAt(-3.0), low);
        QCOMPARE(map.colorAt(7.0), high);
        QCOMPARE(map.colorAt(std::nan("")), low);
        // The QCustomPlot gradient has the same ends.
        QCPColorGradient gradient = map.toGradient();  // color() is not const in QCustomPlot 2.1
        QCOMPARE(QColor(gradient.color(0.0, QCPRange(0.0, 1.0))), low);
        QCOMPARE(QColor(gradient.color(1.0, QCPRange(0.0, 1.0))), high);
    }

    void sequentialMapsGetLighter_data()
    {
        QTest::addColumn<int>("id");
        QTest::newRow("viridis") << int(ColormapId::Viridis);
        QTest::newRow("cividis") << int(ColormapId::Cividis);
        QTest::newRow("magma") << int(ColormapId::Magma);
    }

    void sequentialMapsGetLighter()
    {
        QFETCH(int, id);
        const Colormap map(static_cast<ColormapId>(id));
        constexpr int kSamples = 64;
        double previous = -1.0;
        for (int i = 0; i < kSamples; ++i) {
            const double t = i / double(kSamples - 1);
            const double now = luminance(map.colorAt(t));
            QVERIFY2(now > previous, qPrintable(QStringLiteral("luminance falls at t = %1").arg(t)));
            previous = now;
        }
    }

    void divergingMapIsLightestAtItsCentre()
    {
        const Colormap map(ColormapId::BlueRed);
        QVERIFY(map.isDiverging());
        QCOMPARE(map.colorAt(0.5), QColor(0xf7, 0xf7, 0xf7));
        for (int i = 0; i < 10; ++i) {  // lighter towards the centre from both ends
            const double t = i * 0.05;
            QVERIFY(luminance(map.colorAt(t)) < luminance(map.colorAt(t + 0.05)));
            QVERIFY(luminance(map.colorAt(1.0 - t)) < luminance(map.colorAt(0.95 - t)));
        }
    }

    void readableTextColourSwitches()
    {
        const Colormap viridis(ColormapId::Viridis);
        QCOMPARE(readableTextColor(viridis.colorAt(0.0)), QColor(Qt::white));
        QCOMPARE(readableTextColor(viridis.colorAt(1.0)), QColor(Qt::black));
    }

    void colorRanges()
    {
        const std::vector<float> values{0.2f, -0.5f, std::nanf(""), 0.9f};
        ValueBounds b = ColorRange::automatic().resolve(values);
        QCOMPARE(b.lower, -0.5);
        QCOMPARE(b.upper, double(0.9f));
        b = ColorRange::symmetricAutomatic().resolve(values);
        QCOMPARE(b.lower, -double(0.9f));
        QCOMPARE(b.upper, double(0.9f));
        b = ColorRange::fixed(1.0, 0.0).resolve(values);  // the wrong way round still works
        QCOMPARE(b.lower, 0.0);
        QCOMPARE(b.upper, 1.0);
        b = ColorRange::automatic().resolve(std::vector<float>(5, 0.2f));  // flat data
        QVERIFY(b.lower < 0.2 && b.upper > 0.2);
        QCOMPARE(b.normalize(double(0.2f)), 0.5);
    }

    void ranksAndSummaries()
    {
        const std::vector<int> ranks = attentionRanks({0.1, 0.3, 0.3, 0.05, std::nan("")});
        QCOMPARE(ranks, (std::vector<int>{3, 1, 1, 4, 5}));

        // 2×2 self-attention: column means are the attention each token receives.
        const AttentionMap self{{2, 2}, {0.9f, 0.1f, 0.6f, 0.4f}, {}};
        QCOMPARE(guessMatrixKind(self), MatrixKind::SelfAttention);
        const StepWeights received = perStepWeights(self, MatrixKind::SelfAttention);
        QCOMPARE(received.weights.size(), size_t(2));
        // Float inputs: compare to float precision.
        QVERIFY(std::abs(received.weights[0] - 0.75) < 1e-6);
        QVERIFY(std::abs(received.weights[1] - 0.25) < 1e-6);
        QVERIFY(received.caption.contains(QStringLiteral("column mean")));
        // 3×2 per-feature: row means.
        const AttentionMap perFeature{{3, 2}, {0.2f, 0.6f, 0.3f, 0.3f, 0.5f, 0.1f}, {}};
        QCOMPARE(guessMatrixKind(perFeature), MatrixKind::PerFeature);
        const StepWeights steps = perStepWeights(perFeature, MatrixKind::PerFeature);
        QCOMPARE(steps.weights.size(), size_t(3));
        QVERIFY(std::abs(steps.weights[0] - 0.4) < 1e-6);
        QVERIFY(std::abs(steps.weights[2] - 0.3) < 1e-6);

        const AttentionMap broken{{2, 3}, {0.1f}, {}};
        QVERIFY(attentionShapeProblem(broken).contains(QStringLiteral("6 values")));
        QString why;
        QVERIFY(!attentionDifference(self, perFeature, &why));
        QVERIFY(!why.isEmpty());
    }

    void tokenViewWrapsSixHundredTokens()
    {
        TokenAttentionView view;
        view.setAttention(longText());
        constexpr int kWidth = 520;
        view.resize(kWidth, view.heightForWidth(kWidth));
        QCOMPARE(view.tokenCount(), 600);
        QVERIFY2(view.rowCount() > 10, qPrintable(QString::number(view.rowCount())));
        int bottom = 0;
        for (int i = 0; i < view.tokenCount(); ++i) {
            const QRect box = view.tokenRect(i);
            QVERIFY2(box.left() >= 0 && box.right() < kWidth,
                     qPrintable(QStringLiteral("token %1 at %2..%3").arg(i).arg(box.left()).arg(box.right())));
            QVERIFY(box.width() > 0 && box.height() > 0);
            if (i > 0) {
                const QRect before = view.tokenRect(i - 1);
                // Reading order: right of the previous token on its row, or on a lower row.
                QVERIFY(box.top() > before.top() ? box.top() > before.bottom() : box.left() > before.right());
            }
            bottom = std::max(bottom, box.bottom());
        }
        QVERIFY(bottom < view.height());
        QCOMPARE(view.tokenAt(view.tokenRect(321).center()), 321);
        // Narrower means more rows.
        const int rows = view.rowCount();
        view.resize(260, view.heightForWidth(260));
        QVERIFY(view.rowCount() > rows);
    }

    void tokenViewPaintsOnlyTheRowsOnScreen()
    {
        // 20,000 tokens, a window onto the top of the text: a screenful is painted, not the whole
        // text (how long it takes is measured by `attention-cli bench --window`).
        AttentionMap map;
        map.shape = {20000};
        for (int i = 0; i < 20000; ++i) {
            map.tokens << QStringLiteral("word%1").arg(i % 97);
            map.values.push_back(float(i % 13) / 13.0f);
        }
        TokenAttentionView view;
        view.setAttention(map);
        view.resize(800, 600);
        QVERIFY(view.rowCount() > 100);
        const QRect screen(0, 0, 800, 600);
        int onScreen = 0;
        for (int i = 0; i < 20000; ++i)
            onScreen += view.tokenRect(i).intersects(screen) ? 1 : 0;
        QVERIFY(onScreen > 0 && onScreen < 1000);
        TextCountingDevice device(screen.size());
        view.render(&device);
        QCOMPARE(device.texts(), onScreen);
        QCOMPARE(view.tokenAt(view.tokenRect(19999).center()), 19999);
    }

    void tokenViewHoverShowsWeightAndRank()
    {
        TokenAttentionView view;
        AttentionMap map = longText();
        view.setAttention(map);
        std::vector<int64_t> ids(600);
        for (int i = 0; i < 600; ++i)
            ids[i] = 1000 + i;
        view.setTokenIds(ids);
        view.resize(520, view.heightForWidth(520));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // The most attended token, found independently of the view.
        const auto top = std::max_element(map.values.begin(), map.values.end()) - map.values.begin();
        const int pick = static_cast<int>(top);
        const QPoint centre = view.tokenRect(pick).center();

        QSignalSpy hovered(&view, &TokenAttentionView::tokenHovered);
        QTest::mouseMove(&view, centre);
        QTRY_VERIFY(!hovered.isEmpty());
        QCOMPARE(hovered.last().at(0).toInt(), pick);

        QHelpEvent help(QEvent::ToolTip, centre, view.mapToGlobal(centre));
        QApplication::sendEvent(&view, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        const QString text = QToolTip::text();
        QVERIFY2(text.contains(map.tokens.at(pick)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("weight: ") + QString::number(map.values[pick], 'g', 6)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("rank: 1 of 600")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("token id: %1").arg(1000 + pick)), qPrintable(text));

        // A token in the middle of the order has the rank a count of heavier tokens gives it.
        const int other = 77;
        const auto heavier = std::count_if(map.values.begin(), map.values.end(),
                                           [&](float v) { return v > map.values[other]; });
        QVERIFY(view.toolTipFor(other).contains(QStringLiteral("rank: %1 of 600").arg(heavier + 1)));
        QToolTip::hideText();
    }

    void tokenViewSummarisesMatrices()
    {
        TokenAttentionView view;
        const AttentionMap self{{2, 2}, {0.9f, 0.1f, 0.6f, 0.4f}, {QStringLiteral("我"), QStringLiteral("好")}};
        view.setAttention(self);
        QCOMPARE(view.tokenCount(), 2);
        QVERIFY(std::abs(view.weightOf(0) - 0.75) < 1e-6);
        QVERIFY(view.caption().contains(QStringLiteral("self-attention")));
        const AttentionMap broken{{3}, {0.5f}, {}};
        view.setAttention(broken);
        QCOMPARE(view.tokenCount(), 0);
        QVERIFY(!view.caption().isEmpty());
    }

    void matrixViewCellsHoldTheInput()
    {
        AttentionMatrixView view;
        // A non-square map (per-feature, 4 steps × 3 features) exposes any row/column mix-up.
        AttentionMap map;
        map.shape = {4, 3};
        for (int i = 0; i < 12; ++i)
            map.values.push_back(0.01f * static_cast<float>(i * i));
        map.tokens = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
        view.setFeatureNames({QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z")});
        view.setAttention(map);
        QCPColorMap* colorMap = view.plot()->colorMap();
        QCOMPARE(colorMap->interpolate(), false);
        QCPColorMapData* data = colorMap->data();
        QCOMPARE(data->keySize(), 3);
        QCOMPARE(data->valueSize(), 4);
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 3; ++j)
                QCOMPARE(data->cell(j, i), double(map.values[i * 3 + j]));
        QCOMPARE(colorMap->dataRange().lower, 0.0);
        QCOMPARE(colorMap->dataRange().upper, double(map.values.back()));
        QVERIFY(view.plot()->colorScale() != nullptr);
        QVERIFY(view.plot()->title().contains(QStringLiteral("Per-feature")));

        // The same input read as T×T (square 3×3) labels both axes with the tokens.
        AttentionMap self{{3, 3}, {0.5f, 0.3f, 0.2f, 0.1f, 0.8f, 0.1f, 0.3f, 0.3f, 0.4f},
                          {QStringLiteral("猫"), QStringLiteral("sat"), QStringLiteral("down")}};
        view.setAttention(self);
        view.resize(600, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        QCOMPARE(view.plot()->colorMap()->data()->cell(1, 2), double(0.3f));
        QCOMPARE(view.plot()->colorMap()->data()->cell(2, 1), double(0.1f));
        QCOMPARE(view.plot()->xAxis->tickVectorLabels(), (QVector<QString>{QStringLiteral("猫"), QStringLiteral("sat"), QStringLiteral("down")}));
        QCOMPARE(view.plot()->yAxis->tickVectorLabels(), view.plot()->xAxis->tickVectorLabels());

        // Hovering a cell names its row and column and gives its value.
        HeatmapPlot* plot = view.plot();
        const QPoint cell(qRound(plot->xAxis->coordToPixel(1)), qRound(plot->yAxis->coordToPixel(2)));
        QHelpEvent help(QEvent::ToolTip, cell, plot->mapToGlobal(cell));
        QApplication::sendEvent(plot, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("attending token (query): down")), qPrintable(QToolTip::text()));
        QVERIFY2(QToolTip::text().contains(QStringLiteral("attended token (key): sat")), qPrintable(QToolTip::text()));
        QVERIFY2(QToolTip::text().contains(QStringLiteral("value: 0.3")), qPrintable(QToolTip::text()));
        QToolTip::hideText();

        // The next map of the same shape (a new epoch) keeps the user's zoom; a new shape does not.
        plot->xAxis->setRange(0.5, 2.5);
        view.setAttention(AttentionMap{{3, 3}, std::vector<float>(9, 1.0f / 3.0f), self.tokens});
        QCOMPARE(plot->xAxis->range(), QCPRange(0.5, 2.5));
        QCOMPARE(plot->colorMap()->data()->cell(0, 0), double(1.0f / 3.0f));
        view.setAttention(AttentionMap{{2, 2}, std::vector<float>(4, 0.5f), {}});
        QCOMPARE(plot->xAxis->range(), QCPRange(-0.5, 1.5));

        // A fixed range reaches the colour map.
        view.setColorRange(ColorRange::fixed(0.0, 1.0));
        QCOMPARE(view.plot()->colorMap()->dataRange(), QCPRange(0.0, 1.0));
    }

    void rowViewLabelsTokensAndThinsThemOut()
    {
        AttentionRowView view;
        view.resize(700, 220);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAttention(vectorMap({0.1f, 0.6f, 0.3f}, {QStringLiteral("not"), QStringLiteral("good"), QStringLiteral("movie")}));
        view.plot()->replot();
        QCOMPARE(view.plot()->xAxis->tickVectorLabels(), (QVector<QString>{QStringLiteral("not"), QStringLiteral("good"), QStringLiteral("movie")}));
        QCOMPARE(view.plot()->colorMap()->data()->valueSize(), 1);
        QCOMPARE(view.plot()->colorMap()->data()->cell(1, 0), double(0.6f));

        // 600 tokens on 700 pixels: fewer labels, never overlapping, each one its token.
        const AttentionMap text = longText();
        view.setAttention(text);
        view.plot()->replot();
        const QVector<double> ticks = view.plot()->xAxis->tickVector();
        QVERIFY(ticks.size() > 5 && ticks.size() < 100);
        const QVector<QString> labels = view.plot()->xAxis->tickVectorLabels();
        for (int i = 0; i < ticks.size(); ++i)
            QCOMPARE(labels.at(i), text.tokens.at(static_cast<int>(ticks.at(i))).left(14));
    }

    void differenceUsesTheDivergingMapSymmetrically()
    {
        AttentionMatrixView view;
        const AttentionMap a{{2, 2}, {0.9f, 0.1f, 0.5f, 0.5f}, {}};
        const AttentionMap b{{2, 2}, {0.6f, 0.4f, 0.5f, 0.5f}, {}};
        QVERIFY(view.setDifference(a, b, QStringLiteral("A"), QStringLiteral("B")).isEmpty());
        QCOMPARE(view.plot()->colormap(), ColormapId::BlueRed);
        const QCPRange range = view.plot()->colorMap()->dataRange();
        QCOMPARE(range.lower, -range.upper);
        QVERIFY(std::abs(range.upper - 0.3) < 1e-6);  // the largest |A − B|
        QCOMPARE(view.plot()->colorMap()->data()->cell(1, 0), double(0.1f - 0.4f));
        QVERIFY(view.plot()->title().startsWith(QStringLiteral("A − B")));
        // Maps of different shapes are refused with a reason.
        QVERIFY(!view.setDifference(a, vectorMap({1.0f}), QStringLiteral("A"), QStringLiteral("B")).isEmpty());
    }

    void seriesViewZoomKeepsTheStripAligned()
    {
        SeriesAttentionView view;
        SeriesData series;
        series.names = {QStringLiteral("temperature"), QStringLiteral("pressure"), QStringLiteral("humidity")};
        series.features.resize(3);
        for (int t = 0; t < 200; ++t) {
            series.features[0].push_back(std::sin(t * 0.1));
            series.features[1].push_back(1000.0 + t);
            series.features[2].push_back(std::cos(t * 0.05) * 30.0);
        }
        view.setSeries(series);
        std::vector<float> weights(200, 0.004f);
        weights[150] = 0.2f;
        view.setAttention(vectorMap(weights));
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();

        QCOMPARE(view.seriesRects().size(), 3);
        QCPAxis* stripTime = view.stripRect()->axis(QCPAxis::atBottom);
        QCOMPARE(view.strip()->data()->cell(150, 0), double(0.2f));
        const QCPRange before = stripTime->range();
        const QCPRange stripRows = view.stripRect()->axis(QCPAxis::atLeft)->range();

        // Ctrl+wheel over the strip: it zooms time only, and every row follows.
        const QPointF at = view.stripRect()->rect().center();
        QWheelEvent wheel(at, view.plot()->mapToGlobal(at.toPoint()), QPoint(), QPoint(0, 240),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.plot(), &wheel);
        const QCPRange after = stripTime->range();
        QVERIFY2(after.size() < before.size() * 0.9,
                 qPrintable(QStringLiteral("%1 → %2").arg(before.size()).arg(after.size())));
        QCOMPARE(view.stripRect()->axis(QCPAxis::atLeft)->range(), stripRows);
        for (QCPAxisRect* rect : view.seriesRects())
            QCOMPARE(rect->axis(QCPAxis::atBottom)->range(), after);
        // New attention for the same steps (live inference) keeps the zoom.
        weights[150] = 0.004f;
        weights[20] = 0.2f;
        view.setAttention(vectorMap(weights));
        QCOMPARE(stripTime->range(), after);
        QCOMPARE(view.strip()->data()->cell(20, 0), double(0.2f));

        // Zooming a series row moves the strip too.
        const QPointF onSeries = view.seriesRects().first()->rect().center();
        QWheelEvent out(onSeries, view.plot()->mapToGlobal(onSeries.toPoint()), QPoint(), QPoint(0, -120),
                        Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.plot(), &out);
        QVERIFY(stripTime->range() != after);
        QCOMPARE(stripTime->range(), view.seriesRects().first()->axis(QCPAxis::atBottom)->range());
        // The left edges line up, so time coordinates map to the same pixels in every row.
        for (QCPAxisRect* rect : view.seriesRects())
            QCOMPARE(rect->left(), view.stripRect()->left());

        // A new series with fewer features rebuilds the rows; the attention stays underneath.
        SeriesData single;
        single.names = {QStringLiteral("level")};
        single.features = {std::vector<double>(200, 1.0)};
        view.setSeries(single);
        view.plot()->replot();
        QCOMPARE(view.seriesRects().size(), 1);
        QCOMPARE(view.plot()->axisRects().size(), 2);
        QCOMPARE(view.strip()->data()->cell(20, 0), double(0.2f));
        QCOMPARE(view.seriesRects().first()->left(), view.stripRect()->left());
    }

    // The colour scale keeps its name and three numbers where it has room, on screen and in an
    // exported figure, and drops them on a one-row map a few lines tall, where they would overlap.
    void aShortColourScaleDropsItsNameATallOneKeepsIt()
    {
        HeatmapPlot plot;
        plot.setValueLabel(QStringLiteral("weight"));
        plot.setGrid(1, 12, std::vector<double>(12, 1.0 / 12.0));
        plot.toPixmap(800, 600);  // a figure at its export size: laid out, never shown
        QCOMPARE(plot.colorScale()->axis()->label(), QStringLiteral("weight"));
        QCOMPARE(plot.colorScale()->axis()->ticker()->tickCount(), 3);
        plot.toPixmap(800, 3 * plot.fontMetrics().height() + 60);
        QCOMPARE(plot.colorScale()->axis()->label(), QString());
        QCOMPARE(plot.colorScale()->axis()->ticker()->tickCount(), 1);
        plot.toPixmap(800, 600);
        QCOMPARE(plot.colorScale()->axis()->label(), QStringLiteral("weight"));
    }

    // In a page that scrolls (the models side by side), the wheel over a heatmap scrolls the page
    // and leaves the map as it is; Ctrl+wheel zooms the map and leaves the page where it is.
    void theWheelScrollsThePageAndCtrlWheelZooms()
    {
        QScrollArea page;
        auto* content = new QWidget;
        auto* layout = new QVBoxLayout(content);
        auto* plot = new HeatmapPlot;
        plot->setMinimumHeight(300);
        layout->addWidget(plot);
        layout->addSpacing(2000);
        page.setWidget(content);
        page.setWidgetResizable(true);
        page.resize(600, 400);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        plot->setGrid(1, 40, std::vector<double>(40, 0.025));
        plot->replot();
        const QCPRange columns = plot->xAxis->range();
        QScrollBar* scroll = page.verticalScrollBar();
        QCOMPARE(scroll->value(), 0);

        const QPointF at = plot->axisRect()->rect().center();
        const auto turn = [&](Qt::KeyboardModifiers modifiers) {
            QWheelEvent wheel(at, plot->mapToGlobal(at.toPoint()), QPoint(), QPoint(0, -240), Qt::NoButton, modifiers,
                              Qt::NoScrollPhase, false);
            QApplication::sendEvent(plot, &wheel);
        };
        turn(Qt::NoModifier);
        QVERIFY2(scroll->value() > 0, "the page did not scroll");
        QCOMPARE(plot->xAxis->range(), columns);

        const int scrolled = scroll->value();
        turn(Qt::ControlModifier);
        QCOMPARE(scroll->value(), scrolled);
        QVERIFY(plot->xAxis->range() != columns);
    }
};

QTEST_MAIN(AttentionViewsTest)
#include "tst_attention_views.moc"
