#include "external/SoftmaxProbe.h"

#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/passes/constant_propagation.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/inliner.h>

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace studio {
namespace {

using torch::jit::Node;
using torch::jit::Value;

// Ops that keep each score in its place (elementwise or a reshape): a parameter combined with the
// scores through them still lines up with the time axis.
bool keepsPositions(c10::Symbol kind)
{
    static const QSet<QString> kinds{
        QStringLiteral("aten::tanh"), QStringLiteral("aten::sigmoid"), QStringLiteral("aten::relu"),
        QStringLiteral("aten::leaky_relu"), QStringLiteral("aten::squeeze"), QStringLiteral("aten::unsqueeze"),
        QStringLiteral("aten::view"), QStringLiteral("aten::reshape"), QStringLiteral("aten::contiguous"),
        QStringLiteral("aten::to"), QStringLiteral("aten::dropout"), QStringLiteral("aten::neg"),
        QStringLiteral("aten::masked_fill"), QStringLiteral("aten::tanh_"), QStringLiteral("aten::relu_"),
        QStringLiteral("aten::slice"), QStringLiteral("aten::narrow"), QStringLiteral("aten::expand"),
        QStringLiteral("aten::expand_as"),
    };
    return kinds.contains(QString::fromStdString(kind.toQualString()));
}

bool combines(c10::Symbol kind)
{
    return kind == c10::aten::add || kind == c10::aten::add_ || kind == c10::aten::sub || kind == c10::aten::sub_
        || kind == c10::aten::mul || kind == c10::aten::mul_ || kind == c10::aten::div || kind == c10::aten::div_;
}

// The dotted attribute path of a prim::GetAttr chain starting at the module itself, or empty.
QStringList attributePath(Value* value)
{
    QStringList path;
    while (value->node()->kind() == c10::prim::GetAttr) {
        path.prepend(QString::fromStdString(value->node()->s(c10::attr::name)));
        value = value->node()->input(0);
    }
    return value->node()->kind() == c10::prim::Param ? path : QStringList();
}

std::optional<at::Tensor> attributeTensor(const torch::jit::Module& module, const QStringList& path)
{
    torch::jit::Module current = module;
    for (int i = 0; i < path.size(); ++i) {
        const std::string name = path.at(i).toStdString();
        if (!current.hasattr(name))
            return std::nullopt;
        const c10::IValue attribute = current.attr(name);
        if (i + 1 == path.size())
            return attribute.isTensor() ? std::optional<at::Tensor>(attribute.toTensor()) : std::nullopt;
        if (!attribute.isModule())
            return std::nullopt;
        current = attribute.toModule();
    }
    return std::nullopt;
}

// Walks back from a softmax's input through position-keeping ops and collects the module tensors
// added or multiplied in on the way.
std::vector<ScoreParameter> scoreParameters(Node* softmax, int index, const torch::jit::Module& module)
{
    std::vector<ScoreParameter> found;
    std::vector<Value*> pending{softmax->input(0)};
    QSet<Value*> seen;
    while (!pending.empty()) {
        Value* value = pending.back();
        pending.pop_back();
        if (seen.contains(value))
            continue;
        seen.insert(value);
        Node* node = value->node();
        if (node->kind() == c10::prim::GetAttr) {
            const QStringList path = attributePath(value);
            if (const auto tensor = attributeTensor(module, path))
                found.push_back({index, path.join(QLatin1Char('.')), tensor->sizes().vec()});
        } else if (combines(node->kind())) {
            pending.push_back(node->input(0));
            pending.push_back(node->input(1));
        } else if (keepsPositions(node->kind()) && node->inputs().size() >= 1) {
            pending.push_back(node->input(0));
        }
    }
    return found;
}

QString shapeText(const std::vector<int64_t>& shape)
{
    QStringList parts;
    for (int64_t size : shape)
        parts << QString::number(size);
    return parts.join(QChar(0x00D7));
}

bool isRecurrent(c10::Symbol kind)
{
    return kind == c10::aten::lstm || kind == c10::aten::gru || kind == c10::aten::rnn_tanh
        || kind == c10::aten::rnn_relu;
}

// The constant bool argument `name` of a node, when its schema has one and it is constant.
std::optional<bool> constantBool(Node* node, const char* name, bool* hasArgument)
{
    *hasArgument = false;
    const c10::FunctionSchema* schema = node->maybeSchema();
    if (!schema)
        return std::nullopt;
    const auto index = schema->argumentIndexWithName(name);  // c10::optional
    if (!index.has_value() || static_cast<size_t>(*index) >= node->inputs().size())
        return std::nullopt;
    *hasArgument = true;
    const auto value = torch::jit::toIValue(node->input(static_cast<size_t>(*index)));  // c10::optional
    if (!value.has_value() || !value->isBool())
        return std::nullopt;
    return value->toBool();
}

// Recurrent calls and sequence packings, in graph order, inside branches and loops too.
void collectRecurrentCalls(torch::jit::Block* block, std::vector<RecurrentCall>& calls, bool& packs)
{
    for (Node* node : block->nodes()) {
        const c10::Symbol kind = node->kind();
        const QString op = QString::fromStdString(kind.toQualString());
        if (isRecurrent(kind)) {
            bool hasArgument = false;
            const std::optional<bool> batchFirst = constantBool(node, "batch_first", &hasArgument);
            // The .data overloads read a packed sequence: its packing call says the layout.
            calls.push_back({op + (hasArgument ? QString() : QStringLiteral(" (packed)")), batchFirst});
        } else if (op == QLatin1String("aten::_pack_padded_sequence")) {
            bool hasArgument = false;
            calls.push_back({op, constantBool(node, "batch_first", &hasArgument)});
            packs = true;
        }
        for (torch::jit::Block* inner : node->blocks())
            collectRecurrentCalls(inner, calls, packs);
    }
}

std::vector<RecurrentCall> recurrentCalls(torch::jit::Graph& graph)
{
    std::vector<RecurrentCall> calls;
    bool packs = false;
    collectRecurrentCalls(graph.block(), calls, packs);
    // Packed recurrent calls say nothing themselves: with the packing in the graph, it speaks for
    // them; without it, they stay unknown.
    if (packs)
        calls.erase(std::remove_if(calls.begin(), calls.end(),
                                   [](const RecurrentCall& call) { return call.op.endsWith(QLatin1String(" (packed)")); }),
                    calls.end());
    return calls;
}

} // namespace

SoftmaxProbe buildSoftmaxProbe(const torch::jit::Module& module)
{
    SoftmaxProbe probe;
    probe.module = module.clone();
    torch::jit::Method forward = probe.module.get_method("forward");
    std::shared_ptr<torch::jit::Graph> graph = forward.graph();
    torch::jit::Inline(*graph);
    torch::jit::ConstantPropagation(graph);
    torch::jit::EliminateDeadCode(graph);
    probe.recurrentCalls = recurrentCalls(*graph);

    std::vector<Value*> softmaxes;
    for (Node* node : graph->nodes()) {
        if (node->kind() != c10::aten::softmax)
            continue;
        const int index = static_cast<int>(softmaxes.size());
        softmaxes.push_back(node->output());
        const std::optional<c10::IValue> dim = torch::jit::toIValue(node->input(1));
        probe.dims.push_back(dim && dim->isInt() ? dim->toInt() : 0);
        for (ScoreParameter& parameter : scoreParameters(node, index, probe.module))
            probe.scoreParameters.push_back(std::move(parameter));
    }
    for (Node* node : graph->nodes())
        for (torch::jit::Block* block : node->blocks())
            for (Node* inner : block->nodes())
                if (inner->kind() == c10::aten::softmax)
                    ++probe.hiddenCount;
    probe.count = static_cast<int>(softmaxes.size());
    if (softmaxes.empty())
        return probe;

    std::vector<Value*> returned{graph->outputs().at(0)};
    returned.insert(returned.end(), softmaxes.begin(), softmaxes.end());
    torch::jit::WithInsertPoint guard(graph->return_node());
    Node* tuple = graph->insertNode(graph->createTuple(returned));
    graph->eraseOutput(0);
    graph->registerOutput(tuple->output());
    // The method's schema still promises the old return type; the executor checks it.
    torch::jit::GraphFunction& function = torch::jit::toGraphFunction(forward.function());
    function.setSchema(function.getSchema().cloneWithReturns({c10::Argument("", tuple->output()->type())}));
    return probe;
}

QStringList positionalBiasWarnings(const SoftmaxProbe& probe, const std::vector<at::Tensor>& softmaxOutputs)
{
    QStringList warnings;
    for (const ScoreParameter& parameter : probe.scoreParameters) {
        const auto index = static_cast<size_t>(parameter.softmaxIndex);
        if (index >= softmaxOutputs.size())
            continue;
        const int64_t rank = softmaxOutputs[index].dim();
        int64_t dim = probe.dims[index];
        if (dim < 0)
            dim += rank;
        // Broadcasting lines the parameter's axes up with the scores' last axes.
        const auto parameterRank = static_cast<int64_t>(parameter.shape.size());
        const int64_t axis = dim - (rank - parameterRank);
        if (axis < 0 || axis >= parameterRank || parameter.shape[static_cast<size_t>(axis)] <= 1)
            continue;
        const int64_t positions = parameter.shape[static_cast<size_t>(axis)];
        warnings << QCoreApplication::translate("studio", "The attention scores add the learned parameter \"%1\" (%2), which holds one value "
                                                          "per position: a fixed-length positional bias, as in the Keras tutorial layer. The "
                                                          "model only takes inputs of %3 steps (or fewer, if it slices the bias), and part of "
                                                          "each step's weight is fixed by its position, whatever the input says.")
                        .arg(parameter.name, shapeText(parameter.shape))
                        .arg(positions);
    }
    return warnings;
}

} // namespace studio
