#include "views/TokenAttentionView.h"

#include <QFontMetrics>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

// Padding inside each token's box, around its text.
constexpr int kTextPaddingX = 4;
constexpr int kTextPaddingY = 2;
constexpr qreal kCornerRadius = 3.0;
// Width the text is laid out at before the first resize (about a paragraph).
constexpr int kPreferredWidth = 480;

// Make whitespace and control characters visible: a space token would otherwise be an empty box.
QString visibleLabel(const QString& token)
{
    if (token.isEmpty())
        return QStringLiteral("∅");
    QString label;
    label.reserve(token.size());
    bool onlySpaces = true;
    for (const QChar c : token) {
        if (c == QLatin1Char('\n'))
            label += QChar(0x21B5);  // ↵
        else if (c == QLatin1Char('\t'))
            label += QChar(0x21E5);  // ⇥
        else if (c.category() == QChar::Other_Control)
            label += QChar(0xFFFD);
        else
            label += c;
        onlySpaces = onlySpaces && c.isSpace();
    }
    return onlySpaces ? QString(label.size(), QChar(0x2423)) : label;  // ␣
}

} // namespace

TokenAttentionView::TokenAttentionView(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);  // QScrollArea asks heightForWidth only when this is set
    setSizePolicy(policy);
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void TokenAttentionView::setAttention(const AttentionMap& map, std::optional<MatrixKind> kind)
{
    m_tokens.clear();
    m_weights.clear();
    m_ids.clear();
    const QString problem = attentionShapeProblem(map);
    if (problem.isEmpty()) {
        StepWeights steps = perStepWeights(map, kind.value_or(guessMatrixKind(map)));
        m_weights = std::move(steps.weights);
        m_caption = steps.caption;
        m_tokens.reserve(static_cast<qsizetype>(m_weights.size()));
        for (size_t i = 0; i < m_weights.size(); ++i)
            m_tokens << stepLabel(map, static_cast<int64_t>(i));
    } else {
        m_caption = map.isEmpty() ? QString() : problem;
    }
    m_labels.clear();
    m_labels.reserve(m_tokens.size());
    for (const QString& token : std::as_const(m_tokens))
        m_labels << visibleLabel(token);
    m_ranks = attentionRanks(m_weights);
    m_hovered = -1;
    measureTokens();
    resolveColors();
    Q_EMIT captionChanged(m_caption);
}

void TokenAttentionView::setTokenIds(std::vector<int64_t> ids)
{
    m_ids = std::move(ids);
}

void TokenAttentionView::setColormap(ColormapId id)
{
    m_colormap = Colormap(id);
    resolveColors();
}

void TokenAttentionView::setColorRange(const ColorRange& range)
{
    m_colorRange = range;
    resolveColors();
}

const TokenFlow& TokenAttentionView::flow() const
{
    if (m_flowWidth != width()) {
        m_flow = flowTokens(m_boxWidths, width(), flowMetrics());
        m_flowWidth = width();
    }
    return m_flow;
}

int TokenAttentionView::tokenAt(const QPoint& position) const
{
    const TokenFlow& layout = flow();
    const std::vector<QRect>& boxes = layout.boxes;
    // Boxes are in reading order: rows top to bottom, boxes left to right within a row.
    const auto rowAfter = std::upper_bound(
        layout.rowFirstToken.begin(), layout.rowFirstToken.end(), position.y(),
        [&boxes](int y, int first) { return y < boxes[static_cast<size_t>(first)].top(); });
    if (rowAfter == layout.rowFirstToken.begin())
        return -1;
    const int first = *(rowAfter - 1);
    const int end = rowAfter == layout.rowFirstToken.end() ? static_cast<int>(boxes.size()) : *rowAfter;
    for (int i = first; i < end; ++i) {
        if (boxes[static_cast<size_t>(i)].contains(position))
            return i;
    }
    return -1;
}

QString TokenAttentionView::toolTipFor(int index) const
{
    if (index < 0 || index >= tokenCount())
        return {};
    const auto i = static_cast<size_t>(index);
    QString text = QStringLiteral("“%1”").arg(m_tokens.at(index));
    text += QLatin1Char('\n') + tr("weight: %1").arg(m_weights[i], 0, 'g', 6);
    text += QLatin1Char('\n') + tr("rank: %1 of %2").arg(m_ranks[i]).arg(tokenCount());
    if (m_ids.size() == m_weights.size())
        text += QLatin1Char('\n') + tr("token id: %1").arg(m_ids[i]);
    text += QLatin1Char('\n') + tr("position: %1").arg(index);
    if (i < m_deciding.size() && m_deciding[i])
        text += QLatin1Char('\n') + tr("▲ this word decides the label (known for this task)");
    return text;
}

int TokenAttentionView::heightForWidth(int width) const
{
    if (width == this->width())
        return flow().height;
    return flowTokens(m_boxWidths, width, flowMetrics()).height;
}

QSize TokenAttentionView::sizeHint() const
{
    return QSize(kPreferredWidth, heightForWidth(kPreferredWidth));
}

QSize TokenAttentionView::minimumSizeHint() const
{
    const TokenFlowMetrics metrics = flowMetrics();
    return QSize(4 * metrics.margin, metrics.rowHeight + 2 * metrics.margin);
}

bool TokenAttentionView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = tokenAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), toolTipFor(index), this, tokenRect(index));
        }
        return true;
    }
    return QWidget::event(event);
}

void TokenAttentionView::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect exposed = event->rect();
    const QFontMetrics metrics(font());
    const TokenFlow& layout = flow();
    // Only the rows that intersect the exposed rectangle: a scrolled 500-token text repaints a
    // screenful, not the whole text.
    const std::vector<int>& rows = layout.rowFirstToken;
    const auto firstRow = std::lower_bound(rows.begin(), rows.end(), exposed.top(),
        [&layout](int first, int y) { return layout.boxes[static_cast<size_t>(first)].bottom() < y; });
    for (auto row = firstRow; row != rows.end(); ++row) {
        const int first = *row;
        if (layout.boxes[static_cast<size_t>(first)].top() > exposed.bottom())
            break;
        const int end = row + 1 == rows.end() ? tokenCount() : *(row + 1);
        for (int i = first; i < end; ++i) {
            const auto index = static_cast<size_t>(i);
            const QRect box = layout.boxes[index];
            const QColor fill = m_fills[index];
            painter.setPen(Qt::NoPen);
            painter.setBrush(fill);
            painter.drawRoundedRect(box, kCornerRadius, kCornerRadius);
            painter.setPen(readableTextColor(fill));
            const QRect textArea = box.adjusted(kTextPaddingX, 0, -kTextPaddingX, 0);
            const QString text = metrics.horizontalAdvance(m_labels.at(i)) > textArea.width()
                ? metrics.elidedText(m_labels.at(i), Qt::ElideRight, textArea.width())
                : m_labels.at(i);
            painter.drawText(textArea, Qt::AlignCenter | Qt::TextSingleLine, text);
        }
    }
    for (int i = 0; i < tokenCount() && i < static_cast<int>(m_deciding.size()); ++i) {
        if (!m_deciding[static_cast<size_t>(i)])
            continue;
        // The truth, under the token: a small triangle pointing up at it.
        const QRect box = tokenRect(i);
        const QPointF tip(box.center().x(), box.bottom() + 1.0);
        const QPolygonF triangle{tip, tip + QPointF(-4.0, 5.0), tip + QPointF(4.0, 5.0)};
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(200, 30, 30));
        painter.drawPolygon(triangle);
    }
    if (m_selected >= 0 && m_selected < tokenCount()) {
        // The selected step: a bar under the token in the palette's highlight colour.
        const QRect box = tokenRect(m_selected);
        painter.fillRect(QRect(box.left() + 2, box.bottom() - 2, box.width() - 4, 3), palette().color(QPalette::Highlight));
    }
    if (m_hovered >= 0 && m_hovered < tokenCount()) {
        // Outline the hovered token in the palette's text colour, visible on any fill.
        painter.setPen(QPen(palette().color(QPalette::Text), 2.0));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(QRectF(tokenRect(m_hovered)).adjusted(1, 1, -1, -1), kCornerRadius,
                                kCornerRadius);
    }
}

void TokenAttentionView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void TokenAttentionView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        measureTokens();
}

void TokenAttentionView::mouseMoveEvent(QMouseEvent* event)
{
    setHovered(tokenAt(event->position().toPoint()));
    QWidget::mouseMoveEvent(event);
}

void TokenAttentionView::mousePressEvent(QMouseEvent* event)
{
    const int index = tokenAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index >= 0) {
        setSelectedStep(index);
        Q_EMIT tokenClicked(index);
    }
    QWidget::mousePressEvent(event);
}

void TokenAttentionView::setDecidingSteps(std::vector<bool> deciding)
{
    m_deciding = std::move(deciding);
    update();
}

void TokenAttentionView::setSelectedStep(int index)
{
    if (index == m_selected)
        return;
    const int previous = m_selected;
    m_selected = index;
    if (previous >= 0 && previous < tokenCount())
        update(tokenRect(previous));
    if (index >= 0 && index < tokenCount())
        update(tokenRect(index));
}

void TokenAttentionView::leaveEvent(QEvent* event)
{
    setHovered(-1);
    QWidget::leaveEvent(event);
}

TokenFlowMetrics TokenAttentionView::flowMetrics() const
{
    TokenFlowMetrics metrics;
    metrics.rowHeight = QFontMetrics(font()).height() + 2 * kTextPaddingY;
    return metrics;
}

void TokenAttentionView::measureTokens()
{
    const QFontMetrics metrics(font());
    m_boxWidths.clear();
    m_boxWidths.reserve(static_cast<size_t>(m_labels.size()));
    for (const QString& label : std::as_const(m_labels))
        m_boxWidths.push_back(metrics.horizontalAdvance(label) + 2 * kTextPaddingX);
    relayout();
    updateGeometry();  // the height for a given width has changed
}

void TokenAttentionView::relayout()
{
    m_flowWidth = -1;  // flow() redoes it at the next use
    update();
}

void TokenAttentionView::resolveColors()
{
    const ValueBounds bounds = m_colorRange.resolve(m_weights);
    m_fills.clear();
    m_fills.reserve(m_weights.size());
    for (double weight : m_weights) {
        // A missing weight (NaN) gets a neutral grey instead of the colormap's low end.
        m_fills.push_back(std::isnan(weight) ? QColor(Qt::lightGray)
                                             : m_colormap.colorAt(bounds.normalize(weight)));
    }
    update();
    if (bounds.lower != m_bounds.lower || bounds.upper != m_bounds.upper) {
        m_bounds = bounds;
        Q_EMIT valueBoundsChanged(m_bounds);
    }
}

void TokenAttentionView::setHovered(int index)
{
    if (index == m_hovered)
        return;
    const int previous = m_hovered;
    m_hovered = index;
    if (previous >= 0)
        update(tokenRect(previous));
    if (index >= 0)
        update(tokenRect(index));
    Q_EMIT tokenHovered(index);
}

} // namespace studio
