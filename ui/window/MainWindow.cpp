#include "window/MainWindow.h"

#include "window/Docks.h"
#include "language/LanguageMenu.h"

#include "views/AttentionRowView.h"
#include "training/AttentionTimeline.h"
#include "views/HeatmapPlot.h"
#include "window/ComparisonView.h"
#include "training/CurvesView.h"
#include "figures/FigureExport.h"
#include "figures/FigureExportDialog.h"
#include "window/InputPanel.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "window/RecentFiles.h"
#include "samples/SampleBrowser.h"
#include "explain/ExplanationDock.h"
#include "explain/ExplanationPanel.h"
#include "teaching/InsideAttentionPanel.h"
#include "teaching/LessonPanel.h"
#include "window/BundledFiles.h"
#include "window/UserGuide.h"
#include "window/PresentationMode.h"
#include "window/SessionFiles.h"
#include "training/TrainingPanel.h"
#include "display/WeightsExport.h"
#include "window/FileCopy.h"
#include "runtime/DataFileSniffer.h"
#include "io/ModelFileCheck.h"
#include "runtime/RunWatcher.h"
#include "runtime/SampleEvaluation.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

#include <qcustomplot.h>

#include <cmath>

namespace studio {
namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
constexpr int kStatusTimeoutMs = 8000;
const QString kDemoSentence = QStringLiteral(
    "The acting was wonderful and the music was great, but the story was slow and the ending was a terrible mess.");

bool isModelFile(const QFileInfo& info)
{
    static const QStringList kSuffixes{QStringLiteral("asmodel"), QStringLiteral("pt"), QStringLiteral("pth"),
                                       QStringLiteral("ts"), QStringLiteral("torchscript"), QStringLiteral("h5"),
                                       QStringLiteral("hdf5"), QStringLiteral("keras")};
    return kSuffixes.contains(info.suffix().toLower());
}

bool isRunFolder(const QFileInfo& info)
{
    const QDir dir(info.absoluteFilePath());
    return info.isDir()
        && (dir.exists(QStringLiteral("run.json")) || dir.exists(QStringLiteral("metrics.jsonl"))
            || dir.exists(QStringLiteral("metrics.csv")));
}

// Metric names as the run folder writes them ("train_loss") become curve names ("train loss");
// throughput and other bookkeeping numbers are not curves.
QString curveName(const QString& metric)
{
    const QString name = QString(metric).replace(QLatin1Char('_'), QLatin1Char(' '));
    static const QStringList kCurveWords{QStringLiteral("loss"), QStringLiteral("acc"), QStringLiteral("mae"),
                                         QStringLiteral("error"), QStringLiteral("metric"), QStringLiteral("f1")};
    for (const QString& word : kCurveWords)
        if (name.contains(word, Qt::CaseInsensitive))
            return name;
    return {};
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_models(new OpenModels(this))
    , m_runWatcher(new RunWatcher(this))
    , m_dataFiles(new DataFileSniffer(this))
{
    setWindowTitle(tr("Attention Studio"));
    setAcceptDrops(true);
    m_comparison = new ComparisonView(this);
    setCentralWidget(m_comparison);
    createDocks();
    createActions();
    connectModels();
    connectTraining();
    resize(1500, 950);

    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
    showStatus(tr("Open a model, train one, or drop a file onto the window."));
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    m_input = new InputPanel(this);
    m_training = new TrainingPanel(this);
    m_curves = new CurvesView(this);
    m_timeline = new AttentionTimeline(this);
    setDockNestingEnabled(true);
    addDockWidget(Qt::TopDockWidgetArea, makeDock(tr("Input"), QStringLiteral("inputDock"), m_input, this));
    // The training settings are taller than a small screen: they scroll (the Start button stays reachable).
    addDockWidget(Qt::LeftDockWidgetArea,
                  makeDock(tr("Training"), QStringLiteral("trainingDock"), scrollingDown(m_training, this), this));
    addDockWidget(Qt::RightDockWidgetArea, makeDock(tr("Curves"), QStringLiteral("curvesDock"), m_curves, this));
    m_samples = new SampleBrowser(this);
    QDockWidget* timelineDock = makeDock(tr("Attention During Training"), QStringLiteral("timelineDock"), m_timeline, this);
    addDockWidget(Qt::RightDockWidgetArea, timelineDock);
    QDockWidget* samplesDock = makeDock(tr("Samples"), QStringLiteral("samplesDock"), m_samples, this);
    addDockWidget(Qt::RightDockWidgetArea, samplesDock);
    tabifyDockWidget(timelineDock, samplesDock);
    m_lessons = new LessonPanel(this);
    tabifyDockWidget(findChild<QDockWidget*>(QStringLiteral("trainingDock")),
                     makeDock(tr("Lessons"), QStringLiteral("lessonsDock"), m_lessons, this));
    m_inside = new InsideAttentionPanel(this);
    QDockWidget* insideDock = makeDock(tr("Inside the Attention"), QStringLiteral("insideDock"), m_inside, this);
    tabifyDockWidget(timelineDock, insideDock);
    m_explanation = addExplanationDock(this, insideDock, m_models, m_input);
    connect(m_explanation, &ExplanationPanel::exportRequested, this, [this](QWidget* figure) { exportFigure(figure, QStringLiteral("explanation.png")); });
    // The models compute its numbers only while it is on screen.
    connect(insideDock, &QDockWidget::visibilityChanged, m_models, &OpenModels::setTracing);
    timelineDock->raise();
    QDockWidget* inputDock = findChild<QDockWidget*>(QStringLiteral("inputDock"));
    resizeDocks({inputDock}, {90}, Qt::Vertical);
    resizeDocks({findChild<QDockWidget*>(QStringLiteral("trainingDock")), findChild<QDockWidget*>(QStringLiteral("curvesDock"))},
                {300, 480}, Qt::Horizontal);
    resizeDocks({findChild<QDockWidget*>(QStringLiteral("curvesDock")), findChild<QDockWidget*>(QStringLiteral("timelineDock"))},
                {420, 430}, Qt::Vertical);
    // The layout before any saved one is restored: View ▸ Reset Layout goes back to it.
    setProperty("defaultState", saveState());

    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_cancel->setToolTip(tr("Stop training"));
    m_cancel->hide();
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, m_training, &TrainingPanel::stop);
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openModelAction = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Model…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Model"), QString(),
            tr("Models (*.asmodel *.pt *.pth *.ts *.h5 *.hdf5 *.keras);;Attention Studio models (*.asmodel);;TorchScript (*.pt *.pth *.ts);;Keras (*.h5 *.hdf5 *.keras);;All files (*)"));
        if (!path.isEmpty())
            openModel(path);
    });
    openModelAction->setShortcut(QKeySequence::Open);
    QAction* openRunAction = file->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open &Run Folder…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Run Folder"));
        if (!folder.isEmpty())
            watchRun(folder);
    });
    openRunAction->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    file->addAction(tr("Open &Training Data…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Training Data"), QString(),
                                                          tr("Text data (*.csv *.tsv *.json *.jsonl *.txt)"));
        if (!path.isEmpty())
            m_training->chooseDataFile(path);
    });
    file->addAction(tr("Evaluate &Samples"), this, [this] {
        if (m_models->count() == 0 || m_models->summary(0).format != ModelFormat::Native) {
            showStatus(tr("Open a model trained in the app first: its samples are scored on the training panel's data."));
            return;
        }
        evaluateSamples(m_models->summary(0).path, m_training->setup());
    });
    QAction* latestCheckpoint = file->addAction(tr("Open &Latest Checkpoint"), this, [this] {
        if (!m_latestCheckpoint.isEmpty())
            openModel(m_latestCheckpoint);
    });
    latestCheckpoint->setEnabled(false);
    connect(m_runWatcher, &RunWatcher::checkpointAppeared, latestCheckpoint, [latestCheckpoint] { latestCheckpoint->setEnabled(true); });
    m_sessions = new SessionFiles(this);
    m_sessions->addActions(file);
    m_recent = new RecentFiles(file->addMenu(tr("Open &Recent")), this);
    connect(m_recent, &RecentFiles::chosen, this, &MainWindow::openPath);
    QAction* saveTrained = file->addAction(tr("&Save Trained Model As…"), this, &MainWindow::saveTrainedModel);
    saveTrained->setShortcut(QKeySequence::Save);
    saveTrained->setEnabled(false);
    connect(m_training->job(), &TrainingJob::finished, saveTrained,
            [saveTrained](const TrainingOutcome& outcome) { saveTrained->setEnabled(!outcome.modelPath.isEmpty()); });
    file->addSeparator();
    QAction* exportFigureAction = file->addAction(tr("&Export Figure…"), this, [this] {
        exportFigure(m_comparison->currentFigure(), QStringLiteral("attention.png"));
    });
    exportFigureAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    file->addAction(tr("Export C&urves Figure…"), this, [this] { exportFigure(m_curves->plot(), QStringLiteral("curves.png")); });
    file->addAction(tr("Export &Timeline Figure…"), this, [this] {
        exportFigure(m_timeline->rowView()->plot(), QStringLiteral("attention-during-training.png"));
    });
    file->addAction(tr("Export &Weights…"), this, &MainWindow::exportWeights)->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    file->addAction(tr("Export &Curves…"), this, &MainWindow::exportCurves);
    file->addSeparator();
    file->addAction(tr("&Close All Models"), m_models, &OpenModels::closeAll);
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* train = menuBar()->addMenu(tr("&Train"));
    QAction* start = train->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), m_training, &TrainingPanel::start);
    start->setShortcut(QKeySequence(Qt::Key_F5));
    QAction* pause = train->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause / Resume"), m_training,
                                      &TrainingPanel::togglePause);
    pause->setShortcut(QKeySequence(Qt::Key_F6));
    QAction* stop = train->addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"), m_training, &TrainingPanel::stop);
    stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    train->addSeparator();
    train->addAction(tr("Train with &torchrun…"), m_training, &TrainingPanel::openDistributedDialog);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Reset Layout"), this, [this] { restoreState(property("defaultState").toByteArray()); });
    // View > Language: remembered; a change restarts the window with the models open now.
    addLanguageMenu(view, this, [this](RestartArguments restart) { prepareRestart(std::move(restart)); });
    m_presentation = new PresentationMode(this);
    m_presentation->addAction(view);

    m_lessons->addMenu(menuBar());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User Guide"), this, [this] { showUserGuide(this); })->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("Open the &Demo"), this, [this] { openDemo(); });
    help->addAction(tr("&About Attention Studio"), this, [this] {
        QMessageBox::about(this, tr("About Attention Studio"),
                           tr("Attention Studio shows what attention does inside LSTM models: open or train a model, "
                              "type an input, and see the weight of every step."));
    });

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->addAction(openModelAction);
    tools->addAction(openRunAction);
    tools->addSeparator();
    tools->addAction(start);
    tools->addAction(pause);
    tools->addAction(stop);
    tools->addSeparator();
    tools->addAction(exportFigureAction);
}

void MainWindow::connectModels()
{
    connect(m_input, &InputPanel::inputChanged, m_models, &OpenModels::setInput);
    connect(m_input, &InputPanel::seriesLoaded, m_comparison, &ComparisonView::setSeriesInput);
    connect(m_models, &OpenModels::modelOpened, this, [this](int, const ModelSummary& summary) {
        m_comparison->addModel(summary);
        showStatus(tr("Opened %1: %2").arg(summary.name, summary.description));
    });
    const auto warn = [this](const QString& title, const QString& message) {
        showStatus(message);
        auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();  // window-modal, not blocking: the rest of the app keeps running
    };
    connect(m_models, &OpenModels::openFailed, this,
            [warn](const QString&, const QString& message) { warn(tr("Cannot Open the Model"), message); });
    connect(m_sessions, &SessionFiles::failed, this, [warn](const QString& message) { warn(tr("Session"), message); });
    connect(m_lessons, &LessonPanel::failed, this, [warn](const QString& message) { warn(tr("Lesson"), message); });
    connect(m_sessions, &SessionFiles::saved, this, [this](const QString& path) { showStatus(tr("Saved %1").arg(path)); });
    // A formula that could not be used: the model keeps the one it had, and its panel says which.
    connect(m_models, &OpenModels::reopenFailed, this, [this, warn](int index, const QString& message) {
        if (ModelResultView* view = m_comparison->modelView(index))
            view->showFormula(m_models->formula(index));
        warn(tr("Cannot Use the Formula"), message);
    });
    connect(m_models, &OpenModels::modelReopened, this, [this](int index, const ModelSummary& summary) {
        m_comparison->setSummary(index, summary);
        const QString formula = m_models->formula(index);
        if (ModelResultView* view = m_comparison->modelView(index))
            view->showFormula(formula);  // the summary lists the formulas; the one in use is ours
        showStatus(formula.isEmpty() ? tr("%1 reads its attention layer as it does by default again.").arg(summary.name)
                                     : tr("%1 now reads its attention layer as %2.").arg(summary.name, formula));
    });
    connect(m_models, &OpenModels::modelClosed, m_comparison, &ComparisonView::removeModel);
    // Each model's own choices re-run that model alone on the current input.
    connect(m_comparison, &ComparisonView::candidateChosen, m_models, &OpenModels::setCandidate);
    connect(m_comparison, &ComparisonView::layoutChosen, m_models, &OpenModels::setLayout);
    connect(m_comparison, &ComparisonView::formulaChosen, this, [this](int index, const QString& formula) {
        showStatus(tr("Reopening %1…").arg(m_models->summary(index).name));
        m_models->setFormula(index, formula);
    });
    connect(m_models, &OpenModels::resultReady, m_comparison, &ComparisonView::setResult);
    // The step-through view: each model's numbers arrive with its answer; a step chosen there or
    // by a click on a token is marked in every view.
    connect(m_models, &OpenModels::modelOpened, m_inside,
            [this](int index, const ModelSummary& summary) { m_inside->setModelName(index, summary.name); });
    connect(m_models, &OpenModels::modelClosed, m_inside, &InsideAttentionPanel::removeModel);
    connect(m_models, &OpenModels::resultReady, m_inside,
            [this](int index, const InferenceResult& result) { m_inside->setTrace(index, result.trace); });
    connect(m_inside, &InsideAttentionPanel::stepSelected, m_comparison, &ComparisonView::setSelectedStep);
    connect(m_comparison, &ComparisonView::stepClicked, m_inside, &InsideAttentionPanel::setStep);
    connect(m_models, &OpenModels::requestFailed, m_comparison, &ComparisonView::setError);

    connect(m_runWatcher, &RunWatcher::recordsArrived, this, [this](const std::vector<MetricRecord>& records) {
        for (const MetricRecord& record : records)
            for (const auto& [metric, value] : record.values) {
                const QString name = curveName(metric);
                if (!name.isEmpty() && record.step >= 0)
                    m_curves->addPoint(m_watchedRun, name, static_cast<double>(record.step), value);
            }
    });
    connect(m_runWatcher, &RunWatcher::checkpointAppeared, this, [this](const QString& path) {
        m_latestCheckpoint = path;
        showStatus(tr("New checkpoint %1 (File ▸ Open Latest Checkpoint)").arg(QFileInfo(path).fileName()));
    });
    connect(m_runWatcher, &RunWatcher::statusChanged, this, [this](const QString& status) {
        showStatus(tr("Run %1: %2").arg(QFileInfo(m_runWatcher->folder()).fileName(), status));
    });
    connect(m_runWatcher, &RunWatcher::warning, this, &MainWindow::showStatus);
    connect(m_input, &InputPanel::loadFailed, this, &MainWindow::showStatus);
    connect(m_dataFiles, &DataFileSniffer::sniffed, this, &MainWindow::openDataFile);
}

void MainWindow::connectTraining()
{
    TrainingJob* job = m_training->job();
    connect(m_training, &TrainingPanel::runStarted, this, [this](const QString& name) {
        m_trainingRun = m_curves->addRun(name);
        m_timeline->clear();
        m_progress->setRange(0, 0);
        m_progress->show();
        m_cancel->show();
    });
    connect(job, &TrainingJob::started, this, [this](const ModelSummary& summary, int) {
        m_metricName = summary.labels.isEmpty() ? QStringLiteral("MAE") : QStringLiteral("accuracy");
    });
    connect(job, &TrainingJob::progress, this, [this, job](const TrainingProgress& progress) {
        const auto step = static_cast<double>(progress.step);
        // A forecaster's metric is drawn in the target's units (below), where the persistence
        // forecast can stand beside it; its normalized MAE would share the axis at another scale.
        const bool normalizedMetric = !job->runSetup().isForecast();
        if (progress.epochEnd) {
            if (std::isfinite(progress.validationLoss))
                m_curves->addPoint(m_trainingRun, QStringLiteral("validation loss"), step, progress.validationLoss);
            if (normalizedMetric && std::isfinite(progress.validationMetric))
                m_curves->addPoint(m_trainingRun, QStringLiteral("validation ") + m_metricName, step, progress.validationMetric);
            // Forecasters: the model's error beside the naive forecast's, in the target's units.
            if (std::isfinite(progress.validationForecastMae))
                m_curves->addPoint(m_trainingRun, QStringLiteral("validation MAE, target units"), step, progress.validationForecastMae);
            if (std::isfinite(progress.attentionOnDecidingSteps))  // known-answer tasks: attention against the truth
                m_curves->addPoint(m_trainingRun, QStringLiteral("validation attention on deciding steps"), step, progress.attentionOnDecidingSteps);
            if (std::isfinite(progress.persistenceMae))
                m_curves->addPoint(m_trainingRun, QStringLiteral("persistence MAE, target units"), step, progress.persistenceMae);
        } else {
            m_curves->addPoint(m_trainingRun, QStringLiteral("train loss"), step, progress.trainLoss);
            if (normalizedMetric)
                m_curves->addPoint(m_trainingRun, QStringLiteral("train ") + m_metricName, step, progress.trainMetric);
        }
        const int64_t total = progress.stepsPerEpoch * progress.epochs;
        if (total > 0) {
            m_progress->setRange(0, static_cast<int>(std::min<int64_t>(total, INT32_MAX)));
            m_progress->setValue(static_cast<int>(std::min<int64_t>(progress.step, INT32_MAX)));
        }
    });
    connect(job, &TrainingJob::attentionRecorded, m_timeline, &AttentionTimeline::addSnapshot);
    connect(job, &TrainingJob::finished, this, [this](const TrainingOutcome& outcome) {
        m_progress->hide();
        m_cancel->hide();
        showStatus(outcome.message);
        if (outcome.modelPath.isEmpty())
            return;
        m_trainedModel = outcome.modelPath;
        openModel(outcome.modelPath);  // the trained model joins the others, on the current input
        if (outcome.setup.isForecast()) {
            // A forecaster's input is the end of the series it learned from: its attention shows at once.
            m_input->loadSeries(outcome.setup.dataFile);  // read on a worker; a failure reaches loadFailed
        }
        evaluateSamples(outcome.modelPath, outcome.setup);  // the run's own data and split, not the panel's now
    });
    connect(m_training, &TrainingPanel::openModelRequested, this, &MainWindow::openModel);
    connect(m_training, &TrainingPanel::watchRunRequested, this, &MainWindow::watchRun);
}

void MainWindow::evaluateSamples(const QString& path, const TrainingSetup& setup)
{
    if (!setup.forecast.targetColumn.isEmpty())
        return;  // the sample browser scores classifiers and task data, not forecasts of a series file
    const SampleSource source = setup.dataFile.isEmpty() ? SampleSource::builtinTask(setup.task, setup.taskOptions)
                                                         : SampleSource::textFile(setup.dataFile);
    m_samples->evaluate(path, source.validationSplit());
}

void MainWindow::openModel(const QString& path)
{
    m_models->open(path);
    if (!path.startsWith(QDir::tempPath()))
        m_recent->add(path);
    showStatus(tr("Opening %1…").arg(QFileInfo(path).fileName()));
}

void MainWindow::watchRun(const QString& folder)
{
    if (!m_runWatcher->folder().isEmpty())
        m_runWatcher->stop();
    m_watchedRun = m_curves->addRun(QFileInfo(folder).fileName());
    const QString problem = m_runWatcher->watch(folder);
    if (!problem.isEmpty()) {
        showStatus(problem);
        return;
    }
    m_recent->add(folder);
    showStatus(tr("Watching %1").arg(folder));
}

void MainWindow::openPath(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        showStatus(tr("%1 no longer exists.").arg(path));
        return;
    }
    if (SessionFiles::isSessionFile(path))
        m_sessions->open(path);
    else if (isRunFolder(info))
        watchRun(path);
    else if (isModelFile(info))
        openModel(path);
    else if (info.isDir() || QStringList{QStringLiteral("csv"), QStringLiteral("tsv"), QStringLiteral("json"),
                                         QStringLiteral("jsonl"), QStringLiteral("txt")}
                                 .contains(info.suffix().toLower()))
        m_dataFiles->sniff(path);  // openDataFile follows
    else
        openModel(path);  // unknown extension: try it as a model, which explains what it is not
}

void MainWindow::openDataFile(const QString& path, DataFileKind kind)
{
    const QString name = QFileInfo(path).fileName();
    if (kind == DataFileKind::Series && m_models->takesSeries()) {
        m_input->loadSeries(path);
        showStatus(tr("Input: %1").arg(name));
    } else if (kind == DataFileKind::Series) {
        m_training->setSeriesFile(path);
        showStatus(tr("Training data: %1 (name the column to forecast, then Train ▸ Start)").arg(name));
    } else {
        m_training->setDataFile(path);
        showStatus(tr("Training data: %1 (Train ▸ Start)").arg(name));
    }
}

void MainWindow::prepareRestart(std::function<void(QStringList)> restart)
{
    if (m_models->count() == 0) {
        restart({QStringLiteral("--no-demo")});
        return;
    }
    // The whole screen, typed text included, in a session the new window opens; should it not
    // be written, the models' own files still come back.
    QStringList models;
    for (int i = 0; i < m_models->count(); ++i)
        models << m_models->summary(i).path;
    const QString session = QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).filePath(QStringLiteral("restart.assession"));
    QDir().mkpath(QFileInfo(session).absolutePath());
    m_sessions->save(session, [restart, session, models](bool saved) { restart(saved ? QStringList{session} : models); });
}

void MainWindow::openDemo()
{
    const BundledFile demo = demoModelFile();
    if (demo.path.isEmpty()) {
        showStatus(demo.error);
        return;
    }
    // Byte for byte the program's own model: no need to read it in a child process first.
    markModelFileChecked(demo.path);
    m_models->open(demo.path);
    if (m_input->text().isEmpty())
        m_input->setText(kDemoSentence);
}

void MainWindow::exportFigure(QWidget* figure, const QString& suggestedName)
{
    if (!figure) {
        showStatus(tr("There is no figure to export yet: open a model and type an input."));
        return;
    }
    FigureExportDialog dialog(naturalFigureSize(figure, 1200), QDir::home().filePath(suggestedName), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportResult result = studio::exportFigure(figure, dialog.path(), dialog.size());
    showStatus(result.ok() ? tr("Saved %1").arg(dialog.path()) : result.error);
}

void MainWindow::saveTrainedModel()
{
    if (m_trainedModel.isEmpty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Trained Model"),
                                                      QDir::home().filePath(QStringLiteral("model.asmodel")),
                                                      tr("Attention Studio models (*.asmodel)"));
    if (path.isEmpty())
        return;
    const ExportResult saved = copyFileReplacing(m_trainedModel, path);
    if (!saved.ok()) {
        showStatus(saved.error);
        return;
    }
    m_recent->add(path);
    showStatus(tr("Saved %1").arg(path));
}

void MainWindow::exportWeights()
{
    ModelResultView* view = m_comparison->modelView(0);
    if (!view || view->result().attention.isEmpty()) {
        showStatus(tr("There are no attention weights to export yet."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Weights"), QDir::home().filePath(QStringLiteral("attention.csv")),
                                                      tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    const AttentionMap& map = view->result().attention;
    const ExportResult result = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? exportWeightsJson(map, path)
                                                                                          : exportWeightsCsv(map, path);
    showStatus(result.ok() ? tr("Saved %1").arg(path) : result.error);
}

void MainWindow::exportCurves()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Curves"), QDir::home().filePath(QStringLiteral("curves.csv")),
                                                      tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_curves->toCsv()) < 0 || !file.commit()) {
        showStatus(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    showStatus(tr("Saved %1").arg(path));
}

void MainWindow::showStatus(const QString& message)
{
    statusBar()->showMessage(message, kStatusTimeoutMs);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_presentation->setOn(false);  // the layout saved is the working one, not the projector's
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    m_training->stop();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            openPath(url.toLocalFile());
    event->acceptProposedAction();
}

} // namespace studio
