#include "views/TokenFlow.h"

#include <algorithm>

namespace studio {

TokenFlow flowTokens(const std::vector<int>& boxWidths, int width, const TokenFlowMetrics& metrics)
{
    TokenFlow flow;
    flow.boxes.reserve(boxWidths.size());
    const int left = metrics.margin;
    const int lineWidth = std::max(1, width - 2 * metrics.margin);
    const int right = left + lineWidth;
    int x = left;
    int y = metrics.margin;
    for (size_t i = 0; i < boxWidths.size(); ++i) {
        const int boxWidth = std::clamp(boxWidths[i], 1, lineWidth);
        const bool rowStarted = !flow.rowFirstToken.empty() && x > left;
        if (rowStarted && x + boxWidth > right) {
            x = left;
            y += metrics.rowHeight + metrics.verticalGap;
        }
        if (x == left)
            flow.rowFirstToken.push_back(static_cast<int>(i));
        flow.boxes.emplace_back(x, y, boxWidth, metrics.rowHeight);
        x += boxWidth + metrics.horizontalGap;
    }
    flow.height = flow.boxes.empty() ? 2 * metrics.margin : y + metrics.rowHeight + metrics.margin;
    return flow;
}

} // namespace studio
