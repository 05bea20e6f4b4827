// importText (core/data/TextImport): CSV, TSV, JSON arrays, JSON Lines and plain text. The first
// byte picks the format (bits 0-2: auto from a .json name, csv, tsv, json, jsonl, text), whether
// labels are read (bit 3) and whether the fields are named (bit 4).

#include "FuzzInput.h"

#include "common/StudioError.h"
#include "data/TextImport.h"

using namespace studio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const fuzz::OptionsAndContent input = fuzz::splitOptions(data, size);
    const TextFormat formats[] = {TextFormat::Auto, TextFormat::Csv,       TextFormat::Tsv,      TextFormat::Json,
                                  TextFormat::JsonLines, TextFormat::PlainText, TextFormat::Auto, TextFormat::Csv};
    TextImportOptions options;
    options.format = formats[input.options & 7];
    options.labels = !(input.options & 8);
    if (input.options & 16) {
        options.textField = QStringLiteral("review");
        options.labelField = QStringLiteral("Sentiment");
    }
    const QString path = fuzz::writeInput(QStringLiteral("input.json"), input.content);
    try {
        const TextCorpus corpus = importText(path, options);
        if (corpus.isEmpty())
            std::abort();  // importText promises an error instead of an empty corpus
        for (int64_t record = 0; record < corpus.size(); ++record) {
            if (corpus.text(record).isEmpty() || (corpus.hasLabels() && corpus.label(record).isEmpty()))
                std::abort();  // empty texts are skipped and empty labels refused
            corpus.where(record);
        }
    } catch (const StudioError&) {
    }
    return 0;
}
