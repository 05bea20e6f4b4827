// The window, driven as a person drives it (QT_QPA_PLATFORM=offscreen): typing updates every
// open model's heatmap, keystrokes that arrive while a model runs are merged into one run of the
// newest text, a short training run grows the curves and the attention timeline and then joins
// the models side by side, files dropped on the window open, figures export in each format.
// While the window types and trains, no torch operator runs on the GUI thread (the models and the
// training run on their workers). Timings (event-loop stall, keystroke latency) are measured by
// `attention-cli bench --window`, not here (docs/BENCHMARKS.md). Set STUDIO_SCREENSHOT_DIR to save
// what the window looks like.

#include "training/AttentionTimeline.h"
#include "window/ComparisonView.h"
#include "window/DataPreviewDialog.h"
#include "training/CurvesView.h"
#include "figures/FigureExport.h"
#include "window/InputPanel.h"
#include "analysis/RankAgreement.h"
#include "common/AttentionSteps.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "samples/SampleBrowser.h"
#include "samples/SampleTableModel.h"
#include "views/TokenAttentionPanel.h"
#include "training/TrainingPanel.h"
#include "training/DistributedTrainingDialog.h"
#include "RunGate.h"
#include "TorchOpsOnThread.h"
#include "window/FileCopy.h"
#include "window/InterruptedRunBar.h"
#include "KilledRun.h"
#include "TestFiles.h"
#include "runtime/TrainingJob.h"
#include "runtime/TrainingRunFolder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <qcustomplot.h>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTableWidgetItem>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <cmath>
#include <set>

using namespace studio;
using studio::testing::RunGate;
using studio::testing::TorchOpsOnThread;

namespace {

constexpr int kTimeoutMs = 120'000;

TrainingSetup tinyRun(int epochs, const QString& attention = QStringLiteral("additive"))
{
    TrainingSetup setup;
    setup.task = QStringLiteral("keyword");
    setup.taskOptions.count = 300;
    setup.taskOptions.length = 12;
    parseAttentionKind(attention, &setup.model.attention);
    setup.model.hiddenSize = 8;
    setup.model.embeddingDim = 8;
    setup.model.bidirectional = true;
    setup.training.epochs = epochs;
    setup.training.batchSize = 16;
    setup.training.learningRate = 0.003;
    return setup;
}

// Trains a model without the window (the same worker the window uses) and returns its file.
QString trainModel(const QString& path, const QString& attention)
{
    TrainingJob job;
    QSignalSpy finished(&job, &TrainingJob::finished);
    TrainingSetup setup = tinyRun(2, attention);
    setup.checkpointPath = path;
    job.start(setup);
    if (!finished.wait(kTimeoutMs) && finished.isEmpty())
        return {};
    return finished.first().at(0).value<TrainingOutcome>().modelPath;
}

void screenshot(QWidget* window, const QString& name)
{
    const QString dir = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window->grab().save(QDir(dir).filePath(name));
}

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("Attention Studio Tests"));
        // The window keeps its geometry and recent files in QSettings and the demo model in the
        // cache: both must be the test folders.
        QVERIFY2(QSettings().fileName().contains(QLatin1String("/.qttest/")), qPrintable(QSettings().fileName()));
        QVERIFY(QStandardPaths::writableLocation(QStandardPaths::CacheLocation).contains(QLatin1String("/.qttest/")));
        QVERIFY(QDir(defaultRunsFolder()).removeRecursively());  // the runs folder empty at the start
        m_additive = trainModel(m_dir.filePath(QStringLiteral("additive.asmodel")), QStringLiteral("additive"));
        m_dot = trainModel(m_dir.filePath(QStringLiteral("dot.asmodel")), QStringLiteral("dot"));
        QVERIFY(!m_additive.isEmpty() && !m_dot.isEmpty());
    }

    void opensWithTheAppName()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Attention Studio"));
        QVERIFY(window.menuBar()->actions().size() >= 4);
    }

    void typingUpdatesTheHeatmap()
    {
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(m_additive);
        QVERIFY(opened.wait(kTimeoutMs));
        const TorchOpsOnThread guiThreadOps;

        QTest::keyClicks(window.input()->editor(), QStringLiteral("the film"));
        ModelResultView* view = window.comparison()->modelView(0);
        QTRY_COMPARE_WITH_TIMEOUT(view->result().attention.tokens, QStringList({QStringLiteral("the"), QStringLiteral("film")}),
                                  kTimeoutMs);
        QCOMPARE(view->result().attention.values.size(), size_t(2));
        const std::vector<float> before = view->result().attention.values;

        QTest::keyClicks(window.input()->editor(), QStringLiteral(" was great"));
        QTRY_COMPARE_WITH_TIMEOUT(view->result().attention.values.size(), size_t(4), kTimeoutMs);
        QVERIFY(view->result().attention.values != before);
        QVERIFY(!view->result().label.isEmpty());
        // The model ran on its worker: not one torch operator on the GUI thread.
        QVERIFY2(guiThreadOps.count() == 0, guiThreadOps.firstOperator().c_str());
        screenshot(&window, QStringLiteral("window-typing.png"));
    }

    // Keystrokes that arrive while the model runs are not queued: when the run ends, its answer
    // (already out of date) is not shown, and the newest text runs once. The model's worker is held
    // at the start of each run (RunGate) so the keystrokes surely arrive during it.
    void keystrokesDuringARunAreMerged()
    {
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(m_additive);
        QVERIFY(opened.wait(kTimeoutMs));
        QSignalSpy results(window.models(), &OpenModels::resultReady);
        RunGate gate;

        QPlainTextEdit* editor = window.input()->editor();
        QTest::keyClicks(editor, QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(gate.arrivals(), 1, kTimeoutMs);  // "a" is running
        QTest::keyClicks(editor, QStringLiteral(" dull plot"));  // 10 keystrokes during the run
        gate.letOneRunGo();
        QTRY_COMPARE_WITH_TIMEOUT(gate.arrivals(), 2, kTimeoutMs);  // the next run has started
        QCOMPARE(results.count(), 0);  // the answer for "a" came back after newer text: not shown
        QCOMPARE(gate.runs(), QStringList({QStringLiteral("a"), QStringLiteral("a dull plot")}));
        gate.letOneRunGo();
        QTRY_COMPARE_WITH_TIMEOUT(results.count(), 1, kTimeoutMs);
        ModelResultView* view = window.comparison()->modelView(0);
        QCOMPARE(view->result().attention.tokens, QStringList({QStringLiteral("a"), QStringLiteral("dull"), QStringLiteral("plot")}));
        QCOMPARE(gate.arrivals(), 2);  // 11 keystrokes, 2 runs, 1 answer shown
    }

    void trainingGrowsCurvesAndTimeline()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.training()->applySetup(tinyRun(3));
        QSignalSpy finished(window.training()->job(), &TrainingJob::finished);
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        // Training, scoring the samples and opening the trained model all run on workers.
        const TorchOpsOnThread guiThreadOps;

        // The curve's size at each progress report, read after the window drew it (connected after
        // the window's own handler): it grows report by report, not once at the end, however fast the run.
        std::vector<int> pointsAtReports;
        connect(window.training()->job(), &TrainingJob::progress, &window, [&] {
            pointsAtReports.push_back(window.curves()->pointCount(0, QStringLiteral("train loss")));
        });
        QTest::mouseClick(window.training()->startButton(), Qt::LeftButton);
        // Counted, not waited for: a fast run may have finished (and its model opened) already.
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeoutMs);
        window.curves()->flush();

        QCOMPARE(toString(finished.first().at(0).value<TrainingOutcome>().status), toString(TrainingStatus::Completed));
        QVERIFY(!pointsAtReports.empty() && pointsAtReports.front() > 0);
        QVERIFY2(std::set<int>(pointsAtReports.begin(), pointsAtReports.end()).size() >= 3,  // it grew, epoch by epoch at least
                 qPrintable(QString::number(pointsAtReports.size())));
        QCOMPARE(window.curves()->pointCount(0, QStringLiteral("validation loss")), 3);  // one per epoch
        QCOMPARE(window.curves()->drawnPoints(0, QStringLiteral("validation loss")).size(), size_t(3));
        QCOMPARE(window.timeline()->snapshotCount(), 4);  // before training and after each epoch
        QCOMPARE(window.timeline()->currentSnapshot(), 3);  // it followed the newest
        window.timeline()->showSnapshot(0);
        QCOMPARE(window.timeline()->currentSnapshot(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), kTimeoutMs);  // the trained model joins the models side by side
        QCOMPARE(window.models()->count(), 1);
        // ... and its validation examples are scored in the sample browser: 20% of 300.
        QTRY_COMPARE_WITH_TIMEOUT(window.samples()->samples()->rowCount(), 60, kTimeoutMs);
        QVERIFY2(guiThreadOps.count() == 0, guiThreadOps.firstOperator().c_str());
        window.timeline()->showSnapshot(3);
        screenshot(&window, QStringLiteral("window-training.png"));
    }

    void smoothingIsAnExponentialMovingAverage()
    {
        CurvesView curves;
        const int run = curves.addRun(QStringLiteral("r"));
        for (int step = 1; step <= 4; ++step)
            curves.addPoint(run, QStringLiteral("train loss"), step, step % 2 ? 1.0 : 0.0);
        curves.setSmoothing(0.5);
        curves.flush();
        const std::vector<QPointF> drawn = curves.drawnPoints(run, QStringLiteral("train loss"));
        QCOMPARE(drawn.size(), size_t(4));
        QCOMPARE(drawn[0].y(), 1.0);  // debiased: starts at the data
        QCOMPARE(drawn[1].y(), (0.5 * 0.5) / (1 - 0.25));  // (0.5·1·0.5 + 0.5·0) / (1 − 0.5²)
        curves.setSmoothing(0.0);
        curves.flush();
        QCOMPARE(curves.drawnPoints(run, QStringLiteral("train loss"))[1].y(), 0.0);
        // Hovering a point reads it out; far from every point, nothing.
        curves.resize(600, 400);
        curves.show();
        QVERIFY(QTest::qWaitForWindowExposed(&curves));
        curves.plot()->replot();
        const QPointF pixel = curves.plot()->graph(1)->coordsToPixels(2, 0.0);  // graph 1: the drawn curve
        QVERIFY2(curves.readOut(pixel.toPoint()).contains(QStringLiteral("at step 2")), qPrintable(curves.readOut(pixel.toPoint())));
        QVERIFY(curves.readOut(QPoint(1, 1)).isEmpty());
        QVERIFY(curves.toCsv().startsWith("run,metric,step,value\n"));
        QCOMPARE(curves.toCsv().count('\n'), 5);
    }

    void modelsSideBySide()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(m_additive);
        window.openModel(m_dot);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, kTimeoutMs);
        window.input()->setText(QStringLiteral("a great film with a dull plot"));
        QTRY_VERIFY_WITH_TIMEOUT(window.comparison()->modelView(0)->result().attention.values.size() == 7
                                     && window.comparison()->modelView(1)->result().attention.values.size() == 7,
                                 kTimeoutMs);
        QCOMPARE(window.comparison()->modelCount(), 2);
        QCOMPARE(window.comparison()->predictionTable()->rowCount(), 2);
        QVERIFY(!window.comparison()->predictionTable()->item(1, 1)->text().isEmpty());
        screenshot(&window, QStringLiteral("window-compare.png"));
        // The two attentions' agreement under the difference (issue 13): τ as the two results give it.
        const double tau = kendallTauB(weightPerStep(window.comparison()->modelView(0)->result().attention),
                                       weightPerStep(window.comparison()->modelView(1)->result().attention));
        QTRY_VERIFY_WITH_TIMEOUT(window.comparison()->agreementNote()->text().contains(QString::number(tau, 'f', 2)), kTimeoutMs);
        QVERIFY2(window.comparison()->agreementNote()->text().contains(QStringLiteral("Jensen")),
                 qPrintable(window.comparison()->agreementNote()->text()));

        // The figure on screen exports in every format.
        QWidget* figure = window.comparison()->currentFigure();
        QVERIFY(figure);
        for (const QString& name : {QStringLiteral("f.png"), QStringLiteral("f.svg"), QStringLiteral("f.pdf")}) {
            const QString path = m_dir.filePath(name);
            const ExportResult result = exportFigure(figure, path, FigureSize{900, 300, 1.0});
            QVERIFY2(result.ok(), qPrintable(result.error));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            if (name.endsWith(QLatin1String("png")))
                QCOMPARE(QImage::fromData(bytes).size(), QSize(900, 300));
            else if (name.endsWith(QLatin1String("svg")))
                QVERIFY(bytes.contains("<svg"));
            else
                QVERIFY(bytes.startsWith("%PDF"));
        }

        window.models()->close(0);
        QCOMPARE(window.comparison()->modelCount(), 1);
    }

    // A run folder from examples/pytorch/train_ddp.py: lines appended while it is watched become
    // points on the same curves as the window's own training.
    void watchedRunFolderGrowsCurves()
    {
        MainWindow window;
        window.show();
        QTemporaryDir run;
        const QString metrics = QDir(run.path()).filePath(QStringLiteral("metrics.jsonl"));
        const auto append = [&metrics](const QByteArray& lines) {
            QFile file(metrics);
            QVERIFY(file.open(QIODevice::Append));
            file.write(lines);
        };
        append("{\"step\": 1, \"epoch\": 1, \"train_loss\": 0.7, \"samples_per_second\": 900}\n"
               "{\"step\": 2, \"epoch\": 1, \"train_loss\": 0.6}\n");
        window.watchRun(run.path());
        QTRY_COMPARE_WITH_TIMEOUT(window.curves()->pointCount(0, QStringLiteral("train loss")), 2, kTimeoutMs);
        QCOMPARE(window.curves()->pointCount(0, QStringLiteral("samples per second")), 0);  // not a curve
        append("{\"step\": 3, \"epoch\": 1, \"train_loss\": 0.5}\n"
               "{\"step\": 3, \"epoch\": 1, \"validation_loss\": 0.55, \"epoch_end\": true}\n");
        QTRY_COMPARE_WITH_TIMEOUT(window.curves()->pointCount(0, QStringLiteral("train loss")), 3, kTimeoutMs);
        QCOMPARE(window.curves()->pointCount(0, QStringLiteral("validation loss")), 1);
    }

    // "Train with torchrun…": the panel's settings go into the setup file the command reads, the
    // command follows the dialog's choices, and watching shows the run folder's curves.
    void torchrunDialogWritesTheSetupAndWatchesTheRun()
    {
        MainWindow window;
        window.show();
        TrainingSetup setup = tinyRun(4, QStringLiteral("dot"));
        setup.model.cell = RecurrentCell::Gru;
        window.training()->applySetup(setup);
        QTest::mouseClick(window.training()->distributedButton(), Qt::LeftButton);
        auto* dialog = window.training()->findChild<DistributedTrainingDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->command().contains(QStringLiteral("--nproc_per_node 2")));
        dialog->processesBox()->setValue(3);
        QVERIFY2(dialog->commandView()->toPlainText().contains(QStringLiteral("--nproc_per_node 3")),
                 qPrintable(dialog->commandView()->toPlainText()));
        QVERIFY(dialog->command().contains(QStringLiteral("--standalone")));
        dialog->machinesBox()->setValue(2);
        QVERIFY(dialog->command().contains(QStringLiteral("--nnodes 2")));
        QVERIFY(!dialog->command().contains(QStringLiteral("--standalone")));

        QTemporaryDir runs;
        const QString folder = QDir(runs.path()).filePath(QStringLiteral("kw-torchrun"));
        for (QLineEdit* edit : dialog->findChildren<QLineEdit*>())
            if (edit->text().endsWith(QStringLiteral("-torchrun")))
                edit->setText(folder);
        QVERIFY(dialog->command().contains(folder));
        QTest::mouseClick(dialog->watchButton(), Qt::LeftButton);
        QFile written(QDir(folder).filePath(QStringLiteral("setup.json")));
        QVERIFY2(written.open(QIODevice::ReadOnly), qPrintable(dialog->statusLabel()->text()));
        const TrainingSetup back = TrainingSetup::fromJson(QJsonDocument::fromJson(written.readAll()).object());
        QVERIFY(back.model.cell == RecurrentCell::Gru);
        QVERIFY(back.model.attention == AttentionKind::Dot);
        QCOMPARE(back.training.epochs, 4);
        // The window watches the folder: a metrics line the run writes becomes a point.
        QFile metrics(QDir(folder).filePath(QStringLiteral("metrics.jsonl")));
        QVERIFY(metrics.open(QIODevice::WriteOnly));
        metrics.write("{\"step\": 1, \"epoch\": 1, \"train_loss\": 0.7}\n");
        metrics.close();
        const int run = window.curves()->runCount() - 1;
        QTRY_COMPARE_WITH_TIMEOUT(window.curves()->pointCount(run, QStringLiteral("train loss")), 1, kTimeoutMs);
    }

    // Before training on a file: its first records, labels and tokens, read off the GUI thread.
    void dataPreviewShowsRecordsAndTokens()
    {
        DataPreviewDialog good(QStringLiteral(STUDIO_RESOURCES_DIR "/data/sentiment/imdb.json"));
        QSignalSpy loaded(&good, &DataPreviewDialog::loaded);
        QVERIFY(loaded.wait(kTimeoutMs));
        QVERIFY2(good.preview().error.isEmpty(), qPrintable(good.preview().error));
        QCOMPARE(good.table()->rowCount(), 50);
        QCOMPARE(good.preview().labels.size(), 2);
        const DataPreviewRow& first = good.preview().rows.front();
        QVERIFY(!first.tokens.isEmpty());
        QCOMPARE(good.table()->item(0, 3)->text(), first.tokens.join(QStringLiteral(" | ")));
        QVERIFY(first.text.toLower().startsWith(first.tokens.first()));

        const QString missing = m_dir.filePath(QStringLiteral("missing.csv"));
        DataPreviewDialog bad(missing);
        QSignalSpy badLoaded(&bad, &DataPreviewDialog::loaded);
        QVERIFY(badLoaded.wait(kTimeoutMs));
        QVERIFY2(bad.preview().error.contains(QStringLiteral("missing.csv")), qPrintable(bad.preview().error));
        QCOMPARE(bad.table()->rowCount(), 0);
    }

    // A forecaster on a series file like its training file (time column included): the window reads
    // the model's columns by name and its last W rows, as `attention-cli infer` does, and gives
    // the same forecast in the target's units.
    void seriesForecastMatchesTheCli()
    {
        TrainingJob job;
        QSignalSpy finished(&job, &TrainingJob::finished);
        TrainingSetup setup = tinyRun(1);
        const QString csv = QStringLiteral(STUDIO_RESOURCES_DIR "/data/series/sunspots.csv");
        setup.dataFile = csv;
        setup.forecast.targetColumn = QStringLiteral("SUNACTIVITY");
        setup.forecast.window = 10;
        setup.checkpointPath = m_dir.filePath(QStringLiteral("sunspots.asmodel"));
        job.start(setup);
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(toString(finished.first().at(0).value<TrainingOutcome>().status), toString(TrainingStatus::Completed));

        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(setup.checkpointPath);
        QVERIFY(opened.wait(kTimeoutMs));
        window.input()->loadSeries(csv);  // read on a worker: the forecast below follows
        ModelResultView* view = window.comparison()->modelView(0);
        QTRY_VERIFY_WITH_TIMEOUT(!view->result().forecast.empty(), kTimeoutMs);
        QCOMPARE(view->result().attention.shape, std::vector<int64_t>{10});
        window.resize(1500, 950);
        screenshot(&window, QStringLiteral("window-series.png"));

        QProcess cli;
        cli.start(QStringLiteral(ATTENTION_CLI_PATH), {QStringLiteral("infer"), QStringLiteral("--model"), setup.checkpointPath,
                                                       QStringLiteral("--series"), csv, QStringLiteral("--format"),
                                                       QStringLiteral("json")});
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        const double expected = json.value(QStringLiteral("forecast")).toArray().at(0).toDouble();
        QVERIFY2(std::abs(view->result().forecast.front() - expected) < 1e-4,
                 qPrintable(QStringLiteral("%1 vs %2").arg(view->result().forecast.front()).arg(expected)));
    }

    void droppedFilesOpen()
    {
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_additive)});
        // As the platform delivers a drag: it enters, then it is dropped.
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(opened.wait(kTimeoutMs));

        // A file that is not a model: the window says so and keeps running.
        QSignalSpy failed(window.models(), &OpenModels::openFailed);
        const QString text = m_dir.filePath(QStringLiteral("notes.pt"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a model");
        file.close();
        window.openPath(text);
        QVERIFY(failed.wait(kTimeoutMs));
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("notes.pt")));
        QCOMPARE(window.models()->count(), 1);
    }

    // Settings edited while a run trains must not change how its samples are scored: the sample
    // browser splits the run's own data (300 examples: 60 for validation), not the form's.
    void windowRunScoresItsOwnSamples()
    {
        MainWindow window;
        window.show();
        window.training()->applySetup(tinyRun(1));
        QSignalSpy finished(window.training()->job(), &TrainingJob::finished);
        QTest::mouseClick(window.training()->startButton(), Qt::LeftButton);
        TrainingSetup edited = tinyRun(1);
        edited.taskOptions.count = 500;  // would be 100 validation examples
        window.training()->applySetup(edited);
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(finished.first().at(0).value<TrainingOutcome>().setup.taskOptions.count, 300);
        QTRY_COMPARE_WITH_TIMEOUT(window.samples()->samples()->rowCount(), 60, kTimeoutMs);
    }

    // A forecaster trained in the window on a series file: named after its data and variant, its
    // probes by their years, its curves beside the persistence forecast's, and, once trained, its
    // attention on the end of the series it learned from, with nothing loaded by hand.
    void windowForecasterShowsItsSeries()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        TrainingSetup setup = tinyRun(2);
        setup.dataFile = QStringLiteral(STUDIO_RESOURCES_DIR "/data/series/sunspots.csv");
        setup.forecast.targetColumn = QStringLiteral("SUNACTIVITY");
        setup.forecast.window = 10;
        window.training()->applySetup(setup);
        QSignalSpy finished(window.training()->job(), &TrainingJob::finished);
        QTest::mouseClick(window.training()->startButton(), Qt::LeftButton);
        QVERIFY(finished.wait(kTimeoutMs));
        const auto outcome = finished.first().at(0).value<TrainingOutcome>();
        QVERIFY2(outcome.status == TrainingStatus::Completed, qPrintable(outcome.message));
        const QRegularExpression named(QStringLiteral("^sunspots-additive-\\d+\\.asmodel$"));
        QVERIFY2(named.match(QFileInfo(outcome.modelPath).fileName()).hasMatch(), qPrintable(outcome.modelPath));
        QVERIFY(outcome.modelPath.startsWith(defaultRunsFolder()));
        QVERIFY(window.curves()->toCsv().contains("\nsunspots-additive-"));  // the curves' run, named as its folder

        ModelResultView* view = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((view = window.comparison()->modelView(0)) && !view->result().forecast.empty(), kTimeoutMs);
        QCOMPARE(view->result().attention.shape, std::vector<int64_t>{10});

        // Probes by the years their windows cover.
        const QRegularExpression years(QStringLiteral("^\\d{4} – \\d{4}$"));
        QVERIFY(window.timeline()->probeChooser()->count() > 0);
        QVERIFY2(years.match(window.timeline()->probeChooser()->itemText(0)).hasMatch(),
                 qPrintable(window.timeline()->probeChooser()->itemText(0)));

        // The model's validation error beside the persistence forecast's, in sunspot numbers.
        window.curves()->flush();
        const QString model = QStringLiteral("validation MAE, target units");
        const QString persistence = QStringLiteral("persistence MAE, target units");
        QCOMPARE(window.curves()->pointCount(0, model), 2);
        QCOMPARE(window.curves()->pointCount(0, persistence), 2);
        QCOMPARE(window.curves()->pointCount(0, QStringLiteral("validation MAE")), 0);  // no second scale on the axis
        const std::vector<QPointF> naive = window.curves()->drawnPoints(0, persistence);
        QVERIFY(naive.front().y() > 1.0);  // sunspot numbers, not z-scores
        QCOMPARE(naive.back().y(), naive.front().y());  // the naive forecast does not train
        screenshot(&window, QStringLiteral("window-forecast-training.png"));
    }

    // After a crash the next window offers the interrupted run: Open shows its last saved epoch,
    // Resume trains it to the end; the offer blocks nothing (an information bar, not a dialog).
    void interruptedRunIsOfferedAndResumes()
    {
        const QString runs = defaultRunsFolder();
        QVERIFY(QDir(runs).removeRecursively());
        TrainingSetup setup = tinyRun(6);
        setup.taskOptions.count = 1500;  // epochs long enough that the kill comes mid-run
        const testing::KilledRun killed = testing::trainAndKill(QStringLiteral(TRAIN_IN_RUN_FOLDER_PATH), runs, setup,
                                                                /*killAfterEpoch=*/1, kTimeoutMs);
        QVERIFY2(killed.error.isEmpty(), qPrintable(killed.error));
        const QString name = QFileInfo(killed.folder).fileName();

        {
            MainWindow window;
            window.show();
            InterruptedRunBar* bar = window.training()->interruptedRunBar();
            QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), kTimeoutMs);
            QVERIFY2(bar->label()->text().contains(name), qPrintable(bar->label()->text()));
            QVERIFY(window.training()->runsFolderLabel()->text().contains(QDir::toNativeSeparators(runs)));
            QSignalSpy opened(window.models(), &OpenModels::modelOpened);
            QTest::mouseClick(bar->openButton(), Qt::LeftButton);
            QVERIFY(opened.wait(kTimeoutMs));
            QCOMPARE(opened.first().at(1).value<ModelSummary>().name, name + QStringLiteral(".asmodel"));
            QVERIFY(!bar->isVisible());
        }
        // Opening is not resuming: the next window offers the run again.
        MainWindow window;
        window.show();
        InterruptedRunBar* bar = window.training()->interruptedRunBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), kTimeoutMs);
        window.resize(1500, 950);
        screenshot(&window, QStringLiteral("window-interrupted-run.png"));
        QSignalSpy finished(window.training()->job(), &TrainingJob::finished);
        QTest::mouseClick(bar->resumeButton(), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QVERIFY(finished.wait(kTimeoutMs));
        const auto outcome = finished.first().at(0).value<TrainingOutcome>();
        QVERIFY2(outcome.status == TrainingStatus::Completed, qPrintable(outcome.message));
        QCOMPARE(outcome.epochsCompleted, 6);
        QCOMPARE(outcome.modelPath, QDir(killed.folder).filePath(name + QStringLiteral(".asmodel")));
        window.curves()->flush();
        QCOMPARE(window.curves()->pointCount(0, QStringLiteral("validation loss")), 6);  // the saved epochs too
        QVERIFY(window.curves()->toCsv().contains("\n" + name.toUtf8() + ","));
        QVERIFY(findInterruptedRuns(runs).isEmpty());
    }

    void settingsThatDoNotApplyAreDisabled()
    {
        TrainingPanel panel;
        panel.setTask(QStringLiteral("keyword"));
        QVERIFY(panel.embeddingBox()->isEnabled());
        QVERIFY(panel.neutralClassBox()->isEnabled());
        panel.setTask(QStringLiteral("spike"));  // a series: no embedding
        QVERIFY(!panel.embeddingBox()->isEnabled());
        QVERIFY(panel.neutralClassBox()->isEnabled());
        panel.setTask(QStringLiteral("adding"));  // a regression: no neutral class either
        QVERIFY(!panel.embeddingBox()->isEnabled());
        QVERIFY(!panel.neutralClassBox()->isEnabled());
        panel.setTask(QStringLiteral("series file"));
        QVERIFY(!panel.embeddingBox()->isEnabled());
        panel.setTask(QStringLiteral("text file"));
        QVERIFY(panel.embeddingBox()->isEnabled());
    }

    // Save Trained Model As writes through QSaveFile: the old file is replaced only by a whole copy
    // (and keeps its permissions), and a failed copy leaves it untouched.
    void savedModelReplacesTheOldFileWhole()
    {
        const QString target = m_dir.filePath(QStringLiteral("saved.asmodel"));
        {
            QFile file(target);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("the old model");
        }
        const QFileDevice::Permissions privateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        QVERIFY(QFile::setPermissions(target, privateFile));
        QVERIFY(QFile::setPermissions(m_additive, QFile::permissions(m_additive) | QFileDevice::ReadOther));

        const ExportResult missing = copyFileReplacing(m_dir.filePath(QStringLiteral("no-such.asmodel")), target);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error.contains(QStringLiteral("no-such.asmodel")), qPrintable(missing.error));
        QFile old(target);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("the old model"));
        old.close();

        const ExportResult saved = copyFileReplacing(m_additive, target);
        QVERIFY2(saved.ok(), qPrintable(saved.error));
        QCOMPARE(testing::hashOf(target), testing::hashOf(m_additive));
        QCOMPARE(QFile::permissions(target) & (QFileDevice::ReadOther | QFileDevice::ReadOwner), QFileDevice::ReadOwner);
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("saved.asmodel*")}, QDir::Files), QStringList{QStringLiteral("saved.asmodel")});
    }

private:
    QTemporaryDir m_dir;
    QString m_additive;
    QString m_dot;
};

QTEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
