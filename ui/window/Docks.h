#pragma once

// How the window's panels become docks: one place for the object names saveState() needs and for
// the panels that scroll.

#include <QString>

class QDockWidget;
class QMainWindow;
class QWidget;

namespace studio {

// A dock holding `content`, named `objectName` (saveState() finds docks by object name).
QDockWidget* makeDock(const QString& title, const QString& objectName, QWidget* content, QMainWindow* window);

// `content` in a scroll area as wide as it is, scrolled only down: a panel taller than a small
// screen scrolls rather than push the window's bottom off it.
QWidget* scrollingDown(QWidget* content, QWidget* parent);

} // namespace studio
