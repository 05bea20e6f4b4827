#include "runtime/ModelSession.h"

#include "common/StudioError.h"
#include "data/ForecastDataset.h"
#include "data/Normalizer.h"
#include "data/TextDataset.h"
#include "data/UcrImport.h"
#include "external/MetaTokenizer.h"
#include "external/TorchScriptModel.h"
#include "model/LabelGuess.h"
#include "model/Prediction.h"
#include "train/ModelFile.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <optional>

namespace studio {
namespace {

void applyGuess(const QStringList& labels, InferenceResult& result)
{
    if (const std::optional<LabelGuess> guess = guessLabel(labels, result.prediction)) {
        result.label = guess->label;
        result.probability = guess->probability;
    }
}

QString describeNative(const ModelConfig& config, const QStringList& labels)
{
    QString text = QStringLiteral("%1 attention, %2%3").arg(toString(config.attention),
                                                           config.bidirectional ? QStringLiteral("bi-") : QString(),
                                                           config.cell == RecurrentCell::Lstm ? QStringLiteral("LSTM")
                                                                                              : QStringLiteral("GRU"));
    if (config.head == HeadKind::Regression)
        return text + QStringLiteral(", regression");
    return text + QStringLiteral(", %1 classes").arg(std::max<int>(labels.size(), config.outputs == 1 ? 2 : config.outputs));
}

class NativeSession : public ModelSession {
public:
    explicit NativeSession(LoadedModelFile loaded, const QString& path)
        : loaded_(std::move(loaded))
    {
        const RunState& state = loaded_.state;
        summary_.path = path;
        summary_.name = QFileInfo(path).fileName();
        summary_.kind = QStringLiteral("native");
        summary_.input = toString(state.model.input);
        summary_.labels = state.labels;
        summary_.features = state.model.inputFeatures;
        summary_.description = describeNative(state.model, state.labels);
    }

    ModelSummary summary() const override { return summary_; }

    InferenceResult run(const InferenceRequest& request) override
    {
        const RunState& state = loaded_.state;
        InferenceResult result;
        Example example;
        QStringList tokens;
        if (state.model.input == InputKind::Tokens) {
            if (request.text.trimmed().isEmpty())
                return result;
            example = encodeText(request.text, state.preprocessing, state.vocabulary, &tokens);
            if (example.tokens.empty())
                return result;
            int unknown = 0;
            for (int64_t id : example.tokens)
                unknown += id == Vocabulary::kUnkId ? 1 : 0;
            if (unknown > 0)
                result.warnings << QStringLiteral("%1 of %2 words are not in the model's vocabulary and were read as <unk>.")
                                       .arg(unknown)
                                       .arg(example.tokens.size());
        } else {
            if (request.series.empty())
                return result;
            example.values = scaledSeries(request);
        }
        QElapsedTimer clock;
        clock.start();
        Prediction prediction = predictExample(loaded_.model, example, &state.vocabulary);
        result.milliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        result.prediction = std::move(prediction.output);
        result.attention = std::move(prediction.attention);
        if (!tokens.isEmpty())
            result.attention.tokens = tokens;  // the words as typed, an unknown word included
        result.tokenIds = example.tokens;
        result.source = result.attention.isEmpty() ? QStringLiteral("none") : QStringLiteral("output");
        result.warnings << prediction.warnings;
        if (isForecastPreprocessing(state.preprocessing))
            result.forecast = denormalizeTarget(result.prediction, state.preprocessing);
        applyGuess(state.labels, result);
        return result;
    }

private:
    // The model's own preparation. A forecasting model reads its input columns by name (so a file
    // like the training file, time column included, works), the last W rows (the window it was
    // trained on, as `attention-cli infer` does), each scaled as in training. A UCR model
    // z-normalizes the sequence when it was trained so.
    std::vector<float> scaledSeries(const InferenceRequest& request) const
    {
        const RunState& state = loaded_.state;
        if (isForecastPreprocessing(state.preprocessing))
            return forecastWindow(request);
        if (request.features != state.model.inputFeatures)
            throw StudioError(QStringLiteral("%1 reads %2 values per step, but the series has %3.")
                                  .arg(summary_.name)
                                  .arg(state.model.inputFeatures)
                                  .arg(request.features));
        if (isUcrPreprocessing(state.preprocessing))
            return makeUcrInput(std::vector<double>(request.series.begin(), request.series.end()), state.preprocessing).values;
        return request.series;
    }

    std::vector<float> forecastWindow(const InferenceRequest& request) const
    {
        const QJsonObject& preprocessing = loaded_.state.preprocessing;
        const ForecastSpec spec = forecastSpecFrom(preprocessing);
        const Normalizer normalizer = Normalizer::fromJson(preprocessing.value(QStringLiteral("normalization")).toObject());
        const QStringList inputs = spec.inputs();
        std::vector<int> sourceColumns;
        for (const QString& name : inputs) {
            int column = static_cast<int>(request.featureNames.indexOf(name));
            if (column < 0 && request.features == inputs.size())
                column = static_cast<int>(inputs.indexOf(name));  // no header: columns in the model's order
            if (column < 0)
                throw StudioError(QStringLiteral("%1 reads the column \"%2\", which the series does not have (it has %3): "
                                                 "load a file with the training file's columns.")
                                      .arg(summary_.name, name,
                                           request.featureNames.isEmpty() ? QStringLiteral("no header")
                                                                          : request.featureNames.join(QStringLiteral(", "))));
            sourceColumns.push_back(column);
        }
        const int64_t rows = static_cast<int64_t>(request.series.size()) / std::max(1, request.features);
        if (rows < spec.window)
            throw StudioError(QStringLiteral("%1 reads windows of %2 steps, but the series has %3: load at least %2.")
                                  .arg(summary_.name)
                                  .arg(spec.window)
                                  .arg(rows));
        std::vector<float> window;
        window.reserve(static_cast<size_t>(spec.window) * sourceColumns.size());
        for (int64_t row = rows - spec.window; row < rows; ++row)
            for (size_t i = 0; i < sourceColumns.size(); ++i) {
                const float raw = request.series[static_cast<size_t>(row * request.features + sourceColumns[i])];
                window.push_back(static_cast<float>(normalizer.apply(normalizer.indexOf(inputs.at(static_cast<int>(i))), raw)));
            }
        return window;
    }

    LoadedModelFile loaded_;
    ModelSummary summary_;
};

class TorchScriptSession : public ModelSession {
public:
    explicit TorchScriptSession(const QString& path)
        : model_(path)
    {
        const ModelMeta& meta = model_.meta();
        summary_.path = path;
        summary_.name = QFileInfo(path).fileName();
        summary_.kind = QStringLiteral("torchscript");
        summary_.input = meta.input == ExternalInputKind::Tokens   ? QStringLiteral("tokens")
                         : meta.input == ExternalInputKind::Series ? QStringLiteral("series")
                                                                   : QString();
        summary_.labels = meta.labels;
        summary_.features = static_cast<int>(meta.features.size());
        summary_.description = model_.hasMeta() ? QStringLiteral("TorchScript model with meta.json")
                                                : QStringLiteral("TorchScript model without meta.json");
        if (!meta.vocab.isEmpty())
            tokenizer_.emplace(meta, summary_.name);
    }

    ModelSummary summary() const override { return summary_; }

    InferenceResult run(const InferenceRequest& request) override
    {
        InferenceResult result;
        ExternalInput input;
        MetaTokens tokens;
        const bool text = summary_.input != QLatin1String("series") && request.series.empty();
        if (text) {
            if (!tokenizer_)
                throw StudioError(QStringLiteral("%1 has no vocabulary in its meta.json, so typed text cannot be read: "
                                                 "save it with a meta.json that has \"vocab\".").arg(summary_.name));
            tokens = tokenizer_->tokenize(request.text);
            if (tokens.ids.empty())
                return result;
            input.tokenIds = tokens.ids;
        } else {
            if (request.series.empty())
                return result;
            input.series = request.series;
            input.featureCount = request.features;
        }
        QElapsedTimer clock;
        clock.start();
        ExternalResult external = model_.run(input);
        result.milliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        result.prediction = std::move(external.prediction);
        result.attention = std::move(external.attention);
        result.attention.tokens = tokens.tokens;
        result.tokenIds = tokens.ids;
        result.source = attentionSourceName(external.source);
        result.warnings = tokens.warnings + external.warnings;
        applyGuess(summary_.labels, result);
        return result;
    }

private:
    TorchScriptModel model_;
    ModelSummary summary_;
    std::optional<MetaTokenizer> tokenizer_;
};

} // namespace

std::unique_ptr<ModelSession> ModelSession::open(const QString& path)
{
    try {
        LoadedModelFile loaded = loadModelFile(path);
        return std::make_unique<NativeSession>(std::move(loaded), path);
    } catch (const NotStudioModelFile&) {
        // Not one of ours: a model exported from PyTorch (which explains itself if it is not).
        return std::make_unique<TorchScriptSession>(path);
    }
}

} // namespace studio
