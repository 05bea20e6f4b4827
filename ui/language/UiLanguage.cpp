#include "language/UiLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace studio {
namespace {

const QString kSettingsKey = QStringLiteral("ui/language");

// The translators this module installed, so that a switch removes them first.
QList<QPointer<QTranslator>>& installedTranslators()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

}  // namespace

QList<UiLanguage> uiLanguages()
{
    return {UiLanguage::English, UiLanguage::SimplifiedChinese};
}

QString nativeName(UiLanguage language)
{
    switch (language) {
    case UiLanguage::English: return QStringLiteral("English");
    case UiLanguage::SimplifiedChinese: return QStringLiteral("简体中文");
    }
    return {};
}

QString localeName(UiLanguage language)
{
    switch (language) {
    case UiLanguage::English: return QStringLiteral("en");
    case UiLanguage::SimplifiedChinese: return QStringLiteral("zh_CN");
    }
    return {};
}

UiLanguage preferredUiLanguage()
{
    const QString saved = QSettings().value(kSettingsKey).toString();
    for (UiLanguage language : uiLanguages()) {
        if (saved == localeName(language))
            return language;
    }
    // Traditional-script locales (zh_TW, zh_HK) get Simplified Chinese too: closer than English.
    return QLocale::system().language() == QLocale::Chinese ? UiLanguage::SimplifiedChinese : UiLanguage::English;
}

void rememberUiLanguage(UiLanguage language)
{
    QSettings().setValue(kSettingsKey, localeName(language));
}

bool installUiLanguage(QCoreApplication* application, UiLanguage language)
{
    for (const QPointer<QTranslator>& translator : installedTranslators()) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installedTranslators().clear();
    if (language == UiLanguage::English)
        return true;

    const QString locale = localeName(language);
    auto* own = new QTranslator(application);
    if (!own->load(QStringLiteral(":/i18n/attention_studio_%1.qm").arg(locale))) {
        delete own;
        return false;
    }
    QCoreApplication::installTranslator(own);
    installedTranslators().append(own);
    // Qt's own words (QFileDialog, QMessageBox buttons) from Debian's qt6-translations-l10n; a
    // machine without it shows those few in English, which is no reason to refuse the language.
    auto* qt = new QTranslator(application);
    if (qt->load(QStringLiteral("qtbase_") + locale, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installedTranslators().append(qt);
    } else {
        delete qt;
    }
    return true;
}

}  // namespace studio
