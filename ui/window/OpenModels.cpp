#include "window/OpenModels.h"

#include "runtime/LiveModel.h"

namespace studio {

OpenModels::OpenModels(QObject* parent)
    : QObject(parent)
{
}

void OpenModels::open(const QString& path)
{
    open(path, SessionOptions{});
}

void OpenModels::open(const QString& path, const SessionOptions& options)
{
    auto* model = new LiveModel(this);
    ++m_opening;
    // Listed once it has opened, so indices only ever name usable models.
    connect(model, &LiveModel::opened, this, [this, model](const ModelSummary& summary) {
        if (const int index = indexOf(model); index >= 0) {
            Q_EMIT modelReopened(index, summary);  // it re-runs the current input by itself
            return;
        }
        --m_opening;
        m_models.append(Entry{model, {}});
        const int index = count() - 1;
        Q_EMIT modelOpened(index, summary);
        if (!m_input.text.isEmpty() || !m_input.series.empty())
            model->request(m_input);
    });
    connect(model, &LiveModel::openFailed, this, [this, model, path](const QString& message) {
        if (const int index = indexOf(model); index >= 0) {
            Q_EMIT reopenFailed(index, message);  // the model it had goes on answering
            return;
        }
        --m_opening;
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
    model->open(path, options);
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

bool OpenModels::takesSeries() const
{
    if (m_opening > 0)
        return true;
    for (const Entry& entry : m_models)
        if (entry.model->summary().input == ModelInputKind::Series)
            return true;
    return false;
}

ModelSummary OpenModels::summary(int index) const
{
    const LiveModel* live = model(index);
    return live ? live->summary() : ModelSummary{};
}

const InferenceResult& OpenModels::result(int index) const
{
    static const InferenceResult kNone;
    return index >= 0 && index < count() ? m_models.at(index).result : kNone;
}

void OpenModels::setInput(const InferenceRequest& input)
{
    m_input = input;
    m_input.trace = m_tracing;
    for (const Entry& entry : m_models)
        entry.model->request(m_input);
}

void OpenModels::setTracing(bool tracing)
{
    if (tracing == m_tracing)
        return;
    m_tracing = tracing;
    // The numbers come with the same run as the answer, so the view needs one run to show them.
    if (tracing && (!m_input.text.isEmpty() || !m_input.ids.empty() || !m_input.series.empty()))
        setInput(m_input);
    m_input.trace = tracing;
}

void OpenModels::setCandidate(int index, int candidate)
{
    if (LiveModel* live = model(index))
        live->setCandidate(candidate);
}

void OpenModels::setLayout(int index, SequenceLayout layout)
{
    if (LiveModel* live = model(index))
        live->setLayout(layout);
}

void OpenModels::setFormula(int index, const QString& formula)
{
    LiveModel* live = model(index);
    if (!live || live->options().formula == formula)
        return;
    SessionOptions options = live->options();
    options.formula = formula;
    live->open(live->path(), options);  // the worker reads the file again; this thread never does
}

int OpenModels::candidate(int index) const
{
    const LiveModel* live = model(index);
    return live ? live->candidate() : -1;
}

SequenceLayout OpenModels::layout(int index) const
{
    const LiveModel* live = model(index);
    return live ? live->layout() : SequenceLayout::Auto;
}

QString OpenModels::formula(int index) const
{
    const LiveModel* live = model(index);
    return live ? live->options().formula : QString();
}

QString OpenModels::path(int index) const
{
    const LiveModel* live = model(index);
    return live ? live->path() : QString();
}

SessionOptions OpenModels::options(int index) const
{
    const LiveModel* live = model(index);
    return live ? live->options() : SessionOptions{};
}

int OpenModels::indexOf(const LiveModel* model) const
{
    for (int i = 0; i < count(); ++i)
        if (m_models.at(i).model == model)
            return i;
    return -1;
}

LiveModel* OpenModels::model(int index) const
{
    return index >= 0 && index < count() ? m_models.at(index).model : nullptr;
}

} // namespace studio
