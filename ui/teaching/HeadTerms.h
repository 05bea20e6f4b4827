#pragma once

// The last stage of the step-through view: the output layer's raw outputs z = W_o c + b_o, each
// written out, what the model makes of them (σ, a softmax, or the value itself) and the
// prediction in a sentence.

#include "common/AttentionTrace.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace studio {

struct HeadRow {
    QString name;   // the class (or output number)
    double z = 0.0;
    QString zWords;      // the sum written out
    double value = 0.0;  // probability, or the output itself
    QString valueWords;
};

struct HeadExplanation {
    QStringList headers;
    std::vector<HeadRow> rows;
    QString prediction;  // rich text
};

class HeadTerms {
    Q_DECLARE_TR_FUNCTIONS(HeadTerms)
public:
    static HeadExplanation explain(const AttentionTrace& trace);
};

} // namespace studio
