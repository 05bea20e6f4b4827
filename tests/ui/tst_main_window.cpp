// The window, driven as a person drives it (QT_QPA_PLATFORM=offscreen): typing updates every
// open model's heatmap, a short training run grows the curves and the attention timeline and then
// joins the models side by side, files dropped on the window open, figures export in each format.
// Two measurements are printed, not asserted (the machine is shared): the longest event-loop stall
// while training runs, and keystroke-to-heatmap latency for a 512-token input. Set
// STUDIO_BENCH_OUT to a file to append them as JSON lines (docs/BENCHMARKS.md uses them), and
// STUDIO_SCREENSHOT_DIR to save what the window looks like.

#include "AttentionTimeline.h"
#include "ComparisonView.h"
#include "DataPreviewDialog.h"
#include "CurvesView.h"
#include "FigureExport.h"
#include "InputPanel.h"
#include "MainWindow.h"
#include "ModelResultView.h"
#include "OpenModels.h"
#include "SampleBrowser.h"
#include "SampleTableModel.h"
#include "TokenAttentionPanel.h"
#include "TrainingPanel.h"
#include "runtime/TrainingJob.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <qcustomplot.h>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTableWidgetItem>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

using namespace studio;

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
    return finished.first().at(2).toString();
}

void record(const QJsonObject& measurement)
{
    qInfo().noquote() << QJsonDocument(measurement).toJson(QJsonDocument::Compact);
    const QString out = qEnvironmentVariable("STUDIO_BENCH_OUT");
    if (out.isEmpty())
        return;
    QFile file(out);
    if (file.open(QIODevice::Append))
        file.write(QJsonDocument(measurement).toJson(QJsonDocument::Compact) + '\n');
}

void screenshot(QWidget* window, const QString& name)
{
    const QString dir = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window->grab().save(QDir(dir).filePath(name));
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("Attention Studio Tests"));
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
        QSignalSpy results(window.models(), &OpenModels::resultReady);

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
        // Only the newest answer is shown: far fewer answers than keystrokes is fine, an old one last is not.
        QVERIFY(results.count() >= 1 && results.count() <= 10);
        screenshot(&window, QStringLiteral("window-typing.png"));
    }

    void trainingGrowsCurvesAndTimeline()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.training()->applySetup(tinyRun(3));
        QSignalSpy progress(window.training()->job(), &TrainingJob::progress);
        QSignalSpy finished(window.training()->job(), &TrainingJob::finished);
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);

        // A timer probe on the GUI thread: the longest gap between its ticks is how long the event
        // loop stalled while training ran on its worker.
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 longestGapMs = 0;
        int ticks = 0;
        QTimer probe;
        probe.setInterval(2);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longestGapMs = std::max(longestGapMs, now - last);
            last = now;
            ++ticks;
        });

        QTest::mouseClick(window.training()->startButton(), Qt::LeftButton);
        clock.start();
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.curves()->pointCount(0, QStringLiteral("train loss")) > 0, kTimeoutMs);
        const int early = window.curves()->pointCount(0, QStringLiteral("train loss"));
        QVERIFY(finished.wait(kTimeoutMs));
        probe.stop();
        window.curves()->flush();

        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("completed"));
        QVERIFY(window.curves()->pointCount(0, QStringLiteral("train loss")) > early);  // it grew
        QCOMPARE(window.curves()->pointCount(0, QStringLiteral("validation loss")), 3);  // one per epoch
        QCOMPARE(window.curves()->drawnPoints(0, QStringLiteral("validation loss")).size(), size_t(3));
        QCOMPARE(window.timeline()->snapshotCount(), 4);  // before training and after each epoch
        QCOMPARE(window.timeline()->currentSnapshot(), 3);  // it followed the newest
        window.timeline()->showSnapshot(0);
        QCOMPARE(window.timeline()->currentSnapshot(), 0);
        QVERIFY(opened.wait(kTimeoutMs));  // the trained model joins the models side by side
        QCOMPARE(window.models()->count(), 1);
        // ... and its validation examples are scored in the sample browser: 20% of 300.
        QTRY_COMPARE_WITH_TIMEOUT(window.samples()->samples()->rowCount(), 60, kTimeoutMs);
        QVERIFY(ticks > 10);
        record(QJsonObject{{QStringLiteral("measure"), QStringLiteral("event-loop stall during training")},
                           {QStringLiteral("longestGapMs"), longestGapMs},
                           {QStringLiteral("ticks"), ticks},
                           {QStringLiteral("progressReports"), static_cast<int>(progress.count())}});
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
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("completed"));

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

    // Keystroke to heatmap for a 512-token text: printed (and appended to STUDIO_BENCH_OUT).
    void keystrokeLatencyIsMeasured()
    {
        MainWindow window;
        window.show();
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(m_additive);
        QVERIFY(opened.wait(kTimeoutMs));
        QStringList words;
        const QStringList vocabulary{QStringLiteral("the"), QStringLiteral("film"), QStringLiteral("was"), QStringLiteral("great")};
        for (int i = 0; i < 511; ++i)
            words << vocabulary.at(i % vocabulary.size());
        window.input()->setText(words.join(QLatin1Char(' ')) + QLatin1Char(' '));
        ModelResultView* view = window.comparison()->modelView(0);
        QTRY_COMPARE_WITH_TIMEOUT(view->result().attention.values.size(), size_t(511), kTimeoutMs);

        std::vector<double> latencies;
        QSignalSpy results(window.models(), &OpenModels::resultReady);
        QPlainTextEdit* editor = window.input()->editor();
        editor->moveCursor(QTextCursor::End);
        for (int i = 0; i < 30; ++i) {
            results.clear();
            QElapsedTimer clock;
            clock.start();
            // Alternate adding and removing one word, so every keystroke changes the input.
            QTest::keyClick(editor, i % 2 ? Qt::Key_Backspace : Qt::Key_A);
            QVERIFY(results.wait(kTimeoutMs));
            QCoreApplication::processEvents();  // the views repaint
            latencies.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
            QCOMPARE(view->result().attention.values.size(), size_t(i % 2 ? 511 : 512));
        }
        record(QJsonObject{{QStringLiteral("measure"), QStringLiteral("keystroke to heatmap, 512 tokens")},
                           {QStringLiteral("p50Ms"), percentile(latencies, 0.5)},
                           {QStringLiteral("p95Ms"), percentile(latencies, 0.95)},
                           {QStringLiteral("samples"), static_cast<int>(latencies.size())}});
    }

private:
    QTemporaryDir m_dir;
    QString m_additive;
    QString m_dot;
};

QTEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
