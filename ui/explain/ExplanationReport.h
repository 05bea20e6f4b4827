#pragma once

// The figures of an explanation as a person reads them (issue 13): the score explained, each
// method's agreement with the attention, the faithfulness of each ranking against random steps,
// the interventions and integrated gradients' completeness — each with one sentence on how to
// read it. Rich text for the panel and the rendered figure; the window's language.

#include "common/Explanation.h"

#include <QCoreApplication>
#include <QString>

namespace studio {

class ExplanationReport {
    Q_DECLARE_TR_FUNCTIONS(ExplanationReport)
public:
    // The method's name as rows and tables show it ("Attention", "Integrated gradients", ...).
    static QString methodName(AttributionMethod method);
    // A series method's per-feature map as its title names it ("Gradient ∂s/∂x per feature", ...).
    static QString featureMethodName(AttributionMethod method);
    static QString rankingName(const QString& ranking);  // a method's JSON name, or "random"
    // What the explained number is, one line.
    static QString scoreLine(const Explanation& explanation);
    // The figures below the rows (the score line is shown above them); parts whose stage has not
    // arrived yet say so.
    static QString html(const Explanation& explanation, int topK);
};

} // namespace studio
