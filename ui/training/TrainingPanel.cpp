#include "training/TrainingPanel.h"

#include "training/DistributedTrainingDialog.h"
#include "window/DataPreviewDialog.h"
#include "window/InterruptedRunBar.h"
#include "common/StudioError.h"
#include "language/UiLanguage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

namespace studio {
namespace {

// The task box's item data: a built-in task's name, or one of these two.
const QString kTextFile = QStringLiteral("text file");
const QString kSeriesFile = QStringLiteral("series file");

// Names the person reads for the identifiers the command line uses (--task, --cell; the attention
// variants' names are core's, model/ModelConfig);
// an identifier without one is shown as it is.
const char* const kChoices[] = {
    QT_TRANSLATE_NOOP("studio::TrainingPanel", "keyword"),
    QT_TRANSLATE_NOOP("studio::TrainingPanel", "spike"),
    QT_TRANSLATE_NOOP("studio::TrainingPanel", "adding"),
    QT_TRANSLATE_NOOP("studio::TrainingPanel", "text file"),
    QT_TRANSLATE_NOOP("studio::TrainingPanel", "series file"),
    QT_TRANSLATE_NOOP("studio::TrainingPanel", "lstm"),
    QT_TRANSLATE_NOOP("studio::TrainingPanel", "gru"),
};

QString shownChoice(const QString& identifier) { return shownIdentifier(identifier, "studio::TrainingPanel", kChoices); }

void addChoices(QComboBox* box, const QStringList& identifiers)
{
    for (const QString& identifier : identifiers)
        box->addItem(shownChoice(identifier), identifier);
}

QString chosen(const QComboBox* box) { return box->currentData().toString(); }

void choose(QComboBox* box, const QString& identifier)
{
    const int index = box->findData(identifier);
    if (index >= 0)
        box->setCurrentIndex(index);
}

QSpinBox* spin(QWidget* parent, int minimum, int maximum, int value)
{
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent)
    , m_job(new TrainingJob(this))
{
    // Data
    m_task = new QComboBox(this);
    for (const TaskInfo& task : builtinTasks())
        addChoices(m_task, {task.name});
    addChoices(m_task, {kTextFile, kSeriesFile});
    m_dataFile = new QLineEdit(this);
    m_dataFile->setPlaceholderText(tr("CSV, TSV, JSON, JSONL or a folder per class"));
    auto* browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_dataFile, 1);
    fileRow->addWidget(browse);
    m_count = spin(this, 50, 1'000'000, 2000);
    m_length = spin(this, 4, 2000, 20);
    m_neutral = new QCheckBox(tr("Neutral class (both classes need the deciding step)"), this);
    m_target = new QLineEdit(this);
    m_target->setPlaceholderText(tr("column to forecast"));
    m_inputs = new QLineEdit(this);
    m_inputs->setPlaceholderText(tr("input columns, comma separated (default: the target)"));
    m_window = spin(this, 2, 10'000, 24);
    m_window->setToolTip(tr("Past steps each forecast sees: the steps the attention spreads over."));
    m_horizon = spin(this, 1, 10'000, 1);
    auto* data = new QGroupBox(tr("Data"), this);
    auto* dataForm = new QFormLayout(data);
    dataForm->addRow(tr("Task"), m_task);
    dataForm->addRow(tr("File"), fileRow);
    dataForm->addRow(tr("Examples"), m_count);
    dataForm->addRow(tr("Length"), m_length);
    dataForm->addRow(m_neutral);
    dataForm->addRow(tr("Target"), m_target);
    dataForm->addRow(tr("Inputs"), m_inputs);
    dataForm->addRow(tr("Window"), m_window);
    dataForm->addRow(tr("Horizon"), m_horizon);

    // Model
    m_attention = new QComboBox(this);
    for (const QString& identifier : allAttentionNames()) {
        AttentionKind kind{};
        parseAttentionKind(identifier, &kind);
        m_attention->addItem(shownName(kind), identifier);
    }
    m_cell = new QComboBox(this);
    addChoices(m_cell, {QStringLiteral("lstm"), QStringLiteral("gru")});
    m_hidden = spin(this, 1, 4096, 32);
    m_embedding = spin(this, 1, 4096, 32);
    m_layers = spin(this, 1, 8, 1);
    m_dropout = new QDoubleSpinBox(this);
    m_dropout->setRange(0.0, 0.9);
    m_dropout->setSingleStep(0.1);
    m_bidirectional = new QCheckBox(tr("Bidirectional"), this);
    m_bidirectional->setChecked(true);
    auto* model = new QGroupBox(tr("Model"), this);
    auto* modelForm = new QFormLayout(model);
    modelForm->addRow(tr("Attention"), m_attention);
    modelForm->addRow(tr("Cell"), m_cell);
    modelForm->addRow(tr("Hidden units"), m_hidden);
    modelForm->addRow(tr("Embedding"), m_embedding);
    modelForm->addRow(tr("Layers"), m_layers);
    modelForm->addRow(tr("Dropout"), m_dropout);
    modelForm->addRow(m_bidirectional);

    // Training
    m_epochs = spin(this, 1, 10'000, 10);
    m_batch = spin(this, 1, 4096, 32);
    m_learningRate = new QDoubleSpinBox(this);
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(1e-5, 1.0);
    m_learningRate->setSingleStep(1e-4);
    m_learningRate->setValue(3e-3);
    m_seed = spin(this, 0, 1'000'000, 1);
    m_threads = spin(this, 0, kMaximumTrainingThreads, 0);
    m_threads->setSpecialValueText(tr("one per core"));
    m_threads->setToolTip(tr("Copies of the model that each train on a share of every batch, one thread each. "
                             "The same seed and threads give the same run, bit for bit."));
    m_probeSteps = spin(this, 0, 1'000'000, 0);
    m_probeSteps->setSpecialValueText(tr("each epoch"));
    m_probeSteps->setToolTip(tr("Record the probes' attention every N steps (0: at the end of each epoch)."));
    auto* training = new QGroupBox(tr("Training"), this);
    auto* trainingForm = new QFormLayout(training);
    trainingForm->addRow(tr("Epochs"), m_epochs);
    trainingForm->addRow(tr("Batch size"), m_batch);
    trainingForm->addRow(tr("Learning rate"), m_learningRate);
    trainingForm->addRow(tr("Seed"), m_seed);
    trainingForm->addRow(tr("Threads"), m_threads);
    trainingForm->addRow(tr("Attention every"), m_probeSteps);

    m_start = new QPushButton(tr("Start"), this);
    m_start->setToolTip(tr("Start training (F5)"));
    m_pause = new QPushButton(tr("Pause"), this);
    m_stop = new QPushButton(tr("Stop"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    m_distributed = new QPushButton(tr("Train with torchrun…"), this);
    m_distributed->setToolTip(tr("Train these settings on several processes or machines with PyTorch (torchrun)."));
    buttons->addWidget(m_distributed);
    m_progress = new QProgressBar(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_runsFolder = new QLabel(this);
    m_runsFolder->setWordWrap(true);
    m_runsFolder->setToolTip(tr("Each run keeps its model file here, saved after every epoch."));
    m_interrupted = new InterruptedRunBar(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_interrupted);
    layout->addWidget(data);
    layout->addWidget(model);
    layout->addWidget(training);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_runsFolder);
    layout->addStretch(1);
    showRunsFolder();

    connect(browse, &QToolButton::clicked, this, [this] {
        const bool series = chosen(m_task) == kSeriesFile;
        const QString path = QFileDialog::getOpenFileName(this, tr("Training Data"), QString(),
                                                          series ? tr("Series (*.csv *.tsv *.txt)")
                                                                 : tr("Text data (*.csv *.tsv *.json *.jsonl *.txt)"));
        if (path.isEmpty())
            return;
        if (series)
            m_dataFile->setText(path);  // the columns are named below; the series view shows the data
        else
            chooseDataFile(path);
    });
    connect(m_task, &QComboBox::currentIndexChanged, this, [this] { updateButtons(); });
    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainingPanel::togglePause);
    connect(m_stop, &QPushButton::clicked, this, &TrainingPanel::stop);
    connect(m_distributed, &QPushButton::clicked, this, &TrainingPanel::openDistributedDialog);
    connect(m_job, &TrainingJob::progress, this, &TrainingPanel::onProgress);
    connect(m_job, &TrainingJob::importProgress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? static_cast<int>(1000 * done / total) : 0);
        m_status->setText(tr("Reading the data: %1 of %2 MB…").arg(done >> 20).arg(total >> 20));
    });
    connect(m_job, &TrainingJob::finished, this, [this](const TrainingOutcome& outcome) {
        if (outcome.succeeded())
            m_progress->setValue(m_progress->maximum());  // step reports in between are merged
        m_status->setText(outcome.message.isEmpty() ? tr("Finished.") : outcome.message);
        updateButtons();
    });
    connect(m_runsFolder, &QLabel::linkActivated, this, [this] {
        const QString folder = m_job->runsFolder();
        QDir().mkpath(folder);  // before the first run it may not exist yet
        QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
    });
    connect(m_job, &TrainingJob::interruptedRunsFound, m_interrupted, &InterruptedRunBar::setRuns);
    connect(m_interrupted, &InterruptedRunBar::resumeRequested, this, &TrainingPanel::continueRun);
    connect(m_interrupted, &InterruptedRunBar::openRequested, this, [this](const TrainingRunRecord& run) {
        applySetup(run.setup);
        Q_EMIT openModelRequested(run.modelPath());
    });
    connect(m_interrupted, &InterruptedRunBar::dismissed, this, [this](TrainingRunRecord run) {
        run.running = false;
        run.status = TrainingStatus::Cancelled;
        run.message = tr("Interrupted after epoch %1; not resumed.").arg(run.epochsCompleted);
        try {
            writeRunRecord(run);
        } catch (const StudioError& error) {
            m_status->setText(error.message());
        }
    });
    updateButtons();
    m_job->findInterruptedRuns();  // the answer comes back as interruptedRunsFound
}

TrainingSetup TrainingPanel::setup() const
{
    TrainingSetup setup;
    const bool series = chosen(m_task) == kSeriesFile;
    const bool file = chosen(m_task) == kTextFile || series;
    setup.task = file ? QString() : chosen(m_task);
    setup.dataFile = file ? m_dataFile->text() : QString();
    if (series) {
        setup.forecast.targetColumn = m_target->text().trimmed();
        for (const QString& column : m_inputs->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            setup.forecast.inputColumns << column.trimmed();
        setup.forecast.window = m_window->value();
        setup.forecast.horizon = m_horizon->value();
    }
    setup.taskOptions.count = m_count->value();
    setup.taskOptions.length = m_length->value();
    setup.taskOptions.seed = static_cast<uint64_t>(m_seed->value());
    setup.taskOptions.neutralClass = m_neutral->isChecked() && chosen(m_task) != QLatin1String("adding");
    parseAttentionKind(chosen(m_attention), &setup.model.attention);
    parseRecurrentCell(chosen(m_cell), &setup.model.cell);
    setup.model.hiddenSize = m_hidden->value();
    setup.model.embeddingDim = m_embedding->value();
    setup.model.layers = m_layers->value();
    setup.model.dropout = m_dropout->value();
    setup.model.bidirectional = m_bidirectional->isChecked();
    setup.training.epochs = m_epochs->value();
    setup.training.batchSize = m_batch->value();
    setup.training.learningRate = m_learningRate->value();
    setup.training.seed = static_cast<uint64_t>(m_seed->value());
    setup.training.threads = m_threads->value();
    setup.probeEverySteps = m_probeSteps->value();
    if (file && setup.dataFile == m_classNamesFile)
        setup.classNames = m_classNames;
    return setup;
}

void TrainingPanel::applySetup(const TrainingSetup& setup)
{
    if (!setup.forecast.targetColumn.isEmpty()) {
        choose(m_task, kSeriesFile);
        m_dataFile->setText(setup.dataFile);
        m_target->setText(setup.forecast.targetColumn);
        m_inputs->setText(setup.forecast.inputColumns.join(QStringLiteral(", ")));
        m_window->setValue(setup.forecast.window);
        m_horizon->setValue(setup.forecast.horizon);
    } else if (!setup.dataFile.isEmpty()) {
        setDataFile(setup.dataFile);
    } else {
        choose(m_task, setup.task);
    }
    m_count->setValue(setup.taskOptions.count);
    m_length->setValue(setup.taskOptions.length);
    m_neutral->setChecked(setup.taskOptions.neutralClass);
    choose(m_attention, toString(setup.model.attention));
    choose(m_cell, toString(setup.model.cell));
    m_hidden->setValue(setup.model.hiddenSize);
    m_embedding->setValue(setup.model.embeddingDim);
    m_layers->setValue(setup.model.layers);
    m_dropout->setValue(setup.model.dropout);
    m_bidirectional->setChecked(setup.model.bidirectional);
    m_epochs->setValue(setup.training.epochs);
    m_batch->setValue(setup.training.batchSize);
    m_learningRate->setValue(setup.training.learningRate);
    m_seed->setValue(static_cast<int>(setup.training.seed));
    m_threads->setValue(setup.training.threads);
    m_probeSteps->setValue(setup.probeEverySteps);
    m_classNames = setup.classNames;
    m_classNamesFile = setup.dataFile;
    updateButtons();
}

void TrainingPanel::chooseDataFile(const QString& path)
{
    DataPreviewDialog dialog(path, this);
    if (dialog.exec() == QDialog::Accepted)
        setDataFile(path);
}

void TrainingPanel::setTask(const QString& task)
{
    choose(m_task, task);
}

void TrainingPanel::setDataFile(const QString& path)
{
    m_dataFile->setText(path);
    choose(m_task, kTextFile);
}

void TrainingPanel::setSeriesFile(const QString& path)
{
    m_dataFile->setText(path);
    choose(m_task, kSeriesFile);
}

void TrainingPanel::start()
{
    const TrainingSetup settings = setup();
    if (settings.task.isEmpty() && settings.dataFile.isEmpty()) {
        m_status->setText(tr("Choose a file to train on, or a built-in task."));
        return;
    }
    if (chosen(m_task) == kSeriesFile && settings.forecast.targetColumn.isEmpty()) {
        m_status->setText(tr("Name the column to forecast (Target)."));
        return;
    }
    const QString problem = settings.training.validate();
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        return;
    }
    if (!m_job->start(settings))
        return;
    // Named by data, variant and number, as its folder and model file are.
    const QString name = m_job->runName();
    m_progress->setRange(0, 0);  // busy until the first report says how many steps there are
    m_status->setText(tr("Preparing %1…").arg(name));
    Q_EMIT runStarted(name);
    updateButtons();
}

void TrainingPanel::continueRun(const TrainingRunRecord& run)
{
    applySetup(run.setup);  // the form shows what the run trains with
    if (!m_job->continueRun(run))
        return;
    m_progress->setRange(0, 0);
    m_status->setText(tr("Resuming %1 after epoch %2…").arg(run.name).arg(run.epochsCompleted));
    Q_EMIT runStarted(run.name);
    updateButtons();
}

void TrainingPanel::showRunsFolder()
{
    const QString folder = m_job->runsFolder();
    m_runsFolder->setText(tr("Runs: <a href=\"%1\">%2</a>")
                              .arg(QUrl::fromLocalFile(folder).toString(), QDir::toNativeSeparators(folder).toHtmlEscaped()));
}

void TrainingPanel::togglePause()
{
    if (!m_job->isRunning())
        return;
    if (m_job->isPaused())
        m_job->resume();
    else
        m_job->pause();
    updateButtons();
}

void TrainingPanel::stop()
{
    if (m_job->isRunning()) {
        m_job->stop();
        m_status->setText(tr("Stopping after the current step…"));
    }
}

void TrainingPanel::updateButtons()
{
    const bool running = m_job->isRunning();
    m_start->setEnabled(!running);
    m_pause->setEnabled(running);
    m_stop->setEnabled(running);
    m_pause->setText(running && m_job->isPaused() ? tr("Resume") : tr("Pause"));
    const bool series = chosen(m_task) == kSeriesFile;
    const bool file = chosen(m_task) == kTextFile || series;
    m_dataFile->setEnabled(file);
    m_count->setEnabled(!file);
    m_length->setEnabled(!file);
    // What does not apply to the data is disabled: an embedding only for tokens, the neutral class
    // only for the tasks that have one.
    const TaskInfo* task = file ? nullptr : findBuiltinTask(chosen(m_task));
    m_neutral->setEnabled(task && task->neutralClass);
    m_embedding->setEnabled(chosen(m_task) == kTextFile || (task && task->input == InputKind::Tokens));
    for (QWidget* field : std::initializer_list<QWidget*>{m_target, m_inputs, m_window, m_horizon})
        field->setEnabled(series);
}

void TrainingPanel::onProgress(const TrainingProgress& progress)
{
    const int64_t total = progress.stepsPerEpoch * progress.epochs;
    if (total > 0) {
        m_progress->setRange(0, static_cast<int>(std::min<int64_t>(total, INT32_MAX)));
        m_progress->setValue(static_cast<int>(std::min<int64_t>(progress.step, INT32_MAX)));
    }
    QString text = tr("Epoch %1/%2 · step %3 · loss %4").arg(progress.epoch).arg(progress.epochs).arg(progress.step)
                       .arg(progress.trainLoss, 0, 'f', 4);
    if (std::isfinite(progress.validationLoss))
        text += tr(" · validation loss %1").arg(progress.validationLoss, 0, 'f', 4);
    m_status->setText(text);
}

void TrainingPanel::openDistributedDialog()
{
    const TrainingSetup current = setup();
    // A folder of its own: train_ddp.py appends to a metrics file it finds, and a second run would
    // mix its curve into the first's.
    const QString base = QDir(m_job->runsFolder()).filePath(runBaseName(current) + QStringLiteral("-torchrun"));
    QString folder = base;
    for (int n = 2; QFileInfo::exists(folder); ++n)
        folder = base + QLatin1Char('-') + QString::number(n);
    auto* dialog = new DistributedTrainingDialog(current, folder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DistributedTrainingDialog::watchRequested, this, &TrainingPanel::watchRunRequested);
    dialog->open();
}

} // namespace studio
