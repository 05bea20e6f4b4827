#pragma once

// The models open side by side. Each answers on its own worker thread (LiveModel); every input
// goes to all of them, and a model opened later gets the current input at once. Each model keeps
// its own choices (softmax candidate, sequence layout, Keras formula); changing one re-runs that
// model alone on the current input.

#include "common/ValueTypes.h"

#include <QList>
#include <QObject>
#include <QString>

namespace studio {

class LiveModel;
struct SessionOptions;

class OpenModels : public QObject {
    Q_OBJECT
public:
    explicit OpenModels(QObject* parent = nullptr);

    // Starts opening `path`; `modelOpened` or `openFailed` follows.
    void open(const QString& path);
    void open(const QString& path, const SessionOptions& options);
    void close(int index);
    void closeAll();
    int count() const { return static_cast<int>(m_models.size()); }
    // A model that reads a series is open, or a model is still opening (its kind not known yet):
    // a series file given now is input for the models, not training data.
    bool takesSeries() const;
    ModelSummary summary(int index) const;
    // The newest result of model `index` (empty before its first answer).
    const InferenceResult& result(int index) const;
    const InferenceRequest& currentInput() const { return m_input; }

    // Sends the input to every open model; only each model's newest answer is shown.
    void setInput(const InferenceRequest& input);
    // Whether answers carry the step-through numbers (AttentionTrace): only while the view that
    // shows them is open, so typing costs nothing for them otherwise. Turning it on asks every
    // model again for the current input.
    void setTracing(bool tracing);
    bool tracing() const { return m_tracing; }

    // Model `index`'s choices. Candidate and layout travel with each of its requests; a formula
    // reopens it (on its worker) with that SessionOptions::formula, and `modelReopened` follows,
    // or `reopenFailed` when the formula does not fit (the model keeps the one it had).
    void setCandidate(int index, int candidate);
    void setLayout(int index, SequenceLayout layout);
    void setFormula(int index, const QString& formula);
    int candidate(int index) const;
    SequenceLayout layout(int index) const;
    QString formula(int index) const;
    // The file model `index` was opened from and its options (what another worker needs to open
    // its own copy, as the explanation panel does).
    QString path(int index) const;
    SessionOptions options(int index) const;

Q_SIGNALS:
    void modelOpened(int index, const studio::ModelSummary& summary);
    void modelReopened(int index, const studio::ModelSummary& summary);
    void openFailed(const QString& path, const QString& message);
    void reopenFailed(int index, const QString& message);
    void modelClosed(int index);
    void resultReady(int index, const studio::InferenceResult& result);
    void requestFailed(int index, const QString& message);

private:
    int indexOf(const LiveModel* model) const;
    LiveModel* model(int index) const;

    struct Entry {
        LiveModel* model = nullptr;  // owned (QObject child)
        InferenceResult result;
    };
    QList<Entry> m_models;
    InferenceRequest m_input;
    bool m_tracing = false;
    int m_opening = 0;  // open() calls not answered yet
};

} // namespace studio
