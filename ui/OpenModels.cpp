#include "OpenModels.h"

#include "runtime/LiveModel.h"

namespace studio {

OpenModels::OpenModels(QObject* parent)
    : QObject(parent)
{
}

void OpenModels::open(const QString& path)
{
    auto* model = new LiveModel(this);
    // Listed once it has opened, so indices only ever name usable models.
    connect(model, &LiveModel::opened, this, [this, model](const ModelSummary& summary) {
        m_models.append(Entry{model, {}});
        const int index = count() - 1;
        Q_EMIT modelOpened(index, summary);
        if (!m_input.text.isEmpty() || !m_input.series.empty())
            model->request(m_input);
    });
    connect(model, &LiveModel::openFailed, this, [this, model, path](const QString& message) {
        model->deleteLater();
        Q_EMIT openFailed(path, message);
    });
    connect(model, &LiveModel::resultReady, this, [this, model](const InferenceResult& result) {
        const int index = indexOf(model);
        if (index < 0)
            return;
        m_models[index].result = result;
        Q_EMIT resultReady(index, result);
    });
    connect(model, &LiveModel::requestFailed, this, [this, model](const QString& message) {
        const int index = indexOf(model);
        if (index >= 0)
            Q_EMIT requestFailed(index, message);
    });
    model->open(path);
}

void OpenModels::close(int index)
{
    if (index < 0 || index >= count())
        return;
    LiveModel* model = m_models.takeAt(index).model;
    model->disconnect(this);
    model->deleteLater();
    Q_EMIT modelClosed(index);
}

void OpenModels::closeAll()
{
    while (count() > 0)
        close(count() - 1);
}

ModelSummary OpenModels::summary(int index) const
{
    return m_models.value(index).model ? m_models.at(index).model->summary() : ModelSummary{};
}

const InferenceResult& OpenModels::result(int index) const
{
    static const InferenceResult kNone;
    return index >= 0 && index < count() ? m_models.at(index).result : kNone;
}

void OpenModels::setInput(const InferenceRequest& input)
{
    m_input = input;
    for (const Entry& entry : m_models)
        entry.model->request(input);
}

int OpenModels::indexOf(const LiveModel* model) const
{
    for (int i = 0; i < count(); ++i)
        if (m_models.at(i).model == model)
            return i;
    return -1;
}

} // namespace studio
