// attention-cli bench: training throughput and inference latency of a named configuration; with
// --import, --torchscript or --open, import speed, TorchScript latency or open-to-first-attention;
// with --window, how the window responds while it trains and answers keystrokes; with --soak, its
// memory and responsiveness over a long session; with --keras, a Keras Bi-LSTM layer's two loops.

#include "Commands.h"

#include "bench/Benchmark.h"
#include "bench/ImportBenchmark.h"
#include "bench/KerasBenchmark.h"
#include "bench/OpenBenchmark.h"
#include "bench/ProcessMemory.h"
#include "render/SoakBenchmark.h"
#include "render/WindowBenchmark.h"
#include "session/ModelSession.h"

namespace studio::cli {
namespace {

const QString kConfig = QStringLiteral("config");
const QString kThreads = QStringLiteral("threads");
const QString kReplicas = QStringLiteral("replicas");
const QString kSteps = QStringLiteral("steps");
const QString kWarmup = QStringLiteral("warmup");
const QString kRepeats = QStringLiteral("repeats");
const QString kCalls = QStringLiteral("inference-calls");
const QString kImport = QStringLiteral("import");
const QString kGenerate = QStringLiteral("generate-mb");
const QString kImportKind = QStringLiteral("import-kind");
const QString kLength = QStringLiteral("length");
const QString kTorchScript = QStringLiteral("torchscript");
const QString kOpen = QStringLiteral("open");
const QString kIds = QStringLiteral("ids");
// Sizes are reported in decimal megabytes, as file managers show them.
constexpr qint64 kBytesPerMegabyte = 1000 * 1000;
const QString kWindow = QStringLiteral("window");
const QString kKeystrokes = QStringLiteral("keystrokes");
const QString kSoak = QStringLiteral("soak");
const QString kSeriesView = QStringLiteral("series-view");
const QString kWarmupMinutes = QStringLiteral("warmup-minutes");
const QString kSampleSeconds = QStringLiteral("sample-seconds");
const QString kKeras = QStringLiteral("keras");
constexpr double kBytesPerMiB = 1024.0 * 1024.0;
constexpr double kLongestSoakMinutes = 24.0 * 60.0;

// `bench --soak MINUTES [--warmup-minutes M] [--sample-seconds S]`: the window trains and is typed
// into for MINUTES; resident memory and the longest event-loop stall, sampled as it goes.
int runSoakBench(const QCommandLineParser& parser, OutputFormat format)
{
    render::SoakSettings settings;
    settings.minutes = doubleOption(parser, kSoak, settings.minutes, /*minimum=*/0.1, kLongestSoakMinutes);
    settings.warmupMinutes = doubleOption(parser, kWarmupMinutes, settings.minutes / 6.0, /*minimum=*/0.0, settings.minutes);
    settings.sampleSeconds = intOption(parser, kSampleSeconds, settings.sampleSeconds, /*minimum=*/1);
    const bool text = format != OutputFormat::Json;
    if (text)
        printOut(QStringLiteral("Soak: the window trains and is typed into (a key every %1 ms) for %2 min; warm-up %3 min")
                     .arg(settings.keystrokeIntervalMs)
                     .arg(settings.minutes)
                     .arg(settings.warmupMinutes));
    const render::SoakReport report = render::runSoakBenchmark(
        settings, [] { return procStatusBytes("VmRSS"); },
        [text](const render::SoakSample& sample) {
            if (text)
                printOut(QStringLiteral("  %1 min: resident %2 MiB, longest stall %3 ms, %4 keystrokes, %5 answers, %6 epochs")
                             .arg(sample.minutes, 0, 'f', 1)
                             .arg(static_cast<double>(sample.residentBytes) / kBytesPerMiB, 0, 'f', 1)
                             .arg(sample.longestStallMs)
                             .arg(sample.keystrokes)
                             .arg(sample.answers)
                             .arg(sample.epochs));
        });
    if (!text) {
        printJson(report.toJson());
        return kExitOk;
    }
    printOut(QStringLiteral("  resident after warm-up %1 MiB, at the end %2 MiB: %3% (%4 MiB/h by least squares); peak %5 MiB")
                 .arg(static_cast<double>(report.warmResidentBytes) / kBytesPerMiB, 0, 'f', 1)
                 .arg(static_cast<double>(report.finalResidentBytes) / kBytesPerMiB, 0, 'f', 1)
                 .arg(report.growthPercent, 0, 'f', 2)
                 .arg(report.growthMiBPerHour, 0, 'f', 1)
                 .arg(static_cast<double>(report.peakResidentBytes) / kBytesPerMiB, 0, 'f', 1));
    printOut(QStringLiteral("  longest event-loop stall %1 ms; %2 keystrokes, %3 answers, %4 epochs, %5 training steps")
                 .arg(report.longestStallMs)
                 .arg(report.keystrokes)
                 .arg(report.answers)
                 .arg(report.epochs)
                 .arg(report.trainingSteps));
    return kExitOk;
}

void printSeriesView(const render::SeriesViewBenchmarkReport& series)
{
    printOut(QStringLiteral("  series view, %1 steps × %2 features on %3×%4 (%5 columns): repaint %6 ms (every step drawn: %7 ms), "
                            "zoom step %8 ms (%9 ms), longest %10 ms (%11 ms); medians")
                 .arg(series.steps)
                 .arg(series.features)
                 .arg(series.width)
                 .arg(series.height)
                 .arg(series.columns)
                 .arg(series.repaintMs, 0, 'f', 2)
                 .arg(series.repaintEveryStepMs, 0, 'f', 2)
                 .arg(series.zoomMs, 0, 'f', 2)
                 .arg(series.zoomEveryStepMs, 0, 'f', 2)
                 .arg(series.longestZoomMs, 0, 'f', 1)
                 .arg(series.longestZoomEveryStepMs, 0, 'f', 1));
}

// `bench --window [--keystrokes N]`: the window's event-loop stall while it trains, keystroke to
// heatmap at 512 tokens, the token view's first screen of a 20,000-token text, and the series view
// at 100,000 steps with its level of detail and without.
int runWindowBench(const QCommandLineParser& parser, OutputFormat format)
{
    constexpr int kDefaultKeystrokes = 30;
    const render::WindowBenchmarkReport report =
        render::runWindowBenchmark(intOption(parser, kKeystrokes, kDefaultKeystrokes, /*minimum=*/1));
    if (format == OutputFormat::Json) {
        printJson(report.toJson());
        return kExitOk;
    }
    printOut(QStringLiteral("Window, offscreen:"));
    printOut(QStringLiteral("  training (%1 epochs, %2 progress reports): longest event-loop stall %3 ms over %4 ticks of a %5 ms timer")
                 .arg(report.trainingEpochs)
                 .arg(report.progressReports)
                 .arg(report.longestStallMs)
                 .arg(report.stallTicks)
                 .arg(report.probeIntervalMs));
    printOut(QStringLiteral("  keystroke to heatmap, %1 tokens: p50 %2 ms, p95 %3 ms (%4 keystrokes)")
                 .arg(report.keystrokeTokens)
                 .arg(report.keystrokeP50Ms, 0, 'f', 1)
                 .arg(report.keystrokeP95Ms, 0, 'f', 1)
                 .arg(report.keystrokes));
    printOut(QStringLiteral("  the same with Inside the Attention open (its numbers computed and shown): p50 %1 ms, p95 %2 ms")
                 .arg(report.keystrokeTracedP50Ms, 0, 'f', 1)
                 .arg(report.keystrokeTracedP95Ms, 0, 'f', 1));
    printOut(QStringLiteral("  the same with Is it an explanation? open (explaining on its own thread): p50 %1 ms, p95 %2 ms; "
                            "%3 explanations completed meanwhile, the last input's whole explanation %4 ms after its answer")
                 .arg(report.keystrokeExplainingP50Ms, 0, 'f', 1)
                 .arg(report.keystrokeExplainingP95Ms, 0, 'f', 1)
                 .arg(report.explanationsCompleted)
                 .arg(report.explanationAfterTypingMs, 0, 'f', 0));
    printOut(QStringLiteral("  token view, %1 tokens: set, wrap and paint the first screen in %2 ms")
                 .arg(report.longTextTokens)
                 .arg(report.longTextPaintMs, 0, 'f', 1));
    printSeriesView(report.seriesView);
    return kExitOk;
}

// `bench --series-view`: the series view's figures of `bench --window` alone.
int runSeriesViewBench(OutputFormat format)
{
    const render::SeriesViewBenchmarkReport report = render::runSeriesViewBenchmark();
    if (format == OutputFormat::Json) {
        printJson(report.toJson());
        return kExitOk;
    }
    printOut(QStringLiteral("Window, offscreen:"));
    printSeriesView(report);
    return kExitOk;
}

// `bench --torchscript FILE [--length N]`: single-sequence latency of a PyTorch model.
int runTorchScriptBench(const QCommandLineParser& parser, OutputFormat format)
{
    constexpr int kDefaultLength = 512;  // a long review typed live
    constexpr int kWarmupCalls = 20;     // past the first calls the TorchScript executor spends optimising
    const TorchScriptLatency report = measureTorchScriptLatency(requiredOption(parser, kTorchScript),
                                                                intOption(parser, kLength, kDefaultLength, /*minimum=*/1),
                                                                kWarmupCalls, intOption(parser, kCalls, 50, /*minimum=*/1));
    if (format == OutputFormat::Json) {
        printJson(report.toJson());
        return kExitOk;
    }
    printOut(QStringLiteral("TorchScript %1, %2 tokens (attention from the %3): p50 %4 ms, p95 %5 ms")
                 .arg(report.path)
                 .arg(report.length)
                 .arg(report.source)
                 .arg(report.p50Ms, 0, 'f', 2)
                 .arg(report.p95Ms, 0, 'f', 2));
    return kExitOk;
}

// `bench --import FILE [--generate-mb N]`: text import speed and peak memory.
int runImportBench(const QCommandLineParser& parser, OutputFormat format)
{
    const QString path = requiredOption(parser, kImport);
    const bool series = choiceOption(parser, kImportKind, QStringLiteral("text"), {QStringLiteral("text"), QStringLiteral("series")})
        == QLatin1String("series");
    if (parser.isSet(kGenerate)) {
        const qint64 bytes = intOption(parser, kGenerate, 0, /*minimum=*/1) * kBytesPerMegabyte;
        series ? writeSyntheticSeriesCsv(path, bytes) : writeSyntheticTextCsv(path, bytes);
    }
    const ImportBenchmarkReport report = runImportBenchmark(path, series ? ImportKind::Series : ImportKind::Text,
                                                            intOption(parser, kRepeats, 3, /*minimum=*/1));
    if (format == OutputFormat::Json) {
        printJson(report.toJson());
        return kExitOk;
    }
    // The process holds the torch libraries before it reads anything: the import's own memory is
    // the peak above that.
    const qint64 growth = report.peakResidentBytes - report.residentBeforeBytes;
    printOut(QStringLiteral("Import of %1 (%2 MB, %3 records): median %4 s = %5 MB/s; peak memory %6 MB above the %7 MB "
                            "before the import (%8x the file)")
                 .arg(report.path)
                 .arg(static_cast<double>(report.fileBytes) / kBytesPerMegabyte, 0, 'f', 1)
                 .arg(report.records)
                 .arg(report.medianSeconds, 0, 'f', 2)
                 .arg(report.megabytesPerSecond, 0, 'f', 1)
                 .arg(static_cast<double>(growth) / kBytesPerMegabyte, 0, 'f', 0)
                 .arg(static_cast<double>(report.residentBeforeBytes) / kBytesPerMegabyte, 0, 'f', 0)
                 .arg(static_cast<double>(growth) / static_cast<double>(report.fileBytes), 0, 'f', 2));
    return kExitOk;
}

// One line of figures: "median 812.3 ms (min 790.1, max 901.0)".
QString timingText(const TimingSeries& series, int decimals = 1)
{
    return QStringLiteral("median %1 ms (min %2, max %3)")
        .arg(series.medianMs, 0, 'f', decimals)
        .arg(series.minMs, 0, 'f', decimals)
        .arg(series.maxMs, 0, 'f', decimals);
}

void printOpenTimings(const QString& title, const OpenTimings& timings)
{
    const QString weights = timings.parameters > 0 ? QStringLiteral(", %1 weights").arg(timings.parameters) : QString();
    printOut(QStringLiteral("%1: %2 (%3, %4 MB%5; %6)")
                 .arg(title, timings.path, timings.format)
                 .arg(static_cast<double>(timings.fileBytes) / kBytesPerMegabyte, 0, 'f', 1)
                 .arg(weights, timings.description));
    printOut(QStringLiteral("  child check   %1").arg(timingText(timings.check)));
    printOut(QStringLiteral("  open          %1").arg(timingText(timings.open)));
    printOut(QStringLiteral("  first result  %1; attention of %2 values (%3)")
                 .arg(timingText(timings.firstResult))
                 .arg(timings.attentionSteps)
                 .arg(timings.attentionSource));
    printOut(QStringLiteral("  together      %1; peak memory %2 MB, %3 MB above the round's start")
                 .arg(timingText(timings.total))
                 .arg(static_cast<double>(timings.peakResidentBytes) / kBytesPerMegabyte, 0, 'f', 0)
                 .arg(static_cast<double>(timings.peakGrowthBytes) / kBytesPerMegabyte, 0, 'f', 0));
}

// `bench --open FILE [--repeats N] [--ids "..."]`: open to first attention, against a native
// model of the same size opened the same way in the same process.
int runOpenBench(const QCommandLineParser& parser, OutputFormat format)
{
    constexpr int kDefaultRepeats = 5;
    OpenBenchmarkSettings settings;
    settings.path = requiredOption(parser, kOpen);
    settings.repeats = intOption(parser, kRepeats, kDefaultRepeats, /*minimum=*/1);
    if (parser.isSet(kIds))
        settings.ids = parseTokenIds(parser.value(kIds));
    const OpenBenchmarkReport report = runOpenBenchmark(settings);
    if (format == OutputFormat::Json) {
        printJson(report.toJson());
        return kExitOk;
    }
    printOut(QStringLiteral("Open to first attention: %1 timed rounds after %2 untimed, %3 ids, %4 torch thread(s); "
                            "memory before %5 MB")
                 .arg(report.repeats)
                 .arg(report.warmupRounds)
                 .arg(report.length)
                 .arg(report.threads)
                 .arg(static_cast<double>(report.residentBeforeBytes) / kBytesPerMegabyte, 0, 'f', 0));
    printOpenTimings(QStringLiteral("Model"), report.model);
    if (report.hasStages) {
        printOut(QStringLiteral("  stages: read file %1").arg(timingText(report.stages.readFile)));
        printOut(QStringLiteral("          build     %1").arg(timingText(report.stages.buildModel)));
        printOut(QStringLiteral("          run       %1").arg(timingText(report.stages.firstRun)));
    }
    if (!report.hasReference) {
        printOut(report.referenceNote);
        return kExitOk;
    }
    printOpenTimings(QStringLiteral("Reference"), report.reference);
    printOut(QStringLiteral("  (%1)").arg(report.referenceNote));
    printOut(QStringLiteral("Model / reference (medians): open %1x, first result %2x, together %3x")
                 .arg(report.openRatio, 0, 'f', 2)
                 .arg(report.firstResultRatio, 0, 'f', 2)
                 .arg(report.totalRatio, 0, 'f', 2));
    return kExitOk;
}

// `bench --keras [--length N] [--inference-calls N]`: a Keras Bi-LSTM layer's forward over one
// sequence, the fused loop against LibTorch's steps.
int runKerasBench(const QCommandLineParser& parser, OutputFormat format)
{
    constexpr int kDefaultLength = 512;  // a long review typed live
    constexpr int kDefaultCalls = 21;
    const KerasBenchmarkReport report = runKerasBenchmark(intOption(parser, kLength, kDefaultLength, /*minimum=*/1),
                                                          intOption(parser, kCalls, kDefaultCalls, /*minimum=*/1));
    if (format == OutputFormat::Json) {
        printJson(report.toJson());
        return kExitOk;
    }
    printOut(QStringLiteral("Keras recurrent layer, one sequence of %1 steps, %2 calls of each loop alternating, %3 torch thread(s):")
                 .arg(report.length)
                 .arg(report.calls)
                 .arg(report.threads));
    constexpr int kDecimals = 3;  // the fused loop takes about a millisecond
    for (const KerasLayerTimings& layer : report.layers) {
        printOut(QStringLiteral("  %1: %2").arg(layer.name, layer.description));
        printOut(QStringLiteral("    fused     %1").arg(timingText(layer.fused, kDecimals)));
        printOut(QStringLiteral("    LibTorch  %1: %2x the fused loop's median")
                     .arg(timingText(layer.libTorch, kDecimals))
                     .arg(layer.speedup, 0, 'f', 1));
    }
    return kExitOk;
}

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
        {kReplicas, QStringLiteral("Training replicas, one thread each, sharing every batch (default: as training does, one "
                                   "per core while each share holds 8 examples)."),
         QStringLiteral("n")},
        {kSteps, QStringLiteral("Timed training steps per repeat (default %1).").arg(defaults.trainSteps), QStringLiteral("n")},
        {kWarmup, QStringLiteral("Untimed warm-up steps (default %1).").arg(defaults.warmupSteps), QStringLiteral("n")},
        {kRepeats, QStringLiteral("Repeats; the median is reported (default %1; 5 with --open).").arg(defaults.repeats),
         QStringLiteral("n")},
        {kCalls, QStringLiteral("Timed inference calls (default %1).").arg(defaults.inferenceCalls), QStringLiteral("n")},
        {kImport, QStringLiteral("Measure text import (MB/s, peak memory) of this CSV instead of training."), QStringLiteral("file")},
        {kLength, QStringLiteral("Sequence length (default: the configuration's; 512 with --torchscript)."), QStringLiteral("n")},
        {kTorchScript, QStringLiteral("Measure single-sequence latency of this TorchScript token model instead."),
         QStringLiteral("file")},
        {kOpen, QStringLiteral("Measure opening this model file (Keras, native, TorchScript) to its first attention instead, "
                               "against a native model of the same size."),
         QStringLiteral("file")},
        {kIds, QStringLiteral("With --open: the token ids to run (default: the model's input length of random ids)."),
         QStringLiteral("ids")},
        {kWindow, QStringLiteral("Measure the window instead (offscreen): event-loop stall while it trains, keystroke to heatmap "
                                 "at 512 tokens, the token view with 20,000 tokens, the series view at 100,000 steps.")},
        {kKeystrokes, QStringLiteral("With --window: timed keystrokes (default 30)."), QStringLiteral("n")},
        {kSeriesView, QStringLiteral("Measure only the series view at 100,000 steps (offscreen), with its level of detail and "
                                     "without: repaint and zoom step.")},
        {kSoak, QStringLiteral("Soak the window instead (offscreen): train and type into it for this many minutes, sampling "
                               "resident memory and the longest event-loop stall."),
         QStringLiteral("minutes")},
        {kWarmupMinutes, QStringLiteral("With --soak: minutes before memory growth is counted (default: a sixth of the soak)."),
         QStringLiteral("minutes")},
        {kSampleSeconds, QStringLiteral("With --soak: seconds between samples (default 30)."), QStringLiteral("n")},
        {kKeras, QStringLiteral("Time a Keras Bi-LSTM layer over one sequence instead (default 512 steps): the fused loop "
                                "against LibTorch's steps.")},
        {kImportKind, QStringLiteral("With --import: text (default) or series (a numeric CSV with a header)."), QStringLiteral("kind")},
        {kGenerate, QStringLiteral("With --import: first write a synthetic CSV (reviews, or a sensor log for series) of this many MB."),
         QStringLiteral("n")},
    });
    addFormatOption(parser);
    if (!parseCommandLine(parser, line, QStringLiteral("bench [--config NAME] [--threads N] [--steps N] [--repeats N] [--format json]\n"
                                                        "       attention-cli bench --torchscript FILE [--length N]\n"
                                                        "       attention-cli bench --open FILE [--repeats N] [--ids \"3 7 1 ...\"]\n"
                                                        "       attention-cli bench --import FILE [--import-kind text|series] [--generate-mb N] [--repeats N]\n"
                                                        "       attention-cli bench --window [--keystrokes N]\n"
                                                        "       attention-cli bench --series-view\n"
                                                        "       attention-cli bench --soak MINUTES [--warmup-minutes M] [--sample-seconds N]\n"
                                                        "       attention-cli bench --keras [--length N] [--inference-calls N]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);
    if (parser.isSet(kImport))
        return runImportBench(parser, format);
    if (parser.isSet(kTorchScript))
        return runTorchScriptBench(parser, format);
    if (parser.isSet(kOpen))
        return runOpenBench(parser, format);
    if (parser.isSet(kWindow))
        return runWindowBench(parser, format);
    if (parser.isSet(kSeriesView))
        return runSeriesViewBench(format);
    if (parser.isSet(kSoak))
        return runSoakBench(parser, format);
    if (parser.isSet(kKeras))
        return runKerasBench(parser, format);

    BenchmarkSettings settings;
    settings.configuration = choiceOption(parser, kConfig, defaults.configuration, benchmarkConfigurations());
    settings.threads = intOption(parser, kThreads, defaults.threads, /*minimum=*/1);
    settings.replicas = intOption(parser, kReplicas, defaults.replicas, /*minimum=*/1);
    settings.trainSteps = intOption(parser, kSteps, defaults.trainSteps, /*minimum=*/1);
    settings.warmupSteps = intOption(parser, kWarmup, defaults.warmupSteps, /*minimum=*/0);
    settings.repeats = intOption(parser, kRepeats, defaults.repeats, /*minimum=*/1);
    settings.inferenceCalls = intOption(parser, kCalls, defaults.inferenceCalls, /*minimum=*/1);
    settings.sequenceLength = intOption(parser, kLength, 0, /*minimum=*/1);

    const BenchmarkReport report = runBenchmark(settings);
    if (format == OutputFormat::Json) {
        printJson(report.toJson());
        return kExitOk;
    }
    printOut(QStringLiteral("Benchmark %1: %2").arg(report.configuration, report.description));
    printOut(QStringLiteral("  threads %1, replicas %2, batch %3, sequence length %4, %5 repeats of %6 steps")
                 .arg(report.threads)
                 .arg(report.replicas)
                 .arg(report.batchSize)
                 .arg(report.sequenceLength)
                 .arg(report.repeatTokensPerSecond.size())
                 .arg(settings.trainSteps));
    printOut(QStringLiteral("  training   %1 tokens/s, %2 samples/s (median)")
                 .arg(report.tokensPerSecond, 0, 'f', 0)
                 .arg(report.samplesPerSecond, 0, 'f', 1));
    if (report.replicas > 1)
        printOut(QStringLiteral("  same run   oneDNN on one thread %1 tokens/s; one replica with %2 intra-op threads %3 tokens/s")
                     .arg(report.oneThreadTokensPerSecond, 0, 'f', 0)
                     .arg(report.replicas)
                     .arg(report.intraOpTokensPerSecond, 0, 'f', 0));
    printOut(QStringLiteral("  same run   LibTorch's LSTM/GRU %1 tokens/s, our own loop %2 tokens/s (the default step: %3x LibTorch)")
                 .arg(report.libTorchTokensPerSecond, 0, 'f', 0)
                 .arg(report.ourLoopTokensPerSecond, 0, 'f', 0)
                 .arg(report.trainingSpeedup, 0, 'f', 2));
    printOut(QStringLiteral("  inference  p50 %1 ms, p95 %2 ms (one sequence, LibTorch's LSTM/GRU)")
                 .arg(report.inferenceP50Ms, 0, 'f', 3)
                 .arg(report.inferenceP95Ms, 0, 'f', 3));
    printOut(QStringLiteral("  fused      p50 %1 ms, p95 %2 ms (one sequence, the app's path: %3x)")
                 .arg(report.fusedInferenceP50Ms, 0, 'f', 3)
                 .arg(report.fusedInferenceP95Ms, 0, 'f', 3)
                 .arg(report.inferenceP50Ms / std::max(report.fusedInferenceP50Ms, 1e-9), 0, 'f', 1));
    if (report.explainCalls > 0)
        printOut(QStringLiteral("  explain    median %1 ms over %2 (one sequence: every attribution, IG at 32 points, "
                                "faithfulness, interventions)")
                     .arg(report.explainMedianMs, 0, 'f', 1)
                     .arg(report.explainCalls));
    return kExitOk;
}

} // namespace studio::cli
