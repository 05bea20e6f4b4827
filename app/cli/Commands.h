#pragma once

// The attention-cli subcommands. Each parses its own options, prints its result and returns the
// process exit code; errors are thrown (UsageError, StudioError, ...) and reported by main().

#include "CliCommon.h"

namespace studio::cli {

int runTrain(const CommandLine& line);
int runInfer(const CommandLine& line);
int runExplain(const CommandLine& line);
int runEvaluate(const CommandLine& line);
int runTasks(const CommandLine& line);
int runBench(const CommandLine& line);
int runExport(const CommandLine& line);
int runWatch(const CommandLine& line);
int runRender(const CommandLine& line);

} // namespace studio::cli
