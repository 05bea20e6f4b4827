// attention-cli on data files: train on a real text and a real series file, infer with the
// preprocessing saved in the model file, and clear errors for bad files.

#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio::testing;

namespace {

const QString kResources = QStringLiteral(STUDIO_RESOURCES_DIR);

QString resource(const QString& relative)
{
    return kResources + QStringLiteral("/data/") + relative;
}

QJsonObject runJson(const QStringList& arguments)
{
    const CliRun run = runCli(arguments + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    if (!run.finished || run.status != QProcess::NormalExit || run.exitCode != 0)
        qFatal("attention-cli %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), qPrintable(run.describe()));
    QString problem;
    const QJsonObject object = parseObject(run.out, &problem);
    if (!problem.isEmpty())
        qFatal("%s", qPrintable(problem));
    return object;
}

} // namespace

class CliDataTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void textFileTrainsAndInfersWithItsTokenizer()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("imdb.asmodel"));
        const QJsonObject trained = runJson({QStringLiteral("train"), QStringLiteral("--data"), resource(QStringLiteral("sentiment/imdb.json")),
                                             QStringLiteral("--out"), model, QStringLiteral("--epochs"), QStringLiteral("2"),
                                             QStringLiteral("--hidden"), QStringLiteral("8"), QStringLiteral("--embedding"),
                                             QStringLiteral("8"), QStringLiteral("--test"), QStringLiteral("0.2")});
        QCOMPARE(trained.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        const QJsonObject test = trained.value(QStringLiteral("test")).toObject();
        QCOMPARE(test.value(QStringLiteral("count")).toInt(), 200);  // 20% of the 1,000 sentences (the empty trailing record is skipped)
        QVERIFY(test.value(QStringLiteral("metric")).toDouble() >= 0.0);

        // The saved tokenizer splits punctuation off, so "film," is the known word "film".
        const QJsonObject inferred = runJson({QStringLiteral("infer"), QStringLiteral("--model"), model, QStringLiteral("--text"),
                                              QStringLiteral("A wonderful film, truly.")});
        const QJsonArray tokens = inferred.value(QStringLiteral("tokens")).toArray();
        QStringList seen;
        for (const QJsonValue& token : tokens)
            seen << token.toString();
        QCOMPARE(seen, (QStringList{QStringLiteral("a"), QStringLiteral("wonderful"), QStringLiteral("film"), QStringLiteral(","),
                                    QStringLiteral("truly"), QStringLiteral(".")}));
        const QJsonArray values = inferred.value(QStringLiteral("attention")).toObject().value(QStringLiteral("values")).toArray();
        QCOMPARE(values.size(), tokens.size());
        double sum = 0.0;
        for (const QJsonValue& value : values)
            sum += value.toDouble();
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
    }

    void seriesFileForecastsInOriginalUnits()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("sunspots.asmodel"));
        const QString sunspots = resource(QStringLiteral("series/sunspots.csv"));
        const QJsonObject trained =
            runJson({QStringLiteral("train"), QStringLiteral("--data"), sunspots, QStringLiteral("--target"), QStringLiteral("SUNACTIVITY"),
                     QStringLiteral("--window"), QStringLiteral("12"), QStringLiteral("--out"), model, QStringLiteral("--epochs"),
                     QStringLiteral("2"), QStringLiteral("--hidden"), QStringLiteral("8"), QStringLiteral("--test"), QStringLiteral("0.1")});
        // The test error is also given in sunspot numbers, beside the persistence forecast's.
        const QJsonObject test = trained.value(QStringLiteral("test")).toObject();
        QCOMPARE(test.value(QStringLiteral("count")).toInt(), 29);  // 10% of the 297 windows
        QVERIFY(test.value(QStringLiteral("mae")).toDouble() > 1.0);
        QVERIFY(test.value(QStringLiteral("persistenceMae")).toDouble() > 1.0);
        const QJsonObject inferred = runJson({QStringLiteral("infer"), QStringLiteral("--model"), model, QStringLiteral("--series"), sunspots});
        const QJsonObject attention = inferred.value(QStringLiteral("attention")).toObject();
        QCOMPARE(attention.value(QStringLiteral("shape")).toArray(), (QJsonArray{12}));
        const QJsonArray forecast = inferred.value(QStringLiteral("forecast")).toArray();
        QCOMPARE(forecast.size(), 1);
        const double prediction = inferred.value(QStringLiteral("prediction")).toArray().at(0).toDouble();
        // Sunspot numbers run from 0 to about 190: the forecast is in those units, the raw output z-scored.
        QVERIFY(forecast.at(0).toDouble() != prediction);
        QVERIFY(forecast.at(0).toDouble() > -50.0 && forecast.at(0).toDouble() < 300.0);
    }

    // IMDB writes its classes as 0 and 1: --class-names names them, the model predicts
    // "positive", and the codes in the file still find their classes when the run is resumed and
    // when the model is evaluated on the file.
    void classNamesReplaceLabelCodes()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("named.asmodel"));
        const QString data = resource(QStringLiteral("sentiment/imdb.json"));
        const QStringList common{QStringLiteral("--hidden"), QStringLiteral("8"), QStringLiteral("--embedding"), QStringLiteral("8")};
        runJson(QStringList{QStringLiteral("train"), QStringLiteral("--data"), data, QStringLiteral("--class-names"),
                            QStringLiteral("negative,positive"), QStringLiteral("--out"), model, QStringLiteral("--epochs"),
                            QStringLiteral("1")}
                + common);
        const QJsonObject inferred = runJson({QStringLiteral("infer"), QStringLiteral("--model"), model, QStringLiteral("--text"),
                                              QStringLiteral("a wonderful film")});
        const QString label = inferred.value(QStringLiteral("label")).toString();
        QVERIFY2(label == QLatin1String("positive") || label == QLatin1String("negative"), qPrintable(label));
        // The class order is that of the codes: class 1 (output > 0) is "positive".
        QCOMPARE(label == QLatin1String("positive"), inferred.value(QStringLiteral("prediction")).toArray().at(0).toDouble() > 0.0);

        const QJsonObject resumed = runJson({QStringLiteral("train"), QStringLiteral("--resume"), model, QStringLiteral("--data"), data,
                                             QStringLiteral("--epochs"), QStringLiteral("2")});
        QCOMPARE(resumed.value(QStringLiteral("epochs")).toInt(), 2);
        // Scored against the codes in the file exactly as the same run without names (with the
        // codes unmapped, no answer would match its label).
        const QString plain = dir.filePath(QStringLiteral("plain.asmodel"));
        runJson(QStringList{QStringLiteral("train"), QStringLiteral("--data"), data, QStringLiteral("--out"), plain,
                            QStringLiteral("--epochs"), QStringLiteral("2")}
                + common);
        const QJsonObject named = runJson({QStringLiteral("evaluate"), QStringLiteral("--model"), model, QStringLiteral("--data"), data});
        const QJsonObject unnamed = runJson({QStringLiteral("evaluate"), QStringLiteral("--model"), plain, QStringLiteral("--data"), data});
        for (const QString& key : {QStringLiteral("value"), QStringLiteral("trueClassProbability")})
            QVERIFY2(named.value(key).toDouble() == unnamed.value(key).toDouble() && named.value(key).toDouble() > 0.0,
                     qPrintable(key));

        for (const QString& names : {QStringLiteral("negative"), QStringLiteral("bad,good,neutral"), QStringLiteral("same,same")}) {
            const CliRun run = runCli({QStringLiteral("train"), QStringLiteral("--data"), data, QStringLiteral("--class-names"), names,
                                       QStringLiteral("--out"), dir.filePath(QStringLiteral("wrong.asmodel"))});
            QCOMPARE(run.exitCode, 1);
            const QString message = QString::fromUtf8(run.err);
            QVERIFY2(names == QLatin1String("same,same") ? message.contains(QLatin1String("\"same\" is given twice"))
                                                         : message.contains(QLatin1String("holds 2 (0, 1)")),
                     qPrintable(message));
        }
    }

    void badDataFilesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringList{} << QStringLiteral("empty");
        QTest::newRow("one class") << QByteArray("text,label\ngood,1\nfine,1\n") << QStringList{} << QStringLiteral("label");
        QTest::newRow("missing column")
            << QByteArray("year,value\n2000,1\n2001,2\n") << QStringList{QStringLiteral("--target"), QStringLiteral("price")}
            << QStringLiteral("\"price\"");
        QTest::newRow("series shorter than the window")
            << QByteArray("year,value\n2000,1\n2001,2\n2002,3\n") << QStringList{QStringLiteral("--target"), QStringLiteral("value")}
            << QStringLiteral("window");
    }
    void badDataFilesAreNamed()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, extra);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("data.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        const QString model = dir.filePath(QStringLiteral("m.asmodel"));
        const CliRun run = runCli(QStringList{QStringLiteral("train"), QStringLiteral("--data"), path, QStringLiteral("--out"), model} + extra);
        QVERIFY2(run.finished && run.status == QProcess::NormalExit, qPrintable(run.describe()));
        QCOMPARE(run.exitCode, 1);
        const QString message = QString::fromUtf8(run.err);
        QVERIFY2(message.contains(path) && message.contains(expected), qPrintable(message));
        QVERIFY(!QFile::exists(model));  // no model file from a failed import
    }
};

QTEST_GUILESS_MAIN(CliDataTest)
#include "tst_cli_data.moc"
