#include "teaching/LessonPanel.h"

#include "runtime/TrainingJob.h"
#include "teaching/InsideAttentionPanel.h"
#include "training/TrainingPanel.h"
#include "window/BundledFiles.h"
#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/ModelResultView.h"
#include "window/MainWindow.h"
#include "window/OpenModels.h"

#include <QDockWidget>

#include <algorithm>
#include <QFileInfo>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace studio {

LessonPanel::LessonPanel(MainWindow* window)
    : QWidget(window)
    , m_window(window)
{
    m_list = new QListWidget(this);
    for (const Lesson& lesson : allLessons()) {
        auto* item = new QListWidgetItem(lesson.title, m_list);
        item->setData(Qt::UserRole, lesson.id);
        item->setToolTip(lesson.title);
    }
    // A narrow dock elides a long title (whole in its tooltip) rather than scrolling sideways.
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setMaximumHeight(m_list->sizeHintForRow(0) * (m_list->count() + 1) + 8);
    m_text = new QTextBrowser(this);
    m_text->setOpenExternalLinks(false);
    m_train = new QPushButton(tr("Train This Lesson's Model"), this);
    m_train->setToolTip(tr("The training panel takes the lesson's settings and data and trains with its seed; the model "
                           "then joins the others with the lesson's input"));
    m_train->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_train);
    m_text->setHtml(tr("<p>Choose a lesson. Each trains a small model with a fixed seed, so every learner gets the same "
                       "one, and says what it computes, what to watch and what it gets wrong. Five follow the Chinese "
                       "tutorials (000 to 004); one has a known answer.</p>"));

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item)
            show(item->data(Qt::UserRole).toString());
    });
    connect(m_train, &QPushButton::clicked, this, &LessonPanel::train);
    connect(window->training()->job(), &TrainingJob::finished, this, [this](const TrainingOutcome& outcome) {
        if (m_training && outcome.succeeded())
            m_trainedModel = outcome.modelPath;
        else
            m_training.reset();
    });
    connect(window->models(), &OpenModels::resultReady, this, &LessonPanel::markDecidingSteps);
    // Queued: the model's panel is made by the window's own handler of the same signal.
    connect(window->models(), &OpenModels::modelOpened, this,
            [this](int, const ModelSummary& summary) { modelJoined(summary.path); }, Qt::QueuedConnection);
}

void LessonPanel::addMenu(QMenuBar* bar)
{
    QMenu* menu = bar->addMenu(tr("&Lessons"));
    for (const Lesson& lesson : allLessons()) {
        const QString id = lesson.id;
        menu->addAction(lesson.title, this, [this, id] { present(id); });
    }
}

bool LessonPanel::present(const QString& id)
{
    if (auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("lessonsDock"))) {
        dock->show();
        dock->raise();
    }
    return show(id);
}

bool LessonPanel::show(const QString& id)
{
    const std::optional<Lesson> lesson = lessonById(id);
    if (!lesson)
        return false;
    m_lesson = lesson;
    m_train->setText(lesson->trainsModel ? tr("Train This Lesson's Model") : tr("Open This Lesson's Models"));
    m_text->setHtml(QStringLiteral("<h3>%1</h3>%2").arg(lesson->title.toHtmlEscaped(), lesson->html));
    m_train->setEnabled(true);
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(Qt::UserRole).toString() == id) {
            const QSignalBlocker block(m_list);
            m_list->setCurrentRow(row);
        }
    Q_EMIT lessonShown(id);
    return true;
}

void LessonPanel::showNeighbour(int delta)
{
    const QList<Lesson> lessons = allLessons();
    int current = -1;
    for (int i = 0; i < lessons.size(); ++i)
        if (m_lesson && lessons.at(i).id == m_lesson->id)
            current = i;
    const int next = std::clamp(current + delta, 0, static_cast<int>(lessons.size()) - 1);
    show(lessons.at(next).id);
}

void LessonPanel::train()
{
    if (!m_lesson)
        return;
    if (!m_lesson->trainsModel) {
        m_training = m_lesson;
        openModels();
        return;
    }
    TrainingSetup setup = m_lesson->setup;
    if (!setup.dataFile.isEmpty()) {
        const BundledFile data = bundledFile(setup.dataFile);
        if (data.path.isEmpty()) {
            Q_EMIT failed(data.error);
            return;
        }
        setup.dataFile = data.path;
    }
    m_dataFile = setup.dataFile;
    m_training = m_lesson;
    m_trainedModel.clear();
    TrainingPanel* panel = m_window->training();
    panel->applySetup(setup);
    panel->start();
}

void LessonPanel::openModels()
{
    if (!m_training->inputSeries.isEmpty()) {
        const BundledFile series = bundledFile(m_training->inputSeries);
        if (series.path.isEmpty()) {
            Q_EMIT failed(series.error);
            return;
        }
        m_dataFile = series.path;
    }
    QStringList paths;
    for (const QString& companion : m_training->companions) {
        const BundledFile file = bundledFile(companion);  // a sidecar the model reads beside itself
        if (file.path.isEmpty()) {
            Q_EMIT failed(file.error);
            return;
        }
    }
    for (const QString& model : m_training->models) {
        const BundledFile file = bundledFile(model);
        if (file.path.isEmpty()) {
            Q_EMIT failed(file.error);
            return;
        }
        paths << file.path;
    }
    m_pendingModels = paths;
    for (const QString& path : paths)
        m_window->openModel(path);
}

void LessonPanel::markDecidingSteps(int index, const InferenceResult& result)
{
    if (m_knownAnswerModel.isEmpty() || QFileInfo(m_window->models()->summary(index).path) != QFileInfo(m_knownAnswerModel))
        return;
    std::vector<bool> deciding;
    for (const QString& token : result.attention.tokens)
        deciding.push_back(m_decidingWords.contains(token));
    if (ModelResultView* view = m_window->comparison()->modelView(index))
        view->setDecidingSteps(std::move(deciding));
}

void LessonPanel::modelJoined(const QString& path)
{
    if (!m_training)
        return;
    if (!m_pendingModels.isEmpty()) {  // the lesson's own models, opening
        m_pendingModels.removeIf([&path](const QString& pending) { return QFileInfo(pending) == QFileInfo(path); });
        if (m_pendingModels.isEmpty())
            finishLesson();
        return;
    }
    if (m_trainedModel.isEmpty() || QFileInfo(path) != QFileInfo(m_trainedModel))
        return;
    if (m_training->knownAnswer) {
        m_knownAnswerModel = path;
        m_decidingWords = m_training->decidingWords;
    }
    if (m_training->models.isEmpty())
        finishLesson();
    else
        openModels();  // beside the trained model, the tutorial's own file as it writes it
}

void LessonPanel::finishLesson()
{
    const Lesson lesson = *m_training;
    m_training.reset();
    if (lesson.inputText.isEmpty())
        m_window->input()->loadSeries(m_dataFile);
    else
        m_window->input()->setText(lesson.inputText);
    if (lesson.trainsModel) {  // a trained native model has its numbers: show them, not another model's
        OpenModels* models = m_window->models();
        for (int index = 0; index < models->count(); ++index)
            if (QFileInfo(models->summary(index).path) == QFileInfo(m_trainedModel))
                m_window->insideAttention()->showModel(index);
        if (auto* inside = m_window->findChild<QDockWidget*>(QStringLiteral("insideDock")))
            inside->raise();
    }
    Q_EMIT lessonReady(lesson.id);
}

} // namespace studio
