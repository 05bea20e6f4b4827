// attention-studio: the window. Files named on the command line are opened (models, run folders,
// training data); with none, the bundled demo opens so the first thing seen is a heatmap.

#include "language/UiLanguage.h"
#include "teaching/LessonPanel.h"
#include "teaching/Lessons.h"
#include "window/MainWindow.h"
#include "window/OpenModels.h"
#include "common/MemoryReuse.h"
#include "io/ModelFileCheck.h"
#include "session/ModelFileCheckChild.h"

#include <QApplication>
#include <QIcon>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>
#include <cstring>

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    // A child this program started to read a model file first (io/ModelFileCheck.h): no window,
    // no display; it reads the file and says by its exit code how it went.
    if (argc > 2 && std::strcmp(argv[1], studio::kModelFileCheckFlag) == 0) {
        const QCoreApplication child(argc, argv);
        return studio::runModelFileCheck(QCoreApplication::arguments().mid(2));
    }
    studio::keepFreedMemoryForReuse();  // the training and inference workers' buffers
    QApplication app(argc, argv);
    // Every model file the window opens is read by a child of this program first.
    studio::setModelFileCheckProgram(QCoreApplication::applicationFilePath(), {}, &studio::runModelFileCheck);
    QApplication::setApplicationName(QStringLiteral("Attention Studio"));
    QApplication::setOrganizationName(QStringLiteral("Attention Studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/attention-studio.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("attention-studio"));  // matches the installed .desktop file
    // The window's words in the person's language (View > Language; the system locale at first).
    if (!studio::installUiLanguage(&app, studio::preferredUiLanguage()))
        std::fprintf(stderr, "attention-studio: this build lacks its translations; the window speaks English\n");

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("See what attention does inside LSTM models."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("Models (.asmodel, TorchScript .pt, Keras .h5/.keras), run folders or training data to open."));
    const QCommandLineOption noDemo(QStringLiteral("no-demo"), QStringLiteral("Start without the demo model."));
    parser.addOption(noDemo);
    QStringList lessonIds;
    for (const studio::Lesson& each : studio::allLessons())
        lessonIds << each.id;
    const QCommandLineOption lesson(QStringLiteral("lesson"),
                                    QStringLiteral("Open on the Lessons dock with this lesson shown: %1.").arg(lessonIds.join(QStringLiteral(", "))),
                                    QStringLiteral("id"));
    parser.addOption(lesson);
    // For docs/BENCHMARKS.md: how long until the first heatmap is on screen.
    const QCommandLineOption startupTime(QStringLiteral("startup-time"),
                                         QStringLiteral("Print the milliseconds from start to the first heatmap, then quit."));
    parser.addOption(startupTime);
    parser.process(app);

    studio::MainWindow window;
    window.show();
    if (parser.isSet(startupTime)) {
        QObject::connect(window.models(), &studio::OpenModels::resultReady, &app, [&sinceStart] {
            // The answer has arrived; let the views paint it before the clock stops.
            QTimer::singleShot(0, [&sinceStart] {
                std::printf("first heatmap after %lld ms\n", static_cast<long long>(sinceStart.elapsed()));
                QApplication::quit();
            });
        });
    }
    const QStringList files = parser.positionalArguments();
    for (const QString& file : files)
        window.openPath(file);
    if (files.isEmpty() && !parser.isSet(noDemo))
        window.openDemo();
    if (parser.isSet(lesson) && !window.lessons()->present(parser.value(lesson)))
        std::fprintf(stderr, "attention-studio: there is no lesson \"%s\"; the Lessons menu lists them.\n",
                     qPrintable(parser.value(lesson)));
    return QApplication::exec();
}
