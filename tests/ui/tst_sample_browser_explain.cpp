// The sample browser's Explain run (issue 13, over a dataset), driven as a person drives it
// (QT_QPA_PLATFORM=offscreen): a small keyword model trained here with the window's own worker
// evaluates held-out examples, then Explain adds each row's figures. The columns are checked
// against the same figures computed independently from the model's explanation of the example
// (the one model interface, on this thread: Kendall's τ-b and the top-k overlap recomputed from its
// per-step rows, AOPC from its curves, the top step from the task's deciding steps), the summary
// line against the columns, sorting by a figure, and a Cancel pressed at the first progress report.

#include "SampleBrowserRuns.h"

#include "analysis/ExplanationAgreement.h"
#include "analysis/RankAgreement.h"
#include "data/BuiltinTasks.h"
#include "session/ModelSession.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio;
using namespace studio::testing;

namespace {

constexpr double kSameNumber = 1e-9;  // τ and overlap are ratios of counts: equal or not
constexpr double kFloatRounding = 1e-5;  // AOPC: score differences of float32 passes

QVariant cell(const SampleBrowser& browser, int sourceRow, int column, int role = SampleTableModel::SortRole)
{
    return browser.samples()->index(sourceRow, column).data(role);
}

QString quartilesText(const Quartiles& q)
{
    return QStringLiteral("%1 [%2, %3]").arg(q.median, 0, 'f', 3).arg(q.lower, 0, 'f', 3).arg(q.upper, 0, 'f', 3);
}

} // namespace

class SampleBrowserExplainTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_model;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_model = trainModel(keywordRun(m_dir.filePath(QStringLiteral("keyword.asmodel"))));
        QVERIFY(!m_model.isEmpty());
    }

    void columnsEqualTheExplanationsFigures()
    {
        SampleBrowser browser;
        QAbstractItemModelTester sourceTester(browser.samples(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(browser.filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!browser.explainButton()->isEnabled());  // nothing evaluated yet
        const SampleSource source = heldOut(40);
        QVERIFY(evaluateAndWait(browser, m_model, source));
        QVERIFY(browser.explainButton()->isEnabled());
        QVERIFY(browser.table()->isColumnHidden(SampleTableModel::TauGradientColumn));

        QSignalSpy explained(&browser, &SampleBrowser::explanationFinished);
        QTest::mouseClick(browser.explainButton(), Qt::LeftButton);
        QVERIFY(browser.isExplaining());
        QVERIFY(!browser.explainButton()->isEnabled());
        QVERIFY(!browser.progressBar()->isHidden());
        QTRY_COMPARE_WITH_TIMEOUT(explained.count(), 1, kTimeoutMs);
        QVERIFY(browser.progressBar()->isHidden());
        for (int column : {SampleTableModel::TauGradientColumn, SampleTableModel::TauOcclusionColumn,
                           SampleTableModel::OverlapOcclusionColumn, SampleTableModel::AopcOverRandomColumn,
                           SampleTableModel::AttentionTopStepColumn, SampleTableModel::OcclusionTopStepColumn})
            QVERIFY2(!browser.table()->isColumnHidden(column), qPrintable(QString::number(column)));
        // Integrated gradients were not asked for.
        QVERIFY(browser.table()->isColumnHidden(SampleTableModel::TauIntegratedGradientsColumn));

        // The same examples explained again here, through the one model interface.
        const std::unique_ptr<ModelSession> session = ModelSession::open(m_model);
        const Dataset data = makeBuiltinTask(QStringLiteral("keyword"), source.taskOptions);
        ExplainOptions options;
        options.methods = {AttributionMethod::Attention, AttributionMethod::Gradient, AttributionMethod::Occlusion};
        for (int row : {0, 1, 2, 17, 39}) {
            const SampleRow& sample = browser.samples()->sampleAt(row);
            const Example& example = data.examples[static_cast<size_t>(sample.index)];
            InferenceRequest request;
            request.ids = example.tokens;
            const Explanation explanation = session->explain(request, options);
            const std::vector<double>& attention = *explanation.scores(AttributionMethod::Attention);
            const std::vector<double> gradient = magnitudes(*explanation.scores(AttributionMethod::Gradient));
            const std::vector<double> occlusion = magnitudes(*explanation.scores(AttributionMethod::Occlusion));
            const QString where = QStringLiteral("row %1").arg(row);
            QVERIFY2(std::abs(cell(browser, row, SampleTableModel::TauGradientColumn).toDouble() - kendallTauB(attention, gradient))
                         < kSameNumber, qPrintable(where));
            QVERIFY2(std::abs(cell(browser, row, SampleTableModel::TauOcclusionColumn).toDouble() - kendallTauB(attention, occlusion))
                         < kSameNumber, qPrintable(where));
            QVERIFY2(std::abs(cell(browser, row, SampleTableModel::OverlapOcclusionColumn).toDouble()
                              - topKOverlap(attention, occlusion, static_cast<size_t>(options.topK))) < kSameNumber,
                     qPrintable(where));
            double attentionAopc = 0.0;
            double randomAopc = 0.0;
            for (const FaithfulnessCurve& curve : explanation.faithfulness) {
                if (curve.ranking == QLatin1String("attention"))
                    attentionAopc = curve.aopcComprehensiveness;
                if (curve.ranking == QLatin1String("random"))
                    randomAopc = curve.aopcComprehensiveness;
            }
            QVERIFY2(std::abs(cell(browser, row, SampleTableModel::AopcOverRandomColumn).toDouble() - (attentionAopc - randomAopc))
                         < kFloatRounding, qPrintable(where));
            const bool attentionDecides = example.relevant.at(topSteps(attention, 1).front()) == 1;
            QCOMPARE(cell(browser, row, SampleTableModel::AttentionTopStepColumn, Qt::DisplayRole).toString(),
                     attentionDecides ? QStringLiteral("✓") : QStringLiteral("✗"));
            const bool occlusionDecides = example.relevant.at(topSteps(occlusion, 1).front()) == 1;
            QCOMPARE(cell(browser, row, SampleTableModel::OcclusionTopStepColumn, Qt::DisplayRole).toString(),
                     occlusionDecides ? QStringLiteral("✓") : QStringLiteral("✗"));
        }

        // The summary line: quartiles of the τ column, and the share of ✓ in the attention's column.
        std::vector<double> tau;
        int hits = 0;
        for (int row = 0; row < browser.samples()->rowCount(); ++row) {
            tau.push_back(cell(browser, row, SampleTableModel::TauGradientColumn).toDouble());
            hits += cell(browser, row, SampleTableModel::AttentionTopStepColumn).toInt();
        }
        const QString summary = browser.explanationSummaryLabel()->text();
        QVERIFY2(summary.startsWith(QStringLiteral("40 examples explained")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("τ with gradient ") + quartilesText(quartilesOf(tau))), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("attention %1 %").arg(100.0 * hits / 40.0, 0, 'f', 1)), qPrintable(summary));
    }

    void integratedGradientsWhenAsked()
    {
        SampleBrowser browser;
        QVERIFY(evaluateAndWait(browser, m_model, heldOut(6)));
        browser.integratedGradientsBox()->setChecked(true);
        QSignalSpy explained(&browser, &SampleBrowser::explanationFinished);
        browser.explainExamples();
        QTRY_COMPARE_WITH_TIMEOUT(explained.count(), 1, kTimeoutMs);
        QVERIFY(!browser.table()->isColumnHidden(SampleTableModel::TauIntegratedGradientsColumn));
        const QVariant tau = cell(browser, 0, SampleTableModel::TauIntegratedGradientsColumn);
        QVERIFY(tau.isValid() && tau.toDouble() >= -1.0 && tau.toDouble() <= 1.0);
        QVERIFY2(browser.explanationSummaryLabel()->text().contains(QStringLiteral("τ with integrated gradients")),
                 qPrintable(browser.explanationSummaryLabel()->text()));
    }

    void sortingByAFigureSortsByIt()
    {
        SampleBrowser browser;
        QVERIFY(evaluateAndWait(browser, m_model, heldOut(40)));
        QSignalSpy explained(&browser, &SampleBrowser::explanationFinished);
        browser.explainExamples();
        QTRY_COMPARE_WITH_TIMEOUT(explained.count(), 1, kTimeoutMs);
        for (const Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
            browser.table()->sortByColumn(SampleTableModel::TauOcclusionColumn, order);
            std::vector<double> shown;
            for (int i = 0; i < browser.filter()->rowCount(); ++i) {
                const QVariant value = browser.filter()->index(i, SampleTableModel::TauOcclusionColumn).data(SampleTableModel::SortRole);
                if (value.isValid())  // an undefined τ has no place in the order
                    shown.push_back(value.toDouble());
            }
            QVERIFY(shown.size() > 30);
            int changes = 0;
            for (size_t i = 1; i < shown.size(); ++i) {
                QVERIFY(order == Qt::DescendingOrder ? shown[i - 1] >= shown[i] : shown[i - 1] <= shown[i]);
                changes += shown[i - 1] != shown[i] ? 1 : 0;
            }
            QVERIFY(changes > 5);  // the values differ: the order says something
        }
    }

    // Cancel pressed as the first example's progress arrives: the run stops there, the rows
    // explained so far keep their figures, the others stay empty, and the line says so.
    void cancelStopsTheRun()
    {
        constexpr int kExamples = 20000;  // ~30 s to explain them all here: far more than are done before the Cancel lands
        SampleBrowser browser;
        QVERIFY(evaluateAndWait(browser, m_model, heldOut(kExamples)));
        QSignalSpy explained(&browser, &SampleBrowser::explanationFinished);
        int reports = 0;
        connect(browser.evaluation(), &SampleEvaluation::explanationProgress, &browser, [&](qint64 done, qint64 total) {
            QCOMPARE(total, qint64(kExamples));
            if (reports++ == 0) {
                QVERIFY(done >= 1);
                QTest::mouseClick(browser.cancelButton(), Qt::LeftButton);
            }
        });
        browser.explainExamples();
        QTRY_COMPARE_WITH_TIMEOUT(explained.count(), 1, kTimeoutMs);
        QVERIFY(reports >= 1);
        QVERIFY(browser.progressBar()->isHidden());
        QVERIFY(!browser.isExplaining());
        int withFigures = 0;
        for (int row = 0; row < browser.samples()->rowCount(); ++row)
            withFigures += browser.samples()->figuresAt(row) ? 1 : 0;
        QVERIFY2(withFigures >= 1 && withFigures < kExamples, qPrintable(QString::number(withFigures)));
        QVERIFY(!browser.samples()->figuresAt(kExamples - 1));
        QCOMPARE(cell(browser, kExamples - 1, SampleTableModel::TauGradientColumn, Qt::DisplayRole).toString(), QString());
        const QString summary = browser.explanationSummaryLabel()->text();
        QVERIFY2(summary.startsWith(QStringLiteral("Cancelled after explaining %1 of %2 examples").arg(withFigures).arg(kExamples)),
                 qPrintable(summary));
        QVERIFY(browser.explainButton()->isEnabled());  // a new run may start
    }
};

QTEST_MAIN(SampleBrowserExplainTest)
#include "tst_sample_browser_explain.moc"
