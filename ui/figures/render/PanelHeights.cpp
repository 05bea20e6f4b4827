#include "PanelHeights.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

namespace studio::render {
namespace {

// Takes up to `deficit` pixels from the panels `which` accepts, none below its floor, the last
// panels first (the lower plots give before the text above them); returns what is still missing.
template <typename Accept, typename Floor>
int shrink(const std::vector<PanelPlan>& plans, std::vector<int>& heights, int deficit, Accept accept, Floor floor)
{
    for (size_t i = plans.size(); i-- > 0 && deficit > 0;) {
        if (!accept(plans[i]))
            continue;
        const int give = std::min(deficit, std::max(0, heights[i] - floor(plans[i])));
        heights[i] -= give;
        deficit -= give;
    }
    return deficit;
}

} // namespace

FittedHeights fitPanelHeights(const std::vector<PanelPlan>& plans, int total)
{
    FittedHeights fitted;
    for (const PanelPlan& plan : plans)
        fitted.heights.push_back(std::max(plan.natural, 1));
    if (total <= 0 || plans.empty())
        return fitted;
    std::vector<int>& heights = fitted.heights;
    const int sum = std::accumulate(heights.begin(), heights.end(), 0);
    if (sum <= total) {
        // Spare height goes to the panels that grow, evenly; without any, to the last panel.
        std::vector<size_t> growing;
        for (size_t i = 0; i < plans.size(); ++i)
            if (plans[i].grows)
                growing.push_back(i);
        if (growing.empty())
            growing.push_back(plans.size() - 1);
        const int spare = total - sum;
        const int each = spare / static_cast<int>(growing.size());
        for (size_t i : growing)
            heights[i] += each;
        heights[growing.back()] += spare - each * static_cast<int>(growing.size());
        return fitted;
    }
    int deficit = sum - total;
    const auto any = [](const PanelPlan&) { return true; };
    deficit = shrink(plans, heights, deficit, [](const PanelPlan& plan) { return plan.grows; },
                     [](const PanelPlan& plan) { return plan.minimum; });
    deficit = shrink(plans, heights, deficit, [](const PanelPlan& plan) { return !plan.grows; },
                     [](const PanelPlan& plan) { return plan.minimum; });
    // Too small even for the minimums: every panel gives what it has, down to one pixel.
    shrink(plans, heights, deficit, any, [](const PanelPlan&) { return 1; });
    for (size_t i = 0; i < plans.size(); ++i)
        if (!plans[i].cutName.isEmpty() && heights[i] < plans[i].natural)
            fitted.warnings << QCoreApplication::translate("studio::render",
                                                           "The figure is too short for %1: it needs %2 pixels and "
                                                           "gets %3, so it is cut off; give a larger --height, or "
                                                           "leave --height out.")
                                   .arg(plans[i].cutName)
                                   .arg(plans[i].natural)
                                   .arg(heights[i]);
    return fitted;
}

} // namespace studio::render
