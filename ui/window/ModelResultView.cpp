#include "window/ModelResultView.h"

#include "display/AttentionMapMath.h"
#include "views/AttentionMatrixView.h"
#include "views/AttentionRowView.h"
#include "views/HeatmapPlot.h"
#include "colour/ColorControls.h"
#include "teaching/FlawExplanation.h"
#include "teaching/FlawExplanationDialog.h"
#include "views/SeriesAttentionView.h"
#include "views/TokenAttentionPanel.h"
#include "views/TokenAttentionView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

// The one-row heatmap needs little height; the text flow takes the rest.
constexpr int kRowHeatmapHeight = 150;
// Raw outputs listed in the prediction line when the model has no labels.
constexpr size_t kShownOutputs = 4;
// Notes and the layout sentence: secondary text, smaller and grey, under the title.
const QString kSecondaryStyle = QStringLiteral("color: #555; font-size: small;");

QComboBox* makeChoice(QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

QLabel* makeSecondaryLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(kSecondaryStyle);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

} // namespace

ModelResultView::ModelResultView(QWidget* parent)
    : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);  // long file names wrap instead of widening the view
    m_prediction = new QLabel(this);
    m_prediction->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_prediction->setWordWrap(true);
    m_warnings = new QLabel(this);
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_warnings->hide();
    m_flawLinks = new QLabel(this);
    m_flawLinks->setTextFormat(Qt::RichText);
    m_flawLinks->setWordWrap(true);
    m_flawLinks->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_flawLinks->hide();
    connect(m_flawLinks, &QLabel::linkActivated, this, [this](const QString& link) {
        ModelFlaw flaw{};
        if (parseModelFlaw(link, &flaw))
            showFlawExplanation(flaw);
    });
    m_notes = makeSecondaryLabel(this);

    // This model's own choices, on one compact row; each is shown only when it means something.
    m_choices = new QWidget(this);
    m_candidateLabel = new QLabel(tr("Attention:"), m_choices);
    m_candidate = makeChoice(m_choices);
    m_candidate->setToolTip(tr("Which softmax of the model to show as its attention"));
    m_layoutLabel = new QLabel(tr("Layout:"), m_choices);
    m_layout = makeChoice(m_choices);
    m_layout->addItem(tr("Auto"), static_cast<int>(SequenceLayout::Auto));
    m_layout->addItem(tr("Batch-first"), static_cast<int>(SequenceLayout::BatchFirst));
    m_layout->addItem(tr("Time-major"), static_cast<int>(SequenceLayout::TimeMajor));
    m_formulaLabel = new QLabel(tr("Formula:"), m_choices);
    m_formula = makeChoice(m_choices);
    m_formula->setToolTip(tr("How the custom attention layer is read: its weights fit more than one formula"));
    m_candidateLabel->setBuddy(m_candidate);
    m_layoutLabel->setBuddy(m_layout);
    m_formulaLabel->setBuddy(m_formula);
    auto* choices = new QHBoxLayout(m_choices);
    choices->setContentsMargins(0, 0, 0, 0);
    const QList<QWidget*> parts{m_candidateLabel, m_candidate, m_layoutLabel, m_layout, m_formulaLabel, m_formula};
    for (QWidget* widget : parts) {
        choices->addWidget(widget);
        widget->hide();
    }
    choices->addStretch(1);
    m_choices->hide();
    m_layoutNote = makeSecondaryLabel(this);
    connect(m_candidate, &QComboBox::activated, this, [this](int item) {
        m_candidateChoice = m_candidate->itemData(item).toInt();
        Q_EMIT candidateChosen(m_candidateChoice);
    });
    connect(m_layout, &QComboBox::activated, this,
            [this](int item) { Q_EMIT layoutChosen(static_cast<SequenceLayout>(m_layout->itemData(item).toInt())); });
    // The first formula is the one read by default: choosing it asks for the default again.
    connect(m_formula, &QComboBox::activated, this,
            [this](int item) { Q_EMIT formulaChosen(item == 0 ? QString() : m_formula->itemData(item).toString()); });

    m_pages = new QStackedWidget(this);
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_pages->addWidget(m_message);

    auto* textSplit = new QSplitter(Qt::Vertical, this);
    m_tokens = new TokenAttentionPanel(textSplit);
    m_row = new AttentionRowView(textSplit);
    m_row->setMinimumHeight(kRowHeatmapHeight);
    textSplit->addWidget(m_tokens);
    textSplit->addWidget(m_row);
    textSplit->setStretchFactor(0, 3);
    textSplit->setStretchFactor(1, 1);
    // One set of colour controls (the text's) drives both views of the same weights.
    m_row->controls()->hide();
    connect(m_tokens->controls(), &ColorControls::colormapChanged, m_row, &HeatmapView::setColormap);
    connect(m_tokens->controls(), &ColorControls::colorRangeChanged, m_row, &HeatmapView::setColorRange);
    m_textPage = textSplit;
    connect(m_tokens->view(), &TokenAttentionView::tokenClicked, this, &ModelResultView::stepClicked);
    connect(m_row->plot(), &HeatmapPlot::cellClicked, this, [this](int, int column) { Q_EMIT stepClicked(column); });
    m_pages->addWidget(m_textPage);
    m_matrix = new AttentionMatrixView(this);
    m_pages->addWidget(m_matrix);
    // In a T×T map a column is the step attended to; in a T×d map a row is a step.
    connect(m_matrix->plot(), &HeatmapPlot::cellClicked, this, [this](int row, int column) {
        const std::vector<int64_t>& shape = m_result.attention.shape;
        const bool square = shape.size() == 2 && shape[0] == shape[1];
        Q_EMIT stepClicked(square ? column : row);
    });
    m_series = new SeriesAttentionView(this);
    connect(m_series, &SeriesAttentionView::stepClicked, this, &ModelResultView::stepClicked);
    m_pages->addWidget(m_series);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_notes);
    layout->addWidget(m_choices);
    layout->addWidget(m_layoutNote);
    layout->addWidget(m_prediction);
    layout->addWidget(m_warnings);
    layout->addWidget(m_flawLinks);
    layout->addWidget(m_pages, 1);
    showMessage(tr("Type some text, or load a series, to see this model's attention."));
}

void ModelResultView::setSummary(const ModelSummary& summary)
{
    m_summary = summary;
    m_title->setText(QStringLiteral("<b>%1</b> &nbsp;<span style='color:#666'>%2</span>")
                         .arg(summary.name.toHtmlEscaped(), summary.description.toHtmlEscaped()));
    m_notes->setText(summary.notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!summary.notes.isEmpty());

    // Formulas: every reading the layer's weights fit, the default first; which one is in use is
    // the window's to say (showFormula), since the summary only lists them.
    if (const QStringList& formulas = summary.formulas; !formulas.isEmpty()) {
        const QSignalBlocker block(m_formula);
        m_formula->clear();
        for (const QString& key : formulas)
            m_formula->addItem(key, key);
        m_formula->setCurrentIndex(0);
    }
    m_layout->setVisible(summary.format == ModelFormat::TorchScript);
    m_formula->setVisible(m_formula->count() > 1);
    updateChoicesRow();
}

void ModelResultView::showFormula(const QString& formula)
{
    const QSignalBlocker block(m_formula);
    m_formula->setCurrentIndex(formula.isEmpty() ? 0 : std::max(0, m_formula->findData(formula)));
}

void ModelResultView::setResult(const InferenceResult& result)
{
    m_result = result;
    QString prediction;
    if (!result.label.isEmpty())
        prediction = tr("Prediction: <b>%1</b> (probability %2)").arg(result.label.toHtmlEscaped()).arg(result.probability, 0, 'f', 3);
    else if (!result.forecast.empty())
        prediction = tr("Forecast: <b>%1</b> (model output %2)")
                         .arg(QString::number(result.forecast.front(), 'g', 5), QString::number(result.prediction.front(), 'g', 4));
    else if (!result.prediction.empty()) {
        // A few outputs are all shown (two class probabilities of a model without labels, say).
        QStringList outputs;
        for (size_t i = 0; i < std::min<size_t>(result.prediction.size(), kShownOutputs); ++i)
            outputs << QString::number(result.prediction[i], 'g', 5);
        if (result.prediction.size() > kShownOutputs)
            outputs << QStringLiteral("…");
        prediction = tr("Output: <b>%1</b>").arg(outputs.join(QStringLiteral(", ")));
    }
    if (!result.prediction.empty())
        prediction += tr(" &nbsp;·&nbsp; %1 ms").arg(result.milliseconds, 0, 'f', 1);
    m_prediction->setText(prediction);
    // The model's notes come with every result; they are shown once, under the title.
    QStringList warnings;
    for (const QString& warning : result.warnings)
        if (!m_summary.notes.contains(warning))
            warnings << warning;
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
    updateFlawLinks();
    m_layoutNote->setText(result.layoutNote);
    m_layoutNote->setVisible(!result.layoutNote.isEmpty());
    m_layout->setToolTip(result.layoutNote.isEmpty() ? tr("How the sequence is fed to the model") : result.layoutNote);
    updateCandidates();

    const AttentionMap& map = result.attention;
    if (result.prediction.empty()) {
        showMessage(tr("Type some text, or load a series, to see this model's attention."));
        return;
    }
    if (map.isEmpty()) {
        showMessage(tr("This model shows no attention (%1).").arg(result.source));
        return;
    }
    const bool tokens = !map.tokens.isEmpty();
    if (!tokens && m_summary.input == ModelInputKind::Series) {
        // A forecaster reads the last W steps: its attention sits under the end of the series.
        m_series->setAttention(map, std::nullopt, std::max(0, m_seriesSteps - static_cast<int>(map.shape.front())));
        m_pages->setCurrentWidget(m_series);
        return;
    }
    if (map.shape.size() == 2) {
        m_matrix->setAttention(map);
        m_pages->setCurrentWidget(m_matrix);
        return;
    }
    m_tokens->setAttention(map);
    m_tokens->setTokenIds(result.tokenIds);
    m_row->setAttention(map);
    m_pages->setCurrentWidget(m_textPage);
}

void ModelResultView::setSelectedStep(int step)
{
    m_tokens->view()->setSelectedStep(step);
    m_row->plot()->markColumn(step);
    m_series->setSelectedStep(step);
}

void ModelResultView::setDecidingSteps(std::vector<bool> deciding)
{
    m_tokens->view()->setDecidingSteps(std::move(deciding));
}

void ModelResultView::updateFlawLinks()
{
    QStringList links;
    for (ModelFlaw flaw : m_result.flaws)
        links << QStringLiteral("<a href=\"%1\">%2</a>").arg(toString(flaw), explainFlaw(flaw).title.toHtmlEscaped());
    m_flawLinks->setText(tr("Why? %1").arg(links.join(QStringLiteral(" &nbsp;·&nbsp; "))));
    m_flawLinks->setVisible(!links.isEmpty());
}

void ModelResultView::showFlawExplanation(ModelFlaw flaw)
{
    for (auto* open : findChildren<FlawExplanationDialog*>()) {
        if (open->flaw() == flaw) {
            open->show();
            open->raise();
            open->activateWindow();
            return;
        }
    }
    auto* dialog = new FlawExplanationDialog(flaw, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void ModelResultView::setError(const QString& message)
{
    m_prediction->clear();
    m_flawLinks->hide();
    m_warnings->setText(message);
    m_warnings->show();
}

void ModelResultView::setSeriesInput(const SeriesData& series)
{
    m_seriesSteps = series.features.empty() ? 0 : static_cast<int>(series.features.front().size());
    m_series->setSeries(series);
}

QWidget* ModelResultView::currentFigure() const
{
    QWidget* page = m_pages->currentWidget();
    if (page == m_textPage)
        return m_row;
    return page == m_message ? nullptr : page;
}

void ModelResultView::updateCandidates()
{
    // The choice is kept across inputs by index; the texts follow the input (their shapes change).
    const int chosen = m_candidateChoice;
    const QSignalBlocker block(m_candidate);
    m_candidate->clear();
    m_candidate->addItem(m_result.chosenCandidate >= 0 && chosen < 0
                             ? tr("first that fits (#%1)").arg(m_result.chosenCandidate + 1)
                             : tr("first that fits"),
                         -1);
    for (int i = 0; i < m_result.candidates.size(); ++i)
        m_candidate->addItem(m_result.candidates.at(i), i);
    m_candidate->setCurrentIndex(std::max(0, m_candidate->findData(chosen)));
    m_candidate->setVisible(m_result.candidates.size() > 1);
    updateChoicesRow();
}

void ModelResultView::updateChoicesRow()
{
    m_candidateLabel->setVisible(m_candidate->isVisibleTo(m_choices));
    m_layoutLabel->setVisible(m_layout->isVisibleTo(m_choices));
    m_formulaLabel->setVisible(m_formula->isVisibleTo(m_choices));
    m_choices->setVisible(m_candidate->isVisibleTo(m_choices) || m_layout->isVisibleTo(m_choices)
                          || m_formula->isVisibleTo(m_choices));
}

void ModelResultView::showMessage(const QString& text)
{
    m_message->setText(text);
    m_pages->setCurrentWidget(m_message);
}

} // namespace studio
