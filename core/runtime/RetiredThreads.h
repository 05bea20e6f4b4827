#pragma once

// Worker threads whose owner is gone but whose last job (a model's run) has not finished: the GUI
// thread does not wait for them. Torch-free.

class QThread;

namespace studio {

// Asks `thread` to quit (events not yet started are dropped) and deletes it once it has finished,
// without waiting. Objects on it that are connected to QThread::finished → deleteLater are
// deleted on the thread as it ends. Threads still running when the application object is
// destroyed are waited for then, so none outlives the libraries its job uses. GUI thread only.
void retireWorkerThread(QThread* thread);

// Retired threads not finished yet (for tests).
int retiredThreadsRunning();

} // namespace studio
