// The loop that explains a dataset example by example (issue 13; attention-cli explain --task/--data
// and the sample browser share it): each example's figures against the per-input functions they
// come from, skipped empty examples, the summary against summarizeExplanations, and a Cancel from
// the progress callback or between an example's stages. Hand-made explanations stand in for a
// model, so it is torch-free and deterministic.

#include "analysis/DatasetExplanation.h"
#include "analysis/RankAgreement.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace studio;

namespace {

// Three explanations a model might give, with faithfulness curves for the attention and random.
std::vector<Explanation> handMade()
{
    const auto make = [](std::vector<double> attention, std::vector<double> occlusion, double attentionAopc, double randomAopc) {
        Explanation e;
        e.score = attention.front();
        e.complete = true;
        e.methods = {{AttributionMethod::Attention, std::move(attention)}, {AttributionMethod::Occlusion, std::move(occlusion)}};
        FaithfulnessCurve byAttention;
        byAttention.ranking = QStringLiteral("attention");
        byAttention.aopcComprehensiveness = attentionAopc;
        FaithfulnessCurve byRandom;
        byRandom.ranking = QStringLiteral("random");
        byRandom.aopcComprehensiveness = randomAopc;
        e.faithfulness = {byAttention, byRandom};
        return e;
    };
    return {make({0.1, 0.7, 0.2}, {-0.9, 0.3, 0.1}, 0.5, 0.25), make({0.5, 0.3, 0.2}, {0.8, 0.1, 0.05}, 0.2, 0.3),
            make({0.2, 0.2, 0.6}, {0.1, 0.2, 0.4}, 0.9, 0.1)};
}

std::vector<ExampleToExplain> marked()
{
    return {{10, {0, 1, 0}}, {11, {1, 0, 0}}, {12, {}}};
}

} // namespace

class DatasetExplanationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void figuresAndSummaryOfEveryExample()
    {
        const std::vector<Explanation> explanations = handMade();
        const DatasetExplanation out = explainDataset(
            marked(), [&](size_t i, const ExplainOptions&) { return explanations[i]; }, ExplainOptions{});
        QCOMPARE(out.status, DatasetExplanation::Status::Complete);
        QCOMPARE(out.planned, int64_t(3));
        QCOMPARE(out.examples.size(), size_t(3));
        const ExampleFigures& first = out.examples[0];
        QCOMPARE(first.index, int64_t(10));
        QCOMPARE(first.steps, 3);
        QCOMPARE(first.agreementWith(AttributionMethod::Occlusion)->kendallTau, kendallTauB({0.1, 0.7, 0.2}, {0.9, 0.3, 0.1}));
        QCOMPARE(first.topStepOf(AttributionMethod::Attention), TopStepCheck::Decides);  // weight 0.7 on marked step 1
        QCOMPARE(first.topStepOf(AttributionMethod::Occlusion), TopStepCheck::Misses);   // |−0.9| on step 0
        QCOMPARE(first.attentionAopcOverRandom(), 0.25);
        QCOMPARE(out.examples[2].topStepOf(AttributionMethod::Attention), TopStepCheck::Unmarked);
        // The summary equals the one made from the whole explanations.
        const ExplanationSummary whole = summarizeExplanations(explanations, {{0, 1, 0}, {1, 0, 0}, {}}, ExplainOptions{}.topK);
        QCOMPARE(out.summary.methods.size(), whole.methods.size());
        for (size_t m = 0; m < whole.methods.size(); ++m) {
            QCOMPARE(out.summary.methods[m].ranking, whole.methods[m].ranking);
            QCOMPARE(out.summary.methods[m].kendallTau.median, whole.methods[m].kendallTau.median);
            QCOMPARE(out.summary.methods[m].topStepDecides, whole.methods[m].topStepDecides);
        }
        QCOMPARE(out.summary.method(QStringLiteral("occlusion"))->topStepDecides, 0.5);
        QCOMPARE(out.summary.method(QStringLiteral("occlusion"))->markedExamples, int64_t(2));
        // Attention minus random per example: 0.25, −0.1, 0.8; the median is the middle one.
        QCOMPARE(out.summary.attentionAopcOverRandom.median, 0.25);
        QCOMPARE(out.summary.attentionAopcOverRandom.count, int64_t(3));
    }

    void examplesWithoutStepsAreSkipped()
    {
        std::vector<Explanation> explanations = handMade();
        explanations[1] = Explanation{};  // a text of words the model does not know
        const DatasetExplanation out = explainDataset(
            marked(), [&](size_t i, const ExplainOptions&) { return explanations[i]; }, ExplainOptions{});
        QCOMPARE(out.skipped, int64_t(1));
        QCOMPARE(out.examples.size(), size_t(2));
        QCOMPARE(out.examples[1].index, int64_t(12));
        QCOMPARE(out.summary.examples, int64_t(2));
    }

    // The progress callback says stop after the first example: exactly that one is kept.
    void progressStopsTheRun()
    {
        const std::vector<Explanation> explanations = handMade();
        std::vector<int64_t> reports;
        DatasetExplainControl control;
        control.progress = [&](int64_t done, int64_t total) {
            reports.push_back(done);
            return total == 3 && done < 1;
        };
        int explained = 0;
        const DatasetExplanation out = explainDataset(
            marked(),
            [&](size_t i, const ExplainOptions&) {
                ++explained;
                return explanations[i];
            },
            ExplainOptions{}, control);
        QCOMPARE(out.status, DatasetExplanation::Status::Cancelled);
        QCOMPARE(explained, 1);
        QCOMPARE(reports, std::vector<int64_t>{1});
        QCOMPARE(out.examples.size(), size_t(1));
        QCOMPARE(out.summary.examples, int64_t(1));
    }

    // A Cancel during an example reaches its stages (the options' progress): the partial answer
    // of that example is not kept, and the caller's own stage callback still runs before it.
    void cancelBetweenStagesDropsThePartialExample()
    {
        const std::vector<Explanation> explanations = handMade();
        std::atomic<bool> cancel{false};
        DatasetExplainControl control;
        control.cancel = &cancel;
        int callerStages = 0;
        ExplainOptions options;
        options.progress = [&](const Explanation&) {
            ++callerStages;
            return true;
        };
        const DatasetExplanation out = explainDataset(
            marked(),
            [&](size_t i, const ExplainOptions& perExample) {
                Explanation partial = explanations[i];
                partial.complete = false;
                if (i == 1)
                    cancel.store(true);  // the person presses Cancel while the second example runs
                if (!perExample.progress(partial))
                    return partial;  // as explainInput does: stop after the stage, incomplete
                return explanations[i];
            },
            options, control);
        QCOMPARE(out.status, DatasetExplanation::Status::Cancelled);
        QCOMPARE(out.examples.size(), size_t(1));
        QCOMPARE(out.examples[0].index, int64_t(10));
        QCOMPARE(callerStages, 1);  // the first example's stage; the second stopped before asking it
    }
};

QTEST_GUILESS_MAIN(DatasetExplanationTest)
#include "tst_dataset_explanation.moc"
