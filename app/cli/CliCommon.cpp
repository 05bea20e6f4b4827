#include "CliCommon.h"

#include "train/Objective.h"

#include <QJsonDocument>

#include <cmath>
#include <cstdio>
#include <limits>

namespace studio::cli {
namespace {

const QString kFormat = QStringLiteral("format");

const QString kTask = QStringLiteral("task");
const QString kTaskLength = QStringLiteral("task-length");
const QString kTaskCount = QStringLiteral("task-count");
const QString kVariableLength = QStringLiteral("variable-length");
const QString kNeutralClass = QStringLiteral("neutral-class");
const QString kSeed = QStringLiteral("seed");

const QString kAttention = QStringLiteral("attention");
const QString kCell = QStringLiteral("cell");
const QString kHidden = QStringLiteral("hidden");
const QString kLayers = QStringLiteral("layers");
const QString kEmbedding = QStringLiteral("embedding");
const QString kDropout = QStringLiteral("dropout");
const QString kBidirectional = QStringLiteral("bidirectional");
const QString kAttentionDim = QStringLiteral("attention-dim");

const QString kOptimizer = QStringLiteral("optimizer");
const QString kLearningRate = QStringLiteral("lr");
const QString kMomentum = QStringLiteral("momentum");
const QString kBatch = QStringLiteral("batch");
const QString kEpochs = QStringLiteral("epochs");
const QString kValidation = QStringLiteral("validation");
const QString kTest = QStringLiteral("test");
const QString kClip = QStringLiteral("clip");
const QString kPatience = QStringLiteral("patience");
const QString kTrainingThreads = QStringLiteral("threads");

void writeTo(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fputc('\n', stream);
    // Flushed per line so progress shows up at once when stdout is a pipe.
    std::fflush(stream);
}

QString flag(const QString& name)
{
    return QLatin1String("--") + name;
}

} // namespace

void printOut(const QString& text)
{
    writeTo(stdout, text);
}

void printJson(const QJsonObject& object)
{
    writeTo(stdout, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed());
}

void printError(const QString& sentence)
{
    writeTo(stderr, QLatin1String("attention-cli: ") + sentence);
}

void printWarning(const QString& sentence)
{
    writeTo(stderr, QLatin1String("attention-cli: warning: ") + sentence);
}

bool parseCommandLine(QCommandLineParser& parser, const CommandLine& line, const QString& usage)
{
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    parser.addOption(help);
    // parse() wants the program name first, as in argv.
    if (!parser.parse(QStringList{QStringLiteral("attention-cli")} + line.arguments))
        throw UsageError(QStringLiteral("%1 (attention-cli %2): run \"attention-cli %2 --help\" for the options.")
                             .arg(parser.errorText().chopped(parser.errorText().endsWith(QLatin1Char('.')) ? 1 : 0),
                                  line.command));
    if (parser.isSet(help)) {
        // Qt's first line names only the program; ours names the subcommand and its synopsis.
        QString text = parser.helpText();
        text = text.mid(text.indexOf(QLatin1Char('\n')) + 1);
        writeTo(stdout, QLatin1String("Usage: attention-cli ") + usage + QLatin1Char('\n') + text.trimmed());
        return false;
    }
    const QStringList extra = parser.positionalArguments();
    if (!extra.isEmpty())
        throw UsageError(QStringLiteral("attention-cli %1 does not take the argument \"%2\": options start with --; run "
                                        "\"attention-cli %1 --help\" for them.")
                             .arg(line.command, extra.first()));
    return true;
}

void addFormatOption(QCommandLineParser& parser)
{
    parser.addOption({kFormat, QStringLiteral("Output format: human (default) or json (one JSON object on stdout)."),
                      QStringLiteral("human|json"), QStringLiteral("human")});
}

OutputFormat outputFormat(const QCommandLineParser& parser)
{
    const QString format = choiceOption(parser, kFormat, QStringLiteral("human"),
                                        QStringList{QStringLiteral("human"), QStringLiteral("json")});
    return format == QLatin1String("json") ? OutputFormat::Json : OutputFormat::Human;
}

QString requiredOption(const QCommandLineParser& parser, const QString& name)
{
    const QString value = parser.value(name);
    if (!parser.isSet(name) || value.isEmpty())
        throw UsageError(QStringLiteral("The option %1 is required: give it a value.").arg(flag(name)));
    return value;
}

int intOption(const QCommandLineParser& parser, const QString& name, int fallback, int minimum)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < minimum)
        throw UsageError(QStringLiteral("%1 needs a whole number of at least %2, not \"%3\".")
                             .arg(flag(name))
                             .arg(minimum)
                             .arg(parser.value(name)));
    return value;
}

double doubleOption(const QCommandLineParser& parser, const QString& name, double fallback, double minimum,
                    double maximumExclusive)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < minimum || value >= maximumExclusive) {
        const QString range = std::isinf(maximumExclusive)
            ? QStringLiteral("of at least %1").arg(minimum)
            : QStringLiteral("in [%1, %2)").arg(minimum).arg(maximumExclusive);
        throw UsageError(QStringLiteral("%1 needs a number %2, not \"%3\".").arg(flag(name), range, parser.value(name)));
    }
    return value;
}

QString choiceOption(const QCommandLineParser& parser, const QString& name, const QString& fallback,
                     const QStringList& choices)
{
    if (!parser.isSet(name))
        return fallback;
    const QString value = parser.value(name);
    if (!choices.contains(value))
        throw UsageError(QStringLiteral("%1 does not know \"%2\": choose one of %3.")
                             .arg(flag(name), value, choices.join(QLatin1String(", "))));
    return value;
}

QStringList builtinTaskNames()
{
    QStringList names;
    for (const TaskInfo& info : builtinTasks())
        names << info.name;
    return names;
}

void addTaskOptions(QCommandLineParser& parser, int defaultCount, uint64_t defaultSeed)
{
    parser.addOptions({
        {kTask, QStringLiteral("Built-in task: %1 (see attention-cli tasks).").arg(builtinTaskNames().join(QLatin1Char('|'))),
         QStringLiteral("name")},
        {kTaskLength, QStringLiteral("Steps per sequence (the maximum with --variable-length); default: the task's own."),
         QStringLiteral("n")},
        {kTaskCount, QStringLiteral("Number of generated examples (default %1).").arg(defaultCount), QStringLiteral("n")},
        {kVariableLength, QStringLiteral("Draw each sequence's length from [length/2, length]; batches are padded and masked.")},
        {kNeutralClass, QStringLiteral("keyword, spike: add a third class without keyword/spike (a 3-class head), so both "
                                       "classes need the deciding step found.")},
        {kSeed, QStringLiteral("Random seed (default %1): the generated data; for train also the weights, split and shuffles.").arg(defaultSeed), QStringLiteral("n")},
    });
}

QString taskName(const QCommandLineParser& parser, const QString& fallback)
{
    const QStringList names = builtinTaskNames();
    if (!parser.isSet(kTask) && fallback.isEmpty())
        throw UsageError(QStringLiteral("The option --task is required: choose one of %1.").arg(names.join(QLatin1String(", "))));
    return choiceOption(parser, kTask, fallback, names);
}

bool taskHasNeutralClass(const QString& task)
{
    const TaskInfo* info = findBuiltinTask(task);
    return info && info->neutralClass;
}

uint64_t seedOption(const QCommandLineParser& parser, uint64_t fallback)
{
    if (!parser.isSet(kSeed))
        return fallback;
    bool ok = false;
    const qulonglong seed = parser.value(kSeed).toULongLong(&ok);
    if (!ok)
        throw UsageError(QStringLiteral("--seed needs a whole number of at least 0, not \"%1\".").arg(parser.value(kSeed)));
    return seed;
}

TaskOptions taskOptions(const QCommandLineParser& parser, const QString& task, int defaultCount, uint64_t defaultSeed)
{
    constexpr int kMinimumLength = 2;  // the shortest task accepts 2 steps; the task checks its own minimum
    TaskOptions options;
    for (const TaskInfo& info : builtinTasks())
        if (info.name == task)
            options.length = info.defaultLength;
    options.length = intOption(parser, kTaskLength, options.length, kMinimumLength);
    options.count = intOption(parser, kTaskCount, defaultCount, /*minimum=*/1);
    options.variableLength = parser.isSet(kVariableLength);
    options.neutralClass = parser.isSet(kNeutralClass);
    if (options.neutralClass && !taskHasNeutralClass(task))
        throw UsageError(QStringLiteral("--neutral-class applies to the keyword and spike tasks, not \"%1\".").arg(task));
    options.seed = seedOption(parser, defaultSeed);
    return options;
}

void addModelOptions(QCommandLineParser& parser)
{
    const ModelConfig defaults;
    parser.addOptions({
        {kAttention, QStringLiteral("Attention variant (default additive): %1.").arg(allAttentionNames().join(QLatin1String(", "))),
         QStringLiteral("kind")},
        {kCell, QStringLiteral("Recurrent cell: lstm (default) or gru."), QStringLiteral("cell")},
        {kHidden, QStringLiteral("Hidden units per direction (default %1).").arg(defaults.hiddenSize), QStringLiteral("n")},
        {kLayers, QStringLiteral("Stacked recurrent layers (default %1).").arg(defaults.layers), QStringLiteral("n")},
        {kEmbedding, QStringLiteral("Token embedding width, text tasks only (default %1).").arg(defaults.embeddingDim),
         QStringLiteral("n")},
        {kDropout, QStringLiteral("Dropout before the head, in [0, 1) (default %1).").arg(defaults.dropout), QStringLiteral("p")},
        {kBidirectional, QStringLiteral("Read the sequence in both directions.")},
        {kAttentionDim, QStringLiteral("Width of the additive/self scoring layer; 0 = the encoder width (default)."),
         QStringLiteral("n")},
    });
}

void applyModelOptions(const QCommandLineParser& parser, ModelConfig* config)
{
    AttentionKind attention = config->attention;
    parseAttentionKind(choiceOption(parser, kAttention, toString(config->attention), allAttentionNames()), &attention);
    config->attention = attention;
    RecurrentCell cell = config->cell;
    parseRecurrentCell(choiceOption(parser, kCell, toString(config->cell), QStringList{QStringLiteral("lstm"), QStringLiteral("gru")}),
                       &cell);
    config->cell = cell;
    config->hiddenSize = intOption(parser, kHidden, config->hiddenSize, /*minimum=*/1);
    config->layers = intOption(parser, kLayers, config->layers, /*minimum=*/1);
    config->embeddingDim = intOption(parser, kEmbedding, config->embeddingDim, /*minimum=*/1);
    config->dropout = doubleOption(parser, kDropout, config->dropout, /*minimum=*/0.0, /*maximumExclusive=*/1.0);
    config->bidirectional = config->bidirectional || parser.isSet(kBidirectional);
    config->attentionDim = intOption(parser, kAttentionDim, config->attentionDim, /*minimum=*/0);
}

QStringList modelOptionNames()
{
    return {kAttention, kCell, kHidden, kLayers, kEmbedding, kDropout, kBidirectional, kAttentionDim};
}

void addTrainingOptions(QCommandLineParser& parser)
{
    const TrainingConfig defaults;
    parser.addOptions({
        {kOptimizer, QStringLiteral("Optimizer: adam (default) or sgd."), QStringLiteral("name")},
        {kLearningRate, QStringLiteral("Learning rate (default %1).").arg(defaults.learningRate), QStringLiteral("x")},
        {kMomentum, QStringLiteral("SGD momentum in [0, 1) (default %1).").arg(defaults.momentum), QStringLiteral("x")},
        {kBatch, QStringLiteral("Batch size (default %1).").arg(defaults.batchSize), QStringLiteral("n")},
        {kEpochs, QStringLiteral("Epochs in total (default %1); with --resume, raises the run's total.").arg(defaults.epochs),
         QStringLiteral("n")},
        {kValidation, QStringLiteral("Fraction held out for validation, in [0, 1) (default %1).").arg(defaults.validationFraction),
         QStringLiteral("x")},
        {kTest, QStringLiteral("Fraction held out as a test set, evaluated after training (default 0)."), QStringLiteral("x")},
        {kClip, QStringLiteral("Maximum global gradient norm; 0 = off (default)."), QStringLiteral("x")},
        {kPatience, QStringLiteral("Stop after this many epochs without a better validation loss; 0 = off (default)."),
         QStringLiteral("n")},
        {kTrainingThreads, QStringLiteral("Threads: replicas of the model each train on a share of every batch; the same seed "
                                          "and threads give the same run. 0 = one per core (default), while each share holds "
                                          "8 examples."),
         QStringLiteral("n")},
    });
}

void applyTrainingOptions(const QCommandLineParser& parser, TrainingConfig* config)
{
    constexpr double kUnbounded = std::numeric_limits<double>::infinity();
    OptimizerKind optimizer = config->optimizer;
    parseOptimizerKind(choiceOption(parser, kOptimizer, toString(config->optimizer),
                                    QStringList{QStringLiteral("adam"), QStringLiteral("sgd")}),
                       &optimizer);
    config->optimizer = optimizer;
    config->learningRate = doubleOption(parser, kLearningRate, config->learningRate, /*minimum=*/0.0, kUnbounded);
    if (!(config->learningRate > 0.0))
        throw UsageError(QStringLiteral("--lr needs a positive number, not \"%1\".").arg(parser.value(kLearningRate)));
    config->momentum = doubleOption(parser, kMomentum, config->momentum, /*minimum=*/0.0, /*maximumExclusive=*/1.0);
    config->batchSize = intOption(parser, kBatch, config->batchSize, /*minimum=*/1);
    config->epochs = intOption(parser, kEpochs, config->epochs, /*minimum=*/1);
    config->validationFraction = doubleOption(parser, kValidation, config->validationFraction, /*minimum=*/0.0,
                                              /*maximumExclusive=*/1.0);
    config->testFraction = doubleOption(parser, kTest, config->testFraction, /*minimum=*/0.0, /*maximumExclusive=*/1.0);
    const QString problem = config->validate();
    if (!problem.isEmpty())
        throw UsageError(QStringLiteral("The training options do not fit together: %1").arg(problem));
    config->gradientClip = doubleOption(parser, kClip, config->gradientClip, /*minimum=*/0.0, kUnbounded);
    config->earlyStoppingPatience = intOption(parser, kPatience, config->earlyStoppingPatience, /*minimum=*/0);
    config->threads = intOption(parser, kTrainingThreads, config->threads, /*minimum=*/0);
    if (config->threads > kMaximumTrainingThreads)
        throw UsageError(QStringLiteral("--threads needs a number from 0 to %1, not %2.").arg(kMaximumTrainingThreads).arg(config->threads));
}

QStringList trainingOptionNames()
{
    return {kOptimizer, kLearningRate, kMomentum, kBatch, kEpochs, kValidation, kTest, kClip, kPatience, kTrainingThreads};
}

QString metricName(HeadKind head)
{
    return QString::fromLatin1(headMetricName(head));
}

} // namespace studio::cli
