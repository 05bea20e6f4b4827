#pragma once

// Where each token goes when tokens are set like words in a paragraph: left to right, wrapping
// to a new row when the next one does not fit. Pure geometry, so the token view can redo it on
// every resize in O(T) and tests can check it without painting.

#include <QRect>

#include <vector>

namespace studio {

struct TokenFlowMetrics {
    int rowHeight = 20;      // height of one token box
    int horizontalGap = 3;   // between boxes on a row
    int verticalGap = 3;     // between rows
    int margin = 6;          // around the whole text
};

struct TokenFlow {
    std::vector<QRect> boxes;          // one per token, in reading order
    std::vector<int> rowFirstToken;    // index of the first token of each row
    int height = 0;                    // total height, margins included

    int rowCount() const { return static_cast<int>(rowFirstToken.size()); }
};

// boxWidths: the width each token's box wants. A box wider than the line is narrowed to the line
// (the view elides its text), so every box lies inside [margin, width - margin].
TokenFlow flowTokens(const std::vector<int>& boxWidths, int width, const TokenFlowMetrics& metrics);

} // namespace studio
