#include "session/KerasSession.h"

#include "analysis/StepAttribution.h"
#include "common/AttentionSteps.h"
#include "common/StudioError.h"
#include "data/SeriesTable.h"
#include "external/keras/KerasArchive.h"
#include "external/keras/KerasExplainedInput.h"
#include "external/keras/KerasModel.h"
#include "external/keras/KerasSidecar.h"
#include "model/LabelGuess.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

constexpr double kSumTolerance = 1e-3;      // a distribution's sum may drift this far from 1
constexpr double kPaddingWeightNote = 1e-4; // weight on padding worth a warning
constexpr int kMaxListedUnknown = 5;

QString shapeText(const std::vector<int64_t>& shape)
{
    QStringList parts;
    for (int64_t size : shape)
        parts << QString::number(size);
    return parts.join(QStringLiteral("×"));
}

// {T}, {T, T} or {T, d}: a distribution over the input's steps.
bool fitsSteps(const keras::SoftmaxOutput& softmax, int64_t steps)
{
    return !softmax.shape.empty() && softmax.shape.size() <= 2 && softmax.shape.front() == steps;
}

// Weights that should sum to 1 over time: {T} as a whole; {T, T} per row; {T, d} per column.
void checkSums(const keras::SoftmaxOutput& softmax, InferenceResult& result)
{
    const std::vector<int64_t>& shape = softmax.shape;
    const int64_t steps = shape.front();
    const int64_t columns = shape.size() == 2 ? shape[1] : 1;
    const bool rows = shape.size() == 2 && shape[0] == shape[1];
    double worst = 0.0;
    for (int64_t outer = 0; outer < (rows ? steps : columns); ++outer) {
        double sum = 0.0;
        for (int64_t inner = 0; inner < (rows ? columns : steps); ++inner)
            sum += softmax.values[static_cast<size_t>(rows ? outer * columns + inner : inner * columns + outer)];
        worst = std::max(worst, std::abs(sum - 1.0));
    }
    if (worst <= kSumTolerance)
        return;
    noteFlaw(result.flaws, ModelFlaw::WrongSoftmaxAxis);
    result.warnings << QCoreApplication::translate("studio", "The weights of \"%1\" do not sum to 1 over time (off by up to %2): "
                                                             "its softmax ran over another axis, so they are not a "
                                                             "distribution over the input's steps.")
                           .arg(softmax.layer)
                           .arg(worst, 0, 'g', 3);
}

void checkPadding(const keras::SoftmaxOutput& softmax, const std::vector<int64_t>& ids, bool masked, InferenceResult& result)
{
    if (masked)
        return;
    AttentionMap map;
    map.shape = softmax.shape;
    map.values = softmax.values;
    const std::vector<double> perStep = weightPerStep(map);
    double onPadding = 0.0;
    int pads = 0;
    for (size_t t = 0; t < ids.size() && t < perStep.size(); ++t)
        if (ids[t] == 0) {
            onPadding += perStep[t];
            ++pads;
        }
    if (pads == 0 || onPadding <= kPaddingWeightNote)
        return;
    noteFlaw(result.flaws, ModelFlaw::PaddingWeight);
    result.warnings << QCoreApplication::translate("studio", "%1 of the weight falls on the %2 padding steps (id 0): "
                                                             "pad_sequences pads at the front by default, and nothing in the "
                                                             "model masks them (no Embedding mask_zero=True or Masking layer), "
                                                             "so the model reads the padding as words.")
                           .arg(onPadding, 0, 'f', 3)
                           .arg(pads);
}

} // namespace

QString kerasSidecarPath(const QString& modelPath, const QString& given)
{
    if (!given.isEmpty())
        return given;
    const QFileInfo model(modelPath);
    const QStringList names{model.completeBaseName() + QStringLiteral(".tokenizer.json"),
                            model.completeBaseName() + QStringLiteral(".meta.json"), QStringLiteral("tokenizer.json")};
    for (const QString& name : names) {
        const QString candidate = model.dir().filePath(name);
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

KerasSession::KerasSession(const QString& path, const SessionOptions& options) : m_options(options)
{
    const keras::KerasArchive archive = keras::readKerasFile(path, options.kerasConfig);
    m_model = std::make_unique<keras::KerasModel>(archive, options.formula);
    const keras::KerasInputSpec& spec = m_model->inputSpec();
    m_summary.path = path;
    m_summary.name = QFileInfo(path).fileName();
    m_summary.format = ModelFormat::Keras;
    m_summary.input = spec.input;
    m_summary.features = static_cast<int>(spec.features);
    m_summary.fixedLength = static_cast<int>(spec.steps);
    m_summary.description = m_model->description();
    m_summary.notes = m_model->notes();
    m_summary.formulas = m_model->formulas();
    m_summary.outputsProbabilities = m_model->outputsProbabilities();
    const QString sidecarPath = kerasSidecarPath(path, options.tokenizer);
    if (!sidecarPath.isEmpty()) {
        m_sidecar = std::make_unique<keras::KerasSidecar>(keras::KerasSidecar::fromFile(sidecarPath));
        m_summary.labels = m_sidecar->labels();
        if (spec.input == ModelInputKind::Series && !m_sidecar->features().isEmpty()) {
            if (spec.features > 0 && m_sidecar->features().size() != spec.features)
                throw StudioError(QStringLiteral("%1 names %2 features, but the model reads %3 values per step: list one name per "
                                                 "input column in \"features\".")
                                      .arg(sidecarPath)
                                      .arg(m_sidecar->features().size())
                                      .arg(spec.features));
            m_summary.features = static_cast<int>(m_sidecar->features().size());
        }
    }
}

KerasSession::~KerasSession() = default;

// With feature names in the sidecar, the series file's columns are picked by name (a time column
// or other columns may stand beside them), as a forecaster trained here reads its own.
InferenceRequest KerasSession::readSeries(const QString& path) const
{
    if (!m_sidecar || m_sidecar->features().isEmpty())
        return ModelSession::readSeries(path);
    SeriesReadOptions options;
    options.columns = m_sidecar->features();
    return requestFromTable(readSeriesTable(path, options));
}

InferenceResult KerasSession::run(const InferenceRequest& request)
{
    const keras::KerasInputSpec& spec = m_model->inputSpec();
    InferenceResult result;
    result.warnings << m_summary.notes;
    std::vector<int64_t> ids;
    QStringList tokens;
    if (spec.input == ModelInputKind::Tokens) {
        if (!request.series.empty())
            throw StudioError(QStringLiteral("%1 reads token ids (its first layer is an Embedding), not a series.").arg(m_summary.name));
        if (!request.ids.empty()) {
            ids = request.ids;
            for (int64_t id : ids) {
                if (id < 0 || (spec.vocabulary > 0 && id >= spec.vocabulary))
                    throw StudioError(QStringLiteral("Token id %1 is outside the Embedding of %2: use ids from 0 to %3.")
                                          .arg(id)
                                          .arg(m_summary.name)
                                          .arg(spec.vocabulary - 1));
                tokens << (m_sidecar ? m_sidecar->wordOf(id) : (id == 0 ? QStringLiteral("<pad>") : QString::number(id)));
            }
        } else {
            if (request.text.trimmed().isEmpty())
                return result;
            if (!m_sidecar || !m_sidecar->hasVocabulary())
                throw StudioError(QStringLiteral("%1 reads token ids, and no tokenizer was found beside it to turn text into ids: save "
                                                 "it with tokenizer.to_json() as %2 next to the model (or give --tokenizer FILE), "
                                                 "or give token ids.")
                                      .arg(m_summary.name, QFileInfo(m_summary.path).completeBaseName() + QStringLiteral(".tokenizer.json")));
            const int length = m_options.maxLength > 0 ? m_options.maxLength : static_cast<int>(spec.steps);
            keras::KerasTokens encoded = m_sidecar->encode(request.text, length);
            if (encoded.ids.empty())
                return result;
            ids = std::move(encoded.ids);
            tokens = encoded.tokens;
            if (!encoded.unknown.isEmpty()) {
                QStringList listed = encoded.unknown.mid(0, kMaxListedUnknown);
                if (encoded.unknown.size() > kMaxListedUnknown)
                    listed << QStringLiteral("…");
                noteFlaw(result.flaws, ModelFlaw::UnknownWords);
                result.warnings << QCoreApplication::translate("studio", "%1 of the words are not in the tokenizer's vocabulary and were %2, as "
                                                                         "texts_to_sequences does: %3.")
                                       .arg(encoded.unknown.size())
                                       .arg(encoded.unknownAsOov ? QCoreApplication::translate("studio", "read as its OOV token") : QCoreApplication::translate("studio", "left out"),
                                            listed.join(QStringLiteral(", ")));
            }
            if (encoded.truncated > 0) {
                noteFlaw(result.flaws, ModelFlaw::Truncated);
                result.warnings << QCoreApplication::translate("studio", "The text has %1 more words than the model reads; pad_sequences cut them off.")
                                       .arg(encoded.truncated);
            }
        }
        if (spec.steps > 0 && static_cast<int64_t>(ids.size()) != spec.steps)
            throw StudioError(QStringLiteral("%1 reads exactly %2 steps (its Input has that length), but got %3: pad the ids to %2 "
                                             "(pad_sequences) or type text, which is padded for you.")
                                  .arg(m_summary.name)
                                  .arg(spec.steps)
                                  .arg(ids.size()));
    } else {
        if (!request.ids.empty() || !request.text.isEmpty())
            throw StudioError(QStringLiteral("%1 reads a series, not text: give it a series CSV.").arg(m_summary.name));
        if (request.series.empty())
            return result;
        if (spec.features > 0 && request.features != spec.features)
            throw StudioError(QStringLiteral("%1 reads %2 values per step, but the series has %3.")
                                  .arg(m_summary.name)
                                  .arg(spec.features)
                                  .arg(request.features));
        const int64_t steps = static_cast<int64_t>(request.series.size()) / std::max(1, request.features);
        if (spec.steps > 0 && steps != spec.steps)
            throw StudioError(QStringLiteral("%1 reads exactly %2 steps (its Input has that length), but the series has %3: give "
                                             "%2 rows.")
                                  .arg(m_summary.name)
                                  .arg(spec.steps)
                                  .arg(steps));
        for (float value : request.series)
            if (!std::isfinite(value))
                throw StudioError(QStringLiteral("The series has a missing or non-finite value, which %1 cannot read: fill it in first.")
                                      .arg(m_summary.name));
    }

    QElapsedTimer clock;
    clock.start();
    keras::KerasRun run = m_model->run(ids, request.series, request.features);
    // A softmax over a (T, 1) score column is a distribution over T steps: shown as one.
    for (keras::SoftmaxOutput& softmax : run.softmaxes)
        while (softmax.shape.size() > 1 && softmax.shape.back() == 1)
            softmax.shape.pop_back();
    result.milliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    result.prediction = std::move(run.prediction);
    result.tokenIds = ids;

    const int64_t steps = ids.empty() ? static_cast<int64_t>(request.series.size()) / std::max(1, request.features)
                                      : static_cast<int64_t>(ids.size());
    int chosen = -1;
    for (size_t i = 0; i < run.softmaxes.size(); ++i) {
        const keras::SoftmaxOutput& softmax = run.softmaxes[i];
        result.candidates << QStringLiteral("softmax #%1 (%2): %3").arg(i + 1).arg(softmax.layer, shapeText(softmax.shape));
        if (chosen < 0 && request.candidate < 0 && fitsSteps(softmax, steps))
            chosen = static_cast<int>(i);
    }
    if (request.candidate >= 0) {
        if (request.candidate >= static_cast<int>(run.softmaxes.size()))
            throw StudioError(QStringLiteral("%1 computes %2 softmax outputs, so there is no candidate %3: choose one from 1 to %2.")
                                  .arg(m_summary.name)
                                  .arg(run.softmaxes.size())
                                  .arg(request.candidate + 1));
        chosen = request.candidate;
    }
    if (chosen >= 0) {
        const keras::SoftmaxOutput& softmax = run.softmaxes[static_cast<size_t>(chosen)];
        result.chosenCandidate = chosen;
        result.source = QStringLiteral("graph");
        result.attention.shape = softmax.shape;
        result.attention.values = softmax.values;
        if (fitsSteps(softmax, steps)) {
            checkSums(softmax, result);
            if (!ids.empty())
                checkPadding(softmax, ids, spec.masksPadding, result);
        } else {
            result.warnings << QCoreApplication::translate("studio", "The chosen softmax #%1 has shape %2, which is not a distribution over the %3 input steps.")
                                   .arg(chosen + 1)
                                   .arg(shapeText(softmax.shape))
                                   .arg(steps);
        }
        if (softmax.positionalBias) {
            noteFlaw(result.flaws, ModelFlaw::FixedLength);
            result.warnings << QCoreApplication::translate("studio", "The layer \"%1\" adds one learned bias per position, which fixes the input length to "
                                                                     "%2 steps: the model cannot read a longer or shorter input.")
                                   .arg(softmax.layer)
                                   .arg(softmax.shape.front());
        }
    } else {
        result.source = QStringLiteral("none");
        result.warnings << (run.softmaxes.empty()
                                ? QCoreApplication::translate("studio", "The model computes no softmax over its input: there is no attention to show, only "
                                                                        "the prediction.")
                                : QCoreApplication::translate("studio", "The model computes %1 softmax outputs, but none has a shape that fits a "
                                                                        "distribution over the %2 input steps (choose one with --candidate).")
                                      .arg(run.softmaxes.size())
                                      .arg(steps));
    }
    result.attention.tokens = tokens;
    if (const std::optional<LabelGuess> guess = guessLabel(m_summary.labels, result.prediction, m_summary.outputsProbabilities ? OutputScale::Probabilities : OutputScale::Logits)) {
        result.label = guess->label;
        result.probability = guess->probability;
    }
    return result;
}

Explanation KerasSession::explain(const InferenceRequest& request, const ExplainOptions& options)
{
    // run() itself prepares the input, so the explained ids, steps and attention are the ones the
    // window and `infer` show, and its warnings (unknown words, weight on padding...) come along.
    InferenceResult shown = run(request);
    if (shown.prediction.empty())
        return {};
    keras::KerasExplainedInput input(*m_model, shown.tokenIds, shown.tokenIds.empty() ? request.series : std::vector<float>(),
                                     request.features, shown.chosenCandidate);
    QStringList steps = shown.attention.tokens;
    if (shown.tokenIds.empty()) {
        const int64_t count = static_cast<int64_t>(request.series.size()) / std::max(1, request.features);
        for (int64_t t = 0; t < count; ++t)
            steps << QString::number(t);
    }

    QStringList notes = shown.warnings;
    const QString activation = m_model->outputActivation();
    if (activation == QLatin1String("softmax") || activation == QLatin1String("sigmoid"))
        notes << QCoreApplication::translate("studio", "The score is what the model returns, after its final %1: a probability, not a "
                                                       "logit, so gradients flatten where the model is sure.")
                     .arg(activation);
    const auto pads = std::count(shown.tokenIds.begin(), shown.tokenIds.end(), int64_t{0});
    if (pads > 0)
        notes << (m_model->inputSpec().masksPadding
                      ? QCoreApplication::translate("studio", "%1 steps are padding (id 0), shown as the attention view shows them; the "
                                                              "model masks them (mask_zero), as Keras does.")
                      : QCoreApplication::translate("studio", "%1 steps are padding (id 0), shown as the attention view shows them; the "
                                                              "model reads them as words, so they get attributions, but replacing one "
                                                              "by the pad id changes nothing (occlusion 0 there)."))
                     .arg(pads);
    if (m_model->inputSpec().masksPadding && !shown.tokenIds.empty())
        notes << QCoreApplication::translate("studio", "Integrated gradients run from id 0's embedding at every step with the input's own "
                                                       "mask kept (a mask cannot be interpolated): the baseline's steps are read, not "
                                                       "masked, except where the input itself is padding.");
    Explanation explanation = explainInput(input, withStepLabels(options, steps, notes));
    explanation.steps = steps;
    explanation.notes = notes + explanation.notes;
    return explanation;
}

} // namespace studio
