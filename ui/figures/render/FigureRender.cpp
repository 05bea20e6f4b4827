// The names attention-cli render accepts, which view a model's answer gets, and the weights file.

#include "FigureRender.h"

#include "colour/Colormap.h"
#include "figures/FigureExport.h"
#include "display/WeightsExport.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace studio::render {
namespace {

// lupdate files a free tr() inside namespace studio::render under that context: the same here.
QString tr(const char* text)
{
    return QCoreApplication::translate("studio::render", text);
}

QString suffixOf(const QString& path)
{
    return QFileInfo(path).suffix().toLower();
}

} // namespace

QStringList viewKeys()
{
    return {QStringLiteral("auto"), QStringLiteral("tokens"), QStringLiteral("row"), QStringLiteral("matrix"),
            QStringLiteral("series"), QStringLiteral("explain")};
}

QStringList colormapKeys()
{
    QStringList keys;
    for (ColormapId id : Colormap::all())
        keys << Colormap::key(id);
    return keys;
}

bool isFigurePath(const QString& path)
{
    return figureFormatForPath(path).has_value();
}

bool isWeightsPath(const QString& path)
{
    const QString suffix = suffixOf(path);
    return suffix == QLatin1String("csv") || suffix == QLatin1String("json");
}

QString chooseView(const QString& requested, const std::vector<ModelAnswer>& models, bool hasSeries,
                   QString* problem)
{
    const AttentionMap& map = models.front().result.attention;
    if (models.size() > 1) {
        // Rows line models up step by step whatever their maps' shapes (a 2-D map is drawn
        // through its per-step summary), so any models that read the same input compare.
        if (requested != QLatin1String("auto") && requested != QLatin1String("row")) {
            *problem = tr("--compare draws one attention row per model: leave out --view, or give --view row.");
            return {};
        }
        return QStringLiteral("compare");
    }
    if (requested == QLatin1String("explain") && models.front().result.prediction.empty()) {
        *problem = tr("--view explain needs an input the model reads: the input is empty.");
        return {};
    }
    if (requested == QLatin1String("series") && !hasSeries) {
        *problem = tr("--view series draws the input series under its attention: give the series with --series FILE.csv.");
        return {};
    }
    if (requested != QLatin1String("auto"))
        return requested;
    // What the window shows for this answer (ModelResultView::setResult).
    if (hasSeries && map.tokens.isEmpty())
        return QStringLiteral("series");
    if (map.shape.size() == 2)
        return QStringLiteral("matrix");
    return QStringLiteral("tokens+row");
}

QByteArray weightsFileContents(const AttentionMap& attention, const QString& path)
{
    return suffixOf(path) == QLatin1String("json") ? weightsJson(attention) : weightsCsv(attention);
}

} // namespace studio::render
