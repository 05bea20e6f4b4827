// attention-cli end to end: every subcommand on good input (output parsed and checked), and bad
// input answered by one sentence on stderr, a non-zero exit code and never a crash.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include "CliChecks.h"

#include <cmath>

using namespace studio::testing;

namespace {

constexpr double kSumTolerance = 1e-4;  // float softmax rounding over a few dozen steps
constexpr int kKeywordLength = 10;
constexpr int kSpikeLength = 12;

QStringList sortedKeys(const QJsonObject& object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void overviewListsCommands_data();
    void overviewListsCommands();
    void commandHelp_data();
    void commandHelp();

    void trainJsonReportsTheRun();
    void trainHumanPrintsOneLinePerEpoch();
    void trainOnATerminalRedrawsAKerasBar();
    void trainResumeContinuesTheRun();
    void trainResumeWithoutMoreEpochsIsAUsageError();
    void trainDivergedExitsNonZero();

    void inferTokens_data();
    void inferTokens();
    void inferSeries_data();
    void inferSeries();
    void inferWithoutAttention();
    void inferSelfAttentionMatrix();
    void inferHuman();
    void neutralClassModel();

    void explainJson();
    void explainSeriesAndChosenMethods();
    void explainModelWithoutOneDistribution();
    void explainTaskSummarisesEveryExample();
    void explainDataTakesEvaluatesDataOptions();

    void evaluateJson();
    void evaluateHumanAndNoRelevanceForSelf();

    void tasksHuman();
    void tasksJson();

    void benchJson();
    void benchHuman();

    void badInput_data();
    void badInput();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    void writeFile(const QString& name, const QByteArray& bytes);
    void train(const QString& name, const QStringList& arguments);

    QTemporaryDir m_dir;
    QJsonObject m_keywordTraining;  // the JSON `train` printed for keyword.model
};

void TestCli::writeFile(const QString& name, const QByteArray& bytes)
{
    QFile file(path(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

void TestCli::train(const QString& name, const QStringList& arguments)
{
    RUN_CLI(run, QStringList{QStringLiteral("train"), QStringLiteral("--out"), path(name), QStringLiteral("--format"),
                             QStringLiteral("json"), QStringLiteral("--epochs"), QStringLiteral("2"),
                             QStringLiteral("--task-count"), QStringLiteral("200"), QStringLiteral("--hidden"),
                             QStringLiteral("8")}
                     + arguments);
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    QVERIFY(QFileInfo(path(name)).size() > 0);
    if (name == QLatin1String("keyword.model")) {
        PARSE_JSON(json, run);
        m_keywordTraining = json;
    }
}

void TestCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
    QVERIFY2(QFileInfo::exists(QStringLiteral(ATTENTION_CLI_PATH)), ATTENTION_CLI_PATH);
    QVERIFY(m_dir.isValid());

    train(QStringLiteral("keyword.model"), {QStringLiteral("--task"), QStringLiteral("keyword"), QStringLiteral("--task-length"),
                                            QString::number(kKeywordLength), QStringLiteral("--embedding"), QStringLiteral("8")});
    const QStringList spike{QStringLiteral("--task"), QStringLiteral("spike"), QStringLiteral("--task-length"),
                            QString::number(kSpikeLength)};
    train(QStringLiteral("spike.model"), spike);
    train(QStringLiteral("spike-none.model"), spike + QStringList{QStringLiteral("--attention"), QStringLiteral("none")});
    train(QStringLiteral("spike-self.model"), spike + QStringList{QStringLiteral("--attention"), QStringLiteral("self")});
    train(QStringLiteral("spike-neutral.model"), spike + QStringList{QStringLiteral("--neutral-class")});

    // Damaged model files of every kind a person meets.
    QFile model(path(QStringLiteral("keyword.model")));
    QVERIFY(model.open(QIODevice::ReadOnly));
    const QByteArray modelBytes = model.readAll();
    writeFile(QStringLiteral("truncated.model"), modelBytes.left(modelBytes.size() / 2));
    QByteArray noise(4096, '\0');
    QRandomGenerator random(/*seed=*/42);
    for (char& byte : noise)
        byte = static_cast<char>(random.bounded(256));
    writeFile(QStringLiteral("random.model"), noise);
    writeFile(QStringLiteral("empty.model"), {});
    writeFile(QStringLiteral("text.model"), "This is a note, not a model.\n");

    QByteArray series("value\n");
    for (int t = 0; t < kSpikeLength; ++t)
        series += t == 5 ? "3.5\n" : "0.1\n";
    writeFile(QStringLiteral("spike.csv"), series);
    writeFile(QStringLiteral("spike-noheader.csv"), "0.2\n-0.1\n-3.0\n0.0\n0.3\n");
    writeFile(QStringLiteral("wide.csv"), "0.1,0.2\n0.3,0.4\n");
    writeFile(QStringLiteral("badcell.csv"), "0.1\n0.2\nabc\n0.4\n");
}

void TestCli::overviewListsCommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
    QTest::newRow("help") << QStringList{QStringLiteral("help")};
}

void TestCli::overviewListsCommands()
{
    QFETCH(QStringList, arguments);
    RUN_CLI(run, arguments);
    QCOMPARE(run.exitCode, kExitOk);
    QVERIFY(run.err.isEmpty());
    for (const char* command : {"train", "infer", "explain", "evaluate", "tasks", "bench"})
        QVERIFY2(run.out.contains(QByteArray("  ") + command), command);
}

void TestCli::commandHelp_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("mentions");  // an option the help must document
    const QList<QPair<QString, QString>> commands{
        {QStringLiteral("train"), QStringLiteral("--resume")},   {QStringLiteral("infer"), QStringLiteral("--series")},
        {QStringLiteral("evaluate"), QStringLiteral("--task")}, {QStringLiteral("tasks"), QStringLiteral("--format")},
        {QStringLiteral("bench"), QStringLiteral("--threads")},  {QStringLiteral("explain"), QStringLiteral("--ig-steps")},
    };
    for (const auto& [command, option] : commands) {
        QTest::addRow("%s --help", qPrintable(command)) << QStringList{command, QStringLiteral("--help")} << command << option;
        QTest::addRow("help %s", qPrintable(command)) << QStringList{QStringLiteral("help"), command} << command << option;
    }
}

void TestCli::commandHelp()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, command);
    QFETCH(QString, mentions);
    RUN_CLI(run, arguments);
    QCOMPARE(run.exitCode, kExitOk);
    QVERIFY(run.err.isEmpty());
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.startsWith(QStringLiteral("Usage: attention-cli ") + command), qPrintable(out));
    QVERIFY2(out.contains(mentions), qPrintable(out));
}

void TestCli::trainJsonReportsTheRun()
{
    const QJsonObject& json = m_keywordTraining;
    QCOMPARE(sortedKeys(json), sorted({QStringLiteral("status"), QStringLiteral("message"), QStringLiteral("epochs"),
                                       QStringLiteral("metric"), QStringLiteral("history"), QStringLiteral("model"),
                                       QStringLiteral("test")}));
    QVERIFY(json.value(QStringLiteral("test")).isNull());  // no --test fraction, no test set
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QVERIFY(!json.value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(json.value(QStringLiteral("epochs")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("metric")).toString(), QStringLiteral("accuracy"));
    QCOMPARE(json.value(QStringLiteral("model")).toString(), path(QStringLiteral("keyword.model")));
    const QJsonArray history = json.value(QStringLiteral("history")).toArray();
    QCOMPARE(history.size(), 2);
    for (int i = 0; i < history.size(); ++i) {
        const QJsonObject epoch = history.at(i).toObject();
        QCOMPARE(epoch.value(QStringLiteral("epoch")).toInt(), i + 1);
        QVERIFY(isFiniteNumber(epoch.value(QStringLiteral("trainLoss"))));
        QVERIFY(epoch.value(QStringLiteral("trainLoss")).toDouble() > 0.0);
        const double accuracy = epoch.value(QStringLiteral("trainMetric")).toDouble(-1.0);
        QVERIFY(accuracy >= 0.0 && accuracy <= 1.0);
        // The default split holds out 20 % for validation, so every epoch reports it.
        QVERIFY(isFiniteNumber(epoch.value(QStringLiteral("validationLoss"))));
        QVERIFY(isFiniteNumber(epoch.value(QStringLiteral("validationMetric"))));
    }
}

void TestCli::trainHumanPrintsOneLinePerEpoch()
{
    RUN_CLI(run, {QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("spike"), QStringLiteral("--task-count"),
                  QStringLiteral("100"), QStringLiteral("--task-length"), QStringLiteral("8"), QStringLiteral("--epochs"),
                  QStringLiteral("2"), QStringLiteral("--hidden"), QStringLiteral("4"), QStringLiteral("--cell"),
                  QStringLiteral("gru"), QStringLiteral("--out"), path(QStringLiteral("human.model"))});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    const QStringList lines = QString::fromUtf8(run.out).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("epoch 1/2  loss ")), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(0).contains(QStringLiteral("val accuracy")), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("epoch 2/2  loss ")), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).contains(QStringLiteral("Trained 2 epochs")), qPrintable(lines.at(2)));
    QVERIFY(!run.out.contains('\r'));  // into a pipe: no bar redrawn in place
    QVERIFY(QFileInfo(path(QStringLiteral("human.model"))).size() > 0);
}

// On a terminal (a pseudo-terminal from util-linux's script, always in Debian), each epoch
// draws Keras' bar: "Epoch e/E", then "n/N [====>....] - ETA: ..." redrawn in place, finished
// as "N/N [======] - 1s - loss: ... - accuracy: ...", then the epoch's line.
void TestCli::trainOnATerminalRedrawsAKerasBar()
{
    const QString command = QStringLiteral("'%1' train --task spike --task-count 200 --task-length 8 --epochs 2 --hidden 4 "
                                           "--batch 8 --out '%2'")
                                .arg(QStringLiteral(ATTENTION_CLI_PATH), path(QStringLiteral("terminal.model")));
    const CliRun run = runProgram(QStringLiteral("script"),
                                  {QStringLiteral("-qfec"), command, QStringLiteral("/dev/null")});
    QVERIFY2(run.finished && run.exitCode == kExitOk, qPrintable(run.describe()));
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(QStringLiteral("Epoch 1/2\r\n")) && out.contains(QStringLiteral("Epoch 2/2\r\n")), qPrintable(out));
    // The first batch is drawn at once, with the time left.
    QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\r *1/\\d+ \\[=*>?\\.+\\] - ETA: \\d+s - loss: "))), qPrintable(out));
    const QRegularExpression finished(QStringLiteral("\r(\\d+)/\\1 \\[={30}\\] - \\d+s - loss: \\d+\\.\\d{4} - accuracy: \\d\\.\\d{4}"));
    int bars = 0;
    for (auto match = finished.globalMatch(out); match.hasNext(); match.next())
        ++bars;
    QCOMPARE(bars, 2);  // one finished bar per epoch
    QVERIFY2(out.contains(QStringLiteral("\r\nepoch 2/2  loss ")), qPrintable(out));
}

void TestCli::trainResumeContinuesTheRun()
{
    // Resume a copy, so the other tests keep their two-epoch model.
    QFile::remove(path(QStringLiteral("resumed.model")));
    QVERIFY(QFile::copy(path(QStringLiteral("keyword.model")), path(QStringLiteral("resumed.model"))));
    RUN_CLI(run, {QStringLiteral("train"), QStringLiteral("--resume"), path(QStringLiteral("resumed.model")),
                  QStringLiteral("--task-length"), QString::number(kKeywordLength), QStringLiteral("--task-count"),
                  QStringLiteral("200"), QStringLiteral("--epochs"), QStringLiteral("3"), QStringLiteral("--format"),
                  QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("epochs")).toInt(), 3);
    const QJsonArray history = json.value(QStringLiteral("history")).toArray();
    QCOMPARE(history.size(), 3);
    // The first two epochs are the saved ones, unchanged.
    const QJsonArray original = m_keywordTraining.value(QStringLiteral("history")).toArray();
    QCOMPARE(history.at(0).toObject(), original.at(0).toObject());
    QCOMPARE(history.at(1).toObject(), original.at(1).toObject());
    QCOMPARE(history.at(2).toObject().value(QStringLiteral("epoch")).toInt(), 3);
}

void TestCli::trainResumeWithoutMoreEpochsIsAUsageError()
{
    RUN_CLI(run, {QStringLiteral("train"), QStringLiteral("--resume"), path(QStringLiteral("keyword.model")),
                  QStringLiteral("--task-length"), QString::number(kKeywordLength), QStringLiteral("--task-count"),
                  QStringLiteral("200")});
    QCOMPARE(run.exitCode, kExitUsage);
    QVERIFY2(run.err.contains("--epochs"), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestCli::trainDivergedExitsNonZero()
{
    // A learning rate this large drives plain SGD to an infinite or NaN loss within an epoch.
    RUN_CLI(run, {QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("adding"), QStringLiteral("--task-count"),
                  QStringLiteral("200"), QStringLiteral("--task-length"), QStringLiteral("8"), QStringLiteral("--hidden"),
                  QStringLiteral("8"), QStringLiteral("--epochs"), QStringLiteral("5"), QStringLiteral("--optimizer"),
                  QStringLiteral("sgd"), QStringLiteral("--lr"), QStringLiteral("1e30"), QStringLiteral("--format"),
                  QStringLiteral("json"), QStringLiteral("--out"), path(QStringLiteral("diverged.model"))});
    QVERIFY2(run.exitCode == kExitFailure, qPrintable(run.describe()));
    QVERIFY2(run.err.contains("Lower the learning rate"), run.err.constData());
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("diverged"));
}

void TestCli::inferTokens_data()
{
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<QStringList>("expectedTokens");
    QTest::addColumn<QStringList>("expectedFlaws");  // one warning sentence each
    QTest::newRow("text") << QStringList{QStringLiteral("--text"), QStringLiteral("the movie was great")}
                          << QStringList{QStringLiteral("the"), QStringLiteral("movie"), QStringLiteral("was"), QStringLiteral("great")}
                          << QStringList{};
    QTest::newRow("text, case and unknown word")
        << QStringList{QStringLiteral("--text"), QStringLiteral("  The  FILM was zzzq  awful ")}
        // An unknown word is listed as itself (the warning says the model read it as <unk>).
        << QStringList{QStringLiteral("the"), QStringLiteral("film"), QStringLiteral("was"), QStringLiteral("zzzq"),
                       QStringLiteral("awful")}
        << QStringList{QStringLiteral("unknown_words")};
    // Ids 2 and 3 are the first two words the keyword task adds after <pad> and <unk>.
    QTest::newRow("ids") << QStringList{QStringLiteral("--ids"), QStringLiteral("2 3 1")}
                         << QStringList{QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("<unk>")} << QStringList{};
    QTest::newRow("ids with the padding id") << QStringList{QStringLiteral("--ids"), QStringLiteral("0 2 3")}
                                             << QStringList{QStringLiteral("<pad>"), QStringLiteral("the"), QStringLiteral("a")}
                                             << QStringList{QStringLiteral("pad_id_in_input")};
}

void TestCli::inferTokens()
{
    QFETCH(QStringList, input);
    QFETCH(QStringList, expectedTokens);
    QFETCH(QStringList, expectedFlaws);
    RUN_CLI(run, QStringList{QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")),
                             QStringLiteral("--format"), QStringLiteral("json")}
                     + input);
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(sortedKeys(json), sorted({QStringLiteral("prediction"), QStringLiteral("attention"), QStringLiteral("source"),
                                       QStringLiteral("tokens"), QStringLiteral("warnings"), QStringLiteral("flaws"),
                                       QStringLiteral("label"), QStringLiteral("probability"), QStringLiteral("format")}));
    QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("output"));
    QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("native"));
    const QJsonArray prediction = json.value(QStringLiteral("prediction")).toArray();
    QCOMPARE(prediction.size(), 1);  // one logit: the binary head
    QVERIFY(isFiniteNumber(prediction.at(0)));

    QStringList tokens;
    for (const QJsonValue& token : json.value(QStringLiteral("tokens")).toArray())
        tokens << token.toString();
    QCOMPARE(tokens, expectedTokens);
    QCOMPARE(json.value(QStringLiteral("flaws")).toArray(), QJsonArray::fromStringList(expectedFlaws));
    QCOMPARE(json.value(QStringLiteral("warnings")).toArray().size(), expectedFlaws.size());
    if (expectedFlaws.contains(QStringLiteral("unknown_words")))
        QVERIFY(json.value(QStringLiteral("warnings")).toArray().at(0).toString().contains(QStringLiteral("zzzq")));

    const QJsonObject attention = json.value(QStringLiteral("attention")).toObject();
    QCOMPARE(sortedKeys(attention), sorted({QStringLiteral("shape"), QStringLiteral("values")}));
    QCOMPARE(attention.value(QStringLiteral("shape")).toArray(), QJsonArray{static_cast<int>(expectedTokens.size())});
    const QJsonArray values = attention.value(QStringLiteral("values")).toArray();
    QCOMPARE(values.size(), expectedTokens.size());
    double sum = 0.0;
    for (const QJsonValue& value : values) {
        QVERIFY(value.toDouble(-1.0) >= 0.0 && value.toDouble() <= 1.0);
        sum += value.toDouble();
    }
    QVERIFY2(std::abs(sum - 1.0) < kSumTolerance, qPrintable(QString::number(sum)));

    const QString label = json.value(QStringLiteral("label")).toString();
    QVERIFY2(label == QLatin1String("positive") || label == QLatin1String("negative"), qPrintable(label));
    const double probability = json.value(QStringLiteral("probability")).toDouble();
    QVERIFY(probability >= 0.5 && probability <= 1.0);
    // The label follows the sign of the logit.
    QCOMPARE(label == QLatin1String("positive"), prediction.at(0).toDouble() >= 0.0);
}

void TestCli::inferSeries_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("steps");
    QTest::newRow("with header") << QStringLiteral("spike.csv") << kSpikeLength;
    QTest::newRow("without header") << QStringLiteral("spike-noheader.csv") << 5;
}

void TestCli::inferSeries()
{
    QFETCH(QString, file);
    QFETCH(int, steps);
    RUN_CLI(run, {QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("spike.model")), QStringLiteral("--series"),
                  path(file), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    // No tokens for a series.
    QCOMPARE(sortedKeys(json), sorted({QStringLiteral("prediction"), QStringLiteral("attention"), QStringLiteral("source"),
                                       QStringLiteral("warnings"), QStringLiteral("flaws"), QStringLiteral("label"),
                                       QStringLiteral("probability"), QStringLiteral("format")}));
    QVERIFY(json.value(QStringLiteral("warnings")).toArray().isEmpty());
    const QJsonObject attention = json.value(QStringLiteral("attention")).toObject();
    QCOMPARE(attention.value(QStringLiteral("shape")).toArray(), QJsonArray{steps});
    const QJsonArray values = attention.value(QStringLiteral("values")).toArray();
    QCOMPARE(values.size(), steps);
    double sum = 0.0;
    for (const QJsonValue& value : values)
        sum += value.toDouble();
    QVERIFY2(std::abs(sum - 1.0) < kSumTolerance, qPrintable(QString::number(sum)));
    const QString label = json.value(QStringLiteral("label")).toString();
    QVERIFY2(label == QLatin1String("up") || label == QLatin1String("down"), qPrintable(label));
}

void TestCli::inferWithoutAttention()
{
    RUN_CLI(run, {QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("spike-none.model")),
                  QStringLiteral("--series"), path(QStringLiteral("spike.csv")), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    const QJsonObject attention = json.value(QStringLiteral("attention")).toObject();
    QVERIFY(attention.value(QStringLiteral("shape")).isArray());
    QVERIFY(attention.value(QStringLiteral("shape")).toArray().isEmpty());
    QVERIFY(attention.value(QStringLiteral("values")).isArray());
    QVERIFY(attention.value(QStringLiteral("values")).toArray().isEmpty());
    const QJsonArray warnings = json.value(QStringLiteral("warnings")).toArray();
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.at(0).toString().contains(QStringLiteral("no attention")));
    QCOMPARE(json.value(QStringLiteral("prediction")).toArray().size(), 1);
}

void TestCli::inferSelfAttentionMatrix()
{
    RUN_CLI(run, {QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("spike-self.model")),
                  QStringLiteral("--series"), path(QStringLiteral("spike.csv")), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    const QJsonObject attention = json.value(QStringLiteral("attention")).toObject();
    QCOMPARE(attention.value(QStringLiteral("shape")).toArray(), (QJsonArray{kSpikeLength, kSpikeLength}));
    const QJsonArray values = attention.value(QStringLiteral("values")).toArray();
    QCOMPARE(values.size(), kSpikeLength * kSpikeLength);
    // Row-major: each query step's row is one distribution over the steps.
    for (int row = 0; row < kSpikeLength; ++row) {
        double sum = 0.0;
        for (int column = 0; column < kSpikeLength; ++column)
            sum += values.at(row * kSpikeLength + column).toDouble();
        QVERIFY2(std::abs(sum - 1.0) < kSumTolerance, qPrintable(QStringLiteral("row %1 sums to %2").arg(row).arg(sum)));
    }
}

void TestCli::inferHuman()
{
    RUN_CLI(run, {QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")), QStringLiteral("--text"),
                  QStringLiteral("the plot was boring")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    QVERIFY(run.err.isEmpty());
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(QRegularExpression(QStringLiteral("Prediction: (positive|negative) \\(probability (0\\.\\d{3}|1\\.000)\\)"))),
             qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Attention over 4 steps")), qPrintable(out));
    // One table row per token: step index, token, weight.
    QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\\n\\s+3  boring\\s+\\d\\.\\d{4}"))), qPrintable(out));

    RUN_CLI(matrix, {QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("spike-self.model")),
                     QStringLiteral("--series"), path(QStringLiteral("spike.csv"))});
    QVERIFY2(matrix.exitCode == kExitOk, qPrintable(matrix.describe()));
    QVERIFY2(matrix.out.contains("Attention map 12 x 12"), matrix.out.constData());
}

void TestCli::neutralClassModel()
{
    RUN_CLI(run, {QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("spike-neutral.model")),
                  QStringLiteral("--series"), path(QStringLiteral("spike.csv")), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("prediction")).toArray().size(), 3);  // down, up, flat
    const QString label = json.value(QStringLiteral("label")).toString();
    QVERIFY2(label == QLatin1String("down") || label == QLatin1String("up") || label == QLatin1String("flat"), qPrintable(label));
    // The arg-max class of three has at least a third of the probability.
    const double probability = json.value(QStringLiteral("probability")).toDouble();
    QVERIFY(probability >= 1.0 / 3.0 && probability <= 1.0);

    // evaluate regenerates the neutral class from the model's 3-class head without being told.
    RUN_CLI(evaluation, {QStringLiteral("evaluate"), QStringLiteral("--model"), path(QStringLiteral("spike-neutral.model")),
                         QStringLiteral("--task-length"), QString::number(kSpikeLength), QStringLiteral("--task-count"),
                         QStringLiteral("150"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(evaluation.exitCode == kExitOk, qPrintable(evaluation.describe()));
    PARSE_JSON(result, evaluation);
    QCOMPARE(result.value(QStringLiteral("examples")).toInt(), 150);
    // Neutral examples have no deciding step, so relevance covers only the others.
    const int relevanceExamples = result.value(QStringLiteral("relevance")).toObject().value(QStringLiteral("examples")).toInt();
    QVERIFY2(relevanceExamples > 0 && relevanceExamples < 150, qPrintable(QString::number(relevanceExamples)));
}

// explain on token ids: one number per step and method, integrated gradients complete within
// their reported error, agreement for every method but the attention, and occlusion equal to the
// drop `infer` itself gives when a step is replaced by the pad id.
void TestCli::explainJson()
{
    const QString ids = QStringLiteral("3 7 1 4 9 2 5 8");
    RUN_CLI(run, {QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")), QStringLiteral("--ids"),
                  ids, QStringLiteral("--ig-steps"), QStringLiteral("64"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("steps")).toArray().size(), 8);
    QVERIFY(json.value(QStringLiteral("class")).isNull());  // a binary head: one output
    const QJsonObject methods = json.value(QStringLiteral("methods")).toObject();
    for (const char* name : {"attention", "attention_norm", "gradient", "grad_input", "occlusion", "integrated_gradients"})
        QVERIFY2(methods.value(QLatin1String(name)).toArray().size() == 8, name);
    const QJsonObject completeness = json.value(QStringLiteral("integrated_gradients_completeness")).toObject();
    double sum = 0.0;
    for (const QJsonValue& value : methods.value(QStringLiteral("integrated_gradients")).toArray())
        sum += value.toDouble();
    QVERIFY(std::abs(sum - completeness.value(QStringLiteral("sum")).toDouble()) < 1e-5);
    QVERIFY(completeness.value(QStringLiteral("error")).toDouble()
            < 1e-2 * std::max(1.0, std::abs(completeness.value(QStringLiteral("expected")).toDouble())));
    const QJsonObject tau = json.value(QStringLiteral("agreement")).toObject().value(QStringLiteral("kendall_tau")).toObject();
    QCOMPARE(tau.size(), 5);
    QVERIFY(!tau.contains(QStringLiteral("attention")));
    for (const QJsonValue& value : tau)
        QVERIFY(value.isNull() || std::abs(value.toDouble()) <= 1.0);

    // Faithfulness for every ranking and random ones; interventions on the additive attention.
    const QJsonObject faithfulness = json.value(QStringLiteral("faithfulness")).toObject();
    QCOMPARE(faithfulness.value(QStringLiteral("k")).toArray().size(), 5);
    const QJsonObject by = faithfulness.value(QStringLiteral("by")).toObject();
    QCOMPARE(by.size(), 7);  // six methods and random
    QCOMPARE(by.value(QStringLiteral("random")).toObject().value(QStringLiteral("draws")).toInt(), 10);
    QCOMPARE(by.value(QStringLiteral("attention")).toObject().value(QStringLiteral("sufficiency")).toArray().size(), 5);
    const QJsonObject interventions = json.value(QStringLiteral("interventions")).toObject();
    QVERIFY(interventions.value(QStringLiteral("available")).toBool());
    const QJsonObject uniform = interventions.value(QStringLiteral("uniform")).toObject();
    QVERIFY(std::abs(uniform.value(QStringLiteral("score")).toDouble() - json.value(QStringLiteral("score")).toDouble()
                     - uniform.value(QStringLiteral("change")).toDouble())
            < 1e-9);

    // Occlusion against infer on the occluded ids.
    RUN_CLI(whole, {QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")), QStringLiteral("--ids"),
                    ids, QStringLiteral("--format"), QStringLiteral("json")});
    PARSE_JSON(wholeJson, whole);
    const double score = wholeJson.value(QStringLiteral("prediction")).toArray().at(0).toDouble();
    QVERIFY(std::abs(score - json.value(QStringLiteral("score")).toDouble()) < 1e-4);
    QStringList occludedIds = ids.split(QLatin1Char(' '));
    occludedIds[3] = QStringLiteral("0");
    RUN_CLI(occluded, {QStringLiteral("infer"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")), QStringLiteral("--ids"),
                       occludedIds.join(QLatin1Char(' ')), QStringLiteral("--format"), QStringLiteral("json")});
    PARSE_JSON(occludedJson, occluded);
    const double drop = score - occludedJson.value(QStringLiteral("prediction")).toArray().at(0).toDouble();
    QVERIFY2(std::abs(methods.value(QStringLiteral("occlusion")).toArray().at(3).toDouble() - drop) < 1e-4,
             qPrintable(QStringLiteral("%1 vs %2").arg(methods.value(QStringLiteral("occlusion")).toArray().at(3).toDouble()).arg(drop)));
}

// A series model names its steps by number; --methods keeps only what was asked for; an unknown
// method is a usage error naming the methods.
void TestCli::explainSeriesAndChosenMethods()
{
    RUN_CLI(run, {QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("spike.model")), QStringLiteral("--series"),
                  path(QStringLiteral("spike.csv")), QStringLiteral("--methods"), QStringLiteral("gradient,occlusion"),
                  QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    const QJsonArray steps = json.value(QStringLiteral("steps")).toArray();
    QCOMPARE(steps.size(), kSpikeLength);
    QCOMPARE(steps.at(5).toString(), QStringLiteral("5"));
    const QJsonObject methods = json.value(QStringLiteral("methods")).toObject();
    QCOMPARE(methods.keys(), (QStringList{QStringLiteral("gradient"), QStringLiteral("occlusion")}));
    QVERIFY(!json.contains(QStringLiteral("integrated_gradients_completeness")));

    RUN_CLI(bad, {QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("spike.model")), QStringLiteral("--series"),
                  path(QStringLiteral("spike.csv")), QStringLiteral("--methods"), QStringLiteral("saliency")});
    QCOMPARE(bad.exitCode, kExitUsage);
    QVERIFY2(bad.err.contains("saliency") && bad.err.contains("integrated_gradients"), bad.err.constData());
}

// Self-attention has a map, not one distribution: no attention rows, a note saying so, the
// attributions still there.
void TestCli::explainModelWithoutOneDistribution()
{
    RUN_CLI(run, {QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("spike-self.model")), QStringLiteral("--series"),
                  path(QStringLiteral("spike.csv")), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    const QJsonObject methods = json.value(QStringLiteral("methods")).toObject();
    QVERIFY(!methods.contains(QStringLiteral("attention")));
    QCOMPARE(methods.value(QStringLiteral("gradient")).toArray().size(), kSpikeLength);
    QVERIFY(json.value(QStringLiteral("notes")).toArray().at(0).toString().contains(QStringLiteral("single attention distribution")));
    const QJsonObject interventions = json.value(QStringLiteral("interventions")).toObject();
    QVERIFY(!interventions.value(QStringLiteral("available")).toBool());
    QVERIFY(!interventions.value(QStringLiteral("reason")).toString().isEmpty());
}

// explain --task: every generated example explained, summarised per method, with how often each
// method's top step is one the task marks as deciding (a share of the examples, or null).
void TestCli::explainTaskSummarisesEveryExample()
{
    RUN_CLI(run, {QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("spike.model")), QStringLiteral("--task"),
                  QStringLiteral("spike"), QStringLiteral("--task-length"), QString::number(kSpikeLength), QStringLiteral("--task-count"),
                  QStringLiteral("12"), QStringLiteral("--ig-steps"), QStringLiteral("8"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("examples")).toInt(), 12);
    QCOMPARE(json.value(QStringLiteral("per_example")).toArray().size(), 12);
    const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
    for (const char* name : {"attention", "gradient", "occlusion", "integrated_gradients", "random"})
        QVERIFY2(summary.contains(QLatin1String(name)), name);
    const QJsonObject occlusion = summary.value(QStringLiteral("occlusion")).toObject();
    QCOMPARE(occlusion.value(QStringLiteral("marked_examples")).toInt(), 12);
    const double share = occlusion.value(QStringLiteral("top_step_decides")).toDouble(-1.0);
    QVERIFY(share >= 0.0 && share <= 1.0);
    const QJsonObject tau = occlusion.value(QStringLiteral("kendall_tau")).toObject();
    QVERIFY(tau.value(QStringLiteral("lower")).toDouble() <= tau.value(QStringLiteral("median")).toDouble());
    QVERIFY(tau.value(QStringLiteral("median")).toDouble() <= tau.value(QStringLiteral("upper")).toDouble());
    QVERIFY(summary.value(QStringLiteral("random")).toObject().value(QStringLiteral("top_step_decides")).isNull());
}

// explain --data reads a labelled text file with evaluate --data's options: a tab-separated file
// under an extension that says nothing, with columns no default name matches, is read only when
// --data-format, --text-column and --label-column say how, and then every text is explained.
void TestCli::explainDataTakesEvaluatesDataOptions()
{
    writeFile(QStringLiteral("opinions.dat"), "stars\topinion\n1\tthe camera was great\n0\tthey saw some awful part\n"
                                              "0\tthe music was boring\n1\twe saw a superb ending\n");
    const QStringList explain{QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")),
                              QStringLiteral("--data"), path(QStringLiteral("opinions.dat")), QStringLiteral("--ig-steps"),
                              QStringLiteral("4"), QStringLiteral("--format"), QStringLiteral("json")};
    RUN_CLI(unsaid, explain);
    QVERIFY2(unsaid.exitCode != kExitOk, qPrintable(unsaid.describe()));

    RUN_CLI(run, explain + QStringList{QStringLiteral("--data-format"), QStringLiteral("tsv"), QStringLiteral("--text-column"),
                                       QStringLiteral("opinion"), QStringLiteral("--label-column"), QStringLiteral("stars")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("examples")).toInt(), 4);
    const QJsonArray rows = json.value(QStringLiteral("per_example")).toArray();
    QCOMPARE(rows.size(), 4);
    // The texts in file order, each with its own words: "we saw a superb ending" has five.
    QCOMPARE(rows.at(3).toObject().value(QStringLiteral("index")).toInt(), 3);
    QCOMPARE(rows.at(3).toObject().value(QStringLiteral("steps")).toInt(), 5);
    QVERIFY(json.value(QStringLiteral("summary")).toObject().contains(QStringLiteral("occlusion")));

    RUN_CLI(badFormat, explain + QStringList{QStringLiteral("--data-format"), QStringLiteral("xls")});
    QCOMPARE(badFormat.exitCode, kExitUsage);
    QVERIFY2(badFormat.err.contains("--data-format must be"), badFormat.err.constData());
}

void TestCli::evaluateJson()
{
    RUN_CLI(run, {QStringLiteral("evaluate"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")), QStringLiteral("--task"),
                  QStringLiteral("keyword"), QStringLiteral("--task-length"), QString::number(kKeywordLength),
                  QStringLiteral("--task-count"), QStringLiteral("300"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("examples")).toInt(), 300);
    QCOMPARE(json.value(QStringLiteral("task")).toString(), QStringLiteral("keyword"));
    QVERIFY(json.value(QStringLiteral("seed")).toString() != QLatin1String("1"));  // held out from training's default
    QVERIFY(isFiniteNumber(json.value(QStringLiteral("loss"))));
    QVERIFY(json.value(QStringLiteral("loss")).toDouble() > 0.0);
    QCOMPARE(json.value(QStringLiteral("metric")).toString(), QStringLiteral("accuracy"));
    const double accuracy = json.value(QStringLiteral("value")).toDouble(-1.0);
    QVERIFY(accuracy >= 0.0 && accuracy <= 1.0);
    const QJsonObject relevance = json.value(QStringLiteral("relevance")).toObject();
    QCOMPARE(relevance.value(QStringLiteral("examples")).toInt(), 300);
    for (const char* field : {"topIsRelevant", "relevantMass"}) {
        const double value = relevance.value(QLatin1String(field)).toDouble(-1.0);
        QVERIFY2(value >= 0.0 && value <= 1.0, field);
    }
    // Mass over its uniform share: between 0 and T (all mass on the single relevant step).
    const double overUniform = relevance.value(QStringLiteral("overUniform")).toDouble(-1.0);
    QVERIFY(overUniform > 0.0 && overUniform <= kKeywordLength + kSumTolerance);
}

void TestCli::evaluateHumanAndNoRelevanceForSelf()
{
    RUN_CLI(run, {QStringLiteral("evaluate"), QStringLiteral("--model"), path(QStringLiteral("spike.model")),
                  QStringLiteral("--task-length"), QString::number(kSpikeLength), QStringLiteral("--task-count"),
                  QStringLiteral("100")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    QVERIFY2(run.out.contains("on 100 fresh \"spike\" examples"), run.out.constData());
    QVERIFY2(run.out.contains("accuracy"), run.out.constData());
    QVERIFY2(run.out.contains("top step is relevant"), run.out.constData());

    RUN_CLI(self, {QStringLiteral("evaluate"), QStringLiteral("--model"), path(QStringLiteral("spike-self.model")),
                   QStringLiteral("--task"), QStringLiteral("spike"), QStringLiteral("--task-count"), QStringLiteral("50"),
                   QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(self.exitCode == kExitOk, qPrintable(self.describe()));
    PARSE_JSON(json, self);
    QVERIFY(json.value(QStringLiteral("relevance")).isNull());
    QVERIFY(isFiniteNumber(json.value(QStringLiteral("loss"))));
}

void TestCli::tasksHuman()
{
    RUN_CLI(run, {QStringLiteral("tasks")});
    QCOMPARE(run.exitCode, kExitOk);
    const QStringList lines = QString::fromUtf8(run.out).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);  // header + three tasks
    QVERIFY(lines.at(1).startsWith(QStringLiteral("keyword")));
    QVERIFY(lines.at(2).startsWith(QStringLiteral("spike")));
    QVERIFY(lines.at(3).startsWith(QStringLiteral("adding")));
}

void TestCli::tasksJson()
{
    RUN_CLI(run, {QStringLiteral("tasks"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.exitCode, kExitOk);
    PARSE_JSON(json, run);
    const QJsonArray tasks = json.value(QStringLiteral("tasks")).toArray();
    QStringList names;
    for (const QJsonValue& entry : tasks) {
        const QJsonObject task = entry.toObject();
        QCOMPARE(sortedKeys(task), sorted({QStringLiteral("name"), QStringLiteral("defaultLength"), QStringLiteral("description")}));
        QVERIFY(task.value(QStringLiteral("defaultLength")).toInt() > 0);
        QVERIFY(!task.value(QStringLiteral("description")).toString().isEmpty());
        names << task.value(QStringLiteral("name")).toString();
    }
    QCOMPARE(names, (QStringList{QStringLiteral("keyword"), QStringLiteral("spike"), QStringLiteral("adding")}));
}

void TestCli::benchJson()
{
    RUN_CLI(run, {QStringLiteral("bench"), QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--repeats"),
                  QStringLiteral("1"), QStringLiteral("--warmup"), QStringLiteral("1"), QStringLiteral("--inference-calls"),
                  QStringLiteral("3"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("configuration")).toString(), QStringLiteral("seed4"));
    QCOMPARE(json.value(QStringLiteral("threads")).toInt(), 1);
    // Only that the numbers exist and are positive: timings are never asserted.
    for (const char* field : {"tokensPerSecond", "samplesPerSecond", "libTorchTokensPerSecond", "ourLoopTokensPerSecond",
                              "trainingSpeedup", "inferenceP50Ms", "inferenceP95Ms", "batchSize", "sequenceLength"}) {
        const QJsonValue value = json.value(QLatin1String(field));
        QVERIFY2(isFiniteNumber(value) && value.toDouble() > 0.0, field);
    }
    // The three kernels train in the same sitting, one repeat each.
    for (const char* field : {"repeatTokensPerSecond", "repeatLibTorchTokensPerSecond", "repeatOurLoopTokensPerSecond"})
        QVERIFY2(json.value(QLatin1String(field)).toArray().size() == 1, field);
}

void TestCli::benchHuman()
{
    RUN_CLI(run, {QStringLiteral("bench"), QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--repeats"),
                  QStringLiteral("1"), QStringLiteral("--warmup"), QStringLiteral("0"), QStringLiteral("--inference-calls"),
                  QStringLiteral("2"), QStringLiteral("--threads"), QStringLiteral("2")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    QVERIFY2(run.out.contains("tokens/s") && run.out.contains("samples/s"), run.out.constData());
    QVERIFY2(run.out.contains("p50") && run.out.contains("p95"), run.out.constData());
    QVERIFY2(run.out.contains("threads 2"), run.out.constData());
}

void TestCli::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");  // what the one-sentence message must name

    const QString infer = QStringLiteral("infer");
    const QString model = QStringLiteral("--model");
    const QString text = QStringLiteral("--text");
    const QString keywordModel = path(QStringLiteral("keyword.model"));
    const QString spikeModel = path(QStringLiteral("spike.model"));

    QTest::newRow("no command") << QStringList{} << kExitUsage << QStringLiteral("--help");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << kExitUsage << QStringLiteral("frobnicate");
    QTest::newRow("help for unknown command") << QStringList{QStringLiteral("help"), QStringLiteral("frobnicate")} << kExitUsage
                                              << QStringLiteral("frobnicate");
    QTest::newRow("unknown flag") << QStringList{QStringLiteral("train"), QStringLiteral("--bogus-flag")} << kExitUsage
                                  << QStringLiteral("bogus-flag");
    QTest::newRow("stray argument") << QStringList{QStringLiteral("tasks"), QStringLiteral("extra")} << kExitUsage
                                    << QStringLiteral("extra");
    QTest::newRow("missing --model") << QStringList{infer, text, QStringLiteral("great")} << kExitUsage << QStringLiteral("--model");
    QTest::newRow("missing option value") << QStringList{infer, model} << kExitUsage << QStringLiteral("model");
    QTest::newRow("two inputs") << QStringList{infer, model, keywordModel, text, QStringLiteral("a"), QStringLiteral("--ids"),
                                               QStringLiteral("2")}
                                << kExitUsage << QStringLiteral("exactly one input");
    QTest::newRow("bad format") << QStringList{QStringLiteral("tasks"), QStringLiteral("--format"), QStringLiteral("xml")}
                                << kExitUsage << QStringLiteral("xml");
    QTest::newRow("train without --task") << QStringList{QStringLiteral("train"), QStringLiteral("--out"), path(QStringLiteral("x.model"))}
                                          << kExitUsage << QStringLiteral("--task");
    QTest::newRow("train without --out") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("spike")}
                                         << kExitUsage << QStringLiteral("--out");
    QTest::newRow("unknown task") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("poetry"),
                                                 QStringLiteral("--out"), path(QStringLiteral("x.model"))}
                                  << kExitUsage << QStringLiteral("poetry");
    QTest::newRow("unknown attention") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("spike"),
                                                      QStringLiteral("--attention"), QStringLiteral("magic"), QStringLiteral("--out"),
                                                      path(QStringLiteral("x.model"))}
                                       << kExitUsage << QStringLiteral("magic");
    QTest::newRow("non-numeric --hidden") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("spike"),
                                                         QStringLiteral("--hidden"), QStringLiteral("lots"), QStringLiteral("--out"),
                                                         path(QStringLiteral("x.model"))}
                                          << kExitUsage << QStringLiteral("--hidden");
    QTest::newRow("dropout out of range") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("spike"),
                                                         QStringLiteral("--dropout"), QStringLiteral("1.5"), QStringLiteral("--out"),
                                                         path(QStringLiteral("x.model"))}
                                          << kExitUsage << QStringLiteral("--dropout");
    QTest::newRow("neutral class for adding") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("adding"),
                                                             QStringLiteral("--neutral-class"), QStringLiteral("--out"),
                                                             path(QStringLiteral("x.model"))}
                                              << kExitUsage << QStringLiteral("--neutral-class");
    QTest::newRow("out folder missing") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("spike"),
                                                       QStringLiteral("--task-count"), QStringLiteral("20"), QStringLiteral("--epochs"),
                                                       QStringLiteral("1"), QStringLiteral("--hidden"), QStringLiteral("2"),
                                                       QStringLiteral("--out"), path(QStringLiteral("no/such/dir/x.model"))}
                                        << kExitFailure << QStringLiteral("no/such/dir/x.model");
    QTest::newRow("resume missing file") << QStringList{QStringLiteral("train"), QStringLiteral("--resume"),
                                                        path(QStringLiteral("missing-run.model"))}
                                         << kExitFailure << QStringLiteral("missing-run.model");

    QTest::newRow("missing model file") << QStringList{infer, model, path(QStringLiteral("absent.model")), text, QStringLiteral("great")}
                                        << kExitFailure << QStringLiteral("absent.model");
    for (const char* corrupt : {"random.model", "truncated.model", "empty.model", "text.model"}) {
        QTest::addRow("corrupt model: %s", corrupt)
            << QStringList{infer, model, path(QLatin1String(corrupt)), text, QStringLiteral("great")} << kExitFailure
            << QString::fromLatin1(corrupt);
        QTest::addRow("corrupt model, evaluate: %s", corrupt)
            << QStringList{QStringLiteral("evaluate"), model, path(QLatin1String(corrupt)), QStringLiteral("--task"),
                           QStringLiteral("keyword")}
            << kExitFailure << QString::fromLatin1(corrupt);
    }
    // Files that crash LibTorch or make it ask for gigabytes when read in-process (found by
    // fuzz_model_file): the CLI reads them first in a forked child and survives with a sentence.
    const QString crashes = QStringLiteral(STUDIO_FUZZ_REGRESSIONS_DIR "/model_file-libtorch-crashes.asmodel");
    const QString gigabytes = QStringLiteral(STUDIO_FUZZ_REGRESSIONS_DIR "/model_file-libtorch-reserves-gigabytes.asmodel");
    QTest::newRow("model that crashes LibTorch: infer") << QStringList{infer, model, crashes, text, QStringLiteral("great")}
                                                         << kExitFailure << QStringLiteral("crashed reading it");
    QTest::newRow("model that crashes LibTorch: evaluate")
        << QStringList{QStringLiteral("evaluate"), model, crashes, QStringLiteral("--task"), QStringLiteral("keyword")}
        << kExitFailure << QStringLiteral("model_file-libtorch-crashes.asmodel");
    QTest::newRow("model that asks for gigabytes") << QStringList{infer, model, gigabytes, text, QStringLiteral("great")}
                                                    << kExitFailure << QStringLiteral("reserves-gigabytes.asmodel");
    QTest::newRow("model is a folder") << QStringList{infer, model, m_dir.path(), text, QStringLiteral("great")} << kExitFailure
                                       << m_dir.path();

    QTest::newRow("id out of range") << QStringList{infer, model, keywordModel, QStringLiteral("--ids"), QStringLiteral("3 999 1")}
                                     << kExitFailure << QStringLiteral("999");
    QTest::newRow("negative id") << QStringList{infer, model, keywordModel, QStringLiteral("--ids"), QStringLiteral("3 -1")}
                                 << kExitFailure << QStringLiteral("-1");
    QTest::newRow("non-numeric id") << QStringList{infer, model, keywordModel, QStringLiteral("--ids"), QStringLiteral("3 seven")}
                                    << kExitUsage << QStringLiteral("seven");
    QTest::newRow("empty text") << QStringList{infer, model, keywordModel, text, QStringLiteral("   ")} << kExitUsage
                                << QStringLiteral("--text");
    QTest::newRow("text into a series model") << QStringList{infer, model, spikeModel, text, QStringLiteral("great")}
                                              << kExitFailure << QStringLiteral("--series");
    QTest::newRow("series into a token model")
        << QStringList{infer, model, keywordModel, QStringLiteral("--series"), path(QStringLiteral("spike.csv"))} << kExitFailure
        << QStringLiteral("--text");
    QTest::newRow("series: wrong column count")
        << QStringList{infer, model, spikeModel, QStringLiteral("--series"), path(QStringLiteral("wide.csv"))} << kExitFailure
        << path(QStringLiteral("wide.csv")) + QStringLiteral(" line 1 has 2 columns");
    QTest::newRow("series: non-numeric cell")
        << QStringList{infer, model, spikeModel, QStringLiteral("--series"), path(QStringLiteral("badcell.csv"))} << kExitFailure
        << path(QStringLiteral("badcell.csv")) + QStringLiteral(" line 3");
    QTest::newRow("series: missing file")
        << QStringList{infer, model, spikeModel, QStringLiteral("--series"), path(QStringLiteral("absent.csv"))} << kExitFailure
        << QStringLiteral("absent.csv");
    QTest::newRow("series: empty file")
        << QStringList{infer, model, spikeModel, QStringLiteral("--series"), path(QStringLiteral("empty.model"))} << kExitFailure
        << QStringLiteral("no data rows");

    QTest::newRow("evaluate on the wrong task")
        << QStringList{QStringLiteral("evaluate"), model, keywordModel, QStringLiteral("--task"), QStringLiteral("spike")}
        << kExitFailure << QStringLiteral("keyword");
    QTest::newRow("evaluate on the wrong series task")
        << QStringList{QStringLiteral("evaluate"), model, spikeModel, QStringLiteral("--task"), QStringLiteral("adding")}
        << kExitFailure << QStringLiteral("spike");
    QTest::newRow("bench: unknown configuration") << QStringList{QStringLiteral("bench"), QStringLiteral("--config"),
                                                                 QStringLiteral("warp9")}
                                                  << kExitUsage << QStringLiteral("warp9");
    QTest::newRow("bench: zero threads") << QStringList{QStringLiteral("bench"), QStringLiteral("--threads"), QStringLiteral("0")}
                                         << kExitUsage << QStringLiteral("--threads");
}

void TestCli::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    RUN_CLI(run, arguments);
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
    const QString error = QString::fromUtf8(run.err).trimmed();
    QVERIFY2(error.startsWith(QStringLiteral("attention-cli: ")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(QStringLiteral("more than one line: ") + error));
    QVERIFY2(error.contains(mentions), qPrintable(QStringLiteral("\"%1\" does not mention \"%2\"").arg(error, mentions)));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
