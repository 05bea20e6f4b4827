#pragma once

// What an explanation looks like as one figure (issue 13): the score explained, the rows of the
// attention and each attribution over the same steps (ExplanationRows), and the figures with
// their sentences (ExplanationReport). The window's panel shows it, File ▸ Export and
// `attention-cli render --view explain` draw it: one figure, wherever it is seen.

#include "common/Explanation.h"

#include <QWidget>

class QLabel;

namespace studio {

class ExplanationRows;

class ExplanationFigure : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationFigure(QWidget* parent = nullptr);

    // An explanation without steps clears the figure. `topK`: the k the report's overlap names.
    void setExplanation(const Explanation& explanation, int topK);
    // The height the whole figure takes at `width` (rows plus the wrapped report).
    int naturalHeight(int width);

    ExplanationRows* rows() const { return m_rows; }
    QLabel* report() const { return m_report; }
    QLabel* scoreLine() const { return m_scoreLine; }

private:
    QLabel* m_scoreLine = nullptr;
    ExplanationRows* m_rows = nullptr;
    QLabel* m_report = nullptr;
};

} // namespace studio
