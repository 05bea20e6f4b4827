#pragma once

// What the attention-cli tests that parse the CLI's JSON share (tst_cli, tst_cli_explain): exit
// codes, a run that must have finished without crashing, its stdout parsed as one JSON object.

#include "CliRunner.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QtTest/QtTest>

#include <cmath>

namespace studio::testing {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

inline QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

inline bool isFiniteNumber(const QJsonValue& value)
{
    return value.isDouble() && std::isfinite(value.toDouble());
}

} // namespace studio::testing

// Runs the CLI and fails the test when it hung or crashed; `run` holds the result.
#define RUN_CLI(run, ...)                                                                       \
    const CliRun run = runCli(__VA_ARGS__);                                                     \
    QVERIFY2(run.finished, qPrintable(QStringLiteral("attention-cli timed out: ") + run.describe())); \
    QVERIFY2(run.status == QProcess::NormalExit, qPrintable(run.describe()))

#define PARSE_JSON(object, run)                                        \
    QString object##Problem;                                           \
    const QJsonObject object = parseObject(run.out, &object##Problem); \
    QVERIFY2(object##Problem.isEmpty(), qPrintable(object##Problem))
