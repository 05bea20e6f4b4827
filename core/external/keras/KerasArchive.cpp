#include "external/keras/KerasArchive.h"

#include "common/StudioError.h"
#include "external/keras/Hdf5File.h"
#include "external/keras/ZipEntries.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <optional>

namespace studio::keras {

namespace {

// File signatures. HDF5 allows a user block before the superblock, so its signature may also sit
// at 512, 1024, 2048, ... bytes.
constexpr int kSignatureBytes = 8;
const QByteArray kHdf5Signature = QByteArrayLiteral("\x89HDF\r\n\x1a\n");
const QByteArray kZipSignature = QByteArrayLiteral("PK\x03\x04");
constexpr qint64 kFirstUserBlockOffset = 512;
constexpr int kShownHeadBytes = 8;

// Bounds on walking model.weights.h5: a Keras file nests a few levels per layer; a file that goes
// deeper or wider is damaged or hostile (hard links can even form cycles).
constexpr int kMaxGroupDepth = 64;
constexpr int kMaxGroupsPerLayer = 16;

const QString kVarsGroup = QStringLiteral("vars");
const QString kSaveAdvice = QStringLiteral("save the model again with Keras");
const QString kToJsonAdvice = QStringLiteral("give the JSON written by model.to_json()");

enum class Container { Hdf5, Zip, Unknown };

Container sniffContainer(QFile& file, QByteArray* head)
{
    const QByteArray first = file.read(kSignatureBytes);
    if (head)
        *head = first.left(kShownHeadBytes);
    if (first.startsWith(kZipSignature))
        return Container::Zip;
    if (first == kHdf5Signature)
        return Container::Hdf5;
    const qint64 size = file.size();
    for (qint64 offset = kFirstUserBlockOffset; offset + kSignatureBytes <= size; offset *= 2) {
        if (file.seek(offset) && file.read(kSignatureBytes) == kHdf5Signature)
            return Container::Hdf5;
    }
    return Container::Unknown;
}

[[noreturn]] void throwNotKeras(const QString& path, const QByteArray& head)
{
    const QString what = head.isEmpty()
        ? QStringLiteral("it is empty")
        : QStringLiteral("it starts with the bytes %1").arg(QString::fromLatin1(head.toHex(' ')));
    throw StudioError(QStringLiteral("%1 is not a Keras model file (neither HDF5 nor a .keras zip): %2; give a file "
                                     "written by model.save(\"model.keras\") or model.save(\"model.h5\").")
                          .arg(path, what));
}

// `origin` opens the sentence ("The config.json inside m.keras"); `advice` ends it.
QJsonObject parseJsonObject(const QByteArray& json, const QString& origin, const QString& advice)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw StudioError(QStringLiteral("%1 is not valid JSON (%2 at offset %3): %4.")
                              .arg(origin, error.errorString(), QString::number(error.offset), advice));
    if (!document.isObject())
        throw StudioError(QStringLiteral("%1 is not a JSON object: %2.").arg(origin, advice));
    return document.object();
}

QJsonObject parseModelConfig(const QByteArray& json, const QString& origin, const QString& advice)
{
    QJsonObject config = parseJsonObject(json, origin, advice);
    if (!config.value(QStringLiteral("class_name")).isString())
        throw StudioError(QStringLiteral("%1 does not describe a Keras model (it has no \"class_name\" text field): %2.")
                              .arg(origin, advice));
    return config;
}

QJsonObject readConfigFile(const QString& configPath, const QString& modelPath, const KerasReadLimits& limits)
{
    const QString origin = QStringLiteral("The Keras config file %1 given for %2").arg(configPath, modelPath);
    const QFileInfo info(configPath);
    if (!info.isFile())
        throw StudioError(QStringLiteral("%1 does not exist or is not a file: check the --keras-config path.")
                              .arg(origin));
    if (info.size() > limits.maxConfigBytes)
        throw StudioError(QStringLiteral("%1 is %2 bytes, more than the limit of %3 bytes: %4.")
                              .arg(origin, QString::number(info.size()), QString::number(limits.maxConfigBytes),
                                   kToJsonAdvice));
    QFile file(configPath);
    if (!file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("%1 could not be opened (%2): check that it is readable.")
                              .arg(origin, file.errorString()));
    return parseModelConfig(file.read(limits.maxConfigBytes), origin, kToJsonAdvice);
}

// Where the model and the JSON it came from say which Keras and backend wrote them; the file wins.
void fillVersionFromJson(KerasArchive& archive, const QJsonObject& json)
{
    if (archive.kerasVersion.isEmpty())
        archive.kerasVersion = json.value(QStringLiteral("keras_version")).toString();
    if (archive.backend.isEmpty())
        archive.backend = json.value(QStringLiteral("backend")).toString();
}

[[noreturn]] void throwWeightsOnly(const QString& path)
{
    throw StudioError(QStringLiteral("%1 holds only weights, without the model architecture: give the architecture "
                                     "with --keras-config FILE (the JSON from model.to_json()).")
                          .arg(path));
}

// Legacy layout: `layer_names` on `group`, each layer's arrays in its `weight_names` order.
void readLayerWeights(const Hdf5File& file, hid_t group, KerasArchive& archive, const KerasReadLimits& limits)
{
    archive.layerNames = file.readTextListAttribute(group, QStringLiteral("layer_names"), limits.maxConfigBytes);
    if (archive.layerNames.size() > limits.maxLayers)
        throw StudioError(QStringLiteral("%1 lists %2 layers, more than the limit of %3: the file is damaged or the "
                                         "model is too large to show.")
                              .arg(archive.path, QString::number(archive.layerNames.size()),
                                   QString::number(limits.maxLayers)));
    int64_t remainingValues = limits.maxWeightValues;
    for (const QString& layerName : archive.layerNames) {
        const std::optional<Hdf5Handle> layerGroup = file.openGroup(group, layerName);
        if (!layerGroup)
            throw StudioError(QStringLiteral("%1 lists the layer \"%2\" in layer_names but has no group for it: the "
                                             "file is damaged, so save the model again.")
                                  .arg(archive.path, layerName));
        std::vector<WeightArray> arrays;
        // Names as stored ("lstm_1/kernel:0", "sequential/lstm/lstm_cell/kernel"); never rebuilt.
        const QStringList weightNames =
            file.readTextListAttribute(layerGroup->id(), QStringLiteral("weight_names"), limits.maxConfigBytes);
        for (const QString& weightName : weightNames)
            arrays.push_back(file.readFloatArray(layerGroup->id(), weightName, remainingValues, limits.maxWeightValues));
        archive.layerWeights[layerName] = std::move(arrays);
    }
}

// Keras 3 writes variable i of an object as dataset "i" of its `vars` group: order them 0, 1, 2, ..., 10.
bool numericNameLess(const QString& a, const QString& b)
{
    bool aIsNumber = false;
    bool bIsNumber = false;
    const qulonglong aValue = a.toULongLong(&aIsNumber);
    const qulonglong bValue = b.toULongLong(&bIsNumber);
    if (aIsNumber != bIsNumber)
        return aIsNumber;  // numbers first; anything else after, by name
    if (aIsNumber && aValue != bValue)
        return aValue < bValue;
    return a < b;
}

class VarGroupCollector {
public:
    VarGroupCollector(const Hdf5File& file, KerasArchive& archive, const KerasReadLimits& limits)
        : m_file(file), m_archive(archive), m_limits(limits), m_remainingValues(limits.maxWeightValues)
    {
    }

    void visit(hid_t group, const QString& path, int depth)
    {
        if (depth > kMaxGroupDepth || ++m_groupsVisited > int64_t(m_limits.maxLayers) * kMaxGroupsPerLayer)
            throw StudioError(QStringLiteral("%1 has groups nested deeper than %2 levels or more than %3 groups: it is "
                                             "damaged or not written by Keras, so save the model again.")
                                  .arg(m_file.displayName(), QString::number(kMaxGroupDepth),
                                       QString::number(int64_t(m_limits.maxLayers) * kMaxGroupsPerLayer)));
        for (const QString& name : m_file.childNames(group)) {
            if (m_file.childKind(group, name) != Hdf5File::ChildKind::Group)
                continue;
            const std::optional<Hdf5Handle> child = m_file.openGroup(group, name);
            if (!child)
                continue;
            if (name == kVarsGroup)
                readVars(child->id(), path);
            else
                visit(child->id(), path.isEmpty() ? name : path + QLatin1Char('/') + name, depth + 1);
        }
    }

private:
    void readVars(hid_t vars, const QString& ownerPath)
    {
        QStringList names;
        for (const QString& name : m_file.childNames(vars)) {
            if (m_file.childKind(vars, name) == Hdf5File::ChildKind::Dataset)
                names << name;
        }
        std::sort(names.begin(), names.end(), numericNameLess);
        std::vector<WeightArray> arrays;
        for (const QString& name : names) {
            WeightArray array = m_file.readFloatArray(vars, name, m_remainingValues, m_limits.maxWeightValues);
            array.name = kVarsGroup + QLatin1Char('/') + name;
            arrays.push_back(std::move(array));
        }
        m_archive.varGroups[ownerPath] = std::move(arrays);
        if (m_archive.varGroups.size() > static_cast<size_t>(m_limits.maxLayers))
            throw StudioError(QStringLiteral("%1 has more than %2 groups of weights, the limit: the file is damaged or "
                                             "the model is too large to show.")
                                  .arg(m_file.displayName(), QString::number(m_limits.maxLayers)));
    }

    const Hdf5File& m_file;
    KerasArchive& m_archive;
    const KerasReadLimits& m_limits;
    int64_t m_remainingValues;
    int64_t m_groupsVisited = 0;
};

void readHdf5Model(KerasArchive& archive, const QString& configPath, const KerasReadLimits& limits)
{
    const Hdf5File file = Hdf5File::openPath(archive.path, archive.path);
    const hid_t root = file.root();
    const QString layerNames = QStringLiteral("layer_names");
    const auto hasLayerNames = [&](hid_t group) {
        return file.hasAttribute(group, layerNames) || file.hasAttribute(group, layerNames + QLatin1Char('0'));
    };

    // A full model keeps its layers under model_weights; save_weights() puts them at the root (where a
    // layer could itself be called "model_weights", hence the root check first).
    const bool hasModelConfig = file.hasAttribute(root, QStringLiteral("model_config"));
    std::optional<Hdf5Handle> modelWeights;
    if (!hasLayerNames(root))
        modelWeights = file.openGroup(root, QStringLiteral("model_weights"));
    const hid_t weightsGroup = modelWeights ? modelWeights->id() : root;
    const bool legacyLayout = hasLayerNames(weightsGroup);
    // Keras 3's save_weights("x.weights.h5") writes the .keras layout: `vars` groups, no names.
    const bool varsLayout = !legacyLayout && !hasModelConfig && !modelWeights
        && (file.openGroup(root, QStringLiteral("layers")) || file.openGroup(root, kVarsGroup));
    if (!legacyLayout && !varsLayout)
        throw StudioError(QStringLiteral("%1 is an HDF5 file but not a Keras model: it has neither a layer_names "
                                         "attribute nor Keras 3 weight groups; give a file written by model.save() or "
                                         "model.save_weights().")
                              .arg(archive.path));
    archive.format = (hasModelConfig || modelWeights) ? KerasFileFormat::LegacyH5 : KerasFileFormat::WeightsOnlyH5;

    // The architecture first: a weights-only file without it fails before any weight is read.
    if (hasModelConfig) {
        const std::vector<QByteArray> config =
            file.readTextAttribute(root, QStringLiteral("model_config"), limits.maxConfigBytes);
        const QString origin = QStringLiteral("The model_config attribute of %1").arg(archive.path);
        if (config.size() != 1)
            throw StudioError(QStringLiteral("%1 holds %2 texts instead of one: %3.")
                                  .arg(origin, QString::number(config.size()), kSaveAdvice));
        archive.modelConfig = parseModelConfig(config.front(), origin, kSaveAdvice);
    } else if (!configPath.isEmpty()) {
        archive.modelConfig = readConfigFile(configPath, archive.path, limits);
    } else {
        throwWeightsOnly(archive.path);
    }

    const QString kerasVersion = QStringLiteral("keras_version");
    const QString backend = QStringLiteral("backend");
    archive.kerasVersion = file.readOptionalText(root, kerasVersion, limits.maxConfigBytes);
    archive.backend = file.readOptionalText(root, backend, limits.maxConfigBytes);
    if (archive.kerasVersion.isEmpty())
        archive.kerasVersion = file.readOptionalText(weightsGroup, kerasVersion, limits.maxConfigBytes);
    if (archive.backend.isEmpty())
        archive.backend = file.readOptionalText(weightsGroup, backend, limits.maxConfigBytes);
    fillVersionFromJson(archive, archive.modelConfig);

    if (legacyLayout)
        readLayerWeights(file, weightsGroup, archive, limits);
    else
        VarGroupCollector(file, archive, limits).visit(root, QString(), 0);
}

void readKerasZip(KerasArchive& archive, const KerasReadLimits& limits)
{
    archive.format = KerasFileFormat::KerasZip;
    const ZipEntries zip(archive.path, limits.maxUnpackedBytes);
    const QString configEntry = QStringLiteral("config.json");
    if (!zip.contains(configEntry))
        throw StudioError(QStringLiteral("%1 is a zip archive without config.json, so it is not a .keras model: save "
                                         "the model with model.save(\"model.keras\").")
                              .arg(archive.path));
    archive.modelConfig =
        parseModelConfig(zip.read(configEntry, limits.maxConfigBytes, QStringLiteral("the model config")),
                         QStringLiteral("The config.json inside %1").arg(archive.path), kSaveAdvice);

    const QString metadataEntry = QStringLiteral("metadata.json");
    if (zip.contains(metadataEntry)) {
        const QJsonObject metadata =
            parseJsonObject(zip.read(metadataEntry, limits.maxConfigBytes, QStringLiteral("the Keras version")),
                            QStringLiteral("The metadata.json inside %1").arg(archive.path), kSaveAdvice);
        fillVersionFromJson(archive, metadata);
    }
    fillVersionFromJson(archive, archive.modelConfig);

    const Hdf5File weights = Hdf5File::openImage(
        zip.read(QStringLiteral("model.weights.h5"), limits.maxUnpackedBytes, QStringLiteral("the weights")),
        QStringLiteral("The model.weights.h5 inside %1").arg(archive.path));
    VarGroupCollector(weights, archive, limits).visit(weights.root(), QString(), 0);
}

} // namespace

bool looksLikeKerasFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return sniffContainer(file, nullptr) != Container::Unknown;
}

KerasArchive readKerasFile(const QString& path, const QString& configPath, const KerasReadLimits& limits)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw StudioError(QStringLiteral("%1 does not exist: check the path of the Keras model file.").arg(path));
    if (info.isDir())
        throw StudioError(QStringLiteral("%1 is a folder, not a Keras model file (a TensorFlow SavedModel cannot be "
                                         "read): save the model with model.save(\"model.keras\") or "
                                         "model.save(\"model.h5\").")
                              .arg(path));
    if (info.size() > limits.maxFileBytes)
        throw StudioError(QStringLiteral("%1 is %2 bytes, more than the limit of %3 bytes for a Keras model file: use "
                                         "a smaller model or raise the limit.")
                              .arg(path, QString::number(info.size()), QString::number(limits.maxFileBytes)));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("%1 could not be opened (%2): check that the file is readable.")
                              .arg(path, file.errorString()));
    QByteArray head;
    const Container container = sniffContainer(file, &head);
    file.close();

    KerasArchive archive;
    archive.path = path;
    switch (container) {
    case Container::Hdf5: readHdf5Model(archive, configPath, limits); break;
    case Container::Zip: readKerasZip(archive, limits); break;
    case Container::Unknown: throwNotKeras(path, head);
    }
    return archive;
}

} // namespace studio::keras
