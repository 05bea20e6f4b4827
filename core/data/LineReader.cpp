#include "data/LineReader.h"

#include "common/StudioError.h"

namespace studio {

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
    *line = file_.readLine();
    ++lineNumber_;
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

} // namespace studio
