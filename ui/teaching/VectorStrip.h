#pragma once

// A vector of numbers as a strip of cells, one per element, each coloured by its value on a
// blue-white-red scale symmetric around 0 and showing the value when it fits. Hovering a cell
// says what the number is and where it came from (the owner's words, per cell). Used by the
// step-through view for hₜ, the score terms, αₜ·hₜ and the context vector.

#include <QWidget>

#include <functional>
#include <vector>

namespace studio {

class VectorStrip : public QWidget {
    Q_OBJECT
public:
    explicit VectorStrip(QWidget* parent = nullptr);

    // `scale`: the |value| drawn at full colour; 0: the largest |value| of the strip.
    void setValues(std::vector<double> values, double scale = 0.0);
    const std::vector<double>& values() const { return m_values; }
    // Words for the tooltip of cell `index` (the value is added before them).
    void setExplanation(std::function<QString(int index)> explain) { m_explain = std::move(explain); }
    // A thin gap drawn before cell `index` (a Bi-LSTM's backward half); -1: none.
    void setDivider(int index);

    int cellAt(const QPoint& position) const;  // -1 outside the cells
    QRect cellRect(int index) const;
    QString toolTipFor(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<double> m_values;
    double m_scale = 1.0;
    int m_divider = -1;
    std::function<QString(int)> m_explain;
};

} // namespace studio
