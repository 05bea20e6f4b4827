#pragma once

// From imported texts to a Dataset of token ids, and the same preparation for new text at
// inference time.
//
// Rules:
// - The vocabulary is counted on the training records only (the caller says which; see
//   splitRecords), so validation and test texts have unknown words just as new text will.
// - Classes: every distinct label of the corpus (all records, so a class seen only in validation
//   still has an output), in orderClassLabels order: numerically when all labels are numbers,
//   otherwise by code point. Two classes give a binary head (target 0 or 1), more a multi-class
//   head. One class is an error naming the label column.
// - Long texts (maxLength > 0): Truncate keeps the first maxLength tokens; Split cuts the text into
//   consecutive pieces of maxLength tokens (the last one shorter), each an example with the text's
//   label. Split multiplies examples: split records into training and validation before, never
//   the pieces (neighbouring pieces of one review would otherwise sit on both sides).
// - A text that gives no token at all (only control or format characters) becomes the single
//   token <unk>, so every example has at least one step.
// - Dataset::preprocessing records all of it (tokenizer, maxLength, the long-text rule, the
//   vocabulary limits, the source format and columns), and encodeText reads it back.

#include "data/Dataset.h"
#include "data/TextCorpus.h"
#include "data/TextTokenizer.h"
#include "data/VocabularyBuilder.h"

#include <QJsonObject>

#include <cstdint>
#include <vector>

namespace studio {

enum class LongTextRule { Truncate, Split };

QString toString(LongTextRule rule);
bool parseLongTextRule(const QString& name, LongTextRule* out);

struct TextDatasetOptions {
    TokenizerConfig tokenizer;
    VocabularyLimits vocabulary{/*maxSize=*/20000, /*minFrequency=*/1};
    int maxLength = 0;  // tokens per example; 0 keeps whole texts
    LongTextRule longText = LongTextRule::Truncate;
    QString name;  // the dataset's name; empty: the file's base name
    // Names for the classes, in class order (orderClassLabels of the labels as written), for labels
    // written as codes: IMDB's 0/1 become "negative", "positive". Empty: the labels as written.
    QStringList classNames;
};

// What the training records teach: enough to turn any text of the corpus, or new text, into
// examples exactly alike.
struct TextEncoding {
    QJsonObject preprocessing;
    Vocabulary vocabulary;
    QStringList labels;  // class names in class-index order; empty for a corpus without labels
};

// The labels as the data file writes them, in class order, when the classes were given names
// (TextDatasetOptions::classNames); empty otherwise.
QStringList labelCodes(const QJsonObject& preprocessing);

// Counts the vocabulary on `trainingRecords` (all records when empty) and orders the classes.
// Throws StudioError for a corpus without labels, a label column with one class, or bad options.
TextEncoding fitTextEncoding(const TextCorpus& corpus, const TextDatasetOptions& options,
                             const std::vector<int64_t>& trainingRecords);

// The examples of `records` (all records when empty), in that order. `exampleRecords`, when
// given, receives the record of each example (they differ from `records` under LongTextRule::Split).
Dataset encodeCorpus(const TextCorpus& corpus, const TextEncoding& encoding, const std::vector<int64_t>& records = {},
                     std::vector<int64_t>* exampleRecords = nullptr);

// fitTextEncoding + encodeCorpus over all records: the dataset Trainer takes.
Dataset buildTextDataset(const TextCorpus& corpus, const TextDatasetOptions& options,
                         const std::vector<int64_t>& trainingRecords, std::vector<int64_t>* exampleRecords = nullptr);

// Records split for training and held-out use: a shuffle seeded by `seed`, the last
// floor(heldOutFraction × count) records held out (at least one record stays for training).
struct RecordSplit {
    std::vector<int64_t> training;
    std::vector<int64_t> heldOut;
};
RecordSplit splitRecords(int64_t count, double heldOutFraction, uint64_t seed);

// One text prepared as training prepared it, from a model's saved preprocessing and vocabulary.
// Long texts are cut to the first maxLength tokens under either rule (one sequence to show; use
// encodeTextPieces for all pieces under Split). `tokensSeen` receives one string per step: the
// token as the tokenizer made it (lower-cased when the model lower-cases). A token the vocabulary
// does not know is still shown as its word, not as "<unk>": the example's id (Vocabulary::kUnkId)
// says the model saw <unk>, so a view can mark it without losing the word. An empty
// preprocessing (the built-in tasks) means the word tokenizer, lower case, no length limit.
// Throws StudioError when the preprocessing is not for text.
Example encodeText(const QString& text, const QJsonObject& preprocessing, const Vocabulary& vocabulary,
                   QStringList* tokensSeen = nullptr);

// Every piece of a text under the model's long-text rule (one piece under Truncate).
std::vector<Example> encodeTextPieces(const QString& text, const QJsonObject& preprocessing, const Vocabulary& vocabulary,
                                      std::vector<QStringList>* tokensSeen = nullptr);

} // namespace studio
