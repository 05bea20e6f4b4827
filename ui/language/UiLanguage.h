#pragma once
// The language of the window's words: English (the source text) or Simplified Chinese (a Qt
// Linguist translation built into the program). Chosen from the system locale unless the person
// picked one in View > Language, which is remembered.

#include <QCoreApplication>
#include <QList>
#include <QString>

class QCoreApplication;

namespace studio {

enum class UiLanguage { English, SimplifiedChinese };

// Every language the window speaks, in menu order.
QList<UiLanguage> uiLanguages();

// The language's name in itself ("English", "简体中文"): a menu that lists languages must be
// readable by someone who cannot read the current one.
QString nativeName(UiLanguage language);

// The locale name of the language ("en", "zh_CN").
QString localeName(UiLanguage language);

// The language remembered in the settings; else the system's (Chinese for any zh locale).
UiLanguage preferredUiLanguage();
void rememberUiLanguage(UiLanguage language);

// Installs the translators of `language` (Attention Studio's own words and Qt's: the file dialogs,
// the standard buttons) into `application`, replacing any installed before. False when a
// translation that should be built into the program is missing, which is a build fault.
bool installUiLanguage(QCoreApplication* application, UiLanguage language);

// The name a person reads for an identifier the program keeps in English (a command-line name, a
// curve's key in exported data): its translation when it is one of `known` (each marked with
// QT_TRANSLATE_NOOP(context, ...) so that lupdate finds it), else the identifier as it is.
template <size_t N>
QString shownIdentifier(const QString& identifier, const char* context, const char* const (&known)[N])
{
    for (const char* name : known) {
        if (identifier == QLatin1String(name))
            return QCoreApplication::translate(context, name);
    }
    return identifier;
}

}  // namespace studio
