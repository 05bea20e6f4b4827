// The Lambda layer's marshal reader (core/external/keras/LambdaCode): the input is the marshalled
// Python code object itself (base64-encoded here, as Keras stores it), read and then recognised
// through both config forms (Keras 2's list, Keras 3's __lambda__ object).

#include "common/StudioError.h"
#include "external/keras/LambdaCode.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace studio;
using namespace studio::keras;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString base64 = QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)).toBase64());
    try {
        readLambdaCode(base64);
    } catch (const StudioError&) {
    }
    const QJsonValue keras2 = QJsonArray{base64, QJsonValue::Null, QJsonValue::Null};
    const QJsonValue keras3 = QJsonObject{
        {QStringLiteral("class_name"), QStringLiteral("__lambda__")},
        {QStringLiteral("config"), QJsonObject{{QStringLiteral("code"), base64}}},
    };
    for (const QJsonValue& config : {keras2, keras3}) {
        try {
            QString description;
            recogniseLambda(config, &description);
        } catch (const StudioError&) {
        }
    }
    return 0;
}
