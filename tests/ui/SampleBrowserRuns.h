#pragma once

// What the sample browser's tests share: a small keyword model trained with the window's own
// worker, held-out examples of the same task, and an evaluation waited for as a person waits.

#include "runtime/TrainingJob.h"
#include "samples/SampleBrowser.h"

#include <QSignalSpy>

namespace studio::testing {

constexpr int kTimeoutMs = 120'000;

// Trains a model without the window (the same worker the window uses) and returns its file.
inline QString trainModel(const TrainingSetup& setup)
{
    TrainingJob job;
    QSignalSpy finished(&job, &TrainingJob::finished);
    job.start(setup);
    if (!finished.wait(kTimeoutMs) && finished.isEmpty())
        return {};
    return finished.first().at(0).value<TrainingOutcome>().modelPath;
}

inline TrainingSetup keywordRun(const QString& path)
{
    TrainingSetup setup;
    setup.task = QStringLiteral("keyword");
    setup.taskOptions.count = 300;
    setup.taskOptions.length = 12;
    setup.model.attention = AttentionKind::Additive;
    setup.model.hiddenSize = 8;
    setup.model.embeddingDim = 8;
    setup.model.bidirectional = true;
    setup.training.epochs = 3;
    setup.training.batchSize = 16;
    setup.training.learningRate = 0.01;
    setup.training.seed = 3;
    setup.checkpointPath = path;
    return setup;
}

// Held-out examples of varied length (the model trained on 12 steps), so the rows differ in size.
inline SampleSource heldOut(int count = 300)
{
    TaskOptions options;
    options.count = count;
    options.length = 14;
    options.variableLength = true;
    options.seed = 77;
    SampleSource source = SampleSource::builtinTask(QStringLiteral("keyword"), options);
    source.maxExamples = count;
    return source;
}

inline bool evaluateAndWait(SampleBrowser& browser, const QString& model, const SampleSource& source)
{
    QSignalSpy finished(&browser, &SampleBrowser::evaluationFinished);
    browser.evaluate(model, source);
    return finished.wait(kTimeoutMs) || !finished.isEmpty();
}

} // namespace studio::testing
