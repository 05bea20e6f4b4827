#include "ModelResultView.h"

#include "AttentionMapMath.h"
#include "AttentionMatrixView.h"
#include "AttentionRowView.h"
#include "ColorControls.h"
#include "SeriesAttentionView.h"
#include "TokenAttentionPanel.h"

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
    m_pages->addWidget(m_textPage);
    m_matrix = new AttentionMatrixView(this);
    m_pages->addWidget(m_matrix);
    m_series = new SeriesAttentionView(this);
    m_pages->addWidget(m_series);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_prediction);
    layout->addWidget(m_warnings);
    layout->addWidget(m_pages, 1);
    showMessage(tr("Type some text, or load a series, to see this model's attention."));
}

void ModelResultView::setSummary(const ModelSummary& summary)
{
    m_summary = summary;
    m_title->setText(QStringLiteral("<b>%1</b> &nbsp;<span style='color:#666'>%2</span>")
                         .arg(summary.name.toHtmlEscaped(), summary.description.toHtmlEscaped()));
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
    else if (!result.prediction.empty())
        prediction = tr("Output: <b>%1</b>").arg(QString::number(result.prediction.front(), 'g', 5));
    if (!result.prediction.empty())
        prediction += tr(" &nbsp;·&nbsp; %1 ms").arg(result.milliseconds, 0, 'f', 1);
    m_prediction->setText(prediction);
    m_warnings->setText(result.warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!result.warnings.isEmpty());

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

void ModelResultView::setError(const QString& message)
{
    m_prediction->clear();
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

void ModelResultView::showMessage(const QString& text)
{
    m_message->setText(text);
    m_pages->setCurrentWidget(m_message);
}

} // namespace studio
