// Time-series import: time formats, the bundled real files, missing-value policies, and bad input
// that must fail with an error naming the file and the line, leaving the file untouched.

#include "common/StudioError.h"
#include "data/DataFileKind.h"
#include "data/ForecastDataset.h"
#include "data/InputSeries.h"
#include "data/MissingValues.h"
#include "data/SeriesTable.h"
#include "data/StepRows.h"
#include "data/TimeParsing.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QFile>
#include <QTemporaryDir>
#include "TestFiles.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

#include <atomic>
#include <cmath>

using namespace studio;
using namespace studio::testing;

namespace {

int64_t countNaN(const std::vector<double>& values)
{
    int64_t count = 0;
    for (double v : values)
        count += std::isnan(v) ? 1 : 0;
    return count;
}

double days(int year, int month, int day)
{
    return static_cast<double>(QDate(year, month, day).toJulianDay() - QDate(1970, 1, 1).toJulianDay());
}

} // namespace

class SeriesImportTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void timeFormats_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("format");
        QTest::addColumn<double>("expected");
        QTest::newRow("iso date") << QStringLiteral("1958-03-29") << QStringLiteral("iso-date") << days(1958, 3, 29);
        QTest::newRow("iso date, slashes") << QStringLiteral("1958/03/29") << QStringLiteral("iso-date") << days(1958, 3, 29);
        QTest::newRow("compact") << QStringLiteral("19580329") << QStringLiteral("compact-date") << days(1958, 3, 29);
        QTest::newRow("Jan-1-1995") << QStringLiteral("Jan-1-1995") << QStringLiteral("month-day-year") << days(1995, 1, 1);
        QTest::newRow("January 15, 1995") << QStringLiteral("January 15, 1995") << QStringLiteral("month-day-year")
                                          << days(1995, 1, 15);
        QTest::newRow("1-Jan-1995") << QStringLiteral("1-Jan-1995") << QStringLiteral("day-month-year") << days(1995, 1, 1);
        QTest::newRow("29 mar 1958") << QStringLiteral("29 mar 1958") << QStringLiteral("day-month-year") << days(1958, 3, 29);
        QTest::newRow("year") << QStringLiteral("1700") << QStringLiteral("year") << 1700.0;
        QTest::newRow("year as float") << QStringLiteral("1700.0") << QStringLiteral("year") << 1700.0;
        QTest::newRow("decimal year") << QStringLiteral("1958.25") << QStringLiteral("year") << 1958.25;
        QTest::newRow("year-month") << QStringLiteral("1949-02") << QStringLiteral("year-month") << days(1949, 2, 1);
        QTest::newRow("iso datetime") << QStringLiteral("1970-01-02T12:00:00") << QStringLiteral("iso-datetime") << 1.5;
        QTest::newRow("datetime, space, minutes") << QStringLiteral("1970-01-02 06:00") << QStringLiteral("iso-datetime") << 1.25;
        QTest::newRow("datetime, Z, fraction") << QStringLiteral("1970-01-01T00:00:00.5Z") << QStringLiteral("iso-datetime")
                                                << 0.5 / 86400.0;
        QTest::newRow("datetime, offset") << QStringLiteral("1970-01-01T02:00:00+02:00") << QStringLiteral("iso-datetime")
                                           << 0.0;
    }
    void timeFormats()
    {
        QFETCH(QString, text);
        QFETCH(QString, format);
        QFETCH(double, expected);
        TimeFormat detected{};
        QVERIFY2(detectTimeFormat(text, &detected), qPrintable(text));
        QCOMPARE(toString(detected), format);
        double value = 0.0;
        QVERIFY(parseTime(text, detected, &value));
        QVERIFY2(std::abs(value - expected) < 1e-9, qPrintable(QString::number(value, 'g', 17)));
    }

    void notTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("invalid day") << QStringLiteral("1958-02-30");
        QTest::newRow("invalid compact") << QStringLiteral("19581340");
        QTest::newRow("word") << QStringLiteral("yesterday");
        QTest::newRow("five digit year") << QStringLiteral("19580");
        QTest::newRow("unknown month") << QStringLiteral("Foo-1-1995");
        QTest::newRow("us slashes are ambiguous") << QStringLiteral("03/29/1958");
    }
    void notTimes()
    {
        QFETCH(QString, text);
        TimeFormat detected{};
        QVERIFY(!detectTimeFormat(text, &detected));
    }

    void sunspotsLoad()
    {
        const SeriesTable table = readSeriesTable(seriesFile("sunspots.csv"), {});
        QCOMPARE(table.timeName, QStringLiteral("YEAR"));
        QCOMPARE(toString(table.timeFormat), toString(TimeFormat::Year));
        QCOMPARE(table.names, QStringList{QStringLiteral("SUNACTIVITY")});
        QCOMPARE(table.rows(), int64_t(309));
        QCOMPARE(table.time.front(), 1700.0);
        QCOMPARE(table.time.back(), 2008.0);
        QCOMPARE(table.columns[0][0], 5.0);
        QCOMPARE(table.sourceLine(0), qint64(2));
        QCOMPARE(table.sourceLine(308), qint64(310));
        QCOMPARE(table.timeLabel(1), QStringLiteral("1701"));
    }

    // A model's input series (attention-cli infer --series): cells quoted as RFC 4180 says, commas
    // inside them included, are one cell each.
    void stepRowsReadQuotedCells()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("quoted.csv"),
                                       "\"temp, \u00B0C\",\"rain, mm\"\n1.5,\"2\"\n2.5,3\n");
        const StepRows rows = readStepRows(path, 2);
        QVERIFY(rows.hadHeader);
        QCOMPARE(rows.names, (QStringList{QStringLiteral("temp, \u00B0C"), QStringLiteral("rain, mm")}));
        QCOMPARE(rows.steps, 2);
        QCOMPARE(rows.values, (std::vector<float>{1.5f, 2.0f, 2.5f, 3.0f}));
    }

    // The window's input series: the columns of numbers, by name; a time column is the axis, and a
    // column of text (with quoted commas) is left out by name.
    void inputSeriesKeepsTheColumnsOfNumbers()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("load.csv"),
                                       "date,\"load, MW\",region,temp\n"
                                       "2020-01-01,10,\"north, coast\",3.5\n"
                                       "2020-01-02,12,\"north,\ncoast\",4.5\n");
        const InputSeries series = readInputSeries(path);
        QVERIFY(series.hadHeader);
        QCOMPARE(series.names, (QStringList{QStringLiteral("load, MW"), QStringLiteral("temp")}));
        QCOMPARE(series.leftOut, QStringList{QStringLiteral("region")});
        QCOMPARE(series.features, (std::vector<std::vector<double>>{{10.0, 12.0}, {3.5, 4.5}}));

        const QString bare = writeFile(dir, QStringLiteral("bare.csv"), "2020-01-01,1.5\n2020-01-02,2.5\n");
        const InputSeries noHeader = readInputSeries(bare);
        QVERIFY(!noHeader.hadHeader);
        QCOMPARE(noHeader.names, QStringList{QStringLiteral("feature 2")});
        QVERIFY(noHeader.leftOut.isEmpty());  // the dates are the axis
        QCOMPARE(noHeader.steps(), int64_t(2));

        const QString words = writeFile(dir, QStringLiteral("words.csv"), "text\ngood\nbad\n");
        try {
            readInputSeries(words);
            QFAIL("a file without numbers was read as a series");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("words.csv has no column of numbers")), qPrintable(error.message()));
        }
    }

    void dataFilesAreToldByContent_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<DataFileKind>("kind");
        QTest::newRow("series with a time column") << QStringLiteral("s.csv") << QByteArray("year,spots\n1700,5\n1701,11\n")
                                                   << DataFileKind::Series;
        QTest::newRow("series without a header, .txt") << QStringLiteral("s.txt") << QByteArray("0.5\n0.7\n-1\n")
                                                       << DataFileKind::Series;
        QTest::newRow("reviews with labels") << QStringLiteral("r.csv")
                                             << QByteArray("text,label\n\"great film, loved it\",1\n\"bad\",0\n")
                                             << DataFileKind::Text;
        QTest::newRow("json lines") << QStringLiteral("r.jsonl")
                                    << QByteArray("{\"text\": \"good\", \"label\": 1}\n{\"text\": \"bad\", \"label\": 0}\n")
                                    << DataFileKind::Text;
        QTest::newRow("sentences") << QStringLiteral("r.txt") << QByteArray("a good film\na bad one, sadly\n") << DataFileKind::Text;
        QTest::newRow("empty") << QStringLiteral("e.csv") << QByteArray() << DataFileKind::Text;
    }

    void dataFilesAreToldByContent()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(DataFileKind, kind);
        QTemporaryDir dir;
        QCOMPARE(sniffDataFile(writeFile(dir, name, content)), kind);
        QCOMPARE(sniffDataFile(dir.path()), DataFileKind::Text);  // a folder per class
        QCOMPARE(sniffDataFile(seriesFile("sunspots.csv")), DataFileKind::Series);
    }

    void nileLoads()
    {
        const SeriesTable table = readSeriesTable(seriesFile("nile.csv"), {});
        QCOMPARE(table.timeName, QStringLiteral("year"));
        QCOMPARE(table.rows(), int64_t(100));
        QCOMPARE(table.column(QStringLiteral("volume"))[0], 1120.0);
    }

    void co2LoadsWithItsGaps()
    {
        const SeriesTable table = readSeriesTable(seriesFile("co2.csv"), {});
        QCOMPARE(toString(table.timeFormat), toString(TimeFormat::CompactDate));
        QCOMPARE(table.rows(), int64_t(2284));
        QCOMPARE(table.timeLabel(0), QStringLiteral("1958-03-29"));
        QCOMPARE(countNaN(table.column(QStringLiteral("co2"))), int64_t(59));
    }

    void elninoLoads()
    {
        const SeriesTable table = readSeriesTable(seriesFile("elnino.csv"), {});
        QCOMPARE(table.timeName, QStringLiteral("YEAR"));
        QCOMPARE(table.rows(), int64_t(61));
        QCOMPARE(table.columnCount(), 12);
        QCOMPARE(table.names.front(), QStringLiteral("JAN"));
        QCOMPARE(table.names.back(), QStringLiteral("DEC"));
        QCOMPARE(table.column(QStringLiteral("DEC"))[0], 21.8);
    }

    void macrodataLoads()
    {
        // 14 columns; "year" repeats (quarterly rows) and is taken as the time column for its name.
        const SeriesTable table = readSeriesTable(seriesFile("macrodata.csv"), {});
        QCOMPARE(table.timeName, QStringLiteral("year"));
        QCOMPARE(table.columnCount(), 13);
        QCOMPARE(table.rows(), int64_t(203));
        SeriesReadOptions noTime;
        noTime.noTimeColumn = true;
        const SeriesTable all = readSeriesTable(seriesFile("macrodata.csv"), noTime);
        QCOMPARE(all.columnCount(), 14);
        QCOMPARE(toString(all.timeFormat), toString(TimeFormat::None));
        SeriesReadOptions some;
        some.columns = {QStringLiteral("realgdp"), QStringLiteral("unemp")};
        const SeriesTable two = readSeriesTable(seriesFile("macrodata.csv"), some);
        QCOMPARE(two.names, some.columns);
        QCOMPARE(two.column(QStringLiteral("unemp"))[0], 5.8);
    }

    // The 59 empty CO2 values under each policy.
    void co2UnderEachPolicy_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::newRow("refuse") << QStringLiteral("refuse");
        QTest::newRow("interpolate") << QStringLiteral("interpolate");
        QTest::newRow("drop") << QStringLiteral("drop");
    }
    void co2UnderEachPolicy()
    {
        QFETCH(QString, policy);
        const QString path = seriesFile("co2.csv");
        const SeriesTable table = readSeriesTable(path, {});
        ForecastSpec spec;
        spec.targetColumn = QStringLiteral("co2");
        spec.window = 52;
        QVERIFY(parseMissingPolicy(policy, &spec.missing));
        const int64_t candidates = table.rows() - spec.window - spec.horizon + 1;
        if (spec.missing == MissingPolicy::Refuse) {
            try {
                buildForecast(table, spec);
                QFAIL("refuse accepted missing values");
            } catch (const StudioError& error) {
                // The first empty cell of co2.csv is on line 8 (1958-05-10).
                QVERIFY2(error.message().contains(path + QStringLiteral(", line 8")), qPrintable(error.message()));
                QVERIFY2(error.message().contains(QStringLiteral("\"co2\"")), qPrintable(error.message()));
                QVERIFY2(error.message().contains(QStringLiteral("59 missing in all")), qPrintable(error.message()));
                QVERIFY2(error.message().contains(QStringLiteral("interpolate")) && error.message().contains(QStringLiteral("drop")),
                         qPrintable(error.message()));
            }
            return;
        }
        const ForecastData data = buildForecast(table, spec);
        for (const Example& example : data.dataset.examples) {
            for (float v : example.series())
                QVERIFY(std::isfinite(v));
            QVERIFY(std::isfinite(example.target.at(0)));
        }
        QVERIFY(!data.notes.isEmpty());
        qInfo().noquote() << policy << data.dataset.size() << "windows;" << data.notes.join(QLatin1Char(' '));
        if (spec.missing == MissingPolicy::Interpolate) {
            QCOMPARE(data.dataset.size(), candidates);
        } else {
            QVERIFY(data.dataset.size() < candidates);
            QVERIFY(data.dataset.size() > candidates / 2);
        }
    }

    void interpolationIsLinearOnTheTimeAxis()
    {
        QTemporaryDir dir;
        // Uneven steps: day 1, 2, 5; the gap on day 2 lies a quarter of the way from day 1 to day 5.
        const QString path = writeFile(dir, QStringLiteral("uneven.csv"),
                                       "date,v\n2000-01-01,\n2000-01-02,10\n2000-01-03,NA\n2000-01-06,20\n2000-01-07,null\n");
        SeriesTable table = readSeriesTable(path, {});
        QStringList notes;
        interpolateColumns(table, {0}, &notes);
        const auto& v = table.columns[0];
        QCOMPARE(v[0], 10.0);  // leading: nearest
        QCOMPARE(v[2], 12.5);
        QCOMPARE(v[4], 20.0);  // trailing: nearest
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.front().contains(QStringLiteral("nearest")), qPrintable(notes.front()));
    }

    void missingMarkers()
    {
        for (const char* marker : {"", " ", "NA", "na", "NaN", "nan", "N/A", "null", "NULL"})
            QVERIFY2(isMissingMarker(QString::fromLatin1(marker)), marker);
        for (const char* value : {"0", "none", "-", "1.5"})
            QVERIFY2(!isMissingMarker(QString::fromLatin1(value)), value);
    }

    void numbers()
    {
        const QList<QPair<const char*, double>> good{{"1.5", 1.5}, {" -2e3 ", -2000.0}, {"+7", 7.0}, {".25", 0.25},
                                                     {"1.", 1.0}, {"316.1", 316.1}, {"1E-2", 0.01}};
        for (const auto& [text, expected] : good) {
            double value = 0.0;
            QVERIFY2(parseNumber(QString::fromLatin1(text), &value), text);
            QCOMPARE(value, expected);
        }
        for (const char* text : {"abc", "1,5", "inf", "-inf", "nan", "1e400", "0x10", "1.2.3", "", "12abc", "--1"}) {
            double value = 0.0;
            QVERIFY2(!parseNumber(QString::fromLatin1(text), &value), text);
        }
    }

    void noTimeColumnUsesTheRowIndex()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("plain.csv"), "a,b\n1,2\n\n3,4\n5,6\n");
        const SeriesTable table = readSeriesTable(path, {});
        QVERIFY(table.timeName.isEmpty());
        QCOMPARE(table.rows(), int64_t(3));
        QCOMPARE(table.timeAt(2), 2.0);
        // The blank line 3 is skipped; rows keep their own lines.
        QCOMPARE(table.sourceLine(0), qint64(2));
        QCOMPARE(table.sourceLine(1), qint64(4));
        QCOMPARE(table.sourceLine(2), qint64(5));
    }

    void progressAndCancel()
    {
        QTemporaryDir dir;
        QByteArray bytes = "t,v\n";
        for (int i = 0; i < 200000; ++i)
            bytes += QByteArray::number(i) + ',' + QByteArray::number(i * 0.5) + '\n';
        const QString path = writeFile(dir, QStringLiteral("long.csv"), bytes);
        SeriesReadOptions options;
        options.noTimeColumn = true;
        qint64 lastDone = 0;
        int calls = 0;
        ImportControl control;
        control.progress = [&](qint64 done, qint64 total) {
            ++calls;
            QVERIFY(done <= total);
            lastDone = done;
        };
        const SeriesTable table = readSeriesTable(path, options, control);
        QCOMPARE(table.rows(), int64_t(200000));
        QVERIFY(calls >= 1);
        QVERIFY(lastDone > 0);

        std::atomic<bool> cancel{true};
        ImportControl cancelled;
        cancelled.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(ImportCancelled, readSeriesTable(path, options, cancelled));
    }

    // Every bad input fails with a StudioError naming the file and the line, and the file is
    // unchanged afterwards.
    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("step");  // read, or forecast (read, then make windows)
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");  // in the message, besides the file and the line
        QTest::addColumn<int>("window");        // forecast rows: the window length
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("read") << QString() << QStringLiteral("empty") << 0;
        QTest::newRow("header only") << QByteArray("date,value\n") << QStringLiteral("read") << QString()
                                     << QStringLiteral("line 2") << 0;
        QTest::newRow("missing column name") << QByteArray("date,value\n2000-01-01,1\n") << QStringLiteral("read")
                                             << QStringLiteral("price") << QStringLiteral("value") << 0;
        QTest::newRow("non-numeric cell") << QByteArray("date,value\n2000-01-01,1\n2000-01-02,abc\n") << QStringLiteral("read")
                                          << QString() << QStringLiteral("line 3") << 0;
        QTest::newRow("decimal comma") << QByteArray("date;value\n2000-01-01;1,5\n") << QStringLiteral("read") << QString()
                                       << QStringLiteral("point") << 0;
        QTest::newRow("unparseable date") << QByteArray("date,value\n2000-01-01,1\n2000-13-45,2\n") << QStringLiteral("read")
                                          << QString() << QStringLiteral("line 3") << 0;
        QTest::newRow("unknown time format") << QByteArray("date,value\nsoon,1\n") << QStringLiteral("read") << QString()
                                             << QStringLiteral("line 2") << 0;
        QTest::newRow("rows out of time order") << QByteArray("year,value\n2001,1\n2000,2\n") << QStringLiteral("read")
                                                << QString() << QStringLiteral("sort") << 0;
        QTest::newRow("empty time cell") << QByteArray("year,value\n2001,1\n,2\n") << QStringLiteral("read") << QString()
                                         << QStringLiteral("line 3") << 0;
        QTest::newRow("ragged row") << QByteArray("year,value\n2001,1\n2002,2,3\n") << QStringLiteral("read") << QString()
                                    << QStringLiteral("line 3") << 0;
        QTest::newRow("series shorter than the window") << QByteArray("year,value\n2001,1\n2002,2\n2003,3\n")
                                                        << QStringLiteral("forecast") << QString()
                                                        << QStringLiteral("window of 24") << 24;
        QTest::newRow("missing value under refuse") << QByteArray("year,value\n2001,1\n2002,NA\n2003,3\n")
                                                    << QStringLiteral("forecast") << QString() << QStringLiteral("line 3") << 2;
    }
    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, step);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        QFETCH(int, window);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("bad.csv"), content);
        const QByteArray before = hashOf(path);
        SeriesReadOptions options;
        if (!column.isEmpty())
            options.columns = {column};
        try {
            const SeriesTable table = readSeriesTable(path, options);
            if (step == QLatin1String("forecast")) {
                ForecastSpec spec;
                spec.targetColumn = QStringLiteral("value");
                spec.window = window;
                buildForecast(table, spec);
            }
            QFAIL("the bad input was accepted");
        } catch (const StudioError& error) {
            const QString message = error.message();
            qInfo().noquote() << QTest::currentDataTag() << "->" << message;
            QVERIFY2(message.contains(path), qPrintable(message));
            // An empty file has no line; an unknown column is about the header (CsvReader's message
            // names the file and lists the columns).
            if (!content.isEmpty() && column.isEmpty())
                QVERIFY2(message.contains(QStringLiteral("line")), qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
        }
        QCOMPARE(hashOf(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("bad.csv")});
    }

    void moreRowsThanTheLimitAreRefusedNamingTheLine()
    {
        QTemporaryDir dir;
        QByteArray content("date,value\n");
        for (int day = 1; day <= 28; ++day)
            content += QStringLiteral("2020-02-%1,%2\n").arg(day, 2, 10, QLatin1Char('0')).arg(day).toUtf8();
        const QString path = writeFile(dir, QStringLiteral("rows.csv"), content);
        ImportControl control;
        control.limits.maxRows = 20;
        try {
            readSeriesTable(path, {}, control);
            QFAIL("no error");
        } catch (const StudioError& error) {
            QVERIFY2(error.message().contains(QLatin1String("rows.csv, line 22: the file has more than 20 records")),
                     qPrintable(error.message()));
        }
        control.limits.maxRows = 28;
        QCOMPARE(readSeriesTable(path, {}, control).rows(), 28);
    }
};

QTEST_GUILESS_MAIN(SeriesImportTest)
#include "tst_series_import.moc"
