#pragma once

// Counts the torch operators run on one thread, through torch's global RecordFunction callbacks:
// a model's forward pass, a training step or a single tensor op on that thread all count. The
// window's tests watch the GUI thread with it: the GUI thread never runs a model.
//
// Torch-free header (ui tests include it); one watch at a time in a process.

#include <string>
#include <thread>

namespace studio::testing {

class TorchOpsOnThread {
public:
    // Watches the calling thread from now on.
    TorchOpsOnThread();
    ~TorchOpsOnThread();
    TorchOpsOnThread(const TorchOpsOnThread&) = delete;
    TorchOpsOnThread& operator=(const TorchOpsOnThread&) = delete;

    long long count() const;
    // The first operator seen on the thread ("aten::lstm"), for a failure message; empty if none.
    std::string firstOperator() const;

private:
    unsigned long long handle_ = 0;
};

} // namespace studio::testing
