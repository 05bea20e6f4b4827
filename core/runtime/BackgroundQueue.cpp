#include "runtime/BackgroundQueue.h"

namespace studio {

BackgroundQueue::BackgroundQueue(const QString& threadName)
    : worker_(new QObject)
    , home_(new QObject)
{
    thread_.setObjectName(threadName);
    worker_->moveToThread(&thread_);
    thread_.start();
}

BackgroundQueue::~BackgroundQueue()
{
    cancelled_ = true;
    thread_.quit();   // jobs not started yet are not run
    thread_.wait();   // a job under way sees the flag and stops early
    delete worker_;   // its thread has finished: nothing runs on it any more
    delete home_;     // with it go the deliveries still queued
}

} // namespace studio
