#include "data/ForecastDataset.h"

#include "common/StudioError.h"
#include "data/DataSplit.h"

#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <memory>

namespace studio {
namespace {

constexpr int kPreprocessingVersion = 1;
const QString kTaskName = QStringLiteral("forecast");

QJsonArray toJsonArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& item : list)
        array.append(item);
    return array;
}

QStringList toStringList(const QJsonArray& array)
{
    QStringList list;
    for (const auto& item : array)
        list << item.toString();
    return list;
}

// The trainer's own split (splitItems) of `total` ordered windows: the training part is its first
// part, so the normalizer is fitted on exactly what the trainer trains on.
int64_t trainingCount(int64_t total, double validationFraction, double testFraction)
{
    // Ordered data is not shuffled, so the seed plays no part.
    return static_cast<int64_t>(splitItems(total, SplitPlan{validationFraction, testFraction}, /*ordered=*/true).train.size());
}

// Prefix counts of rows with a missing value in any of `columns`: missing in rows [a, b) is
// prefix[b] - prefix[a].
std::vector<int64_t> missingPrefix(const std::vector<std::vector<double>>& columns, const std::vector<int>& which, int64_t rows)
{
    std::vector<int64_t> prefix(static_cast<size_t>(rows) + 1, 0);
    for (int64_t row = 0; row < rows; ++row) {
        bool missing = false;
        for (int c : which)
            missing = missing || std::isnan(columns[static_cast<size_t>(c)][static_cast<size_t>(row)]);
        prefix[static_cast<size_t>(row) + 1] = prefix[static_cast<size_t>(row)] + (missing ? 1 : 0);
    }
    return prefix;
}

// The table restricted to the columns a forecast uses, in a fixed order: the inputs, then the
// target when it is not an input. Missing values handled by `policy` (interpolate fills them).
struct UsedColumns {
    SeriesTable table;       // only the used columns
    std::vector<int> inputs; // indices into table.columns
    int target = -1;
};

UsedColumns selectColumns(const SeriesTable& source, const ForecastSpec& spec, MissingPolicy policy, QStringList* notes)
{
    UsedColumns used;
    used.table.path = source.path;
    used.table.timeName = source.timeName;
    used.table.timeFormat = source.timeFormat;
    used.table.time = source.time;
    used.table.lineJumps = source.lineJumps;
    const auto add = [&](const QString& name) {
        const int index = source.columnIndex(name);  // throws listing the columns
        const QString& actual = source.names.at(index);
        const int existing = static_cast<int>(used.table.names.indexOf(actual));
        if (existing >= 0)
            return existing;
        used.table.names << actual;
        used.table.columns.push_back(source.columns[static_cast<size_t>(index)]);
        return static_cast<int>(used.table.names.size()) - 1;
    };
    for (const QString& name : spec.inputs())
        used.inputs.push_back(add(name));
    used.target = add(spec.targetColumn);

    std::vector<int> all(used.table.names.size());
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<int>(i);
    if (policy == MissingPolicy::Refuse)
        refuseMissing(used.table, all);
    else if (policy == MissingPolicy::Interpolate)
        interpolateColumns(used.table, all, notes);
    return used;
}

QJsonObject preprocessingJson(const SeriesTable& table, const ForecastSpec& spec, const ForecastData& data)
{
    return {
        {QStringLiteral("task"), kTaskName},
        {QStringLiteral("version"), kPreprocessingVersion},
        {QStringLiteral("source"), QFileInfo(table.path).fileName()},
        {QStringLiteral("timeColumn"), table.timeName},
        {QStringLiteral("timeFormat"), toString(table.timeFormat)},
        {QStringLiteral("inputColumns"), toJsonArray(spec.inputs())},
        {QStringLiteral("targetColumn"), spec.targetColumn},
        {QStringLiteral("window"), spec.window},
        {QStringLiteral("horizon"), spec.horizon},
        {QStringLiteral("multiStep"), spec.multiStep},
        {QStringLiteral("missing"), toString(spec.missing)},
        {QStringLiteral("normalization"), data.normalizer.toJson()},
        {QStringLiteral("validationFraction"), spec.validationFraction},
        {QStringLiteral("testFraction"), spec.testFraction},
        // For people reading the model file: what the normalizer was fitted on.
        {QStringLiteral("fittedRows"), static_cast<qint64>(data.fittedRows)},
        {QStringLiteral("fittedThrough"), table.timeLabel(data.fittedRows - 1)},
    };
}

} // namespace

QStringList ForecastSpec::columnsToRead() const
{
    QStringList columns = inputs();
    if (!columns.contains(targetColumn))
        columns << targetColumn;
    return columns;
}

QString ForecastSpec::validate() const
{
    if (targetColumn.isEmpty())
        return QStringLiteral("A forecast needs a target column: name the column to predict.");
    if (window < 1)
        return QStringLiteral("The window must be at least 1 step, not %1.").arg(window);
    if (horizon < 1)
        return QStringLiteral("The horizon must be at least 1 step, not %1.").arg(horizon);
    if (validationFraction < 0.0 || testFraction < 0.0 || validationFraction + testFraction >= 1.0)
        return QStringLiteral("The validation (%1) and test (%2) fractions must be at least 0 and leave room for training "
                              "(their sum below 1).")
            .arg(validationFraction)
            .arg(testFraction);
    return {};
}

ForecastData buildForecast(const SeriesTable& table, const ForecastSpec& requested)
{
    const QString problem = requested.validate();
    if (!problem.isEmpty())
        throw StudioError(QStringLiteral("%1: %2").arg(table.path, problem));
    // The file's spelling of the names (they are matched case-insensitively), so the saved
    // preprocessing names the columns exactly as the normalizer does.
    ForecastSpec spec = requested;
    spec.targetColumn = table.names.at(table.columnIndex(requested.targetColumn));
    spec.inputColumns.clear();
    for (const QString& name : requested.inputs())
        spec.inputColumns << table.names.at(table.columnIndex(name));

    const int64_t rows = table.rows();
    const int64_t needed = static_cast<int64_t>(spec.window) + spec.horizon;
    if (rows < needed)
        throw StudioError(QStringLiteral("%1 has %2 rows (lines %7 to %8), but a window of %3 steps and a horizon of %4 "
                                         "need at least %5: choose a window of at most %6 steps or a smaller horizon, or use a "
                                         "longer series.")
                              .arg(table.path)
                              .arg(rows)
                              .arg(spec.window)
                              .arg(spec.horizon)
                              .arg(needed)
                              .arg(std::max<int64_t>(rows - spec.horizon, 0))
                              .arg(table.sourceLine(0))
                              .arg(table.sourceLine(std::max<int64_t>(rows - 1, 0))));

    ForecastData data;
    const UsedColumns used = selectColumns(table, spec, spec.missing, &data.notes);
    // Window k reads rows [k, k + W) and predicts rows up to k + W - 1 + H.
    const int64_t candidates = rows - needed + 1;
    const int64_t targetFirst = spec.multiStep ? 1 : spec.horizon;  // offset after the window's last row
    if (spec.missing == MissingPolicy::Drop) {
        const auto inputMissing = missingPrefix(used.table.columns, used.inputs, rows);
        const auto targetMissing = missingPrefix(used.table.columns, {used.target}, rows);
        for (int64_t k = 0; k < candidates; ++k) {
            const int64_t last = k + spec.window - 1;
            const bool inputGap = inputMissing[static_cast<size_t>(last + 1)] != inputMissing[static_cast<size_t>(k)];
            const bool targetGap = targetMissing[static_cast<size_t>(last + spec.horizon + 1)]
                != targetMissing[static_cast<size_t>(last + targetFirst)];
            if (!inputGap && !targetGap)
                data.windowStart.push_back(k);
        }
        if (data.windowStart.empty())
            throw StudioError(QStringLiteral("%1: every window of %2 steps (with horizon %3) touches a missing value, so "
                                             "dropping them leaves nothing: choose interpolate, or a shorter window.")
                                  .arg(table.path)
                                  .arg(spec.window)
                                  .arg(spec.horizon));
        const auto dropped = candidates - static_cast<int64_t>(data.windowStart.size());
        if (dropped > 0)
            data.notes << QStringLiteral("%1 of %2 windows touched a missing value and were dropped.").arg(dropped).arg(candidates);
    } else {
        data.windowStart.resize(static_cast<size_t>(candidates));
        for (int64_t k = 0; k < candidates; ++k)
            data.windowStart[static_cast<size_t>(k)] = k;
    }

    const auto windows = static_cast<int64_t>(data.windowStart.size());
    data.trainWindows = trainingCount(windows, spec.validationFraction, spec.testFraction);
    data.fittedRows = data.windowStart[static_cast<size_t>(data.trainWindows - 1)] + needed;
    std::vector<const std::vector<double>*> columns;
    for (const auto& column : used.table.columns)
        columns.push_back(&column);
    data.normalizer = Normalizer::fit(spec.normalization, used.table.names, columns, data.fittedRows, &data.notes);

    Dataset& dataset = data.dataset;
    dataset.name = QFileInfo(table.path).completeBaseName() + QStringLiteral(" forecast");
    dataset.input = InputKind::Series;
    dataset.features = static_cast<int>(used.inputs.size());
    dataset.head = HeadKind::Regression;
    dataset.outputs = spec.multiStep ? spec.horizon : 1;
    dataset.ordered = true;
    dataset.examples.reserve(static_cast<size_t>(windows));
    const auto features = static_cast<size_t>(dataset.features);
    // The input rows normalized once; the windows point into them (Example::sharedValues). Rows no
    // window reads (dropped around missing values) stay in, unread.
    auto inputRows = std::make_shared<std::vector<float>>(static_cast<size_t>(rows) * features);
    for (int64_t row = 0; row < rows; ++row)
        for (size_t f = 0; f < features; ++f) {
            const int column = used.inputs[f];
            const double raw = used.table.columns[static_cast<size_t>(column)][static_cast<size_t>(row)];
            (*inputRows)[static_cast<size_t>(row) * features + f] = static_cast<float>(data.normalizer.apply(column, raw));
        }
    const std::shared_ptr<const std::vector<float>> sharedRows = std::move(inputRows);
    for (int64_t start : data.windowStart) {
        Example example;
        example.sharedValues = sharedRows;
        example.sharedOffset = start * static_cast<int64_t>(features);
        example.sharedCount = static_cast<int64_t>(spec.window) * static_cast<int64_t>(features);
        const int64_t last = start + spec.window - 1;
        for (int64_t offset = targetFirst; offset <= spec.horizon; ++offset) {
            const double raw = used.table.columns[static_cast<size_t>(used.target)][static_cast<size_t>(last + offset)];
            example.target.push_back(static_cast<float>(data.normalizer.apply(used.target, raw)));
        }
        dataset.examples.push_back(std::move(example));
    }
    dataset.preprocessing = preprocessingJson(table, spec, data);
    return data;
}

Dataset makeForecastDataset(const SeriesTable& table, const ForecastSpec& spec, QStringList* notes)
{
    ForecastData data = buildForecast(table, spec);
    if (notes)
        *notes << data.notes;
    return std::move(data.dataset);
}

bool isForecastPreprocessing(const QJsonObject& preprocessing)
{
    return preprocessing.value(QStringLiteral("task")).toString() == kTaskName;
}

ForecastSpec forecastSpecFrom(const QJsonObject& preprocessing)
{
    if (!isForecastPreprocessing(preprocessing))
        throw StudioError(QStringLiteral("The model was not trained on a forecasting task, so it cannot forecast from a "
                                         "series file."));
    if (preprocessing.value(QStringLiteral("version")).toInt() > kPreprocessingVersion)
        throw StudioError(QStringLiteral("The model's forecast preprocessing is version %1; this program reads up to "
                                         "version %2: update the program.")
                              .arg(preprocessing.value(QStringLiteral("version")).toInt())
                              .arg(kPreprocessingVersion));
    ForecastSpec spec;
    spec.targetColumn = preprocessing.value(QStringLiteral("targetColumn")).toString();
    spec.inputColumns = toStringList(preprocessing.value(QStringLiteral("inputColumns")).toArray());
    spec.window = preprocessing.value(QStringLiteral("window")).toInt();
    spec.horizon = preprocessing.value(QStringLiteral("horizon")).toInt();
    spec.multiStep = preprocessing.value(QStringLiteral("multiStep")).toBool();
    spec.validationFraction = preprocessing.value(QStringLiteral("validationFraction")).toDouble();
    spec.testFraction = preprocessing.value(QStringLiteral("testFraction")).toDouble();
    const QString missing = preprocessing.value(QStringLiteral("missing")).toString();
    const Normalizer normalizer = Normalizer::fromJson(preprocessing.value(QStringLiteral("normalization")).toObject());
    spec.normalization = normalizer.kind();
    const QString problem = spec.validate();
    if (!problem.isEmpty() || !parseMissingPolicy(missing, &spec.missing) || spec.inputColumns.isEmpty())
        throw StudioError(QStringLiteral("The model's forecast preprocessing is incomplete or damaged (%1).")
                              .arg(problem.isEmpty() ? QStringLiteral("missing-value policy \"%1\"").arg(missing) : problem));
    return spec;
}

SeriesReadOptions forecastReadOptions(const QJsonObject& preprocessing, bool includeTarget)
{
    const ForecastSpec spec = forecastSpecFrom(preprocessing);
    SeriesReadOptions options;
    options.timeColumn = preprocessing.value(QStringLiteral("timeColumn")).toString();
    options.noTimeColumn = options.timeColumn.isEmpty();
    options.columns = includeTarget ? spec.columnsToRead() : spec.inputs();
    return options;
}

Example makeForecastInput(const SeriesTable& table, const QJsonObject& preprocessing, int steps)
{
    const ForecastSpec spec = forecastSpecFrom(preprocessing);
    const Normalizer normalizer = Normalizer::fromJson(preprocessing.value(QStringLiteral("normalization")).toObject());
    const int window = steps > 0 ? steps : spec.window;
    if (table.rows() < window)
        throw StudioError(QStringLiteral("%1 has %2 rows, but the model reads windows of %3: give it at least %3 rows.")
                              .arg(table.path)
                              .arg(table.rows())
                              .arg(window));

    // Only the input columns matter here; the target may be absent from a file to forecast.
    SeriesTable inputs;
    inputs.path = table.path;
    inputs.time = table.time;
    inputs.timeFormat = table.timeFormat;
    inputs.lineJumps = table.lineJumps;
    std::vector<int> scaling;
    for (const QString& name : spec.inputs()) {
        inputs.names << name;
        inputs.columns.push_back(table.column(name));  // throws listing the columns
        const int index = normalizer.indexOf(name);
        if (index < 0)
            throw StudioError(QStringLiteral("The model's normalization has no column \"%1\"; the model file may be damaged.").arg(name));
        scaling.push_back(index);
    }
    std::vector<int> all(inputs.names.size());
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<int>(i);
    const int64_t first = table.rows() - window;
    if (spec.missing == MissingPolicy::Interpolate) {
        interpolateColumns(inputs, all, nullptr);
    } else {
        // Refuse and drop: the one window to forecast from must be complete.
        for (int64_t row = first; row < table.rows(); ++row)
            for (int c : all)
                if (std::isnan(inputs.columns[static_cast<size_t>(c)][static_cast<size_t>(row)]))
                    throw StudioError(QStringLiteral("%1, column \"%2\": the value is missing, and the model (trained with "
                                                     "missing values %3) needs the last %4 rows complete: fill the cell.")
                                          .arg(inputs.where(row), inputs.names.at(c), toString(spec.missing))
                                          .arg(window));
    }
    Example example;
    const auto features = all.size();
    example.values.resize(static_cast<size_t>(window) * features);
    for (int t = 0; t < window; ++t)
        for (size_t f = 0; f < features; ++f)
            example.values[static_cast<size_t>(t) * features + f] = static_cast<float>(
                normalizer.apply(scaling[f], inputs.columns[f][static_cast<size_t>(first + t)]));
    return example;
}

std::vector<double> denormalizeTarget(const std::vector<float>& prediction, const QJsonObject& preprocessing)
{
    const ForecastSpec spec = forecastSpecFrom(preprocessing);
    const Normalizer normalizer = Normalizer::fromJson(preprocessing.value(QStringLiteral("normalization")).toObject());
    const int target = normalizer.indexOf(spec.targetColumn);
    if (target < 0)
        throw StudioError(QStringLiteral("The model's normalization has no target column \"%1\"; the model file may be damaged.")
                              .arg(spec.targetColumn));
    std::vector<double> values;
    values.reserve(prediction.size());
    for (float p : prediction)
        values.push_back(normalizer.invert(target, p));
    return values;
}

} // namespace studio
