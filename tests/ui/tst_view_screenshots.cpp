// Each view with realistic data, drawn as a person sees it. Always checks that something legible
// was drawn; with STUDIO_SCREENSHOT_DIR set, also saves the pictures there (docs/screenshots).

#include "views/AttentionMatrixView.h"
#include "views/AttentionRowView.h"
#include "figures/FigureExport.h"
#include "views/HeatmapPlot.h"
#include "SampleAttention.h"
#include "views/SeriesAttentionView.h"
#include "views/TokenAttentionPanel.h"
#include "views/TokenAttentionView.h"

#include <QDir>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

class ViewScreenshotsTest : public QObject {
    Q_OBJECT
private:
    const QString m_resources = QStringLiteral(STUDIO_RESOURCES_DIR);

    // Shows the widget at `size`, grabs it, checks it is not blank, saves it when asked.
    void look(QWidget* widget, const QSize& size, const QString& name)
    {
        widget->resize(size);
        widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(widget));
        for (QCustomPlot* plot : widget->findChildren<QCustomPlot*>())
            plot->replot();
        QCoreApplication::processEvents();
        const QImage image = widget->grab().toImage().convertToFormat(QImage::Format_RGB32);
        // A widget may refuse to be narrower than its controls; the grab is whatever it is now.
        QCOMPARE(image.size(), widget->size() * widget->devicePixelRatio());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(name));
        const QString directory = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR");
        if (!directory.isEmpty()) {
            QVERIFY(QDir().mkpath(directory));
            QVERIFY(image.save(QDir(directory).filePath(name)));
        }
    }

private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tokenViewLongText()
    {
        const QStringList tokens = samples::reviewTokens(m_resources, 500);
        QCOMPARE(tokens.size(), 500);
        TokenAttentionPanel panel;
        panel.setAttention(samples::illustrativeAttention(tokens));
        look(&panel, QSize(900, 560), QStringLiteral("views-token.png"));
        QVERIFY(panel.view()->rowCount() > 10);
    }

    void tokenViewMixedScripts()
    {
        TokenAttentionPanel panel;
        panel.setAttention(samples::illustrativeAttention(samples::mixedSentence()));
        panel.setColormap(ColormapId::Magma);
        look(&panel, QSize(720, 170), QStringLiteral("views-token-mixed.png"));
    }

    void rowView()
    {
        AttentionRowView view;
        view.setAttention(samples::illustrativeAttention(samples::mixedSentence()));
        look(&view, QSize(900, 260), QStringLiteral("views-row.png"));
    }

    void rowViewLongText()
    {
        AttentionRowView view;
        view.setAttention(samples::illustrativeAttention(samples::reviewTokens(m_resources, 500)));
        view.setColormap(ColormapId::Cividis);
        look(&view, QSize(1000, 300), QStringLiteral("views-row-long.png"));
    }

    void selfAttentionMatrix()
    {
        AttentionMatrixView view;
        view.setAttention(samples::illustrativeSelfAttention(samples::englishSentence(), 2.0));
        look(&view, QSize(720, 620), QStringLiteral("views-matrix.png"));
    }

    void perFeatureMatrix()
    {
        // 24 steps × 8 hidden features: each feature's weights over time (columns sum to one).
        AttentionMap map;
        map.shape = {24, 8};
        map.values.resize(24 * 8);
        for (int k = 0; k < 8; ++k) {
            std::vector<double> scores;
            for (int t = 0; t < 24; ++t)
                scores.push_back(-std::pow((t - 3.0 * k) / 2.5, 2.0));
            const std::vector<float> column = samples::softmax(scores);
            for (int t = 0; t < 24; ++t)
                map.values[t * 8 + k] = column[t];
        }
        AttentionMatrixView view;
        view.setAttention(map, MatrixKind::PerFeature);
        look(&view, QSize(700, 640), QStringLiteral("views-matrix-per-feature.png"));
    }

    void differenceMatrix()
    {
        AttentionMatrixView view;
        const QStringList tokens = samples::englishSentence();
        view.setDifference(samples::illustrativeSelfAttention(tokens, 2.0),
                           samples::illustrativeSelfAttention(tokens, 0.5), QStringLiteral("model A"),
                           QStringLiteral("model B"));
        look(&view, QSize(720, 620), QStringLiteral("views-difference.png"));
    }

    void seriesView()
    {
        const SeriesData series = samples::macroSeries(m_resources);
        QCOMPARE(series.features.size(), size_t(3));
        QVERIFY(series.features[0].size() > 100);
        SeriesAttentionView view;
        view.setSeries(series);
        constexpr int kWindow = 60;
        view.setAttention(samples::illustrativeSeriesAttention(series, kWindow), std::nullopt,
                          static_cast<int>(series.features[0].size()) - kWindow);
        look(&view, QSize(1000, 640), QStringLiteral("views-series.png"));
    }

    void exportedFigures()
    {
        // Figures at a size other than the window's: the plot is laid out again for the file.
        AttentionMatrixView matrix;
        matrix.setAttention(samples::illustrativeSelfAttention(samples::englishSentence(), 2.0));
        matrix.resize(500, 400);
        SeriesAttentionView series;
        const SeriesData data = samples::macroSeries(m_resources);
        series.setSeries(data);
        series.setAttention(samples::illustrativeSeriesAttention(data, 60), std::nullopt,
                            static_cast<int>(data.features[0].size()) - 60);
        series.resize(500, 400);

        // Kept out of the screenshot folder: set STUDIO_FIGURE_DIR to keep the files and open them.
        QTemporaryDir scratch;
        const QString kept = qEnvironmentVariable("STUDIO_FIGURE_DIR");
        const QDir directory(kept.isEmpty() ? scratch.path() : kept);
        QVERIFY(directory.exists() || QDir().mkpath(directory.path()));
        const FigureSize size{900, 700, 1.0};
        for (const QString& suffix : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            ExportResult result = exportFigure(matrix.plot(), directory.filePath(QStringLiteral("figure-matrix.") + suffix), size);
            QVERIFY2(result.ok(), qPrintable(result.error));
            result = exportFigure(series.plot(), directory.filePath(QStringLiteral("figure-series.") + suffix), FigureSize{1200, 600, 1.0});
            QVERIFY2(result.ok(), qPrintable(result.error));
        }
        QCOMPARE(QImage(directory.filePath(QStringLiteral("figure-matrix.png"))).size(), QSize(900, 700));
    }
};

QTEST_MAIN(ViewScreenshotsTest)
#include "tst_view_screenshots.moc"
