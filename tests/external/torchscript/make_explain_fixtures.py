#!/usr/bin/env python3
"""PyTorch's own answers for explaining TorchScript models (issue 13), for tst_torchscript_explain.

For every model this writes, into OUT_DIR, NAME.pt (torch.jit.script or trace, with a meta.json)
and NAME.json: the input, the prediction, the attention, e_t (the embedding's output, or the
normalized series) and, computed with torch.autograd on the same float32 module:

  score                 the predicted class's logit (several outputs) or the one raw output
  class                 its index, or null for one output
  gradient              ||d score / d e_t||_2 per step
  grad_input            sum_d d score / d e_t,d * e_t,d
  integrated_gradients  midpoint rule, alphas (i + 0.5) / N, from the baseline (the pad id's
                        embedding at every step, zeros for a series), the rest of the model reading
                        the original ids (its padding mask)
  ig_expected           score(x) - score(baseline)
  occlusion             score(x) - score(x with step t's id set to the pad id / its values to 0),
                        the whole model run again
  baseline              the baseline's e_t

Bad files: a token model without an embedding (one_hot), which the app must refuse by name.

    /usr/bin/python3 make_explain_fixtures.py OUT_DIR IG_STEPS
"""

import json
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

VOCAB = ["<pad>", "<unk>", "the", "movie", "was", "not", "good", "bad", "very", "fun", "boring", "a"]
PAD_ID = 0
TOKEN_IDS = [2, 3, 4, 5, 6, 8, 9, 0, 0]  # seven words, two pads: the mask matters
SERIES = [[0.5, 1.0, -2.0], [1.5, 0.0, 1.0], [2.0, -1.0, 0.5], [0.0, 0.5, 0.5], [-1.0, 2.0, 1.5]]
MEAN = [0.5, 0.25, 0.0]
STD = [1.5, 0.5, 2.0]


class TokenAttention(nn.Module):
    """Word embedding plus a positional embedding (two aten::embedding nodes; only one reads the ids),
    a batch-first LSTM, additive attention masked on the ids, three classes."""

    pad_id: torch.jit.Final[int]

    def __init__(self):
        super().__init__()
        self.pad_id = PAD_ID
        self.embedding = nn.Embedding(len(VOCAB), 6, padding_idx=PAD_ID)
        self.position = nn.Embedding(32, 6)
        self.lstm = nn.LSTM(6, 10, batch_first=True)
        self.w = nn.Linear(10, 8)
        self.v = nn.Linear(8, 1, bias=False)
        self.head = nn.Linear(10, 3)

    def from_embedding(self, ids: torch.Tensor, e: torch.Tensor):
        steps = torch.arange(ids.size(1), device=ids.device)
        states, _ = self.lstm(e + self.position(steps).unsqueeze(0))      # (B, T, H)
        scores = self.v(torch.tanh(self.w(states))).squeeze(-1)           # (B, T)
        scores = scores.masked_fill(ids == self.pad_id, float("-inf"))
        weights = F.softmax(scores, dim=1)
        return self.head(torch.bmm(weights.unsqueeze(1), states).squeeze(1)), weights

    def forward(self, ids: torch.Tensor):
        return self.from_embedding(ids, self.embedding(ids))[0]


class BatchOneBinary(nn.Module):
    """Written for one example: view(T, H) fails for a batch of several. One output with two labels:
    a binary logit. Returns (output, attention)."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(VOCAB), 5, padding_idx=PAD_ID)
        self.lstm = nn.LSTM(5, 7, batch_first=True)
        self.score = nn.Linear(7, 1)
        self.head = nn.Linear(7, 1)

    def from_embedding(self, ids: torch.Tensor, e: torch.Tensor):
        states, _ = self.lstm(e)
        flat = states.reshape(ids.size(1), 7)                         # (T, H): batch 1 only
        weights = F.softmax(self.score(flat).squeeze(-1), dim=0)      # (T)
        context = (weights.unsqueeze(-1) * flat).sum(0, keepdim=True)  # (1, H)
        return self.head(context), weights.unsqueeze(0)

    def forward(self, ids: torch.Tensor):
        return self.from_embedding(ids, self.embedding(ids))


class MixesBatch(nn.Module):
    """Also written for one example, but runs a batch without an error: view(1, -1) puts the scores
    of every example into one softmax, so each example's output depends on the others."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(VOCAB), 5, padding_idx=PAD_ID)
        self.lstm = nn.LSTM(5, 6, batch_first=True)
        self.score = nn.Linear(6, 1)
        self.head = nn.Linear(6, 2)

    def from_embedding(self, ids: torch.Tensor, e: torch.Tensor):
        states, _ = self.lstm(e)                                               # (B, T, H)
        weights = F.softmax(self.score(states).view(1, -1), dim=1).view(ids.size(0), -1)
        return self.head(torch.bmm(weights.unsqueeze(1), states).squeeze(1)), weights

    def forward(self, ids: torch.Tensor):
        return self.from_embedding(ids, self.embedding(ids))[0]


class TimeMajorSeries(nn.Module):
    """A time-major GRU over a normalized series, attention over time (dim=0), one regression output."""

    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(3, 9)
        self.attention = nn.Linear(9, 1)
        self.fc = nn.Linear(9, 1)

    def from_embedding(self, ids: torch.Tensor, x: torch.Tensor):  # x: (B, T, F), as the app holds it
        states, _ = self.gru(x.transpose(0, 1))                        # (T, B, H)
        weights = F.softmax(self.attention(states), dim=0)             # (T, B, 1)
        return self.fc(torch.sum(weights * states, dim=0)), weights.squeeze(-1).transpose(0, 1)

    def forward(self, x: torch.Tensor):                                # x: (T, B, F)
        return self.from_embedding(x, x.transpose(0, 1))[0]


class OneHot(nn.Module):
    """Tokens read through one_hot and a linear layer: no aten::embedding in the graph."""

    vocabulary: torch.jit.Final[int]

    def __init__(self):
        super().__init__()
        self.vocabulary = len(VOCAB)
        self.proj = nn.Linear(len(VOCAB), 4)
        self.lstm = nn.LSTM(4, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, ids: torch.Tensor):
        states, _ = self.lstm(self.proj(F.one_hot(ids, self.vocabulary).float()))
        return self.head(states[:, -1])


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def answers(model, ids, e, baseline, occluded_inputs, run, ig_steps, binary_or_value):
    """Everything the app must match, from `model.from_embedding(ids, e)` and `run(input)`."""
    e = e.detach().clone().requires_grad_(True)
    prediction, weights = model.from_embedding(ids, e)
    if binary_or_value:
        cls, score = None, prediction[0, 0]
    else:
        cls = int(prediction[0].argmax())
        score = prediction[0, cls]
    (gradient,) = torch.autograd.grad(score, e)
    alphas = (torch.arange(ig_steps, dtype=torch.float32) + 0.5) / ig_steps
    total = torch.zeros_like(e)
    for alpha in alphas:
        point = (baseline + alpha * (e.detach() - baseline)).requires_grad_(True)
        out, _ = model.from_embedding(ids, point)
        s = out[0, 0] if cls is None else out[0, cls]
        total += torch.autograd.grad(s, point)[0]
    ig = ((e.detach() - baseline) * total / ig_steps).sum(-1)[0]
    with torch.no_grad():
        base_out, _ = model.from_embedding(ids, baseline)
        base_score = base_out[0, 0 if cls is None else cls]
        occlusion = []
        for occluded in occluded_inputs:
            out = run(occluded)
            out = out[0] if isinstance(out, tuple) else out
            occlusion.append(float(score) - float(out.reshape(1, -1)[0, 0 if cls is None else cls]))
    return {
        "prediction": flat(prediction), "attention": flat(weights), "step_inputs": flat(e),
        "baseline": flat(baseline), "score": float(score), "class": cls,
        "gradient": flat(gradient[0].norm(dim=-1)), "grad_input": flat((gradient * e.detach()).sum(-1)[0]),
        "integrated_gradients": flat(ig), "ig_expected": float(score - base_score), "occlusion": occlusion,
    }


def save(out_dir, name, module, meta, reference):
    torch.jit.save(module, os.path.join(out_dir, name + ".pt"), _extra_files={"meta.json": json.dumps(meta)})
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(reference, f)


def token_case(out_dir, name, model, script, meta, ig_steps, binary):
    ids = torch.tensor([TOKEN_IDS])
    e = model.embedding(ids)
    baseline = model.embedding(torch.full_like(ids, PAD_ID)).detach()
    occluded = []
    for t in range(ids.size(1)):
        copy = ids.clone()
        copy[0, t] = PAD_ID
        occluded.append(copy)
    ref = answers(model, ids, e, baseline, occluded, model, ig_steps, binary)
    ref["input"] = {"ids": TOKEN_IDS}
    save(out_dir, name, script(model, ids), meta, ref)


def main():
    out_dir, ig_steps = sys.argv[1], int(sys.argv[2])
    torch.manual_seed(13)
    meta = {"input": "tokens", "vocab": VOCAB, "tokenizer": "word", "pad_id": PAD_ID, "labels": ["a", "b", "c"]}

    token_case(out_dir, "explain_tokens", TokenAttention().eval(), lambda m, ids: torch.jit.script(m),
               meta, ig_steps, binary=False)
    token_case(out_dir, "explain_batch_one", BatchOneBinary().eval(), lambda m, ids: torch.jit.trace(m, ids),
               dict(meta, labels=["negative", "positive"]), ig_steps, binary=True)

    token_case(out_dir, "explain_mixing", MixesBatch().eval(), lambda m, ids: torch.jit.script(m),
               dict(meta, labels=["negative", "positive"]), ig_steps, binary=False)

    series = TimeMajorSeries().eval()
    raw = torch.tensor([SERIES])                                   # (1, T, F)
    x = (raw - torch.tensor(MEAN)) / torch.tensor(STD)             # what the model reads, batch-first
    occluded = []
    for t in range(x.size(1)):
        copy = x.clone()
        copy[0, t] = 0.0
        occluded.append(copy.transpose(0, 1))
    ref = answers(series, x, x, torch.zeros_like(x), occluded, series, ig_steps, True)
    ref["input"] = {"series": SERIES, "time_major": True}
    save(out_dir, "explain_series", torch.jit.script(series),
         {"input": "series", "features": ["a", "b", "c"], "batch_first": False,
          "normalization": {"mean": MEAN, "std": STD}}, ref)

    save(out_dir, "explain_one_hot", torch.jit.script(OneHot().eval()), meta, {"input": {"ids": TOKEN_IDS}})


if __name__ == "__main__":
    main()
