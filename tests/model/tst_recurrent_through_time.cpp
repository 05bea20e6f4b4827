// The recurrent training kernels, as SequenceEncoder runs them: our own loop
// (model/RecurrentThroughTime) and oneDNN's primitives (model/OneDnnRecurrent), each against
// LibTorch's own LSTM and GRU on the same weights: the hidden states, and the gradients of every
// weight and of the input, within 1e-5, for LSTM and GRU, one and two directions, one and two
// layers, with and without padding; and each one's gradients against finite differences of its
// own forward.

#include "SmallModels.h"
#include "TorchTestSetup.h"
#include "model/SequenceEncoder.h"

#include <torch/autograd.h>

#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int64_t kSteps = 7;
constexpr int64_t kFeatures = 3;

ModelConfig encoderConfig(RecurrentCell cell, bool bidirectional, int layers)
{
    ModelConfig config;
    config.input = InputKind::Series;
    config.inputFeatures = kFeatures;
    config.cell = cell;
    config.hiddenSize = 5;
    config.layers = layers;
    config.bidirectional = bidirectional;
    config.maxLength = kSteps;
    return config;
}

SequenceEncoder spreadEncoder(const ModelConfig& config)
{
    torch::manual_seed(13);
    SequenceEncoder encoder(config);
    torch::NoGradGuard noGradients;
    for (torch::Tensor& weight : encoder->parameters())
        weight.uniform_(-0.8, 0.8);  // far from initialisation, so that every gate saturates somewhere
    return encoder;
}

torch::Tensor maskOf(const std::vector<int64_t>& lengths, int64_t steps = kSteps)
{
    auto mask = torch::zeros({static_cast<int64_t>(lengths.size()), steps}, torch::kBool);
    for (size_t b = 0; b < lengths.size(); ++b)
        mask[static_cast<int64_t>(b)].slice(0, 0, lengths[b]).fill_(true);
    return mask;
}

struct Run {
    torch::Tensor states;
    std::vector<torch::Tensor> gradients;  // every parameter's, then the input's
};

// The states and the gradients of Σ coefficients ⊙ states.
Run runWith(SequenceEncoder& encoder, RecurrentKernel kernel, const torch::Tensor& input, const torch::Tensor& mask,
            const torch::Tensor& coefficients)
{
    encoder->useRecurrentKernel(kernel);
    encoder->zero_grad();
    const torch::Tensor x = input.detach().clone().requires_grad_(true);
    Run run;
    run.states = encoder->forward(x, mask);
    (run.states * coefficients).sum().backward();
    for (const torch::Tensor& weight : encoder->parameters())
        run.gradients.push_back(weight.grad().clone());
    run.gradients.push_back(x.grad().clone());
    run.states = run.states.detach();
    return run;
}

double largestGap(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

QString kernelName(RecurrentKernel kernel)
{
    return kernel == RecurrentKernel::OneDnn ? QStringLiteral("oneDNN") : QStringLiteral("our loop");
}

} // namespace

class RecurrentThroughTimeTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testing::setUpTorch(); }

    void sameAsLibTorch_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("cell");
        QTest::addColumn<bool>("bidirectional");
        QTest::addColumn<int>("layers");
        QTest::addColumn<bool>("padded");
        for (const RecurrentKernel kernel : {RecurrentKernel::ThroughTime, RecurrentKernel::OneDnn}) {
            for (const RecurrentCell cell : {RecurrentCell::Lstm, RecurrentCell::Gru}) {
                for (const bool bidirectional : {false, true}) {
                    for (const int layers : {1, 2}) {
                        for (const bool padded : {false, true}) {
                            const QString name = QStringLiteral("%1 %2 %3 %4 layer(s) %5")
                                                     .arg(kernelName(kernel), toString(cell),
                                                          bidirectional ? QStringLiteral("bi") : QStringLiteral("uni"))
                                                     .arg(layers)
                                                     .arg(padded ? QStringLiteral("padded") : QStringLiteral("full"));
                            QTest::newRow(qPrintable(name))
                                << static_cast<int>(kernel) << static_cast<int>(cell) << bidirectional << layers << padded;
                        }
                    }
                }
            }
        }
    }

    void sameAsLibTorch()
    {
        QFETCH(int, kernel);
        QFETCH(int, cell);
        QFETCH(bool, bidirectional);
        QFETCH(int, layers);
        QFETCH(bool, padded);
        const ModelConfig config = encoderConfig(static_cast<RecurrentCell>(cell), bidirectional, layers);
        SequenceEncoder encoder = spreadEncoder(config);
        encoder->eval();  // dropout would draw differently in the two loops
        const std::vector<int64_t> lengths = padded ? std::vector<int64_t>{kSteps, 4, 1, 6} : std::vector<int64_t>(4, kSteps);
        const torch::Tensor mask = maskOf(lengths);
        torch::manual_seed(3);
        const torch::Tensor input = torch::randn({4, kSteps, kFeatures}) * 1.5;
        const torch::Tensor coefficients = torch::randn({4, kSteps, config.encoderWidth()});

        const Run reference = runWith(encoder, RecurrentKernel::LibTorch, input, mask, coefficients);
        const Run ours = runWith(encoder, static_cast<RecurrentKernel>(kernel), input, mask, coefficients);
        QCOMPARE(ours.states.sizes().vec(), reference.states.sizes().vec());
        QVERIFY2(largestGap(ours.states, reference.states) < 1e-5, qPrintable(QString::number(largestGap(ours.states, reference.states))));
        if (padded)  // padded steps are zeros, as pad_packed_sequence leaves them
            QCOMPARE(ours.states.masked_select(mask.logical_not().unsqueeze(2)).abs().max().item<float>(), 0.0F);
        {
            // Evaluation batches run without autograd (oneDNN: forward_inference, no workspace).
            torch::NoGradGuard noGradients;
            const torch::Tensor states = encoder->forward(input, mask);
            QVERIFY2(largestGap(states, reference.states) < 1e-5, qPrintable(QString::number(largestGap(states, reference.states))));
        }
        QCOMPARE(ours.gradients.size(), reference.gradients.size());
        const auto names = encoder->named_parameters().keys();
        for (size_t k = 0; k < ours.gradients.size(); ++k) {
            const double gap = largestGap(ours.gradients[k], reference.gradients[k]);
            const QString what = k < names.size() ? QString::fromStdString(names[k]) : QStringLiteral("input");
            QVERIFY2(gap < 1e-5, qPrintable(QStringLiteral("%1 off by %2").arg(what).arg(gap)));
            QVERIFY2(reference.gradients[k].abs().max().item<double>() > 1e-3, qPrintable(what + QStringLiteral(" has no gradient to compare")));
        }
    }

    // The shapes at the edges: one step (W_hh gets no gradient at all), one sequence with padding,
    // every sequence shorter than the batch's T (no full-length row to anchor the padding).
    void edgeShapesMatchLibTorch_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("cell");
        QTest::addColumn<int>("steps");
        QTest::addColumn<std::vector<int64_t>>("lengths");
        for (const RecurrentKernel kernel : {RecurrentKernel::ThroughTime, RecurrentKernel::OneDnn}) {
            for (const RecurrentCell cell : {RecurrentCell::Lstm, RecurrentCell::Gru}) {
                const QString prefix = kernelName(kernel) + QLatin1Char(' ') + toString(cell) + QLatin1Char(' ');
                const int k = static_cast<int>(kernel);
                const int c = static_cast<int>(cell);
                QTest::newRow(qPrintable(prefix + QStringLiteral("T=1 B=1"))) << k << c << 1 << std::vector<int64_t>{1};
                QTest::newRow(qPrintable(prefix + QStringLiteral("B=1 padded"))) << k << c << 7 << std::vector<int64_t>{4};
                QTest::newRow(qPrintable(prefix + QStringLiteral("all shorter"))) << k << c << 7 << std::vector<int64_t>{5, 3};
            }
        }
    }

    void edgeShapesMatchLibTorch()
    {
        QFETCH(int, kernel);
        QFETCH(int, cell);
        QFETCH(int, steps);
        QFETCH(std::vector<int64_t>, lengths);
        const ModelConfig config = encoderConfig(static_cast<RecurrentCell>(cell), /*bidirectional=*/true, /*layers=*/2);
        SequenceEncoder encoder = spreadEncoder(config);
        encoder->eval();
        const auto batch = static_cast<int64_t>(lengths.size());
        const torch::Tensor mask = maskOf(lengths, steps);
        torch::manual_seed(9);
        const torch::Tensor input = torch::randn({batch, steps, kFeatures});
        const torch::Tensor coefficients = torch::randn({batch, steps, config.encoderWidth()});
        const Run reference = runWith(encoder, RecurrentKernel::LibTorch, input, mask, coefficients);
        const Run ours = runWith(encoder, static_cast<RecurrentKernel>(kernel), input, mask, coefficients);
        QVERIFY2(largestGap(ours.states, reference.states) < 1e-5, qPrintable(QString::number(largestGap(ours.states, reference.states))));
        QCOMPARE(ours.gradients.size(), reference.gradients.size());
        for (size_t k = 0; k < ours.gradients.size(); ++k)
            QVERIFY2(largestGap(ours.gradients[k], reference.gradients[k]) < 1e-5, qPrintable(QString::number(k)));
    }

    // Each kernel's backward against its own forward: along a random direction v in the space of
    // every weight and the input, ∇f·v equals the finite-difference slope of f along v.
    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("cell");
        for (const RecurrentKernel kernel : {RecurrentKernel::ThroughTime, RecurrentKernel::OneDnn}) {
            QTest::newRow(qPrintable(kernelName(kernel) + QStringLiteral(" lstm")))
                << static_cast<int>(kernel) << static_cast<int>(RecurrentCell::Lstm);
            QTest::newRow(qPrintable(kernelName(kernel) + QStringLiteral(" gru")))
                << static_cast<int>(kernel) << static_cast<int>(RecurrentCell::Gru);
        }
    }

    void gradientsMatchFiniteDifferences()
    {
        QFETCH(int, kernel);
        QFETCH(int, cell);
        const ModelConfig config = encoderConfig(static_cast<RecurrentCell>(cell), /*bidirectional=*/true, /*layers=*/2);
        SequenceEncoder encoder = spreadEncoder(config);
        encoder->eval();
        const torch::Tensor mask = maskOf({kSteps, 5, 2});
        torch::manual_seed(5);
        const torch::Tensor input = torch::randn({3, kSteps, kFeatures});
        const torch::Tensor coefficients = torch::randn({3, kSteps, config.encoderWidth()});
        const Run analytic = runWith(encoder, static_cast<RecurrentKernel>(kernel), input, mask, coefficients);

        // v: half the gradient's own direction, half a random one, unit length. Along a random
        // direction alone the slope is about |∇f|/√n, too small against float32's rounding.
        const auto squaredLength = [](const std::vector<torch::Tensor>& parts) {
            double sum = 0.0;
            for (const torch::Tensor& part : parts)
                sum += part.square().sum().item<double>();
            return sum;
        };
        std::vector<torch::Tensor> random;
        for (const torch::Tensor& gradient : analytic.gradients)
            random.push_back(torch::randn(gradient.sizes()));
        const double gradientLength = std::sqrt(squaredLength(analytic.gradients));
        const double randomLength = std::sqrt(squaredLength(random));
        std::vector<torch::Tensor> directions;
        for (size_t k = 0; k < random.size(); ++k)
            directions.push_back(analytic.gradients[k] / gradientLength + random[k] / randomLength);
        const double directionLength = std::sqrt(squaredLength(directions));
        double slope = 0.0;  // ∇f · v
        for (size_t k = 0; k < directions.size(); ++k) {
            directions[k] /= directionLength;
            slope += (analytic.gradients[k] * directions[k]).sum().item<double>();
        }
        const auto valueAt = [&](double step) {
            torch::NoGradGuard noGradients;
            const std::vector<torch::Tensor> weights = encoder->parameters();
            std::vector<torch::Tensor> kept;
            for (size_t k = 0; k < weights.size(); ++k) {
                kept.push_back(weights[k].clone());
                weights[k].add_(directions[k], step);
            }
            const torch::Tensor states = encoder->forward(input + step * directions.back(), mask);
            const double value = (states * coefficients).sum().item<double>();
            for (size_t k = 0; k < weights.size(); ++k)
                weights[k].copy_(kept[k]);
            return value;
        };
        // Fourth-order central differences: float32 leaves little room between rounding (small ε)
        // and curvature (large ε).
        const double epsilon = 2e-2;
        const double numeric = (8 * (valueAt(epsilon) - valueAt(-epsilon)) - (valueAt(2 * epsilon) - valueAt(-2 * epsilon)))
                             / (12 * epsilon);
        QVERIFY2(std::abs(slope) > 0.1, qPrintable(QString::number(slope)));
        QVERIFY2(std::abs(numeric - slope) < 1e-4 * std::abs(slope),
                 qPrintable(QStringLiteral("analytic %1, finite differences %2").arg(slope).arg(numeric)));
    }
};

QTEST_MAIN(RecurrentThroughTimeTest)
#include "tst_recurrent_through_time.moc"
