#pragma once

// attention-cli evaluate --data: any model the app opens (native, TorchScript, Keras) on a
// labelled text file, through the one model interface: accuracy, the mean probability of the true
// class, and how much attention falls on padding.

#include "CliCommon.h"

namespace studio::cli {

void addEvaluateDataOptions(QCommandLineParser& parser);
bool evaluatesData(const QCommandLineParser& parser);
int runEvaluateOnData(const QCommandLineParser& parser, OutputFormat format);

} // namespace studio::cli
