#include "data/TextCorpus.h"

#include <QStringDecoder>

namespace studio {

QByteArray TextCorpus::textUtf8(int64_t record) const
{
    const auto index = static_cast<size_t>(record);
    const qint64 start = offsets_[index];
    const qint64 end = index + 1 < offsets_.size() ? offsets_[index + 1] : blob_.size();
    return QByteArray(blob_.constData() + start, end - start);
}

QString TextCorpus::text(int64_t record) const
{
    const auto index = static_cast<size_t>(record);
    const qint64 start = offsets_[index];
    const qint64 end = index + 1 < offsets_.size() ? offsets_[index + 1] : blob_.size();
    // Not QString::fromUtf8, which drops a text's leading U+FEFF as if it were a byte order mark
    // (a text of only that character came back empty; found by fuzz_text_import).
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    return decoder(QByteArrayView(blob_.constData() + start, end - start));
}

QString TextCorpus::label(int64_t record) const
{
    const int index = labelIndex(record);
    return index < 0 ? QString() : labelNames_.at(index);
}

QString TextCorpus::where(int64_t record) const
{
    if (!files_.isEmpty())
        return files_.at(record);
    // JSON arrays number their records; every other format has lines.
    const QString unit = format == QLatin1String("json") ? QStringLiteral("record") : QStringLiteral("line");
    return QStringLiteral("%1, %2 %3").arg(path, unit).arg(sourceLine(record));
}

void TextCorpus::append(QByteArrayView utf8Text, const QString& label, qint64 line, const QString& file)
{
    offsets_.push_back(blob_.size());
    blob_.append(utf8Text);
    lines_.push_back(line);
    if (!file.isEmpty())
        files_.append(file);
    if (!hasLabels_)
        return;
    auto found = labelLookup_.constFind(label);
    if (found == labelLookup_.constEnd()) {
        found = labelLookup_.insert(label, static_cast<int32_t>(labelNames_.size()));
        labelNames_.append(label);
    }
    labelIds_.push_back(found.value());
}

void TextCorpus::squeeze()
{
    blob_.squeeze();
    offsets_.shrink_to_fit();
    lines_.shrink_to_fit();
    labelIds_.shrink_to_fit();
}

} // namespace studio
