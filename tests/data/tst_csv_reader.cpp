// The streaming CSV/TSV reader: RFC 4180 quoting, encodings, and errors that name file and line.

#include "common/StudioError.h"
#include "data/CsvReader.h"

#include <QTemporaryDir>
#include "TestFiles.h"

#include <QtTest/QtTest>

using namespace studio;
using namespace studio::testing;

namespace {

std::vector<QStringList> readAll(const QString& path, CsvOptions options = {}, ImportControl control = {})
{
    CsvReader reader(path, options, std::move(control));
    std::vector<QStringList> rows;
    QStringList fields;
    while (reader.next(&fields))
        rows.push_back(fields);
    return rows;
}

QString errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const StudioError& error) {
        return error.message();
    }
    return {};
}

} // namespace

class CsvReaderTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quotedFieldsKeepDelimitersQuotesAndNewlines()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("q.csv"),
                                       "\xEF\xBB\xBFtext,label\r\n"
                                       "\"Hello, world\",1\r\n"
                                       "\"She said \"\"wow\"\"\",0\r\n"
                                       "\r\n"
                                       "\"two\r\nlines\",1\r\n"
                                       "plain 5\" screen,0\n"
                                       "猫が好き,1");
        CsvReader reader(path, {});
        QCOMPARE(reader.header(), (QStringList{QStringLiteral("text"), QStringLiteral("label")}));  // BOM gone
        QCOMPARE(reader.delimiter(), QLatin1Char(','));
        QStringList fields;
        QVERIFY(reader.next(&fields));
        QCOMPARE(fields, (QStringList{QStringLiteral("Hello, world"), QStringLiteral("1")}));
        QCOMPARE(reader.recordLine(), 2);
        QVERIFY(reader.next(&fields));
        QCOMPARE(fields.at(0), QStringLiteral("She said \"wow\""));
        QVERIFY(reader.next(&fields));  // the blank line is skipped
        QCOMPARE(fields.at(0), QStringLiteral("two\nlines"));
        QCOMPARE(reader.recordLine(), 5);
        QVERIFY(reader.next(&fields));
        QCOMPARE(fields.at(0), QStringLiteral("plain 5\" screen"));
        QVERIFY(reader.next(&fields));
        QCOMPARE(fields.at(0), QStringLiteral("猫が好き"));
        QVERIFY(!reader.next(&fields));
    }

    void delimiterIsDetected_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QChar>("delimiter");
        QTest::newRow("tsv by extension") << QStringLiteral("a.tsv") << QByteArray("a,b\tc\n1,2\t3\n") << QChar(QLatin1Char('\t'));
        QTest::newRow("tab in first line") << QStringLiteral("a.txt") << QByteArray("a\tb\tc\n1\t2\t3\n") << QChar(QLatin1Char('\t'));
        QTest::newRow("semicolon") << QStringLiteral("a.csv") << QByteArray("a;b;c\n1,5;2;3\n") << QChar(QLatin1Char(';'));
        QTest::newRow("comma") << QStringLiteral("a.csv") << QByteArray("a,b\n1,2\n") << QChar(QLatin1Char(','));
    }
    void delimiterIsDetected()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QChar, delimiter);
        QTemporaryDir dir;
        CsvReader reader(writeFile(dir, name, content), {});
        QCOMPARE(reader.delimiter(), delimiter);
        QStringList fields;
        QVERIFY(reader.next(&fields));
        QCOMPARE(fields.size(), reader.header().size());
    }

    void columnsAreFoundByName()
    {
        QTemporaryDir dir;
        CsvReader reader(writeFile(dir, QStringLiteral("c.csv"), "Text, Label\nx,1\n"), {});
        QCOMPARE(reader.columnIndex(QStringLiteral("Label")), 1);  // trimmed
        QCOMPARE(reader.columnIndex(QStringLiteral("text")), 0);   // case-insensitive fallback
        const QString message = errorOf([&] { reader.columnIndex(QStringLiteral("sentence")); });
        QVERIFY2(message.contains(QStringLiteral("\"sentence\"")) && message.contains(QStringLiteral("\"Text\", \"Label\"")),
                 qPrintable(message));
    }

    void badFilesAreNamedWithTheLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("is empty");
        QTest::newRow("ragged") << QByteArray("a,b\n1,2\n3,4,5\n") << QStringLiteral("line 3: has 3 fields but the header has 2");
        QTest::newRow("unclosed quote") << QByteArray("a,b\n1,2\n\"oops,3\n4,5\n") << QStringLiteral("line 3: a quote opened here is never closed");
        QTest::newRow("invalid utf-8") << QByteArray("a,b\n1,2\n\xC3\x28,3\n") << QStringLiteral("line 3: the text is not valid UTF-8");
        // QByteArrayLiteral takes the size from the literal, embedded NULs included (no counting).
        QTest::newRow("utf-16 with bom") << QByteArrayLiteral("\xFF\xFE" "a\0,\0b\0\n\0") << QStringLiteral("is UTF-16 encoded");
        QTest::newRow("utf-16 without bom") << QByteArrayLiteral("a\0,\0b\0\n\0" "1\0,\0" "2\0\n\0") << QStringLiteral("looks UTF-16 encoded");
        QTest::newRow("binary") << QByteArrayLiteral("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\x10\x10\0\0\0\0\0\0@\0\0\0")
                                << QStringLiteral("is not a text file");
    }
    void badFilesAreNamedWithTheLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("bad.csv"), content);
        const QString message = errorOf([&] { readAll(path); });
        QVERIFY2(message.contains(path) && message.contains(expected), qPrintable(message));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);  // the reader never changes the file
    }

    void invalidUtf8FarIntoTheFileIsFound()
    {
        QTemporaryDir dir;
        QByteArray content("a,b\n");
        for (int i = 0; i < 20000; ++i)
            content += "some text,1\n";
        content += "bad \xFF byte,0\n";
        const QString message = errorOf([&] { readAll(writeFile(dir, QStringLiteral("late.csv"), content)); });
        QVERIFY2(message.contains(QStringLiteral("line 20002")), qPrintable(message));
    }

    void headerOnlyHasNoRecords()
    {
        QTemporaryDir dir;
        QVERIFY(readAll(writeFile(dir, QStringLiteral("h.csv"), "a,b\n")).empty());
    }

    void aOneMegabyteLineIsReadWhole()
    {
        QTemporaryDir dir;
        const QByteArray longText(1 << 20, 'x');
        const auto rows = readAll(writeFile(dir, QStringLiteral("long.csv"), "text\n" + longText + "\n"));
        QCOMPARE(rows.size(), size_t{1});
        QCOMPARE(rows.front().front().size(), qsizetype{1 << 20});
    }

    void progressIsReportedAndCancelStops()
    {
        QTemporaryDir dir;
        QByteArray content("a,b\n");
        for (int i = 0; i < 200000; ++i)
            content += "0123456789,1\n";  // about 2.6 MB
        const QString path = writeFile(dir, QStringLiteral("big.csv"), content);
        std::vector<qint64> reports;
        ImportControl control;
        control.progress = [&](qint64 done, qint64 total) {
            QCOMPARE(total, qint64(content.size()));
            reports.push_back(done);
        };
        QCOMPARE(readAll(path, {}, control).size(), size_t{200000});
        QVERIFY(reports.size() >= 3);
        QVERIFY(std::is_sorted(reports.begin(), reports.end()));
        QCOMPARE(reports.back(), qint64(content.size()));

        std::atomic<bool> cancel{false};
        ImportControl cancelling;
        cancelling.cancel = &cancel;
        cancelling.progress = [&](qint64, qint64) { cancel = true; };
        QVERIFY_THROWS_EXCEPTION(ImportCancelled, readAll(path, {}, cancelling));
    }
};

QTEST_GUILESS_MAIN(CsvReaderTest)
#include "tst_csv_reader.moc"
