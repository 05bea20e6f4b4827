#include "train/TrainingConfig.h"

#include "common/StudioError.h"

namespace studio {

QString toString(OptimizerKind kind)
{
    return kind == OptimizerKind::Adam ? QStringLiteral("adam") : QStringLiteral("sgd");
}

bool parseOptimizerKind(const QString& name, OptimizerKind* out)
{
    if (name == QLatin1String("adam"))
        *out = OptimizerKind::Adam;
    else if (name == QLatin1String("sgd"))
        *out = OptimizerKind::Sgd;
    else
        return false;
    return true;
}

QString TrainingConfig::validate() const
{
    if (!(learningRate > 0.0))
        return QStringLiteral("the learning rate must be positive, not %1.").arg(learningRate);
    if (momentum < 0.0 || momentum >= 1.0)
        return QStringLiteral("the momentum must be in [0, 1), not %1.").arg(momentum);
    if (batchSize < 1)
        return QStringLiteral("the batch size must be positive, not %1.").arg(batchSize);
    if (epochs < 1)
        return QStringLiteral("the number of epochs must be positive, not %1.").arg(epochs);
    if (validationFraction < 0.0 || validationFraction >= 1.0)
        return QStringLiteral("the validation fraction must be in [0, 1), not %1.").arg(validationFraction);
    if (testFraction < 0.0 || validationFraction + testFraction >= 1.0)
        return QStringLiteral("the validation and test fractions must leave data to train on (now %1 + %2).")
            .arg(validationFraction)
            .arg(testFraction);
    if (gradientClip < 0.0)
        return QStringLiteral("the gradient clip must be 0 (off) or positive, not %1.").arg(gradientClip);
    if (earlyStoppingPatience < 0)
        return QStringLiteral("the early-stopping patience must be 0 (off) or positive, not %1.").arg(earlyStoppingPatience);
    if (threads < 0 || threads > kMaximumTrainingThreads)
        return QStringLiteral("the training threads must be 0 (one per core) to %1, not %2.")
            .arg(kMaximumTrainingThreads)
            .arg(threads);
    return {};
}

QJsonObject TrainingConfig::toJson() const
{
    return QJsonObject{
        {QStringLiteral("optimizer"), toString(optimizer)},
        {QStringLiteral("learningRate"), learningRate},
        {QStringLiteral("momentum"), momentum},
        {QStringLiteral("batchSize"), batchSize},
        {QStringLiteral("epochs"), epochs},
        {QStringLiteral("validationFraction"), validationFraction},
        {QStringLiteral("testFraction"), testFraction},
        {QStringLiteral("gradientClip"), gradientClip},
        {QStringLiteral("earlyStoppingPatience"), earlyStoppingPatience},
        {QStringLiteral("threads"), threads},
        // as a string: JSON numbers are doubles and would round a 64-bit seed
        {QStringLiteral("seed"), QString::number(seed)},
    };
}

TrainingConfig TrainingConfig::fromJson(const QJsonObject& json)
{
    TrainingConfig config;
    if (!parseOptimizerKind(json.value(QStringLiteral("optimizer")).toString(), &config.optimizer))
        throw StudioError(QStringLiteral("The training configuration names no known optimizer (adam or sgd)."));
    config.learningRate = json.value(QStringLiteral("learningRate")).toDouble(config.learningRate);
    config.momentum = json.value(QStringLiteral("momentum")).toDouble(config.momentum);
    config.batchSize = json.value(QStringLiteral("batchSize")).toInt(config.batchSize);
    config.epochs = json.value(QStringLiteral("epochs")).toInt(config.epochs);
    config.validationFraction = json.value(QStringLiteral("validationFraction")).toDouble(config.validationFraction);
    config.testFraction = json.value(QStringLiteral("testFraction")).toDouble(config.testFraction);
    config.gradientClip = json.value(QStringLiteral("gradientClip")).toDouble(config.gradientClip);
    config.earlyStoppingPatience = json.value(QStringLiteral("earlyStoppingPatience")).toInt(config.earlyStoppingPatience);
    // Runs saved before the thread count was recorded trained on one thread.
    config.threads = json.contains(QStringLiteral("threads")) ? json.value(QStringLiteral("threads")).toInt(-1) : 1;
    bool ok = false;
    config.seed = json.value(QStringLiteral("seed")).toString().toULongLong(&ok);
    if (!ok)
        throw StudioError(QStringLiteral("The training configuration has no valid \"seed\"."));
    const QString problem = config.validate();
    if (!problem.isEmpty())
        throw StudioError(QStringLiteral("The training configuration is invalid: %1").arg(problem));
    return config;
}

} // namespace studio
