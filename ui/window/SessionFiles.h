#pragma once

// File ▸ Open Session… / Save Session As…: the window's screen in one file (io/SessionFile), for
// a teacher to hand out. Saving gathers the screen's values on the GUI thread and writes the
// file, models inside, on a worker; opening reads it on the worker, then puts the screen back:
// the models (with their choices), the input, the colours, the layout, and, once the answers
// have come, the chosen step in every view and in "Inside the Attention". A file that cannot be
// read changes nothing on screen.

#include "io/SessionFile.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QMenu;

namespace studio {

class BackgroundQueue;
class MainWindow;

class SessionFiles : public QObject {
    Q_OBJECT
public:
    explicit SessionFiles(MainWindow* window);
    ~SessionFiles() override;

    // Adds Open Session… and Save Session As… to `menu`.
    void addActions(QMenu* menu);

    // The screen as it is now, as a session would hold it.
    SavedSession capture() const;
    // Both return at once; saved/opened or failed follow (and `done`, with whether it was saved).
    void save(const QString& path, std::function<void(bool saved)> done = {});
    void open(const QString& path);

    static bool isSessionFile(const QString& path);

Q_SIGNALS:
    void saved(const QString& path);
    void opened(const QString& path);  // the models are opening; the step follows their answers
    void failed(const QString& message);

private:
    void restore(const SavedSession& session);
    void restoreModelChoices(int index, const ModelSummary& summary);
    void restoreStep();

    MainWindow* m_window;
    std::unique_ptr<BackgroundQueue> m_queue;
    std::optional<SavedSession> m_restoring;  // until the step is put back
};

} // namespace studio
