// Train/validation/test splits: seeded and disjoint for independent examples, chronological for
// ordered data.

#include "data/BuiltinTasks.h"
#include "data/DataSplit.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

#include <set>

using namespace studio;

namespace {

SplitPlan fractions(double validation, double test, uint64_t seed)
{
    return SplitPlan{validation, test, seed};
}

Dataset examples(int count, bool ordered)
{
    TaskOptions options;
    options.count = count;
    options.length = 4;
    Dataset data = makeSpikeTask(options);
    data.ordered = ordered;
    return data;
}

} // namespace

class DataSplitTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Settings, caches and data go to ~/.qttest, never to the user's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void randomSplitIsDisjointCompleteAndSeeded()
    {
        const Dataset data = examples(100, /*ordered=*/false);
        const DataSplit split = splitDataset(data, fractions(0.2, 0.1, /*seed=*/5));
        QCOMPARE(split.train.size(), size_t{70});
        QCOMPARE(split.validation.size(), size_t{20});
        QCOMPARE(split.test.size(), size_t{10});
        std::set<int64_t> all(split.train.begin(), split.train.end());
        all.insert(split.validation.begin(), split.validation.end());
        all.insert(split.test.begin(), split.test.end());
        QCOMPARE(all.size(), size_t{100});
        QVERIFY(!std::is_sorted(split.train.begin(), split.train.end()));  // shuffled
        QCOMPARE(splitDataset(data, fractions(0.2, 0.1, 5)).test, split.test);
        QVERIFY(splitDataset(data, fractions(0.2, 0.1, 6)).test != split.test);
    }

    void orderedSplitNeverLooksAhead()
    {
        const Dataset data = examples(50, /*ordered=*/true);
        const DataSplit split = splitDataset(data, fractions(0.2, 0.2, /*seed=*/5));
        QCOMPARE(split.train.size(), size_t{30});
        QCOMPARE(split.train.back(), 29);
        QCOMPARE(split.validation.front(), 30);
        QCOMPARE(split.validation.back(), 39);
        QCOMPARE(split.test.front(), 40);
        QCOMPARE(split.test.back(), 49);
    }

    void groupsStayTogether()
    {
        Dataset data = examples(60, /*ordered=*/false);
        for (int64_t i = 0; i < data.size(); ++i)
            data.groups.push_back(i / 3);  // 20 records, 3 pieces each
        const DataSplit split = splitDataset(data, fractions(0.25, 0.25, 9));
        QCOMPARE(split.train.size(), size_t{30});
        QCOMPARE(split.validation.size(), size_t{15});
        const auto groupsOf = [&](const std::vector<int64_t>& indices) {
            std::set<int64_t> groups;
            for (int64_t index : indices)
                groups.insert(data.groups[static_cast<size_t>(index)]);
            return groups;
        };
        const auto train = groupsOf(split.train);
        for (int64_t group : groupsOf(split.validation))
            QVERIFY(!train.count(group));
        for (int64_t group : groupsOf(split.test))
            QVERIFY(!train.count(group));
        // The same record split an importer computes up front to count its vocabulary.
        const DataSplit records = splitItems(20, fractions(0.25, 0.25, 9), /*ordered=*/false);
        QCOMPARE(train, std::set<int64_t>(records.train.begin(), records.train.end()));
    }

    void trainingKeepsAnExample()
    {
        const DataSplit split = splitDataset(examples(1, false), fractions(0.5, 0.4, 1));
        QCOMPARE(split.train.size(), size_t{1});
        QVERIFY(split.validation.empty() && split.test.empty());
    }
};

QTEST_GUILESS_MAIN(DataSplitTest)
#include "tst_data_split.moc"
