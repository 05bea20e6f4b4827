#include "external/keras/KerasLayerKit.h"

#include "common/StudioError.h"

#include <QJsonArray>

namespace studio::keras {
namespace {

QString shapeText(at::IntArrayRef shape)
{
    QStringList parts;
    for (int64_t size : shape)
        parts << (size < 0 ? QStringLiteral("any") : QString::number(size));
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

} // namespace

LayerWeights::LayerWeights(std::vector<at::Tensor> arrays, const LayerSpec& spec, const QString& origin)
    : m_arrays(std::move(arrays)), m_spec(spec), m_origin(origin)
{
}

QString LayerWeights::layerText() const
{
    return QStringLiteral("layer %1 (%2, #%3)").arg(m_spec.name, m_spec.className).arg(m_spec.position);
}

at::Tensor LayerWeights::take(const char* what, std::vector<int64_t> shape)
{
    if (m_next >= m_arrays.size())
        layerError(m_origin, m_spec, QStringLiteral("its config needs a weight %1 %2, but the file holds only %3 weights for it")
                                       .arg(QLatin1String(what), shapeText(shape))
                                       .arg(m_arrays.size()));
    at::Tensor array = m_arrays[m_next++];
    bool fits = array.dim() == static_cast<int64_t>(shape.size());
    for (size_t i = 0; fits && i < shape.size(); ++i)
        fits = shape[i] < 0 || array.size(static_cast<int64_t>(i)) == shape[i];
    if (!fits)
        layerError(m_origin, m_spec, QStringLiteral("its weight %1 has shape %2, but its config needs %3")
                                       .arg(QLatin1String(what), shapeText(array.sizes()), shapeText(shape)));
    return array;
}

at::Tensor LayerWeights::takeIf(bool present, const char* what, std::vector<int64_t> shape)
{
    return present ? take(what, std::move(shape)) : at::Tensor();
}

void LayerWeights::expectDone() const
{
    if (m_next != m_arrays.size())
        layerError(m_origin, m_spec, QStringLiteral("the file holds %1 weights for it, but its config uses %2")
                                       .arg(m_arrays.size())
                                       .arg(m_next));
}

void layerError(const QString& origin, const LayerSpec& spec, const QString& problem)
{
    throw StudioError(QStringLiteral("%1: layer \"%2\" (%3, #%4 in the model): %5.")
                          .arg(origin, spec.name, spec.className)
                          .arg(spec.position)
                          .arg(problem));
}

Nonlinearity nonlinearityOf(const QString& name, bool keras3, const QString& where)
{
    static const std::pair<const char*, Nonlinearity> kByName[] = {
        {"linear", Nonlinearity::Linear}, {"tanh", Nonlinearity::Tanh},         {"sigmoid", Nonlinearity::Sigmoid},
        {"relu", Nonlinearity::Relu},     {"softmax", Nonlinearity::Softmax},   {"elu", Nonlinearity::Elu},
        {"selu", Nonlinearity::Selu},     {"softplus", Nonlinearity::Softplus}, {"softsign", Nonlinearity::Softsign},
        {"exponential", Nonlinearity::Exponential}, {"swish", Nonlinearity::Swish}, {"silu", Nonlinearity::Swish},
        {"gelu", Nonlinearity::Gelu},     {"relu6", Nonlinearity::Relu6},
    };
    if (name.isEmpty())
        return Nonlinearity::Linear;
    // Keras 2: clip(0.2x + 0.5, 0, 1); Keras 3 follows PyTorch's: clip(x/6 + 0.5, 0, 1).
    if (name == QLatin1String("hard_sigmoid"))
        return keras3 ? Nonlinearity::HardSigmoidKeras3 : Nonlinearity::HardSigmoidKeras2;
    for (const auto& [text, kind] : kByName)
        if (name == QLatin1String(text))
            return kind;
    throw StudioError(QStringLiteral("%1 uses the activation \"%2\", which Attention Studio does not know.").arg(where, name));
}

at::Tensor applyNonlinearity(Nonlinearity kind, const at::Tensor& x)
{
    switch (kind) {
    case Nonlinearity::Linear: return x;
    case Nonlinearity::Tanh: return at::tanh(x);
    case Nonlinearity::Sigmoid: return at::sigmoid(x);
    case Nonlinearity::HardSigmoidKeras2: return at::clamp(x * 0.2 + 0.5, 0.0, 1.0);
    case Nonlinearity::HardSigmoidKeras3: return at::clamp(x * (1.0 / 6.0) + 0.5, 0.0, 1.0);
    case Nonlinearity::Relu: return at::relu(x);
    case Nonlinearity::Relu6: return at::clamp(x, 0.0, 6.0);
    case Nonlinearity::Elu: return at::elu(x);
    case Nonlinearity::Selu: return at::selu(x);
    case Nonlinearity::Softplus: return at::softplus(x);
    case Nonlinearity::Softsign: return x / (at::abs(x) + 1.0);
    case Nonlinearity::Exponential: return at::exp(x);
    case Nonlinearity::Swish: return x * at::sigmoid(x);
    case Nonlinearity::Gelu: return at::gelu(x);
    case Nonlinearity::Softmax: return at::softmax(x, -1);
    }
    return x;
}

std::function<at::Tensor(const at::Tensor&)> activationFn(const QString& name, bool keras3, const QString& where)
{
    const Nonlinearity kind = nonlinearityOf(name, keras3, where);
    return [kind](const at::Tensor& x) { return applyNonlinearity(kind, x); };
}

int intConfig(const QJsonObject& config, const char* key, int fallback)
{
    const QJsonValue value = config.value(QLatin1String(key));
    return value.isDouble() ? value.toInt() : fallback;
}

bool boolConfig(const QJsonObject& config, const char* key, bool fallback)
{
    const QJsonValue value = config.value(QLatin1String(key));
    return value.isBool() ? value.toBool() : fallback;
}

int firstInt(const QJsonValue& value, int fallback)
{
    if (value.isDouble())
        return value.toInt();
    if (value.isArray() && !value.toArray().isEmpty())
        return value.toArray().at(0).toInt(fallback);
    return fallback;
}

} // namespace studio::keras
