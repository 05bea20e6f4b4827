#!/usr/bin/python3
"""Writes small Keras .h5 text models, as Keras writes them, for the window's tests and the
README's screenshots; no TensorFlow needed (Debian's python3-h5py and numpy; python3-torch for
--train only). The models, the h5 writer and the tokenizer are the Keras fixtures' own
(tests/external/keras/make_keras_fixtures.py): one description of each Keras generation's files.

Usage: write_keras_model.py KIND OUT.h5 [--train DATA.json] [--maxlen N] [--seed S]

KIND
  bilstm       tutorial 001 (Keras 2.2.4 functional): Embedding -> Bidirectional(LSTM) ->
               Dense(1, tanh) -> Flatten -> Activation(softmax) -> RepeatVector -> Permute ->
               Multiply -> Lambda(K.sum(xin, axis=-2)) -> Dense(2, softmax). Two softmax
               candidates: the attention over the steps, and the two classes.
  positional   tutorial 000's custom layer on text (tf.keras 2.9 Sequential): Embedding -> LSTM ->
               Attention(att_weight (u, 1), att_bias (T, 1)) -> Dense(1, sigmoid). Its weights fit
               two formulas (positional-bias, tanh-positional-bias).
  per-feature  tutorial 004's custom layer (tf.keras 2.9 Sequential): Embedding -> LSTM ->
               Attention(W (u, u), b (u,)) -> Dense(1, sigmoid): a T x u map.

Beside OUT.h5 it writes OUT.tokenizer.json in the format of Keras' Tokenizer.to_json(), so that
text can be typed. The vocabulary comes from DATA.json (a JSON array of {"text", "class"}) when
given, else from a few fixed sentences.

--train DATA.json (bilstm only): trains the same network in PyTorch (Keras' gate order i, f, c, o
is PyTorch's; the LSTM is written with recurrent_activation "sigmoid" to match it) and writes the
trained weights; without it the weights are random, seeded.
"""

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "external", "keras"))
import make_keras_fixtures as kf  # noqa: E402

FIXED_TEXTS = [
    "the movie was great and the acting was wonderful",
    "the plot was boring and the ending was a terrible mess",
    "the music was good but the story was slow",
    "a fun film with great music",
    "bad acting and a dull plot",
]


def trained_bilstm_weights(records, tokenizer, steps, vocab, emb, units, seed):
    """Tutorial 001's network in PyTorch, trained on the records; {layer name: Keras weights}."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    torch.set_num_threads(1)

    class Tutorial001(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocab, emb)
            self.lstm = nn.LSTM(emb, units, batch_first=True, bidirectional=True)
            self.score = nn.Linear(2 * units, 1)
            self.out = nn.Linear(2 * units, 2)

        def forward(self, ids):
            h, _ = self.lstm(self.embedding(ids))                     # (B, T, 2u)
            alpha = torch.softmax(torch.tanh(self.score(h)).squeeze(-1), dim=1)  # (B, T)
            return self.out((h * alpha.unsqueeze(-1)).sum(1))          # logits of Dense(2, softmax)

    sequences = tokenizer.texts_to_sequences([r["text"] for r in records])
    x = torch.tensor([kf.pad_sequences(s, steps) for s in sequences])
    y = torch.tensor([int(r["class"]) for r in records])
    model = Tutorial001()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(12):
        order = torch.randperm(len(x))
        for start in range(0, len(x), 32):
            batch = order[start:start + 32]
            optimizer.zero_grad()
            loss = nn.functional.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        accuracy = (model(x).argmax(1) == y).float().mean().item()
    print("trained: training accuracy %.3f" % accuracy, file=sys.stderr)

    p = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    lstm = []
    for suffix in ("", "_reverse"):   # Bidirectional: forward half, then backward half
        lstm += [("kernel", p["lstm.weight_ih_l0" + suffix].T),
                 ("recurrent_kernel", p["lstm.weight_hh_l0" + suffix].T),
                 ("bias", p["lstm.bias_ih_l0" + suffix] + p["lstm.bias_hh_l0" + suffix])]
    return {"embedding_1": [("embeddings", p["embedding.weight"])],
            "bidirectional_1": lstm,
            "dense_1": [("kernel", p["score.weight"].T), ("bias", p["score.bias"])],
            "dense_2": [("kernel", p["out.weight"].T), ("bias", p["out.bias"])]}


def positional_text_model(seed, steps, vocab, emb=5, units=4):
    """Tutorial 000's Attention (att_weight (u,1), att_bias (T,1)) after an Embedding, Sequential."""
    w = kf.Weights(seed)
    layers = [
        kf.Layer("InputLayer", "embedding_input", {"shape": (steps,), "dtype": "float32"}),
        kf.Layer("Embedding", "embedding", {"input_dim": vocab, "output_dim": emb, "mask_zero": False,
                                             "input_length": steps}, ["embedding_input"], w.embedding(vocab, emb)),
        kf.Layer("LSTM", "lstm", {"units": units, "return_sequences": True, "recurrent_activation": "sigmoid"},
                 ["embedding"], w.lstm(emb, units)),
        kf.Layer("TutorialAttention000", "attention", {}, ["lstm"],
                 [("att_weight", w.u(units, 1)), ("att_bias", w.u(steps, 1))], class_name="Attention"),
        kf.Layer("Dense", "dense", {"units": 1, "activation": "sigmoid"}, ["attention"], w.dense(units, 1)),
    ]
    return kf.Model("sequential", "sequential", layers, ["dense"], "tfk")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["bilstm", "positional", "per-feature"])
    parser.add_argument("out")
    parser.add_argument("--train", metavar="DATA.json")
    parser.add_argument("--maxlen", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    records = None
    if args.train:
        with open(args.train, encoding="utf-8") as f:
            records = [r for r in json.load(f) if r.get("text") and r.get("class") is not None]
        if args.kind != "bilstm":
            sys.exit("--train is for the bilstm model only")
    tokenizer = kf.Tokenizer()
    tokenizer.fit_on_texts([r["text"] for r in records] if records else FIXED_TEXTS)
    vocab = len(tokenizer.word_index) + 1  # id 0 is pad_sequences' padding

    if args.kind == "bilstm":
        steps = args.maxlen or 12
        emb, units = (32, 16) if records else (6, 4)
        model = kf.seed001_model("k224", args.seed, steps, vocab, emb, units, recurrent_activation="sigmoid")
        if records:
            trained = trained_bilstm_weights(records, tokenizer, steps, vocab, emb, units, args.seed)
            for name, weights in trained.items():
                model.by_name[name].weights = weights
        kf.write_model_h5(args.out, model, "k224", "2.2.4", "fixed")
    elif args.kind == "positional":
        kf.write_model_h5(args.out, positional_text_model(args.seed, args.maxlen or 10, vocab), "tfk", "2.9.0", "vlen")
    else:
        model = kf.seed004_model("tfk", args.seed, args.maxlen or 10, vocab, 5, 4)
        kf.write_model_h5(args.out, model, "tfk", "2.9.0", "vlen")

    base = args.out[:-len(".h5")] if args.out.endswith(".h5") else args.out
    with open(base + ".tokenizer.json", "w", encoding="utf-8") as f:
        f.write(tokenizer.to_json())


if __name__ == "__main__":
    main()
