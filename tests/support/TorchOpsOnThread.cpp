#include "TorchOpsOnThread.h"

#include <ATen/record_function.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace studio::testing {
namespace {

// The callback is a plain function pointer and runs on every thread that calls an operator, so
// its state is global; only the watched thread writes the name.
std::atomic<std::thread::id> g_watched;
std::atomic<long long> g_count{0};
std::atomic<bool> g_active{false};
std::mutex g_nameMutex;
std::string g_firstOperator;

std::unique_ptr<at::ObserverContext> onOperatorStart(const at::RecordFunction& function)
{
    if (std::this_thread::get_id() != g_watched.load())
        return nullptr;
    if (g_count.fetch_add(1) == 0) {
        const std::lock_guard<std::mutex> lock(g_nameMutex);
        g_firstOperator = function.name();
    }
    return nullptr;
}

} // namespace

TorchOpsOnThread::TorchOpsOnThread()
{
    if (g_active.exchange(true))
        throw std::logic_error("one TorchOpsOnThread at a time");
    g_count = 0;
    {
        const std::lock_guard<std::mutex> lock(g_nameMutex);
        g_firstOperator.clear();
    }
    g_watched = std::this_thread::get_id();
    handle_ = at::addGlobalCallback(at::RecordFunctionCallback(onOperatorStart).needsInputs(false));
}

TorchOpsOnThread::~TorchOpsOnThread()
{
    at::removeCallback(handle_);
    g_watched = std::thread::id();
    g_active = false;
}

long long TorchOpsOnThread::count() const { return g_count.load(); }

std::string TorchOpsOnThread::firstOperator() const
{
    const std::lock_guard<std::mutex> lock(g_nameMutex);
    return g_firstOperator;
}

} // namespace studio::testing
