#include "ModelInput.h"

#include "common/StudioError.h"

namespace studio::cli {
namespace {

const QString kModel = QStringLiteral("model");
const QString kText = QStringLiteral("text");
const QString kIds = QStringLiteral("ids");
const QString kSeries = QStringLiteral("series");
const QString kTimeMajor = QStringLiteral("time-major");
const QString kBatchFirst = QStringLiteral("batch-first");
const QString kCandidate = QStringLiteral("candidate");
const QString kKerasConfig = QStringLiteral("keras-config");
const QString kTokenizer = QStringLiteral("tokenizer");
const QString kMaxLength = QStringLiteral("maxlen");
const QString kFormula = QStringLiteral("formula");

} // namespace

void addModelInputOptions(QCommandLineParser& parser, bool withModel)
{
    if (withModel)
        parser.addOption({kModel, QStringLiteral("Model file: from attention-cli train, TorchScript, or Keras .h5/.keras (required)."),
                          QStringLiteral("file")});
    parser.addOptions({
        {kText, QStringLiteral("Text to read (token models)."), QStringLiteral("string")},
        {kIds, QStringLiteral("Token ids separated by spaces, e.g. \"3 7 1\" (token models)."), QStringLiteral("ids")},
        {kSeries, QStringLiteral("CSV file of the series, one row per step, one column per feature (series models)."),
         QStringLiteral("file.csv")},
        {kTimeMajor, QStringLiteral("TorchScript models: feed (T, 1, ...) whatever the file says.")},
        {kBatchFirst, QStringLiteral("TorchScript models: feed (1, T, ...) whatever the file says.")},
        {kCandidate, QStringLiteral("Show softmax #N of the model (the human output lists them) instead of the first that "
                                    "fits the input."),
         QStringLiteral("n")},
        {kKerasConfig, QStringLiteral("Keras weights-only file (save_weights): the architecture, the JSON of model.to_json()."),
         QStringLiteral("file.json")},
        {kTokenizer, QStringLiteral("Keras text models: Tokenizer.to_json() or a word_index JSON (default: MODEL.tokenizer.json "
                                    "beside the model)."),
         QStringLiteral("file.json")},
        {kMaxLength, QStringLiteral("Keras text models: pad or cut the ids to N steps, as pad_sequences(maxlen=N) "
                                    "(default: the model's input length)."),
         QStringLiteral("n")},
        {kFormula, QStringLiteral("Keras custom attention layers whose formula the file does not tell: the formula to use "
                                  "(the error lists the choices)."),
         QStringLiteral("name")},
    });
}

SessionOptions sessionOptions(const QCommandLineParser& parser)
{
    SessionOptions options;
    options.kerasConfig = parser.value(kKerasConfig);
    options.tokenizer = parser.value(kTokenizer);
    options.maxLength = intOption(parser, kMaxLength, 0, 1);
    options.formula = parser.value(kFormula);
    return options;
}

InferenceRequest requestFor(const QCommandLineParser& parser, const ModelSession& session)
{
    const int inputCount = int(parser.isSet(kText)) + int(parser.isSet(kIds)) + int(parser.isSet(kSeries));
    if (inputCount != 1)
        throw UsageError(QStringLiteral("Give exactly one input: --text, --ids or --series (%1 given).").arg(inputCount));
    if (parser.isSet(kTimeMajor) && parser.isSet(kBatchFirst))
        throw UsageError(QStringLiteral("--time-major and --batch-first contradict each other: give one."));
    const ModelSummary summary = session.summary();
    const bool tokens = parser.isSet(kText) || parser.isSet(kIds);
    if (tokens && summary.input == ModelInputKind::Series)
        throw StudioError(QStringLiteral("The model in %1 reads a series, not tokens: give the input with --series FILE.csv.").arg(summary.path));
    if (!tokens && summary.input == ModelInputKind::Tokens)
        throw StudioError(QStringLiteral("The model in %1 reads tokens, not a series: give the input with --text or --ids.").arg(summary.path));

    InferenceRequest request;
    if (parser.isSet(kSeries)) {
        request = session.readSeries(requiredOption(parser, kSeries));
    } else if (parser.isSet(kIds)) {
        try {
            request.ids = parseTokenIds(parser.value(kIds));
        } catch (const StudioError& error) {
            throw UsageError(QStringLiteral("--ids: %1").arg(error.message()));
        }
        if (request.ids.empty())
            throw UsageError(QStringLiteral("--ids has no ids: give token ids separated by spaces, e.g. --ids \"3 7 1\"."));
    } else {
        request.text = parser.value(kText);
        if (request.text.trimmed().isEmpty())
            throw UsageError(QStringLiteral("--text has no words: give the text to read, e.g. --text \"a great movie\"."));
    }
    request.layout = parser.isSet(kTimeMajor)    ? SequenceLayout::TimeMajor
                     : parser.isSet(kBatchFirst) ? SequenceLayout::BatchFirst
                                                 : SequenceLayout::Auto;
    request.candidate = intOption(parser, kCandidate, 0, 1) - 1;
    return request;
}

ModelInput modelInput(const QCommandLineParser& parser)
{
    const QString path = requiredOption(parser, kModel);
    ModelInput input;
    // Count the inputs before opening a model: a wrong command line is reported as such.
    const int inputCount = int(parser.isSet(kText)) + int(parser.isSet(kIds)) + int(parser.isSet(kSeries));
    if (inputCount != 1)
        throw UsageError(QStringLiteral("Give exactly one input: --text, --ids or --series (%1 given).").arg(inputCount));
    input.session = ModelSession::open(path, sessionOptions(parser));
    input.request = requestFor(parser, *input.session);
    input.seriesPath = parser.value(kSeries);
    return input;
}

InferenceResult runModelInput(ModelInput& input)
{
    InferenceResult result = input.session->run(input.request);
    if (result.prediction.empty())
        throw UsageError(QStringLiteral("--text has no words %1 can read: give the text to read, e.g. --text \"a great movie\".")
                             .arg(input.session->summary().name));
    return result;
}

} // namespace studio::cli
