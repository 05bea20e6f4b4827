#pragma once

// How a labelled text file is read from the command line: train --data (DataOptions), evaluate
// --data and explain --data take the same --data-format, --text-column and --label-column, parsed
// in one place (DataOptions.cpp). No torch here, so the commands that read text through a
// ModelSession include it cheaply.

#include "data/TextImport.h"

#include <QCommandLineParser>
#include <QString>

namespace studio::cli {

// A labelled text file any model reads through its session (evaluate --data, explain --data):
// --data (described by `dataDescription`), --data-format, --text-column and --label-column.
void addLabelledTextOptions(QCommandLineParser& parser, const QString& dataDescription);

// The TextImportOptions --data-format, --text-column and --label-column give. UsageError for an
// unknown format.
TextImportOptions textImportOptions(const QCommandLineParser& parser);

} // namespace studio::cli
