#include "data/TextDataset.h"

#include "common/StudioError.h"
#include "data/ClassLabels.h"

#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace studio {
namespace {

// Keys of Dataset::preprocessing for text.
const QString kInput = QStringLiteral("input");
const QString kTextInput = QStringLiteral("text");
const QString kTokenizer = QStringLiteral("tokenizer");
const QString kMaxLength = QStringLiteral("maxLength");
const QString kLongText = QStringLiteral("longText");
const QString kVocabulary = QStringLiteral("vocabulary");
const QString kMaxSize = QStringLiteral("maxSize");
const QString kMinFrequency = QStringLiteral("minFrequency");
const QString kTrainingRecords = QStringLiteral("trainingRecords");
const QString kSource = QStringLiteral("source");
const QString kFormat = QStringLiteral("format");
const QString kFile = QStringLiteral("file");
const QString kTextField = QStringLiteral("textField");
const QString kLabelField = QStringLiteral("labelField");
const QString kLabelOrder = QStringLiteral("labelOrder");
// The labels as the file writes them, in class order, when the classes were given names.
const QString kLabelValues = QStringLiteral("labelValues");

// What encodeText needs from the preprocessing, read once.
struct TextPreparation {
    TokenizerConfig tokenizer;
    int maxLength = 0;
    LongTextRule longText = LongTextRule::Truncate;
};

TextPreparation readPreparation(const QJsonObject& preprocessing)
{
    TextPreparation preparation;
    if (preprocessing.isEmpty()) {
        // Models of the built-in tasks: their words were lower case and separated by spaces.
        preparation.tokenizer.kind = TokenizerKind::Word;
        preparation.tokenizer.lowercase = true;
        return preparation;
    }
    const QString input = preprocessing.value(kInput).toString();
    if (input != kTextInput)
        throw StudioError(QStringLiteral("The model was trained on %1 input, not text: give it the input it was trained on.")
                              .arg(input.isEmpty() ? QStringLiteral("non-text") : input));
    preparation.tokenizer = TokenizerConfig::fromJson(preprocessing.value(kTokenizer).toObject());
    preparation.maxLength = preprocessing.value(kMaxLength).toInt(0);
    const QString rule = preprocessing.value(kLongText).toString(toString(LongTextRule::Truncate));
    if (!parseLongTextRule(rule, &preparation.longText))
        throw StudioError(QStringLiteral("The model's long-text rule \"%1\" is unknown (truncate or split): update Attention "
                                         "Studio to read this model.")
                              .arg(rule));
    return preparation;
}

Example exampleOf(const QStringList& tokens, qsizetype from, qsizetype count, const Vocabulary& vocabulary,
                  QStringList* tokensSeen)
{
    Example example;
    if (tokensSeen)
        tokensSeen->clear();
    for (qsizetype i = from; i < from + count; ++i) {
        example.tokens.push_back(vocabulary.idOf(tokens.at(i)));
        if (tokensSeen)
            tokensSeen->append(tokens.at(i));
    }
    if (example.tokens.empty()) {
        example.tokens.push_back(Vocabulary::kUnkId);
        if (tokensSeen)
            tokensSeen->append(vocabulary.tokenAt(Vocabulary::kUnkId));
    }
    return example;
}

// The pieces of one tokenized text: [from, from + count) ranges.
std::vector<std::pair<qsizetype, qsizetype>> piecesOf(qsizetype tokens, const TextPreparation& preparation)
{
    if (preparation.maxLength <= 0 || tokens <= preparation.maxLength)
        return {{0, tokens}};
    if (preparation.longText == LongTextRule::Truncate)
        return {{0, preparation.maxLength}};
    std::vector<std::pair<qsizetype, qsizetype>> pieces;
    for (qsizetype from = 0; from < tokens; from += preparation.maxLength)
        pieces.emplace_back(from, std::min<qsizetype>(preparation.maxLength, tokens - from));
    return pieces;
}

std::vector<int64_t> allRecords(const TextCorpus& corpus)
{
    std::vector<int64_t> records(static_cast<size_t>(corpus.size()));
    std::iota(records.begin(), records.end(), 0);
    return records;
}

QString labelColumnName(const TextCorpus& corpus)
{
    if (corpus.labelField == QLatin1String("folder"))
        return QStringLiteral("class folder");
    return QStringLiteral("label column \"%1\"").arg(corpus.labelField);
}

QStringList classesOf(const TextCorpus& corpus)
{
    if (!corpus.hasLabels())
        throw StudioError(QStringLiteral("%1 was read without labels: name the label column to train on it.").arg(corpus.path));
    const QStringList classes = orderClassLabels(corpus.distinctLabels());
    if (classes.size() < 2)
        throw StudioError(QStringLiteral("%1: the %2 has only one value (\"%3\") in all %4 records, and a classifier needs "
                                         "at least two classes. Check that this is the label column, or add examples of the "
                                         "other classes.")
                              .arg(corpus.path, labelColumnName(corpus), classes.value(0))
                              .arg(corpus.size()));
    return classes;
}

// Class names given for labels written as codes: one per class, each used once.
QStringList namedClasses(const TextCorpus& corpus, const QStringList& values, const QStringList& names)
{
    if (names.size() != values.size())
        throw StudioError(QStringLiteral("%1 names %2 classes, but the %3 holds %4 (%5): give one name per class, in "
                                         "that order.")
                              .arg(corpus.path)
                              .arg(names.size())
                              .arg(labelColumnName(corpus))
                              .arg(values.size())
                              .arg(values.join(QLatin1String(", "))));
    for (int i = 0; i < names.size(); ++i) {
        if (names.at(i).trimmed().isEmpty())
            throw StudioError(QStringLiteral("Class name %1 is empty: give every class a name.").arg(i + 1));
        if (names.indexOf(names.at(i)) != i)
            throw StudioError(QStringLiteral("The class name \"%1\" is given twice: give each class its own name.").arg(names.at(i)));
    }
    return names;
}

void checkOptions(const TextDatasetOptions& options)
{
    if (options.maxLength < 0)
        throw StudioError(QStringLiteral("The maximum text length must be 0 (no limit) or a number of tokens, not %1.")
                              .arg(options.maxLength));
}

} // namespace

QString toString(LongTextRule rule)
{
    return rule == LongTextRule::Split ? QStringLiteral("split") : QStringLiteral("truncate");
}

bool parseLongTextRule(const QString& name, LongTextRule* out)
{
    for (LongTextRule rule : {LongTextRule::Truncate, LongTextRule::Split}) {
        if (name.compare(toString(rule), Qt::CaseInsensitive) == 0) {
            *out = rule;
            return true;
        }
    }
    return false;
}

QStringList labelCodes(const QJsonObject& preprocessing)
{
    QStringList written;
    for (const QJsonValue& value : preprocessing.value(kLabelValues).toArray())
        written << value.toString();
    return written;
}

TextEncoding fitTextEncoding(const TextCorpus& corpus, const TextDatasetOptions& options,
                             const std::vector<int64_t>& trainingRecords)
{
    checkOptions(options);
    TextEncoding encoding;
    const QStringList classes = classesOf(corpus);
    encoding.labels = options.classNames.isEmpty() ? classes : namedClasses(corpus, classes, options.classNames);

    const std::vector<int64_t> training = trainingRecords.empty() ? allRecords(corpus) : trainingRecords;
    TokenCounter counter;
    for (int64_t record : training) {
        if (record < 0 || record >= corpus.size())
            throw StudioError(QStringLiteral("Training record %1 is outside %2 (it has %3 records).")
                                  .arg(record)
                                  .arg(corpus.path)
                                  .arg(corpus.size()));
        counter.add(tokenize(corpus.text(record), options.tokenizer));
    }
    encoding.vocabulary = buildVocabulary(counter, options.vocabulary);

    bool numeric = true;
    for (const QString& label : classes) {
        bool ok = false;
        label.toDouble(&ok);
        numeric = numeric && ok;
    }
    encoding.preprocessing = QJsonObject{
        {kInput, kTextInput},
        {kTokenizer, options.tokenizer.toJson()},
        {kMaxLength, options.maxLength},
        {kLongText, toString(options.longText)},
        {kVocabulary,
         QJsonObject{{kMaxSize, static_cast<qint64>(options.vocabulary.maxSize)},
                     {kMinFrequency, static_cast<qint64>(options.vocabulary.minFrequency)},
                     {kTrainingRecords, static_cast<qint64>(training.size())}}},
        {kSource,
         QJsonObject{{kFormat, corpus.format},
                     {kFile, QFileInfo(corpus.path).fileName()},
                     {kTextField, corpus.textField},
                     {kLabelField, corpus.labelField}}},
        {kLabelOrder, numeric ? QStringLiteral("numeric") : QStringLiteral("text")},
    };
    if (!options.classNames.isEmpty())
        encoding.preprocessing.insert(kLabelValues, QJsonArray::fromStringList(classes));
    return encoding;
}

Dataset encodeCorpus(const TextCorpus& corpus, const TextEncoding& encoding, const std::vector<int64_t>& records,
                     std::vector<int64_t>* exampleRecords)
{
    const TextPreparation preparation = readPreparation(encoding.preprocessing);
    Dataset data;
    data.name = QFileInfo(corpus.path).completeBaseName();
    data.input = InputKind::Tokens;
    data.vocabulary = encoding.vocabulary;
    data.labels = encoding.labels;
    const ClassHead head = classHeadFor(static_cast<int>(encoding.labels.size()));
    data.head = head.head;
    data.outputs = head.outputs;
    data.preprocessing = encoding.preprocessing;
    if (exampleRecords)
        exampleRecords->clear();

    const QStringList codes = labelCodes(encoding.preprocessing);
    const QStringList values = codes.isEmpty() ? encoding.labels : codes;
    QHash<QString, int> classOf;
    for (int i = 0; i < values.size(); ++i)
        classOf.insert(values.at(i), i);

    const std::vector<int64_t> chosen = records.empty() ? allRecords(corpus) : records;
    data.examples.reserve(chosen.size());
    for (int64_t record : chosen) {
        const auto found = classOf.constFind(corpus.label(record));
        if (found == classOf.constEnd())
            throw StudioError(QStringLiteral("%1: the label \"%2\" is not one of the model's classes (%3): train on data "
                                             "with this class, or remove the record.")
                                  .arg(corpus.where(record), corpus.label(record), values.join(QLatin1String(", "))));
        const QStringList tokens = tokenize(corpus.text(record), preparation.tokenizer);
        for (const auto& [from, count] : piecesOf(tokens.size(), preparation)) {
            Example example = exampleOf(tokens, from, count, encoding.vocabulary, nullptr);
            example.target = {static_cast<float>(found.value())};
            data.examples.push_back(std::move(example));
            if (exampleRecords)
                exampleRecords->push_back(record);
        }
    }
    return data;
}

Dataset buildTextDataset(const TextCorpus& corpus, const TextDatasetOptions& options,
                         const std::vector<int64_t>& trainingRecords, std::vector<int64_t>* exampleRecords)
{
    Dataset data = encodeCorpus(corpus, fitTextEncoding(corpus, options, trainingRecords), {}, exampleRecords);
    if (!options.name.isEmpty())
        data.name = options.name;
    return data;
}

RecordSplit splitRecords(int64_t count, double heldOutFraction, uint64_t seed)
{
    std::vector<int64_t> order(static_cast<size_t>(std::max<int64_t>(count, 0)));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 random(seed);
    std::shuffle(order.begin(), order.end(), random);
    const auto heldOut = std::min<int64_t>(static_cast<int64_t>(std::floor(heldOutFraction * static_cast<double>(count))),
                                           std::max<int64_t>(count - 1, 0));
    RecordSplit split;
    split.training.assign(order.begin(), order.end() - heldOut);
    split.heldOut.assign(order.end() - heldOut, order.end());
    return split;
}

Example encodeText(const QString& text, const QJsonObject& preprocessing, const Vocabulary& vocabulary, QStringList* tokensSeen)
{
    const TextPreparation preparation = readPreparation(preprocessing);
    const QStringList tokens = tokenize(text, preparation.tokenizer);
    const auto pieces = piecesOf(tokens.size(), preparation);
    return exampleOf(tokens, pieces.front().first, pieces.front().second, vocabulary, tokensSeen);
}

std::vector<Example> encodeTextPieces(const QString& text, const QJsonObject& preprocessing, const Vocabulary& vocabulary,
                                      std::vector<QStringList>* tokensSeen)
{
    const TextPreparation preparation = readPreparation(preprocessing);
    const QStringList tokens = tokenize(text, preparation.tokenizer);
    std::vector<Example> examples;
    if (tokensSeen)
        tokensSeen->clear();
    for (const auto& [from, count] : piecesOf(tokens.size(), preparation)) {
        QStringList seen;
        examples.push_back(exampleOf(tokens, from, count, vocabulary, tokensSeen ? &seen : nullptr));
        if (tokensSeen)
            tokensSeen->push_back(seen);
    }
    return examples;
}

} // namespace studio
