// Makes the README's screenshots of the window: a real training run on the keyword task (neutral
// class, so both classes need the keyword found) whose attention timeline converges, two trained
// models side by side on one sentence, and tutorial 001's Keras model (a Bi-LSTM trained on the
// bundled IMDB sentences by tests/ui/write_keras_model.py, written as Keras 2.2 writes it, with its
// tokenizer beside it) opened beside the demo model. Not a test: run it by hand when the window
// changes. Names after the folder make only those screenshots.
//
//   QT_QPA_PLATFORM=offscreen build/tests/make_screenshots docs/screenshots [window-training window-compare window-keras]

#include "training/AttentionTimeline.h"
#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "training/TrainingPanel.h"
#include "runtime/TrainingJob.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace studio;

namespace {

constexpr int kWaitMs = 600'000;
const QString kSentence = QStringLiteral("the story was dull but the ending was excellent");
// The sentence the window's demo opens with (MainWindow), for the demo beside a Keras model.
const QString kDemoSentence = QStringLiteral(
    "The acting was wonderful and the music was great, but the story was slow and the ending was a terrible mess.");

TrainingSetup keywordRun(AttentionKind attention)
{
    TrainingSetup setup;
    setup.task = QStringLiteral("keyword");
    setup.taskOptions.count = 1500;
    setup.taskOptions.length = 16;
    setup.taskOptions.neutralClass = true;
    setup.model.attention = attention;
    setup.model.hiddenSize = 16;
    setup.model.embeddingDim = 16;
    setup.model.bidirectional = true;
    setup.training.epochs = 8;
    setup.training.learningRate = 0.005;
    return setup;
}

bool trainInWindow(MainWindow& window, AttentionKind attention)
{
    window.training()->applySetup(keywordRun(attention));
    QSignalSpy opened(window.models(), &OpenModels::modelOpened);
    window.training()->startButton()->click();
    return opened.wait(kWaitMs);  // the trained model opens when the run finishes
}

void settle(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

// Waits until `done` holds, letting the window's events run; false after `milliseconds`.
template <typename Condition>
bool waitFor(Condition done, int milliseconds)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > milliseconds)
            return false;
        settle(50);
    }
    return true;
}

bool trainingScreenshots(const QDir& out, bool training, bool compare)
{
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!trainInWindow(window, AttentionKind::Additive)) {
        std::fprintf(stderr, "training did not finish\n");
        return false;
    }
    window.input()->setText(kSentence);
    settle(1500);
    window.timeline()->showSnapshot(window.timeline()->snapshotCount() - 1);
    settle(300);
    if (training)
        window.grab().save(out.filePath(QStringLiteral("window-training.png")));
    if (!compare)
        return true;
    if (!trainInWindow(window, AttentionKind::Dot)) {
        std::fprintf(stderr, "second training did not finish\n");
        return false;
    }
    settle(1500);
    window.grab().save(out.filePath(QStringLiteral("window-compare.png")));
    return true;
}

// Tutorial 001's Keras model beside the demo, on the demo's sentence. The training docks are
// closed, as a person comparing models would, so both models fit without scrolling.
bool kerasScreenshot(const QDir& out)
{
    QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("tutorial001.h5"));
    QProcess python;  // Debian's python3, with python3-h5py and python3-torch
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(STUDIO_SOURCE_DIR "/tests/ui/write_keras_model.py"), QStringLiteral("bilstm"), model,
                  QStringLiteral("--train"), QStringLiteral(STUDIO_SOURCE_DIR "/resources/data/sentiment/imdb.json"),
                  QStringLiteral("--maxlen"), QStringLiteral("24")});
    if (!python.waitForFinished(kWaitMs) || python.exitCode() != 0) {
        std::fprintf(stderr, "write_keras_model.py failed: %s\n", python.readAllStandardError().constData());
        return false;
    }

    MainWindow window;
    window.resize(1600, 1200);  // taller: two text models and the table, none of them scrolled
    for (const char* dock : {"trainingDock", "curvesDock", "timelineDock", "samplesDock"})
        window.findChild<QDockWidget*>(QString::fromLatin1(dock))->close();
    window.show();
    QSignalSpy opened(window.models(), &OpenModels::modelOpened);
    window.openModel(QStringLiteral(STUDIO_DEMO_MODEL));  // first, so it is the upper panel
    if (!opened.wait(kWaitMs))
        return false;
    window.openModel(model);
    if (!opened.wait(kWaitMs))
        return false;
    window.input()->setText(kDemoSentence);
    ComparisonView* comparison = window.comparison();
    if (!waitFor([comparison] { return !comparison->modelView(0)->result().attention.isEmpty()
                                       && !comparison->modelView(1)->result().attention.isEmpty(); }, kWaitMs)) {
        std::fprintf(stderr, "the models did not answer\n");
        return false;
    }
    settle(1500);
    window.grab().save(out.filePath(QStringLiteral("window-keras.png")));
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Attention Studio Screenshots"));
    const QDir out(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("."));
    QStringList wanted;
    for (int i = 2; i < argc; ++i)
        wanted << QString::fromLocal8Bit(argv[i]);
    const auto want = [&wanted](const char* name) { return wanted.isEmpty() || wanted.contains(QLatin1String(name)); };

    if ((want("window-training") || want("window-compare"))
        && !trainingScreenshots(out, want("window-training"), want("window-compare")))
        return 1;
    if (want("window-keras") && !kerasScreenshot(out))
        return 1;
    std::printf("wrote %s\n", qPrintable(out.absolutePath()));
    return 0;
}
