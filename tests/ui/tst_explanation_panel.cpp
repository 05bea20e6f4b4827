// The window's "Is it an explanation?" panel (issue 13), driven as a person drives it: with the
// panel on screen, typing fills its rows — the attention and every attribution over the same
// tokens — and its figures, computed off the GUI thread; the numbers equal what
// `attention-cli explain` computes for the same model and text; the agreement shown is Kendall's τ
// of the rows themselves; while the panel is hidden nothing is explained; the figure exports.
// Attention frozen to another typed text gives the command line's score, or the reason; a
// series' per-feature maps hold the explanation's numbers in the strips' columns.

#include "TorchOpsOnThread.h"
#include "WindowTests.h"
#include "analysis/RankAgreement.h"
#include "explain/ExplanationFigure.h"
#include "explain/ExplanationPanel.h"
#include "explain/ExplanationRows.h"
#include "figures/FigureExport.h"
#include "runtime/LiveExplanation.h"
#include "views/HeatmapPlot.h"
#include "views/StepAxisTicker.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/OpenModels.h"

#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
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

// `attention-cli explain` on the same model and input: an independent process, its own session.
QJsonObject cliExplanation(const QString& model, const QStringList& input)
{
    QProcess cli;
    cli.start(QStringLiteral(ATTENTION_CLI_PATH), QStringList{QStringLiteral("explain"), QStringLiteral("--model"), model}
                                                      + input + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    if (!cli.waitForFinished(kTimeoutMs))
        return {};
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

QJsonObject cliExplanation(const QString& model, const QString& text)
{
    return cliExplanation(model, {QStringLiteral("--text"), text});
}

int runCli(const QStringList& arguments)
{
    QProcess cli;
    cli.start(QStringLiteral(ATTENTION_CLI_PATH), arguments);
    return cli.waitForFinished(kTimeoutMs) && cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
}

void saveScreenshot(QWidget* window, const QString& name)
{
    const QString dirName = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR");
    if (!dirName.isEmpty())
        window->grab().save(QDir(dirName).filePath(name));
}

// The window with the panel on screen and `model` open in it.
bool openWithPanel(MainWindow& window, const QString& model)
{
    window.resize(1500, 950);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    explanationDock(window)->raise();  // tabbed: on screen once raised
    QSignalSpy opened(window.models(), &OpenModels::modelOpened);
    window.openModel(model);
    return opened.wait(kTimeoutMs);
}

// Types into the panel's "Attention from another input:" and presses Enter, as a person does.
void typeFrozenInput(ExplanationPanel* panel, const QString& text)
{
    panel->frozenInput()->clear();
    QTest::keyClicks(panel->frozenInput(), text);
    QTest::keyClick(panel->frozenInput(), Qt::Key_Return);
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
        // In the narrow dock the tokens stand vertical under the last strip: it grows to hold them
        // and its cells stay about as tall as the other strips'.
        // (Laid out now: the plots lay out on their next replot, and a layout request is posted.)
        for (int round = 0; round < 3 && rows->settleHeights(); ++round)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        HeatmapPlot* lastStrip = rows->row(rows->rowCount() - 1);
        for (HeatmapPlot* plot : {rows->row(0), lastStrip})
            plot->replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY2(lastStrip->axisRect()->rect().height() >= 0.8 * rows->row(0)->axisRect()->rect().height(),
                 qPrintable(QStringLiteral("%1 vs %2 px, labels turned %3°")
                                .arg(lastStrip->axisRect()->rect().height())
                                .arg(rows->row(0)->axisRect()->rect().height())
                                .arg(lastStrip->xAxis->tickLabelRotation())));
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
        saveScreenshot(&window, QStringLiteral("window-explanation.png"));
    }

    // Another text of as many tokens: its attention on this input's hidden states gives the score
    // `attention-cli explain --frozen-from-text` gives, shown in the interventions table with its
    // change and the other text's tokens; a text of another length gives the reason instead.
    void attentionFrozenFromAnotherInput()
    {
        MainWindow window;
        QVERIFY(openWithPanel(window, QStringLiteral(STUDIO_DEMO_MODEL)));
        ExplanationPanel* panel = window.explanationPanel();
        QVERIFY(panel->frozenInput()->isEnabled());
        QTest::keyClicks(window.input()->editor(), kText);
        QTRY_VERIFY_WITH_TIMEOUT(panel->explanation().complete && panel->explanation().steps.size() == 7, kTimeoutMs);
        QVERIFY(!panel->explanation().interventions.frozen.requested);

        const QString other = QStringLiteral("a terrible film with a great plot");
        typeFrozenInput(panel, other);
        QTRY_VERIFY_WITH_TIMEOUT(panel->explanation().complete && panel->explanation().interventions.frozen.requested,
                                 kTimeoutMs);
        const Explanation& explanation = panel->explanation();
        const FrozenAttention& frozen = explanation.interventions.frozen;
        QVERIFY2(frozen.available, qPrintable(frozen.reason));
        const QJsonObject cli = cliExplanation(QStringLiteral(STUDIO_DEMO_MODEL), {QStringLiteral("--text"), kText,
                                                                                  QStringLiteral("--frozen-from-text"), other});
        const QJsonObject cliFrozen = cli.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("frozen")).toObject();
        QVERIFY2(cliFrozen.value(QStringLiteral("available")).toBool(), QJsonDocument(cli).toJson().constData());
        const double cliScore = cliFrozen.value(QStringLiteral("score")).toDouble();
        QVERIFY2(std::abs(frozen.score - cliScore) < 1e-5, qPrintable(QStringLiteral("%1 vs %2").arg(frozen.score).arg(cliScore)));
        // The other input's weights differ from this one's: a change worth showing.
        QVERIFY(std::abs(frozen.score - explanation.score) > 1e-6);
        const QString report = panel->report()->text();
        const QString frozenRow = QStringLiteral("<td>another input's&nbsp;&nbsp;</td><td>%1&nbsp;&nbsp;</td>")
                                      .arg(QString::number(cliScore, 'f', 3));
        QVERIFY2(report.contains(frozenRow), qPrintable(report));
        const double change = cliFrozen.value(QStringLiteral("change")).toDouble();
        QVERIFY2(report.contains((change >= 0 ? QStringLiteral("+") : QString()) + QString::number(change, 'f', 3)), qPrintable(report));
        QVERIFY2(report.contains(frozen.from.join(QLatin1Char(' ')).toHtmlEscaped()), qPrintable(report));
        QCOMPARE(frozen.from.size(), 7);
        saveScreenshot(&window, QStringLiteral("window-explanation-frozen.png"));
        saveScreenshot(panel->figure(), QStringLiteral("explanation-frozen-figure.png"));

        typeFrozenInput(panel, QStringLiteral("a dull film"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->explanation().complete && panel->explanation().interventions.frozen.requested
                                     && !panel->explanation().interventions.frozen.available,
                                 kTimeoutMs);
        const QString reason = panel->explanation().interventions.frozen.reason;
        QVERIFY2(reason.contains(QStringLiteral("3 steps and this one 7")), qPrintable(reason));
        QVERIFY2(panel->report()->text().contains(reason.toHtmlEscaped()), qPrintable(panel->report()->text()));
        QVERIFY(!panel->report()->text().contains(QStringLiteral("another input's&nbsp;")));
    }

    // A forecaster over three named columns: one map per method that has values per feature, F
    // rows × T columns holding exactly the explanation's perFeature, under the strips and in their
    // columns; the same numbers as `attention-cli explain`; the frozen field is for text models.
    void seriesShowsAMapPerFeature()
    {
        constexpr int kRows = 60;
        constexpr int kWindow = 6;
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("forecast.csv"));
        const QString model = dir.filePath(QStringLiteral("forecast.asmodel"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("t,load,temp,wind\n");
            for (int r = 0; r < kRows; ++r)
                file.write(QStringLiteral("%1,%2,%3,%4\n").arg(r).arg(std::sin(0.3 * r) * 5 + 10).arg(std::cos(0.2 * r) * 3).arg(r % 7).toUtf8());
        }
        QCOMPARE(runCli({QStringLiteral("train"), QStringLiteral("--data"), csv, QStringLiteral("--target"), QStringLiteral("load"),
                         QStringLiteral("--inputs"), QStringLiteral("wind,load,temp"), QStringLiteral("--window"), QString::number(kWindow),
                         QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--hidden"), QStringLiteral("8"),
                         QStringLiteral("--out"), model}),
                 0);

        MainWindow window;
        QVERIFY(openWithPanel(window, model));
        ExplanationPanel* panel = window.explanationPanel();
        window.input()->loadSeries(csv);
        QTRY_VERIFY_WITH_TIMEOUT(panel->explanation().complete && panel->explanation().steps.size() == kWindow, kTimeoutMs);
        QVERIFY(!panel->frozenInput()->isEnabled());
        const Explanation& explanation = panel->explanation();
        QCOMPARE(explanation.perFeature.size(), size_t{4});
        ExplanationRows* rows = panel->rows();
        QCOMPARE(rows->featureMapCount(), 4);
        const QJsonObject cliPerFeature =
            cliExplanation(model, {QStringLiteral("--series"), csv}).value(QStringLiteral("per_feature")).toObject();
        for (int m = 0; m < rows->featureMapCount(); ++m) {
            const FeatureScores& scores = explanation.perFeature[static_cast<size_t>(m)];
            QVERIFY(rows->featureMapMethod(m) == scores.method);
            HeatmapPlot* map = rows->featureMap(m);
            QCOMPARE(map->rowCount(), 3);
            QCOMPARE(map->columnCount(), kWindow);
            const QJsonArray cliRows = cliPerFeature.value(toString(scores.method)).toArray();
            QCOMPARE(cliRows.size(), kWindow);
            for (int t = 0; t < kWindow; ++t) {
                for (int f = 0; f < 3; ++f) {
                    QCOMPARE(map->valueAt(f, t), scores.at(static_cast<size_t>(t), static_cast<size_t>(f)));
                    QVERIFY2(std::abs(cliRows.at(t).toArray().at(f).toDouble() - map->valueAt(f, t)) < 1e-4,
                             qPrintable(QStringLiteral("%1 step %2 feature %3").arg(toString(scores.method)).arg(t).arg(f)));
                }
            }
            // Rows named by the model's own columns, in its order.
            const auto names = qSharedPointerDynamicCast<StepAxisTicker>(map->yAxis->ticker());
            QVERIFY(names);
            QCOMPARE(names->labelOf(0), QStringLiteral("wind"));
            QCOMPARE(names->labelOf(2), QStringLiteral("temp"));
            // Symmetric around zero: white is no effect.
            QCOMPARE(map->valueBounds().lower, -map->valueBounds().upper);
        }
        // Step t of a map stands under step t of every strip: the same grid left and right.
        QVERIFY(rows->rowCount() > 0);
        for (int round = 0; round < 3 && rows->settleHeights(); ++round)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        for (HeatmapPlot* plot : {rows->row(0), rows->featureMap(0), rows->featureMap(3)})
            plot->replot(QCustomPlot::rpImmediateRefresh);
        // Every feature is named: its row is tall enough for the ticker to label it.
        for (int m = 0; m < rows->featureMapCount(); ++m)
            QCOMPARE(rows->featureMap(m)->yAxis->tickVector().size(), 3);
        const QRect strip = rows->row(0)->axisRect()->rect();
        for (int m : {0, 3}) {
            const QRect grid = rows->featureMap(m)->axisRect()->rect();
            QCOMPARE(grid.left(), strip.left());
            QCOMPARE(grid.right(), strip.right());
        }
        saveScreenshot(&window, QStringLiteral("window-explanation-series.png"));
        saveScreenshot(panel->figure(), QStringLiteral("explanation-series-figure.png"));
    }

    // Answers stream in with every stage of every keystroke; the panel draws one at once, then at
    // most one per interval, the newest: answers overtaken while it waits are never drawn.
    void answersOvertakenWhileWaitingAreNotDrawn()
    {
        ExplanationPanel panel;
        QSignalSpy shown(&panel, &ExplanationPanel::explanationShown);
        const auto answer = [](const QString& word) {
            Explanation explanation;
            explanation.steps = QStringList{word};
            explanation.methods.push_back({AttributionMethod::Gradient, {1.0}});
            return explanation;
        };
        // No event loop runs between these: the interval cannot pass.
        Q_EMIT panel.live()->updated(answer(QStringLiteral("first")));
        Q_EMIT panel.live()->updated(answer(QStringLiteral("second")));
        Q_EMIT panel.live()->updated(answer(QStringLiteral("third")));
        QCOMPARE(panel.explanation().steps, QStringList{QStringLiteral("first")});
        QTRY_COMPARE_WITH_TIMEOUT(panel.explanation().steps, QStringList{QStringLiteral("third")}, kTimeoutMs);
        QCOMPARE(shown.count(), 2);
        QCOMPARE(shown.at(1).at(0).value<Explanation>().steps, QStringList{QStringLiteral("third")});
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
