// The sample browser driven as a person drives it (QT_QPA_PLATFORM=offscreen): a small keyword
// model is trained here with the window's own worker, then held-out examples are evaluated.
// Checks the item models with QAbstractItemModelTester, numeric sorting, the wrong/correct filter,
// that clicking a row shows that row's tokens and weights, Cancel, and errors. With
// STUDIO_SCREENSHOT_DIR set, also saves what the browser looks like (sample-browser.png).

#include "views/AttentionRowView.h"
#include "colour/ColorControls.h"
#include "views/HeatmapPlot.h"
#include "samples/SampleBrowser.h"
#include "views/TokenAttentionPanel.h"
#include "views/TokenAttentionView.h"
#include "runtime/TrainingJob.h"

#include "SampleBrowserRuns.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;
using namespace studio::testing;

namespace {

const SampleRow& sampleAtViewRow(const SampleBrowser& browser, int viewRow)
{
    const QModelIndex source = browser.filter()->mapToSource(browser.filter()->index(viewRow, 0));
    return browser.samples()->sampleAt(source.row());
}

// Clicks the middle of a view row, as a person would.
void clickRow(SampleBrowser& browser, int viewRow)
{
    QTableView* table = browser.table();
    const QModelIndex cell = browser.filter()->index(viewRow, SampleTableModel::TextColumn);
    table->scrollTo(cell);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
}

} // namespace

class SampleBrowserTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_model;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY(m_dir.isValid());
        m_model = trainModel(keywordRun(m_dir.filePath(QStringLiteral("keyword.asmodel"))));
        QVERIFY(!m_model.isEmpty());
    }

    void itemModelsPassTheTester()
    {
        SampleBrowser browser;
        QAbstractItemModelTester sourceTester(browser.samples(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(browser.filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(evaluateAndWait(browser, m_model, heldOut()));
        QCOMPARE(browser.samples()->rowCount(), 300);
        browser.table()->sortByColumn(SampleTableModel::LossColumn, Qt::DescendingOrder);
        browser.showBox()->setCurrentIndex(1);  // wrong only
        browser.showBox()->setCurrentIndex(0);
        QVERIFY(evaluateAndWait(browser, m_model, heldOut(40)));  // a reset with rows sorted and filtered
        QCOMPARE(browser.filter()->rowCount(), 40);
    }

    void sortsNumbersAsNumbers_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::newRow("loss, largest first") << int(SampleTableModel::LossColumn) << Qt::DescendingOrder;
        QTest::newRow("loss, smallest first") << int(SampleTableModel::LossColumn) << Qt::AscendingOrder;
        QTest::newRow("confidence, largest first") << int(SampleTableModel::ConfidenceColumn) << Qt::DescendingOrder;
        QTest::newRow("confidence, smallest first") << int(SampleTableModel::ConfidenceColumn) << Qt::AscendingOrder;
        // "10" would sort before "9" as text.
        QTest::newRow("#, ascending") << int(SampleTableModel::IndexColumn) << Qt::AscendingOrder;
    }

    void sortsNumbersAsNumbers()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        SampleBrowser browser;
        QVERIFY(evaluateAndWait(browser, m_model, heldOut()));
        // As a click on the header does; a second click reverses.
        browser.table()->sortByColumn(column, order);
        QCOMPARE(browser.table()->horizontalHeader()->sortIndicatorSection(), column);
        auto value = [&](int viewRow) {
            const SampleRow& row = sampleAtViewRow(browser, viewRow);
            return column == SampleTableModel::LossColumn ? row.loss
                 : column == SampleTableModel::ConfidenceColumn ? row.confidence
                                                                : static_cast<double>(row.index);
        };
        const int rows = browser.filter()->rowCount();
        QCOMPARE(rows, 300);
        int changes = 0;
        for (int i = 1; i < rows; ++i) {
            if (order == Qt::DescendingOrder)
                QVERIFY2(value(i - 1) >= value(i), qPrintable(QStringLiteral("row %1").arg(i)));
            else
                QVERIFY2(value(i - 1) <= value(i), qPrintable(QStringLiteral("row %1").arg(i)));
            changes += value(i - 1) != value(i) ? 1 : 0;
        }
        QVERIFY(changes > rows / 2);  // the values really differ: the order is not vacuous
    }

    void clickingARowShowsItsAttention()
    {
        SampleBrowser browser;
        browser.resize(900, 700);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QVERIFY(evaluateAndWait(browser, m_model, heldOut()));
        browser.table()->sortByColumn(SampleTableModel::LossColumn, Qt::DescendingOrder);
        QSignalSpy chosen(&browser, &SampleBrowser::sampleChosen);

        for (int viewRow : {0, 7}) {
            clickRow(browser, viewRow);
            const SampleRow& row = sampleAtViewRow(browser, viewRow);
            QTRY_COMPARE(chosen.count(), viewRow == 0 ? 1 : 2);
            TokenAttentionView* tokens = browser.tokenPanel()->view();
            QCOMPARE(tokens->tokenCount(), int(row.attention.tokens.size()));
            QVERIFY(tokens->tokenCount() >= 7);  // lengths 7..14
            for (int t = 0; t < tokens->tokenCount(); ++t) {
                QVERIFY(tokens->toolTipFor(t).contains(row.attention.tokens.at(t)));
                QCOMPARE(tokens->weightOf(t), double(row.attention.values[size_t(t)]));
            }
            QVERIFY(!browser.rowView()->plot()->title().isEmpty());  // the row heatmap shows the same map
            const auto map = chosen.last().at(0).value<AttentionMap>();
            QCOMPARE(map.values, row.attention.values);
            const QString label = chosen.last().at(1).toString();
            QVERIFY2(label.contains(QStringLiteral("Example %1").arg(row.index + 1)), qPrintable(label));
            QCOMPARE(browser.exampleCaption()->text(), label);
        }

        // One colour bar serves both views: choosing magma on it recolours the heatmap row too.
        auto* colormaps = browser.tokenPanel()->controls()->findChild<QComboBox*>();
        QVERIFY(colormaps);
        colormaps->setCurrentIndex(colormaps->findData(static_cast<int>(ColormapId::Magma)));
        QCOMPARE(browser.tokenPanel()->view()->colormap(), ColormapId::Magma);
        QCOMPARE(browser.rowView()->plot()->colormap(), ColormapId::Magma);
    }

    void wrongOnlyShowsOnlyWrongRows()
    {
        SampleBrowser browser;
        QVERIFY(evaluateAndWait(browser, m_model, heldOut()));
        const SampleEvaluationResult& result = browser.samples()->result();
        const int wrong = int(result.rows.size()) - int(result.correctCount());
        QVERIFY2(wrong > 0 && wrong < 300, qPrintable(QString::number(wrong)));

        browser.showBox()->setCurrentIndex(browser.showBox()->findText(QStringLiteral("Wrong only")));
        QCOMPARE(browser.filter()->rowCount(), wrong);
        for (int i = 0; i < wrong; ++i) {
            QVERIFY(!sampleAtViewRow(browser, i).correct);
            QCOMPARE(browser.filter()->index(i, SampleTableModel::CorrectColumn).data().toString(), QStringLiteral("✗"));
        }
        QVERIFY2(browser.summaryLabel()->text().contains(QStringLiteral("%1 shown").arg(wrong)),
                 qPrintable(browser.summaryLabel()->text()));

        browser.showBox()->setCurrentIndex(browser.showBox()->findText(QStringLiteral("Correct only")));
        QCOMPARE(browser.filter()->rowCount(), 300 - wrong);
        for (int i = 0; i < browser.filter()->rowCount(); ++i)
            QVERIFY(sampleAtViewRow(browser, i).correct);

        browser.showBox()->setCurrentIndex(browser.showBox()->findText(QStringLiteral("All examples")));
        QCOMPARE(browser.filter()->rowCount(), 300);
        // The summary line: accuracy and counts of all rows, whatever the filter shows.
        const QString summary = browser.summaryLabel()->text();
        QVERIFY2(summary.contains(QStringLiteral("accuracy %1 %").arg(100.0 * result.accuracy(), 0, 'f', 1)), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("%1 wrong").arg(wrong)), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("mean loss %1").arg(result.meanLoss(), 0, 'f', 4)), qPrintable(summary));
    }

    void cancelKeepsTheRowsDone()
    {
        SampleBrowser browser;
        QSignalSpy progress(browser.evaluation(), &SampleEvaluation::progress);
        QSignalSpy finished(&browser, &SampleBrowser::evaluationFinished);
        browser.evaluate(m_model, heldOut(60'000));
        QVERIFY(!browser.progressBar()->isHidden());
        QVERIFY(!browser.cancelButton()->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, kTimeoutMs);
        QTest::mouseClick(browser.cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QVERIFY(browser.progressBar()->isHidden());
        QVERIFY(browser.cancelButton()->isHidden());
        const int rows = browser.samples()->rowCount();
        QVERIFY2(rows > 0 && rows < 60'000, qPrintable(QString::number(rows)));
        QVERIFY2(browser.summaryLabel()->text().startsWith(QStringLiteral("Cancelled after %1 of 60000").arg(rows)),
                 qPrintable(browser.summaryLabel()->text()));
    }

    void errorsAreShownAsASentence()
    {
        SampleBrowser browser;
        QSignalSpy failed(&browser, &SampleBrowser::evaluationFailed);
        browser.evaluate(m_dir.filePath(QStringLiteral("missing.asmodel")), heldOut());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        QVERIFY(browser.summaryLabel()->text().contains(QStringLiteral("missing.asmodel")));
        QVERIFY(browser.progressBar()->isHidden());
        QCOMPARE(browser.samples()->rowCount(), 0);
    }

    // Past the memory budget the map is computed again when its row is clicked.
    void attentionNotKeptIsComputedOnClick()
    {
        SampleBrowser browser;
        browser.resize(900, 700);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        browser.evaluation()->setAttentionBudget(0);
        QVERIFY(evaluateAndWait(browser, m_model, heldOut(30)));
        QVERIFY(!browser.samples()->sampleAt(4).attentionKept);
        QSignalSpy chosen(&browser, &SampleBrowser::sampleChosen);
        clickRow(browser, 4);
        QTRY_COMPARE_WITH_TIMEOUT(chosen.count(), 1, kTimeoutMs);
        const SampleRow& row = sampleAtViewRow(browser, 4);
        QVERIFY(row.attentionKept);  // kept now: the next click is instant
        QCOMPARE(browser.tokenPanel()->view()->tokenCount(), int(row.attention.tokens.size()));
        QVERIFY(browser.tokenPanel()->view()->tokenCount() > 0);
    }

    // Real reviews: a model trained on the bundled IMDb sentences, browsing the validation
    // reviews it got wrong, worst first, as a person looking for its mistakes would.
    void screenshot()
    {
        const QString reviews = QStringLiteral(STUDIO_RESOURCES_DIR "/data/sentiment/imdb.json");
        TrainingSetup setup = keywordRun(m_dir.filePath(QStringLiteral("imdb.asmodel")));
        setup.dataFile = reviews;
        setup.model.embeddingDim = 16;
        setup.model.hiddenSize = 16;
        setup.training.epochs = 4;
        const QString model = trainModel(setup);
        QVERIFY(!model.isEmpty());

        SampleBrowser browser;
        browser.resize(1000, 720);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QVERIFY(evaluateAndWait(browser, model, SampleSource::textFile(reviews).validationSplit()));
        QVERIFY2(browser.samples()->rowCount() > 100, qPrintable(browser.summaryLabel()->text()));
        browser.setShow(SampleFilterModel::Show::WrongOnly);
        browser.table()->sortByColumn(SampleTableModel::LossColumn, Qt::DescendingOrder);
        QVERIFY(browser.filter()->rowCount() > 3);
        clickRow(browser, 2);
        QTRY_VERIFY(browser.tokenPanel()->view()->tokenCount() > 0);
        browser.rowView()->plot()->replot();
        QCoreApplication::processEvents();
        const QImage image = browser.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 20);
        const QString directory = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR");
        if (!directory.isEmpty()) {
            QVERIFY(QDir().mkpath(directory));
            QVERIFY(image.save(QDir(directory).filePath(QStringLiteral("sample-browser.png"))));
        }
    }
};

QTEST_MAIN(SampleBrowserTest)
#include "tst_sample_browser.moc"
