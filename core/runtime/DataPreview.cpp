#include "runtime/DataPreview.h"

#include "common/StudioError.h"
#include "data/ImportControl.h"
#include "data/TextImport.h"
#include "data/TextTokenizer.h"

#include <exception>

namespace studio {

DataPreview previewTextData(const QString& path, int maxRows, const std::atomic<bool>* cancel)
{
    DataPreview preview;
    try {
        ImportControl control;
        control.cancel = cancel;
        const TextCorpus corpus = importText(path, {}, control);
        preview.format = corpus.format;
        preview.textField = corpus.textField;
        preview.labelField = corpus.labelField;
        preview.records = corpus.size();
        preview.skippedEmpty = corpus.skippedEmpty;
        preview.labels = corpus.distinctLabels();
        const TokenizerConfig tokenizer;  // what training uses unless told otherwise
        const int64_t shown = std::min<int64_t>(corpus.size(), std::max(0, maxRows));
        for (int64_t record = 0; record < shown; ++record) {
            const QString text = corpus.text(record);
            preview.rows.push_back({corpus.where(record), text, corpus.label(record), tokenize(text, tokenizer)});
        }
    } catch (const StudioError& error) {
        preview.error = error.message();
    } catch (const std::exception& error) {
        preview.error = QStringLiteral("%1 could not be read: %2").arg(path, QString::fromLocal8Bit(error.what()));
    }
    return preview;
}

} // namespace studio
