#include "runtime/DataFileSniffer.h"

#include "runtime/BackgroundQueue.h"

namespace studio {

DataFileSniffer::DataFileSniffer(QObject* parent)
    : QObject(parent)
    , m_queue(std::make_unique<BackgroundQueue>(QStringLiteral("data file sniffer")))
{
    qRegisterMetaType<studio::DataFileKind>();
}

DataFileSniffer::~DataFileSniffer() = default;

void DataFileSniffer::sniff(const QString& path)
{
    m_queue->post([path, cancel = m_queue->cancelFlag()] { return sniffDataFile(path, cancel); },
                  [this, path](DataFileKind kind) { Q_EMIT sniffed(path, kind); });
}

} // namespace studio
