#pragma once

// The models open side by side. Each answers on its own worker thread (LiveModel); every input
// goes to all of them, and a model opened later gets the current input at once.

#include "common/ValueTypes.h"

#include <QList>
#include <QObject>
#include <QString>

namespace studio {

class LiveModel;

class OpenModels : public QObject {
    Q_OBJECT
public:
    explicit OpenModels(QObject* parent = nullptr);

    // Starts opening `path`; `modelOpened` or `openFailed` follows.
    void open(const QString& path);
    void close(int index);
    void closeAll();
    int count() const { return static_cast<int>(m_models.size()); }
    ModelSummary summary(int index) const;
    // The newest result of model `index` (empty before its first answer).
    const InferenceResult& result(int index) const;
    const InferenceRequest& currentInput() const { return m_input; }

    // Sends the input to every open model; only each model's newest answer is shown.
    void setInput(const InferenceRequest& input);

Q_SIGNALS:
    void modelOpened(int index, const studio::ModelSummary& summary);
    void openFailed(const QString& path, const QString& message);
    void modelClosed(int index);
    void resultReady(int index, const studio::InferenceResult& result);
    void requestFailed(int index, const QString& message);

private:
    int indexOf(const LiveModel* model) const;

    struct Entry {
        LiveModel* model = nullptr;  // owned (QObject child)
        InferenceResult result;
    };
    QList<Entry> m_models;
    InferenceRequest m_input;
};

} // namespace studio
