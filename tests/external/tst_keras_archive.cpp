// Reading Keras files without TensorFlow: legacy HDF5 (Keras 2, tf.keras), weights-only HDF5 and
// .keras zips (Keras 3, TF 2.13), plus every way a file can be refused. The fixtures are written
// at test time by tests/external/keras/write_archive_fixtures.py with Debian's python3-h5py.

#include "common/StudioError.h"
#include "external/keras/KerasArchive.h"

#include <QJsonArray>
#include <QProcess>

#include <sys/resource.h>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <functional>
#include <thread>

using namespace studio;
using namespace studio::keras;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");  // Debian's, where python3-h5py lives
const QString kFixtureScript = QStringLiteral(STUDIO_KERAS_FIXTURES_DIR "/write_archive_fixtures.py");
constexpr int kFixtureTimeoutMs = 120000;

// The message of the StudioError `action` throws, or empty when it throws none.
QString errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const StudioError& error) {
        return error.message();
    }
    return {};
}

// A refusal is one sentence that names the file and contains each of `parts`.
bool isRefusal(const QString& message, const QString& path, const QStringList& parts)
{
    if (message.isEmpty() || !message.contains(path) || !message.endsWith(QLatin1Char('.')))
        return false;
    for (const QString& part : parts) {
        if (!message.contains(part))
            return false;
    }
    return true;
}

#define VERIFY_REFUSAL(action, path, ...)                                                                  \
    do {                                                                                                   \
        const QString message_ = errorOf([&] { action; });                                                 \
        QVERIFY2(isRefusal(message_, path, QStringList{__VA_ARGS__}), qPrintable(QStringLiteral("got: ") + message_)); \
    } while (false)

std::vector<int64_t> shape(std::initializer_list<int64_t> dims) { return dims; }

// start + step * i, as the fixture script writes its ramps.
std::vector<float> ramp(int count, float start, float step = 0.25f)
{
    std::vector<float> values;
    for (int i = 0; i < count; ++i)
        values.push_back(start + step * float(i));
    return values;
}

QStringList namesOf(const std::vector<WeightArray>& arrays)
{
    QStringList names;
    for (const WeightArray& array : arrays)
        names << array.name;
    return names;
}

QStringList keysOf(const std::map<QString, std::vector<WeightArray>>& groups)
{
    QStringList keys;
    for (const auto& entry : groups)
        keys << entry.first;
    return keys;
}

// TestFiles.h needs STUDIO_RESOURCES_DIR, which this torch-free test target does not define.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray firstHalfOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.read(file.size() / 2);
}

} // namespace

class TstKerasArchive : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString fixture(const char* name) const { return m_dir.filePath(QLatin1String(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY(m_dir.isValid());
        QProcess python;
        python.start(kPython, {kFixtureScript, m_dir.path()});
        QVERIFY2(python.waitForFinished(kFixtureTimeoutMs), "the fixture script did not finish");
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
                 python.readAllStandardError().constData());
    }

    void readsKeras2FileWithVariableLengthNames()
    {
        const KerasArchive archive = readKerasFile(fixture("keras2_full.h5"));
        QCOMPARE(archive.format, KerasFileFormat::LegacyH5);
        QCOMPARE(archive.path, fixture("keras2_full.h5"));
        QCOMPARE(archive.kerasVersion, QStringLiteral("2.3.1"));
        QCOMPARE(archive.backend, QStringLiteral("tensorflow"));
        QCOMPARE(archive.modelConfig.value(QStringLiteral("class_name")).toString(), QStringLiteral("Sequential"));
        const QJsonArray layers = archive.modelConfig.value(QStringLiteral("config")).toObject()
                                      .value(QStringLiteral("layers")).toArray();
        QCOMPARE(layers.at(0).toObject().value(QStringLiteral("class_name")).toString(), QStringLiteral("Bidirectional"));
        QCOMPARE(archive.layerNames, (QStringList{QStringLiteral("bidirectional_1"), QStringLiteral("dropout_1"),
                                                  QStringLiteral("dense_1")}));
        QCOMPARE(archive.layerWeights.size(), size_t(3));
        QVERIFY(archive.layerWeights.at(QStringLiteral("dropout_1")).empty());  // float64 [] weight_names
        QVERIFY(archive.varGroups.empty());

        const std::vector<WeightArray>& bidirectional = archive.layerWeights.at(QStringLiteral("bidirectional_1"));
        QCOMPARE(namesOf(bidirectional),
                 (QStringList{QStringLiteral("bidirectional_1/forward_lstm_1/kernel:0"),
                              QStringLiteral("bidirectional_1/forward_lstm_1/recurrent_kernel:0"),
                              QStringLiteral("bidirectional_1/forward_lstm_1/bias:0"),
                              QStringLiteral("bidirectional_1/backward_lstm_1/kernel:0"),
                              QStringLiteral("bidirectional_1/backward_lstm_1/recurrent_kernel:0"),
                              QStringLiteral("bidirectional_1/backward_lstm_1/bias:0")}));
        QCOMPARE(bidirectional[0].shape, shape({3, 8}));
        QCOMPARE(bidirectional[1].shape, shape({2, 8}));
        QCOMPARE(bidirectional[2].shape, shape({8}));
        QCOMPARE(bidirectional[0].values, ramp(24, 0.0f));
        QCOMPARE(bidirectional[3].values, ramp(24, 300.0f));
        QCOMPARE(bidirectional[5].values, ramp(8, 500.0f));

        const std::vector<WeightArray>& dense = archive.layerWeights.at(QStringLiteral("dense_1"));
        QCOMPARE(namesOf(dense), (QStringList{QStringLiteral("dense_1/kernel:0"), QStringLiteral("dense_1/bias:0")}));
        QCOMPARE(dense[0].shape, shape({4, 1}));
        QCOMPARE(dense[0].values, (std::vector<float>{-1.0f, -0.75f, -0.5f, -0.25f}));
        QCOMPARE(dense[1].values, std::vector<float>{0.5f});
    }

    void readsTfKerasFileWithFixedLengthNamesSplitListsAndMixedTypes()
    {
        const KerasArchive archive = readKerasFile(fixture("tfkeras_full.h5"));
        QCOMPARE(archive.format, KerasFileFormat::LegacyH5);
        QCOMPARE(archive.kerasVersion, QStringLiteral("2.11.0"));  // fixed-length, no padding left over
        QCOMPARE(archive.backend, QStringLiteral("tensorflow"));
        QCOMPARE(archive.modelConfig.value(QStringLiteral("class_name")).toString(), QStringLiteral("Functional"));
        // layer_names0 + layer_names1, "lstm" null-padded to the width of "input_1"
        QCOMPARE(archive.layerNames,
                 (QStringList{QStringLiteral("input_1"), QStringLiteral("lstm"), QStringLiteral("dense")}));
        QVERIFY(archive.layerWeights.at(QStringLiteral("input_1")).empty());

        const std::vector<WeightArray>& lstm = archive.layerWeights.at(QStringLiteral("lstm"));
        // weight_names0 + weight_names1, in that order (not HDF5's alphabetical bias-first order)
        QCOMPARE(namesOf(lstm), (QStringList{QStringLiteral("lstm/lstm_cell/kernel:0"),
                                             QStringLiteral("lstm/lstm_cell/recurrent_kernel:0"),
                                             QStringLiteral("lstm/lstm_cell/bias:0")}));
        QCOMPARE(lstm[0].shape, shape({2, 4}));
        QCOMPARE(lstm[0].values, ramp(8, 1.0f));  // float16
        QCOMPARE(lstm[1].shape, shape({1, 4}));
        for (int i = 0; i < 4; ++i)                  // float64 0.1, 0.2, 0.3, 0.4
            QCOMPARE(lstm[1].values[size_t(i)], float(0.1 + 0.1 * i));
        QCOMPARE(lstm[2].values, (std::vector<float>{-2.0f, 0.0f, 3.0f, 7.0f}));  // int32

        const std::vector<WeightArray>& dense = archive.layerWeights.at(QStringLiteral("dense"));
        QCOMPARE(dense[0].shape, shape({1, 1}));
        QCOMPARE(dense[0].values, std::vector<float>{float(0.1)});
        QVERIFY(dense[1].shape.empty());  // a scalar
        QCOMPARE(dense[1].values, std::vector<float>{0.5f});
    }

    void readsWeightsOnlyFileWithTheArchitectureFromConfigPath()
    {
        const QString path = fixture("weights_only.h5");
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.read(4).endsWith("HDF"));  // the signature sits after the 512-byte user block
        QVERIFY(looksLikeKerasFile(path));

        const KerasArchive archive = readKerasFile(path, fixture("weights_only_config.json"));
        QCOMPARE(archive.format, KerasFileFormat::WeightsOnlyH5);
        QCOMPARE(archive.modelConfig.value(QStringLiteral("class_name")).toString(), QStringLiteral("Sequential"));
        QCOMPARE(archive.kerasVersion, QStringLiteral("2.15.0"));
        QCOMPARE(archive.backend, QStringLiteral("tensorflow"));
        QCOMPARE(archive.layerNames, (QStringList{QStringLiteral("lstm"), QStringLiteral("dense")}));
        const std::vector<WeightArray>& lstm = archive.layerWeights.at(QStringLiteral("lstm"));
        QCOMPARE(namesOf(lstm), (QStringList{QStringLiteral("sequential/lstm/lstm_cell/kernel"),
                                             QStringLiteral("sequential/lstm/lstm_cell/recurrent_kernel"),
                                             QStringLiteral("sequential/lstm/lstm_cell/bias")}));
        QCOMPARE(lstm[0].values, ramp(8, 0.0f));
        QCOMPARE(lstm[2].shape, shape({4}));
        QCOMPARE(lstm[2].values, ramp(4, 20.0f));
        QCOMPARE(archive.layerWeights.at(QStringLiteral("dense"))[1].values, std::vector<float>{-3.0f});
    }

    void refusesWeightsOnlyFileWithoutConfigPath()
    {
        const QString path = fixture("weights_only.h5");
        VERIFY_REFUSAL(readKerasFile(path), path, QStringLiteral("holds only weights"),
                       QStringLiteral("--keras-config FILE"), QStringLiteral("model.to_json()"));
        VERIFY_REFUSAL(readKerasFile(path, fixture("no_such_config.json")), fixture("no_such_config.json"),
                       path, QStringLiteral("does not exist"));
    }

    void readsKeras3ZipWithVarsInNumericOrder()
    {
        const KerasArchive archive = readKerasFile(fixture("model.keras"));
        QCOMPARE(archive.format, KerasFileFormat::KerasZip);
        QCOMPARE(archive.kerasVersion, QStringLiteral("3.3.3"));
        QCOMPARE(archive.backend, QString());
        QCOMPARE(archive.modelConfig.value(QStringLiteral("class_name")).toString(), QStringLiteral("Sequential"));
        QCOMPARE(archive.modelConfig.value(QStringLiteral("module")).toString(), QStringLiteral("keras"));
        QVERIFY(archive.layerWeights.empty());
        // "" is the model's own (empty) vars group at the root of model.weights.h5.
        QCOMPARE(keysOf(archive.varGroups),
                 (QStringList{QString(), QStringLiteral("layers/bidirectional/backward_layer/cell"),
                              QStringLiteral("layers/bidirectional/forward_layer/cell"), QStringLiteral("layers/dense"),
                              QStringLiteral("layers/lstm"), QStringLiteral("layers/lstm/cell"),
                              QStringLiteral("optimizer")}));
        QVERIFY(archive.varGroups.at(QStringLiteral("layers/lstm")).empty());

        const std::vector<WeightArray>& cell = archive.varGroups.at(QStringLiteral("layers/lstm/cell"));
        QCOMPARE(namesOf(cell), (QStringList{QStringLiteral("vars/0"), QStringLiteral("vars/1"), QStringLiteral("vars/2")}));
        QCOMPARE(cell[0].shape, shape({2, 4}));
        QCOMPARE(cell[1].shape, shape({1, 4}));
        QCOMPARE(cell[2].shape, shape({4}));
        QCOMPARE(cell[0].values, ramp(8, 0.0f));
        QCOMPARE(cell[1].values, ramp(4, 20.0f));
        QCOMPARE(cell[2].values, ramp(4, 40.0f));
        QCOMPARE(archive.varGroups.at(QStringLiteral("layers/bidirectional/forward_layer/cell"))[0].values,
                 ramp(8, 100.0f));

        const std::vector<WeightArray>& optimizer = archive.varGroups.at(QStringLiteral("optimizer"));
        QCOMPARE(optimizer.size(), size_t(12));
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(optimizer[size_t(i)].name, QStringLiteral("vars/%1").arg(i));
            QCOMPARE(optimizer[size_t(i)].values, std::vector<float>{float(i)});
        }
    }

    void readsTf213KerasZip()
    {
        const KerasArchive archive = readKerasFile(fixture("tf213.keras"));
        QCOMPARE(archive.format, KerasFileFormat::KerasZip);
        QCOMPARE(archive.kerasVersion, QStringLiteral("2.13.1"));
        QCOMPARE(keysOf(archive.varGroups),
                 (QStringList{QString(), QStringLiteral("layers/dense"), QStringLiteral("layers/lstm/cell")}));
        QCOMPARE(archive.varGroups.at(QStringLiteral("layers/dense"))[0].values, std::vector<float>{4.0f});
        QCOMPARE(archive.varGroups.at(QStringLiteral("layers/lstm/cell"))[2].values, ramp(4, 3.0f));
    }

    void readsFromSeveralThreadsAtOnce()
    {
        constexpr int kThreads = 4;
        std::vector<QString> failures(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                const QString path = fixture(t % 2 ? "model.keras" : "keras2_full.h5");
                for (int round = 0; round < 5; ++round) {
                    const QString error = errorOf([&] {
                        const KerasArchive archive = readKerasFile(path);
                        if (archive.layerWeights.empty() && archive.varGroups.empty())
                            throw StudioError(QStringLiteral("no weights read"));
                    });
                    if (!error.isEmpty())
                        failures[size_t(t)] = error;
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        for (const QString& failure : failures)
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void refusesZipEntryNamedOutsideTheArchive()
    {
        const QString path = fixture("evil.keras");
        VERIFY_REFUSAL(readKerasFile(path), path, QStringLiteral("\"../evil\""), QStringLiteral("outside the archive"));
    }

    void refusesZipEntryLargerThanTheLimitBeforeInflating()
    {
        const QString path = fixture("bomb.keras");
        QVERIFY(!readKerasFile(path).varGroups.empty());  // the default limit lets it through
        KerasReadLimits limits;
        limits.maxUnpackedBytes = int64_t(1) << 20;
        VERIFY_REFUSAL(readKerasFile(path, {}, limits), path, QStringLiteral("\"assets/zeros.bin\""),
                       QStringLiteral("declares 8388608 bytes"), QStringLiteral("limit of 1048576 bytes"));
    }

    // An entry that declares 1.5 GB in a few compressed KiB costs what it holds, not what it
    // declares: the read stops where the data does, and the process never grew by the declared size.
    void zipEntryDeclaringMoreThanItHoldsAllocatesOnlyWhatInflates()
    {
        const QString path = fixture("lying_size.keras");
        VERIFY_REFUSAL(readKerasFile(path), path, QStringLiteral("\"model.weights.h5\""), QStringLiteral("of 1500000000 bytes"));
        rusage usage{};
        QCOMPARE(getrusage(RUSAGE_SELF, &usage), 0);
        constexpr long kKibibytesInAGigabyte = 1000L * 1000L * 1000L / 1024L;
        QVERIFY2(usage.ru_maxrss < kKibibytesInAGigabyte, qPrintable(QString::number(usage.ru_maxrss) + QStringLiteral(" KiB")));
    }

    void refusesZipEntriesTogetherLargerThanTheLimit()
    {
        const QString path = fixture("many.keras");
        KerasReadLimits limits;
        limits.maxUnpackedBytes = int64_t(1) << 20;  // each 400 KiB part fits, all three do not
        VERIFY_REFUSAL(readKerasFile(path, {}, limits), path, QStringLiteral("\"assets/part2.bin\""),
                       QStringLiteral("limit of 1048576 bytes"));
    }

    void refusesTruncatedFiles()
    {
        const QString h5 = writeFile(m_dir, QStringLiteral("truncated.h5"), firstHalfOf(fixture("keras2_full.h5")));
        QVERIFY(looksLikeKerasFile(h5));
        VERIFY_REFUSAL(readKerasFile(h5), h5, QStringLiteral("could not be opened as an HDF5 file"),
                       QStringLiteral("truncated"));
        const QString zip = writeFile(m_dir, QStringLiteral("truncated.keras"), firstHalfOf(fixture("model.keras")));
        VERIFY_REFUSAL(readKerasFile(zip), zip, QStringLiteral("could not be opened as a zip archive"));
        const QString cutWeights = fixture("cut_weights.keras");
        VERIFY_REFUSAL(readKerasFile(cutWeights), cutWeights, QStringLiteral("The model.weights.h5 inside"),
                       QStringLiteral("could not be opened as an HDF5 file"), QStringLiteral("truncated"));
    }

    void refusesFilesThatAreNeitherHdf5NorZip()
    {
        const QString text = writeFile(m_dir, QStringLiteral("notes.h5"), "hello, weights\n");
        QVERIFY(!looksLikeKerasFile(text));
        VERIFY_REFUSAL(readKerasFile(text), text, QStringLiteral("is not a Keras model file (neither HDF5 nor a .keras zip)"),
                       QStringLiteral("68 65 6c 6c 6f"));
        const QString empty = writeFile(m_dir, QStringLiteral("empty.keras"), QByteArray());
        QVERIFY(!looksLikeKerasFile(empty));
        VERIFY_REFUSAL(readKerasFile(empty), empty, QStringLiteral("neither HDF5 nor a .keras zip"),
                       QStringLiteral("it is empty"));
        const QString plain = fixture("plain.h5");
        VERIFY_REFUSAL(readKerasFile(plain), plain, QStringLiteral("is an HDF5 file but not a Keras model"));
        VERIFY_REFUSAL(readKerasFile(m_dir.path()), m_dir.path(), QStringLiteral("is a folder"));
        VERIFY_REFUSAL(readKerasFile(fixture("missing.h5")), fixture("missing.h5"), QStringLiteral("does not exist"));
    }

    void refusesMalformedConfigJson()
    {
        const QString zip = fixture("bad_config.keras");
        VERIFY_REFUSAL(readKerasFile(zip), zip, QStringLiteral("The config.json inside"),
                       QStringLiteral("is not valid JSON"), QStringLiteral("(unterminated object at offset 48)"));
        const QString h5 = fixture("bad_model_config.h5");
        VERIFY_REFUSAL(readKerasFile(h5), h5, QStringLiteral("The model_config attribute of"),
                       QStringLiteral("is not valid JSON"), QStringLiteral("at offset"));
        const QString badConfig = writeFile(m_dir, QStringLiteral("bad_config.json"), "{\"class_name\": ");
        const QString weights = fixture("weights_only.h5");
        VERIFY_REFUSAL(readKerasFile(weights, badConfig), badConfig, weights, QStringLiteral("is not valid JSON"),
                       QStringLiteral("at offset"));
        const QString notModel = writeFile(m_dir, QStringLiteral("list.json"), "[1, 2]");
        VERIFY_REFUSAL(readKerasFile(weights, notModel), notModel, QStringLiteral("is not a JSON object"));
    }

    void refusesWhatPassesTheLimits()
    {
        const QString keras = fixture("model.keras");
        KerasReadLimits weightLimit;
        weightLimit.maxWeightValues = 10;
        VERIFY_REFUSAL(readKerasFile(keras, {}, weightLimit), keras, QStringLiteral("more weight values than the limit of 10"));
        KerasReadLimits configLimit;
        configLimit.maxConfigBytes = 16;
        VERIFY_REFUSAL(readKerasFile(keras, {}, configLimit), keras, QStringLiteral("\"config.json\""),
                       QStringLiteral("limit of 16 bytes"));

        const QString h5 = fixture("keras2_full.h5");
        KerasReadLimits layerLimit;
        layerLimit.maxLayers = 2;
        VERIFY_REFUSAL(readKerasFile(h5, {}, layerLimit), h5, QStringLiteral("lists 3 layers"));
        KerasReadLimits fileLimit;
        fileLimit.maxFileBytes = 100;
        VERIFY_REFUSAL(readKerasFile(h5, {}, fileLimit), h5, QStringLiteral("limit of 100 bytes"));
        KerasReadLimits h5WeightLimit;
        h5WeightLimit.maxWeightValues = 50;  // the first array has 24 values, the second 16, the third 8
        VERIFY_REFUSAL(readKerasFile(h5, {}, h5WeightLimit), h5, QStringLiteral("limit of 50"),
                       QStringLiteral("backward_lstm_1/kernel:0"));
    }

    void refusesImpossibleDatasetDimensions()
    {
        const QString path = fixture("huge_dims.h5");
        VERIFY_REFUSAL(readKerasFile(path), path, QStringLiteral("[2147483648, 2147483648, 2147483648]"),
                       QStringLiteral("no array can have"));
    }
};

QTEST_APPLESS_MAIN(TstKerasArchive)
#include "tst_keras_archive.moc"
