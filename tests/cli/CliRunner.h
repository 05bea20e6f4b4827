#pragma once

// Runs the built attention-cli (ATTENTION_CLI_PATH) and captures what it did, for the CLI tests.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

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

inline CliRun runCli(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(ATTENTION_CLI_PATH), arguments);
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

inline QJsonObject parseObject(const QByteArray& bytes, QString* problem)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (!document.isObject())
        *problem = QStringLiteral("stdout is not one JSON object (%1): %2").arg(error.errorString(), QString::fromUtf8(bytes.left(500)));
    return document.object();
}

} // namespace studio::testing
