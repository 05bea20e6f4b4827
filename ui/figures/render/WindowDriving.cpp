#include "WindowDriving.h"

#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/OpenModels.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QStringList>

namespace studio::render {

TrainingSetup benchTrainingSetup(int epochs)
{
    TrainingSetup setup;
    setup.task = QStringLiteral("keyword");
    setup.taskOptions.count = 300;
    setup.taskOptions.length = 12;
    setup.model.hiddenSize = 8;
    setup.model.embeddingDim = 8;
    setup.model.bidirectional = true;
    setup.training.epochs = epochs;
    setup.training.batchSize = 16;
    setup.training.learningRate = 0.003;
    return setup;
}

void typeKey(QWidget* editor, Qt::Key key, const QString& text)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
    QCoreApplication::sendEvent(editor, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, text);
    QCoreApplication::sendEvent(editor, &release);
}

void typeLongText(MainWindow& window)
{
    const QStringList vocabulary{QStringLiteral("the"), QStringLiteral("film"), QStringLiteral("was"), QStringLiteral("great")};
    QStringList words;
    for (int i = 0; i < kLongTextWords; ++i)
        words << vocabulary.at(i % vocabulary.size());
    window.input()->setText(words.join(QLatin1Char(' ')) + QLatin1Char(' '));
    waitFor(window.models(), &OpenModels::resultReady, QStringLiteral("The first answer to the typed text"));
    window.input()->editor()->moveCursor(QTextCursor::End);
}

void typeOrDelete(MainWindow& window, bool add)
{
    QPlainTextEdit* editor = window.input()->editor();
    if (add)
        typeKey(editor, Qt::Key_A, QStringLiteral("a"));
    else
        typeKey(editor, Qt::Key_Backspace, QString());
}

} // namespace studio::render
