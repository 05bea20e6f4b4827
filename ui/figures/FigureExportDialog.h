#pragma once

// Asks where to save a figure and at which size: width and height in logical pixels (fonts keep
// their size, so a bigger figure gets more room) and, for PNG, a resolution scale. The format
// follows the file name's extension: .png, .svg or .pdf.

#include "figures/FigureExport.h"

#include <QDialog>

class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace studio {

class FigureExportDialog : public QDialog {
    Q_OBJECT
public:
    FigureExportDialog(const FigureSize& initial, const QString& suggestedPath, QWidget* parent = nullptr);

    QString path() const;
    FigureSize size() const;

private:
    QLineEdit* m_path = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
};

} // namespace studio
