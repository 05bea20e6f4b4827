#pragma once

// `attention-cli bench`: training throughput and single-sequence inference latency of a named
// model configuration on random data of the configured shape.

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace studio {

struct BenchmarkSettings {
    QString configuration = QStringLiteral("seed4");  // see benchmarkConfigurations()
    int threads = 1;          // torch intra-op threads for the run
    int replicas = 0;         // training replicas (train/DataParallelStep); 0: the app's default
    int warmupSteps = 3;      // training steps not timed
    int trainSteps = 30;      // timed training steps per repeat
    int repeats = 3;          // the median over repeats is reported
    int inferenceCalls = 50;  // timed single-sequence forward passes
    int explainCalls = 5;     // timed explanations of one sequence (0: none)
    int sequenceLength = 0;   // 0: the configuration's own length
};

struct BenchmarkReport {
    QString configuration;
    QString description;   // the configuration in words
    int threads = 1;
    int replicas = 1;  // the replicas of the default training step (train/DataParallelStep)
    int batchSize = 0;
    int sequenceLength = 0;
    // Training as the app does it: the default recurrent kernel (kDefaultRecurrentKernel, oneDNN's
    // primitives, model/OneDnnRecurrent) on `replicas` threads.
    double tokensPerSecond = 0.0;   // median over repeats (timesteps/s for series)
    double samplesPerSecond = 0.0;  // median over repeats
    std::vector<double> repeatTokensPerSecond;
    // The same kernel on one thread, and on one replica with `replicas` intra-op threads instead
    // (0 when replicas is 1).
    double oneThreadTokensPerSecond = 0.0;
    std::vector<double> repeatOneThreadTokensPerSecond;
    double intraOpTokensPerSecond = 0.0;
    std::vector<double> repeatIntraOpTokensPerSecond;
    // The same training with LibTorch's LSTM/GRU and with our own loop (model/RecurrentThroughTime),
    // repeats alternating with the above in one sitting.
    double libTorchTokensPerSecond = 0.0;
    std::vector<double> repeatLibTorchTokensPerSecond;
    double ourLoopTokensPerSecond = 0.0;
    std::vector<double> repeatOurLoopTokensPerSecond;
    double trainingSpeedup = 0.0;  // tokensPerSecond / libTorchTokensPerSecond
    // The recurrent layers' matrix products per token (forward, and backward as twice that), over
    // the measured rate (default and one thread); and a large sgemm's rate on one thread of this
    // machine in the same sitting.
    double recurrentGflopPerSecond = 0.0;
    double oneThreadRecurrentGflopPerSecond = 0.0;
    double sgemmGflopPerSecond = 0.0;
    double inferenceP50Ms = 0.0;  // LibTorch's LSTM/GRU (AttentionModel::forward)
    double inferenceP95Ms = 0.0;
    // The path the app answers with (model/FusedRecurrent, then attention and head), same sitting.
    double fusedInferenceP50Ms = 0.0;
    double fusedInferenceP95Ms = 0.0;
    // One explanation of one sequence (analysis/StepAttribution, default ExplainOptions: IG at 32
    // points, faithfulness k = 1…5 against 10 random rankings, interventions), median of explainCalls.
    int explainCalls = 0;
    double explainMedianMs = 0.0;

    QJsonObject toJson() const;
};

// Single-sequence latency of a TorchScript file (token models; random ids below the meta.json
// vocabulary size, or below 100 without one), after `warmupCalls` untimed calls.
struct TorchScriptLatency {
    QString path;
    int length = 0;
    QString source;  // where the attention came from: output, graph or none
    double p50Ms = 0.0;
    double p95Ms = 0.0;
    QJsonObject toJson() const;
};
TorchScriptLatency measureTorchScriptLatency(const QString& path, int length, int warmupCalls, int calls);

QStringList benchmarkConfigurations();
// Throws StudioError for an unknown configuration or bad settings.
BenchmarkReport runBenchmark(const BenchmarkSettings& settings);

} // namespace studio
