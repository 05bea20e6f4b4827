// Keras Lambda code read without running it: real lambdas marshalled by Debian's python3 (the
// 3.11 layout), hand-built streams for 3.6-3.10, 3.12 and 3.13 (keras/write_lambda_streams.py),
// both config forms, and broken input that must end in a sentence, never a crash.

#include "common/StudioError.h"
#include "external/keras/LambdaCode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <functional>

using namespace studio::keras;

Q_DECLARE_METATYPE(LambdaReduction)

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
constexpr int kPythonTimeoutMs = 60000;

// Marshals `eval(source).__code__` and encodes it exactly as Keras' func_dump does.
const char* const kMarshalScript =
    "import codecs, marshal, sys\n"
    "print(codecs.encode(marshal.dumps(eval(sys.argv[1]).__code__), 'base64').decode('ascii'), end='')\n";

QByteArray runPython(const QStringList& arguments)
{
    QProcess process;
    process.start(kPython, arguments);
    if (!process.waitForFinished(kPythonTimeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput();
}

QString realLambdaCode(const QString& source)
{
    return QString::fromLatin1(runPython({QStringLiteral("-c"), QLatin1String(kMarshalScript), source}));
}

// The hand-built streams, by "<version>/<case>".
const QJsonObject& handWrittenStreams()
{
    static const QJsonObject streams = QJsonDocument::fromJson(
        runPython({QStringLiteral(STUDIO_KERAS_FIXTURES_DIR "/write_lambda_streams.py")})).object();
    return streams;
}

QJsonValue keras2Config(const QString& code) { return QJsonArray{code, QJsonValue::Null, QJsonValue::Null}; }

QJsonValue keras3Config(const QString& code)
{
    return QJsonObject{{QStringLiteral("class_name"), QStringLiteral("__lambda__")},
                       {QStringLiteral("config"), QJsonObject{{QStringLiteral("code"), code},
                                                              {QStringLiteral("defaults"), QJsonValue::Null},
                                                              {QStringLiteral("closure"), QJsonValue::Null}}}};
}

// The StudioError message of `action`, or an empty string when it did not throw one.
QString errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const studio::StudioError& error) {
        return error.message();
    }
    return {};
}

// One complete sentence: a capital first letter, a full stop at the end and none before it.
bool isSentence(const QString& text)
{
    return !text.isEmpty() && text.at(0).isUpper() && text.endsWith(QLatin1Char('.'))
        && !text.chopped(1).contains(QStringLiteral(". "));
}

} // namespace

class TstLambdaCode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        QVERIFY2(QFileInfo(kPython).isExecutable(), "the tests marshal lambdas with Debian's /usr/bin/python3");
        QVERIFY2(!handWrittenStreams().isEmpty(), "write_lambda_streams.py printed no streams");
    }

    void recognisesReductions_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<LambdaReduction>("reduction");
        QTest::addColumn<int>("axis");
        QTest::addColumn<bool>("keepDims");
        const auto row = [](const char* source, LambdaReduction reduction, int axis, bool keepDims) {
            QTest::newRow(source) << QString::fromLatin1(source) << reduction << axis << keepDims;
        };
        row("lambda xin: K.sum(xin, axis=-2)", LambdaReduction::Sum, -2, false);
        row("lambda x: K.sum(x, axis=1)", LambdaReduction::Sum, 1, false);
        row("lambda x: K.sum(x, 1)", LambdaReduction::Sum, 1, false);
        row("lambda x: K.mean(x, axis=1)", LambdaReduction::Mean, 1, false);
        row("lambda x: K.max(x, axis=2)", LambdaReduction::Max, 2, false);
        row("lambda x: K.min(x, -1)", LambdaReduction::Min, -1, false);
        row("lambda x: K.sum(x, axis=1, keepdims=True)", LambdaReduction::Sum, 1, true);
        row("lambda x: K.mean(x, keepdims=True, axis=-1)", LambdaReduction::Mean, -1, true);
        row("lambda x: K.max(x, 1, True)", LambdaReduction::Max, 1, true);
        row("lambda x: K.sum(x, 1, keepdims=False)", LambdaReduction::Sum, 1, false);
        row("lambda x: tf.reduce_sum(x, axis=1)", LambdaReduction::Sum, 1, false);
        row("lambda x: tf.reduce_mean(x, 1)", LambdaReduction::Mean, 1, false);
        row("lambda x: tf.math.reduce_sum(x, axis=-2)", LambdaReduction::Sum, -2, false);
        row("lambda x: tf.math.reduce_max(x, axis=1, keepdims=True)", LambdaReduction::Max, 1, true);
        row("lambda x: tf.reduce_sum(x, 1, keep_dims=True)", LambdaReduction::Sum, 1, true);
        row("lambda x: keras.ops.sum(x, axis=1)", LambdaReduction::Sum, 1, false);
        row("lambda x: ops.mean(x, axis=-2)", LambdaReduction::Mean, -2, false);
        row("lambda x: keras.backend.sum(x, axis=1)", LambdaReduction::Sum, 1, false);
        row("lambda x: tf.keras.backend.mean(x, axis=1)", LambdaReduction::Mean, 1, false);
        row("lambda x: backend.min(x, axis=1)", LambdaReduction::Min, 1, false);
    }

    void recognisesReductions()
    {
        QFETCH(QString, source);
        QFETCH(LambdaReduction, reduction);
        QFETCH(int, axis);
        QFETCH(bool, keepDims);
        const QString code = realLambdaCode(source);
        QVERIFY2(!code.isEmpty(), "python3 did not marshal the lambda");
        for (const QJsonValue& config : {keras2Config(code), keras3Config(code)}) {
            QString description;
            const std::optional<LambdaFunction> function = recogniseLambda(config, &description);
            QVERIFY2(function.has_value(), qPrintable(description));
            QCOMPARE(function->reduction, reduction);
            QCOMPARE(function->axis, axis);
            QCOMPARE(function->keepDims, keepDims);
            QVERIFY2(!description.contains(QStringLiteral("not recognised")), qPrintable(description));
        }
    }

    void describesWhatItFound()
    {
        const QString code = realLambdaCode(QStringLiteral("lambda xin: K.sum(xin, axis=-2)"));
        const LambdaCodeInfo info = readLambdaCode(code);
        QCOMPARE(info.names, (QStringList{QStringLiteral("K"), QStringLiteral("sum")}));
        QCOMPARE(info.constants, (QStringList{QStringLiteral("None"), QStringLiteral("-2"), QStringLiteral("('axis',)")}));
        QCOMPARE(info.argumentNames, QStringList{QStringLiteral("xin")});
        QCOMPARE(info.pythonMinor, 11);
        QVERIFY(info.freeVariables.isEmpty());
        QString description;
        QVERIFY(recogniseLambda(keras2Config(code), &description));
        QCOMPARE(description, QStringLiteral("names: K, sum; constants: None, -2, ('axis',)"));

        const LambdaCodeInfo closure = readLambdaCode(
            realLambdaCode(QStringLiteral("(lambda ax: (lambda x: K.sum(x, axis=ax)))(1)")));
        QCOMPARE(closure.freeVariables, QStringList{QStringLiteral("ax")});
        QCOMPARE(closure.argumentNames, QStringList{QStringLiteral("x")});
    }

    void refusesOtherCode_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("found");
        QTest::addColumn<QString>("reason");
        const auto row = [](const char* source, const char* found, const char* reason) {
            QTest::newRow(source) << QString::fromLatin1(source) << QString::fromLatin1(found) << QString::fromLatin1(reason);
        };
        const char* notOneCall = "its bytecode is not one call of a function on its input";
        row("lambda x: x * 2", "names: (none); constants: None, 2", notOneCall);
        // No axis reduces the batch axis too: one number per batch, nothing a per-sample layer does.
        row("lambda x: K.sum(x)", "names: K, sum; constants: None", "it has no axis");
        row("lambda x: K.sum(x, axis=None)", "names: K, sum", "it has no axis");
        row("lambda x: K.sum(x, axis=(1, 2))", "constants: None, (1, 2)", "its axis (1, 2) is not one integer");
        row("lambda x: K.sum(x, 1.5)", "constants: None, 1.5", "its axis 1.5 is not one integer");
        row("lambda x: K.sum(x, axis=0)", "names: K, sum", "its axis 0 is the batch axis");
        row("lambda x: K.sum(x, axis=2**40)", "1099511627776", "its axis 1099511627776 is out of range");
        row("lambda x: K.sum(x, axis=1, keepdims=1)", "names: K, sum", "its keepdims 1 is not True or False");
        row("lambda x: tf.reduce_sum(x, axis=1, name='s')", "names: tf, reduce_sum", "it passes the keyword 'name'");
        row("lambda x: K.sum(x, 1, axis=2)", "names: K, sum", "it passes 'axis' twice");
        row("lambda x: K.sum(x, 1, True, 3)", "names: K, sum", "it passes more arguments than an axis and keepdims");
        row("lambda x: K.sum(x, axis=1) * 2", "names: K, sum", notOneCall);
        row("lambda x: K.sum(K.sum(x, 1), 1)", "names: K, sum", notOneCall);
        row("lambda x: K.sum(y, axis=1)", "names: K, sum, y", notOneCall);
        row("lambda x: K.softmax(x, axis=1)", "names: K, softmax", "K.softmax is not a reduction this reader knows");
        row("lambda x: np.sum(x, axis=1)", "names: np, sum", "np.sum is not a reduction this reader knows");
        row("lambda x: sum(x, 1)", "names: sum", "sum is not a reduction this reader knows");
        row("lambda x, y: K.sum(x, axis=1)", "names: K, sum", "it does not take exactly one input (its arguments: x, y)");
        row("lambda *x: K.sum(x, axis=1)", "names: K, sum", "it does not take exactly one input (its arguments: x)");
        row("(lambda ax: (lambda x: K.sum(x, axis=ax)))(1)", "names: K, sum", "it reads the closure variables ax");
        row("lambda x: [K.sum(t, 1) for t in x]", "<code <listcomp>>", notOneCall);
    }

    void refusesOtherCode()
    {
        QFETCH(QString, source);
        QFETCH(QString, found);
        QFETCH(QString, reason);
        const QString code = realLambdaCode(source);
        QVERIFY2(!code.isEmpty(), "python3 did not marshal the lambda");
        QString description;
        QVERIFY2(!recogniseLambda(keras3Config(code), &description), qPrintable(description));
        QVERIFY2(description.contains(found), qPrintable(description));
        QVERIFY2(description.contains(QStringLiteral("; not recognised: ") + reason), qPrintable(description));
    }

    void readsEveryPythonLayout_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<int>("minor");
        QTest::addColumn<LambdaReduction>("reduction");
        QTest::addColumn<int>("axis");
        QTest::addColumn<bool>("keepDims");
        const QList<QPair<QString, int>> versions{{QStringLiteral("3.6"), 6}, {QStringLiteral("3.7"), 6},
            {QStringLiteral("3.8"), 8}, {QStringLiteral("3.9"), 8}, {QStringLiteral("3.10"), 8},
            {QStringLiteral("3.11"), 11}, {QStringLiteral("3.12"), 11}, {QStringLiteral("3.13"), 11}};
        for (const auto& [version, minor] : versions) {
            // 3.6's stream also holds the 2 its optimiser folded into -2: only the bytecode tells.
            const auto row = [&](const char* name, LambdaReduction reduction, int axis, bool keepDims) {
                const QString key = version + QLatin1Char('/') + QLatin1String(name);
                QTest::newRow(qPrintable(key)) << key << minor << reduction << axis << keepDims;
            };
            row("sum_axis_keyword", LambdaReduction::Sum, -2, false);
            row("mean_axis_positional", LambdaReduction::Mean, 1, false);
            row("reduce_max_keepdims", LambdaReduction::Max, 2, true);
            row("ops_min_positional_keepdims", LambdaReduction::Min, -1, true);
        }
    }

    void readsEveryPythonLayout()
    {
        QFETCH(QString, stream);
        QFETCH(int, minor);
        QFETCH(LambdaReduction, reduction);
        QFETCH(int, axis);
        QFETCH(bool, keepDims);
        const QString code = handWrittenStreams().value(stream).toString();
        QVERIFY2(!code.isEmpty(), "write_lambda_streams.py did not write this stream");
        QCOMPARE(readLambdaCode(code).pythonMinor, minor);
        QString description;
        const std::optional<LambdaFunction> function = recogniseLambda(keras2Config(code), &description);
        QVERIFY2(function.has_value(), qPrintable(description));
        QCOMPARE(function->reduction, reduction);
        QCOMPARE(function->axis, axis);
        QCOMPARE(function->keepDims, keepDims);
    }

    void refusesTimesTwoInEveryLayout()
    {
        for (const QString& version : {QStringLiteral("3.6"), QStringLiteral("3.7"), QStringLiteral("3.8"),
                 QStringLiteral("3.9"), QStringLiteral("3.10"), QStringLiteral("3.11"), QStringLiteral("3.12"),
                 QStringLiteral("3.13")}) {
            const QString code = handWrittenStreams().value(version + QStringLiteral("/times_two")).toString();
            QVERIFY2(!code.isEmpty(), qPrintable(version));
            QString description;
            QVERIFY2(!recogniseLambda(keras2Config(code), &description), qPrintable(version));
            QVERIFY2(description.contains(QStringLiteral("not one call")), qPrintable(description));
        }
    }

    void acceptsEveryConfigForm()
    {
        const QString code = realLambdaCode(QStringLiteral("lambda xin: K.sum(xin, axis=-2)"));
        // serialization_lib (Keras 3, tf.keras 2.13+) wraps func_dump's list under "value".
        const QJsonValue serialized = QJsonObject{{QStringLiteral("class_name"), QStringLiteral("__lambda__")},
            {QStringLiteral("config"), QJsonObject{{QStringLiteral("value"), keras2Config(code)}}}};
        for (const QJsonValue& config : {keras2Config(code), keras3Config(code), serialized}) {
            const std::optional<LambdaFunction> function = recogniseLambda(config);
            QVERIFY(function.has_value());
            QCOMPARE(function->axis, -2);
        }
    }

    void doesNotReadNamedFunctions()
    {
        const QJsonValue keras3 = QJsonObject{{QStringLiteral("module"), QStringLiteral("__main__")},
            {QStringLiteral("class_name"), QStringLiteral("function")}, {QStringLiteral("config"), QStringLiteral("sum_frames")}};
        for (const QJsonValue& config : {QJsonValue(QStringLiteral("sum_frames")), keras3}) {
            QString description;
            QVERIFY(!recogniseLambda(config, &description));
            QVERIFY2(description.contains(QStringLiteral("'sum_frames'")), qPrintable(description));
        }
    }

    void rejectsWhatIsNotAFunctionConfig()
    {
        const QJsonValue notConfigs[] = {QJsonValue(3), QJsonValue(QJsonValue::Null),
            QJsonObject{{QStringLiteral("class_name"), QStringLiteral("Dense")}},
            QJsonArray{QStringLiteral("4wEA"), QJsonValue::Null},
            QJsonObject{{QStringLiteral("class_name"), QStringLiteral("__lambda__")}, {QStringLiteral("config"), 1}}};
        for (const QJsonValue& config : notConfigs) {
            const QString message = errorOf([&] { recogniseLambda(config); });
            QVERIFY2(isSentence(message), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("function config")), qPrintable(message));
        }
    }

    void rejectsMalformedBase64()
    {
        for (const QString& text : {QStringLiteral("not base64!"), QStringLiteral("4wEA*AAA"), QStringLiteral("4wE\u00e9AAAA")}) {
            const QString message = errorOf([&] { readLambdaCode(text); });
            QVERIFY2(isSentence(message), qPrintable(text));
            QVERIFY2(message.contains(QStringLiteral("base64")), qPrintable(message));
        }
        const QString empty = errorOf([] { recogniseLambda(keras2Config(QString())); });
        QVERIFY2(isSentence(empty) && empty.contains(QStringLiteral("empty")), qPrintable(empty));
    }

    void rejectsTruncatedStreams()
    {
        for (const QString& code : {realLambdaCode(QStringLiteral("lambda x: K.sum(x, axis=1)")),
                 handWrittenStreams().value(QStringLiteral("3.6/sum_axis_keyword")).toString()}) {
            const QByteArray stream = QByteArray::fromBase64(code.toLatin1());
            QVERIFY(stream.size() > 2);
            for (qsizetype length = 1; length < stream.size(); ++length) {
                const QString message = errorOf([&] { readLambdaCode(QString::fromLatin1(stream.left(length).toBase64())); });
                QVERIFY2(isSentence(message), qPrintable(QStringLiteral("prefix %1: %2").arg(length).arg(message)));
            }
            const QString half = errorOf([&] { readLambdaCode(QString::fromLatin1(stream.left(stream.size() / 2).toBase64())); });
            QVERIFY2(half.contains(QStringLiteral("is truncated")), qPrintable(half));
        }
    }

    void rejectsBrokenStreams_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown type code") << QStringLiteral("3.8/unknown_type_code")
                                           << QStringLiteral("has an unknown marshal type code 0x51");
        QTest::newRow("bad ref") << QStringLiteral("3.11/bad_ref") << QStringLiteral("refers to marshal object 127");
        QTest::newRow("not code") << QStringLiteral("3.8/not_code")
                                  << QStringLiteral("holds a None rather than a code object");
        QTest::newRow("trailing bytes") << QStringLiteral("3.8/trailing_bytes")
                                        << QStringLiteral("goes on for 1 more byte(s) after its code object");
    }

    void rejectsBrokenStreams()
    {
        QFETCH(QString, stream);
        QFETCH(QString, expected);
        const QString code = handWrittenStreams().value(stream).toString();
        QVERIFY2(!code.isEmpty(), "write_lambda_streams.py did not write this stream");
        const QString message = errorOf([&] { recogniseLambda(keras3Config(code)); });
        QVERIFY2(isSentence(message), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    // Every byte of real streams replaced by type codes and extremes: a result or a sentence.
    void survivesCorruptedStreams()
    {
        const QByteArray replacements("\x00\x7f\x80\xff" "rc(l)[{Zs", 13);
        for (const QString& code : {realLambdaCode(QStringLiteral("lambda x: tf.math.reduce_sum(x, axis=1, keepdims=True)")),
                 handWrittenStreams().value(QStringLiteral("3.8/reduce_max_keepdims")).toString()}) {
            const QByteArray stream = QByteArray::fromBase64(code.toLatin1());
            QVERIFY(!stream.isEmpty());
            for (qsizetype at = 0; at < stream.size(); ++at) {
                for (const char replacement : replacements) {
                    QByteArray corrupted = stream;
                    corrupted[at] = replacement;
                    const QString base64 = QString::fromLatin1(corrupted.toBase64());
                    try {
                        QString description;
                        recogniseLambda(keras2Config(base64), &description);
                    } catch (const studio::StudioError& error) {
                        QVERIFY2(isSentence(error.message()), qPrintable(error.message()));
                    } catch (...) {
                        QFAIL(qPrintable(QStringLiteral("byte %1 -> 0x%2 threw something else")
                                             .arg(at).arg(quint8(replacement), 2, 16, QLatin1Char('0'))));
                    }
                }
            }
        }
    }
};

QTEST_APPLESS_MAIN(TstLambdaCode)
#include "tst_lambda_code.moc"
