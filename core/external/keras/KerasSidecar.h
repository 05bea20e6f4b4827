#pragma once

// What a Keras model file does not hold, from a file saved beside it (MODEL.tokenizer.json,
// MODEL.meta.json or tokenizer.json): text into token ids as the user's own preprocessing did (a
// `Tokenizer.to_json()` file, or a plain word_index JSON, and `pad_sequences`), class labels and
// the names of a series model's input columns. Qt Core only.
//
// Either the tokenizer's JSON itself, or an object that wraps it with the rest:
// {"tokenizer": <Tokenizer.to_json() text or object> | "word_index": {...}, "maxlen": 200,
// "padding": "pre", "truncating": "pre", "labels": ["negative", "positive"],
// "features": ["temperature", "pressure"]} (every key optional).

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio::keras {

struct KerasTokens {
    std::vector<int64_t> ids;   // after pad_sequences
    QStringList tokens;         // one per id: the word, "<pad>" for padding, the OOV token's word
    int padded = 0;             // padding ids added (at the front for padding "pre")
    int truncated = 0;          // words cut off
    QStringList unknown;        // words outside the vocabulary (dropped, or read as the OOV token)
    bool unknownAsOov = false;  // the tokenizer has an OOV token: unknown words were read as it
};

class KerasSidecar {
public:
    // Reads the file; throws StudioError naming it and the field that is wrong.
    static KerasSidecar fromFile(const QString& path);

    // Words as texts_to_sequences makes them, then pad_sequences to `maxLength` (0: no padding or
    // truncation; the sidecar's maxlen wins over 0).
    KerasTokens encode(const QString& text, int maxLength) const;
    QString wordOf(int64_t id) const;

    int maxLength() const { return m_maxLength; }
    const QStringList& labels() const { return m_labels; }
    const QStringList& features() const { return m_features; }
    bool hasVocabulary() const { return !m_wordIndex.isEmpty(); }
    const QString& path() const { return m_path; }

private:
    QStringList words(const QString& text) const;

    QString m_path;
    QHash<QString, int64_t> m_wordIndex;
    QHash<int64_t, QString> m_indexWord;
    int m_numWords = 0;          // 0: no limit
    QString m_filters = QStringLiteral("!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n");
    bool m_lower = true;
    QString m_split = QStringLiteral(" ");
    bool m_charLevel = false;
    QString m_oovToken;
    int m_maxLength = 0;
    bool m_padPost = false;
    bool m_truncatePost = false;
    QStringList m_labels;
    QStringList m_features;
};

} // namespace studio::keras
