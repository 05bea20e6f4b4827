#pragma once

// Any view as a figure file: PNG (raster, at a chosen pixel size and scale), SVG and PDF
// (vector). QCustomPlot views are drawn through QCustomPlot's own painter at the requested size,
// so their layout adapts to it; other widgets are resized for the moment of drawing.

#include "display/ExportResult.h"

#include <QString>

#include <optional>

class QWidget;

namespace studio {

enum class FigureFormat { Png, Svg, Pdf };

struct FigureSize {
    int width = 800;     // layout size in logical pixels: fonts keep their point size, so a
    int height = 600;    // bigger figure has more room, not bigger letters
    double scale = 1.0;  // PNG only: image pixels per logical pixel (2 for print or HiDPI)
};

// A figure `width` wide that shows all of the view: a view whose height follows its width (the
// token view) gets the height its whole text needs, any other view keeps its current shape.
FigureSize naturalFigureSize(const QWidget* view, int width);

// From the file name's suffix (png, svg, pdf; any case); nothing for anything else.
std::optional<FigureFormat> figureFormatForPath(const QString& path);

// Writes `view` to `path` atomically (a failed export leaves any earlier file untouched).
// PNG: width*scale × height*scale pixels, resolution 96*scale dpi. SVG, PDF: width × height
// logical pixels at 96 dpi (a PDF page of width*0.75 × height*0.75 points).
ExportResult exportFigure(QWidget* view, const QString& path, FigureFormat format, const FigureSize& size);

// The format from the suffix; an unknown suffix is an error naming the file.
ExportResult exportFigure(QWidget* view, const QString& path, const FigureSize& size);

} // namespace studio
