#include "WindowBenchmark.h"
#include "WindowDriving.h"

#include "explain/ExplanationPanel.h"
#include "runtime/LiveExplanation.h"
#include "window/MainWindow.h"
#include "window/OpenModels.h"
#include "views/TokenAttentionView.h"
#include "training/TrainingPanel.h"
#include "runtime/TrainingJob.h"

#include "common/StudioError.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace studio::render {
namespace {

constexpr int kProbeIntervalMs = 2;  // the stall probe's timer
constexpr int kLongTextTokens = 20'000;

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

void measureTraining(MainWindow& window, WindowBenchmarkReport& report)
{
    const TrainingSetup setup = benchTrainingSetup(/*epochs=*/3);
    report.trainingEpochs = setup.training.epochs;
    report.probeIntervalMs = kProbeIntervalMs;
    window.training()->applySetup(setup);
    QObject::connect(window.training()->job(), &TrainingJob::progress, &window, [&report] { ++report.progressReports; });

    QElapsedTimer clock;
    qint64 last = 0;
    QTimer probe;
    probe.setInterval(kProbeIntervalMs);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        report.longestStallMs = std::max(report.longestStallMs, now - last);
        last = now;
        ++report.stallTicks;
    });
    window.training()->startButton()->click();
    clock.start();
    probe.start();
    waitFor(window.training()->job(), &TrainingJob::finished, QStringLiteral("bench --window: the training run's end"));
    probe.stop();
    // The trained model joins the open models after the run: it answers the keystrokes.
    if (window.models()->count() == 0)
        waitFor(window.models(), &OpenModels::modelOpened, QStringLiteral("bench --window: opening the trained model"));
}

std::vector<double> keystrokeLatencies(MainWindow& window, int keystrokes)
{
    std::vector<double> latencies;
    for (int i = 0; i < keystrokes; ++i) {
        QElapsedTimer clock;
        clock.start();
        // Alternate adding and removing one letter, so every keystroke changes the input. The
        // answer arrives as a queued signal, so it cannot come before waitFor runs the event loop.
        typeOrDelete(window, /*add=*/i % 2 == 0);
        waitFor(window.models(), &OpenModels::resultReady, QStringLiteral("bench --window: the answer to a keystroke"));
        QCoreApplication::processEvents();  // the views repaint
        latencies.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    return latencies;
}

void measureKeystrokes(MainWindow& window, int keystrokes, WindowBenchmarkReport& report)
{
    typeLongText(window);
    report.keystrokeTokens = kLongTextWords + 1;
    const std::vector<double> latencies = keystrokeLatencies(window, keystrokes);
    report.keystrokes = static_cast<int>(latencies.size());
    report.keystrokeP50Ms = percentile(latencies, 0.5);
    report.keystrokeP95Ms = percentile(latencies, 0.95);

    // With the step-through view on screen (its dock raised over the timeline).
    auto* inside = window.findChild<QDockWidget*>(QStringLiteral("insideDock"));
    if (!inside)
        throw StudioError(QStringLiteral("bench --window: the window has no \"Inside the Attention\" view."));
    // Listening before the dock is raised: the traced answer may come during processEvents.
    SignalWaiter traced(window.models(), &OpenModels::resultReady,
                        QStringLiteral("bench --window: the answer with the step-through numbers"));
    inside->raise();
    QCoreApplication::processEvents();
    if (!window.models()->tracing())
        throw StudioError(QStringLiteral("bench --window: \"Inside the Attention\" did not open."));
    traced.wait();
    const std::vector<double> tracedLatencies = keystrokeLatencies(window, keystrokes);
    report.keystrokeTracedP50Ms = percentile(tracedLatencies, 0.5);
    report.keystrokeTracedP95Ms = percentile(tracedLatencies, 0.95);

    // With "Is it an explanation?" on screen: its own copy of the model explains every input on
    // another thread (gradients, occlusion, integrated gradients, faithfulness) while the typing
    // goes on; the keystrokes must not wait for it (issue 13).
    auto* explanation = window.findChild<QDockWidget*>(QStringLiteral("explanationDock"));
    if (!explanation)
        throw StudioError(QStringLiteral("bench --window: the window has no \"Is it an explanation?\" panel."));
    explanation->raise();
    QCoreApplication::processEvents();
    ExplanationPanel* panel = window.explanationPanel();
    if (!panel->live()->isActive())
        throw StudioError(QStringLiteral("bench --window: \"Is it an explanation?\" did not open."));
    while (!panel->explanation().complete)  // the first whole explanation, so its model has opened
        waitFor(panel, &ExplanationPanel::explanationShown, QStringLiteral("bench --window: the first explanation"));
    int completed = 0;
    const QMetaObject::Connection counting = QObject::connect(panel, &ExplanationPanel::explanationShown, panel,
                                                              [&completed](const Explanation& shown) { completed += shown.complete; });
    const std::vector<double> explainingLatencies = keystrokeLatencies(window, keystrokes);
    // Typing has stopped: how long until the whole explanation of the last input is on screen.
    QElapsedTimer settle;
    settle.start();
    while (!panel->explanation().complete)
        waitFor(panel, &ExplanationPanel::explanationShown, QStringLiteral("bench --window: the explanation after typing"));
    report.explanationAfterTypingMs = static_cast<double>(settle.nsecsElapsed()) / 1e6;
    QObject::disconnect(counting);
    report.keystrokeExplainingP50Ms = percentile(explainingLatencies, 0.5);
    report.keystrokeExplainingP95Ms = percentile(explainingLatencies, 0.95);
    report.explanationsCompleted = completed;
}

void measureLongText(WindowBenchmarkReport& report)
{
    AttentionMap map;
    map.shape = {kLongTextTokens};
    for (int i = 0; i < kLongTextTokens; ++i) {
        map.tokens << QStringLiteral("word%1").arg(i % 97);
        map.values.push_back(static_cast<float>(i % 13) / 13.0f);
    }
    TokenAttentionView view;
    QImage screen(800, 600, QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer clock;
    clock.start();
    view.setAttention(map);
    view.resize(screen.size());
    view.render(&screen);
    report.longTextTokens = kLongTextTokens;
    report.longTextPaintMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

} // namespace

QJsonObject WindowBenchmarkReport::toJson() const
{
    return QJsonObject{
        {QStringLiteral("trainingEpochs"), trainingEpochs},
        {QStringLiteral("probeIntervalMs"), probeIntervalMs},
        {QStringLiteral("longestStallMs"), longestStallMs},
        {QStringLiteral("stallTicks"), stallTicks},
        {QStringLiteral("progressReports"), progressReports},
        {QStringLiteral("keystrokeTokens"), keystrokeTokens},
        {QStringLiteral("keystrokes"), keystrokes},
        {QStringLiteral("keystrokeP50Ms"), keystrokeP50Ms},
        {QStringLiteral("keystrokeP95Ms"), keystrokeP95Ms},
        {QStringLiteral("keystrokeTracedP50Ms"), keystrokeTracedP50Ms},
        {QStringLiteral("keystrokeTracedP95Ms"), keystrokeTracedP95Ms},
        {QStringLiteral("keystrokeExplainingP50Ms"), keystrokeExplainingP50Ms},
        {QStringLiteral("keystrokeExplainingP95Ms"), keystrokeExplainingP95Ms},
        {QStringLiteral("explanationsCompleted"), explanationsCompleted},
        {QStringLiteral("explanationAfterTypingMs"), explanationAfterTypingMs},
        {QStringLiteral("longTextTokens"), longTextTokens},
        {QStringLiteral("longTextPaintMs"), longTextPaintMs},
        {QStringLiteral("seriesView"), seriesView.toJson()},
    };
}

WindowBenchmarkReport runWindowBenchmark(int keystrokes)
{
    // The window keeps its geometry and recent files in QSettings: a benchmark leaves the
    // person's own untouched.
    QStandardPaths::setTestModeEnabled(true);
    WindowBenchmarkReport report;
    MainWindow window;
    window.resize(1500, 950);
    window.show();
    measureTraining(window, report);
    measureKeystrokes(window, keystrokes, report);
    measureLongText(report);
    report.seriesView = runSeriesViewBenchmark();
    return report;
}

} // namespace studio::render
