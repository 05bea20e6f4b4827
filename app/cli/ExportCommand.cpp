// attention-cli export: a native model's weights for PyTorch (torch.load reads the file).

#include "Commands.h"

#include "io/PyTorchExport.h"
#include "train/ModelFile.h"

#include <QFileInfo>
#include <QJsonObject>

namespace studio::cli {
namespace {

const QString kModel = QStringLiteral("model");
const QString kOut = QStringLiteral("out");

} // namespace

int runExport(const CommandLine& line)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write a model file's weights as a PyTorch state dict that torch.load reads.\n"
                       "examples/pytorch/studio_models.py rebuilds the same model from it:\n"
                       "  model, info = studio_models.load_export(\"model.pt\")\n"
                       "The file also carries the model's configuration, vocabulary, labels and preprocessing."));
    parser.addOption({kModel, QStringLiteral("Model file written by attention-cli train (required)."), QStringLiteral("file")});
    parser.addOption({kOut, QStringLiteral("The state-dict file to write, e.g. model.pt (required)."), QStringLiteral("file")});
    addFormatOption(parser);
    if (!parseCommandLine(parser, line, QStringLiteral("export --model FILE --out FILE.pt")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);
    const QString modelPath = requiredOption(parser, kModel);
    const QString outPath = requiredOption(parser, kOut);
    if (QFileInfo(outPath).absoluteFilePath() == QFileInfo(modelPath).absoluteFilePath())
        throw UsageError(QStringLiteral("--out is the model file itself: choose another name, or the model would be lost."));

    LoadedModelFile loaded = loadModelFile(modelPath);
    exportStateDict(outPath, loaded.state, loaded.model);
    const int64_t parameterCount = [&] {
        int64_t count = 0;
        for (const auto& parameter : loaded.model->parameters())
            count += parameter.numel();
        return count;
    }();
    if (format == OutputFormat::Json) {
        printJson(QJsonObject{{QStringLiteral("out"), outPath},
                              {QStringLiteral("parameters"), static_cast<qint64>(parameterCount)},
                              {QStringLiteral("tensors"), static_cast<qint64>(loaded.model->named_parameters().size())}});
    } else {
        printOut(QStringLiteral("Wrote %1 (%2 parameters). In Python: studio_models.load_export(\"%1\").")
                     .arg(outPath)
                     .arg(parameterCount));
    }
    return kExitOk;
}

} // namespace studio::cli
