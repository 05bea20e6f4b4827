#pragma once

// What the Keras layer implementations share (internal to core/external/keras, torch inside):
// a tensor with its Keras mask, the recorder of softmax outputs, a layer's weights checked by
// shape, and the activations by the names Keras configs use.

#include "external/keras/KerasGraph.h"
#include "model/Nonlinearity.h"

#include <ATen/ATen.h>

#include <QString>

#include <functional>
#include <vector>

namespace studio::keras {

// A tensor with its mask: (batch, steps) bool, undefined when nothing masks it.
struct Value {
    at::Tensor x;
    at::Tensor mask;
};

struct RecordedSoftmax {
    QString layer;
    at::Tensor weights;            // batch axis kept
    bool positionalBias = false;
    // A custom attention layer whose first output is Σₜ αₜ·vₜ: the vₜ (B, T, D) it weighs, so that
    // other weights can be put in its place (KerasPassInput::givenLayer); undefined otherwise.
    at::Tensor weighed;
    bool returnsWeights = false;   // its second output is α itself, (B, T, 1) (Bahdanau's call)
};

using Recorder = std::vector<RecordedSoftmax>;

// One built layer: reads its inputs, returns its outputs (most layers one).
using LayerFn = std::function<std::vector<Value>(const std::vector<Value>& inputs, const LayerCall& call, Recorder& recorder)>;

// The weights of one layer in the order Keras keeps them, taken one by one with their expected
// shapes; a mismatch names the layer, the weight and both shapes.
class LayerWeights {
public:
    LayerWeights(std::vector<at::Tensor> arrays, const LayerSpec& spec, const QString& origin);
    size_t size() const { return m_arrays.size(); }
    size_t remaining() const { return m_arrays.size() - m_next; }
    // The next array, which must have `shape` (-1: any size on that axis).
    at::Tensor take(const char* what, std::vector<int64_t> shape);
    // The next array if there is one (optional weights such as a bias), else an undefined tensor.
    at::Tensor takeIf(bool present, const char* what, std::vector<int64_t> shape);
    const at::Tensor& peek(size_t index) const { return m_arrays.at(m_next + index); }
    void expectDone() const;   // every array used: more arrays than the config explains is an error
    QString layerText() const;

private:
    std::vector<at::Tensor> m_arrays;
    size_t m_next = 0;
    const LayerSpec& m_spec;
    QString m_origin;
};

// Keras's activations by name ("" and "linear": none); `keras3` picks Keras 3's hard_sigmoid
// (x/6 + 0.5) over Keras 2's (0.2x + 0.5). Throws StudioError naming the layer for an unknown one.
Nonlinearity nonlinearityOf(const QString& name, bool keras3, const QString& where);
// One applied with LibTorch's ops (softmax over the last axis).
at::Tensor applyNonlinearity(Nonlinearity kind, const at::Tensor& x);
std::function<at::Tensor(const at::Tensor&)> activationFn(const QString& name, bool keras3, const QString& where);

// A StudioError naming the file, the layer (name, class, position) and what is wrong.
[[noreturn]] void layerError(const QString& origin, const LayerSpec& spec, const QString& problem);

int intConfig(const QJsonObject& config, const char* key, int fallback);
bool boolConfig(const QJsonObject& config, const char* key, bool fallback);
// An int or a one-element list ([3] or 3), as Conv1D and pooling configs write sizes.
int firstInt(const QJsonValue& value, int fallback);

// What building a model learns beyond its layers: notes for a person, and the formulas a custom
// attention layer's weights fit (the default first) when they fit more than one.
struct BuildNotes {
    QStringList notes;
    QStringList formulas;
};

// Builders, by family. Each returns an empty function when the class is not its family.
LayerFn buildCoreLayer(const LayerSpec& spec, LayerWeights& weights, bool keras3, const QString& origin);
// `zeroMaskedInBidirectional`: tf.keras and Keras 3 make a Bidirectional's halves output zeros at
// masked steps when it returns sequences (zero_output_for_mask); Keras 2.x multi-backend repeats
// the previous output.
LayerFn buildRecurrentLayer(const LayerSpec& spec, LayerWeights& weights, bool keras3, bool zeroMaskedInBidirectional,
                            const QString& origin);
LayerFn buildAttentionLayer(const LayerSpec& spec, LayerWeights& weights, bool keras3, const QString& origin,
                            const QString& formula, BuildNotes* notes);

} // namespace studio::keras
