#pragma once

// How tall each panel of a stacked figure is: what it needs when the figure's height is free,
// and a fair share of a height the person chose. Plots stretch and shrink (down to a readable
// minimum) before anything else; text is cut only when nothing else can give, with a warning.

#include <QString>
#include <QStringList>

#include <vector>

class QWidget;

namespace studio::render {

struct PanelPlan {
    QWidget* widget = nullptr;
    int natural = 0;   // the height it wants
    int minimum = 1;   // the least it can be given before it is cut
    bool grows = false;  // takes spare height (plots); others keep their natural height
    QString cutName;   // named in the warning when it gets less than natural, e.g. "the token text"
};

struct FittedHeights {
    std::vector<int> heights;  // one per plan; they sum to the requested total (when given)
    QStringList warnings;
};

// total <= 0: every panel at its natural height.
FittedHeights fitPanelHeights(const std::vector<PanelPlan>& plans, int total);

} // namespace studio::render
