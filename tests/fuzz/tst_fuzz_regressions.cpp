// Every input the fuzzers (tests/fuzz) found a crash, hang or leak with, committed under
// tests/fuzz/regressions and fed to its parser here in the normal build: each must now end in a
// clear StudioError naming the file and the field or line (or, where the input was valid, the
// right result). One row per input.

#include "common/StudioError.h"
#include "data/TextImport.h"
#include "external/ModelMeta.h"
#include "external/keras/KerasSidecar.h"
#include "external/keras/LambdaCode.h"

#include <QFile>
#include <QTemporaryDir>

#include <QtTest/QtTest>

#include <functional>

using namespace studio;

namespace {

QString regressionPath(const char* name)
{
    return QStringLiteral(STUDIO_FUZZ_REGRESSIONS_DIR "/") + QLatin1String(name);
}

QByteArray regression(const char* name)
{
    QFile file(regressionPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing regression input %s", name);
    return file.readAll();
}

} // namespace

Q_DECLARE_METATYPE(std::function<void()>)

class FuzzRegressionsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void damagedInputsEndInAClearError_data()
    {
        QTest::addColumn<std::function<void()>>("parse");
        QTest::addColumn<QString>("expected");
        // fuzz_model_meta: a pad_id of 2.2e55 was cast to int64_t (undefined behaviour) before
        // being checked; ids are now checked as doubles first (whole, 0 to 2^53).
        QTest::newRow("model_meta-huge-pad-id")
            << std::function<void()>([] { ModelMeta::fromJson(regression("model_meta-huge-pad-id.json"), QStringLiteral("m.pt")); })
            << QStringLiteral("The meta.json inside m.pt has a bad \"pad_id\" field: expected a non-negative whole number.");
        // fuzz_lambda_code: a code object whose argument counts add up past 2^31 overflowed an int
        // (undefined behaviour) before the counts were checked against its variable names.
        QTest::newRow("lambda_code-argument-count-overflow")
            << std::function<void()>([] {
                   keras::readLambdaCode(QString::fromLatin1(regression("lambda_code-argument-count-overflow.marshal").toBase64()));
               })
            << QStringLiteral("The Lambda code declares more arguments than it has local names (byte 106 of 106, read as Python "
                              "3.6-3.7).");
        // fuzz_keras_sidecar: a word id of 5.6e48 was cast to int64_t (undefined behaviour).
        QTest::newRow("keras_sidecar-huge-word-id")
            << std::function<void()>([] { keras::KerasSidecar::fromFile(regressionPath("keras_sidecar-huge-word-id.tokenizer.json")); })
            << QStringLiteral(STUDIO_FUZZ_REGRESSIONS_DIR "/keras_sidecar-huge-word-id.tokenizer.json: the word_index entry "
                              "\"film\" is not a whole number from 0 to 2^53: a word_index maps each word to its id.");
    }
    void damagedInputsEndInAClearError()
    {
        QFETCH(std::function<void()>, parse);
        QFETCH(QString, expected);
        try {
            parse();
            QFAIL("no error");
        } catch (const StudioError& error) {
            QCOMPARE(error.message(), expected);
        }
    }

    // fuzz_text_import: a plain-text line of a tab and U+FEFF was stored, then read back empty
    // (QString::fromUtf8 drops a leading U+FEFF as a byte order mark): an empty text in a corpus
    // whose contract is that empty texts are skipped. The corpus now gives back what it stored.
    void aTextOfOnlyAZeroWidthNoBreakSpaceReadsBackAsStored()
    {
        TextImportOptions options;
        options.format = TextFormat::PlainText;
        const TextCorpus corpus = importText(regressionPath("text_import-only-a-bom-character.txt"), options);
        QCOMPARE(corpus.size(), 1);
        QCOMPARE(corpus.text(0), QString(QChar(0xFEFF)));
    }

    // fuzz_keras_sidecar: filters were replaced by the split text one filter at a time, so a
    // split holding filter characters (here "great" and spaces) grew the text exponentially (a
    // hang), and split words differently from Keras' single str.translate pass.
    void aSplitHoldingFilterCharactersIsAppliedInOnePass()
    {
        const keras::KerasSidecar fuzzed = keras::KerasSidecar::fromFile(regressionPath("keras_sidecar-split-holds-filters.tokenizer.json"));
        const keras::KerasTokens tokens = fuzzed.encode(QStringLiteral("The film was great, not bad at all!"), 0);
        QCOMPARE(tokens.tokens.size(), qsizetype(tokens.ids.size()));

        // filters "ab", split "ba": Keras turns "xay" into "xbay", whose words split by "ba" are
        // "x" and "y" (filter by filter, the "b" of the split became "ba" too: "x", "ay").
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.tokenizer.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"class_name\": \"Tokenizer\", \"config\": {\"filters\": \"ab\", \"split\": \"ba\", "
                   "\"word_index\": \"{\\\"x\\\": 1, \\\"y\\\": 2, \\\"a\\\": 3}\"}}");
        file.close();
        const keras::KerasTokens words = keras::KerasSidecar::fromFile(path).encode(QStringLiteral("xay"), 0);
        QCOMPARE(words.tokens, (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
    }
};

QTEST_GUILESS_MAIN(FuzzRegressionsTest)
#include "tst_fuzz_regressions.moc"
