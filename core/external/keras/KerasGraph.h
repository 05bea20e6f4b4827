#pragma once

// The layer graph of a Keras model config, as plain values (no torch): every layer with its class
// and config, and every call of it (node) with the tensors it reads. Sequential models become a
// chain; functional models keep their nodes. Both inbound_nodes formats are read: Keras 1/2 and
// tf.keras ([[["lstm_1", 0, 0, {}]]]) and Keras 3 ({"args": [{"class_name": "__keras_tensor__",
// "config": {"keras_history": ["lstm", 0, 0]}}], "kwargs": {...}}).

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace studio::keras {

struct TensorRef {
    QString layer;
    int node = 0;
    int tensor = 0;
};

struct LayerCall {
    std::vector<TensorRef> inputs;
    QJsonObject kwargs;  // call arguments Keras kept (e.g. use_causal_mask, training)
};

struct LayerSpec {
    QString name;
    QString className;   // "LSTM", "Bidirectional", "Attention" (a custom layer), ...
    QJsonObject config;  // the layer's own config
    std::vector<LayerCall> calls;  // in node order
    int position = 0;    // 1-based place in the config's layer list, for messages
};

struct KerasGraph {
    QString modelClass;                // "Sequential", "Functional", "Model"
    std::vector<LayerSpec> layers;     // in config order (topological)
    std::vector<TensorRef> inputs;
    std::vector<TensorRef> outputs;
    std::vector<int64_t> inputShape;   // batch axis removed; -1 for None
    QString inputDtype;                // "int32", "float32", ...

    const LayerSpec* layer(const QString& name) const;
};

// `origin` names the file in messages. Throws StudioError for a config that is not a Keras model.
KerasGraph parseKerasGraph(const QJsonObject& modelConfig, const QString& origin);

// Keras 3 nests some values as {"class_name": ..., "config": {...}}; activations may be a string
// or such a dict. Returns the plain name ("tanh", "hard_sigmoid").
QString activationName(const QJsonValue& value);

} // namespace studio::keras
