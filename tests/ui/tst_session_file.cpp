// File ▸ Save Session / Open Session, driven as a teacher drives them (QT_QPA_PLATFORM=offscreen):
// a window with a model, a sentence, a chosen step, fixed colours and "Inside the Attention"
// open is saved to one file; the model file is then deleted, and a second window opens the
// session and shows the same screen (the model came inside the file). Files that are not
// sessions, of a newer version or damaged are refused with a sentence naming the file, and
// change nothing on screen; a save that fails leaves the file that was there whole.

#include "colour/ColorControls.h"
#include "colour/Colormap.h"
#include "teaching/InsideAttentionPanel.h"
#include "views/TokenAttentionPanel.h"
#include "views/TokenAttentionView.h"
#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "window/SessionFiles.h"
#include "teaching/LessonPanel.h"
#include "WindowTests.h"

#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 60'000;
const QString kSentence = QStringLiteral("a wonderful film with a terrible ending");

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class SessionFileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(studio::testing::startWindowTest(QStringLiteral(STUDIO_DEMO_MODEL)), STUDIO_DEMO_MODEL);
    }

    void aSavedSessionOpensTheSameScreenWithoutItsModelFile()
    {
        // The model from a folder of its own, deleted once the session is saved.
        const QString model = m_dir.filePath(QStringLiteral("lesson.asmodel"));
        QVERIFY(QFile::copy(QStringLiteral(STUDIO_DEMO_MODEL), model));
        const QString session = m_dir.filePath(QStringLiteral("lesson.assession"));
        {
            MainWindow window;
            window.show();
            QSignalSpy opened(window.models(), &OpenModels::modelOpened);
            window.openModel(model);
            QVERIFY(opened.wait(kTimeoutMs));
            window.findChild<QDockWidget*>(QStringLiteral("insideDock"))->raise();
            window.input()->setText(kSentence);
            QTRY_COMPARE_WITH_TIMEOUT(window.insideAttention()->trace().steps, int64_t{7}, kTimeoutMs);
            window.insideAttention()->setStep(3);
            ColorControls* colours = window.comparison()->modelView(0)->tokenPanel()->controls();
            colours->chooseColormap(ColormapId::Magma);
            colours->chooseColorRange(ColorRange::fixed(0.0, 1.0));

            QVERIFY(window.lessons()->show(QStringLiteral("tutorial-002")));
            window.input()->readStepsBox()->setValue(30);  // kept for the series a forecaster would read

            QSignalSpy saved(window.sessions(), &SessionFiles::saved);
            window.sessions()->save(session);
            QVERIFY(saved.wait(kTimeoutMs));
        }
        QVERIFY(QFile::remove(model));

        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openPath(session);  // as a double-click or the command line gives it
        QVERIFY(opened.wait(kTimeoutMs));
        QCOMPARE(window.models()->count(), 1);
        QCOMPARE(window.models()->summary(0).name, QStringLiteral("lesson.asmodel"));
        QCOMPARE(window.input()->text(), kSentence);
        InsideAttentionPanel* inside = window.insideAttention();
        QTRY_COMPARE_WITH_TIMEOUT(inside->trace().steps, int64_t{7}, kTimeoutMs);
        QVERIFY(window.models()->tracing());  // the view is open, as it was
        QCOMPARE(inside->step(), 3);
        ModelResultView* view = window.comparison()->modelView(0);
        QCOMPARE(view->tokenPanel()->view()->selectedStep(), 3);
        QCOMPARE(view->tokenPanel()->controls()->colormap(), ColormapId::Magma);
        QCOMPARE(view->tokenPanel()->controls()->colorRange(), ColorRange::fixed(0.0, 1.0));
        QCOMPARE(view->tokenPanel()->view()->valueBounds().upper, 1.0);  // the text is drawn with them
        QCOMPARE(view->tokenPanel()->view()->colormap(), ColormapId::Magma);
        QCOMPARE(view->result().attention.tokens.size(), qsizetype(7));
        QCOMPARE(window.lessons()->shownLesson()->id, QStringLiteral("tutorial-002"));
        QCOMPARE(window.input()->readStepsBox()->value(), 30);
    }

    void filesThatAreNotSessionsChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("\x89PNG garbage") << QStringLiteral("not a session file");
        QTest::newRow("other JSON") << QByteArray(R"({"models": []})") << QStringLiteral("not an Attention Studio session");
        QTest::newRow("newer version") << QByteArray(R"({"format": "attention-studio-session", "version": 99})")
                                       << QStringLiteral("version 99");
        QTest::newRow("damaged model")
            << QByteArray(R"({"format": "attention-studio-session", "version": 1, "models": [{"files": [{"name": "m.asmodel", "data": "@@@"}]}]})")
            << QStringLiteral("damaged");
        QTest::newRow("model without files")
            << QByteArray(R"({"format": "attention-studio-session", "version": 1, "models": [{"files": []}]})")
            << QStringLiteral("holds no file");
    }

    void filesThatAreNotSessionsChangeNothing()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("bad.assession"));
        write(path, bytes);
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(QStringLiteral(STUDIO_DEMO_MODEL));
        QVERIFY(opened.wait(kTimeoutMs));
        window.input()->setText(kSentence);

        QSignalSpy failed(window.sessions(), &SessionFiles::failed);
        window.sessions()->open(path);
        QVERIFY(failed.wait(kTimeoutMs));
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(path) && message.contains(expected), qPrintable(message));
        QCOMPARE(window.models()->count(), 1);  // the screen is as it was
        QCOMPARE(window.input()->text(), kSentence);
    }

    void aFailedSaveLeavesTheOldFileWhole()
    {
        const QString model = m_dir.filePath(QStringLiteral("gone.asmodel"));
        QVERIFY(QFile::copy(QStringLiteral(STUDIO_DEMO_MODEL), model));
        const QString session = m_dir.filePath(QStringLiteral("kept.assession"));
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(model);
        QVERIFY(opened.wait(kTimeoutMs));
        QSignalSpy saved(window.sessions(), &SessionFiles::saved);
        window.sessions()->save(session);
        QVERIFY(saved.wait(kTimeoutMs));
        const QByteArray before = contents(session);
        QVERIFY(QJsonDocument::fromJson(before).object().value(QStringLiteral("version")).toInt() == 1);

        // The model file is gone: the session cannot carry it, so it is not written at all.
        QVERIFY(QFile::remove(model));
        QSignalSpy failed(window.sessions(), &SessionFiles::failed);
        window.sessions()->save(session);
        QVERIFY(failed.wait(kTimeoutMs));
        QVERIFY2(failed.first().at(0).toString().contains(model), qPrintable(failed.first().at(0).toString()));
        QCOMPARE(contents(session), before);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(SessionFileTest)
#include "tst_session_file.moc"
