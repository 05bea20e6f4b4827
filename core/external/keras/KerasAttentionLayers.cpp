// Attention layers: Keras's own (Attention, AdditiveAttention) and the custom layers of the
// tutorials, which a file stores without code: recognised by their weight shapes, with the
// formula chosen by the user (--formula) where the shapes fit more than one.

#include "external/keras/KerasLayerKit.h"

#include "common/StudioError.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace studio::keras {
namespace {

constexpr double kMaskedScore = 1e9;  // what Keras subtracts from the scores of masked keys

// Keras's Attention / AdditiveAttention: scores of each query against every key, masked keys
// pushed to -1e9, a causal mask when asked, softmax over keys, the weighted sum of the values.
LayerFn keyValueAttention(const LayerSpec& spec, LayerWeights& weights, bool additive)
{
    const QJsonObject& config = spec.config;
    const bool useScale = boolConfig(config, "use_scale", false);
    const bool concat = config.value(QStringLiteral("score_mode")).toString() == QLatin1String("concat");
    const bool causalConfig = boolConfig(config, "causal", false);
    at::Tensor scale;
    at::Tensor concatWeight;
    if (additive) {
        scale = weights.takeIf(useScale, "scale", {-1});
    } else {
        scale = weights.takeIf(useScale, "scale", {});
        concatWeight = weights.takeIf(concat, "concat_score_weight", {});
    }
    const QString name = spec.name;
    return [=](const std::vector<Value>& inputs, const LayerCall& call, Recorder& recorder) {
        const Value& query = inputs.at(0);
        const Value& value = inputs.at(1);
        const at::Tensor key = inputs.size() > 2 ? inputs[2].x : value.x;
        at::Tensor scores;
        if (additive || concat) {
            at::Tensor sum = query.x.unsqueeze(-2) + key.unsqueeze(-3);  // (B, Tq, Tv, d)
            if (additive) {
                scores = scale.defined() ? (scale * at::tanh(sum)).sum(-1) : at::tanh(sum).sum(-1);
            } else {
                scores = concatWeight * at::tanh(scale.defined() ? scale * sum : sum).sum(-1);
            }
        } else {
            scores = at::matmul(query.x, key.transpose(-1, -2));
            if (scale.defined())
                scores = scores * scale;
        }
        if (value.mask.defined())
            scores = scores - kMaskedScore * value.mask.logical_not().unsqueeze(-2).to(scores.scalar_type());
        const bool causal = causalConfig || call.kwargs.value(QStringLiteral("use_causal_mask")).toBool(false);
        if (causal) {
            const at::Tensor lower = at::ones({scores.size(-2), scores.size(-1)}, scores.options()).tril().to(at::kBool);
            scores = scores - kMaskedScore * lower.logical_not().to(scores.scalar_type());
        }
        const at::Tensor weightsOut = at::softmax(scores, -1);
        recorder.push_back({name, weightsOut});
        at::Tensor result = at::matmul(weightsOut, value.x);
        if (query.mask.defined())
            result = result * query.mask.unsqueeze(-1).to(result.scalar_type());
        return std::vector<Value>{Value{result, query.mask}};
    };
}

// Keras's MultiHeadAttention: per-head projections (EinsumDense kernels (d, heads, size)), scaled
// dot products over keys masked by the query and value masks, softmax, and the output projection.
// The weights of every head are recorded: (heads, Tq, Tk).
LayerFn multiHeadAttention(const LayerSpec& spec, LayerWeights& weights, const QString& origin)
{
    const QJsonObject& config = spec.config;
    const int64_t heads = intConfig(config, "num_heads", 1);
    const int64_t keySize = intConfig(config, "key_dim", 0);
    const QJsonValue valueDim = config.value(QStringLiteral("value_dim"));
    const int64_t valueSize = valueDim.isDouble() ? valueDim.toInt() : keySize;
    const bool useBias = boolConfig(config, "use_bias", true);
    if (config.value(QStringLiteral("attention_axes")).isArray() && config.value(QStringLiteral("attention_axes")).toArray().size() > 1)
        layerError(origin, spec, QStringLiteral("it attends over several axes, which Attention Studio does not run"));
    const at::Tensor wq = weights.take("query kernel", {-1, heads, keySize});
    const at::Tensor bq = weights.takeIf(useBias, "query bias", {heads, keySize});
    const at::Tensor wk = weights.take("key kernel", {-1, heads, keySize});
    const at::Tensor bk = weights.takeIf(useBias, "key bias", {heads, keySize});
    const at::Tensor wv = weights.take("value kernel", {-1, heads, valueSize});
    const at::Tensor bv = weights.takeIf(useBias, "value bias", {heads, valueSize});
    const at::Tensor wo = weights.take("output kernel", {heads, valueSize, -1});
    const at::Tensor bo = weights.takeIf(useBias, "output bias", {-1});
    const QString name = spec.name;
    const auto project = [](const at::Tensor& x, const at::Tensor& kernel, const at::Tensor& bias) {
        at::Tensor y = at::einsum("btd,dhk->bthk", {x, kernel});
        return bias.defined() ? y + bias : y;
    };
    return [=](const std::vector<Value>& inputs, const LayerCall& call, Recorder& recorder) {
        const Value& query = inputs.at(0);
        const Value& value = inputs.size() > 1 ? inputs[1] : inputs[0];
        const at::Tensor& key = inputs.size() > 2 ? inputs[2].x : value.x;
        const at::Tensor q = project(query.x, wq, bq) / std::sqrt(static_cast<double>(keySize));
        const at::Tensor k = project(key, wk, bk);
        const at::Tensor v = project(value.x, wv, bv);
        at::Tensor scores = at::einsum("bshk,bthk->bhts", {k, q});  // (B, heads, Tq, Tk)
        at::Tensor allowed;
        if (query.mask.defined() || value.mask.defined()) {
            const at::Tensor qm = query.mask.defined() ? query.mask : at::ones({q.size(0), q.size(1)}, q.options()).to(at::kBool);
            const at::Tensor vm = value.mask.defined() ? value.mask : at::ones({k.size(0), k.size(1)}, k.options()).to(at::kBool);
            allowed = at::logical_and(qm.unsqueeze(2), vm.unsqueeze(1)).unsqueeze(1);
        }
        if (call.kwargs.value(QStringLiteral("use_causal_mask")).toBool(false)) {
            const at::Tensor lower = at::ones({scores.size(-2), scores.size(-1)}, scores.options()).tril().to(at::kBool);
            allowed = allowed.defined() ? at::logical_and(allowed, lower) : lower.expand_as(scores);
        }
        if (allowed.defined())
            scores = scores - kMaskedScore * allowed.logical_not().to(scores.scalar_type());
        const at::Tensor attention = at::softmax(scores, -1);
        recorder.push_back({name, attention});
        const at::Tensor mixed = at::einsum("bhts,bshk->bthk", {attention, v});
        at::Tensor out = at::einsum("bthk,hkd->btd", {mixed, wo});
        if (bo.defined())
            out = out + bo;
        return std::vector<Value>{Value{out, query.mask}};
    };
}

// The formulas the custom layers of attention tutorials use, by the weights they hold.
struct CustomFormula {
    QString key;
    QString text;
};

const std::vector<CustomFormula>& customFormulas()
{
    static const std::vector<CustomFormula> formulas{
        {QStringLiteral("positional-bias"), QStringLiteral("e = h·W + b_t, α = softmax over time (W (d,1), b (T,1); tutorial 000)")},
        {QStringLiteral("tanh-positional-bias"), QStringLiteral("e = tanh(h·W + b_t), α = softmax over time (W (d,1), b (T,1))")},
        {QStringLiteral("per-feature"), QStringLiteral("E = tanh(H·W + b), softmax over time per unit, a T×d map (W (d,d), b (d,); tutorial 004)")},
        {QStringLiteral("context-vector"), QStringLiteral("e = tanh(h·W + b)·u, α = softmax over time (W (d,d), b (d,), u (d,))")},
        {QStringLiteral("bahdanau"), QStringLiteral("e = V·tanh(W1·q + W2·hₜ), α = softmax over time, for a query q and the steps h "
                                                    "(Dense W1, W2 (·, units), V (units, 1); returns the context and α)")},
    };
    return formulas;
}

QString formulaList(const QStringList& keys)
{
    QStringList lines;
    for (const CustomFormula& formula : customFormulas())
        if (keys.contains(formula.key))
            lines << QStringLiteral("%1: %2").arg(formula.key, formula.text);
    return lines.join(QStringLiteral("; "));
}

// The context of the custom layers: Σ_t α_t ⊙ h_t over time, with α (B, T, 1) or (B, T, d).
at::Tensor weightedSum(const at::Tensor& x, const at::Tensor& alpha)
{
    return (x * alpha).sum(1);
}

LayerFn customAttention(const LayerSpec& spec, LayerWeights& weights, const QString& origin, const QString& formula,
                        BuildNotes* notes)
{
    std::vector<at::Tensor> arrays;
    for (size_t i = 0; i < weights.remaining(); ++i)
        arrays.push_back(weights.peek(i));
    const auto dims = [&](size_t i) { return arrays[i].sizes().vec(); };
    QStringList fits;
    if (arrays.size() == 2 && arrays[0].dim() == 2 && arrays[0].size(1) == 1 && arrays[1].dim() == 2 && arrays[1].size(1) == 1)
        fits << QStringLiteral("positional-bias") << QStringLiteral("tanh-positional-bias");
    if (arrays.size() == 2 && arrays[0].dim() == 2 && arrays[0].size(0) == arrays[0].size(1) && arrays[1].dim() == 1
        && arrays[1].size(0) == arrays[0].size(0))
        fits << QStringLiteral("per-feature");
    if (arrays.size() == 3 && arrays[0].dim() == 2 && arrays[0].size(0) == arrays[0].size(1) && arrays[1].dim() == 1
        && arrays[2].numel() == arrays[0].size(1))
        fits << QStringLiteral("context-vector");
    // Bahdanau: three Dense layers, with biases (kernel, bias each) or without.
    const bool biased = arrays.size() == 6;
    if ((arrays.size() == 6 || arrays.size() == 3) && arrays[0].dim() == 2 && arrays[biased ? 2 : 1].dim() == 2
        && arrays[biased ? 4 : 2].dim() == 2 && arrays[biased ? 4 : 2].size(1) == 1
        && arrays[0].size(1) == arrays[biased ? 2 : 1].size(1) && arrays[0].size(1) == arrays[biased ? 4 : 2].size(0))
        fits << QStringLiteral("bahdanau");
    if (fits.isEmpty()) {
        QStringList shapes;
        for (size_t i = 0; i < arrays.size(); ++i) {
            QStringList sizes;
            for (int64_t size : dims(i))
                sizes << QString::number(size);
            shapes << QStringLiteral("(%1)").arg(sizes.join(QStringLiteral(", ")));
        }
        layerError(origin, spec,
                   QStringLiteral("it is a custom layer, whose code a Keras file does not hold, and its weights %1 fit none of "
                                  "the attention layers Attention Studio knows (%2)")
                       .arg(shapes.isEmpty() ? QStringLiteral("(none)") : shapes.join(QStringLiteral(", ")),
                            formulaList({QStringLiteral("positional-bias"), QStringLiteral("per-feature"),
                                         QStringLiteral("context-vector"), QStringLiteral("bahdanau")})));
    }
    QString chosen = fits.first();
    if (fits.size() > 1)  // the choices the window offers, the default first
        notes->formulas = fits;
    if (!formula.isEmpty()) {
        if (!fits.contains(formula))
            layerError(origin, spec, QStringLiteral("--formula %1 does not fit its weights; the formulas that do: %2")
                                         .arg(formula, formulaList(fits)));
        chosen = formula;
    } else if (fits.size() > 1) {
        notes->notes.append(QCoreApplication::translate("studio", "The custom layer \"%1\" (%2) was read as %3; its weights also fit %4 (choose with --formula or "
                                     "in the window).")
                          .arg(spec.name, spec.className, formulaList({chosen}), formulaList(fits.mid(1))));
    }
    const QString name = spec.name;
    if (chosen == QLatin1String("positional-bias") || chosen == QLatin1String("tanh-positional-bias")) {
        const at::Tensor w = weights.take("W", {-1, 1});
        const at::Tensor b = weights.take("b", {-1, 1});
        const bool useTanh = chosen == QLatin1String("tanh-positional-bias");
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder& recorder) {
            const at::Tensor& x = inputs.at(0).x;
            if (x.size(1) != b.size(0))
                throw StudioError(QStringLiteral("%1: layer \"%2\" adds one learned bias per position for exactly %3 steps, so the "
                                                 "model reads %3 steps, not %4: give an input of %3 steps.")
                                      .arg(origin, name)
                                      .arg(b.size(0))
                                      .arg(x.size(1)));
            at::Tensor e = at::matmul(x, w) + b;  // (B, T, 1)
            if (useTanh)
                e = at::tanh(e);
            const at::Tensor alpha = at::softmax(e, 1);
            recorder.push_back({name, alpha, /*positionalBias=*/true, /*weighed=*/x});
            return std::vector<Value>{Value{weightedSum(x, alpha), {}}};
        };
    }
    if (chosen == QLatin1String("per-feature")) {
        const at::Tensor w = weights.take("W", {-1, -1});
        const at::Tensor b = weights.take("b", {-1});
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder& recorder) {
            const at::Tensor& x = inputs.at(0).x;
            const at::Tensor alpha = at::softmax(at::tanh(at::matmul(x, w) + b), 1);  // (B, T, d)
            recorder.push_back({name, alpha});
            return std::vector<Value>{Value{weightedSum(x, alpha), {}}};
        };
    }
    if (chosen == QLatin1String("bahdanau")) {
        const bool withBias = weights.size() == 6;
        const at::Tensor w1 = weights.take("W1 kernel", {-1, -1});
        const at::Tensor b1 = weights.takeIf(withBias, "W1 bias", {-1});
        const at::Tensor w2 = weights.take("W2 kernel", {-1, -1});
        const at::Tensor b2 = weights.takeIf(withBias, "W2 bias", {-1});
        const at::Tensor v = weights.take("V kernel", {-1, 1});
        const at::Tensor bv = weights.takeIf(withBias, "V bias", {1});
        const auto dense = [](const at::Tensor& x, const at::Tensor& kernel, const at::Tensor& bias) {
            const at::Tensor y = at::matmul(x, kernel);
            return bias.defined() ? y + bias : y;
        };
        return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder& recorder) {
            if (inputs.size() < 2)
                throw StudioError(QStringLiteral("%1: layer \"%2\" reads as Bahdanau attention, which takes a query and the steps "
                                                 "(two inputs), but it is called with one.").arg(origin, name));
            // The TensorFlow tutorial's call(query, values): the query (B, dq) meets every step.
            const at::Tensor query = inputs[0].x.dim() == 2 ? inputs[0].x.unsqueeze(1) : inputs[0].x;
            const at::Tensor& values = inputs[1].x;
            const at::Tensor score = dense(at::tanh(dense(query, w1, b1) + dense(values, w2, b2)), v, bv);  // (B, T, 1)
            const at::Tensor alpha = at::softmax(score, 1);
            recorder.push_back({name, alpha, /*positionalBias=*/false, /*weighed=*/values, /*returnsWeights=*/true});
            return std::vector<Value>{Value{weightedSum(values, alpha), {}}, Value{alpha, {}}};
        };
    }
    const at::Tensor w = weights.take("W", {-1, -1});
    const at::Tensor b = weights.take("b", {-1});
    const at::Tensor u = weights.take("u", {-1}).reshape({-1, 1});
    return [=](const std::vector<Value>& inputs, const LayerCall&, Recorder& recorder) {
        const at::Tensor& x = inputs.at(0).x;
        const at::Tensor alpha = at::softmax(at::matmul(at::tanh(at::matmul(x, w) + b), u), 1);  // (B, T, 1)
        recorder.push_back({name, alpha, /*positionalBias=*/false, /*weighed=*/x});
        return std::vector<Value>{Value{weightedSum(x, alpha), {}}};
    };
}

// A custom layer is read as attention only when its class name says so (Attention, AttLayer,
// attention_layer, BahdanauAttention, ...) or the user chose a formula for it.
bool namedLikeAttention(const QString& className)
{
    const QString lower = className.toLower();
    return lower.contains(QLatin1String("atten")) || lower.contains(QLatin1String("attn"))
           || lower.startsWith(QLatin1String("att"));
}

} // namespace

LayerFn buildAttentionLayer(const LayerSpec& spec, LayerWeights& weights, bool /*keras3*/, const QString& origin,
                            const QString& formula, BuildNotes* notes)
{
    if (spec.className == QLatin1String("Attention") && spec.config.contains(QStringLiteral("use_scale"))
        && weights.size() <= 2)
        return keyValueAttention(spec, weights, /*additive=*/false);
    if (spec.className == QLatin1String("AdditiveAttention"))
        return keyValueAttention(spec, weights, /*additive=*/true);
    if (spec.className == QLatin1String("MultiHeadAttention"))
        return multiHeadAttention(spec, weights, origin);
    // Any other class with weights is a custom layer (Keras's own classes are built elsewhere).
    if (weights.size() == 0)
        return {};
    if (!namedLikeAttention(spec.className) && formula.isEmpty())
        layerError(origin, spec,
                   QStringLiteral("it is a custom layer whose code is not in the file, and its class name does not say it is an "
                                  "attention layer; if it is one, choose its formula with --formula (%1)")
                       .arg(formulaList({QStringLiteral("positional-bias"), QStringLiteral("tanh-positional-bias"),
                                         QStringLiteral("per-feature"), QStringLiteral("context-vector"),
                                         QStringLiteral("bahdanau")})));
    return customAttention(spec, weights, origin, formula, notes);
}

} // namespace studio::keras
