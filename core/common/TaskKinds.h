#pragma once

// What a model reads and what it predicts: shared by the data (a dataset is tokens or a series,
// for a binary, multi-class or regression head) and the models built for it, so core/data needs
// nothing from core/model.

#include <QString>

namespace studio {

enum class InputKind { Tokens, Series };
enum class HeadKind { Binary, MultiClass, Regression };

QString toString(InputKind kind);
QString toString(HeadKind kind);
// Each parser returns false for an unknown name and leaves `out` alone.
bool parseInputKind(const QString& name, InputKind* out);
bool parseHeadKind(const QString& name, HeadKind* out);

} // namespace studio
