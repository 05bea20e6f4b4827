#pragma once

// Follows an external run folder (examples/pytorch/train_ddp.py) from the GUI thread: a timer reads
// what was appended since the last look (a few bytes at a time, never the whole file again) and
// reports new metric records and checkpoints.

#include "common/ValueTypes.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QTimer;

namespace studio {

class RunFolderReader;

class RunWatcher : public QObject {
    Q_OBJECT
public:
    explicit RunWatcher(QObject* parent = nullptr);
    ~RunWatcher() override;

    // Starts following `folder`; returns an error sentence (and does nothing) when it is not one.
    QString watch(const QString& folder);
    void stop();
    QString folder() const;
    // Reads what is new now, without waiting for the timer.
    void pollNow();

Q_SIGNALS:
    void recordsArrived(const std::vector<studio::MetricRecord>& records);
    void checkpointAppeared(const QString& path);
    void restarted();
    void statusChanged(const QString& status);
    void warning(const QString& message);

private:
    std::unique_ptr<RunFolderReader> m_reader;
    QTimer* m_timer = nullptr;
    QString m_status;
};

} // namespace studio
