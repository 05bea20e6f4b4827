#pragma once

// What every attention-cli subcommand shares: exit codes, the output format, error reporting,
// typed option parsing, and the option groups for tasks, models and training.

#include "data/BuiltinTasks.h"
#include "model/ModelConfig.h"
#include "train/TrainingConfig.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <stdexcept>

namespace studio::cli {

// Exit codes: scripts tell "you called me wrong" from "the work failed".
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // runtime errors: a missing or corrupt file, a diverged run, ...
constexpr int kExitUsage = 2;    // usage errors: unknown flag, missing or malformed option

// Thrown for a command line that cannot be run as written; main() turns it into kExitUsage.
// `what()` is one sentence naming the flag and what to do.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const QString& message) : std::runtime_error(message.toStdString()) {}
};

enum class OutputFormat { Human, Json };

// The arguments one subcommand sees: its name (for messages and help) and what followed it.
struct CommandLine {
    QString command;
    QStringList arguments;
};

// stdout carries results only (one JSON object with --format json), so scripts can parse it;
// stderr carries errors and warnings.
void printOut(const QString& text);
void printJson(const QJsonObject& object);
void printError(const QString& sentence);
void printWarning(const QString& sentence);

// Parses with QCommandLineParser::parse() (process() would exit on its own with Qt's message).
// Adds --help; returns false when help was asked for and printed, so the caller returns kExitOk.
// `usage` is the synopsis after "Usage: attention-cli ". Throws UsageError on unknown options
// and on positional arguments, which no subcommand takes.
bool parseCommandLine(QCommandLineParser& parser, const CommandLine& line, const QString& usage);

void addFormatOption(QCommandLineParser& parser);
OutputFormat outputFormat(const QCommandLineParser& parser);

// Typed option values; each throws UsageError naming the flag when the value does not fit.
QString requiredOption(const QCommandLineParser& parser, const QString& name);
int intOption(const QCommandLineParser& parser, const QString& name, int fallback, int minimum);
double doubleOption(const QCommandLineParser& parser, const QString& name, double fallback, double minimum,
                    double maximumExclusive);
QString choiceOption(const QCommandLineParser& parser, const QString& name, const QString& fallback,
                     const QStringList& choices);

// --task, --task-length, --task-count, --variable-length, --neutral-class and --seed.
void addTaskOptions(QCommandLineParser& parser, int defaultCount, uint64_t defaultSeed);
QStringList builtinTaskNames();
// The task name from --task, or `fallback` when it is not given; UsageError when neither exists.
QString taskName(const QCommandLineParser& parser, const QString& fallback = {});
TaskOptions taskOptions(const QCommandLineParser& parser, const QString& task, int defaultCount, uint64_t defaultSeed);
uint64_t seedOption(const QCommandLineParser& parser, uint64_t fallback);
// Whether the task can add a neutral third class (TaskOptions::neutralClass).
bool taskHasNeutralClass(const QString& task);

// --attention, --cell, --hidden, --layers, --embedding, --dropout, --bidirectional, --attention-dim.
void addModelOptions(QCommandLineParser& parser);
// Applies the model flags that are set to `config` (which already fits the data).
void applyModelOptions(const QCommandLineParser& parser, ModelConfig* config);
QStringList modelOptionNames();

// --optimizer, --lr, --momentum, --batch, --epochs, --validation, --clip, --patience.
void addTrainingOptions(QCommandLineParser& parser);
void applyTrainingOptions(const QCommandLineParser& parser, TrainingConfig* config);
QStringList trainingOptionNames();

// "accuracy" → "accuracy", for messages next to headMetricName().
QString metricName(HeadKind head);

} // namespace studio::cli
