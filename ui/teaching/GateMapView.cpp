#include "teaching/GateMapView.h"

#include "colour/Colormap.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

constexpr int kBandGap = 6;
constexpr int kMinimumRow = 2;
constexpr int kPreferredRow = 3;

} // namespace

GateMapView::GateMapView(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void GateMapView::setTrace(const AttentionTrace& trace)
{
    m_trace = trace;
    m_direction = std::min(m_direction, static_cast<int>(trace.directions()) - 1);
    colourBands();
    updateGeometry();
    update();
}

void GateMapView::setDirection(int direction)
{
    m_direction = std::clamp(direction, 0, static_cast<int>(m_trace.directions()) - 1);
    colourBands();
    update();
}

void GateMapView::setSelectedStep(int step)
{
    m_selected = step;
    update();
}

int GateMapView::bandCount() const
{
    if (m_trace.gateUnits == 0)
        return 0;
    return static_cast<int>(m_trace.gateCount()) + (m_trace.cell == RecurrentCell::Lstm ? 2 : 1);
}

QString GateMapView::bandName(int band) const
{
    static const QStringList lstm{QStringLiteral("i"), QStringLiteral("f"), QStringLiteral("g"), QStringLiteral("o"),
                                  QStringLiteral("c"), QStringLiteral("h")};
    static const QStringList gru{QStringLiteral("r"), QStringLiteral("z"), QStringLiteral("n"), QStringLiteral("h")};
    return (m_trace.cell == RecurrentCell::Lstm ? lstm : gru).value(band);
}

double GateMapView::valueAt(int band, int unit, int step) const
{
    const int64_t units = m_trace.gateUnits;
    const int64_t steps = m_trace.steps;
    const int64_t gates = m_trace.gateCount();
    if (band < gates) {
        const int64_t index = ((m_direction * steps + step) * gates + band) * units + unit;
        return m_trace.gates[static_cast<size_t>(index)];
    }
    if (m_trace.cell == RecurrentCell::Lstm && band == gates)
        return m_trace.cells[static_cast<size_t>((m_direction * steps + step) * units + unit)];
    // h: this direction's half of hₜ.
    return m_trace.hidden[static_cast<size_t>(step * m_trace.width + m_direction * units + unit)];
}

int GateMapView::labelWidth() const
{
    return fontMetrics().horizontalAdvance(QStringLiteral("MM")) + 6;
}

int GateMapView::rowHeight() const
{
    const int bands = bandCount();
    if (bands == 0 || m_trace.gateUnits == 0)
        return kMinimumRow;
    const int available = height() - (bands - 1) * kBandGap;
    return std::max(kMinimumRow, available / (bands * static_cast<int>(m_trace.gateUnits)));
}

int GateMapView::bandTop(int band) const
{
    return band * (rowHeight() * static_cast<int>(m_trace.gateUnits) + kBandGap);
}

QRect GateMapView::cellRect(int band, int unit, int step) const
{
    const double width = static_cast<double>(this->width() - labelWidth()) / std::max<int64_t>(1, m_trace.steps);
    const int left = labelWidth() + static_cast<int>(std::floor(step * width));
    const int right = labelWidth() + static_cast<int>(std::floor((step + 1) * width));
    return {left, bandTop(band) + unit * rowHeight(), std::max(1, right - left), rowHeight()};
}

GateMapView::Cell GateMapView::cellAt(const QPoint& position) const
{
    if (m_trace.gateUnits == 0 || position.x() < labelWidth())
        return {};
    const double width = static_cast<double>(this->width() - labelWidth()) / std::max<int64_t>(1, m_trace.steps);
    const int step = static_cast<int>((position.x() - labelWidth()) / width);
    const int bandHeight = rowHeight() * static_cast<int>(m_trace.gateUnits) + kBandGap;
    const int band = position.y() / bandHeight;
    const int unit = (position.y() - band * bandHeight) / rowHeight();
    if (step < 0 || step >= m_trace.steps || band >= bandCount() || unit >= m_trace.gateUnits)
        return {};
    return {band, unit, step};
}

QString GateMapView::toolTipFor(const Cell& cell) const
{
    if (cell.band < 0)
        return {};
    const QString name = bandName(cell.band);
    const double value = valueAt(cell.band, cell.unit, cell.step);
    const QString where = tr("%1 at step %2 «%3», unit %4 = %5")
                              .arg(name)
                              .arg(cell.step + 1)
                              .arg(m_trace.stepNames.value(cell.step))
                              .arg(cell.unit + 1)
                              .arg(value, 0, 'g', 4);
    QString meaning;
    if (m_trace.cell == RecurrentCell::Lstm) {
        if (name == QLatin1String("i"))
            meaning = tr("input gate: how much of the new candidate g enters the cell");
        else if (name == QLatin1String("f"))
            meaning = tr("forget gate: how much of the previous cell state is kept");
        else if (name == QLatin1String("g"))
            meaning = tr("candidate: what this step could write into the cell");
        else if (name == QLatin1String("o"))
            meaning = tr("output gate: how much of tanh(c) becomes h");
        else if (name == QLatin1String("c"))
            meaning = tr("cell state: c = f ⊙ c(previous) + i ⊙ g");
        else
            meaning = tr("output: h = o ⊙ tanh(c), what the attention reads");
    } else {
        if (name == QLatin1String("r"))
            meaning = tr("reset gate: how much of the previous h the candidate sees");
        else if (name == QLatin1String("z"))
            meaning = tr("update gate: how much of the previous h is kept");
        else if (name == QLatin1String("n"))
            meaning = tr("candidate: the new content");
        else
            meaning = tr("output: h = (1 − z) ⊙ n + z ⊙ h(previous), what the attention reads");
    }
    return where + QLatin1Char('\n') + meaning;
}

QString GateMapView::legend(RecurrentCell cell)
{
    return cell == RecurrentCell::Lstm
               ? tr("One band per gate, each unit a row and each step a column: i (input), f (forget) and o (output) "
                    "between 0 and 1, the candidate g, the cell state c and the output h. A forget gate near 0 wipes the "
                    "cell: watch where it happens, and where the attention lands.")
               : tr("One band per gate, each unit a row and each step a column: r (reset) and z (update) between 0 and 1, "
                    "the candidate n and the output h. An update gate near 0 replaces h with the new candidate: watch where "
                    "it happens, and where the attention lands.");
}

QSize GateMapView::sizeHint() const
{
    const int bands = bandCount();
    return {400, std::max(1, bands) * (static_cast<int>(m_trace.gateUnits) * kPreferredRow + kBandGap)};
}

QSize GateMapView::minimumSizeHint() const
{
    const int bands = bandCount();
    return {200, std::max(1, bands) * (static_cast<int>(m_trace.gateUnits) * kMinimumRow + kBandGap)};
}

bool GateMapView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const Cell cell = cellAt(help->pos());
        if (cell.band < 0)
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), toolTipFor(cell), this, cellRect(cell.band, cell.unit, cell.step));
        return true;
    }
    return QWidget::event(event);
}

void GateMapView::mousePressEvent(QMouseEvent* event)
{
    const Cell cell = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && cell.step >= 0) {
        setSelectedStep(cell.step);
        Q_EMIT stepClicked(cell.step);
    }
    QWidget::mousePressEvent(event);
}

void GateMapView::colourBands()
{
    m_bands.clear();
    const Colormap sequential(ColormapId::Viridis);
    const Colormap diverging(ColormapId::BlueRed);
    const auto units = static_cast<int>(m_trace.gateUnits);
    const auto steps = static_cast<int>(m_trace.steps);
    for (int band = 0; band < bandCount(); ++band) {
        const QString name = bandName(band);
        // Gates are in [0, 1]; g, n and h in [-1, 1]; c is unbounded, drawn against its largest |c|.
        const bool gate = name == QLatin1String("i") || name == QLatin1String("f") || name == QLatin1String("o")
                          || name == QLatin1String("r") || name == QLatin1String("z");
        double scale = 1.0;
        if (name == QLatin1String("c")) {
            scale = 0.0;
            for (int t = 0; t < steps; ++t)
                for (int u = 0; u < units; ++u)
                    scale = std::max(scale, std::abs(valueAt(band, u, t)));
            scale = scale > 0.0 ? scale : 1.0;
        }
        QImage image(steps, units, QImage::Format_RGB32);
        for (int u = 0; u < units; ++u) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(u));
            for (int t = 0; t < steps; ++t) {
                const double value = valueAt(band, u, t);
                line[t] = (gate ? sequential.colorAt(value) : diverging.colorAt(0.5 + 0.5 * value / scale)).rgb();
            }
        }
        m_bands.push_back(std::move(image));
    }
}

void GateMapView::paintEvent(QPaintEvent*)
{
    if (m_trace.gateUnits == 0 || m_bands.empty())
        return;
    QPainter painter(this);
    const auto units = static_cast<int>(m_trace.gateUnits);
    const auto steps = static_cast<int>(m_trace.steps);
    for (int band = 0; band < bandCount() && band < static_cast<int>(m_bands.size()); ++band) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRect(0, bandTop(band), labelWidth() - 4, rowHeight() * units), Qt::AlignRight | Qt::AlignVCenter,
                         bandName(band));
        const QRect area = cellRect(band, 0, 0).united(cellRect(band, units - 1, steps - 1));
        painter.drawImage(area, m_bands[static_cast<size_t>(band)]);  // nearest-neighbour: every cell a solid block
    }
    if (m_selected >= 0 && m_selected < steps) {
        const QRect top = cellRect(0, 0, m_selected);
        const QRect bottom = cellRect(bandCount() - 1, units - 1, m_selected);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2.0));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(top.united(bottom).adjusted(0, -1, 0, 1));
    }
}

} // namespace studio
