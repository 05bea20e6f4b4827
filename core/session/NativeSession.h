#pragma once

// A model trained in the app (.asmodel): input prepared exactly as its training data was (the
// preprocessing saved in the file).

#include "session/ModelSession.h"
#include "train/ModelFile.h"

namespace studio {

class NativeSession : public ModelSession {
public:
    NativeSession(LoadedModelFile loaded, const QString& path);

    ModelSummary summary() const override { return m_summary; }
    InferenceRequest readSeries(const QString& path) const override;
    InferenceResult run(const InferenceRequest& request) override;
    Explanation explain(const InferenceRequest& request, const ExplainOptions& options) override;

private:
    // The example the model reads for `request` (empty for empty text or series), the tokens as
    // typed, and the warnings its preparation gave.
    Example exampleFor(const InferenceRequest& request, InferenceResult& result, QStringList* tokens) const;
    Example tokenExample(const InferenceRequest& request, InferenceResult& result, QStringList* tokens) const;
    std::vector<float> seriesValues(const InferenceRequest& request) const;
    std::vector<float> forecastWindow(const InferenceRequest& request) const;
    // The names of a series' features as the model reads them, when known; empty otherwise.
    QStringList seriesFeatureNames(const InferenceRequest& request) const;

    LoadedModelFile m_loaded;
    ModelSummary m_summary;
};

} // namespace studio
