#include "data/TextCorpus.h"

#include <QStringDecoder>

namespace studio {

QByteArray TextCorpus::textUtf8(int64_t record) const
{
    const auto index = static_cast<size_t>(record);
    const qint64 start = m_offsets[index];
    const qint64 end = index + 1 < m_offsets.size() ? m_offsets[index + 1] : m_blob.size();
    return QByteArray(m_blob.constData() + start, end - start);
}

QString TextCorpus::text(int64_t record) const
{
    const auto index = static_cast<size_t>(record);
    const qint64 start = m_offsets[index];
    const qint64 end = index + 1 < m_offsets.size() ? m_offsets[index + 1] : m_blob.size();
    // Not QString::fromUtf8, which drops a text's leading U+FEFF as if it were a byte order mark
    // (a text of only that character came back empty; found by fuzz_text_import).
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    return decoder(QByteArrayView(m_blob.constData() + start, end - start));
}

QString TextCorpus::label(int64_t record) const
{
    const int index = labelIndex(record);
    return index < 0 ? QString() : m_labelNames.at(index);
}

QString TextCorpus::where(int64_t record) const
{
    if (!m_files.isEmpty())
        return m_files.at(record);
    // JSON arrays number their records; every other format has lines.
    const QString unit = format == QLatin1String("json") ? QStringLiteral("record") : QStringLiteral("line");
    return QStringLiteral("%1, %2 %3").arg(path, unit).arg(sourceLine(record));
}

void TextCorpus::append(QByteArrayView utf8Text, const QString& label, qint64 line, const QString& file)
{
    m_offsets.push_back(m_blob.size());
    m_blob.append(utf8Text);
    m_lines.push_back(line);
    if (!file.isEmpty())
        m_files.append(file);
    if (!m_hasLabels)
        return;
    auto found = m_labelLookup.constFind(label);
    if (found == m_labelLookup.constEnd()) {
        found = m_labelLookup.insert(label, static_cast<int32_t>(m_labelNames.size()));
        m_labelNames.append(label);
    }
    m_labelIds.push_back(found.value());
}

void TextCorpus::squeeze()
{
    m_blob.squeeze();
    m_offsets.shrink_to_fit();
    m_lines.shrink_to_fit();
    m_labelIds.shrink_to_fit();
}

} // namespace studio
