// attention-cli: train, infer, explain, render figures, evaluate, export, watch runs, list tasks and benchmark
// without a window.
// Dispatches to one subcommand and turns every error into one sentence on stderr and an exit code.

#include "CliCommon.h"
#include "Commands.h"

#include "common/MemoryReuse.h"
#include "common/StudioError.h"
#include "io/ModelFileCheck.h"
#include "session/ModelFileCheckChild.h"
#include "render/FigureRender.h"

#include <ATen/Parallel.h>
#include <c10/util/Exception.h>

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <memory>

namespace {

using studio::cli::CommandLine;

struct Subcommand {
    const char* name;
    const char* summary;
    int (*run)(const CommandLine&);
};

const std::array<Subcommand, 9> kSubcommands{{
    {"train", "Train a model on a built-in task; writes a model file after every epoch.", studio::cli::runTrain},
    {"infer", "Run a model file on text, token ids or a CSV series; prints the prediction and attention.",
     studio::cli::runInfer},
    {"explain", "Is the attention an explanation? Attributions per step beside it (gradient, integrated gradients, occlusion...).",
     studio::cli::runExplain},
    {"render", "Draw a model's attention on one input as a PNG, SVG or PDF figure, as the window shows it.",
     studio::cli::runRender},
    {"evaluate", "Loss, metric and attention relevance of a model file on fresh task data.", studio::cli::runEvaluate},
    {"export", "Write a model file's weights as a PyTorch state dict (torch.load reads it).", studio::cli::runExport},
    {"watch", "Show a run folder's metrics and checkpoints (from examples/pytorch/train_ddp.py), or follow it.",
     studio::cli::runWatch},
    {"tasks", "List the built-in tasks.", studio::cli::runTasks},
    {"bench", "Measure training throughput and inference latency of a benchmark configuration.", studio::cli::runBench},
}};

const Subcommand* findSubcommand(const QString& name)
{
    for (const Subcommand& subcommand : kSubcommands)
        if (name == QLatin1String(subcommand.name))
            return &subcommand;
    return nullptr;
}

QString overview()
{
    QString text = QStringLiteral("Usage: attention-cli <command> [options]\n"
                                  "Attention Studio on the command line: LSTM models with attention.\n\nCommands:\n");
    for (const Subcommand& subcommand : kSubcommands)
        text += QStringLiteral("  %1%2\n").arg(QLatin1String(subcommand.name), -10).arg(QLatin1String(subcommand.summary));
    text += QStringLiteral("\nRun \"attention-cli <command> --help\" (or \"attention-cli help <command>\") for a command's options.\n"
                           "Exit codes: 0 success, 1 failure (e.g. a missing or corrupt file), 2 usage error.");
    return text;
}

int dispatch(const QStringList& arguments)
{
    using namespace studio::cli;
    if (arguments.isEmpty())
        throw UsageError(QStringLiteral("No command given: run \"attention-cli --help\" for the list of commands."));
    const QString first = arguments.first();
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        if (first == QLatin1String("help") && arguments.size() > 1) {
            if (const Subcommand* subcommand = findSubcommand(arguments.at(1)))
                return subcommand->run({arguments.at(1), QStringList{QStringLiteral("--help")}});
            throw UsageError(QStringLiteral("There is no command \"%1\": run \"attention-cli --help\" for the list of commands.")
                                 .arg(arguments.at(1)));
        }
        printOut(overview());
        return kExitOk;
    }
    const Subcommand* subcommand = findSubcommand(first);
    if (!subcommand)
        throw UsageError(QStringLiteral("There is no command \"%1\": run \"attention-cli --help\" for the list of commands.")
                             .arg(first));
    return subcommand->run({first, arguments.mid(1)});
}

} // namespace

int main(int argc, char* argv[])
{
    // One intra-op and one inter-op thread: measured here, 2 OpenMP threads with OpenBLAS made LSTM
    // training more than 10x slower than 1. `bench --threads N` raises the intra-op count for its
    // run; the inter-op count can be set only once per process, so it is set here and never again.
    at::set_num_interop_threads(1);
    at::set_num_threads(1);
    studio::keepFreedMemoryForReuse();

    // Only render and bench --window / --soak / --series-view draw widgets, which need a QApplication; every other command
    // keeps a QCoreApplication and so never needs a display or a platform plugin.
    const bool widgets = argc > 1
        && (std::strcmp(argv[1], "render") == 0
            || (std::strcmp(argv[1], "bench") == 0 && std::any_of(argv + 2, argv + argc, [](const char* argument) {
                    return std::strcmp(argument, "--window") == 0 || std::strcmp(argument, "--soak") == 0
                        || std::strcmp(argument, "--series-view") == 0;
                })));
    const std::unique_ptr<QCoreApplication> app =
        widgets ? studio::render::createRenderApplication(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attention-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Attention Studio"));

    using namespace studio::cli;
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    // A child started to read a model file first (io/ModelFileCheck.h): it reads, and says how it went.
    if (!arguments.isEmpty() && arguments.first() == QLatin1String(studio::kModelFileCheckFlag))
        return studio::runModelFileCheck(arguments.mid(1));
    studio::setModelFileCheckProgram(QCoreApplication::applicationFilePath(), {}, &studio::runModelFileCheck);
    try {
        return dispatch(arguments);
    } catch (const UsageError& error) {
        printError(QString::fromStdString(error.what()));
        return kExitUsage;
    } catch (const studio::StudioError& error) {
        printError(error.message());
    } catch (const c10::Error& error) {
        // Torch's own message can span lines with a C++ backtrace; its first line is the reason.
        printError(QStringLiteral("Torch failed: %1")
                       .arg(QString::fromStdString(error.what_without_backtrace()).section(QLatin1Char('\n'), 0, 0)));
    } catch (const std::exception& error) {
        printError(QStringLiteral("Unexpected error: %1").arg(QString::fromLocal8Bit(error.what())));
    }
    return kExitFailure;
}
