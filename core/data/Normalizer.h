#pragma once

// Per-column scaling fitted on training rows only, saved as JSON with the model so inference
// scales its input the same way and turns predictions back into the original units.
//
// Every method is stored as an affine map, normalized = (value - offset) / scale:
//   none     offset 0, scale 1
//   z-score  offset = mean, scale = standard deviation (population, as scikit-learn's StandardScaler)
//   min-max  offset = minimum, scale = maximum - minimum (the training rows map to [0, 1])
// A constant column (standard deviation 0, or maximum == minimum) gets scale 1: its values become
// 0 (value - offset) instead of a division by zero, and a note says so; such a column carries no
// information for the model. Missing values (NaN) are skipped when fitting and stay NaN.

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

enum class NormalizationKind { None, ZScore, MinMax };

QString toString(NormalizationKind kind);  // "none", "z-score", "min-max"
bool parseNormalizationKind(const QString& name, NormalizationKind* out);

struct ColumnScaling {
    QString name;
    double offset = 0.0;
    double scale = 1.0;
};

class Normalizer {
public:
    Normalizer() = default;

    // Fits one scaling per column on the first `rows` values of each (the training rows). Throws
    // StudioError when a column has no known value among them. `notes` receives one sentence per
    // constant column.
    static Normalizer fit(NormalizationKind kind, const QStringList& names,
                          const std::vector<const std::vector<double>*>& columns, int64_t rows, QStringList* notes = nullptr);

    NormalizationKind kind() const { return m_kind; }
    int columnCount() const { return static_cast<int>(m_columns.size()); }
    const ColumnScaling& column(int index) const { return m_columns.at(static_cast<size_t>(index)); }
    // The index of column `name`, or -1.
    int indexOf(const QString& name) const;

    double apply(int column, double value) const
    {
        const ColumnScaling& c = m_columns[static_cast<size_t>(column)];
        return (value - c.offset) / c.scale;
    }
    double invert(int column, double normalized) const
    {
        const ColumnScaling& c = m_columns[static_cast<size_t>(column)];
        return normalized * c.scale + c.offset;
    }

    // {"method": "z-score", "columns": [{"name": ..., "offset": ..., "scale": ...}, ...]}
    QJsonObject toJson() const;
    // Throws StudioError naming what is missing or wrong (a scale of 0 included).
    static Normalizer fromJson(const QJsonObject& json);

private:
    NormalizationKind m_kind = NormalizationKind::None;
    std::vector<ColumnScaling> m_columns;
};

} // namespace studio
