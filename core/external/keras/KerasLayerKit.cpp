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

std::function<at::Tensor(const at::Tensor&)> activationFn(const QString& name, bool keras3, const QString& where)
{
    if (name.isEmpty() || name == QLatin1String("linear"))
        return [](const at::Tensor& x) { return x; };
    if (name == QLatin1String("tanh"))
        return [](const at::Tensor& x) { return at::tanh(x); };
    if (name == QLatin1String("sigmoid"))
        return [](const at::Tensor& x) { return at::sigmoid(x); };
    if (name == QLatin1String("hard_sigmoid")) {
        // Keras 2: clip(0.2x + 0.5, 0, 1); Keras 3 follows PyTorch's: clip(x/6 + 0.5, 0, 1).
        const double slope = keras3 ? 1.0 / 6.0 : 0.2;
        return [slope](const at::Tensor& x) { return at::clamp(x * slope + 0.5, 0.0, 1.0); };
    }
    if (name == QLatin1String("relu"))
        return [](const at::Tensor& x) { return at::relu(x); };
    if (name == QLatin1String("softmax"))
        return [](const at::Tensor& x) { return at::softmax(x, -1); };
    if (name == QLatin1String("elu"))
        return [](const at::Tensor& x) { return at::elu(x); };
    if (name == QLatin1String("selu"))
        return [](const at::Tensor& x) { return at::selu(x); };
    if (name == QLatin1String("softplus"))
        return [](const at::Tensor& x) { return at::softplus(x); };
    if (name == QLatin1String("softsign"))
        return [](const at::Tensor& x) { return x / (at::abs(x) + 1.0); };
    if (name == QLatin1String("exponential"))
        return [](const at::Tensor& x) { return at::exp(x); };
    if (name == QLatin1String("swish") || name == QLatin1String("silu"))
        return [](const at::Tensor& x) { return x * at::sigmoid(x); };
    if (name == QLatin1String("gelu"))
        return [](const at::Tensor& x) { return at::gelu(x); };
    if (name == QLatin1String("relu6"))
        return [](const at::Tensor& x) { return at::clamp(x, 0.0, 6.0); };
    throw StudioError(QStringLiteral("%1 uses the activation \"%2\", which Attention Studio does not know.").arg(where, name));
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
