#include "WindowBenchmark.h"

#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "views/TokenAttentionView.h"
#include "training/TrainingPanel.h"
#include "common/StudioError.h"
#include "runtime/TrainingJob.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace studio::render {
namespace {

constexpr int kStepTimeoutMs = 300'000;  // a step that takes longer has failed, not slowed down
constexpr int kProbeIntervalMs = 2;      // the stall probe's timer
constexpr int kLongTextTokens = 20'000;
constexpr int kKeystrokeWords = 511;     // plus the one typed and deleted: 512 tokens

// Runs the event loop until `signal` of `sender` fires, or throws after kStepTimeoutMs.
template <typename Sender, typename Signal>
void waitFor(const Sender* sender, Signal signal, const QString& what)
{
    QEventLoop loop;
    bool fired = false;
    QObject::connect(sender, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(kStepTimeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (!fired)
        throw StudioError(QStringLiteral("bench --window: %1 did not happen within %2 s.").arg(what).arg(kStepTimeoutMs / 1000));
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

TrainingSetup smallRun()
{
    TrainingSetup setup;
    setup.task = QStringLiteral("keyword");
    setup.taskOptions.count = 300;
    setup.taskOptions.length = 12;
    setup.model.hiddenSize = 8;
    setup.model.embeddingDim = 8;
    setup.model.bidirectional = true;
    setup.training.epochs = 3;
    setup.training.batchSize = 16;
    setup.training.learningRate = 0.003;
    return setup;
}

void typeKey(QWidget* editor, Qt::Key key, const QString& text)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
    QCoreApplication::sendEvent(editor, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, text);
    QCoreApplication::sendEvent(editor, &release);
}

void measureTraining(MainWindow& window, WindowBenchmarkReport& report)
{
    const TrainingSetup setup = smallRun();
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
    waitFor(window.training()->job(), &TrainingJob::finished, QStringLiteral("the training run's end"));
    probe.stop();
    // The trained model joins the open models after the run: it answers the keystrokes.
    if (window.models()->count() == 0)
        waitFor(window.models(), &OpenModels::modelOpened, QStringLiteral("opening the trained model"));
}

void measureKeystrokes(MainWindow& window, int keystrokes, WindowBenchmarkReport& report)
{
    const QStringList vocabulary{QStringLiteral("the"), QStringLiteral("film"), QStringLiteral("was"), QStringLiteral("great")};
    QStringList words;
    for (int i = 0; i < kKeystrokeWords; ++i)
        words << vocabulary.at(i % vocabulary.size());
    window.input()->setText(words.join(QLatin1Char(' ')) + QLatin1Char(' '));
    waitFor(window.models(), &OpenModels::resultReady, QStringLiteral("the first answer"));
    report.keystrokeTokens = kKeystrokeWords + 1;

    QPlainTextEdit* editor = window.input()->editor();
    editor->moveCursor(QTextCursor::End);
    std::vector<double> latencies;
    for (int i = 0; i < keystrokes; ++i) {
        QElapsedTimer clock;
        clock.start();
        // Alternate adding and removing one word, so every keystroke changes the input.
        QEventLoop answered;
        QObject::connect(window.models(), &OpenModels::resultReady, &answered, &QEventLoop::quit);
        if (i % 2)
            typeKey(editor, Qt::Key_Backspace, QString());
        else
            typeKey(editor, Qt::Key_A, QStringLiteral("a"));
        QTimer::singleShot(kStepTimeoutMs, &answered, &QEventLoop::quit);
        answered.exec();
        QCoreApplication::processEvents();  // the views repaint
        latencies.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    report.keystrokes = static_cast<int>(latencies.size());
    report.keystrokeP50Ms = percentile(latencies, 0.5);
    report.keystrokeP95Ms = percentile(latencies, 0.95);
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
        {QStringLiteral("longTextTokens"), longTextTokens},
        {QStringLiteral("longTextPaintMs"), longTextPaintMs},
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
    return report;
}

} // namespace studio::render
