// `attention-cli infer` on TorchScript files made by PyTorch itself (examples/pytorch/
// make_fixtures.py with Debian's python3-torch): the JSON contract of issue 4, with prediction and
// attention equal to PyTorch's own within 1e-5, and clear errors for files that are not models;
// `attention-cli explain` answering for them (issue 13).

#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio::testing;

namespace {

constexpr int kFixtureTimeoutMs = 300'000;
constexpr double kTolerance = 1e-5;

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList fixtureNames(const QString& dir)
{
    QStringList names;
    for (const QString& json : QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        if (!json.startsWith(QLatin1String("two_inputs")))
            names << json.chopped(5);  // without ".json"
    return names;
}

} // namespace

class CliTorchScriptTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY(m_dir.isValid());
        // Debian's interpreter: python3-torch is installed for it (.ci/setup).
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(STUDIO_RESOURCES_DIR "/../examples/pytorch/make_fixtures.py"), m_dir.path()});
        QVERIFY2(python.waitForFinished(kFixtureTimeoutMs), "make_fixtures.py did not finish");
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, python.readAllStandardError().constData());
        QVERIFY(fixtureNames(m_dir.path()).size() >= 6);
    }

    void inferMatchesPyTorch_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& name : fixtureNames(m_dir.path()))
            QTest::newRow(qPrintable(name)) << name;
    }
    void inferMatchesPyTorch()
    {
        QFETCH(QString, name);
        const QJsonObject reference = readJson(m_dir.filePath(name + QStringLiteral(".json")));
        const QJsonObject input = reference.value(QStringLiteral("input")).toObject();
        QStringList arguments{QStringLiteral("infer"), QStringLiteral("--model"), m_dir.filePath(name + QStringLiteral(".pt")),
                              QStringLiteral("--format"), QStringLiteral("json")};
        if (input.contains(QStringLiteral("ids"))) {
            QStringList ids;
            for (const QJsonValue& id : input.value(QStringLiteral("ids")).toArray())
                ids << QString::number(id.toInteger());
            arguments << QStringLiteral("--ids") << ids.join(QLatin1Char(' '));
        } else {
            // --series: one CSV row per timestep, one column per feature, with a header.
            const QJsonArray rows = input.value(QStringLiteral("series")).toArray();
            QByteArray csv;
            for (int column = 0; column < rows.at(0).toArray().size(); ++column)
                csv += (column ? "," : "") + QByteArray("f") + QByteArray::number(column);
            csv += '\n';
            for (const QJsonValue& row : rows) {
                QStringList cells;
                for (const QJsonValue& value : row.toArray())
                    cells << QString::number(value.toDouble(), 'g', 17);
                csv += cells.join(QLatin1Char(',')).toUtf8() + '\n';
            }
            const QString path = m_dir.filePath(name + QStringLiteral(".csv"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(csv);
            file.close();
            arguments << QStringLiteral("--series") << path;
        }
        if (input.value(QStringLiteral("time_major")).toBool())
            arguments << QStringLiteral("--time-major");
        if (input.contains(QStringLiteral("candidate")))
            arguments << QStringLiteral("--candidate") << QString::number(input.value(QStringLiteral("candidate")).toInt());
        const CliRun run = runCli(arguments);
        QVERIFY2(run.finished && run.status == QProcess::NormalExit && run.exitCode == 0, qPrintable(run.describe()));
        QString problem;
        const QJsonObject json = parseObject(run.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        QVERIFY2(largestDifference(json.value(QStringLiteral("prediction")).toArray(),
                                   reference.value(QStringLiteral("prediction")).toArray()) <= kTolerance,
                 qPrintable(run.describe()));
        const QJsonObject attention = json.value(QStringLiteral("attention")).toObject();
        const QJsonObject expected = reference.value(QStringLiteral("attention")).toObject();
        QCOMPARE(attention.value(QStringLiteral("shape")).toArray(), expected.value(QStringLiteral("shape")).toArray());
        QVERIFY(largestDifference(attention.value(QStringLiteral("values")).toArray(),
                                  expected.value(QStringLiteral("values")).toArray()) <= kTolerance);
        QCOMPARE(json.value(QStringLiteral("source")).toString(), reference.value(QStringLiteral("source")).toString());
        const QJsonArray warnings = json.value(QStringLiteral("warnings")).toArray();
        const QJsonArray keywords = reference.value(QStringLiteral("expect_warnings")).toArray();
        QCOMPARE(warnings.size(), keywords.size());
        for (int i = 0; i < keywords.size(); ++i)
            QVERIFY2(warnings.at(i).toString().contains(keywords.at(i).toString()), qPrintable(warnings.at(i).toString()));
        QCOMPARE(json.contains(QStringLiteral("tokens")), input.contains(QStringLiteral("ids")));
    }

    // The Keras layer's per-position bias fixes the length; a shorter input fails inside torch, and
    // the error must say which length the model takes.
    void fixedLengthModelNamesItsLength()
    {
        const QString csv = m_dir.filePath(QStringLiteral("four_steps.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("1,2,3\n4,5,6\n1,1,1\n2,2,2\n");
        file.close();
        const CliRun run = runCli({QStringLiteral("infer"), QStringLiteral("--model"),
                                   m_dir.filePath(QStringLiteral("keras_positional_bias.pt")), QStringLiteral("--series"), csv});
        QVERIFY2(run.finished && run.status == QProcess::NormalExit, qPrintable(run.describe()));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(QStringLiteral("\"b\", which holds one value per position for 6 positions")),
                 qPrintable(run.describe()));
    }

    // explain on a TorchScript file: typed text through its meta.json's vocabulary, one number per
    // word and method, the attention the one infer shows, and the score infer's own largest logit
    // (PyTorch's autograd checks the numbers themselves in tst_torchscript_explain); attention
    // frozen to another input's refused with the graph's reason.
    void explainAnswersWithMethods()
    {
        const QString model = m_dir.filePath(QStringLiteral("additive_graph_scripted.pt"));
        const QString text = QStringLiteral("the movie was not good");
        const CliRun run = runCli({QStringLiteral("explain"), QStringLiteral("--model"), model, QStringLiteral("--text"), text,
                                   QStringLiteral("--ig-steps"), QStringLiteral("8"), QStringLiteral("--frozen-from-text"),
                                   QStringLiteral("the film was very bad"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.finished && run.status == QProcess::NormalExit && run.exitCode == 0, qPrintable(run.describe()));
        QString problem;
        const QJsonObject json = parseObject(run.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QStringList words = text.split(QLatin1Char(' '));
        QCOMPARE(json.value(QStringLiteral("steps")).toArray(), QJsonArray::fromStringList(words));
        const QJsonObject methods = json.value(QStringLiteral("methods")).toObject();
        for (const char* method : {"attention", "gradient", "grad_input", "integrated_gradients", "occlusion"}) {
            const QJsonArray values = methods.value(QLatin1String(method)).toArray();
            QVERIFY2(values.size() == words.size(), method);
            for (const QJsonValue& value : values)
                QVERIFY2(value.isDouble() && std::isfinite(value.toDouble()), method);
        }
        QVERIFY(!methods.contains(QStringLiteral("attention_norm")));  // the graph's states are not seen
        QVERIFY(!json.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("available")).toBool());
        // Attention frozen to another input's: the graph's own attention cannot be swapped either.
        const QJsonObject frozen = json.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("frozen")).toObject();
        QVERIFY(!frozen.value(QStringLiteral("available")).toBool(true));
        QVERIFY2(frozen.value(QStringLiteral("reason")).toString().contains(QStringLiteral("inside its own graph")), qPrintable(run.describe()));

        const CliRun infer = runCli({QStringLiteral("infer"), QStringLiteral("--model"), model, QStringLiteral("--text"), text,
                                     QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(infer.finished && infer.exitCode == 0, qPrintable(infer.describe()));
        const QJsonObject inferred = parseObject(infer.out, &problem);
        QVERIFY(largestDifference(methods.value(QStringLiteral("attention")).toArray(),
                                  inferred.value(QStringLiteral("attention")).toObject().value(QStringLiteral("values")).toArray())
                <= kTolerance);
        const QJsonArray prediction = inferred.value(QStringLiteral("prediction")).toArray();
        const int predicted = prediction.at(0).toDouble() >= prediction.at(1).toDouble() ? 0 : 1;
        QCOMPARE(json.value(QStringLiteral("class")).toInt(), predicted);
        QVERIFY(std::abs(json.value(QStringLiteral("score")).toDouble() - prediction.at(predicted).toDouble()) <= kTolerance);
    }

    void badFilesAreExplained_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << QStringLiteral("bad_truncated") << QStringLiteral("not a complete zip archive");
        QTest::newRow("text") << QStringLiteral("bad_text") << QStringLiteral("not a TorchScript file");
        QTest::newRow("random bytes") << QStringLiteral("bad_random") << QStringLiteral("not a TorchScript file");
        QTest::newRow("state dict") << QStringLiteral("bad_state_dict") << QStringLiteral("not TorchScript");
        QTest::newRow("newer version") << QStringLiteral("bad_newer_version") << QStringLiteral("newer PyTorch");
        QTest::newRow("unknown operator") << QStringLiteral("bad_unknown_op")
                                          << QStringLiteral("calls the operator aten::linear_from_a_newer_pytorch");
        QTest::newRow("other inputs") << QStringLiteral("two_inputs") << QStringLiteral("takes forward(ids, lengths)");
    }
    void badFilesAreExplained()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const CliRun run = runCli({QStringLiteral("infer"), QStringLiteral("--model"), m_dir.filePath(name + QStringLiteral(".pt")),
                                   QStringLiteral("--ids"), QStringLiteral("1 2 3")});
        QVERIFY2(run.finished && run.status == QProcess::NormalExit, qPrintable(run.describe()));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(QString::fromUtf8(run.err).contains(expected), qPrintable(run.describe()));
    }

    // Live typing latency is measured by bench (never asserted): here only that it runs and reports.
    void benchReportsLatency()
    {
        const CliRun run = runCli({QStringLiteral("bench"), QStringLiteral("--torchscript"),
                                   m_dir.filePath(QStringLiteral("additive_graph_scripted.pt")), QStringLiteral("--length"),
                                   QStringLiteral("16"), QStringLiteral("--inference-calls"), QStringLiteral("3"),
                                   QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
        QString problem;
        const QJsonObject json = parseObject(run.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(json.value(QStringLiteral("length")).toInt(), 16);
        QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("graph"));
        QVERIFY(json.value(QStringLiteral("inferenceP50Ms")).toDouble() > 0.0);
        QVERIFY(json.value(QStringLiteral("inferenceP95Ms")).toDouble() >= json.value(QStringLiteral("inferenceP50Ms")).toDouble());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(CliTorchScriptTest)
#include "tst_cli_torchscript.moc"
