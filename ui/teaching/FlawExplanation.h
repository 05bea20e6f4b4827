#pragma once

// What a model flaw means, for a learner: the cause in words, the tutorial line that causes it
// (quoted as the tutorial writes it) and the fix. Texts in the window's language; code as code.

#include "common/ModelFlaw.h"

#include <QString>

namespace studio {

struct FlawExplanation {
    QString title;         // a few words, e.g. "The softmax runs over the wrong axis"
    QString explanation;   // why the window warns, in two or three sentences
    QString tutorial;      // which tutorial writes it, e.g. "Tutorial 003 (PyTorch AttentionLSTM)"
    QString tutorialCode;  // the line(s) of the tutorial that cause it, verbatim
    QString fix;           // what to change, in a sentence
    QString fixedCode;     // the line(s) as they should read
};

FlawExplanation explainFlaw(ModelFlaw flaw);

} // namespace studio
