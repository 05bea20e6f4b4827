#include "MainWindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Attention Studio"));
    QApplication::setOrganizationName(QStringLiteral("Attention Studio"));
    studio::MainWindow window;
    window.show();
    return QApplication::exec();
}
