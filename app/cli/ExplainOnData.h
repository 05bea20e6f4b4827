#pragma once

// attention-cli explain --task NAME | --data FILE: the explanation of every example of a built-in
// task (whose deciding steps are known) or of a labelled text file, summarised per method.

#include "CliCommon.h"

#include "common/Explanation.h"

namespace studio::cli {

void addExplainDataOptions(QCommandLineParser& parser);
bool explainsData(const QCommandLineParser& parser);
int runExplainOnData(const QCommandLineParser& parser, const ExplainOptions& options, OutputFormat format);

} // namespace studio::cli
