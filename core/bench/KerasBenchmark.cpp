#include "bench/KerasBenchmark.h"

#include "common/StudioError.h"
#include "external/keras/KerasLayerKit.h"
#include "external/keras/KerasRecurrentCell.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <QJsonArray>

#include <chrono>

namespace studio {
namespace {

constexpr int kWarmupCalls = 3;  // untimed calls of each path first
constexpr uint64_t kSeed = 1;    // weights and inputs

struct LayerUnderTest {
    QString name;
    QString description;
    int64_t features = 0;
    int units = 0;
    QString recurrentActivation;
};

// Tutorial 001 (/work/shared/seeds): Embedding(30000, 300) then Bidirectional(LSTM(20,
// return_sequences=True)) in Keras 2.2.4, whose LSTM gates use hard_sigmoid; and the size of the
// app's demo model (64-wide embedding, 64 units per direction) with tf.keras's sigmoid.
std::vector<LayerUnderTest> layersUnderTest()
{
    return {{QStringLiteral("tutorial-001"),
             QStringLiteral("Bidirectional(LSTM(20, return_sequences=True)) over 300 features, hard_sigmoid gates (Keras 2.2.4)"),
             300, 20, QStringLiteral("hard_sigmoid")},
            {QStringLiteral("demo-size"),
             QStringLiteral("Bidirectional(LSTM(64, return_sequences=True)) over 64 features, sigmoid gates (tf.keras)"), 64,
             64, QStringLiteral("sigmoid")}};
}

double millisecondsOf(const keras::LayerFn& layer, const keras::Value& input)
{
    keras::Recorder recorder;
    const auto start = std::chrono::steady_clock::now();
    const std::vector<keras::Value> outputs = layer({input}, keras::LayerCall{}, recorder);
    const auto end = std::chrono::steady_clock::now();
    (void)outputs;
    return std::chrono::duration<double, std::milli>(end - start).count();
}

KerasLayerTimings timeLayer(const LayerUnderTest& under, int length, int calls)
{
    keras::LayerSpec spec;
    spec.name = QStringLiteral("bidirectional");
    spec.className = QStringLiteral("Bidirectional");
    spec.position = 1;
    const QJsonObject lstm{{QStringLiteral("units"), under.units},
                           {QStringLiteral("return_sequences"), true},
                           {QStringLiteral("recurrent_activation"), under.recurrentActivation}};
    spec.config = QJsonObject{{QStringLiteral("layer"), QJsonObject{{QStringLiteral("class_name"), QStringLiteral("LSTM")},
                                                                    {QStringLiteral("config"), lstm}}},
                              {QStringLiteral("merge_mode"), QStringLiteral("concat")}};
    const int64_t g = 4 * under.units;
    std::vector<at::Tensor> arrays;
    for (int direction = 0; direction < 2; ++direction)
        for (const std::vector<int64_t>& shape : {std::vector<int64_t>{under.features, g}, std::vector<int64_t>{under.units, g},
                                                  std::vector<int64_t>{g}})
            arrays.push_back(at::rand(shape, at::kFloat) - 0.5);
    keras::LayerWeights weights(arrays, spec, QStringLiteral("bench"));
    const keras::LayerFn layer = keras::buildRecurrentLayer(spec, weights, /*keras3=*/false,
                                                            /*zeroMaskedInBidirectional=*/false, QStringLiteral("bench"));
    const keras::Value input{at::rand({1, length, under.features}, at::kFloat) * 2.0 - 1.0, {}};

    KerasLayerTimings timings;
    timings.name = under.name;
    timings.description = under.description;
    c10::InferenceMode inference;  // as KerasModel::run calls its layers
    for (int call = 0; call < kWarmupCalls + calls; ++call) {
        const double fused = millisecondsOf(layer, input);
        double libTorch = 0.0;
        {
            const keras::KerasRecurrentLoopScope steps(keras::KerasRecurrentLoop::LibTorchSteps);
            libTorch = millisecondsOf(layer, input);
        }
        if (call >= kWarmupCalls) {
            timings.fused.add(fused);
            timings.libTorch.add(libTorch);
        }
    }
    timings.fused.finish();
    timings.libTorch.finish();
    timings.speedup = timings.libTorch.medianMs / std::max(timings.fused.medianMs, 1e-9);
    return timings;
}

} // namespace

QJsonObject KerasLayerTimings::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("description"), description},
            {QStringLiteral("fused"), fused.toJson()},
            {QStringLiteral("libTorch"), libTorch.toJson()},
            {QStringLiteral("speedup"), speedup}};
}

QJsonObject KerasBenchmarkReport::toJson() const
{
    QJsonArray each;
    for (const KerasLayerTimings& layer : layers)
        each.append(layer.toJson());
    return {{QStringLiteral("length"), length},
            {QStringLiteral("calls"), calls},
            {QStringLiteral("threads"), threads},
            {QStringLiteral("layers"), each}};
}

KerasBenchmarkReport runKerasBenchmark(int length, int calls)
{
    if (length < 1 || calls < 1)
        throw StudioError(QStringLiteral("The Keras benchmark needs a length and a number of calls of at least 1."));
    at::manual_seed(kSeed);
    KerasBenchmarkReport report;
    report.length = length;
    report.calls = calls;
    report.threads = at::get_num_threads();
    for (const LayerUnderTest& under : layersUnderTest())
        report.layers.push_back(timeLayer(under, length, calls));
    return report;
}

} // namespace studio
