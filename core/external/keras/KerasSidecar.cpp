#include "external/keras/KerasSidecar.h"

#include "common/StudioError.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace studio::keras {
namespace {

constexpr qint64 kMaxTokenizerBytes = qint64(256) << 20;  // a 10^6-word vocabulary is ~30 MB

QJsonObject parseObject(const QByteArray& bytes, const QString& path, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw StudioError(QStringLiteral("%1 is not a tokenizer JSON file (%2 at byte %3 of %4): save it with "
                                         "tokenizer.to_json() or json.dump(tokenizer.word_index).")
                              .arg(path, error.errorString())
                              .arg(error.offset)
                              .arg(what));
    return document.object();
}

// Tokenizer.to_json() keeps word_index and friends as JSON text inside the JSON.
QJsonObject nestedObject(const QJsonValue& value, const QString& path, const QString& field)
{
    if (value.isObject())
        return value.toObject();
    return parseObject(value.toString().toUtf8(), path, field);
}

} // namespace

KerasSidecar KerasSidecar::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("Cannot read the tokenizer file %1: %2.").arg(path, file.errorString()));
    if (file.size() > kMaxTokenizerBytes)
        throw StudioError(QStringLiteral("The tokenizer file %1 is larger than %2 MB, more than any vocabulary needs: check that it is "
                                         "the tokenizer.").arg(path).arg(kMaxTokenizerBytes >> 20));
    QJsonObject root = parseObject(file.readAll(), path, QStringLiteral("the file"));
    KerasSidecar tokenizer;
    tokenizer.m_path = path;
    // The wrapper form: pad_sequences settings, labels and feature names beside the tokenizer.
    const QStringList wrapperKeys{QStringLiteral("tokenizer"), QStringLiteral("maxlen"), QStringLiteral("labels"),
                                  QStringLiteral("features"), QStringLiteral("padding"), QStringLiteral("truncating")};
    bool wrapper = false;
    for (const QString& key : wrapperKeys)
        wrapper = wrapper || root.contains(key);
    if (wrapper) {
        tokenizer.m_maxLength = root.value(QStringLiteral("maxlen")).toInt(0);
        tokenizer.m_padPost = root.value(QStringLiteral("padding")).toString() == QLatin1String("post");
        tokenizer.m_truncatePost = root.value(QStringLiteral("truncating")).toString() == QLatin1String("post");
        for (const QJsonValue& label : root.value(QStringLiteral("labels")).toArray())
            tokenizer.m_labels << label.toVariant().toString();
        for (const QJsonValue& feature : root.value(QStringLiteral("features")).toArray())
            tokenizer.m_features << feature.toString();
        if (root.contains(QStringLiteral("tokenizer")))
            root = nestedObject(root.value(QStringLiteral("tokenizer")), path, QStringLiteral("\"tokenizer\""));
        else if (!root.contains(QStringLiteral("word_index")))
            return tokenizer;  // labels or features only: a series model's sidecar
    }
    QJsonObject wordIndex;
    if (root.value(QStringLiteral("class_name")).toString() == QLatin1String("Tokenizer")) {
        const QJsonObject config = root.value(QStringLiteral("config")).toObject();
        wordIndex = nestedObject(config.value(QStringLiteral("word_index")), path, QStringLiteral("config.word_index"));
        const QJsonValue numWords = config.value(QStringLiteral("num_words"));
        tokenizer.m_numWords = numWords.isDouble() ? numWords.toInt() : 0;
        if (config.value(QStringLiteral("filters")).isString())
            tokenizer.m_filters = config.value(QStringLiteral("filters")).toString();
        tokenizer.m_lower = config.value(QStringLiteral("lower")).toBool(true);
        if (config.value(QStringLiteral("split")).isString())
            tokenizer.m_split = config.value(QStringLiteral("split")).toString();
        tokenizer.m_charLevel = config.value(QStringLiteral("char_level")).toBool(false);
        tokenizer.m_oovToken = config.value(QStringLiteral("oov_token")).toString();
    } else if (root.contains(QStringLiteral("word_index"))) {
        wordIndex = nestedObject(root.value(QStringLiteral("word_index")), path, QStringLiteral("word_index"));
    } else {
        wordIndex = root;  // a plain word_index: {"the": 1, "movie": 2, ...}
    }
    for (auto it = wordIndex.constBegin(); it != wordIndex.constEnd(); ++it) {
        // Ids are checked as doubles before the cast: 5e48 made it undefined (found by fuzz_keras_sidecar).
        constexpr double kLargestId = 9007199254740992.0;  // 2^53: every whole number below is exact
        const double number = it.value().toDouble(-1.0);
        if (!it.value().isDouble() || !(number >= 0) || number > kLargestId || number != std::floor(number))
            throw StudioError(QStringLiteral("%1: the word_index entry \"%2\" is not a whole number from 0 to 2^53: a "
                                             "word_index maps each word to its id.")
                                  .arg(path, it.key()));
        const auto id = static_cast<int64_t>(number);
        tokenizer.m_wordIndex.insert(it.key(), id);
        tokenizer.m_indexWord.insert(id, it.key());
    }
    if (tokenizer.m_wordIndex.isEmpty())
        throw StudioError(QStringLiteral("%1 has no words: save the tokenizer after fitting it (tokenizer.fit_on_texts).").arg(path));
    return tokenizer;
}

// keras.preprocessing.text.text_to_word_sequence (or characters, for char_level).
QStringList KerasSidecar::words(const QString& text) const
{
    QString lowered = m_lower ? text.toLower() : text;
    QStringList result;
    if (m_charLevel) {
        for (const QChar c : lowered)
            result << QString(c);
        return result;
    }
    // One pass, as Python's str.translate: replacing one filter at a time also replaced the filter
    // characters inside the split text just put in, which grows exponentially when the split
    // holds filters (found by fuzz_keras_sidecar) and gives other words than Keras.
    QString translated;
    translated.reserve(lowered.size());
    for (const QChar c : lowered) {
        if (m_filters.contains(c))
            translated += m_split;
        else
            translated += c;
    }
    for (const QString& word : translated.split(m_split))
        if (!word.isEmpty())
            result << word;
    return result;
}

KerasTokens KerasSidecar::encode(const QString& text, int maxLength) const
{
    KerasTokens encoded;
    const int64_t oovId = m_oovToken.isEmpty() ? -1 : m_wordIndex.value(m_oovToken, -1);
    encoded.unknownAsOov = oovId >= 0;
    std::vector<int64_t> ids;
    QStringList tokens;
    for (const QString& word : words(text)) {
        const auto found = m_wordIndex.constFind(word);
        const bool known = found != m_wordIndex.constEnd() && (m_numWords == 0 || *found < m_numWords);
        if (!known)
            encoded.unknown << word;
        if (known) {
            ids.push_back(*found);
            tokens << word;
        } else if (oovId >= 0) {  // texts_to_sequences keeps an unknown word only as the OOV token
            ids.push_back(oovId);
            tokens << word;
        }
    }
    const int length = maxLength > 0 ? maxLength : m_maxLength;
    if (length > 0 && static_cast<int>(ids.size()) > length) {
        encoded.truncated = static_cast<int>(ids.size()) - length;
        const auto cut = static_cast<std::ptrdiff_t>(encoded.truncated);
        if (m_truncatePost) {
            ids.resize(static_cast<size_t>(length));
            tokens = tokens.mid(0, length);
        } else {
            ids.erase(ids.begin(), ids.begin() + cut);
            tokens = tokens.mid(encoded.truncated);
        }
    }
    if (length > 0 && !ids.empty() && static_cast<int>(ids.size()) < length) {
        encoded.padded = length - static_cast<int>(ids.size());
        const std::vector<int64_t> pads(static_cast<size_t>(encoded.padded), 0);
        QStringList padWords;
        for (int i = 0; i < encoded.padded; ++i)
            padWords << QStringLiteral("<pad>");
        if (m_padPost) {
            ids.insert(ids.end(), pads.begin(), pads.end());
            tokens << padWords;
        } else {
            ids.insert(ids.begin(), pads.begin(), pads.end());
            tokens = padWords + tokens;
        }
    }
    encoded.ids = std::move(ids);
    encoded.tokens = tokens;
    return encoded;
}

QString KerasSidecar::wordOf(int64_t id) const
{
    if (id == 0)
        return QStringLiteral("<pad>");
    return m_indexWord.value(id, QString::number(id));
}

} // namespace studio::keras
