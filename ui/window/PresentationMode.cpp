#include "window/PresentationMode.h"

#include "colour/ColorControls.h"
#include "colour/Colormap.h"
#include "teaching/InsideAttentionPanel.h"
#include "teaching/LessonPanel.h"
#include "training/AttentionTimeline.h"
#include "training/CurvesView.h"
#include "window/ComparisonView.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"

#include <qcustomplot.h>

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSlider>
#include <QStatusBar>
#include <QToolBar>

#include <algorithm>

namespace studio {
namespace {

constexpr double kLineScale = 2.5;
// Docks a presenter does not show: the training settings and the sample table.
const QStringList kHiddenDocks{QStringLiteral("trainingDock"), QStringLiteral("samplesDock")};

QFont scaled(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(std::max(1, static_cast<int>(font.pixelSize() * factor)));
    return font;
}

// Widgets that take typing: the presenter's arrow keys are theirs there.
bool takesArrowKeys(const QWidget* widget)
{
    return qobject_cast<const QPlainTextEdit*>(widget) || qobject_cast<const QLineEdit*>(widget)
           || qobject_cast<const QAbstractSpinBox*>(widget) || qobject_cast<const QComboBox*>(widget)
           || qobject_cast<const QSlider*>(widget) || qobject_cast<const InsideAttentionPanel*>(widget);
}

} // namespace

PresentationMode::PresentationMode(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
    // A model opened while presenting gets the presentation's colours too (queued: its panel is
    // made by the window's own handler of the same signal).
    connect(window->models(), &OpenModels::modelOpened, this, [this] { if (m_on) fixColours(true); }, Qt::QueuedConnection);
}

void PresentationMode::addAction(QMenu* menu)
{
    m_action = menu->addAction(tr("&Presentation Mode"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F11));
    m_action->setToolTip(tr("Full screen, large type and thick lines for a projector; Page Down / Page Up step through the "
                            "input, Ctrl+Page Down / Up through the epochs, Alt+Page Down / Up through the lessons; F11 or Escape "
                            "leaves it"));
    // The menu bar is hidden while presenting: the window keeps the shortcut.
    m_window->addAction(m_action);
    connect(m_action, &QAction::toggled, this, &PresentationMode::setOn);
}

void PresentationMode::setOn(bool on)
{
    if (on == m_on)
        return;
    m_on = on;
    if (m_action && m_action->isChecked() != on)
        m_action->setChecked(on);
    if (on) {
        m_state = m_window->saveState();
        m_wasFullScreen = m_window->isFullScreen();
        m_font = QApplication::font();
        QApplication::setFont(scaled(m_font, kScale));
        m_window->menuBar()->hide();
        m_window->statusBar()->hide();
        for (QToolBar* bar : m_window->findChildren<QToolBar*>())
            bar->hide();
        for (const QString& name : kHiddenDocks)
            if (auto* dock = m_window->findChild<QDockWidget*>(name))
                dock->hide();
        scalePlots(kScale);
        m_window->curves()->setLineScale(kLineScale);
        fixColours(true);
        qApp->installEventFilter(this);
        m_window->showFullScreen();
    } else {
        qApp->removeEventFilter(this);
        QApplication::setFont(m_font);
        scalePlots(1.0 / kScale);
        m_window->curves()->setLineScale(1.0);
        fixColours(false);
        m_window->menuBar()->show();
        m_window->statusBar()->show();
        m_window->restoreState(m_state);  // toolbars and docks as they were
        if (!m_wasFullScreen)
            m_window->showNormal();
    }
}

QList<ColorControls*> PresentationMode::colourControls() const
{
    // Every colour control of the window, except the diverging ones (a difference A − B is not a
    // weight in [0, 1]).
    QList<ColorControls*> controls;
    for (ColorControls* control : m_window->findChildren<ColorControls*>())
        if (!Colormap(control->colormap()).isDiverging())
            controls << control;
    return controls;
}

void PresentationMode::fixColours(bool fixed)
{
    if (fixed) {
        for (ColorControls* control : colourControls()) {
            const bool known = std::any_of(m_ranges.begin(), m_ranges.end(), [control](const auto& kept) { return kept.first == control; });
            if (known)
                continue;
            m_ranges.append({control, control->colorRange()});
            control->chooseColorRange(ColorRange::fixed(0.0, 1.0));
        }
        return;
    }
    const QList<ColorControls*> alive = m_window->findChildren<ColorControls*>();
    for (const auto& [control, range] : std::as_const(m_ranges))
        if (alive.contains(control))  // a model closed while presenting took its controls along
            control->chooseColorRange(range);
    m_ranges.clear();
}

void PresentationMode::scalePlots(double factor)
{
    for (QCustomPlot* plot : m_window->findChildren<QCustomPlot*>()) {
        for (QCPAxisRect* rect : plot->axisRects())
            for (QCPAxis* axis : rect->axes()) {
                axis->setTickLabelFont(scaled(axis->tickLabelFont(), factor));
                axis->setLabelFont(scaled(axis->labelFont(), factor));
            }
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void PresentationMode::moveStep(int delta)
{
    // As far as the longest input of the open models reaches.
    int steps = 0;
    OpenModels* models = m_window->models();
    for (int i = 0; i < models->count(); ++i) {
        const AttentionMap& map = models->result(i).attention;
        if (!map.shape.empty())
            steps = std::max(steps, static_cast<int>(map.shape.front()));
    }
    if (steps == 0)
        return;
    InsideAttentionPanel* inside = m_window->insideAttention();
    const int step = std::clamp(inside->step() + delta, 0, steps - 1);
    inside->setStep(step);
    m_window->comparison()->setSelectedStep(step);
}

void PresentationMode::moveEpoch(int delta)
{
    QSlider* slider = m_window->timeline()->slider();
    slider->setValue(slider->value() + delta);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    const bool ctrl = key->modifiers().testFlag(Qt::ControlModifier);
    const QWidget* focus = QApplication::focusWidget();
    switch (key->key()) {
    case Qt::Key_Escape:
        setOn(false);
        return true;
    case Qt::Key_PageDown:
    case Qt::Key_PageUp: {
        const int delta = key->key() == Qt::Key_PageDown ? 1 : -1;
        if (key->modifiers().testFlag(Qt::AltModifier))
            m_window->lessons()->showNeighbour(delta);
        else if (ctrl)
            moveEpoch(delta);
        else
            moveStep(delta);
        return true;
    }
    case Qt::Key_Right:
    case Qt::Key_Left:
        if (focus && takesArrowKeys(focus))
            break;
        moveStep(key->key() == Qt::Key_Right ? 1 : -1);
        return true;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace studio
