#include "figures/FigureExport.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLayout>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace studio {
namespace {

// Figures are laid out in logical pixels at the usual screen density, so that point-sized fonts
// take the same share of a figure as on screen.
constexpr int kLogicalDpi = 96;
constexpr double kPointsPerLogicalPixel = 72.0 / kLogicalDpi;
constexpr double kInchesPerMeter = 1.0 / 0.0254;
// Larger rasters than this are refused rather than attempted (a 32k×32k RGBA image is 4 GiB).
constexpr double kMaxRasterPixels = 16384.0 * 16384.0;

// lupdate files a free tr() inside namespace studio under the context "studio": the same here.
QString tr(const char* text)
{
    return QCoreApplication::translate("studio", text);
}

QString cannotWrite(const QString& path, const QString& reason)
{
    return tr("Cannot write the figure “%1”: %2").arg(QDir::toNativeSeparators(path), reason);
}

// Draws any QCustomPlot inside `widget` again now, at its current size: a resize only queues
// their replot, and render() would otherwise paint their stale buffers.
void replotPlotsNow(QWidget* widget)
{
    if (auto* plot = qobject_cast<QCustomPlot*>(widget))
        plot->replot(QCustomPlot::rpImmediateRefresh);
    for (QCustomPlot* plot : widget->findChildren<QCustomPlot*>())
        plot->replot(QCustomPlot::rpImmediateRefresh);
}

// Gives a plain widget the figure's size while it is drawn, and its own size back afterwards.
class TemporarySize {
public:
    TemporarySize(QWidget* widget, const QSize& size)
        : m_widget(widget)
        , m_original(widget->size())
    {
        apply(size);
    }
    ~TemporarySize() { apply(m_original); }
    TemporarySize(const TemporarySize&) = delete;
    TemporarySize& operator=(const TemporarySize&) = delete;

private:
    void apply(const QSize& size)
    {
        if (m_widget->size() == size)
            return;
        m_widget->resize(size);
        if (QLayout* layout = m_widget->layout())
            layout->activate();
        replotPlotsNow(m_widget);
    }

    QWidget* m_widget;
    QSize m_original;
};

// Paints `view` into an active painter at `size` logical pixels.
void drawView(QWidget* view, QCPPainter& painter, const QSize& size, bool vector)
{
    if (auto* plot = qobject_cast<QCustomPlot*>(view)) {
        if (vector)
            painter.setMode(QCPPainter::pmVectorized);
        plot->toPainter(&painter, size.width(), size.height());
        // toPainter leaves the plot laid out at the figure's size: lay it out for the screen again.
        plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const TemporarySize resized(view, size);
    view->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
}

ExportResult commit(QSaveFile& file, const QString& path)
{
    if (!file.commit())
        return ExportResult::failure(cannotWrite(path, file.errorString()));
    return ExportResult::success();
}

ExportResult writePng(QWidget* view, const QString& path, const FigureSize& size)
{
    const QSize logical(size.width, size.height);
    const QSize pixels(static_cast<int>(std::lround(size.width * size.scale)),
                       static_cast<int>(std::lround(size.height * size.scale)));
    if (static_cast<double>(pixels.width()) * pixels.height() > kMaxRasterPixels)
        return ExportResult::failure(cannotWrite(path, tr("%1×%2 pixels is too large an image")
                                                             .arg(pixels.width())
                                                             .arg(pixels.height())));
    QImage image;
    if (auto* plot = qobject_cast<QCustomPlot*>(view)) {
        // QCustomPlot's own raster path: it scales pens with the image, so lines keep their weight.
        image = plot->toPixmap(logical.width(), logical.height(), size.scale).toImage();
        plot->replot(QCustomPlot::rpQueuedReplot);
    } else {
        image = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        if (!image.isNull()) {
            image.setDevicePixelRatio(size.scale);
            image.fill(view->palette().color(QPalette::Window));
            QCPPainter painter(&image);
            drawView(view, painter, logical, /*vector=*/false);
        }
    }
    if (image.isNull())
        return ExportResult::failure(cannotWrite(path, tr("the image could not be drawn")));
    image.setDevicePixelRatio(1.0);
    const int dotsPerMeter = static_cast<int>(std::lround(kLogicalDpi * size.scale * kInchesPerMeter));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(cannotWrite(path, file.errorString()));
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        return ExportResult::failure(cannotWrite(path, tr("PNG encoding failed")));
    }
    return commit(file, path);
}

ExportResult writeSvg(QWidget* view, const QString& path, const FigureSize& size)
{
    const QSize logical(size.width, size.height);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(cannotWrite(path, file.errorString()));
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(logical);
    generator.setViewBox(QRect(QPoint(0, 0), logical));
    generator.setResolution(kLogicalDpi);
    generator.setTitle(view->windowTitle());
    generator.setDescription(tr("Drawn by Attention Studio"));
    QCPPainter painter;
    if (!painter.begin(&generator)) {
        file.cancelWriting();
        return ExportResult::failure(cannotWrite(path, tr("SVG drawing could not start")));
    }
    drawView(view, painter, logical, /*vector=*/true);
    painter.end();
    return commit(file, path);
}

ExportResult writePdf(QWidget* view, const QString& path, const FigureSize& size)
{
    const QSize logical(size.width, size.height);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(cannotWrite(path, file.errorString()));
    QPdfWriter writer(&file);
    writer.setCreator(QStringLiteral("Attention Studio"));
    writer.setTitle(view->windowTitle());
    // One page exactly the figure's size; at 96 dpi a logical pixel is one device unit.
    writer.setResolution(kLogicalDpi);
    const QSizeF points(size.width * kPointsPerLogicalPixel, size.height * kPointsPerLogicalPixel);
    // QPageSize keeps sizes in portrait: a wide figure is a portrait page turned to landscape.
    const bool wide = points.width() > points.height();
    const QPageSize pageSize(wide ? points.transposed() : points, QPageSize::Point, QString(),
                             QPageSize::ExactMatch);
    writer.setPageLayout(QPageLayout(pageSize, wide ? QPageLayout::Landscape : QPageLayout::Portrait,
                                     QMarginsF(0, 0, 0, 0)));
    QCPPainter painter;
    if (!painter.begin(&writer)) {
        file.cancelWriting();
        return ExportResult::failure(cannotWrite(path, tr("PDF drawing could not start")));
    }
    drawView(view, painter, logical, /*vector=*/true);
    painter.end();
    return commit(file, path);
}

} // namespace

FigureSize naturalFigureSize(const QWidget* view, int width)
{
    FigureSize size;
    size.width = width;
    if (view->hasHeightForWidth())
        size.height = view->heightForWidth(width);
    else if (view->width() > 0)
        size.height = static_cast<int>(std::lround(double(width) * view->height() / view->width()));
    return size;
}

std::optional<FigureFormat> figureFormatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return FigureFormat::Png;
    if (suffix == QLatin1String("svg"))
        return FigureFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    return std::nullopt;
}

ExportResult exportFigure(QWidget* view, const QString& path, FigureFormat format, const FigureSize& size)
{
    if (!view)
        return ExportResult::failure(cannotWrite(path, tr("there is no view to draw")));
    if (size.width <= 0 || size.height <= 0 || !(size.scale > 0.0) || !std::isfinite(size.scale))
        return ExportResult::failure(cannotWrite(path, tr("the size %1×%2 at scale %3 is not a figure size")
                                                             .arg(size.width)
                                                             .arg(size.height)
                                                             .arg(size.scale)));
    switch (format) {
    case FigureFormat::Png: return writePng(view, path, size);
    case FigureFormat::Svg: return writeSvg(view, path, size);
    case FigureFormat::Pdf: return writePdf(view, path, size);
    }
    return ExportResult::failure(cannotWrite(path, tr("unknown format")));
}

ExportResult exportFigure(QWidget* view, const QString& path, const FigureSize& size)
{
    const std::optional<FigureFormat> format = figureFormatForPath(path);
    if (!format)
        return ExportResult::failure(cannotWrite(path, tr("the name must end in .png, .svg or .pdf")));
    return exportFigure(view, path, *format, size);
}

} // namespace studio
