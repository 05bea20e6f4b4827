#include "data/UcrImport.h"

#include "common/StudioError.h"
#include "data/ClassLabels.h"
#include "data/CsvReader.h"
#include "data/LineReader.h"
#include "data/SeriesTable.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace studio {
namespace {

const QString kTaskName = QStringLiteral("ucr-classification");

QChar delimiterOf(const QString& line)
{
    if (line.contains(QLatin1Char('\t')))
        return QLatin1Char('\t');
    if (line.contains(QLatin1Char(',')))
        return QLatin1Char(',');
    return QLatin1Char(' ');  // any run of whitespace
}

// How many fields splitFields will make of `line` (trimmed), counted without making them.
qsizetype countFields(const QString& line, QChar delimiter)
{
    if (delimiter != QLatin1Char(' '))
        return line.count(delimiter) + 1;
    qsizetype count = 0;
    bool inField = false;
    for (QChar c : line) {
        if (!c.isSpace() && !inField)
            ++count;
        inField = !c.isSpace();
    }
    return count;
}

QStringList splitFields(const QString& line, QChar delimiter)
{
    static const QRegularExpression kWhitespace(QStringLiteral("\\s+"));
    if (delimiter != QLatin1Char(' '))
        return line.split(delimiter);
    return line.split(kWhitespace, Qt::SkipEmptyParts);
}

// "1", "1.0" and "1.0000000e+00" name the same class.
QString canonicalLabel(const QString& field)
{
    const QString trimmed = field.trimmed();
    bool ok = false;
    const double number = trimmed.toDouble(&ok);
    return ok && std::isfinite(number) ? QString::number(number, 'g', 15) : trimmed;
}

// Removes the trailing padding; returns the position of the first interior gap, or -1.
int64_t trimPadding(std::vector<double>& values)
{
    while (!values.empty() && std::isnan(values.back()))
        values.pop_back();
    for (size_t i = 0; i < values.size(); ++i)
        if (std::isnan(values[i]))
            return static_cast<int64_t>(i);
    return -1;
}

// Linear in the step index; the sequence has known values at both ends after trimPadding, except
// for leading gaps, which take the first known value.
void interpolateSequence(std::vector<double>& values)
{
    SeriesTable table;  // no time column: the axis is the step index
    table.names << QStringLiteral("sequence");
    table.columns.push_back(std::move(values));
    interpolateMissing(table.columns.front(), table, QStringLiteral("sequence"));
    values = std::move(table.columns.front());
}

void zNormalize(std::vector<double>& values)
{
    double mean = 0.0;
    for (double v : values)
        mean += v;
    mean /= static_cast<double>(values.size());
    double squares = 0.0;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    const double deviation = std::sqrt(squares / static_cast<double>(values.size()));
    const double scale = deviation > 0.0 ? deviation : 1.0;  // a constant sequence becomes zeros
    for (double& v : values)
        v = (v - mean) / scale;
}

std::vector<float> toFloats(const std::vector<double>& values)
{
    return std::vector<float>(values.begin(), values.end());
}

} // namespace

Dataset importUcr(const QString& path, const UcrOptions& options, ImportControl control, QStringList* notes)
{
    checkTextFile(path);
    LineReader lines(path, control);

    struct RawSequence {
        QString label;
        std::vector<double> values;
    };
    std::vector<RawSequence> sequences;
    QStringList distinct;
    QHash<QString, qint64> firstLineOfLabel;
    qint64 dropped = 0;
    qint64 interpolated = 0;
    QByteArray bytes;
    while (lines.next(&bytes)) {
        const qint64 lineNumber = lines.lineNumber();
        const QString line = QString::fromUtf8(bytes).trimmed();
        if (line.isEmpty())
            continue;
        const QChar delimiter = delimiterOf(line);
        if (countFields(line, delimiter) > control.limits.maxFields)
            throw StudioError(QStringLiteral("%1, line %2: the line has more than %3 values, the limit for one sequence: "
                                             "check that this is a UCR/UEA file (one sequence per line).")
                                  .arg(path)
                                  .arg(lineNumber)
                                  .arg(control.limits.maxFields));
        if (static_cast<qint64>(sequences.size()) >= control.limits.maxRows)
            throw StudioError(QStringLiteral("%1, line %2: the file has more than %3 sequences, the limit for one file: "
                                             "split it, or import only the part you need.")
                                  .arg(path)
                                  .arg(lineNumber)
                                  .arg(control.limits.maxRows));
        const QStringList fields = splitFields(line, delimiter);
        const QString where = QStringLiteral("%1, line %2").arg(path).arg(lineNumber);
        if (fields.size() < 2)
            throw StudioError(QStringLiteral("%1: the line has a label but no values; each line needs the class label, then "
                                             "the sequence, separated by tabs, commas or spaces.")
                                  .arg(where));
        RawSequence sequence;
        sequence.label = canonicalLabel(fields.front());
        if (sequence.label.isEmpty())
            throw StudioError(QStringLiteral("%1: the class label (the first field) is empty: give every sequence its label.").arg(where));
        sequence.values.reserve(static_cast<size_t>(fields.size() - 1));
        for (qsizetype i = 1; i < fields.size(); ++i) {
            const QString& field = fields.at(i);
            if (isMissingMarker(field)) {
                sequence.values.push_back(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            double value = 0.0;
            if (!parseNumber(field, &value))
                throw StudioError(QStringLiteral("%1, value %2: \"%3\" is not a number; correct it, or write NaN for a "
                                                 "missing value.")
                                      .arg(where)
                                      .arg(i)
                                      .arg(field.left(40)));
            sequence.values.push_back(value);
        }
        const int64_t gap = trimPadding(sequence.values);
        if (sequence.values.empty())
            throw StudioError(QStringLiteral("%1: the sequence has no values, only missing ones: remove the line or give it values.")
                                  .arg(where));
        if (gap >= 0) {
            if (options.missing == MissingPolicy::Refuse)
                throw StudioError(QStringLiteral("%1, value %2: the value is missing inside the sequence. Choose how to "
                                                 "handle such gaps: interpolate (fill linearly from the neighbours) or drop "
                                                 "(skip the sequence).")
                                      .arg(where)
                                      .arg(gap + 1));
            if (options.missing == MissingPolicy::Drop) {
                ++dropped;
                continue;
            }
            interpolateSequence(sequence.values);
            ++interpolated;
        }
        if (!firstLineOfLabel.contains(sequence.label)) {
            firstLineOfLabel.insert(sequence.label, lineNumber);
            distinct << sequence.label;
        }
        sequences.push_back(std::move(sequence));
    }
    if (sequences.empty())
        throw StudioError(QStringLiteral("%1 holds no sequences%2: each line needs a class label and values.")
                              .arg(path, dropped > 0 ? QStringLiteral(" left after dropping those with gaps") : QString()));
    if (distinct.size() < 2)
        throw StudioError(QStringLiteral("%1: every sequence has the label \"%2\" (first on line %3), so there is nothing to "
                                         "tell apart: a classification file needs at least two classes.")
                              .arg(path, distinct.front())
                              .arg(firstLineOfLabel.value(distinct.front())));

    Dataset data;
    data.name = QFileInfo(path).completeBaseName();
    data.input = InputKind::Series;
    data.features = 1;
    data.labels = orderClassLabels(distinct);
    const ClassHead head = classHeadFor(static_cast<int>(data.labels.size()));
    data.head = head.head;
    data.outputs = head.outputs;
    QHash<QString, int> classOf;
    for (int i = 0; i < data.labels.size(); ++i)
        classOf.insert(data.labels.at(i), i);
    data.examples.reserve(sequences.size());
    size_t longest = 0;
    size_t shortest = std::numeric_limits<size_t>::max();
    for (RawSequence& sequence : sequences) {
        if (options.zNormalize)
            zNormalize(sequence.values);
        longest = std::max(longest, sequence.values.size());
        shortest = std::min(shortest, sequence.values.size());
        Example example;
        example.values = toFloats(sequence.values);
        example.target = {static_cast<float>(classOf.value(sequence.label))};
        data.examples.push_back(std::move(example));
    }
    data.preprocessing = {
        {QStringLiteral("task"), kTaskName},
        {QStringLiteral("version"), 1},
        {QStringLiteral("source"), QFileInfo(path).fileName()},
        {QStringLiteral("zNormalize"), options.zNormalize},
        {QStringLiteral("missing"), toString(options.missing)},
        {QStringLiteral("shortest"), static_cast<qint64>(shortest)},
        {QStringLiteral("longest"), static_cast<qint64>(longest)},
    };
    if (notes) {
        if (dropped > 0)
            notes->append(QStringLiteral("%1 sequences had a missing value inside and were dropped.").arg(dropped));
        if (interpolated > 0)
            notes->append(QStringLiteral("%1 sequences had missing values inside, filled by linear interpolation.").arg(interpolated));
    }
    return data;
}

bool isUcrPreprocessing(const QJsonObject& preprocessing)
{
    return preprocessing.value(QStringLiteral("task")).toString() == kTaskName;
}

Example makeUcrInput(std::vector<double> values, const QJsonObject& preprocessing)
{
    if (!isUcrPreprocessing(preprocessing))
        throw StudioError(QStringLiteral("The model was not trained on a UCR/UEA classification file."));
    MissingPolicy missing = MissingPolicy::Refuse;
    parseMissingPolicy(preprocessing.value(QStringLiteral("missing")).toString(), &missing);
    const int64_t gap = trimPadding(values);
    if (values.empty())
        throw StudioError(QStringLiteral("The sequence has no values to classify."));
    if (gap >= 0) {
        if (missing != MissingPolicy::Interpolate)
            throw StudioError(QStringLiteral("Value %1 of the sequence is missing: fill it (the model was trained with "
                                             "missing values %2).")
                                  .arg(gap + 1)
                                  .arg(toString(missing)));
        interpolateSequence(values);
    }
    if (preprocessing.value(QStringLiteral("zNormalize")).toBool())
        zNormalize(values);
    Example example;
    example.values = toFloats(values);
    return example;
}

} // namespace studio
