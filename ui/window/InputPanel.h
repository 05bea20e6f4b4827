#pragma once

// The live input: text typed or pasted (every keystroke is a new request; the models answer the
// newest), or a series loaded from a CSV file.

#include "common/ValueTypes.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace studio {

struct SeriesData;

class InputPanel : public QWidget {
    Q_OBJECT
public:
    explicit InputPanel(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const;
    // Reads a CSV (one row per step, one numeric column per feature, header optional; columns that
    // are not numbers, such as dates, are left out). Returns an error sentence, or empty.
    QString loadSeries(const QString& path);
    QPlainTextEdit* editor() const { return m_editor; }

Q_SIGNALS:
    void inputChanged(const studio::InferenceRequest& request);
    void seriesLoaded(const studio::SeriesData& series);

private:
    QPlainTextEdit* m_editor = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace studio
