#pragma once

// Forecasting with a sliding window: each example is W consecutive rows of the input columns, and
// its target is the target column `horizon` steps after the window's last row (one output), or
// every one of the next `horizon` values (multiStep: `horizon` outputs). Attention then shows which
// past steps a forecast used.
//
// No look-ahead: the examples come out in time order (Dataset::ordered), the trainer keeps the
// first part for training, and the normalizer is fitted only on the rows the training windows
// touch, inputs and targets: rows [0, fittedRows). The training windows are counted with the
// trainer's own split (splitItems in core/data/DataSplit.h), so pass the run's validation and
// test fractions in the spec.

#include "data/Dataset.h"
#include "data/MissingValues.h"
#include "data/Normalizer.h"
#include "data/SeriesTable.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

struct ForecastSpec {
    QString targetColumn;
    QStringList inputColumns;  // empty: the target column alone; the target may be one of them
    int window = 24;           // W: rows per example
    int horizon = 1;           // H: how far past the window's last row the target is
    bool multiStep = false;    // false: one output (row last + H); true: H outputs (rows last+1..last+H)
    MissingPolicy missing = MissingPolicy::Refuse;
    NormalizationKind normalization = NormalizationKind::ZScore;
    // The training run's fractions (TrainingConfig): the windows before them are the training part,
    // and the normalizer is fitted on the rows those windows touch.
    double validationFraction = 0.2;
    double testFraction = 0.0;

    QStringList inputs() const { return inputColumns.isEmpty() ? QStringList{targetColumn} : inputColumns; }
    // Every column the forecast reads (inputs, then the target if it is not an input): what to ask
    // readSeriesTable for.
    QStringList columnsToRead() const;
    // Empty when usable, else a sentence naming the bad field.
    QString validate() const;
};

struct ForecastData {
    Dataset dataset;
    std::vector<int64_t> windowStart;  // per example: the table row of its first step
    int64_t trainWindows = 0;          // the first trainWindows examples are the training part
    int64_t fittedRows = 0;            // the normalizer saw rows [0, fittedRows)
    Normalizer normalizer;
    QStringList notes;                 // what was done that the user should know (interpolation, constants)
};

// Builds the windows. Throws StudioError (naming the file, and the line where there is one) for a
// bad spec, an unknown column (listing the table's columns), a series shorter than W + H (with the
// numbers and what to shorten), missing values under refuse, and no windows left under drop.
ForecastData buildForecast(const SeriesTable& table, const ForecastSpec& spec);
// The dataset alone; `notes`, when given, receives buildForecast's notes.
Dataset makeForecastDataset(const SeriesTable& table, const ForecastSpec& spec, QStringList* notes = nullptr);

// --- Inference: from the `preprocessing` JSON a forecast dataset wrote (saved in the model file).

// True when `preprocessing` was written by makeForecastDataset.
bool isForecastPreprocessing(const QJsonObject& preprocessing);
// The spec saved in `preprocessing`; throws StudioError when it is not a forecast's or is damaged.
ForecastSpec forecastSpecFrom(const QJsonObject& preprocessing);
// How to read a raw CSV for this model: its time column and the input columns; with
// `includeTarget` also the target column (to rebuild the training windows, e.g. to resume a run;
// a file to forecast from need not have it when it is not an input).
SeriesReadOptions forecastReadOptions(const QJsonObject& preprocessing, bool includeTarget = false);
// The last W rows of `table` as one example (or the last `steps` rows, when positive: a longer or
// shorter look back than the model was trained with), prepared exactly as in training (missing
// policy, normalization). Throws StudioError when the table lacks a column, has fewer rows than
// it reads, or (refuse, drop) has a missing value in those rows.
Example makeForecastInput(const SeriesTable& table, const QJsonObject& preprocessing, int steps = 0);
// A prediction (normalized target units) back in the target column's original units.
std::vector<double> denormalizeTarget(const std::vector<float>& prediction, const QJsonObject& preprocessing);

} // namespace studio
