#pragma once

// Text as it was read: the tokens in order, each on a background coloured by its attention
// weight, wrapping to the widget's width. Hovering a token shows the token, its exact weight,
// its id when known and its rank (1 = most attended). Clicking a token selects its step (the
// step-through view and every other model's view follow); the selected token is underlined.
//
// Made for long inputs (500+ tokens): token widths are measured once per data or font change,
// the wrap is recomputed only when the width changes, and painting covers only the rows in the
// exposed rectangle. The widget reports heightForWidth, so it sits in a QScrollArea with
// widgetResizable (see TokenAttentionPanel).

#include "display/AttentionMapMath.h"
#include "display/ColorRange.h"
#include "colour/Colormap.h"
#include "views/TokenFlow.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace studio {

class TokenAttentionView : public QWidget {
    Q_OBJECT
public:
    explicit TokenAttentionView(QWidget* parent = nullptr);

    // {T}: one weight per token. {T, T} or {T, d}: the per-step summary of perStepWeights
    // (see caption()). Steps without a token are shown by number.
    void setAttention(const AttentionMap& map, std::optional<MatrixKind> kind = std::nullopt);
    // Vocabulary ids of the tokens, for the tooltip; ignored unless there is one per token.
    // setAttention forgets the ids of the previous input: set them after it.
    void setTokenIds(std::vector<int64_t> ids);

    void setColormap(ColormapId id);
    ColormapId colormap() const { return m_colormap.id(); }
    void setColorRange(const ColorRange& range);
    ValueBounds valueBounds() const { return m_bounds; }

    // How the weights shown were obtained, or why nothing is shown.
    QString caption() const { return m_caption; }

    int tokenCount() const { return static_cast<int>(m_weights.size()); }
    double weightOf(int index) const { return m_weights.at(static_cast<size_t>(index)); }
    int rankOf(int index) const { return m_ranks.at(static_cast<size_t>(index)); }
    // Layout at the current width.
    int rowCount() const { return flow().rowCount(); }
    QRect tokenRect(int index) const { return flow().boxes.at(static_cast<size_t>(index)); }
    int tokenAt(const QPoint& position) const;  // -1 between tokens
    QString toolTipFor(int index) const;
    // Steps known to decide the label (a task with a known answer), each marked with a triangle
    // under its token; empty: none known.
    void setDecidingSteps(std::vector<bool> deciding);
    const std::vector<bool>& decidingSteps() const { return m_deciding; }
    // The step chosen in any view (-1: none), underlined here.
    void setSelectedStep(int index);
    int selectedStep() const { return m_selected; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void captionChanged(const QString& caption);
    void valueBoundsChanged(const studio::ValueBounds& bounds);
    void tokenHovered(int index);  // -1 when the pointer leaves the tokens
    void tokenClicked(int index);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    TokenFlowMetrics flowMetrics() const;
    // The layout at the current width, redone first if the width changed: a hidden widget gets
    // its resize event only when shown, yet may be asked (tests, export) before that.
    const TokenFlow& flow() const;
    void measureTokens();
    void relayout();
    void resolveColors();
    void setHovered(int index);

    QStringList m_labels;           // what each box shows (spaces and controls made visible)
    QStringList m_tokens;           // the tokens as given, for the tooltip
    std::vector<int64_t> m_ids;
    std::vector<double> m_weights;
    std::vector<int> m_ranks;
    std::vector<int> m_boxWidths;   // measured with the current font
    std::vector<QColor> m_fills;    // resolved with the current colormap and range
    mutable TokenFlow m_flow;       // at m_flowWidth
    mutable int m_flowWidth = -1;
    Colormap m_colormap;
    ColorRange m_colorRange;
    ValueBounds m_bounds;
    QString m_caption;
    int m_hovered = -1;
    int m_selected = -1;
    std::vector<bool> m_deciding;
};

} // namespace studio
