#pragma once

// The files and run folders opened lately, kept in QSettings, newest first, as a menu.

#include <QObject>
#include <QStringList>

class QMenu;

namespace studio {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path);
    QStringList paths() const;

Q_SIGNALS:
    void chosen(const QString& path);

private:
    void rebuild();

    QMenu* m_menu = nullptr;
};

} // namespace studio
