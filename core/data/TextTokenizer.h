#pragma once

// Tokenizers for text input. The configuration is saved with a model (Dataset::preprocessing) so
// inference splits text exactly as training did.
//
// Every kind first normalizes the text to Unicode NFC (a composed "é" and "e" + combining accent
// are the same token) and, with `lowercase`, lower-cases it (full Unicode case mapping). Text is
// read in grapheme clusters (QTextBoundaryFinder), so a surrogate pair, a letter with its combining
// marks, a flag or an emoji sequence joined by ZWJ is never cut in half. Whitespace, control and
// format characters (zero-width space, BOM) separate tokens and are never tokens themselves.
//
// Word: runs of letters, digits, marks and '_' are words; every other visible character
//   (punctuation, symbols, emoji) is a token of its own. Three joins keep common words whole:
//   - an apostrophe (' or ’) between two letters stays inside the word: "don't", "one's" and
//     "l'homme" are one token each (splitting "don't" into "don" "'" "t" would lose the negation
//     a sentiment model needs); inside a word ’ is written ' ("don’t" is "don't"); a leading or
//     trailing apostrophe is punctuation;
//   - '.' or ',' between two digits stays inside the number: "3.5", "1,000", "3.11", "v2.0";
//   - letters and digits together form one word: "mp3", "10th", "Python3".
//   Hyphens split ("slow-moving" -> "slow" "-" "moving"), signs split ("-5" -> "-" "5"). Scripts
//   written without spaces (Chinese, Japanese) come out as whole runs: use Char or Mixed for them.
// Char: one token per grapheme cluster (a Chinese sentence gives one token per character);
//   whitespace is dropped, punctuation kept.
// Mixed: as Word, except that Han, Hiragana, Katakana, Hangul and Bopomofo characters are one token
//   each, so "我爱Python 3.11!" gives 我 爱 python 3.11 !. The default: on text without those
//   scripts it gives exactly what Word gives.

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace studio {

enum class TokenizerKind { Word, Char, Mixed };

QString toString(TokenizerKind kind);
// Returns false for an unknown name and leaves `out` alone.
bool parseTokenizerKind(const QString& name, TokenizerKind* out);

struct TokenizerConfig {
    TokenizerKind kind = TokenizerKind::Mixed;
    bool lowercase = true;

    QJsonObject toJson() const;
    // Throws StudioError naming the field that is wrong (an unknown kind, a normalization other
    // than NFC written by a newer version).
    static TokenizerConfig fromJson(const QJsonObject& json);
};

QStringList tokenize(const QString& text, const TokenizerConfig& config);

} // namespace studio
