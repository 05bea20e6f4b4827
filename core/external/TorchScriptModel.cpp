#include "external/TorchScriptModel.h"

#include "external/SequenceLayoutChoice.h"

#include "common/StudioError.h"
#include "external/ScriptOutputs.h"
#include "external/SoftmaxProbe.h"
#include "external/TorchScriptExplainedInput.h"

#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/csrc/jit/serialization/import.h>
#include <ATen/Functions.h>
#include <c10/core/InferenceMode.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cmath>
#include <optional>

namespace studio {

namespace {

constexpr double kSumTolerance = 1e-4;      // float32 softmax over a few hundred steps stays well inside
constexpr double kPaddingTolerance = 1e-6;  // "exactly zero" up to float noise
const char* const kMetaFile = "meta.json";

// c10::Error messages carry a backtrace and an "Exception raised from" tail: keep the first line.
QString firstLine(const char* what)
{
    const QString all = QString::fromUtf8(what).trimmed();
    return all.section(QLatin1Char('\n'), 0, 0).trimmed();
}

// Turns what LibTorch says when a load fails into what it means for the person holding the file.
QString explainLoadError(const QString& path, const QString& raw)
{
    const QString name = QFileInfo(path).fileName();
    if (raw.contains(QLatin1String("central directory")) || raw.contains(QLatin1String("zip archive")))
        return QStringLiteral("%1 is not a TorchScript file: it is not a complete zip archive (TorchScript "
                              "files are zip archives written by torch.jit.save; this one is another kind of "
                              "file, or was cut short by an interrupted download or copy).").arg(name);
    static const QRegularExpression version(
        QStringLiteral("version (\\d+), but the maximum supported version for reading is (\\d+)"));
    const QRegularExpressionMatch m = version.match(raw);
    if (m.hasMatch())
        return QStringLiteral("%1 was saved by a newer PyTorch than the LibTorch 1.13 inside Attention Studio "
                              "reads (file format version %2; this build reads up to %3). Save the model again "
                              "with PyTorch 1.13, or with a version whose files stay at format %3 or below.")
            .arg(name, m.captured(1), m.captured(2));
    static const QRegularExpression unknownOperator(QStringLiteral("Unknown builtin op: ([\\w:]+)"));
    const QRegularExpressionMatch op = unknownOperator.match(raw);
    if (op.hasMatch())
        return QStringLiteral("%1 calls the operator %2, which the LibTorch 1.13 inside Attention Studio does not "
                              "have: the model was probably saved by a newer PyTorch that added it. Save it with "
                              "PyTorch 1.13, or replace that call with operations 1.13 has.").arg(name, op.captured(1));
    if (raw.contains(QLatin1String("failed locating file")))
        return QStringLiteral("%1 is a PyTorch file but not TorchScript (probably a state dict or object saved "
                              "with torch.save). Export the model with torch.jit.script or torch.jit.trace and "
                              "save it with torch.jit.save.").arg(name);
    return QStringLiteral("%1 could not be opened as a TorchScript model: %2").arg(name, raw);
}

QString shapeText(at::IntArrayRef sizes)
{
    QStringList parts;
    for (int64_t s : sizes)
        parts << QString::number(s);
    return parts.isEmpty() ? QStringLiteral("scalar") : parts.join(QChar(0x00D7));
}

// Removes the batch axis (size 1) and trailing unit axes, so that (1, T), (T, 1, 1) and (T)
// all become (T); (1, T, T) becomes (T, T) and (T, 1, d) becomes (T, d).
at::Tensor withoutBatchAxis(const at::Tensor& raw, bool timeMajor)
{
    at::Tensor t = raw.detach().to(at::kCPU, at::kFloat).contiguous();
    const int64_t batchAxis = timeMajor ? 1 : 0;
    if (t.dim() >= 2 && t.size(batchAxis) == 1)
        t = t.squeeze(batchAxis);
    else if (t.dim() >= 2 && t.size(0) == 1)  // a time-major model that returns batch-first attention
        t = t.squeeze(0);
    while (t.dim() > 1 && t.size(-1) == 1)
        t = t.squeeze(-1);
    return t.contiguous();
}

// A distribution over time: (T), self-attention (T, T) or per-feature (T, d).
bool fitsTime(const at::Tensor& t, int64_t steps)
{
    return (t.dim() == 1 || t.dim() == 2) && t.size(0) == steps;
}

// Why an attention does not sum to 1 over time, as far as the graph tells. `softmax` is the raw
// output of the graph softmax it came from and `dim` that softmax's axis, when known.
QString sumExplanation(const at::Tensor& a, const at::Tensor* softmax, std::optional<int64_t> dim, bool timeMajor)
{
    const bool allOnes = a.numel() > 0 && (a - 1.0).abs().max().item<double>() <= kSumTolerance;
    if (allOnes && softmax && dim) {
        const int64_t rank = softmax->dim();
        const int64_t axis = *dim < 0 ? *dim + rank : *dim;
        const int64_t batchAxis = timeMajor ? 1 : 0;
        if (axis == batchAxis && axis < rank && softmax->size(axis) == 1)
            return QCoreApplication::translate("studio", " Its softmax ran over the batch axis (dim=%1 of the %2 %3 scores), which holds the "
                                                         "one example, so every weight is 1.0: it is not a distribution over the input "
                                                         "(softmax over the time axis, dim=%4, would be).")
                .arg(*dim)
                .arg(timeMajor ? QStringLiteral("time-major") : QStringLiteral("batch-first"))
                .arg(shapeText(softmax->sizes()))
                .arg(timeMajor ? 0 : 1);
    }
    if (allOnes)
        return QCoreApplication::translate("studio", " Every weight is 1.0, as a softmax over an axis of length one gives: it was probably "
                                                     "taken over the batch axis (as a time-major model calling softmax(dim=1) does), so the "
                                                     "weights are not a distribution over the input.");
    return QCoreApplication::translate("studio", " Its softmax was probably taken over another axis (for example over the batch axis, as a "
                                                 "time-major model calling softmax(dim=1) does), so the weights are not a distribution over "
                                                 "the input.");
}

// True when the weights are not distributions over time (a warning was added).
bool checkSums(const at::Tensor& a, int64_t steps, const QString& why, QStringList& warnings)
{
    const int before = warnings.size();
    if (a.dim() == 1) {
        const double sum = a.sum().item<double>();
        if (std::abs(sum - 1.0) > kSumTolerance)
            warnings << QCoreApplication::translate("studio", "The attention sums to %1 over the time axis, not 1.").arg(sum) + why;
    } else if (a.size(1) == steps) {
        // Self-attention: each query's row is a distribution over the keys.
        const double worst = (a.sum(1) - 1.0).abs().max().item<double>();
        if (worst > kSumTolerance)
            warnings << QCoreApplication::translate("studio", "A row of the %1×%1 attention sums to %2 away from 1.").arg(steps).arg(worst) + why;
    } else {
        // Per-feature: each column is a distribution over time.
        const double worst = (a.sum(0) - 1.0).abs().max().item<double>();
        if (worst > kSumTolerance)
            warnings << QCoreApplication::translate("studio", "A feature's attention sums to %1 away from 1 over the time axis.").arg(worst) + why;
    }
    return warnings.size() > before;
}

// True when padded steps get weight (a warning was added).
bool checkPadding(const at::Tensor& a, const std::vector<int64_t>& ids, int64_t padId, QStringList& warnings)
{
    double leaked = 0.0;
    for (size_t step = 0; step < ids.size(); ++step) {
        if (ids[step] != padId)
            continue;
        const auto s = static_cast<int64_t>(step);
        // Attention *to* a padded step: its entry, its column in T×T, its row in T×d.
        const at::Tensor part = a.dim() == 1 ? a[s] : (a.size(1) == a.size(0) ? a.select(1, s) : a[s]);
        leaked = std::max(leaked, part.abs().max().item<double>());
    }
    if (leaked <= kPaddingTolerance)
        return false;
    warnings << QCoreApplication::translate("studio", "The model puts attention on padding (up to %1 on a step with pad id "
                                                      "%2); padded steps should get exactly zero attention, so the model "
                                                      "probably does not mask them.")
                    .arg(leaked)
                    .arg(padId);
    return true;
}

void fillAttention(const at::Tensor& a, AttentionMap& out)
{
    out.shape.assign(a.sizes().begin(), a.sizes().end());
    const float* p = a.data_ptr<float>();
    out.values.assign(p, p + a.numel());
}

} // namespace

QString attentionSourceName(AttentionSource source)
{
    switch (source) {
    case AttentionSource::Output: return QStringLiteral("output");
    case AttentionSource::Graph: return QStringLiteral("graph");
    case AttentionSource::None: break;
    }
    return QStringLiteral("none");
}

struct TorchScriptModel::Impl {
    QString path;
    QString name;  // file name, for messages
    bool hasMeta = false;
    ModelMeta meta;
    torch::jit::Module module;

    // run() is const but not thread-safe: one worker thread owns a model.
    mutable std::optional<SoftmaxProbe> probe;
    // Structural, so found once: from the first run's softmax ranks.
    mutable std::optional<QStringList> positionalBiasWarnings;
    mutable std::optional<bool> returnsAttention;  // known after the first run
    mutable std::optional<LayoutEvidence> graphLayout;  // from the probe's inlined graph, found once

    SoftmaxProbe& softmaxProbe() const;
    at::Tensor normalized(const at::Tensor& series) const;
    at::Tensor inputTensor(const ExternalInput& input, bool timeMajor) const;
    QString fixedLengthHint(int64_t steps) const;
    void checkForwardSignature() const;
};

// The probe is built on first need and reused: cloning and inlining take longer than a run.
SoftmaxProbe& TorchScriptModel::Impl::softmaxProbe() const
{
    if (!probe)
        probe = buildSoftmaxProbe(module);
    return *probe;
}

// When a model fails on an input, a per-position score parameter of another length is the likely
// reason (the Keras layer's b of shape (T, 1)): say which length the model takes.
QString TorchScriptModel::Impl::fixedLengthHint(int64_t steps) const
{
    try {
        for (const ScoreParameter& parameter : softmaxProbe().scoreParameters) {
            int64_t positions = 1;
            int longAxes = 0;
            for (int64_t size : parameter.shape)
                if (size > 1) {
                    positions = size;
                    ++longAxes;
                }
            if (longAxes == 1 && positions != steps)
                return QStringLiteral(" The attention scores add \"%1\", which holds one value per position for %2 "
                                      "positions: give an input of %2 steps.")
                    .arg(parameter.name)
                    .arg(positions);
        }
    } catch (const std::exception&) {
        // No hint is better than a second error on top of the first.
    }
    return {};
}

at::Tensor TorchScriptModel::Impl::normalized(const at::Tensor& series) const
{
    if (meta.inputOffset.empty())
        return series;
    const auto features = static_cast<size_t>(series.size(-1));
    if (meta.inputOffset.size() != features)
        throw StudioError(QStringLiteral("The meta.json of %1 normalizes %2 features, but the series has %3 per step: "
                                         "give the columns the model was trained on.")
                              .arg(name)
                              .arg(meta.inputOffset.size())
                              .arg(features));
    const at::Tensor offset = at::tensor(meta.inputOffset, at::kDouble).to(at::kFloat);
    const at::Tensor scale = at::tensor(meta.inputScale, at::kDouble).to(at::kFloat);
    return (series - offset) / scale;
}

// The input as the model reads it: ids (1, T) or (T, 1) as int64; a series (1, T, F) or (T, 1, F)
// as float, after meta.json's normalization.
at::Tensor TorchScriptModel::Impl::inputTensor(const ExternalInput& input, bool timeMajor) const
{
    at::Tensor x;
    if (!input.tokenIds.empty()) {
        const auto steps = static_cast<int64_t>(input.tokenIds.size());
        // from_blob borrows the caller's buffer: clone so the tensor owns its data.
        x = at::from_blob(const_cast<int64_t*>(input.tokenIds.data()), {1, steps}, at::kLong).clone();
    } else {
        const int64_t f = input.featureCount;
        if (f <= 0 || static_cast<int64_t>(input.series.size()) % f != 0)
            throw StudioError(QStringLiteral("The series for %1 has %2 values, which is not a whole number of rows "
                                             "of %3 features.").arg(name).arg(input.series.size()).arg(f));
        const int64_t steps = static_cast<int64_t>(input.series.size()) / f;
        x = at::from_blob(const_cast<float*>(input.series.data()), {1, steps, f}, at::kFloat).clone();
        x = normalized(x);
    }
    if (timeMajor)
        x = x.transpose(0, 1).contiguous();  // (T, 1) or (T, 1, F), as nn.LSTM without batch_first
    return x;
}

void TorchScriptModel::Impl::checkForwardSignature() const
{
    const c10::FunctionSchema& schema = module.get_method("forward").function().getSchema();
    const auto& args = schema.arguments();  // args[0] is self
    QStringList names;
    int required = 0;
    for (size_t i = 1; i < args.size(); ++i) {
        names << QString::fromStdString(args[i].name());
        if (!args[i].default_value())
            ++required;
    }
    const bool oneTensor = args.size() >= 2 && required <= 1 && args[1].type()->kind() == c10::TypeKind::TensorType;
    if (!oneTensor)
        throw StudioError(QStringLiteral("The model in %1 takes forward(%2), but Attention Studio feeds a model one "
                                         "tensor (token ids or a series): wrap it in a module whose forward takes "
                                         "one tensor.").arg(name, names.join(QStringLiteral(", "))));
}

TorchScriptModel::TorchScriptModel(const QString& path) : d(std::make_unique<Impl>())
{
    d->path = path;
    d->name = QFileInfo(path).fileName();
    const QFileInfo info(path);
    if (!info.exists())
        throw StudioError(QStringLiteral("There is no file %1.").arg(path));
    if (!info.isFile() || !info.isReadable())
        throw StudioError(QStringLiteral("%1 is not a readable file.").arg(path));

    // The profiling executor makes the first ~20 calls slow (pytorch 56245): for steady
    // interactive latency use the legacy executor. Process-wide, and harmless to set again.
    torch::jit::getProfilingMode() = false;

    torch::jit::ExtraFilesMap extra{{kMetaFile, std::string()}};
    try {
        d->module = torch::jit::load(QFile::encodeName(path).toStdString(), at::Device(at::kCPU), extra);
    } catch (const c10::Error& e) {
        throw StudioError(explainLoadError(path, QString::fromUtf8(e.what_without_backtrace()).trimmed()));
    } catch (const std::exception& e) {  // e.g. unpickling errors raised as std::runtime_error
        throw StudioError(explainLoadError(path, firstLine(e.what())));
    }
    bool hasForward = false;
    try {
        hasForward = d->module.find_method("forward").has_value();
        d->module.eval();
        // The code inside the file is compiled lazily; compile it now, so that an operator this
        // LibTorch lacks is reported when the file is opened, not at the first input.
        if (hasForward)
            d->module.get_method("forward").graph();
    } catch (const std::exception& e) {
        throw StudioError(explainLoadError(path, QString::fromUtf8(e.what()).trimmed()));
    }
    if (!hasForward)
        throw StudioError(QStringLiteral("The TorchScript module in %1 has no forward method.").arg(d->name));

    const std::string& metaText = extra[kMetaFile];
    if (!metaText.empty()) {
        d->meta = ModelMeta::fromJson(QByteArray::fromStdString(metaText), d->name);
        d->hasMeta = true;
    }
}

TorchScriptModel::~TorchScriptModel() = default;

const QString& TorchScriptModel::path() const { return d->path; }
bool TorchScriptModel::hasMeta() const { return d->hasMeta; }
const ModelMeta& TorchScriptModel::meta() const { return d->meta; }

ExternalResult TorchScriptModel::run(const ExternalInput& input) const
{
    d->checkForwardSignature();
    const bool tokens = !input.tokenIds.empty();
    if (tokens == !input.series.empty())
        throw StudioError(QStringLiteral("Give the model in %1 either token ids or a series.").arg(d->name));
    if (tokens && d->meta.input == ExternalInputKind::Series)
        throw StudioError(QStringLiteral("The model in %1 reads a series (meta.json says so), not tokens.").arg(d->name));
    if (!tokens && d->meta.input == ExternalInputKind::Tokens)
        throw StudioError(QStringLiteral("The model in %1 reads tokens (meta.json says so), not a series.").arg(d->name));
    if (!d->graphLayout)
        d->graphLayout = graphEvidence(d->softmaxProbe().recurrentCalls);  // the probe inlines the graph once
    const LayoutChoice layout = chooseLayout(input.layout, metaEvidence(d->meta), *d->graphLayout, d->hasMeta, tokens);
    const bool timeMajor = layout.layout == SequenceLayout::TimeMajor;

    const at::Tensor x = d->inputTensor(input, timeMajor);
    const int64_t steps = x.size(timeMajor ? 0 : 1);

    const auto runModule = [&](torch::jit::Module& m) {
        try {
            c10::InferenceMode guard;  // thread-local: created on the thread that runs the model
            return m.forward({x});
        } catch (const c10::Error& e) {
            throw StudioError(QStringLiteral("The model in %1 failed on an input of shape %2: %3")
                                  .arg(d->name, shapeText(x.sizes()), firstLine(e.what_without_backtrace())));
        } catch (const std::exception& e) {
            // The interpreter rethrows errors raised inside the model as std::runtime_error with
            // the TorchScript traceback; its last line says what went wrong.
            const QString all = QString::fromUtf8(e.what()).trimmed();
            throw StudioError(QStringLiteral("The model in %1 failed on an input of shape %2: %3")
                                  .arg(d->name, shapeText(x.sizes()), all.section(QLatin1Char('\n'), -1).trimmed()));
        }
    };

    const auto collectSoftmaxes = [](const c10::IValue& extended, std::vector<at::Tensor>& outputs) {
        const auto& items = extended.toTupleRef().elements();
        for (size_t i = 1; i < items.size(); ++i)
            outputs.push_back(items[i].toTensor());
        return items.at(0);
    };

    ExternalResult result;
    result.layoutUsed = layout.layout;
    result.layoutReason = layout.reason;
    c10::IValue out;
    std::vector<at::Tensor> softmaxOutputs;
    // Once a model is known to return no attention, the probe alone answers: its first output is
    // the model's own, so the model runs once per input, not twice.
    const bool probeOnly = d->returnsAttention == false && d->softmaxProbe().count > 0;
    try {
        out = probeOnly ? collectSoftmaxes(runModule(d->softmaxProbe().module), softmaxOutputs) : runModule(d->module);
    } catch (const StudioError& error) {
        throw StudioError(error.message() + d->fixedLengthHint(steps));
    }
    const ScriptOutputs outputs = splitOutputs(out);
    const std::optional<at::Tensor>& prediction = outputs.prediction;
    const std::optional<at::Tensor>& returnedAttention = outputs.attention;
    if (!prediction)
        throw StudioError(QStringLiteral("The model in %1 returns %2; Attention Studio expects a tensor, a tuple "
                                         "(output, attention) or a dict with an \"attention\" entry.")
                              .arg(d->name, QString::fromStdString(out.type()->str())));
    const at::Tensor p = prediction->detach().to(at::kCPU, at::kFloat).contiguous();
    result.predictionShape.assign(p.sizes().begin(), p.sizes().end());
    result.prediction.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());

    d->returnsAttention = returnedAttention.has_value();

    // Runs the probe (the copy that also returns every softmax) when its outputs are needed: to
    // find the attention, or once to see whether the scores carry a positional bias.
    const bool needProbe = !returnedAttention || !d->positionalBiasWarnings;
    if (!probeOnly && needProbe && d->softmaxProbe().count > 0
        && (!returnedAttention || !d->softmaxProbe().scoreParameters.empty()))
        collectSoftmaxes(runModule(d->softmaxProbe().module), softmaxOutputs);
    if (!d->positionalBiasWarnings && (!softmaxOutputs.empty() || d->softmaxProbe().scoreParameters.empty()))
        d->positionalBiasWarnings = positionalBiasWarnings(d->softmaxProbe(), softmaxOutputs);
    if (d->positionalBiasWarnings && !d->positionalBiasWarnings->isEmpty()) {
        result.warnings << *d->positionalBiasWarnings;
        noteFlaw(result.flaws, ModelFlaw::FixedLength);
    }

    std::optional<at::Tensor> attention;
    if (returnedAttention) {
        attention = withoutBatchAxis(*returnedAttention, timeMajor);
        result.source = AttentionSource::Output;
        if (!fitsTime(*attention, steps))
            result.warnings << QCoreApplication::translate("studio", "The attention the model returns has shape %1, which is not a "
                                                                     "distribution over the %2 input steps.")
                                   .arg(shapeText(returnedAttention->sizes())).arg(steps);
    } else {
        const SoftmaxProbe& probe = d->softmaxProbe();
        if (input.candidate >= probe.count && input.candidate >= 0)
            throw StudioError(QStringLiteral("The model in %1 has %2 softmax outputs in its graph, so there is no "
                                             "candidate %3: choose one from 1 to %2.")
                                  .arg(d->name).arg(probe.count).arg(input.candidate + 1));
        for (size_t i = 0; i < softmaxOutputs.size(); ++i) {
            const at::Tensor candidate = withoutBatchAxis(softmaxOutputs[i], timeMajor);
            result.candidates << QStringLiteral("softmax #%1: %2").arg(i + 1).arg(shapeText(softmaxOutputs[i].sizes()));
            const bool chosen = input.candidate >= 0 ? static_cast<int>(i) == input.candidate
                                                     : !attention && fitsTime(candidate, steps);
            if (chosen) {
                attention = candidate;
                result.chosenCandidate = static_cast<int>(i);
            }
        }
        if (attention) {
            result.source = AttentionSource::Graph;
            if (input.candidate >= 0 && !fitsTime(*attention, steps))
                result.warnings << QCoreApplication::translate("studio", "The chosen softmax #%1 has shape %2, which is not a distribution "
                                                                         "over the %3 input steps.")
                                       .arg(input.candidate + 1)
                                       .arg(shapeText(softmaxOutputs[static_cast<size_t>(input.candidate)].sizes()))
                                       .arg(steps);
        } else if (probe.count > 0) {
            result.warnings << QCoreApplication::translate("studio", "The model's graph has %1 softmax outputs, but none has a shape "
                                                                     "that fits a distribution over the %2 input steps.")
                                   .arg(probe.count).arg(steps);
        } else {
            result.warnings << QCoreApplication::translate("studio", "The model returns no attention and its forward graph has no softmax: "
                                                                     "there is no attention to show.");
        }
        if (probe.hiddenCount > 0)
            result.warnings << QCoreApplication::translate("studio", "%1 softmax calls sit inside a loop or a branch of the graph and "
                                                                     "cannot be shown.").arg(probe.hiddenCount);
    }

    if (attention) {
        if (fitsTime(*attention, steps)) {
            const bool fromGraph = result.source == AttentionSource::Graph && result.chosenCandidate >= 0;
            const auto index = static_cast<size_t>(result.chosenCandidate);
            const at::Tensor* softmax = fromGraph ? &softmaxOutputs[index] : nullptr;
            std::optional<int64_t> dim;
            if (fromGraph && index < d->softmaxProbe().dims.size())
                dim = d->softmaxProbe().dims[index];
            if (checkSums(*attention, steps, sumExplanation(*attention, softmax, dim, timeMajor), result.warnings))
                noteFlaw(result.flaws, ModelFlaw::WrongSoftmaxAxis);
            if (tokens && d->meta.padId && checkPadding(*attention, input.tokenIds, *d->meta.padId, result.warnings))
                noteFlaw(result.flaws, ModelFlaw::PaddingWeight);
        }
        fillAttention(*attention, result.attention);
    }
    return result;
}

std::unique_ptr<ExplainedInput> TorchScriptModel::explainedInput(const ExternalInput& input, ExternalResult* result) const
{
    ExternalResult ran = run(input);
    TorchScriptExplainSetup setup;
    setup.module = d->module;
    setup.name = d->name;
    setup.timeMajor = ran.layoutUsed == SequenceLayout::TimeMajor;
    setup.input = d->inputTensor(input, setup.timeMajor);
    setup.series = input.tokenIds.empty();
    // meta.json's pad_id, else 0: what nn.Embedding(padding_idx=0) and most vocabularies use.
    setup.padId = d->meta.padId.value_or(0);
    setup.source = ran.source;
    setup.candidate = ran.chosenCandidate;
    setup.outputs = static_cast<int64_t>(ran.prediction.size());
    // Several outputs are class scores. One output is explained as the raw number it is, unless
    // meta.json names two labels: the session then reads it as a binary head's logit (guessLabel,
    // a sigmoid over that output), so its sign is the class and faithfulness is read on the
    // predicted side. A one-output model without labels may be a regression: no class.
    setup.scoreKind = setup.outputs > 1 ? ScoreKind::ClassLogits
                    : d->meta.labels.size() == 2 ? ScoreKind::BinaryLogit
                                                 : ScoreKind::Value;
    auto explained = std::make_unique<TorchScriptExplainedInput>(std::move(setup));
    if (result)
        *result = std::move(ran);
    return explained;
}

} // namespace studio
