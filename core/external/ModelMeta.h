#pragma once

// meta.json: what a TorchScript file says about its own input, carried inside the file as the
// extra file "meta.json" (torch.jit.save(m, path, _extra_files={"meta.json": ...})).
// Plain value type, no torch: the GUI shows these fields.

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace studio {

enum class ExternalInputKind { Unknown, Tokens, Series };

struct ModelMeta {
    ExternalInputKind input = ExternalInputKind::Unknown;  // "tokens" or "series"; Unknown without meta
    QStringList vocab;                // index = token id
    QString tokenizer = QStringLiteral("word");  // "word", "char" or "mixed" (the app's own: CJK per character)
    bool lowercase = false;
    std::optional<int64_t> padId;
    std::optional<int64_t> unkId;
    QStringList labels;
    QStringList features;
    bool batchFirst = true;           // false: the model expects (T, B, ...) like nn.LSTM's default
    bool batchFirstGiven = false;     // meta.json states "batch_first" (else batchFirst is only the default)
    // Series input scaling, per feature: the model sees (value - offset) / scale. Empty without
    // one. meta.json gives it as "normalization": {"mean": [...], "std": [...]} (z-score),
    // {"min": [...], "max": [...]} (min-max) or {"offset": [...], "scale": [...]}.
    std::vector<double> inputOffset;
    std::vector<double> inputScale;

    // Parses the JSON text of meta.json. `origin` names the file in error messages.
    // Throws StudioError naming the field that is wrong.
    static ModelMeta fromJson(const QByteArray& json, const QString& origin);
};

} // namespace studio
