#pragma once

// Class labels as people write them (strings or numbers) mapped to class indices. Shared by every
// classification importer so the order is the same rule everywhere.

#include "common/TaskKinds.h"

#include <QStringList>

namespace studio {

// The distinct label values in class-index order: numerically when every value reads as a number
// ("2" before "10", "-1" before "1"), otherwise by Unicode code point ("neg" before "pos").
// The order is kept with the model (Dataset::labels), so class 0 is always the first of these.
QStringList orderClassLabels(QStringList distinct);

// Binary (one output) for two classes, multi-class (one output per class) for more.
struct ClassHead {
    HeadKind head = HeadKind::Binary;
    int outputs = 1;
};
ClassHead classHeadFor(int classes);

} // namespace studio
