#include "session/ModelFileCheckChild.h"

#include "common/StudioError.h"
#include "io/ModelFileCheck.h"
#include "session/ModelSession.h"

#include <cstdio>
#include <new>

namespace studio {
namespace {

const QString kKerasConfig = QStringLiteral("--keras-config");
const QString kTokenizer = QStringLiteral("--tokenizer");
const QString kMaxLength = QStringLiteral("--max-length");
const QString kFormula = QStringLiteral("--formula");

int exitWith(ModelFileCheckExit code)
{
    return static_cast<int>(code);
}

} // namespace

QStringList modelFileCheckArguments(const SessionOptions& options)
{
    QStringList arguments;
    if (!options.kerasConfig.isEmpty())
        arguments << kKerasConfig << options.kerasConfig;
    if (!options.tokenizer.isEmpty())
        arguments << kTokenizer << options.tokenizer;
    if (options.maxLength > 0)
        arguments << kMaxLength << QString::number(options.maxLength);
    if (!options.formula.isEmpty())
        arguments << kFormula << options.formula;
    return arguments;
}

int runModelFileCheck(const QStringList& arguments)
{
    if (arguments.isEmpty() || arguments.size() % 2 == 0)
        return exitWith(ModelFileCheckExit::Usage);
    SessionOptions options;
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        const QString& name = arguments.at(i);
        const QString& value = arguments.at(i + 1);
        if (name == kKerasConfig)
            options.kerasConfig = value;
        else if (name == kTokenizer)
            options.tokenizer = value;
        else if (name == kMaxLength)
            options.maxLength = value.toInt();
        else if (name == kFormula)
            options.formula = value;
        else
            return exitWith(ModelFileCheckExit::Usage);
    }
    try {
        ModelSession::open(arguments.first(), options);
        return exitWith(ModelFileCheckExit::Readable);
    } catch (const std::bad_alloc&) {
        return exitWith(ModelFileCheckExit::OutOfMemory);
    } catch (const StudioError& error) {
        std::fputs(error.message().toUtf8().constData(), stderr);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "%s could not be read: %s", qPrintable(arguments.first()), error.what());
    }
    return exitWith(ModelFileCheckExit::Unreadable);
}

} // namespace studio
