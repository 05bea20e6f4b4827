#pragma once

// Follows an external run folder (examples/pytorch/train_ddp.py) for the GUI thread: a timer asks
// a worker thread to read what was appended since the last look (never the whole file again),
// and the new metric records and checkpoints come back as signals. The GUI thread never reads.

#include "common/ValueTypes.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QTimer;

namespace studio {

class BackgroundQueue;
class RunFolderReader;
struct RunUpdate;

class RunWatcher : public QObject {
    Q_OBJECT
public:
    explicit RunWatcher(QObject* parent = nullptr);
    ~RunWatcher() override;  // a read under way finishes first (one bounded chunk)

    // Starts following `folder`; returns an error sentence (and does nothing) when it is not one.
    // The first read starts at once; its records arrive as signals, later.
    QString watch(const QString& folder);
    void stop();
    QString folder() const;
    // Asks for a read now, without waiting for the timer (unless one is under way).
    void pollNow();

Q_SIGNALS:
    void recordsArrived(const std::vector<studio::MetricRecord>& records);
    void checkpointAppeared(const QString& path);
    void restarted();
    void statusChanged(const QString& status);
    void warning(const QString& message);

private:
    void apply(const RunUpdate& update);

    // Used on the worker thread only, once watching: the queue's jobs hold it while they read.
    std::shared_ptr<RunFolderReader> m_reader;
    QString m_folder;
    quint64 m_watchId = 0;   // results of an earlier watch() are dropped
    bool m_reading = false;  // a read for the current watch is under way: the timer does not pile up reads
    QTimer* m_timer = nullptr;
    QString m_status;
    std::unique_ptr<BackgroundQueue> m_queue;  // last: destroyed (and joined) first
};

} // namespace studio
