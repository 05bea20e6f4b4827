#pragma once

// A model flaw explained (FlawExplanation): the cause, the tutorial's line and the fix, side by
// side as text and code. Opened from a warning's "Why?" link; not modal, so the learner can keep
// typing while reading it.

#include "common/ModelFlaw.h"

#include <QDialog>

namespace studio {

class FlawExplanationDialog : public QDialog {
    Q_OBJECT
public:
    explicit FlawExplanationDialog(ModelFlaw flaw, QWidget* parent = nullptr);

    ModelFlaw flaw() const { return m_flaw; }

private:
    ModelFlaw m_flaw;
};

} // namespace studio
