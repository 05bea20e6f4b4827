#include "display/WeightsExport.h"

#include "data/CsvWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace studio {
namespace {

// Significant digits that make any float survive the trip through text unchanged.
constexpr int kFloatDigits = 9;

// lupdate files a free tr() inside namespace studio under the context "studio": the same here.
QString tr(const char* text)
{
    return QCoreApplication::translate("studio", text);
}

void appendRow(QByteArray& csv, const QString& label, const float* values, int64_t count)
{
    QStringList fields{label};
    fields.reserve(count + 1);
    for (int64_t i = 0; i < count; ++i)
        fields << QString::number(static_cast<double>(values[i]), 'g', kFloatDigits);
    csv += csvRecord(fields);
}

ExportResult writeAtomically(const QString& path, const QByteArray& contents)
{
    const auto failure = [&path](const QString& reason) {
        return ExportResult::failure(tr("Cannot write the weights “%1”: %2").arg(QDir::toNativeSeparators(path), reason));
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(file.errorString());
    if (file.write(contents) != contents.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return failure(reason);
    }
    if (!file.commit())
        return failure(file.errorString());
    return ExportResult::success();
}

ExportResult invalidMap(const QString& path, const QString& problem)
{
    return ExportResult::failure(tr("Cannot write the weights “%1”: %2").arg(QDir::toNativeSeparators(path), problem));
}

} // namespace

QByteArray weightsCsv(const AttentionMap& map, std::optional<MatrixKind> kind)
{
    QByteArray csv;
    if (!attentionShapeProblem(map).isEmpty())
        return csv;
    const int64_t rows = attentionRows(map);
    const int64_t columns = attentionColumns(map);
    const bool perFeature = map.shape.size() == 2 && kind.value_or(guessMatrixKind(map)) == MatrixKind::PerFeature;
    QStringList header{QString()};  // the corner above the row labels
    for (int64_t j = 0; j < columns; ++j)
        // Columns of a T×T map and of a {T} map are steps; of a T×d map, features.
        header << (perFeature ? QString::number(j) : stepLabel(map, j));
    csv += csvRecord(header);
    if (map.shape.size() == 1) {
        appendRow(csv, QStringLiteral("weight"), map.values.data(), columns);
        return csv;
    }
    for (int64_t i = 0; i < rows; ++i)
        appendRow(csv, stepLabel(map, i), map.values.data() + i * columns, columns);
    return csv;
}

QByteArray weightsJson(const AttentionMap& map)
{
    QJsonArray shape;
    for (int64_t size : map.shape)
        shape.append(static_cast<qint64>(size));
    QJsonArray values;
    for (float value : map.values)
        values.append(static_cast<double>(value));  // a double holds every float exactly
    QJsonObject object{{QStringLiteral("shape"), shape}, {QStringLiteral("values"), values}};
    if (!map.tokens.isEmpty())
        object.insert(QStringLiteral("tokens"), QJsonArray::fromStringList(map.tokens));
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

ExportResult exportWeightsCsv(const AttentionMap& map, const QString& path, std::optional<MatrixKind> kind)
{
    const QString problem = attentionShapeProblem(map);
    if (!problem.isEmpty())
        return invalidMap(path, problem);
    return writeAtomically(path, weightsCsv(map, kind));
}

ExportResult exportWeightsJson(const AttentionMap& map, const QString& path)
{
    const QString problem = attentionShapeProblem(map);
    if (!problem.isEmpty())
        return invalidMap(path, problem);
    return writeAtomically(path, weightsJson(map));
}

} // namespace studio
