// The window's "Is it an explanation?" panel (issue 13), driven as a person drives it: with the
// panel on screen, typing fills its rows — the attention and every attribution over the same
// tokens — and its figures, computed off the GUI thread; the numbers equal what
// `attention-cli explain` computes for the same model and text; the agreement shown is Kendall's τ
// of the rows themselves; while the panel is hidden nothing is explained; the figure exports.

#include "TorchOpsOnThread.h"
#include "WindowTests.h"
#include "analysis/RankAgreement.h"
#include "explain/ExplanationFigure.h"
#include "explain/ExplanationPanel.h"
#include "explain/ExplanationRows.h"
#include "figures/FigureExport.h"
#include "runtime/LiveExplanation.h"
#include "views/HeatmapPlot.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/OpenModels.h"

#include <QDockWidget>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 120'000;
const QString kText = QStringLiteral("a wonderful film with a dull plot");

QDockWidget* explanationDock(MainWindow& window)
{
    return window.findChild<QDockWidget*>(QStringLiteral("explanationDock"));
}

// `attention-cli explain` on the same model and text: an independent process, its own session.
QJsonObject cliExplanation(const QString& model, const QString& text)
{
    QProcess cli;
    cli.start(QStringLiteral(ATTENTION_CLI_PATH), {QStringLiteral("explain"), QStringLiteral("--model"), model,
                                                   QStringLiteral("--text"), text, QStringLiteral("--format"),
                                                   QStringLiteral("json")});
    if (!cli.waitForFinished(kTimeoutMs))
        return {};
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

} // namespace

class ExplanationPanelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(studio::testing::startWindowTest(QStringLiteral(STUDIO_DEMO_MODEL)), STUDIO_DEMO_MODEL);
    }

    void typingFillsThePanelOffTheGuiThread()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QDockWidget* dock = explanationDock(window);
        QVERIFY(dock);
        dock->raise();  // tabbed: on screen once raised
        QTRY_VERIFY_WITH_TIMEOUT(window.explanationPanel()->live()->isActive(), kTimeoutMs);
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(QStringLiteral(STUDIO_DEMO_MODEL));
        QVERIFY(opened.wait(kTimeoutMs));
        const studio::testing::TorchOpsOnThread guiThreadOps;

        ExplanationPanel* panel = window.explanationPanel();
        QSignalSpy shown(panel, &ExplanationPanel::explanationShown);
        QTest::keyClicks(window.input()->editor(), kText);
        QTRY_VERIFY_WITH_TIMEOUT(panel->explanation().complete && panel->explanation().steps.size() == 7, kTimeoutMs);
        const Explanation& explanation = panel->explanation();
        // One strip per method, over the same steps, holding the method's own numbers.
        ExplanationRows* rows = panel->rows();
        QCOMPARE(rows->rowCount(), static_cast<int>(explanation.methods.size()));
        QCOMPARE(rows->rowCount(), static_cast<int>(attributionMethods().size()));
        for (int r = 0; r < rows->rowCount(); ++r) {
            QVERIFY(rows->rowMethod(r) == explanation.methods[static_cast<size_t>(r)].method);
            QCOMPARE(rows->row(r)->columnCount(), 7);
            for (int t = 0; t < 7; ++t)
                QCOMPARE(rows->row(r)->valueAt(0, t), explanation.methods[static_cast<size_t>(r)].perStep[static_cast<size_t>(t)]);
        }
        // Stages came in before the whole answer: at least one partial answer was shown.
        bool partialShown = false;
        for (const auto& call : shown)
            partialShown = partialShown || !call.at(0).value<Explanation>().complete;
        QVERIFY(partialShown);
        QVERIFY2(guiThreadOps.count() == 0, guiThreadOps.firstOperator().c_str());

        // The report's τ for the gradient is the τ of the two rows on screen.
        const double tau = kendallTauB(*explanation.scores(AttributionMethod::Attention),
                                       [&] {
                                           std::vector<double> magnitude = *explanation.scores(AttributionMethod::Gradient);
                                           for (double& value : magnitude)
                                               value = std::abs(value);
                                           return magnitude;
                                       }());
        QVERIFY2(panel->report()->text().contains(QString::number(tau, 'f', 3)), qPrintable(panel->report()->text()));
        QVERIFY(panel->report()->text().contains(QStringLiteral("Faithfulness")));
        QVERIFY(panel->report()->text().contains(QStringLiteral("uniform")));

        // The same numbers as the command line's, computed in another process.
        const QJsonObject cli = cliExplanation(QStringLiteral(STUDIO_DEMO_MODEL), kText);
        QCOMPARE(std::abs(cli.value(QStringLiteral("score")).toDouble() - explanation.score) < 1e-5, true);
        const QJsonObject methods = cli.value(QStringLiteral("methods")).toObject();
        for (const MethodScores& entry : explanation.methods) {
            const QJsonArray values = methods.value(toString(entry.method)).toArray();
            QCOMPARE(values.size(), static_cast<qsizetype>(entry.perStep.size()));
            for (qsizetype t = 0; t < values.size(); ++t)
                QVERIFY2(std::abs(values.at(t).toDouble() - entry.perStep[static_cast<size_t>(t)]) < 1e-4,
                         qPrintable(toString(entry.method)));
        }

        // The figure exports like every other.
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("explanation.png"));
        QVERIFY(exportFigure(panel->figure(), png, FigureSize{900, 1200, 1.0}).ok());
        QCOMPARE(QImage(png).size(), QSize(900, 1200));
        const QString dirName = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR");
        if (!dirName.isEmpty())
            window.grab().save(QDir(dirName).filePath(QStringLiteral("window-explanation.png")));
    }

    // Tabbed behind another dock, the panel is not on screen: typing explains nothing (the models
    // still answer); raising it explains the current input at once.
    void aHiddenPanelExplainsNothing()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QDockWidget*>(QStringLiteral("insideDock"))->raise();
        QTRY_VERIFY_WITH_TIMEOUT(!window.explanationPanel()->live()->isActive(), kTimeoutMs);
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(QStringLiteral(STUDIO_DEMO_MODEL));
        QVERIFY(opened.wait(kTimeoutMs));
        ExplanationPanel* panel = window.explanationPanel();
        QSignalSpy shown(panel, &ExplanationPanel::explanationShown);
        QTest::keyClicks(window.input()->editor(), kText);
        QTRY_COMPARE_WITH_TIMEOUT(window.models()->result(0).attention.values.size(), size_t{7}, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->live()->isBusy(), kTimeoutMs);  // its copy of the model has opened
        QCOMPARE(shown.count(), 0);
        explanationDock(window)->raise();
        QTRY_VERIFY_WITH_TIMEOUT(panel->explanation().complete && panel->explanation().steps.size() == 7, kTimeoutMs);
    }
};

QTEST_MAIN(ExplanationPanelTest)
#include "tst_explanation_panel.moc"
