#include "teaching/Lessons.h"

#include <QCoreApplication>

namespace studio {
namespace {

// lupdate files a free tr() under the namespace: "studio".
QString tr(const char* text) { return QCoreApplication::translate("studio", text); }

// Three parts, as every lesson has them.
QString lessonHtml(const QString& computes, const QString& watch, const QString& wrong)
{
    return QStringLiteral("<p><b>%1</b> %2</p><p><b>%3</b> %4</p><p><b>%5</b> %6</p>")
        .arg(tr("What it computes."), computes, tr("What to watch."), watch, tr("What it gets wrong."), wrong);
}

// The IMDB sentences of resources/data/sentiment (UCI "Sentiment Labelled Sentences"), labels 0/1.
TrainingSetup imdbSetup(AttentionKind attention, bool bidirectional, int hidden)
{
    TrainingSetup setup;
    setup.task.clear();
    setup.dataFile = QStringLiteral(":/lessons/sentiment/imdb.json");
    setup.classNames = {QStringLiteral("negative"), QStringLiteral("positive")};
    setup.model.attention = attention;
    setup.model.bidirectional = bidirectional;
    setup.model.hiddenSize = hidden;
    setup.model.embeddingDim = 16;
    setup.training.epochs = 8;
    setup.training.batchSize = 32;
    setup.training.seed = 1;
    return setup;
}

const QString kReview = QStringLiteral("a wonderful film with a terrible ending");

} // namespace

QList<Lesson> allLessons()
{
    QList<Lesson> lessons;

    Lesson keyword;
    keyword.id = QStringLiteral("keyword");
    keyword.title = tr("Where should attention look? A task whose answer is known");
    keyword.html = lessonHtml(
        tr("Each example is 16 neutral words with one sentiment word (great, excellent, superb; awful, terrible, "
           "boring) at a random place, and that word alone decides the label. A Bi-LSTM reads the words, additive "
           "attention weighs them (eₜ = vᵀ tanh(W hₜ + b)) and the weighted sum decides."),
        tr("The curve \"validation attention on deciding steps\" beside the loss: the share of the attention that "
           "lands on the deciding word, epoch by epoch. It starts near 1/16, the uniform share, and rises as the model "
           "learns where to look. After training, the sentence typed for you has its deciding word, superb, as the "
           "ninth word, marked ▲ under the text: the heatmap lights up there. In Inside the Attention, step to it: "
           "its score eₜ stands out "
           "before the softmax turns it into most of the weight."),
        tr("Here the attention is right, because the task leaves it one place to look. It says where the model "
           "looks, not why: type a sentence with two sentiment words of opposite sense and see where the weight "
           "goes, and what the model answers."));
    keyword.setup.task = QStringLiteral("keyword");
    keyword.setup.taskOptions.count = 1000;
    keyword.setup.taskOptions.length = 16;
    keyword.setup.taskOptions.seed = 1;
    keyword.setup.model.attention = AttentionKind::Additive;
    keyword.setup.model.bidirectional = true;
    keyword.setup.model.hiddenSize = 16;
    keyword.setup.model.embeddingDim = 16;
    keyword.setup.training.epochs = 10;
    keyword.setup.training.batchSize = 32;
    keyword.setup.training.seed = 1;
    keyword.inputText = QStringLiteral("the story was long and the music was superb in this part");
    keyword.knownAnswer = true;
    // The keyword task's sentiment words (data/BuiltinTasks): whichever the text holds decides.
    keyword.decidingWords = {QStringLiteral("great"), QStringLiteral("excellent"), QStringLiteral("superb"),
                             QStringLiteral("awful"), QStringLiteral("terrible"), QStringLiteral("boring")};
    lessons << keyword;

    Lesson perFeature;
    perFeature.id = QStringLiteral("tutorial-004");
    perFeature.tutorial = QStringLiteral("004");
    perFeature.title = tr("One weight per unit, not per word (tutorial 004)");
    perFeature.html = lessonHtml(
        tr("The tutorial's Keras layer: e = tanh(x·W + b) with W of size d×d, then a softmax over time "
           "(axis=1). Every one of the d units of hₜ gets its own distribution over the words: a T×d map, not one "
           "weight per word. Here: Embedding, LSTM(16), this attention, Dense(1, sigmoid), on 1,000 IMDB sentences "
           "(the tutorial uses the whole IMDB set, 10,000 words, 200 per review)."),
        tr("The model's map is T×d; the word view shows, for each word, the mean over the d units. In Inside the "
           "Attention, change \"unit d\": the softmax table changes, because each unit weighs the words its own way."),
        tr("\"The weight of a word\" is then a summary, a mean of d distributions, that the model never computed. "
           "And the tutorial pads every review at the front to 200 words with nothing to mask the padding: opened "
           "as the tutorial saves it, such a model warns about it, with a Why? link."));
    perFeature.setup = imdbSetup(AttentionKind::PerFeature, /*bidirectional=*/false, 16);
    perFeature.inputText = kReview;
    lessons << perFeature;

    Lesson zhou;
    zhou.id = QStringLiteral("tutorial-001");
    zhou.tutorial = QStringLiteral("001");
    zhou.title = tr("Zhou's attention over a Bi-LSTM (tutorial 001)");
    zhou.html = lessonHtml(
        tr("The Bi-LSTM of tutorial 001: Dense(1, activation='tanh') on the LSTM's outputs, a softmax over the steps "
           "and a weighted sum, as in Zhou et al. (2016): α = softmax(wᵀ tanh(H)), c = tanh(H α). Here: Embedding, "
           "Bi-LSTM(20) as in the tutorial, this attention and the output layer, on 1,000 IMDB sentences."),
        tr("In Inside the Attention, section 5 shows r = Σ αₜ hₜ and then c = tanh(r): every number of the context "
           "lies between −1 and 1, whatever the weights. Section 0 shows both directions' gates: the backward "
           "direction has read the end of the sentence first."),
        tr("Beside the app's model, the tutorial's own Keras model, as it writes it: its Embedding says "
           "mask_zero=False and pad_sequences pads the 7 words at the front to 30, so the 23 padding steps get weight "
           "like words (its warning says how much; the Why? link shows the fix). The app's own model masks the "
           "padding: the softmax gives it exactly zero."));
    zhou.setup = imdbSetup(AttentionKind::TanhDense, /*bidirectional=*/true, 20);
    zhou.inputText = kReview;
    // Beside it, the tutorial's own Keras model, as it writes it (trained on the same sentences).
    zhou.models = {QStringLiteral(":/lessons/tutorial001-as-written.h5")};
    zhou.companions = {QStringLiteral(":/lessons/tutorial001-as-written.tokenizer.json")};
    lessons << zhou;

    Lesson query;
    query.id = QStringLiteral("tutorial-002");
    query.tutorial = QStringLiteral("002");
    query.title = tr("Every step asks its own query (tutorial 002)");
    query.html = lessonHtml(
        tr("Tutorial 002's Keras lines, built natively: every step asks with its own query qₜ = tanh(W hₜ + b) (its "
           "Dense(tanh)), scores every step s by a dot product eₜₛ = qₜ · hₛ (its Dot) and takes a softmax over s: a "
           "T×T map, one row of weights per step. What each step gathers, Σₛ αₜₛ hₛ, is summed over the steps (its "
           "K.sum) and concatenated to the LSTM's output (its Concatenate); the output layer reads the last step of "
           "that. An LSTM(16) on 1,000 IMDB sentences."),
        tr("The map: row t is where step t looks, and each row sums to 1. Click a cell or step through the words: in "
           "Inside the Attention, section 2 shows the step's query qₜ beside its state, and the softmax table shows its "
           "row, the scores eₜₛ = qₜ · hₛ of every step s. The word view shows how much weight each word receives, "
           "averaged over the rows."),
        tr("As written, Dot(axes=(2, 1)) pairs the d units of the query with the T steps of the states: it runs only "
           "when T = d, and then mixes time with units; here the dot runs over the units, as the tutorial's text "
           "means. K.sum adds up T rows, so the context grows with the length of the input (section 5: its second "
           "half). And Concatenate of a (T, d) and a (d) tensor needs a RepeatVector that the tutorial leaves out."));
    query.setup = imdbSetup(AttentionKind::QueryDot, /*bidirectional=*/false, 16);
    query.inputText = kReview;
    lessons << query;

    Lesson axis;
    axis.id = QStringLiteral("tutorial-003");
    axis.tutorial = QStringLiteral("003");
    axis.title = tr("A softmax over the wrong axis (tutorial 003)");
    axis.html = lessonHtml(
        tr("Tutorial 003's PyTorch AttentionLSTM, twice, with the same weights, side by side on the same series (noise "
           "with one spike, at step 15; the spike's direction is the label). On the right, the model as its text "
           "means it: batch_first=True, so softmax(dim=1) runs over the 24 steps. On the left, the model exactly as "
           "the tutorial writes it: nn.LSTM without batch_first is time-major, its output is (time, batch, features), "
           "and softmax(dim=1) runs over the batch."),
        tr("The fixed model's weight peaks at the spike and the steps just after it. The tutorial's model gives "
           "every step the weight 1.0: a softmax over an axis that holds one example. Its warning has a Why? link "
           "with the line and the fix. Its output has one row per step, because it then sums over the batch "
           "instead of over time."),
        tr("Nothing in the code fails: the shapes broadcast, the model runs, and trains, on a batch. Only the "
           "attention's sums show it. The fix is one argument: nn.LSTM(input_size, hidden_size, batch_first=True), "
           "or dim=0 for both the softmax and the sum."));
    axis.trainsModel = false;
    axis.models = {QStringLiteral(":/lessons/tutorial003-as-written.pt"), QStringLiteral(":/lessons/tutorial003-fixed.pt")};
    axis.inputSeries = QStringLiteral(":/lessons/tutorial003-input.csv");
    lessons << axis;

    Lesson bias;
    bias.id = QStringLiteral("tutorial-000");
    bias.tutorial = QStringLiteral("000");
    bias.title = tr("A bias for each position (tutorial 000)");
    bias.html = lessonHtml(
        tr("Tutorial 000's layer: e = x·W + b with b of shape (T, 1), one learned bias per position, then a softmax "
           "over time and a weighted sum. Here an LSTM(16) reads 24 years of yearly sunspot numbers (1700–2008) and "
           "forecasts the next year, through the tutorial's attention."),
        tr("The heat strip under the series shows which past years the forecast used. In Inside the Attention, "
           "section 2 writes each score as w · hₜ + bₜ, and says what weight the bias alone would give the step, "
           "before the model has read anything."),
        tr("The bias belongs to the position, not to the input: part of every weight is fixed in advance, and the "
           "layer only works for the length it was built with (the tutorial's own Input(shape=(None, input_dim)) "
           "cannot even build it). Under the series, set \"Forecasters read the last\" to 30 rows: this model refuses, "
           "it has a bias for 24 positions only, where any other forecaster reads the 30. The warning under the model "
           "says which step the bias favours; its Why? link shows the fix."));
    bias.setup.task.clear();
    bias.setup.dataFile = QStringLiteral(":/lessons/series/sunspots.csv");
    bias.setup.forecast.targetColumn = QStringLiteral("SUNACTIVITY");
    bias.setup.forecast.window = 24;
    bias.setup.forecast.horizon = 1;
    bias.setup.model.attention = AttentionKind::PositionalBias;
    bias.setup.model.hiddenSize = 16;
    bias.setup.training.epochs = 10;
    bias.setup.training.batchSize = 16;
    bias.setup.training.seed = 1;
    lessons << bias;

    return lessons;
}

std::optional<Lesson> lessonById(const QString& id)
{
    for (const Lesson& lesson : allLessons())
        if (lesson.id == id)
            return lesson;
    return std::nullopt;
}

} // namespace studio
