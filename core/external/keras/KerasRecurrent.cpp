// Keras's recurrent layers, built from their configs: each direction a loop of our own
// (KerasRecurrentCell.h) rather than torch::nn::LSTM/GRU, because Keras differs from PyTorch in
// ways those modules cannot express: hard_sigmoid and other activations, GRU with the reset gate
// before the matrix product (reset_after=False), and masks (a masked step keeps the previous
// state). LSTM, GRU (both forms), SimpleRNN, CuDNNLSTM and CuDNNGRU weights, go_backwards,
// return_sequences/return_state, and Bidirectional.

#include "external/keras/KerasLayerKit.h"
#include "external/keras/KerasRecurrentCell.h"

#include <QJsonArray>

namespace studio::keras {
namespace {

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
        cell.nonlinearities = CellNonlinearities{Nonlinearity::Sigmoid, Nonlinearity::Tanh};
    } else {
        const QString activation = activationName(config.value(QStringLiteral("activation")));
        cell.nonlinearities.candidate = nonlinearityOf(activation.isEmpty() ? QStringLiteral("tanh") : activation, keras3, where);
        const QString recurrent = activationName(config.value(QStringLiteral("recurrent_activation")));
        cell.nonlinearities.gate = nonlinearityOf(recurrent.isEmpty() ? QStringLiteral("sigmoid") : recurrent, keras3, where);
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
    cell.fused = fusedWeightsOf(cell);
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
