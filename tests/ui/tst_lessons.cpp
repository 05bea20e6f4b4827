// The lessons, each trained as a learner trains it (QT_QPA_PLATFORM=offscreen): chosen from the
// Lessons menu, its model trained in the window with the lesson's seed, its input typed once the
// model has joined; then what its text promises is checked on what the window shows: the keyword
// lesson's attention lands on the keyword and its agreement curve rises; tutorial 004's map is
// T×d with every unit's column a distribution; tutorial 001's context is tanh(r); tutorial 002's
// map is T×T, its deciding word receives more than the filler and its context sums what each
// step gathers; tutorial 000's model warns that its bias fixes the length
// and refuses a longer look back.

#include "display/AttentionMapMath.h"
#include "teaching/InsideAttentionPanel.h"
#include "teaching/LessonPanel.h"
#include "teaching/Lessons.h"
#include "training/CurvesView.h"
#include "training/TrainingPanel.h"
#include "views/AttentionMatrixView.h"
#include "views/HeatmapPlot.h"
#include "views/SeriesAttentionView.h"
#include "views/TokenAttentionPanel.h"
#include "views/TokenAttentionView.h"
#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/ModelResultView.h"
#include "window/MainWindow.h"
#include "window/OpenModels.h"
#include "WindowTests.h"

#include <qcustomplot.h>

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTextBrowser>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio;

namespace {

constexpr int kTrainingTimeoutMs = 600'000;  // a sanitizer or a busy machine trains slowly

// Trains lesson `id` from the Lessons menu as a learner does; returns the index of its trained
// model (of its last opened model, for a lesson that trains none).
int trainLesson(MainWindow& window, const QString& id)
{
    QMenu* lessons = nullptr;
    for (QAction* action : window.menuBar()->actions())
        if (action->menu() && action->menu()->title() == LessonPanel::tr("&Lessons"))
            lessons = action->menu();
    if (!lessons)
        return -1;
    const std::optional<Lesson> lesson = lessonById(id);
    for (QAction* action : lessons->actions())
        if (lesson && action->text() == lesson->title)
            action->trigger();
    if (!window.lessons()->shownLesson() || window.lessons()->shownLesson()->id != id)
        return -1;
    QSignalSpy ready(window.lessons(), &LessonPanel::lessonReady);
    QSignalSpy answered(window.models(), &OpenModels::resultReady);
    window.lessons()->trainButton()->click();
    if (!ready.wait(kTrainingTimeoutMs))
        return -1;
    int index = window.models()->count() - 1;
    if (lesson->trainsModel)
        while (index >= 0 && window.models()->summary(index).format != ModelFormat::Native)
            --index;
    if (index < 0)
        return -1;
    // The answer to the lesson's own input (not the demo sentence of an earlier model).
    const QString input = lesson->inputText;
    for (int tries = 0; tries < 120; ++tries) {
        const InferenceResult& result = window.models()->result(index);
        const bool textAnswered = !input.isEmpty() && result.attention.tokens.size() == input.split(QLatin1Char(' ')).size();
        const bool seriesAnswered = input.isEmpty() && !result.prediction.empty();
        if (textAnswered || seriesAnswered)
            return index;
        answered.wait(1000);
    }
    return -1;
}

} // namespace

class LessonsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(studio::testing::startWindowTest(QStringLiteral(STUDIO_DEMO_MODEL)), STUDIO_DEMO_MODEL); }

    void everyLessonIsWhole()
    {
        const QList<Lesson> lessons = allLessons();
        QSet<QString> ids;
        QSet<QString> tutorials;
        for (const Lesson& lesson : lessons) {
            QVERIFY2(!ids.contains(lesson.id), qPrintable(lesson.id));
            ids << lesson.id;
            tutorials << lesson.tutorial;
            QVERIFY(!lesson.title.isEmpty() && lesson.html.count(QLatin1String("<p>")) == 3);
            if (!lesson.setup.dataFile.isEmpty())
                QVERIFY2(QFile::exists(lesson.setup.dataFile), qPrintable(lesson.setup.dataFile));  // carried inside the program
            QVERIFY(lessonById(lesson.id).has_value());
        }
        for (const char* tutorial : {"000", "001", "002", "003", "004"})
            QVERIFY2(tutorials.contains(QLatin1String(tutorial)), tutorial);
        QVERIFY(!lessonById(QStringLiteral("no-such-lesson")).has_value());
    }

    // The known answer: the deciding word gets the attention, more with every epoch.
    void theKeywordLessonLooksAtTheKeyword()
    {
        MainWindow window;
        window.show();
        QSignalSpy demo(window.models(), &OpenModels::modelOpened);  // as the window starts: the demo open
        window.openModel(QStringLiteral(STUDIO_DEMO_MODEL));
        QVERIFY(demo.wait(kTrainingTimeoutMs));
        const int index = trainLesson(window, QStringLiteral("keyword"));
        QVERIFY(index >= 0);
        const Lesson lesson = *lessonById(QStringLiteral("keyword"));
        QCOMPARE(window.input()->text(), lesson.inputText);
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("lessonsDock")) != nullptr);
        QCOMPARE(window.insideAttention()->shownModel(), index);  // the lesson's model, not the demo before it
        const AttentionMap& map = window.models()->result(index).attention;
        const auto top = std::max_element(map.values.begin(), map.values.end()) - map.values.begin();
        QCOMPARE(map.tokens.at(static_cast<int>(top)), QStringLiteral("superb"));
        // The truth is drawn under the text: the deciding word, and it alone.
        TokenAttentionView* text = window.comparison()->modelView(index)->tokenPanel()->view();
        QTRY_COMPARE(text->decidingSteps().size(), size_t(map.tokens.size()));
        for (int t = 0; t < map.tokens.size(); ++t)
            QCOMPARE(bool(text->decidingSteps()[static_cast<size_t>(t)]), map.tokens.at(t) == QLatin1String("superb"));
        QVERIFY(text->toolTipFor(static_cast<int>(map.tokens.indexOf(QStringLiteral("superb")))).contains(QStringLiteral("decides the label")));
        // The agreement curve beside the loss: one point per epoch, ending higher than it began and
        // far above the uniform share 1/16.
        window.curves()->flush();
        std::vector<double> agreement;
        for (const QByteArray& line : window.curves()->toCsv().split('\n'))
            if (line.contains("validation attention on deciding steps"))
                agreement.push_back(line.split(',').last().toDouble());
        QCOMPARE(agreement.size(), size_t(lesson.setup.training.epochs));
        QVERIFY2(agreement.back() > agreement.front() && agreement.back() > 0.5,
                 qPrintable(QStringLiteral("%1 → %2").arg(agreement.front()).arg(agreement.back())));
    }

    // 003: the tutorial's model as written gives every step the weight 1.0 and says why; the same
    // weights fixed give a distribution that peaks at the spike.
    void theWrongAxisBesideTheFix()
    {
        MainWindow window;
        window.show();
        const int before = window.models()->count();
        QVERIFY(trainLesson(window, QStringLiteral("tutorial-003")) >= 0);
        QCOMPARE(window.models()->count(), before + 2);
        const auto answered = [&window](int index) { return !window.models()->result(index).attention.isEmpty(); };
        QTRY_VERIFY_WITH_TIMEOUT(answered(before) && answered(before + 1), kTrainingTimeoutMs);
        for (int index : {before, before + 1}) {
            const InferenceResult& result = window.models()->result(index);
            QCOMPARE(result.attention.shape, std::vector<int64_t>{24});
            if (window.models()->summary(index).name == QLatin1String("tutorial003-as-written.pt")) {
                for (float weight : result.attention.values)
                    QCOMPARE(weight, 1.0F);
                QVERIFY(std::find(result.flaws.begin(), result.flaws.end(), ModelFlaw::WrongSoftmaxAxis) != result.flaws.end());
            } else {
                const auto top = std::max_element(result.attention.values.begin(), result.attention.values.end());
                QCOMPARE(top - result.attention.values.begin(), 14);  // step 15, the spike
                QVERIFY(result.flaws.empty());
            }
        }
        // A click on the spike's cell of one model's heat strip chooses that step in both.
        SeriesAttentionView* series = window.comparison()->modelView(before + 1)->seriesView();
        series->resize(800, 300);
        series->plot()->replot();
        QCPAxisRect* strip = series->stripRect();
        const QPoint spike(static_cast<int>(strip->axis(QCPAxis::atBottom)->coordToPixel(14)), strip->rect().center().y());
        QCOMPARE(series->stepAt(spike), 14);
        QTest::mouseClick(series->plot(), Qt::LeftButton, Qt::NoModifier, spike);
        QCOMPARE(series->selectedStep(), 14);
        QCOMPARE(window.comparison()->modelView(before)->seriesView()->selectedStep(), 14);
    }

    void tutorialLessonsShowWhatTheyPromise()
    {
        MainWindow window;
        window.show();
        window.findChild<QDockWidget*>(QStringLiteral("insideDock"))->raise();  // the numbers come with the answers

        // 004: one distribution over the words per unit: a T×d map whose columns each sum to 1.
        int index = trainLesson(window, QStringLiteral("tutorial-004"));
        QVERIFY(index >= 0);
        const AttentionMap& perFeature = window.models()->result(index).attention;
        QCOMPARE(perFeature.shape.size(), size_t(2));
        QCOMPARE(perFeature.shape[1], int64_t{16});
        for (int64_t d = 0; d < perFeature.shape[1]; ++d) {
            double column = 0.0;
            for (int64_t t = 0; t < perFeature.shape[0]; ++t)
                column += perFeature.values[static_cast<size_t>(t * perFeature.shape[1] + d)];
            QVERIFY(std::abs(column - 1.0) < 1e-4);
        }
        // In its T×d map a row is a word: a click on one chooses that step.
        HeatmapPlot* matrix = window.comparison()->modelView(index)->matrixView()->plot();
        matrix->resize(700, 500);
        matrix->replot();
        const QPoint third(static_cast<int>(matrix->xAxis->coordToPixel(5)), static_cast<int>(matrix->yAxis->coordToPixel(2)));
        QCOMPARE(matrix->rowAt(third), 2);
        QTest::mouseClick(matrix, Qt::LeftButton, Qt::NoModifier, third);
        QCOMPARE(window.insideAttention()->step(), 2);

        // 001: c = tanh(r), every number between -1 and 1; beside it, the tutorial's Keras model as
        // written, whose padding gets weight.
        index = trainLesson(window, QStringLiteral("tutorial-001"));
        QVERIFY(index >= 0);
        QCOMPARE(window.models()->summary(index + 1).format, ModelFormat::Keras);
        QTRY_VERIFY_WITH_TIMEOUT(!window.models()->result(index + 1).flaws.empty(), kTrainingTimeoutMs);
        QCOMPARE(window.models()->result(index + 1).flaws, std::vector<ModelFlaw>{ModelFlaw::PaddingWeight});
        QTRY_VERIFY(!window.models()->result(index).trace.isEmpty());
        const AttentionTrace& zhou = window.models()->result(index).trace;
        QCOMPARE(zhou.context.size(), zhou.attended.size());
        for (size_t j = 0; j < zhou.context.size(); ++j) {
            QVERIFY(std::abs(zhou.context[j]) < 1.0F);
            QVERIFY(std::abs(zhou.context[j] - std::tanh(zhou.attended[j])) < 1e-5F);
        }

        // 002: a T×T map, one distribution per step; the word view's weight of a word is what it
        // receives, and the deciding word receives more than the filler; the context is the last
        // state beside the sum (K.sum) of what every step gathers.
        index = trainLesson(window, QStringLiteral("tutorial-002"));
        QVERIFY(index >= 0);
        const AttentionMap& query = window.models()->result(index).attention;
        const auto steps = static_cast<int64_t>(query.tokens.size());
        QCOMPARE(query.shape, (std::vector<int64_t>{steps, steps}));
        for (int64_t t = 0; t < steps; ++t) {
            double row = 0.0;
            for (int64_t s = 0; s < steps; ++s)
                row += query.values[static_cast<size_t>(t * steps + s)];
            QVERIFY(std::abs(row - 1.0) < 1e-4);
        }
        const std::vector<double> received = perStepWeights(query, MatrixKind::SelfAttention).weights;
        const auto receivedBy = [&](const QString& word) { return received.at(static_cast<size_t>(query.tokens.indexOf(word))); };
        QVERIFY2(receivedBy(QStringLiteral("wonderful")) > receivedBy(QStringLiteral("with")),
                 qPrintable(QStringLiteral("%1 vs %2").arg(receivedBy(QStringLiteral("wonderful"))).arg(receivedBy(QStringLiteral("with")))));
        QTRY_VERIFY(!window.models()->result(index).trace.isEmpty());
        const AttentionTrace& asked = window.models()->result(index).trace;
        QCOMPARE(asked.context.size(), static_cast<size_t>(2 * asked.width));
        for (int64_t j = 0; j < asked.width; ++j) {
            double gathered = 0.0;
            for (int64_t t = 0; t < steps; ++t)
                gathered += asked.attended[static_cast<size_t>(t * asked.width + j)];
            QVERIFY(std::abs(asked.context[static_cast<size_t>(asked.width + j)] - gathered) < 1e-5);
            QCOMPARE(asked.context[static_cast<size_t>(j)], asked.hidden[static_cast<size_t>((steps - 1) * asked.width + j)]);
        }

        // 000: the bias per position fixes the length, and the window says which step it favours.
        index = trainLesson(window, QStringLiteral("tutorial-000"));
        QVERIFY(index >= 0);
        const InferenceResult& bias = window.models()->result(index);
        QVERIFY(std::find(bias.flaws.begin(), bias.flaws.end(), ModelFlaw::FixedLength) != bias.flaws.end());
        QVERIFY2(bias.warnings.join(QLatin1Char(' ')).contains(QLatin1String("favours step")), qPrintable(bias.warnings.join(QLatin1Char(' '))));
        QCOMPARE(bias.attention.shape, std::vector<int64_t>{24});
        // A longer look back is refused, by name; back to its window, it answers again.
        QSpinBox* readSteps = window.input()->readStepsBox();
        QVERIFY(readSteps->isVisibleTo(&window));
        QSignalSpy failed(window.models(), &OpenModels::requestFailed);  // the text models refuse the series too
        readSteps->setValue(30);
        const auto refusal = [&failed, index]() -> QString {
            for (const QList<QVariant>& signal : failed)
                if (signal.at(0).toInt() == index)
                    return signal.at(1).toString();
            return {};
        };
        QTRY_VERIFY_WITH_TIMEOUT(!refusal().isEmpty(), kTrainingTimeoutMs);
        QVERIFY2(refusal().contains(QLatin1String("a bias for 24 positions but the input has 30 steps")), qPrintable(refusal()));
        QSignalSpy answered(window.models(), &OpenModels::resultReady);
        readSteps->setValue(0);
        const auto answeredAgain = [&answered, index] {
            return std::any_of(answered.begin(), answered.end(), [index](const QList<QVariant>& signal) { return signal.at(0).toInt() == index; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(answeredAgain(), kTrainingTimeoutMs);
        QCOMPARE(window.models()->result(index).attention.shape, std::vector<int64_t>{24});
    }
};

QTEST_MAIN(LessonsTest)
#include "tst_lessons.moc"
