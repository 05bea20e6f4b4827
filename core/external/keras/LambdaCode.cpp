#include "external/keras/LambdaCode.h"

#include "common/StudioError.h"
#include "external/keras/MarshalCode.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

// Matches a Lambda's code object (read by MarshalCode.h) against the one shape a reduction
// lambda compiles to:
//     load module, load attribute(s), load the input, load constants, call, return.
// Nothing is ever executed; anything outside that shape is reported, not guessed at.

namespace studio::keras {
namespace {

using namespace marshal;

// Names and constants of the code and of code objects nested in its constants (a comprehension,
// an inner lambda), so a description shows everything the function touches.
void collectInfo(const CodeObject& code, LambdaCodeInfo& info, int depth)
{
    for (const QString& name : code.names)
        if (!info.names.contains(name))
            info.names.append(name);
    for (const ValuePtr& constant : code.consts) {
        info.constants.append(render(*constant));
        if (constant->kind == Value::Kind::Code && depth < kMaxDepth)
            collectInfo(*constant->code, info, depth + 1);
    }
}

LambdaCodeInfo infoOf(const CodeObject& code)
{
    LambdaCodeInfo info;
    collectInfo(code, info, 0);
    info.argumentNames = code.localNames.mid(0, code.argumentTotal());
    info.freeVariables = code.freeNames;
    info.pythonMinor = layoutMinor(code.layout);
    return info;
}

// ---- the bytecode shape of `lambda x: module.function(x, constants..., keyword=constants...)` ----

enum class Op { Skip, Resume, Precall, LoadGlobal, LoadAttr, LoadMethod, LoadFast, LoadConst, KwNames, Call, CallKw, Return, Other };

constexpr int kNoOpcode = -1;

// The opcodes one CPython version family uses for that shape (Lib/opcode.py of each version).
struct Dialect {
    const char* label;
    int extendedArg, nop, cache, pushNull, resume, precall;
    int loadGlobal, loadAttr, loadMethod, loadFast, loadConst, kwNames;
    int call, callKw, callMethod, returnValue;
    bool globalNameShifted;   // 3.11+: LOAD_GLOBAL oparg = name index << 1 | push-null bit
    bool attrNameShifted;     // 3.12+: LOAD_ATTR oparg = name index << 1 | method bit
};

constexpr Dialect kPython36To310{"3.6-3.10", 144, 9, kNoOpcode, kNoOpcode, kNoOpcode, kNoOpcode,
    116, 106, 160, 124, 100, kNoOpcode, 131, 141, 161, 83, false, false};
constexpr Dialect kPython311{"3.11", 144, 9, 0, 2, 151, 166,
    116, 106, 160, 124, 100, 172, 171, kNoOpcode, kNoOpcode, 83, true, false};
constexpr Dialect kPython312{"3.12", 144, 9, 0, 2, 151, kNoOpcode,
    116, 106, kNoOpcode, 124, 100, 172, 171, kNoOpcode, kNoOpcode, 83, true, true};
constexpr Dialect kPython313{"3.13", 71, 30, 0, 34, 149, kNoOpcode,
    91, 82, kNoOpcode, 85, 83, kNoOpcode, 53, 57, kNoOpcode, 36, true, true};

struct Instruction {
    Op op = Op::Other;
    qint64 arg = 0;
};

Op classify(const Dialect& d, int opcode)
{
    if (opcode == d.nop || opcode == d.cache || opcode == d.pushNull) return Op::Skip;
    if (opcode == d.resume) return Op::Resume;
    if (opcode == d.precall) return Op::Precall;
    if (opcode == d.loadGlobal) return Op::LoadGlobal;
    if (opcode == d.loadAttr) return Op::LoadAttr;
    if (opcode == d.loadMethod) return Op::LoadMethod;
    if (opcode == d.loadFast) return Op::LoadFast;
    if (opcode == d.loadConst) return Op::LoadConst;
    if (opcode == d.kwNames) return Op::KwNames;
    if (opcode == d.call || opcode == d.callMethod) return Op::Call;
    if (opcode == d.callKw) return Op::CallKw;
    if (opcode == d.returnValue) return Op::Return;
    return Op::Other;
}

// 3.6+ wordcode: (opcode, oparg) byte pairs, EXTENDED_ARG supplying the oparg's high bytes.
std::vector<Instruction> decode(const Dialect& d, const QByteArray& bytecode)
{
    std::vector<Instruction> instructions;
    qint64 extended = 0;
    for (qsizetype i = 0; i + 1 < bytecode.size(); i += 2) {
        const int opcode = static_cast<quint8>(bytecode.at(i));
        const qint64 arg = (extended << 8) | static_cast<quint8>(bytecode.at(i + 1));
        if (opcode == d.extendedArg) {
            extended = arg & 0xffffffff;
            continue;
        }
        extended = 0;
        const Op op = classify(d, opcode);
        if (op != Op::Skip)
            instructions.push_back({op, arg});
    }
    return instructions;
}

struct CallShape {
    QStringList path;                                        // "tf", "math", "reduce_sum"
    std::vector<ValuePtr> positional;                        // after the input
    std::vector<std::pair<QString, ValuePtr>> keywords;
};

const Value* constantAt(const CodeObject& code, qint64 index)
{
    return index >= 0 && std::size_t(index) < code.consts.size() ? code.consts[std::size_t(index)].get() : nullptr;
}

bool nameAt(const CodeObject& code, qint64 index, QStringList& path)
{
    if (index < 0 || index >= code.names.size())
        return false;
    path.append(code.names.at(index));
    return true;
}

// Keyword names come as a tuple of strings: the last LOAD_CONST (CALL_FUNCTION_KW, CALL_KW) or
// KW_NAMES' constant (3.11, 3.12).
bool splitKeywords(const Value* names, CallShape& shape)
{
    if (!names || names->kind != Value::Kind::Tuple || names->items.size() > shape.positional.size())
        return false;
    const std::size_t firstKeyword = shape.positional.size() - names->items.size();
    for (std::size_t i = 0; i < names->items.size(); ++i) {
        if (names->items[i]->kind != Value::Kind::Str)
            return false;
        shape.keywords.emplace_back(names->items[i]->text, shape.positional[firstKeyword + i]);
    }
    shape.positional.resize(firstKeyword);
    return true;
}

std::optional<CallShape> matchCall(const CodeObject& code, const Dialect& d)
{
    const std::vector<Instruction> ins = decode(d, code.bytecode);
    std::size_t at = 0;
    const auto is = [&](Op op) { return at < ins.size() && ins[at].op == op; };
    if (d.resume != kNoOpcode) {
        if (!is(Op::Resume))
            return std::nullopt;
        ++at;
    }
    CallShape shape;
    if (!is(Op::LoadGlobal) || !nameAt(code, d.globalNameShifted ? ins[at].arg >> 1 : ins[at].arg, shape.path))
        return std::nullopt;
    // Attributes down to the function; LOAD_METHOD (3.7-3.11) can only be the last of them.
    for (++at; is(Op::LoadAttr) || is(Op::LoadMethod); ++at) {
        const qint64 arg = is(Op::LoadAttr) && d.attrNameShifted ? ins[at].arg >> 1 : ins[at].arg;
        if (ins[at - 1].op == Op::LoadMethod || !nameAt(code, arg, shape.path))
            return std::nullopt;
    }
    if (!is(Op::LoadFast) || ins[at].arg != 0)   // the call's first argument is the lambda's input
        return std::nullopt;
    for (++at; is(Op::LoadConst); ++at) {
        const Value* constant = constantAt(code, ins[at].arg);
        if (!constant)
            return std::nullopt;
        shape.positional.push_back(code.consts[std::size_t(ins[at].arg)]);
    }
    const Value* keywordNames = nullptr;
    if (is(Op::KwNames)) {
        keywordNames = constantAt(code, ins[at].arg);
        if (!keywordNames)
            return std::nullopt;
        ++at;
    }
    if (d.precall != kNoOpcode) {
        if (!is(Op::Precall))
            return std::nullopt;
        ++at;
    }
    if (is(Op::CallKw)) {
        if (shape.positional.empty())
            return std::nullopt;
        keywordNames = shape.positional.back().get();
        shape.positional.pop_back();
    } else if (!is(Op::Call)) {
        return std::nullopt;
    }
    const qint64 argumentCount = ins[at].arg;
    if (argumentCount != qint64(shape.positional.size()) + 1)
        return std::nullopt;
    if (keywordNames && !splitKeywords(keywordNames, shape))
        return std::nullopt;
    ++at;
    if (!is(Op::Return) || at + 1 != ins.size())
        return std::nullopt;
    return shape;
}

std::optional<CallShape> matchCall(const CodeObject& code)
{
    if (code.layout != CodeLayout::Python311)
        return matchCall(code, kPython36To310);
    // One layout, three opcode sets; RESUME's number and 3.11's PRECALL keep them apart.
    for (const Dialect* dialect : {&kPython311, &kPython312, &kPython313})
        if (auto shape = matchCall(code, *dialect))
            return shape;
    return std::nullopt;
}

// ---- which calls are reductions ----

struct KnownFamily {
    QStringList prefixes;
    QStringList functions;                   // in LambdaReduction order: sum, mean, max, min
    QStringList keepDimsKeywords;
};

const std::vector<KnownFamily>& knownFamilies()
{
    static const std::vector<KnownFamily> families{
        {{QStringLiteral("K"), QStringLiteral("backend"), QStringLiteral("keras.backend"), QStringLiteral("tf.keras.backend"),
          QStringLiteral("ops"), QStringLiteral("keras.ops")},
         {QStringLiteral("sum"), QStringLiteral("mean"), QStringLiteral("max"), QStringLiteral("min")},
         {QStringLiteral("keepdims")}},
        // TensorFlow 1 spelled keepdims "keep_dims"; tutorials of that time still circulate.
        {{QStringLiteral("tf"), QStringLiteral("tf.math")},
         {QStringLiteral("reduce_sum"), QStringLiteral("reduce_mean"), QStringLiteral("reduce_max"), QStringLiteral("reduce_min")},
         {QStringLiteral("keepdims"), QStringLiteral("keep_dims")}},
    };
    return families;
}

constexpr LambdaReduction kReductions[] = {LambdaReduction::Sum, LambdaReduction::Mean, LambdaReduction::Max, LambdaReduction::Min};

struct Outcome {
    std::optional<LambdaFunction> function;
    QString refusal;
};

Outcome refuse(const QString& reason) { return {std::nullopt, reason}; }

// The arguments after the input: (axis, keepdims) positionally or by keyword, as K.sum,
// tf.reduce_sum and keras.ops.sum all declare them.
Outcome readArguments(const CallShape& call, const KnownFamily& family, LambdaFunction function)
{
    constexpr std::size_t kMaxArguments = 2;
    const Value* axis = call.positional.size() > 0 ? call.positional[0].get() : nullptr;
    const Value* keepDims = call.positional.size() > 1 ? call.positional[1].get() : nullptr;
    if (call.positional.size() > kMaxArguments)
        return refuse(QStringLiteral("it passes more arguments than an axis and keepdims"));
    for (const auto& [keyword, value] : call.keywords) {
        const Value** slot = keyword == QLatin1String("axis") ? &axis
            : family.keepDimsKeywords.contains(keyword) ? &keepDims : nullptr;
        if (!slot)
            return refuse(QStringLiteral("it passes the keyword '%1', which this reader does not know").arg(keyword));
        if (*slot)
            return refuse(QStringLiteral("it passes '%1' twice").arg(keyword));
        *slot = value.get();
    }
    if (!axis || axis->kind == Value::Kind::None)
        return refuse(QStringLiteral("it has no axis, so it reduces every axis, the batch axis included"));
    if (axis->kind != Value::Kind::Int)
        return refuse(QStringLiteral("its axis %1 is not one integer").arg(render(*axis)));
    if (axis->integer == 0)
        return refuse(QStringLiteral("its axis 0 is the batch axis"));
    if (axis->integer < std::numeric_limits<int>::min() || axis->integer > std::numeric_limits<int>::max())
        return refuse(QStringLiteral("its axis %1 is out of range").arg(axis->integer));
    if (keepDims && keepDims->kind != Value::Kind::Bool)
        return refuse(QStringLiteral("its keepdims %1 is not True or False").arg(render(*keepDims)));
    function.axis = int(axis->integer);
    function.keepDims = keepDims && keepDims->integer != 0;
    return {function, {}};
}

Outcome recognise(const CodeObject& code)
{
    // Exactly `lambda x:`; `lambda *x:` would make the input a tuple.
    if (code.argCount != 1 || code.argumentTotal() != 1)
        return refuse(QStringLiteral("it does not take exactly one input (its arguments: %1)")
                          .arg(code.localNames.mid(0, code.argumentTotal()).join(QStringLiteral(", "))));
    if (!code.freeNames.isEmpty())
        return refuse(QStringLiteral("it reads the closure variables %1").arg(code.freeNames.join(QStringLiteral(", "))));
    const std::optional<CallShape> call = matchCall(code);
    if (!call)
        return refuse(QStringLiteral("its bytecode is not one call of a function on its input with constant arguments"));
    const QString function = call->path.last();
    const QString prefix = call->path.mid(0, call->path.size() - 1).join(QLatin1Char('.'));
    for (const KnownFamily& family : knownFamilies()) {
        const qsizetype index = family.functions.indexOf(function);
        if (index >= 0 && family.prefixes.contains(prefix)) {
            LambdaFunction reduction;
            reduction.reduction = kReductions[index];
            return readArguments(*call, family, reduction);
        }
    }
    return refuse(QStringLiteral("%1 is not a reduction this reader knows").arg(call->path.join(QLatin1Char('.'))));
}

QString foundText(const LambdaCodeInfo& info)
{
    const auto listed = [](const QStringList& items) {
        return items.isEmpty() ? QStringLiteral("(none)") : items.join(QStringLiteral(", "));
    };
    return QStringLiteral("names: ") + listed(info.names) + QStringLiteral("; constants: ") + listed(info.constants);
}

// The base64 code of either version's lambda config, or nullopt for a named function (whose code
// the file does not hold) with its name in `namedFunction`.
std::optional<QString> lambdaCodeOf(const QJsonValue& config, QString& namedFunction)
{
    const auto codeOfDump = [](const QJsonValue& dump) -> std::optional<QString> {
        // func_dump's (code, defaults, closure), saved as a JSON list.
        const QJsonArray parts = dump.toArray();
        if (dump.isArray() && parts.size() == 3 && parts.at(0).isString())
            return parts.at(0).toString();
        return std::nullopt;
    };
    if (config.isString()) {   // Keras 2 "function_type": "function"
        namedFunction = config.toString();
        return std::nullopt;
    }
    if (auto code = codeOfDump(config))
        return code;
    const QJsonObject object = config.toObject();
    const QString className = object.value(QStringLiteral("class_name")).toString();
    const QJsonValue inner = object.value(QStringLiteral("config"));
    if (className == QLatin1String("__lambda__")) {
        if (inner.toObject().value(QStringLiteral("code")).isString())   // Lambda.get_config
            return inner.toObject().value(QStringLiteral("code")).toString();
        if (auto code = codeOfDump(inner.toObject().value(QStringLiteral("value"))))   // serialization_lib
            return code;
    }
    if (className == QLatin1String("function") && inner.isString()) {   // Keras 3 named function
        namedFunction = inner.toString();
        return std::nullopt;
    }
    throw StudioError(QStringLiteral("The Lambda layer's function config is neither a Keras 2 [code, defaults, "
                                     "closure] list nor a Keras 3 \"__lambda__\" object."));
}

} // namespace

LambdaCodeInfo readLambdaCode(const QString& base64)
{
    return infoOf(*parseCode(decodeBase64(base64)));
}

std::optional<LambdaFunction> recogniseLambda(const QJsonValue& functionConfig, QString* description)
{
    QString namedFunction;
    const std::optional<QString> base64 = lambdaCodeOf(functionConfig, namedFunction);
    if (!base64) {
        if (description)
            *description = QStringLiteral("the named Python function '%1', whose code the file does not hold").arg(namedFunction);
        return std::nullopt;
    }
    const std::shared_ptr<const CodeObject> code = parseCode(decodeBase64(*base64));
    const Outcome outcome = recognise(*code);
    if (description) {
        *description = foundText(infoOf(*code));
        if (!outcome.function)
            *description += QStringLiteral("; not recognised: ") + outcome.refusal;
    }
    return outcome.function;
}

} // namespace studio::keras
