#include "io/PyTorchExport.h"

#include "common/StudioError.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace studio {
namespace {

QByteArray studioDescription(const RunState& state)
{
    QJsonObject description{
        {QStringLiteral("config"), state.model.toJson()},
        {QStringLiteral("vocabulary"), state.vocabulary.toJson()},
        {QStringLiteral("labels"), QJsonArray::fromStringList(state.labels)},
        {QStringLiteral("preprocessing"), state.preprocessing},
        {QStringLiteral("dataName"), state.dataName},
    };
    return QJsonDocument(description).toJson(QJsonDocument::Compact);
}

c10::Dict<std::string, at::Tensor> stateDict(AttentionModel& model)
{
    c10::Dict<std::string, at::Tensor> tensors;
    // Copies on the CPU, detached: the file must not depend on where or how the model runs.
    for (const auto& parameter : model->named_parameters(/*recurse=*/true))
        tensors.insert(parameter.key(), parameter.value().detach().to(torch::kCPU).clone());
    for (const auto& buffer : model->named_buffers(/*recurse=*/true))
        tensors.insert(buffer.key(), buffer.value().detach().to(torch::kCPU).clone());
    return tensors;
}

} // namespace

void exportStateDict(const QString& path, const RunState& state, AttentionModel& model)
{
    c10::impl::GenericDict file(c10::StringType::get(), c10::AnyType::get());
    file.insert(std::string("format"), std::string("attention-studio-state-dict"));
    file.insert(std::string("version"), static_cast<int64_t>(kPyTorchExportVersion));
    file.insert(std::string("studio"), studioDescription(state).toStdString());
    file.insert(std::string("state_dict"), stateDict(model));
    const std::vector<char> bytes = torch::jit::pickle_save(file);

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        throw StudioError(QStringLiteral("Cannot write %1: %2.").arg(path, out.errorString()));
    if (out.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) || !out.commit())
        throw StudioError(QStringLiteral("Cannot write %1: %2.").arg(path, out.errorString()));
}

} // namespace studio
