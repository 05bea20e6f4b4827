#pragma once

// The attention of a few fixed probe examples as training goes: one snapshot before the first step
// and one per epoch (or every N steps). A slider scrubs through them and Play animates them, so the
// weights can be watched converging on the tokens that decide the label.

#include "common/ValueTypes.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace studio {

class AttentionRowView;
class TokenAttentionPanel;

class AttentionTimeline : public QWidget {
    Q_OBJECT
public:
    explicit AttentionTimeline(QWidget* parent = nullptr);

    void clear();
    // Appends a snapshot; while the slider is at the newest one it follows the new one.
    void addSnapshot(const AttentionSnapshot& snapshot);
    void showSnapshot(int index);
    void setPlaying(bool playing);

    int snapshotCount() const { return static_cast<int>(m_snapshots.size()); }
    int currentSnapshot() const;
    int currentProbe() const;
    QSlider* slider() const { return m_slider; }
    QComboBox* probeChooser() const { return m_probe; }
    TokenAttentionPanel* tokenPanel() const { return m_tokens; }
    AttentionRowView* rowView() const { return m_row; }

private:
    void refresh();

    std::vector<AttentionSnapshot> m_snapshots;
    QComboBox* m_probe = nullptr;
    QSlider* m_slider = nullptr;
    QToolButton* m_play = nullptr;
    QLabel* m_caption = nullptr;
    QTimer* m_playTimer = nullptr;
    TokenAttentionPanel* m_tokens = nullptr;
    AttentionRowView* m_row = nullptr;
};

} // namespace studio
