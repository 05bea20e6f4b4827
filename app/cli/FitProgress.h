#pragma once

// `attention-cli train`'s human output, in the form Keras users know from model.fit:
//
//   Epoch 3/12
//   27/40 [====================>.........] - ETA: 1s - loss: 0.4123 - accuracy: 0.8125
//
// On a terminal the bar is redrawn in place as batches finish (at most ten times a second, and
// always at an epoch's last batch); then the epoch's line with the validation figures follows.
// Into a file or a pipe only the epoch lines are written, one per epoch, so logs stay readable.

#include "common/ValueTypes.h"

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace studio::cli {

// A loss or metric as the CLI prints it: 4 decimals, "-" for none (NaN).
QString formatMetric(double value);

class FitProgress {
public:
    // `metric`: the metric's name ("accuracy", "mae"); `terminal`: redraw a bar in place.
    FitProgress(QString metric, bool terminal, FILE* out = stdout);

    // True when `stream` is a terminal.
    static bool isTerminal(FILE* stream);

    void report(const TrainingProgress& progress);

    // " 27/40 [====>...] - ETA: 1s - loss: 0.4123 - accuracy: 0.8125"; `secondsLeft` < 0: no ETA
    // (the epoch is done), `secondsTaken` then says how long it took.
    static QString barLine(int64_t done, int64_t total, double secondsLeft, double secondsTaken, double loss,
                           const QString& metric, double metricValue);

private:
    void write(const QString& text, bool newline);

    QString m_metric;
    bool m_terminal;
    FILE* m_out;
    int m_epoch = 0;            // the epoch whose bar is on screen
    int64_t m_stepBefore = 0;   // global optimizer step before that epoch's first batch
    QElapsedTimer m_epochClock; // since the previous epoch ended (or training began)
    qint64 m_lastDrawMs = -1;
};

} // namespace studio::cli
