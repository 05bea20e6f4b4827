#pragma once

// The texts and labels of one import, stored compactly: every text in one UTF-8 buffer with an
// offset per record, labels as indices into the list of distinct labels. A 200 MB CSV of texts
// takes about 200 MB plus ~20 bytes per record, not the ~3x of one QString per field.

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

class TextCorpus {
public:
    QString path;                             // the file or folder read
    QString format;                           // the format it was read as ("csv", "json"...)
    QString textField;                        // the column/field used (empty for plain text, folders)
    QString labelField;                       // the column/field used, "folder" for folders; empty without labels
    int64_t skippedEmpty = 0;                 // records skipped because their text was empty

    int64_t size() const { return static_cast<int64_t>(m_lines.size()); }
    bool isEmpty() const { return m_lines.empty(); }
    bool hasLabels() const { return m_hasLabels; }

    QString text(int64_t record) const;
    QByteArray textUtf8(int64_t record) const;  // shares nothing with the corpus (a copy)
    // The label as written; empty without labels.
    QString label(int64_t record) const;
    // The distinct labels in order of first appearance (use orderClassLabels for class order).
    const QStringList& distinctLabels() const { return m_labelNames; }
    int labelIndex(int64_t record) const { return m_labelIds.empty() ? -1 : m_labelIds[static_cast<size_t>(record)]; }
    // Where the record came from, for messages: "FILE, line N", "FILE, record N" or the record's file.
    QString where(int64_t record) const;
    // The line (CSV, JSON Lines, plain text) or record number (JSON array) a record starts on; 0 for folders.
    qint64 sourceLine(int64_t record) const { return m_lines[static_cast<size_t>(record)]; }
    // Bytes held by the texts.
    qint64 textBytes() const { return static_cast<qint64>(m_blob.size()); }

    // For importers. `line` as sourceLine; `file` only for folder corpora.
    void reserveText(qint64 bytes) { m_blob.reserve(bytes); }
    void append(QByteArrayView utf8Text, const QString& label, qint64 line, const QString& file = {});
    void setHasLabels(bool hasLabels) { m_hasLabels = hasLabels; }
    void squeeze();  // gives back what reserveText over-estimated

private:
    QByteArray m_blob;               // every text, UTF-8, back to back
    std::vector<qint64> m_offsets;   // start of each text in m_blob; the end is the next start
    std::vector<qint64> m_lines;
    std::vector<int32_t> m_labelIds;  // index into m_labelNames, per record
    QStringList m_labelNames;
    QHash<QString, int32_t> m_labelLookup;
    QStringList m_files;  // folders only: each record's file
    bool m_hasLabels = false;
};

} // namespace studio
