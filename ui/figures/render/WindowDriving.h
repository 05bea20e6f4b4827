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

// Listens for `signal` of `sender` from its construction on, so that a signal that comes while
// the caller still runs the event loop for something else (processEvents) is not missed; wait()
// runs the event loop until it has come, or throws after kStepTimeoutMs.
class SignalWaiter {
public:
    template <typename Sender, typename Signal>
    SignalWaiter(const Sender* sender, Signal signal, QString what)
        : m_what(std::move(what))
    {
        m_connection = QObject::connect(sender, signal, &m_loop, [this] {
            m_fired = true;
            if (m_loop.isRunning())  // quit() outside exec() would cut the caller's processEvents short
                m_loop.quit();
        });
    }
    ~SignalWaiter() { QObject::disconnect(m_connection); }
    SignalWaiter(const SignalWaiter&) = delete;
    SignalWaiter& operator=(const SignalWaiter&) = delete;

    void wait()
    {
        if (!m_fired) {
            QTimer::singleShot(kStepTimeoutMs, &m_loop, &QEventLoop::quit);
            m_loop.exec();
        }
        if (!m_fired)
            throw StudioError(QStringLiteral("%1 did not happen within %2 s.").arg(m_what).arg(kStepTimeoutMs / 1000));
    }

private:
    QString m_what;
    QEventLoop m_loop;
    QMetaObject::Connection m_connection;
    bool m_fired = false;
};

// Runs the event loop until `signal` of `sender` fires, or throws after kStepTimeoutMs.
template <typename Sender, typename Signal>
void waitFor(const Sender* sender, Signal signal, const QString& what)
{
    SignalWaiter(sender, signal, what).wait();
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
