#pragma once

// The model and the input of `infer` and `render`, from the command line to a ModelSession and an
// InferenceRequest prepared by that session: --model, --text | --ids | --series, the choices a
// file cannot make for itself (--time-major/--batch-first, --candidate, --keras-config,
// --tokenizer, --formula). One place, so every command reads models and input alike.

#include "CliCommon.h"

#include "session/ModelSession.h"

#include <QCommandLineParser>

#include <memory>

namespace studio::cli {

struct ModelInput {
    std::unique_ptr<ModelSession> session;
    InferenceRequest request;
    QString seriesPath;  // --series, when given
};

// --text, --ids, --series and the model options; `withModel` adds --model too.
void addModelInputOptions(QCommandLineParser& parser, bool withModel = true);
// The SessionOptions the flags give (--keras-config, --tokenizer, --maxlen, --formula).
SessionOptions sessionOptions(const QCommandLineParser& parser);
// Opens --model (or `path`) and prepares exactly one input for it. UsageError for a command line
// that cannot work (no input, two inputs, text for a series model, ids that are not numbers).
ModelInput modelInput(const QCommandLineParser& parser);
InferenceRequest requestFor(const QCommandLineParser& parser, const ModelSession& session);
// Runs it; UsageError when the text has no word the model can read.
InferenceResult runModelInput(ModelInput& input);

} // namespace studio::cli
