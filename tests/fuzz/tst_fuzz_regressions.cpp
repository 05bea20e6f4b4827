// Every input the fuzzers (tests/fuzz) found a crash, hang or leak with, committed under
// tests/fuzz/regressions and fed to its parser here in the normal build: each must now end in a
// clear StudioError naming the file and the field or line (or, where the input was valid, the
// right result). One row per input.

#include "common/StudioError.h"
#include "data/TextImport.h"
#include "external/ModelMeta.h"

#include <QFile>

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
};

QTEST_GUILESS_MAIN(FuzzRegressionsTest)
#include "tst_fuzz_regressions.moc"
