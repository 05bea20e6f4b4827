#pragma once

// The live input: text typed or pasted (every keystroke is a new request; the models answer the
// newest), or a series loaded from a CSV file (read on a worker thread: this one never parses).

#include "common/ValueTypes.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace studio {

class BackgroundQueue;
struct InputSeries;
struct SeriesData;

class InputPanel : public QWidget {
    Q_OBJECT
public:
    explicit InputPanel(QWidget* parent = nullptr);
    ~InputPanel() override;

    void setText(const QString& text);
    QString text() const;
    // Starts reading a CSV (one row per step, one numeric column per feature, header optional;
    // a time column and columns that are not numbers are left out) on a worker thread, and
    // returns at once. seriesLoaded and inputChanged follow, or loadFailed; a newer load
    // overtakes one still being read, whose result is dropped.
    void loadSeries(const QString& path);
    QPlainTextEdit* editor() const { return m_editor; }
    // The CSV of the series that is the input now; empty when the input is typed text.
    QString seriesPath() const { return m_seriesPath; }
    // How many of the series' last rows a forecaster reads: 0 (shown "trained window") is the window it
    // was trained with; more asks what it makes of a longer look back (a positional-bias model,
    // which has a bias for its window's positions only, refuses). Shown while a series is the input.
    QSpinBox* readStepsBox() const { return m_readSteps; }

Q_SIGNALS:
    void inputChanged(const studio::InferenceRequest& request);
    void seriesLoaded(const studio::SeriesData& series);
    void loadFailed(const QString& message);

private:
    void showSeries(const InputSeries& series);

    QPlainTextEdit* m_editor = nullptr;
    QString m_seriesPath;
    QLabel* m_status = nullptr;
    QLabel* m_readStepsLabel = nullptr;
    QSpinBox* m_readSteps = nullptr;
    InferenceRequest m_seriesRequest;  // the loaded series, sent again when the rows read change
    quint64 m_lastLoad = 0;  // the newest load's id: only its result is shown
    std::unique_ptr<BackgroundQueue> m_loads;
};

} // namespace studio
