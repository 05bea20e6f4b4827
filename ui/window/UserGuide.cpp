#include "window/UserGuide.h"

#include "language/UiLanguage.h"

#include <QCoreApplication>
#include <QDialog>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace studio {

void showUserGuide(QWidget* parent)
{
    const QString name = QStringLiteral("userGuide");
    if (auto* open = parent->findChild<QDialog*>(name)) {
        open->show();
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QCoreApplication::translate("studio::MainWindow", "Attention Studio User Guide"));
    auto* browser = new QTextBrowser(dialog);
    browser->setObjectName(QStringLiteral("guideText"));
    browser->setOpenExternalLinks(true);
    const bool chinese = preferredUiLanguage() == UiLanguage::SimplifiedChinese;
    // Relative image paths resolve against the page's own folder in the resources.
    browser->setSource(QUrl(chinese ? QStringLiteral("qrc:/guide/user-guide.zh_CN.html") : QStringLiteral("qrc:/guide/user-guide.en.html")));
    auto* layout = new QVBoxLayout(dialog);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(browser);
    dialog->resize(820, 900);
    dialog->show();
}

} // namespace studio
