#include "data/ClassLabels.h"

#include <algorithm>

namespace studio {

QStringList orderClassLabels(QStringList distinct)
{
    bool allNumbers = !distinct.isEmpty();
    for (const QString& label : distinct) {
        bool ok = false;
        label.toDouble(&ok);
        allNumbers = allNumbers && ok;
    }
    if (allNumbers) {
        // Equal numbers written differently ("1", "1.0") stay distinct; their order is then by text.
        std::sort(distinct.begin(), distinct.end(), [](const QString& a, const QString& b) {
            const double x = a.toDouble();
            const double y = b.toDouble();
            return x != y ? x < y : a < b;
        });
    } else {
        std::sort(distinct.begin(), distinct.end());
    }
    return distinct;
}

ClassHead classHeadFor(int classes)
{
    if (classes <= 2)
        return {HeadKind::Binary, 1};
    return {HeadKind::MultiClass, classes};
}

} // namespace studio
