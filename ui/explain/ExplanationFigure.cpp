#include "explain/ExplanationFigure.h"

#include "explain/ExplanationReport.h"
#include "explain/ExplanationRows.h"

#include <QLabel>
#include <QVBoxLayout>

namespace studio {

ExplanationFigure::ExplanationFigure(QWidget* parent)
    : QWidget(parent)
    , m_scoreLine(new QLabel(this))
    , m_rows(new ExplanationRows(this))
    , m_report(new QLabel(this))
{
    m_scoreLine->setWordWrap(true);
    m_report->setWordWrap(true);
    m_report->setTextFormat(Qt::RichText);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_scoreLine);
    layout->addWidget(m_rows);
    layout->addWidget(m_report);
    layout->addStretch(1);
}

void ExplanationFigure::setExplanation(const Explanation& explanation, int topK)
{
    if (explanation.steps.isEmpty()) {
        m_rows->clear();
        m_report->clear();
        m_scoreLine->clear();
        return;
    }
    m_scoreLine->setText(ExplanationReport::scoreLine(explanation));
    m_rows->setExplanation(explanation);
    m_report->setText(ExplanationReport::html(explanation, topK));
}

int ExplanationFigure::naturalHeight(int width)
{
    resize(width, height() > 0 ? height() : 100);
    layout()->activate();
    // A plot's height follows its layout (a wrapped title, tokens standing vertical): a few rounds
    // settle it, each one exact once the width is fixed.
    constexpr int kRounds = 3;
    for (int round = 0; round < kRounds && m_rows->settleHeights(); ++round)
        layout()->activate();
    return std::max(layout()->totalMinimumSize().height(), layout()->totalHeightForWidth(width));
}

} // namespace studio
