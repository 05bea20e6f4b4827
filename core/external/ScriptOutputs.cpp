#include "external/ScriptOutputs.h"

#include <string>

namespace studio {

ScriptOutputs splitOutputs(const c10::IValue& out)
{
    ScriptOutputs result;
    if (out.isTensor()) {
        result.prediction = out.toTensor();
    } else if (out.isTuple()) {
        const auto& items = out.toTupleRef().elements();
        if (!items.empty() && items[0].isTensor())
            result.prediction = items[0].toTensor();
        if (items.size() >= 2 && items[1].isTensor())
            result.attention = items[1].toTensor();
    } else if (out.isGenericDict()) {
        const c10::Dict<c10::IValue, c10::IValue> dict = out.toGenericDict();
        for (const auto& entry : dict) {
            if (!entry.key().isString() || !entry.value().isTensor())
                continue;
            const std::string key = entry.key().toStringRef();
            if (key == "attention")
                result.attention = entry.value().toTensor();
            else if (!result.prediction || key == "output" || key == "logits" || key == "prediction")
                result.prediction = entry.value().toTensor();
        }
    }
    return result;
}

} // namespace studio
