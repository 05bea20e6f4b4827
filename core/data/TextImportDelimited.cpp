// CSV and TSV with a header: the text and label columns chosen by name (CsvReader does the quoting,
// the encoding checks and the ragged-row errors).

#include "data/TextImportReaders.h"

#include "common/StudioError.h"
#include "data/CsvReader.h"

#include <QFileInfo>

namespace studio::textimport {
namespace {

int chooseColumn(const CsvReader& reader, const QString& requested, const QStringList& candidates, const QString& what)
{
    if (!requested.isEmpty())
        return reader.columnIndex(requested);  // throws, listing the columns
    const QString found = chooseField(reader.header(), requested, candidates);
    if (found.isEmpty())
        throw StudioError(QStringLiteral("%1 has no %2 column (none is called %3); its columns are %4. Name the %2 column.")
                              .arg(reader.path(), what, candidates.join(QLatin1String(", ")), quotedList(reader.header())));
    return reader.columnIndex(found);
}

} // namespace

TextCorpus readDelimited(const QString& path, QChar delimiter, const TextImportOptions& options, const ImportControl& control)
{
    CsvOptions csv;
    csv.delimiter = delimiter;
    csv.hasHeader = true;
    CsvReader reader(path, csv, control);
    const int textColumn = chooseColumn(reader, options.textField, kTextFieldNames, QStringLiteral("text"));
    const int labelColumn =
        options.labels ? chooseColumn(reader, options.labelField, kLabelFieldNames, QStringLiteral("label")) : -1;
    if (labelColumn == textColumn)
        throw StudioError(QStringLiteral("%1: the text and the label cannot both come from the column \"%2\": name two "
                                         "different columns.")
                              .arg(path, reader.header().at(textColumn)));

    TextCorpus corpus;
    corpus.textField = reader.header().at(textColumn);
    if (labelColumn >= 0)
        corpus.labelField = reader.header().at(labelColumn);
    corpus.setHasLabels(labelColumn >= 0);
    // The texts are part of the file, so its size bounds them; untouched reserve costs no memory.
    corpus.reserveText(QFileInfo(path).size());
    QStringList fields;
    while (reader.next(&fields)) {
        const QString text = fields.at(textColumn).trimmed();
        if (text.isEmpty()) {
            ++corpus.skippedEmpty;
            continue;
        }
        QString label;
        if (labelColumn >= 0) {
            label = fields.at(labelColumn).trimmed();
            if (label.isEmpty())
                throw StudioError(QStringLiteral("%1the label (column \"%2\") is empty. Give every text a label, or remove "
                                                 "the row.")
                                      .arg(reader.where(), corpus.labelField));
        }
        corpus.append(text.toUtf8(), label, reader.recordLine());
    }
    return corpus;
}

} // namespace studio::textimport
