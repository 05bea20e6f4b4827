#include "runtime/ExplainWorker.h"

#include "runtime/WorkerSession.h"

#include "common/StudioError.h"


#include <QMutex>
#include <QMutexLocker>

#include <exception>

namespace studio {
namespace {

QMutex g_stageHookMutex;
ExplainWorker::StageHook g_stageHook;

ExplainWorker::StageHook stageHook()
{
    const QMutexLocker lock(&g_stageHookMutex);
    return g_stageHook;
}

} // namespace

void ExplainWorker::setStageHookForTests(StageHook hook)
{
    const QMutexLocker lock(&g_stageHookMutex);
    g_stageHook = std::move(hook);
}

ExplainWorker::ExplainWorker(std::shared_ptr<const std::atomic<quint64>> newest)
    : m_newest(std::move(newest))
{
}

ExplainWorker::~ExplainWorker() = default;

void ExplainWorker::open(const QString& path, const SessionOptions& options)
{
    QString error;
    m_session = openOnWorkerThread(path, options, &error);
    if (m_session)
        Q_EMIT opened(m_session->summary());
    else
        Q_EMIT openFailed(error);
}

void ExplainWorker::explain(quint64 requestId, const InferenceRequest& request, const ExplainOptions& options)
{
    // Every run ends in `finished` or `failed`, stale or not: the owner sends the next input only
    // once the worker is free, and drops what a stale run answers by its id.
    const auto current = [&] { return requestId >= m_newest->load(); };
    if (!current()) {
        Q_EMIT finished(requestId, Explanation{});  // a newer input came while this one waited
        return;
    }
    if (!m_session) {
        Q_EMIT failed(requestId, QStringLiteral("No model is open."));
        return;
    }
    ExplainOptions staged = options;
    // A newer input stops this one within a batch of a long stage, not only between stages.
    staged.stopRequested = [&] { return !current(); };
    staged.progress = [&](const Explanation& partial) {
        if (const StageHook hook = stageHook())
            hook(request, partial);
        if (!current())
            return false;
        Q_EMIT progressed(requestId, partial);
        return true;
    };
    try {
        // Complete, empty (an empty input), or partial when a newer input stopped it.
        Q_EMIT finished(requestId, m_session->explain(request, staged));
    } catch (const StudioError& error) {
        Q_EMIT failed(requestId, error.message());
    } catch (const std::exception& error) {
        Q_EMIT failed(requestId, QString::fromLocal8Bit(error.what()).section(QLatin1Char('\n'), 0, 0));
    }
}

} // namespace studio
