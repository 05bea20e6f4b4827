#include "runs/RunFolder.h"

#include "common/StudioError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonValue>

namespace studio {
namespace {

const QString kJsonLines = QStringLiteral("metrics.jsonl");
const QString kCsv = QStringLiteral("metrics.csv");
const QString kInfo = QStringLiteral("run.json");
const QString kCheckpoints = QStringLiteral("checkpoints");
// Lines longer than this are not metrics: a guard against reading a huge wrong file into memory.
constexpr qint64 kLongestLine = 1 << 20;
// At most this much is read per poll, so one poll of a huge file returns quickly; the rest follows.
constexpr qint64 kChunk = 16 << 20;

void applyField(MetricRecord& record, const QString& key, double number)
{
    if (key == QLatin1String("step"))
        record.step = static_cast<int64_t>(number);
    else if (key == QLatin1String("epoch"))
        record.epoch = static_cast<int>(number);
    else if (key == QLatin1String("epoch_end"))
        record.epochEnd = number != 0.0;
    else
        record.values.emplace_back(key, number);
}

} // namespace

RunFolderReader::RunFolderReader(const QString& path)
    : m_path(QFileInfo(path).absoluteFilePath())
{
    if (!QFileInfo(m_path).isDir())
        throw StudioError(QStringLiteral("%1 is not a folder: choose the run folder that holds run.json and metrics.jsonl.")
                              .arg(path));
}

RunUpdate RunFolderReader::poll()
{
    RunUpdate update;
    readInfo(update);
    readMetrics(update);
    readCheckpoints(update);
    return update;
}

void RunFolderReader::readInfo(RunUpdate& update)
{
    QFile file(QDir(m_path).filePath(kInfo));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray bytes = file.read(kLongestLine);
    if (bytes == m_infoBytes)
        return;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (!document.isObject()) {
        // Writers rename run.json in whole, so this is a broken file, not one caught mid-write.
        update.warnings << QStringLiteral("%1 is not a JSON object (%2); the run's description is not shown.")
                               .arg(file.fileName(), error.errorString());
        m_infoBytes = bytes;
        return;
    }
    m_infoBytes = bytes;
    const QJsonObject o = document.object();
    RunInfo info;
    info.status = o.value(QStringLiteral("status")).toString();
    info.worldSize = o.value(QStringLiteral("world_size")).toInt();
    info.epochs = o.value(QStringLiteral("epochs")).toInt();
    info.backend = o.value(QStringLiteral("backend")).toString();
    info.config = o.value(QStringLiteral("config")).toObject();
    info.meta = o.value(QStringLiteral("meta")).toObject();
    m_info = info;
    update.info = info;
}

void RunFolderReader::readMetrics(RunUpdate& update)
{
    if (m_metricsPath.isEmpty()) {
        for (const QString& name : {kJsonLines, kCsv})
            if (QFileInfo::exists(QDir(m_path).filePath(name)))
                m_metricsPath = QDir(m_path).filePath(name);
        if (m_metricsPath.isEmpty())
            return;
    }
    QFile file(m_metricsPath);
    if (!file.open(QIODevice::ReadOnly))
        return;  // being replaced right now: the next poll sees the new one
    if (file.size() < m_offset) {
        // Shorter than what was read: the writer started over (a restarted run).
        m_offset = 0;
        m_lineNumber = 0;
        m_csvHeader.clear();
        m_csvSplitter.reset();
        update.restarted = true;
    }
    if (!file.seek(m_offset))
        return;
    const QByteArray chunk = file.read(kChunk);
    const bool csv = m_metricsPath.endsWith(kCsv);
    qsizetype start = 0;
    while (start < chunk.size()) {
        const qsizetype end = chunk.indexOf('\n', start);
        if (end < 0) {
            if (chunk.size() - start > kLongestLine) {
                update.warnings << QStringLiteral("%1 line %2 is longer than %3 bytes: this is not a metrics file.")
                                       .arg(m_metricsPath).arg(m_lineNumber + 1).arg(kLongestLine);
                start = chunk.size();
            }
            break;  // an unfinished line: read it whole next time
        }
        ++m_lineNumber;
        QByteArray line = chunk.mid(start, end - start);
        start = end + 1;
        if (csv) {
            if (line.endsWith('\r'))
                line.chop(1);
            if (!m_csvSplitter.inRecord()) {
                if (line.trimmed().isEmpty())
                    continue;
                m_csvRecordLine = m_lineNumber;
            }
            // The same RFC 4180 rules as every CSV the app reads: a quoted cell may hold commas
            // and line breaks, and a record then spans lines (and polls).
            QList<QByteArray> cells;
            const CsvRecordSplitter::Step step = m_csvSplitter.addLine(line, &cells);
            if (step == CsvRecordSplitter::Step::NeedsMoreLines)
                continue;
            if (step != CsvRecordSplitter::Step::Record) {
                update.warnings << QStringLiteral("%1 line %2: the record is larger than a metrics record can be (%3); "
                                                  "it was skipped.")
                                       .arg(m_metricsPath)
                                       .arg(m_csvRecordLine)
                                       .arg(step == CsvRecordSplitter::Step::FieldTooLong
                                                ? QStringLiteral("a field too long")
                                                : QStringLiteral("too many fields"));
                m_csvSplitter.reset();
                continue;
            }
            if (const std::optional<MetricRecord> record = parseCsvRecord(cells, update.warnings))
                update.records.push_back(*record);
            continue;
        }
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        if (const std::optional<MetricRecord> record = parseJsonLine(line, update.warnings))
            update.records.push_back(*record);
    }
    m_offset += start;
}

std::optional<MetricRecord> RunFolderReader::parseJsonLine(const QByteArray& line, QStringList& warnings) const
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (!document.isObject()) {
        warnings << QStringLiteral("%1 line %2 is not a JSON object (%3); it was skipped.")
                        .arg(m_metricsPath).arg(m_lineNumber).arg(error.errorString());
        return std::nullopt;
    }
    MetricRecord record;
    const QJsonObject o = document.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().isBool())
            applyField(record, it.key(), it.value().toBool() ? 1.0 : 0.0);
        else if (it.value().isDouble())
            applyField(record, it.key(), it.value().toDouble());
        // Strings and nested objects (notes, timestamps) are not curves.
    }
    return record;
}

std::optional<MetricRecord> RunFolderReader::parseCsvRecord(const QList<QByteArray>& cells, QStringList& warnings)
{
    if (m_csvHeader.isEmpty()) {
        for (const QByteArray& cell : cells)
            m_csvHeader << QString::fromUtf8(cell.trimmed());
        return std::nullopt;
    }
    if (cells.size() != m_csvHeader.size()) {
        warnings << QStringLiteral("%1 line %2 has %3 cells but the header names %4 columns; it was skipped.")
                        .arg(m_metricsPath).arg(m_csvRecordLine).arg(cells.size()).arg(m_csvHeader.size());
        return std::nullopt;
    }
    MetricRecord record;
    for (int i = 0; i < cells.size(); ++i) {
        const QByteArray cell = cells.at(i).trimmed();
        if (cell.isEmpty())
            continue;  // a column this record has no value for (validation on most steps)
        bool ok = false;
        double number = cell.toDouble(&ok);
        if (!ok && (cell == "true" || cell == "false" || cell == "True" || cell == "False")) {
            number = cell.startsWith('t') || cell.startsWith('T') ? 1.0 : 0.0;
            ok = true;
        }
        if (!ok)
            continue;  // text cells (a timestamp) are not curves
        applyField(record, m_csvHeader.at(i), number);
    }
    return record;
}

void RunFolderReader::readCheckpoints(RunUpdate& update)
{
    const QDir dir(QDir(m_path).filePath(kCheckpoints));
    if (!dir.exists())
        return;
    // Only finished files: writers save to a temporary name and rename it to *.pt when complete.
    const QStringList names = dir.entryList({QStringLiteral("*.pt")}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        const QString full = dir.filePath(name);
        if (!m_checkpoints.contains(full)) {
            m_checkpoints << full;
            update.newCheckpoints << full;
        }
    }
}

} // namespace studio
