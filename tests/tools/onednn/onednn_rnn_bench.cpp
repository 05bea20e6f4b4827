// onednn_rnn_bench: oneDNN's RNN primitives (LSTM, linear-before-reset GRU, vanilla tanh RNN)
// against LibTorch's own torch::nn::LSTM / GRU / RNN and against the app's own recurrent loop
// (core/model/RecurrentThroughTime, LSTM and GRU only), forward and backward, uni- and
// bidirectional, on the shapes of the app's "seed4" model (issue 12: measure oneDNN before
// writing recurrent kernels by hand; now that the loop exists, measure what oneDNN would still
// buy over it). Figures go to docs/BENCHMARKS.md.
//
// All three get the same random weights: PyTorch's parameters are converted once into
// oneDNN's plain "user" layouts (ldgoi weights, ldgo bias); oneDNN then reorders them into
// whatever layout its primitive picked. That reorder is timed on every call, because in
// training the weights change after every optimizer step (it is also reported separately).
// The app's loop gets copies of PyTorch's parameters as they are.
//
// The program first checks that oneDNN and the app's loop compute what LibTorch computes
// (PASS/FAIL lines, nonzero exit on any FAIL), then times the cases. See README.md for how to
// build and run it.

#include "model/RecurrentThroughTime.h" // core/, compiled into this program (see CMakeLists.txt)

#include <oneapi/dnnl/dnnl.hpp>
#include <torch/torch.h>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using Dt = memory::data_type;

// ---------------------------------------------------------------------------------------------
// Problem description

enum class Cell { Lstm, Gru, Rnn };

const char* cellName(Cell cell)
{
    switch (cell) {
    case Cell::Lstm: return "LSTM";
    case Cell::Gru: return "GRU";
    case Cell::Rnn: return "RNN";
    }
    return "?";
}

// Gate blocks in the weight matrices (both libraries agree on the count).
int64_t gateCount(Cell cell)
{
    switch (cell) {
    case Cell::Lstm: return 4;
    case Cell::Gru: return 3;
    case Cell::Rnn: return 1;
    }
    return 0;
}

// Bias blocks in oneDNN: linear-before-reset GRU keeps b_hn apart (it sits inside r ⊙ (...)).
int64_t biasGateCount(Cell cell)
{
    return cell == Cell::Gru ? 4 : gateCount(cell);
}

struct Shape {
    int64_t T; // time steps
    int64_t N; // batch
    int64_t I; // input features
    int64_t H; // hidden units per direction
    bool bidirectional;
    int64_t dirs() const { return bidirectional ? 2 : 1; }
};

// Multiply-adds of the forward GEMMs (input and recurrent), ×2 for flops; the element-wise
// gate work is left out. Backward is counted as twice the forward.
double forwardFlops(Cell cell, const Shape& s)
{
    return 2.0 * double(s.N) * double(s.I + s.H) * double(gateCount(cell)) * double(s.H) * double(s.T) *
           double(s.dirs());
}

// ---------------------------------------------------------------------------------------------
// LibTorch side

class TorchRnn {
public:
    TorchRnn(Cell cell, const Shape& s) : m_cell(cell)
    {
        switch (cell) {
        case Cell::Lstm:
            m_lstm = torch::nn::LSTM(torch::nn::LSTMOptions(s.I, s.H).bidirectional(s.bidirectional));
            m_module = m_lstm.ptr();
            break;
        case Cell::Gru:
            m_gru = torch::nn::GRU(torch::nn::GRUOptions(s.I, s.H).bidirectional(s.bidirectional));
            m_module = m_gru.ptr();
            break;
        case Cell::Rnn:
            m_rnn = torch::nn::RNN(
                torch::nn::RNNOptions(s.I, s.H).nonlinearity(torch::kTanh).bidirectional(s.bidirectional));
            m_module = m_rnn.ptr();
            break;
        }
    }

    // x is (T, N, I) (batch_first = false); returns (T, N, D·H) = [forward ; backward].
    torch::Tensor forward(const torch::Tensor& x)
    {
        switch (m_cell) {
        case Cell::Lstm: return std::get<0>(m_lstm->forward(x));
        case Cell::Gru: return std::get<0>(m_gru->forward(x));
        case Cell::Rnn: return std::get<0>(m_rnn->forward(x));
        }
        return {};
    }

    torch::Tensor param(const std::string& name) const { return m_module->named_parameters()[name]; }
    void zeroGrad() { m_module->zero_grad(); }
    Cell cell() const { return m_cell; }

private:
    Cell m_cell;
    torch::nn::LSTM m_lstm{nullptr};
    torch::nn::GRU m_gru{nullptr};
    torch::nn::RNN m_rnn{nullptr};
    std::shared_ptr<torch::nn::Module> m_module;
};

// PyTorch stacks a GRU's gates as [r, z, n], oneDNN as [u (= z), r, n]; LSTM (i, f, g, o) and
// the single-gate RNN already agree.
torch::Tensor toDnnlGateOrder(const torch::Tensor& t, Cell cell)
{
    if (cell != Cell::Gru)
        return t;
    auto g = t.chunk(3, 0);
    return torch::cat({g[1], g[0], g[2]}, 0);
}

std::string paramName(const char* kind, int64_t dir)
{
    return std::string(kind) + "_l0" + (dir == 1 ? "_reverse" : "");
}

// "weight_ih" or "weight_hh" of every direction as (D, G·H, X), contiguous: PyTorch's (G·H, X)
// matrix per direction is exactly oneDNN's ldgoi layout of dims {1, D, X, G, H}.
// With fromGrad, the same arrangement of the parameters' gradients.
torch::Tensor dnnlWeights(const TorchRnn& m, const char* kind, int64_t dirs, bool fromGrad)
{
    std::vector<torch::Tensor> perDir;
    for (int64_t d = 0; d < dirs; ++d) {
        torch::Tensor p = m.param(paramName(kind, d));
        perDir.push_back(toDnnlGateOrder(fromGrad ? p.grad() : p.detach(), m.cell()));
    }
    return torch::stack(perDir).contiguous();
}

// oneDNN's bias (D, Gb, H), ldgo. oneDNN has one bias per gate where PyTorch has two
// (b_ih + b_hh), except the GRU's b_hn. With fromGrad: the gradient of a summed bias is the
// gradient of either term, so the input-side gradient stands for both.
torch::Tensor dnnlBias(const TorchRnn& m, int64_t dirs, bool fromGrad)
{
    std::vector<torch::Tensor> perDir;
    for (int64_t d = 0; d < dirs; ++d) {
        torch::Tensor bih = m.param(paramName("bias_ih", d));
        torch::Tensor bhh = m.param(paramName("bias_hh", d));
        bih = fromGrad ? bih.grad() : bih.detach();
        bhh = fromGrad ? bhh.grad() : bhh.detach();
        torch::Tensor b;
        if (m.cell() == Cell::Gru) {
            auto i = bih.chunk(3, 0);
            auto h = bhh.chunk(3, 0);
            b = fromGrad ? torch::cat({i[1], i[0], i[2], h[2]})
                         : torch::cat({i[1] + h[1], i[0] + h[0], i[2], h[2]});
        } else {
            b = fromGrad ? bih : bih + bhh;
        }
        perDir.push_back(b.reshape({biasGateCount(m.cell()), -1}));
    }
    return torch::stack(perDir).contiguous();
}

// ---------------------------------------------------------------------------------------------
// The app's own loop

// core/model/RecurrentThroughTime driven exactly as SequenceEncoderImpl::runThroughTime drives it
// for unpadded sequences: per direction the input projection of all steps as one addmm in the
// autograd graph (b_hh folded in for the LSTM, kept apart for the GRU's candidate), then the
// hand-written loop; the backward direction reads the steps flipped and its outputs are flipped
// back. The time-major input is the caller's, as for the other two contenders.
class LoopRnn {
public:
    // Copies of `source`'s parameters, as leaves of their own: LibTorch's gradients and ours then
    // stay apart, and the check can compare them.
    LoopRnn(const TorchRnn& source, int64_t dirs) : m_cell(source.cell()), m_dirs(dirs)
    {
        TORCH_CHECK(m_cell != Cell::Rnn, "the app has no vanilla-RNN loop");
        for (int64_t d = 0; d < dirs; ++d)
            for (const char* kind : {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) {
                const std::string name = paramName(kind, d);
                m_params[name] = source.param(name).detach().clone().requires_grad_(true);
            }
    }

    // x is (T, N, I); returns (T, N, D·H) = [forward ; backward], as TorchRnn::forward.
    torch::Tensor forward(const torch::Tensor& x) const
    {
        torch::Tensor out = runDirection(0, x);
        if (m_dirs == 2)
            out = torch::cat({out, runDirection(1, x.flip(0)).flip(0)}, /*dim=*/2);
        return out;
    }

    // Same names as TorchRnn's, so that checks read both alike.
    torch::Tensor param(const std::string& name) const { return m_params.at(name); }

    // In place, as torch::nn::Module::zero_grad(set_to_none = false) does for LibTorch's column.
    void zeroGrad()
    {
        for (auto& [name, p] : m_params)
            if (p.grad().defined())
                p.mutable_grad().zero_();
    }

private:
    torch::Tensor runDirection(int64_t d, const torch::Tensor& x) const
    {
        const int64_t T = x.size(0), N = x.size(1);
        const torch::Tensor wIh = param(paramName("weight_ih", d));
        const torch::Tensor wHh = param(paramName("weight_hh", d));
        const torch::Tensor bIh = param(paramName("bias_ih", d));
        const torch::Tensor bHh = param(paramName("bias_hh", d));
        const torch::Tensor projected = torch::addmm(bIh, x.reshape({T * N, x.size(2)}), wIh.t());
        if (m_cell == Cell::Lstm)
            return studio::lstmThroughTime((projected + bHh).reshape({T, N, -1}), wHh);
        return studio::gruThroughTime(projected.reshape({T, N, -1}), wHh, bHh);
    }

    Cell m_cell;
    int64_t m_dirs;
    std::map<std::string, torch::Tensor> m_params;
};

// ---------------------------------------------------------------------------------------------
// oneDNN side

struct PrimitiveDescs {
    dnnl::primitive_desc forward;
    dnnl::primitive_desc backward; // empty for inference
};

// The logical descriptors shared by forward and backward. The final states are left as zero
// descriptors (oneDNN then does not write them). The initial states are given explicitly and
// held at zero: with a zero src_iter descriptor, oneDNN 2.6's unidirectional LSTM and vanilla
// RNN backward return a wrong diff_weights_iter (nonzero even for T = 1, where it must be 0).
struct LogicalDescs {
    memory::desc src, srcIter, dst, weightsLayer, weightsIter, bias;
};

LogicalDescs logicalDescs(Cell cell, const Shape& s)
{
    const int64_t D = s.dirs(), G = gateCount(cell);
    return {memory::desc({s.T, s.N, s.I}, Dt::f32, Tag::tnc),
            memory::desc({1, D, s.N, s.H}, Dt::f32, Tag::ldnc),
            memory::desc({s.T, s.N, D * s.H}, Dt::f32, Tag::tnc),
            memory::desc({1, D, s.I, G, s.H}, Dt::f32, Tag::any),
            memory::desc({1, D, s.H, G, s.H}, Dt::f32, Tag::any),
            memory::desc({1, D, biasGateCount(cell), s.H}, Dt::f32, Tag::ldgo)};
}

// One function per cell: the three primitive families take different argument lists (LSTM has
// the cell state, the vanilla RNN an activation), and backward needs its own forward as hint.
// Backward takes the forward's descriptors, then the same again for their gradients.
PrimitiveDescs lstmDescs(const dnnl::engine& eng, dnnl::prop_kind prop, dnnl::rnn_direction dir,
                         const LogicalDescs& d)
{
    const memory::desc none;
    dnnl::lstm_forward::primitive_desc fwd(
        // The cell state c has the hidden state's shape, so srcIter serves for both.
        {prop, dir, d.src, d.srcIter, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst, none, none},
        eng);
    if (prop == dnnl::prop_kind::forward_inference)
        return {fwd, {}};
    // clang-format off
    dnnl::lstm_backward::primitive_desc bwd(
        {dnnl::prop_kind::backward, dir,
         d.src, d.srcIter, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst, none, none,
         d.src, d.srcIter, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst, none, none},
        eng, fwd);
    // clang-format on
    return {fwd, bwd};
}

PrimitiveDescs gruDescs(const dnnl::engine& eng, dnnl::prop_kind prop, dnnl::rnn_direction dir,
                        const LogicalDescs& d)
{
    const memory::desc none;
    dnnl::lbr_gru_forward::primitive_desc fwd(
        {prop, dir, d.src, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst, none}, eng);
    if (prop == dnnl::prop_kind::forward_inference)
        return {fwd, {}};
    dnnl::lbr_gru_backward::primitive_desc bwd(
        {dnnl::prop_kind::backward, dir, d.src, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst, none,
         d.src, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst, none},
        eng, fwd);
    return {fwd, bwd};
}

PrimitiveDescs rnnDescs(const dnnl::engine& eng, dnnl::prop_kind prop, dnnl::rnn_direction dir,
                        const LogicalDescs& d)
{
    const memory::desc none;
    const auto tanh = dnnl::algorithm::eltwise_tanh;
    dnnl::vanilla_rnn_forward::primitive_desc fwd(
        {prop, tanh, dir, d.src, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst, none}, eng);
    if (prop == dnnl::prop_kind::forward_inference)
        return {fwd, {}};
    dnnl::vanilla_rnn_backward::primitive_desc bwd(
        {dnnl::prop_kind::backward, tanh, dir, d.src, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst,
         none, d.src, d.srcIter, d.weightsLayer, d.weightsIter, d.bias, d.dst, none},
        eng, fwd);
    return {fwd, bwd};
}

PrimitiveDescs makeDescs(const dnnl::engine& eng, Cell cell, dnnl::prop_kind prop, const Shape& s)
{
    // bidirectional_concat: output channels are [left-to-right ; right-to-left], as in PyTorch.
    const auto dir = s.bidirectional ? dnnl::rnn_direction::bidirectional_concat
                                     : dnnl::rnn_direction::unidirectional_left2right;
    const LogicalDescs d = logicalDescs(cell, s);
    switch (cell) {
    case Cell::Lstm: return lstmDescs(eng, prop, dir, d);
    case Cell::Gru: return gruDescs(eng, prop, dir, d);
    case Cell::Rnn: return rnnDescs(eng, prop, dir, d);
    }
    return {};
}

memory::desc argDesc(const dnnl::primitive_desc& pd, int arg)
{
    return pd.query_md(dnnl::query::exec_arg_md, arg);
}

// A name for the weights layout the primitive chose: "ldigo"/"ldgoi" for the plain ones,
// otherwise the dimension order by stride with the inner blocks, e.g. "ldgoi+32o".
std::string layoutName(const memory::desc& md)
{
    const memory::dims dims = md.dims();
    for (Tag tag : {Tag::ldigo, Tag::ldgoi})
        if (md == memory::desc(dims, Dt::f32, tag))
            return tag == Tag::ldigo ? "ldigo" : "ldgoi";
    if (md.data.format_kind != dnnl_blocked)
        return "packed";
    const auto& blocking = md.data.format_desc.blocking;
    const char* letters = "ldigo";
    std::vector<int> order = {0, 1, 2, 3, 4};
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return blocking.strides[a] > blocking.strides[b]; });
    std::string name;
    for (int i : order)
        name += letters[i];
    for (int b = 0; b < blocking.inner_nblks; ++b)
        name += "+" + std::to_string(blocking.inner_blks[b]) + letters[blocking.inner_idxs[b]];
    return name;
}

// One oneDNN RNN layer with its memories, for either forward_inference or
// forward_training + backward. Weights live in "user" memories in the plain ldgoi / ldgo
// layouts; reorder*() copies them into (and the gradients out of) the primitives' layouts.
class DnnlRnn {
public:
    DnnlRnn(const dnnl::engine& eng, Cell cell, const Shape& s, bool training)
        : m_eng(eng), m_stream(eng), m_cell(cell), m_shape(s), m_training(training)
    {
        m_pds = makeDescs(
            eng, cell, training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference, s);
        const int64_t D = s.dirs(), G = gateCount(cell);
        m_userWeightsLayer = memory({{1, D, s.I, G, s.H}, Dt::f32, Tag::ldgoi}, eng);
        m_userWeightsIter = memory({{1, D, s.H, G, s.H}, Dt::f32, Tag::ldgoi}, eng);
        m_bias = memory(argDesc(m_pds.forward, DNNL_ARG_BIAS), eng);
        m_srcIter = zeroedMemory(argDesc(m_pds.forward, DNNL_ARG_SRC_ITER));
        if (cell == Cell::Lstm)
            m_srcIterC = zeroedMemory(argDesc(m_pds.forward, DNNL_ARG_SRC_ITER_C));
        m_src = memory(argDesc(m_pds.forward, DNNL_ARG_SRC_LAYER), eng, DNNL_MEMORY_NONE);
        m_dst = memory(argDesc(m_pds.forward, DNNL_ARG_DST_LAYER), eng);
        m_fwdWeightsLayer = memory(argDesc(m_pds.forward, DNNL_ARG_WEIGHTS_LAYER), eng);
        m_fwdWeightsIter = memory(argDesc(m_pds.forward, DNNL_ARG_WEIGHTS_ITER), eng);
        // Reorder primitives are built once: an application would cache them the same way.
        m_toFwdLayer = dnnl::reorder(m_userWeightsLayer, m_fwdWeightsLayer);
        m_toFwdIter = dnnl::reorder(m_userWeightsIter, m_fwdWeightsIter);
        m_forward = dnnl::primitive(m_pds.forward);
        if (training)
            initBackward();
    }

    // PyTorch-converted weights: (D, G·H, I), (D, G·H, H), (D, Gb, H), all contiguous.
    void setWeights(const torch::Tensor& wLayer, const torch::Tensor& wIter, const torch::Tensor& bias)
    {
        copyInto(m_userWeightsLayer, wLayer);
        copyInto(m_userWeightsIter, wIter);
        copyInto(m_bias, bias);
    }

    void reorderForwardWeights()
    {
        m_toFwdLayer.execute(m_stream, m_userWeightsLayer, m_fwdWeightsLayer);
        m_toFwdIter.execute(m_stream, m_userWeightsIter, m_fwdWeightsIter);
        m_stream.wait();
    }

    // x: (T, N, I) contiguous float; used in place (no copy).
    void forward(const torch::Tensor& x)
    {
        m_src.set_data_handle(x.data_ptr());
        std::unordered_map<int, memory> args = {{DNNL_ARG_SRC_LAYER, m_src},
                                                {DNNL_ARG_WEIGHTS_LAYER, m_fwdWeightsLayer},
                                                {DNNL_ARG_WEIGHTS_ITER, m_fwdWeightsIter},
                                                {DNNL_ARG_BIAS, m_bias},
                                                {DNNL_ARG_DST_LAYER, m_dst}};
        addInitialStates(args);
        if (m_training)
            args[DNNL_ARG_WORKSPACE] = m_workspace;
        m_forward.execute(m_stream, args);
        m_stream.wait();
    }

    // Backward wants the weights in its own (transposed) layout, hence a second reorder.
    void reorderBackwardWeights()
    {
        m_toBwdLayer.execute(m_stream, m_userWeightsLayer, m_bwdWeightsLayer);
        m_toBwdIter.execute(m_stream, m_userWeightsIter, m_bwdWeightsIter);
        m_stream.wait();
    }

    // diffDst: (T, N, D·H) contiguous float, the upstream gradient of the output.
    void backward(const torch::Tensor& diffDst)
    {
        // oneDNN accumulates into the weight gradients, so they start from zero each step.
        for (memory* m : {&m_diffWeightsLayer, &m_diffWeightsIter, &m_diffBias})
            std::memset(m->get_data_handle(), 0, m->get_desc().get_size());
        m_diffDst.set_data_handle(diffDst.data_ptr());
        std::unordered_map<int, memory> args = {{DNNL_ARG_SRC_LAYER, m_src},
                                                {DNNL_ARG_WEIGHTS_LAYER, m_bwdWeightsLayer},
                                                {DNNL_ARG_WEIGHTS_ITER, m_bwdWeightsIter},
                                                {DNNL_ARG_BIAS, m_bias},
                                                {DNNL_ARG_DST_LAYER, m_dst},
                                                {DNNL_ARG_WORKSPACE, m_workspace},
                                                {DNNL_ARG_DIFF_DST_LAYER, m_diffDst},
                                                {DNNL_ARG_DIFF_SRC_LAYER, m_diffSrc},
                                                {DNNL_ARG_DIFF_WEIGHTS_LAYER, m_diffWeightsLayer},
                                                {DNNL_ARG_DIFF_WEIGHTS_ITER, m_diffWeightsIter},
                                                {DNNL_ARG_DIFF_BIAS, m_diffBias}};
        addInitialStates(args);
        args[DNNL_ARG_DIFF_SRC_ITER] = m_diffSrcIter;
        if (m_cell == Cell::Lstm)
            args[DNNL_ARG_DIFF_SRC_ITER_C] = m_diffSrcIterC;
        m_backward.execute(m_stream, args);
        m_stream.wait();
    }

    // Gradients back into the plain layout an optimizer would update the weights in.
    void reorderDiffWeightsToUser()
    {
        m_fromDiffLayer.execute(m_stream, m_diffWeightsLayer, m_userDiffWeightsLayer);
        m_fromDiffIter.execute(m_stream, m_diffWeightsIter, m_userDiffWeightsIter);
        m_stream.wait();
    }

    torch::Tensor output() const { return view(m_dst, {m_shape.T, m_shape.N, m_shape.dirs() * m_shape.H}); }
    torch::Tensor diffSrc() const { return view(m_diffSrc, {m_shape.T, m_shape.N, m_shape.I}); }
    torch::Tensor diffWeightsLayer() const
    {
        return view(m_userDiffWeightsLayer, {m_shape.dirs(), gateRows(), m_shape.I});
    }
    torch::Tensor diffWeightsIter() const
    {
        return view(m_userDiffWeightsIter, {m_shape.dirs(), gateRows(), m_shape.H});
    }
    torch::Tensor diffBias() const
    {
        return view(m_diffBias, {m_shape.dirs(), biasGateCount(m_cell), m_shape.H});
    }

    std::string forwardLayout() const { return layoutName(m_fwdWeightsLayer.get_desc()); }
    std::string backwardLayout() const
    {
        return m_training ? layoutName(m_bwdWeightsLayer.get_desc()) : std::string("-");
    }
    std::string implementation() const { return m_pds.forward.impl_info_str(); }

private:
    int64_t gateRows() const { return gateCount(m_cell) * m_shape.H; }

    memory zeroedMemory(const memory::desc& md) const
    {
        memory m(md, m_eng);
        std::memset(m.get_data_handle(), 0, md.get_size());
        return m;
    }

    void addInitialStates(std::unordered_map<int, memory>& args) const
    {
        args[DNNL_ARG_SRC_ITER] = m_srcIter;
        if (m_cell == Cell::Lstm)
            args[DNNL_ARG_SRC_ITER_C] = m_srcIterC;
    }

    void initBackward()
    {
        const dnnl::primitive_desc& bwd = m_pds.backward;
        const int64_t D = m_shape.dirs(), G = gateCount(m_cell);
        m_workspace = memory(m_pds.forward.workspace_desc(), m_eng);
        m_bwdWeightsLayer = memory(argDesc(bwd, DNNL_ARG_WEIGHTS_LAYER), m_eng);
        m_bwdWeightsIter = memory(argDesc(bwd, DNNL_ARG_WEIGHTS_ITER), m_eng);
        m_diffDst = memory(argDesc(bwd, DNNL_ARG_DIFF_DST_LAYER), m_eng, DNNL_MEMORY_NONE);
        m_diffSrc = memory(argDesc(bwd, DNNL_ARG_DIFF_SRC_LAYER), m_eng);
        m_diffWeightsLayer = memory(argDesc(bwd, DNNL_ARG_DIFF_WEIGHTS_LAYER), m_eng);
        m_diffWeightsIter = memory(argDesc(bwd, DNNL_ARG_DIFF_WEIGHTS_ITER), m_eng);
        m_diffBias = memory(argDesc(bwd, DNNL_ARG_DIFF_BIAS), m_eng);
        // Gradients of the (zero) initial states: computed by oneDNN, not used here.
        m_diffSrcIter = memory(argDesc(bwd, DNNL_ARG_DIFF_SRC_ITER), m_eng);
        if (m_cell == Cell::Lstm)
            m_diffSrcIterC = memory(argDesc(bwd, DNNL_ARG_DIFF_SRC_ITER_C), m_eng);
        m_userDiffWeightsLayer = memory({{1, D, m_shape.I, G, m_shape.H}, Dt::f32, Tag::ldgoi}, m_eng);
        m_userDiffWeightsIter = memory({{1, D, m_shape.H, G, m_shape.H}, Dt::f32, Tag::ldgoi}, m_eng);
        m_toBwdLayer = dnnl::reorder(m_userWeightsLayer, m_bwdWeightsLayer);
        m_toBwdIter = dnnl::reorder(m_userWeightsIter, m_bwdWeightsIter);
        m_fromDiffLayer = dnnl::reorder(m_diffWeightsLayer, m_userDiffWeightsLayer);
        m_fromDiffIter = dnnl::reorder(m_diffWeightsIter, m_userDiffWeightsIter);
        m_backward = dnnl::primitive(bwd);
    }

    static void copyInto(memory& m, const torch::Tensor& t)
    {
        const size_t bytes = m.get_desc().get_size();
        TORCH_CHECK(t.is_contiguous() && size_t(t.nbytes()) == bytes, "weight size mismatch");
        std::memcpy(m.get_data_handle(), t.data_ptr(), bytes);
    }

    // A torch view of a plain (dense, row-major) oneDNN memory; valid while this object lives.
    static torch::Tensor view(const memory& m, std::vector<int64_t> sizes)
    {
        return torch::from_blob(m.get_data_handle(), sizes, torch::kFloat32);
    }

    dnnl::engine m_eng;
    dnnl::stream m_stream;
    Cell m_cell;
    Shape m_shape;
    bool m_training;
    PrimitiveDescs m_pds;
    dnnl::primitive m_forward, m_backward;
    dnnl::reorder m_toFwdLayer, m_toFwdIter, m_toBwdLayer, m_toBwdIter, m_fromDiffLayer, m_fromDiffIter;
    memory m_userWeightsLayer, m_userWeightsIter, m_bias, m_src, m_dst, m_srcIter, m_srcIterC;
    memory m_fwdWeightsLayer, m_fwdWeightsIter, m_workspace;
    memory m_bwdWeightsLayer, m_bwdWeightsIter, m_diffDst, m_diffSrc;
    memory m_diffWeightsLayer, m_diffWeightsIter, m_diffBias, m_diffSrcIter, m_diffSrcIterC;
    memory m_userDiffWeightsLayer, m_userDiffWeightsIter;
};

void loadTorchWeights(DnnlRnn& dnnlRnn, const TorchRnn& torchRnn, int64_t dirs)
{
    dnnlRnn.setWeights(dnnlWeights(torchRnn, "weight_ih", dirs, false),
                       dnnlWeights(torchRnn, "weight_hh", dirs, false), dnnlBias(torchRnn, dirs, false));
}

// ---------------------------------------------------------------------------------------------
// Correctness: oneDNN against LibTorch (forward output; input and weight gradients)

struct Check {
    std::string name;
    double maxAbsDiff;
    bool pass;
};

// oneDNN sums in its own order, in blocked layouts; the app's loop is held to what its own test
// (tests/model/tst_recurrent_through_time) asks of it.
constexpr double kDnnlTolerance = 1e-4;
constexpr double kLoopTolerance = 1e-5;

Check compare(const std::string& name, const torch::Tensor& value, const torch::Tensor& torchValue,
              double tolerance)
{
    const double diff = (value - torchValue).abs().max().item<double>();
    return {name, diff, std::isfinite(diff) && diff <= tolerance};
}

// LibTorch's forward and autograd on a small case: what the other two are checked against.
struct Reference {
    Cell cell;
    Shape shape;
    std::string label; // e.g. "LSTM uni "
    std::unique_ptr<TorchRnn> rnn;
    torch::Tensor x, upstream, y; // y = rnn(x); x.grad() and the parameters' grads hold ∂(y·upstream)
};

Reference makeReference(Cell cell, bool bidirectional)
{
    Reference r;
    r.cell = cell;
    r.shape = {7, 3, 5, 4, bidirectional}; // T, N, I, H: small, odd sizes on purpose
    r.label = std::string(cellName(cell)) + (bidirectional ? " bi " : " uni ");
    torch::manual_seed(12);
    r.rnn = std::make_unique<TorchRnn>(cell, r.shape);
    r.x = torch::randn({r.shape.T, r.shape.N, r.shape.I}).requires_grad_(true);
    r.upstream = torch::randn({r.shape.T, r.shape.N, r.shape.dirs() * r.shape.H});
    r.y = r.rnn->forward(r.x);
    (r.y * r.upstream).sum().backward();
    return r;
}

void checkDnnl(const Reference& ref, const dnnl::engine& eng, std::vector<Check>& out)
{
    const Shape& s = ref.shape;
    const TorchRnn& torchRnn = *ref.rnn;
    const torch::Tensor xData = ref.x.detach().contiguous();
    const torch::Tensor y = ref.y.detach();
    auto add = [&](const std::string& what, const torch::Tensor& value, const torch::Tensor& expected) {
        out.push_back(compare(ref.label + what, value, expected, kDnnlTolerance));
    };

    DnnlRnn inference(eng, ref.cell, s, false);
    loadTorchWeights(inference, torchRnn, s.dirs());
    inference.reorderForwardWeights();
    inference.forward(xData);
    add("forward_inference output", inference.output(), y);

    DnnlRnn training(eng, ref.cell, s, true);
    loadTorchWeights(training, torchRnn, s.dirs());
    training.reorderForwardWeights();
    training.forward(xData);
    add("forward_training output", training.output(), y);

    training.reorderBackwardWeights();
    training.backward(ref.upstream.contiguous());
    training.reorderDiffWeightsToUser();
    add("backward diff_src_layer", training.diffSrc(), ref.x.grad());
    add("backward diff_weights_layer", training.diffWeightsLayer(), dnnlWeights(torchRnn, "weight_ih", s.dirs(), true));
    add("backward diff_weights_iter", training.diffWeightsIter(), dnnlWeights(torchRnn, "weight_hh", s.dirs(), true));
    add("backward diff_bias", training.diffBias(), dnnlBias(torchRnn, s.dirs(), true));
}

// The gradient of parameter `kind` of every direction, stacked: (D, ...) in PyTorch's gate order.
template <typename Model>
torch::Tensor stackedGrads(const Model& m, const char* kind, int64_t dirs)
{
    std::vector<torch::Tensor> perDir;
    for (int64_t d = 0; d < dirs; ++d)
        perDir.push_back(m.param(paramName(kind, d)).grad());
    return torch::stack(perDir);
}

// The app's loop: its output without and with autograd (inference and training run it both ways),
// and the gradients of everything training updates, the input's included.
void checkLoop(const Reference& ref, std::vector<Check>& out)
{
    const int64_t dirs = ref.shape.dirs();
    const LoopRnn loop(*ref.rnn, dirs);
    auto add = [&](const std::string& what, const torch::Tensor& value, const torch::Tensor& expected) {
        out.push_back(compare(ref.label + "loop " + what, value, expected, kLoopTolerance));
    };
    {
        torch::NoGradGuard noGrad;
        add("output, no grad", loop.forward(ref.x.detach()), ref.y.detach());
    }
    const torch::Tensor x = ref.x.detach().clone().requires_grad_(true);
    const torch::Tensor y = loop.forward(x);
    (y * ref.upstream).sum().backward();
    add("output", y.detach(), ref.y.detach());
    add("grad input", x.grad(), ref.x.grad());
    for (const char* kind : {"weight_ih", "weight_hh", "bias_ih", "bias_hh"})
        add(std::string("grad ") + kind, stackedGrads(loop, kind, dirs), stackedGrads(*ref.rnn, kind, dirs));
}

std::vector<Check> runChecks(const dnnl::engine& eng)
{
    std::vector<Check> checks;
    for (Cell cell : {Cell::Lstm, Cell::Gru, Cell::Rnn})
        for (bool bi : {false, true}) {
            const Reference ref = makeReference(cell, bi);
            checkDnnl(ref, eng, checks);
            if (cell != Cell::Rnn)
                checkLoop(ref, checks);
        }
    return checks;
}

// ---------------------------------------------------------------------------------------------
// Timing

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Timings {
    std::vector<double> dnnlTotal, dnnlReorder, dnnlCompute, torch, loop;
};

struct CaseResult {
    Cell cell;
    Shape shape;
    bool training;
    std::string fwdLayout, bwdLayout, impl;
    double dnnlMs, dnnlComputeMs, reorderMs, torchMs, gflop;
    std::optional<double> loopMs; // none for the vanilla RNN, which the app does not have
};

// One oneDNN step, its reorder and compute parts timed apart.
void dnnlStep(DnnlRnn& rnn, const torch::Tensor& x, const torch::Tensor& upstream, bool training, Timings* t)
{
    double reorder = 0, compute = 0;
    auto timed = [](double& acc, const std::function<void()>& f) {
        const auto t0 = Clock::now();
        f();
        acc += msSince(t0);
    };
    timed(reorder, [&] { rnn.reorderForwardWeights(); });
    timed(compute, [&] { rnn.forward(x); });
    if (training) {
        timed(reorder, [&] { rnn.reorderBackwardWeights(); });
        timed(compute, [&] { rnn.backward(upstream); });
        timed(reorder, [&] { rnn.reorderDiffWeightsToUser(); });
    }
    if (t) {
        t->dnnlTotal.push_back(reorder + compute);
        t->dnnlReorder.push_back(reorder);
        t->dnnlCompute.push_back(compute);
    }
}

// The same work through autograd, for LibTorch's module and the app's loop alike (Model is
// TorchRnn or LoopRnn): inference without autograd; training as forward + backward of
// (output · upstream).sum(), gradients zeroed first, the input's gradient included (in seed4 the
// input is the embedding's output, which trains). Returns the milliseconds.
template <typename Model>
double autogradStep(Model& rnn, const torch::Tensor& x, const torch::Tensor& upstream, bool training)
{
    const auto t0 = Clock::now();
    if (training) {
        rnn.zeroGrad();
        if (x.grad().defined())
            x.mutable_grad().zero_();
        (rnn.forward(x) * upstream).sum().backward();
    } else {
        torch::NoGradGuard noGrad;
        rnn.forward(x);
    }
    return msSince(t0);
}

// The contenders of one case, built on the same weights and the same input.
struct Contenders {
    Contenders(Cell cell, const Shape& s, bool training, const dnnl::engine& eng)
        : torchRnn(cell, s), dnnlRnn(eng, cell, s, training)
    {
        loadTorchWeights(dnnlRnn, torchRnn, s.dirs());
        if (cell != Cell::Rnn)
            loopRnn.emplace(torchRnn, s.dirs());
    }
    TorchRnn torchRnn;
    DnnlRnn dnnlRnn;
    std::optional<LoopRnn> loopRnn;
};

// One call of each contender. They alternate call by call, so that the load of a shared machine
// hits all of them alike. The autograd contenders get inputs of their own (their gradients).
void stepAll(Contenders& c, const torch::Tensor& x, const torch::Tensor& xTorch, const torch::Tensor& xLoop,
             const torch::Tensor& upstream, bool training, Timings* t)
{
    dnnlStep(c.dnnlRnn, x, upstream, training, t);
    const double torchMs = autogradStep(c.torchRnn, xTorch, upstream, training);
    const double loopMs = c.loopRnn ? autogradStep(*c.loopRnn, xLoop, upstream, training) : 0.0;
    if (t) {
        t->torch.push_back(torchMs);
        if (c.loopRnn)
            t->loop.push_back(loopMs);
    }
}

CaseResult timeCase(Cell cell, const Shape& s, bool training, const dnnl::engine& eng, int warmup,
                    int repeats)
{
    torch::manual_seed(4);
    Contenders c(cell, s, training, eng);
    const torch::Tensor x = torch::randn({s.T, s.N, s.I});
    const torch::Tensor upstream = torch::randn({s.T, s.N, s.dirs() * s.H});
    const torch::Tensor xTorch = training ? x.clone().requires_grad_(true) : x;
    const torch::Tensor xLoop = training ? x.clone().requires_grad_(true) : x;

    for (int i = 0; i < warmup; ++i)
        stepAll(c, x, xTorch, xLoop, upstream, training, nullptr);
    Timings t;
    for (int r = 0; r < repeats; ++r)
        stepAll(c, x, xTorch, xLoop, upstream, training, &t);

    const double flops = forwardFlops(cell, s) * (training ? 3.0 : 1.0);
    CaseResult result{cell,
                      s,
                      training,
                      c.dnnlRnn.forwardLayout(),
                      c.dnnlRnn.backwardLayout(),
                      c.dnnlRnn.implementation(),
                      median(t.dnnlTotal),
                      median(t.dnnlCompute),
                      median(t.dnnlReorder),
                      median(t.torch),
                      flops * 1e-9,
                      std::nullopt};
    if (!t.loop.empty())
        result.loopMs = median(t.loop);
    return result;
}

// ---------------------------------------------------------------------------------------------
// Output

struct Options {
    int repeats = 30;
    int warmup = 3;
    int threads = 1;
    bool json = false;
    bool checkOnly = false;
};

std::string caseName(const CaseResult& r)
{
    return std::string(r.training ? "train" : "infer") + " " + cellName(r.cell) +
           (r.shape.bidirectional ? " bi" : " uni");
}

double gflops(double gflop, double ms)
{
    return gflop / (ms * 1e-3);
}

// printf field for an optional figure: "-" where the app's loop has no case (vanilla RNN).
std::string optionalField(std::optional<double> value, int width, int precision)
{
    char text[32];
    if (value)
        std::snprintf(text, sizeof text, "%*.*f", width, precision, *value);
    else
        std::snprintf(text, sizeof text, "%*s", width, "-");
    return text;
}

// > 1: our loop beats LibTorch.
std::optional<double> libtorchOverOurs(const CaseResult& r)
{
    return r.loopMs ? std::optional<double>(r.torchMs / *r.loopMs) : std::nullopt;
}

// > 1: oneDNN beats our loop (the speed-up it would still bring).
std::optional<double> oursOverDnnl(const CaseResult& r)
{
    return r.loopMs ? std::optional<double>(*r.loopMs / r.dnnlMs) : std::nullopt;
}

std::optional<double> loopGflops(const CaseResult& r)
{
    return r.loopMs ? std::optional<double>(gflops(r.gflop, *r.loopMs)) : std::nullopt;
}

void printChecks(const std::vector<Check>& checks)
{
    for (const Check& c : checks)
        std::printf("%s %-45s max|diff| %.2e\n", c.pass ? "PASS" : "FAIL", c.name.c_str(), c.maxAbsDiff);
}

void printText(const std::vector<Check>& checks, const std::vector<CaseResult>& results)
{
    printChecks(checks);
    if (results.empty())
        return;
    std::printf("\n%-15s %-13s %8s %10s %8s %9s %8s %6s %7s %7s %8s %8s %8s  %s\n", "case", "TxNxI->H",
                "oneDNN", "no reorder", "reorder", "LibTorch", "ours", "LT/oD", "LT/ours", "ours/oD", "GF/s oD",
                "GF/s LT", "GF/s us", "oneDNN weights fwd, bwd");
    for (const CaseResult& r : results) {
        char shape[32];
        std::snprintf(shape, sizeof shape, "%ldx%ldx%ld->%ld", long(r.shape.T), long(r.shape.N),
                      long(r.shape.I), long(r.shape.H));
        std::printf("%-15s %-13s %8.3f %10.3f %8.3f %9.3f %s %6.2f %s %s %8.1f %8.1f %s  %s, %s\n",
                    caseName(r).c_str(), shape, r.dnnlMs, r.dnnlComputeMs, r.reorderMs, r.torchMs,
                    optionalField(r.loopMs, 8, 3).c_str(), r.torchMs / r.dnnlMs,
                    optionalField(libtorchOverOurs(r), 7, 2).c_str(), optionalField(oursOverDnnl(r), 7, 2).c_str(),
                    gflops(r.gflop, r.dnnlMs), gflops(r.gflop, r.torchMs), optionalField(loopGflops(r), 8, 1).c_str(),
                    r.fwdLayout.c_str(), r.bwdLayout.c_str());
    }
    std::set<std::string> impls;
    for (const CaseResult& r : results)
        impls.insert(r.impl);
    std::string implList;
    for (const std::string& i : impls)
        implList += (implList.empty() ? "" : ", ") + i;
    std::printf("\nms are medians; oneDNN includes the per-call weight reorders (forward, and for\n"
                "training also backward's layout and the gradients back to ldgoi); \"no reorder\"\n"
                "is the primitives alone. \"ours\" is the app's loop (RecurrentThroughTime) with its\n"
                "input projection; LT/oD and LT/ours: LibTorch's time over oneDNN's / ours (> 1: faster\n"
                "than LibTorch); ours/oD: ours over oneDNN's (> 1: oneDNN is faster than ours).\n"
                "GF/s counts the GEMMs' flops (training = 3 x forward).\n"
                "oneDNN implementation: %s\n",
                implList.c_str());
}

// A JSON number, or null where the app's loop has no case.
std::string jsonNumber(std::optional<double> value)
{
    if (!value)
        return "null";
    std::ostringstream o;
    o << *value;
    return o.str();
}

void printJson(const Options& o, const std::vector<Check>& checks, const std::vector<CaseResult>& results)
{
    const dnnl_version_t* v = dnnl_version();
    std::ostringstream j;
    j << "{\n  \"onednn\": \"" << v->major << '.' << v->minor << '.' << v->patch << "\",\n"
      << "  \"libtorch\": \"" << TORCH_VERSION << "\",\n"
      << "  \"threads\": " << o.threads << ",\n  \"repeats\": " << o.repeats << ",\n"
      << "  \"warmup\": " << o.warmup << ",\n  \"checks\": [";
    for (size_t i = 0; i < checks.size(); ++i)
        j << (i ? "," : "") << "\n    {\"name\": \"" << checks[i].name
          << "\", \"max_abs_diff\": " << checks[i].maxAbsDiff
          << ", \"pass\": " << (checks[i].pass ? "true" : "false") << "}";
    j << "\n  ],\n  \"cases\": [";
    for (size_t i = 0; i < results.size(); ++i) {
        const CaseResult& r = results[i];
        j << (i ? "," : "") << "\n    {\"cell\": \"" << cellName(r.cell) << "\", \"mode\": \""
          << (r.training ? "training" : "inference")
          << "\", \"bidirectional\": " << (r.shape.bidirectional ? "true" : "false")
          << ", \"T\": " << r.shape.T << ", \"N\": " << r.shape.N << ", \"I\": " << r.shape.I
          << ", \"H\": " << r.shape.H << ", \"onednn_ms\": " << r.dnnlMs
          << ", \"onednn_no_reorder_ms\": " << r.dnnlComputeMs << ", \"onednn_reorder_ms\": " << r.reorderMs
          << ", \"libtorch_ms\": " << r.torchMs << ", \"ours_ms\": " << jsonNumber(r.loopMs)
          << ", \"libtorch_over_onednn\": " << r.torchMs / r.dnnlMs
          << ", \"libtorch_over_ours\": " << jsonNumber(libtorchOverOurs(r))
          << ", \"ours_over_onednn\": " << jsonNumber(oursOverDnnl(r))
          << ", \"onednn_gflops\": " << gflops(r.gflop, r.dnnlMs)
          << ", \"libtorch_gflops\": " << gflops(r.gflop, r.torchMs)
          << ", \"ours_gflops\": " << jsonNumber(loopGflops(r)) << ", \"onednn_weights_forward\": \""
          << r.fwdLayout << "\", \"onednn_weights_backward\": \"" << r.bwdLayout << "\", \"onednn_impl\": \""
          << r.impl << "\"}";
    }
    j << "\n  ]\n}\n";
    std::cout << j.str();
}

[[noreturn]] void usage(const char* argv0)
{
    std::fprintf(stderr,
                 "usage: %s [--repeats N (30)] [--warmup N (3)] [--threads N (1)] "
                 "[--format text|json] [--check-only]\n",
                 argv0);
    std::exit(2);
}

Options parseOptions(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage(argv[0]);
            return argv[++i];
        };
        if (a == "--repeats")
            o.repeats = std::atoi(value().c_str());
        else if (a == "--warmup")
            o.warmup = std::atoi(value().c_str());
        else if (a == "--threads")
            o.threads = std::atoi(value().c_str());
        else if (a == "--format") {
            const std::string f = value();
            if (f != "text" && f != "json")
                usage(argv[0]);
            o.json = f == "json";
        } else if (a == "--check-only")
            o.checkOnly = true;
        else
            usage(argv[0]);
    }
    if (o.repeats < 1 || o.warmup < 0 || o.threads < 1)
        usage(argv[0]);
    return o;
}

// Debian's LibTorch, OpenBLAS (openmp flavour) and oneDNN all run on the same libgomp, so one
// OpenMP thread count governs all three; at::set_num_threads sets it too, but say it plainly.
void setThreads(int n)
{
    at::set_num_threads(n);
    omp_set_num_threads(n);
}

} // namespace

int main(int argc, char** argv)
{
    const Options opt = parseOptions(argc, argv);
    setThreads(opt.threads);
    const dnnl::engine eng(dnnl::engine::kind::cpu, 0);

    const std::vector<Check> checks = runChecks(eng);
    const bool allPass = std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.pass; });

    // Timing a wrong computation means nothing, so a failed check skips the timing.
    std::vector<CaseResult> results;
    if (allPass && !opt.checkOnly) {
        if (!opt.json)
            std::fprintf(stderr, "timing with %d thread(s) (omp %d, torch %d), %d repeats...\n", opt.threads,
                         omp_get_max_threads(), at::get_num_threads(), opt.repeats);
        // a) the app's typing path: one sequence of 512 tokens through seed4's encoder.
        for (Cell cell : {Cell::Lstm, Cell::Gru})
            for (bool bi : {false, true})
                results.push_back(timeCase(cell, {512, 1, 128, 64, bi}, false, eng, opt.warmup, opt.repeats));
        // b) seed4's training batch: 32 sequences of 200 tokens, forward and backward.
        for (Cell cell : {Cell::Lstm, Cell::Gru, Cell::Rnn})
            for (bool bi : {false, true})
                results.push_back(timeCase(cell, {200, 32, 128, 64, bi}, true, eng, opt.warmup, opt.repeats));
    }

    if (opt.json)
        printJson(opt, checks, results);
    else
        printText(checks, results);
    return allPass ? 0 : 1;
}
