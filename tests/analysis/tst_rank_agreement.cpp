// The agreement numbers beside the attention (issue 13): Kendall's τ-b against cases worked by
// hand and against the definition counted pair by pair (ties included), the top-k overlap, the
// Jensen–Shannon distance at its known points, and their summary over a dataset. Torch-free: it
// builds in seconds.

#include "analysis/ExplanationSummary.h"
#include "analysis/RankAgreement.h"

#include <QtTest/QtTest>

#include <cmath>
#include <random>

using namespace studio;

namespace {

int sign(double x) { return (x > 0.0) - (x < 0.0); }

// τ-b by its definition: every pair, concordant minus discordant over the square root of the
// pairs untied in each list.
double tauByPairs(const std::vector<double>& a, const std::vector<double>& b)
{
    double concordance = 0.0;
    double untiedA = 0.0;
    double untiedB = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = i + 1; j < a.size(); ++j) {
            const int sa = sign(a[j] - a[i]);
            const int sb = sign(b[j] - b[i]);
            concordance += sa * sb;
            untiedA += sa != 0;
            untiedB += sb != 0;
        }
    return concordance / std::sqrt(untiedA * untiedB);
}

} // namespace

class RankAgreementTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Worked by hand: 7 concordant and 3 discordant pairs of 10.
    void tauOfAHandWorkedCase()
    {
        QCOMPARE(kendallTauB({1, 2, 3, 4, 5}, {3, 1, 2, 5, 4}), 0.4);
        QCOMPARE(kendallTauB({1, 2, 3}, {1, 2, 3}), 1.0);
        QCOMPARE(kendallTauB({1, 2, 3}, {3, 2, 1}), -1.0);
    }

    // With ties: a ties one pair, b another; 4 concordant, none discordant: 4 / √(5·5).
    void tauCorrectsForTies()
    {
        QVERIFY(std::abs(kendallTauB({1, 1, 2, 3}, {1, 2, 2, 3}) - 0.8) < 1e-12);
    }

    // Random lists with many ties (values from a small set), odd and even lengths, against the
    // pair-by-pair definition.
    void tauEqualsTheDefinitionOnRandomLists()
    {
        std::mt19937 random(13);
        for (int trial = 0; trial < 200; ++trial) {
            const size_t n = 2 + static_cast<size_t>(random() % 60);
            const int levels = 1 + static_cast<int>(random() % 8);
            std::vector<double> a(n);
            std::vector<double> b(n);
            for (size_t i = 0; i < n; ++i) {
                a[i] = static_cast<double>(random() % static_cast<unsigned>(levels));
                b[i] = trial % 3 == 0 ? std::normal_distribution<double>()(random) : static_cast<double>(random() % 5);
            }
            const double expected = tauByPairs(a, b);
            const double got = kendallTauB(a, b);
            if (std::isnan(expected))
                QVERIFY2(std::isnan(got), qPrintable(QString::number(got)));
            else
                QVERIFY2(std::abs(got - expected) < 1e-12, qPrintable(QStringLiteral("n %1: %2 vs %3").arg(n).arg(got).arg(expected)));
        }
    }

    void tauIsUndefinedWhereTheFormulaIs()
    {
        QVERIFY(std::isnan(kendallTauB({1, 1, 1}, {1, 2, 3})));  // a constant list
        QVERIFY(std::isnan(kendallTauB({1}, {2})));
        QVERIFY(std::isnan(kendallTauB({1, std::nan(""), 3}, {1, 2, 3})));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kendallTauB({1, 2}, {1, 2, 3}));
    }

    void topKOverlapCountsSharedSteps()
    {
        const std::vector<double> a{0.1, 0.5, 0.2, 0.9, 0.0};
        const std::vector<double> b{0.8, 0.6, 0.1, 0.7, 0.0};
        QCOMPARE(topSteps(a, 2), (std::vector<size_t>{3, 1}));
        QCOMPARE(topKOverlap(a, b, 1), 0.0);  // step 3 against step 0
        QCOMPARE(topKOverlap(a, b, 2), 0.5);  // {3, 1} against {0, 3}
        QCOMPARE(topKOverlap(a, b, 3), 2.0 / 3.0);
        QCOMPARE(topKOverlap(a, b, 99), 1.0);  // k clamped: every step
        // Equal scores: the earlier step first, on every run.
        QCOMPARE(topSteps({0.3, 0.7, 0.7, 0.1}, 1), std::vector<size_t>{1});
        QVERIFY(std::isnan(topKOverlap(a, b, 0)));
    }

    void jensenShannonAtItsKnownPoints()
    {
        QCOMPARE(jensenShannonDistance({0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}), 0.0);
        QCOMPARE(jensenShannonDistance({1, 0}, {0, 1}), 1.0);  // disjoint
        // Scaled first: the same distribution however it is scaled.
        QVERIFY(jensenShannonDistance({2, 6, 2}, {0.2, 0.6, 0.2}) < 1e-12);
        // p = (1, 0), q = (½, ½): m = (¾, ¼), JS = ½·log2(4/3) + ½(½·log2(2/3) + ½·log2 2).
        const double divergence = 0.5 * std::log2(4.0 / 3.0) + 0.5 * (0.5 * std::log2(2.0 / 3.0) + 0.5 * std::log2(2.0));
        QVERIFY(std::abs(jensenShannonDistance({1, 0}, {1, 1}) - std::sqrt(divergence)) < 1e-12);
        QVERIFY(std::isnan(jensenShannonDistance({0, 0}, {1, 1})));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, jensenShannonDistance({-0.1, 1.1}, {0.5, 0.5}));
    }

    // Quartiles by linear interpolation (as numpy's default), NaN left out.
    void quartilesInterpolate()
    {
        const Quartiles q = quartilesOf({4, 1, std::nan(""), 3, 2});
        QCOMPARE(q.count, int64_t(4));
        QCOMPARE(q.lower, 1.75);
        QCOMPARE(q.median, 2.5);
        QCOMPARE(q.upper, 3.25);
        QVERIFY(std::isnan(quartilesOf({}).median));
    }

    // Two explanations with known deciding steps: each method's top step (the attention by weight,
    // the others by magnitude) checked against the marks; τ gathered per method.
    void summaryCountsTopStepsOnDecidingSteps()
    {
        Explanation first;
        first.methods = {{AttributionMethod::Attention, {0.1, 0.7, 0.2}}, {AttributionMethod::Occlusion, {-0.9, 0.3, 0.1}}};
        Explanation second;
        second.methods = {{AttributionMethod::Attention, {0.5, 0.3, 0.2}}, {AttributionMethod::Occlusion, {0.8, 0.1, 0.05}}};
        const ExplanationSummary summary = summarizeExplanations({first, second}, {{0, 1, 0}, {1, 0, 0}}, 1);
        QCOMPARE(summary.examples, int64_t(2));
        QCOMPARE(summary.methods.size(), size_t(2));
        QCOMPARE(summary.methods[0].ranking, QStringLiteral("attention"));
        QCOMPARE(summary.methods[0].topStepDecides, 1.0);  // steps 1 and 0: both marked
        QCOMPARE(summary.methods[1].ranking, QStringLiteral("occlusion"));
        QCOMPARE(summary.methods[1].topStepDecides, 0.5);  // |−0.9| at step 0 (unmarked), then step 0 (marked)
        QCOMPARE(summary.methods[1].kendallTau.count, int64_t(2));
        const double tauFirst = kendallTauB({0.1, 0.7, 0.2}, {0.9, 0.3, 0.1});
        const double tauSecond = kendallTauB({0.5, 0.3, 0.2}, {0.8, 0.1, 0.05});
        QVERIFY(std::abs(summary.methods[1].kendallTau.median - 0.5 * (tauFirst + tauSecond)) < 1e-12);
        // No marks: no share.
        QVERIFY(std::isnan(summarizeExplanations({first}, {{}}, 1).methods[0].topStepDecides));
    }
};

QTEST_GUILESS_MAIN(RankAgreementTest)
#include "tst_rank_agreement.moc"
