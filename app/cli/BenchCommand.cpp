// attention-cli bench: training throughput and inference latency of a named configuration.

#include "Commands.h"

#include "bench/Benchmark.h"


namespace studio::cli {
namespace {

const QString kConfig = QStringLiteral("config");
const QString kThreads = QStringLiteral("threads");
const QString kSteps = QStringLiteral("steps");
const QString kWarmup = QStringLiteral("warmup");
const QString kRepeats = QStringLiteral("repeats");
const QString kCalls = QStringLiteral("inference-calls");

} // namespace

int runBench(const CommandLine& line)
{
    const BenchmarkSettings defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measure training throughput (median over repeats) and single-sequence inference latency\n"
                       "(p50/p95) of a benchmark configuration on random data of its shape."));
    parser.addOptions({
        {kConfig, QStringLiteral("Configuration: %1 (default %2).")
                      .arg(benchmarkConfigurations().join(QLatin1Char('|')), defaults.configuration),
         QStringLiteral("name")},
        {kThreads, QStringLiteral("Torch intra-op threads (default %1; more is often slower for LSTMs).").arg(defaults.threads),
         QStringLiteral("n")},
        {kSteps, QStringLiteral("Timed training steps per repeat (default %1).").arg(defaults.trainSteps), QStringLiteral("n")},
        {kWarmup, QStringLiteral("Untimed warm-up steps (default %1).").arg(defaults.warmupSteps), QStringLiteral("n")},
        {kRepeats, QStringLiteral("Repeats; the median is reported (default %1).").arg(defaults.repeats), QStringLiteral("n")},
        {kCalls, QStringLiteral("Timed inference calls (default %1).").arg(defaults.inferenceCalls), QStringLiteral("n")},
    });
    addFormatOption(parser);
    if (!parseCommandLine(parser, line, QStringLiteral("bench [--config NAME] [--threads N] [--steps N] [--repeats N] [--format json]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);

    BenchmarkSettings settings;
    settings.configuration = choiceOption(parser, kConfig, defaults.configuration, benchmarkConfigurations());
    settings.threads = intOption(parser, kThreads, defaults.threads, /*minimum=*/1);
    settings.trainSteps = intOption(parser, kSteps, defaults.trainSteps, /*minimum=*/1);
    settings.warmupSteps = intOption(parser, kWarmup, defaults.warmupSteps, /*minimum=*/0);
    settings.repeats = intOption(parser, kRepeats, defaults.repeats, /*minimum=*/1);
    settings.inferenceCalls = intOption(parser, kCalls, defaults.inferenceCalls, /*minimum=*/1);

    const BenchmarkReport report = runBenchmark(settings);
    if (format == OutputFormat::Json) {
        printJson(report.toJson());
        return kExitOk;
    }
    printOut(QStringLiteral("Benchmark %1: %2").arg(report.configuration, report.description));
    printOut(QStringLiteral("  threads %1, batch %2, sequence length %3, %4 repeats of %5 steps")
                 .arg(report.threads)
                 .arg(report.batchSize)
                 .arg(report.sequenceLength)
                 .arg(report.repeatTokensPerSecond.size())
                 .arg(settings.trainSteps));
    printOut(QStringLiteral("  training   %1 tokens/s, %2 samples/s (median)")
                 .arg(report.tokensPerSecond, 0, 'f', 0)
                 .arg(report.samplesPerSecond, 0, 'f', 1));
    printOut(QStringLiteral("  inference  p50 %1 ms, p95 %2 ms (one sequence)")
                 .arg(report.inferenceP50Ms, 0, 'f', 3)
                 .arg(report.inferenceP95Ms, 0, 'f', 3));
    return kExitOk;
}

} // namespace studio::cli
