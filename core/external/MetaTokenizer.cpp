#include "external/MetaTokenizer.h"

#include <QCoreApplication>

#include "common/StudioError.h"
#include "data/TextTokenizer.h"

namespace studio {

MetaTokenizer::MetaTokenizer(const ModelMeta& meta, const QString& origin)
    : m_meta(meta)
    , m_origin(origin)
{
    if (meta.vocab.isEmpty())
        throw StudioError(QStringLiteral("%1 carries no vocabulary in meta.json, so text cannot be turned into token ids: "
                                         "give token ids, or save the model with a meta.json that has \"vocab\".")
                              .arg(origin));
    m_ids.reserve(meta.vocab.size());
    for (int i = 0; i < meta.vocab.size(); ++i)
        m_ids.insert(meta.vocab.at(i), i);
}

MetaTokens MetaTokenizer::tokenize(const QString& text) const
{
    TokenizerConfig tokenizer;
    // meta.json's names are the app's own tokenizer names, so parsing cannot fail after validation.
    parseTokenizerKind(m_meta.tokenizer, &tokenizer.kind);
    tokenizer.lowercase = m_meta.lowercase;

    MetaTokens result;
    result.tokens = studio::tokenize(text, tokenizer);
    QStringList unknown;
    for (const QString& token : result.tokens) {
        const auto found = m_ids.constFind(token);
        if (found != m_ids.constEnd()) {
            result.ids.push_back(found.value());
            continue;
        }
        if (!m_meta.unkId)
            throw StudioError(QStringLiteral("\"%1\" is not in the vocabulary of %2 and its meta.json names no unk_id: "
                                             "use words from the vocabulary, or add \"unk_id\" to meta.json.")
                                  .arg(token, m_origin));
        result.ids.push_back(*m_meta.unkId);
        unknown << token;
    }
    if (!unknown.isEmpty())
        result.warnings << QCoreApplication::translate("studio", "%1 of %2 words are not in the model's vocabulary and were read as unk_id %3: %4.")
                               .arg(unknown.size())
                               .arg(result.tokens.size())
                               .arg(*m_meta.unkId)
                               .arg(unknown.join(QLatin1String(", ")));
    return result;
}

} // namespace studio
