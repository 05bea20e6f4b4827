// Tokenizers, vocabulary building, class order, and encodeText: inference must prepare text
// exactly as training did.

#include "common/StudioError.h"
#include "data/ClassLabels.h"
#include "data/TextDataset.h"
#include "data/TextImport.h"
#include "data/TextTokenizer.h"
#include "data/VocabularyBuilder.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

namespace {

TokenizerConfig config(TokenizerKind kind, bool lowercase = true)
{
    TokenizerConfig result;
    result.kind = kind;
    result.lowercase = lowercase;
    return result;
}

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// Space-separated expected tokens (tokens never contain spaces).
QStringList split(const char* utf8)
{
    return u(utf8).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TokenizerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tokenizes_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("lowercase");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        const int word = static_cast<int>(TokenizerKind::Word);
        const int chars = static_cast<int>(TokenizerKind::Char);
        const int mixed = static_cast<int>(TokenizerKind::Mixed);

        QTest::newRow("word: contraction kept, punctuation split") << word << true << u("Don't stop!") << split("don't stop !");
        QTest::newRow("word: typographic apostrophe") << word << true << u("Don\u2019t") << split("don't");
        QTest::newRow("word: quotes around a word") << word << true << u("'quoted'") << split("' quoted '");
        QTest::newRow("word: numbers") << word << true << u("It costs 3.5 dollars, or 1,000 cents.")
                                       << split("it costs 3.5 dollars , or 1,000 cents .");
        QTest::newRow("word: list of numbers") << word << true << u("1, 2 and -5") << split("1 , 2 and - 5");
        QTest::newRow("word: letters with digits") << word << true << u("v2.0 10th mp3") << split("v2.0 10th mp3");
        QTest::newRow("word: sentence end without space") << word << true << u("end.Then") << split("end . then");
        QTest::newRow("word: hyphen splits") << word << true << u("slow-moving") << split("slow - moving");
        QTest::newRow("word: keeps case when asked") << word << false << u("Hello World") << split("Hello World");
        QTest::newRow("word: Unicode lower case") << word << true << u("GRÖSSE Ärger") << split("grösse ärger");
        QTest::newRow("word: NFC") << word << true << u("Cafe\u0301") << QStringList{u("caf\u00e9")};
        QTest::newRow("word: ellipsis and repeated marks") << word << true << u("wow… !!") << split("wow … ! !");
        QTest::newRow("word: zero-width space separates") << word << true << u("a\u200Bb") << split("a b");
        QTest::newRow("word: emoji stay whole") << word << true << u("I \u2764\uFE0F it \U0001F44D\U0001F3FD")
                                                << QStringList{u("i"), u("\u2764\uFE0F"), u("it"), u("\U0001F44D\U0001F3FD")};
        QTest::newRow("word: ZWJ emoji sequence") << word << true << u("\U0001F468\u200D\U0001F469\u200D\U0001F467!")
                                                  << QStringList{u("\U0001F468\u200D\U0001F469\u200D\U0001F467"), u("!")};
        QTest::newRow("word: Chinese is one run") << word << true << u("我喜欢这部电影") << split("我喜欢这部电影");
        QTest::newRow("word: empty") << word << true << QString() << QStringList();

        QTest::newRow("char: Chinese, one per character") << chars << true << u("我喜欢这部电影")
                                                          << split("我 喜 欢 这 部 电 影");
        QTest::newRow("char: Chinese punctuation kept") << chars << true << u("好看！") << split("好 看 ！");
        QTest::newRow("char: spaces dropped, surrogate pair whole") << chars << true << u("a b\U0001F600")
                                                                    << QStringList{u("a"), u("b"), u("\U0001F600")};
        QTest::newRow("char: combining mark stays") << chars << false << u("e\u0301!") << QStringList{u("\u00e9"), u("!")};

        QTest::newRow("mixed: Chinese and English") << mixed << true << u("我爱Python 3.11!") << split("我 爱 python 3.11 !");
        QTest::newRow("mixed: Chinese sentence") << mixed << true << u("我喜欢这部电影") << split("我 喜 欢 这 部 电 影");
        QTest::newRow("mixed: Japanese") << mixed << true << u("私はコーヒーが好きです。")
                                         << split("私 は コ ー ヒ ー が 好 き で す 。");
        QTest::newRow("mixed: Korean") << mixed << true << u("한국어 text") << split("한 국 어 text");
        QTest::newRow("mixed: English as word") << mixed << true << u("Don't stop, 3.5!") << split("don't stop , 3.5 !");
    }
    void tokenizes()
    {
        QFETCH(int, kind);
        QFETCH(bool, lowercase);
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(tokenize(text, config(static_cast<TokenizerKind>(kind), lowercase)), expected);
    }

    void chineseSentenceGivesSevenTokens()
    {
        QCOMPARE(tokenize(u("我喜欢这部电影"), config(TokenizerKind::Char)).size(), 7);
        QCOMPARE(tokenize(u("我喜欢这部电影"), config(TokenizerKind::Mixed)).size(), 7);
    }

    void configRoundTrips()
    {
        for (TokenizerKind kind : {TokenizerKind::Word, TokenizerKind::Char, TokenizerKind::Mixed}) {
            for (bool lowercase : {false, true}) {
                const TokenizerConfig back = TokenizerConfig::fromJson(config(kind, lowercase).toJson());
                QVERIFY(back.kind == kind);
                QCOMPARE(back.lowercase, lowercase);
            }
        }
        QVERIFY_THROWS_EXCEPTION(StudioError, TokenizerConfig::fromJson({{QStringLiteral("kind"), QStringLiteral("bpe")}}));
    }

    void vocabularyOrderAndLimits()
    {
        TokenCounter counter;
        counter.add(split("b a c a b d c a b <unk>"));  // a:3 b:3 c:2 d:1, and a literal "<unk>"
        const Vocabulary all = buildVocabulary(counter, {/*maxSize=*/0, /*minFrequency=*/1});
        QCOMPARE(all.toJson().toVariantList().size(), 6);
        // Equal counts in code-point order: a before b; "<unk>" from the text is not added again.
        QCOMPARE(all.tokenAt(0), QStringLiteral("<pad>"));
        QCOMPARE(all.tokenAt(1), QStringLiteral("<unk>"));
        QCOMPARE(all.tokenAt(2), QStringLiteral("a"));
        QCOMPARE(all.tokenAt(3), QStringLiteral("b"));
        QCOMPARE(all.tokenAt(4), QStringLiteral("c"));
        QCOMPARE(all.tokenAt(5), QStringLiteral("d"));

        const Vocabulary small = buildVocabulary(counter, {/*maxSize=*/4, /*minFrequency=*/1});
        QCOMPARE(small.size(), 4);
        QCOMPARE(small.idOf(QStringLiteral("c")), Vocabulary::kUnkId);

        const Vocabulary frequent = buildVocabulary(counter, {/*maxSize=*/0, /*minFrequency=*/2});
        QCOMPARE(frequent.size(), 5);
        QCOMPARE(frequent.idOf(QStringLiteral("d")), Vocabulary::kUnkId);

        QVERIFY_THROWS_EXCEPTION(StudioError, buildVocabulary(counter, {/*maxSize=*/2, /*minFrequency=*/1}));
        QVERIFY_THROWS_EXCEPTION(StudioError, buildVocabulary(counter, {/*maxSize=*/0, /*minFrequency=*/0}));
    }

    void classOrder()
    {
        QCOMPARE(orderClassLabels(split("10 2 -1")), split("-1 2 10"));
        QCOMPARE(orderClassLabels(split("pos neg neutral")), split("neg neutral pos"));
        QCOMPARE(orderClassLabels(split("1 0")), split("0 1"));
        QCOMPARE(orderClassLabels(split("2 b 10")), split("10 2 b"));  // not all numbers: as text
        QVERIFY(classHeadFor(2).head == HeadKind::Binary);
        QVERIFY(classHeadFor(3).head == HeadKind::MultiClass);
        QCOMPARE(classHeadFor(3).outputs, 3);
    }

    // Every training example is exactly what encodeText makes of the same text, and the
    // preprocessing holds what inference needs.
    void inferenceTokenizesAsTrainingDid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("reviews.jsonl"));
        writeFile(path, u("{\"text\": \"A GREAT film, really great!\", \"label\": \"pos\"}\n"
                          "{\"text\": \"Awful. Don't watch it\", \"label\": \"neg\"}\n"
                          "{\"text\": \"我喜欢这部电影\", \"label\": \"pos\"}\n"
                          "{\"text\": \"great great great great great awful\", \"label\": \"neutral\"}\n")
                            .toUtf8());
        const TextCorpus corpus = importText(path);
        TextDatasetOptions options;
        options.maxLength = 4;
        const TextEncoding encoding = fitTextEncoding(corpus, options, {0, 1, 2});
        QCOMPARE(encoding.labels, split("neg neutral pos"));
        std::vector<int64_t> records;
        const Dataset data = encodeCorpus(corpus, encoding, {}, &records);
        QCOMPARE(toString(data.head), toString(HeadKind::MultiClass));
        QCOMPARE(data.outputs, 3);
        QCOMPARE(data.size(), 4);
        for (int64_t i = 0; i < data.size(); ++i) {
            const Example example = encodeText(corpus.text(records[i]), data.preprocessing, data.vocabulary);
            QCOMPARE(example.tokens, data.examples[i].tokens);
            QVERIFY(example.tokens.size() <= 4);
        }
        QCOMPARE(data.examples[0].target, std::vector<float>{2.0f});

        // Record 3 was not counted for the vocabulary, yet "great" is known from record 0.
        QStringList seen;
        const Example unseen = encodeText(u("Great, but BORING"), data.preprocessing, data.vocabulary, &seen);
        QCOMPARE(seen, split("great , but boring"));
        QVERIFY(unseen.tokens[0] != Vocabulary::kUnkId);
        QCOMPARE(unseen.tokens[3], Vocabulary::kUnkId);  // shown as "boring", read as <unk>

        const QJsonObject preprocessing = data.preprocessing;
        QCOMPARE(preprocessing.value(QStringLiteral("input")).toString(), QStringLiteral("text"));
        QCOMPARE(preprocessing.value(QStringLiteral("maxLength")).toInt(), 4);
        QCOMPARE(preprocessing.value(QStringLiteral("longText")).toString(), QStringLiteral("truncate"));
        QCOMPARE(preprocessing.value(QStringLiteral("tokenizer")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("mixed"));
        QCOMPARE(preprocessing.value(QStringLiteral("source")).toObject().value(QStringLiteral("labelField")).toString(),
                 QStringLiteral("label"));
    }

    void longTextsSplit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long.csv"));
        writeFile(path, "text,label\n\"a b c d e f g\",1\nh i,0\n");
        const TextCorpus corpus = importText(path);
        TextDatasetOptions options;
        options.maxLength = 3;
        options.longText = LongTextRule::Split;
        std::vector<int64_t> records;
        const Dataset data = buildTextDataset(corpus, options, {}, &records);
        QCOMPARE(data.size(), 4);  // abc def g | hi
        QCOMPARE(records, (std::vector<int64_t>{0, 0, 0, 1}));
        QCOMPARE(data.examples[2].tokens.size(), size_t(1));
        QCOMPARE(data.examples[2].target, std::vector<float>{1.0f});
        QCOMPARE(toString(data.head), toString(HeadKind::Binary));
        QCOMPARE(data.labels, split("0 1"));

        std::vector<QStringList> seen;
        const std::vector<Example> pieces =
            encodeTextPieces(u("a b c d e f g"), data.preprocessing, data.vocabulary, &seen);
        QCOMPARE(pieces.size(), size_t(3));
        QCOMPARE(seen.at(1), split("d e f"));
        for (size_t i = 0; i < pieces.size(); ++i)
            QCOMPARE(pieces[i].tokens, data.examples[i].tokens);
        // One sequence to show: the first piece.
        QStringList first;
        QCOMPARE(encodeText(u("a b c d e f g"), data.preprocessing, data.vocabulary, &first).tokens.size(), size_t(3));
        QCOMPARE(first, split("a b c"));
    }

    void emptyAndForeignPreprocessing()
    {
        Vocabulary vocabulary;
        vocabulary.add(QStringLiteral("great"));
        QStringList seen;
        // Built-in task models have no preprocessing: lower-case words.
        const Example example = encodeText(u("GREAT movie"), QJsonObject(), vocabulary, &seen);
        QCOMPARE(seen, split("great movie"));
        QCOMPARE(example.tokens, (std::vector<int64_t>{2, Vocabulary::kUnkId}));
        // A text without any token still gives one step.
        QCOMPARE(encodeText(u("\u200B"), QJsonObject(), vocabulary, &seen).tokens, std::vector<int64_t>{Vocabulary::kUnkId});
        QCOMPARE(seen, QStringList{QStringLiteral("<unk>")});
        QVERIFY_THROWS_EXCEPTION(StudioError,
                                 encodeText(u("x"), {{QStringLiteral("input"), QStringLiteral("series")}}, vocabulary));
    }
};

QTEST_GUILESS_MAIN(TokenizerTest)
#include "tst_tokenizer.moc"
