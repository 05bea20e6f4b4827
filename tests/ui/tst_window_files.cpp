// Files given to the window are read off the GUI thread and go where a person expects: a series
// loaded into the input box is parsed on a worker (the call returns before the series arrives;
// an overtaken load is dropped; quoted cells are one cell each), a numeric series named after a
// model on the command line becomes that model's input, other data files become training data
// as their content says, and the data preview's reader thread is joined when the dialog goes.

#include "window/ComparisonView.h"
#include "window/DataPreviewDialog.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "training/TrainingPanel.h"
#include "runtime/TrainingJob.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 120'000;
const QString kSunspots = QStringLiteral(STUDIO_RESOURCES_DIR "/data/series/sunspots.csv");

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

InferenceRequest lastRequest(const QSignalSpy& spy)
{
    return spy.isEmpty() ? InferenceRequest{} : spy.last().at(0).value<InferenceRequest>();
}

// The training panel's choice of data: "text file", "series file" or a built-in task.
QString trainingDataKind(const TrainingPanel* panel)
{
    for (const QComboBox* box : panel->findChildren<QComboBox*>())
        if (box->findData(QStringLiteral("series file")) >= 0)
            return box->currentData().toString();
    return {};
}

} // namespace

class WindowFilesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // no saved window state or settings of the user's
        qRegisterMetaType<studio::InferenceRequest>();
        QVERIFY(m_dir.isValid());
    }

    void seriesIsReadOffTheGuiThread()
    {
        InputPanel panel;
        QSignalSpy loaded(&panel, &InputPanel::seriesLoaded);
        QSignalSpy input(&panel, &InputPanel::inputChanged);
        const QString path = writeFile(m_dir, QStringLiteral("quoted.csv"),
                                       "date,\"temp, \u00B0C\",rain\n2020-01-01,1.5,0\n2020-01-02,2.5,\"1\"\n");
        panel.loadSeries(path);
        QCOMPARE(loaded.count(), 0);  // returned before the file was parsed
        QCOMPARE(input.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(input.count(), 1, kTimeoutMs);
        QCOMPARE(loaded.count(), 1);
        const InferenceRequest request = lastRequest(input);
        QCOMPARE(request.features, 2);
        QCOMPARE(request.featureNames, (QStringList{QStringLiteral("temp, \u00B0C"), QStringLiteral("rain")}));
        QCOMPARE(request.series, (std::vector<float>{1.5f, 0.0f, 2.5f, 1.0f}));
    }

    // Two loads asked for in a row: the first one's result is dropped, whichever finishes first.
    void anOvertakenLoadIsDropped()
    {
        InputPanel panel;
        QSignalSpy input(&panel, &InputPanel::inputChanged);
        QSignalSpy failed(&panel, &InputPanel::loadFailed);
        panel.loadSeries(m_dir.filePath(QStringLiteral("absent.csv")));
        panel.loadSeries(writeFile(m_dir, QStringLiteral("one.csv"), "x\n0.5\n0.25\n"));
        QTRY_COMPARE_WITH_TIMEOUT(input.count(), 1, kTimeoutMs);
        // Results come back in order: the overtaken one was delivered first and dropped.
        QCOMPARE(failed.count(), 0);
        QCOMPARE(lastRequest(input).series, (std::vector<float>{0.5f, 0.25f}));

        panel.loadSeries(m_dir.filePath(QStringLiteral("absent.csv")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("absent.csv")), qPrintable(failed.first().at(0).toString()));
    }

    // `attention-studio forecaster.asmodel sunspots.csv`: the series is the model's input, though
    // the model is still opening when the file is named.
    void aSeriesNamedAfterAModelIsItsInput()
    {
        const QString model = trainForecaster();
        QVERIFY(!model.isEmpty());
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openPath(model);
        window.openPath(kSunspots);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kTimeoutMs);
        ModelResultView* view = window.comparison()->modelView(0);
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(!view->result().forecast.empty(), kTimeoutMs);
        QCOMPARE(view->result().attention.shape, std::vector<int64_t>{10});
        QVERIFY(window.training()->setup().dataFile.isEmpty());  // not taken for training data
    }

    // Without a model that reads a series, data files are training data of the kind they hold.
    void dataFilesAreTrainingDataOfTheirKind()
    {
        MainWindow window;
        QSignalSpy input(window.input(), &InputPanel::inputChanged);
        window.openPath(kSunspots);
        QTRY_COMPARE_WITH_TIMEOUT(window.training()->setup().dataFile, kSunspots, kTimeoutMs);
        QCOMPARE(trainingDataKind(window.training()), QStringLiteral("series file"));

        const QString reviews = writeFile(m_dir, QStringLiteral("reviews.csv"),
                                          "text,label\n\"a great film, truly\",1\n\"dull, and long\",0\n");
        window.openPath(reviews);
        QTRY_COMPARE_WITH_TIMEOUT(window.training()->setup().dataFile, reviews, kTimeoutMs);
        QCOMPARE(trainingDataKind(window.training()), QStringLiteral("text file"));
        QCOMPARE(input.count(), 0);
    }

    // The dialog goes while its reader is busy with a large file: the reader is cancelled and
    // joined (a QThread deleted while it runs would abort the program).
    void thePreviewsReaderIsJoined()
    {
        QByteArray rows("text,label\n");
        const QByteArray row("\"a long review of a film, with commas, that goes on and on and on\",1\n");
        while (rows.size() < (8 << 20))
            rows += row;
        const QString big = writeFile(m_dir, QStringLiteral("big.csv"), rows);
        auto* dialog = new DataPreviewDialog(big);
        QSignalSpy loaded(dialog, &DataPreviewDialog::loaded);
        QPointer<QThread> reader(dialog->reader());
        QVERIFY(reader);
        delete dialog;
        QVERIFY(reader.isNull());
        QCoreApplication::processEvents();  // a result posted before the join finds no dialog
        QCOMPARE(loaded.count(), 0);
    }

private:
    QString trainForecaster()
    {
        TrainingJob job;
        QSignalSpy finished(&job, &TrainingJob::finished);
        TrainingSetup setup;
        setup.dataFile = kSunspots;
        setup.forecast.targetColumn = QStringLiteral("SUNACTIVITY");
        setup.forecast.window = 10;
        setup.model.hiddenSize = 8;
        setup.training.epochs = 1;
        setup.training.batchSize = 16;
        setup.checkpointPath = m_dir.filePath(QStringLiteral("sunspots.asmodel"));
        if (!job.start(setup) || !QTest::qWaitFor([&] { return !finished.isEmpty(); }, kTimeoutMs))
            return {};
        return QFileInfo::exists(setup.checkpointPath) ? setup.checkpointPath : QString();
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(WindowFilesTest)
#include "tst_window_files.moc"
