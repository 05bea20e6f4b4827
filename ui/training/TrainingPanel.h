#pragma once

// Choose the data, the model and the training settings; start, pause, resume and stop a run.
// The run itself is a TrainingJob on a worker thread: this panel only edits settings and forwards.

#include "runtime/TrainingJob.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace studio {

class InterruptedRunBar;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);

    TrainingSetup setup() const;
    // Fills the form from `setup` (saved settings, tests); the data file is kept when set.
    void applySetup(const TrainingSetup& setup);
    QPushButton* startButton() const { return m_start; }
    // Opens "Train with torchrun…" for the current settings (examples/pytorch/train_ddp.py).
    QPushButton* distributedButton() const { return m_distributed; }
    TrainingJob* job() const { return m_job; }
    // A text file to train on (CSV, TSV, JSON, JSONL, or a folder per class).
    void setDataFile(const QString& path);
    // A series file to train a forecaster on (the column to forecast is named in the form).
    void setSeriesFile(const QString& path);
    // Shows the file's first records and their tokens; trains on it if the person agrees.
    void chooseDataFile(const QString& path);
    // Offers the runs the last session left unfinished (crash, kill), found off the GUI thread.
    InterruptedRunBar* interruptedRunBar() const { return m_interrupted; }
    // "Runs: <folder>", a link that opens the folder where runs keep their model files.
    QLabel* runsFolderLabel() const { return m_runsFolder; }
    // Settings that mean something for the data chosen; the others are disabled (tests).
    QSpinBox* embeddingBox() const { return m_embedding; }
    QCheckBox* neutralClassBox() const { return m_neutral; }
    void setTask(const QString& task);

public Q_SLOTS:
    void start();
    void togglePause();
    void stop();
    // Continues an interrupted run from its last saved epoch; the form shows its settings.
    void continueRun(const studio::TrainingRunRecord& run);
    // "Train with torchrun…": these settings on several processes or machines (train_ddp.py).
    void openDistributedDialog();

Q_SIGNALS:
    void runStarted(const QString& name);
    // The person asked to see a model the panel knows of (an interrupted run's last epoch).
    void openModelRequested(const QString& path);
    // The person asked to watch a run folder (a torchrun run's, from the distributed dialog).
    void watchRunRequested(const QString& folder);

private:
    void updateButtons();
    void showRunsFolder();
    void onProgress(const studio::TrainingProgress& progress);

    TrainingJob* m_job = nullptr;
    QComboBox* m_task = nullptr;
    QLineEdit* m_dataFile = nullptr;
    QSpinBox* m_count = nullptr;
    QSpinBox* m_length = nullptr;
    QCheckBox* m_neutral = nullptr;
    QLineEdit* m_target = nullptr;
    QLineEdit* m_inputs = nullptr;
    QSpinBox* m_window = nullptr;
    QSpinBox* m_horizon = nullptr;
    QComboBox* m_attention = nullptr;
    QComboBox* m_cell = nullptr;
    QSpinBox* m_hidden = nullptr;
    QSpinBox* m_embedding = nullptr;
    QSpinBox* m_layers = nullptr;
    QDoubleSpinBox* m_dropout = nullptr;
    QCheckBox* m_bidirectional = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_batch = nullptr;
    QDoubleSpinBox* m_learningRate = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_threads = nullptr;  // TrainingConfig::threads; 0 shows as "one per core"
    QSpinBox* m_probeSteps = nullptr;
    // Class names a lesson gave for its data file (labels written as codes); they go with that file only.
    QStringList m_classNames;
    QString m_classNamesFile;
    QPushButton* m_start = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_distributed = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_runsFolder = nullptr;
    InterruptedRunBar* m_interrupted = nullptr;
};

} // namespace studio
