#pragma once

// The contents of a Keras model file, read without TensorFlow: the architecture (config JSON) and
// every weight array, as plain values. Qt Core + HDF5 C API + libzip; no torch here.
//
// Formats, recognised by content (HDF5 or zip signature), never by extension:
//   - legacy HDF5 (`model.save("m.h5")`, Keras 1/2, tf.keras 2.x, Keras 3's legacy writer):
//     root attribute `model_config` (JSON), weights under `model_weights/<layer>/` in the order of
//     that layer group's `weight_names` attribute;
//   - weights-only HDF5 (`save_weights`): the same layer groups at the root, no `model_config`;
//     the architecture (`model.to_json()`) must come from `configPath`;
//   - `.keras` zip (Keras 3, and TF 2.13–2.15's variant): `config.json`, `metadata.json`,
//     `model.weights.h5` (opened from memory), weights under `<path>/vars/<i>`.
//
// The HDF5 C library is not thread-safe: calls are serialised inside (one reader at a time).

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <vector>

namespace studio::keras {

enum class KerasFileFormat { LegacyH5, WeightsOnlyH5, KerasZip };

struct WeightArray {
    QString name;                  // as stored: "lstm_1/kernel:0", or "vars/0" in a .keras file
    std::vector<int64_t> shape;    // row-major
    std::vector<float> values;     // converted to float32 whatever the stored type
};

// Limits on what a file may make the reader allocate; hitting one is an error naming it.
struct KerasReadLimits {
    int64_t maxFileBytes = int64_t(2) << 30;           // the file itself
    int64_t maxUnpackedBytes = int64_t(2) << 30;       // all zip entries together, uncompressed
    int64_t maxWeightValues = int64_t(512) << 20;      // all weight arrays together (floats)
    int64_t maxConfigBytes = int64_t(64) << 20;        // config / metadata JSON
    int maxLayers = 10000;
};

struct KerasArchive {
    QString path;
    KerasFileFormat format = KerasFileFormat::LegacyH5;
    // {"class_name": "Sequential" | "Functional" | "Model", "config": {...}} as Keras wrote it.
    QJsonObject modelConfig;
    QString kerasVersion;  // "2.2.4", "2.13.1", "3.3.3"; empty when the file does not say
    QString backend;       // "tensorflow", "theano", "jax", ... ; empty when not said

    // Legacy and weights-only HDF5: layer name -> its weights, in `weight_names` order. Every
    // layer listed in `layer_names` has an entry (empty for layers without weights).
    std::map<QString, std::vector<WeightArray>> layerWeights;
    QStringList layerNames;  // the `layer_names` attribute, in order

    // .keras: group path in model.weights.h5 -> the arrays of its `vars` subgroup, ordered by
    // their numeric names ("0", "1", ...). Example keys: "layers/lstm/cell",
    // "layers/bidirectional/forward_layer/cell", "layers/dense_1". Groups without `vars` have none.
    std::map<QString, std::vector<WeightArray>> varGroups;
};

// True when the file starts with the HDF5 or the zip signature (cheap: reads 8 bytes; an HDF5
// user block is checked at 512, 1024, ... as the HDF5 format allows).
bool looksLikeKerasFile(const QString& path);

// Reads the whole file. `configPath`, when given, is a JSON file with the architecture
// (`model.to_json()` output) and is required for a weights-only file; a full file ignores it
// unless it has no config. Throws StudioError with one sentence naming the file and what to do:
// not HDF5/zip, truncated, a weights-only file without `configPath`, malformed JSON, a zip entry
// named with "..", entries that would unpack past a limit, an array past a limit.
KerasArchive readKerasFile(const QString& path, const QString& configPath = {},
                           const KerasReadLimits& limits = {});

} // namespace studio::keras
