#include "FigureRender.h"

#include <QApplication>

namespace studio::render {
namespace {

QtMessageHandler g_previousHandler = nullptr;

// While the platform starts, Qt warns about the session it finds (in a container or over ssh:
// "XDG_RUNTIME_DIR not set"); none of it concerns a figure, and stderr is where scripts read
// attention-cli's own warnings and errors. Critical and fatal messages still get through.
void quietStartupHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtDebugMsg || type == QtInfoMsg || type == QtWarningMsg)
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

std::unique_ptr<QCoreApplication> createRenderApplication(int& argc, char** argv)
{
    // Offscreen unless the person chose a platform: the figure is then the same on a laptop, over
    // ssh and in CI, and a DISPLAY that cannot be reached does not abort the process.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_previousHandler = qInstallMessageHandler(quietStartupHandler);
    auto application = std::make_unique<QApplication>(argc, argv);
    qInstallMessageHandler(g_previousHandler);
    return application;
}

} // namespace studio::render
