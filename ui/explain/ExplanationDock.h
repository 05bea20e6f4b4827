#pragma once

// The window's "Is it an explanation?" dock: the panel tabbed beside the attention's other docks,
// following the open models and the input, and computing only while it is on screen.

class QDockWidget;
class QMainWindow;

namespace studio {

class ExplanationPanel;
class InputPanel;
class OpenModels;

ExplanationPanel* addExplanationDock(QMainWindow* window, QDockWidget* besides, OpenModels* models, InputPanel* input);

} // namespace studio
