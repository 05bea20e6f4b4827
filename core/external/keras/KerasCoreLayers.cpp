// Keras's core, convolution, pooling, reshaping and merging layers, with Keras's mask rules:
// Embedding(mask_zero) and Masking make a mask; layers that keep the time axis pass it on; merges
// combine it (logical and); pooling, Flatten and Lambda consume it.

#include "external/keras/KerasLayerKit.h"
#include "external/keras/LambdaCode.h"

#include "common/StudioError.h"

#include <QJsonArray>

#include <cmath>

namespace studio::keras {
namespace {

std::vector<Value> one(const at::Tensor& x, const at::Tensor& mask = {})
{
    return {Value{x, mask}};
}

at::Tensor andMasks(const std::vector<Value>& inputs)
{
    at::Tensor mask;
    for (const Value& in : inputs)
        if (in.mask.defined())
            mask = mask.defined() ? at::logical_and(mask, in.mask) : in.mask;
    return mask;
}

// Keras axis (batch axis 0; negative from the end) for a tensor of `rank` dims.
int64_t axisOf(int axis, int64_t rank)
{
    return axis < 0 ? rank + axis : axis;
}

LayerFn dense(const LayerSpec& spec, LayerWeights& weights, bool keras3, const QString& where, const QJsonObject& config)
{
    const int64_t units = intConfig(config, "units", intConfig(config, "output_dim", 0));
    const at::Tensor kernel = weights.take("kernel", {-1, units});
    const at::Tensor bias = weights.takeIf(boolConfig(config, "use_bias", true), "bias", {units});
    const QString activationText = activationName(config.value(QStringLiteral("activation")));
    const auto activation = activationFn(activationText, keras3, where);
    const bool softmax = activationText == QLatin1String("softmax");
    const QString name = spec.name;
    return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder& recorder) {
        at::Tensor y = at::matmul(inputs.at(0).x, kernel);
        if (bias.defined())
            y = y + bias;
        y = activation(y);
        if (softmax)
            recorder.push_back({name, y});
        return one(y, inputs.at(0).mask);
    };
}

// Keras's 'same' padding for a window of `span` steps moved by `stride`: the extra goes right.
std::pair<int64_t, int64_t> samePadding(int64_t length, int64_t span, int64_t stride)
{
    const int64_t outLength = (length + stride - 1) / stride;
    const int64_t total = std::max<int64_t>((outLength - 1) * stride + span - length, 0);
    return {total / 2, total - total / 2};
}

LayerFn conv1d(const LayerSpec& spec, LayerWeights& weights, bool keras3, const QString& where, const QString& origin)
{
    const QJsonObject& config = spec.config;
    const int64_t filters = intConfig(config, "filters", 0);
    const int64_t size = firstInt(config.value(QStringLiteral("kernel_size")), 1);
    const int64_t stride = firstInt(config.value(QStringLiteral("strides")), 1);
    const int64_t dilation = firstInt(config.value(QStringLiteral("dilation_rate")), 1);
    const QString padding = config.value(QStringLiteral("padding")).toString(QStringLiteral("valid"));
    if (config.value(QStringLiteral("data_format")).toString(QStringLiteral("channels_last")) != QLatin1String("channels_last"))
        layerError(origin, spec, QStringLiteral("it is channels_first, which Attention Studio does not run"));
    if (intConfig(config, "groups", 1) != 1)
        layerError(origin, spec, QStringLiteral("it is a grouped convolution, which Attention Studio does not run"));
    // Keras (size, in, out) -> torch (out, in, size).
    const at::Tensor kernel = weights.take("kernel", {size, -1, filters}).permute({2, 1, 0}).contiguous();
    const at::Tensor bias = weights.takeIf(boolConfig(config, "use_bias", true), "bias", {filters});
    const auto activation = activationFn(activationName(config.value(QStringLiteral("activation"))), keras3, where);
    return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
        at::Tensor x = inputs.at(0).x.transpose(1, 2);  // (B, C, T)
        const int64_t span = (size - 1) * dilation + 1;
        if (padding == QLatin1String("causal")) {
            x = at::constant_pad_nd(x, {span - 1, 0});
        } else if (padding == QLatin1String("same")) {
            const auto [left, right] = samePadding(x.size(2), span, stride);
            x = at::constant_pad_nd(x, {left, right});
        }
        const at::Tensor y = at::conv1d(x, kernel, bias, at::IntArrayRef{stride}, at::IntArrayRef{0}, at::IntArrayRef{dilation});
        return one(activation(y.transpose(1, 2)));
    };
}

LayerFn pooling1d(const LayerSpec& spec, bool maximum)
{
    const int64_t size = firstInt(spec.config.value(QStringLiteral("pool_size")), 2);
    const QJsonValue strideValue = spec.config.value(QStringLiteral("strides"));
    const int64_t stride = strideValue.isNull() || strideValue.isUndefined() ? size : firstInt(strideValue, size);
    const bool same = spec.config.value(QStringLiteral("padding")).toString() == QLatin1String("same");
    return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
        at::Tensor x = inputs.at(0).x.transpose(1, 2);
        if (same) {
            const auto [left, right] = samePadding(x.size(2), size, stride);
            if (maximum) {
                x = at::constant_pad_nd(x, {left, right}, -std::numeric_limits<double>::infinity());
            } else {
                // Keras averages 'same' windows over the real steps only.
                const at::Tensor ones = at::constant_pad_nd(at::ones_like(x), {left, right});
                x = at::constant_pad_nd(x, {left, right});
                const at::Tensor sums = at::avg_pool1d(x, {size}, {stride}) * size;
                const at::Tensor counts = at::avg_pool1d(ones, {size}, {stride}) * size;
                return one((sums / counts).transpose(1, 2));
            }
        }
        const at::Tensor y = maximum ? at::max_pool1d(x, {size}, {stride}) : at::avg_pool1d(x, {size}, {stride});
        return one(y.transpose(1, 2));
    };
}

LayerFn batchNormalization(const LayerSpec& spec, LayerWeights& weights, const QString& origin)
{
    const QJsonObject& config = spec.config;
    const QJsonValue axisValue = config.value(QStringLiteral("axis"));
    const int axis = axisValue.isArray() ? axisValue.toArray().at(0).toInt(-1) : axisValue.toInt(-1);
    const double epsilon = config.value(QStringLiteral("epsilon")).toDouble(1e-3);
    const at::Tensor gamma = weights.takeIf(boolConfig(config, "scale", true), "gamma", {-1});
    const at::Tensor beta = weights.takeIf(boolConfig(config, "center", true), "beta", {-1});
    const at::Tensor mean = weights.take("moving_mean", {-1});
    const at::Tensor variance = weights.take("moving_variance", {-1});
    return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
        const at::Tensor& x = inputs.at(0).x;
        const int64_t along = axisOf(axis, x.dim());
        if (along != x.dim() - 1)
            layerError(origin, spec, QStringLiteral("it normalises axis %1, but Attention Studio runs only the last axis").arg(axis));
        at::Tensor y = (x - mean) / at::sqrt(variance + epsilon);
        if (gamma.defined())
            y = y * gamma;
        if (beta.defined())
            y = y + beta;
        return one(y, inputs.at(0).mask);
    };
}

std::vector<int64_t> intList(const QJsonValue& value)
{
    std::vector<int64_t> list;
    for (const QJsonValue& item : value.toArray())
        list.push_back(item.isNull() ? -1 : item.toInteger());
    return list;
}

// Keras's batch_dot: contract axis a of x with axis b of y, batch axis kept.
at::Tensor batchDot(at::Tensor x, at::Tensor y, int64_t a, int64_t b)
{
    x = x.movedim(a, -1);
    y = y.movedim(b, 1);
    const int64_t contracted = x.size(-1);
    std::vector<int64_t> xRest(x.sizes().begin() + 1, x.sizes().end() - 1);
    std::vector<int64_t> yRest(y.sizes().begin() + 2, y.sizes().end());
    const at::Tensor product = at::bmm(x.reshape({x.size(0), -1, contracted}), y.reshape({y.size(0), contracted, -1}));
    std::vector<int64_t> shape{x.size(0)};
    shape.insert(shape.end(), xRest.begin(), xRest.end());
    shape.insert(shape.end(), yRest.begin(), yRest.end());
    if (shape.size() == 1)
        shape.push_back(1);  // two vectors: Keras keeps (batch, 1)
    return product.reshape(shape);
}

LayerFn dot(const LayerSpec& spec)
{
    const QJsonValue axesValue = spec.config.value(QStringLiteral("axes"));
    const int axisX = axesValue.isArray() ? axesValue.toArray().at(0).toInt() : axesValue.toInt();
    const int axisY = axesValue.isArray() ? axesValue.toArray().at(1).toInt() : axesValue.toInt();
    const bool normalize = boolConfig(spec.config, "normalize", false);
    return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
        at::Tensor x = inputs.at(0).x;
        at::Tensor y = inputs.at(1).x;
        const int64_t a = axisOf(axisX, x.dim());
        const int64_t b = axisOf(axisY, y.dim());
        if (normalize) {  // Keras's l2_normalize: x / sqrt(max(sum(x²), 1e-12))
            x = x / at::sqrt(at::clamp_min((x * x).sum(a, true), 1e-12));
            y = y / at::sqrt(at::clamp_min((y * y).sum(b, true), 1e-12));
        }
        return one(batchDot(x, y, a, b));
    };
}

LayerFn mergeLayer(const QString& mode, const QJsonObject& config)
{
    const int axis = config.contains(QStringLiteral("concat_axis")) ? config.value(QStringLiteral("concat_axis")).toInt(-1)
                                                                     : config.value(QStringLiteral("axis")).toInt(-1);
    return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
        at::Tensor y = inputs.at(0).x;
        if (mode == QLatin1String("concat")) {
            std::vector<at::Tensor> parts;
            for (const Value& in : inputs)
                parts.push_back(in.x);
            y = at::cat(parts, axisOf(axis, y.dim()));
        } else {
            for (size_t i = 1; i < inputs.size(); ++i) {
                const at::Tensor& next = inputs[i].x;
                if (mode == QLatin1String("sum") || mode == QLatin1String("ave"))
                    y = y + next;
                else if (mode == QLatin1String("mul"))
                    y = y * next;
                else if (mode == QLatin1String("sub"))
                    y = y - next;
                else if (mode == QLatin1String("max"))
                    y = at::maximum(y, next);
                else if (mode == QLatin1String("min"))
                    y = at::minimum(y, next);
            }
            if (mode == QLatin1String("ave"))
                y = y / static_cast<double>(inputs.size());
        }
        return one(y, andMasks(inputs));
    };
}

LayerFn lambda(const LayerSpec& spec, const QString& origin)
{
    QString found;
    std::optional<LambdaFunction> function;
    try {
        function = recogniseLambda(spec.config.value(QStringLiteral("function")), &found);
    } catch (const StudioError& error) {
        layerError(origin, spec, QStringLiteral("its code cannot be read (%1)").arg(error.message()));
    }
    if (!function)
        layerError(origin, spec, QStringLiteral("its Python code is not a reduction Attention Studio recognises (%1); "
                                                "its code is never run, so only a sum, mean, max or min over one axis opens")
                                     .arg(found));
    const LambdaFunction f = *function;
    return [f](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
        const at::Tensor& x = inputs.at(0).x;
        const int64_t axis = axisOf(f.axis, x.dim());
        switch (f.reduction) {
        case LambdaReduction::Sum: return one(x.sum(axis, f.keepDims));
        case LambdaReduction::Mean: return one(x.mean(axis, f.keepDims));
        case LambdaReduction::Max: return one(std::get<0>(x.max(axis, f.keepDims)));
        case LambdaReduction::Min: return one(std::get<0>(x.min(axis, f.keepDims)));
        }
        return one(x);
    };
}

bool isIdentityLayer(const QString& name)
{
    static const QStringList identities{
        QStringLiteral("Dropout"), QStringLiteral("SpatialDropout1D"), QStringLiteral("GaussianNoise"),
        QStringLiteral("GaussianDropout"), QStringLiteral("AlphaDropout"), QStringLiteral("ActivityRegularization"),
        QStringLiteral("InputLayer")};
    return identities.contains(name);
}

} // namespace

LayerFn buildCoreLayer(const LayerSpec& spec, LayerWeights& weights, bool keras3, const QString& origin)
{
    const QString& cls = spec.className;
    const QJsonObject& config = spec.config;
    const QString where = QStringLiteral("%1: layer \"%2\"").arg(origin, spec.name);
    if (isIdentityLayer(cls))
        return [](const std::vector<Value>& inputs, const LayerCall&, Recorder&) { return std::vector<Value>{inputs.at(0)}; };
    if (cls == QLatin1String("Embedding")) {
        const int64_t rows = intConfig(config, "input_dim", -1);
        const int64_t width = intConfig(config, "output_dim", -1);
        const at::Tensor table = weights.take("embeddings", {rows, width});
        const bool maskZero = boolConfig(config, "mask_zero", false);
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            const at::Tensor ids = inputs.at(0).x.to(at::kLong);
            return one(at::embedding(table, ids), maskZero ? ids.ne(0) : at::Tensor());
        };
    }
    if (cls == QLatin1String("Masking")) {
        const double value = config.value(QStringLiteral("mask_value")).toDouble(0.0);
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            const at::Tensor& x = inputs.at(0).x;
            const at::Tensor mask = x.ne(value).any(-1);
            return one(x * mask.unsqueeze(-1).to(x.scalar_type()), mask);
        };
    }
    if (cls == QLatin1String("Dense"))
        return dense(spec, weights, keras3, where, config);
    if (cls == QLatin1String("TimeDistributed")) {
        const QJsonObject inner = config.value(QStringLiteral("layer")).toObject();
        if (inner.value(QStringLiteral("class_name")).toString() != QLatin1String("Dense"))
            layerError(origin, spec, QStringLiteral("it wraps a %1; Attention Studio runs TimeDistributed(Dense) only")
                                         .arg(inner.value(QStringLiteral("class_name")).toString()));
        // A Dense on the last axis is already applied to every step.
        return dense(spec, weights, keras3, where, inner.value(QStringLiteral("config")).toObject());
    }
    if (cls == QLatin1String("Activation")) {
        const QString name = activationName(config.value(QStringLiteral("activation")));
        const auto activation = activationFn(name, keras3, where);
        const bool softmax = name == QLatin1String("softmax");
        const QString layer = spec.name;
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder& recorder) {
            const at::Tensor y = activation(inputs.at(0).x);
            if (softmax)
                recorder.push_back({layer, y});
            return one(y, inputs.at(0).mask);
        };
    }
    if (cls == QLatin1String("Softmax")) {
        const QJsonValue axisValue = config.value(QStringLiteral("axis"));
        const int axis = axisValue.isArray() ? axisValue.toArray().at(0).toInt(-1) : axisValue.toInt(-1);
        const QString layer = spec.name;
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder& recorder) {
            const at::Tensor& x = inputs.at(0).x;
            const at::Tensor y = at::softmax(x, axisOf(axis, x.dim()));
            recorder.push_back({layer, y});
            return one(y, inputs.at(0).mask);
        };
    }
    if (cls == QLatin1String("Conv1D") || cls == QLatin1String("Convolution1D"))
        return conv1d(spec, weights, keras3, where, origin);
    if (cls == QLatin1String("MaxPooling1D") || cls == QLatin1String("MaxPool1D"))
        return pooling1d(spec, /*maximum=*/true);
    if (cls == QLatin1String("AveragePooling1D") || cls == QLatin1String("AvgPool1D"))
        return pooling1d(spec, /*maximum=*/false);
    if (cls == QLatin1String("BatchNormalization"))
        return batchNormalization(spec, weights, origin);
    if (cls == QLatin1String("Flatten"))
        return [](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            const at::Tensor& x = inputs.at(0).x;
            return one(x.reshape({x.size(0), -1}));
        };
    if (cls == QLatin1String("Reshape")) {
        const std::vector<int64_t> target = intList(config.value(QStringLiteral("target_shape")));
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            const at::Tensor& x = inputs.at(0).x;
            std::vector<int64_t> shape{x.size(0)};
            shape.insert(shape.end(), target.begin(), target.end());
            return one(x.reshape(shape));
        };
    }
    if (cls == QLatin1String("RepeatVector")) {
        const int64_t n = intConfig(config, "n", 1);
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            return one(inputs.at(0).x.unsqueeze(1).expand({-1, n, -1}).contiguous());
        };
    }
    if (cls == QLatin1String("Permute")) {
        const std::vector<int64_t> dims = intList(config.value(QStringLiteral("dims")));
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            std::vector<int64_t> order{0};
            order.insert(order.end(), dims.begin(), dims.end());  // Keras's dims are 1-based
            return one(inputs.at(0).x.permute(order).contiguous());
        };
    }
    if (cls == QLatin1String("Multiply"))
        return mergeLayer(QStringLiteral("mul"), config);
    if (cls == QLatin1String("Add"))
        return mergeLayer(QStringLiteral("sum"), config);
    if (cls == QLatin1String("Subtract"))
        return mergeLayer(QStringLiteral("sub"), config);
    if (cls == QLatin1String("Average"))
        return mergeLayer(QStringLiteral("ave"), config);
    if (cls == QLatin1String("Maximum"))
        return mergeLayer(QStringLiteral("max"), config);
    if (cls == QLatin1String("Minimum"))
        return mergeLayer(QStringLiteral("min"), config);
    if (cls == QLatin1String("Concatenate"))
        return mergeLayer(QStringLiteral("concat"), config);
    if (cls == QLatin1String("Merge")) {  // Keras 1's merge layer
        const QString mode = config.value(QStringLiteral("mode")).toString();
        if (mode == QLatin1String("dot"))
            return dot(spec);
        if (!QStringList{QStringLiteral("mul"), QStringLiteral("sum"), QStringLiteral("concat"), QStringLiteral("ave"),
                         QStringLiteral("max")}.contains(mode))
            layerError(origin, spec, QStringLiteral("its mode \"%1\" is not one Attention Studio runs (mul, sum, concat, ave, max, dot)").arg(mode));
        return mergeLayer(mode, config);
    }
    if (cls == QLatin1String("Dot"))
        return dot(spec);
    if (cls == QLatin1String("GlobalAveragePooling1D") || cls == QLatin1String("GlobalAvgPool1D"))
        return [](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            const Value& in = inputs.at(0);
            if (!in.mask.defined())
                return one(in.x.mean(1));
            const at::Tensor weight = in.mask.to(in.x.scalar_type()).unsqueeze(-1);
            return one((in.x * weight).sum(1) / weight.sum(1));
        };
    if (cls == QLatin1String("GlobalMaxPooling1D") || cls == QLatin1String("GlobalMaxPool1D"))
        return [](const std::vector<Value>& inputs, const LayerCall&, Recorder&) {
            return one(std::get<0>(inputs.at(0).x.max(1)));
        };
    if (cls == QLatin1String("Lambda"))
        return lambda(spec, origin);
    return {};
}

} // namespace studio::keras
