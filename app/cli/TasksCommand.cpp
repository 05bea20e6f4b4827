// attention-cli tasks: the built-in tasks and their default lengths.

#include "Commands.h"

#include "data/BuiltinTasks.h"

#include <QJsonArray>

namespace studio::cli {

int runTasks(const CommandLine& line)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the built-in tasks: generated data whose deciding timesteps are known, for training and\n"
                       "for checking that attention finds them."));
    addFormatOption(parser);
    if (!parseCommandLine(parser, line, QStringLiteral("tasks [--format json]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);

    const std::vector<TaskInfo> tasks = builtinTasks();
    if (format == OutputFormat::Json) {
        QJsonArray list;
        for (const TaskInfo& task : tasks)
            list.append(QJsonObject{{QStringLiteral("name"), task.name},
                                    {QStringLiteral("defaultLength"), task.defaultLength},
                                    {QStringLiteral("description"), task.description}});
        printJson(QJsonObject{{QStringLiteral("tasks"), list}});
        return kExitOk;
    }
    printOut(QStringLiteral("%1  %2  %3").arg(QStringLiteral("name"), -8).arg(QStringLiteral("length"), 6).arg(QStringLiteral("description")));
    for (const TaskInfo& task : tasks)
        printOut(QStringLiteral("%1  %2  %3").arg(task.name, -8).arg(task.defaultLength, 6).arg(task.description));
    return kExitOk;
}

} // namespace studio::cli
