#pragma once

// Driving the real window without a person, for the window benchmarks (bench --window, --soak):
// waiting for a signal with a limit, typing a key, the small training run both use, and the
// 512-token text both type at.

#include "common/StudioError.h"
#include "runtime/TrainingSetup.h"

#include <QEventLoop>
#include <QObject>
#include <QString>
#include <QTimer>

class QWidget;

namespace studio {
class MainWindow;
}

namespace studio::render {

constexpr int kStepTimeoutMs = 300'000;  // a step that takes longer has failed, not slowed down
constexpr int kLongTextWords = 511;      // plus the one typed and deleted: 512 tokens

// Runs the event loop until `signal` of `sender` fires, or throws after kStepTimeoutMs.
template <typename Sender, typename Signal>
void waitFor(const Sender* sender, Signal signal, const QString& what)
{
    QEventLoop loop;
    bool fired = false;
    QObject::connect(sender, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(kStepTimeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (!fired)
        throw StudioError(QStringLiteral("%1 did not happen within %2 s.").arg(what).arg(kStepTimeoutMs / 1000));
}

// A bidirectional LSTM with attention on the keyword task, small enough to train in seconds.
TrainingSetup benchTrainingSetup(int epochs);

// Sends a key press and release to `editor`, as typing would.
void typeKey(QWidget* editor, Qt::Key key, const QString& text);

// Puts a text of kLongTextWords words (and a trailing space) into the window's input, waits for
// the open models' first answer, and leaves the cursor at its end.
void typeLongText(MainWindow& window);

// Types a letter when `add`, else deletes one: every keystroke changes the input.
void typeOrDelete(MainWindow& window, bool add);

} // namespace studio::render
