#include "external/keras/KerasModel.h"

#include "common/StudioError.h"
#include "external/keras/KerasGraph.h"
#include "external/keras/KerasLayerKit.h"
#include "external/keras/KerasPass.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <c10/core/InferenceMode.h>

#include <map>

namespace studio::keras {
namespace {

// Keras 3's naming.to_snake_case: how a .keras weights file keys layers ("layers/lstm_1").
QString snakeCase(const QString& name)
{
    QString text = name;
    text.replace(QRegularExpression(QStringLiteral("(.)([A-Z][a-z]+)")), QStringLiteral("\\1_\\2"));
    text.replace(QRegularExpression(QStringLiteral("([a-z0-9])([A-Z])")), QStringLiteral("\\1_\\2"));
    return text.toLower();
}

at::Tensor toTensor(const WeightArray& array, at::ScalarType type)
{
    return at::from_blob(const_cast<float*>(array.values.data()), array.shape, at::kFloat).to(type, /*non_blocking=*/false, /*copy=*/true);
}

// Sub-groups of a layer in the order the layer's weights are listed in a legacy file: a
// Bidirectional's forward half before its backward half, MultiHeadAttention's query, key, value
// and output projections; otherwise by path.
int subgroupRank(const QString& path)
{
    static const QStringList order{QStringLiteral("forward"), QStringLiteral("backward"), QStringLiteral("query"),
                                   QStringLiteral("key"),     QStringLiteral("value"),    QStringLiteral("output")};
    const QString last = path.section(QLatin1Char('/'), -1);
    for (int i = 0; i < order.size(); ++i)
        if (last.contains(order.at(i)) || path.contains(order.at(i) + QLatin1Char('_')))
            return i;
    return static_cast<int>(order.size());
}

// Keras 2.13's .keras writer keys layers under this group (later versions under "layers").
const QString kTf213Container = QStringLiteral("_layer_checkpoint_dependencies/");

std::vector<at::Tensor> zipWeights(const KerasArchive& archive, const QString& container, const QString& key, at::ScalarType type)
{
    const QString prefix = container + key;
    std::vector<std::pair<QString, const std::vector<WeightArray>*>> groups;
    for (const auto& [path, arrays] : archive.varGroups)
        if (path == prefix || path.startsWith(prefix + QLatin1Char('/')))
            groups.emplace_back(path, &arrays);
    std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
        if (a.first == prefix || b.first == prefix)
            return a.first == prefix && b.first != prefix;
        const int ra = subgroupRank(a.first);
        const int rb = subgroupRank(b.first);
        return ra != rb ? ra < rb : a.first < b.first;
    });
    std::vector<at::Tensor> tensors;
    for (const auto& group : groups)
        for (const WeightArray& array : *group.second)
            tensors.push_back(toTensor(array, type));
    return tensors;
}

bool isKnownKerasClass(const QString& name)
{
    static const QStringList known{
        QStringLiteral("InputLayer"), QStringLiteral("Embedding"), QStringLiteral("Masking"), QStringLiteral("LSTM"),
        QStringLiteral("GRU"), QStringLiteral("SimpleRNN"), QStringLiteral("CuDNNLSTM"), QStringLiteral("CuDNNGRU"),
        QStringLiteral("Bidirectional"), QStringLiteral("Dense"), QStringLiteral("TimeDistributed"), QStringLiteral("Conv1D"),
        QStringLiteral("MaxPooling1D"), QStringLiteral("Activation"), QStringLiteral("Softmax"), QStringLiteral("Dropout"),
        QStringLiteral("SpatialDropout1D"), QStringLiteral("BatchNormalization"), QStringLiteral("Flatten"),
        QStringLiteral("Reshape"), QStringLiteral("RepeatVector"), QStringLiteral("Permute"), QStringLiteral("Multiply"),
        QStringLiteral("Add"), QStringLiteral("Subtract"), QStringLiteral("Concatenate"), QStringLiteral("Dot"),
        QStringLiteral("Average"), QStringLiteral("Merge"), QStringLiteral("GlobalAveragePooling1D"),
        QStringLiteral("GlobalMaxPooling1D"), QStringLiteral("Lambda"), QStringLiteral("AdditiveAttention"),
        QStringLiteral("MultiHeadAttention"), QStringLiteral("Conv2D"), QStringLiteral("LayerNormalization")};
    return known.contains(name);
}

struct BuiltLayer {
    const LayerSpec* spec = nullptr;
    LayerFn call;
};

QString refKey(const TensorRef& ref)
{
    return QStringLiteral("%1:%2:%3").arg(ref.layer).arg(ref.node).arg(ref.tensor);
}

// tf.keras ("2.2.4-tf", and every version from 2.4, when multi-backend Keras became a wrapper of
// it) and Keras 3, as opposed to Keras 1/2 multi-backend: they differ in masked Bidirectional
// outputs.
bool isTfKerasOrLater(const QString& version)
{
    if (version.endsWith(QLatin1String("-tf")))
        return true;
    const QStringList parts = version.split(QLatin1Char('.'));
    const int major = parts.value(0).toInt();
    const int minor = parts.value(1).toInt();
    return major > 2 || (major == 2 && minor >= 4);
}

} // namespace

struct KerasModel::Impl {
    QString origin;
    KerasGraph graph;
    std::vector<BuiltLayer> layers;
    KerasInputSpec input;
    QString description;
    BuildNotes notes;
    std::vector<at::Tensor> keepAlive;
    at::ScalarType type = at::kFloat;
    QString inputEmbedding;  // the Embedding that reads the input ids, when one does
};

KerasModel::KerasModel(const KerasArchive& archive, const QString& formula, KerasPrecision precision)
    : d(std::make_unique<Impl>())
{
    d->type = precision == KerasPrecision::Float64 ? at::kDouble : at::kFloat;
    d->origin = QFileInfo(archive.path).fileName();
    d->graph = parseKerasGraph(archive.modelConfig, d->origin);
    const bool keras3 = archive.kerasVersion.startsWith(QLatin1Char('3'));
    const bool zip = archive.format == KerasFileFormat::KerasZip;

    // .keras: each layer is keyed by its snake-case class name and how many came before it. Keras
    // 2.13 lists a layer with weights twice in the container it walks (as "layer_with_weights-i"
    // and "layer-j"), saving it once but counting it twice.
    QHash<QString, int> seen;
    bool tf213 = false;
    for (const auto& [path, arrays] : archive.varGroups)
        tf213 = tf213 || path.startsWith(kTf213Container);
    const QString container = tf213 ? kTf213Container : QStringLiteral("layers/");
    QStringList classes;
    for (const LayerSpec& spec : d->graph.layers) {
        std::vector<at::Tensor> arrays;
        const QString snake = snakeCase(spec.className);
        const int count = seen.value(snake, 0);
        if (zip) {
            arrays = zipWeights(archive, container, count == 0 ? snake : QStringLiteral("%1_%2").arg(snake).arg(count), d->type);
            seen[snake] = count + (tf213 && !arrays.empty() ? 2 : 1);
        } else {
            const auto found = archive.layerWeights.find(spec.name);
            if (found != archive.layerWeights.end())
                for (const WeightArray& array : found->second)
                    arrays.push_back(toTensor(array, d->type));
        }
        LayerWeights weights(std::move(arrays), spec, d->origin);
        LayerFn fn = buildCoreLayer(spec, weights, keras3, d->origin);
        if (!fn)
            fn = buildRecurrentLayer(spec, weights, keras3, isTfKerasOrLater(archive.kerasVersion), d->origin);
        if (!fn && (!isKnownKerasClass(spec.className) || spec.className == QLatin1String("AdditiveAttention")
                    || spec.className == QLatin1String("Attention") || spec.className == QLatin1String("MultiHeadAttention")))
            fn = buildAttentionLayer(spec, weights, keras3, d->origin, formula, &d->notes);
        if (!fn)
            layerError(d->origin, spec,
                       isKnownKerasClass(spec.className)
                           ? QStringLiteral("Attention Studio does not run this Keras layer yet")
                           : QStringLiteral("it is not a Keras layer and has no weights by which a known attention layer could be "
                                            "recognised; its code is not in the file"));
        weights.expectDone();
        d->layers.push_back(BuiltLayer{&spec, std::move(fn)});
        if (spec.className != QLatin1String("InputLayer"))
            classes << (spec.className == QLatin1String("Bidirectional")
                            ? QStringLiteral("Bidirectional(%1)").arg(spec.config.value(QStringLiteral("layer")).toObject()
                                                                          .value(QStringLiteral("class_name")).toString())
                            : spec.className);

        // eₜ of a token model: the Embedding called once, on the model's input itself.
        if (spec.className == QLatin1String("Embedding") && d->inputEmbedding.isEmpty() && spec.calls.size() == 1
            && spec.calls.front().inputs.size() == 1
            && (spec.calls.front().inputs.front().layer == d->graph.inputs.front().layer
                || spec.calls.front().inputs.front().layer == QLatin1String("__input__")))
            d->inputEmbedding = spec.name;
        if (spec.className == QLatin1String("Embedding") && d->input.vocabulary == 0) {
            d->input.vocabulary = intConfig(spec.config, "input_dim", 0);
            if (d->input.input == ModelInputKind::Unknown)
                d->input.input = ModelInputKind::Tokens;
        }
        if ((spec.className == QLatin1String("Embedding") && boolConfig(spec.config, "mask_zero", false))
            || spec.className == QLatin1String("Masking"))
            d->input.masksPadding = true;
        if (spec.className != QLatin1String("InputLayer") && d->input.input == ModelInputKind::Unknown)
            d->input.input = ModelInputKind::Series;  // the first real layer reads numbers, not ids
    }
    const std::vector<int64_t>& shape = d->graph.inputShape;
    if (!shape.empty())
        d->input.steps = std::max<int64_t>(shape.front(), 0);
    if (d->input.input == ModelInputKind::Series && shape.size() >= 2)
        d->input.features = std::max<int64_t>(shape.back(), 0);
    d->description = QStringLiteral("Keras%1 %2: %3")
                         .arg(archive.kerasVersion.isEmpty() ? QString() : QStringLiteral(" ") + archive.kerasVersion,
                              d->graph.modelClass, classes.join(QStringLiteral(", ")));
}

KerasModel::~KerasModel() = default;

const KerasInputSpec& KerasModel::inputSpec() const { return d->input; }
QString KerasModel::description() const { return d->description; }

bool KerasModel::outputsProbabilities() const
{
    const QString activation = outputActivation();
    return activation == QLatin1String("sigmoid") || activation == QLatin1String("softmax");
}

QString KerasModel::outputActivation() const
{
    const LayerSpec* last = d->graph.layer(d->graph.outputs.front().layer);
    if (!last)
        return QStringLiteral("linear");
    if (last->className == QLatin1String("Softmax"))
        return QStringLiteral("softmax");
    const QJsonObject config = last->className == QLatin1String("TimeDistributed")
                                   ? last->config.value(QStringLiteral("layer")).toObject().value(QStringLiteral("config")).toObject()
                                   : last->config;
    const QString activation = activationName(config.value(QStringLiteral("activation")));
    return activation.isEmpty() ? QStringLiteral("linear") : activation;
}

QString KerasModel::inputEmbedding() const { return d->inputEmbedding; }
KerasPrecision KerasModel::precision() const { return d->type == at::kDouble ? KerasPrecision::Float64 : KerasPrecision::Float32; }
QStringList KerasModel::notes() const { return d->notes.notes; }
QStringList KerasModel::formulas() const { return d->notes.formulas; }

KerasRun KerasModel::run(const std::vector<int64_t>& ids, const std::vector<float>& series, int64_t features) const
{
    c10::InferenceMode guard;  // thread-local: on the thread that runs the model
    KerasPassInput input;
    if (!ids.empty()) {
        input.input = at::from_blob(const_cast<int64_t*>(ids.data()), {1, static_cast<int64_t>(ids.size())}, at::kLong).clone();
    } else {
        if (features <= 0 || series.size() % static_cast<size_t>(features) != 0)
            throw StudioError(QStringLiteral("The series for %1 is not a whole number of rows of %2 values.").arg(d->origin).arg(features));
        const auto steps = static_cast<int64_t>(series.size()) / features;
        input.input = at::from_blob(const_cast<float*>(series.data()), {1, steps, features}, at::kFloat)
                          .to(d->type, /*non_blocking=*/false, /*copy=*/true);
    }
    const KerasPass pass = this->pass(input);
    KerasRun run;
    const at::Tensor prediction = pass.output.to(at::kFloat).contiguous().reshape({-1});
    run.prediction.assign(prediction.data_ptr<float>(), prediction.data_ptr<float>() + prediction.numel());
    for (const RecordedSoftmax& recorded : pass.softmaxes) {
        const at::Tensor weights = recorded.weights.select(0, 0).to(at::kFloat).contiguous();
        SoftmaxOutput softmax;
        softmax.layer = recorded.layer;
        softmax.shape.assign(weights.sizes().begin(), weights.sizes().end());
        softmax.values.assign(weights.data_ptr<float>(), weights.data_ptr<float>() + weights.numel());
        softmax.positionalBias = recorded.positionalBias;
        run.softmaxes.push_back(std::move(softmax));
    }
    return run;
}

KerasPass KerasModel::pass(const KerasPassInput& input) const
{
    const at::Tensor& x = input.input;
    std::map<QString, Value> tensors;
    const TensorRef& inputRef = d->graph.inputs.front();
    tensors[refKey(inputRef)] = Value{x, {}};
    tensors[QStringLiteral("__input__:0:0")] = Value{x, {}};

    KerasPass result;
    Recorder& recorder = result.softmaxes;
    // Layers come in topological order in every Keras config; a call whose inputs are not there
    // yet (a shared layer used later) waits for another pass.
    std::vector<std::vector<bool>> done(d->layers.size());
    for (size_t i = 0; i < d->layers.size(); ++i)
        done[i].assign(d->layers[i].spec->calls.size(), false);
    bool progress = true;
    while (progress) {
        progress = false;
        for (size_t i = 0; i < d->layers.size(); ++i) {
            const BuiltLayer& layer = d->layers[i];
            if (layer.spec->className == QLatin1String("InputLayer"))
                continue;
            for (size_t n = 0; n < layer.spec->calls.size(); ++n) {
                if (done[i][n])
                    continue;
                const LayerCall& call = layer.spec->calls[n];
                std::vector<Value> inputs;
                bool ready = true;
                for (const TensorRef& ref : call.inputs) {
                    const auto found = tensors.find(refKey(ref));
                    if (found == tensors.end()) {
                        ready = false;
                        break;
                    }
                    inputs.push_back(found->second);
                }
                if (!ready || inputs.empty())
                    continue;
                std::vector<Value> outputs;
                const bool given = !input.givenLayer.isEmpty() && layer.spec->name == input.givenLayer;
                try {
                    if (given) {
                        for (const at::Tensor& tensor : input.givenOutputs)
                            outputs.push_back(Value{tensor, {}});
                    } else {
                        outputs = layer.call(inputs, call, recorder);
                    }
                } catch (const c10::Error& error) {
                    layerError(d->origin, *layer.spec,
                               QStringLiteral("it failed on its input of shape (%1): %2")
                                   .arg(QString::fromStdString(c10::str(inputs.front().x.sizes())),
                                        QString::fromUtf8(error.what_without_backtrace()).section(QLatin1Char('\n'), 0, 0)));
                }
                if (!d->inputEmbedding.isEmpty() && layer.spec->name == d->inputEmbedding) {
                    if (input.embedding.defined())
                        outputs.at(0).x = input.embedding;  // the mask stays the ids' own
                    result.embedding = outputs.at(0).x;
                }
                for (size_t t = 0; t < outputs.size(); ++t)
                    tensors[refKey(TensorRef{layer.spec->name, static_cast<int>(n), static_cast<int>(t)})] = outputs[t];
                done[i][n] = true;
                progress = true;
            }
        }
    }
    const auto output = tensors.find(refKey(d->graph.outputs.front()));
    if (output == tensors.end())
        throw StudioError(QStringLiteral("%1: the model's output layer \"%2\" could not be reached from its input.")
                              .arg(d->origin, d->graph.outputs.front().layer));
    result.output = output->second.x;
    return result;
}

} // namespace studio::keras
