#include "teaching/InsideAttentionPanel.h"

#include "teaching/GateMapView.h"
#include "teaching/HeadTerms.h"
#include "teaching/ScoreTerms.h"
#include "teaching/SoftmaxTableModel.h"
#include "teaching/TraceNumbers.h"
#include "teaching/VectorStrip.h"

#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

template <typename Table>
Table* makeTable(QWidget* parent)
{
    auto* table = new Table(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setMinimumHeight(160);
    return table;
}

QTableWidgetItem* cell(const QString& text, const QString& tip = {})
{
    auto* item = new QTableWidgetItem(text);
    item->setToolTip(tip);
    return item;
}

} // namespace

InsideAttentionPanel::InsideAttentionPanel(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    m_modelChoice = new QComboBox(this);
    m_modelChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_stepBox = new QSpinBox(this);
    m_stepBox->setMinimum(1);
    m_stepBox->setToolTip(tr("The step shown (←/→ step through; clicking a token in any view chooses it)"));
    m_previous = new QToolButton(this);
    m_previous->setArrowType(Qt::LeftArrow);
    m_previous->setToolTip(tr("Previous step"));
    m_next = new QToolButton(this);
    m_next->setArrowType(Qt::RightArrow);
    m_next->setToolTip(tr("Next step"));
    m_stepName = new QLabel(this);
    m_stepName->setProperty("verbatim", true);  // the step's token: the person's own text
    auto* header = new QHBoxLayout;
    auto* modelLabel = new QLabel(tr("Model:"), this);
    modelLabel->setBuddy(m_modelChoice);
    auto* stepLabel = new QLabel(tr("Step:"), this);
    stepLabel->setBuddy(m_stepBox);
    header->addWidget(modelLabel);
    header->addWidget(m_modelChoice);
    header->addSpacing(12);
    header->addWidget(stepLabel);
    header->addWidget(m_previous);
    header->addWidget(m_stepBox);
    header->addWidget(m_next);
    header->addWidget(m_stepName, 1);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_stages = new QWidget(this);
    auto* stages = new QVBoxLayout(m_stages);
    stages->setContentsMargins(0, 0, 0, 0);
    m_formula = new QLabel(m_stages);
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setStyleSheet(QStringLiteral("font-size: 15px; padding: 4px;"));
    m_formula->setProperty("verbatim", true);  // mathematics: the same in every language
    stages->addWidget(m_formula);

    QWidget* gates = addStage(TraceStage::Gates, tr("0. Inside the recurrent layer: its gates over time"), m_stages);
    m_gatesText = new QLabel(gates);
    m_gatesText->setWordWrap(true);
    m_direction = new QComboBox(gates);
    m_direction->addItem(tr("Forward direction (reads from the first step)"));
    m_direction->addItem(tr("Backward direction (reads from the last step)"));
    m_gates = new GateMapView(gates);
    gates->layout()->addWidget(m_gatesText);
    gates->layout()->addWidget(m_direction);
    gates->layout()->addWidget(m_gates);

    QWidget* hidden = addStage(TraceStage::Hidden, tr("1. The hidden state hₜ"), m_stages);
    m_hidden = new VectorStrip(hidden);
    m_hiddenText = new QLabel(hidden);
    m_hiddenText->setWordWrap(true);
    hidden->layout()->addWidget(m_hiddenText);
    hidden->layout()->addWidget(m_hidden);

    QWidget* score = addStage(TraceStage::Score, tr("2. The score eₜ"), m_stages);
    auto* terms = new QGridLayout;
    for (size_t row = 0; row < m_terms.size(); ++row) {
        m_terms[row].label = new QLabel(score);
        m_terms[row].label->setTextFormat(Qt::RichText);
        m_terms[row].label->setProperty("verbatim", true);
        m_terms[row].strip = new VectorStrip(score);
        terms->addWidget(m_terms[row].label, static_cast<int>(row), 0);
        terms->addWidget(m_terms[row].strip, static_cast<int>(row), 1);
    }
    terms->setColumnStretch(1, 1);
    static_cast<QVBoxLayout*>(score->layout())->addLayout(terms);
    m_scoreText = new QLabel(score);
    m_scoreText->setTextFormat(Qt::RichText);
    m_scoreText->setWordWrap(true);
    m_scoreText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    score->layout()->addWidget(m_scoreText);

    QWidget* softmax = addStage(TraceStage::Softmax, tr("3. The softmax: from scores to weights"), m_stages);
    m_softmaxText = new QLabel(softmax);
    m_softmaxText->setTextFormat(Qt::RichText);
    m_softmaxText->setWordWrap(true);
    m_unit = new QSpinBox(softmax);
    m_unit->setPrefix(tr("unit d = "));
    m_unit->setToolTip(tr("Per-feature attention has one softmax per unit of hₜ: the unit whose softmax the table shows"));
    m_softmax = makeTable<QTableView>(softmax);
    m_softmaxRows = new SoftmaxTableModel(this);
    m_softmax->setModel(m_softmaxRows);
    // Widths from the widest numbers, not from measuring every row (a long input has hundreds).
    const int number = fontMetrics().horizontalAdvance(QStringLiteral("-0.000e-05")) + 16;
    m_softmax->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_softmax->setColumnWidth(SoftmaxTableModel::StepColumn, fontMetrics().horizontalAdvance(QStringLiteral("99999")) + 16);
    m_softmax->setColumnWidth(SoftmaxTableModel::TokenColumn, fontMetrics().horizontalAdvance(QStringLiteral("wonderfully")) + 16);
    for (int column : {SoftmaxTableModel::ScoreColumn, SoftmaxTableModel::ExpColumn}) {
        const QString header = m_softmaxRows->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        m_softmax->setColumnWidth(column, std::max(number, m_softmax->horizontalHeader()->fontMetrics().horizontalAdvance(header) + 24));
    }
    softmax->layout()->addWidget(m_softmaxText);
    softmax->layout()->addWidget(m_unit);
    softmax->layout()->addWidget(m_softmax);

    QWidget* weighted = addStage(TraceStage::Weighted, tr("4. What the step adds: αₜ · hₜ"), m_stages);
    m_weighted = new VectorStrip(weighted);
    m_weightedText = new QLabel(weighted);
    m_weightedText->setTextFormat(Qt::RichText);
    m_weightedText->setWordWrap(true);
    weighted->layout()->addWidget(m_weightedText);
    weighted->layout()->addWidget(m_weighted);

    QWidget* context = addStage(TraceStage::Context, tr("5. The context vector c"), m_stages);
    m_contextText = new QLabel(context);
    m_contextText->setTextFormat(Qt::RichText);
    m_contextText->setWordWrap(true);
    m_beforeTanh = new VectorStrip(context);
    m_context = new VectorStrip(context);
    context->layout()->addWidget(m_contextText);
    context->layout()->addWidget(m_beforeTanh);
    context->layout()->addWidget(m_context);

    QWidget* head = addStage(TraceStage::Head, tr("6. The head and the prediction"), m_stages);
    m_head = makeTable<QTableWidget>(head);
    m_head->setMinimumHeight(80);
    m_prediction = new QLabel(head);
    m_prediction->setTextFormat(Qt::RichText);
    m_prediction->setWordWrap(true);
    head->layout()->addWidget(m_head);
    head->layout()->addWidget(m_prediction);
    stages->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(m_message);
    contentLayout->addWidget(m_stages, 1);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(header);
    layout->addWidget(scroll, 1);

    connect(m_modelChoice, &QComboBox::activated, this, [this](int index) { showModel(index); });
    connect(m_stepBox, &QSpinBox::valueChanged, this, [this](int value) { setStep(value - 1); });
    connect(m_previous, &QToolButton::clicked, this, [this] { setStep(m_step - 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { setStep(m_step + 1); });
    connect(m_unit, &QSpinBox::valueChanged, this, [this] { showSoftmax(); });
    connect(m_direction, &QComboBox::activated, m_gates, &GateMapView::setDirection);
    connect(m_gates, &GateMapView::stepClicked, this, &InsideAttentionPanel::setStep);
    connect(m_softmax, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (index.row() < trace().steps)
            setStep(index.row());
    });
    refresh();
}

QWidget* InsideAttentionPanel::addStage(TraceStage stage, const QString& title, QWidget* parent)
{
    auto* frame = new QFrame(parent);
    frame->setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(frame);
    auto* heading = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), frame);
    heading->setTextFormat(Qt::RichText);
    layout->addWidget(heading);
    frame->installEventFilter(this);
    frame->setAttribute(Qt::WA_Hover);
    m_stageWidgets.emplace_back(stage, frame);
    parent->layout()->addWidget(frame);
    return frame;
}

QWidget* InsideAttentionPanel::stageWidget(TraceStage stage) const
{
    for (const auto& [candidate, widget] : m_stageWidgets)
        if (candidate == stage)
            return widget;
    return nullptr;
}

void InsideAttentionPanel::setModelName(int index, const QString& name)
{
    if (index < 0)
        return;
    if (index >= static_cast<int>(m_models.size()))
        m_models.resize(static_cast<size_t>(index) + 1);
    m_models[static_cast<size_t>(index)].name = name;
    const QSignalBlocker block(m_modelChoice);
    while (m_modelChoice->count() < static_cast<int>(m_models.size()))
        m_modelChoice->addItem(QString());
    m_modelChoice->setItemText(index, name);
    if (m_shown < 0)
        showModel(index);
}

void InsideAttentionPanel::removeModel(int index)
{
    if (index < 0 || index >= static_cast<int>(m_models.size()))
        return;
    m_models.erase(m_models.begin() + index);
    {
        const QSignalBlocker block(m_modelChoice);
        m_modelChoice->removeItem(index);
    }
    if (m_shown >= static_cast<int>(m_models.size()) || m_shown == index)
        m_shown = m_models.empty() ? -1 : 0;
    else if (m_shown > index)
        --m_shown;
    refresh();
}

void InsideAttentionPanel::setTrace(int index, const AttentionTrace& trace)
{
    if (index < 0 || index >= static_cast<int>(m_models.size()))
        return;
    m_models[static_cast<size_t>(index)].trace = trace;
    if (index == m_shown)
        refresh();
}

int InsideAttentionPanel::shownModel() const
{
    return m_shown;
}

void InsideAttentionPanel::showModel(int index)
{
    if (index < 0 || index >= static_cast<int>(m_models.size()))
        return;
    m_shown = index;
    refresh();
}

const AttentionTrace& InsideAttentionPanel::trace() const
{
    static const AttentionTrace kNone;
    return m_shown >= 0 && m_shown < static_cast<int>(m_models.size()) ? m_models[static_cast<size_t>(m_shown)].trace : kNone;
}

void InsideAttentionPanel::setStep(int step)
{
    // Without numbers yet (a session putting its step back before the answer), the step is kept
    // as asked and clamped when the numbers come.
    const int steps = static_cast<int>(trace().steps);
    const int clamped = steps > 0 ? std::clamp(step, 0, steps - 1) : std::max(0, step);
    if (clamped == m_step && (steps == 0 || m_stepBox->value() == clamped + 1))
        return;
    m_step = clamped;
    showStep();
    Q_EMIT stepSelected(m_step);
}

bool InsideAttentionPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Enter || event->type() == QEvent::Leave) {
        for (const auto& [stage, widget] : m_stageWidgets)
            if (widget == watched)
                setHighlight(event->type() == QEvent::Enter ? stage : TraceStage::None);
    }
    return QWidget::eventFilter(watched, event);
}

void InsideAttentionPanel::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        setStep(m_step - 1);
        return;
    case Qt::Key_Right:
        setStep(m_step + 1);
        return;
    case Qt::Key_Home:
        setStep(0);
        return;
    case Qt::Key_End:
        setStep(static_cast<int>(trace().steps) - 1);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void InsideAttentionPanel::setHighlight(TraceStage stage)
{
    if (stage == m_highlighted)
        return;
    m_highlighted = stage;
    if (!trace().isEmpty())
        m_formula->setText(traceFormulaHtml(trace(), m_highlighted));
}

void InsideAttentionPanel::refresh()
{
    {
        const QSignalBlocker block(m_modelChoice);
        m_modelChoice->setCurrentIndex(m_shown);
    }
    const AttentionTrace& shownTrace = trace();
    if (m_shown < 0) {
        m_message->setText(tr("Open a model and type an input: this view shows how its attention is computed, step by "
                              "step, with the model's own numbers."));
    } else if (shownTrace.isEmpty()) {
        m_message->setText(tr("No numbers for %1 yet. The step-through view shows models the app runs itself (trained "
                              "in Attention Studio); a TorchScript or Keras model runs as its own graph, whose inner "
                              "quantities the app does not see. Type an input to see a native model's numbers.")
                               .arg(m_models[static_cast<size_t>(m_shown)].name));
    }
    m_message->setVisible(m_shown < 0 || shownTrace.isEmpty());
    m_stages->setVisible(!shownTrace.isEmpty());
    m_stepBox->setEnabled(!shownTrace.isEmpty());
    m_previous->setEnabled(!shownTrace.isEmpty());
    m_next->setEnabled(!shownTrace.isEmpty());
    if (shownTrace.isEmpty()) {
        m_stepName->clear();
        return;
    }
    {
        const QSignalBlocker block(m_stepBox);
        m_stepBox->setMaximum(static_cast<int>(shownTrace.steps));
    }
    m_formula->setText(traceFormulaHtml(shownTrace, m_highlighted));
    const bool hasAttention = shownTrace.attention != AttentionKind::None;
    for (TraceStage stage : {TraceStage::Score, TraceStage::Softmax, TraceStage::Weighted, TraceStage::Context})
        stageWidget(stage)->setVisible(hasAttention);
    m_unit->setVisible(shownTrace.attention == AttentionKind::PerFeature);
    m_gates->setTrace(shownTrace);
    m_direction->setVisible(shownTrace.bidirectional);
    stageWidget(TraceStage::Gates)->setVisible(shownTrace.gateUnits > 0);
    m_gatesText->setText(GateMapView::legend(shownTrace.cell));
    {
        const QSignalBlocker block(m_unit);
        m_unit->setRange(1, std::max<int>(1, static_cast<int>(shownTrace.width)));
    }
    m_step = std::clamp(m_step, 0, static_cast<int>(shownTrace.steps) - 1);
    showStep();
}

void InsideAttentionPanel::showStep()
{
    const AttentionTrace& t = trace();
    if (t.isEmpty())
        return;
    {
        const QSignalBlocker block(m_stepBox);
        m_stepBox->setValue(m_step + 1);
    }
    m_gates->setSelectedStep(m_step);
    const QString name = t.stepNames.value(m_step);
    m_stepName->setText(t.real.empty() || t.real[static_cast<size_t>(m_step)]
                            ? tr("«%1»").arg(name)
                            : tr("«%1» (padding: the softmax gives it no weight)").arg(name));

    const int64_t half = t.bidirectional ? t.width / 2 : 0;
    const QString cell = t.cell == RecurrentCell::Lstm ? QStringLiteral("LSTM") : QStringLiteral("GRU");
    m_hidden->setValues(traceRow(t.hidden, m_step, t.width));
    m_hidden->setDivider(static_cast<int>(half));
    const int step = m_step;
    m_hidden->setExplanation([half, step, cell](int j) {
        if (half > 0)
            return j < half ? tr("hₜ[%1]: unit %2 of the forward %3's output at step %4 (it has read steps 1 … %4)")
                                  .arg(j + 1).arg(j + 1).arg(cell).arg(step + 1)
                            : tr("hₜ[%1]: unit %2 of the backward %3's output at step %4 (it has read the steps from the "
                                 "end back to %4)")
                                  .arg(j + 1).arg(j - half + 1).arg(cell).arg(step + 1);
        return tr("hₜ[%1]: unit %1 of the %2's output at step %3 (it has read steps 1 … %3)").arg(j + 1).arg(cell).arg(step + 1);
    });
    m_hiddenText->setText(half > 0 ? tr("%1 numbers: the forward %3's %2, then the backward %3's %2 (after the gap). Blue is "
                                        "negative, red positive.")
                                         .arg(t.width).arg(half).arg(cell)
                                   : tr("%1 numbers, the %2's output at this step. Blue is negative, red positive.")
                                         .arg(t.width).arg(cell));
    if (t.attention != AttentionKind::None) {
        showScore();
        showSoftmax();
        showContext();
    }
    showHead();
}

void InsideAttentionPanel::showTerm(int row, const QString& label, std::vector<double> values, std::function<QString(int)> explain)
{
    TermRow& term = m_terms[static_cast<size_t>(row)];
    term.label->setText(label);
    term.strip->setValues(std::move(values));
    term.strip->setExplanation(std::move(explain));
    term.label->setVisible(!label.isEmpty());
    term.strip->setVisible(!label.isEmpty());
}

void InsideAttentionPanel::showScore()
{
    ScoreExplanation score = explainScore(trace(), m_step, m_unit->value());
    for (int row = 0; row < static_cast<int>(m_terms.size()); ++row) {
        if (row < static_cast<int>(score.terms.size())) {
            ScoreTerm& term = score.terms[static_cast<size_t>(row)];
            showTerm(row, term.label, std::move(term.values), std::move(term.explain));
        } else {
            showTerm(row, QString(), {}, {});
        }
    }
    m_scoreText->setText(score.html);
}

void InsideAttentionPanel::showSoftmax()
{
    const AttentionTrace& t = trace();
    if (t.isEmpty() || t.attention == AttentionKind::None)
        return;
    // Which distribution: the one row, the selected query's row (self), or a unit's column.
    int64_t offset = 0;
    int64_t stride = 1;
    size_t sumIndex = 0;
    if (mapsStepToStep(t.attention)) {
        offset = static_cast<int64_t>(m_step) * t.steps;
        sumIndex = static_cast<size_t>(m_step);
    } else if (t.attention == AttentionKind::PerFeature) {
        offset = m_unit->value() - 1;
        stride = t.width;
        sumIndex = static_cast<size_t>(offset);
    }
    double largest = -INFINITY;
    for (int64_t r = 0; r < t.steps; ++r)
        if (t.real.empty() || t.real[static_cast<size_t>(r)])
            largest = std::max(largest, static_cast<double>(t.scores[static_cast<size_t>(offset + r * stride)]));
    const double sum = t.expSums.at(sumIndex);

    SoftmaxTableModel::Distribution rows;
    rows.stepNames = t.stepNames;
    rows.largest = largest;
    rows.sum = sum;
    for (int64_t r = 0; r < t.steps; ++r) {
        const auto index = static_cast<size_t>(offset + r * stride);
        rows.scores.push_back(t.scores[index]);
        rows.exps.push_back(t.shiftedExp[index]);
        rows.weights.push_back(t.weights[index]);
        rows.padding.push_back(!t.real.empty() && !t.real[static_cast<size_t>(r)]);
    }
    m_softmaxRows->setDistribution(std::move(rows));
    m_softmaxRows->setSelectedStep(m_step);
    QString over = tr("over the %1 steps").arg(t.steps);
    if (mapsStepToStep(t.attention))
        over = tr("over the %1 steps s that step %2 attends to").arg(t.steps).arg(m_step + 1);
    else if (t.attention == AttentionKind::PerFeature)
        over = tr("over the %1 steps, for unit %2").arg(t.steps).arg(m_unit->value());
    m_softmaxText->setText(tr("The softmax %1: exp of each score, divided by their sum Σ = %2. The largest score (%3) is "
                              "subtracted first: it cancels in the division, and keeps exp from overflowing.")
                               .arg(over, shownNumber(sum), shownNumber(largest)));
}

void InsideAttentionPanel::showContext()
{
    const AttentionTrace& t = trace();
    const int64_t s = m_step;
    const std::vector<double> h = traceRow(t.hidden, s, t.width);
    std::vector<double> added;
    const int step = m_step;
    if (t.attention == AttentionKind::Self) {
        added = traceRow(t.attended, s, t.termWidth);
        m_weighted->setExplanation([step](int j) { return tr("Σₛ α(%1, s) · vₛ[%2]: what step %1 gathers from every step").arg(step + 1).arg(j + 1); });
        m_weightedText->setText(tr("What step %1 gathers: Σ<sub>s</sub> α<sub>t,s</sub> v<sub>s</sub>, its weights times "
                                   "every step's value.").arg(step + 1));
    } else if (t.attention == AttentionKind::QueryDot) {
        added = traceRow(t.attended, s, t.termWidth);
        m_weighted->setExplanation([step](int j) { return tr("Σₛ α(%1, s) · hₛ[%2]: what step %1 gathers from every step").arg(step + 1).arg(j + 1); });
        m_weightedText->setText(tr("What step %1 gathers: Σ<sub>s</sub> α<sub>t,s</sub> h<sub>s</sub>, its weights times "
                                   "every step's state.").arg(step + 1));
    } else if (t.attention == AttentionKind::PerFeature) {
        for (int64_t d = 0; d < t.width; ++d)
            added.push_back(t.weights[static_cast<size_t>(s * t.width + d)] * h[static_cast<size_t>(d)]);
        m_weighted->setExplanation([](int j) { return tr("α(t, %1) × hₜ[%1]: each unit weighed by its own weight").arg(j + 1); });
        m_weightedText->setText(tr("Each unit of h<sub>t</sub> times its own weight α<sub>t,d</sub>."));
    } else {
        const double alpha = t.weights[static_cast<size_t>(s)];
        for (double value : h)
            added.push_back(alpha * value);
        m_weighted->setExplanation([alpha](int j) { return tr("αₜ × hₜ[%1] = %2 × hₜ[%1]").arg(j + 1).arg(shownNumber(alpha)); });
        m_weightedText->setText(tr("h<sub>t</sub> scaled by its weight α<sub>t</sub> = <b>%1</b>: what step %2 adds to the "
                                   "context.").arg(shownNumber(alpha)).arg(step + 1));
    }
    m_weighted->setValues(added);

    const std::vector<double> c(t.context.begin(), t.context.end());
    m_context->setValues(c);
    m_beforeTanh->setVisible(t.attention == AttentionKind::TanhDense);
    if (t.attention == AttentionKind::TanhDense) {
        m_beforeTanh->setValues(std::vector<double>(t.attended.begin(), t.attended.end()));
        m_beforeTanh->setExplanation([](int j) { return tr("r[%1] = Σₜ αₜ hₜ[%1], before the tanh").arg(j + 1); });
        m_context->setExplanation([](int j) { return tr("c[%1] = tanh(r[%1])").arg(j + 1); });
        m_contextText->setText(tr("r = Σ<sub>t</sub> α<sub>t</sub> h<sub>t</sub> (upper strip), then c = tanh(r) (lower strip): "
                                  "the tanh of Zhou et al."));
    } else if (t.attention == AttentionKind::Self) {
        m_context->setExplanation([](int j) { return tr("c[%1]: the mean over all steps of what each gathers").arg(j + 1); });
        m_contextText->setText(tr("The mean, over the %1 steps, of what each step gathers.").arg(t.steps));
    } else if (t.attention == AttentionKind::QueryDot) {
        const int width = static_cast<int>(t.width);
        m_context->setExplanation([width](int j) {
            return j < width ? tr("c[%1]: the encoder's final state (forward: the last step; backward: step 1), unit %1").arg(j + 1)
                             : tr("c[%1]: the sum over all steps of what each gathers, unit %2").arg(j + 1).arg(j + 1 - width);
        });
        m_contextText->setText(tr("The encoder's last state, and beside it (Concatenate) the sum over the %1 steps of what "
                                  "each step gathers (K.sum): twice as wide as h<sub>t</sub>.").arg(t.steps));
    } else {
        m_context->setExplanation([](int j) { return tr("c[%1] = Σₜ of entry %1 of section 4 over every step").arg(j + 1); });
        m_contextText->setText(tr("The sum, over all %1 steps, of what each adds (section 4): one vector for the whole input.")
                                   .arg(t.steps));
    }
}

void InsideAttentionPanel::showHead()
{
    const HeadExplanation head = HeadTerms::explain(trace());
    m_head->clear();
    m_head->setColumnCount(static_cast<int>(head.headers.size()));
    m_head->setHorizontalHeaderLabels(head.headers);
    m_head->setRowCount(static_cast<int>(head.rows.size()));
    for (int row = 0; row < static_cast<int>(head.rows.size()); ++row) {
        const HeadRow& output = head.rows[static_cast<size_t>(row)];
        m_head->setItem(row, 0, cell(output.name));
        m_head->setItem(row, 1, cell(shownNumber(output.z), output.zWords));
        m_head->setItem(row, 2, cell(shownNumber(output.value), output.valueWords));
    }
    m_head->resizeColumnsToContents();
    m_prediction->setText(head.prediction);
}

} // namespace studio
