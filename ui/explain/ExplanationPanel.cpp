#include "explain/ExplanationPanel.h"

#include "explain/ExplanationFigure.h"
#include "explain/ExplanationReport.h"
#include "runtime/LiveExplanation.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace studio {
namespace {

constexpr int kRedrawIntervalMs = 100;  // at most ten drawings a second while answers stream in

// What the status line says while the rest of the stages are on their way.
QString nextStage(const Explanation& explanation)
{
    if (explanation.complete)
        return {};
    if (!explanation.scores(AttributionMethod::Gradient))
        return ExplanationPanel::tr("Computing gradients…");
    if (!explanation.scores(AttributionMethod::Occlusion))
        return ExplanationPanel::tr("Computing occlusion…");
    if (!explanation.scores(AttributionMethod::IntegratedGradients))
        return ExplanationPanel::tr("Computing integrated gradients…");
    return ExplanationPanel::tr("Computing faithfulness and interventions…");
}

QString frozenTip(bool text)
{
    return text ? ExplanationPanel::tr("The interventions also run this input's hidden states with the attention weights of "
                                       "the text typed here (defined for the same number of tokens). Applied on Enter.")
                : ExplanationPanel::tr("For text models. A series model's attention is frozen to another window's on the "
                                       "command line: attention-cli explain --frozen-from-series FILE.");
}

} // namespace

ExplanationPanel::ExplanationPanel(QWidget* parent)
    : QWidget(parent)
    , m_live(new LiveExplanation(this))
{
    m_modelChoice = new QComboBox(this);
    m_modelChoice->setToolTip(tr("The open model to explain"));
    m_igSteps = new QSpinBox(this);
    m_igSteps->setRange(1, 512);
    m_igSteps->setValue(ExplainOptions{}.integratedGradientsSteps);
    m_igSteps->setToolTip(tr("Points on the path from the baseline (the pad token, or zeros for a series) to the input"));
    m_topK = new QSpinBox(this);
    m_topK->setRange(1, 50);
    m_topK->setValue(ExplainOptions{}.topK);
    m_topK->setToolTip(tr("How many top steps the overlap and the faithfulness curves look at"));
    m_export = new QPushButton(tr("Export Figure…"), this);
    m_frozenInput = new QLineEdit(this);
    m_frozenInput->setClearButtonEnabled(true);
    m_frozenInput->setPlaceholderText(tr("another text with as many tokens, then Enter"));
    m_frozenInput->setToolTip(frozenTip(true));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Model:"), this));
    controls->addWidget(m_modelChoice, 1);
    controls->addWidget(new QLabel(tr("IG steps:"), this));
    controls->addWidget(m_igSteps);
    controls->addWidget(new QLabel(tr("Top k:"), this));
    controls->addWidget(m_topK);
    controls->addWidget(m_export);

    auto* frozenRow = new QHBoxLayout;
    auto* frozenLabel = new QLabel(tr("Attention from another input:"), this);
    frozenLabel->setBuddy(m_frozenInput);
    frozenRow->addWidget(frozenLabel);
    frozenRow->addWidget(m_frozenInput, 1);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_figure = new ExplanationFigure(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_figure);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(frozenRow);
    layout->addWidget(m_status);
    layout->addWidget(scroll, 1);

    connect(m_modelChoice, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { openShown(); });
    connect(m_igSteps, qOverload<int>(&QSpinBox::valueChanged), this, [this] { applyOptions(); });
    connect(m_topK, qOverload<int>(&QSpinBox::valueChanged), this, [this] { applyOptions(); });
    // Not on every keystroke: each change starts the explanation over, and the frozen run is its
    // last stage.
    connect(m_frozenInput, &QLineEdit::editingFinished, this, [this] {
        if (m_frozenInput->text().trimmed() != m_frozenText)
            applyOptions();
    });
    connect(m_live, &LiveExplanation::opened, this, &ExplanationPanel::followModelKind);
    connect(m_export, &QPushButton::clicked, this, [this] { Q_EMIT exportRequested(m_figure); });
    m_redraw = new QTimer(this);
    m_redraw->setSingleShot(true);
    m_redraw->setInterval(kRedrawIntervalMs);
    connect(m_redraw, &QTimer::timeout, this, [this] {
        if (!m_waiting)
            return;
        const Explanation newest = std::move(*m_waiting);
        m_waiting.reset();
        onUpdated(newest);
    });
    connect(m_live, &LiveExplanation::updated, this, [this](const Explanation& explanation) {
        if (m_redraw->isActive()) {
            m_waiting = explanation;  // replaces an older one not drawn yet
            return;
        }
        onUpdated(explanation);
    });
    connect(m_live, &LiveExplanation::failed, this, [this](const QString& message) { m_status->setText(message); });
    connect(m_live, &LiveExplanation::openFailed, this, [this](const QString& message) { m_status->setText(message); });
    applyOptions();
    m_status->setText(tr("Open a model and type an input: its attention and each attribution appear here."));
}

void ExplanationPanel::setModel(int index, const QString& name, const QString& path, const SessionOptions& options)
{
    if (index < 0)
        return;
    const bool added = static_cast<size_t>(index) >= m_models.size();
    if (added) {
        m_models.resize(static_cast<size_t>(index) + 1);
        while (m_modelChoice->count() <= index)
            m_modelChoice->addItem(QString());
    }
    Model& model = m_models[static_cast<size_t>(index)];
    const bool changed = model.path != path || model.options.formula != options.formula
                         || model.options.kerasConfig != options.kerasConfig || model.options.tokenizer != options.tokenizer
                         || model.options.maxLength != options.maxLength;
    model = {name, path, options};
    m_modelChoice->setItemText(index, name);
    if (changed && index == shownModel())
        openShown();
}

void ExplanationPanel::removeModel(int index)
{
    if (index < 0 || static_cast<size_t>(index) >= m_models.size())
        return;
    m_models.erase(m_models.begin() + index);
    m_modelChoice->removeItem(index);  // moves the choice and reopens through currentIndexChanged
    if (m_models.empty())
        openShown();
}

void ExplanationPanel::showModel(int index)
{
    if (index >= 0 && index < m_modelChoice->count())
        m_modelChoice->setCurrentIndex(index);
}

ExplanationRows* ExplanationPanel::rows() const
{
    return m_figure->rows();
}

QLabel* ExplanationPanel::report() const
{
    return m_figure->report();
}

int ExplanationPanel::shownModel() const
{
    return m_modelChoice->currentIndex();
}

void ExplanationPanel::openShown()
{
    const int index = shownModel();
    m_explanation = {};
    m_waiting.reset();  // an answer of the model shown before
    m_figure->setExplanation({}, m_topK->value());
    if (index < 0 || static_cast<size_t>(index) >= m_models.size()) {
        m_live->open(QString());
        return;
    }
    const Model& model = m_models[static_cast<size_t>(index)];
    m_status->setText(tr("Opening %1…").arg(model.name));
    m_live->open(model.path, model.options);
}

void ExplanationPanel::setInput(const InferenceRequest& input)
{
    m_live->setInput(input);
}

void ExplanationPanel::setActive(bool active)
{
    m_live->setActive(active);
}

void ExplanationPanel::applyOptions()
{
    ExplainOptions options;
    options.integratedGradientsSteps = m_igSteps->value();
    options.topK = m_topK->value();
    m_frozenText = m_frozenInput->isEnabled() ? m_frozenInput->text().trimmed() : QString();
    if (!m_frozenText.isEmpty()) {
        InferenceRequest other;
        other.text = m_frozenText;
        options.frozenFrom = other;
    }
    m_live->setOptions(options);
}

void ExplanationPanel::followModelKind(const ModelSummary& summary)
{
    // A series has no text to type: its attention is frozen to another window's on the command
    // line (attention-cli explain --frozen-from-series), and the field says so.
    const bool text = summary.input != ModelInputKind::Series;
    m_frozenInput->setEnabled(text);
    m_frozenInput->setPlaceholderText(text ? tr("another text with as many tokens, then Enter") : tr("for text models"));
    m_frozenInput->setToolTip(frozenTip(text));
    const QString wanted = text ? m_frozenInput->text().trimmed() : QString();
    if (wanted != m_frozenText)
        applyOptions();
}

void ExplanationPanel::onUpdated(const Explanation& explanation)
{
    m_redraw->start();
    showExplanation(explanation);
    m_status->setText(explanation.steps.isEmpty() ? tr("Type an input to explain.") : nextStage(explanation));
    Q_EMIT explanationShown(explanation);
}

void ExplanationPanel::showExplanation(const Explanation& explanation)
{
    m_explanation = explanation;
    m_figure->setExplanation(explanation, m_topK->value());
}

} // namespace studio
