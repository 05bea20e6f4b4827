#include "window/SessionFiles.h"

#include "colour/ColorControls.h"
#include "colour/Colormap.h"
#include "common/StudioError.h"
#include "runtime/BackgroundQueue.h"
#include "session/ModelSession.h"
#include "teaching/InsideAttentionPanel.h"
#include "teaching/LessonPanel.h"
#include "views/AttentionMatrixView.h"
#include "views/SeriesAttentionView.h"
#include "views/TokenAttentionPanel.h"
#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardPaths>

namespace studio {
namespace {

const QString kSuffix = QStringLiteral("assession");

QDockWidget* insideDock(MainWindow* window)
{
    return window->findChild<QDockWidget*>(QStringLiteral("insideDock"));
}

// Every colour control of a model's panel: its text (which drives its one-row heatmap), matrix
// and series views.
QList<ColorControls*> colourControls(ModelResultView* view)
{
    return {view->tokenPanel()->controls(), view->matrixView()->controls(), view->seriesView()->controls()};
}

} // namespace

SessionFiles::SessionFiles(MainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_queue(std::make_unique<BackgroundQueue>(QStringLiteral("session files")))
{
    // Queued: the model's panel is made by the window's own handler of the same signal.
    connect(window->models(), &OpenModels::modelOpened, this, &SessionFiles::restoreModelChoices, Qt::QueuedConnection);
    connect(window->models(), &OpenModels::resultReady, this, [this] { restoreStep(); });
}

SessionFiles::~SessionFiles() = default;

bool SessionFiles::isSessionFile(const QString& path)
{
    return QFileInfo(path).suffix().compare(kSuffix, Qt::CaseInsensitive) == 0;
}

void SessionFiles::addActions(QMenu* menu)
{
    menu->addAction(tr("Open Sess&ion…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Session"), QString(),
                                                          tr("Attention Studio sessions (*.assession)"));
        if (!path.isEmpty())
            open(path);
    });
    QAction* saveAction = menu->addAction(tr("Save Session &As…"), this, [this] {
        QString path = QFileDialog::getSaveFileName(m_window, tr("Save Session"), QString(),
                                                    tr("Attention Studio sessions (*.assession)"));
        if (path.isEmpty())
            return;
        if (!isSessionFile(path))
            path += QLatin1Char('.') + kSuffix;
        save(path);
    });
    saveAction->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    saveAction->setToolTip(tr("One file with the open models, the input, the chosen step and the view: open it to get this screen back"));
}

SavedSession SessionFiles::capture() const
{
    SavedSession session;
    OpenModels* models = m_window->models();
    for (int i = 0; i < models->count(); ++i)
        session.models.push_back({models->summary(i).path, models->candidate(i), models->layout(i), models->formula(i)});
    session.seriesPath = m_window->input()->seriesPath();
    if (session.seriesPath.isEmpty())
        session.text = m_window->input()->text();
    session.readSteps = m_window->input()->readStepsBox()->value();
    session.step = m_window->insideAttention()->step();
    if (ModelResultView* view = m_window->comparison()->modelView(0)) {
        const ColorControls* controls = view->tokenPanel()->controls();
        session.colormap = Colormap::key(controls->colormap());
        const ColorRange range = controls->colorRange();
        session.automaticRange = range.isAutomatic();
        session.rangeLower = range.fixedLower();
        session.rangeUpper = range.fixedUpper();
    }
    session.insideOpen = models->tracing();  // the models trace exactly while the view is on screen
    session.insideModel = std::max(0, m_window->insideAttention()->shownModel());
    if (const std::optional<Lesson>& lesson = m_window->lessons()->shownLesson())
        session.lesson = lesson->id;
    session.windowState = m_window->saveState();
    return session;
}

void SessionFiles::save(const QString& path, std::function<void(bool)> done)
{
    struct Outcome {
        QString error;
    };
    m_queue->post(
        [path, session = capture()] {
            Outcome outcome;
            try {
                writeSessionFile(path, session);
            } catch (const StudioError& error) {
                outcome.error = error.message();
            }
            return outcome;
        },
        [this, path, done](const Outcome& outcome) {
            if (outcome.error.isEmpty())
                Q_EMIT saved(path);
            else
                Q_EMIT failed(outcome.error);
            if (done)
                done(outcome.error.isEmpty());
        });
}

void SessionFiles::open(const QString& path)
{
    struct Outcome {
        std::optional<SavedSession> session;
        QString error;
    };
    const QString folder = QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).filePath(QStringLiteral("sessions"));
    m_queue->post(
        [path, folder] {
            Outcome outcome;
            try {
                outcome.session = readSessionFile(path, folder);
            } catch (const StudioError& error) {
                outcome.error = error.message();
            }
            return outcome;
        },
        [this, path](const Outcome& outcome) {
            if (!outcome.session) {
                Q_EMIT failed(outcome.error);
                return;
            }
            restore(*outcome.session);
            Q_EMIT opened(path);
        });
}

void SessionFiles::restore(const SavedSession& session)
{
    OpenModels* models = m_window->models();
    models->closeAll();
    if (!session.windowState.isEmpty())
        m_window->restoreState(session.windowState);
    if (QDockWidget* dock = insideDock(m_window); dock && session.insideOpen) {
        dock->show();
        dock->raise();
    }
    m_restoring = session;
    if (!session.lesson.isEmpty())
        m_window->lessons()->show(session.lesson);  // an unknown id (a newer version's lesson) is left out
    // The input first: each model is sent the current input as soon as it has opened.
    {
        const QSignalBlocker quiet(m_window->input()->readStepsBox());  // sent with the series it belongs to
        m_window->input()->readStepsBox()->setValue(session.readSteps);
    }
    if (!session.seriesPath.isEmpty())
        m_window->input()->loadSeries(session.seriesPath);
    else
        m_window->input()->setText(session.text);
    for (const SessionModel& model : session.models) {
        SessionOptions options;
        options.formula = model.formula;
        models->open(model.path, options);
    }
}

void SessionFiles::restoreModelChoices(int index, const ModelSummary& summary)
{
    if (!m_restoring)
        return;
    for (const SessionModel& model : m_restoring->models) {
        if (QFileInfo(model.path) != QFileInfo(summary.path))
            continue;
        OpenModels* models = m_window->models();
        if (model.candidate >= 0)
            models->setCandidate(index, model.candidate);
        if (model.layout != SequenceLayout::Auto)
            models->setLayout(index, model.layout);
    }
    if (ModelResultView* view = m_window->comparison()->modelView(index)) {
        const std::optional<ColormapId> colormap = Colormap::fromKey(m_restoring->colormap);
        const ColorRange range = m_restoring->automaticRange ? ColorRange::automatic()
                                                             : ColorRange::fixed(m_restoring->rangeLower, m_restoring->rangeUpper);
        for (ColorControls* controls : colourControls(view)) {
            if (colormap)
                controls->chooseColormap(*colormap);
            controls->chooseColorRange(range);
        }
    }
    if (index == m_restoring->insideModel)
        m_window->insideAttention()->showModel(index);
}

void SessionFiles::restoreStep()
{
    if (!m_restoring)
        return;
    // Each answer may be the first with the numbers of the step-through view: the step is put
    // back until every model of the session has opened and answered.
    m_window->insideAttention()->setStep(m_restoring->step);
    m_window->comparison()->setSelectedStep(m_restoring->step);
    OpenModels* models = m_window->models();
    bool allAnswered = models->count() == static_cast<int>(m_restoring->models.size());
    for (int i = 0; i < models->count() && allAnswered; ++i)
        allAnswered = !models->result(i).prediction.empty() && (!m_restoring->insideOpen || !models->result(i).trace.isEmpty()
                                                                || models->summary(i).format != ModelFormat::Native);
    if (allAnswered)
        m_restoring.reset();
}

} // namespace studio
