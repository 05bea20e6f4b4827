#pragma once

// Tells what data files hold (a numeric series or text to classify, DataFileKind) on a worker
// thread, for the window to decide where a file given to it goes. Torch-free.

#include "data/DataFileKind.h"

#include <QObject>
#include <QString>

#include <memory>

namespace studio {

class BackgroundQueue;

class DataFileSniffer : public QObject {
    Q_OBJECT
public:
    explicit DataFileSniffer(QObject* parent = nullptr);
    ~DataFileSniffer() override;

    // Returns at once; `sniffed` follows, in the order the files were given.
    void sniff(const QString& path);

Q_SIGNALS:
    void sniffed(const QString& path, studio::DataFileKind kind);

private:
    std::unique_ptr<BackgroundQueue> m_queue;
};

} // namespace studio
