// The numbers of the step-through view ("Inside the attention") are the model's own: for every
// attention variant, token and series models, LSTM and GRU, one and two directions and layers,
// every quantity of the trace is recomputed here from the model's weights with plain loops (an
// LSTM/GRU written out, each variant's formula, the softmax, the context, the head) and compared
// to 1e-5; the trace's weights and outputs are also those of the model's own forward.

#include "SmallModels.h"
#include "TorchTestSetup.h"
#include "model/AttentionModel.h"
#include "model/Prediction.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace studio;

namespace {

constexpr double kTolerance = 1e-5;
constexpr int64_t kSteps = 7;

using Vector = std::vector<double>;

// A parameter of the model as a row-major matrix (rows × columns) of doubles.
struct Matrix {
    int64_t rows = 0;
    int64_t columns = 0;
    Vector values;

    double at(int64_t row, int64_t column) const { return values[static_cast<size_t>(row * columns + column)]; }
    Vector row(int64_t r) const
    {
        return {values.begin() + r * columns, values.begin() + (r + 1) * columns};
    }
};

Matrix parameter(AttentionModel& model, const std::string& name)
{
    const torch::Tensor* found = model->named_parameters().find(name);
    if (!found)
        qFatal("no parameter %s", name.c_str());
    const auto tensor = found->detach().to(torch::kDouble).contiguous();
    Matrix matrix;
    matrix.rows = tensor.dim() == 2 ? tensor.size(0) : 1;
    matrix.columns = tensor.dim() == 2 ? tensor.size(1) : tensor.numel();
    matrix.values.assign(tensor.data_ptr<double>(), tensor.data_ptr<double>() + tensor.numel());
    return matrix;
}

// W x (+ b), W (rows × |x|).
Vector affine(const Matrix& w, const Vector& x, const Vector* b = nullptr)
{
    Vector out(static_cast<size_t>(w.rows), 0.0);
    for (int64_t r = 0; r < w.rows; ++r) {
        double sum = b ? (*b)[static_cast<size_t>(r)] : 0.0;
        for (int64_t c = 0; c < w.columns; ++c)
            sum += w.at(r, c) * x[static_cast<size_t>(c)];
        out[static_cast<size_t>(r)] = sum;
    }
    return out;
}

double dot(const Vector& a, const Vector& b)
{
    double sum = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        sum += a[i] * b[i];
    return sum;
}

Vector flat(const std::vector<Vector>& rows)
{
    Vector out;
    for (const Vector& row : rows)
        out.insert(out.end(), row.begin(), row.end());
    return out;
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// One direction of one recurrent layer over `inputs`, written out as PyTorch defines it
// (LSTM gates i, f, g, o; GRU gates r, z, n). `gates` and `cells`, when given, receive each
// step's gates (in that order) and LSTM cell state.
std::vector<Vector> recurrentLayer(AttentionModel& model, const std::string& prefix, const std::string& suffix,
                                   RecurrentCell cell, const std::vector<Vector>& inputs, bool reverse,
                                   std::vector<Vector>* gates = nullptr, std::vector<Vector>* cells = nullptr)
{
    if (gates)
        gates->assign(inputs.size(), Vector());
    if (cells)
        cells->assign(inputs.size(), Vector());
    const Matrix wIh = parameter(model, prefix + "weight_ih" + suffix);
    const Matrix wHh = parameter(model, prefix + "weight_hh" + suffix);
    const Vector bIh = parameter(model, prefix + "bias_ih" + suffix).values;
    const Vector bHh = parameter(model, prefix + "bias_hh" + suffix).values;
    const auto hidden = static_cast<size_t>(wHh.columns);
    Vector h(hidden, 0.0), c(hidden, 0.0);
    std::vector<Vector> out(inputs.size());
    for (size_t step = 0; step < inputs.size(); ++step) {
        const size_t t = reverse ? inputs.size() - 1 - step : step;
        const Vector x = affine(wIh, inputs[t], &bIh);
        const Vector r = affine(wHh, h, &bHh);
        Vector next(hidden);
        const size_t gateCount = cell == RecurrentCell::Lstm ? 4 : 3;
        Vector stepGates(gateCount * hidden);
        for (size_t j = 0; j < hidden; ++j) {
            if (cell == RecurrentCell::Lstm) {
                const double i = sigmoid(x[j] + r[j]);
                const double f = sigmoid(x[hidden + j] + r[hidden + j]);
                const double g = std::tanh(x[2 * hidden + j] + r[2 * hidden + j]);
                const double o = sigmoid(x[3 * hidden + j] + r[3 * hidden + j]);
                c[j] = f * c[j] + i * g;
                next[j] = o * std::tanh(c[j]);
                stepGates[j] = i;
                stepGates[hidden + j] = f;
                stepGates[2 * hidden + j] = g;
                stepGates[3 * hidden + j] = o;
            } else {
                const double reset = sigmoid(x[j] + r[j]);
                const double update = sigmoid(x[hidden + j] + r[hidden + j]);
                const double candidate = std::tanh(x[2 * hidden + j] + reset * r[2 * hidden + j]);
                next[j] = (1.0 - update) * candidate + update * h[j];
                stepGates[j] = reset;
                stepGates[hidden + j] = update;
                stepGates[2 * hidden + j] = candidate;
            }
        }
        if (gates)
            (*gates)[t] = stepGates;
        if (cells && cell == RecurrentCell::Lstm)
            (*cells)[t] = c;
        h = next;
        out[t] = h;
    }
    return out;
}

// hₜ for every step: the input layer (embedding or projection), then each recurrent layer, the
// directions side by side (forward first). The last layer's gates and cell states, per direction,
// go to `gates` and `cells`.
std::vector<Vector> encoderStates(AttentionModel& model, const ModelConfig& config, const Example& example,
                                  Vector* gates = nullptr, Vector* cells = nullptr)
{
    std::vector<Vector> steps;
    if (config.input == InputKind::Tokens) {
        const Matrix embedding = parameter(model, "encoder.embedding.weight");
        for (int64_t id : example.tokens)
            steps.push_back(embedding.row(id));
    } else {
        const Matrix w = parameter(model, "encoder.projection.weight");
        const Vector b = parameter(model, "encoder.projection.bias").values;
        for (size_t t = 0; t * config.inputFeatures < example.values.size(); ++t) {
            const auto begin = example.values.begin() + static_cast<std::ptrdiff_t>(t * config.inputFeatures);
            steps.push_back(affine(w, Vector(begin, begin + config.inputFeatures), &b));
        }
    }
    const std::string prefix = config.cell == RecurrentCell::Lstm ? "encoder.lstm." : "encoder.gru.";
    for (int layer = 0; layer < config.layers; ++layer) {
        const std::string suffix = "_l" + std::to_string(layer);
        const bool last = layer + 1 == config.layers;
        std::vector<Vector> forwardGates, forwardCells, backwardGates, backwardCells;
        std::vector<Vector> forward = recurrentLayer(model, prefix, suffix, config.cell, steps, false, &forwardGates, &forwardCells);
        if (last && gates && cells) {
            *gates = flat(forwardGates);
            *cells = flat(forwardCells);
        }
        if (config.bidirectional) {
            const std::vector<Vector> backward =
                recurrentLayer(model, prefix, suffix + "_reverse", config.cell, steps, true, &backwardGates, &backwardCells);
            if (last && gates && cells) {
                const Vector g = flat(backwardGates), c = flat(backwardCells);
                gates->insert(gates->end(), g.begin(), g.end());
                cells->insert(cells->end(), c.begin(), c.end());
            }
            for (size_t t = 0; t < forward.size(); ++t)
                forward[t].insert(forward[t].end(), backward[t].begin(), backward[t].end());
        }
        steps = std::move(forward);
    }
    return steps;
}

// The softmax of `scores`, written out the long way.
Vector softmax(const Vector& scores)
{
    double largest = -INFINITY;
    for (double e : scores)
        largest = std::max(largest, e);
    Vector out;
    double sum = 0.0;
    for (double e : scores) {
        out.push_back(std::exp(e - largest));
        sum += out.back();
    }
    for (double& value : out)
        value /= sum;
    return out;
}

// Largest |a - b|, or infinity when the sizes differ.
double difference(const std::vector<float>& a, const Vector& b)
{
    if (a.size() != b.size())
        return INFINITY;
    double largest = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        largest = std::max(largest, std::abs(static_cast<double>(a[i]) - b[i]));
    return largest;
}

#define COMPARE_NUMBERS(actual, expected)                                                                    \
    do {                                                                                                     \
        const double gap = difference((actual), (expected));                                                 \
        QVERIFY2(gap <= kTolerance, qPrintable(QStringLiteral("%1: off by %2").arg(QLatin1String(#actual)).arg(gap))); \
    } while (false)

} // namespace

class AttentionTraceTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testing::setUpTorch(); }

    void everyNumberIsTheModelsOwn_data()
    {
        QTest::addColumn<int>("attention");
        QTest::addColumn<bool>("tokens");
        QTest::addColumn<int>("cell");
        QTest::addColumn<bool>("bidirectional");
        QTest::addColumn<int>("layers");
        const QList<AttentionKind> kinds{AttentionKind::Additive, AttentionKind::TanhDense, AttentionKind::PositionalBias,
                                         AttentionKind::Dot, AttentionKind::PerFeature, AttentionKind::Self,
                                         AttentionKind::QueryDot};
        for (AttentionKind kind : kinds) {
            const QByteArray name = toString(kind).toUtf8();
            QTest::newRow(name + ", tokens, Bi-LSTM") << static_cast<int>(kind) << true << static_cast<int>(RecurrentCell::Lstm) << true << 1;
            QTest::newRow(name + ", series, GRU") << static_cast<int>(kind) << false << static_cast<int>(RecurrentCell::Gru) << false << 1;
        }
        QTest::newRow("additive, series, 2-layer Bi-GRU, 3 classes")
            << static_cast<int>(AttentionKind::Additive) << false << static_cast<int>(RecurrentCell::Gru) << true << 2;
        QTest::newRow("none") << static_cast<int>(AttentionKind::None) << true << static_cast<int>(RecurrentCell::Lstm) << false << 1;
    }

    void everyNumberIsTheModelsOwn()
    {
        QFETCH(int, attention);
        QFETCH(bool, tokens);
        QFETCH(int, cell);
        QFETCH(bool, bidirectional);
        QFETCH(int, layers);
        ModelConfig config;
        config.input = tokens ? InputKind::Tokens : InputKind::Series;
        config.vocabularySize = 20;
        config.embeddingDim = 5;
        config.inputFeatures = 2;
        config.cell = static_cast<RecurrentCell>(cell);
        config.hiddenSize = 4;
        config.layers = layers;
        config.bidirectional = bidirectional;
        config.attention = static_cast<AttentionKind>(attention);
        config.attentionDim = 3;
        config.maxLength = kSteps + 2;  // positional-bias: more positions than the input uses
        config.head = layers == 2 ? HeadKind::MultiClass : HeadKind::Binary;
        config.outputs = layers == 2 ? 3 : 1;
        // Weights off their initial values (the positional bias starts at zero, for one).
        AttentionModel model = testing::modelWithSpreadWeights(config, 11, 0.8);
        const Example example = testing::randomExample(config, kSteps, 5, 1.0F);

        const Prediction prediction = predictExample(model, example, nullptr, PredictionDetail::Trace);
        const AttentionTrace& trace = prediction.trace;
        QCOMPARE(trace.steps, kSteps);
        QCOMPARE(trace.width, static_cast<int64_t>(config.encoderWidth()));
        QVERIFY(trace.attention == config.attention);
        QCOMPARE(trace.stepNames.size(), kSteps);
        QCOMPARE(trace.real, std::vector<uint8_t>(kSteps, 1));

        // hₜ: the recurrent layers written out; the last one's gates (and LSTM cell states).
        Vector gates, cells;
        const std::vector<Vector> states = encoderStates(model, config, example, &gates, &cells);
        COMPARE_NUMBERS(trace.hidden, flat(states));
        QCOMPARE(trace.gateUnits, static_cast<int64_t>(config.hiddenSize));
        COMPARE_NUMBERS(trace.gates, gates);
        COMPARE_NUMBERS(trace.cells, cells);
        QCOMPARE(trace.gates.size(), static_cast<size_t>(trace.directions() * kSteps * trace.gateCount() * config.hiddenSize));

        // The variant's terms, scores, softmax and context.
        const auto width = static_cast<size_t>(config.encoderWidth());
        Vector scores, weights, context, shiftedExp, expSums;
        auto writeOut = [&](const Vector& distributionScores) {
            const Vector alpha = softmax(distributionScores);
            double largest = -INFINITY;
            for (double e : distributionScores)
                largest = std::max(largest, e);
            double sum = 0.0;
            Vector exps;
            for (double e : distributionScores) {
                exps.push_back(std::exp(e - largest));
                sum += exps.back();
            }
            expSums.push_back(sum);
            return std::make_pair(alpha, exps);
        };
        switch (config.attention) {
        case AttentionKind::Additive:
        case AttentionKind::TanhDense:
        case AttentionKind::PositionalBias:
        case AttentionKind::Dot: {
            Vector projected;
            for (size_t t = 0; t < states.size(); ++t) {
                const Vector& h = states[t];
                if (config.attention == AttentionKind::Additive) {
                    const Vector b = parameter(model, "attention.projection.bias").values;
                    const Vector u = affine(parameter(model, "attention.projection.weight"), h, &b);
                    projected.insert(projected.end(), u.begin(), u.end());
                    Vector squashed;
                    for (double value : u)
                        squashed.push_back(std::tanh(value));
                    scores.push_back(dot(parameter(model, "attention.score.weight").values, squashed));
                } else if (config.attention == AttentionKind::TanhDense) {
                    Vector squashed;
                    for (double value : h)
                        squashed.push_back(std::tanh(value));
                    scores.push_back(dot(parameter(model, "attention.w").values, squashed));
                } else if (config.attention == AttentionKind::PositionalBias) {
                    scores.push_back(dot(parameter(model, "attention.w").values, h) + parameter(model, "attention.bias").values[t]);
                } else {
                    scores.push_back(dot(parameter(model, "attention.query").values, h));
                }
            }
            const auto [alpha, exps] = writeOut(scores);
            weights = alpha;
            shiftedExp = exps;
            Vector r(width, 0.0);
            for (size_t t = 0; t < states.size(); ++t)
                for (size_t d = 0; d < width; ++d)
                    r[d] += weights[t] * states[t][d];
            context = r;
            if (config.attention == AttentionKind::TanhDense) {
                COMPARE_NUMBERS(trace.attended, r);
                for (double& value : context)
                    value = std::tanh(value);
            }
            if (config.attention == AttentionKind::Additive)
                COMPARE_NUMBERS(trace.projected, projected);
            if (config.attention == AttentionKind::PositionalBias) {
                Vector bias = parameter(model, "attention.bias").values;
                bias.resize(static_cast<size_t>(kSteps));
                COMPARE_NUMBERS(trace.positionBias, bias);
            }
            const char* vectorName = config.attention == AttentionKind::Additive ? "attention.score.weight"
                                     : config.attention == AttentionKind::Dot  ? "attention.query"
                                                                               : "attention.w";
            COMPARE_NUMBERS(trace.scoreVector, parameter(model, vectorName).values);
            break;
        }
        case AttentionKind::PerFeature: {
            const Vector b = parameter(model, "attention.projection.bias").values;
            const Matrix w = parameter(model, "attention.projection.weight");
            std::vector<Vector> projected;
            for (const Vector& h : states)
                projected.push_back(affine(w, h, &b));
            COMPARE_NUMBERS(trace.projected, flat(projected));
            scores.assign(states.size() * width, 0.0);
            weights.assign(scores.size(), 0.0);
            shiftedExp.assign(scores.size(), 0.0);
            context.assign(width, 0.0);
            for (size_t d = 0; d < width; ++d) {
                Vector column;
                for (size_t t = 0; t < states.size(); ++t)
                    column.push_back(std::tanh(projected[t][d]));
                const auto [alpha, exps] = writeOut(column);
                for (size_t t = 0; t < states.size(); ++t) {
                    scores[t * width + d] = column[t];
                    weights[t * width + d] = alpha[t];
                    shiftedExp[t * width + d] = exps[t];
                    context[d] += alpha[t] * states[t][d];
                }
            }
            break;
        }
        case AttentionKind::Self: {
            auto project = [&](const char* name) {
                const Vector b = parameter(model, std::string("attention.") + name + ".bias").values;
                const Matrix w = parameter(model, std::string("attention.") + name + ".weight");
                std::vector<Vector> rows;
                for (const Vector& h : states)
                    rows.push_back(affine(w, h, &b));
                return rows;
            };
            const std::vector<Vector> q = project("query"), k = project("key"), v = project("value");
            COMPARE_NUMBERS(trace.projected, flat(q));
            COMPARE_NUMBERS(trace.keys, flat(k));
            COMPARE_NUMBERS(trace.values, flat(v));
            const double scale = std::sqrt(static_cast<double>(q.front().size()));
            std::vector<Vector> attended;
            context.assign(v.front().size(), 0.0);
            for (size_t t = 0; t < states.size(); ++t) {
                Vector row;
                for (size_t s = 0; s < states.size(); ++s)
                    row.push_back(dot(q[t], k[s]) / scale);
                const auto [alpha, exps] = writeOut(row);
                scores.insert(scores.end(), row.begin(), row.end());
                weights.insert(weights.end(), alpha.begin(), alpha.end());
                shiftedExp.insert(shiftedExp.end(), exps.begin(), exps.end());
                Vector mixed(v.front().size(), 0.0);
                for (size_t s = 0; s < states.size(); ++s)
                    for (size_t j = 0; j < mixed.size(); ++j)
                        mixed[j] += alpha[s] * v[s][j];
                for (size_t j = 0; j < mixed.size(); ++j)
                    context[j] += mixed[j] / static_cast<double>(states.size());
                attended.push_back(mixed);
            }
            COMPARE_NUMBERS(trace.attended, flat(attended));
            break;
        }
        case AttentionKind::QueryDot: {
            // qₜ = tanh(W hₜ + b), e_ts = qₜ · hₛ; c = [the encoder's last state ; Σₜ Σₛ α_ts hₛ].
            const Vector b = parameter(model, "attention.query.bias").values;
            const Matrix w = parameter(model, "attention.query.weight");
            std::vector<Vector> q;
            for (const Vector& h : states) {
                Vector row = affine(w, h, &b);
                for (double& value : row)
                    value = std::tanh(value);
                q.push_back(row);
            }
            COMPARE_NUMBERS(trace.projected, flat(q));
            std::vector<Vector> attended;
            Vector gathered(width, 0.0);
            for (size_t t = 0; t < states.size(); ++t) {
                Vector row;
                for (size_t s = 0; s < states.size(); ++s)
                    row.push_back(dot(q[t], states[s]));
                const auto [alpha, exps] = writeOut(row);
                scores.insert(scores.end(), row.begin(), row.end());
                weights.insert(weights.end(), alpha.begin(), alpha.end());
                shiftedExp.insert(shiftedExp.end(), exps.begin(), exps.end());
                Vector mixed(width, 0.0);
                for (size_t s = 0; s < states.size(); ++s)
                    for (size_t j = 0; j < width; ++j)
                        mixed[j] += alpha[s] * states[s][j];
                for (size_t j = 0; j < width; ++j)
                    gathered[j] += mixed[j];
                attended.push_back(mixed);
            }
            COMPARE_NUMBERS(trace.attended, flat(attended));
            // The last state: forward half at the last step, backward half (bidirectional) at step 0.
            const size_t half = config.bidirectional ? width / 2 : width;
            for (size_t j = 0; j < width; ++j)
                context.push_back(j < half ? states.back()[j] : states.front()[j]);
            context.insert(context.end(), gathered.begin(), gathered.end());
            break;
        }
        case AttentionKind::None:
            QVERIFY(trace.scores.empty() && trace.weights.empty());
            break;
        }
        if (config.attention != AttentionKind::None) {
            COMPARE_NUMBERS(trace.scores, scores);
            COMPARE_NUMBERS(trace.shiftedExp, shiftedExp);
            COMPARE_NUMBERS(trace.expSums, expSums);
            COMPARE_NUMBERS(trace.weights, weights);
            COMPARE_NUMBERS(trace.context, context);
            // The weights shown are the ones the model returns.
            QCOMPARE(trace.weights, prediction.attention.values);
        }

        // The head: logits = W c + b, the output the model returns.
        const Vector b = parameter(model, "head.bias").values;
        const Matrix head = parameter(model, "head.weight");
        COMPARE_NUMBERS(trace.headWeights, head.values);
        COMPARE_NUMBERS(trace.headBias, b);
        if (config.attention != AttentionKind::None)
            COMPARE_NUMBERS(trace.logits, affine(head, context, &b));
        QCOMPARE(trace.logits, prediction.output);
        QCOMPARE(trace.outputs(), static_cast<int64_t>(config.outputs));
    }

    // Without asking, no trace is made (the CLI's path and sample scoring pay nothing for it).
    void aTraceIsMadeOnlyWhenAsked()
    {
        ModelConfig config;
        config.vocabularySize = 10;
        config.embeddingDim = 3;
        config.hiddenSize = 2;
        AttentionModel model = buildModel(config);
        Example example;
        example.tokens = {1, 2, 3};
        QVERIFY(predictExample(model, example).trace.isEmpty());
        QCOMPARE(predictExample(model, example, nullptr, PredictionDetail::Trace).trace.steps, int64_t{3});
    }
};

QTEST_GUILESS_MAIN(AttentionTraceTest)
#include "tst_attention_trace.moc"
