#include "data/Normalizer.h"

#include "common/StudioError.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace studio {

QString toString(NormalizationKind kind)
{
    switch (kind) {
    case NormalizationKind::None: return QStringLiteral("none");
    case NormalizationKind::ZScore: return QStringLiteral("z-score");
    case NormalizationKind::MinMax: return QStringLiteral("min-max");
    }
    return {};
}

bool parseNormalizationKind(const QString& name, NormalizationKind* out)
{
    for (NormalizationKind kind : {NormalizationKind::None, NormalizationKind::ZScore, NormalizationKind::MinMax}) {
        if (name == toString(kind)) {
            *out = kind;
            return true;
        }
    }
    return false;
}

Normalizer Normalizer::fit(NormalizationKind kind, const QStringList& names,
                           const std::vector<const std::vector<double>*>& columns, int64_t rows, QStringList* notes)
{
    Normalizer normalizer;
    normalizer.m_kind = kind;
    for (size_t c = 0; c < columns.size(); ++c) {
        ColumnScaling scaling;
        scaling.name = names.at(static_cast<int>(c));
        if (kind != NormalizationKind::None) {
            const std::vector<double>& values = *columns[c];
            const auto end = values.begin() + std::min<int64_t>(rows, static_cast<int64_t>(values.size()));
            // Two passes (mean, then squared deviations): steadier than a running sum of squares.
            double sum = 0.0, minimum = 0.0, maximum = 0.0;
            int64_t known = 0;
            for (auto it = values.begin(); it != end; ++it) {
                if (std::isnan(*it))
                    continue;
                minimum = known == 0 ? *it : std::min(minimum, *it);
                maximum = known == 0 ? *it : std::max(maximum, *it);
                sum += *it;
                ++known;
            }
            if (known == 0)
                throw StudioError(QStringLiteral("The column \"%1\" has no known value in the training part (its first %2 "
                                                 "rows), so it cannot be normalized: choose a larger training part or "
                                                 "another column.")
                                      .arg(scaling.name)
                                      .arg(rows));
            if (kind == NormalizationKind::ZScore) {
                const double mean = sum / static_cast<double>(known);
                double squares = 0.0;
                for (auto it = values.begin(); it != end; ++it)
                    if (!std::isnan(*it))
                        squares += (*it - mean) * (*it - mean);
                scaling.offset = mean;
                scaling.scale = std::sqrt(squares / static_cast<double>(known));
            } else {
                scaling.offset = minimum;
                scaling.scale = maximum - minimum;
            }
            if (!(scaling.scale > 0.0)) {
                scaling.scale = 1.0;
                if (notes)
                    notes->append(QStringLiteral("Column \"%1\" is constant (%2) in the training part: it is shifted to 0 "
                                                 "and not scaled, and gives the model no information.")
                                      .arg(scaling.name)
                                      .arg(scaling.offset));
            }
        }
        normalizer.m_columns.push_back(scaling);
    }
    return normalizer;
}

int Normalizer::indexOf(const QString& name) const
{
    for (size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].name == name)
            return static_cast<int>(i);
    return -1;
}

QJsonObject Normalizer::toJson() const
{
    QJsonArray columns;
    for (const ColumnScaling& c : m_columns)
        columns.append(QJsonObject{{QStringLiteral("name"), c.name},
                                   {QStringLiteral("offset"), c.offset},
                                   {QStringLiteral("scale"), c.scale}});
    return {{QStringLiteral("method"), toString(m_kind)}, {QStringLiteral("columns"), columns}};
}

Normalizer Normalizer::fromJson(const QJsonObject& json)
{
    Normalizer normalizer;
    if (!parseNormalizationKind(json.value(QStringLiteral("method")).toString(), &normalizer.m_kind))
        throw StudioError(QStringLiteral("The model file's normalization has no known method (\"%1\"); the file may be "
                                         "damaged or from a newer version.")
                              .arg(json.value(QStringLiteral("method")).toString()));
    const QJsonArray columns = json.value(QStringLiteral("columns")).toArray();
    for (const auto& value : columns) {
        const QJsonObject object = value.toObject();
        ColumnScaling c;
        c.name = object.value(QStringLiteral("name")).toString();
        c.offset = object.value(QStringLiteral("offset")).toDouble(std::nan(""));
        c.scale = object.value(QStringLiteral("scale")).toDouble(std::nan(""));
        if (c.name.isEmpty() || !std::isfinite(c.offset) || !std::isfinite(c.scale) || c.scale == 0.0)
            throw StudioError(QStringLiteral("The model file's normalization of column \"%1\" is incomplete or has a "
                                             "scale of 0; the file may be damaged.")
                                  .arg(c.name));
        normalizer.m_columns.push_back(c);
    }
    return normalizer;
}

} // namespace studio
