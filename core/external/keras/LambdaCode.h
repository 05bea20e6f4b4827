#pragma once

// What a Keras Lambda layer computes, read from its config without running anything. Keras stores
// the function as marshalled Python bytecode (base64): Keras 2 as `"function": [code, defaults,
// closure]` with `"function_type": "lambda"`, Keras 3 as `{"class_name": "__lambda__", "config":
// {"code": ..., "defaults": ..., "closure": ...}}`. The marshal stream is parsed (never executed)
// for the code object's names (co_names: "K", "sum", "tf", "reduce_mean", ...) and constants
// (the axis), enough to recognise the reductions tutorials write. Qt Core only; no torch.

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace studio::keras {

// What the marshalled code object holds (the outermost code object; nested ones are merged in).
struct LambdaCodeInfo {
    QStringList names;            // co_names, in order
    QStringList constants;        // co_consts rendered as text: "None", "-2", "1", "(1, 2)", "'x'", "True"
    QStringList argumentNames;    // co_varnames of the arguments, e.g. "xin"
    int pythonMinor = -1;         // 3.x minor version the layout matched, -1 when not known
                                  // (the layout's first: 6 for 3.6-3.7, 8 for 3.8-3.10, 11 for 3.11+)
    QStringList freeVariables;    // co_freevars: closure variables the code reads, e.g. "ax"
};

enum class LambdaReduction { Sum, Mean, Max, Min };

// A recognised Lambda: a reduction of its single input over one axis, e.g.
// `lambda x: K.sum(x, axis=-2)`, `lambda x: tf.reduce_mean(x, axis=1)`, `lambda x: K.max(x, 1)`.
struct LambdaFunction {
    LambdaReduction reduction = LambdaReduction::Sum;
    int axis = -1;                // as written (negative counts from the end, batch axis is 0)
    bool keepDims = false;
};

// Parses the marshal stream (base64 text as Keras stores it). Throws StudioError naming what is
// malformed (bad base64, a truncated stream, an unknown marshal type code).
LambdaCodeInfo readLambdaCode(const QString& base64);

// The function config value of a Lambda layer's config (`config["function"]`, either version's
// form) -> the recognised reduction, or nullopt when the code is something else. `description`
// receives a short text of what was found ("names: K, sum; constants: None, -2"), for messages.
// Throws StudioError when the config is not a Lambda function config at all.
std::optional<LambdaFunction> recogniseLambda(const QJsonValue& functionConfig, QString* description = nullptr);

} // namespace studio::keras
