#pragma once

// Help ▸ User Guide: the guide (docs/guide, carried inside the program) in the window's language,
// with its screenshots, in a window of its own beside the main one.

class QWidget;

namespace studio {

// Opens the guide, or raises it when it is open already.
void showUserGuide(QWidget* parent);

} // namespace studio
