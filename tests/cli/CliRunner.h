#pragma once

// Runs the built attention-cli (ATTENTION_CLI_PATH) and captures what it did, for the CLI tests.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace studio::testing {

constexpr int kProcessTimeoutMs = 180'000;  // generous: a debug or sanitizer build trains slowly

struct CliRun {
    bool finished = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("exit %1 (%2)\nstdout: %3\nstderr: %4")
            .arg(exitCode)
            .arg(status == QProcess::NormalExit ? QStringLiteral("normal") : QStringLiteral("crash"),
                 QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
    }
};

// Waits for a started process (killed after kProcessTimeoutMs) and captures what it did.
inline CliRun finishRun(QProcess& process)
{
    CliRun run;
    run.finished = process.waitForFinished(kProcessTimeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished();
    }
    run.status = process.exitStatus();
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// Runs `program` to completion and captures what it did.
inline CliRun runProgram(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    return finishRun(process);
}

inline CliRun runCli(const QStringList& arguments) { return runProgram(QStringLiteral(ATTENTION_CLI_PATH), arguments); }

// Debian's interpreter: python3-torch is installed for it (.ci/setup), not for a pyenv python3.
inline CliRun runPython(const QStringList& arguments) { return runProgram(QStringLiteral("/usr/bin/python3"), arguments); }

// The largest difference between two arrays of numbers; infinity when their sizes differ.
inline double largestDifference(const QJsonArray& a, const QJsonArray& b)
{
    if (a.size() != b.size())
        return std::numeric_limits<double>::infinity();
    double largest = 0.0;
    for (int i = 0; i < a.size(); ++i)
        largest = std::max(largest, std::abs(a.at(i).toDouble() - b.at(i).toDouble()));
    return largest;
}

inline QJsonObject parseObject(const QByteArray& bytes, QString* problem)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (!document.isObject())
        *problem = QStringLiteral("stdout is not one JSON object (%1): %2").arg(error.errorString(), QString::fromUtf8(bytes.left(500)));
    return document.object();
}

} // namespace studio::testing
