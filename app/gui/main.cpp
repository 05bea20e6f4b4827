// attention-studio: the window. Files named on the command line are opened (models, run folders,
// training data); with none, the bundled demo opens so the first thing seen is a heatmap.

#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Attention Studio"));
    QApplication::setOrganizationName(QStringLiteral("Attention Studio"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("See what attention does inside LSTM models."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("Models (.asmodel, TorchScript .pt), run folders or training data to open."));
    const QCommandLineOption noDemo(QStringLiteral("no-demo"), QStringLiteral("Start without the demo model."));
    parser.addOption(noDemo);
    parser.process(app);

    studio::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    for (const QString& file : files)
        window.openPath(file);
    if (files.isEmpty() && !parser.isSet(noDemo))
        window.openDemo();
    return QApplication::exec();
}
