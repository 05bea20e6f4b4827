#pragma once

// Labelled (or unlabelled) texts read from the files people have: CSV/TSV with a header, a JSON
// array of records, JSON Lines, a folder with one subfolder per class (the aclImdb layout), or
// plain text with one example per line.
//
// Rules every reader follows:
// - The file is checked first (checkTextFile: empty, binary, UTF-16/32, not UTF-8), and every
//   error is a StudioError naming the file, the line (CSV, JSON Lines, plain text), the record
//   (JSON arrays, counted from 1) or the file of the record (folders), and what to do.
// - Texts are stored trimmed. A record whose text is empty (or only whitespace) is skipped and
//   counted in TextCorpus::skippedEmpty, never an error (e.g. the empty trailing record of the
//   sentiment fixtures). A record with a text but no label is an error when labels are read.
// - Labels are kept as the strings they were written as; JSON numbers are written as the shortest
//   decimal that reads back the same (1 -> "1", 0.5 -> "0.5"), booleans as "true"/"false".
// - Files are only ever opened for reading: a failed import changes nothing.
// - Memory: the texts live in one UTF-8 buffer with an offset per record, so a CSV imports in
//   about its own size plus ~20 bytes per record. A JSON array is parsed as a whole (the JSON
//   document costs a few times the file's size while it is read): use JSON Lines for big files.

#include "data/ImportControl.h"
#include "data/TextCorpus.h"

#include <QString>
#include <QStringList>

namespace studio {

enum class TextFormat { Auto, Csv, Tsv, Json, JsonLines, Folder, PlainText };

QString toString(TextFormat format);
// Accepts csv, tsv, json, jsonl (also ndjson), folder, text (also txt); false otherwise.
bool parseTextFormat(const QString& name, TextFormat* out);

// The format of `path` from its extension: .csv, .tsv/.tab, .json (a JSON array, or JSON Lines
// when the file starts with '{'), .jsonl/.ndjson, .txt, or a folder. Throws StudioError naming the
// file and the formats when the extension says nothing.
TextFormat detectTextFormat(const QString& path);

struct TextImportOptions {
    TextFormat format = TextFormat::Auto;  // Auto: detectTextFormat
    // The column (CSV) or field (JSON) holding the text; empty: the first of kTextFieldNames the
    // file has (case-insensitive).
    QString textField;
    // The label column or field; empty: the first of kLabelFieldNames. Ignored without `labels`.
    QString labelField;
    // Read labels (training); false reads texts only (inference). Plain text never has labels;
    // folders always take the label from the subfolder.
    bool labels = true;
};

// The names looked for when a field is not named, in this order.
extern const QStringList kTextFieldNames;   // text, sentence, review, content, comment, document, body
extern const QStringList kLabelFieldNames;  // label, class, sentiment, target, category, polarity, y

// Reads `path` as options.format says. Throws StudioError (ImportCancelled when control.cancel
// was set) with nothing changed; a file without any non-empty text is an error too.
TextCorpus importText(const QString& path, const TextImportOptions& options = {}, ImportControl control = {});

} // namespace studio
