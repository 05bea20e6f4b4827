#pragma once

// One model's answer to the current input: its name, prediction, warnings and attention, drawn
// the way the attention's shape asks for (text flow and a one-row heatmap, a matrix, or a series
// with a heat strip under it).

#include "common/ValueTypes.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace studio {

class AttentionMatrixView;
class AttentionRowView;
class SeriesAttentionView;
class TokenAttentionPanel;
struct SeriesData;

class ModelResultView : public QWidget {
    Q_OBJECT
public:
    explicit ModelResultView(QWidget* parent = nullptr);

    void setSummary(const ModelSummary& summary);
    void setResult(const InferenceResult& result);
    void setError(const QString& message);
    // Series models: the input as typed or loaded, plotted above the attention.
    void setSeriesInput(const SeriesData& series);

    const ModelSummary& summary() const { return m_summary; }
    const InferenceResult& result() const { return m_result; }
    // The figure on screen now, for export (the heatmap, matrix or series plot).
    QWidget* currentFigure() const;
    TokenAttentionPanel* tokenPanel() const { return m_tokens; }
    AttentionRowView* rowView() const { return m_row; }
    AttentionMatrixView* matrixView() const { return m_matrix; }
    SeriesAttentionView* seriesView() const { return m_series; }

private:
    void showMessage(const QString& text);

    ModelSummary m_summary;
    InferenceResult m_result;
    QLabel* m_title = nullptr;
    QLabel* m_prediction = nullptr;
    QLabel* m_warnings = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_message = nullptr;
    QWidget* m_textPage = nullptr;
    TokenAttentionPanel* m_tokens = nullptr;
    AttentionRowView* m_row = nullptr;
    AttentionMatrixView* m_matrix = nullptr;
    SeriesAttentionView* m_series = nullptr;
    int m_seriesSteps = 0;  // steps of the series input, to place a window's attention under its end
};

} // namespace studio
