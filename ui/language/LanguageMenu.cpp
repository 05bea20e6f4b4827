#include "language/LanguageMenu.h"

#include "language/UiLanguage.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QWidget>

namespace studio {

void addLanguageMenu(QMenu* parent, QWidget* window, std::function<void(RestartArguments)> prepareRestart)
{
    QMenu* languages = parent->addMenu(QCoreApplication::translate("studio::LanguageMenu", "&Language"));
    languages->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(languages);
    const UiLanguage current = preferredUiLanguage();
    for (UiLanguage language : uiLanguages()) {
        QAction* choice = languages->addAction(nativeName(language));
        choice->setCheckable(true);
        choice->setChecked(language == current);
        choice->setData(localeName(language));
        group->addAction(choice);
        QObject::connect(choice, &QAction::triggered, window, [window, language, current, prepareRestart] {
            rememberUiLanguage(language);
            if (language == current)
                return;
            const auto answer = QMessageBox::question(
                window, QCoreApplication::translate("studio::LanguageMenu", "Change Language"),
                QCoreApplication::translate("studio::LanguageMenu",
                                            "Attention Studio restarts to speak %1; the open models are opened again. Restart now?")
                    .arg(nativeName(language)));
            if (answer != QMessageBox::Yes)
                return;
            prepareRestart([window](const QStringList& arguments) {
                if (window->close())
                    QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments);
            });
        });
    }
}

}  // namespace studio
