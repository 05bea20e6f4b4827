#include "runtime/RunWatcher.h"

#include "common/StudioError.h"
#include "runs/RunFolder.h"
#include "runtime/BackgroundQueue.h"

#include <QTimer>

namespace studio {
namespace {

constexpr int kPollIntervalMs = 250;  // new steps show within a quarter of a second

} // namespace

RunWatcher::RunWatcher(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
    , m_queue(std::make_unique<BackgroundQueue>(QStringLiteral("run watcher")))
{
    qRegisterMetaType<std::vector<studio::MetricRecord>>();
    m_timer->setInterval(kPollIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &RunWatcher::pollNow);
}

RunWatcher::~RunWatcher() = default;

QString RunWatcher::watch(const QString& folder)
{
    try {
        m_reader = std::make_shared<RunFolderReader>(folder);  // checks that it is a folder; reads nothing
    } catch (const StudioError& error) {
        return error.message();
    }
    m_folder = m_reader->path();
    ++m_watchId;
    m_reading = false;
    m_status.clear();
    pollNow();
    m_timer->start();
    return {};
}

void RunWatcher::stop()
{
    m_timer->stop();
    m_reader.reset();  // a read under way keeps its own reference; its result is dropped
    m_folder.clear();
    ++m_watchId;
    m_reading = false;
}

QString RunWatcher::folder() const { return m_folder; }

void RunWatcher::pollNow()
{
    if (!m_reader || m_reading)
        return;
    m_reading = true;
    const quint64 watchId = m_watchId;
    m_queue->post([reader = m_reader] { return reader->poll(); },
                  [this, watchId](const RunUpdate& update) {
                      if (watchId != m_watchId)
                          return;  // from a folder no longer watched
                      m_reading = false;
                      apply(update);
                  });
}

void RunWatcher::apply(const RunUpdate& update)
{
    if (update.restarted)
        Q_EMIT restarted();
    if (!update.records.empty())
        Q_EMIT recordsArrived(update.records);
    for (const QString& checkpoint : update.newCheckpoints)
        Q_EMIT checkpointAppeared(checkpoint);
    for (const QString& message : update.warnings)
        Q_EMIT warning(message);
    if (update.info && update.info->status != m_status) {
        m_status = update.info->status;
        Q_EMIT statusChanged(m_status);
    }
}

} // namespace studio
