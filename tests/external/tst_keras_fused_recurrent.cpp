// Keras recurrent layers through the fused loop (external/keras/KerasFusedRecurrent) against the
// LibTorch loop (KerasRecurrentStepwise), the one the Keras fixtures' numpy references check: every
// layer class (LSTM, GRU reset_after true and false, SimpleRNN, CuDNNLSTM, CuDNNGRU), each forwards
// and go_backwards, with and without a mask (masked steps at the start, in the middle and at the
// end), returning sequences or not, states, zero_output_for_mask, Bidirectional in every merge
// mode, batches of 1 and 3, and every activation Keras layers may name (both hard_sigmoids) as
// activation and as recurrent_activation. The layers are built from configs the way a model file
// builds them, with random weights. Every output must match within 1e-5 (relative above 1; 5e-5
// for cells with an unbounded activation, see toleranceFor), and a NaN in the input must come out
// where LibTorch puts it.

#include "TorchTestSetup.h"
#include "external/keras/KerasLayerKit.h"
#include "external/keras/KerasRecurrentCell.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest/QtTest>

#include <c10/core/InferenceMode.h>

#include <cmath>
#include <limits>

using namespace studio;
using namespace studio::keras;

namespace {

constexpr double kTolerance = 1e-5;
constexpr int64_t kSteps = 7;
constexpr int64_t kFeatures = 4;
constexpr int64_t kUnits = 5;

const QStringList kActivations = {QStringLiteral("tanh"),     QStringLiteral("sigmoid"),  QStringLiteral("hard_sigmoid"),
                                  QStringLiteral("relu"),     QStringLiteral("linear"),   QStringLiteral("elu"),
                                  QStringLiteral("selu"),     QStringLiteral("softplus"), QStringLiteral("softsign"),
                                  QStringLiteral("exponential"), QStringLiteral("swish"), QStringLiteral("silu"),
                                  QStringLiteral("gelu"),     QStringLiteral("relu6"),    QStringLiteral("softmax")};

// The layers whose activations a config names (the CuDNN ones have sigmoid and tanh fixed).
const QStringList kKerasForms = {QStringLiteral("LSTM"), QStringLiteral("GRU"), QStringLiteral("GRU reset_after"),
                                 QStringLiteral("SimpleRNN")};

// One case: a layer config and how it is called.
struct Case {
    QString className;          // LSTM, GRU, SimpleRNN, CuDNNLSTM, CuDNNGRU (inside Bidirectional when mergeMode is set)
    QJsonObject config;
    bool bidirectional = false;
    QJsonValue mergeMode = QStringLiteral("concat");  // null: the two halves apart
    bool keras3 = false;
    bool zeroMaskedInBidirectional = false;
    int64_t batch = 1;
    bool masked = false;
    double scale = 1.0;  // weights uniform ±scale, inputs ±2·scale
    int64_t units = kUnits;  // as the config says
};

int64_t gatesOf(const QString& className)
{
    if (className.contains(QLatin1String("LSTM")))
        return 4;
    return className.contains(QLatin1String("GRU")) ? 3 : 1;
}

at::Tensor uniform(std::vector<int64_t> shape, double scale)
{
    return (at::rand(shape, at::kFloat) * 2.0 - 1.0) * scale;
}

// One direction's weights in Keras's order and shapes.
std::vector<at::Tensor> directionWeights(const Case& c)
{
    const int64_t g = gatesOf(c.className) * c.units;
    std::vector<at::Tensor> weights{uniform({kFeatures, g}, c.scale), uniform({c.units, g}, c.scale)};
    if (c.className.startsWith(QLatin1String("CuDNN")))
        weights.push_back(uniform({2 * g}, c.scale));
    else if (!c.config.value(QStringLiteral("use_bias")).toBool(true))
        return weights;
    else if (c.className == QLatin1String("GRU") && c.config.value(QStringLiteral("reset_after")).toBool(false))
        weights.push_back(uniform({2, g}, c.scale));
    else
        weights.push_back(uniform({g}, c.scale));
    return weights;
}

// Masked steps at the start, in the middle and at the end, a different pattern in each row.
at::Tensor maskOf(int64_t batch)
{
    const bool patterns[3][kSteps] = {{true, true, false, false, true, true, false},
                                      {true, true, true, true, true, false, false},
                                      {false, true, true, false, true, true, true}};
    at::Tensor mask = at::empty({batch, kSteps}, at::kBool);
    for (int64_t b = 0; b < batch; ++b)
        for (int64_t t = 0; t < kSteps; ++t)
            mask[b][t] = patterns[b % 3][t];
    return mask;
}

std::vector<Value> runLayer(const LayerFn& layer, const Value& input)
{
    Recorder recorder;
    return layer({input}, LayerCall{}, recorder);
}

LayerSpec specOf(const Case& c)
{
    LayerSpec spec;
    spec.name = QStringLiteral("rnn");
    spec.position = 1;
    if (!c.bidirectional) {
        spec.className = c.className;
        spec.config = c.config;
        return spec;
    }
    spec.className = QStringLiteral("Bidirectional");
    spec.config = QJsonObject{{QStringLiteral("layer"), QJsonObject{{QStringLiteral("class_name"), c.className},
                                                                    {QStringLiteral("config"), c.config}}},
                              {QStringLiteral("merge_mode"), c.mergeMode}};
    return spec;
}

// Activations whose values stay within [−1, 1]: a cell built only of them cannot amplify the
// rounding of earlier steps.
const QStringList kBoundedActivations = {QStringLiteral("tanh"), QStringLiteral("sigmoid"), QStringLiteral("hard_sigmoid"),
                                         QStringLiteral("softsign"), QStringLiteral("softmax")};

// 1e-5 relative for cells of bounded activations. An unbounded one (relu6 gates, an exponential
// candidate...) multiplies each step's float32 rounding by gains above 1, so two correct float32
// loops drift apart further: a GRU with relu6 gates differed by 1.2e-5 relative between a Debug
// build (no fused multiply-add contraction) and LibTorch, 0 in Release. Those cells get 5e-5.
double toleranceFor(const QJsonObject& config)
{
    for (const char* role : {"activation", "recurrent_activation"}) {
        const QJsonValue name = config.value(QLatin1String(role));
        if (name.isString() && !kBoundedActivations.contains(name.toString()))
            return 5 * kTolerance;
    }
    return kTolerance;
}

// |a − b| ≤ tolerance · max(1, |b|), or both the same infinity or NaN.
QString compare(const at::Tensor& fused, const at::Tensor& reference, const QString& what, double tolerance)
{
    if (fused.sizes() != reference.sizes())
        return QStringLiteral("%1: shape %2, LibTorch's %3")
            .arg(what, QString::fromStdString(c10::str(fused.sizes())), QString::fromStdString(c10::str(reference.sizes())));
    const at::Tensor a = fused.reshape({-1}).to(at::kDouble);
    const at::Tensor b = reference.reshape({-1}).to(at::kDouble);
    for (int64_t k = 0; k < a.numel(); ++k) {
        const double x = a[k].item<double>();
        const double y = b[k].item<double>();
        if ((std::isnan(x) && std::isnan(y)) || x == y)
            continue;
        if (!(std::abs(x - y) <= tolerance * std::max(1.0, std::abs(y))))
            return QStringLiteral("%1[%2]: fused %3, LibTorch %4").arg(what).arg(k).arg(x, 0, 'g', 9).arg(y, 0, 'g', 9);
    }
    return {};
}

QString compareRuns(const Case& c, const at::Tensor& x)
{
    const LayerSpec spec = specOf(c);
    std::vector<at::Tensor> arrays = directionWeights(c);
    if (c.bidirectional) {
        const std::vector<at::Tensor> backward = directionWeights(c);
        arrays.insert(arrays.end(), backward.begin(), backward.end());
    }
    LayerWeights weights(arrays, spec, QStringLiteral("test"));
    const LayerFn layer = buildRecurrentLayer(spec, weights, c.keras3, c.zeroMaskedInBidirectional, QStringLiteral("test"));
    weights.expectDone();
    const Value input{x, c.masked ? maskOf(c.batch) : at::Tensor()};

    std::vector<Value> reference;
    {
        const KerasRecurrentLoopScope libTorchSteps(KerasRecurrentLoop::LibTorchSteps);
        c10::InferenceMode inference;
        reference = runLayer(layer, input);
    }
    std::vector<Value> fused;
    {
        c10::InferenceMode inference;  // as KerasModel::run calls its layers
        fused = runLayer(layer, input);
    }
    if (fused.size() != reference.size())
        return QStringLiteral("%1 outputs, LibTorch's %2").arg(fused.size()).arg(reference.size());
    for (size_t k = 0; k < fused.size(); ++k) {
        const QString off = compare(fused[k].x, reference[k].x, QStringLiteral("output %1").arg(k), toleranceFor(c.config));
        if (!off.isEmpty())
            return off;
        if (fused[k].mask.defined() != reference[k].mask.defined()
            || (fused[k].mask.defined() && !at::equal(fused[k].mask, reference[k].mask)))
            return QStringLiteral("output %1: the masks differ").arg(k);
    }
    return {};
}

at::Tensor inputOf(const Case& c)
{
    return uniform({c.batch, kSteps, kFeatures}, 2.0 * c.scale);
}

// A layer of `form` ("LSTM", "GRU reset_after", ...) with `settings` in its config besides its units.
Case caseOf(const QString& form, int64_t batch, bool masked, QJsonObject settings = {})
{
    Case c;
    c.className = form.section(QLatin1Char(' '), 0, 0);
    c.units = settings.value(QStringLiteral("units")).toInteger(kUnits);
    c.config = std::move(settings);
    c.config.insert(QStringLiteral("units"), static_cast<int>(c.units));
    if (form.endsWith(QLatin1String("reset_after")))
        c.config.insert(QStringLiteral("reset_after"), true);
    c.batch = batch;
    c.masked = masked;
    return c;
}

// "GRU, batch 3, masked: go_backwards, reset_after, return_sequences, recurrent_activation hard_sigmoid"
QString rowName(const Case& c)
{
    QStringList settings;
    for (auto entry = c.config.begin(); entry != c.config.end(); ++entry) {
        if (entry.key() == QLatin1String("units") && c.units == kUnits)
            continue;
        if (entry.value().isBool()) {
            if (entry.value().toBool())
                settings << entry.key();
            else if (entry.key() == QLatin1String("use_bias"))  // the one that is true by default
                settings << QStringLiteral("no bias");
        } else {
            settings << entry.key() + QLatin1Char(' ') + entry.value().toVariant().toString();
        }
    }
    if (!c.config.value(QStringLiteral("return_sequences")).toBool())
        settings << QStringLiteral("last output");
    if (c.keras3)
        settings << QStringLiteral("Keras 3");
    if (c.bidirectional)
        settings << QStringLiteral("merge ") + (c.mergeMode.isNull() ? QStringLiteral("None") : c.mergeMode.toString());
    if (c.zeroMaskedInBidirectional)
        settings << QStringLiteral("zeros at masked steps");
    return QStringLiteral("%1%2, batch %3%4: %5")
        .arg(c.bidirectional ? QStringLiteral("Bidirectional ") : QString(), c.className)
        .arg(c.batch)
        .arg(c.masked ? QStringLiteral(", masked") : QString(), settings.join(QStringLiteral(", ")));
}

// Each of `activations` as each cell's activation and as its recurrent activation; hard_sigmoid as
// Keras 2 and Keras 3 define it. Smaller weights keep exponential and the unbounded ones finite;
// larger ones make the clipping ones clip.
void addActivationRows(const QStringList& forms, const QStringList& activations)
{
    for (const QString& form : forms) {
        for (const QString& activation : activations) {
            for (const QString& key : {QStringLiteral("activation"), QStringLiteral("recurrent_activation")}) {
                if (key == QLatin1String("recurrent_activation") && form == QLatin1String("SimpleRNN"))
                    continue;  // it has no gates
                Case c = caseOf(form, 3, /*masked=*/true, {{QStringLiteral("return_sequences"), true}, {key, activation}});
                const bool clips = activation == QLatin1String("hard_sigmoid") || activation == QLatin1String("relu6");
                c.scale = clips ? 1.5 : activation == QLatin1String("exponential") ? 0.1 : 0.5;
                QTest::newRow(qPrintable(rowName(c))) << c;
                if (activation == QLatin1String("hard_sigmoid")) {
                    c.keras3 = true;
                    QTest::newRow(qPrintable(rowName(c))) << c;
                }
            }
        }
    }
}

} // namespace

Q_DECLARE_METATYPE(Case)

class KerasFusedRecurrentTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testing::setUpTorch(); }

    void sameAsLibTorch_data()
    {
        QTest::addColumn<Case>("layerCase");
        const auto add = [](const Case& c) { QTest::newRow(qPrintable(rowName(c))) << c; };
        // Every class and form, each way of reading and returning, with and without a mask.
        for (const QString& form : kKerasForms + QStringList{QStringLiteral("CuDNNLSTM"), QStringLiteral("CuDNNGRU")})
            for (const bool backwards : {false, true})
                for (const bool sequences : {false, true})
                    for (const bool masked : {false, true})
                        for (const int64_t batch : {int64_t{1}, int64_t{3}})
                            add(caseOf(form, batch, masked,
                                       {{QStringLiteral("go_backwards"), backwards},
                                        {QStringLiteral("return_sequences"), sequences}}));
        // Returned states, masked steps that output zeros, a layer without biases.
        for (const QString& form : {QStringLiteral("LSTM"), QStringLiteral("GRU"), QStringLiteral("SimpleRNN")}) {
            add(caseOf(form, 3, /*masked=*/true,
                       {{QStringLiteral("return_state"), true}, {QStringLiteral("return_sequences"), true},
                        {QStringLiteral("zero_output_for_mask"), true}}));
            add(caseOf(form, 3, /*masked=*/true,
                       {{QStringLiteral("use_bias"), false}, {QStringLiteral("go_backwards"), true},
                        {QStringLiteral("return_sequences"), true}}));
        }
        // Wider layers: whole vectors of units and a remainder in every loop over them.
        for (const QString& form : kKerasForms) {
            const QString key = form == QLatin1String("SimpleRNN") ? QStringLiteral("activation")
                                                                    : QStringLiteral("recurrent_activation");
            for (const QString& activation : {QStringLiteral("sigmoid"), QStringLiteral("hard_sigmoid")}) {
                for (const int64_t batch : {int64_t{1}, int64_t{3}}) {
                    Case c = caseOf(form, batch, /*masked=*/true,
                                    {{QStringLiteral("units"), 37}, {QStringLiteral("return_sequences"), true},
                                     {QStringLiteral("go_backwards"), batch == 3}, {key, activation}});
                    c.scale = 0.5;
                    add(c);
                }
            }
        }
        // Bidirectional in every merge mode, masked, as tf.keras (zeros at masked steps) and Keras 2 run it.
        for (const QJsonValue& mode : {QJsonValue(QStringLiteral("concat")), QJsonValue(QStringLiteral("sum")),
                                       QJsonValue(QStringLiteral("mul")), QJsonValue(QStringLiteral("ave")), QJsonValue()}) {
            for (const bool sequences : {false, true}) {
                for (const bool zeroMasked : {false, true}) {
                    for (const int64_t batch : {int64_t{1}, int64_t{3}}) {
                        Case c = caseOf(batch == 1 ? QStringLiteral("LSTM") : QStringLiteral("GRU"), batch, /*masked=*/true,
                                        {{QStringLiteral("return_sequences"), sequences}});
                        c.bidirectional = true;
                        c.mergeMode = mode;
                        c.zeroMaskedInBidirectional = zeroMasked;
                        add(c);
                    }
                }
            }
        }
        addActivationRows(kKerasForms, kActivations);
    }

    void sameAsLibTorch()
    {
        QFETCH(Case, layerCase);
        const QString off = compareRuns(layerCase, inputOf(layerCase));
        QVERIFY2(off.isEmpty(), qPrintable(off));
    }

    // A NaN in the input comes out where LibTorch's loop puts it, through the clipping activations
    // too (the fused gates are built with fast math, which may clip a NaN to a bound).
    void nanWhereLibTorchPutsIt_data()
    {
        QTest::addColumn<Case>("layerCase");
        addActivationRows({QStringLiteral("LSTM"), QStringLiteral("SimpleRNN")},
                          {QStringLiteral("hard_sigmoid"), QStringLiteral("relu"), QStringLiteral("relu6")});
    }

    void nanWhereLibTorchPutsIt()
    {
        QFETCH(Case, layerCase);
        at::Tensor x = inputOf(layerCase);
        x[1][3][2] = std::numeric_limits<float>::quiet_NaN();  // one value of one step of the second sequence
        const QString off = compareRuns(layerCase, x);
        QVERIFY2(off.isEmpty(), qPrintable(off));
    }

    // The fused loop is for inference; when a gradient is needed the layer records LibTorch's graph.
    void gradientsTakeLibTorchsLoop()
    {
        const Case c = caseOf(QStringLiteral("LSTM"), 1, /*masked=*/false, {{QStringLiteral("return_sequences"), true}});
        const LayerSpec spec = specOf(c);
        LayerWeights weights(directionWeights(c), spec, QStringLiteral("test"));
        const LayerFn layer = buildRecurrentLayer(spec, weights, false, false, QStringLiteral("test"));

        const at::Tensor x = inputOf(c).requires_grad_(true);
        const at::Tensor y = runLayer(layer, Value{x, {}}).front().x;
        QVERIFY(y.requires_grad());
        y.sum().backward();
        QVERIFY(x.grad().defined());
        QVERIFY(x.grad().abs().sum().item<double>() > 0.0);

        Cell cell;
        cell.kernel = at::zeros({kFeatures, 4 * kUnits});
        QVERIFY(!fusedLoopApplies(cell, x));                   // grad mode on, the input requires a gradient
        QVERIFY(fusedLoopApplies(cell, x.detach()));           // nothing requires one
        QVERIFY(!fusedLoopApplies(cell, x.detach().to(at::kDouble)));  // float32 only
        c10::InferenceMode inference;
        QVERIFY(fusedLoopApplies(cell, inputOf(c)));
    }
};

QTEST_MAIN(KerasFusedRecurrentTest)
#include "tst_keras_fused_recurrent.moc"
