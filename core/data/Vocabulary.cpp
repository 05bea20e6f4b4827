#include "data/Vocabulary.h"

#include "common/StudioError.h"

namespace studio {

namespace {
const QString kPadToken = QStringLiteral("<pad>");
const QString kUnkToken = QStringLiteral("<unk>");
} // namespace

Vocabulary::Vocabulary()
{
    add(kPadToken);
    add(kUnkToken);
}

int64_t Vocabulary::add(const QString& token)
{
    const auto found = m_ids.constFind(token);
    if (found != m_ids.constEnd())
        return found.value();
    const int64_t id = m_tokens.size();
    m_tokens.append(token);
    m_ids.insert(token, id);
    return id;
}

int64_t Vocabulary::idOf(const QString& token) const
{
    return m_ids.value(token, kUnkId);
}

QString Vocabulary::tokenAt(int64_t id) const
{
    return id >= 0 && id < m_tokens.size() ? m_tokens.at(id) : kUnkToken;
}

QJsonArray Vocabulary::toJson() const
{
    return QJsonArray::fromStringList(m_tokens);
}

Vocabulary Vocabulary::fromJson(const QJsonArray& json)
{
    if (json.size() < 2 || json.at(0).toString() != kPadToken || json.at(1).toString() != kUnkToken)
        throw StudioError(QStringLiteral("The vocabulary must start with \"<pad>\" and \"<unk>\"."));
    Vocabulary vocabulary;
    for (int i = 2; i < json.size(); ++i) {
        const QString token = json.at(i).toString();
        if (vocabulary.add(token) != i)
            throw StudioError(QStringLiteral("The vocabulary lists the token \"%1\" twice (entry %2).").arg(token).arg(i));
    }
    return vocabulary;
}

} // namespace studio
