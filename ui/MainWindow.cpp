#include "MainWindow.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>

namespace studio {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Attention Studio"));
    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto* placeholder = new QLabel(tr("Open or train a model to see its attention."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    statusBar()->showMessage(tr("Ready"));
    resize(1200, 800);
}

} // namespace studio
