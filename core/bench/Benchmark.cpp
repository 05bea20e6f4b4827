#include "bench/Benchmark.h"

#include "analysis/StepAttribution.h"

#include "common/StudioError.h"
#include "external/TorchScriptModel.h"
#include "model/AttentionModel.h"
#include "model/FusedRecurrent.h"
#include "model/ModelConfig.h"
#include "train/DataParallelStep.h"
#include "train/Objective.h"

#include <ATen/Parallel.h>
#include <torch/optim/adam.h>
#include <torch/utils.h>

#include <QJsonArray>

#include <algorithm>
#include <chrono>
#include <random>
#include <cmath>

namespace studio {

namespace {

constexpr uint64_t kSeed = 4;             // torch::manual_seed for weights, data and labels
constexpr int kDistinctBatches = 4;       // pre-built training batches, used round-robin
constexpr int kInferenceWarmupCalls = 5;  // untimed single-sequence calls before the timed ones

struct NamedConfiguration {
    QString name;
    QString description;
    ModelConfig model;
    int batchSize = 32;
    int sequenceLength = 0;
    double learningRate = 1e-3;
};

ModelConfig tokenModel(int vocabulary, int embedding, int hidden, AttentionKind attention, bool bidirectional)
{
    ModelConfig config;
    config.input = InputKind::Tokens;
    config.vocabularySize = vocabulary;
    config.embeddingDim = embedding;
    config.cell = RecurrentCell::Lstm;
    config.hiddenSize = hidden;
    config.bidirectional = bidirectional;
    config.attention = attention;
    config.head = HeadKind::Binary;
    config.outputs = 1;
    return config;
}

std::vector<NamedConfiguration> namedConfigurations()
{
    std::vector<NamedConfiguration> all;
    all.push_back({QStringLiteral("seed4"),
                   QStringLiteral("The Keras tutorial model: tokens (vocabulary 10000, embedding 128), "
                                  "LSTM 64, additive attention, binary head; batch 32, length 200, Adam 1e-3."),
                   tokenModel(/*vocabulary=*/10000, /*embedding=*/128, /*hidden=*/64, AttentionKind::Additive,
                              /*bidirectional=*/false),
                   /*batchSize=*/32, /*sequenceLength=*/200});
    all.push_back({QStringLiteral("seed4-bi"),
                   QStringLiteral("seed4 with a bidirectional LSTM (64 per direction): tokens (vocabulary 10000, "
                                  "embedding 128), additive attention, binary head; batch 32, length 200, Adam 1e-3."),
                   tokenModel(10000, 128, 64, AttentionKind::Additive, /*bidirectional=*/true), 32, 200});
    all.push_back({QStringLiteral("seed4-self"),
                   QStringLiteral("seed4 with scaled dot-product self-attention (a 200x200 map) instead of additive: "
                                  "tokens (vocabulary 10000, embedding 128), LSTM 64, binary head; batch 32, length 200."),
                   tokenModel(10000, 128, 64, AttentionKind::Self, false), 32, 200});
    all.push_back({QStringLiteral("keyword-small"),
                   QStringLiteral("A small keyword task: tokens (vocabulary 50, embedding 32), LSTM 32, additive "
                                  "attention, binary head; batch 32, length 20, Adam 1e-3."),
                   tokenModel(50, 32, 32, AttentionKind::Additive, false), 32, 20});

    ModelConfig series;
    series.input = InputKind::Series;
    series.inputFeatures = 1;
    series.cell = RecurrentCell::Lstm;
    series.hiddenSize = 32;
    series.attention = AttentionKind::Additive;
    series.head = HeadKind::Binary;
    series.outputs = 1;
    all.push_back({QStringLiteral("series-spike"),
                   QStringLiteral("A univariate time series (1 feature), LSTM 32, additive attention, binary head; "
                                  "batch 32, length 30, Adam 1e-3. Throughput is in timesteps per second."),
                   series, 32, 30});
    return all;
}

// Restores torch's intra-op thread count when the run ends, however it ends.
class ThreadCountGuard {
public:
    explicit ThreadCountGuard(int threads)
        : m_previous(at::get_num_threads())
    {
        at::set_num_threads(threads);
    }
    ~ThreadCountGuard() { at::set_num_threads(m_previous); }
    ThreadCountGuard(const ThreadCountGuard&) = delete;
    ThreadCountGuard& operator=(const ThreadCountGuard&) = delete;

private:
    int m_previous;
};

struct RandomBatch {
    torch::Tensor input;
    torch::Tensor mask;
    torch::Tensor target;
};

// Full-length sequences (no padding): token ids in [2, vocabulary) skip <pad> and <unk>; series
// values are standard normal. Binary labels are 0 or 1 with equal chance.
RandomBatch makeRandomBatch(const ModelConfig& model, int64_t batchSize, int64_t length)
{
    RandomBatch batch;
    if (model.input == InputKind::Tokens)
        batch.input = torch::randint(/*low=*/2, /*high=*/model.vocabularySize, {batchSize, length}, torch::kLong);
    else
        batch.input = torch::randn({batchSize, length, model.inputFeatures});
    batch.mask = torch::ones({batchSize, length}, torch::kBool);
    batch.target = torch::randint(/*low=*/0, /*high=*/2, {batchSize}, torch::kFloat);
    return batch;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// Nearest-rank percentile of a non-empty sample: the smallest value with at least `p` of the
// sample at or below it.
double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

void checkPositive(int value, const char* name)
{
    if (value < 1)
        throw StudioError(QStringLiteral("The benchmark setting %1 must be positive, not %2.")
                              .arg(QLatin1String(name))
                              .arg(value));
}

// The multiply-adds (×2) of the recurrent layers' matrix products for one token in training: per
// layer and direction the input and recurrent products forward, G·H·(in + H) each, and about twice
// that backward (the gradients of the inputs and of the weights).
double recurrentTrainingFlopsPerToken(const ModelConfig& model)
{
    const double gates = model.cell == RecurrentCell::Lstm ? 4.0 : 3.0;
    const double directions = model.bidirectional ? 2.0 : 1.0;
    const double units = model.hiddenSize;
    double flops = 0.0;
    for (int layer = 0; layer < model.layers; ++layer) {
        const double in = layer == 0 ? (model.input == InputKind::Tokens ? model.embeddingDim : model.hiddenSize)
                                     : directions * units;
        flops += directions * 3.0 * 2.0 * gates * units * (in + units);
    }
    return flops;
}

// A large single-precision matrix product's rate on one thread, the most this machine's BLAS gets
// from one core: the training rate is a fraction of it times the threads a step uses.
double measureSgemmGflopPerSecond()
{
    constexpr int64_t kSize = 512;
    constexpr int kCalls = 20;
    const torch::Tensor a = torch::randn({kSize, kSize});
    const torch::Tensor b = torch::randn({kSize, kSize});
    torch::Tensor c = torch::mm(a, b);
    std::vector<double> rates;
    for (int call = 0; call < kCalls; ++call) {
        const auto start = std::chrono::steady_clock::now();
        torch::mm_out(c, a, b);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        rates.push_back(2.0 * kSize * kSize * kSize / seconds / 1e9);
    }
    return median(rates);
}

} // namespace

QJsonObject BenchmarkReport::toJson() const
{
    const auto array = [](const std::vector<double>& values) {
        QJsonArray json;
        for (double value : values)
            json.append(value);
        return json;
    };
    // The cores' combined ceiling: one thread's sgemm rate times the threads the step used (each
    // replica with `threads` intra-op threads).
    const double ceiling = sgemmGflopPerSecond * replicas * threads;
    const double oneReplicaCeiling = sgemmGflopPerSecond * threads;
    QJsonObject json;
    json.insert(QStringLiteral("configuration"), configuration);
    json.insert(QStringLiteral("description"), description);
    json.insert(QStringLiteral("threads"), threads);
    json.insert(QStringLiteral("replicas"), replicas);
    json.insert(QStringLiteral("batchSize"), batchSize);
    json.insert(QStringLiteral("sequenceLength"), sequenceLength);
    json.insert(QStringLiteral("tokensPerSecond"), tokensPerSecond);
    json.insert(QStringLiteral("samplesPerSecond"), samplesPerSecond);
    json.insert(QStringLiteral("repeatTokensPerSecond"), array(repeatTokensPerSecond));
    json.insert(QStringLiteral("oneThreadTokensPerSecond"), oneThreadTokensPerSecond);
    json.insert(QStringLiteral("repeatOneThreadTokensPerSecond"), array(repeatOneThreadTokensPerSecond));
    json.insert(QStringLiteral("intraOpTokensPerSecond"), intraOpTokensPerSecond);
    json.insert(QStringLiteral("repeatIntraOpTokensPerSecond"), array(repeatIntraOpTokensPerSecond));
    json.insert(QStringLiteral("libTorchTokensPerSecond"), libTorchTokensPerSecond);
    json.insert(QStringLiteral("repeatLibTorchTokensPerSecond"), array(repeatLibTorchTokensPerSecond));
    json.insert(QStringLiteral("ourLoopTokensPerSecond"), ourLoopTokensPerSecond);
    json.insert(QStringLiteral("repeatOurLoopTokensPerSecond"), array(repeatOurLoopTokensPerSecond));
    json.insert(QStringLiteral("trainingSpeedup"), trainingSpeedup);
    json.insert(QStringLiteral("recurrentGflopPerSecond"), recurrentGflopPerSecond);
    json.insert(QStringLiteral("oneThreadRecurrentGflopPerSecond"), oneThreadRecurrentGflopPerSecond);
    json.insert(QStringLiteral("sgemmGflopPerSecond"), sgemmGflopPerSecond);
    json.insert(QStringLiteral("fractionOfSgemm"), ceiling > 0 ? recurrentGflopPerSecond / ceiling : 0.0);
    json.insert(QStringLiteral("oneThreadFractionOfSgemm"),
                oneReplicaCeiling > 0 ? oneThreadRecurrentGflopPerSecond / oneReplicaCeiling : 0.0);
    json.insert(QStringLiteral("inferenceP50Ms"), inferenceP50Ms);
    json.insert(QStringLiteral("inferenceP95Ms"), inferenceP95Ms);
    json.insert(QStringLiteral("fusedInferenceP50Ms"), fusedInferenceP50Ms);
    json.insert(QStringLiteral("fusedInferenceP95Ms"), fusedInferenceP95Ms);
    json.insert(QStringLiteral("explainCalls"), explainCalls);
    json.insert(QStringLiteral("explainMedianMs"), explainMedianMs);
    return json;
}

QStringList benchmarkConfigurations()
{
    QStringList names;
    for (const auto& named : namedConfigurations())
        names.append(named.name);
    return names;
}

BenchmarkReport runBenchmark(const BenchmarkSettings& settings)
{
    const auto all = namedConfigurations();
    const auto found = std::find_if(all.begin(), all.end(),
                                    [&](const NamedConfiguration& named) { return named.name == settings.configuration; });
    if (found == all.end())
        throw StudioError(QStringLiteral("Unknown benchmark configuration \"%1\"; the configurations are: %2.")
                              .arg(settings.configuration, benchmarkConfigurations().join(QStringLiteral(", "))));
    checkPositive(settings.threads, "threads");
    if (settings.warmupSteps < 0)
        throw StudioError(QStringLiteral("The benchmark setting warmupSteps must be 0 or more, not %1.").arg(settings.warmupSteps));
    checkPositive(settings.trainSteps, "trainSteps");
    checkPositive(settings.repeats, "repeats");
    checkPositive(settings.inferenceCalls, "inferenceCalls");

    const NamedConfiguration& named = *found;
    const int64_t batchSize = named.batchSize;
    const int64_t length = settings.sequenceLength > 0 ? settings.sequenceLength : named.sequenceLength;

    ThreadCountGuard threadCount(settings.threads);
    // Graph recording is part of a training step; a caller's NoGradGuard must not leak in.
    torch::AutoGradMode enableGrad(/*enabled=*/true);
    torch::manual_seed(kSeed);

    AttentionModel model = buildModel(named.model);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(named.learningRate));

    std::vector<RandomBatch> batches;
    for (int i = 0; i < kDistinctBatches; ++i)
        batches.push_back(makeRandomBatch(named.model, batchSize, length));

    const int replicas = settings.replicas > 0 ? settings.replicas : defaultReplicaCount(static_cast<int>(batchSize));
    DataParallelStep oneThread(model, 1);
    DataParallelStep replicated(model, replicas);
    int next = 0;
    const auto trainStep = [&](DataParallelStep& parallel) {
        const RandomBatch& random = batches[static_cast<size_t>(next)];
        next = (next + 1) % kDistinctBatches;
        optimizer.zero_grad();
        parallel.run(Batch{random.input, random.mask, random.target}, named.model.head);
        optimizer.step();
    };

    using Clock = std::chrono::steady_clock;
    using Seconds = std::chrono::duration<double>;
    using Milliseconds = std::chrono::duration<double, std::milli>;

    BenchmarkReport report;
    report.configuration = named.name;
    report.description = named.description;
    report.threads = settings.threads;
    report.replicas = replicated.replicas();
    report.batchSize = named.batchSize;
    report.sequenceLength = static_cast<int>(length);

    // The ways one training step can run, measured in the same sitting: LibTorch's layers and our
    // loop (one thread), oneDNN on one thread, and the two ways to use more cores with oneDNN:
    // replicas on threads of their own (the app's default), or torch's and oneDNN's intra-op
    // threads inside one step.
    struct Variant {
        RecurrentKernel kernel;
        DataParallelStep* parallel;
        int intraOpThreads;
        std::vector<double>* tokensPerSecond;
    };
    std::vector<double> oneDnnTokensPerSecond;
    std::vector<Variant> variants{
        {RecurrentKernel::LibTorch, &oneThread, settings.threads, &report.repeatLibTorchTokensPerSecond},
        {RecurrentKernel::ThroughTime, &oneThread, settings.threads, &report.repeatOurLoopTokensPerSecond},
        {RecurrentKernel::OneDnn, &oneThread, settings.threads, &report.repeatOneThreadTokensPerSecond},
    };
    if (report.replicas > 1) {
        variants.push_back({RecurrentKernel::OneDnn, &replicated, settings.threads, &report.repeatTokensPerSecond});
        variants.push_back({RecurrentKernel::OneDnn, &oneThread, report.replicas, &report.repeatIntraOpTokensPerSecond});
    }
    model->train();
    for (const Variant& variant : variants) {
        model->useRecurrentKernel(variant.kernel);
        ThreadCountGuard intraOp(variant.intraOpThreads);
        for (int step = 0; step < settings.warmupSteps; ++step)
            trainStep(*variant.parallel);
    }
    // The variants' repeats alternate, so that the machine's load falls on all alike.
    std::vector<double> samplesPerSecond;
    for (int repeat = 0; repeat < settings.repeats; ++repeat) {
        for (const Variant& variant : variants) {
            model->useRecurrentKernel(variant.kernel);
            ThreadCountGuard intraOp(variant.intraOpThreads);
            const auto start = Clock::now();
            for (int step = 0; step < settings.trainSteps; ++step)
                trainStep(*variant.parallel);
            const double seconds = Seconds(Clock::now() - start).count();
            const double samples = static_cast<double>(batchSize) * settings.trainSteps;
            variant.tokensPerSecond->push_back(samples * static_cast<double>(length) / seconds);
            if (variant.tokensPerSecond == &report.repeatTokensPerSecond
                || (report.replicas == 1 && variant.tokensPerSecond == &report.repeatOneThreadTokensPerSecond))
                samplesPerSecond.push_back(samples / seconds);
        }
    }
    if (report.replicas == 1)  // the app's default is then the one-thread oneDNN step
        report.repeatTokensPerSecond = report.repeatOneThreadTokensPerSecond;
    report.oneThreadTokensPerSecond = median(report.repeatOneThreadTokensPerSecond);
    if (!report.repeatIntraOpTokensPerSecond.empty())
        report.intraOpTokensPerSecond = median(report.repeatIntraOpTokensPerSecond);
    report.tokensPerSecond = median(report.repeatTokensPerSecond);
    report.samplesPerSecond = median(samplesPerSecond);
    report.libTorchTokensPerSecond = median(report.repeatLibTorchTokensPerSecond);
    report.ourLoopTokensPerSecond = median(report.repeatOurLoopTokensPerSecond);
    report.trainingSpeedup = report.tokensPerSecond / report.libTorchTokensPerSecond;
    report.recurrentGflopPerSecond = recurrentTrainingFlopsPerToken(named.model) * report.tokensPerSecond / 1e9;
    report.oneThreadRecurrentGflopPerSecond = recurrentTrainingFlopsPerToken(named.model) * report.oneThreadTokensPerSecond / 1e9;
    {
        ThreadCountGuard oneThread(1);
        report.sgemmGflopPerSecond = measureSgemmGflopPerSecond();
    }

    model->eval();
    model->useRecurrentKernel(RecurrentKernel::LibTorch);  // inferenceP50Ms: LibTorch's layers, as before
    torch::NoGradGuard noGrad;
    const RandomBatch single = makeRandomBatch(named.model, /*batchSize=*/1, length);
    for (int call = 0; call < kInferenceWarmupCalls; ++call)
        model->forward(single.input, single.mask);
    std::vector<double> latencies;
    latencies.reserve(static_cast<size_t>(settings.inferenceCalls));
    for (int call = 0; call < settings.inferenceCalls; ++call) {
        const auto start = Clock::now();
        const ModelOutput output = model->forward(single.input, single.mask);
        latencies.push_back(Milliseconds(Clock::now() - start).count());
    }
    report.inferenceP50Ms = percentile(latencies, 0.50);
    report.inferenceP95Ms = percentile(latencies, 0.95);

    const auto fusedCall = [&] {
        FusedEncoderRun run = runEncoderFused(model, single.input, /*keepGates=*/false);
        return model->forwardFromStates(std::move(run.states), single.mask);
    };
    for (int call = 0; call < kInferenceWarmupCalls; ++call)
        fusedCall();
    latencies.clear();
    for (int call = 0; call < settings.inferenceCalls; ++call) {
        const auto start = Clock::now();
        const ModelPass pass = fusedCall();
        latencies.push_back(Milliseconds(Clock::now() - start).count());
    }
    report.fusedInferenceP50Ms = percentile(latencies, 0.50);
    report.fusedInferenceP95Ms = percentile(latencies, 0.95);

    // One explanation of the same sequence (issue 13): every attribution, IG at 32 points,
    // faithfulness for k = 1…5 with 10 random rankings, the interventions.
    Example example;
    if (named.model.input == InputKind::Tokens) {
        const torch::Tensor ids = single.input[0].contiguous();
        example.tokens.assign(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
    } else {
        const torch::Tensor values = single.input[0].contiguous();
        example.values.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
    }
    model->useRecurrentKernel(kDefaultRecurrentKernel);
    const ExplainOptions explainOptions;
    std::vector<double> explainTimes;
    for (int call = 0; call < settings.explainCalls; ++call) {
        const auto start = Clock::now();
        explainExample(model, example, explainOptions);
        explainTimes.push_back(Milliseconds(Clock::now() - start).count());
    }
    report.explainCalls = settings.explainCalls;
    report.explainMedianMs = explainTimes.empty() ? 0.0 : median(explainTimes);
    return report;
}

QJsonObject TorchScriptLatency::toJson() const
{
    return QJsonObject{{QStringLiteral("path"), path},
                       {QStringLiteral("length"), length},
                       {QStringLiteral("source"), source},
                       {QStringLiteral("inferenceP50Ms"), p50Ms},
                       {QStringLiteral("inferenceP95Ms"), p95Ms}};
}

TorchScriptLatency measureTorchScriptLatency(const QString& path, int length, int warmupCalls, int calls)
{
    constexpr int64_t kVocabularyWithoutMeta = 100;
    checkPositive(length, "length");
    checkPositive(calls, "calls");
    const TorchScriptModel model(path);
    const int64_t vocabulary = model.meta().vocab.isEmpty() ? kVocabularyWithoutMeta : model.meta().vocab.size();
    std::mt19937_64 random(kSeed);
    ExternalInput input;
    for (int t = 0; t < length; ++t)
        input.tokenIds.push_back(std::uniform_int_distribution<int64_t>(2, vocabulary - 1)(random));

    TorchScriptLatency report;
    report.path = path;
    report.length = length;
    for (int call = 0; call < warmupCalls; ++call)
        report.source = attentionSourceName(model.run(input).source);
    std::vector<double> milliseconds;
    for (int call = 0; call < calls; ++call) {
        const auto start = std::chrono::steady_clock::now();
        report.source = attentionSourceName(model.run(input).source);
        milliseconds.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    report.p50Ms = percentile(milliseconds, 0.50);
    report.p95Ms = percentile(milliseconds, 0.95);
    return report;
}

} // namespace studio
