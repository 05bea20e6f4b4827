#include "data/VocabularyBuilder.h"

#include "common/StudioError.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace studio {
namespace {
constexpr int64_t kReservedTokens = 2;  // <pad> and <unk>
} // namespace

Vocabulary buildVocabulary(const TokenCounter& counter, const VocabularyLimits& limits)
{
    if (limits.maxSize != 0 && limits.maxSize <= kReservedTokens)
        throw StudioError(QStringLiteral("A vocabulary of at most %1 tokens has no room beside <pad> and <unk>: allow at "
                                         "least 3, or 0 for no limit.")
                              .arg(limits.maxSize));
    if (limits.minFrequency < 1)
        throw StudioError(QStringLiteral("The minimum token frequency must be at least 1, not %1.").arg(limits.minFrequency));

    const Vocabulary reserved;
    std::vector<std::pair<QString, int64_t>> kept;
    kept.reserve(static_cast<size_t>(counter.distinct()));
    for (auto it = counter.counts().constBegin(); it != counter.counts().constEnd(); ++it) {
        // A text token spelled like a reserved one must not become padding.
        if (it.value() >= limits.minFrequency && reserved.idOf(it.key()) == Vocabulary::kUnkId
            && it.key() != reserved.tokenAt(Vocabulary::kUnkId))
            kept.emplace_back(it.key(), it.value());
    }
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (limits.maxSize > 0)
        kept.resize(std::min<size_t>(kept.size(), static_cast<size_t>(limits.maxSize - kReservedTokens)));

    Vocabulary vocabulary;
    for (const auto& entry : kept)
        vocabulary.add(entry.first);
    return vocabulary;
}

} // namespace studio
