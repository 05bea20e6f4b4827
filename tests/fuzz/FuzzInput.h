#pragma once

// What the fuzz targets share: the input written to a file for parsers that read a path, and the
// first input byte spent on choosing options, so one corpus covers every mode of a parser.

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace studio::fuzz {

// One private folder per fuzzing process, removed at exit.
inline const QTemporaryDir& scratchFolder()
{
    static const QTemporaryDir folder;
    if (!folder.isValid())
        std::abort();  // nothing can be fuzzed without it
    return folder;
}

// Writes `bytes` to `name` in the scratch folder (replacing the previous input) and returns its path.
inline QString writeInput(const QString& name, const QByteArray& bytes)
{
    const QString path = scratchFolder().filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        std::abort();
    return path;
}

// The input split into one byte of options and the rest as the file's content.
struct OptionsAndContent {
    uint8_t options = 0;
    QByteArray content;
};

inline OptionsAndContent splitOptions(const uint8_t* data, size_t size)
{
    OptionsAndContent input;
    if (size == 0)
        return input;
    input.options = data[0];
    input.content = QByteArray(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    return input;
}

} // namespace studio::fuzz
