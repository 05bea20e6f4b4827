// Makes the README's screenshots of the window: a real training run on the keyword task (neutral
// class, so both classes need the keyword found) whose attention timeline converges, and two
// trained models side by side on one sentence. Not a test: run it by hand when the window changes.
//
//   QT_QPA_PLATFORM=offscreen build/tests/make_screenshots docs/screenshots

#include "AttentionTimeline.h"
#include "ComparisonView.h"
#include "InputPanel.h"
#include "MainWindow.h"
#include "OpenModels.h"
#include "TrainingPanel.h"
#include "runtime/TrainingJob.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>

#include <cstdio>

using namespace studio;

namespace {

constexpr int kWaitMs = 600'000;
const QString kSentence = QStringLiteral("the story was dull but the ending was excellent");

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

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Attention Studio Screenshots"));
    const QDir out(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("."));

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!trainInWindow(window, AttentionKind::Additive)) {
        std::fprintf(stderr, "training did not finish\n");
        return 1;
    }
    window.input()->setText(kSentence);
    settle(1500);
    window.timeline()->showSnapshot(window.timeline()->snapshotCount() - 1);
    settle(300);
    window.grab().save(out.filePath(QStringLiteral("window-training.png")));

    if (!trainInWindow(window, AttentionKind::Dot)) {
        std::fprintf(stderr, "second training did not finish\n");
        return 1;
    }
    settle(1500);
    window.grab().save(out.filePath(QStringLiteral("window-compare.png")));
    std::printf("wrote %s\n", qPrintable(out.absolutePath()));
    return 0;
}
