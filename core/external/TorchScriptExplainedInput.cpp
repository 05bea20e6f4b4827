#include "external/TorchScriptExplainedInput.h"

#include "common/StudioError.h"
#include "external/ScriptOutputs.h"

#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/passes/constant_propagation.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <ATen/Functions.h>

#include <QSet>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

using torch::jit::Graph;
using torch::jit::Node;
using torch::jit::Value;

// A batch is trusted when each row of it gives what that row gives alone, to float noise: a
// model written for one example that mixes the rows (a view over the whole batch) is off by far more.
constexpr double kRowAgreement = 1e-4;

// The forward graph as the softmax probe sees it (external/SoftmaxProbe: inlined, constants
// folded, dead code dropped), so that its top-level softmaxes come in the probe's order and
// run()'s candidate index names the same one. A copy: the module's own method is left untouched.
std::shared_ptr<Graph> inlinedForward(const torch::jit::Module& module)
{
    std::shared_ptr<Graph> graph = module.get_method("forward").graph()->copy();
    torch::jit::Inline(*graph);
    torch::jit::ConstantPropagation(graph);
    torch::jit::EliminateDeadCode(graph);
    return graph;
}

std::vector<Node*> topLevel(Graph& graph, c10::Symbol kind)
{
    std::vector<Node*> nodes;
    for (Node* node : graph.nodes())
        if (node->kind() == kind)
            nodes.push_back(node);
    return nodes;
}

// Ops that pass the ids on as ids (a dtype, a copy, a reshape): an embedding reached through them
// reads the input.
bool passesIdsOn(c10::Symbol kind)
{
    static const QSet<QString> kinds{
        QStringLiteral("aten::to"), QStringLiteral("aten::long"), QStringLiteral("aten::contiguous"),
        QStringLiteral("aten::clone"), QStringLiteral("aten::detach"), QStringLiteral("aten::transpose"),
        QStringLiteral("aten::t"), QStringLiteral("aten::permute"), QStringLiteral("aten::view"),
        QStringLiteral("aten::reshape"), QStringLiteral("aten::squeeze"), QStringLiteral("aten::unsqueeze"),
        QStringLiteral("aten::type_as"),
    };
    return kinds.contains(QString::fromStdString(kind.toQualString()));
}

bool readsIds(Value* value, Value* ids)
{
    while (value != ids && passesIdsOn(value->node()->kind()) && value->node()->inputs().size() >= 1)
        value = value->node()->input(0);
    return value == ids;
}

// Which top-level aten::embedding gives eₜ: the one reading the ids, or the only one there is.
size_t embeddingIndex(Graph& graph, const QString& name)
{
    const std::vector<Node*> embeddings = topLevel(graph, c10::aten::embedding);
    if (embeddings.empty())
        throw StudioError(QStringLiteral("%1 reads token ids, but its forward graph has no aten::embedding call (an "
                                         "nn.Embedding) outside loops and branches, so there are no per-step inputs to "
                                         "attribute to: give the ids to an nn.Embedding first.").arg(name));
    std::vector<size_t> reading;
    for (size_t i = 0; i < embeddings.size(); ++i)
        if (readsIds(embeddings[i]->input(1), graph.inputs().at(1)))
            reading.push_back(i);
    if (reading.size() == 1)
        return reading.front();
    if (reading.empty() && embeddings.size() == 1)
        return 0;
    throw StudioError(QStringLiteral("%1 has %2 aten::embedding calls in its forward graph and %3 of them read the input "
                                     "ids, so which output is the tokens' embedding cannot be told.")
                          .arg(name)
                          .arg(embeddings.size())
                          .arg(reading.empty() ? QStringLiteral("none") : QString::number(reading.size())));
}

void returnOnly(Graph& graph, const std::vector<Value*>& values)
{
    while (!graph.outputs().empty())
        graph.eraseOutput(0);
    if (values.size() == 1) {
        graph.registerOutput(values.front());
    } else {
        torch::jit::WithInsertPoint guard(graph.return_node());
        graph.registerOutput(graph.insertNode(graph.createTuple(values))->output());
    }
    torch::jit::EliminateDeadCode(graph.block());
}

QString shapeText(at::IntArrayRef sizes)
{
    QStringList parts;
    for (int64_t s : sizes)
        parts << QString::number(s);
    return parts.join(QChar(0x00D7));
}

bool agrees(const torch::Tensor& a, const torch::Tensor& b)
{
    const torch::Tensor x = a.detach().to(torch::kDouble);
    const torch::Tensor y = b.detach().to(torch::kDouble);
    return x.sizes() == y.sizes() && ((x - y).abs() <= kRowAgreement * (1.0 + y.abs())).all().item<bool>();
}

} // namespace

TorchScriptExplainedInput::TorchScriptExplainedInput(TorchScriptExplainSetup setup) : m_setup(std::move(setup))
{
    const std::shared_ptr<Graph> forward = inlinedForward(m_setup.module);
    const std::vector<Node*> softmaxes = topLevel(*forward, c10::aten::softmax);
    m_graphAttention = m_setup.source == AttentionSource::Graph && m_setup.candidate >= 0
        && static_cast<size_t>(m_setup.candidate) < softmaxes.size();

    std::shared_ptr<Graph> fromSteps = forward->copy();  // copies keep the nodes' order
    std::vector<Value*> returned{fromSteps->outputs().at(0)};
    if (m_graphAttention)
        returned.push_back(topLevel(*fromSteps, c10::aten::softmax)[static_cast<size_t>(m_setup.candidate)]->output());
    if (!m_setup.series) {
        const size_t index = embeddingIndex(*forward, m_setup.name);
        std::shared_ptr<Graph> embedding = forward->copy();
        returnOnly(*embedding, {topLevel(*embedding, c10::aten::embedding)[index]->output()});
        m_embedding = std::make_shared<torch::jit::GraphFunction>("explained_embedding", embedding, nullptr);

        Value* e = fromSteps->addInput("step_inputs");
        e->setType(c10::TensorType::get());
        topLevel(*fromSteps, c10::aten::embedding)[index]->output()->replaceAllUsesWith(e);
    }
    returnOnly(*fromSteps, returned);
    m_fromSteps = std::make_shared<torch::jit::GraphFunction>("explained_forward", fromSteps, nullptr);

    if (!m_setup.series) {
        // Which layout the embedding gives is read from its output: the model may transpose the
        // ids before embedding them.
        torch::NoGradGuard noGradients;
        const torch::Tensor raw = call([&] { return (*m_embedding)({m_setup.module._ivalue(), m_setup.input}); },
                                       m_setup.input).toTensor();
        const int64_t t = steps();
        if (raw.dim() != 3 || !((raw.size(0) == 1 && raw.size(1) == t) || (raw.size(0) == t && raw.size(1) == 1)))
            throw StudioError(QStringLiteral("The embedding in %1 gives a tensor of shape %2 for %3 ids, not one vector "
                                             "per id (1×%3×E or %3×1×E).").arg(m_setup.name, shapeText(raw.sizes())).arg(t));
        m_embeddingTimeMajor = t > 1 ? raw.size(0) == t : m_setup.timeMajor;
    }
    // The attention is read per row only when, for one example, it is one distribution over the
    // steps: T values, every other axis of size 1 (not self-attention's T×T, not per feature).
    torch::NoGradGuard noGradients;
    const ScriptOutputs one = runFromSteps(stepInputs(), 0, 1);
    if (one.attention && one.attention->numel() == steps()) {
        const auto sizes = one.attention->sizes();
        if (std::count_if(sizes.begin(), sizes.end(), [](int64_t size) { return size > 1; }) <= 1)
            m_weightsShape = sizes.vec();
    }
}

int64_t TorchScriptExplainedInput::steps() const
{
    return m_setup.input.size(m_setup.timeMajor ? 0 : 1);
}

c10::IValue TorchScriptExplainedInput::call(const std::function<c10::IValue()>& run, const torch::Tensor& shown) const
{
    try {
        return run();
    } catch (const c10::Error& e) {
        const QString what = QString::fromUtf8(e.what_without_backtrace()).trimmed();
        throw StudioError(QStringLiteral("The model in %1 failed on an input of shape %2: %3")
                              .arg(m_setup.name, shapeText(shown.sizes()), what.section(QLatin1Char('\n'), 0, 0)));
    } catch (const std::exception& e) {
        // The interpreter rethrows errors raised inside the model with the TorchScript traceback;
        // its last line says what went wrong.
        const QString all = QString::fromUtf8(e.what()).trimmed();
        throw StudioError(QStringLiteral("The model in %1 failed on an input of shape %2: %3")
                              .arg(m_setup.name, shapeText(shown.sizes()), all.section(QLatin1Char('\n'), -1).trimmed()));
    }
}

torch::Tensor TorchScriptExplainedInput::embed(const torch::Tensor& ids) const
{
    torch::NoGradGuard noGradients;
    torch::Tensor e = call([&] { return (*m_embedding)({m_setup.module._ivalue(), ids}); }, ids).toTensor();
    if (m_embeddingTimeMajor)
        e = e.transpose(0, 1);
    return e.contiguous().detach();
}

torch::Tensor TorchScriptExplainedInput::stepInputs()
{
    if (m_setup.series)
        return (m_setup.timeMajor ? m_setup.input.transpose(0, 1) : m_setup.input).contiguous().detach();
    return embed(m_setup.input);
}

torch::Tensor TorchScriptExplainedInput::baseline()
{
    if (m_setup.series)
        return torch::zeros_like(stepInputs());
    return embed(torch::full_like(m_setup.input, m_setup.padId));
}

torch::Tensor TorchScriptExplainedInput::idsRows(const torch::Tensor& appIds) const
{
    return m_setup.timeMajor ? appIds.transpose(0, 1).contiguous() : appIds.contiguous();
}

ScriptOutputs TorchScriptExplainedInput::runFromSteps(const torch::Tensor& e, int64_t first, int64_t count) const
{
    const torch::Tensor rows = e.narrow(0, first, count);
    std::vector<c10::IValue> arguments{m_setup.module._ivalue()};
    torch::Tensor shown;
    if (m_setup.series) {
        shown = m_setup.timeMajor ? rows.transpose(0, 1) : rows;
    } else {
        const torch::Tensor appIds = (m_setup.timeMajor ? m_setup.input.transpose(0, 1) : m_setup.input).expand({count, steps()});
        arguments.emplace_back(idsRows(appIds));
        shown = m_embeddingTimeMajor ? rows.transpose(0, 1) : rows;
    }
    arguments.emplace_back(shown);
    const c10::IValue out = call([&] { return (*m_fromSteps)(arguments); }, shown);

    // The variant returns (the model's output, the chosen softmax) when the attention is found in
    // the graph; else what the model returns, whose attention counts only when run() took it.
    ScriptOutputs outputs = splitOutputs(m_graphAttention ? out.toTupleRef().elements().at(0) : out);
    if (m_graphAttention)
        outputs.attention = out.toTupleRef().elements().at(1).toTensor();
    else if (m_setup.source != AttentionSource::Output)
        outputs.attention.reset();
    if (!outputs.prediction)
        throw StudioError(QStringLiteral("The model in %1 returns no tensor to explain.").arg(m_setup.name));
    return outputs;
}

ExplainedPass TorchScriptExplainedInput::passFromSteps(const torch::Tensor& e, int64_t first, int64_t count) const
{
    const ScriptOutputs outputs = runFromSteps(e, first, count);
    ExplainedPass pass;
    pass.prediction = predictionRows(*outputs.prediction, count);
    if (outputs.attention)
        pass.weights = weightRows(*outputs.attention, count);
    return pass;
}

torch::Tensor TorchScriptExplainedInput::predictionRows(const torch::Tensor& raw, int64_t count) const
{
    const int64_t n = m_setup.outputs;
    if (raw.numel() != count * n)
        return {};
    if (count == 1 || raw.size(0) == count)
        return raw.reshape({count, n});
    if (m_setup.timeMajor && raw.dim() >= 2 && raw.size(1) == count)
        return raw.transpose(0, 1).reshape({count, n});
    return {};
}

// (count, T) from the attention of `count` examples, when the attention of one example is one
// distribution over the steps (T values, every other axis of size 1) and the batch sits on the
// one axis that was 1 and is `count` now.
torch::Tensor TorchScriptExplainedInput::weightRows(const torch::Tensor& raw, int64_t count) const
{
    const int64_t t = steps();
    if (m_weightsShape.empty() || raw.numel() != count * t)
        return {};
    if (count == 1)
        return raw.reshape({1, t});
    if (raw.dim() != static_cast<int64_t>(m_weightsShape.size()))
        return {};
    int64_t batchAxis = -1;
    for (int64_t axis = 0; axis < raw.dim(); ++axis) {
        const int64_t one = m_weightsShape[static_cast<size_t>(axis)];
        if (raw.size(axis) == one)
            continue;
        if (one != 1 || raw.size(axis) != count || batchAxis >= 0)
            return {};
        batchAxis = axis;
    }
    return batchAxis < 0 ? torch::Tensor() : raw.movedim(batchAxis, 0).reshape({count, t});
}

ExplainedPass TorchScriptExplainedInput::rowByRow(int64_t rows, const RowsPass& pass)
{
    std::vector<torch::Tensor> predictions;
    std::vector<torch::Tensor> weights;
    for (int64_t row = 0; row < rows; ++row) {
        ExplainedPass one = pass(row, 1);
        if (!one.prediction.defined())
            throw StudioError(QStringLiteral("The model in %1 returns %2 values for one example where it returned %3 before.")
                                  .arg(m_setup.name).arg(one.prediction.numel()).arg(m_setup.outputs));
        predictions.push_back(one.prediction);
        weights.push_back(one.weights);
    }
    ExplainedPass all;
    all.prediction = torch::cat(predictions);
    if (std::all_of(weights.begin(), weights.end(), [](const torch::Tensor& w) { return w.defined(); }))
        all.weights = torch::cat(weights);
    return all;
}

// One batch when the model runs batches as it runs rows, else row by row. The first batch of
// several is checked on its first and last rows (without gradients): a model written for one
// example can fail on a batch, or run it and mix the examples.
ExplainedPass TorchScriptExplainedInput::inRows(int64_t rows, const RowsPass& pass)
{
    if (rows == 1 || m_rowByRow)
        return rowByRow(rows, pass);
    ExplainedPass batch;
    try {
        batch = pass(0, rows);
    } catch (const StudioError&) {
        batch = {};
    }
    bool trusted = batch.prediction.defined();
    if (trusted && !m_batchChecked) {
        torch::NoGradGuard noGradients;
        for (int64_t row : {int64_t{0}, rows - 1}) {
            const ExplainedPass one = pass(row, 1);
            trusted = trusted && one.prediction.defined() && agrees(batch.prediction[row], one.prediction[0]);
        }
        m_batchChecked = true;
    }
    if (trusted)
        return batch;
    m_rowByRow = true;
    return rowByRow(rows, pass);
}

ExplainedPass TorchScriptExplainedInput::forward(const torch::Tensor& e)
{
    if (e.dim() != 3 || e.size(1) != steps())
        throw StudioError(QStringLiteral("Step inputs for %1 must be B×%2×E, not %3.")
                              .arg(m_setup.name).arg(steps()).arg(shapeText(e.sizes())));
    return inRows(e.size(0), [&](int64_t first, int64_t count) { return passFromSteps(e, first, count); });
}

ExplainedPass TorchScriptExplainedInput::originalModel(const torch::Tensor& modelInput, int64_t count) const
{
    const c10::IValue out = call([&] { return m_setup.module.get_method("forward")({modelInput}); }, modelInput);
    const ScriptOutputs outputs = splitOutputs(out);
    if (!outputs.prediction)
        throw StudioError(QStringLiteral("The model in %1 returns no tensor to explain.").arg(m_setup.name));
    ExplainedPass pass;
    pass.prediction = predictionRows(*outputs.prediction, count);
    return pass;
}

torch::Tensor TorchScriptExplainedInput::predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements)
{
    const auto rows = static_cast<int64_t>(replacements.size());
    if (rows == 0)
        return torch::zeros({0, m_setup.outputs});
    torch::NoGradGuard noGradients;
    const int64_t t = steps();
    // The copies, (B, T) ids or (B, T, F) values, batch-first until they are fed.
    const torch::Tensor one = m_setup.timeMajor ? m_setup.input.transpose(0, 1) : m_setup.input;
    std::vector<int64_t> sizes = one.sizes().vec();
    sizes[0] = rows;
    torch::Tensor copies = one.expand(sizes).clone();
    for (int64_t row = 0; row < rows; ++row)
        for (size_t step : replacements[static_cast<size_t>(row)]) {
            if (static_cast<int64_t>(step) >= t)
                throw StudioError(QStringLiteral("Step %1 is past the %2 steps of the input to %3.")
                                      .arg(step).arg(t).arg(m_setup.name));
            copies[row][static_cast<int64_t>(step)].fill_(m_setup.series ? 0 : m_setup.padId);
        }
    return inRows(rows, [&](int64_t first, int64_t count) {
               const torch::Tensor part = copies.narrow(0, first, count);
               return originalModel((m_setup.timeMajor ? part.transpose(0, 1) : part).contiguous(), count);
           }).prediction;
}

QString TorchScriptExplainedInput::interventionsUnavailable() const
{
    return QStringLiteral("the file's attention is computed inside its own graph, where the app cannot swap the weights "
                          "and keep the states");
}

torch::Tensor TorchScriptExplainedInput::predictionWithWeights(const torch::Tensor&, const torch::Tensor&)
{
    throw StudioError(QStringLiteral("The attention of %1 cannot be replaced: %2.").arg(m_setup.name, interventionsUnavailable()));
}

} // namespace studio
