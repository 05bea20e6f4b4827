#include "StackedFigure.h"

#include <qcustomplot.h>

#include <QLayout>
#include <QPaintEngine>

namespace studio::render {
namespace {

// Whether the painter writes a vector file: QCustomPlot then draws shapes instead of caching
// layers as pixmaps (pmVectorized), as FigureExport does for a plot exported on its own.
bool isVectorPainter(const QPainter& painter)
{
    const QPaintEngine* engine = painter.paintEngine();
    return engine && (engine->type() == QPaintEngine::SVG || engine->type() == QPaintEngine::Pdf);
}

} // namespace

StackedFigure::StackedFigure(QWidget* parent)
    : QWidget(parent)
{
}

void StackedFigure::addPanel(QWidget* panel, int height)
{
    m_panels.append(Panel{panel, height});
    update();
}

int StackedFigure::totalHeight() const
{
    int total = 0;
    for (const Panel& panel : m_panels)
        total += panel.height;
    return total;
}

void StackedFigure::paintEvent(QPaintEvent* /*event*/)
{
    QCPPainter painter(this);
    // A figure on paper: one white ground under every panel, not the window colour of the style.
    painter.fillRect(rect(), Qt::white);
    const bool vector = isVectorPainter(painter);
    int top = 0;
    for (const Panel& panel : m_panels) {
        const QSize size(width(), panel.height);
        painter.save();
        painter.translate(0, top);
        // No clip of our own around the panel: render() clips a widget to its rectangle already,
        // and a second clip around that made Qt's PDF engine cut the token boxes in half.
        if (auto* plot = qobject_cast<QCustomPlot*>(panel.widget)) {
            if (vector)
                painter.setMode(QCPPainter::pmVectorized);
            plot->toPainter(&painter, size.width(), size.height());
        } else {
            // The widget takes the panel's size first, so a text flow wraps to the figure's width.
            panel.widget->resize(size);
            if (QLayout* layout = panel.widget->layout())
                layout->activate();
            panel.widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        }
        painter.restore();
        top += panel.height;
    }
}

} // namespace studio::render
