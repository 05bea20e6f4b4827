// Keras models opened without TensorFlow, through the one model interface (ModelSession), against
// independent references: tests/external/keras/make_keras_fixtures.py writes each fixture in the
// exact layout its Keras version writes (python3-h5py) and computes the expected prediction and
// every softmax with its own numpy implementation (keras_reference.py). Every prediction and
// every softmax must match to 1e-5; files the app must refuse must say why, naming the layer.

#include "TorchTestSetup.h"
#include "common/StudioError.h"
#include "session/ModelSession.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>

#include <QStandardPaths>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio;

namespace {

constexpr double kTolerance = 1e-5;                  // the issue's contract with the references
constexpr int kFixtureTimeoutMs = 5 * 60 * 1000;     // numpy on a busy 2-core machine

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString compareValues(const QJsonArray& expected, const std::vector<float>& actual, const QString& what)
{
    if (expected.size() != static_cast<qsizetype>(actual.size()))
        return QStringLiteral("%1: %2 values, expected %3").arg(what).arg(actual.size()).arg(expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        const double difference = std::abs(expected.at(i).toDouble() - static_cast<double>(actual[static_cast<size_t>(i)]));
        if (!(difference <= kTolerance))
            return QStringLiteral("%1[%2]: %3, expected %4").arg(what).arg(i).arg(actual[static_cast<size_t>(i)]).arg(expected.at(i).toDouble());
    }
    return {};
}

InferenceRequest requestOf(const QJsonObject& input)
{
    InferenceRequest request;
    if (input.contains(QStringLiteral("text"))) {
        request.text = input.value(QStringLiteral("text")).toString();
    } else if (input.contains(QStringLiteral("ids"))) {
        for (const QJsonValue& id : input.value(QStringLiteral("ids")).toArray())
            request.ids.push_back(id.toInteger());
    } else {
        for (const QJsonValue& row : input.value(QStringLiteral("series")).toArray()) {
            const QJsonArray cells = row.toArray();
            request.features = static_cast<int>(cells.size());
            for (const QJsonValue& cell : cells)
                request.series.push_back(static_cast<float>(cell.toDouble()));
        }
    }
    return request;
}

} // namespace

class TestKerasModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesReference_data();
    void matchesReference();
    void warnsWhenPaddingGetsWeight();
    void positionalBiasFixesTheLength();
    void formulaIsChosenByTheUser();
    void findsTheTokenizerBesideTheModel();
    void sidecarNamesTheSeriesColumns();
    void refusesDamagedFiles();

private:
    QString fixture(const QString& name) const { return QDir(m_dir.path()).filePath(name); }
    InferenceRequest firstCase(const QString& name) const;

    QTemporaryDir m_dir;
};

void TestKerasModels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
    studio::testing::setUpTorch();
    QVERIFY(m_dir.isValid());
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(STUDIO_SOURCE_DIR "/tests/external/keras/make_keras_fixtures.py"), m_dir.path()});
    QVERIFY2(python.waitForFinished(kFixtureTimeoutMs), "make_keras_fixtures.py did not finish");
    QVERIFY2(python.exitCode() == 0, python.readAll().constData());
}

void TestKerasModels::matchesReference_data()
{
    QTest::addColumn<QString>("expectedPath");
    const QStringList files = QDir(m_dir.path()).entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 10);
    for (const QString& file : files)
        QTest::newRow(qPrintable(file.section(QStringLiteral(".expected.json"), 0, 0))) << QDir(m_dir.path()).filePath(file);
}

void TestKerasModels::matchesReference()
{
    QFETCH(QString, expectedPath);
    const QJsonObject expected = readJson(expectedPath);
    QVERIFY(!expected.isEmpty());
    const QDir dir(m_dir.path());
    SessionOptions options;
    if (expected.value(QStringLiteral("config")).isString())
        options.kerasConfig = dir.filePath(expected.value(QStringLiteral("config")).toString());
    if (expected.value(QStringLiteral("tokenizer")).isString())
        options.tokenizer = dir.filePath(expected.value(QStringLiteral("tokenizer")).toString());
    const QString modelPath = dir.filePath(expected.value(QStringLiteral("model")).toString());
    const QString expectError = expected.value(QStringLiteral("expect_error")).toString();

    std::unique_ptr<ModelSession> session;
    try {
        session = ModelSession::open(modelPath, options);
        if (!expectError.isEmpty()) {  // some refusals come only when the model runs
            for (const QJsonValue& item : expected.value(QStringLiteral("cases")).toArray())
                session->run(requestOf(item.toObject().value(QStringLiteral("input")).toObject()));
        }
    } catch (const StudioError& error) {
        QVERIFY2(!expectError.isEmpty(), qPrintable(error.message()));
        QVERIFY2(error.message().contains(expectError), qPrintable(error.message() + QStringLiteral(" lacks ") + expectError));
        QVERIFY2(error.message().contains(QFileInfo(modelPath).fileName()), qPrintable(error.message()));
        return;
    }
    QVERIFY2(expectError.isEmpty(), qPrintable(QStringLiteral("opened, but should fail with: ") + expectError));
    QCOMPARE(session->summary().format, ModelFormat::Keras);

    const QJsonArray cases = expected.value(QStringLiteral("cases")).toArray();
    QVERIFY(!cases.isEmpty());
    for (int c = 0; c < cases.size(); ++c) {
        const QJsonObject item = cases.at(c).toObject();
        const QJsonObject input = item.value(QStringLiteral("input")).toObject();
        InferenceRequest request = requestOf(input);
        InferenceResult result;
        try {
            result = session->run(request);
        } catch (const StudioError& error) {
            QFAIL(qPrintable(error.message()));
        }
        const QString where = QStringLiteral("case %1").arg(c);
        const QString problem = compareValues(item.value(QStringLiteral("prediction")).toArray(), result.prediction,
                                              where + QStringLiteral(" prediction"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        if (input.contains(QStringLiteral("text"))) {  // the tokenizer's ids, as texts_to_sequences + pad_sequences
            std::vector<int64_t> ids;
            for (const QJsonValue& id : input.value(QStringLiteral("ids")).toArray())
                ids.push_back(id.toInteger());
            QCOMPARE(result.tokenIds, ids);
        }
        const QJsonArray softmaxes = item.value(QStringLiteral("softmaxes")).toArray();
        QCOMPARE(result.candidates.size(), softmaxes.size());
        for (int s = 0; s < softmaxes.size(); ++s) {
            const QJsonObject softmax = softmaxes.at(s).toObject();
            request.candidate = s;
            const InferenceResult chosen = session->run(request);
            QVERIFY2(chosen.candidates.at(s).contains(softmax.value(QStringLiteral("layer")).toString()),
                     qPrintable(chosen.candidates.at(s)));
            std::vector<int64_t> shape;
            for (const QJsonValue& size : softmax.value(QStringLiteral("shape")).toArray())
                shape.push_back(size.toInteger());
            while (shape.size() > 1 && shape.back() == 1)  // a (T, 1) column is shown as T weights
                shape.pop_back();
            QCOMPARE(chosen.attention.shape, shape);
            const QString mismatch = compareValues(softmax.value(QStringLiteral("values")).toArray(), chosen.attention.values,
                                                   where + QStringLiteral(" softmax ") + softmax.value(QStringLiteral("layer")).toString());
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
    }
}

InferenceRequest TestKerasModels::firstCase(const QString& name) const
{
    const QJsonObject expected = readJson(fixture(name + QStringLiteral(".expected.json")));
    return requestOf(expected.value(QStringLiteral("cases")).toArray().at(0).toObject().value(QStringLiteral("input")).toObject());
}

// Tutorial 004 as written: pad_sequences pads at the front and no layer masks, so the pad tokens
// are read as words and take weight; the result must say so.
void TestKerasModels::warnsWhenPaddingGetsWeight()
{
    const QString name = QStringLiteral("seed004_lstm_attention_sequential_tfkeras");
    const auto session = ModelSession::open(fixture(name + QStringLiteral(".h5")));
    InferenceRequest request;
    for (const QJsonValue& item : readJson(fixture(name + QStringLiteral(".expected.json"))).value(QStringLiteral("cases")).toArray()) {
        request = requestOf(item.toObject().value(QStringLiteral("input")).toObject());
        if (!request.ids.empty() && request.ids.front() == 0)
            break;
    }
    QVERIFY(!request.ids.empty() && request.ids.front() == 0);  // a case pre-padded, as pad_sequences does
    const InferenceResult result = session->run(request);
    QVERIFY2(result.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("padding steps (id 0)")),
             qPrintable(result.warnings.join(QLatin1Char('\n'))));
    QVERIFY(std::count(result.flaws.begin(), result.flaws.end(), ModelFlaw::PaddingWeight) == 1);
    QVERIFY(result.attention.tokens.contains(QStringLiteral("<pad>")));
}

// Tutorial 000's layer adds one bias per position: the result names the length it fixes, and
// another length is refused with that length named.
void TestKerasModels::positionalBiasFixesTheLength()
{
    const QString name = QStringLiteral("seed000_lstm_attention_tfkeras");
    const auto session = ModelSession::open(fixture(name + QStringLiteral(".h5")));
    InferenceRequest request = firstCase(name);
    const int64_t steps = static_cast<int64_t>(request.series.size()) / request.features;
    const InferenceResult result = session->run(request);
    QVERIFY2(result.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("fixes the input length to %1 steps").arg(steps)),
             qPrintable(result.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(result.flaws, std::vector<ModelFlaw>{ModelFlaw::FixedLength});
    request.series.insert(request.series.end(), request.series.begin(), request.series.begin() + request.features * 2);
    try {
        session->run(request);
        QFAIL("a longer series was read");
    } catch (const StudioError& error) {
        QVERIFY2(error.message().contains(QStringLiteral("exactly %1 steps").arg(steps)), qPrintable(error.message()));
    }
}

// W (d,1), b (T,1) fit two formulas: the tutorial's is the default and says so; the other is
// chosen by name and computes something else; a formula the weights do not fit is refused with
// the ones that do.
void TestKerasModels::formulaIsChosenByTheUser()
{
    const QString name = QStringLiteral("seed000_lstm_attention_tfkeras");
    const QString path = fixture(name + QStringLiteral(".h5"));
    const auto byDefault = ModelSession::open(path);
    QVERIFY2(byDefault->summary().notes.join(QLatin1Char(' ')).contains(QStringLiteral("tanh-positional-bias")),
             qPrintable(byDefault->summary().notes.join(QLatin1Char(' '))));
    // The window's choices: the default first, in the same order whichever is in use.
    const QStringList formulas{QStringLiteral("positional-bias"), QStringLiteral("tanh-positional-bias")};
    QCOMPARE(byDefault->summary().formulas, formulas);
    SessionOptions options;
    options.formula = QStringLiteral("tanh-positional-bias");
    const auto withTanh = ModelSession::open(path, options);
    QVERIFY(withTanh->summary().notes.isEmpty());
    QCOMPARE(withTanh->summary().formulas, formulas);
    const InferenceRequest request = firstCase(name);
    const std::vector<float> first = byDefault->run(request).attention.values;
    const std::vector<float> second = withTanh->run(request).attention.values;
    QCOMPARE(first.size(), second.size());
    double difference = 0.0;
    for (size_t i = 0; i < first.size(); ++i)
        difference += std::abs(static_cast<double>(first[i] - second[i]));
    QVERIFY(difference > 1e-4);
    options.formula = QStringLiteral("per-feature");
    try {
        ModelSession::open(path, options);
        QFAIL("a formula that does not fit the weights was accepted");
    } catch (const StudioError& error) {
        QVERIFY2(error.message().contains(QStringLiteral("--formula per-feature")) && error.message().contains(QStringLiteral("positional-bias:")),
                 qPrintable(error.message()));
    }
}

// MODEL.tokenizer.json next to MODEL.h5 is found without being named.
void TestKerasModels::findsTheTokenizerBesideTheModel()
{
    const QString name = QStringLiteral("text_lstm_attention_tfkeras");
    const QJsonObject expected = readJson(fixture(name + QStringLiteral(".expected.json")));
    const QJsonObject input = expected.value(QStringLiteral("cases")).toArray().at(0).toObject().value(QStringLiteral("input")).toObject();
    const auto session = ModelSession::open(fixture(expected.value(QStringLiteral("model")).toString()));
    InferenceRequest request;
    request.text = input.value(QStringLiteral("text")).toString();
    const InferenceResult result = session->run(request);
    QCOMPARE(static_cast<qsizetype>(result.tokenIds.size()), input.value(QStringLiteral("ids")).toArray().size());
    QCOMPARE(result.attention.tokens.size(), static_cast<qsizetype>(result.tokenIds.size()));
}

// MODEL.meta.json with "features" and "labels": a series file with a date column and its columns
// in another order is read by name, and the answer is labelled.
void TestKerasModels::sidecarNamesTheSeriesColumns()
{
    const QString name = QStringLiteral("seed002_lstm_dot_attention_tfkeras");
    const QJsonObject item = readJson(fixture(name + QStringLiteral(".expected.json"))).value(QStringLiteral("cases")).toArray().at(0).toObject();
    const QJsonArray rows = item.value(QStringLiteral("input")).toObject().value(QStringLiteral("series")).toArray();
    const QStringList features{QStringLiteral("temperature"), QStringLiteral("pressure"), QStringLiteral("wind")};
    QCOMPARE(rows.at(0).toArray().size(), features.size());
    QFile sidecar(fixture(name + QStringLiteral(".meta.json")));
    QVERIFY(sidecar.open(QIODevice::WriteOnly));
    sidecar.write(R"({"features": ["temperature", "pressure", "wind"], "labels": ["calm", "storm"]})");
    sidecar.close();
    // Columns: date, wind, an unused one, temperature, pressure.
    QStringList lines{QStringLiteral("date,wind,station,temperature,pressure")};
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows.at(r).toArray();
        lines << QStringLiteral("2024-01-%1,%2,x,%3,%4")
                     .arg(r + 1, 2, 10, QLatin1Char('0'))
                     .arg(row.at(2).toDouble(), 0, 'g', 17)
                     .arg(row.at(0).toDouble(), 0, 'g', 17)
                     .arg(row.at(1).toDouble(), 0, 'g', 17);
    }
    QFile csv(fixture(QStringLiteral("weather.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
    csv.close();

    const auto session = ModelSession::open(fixture(name + QStringLiteral(".h5")));
    QCOMPARE(session->summary().labels, (QStringList{QStringLiteral("calm"), QStringLiteral("storm")}));
    const InferenceRequest request = session->readSeries(csv.fileName());
    QCOMPARE(request.featureNames, features);
    const InferenceResult result = session->run(request);
    const QString problem = compareValues(item.value(QStringLiteral("prediction")).toArray(), result.prediction, QStringLiteral("prediction"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(result.label == QStringLiteral("calm") || result.label == QStringLiteral("storm"));
    QFile::remove(sidecar.fileName());  // the other tests open this model without it
}

void TestKerasModels::refusesDamagedFiles()
{
    const QString source = fixture(QStringLiteral("seed001_bilstm_attention_keras224.h5"));
    QFile whole(source);
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    const QString cut = fixture(QStringLiteral("cut.h5"));
    QFile half(cut);
    QVERIFY(half.open(QIODevice::WriteOnly));
    half.write(bytes.left(bytes.size() / 2));
    half.close();
    try {
        ModelSession::open(cut);
        QFAIL("a file cut in half opened");
    } catch (const StudioError& error) {
        QVERIFY2(error.message().contains(QStringLiteral("cut.h5")), qPrintable(error.message()));
    }
    // Weights alone: the architecture must be given, and the sentence says how.
    try {
        ModelSession::open(fixture(QStringLiteral("same_bilstm_weights_tfkeras.h5")));
        QFAIL("a weights-only file opened without its architecture");
    } catch (const StudioError& error) {
        QVERIFY2(error.message().contains(QStringLiteral("--keras-config")), qPrintable(error.message()));
    }
}

QTEST_GUILESS_MAIN(TestKerasModels)
#include "tst_keras_models.moc"
