#pragma once

// The token view as a person uses it: colour controls on top, a caption saying what the weights
// are beside a colour legend, and the text in a scroll area so a 500-token input scrolls instead
// of growing the window.

#include "display/AttentionMapMath.h"
#include "display/ColorRange.h"
#include "colour/Colormap.h"

#include <QWidget>

#include <optional>

class QLabel;
class QScrollArea;

namespace studio {

class ColorBar;
class ColorControls;
class TokenAttentionView;

class TokenAttentionPanel : public QWidget {
    Q_OBJECT
public:
    explicit TokenAttentionPanel(QWidget* parent = nullptr);

    void setAttention(const AttentionMap& map, std::optional<MatrixKind> kind = std::nullopt);
    void setTokenIds(std::vector<int64_t> ids);
    void setColormap(ColormapId id);
    void setColorRange(const ColorRange& range);

    TokenAttentionView* view() const { return m_view; }  // the whole text, for export and tests
    ColorControls* controls() const { return m_controls; }
    QScrollArea* scrollArea() const { return m_scrollArea; }

private:
    ColorControls* m_controls = nullptr;
    QLabel* m_caption = nullptr;
    ColorBar* m_legend = nullptr;
    QScrollArea* m_scrollArea = nullptr;
    TokenAttentionView* m_view = nullptr;
};

} // namespace studio
