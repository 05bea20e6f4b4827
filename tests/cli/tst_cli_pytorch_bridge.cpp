// The bridge to PyTorch, both ways, with Debian's python3-torch: a model trained by attention-cli
// is exported as a state dict (`attention-cli export`), rebuilt in Python by
// examples/pytorch/studio_models.py, and gives the app's prediction and attention to 1e-5; the
// Python model scripted and saved with its meta.json opens in the app and gives them again.

#include "CliRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio::testing;

namespace {

constexpr double kTolerance = 1e-5;
const QString kIds = QStringLiteral("5 9 3 12 7 2 14");

QString bridgeScript() { return QStringLiteral(STUDIO_RESOURCES_DIR "/../examples/pytorch/studio_models.py"); }

bool succeeded(const CliRun& run) { return run.finished && run.status == QProcess::NormalExit && run.exitCode == 0; }

QJsonArray attentionValues(const QJsonObject& json)
{
    return json.value(QStringLiteral("attention")).toObject().value(QStringLiteral("values")).toArray();
}

QJsonArray attentionShape(const QJsonObject& json)
{
    return json.value(QStringLiteral("attention")).toObject().value(QStringLiteral("shape")).toArray();
}

} // namespace

class CliPyTorchBridgeTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY(m_dir.isValid());
    }

    void roundTrip_data()
    {
        QTest::addColumn<QStringList>("trainArguments");
        QTest::addColumn<QString>("inputFlag");
        QTest::addColumn<QString>("inputValue");
        const QStringList keyword{QStringLiteral("--task"), QStringLiteral("keyword"), QStringLiteral("--task-count"),
                                  QStringLiteral("120"), QStringLiteral("--hidden"), QStringLiteral("6"),
                                  QStringLiteral("--embedding"), QStringLiteral("5")};
        for (const char* variant : {"additive", "tanh-dense", "positional-bias", "dot", "self", "per-feature", "query-dot", "none"})
            QTest::newRow(variant) << (keyword + QStringList{QStringLiteral("--attention"), QLatin1String(variant)})
                                   << QStringLiteral("--ids") << kIds;
        QTest::newRow("additive, bidirectional GRU, 2 layers")
            << (keyword + QStringList{QStringLiteral("--cell"), QStringLiteral("gru"), QStringLiteral("--bidirectional"),
                                      QStringLiteral("--layers"), QStringLiteral("2"), QStringLiteral("--attention-dim"),
                                      QStringLiteral("4")})
            << QStringLiteral("--ids") << kIds;
        QTest::newRow("none, bidirectional")
            << (keyword + QStringList{QStringLiteral("--attention"), QStringLiteral("none"), QStringLiteral("--bidirectional")})
            << QStringLiteral("--ids") << kIds;
        QTest::newRow("forecast, per-feature")
            << QStringList{QStringLiteral("--data"), QStringLiteral(STUDIO_RESOURCES_DIR "/data/series/sunspots.csv"),
                           QStringLiteral("--target"), QStringLiteral("SUNACTIVITY"), QStringLiteral("--window"),
                           QStringLiteral("8"), QStringLiteral("--hidden"), QStringLiteral("5"), QStringLiteral("--attention"),
                           QStringLiteral("per-feature")}
            << QStringLiteral("--series") << QStringLiteral("YEAR,SUNACTIVITY\n1,5\n2,11\n3,16\n4,23\n5,36\n6,58\n7,29\n8,20\n");
    }
    void roundTrip()
    {
        QFETCH(QStringList, trainArguments);
        QFETCH(QString, inputFlag);
        QFETCH(QString, inputValue);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(QRegularExpression(QStringLiteral("\\W+")),
                                                                                  QStringLiteral("_"));
        const QString model = m_dir.filePath(tag + QStringLiteral(".asmodel"));
        const QString exported = m_dir.filePath(tag + QStringLiteral(".pt"));
        const QString scripted = m_dir.filePath(tag + QStringLiteral(".ts"));
        QString input = inputValue;
        if (inputFlag == QLatin1String("--series")) {
            input = m_dir.filePath(tag + QStringLiteral(".csv"));
            QFile csv(input);
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write(inputValue.toUtf8());
        }

        const CliRun train = runCli(QStringList{QStringLiteral("train"), QStringLiteral("--epochs"), QStringLiteral("1"),
                                                QStringLiteral("--out"), model} + trainArguments);
        QVERIFY2(succeeded(train), qPrintable(train.describe()));
        const CliRun exportRun = runCli({QStringLiteral("export"), QStringLiteral("--model"), model, QStringLiteral("--out"),
                                         exported, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(succeeded(exportRun), qPrintable(exportRun.describe()));

        // App → Python: the state dict rebuilt by studio_models.py answers as the app does.
        const CliRun python = runPython({bridgeScript(), exported, inputFlag, input, QStringLiteral("--torchscript"), scripted});
        QVERIFY2(succeeded(python), qPrintable(python.describe()));
        QString problem;
        const QJsonObject pythonJson = parseObject(python.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        const CliRun native = runCli({QStringLiteral("infer"), QStringLiteral("--model"), model, inputFlag, input,
                                      QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(succeeded(native), qPrintable(native.describe()));
        const QJsonObject nativeJson = parseObject(native.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        const QJsonArray nativePrediction = nativeJson.value(QStringLiteral("prediction")).toArray();
        QVERIFY(!nativePrediction.isEmpty());
        QVERIFY2(largestDifference(pythonJson.value(QStringLiteral("prediction")).toArray(), nativePrediction) <= kTolerance,
                 qPrintable(QString::fromUtf8(python.out) + QLatin1Char('\n') + QString::fromUtf8(native.out)));
        const bool hasAttention = !trainArguments.contains(QStringLiteral("none"));
        QCOMPARE(pythonJson.value(QStringLiteral("attention")).isNull(), !hasAttention);
        if (hasAttention) {
            QCOMPARE(attentionShape(pythonJson), attentionShape(nativeJson));
            QVERIFY(largestDifference(attentionValues(pythonJson), attentionValues(nativeJson)) <= kTolerance);
        }

        // Python → app: the scripted model with its meta.json opens like any PyTorch model, and the
        // attention it returns is taken from its output. A series goes in raw, without the time
        // column: meta.json carries the input columns and their scaling.
        QString reopenInput = input;
        if (inputFlag == QLatin1String("--series")) {
            reopenInput = m_dir.filePath(tag + QStringLiteral("_values.csv"));
            QFile csv(reopenInput);
            QVERIFY(csv.open(QIODevice::WriteOnly));
            for (const QString& row : inputValue.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                csv.write(row.section(QLatin1Char(','), 1).toUtf8() + '\n');
        }
        const CliRun reopened = runCli({QStringLiteral("infer"), QStringLiteral("--model"), scripted, inputFlag, reopenInput,
                                        QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(succeeded(reopened), qPrintable(reopened.describe()));
        const QJsonObject reopenedJson = parseObject(reopened.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(largestDifference(reopenedJson.value(QStringLiteral("prediction")).toArray(), nativePrediction) <= kTolerance);
        QCOMPARE(reopenedJson.value(QStringLiteral("source")).toString(),
                 hasAttention ? QStringLiteral("output") : QStringLiteral("none"));
        if (hasAttention) {
            QCOMPARE(attentionShape(reopenedJson), attentionShape(nativeJson));
            QVERIFY(largestDifference(attentionValues(reopenedJson), attentionValues(nativeJson)) <= kTolerance);
        }
        QCOMPARE(reopenedJson.value(QStringLiteral("tokens")).toArray(), nativeJson.value(QStringLiteral("tokens")).toArray());
    }

    void exportRefusesBadRequests()
    {
        const QString model = m_dir.filePath(QStringLiteral("for_errors.asmodel"));
        const CliRun train = runCli({QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("keyword"),
                                     QStringLiteral("--task-count"), QStringLiteral("60"), QStringLiteral("--epochs"),
                                     QStringLiteral("1"), QStringLiteral("--hidden"), QStringLiteral("4"),
                                     QStringLiteral("--out"), model});
        QVERIFY2(succeeded(train), qPrintable(train.describe()));
        QFile original(model);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        original.close();

        // --out naming the model itself would overwrite the user's model: refused, file untouched.
        CliRun run = runCli({QStringLiteral("export"), QStringLiteral("--model"), model, QStringLiteral("--out"), model});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(QStringLiteral("--out is the model file itself")), qPrintable(run.describe()));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(original.readAll(), before);
        original.close();

        const QString missing = m_dir.filePath(QStringLiteral("missing.asmodel"));
        run = runCli({QStringLiteral("export"), QStringLiteral("--model"), missing, QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("x.pt"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(missing), qPrintable(run.describe()));

        const QString unwritable = m_dir.filePath(QStringLiteral("no/such/folder/x.pt"));
        run = runCli({QStringLiteral("export"), QStringLiteral("--model"), model, QStringLiteral("--out"), unwritable});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(unwritable), qPrintable(run.describe()));
    }

    // studio_models.load_export refuses a file that is not an export, with a sentence saying what to run.
    void pythonRefusesOtherFiles()
    {
        const QString other = m_dir.filePath(QStringLiteral("other.pt"));
        const CliRun save = runPython({QStringLiteral("-c"),
                                       QStringLiteral("import torch; torch.save({'w': torch.zeros(2)}, '%1')").arg(other)});
        QVERIFY2(succeeded(save), qPrintable(save.describe()));
        const CliRun run = runPython({bridgeScript(), other, QStringLiteral("--ids"), QStringLiteral("1 2")});
        QVERIFY(run.finished);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(QString::fromUtf8(run.err).contains(QStringLiteral("not a state dict exported by Attention Studio")),
                 qPrintable(run.describe()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(CliPyTorchBridgeTest)
#include "tst_cli_pytorch_bridge.moc"
