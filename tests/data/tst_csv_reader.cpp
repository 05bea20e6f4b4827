// The streaming CSV/TSV reader: RFC 4180 quoting, encodings, and errors that name file and line.

#include "common/StudioError.h"
#include "data/CsvReader.h"
#include "data/CsvWriter.h"

#include <QTemporaryDir>
#include "TestFiles.h"

#include <QStandardPaths>
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
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

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

    // The one writer and the one reader agree on every field a person may write: delimiters,
    // quotes, line breaks and spaces at either end survive the trip.
    void writerRoundTripsThroughTheReader()
    {
        const QStringList awkward{QStringLiteral("plain"), QStringLiteral("a, b"), QStringLiteral("say \"hi\""),
                                  QStringLiteral("two\nlines"), QStringLiteral(" padded "), QString(),
                                  QStringLiteral("tab\there"), QStringLiteral("\u732B"), QStringLiteral("\"")};
        for (const QChar delimiter : {QLatin1Char(','), QLatin1Char('\t')}) {
            QTemporaryDir dir;
            QByteArray bytes = csvRecord({QStringLiteral("name"), QStringLiteral("value")}, delimiter);
            for (const QString& field : awkward)
                bytes += csvRecord({field, QStringLiteral("1")}, delimiter);
            const QString path = writeFile(dir, QStringLiteral("w.csv"), bytes);
            CsvOptions options;
            options.delimiter = delimiter;
            const std::vector<QStringList> rows = readAll(path, options);
            QCOMPARE(rows.size(), size_t(awkward.size()));
            for (qsizetype i = 0; i < awkward.size(); ++i)
                QCOMPARE(rows[size_t(i)], (QStringList{awkward.at(i), QStringLiteral("1")}));
        }
        QCOMPARE(csvField(QStringLiteral("plain")), QStringLiteral("plain"));  // quoted only when needed
        QCOMPARE(csvRecord({QStringLiteral("a,b"), QStringLiteral("c")}), QByteArray("\"a,b\",c\n"));
    }

    // Text that arrives a line at a time (a metrics file being written) splits as a file does.
    void splitterJoinsAQuotedFieldAcrossLines()
    {
        CsvRecordSplitter splitter(',');
        QList<QByteArray> fields;
        QVERIFY(CsvRecordSplitter::Step::NeedsMoreLines == splitter.addLine("1,\"first, line", &fields));
        QVERIFY(splitter.inRecord());
        QVERIFY(CsvRecordSplitter::Step::NeedsMoreLines == splitter.addLine("second \"\"line\"\"", &fields));
        QVERIFY(CsvRecordSplitter::Step::Record == splitter.addLine("\",3", &fields));
        QCOMPARE(fields, (QList<QByteArray>{"1", "first, line\nsecond \"line\"\n", "3"}));
        QVERIFY(!splitter.inRecord());
        QVERIFY(CsvRecordSplitter::Step::Record == splitter.addLine("a,,b", &fields));
        QCOMPARE(fields, (QList<QByteArray>{"a", "", "b"}));
    }

    // The limits hold for text that arrives a line at a time too: an open quote stops at the
    // field limit, however many lines follow, and a record stops at the field count limit.
    void splitterStopsAtItsLimits()
    {
        ImportLimits limits;
        limits.maxFieldBytes = 10;
        limits.maxFields = 3;
        CsvRecordSplitter splitter(',', limits);
        QList<QByteArray> fields;
        QVERIFY(CsvRecordSplitter::Step::NeedsMoreLines == splitter.addLine("1,\"open", &fields));
        QVERIFY(CsvRecordSplitter::Step::FieldTooLong == splitter.addLine("more than ten bytes", &fields));
        QVERIFY(splitter.inRecord());
        splitter.reset();
        QVERIFY(CsvRecordSplitter::Step::Record == splitter.addLine("a,b,c", &fields));
        QCOMPARE(fields.size(), 3);
        QVERIFY(CsvRecordSplitter::Step::TooManyFields == splitter.addLine("a,b,c,d", &fields));
        splitter.reset();
        QVERIFY(CsvRecordSplitter::Step::FieldTooLong == splitter.addLine("eleven byte", &fields));
        QVERIFY(!splitter.inRecord());
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

    // Limits for untrusted files (ImportLimits): each is hit as soon as it is passed, and named.

    void anUnclosedQuoteStopsAtTheFieldLimitNamingItsLine()
    {
        // The default limits: a quote opened on line 3 of a 48 MiB file is reported after ~16 MiB,
        // not after reading to the end of the file.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("open-quote.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("text,label\nfine,1\n\"this quote is never closed,0\n");
            const QByteArray rows = QByteArray("more text, and more\n").repeated(64 * 1024);  // 1.25 MiB
            while (file.size() < (qint64(48) << 20))
                file.write(rows);
        }
        const qint64 fileSize = QFileInfo(path).size();
        CsvReader reader(path, {});
        QStringList fields;
        QVERIFY(reader.next(&fields));
        const QString error = errorOf([&] { reader.next(&fields); });
        QVERIFY2(error.contains(QLatin1String("open-quote.csv, line 3: a quote opened here is not closed within 16 MiB")),
                 qPrintable(error));
        QVERIFY(reader.bytesRead() > ImportLimits().maxFieldBytes);
        QVERIFY2(reader.bytesRead() < ImportLimits().maxFieldBytes + (qint64(1) << 20),
                 qPrintable(QStringLiteral("read %1 of %2 bytes").arg(reader.bytesRead()).arg(fileSize)));
    }

    void anUnquotedFieldLongerThanTheLimitIsRefused()
    {
        QTemporaryDir dir;
        ImportControl control;
        control.limits.maxFieldBytes = 1000;
        const QString path = writeFile(dir, QStringLiteral("wide.csv"), "a,b\n1,2\n3," + QByteArray(1001, 'x') + "\n");
        const QString error = errorOf([&] { readAll(path, {}, control); });
        QVERIFY2(error.contains(QLatin1String("wide.csv, line 3: a field is longer than 1000 bytes")), qPrintable(error));
    }

    void aLineLongerThanTheLimitIsRefusedBeforeItIsReadWhole()
    {
        QTemporaryDir dir;
        ImportControl control;
        control.limits.maxLineBytes = qint64(1) << 20;
        const QString path =
            writeFile(dir, QStringLiteral("one-line.csv"), "a,b\n1,2\n" + QByteArray(qint64(8) << 20, 'x') + "\n3,4\n");
        CsvReader reader(path, {}, control);
        QStringList fields;
        QVERIFY(reader.next(&fields));
        const QString error = errorOf([&] { reader.next(&fields); });
        QVERIFY2(error.contains(QLatin1String("one-line.csv, line 3: the line is longer than 1 MiB")), qPrintable(error));
    }

    void aRecordWithMoreFieldsThanTheLimitIsRefused()
    {
        QTemporaryDir dir;
        ImportControl control;
        control.limits.maxFields = 100;
        const QString path = writeFile(dir, QStringLiteral("fields.csv"), QByteArray(",").repeated(100) + "\n");
        const QString error = errorOf([&] { readAll(path, {}, control); });
        QVERIFY2(error.contains(QLatin1String("fields.csv, line 1: the record has more than 100 fields")), qPrintable(error));
        QCOMPARE(readAll(writeFile(dir, QStringLiteral("ok.csv"), QByteArray(",").repeated(99) + "\n"), {}, control)
                     .size(),
                 size_t{0});  // 100 fields are a header, within the limit
    }

    void aFileWithMoreRecordsThanTheLimitIsRefusedAtTheFirstOneOver()
    {
        QTemporaryDir dir;
        ImportControl control;
        control.limits.maxRows = 10;
        const QString path = writeFile(dir, QStringLiteral("rows.csv"), "n\n" + QByteArray("1\n").repeated(20));
        const QString error = errorOf([&] { readAll(path, {}, control); });
        QVERIFY2(error.contains(QLatin1String("rows.csv, line 12: the file has more than 10 records")), qPrintable(error));
        QCOMPARE(readAll(writeFile(dir, QStringLiteral("ten.csv"), "n\n" + QByteArray("1\n").repeated(10)), {}, control)
                     .size(),
                 size_t{10});
    }
};

QTEST_GUILESS_MAIN(CsvReaderTest)
#include "tst_csv_reader.moc"
