#include "teaching/FlawExplanation.h"

#include <QCoreApplication>

namespace studio {
namespace {

// lupdate files a free tr() under the namespace: "studio".
QString tr(const char* text) { return QCoreApplication::translate("studio", text); }

} // namespace

// The tutorials are the Chinese ones in the product's seeds (000-004); their code is quoted
// exactly, comments included, so a learner finds the line in their own copy.
FlawExplanation explainFlaw(ModelFlaw flaw)
{
    switch (flaw) {
    case ModelFlaw::WrongSoftmaxAxis:
        return {tr("The softmax runs over the wrong axis"),
                tr("Attention weights are a distribution over the time steps: each between 0 and 1, together 1. "
                   "nn.LSTM without batch_first=True returns its output as (time, batch, features), so dim=1 is the "
                   "batch axis. With one example in the batch, a softmax over that axis gives every step the weight "
                   "1.0: the model adds its hidden states up instead of weighing them, and the heatmap shows nothing "
                   "about the input. In a batch of several, each step's weights are shared out between the examples "
                   "instead."),
                tr("Tutorial 003 (PyTorch AttentionLSTM)"),
                QStringLiteral("self.lstm = nn.LSTM(input_size, hidden_size)\n"
                               "attention_weights = F.softmax(self.attention(lstm_out), dim=1)"),
                tr("Make the LSTM batch-first, so that dim=1 is the time axis, and sum over time (dim=1) as before. "
                   "A time-major model would use dim=0 for both instead."),
                QStringLiteral("self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)\n"
                               "attention_weights = F.softmax(self.attention(lstm_out), dim=1)")};
    case ModelFlaw::PaddingWeight:
        return {tr("Padding gets attention"),
                tr("pad_sequences fills short texts with the id 0, at the front by default. Nothing in the model "
                   "tells the attention that these steps are empty (Embedding has no mask_zero=True and the custom "
                   "layer ignores masks), so the softmax gives them weight like words, and the prediction depends on "
                   "how much padding a text has."),
                tr("Tutorial 004 (IMDB); tutorial 001 too, with mask_zero=False"),
                QStringLiteral("x_train = pad_sequences(x_train, maxlen=max_len)\n"
                               "model.add(Embedding(input_dim=max_features, output_dim=128, input_length=max_len))"),
                tr("Mask the padding: mask_zero=True in the Embedding, and a layer that takes the mask and gives the "
                   "masked steps a score of minus infinity before the softmax."),
                QStringLiteral("model.add(Embedding(input_dim=max_features, output_dim=128, mask_zero=True))\n"
                               "# in Attention: self.supports_masking = True, and\n"
                               "def call(self, x, mask=None):\n"
                               "    e = K.tanh(K.dot(x, self.W) + self.b)\n"
                               "    if mask is not None:\n"
                               "        e -= 1e9 * (1.0 - K.cast(mask, K.floatx()))[:, :, None]\n"
                               "    a = K.softmax(e, axis=1)")};
    case ModelFlaw::FixedLength:
        return {tr("One learned bias per position fixes the length"),
                tr("The bias has one value per time step, so the layer only works for the length it was built with "
                   "(the tutorial's own Input(shape=(None, input_dim)) cannot even build it). Part of every weight then "
                   "comes from the step's position, learned once for all inputs, not from what the input says at that "
                   "step: the window draws the weights the bias alone would give."),
                tr("Tutorial 000 (Keras custom Attention layer)"),
                QStringLiteral("self.b = self.add_weight(name=\"att_bias\", shape=(input_shape[1], 1), initializer=\"zeros\")\n"
                               "e = tf.matmul(x, self.W) + self.b"),
                tr("Share one bias between all steps (it then cancels out in the softmax, so it can also be left out): "
                   "the layer reads inputs of any length and its weights depend on the input alone."),
                QStringLiteral("self.b = self.add_weight(name=\"att_bias\", shape=(1,), initializer=\"zeros\")\n"
                               "e = tf.matmul(x, self.W) + self.b")};
    case ModelFlaw::UnknownWords:
        return {tr("Words outside the vocabulary"),
                tr("The model knows only the words it was trained with, and the tutorial keeps only the most frequent "
                   "10,000. Any other word is left out, or read as the one shared out-of-vocabulary token: the model "
                   "never sees what it was, and no attention can land on it."),
                tr("Tutorial 004 (IMDB)"),
                QStringLiteral("max_features = 10000  # 仅使用数据集中前 10000 个最常见的单词\n"
                               "(x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=max_features)"),
                tr("Give the tokenizer an out-of-vocabulary token, so that an unknown word keeps its place and its step "
                   "shows, and keep more words if the texts need them."),
                QStringLiteral("tokenizer = Tokenizer(num_words=max_features, oov_token=\"<OOV>\")")};
    case ModelFlaw::Truncated:
        return {tr("The text was cut"),
                tr("The model reads a fixed number of words. pad_sequences cuts longer texts, and by default it cuts "
                   "at the front (truncating='pre'), so the beginning of a long review is never read and gets no "
                   "attention, whatever it says."),
                tr("Tutorial 004 (IMDB)"),
                QStringLiteral("max_len = 200  # 每个评论的最大长度\n"
                               "x_train = pad_sequences(x_train, maxlen=max_len)"),
                tr("Choose which end is kept, and make maxlen as long as the texts that matter."),
                QStringLiteral("x_train = pad_sequences(x_train, maxlen=max_len, truncating='post')")};
    case ModelFlaw::PadIdInInput:
        return {tr("The padding id in the input"),
                tr("Id 0 is reserved for padding: pad_sequences fills with it and the model's vocabulary names it "
                   "<pad>. Typed as an id, it is read as a real step, so the attention and the prediction include a "
                   "step that no word stands for."),
                tr("Tutorials 001 and 004 (pad_sequences pads with 0)"),
                QStringLiteral("x_train = pad_sequences(x_train, maxlen=max_len)"),
                tr("Give ids of words only (the vocabulary's words start after <pad> and <unk>), or type the text and "
                   "let the model's own tokenizer turn it into ids."),
                QString()};
    }
    return {};
}

} // namespace studio
