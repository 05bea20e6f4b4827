#include "training/AttentionTimeline.h"

#include "views/AttentionRowView.h"
#include "colour/ColorControls.h"
#include "views/TokenAttentionPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace studio {
namespace {

constexpr int kPlayIntervalMs = 400;  // per snapshot: slow enough to see each epoch's change

} // namespace

AttentionTimeline::AttentionTimeline(QWidget* parent)
    : QWidget(parent)
{
    m_probe = new QComboBox(this);
    m_probe->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_probe->setMinimumContentsLength(18);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 0);
    m_play = new QToolButton(this);
    m_play->setCheckable(true);
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play the attention through the epochs"));
    m_caption = new QLabel(tr("Start a training run to record how its attention evolves."), this);
    m_caption->setWordWrap(true);
    m_playTimer = new QTimer(this);
    m_playTimer->setInterval(kPlayIntervalMs);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_tokens = new TokenAttentionPanel(split);
    m_row = new AttentionRowView(split);
    split->addWidget(m_tokens);
    split->addWidget(m_row);
    // One set of colour controls (the text's) drives both views of the same weights.
    m_row->controls()->hide();
    connect(m_tokens->controls(), &ColorControls::colormapChanged, m_row, &HeatmapView::setColormap);
    connect(m_tokens->controls(), &ColorControls::colorRangeChanged, m_row, &HeatmapView::setColorRange);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Probe"), this));
    controls->addWidget(m_probe);
    controls->addWidget(m_play);
    controls->addWidget(m_slider, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_caption);
    layout->addWidget(split, 1);

    connect(m_slider, &QSlider::valueChanged, this, &AttentionTimeline::refresh);
    connect(m_probe, &QComboBox::currentIndexChanged, this, &AttentionTimeline::refresh);
    connect(m_play, &QToolButton::toggled, this, &AttentionTimeline::setPlaying);
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (m_slider->value() >= m_slider->maximum()) {
            setPlaying(false);
            return;
        }
        m_slider->setValue(m_slider->value() + 1);
    });
}

void AttentionTimeline::clear()
{
    setPlaying(false);
    m_snapshots.clear();
    m_probe->clear();
    m_slider->setRange(0, 0);
    m_caption->setText(tr("Waiting for the first snapshot…"));
}

void AttentionTimeline::addSnapshot(const AttentionSnapshot& snapshot)
{
    const bool following = m_snapshots.empty() || m_slider->value() == m_slider->maximum();
    m_snapshots.push_back(snapshot);
    if (m_probe->count() != static_cast<int>(snapshot.probes.size())) {
        const QSignalBlocker block(m_probe);
        m_probe->clear();
        for (size_t i = 0; i < snapshot.probes.size(); ++i) {
            // A series window by its time range; a text by its first words.
            if (i < snapshot.probeNames.size() && !snapshot.probeNames[i].isEmpty()) {
                m_probe->addItem(snapshot.probeNames[i]);
                continue;
            }
            QStringList words = snapshot.probes[i].tokens.mid(0, 6);
            m_probe->addItem(tr("%1: %2…").arg(i + 1).arg(words.join(QLatin1Char(' '))));
        }
    }
    m_slider->setRange(0, snapshotCount() - 1);
    if (following && !m_playTimer->isActive())
        m_slider->setValue(m_slider->maximum());
    refresh();
}

void AttentionTimeline::showSnapshot(int index) { m_slider->setValue(index); }

void AttentionTimeline::setPlaying(bool playing)
{
    if (playing && m_slider->value() >= m_slider->maximum())
        m_slider->setValue(0);  // play from the start when at the end
    if (playing)
        m_playTimer->start();
    else
        m_playTimer->stop();
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    if (m_play->isChecked() != playing) {
        const QSignalBlocker block(m_play);
        m_play->setChecked(playing);
    }
}

int AttentionTimeline::currentSnapshot() const { return m_snapshots.empty() ? -1 : m_slider->value(); }
int AttentionTimeline::currentProbe() const { return m_probe->currentIndex(); }

void AttentionTimeline::refresh()
{
    const int index = currentSnapshot();
    const int probe = currentProbe();
    if (index < 0 || probe < 0 || static_cast<size_t>(probe) >= m_snapshots[static_cast<size_t>(index)].probes.size())
        return;
    const AttentionSnapshot& snapshot = m_snapshots[static_cast<size_t>(index)];
    const AttentionMap& map = snapshot.probes[static_cast<size_t>(probe)];
    m_caption->setText(snapshot.epoch == 0
                           ? tr("Before training (initial weights) · prediction %1").arg(snapshot.predictions[static_cast<size_t>(probe)])
                           : tr("Epoch %1 · step %2 · prediction %3")
                                 .arg(snapshot.epoch)
                                 .arg(snapshot.step)
                                 .arg(snapshot.predictions[static_cast<size_t>(probe)]));
    if (map.isEmpty())
        return;
    m_tokens->setAttention(map);
    // The heatmap follows in the next turn of the event loop: each turn stays short while a run
    // is reporting, so input and painting never wait for both views at once.
    QTimer::singleShot(0, m_row, [this, index, probe] {
        if (index == currentSnapshot() && probe == currentProbe())
            m_row->setAttention(m_snapshots[static_cast<size_t>(index)].probes[static_cast<size_t>(probe)]);
    });
}

} // namespace studio
