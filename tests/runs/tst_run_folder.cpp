// Reading an external run folder while it grows: complete lines only, bad lines named, a replaced
// metrics file noticed, checkpoints picked up when they are renamed in; and a real 2-process
// torchrun run (examples/pytorch/train_ddp.py, gloo on CPU) read while it trains, whose newest
// checkpoint opens and shows its attention; and the command the window writes for its own setup
// ("Train with torchrun…"), run as written, trains that setup's model.

#include "external/TorchScriptModel.h"
#include "runs/RunFolder.h"
#include "runtime/DistributedTraining.h"
#include "common/StudioError.h"
#include "GroupedProcess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace studio;

namespace {

constexpr int kRunTimeoutMs = 240'000;  // under Qt Test's 300 s per test function, so a hang reports itself
constexpr int kPollIntervalMs = 100;  // how often the folder is read while torchrun runs, as the window does

// A TCP port no one listens on now, chosen by the system (bind to port 0, read the port, close):
// torchrun's rendezvous binds it next. A fixed or pid-derived port can be taken by another run
// on a shared machine. Returns 0 when the system gives none.
quint16 freePort()
{
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    if (socket < 0)
        return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    quint16 port = 0;
    if (::bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0
        && ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(socket);
    return port;
}

void append(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class RunFolderTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void readsOnlyCompleteLines()
    {
        QTemporaryDir dir;
        RunFolderReader reader(dir.path());
        QVERIFY(reader.poll().records.empty());  // nothing written yet is not an error

        const QString metrics = dir.filePath(QStringLiteral("metrics.jsonl"));
        append(metrics, "{\"step\": 1, \"epoch\": 1, \"train_loss\": 0.7}\n{\"step\": 2, \"epoch\": 1, \"train_lo");
        RunUpdate update = reader.poll();
        QCOMPARE(update.records.size(), size_t(1));
        QCOMPARE(update.records[0].step, int64_t(1));
        QCOMPARE(update.records[0].value(QStringLiteral("train_loss")), 0.7);

        append(metrics, "ss\": 0.6}\n{\"step\": 2, \"epoch\": 1, \"validation_loss\": 0.65, \"epoch_end\": true, \"note\": \"x\"}\n");
        update = reader.poll();
        QCOMPARE(update.records.size(), size_t(2));
        QCOMPARE(update.records[0].value(QStringLiteral("train_loss")), 0.6);
        QVERIFY(update.records[1].epochEnd);
        QCOMPARE(update.records[1].values.size(), size_t(1));  // the string "note" is not a curve
        QVERIFY(reader.poll().records.empty());                 // nothing new
    }

    void namesBadLinesAndGoesOn()
    {
        QTemporaryDir dir;
        const QString metrics = dir.filePath(QStringLiteral("metrics.jsonl"));
        append(metrics, "{\"step\": 1, \"loss\": 1}\nnot json\n{\"step\": 3, \"loss\": 0.5}\n");
        RunFolderReader reader(dir.path());
        const RunUpdate update = reader.poll();
        QCOMPARE(update.records.size(), size_t(2));
        QCOMPARE(update.warnings.size(), 1);
        QVERIFY2(update.warnings.first().contains(QStringLiteral("metrics.jsonl line 2")), qPrintable(update.warnings.first()));
    }

    void readsCsvWithEmptyCells()
    {
        QTemporaryDir dir;
        const QString metrics = dir.filePath(QStringLiteral("metrics.csv"));
        append(metrics, "step,epoch,train_loss,validation_loss\n1,1,0.9,\n2,1,0.8,0.85\n3,1,0.7\n");
        RunFolderReader reader(dir.path());
        const RunUpdate update = reader.poll();
        QCOMPARE(update.records.size(), size_t(2));
        QVERIFY(std::isnan(update.records[0].value(QStringLiteral("validation_loss"))));
        QCOMPARE(update.records[1].value(QStringLiteral("validation_loss")), 0.85);
        QCOMPARE(update.warnings.size(), 1);
        QVERIFY(update.warnings.first().contains(QStringLiteral("line 4")));
    }

    // A text column written by a CSV writer quotes its commas and line breaks (RFC 4180): the row
    // is one record, whether it arrives in one poll or across two.
    void readsCsvWithQuotedCells()
    {
        QTemporaryDir dir;
        const QString metrics = dir.filePath(QStringLiteral("metrics.csv"));
        append(metrics, "step,\"loss, train\",note\n"
                        "1,0.9,\"warm-up, lr 0.1\"\n"
                        "2,0.8,\"first line\nsecond line\"\n"
                        "3,0.7,\"half a");
        RunFolderReader reader(dir.path());
        RunUpdate update = reader.poll();
        QVERIFY2(update.warnings.isEmpty(), qPrintable(update.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(update.records.size(), size_t(2));
        QCOMPARE(update.records[0].value(QStringLiteral("loss, train")), 0.9);
        QCOMPARE(update.records[1].step, int64_t(2));
        QCOMPARE(update.records[1].value(QStringLiteral("loss, train")), 0.8);

        append(metrics, " note\nover two lines\"\n4,0.6,x\n5,0.5\n");
        update = reader.poll();
        QCOMPARE(update.records.size(), size_t(2));
        QCOMPARE(update.records[0].step, int64_t(3));
        QCOMPARE(update.records[1].value(QStringLiteral("loss, train")), 0.6);
        QCOMPARE(update.warnings.size(), 1);  // "5,0.5" is short of a cell, on line 8
        QVERIFY2(update.warnings.first().contains(QStringLiteral("line 8")), qPrintable(update.warnings.first()));
    }

    void noticesAReplacedMetricsFile()
    {
        QTemporaryDir dir;
        const QString metrics = dir.filePath(QStringLiteral("metrics.jsonl"));
        append(metrics, "{\"step\": 1, \"loss\": 1}\n{\"step\": 2, \"loss\": 0.9}\n");
        RunFolderReader reader(dir.path());
        QCOMPARE(reader.poll().records.size(), size_t(2));
        QVERIFY(QFile::remove(metrics));
        append(metrics, "{\"step\": 1, \"loss\": 2}\n");
        const RunUpdate update = reader.poll();
        QVERIFY(update.restarted);
        QCOMPARE(update.records.size(), size_t(1));
        QCOMPARE(update.records[0].value(QStringLiteral("loss")), 2.0);
    }

    void picksUpFinishedCheckpointsAndStatus()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("checkpoints")));
        append(dir.filePath(QStringLiteral("checkpoints/epoch-0001.pt.tmp")), "partial");
        append(dir.filePath(QStringLiteral("run.json")), "{\"status\": \"running\", \"world_size\": 2}");
        RunFolderReader reader(dir.path());
        RunUpdate update = reader.poll();
        QVERIFY(update.newCheckpoints.isEmpty());  // still being written
        QVERIFY(update.info && update.info->worldSize == 2 && !update.info->finished());
        QVERIFY(QFile::rename(dir.filePath(QStringLiteral("checkpoints/epoch-0001.pt.tmp")),
                              dir.filePath(QStringLiteral("checkpoints/epoch-0001.pt"))));
        update = reader.poll();
        QCOMPARE(update.newCheckpoints.size(), 1);
        QVERIFY(!update.info);  // run.json unchanged
        QVERIFY(reader.poll().newCheckpoints.isEmpty());
    }

    void refusesAFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("metrics.jsonl"));
        append(file, "{}\n");
        QVERIFY_THROWS_EXCEPTION(StudioError, RunFolderReader{file});
    }

    // The test: a 2-process torchrun run on CPU, read while it grows.
    void followsATorchrunRun()
    {
        QTemporaryDir dir;
        const QString runPath = dir.filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(runPath));
        const quint16 port = freePort();
        QVERIFY2(port != 0, "the system gave no free port");
        testing::GroupedProcess torchrun;  // its workers end with the test, whatever happens
        torchrun.setProcessChannelMode(QProcess::MergedChannels);
        QSignalSpy finished(&torchrun, &QProcess::finished);
        // --redirects/--tee 0:1: torch 1.13's torchrun cannot parse its own default "0" under
        // Python 3.11 (Debian 12); naming rank 0's stdout explicitly avoids that parser path.
        torchrun.start(QStringLiteral("/usr/bin/torchrun"),
                       {QStringLiteral("--redirects"), QStringLiteral("0:1"), QStringLiteral("--tee"), QStringLiteral("0:1"),
                        QStringLiteral("--nproc_per_node"), QStringLiteral("2"), QStringLiteral("--master_port"),
                        QString::number(port),
                        QStringLiteral(STUDIO_RESOURCES_DIR "/../examples/pytorch/train_ddp.py"), QStringLiteral("--out"),
                        runPath, QStringLiteral("--epochs"), QStringLiteral("3"), QStringLiteral("--count"),
                        QStringLiteral("400"), QStringLiteral("--hidden"), QStringLiteral("8"), QStringLiteral("--embedding"),
                        QStringLiteral("8"), QStringLiteral("--step-delay"), QStringLiteral("0.05")});
        QVERIFY(torchrun.waitForStarted());

        RunFolderReader reader(runPath);
        std::vector<MetricRecord> records;
        std::vector<size_t> countsWhileRunning;  // records seen at each poll that found new ones
        QStringList warnings;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            const RunUpdate update = reader.poll();
            warnings += update.warnings;
            records.insert(records.end(), update.records.begin(), update.records.end());
            if (!update.records.empty())
                countsWhileRunning.push_back(records.size());
        });
        poll.start(kPollIntervalMs);
        const bool ended = QTest::qWaitFor([&] { return !finished.isEmpty(); }, kRunTimeoutMs);
        poll.stop();
        // What torchrun said is the only clue when it does not end: shown before it is killed.
        QVERIFY2(ended, (QByteArrayLiteral("torchrun did not finish; its output:\n") + torchrun.readAll().right(3000)).constData());
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        QVERIFY2(torchrun.exitStatus() == QProcess::NormalExit && torchrun.exitCode() == 0,
                 torchrun.readAll().right(3000).constData());
        const RunUpdate last = reader.poll();
        records.insert(records.end(), last.records.begin(), last.records.end());

        // It grew while we watched: several polls each found new records before the run ended.
        QVERIFY2(countsWhileRunning.size() >= 3, qPrintable(QString::number(countsWhileRunning.size())));
        QVERIFY(countsWhileRunning.front() < records.size());
        // 320 training examples over 2 ranks in batches of 32: 5 steps per epoch, 3 epochs.
        int steps = 0;
        int epochEnds = 0;
        for (const MetricRecord& record : records) {
            if (record.epochEnd) {
                ++epochEnds;
                QVERIFY(!std::isnan(record.value(QStringLiteral("validation_loss"))));
            } else {
                ++steps;
                QCOMPARE(record.step, int64_t(steps));
                QVERIFY(record.value(QStringLiteral("train_loss")) > 0.0);
            }
        }
        QCOMPARE(steps, 15);
        QCOMPARE(epochEnds, 3);
        QVERIFY(reader.info() && reader.info()->finished());
        QCOMPARE(reader.info()->worldSize, 2);
        QCOMPARE(reader.info()->backend, QStringLiteral("gloo"));
        QCOMPARE(reader.checkpoints().size(), 3);

        // The newest checkpoint opens in the app, reads text through its meta.json and returns its attention.
        const TorchScriptModel model(reader.checkpoints().last());
        QVERIFY(model.hasMeta());
        ExternalInput input;
        input.tokenIds = {5, 2, 9, 11};
        const ExternalResult result = model.run(input);
        QCOMPARE(result.source, AttentionSource::Output);
        QCOMPARE(result.attention.shape, std::vector<int64_t>{4});
        double sum = 0.0;
        for (float weight : result.attention.values)
            sum += weight;
        QVERIFY(std::abs(sum - 1.0) < 1e-5);
        QCOMPARE(result.prediction.size(), size_t(1));
    }

    // The window's torchrun command (runtime/DistributedTraining), run word for word: the model in
    // the run folder is the setup's (a 2-layer bidirectional GRU with dot attention, not the
    // script's defaults), trained for the setup's epochs on its data. One process, to be quick;
    // followsATorchrunRun covers two.
    void trainsTheWindowsSetupWithTorchrun()
    {
        QTemporaryDir dir;
        TrainingSetup setup;
        setup.task = QStringLiteral("keyword");
        setup.taskOptions.count = 200;
        setup.taskOptions.length = 10;
        setup.model.cell = RecurrentCell::Gru;
        setup.model.layers = 2;
        setup.model.bidirectional = true;
        setup.model.hiddenSize = 6;
        setup.model.embeddingDim = 8;
        setup.model.attention = AttentionKind::Dot;
        setup.training.epochs = 2;
        setup.training.batchSize = 16;
        QVERIFY(distributedLimitation(setup).isEmpty());
        DistributedPlan plan;
        plan.processesPerMachine = 1;
        plan.runFolder = dir.filePath(QStringLiteral("torchrun run"));  // a space, quoted in the shell line
        plan.script = QStringLiteral(STUDIO_RESOURCES_DIR "/../examples/pytorch/train_ddp.py");
        writeDistributedSetup(plan, setup);
        const QStringList words = torchrunArguments(plan);
        QVERIFY(shellCommand(words).contains(QLatin1Char('\'') + plan.runFolder + QLatin1Char('\'')));

        testing::GroupedProcess torchrun;  // its workers end with the test, whatever happens
        torchrun.setProcessChannelMode(QProcess::MergedChannels);
        // The line as a person pastes it into a shell (so a quoting fault fails here); --standalone:
        // torchrun picks its own free port.
        torchrun.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), shellCommand(words)});
        QVERIFY(torchrun.waitForStarted());
        const bool ended = torchrun.waitForFinished(kRunTimeoutMs);
        QVERIFY2(ended && torchrun.exitCode() == 0, torchrun.readAll().right(3000).constData());

        RunFolderReader reader(plan.runFolder);
        const RunUpdate update = reader.poll();
        QVERIFY2(update.warnings.isEmpty(), qPrintable(update.warnings.join(QLatin1Char('\n'))));
        QVERIFY(reader.info() && reader.info()->finished());
        const QJsonObject config = reader.info()->config;
        QCOMPARE(config.value(QStringLiteral("cell")).toString(), QStringLiteral("gru"));
        QCOMPARE(config.value(QStringLiteral("layers")).toInt(), 2);
        QCOMPARE(config.value(QStringLiteral("bidirectional")).toBool(), true);
        QCOMPARE(config.value(QStringLiteral("hiddenSize")).toInt(), 6);
        QCOMPARE(config.value(QStringLiteral("embeddingDim")).toInt(), 8);
        QCOMPARE(config.value(QStringLiteral("attention")).toString(), QStringLiteral("dot"));
        QCOMPARE(config.value(QStringLiteral("maxLength")).toInt(), 10);
        // 160 training examples in batches of 16: 10 steps per epoch, 2 epochs.
        int steps = 0;
        int epochEnds = 0;
        for (const MetricRecord& record : update.records)
            (record.epochEnd ? epochEnds : steps) += 1;
        QCOMPARE(steps, 20);
        QCOMPARE(epochEnds, 2);
        QCOMPARE(reader.checkpoints().size(), 2);
        QCOMPARE(reader.info()->worldSize, 1);
    }

    // What train_ddp.py cannot train is said before anything runs; several machines meet at one
    // rendezvous and run the same line.
    void commandFollowsThePlanAndRefusesWhatTheScriptCannotTrain()
    {
        TrainingSetup setup;
        setup.task = QStringLiteral("spike");
        QVERIFY(distributedLimitation(setup).contains(QStringLiteral("spike")));
        setup.task = QStringLiteral("keyword");
        setup.taskOptions.neutralClass = true;
        QVERIFY(distributedLimitation(setup).contains(QStringLiteral("neutral")));
        setup.taskOptions.neutralClass = false;
        setup.training.optimizer = OptimizerKind::Sgd;
        QVERIFY(distributedLimitation(setup).contains(QStringLiteral("Adam")));
        setup.training.optimizer = OptimizerKind::Adam;
        setup.dataFile = QStringLiteral("/data/reviews.json");
        QVERIFY(distributedLimitation(setup).contains(QStringLiteral("reviews.json")));
        setup.dataFile = QStringLiteral("/data/sunspots.csv");
        setup.forecast.targetColumn = QStringLiteral("SUNACTIVITY");
        QVERIFY(distributedLimitation(setup).contains(QStringLiteral("SUNACTIVITY")));

        DistributedPlan plan;
        plan.machines = 3;
        plan.processesPerMachine = 4;
        plan.rendezvous = QStringLiteral("node0:29400");
        plan.runFolder = QStringLiteral("/runs/kw");
        plan.script = QStringLiteral("/opt/train_ddp.py");
        const QStringList words = torchrunArguments(plan);
        const auto after = [&](const QString& flag) { return words.value(words.indexOf(flag) + 1); };
        QCOMPARE(after(QStringLiteral("--nnodes")), QStringLiteral("3"));
        QCOMPARE(after(QStringLiteral("--nproc_per_node")), QStringLiteral("4"));
        QCOMPARE(after(QStringLiteral("--rdzv_endpoint")), QStringLiteral("node0:29400"));
        QCOMPARE(after(QStringLiteral("--setup")), QStringLiteral("/runs/kw/setup.json"));
        QCOMPARE(after(QStringLiteral("--out")), QStringLiteral("/runs/kw"));
        QVERIFY(!words.contains(QStringLiteral("--standalone")));
        QCOMPARE(shellCommand({QStringLiteral("a b"), QStringLiteral("it's"), QStringLiteral("/x/y.py")}),
                 QStringLiteral("'a b' 'it'\\''s' /x/y.py"));
    }
};

QTEST_GUILESS_MAIN(RunFolderTest)
#include "tst_run_folder.moc"
