#pragma once

// A Keras model run natively in LibTorch: the layer graph of its config, the weights of its file,
// each layer's `call` written out here (recurrent cells with Keras's own activations and masking,
// the tutorials' custom attention layers recognised by class name and weight shapes). Every
// softmax the model computes is kept as an attention candidate. No torch in this header.

#include "common/ValueTypes.h"
#include "external/keras/KerasArchive.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace studio::keras {

// One softmax output of a run, batch axis removed.
struct SoftmaxOutput {
    QString layer;                 // the layer that computed it
    std::vector<int64_t> shape;
    std::vector<float> values;
    bool positionalBias = false;   // a custom layer whose scores add one learned bias per position
};

struct KerasRun {
    std::vector<float> prediction;  // the first output, flattened
    std::vector<SoftmaxOutput> softmaxes;
};

struct KerasInputSpec {
    ModelInputKind input = ModelInputKind::Unknown;
    int64_t steps = 0;           // the Input's time length; 0 when free (None)
    int64_t features = 0;        // series: values per step
    int64_t vocabulary = 0;      // token models: rows of the first Embedding
    bool masksPadding = false;   // an Embedding(mask_zero=True) or a Masking layer sees the input
};

// The weights' precision: float32 as Keras keeps them, or a float64 copy (the attribution tests'
// finite differences need it; the fused recurrent loop runs float32 only, so a float64 model takes
// LibTorch's step loop).
enum class KerasPrecision { Float32, Float64 };

// A pass over tensors, for the attributions (external/keras/KerasPass.h: torch inside).
struct KerasPassInput;
struct KerasPass;

class KerasModel {
public:
    // Builds the graph; throws StudioError naming the file and the layer for an unknown layer, an
    // unrecognised Lambda (with its position), weights whose shapes do not fit the config, or a
    // custom layer whose formula cannot be told (the choices listed; `formula` picks one).
    KerasModel(const KerasArchive& archive, const QString& formula, KerasPrecision precision = KerasPrecision::Float32);
    ~KerasModel();
    KerasModel(const KerasModel&) = delete;
    KerasModel& operator=(const KerasModel&) = delete;

    const KerasInputSpec& inputSpec() const;
    KerasPrecision precision() const;
    QString description() const;   // "Keras 2.2.4 Functional: Embedding, Bidirectional(LSTM), ..."
    bool outputsProbabilities() const;  // the output layer ends in a sigmoid or softmax
    // The output layer's activation ("linear" when it has none; "softmax" for a Softmax layer).
    QString outputActivation() const;
    // The Embedding layer fed by the input ids (token models), else empty: its output is eₜ.
    QString inputEmbedding() const;
    QStringList notes() const;      // what was assumed (a formula chosen by default, ...)
    // The formulas a custom attention layer's weights fit, the default first; empty when its
    // weights settle it.
    QStringList formulas() const;

    // Runs one example: ids (token models) or steps × features values. Throws StudioError when
    // the input does not fit.
    KerasRun run(const std::vector<int64_t>& ids, const std::vector<float>& series, int64_t features) const;
    // A batch through the graph without inference mode: autograd records what GradMode allows, and
    // the recurrent layers take LibTorch's step loop when a gradient is needed (fusedLoopApplies).
    KerasPass pass(const KerasPassInput& input) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace studio::keras
