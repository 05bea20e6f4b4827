#pragma once

// Text import speed and memory: what `attention-cli bench --import FILE` reports, and the
// generator of the synthetic CSV it is measured on (docs/BENCHMARKS.md).

#include <QString>

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace studio {

struct ImportBenchmarkReport {
    QString path;
    qint64 fileBytes = 0;
    int64_t records = 0;
    qint64 textBytes = 0;             // what the corpus holds
    std::vector<double> seconds;      // each run
    double medianSeconds = 0.0;
    double megabytesPerSecond = 0.0;  // file bytes / median time, MB = 10^6 bytes
    qint64 residentBeforeBytes = 0;   // VmRSS before the first run
    qint64 peakResidentBytes = 0;     // the highest VmHWM of the runs (reset before each run when the kernel allows)
    bool peakResetPerRun = false;     // whether /proc/self/clear_refs reset the peak between runs

    QJsonObject toJson() const;
};

// Text: importText; Series: readSeriesTable of every column (records = rows, textBytes = the
// bytes the values take in memory).
enum class ImportKind { Text, Series };

// Imports `path` `runs` times (each result dropped before the next run) and reports the median
// time and the peak resident memory. Throws StudioError as the importer does.
ImportBenchmarkReport runImportBenchmark(const QString& path, ImportKind kind = ImportKind::Text, int runs = 3);

// Writes a CSV (id,text,label) of about `bytes` bytes of English-like reviews: words drawn from a
// fixed list, some fields quoted with commas, doubled quotes and line breaks inside, two labels.
// Deterministic for a seed. Throws StudioError when the file cannot be written.
void writeSyntheticTextCsv(const QString& path, qint64 bytes, uint64_t seed = 1);

// Writes a CSV of about `bytes` bytes: an ISO date-time column and 8 value columns printed with 4
// decimals (a sensor log). Deterministic for a seed. Throws StudioError when it cannot write.
void writeSyntheticSeriesCsv(const QString& path, qint64 bytes, uint64_t seed = 1);

} // namespace studio
