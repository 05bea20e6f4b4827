#pragma once

// Text into token ids for a TorchScript model, the way its meta.json says: the vocabulary (index =
// id), the tokenizer and lower-casing; unknown words become unk_id.

#include "external/ModelMeta.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

struct MetaTokens {
    std::vector<int64_t> ids;
    QStringList tokens;    // as the tokenizer made them, one per id (an unknown word stays a word)
    QStringList warnings;  // unknown words, as one sentence
};

// Built once per model (the word → id table), used for every input typed.
class MetaTokenizer {
public:
    // Throws StudioError naming `origin` when meta.json has no vocabulary.
    MetaTokenizer(const ModelMeta& meta, const QString& origin);

    // Throws StudioError when a word is unknown and meta.json names no unk_id. Empty text gives
    // no ids (the caller decides whether that is an error).
    MetaTokens tokenize(const QString& text) const;

private:
    ModelMeta m_meta;
    QString m_origin;
    QHash<QString, int64_t> m_ids;
};

} // namespace studio
