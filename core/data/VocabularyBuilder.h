#pragma once

// Building a vocabulary from token counts of the training texts.

#include "data/Vocabulary.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace studio {

// How often each token occurs. Only the training texts should be counted: a vocabulary that has
// seen the validation texts makes validation look better than new text will be.
class TokenCounter {
public:
    void add(const QString& token) { ++m_counts[token]; }
    void add(const QStringList& tokens)
    {
        for (const QString& token : tokens)
            add(token);
    }
    int64_t count(const QString& token) const { return m_counts.value(token, 0); }
    int64_t distinct() const { return m_counts.size(); }
    const QHash<QString, int64_t>& counts() const { return m_counts; }

private:
    QHash<QString, int64_t> m_counts;
};

struct VocabularyLimits {
    // The largest vocabulary, <pad> and <unk> included (so it is the model's vocabularySize);
    // 0 for no limit.
    int64_t maxSize = 0;
    // Tokens seen fewer times than this are left out and read as <unk>.
    int64_t minFrequency = 1;
};

// <pad> (0) and <unk> (1), then the tokens seen at least minFrequency times, most frequent first;
// tokens equally frequent in Unicode code-point order (QString's operator<), so the vocabulary does
// not depend on the order the texts were read in. Cut at maxSize. Throws StudioError for a
// maxSize of 1 or 2 (no room for any token) or a minFrequency below 1.
Vocabulary buildVocabulary(const TokenCounter& counter, const VocabularyLimits& limits);

} // namespace studio
