#!/usr/bin/env python3
"""Build small TorchScript models the way PyTorch users do, for Attention Studio's tests.

For every model this writes, into OUT_DIR:

  NAME.pt    the TorchScript file (torch.jit.script or torch.jit.trace, saved with torch.jit.save
             and, for most, a `meta.json` extra file describing the input; the seed tutorial's
             models are saved without one, as their users save them);
  NAME.json  PyTorch's own answer for one fixed input: the input, the prediction (flattened),
             the attention (shape with the batch axis removed, values row-major), where the app
             should find the attention ("output", "graph" or "none"), which warnings it must
             give, the layout the model reads ("layout": "time_major" or "batch_first", where
             checked) and whether it has a meta.json. The C++ tests compare the app's answer to
             this within 1e-5.

It also writes bad files (a truncated zip, a text file, random bytes, a model whose forward takes
two inputs, a file claiming a newer format version) that the app must refuse with a clear error.

Everything is seeded, so two runs write the same numbers.

    /usr/bin/python3 examples/pytorch/make_fixtures.py OUT_DIR
"""

import io
import json
import math
import os
import sys
import zipfile

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import studio_models  # noqa: E402  (the app's seven attention variants, written in PyTorch)

VOCAB = ["<pad>", "<unk>", "the", "movie", "was", "not", "good", "bad", "very", "fun", "boring", "a"]
PAD_ID = 0
# Fixed token input: seven words then two pads, so padding handling is visible.
TOKEN_IDS = [2, 3, 4, 5, 6, 8, 9, 0, 0]
SERIES_STEPS = 6
SERIES_FEATURES = 3


class AdditiveAttentionLSTM(nn.Module):
    """Embedding, batch-first LSTM, additive attention v^T tanh(W h_t + b), softmax over time.

    `returns_attention` decides whether forward gives (output, attention) or only the output;
    `mask_padding` decides whether padded steps get exactly zero attention.
    """

    # Final: constants to the TorchScript compiler, so forward may return a tuple or a tensor.
    returns_attention: torch.jit.Final[bool]
    mask_padding: torch.jit.Final[bool]
    pad_id: torch.jit.Final[int]

    def __init__(self, returns_attention: bool, mask_padding: bool = True):
        super().__init__()
        self.returns_attention = returns_attention
        self.mask_padding = mask_padding
        self.pad_id = PAD_ID
        self.embedding = nn.Embedding(len(VOCAB), 8, padding_idx=PAD_ID)
        self.lstm = nn.LSTM(8, 12, batch_first=True)
        self.w = nn.Linear(12, 10)
        self.v = nn.Linear(10, 1, bias=False)
        self.head = nn.Linear(12, 2)

    def attend(self, ids: torch.Tensor):
        states, _ = self.lstm(self.embedding(ids))                   # (B, T, H)
        scores = self.v(torch.tanh(self.w(states))).squeeze(-1)      # (B, T)
        if self.mask_padding:
            scores = scores.masked_fill(ids == self.pad_id, float("-inf"))
        weights = F.softmax(scores, dim=1)                           # over time
        context = torch.bmm(weights.unsqueeze(1), states).squeeze(1)  # (B, H)
        return self.head(context), weights

    def forward(self, ids: torch.Tensor):
        output, weights = self.attend(ids)
        if self.returns_attention:
            return output, weights
        return output


class DictAttentionLSTM(AdditiveAttentionLSTM):
    """The same model returning a dict, as some codebases do."""

    def __init__(self):
        super().__init__(returns_attention=True)

    def forward(self, ids: torch.Tensor):
        output, weights = self.attend(ids)
        return {"output": output, "attention": weights}


# The seed tutorial's model (seeds/003), exactly as the tutorial writes it. nn.LSTM without
# batch_first is time-major: lstm_out is (T, B, H), so softmax(dim=1) normalises over the batch
# axis and with one example every weight is exactly 1. Fed batch-first instead, the LSTM reads T
# sequences of one step and the map looks plausible but is wrong: the app must read the layout
# from the graph's aten::lstm call and then say the attention does not sum to 1 over time.
class AttentionLSTM(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(AttentionLSTM, self).__init__()
        self.hidden_size = hidden_size
        self.lstm = nn.LSTM(input_size, hidden_size)
        self.fc = nn.Linear(hidden_size, output_size)
        self.attention = nn.Linear(hidden_size, 1)

    def forward(self, input):
        lstm_out, _ = self.lstm(input)
        # 计算注意力权重
        attention_weights = F.softmax(self.attention(lstm_out), dim=1)
        # 加权求和得到加权后的输出
        weighted_lstm_out = torch.sum(attention_weights * lstm_out, dim=1)
        output = self.fc(weighted_lstm_out)
        return output


def seed_attention_weights(model, input):
    """The softmax inside AttentionLSTM.forward, computed the same way outside the class."""
    lstm_out, _ = model.lstm(input)
    return F.softmax(model.attention(lstm_out), dim=1)


class BatchFirstAttentionLSTM(AttentionLSTM):
    """The tutorial's model with batch_first=True: softmax(dim=1) is then over time, as meant."""

    def __init__(self, input_size, hidden_size, output_size):
        super().__init__(input_size, hidden_size, output_size)
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)


class TimeMajorAttentionGRU(nn.Module):
    """A time-major GRU whose softmax is over time (dim=0): a real distribution, (T, 1, 1) in the graph."""

    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.gru = nn.GRU(input_size, hidden_size)
        self.attention = nn.Linear(hidden_size, 1)
        self.fc = nn.Linear(hidden_size, output_size)

    def weights(self, x):
        states, _ = self.gru(x)                                # (T, B, H)
        return F.softmax(self.attention(states), dim=0), states  # over time

    def forward(self, x):
        weights, states = self.weights(x)
        return self.fc(torch.sum(weights * states, dim=0))


class MixedLayouts(nn.Module):
    """A batch-first LSTM feeding a time-major GRU: the recurrent calls disagree on batch_first, so
    the graph cannot tell the layout; the app feeds batch-first (right here, by luck) and says so."""

    def __init__(self, features, hidden):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.gru = nn.GRU(hidden, hidden)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        states, _ = self.lstm(x)                       # (B, T, H)
        states, _ = self.gru(states.transpose(0, 1))   # (T, B, H)
        return self.head(states[-1])


class NoRecurrentAttention(nn.Module):
    """Attention over a batch-first series with no LSTM, GRU or RNN: nothing in the graph tells the
    layout, so the app assumes batch-first and says so."""

    def __init__(self, features, hidden):
        super().__init__()
        self.proj = nn.Linear(features, hidden)
        self.score = nn.Linear(hidden, 1)
        self.head = nn.Linear(hidden, 1)

    def weights(self, x):
        states = torch.tanh(self.proj(x))                          # (B, T, H)
        return F.softmax(self.score(states).squeeze(-1), dim=1), states

    def forward(self, x):
        weights, states = self.weights(x)
        return self.head(torch.bmm(weights.unsqueeze(1), states).squeeze(1))


class SelfAttentionLSTM(nn.Module):
    """Scaled dot-product self-attention over LSTM states: a T x T map (rows are queries), output only."""

    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.q = nn.Linear(hidden, hidden)
        self.k = nn.Linear(hidden, hidden)
        self.v = nn.Linear(hidden, hidden)
        self.head = nn.Linear(hidden, 1)

    def weights(self, x: torch.Tensor):
        states, _ = self.lstm(x)
        scores = torch.bmm(self.q(states), self.k(states).transpose(1, 2)) / math.sqrt(states.size(-1))
        return F.softmax(scores, dim=-1), states

    def forward(self, x: torch.Tensor):
        weights, states = self.weights(x)
        return self.head(torch.bmm(weights, self.v(states)).mean(dim=1))


class PerFeatureLSTM(nn.Module):
    """The Keras tutorial layer with a d x d weight: softmax over time of tanh(W h + b), one
    distribution per hidden unit (a T x d map), output only."""

    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.w = nn.Linear(hidden, hidden)
        self.head = nn.Linear(hidden, 1)

    def weights(self, x: torch.Tensor):
        states, _ = self.lstm(x)
        return F.softmax(torch.tanh(self.w(states)), dim=1), states

    def forward(self, x: torch.Tensor):
        weights, states = self.weights(x)
        return self.head((weights * states).sum(dim=1))


class KerasPositionalBiasLSTM(nn.Module):
    """The first seed tutorial's Keras layer ported as users port it: W (d, 1) and b (T, 1), so
    e = tanh(h W + b) adds one learned bias per position and the model has a fixed length."""

    def __init__(self, features: int, hidden: int, steps: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.W = nn.Parameter(torch.randn(hidden, 1) * 0.5)
        self.b = nn.Parameter(torch.randn(steps, 1))
        self.head = nn.Linear(hidden, 1)

    def weights(self, x: torch.Tensor):
        states, _ = self.lstm(x)
        return F.softmax(torch.tanh(torch.matmul(states, self.W) + self.b), dim=1), states

    def forward(self, x: torch.Tensor):
        a, states = self.weights(x)
        return self.head(torch.sum(a * states, dim=1))


class KerasPerFeatureLSTM(nn.Module):
    """The last seed tutorial's Keras layer as users port it: W (d, d) and b (d,) added after a
    matmul. b is a bias per hidden unit, not per position: no positional-bias warning."""

    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.W = nn.Parameter(torch.randn(hidden, hidden) * 0.3)
        self.b = nn.Parameter(torch.randn(hidden))
        self.head = nn.Linear(hidden, 1)

    def weights(self, x: torch.Tensor):
        states, _ = self.lstm(x)
        return F.softmax(torch.tanh(torch.matmul(states, self.W) + self.b), dim=1), states

    def forward(self, x: torch.Tensor):
        a, states = self.weights(x)
        return self.head((a * states).sum(dim=1))


class TwoAttentionsLSTM(nn.Module):
    """Two attention distributions over time (say, one per task head): the app shows the first that
    fits by default and the other on request (--candidate 2)."""

    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.first = nn.Linear(hidden, 1)
        self.second = nn.Linear(hidden, 1)
        self.head = nn.Linear(2 * hidden, 1)

    def weights(self, x: torch.Tensor):
        states, _ = self.lstm(x)
        return (F.softmax(self.first(states).squeeze(-1), dim=1), F.softmax(self.second(states).squeeze(-1), dim=1),
                states)

    def forward(self, x: torch.Tensor):
        a1, a2, states = self.weights(x)
        pooled = torch.cat([torch.bmm(a1.unsqueeze(1), states), torch.bmm(a2.unsqueeze(1), states)], dim=2)
        return self.head(pooled.squeeze(1))


class NoSoftmaxLSTM(nn.Module):
    """A baseline with no attention at all: the last hidden state feeds the head."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(SERIES_FEATURES, 8, batch_first=True)
        self.head = nn.Linear(8, 1)

    def forward(self, x: torch.Tensor):
        states, _ = self.lstm(x)
        return self.head(states[:, -1])


class TwoInputs(nn.Module):
    """forward(ids, lengths): the app feeds one tensor, so it must refuse this model clearly."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(VOCAB), 4)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor):
        return self.embedding(ids).sum(1) / lengths.unsqueeze(1)


class OutputOnly(nn.Module):
    """Wraps a studio_models model so that it returns its prediction alone, as most users' models
    do: the app has to find the attention among the graph's softmax outputs."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, ids: torch.Tensor):
        return self.model(ids)[0]


def flat(t: torch.Tensor):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def save(out_dir, name, module, meta, reference):
    if reference:
        reference = dict(reference, has_meta=meta is not None)
    path = os.path.join(out_dir, name + ".pt")
    extra = {"meta.json": json.dumps(meta)} if meta is not None else {}
    torch.jit.save(module, path, _extra_files=extra)
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(reference, f)
    return path


def reference(input_desc, prediction, attention, source, warnings, layout=None):
    """attention: a tensor with the batch axis already removed, or None. layout: the layout the
    model really reads ("time_major" or "batch_first"), that the app must find by itself."""
    return {
        "layout": layout,
        "input": input_desc,
        "prediction": flat(prediction),
        "attention": {"shape": list(attention.shape) if attention is not None else [],
                      "values": flat(attention) if attention is not None else []},
        "source": source,
        "expect_warnings": warnings,  # keywords that must appear in the app's warnings
    }


def token_fixtures(out_dir):
    meta = {"input": "tokens", "vocab": VOCAB, "tokenizer": "word", "lowercase": True,
            "pad_id": PAD_ID, "unk_id": 1, "labels": ["negative", "positive"]}
    ids = torch.tensor([TOKEN_IDS], dtype=torch.long)
    desc = {"ids": TOKEN_IDS}

    # (i) returns (output, attention): the app takes it from the output.
    torch.manual_seed(1)
    m = AdditiveAttentionLSTM(returns_attention=True).eval()
    with torch.no_grad():
        out, w = m(ids)
    save(out_dir, "additive_output", torch.jit.script(m), meta, reference(desc, out, w[0], "output", []))

    # The same weights returned in a dict under "attention".
    d = DictAttentionLSTM().eval()
    d.load_state_dict(m.state_dict())
    save(out_dir, "additive_dict", torch.jit.script(d), meta, reference(desc, out, w[0], "output", []))

    # (ii) returns only its output: the app must find the softmax in the graph, scripted and traced.
    g = AdditiveAttentionLSTM(returns_attention=False).eval()
    g.load_state_dict(m.state_dict())
    with torch.no_grad():
        out_g = g(ids)
    ref = reference(desc, out_g, w[0], "graph", [])
    save(out_dir, "additive_graph_scripted", torch.jit.script(g), meta, ref)
    with torch.no_grad():
        traced = torch.jit.trace(g, ids)
    save(out_dir, "additive_graph_traced", traced, meta, ref)

    # Padding not masked: attention leaks onto the pads and the app must say so.
    torch.manual_seed(2)
    u = AdditiveAttentionLSTM(returns_attention=True, mask_padding=False).eval()
    with torch.no_grad():
        out_u, w_u = u(ids)
    save(out_dir, "additive_unmasked", torch.jit.script(u), meta, reference(desc, out_u, w_u[0], "output", ["padding"]))

    # Every attention variant of the app, written in PyTorch (studio_models.py), returning only its
    # output, scripted and traced: the attention is found in the graph (none: there is none).
    for seed, kind in enumerate(studio_models.ATTENTION_KINDS, start=20):
        torch.manual_seed(seed)
        config = studio_models.default_config(vocabularySize=len(VOCAB), embeddingDim=6, hiddenSize=5,
                                              bidirectional=True, attention=kind, maxLength=len(TOKEN_IDS))
        model = studio_models.AttentionModel(config).eval()
        with torch.no_grad():
            out_v, w_v = model(ids)
            if kind in ("self", "query-dot"):
                # The graph holds the softmax before padded query rows are zeroed: that is what the
                # app finds there, and what it must match.
                mask = ids != PAD_ID
                states = model.encoder(ids, mask)
                attention = model.attention
                if kind == "self":
                    scores = torch.bmm(attention.query(states), attention.key(states).transpose(1, 2))
                    scores = scores / math.sqrt(attention.key_width)
                else:
                    scores = torch.bmm(torch.tanh(attention.query(states)), states.transpose(1, 2))
                w_v = studio_models.masked_softmax(scores, mask.unsqueeze(1), 2)
        wrapped = OutputOnly(model).eval()
        name = "variant_" + kind.replace("-", "_")
        warnings = ["positional bias"] if kind == "positional-bias" else (["no attention"] if kind == "none" else [])
        ref = reference(desc, out_v, w_v[0] if w_v is not None else None, "graph" if w_v is not None else "none",
                        warnings)
        save(out_dir, name + "_scripted", torch.jit.script(wrapped), meta, ref)
        with torch.no_grad():
            save(out_dir, name + "_traced", torch.jit.trace(wrapped, ids, check_trace=False), meta, ref)

    # A forward taking two tensors: refused with a clear error.
    save(out_dir, "two_inputs", torch.jit.script(TwoInputs()), meta, {})


def series_fixtures(out_dir):
    torch.manual_seed(3)
    series = torch.randn(SERIES_STEPS, SERIES_FEATURES)
    desc = {"series": series.tolist()}
    features = ["a", "b", "c"]

    # (iii) the seed tutorial's time-major model: input (T, 1, F), softmax over the batch axis.
    torch.manual_seed(11)
    s = AttentionLSTM(SERIES_FEATURES, 10, 2).eval()
    x = series.unsqueeze(1)
    with torch.no_grad():
        out = s(x)
        w = seed_attention_weights(s, x)[:, 0, 0]  # (T, 1, 1) -> batch axis and trailing unit axis removed
        # What the model gives when fed batch-first (1, T, F) by mistake: T sequences of one step,
        # a plausible map over them. Only with an explicit batch-first layout.
        xb = series.unsqueeze(0)
        out_b = s(xb)
        w_b = seed_attention_weights(s, xb)[0, :, 0]
    as_batch_first = {"prediction": flat(out_b), "attention": {"shape": list(w_b.shape), "values": flat(w_b)}}

    # As the tutorial's user saves it: no meta.json, so the layout comes from the graph's aten::lstm.
    ref = dict(reference(desc, out, w, "graph", ["batch axis"], "time_major"), as_batch_first=as_batch_first)
    save(out_dir, "seed003_scripted", torch.jit.script(s), None, ref)
    with torch.no_grad():
        save(out_dir, "seed003_traced", torch.jit.trace(s, x), None, ref)

    # With a meta.json that says batch_first false.
    meta = {"input": "series", "features": features, "batch_first": False}
    ref = reference(desc, out, w, "graph", ["sum"], "time_major")
    save(out_dir, "seed_time_major_scripted", torch.jit.script(s), meta, ref)
    with torch.no_grad():
        save(out_dir, "seed_time_major_traced", torch.jit.trace(s, x), meta, ref)

    # The tutorial's model with batch_first=True, no meta.json: fed (1, T, F), softmax over time.
    torch.manual_seed(12)
    bf = BatchFirstAttentionLSTM(SERIES_FEATURES, 10, 2).eval()
    xb = series.unsqueeze(0)
    with torch.no_grad():
        out_bf = bf(xb)
        w_bf = seed_attention_weights(bf, xb)[0, :, 0]
    save(out_dir, "seed003_batch_first", torch.jit.script(bf), None,
         reference(desc, out_bf, w_bf, "graph", [], "batch_first"))

    # A time-major GRU, traced, no meta.json: aten::gru's batch_first=False, attention over time.
    torch.manual_seed(13)
    gru = TimeMajorAttentionGRU(SERIES_FEATURES, 6, 2).eval()
    with torch.no_grad():
        out_gru = gru(x)
        w_gru = gru.weights(x)[0][:, 0, 0]
        traced_gru = torch.jit.trace(gru, x)
    save(out_dir, "gru_time_major_traced", traced_gru, None,
         reference(desc, out_gru, w_gru, "graph", [], "time_major"))

    # Recurrent calls that disagree, no meta.json: batch-first by assumption.
    torch.manual_seed(15)
    mixed = MixedLayouts(SERIES_FEATURES, 4).eval()
    with torch.no_grad():
        out_mixed = mixed(xb)
    save(out_dir, "mixed_layouts", torch.jit.script(mixed), None,
         reference(desc, out_mixed, None, "none", ["no attention"], "batch_first"))

    # No recurrent call, no meta.json: batch-first by assumption.
    torch.manual_seed(14)
    nr = NoRecurrentAttention(SERIES_FEATURES, 5).eval()
    with torch.no_grad():
        out_nr = nr(xb)
        w_nr = nr.weights(xb)[0][0]
    save(out_dir, "no_recurrent", torch.jit.script(nr), None,
         reference(desc, out_nr, w_nr, "graph", [], "batch_first"))

    # Matrix-shaped attention found in the graph: T x T (self-attention) and T x d (per feature).
    batch = series.unsqueeze(0)
    series_meta = {"input": "series", "features": features}
    for name, model_class, seed in (("self_attention", SelfAttentionLSTM, 5), ("per_feature", PerFeatureLSTM, 6)):
        torch.manual_seed(seed)
        model = model_class(SERIES_FEATURES, 7).eval()
        with torch.no_grad():
            out_m = model(batch)
            w_m = model.weights(batch)[0][0]
        save(out_dir, name, torch.jit.script(model), series_meta, reference(desc, out_m, w_m, "graph", []))

    # The same time-major model without batch_first in meta.json: the user says so with --time-major.
    save(out_dir, "seed_time_major_flag", torch.jit.script(s), {"input": "series", "features": features},
         reference(dict(desc, time_major=True), out, w, "graph", ["sum"], "time_major"))

    # Keras-style layers: a per-position bias is reported, a per-unit bias is not.
    torch.manual_seed(7)
    k = KerasPositionalBiasLSTM(SERIES_FEATURES, 5, SERIES_STEPS).eval()
    with torch.no_grad():
        out_k = k(batch)
        w_k = k.weights(batch)[0][0, :, 0]
    save(out_dir, "keras_positional_bias", torch.jit.script(k), series_meta,
         reference(desc, out_k, w_k, "graph", ["positional bias"]))
    torch.manual_seed(8)
    f = KerasPerFeatureLSTM(SERIES_FEATURES, 5).eval()
    with torch.no_grad():
        out_f = f(batch)
        w_f = f.weights(batch)[0][0]
    save(out_dir, "keras_per_feature", torch.jit.script(f), series_meta, reference(desc, out_f, w_f, "graph", []))

    # Two distributions over time: the second on request.
    torch.manual_seed(9)
    t = TwoAttentionsLSTM(SERIES_FEATURES, 4).eval()
    with torch.no_grad():
        out_t = t(batch)
        w_first, w_second, _ = t.weights(batch)
    save(out_dir, "two_attentions_first", torch.jit.script(t), series_meta,
         reference(desc, out_t, w_first[0], "graph", []))
    save(out_dir, "two_attentions_second", torch.jit.script(t), series_meta,
         reference(dict(desc, candidate=2), out_t, w_second[0], "graph", []))

    # meta.json's normalization: the app scales the raw series as the model was trained to expect.
    mean, std = [1.5, -2.0, 0.25], [2.0, 0.5, 4.0]
    raw = series * torch.tensor(std) + torch.tensor(mean)
    torch.manual_seed(10)
    z = PerFeatureLSTM(SERIES_FEATURES, 4).eval()
    with torch.no_grad():
        out_z = z(batch)  # the model sees the normalized series
        w_z = z.weights(batch)[0][0]
    save(out_dir, "normalized_series", torch.jit.script(z), dict(series_meta, normalization={"mean": mean, "std": std}),
         reference({"series": raw.tolist()}, out_z, w_z, "graph", []))

    # (iv) no softmax at all: opens, with no attention and a message saying so.
    torch.manual_seed(4)
    n = NoSoftmaxLSTM().eval()
    with torch.no_grad():
        out_n = n(series.unsqueeze(0))
    save(out_dir, "no_softmax", torch.jit.script(n), {"input": "series", "features": features},
         reference(desc, out_n, None, "none", ["no attention"]))


def bad_files(out_dir):
    good = os.path.join(out_dir, "additive_output.pt")
    with open(good, "rb") as f:
        data = f.read()
    with open(os.path.join(out_dir, "bad_truncated.pt"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(os.path.join(out_dir, "bad_text.pt"), "w") as f:
        f.write("this is not a model\n")
    gen = torch.Generator().manual_seed(5)
    with open(os.path.join(out_dir, "bad_random.pt"), "wb") as f:
        f.write(bytes(torch.randint(0, 256, (4096,), generator=gen, dtype=torch.uint8).tolist()))
    # A file that claims a format version newer than this PyTorch reads: same archive, with the
    # `version` record rewritten (the reader checks it before anything else).
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(os.path.join(out_dir, "bad_newer_version.pt"), "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.endswith("/version") and "/" not in item.filename.split("/", 1)[1]:
                body = b"99\n"
            dst.writestr(item.filename, body)
    # A model calling an operator this LibTorch does not have, as a model from a newer PyTorch
    # can: the same archive with one call in its code renamed.
    with zipfile.ZipFile(os.path.join(out_dir, "bad_unknown_op.pt"), "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.endswith("/code/__torch__/torch/nn/modules/linear.py"):
                body = body.replace(b"torch.linear(", b"torch.linear_from_a_newer_pytorch(")
            dst.writestr(item.filename, body)
    # A state dict saved with torch.save: a PyTorch zip, but not TorchScript.
    torch.save({"w": torch.zeros(2)}, os.path.join(out_dir, "bad_state_dict.pt"))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_fixtures.py OUT_DIR")
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    token_fixtures(out_dir)
    series_fixtures(out_dir)
    bad_files(out_dir)


if __name__ == "__main__":
    main()
