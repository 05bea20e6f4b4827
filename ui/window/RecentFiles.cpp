#include "window/RecentFiles.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace studio {
namespace {

const QString kKey = QStringLiteral("recentFiles");
constexpr int kKept = 10;

} // namespace

RecentFiles::RecentFiles(QMenu* menu, QObject* parent)
    : QObject(parent)
    , m_menu(menu)
{
    rebuild();
}

void RecentFiles::add(const QString& path)
{
    QStringList list = paths();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    list.removeAll(absolute);
    list.prepend(absolute);
    QSettings().setValue(kKey, list.mid(0, kKept));
    rebuild();
}

QStringList RecentFiles::paths() const { return QSettings().value(kKey).toStringList(); }

void RecentFiles::rebuild()
{
    m_menu->clear();
    const QStringList list = paths();
    for (const QString& path : list) {
        QAction* action = m_menu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT chosen(path); });
    }
    m_menu->setEnabled(!list.isEmpty());
}

} // namespace studio
