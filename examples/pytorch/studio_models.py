"""Attention Studio's native models, written in PyTorch.

The same model families the app trains (an embedding or a linear projection, an LSTM or GRU,
one of eight attention variants, a linear head), with the same parameter names, so that

  * a model exported from the app (`attention-cli export --model m.asmodel --out m.pt`) loads
    here with `load_export("m.pt")` and gives the app's outputs and attention, and
  * a model built and trained here can be scripted and saved with its meta.json
    (`save_torchscript`) and opened in the app, which shows the attention it returns.

Every module is TorchScript-compatible. `forward(x, mask)` returns `(prediction, attention)`;
attention is None for the `none` baseline. Inputs are batch-first: token ids (B, T) int64 or a
series (B, T, F) float; `mask` (B, T) bool is True on real steps, padding only at the end.
"""

import json
import math
from typing import Any, Dict, List, Optional, Tuple

import torch
from torch import Tensor, nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

EXPORT_FORMAT = "attention-studio-state-dict"
EXPORT_VERSION = 1  # the newest export version this file reads
PAD_ID = 0  # the app's vocabularies always have <pad> at 0 and <unk> at 1
UNK_ID = 1
ATTENTION_KINDS = ("additive", "tanh-dense", "positional-bias", "dot", "self", "per-feature", "query-dot", "none")


def masked_softmax(scores: Tensor, mask: Tensor, dim: int) -> Tensor:
    """Softmax over `dim` that gives padded steps exactly zero (-inf, not a large negative)."""
    return torch.softmax(scores.masked_fill(~mask, float("-inf")), dim)


def _uniform_vector(width: int) -> nn.Parameter:
    # Same scale as a Linear layer's default initialisation, as the app does.
    bound = 1.0 / math.sqrt(width)
    return nn.Parameter(torch.empty(width).uniform_(-bound, bound))


class SequenceEncoder(nn.Module):
    """One state per step: embedding or projection, then a (bi)LSTM or GRU, run packed when padded."""

    def __init__(self, config: Dict[str, Any]):
        super().__init__()
        hidden = config["hiddenSize"]
        if config["input"] == "tokens":
            self.embedding = nn.Embedding(config["vocabularySize"], config["embeddingDim"])
            self.projection = None
            step_width = config["embeddingDim"]
        else:
            self.embedding = None
            self.projection = nn.Linear(config["inputFeatures"], hidden)
            step_width = hidden
        layers = config["layers"]
        options = dict(num_layers=layers, bidirectional=config["bidirectional"], batch_first=True,
                       dropout=float(config["dropout"]) if layers > 1 else 0.0)
        if config["cell"] == "lstm":
            self.lstm = nn.LSTM(step_width, hidden, **options)
            self.gru = None
        else:
            self.lstm = None
            self.gru = nn.GRU(step_width, hidden, **options)

    def forward(self, x: Tensor, mask: Tensor) -> Tensor:
        if self.embedding is not None:
            steps = self.embedding(x)
        else:
            assert self.projection is not None
            steps = self.projection(x)
        lengths = mask.sum(1).cpu()
        if bool(lengths.min() == x.size(1)):
            return self._run(steps)
        packed = pack_padded_sequence(steps, lengths, batch_first=True, enforce_sorted=False)
        if self.lstm is not None:
            out, _ = self.lstm(packed)
        else:
            assert self.gru is not None
            out, _ = self.gru(packed)
        padded, _ = pad_packed_sequence(out, batch_first=True, total_length=x.size(1))
        return padded

    def _run(self, steps: Tensor) -> Tensor:
        if self.lstm is not None:
            return self.lstm(steps)[0]
        assert self.gru is not None
        return self.gru(steps)[0]


class AdditiveAttention(nn.Module):
    """Bahdanau: score_t = v^T tanh(W h_t + b), alpha = softmax over time."""

    def __init__(self, width: int, score_width: int):
        super().__init__()
        self.projection = nn.Linear(width, score_width)
        self.score = nn.Linear(score_width, 1, bias=False)

    def forward(self, states: Tensor, mask: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        weights = masked_softmax(self.score(torch.tanh(self.projection(states))).squeeze(-1), mask, 1)
        return torch.bmm(weights.unsqueeze(1), states).squeeze(1), weights


class TanhDenseAttention(nn.Module):
    """Zhou et al. 2016: alpha = softmax(w^T tanh(H)), context = tanh(H alpha)."""

    def __init__(self, width: int):
        super().__init__()
        self.w = _uniform_vector(width)

    def forward(self, states: Tensor, mask: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        weights = masked_softmax(torch.matmul(torch.tanh(states), self.w), mask, 1)
        return torch.tanh(torch.bmm(weights.unsqueeze(1), states).squeeze(1)), weights


class PositionalBiasAttention(nn.Module):
    """The Keras tutorials' layer: e_t = h_t . w + b_t, one learned bias per position."""

    def __init__(self, width: int, max_length: int):
        super().__init__()
        self.max_length = max_length
        self.w = _uniform_vector(width)
        self.bias = nn.Parameter(torch.zeros(max_length))

    def forward(self, states: Tensor, mask: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        length = states.size(1)
        if length > self.max_length:
            raise ValueError(f"this positional-bias model has a bias for {self.max_length} positions, "
                             f"not {length}: truncate the input")
        weights = masked_softmax(torch.matmul(states, self.w) + self.bias[:length], mask, 1)
        return torch.bmm(weights.unsqueeze(1), states).squeeze(1), weights


class DotAttention(nn.Module):
    """One learned query vector: score_t = h_t . q."""

    def __init__(self, width: int):
        super().__init__()
        self.query = _uniform_vector(width)

    def forward(self, states: Tensor, mask: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        weights = masked_softmax(torch.matmul(states, self.query), mask, 1)
        return torch.bmm(weights.unsqueeze(1), states).squeeze(1), weights


class SelfAttention(nn.Module):
    """Scaled dot-product self-attention, a T x T map; context = mean of A V over real queries."""

    def __init__(self, width: int, key_width: int):
        super().__init__()
        self.key_width = key_width
        self.query = nn.Linear(width, key_width)
        self.key = nn.Linear(width, key_width)
        self.value = nn.Linear(width, key_width)

    def forward(self, states: Tensor, mask: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        scores = torch.bmm(self.query(states), self.key(states).transpose(1, 2)) / math.sqrt(self.key_width)
        real_queries = mask.unsqueeze(2).to(states.dtype)
        weights = masked_softmax(scores, mask.unsqueeze(1), 2) * real_queries
        context = torch.bmm(weights, self.value(states)).sum(1) / real_queries.sum(1)
        return context, weights


class PerFeatureAttention(nn.Module):
    """The Keras tutorials' D x D layer: a softmax over time for every hidden unit (a T x D map)."""

    def __init__(self, width: int):
        super().__init__()
        self.projection = nn.Linear(width, width)

    def forward(self, states: Tensor, mask: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        weights = masked_softmax(torch.tanh(self.projection(states)), mask.unsqueeze(2), 1)
        return (weights * states).sum(1), weights


def last_real_state(states: Tensor, mask: Tensor, bidirectional: bool) -> Tensor:
    """The forward state at the last real step and, bidirectional, the backward state at step 0
    (which has read the whole sequence)."""
    last_index = mask.sum(1).long() - 1
    gather_index = last_index.view(-1, 1, 1).expand(states.size(0), 1, states.size(2))
    last = states.gather(1, gather_index).squeeze(1)
    if not bidirectional:
        return last
    half = states.size(2) // 2
    return torch.cat([last[:, :half], states[:, 0, half:]], dim=1)


class QueryDotAttention(nn.Module):
    """Tutorial 002: q_t = tanh(W h_t + b), e_ts = q_t . h_s (a T x T map, softmax over s); the
    context is [last state ; sum over t of sum_s a_ts h_s], twice the state width."""

    def __init__(self, width: int, bidirectional: bool):
        super().__init__()
        self.bidirectional = bidirectional
        self.query = nn.Linear(width, width)

    def forward(self, states: Tensor, mask: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        scores = torch.bmm(torch.tanh(self.query(states)), states.transpose(1, 2))
        weights = masked_softmax(scores, mask.unsqueeze(1), 2) * mask.unsqueeze(2).to(states.dtype)
        gathered = torch.bmm(weights, states).sum(1)
        return torch.cat([last_real_state(states, mask, self.bidirectional), gathered], dim=1), weights


class LastStateReadout(nn.Module):
    """The `none` baseline: the forward state at the last real step (and, bidirectional, the
    backward state at step 0, which has read the whole sequence). No attention."""

    def __init__(self, width: int, bidirectional: bool):
        super().__init__()
        self.width = width
        self.bidirectional = bidirectional

    def forward(self, states: Tensor, mask: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        return last_real_state(states, mask, self.bidirectional), None


def make_attention(config: Dict[str, Any]) -> nn.Module:
    width = config["hiddenSize"] * (2 if config["bidirectional"] else 1)
    score_width = config["attentionDim"] or width
    kind = config["attention"]
    if kind == "additive":
        return AdditiveAttention(width, score_width)
    if kind == "tanh-dense":
        return TanhDenseAttention(width)
    if kind == "positional-bias":
        return PositionalBiasAttention(width, config["maxLength"])
    if kind == "dot":
        return DotAttention(width)
    if kind == "self":
        return SelfAttention(width, score_width)
    if kind == "per-feature":
        return PerFeatureAttention(width)
    if kind == "query-dot":
        return QueryDotAttention(width, config["bidirectional"])
    if kind == "none":
        return LastStateReadout(width, config["bidirectional"])
    raise ValueError(f"unknown attention variant {kind!r}; expected one of {', '.join(ATTENTION_KINDS)}")


def context_width(config: Dict[str, Any]) -> int:
    width = config["hiddenSize"] * (2 if config["bidirectional"] else 1)
    if config["attention"] == "self":
        return config["attentionDim"] or width
    return 2 * width if config["attention"] == "query-dot" else width


class AttentionModel(nn.Module):
    """Encoder -> attention -> dropout -> linear head, from the app's model configuration (a dict
    with the fields of its ModelConfig JSON: input, vocabularySize, embeddingDim, inputFeatures,
    cell, hiddenSize, layers, dropout, bidirectional, attention, attentionDim, maxLength, head,
    outputs). Returns (prediction, attention): logits or values, and the weights or None."""

    def __init__(self, config: Dict[str, Any]):
        super().__init__()
        self.tokens = config["input"] == "tokens"
        self.pad_id = PAD_ID
        self.encoder = SequenceEncoder(config)
        self.attention = make_attention(config)
        self.dropout = nn.Dropout(float(config["dropout"]))
        self.head = nn.Linear(context_width(config), config["outputs"])

    def forward(self, x: Tensor, mask: Optional[Tensor] = None) -> Tuple[Tensor, Optional[Tensor]]:
        if mask is None:
            if self.tokens:
                mask = x != self.pad_id
            else:
                mask = torch.ones(x.size(0), x.size(1), dtype=torch.bool, device=x.device)
        context, weights = self.attention(self.encoder(x, mask), mask)
        return self.head(self.dropout(context)), weights


def default_config(**overrides: Any) -> Dict[str, Any]:
    """The app's defaults (ModelConfig), changed by keyword: default_config(vocabularySize=100)."""
    config = dict(input="tokens", vocabularySize=0, embeddingDim=64, inputFeatures=1, cell="lstm",
                  hiddenSize=64, layers=1, dropout=0.0, bidirectional=False, attention="additive",
                  attentionDim=0, maxLength=0, head="binary", outputs=1)
    unknown = set(overrides) - set(config)
    if unknown:
        raise ValueError(f"unknown configuration fields: {', '.join(sorted(unknown))}")
    config.update(overrides)
    return config


def load_export(path: str) -> Tuple[AttentionModel, Dict[str, Any]]:
    """Rebuilds a model exported by `attention-cli export`. Returns the model (in eval mode) and
    the app's description: config, vocabulary, labels, preprocessing, dataName."""
    exported = torch.load(path)
    if not isinstance(exported, dict) or exported.get("format") != EXPORT_FORMAT:
        raise ValueError(f"{path} is not a state dict exported by Attention Studio "
                         f"(run `attention-cli export --model FILE --out {path}`)")
    if exported["version"] > EXPORT_VERSION:
        raise ValueError(f"{path} is export version {exported['version']}; this script reads up to "
                         f"{EXPORT_VERSION}: use the studio_models.py that came with that app")
    info = json.loads(exported["studio"])
    model = AttentionModel(info["config"])
    model.load_state_dict(exported["state_dict"])  # strict: every name must match both ways
    model.eval()
    return model, info


def meta_json(info: Dict[str, Any]) -> Dict[str, Any]:
    """The meta.json the app reads from a TorchScript file, from an export's description."""
    config = info["config"]
    meta: Dict[str, Any] = {"input": config["input"], "labels": info.get("labels", []), "batch_first": True}
    preprocessing = info.get("preprocessing", {})
    if config["input"] == "tokens":
        tokenizer = preprocessing.get("tokenizer", {})
        meta.update(vocab=info["vocabulary"], pad_id=PAD_ID, unk_id=UNK_ID,
                    tokenizer=tokenizer.get("kind", "word"), lowercase=tokenizer.get("lowercase", False))
    elif preprocessing.get("task") == "forecast":
        # The app scales each input column as (value - offset) / scale; meta.json says the same.
        scaling = {c["name"]: c for c in preprocessing["normalization"]["columns"]}
        columns = preprocessing["inputColumns"]
        meta.update(features=columns, normalization={"offset": [scaling[c]["offset"] for c in columns],
                                                     "scale": [scaling[c]["scale"] for c in columns]})
    return meta


def save_torchscript(model: nn.Module, info: Dict[str, Any], path: str) -> None:
    """Scripts the model and saves it with its meta.json, ready to open in Attention Studio."""
    scripted = torch.jit.script(model.eval())
    torch.jit.save(scripted, path, _extra_files={"meta.json": json.dumps(meta_json(info))})


def read_series(path: str, info: Dict[str, Any]) -> Tensor:
    """A series CSV as the app's `infer --series` reads it for this model: (1, T, F) float.
    For a forecasting model the CSV has a header; its input columns are taken by name and scaled
    with the normalization fitted in the app. Otherwise every column is a feature, as given."""
    import csv

    with open(path, newline="") as f:
        rows = [row for row in csv.reader(f) if row]
    header: List[str] = []
    if rows and not _is_number(rows[0][0]):
        header, rows = rows[0], rows[1:]
    preprocessing = info.get("preprocessing", {})
    if preprocessing.get("task") == "forecast" and header:
        scaling = {c["name"]: c for c in preprocessing["normalization"]["columns"]}
        columns = [header.index(name) for name in preprocessing["inputColumns"]]
        values = [[(float(row[i]) - scaling[header[i]]["offset"]) / scaling[header[i]]["scale"] for i in columns]
                  for row in rows]
    else:
        values = [[float(v) for v in row] for row in rows]
    return torch.tensor([values], dtype=torch.float32)


def _main(argv: Optional[List[str]] = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Run a model exported by attention-cli export on token ids "
                                                 "or a series CSV, print JSON; optionally save it as TorchScript.")
    parser.add_argument("export", help="file written by `attention-cli export`")
    parser.add_argument("--ids", help='token ids separated by spaces, e.g. "3 7 1"')
    parser.add_argument("--series", help="CSV: one row per step, one column per feature (as attention-cli infer)")
    parser.add_argument("--torchscript", help="also save the model as TorchScript with meta.json here")
    args = parser.parse_args(argv)
    model, info = load_export(args.export)
    if args.torchscript:
        save_torchscript(model, info, args.torchscript)
    if args.ids is None and args.series is None:
        return 0
    if args.ids is not None:
        x = torch.tensor([[int(i) for i in args.ids.split()]], dtype=torch.long)
    else:
        x = read_series(args.series, info)
    with torch.no_grad():
        prediction, attention = model(x)
    result = {"prediction": prediction.reshape(-1).tolist(), "attention": None}
    if attention is not None:
        a = attention.squeeze(0)
        result["attention"] = {"shape": list(a.shape), "values": a.reshape(-1).tolist()}
    print(json.dumps(result))
    return 0


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


if __name__ == "__main__":
    import sys

    try:
        raise SystemExit(_main())
    except (ValueError, OSError) as error:  # a bad file or input: one sentence, not a traceback
        print(f"studio_models.py: {error}", file=sys.stderr)
        raise SystemExit(1)
