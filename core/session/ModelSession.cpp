#include "session/ModelSession.h"

#include "common/StudioError.h"
#include "data/SeriesTable.h"
#include "data/StepRows.h"
#include "external/keras/KerasFileKind.h"
#include "io/ModelFileCheck.h"
#include "session/ModelFileCheckChild.h"
#include "session/KerasSession.h"
#include "session/NativeSession.h"
#include "session/TorchScriptSession.h"
#include "train/ModelFile.h"

#include <QRegularExpression>

namespace studio {

std::unique_ptr<ModelSession> ModelSession::open(const QString& path, const SessionOptions& options)
{
    // Read first in a child process, where a library crashing or hanging on a damaged file
    // cannot take this one with it (io/ModelFileCheck.h).
    checkModelFileInChild(path, modelFileCheckArguments(options));
    // By content, not by extension: a Keras file is HDF5 or a zip; TorchScript is a zip too, so
    // the Keras reader decides between the two by the entries it finds.
    if (keras::isKerasFile(path))
        return std::make_unique<KerasSession>(path, options);
    try {
        LoadedModelFile loaded = loadModelFile(path);
        return std::make_unique<NativeSession>(std::move(loaded), path);
    } catch (const NotStudioModelFile&) {
        // Not one of ours: a model exported from PyTorch (which explains itself if it is not).
        return std::make_unique<TorchScriptSession>(path);
    }
}

Explanation ModelSession::explain(const InferenceRequest&, const ExplainOptions&)
{
    const ModelSummary about = summary();
    throw StudioError(QStringLiteral("%1 is a %2 model: attributions are computed for the app's own models (.asmodel) so "
                                     "far. Train or convert the model in the app to explain it.")
                          .arg(about.name, formatName(about.format)));
}

InferenceRequest ModelSession::readSeries(const QString& path) const
{
    const StepRows rows = readStepRows(path, summary().features);
    InferenceRequest request;
    request.series = rows.values;
    request.features = rows.features;
    request.featureNames = rows.names;
    return request;
}

InferenceRequest ModelSession::requestFromTable(const SeriesTable& table)
{
    InferenceRequest request;
    request.featureNames = table.names;
    request.features = table.columnCount();
    request.series.reserve(static_cast<size_t>(table.rows() * table.columnCount()));
    for (int64_t row = 0; row < table.rows(); ++row)
        for (const std::vector<double>& column : table.columns)
            request.series.push_back(static_cast<float>(column[static_cast<size_t>(row)]));
    return request;
}

std::vector<int64_t> parseTokenIds(const QString& text)
{
    std::vector<int64_t> ids;
    for (const QString& part : text.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong id = part.toLongLong(&ok);
        if (!ok)
            throw StudioError(QStringLiteral("\"%1\" is not a token id: give whole numbers separated by spaces, e.g. \"3 7 1\".")
                                  .arg(part));
        ids.push_back(id);
    }
    return ids;
}

QString formatName(ModelFormat format)
{
    switch (format) {
    case ModelFormat::Native: return QStringLiteral("native");
    case ModelFormat::TorchScript: return QStringLiteral("torchscript");
    case ModelFormat::Keras: return QStringLiteral("keras");
    }
    return {};
}

QString inputKindName(ModelInputKind input)
{
    switch (input) {
    case ModelInputKind::Tokens: return QStringLiteral("tokens");
    case ModelInputKind::Series: return QStringLiteral("series");
    case ModelInputKind::Unknown: return QString();
    }
    return {};
}

} // namespace studio
