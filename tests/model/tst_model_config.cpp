// Configurations and vocabularies survive JSON, and bad ones are refused with the field named.

#include "TorchTestSetup.h"
#include "common/StudioError.h"
#include "data/BuiltinTasks.h"
#include "data/Vocabulary.h"
#include "model/ModelConfig.h"
#include "train/TrainingConfig.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

class ModelConfigTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyAttentionNameRoundTrips()
    {
        const QStringList names = allAttentionNames();
        QCOMPARE(names.size(), 8);  // every AttentionKind, none included
        for (const QString& name : names) {
            AttentionKind kind{};
            QVERIFY(parseAttentionKind(name, &kind));
            QCOMPARE(toString(kind), name);
        }
        AttentionKind untouched = AttentionKind::Dot;
        QVERIFY(!parseAttentionKind(QStringLiteral("bahdanau"), &untouched));
        QVERIFY(untouched == AttentionKind::Dot);
    }

    void modelConfigJsonRoundTrip()
    {
        ModelConfig config;
        config.input = InputKind::Series;
        config.inputFeatures = 3;
        config.cell = RecurrentCell::Gru;
        config.hiddenSize = 17;
        config.layers = 2;
        config.dropout = 0.25;
        config.bidirectional = true;
        config.attention = AttentionKind::PositionalBias;
        config.maxLength = 40;
        config.head = HeadKind::MultiClass;
        config.outputs = 5;
        const ModelConfig back = ModelConfig::fromJson(config.toJson());
        QCOMPARE(back.toJson(), config.toJson());
        QCOMPARE(back.encoderWidth(), 34);
    }

    void invalidConfigNamesTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("hidden") << QStringLiteral("hiddenSize") << QVariant(0) << QStringLiteral("hiddenSize");
        QTest::newRow("dropout") << QStringLiteral("dropout") << QVariant(1.5) << QStringLiteral("dropout");
        QTest::newRow("attention") << QStringLiteral("attention") << QVariant(QStringLiteral("luong")) << QStringLiteral("attention");
        QTest::newRow("binary outputs") << QStringLiteral("outputs") << QVariant(3) << QStringLiteral("binary head");
    }
    void invalidConfigNamesTheField()
    {
        QFETCH(QString, field);
        QFETCH(QVariant, value);
        QFETCH(QString, expected);
        ModelConfig config;
        config.vocabularySize = 10;
        QJsonObject json = config.toJson();
        json.insert(field, QJsonValue::fromVariant(value));
        try {
            ModelConfig::fromJson(json);
            QFAIL("an invalid configuration was accepted");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
        }
    }

    void missingFieldIsNamed()
    {
        ModelConfig config;
        config.vocabularySize = 10;
        QJsonObject json = config.toJson();
        json.remove(QStringLiteral("layers"));
        try {
            ModelConfig::fromJson(json);
            QFAIL("a configuration without layers was accepted");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("\"layers\"")), qPrintable(error.message()));
        }
    }

    void positionalBiasNeedsLength()
    {
        ModelConfig config;
        config.vocabularySize = 10;
        config.attention = AttentionKind::PositionalBias;
        QVERIFY(config.validate().contains(QStringLiteral("maxLength")));
        config.maxLength = 20;
        QVERIFY(config.validate().isEmpty());
    }

    void trainingConfigKeepsA64BitSeed()
    {
        TrainingConfig config;
        config.seed = 0xFEDCBA9876543211ull;  // not representable as a double
        config.optimizer = OptimizerKind::Sgd;
        const TrainingConfig back = TrainingConfig::fromJson(config.toJson());
        QCOMPARE(back.seed, config.seed);
        QVERIFY(back.optimizer == OptimizerKind::Sgd);
    }

    void vocabularyReservesPadAndUnk()
    {
        Vocabulary vocabulary;
        QCOMPARE(vocabulary.idOf(QStringLiteral("<pad>")), Vocabulary::kPadId);
        QCOMPARE(vocabulary.idOf(QStringLiteral("never seen")), Vocabulary::kUnkId);
        const int64_t id = vocabulary.add(QStringLiteral("猫"));
        QCOMPARE(vocabulary.add(QStringLiteral("猫")), id);
        const Vocabulary back = Vocabulary::fromJson(vocabulary.toJson());
        QCOMPARE(back.idOf(QStringLiteral("猫")), id);
        QCOMPARE(back.tokenAt(id), QStringLiteral("猫"));
        QCOMPARE(back.tokenAt(999), QStringLiteral("<unk>"));

        QJsonArray duplicate = vocabulary.toJson();
        duplicate.append(QStringLiteral("猫"));
        QVERIFY_THROWS_EXCEPTION(StudioError, Vocabulary::fromJson(duplicate));
        QVERIFY_THROWS_EXCEPTION(StudioError, Vocabulary::fromJson(QJsonArray{QStringLiteral("a")}));
    }

    void tasksMarkTheDecidingStep_data()
    {
        QTest::addColumn<QString>("task");
        QTest::addColumn<bool>("neutral");
        for (const TaskInfo& info : builtinTasks())
            QTest::newRow(qPrintable(info.name)) << info.name << false;
        QTest::newRow("keyword with neutral class") << QStringLiteral("keyword") << true;
        QTest::newRow("spike with neutral class") << QStringLiteral("spike") << true;
    }
    void tasksMarkTheDecidingStep()
    {
        QFETCH(QString, task);
        QFETCH(bool, neutral);
        TaskOptions options;
        options.count = 200;
        options.length = 16;
        options.variableLength = true;
        options.neutralClass = neutral;
        const Dataset data = makeBuiltinTask(task, options);
        QCOMPARE(data.size(), 200);
        QCOMPARE(data.outputs, neutral ? 3 : 1);
        QCOMPARE(static_cast<int>(data.labels.size()), task == QLatin1String("adding") ? 0 : (neutral ? 3 : 2));
        int64_t shorter = 0;
        int64_t neutralCount = 0;
        for (const Example& example : data.examples) {
            const int64_t length = data.length(example);
            QVERIFY(length >= 2 && length <= 16);
            shorter += length < 16 ? 1 : 0;
            QCOMPARE(static_cast<int64_t>(example.relevant.size()), length);
            const auto marked = std::count(example.relevant.begin(), example.relevant.end(), 1);
            const bool isNeutral = neutral && example.target[0] == 2.0f;
            neutralCount += isNeutral ? 1 : 0;
            QCOMPARE(marked, isNeutral ? 0 : task == QLatin1String("adding") ? 2 : 1);
        }
        QVERIFY(shorter > 0);
        if (neutral)
            QVERIFY(neutralCount > 40 && neutralCount < 100);  // about a third
        // The label really is decided by the marked step(s).
        for (const Example& example : data.examples) {
            if (std::count(example.relevant.begin(), example.relevant.end(), 1) == 0)
                continue;
            const auto step = std::find(example.relevant.begin(), example.relevant.end(), 1) - example.relevant.begin();
            if (task == QLatin1String("keyword")) {
                const QString word = data.vocabulary.tokenAt(example.tokens[step]);
                const bool positive = QStringList{QStringLiteral("great"), QStringLiteral("excellent"), QStringLiteral("superb")}.contains(word);
                QCOMPARE(example.target[0], positive ? 1.0f : 0.0f);
            } else if (task == QLatin1String("spike")) {
                QCOMPARE(example.target[0], example.values[step] > 0 ? 1.0f : 0.0f);
            } else {
                float sum = 0;
                for (size_t t = 0; t < example.relevant.size(); ++t)
                    sum += example.relevant[t] ? example.values[t * 2] : 0.0f;
                QCOMPARE(example.target[0], sum);
            }
        }
        // Same seed, same data.
        const Dataset again = makeBuiltinTask(task, options);
        QCOMPARE(again.examples.back().target, data.examples.back().target);
        QVERIFY_THROWS_EXCEPTION(StudioError, makeBuiltinTask(QStringLiteral("nope"), options));
    }
};

QTEST_GUILESS_MAIN(ModelConfigTest)
#include "tst_model_config.moc"
