#pragma once
// View > Language: each language named in itself, the current one checked. Choosing one remembers it
// and, when it differs, offers to restart the program in it (Qt sets a widget's words when it is
// built, so a new language needs a new window).

#include <QStringList>

#include <functional>

class QMenu;
class QWidget;

namespace studio {

// Adds the Language submenu to `parent`. A restart closes `window` (which may refuse, e.g. to keep a
// training run) and starts the program again with what `restartArguments` gives at that moment.
void addLanguageMenu(QMenu* parent, QWidget* window, std::function<QStringList()> restartArguments);

}  // namespace studio
