#include "runtime/RetiredThreads.h"

#include <QCoreApplication>
#include <QSet>
#include <QThread>

#include <utility>

namespace studio {
namespace {

// Touched on the GUI thread only: retireWorkerThread, the finished handler (queued to the thread
// object, which lives there) and the application's post routine.
QSet<QThread*>& retired()
{
    static QSet<QThread*> threads;
    return threads;
}

void waitForRetiredThreads()
{
    const QSet<QThread*> threads = std::exchange(retired(), {});
    for (QThread* thread : threads) {
        thread->wait();
        delete thread;
    }
}

} // namespace

void retireWorkerThread(QThread* thread)
{
    static const bool registered = [] {
        qAddPostRoutine(waitForRetiredThreads);
        return true;
    }();
    Q_UNUSED(registered);
    retired().insert(thread);
    // Queued to the thread object's own (GUI) thread, which deletes it there.
    QObject::connect(thread, &QThread::finished, thread, [thread] {
        retired().remove(thread);
        thread->deleteLater();
    });
    thread->quit();
}

int retiredThreadsRunning()
{
    int running = 0;
    for (QThread* thread : std::as_const(retired()))
        running += thread->isFinished() ? 0 : 1;
    return running;
}

} // namespace studio
