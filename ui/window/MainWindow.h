#pragma once

#include "runtime/TrainingSetup.h"
#include "data/DataFileKind.h"

#include <QMainWindow>

#include <functional>

class QLabel;
class QProgressBar;
class QToolButton;

namespace studio {

class AttentionTimeline;
class ComparisonView;
class CurvesView;
class DataFileSniffer;
class InputPanel;
class ExplanationPanel;
class InsideAttentionPanel;
class LessonPanel;
class OpenModels;
class RecentFiles;
class RunWatcher;
class SampleBrowser;
class PresentationMode;
class SessionFiles;
class TrainingPanel;

// The application window. Kept small: each view is its own widget class (ComparisonView in the
// middle; input, training, curves, the attention timeline, the samples and the step-through view
// "Inside the Attention" in docks the user can rearrange);
// this class only arranges them, wires them together and owns the menus.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // A native model, TorchScript or Keras file; it joins the models side by side. A session file
    // (.assession) puts its whole screen back instead.
    void openModel(const QString& path);
    // A run folder written by examples/pytorch/train_ddp.py; its curves join the others.
    void watchRun(const QString& folder);
    // Decides by the kind of file: model, run folder, training data or a series to read. A data
    // file's kind is told by its content, on a worker thread: a numeric series becomes the input
    // of the models when one reads series (or is still opening), else training data.
    void openPath(const QString& path);
    // The bundled demo: a small sentiment model with a sentence typed in.
    void openDemo();

    OpenModels* models() const { return m_models; }
    ComparisonView* comparison() const { return m_comparison; }
    InputPanel* input() const { return m_input; }
    TrainingPanel* training() const { return m_training; }
    CurvesView* curves() const { return m_curves; }
    AttentionTimeline* timeline() const { return m_timeline; }
    SampleBrowser* samples() const { return m_samples; }
    InsideAttentionPanel* insideAttention() const { return m_inside; }
    ExplanationPanel* explanationPanel() const { return m_explanation; }
    SessionFiles* sessions() const { return m_sessions; }
    PresentationMode* presentation() const { return m_presentation; }
    LessonPanel* lessons() const { return m_lessons; }
    // What a restart passes to the program to bring this screen back (the language switch
    // restarts the window), given to `restart` once known: a session file of the screen, saved on
    // a worker (the models' files, if it cannot be written), or --no-demo when no model is open.
    void prepareRestart(std::function<void(QStringList)> restart);
    // Scores every validation example of `setup`'s data (split as its run split it) with the model at `path`.
    void evaluateSamples(const QString& path, const TrainingSetup& setup);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createDocks();
    void createActions();
    void connectTraining();
    void connectModels();
    // Asks where and at which size, then writes `figure` as PNG, SVG or PDF.
    void exportFigure(QWidget* figure, const QString& suggestedName);
    void exportWeights();
    void exportCurves();  // the data behind the curves, as CSV
    // Training writes into its run folder; this keeps a copy where the person chooses.
    void saveTrainedModel();
    void showStatus(const QString& message);
    void openDataFile(const QString& path, DataFileKind kind);

    OpenModels* m_models = nullptr;
    ComparisonView* m_comparison = nullptr;
    InputPanel* m_input = nullptr;
    TrainingPanel* m_training = nullptr;
    CurvesView* m_curves = nullptr;
    AttentionTimeline* m_timeline = nullptr;
    SampleBrowser* m_samples = nullptr;
    InsideAttentionPanel* m_inside = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    SessionFiles* m_sessions = nullptr;
    PresentationMode* m_presentation = nullptr;
    LessonPanel* m_lessons = nullptr;
    RunWatcher* m_runWatcher = nullptr;
    DataFileSniffer* m_dataFiles = nullptr;
    RecentFiles* m_recent = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    int m_trainingRun = -1;   // CurvesView run of the training in progress
    int m_watchedRun = -1;    // CurvesView run of the watched folder
    QString m_latestCheckpoint;
    QString m_trainedModel;   // the newest model trained in the window (in its run folder)
    QString m_metricName;     // "accuracy" or "MAE" for the run in progress
};

} // namespace studio
