#pragma once

// What the window tests start with: settings, caches and data in ~/.qttest (never the person's),
// the default layout (whatever an earlier window saved there), and the demo model the build
// trained (STUDIO_DEMO_MODEL).

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace studio::testing {

// False when the demo model was not built.
inline bool startWindowTest(const QString& demoModel)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Attention Studio Tests"));
    QSettings().clear();
    return QFileInfo::exists(demoModel);
}

} // namespace studio::testing
