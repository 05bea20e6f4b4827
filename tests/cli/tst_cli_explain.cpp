// attention-cli explain beyond the per-step rows (issue 13): a series' attributions per step and
// feature under the model's own column names, and the attention frozen to another input's, each
// read back from the JSON and checked against the rows it must add up to or the reason it must give.

#include "CliChecks.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio::testing;

class CliExplainTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void explainSeriesPerFeatureAndFrozen();
    void explainTokensFrozenToAnotherInput();
    void explainDeletesStepsWhenAsked();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    void writeFile(const QString& name, const QByteArray& bytes);

    QTemporaryDir m_dir;
};

void CliExplainTest::writeFile(const QString& name, const QByteArray& bytes)
{
    QFile file(path(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

void CliExplainTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
    QVERIFY2(QFileInfo::exists(QStringLiteral(ATTENTION_CLI_PATH)), ATTENTION_CLI_PATH);
    QVERIFY(m_dir.isValid());
    RUN_CLI(run, {QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("keyword"), QStringLiteral("--task-length"),
                  QStringLiteral("8"), QStringLiteral("--task-count"), QStringLiteral("100"), QStringLiteral("--epochs"),
                  QStringLiteral("1"), QStringLiteral("--hidden"), QStringLiteral("8"), QStringLiteral("--embedding"), QStringLiteral("8"),
                  QStringLiteral("--out"), path(QStringLiteral("keyword.model"))});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
}

// A forecaster over three named columns: per-feature rows under the model's own column names, T
// rows of F numbers, adding up to the per-step rows; the attention frozen to another window's, and
// to its own (no change); the other input in the wrong form is a usage error.
void CliExplainTest::explainSeriesPerFeatureAndFrozen()
{
    constexpr int kRows = 60;
    constexpr int kWindow = 6;
    QByteArray table("t,load,temp,wind\n");
    QByteArray shifted = table;  // another window: the last rows differ
    for (int row = 0; row < kRows; ++row) {
        const auto line = [&](int r) {
            return QStringLiteral("%1,%2,%3,%4\n").arg(r).arg(std::sin(0.3 * r) * 5 + 10).arg(std::cos(0.2 * r) * 3).arg(r % 7).toUtf8();
        };
        table += line(row);
        shifted += line(row + 9);
    }
    writeFile(QStringLiteral("forecast.csv"), table);
    writeFile(QStringLiteral("forecast-later.csv"), shifted);
    RUN_CLI(trained, {QStringLiteral("train"), QStringLiteral("--data"), path(QStringLiteral("forecast.csv")), QStringLiteral("--target"),
                      QStringLiteral("load"), QStringLiteral("--inputs"), QStringLiteral("wind,load,temp"), QStringLiteral("--window"),
                      QString::number(kWindow), QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--hidden"),
                      QStringLiteral("8"), QStringLiteral("--out"), path(QStringLiteral("forecast.model"))});
    QVERIFY2(trained.exitCode == kExitOk, qPrintable(trained.describe()));

    const QStringList explain{QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("forecast.model")),
                              QStringLiteral("--series"), path(QStringLiteral("forecast.csv")), QStringLiteral("--ig-steps"),
                              QStringLiteral("16"), QStringLiteral("--format"), QStringLiteral("json")};
    RUN_CLI(run, explain + QStringList{QStringLiteral("--frozen-from-series"), path(QStringLiteral("forecast-later.csv"))});
    QVERIFY2(run.exitCode == kExitOk, qPrintable(run.describe()));
    PARSE_JSON(json, run);
    // The model's own order, not the file's.
    QCOMPARE(json.value(QStringLiteral("features")).toArray(),
             (QJsonArray{QStringLiteral("wind"), QStringLiteral("load"), QStringLiteral("temp")}));
    const QJsonObject perFeature = json.value(QStringLiteral("per_feature")).toObject();
    QCOMPARE(sorted(perFeature.keys()), (QStringList{QStringLiteral("grad_input"), QStringLiteral("gradient"),
                                                     QStringLiteral("integrated_gradients"), QStringLiteral("occlusion")}));
    const QJsonObject methods = json.value(QStringLiteral("methods")).toObject();
    for (const QString& name : {QStringLiteral("grad_input"), QStringLiteral("integrated_gradients")}) {
        const QJsonArray rows = perFeature.value(name).toArray();
        QCOMPARE(rows.size(), kWindow);
        for (int t = 0; t < kWindow; ++t) {
            const QJsonArray row = rows.at(t).toArray();
            QCOMPARE(row.size(), 3);
            const double sum = row.at(0).toDouble() + row.at(1).toDouble() + row.at(2).toDouble();
            const double step = methods.value(name).toArray().at(t).toDouble();
            QVERIFY2(std::abs(sum - step) < 1e-5, qPrintable(QStringLiteral("%1, step %2: %3 vs %4").arg(name).arg(t).arg(sum).arg(step)));
        }
    }
    const QJsonObject frozen = json.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("frozen")).toObject();
    QVERIFY2(frozen.value(QStringLiteral("available")).toBool(), qPrintable(frozen.value(QStringLiteral("reason")).toString()));
    QCOMPARE(frozen.value(QStringLiteral("from")).toArray().size(), kWindow);
    const double score = json.value(QStringLiteral("score")).toDouble();
    QVERIFY(std::abs(frozen.value(QStringLiteral("score")).toDouble() - score - frozen.value(QStringLiteral("change")).toDouble()) < 1e-9);
    QVERIFY(std::abs(frozen.value(QStringLiteral("change")).toDouble()) > 1e-7);  // the other window's weights differ

    // Frozen to its own attention: its own score.
    RUN_CLI(itself, explain + QStringList{QStringLiteral("--frozen-from-series"), path(QStringLiteral("forecast.csv"))});
    PARSE_JSON(itselfJson, itself);
    const QJsonObject own = itselfJson.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("frozen")).toObject();
    QCOMPARE(own.value(QStringLiteral("change")).toDouble(), 0.0);

    RUN_CLI(wrong, explain + QStringList{QStringLiteral("--frozen-from-text"), QStringLiteral("a b c")});
    QCOMPARE(wrong.exitCode, kExitUsage);
    QVERIFY2(wrong.err.contains("--frozen-from-series"), wrong.err.constData());
}

// Token models: no per-feature rows; the attention frozen to another input of the same length, a
// reason naming both lengths for another length, null when not asked for.
void CliExplainTest::explainTokensFrozenToAnotherInput()
{
    const QStringList explain{QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")), QStringLiteral("--ids"),
                              QStringLiteral("3 7 1 4 9"), QStringLiteral("--methods"), QStringLiteral("attention"),
                              QStringLiteral("--format"), QStringLiteral("json")};
    RUN_CLI(plain, explain);
    PARSE_JSON(plainJson, plain);
    QVERIFY(!plainJson.contains(QStringLiteral("per_feature")));
    QVERIFY(plainJson.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("frozen")).isNull());

    RUN_CLI(same, explain + QStringList{QStringLiteral("--frozen-from-ids"), QStringLiteral("8 2 6 5 3")});
    QVERIFY2(same.exitCode == kExitOk, qPrintable(same.describe()));
    PARSE_JSON(sameJson, same);
    const QJsonObject frozen = sameJson.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("frozen")).toObject();
    QVERIFY(frozen.value(QStringLiteral("available")).toBool());
    QCOMPARE(frozen.value(QStringLiteral("from")).toArray().size(), 5);
    QVERIFY(isFiniteNumber(frozen.value(QStringLiteral("score"))));

    RUN_CLI(longer, explain + QStringList{QStringLiteral("--frozen-from-ids"), QStringLiteral("8 2 6 5 3 1 1")});
    QVERIFY2(longer.exitCode == kExitOk, qPrintable(longer.describe()));
    PARSE_JSON(longerJson, longer);
    const QJsonObject refused = longerJson.value(QStringLiteral("interventions")).toObject().value(QStringLiteral("frozen")).toObject();
    QVERIFY(!refused.value(QStringLiteral("available")).toBool());
    QVERIFY2(refused.value(QStringLiteral("reason")).toString().contains(QStringLiteral("7 steps and this one 5")),
             qPrintable(refused.value(QStringLiteral("reason")).toString()));
}

// --removal delete: occlusion and faithfulness cut steps out instead of replacing them; the JSON
// says which was used; dropping the one step of a one-token input falls back to replacing, with a
// note; an unknown way is a usage error.
void CliExplainTest::explainDeletesStepsWhenAsked()
{
    const QStringList explain{QStringLiteral("explain"), QStringLiteral("--model"), path(QStringLiteral("keyword.model")),
                              QStringLiteral("--methods"), QStringLiteral("attention,occlusion"), QStringLiteral("--format"),
                              QStringLiteral("json")};
    const QStringList ids{QStringLiteral("--ids"), QStringLiteral("3 7 1 4 9")};
    RUN_CLI(replaced, explain + ids);
    RUN_CLI(deleted, explain + ids + QStringList{QStringLiteral("--removal"), QStringLiteral("delete")});
    QVERIFY2(deleted.exitCode == kExitOk, qPrintable(deleted.describe()));
    PARSE_JSON(replacedJson, replaced);
    PARSE_JSON(deletedJson, deleted);
    QCOMPARE(replacedJson.value(QStringLiteral("removal")).toString(), QStringLiteral("replace"));
    QCOMPARE(deletedJson.value(QStringLiteral("removal")).toString(), QStringLiteral("delete"));
    const QJsonArray a = replacedJson.value(QStringLiteral("methods")).toObject().value(QStringLiteral("occlusion")).toArray();
    const QJsonArray b = deletedJson.value(QStringLiteral("methods")).toObject().value(QStringLiteral("occlusion")).toArray();
    QCOMPARE(a.size(), 5);
    QCOMPARE(b.size(), 5);
    double difference = 0.0;
    for (qsizetype t = 0; t < a.size(); ++t)
        difference = std::max(difference, std::abs(a.at(t).toDouble() - b.at(t).toDouble()));
    QVERIFY2(difference > 1e-6, qPrintable(QString::number(difference)));

    RUN_CLI(single, explain + QStringList{QStringLiteral("--ids"), QStringLiteral("3"), QStringLiteral("--removal"),
                                          QStringLiteral("delete")});
    PARSE_JSON(singleJson, single);
    QCOMPARE(singleJson.value(QStringLiteral("removal")).toString(), QStringLiteral("replace"));
    QVERIFY(QJsonDocument(singleJson.value(QStringLiteral("notes")).toArray()).toJson().contains("not deleted"));

    RUN_CLI(unknown, explain + ids + QStringList{QStringLiteral("--removal"), QStringLiteral("drop")});
    QCOMPARE(unknown.exitCode, kExitUsage);
}

QTEST_GUILESS_MAIN(CliExplainTest)
#include "tst_cli_explain.moc"
