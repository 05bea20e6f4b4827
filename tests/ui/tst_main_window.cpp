// The main window opens with the application's name and can be closed from its menu.

#include "MainWindow.h"

#include <QMenuBar>
#include <QtTest/QtTest>

class MainWindowTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void opensWithTheAppName()
    {
        studio::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Attention Studio"));
        QVERIFY(!window.menuBar()->actions().isEmpty());
        window.close();
        QVERIFY(!window.isVisible());
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
