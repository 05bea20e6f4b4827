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
    : path_(path)
    , file_(path)
    , control_(std::move(control))
{
    if (!file_.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("Cannot open %1: %2.").arg(path, file_.errorString()));
    bytesTotal_ = file_.size();
    if (file_.peek(3) == QByteArray("\xEF\xBB\xBF", 3))
        file_.skip(3);
}

bool LineReader::next(QByteArray* line)
{
    if (control_.cancelled())
        throw ImportCancelled(QStringLiteral("The import of %1 was cancelled; nothing was changed.").arg(path_));
    if (file_.atEnd()) {
        if (control_.progress)
            control_.progress(bytesTotal_, bytesTotal_);
        return false;
    }
    ++lineNumber_;
    readLine(line);
    bytesRead_ += line->size();
    if (line->endsWith('\n'))
        line->chop(1);
    if (line->endsWith('\r'))
        line->chop(1);
    if (control_.progress && bytesRead_ >= nextProgressAt_) {
        control_.progress(bytesRead_, bytesTotal_);
        nextProgressAt_ = bytesRead_ + ImportControl::kProgressEveryBytes;
    }
    return true;
}

void LineReader::readLine(QByteArray* line)
{
    // QIODevice::readLine() would read a line of any length whole; QIODevice::readLine(maxSize)
    // allocates maxSize for every line. Read pieces into the line until its end or the limit.
    line->resize(0);
    const qint64 limit = control_.limits.maxLineBytes;
    while (true) {
        const qsizetype start = line->size();
        line->resize(start + kLinePiece);
        // Reads up to kLinePiece - 1 bytes, stopping after a '\n', and writes a terminating zero.
        const qint64 got = file_.readLine(line->data() + start, kLinePiece);
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
                                  .arg(path_)
                                  .arg(lineNumber_)
                                  .arg(describeBytes(limit)));
        if (ended)
            break;
    }
}

} // namespace studio
