#pragma once

// The Lessons dock and menu: the list of lessons (the start page the window can open on, with
// `--lesson ID`), the chosen one's text in the window's language, and "Train This Lesson's Model":
// the training panel takes the lesson's settings and data (copied out of the program), trains
// with the lesson's seed, and when the model has joined the others the lesson's input is typed
// (or its series loaded) and "Inside the Attention" is raised.

#include "common/ValueTypes.h"
#include "teaching/Lessons.h"

#include <QWidget>

#include <optional>

class QListWidget;
class QMenuBar;
class QPushButton;
class QTextBrowser;

namespace studio {

class MainWindow;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(MainWindow* window);

    // The Lessons menu: one entry per lesson, each showing it here.
    void addMenu(QMenuBar* bar);

    // Shows lesson `id` in the panel (false: no such lesson).
    bool show(const QString& id);
    // The same, with the Lessons dock raised (the menu, the command line's --lesson).
    bool present(const QString& id);
    // Shows the lesson `delta` places after the one shown (before it, for a negative delta).
    void showNeighbour(int delta);
    // Trains the lesson shown (or opens its models); lessonReady follows once its model (or all of
    // them) has joined and has its input.
    void train();

    const std::optional<Lesson>& shownLesson() const { return m_lesson; }
    QListWidget* lessonList() const { return m_list; }
    QTextBrowser* text() const { return m_text; }
    QPushButton* trainButton() const { return m_train; }

Q_SIGNALS:
    void lessonShown(const QString& id);
    void lessonReady(const QString& id);
    void failed(const QString& message);

private:
    void openModels();
    void modelJoined(const QString& path);
    void finishLesson();
    void markDecidingSteps(int index, const InferenceResult& result);

    MainWindow* m_window;
    QListWidget* m_list = nullptr;
    QTextBrowser* m_text = nullptr;
    QPushButton* m_train = nullptr;
    std::optional<Lesson> m_lesson;
    std::optional<Lesson> m_training;  // the lesson whose model is training, until it has joined
    QString m_trainedModel;            // that model's file, once its run has finished
    QString m_dataFile;                // the lesson's data, copied out of the program
    QStringList m_pendingModels;       // a lesson's models still opening
    // A known-answer lesson's model, whose texts get their deciding words marked.
    QString m_knownAnswerModel;
    QStringList m_decidingWords;
};

} // namespace studio
