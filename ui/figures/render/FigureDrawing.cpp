// renderFigure: sets up the window's views with one answer (or several, to compare) and writes
// them with the window's exportFigure, so a rendered figure is the figure the window exports.

#include "FigureRender.h"
#include "PanelHeights.h"
#include "StackedFigure.h"

#include "display/AttentionMapMath.h"
#include "explain/ExplanationFigure.h"
#include "views/AttentionMatrixView.h"
#include "views/AttentionRowView.h"
#include "colour/ColorBar.h"
#include "display/ColorRange.h"
#include "colour/Colormap.h"
#include "figures/FigureExport.h"
#include "views/HeatmapPlot.h"
#include "views/SeriesAttentionView.h"
#include "views/TokenAttentionView.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>

#include <algorithm>
#include <cmath>

namespace studio::render {
namespace {

// Default heights in logical pixels: a one-row heatmap with rotated token labels under it, a
// matrix a little less tall than wide (its colour scale takes width), a series row per feature
// over the attention strip.
constexpr int kRowHeight = 230;
constexpr int kCompareRowHeight = 190;
constexpr int kMinCellBand = 40;  // the least height of a heatmap's cells when a figure is squeezed
constexpr double kMatrixAspect = 0.85;
constexpr int kSeriesFeatureHeight = 170;
constexpr int kSeriesStripHeight = 190;
constexpr int kHeaderMargin = 6;  // around the caption and legend: the token flow's own margin

// lupdate files a free tr() inside namespace studio::render under that context: the same here.
QString tr(const char* text)
{
    return QCoreApplication::translate("studio::render", text);
}

// Everything one figure is drawn from; the widgets live until the file is written.
struct Figure {
    std::vector<std::unique_ptr<QWidget>> owned;
    QWidget* target = nullptr;       // what exportFigure draws
    StackedFigure* stack = nullptr;  // set when target is a stack of panels
    std::vector<PanelPlan> plans;    // the stack's panels, heights not yet fitted
    int height = 0;                  // a single view's default height
    QStringList warnings;

    template <typename T>
    T* make()
    {
        owned.push_back(std::make_unique<T>());
        return static_cast<T*>(owned.back().get());
    }
};

struct Colors {
    ColormapId colormap = ColormapId::Viridis;
    ColorRange range;
};

QString predictionText(const InferenceResult& result)
{
    if (!result.label.isEmpty())
        return tr("%1 (%2)").arg(result.label).arg(result.probability, 0, 'f', 3);
    if (!result.prediction.empty())
        return QString::number(static_cast<double>(result.prediction.front()), 'g', 4);
    return {};
}

// The caption of the token text and the colour legend beside it: the token view has no axis, so
// this is what tells a reader what the colours mean.
QWidget* tokenHeader(Figure& figure, const TokenAttentionView& view, const Colors& colors)
{
    auto* header = figure.make<QWidget>();
    header->setAutoFillBackground(false);
    auto* caption = new QLabel(view.caption(), header);
    caption->setWordWrap(true);
    auto* legend = new ColorBar(header);
    legend->setColormap(colors.colormap);
    legend->setBounds(view.valueBounds());
    auto* layout = new QHBoxLayout(header);
    layout->setContentsMargins(kHeaderMargin, kHeaderMargin, kHeaderMargin, 0);
    layout->addWidget(caption, 1);
    layout->addWidget(legend);
    return header;
}

TokenAttentionView* tokenView(Figure& figure, const ModelAnswer& answer, const Colors& colors)
{
    auto* view = figure.make<TokenAttentionView>();
    view->setColormap(colors.colormap);
    view->setColorRange(colors.range);
    view->setAttention(answer.result.attention);
    view->setTokenIds(answer.result.tokenIds);
    return view;
}

void addTokenPanels(Figure& figure, const ModelAnswer& answer, const Colors& colors, int width)
{
    TokenAttentionView* view = tokenView(figure, answer, colors);
    QWidget* header = tokenHeader(figure, *view, colors);
    header->resize(width, 1);
    const int headerHeight = header->heightForWidth(width) > 0 ? header->heightForWidth(width)
                                                               : header->sizeHint().height();
    figure.plans.push_back({header, headerHeight, headerHeight, false, QString()});
    figure.plans.push_back({view, view->heightForWidth(width), 1, false, tr("the token text")});
}

// A plot's panel: it wants `natural`, and can shrink to what its title, tick labels and axis
// title take at this width (measured by laying it out once: rotated token labels can take half
// the height) plus a band of cells.
PanelPlan plotPanel(QCustomPlot* plot, int width, int natural)
{
    plot->toPixmap(width, natural);
    const int decorations = natural - plot->axisRect()->rect().height();
    return {plot, natural, std::min(natural, decorations + kMinCellBand), true, QString()};
}

// Takes a plot's title out of its layout: hidden, a title still keeps its row's height (about 40
// pixels of nothing between the text and the cells). The element stays alive, so the view may
// still set its text; it is just no longer drawn.
void dropTitle(QCustomPlot* plot)
{
    QCPLayoutGrid* layout = plot->plotLayout();
    for (int i = layout->elementCount() - 1; i >= 0; --i) {
        if (auto* title = qobject_cast<QCPTextElement*>(layout->elementAt(i))) {
            layout->take(title);
            title->setVisible(false);
        }
    }
    layout->simplify();
}

AttentionRowView* rowView(Figure& figure, const AttentionMap& map, const Colors& colors)
{
    auto* view = figure.make<AttentionRowView>();
    view->setColormap(colors.colormap);
    view->setColorRange(colors.range);
    view->setAttention(map);
    return view;
}

// One weight per step, as the model's row shows it: a 2-D map becomes its per-step summary (and
// *caption says how), so a self-attention model and an additive one can still be subtracted.
AttentionMap stepMap(const AttentionMap& map, QString* caption)
{
    if (!attentionShapeProblem(map).isEmpty() || map.shape.size() == 1)
        return map;
    const StepWeights steps = perStepWeights(map, guessMatrixKind(map));
    AttentionMap row;
    row.shape = {static_cast<int64_t>(steps.weights.size())};
    row.values.assign(steps.weights.begin(), steps.weights.end());
    row.tokens = map.tokens;
    *caption = steps.caption;
    return row;
}

// Gives every row's colour scale the width of the widest, so the cells of all rows start and end
// at the same x and a token sits above the same token in every row. A colour scale sizes itself
// from its inner axis rectangle's margins (its tick labels and title) at every layout, so those
// margins are fixed, to the widest row's; the plots must have been laid out once (plotPanel).
void alignColorScales(const std::vector<HeatmapPlot*>& plots)
{
    int left = 0;
    int right = 0;
    for (HeatmapPlot* plot : plots) {
        const QMargins margins = plot->colorScale()->axis()->axisRect()->margins();
        left = std::max(left, margins.left());
        right = std::max(right, margins.right());
    }
    for (HeatmapPlot* plot : plots) {
        QCPAxisRect* scaleRect = plot->colorScale()->axis()->axisRect();
        scaleRect->setAutoMargins(QCP::msTop | QCP::msBottom);
        scaleRect->setMargins(QMargins(left, 0, right, 0));
    }
}

// Several models' rows on one colour scale, then each compared model's difference from the first.
void buildComparison(Figure& figure, const std::vector<ModelAnswer>& models, const Colors& colors, int width)
{
    std::vector<AttentionMap> rows;
    std::vector<HeatmapPlot*> plots;
    QStringList captions;
    for (const ModelAnswer& answer : models) {
        QString caption;
        rows.push_back(stepMap(answer.result.attention, &caption));
        captions << caption;
    }
    Colors shared = colors;
    if (colors.range.isAutomatic()) {
        // One automatic range over all models: the same colour means the same weight in every row.
        std::vector<float> all;
        for (const AttentionMap& row : rows)
            all.insert(all.end(), row.values.begin(), row.values.end());
        const ValueBounds bounds = ColorRange::automatic().resolve(all);
        shared.range = ColorRange::fixed(bounds.lower, bounds.upper);
    }
    for (size_t i = 0; i < models.size(); ++i) {
        AttentionRowView* view = rowView(figure, rows[i], shared);
        const QString prediction = predictionText(models[i].result);
        QString title = prediction.isEmpty() ? models[i].summary.name : tr("%1: %2").arg(models[i].summary.name, prediction);
        if (!captions.at(static_cast<int>(i)).isEmpty())
            title += QLatin1Char('\n') + captions.at(static_cast<int>(i));
        view->plot()->setTitle(title);
        figure.plans.push_back(plotPanel(view->plot(), width, kCompareRowHeight));
        plots.push_back(view->plot());
    }
    const ModelAnswer& first = models.front();
    for (size_t i = 1; i < models.size(); ++i) {
        auto* view = figure.make<AttentionRowView>();
        const QString problem = view->setDifference(rows.front(), rows[i], first.summary.name, models[i].summary.name);
        if (!problem.isEmpty()) {
            figure.warnings << tr("No difference row for %1 and %2: %3")
                                   .arg(first.summary.name, models[i].summary.name, problem);
            continue;
        }
        figure.plans.push_back(plotPanel(view->plot(), width, kCompareRowHeight));
        plots.push_back(view->plot());
    }
    alignColorScales(plots);
}

SeriesData seriesData(const SeriesInput& input)
{
    SeriesData data;
    data.names = input.names;
    data.features = input.features;
    return data;
}

void buildFigure(Figure& figure, const FigureRequest& request, const Colors& colors)
{
    const ModelAnswer& answer = request.models.front();
    const AttentionMap& map = answer.result.attention;
    const QString& view = request.view;
    if (view == QLatin1String("tokens") || view == QLatin1String("tokens+row")) {
        addTokenPanels(figure, answer, colors, request.width);
        if (view == QLatin1String("tokens+row")) {
            HeatmapPlot* row = rowView(figure, map, colors)->plot();
            dropTitle(row);  // the caption above the text already says what the weights are
            figure.plans.push_back(plotPanel(row, request.width, kRowHeight));
        }
    } else if (view == QLatin1String("compare")) {
        buildComparison(figure, request.models, colors, request.width);
    } else if (view == QLatin1String("row")) {
        figure.target = rowView(figure, map, colors)->plot();
        figure.height = kRowHeight;
    } else if (view == QLatin1String("matrix")) {
        auto* matrix = figure.make<AttentionMatrixView>();
        matrix->setColormap(colors.colormap);
        matrix->setColorRange(colors.range);
        matrix->setAttention(map);
        figure.target = matrix->plot();
        // A {T} map is drawn as one row: as short as the row view.
        figure.height = map.shape.size() == 2 ? static_cast<int>(std::lround(request.width * kMatrixAspect)) : kRowHeight;
    } else if (view == QLatin1String("explain") && request.explanation) {
        auto* explained = figure.make<ExplanationFigure>();
        explained->setExplanation(*request.explanation, request.topK);
        figure.target = explained;
        figure.height = explained->naturalHeight(request.width);
    } else if (view == QLatin1String("series")) {
        auto* series = figure.make<SeriesAttentionView>();
        series->setColormap(colors.colormap);
        series->setColorRange(colors.range);
        const SeriesData data = seriesData(*request.series);
        series->setSeries(data);
        // A model that read only the last window of the series: its steps sit under that window.
        const int seriesSteps = data.features.empty() ? 0 : static_cast<int>(data.features.front().size());
        const int attentionSteps = map.shape.empty() ? 0 : static_cast<int>(map.shape.front());
        series->setAttention(map, std::nullopt, std::max(0, seriesSteps - attentionSteps));
        figure.target = series->plot();
        figure.height = kSeriesFeatureHeight * static_cast<int>(data.features.size()) + kSeriesStripHeight;
    }
    if (!figure.plans.empty()) {
        figure.stack = figure.make<StackedFigure>();
        figure.target = figure.stack;
    }
}

} // namespace

FigureOutcome renderFigure(const FigureRequest& request)
{
    FigureOutcome outcome;
    if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
        outcome.error = tr("Figures are drawn with widgets, which need a QApplication.");
        return outcome;
    }
    if (request.models.empty()) {
        outcome.error = tr("There is no model answer to draw.");
        return outcome;
    }
    if (request.view == QLatin1String("series") && !request.series) {
        outcome.error = tr("The series view draws the input series, and there is none.");
        return outcome;
    }
    Colors colors;
    colors.colormap = Colormap::fromKey(request.colormap).value_or(ColormapId::Viridis);
    colors.range = request.range ? ColorRange::fixed(request.range->first, request.range->second)
                                 : ColorRange::automatic();

    Figure figure;
    buildFigure(figure, request, colors);
    if (!figure.target) {
        outcome.error = tr("There is no view called \"%1\".").arg(request.view);
        return outcome;
    }
    FigureSize size{request.width, request.height > 0 ? request.height : figure.height, request.scale};
    if (figure.stack) {
        const FittedHeights fitted = fitPanelHeights(figure.plans, request.height);
        for (size_t i = 0; i < figure.plans.size(); ++i)
            figure.stack->addPanel(figure.plans[i].widget, fitted.heights[i]);
        figure.warnings << fitted.warnings;
        size.height = figure.stack->totalHeight();
    }
    const ExportResult result = exportFigure(figure.target, request.path, size);
    outcome.error = result.error;
    outcome.width = size.width;
    outcome.height = size.height;
    outcome.warnings = figure.warnings;
    return outcome;
}

} // namespace studio::render
