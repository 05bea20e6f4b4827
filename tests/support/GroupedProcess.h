#pragma once

// A child process in a process group of its own, so that a test can end everything it started
// (torchrun's workers, a shell's children) and not only the child itself: a torchrun left behind
// by a timed-out test keeps its rendezvous port and spins a core for the tests after it.

#include <QProcess>

#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

namespace studio::testing {

class GroupedProcess : public QProcess {
public:
    GroupedProcess()
    {
        setChildProcessModifier([] {
            ::setpgid(0, 0);
            // A test that crashes runs no destructor: the child then goes with it.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        });
        connect(this, &QProcess::started, this, [this] { m_group = static_cast<pid_t>(processId()); });
    }

    // Whatever is left of the group goes with the test: the child if it still runs, and any
    // grandchild that outlived it.
    ~GroupedProcess() override
    {
        if (m_group > 0)
            ::kill(-m_group, SIGKILL);
        if (state() != QProcess::NotRunning)
            waitForFinished(/*msecs=*/10000);
    }

private:
    pid_t m_group = 0;
};

} // namespace studio::testing
