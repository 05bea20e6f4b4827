#include "samples/SampleBrowser.h"

#include "views/AttentionRowView.h"
#include "colour/ColorControls.h"
#include "views/TokenAttentionPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace studio {

SampleBrowser::SampleBrowser(QWidget* parent)
    : QWidget(parent)
    , m_evaluation(new SampleEvaluation(this))
    , m_samples(new SampleTableModel(this))
    , m_filter(new SampleFilterModel(this))
{
    m_filter->setSourceModel(m_samples);

    m_showBox = new QComboBox(this);
    m_showBox->addItem(tr("All examples"), QVariant::fromValue(int(SampleFilterModel::Show::All)));
    m_showBox->addItem(tr("Wrong only"), QVariant::fromValue(int(SampleFilterModel::Show::WrongOnly)));
    m_showBox->addItem(tr("Correct only"), QVariant::fromValue(int(SampleFilterModel::Show::CorrectOnly)));
    m_showBox->setToolTip(tr("Which examples the table shows"));
    m_summary = new QLabel(tr("No evaluation yet."), this);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);  // a long summary must not widen the dock it sits in
    m_explain = new QPushButton(tr("Explain"), this);
    m_explain->setToolTip(tr("Is the attention an explanation? Compare it with gradient and occlusion on every example "
                             "in the table, on a worker thread"));
    m_withIntegratedGradients = new QCheckBox(tr("with integrated gradients"), this);
    m_withIntegratedGradients->setToolTip(tr("Also compare with integrated gradients (slower: %1 passes per example)").arg(ExplainOptions{}.integratedGradientsSteps));
    auto* top = new QHBoxLayout;
    top->addWidget(m_showBox);
    top->addWidget(m_summary, 1);
    top->addWidget(m_explain);
    top->addWidget(m_withIntegratedGradients);
    m_explanationSummary = new QLabel(this);
    m_explanationSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanationSummary->setWordWrap(true);
    m_explanationSummary->setToolTip(tr("Medians over the explained examples, lower and upper quartiles in brackets"));
    m_explanationSummary->hide();

    m_progress = new QProgressBar(this);
    m_progress->setFormat(tr("%v of %m examples"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop; the examples evaluated so far stay in the table"));
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    m_table = new QTableView(this);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SampleTableModel::IndexColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SampleTableModel::TextColumn, QHeaderView::Stretch);
    header->setHighlightSections(false);
    for (int column = SampleTableModel::kFirstExplanationColumn; column < SampleTableModel::ColumnCount; ++column)
        m_table->setColumnHidden(column, true);  // until the examples are explained

    // Under the table: which example is shown, its text coloured by attention, and the same
    // weights as a one-row heatmap.
    auto* detail = new QWidget(this);
    m_caption = new QLabel(tr("Click a row to see its attention."), detail);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tokens = new TokenAttentionPanel(detail);
    m_row = new AttentionRowView(detail);
    // One colour bar for both views: they show the same weights, so they share the colours.
    m_row->controls()->hide();
    connect(m_tokens->controls(), &ColorControls::colormapChanged, m_row, &HeatmapView::setColormap);
    connect(m_tokens->controls(), &ColorControls::colorRangeChanged, m_row, &HeatmapView::setColorRange);
    auto* views = new QSplitter(Qt::Vertical, detail);
    views->setChildrenCollapsible(false);
    views->addWidget(m_tokens);
    views->addWidget(m_row);
    // Room for the heatmap's rotated token labels and its colour scale.
    m_row->setMinimumHeight(170);
    views->setStretchFactor(0, 2);
    views->setStretchFactor(1, 3);
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_caption);
    detailLayout->addWidget(views, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_table);
    split->addWidget(detail);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 4);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_explanationSummary);
    layout->addLayout(progressRow);
    layout->addWidget(split, 1);
    setBusy(false);

    connect(m_showBox, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setShow(static_cast<SampleFilterModel::Show>(m_showBox->currentData().toInt()));
        updateSummary();
    });
    connect(m_cancel, &QPushButton::clicked, this, &SampleBrowser::cancel);
    connect(m_explain, &QPushButton::clicked, this, &SampleBrowser::explainExamples);
    // currentRowChanged covers the mouse and the arrow keys alike.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(m_evaluation, &SampleEvaluation::progress, this, &SampleBrowser::onProgress);
    connect(m_evaluation, &SampleEvaluation::finished, this, &SampleBrowser::onFinished);
    connect(m_evaluation, &SampleEvaluation::failed, this, &SampleBrowser::onFailed);
    connect(m_evaluation, &SampleEvaluation::attentionReady, this, &SampleBrowser::onAttentionReady);
    connect(m_evaluation, &SampleEvaluation::explanationProgress, this, &SampleBrowser::onProgress);
    connect(m_evaluation, &SampleEvaluation::explained, this, &SampleBrowser::onExplained);
    connect(m_evaluation, &SampleEvaluation::explanationFailed, this, [this](const QString& message) {
        setBusy(false);
        m_explanationSummary->setText(message);
        m_explanationSummary->show();
        Q_EMIT explanationFailed(message);
    });
    connect(m_evaluation, &SampleEvaluation::attentionFailed, this, [this](qint64 exampleIndex, const QString& message) {
        if (exampleIndex == m_waitingFor)
            m_caption->setText(message);
    });
}

void SampleBrowser::evaluate(const QString& modelPath, const SampleSource& source)
{
    m_samples->clear();
    m_waitingFor = -1;
    m_tokens->setAttention({});
    m_row->setAttention({});
    m_caption->setText(tr("Click a row to see its attention."));
    m_explanationSummary->hide();
    m_summary->setText(tr("Evaluating %1 on %2…").arg(QFileInfo(modelPath).fileName(), source.describe()));
    m_progress->setRange(0, 0);  // busy until the first report says how many examples there are
    setBusy(true);
    m_evaluation->start(modelPath, source);
}

void SampleBrowser::cancel()
{
    m_evaluation->cancel();
    m_cancel->setEnabled(false);  // the worker stops after the batch in hand
}

void SampleBrowser::setShow(SampleFilterModel::Show show)
{
    m_showBox->setCurrentIndex(m_showBox->findData(int(show)));
}

void SampleBrowser::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_cancel->setEnabled(busy);
    // Explaining needs evaluated rows and an attention to compare with.
    const SampleEvaluationResult& result = m_samples->result();
    m_explain->setEnabled(!busy && !result.rows.empty() && result.hasAttention);
    m_withIntegratedGradients->setEnabled(!busy);
}

void SampleBrowser::explainExamples()
{
    const SampleEvaluationResult& result = m_samples->result();
    if (result.rows.empty() || !result.hasAttention || isEvaluating())
        return;
    std::vector<int64_t> indices;
    indices.reserve(result.rows.size());
    for (const SampleRow& row : result.rows)
        indices.push_back(row.index);
    ExplainOptions options;
    // Cheapest first; integrated gradients only when asked, as it runs the model once per path point.
    options.methods = {AttributionMethod::Attention, AttributionMethod::Gradient, AttributionMethod::Occlusion};
    if (m_withIntegratedGradients->isChecked())
        options.methods.push_back(AttributionMethod::IntegratedGradients);
    m_explanationSummary->setText(tr("Explaining %1 examples…").arg(indices.size()));
    m_explanationSummary->show();
    m_progress->setRange(0, 0);  // busy until the first example is done
    setBusy(true);
    m_evaluation->explain(indices, options);
}

void SampleBrowser::onExplained(const DatasetExplanation& explanation)
{
    setBusy(false);
    m_samples->setExplanation(explanation);
    showExplanationColumns();
    m_explanationSummary->setText(explanationSummary(explanation));
    m_explanationSummary->show();
    Q_EMIT explanationFinished(m_explanationSummary->text());
}

void SampleBrowser::showExplanationColumns()
{
    for (int column = SampleTableModel::kFirstExplanationColumn; column < SampleTableModel::ColumnCount; ++column)
        m_table->setColumnHidden(column, !m_samples->hasFigures(column));
}

QString SampleBrowser::explanationSummary(const DatasetExplanation& explanation) const
{
    const auto count = static_cast<qint64>(explanation.examples.size());
    QStringList parts;
    if (explanation.status == DatasetExplanation::Status::Cancelled)
        parts << tr("Cancelled after explaining %1 of %2 examples").arg(count).arg(explanation.planned);
    else
        parts << tr("%1 examples explained").arg(count);
    if (explanation.skipped > 0)
        parts << tr("%1 without a step the model reads skipped").arg(explanation.skipped);
    const auto quartiles = [](const Quartiles& q) {
        return QStringLiteral("%1 [%2, %3]").arg(q.median, 0, 'f', 3).arg(q.lower, 0, 'f', 3).arg(q.upper, 0, 'f', 3);
    };
    const ExplanationSummary& summary = explanation.summary;
    const std::pair<AttributionMethod, QString> methods[] = {{AttributionMethod::Gradient, tr("gradient")},
                                                             {AttributionMethod::Occlusion, tr("occlusion")},
                                                             {AttributionMethod::IntegratedGradients, tr("integrated gradients")}};
    for (const auto& [method, name] : methods) {
        const MethodSummary* entry = summary.method(toString(method));
        if (entry && entry->kendallTau.count > 0)
            parts << tr("τ with %1 %2").arg(name, quartiles(entry->kendallTau));
    }
    for (const auto& [method, name] : methods) {
        const MethodSummary* entry = summary.method(toString(method));
        if (entry && entry->topKOverlap.count > 0)
            parts << tr("top-%1 overlap with %2 %3").arg(explanation.topK).arg(name, quartiles(entry->topKOverlap));
    }
    if (summary.attentionAopcOverRandom.count > 0)
        parts << tr("attention's AOPC over random %1").arg(quartiles(summary.attentionAopcOverRandom));
    const MethodSummary* attention = summary.method(toString(AttributionMethod::Attention));
    const MethodSummary* occlusion = summary.method(toString(AttributionMethod::Occlusion));
    if (attention && attention->markedExamples > 0) {
        const auto share = [](const MethodSummary* method) {
            return method && method->markedExamples > 0 ? QStringLiteral("%1 %").arg(100.0 * method->topStepDecides, 0, 'f', 1)
                                                        : QStringLiteral("—");
        };
        parts << tr("top step on a deciding step: attention %1, occlusion %2 (of %3)")
                     .arg(share(attention), share(occlusion))
                     .arg(attention->markedExamples);
    }
    return parts.join(QStringLiteral(" · "));
}

void SampleBrowser::onProgress(qint64 done, qint64 total)
{
    // QProgressBar counts in int; 5000 examples (or any cap a person sets) fit.
    m_progress->setRange(0, static_cast<int>(std::min<qint64>(total, INT_MAX)));
    m_progress->setValue(static_cast<int>(std::min<qint64>(done, INT_MAX)));
}

void SampleBrowser::onFinished(const SampleEvaluationResult& result)
{
    m_samples->setResult(result);
    setBusy(false);  // after the rows are in: Explain needs them
    showExplanationColumns();  // none: a new result has no figures
    const bool classification = result.classification;
    // Regression has no classes: no confidence, nothing right or wrong to filter on.
    m_table->setColumnHidden(SampleTableModel::ConfidenceColumn, !classification);
    m_table->setColumnHidden(SampleTableModel::CorrectColumn, !classification);
    m_showBox->setEnabled(classification);
    if (!classification)
        setShow(SampleFilterModel::Show::All);
    updateSummary();
    Q_EMIT evaluationFinished(m_summary->text());
}

void SampleBrowser::onFailed(const QString& message)
{
    setBusy(false);
    m_summary->setText(message);
    Q_EMIT evaluationFailed(message);
}

void SampleBrowser::updateSummary()
{
    const SampleEvaluationResult& result = m_samples->result();
    if (result.modelPath.isEmpty())
        return;  // nothing evaluated yet: the "Evaluating…" or error text stays
    const auto count = static_cast<qint64>(result.rows.size());
    QStringList parts;
    if (result.cancelled)
        parts << tr("Cancelled after %1 of %2 examples of %3").arg(count).arg(result.planned).arg(result.source);
    else if (result.planned < result.available)
        parts << tr("The first %1 of %2 examples of %3").arg(count).arg(result.available).arg(result.source);
    else
        parts << (count == 1 ? tr("1 example of %1").arg(result.source) : tr("%1 examples of %2").arg(count).arg(result.source));
    parts << tr("model %1").arg(QFileInfo(result.modelPath).fileName());
    if (count > 0) {
        if (result.classification)
            parts << tr("accuracy %1 % (%2 right, %3 wrong)")
                         .arg(100.0 * result.accuracy(), 0, 'f', 1)
                         .arg(result.correctCount())
                         .arg(count - result.correctCount());
        parts << (result.classification ? tr("mean loss %1") : tr("mean squared error %1")).arg(result.meanLoss(), 0, 'f', 4);
    }
    if (m_filter->show() != SampleFilterModel::Show::All)
        parts << tr("%1 shown").arg(m_filter->rowCount());
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

QString SampleBrowser::describe(const SampleRow& row) const
{
    if (!m_samples->result().classification)
        return tr("Example %1: target %2, predicted %3, squared error %4")
            .arg(row.index + 1)
            .arg(row.trueLabel, row.predictedLabel)
            .arg(row.loss, 0, 'f', 4);
    return tr("Example %1 %2: true %3, predicted %4 (%5), loss %6")
        .arg(row.index + 1)
        .arg(row.correct ? QStringLiteral("✓") : QStringLiteral("✗"), row.trueLabel, row.predictedLabel)
        .arg(row.confidence, 0, 'f', 3)
        .arg(row.loss, 0, 'f', 4);
}

void SampleBrowser::onCurrentChanged(const QModelIndex& current)
{
    if (!current.isValid())
        return;
    showSample(m_filter->mapToSource(current).row());
}

void SampleBrowser::showSample(int sourceRow)
{
    const SampleRow& row = m_samples->sampleAt(sourceRow);
    const QString label = describe(row);
    if (!row.attentionKept && m_samples->result().hasAttention) {
        // Past the memory budget: the worker runs this one example again (milliseconds).
        m_waitingFor = row.index;
        m_caption->setText(label + tr(" — computing its attention…"));
        m_evaluation->requestAttention(row.index);
        return;
    }
    m_waitingFor = -1;
    m_caption->setText(row.attention.isEmpty() ? label + tr(" — this model has no attention") : label);
    m_tokens->setAttention(row.attention);
    m_tokens->setTokenIds(row.tokenIds);  // the tooltip then says which words the model read as <unk> (id 1)
    m_row->setAttention(row.attention);
    Q_EMIT sampleChosen(row.attention, label);
}

void SampleBrowser::onAttentionReady(qint64 exampleIndex, const AttentionMap& attention)
{
    const int row = m_samples->rowOfExample(exampleIndex);
    m_samples->setAttention(row, attention);
    if (exampleIndex == m_waitingFor && row >= 0)
        showSample(row);
}

} // namespace studio
