#include "display/AttentionMapMath.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace studio {
namespace {

// lupdate files a free tr() inside namespace studio under the context "studio": the same here.
QString tr(const char* text)
{
    return QCoreApplication::translate("studio", text);
}

QString shapeText(const std::vector<int64_t>& shape)
{
    QStringList sizes;
    for (int64_t size : shape)
        sizes << QString::number(size);
    return QLatin1Char('{') + sizes.join(QLatin1String(", ")) + QLatin1Char('}');
}

} // namespace

QString attentionShapeProblem(const AttentionMap& map)
{
    if (map.shape.empty() || map.shape.size() > 2)
        return tr("An attention map has shape {T} or {rows, columns}, not %1.").arg(shapeText(map.shape));
    int64_t count = 1;
    for (int64_t size : map.shape) {
        if (size <= 0)
            return tr("The attention map's shape %1 has an empty axis.").arg(shapeText(map.shape));
        count *= size;
    }
    if (count != static_cast<int64_t>(map.values.size()))
        return tr("The attention map's shape %1 needs %2 values but it has %3.")
            .arg(shapeText(map.shape))
            .arg(count)
            .arg(map.values.size());
    return {};
}

MatrixKind guessMatrixKind(const AttentionMap& map)
{
    return map.shape.size() == 2 && map.shape[0] != map.shape[1] ? MatrixKind::PerFeature
                                                                  : MatrixKind::SelfAttention;
}

StepWeights perStepWeights(const AttentionMap& map, MatrixKind kind)
{
    StepWeights result;
    if (!attentionShapeProblem(map).isEmpty())
        return result;
    if (map.shape.size() == 1) {
        result.weights.assign(map.values.begin(), map.values.end());
        result.caption = map.tokens.size() == map.shape[0] ? tr("Attention weight of each token")
                                                           : tr("Attention weight of each step");
        return result;
    }
    const int64_t rows = map.shape[0];
    const int64_t columns = map.shape[1];
    if (kind == MatrixKind::SelfAttention) {
        result.weights.assign(static_cast<size_t>(columns), 0.0);
        for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < columns; ++j)
                result.weights[j] += map.values[i * columns + j];
        for (double& w : result.weights)
            w /= static_cast<double>(rows);
        result.caption = tr("Attention received by each token: column mean of the %1×%2 self-attention map")
                             .arg(rows)
                             .arg(columns);
    } else {
        result.weights.assign(static_cast<size_t>(rows), 0.0);
        for (int64_t i = 0; i < rows; ++i) {
            const auto row = map.values.begin() + i * columns;
            result.weights[i] = std::accumulate(row, row + columns, 0.0) / static_cast<double>(columns);
        }
        result.caption = tr("Attention at each step, averaged over the %1 features of the %2×%1 per-feature map")
                             .arg(columns)
                             .arg(rows);
    }
    return result;
}

std::vector<int> attentionRanks(const std::vector<double>& weights)
{
    std::vector<size_t> order(weights.size());
    std::iota(order.begin(), order.end(), size_t{0});
    const auto higher = [&weights](size_t a, size_t b) {
        const double x = weights[a];
        const double y = weights[b];
        if (std::isnan(x) || std::isnan(y))
            return !std::isnan(x) && std::isnan(y);
        return x > y;
    };
    std::stable_sort(order.begin(), order.end(), higher);
    std::vector<int> ranks(weights.size(), 0);
    for (size_t position = 0; position < order.size(); ++position) {
        const bool tiesPrevious = position > 0 && !higher(order[position - 1], order[position]);
        ranks[order[position]] = tiesPrevious ? ranks[order[position - 1]] : static_cast<int>(position) + 1;
    }
    return ranks;
}

std::optional<AttentionMap> attentionDifference(const AttentionMap& a, const AttentionMap& b,
                                                QString* problem)
{
    const auto fail = [problem](const QString& why) -> std::optional<AttentionMap> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    for (const AttentionMap* map : {&a, &b}) {
        const QString why = attentionShapeProblem(*map);
        if (!why.isEmpty())
            return fail(why);
    }
    if (a.shape != b.shape)
        return fail(tr("Maps of shapes %1 and %2 cannot be subtracted: the models must see the same input.")
                        .arg(shapeText(a.shape), shapeText(b.shape)));
    AttentionMap difference;
    difference.shape = a.shape;
    difference.tokens = a.tokens;
    difference.values.resize(a.values.size());
    std::transform(a.values.begin(), a.values.end(), b.values.begin(), difference.values.begin(),
                   [](float x, float y) { return x - y; });
    return difference;
}

QString stepLabel(const AttentionMap& map, int64_t step)
{
    const int64_t steps = map.shape.empty() ? 0 : map.shape[0];
    if (map.tokens.size() == steps && step >= 0 && step < steps)
        return map.tokens.at(static_cast<qsizetype>(step));
    return QString::number(step);
}

QStringList stepLabels(const AttentionMap& map, int64_t count)
{
    QStringList labels;
    labels.reserve(count);
    for (int64_t i = 0; i < count; ++i)
        labels << stepLabel(map, i);
    return labels;
}

} // namespace studio
