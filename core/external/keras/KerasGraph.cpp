#include "external/keras/KerasGraph.h"

#include "common/StudioError.h"

#include <QJsonArray>

namespace studio::keras {
namespace {

std::vector<int64_t> shapeWithoutBatch(const QJsonValue& value)
{
    std::vector<int64_t> shape;
    const QJsonArray array = value.toArray();
    for (int i = 1; i < array.size(); ++i)
        shape.push_back(array.at(i).isNull() ? -1 : array.at(i).toInteger());
    return shape;
}

// The input shape a first layer declares: batch_input_shape (Keras 2), batch_shape (Keras 3
// InputLayer), or input_shape / input_dim + input_length (Keras 1 and shorthands).
bool declaredInput(const QJsonObject& config, std::vector<int64_t>* shape, QString* dtype)
{
    if (config.contains(QStringLiteral("batch_input_shape")))
        *shape = shapeWithoutBatch(config.value(QStringLiteral("batch_input_shape")));
    else if (config.contains(QStringLiteral("batch_shape")))
        *shape = shapeWithoutBatch(config.value(QStringLiteral("batch_shape")));
    else if (config.contains(QStringLiteral("input_shape"))) {
        shape->clear();
        for (const QJsonValue& v : config.value(QStringLiteral("input_shape")).toArray())
            shape->push_back(v.isNull() ? -1 : v.toInteger());
    } else if (config.contains(QStringLiteral("input_length")) || config.contains(QStringLiteral("input_dim"))) {
        const QJsonValue length = config.value(QStringLiteral("input_length"));
        *shape = {length.isNull() || length.isUndefined() ? -1 : length.toInteger()};
    } else {
        return false;
    }
    const QJsonValue type = config.value(QStringLiteral("dtype"));
    *dtype = type.isObject() ? type.toObject().value(QStringLiteral("config")).toObject().value(QStringLiteral("name")).toString()
                             : type.toString();
    return true;
}

TensorRef refFromArray(const QJsonArray& item)
{
    return TensorRef{item.at(0).toString(), item.at(1).toInt(), item.at(2).toInt()};
}

// Keras 3: the args of a call hold __keras_tensor__ objects, possibly inside lists.
void collectKerasTensors(const QJsonValue& value, std::vector<TensorRef>& refs)
{
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            collectKerasTensors(item, refs);
        return;
    }
    const QJsonObject object = value.toObject();
    if (object.value(QStringLiteral("class_name")).toString() == QLatin1String("__keras_tensor__")) {
        const QJsonArray history = object.value(QStringLiteral("config")).toObject().value(QStringLiteral("keras_history")).toArray();
        refs.push_back(refFromArray(history));
    }
}

// Tensors passed by keyword follow the positional ones: Keras's own names first, in the order
// its attention layers take them (MultiHeadAttention's value, then key), then any other keyword
// (a custom layer's call(query, values)) in name order, as the JSON object keeps them.
QStringList tensorKeywords(const QJsonObject& kwargs)
{
    QStringList keywords{QStringLiteral("query"), QStringLiteral("value"), QStringLiteral("key")};
    // A mask passed along is the mask of an input already read, not another input.
    const QStringList notInputs{QStringLiteral("mask"), QStringLiteral("training"), QStringLiteral("initial_state")};
    for (const QString& key : kwargs.keys())
        if (!keywords.contains(key) && !notInputs.contains(key))
            keywords << key;
    return keywords;
}

// tf.keras writes a tensor passed by keyword as [layer, node, tensor].
bool isTensorTriple(const QJsonValue& value)
{
    const QJsonArray array = value.toArray();
    return array.size() == 3 && array.at(0).isString() && array.at(1).isDouble() && array.at(2).isDouble();
}

std::vector<LayerCall> parseCalls(const QJsonArray& inboundNodes)
{
    std::vector<LayerCall> calls;
    for (const QJsonValue& node : inboundNodes) {
        LayerCall call;
        if (node.isObject()) {  // Keras 3
            collectKerasTensors(node.toObject().value(QStringLiteral("args")), call.inputs);
            call.kwargs = node.toObject().value(QStringLiteral("kwargs")).toObject();
            for (const QString& keyword : tensorKeywords(call.kwargs))
                collectKerasTensors(call.kwargs.value(keyword), call.inputs);
        } else {  // Keras 1/2, tf.keras: [[layer, node, tensor, kwargs], ...]
            for (const QJsonValue& item : node.toArray()) {
                const QJsonArray array = item.toArray();
                call.inputs.push_back(refFromArray(array));
                if (array.size() > 3 && array.at(3).isObject())
                    call.kwargs = array.at(3).toObject();
            }
            for (const QString& keyword : tensorKeywords(call.kwargs))
                if (isTensorTriple(call.kwargs.value(keyword)))
                    call.inputs.push_back(refFromArray(call.kwargs.value(keyword).toArray()));
        }
        calls.push_back(std::move(call));
    }
    return calls;
}

std::vector<TensorRef> parseEnds(const QJsonValue& value)
{
    std::vector<TensorRef> refs;
    const QJsonArray array = value.toArray();
    // A single output may be written as ["dense", 0, 0] instead of [["dense", 0, 0]].
    if (!array.isEmpty() && array.at(0).isString()) {
        refs.push_back(refFromArray(array));
        return refs;
    }
    for (const QJsonValue& item : array)
        refs.push_back(refFromArray(item.toArray()));
    return refs;
}

} // namespace

const LayerSpec* KerasGraph::layer(const QString& name) const
{
    for (const LayerSpec& spec : layers)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

QString activationName(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    const QJsonObject object = value.toObject();
    if (object.contains(QStringLiteral("config")) && object.value(QStringLiteral("config")).isObject()) {
        const QString name = object.value(QStringLiteral("config")).toObject().value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            return name;
    }
    return object.value(QStringLiteral("class_name")).toString();
}

KerasGraph parseKerasGraph(const QJsonObject& modelConfig, const QString& origin)
{
    KerasGraph graph;
    graph.modelClass = modelConfig.value(QStringLiteral("class_name")).toString();
    const QJsonValue body = modelConfig.value(QStringLiteral("config"));
    // Keras 2.0–2.2 Sequential: config is the list of layers itself.
    const QJsonArray layers = body.isArray() ? body.toArray() : body.toObject().value(QStringLiteral("layers")).toArray();
    if (graph.modelClass.isEmpty() || layers.isEmpty())
        throw StudioError(QStringLiteral("%1 has no model architecture Attention Studio can read (no layers in its config).").arg(origin));
    const bool sequential = graph.modelClass == QLatin1String("Sequential");

    QString previous;
    int position = 0;
    for (const QJsonValue& value : layers) {
        const QJsonObject object = value.toObject();
        LayerSpec spec;
        spec.className = object.value(QStringLiteral("class_name")).toString();
        spec.config = object.value(QStringLiteral("config")).toObject();
        spec.name = object.value(QStringLiteral("name")).toString(spec.config.value(QStringLiteral("name")).toString());
        spec.position = ++position;
        if (spec.name.isEmpty())
            spec.name = QStringLiteral("layer_%1").arg(position);
        if (sequential) {
            if (graph.inputShape.empty())
                declaredInput(spec.config, &graph.inputShape, &graph.inputDtype);
            if (spec.className == QLatin1String("InputLayer")) {
                graph.inputs = {TensorRef{spec.name, 0, 0}};
            } else {
                LayerCall call;
                if (!previous.isEmpty())
                    call.inputs.push_back(TensorRef{previous, 0, 0});
                else
                    graph.inputs = {TensorRef{QStringLiteral("__input__"), 0, 0}};
                spec.calls.push_back(call);
            }
            previous = spec.name;
        } else {
            spec.calls = parseCalls(object.value(QStringLiteral("inbound_nodes")).toArray());
            if (spec.className == QLatin1String("InputLayer") && graph.inputShape.empty())
                declaredInput(spec.config, &graph.inputShape, &graph.inputDtype);
        }
        graph.layers.push_back(std::move(spec));
    }
    if (sequential) {
        graph.outputs = {TensorRef{previous, 0, 0}};
    } else {
        graph.inputs = parseEnds(body.toObject().value(QStringLiteral("input_layers")));
        graph.outputs = parseEnds(body.toObject().value(QStringLiteral("output_layers")));
        if (graph.inputs.empty() || graph.outputs.empty())
            throw StudioError(QStringLiteral("%1's model config names no input or output layers.").arg(origin));
    }
    if (graph.inputs.size() != 1)
        throw StudioError(QStringLiteral("%1's model takes %2 inputs; Attention Studio runs models with one input sequence.")
                              .arg(origin)
                              .arg(graph.inputs.size()));
    return graph;
}

} // namespace studio::keras
