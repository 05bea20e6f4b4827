#pragma once

// Ticks for an axis whose integer coordinates are steps: tokens, time steps, features. Each tick
// sits on a step and carries its label (a token, or the step number). Only as many labels are
// shown as fit without overlapping at the axis' current length, every k-th step with k from
// 1, 2, 5, 10, 20, 50, …, so zooming in reveals them all and panning keeps them still.

#include <qcustomplot.h>

#include <QPointer>
#include <QStringList>

namespace studio {

class StepAxisTicker : public QCPAxisTicker {
public:
    explicit StepAxisTicker(QCPAxis* axis);

    // `count` steps labelled 0 … count-1; `labels`, when it has one entry per step, replaces
    // the numbers. Crowded token labels on a horizontal axis turn vertical.
    void setSteps(int count, const QStringList& labels = {});
    int stepCount() const { return m_count; }

    // The label of step i as drawn (long tokens are shortened with an ellipsis).
    QString labelOf(int step) const;

protected:
    double getTickStep(const QCPRange& range) override;
    int getSubTickCount(double tickStep) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;

private:
    double axisLengthInPixels();
    int widestLabel(const QFont& font);

    QPointer<QCPAxis> m_axis;
    QStringList m_labels;  // already shortened; empty: step numbers
    int m_count = 0;
    QFont m_measuredFont;  // the font m_widestLabel was measured with
    int m_widestLabel = -1;
    int m_previousViewportLength = -1;  // the plot's length along the axis at the last layout
};

} // namespace studio
