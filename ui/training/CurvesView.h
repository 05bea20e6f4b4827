#pragma once

// Training curves, live: loss on top, the metric (accuracy, MAE) below, on one shared step axis,
// several runs overlaid with a legend. Smoothing is an exponential moving average debiased at the
// start (as TensorBoard draws it) with the raw points kept faint behind; the loss axis can be
// logarithmic; hovering reads out the nearest point. New points are buffered and drawn by a timer,
// so a run reporting every few milliseconds costs at most ~30 redraws a second.

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <vector>

class QCheckBox;
class QCPAxisRect;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QSlider;
class QTimer;

namespace studio {

class CurvesView : public QWidget {
    Q_OBJECT
public:
    explicit CurvesView(QWidget* parent = nullptr);

    // A new run (its curves get the next colour); returns its id.
    int addRun(const QString& name);
    // Adds a point; metrics whose name contains "loss" go to the loss plot, the rest below.
    // Names starting with "validation" are drawn with markers.
    void addPoint(int run, const QString& metric, double step, double value);
    void clear();

    void setSmoothing(double weight);  // 0 (raw) to 0.99
    double smoothing() const { return m_smoothing; }
    // Line widths × `scale` (presentation mode: thick lines for a projector).
    void setLineScale(double scale);
    double lineScale() const { return m_lineScale; }
    void setLogScale(bool on);
    // Redraws now instead of at the next timer tick (tests, export).
    void flush();

    int runCount() const { return static_cast<int>(m_runs.size()); }
    int pointCount(int run, const QString& metric) const;
    // The points as drawn (smoothed) for one curve.
    std::vector<QPointF> drawnPoints(int run, const QString& metric) const;
    QCustomPlot* plot() const { return m_plot; }
    // run,metric,step,value for every raw point: the data behind the figure.
    QByteArray toCsv() const;
    // The read-out for a position on the plot (what hovering shows); empty when nothing is near.
    QString readOut(const QPoint& position) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Smoother {
        double last = 0.0;
        int counted = 0;
        double next(double value, double weight);
    };
    struct Curve {
        QString metric;
        std::vector<double> steps;
        std::vector<double> values;
        size_t drawn = 0;    // points already handed to the graphs
        Smoother smoother;   // the running average up to `drawn`
        QCPGraph* raw = nullptr;
        QCPGraph* smooth = nullptr;
    };
    struct Run {
        QString name;
        QColor color;
        QList<Curve> curves;
    };

    Curve& curveFor(int run, const QString& metric);
    void redraw();
    void restyle(Curve& curve, const Run& run);

    QCustomPlot* m_plot = nullptr;
    QCPAxisRect* m_lossRect = nullptr;
    QCPAxisRect* m_metricRect = nullptr;
    QSlider* m_smoothingSlider = nullptr;
    QLabel* m_smoothingLabel = nullptr;
    QCheckBox* m_logScale = nullptr;
    QCheckBox* m_follow = nullptr;
    QTimer* m_redrawTimer = nullptr;
    QList<Run> m_runs;
    double m_smoothing = 0.6;
    double m_lineScale = 1.0;
    bool m_dirty = false;
    bool m_redrawAll = false;  // the smoothing changed: rebuild every curve's drawn points
};

} // namespace studio
