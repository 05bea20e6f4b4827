// Text import: every format reads what a person would expect, the bundled sentiment sentences
// import as shipped, and every bad input gives a StudioError naming the file (and the line),
// without touching the file. How fast import is (long lines included) is measured by
// `attention-cli bench --import`, not asserted here (docs/BENCHMARKS.md).

#include "common/StudioError.h"
#include "data/TextDataset.h"
#include "data/TextImport.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

#include <atomic>
#include <random>

using namespace studio;

namespace {

constexpr qint64 kOneMegabyte = 1 << 20;
constexpr qint64 kBeyondSniff = 70 * 1024;  // past the 64 KB checkTextFile looks at

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray utf16le(const QString& text, bool bom)
{
    QByteArray bytes = bom ? QByteArray("\xFF\xFE", 2) : QByteArray();
    for (QChar c : text) {
        bytes.append(static_cast<char>(c.unicode() & 0xFF));
        bytes.append(static_cast<char>(c.unicode() >> 8));
    }
    return bytes;
}

// Valid rows enough to push what follows past the encoding sniff.
QByteArray manyRows(const QByteArray& row)
{
    QByteArray bytes;
    while (bytes.size() < kBeyondSniff)
        bytes += row;
    return bytes;
}

// "line N" for the line after `before`.
QString lineAfter(const QByteArray& before)
{
    return QStringLiteral("line %1").arg(before.count('\n') + 1);
}

QString sentimentFile(const char* name)
{
    return QStringLiteral(STUDIO_RESOURCES_DIR "/data/sentiment/") + QLatin1String(name);
}

QStringList textsOf(const TextCorpus& corpus)
{
    QStringList texts;
    for (int64_t i = 0; i < corpus.size(); ++i)
        texts << corpus.text(i);
    return texts;
}

QStringList labelsOf(const TextCorpus& corpus)
{
    QStringList labels;
    for (int64_t i = 0; i < corpus.size(); ++i)
        labels << corpus.label(i);
    return labels;
}

} // namespace

class TextImportTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void csvWithQuotingAndBom()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("reviews.csv"));
        writeFile(path, "\xEF\xBB\xBFid,Review,Sentiment\r\n"
                        "1,\"Good, not great\",pos\r\n"
                        "2,\"She said \"\"wow\"\"\",pos\r\n"
                        "3,\"two\nlines\",neg\r\n"
                        "4,   ,neg\r\n"
                        "5,plain,neg\r\n");
        const TextCorpus corpus = importText(path);
        QCOMPARE(corpus.format, QStringLiteral("csv"));
        QCOMPARE(corpus.textField, QStringLiteral("Review"));  // detected, case-insensitive
        QCOMPARE(corpus.labelField, QStringLiteral("Sentiment"));
        QCOMPARE(textsOf(corpus), (QStringList{u("Good, not great"), u("She said \"wow\""), u("two\nlines"), u("plain")}));
        QCOMPARE(labelsOf(corpus), (QStringList{u("pos"), u("pos"), u("neg"), u("neg")}));
        QCOMPARE(corpus.skippedEmpty, 1);
        QCOMPARE(corpus.where(3), path + QStringLiteral(", line 7"));  // the quoted newline takes a line
    }

    void tsvAndNamedColumns()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("data.tsv"));
        writeFile(path, "sentence\tstars\tcomment\nnice, \"really\"\t5\tx\nbad\t1\ty\nok\t3\tz\n");
        TextImportOptions options;
        options.labelField = QStringLiteral("STARS");  // case-insensitive when no exact match
        const TextCorpus corpus = importText(path, options);
        QCOMPARE(corpus.textField, QStringLiteral("sentence"));
        QCOMPARE(textsOf(corpus), (QStringList{u("nice, \"really\""), u("bad"), u("ok")}));
        QCOMPARE(labelsOf(corpus), (QStringList{u("5"), u("1"), u("3")}));
        // Numeric labels: numeric class order, three classes.
        const Dataset data = buildTextDataset(corpus, {}, {});
        QCOMPARE(data.labels, (QStringList{u("1"), u("3"), u("5")}));
        QVERIFY(data.head == HeadKind::MultiClass);
    }

    void jsonArray()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("records.json"));
        writeFile(path, u("[{\"review\": \"Très bien\", \"polarity\": 1},\n"
                          " {\"review\": \"我喜欢\", \"polarity\": 0.5, \"extra\": [1]},\n"
                          " {\"review\": \"\", \"polarity\": null},\n"
                          " {\"review\": \"yes\", \"polarity\": true}]")
                            .toUtf8());
        const TextCorpus corpus = importText(path);
        QCOMPARE(corpus.format, QStringLiteral("json"));
        QCOMPARE(textsOf(corpus), (QStringList{u("Très bien"), u("我喜欢"), u("yes")}));
        QCOMPARE(labelsOf(corpus), (QStringList{u("1"), u("0.5"), u("true")}));
        QCOMPARE(corpus.skippedEmpty, 1);
        QCOMPARE(corpus.where(2), path + QStringLiteral(", record 4"));
    }

    void jsonLines_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::newRow(".jsonl") << QStringLiteral("records.jsonl");
        QTest::newRow(".json holding JSON Lines") << QStringLiteral("records.json");
    }
    void jsonLines()
    {
        QFETCH(QString, fileName);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        writeFile(path, "{\"body\": \"first\", \"cat\": \"a\"}\n\n{\"body\": \"second\", \"cat\": \"b\"}\r\n"
                        "{\"body\": \"  \", \"cat\": \"b\"}\n");
        TextImportOptions options;
        options.labelField = QStringLiteral("cat");
        const TextCorpus corpus = importText(path, options);
        QCOMPARE(corpus.format, QStringLiteral("jsonl"));
        QCOMPARE(textsOf(corpus), (QStringList{u("first"), u("second")}));
        QCOMPARE(corpus.where(1), path + QStringLiteral(", line 3"));
        QCOMPARE(corpus.skippedEmpty, 1);
    }

    void plainTextForInference()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("inputs.txt"));
        writeFile(path, u("\xEF\xBB\xBF" "first line\n\n  second  \r\n我爱Python 3.11!").toUtf8());
        const TextCorpus corpus = importText(path);
        QVERIFY(!corpus.hasLabels());
        QCOMPARE(textsOf(corpus), (QStringList{u("first line"), u("second"), u("我爱Python 3.11!")}));
        QCOMPARE(corpus.sourceLine(2), 4);
        // A CSV can be read without labels too.
        const QString csv = dir.filePath(QStringLiteral("texts.csv"));
        writeFile(csv, "text\nalpha\nbeta\n");
        TextImportOptions options;
        options.labels = false;
        QCOMPARE(textsOf(importText(csv, options)), (QStringList{u("alpha"), u("beta")}));
    }

    void aclImdbFolder()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("aclImdb"));
        writeFile(root + QStringLiteral("/train/pos/0_9.txt"), "A wonderful film.<br /><br />Loved it.");
        writeFile(root + QStringLiteral("/train/pos/1_8.txt"), u("Très bon 😀").toUtf8());
        writeFile(root + QStringLiteral("/train/neg/2_1.txt"), "\xEF\xBB\xBFTerrible.\n");
        writeFile(root + QStringLiteral("/train/neg/3_2.txt"), "");
        writeFile(root + QStringLiteral("/train/unsup/4_0.txt"), "no label");
        writeFile(root + QStringLiteral("/train/urls_pos.txt"), "http://example.com");
        writeFile(root + QStringLiteral("/test/pos/5_10.txt"), "Great.");
        writeFile(root + QStringLiteral("/test/neg/6_3.txt"), "Bad.");

        const TextCorpus corpus = importText(root + QStringLiteral("/train"));
        QCOMPARE(corpus.format, QStringLiteral("folder"));
        QCOMPARE(corpus.size(), 3);
        QCOMPARE(corpus.skippedEmpty, 1);
        QCOMPARE(labelsOf(corpus), (QStringList{u("neg"), u("pos"), u("pos")}));  // folders by name
        QCOMPARE(corpus.text(0), u("Terrible."));
        QCOMPARE(corpus.text(2), u("Très bon 😀"));
        QVERIFY(corpus.where(0).endsWith(QStringLiteral("train/neg/2_1.txt")));
        const Dataset data = buildTextDataset(corpus, {}, {});
        QCOMPARE(data.labels, (QStringList{u("neg"), u("pos")}));

        // The folder above train and test says which to choose.
        try {
            importText(root);
            QFAIL("aclImdb itself imported");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(root + QStringLiteral("/t")), qPrintable(error.message()));
        }
    }

    void bundledSentimentSentences_data()
    {
        QTest::addColumn<QString>("path");
        for (const char* name : {"imdb.json", "amazon.json", "yelp.json"})
            QTest::newRow(name) << sentimentFile(name);
    }
    void bundledSentimentSentences()
    {
        QFETCH(QString, path);
        const TextCorpus corpus = importText(path);
        QCOMPARE(corpus.size(), 1000);
        QCOMPARE(corpus.skippedEmpty, 1);  // the empty trailing record
        QCOMPARE(corpus.textField, QStringLiteral("text"));
        QCOMPARE(corpus.labelField, QStringLiteral("class"));
        const Dataset data = buildTextDataset(corpus, {}, {});
        QCOMPARE(data.labels, (QStringList{u("0"), u("1")}));
        QVERIFY(data.head == HeadKind::Binary);
        int positive = 0;
        for (const Example& example : data.examples)
            positive += example.target[0] == 1.0f ? 1 : 0;
        QCOMPARE(positive, 500);
    }

    void progressAndCancel()
    {
        QTemporaryDir dir;
        const QString jsonl = dir.filePath(QStringLiteral("big.jsonl"));
        const QString csv = dir.filePath(QStringLiteral("big.csv"));
        const QString text = dir.filePath(QStringLiteral("big.txt"));
        QByteArray jsonlBytes;
        QByteArray csvBytes = "text,label\n";
        QByteArray textBytes;
        while (jsonlBytes.size() < 3 * kOneMegabyte)
            jsonlBytes += "{\"text\": \"a sentence long enough to make the file grow quickly\", \"label\": 1}\n";
        while (csvBytes.size() < 3 * kOneMegabyte)
            csvBytes += "\"a sentence, quoted\",0\n";
        while (textBytes.size() < 3 * kOneMegabyte)
            textBytes += "a sentence on its own line\n";
        writeFile(jsonl, jsonlBytes);
        writeFile(csv, csvBytes);
        writeFile(text, textBytes);
        for (const QString& file : {jsonl, csv, text}) {
            const qint64 size = QFileInfo(file).size();
            qint64 last = -1;
            int calls = 0;
            ImportControl control;
            control.progress = [&](qint64 done, qint64 total) {
                QVERIFY(done >= last && done <= total);
                last = done;
                ++calls;
            };
            importText(file, {}, control);
            QVERIFY(calls >= 3);
            QCOMPARE(last, size);

            std::atomic<bool> cancel{true};
            ImportControl cancelled;
            cancelled.cancel = &cancel;
            QVERIFY_THROWS_EXCEPTION(ImportCancelled, importText(file, {}, cancelled));
        }
    }

    void longLinesAreRead_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("records");  // 0: refused with an error
        const QByteArray words = QByteArray("word ").repeated(kOneMegabyte / 5);
        QTest::newRow("text file, one 1 MB line: one long example") << QStringLiteral("one.txt") << words << 1;
        QTest::newRow("CSV, one 1 MB line: a header without rows") << QStringLiteral("one.csv") << words << 0;
        QTest::newRow("CSV, a 1 MB field") << QStringLiteral("field.csv") << QByteArray("text,label\n\"" + words + "\",1\n2,0\n") << 2;
        QTest::newRow("JSON Lines, a 1 MB record") << QStringLiteral("one.jsonl")
                                                   << QByteArray("{\"text\": \"" + words + "\", \"label\": 1}") << 1;
    }
    void longLinesAreRead()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, bytes);
        QFETCH(int, records);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        writeFile(path, bytes);
        try {
            const TextCorpus corpus = importText(path);
            QCOMPARE(corpus.size(), records);
            // The long text is one example: tokenized, it has every word.
            if (fileName.endsWith(QLatin1String(".txt")))
                QCOMPARE(tokenize(corpus.text(0), {}).size(), kOneMegabyte / 5);
        } catch (const StudioError& error) {
            QVERIFY2(records == 0, qPrintable(error.message()));
            QVERIFY2(error.message().contains(path), qPrintable(error.message()));
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("textField");
        QTest::addColumn<bool>("whenBuilding");   // the error comes when the dataset is built
        QTest::addColumn<QStringList>("mentions");  // besides the file's path

        const QString none;
        std::mt19937 random(3);
        QByteArray garbage(4096, '\0');
        for (char& byte : garbage)
            byte = static_cast<char>(random() & 0xFF);

        QTest::newRow("empty file") << QStringLiteral("empty.csv") << QByteArray() << none << false << QStringList{u("empty")};
        QTest::newRow("header only") << QStringLiteral("header.csv") << QByteArray("text,label\n") << none << false
                                     << QStringList{u("no rows")};
        QTest::newRow("missing column") << QStringLiteral("cols.csv") << QByteArray("review,stars\ngood,5\nbad,1\n")
                                        << u("comment") << false << QStringList{u("\"comment\""), u("\"review\", \"stars\"")};
        QTest::newRow("no text column to detect") << QStringLiteral("cols2.csv") << QByteArray("a,b\n1,2\n3,4\n") << none
                                                  << false << QStringList{u("\"a\", \"b\""), u("text column")};
        QTest::newRow("ragged rows") << QStringLiteral("ragged.csv") << QByteArray("text,label\na,1\nb,0,extra\n") << none
                                     << false << QStringList{u("line 3"), u("3 fields")};
        QTest::newRow("quote never closed") << QStringLiteral("quote.csv")
                                            << QByteArray("text,label\na,1\n\"never closed,0\nb,1\n") << none << false
                                            << QStringList{u("line 3"), u("never closed")};
        QTest::newRow("invalid UTF-8 at the start") << QStringLiteral("latin1.csv")
                                                    << QByteArray("text,label\nok,1\ncaf\xE9,0\n") << none << false
                                                    << QStringList{u("line 3"), u("UTF-8")};
        const QByteArray csvRows = "text,label\n" + manyRows("fine text,1\n");
        QTest::newRow("invalid UTF-8 past the first 64 KB") << QStringLiteral("late.csv") << QByteArray(csvRows + "caf\xE9,0\n")
                                                            << none << false << QStringList{lineAfter(csvRows), u("UTF-8")};
        QTest::newRow("UTF-16 with BOM") << QStringLiteral("utf16.csv") << utf16le(u("text,label\nhello,1\nbye,0\n"), true)
                                         << none << false << QStringList{u("UTF-16")};
        QTest::newRow("UTF-16 without BOM") << QStringLiteral("utf16nobom.csv")
                                            << utf16le(u("text,label\nhello,1\nbye,0\n"), false) << none << false
                                            << QStringList{u("UTF-16")};
        QTest::newRow("binary garbage") << QStringLiteral("garbage.csv") << garbage << none << false
                                        << QStringList{u("binary")};
        QTest::newRow("empty label") << QStringLiteral("nolabel.csv") << QByteArray("text,label\na,1\nb,\n") << none << false
                                     << QStringList{u("line 3"), u("label")};
        QTest::newRow("one class only") << QStringLiteral("oneclass.csv") << QByteArray("text,label\na,pos\nb,pos\n") << none
                                        << true << QStringList{u("\"label\""), u("only one"), u("pos")};
        QTest::newRow("JSON syntax error") << QStringLiteral("broken.json")
                                           << QByteArray("[{\"text\": \"a\", \"label\": 1},\n {\"text\": \"b\" \"label\": 0}]")
                                           << none << false << QStringList{u("line 2"), u("not valid")};
        QTest::newRow("JSON record not an object") << QStringLiteral("mixed.json")
                                                   << QByteArray("[{\"text\": \"a\", \"label\": 1}, \"b\"]") << none << false
                                                   << QStringList{u("record 2")};
        QTest::newRow("JSON record without label") << QStringLiteral("nolabel.json")
                                                   << QByteArray("[{\"text\": \"a\", \"label\": 1}, {\"text\": \"b\"}]")
                                                   << none << false << QStringList{u("record 2"), u("\"label\"")};
        QTest::newRow("JSON object, not an array") << QStringLiteral("object.json")
                                                   << QByteArray("{\n \"data\": [{\"text\": \"a\", \"label\": 1}]\n}") << none
                                                   << false << QStringList{u("not an array")};
        QTest::newRow("JSON Lines with a bad line") << QStringLiteral("bad.jsonl")
                                                    << QByteArray("{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": 0}\n"
                                                                  "{\"text\": \"c\", \"label\": }\n")
                                                    << none << false << QStringList{u("line 3")};
        const QByteArray jsonRows = manyRows("{\"text\": \"fine\", \"label\": 1}\n");
        QTest::newRow("JSON Lines, invalid UTF-8 late")
            << QStringLiteral("late.jsonl") << QByteArray(jsonRows + "{\"text\": \"caf\xE9\", \"label\": 0}\n") << none << false
            << QStringList{lineAfter(jsonRows), u("UTF-8")};
        const QByteArray textRows = manyRows("fine line\n");
        QTest::newRow("plain text, invalid UTF-8 late") << QStringLiteral("late.txt") << QByteArray(textRows + "caf\xE9\n")
                                                        << none << false << QStringList{lineAfter(textRows), u("UTF-8")};
        QTest::newRow("unknown extension") << QStringLiteral("data.xlsx") << QByteArray("PK\x03\x04") << none << false
                                           << QStringList{u("format")};
    }
    void badInput()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, textField);
        QFETCH(bool, whenBuilding);
        QFETCH(QStringList, mentions);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        writeFile(path, bytes);

        // What the caller had before stays as it was.
        TextCorpus previous = importText(sentimentFile("imdb.json"));
        try {
            TextImportOptions options;
            options.textField = textField;
            const TextCorpus corpus = importText(path, options);
            QVERIFY2(whenBuilding, "the import succeeded");
            buildTextDataset(corpus, {}, {});
            QFAIL("no error");
        } catch (const ImportCancelled&) {
            QFAIL("cancelled");
        } catch (const StudioError& error) {
            const QString message = error.message();
            qInfo().noquote() << message;
            QVERIFY2(message.contains(path), qPrintable(message));
            for (const QString& mention : mentions)
                QVERIFY2(message.contains(mention), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(mention, message)));
        }
        QCOMPARE(readFile(path), bytes);
        QCOMPARE(previous.size(), 1000);
    }

    void missingFileAndWrongKind()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.csv"));
        QVERIFY_THROWS_EXCEPTION(StudioError, importText(missing));
        TextImportOptions asFolder;
        asFolder.format = TextFormat::Folder;
        const QString file = dir.filePath(QStringLiteral("file.txt"));
        writeFile(file, "x\n");
        QVERIFY_THROWS_EXCEPTION(StudioError, importText(file, asFolder));
        QVERIFY_THROWS_EXCEPTION(StudioError, importText(dir.path()));  // no class folders
        // A folder with one class only: the dataset says so.
        writeFile(dir.filePath(QStringLiteral("pos/1.txt")), "good");
        try {
            buildTextDataset(importText(dir.path()), {}, {});
            QFAIL("one class accepted");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("class folder")), qPrintable(error.message()));
        }
    }

    // Limits for untrusted files (ImportLimits), per format.

    void aJsonArrayLargerThanTheLimitIsRefusedUnread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.json"));
        writeFile(path, "[" + QByteArray(R"({"text": "a fine film", "label": "pos"},)").repeated(100) + R"({"text": "x", "label": "neg"}])");
        ImportControl control;
        control.limits.maxJsonArrayBytes = 1024;
        TextImportOptions options;
        options.format = TextFormat::Json;
        try {
            importText(path, options, control);
            QFAIL("no error");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(QLatin1String("big.json is 4031 bytes, more than 1 KiB, the limit for a JSON array"))
                         && error.message().contains(QLatin1String("JSON Lines")),
                     qPrintable(error.message()));
        }
        control.limits.maxJsonArrayBytes = 4031;
        QCOMPARE(importText(path, options, control).size(), 101);
    }

    void jsonNestedDeeperThanTheParserLimitIsNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("deep.jsonl"));
        writeFile(path, R"({"text": "ok", "label": "pos"})" "\n" R"({"text": "x", "label": )" + QByteArray(2000, '[')
                            + QByteArray(2000, ']') + "}\n");
        try {
            importText(path);
            QFAIL("no error");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(QLatin1String("deep.jsonl, line 2: the JSON nests lists or objects more than 1024 levels deep")),
                     qPrintable(error.message()));
        }
    }

    void moreRecordsThanTheLimitAreRefusedInEveryLineFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QByteArray record(R"({"text": "a fine film", "label": "pos"})");
        QTest::newRow("json array") << QStringLiteral("r.json") << "[" + (record + ",").repeated(5) + record + "]"
                                    << QStringLiteral("r.json, record 6: the file has more than 5 records");
        QTest::newRow("json lines") << QStringLiteral("r.jsonl") << (record + "\n\n").repeated(6)
                                    << QStringLiteral("r.jsonl, line 11: the file has more than 5 records");
        QTest::newRow("csv") << QStringLiteral("r.csv") << "text,label\n" + QByteArray("fine,pos\n").repeated(6)
                             << QStringLiteral("r.csv, line 7: the file has more than 5 records");
        QTest::newRow("text") << QStringLiteral("r.txt") << QByteArray("a fine film\n\n").repeated(6)
                              << QStringLiteral("r.txt, line 11: the file has more than 5 texts");
    }
    void moreRecordsThanTheLimitAreRefusedInEveryLineFormat()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        writeFile(path, content);
        ImportControl control;
        control.limits.maxRows = 5;
        try {
            importText(path, {}, control);
            QFAIL("no error");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
        }
        control.limits.maxRows = 6;
        QCOMPARE(importText(path, {}, control).size(), 6);
    }

    void aFolderTextLargerThanTheFieldLimitIsRefusedUnread()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("pos/1.txt")), "a fine film");
        writeFile(dir.filePath(QStringLiteral("neg/2.txt")), QByteArray(2000, 'x'));
        ImportControl control;
        control.limits.maxFieldBytes = 1000;
        try {
            importText(dir.path(), {}, control);
            QFAIL("no error");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(QLatin1String("2.txt is 2000 bytes, more than 1000 bytes, the limit for one text")),
                     qPrintable(error.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TextImportTest)
#include "tst_text_import.moc"
