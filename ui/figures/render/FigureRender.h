#pragma once

// attention-cli render's drawing: the window's own attention views (ui/) turned into a figure
// file without a window. This header names no widget, no QCustomPlot and no torch type, because
// RenderCommand.cpp is compiled with core's QT_NO_KEYWORDS, under which QCustomPlot's header
// does not compile; everything that touches ui/ lives behind it in the attention-render library.

#include "common/Explanation.h"
#include "common/ValueTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QCoreApplication;

namespace studio::render {

// The application attention-cli render runs in: a QApplication (widgets need one) on the
// offscreen platform unless QT_QPA_PLATFORM says otherwise. A figure never needs a screen, and
// should not look different, or abort, because of whatever DISPLAY happens to be set.
std::unique_ptr<QCoreApplication> createRenderApplication(int& argc, char** argv);

// What --view accepts ("auto" first) and what --colormap accepts ("viridis" first).
QStringList viewKeys();
QStringList colormapKeys();

// Whether a path names a figure (.png, .svg, .pdf) or a weights file (.csv, .json), by suffix.
bool isFigurePath(const QString& path);
bool isWeightsPath(const QString& path);

// One model's answer to the input.
struct ModelAnswer {
    ModelSummary summary;
    InferenceResult result;
};

// The series as read from the file, for the series view: features[f][t], in the file's units.
struct SeriesInput {
    QStringList names;
    std::vector<std::vector<double>> features;
};

// The view a figure shows, resolved from --view and the first model's attention:
// "tokens", "row", "tokens+row", "matrix", "series", "explain" (the attention beside each
// attribution and the figures saying whether it explains the prediction; issue 13) or "compare"
// (several models' rows and their differences). Empty, with a sentence in *problem, when the view cannot show this input
// (a usage error: the person asked for something the model's answer does not have).
QString chooseView(const QString& requested, const std::vector<ModelAnswer>& models, bool hasSeries,
                   QString* problem);

struct FigureRequest {
    QString view;                    // resolved by chooseView
    std::vector<ModelAnswer> models; // the model; more are drawn only by "compare"
    std::optional<SeriesInput> series;
    int width = 800;
    int height = 0;                  // 0: the height the view needs at this width
    double scale = 1.0;              // PNG pixels per logical pixel
    QString colormap = QStringLiteral("viridis");
    std::optional<Explanation> explanation;  // the "explain" view's, computed by the caller
    int topK = 3;                    // the k the explain view's overlap names
    std::optional<std::pair<double, double>> range;  // fixed colour bounds; none: automatic
    QString path;
};

struct FigureOutcome {
    QString error;           // empty when the file was written
    int width = 0;           // the figure's size in logical pixels
    int height = 0;
    QStringList warnings;    // e.g. text cut off by a --height too small for it
};

// Draws the figure and writes it atomically (a failure leaves no file behind).
FigureOutcome renderFigure(const FigureRequest& request);

// The weights file's contents (CSV or JSON by suffix), as the window's export writes them.
QByteArray weightsFileContents(const AttentionMap& attention, const QString& path);

} // namespace studio::render
