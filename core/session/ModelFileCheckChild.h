#pragma once

// The child's side of checkModelFileInChild (io/ModelFileCheck.h): open the model file as
// ModelSession::open would, with the same options, and report by exit code. No torch header here.

#include <QStringList>

namespace studio {

struct SessionOptions;

// The options a child needs to open a file as `options` says, as command-line arguments.
QStringList modelFileCheckArguments(const SessionOptions& options);

// Runs in the child, before any window: `arguments` are PATH and modelFileCheckArguments'.
// Returns a ModelFileCheckExit code; a StudioError's message goes to standard error.
int runModelFileCheck(const QStringList& arguments);

} // namespace studio
