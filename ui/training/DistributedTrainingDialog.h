#pragma once

// "Train with torchrun…": the training panel's setup, trained by examples/pytorch/train_ddp.py on
// several processes or machines. The person chooses how many, and where the run folder goes; the
// dialog shows the torchrun command, writes the setup the command reads, copies the command, and
// can watch the run folder in the window while the run grows (curves, checkpoints).

#include "runtime/DistributedTraining.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace studio {

class DistributedTrainingDialog : public QDialog {
    Q_OBJECT
public:
    DistributedTrainingDialog(const TrainingSetup& setup, const QString& runFolder, QWidget* parent = nullptr);

    DistributedPlan plan() const;
    QString command() const;
    QPlainTextEdit* commandView() const { return m_command; }
    QPushButton* writeButton() const { return m_write; }
    QPushButton* watchButton() const { return m_watch; }
    QSpinBox* processesBox() const { return m_processes; }
    QSpinBox* machinesBox() const { return m_machines; }
    QLabel* statusLabel() const { return m_status; }

Q_SIGNALS:
    // The person asked to watch the run folder (written with the setup first).
    void watchRequested(const QString& folder);

private:
    void updateCommand();
    // Writes the setup the command reads and copies the command; false (and says why) if it cannot.
    bool writeSetup();

    TrainingSetup m_setup;
    QString m_script;
    QSpinBox* m_processes = nullptr;
    QSpinBox* m_machines = nullptr;
    QLineEdit* m_rendezvous = nullptr;
    QLineEdit* m_folder = nullptr;
    QPlainTextEdit* m_command = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_write = nullptr;
    QPushButton* m_watch = nullptr;
};

} // namespace studio
