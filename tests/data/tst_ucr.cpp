// UCR/UEA classification files: tab, comma and space separated, variable lengths (NaN padding),
// label order, heads, z-normalization, gaps under each policy, and the one-class error.

#include "common/StudioError.h"
#include "data/UcrImport.h"
#include "train/FittingModelConfig.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include "TestFiles.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio;
using namespace studio::testing;

namespace {

} // namespace

class UcrTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void separators_data()
    {
        QTest::addColumn<QByteArray>("content");
        // Two classes, lengths 4, 3 (NaN padding) and 2 (empty padding).
        QTest::newRow("tab (2018 .tsv)") << QByteArray("2\t1\t2\t3\t4\n1\t5\t6\t7\tNaN\n2\t8\t9\t\t\n");
        QTest::newRow("comma") << QByteArray("2,1,2,3,4\n1,5,6,7,NaN\n2,8,9,,\n");
        QTest::newRow("spaces (old .txt)") << QByteArray("  2.0000000e+00   1 2 3 4\n 1.0000000e+00  5 6 7 NaN\n2 8 9 NaN NaN\n");
    }
    void separators()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const Dataset data = importUcr(writeFile(dir, QStringLiteral("Toy_TRAIN.tsv"), content));
        QCOMPARE(data.labels, (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
        QCOMPARE(toString(data.head), toString(HeadKind::Binary));
        QCOMPARE(data.outputs, 1);
        QCOMPARE(data.size(), int64_t(3));
        QCOMPARE(data.examples[0].values, (std::vector<float>{1, 2, 3, 4}));
        QCOMPARE(data.examples[1].values, (std::vector<float>{5, 6, 7}));
        QCOMPARE(data.examples[2].values, (std::vector<float>{8, 9}));
        QCOMPARE(data.examples[0].target, std::vector<float>{1});
        QCOMPARE(data.examples[1].target, std::vector<float>{0});
        QCOMPARE(fittingModelConfig(data).maxLength, 4);
    }

    void labelsSortNumericallyAndMultiClass()
    {
        QTemporaryDir dir;
        const Dataset data = importUcr(writeFile(dir, QStringLiteral("m.tsv"), "10\t1\t2\n2\t3\t4\n-1\t5\t6\n2\t7\t8\n"));
        QCOMPARE(data.labels, (QStringList{QStringLiteral("-1"), QStringLiteral("2"), QStringLiteral("10")}));
        QCOMPARE(toString(data.head), toString(HeadKind::MultiClass));
        QCOMPARE(data.outputs, 3);
        QCOMPARE(data.examples[0].target, std::vector<float>{2});
        QCOMPARE(data.examples[2].target, std::vector<float>{0});

        const Dataset words = importUcr(writeFile(dir, QStringLiteral("w.csv"), "walk,1,2\nrun,3,4\n"));
        QCOMPARE(words.labels, (QStringList{QStringLiteral("run"), QStringLiteral("walk")}));
    }

    void zNormalizationPerSeries()
    {
        QTemporaryDir dir;
        UcrOptions options;
        options.zNormalize = true;
        const Dataset data = importUcr(writeFile(dir, QStringLiteral("z.tsv"), "1\t1\t2\t3\n2\t10\t10\t10\n"), options);
        const auto& first = data.examples[0].values;
        QVERIFY(std::abs(first[0] + std::sqrt(1.5f)) < 1e-5f);
        QCOMPARE(first[1], 0.0f);
        QCOMPARE(data.examples[1].values, (std::vector<float>{0, 0, 0}));  // constant: zeros, no division by zero
        QVERIFY(data.preprocessing.value(QStringLiteral("zNormalize")).toBool());
        const Example input = makeUcrInput({1, 2, 3, std::nan("")}, data.preprocessing);
        QCOMPARE(input.values, first);
    }

    void gapsInsideASequence()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("gap.tsv"), "1\t1\t2\t3\n2\t1\tNaN\t3\n1\t4\t5\t6\n");
        try {
            importUcr(path);
            QFAIL("refuse accepted a gap");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(path + QStringLiteral(", line 2, value 2")), qPrintable(error.message()));
            QVERIFY2(error.message().contains(QStringLiteral("interpolate")), qPrintable(error.message()));
        }
        UcrOptions options;
        options.missing = MissingPolicy::Interpolate;
        QStringList notes;
        const Dataset filled = importUcr(path, options, {}, &notes);
        QCOMPARE(filled.examples[1].values, (std::vector<float>{1, 2, 3}));
        QCOMPARE(notes.size(), 1);
        options.missing = MissingPolicy::Drop;
        // Dropping the only sequence of class 2 leaves one class: an error, not a one-class model.
        QVERIFY_THROWS_EXCEPTION(StudioError, importUcr(path, options));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one class") << QByteArray("1\t1\t2\n1\t3\t4\n") << QStringLiteral("line 1");
        QTest::newRow("label only") << QByteArray("1\t1\t2\n2\n") << QStringLiteral("line 2");
        QTest::newRow("not a number") << QByteArray("1\t1\t2\n2\t3\tx\n") << QStringLiteral("line 2, value 2");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03\xff\xfe\x00\x00", 8) << QStringLiteral("binary");
    }
    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("bad.tsv"), content);
        const QByteArray before = hashOf(path);
        try {
            importUcr(path);
            QFAIL("bad input accepted");
        } catch (const StudioError& error) {
            qInfo().noquote() << QTest::currentDataTag() << "->" << error.message();
            QVERIFY2(error.message().contains(path), qPrintable(error.message()));
            QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
        }
        QCOMPARE(hashOf(path), before);
    }

    // Limits for untrusted files (ImportLimits): values per line, sequences per file, line length.

    void limitsAreNamedWithTheLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("limit");  // which ImportLimits member is lowered
        QTest::addColumn<QString>("expected");
        QTest::newRow("values, tabs") << "1\t1\t2\n2" + QByteArray("\t0.5").repeated(101) + "\n" << QStringLiteral("fields")
                                      << QStringLiteral("u.tsv, line 2: the line has more than 100 values");
        QTest::newRow("values, spaces") << "1 1 2\n2" + QByteArray("  0.5").repeated(101) + "\n" << QStringLiteral("fields")
                                        << QStringLiteral("u.tsv, line 2: the line has more than 100 values");
        QTest::newRow("sequences") << QByteArray("1\t1\t2\n2\t3\t4\n").repeated(60) + "\n" << QStringLiteral("rows")
                                   << QStringLiteral("u.tsv, line 101: the file has more than 100 sequences");
        QTest::newRow("line") << "1\t1\t2\n2\t0." + QByteArray(300 * 1024, '7') + "\n" << QStringLiteral("line")
                              << QStringLiteral("u.tsv, line 2: the line is longer than 256 KiB");
    }
    void limitsAreNamedWithTheLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, limit);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("u.tsv"), content);
        ImportControl control;
        if (limit == QLatin1String("fields"))
            control.limits.maxFields = 100;
        else if (limit == QLatin1String("rows"))
            control.limits.maxRows = 100;
        else
            control.limits.maxLineBytes = 256 * 1024;
        try {
            importUcr(path, {}, control);
            QFAIL("no error");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
        }
        importUcr(path);  // within the default limits the same file reads
    }
};

QTEST_GUILESS_MAIN(UcrTest)
#include "tst_ucr.moc"
