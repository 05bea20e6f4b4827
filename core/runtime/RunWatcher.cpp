#include "runtime/RunWatcher.h"

#include "common/StudioError.h"
#include "runs/RunFolder.h"

#include <QTimer>

namespace studio {
namespace {

constexpr int kPollIntervalMs = 250;  // new steps show within a quarter of a second

} // namespace

RunWatcher::RunWatcher(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<std::vector<studio::MetricRecord>>();
    m_timer->setInterval(kPollIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &RunWatcher::pollNow);
}

RunWatcher::~RunWatcher() = default;

QString RunWatcher::watch(const QString& folder)
{
    try {
        m_reader = std::make_unique<RunFolderReader>(folder);
    } catch (const StudioError& error) {
        return error.message();
    }
    m_status.clear();
    pollNow();
    m_timer->start();
    return {};
}

void RunWatcher::stop()
{
    m_timer->stop();
    m_reader.reset();
}

QString RunWatcher::folder() const { return m_reader ? m_reader->path() : QString(); }

void RunWatcher::pollNow()
{
    if (!m_reader)
        return;
    const RunUpdate update = m_reader->poll();
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
