#pragma once

// Several views drawn one above the other as one figure: the token text over its one-row heatmap,
// or several models' rows and their differences. exportFigure draws a plain widget with
// QWidget::render, so this widget paints its panels itself in paintEvent: plots through
// QCustomPlot::toPainter (vector shapes in SVG and PDF, where rendering the plot widget would
// paste its raster buffer) and plain widgets through their own render().
//
// The panels are not children of this widget (render would draw them a second time, as they
// sit); whoever builds the figure keeps them alive while it is exported.

#include <QList>
#include <QWidget>

namespace studio::render {

class StackedFigure : public QWidget {
    Q_OBJECT
public:
    explicit StackedFigure(QWidget* parent = nullptr);

    // `height` logical pixels of the figure, full width, below the panels added before.
    void addPanel(QWidget* panel, int height);
    int panelCount() const { return static_cast<int>(m_panels.size()); }
    // The sum of the panels' heights: the figure's height.
    int totalHeight() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Panel {
        QWidget* widget = nullptr;
        int height = 0;
    };
    QList<Panel> m_panels;
};

} // namespace studio::render
