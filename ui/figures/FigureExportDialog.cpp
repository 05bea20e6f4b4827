#include "figures/FigureExportDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

namespace studio {

FigureExportDialog::FigureExportDialog(const FigureSize& initial, const QString& suggestedPath, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export Figure"));
    m_path = new QLineEdit(suggestedPath, this);
    auto* browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_width = new QSpinBox(this);
    m_width->setRange(100, 10000);
    m_width->setValue(initial.width);
    m_width->setSuffix(tr(" px"));
    m_height = new QSpinBox(this);
    m_height->setRange(50, 10000);
    m_height->setValue(initial.height);
    m_height->setSuffix(tr(" px"));
    m_scale = new QDoubleSpinBox(this);
    m_scale->setRange(0.5, 8.0);
    m_scale->setSingleStep(0.5);
    m_scale->setValue(initial.scale);
    m_scale->setToolTip(tr("PNG only: 2 gives twice the pixels in each direction (print, HiDPI)."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);

    auto* form = new QFormLayout(this);
    form->addRow(tr("File (.png, .svg, .pdf)"), pathRow);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    form->addRow(tr("PNG scale"), m_scale);
    form->addRow(buttons);

    connect(browse, &QToolButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getSaveFileName(this, tr("Export Figure"), m_path->text(),
                                                            tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
        if (!chosen.isEmpty())
            m_path->setText(chosen);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString FigureExportDialog::path() const { return m_path->text(); }

FigureSize FigureExportDialog::size() const
{
    FigureSize size;
    size.width = m_width->value();
    size.height = m_height->value();
    size.scale = m_scale->value();
    return size;
}

} // namespace studio
