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
    : path_(path)
    , lines_((checkTextFile(path), path), std::move(control))
{
    delimiter_ = options.delimiter.isNull() ? sniffDelimiter(path, lines_.peek(kSniffBytes).split('\n').value(0))
                                            : options.delimiter;
    splitter_ = CsvRecordSplitter(static_cast<char>(delimiter_.unicode()), lines_.limits());
    if (options.hasHeader) {
        QStringList names;
        if (!readRecord(&names))
            throw StudioError(QStringLiteral("%1 has no lines to read.").arg(path));
        for (QString& name : names)
            name = name.trimmed();
        header_ = names;
        expectedFields_ = static_cast<int>(names.size());
    }
}

CsvReader::~CsvReader() = default;

int CsvReader::columnIndex(const QString& name) const
{
    int index = static_cast<int>(header_.indexOf(name));
    if (index < 0)
        index = static_cast<int>(header_.indexOf(QRegularExpression(QRegularExpression::escape(name),
                                                                    QRegularExpression::CaseInsensitiveOption)));
    if (index < 0) {
        QStringList quoted;
        for (const QString& column : header_)
            quoted << QLatin1Char('"') + column + QLatin1Char('"');
        throw StudioError(QStringLiteral("%1 has no column \"%2\"; its columns are %3. Choose one of these.")
                              .arg(path_, name, quoted.join(QStringLiteral(", "))));
    }
    return index;
}

QString CsvReader::where() const
{
    return QStringLiteral("%1, line %2: ").arg(path_).arg(recordLine_);
}

bool CsvReader::next(QStringList* fields)
{
    if (!readRecord(fields))
        return false;
    if (++records_ > lines_.limits().maxRows)
        throw StudioError(QStringLiteral("%1the file has more than %2 records, the limit for one file: split it, or import "
                                         "only the part you need.")
                              .arg(where())
                              .arg(lines_.limits().maxRows));
    if (expectedFields_ < 0)
        expectedFields_ = static_cast<int>(fields->size());
    if (fields->size() != expectedFields_)
        throw StudioError(
            QStringLiteral("%1has %2 fields but %3 has %4. Quote fields that contain \"%5\", or add the missing fields.")
                .arg(where())
                .arg(fields->size())
                .arg(header_.isEmpty() ? QStringLiteral("the first row") : QStringLiteral("the header"))
                .arg(expectedFields_)
                .arg(delimiter_ == QLatin1Char('\t') ? QStringLiteral("\\t") : QString(delimiter_)));
    return true;
}

bool CsvReader::readRecord(QStringList* fields)
{
    fields->clear();
    QByteArray& line = line_;
    // Skip blank lines between records.
    do {
        if (!lines_.next(&line))
            return false;
    } while (line.isEmpty());
    recordLine_ = lines_.lineNumber();
    while (true) {
        const CsvRecordSplitter::Step step = splitter_.addLine(line, &rawFields_);
        if (step == CsvRecordSplitter::Step::Record)
            break;
        if (step == CsvRecordSplitter::Step::FieldTooLong) {
            const bool quoted = splitter_.inRecord();
            splitter_.reset();
            throwFieldTooLong(quoted);
        }
        if (step == CsvRecordSplitter::Step::TooManyFields) {
            splitter_.reset();
            throwTooManyFields();
        }
        if (!lines_.next(&line)) {
            splitter_.reset();
            throw StudioError(QStringLiteral("%1, line %2: a quote opened here is never closed. Close the quote (a quote "
                                             "inside a quoted field is written \"\").")
                                  .arg(path_)
                                  .arg(recordLine_));
        }
    }
    fields->reserve(rawFields_.size());
    for (const QByteArray& field : std::as_const(rawFields_))
        fields->append(decode(field, recordLine_));
    return true;
}

CsvRecordSplitter::Step CsvRecordSplitter::addLine(const QByteArray& line, QList<QByteArray>* fields)
{
    if (quoted_)
        field_.append('\n');  // a quoted field runs on over the line break
    qsizetype i = 0;
    while (i < line.size()) {
        // Checked once per piece copied below: a field grows by at most one line between checks.
        if (field_.size() > maxFieldBytes_)
            return Step::FieldTooLong;
        const char c = line.at(i);
        if (quoted_) {
            if (c == kQuote) {
                if (i + 1 < line.size() && line.at(i + 1) == kQuote) {
                    field_.append(kQuote);
                    ++i;
                } else {
                    quoted_ = false;
                }
            } else {
                // Copy the run up to the next quote at once: per-byte appends dominated import time.
                const qsizetype quote = line.indexOf(kQuote, i);
                const qsizetype end = quote < 0 ? line.size() : quote;
                field_.append(line.constData() + i, end - i);
                i = end;
                continue;
            }
        } else if (c == delimiter_) {
            if (!endField())
                return Step::TooManyFields;
            wasQuoted_ = false;
        } else if (c == kQuote && field_.isEmpty() && !wasQuoted_) {
            quoted_ = true;
            wasQuoted_ = true;
        } else {
            // A quote in the middle of an unquoted field is kept as it is; copy up to the delimiter.
            qsizetype end = line.indexOf(delimiter_, i + 1);
            if (end < 0)
                end = line.size();
            field_.append(line.constData() + i, end - i);
            i = end;
            continue;
        }
        ++i;
    }
    if (field_.size() > maxFieldBytes_)
        return Step::FieldTooLong;
    if (quoted_)
        return Step::NeedsMoreLines;
    if (!endField())
        return Step::TooManyFields;
    fields->swap(fields_);
    reset();
    return Step::Record;
}

bool CsvRecordSplitter::endField()
{
    if (fields_.size() >= maxFields_)
        return false;
    fields_.append(field_);
    field_.clear();
    return true;
}

void CsvRecordSplitter::reset()
{
    fields_.clear();
    field_.clear();
    quoted_ = false;
    wasQuoted_ = false;
}

void CsvReader::throwTooManyFields() const
{
    throw StudioError(QStringLiteral("%1the record has more than %2 fields, the limit for one record: check the "
                                     "delimiter (the file is read with \"%3\"), or split the file.")
                          .arg(where())
                          .arg(lines_.limits().maxFields)
                          .arg(delimiter_ == QLatin1Char('\t') ? QStringLiteral("\\t") : QString(delimiter_)));
}

void CsvReader::throwFieldTooLong(bool quoted) const
{
    const QString limit = describeBytes(lines_.limits().maxFieldBytes);
    if (quoted)
        throw StudioError(QStringLiteral("%1, line %2: a quote opened here is not closed within %3, the limit for one "
                                         "field (reading stopped at line %4). Close the quote (a quote inside a quoted "
                                         "field is written \"\").")
                              .arg(path_)
                              .arg(recordLine_)
                              .arg(limit)
                              .arg(lines_.lineNumber()));
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
                              .arg(path_)
                              .arg(line)
                              .arg(static_cast<unsigned char>(bytes.at(bad)), 2, 16, QLatin1Char('0')));
    return QString::fromUtf8(bytes);
}

} // namespace studio
