#include "views/TokenAttentionPanel.h"

#include "colour/ColorBar.h"
#include "colour/ColorControls.h"
#include "views/TokenAttentionView.h"

#include <QLabel>
#include <QScrollArea>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace studio {

TokenAttentionPanel::TokenAttentionPanel(QWidget* parent)
    : QWidget(parent)
    , m_controls(new ColorControls(this))
    , m_caption(new QLabel(this))
    , m_legend(new ColorBar(this))
    , m_scrollArea(new QScrollArea(this))
    , m_view(new TokenAttentionView)
{
    m_caption->setWordWrap(true);
    m_scrollArea->setWidget(m_view);
    m_scrollArea->setWidgetResizable(true);  // the view takes the viewport's width and wraps to it
    m_scrollArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Two lines of words at least, however many models share the page.
    m_scrollArea->setMinimumHeight(4 * fontMetrics().height());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controls);
    auto* header = new QHBoxLayout;
    header->addWidget(m_caption, 1);
    header->addWidget(m_legend);
    layout->addLayout(header);
    layout->addWidget(m_scrollArea, 1);

    connect(m_controls, &ColorControls::colormapChanged, m_view, &TokenAttentionView::setColormap);
    connect(m_controls, &ColorControls::colorRangeChanged, m_view, &TokenAttentionView::setColorRange);
    connect(m_controls, &ColorControls::colormapChanged, m_legend, &ColorBar::setColormap);
    connect(m_view, &TokenAttentionView::valueBoundsChanged, m_controls, &ColorControls::showResolvedBounds);
    connect(m_view, &TokenAttentionView::valueBoundsChanged, m_legend, &ColorBar::setBounds);
    connect(m_view, &TokenAttentionView::captionChanged, m_caption, &QLabel::setText);
}

void TokenAttentionPanel::setAttention(const AttentionMap& map, std::optional<MatrixKind> kind)
{
    m_view->setAttention(map, kind);
}

void TokenAttentionPanel::setTokenIds(std::vector<int64_t> ids)
{
    m_view->setTokenIds(std::move(ids));
}

void TokenAttentionPanel::setColormap(ColormapId id)
{
    m_controls->setColormap(id);
    m_view->setColormap(id);
    m_legend->setColormap(id);
}

void TokenAttentionPanel::setColorRange(const ColorRange& range)
{
    m_controls->setColorRange(range);
    m_view->setColorRange(range);
}

} // namespace studio
