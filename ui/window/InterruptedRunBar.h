#pragma once

// An information bar, not a dialog: "The run keyword-additive-3 was interrupted after epoch 4 of
// 10." with Resume, Open and Dismiss. Shown by the training panel when a run found in the runs
// folder was cut short by a crash or a kill; nothing waits for an answer, so the window (and every
// test) goes on as if it were not there.

#include "runtime/TrainingRunFolder.h"

#include <QFrame>
#include <QList>

class QLabel;
class QPushButton;

namespace studio {

class InterruptedRunBar : public QFrame {
    Q_OBJECT
public:
    explicit InterruptedRunBar(QWidget* parent = nullptr);

    // The runs to offer, newest first; the bar shows the first and hides when there are none.
    void setRuns(const QList<TrainingRunRecord>& runs);
    // The run on offer, while the bar is shown.
    const TrainingRunRecord* currentRun() const { return m_runs.isEmpty() ? nullptr : &m_runs.front(); }
    QLabel* label() const { return m_label; }
    QPushButton* resumeButton() const { return m_resume; }
    QPushButton* openButton() const { return m_open; }
    QPushButton* dismissButton() const { return m_dismiss; }

Q_SIGNALS:
    void resumeRequested(const studio::TrainingRunRecord& run);
    void openRequested(const studio::TrainingRunRecord& run);
    void dismissed(const studio::TrainingRunRecord& run);

private:
    void showFirst();
    // Takes the run on offer off the bar (then shows the next, if any) and hands it to `signal`.
    void answer(void (InterruptedRunBar::*signal)(const TrainingRunRecord&));

    QList<TrainingRunRecord> m_runs;
    QLabel* m_label = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_dismiss = nullptr;
};

} // namespace studio
