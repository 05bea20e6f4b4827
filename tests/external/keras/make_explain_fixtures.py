#!/usr/bin/python3
"""Writes the Keras models the attribution tests explain (issue 13; tests/external/
tst_keras_explain.cpp, tests/cli/tst_cli_keras.cpp), in the layouts make_keras_fixtures.py writes,
with NAME.expected.json references from keras_reference.py (float64 numpy).

Usage: make_explain_fixtures.py OUTDIR

  explain_bilstm_attention_tfkeras.h5 (+ .tokenizer.json): the Chinese tutorials' text model:
      Input(8 ids) -> Embedding(20, 6) -> Bidirectional(LSTM(4, return_sequences)) -> custom
      Attention (tutorial 000: att_weight (8,1), att_bias (8,1)) -> Dense(3, softmax).
  explain_masked_bilstm_tfkeras.h5: the same with Embedding(mask_zero=True) and a linear
      Dense(1) head (a binary classifier trained from logits).
  explain_series_attention_tfkeras.h5: tutorial 000 itself, a series model: Input(6, 3) ->
      LSTM(5) -> custom Attention -> Dense(1, sigmoid).
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_keras_fixtures as mk  # noqa: E402

STEPS, VOCAB, EMB, UNITS = 8, 20, 6, 4


def text_model(seed, mask_zero, head_units, head_activation):
    w = mk.Weights(seed)
    inner = mk.Layer("LSTM", "lstm", {"units": UNITS, "return_sequences": True,
                                      "recurrent_activation": "sigmoid"})
    layers = [
        mk.Layer("InputLayer", "input_1", {"shape": (STEPS,), "dtype": "int32"}),
        mk.Layer("Embedding", "embedding", {"input_dim": VOCAB, "output_dim": EMB,
                                            "mask_zero": mask_zero, "input_length": STEPS},
                 ["input_1"], w.embedding(VOCAB, EMB)),
        mk.Layer("Bidirectional", "bidirectional", {"layer": inner, "merge_mode": "concat"},
                 ["embedding"], w.lstm(EMB, UNITS) + w.lstm(EMB, UNITS)),
        mk.Layer("TutorialAttention000", "attention", {}, ["bidirectional"],
                 [("att_weight", w.u(2 * UNITS, 1, lo=-2.0, hi=2.0)),   # a visibly uneven softmax
                  ("att_bias", w.u(STEPS, 1))], class_name="Attention"),
        mk.Layer("Dense", "dense", {"units": head_units, "activation": head_activation},
                 ["attention"], w.dense(2 * UNITS, head_units)),
    ]
    return mk.Model("functional", "model", layers, ["dense"], "tfk")


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    tok = mk.Tokenizer(num_words=VOCAB, oov_token="<OOV>")
    tok.fit_on_texts(mk.CORPUS)
    with open(os.path.join(outdir, "explain_bilstm_attention_tfkeras.tokenizer.json"), "w") as f:
        f.write(tok.to_json())
    cases = []
    for text in mk.TEXT_CASES:
        ids = mk.pad_sequences(tok.texts_to_sequences([text])[0], STEPS)
        cases.append({"input": {"text": text, "ids": ids}, "value": np.array(ids)})

    for name, model, kw in [
        ("explain_bilstm_attention_tfkeras", text_model(50, False, 3, "softmax"),
         {"tokenizer_file": "explain_bilstm_attention_tfkeras.tokenizer.json"}),
        ("explain_masked_bilstm_tfkeras", text_model(51, True, 1, "linear"), {}),
    ]:
        path = os.path.join(outdir, name + ".h5")
        mk.write_model_h5(path, model, "tfk", "2.10.0", "vlen")
        mk.write_expected(outdir, name, name + ".h5", model, "tfk", "2.10.0", name, cases, **kw)

    series = mk.seed000_model("tfk", seed=52)
    rs = np.random.RandomState(152)
    cases = [mk.series_case(rs, 6, 3) for _ in range(2)]
    name = "explain_series_attention_tfkeras"
    mk.write_model_h5(os.path.join(outdir, name + ".h5"), series, "tfk", "2.10.0", "vlen")
    mk.write_expected(outdir, name, name + ".h5", series, "tfk", "2.10.0", name, cases)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
