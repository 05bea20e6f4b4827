#pragma once

// The configuration of a native attention model: everything needed to rebuild it without
// recompiling. Plain data (no torch) so the GUI can edit it and checkpoints can store it as JSON.

#include "common/TaskKinds.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace studio {

enum class RecurrentCell { Lstm, Gru };
enum class AttentionKind { Additive, TanhDense, PositionalBias, Dot, Self, PerFeature, QueryDot, None };

QString toString(RecurrentCell cell);
QString toString(AttentionKind kind);
// Each parser returns false for an unknown name and leaves `out` alone.
bool parseRecurrentCell(const QString& name, RecurrentCell* out);
bool parseAttentionKind(const QString& name, AttentionKind* out);

QStringList allAttentionNames();
// The variant's name in the window's language (its identifier when no translation is installed,
// as on the command line).
QString shownName(AttentionKind kind);
// Variants that produce a single distribution over time per sequence (shape {T}).
bool hasSingleDistribution(AttentionKind kind);
// Variants whose weights are a T×T map (shape {T, T}): every step's own distribution over the
// steps (self, query-dot). Padded query rows are zero.
bool mapsStepToStep(AttentionKind kind);

struct ModelConfig {
    InputKind input = InputKind::Tokens;
    int vocabularySize = 0;  // tokens: ids in [0, vocabularySize), 0 is <pad>
    int embeddingDim = 64;   // tokens: width of the embedding
    int inputFeatures = 1;   // series: values per timestep
    RecurrentCell cell = RecurrentCell::Lstm;
    int hiddenSize = 64;
    int layers = 1;
    double dropout = 0.0;
    bool bidirectional = false;
    AttentionKind attention = AttentionKind::Additive;
    int attentionDim = 0;  // additive / self: width of the scoring layer; 0 means the encoder width
    int maxLength = 0;     // positional-bias: the fixed number of positions it has a bias for
    HeadKind head = HeadKind::Binary;
    int outputs = 1;  // binary: 1; multi-class: number of classes; regression: number of targets

    int encoderWidth() const { return hiddenSize * (bidirectional ? 2 : 1); }
    int effectiveAttentionDim() const { return attentionDim > 0 ? attentionDim : encoderWidth(); }

    // Empty when the configuration can be built, otherwise a sentence naming the bad field.
    QString validate() const;
    QJsonObject toJson() const;
    // Throws StudioError naming the field that is missing or wrong.
    static ModelConfig fromJson(const QJsonObject& json);
};

} // namespace studio
