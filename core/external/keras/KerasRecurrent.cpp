// Keras's recurrent layers, each a loop written out here rather than torch::nn::LSTM/GRU, because
// Keras differs from PyTorch in ways those modules cannot express: hard_sigmoid and other
// activations, GRU with the reset gate before the matrix product (reset_after=False), and masks
// (a masked step keeps the previous state). LSTM, GRU (both forms), SimpleRNN, CuDNNLSTM and
// CuDNNGRU weights, go_backwards, return_sequences/return_state, and Bidirectional.

#include "external/keras/KerasLayerKit.h"

#include <QJsonArray>

namespace studio::keras {
namespace {

enum class CellKind { Lstm, GruResetBefore, GruResetAfter, Simple };

using Activation = std::function<at::Tensor(const at::Tensor&)>;

struct Cell {
    CellKind kind = CellKind::Lstm;
    int64_t units = 0;
    Activation activation;
    Activation recurrentActivation;
    at::Tensor kernel;          // (F, G·u), Keras's gate order
    at::Tensor recurrentKernel; // (u, G·u)
    at::Tensor bias;            // (G·u) input bias, or undefined
    at::Tensor recurrentBias;   // (G·u): GRU reset_after and CuDNN weights, or undefined
};

struct RnnOptions {
    bool returnSequences = false;
    bool returnState = false;
    bool goBackwards = false;
    bool zeroOutputForMask = false;  // masked steps output zeros instead of the previous output
};

struct RnnOutput {
    at::Tensor sequence;  // (B, T, u), in the order the steps were processed
    at::Tensor last;      // (B, u)
    std::vector<at::Tensor> states;  // h (and c)
};

int gateCount(CellKind kind)
{
    switch (kind) {
    case CellKind::Lstm: return 4;
    case CellKind::GruResetBefore:
    case CellKind::GruResetAfter: return 3;
    case CellKind::Simple: return 1;
    }
    return 1;
}

// One direction over x (B, T, F). Keras's K.rnn: go_backwards reverses the input and the mask and
// leaves the outputs in processing order.
RnnOutput runCell(const Cell& cell, at::Tensor x, at::Tensor mask, const RnnOptions& options)
{
    if (options.goBackwards) {
        x = x.flip({1});
        if (mask.defined())
            mask = mask.flip({1});
    }
    const int64_t batch = x.size(0);
    const int64_t steps = x.size(1);
    const int64_t u = cell.units;
    // All input projections at once: one matrix product instead of one per step.
    at::Tensor projected = at::matmul(x, cell.kernel);
    if (cell.bias.defined())
        projected = projected + cell.bias;
    at::Tensor h = at::zeros({batch, u}, x.options());
    at::Tensor c = at::zeros({batch, u}, x.options());
    at::Tensor previousOutput = at::zeros({batch, u}, x.options());
    std::vector<at::Tensor> outputs;
    outputs.reserve(static_cast<size_t>(steps));
    for (int64_t t = 0; t < steps; ++t) {
        const at::Tensor xt = projected.select(1, t);
        at::Tensor newH;
        at::Tensor newC = c;
        switch (cell.kind) {
        case CellKind::Lstm: {
            at::Tensor z = xt + at::matmul(h, cell.recurrentKernel);
            if (cell.recurrentBias.defined())
                z = z + cell.recurrentBias;
            const auto gates = z.split(u, /*dim=*/1);
            const at::Tensor i = cell.recurrentActivation(gates[0]);
            const at::Tensor f = cell.recurrentActivation(gates[1]);
            newC = f * c + i * cell.activation(gates[2]);
            const at::Tensor o = cell.recurrentActivation(gates[3]);
            newH = o * cell.activation(newC);
            break;
        }
        case CellKind::GruResetAfter: {
            at::Tensor inner = at::matmul(h, cell.recurrentKernel);
            if (cell.recurrentBias.defined())
                inner = inner + cell.recurrentBias;
            const auto xs = xt.split(u, 1);
            const auto hs = inner.split(u, 1);
            const at::Tensor z = cell.recurrentActivation(xs[0] + hs[0]);
            const at::Tensor r = cell.recurrentActivation(xs[1] + hs[1]);
            const at::Tensor candidate = cell.activation(xs[2] + r * hs[2]);
            newH = z * h + (1 - z) * candidate;
            break;
        }
        case CellKind::GruResetBefore: {
            const auto xs = xt.split(u, 1);
            const auto kernels = cell.recurrentKernel.split(u, 1);
            const at::Tensor z = cell.recurrentActivation(xs[0] + at::matmul(h, kernels[0]));
            const at::Tensor r = cell.recurrentActivation(xs[1] + at::matmul(h, kernels[1]));
            const at::Tensor candidate = cell.activation(xs[2] + at::matmul(r * h, kernels[2]));
            newH = z * h + (1 - z) * candidate;
            break;
        }
        case CellKind::Simple:
            newH = cell.activation(xt + at::matmul(h, cell.recurrentKernel));
            break;
        }
        at::Tensor output = newH;
        if (mask.defined()) {
            const at::Tensor keep = mask.select(1, t).unsqueeze(1);
            newH = at::where(keep, newH, h);
            newC = at::where(keep, newC, c);
            output = at::where(keep, output, options.zeroOutputForMask ? at::zeros_like(output) : previousOutput);
        }
        h = newH;
        c = newC;
        previousOutput = output;
        outputs.push_back(output);
    }
    RnnOutput result;
    result.sequence = steps > 0 ? at::stack(outputs, 1) : at::zeros({batch, 0, u}, x.options());
    result.last = previousOutput;
    result.states = {h};
    if (cell.kind == CellKind::Lstm)
        result.states.push_back(c);
    return result;
}

bool isRecurrentClass(const QString& name)
{
    return name == QLatin1String("LSTM") || name == QLatin1String("GRU") || name == QLatin1String("SimpleRNN")
           || name == QLatin1String("CuDNNLSTM") || name == QLatin1String("CuDNNGRU") || name == QLatin1String("LSTMV1")
           || name == QLatin1String("GRUV1");
}

// The cell of an LSTM/GRU/SimpleRNN/CuDNN* layer config, its weights taken in Keras's order.
Cell makeCell(const QString& className, const QJsonObject& config, LayerWeights& weights, int64_t inputFeatures, bool keras3,
              const QString& where)
{
    Cell cell;
    cell.units = intConfig(config, "units", 0);
    const bool cudnn = className.startsWith(QLatin1String("CuDNN"));
    const bool gru = className.contains(QLatin1String("GRU"));
    if (className.contains(QLatin1String("LSTM")))
        cell.kind = CellKind::Lstm;
    else if (gru)
        cell.kind = cudnn || boolConfig(config, "reset_after", false) ? CellKind::GruResetAfter : CellKind::GruResetBefore;
    else
        cell.kind = CellKind::Simple;
    const int64_t g = gateCount(cell.kind) * cell.units;
    if (cudnn) {  // cuDNN's fixed activations
        cell.activation = activationFn(QStringLiteral("tanh"), keras3, where);
        cell.recurrentActivation = activationFn(QStringLiteral("sigmoid"), keras3, where);
    } else {
        cell.activation = activationFn(activationName(config.value(QStringLiteral("activation"))).isEmpty()
                                           ? QStringLiteral("tanh")
                                           : activationName(config.value(QStringLiteral("activation"))),
                                       keras3, where);
        const QString recurrent = activationName(config.value(QStringLiteral("recurrent_activation")));
        cell.recurrentActivation = activationFn(recurrent.isEmpty() ? QStringLiteral("sigmoid") : recurrent, keras3, where);
    }
    cell.kernel = weights.take("kernel", {inputFeatures, g});
    cell.recurrentKernel = weights.take("recurrent_kernel", {cell.units, g});
    if (cudnn) {
        // CuDNN layers keep each gate's block in cuDNN's memory order (Keras's
        // _convert_rnn_weights): an input block (in, u) holds the flat buffer of a (u, in)
        // matrix, a recurrent block is transposed.
        std::vector<at::Tensor> inputBlocks;
        std::vector<at::Tensor> recurrentBlocks;
        for (const at::Tensor& block : cell.kernel.split(cell.units, 1))
            inputBlocks.push_back(block.contiguous().reshape({cell.units, block.size(0)}).t());
        for (const at::Tensor& block : cell.recurrentKernel.split(cell.units, 1))
            recurrentBlocks.push_back(block.t());
        cell.kernel = at::cat(inputBlocks, 1).contiguous();
        cell.recurrentKernel = at::cat(recurrentBlocks, 1).contiguous();
    }
    const bool useBias = boolConfig(config, "use_bias", true);
    if (cudnn) {
        // cuDNN keeps an input and a recurrent bias: (2·G·u), input half first.
        const at::Tensor both = weights.take("bias", {2 * g});
        cell.bias = both.slice(0, 0, g);
        cell.recurrentBias = both.slice(0, g, 2 * g);
    } else if (useBias && cell.kind == CellKind::GruResetAfter) {
        const at::Tensor both = weights.take("bias", {2, g});
        cell.bias = both[0];
        cell.recurrentBias = both[1];
    } else if (useBias) {
        cell.bias = weights.take("bias", {g});
    }
    return cell;
}

RnnOptions optionsOf(const QJsonObject& config)
{
    RnnOptions options;
    options.returnSequences = boolConfig(config, "return_sequences", false);
    options.returnState = boolConfig(config, "return_state", false);
    options.goBackwards = boolConfig(config, "go_backwards", false);
    options.zeroOutputForMask = boolConfig(config, "zero_output_for_mask", false);
    return options;
}

at::Tensor merge(const QString& mode, const at::Tensor& forward, const at::Tensor& backward)
{
    if (mode == QLatin1String("sum"))
        return forward + backward;
    if (mode == QLatin1String("mul"))
        return forward * backward;
    if (mode == QLatin1String("ave"))
        return (forward + backward) / 2;
    return at::cat({forward, backward}, -1);
}

} // namespace

LayerFn buildRecurrentLayer(const LayerSpec& spec, LayerWeights& weights, bool keras3, bool zeroMaskedInBidirectional,
                            const QString& origin)
{
    const QString where = QStringLiteral("%1: layer \"%2\"").arg(origin, spec.name);
    if (isRecurrentClass(spec.className)) {
        const int64_t features = weights.remaining() > 0 ? weights.peek(0).size(0) : 0;
        const Cell cell = makeCell(spec.className, spec.config, weights, features, keras3, where);
        const RnnOptions options = optionsOf(spec.config);
        return [cell, options](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            const Value& in = inputs.at(0);
            const RnnOutput out = runCell(cell, in.x, in.mask, options);
            std::vector<Value> results;
            results.push_back(options.returnSequences ? Value{out.sequence, in.mask} : Value{out.last, {}});
            if (options.returnState)
                for (const at::Tensor& state : out.states)
                    results.push_back(Value{state, {}});
            return results;
        };
    }
    if (spec.className != QLatin1String("Bidirectional"))
        return {};

    const QJsonObject inner = spec.config.value(QStringLiteral("layer")).toObject();
    const QString innerClass = inner.value(QStringLiteral("class_name")).toString();
    const QJsonObject innerConfig = inner.value(QStringLiteral("config")).toObject();
    if (!isRecurrentClass(innerClass))
        layerError(origin, spec, QStringLiteral("it wraps a %1, which Attention Studio cannot run inside Bidirectional").arg(innerClass));
    const QJsonObject backwardSpec = spec.config.value(QStringLiteral("backward_layer")).toObject();
    const QJsonObject backwardConfig = backwardSpec.isEmpty() ? innerConfig : backwardSpec.value(QStringLiteral("config")).toObject();
    const QString backwardClass = backwardSpec.isEmpty() ? innerClass : backwardSpec.value(QStringLiteral("class_name")).toString();
    const int64_t features = weights.remaining() > 0 ? weights.peek(0).size(0) : 0;
    const Cell forward = makeCell(innerClass, innerConfig, weights, features, keras3, where);
    const Cell backward = makeCell(backwardClass, backwardConfig, weights, features, keras3, where);
    RnnOptions forwardOptions = optionsOf(innerConfig);
    if (forwardOptions.returnState)
        layerError(origin, spec, QStringLiteral("it returns its states, which Attention Studio does not run for Bidirectional"));
    forwardOptions.zeroOutputForMask = forwardOptions.zeroOutputForMask || (zeroMaskedInBidirectional && forwardOptions.returnSequences);
    RnnOptions backwardOptions = forwardOptions;
    // The backward half reads the sequence reversed: a backward_layer in the config says so itself
    // (go_backwards true); without one, Keras copies the layer with go_backwards flipped.
    backwardOptions.goBackwards = backwardSpec.isEmpty() ? !forwardOptions.goBackwards : optionsOf(backwardConfig).goBackwards;
    const QJsonValue modeValue = spec.config.value(QStringLiteral("merge_mode"));
    const QString mode = modeValue.isNull() ? QString() : modeValue.toString(QStringLiteral("concat"));
    return [forward, backward, forwardOptions, backwardOptions, mode](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
        const Value& in = inputs.at(0);
        const RnnOutput f = runCell(forward, in.x, in.mask, forwardOptions);
        const RnnOutput b = runCell(backward, in.x, in.mask, backwardOptions);
        const bool sequences = forwardOptions.returnSequences;
        at::Tensor fy = sequences ? f.sequence : f.last;
        // The backward outputs come in reversed order: flipped back so step t lines up with step t.
        at::Tensor by = sequences ? b.sequence.flip({1}) : b.last;
        const at::Tensor mask = sequences ? in.mask : at::Tensor();
        if (mode.isEmpty())
            return std::vector<Value>{Value{fy, mask}, Value{by, mask}};
        return std::vector<Value>{Value{merge(mode, fy, by), mask}};
    };
}

} // namespace studio::keras
