#include "window/ComparisonView.h"

#include "analysis/RankAgreement.h"
#include "common/AttentionSteps.h"
#include "views/AttentionMatrixView.h"
#include "views/AttentionRowView.h"
#include "window/ModelResultView.h"
#include "views/SeriesAttentionView.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <stdexcept>

namespace studio {
namespace {

constexpr int kMinimumModelHeight = 300;
constexpr int kAgreementTopK = 3;  // the steps the agreement line compares

enum Column { kModel, kPrediction, kProbability, kOutput, kAttention, kTime, kColumnCount };

QString shapeText(const AttentionMap& map)
{
    QStringList parts;
    for (int64_t size : map.shape)
        parts << QString::number(size);
    return parts.join(QChar(0x00D7));
}

} // namespace

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, kColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Model"), tr("Prediction"), tr("Probability"), tr("Raw output"),
                                        tr("Attention"), tr("Time")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMaximumHeight(120);
    m_table->hide();

    m_empty = new QLabel(tr("Open a model (File ▸ Open Model, or drop a .asmodel, TorchScript .pt or Keras .h5/.keras file here)."), this);
    m_empty->setAlignment(Qt::AlignCenter);

    m_split = new QSplitter(Qt::Vertical, this);
    m_split->setObjectName(QStringLiteral("modelPanels"));
    m_split->setChildrenCollapsible(false);

    m_differenceBox = new QWidget(this);
    m_first = new QComboBox(m_differenceBox);
    m_second = new QComboBox(m_differenceBox);
    for (QComboBox* choice : {m_first, m_second}) {
        choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        choice->setMinimumContentsLength(14);
    }
    m_differenceNote = new QLabel(m_differenceBox);
    m_differenceNote->setWordWrap(true);  // long model names must not widen the whole view
    auto* choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("Difference"), m_differenceBox));
    choose->addWidget(m_first);
    choose->addWidget(new QLabel(QStringLiteral("−"), m_differenceBox));
    choose->addWidget(m_second);
    choose->addStretch(1);
    m_differencePages = new QStackedWidget(m_differenceBox);
    m_differenceRow = new AttentionRowView(m_differencePages);
    m_differenceMatrix = new AttentionMatrixView(m_differencePages);
    m_differencePages->addWidget(m_differenceRow);
    m_differencePages->addWidget(m_differenceMatrix);
    auto* differenceLayout = new QVBoxLayout(m_differenceBox);
    differenceLayout->setContentsMargins(0, 0, 0, 0);
    differenceLayout->addLayout(choose);
    differenceLayout->addWidget(m_differenceNote);  // its own line: model names can be long
    m_agreementNote = new QLabel(m_differenceBox);
    m_agreementNote->setWordWrap(true);
    m_agreementNote->setToolTip(
        tr("Kendall's τ: +1 when both models rank the steps in the same order, 0 when unrelated, −1 when reversed. "
           "Top-%1 overlap: how many of each model's %1 most attended steps the other shares. Jensen–Shannon "
           "distance: 0 for the same weights, 1 for weights on different steps.")
            .arg(kAgreementTopK));
    differenceLayout->addWidget(m_agreementNote);
    differenceLayout->addWidget(m_differencePages, 1);
    m_differenceBox->hide();
    connect(m_first, &QComboBox::currentIndexChanged, this, &ComparisonView::updateDifference);
    connect(m_second, &QComboBox::currentIndexChanged, this, &ComparisonView::updateDifference);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_table);
    layout->addWidget(m_empty, 1);
    // Many models side by side scroll instead of growing the window past the screen.
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_split);
    layout->addWidget(m_scroll, 1);
    m_scroll->hide();
}

void ComparisonView::addModel(const ModelSummary& summary)
{
    auto* view = new ModelResultView(m_split);
    view->setSummary(summary);
    // Indices shift when a model above closes: look the panel up when it speaks.
    connect(view, &ModelResultView::candidateChosen, this,
            [this, view](int candidate) { Q_EMIT candidateChosen(static_cast<int>(m_views.indexOf(view)), candidate); });
    connect(view, &ModelResultView::layoutChosen, this,
            [this, view](SequenceLayout layout) { Q_EMIT layoutChosen(static_cast<int>(m_views.indexOf(view)), layout); });
    connect(view, &ModelResultView::formulaChosen, this,
            [this, view](const QString& formula) { Q_EMIT formulaChosen(static_cast<int>(m_views.indexOf(view)), formula); });
    connect(view, &ModelResultView::stepClicked, this, [this](int step) {
        setSelectedStep(step);
        Q_EMIT stepClicked(step);
    });
    m_split->addWidget(view);
    m_views.append(view);
    m_table->insertRow(m_table->rowCount());
    updateTableRow(modelCount() - 1);
    refreshChoices();
}

void ComparisonView::setSelectedStep(int step)
{
    for (ModelResultView* view : std::as_const(m_views))
        view->setSelectedStep(step);
}

void ComparisonView::removeModel(int index)
{
    if (index < 0 || index >= modelCount())
        return;
    delete m_views.takeAt(index);
    m_table->removeRow(index);
    refreshChoices();
}

void ComparisonView::setSummary(int index, const ModelSummary& summary)
{
    if (ModelResultView* view = m_views.value(index)) {
        view->setSummary(summary);
        updateTableRow(index);
    }
}

void ComparisonView::setResult(int index, const InferenceResult& result)
{
    if (ModelResultView* view = m_views.value(index)) {
        view->setResult(result);
        updateTableRow(index);
        updateDifference();
        fitHeights();  // warnings come and go with the input
    }
}

void ComparisonView::setError(int index, const QString& message)
{
    if (ModelResultView* view = m_views.value(index)) {
        view->setError(message);
        fitHeights();
    }
}

void ComparisonView::setSeriesInput(const SeriesData& series)
{
    for (ModelResultView* view : m_views)
        view->setSeriesInput(series);
}

QWidget* ComparisonView::currentFigure() const
{
    if (m_differenceBox->isVisible())
        return m_differencePages->currentWidget();
    return m_views.isEmpty() ? nullptr : m_views.first()->currentFigure();
}

void ComparisonView::updateTableRow(int index)
{
    const ModelResultView* view = m_views.value(index);
    if (!view)
        return;
    const InferenceResult& result = view->result();
    QStringList outputs;
    for (size_t i = 0; i < std::min<size_t>(result.prediction.size(), 4); ++i)
        outputs << QString::number(result.prediction[i], 'g', 4);
    const QStringList cells{
        view->summary().name,
        result.label,
        std::isnan(result.probability) ? QString() : QString::number(result.probability, 'f', 3),
        outputs.join(QStringLiteral(", ")),
        result.attention.isEmpty() ? result.source : QStringLiteral("%1 (%2)").arg(shapeText(result.attention), result.source),
        result.prediction.empty() ? QString() : QStringLiteral("%1 ms").arg(result.milliseconds, 0, 'f', 1),
    };
    for (int column = 0; column < kColumnCount; ++column)
        m_table->setItem(index, column, new QTableWidgetItem(cells.at(column)));
}

void ComparisonView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // Larger type (presentation mode) makes every model need more height: fit once the panels
    // inside have taken the new font too.
    if (event->type() == QEvent::FontChange)
        QTimer::singleShot(0, this, &ComparisonView::fitHeights);
}

void ComparisonView::fitHeights()
{
    // Each model keeps a readable height, its notes and warnings included (a tutorial's Keras
    // model has several lines of them); beyond what fits, the page scrolls.
    int minimum = modelCount() >= 2 ? kMinimumModelHeight : 0;  // the difference
    for (ModelResultView* view : std::as_const(m_views))
        minimum += std::max(kMinimumModelHeight, view->minimumSizeHint().height());
    m_split->setMinimumHeight(minimum);
}

void ComparisonView::refreshChoices()
{
    const bool any = !m_views.isEmpty();
    m_empty->setVisible(!any);
    m_scroll->setVisible(any);
    fitHeights();
    m_table->setVisible(modelCount() >= 2);
    const QSignalBlocker blockFirst(m_first);
    const QSignalBlocker blockSecond(m_second);
    m_first->clear();
    m_second->clear();
    for (const ModelResultView* view : m_views) {
        m_first->addItem(view->summary().name);
        m_second->addItem(view->summary().name);
    }
    m_first->setCurrentIndex(0);
    m_second->setCurrentIndex(std::min(1, modelCount() - 1));
    // The difference sits under the models in the same splitter, so it can be resized like them.
    if (modelCount() >= 2)
        m_split->addWidget(m_differenceBox);  // (re)placed last, under the newest model
    m_differenceBox->setVisible(modelCount() >= 2);
    updateDifference();
}

void ComparisonView::updateDifference()
{
    if (modelCount() < 2)
        return;
    const ModelResultView* a = m_views.value(m_first->currentIndex());
    const ModelResultView* b = m_views.value(m_second->currentIndex());
    if (!a || !b)
        return;
    const AttentionMap& mapA = a->result().attention;
    const AttentionMap& mapB = b->result().attention;
    if (mapA.isEmpty() || mapB.isEmpty()) {
        m_differenceNote->setText(tr("Both models need attention for the current input."));
        return;
    }
    QString problem;
    if (mapA.shape.size() == 1) {
        problem = m_differenceRow->setDifference(mapA, mapB, a->summary().name, b->summary().name);
        m_differencePages->setCurrentWidget(m_differenceRow);
    } else {
        problem = m_differenceMatrix->setDifference(mapA, mapB, a->summary().name, b->summary().name);
        m_differencePages->setCurrentWidget(m_differenceMatrix);
    }
    m_differenceNote->setText(problem.isEmpty() ? tr("red: more attention from %1, blue: from %2")
                                                      .arg(a->summary().name, b->summary().name)
                                                : problem);
    updateAgreement(mapA, mapB);
}

// One line under the difference: the two attentions' agreement over the steps (a map through its
// per-step summary), computed here on the GUI thread because it is a sort of T numbers.
void ComparisonView::updateAgreement(const AttentionMap& a, const AttentionMap& b)
{
    const std::vector<double> first = weightPerStep(a);
    const std::vector<double> second = weightPerStep(b);
    if (first.size() != second.size() || first.size() < 2) {
        m_agreementNote->clear();
        return;
    }
    const double tau = kendallTauB(first, second);
    const size_t k = std::min<size_t>(kAgreementTopK, first.size());
    const double overlap = topKOverlap(first, second, k);
    QString distance = QStringLiteral("–");
    try {
        distance = QString::number(jensenShannonDistance(first, second), 'f', 2);
    } catch (const std::invalid_argument&) {
        // Negative summaries (not weights): no distance between distributions.
    }
    m_agreementNote->setText(tr("Agreement: Kendall's τ %1 · top-%2 overlap %3 of %2 · Jensen–Shannon distance %4")
                                 .arg(std::isnan(tau) ? QStringLiteral("–") : QString::number(tau, 'f', 2))
                                 .arg(k)
                                 .arg(static_cast<int>(std::lround(overlap * static_cast<double>(k))))
                                 .arg(distance));
}

} // namespace studio
