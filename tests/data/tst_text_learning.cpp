// Real data: an attention model trained on the bundled IMDB sentences (UCI Sentiment Labelled
// Sentences) beats the majority-class baseline clearly on sentences it never saw, with the
// vocabulary counted on the training sentences only.

#include "TorchTestSetup.h"
#include "data/TextDataset.h"
#include "data/TextImport.h"
#include "train/Evaluation.h"
#include "train/Trainer.h"
#include "train/FittingModelConfig.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

#include <algorithm>

using namespace studio;

namespace {

constexpr double kHeldOutFraction = 0.2;
constexpr uint64_t kSplitSeed = 11;
constexpr double kRequiredOverMajority = 0.15;      // over always answering the training majority
constexpr double kRequiredOverBestConstant = 0.10;  // over the better constant answer on held-out

} // namespace

class TextLearningTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        testing::setUpTorch();
    }

    void imdbSentencesBeatTheBaseline()
    {
        QElapsedTimer timer;
        timer.start();
        const TextCorpus corpus = importText(QStringLiteral(STUDIO_RESOURCES_DIR "/data/sentiment/imdb.json"));
        const RecordSplit split = splitRecords(corpus.size(), kHeldOutFraction, kSplitSeed);

        TextDatasetOptions options;
        options.tokenizer.kind = TokenizerKind::Word;
        options.tokenizer.lowercase = true;
        // Words seen once are read as <unk>: on 800 sentences this steadies the result (measured over
        // seeds 1-6: held-out accuracy 0.685-0.760, against 0.635-0.795 with every word kept).
        options.vocabulary.minFrequency = 2;
        const TextEncoding encoding = fitTextEncoding(corpus, options, split.training);
        Dataset training = encodeCorpus(corpus, encoding, split.training);
        const Dataset heldOut = encodeCorpus(corpus, encoding, split.heldOut);

        // The baselines: always the class most frequent in training, and (stricter) the better of
        // the two constant answers on the held-out sentences themselves.
        int64_t positiveInTraining = 0;
        for (const Example& example : training.examples)
            positiveInTraining += example.target[0] == 1.0f ? 1 : 0;
        const float majority = 2 * positiveInTraining >= training.size() ? 1.0f : 0.0f;
        int64_t positiveHeldOut = 0;
        for (const Example& example : heldOut.examples)
            positiveHeldOut += example.target[0] == 1.0f ? 1 : 0;
        const double positiveShare = static_cast<double>(positiveHeldOut) / static_cast<double>(heldOut.size());
        const double trainingMajorityBaseline = majority == 1.0f ? positiveShare : 1.0 - positiveShare;
        const double baseline = std::max(positiveShare, 1.0 - positiveShare);

        ModelConfig model = fittingModelConfig(training);
        model.embeddingDim = 32;
        model.hiddenSize = 32;
        model.bidirectional = true;
        model.attention = AttentionKind::Additive;

        TrainingConfig config;
        config.learningRate = 0.01;
        config.epochs = 8;
        config.batchSize = 32;
        config.validationFraction = 0.1;  // of the training sentences; the held-out ones are never seen
        config.seed = 4;

        Trainer trainer(std::move(training), model, config);
        TrainingControl control;
        const TrainingResult result = trainer.run(control);
        QVERIFY2(result.status == TrainingStatus::Completed, qPrintable(result.message));

        AttentionModel trained = trainer.model();
        const EvaluationResult evaluation = evaluateModel(trained, heldOut, {});
        qInfo("IMDB sentences: vocabulary %lld tokens from %zu training sentences; held-out accuracy %.3f on %lld "
              "sentences; baselines: training majority %.3f, best constant %.3f; %lld ms",
              static_cast<long long>(encoding.vocabulary.size()), split.training.size(), evaluation.metric,
              static_cast<long long>(heldOut.size()), trainingMajorityBaseline, baseline,
              static_cast<long long>(timer.elapsed()));
        QVERIFY2(evaluation.metric >= trainingMajorityBaseline + kRequiredOverMajority,
                 qPrintable(QString::number(evaluation.metric)));
        QVERIFY2(evaluation.metric >= baseline + kRequiredOverBestConstant, qPrintable(QString::number(evaluation.metric)));
    }
};

QTEST_GUILESS_MAIN(TextLearningTest)
#include "tst_text_learning.moc"
