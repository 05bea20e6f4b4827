// attention-cli on Keras files, end to end: infer prints the same JSON contract as for the other
// formats (through the one model interface), text goes through the tokenizer saved beside the
// model, render draws a Keras model beside another, evaluate --data scores a labelled file, and a
// weights-only file needs --keras-config. The files are written at test time by
// tests/external/keras/make_keras_fixtures.py (python3-h5py), with their own numpy references.

#include "data/CsvWriter.h"
#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio::testing;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr double kTolerance = 1e-5;

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

QString idsText(const QJsonArray& ids)
{
    QStringList parts;
    for (const QJsonValue& id : ids)
        parts << QString::number(id.toInteger());
    return parts.join(QLatin1Char(' '));
}

} // namespace

#define PARSE_JSON(object, run)                                            \
    QString object##Problem;                                               \
    const QJsonObject object = parseObject((run).out, &object##Problem);   \
    QVERIFY2(object##Problem.isEmpty(), qPrintable(object##Problem))

class TestCliKeras : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inferPrintsTheContract();
    void inferReadsTextThroughTheTokenizer();
    void renderComparesKerasModels();
    void evaluateScoresALabelledFile();
    void weightsOnlyNeedsTheArchitecture();
    void explainReadsTextThroughTheTokenizer();

private:
    QString fixture(const QString& name) const { return m_dir.filePath(name); }
    QJsonObject expected(const QString& name) const { return readJson(fixture(name + QStringLiteral(".expected.json"))); }
    QTemporaryDir m_dir;
};

void TestCliKeras::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
    QVERIFY(m_dir.isValid());
    const CliRun run = runPython({QStringLiteral(STUDIO_SOURCE_DIR "/tests/external/keras/make_keras_fixtures.py"), m_dir.path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const CliRun explainFixtures =
        runPython({QStringLiteral(STUDIO_SOURCE_DIR "/tests/external/keras/make_explain_fixtures.py"), m_dir.path()});
    QVERIFY2(explainFixtures.exitCode == 0, qPrintable(explainFixtures.describe()));
}

// Tutorial 001 as Keras 2.2.4 saved it: the JSON has every field of the contract, the prediction
// and the attention equal the reference, the attention is the Activation('softmax') over the
// steps (the first candidate that fits), and the padding warning is there.
void TestCliKeras::inferPrintsTheContract()
{
    const QString name = QStringLiteral("seed001_bilstm_attention_keras224");
    const QJsonArray cases = expected(name).value(QStringLiteral("cases")).toArray();
    QJsonObject item;
    for (const QJsonValue& value : cases)  // a pre-padded case, so the padding warning can show
        if (value.toObject().value(QStringLiteral("input")).toObject().value(QStringLiteral("ids")).toArray().at(0).toInt() == 0)
            item = value.toObject();
    QVERIFY(!item.isEmpty());
    const QJsonArray ids = item.value(QStringLiteral("input")).toObject().value(QStringLiteral("ids")).toArray();
    const CliRun run = runCli({QStringLiteral("infer"), QStringLiteral("--model"), fixture(name + QStringLiteral(".h5")),
                               QStringLiteral("--ids"), idsText(ids), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    for (const char* key : {"prediction", "attention", "source", "warnings", "tokens", "format", "candidates", "candidate"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("keras"));
    QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("graph"));
    QVERIFY(largestDifference(json.value(QStringLiteral("prediction")).toArray(), item.value(QStringLiteral("prediction")).toArray())
            < kTolerance);
    const QJsonObject softmax = item.value(QStringLiteral("softmaxes")).toArray().at(0).toObject();
    const QJsonObject attention = json.value(QStringLiteral("attention")).toObject();
    QCOMPARE(attention.value(QStringLiteral("shape")).toArray(), softmax.value(QStringLiteral("shape")).toArray());
    QVERIFY(largestDifference(attention.value(QStringLiteral("values")).toArray(), softmax.value(QStringLiteral("values")).toArray())
            < kTolerance);
    QCOMPARE(json.value(QStringLiteral("tokens")).toArray().size(), ids.size());
    const QString warnings = QString::fromUtf8(QJsonDocument(json.value(QStringLiteral("warnings")).toArray()).toJson());
    QVERIFY2(warnings.contains(QStringLiteral("padding steps")), qPrintable(warnings));
    QVERIFY(json.value(QStringLiteral("flaws")).toArray().contains(QStringLiteral("padding_weight")));

    // The human form names the model's layers and lists the softmaxes to choose from.
    const CliRun human = runCli({QStringLiteral("infer"), QStringLiteral("--model"), fixture(name + QStringLiteral(".h5")),
                                 QStringLiteral("--ids"), idsText(ids)});
    QVERIFY2(human.exitCode == kExitOk, qPrintable(human.describe()));
    QVERIFY2(human.out.contains("Bidirectional(LSTM)") && human.out.contains("--candidate N"), human.out.constData());
}

void TestCliKeras::inferReadsTextThroughTheTokenizer()
{
    const QString name = QStringLiteral("text_lstm_attention_tfkeras");
    const QJsonObject item = expected(name).value(QStringLiteral("cases")).toArray().at(0).toObject();
    const QJsonObject input = item.value(QStringLiteral("input")).toObject();
    const CliRun run = runCli({QStringLiteral("infer"), QStringLiteral("--model"), fixture(name + QStringLiteral(".h5")),
                               QStringLiteral("--text"), input.value(QStringLiteral("text")).toString(), QStringLiteral("--format"),
                               QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("tokens")).toArray().size(), input.value(QStringLiteral("ids")).toArray().size());
    QVERIFY(largestDifference(json.value(QStringLiteral("prediction")).toArray(), item.value(QStringLiteral("prediction")).toArray())
            < kTolerance);
}

void TestCliKeras::renderComparesKerasModels()
{
    // The same model in two layouts (Keras 3 .keras and tf.keras 2.15 .keras): one figure, both rows.
    const QJsonArray ids = expected(QStringLiteral("same_bilstm_keras3")).value(QStringLiteral("cases")).toArray().at(0).toObject()
                               .value(QStringLiteral("input")).toObject().value(QStringLiteral("ids")).toArray();
    const QString out = fixture(QStringLiteral("compare.png"));
    const CliRun run = runCli({QStringLiteral("render"), QStringLiteral("--model"), fixture(QStringLiteral("same_bilstm_keras3.keras")),
                               QStringLiteral("--compare"), fixture(QStringLiteral("same_bilstm_tf215.keras")), QStringLiteral("--ids"),
                               idsText(ids), QStringLiteral("--out"), out, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QCOMPARE(json.value(QStringLiteral("models")).toArray().size(), 2);
    QVERIFY(QFileInfo(out).size() > 0);
}

// Texts labelled with the class the model itself predicts for them score 1.0; flipping every
// label scores 0.0: the accuracy is computed, not assumed.
void TestCliKeras::evaluateScoresALabelledFile()
{
    const QString name = QStringLiteral("text_lstm_attention_tfkeras");
    const QString model = fixture(name + QStringLiteral(".h5"));
    QStringList rows{QStringLiteral("text,label")};
    QStringList flipped{QStringLiteral("text,label")};
    for (const QJsonValue& value : expected(name).value(QStringLiteral("cases")).toArray()) {
        const QJsonObject item = value.toObject();
        const double p = item.value(QStringLiteral("prediction")).toArray().at(0).toDouble();
        const QString text = item.value(QStringLiteral("input")).toObject().value(QStringLiteral("text")).toString();
        const int predicted = p >= 0.5 ? 1 : 0;
        const QString quoted = studio::csvField(text);  // the app's one CSV writer
        rows << QStringLiteral("%1,%2").arg(quoted).arg(predicted);
        flipped << QStringLiteral("%1,%2").arg(quoted).arg(1 - predicted);
    }
    for (const auto& [file, lines, accuracy] : {std::tuple{QStringLiteral("agree.csv"), rows, 1.0},
                                                std::tuple{QStringLiteral("flipped.csv"), flipped, 0.0}}) {
        QFile csv(fixture(file));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
        csv.close();
        const CliRun run = runCli({QStringLiteral("evaluate"), QStringLiteral("--model"), model, QStringLiteral("--data"),
                                   fixture(file), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
        PARSE_JSON(json, run);
        QCOMPARE(json.value(QStringLiteral("examples")).toInt(), static_cast<int>(lines.size() - 1));
        QCOMPARE(json.value(QStringLiteral("value")).toDouble(), accuracy);
        QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("keras"));
    }
}

void TestCliKeras::weightsOnlyNeedsTheArchitecture()
{
    const QString name = QStringLiteral("same_bilstm_weights_tfkeras");
    const QJsonObject item = expected(name).value(QStringLiteral("cases")).toArray().at(0).toObject();
    const QString ids = idsText(item.value(QStringLiteral("input")).toObject().value(QStringLiteral("ids")).toArray());
    const CliRun refused = runCli({QStringLiteral("infer"), QStringLiteral("--model"), fixture(name + QStringLiteral(".h5")),
                                   QStringLiteral("--ids"), ids});
    QCOMPARE(refused.exitCode, kExitFailure);
    QVERIFY2(refused.err.contains("--keras-config") && refused.err.contains(name.toUtf8()), refused.err.constData());
    const CliRun run = runCli({QStringLiteral("infer"), QStringLiteral("--model"), fixture(name + QStringLiteral(".h5")),
                               QStringLiteral("--keras-config"), fixture(name + QStringLiteral(".config.json")),
                               QStringLiteral("--ids"), ids, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    QVERIFY(largestDifference(json.value(QStringLiteral("prediction")).toArray(), item.value(QStringLiteral("prediction")).toArray())
            < kTolerance);
}

// explain on a Keras text model (Embedding + Bi-LSTM + custom attention + Dense softmax, its
// tokenizer beside it): the steps are the padded tokens infer shows, the score is infer's output
// for the predicted class, every method has one number per step, integrated gradients sum to what
// they report, and the attention row is infer's attention.
void TestCliKeras::explainReadsTextThroughTheTokenizer()
{
    const QString name = QStringLiteral("explain_bilstm_attention_tfkeras");
    const QJsonObject item = expected(name).value(QStringLiteral("cases")).toArray().at(0).toObject();
    const QString text = item.value(QStringLiteral("input")).toObject().value(QStringLiteral("text")).toString();
    const CliRun run = runCli({QStringLiteral("explain"), QStringLiteral("--model"), fixture(name + QStringLiteral(".h5")),
                               QStringLiteral("--text"), text, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    const CliRun infer = runCli({QStringLiteral("infer"), QStringLiteral("--model"), fixture(name + QStringLiteral(".h5")),
                                 QStringLiteral("--text"), text, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(infer.exitCode == kExitOk, qPrintable(infer.describe()));
    PARSE_JSON(inferJson, infer);

    const QJsonArray tokens = inferJson.value(QStringLiteral("tokens")).toArray();
    QCOMPARE(json.value(QStringLiteral("steps")).toArray(), tokens);
    QCOMPARE(tokens.size(), 8);
    QVERIFY(tokens.contains(QStringLiteral("<pad>")));  // pad_sequences' padding, shown as infer shows it
    const QJsonArray prediction = inferJson.value(QStringLiteral("prediction")).toArray();
    int best = 0;
    for (int i = 1; i < prediction.size(); ++i)
        if (prediction.at(i).toDouble() > prediction.at(best).toDouble())
            best = i;
    QCOMPARE(json.value(QStringLiteral("class")).toInt(-1), best);
    QVERIFY(std::abs(json.value(QStringLiteral("score")).toDouble() - prediction.at(best).toDouble()) < kTolerance);
    const QJsonObject methods = json.value(QStringLiteral("methods")).toObject();
    for (const char* method : {"attention", "attention_norm", "gradient", "grad_input", "occlusion", "integrated_gradients"})
        QVERIFY2(methods.value(QLatin1String(method)).toArray().size() == 8, method);
    QVERIFY(largestDifference(methods.value(QStringLiteral("attention")).toArray(),
                              inferJson.value(QStringLiteral("attention")).toObject().value(QStringLiteral("values")).toArray())
            < kTolerance);
    double sum = 0.0;
    for (const QJsonValue& value : methods.value(QStringLiteral("integrated_gradients")).toArray())
        sum += value.toDouble();
    const QJsonObject completeness = json.value(QStringLiteral("integrated_gradients_completeness")).toObject();
    QVERIFY(std::abs(sum - completeness.value(QStringLiteral("sum")).toDouble()) < kTolerance);
    QVERIFY(completeness.value(QStringLiteral("error")).toDouble()
            < 1e-2 * std::max(1e-3, std::abs(completeness.value(QStringLiteral("expected")).toDouble())));
    QVERIFY(json.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("available")).toBool());
}

QTEST_GUILESS_MAIN(TestCliKeras)
#include "tst_cli_keras.moc"
