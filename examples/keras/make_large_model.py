#!/usr/bin/python3
"""Writes tutorial 001's attention model at a realistic size as Keras files, without TensorFlow:
what `attention-cli bench --open FILE` is measured on (docs/BENCHMARKS.md, "Opening a Keras file").

    Input(length) -> Embedding(vocabulary, embedding)
      -> Bidirectional(LSTM(units, return_sequences=True))           h: (length, 2*units)
      -> Dense(1, tanh) -> Flatten -> Activation('softmax')          the attention, (length,)
      -> RepeatVector(2*units) -> Permute([2, 1]) -> Multiply([h, .])
      -> Lambda(lambda xin: K.sum(xin, axis=-2)) -> Dense(2, softmax)

Usage (Debian's interpreter: python3-h5py and numpy, nothing else):

    /usr/bin/python3 examples/keras/make_large_model.py /tmp/large.h5            # about 50 MB
    /usr/bin/python3 examples/keras/make_large_model.py /tmp/large.keras         # Keras 3 zip
    /usr/bin/python3 examples/keras/make_large_model.py /tmp/small.h5 --vocabulary 30 \
        --embedding 5 --units 4 --length 7

The format follows the file name: `.h5` is `model.save("m.h5")` of tf.keras 2.12 (the legacy
HDF5 layout: root attributes model_config (JSON), keras_version, backend; group model_weights
with layer_names, one group per layer, sorted by name, with weight_names and one float32
dataset per weight named by its TF variable, e.g.
"bidirectional/forward_lstm/lstm_cell_1/kernel:0"); `.keras` is Keras 3.3.3's
`model.save("m.keras")` (a stored zip of metadata.json, config.json and model.weights.h5 with
groups layers/<snake_case_class>[_N]/vars/<i>; the LSTM halves under
layers/bidirectional/forward_layer/cell/vars and backward_layer/cell/vars). The layouts are
those of tests/external/keras/make_keras_fixtures.py (flavors "tfk" and "k3"), which documents
the Keras sources they come from.

The default size, vocabulary 60000 x embedding 200 plus a 128-unit bidirectional LSTM, is
12.3 million float32 weights: a 49.4 MB (10^6 bytes) file, 97% of it the embedding.

Weights are random (seeded), so the prediction means nothing; `--check IDS` prints what a
float64 numpy forward pass of this model gives for those ids (prediction and attention
summary), to compare with `attention-cli infer --model FILE --ids IDS --format json`.
`--tokenizer` also writes the tokenizer a text model is saved with (NAME.tokenizer.json), which
the app reads on opening the model, as the native model file carries its vocabulary.
"""

import argparse
import codecs
import io
import json
import marshal
import os
import sys
import zipfile

import h5py
import numpy as np

VLEN_ASCII = h5py.string_dtype(encoding="ascii")
VLEN_UTF8 = h5py.string_dtype(encoding="utf-8")
TF_KERAS_VERSION = "2.12.0"
KERAS3_VERSION = "3.3.3"
DATE_SAVED = "2024-05-17@10:21:33"
ZIP_DATE = (2024, 5, 17, 10, 21, 32)
LAMBDA_SOURCE = "lambda xin: K.sum(xin, axis=-2)"


# ---------------------------------------------------------------------------- weights

def make_weights(vocabulary, embedding, units, seed):
    """Weights in the order Keras creates them, float32. Embedding as RandomUniform(-0.05, 0.05);
    the rest glorot-like, so activations stay in a sensible range."""
    rng = np.random.default_rng(seed)

    def glorot(rows, cols):
        limit = np.sqrt(6.0 / (rows + cols))
        return rng.uniform(-limit, limit, (rows, cols)).astype(np.float32)

    def lstm():
        bias = np.zeros(4 * units, dtype=np.float32)
        bias[units:2 * units] = 1.0          # unit_forget_bias
        return [("kernel", glorot(embedding, 4 * units)),
                ("recurrent_kernel", glorot(units, 4 * units)),
                ("bias", bias)]

    return {
        "embedding": [("embeddings", rng.uniform(-0.05, 0.05, (vocabulary, embedding)).astype(np.float32))],
        "forward": lstm(),
        "backward": lstm(),
        "dense": [("kernel", glorot(2 * units, 1)), ("bias", np.zeros(1, dtype=np.float32))],
        "dense_1": [("kernel", glorot(2 * units, 2)), ("bias", np.zeros(2, dtype=np.float32))],
    }


def lambda_code():
    """generic_utils.func_dump: base64 (codecs: a newline every 76 characters) of the marshalled
    code object of the lambda. Only compiled here, never run."""
    fn = eval(compile(LAMBDA_SOURCE, "train.py", "eval"))
    return codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")


# ---------------------------------------------------------------------------- tf.keras 2.x .h5

def tfk_init(name, **cfg):
    return {"class_name": name, "config": dict({"seed": None} if name not in ("Zeros", "Ones") else {}, **cfg)}


def tfk_config(length, vocabulary, embedding, units):
    """model.get_config() of tf.keras 2.12 for the functional model, wrapped as model_config."""
    def layer(cls, name, cfg, inbound):
        cfg = dict({"name": name, "trainable": True, "dtype": "float32"}, **cfg)
        return {"class_name": cls, "config": cfg, "name": name,
                "inbound_nodes": [[[n, 0, 0, {}] for n in inbound]] if inbound else []}

    lstm = {"class_name": "LSTM", "config": {
        "name": "lstm", "trainable": True, "dtype": "float32", "return_sequences": True,
        "return_state": False, "go_backwards": False, "stateful": False, "unroll": False,
        "time_major": False, "units": units, "activation": "tanh", "recurrent_activation": "sigmoid",
        "use_bias": True, "kernel_initializer": tfk_init("GlorotUniform"),
        "recurrent_initializer": tfk_init("Orthogonal", gain=1.0), "bias_initializer": tfk_init("Zeros"),
        "unit_forget_bias": True, "kernel_regularizer": None, "recurrent_regularizer": None,
        "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
        "recurrent_constraint": None, "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0,
        "implementation": 2}}

    def dense(name, n, activation, inbound):
        return layer("Dense", name, {
            "units": n, "activation": activation, "use_bias": True,
            "kernel_initializer": tfk_init("GlorotUniform"), "bias_initializer": tfk_init("Zeros"),
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}, inbound)

    layers = [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, length], "dtype": "int32",
                                                "sparse": False, "ragged": False, "name": "input_1"},
         "name": "input_1", "inbound_nodes": []},
        layer("Embedding", "embedding", {
            "batch_input_shape": [None, length], "input_dim": vocabulary, "output_dim": embedding,
            "embeddings_initializer": tfk_init("RandomUniform", minval=-0.05, maxval=0.05),
            "embeddings_regularizer": None, "activity_regularizer": None, "embeddings_constraint": None,
            "mask_zero": False, "input_length": length}, ["input_1"]),
        layer("Bidirectional", "bidirectional", {"layer": lstm, "merge_mode": "concat"}, ["embedding"]),
        dense("dense", 1, "tanh", ["bidirectional"]),
        layer("Flatten", "flatten", {"data_format": "channels_last"}, ["dense"]),
        layer("Activation", "activation", {"activation": "softmax"}, ["flatten"]),
        layer("RepeatVector", "repeat_vector", {"n": 2 * units}, ["activation"]),
        layer("Permute", "permute", {"dims": [2, 1]}, ["repeat_vector"]),
        layer("Multiply", "multiply", {}, ["bidirectional", "permute"]),
        layer("Lambda", "lambda", {"function": [lambda_code(), None, None], "function_type": "lambda",
                                   "module": "__main__", "output_shape": None, "output_shape_type": "raw",
                                   "output_shape_module": None, "arguments": {}}, ["multiply"]),
        dense("dense_1", 2, "softmax", ["lambda"]),
    ]
    return {"class_name": "Functional", "config": {
        "name": "model", "layers": layers, "input_layers": [["input_1", 0, 0]],
        "output_layers": [["dense_1", 0, 0]]}}


def write_tf_keras_h5(path, args, weights):
    config = tfk_config(args.length, args.vocabulary, args.embedding, args.units)
    # The user's LSTM takes lstm_cell; Bidirectional's two copies lstm_cell_1 and lstm_cell_2.
    names = {
        "embedding": [("embedding/embeddings:0", weights["embedding"][0][1])],
        "bidirectional": [("bidirectional/forward_lstm/lstm_cell_1/%s:0" % n, a) for n, a in weights["forward"]]
                         + [("bidirectional/backward_lstm/lstm_cell_2/%s:0" % n, a) for n, a in weights["backward"]],
        "dense": [("dense/%s:0" % n, a) for n, a in weights["dense"]],
        "dense_1": [("dense_1/%s:0" % n, a) for n, a in weights["dense_1"]],
    }
    layer_names = [layer["name"] for layer in config["config"]["layers"]]

    def attr_list(obj, name, items):
        if items:
            obj.attrs.create(name, [s.encode("utf8") for s in items], dtype=VLEN_ASCII)
        else:                       # h5py: an empty list is a float64 array of shape (0,)
            obj.attrs.create(name, np.array([], dtype=np.float64))

    with h5py.File(path, "w") as f:
        f.attrs.create("keras_version", TF_KERAS_VERSION, dtype=VLEN_UTF8)
        f.attrs.create("backend", "tensorflow", dtype=VLEN_UTF8)
        f.attrs.create("model_config", json.dumps(config).encode("utf8"), dtype=VLEN_ASCII)
        group = f.create_group("model_weights")
        attr_list(group, "layer_names", layer_names)
        group.attrs.create("backend", b"tensorflow", dtype=VLEN_ASCII)
        group.attrs.create("keras_version", TF_KERAS_VERSION.encode("utf8"), dtype=VLEN_ASCII)
        for name in sorted(layer_names):    # tf.keras creates the groups sorted by name
            layer_group = group.create_group(name)
            entries = names.get(name, [])
            attr_list(layer_group, "weight_names", [n for n, _ in entries])
            for weight_name, array in entries:
                layer_group.create_dataset(weight_name, data=array)


# ---------------------------------------------------------------------------- Keras 3 .keras

DTYPE_POLICY = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                "registered_name": None}


def k3_init(name, **cfg):
    return {"module": "keras.initializers", "class_name": name,
            "config": dict({"seed": None} if name not in ("Zeros", "Ones") else {}, **cfg),
            "registered_name": None}


def k3_config(length, vocabulary, embedding, units):
    def tensor(name, shape, dtype="float32"):
        return {"class_name": "__keras_tensor__",
                "config": {"shape": [None] + shape, "dtype": dtype, "keras_history": [name, 0, 0]}}

    def layer(cls, name, cfg, args, kwargs=None, input_shape=None):
        cfg = dict({"name": name, "trainable": True, "dtype": DTYPE_POLICY}, **cfg)
        return {"module": "keras.layers", "class_name": cls, "config": cfg, "registered_name": None,
                "build_config": {"input_shape": input_shape}, "name": name,
                "inbound_nodes": [{"args": args, "kwargs": kwargs or {}}]}

    def lstm(name, backwards):
        return {"module": "keras.layers", "class_name": "LSTM", "config": {
            "name": name, "trainable": True, "dtype": DTYPE_POLICY, "return_sequences": True,
            "return_state": False, "go_backwards": backwards, "stateful": False, "unroll": False,
            "zero_output_for_mask": True, "units": units, "activation": "tanh",
            "recurrent_activation": "sigmoid", "use_bias": True,
            "kernel_initializer": k3_init("GlorotUniform"),
            "recurrent_initializer": k3_init("OrthogonalInitializer", gain=1.0),
            "bias_initializer": k3_init("Zeros"), "unit_forget_bias": True,
            "kernel_regularizer": None, "recurrent_regularizer": None, "bias_regularizer": None,
            "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None,
            "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0, "seed": None},
            "registered_name": None, "build_config": {"input_shape": [None, length, embedding]}}

    def dense(name, n, activation, source, width):
        return layer("Dense", name, {
            "units": n, "activation": activation, "use_bias": True,
            "kernel_initializer": k3_init("GlorotUniform"), "bias_initializer": k3_init("Zeros"),
            "kernel_regularizer": None, "bias_regularizer": None, "kernel_constraint": None,
            "bias_constraint": None}, [source], input_shape=[None] + width)

    h = [length, 2 * units]
    layers = [
        {"module": "keras.layers", "class_name": "InputLayer", "config": {
            "batch_shape": [None, length], "dtype": "int32", "sparse": False, "name": "input_layer"},
         "registered_name": None, "name": "input_layer", "inbound_nodes": []},
        layer("Embedding", "embedding", {
            "input_dim": vocabulary, "output_dim": embedding,
            "embeddings_initializer": k3_init("RandomUniform", minval=-0.05, maxval=0.05),
            "embeddings_regularizer": None, "activity_regularizer": None, "embeddings_constraint": None,
            "mask_zero": False}, [tensor("input_layer", [length], "int32")], input_shape=[None, length]),
        layer("Bidirectional", "bidirectional", {
            "merge_mode": "concat", "layer": lstm("forward_lstm", False),
            "backward_layer": lstm("backward_lstm", True)},
            [tensor("embedding", [length, embedding])], {"training": False, "mask": None},
            input_shape=[None, length, embedding]),
        dense("dense", 1, "tanh", tensor("bidirectional", h), h),
        layer("Flatten", "flatten", {"data_format": "channels_last"}, [tensor("dense", [length, 1])],
              input_shape=[None, length, 1]),
        layer("Activation", "activation", {"activation": "softmax"}, [tensor("flatten", [length])],
              input_shape=[None, length]),
        layer("RepeatVector", "repeat_vector", {"n": 2 * units}, [tensor("activation", [length])],
              input_shape=[None, length]),
        layer("Permute", "permute", {"dims": [2, 1]}, [tensor("repeat_vector", [2 * units, length])],
              input_shape=[None, 2 * units, length]),
        layer("Multiply", "multiply", {}, [[tensor("bidirectional", h), tensor("permute", h)]],
              input_shape=[[None] + h, [None] + h]),
        layer("Lambda", "lambda", {
            "function": {"class_name": "__lambda__",
                         "config": {"code": lambda_code(), "defaults": None, "closure": None}},
            "arguments": {}}, [tensor("multiply", h)], {"mask": None}, input_shape=[None] + h),
        dense("dense_1", 2, "softmax", tensor("lambda", [2 * units]), [2 * units]),
    ]
    return {"module": "keras.src.models.functional", "class_name": "Functional", "config": {
        "name": "functional", "trainable": True, "layers": layers,
        "input_layers": ["input_layer", 0, 0], "output_layers": ["dense_1", 0, 0]},
        "registered_name": "Functional", "build_config": {"input_shape": None}}


def write_keras3_zip(path, args, weights):
    config = k3_config(args.length, args.vocabulary, args.embedding, args.units)
    values = lambda key: [a for _, a in weights[key]]   # noqa: E731
    # saving_lib._save_state: the model's own vars, then each layer as layers/<snake_case>[_N],
    # a layer's own vars before its sublayers' (sorted by attribute name).
    groups = [("vars", []), ("layers/input_layer/vars", []),
              ("layers/embedding/vars", values("embedding")),
              ("layers/bidirectional/vars", []),
              ("layers/bidirectional/backward_layer/vars", []),
              ("layers/bidirectional/backward_layer/cell/vars", values("backward")),
              ("layers/bidirectional/forward_layer/vars", []),
              ("layers/bidirectional/forward_layer/cell/vars", values("forward")),
              ("layers/dense/vars", values("dense")),
              ("layers/flatten/vars", []), ("layers/activation/vars", []),
              ("layers/repeat_vector/vars", []), ("layers/permute/vars", []),
              ("layers/multiply/vars", []), ("layers/lambda/vars", []),
              ("layers/dense_1/vars", values("dense_1"))]
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as h5:
        for group_path, arrays in groups:
            group = h5.require_group(group_path)
            for i, array in enumerate(arrays):
                group.create_dataset(str(i), data=array)
    metadata = {"keras_version": KERAS3_VERSION, "date_saved": DATE_SAVED}
    with zipfile.ZipFile(path, "w") as archive:   # ZIP_STORED, as saving_lib writes it
        for name, data in (("metadata.json", json.dumps(metadata).encode()),
                           ("config.json", json.dumps(config).encode()),
                           ("model.weights.h5", buffer.getvalue())):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


# ---------------------------------------------------------------------------- tokenizer sidecar

TOKENIZER_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


def write_tokenizer(path, vocabulary, seed):
    """NAME.tokenizer.json beside the model: keras.preprocessing.text.Tokenizer(num_words=
    vocabulary).to_json() after fit_on_texts on a corpus of `vocabulary - 1` distinct words (made-up
    lower-case words, ranked by a made-up count): the five dicts as JSON strings inside the config,
    as Keras writes them."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words, seen = [], set()
    while len(words) < vocabulary - 1:
        word = "".join(rng.choice(letters, int(rng.integers(3, 10))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    counts = sorted((int(c) for c in rng.zipf(1.3, len(words)).clip(1, 10**6)), reverse=True)
    word_counts = dict(zip(words, counts))
    word_index = {w: i + 1 for i, w in enumerate(words)}
    config = {"num_words": vocabulary, "filters": TOKENIZER_FILTERS, "lower": True, "split": " ",
              "char_level": False, "oov_token": None, "document_count": 25000,
              "word_counts": json.dumps(word_counts),
              "word_docs": json.dumps({w: max(1, c // 2) for w, c in word_counts.items()}),
              "index_docs": json.dumps({str(word_index[w]): max(1, c // 2) for w, c in word_counts.items()}),
              "index_word": json.dumps({str(i): w for w, i in word_index.items()}),
              "word_index": json.dumps(word_index)}
    with open(path, "w") as f:
        f.write(json.dumps({"class_name": "Tokenizer", "config": config}))


# ---------------------------------------------------------------------------- numpy check

def numpy_forward(weights, ids, units):
    """The model in float64 numpy: tf.keras's LSTM (sigmoid gates i, f, c, o), Bidirectional
    concat, Dense(1, tanh) scores, softmax over time, weighted sum, Dense(2, softmax)."""
    w = {k: [a.astype(np.float64) for _, a in v] for k, v in weights.items()}
    x = w["embedding"][0][ids]
    sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))   # noqa: E731

    def run(kernel, recurrent, bias, steps):
        h = np.zeros(units)
        c = np.zeros(units)
        out = []
        for xt in steps:
            i, f, g, o = np.split(xt @ kernel + h @ recurrent + bias, 4)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            out.append(h)
        return np.array(out)

    hidden = np.concatenate([run(*w["forward"], x), run(*w["backward"], x[::-1])[::-1]], axis=1)
    scores = np.tanh(hidden @ w["dense"][0] + w["dense"][1])[:, 0]
    attention = np.exp(scores - scores.max())
    attention /= attention.sum()
    z = (hidden * attention[:, None]).sum(0) @ w["dense_1"][0] + w["dense_1"][1]
    prediction = np.exp(z - z.max())
    return prediction / prediction.sum(), attention


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="the file to write: NAME.h5 (tf.keras 2.12) or NAME.keras (Keras 3.3.3)")
    parser.add_argument("--vocabulary", type=int, default=60000, help="Embedding input_dim (default 60000)")
    parser.add_argument("--embedding", type=int, default=200, help="Embedding output_dim (default 200)")
    parser.add_argument("--units", type=int, default=128, help="LSTM units per direction (default 128)")
    parser.add_argument("--length", type=int, default=200, help="Input length (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="weights seed (default 1)")
    parser.add_argument("--tokenizer", action="store_true",
                        help="also write NAME.tokenizer.json beside it (Tokenizer.to_json() of VOCABULARY - 1 words), "
                             "which attention-cli opens with the model")
    parser.add_argument("--check", metavar="IDS",
                        help='also print the numpy prediction for these ids ("3 7 1 ...", exactly LENGTH of them)')
    args = parser.parse_args()

    weights = make_weights(args.vocabulary, args.embedding, args.units, args.seed)
    extension = os.path.splitext(args.path)[1].lower()
    if extension == ".h5":
        write_tf_keras_h5(args.path, args, weights)
    elif extension == ".keras":
        write_keras3_zip(args.path, args, weights)
    else:
        sys.exit("give a path ending in .h5 or .keras, not %s" % args.path)
    count = sum(a.size for arrays in weights.values() for _, a in arrays)
    print("%s: %d bytes, %d weights (vocabulary %d, embedding %d, LSTM %d x 2, length %d)"
          % (args.path, os.path.getsize(args.path), count, args.vocabulary, args.embedding, args.units,
             args.length))
    if args.tokenizer:
        sidecar = os.path.splitext(args.path)[0] + ".tokenizer.json"
        write_tokenizer(sidecar, args.vocabulary, args.seed)
        print("%s: %d bytes" % (sidecar, os.path.getsize(sidecar)))
    if args.check:
        ids = [int(t) for t in args.check.replace(",", " ").split()]
        if len(ids) != args.length:
            sys.exit("--check needs exactly %d ids, not %d" % (args.length, len(ids)))
        prediction, attention = numpy_forward(weights, ids, args.units)
        print(json.dumps({"prediction": prediction.tolist(), "attentionArgmax": int(attention.argmax()),
                          "attentionMax": float(attention.max()), "attentionFirst": attention[:5].tolist()}))


if __name__ == "__main__":
    main()
