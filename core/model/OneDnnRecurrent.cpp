#include "model/OneDnnRecurrent.h"

#include <torch/autograd.h>

#include <oneapi/dnnl/dnnl.hpp>

#include <cstring>
#include <unordered_map>

namespace studio {
namespace {

using dnnl::memory;
using torch::autograd::AutogradContext;
using torch::autograd::variable_list;
using Tag = memory::format_tag;
using Type = memory::data_type;
using Arguments = std::unordered_map<int, memory>;

enum class Cell { Lstm, Gru };

int64_t gateCount(Cell cell) { return cell == Cell::Lstm ? 4 : 3; }

// oneDNN keeps one bias per gate where torch has two (b_ih + b_hh): four blocks for the LSTM, and
// four for the linear-before-reset GRU too, whose b_hn stays apart inside r ⊙ (W_hn h + b_hn).
constexpr int64_t kBiasBlocks = 4;

struct Shape {
    int64_t steps;
    int64_t batch;
    int64_t inputs;
    int64_t units;
};

// One engine for the process; streams are not meant to be shared between threads, so each thread
// that trains or evaluates gets its own.
const dnnl::engine& cpuEngine()
{
    static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

dnnl::stream& threadStream()
{
    thread_local dnnl::stream stream(cpuEngine());
    return stream;
}

memory::desc plain(const memory::dims& dims, Tag tag) { return memory::desc(dims, Type::f32, tag); }

// torch's (G·H, X) weight matrix is oneDNN's ldgoi layout of {1, 1, X, G, H} as it is.
memory::desc userWeights(const Shape& shape, Cell cell, int64_t inner)
{
    return plain({1, 1, inner, gateCount(cell), shape.units}, Tag::ldgoi);
}

struct PrimitiveDescs {
    dnnl::primitive_desc forward;
    dnnl::primitive_desc backward;  // only when asked for
};

// Descriptors and primitives are made anew on every call rather than kept: batch shapes (T, B)
// change with padded text and the last batch of an epoch, and oneDNN's primitive cache (1024
// entries) keeps the costly part, the JIT kernels, per shape. Measured at seed4's shape: a new
// shape costs 0.1-4 ms once; a repeated one about 4 µs for the forward and backward descriptors
// and 2-6 µs for the primitives, against ~12 ms for the step itself.
// The weights' layouts are left to the primitive ("any"); forward and backward want different
// ones. The initial states are given, as zeros, rather than left out: with a zero src_iter
// descriptor oneDNN 2.6.3's unidirectional LSTM backward returns a wrong ∂L/∂W_hh
// (tests/tools/onednn/README.md). The final states are not asked for.
PrimitiveDescs primitiveDescs(Cell cell, dnnl::prop_kind prop, const Shape& shape, bool withBackward)
{
    const auto direction = dnnl::rnn_direction::unidirectional_left2right;
    const memory::desc src = plain({shape.steps, shape.batch, shape.inputs}, Tag::tnc);
    const memory::desc state = plain({1, 1, shape.batch, shape.units}, Tag::ldnc);
    const memory::desc dst = plain({shape.steps, shape.batch, shape.units}, Tag::tnc);
    const memory::desc weightsLayer = plain({1, 1, shape.inputs, gateCount(cell), shape.units}, Tag::any);
    const memory::desc weightsIter = plain({1, 1, shape.units, gateCount(cell), shape.units}, Tag::any);
    const memory::desc bias = plain({1, 1, kBiasBlocks, shape.units}, Tag::ldgo);
    const memory::desc none;
    const dnnl::engine& engine = cpuEngine();
    if (cell == Cell::Lstm) {
        // The cell state has the hidden state's shape: `state` serves for both.
        const dnnl::lstm_forward::primitive_desc forward(
            {prop, direction, src, state, state, weightsLayer, weightsIter, bias, dst, none, none}, engine);
        if (!withBackward)
            return {forward, {}};
        const dnnl::lstm_backward::primitive_desc backward(
            {dnnl::prop_kind::backward, direction, src, state, state, weightsLayer, weightsIter, bias, dst, none, none,
             src, state, state, weightsLayer, weightsIter, bias, dst, none, none},
            engine, forward);
        return {forward, backward};
    }
    const dnnl::lbr_gru_forward::primitive_desc forward(
        {prop, direction, src, state, weightsLayer, weightsIter, bias, dst, none}, engine);
    if (!withBackward)
        return {forward, {}};
    const dnnl::lbr_gru_backward::primitive_desc backward(
        {dnnl::prop_kind::backward, direction, src, state, weightsLayer, weightsIter, bias, dst, none, src, state,
         weightsLayer, weightsIter, bias, dst, none},
        engine, forward);
    return {forward, backward};
}

memory::desc argumentDesc(const dnnl::primitive_desc& pd, int argument)
{
    return pd.query_md(dnnl::query::exec_arg_md, argument);
}

// A tensor's data as oneDNN memory, no copy: the tensor must outlive the primitive's execution.
memory wrap(const memory::desc& desc, const torch::Tensor& tensor)
{
    TORCH_CHECK(tensor.is_contiguous() && static_cast<size_t>(tensor.nbytes()) == desc.get_size(),
                "oneDNN memory and tensor differ in size");
    return memory(desc, cpuEngine(), tensor.data_ptr());
}

memory zeroedMemory(const memory::desc& desc)
{
    memory zeroed(desc, cpuEngine());
    std::memset(zeroed.get_data_handle(), 0, desc.get_size());
    return zeroed;
}

// `source` in the layout the primitive asked for: itself when the layouts agree, otherwise a
// reorder. Done on every call, because training changes the weights after every step.
memory inLayout(memory source, const memory::desc& wanted, dnnl::stream& stream)
{
    if (source.get_desc() == wanted)
        return source;
    memory target(wanted, cpuEngine());
    dnnl::reorder(source, target).execute(stream, source, target);
    return target;
}

// torch stacks a GRU's gates r, z, n, oneDNN u (= z), r, n; swapping the first two blocks turns
// either order into the other. The LSTM's i, f, g, o agree.
torch::Tensor swapGruGates(Cell cell, const torch::Tensor& stacked)
{
    if (cell == Cell::Lstm)
        return stacked.contiguous();
    const auto blocks = stacked.chunk(3, 0);
    return torch::cat({blocks[1], blocks[0], blocks[2]}, 0);
}

// oneDNN's bias (G', H): LSTM b_ih + b_hh; GRU z and r summed, then b_in and b_hn apart.
torch::Tensor oneDnnBias(Cell cell, const torch::Tensor& biasIh, const torch::Tensor& biasHh)
{
    if (cell == Cell::Lstm)
        return (biasIh + biasHh).reshape({kBiasBlocks, -1});
    const auto input = biasIh.chunk(3, 0);
    const auto hidden = biasHh.chunk(3, 0);
    return torch::stack({input[1] + hidden[1], input[0] + hidden[0], input[2], hidden[2]});
}

// The initial states (argument, its gradient): the hidden state, and the LSTM's cell state.
std::vector<std::pair<int, int>> stateArguments(Cell cell)
{
    if (cell == Cell::Lstm)
        return {{DNNL_ARG_SRC_ITER, DNNL_ARG_DIFF_SRC_ITER}, {DNNL_ARG_SRC_ITER_C, DNNL_ARG_DIFF_SRC_ITER_C}};
    return {{DNNL_ARG_SRC_ITER, DNNL_ARG_DIFF_SRC_ITER}};
}

// The initial states, zeros.
void addStates(Cell cell, const dnnl::primitive_desc& pd, Arguments& arguments)
{
    for (const auto& [state, gradient] : stateArguments(cell))
        arguments[state] = zeroedMemory(argumentDesc(pd, state));
}

// The backward's gradients of the initial states, which nothing reads.
void addStateGradients(Cell cell, const dnnl::primitive_desc& pd, Arguments& arguments)
{
    for (const auto& [state, gradient] : stateArguments(cell))
        arguments[gradient] = memory(argumentDesc(pd, gradient), cpuEngine());
}

Shape shapeOf(const torch::Tensor& x, const torch::Tensor& weightHh)
{
    return {x.size(0), x.size(1), x.size(2), weightHh.size(1)};
}

// A layer's weights as oneDNN reads them (gates in its order, biases merged), made once per
// forward and kept for the backward of the same step.
struct OneDnnWeights {
    torch::Tensor layer;  // (G·H, X)
    torch::Tensor iter;   // (G·H, H)
    torch::Tensor bias;   // (4, H)
};

OneDnnWeights oneDnnWeights(Cell cell, const torch::Tensor& weightIh, const torch::Tensor& weightHh,
                            const torch::Tensor& biasIh, const torch::Tensor& biasHh)
{
    return {swapGruGates(cell, weightIh), swapGruGates(cell, weightHh), oneDnnBias(cell, biasIh, biasHh)};
}

// What the forward and the backward primitive both read: the input, the weights in the layout the
// primitive asked for (forward and backward want different ones), the bias, the output and the
// zero initial states.
Arguments sharedArguments(Cell cell, const dnnl::primitive_desc& pd, const Shape& shape, const torch::Tensor& input,
                          const OneDnnWeights& weights, const torch::Tensor& output, dnnl::stream& stream)
{
    Arguments arguments{
        {DNNL_ARG_SRC_LAYER, wrap(argumentDesc(pd, DNNL_ARG_SRC_LAYER), input)},
        {DNNL_ARG_WEIGHTS_LAYER, inLayout(wrap(userWeights(shape, cell, shape.inputs), weights.layer),
                                          argumentDesc(pd, DNNL_ARG_WEIGHTS_LAYER), stream)},
        {DNNL_ARG_WEIGHTS_ITER, inLayout(wrap(userWeights(shape, cell, shape.units), weights.iter),
                                         argumentDesc(pd, DNNL_ARG_WEIGHTS_ITER), stream)},
        {DNNL_ARG_BIAS, wrap(argumentDesc(pd, DNNL_ARG_BIAS), weights.bias)},
        {DNNL_ARG_DST_LAYER, wrap(argumentDesc(pd, DNNL_ARG_DST_LAYER), output)},
    };
    addStates(cell, pd, arguments);
    return arguments;
}

// The forward pass; with `workspace` for training (it receives what the backward reads), without
// for inference. `input` is contiguous (T, B, X).
torch::Tensor runForward(Cell cell, const torch::Tensor& input, const OneDnnWeights& weights, torch::Tensor* workspace)
{
    const Shape shape = shapeOf(input, weights.iter);
    const auto prop = workspace ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
    const dnnl::primitive_desc pd = primitiveDescs(cell, prop, shape, /*withBackward=*/false).forward;
    dnnl::stream& stream = threadStream();

    torch::Tensor output = torch::empty({shape.steps, shape.batch, shape.units}, torch::kFloat);
    Arguments arguments = sharedArguments(cell, pd, shape, input, weights, output, stream);
    if (workspace) {
        // A torch tensor, so that the autograd context keeps it alive until the backward.
        const memory::desc desc = pd.workspace_desc();
        *workspace = torch::empty({static_cast<int64_t>(desc.get_size())}, torch::kUInt8);
        arguments[DNNL_ARG_WORKSPACE] = wrap(desc, *workspace);
    }
    // Made in the thread that runs it: with the library's default (global, per-thread) scratchpad a
    // primitive must run in the thread that created it, and training and evaluation run in workers.
    dnnl::primitive(pd).execute(stream, arguments);
    stream.wait();
    return output;
}

// A weight gradient from the backward primitive's layout back to torch's (G·H, X), gates in torch's
// order.
torch::Tensor torchWeightGradient(Cell cell, memory gradient, const Shape& shape, int64_t inner, dnnl::stream& stream)
{
    torch::Tensor plainGradient = torch::empty({gateCount(cell) * shape.units, inner}, torch::kFloat);
    memory target = wrap(userWeights(shape, cell, inner), plainGradient);
    dnnl::reorder(gradient, target).execute(stream, gradient, target);
    stream.wait();
    return swapGruGates(cell, plainGradient);
}

struct Gradients {
    torch::Tensor input, weightIh, weightHh, biasIh, biasHh;
};

Gradients runBackward(Cell cell, const torch::Tensor& input, const OneDnnWeights& weights, const torch::Tensor& output,
                      const torch::Tensor& workspace, const torch::Tensor& outputGradient)
{
    const Shape shape = shapeOf(input, weights.iter);
    const PrimitiveDescs pds = primitiveDescs(cell, dnnl::prop_kind::forward_training, shape, /*withBackward=*/true);
    const dnnl::primitive_desc& pd = pds.backward;
    dnnl::stream& stream = threadStream();

    const torch::Tensor upstream = outputGradient.to(torch::kFloat).contiguous();
    torch::Tensor inputGradient = torch::empty_like(input);
    // oneDNN adds to the weight and bias gradients: they start from zero.
    torch::Tensor biasGradient = torch::zeros({kBiasBlocks, shape.units}, torch::kFloat);
    const memory layerGradient = zeroedMemory(argumentDesc(pd, DNNL_ARG_DIFF_WEIGHTS_LAYER));
    const memory iterGradient = zeroedMemory(argumentDesc(pd, DNNL_ARG_DIFF_WEIGHTS_ITER));
    Arguments arguments = sharedArguments(cell, pd, shape, input, weights, output, stream);
    arguments[DNNL_ARG_WORKSPACE] = wrap(pd.workspace_desc(), workspace);
    arguments[DNNL_ARG_DIFF_DST_LAYER] = wrap(argumentDesc(pd, DNNL_ARG_DIFF_DST_LAYER), upstream);
    arguments[DNNL_ARG_DIFF_SRC_LAYER] = wrap(argumentDesc(pd, DNNL_ARG_DIFF_SRC_LAYER), inputGradient);
    arguments[DNNL_ARG_DIFF_WEIGHTS_LAYER] = layerGradient;
    arguments[DNNL_ARG_DIFF_WEIGHTS_ITER] = iterGradient;
    arguments[DNNL_ARG_DIFF_BIAS] = wrap(argumentDesc(pd, DNNL_ARG_DIFF_BIAS), biasGradient);
    addStateGradients(cell, pd, arguments);
    dnnl::primitive(pd).execute(stream, arguments);
    stream.wait();

    Gradients gradients;
    gradients.input = inputGradient;
    gradients.weightIh = torchWeightGradient(cell, layerGradient, shape, shape.inputs, stream);
    gradients.weightHh = torchWeightGradient(cell, iterGradient, shape, shape.units, stream);
    if (cell == Cell::Lstm) {
        // Both biases enter as one sum, so each gets the sum's gradient.
        gradients.biasIh = biasGradient.reshape({-1});
        gradients.biasHh = gradients.biasIh.clone();
    } else {
        // Blocks z, r, n (input side), n (hidden side): r and z are sums of both sides.
        const auto blocks = biasGradient.unbind(0);
        gradients.biasIh = torch::cat({blocks[1], blocks[0], blocks[2]});
        gradients.biasHh = torch::cat({blocks[1], blocks[0], blocks[3]});
    }
    return gradients;
}

template <Cell kCell>
struct OneDnnLayer : public torch::autograd::Function<OneDnnLayer<kCell>> {
    static torch::Tensor forward(AutogradContext* context, const torch::Tensor& x, const torch::Tensor& weightIh,
                                 const torch::Tensor& weightHh, const torch::Tensor& biasIh, const torch::Tensor& biasHh)
    {
        const torch::Tensor input = x.contiguous();
        const OneDnnWeights weights = oneDnnWeights(kCell, weightIh, weightHh, biasIh, biasHh);
        torch::Tensor workspace;
        torch::Tensor output = runForward(kCell, input, weights, &workspace);
        // The weights as oneDNN reads them are kept rather than made again for the backward.
        // Saved as variables, so autograd's version check still catches a weight changed in
        // place before the backward (the LSTM's are the parameters themselves), and the
        // workspace goes when the graph is freed.
        context->save_for_backward({input, output, weights.layer, weights.iter, weights.bias, workspace});
        return output;
    }

    static variable_list backward(AutogradContext* context, variable_list outputGradients)
    {
        // The backward is written by hand, not in differentiable ops: no second derivative.
        TORCH_CHECK(!torch::GradMode::is_enabled(), "oneDNN recurrent layer: no double backward (create_graph)");
        const variable_list saved = context->get_saved_variables();
        const torch::Tensor& output = saved[1];
        const torch::Tensor upstream = outputGradients[0].defined() ? outputGradients[0] : torch::zeros_like(output);
        const OneDnnWeights weights{saved[2], saved[3], saved[4]};
        const Gradients g = runBackward(kCell, saved[0], weights, output, saved[5], upstream);
        return {g.input, g.weightIh, g.weightHh, g.biasIh, g.biasHh};
    }
};

template <Cell kCell>
torch::Tensor runLayer(const torch::Tensor& x, const torch::Tensor& weightIh, const torch::Tensor& weightHh,
                       const torch::Tensor& biasIh, const torch::Tensor& biasHh)
{
    TORCH_CHECK(x.dim() == 3 && x.size(0) > 0 && x.size(1) > 0, "oneDNN recurrent layer: x must be (T, B, I)");
    for (const torch::Tensor* t : {&x, &weightIh, &weightHh, &biasIh, &biasHh})
        TORCH_CHECK(t->scalar_type() == torch::kFloat && t->device().is_cpu(), "oneDNN recurrent layer: float32 CPU only");
    const bool needsGradient = torch::GradMode::is_enabled()
        && (x.requires_grad() || weightIh.requires_grad() || weightHh.requires_grad() || biasIh.requires_grad()
            || biasHh.requires_grad());
    if (!needsGradient)  // evaluation: forward_inference, nothing kept
        return runForward(kCell, x.contiguous(), oneDnnWeights(kCell, weightIh, weightHh, biasIh, biasHh),
                          /*workspace=*/nullptr);
    return OneDnnLayer<kCell>::apply(x, weightIh, weightHh, biasIh, biasHh);
}

} // namespace

torch::Tensor lstmOneDnn(const torch::Tensor& x, const torch::Tensor& weightIh, const torch::Tensor& weightHh,
                         const torch::Tensor& biasIh, const torch::Tensor& biasHh)
{
    return runLayer<Cell::Lstm>(x, weightIh, weightHh, biasIh, biasHh);
}

torch::Tensor gruOneDnn(const torch::Tensor& x, const torch::Tensor& weightIh, const torch::Tensor& weightHh,
                        const torch::Tensor& biasIh, const torch::Tensor& biasHh)
{
    return runLayer<Cell::Gru>(x, weightIh, weightHh, biasIh, biasHh);
}

} // namespace studio
