// Not a fuzzer: writes the seeds of fuzz_model_file into the folder given, small model files of
// each input kind saved by the same ModelFile code the fuzzer reads them with (no optimizer state
// in one, Adam's in the other), so the seeds always match the current format.

#include "common/StudioError.h"
#include "train/ModelFile.h"

#include <ATen/Parallel.h>
#include <torch/optim/adam.h>

#include <QDir>
#include <QJsonArray>

#include <cstdio>

using namespace studio;

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    torch::manual_seed(0);
    at::set_num_threads(1);
    const QDir out(QString::fromLocal8Bit(argv[1]));
    try {
        RunState tokens;
        tokens.model.input = InputKind::Tokens;
        tokens.model.vocabularySize = 6;
        tokens.model.embeddingDim = 2;
        tokens.model.hiddenSize = 2;
        tokens.vocabulary = Vocabulary::fromJson(QJsonArray{QStringLiteral("<pad>"), QStringLiteral("<unk>"),
                                                            QStringLiteral("good"), QStringLiteral("bad"),
                                                            QStringLiteral("film"), QStringLiteral("plot")});
        tokens.labels = QStringList{QStringLiteral("neg"), QStringLiteral("pos")};
        tokens.history.push_back(EpochMetrics{});
        AttentionModel tokenModel = buildModel(tokens.model);
        saveModelFile(out.filePath(QStringLiteral("tokens.asmodel")), tokens, tokenModel, nullptr);

        RunState series;
        series.model.input = InputKind::Series;
        series.model.inputFeatures = 2;
        series.model.hiddenSize = 2;
        series.model.attention = AttentionKind::Dot;
        series.model.head = HeadKind::MultiClass;
        series.model.outputs = 3;
        series.labels = QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        AttentionModel seriesModel = buildModel(series.model);
        torch::optim::Adam adam(seriesModel->parameters());
        saveModelFile(out.filePath(QStringLiteral("series.asmodel")), series, seriesModel, &adam);
    } catch (const StudioError& error) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return 1;
    }
    return 0;
}
