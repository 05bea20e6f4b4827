#include "data/CsvReader.h"

#include "common/StudioError.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace studio {
namespace {

constexpr qint64 kSniffBytes = 64 * 1024;  // how much of a file the encoding checks look at
constexpr char kQuote = '"';

QString describeEncodingProblem(const QByteArray& head)
{
    const auto startsWith = [&](std::initializer_list<unsigned char> bom) {
        if (head.size() < static_cast<qsizetype>(bom.size()))
            return false;
        return std::equal(bom.begin(), bom.end(), reinterpret_cast<const unsigned char*>(head.constData()));
    };
    if (startsWith({0xFF, 0xFE, 0x00, 0x00}) || startsWith({0x00, 0x00, 0xFE, 0xFF}))
        return QStringLiteral("is UTF-32 encoded; save it as UTF-8 and import it again");
    if (startsWith({0xFF, 0xFE}) || startsWith({0xFE, 0xFF}))
        return QStringLiteral("is UTF-16 encoded; save it as UTF-8 (e.g. \"Save as… CSV UTF-8\", or "
                              "iconv -f UTF-16 -t UTF-8) and import it again");
    const qsizetype zeros = head.count('\0');
    if (zeros == 0)
        return {};
    // UTF-16 text without a byte order mark has a zero byte in every other position.
    qsizetype zerosAtOdd = 0;
    qsizetype zerosAtEven = 0;
    for (qsizetype i = 0; i < head.size(); ++i)
        if (head.at(i) == '\0')
            ++(i % 2 ? zerosAtOdd : zerosAtEven);
    const qsizetype half = head.size() / 2;
    if (zerosAtOdd > half * 8 / 10 || zerosAtEven > half * 8 / 10)
        return QStringLiteral("looks UTF-16 encoded (no byte order mark); save it as UTF-8 and import it again");
    return QStringLiteral("is not a text file (it contains binary data); choose a CSV, TSV, JSON or text file");
}

// The byte offset of the first invalid UTF-8 sequence in `bytes`, or -1. A sequence cut off by
// the end of `bytes` is not counted as invalid when `mayBeCut`.
qsizetype firstInvalidUtf8(const QByteArray& bytes, bool mayBeCut)
{
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = data[i];
        int extra = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF)
            extra = 1;
        else if (lead >= 0xE0 && lead <= 0xEF)
            extra = 2;
        else if (lead >= 0xF0 && lead <= 0xF4)
            extra = 3;
        else
            return i;
        if (i + extra >= size)
            return mayBeCut ? -1 : i;
        for (int k = 1; k <= extra; ++k)
            if ((data[i + k] & 0xC0) != 0x80)
                return i;
        i += extra + 1;
    }
    return -1;
}

QChar sniffDelimiter(const QString& path, const QByteArray& firstLine)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
        return QLatin1Char('\t');
    const std::array<char, 3> candidates{',', '\t', ';'};
    char best = ',';
    qsizetype bestCount = 0;
    for (char candidate : candidates) {
        const qsizetype count = firstLine.count(candidate);
        if (count > bestCount) {
            best = candidate;
            bestCount = count;
        }
    }
    return QLatin1Char(best);
}

} // namespace

void checkTextFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw StudioError(QStringLiteral("The file %1 does not exist.").arg(path));
    if (!info.isFile())
        throw StudioError(QStringLiteral("%1 is a folder, not a file.").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("Cannot open %1: %2.").arg(path, file.errorString()));
    const QByteArray head = file.read(kSniffBytes);
    if (head.isEmpty())
        throw StudioError(QStringLiteral("%1 is empty: there is nothing to import.").arg(path));
    const QString problem = describeEncodingProblem(head);
    if (!problem.isEmpty())
        throw StudioError(QStringLiteral("%1 %2.").arg(path, problem));
    const bool wholeFile = file.atEnd();
    const qsizetype bad = firstInvalidUtf8(head, /*mayBeCut=*/!wholeFile);
    if (bad >= 0) {
        const qsizetype line = head.left(bad).count('\n') + 1;
        throw StudioError(QStringLiteral("%1, line %2: the text is not valid UTF-8 (byte 0x%3). Save the file as UTF-8 "
                                         "and import it again.")
                              .arg(path)
                              .arg(line)
                              .arg(static_cast<unsigned char>(head.at(bad)), 2, 16, QLatin1Char('0')));
    }
}

// checkTextFile runs first (the comma operator) so a bad file is named before it is opened.
CsvReader::CsvReader(const QString& path, const CsvOptions& options, ImportControl control)
    : m_path(path)
    , m_lines((checkTextFile(path), path), std::move(control))
{
    m_delimiter = options.delimiter.isNull() ? sniffDelimiter(path, m_lines.peek(kSniffBytes).split('\n').value(0))
                                            : options.delimiter;
    m_splitter = CsvRecordSplitter(static_cast<char>(m_delimiter.unicode()), m_lines.limits());
    if (options.hasHeader) {
        QStringList names;
        if (!readRecord(&names))
            throw StudioError(QStringLiteral("%1 has no lines to read.").arg(path));
        for (QString& name : names)
            name = name.trimmed();
        m_header = names;
        m_expectedFields = static_cast<int>(names.size());
    }
}

CsvReader::~CsvReader() = default;

int CsvReader::columnIndex(const QString& name) const
{
    int index = static_cast<int>(m_header.indexOf(name));
    if (index < 0)
        index = static_cast<int>(m_header.indexOf(QRegularExpression(QRegularExpression::escape(name),
                                                                    QRegularExpression::CaseInsensitiveOption)));
    if (index < 0) {
        QStringList quoted;
        for (const QString& column : m_header)
            quoted << QLatin1Char('"') + column + QLatin1Char('"');
        throw StudioError(QStringLiteral("%1 has no column \"%2\"; its columns are %3. Choose one of these.")
                              .arg(m_path, name, quoted.join(QStringLiteral(", "))));
    }
    return index;
}

QString CsvReader::where() const
{
    return QStringLiteral("%1, line %2: ").arg(m_path).arg(m_recordLine);
}

bool CsvReader::next(QStringList* fields)
{
    if (!readRecord(fields))
        return false;
    if (++m_records > m_lines.limits().maxRows)
        throw StudioError(QStringLiteral("%1the file has more than %2 records, the limit for one file: split it, or import "
                                         "only the part you need.")
                              .arg(where())
                              .arg(m_lines.limits().maxRows));
    if (m_expectedFields < 0)
        m_expectedFields = static_cast<int>(fields->size());
    if (fields->size() != m_expectedFields)
        throw StudioError(
            QStringLiteral("%1has %2 fields but %3 has %4. Quote fields that contain \"%5\", or add the missing fields.")
                .arg(where())
                .arg(fields->size())
                .arg(m_header.isEmpty() ? QStringLiteral("the first row") : QStringLiteral("the header"))
                .arg(m_expectedFields)
                .arg(m_delimiter == QLatin1Char('\t') ? QStringLiteral("\\t") : QString(m_delimiter)));
    return true;
}

bool CsvReader::readRecord(QStringList* fields)
{
    fields->clear();
    QByteArray& line = m_line;
    // Skip blank lines between records.
    do {
        if (!m_lines.next(&line))
            return false;
    } while (line.isEmpty());
    m_recordLine = m_lines.lineNumber();
    while (true) {
        const CsvRecordSplitter::Step step = m_splitter.addLine(line, &m_rawFields);
        if (step == CsvRecordSplitter::Step::Record)
            break;
        if (step == CsvRecordSplitter::Step::FieldTooLong) {
            const bool quoted = m_splitter.inRecord();
            m_splitter.reset();
            throwFieldTooLong(quoted);
        }
        if (step == CsvRecordSplitter::Step::TooManyFields) {
            m_splitter.reset();
            throwTooManyFields();
        }
        if (!m_lines.next(&line)) {
            m_splitter.reset();
            throw StudioError(QStringLiteral("%1, line %2: a quote opened here is never closed. Close the quote (a quote "
                                             "inside a quoted field is written \"\").")
                                  .arg(m_path)
                                  .arg(m_recordLine));
        }
    }
    fields->reserve(m_rawFields.size());
    for (const QByteArray& field : std::as_const(m_rawFields))
        fields->append(decode(field, m_recordLine));
    return true;
}

CsvRecordSplitter::Step CsvRecordSplitter::addLine(const QByteArray& line, QList<QByteArray>* fields)
{
    if (m_quoted)
        m_field.append('\n');  // a quoted field runs on over the line break
    qsizetype i = 0;
    while (i < line.size()) {
        // Checked once per piece copied below: a field grows by at most one line between checks.
        if (m_field.size() > m_maxFieldBytes)
            return Step::FieldTooLong;
        const char c = line.at(i);
        if (m_quoted) {
            if (c == kQuote) {
                if (i + 1 < line.size() && line.at(i + 1) == kQuote) {
                    m_field.append(kQuote);
                    ++i;
                } else {
                    m_quoted = false;
                }
            } else {
                // Copy the run up to the next quote at once: per-byte appends dominated import time.
                const qsizetype quote = line.indexOf(kQuote, i);
                const qsizetype end = quote < 0 ? line.size() : quote;
                m_field.append(line.constData() + i, end - i);
                i = end;
                continue;
            }
        } else if (c == m_delimiter) {
            if (!endField())
                return Step::TooManyFields;
            m_wasQuoted = false;
        } else if (c == kQuote && m_field.isEmpty() && !m_wasQuoted) {
            m_quoted = true;
            m_wasQuoted = true;
        } else {
            // A quote in the middle of an unquoted field is kept as it is; copy up to the delimiter.
            qsizetype end = line.indexOf(m_delimiter, i + 1);
            if (end < 0)
                end = line.size();
            m_field.append(line.constData() + i, end - i);
            i = end;
            continue;
        }
        ++i;
    }
    if (m_field.size() > m_maxFieldBytes)
        return Step::FieldTooLong;
    if (m_quoted)
        return Step::NeedsMoreLines;
    if (!endField())
        return Step::TooManyFields;
    fields->swap(m_fields);
    reset();
    return Step::Record;
}

bool CsvRecordSplitter::endField()
{
    if (m_fields.size() >= m_maxFields)
        return false;
    m_fields.append(m_field);
    m_field.clear();
    return true;
}

void CsvRecordSplitter::reset()
{
    m_fields.clear();
    m_field.clear();
    m_quoted = false;
    m_wasQuoted = false;
}

void CsvReader::throwTooManyFields() const
{
    throw StudioError(QStringLiteral("%1the record has more than %2 fields, the limit for one record: check the "
                                     "delimiter (the file is read with \"%3\"), or split the file.")
                          .arg(where())
                          .arg(m_lines.limits().maxFields)
                          .arg(m_delimiter == QLatin1Char('\t') ? QStringLiteral("\\t") : QString(m_delimiter)));
}

void CsvReader::throwFieldTooLong(bool quoted) const
{
    const QString limit = describeBytes(m_lines.limits().maxFieldBytes);
    if (quoted)
        throw StudioError(QStringLiteral("%1, line %2: a quote opened here is not closed within %3, the limit for one "
                                         "field (reading stopped at line %4). Close the quote (a quote inside a quoted "
                                         "field is written \"\").")
                              .arg(m_path)
                              .arg(m_recordLine)
                              .arg(limit)
                              .arg(m_lines.lineNumber()));
    throw StudioError(QStringLiteral("%1a field is longer than %2, the limit for one field: check the delimiter, or "
                                     "split the field.")
                          .arg(where(), limit));
}

QString CsvReader::decode(const QByteArray& bytes, qint64 line) const
{
    const qsizetype bad = firstInvalidUtf8(bytes, /*mayBeCut=*/false);
    if (bad >= 0)
        throw StudioError(QStringLiteral("%1, line %2: the text is not valid UTF-8 (byte 0x%3). Save the file as UTF-8 and "
                                         "import it again.")
                              .arg(m_path)
                              .arg(line)
                              .arg(static_cast<unsigned char>(bytes.at(bad)), 2, 16, QLatin1Char('0')));
    return QString::fromUtf8(bytes);
}

} // namespace studio
