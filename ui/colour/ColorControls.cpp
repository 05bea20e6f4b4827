#include "colour/ColorControls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSignalBlocker>

namespace studio {
namespace {

// Size of the colour swatch drawn beside each colormap name in the combo box.
constexpr QSize kSwatchSize(48, 12);
// Decimals of the range spin boxes: attention weights of long inputs are small.
constexpr int kRangeDecimals = 4;
constexpr double kRangeLimit = 1e6;

QIcon swatch(ColormapId id)
{
    QPixmap pixmap(kSwatchSize);
    QPainter painter(&pixmap);
    const Colormap colormap(id);
    for (int x = 0; x < kSwatchSize.width(); ++x) {
        painter.setPen(colormap.colorAt(x / double(kSwatchSize.width() - 1)));
        painter.drawLine(x, 0, x, kSwatchSize.height() - 1);
    }
    return QIcon(pixmap);
}

QDoubleSpinBox* boundBox(QWidget* parent, const QString& toolTip)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setDecimals(kRangeDecimals);
    box->setRange(-kRangeLimit, kRangeLimit);
    box->setSingleStep(0.01);
    box->setToolTip(toolTip);
    box->setKeyboardTracking(false);  // apply when typing is done, not at every digit
    box->setMaximumWidth(84);
    return box;
}

} // namespace

ColorControls::ColorControls(QWidget* parent)
    : QWidget(parent)
{
    m_colormaps = new QComboBox(this);
    m_colormaps->setIconSize(kSwatchSize);
    for (ColormapId id : Colormap::all())
        m_colormaps->addItem(swatch(id), Colormap::displayName(id), static_cast<int>(id));
    m_colormaps->setToolTip(tr("Colormap"));
    // Narrow enough for a side dock: the swatch says most of it, the name may be cut.
    m_colormaps->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_colormaps->setMinimumContentsLength(7);

    m_automatic = new QCheckBox(tr("Auto range"), this);
    m_automatic->setChecked(true);
    m_automatic->setToolTip(tr("Follow the data shown; turn off to keep fixed bounds, so colours "
                               "compare across inputs and epochs"));
    m_lower = boundBox(this, tr("Value drawn with the colormap's low end"));
    m_upper = boundBox(this, tr("Value drawn with the colormap's high end"));
    m_upper->setValue(1.0);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Colours:"), this));
    layout->addWidget(m_colormaps);
    layout->addSpacing(12);
    layout->addWidget(m_automatic);
    layout->addWidget(m_lower);
    layout->addWidget(new QLabel(tr("to"), this));
    layout->addWidget(m_upper);
    layout->addStretch(1);

    connect(m_colormaps, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT colormapChanged(colormap()); });
    connect(m_automatic, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        emitRange();
    });
    connect(m_lower, &QDoubleSpinBox::valueChanged, this, &ColorControls::emitRange);
    connect(m_upper, &QDoubleSpinBox::valueChanged, this, &ColorControls::emitRange);
    updateEnabled();
}

ColormapId ColorControls::colormap() const
{
    return static_cast<ColormapId>(m_colormaps->currentData().toInt());
}

ColorRange ColorControls::colorRange() const
{
    if (m_automatic->isChecked())
        return m_symmetric ? ColorRange::symmetricAutomatic() : ColorRange::automatic();
    return ColorRange::fixed(m_lower->value(), m_upper->value());
}

void ColorControls::setColormap(ColormapId id)
{
    const QSignalBlocker blocker(m_colormaps);
    m_colormaps->setCurrentIndex(m_colormaps->findData(static_cast<int>(id)));
}

void ColorControls::setColorRange(const ColorRange& range)
{
    const QSignalBlocker blockAutomatic(m_automatic);
    const QSignalBlocker blockLower(m_lower);
    const QSignalBlocker blockUpper(m_upper);
    m_symmetric = range.mode() == ColorRange::Mode::SymmetricAutomatic;
    m_automatic->setChecked(range.isAutomatic());
    if (!range.isAutomatic()) {
        m_lower->setValue(range.fixedLower());
        m_upper->setValue(range.fixedUpper());
    }
    updateEnabled();
}

void ColorControls::chooseColormap(ColormapId id)
{
    setColormap(id);
    Q_EMIT colormapChanged(id);
}

void ColorControls::chooseColorRange(const ColorRange& range)
{
    setColorRange(range);
    Q_EMIT colorRangeChanged(range);
}

void ColorControls::showResolvedBounds(const ValueBounds& bounds)
{
    if (!m_automatic->isChecked())
        return;
    const QSignalBlocker blockLower(m_lower);
    const QSignalBlocker blockUpper(m_upper);
    m_lower->setValue(bounds.lower);
    m_upper->setValue(bounds.upper);
}

void ColorControls::emitRange()
{
    Q_EMIT colorRangeChanged(colorRange());
}

void ColorControls::updateEnabled()
{
    m_lower->setEnabled(!m_automatic->isChecked());
    m_upper->setEnabled(!m_automatic->isChecked());
}

} // namespace studio
