#include "data/LineReader.h"

#include "common/StudioError.h"

#include <algorithm>

namespace studio {
namespace {

// A line is read in pieces of this size, so a line without end costs at most the limit plus one piece.
constexpr qsizetype kLinePiece = 64 * 1024;

} // namespace

QString describeBytes(qint64 bytes)
{
    if (bytes >= (qint64(1) << 20) && bytes % (qint64(1) << 20) == 0)
        return QStringLiteral("%1 MiB").arg(bytes >> 20);
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes >> 10);
    return QStringLiteral("%1 bytes").arg(bytes);
}

LineReader::LineReader(const QString& path, ImportControl control)
    : m_path(path)
    , m_file(path)
    , m_control(std::move(control))
{
    if (!m_file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("Cannot open %1: %2.").arg(path, m_file.errorString()));
    m_bytesTotal = m_file.size();
    if (m_file.peek(3) == QByteArray("\xEF\xBB\xBF", 3))
        m_file.skip(3);
}

bool LineReader::next(QByteArray* line)
{
    if (m_control.cancelled())
        throw ImportCancelled(QStringLiteral("The import of %1 was cancelled; nothing was changed.").arg(m_path));
    if (m_file.atEnd()) {
        if (m_control.progress)
            m_control.progress(m_bytesTotal, m_bytesTotal);
        return false;
    }
    ++m_lineNumber;
    readLine(line);
    m_bytesRead += line->size();
    if (line->endsWith('\n'))
        line->chop(1);
    if (line->endsWith('\r'))
        line->chop(1);
    if (m_control.progress && m_bytesRead >= m_nextProgressAt) {
        m_control.progress(m_bytesRead, m_bytesTotal);
        m_nextProgressAt = m_bytesRead + ImportControl::kProgressEveryBytes;
    }
    return true;
}

void LineReader::readLine(QByteArray* line)
{
    // QIODevice::readLine() would read a line of any length whole; QIODevice::readLine(maxSize)
    // allocates maxSize for every line. Read pieces into the line until its end or the limit.
    line->resize(0);
    const qint64 limit = m_control.limits.maxLineBytes;
    while (true) {
        const qsizetype start = line->size();
        line->resize(start + kLinePiece);
        // Reads up to kLinePiece - 1 bytes, stopping after a '\n', and writes a terminating zero.
        const qint64 got = m_file.readLine(line->data() + start, kLinePiece);
        line->resize(start + std::max<qint64>(got, 0));
        const bool ended = got <= 0 || line->endsWith('\n');
        // The line's text so far, without its "\n" or "\r\n" (a "\r" may wait for its "\n").
        qsizetype text = line->size() - (line->endsWith('\n') ? 1 : 0);
        if (text > 0 && line->at(text - 1) == '\r')
            --text;
        if (text > limit)
            throw StudioError(QStringLiteral("%1, line %2: the line is longer than %3, the limit for one line, so it was not "
                                             "read to its end. A file to import has line breaks between its records; check "
                                             "that this is the right file.")
                                  .arg(m_path)
                                  .arg(m_lineNumber)
                                  .arg(describeBytes(limit)));
        if (ended)
            break;
    }
}

} // namespace studio
