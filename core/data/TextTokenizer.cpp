#include "data/TextTokenizer.h"

#include "common/StudioError.h"

#include <QTextBoundaryFinder>

#include <vector>

namespace studio {
namespace {

const QString kKind = QStringLiteral("kind");
const QString kLowercase = QStringLiteral("lowercase");
const QString kNormalization = QStringLiteral("normalization");
const QString kNfc = QStringLiteral("NFC");

constexpr char32_t kApostrophe = U'\'';
constexpr char32_t kRightSingleQuote = U'\u2019';  // the apostrophe word processors write
// Letters in the CJK punctuation and kana blocks whose script is "Common" (the prolonged sound
// mark ー, the iteration mark 々, the halfwidth ｰ): they belong with the characters around them.
constexpr char32_t kCjkSymbolsFirst = U'\u3000';
constexpr char32_t kKatakanaLast = U'\u30FF';
constexpr char32_t kHalfwidthProlongedMark = U'\uFF70';

enum class ClusterKind {
    Separator,  // whitespace, control and format characters: never a token
    WordPart,   // letters, digits, marks, '_': runs of them are words
    Own,        // punctuation, symbols, emoji, and CJK characters in Mixed mode: one token each
};

struct Cluster {
    qsizetype start = 0;
    qsizetype end = 0;
    char32_t first = 0;  // the cluster's first code point, which decides its kind
    ClusterKind kind = ClusterKind::Own;
    bool letter = false;
    bool digit = false;
};

char32_t codePointAt(const QString& text, qsizetype at)
{
    const QChar c = text.at(at);
    if (c.isHighSurrogate() && at + 1 < text.size() && text.at(at + 1).isLowSurrogate())
        return QChar::surrogateToUcs4(c, text.at(at + 1));
    return c.unicode();
}

bool isCjk(char32_t cp)
{
    switch (QChar::script(cp)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
    case QChar::Script_Bopomofo:
        return true;
    default:
        break;
    }
    return QChar::isLetter(cp) && ((cp >= kCjkSymbolsFirst && cp <= kKatakanaLast) || cp == kHalfwidthProlongedMark);
}

ClusterKind kindOf(char32_t cp, TokenizerKind tokenizer)
{
    switch (QChar::category(cp)) {
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Control:
    case QChar::Other_Format:
        return ClusterKind::Separator;
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
        return tokenizer == TokenizerKind::Mixed && isCjk(cp) ? ClusterKind::Own : ClusterKind::WordPart;
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Punctuation_Connector:
        return ClusterKind::WordPart;
    default:
        return ClusterKind::Own;
    }
}

std::vector<Cluster> clustersOf(const QString& text, TokenizerKind tokenizer)
{
    std::vector<Cluster> clusters;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    for (qsizetype end = finder.toNextBoundary(); end > 0; end = finder.toNextBoundary()) {
        Cluster cluster;
        cluster.start = start;
        cluster.end = end;
        cluster.first = codePointAt(text, start);
        cluster.kind = kindOf(cluster.first, tokenizer);
        cluster.letter = QChar::isLetter(cluster.first);
        cluster.digit = QChar::category(cluster.first) == QChar::Number_DecimalDigit;
        clusters.push_back(cluster);
        start = end;
    }
    return clusters;
}

// Whether `middle` (punctuation between two word parts) belongs to the word: an apostrophe between
// letters ("don't"), a decimal or thousands separator between digits ("3.5", "1,000").
bool joinsWord(const Cluster& before, const Cluster& middle, const Cluster& after)
{
    if (middle.end - middle.start != 1)
        return false;
    if (middle.first == kApostrophe || middle.first == kRightSingleQuote)
        return before.letter && after.letter;
    if (middle.first == U'.' || middle.first == U',')
        return before.digit && after.digit;
    return false;
}

QStringList wordTokens(const QString& text, const std::vector<Cluster>& clusters)
{
    QStringList tokens;
    const size_t count = clusters.size();
    size_t i = 0;
    while (i < count) {
        const Cluster& cluster = clusters[i];
        if (cluster.kind == ClusterKind::Separator) {
            ++i;
            continue;
        }
        if (cluster.kind == ClusterKind::Own) {
            tokens << text.mid(cluster.start, cluster.end - cluster.start);
            ++i;
            continue;
        }
        qsizetype end = cluster.end;
        size_t next = i + 1;
        while (next < count) {
            if (clusters[next].kind == ClusterKind::WordPart) {
                end = clusters[next].end;
                ++next;
            } else if (next + 1 < count && clusters[next + 1].kind == ClusterKind::WordPart
                       && joinsWord(clusters[next - 1], clusters[next], clusters[next + 1])) {
                end = clusters[next + 1].end;
                next += 2;
            } else {
                break;
            }
        }
        QString word = text.mid(cluster.start, end - cluster.start);
        // "don’t" and "don't" are one word: a typographic apostrophe can only be here by joinsWord.
        word.replace(QChar(static_cast<char16_t>(kRightSingleQuote)), QLatin1Char('\''));
        tokens << word;
        i = next;
    }
    return tokens;
}

QStringList charTokens(const QString& text, const std::vector<Cluster>& clusters)
{
    QStringList tokens;
    tokens.reserve(static_cast<qsizetype>(clusters.size()));
    for (const Cluster& cluster : clusters)
        if (cluster.kind != ClusterKind::Separator)
            tokens << text.mid(cluster.start, cluster.end - cluster.start);
    return tokens;
}

} // namespace

QString toString(TokenizerKind kind)
{
    switch (kind) {
    case TokenizerKind::Word:
        return QStringLiteral("word");
    case TokenizerKind::Char:
        return QStringLiteral("char");
    case TokenizerKind::Mixed:
        return QStringLiteral("mixed");
    }
    return {};
}

bool parseTokenizerKind(const QString& name, TokenizerKind* out)
{
    for (TokenizerKind kind : {TokenizerKind::Word, TokenizerKind::Char, TokenizerKind::Mixed}) {
        if (name.compare(toString(kind), Qt::CaseInsensitive) == 0) {
            *out = kind;
            return true;
        }
    }
    return false;
}

QJsonObject TokenizerConfig::toJson() const
{
    return {{kKind, toString(kind)}, {kLowercase, lowercase}, {kNormalization, kNfc}};
}

TokenizerConfig TokenizerConfig::fromJson(const QJsonObject& json)
{
    TokenizerConfig config;
    const QString kind = json.value(kKind).toString();
    if (!parseTokenizerKind(kind, &config.kind))
        throw StudioError(QStringLiteral("The tokenizer kind \"%1\" is unknown: it must be word, char or mixed.").arg(kind));
    config.lowercase = json.value(kLowercase).toBool(true);
    const QString normalization = json.value(kNormalization).toString(kNfc);
    if (normalization != kNfc)
        throw StudioError(QStringLiteral("The tokenizer asks for the Unicode normalization \"%1\", which this version does "
                                         "not know (only NFC): update Attention Studio to read this model.")
                              .arg(normalization));
    return config;
}

QStringList tokenize(const QString& text, const TokenizerConfig& config)
{
    QString prepared = config.lowercase ? text.toLower() : text;
    prepared = prepared.normalized(QString::NormalizationForm_C);
    const std::vector<Cluster> clusters = clustersOf(prepared, config.kind);
    return config.kind == TokenizerKind::Char ? charTokens(prepared, clusters) : wordTokens(prepared, clusters);
}

} // namespace studio
