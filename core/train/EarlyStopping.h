#pragma once

#include "common/ValueTypes.h"

#include <vector>

namespace studio {

// True when the best validation loss in `history` is `patience` or more epochs old, i.e. the
// last `patience` epochs brought no improvement. False when patience is 0 (off) or when the
// history has no validation loss.
bool validationHasStalled(const std::vector<EpochMetrics>& history, int patience);

} // namespace studio
