#pragma once

// An external training run's folder (examples/pytorch/train_ddp.py writes one), read while it grows:
//   run.json           what the run is (format "attention-studio-run"), its status and configuration
//   metrics.jsonl      one JSON object per line, appended as training goes, or
//   metrics.csv        a header row, then one row of numbers per record
//   checkpoints/*.pt   TorchScript files, one per epoch, renamed in when complete
// Qt Core only: no torch here (a checkpoint is opened with TorchScriptModel).

#include "common/ValueTypes.h"
#include "data/CsvReader.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace studio {

struct RunInfo {
    QString status;           // "running", "finished", ... as the run says; empty if unsaid
    int worldSize = 0;        // processes training
    int epochs = 0;           // planned
    QString backend;          // "gloo", "nccl"
    QJsonObject config;       // the model configuration (the app's ModelConfig fields)
    QJsonObject meta;         // the checkpoints' meta.json

    bool finished() const { return status == QLatin1String("finished") || status == QLatin1String("failed"); }
};

// What appeared since the previous poll.
struct RunUpdate {
    std::vector<MetricRecord> records;
    QStringList newCheckpoints;      // absolute paths, oldest first
    std::optional<RunInfo> info;     // set when run.json is new or changed
    bool restarted = false;          // the metrics file was replaced: drop earlier records
    QStringList warnings;            // lines that could not be read, each naming file and line
};

class RunFolderReader {
public:
    // Throws StudioError when `path` is not a folder. A folder with nothing in it yet is fine:
    // a run being started writes its files a moment later.
    explicit RunFolderReader(const QString& path);

    // Reads what was appended since the last poll: complete lines only (a line being written is
    // read at the next poll), new checkpoints, and run.json when it changed. Never throws for
    // bad content: unreadable lines become warnings.
    RunUpdate poll();

    const QString& path() const { return m_path; }
    const QStringList& checkpoints() const { return m_checkpoints; }  // all seen so far, oldest first
    const std::optional<RunInfo>& info() const { return m_info; }
    QString metricsFile() const { return m_metricsPath; }              // empty until one exists

private:
    void readMetrics(RunUpdate& update);
    void readCheckpoints(RunUpdate& update);
    void readInfo(RunUpdate& update);
    std::optional<MetricRecord> parseJsonLine(const QByteArray& line, QStringList& warnings) const;
    std::optional<MetricRecord> parseCsvRecord(const QList<QByteArray>& cells, QStringList& warnings);

    QString m_path;
    QString m_metricsPath;
    qint64 m_offset = 0;         // bytes of the metrics file already read (whole lines)
    qint64 m_lineNumber = 0;     // lines already read, for messages
    QStringList m_csvHeader;     // metrics.csv column names, once read
    CsvRecordSplitter m_csvSplitter;  // holds a record whose quoted field runs on to the next line
    qint64 m_csvRecordLine = 0;  // the line the record being split started on
    QStringList m_checkpoints;
    QByteArray m_infoBytes;      // run.json as last read, to notice changes
    std::optional<RunInfo> m_info;
};

} // namespace studio
