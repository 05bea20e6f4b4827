#include "common/TaskKinds.h"

#include "common/EnumNames.h"

namespace studio {
namespace {

const EnumNameTable<InputKind, 2> kInputNames{{
    {InputKind::Tokens, "tokens"},
    {InputKind::Series, "series"},
}};
const EnumNameTable<HeadKind, 3> kHeadNames{{
    {HeadKind::Binary, "binary"},
    {HeadKind::MultiClass, "multiclass"},
    {HeadKind::Regression, "regression"},
}};

} // namespace

QString toString(InputKind kind) { return enumName(kInputNames, kind); }
QString toString(HeadKind kind) { return enumName(kHeadNames, kind); }
bool parseInputKind(const QString& name, InputKind* out) { return parseEnumName(kInputNames, name, out); }
bool parseHeadKind(const QString& name, HeadKind* out) { return parseEnumName(kHeadNames, name, out); }

} // namespace studio
