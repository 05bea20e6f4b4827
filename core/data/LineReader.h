#pragma once

// Reads a text file line by line for the importers: line numbers, a UTF-8 byte order mark
// skipped, progress reported (at most every ImportControl::kProgressEveryBytes, and once at the
// end) and cancel obeyed between lines. Lines come without their "\n" or "\r\n". Holds one line
// at a time, so files of any size read in constant memory; a line longer than
// ImportControl::limits.maxLineBytes is an error as soon as that much of it has been read.

#include "data/ImportControl.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace studio {

class LineReader {
public:
    // Throws StudioError when the file cannot be opened.
    LineReader(const QString& path, ImportControl control);
    // False at the end of the file. Throws ImportCancelled when the import was cancelled, and
    // StudioError naming the file and line when the line is longer than the limit.
    bool next(QByteArray* line);
    // The first bytes still to be read, without consuming them.
    QByteArray peek(qint64 bytes) { return m_file.peek(bytes); }

    const QString& path() const { return m_path; }
    const ImportLimits& limits() const { return m_control.limits; }
    qint64 lineNumber() const { return m_lineNumber; }
    qint64 bytesRead() const { return m_bytesRead; }
    qint64 bytesTotal() const { return m_bytesTotal; }

private:
    void readLine(QByteArray* line);

    QString m_path;
    QFile m_file;
    ImportControl m_control;
    qint64 m_lineNumber = 0;
    qint64 m_bytesRead = 0;
    qint64 m_bytesTotal = 0;
    qint64 m_nextProgressAt = 0;
};

} // namespace studio
