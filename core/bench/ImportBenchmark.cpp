#include "bench/ImportBenchmark.h"

#include "bench/ProcessMemory.h"
#include "common/StudioError.h"
#include "data/SeriesTable.h"
#include "data/TextImport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <random>

namespace studio {
namespace {

constexpr double kBytesPerMegabyte = 1e6;
constexpr int kMinWords = 8;                 // words per synthetic review
constexpr int kMaxWords = 120;
constexpr int kQuotedOneIn = 4;              // one review in four holds a comma, a quote or a line break
constexpr qint64 kWriteChunk = 1 << 20;

const char* const kWords[] = {
    "the",    "movie",  "film",    "was",    "great",   "awful",  "plot",   "actor",   "acting", "scene",
    "story",  "and",    "but",     "not",    "really",  "very",   "boring", "superb",  "music",  "ending",
    "i",      "it",     "this",    "that",   "with",    "for",    "of",     "a",       "to",     "in",
    "loved",  "hated",  "camera",  "script", "director", "cast",  "funny",  "slow",    "long",   "short",
    "best",   "worst",  "ever",    "seen",   "time",    "money",  "waste",  "perfect", "dull",   "moving",
    "don't",  "can't",  "3.5",     "10/10",  "1,000",   "café",   "naïve",  "电影",    "好看",   "👍",
};

} // namespace

QJsonObject ImportBenchmarkReport::toJson() const
{
    QJsonArray runs;
    for (double s : seconds)
        runs.append(s);
    return {
        {QStringLiteral("path"), path},
        {QStringLiteral("fileBytes"), fileBytes},
        {QStringLiteral("records"), static_cast<qint64>(records)},
        {QStringLiteral("textBytes"), textBytes},
        {QStringLiteral("seconds"), runs},
        {QStringLiteral("medianSeconds"), medianSeconds},
        {QStringLiteral("megabytesPerSecond"), megabytesPerSecond},
        {QStringLiteral("residentBeforeBytes"), residentBeforeBytes},
        {QStringLiteral("peakResidentBytes"), peakResidentBytes},
        {QStringLiteral("peakResetPerRun"), peakResetPerRun},
    };
}

ImportBenchmarkReport runImportBenchmark(const QString& path, ImportKind kind, int runs)
{
    ImportBenchmarkReport report;
    report.path = path;
    report.fileBytes = QFileInfo(path).size();
    report.residentBeforeBytes = procStatusBytes("VmRSS");
    report.peakResetPerRun = true;
    for (int run = 0; run < std::max(runs, 1); ++run) {
        report.peakResetPerRun = resetPeakResident() && report.peakResetPerRun;
        QElapsedTimer timer;
        timer.start();
        if (kind == ImportKind::Text) {
            const TextCorpus corpus = importText(path);
            report.seconds.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
            report.records = corpus.size();
            report.textBytes = corpus.textBytes();
        } else {
            const SeriesTable table = readSeriesTable(path, {});
            report.seconds.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
            report.records = table.rows();
            report.textBytes = static_cast<qint64>(sizeof(double)) * table.rows() * (table.columnCount() + (table.time.empty() ? 0 : 1));
        }
        report.peakResidentBytes = std::max(report.peakResidentBytes, procStatusBytes("VmHWM"));
    }
    std::vector<double> sorted = report.seconds;
    std::sort(sorted.begin(), sorted.end());
    report.medianSeconds = sorted[sorted.size() / 2];
    report.megabytesPerSecond =
        report.medianSeconds > 0.0 ? static_cast<double>(report.fileBytes) / kBytesPerMegabyte / report.medianSeconds : 0.0;
    return report;
}

void writeSyntheticTextCsv(const QString& path, qint64 bytes, uint64_t seed)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw StudioError(QStringLiteral("Cannot write %1: %2.").arg(path, file.errorString()));
    std::mt19937_64 random(seed);
    constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);
    std::uniform_int_distribution<int> word(0, kWordCount - 1);
    std::uniform_int_distribution<int> length(kMinWords, kMaxWords);
    std::uniform_int_distribution<int> quoted(0, kQuotedOneIn - 1);
    std::uniform_int_distribution<int> label(0, 1);

    QByteArray chunk = "id,text,label\n";
    qint64 written = 0;
    for (qint64 id = 1; written + chunk.size() < bytes; ++id) {
        QByteArray text;
        const int words = length(random);
        for (int w = 0; w < words; ++w) {
            if (w > 0)
                text += ' ';
            text += kWords[word(random)];
        }
        const bool special = quoted(random) == 0;
        if (special)
            text += ", she said \"\"wow\"\"\nand left.";
        if (special || text.contains(',')) {
            chunk += QByteArray::number(id) + ",\"" + text + "\"," + QByteArray::number(label(random)) + '\n';
        } else {
            chunk += QByteArray::number(id) + ',' + text + ',' + QByteArray::number(label(random)) + '\n';
        }
        if (chunk.size() >= kWriteChunk) {
            written += file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    if (!file.flush())
        throw StudioError(QStringLiteral("Cannot write %1: %2.").arg(path, file.errorString()));
}

void writeSyntheticSeriesCsv(const QString& path, qint64 bytes, uint64_t seed)
{
    constexpr int kColumns = 8;
    constexpr qint64 kStartSeconds = 1'600'000'000;  // 2020-09-13, one row a minute from there
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw StudioError(QStringLiteral("Cannot write %1: %2.").arg(path, file.errorString()));
    std::mt19937_64 random(seed);
    std::normal_distribution<double> step(0.0, 0.1);
    std::vector<double> level(kColumns, 0.0);
    QByteArray chunk = "time,s1,s2,s3,s4,s5,s6,s7,s8\n";
    qint64 written = 0;
    for (qint64 row = 0; written + chunk.size() < bytes; ++row) {
        chunk += QDateTime::fromSecsSinceEpoch(kStartSeconds + row * 60, Qt::UTC).toString(Qt::ISODate).toLatin1();
        for (double& value : level) {
            value += step(random);  // a random walk per column
            chunk += ',' + QByteArray::number(value, 'f', 4);
        }
        chunk += '\n';
        if (chunk.size() >= kWriteChunk) {
            written += file.write(chunk);
            chunk.clear();
        }
    }
    written += file.write(chunk);
    if (!file.flush())
        throw StudioError(QStringLiteral("Cannot write %1: %2.").arg(path, file.errorString()));
}

} // namespace studio
