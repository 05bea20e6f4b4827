#pragma once

// What a data file holds, told by its content rather than its name: a numeric series (rows of
// numbers, perhaps with a time column), or text to classify (CSV/TSV with a text column, JSON,
// JSONL, plain text, a folder per class). Reads the first rows only. No torch.

#include <QMetaType>
#include <QString>

#include <atomic>

namespace studio {

enum class DataFileKind {
    Series,  // every column is numbers, apart from a time column
    Text,    // anything else: the text importer reads it, and explains what it cannot
};

// Never throws: a file that cannot be read as a table is Text, for the text importer to explain.
// Setting `*cancel` stops a long read (the answer is then Text).
DataFileKind sniffDataFile(const QString& path, const std::atomic<bool>* cancel = nullptr);

} // namespace studio

Q_DECLARE_METATYPE(studio::DataFileKind)
