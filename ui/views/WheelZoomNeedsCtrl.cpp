#include "views/WheelZoomNeedsCtrl.h"

#include <qcustomplot.h>

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QWheelEvent>

namespace studio {
namespace {

class WheelFilter : public QObject {
public:
    explicit WheelFilter(QCustomPlot* plot)
        : QObject(plot)
        , m_plot(plot)
    {
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched != m_plot || event->type() != QEvent::Wheel)
            return false;
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            // QCustomPlot zooms by the wheel's delta; Ctrl must not turn that into anything else.
            return false;
        }
        // Handed to the scrolling page around the plot. Qt does not pass a wheel event that was
        // sent (not turned by a hand) on to parents, so the page is found and given it directly.
        for (QWidget* above = m_plot->parentWidget(); above; above = above->parentWidget())
            if (auto* page = qobject_cast<QAbstractScrollArea*>(above)) {
                QCoreApplication::sendEvent(page->viewport(), event);
                event->accept();  // delivered once: Qt must not pass it up to the page again
                return true;
            }
        event->ignore();  // no page: whatever holds the plot may use it
        return true;
    }

private:
    QCustomPlot* m_plot;
};

} // namespace

void zoomOnlyWithCtrl(QCustomPlot* plot)
{
    plot->installEventFilter(new WheelFilter(plot));
}

} // namespace studio
