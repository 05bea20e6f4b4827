#include "data/BuiltinTasks.h"

#include "common/StudioError.h"

#include <random>

namespace studio {
namespace {

const QStringList kDistractors{
    QStringLiteral("the"),    QStringLiteral("a"),      QStringLiteral("movie"),  QStringLiteral("film"),
    QStringLiteral("was"),    QStringLiteral("is"),     QStringLiteral("and"),    QStringLiteral("plot"),
    QStringLiteral("actor"),  QStringLiteral("scene"),  QStringLiteral("story"),  QStringLiteral("it"),
    QStringLiteral("of"),     QStringLiteral("to"),     QStringLiteral("in"),     QStringLiteral("this"),
    QStringLiteral("that"),   QStringLiteral("with"),   QStringLiteral("for"),    QStringLiteral("on"),
    QStringLiteral("camera"), QStringLiteral("music"),  QStringLiteral("ending"), QStringLiteral("director"),
    QStringLiteral("we"),     QStringLiteral("they"),   QStringLiteral("saw"),    QStringLiteral("there"),
    QStringLiteral("some"),   QStringLiteral("time"),   QStringLiteral("long"),   QStringLiteral("part"),
};
const QStringList kPositive{QStringLiteral("great"), QStringLiteral("excellent"), QStringLiteral("superb")};
const QStringList kNegative{QStringLiteral("awful"), QStringLiteral("terrible"), QStringLiteral("boring")};

void checkOptions(const TaskOptions& options, int minimumLength)
{
    if (options.count < 1)
        throw StudioError(QStringLiteral("The task needs at least 1 example, not %1.").arg(options.count));
    if (options.length < minimumLength)
        throw StudioError(
            QStringLiteral("The task needs sequences of at least %1 steps, not %2.").arg(minimumLength).arg(options.length));
}

// One in three examples is neutral when the task has a neutral class.
bool drawNeutral(const TaskOptions& options, std::mt19937_64& random)
{
    return options.neutralClass && std::uniform_int_distribution<int>(0, 2)(random) == 0;
}

void setClasses(Dataset& data, const TaskOptions& options, QStringList labels, const QString& neutral)
{
    if (options.neutralClass)
        labels << neutral;
    data.head = options.neutralClass ? HeadKind::MultiClass : HeadKind::Binary;
    data.outputs = options.neutralClass ? 3 : 1;
    data.labels = labels;
}

int drawLength(const TaskOptions& options, std::mt19937_64& random)
{
    if (!options.variableLength)
        return options.length;
    return std::uniform_int_distribution<int>(std::max(2, options.length / 2), options.length)(random);
}

} // namespace

std::vector<TaskInfo> builtinTasks()
{
    return {
        {QStringLiteral("keyword"),
         QStringLiteral("Text: one sentiment keyword among neutral words decides the label (negative/positive; "
                        "with the neutral class, no keyword = neutral)."),
         20, InputKind::Tokens, /*neutralClass=*/true},
        {QStringLiteral("spike"),
         QStringLiteral("Series: the sign of one spike in noise decides the class (down/up; with the neutral class, "
                        "no spike = flat)."),
         30, InputKind::Series, /*neutralClass=*/true},
        {QStringLiteral("adding"),
         QStringLiteral("Series, 2 features: regress the sum of the two values whose marker is 1."), 50,
         InputKind::Series, /*neutralClass=*/false},
    };
}

const TaskInfo* findBuiltinTask(const QString& name)
{
    static const std::vector<TaskInfo> kTasks = builtinTasks();
    for (const TaskInfo& task : kTasks)
        if (task.name == name)
            return &task;
    return nullptr;
}

Dataset makeBuiltinTask(const QString& name, const TaskOptions& options)
{
    if (name == QLatin1String("keyword"))
        return makeKeywordTask(options);
    if (name == QLatin1String("spike"))
        return makeSpikeTask(options);
    if (name == QLatin1String("adding"))
        return makeAddingTask(options);
    throw StudioError(QStringLiteral("There is no built-in task \"%1\": choose keyword, spike or adding.").arg(name));
}

Dataset makeKeywordTask(const TaskOptions& options)
{
    checkOptions(options, /*minimumLength=*/2);
    Dataset data;
    data.name = QStringLiteral("keyword");
    data.input = InputKind::Tokens;
    setClasses(data, options, {QStringLiteral("negative"), QStringLiteral("positive")}, QStringLiteral("neutral"));
    for (const QString& word : kDistractors + kNegative + kPositive)
        data.vocabulary.add(word);

    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<int> distractor(0, kDistractors.size() - 1);
    std::uniform_int_distribution<int> keyword(0, kPositive.size() - 1);
    std::bernoulli_distribution positive(0.5);
    data.examples.reserve(options.count);
    for (int i = 0; i < options.count; ++i) {
        const int length = drawLength(options, random);
        Example example;
        example.tokens.resize(length);
        example.relevant.assign(length, 0);
        for (int t = 0; t < length; ++t)
            example.tokens[t] = data.vocabulary.idOf(kDistractors.at(distractor(random)));
        if (drawNeutral(options, random)) {
            example.target = {2.0f};
            data.examples.push_back(std::move(example));
            continue;
        }
        const int position = std::uniform_int_distribution<int>(0, length - 1)(random);
        const bool isPositive = positive(random);
        const QString& word = (isPositive ? kPositive : kNegative).at(keyword(random));
        example.tokens[position] = data.vocabulary.idOf(word);
        example.relevant[position] = 1;
        example.target = {isPositive ? 1.0f : 0.0f};
        data.examples.push_back(std::move(example));
    }
    return data;
}

Dataset makeSpikeTask(const TaskOptions& options)
{
    constexpr float kNoise = 0.3f;  // standard deviation of the background
    checkOptions(options, /*minimumLength=*/2);
    Dataset data;
    data.name = QStringLiteral("spike");
    data.input = InputKind::Series;
    data.features = 1;
    setClasses(data, options, {QStringLiteral("down"), QStringLiteral("up")}, QStringLiteral("flat"));

    std::mt19937_64 random(options.seed);
    std::normal_distribution<float> noise(0.0f, kNoise);
    std::uniform_real_distribution<float> height(2.0f, 4.0f);
    std::bernoulli_distribution up(0.5);
    data.examples.reserve(options.count);
    for (int i = 0; i < options.count; ++i) {
        const int length = drawLength(options, random);
        Example example;
        example.values.resize(length);
        example.relevant.assign(length, 0);
        for (int t = 0; t < length; ++t)
            example.values[t] = noise(random);
        if (drawNeutral(options, random)) {
            example.target = {2.0f};
            data.examples.push_back(std::move(example));
            continue;
        }
        const int position = std::uniform_int_distribution<int>(0, length - 1)(random);
        const bool isUp = up(random);
        example.values[position] = (isUp ? 1.0f : -1.0f) * height(random);
        example.relevant[position] = 1;
        example.target = {isUp ? 1.0f : 0.0f};
        data.examples.push_back(std::move(example));
    }
    return data;
}

Dataset makeAddingTask(const TaskOptions& options)
{
    checkOptions(options, /*minimumLength=*/4);
    Dataset data;
    data.name = QStringLiteral("adding");
    data.input = InputKind::Series;
    data.features = 2;
    data.head = HeadKind::Regression;
    data.outputs = 1;

    std::mt19937_64 random(options.seed);
    std::uniform_real_distribution<float> value(0.0f, 1.0f);
    data.examples.reserve(options.count);
    for (int i = 0; i < options.count; ++i) {
        const int length = drawLength(options, random);
        Example example;
        example.values.assign(static_cast<size_t>(length) * 2, 0.0f);
        example.relevant.assign(length, 0);
        for (int t = 0; t < length; ++t)
            example.values[t * 2] = value(random);
        // One marker in each half, as in the original problem, so the two never coincide.
        const int first = std::uniform_int_distribution<int>(0, length / 2 - 1)(random);
        const int second = std::uniform_int_distribution<int>(length / 2, length - 1)(random);
        float sum = 0.0f;
        for (int position : {first, second}) {
            example.values[position * 2 + 1] = 1.0f;
            example.relevant[position] = 1;
            sum += example.values[position * 2];
        }
        example.target = {sum};
        data.examples.push_back(std::move(example));
    }
    return data;
}

} // namespace studio
