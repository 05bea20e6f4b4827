#pragma once
// View > Language: each language named in itself, the current one checked. Choosing one remembers it
// and, when it differs, offers to restart the program in it (Qt sets a widget's words when it is
// built, so a new language needs a new window).

#include <QStringList>

#include <functional>

class QMenu;
class QWidget;

namespace studio {

// Adds the Language submenu to `parent`. A restart asks `prepareRestart` for the arguments that
// bring the screen back (it may take a moment: the window saves its session on a worker), then
// closes `window` (which may refuse, e.g. to keep a training run) and starts the program again.
using RestartArguments = std::function<void(QStringList)>;
void addLanguageMenu(QMenu* parent, QWidget* window, std::function<void(RestartArguments)> prepareRestart);

}  // namespace studio
