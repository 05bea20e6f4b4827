// "Inside the attention", driven as a learner drives it (QT_QPA_PLATFORM=offscreen): the demo
// model's numbers arrive with its answer and the panel shows the model's own (hₜ, the softmax
// written out, the context, the head); stepping with the keyboard moves through the steps and
// marks the step in the text without running the model again; a click on a token chooses the
// step; the stage under the pointer lights its equation. Every variant's layout is checked on
// traces made here (the numbers themselves are checked against the weights in tst_attention_trace).

#include "teaching/GateMapView.h"
#include "teaching/InsideAttentionPanel.h"
#include "teaching/VectorStrip.h"
#include "views/AttentionRowView.h"
#include "views/HeatmapPlot.h"
#include "views/TokenAttentionPanel.h"
#include "views/TokenAttentionView.h"
#include "window/ComparisonView.h"
#include "window/InputPanel.h"
#include "window/MainWindow.h"
#include "window/ModelResultView.h"
#include "window/OpenModels.h"
#include "WindowTests.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 60'000;

QString shown(double value)
{
    if (value != 0.0 && std::abs(value) < 1e-3)
        return QString::number(value, 'g', 3);
    return QString::number(value, 'f', 3);
}

// A trace of T steps and width D with distinct numbers, for the layout of each variant.
AttentionTrace madeUpTrace(AttentionKind kind, int64_t steps, int64_t width)
{
    AttentionTrace trace;
    trace.attention = kind;
    trace.steps = steps;
    trace.width = width;
    trace.termWidth = width;
    trace.real.assign(static_cast<size_t>(steps), 1);
    for (int64_t t = 0; t < steps; ++t)
        trace.stepNames << QStringLiteral("w%1").arg(t);
    const int64_t columns = mapsStepToStep(kind) ? steps : (kind == AttentionKind::PerFeature ? width : 1);
    const int64_t distributions = kind == AttentionKind::PerFeature ? width : (mapsStepToStep(kind) ? steps : 1);
    for (int64_t i = 0; i < steps * width; ++i) {
        trace.hidden.push_back(0.01F * static_cast<float>(i % 17) - 0.08F);
        trace.projected.push_back(0.02F * static_cast<float>(i % 5));
        trace.keys.push_back(0.03F * static_cast<float>(i % 7));
        trace.values.push_back(0.04F * static_cast<float>(i % 3));
        trace.attended.push_back(0.05F * static_cast<float>(i % 4));
    }
    for (int64_t i = 0; i < steps * columns; ++i) {
        trace.scores.push_back(0.1F * static_cast<float>(i));
        trace.shiftedExp.push_back(0.2F * static_cast<float>(i + 1));
        trace.weights.push_back(1.0F / static_cast<float>(steps) + 0.001F * static_cast<float>(i));
    }
    trace.expSums.assign(static_cast<size_t>(distributions), 2.5F);
    trace.scoreVector.assign(static_cast<size_t>(width), 0.5F);
    trace.positionBias.assign(static_cast<size_t>(steps), 0.25F);
    trace.context.assign(static_cast<size_t>(width), 0.3F);
    trace.headWeights.assign(static_cast<size_t>(width), 0.1F);
    trace.headBias = {0.2F};
    trace.logits = {0.7F};
    trace.labels = {QStringLiteral("negative"), QStringLiteral("positive")};
    return trace;
}

} // namespace

class InsideAttentionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(studio::testing::startWindowTest(QStringLiteral(STUDIO_DEMO_MODEL)), STUDIO_DEMO_MODEL);
    }

    void theDemoModelsOwnNumbersStepByStep()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(window.models(), &OpenModels::modelOpened);
        window.openModel(QStringLiteral(STUDIO_DEMO_MODEL));
        QVERIFY(opened.wait(kTimeoutMs));
        QSignalSpy first(window.models(), &OpenModels::resultReady);
        window.input()->setText(QStringLiteral("a wonderful film with a terrible ending"));
        QVERIFY(first.wait(kTimeoutMs));
        // Behind the timeline, the view is not on screen: the answers carry no numbers for it.
        InsideAttentionPanel* panel = window.insideAttention();
        QVERIFY(!window.models()->tracing());
        QVERIFY(window.models()->result(0).trace.isEmpty());
        QVERIFY(panel->trace().isEmpty());
        // Raised, it asks the models again for the same input, and the numbers come.
        window.findChild<QDockWidget*>(QStringLiteral("insideDock"))->raise();
        QTRY_VERIFY_WITH_TIMEOUT(window.models()->tracing(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(panel->trace().steps, int64_t{7}, kTimeoutMs);
        const InferenceResult& result = window.models()->result(0);
        const AttentionTrace& trace = panel->trace();
        QCOMPARE(trace.stepNames, result.attention.tokens);
        QCOMPARE(trace.weights, result.attention.values);  // the heatmap's weights, the panel's weights
        QVERIFY(trace.bidirectional);
        QVERIFY(!panel->messageLabel()->isVisibleTo(panel));
        QVERIFY2(panel->formulaLabel()->text().contains(QStringLiteral("tanh(W h<sub>t</sub> + b)")), qPrintable(panel->formulaLabel()->text()));

        // Step 1: hₜ is the trace's first row; the softmax table holds every step and Σ α = 1.
        QCOMPARE(panel->step(), 0);
        const auto width = static_cast<size_t>(trace.width);
        QCOMPARE(panel->hiddenStrip()->values().size(), width);
        for (size_t j = 0; j < width; ++j)
            QCOMPARE(panel->hiddenStrip()->values()[j], static_cast<double>(trace.hidden[j]));
        QVERIFY(panel->hiddenStrip()->toolTipFor(0).contains(QLatin1String("forward")));
        QVERIFY(panel->hiddenStrip()->toolTipFor(static_cast<int>(width) - 1).contains(QLatin1String("backward")));
        QAbstractItemModel* softmax = panel->softmaxTable()->model();
        QCOMPARE(softmax->rowCount(), 8);
        for (int t = 0; t < 7; ++t) {
            QCOMPARE(softmax->index(t, 1).data().toString(), trace.stepNames.at(t));
            QCOMPARE(softmax->index(t, 4).data().toString(), shown(trace.weights[static_cast<size_t>(t)]));
        }
        QCOMPARE(softmax->index(7, 4).data().toString(), QStringLiteral("1.000"));
        QVERIFY2(panel->scoreLabel()->text().contains(QStringLiteral("<b>%1</b>").arg(shown(trace.scores[0]))),
                 qPrintable(panel->scoreLabel()->text()));
        QVERIFY2(panel->headLabel()->text().contains(result.label), qPrintable(panel->headLabel()->text()));
        QCOMPARE(panel->headTable()->item(0, 1)->text(), shown(trace.logits.front()));

        // Stepping runs no model: the numbers of every step came with the answer.
        QSignalSpy answers(window.models(), &OpenModels::resultReady);
        QSignalSpy stepped(panel, &InsideAttentionPanel::stepSelected);
        panel->setFocus();
        QTest::keyClick(panel, Qt::Key_Right);
        QTest::keyClick(panel, Qt::Key_Right);
        QCOMPARE(panel->step(), 2);
        QCOMPARE(stepped.count(), 2);
        QCOMPARE(panel->stepBox()->value(), 3);
        for (size_t j = 0; j < width; ++j)
            QCOMPARE(panel->hiddenStrip()->values()[j], static_cast<double>(trace.hidden[2 * width + j]));
        QCOMPARE(softmax->index(2, 0).data(Qt::BackgroundRole).value<QColor>(), QColor(255, 230, 128));
        QVERIFY(!softmax->index(0, 0).data(Qt::BackgroundRole).isValid());
        const double alpha = trace.weights[2];
        for (size_t j = 0; j < width; ++j)
            QVERIFY(std::abs(panel->weightedStrip()->values()[j] - alpha * trace.hidden[2 * width + j]) < 1e-6);
        TokenAttentionView* text = window.comparison()->modelView(0)->tokenPanel()->view();
        QCOMPARE(text->selectedStep(), 2);  // marked in the model's text
        QTest::keyClick(panel, Qt::Key_End);
        QCOMPARE(panel->step(), 6);
        QTest::keyClick(panel, Qt::Key_Right);  // past the end: stays
        QCOMPARE(panel->step(), 6);
        QTest::qWait(50);
        QCOMPARE(answers.count(), 0);

        // The gates over time, the same step outlined; the backward direction on request; a click
        // on a column chooses its step.
        GateMapView* gates = panel->gateMap();
        QVERIFY(gates->isVisibleTo(panel));
        QCOMPARE(gates->bandCount(), 6);  // i, f, g, o, c, h
        QCOMPARE(gates->selectedStep(), 6);
        const int64_t units = trace.gateUnits;
        QCOMPARE(gates->valueAt(1, 3, 2), static_cast<double>(trace.gates[static_cast<size_t>((2 * 4 + 1) * units + 3)]));  // f, unit 3, step 2
        QCOMPARE(gates->valueAt(5, 0, 2), static_cast<double>(trace.hidden[2 * width]));  // h: the forward half of hₜ
        QVERIFY(gates->toolTipFor({1, 3, 2}).contains(QLatin1String("forget")));
        QVERIFY(panel->directionChoice()->isVisibleTo(panel));
        panel->directionChoice()->setCurrentIndex(1);
        Q_EMIT panel->directionChoice()->activated(1);
        QCOMPARE(gates->direction(), 1);
        QCOMPARE(gates->valueAt(5, 0, 2), static_cast<double>(trace.hidden[2 * width + static_cast<size_t>(units)]));  // backward half
        gates->resize(600, 400);
        QTest::mouseClick(gates, Qt::LeftButton, Qt::NoModifier, gates->cellRect(0, 0, 3).center());
        QCOMPARE(panel->step(), 3);
        QCOMPARE(text->selectedStep(), 3);

        // A click on a token in the text chooses its step.
        text->show();
        QTRY_VERIFY(!text->tokenRect(4).isEmpty());
        QTest::mouseClick(text, Qt::LeftButton, Qt::NoModifier, text->tokenRect(4).center());
        QCOMPARE(panel->step(), 4);
        QCOMPARE(text->selectedStep(), 4);
        // So does a column of the one-row heatmap, which outlines it.
        HeatmapPlot* row = window.comparison()->modelView(0)->rowView()->plot();
        row->show();
        row->resize(700, 160);
        row->replot();
        const QPoint fifth(static_cast<int>(row->xAxis->coordToPixel(5)), static_cast<int>(row->yAxis->coordToPixel(0)));
        QCOMPARE(row->columnAt(fifth), 5);
        QTest::mouseClick(row, Qt::LeftButton, Qt::NoModifier, fifth);
        QCOMPARE(panel->step(), 5);
        QCOMPARE(text->selectedStep(), 5);
        QCOMPARE(row->markedColumn(), 5);
        // So does a row of the softmax table.
        Q_EMIT panel->softmaxTable()->clicked(softmax->index(1, 2));
        QCOMPARE(panel->step(), 1);

        // The stage under the pointer lights its equation.
        QEvent enter(QEvent::Enter);
        QCoreApplication::sendEvent(panel->stageWidget(TraceStage::Softmax), &enter);
        QVERIFY(panel->highlightedStage() == TraceStage::Softmax);
        QVERIFY2(panel->formulaLabel()->text().contains(QStringLiteral("#ffe680'>α<sub>t</sub> = exp")),
                 qPrintable(panel->formulaLabel()->text()));
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(panel->stageWidget(TraceStage::Softmax), &leave);
        QVERIFY(!panel->formulaLabel()->text().contains(QStringLiteral("#ffe680")));

        // A new input brings new numbers; the step stays where the learner left it.
        window.input()->setText(QStringLiteral("what a boring and awful film"));
        QTRY_COMPARE_WITH_TIMEOUT(panel->trace().steps, int64_t{6}, kTimeoutMs);
        QCOMPARE(panel->step(), 1);
        QCOMPARE(panel->softmaxTable()->model()->rowCount(), 7);
    }

    // Each variant shows its own terms: the softmax table follows the chosen query (self) or
    // unit (per-feature); the positional bias says what the bias alone would give.
    void everyVariantShowsItsTerms_data()
    {
        QTest::addColumn<int>("kind");
        for (AttentionKind kind : {AttentionKind::Additive, AttentionKind::TanhDense, AttentionKind::PositionalBias,
                                   AttentionKind::Dot, AttentionKind::PerFeature, AttentionKind::Self, AttentionKind::QueryDot})
            QTest::newRow(QByteArray::number(static_cast<int>(kind))) << static_cast<int>(kind);
    }

    void everyVariantShowsItsTerms()
    {
        QFETCH(int, kind);
        const auto attention = static_cast<AttentionKind>(kind);
        InsideAttentionPanel panel;
        panel.resize(700, 900);
        panel.setModelName(0, QStringLiteral("made-up"));
        const AttentionTrace trace = madeUpTrace(attention, 5, 4);
        panel.setTrace(0, trace);
        panel.setStep(3);
        QCOMPARE(panel.softmaxTable()->model()->rowCount(), 6);
        size_t first = 0;
        size_t stride = 1;
        if (mapsStepToStep(attention)) {
            first = 3 * 5;  // the row of query 3
        } else if (attention == AttentionKind::PerFeature) {
            panel.unitBox()->setValue(2);
            first = 1;
            stride = 4;
        }
        for (int s = 0; s < 5; ++s)
            QCOMPARE(panel.softmaxTable()->model()->index(s, 4).data().toString(), shown(trace.weights[first + static_cast<size_t>(s) * stride]));
        QVERIFY(panel.unitBox()->isVisibleTo(&panel) == (attention == AttentionKind::PerFeature));
        const QString score = panel.scoreLabel()->text();
        if (attention == AttentionKind::PositionalBias) {
            QVERIFY2(score.contains(QLatin1String("bias alone")), qPrintable(score));
            // The bias alone, drawn: the softmax of the biases over the steps (all equal here: uniform).
            VectorStrip* alone = panel.termStrip(2);  // w, b, then softmax(b)
            QCOMPARE(alone->values().size(), size_t{5});
            for (double weight : alone->values())
                QVERIFY(std::abs(weight - 0.2) < 1e-9);
        }
        if (mapsStepToStep(attention))
            QVERIFY2(score.contains(shown(trace.scores[3 * 5 + 3])), qPrintable(score));
        QCOMPARE(panel.contextStrip()->values().size(), size_t{4});
    }

    // A model whose inner numbers the app does not see says so instead of showing numbers.
    void aModelWithoutNumbersSaysWhy()
    {
        InsideAttentionPanel panel;
        panel.setModelName(0, QStringLiteral("tutorial.h5"));
        panel.setTrace(0, AttentionTrace{});
        QVERIFY(panel.messageLabel()->isVisibleTo(&panel));
        QVERIFY(panel.messageLabel()->text().contains(QLatin1String("tutorial.h5")));
        panel.setModelName(1, QStringLiteral("native.asmodel"));
        panel.setTrace(1, madeUpTrace(AttentionKind::Dot, 3, 2));
        panel.showModel(1);
        QVERIFY(!panel.messageLabel()->isVisibleTo(&panel));
        panel.removeModel(0);
        QCOMPARE(panel.shownModel(), 0);
        QCOMPARE(panel.trace().steps, int64_t{3});
    }
};

QTEST_MAIN(InsideAttentionTest)
#include "tst_inside_attention.moc"
