// View ▸ Presentation Mode, driven as a presenter drives it (QT_QPA_PLATFORM=offscreen): F11 hides
// the chrome and the training docks, enlarges the type and the curves' lines and fixes the
// weights' colours to [0, 1]; Page Down / Page Up and → / ← move the step in every view (but not
// while typing), Ctrl+Page Down moves the timeline; Escape puts everything back as it was.

#include "colour/ColorControls.h"
#include "teaching/InsideAttentionPanel.h"
#include "training/CurvesView.h"
#include "views/TokenAttentionPanel.h"
#include "views/TokenAttentionView.h"
#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "window/PresentationMode.h"
#include "teaching/LessonPanel.h"
#include "teaching/Lessons.h"
#include "WindowTests.h"

#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 60'000;

} // namespace

class PresentationModeTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(studio::testing::startWindowTest(QStringLiteral(STUDIO_DEMO_MODEL)), STUDIO_DEMO_MODEL);
    }

    void theProjectorViewAndBack()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(QStringLiteral(STUDIO_DEMO_MODEL));
        QVERIFY(opened.wait(kTimeoutMs));
        QSignalSpy answered(window.models(), &OpenModels::resultReady);
        window.input()->setText(QStringLiteral("a wonderful film with a terrible ending"));
        QVERIFY(answered.wait(kTimeoutMs));
        QTRY_VERIFY(window.comparison()->modelView(0) != nullptr);
        ColorControls* colours = window.comparison()->modelView(0)->tokenPanel()->controls();
        QVERIFY(colours->colorRange().isAutomatic());
        const double fontSize = QApplication::font().pointSizeF();
        auto* models = window.comparison()->findChild<QSplitter*>(QStringLiteral("modelPanels"));
        QVERIFY(models != nullptr);
        const int modelsHeight = models->minimumHeight();
        auto* training = window.findChild<QDockWidget*>(QStringLiteral("trainingDock"));
        QVERIFY(training->isVisible());

        // F11, as the presenter presses it (the menu bar is about to be hidden: the window has the shortcut).
        QTest::keyClick(&window, Qt::Key_F11);
        PresentationMode* mode = window.presentation();
        QVERIFY(mode->isOn());
        QVERIFY(!window.menuBar()->isVisible());
        QVERIFY(!window.statusBar()->isVisible());
        QVERIFY(!training->isVisible());
        QCOMPARE(QApplication::font().pointSizeF(), fontSize * PresentationMode::kScale);
        QVERIFY(window.curves()->lineScale() > 1.0);
        // The models side by side need more height in larger type: the page grows rather than
        // squeezing their words.
        QTRY_VERIFY2(models->minimumHeight() > modelsHeight,
                     qPrintable(QStringLiteral("%1 → %2").arg(modelsHeight).arg(models->minimumHeight())));
        QCOMPARE(colours->colorRange(), ColorRange::fixed(0.0, 1.0));
        TokenAttentionView* text = window.comparison()->modelView(0)->tokenPanel()->view();
        QCOMPARE(text->valueBounds().lower, 0.0);  // the text is coloured on [0, 1], not on its own range
        QCOMPARE(text->valueBounds().upper, 1.0);

        // The clicker's keys step through the input in every view.
        window.comparison()->setFocus();
        QTest::keyClick(window.comparison(), Qt::Key_PageDown);
        QTest::keyClick(window.comparison(), Qt::Key_PageDown);
        QCOMPARE(window.insideAttention()->step(), 2);
        QCOMPARE(text->selectedStep(), 2);
        QTest::keyClick(window.comparison(), Qt::Key_Left);
        QCOMPARE(text->selectedStep(), 1);
        QTest::keyClick(window.comparison(), Qt::Key_PageUp);
        QTest::keyClick(window.comparison(), Qt::Key_PageUp);  // not before the first step
        QCOMPARE(text->selectedStep(), 0);
        // Alt+Page Down / Up: the lessons, one after another.
        QTest::keyClick(window.comparison(), Qt::Key_PageDown, Qt::AltModifier);
        QCOMPARE(window.lessons()->shownLesson()->id, allLessons().at(0).id);
        QTest::keyClick(window.comparison(), Qt::Key_PageDown, Qt::AltModifier);
        QCOMPARE(window.lessons()->shownLesson()->id, allLessons().at(1).id);
        QTest::keyClick(window.comparison(), Qt::Key_PageUp, Qt::AltModifier);
        QCOMPARE(window.lessons()->shownLesson()->id, allLessons().at(0).id);
        QCOMPARE(text->selectedStep(), 0);  // the step stays
        // While typing, the arrows move the cursor, not the step.
        QPlainTextEdit* editor = window.input()->editor();
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_Right);
        QCOMPARE(text->selectedStep(), 0);

        // Escape puts the window back as it was.
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!mode->isOn());
        QVERIFY(window.menuBar()->isVisible());
        QVERIFY(window.statusBar()->isVisible());
        QTRY_VERIFY(training->isVisible());
        QCOMPARE(QApplication::font().pointSizeF(), fontSize);
        QCOMPARE(window.curves()->lineScale(), 1.0);
        QVERIFY(colours->colorRange().isAutomatic());
        QVERIFY(text->valueBounds().upper < 1.0);  // its own range again (the largest weight)
    }
};

QTEST_MAIN(PresentationModeTest)
#include "tst_presentation_mode.moc"
