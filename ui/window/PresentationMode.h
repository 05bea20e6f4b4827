#pragma once

// View ▸ Presentation Mode (F11): the window for a projector. Full screen, the menus, toolbars,
// status bar and the training docks hidden; type and plot text 1.6× larger, the curves' lines
// thicker; attention weights coloured on the fixed range [0, 1], so colours mean the same on every
// slide. Keys a presenter's clicker sends step through the input: Page Down / Page Up (and → / ←
// where no text box has the keyboard) the next and previous step, Ctrl+Page Down / Up the
// epochs of the attention timeline, Alt+Page Down / Up the lessons. F11 or Escape leaves it, and
// everything is as it was.

#include "display/ColorRange.h"

#include <QByteArray>
#include <QFont>
#include <QList>
#include <QObject>

#include <utility>

class QAction;
class QMenu;

namespace studio {

class ColorControls;
class MainWindow;

class PresentationMode : public QObject {
    Q_OBJECT
public:
    static constexpr double kScale = 1.6;

    explicit PresentationMode(MainWindow* window);

    // Adds the checkable View ▸ Presentation Mode action (F11) to `menu`.
    void addAction(QMenu* menu);

    bool isOn() const { return m_on; }
    void setOn(bool on);
    // The step shown in every view and in Inside the Attention, moved by `delta`.
    void moveStep(int delta);
    // The attention timeline's snapshot, moved by `delta` epochs.
    void moveEpoch(int delta);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void scalePlots(double factor);
    void fixColours(bool fixed);
    QList<ColorControls*> colourControls() const;

    MainWindow* m_window;
    QAction* m_action = nullptr;
    bool m_on = false;
    // What it changes, to put back.
    QByteArray m_state;
    bool m_wasFullScreen = false;
    QFont m_font;
    QList<std::pair<ColorControls*, ColorRange>> m_ranges;
};

} // namespace studio
