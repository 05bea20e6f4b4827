#pragma once

#include <QHash>
#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace studio {

// Token ↔ id mapping saved with a model so inference tokenizes exactly as training did.
// Id 0 is always <pad> and id 1 always <unk>.
class Vocabulary {
public:
    static constexpr int64_t kPadId = 0;
    static constexpr int64_t kUnkId = 1;

    Vocabulary();
    // Adds `token` if new; returns its id either way.
    int64_t add(const QString& token);
    // The id of `token`, or kUnkId when it is unknown.
    int64_t idOf(const QString& token) const;
    // The token for `id`, or "<unk>" for an id outside the vocabulary.
    QString tokenAt(int64_t id) const;
    int64_t size() const { return m_tokens.size(); }
    bool isEmpty() const { return m_tokens.size() <= 2; }

    QJsonArray toJson() const;
    // Throws StudioError when the list is not a vocabulary (wrong reserved tokens, duplicates).
    static Vocabulary fromJson(const QJsonArray& json);

private:
    QStringList m_tokens;
    QHash<QString, int64_t> m_ids;
};

} // namespace studio
