#pragma once

// The first records of a text data file as training will read them: the text, the label and the
// tokens the tokenizer makes of it, so a person can check the columns and the tokenization before
// a run. No torch here.

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <vector>

namespace studio {

struct DataPreviewRow {
    QString where;       // "reviews.csv, line 12"
    QString text;
    QString label;
    QStringList tokens;  // as training tokenizes the text (the app's default tokenizer, lower case)
};

struct DataPreview {
    QString error;        // one sentence naming the file when it cannot be read; else empty
    QString format;       // "csv", "json", ...
    QString textField;
    QString labelField;
    int64_t records = 0;
    int64_t skippedEmpty = 0;
    QStringList labels;   // the distinct labels, in order of first appearance
    std::vector<DataPreviewRow> rows;
};

// Reads `path` (CSV, TSV, JSON, JSONL, plain text or a folder per class) and keeps the first
// `maxRows` records. Never throws: problems come back in `error`. Setting `*cancel` stops a long
// read (the error then says so).
DataPreview previewTextData(const QString& path, int maxRows = 50, const std::atomic<bool>* cancel = nullptr);

} // namespace studio
