#!/usr/bin/python3
"""Writes Keras model files laid out exactly as each Keras generation writes them, plus
NAME.expected.json with outputs computed by keras_reference.py (float64 numpy).

Usage: make_keras_fixtures.py OUTDIR

Needs only Debian's python3 (3.11), python3-h5py and numpy. No TensorFlow/Keras: every byte is
written here, following these writers (see README_fixtures.md for the full mapping):
  Keras 2.1.6 / 2.2.4  keras/engine/topology.py, keras/engine/saving.py, keras/utils/io_utils.py
                       (H5Dict): root attrs model_config (JSON bytes), keras_version, backend;
                       group model_weights (layer_names, per layer weight_names, datasets named
                       by the TF variable name "<layer>/<weight>:0"); list attrs are numpy 'S'
                       arrays (fixed length, what h5py 2.x stores for a list of bytes), scalar
                       bytes attrs are variable-length ASCII.
  tf.keras 2.x         keras/saving/hdf5_format.py + saving_utils.model_metadata: keras_version
                       and backend are str (variable-length UTF-8), model_config JSON bytes,
                       weight names "<layer>/<cell>/<weight>:0"; with h5py 3 lists become
                       variable-length strings (keras_version >= 2.6 files here), with h5py 2.10
                       fixed 'S' arrays (keras_version 2.4.0 files here).
  tf.keras save_weights  hdf5_format.save_weights_to_hdf5_group at the file root + to_json().
  Keras 3 legacy .h5   keras/src/legacy/saving/legacy_h5_format.py: variable paths without
                       ":0", layer groups created sorted by name, group top_level_model_weights,
                       layer configs in legacy form but inbound_nodes in the NEW dict form.
  Keras 3 .keras       keras/src/saving/saving_lib.py: zip (stored) of metadata.json,
                       config.json, model.weights.h5 with "<path>/vars/<i>" groups.
  Keras 2.13 .keras    keras 2.13 saving_lib: layers under "_layer_checkpoint_dependencies".
  Keras 2.15 .keras    tf-keras saving_lib: layers under "layers", attributes walked in reverse.
"""

import codecs
import copy
import io
import json
import marshal
import os
import re
import sys
import zipfile

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras_reference as kr  # noqa: E402

VLEN_ASCII = h5py.string_dtype(encoding="ascii")
VLEN_UTF8 = h5py.string_dtype(encoding="utf-8")
DATE_SAVED = "2024-05-17@10:21:33"
ZIP_DATE = (2024, 5, 17, 10, 21, 32)


# ============================================================================ model description

class Layer:
    """One layer of a fixture model. `params` are the semantic parameters (they drive both the
    config written and the reference computation); `weights` are (short_name, float32 array) in
    the order the layer creates them (trainable first, then non-trainable)."""

    def __init__(self, cls, name, params=None, inbound=(), weights=(), class_name=None):
        self.cls = cls
        self.name = name
        self.params = dict(params or {})
        self.inbound = [(i, 0) if isinstance(i, str) else tuple(i) for i in inbound]
        self.weights = list(weights)
        self.class_name = class_name or cls   # what config.json calls it (custom layers)


class Model:
    def __init__(self, kind, name, layers, outputs, flavor):
        self.kind = kind              # "functional" | "sequential"
        self.name = name
        self.layers = layers          # definition (call) order
        self.by_name = {l.name: l for l in layers}
        self.outputs = [(o, 0) if isinstance(o, str) else tuple(o) for o in outputs]
        self.flavor = flavor          # "k216" | "k224" | "tfk" | "tfk215" | "k3"

    def ordered(self):
        """model.layers order: Sequential add order; Functional as _map_graph_network /
        keras.src.ops.function.map_graph order them (depth from the outputs, deepest first,
        ties by first visit of a depth-first walk from the outputs)."""
        if self.kind == "sequential":
            return list(self.layers)
        indices, finished, post = {}, set(), []

        def visit(name):
            if name in finished:
                return
            if name not in indices:
                indices[name] = len(indices)
            for src, _ in self.by_name[name].inbound:
                visit(src)
            finished.add(name)
            post.append(name)

        for out, _ in self.outputs:
            visit(out)
        depth = {}
        for name in reversed(post):
            d = depth.setdefault(name, 0)
            for src, _ in self.by_name[name].inbound:
                depth[src] = max(d + 1, depth.get(src, 0))
        names = sorted(post, key=lambda n: (-depth[n], indices[n]))
        return [self.by_name[n] for n in names]

    def inputs(self):
        return [l for l in self.ordered() if l.cls == "InputLayer"]


def snake(name):
    """keras.src.utils.naming.to_snake_case (Keras 3) == generic_utils.to_snake_case for the
    class names used here."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


# ============================================================================ shapes

def output_shape(model, layer, shapes):
    """Shape (without batch) of each output tensor; enough for configs and build_config."""
    p = layer.params
    ins = [shapes[n][i] for n, i in layer.inbound]
    s = ins[0] if ins else None
    c = layer.cls
    if c == "InputLayer":
        return [tuple(p["shape"])]
    if c == "Embedding":
        return [tuple(s) + (p["output_dim"],)]
    if c in ("LSTM", "GRU", "SimpleRNN", "CuDNNLSTM", "CuDNNGRU"):
        out = [(s[0], p["units"]) if p.get("return_sequences") else (p["units"],)]
        if p.get("return_state"):   # [output] + states: h (and c for LSTM)
            out += [(p["units"],)] * (2 if c in ("LSTM", "CuDNNLSTM") else 1)
        return out
    if c == "Bidirectional":
        ip = p["layer"].params
        units = ip["units"]
        base = (s[0],) if ip.get("return_sequences") else ()
        if p["merge_mode"] == "concat":
            return [base + (2 * units,)]
        if p["merge_mode"] is None:
            return [base + (units,), base + (units,)]
        return [base + (units,)]
    if c == "Dense":
        return [tuple(s[:-1]) + (p["units"],)]
    if c == "TimeDistributed":
        return [tuple(s[:-1]) + (p["layer"].params["units"],)]
    if c == "Conv1D":
        k, st, d = p["kernel_size"], p["strides"], p["dilation_rate"]
        span = (k - 1) * d + 1
        if p["padding"] == "same":
            n = -(-s[0] // st)
        elif p["padding"] == "causal":
            n = (s[0] + (k - 1) * d - span) // st + 1
        else:
            n = (s[0] - span) // st + 1
        return [(n, p["filters"])]
    if c == "MaxPooling1D":
        return [((s[0] - p["pool_size"]) // p["strides"] + 1, s[1])]
    if c == "Flatten":
        return [(int(np.prod(s)),)]
    if c == "Reshape":
        return [tuple(p["target_shape"])]
    if c == "Permute":
        return [tuple(s[d - 1] for d in p["dims"])]
    if c == "RepeatVector":
        return [(p["n"],) + tuple(s)]
    if c in ("Add", "Subtract", "Multiply", "Average", "Merge"):
        return [tuple(s)]
    if c == "Concatenate":
        return [tuple(s[:-1]) + (sum(x[-1] for x in ins),)]
    if c == "Dot":
        a = p["axes"] if isinstance(p["axes"], (list, tuple)) else (p["axes"], p["axes"])
        s1 = [d for i, d in enumerate(ins[0]) if i != a[0] - 1]
        s2 = [d for i, d in enumerate(ins[1]) if i != a[1] - 1]
        out = tuple(s1 + s2)
        return [out if out else (1,)]
    if c in ("GlobalAveragePooling1D", "GlobalMaxPooling1D"):
        return [(s[-1],)]
    if c in ("Attention", "AdditiveAttention"):
        return [(ins[0][0], ins[1][-1])]
    if c == "MultiHeadAttention":
        return [tuple(ins[0])]
    if c == "Lambda":
        return [tuple(p["output_shape"])]
    if c in ("TutorialAttention000", "TutorialAttention004"):
        return [(s[-1],)]
    if c == "BahdanauAttention":   # call(query, values) -> (context (d,), weights (T, 1))
        values = ins[1]
        return [(values[-1],), (values[0], 1)]
    if c == "MyFancyLayer":
        return [(p["units"],)]
    return [tuple(s)]   # Activation, Softmax, Dropout, SpatialDropout1D, BN, Masking


def all_shapes(model):
    shapes = {}
    for layer in model.layers:
        shapes[layer.name] = output_shape(model, layer, shapes)
    return shapes


def batch(shape):
    return [None] + list(shape)


# ============================================================================ configs

K2 = ("k216", "k224")              # Keras 1/2 multi-backend (TensorFlow backend)
TFK = ("tfk", "tfk3", "tfk215")    # tf.keras 2.x; tfk3 = tf.keras 2.13/2.15 `.keras` serializer;
#                                    tfk215 = tf.keras 2.13-2.15 legacy h5 (see TFK_LEGACY_H5)
# tf.keras 2.13-2.15 `model.save("x.h5")` (keras/src/saving/legacy/hdf5_format.py sets
# model.use_legacy_config): layers are wrapped by the legacy serialize_keras_object
# ({"class_name", "config"} only), but each layer's get_config() already calls the new
# initializers.serialize() (serialization_lib: "module"/"registered_name" dicts); base
# Layer.get_config writes dtype before batch_input_shape; Functional.get_config starts
# {"name", "trainable"}.
TFK_LEGACY_H5 = ("tfk215",)
K3 = ("k3", "k3legacy")            # Keras 3 `.keras` / Keras 3 legacy h5 writer

DTYPE_POLICY = {"module": "keras", "class_name": "DTypePolicy",
                "config": {"name": "float32"}, "registered_name": None}

K2_INITIALIZERS = {
    "glorot_uniform": ("VarianceScaling", {"scale": 1.0, "mode": "fan_avg",
                                           "distribution": "uniform", "seed": None}),
    "orthogonal": ("Orthogonal", {"gain": 1.0, "seed": None}),
    "zeros": ("Zeros", {}),
    "ones": ("Ones", {}),
    "uniform": ("RandomUniform", {"minval": -0.05, "maxval": 0.05, "seed": None}),
}
TFK_INITIALIZERS = {
    "glorot_uniform": ("GlorotUniform", {"seed": None}),
    "orthogonal": ("Orthogonal", {"gain": 1.0, "seed": None}),
    "zeros": ("Zeros", {}),
    "ones": ("Ones", {}),
    "uniform": ("RandomUniform", {"minval": -0.05, "maxval": 0.05, "seed": None}),
}
K3_INITIALIZERS = dict(TFK_INITIALIZERS, orthogonal=("OrthogonalInitializer",
                                                     {"gain": 1.0, "seed": None}))


def init(flavor, kind):
    if flavor in K2:
        name, cfg = K2_INITIALIZERS[kind]
        return {"class_name": name, "config": dict(cfg)}
    if flavor == "tfk":
        name, cfg = TFK_INITIALIZERS[kind]
        return {"class_name": name, "config": dict(cfg)}
    name, cfg = (TFK_INITIALIZERS if flavor in ("tfk3",) + TFK_LEGACY_H5
                 else K3_INITIALIZERS)[kind]
    return {"module": "keras.initializers", "class_name": name, "config": dict(cfg),
            "registered_name": None}


def base_config(layer, flavor, batch_input_shape=None, k2_dtype="float32"):
    cfg = {"name": layer.name, "trainable": True}
    if flavor in K2:
        if batch_input_shape is not None:
            cfg["batch_input_shape"] = batch_input_shape
            cfg["dtype"] = k2_dtype
    elif flavor in TFK_LEGACY_H5:
        cfg["dtype"] = "float32"
        if batch_input_shape is not None:
            cfg["batch_input_shape"] = batch_input_shape
    elif flavor in TFK:
        if batch_input_shape is not None:
            cfg["batch_input_shape"] = batch_input_shape
        cfg["dtype"] = "float32"
    else:
        cfg["dtype"] = copy.deepcopy(DTYPE_POLICY)
    return cfg


def regs(keys):
    return {k: None for k in keys}


def rnn_config(layer, flavor, in_shape, p=None, name=None, extra=None):
    p = p if p is not None else layer.params
    cls = layer.cls
    cfg = base_config(layer, flavor)
    if name:
        cfg["name"] = name
    cfg.update({"return_sequences": p.get("return_sequences", False),
                "return_state": p.get("return_state", False),
                "go_backwards": p.get("go_backwards", False), "stateful": False})
    if cls in ("CuDNNLSTM", "CuDNNGRU"):
        cfg.update({"units": p["units"], "kernel_initializer": init(flavor, "glorot_uniform"),
                    "recurrent_initializer": init(flavor, "orthogonal"),
                    "bias_initializer": init(flavor, "zeros")})
        if cls == "CuDNNLSTM":
            cfg["unit_forget_bias"] = True
        cfg.update(regs(["kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                         "activity_regularizer", "kernel_constraint", "recurrent_constraint",
                         "bias_constraint"]))
        return cfg
    cfg["unroll"] = False
    if flavor in TFK:
        cfg["time_major"] = False
    if flavor in K3:
        cfg["zero_output_for_mask"] = p.get("zero_output_for_mask", False)
    cfg["units"] = p["units"]
    cfg["activation"] = p.get("activation", "tanh")
    if cls != "SimpleRNN":
        cfg["recurrent_activation"] = p["recurrent_activation"]
    cfg["use_bias"] = True
    cfg["kernel_initializer"] = init(flavor, "glorot_uniform")
    cfg["recurrent_initializer"] = init(flavor, "orthogonal")
    cfg["bias_initializer"] = init(flavor, "zeros")
    if cls == "LSTM":
        cfg["unit_forget_bias"] = True
    cfg.update(regs(["kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                     "activity_regularizer", "kernel_constraint", "recurrent_constraint",
                     "bias_constraint"]))
    cfg["dropout"] = 0.0
    cfg["recurrent_dropout"] = 0.0
    if flavor in K3:
        if cls == "GRU":
            cfg["reset_after"] = p["reset_after"]
        cfg["seed"] = None
    elif cls in ("LSTM", "GRU"):
        cfg["implementation"] = p.get("implementation", 1 if flavor in K2 else 2)
        if cls == "GRU" and flavor != "k216":
            cfg["reset_after"] = p["reset_after"]
    return cfg


def dense_config(layer, flavor, p=None, name=None):
    p = p if p is not None else layer.params
    cfg = base_config(layer, flavor)
    if name:
        cfg["name"] = name
    cfg.update({"units": p["units"], "activation": p.get("activation") or "linear",
                "use_bias": True, "kernel_initializer": init(flavor, "glorot_uniform"),
                "bias_initializer": init(flavor, "zeros"), "kernel_regularizer": None,
                "bias_regularizer": None})
    if flavor not in K3:
        cfg["activity_regularizer"] = None
    cfg.update({"kernel_constraint": None, "bias_constraint": None})
    return cfg


def wrap(flavor, class_name, cfg, build_config=None, module="keras.layers", custom=None):
    """serialize_keras_object of the flavor. `custom` = registered name for custom classes."""
    if flavor in K2 or flavor in ("tfk", "k3legacy") + TFK_LEGACY_H5:
        return {"class_name": class_name, "config": cfg}
    out = {"module": None if custom else module, "class_name": class_name, "config": cfg,
           "registered_name": custom}
    if build_config is not None:
        out["build_config"] = build_config
    return out


def lambda_code(source):
    """[base64(marshal(code)), defaults, closure] the way generic_utils.func_dump writes it
    (codecs base64: newline every 76 characters, trailing newline)."""
    fn = eval(compile(source, "train.py", "eval"))   # builds the function, runs nothing
    raw = marshal.dumps(fn.__code__)
    return codecs.encode(raw, "base64").decode("ascii")


LAMBDA_SOURCES = {
    "k_sum_axis_m2": "lambda xin: K.sum(xin, axis=-2)",
    "reduce_mean_axis1": "lambda x: tf.reduce_mean(x, axis=1)",
    "times2": "lambda x: x * 2",
}


def layer_config(layer, flavor, shapes, model):
    """The layer's get_config() as the flavor's Keras writes it."""
    p, c = layer.params, layer.cls
    ins = [shapes[n][i] for n, i in layer.inbound]
    in_shape = ins[0] if ins else None
    if c == "InputLayer":
        bshape = batch(p["shape"])
        if flavor in K2:
            return {"batch_input_shape": bshape, "dtype": p["dtype"], "sparse": False,
                    "name": layer.name}
        if flavor in TFK:
            return {"batch_input_shape": bshape, "dtype": p["dtype"], "sparse": False,
                    "ragged": False, "name": layer.name}
        return {"batch_shape": bshape, "dtype": p["dtype"], "sparse": False, "ragged": False,
                "name": layer.name, "optional": False}
    if c == "Embedding":
        if flavor in K3:
            cfg = base_config(layer, flavor)
        else:
            cfg = base_config(layer, flavor, batch_input_shape=[None, p.get("input_length")])
        cfg.update({"input_dim": p["input_dim"], "output_dim": p["output_dim"],
                    "embeddings_initializer": init(flavor, "uniform"),
                    "embeddings_regularizer": None, "activity_regularizer": None,
                    "embeddings_constraint": None, "mask_zero": p.get("mask_zero", False)})
        if flavor not in K3:
            cfg["input_length"] = p.get("input_length")
        return cfg
    if c in ("LSTM", "GRU", "SimpleRNN", "CuDNNLSTM", "CuDNNGRU"):
        return rnn_config(layer, flavor, in_shape)
    if c == "Bidirectional":
        inner = p["layer"]
        cfg = base_config(layer, flavor)
        if flavor in K3:
            ret = inner.params.get("return_sequences", False)
            fp = dict(inner.params, zero_output_for_mask=ret)
            bp = dict(fp, go_backwards=not inner.params.get("go_backwards", False))
            bc = {"input_shape": batch(in_shape)}
            cfg["merge_mode"] = p["merge_mode"]
            cfg["layer"] = wrap("k3", inner.cls,
                                rnn_config(inner, flavor, in_shape, fp, "forward_" + inner.name),
                                bc)
            cfg["backward_layer"] = wrap("k3", inner.cls,
                                         rnn_config(inner, flavor, in_shape, bp,
                                                    "backward_" + inner.name), bc)
            return cfg
        cfg["layer"] = wrap(flavor, inner.cls, rnn_config(inner, flavor, in_shape))
        cfg["merge_mode"] = p["merge_mode"]
        return cfg
    if c == "TimeDistributed":
        inner = p["layer"]
        cfg = base_config(layer, flavor)
        if flavor in K3:
            cfg["layer"] = wrap("k3", "Dense", dense_config(inner, flavor),
                                {"input_shape": [None] + list(in_shape[1:])})
        else:
            cfg["layer"] = wrap(flavor, "Dense", dense_config(inner, flavor))
        return cfg
    if c == "Dense":
        return dense_config(layer, flavor)
    if c == "Conv1D":
        cfg = base_config(layer, flavor)
        cfg.update({"filters": p["filters"], "kernel_size": [p["kernel_size"]],
                    "strides": [p["strides"]], "padding": p["padding"],
                    "data_format": "channels_last", "dilation_rate": [p["dilation_rate"]]})
        if flavor not in K2:
            cfg["groups"] = 1
        cfg.update({"activation": p.get("activation") or "linear", "use_bias": True,
                    "kernel_initializer": init(flavor, "glorot_uniform"),
                    "bias_initializer": init(flavor, "zeros"), "kernel_regularizer": None,
                    "bias_regularizer": None, "activity_regularizer": None,
                    "kernel_constraint": None, "bias_constraint": None})
        return cfg
    if c == "MaxPooling1D":
        cfg = base_config(layer, flavor)
        cfg.update({"strides": [p["strides"]], "pool_size": [p["pool_size"]],
                    "padding": p["padding"], "data_format": "channels_last"})
        return cfg
    if c == "BatchNormalization":
        cfg = base_config(layer, flavor)
        cfg.update({"axis": -1, "momentum": 0.99, "epsilon": p["epsilon"], "center": True,
                    "scale": True, "beta_initializer": init(flavor, "zeros"),
                    "gamma_initializer": init(flavor, "ones"),
                    "moving_mean_initializer": init(flavor, "zeros"),
                    "moving_variance_initializer": init(flavor, "ones"),
                    "beta_regularizer": None, "gamma_regularizer": None,
                    "beta_constraint": None, "gamma_constraint": None})
        return cfg
    if c in ("Dropout", "SpatialDropout1D"):
        cfg = base_config(layer, flavor)
        cfg.update({"rate": p["rate"], "noise_shape": None, "seed": None})
        return cfg
    if c == "Flatten":
        cfg = base_config(layer, flavor)
        if flavor != "k216":
            cfg["data_format"] = "channels_last"
        return cfg
    if c == "Reshape":
        return dict(base_config(layer, flavor), target_shape=list(p["target_shape"]))
    if c == "Permute":
        return dict(base_config(layer, flavor), dims=list(p["dims"]))
    if c == "RepeatVector":
        return dict(base_config(layer, flavor), n=p["n"])
    if c == "Activation":
        return dict(base_config(layer, flavor), activation=p["activation"])
    if c == "Softmax":
        return dict(base_config(layer, flavor), axis=p.get("axis", -1))
    if c == "Masking":
        return dict(base_config(layer, flavor), mask_value=p["mask_value"])
    if c in ("Add", "Subtract", "Multiply", "Average"):
        return base_config(layer, flavor)
    if c == "Concatenate":
        return dict(base_config(layer, flavor), axis=p.get("axis", -1))
    if c == "Dot":
        axes = p["axes"]
        return dict(base_config(layer, flavor),
                    axes=list(axes) if isinstance(axes, (list, tuple)) else axes,
                    normalize=p.get("normalize", False))
    if c in ("GlobalAveragePooling1D", "GlobalMaxPooling1D"):
        cfg = dict(base_config(layer, flavor), data_format="channels_last")
        if flavor not in K2:
            cfg["keepdims"] = False
        return cfg
    if c == "Attention":
        cfg = base_config(layer, flavor)
        if flavor in K3:
            cfg.update({"use_scale": p.get("use_scale", False),
                        "score_mode": p.get("score_mode", "dot"), "dropout": 0.0})
        else:
            cfg.update({"dropout": 0.0, "use_scale": p.get("use_scale", False),
                        "score_mode": p.get("score_mode", "dot")})
        return cfg
    if c == "AdditiveAttention":
        cfg = base_config(layer, flavor)
        if flavor in K3:
            cfg.update({"use_scale": p.get("use_scale", True), "dropout": 0.0})
        else:
            cfg.update({"dropout": 0.0, "use_scale": p.get("use_scale", True)})
        return cfg
    if c == "MultiHeadAttention":
        cfg = base_config(layer, flavor)
        cfg.update({"num_heads": p["num_heads"], "key_dim": p["key_dim"],
                    "value_dim": p["key_dim"], "dropout": 0.0, "use_bias": True,
                    "output_shape": None, "attention_axes": [1],
                    "kernel_initializer": init(flavor, "glorot_uniform"),
                    "bias_initializer": init(flavor, "zeros"), "kernel_regularizer": None,
                    "bias_regularizer": None, "activity_regularizer": None,
                    "kernel_constraint": None, "bias_constraint": None})
        if flavor in K3:
            cfg["seed"] = None
        else:
            cfg.update({"query_shape": batch(ins[0]), "key_shape": batch(ins[1]),
                        "value_shape": batch(ins[1])})
        return cfg
    if c == "Lambda":
        code = lambda_code(LAMBDA_SOURCES[p["function"]])
        cfg = base_config(layer, flavor)
        if flavor in K3:
            cfg["function"] = {"class_name": "__lambda__",
                               "config": {"code": code, "defaults": None, "closure": None}}
            if p.get("config_output_shape"):
                cfg["output_shape"] = list(p["output_shape"])
            cfg["arguments"] = {}
            return cfg
        cfg.update({"function": [code, None, None], "function_type": "lambda"})
        if flavor in TFK:
            cfg["module"] = "__main__"
        cfg.update({"output_shape": list(p["output_shape"]) if p.get("config_output_shape")
                    else None, "output_shape_type": "raw"})
        if flavor in TFK:
            cfg["output_shape_module"] = None
        cfg["arguments"] = {}
        return cfg
    if c == "Merge":   # keras/legacy/layers.py (Keras 2.0 - 2.1) Merge.get_config: no "trainable"
        return {"name": layer.name, "mode": p["mode"], "mode_type": "raw", "concat_axis": -1,
                "dot_axes": -1, "output_shape": None, "output_shape_type": "raw",
                "output_mask": None, "output_mask_type": "raw", "arguments": {}}
    if c == "BahdanauAttention":
        # TF NMT tutorial: __init__(self, units), no get_config override. tf.keras <= 2.11
        # raises NotImplementedError ("has arguments ['self', 'units'] in `__init__` and
        # therefore must override `get_config()`"), so h5 saving fails there. From 2.12 on
        # Layer.__new__ records the constructor arguments (_auto_config) and the default
        # get_config returns them, dropping name/trainable/dtype because __init__ has no
        # **kwargs (tf_keras/engine/base_layer.py `get_config`): the config is {"units": n}.
        if flavor not in TFK_LEGACY_H5:
            raise ValueError("BahdanauAttention is only written as tf.keras 2.13-2.15 h5")
        return {"units": p["units"]}
    if c in ("TutorialAttention000", "TutorialAttention004", "MyFancyLayer"):
        # custom Layer without get_config override: base Layer.get_config
        cfg = base_config(layer, flavor)
        if flavor in TFK and p.get("batch_input_shape"):
            cfg = base_config(layer, flavor, batch_input_shape=p["batch_input_shape"])
        return cfg
    raise ValueError("no config for " + c)


def build_config(layer, shapes):
    if layer.cls == "InputLayer":
        return None
    ins = [batch(shapes[n][i]) for n, i in layer.inbound]
    if layer.cls == "MultiHeadAttention":
        return {"shapes_dict": {"query_shape": ins[0], "value_shape": ins[1]}}
    if len(ins) == 1 and layer.cls not in ("Add", "Subtract", "Multiply", "Average",
                                           "Concatenate", "Dot", "Attention",
                                           "AdditiveAttention"):
        return {"input_shape": ins[0]}
    return {"input_shape": ins}


K3_CALL_KWARGS = {
    # Layer.__call__ step 5/6: training populated when the signature default is not None,
    # mask populated for a single tensor argument when `call` has a `mask` argument.
    "LSTM": {"training": False, "mask": None}, "GRU": {"training": False, "mask": None},
    "SimpleRNN": {"training": False, "mask": None},
    "Bidirectional": {"training": False, "mask": None},
    "TimeDistributed": {"mask": None}, "GlobalAveragePooling1D": {"mask": None},
    "Dropout": {"training": False}, "SpatialDropout1D": {"training": False},
    "BatchNormalization": {"training": False, "mask": None},
    "Softmax": {"mask": None}, "Lambda": {"mask": None},
    "Attention": {"training": False, "mask": [None, None]},
    "AdditiveAttention": {"training": False, "mask": [None, None]},
    "MultiHeadAttention": {"query_mask": None, "value_mask": None},
}

LIST_INPUT_CLASSES = ("Add", "Subtract", "Multiply", "Average", "Concatenate", "Dot",
                      "Attention", "AdditiveAttention", "Merge")


def inbound_nodes(layer, flavor, shapes, in_dtypes):
    if not layer.inbound:
        return []
    if flavor in K3:
        def kt(n, i):
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": batch(shapes[n][i]), "dtype": in_dtypes[n],
                               "keras_history": [n, 0, i]}}
        tensors = [kt(n, i) for n, i in layer.inbound]
        if layer.cls in LIST_INPUT_CLASSES:
            args = [tensors]
        else:
            args = tensors
        return [{"args": args, "kwargs": copy.deepcopy(K3_CALL_KWARGS.get(layer.cls, {}))}]
    if layer.cls == "MultiHeadAttention" and flavor in TFK:
        (qn, qi), (vn, vi) = layer.inbound[:2]
        return [[[qn, 0, qi, {"value": [vn, 0, vi]}]]]
    if p_call_args(layer) and flavor in TFK:
        # layer(a, b) with two positional tensors: node.py `Node.serialize` keeps only the
        # first argument positional; the others become kwargs named after `call`'s
        # arguments (_call_spec.arg_names[1:]) and ride on the first tensor's entry.
        (fn, fi), rest = layer.inbound[0], layer.inbound[1:]
        kwargs = {arg: [n, 0, i] for arg, (n, i) in zip(p_call_args(layer)[1:], rest)}
        return [[[fn, 0, fi, kwargs]]]
    return [[[n, 0, i, {}] for n, i in layer.inbound]]


def p_call_args(layer):
    """Names of `call`'s tensor arguments for custom layers called with several positional
    tensors (e.g. call(self, query, values)); None for single-input / list-input layers."""
    return layer.params.get("call_args")


def tensor_dtypes(model):
    d = {}
    for layer in model.layers:
        if layer.cls == "InputLayer":
            d[layer.name] = layer.params["dtype"]
        else:
            d[layer.name] = "float32"
    return d


def serialize_layer(layer, flavor, shapes, model):
    cfg = layer_config(layer, flavor, shapes, model)
    custom = None
    class_name = layer.class_name
    if flavor in ("k3", "tfk3") and layer.cls in ("TutorialAttention000", "TutorialAttention004",
                                                   "MyFancyLayer"):
        custom = layer.params.get("registered_name", class_name)
    return wrap(flavor, class_name, cfg, build_config(layer, shapes), custom=custom)


def model_config(model, flavor):
    """{"class_name": ..., "config": ...} as model.get_config() of the flavor, wrapped."""
    shapes = all_shapes(model)
    dtypes = tensor_dtypes(model)
    ordered = model.ordered()
    if model.kind == "sequential":
        layers = [serialize_layer(l, flavor, shapes, model) for l in ordered]
        cfg = {"name": model.name, "layers": layers}
        return {"class_name": "Sequential", "config": cfg}
    layers = []
    for layer in ordered:
        entry = serialize_layer(layer, flavor, shapes, model)
        entry["name"] = layer.name
        entry["inbound_nodes"] = inbound_nodes(layer, flavor, shapes, dtypes)
        layers.append(entry)
    cfg = {"name": model.name}
    if flavor in K3 + TFK_LEGACY_H5:
        cfg["trainable"] = True
    cfg["layers"] = layers
    ins = [[l.name, 0, 0] for l in model.inputs()]
    outs = [[n, 0, i] for n, i in model.outputs]
    if flavor in K3:
        cfg["input_layers"] = ins[0] if len(ins) == 1 else ins
        cfg["output_layers"] = outs[0] if len(outs) == 1 else outs
    else:
        cfg["input_layers"] = ins
        cfg["output_layers"] = outs
    if flavor in K2:
        class_name = "Model"
    else:
        class_name = "Functional"
    out = {"class_name": class_name, "config": cfg}
    if flavor == "k3":
        out = {"module": "keras.src.models.functional", "class_name": "Functional",
               "config": cfg, "registered_name": "Functional",
               "build_config": {"input_shape": None}}
    elif flavor == "tfk3":
        out = {"module": "keras.src.engine.functional", "class_name": "Functional",
               "config": cfg, "registered_name": "Functional",
               "build_config": {"input_shape": None}}
    return out


# ============================================================================ weight names

RNN_CLASSES = ("LSTM", "GRU", "SimpleRNN")
CELL_NAMES = {"LSTM": "lstm_cell", "GRU": "gru_cell", "SimpleRNN": "simple_rnn_cell"}
MHA_SUBLAYERS = ("query", "key", "value", "attention_output")


def weights_layers(model):
    """model.layers as the h5 writers see them: Sequential omits its InputLayer."""
    layers = model.ordered()
    if model.kind == "sequential":
        layers = [l for l in layers if l.cls != "InputLayer"]
    return layers


def h5_weight_names(model, flavor):
    """{layer name: [(weight name, array)]} as written in weight_names / dataset paths.
    k2: TF variable names of Keras 2.x multi-backend (layer name scope, no cell scope);
    tfk: tf.keras 2.x TF variable names (RNN cells get their own uniquified name scope);
    k3legacy: Keras 3 `Variable.path` (no ':0')."""
    cell_count = {}

    def next_cell(cls):
        base = CELL_NAMES[cls]
        n = cell_count.get(base, 0)
        cell_count[base] = n + 1
        return base if n == 0 else "%s_%d" % (base, n)

    cell_of = {}
    if flavor in ("tfk",) + TFK_LEGACY_H5:   # creation order: definition order;
        #                                        Bidirectional copies the layer twice
        for layer in model.layers:
            if layer.cls in RNN_CLASSES:
                cell_of[layer.name] = next_cell(layer.cls)
            elif layer.cls == "Bidirectional":
                inner = layer.params["layer"].cls
                next_cell(inner)   # the user's layer, kept only as config
                cell_of[layer.name] = (next_cell(inner), next_cell(inner))
    suffix = "" if flavor == "k3legacy" else ":0"
    prefix = "sequential/" if (flavor == "k3legacy" and model.kind == "sequential") else ""
    out = {}
    for layer in weights_layers(model):
        names = []
        if layer.cls in RNN_CLASSES and flavor in ("tfk",) + TFK_LEGACY_H5:
            names = ["%s/%s/%s" % (layer.name, cell_of[layer.name], s) for s, _ in layer.weights]
        elif layer.cls in RNN_CLASSES and flavor == "k3legacy":
            names = ["%s/%s/%s" % (layer.name, CELL_NAMES[layer.cls], s) for s, _ in layer.weights]
        elif layer.cls == "Bidirectional":
            inner = layer.params["layer"]
            half = len(layer.weights) // 2
            for j, (s, _) in enumerate(layer.weights):
                side = "forward_" if j < half else "backward_"
                scope = "%s/%s%s" % (layer.name, side, inner.name)
                if flavor in ("tfk",) + TFK_LEGACY_H5:
                    scope += "/" + cell_of[layer.name][0 if j < half else 1]
                elif flavor == "k3legacy":
                    scope += "/" + CELL_NAMES[inner.cls]
                names.append("%s/%s" % (scope, s))
        elif layer.cls == "TimeDistributed" and flavor == "k3legacy":
            names = ["%s/%s/%s" % (layer.name, layer.params["layer"].name, s)
                     for s, _ in layer.weights]
        elif layer.cls == "MultiHeadAttention":
            names = ["%s/%s/%s" % (layer.name, MHA_SUBLAYERS[j // 2], s)
                     for j, (s, _) in enumerate(layer.weights)]
        else:
            names = ["%s/%s" % (layer.name, s) for s, _ in layer.weights]
        out[layer.name] = [(prefix + n + suffix, a) for n, (_, a) in zip(names, layer.weights)]
    return out


# ============================================================================ h5 writers

def attr_bytes(obj, name, value):
    """A `bytes` scalar attribute: h5py stores it as a variable-length ASCII string."""
    obj.attrs.create(name, value, dtype=VLEN_ASCII)


def attr_str(obj, name, value):
    """A `str` scalar attribute: variable-length UTF-8."""
    obj.attrs.create(name, value, dtype=VLEN_UTF8)


def attr_list(obj, name, items, style):
    """save_attributes_to_hdf5_group: `group.attrs[name] = [b'..', ...]`.
    h5py 2.x turns the list into a numpy 'S' array (fixed length, NULLPAD); h5py 3.x stores
    variable-length strings; an empty list is a float64 array of shape (0,) in both."""
    if not items:
        obj.attrs.create(name, np.array([], dtype=np.float64))
    elif style == "fixed":
        obj.attrs.create(name, np.array([s.encode("utf8") for s in items]))
    else:
        obj.attrs.create(name, [s.encode("utf8") for s in items], dtype=VLEN_ASCII)


def fill_layer_groups(group, names, layers, list_style, sort_groups):
    order = sorted(layers, key=lambda l: l.name) if sort_groups else layers
    for layer in order:
        g = group.create_group(layer.name)
        entries = names[layer.name]
        attr_list(g, "weight_names", [n for n, _ in entries], list_style)
        for n, a in entries:
            g.create_dataset(n, data=np.asarray(a, dtype=np.float32))


def write_model_h5(path, model, flavor, keras_version, list_style, training=False,
                   optimizer=False):
    """model.save('x.h5') of the flavor."""
    cfg = model_config(model, flavor)
    with h5py.File(path, "w") as f:
        if flavor in K2:
            # keras/engine/saving.py (2.2.4) `_serialize_model` / topology.save_model (2.1.6)
            attr_bytes(f, "keras_version", keras_version.encode("utf8"))
            attr_bytes(f, "backend", b"tensorflow")
            attr_bytes(f, "model_config", json.dumps(cfg).encode("utf-8"))
        else:
            # saving_utils.model_metadata: str values stored as they are, dicts as JSON bytes
            attr_str(f, "keras_version", keras_version)
            attr_str(f, "backend", "tensorflow")
            attr_bytes(f, "model_config", json.dumps(cfg).encode("utf8"))
        if training:
            tc = {"loss": "binary_crossentropy", "metrics": ["accuracy"],
                  "weighted_metrics": None, "loss_weights": None,
                  "optimizer_config": {"class_name": "Adam", "config": {
                      "name": "Adam", "learning_rate": 0.0010000000474974513, "decay": 0.0,
                      "beta_1": 0.8999999761581421, "beta_2": 0.9990000128746033,
                      "epsilon": 1e-07, "amsgrad": False}}}
            if flavor in K2:
                tc["sample_weight_mode"] = None
            attr_bytes(f, "training_config", json.dumps(tc).encode("utf8"))
        mw = f.create_group("model_weights")
        names = h5_weight_names(model, flavor)
        layers = weights_layers(model)
        attr_list(mw, "layer_names", [l.name for l in layers], list_style)
        attr_bytes(mw, "backend", b"tensorflow")
        attr_bytes(mw, "keras_version", keras_version.encode("utf8"))
        # Keras 2.1/2.2 create the groups in model order; tf.keras / Keras 3 sort them by name
        fill_layer_groups(mw, names, layers, list_style, sort_groups=flavor not in K2)
        if flavor == "k3legacy":
            g = mw.create_group("top_level_model_weights")
            attr_list(g, "weight_names", [], list_style)
        if optimizer:
            og = f.create_group("optimizer_weights")
            entries = [("Adam/iter:0", np.array(412, dtype=np.int64))]
            for layer in layers:
                for n, a in names[layer.name]:
                    var = n[:-2]
                    entries.append(("Adam/%s/m:0" % var, np.zeros_like(a)))
            for layer in layers:
                for n, a in names[layer.name]:
                    entries.append(("Adam/%s/v:0" % n[:-2], np.zeros_like(a)))
            attr_list(og, "weight_names", [n for n, _ in entries], list_style)
            for n, a in entries:
                og.create_dataset(n, data=a)


def write_weights_only_h5(path, model, flavor, keras_version, list_style):
    """model.save_weights('x.h5') (tf.keras hdf5_format.save_weights_to_hdf5_group at root)."""
    with h5py.File(path, "w") as f:
        names = h5_weight_names(model, flavor)
        layers = weights_layers(model)
        attr_list(f, "layer_names", [l.name for l in layers], list_style)
        attr_bytes(f, "backend", b"tensorflow")
        attr_bytes(f, "keras_version", keras_version.encode("utf8"))
        fill_layer_groups(f, names, layers, list_style, sort_groups=True)


def to_json(model, flavor, keras_version):
    """Model.to_json(): _updated_config() adds keras_version and backend."""
    cfg = model_config(model, flavor)
    cfg["keras_version"] = keras_version
    cfg["backend"] = "tensorflow"
    return json.dumps(cfg)


# ============================================================================ .keras writers

def k3_internal(layer, base):
    """(path, arrays) of one layer as saving_lib._save_state walks it in Keras 3: own vars
    first, then public attributes sorted, private ones last (`_name_key`)."""
    w = [a for _, a in layer.weights]
    if layer.cls in RNN_CLASSES:
        return [(base + "/vars", []), (base + "/cell/vars", w)]
    if layer.cls == "Bidirectional":
        half = len(w) // 2
        return [(base + "/vars", []),
                (base + "/backward_layer/vars", []), (base + "/backward_layer/cell/vars", w[half:]),
                (base + "/forward_layer/vars", []), (base + "/forward_layer/cell/vars", w[:half])]
    if layer.cls == "TimeDistributed":
        return [(base + "/vars", []), (base + "/layer/vars", w)]
    if layer.cls == "MultiHeadAttention":
        return [(base + "/vars", []),
                (base + "/key_dense/vars", w[2:4]), (base + "/output_dense/vars", w[6:8]),
                (base + "/query_dense/vars", w[0:2]), (base + "/value_dense/vars", w[4:6]),
                (base + "/_dropout_layer/vars", []), (base + "/_softmax/vars", [])]
    return [(base + "/vars", w)]


def k2_internal(layer, base, reverse):
    """Keras 2.13 / 2.15 saving_lib walk of a Keras 2 layer (dir() order, 2.15 reversed)."""
    w = [a for _, a in layer.weights]
    if layer.cls in RNN_CLASSES:
        return [(base + "/vars", []), (base + "/cell/vars", w)]
    if layer.cls == "Bidirectional":
        half = len(w) // 2
        parts = [("backward_layer", w[half:]), ("forward_layer", w[:half]), ("layer", [])]
        if reverse:
            parts = parts[::-1]
        out = [(base + "/vars", [])]
        for attr, ws in parts:
            out += [(base + "/" + attr + "/vars", []), (base + "/" + attr + "/cell/vars", ws)]
        return out
    if layer.cls == "TimeDistributed":
        return [(base + "/vars", []), (base + "/layer/vars", w)]
    return [(base + "/vars", w)]


def keras_var_groups(model, flavor):
    layers = weights_layers(model) if model.kind == "sequential" else model.ordered()
    groups = [("vars", [])]
    used = {}

    def container_name(layer):
        name = snake(layer.class_name)
        if name in used:
            used[name] += 1
            name = "%s_%d" % (name, used[name])
        else:
            used[name] = 0
        return name

    if flavor == "k3":
        for layer in layers:
            groups += k3_internal(layer, "layers/" + container_name(layer))
    elif flavor == "k213":
        # Functional._layer_checkpoint_dependencies: {"layer_with_weights-i": L, "layer-j": L}
        # walked as a container: the name counter also counts the duplicate (skipped) entries.
        seen = set()
        for layer in layers:
            entries = [layer, layer] if layer.weights else [layer]
            for entry in entries:
                name = container_name(entry)
                if entry.name in seen:
                    continue
                seen.add(entry.name)
                groups += k2_internal(entry, "_layer_checkpoint_dependencies/" + name, False)
    elif flavor == "k215":
        for layer in layers:
            groups += k2_internal(layer, "layers/" + container_name(layer), True)
    else:
        raise ValueError(flavor)
    return groups


def write_keras_zip(path, config, metadata, groups):
    buf = io.BytesIO()
    with h5py.File(buf, "w") as h5:
        for gpath, arrays in groups:
            g = h5.require_group(gpath)
            for i, a in enumerate(arrays):
                g.create_dataset(str(i), data=np.asarray(a))
    with zipfile.ZipFile(path, "w") as zf:   # ZIP_STORED, as saving_lib writes it
        for name, data in (("metadata.json", json.dumps(metadata).encode()),
                           ("config.json", json.dumps(config).encode()),
                           ("model.weights.h5", buf.getvalue())):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)   # fixed: reproducible bytes
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


def write_keras3(path, model, keras_version="3.8.0"):
    write_keras_zip(path, model_config(model, "k3"),
                    {"keras_version": keras_version, "date_saved": DATE_SAVED},
                    keras_var_groups(model, "k3"))


def write_keras_tf2(path, model, keras_version):
    flavor = "k213" if keras_version.startswith("2.13") else "k215"
    write_keras_zip(path, model_config(model, "tfk3"),
                    {"keras_version": keras_version, "date_saved": DATE_SAVED},
                    keras_var_groups(model, flavor))


# ============================================================================ expected outputs

def reference_nodes(model, flavor):
    nodes = []
    for layer in model.layers:
        p = dict(layer.params)
        if layer.cls == "Bidirectional":
            p = {"layer_class": p["layer"].cls, "layer_params": p["layer"].params,
                 "merge_mode": p["merge_mode"]}
        elif layer.cls == "TimeDistributed":
            p = {"layer_params": p["layer"].params}
        elif layer.cls == "GlobalAveragePooling1D":
            p["uses_mask"] = flavor not in K2      # Keras 2.2 fixtures never mask it
        nodes.append({"name": layer.name, "class": layer.cls, "params": p,
                      "weights": [a for _, a in layer.weights], "inbound": layer.inbound})
    return nodes


def compute_case(model, flavor, feed):
    family = "keras3" if flavor in K3 else "keras2"
    zero_bidi = flavor not in K2
    values, probes = kr.run_model(reference_nodes(model, flavor), feed, family, zero_bidi)
    out = np.concatenate([np.asarray(values[n][i], dtype=np.float64).reshape(-1)
                          for n, i in model.outputs])
    softmaxes = []
    for layer in model.ordered():
        if layer.name in probes:
            a = np.asarray(probes[layer.name], dtype=np.float64)
            softmaxes.append({"layer": layer.name, "shape": list(a.shape),
                              "values": [float(v) for v in a.reshape(-1)]})
    return [float(v) for v in out], softmaxes


def write_expected(outdir, name, model_file, model, flavor, keras_version, description, cases,
                   config_file=None, tokenizer_file=None, expect_error=None):
    doc = {"model": model_file, "config": config_file, "tokenizer": tokenizer_file,
           "keras_version": keras_version, "description": description, "cases": [],
           "expect_error": expect_error}
    if expect_error is None:
        input_layer = model.inputs()[0]
        for case in cases:
            feed = {input_layer.name: case["value"]}
            prediction, softmaxes = compute_case(model, flavor, feed)
            entry = {"input": case["input"], "prediction": prediction, "softmaxes": softmaxes}
            doc["cases"].append(entry)
    with open(os.path.join(outdir, name + ".expected.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


# ============================================================================ weights, inputs

class Weights:
    """Seeded small weights: numpy RandomState(seed), uniform +-scale (0.5 for the tutorial
    models, 1.0 for the coverage models so that outputs depend visibly on the input), float32."""

    def __init__(self, seed, scale=0.5):
        self.rs = np.random.RandomState(seed)
        self.scale = scale

    def u(self, *shape, lo=None, hi=None):
        lo = -self.scale if lo is None else lo
        hi = self.scale if hi is None else hi
        return self.rs.uniform(lo, hi, size=shape).astype(np.float32)

    def lstm(self, n_in, units):
        return [("kernel", self.u(n_in, 4 * units)),
                ("recurrent_kernel", self.u(units, 4 * units)), ("bias", self.u(4 * units))]

    def gru(self, n_in, units, reset_after):
        bias = self.u(2, 3 * units) if reset_after else self.u(3 * units)
        return [("kernel", self.u(n_in, 3 * units)),
                ("recurrent_kernel", self.u(units, 3 * units)), ("bias", bias)]

    def simple_rnn(self, n_in, units):
        return [("kernel", self.u(n_in, units)), ("recurrent_kernel", self.u(units, units)),
                ("bias", self.u(units))]

    def cudnn_lstm(self, n_in, units):
        return [("kernel", self.u(n_in, 4 * units)),
                ("recurrent_kernel", self.u(units, 4 * units)), ("bias", self.u(8 * units))]

    def cudnn_gru(self, n_in, units):
        return [("kernel", self.u(n_in, 3 * units)),
                ("recurrent_kernel", self.u(units, 3 * units)), ("bias", self.u(6 * units))]

    def dense(self, n_in, units):
        return [("kernel", self.u(n_in, units)), ("bias", self.u(units))]

    def embedding(self, vocab, dim):
        return [("embeddings", self.u(vocab, dim))]

    def conv1d(self, k, n_in, filters):
        return [("kernel", self.u(k, n_in, filters)), ("bias", self.u(filters))]

    def batch_norm(self, c):
        return [("gamma", self.u(c, lo=0.5, hi=1.5)), ("beta", self.u(c)),
                ("moving_mean", self.u(c)), ("moving_variance", self.u(c, lo=0.5, hi=1.5))]

    def mha(self, dim, heads, key_dim):
        out = []
        for _ in range(3):
            out += [("kernel", self.u(dim, heads, key_dim)), ("bias", self.u(heads, key_dim))]
        return out + [("kernel", self.u(heads, key_dim, dim)), ("bias", self.u(dim))]


def ids_case(rs, vocab, length, maxlen):
    """pad_sequences defaults: padding='pre', truncating='pre', value 0."""
    seq = list(rs.randint(1, vocab, size=length))
    seq = [0] * (maxlen - len(seq)) + seq[-maxlen:]
    return {"input": {"ids": [int(i) for i in seq]}, "value": np.array(seq)}


def series_case(rs, steps, features, zero_rows=()):
    x = rs.uniform(-1.0, 1.0, size=(steps, features)).astype(np.float32)
    for r in zero_rows:
        x[r] = 0.0
    return {"input": {"series": [[float(v) for v in row] for row in x]},
            "value": x.astype(np.float64)}


# ============================================================================ the fixtures

def seed000_model(flavor, seed=0, steps=6, features=3, units=5):
    """../shared/seeds/000: Input(T, F) -> LSTM(u, return_sequences) -> custom Attention
    (att_weight (u,1), att_bias (T,1)) -> Dense(1, sigmoid)."""
    w = Weights(seed)
    inp, lstm, att, dense = ("input_1" if flavor == "tfk" else "input_layer"), "lstm", \
        "attention", "dense"
    layers = [
        Layer("InputLayer", inp, {"shape": (steps, features), "dtype": "float32"}),
        Layer("LSTM", lstm, {"units": units, "return_sequences": True,
                             "recurrent_activation": "sigmoid"}, [inp], w.lstm(features, units)),
        Layer("TutorialAttention000", att, {"registered_name": "Custom>Attention"}, [lstm],
              [("att_weight", w.u(units, 1)), ("att_bias", w.u(steps, 1))],
              class_name="Attention"),
        Layer("Dense", dense, {"units": 1, "activation": "sigmoid"}, [att], w.dense(units, 1)),
    ]
    return Model("functional", "model" if flavor == "tfk" else "functional", layers, [dense],
                 flavor)


def seed001_model(flavor, seed=1, steps=7, vocab=40, emb=6, units=4,
                  recurrent_activation="hard_sigmoid"):
    """../shared/seeds/001 (Keras 2.1/2.2): Embedding -> Bidirectional(LSTM) -> Dense(1, tanh)
    -> Flatten -> softmax -> RepeatVector(2u) -> Permute([2,1]) -> multiply / merge(mode='mul')
    -> Lambda(lambda xin: K.sum(xin, axis=-2)) -> Dense(2, softmax)."""
    w = Weights(seed)
    inner = Layer("LSTM", "lstm_1", {"units": units, "return_sequences": True,
                                      "recurrent_activation": recurrent_activation,
                                      "implementation": 1})
    merge = Layer("Multiply", "multiply_1", {}, ["bidirectional_1", "permute_1"])
    if flavor == "k216":
        merge = Layer("Merge", "merge_1", {"mode": "mul"}, ["bidirectional_1", "permute_1"])
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps,), "dtype": "int32"}),
        Layer("Embedding", "embedding_1", {"input_dim": vocab, "output_dim": emb,
                                            "mask_zero": False, "input_length": steps},
              ["input_1"], w.embedding(vocab, emb)),
        Layer("Bidirectional", "bidirectional_1", {"layer": inner, "merge_mode": "concat"},
              ["embedding_1"], w.lstm(emb, units) + w.lstm(emb, units)),
        Layer("Dense", "dense_1", {"units": 1, "activation": "tanh"}, ["bidirectional_1"],
              w.dense(2 * units, 1)),
        Layer("Flatten", "flatten_1", {}, ["dense_1"]),
        Layer("Activation", "activation_1", {"activation": "softmax"}, ["flatten_1"]),
        Layer("RepeatVector", "repeat_vector_1", {"n": 2 * units}, ["activation_1"]),
        Layer("Permute", "permute_1", {"dims": [2, 1]}, ["repeat_vector_1"]),
        merge,
        Layer("Lambda", "lambda_1", {"function": "k_sum_axis_m2", "output_shape": (2 * units,),
                                     "config_output_shape": True}, [merge.name]),
        Layer("Dense", "dense_2", {"units": 2, "activation": "softmax"}, ["lambda_1"],
              w.dense(2 * units, 2)),
    ]
    return Model("functional", "model_1", layers, ["dense_2"], flavor)


def seed002_model(flavor="tfk", seed=2, steps=5, features=3):
    """../shared/seeds/002: LSTM(h=T) -> query Dense(h, tanh) -> Dot((2,1))([query, lstm])
    -> softmax -> Dot((2,1))([weights, lstm]) -> Concatenate([lstm, context]) -> GAP -> Dense."""
    w = Weights(seed)
    h = steps
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps, features), "dtype": "float32"}),
        Layer("LSTM", "lstm", {"units": h, "return_sequences": True,
                               "recurrent_activation": "sigmoid"}, ["input_1"],
              w.lstm(features, h)),
        Layer("Dense", "dense", {"units": h, "activation": "tanh"}, ["lstm"], w.dense(h, h)),
        Layer("Dot", "dot", {"axes": (2, 1)}, ["dense", "lstm"]),
        Layer("Activation", "activation", {"activation": "softmax"}, ["dot"]),
        Layer("Dot", "dot_1", {"axes": (2, 1)}, ["activation", "lstm"]),
        Layer("Concatenate", "concatenate", {"axis": -1}, ["lstm", "dot_1"]),
        Layer("GlobalAveragePooling1D", "global_average_pooling1d", {}, ["concatenate"]),
        Layer("Dense", "dense_1", {"units": 1, "activation": "linear"},
              ["global_average_pooling1d"], w.dense(2 * h, 1)),
    ]
    return Model("functional", "model", layers, ["dense_1"], flavor)


def seed004_model(flavor="tfk", seed=4, steps=8, vocab=50, emb=6, units=4):
    """../shared/seeds/004: Sequential Embedding(input_length=T) -> LSTM(return_sequences) ->
    custom Attention (attention_weight (u,u), attention_bias (u,)) -> Dense(1, sigmoid)."""
    w = Weights(seed)
    layers = [
        Layer("InputLayer", "embedding_input", {"shape": (steps,), "dtype": "float32"}),
        Layer("Embedding", "embedding", {"input_dim": vocab, "output_dim": emb,
                                          "mask_zero": False, "input_length": steps},
              ["embedding_input"], w.embedding(vocab, emb)),
        Layer("LSTM", "lstm", {"units": units, "return_sequences": True,
                               "recurrent_activation": "sigmoid"}, ["embedding"],
              w.lstm(emb, units)),
        Layer("TutorialAttention004", "attention", {}, ["lstm"],
              [("attention_weight", w.u(units, units)), ("attention_bias", w.u(units))],
              class_name="Attention"),
        Layer("Dense", "dense", {"units": 1, "activation": "sigmoid"}, ["attention"],
              w.dense(units, 1)),
    ]
    return Model("sequential", "sequential", layers, ["dense"], flavor)


def seed_bahdanau_model(seed=7, steps=8, vocab=30, emb=6, lstm_units=5, units=4):
    """TensorFlow NMT tutorial's BahdanauAttention(units) (W1, W2 = Dense(units), V = Dense(1);
    call(query, values)) in a tf.keras functional classifier:
        inputs = Input(shape=(T,), dtype="int32"); x = Embedding(V, E)(inputs)
        seq, state_h, state_c = LSTM(u, return_sequences=True, return_state=True)(x)
        context, weights = BahdanauAttention(units)(state_h, seq)
        outputs = Dense(1, activation="sigmoid")(context)
    Layer names follow the global name counter: the attention layer's three Dense sublayers
    are created in its __init__ (dense, dense_1, dense_2), so the classifier is dense_3. Its
    h5 weights are the sublayers' variables, named under the outer call's name scope
    (bahdanau_attention/dense/kernel:0, ...), in tracking order W1, W2, V (kernel, bias)."""
    w = Weights(seed, scale=1.0)
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps,), "dtype": "int32"}),
        Layer("Embedding", "embedding", {"input_dim": vocab, "output_dim": emb,
                                          "mask_zero": False, "input_length": None},
              ["input_1"], w.embedding(vocab, emb)),
        Layer("LSTM", "lstm", {"units": lstm_units, "return_sequences": True,
                               "return_state": True, "recurrent_activation": "sigmoid"},
              ["embedding"], w.lstm(emb, lstm_units)),
        Layer("BahdanauAttention", "bahdanau_attention",
              {"units": units, "call_args": ["query", "values"]},
              [("lstm", 1), ("lstm", 0)],      # (state_h, seq)
              [("dense/" + n, a) for n, a in w.dense(lstm_units, units)]
              + [("dense_1/" + n, a) for n, a in w.dense(lstm_units, units)]
              + [("dense_2/kernel", w.u(units, 1, lo=-3.0, hi=3.0)),   # V: a sharper softmax
                 ("dense_2/bias", w.u(1))]),
        Layer("Dense", "dense_3", {"units": 1, "activation": "sigmoid"},
              [("bahdanau_attention", 0)], w.dense(lstm_units, 1)),
    ]
    return Model("functional", "model", layers, ["dense_3"], "tfk215")


def cov_k224_recurrent(seed=10, steps=6, features=3):
    w = Weights(seed, scale=1.0)
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps, features), "dtype": "float32"}),
        Layer("SimpleRNN", "simple_rnn_1", {"units": 4, "return_sequences": True},
              ["input_1"], w.simple_rnn(features, 4)),
        Layer("GRU", "gru_1", {"units": 5, "return_sequences": True, "reset_after": False,
                               "recurrent_activation": "hard_sigmoid"}, ["simple_rnn_1"],
              w.gru(4, 5, False)),
        Layer("GRU", "gru_2", {"units": 4, "return_sequences": True, "reset_after": True,
                               "recurrent_activation": "sigmoid", "go_backwards": True},
              ["gru_1"], w.gru(5, 4, True)),
        Layer("LSTM", "lstm_1", {"units": 3, "recurrent_activation": "hard_sigmoid"},
              ["gru_2"], w.lstm(4, 3)),
        Layer("Dense", "dense_1", {"units": 3, "activation": "softmax"}, ["lstm_1"],
              w.dense(3, 3)),
    ]
    return Model("functional", "model_1", layers, ["dense_1"], "k224")


def cov_k224_cudnn(seed=11, steps=6, features=3):
    w = Weights(seed, scale=1.0)
    td_inner = Layer("Dense", "dense_1", {"units": 3, "activation": "softmax"})
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps, features), "dtype": "float32"}),
        Layer("CuDNNLSTM", "cu_dnnlstm_1", {"units": 4, "return_sequences": True},
              ["input_1"], w.cudnn_lstm(features, 4)),
        Layer("CuDNNGRU", "cu_dnngru_1", {"units": 3, "return_sequences": True,
                                          "go_backwards": True}, ["cu_dnnlstm_1"],
              w.cudnn_gru(4, 3)),
        Layer("TimeDistributed", "time_distributed_1", {"layer": td_inner}, ["cu_dnngru_1"],
              w.dense(3, 3)),
        Layer("Flatten", "flatten_1", {}, ["time_distributed_1"]),
        Layer("Dense", "dense_2", {"units": 1, "activation": "sigmoid"}, ["flatten_1"],
              w.dense(3 * steps, 1)),
    ]
    return Model("functional", "model_1", layers, ["dense_2"], "k224")


def cov_k224_bidirectional_masking(seed=12, steps=7, vocab=30):
    w = Weights(seed, scale=1.0)
    l1 = Layer("LSTM", "lstm_1", {"units": 4, "return_sequences": True,
                                   "recurrent_activation": "hard_sigmoid"})
    g1 = Layer("GRU", "gru_1", {"units": 3, "return_sequences": True, "reset_after": False,
                                 "recurrent_activation": "hard_sigmoid"})
    l2 = Layer("LSTM", "lstm_2", {"units": 3, "recurrent_activation": "hard_sigmoid"})
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps,), "dtype": "int32"}),
        Layer("Embedding", "embedding_1", {"input_dim": vocab, "output_dim": 4,
                                            "mask_zero": True, "input_length": steps},
              ["input_1"], w.embedding(vocab, 4)),
        Layer("Bidirectional", "bidirectional_1", {"layer": l1, "merge_mode": "sum"},
              ["embedding_1"], w.lstm(4, 4) + w.lstm(4, 4)),
        Layer("Bidirectional", "bidirectional_2", {"layer": g1, "merge_mode": "mul"},
              ["bidirectional_1"], w.gru(4, 3, False) + w.gru(4, 3, False)),
        Layer("Bidirectional", "bidirectional_3", {"layer": l2, "merge_mode": "ave"},
              ["bidirectional_2"], w.lstm(3, 3) + w.lstm(3, 3)),
        Layer("Dense", "dense_1", {"units": 2, "activation": "softmax"}, ["bidirectional_3"],
              w.dense(3, 2)),
    ]
    return Model("functional", "model_1", layers, ["dense_1"], "k224")


def cov_k224_masking_bidirectional_none(seed=13, steps=6, features=3):
    w = Weights(seed, scale=1.0)
    inner = Layer("LSTM", "lstm_1", {"units": 3, "return_sequences": True,
                                      "recurrent_activation": "hard_sigmoid"})
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps, features), "dtype": "float32"}),
        Layer("Masking", "masking_1", {"mask_value": 0.0}, ["input_1"]),
        Layer("Bidirectional", "bidirectional_1", {"layer": inner, "merge_mode": None},
              ["masking_1"], w.lstm(features, 3) + w.lstm(features, 3)),
        Layer("Subtract", "subtract_1", {}, [("bidirectional_1", 0), ("bidirectional_1", 1)]),
        Layer("Average", "average_1", {}, [("bidirectional_1", 0), ("bidirectional_1", 1)]),
        Layer("Concatenate", "concatenate_1", {"axis": -1}, ["subtract_1", "average_1"]),
        Layer("LSTM", "lstm_2", {"units": 3, "recurrent_activation": "hard_sigmoid"},
              ["concatenate_1"], w.lstm(6, 3)),
        Layer("Dense", "dense_1", {"units": 2, "activation": "softmax"}, ["lstm_2"],
              w.dense(3, 2)),
    ]
    return Model("functional", "model_1", layers, ["dense_1"], "k224")


def cov_k224_conv_dense(seed=14, steps=12, features=3):
    w = Weights(seed, scale=1.0)
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps, features), "dtype": "float32"}),
        Layer("Conv1D", "conv1d_1", {"filters": 4, "kernel_size": 3, "strides": 1,
                                     "padding": "causal", "dilation_rate": 2,
                                     "activation": "relu"}, ["input_1"], w.conv1d(3, features, 4)),
        Layer("Conv1D", "conv1d_2", {"filters": 5, "kernel_size": 3, "strides": 2,
                                     "padding": "same", "dilation_rate": 1, "activation": "elu"},
              ["conv1d_1"], w.conv1d(3, 4, 5)),
        Layer("BatchNormalization", "batch_normalization_1", {"epsilon": 1e-3}, ["conv1d_2"],
              w.batch_norm(5)),
        Layer("MaxPooling1D", "max_pooling1d_1", {"pool_size": 2, "strides": 2,
                                                  "padding": "valid"},
              ["batch_normalization_1"]),
        Layer("Conv1D", "conv1d_3", {"filters": 4, "kernel_size": 2, "strides": 1,
                                     "padding": "valid", "dilation_rate": 1,
                                     "activation": "tanh"}, ["max_pooling1d_1"],
              w.conv1d(2, 5, 4)),
        Layer("Dropout", "dropout_1", {"rate": 0.3}, ["conv1d_3"]),
        Layer("SpatialDropout1D", "spatial_dropout1d_1", {"rate": 0.2}, ["dropout_1"]),
        Layer("Flatten", "flatten_1", {}, ["spatial_dropout1d_1"]),
        Layer("Dense", "dense_1", {"units": 6, "activation": "selu"}, ["flatten_1"],
              w.dense(8, 6)),
        Layer("Reshape", "reshape_1", {"target_shape": (3, 2)}, ["dense_1"]),
        Layer("Permute", "permute_1", {"dims": [2, 1]}, ["reshape_1"]),
        Layer("Flatten", "flatten_2", {}, ["permute_1"]),
        Layer("Dense", "dense_2", {"units": 4, "activation": "softsign"}, ["flatten_2"],
              w.dense(6, 4)),
        Layer("Dense", "dense_3", {"units": 3, "activation": "softplus"}, ["dense_2"],
              w.dense(4, 3)),
        Layer("RepeatVector", "repeat_vector_1", {"n": 2}, ["dense_3"]),
        Layer("Flatten", "flatten_3", {}, ["repeat_vector_1"]),
        Layer("Dense", "dense_4", {"units": 3, "activation": "hard_sigmoid"}, ["flatten_3"],
              w.dense(6, 3)),
        Layer("Dense", "dense_5", {"units": 2, "activation": "linear"}, ["dense_4"],
              w.dense(3, 2)),
        Layer("GlobalMaxPooling1D", "global_max_pooling1d_1", {}, ["conv1d_3"]),
        Layer("GlobalAveragePooling1D", "global_average_pooling1d_1", {}, ["conv1d_3"]),
        Layer("Dot", "dot_1", {"axes": 1, "normalize": True},
              ["global_max_pooling1d_1", "global_average_pooling1d_1"]),
        Layer("Concatenate", "concatenate_1", {"axis": -1}, ["dense_5", "dot_1"]),
        Layer("Activation", "activation_1", {"activation": "softmax"}, ["concatenate_1"]),
    ]
    return Model("functional", "model_1", layers, ["activation_1"], "k224")


def cov_tfk_attention_layers(seed=20, steps=5, features=4):
    w = Weights(seed, scale=1.0)
    td_inner = Layer("Dense", "dense_1", {"units": 3, "activation": "softmax"})
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps, features), "dtype": "float32"}),
        Layer("Dense", "dense", {"units": features, "activation": "swish"}, ["input_1"],
              w.dense(features, features)),
        Layer("Attention", "attention", {"use_scale": True, "score_mode": "concat"},
              ["dense", "input_1"], [("scale", w.u(lo=0.5, hi=1.5)),
                                     ("concat_score_weight", w.u(lo=0.5, hi=1.5))]),
        Layer("Attention", "attention_1", {"use_scale": False, "score_mode": "dot"},
              ["dense", "input_1"]),
        Layer("AdditiveAttention", "additive_attention", {"use_scale": True},
              ["dense", "input_1"], [("scale", w.u(features))]),
        Layer("MultiHeadAttention", "multi_head_attention", {"num_heads": 2, "key_dim": 3},
              ["input_1", "input_1"], w.mha(features, 2, 3)),
        Layer("Concatenate", "concatenate", {"axis": -1},
              ["attention", "attention_1", "additive_attention", "multi_head_attention"]),
        Layer("TimeDistributed", "time_distributed", {"layer": td_inner}, ["concatenate"],
              w.dense(4 * features, 3)),
        Layer("Softmax", "softmax", {"axis": 1}, ["time_distributed"]),
        Layer("GlobalMaxPooling1D", "global_max_pooling1d", {}, ["softmax"]),
        Layer("Dense", "dense_2", {"units": 2, "activation": "exponential"},
              ["global_max_pooling1d"], w.dense(3, 2)),
    ]
    return Model("functional", "model", layers, ["dense_2"], "tfk")


def cov_tfk_dense_activations(seed=21, steps=4, features=3):
    w = Weights(seed, scale=1.0)
    acts = ["relu", "tanh", "sigmoid", "linear", "hard_sigmoid", "elu", "selu", "softplus",
            "softsign", "exponential", "swish"]
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps, features), "dtype": "float32"}),
        Layer("LSTM", "lstm", {"units": 6, "go_backwards": True,
                               "recurrent_activation": "sigmoid"}, ["input_1"],
              w.lstm(features, 6)),
    ]
    prev = "lstm"
    for i, act in enumerate(acts):
        name = "dense" if i == 0 else "dense_%d" % i
        layers.append(Layer("Dense", name, {"units": 6, "activation": act}, [prev],
                            w.dense(6, 6)))
        prev = name
    layers.append(Layer("Dense", "dense_%d" % len(acts), {"units": 3, "activation": "softmax"},
                        [prev], w.dense(6, 3)))
    return Model("functional", "model", layers, ["dense_%d" % len(acts)], "tfk")


def cov_tfk_masking_gru(seed=22, steps=7, vocab=25):
    w = Weights(seed, scale=1.0)
    inner = Layer("GRU", "gru", {"units": 4, "return_sequences": True, "reset_after": True,
                                  "recurrent_activation": "sigmoid"})
    layers = [
        Layer("InputLayer", "input_1", {"shape": (steps,), "dtype": "int32"}),
        Layer("Embedding", "embedding", {"input_dim": vocab, "output_dim": 4, "mask_zero": True,
                                          "input_length": steps}, ["input_1"],
              w.embedding(vocab, 4)),
        Layer("Bidirectional", "bidirectional", {"layer": inner, "merge_mode": "concat"},
              ["embedding"], w.gru(4, 4, True) + w.gru(4, 4, True)),
        Layer("GlobalAveragePooling1D", "global_average_pooling1d", {}, ["bidirectional"]),
        Layer("GlobalMaxPooling1D", "global_max_pooling1d", {}, ["bidirectional"]),
        Layer("Concatenate", "concatenate", {"axis": -1},
              ["global_average_pooling1d", "global_max_pooling1d"]),
        Layer("Dense", "dense", {"units": 2, "activation": "softmax"}, ["concatenate"],
              w.dense(16, 2)),
    ]
    return Model("functional", "model", layers, ["dense"], "tfk")


def cov_keras3_layers(seed=30, steps=6, features=4):
    w = Weights(seed, scale=1.0)
    td_inner = Layer("Dense", "dense", {"units": 3, "activation": "softmax"})
    layers = [
        Layer("InputLayer", "input_layer", {"shape": (steps, features), "dtype": "float32"}),
        Layer("GRU", "gru", {"units": 5, "return_sequences": True, "reset_after": True,
                             "recurrent_activation": "sigmoid"}, ["input_layer"],
              w.gru(features, 5, True)),
        Layer("SimpleRNN", "simple_rnn", {"units": 4, "return_sequences": True}, ["gru"],
              w.simple_rnn(5, 4)),
        Layer("MultiHeadAttention", "multi_head_attention", {"num_heads": 2, "key_dim": 2},
              ["simple_rnn", "simple_rnn"], w.mha(4, 2, 2)),
        Layer("Add", "add", {}, ["simple_rnn", "multi_head_attention"]),
        Layer("Attention", "attention", {"use_scale": True, "score_mode": "concat"},
              ["add", "add"], [("scale", w.u(lo=0.5, hi=1.5)),
                               ("concat_score_weight", w.u(lo=0.5, hi=1.5))]),
        Layer("AdditiveAttention", "additive_attention", {"use_scale": True}, ["add", "add"],
              [("scale", w.u(4))]),
        Layer("Concatenate", "concatenate", {"axis": -1}, ["attention", "additive_attention"]),
        Layer("TimeDistributed", "time_distributed", {"layer": td_inner}, ["concatenate"],
              w.dense(8, 3)),
        Layer("Lambda", "lambda", {"function": "reduce_mean_axis1", "output_shape": (3,)},
              ["time_distributed"]),
        Layer("Dense", "dense_1", {"units": 4, "activation": "hard_sigmoid"}, ["lambda"],
              w.dense(3, 4)),
        Layer("Dense", "dense_2", {"units": 3, "activation": "softmax"}, ["dense_1"],
              w.dense(4, 3)),
    ]
    return Model("functional", "functional", layers, ["dense_2"], "k3")


def same_bilstm_model(flavor, seed=40, steps=6, vocab=30, emb=5, units=3):
    """Fixture 6: one model written by Keras 3 (.keras and legacy .h5), Keras 2.13 and 2.15
    (.keras) and tf.keras save_weights + to_json. Same weights, same expected outputs."""
    w = Weights(seed)
    k3 = flavor in K3
    inp = "input_layer" if k3 else "input_1"
    inner = Layer("LSTM", "lstm", {"units": units, "return_sequences": True,
                                    "recurrent_activation": "sigmoid"})
    layers = [
        Layer("InputLayer", inp, {"shape": (steps,), "dtype": "int32"}),
        Layer("Embedding", "embedding", {"input_dim": vocab, "output_dim": emb,
                                          "mask_zero": False, "input_length": steps},
              [inp], w.embedding(vocab, emb)),
        Layer("Bidirectional", "bidirectional", {"layer": inner, "merge_mode": "concat"},
              ["embedding"], w.lstm(emb, units) + w.lstm(emb, units)),
        Layer("Dense", "dense", {"units": 1, "activation": "tanh"}, ["bidirectional"],
              w.dense(2 * units, 1)),
        Layer("Flatten", "flatten", {}, ["dense"]),
        Layer("Activation", "activation", {"activation": "softmax"}, ["flatten"]),
        Layer("RepeatVector", "repeat_vector", {"n": 2 * units}, ["activation"]),
        Layer("Permute", "permute", {"dims": [2, 1]}, ["repeat_vector"]),
        Layer("Multiply", "multiply", {}, ["bidirectional", "permute"]),
        Layer("GlobalAveragePooling1D", "global_average_pooling1d", {}, ["multiply"]),
        Layer("Dense", "dense_1", {"units": 2, "activation": "softmax"},
              ["global_average_pooling1d"], w.dense(2 * units, 2)),
    ]
    return Model("functional", "functional" if k3 else "model", layers, ["dense_1"], flavor)


def err_models():
    out = []
    w = Weights(90)
    out.append(("err_unknown_lambda_keras3", "k3", "3.8.0", Model("functional", "functional", [
        Layer("InputLayer", "input_layer", {"shape": (5, 3), "dtype": "float32"}),
        Layer("LSTM", "lstm", {"units": 4, "return_sequences": True,
                               "recurrent_activation": "sigmoid"}, ["input_layer"], w.lstm(3, 4)),
        Layer("Lambda", "lambda", {"function": "times2", "output_shape": (5, 4)}, ["lstm"]),
        Layer("GlobalAveragePooling1D", "global_average_pooling1d", {}, ["lambda"]),
        Layer("Dense", "dense", {"units": 1, "activation": "sigmoid"},
              ["global_average_pooling1d"], w.dense(4, 1)),
    ], ["dense"], "k3"), "lambda",
        "Keras 3 Lambda(lambda x: x * 2): not a recognised reduction, must be refused"))
    out.append(("err_unknown_lambda_keras224", "k224", "2.2.4", Model("functional", "model_1", [
        Layer("InputLayer", "input_1", {"shape": (5, 3), "dtype": "float32"}),
        Layer("LSTM", "lstm_1", {"units": 4, "return_sequences": True,
                                 "recurrent_activation": "hard_sigmoid"}, ["input_1"],
              w.lstm(3, 4)),
        Layer("Lambda", "lambda_1", {"function": "times2", "output_shape": (5, 4)}, ["lstm_1"]),
        Layer("Flatten", "flatten_1", {}, ["lambda_1"]),
        Layer("Dense", "dense_1", {"units": 1, "activation": "sigmoid"}, ["flatten_1"],
              w.dense(20, 1)),
    ], ["dense_1"], "k224"), "lambda_1",
        "Keras 2.2.4 Lambda(lambda x: x * 2): not a recognised reduction, must be refused"))
    out.append(("err_fancy_layer_tfkeras", "tfk", "2.12.0", Model("functional", "model", [
        Layer("InputLayer", "input_1", {"shape": (5, 3), "dtype": "float32"}),
        Layer("LSTM", "lstm", {"units": 4, "return_sequences": True,
                               "recurrent_activation": "sigmoid"}, ["input_1"], w.lstm(3, 4)),
        Layer("MyFancyLayer", "my_fancy_layer", {"units": 4}, ["lstm"],
              [("fancy_kernel", w.u(4, 4)), ("fancy_gate", w.u(4))]),
        Layer("Dense", "dense", {"units": 1, "activation": "sigmoid"}, ["my_fancy_layer"],
              w.dense(4, 1)),
    ], ["dense"], "tfk"), "my_fancy_layer",
        "unknown custom layer class MyFancyLayer with weights: must be refused"))
    out.append(("err_attention_shape_mismatch_tfkeras", "tfk", "2.12.0",
                 Model("functional", "model", [
                     Layer("InputLayer", "input_1", {"shape": (6, 3), "dtype": "float32"}),
                     Layer("LSTM", "lstm", {"units": 5, "return_sequences": True,
                                            "recurrent_activation": "sigmoid"}, ["input_1"],
                           w.lstm(3, 5)),
                     Layer("TutorialAttention000", "attention", {}, ["lstm"],
                           [("att_weight", w.u(5, 3)), ("att_bias", w.u(6, 3))],
                           class_name="Attention"),
                     Layer("Dense", "dense", {"units": 1, "activation": "sigmoid"},
                           ["attention"], w.dense(5, 1)),
                 ], ["dense"], "tfk"), "attention",
                 "custom Attention whose weights (5,3)/(6,3) match no known tutorial layer"))
    return out


# ============================================================================ tokenizer

FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


class Tokenizer:
    """keras_preprocessing / tf.keras keras/preprocessing/text.py Tokenizer (word level)."""

    def __init__(self, num_words=None, oov_token=None, filters=FILTERS, lower=True, split=" "):
        self.num_words, self.oov_token = num_words, oov_token
        self.filters, self.lower, self.split = filters, lower, split
        self.word_counts, self.word_docs, self.index_docs = {}, {}, {}
        self.word_index, self.index_word, self.document_count = {}, {}, 0

    def words(self, text):    # text_to_word_sequence
        if self.lower:
            text = text.lower()
        text = text.translate(str.maketrans({c: self.split for c in self.filters}))
        return [t for t in text.split(self.split) if t]

    def fit_on_texts(self, texts):
        for text in texts:
            self.document_count += 1
            seq = self.words(text)
            for w in seq:
                self.word_counts[w] = self.word_counts.get(w, 0) + 1
            for w in dict.fromkeys(seq):     # Keras iterates set(seq); order is irrelevant
                self.word_docs[w] = self.word_docs.get(w, 0) + 1
        wcounts = sorted(self.word_counts.items(), key=lambda x: x[1], reverse=True)  # stable
        vocab = ([self.oov_token] if self.oov_token is not None else []) + [w for w, _ in wcounts]
        self.word_index = dict(zip(vocab, range(1, len(vocab) + 1)))
        self.index_word = {c: w for w, c in self.word_index.items()}
        for w, c in self.word_docs.items():
            self.index_docs[self.word_index[w]] = c

    def texts_to_sequences(self, texts):
        oov = self.word_index.get(self.oov_token)
        out = []
        for text in texts:
            vect = []
            for w in self.words(text):
                i = self.word_index.get(w)
                if i is not None:
                    if self.num_words and i >= self.num_words:
                        if oov is not None:
                            vect.append(oov)
                    else:
                        vect.append(i)
                elif self.oov_token is not None:
                    vect.append(oov)
            out.append(vect)
        return out

    def to_json(self):
        config = {
            "num_words": self.num_words, "filters": self.filters, "lower": self.lower,
            "split": self.split, "char_level": False, "oov_token": self.oov_token,
            "document_count": self.document_count,
            "word_counts": json.dumps(self.word_counts),
            "word_docs": json.dumps(self.word_docs),
            "index_docs": json.dumps(self.index_docs),
            "index_word": json.dumps(self.index_word),
            "word_index": json.dumps(self.word_index),
        }
        return json.dumps({"class_name": "Tokenizer", "config": config})


def pad_sequences(seq, maxlen):
    """padding='pre', truncating='pre', value=0."""
    seq = seq[-maxlen:]
    return [0] * (maxlen - len(seq)) + seq


CORPUS = [
    "The movie was great, truly great!",
    "The plot was dull and the acting was worse.",
    "A great cast and a great story.",
    "I did not like the ending.",
    "Great music; the story was fine.",
    "Worse than I expected, the movie was long.",
]
TEXT_CASES = [
    "The movie was great!",
    "An unexpected ending: the acting was GREAT, the plot dull.",
    "the the the great great story was fine and the movie was long and worse",
]


# ============================================================================ main

def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    written = []

    def out(name):
        written.append(name)
        return os.path.join(outdir, name)

    def emit(name, ext, model, flavor, version, description, cases, writer, **kw):
        fname = name + ext
        writer(out(fname))
        write_expected(outdir, name, fname, model, flavor, version, description, cases, **kw)

    # --- seed 000: tf.keras 2.12 h5 (compiled: training_config + optimizer_weights) and Keras 3
    m = seed000_model("tfk")
    rs = np.random.RandomState(100)
    cases = [series_case(rs, 6, 3) for _ in range(3)]
    emit("seed000_lstm_attention_tfkeras", ".h5", m, "tfk", "2.12.0",
         "tutorial 000: LSTM + custom Attention(att_weight (u,1), att_bias (T,1)) + Dense "
         "sigmoid; tf.keras 2.12 model.save h5 (h5py 3: vlen strings) with optimizer state",
         cases, lambda p: write_model_h5(p, m, "tfk", "2.12.0", "vlen", training=True,
                                         optimizer=True))
    m3 = seed000_model("k3")
    emit("seed000_lstm_attention_keras3", ".keras", m3, "k3", "3.8.0",
         "tutorial 000 ported to Keras 3 (@register_keras_serializable: Custom>Attention); "
         ".keras zip", cases, lambda p: write_keras3(p, m3))

    # --- seed 001: Keras 2.2.4 (multiply) and Keras 2.1.6 (legacy Merge mode='mul')
    rs = np.random.RandomState(101)
    cases = [ids_case(rs, 40, n, 7) for n in (7, 5, 3)]
    m = seed001_model("k224")
    emit("seed001_bilstm_attention_keras224", ".h5", m, "k224", "2.2.4",
         "tutorial 001: Embedding + Bidirectional(LSTM hard_sigmoid) + Dense tanh/Flatten/"
         "softmax/RepeatVector/Permute/multiply + Lambda K.sum(axis=-2) + Dense softmax; "
         "Keras 2.2.4 h5 (fixed-length S list attrs)", cases,
         lambda p: write_model_h5(p, m, "k224", "2.2.4", "fixed", training=True))
    m = seed001_model("k216")
    emit("seed001_bilstm_attention_merge_keras216", ".h5", m, "k216", "2.1.6",
         "tutorial 001 with the Keras 1 legacy merge([a, b], mode='mul') (class Merge); "
         "Keras 2.1.6 h5", cases, lambda p: write_model_h5(p, m, "k216", "2.1.6", "fixed"))

    # --- seed 002 / 004
    m = seed002_model()
    rs = np.random.RandomState(102)
    cases = [series_case(rs, 5, 3) for _ in range(3)]
    emit("seed002_lstm_dot_attention_tfkeras", ".h5", m, "tfk", "2.4.0",
         "tutorial 002: LSTM(h=T) + Dense query + Dot((2,1)) + softmax (T x T) + Dot + "
         "Concatenate + GAP + Dense; tf.keras 2.4 h5 (h5py 2.10: fixed-length list attrs)",
         cases, lambda p: write_model_h5(p, m, "tfk", "2.4.0", "fixed"))
    m = seed004_model()
    rs = np.random.RandomState(104)
    cases = [ids_case(rs, 50, n, 8) for n in (8, 5, 3)]
    emit("seed004_lstm_attention_sequential_tfkeras", ".h5", m, "tfk", "2.9.0",
         "tutorial 004: Sequential Embedding + LSTM + custom Attention(attention_weight (u,u), "
         "attention_bias (u,), softmax over time per feature) + Dense sigmoid; ids pre-padded "
         "(padding gets weight); tf.keras 2.9 h5", cases,
         lambda p: write_model_h5(p, m, "tfk", "2.9.0", "vlen"))

    # --- TF NMT tutorial BahdanauAttention(units) custom layer, tf.keras 2.15 h5
    m = seed_bahdanau_model()
    rs = np.random.RandomState(107)
    cases = [ids_case(rs, 30, n, 8) for n in (8, 5, 3)]
    emit("seed_bahdanau_tfkeras", ".h5", m, "tfk215", "2.15.0",
         "TF NMT tutorial BahdanauAttention(units) (Dense W1, W2, V as sublayers, "
         "call(query, values)) on LSTM(return_sequences, return_state): called as "
         "(state_h, seq), inbound kwargs {'values': ...}; auto get_config {'units': 4}; "
         "weights bahdanau_attention/dense{,_1,_2}/...; ids pre-padded; tf.keras 2.15 "
         "model.save h5 (legacy config, new-style initializer dicts)", cases,
         lambda p: write_model_h5(p, m, "tfk215", "2.15.0", "vlen"))

    # --- tokenizer sidecar (same architecture as 004, vocabulary = num_words)
    tok = Tokenizer(num_words=20, oov_token="<OOV>")
    tok.fit_on_texts(CORPUS)
    m = seed004_model(seed=5, vocab=20)
    tcases = []
    for text in TEXT_CASES:
        ids = pad_sequences(tok.texts_to_sequences([text])[0], 8)
        tcases.append({"input": {"text": text, "ids": ids}, "value": np.array(ids)})
    with open(out("text_lstm_attention_tfkeras.tokenizer.json"), "w") as f:
        f.write(tok.to_json())
    emit("text_lstm_attention_tfkeras", ".h5", m, "tfk", "2.10.0",
         "text model with Tokenizer(num_words=20, oov_token='<OOV>').to_json() sidecar; "
         "texts_to_sequences + pad_sequences(maxlen=8) (pre/pre)", tcases,
         lambda p: write_model_h5(p, m, "tfk", "2.10.0", "vlen"),
         tokenizer_file="text_lstm_attention_tfkeras.tokenizer.json")

    # --- layer coverage: Keras 2.2.4
    for name, builder, desc, input_kind in [
        ("cov_k224_recurrent", cov_k224_recurrent,
         "SimpleRNN, GRU reset_after=False (hard_sigmoid), GRU reset_after=True go_backwards "
         "(reversed output order), LSTM return_sequences=False, Dense softmax", "series"),
        ("cov_k224_cudnn", cov_k224_cudnn,
         "CuDNNLSTM, CuDNNGRU go_backwards (cuDNN weight layout), TimeDistributed(Dense "
         "softmax), Flatten, Dense sigmoid", "series"),
        ("cov_k224_bidirectional_masking", cov_k224_bidirectional_masking,
         "Embedding(mask_zero=True) pre-padded, Bidirectional LSTM sum / GRU mul / LSTM ave "
         "(masked steps carry the previous output; Keras 2 has no zero_output_for_mask)", "ids"),
        ("cov_k224_masking_bidirectional_none", cov_k224_masking_bidirectional_none,
         "Masking(0.0) on a series, Bidirectional merge_mode=None (two outputs, tensor_index "
         "0/1), Subtract, Average, Concatenate, masked LSTM", "masked_series"),
        ("cov_k224_conv_dense", cov_k224_conv_dense,
         "Conv1D causal/dilated, same/strided, valid; BatchNormalization; MaxPooling1D; "
         "Dropout; SpatialDropout1D; Flatten; Reshape; Permute; RepeatVector; Dense "
         "selu/softsign/softplus/hard_sigmoid/linear; GMP/GAP; Dot(normalize=True); "
         "Activation softmax", "series"),
    ]:
        m = builder()
        rs = np.random.RandomState(len(name) * 7)
        steps, feats = m.layers[0].params["shape"][0], (m.layers[0].params["shape"] + (0,))[1]
        if input_kind == "ids":
            cases = [ids_case(rs, 30, n, steps) for n in (steps, 4, 2)]
        elif input_kind == "masked_series":
            cases = [series_case(rs, steps, feats, z) for z in ((), (0, 1), (0, 3))]
        else:
            cases = [series_case(rs, steps, feats) for _ in range(3)]
        emit(name, ".h5", m, "k224", "2.2.4", desc + "; Keras 2.2.4 h5", cases,
             lambda p, m=m: write_model_h5(p, m, "k224", "2.2.4", "fixed"))

    # --- layer coverage: tf.keras
    for name, builder, version, style, desc, input_kind in [
        ("cov_tfk_attention_layers", cov_tfk_attention_layers, "2.11.0", "vlen",
         "keras.layers.Attention (concat + use_scale; dot), AdditiveAttention, "
         "MultiHeadAttention (2 heads, self-attention: inbound kwargs {'value': ...}), "
         "Dense swish, Concatenate, TimeDistributed(Dense softmax), Softmax(axis=1), GMP, "
         "Dense exponential", "series"),
        ("cov_tfk_dense_activations", cov_tfk_dense_activations, "2.6.0", "vlen",
         "LSTM go_backwards return_sequences=False, then Dense relu/tanh/sigmoid/linear/"
         "hard_sigmoid/elu/selu/softplus/softsign/exponential/swish/softmax", "series"),
        ("cov_tfk_masking_gru", cov_tfk_masking_gru, "2.8.0", "vlen",
         "Embedding(mask_zero=True), Bidirectional(GRU reset_after=True) concat (tf.keras "
         "zero_output_for_mask: masked steps output 0), masked GlobalAveragePooling1D, "
         "unmasked GlobalMaxPooling1D", "ids"),
    ]:
        m = builder()
        rs = np.random.RandomState(len(name) * 11)
        steps = m.layers[0].params["shape"][0]
        if input_kind == "ids":
            cases = [ids_case(rs, 25, n, steps) for n in (steps, 5, 2)]
        else:
            cases = [series_case(rs, steps, m.layers[0].params["shape"][1]) for _ in range(3)]
        emit(name, ".h5", m, "tfk", version, desc + "; tf.keras %s h5" % version, cases,
             lambda p, m=m, v=version, s=style: write_model_h5(p, m, "tfk", v, s))

    # --- layer coverage: Keras 3
    m = cov_keras3_layers()
    rs = np.random.RandomState(303)
    cases = [series_case(rs, 6, 4) for _ in range(3)]
    emit("cov_keras3_layers", ".keras", m, "k3", "3.8.0",
         "Keras 3: GRU reset_after, SimpleRNN, MultiHeadAttention (query_dense/... var "
         "groups), Add, Attention concat+scale, AdditiveAttention, TimeDistributed(Dense "
         "softmax), Lambda tf.reduce_mean(x, axis=1) ({'class_name': '__lambda__'}), Dense "
         "hard_sigmoid (Keras 3: x/6+0.5), Dense softmax", cases, lambda p: write_keras3(p, m))

    # --- fixture 6: the same model in five layouts
    rs = np.random.RandomState(406)
    cases = [ids_case(rs, 30, n, 6) for n in (6, 4, 2)]
    desc = ("Embedding + Bidirectional(LSTM) + Dense tanh/Flatten/softmax/RepeatVector/"
            "Permute/Multiply + GAP + Dense softmax; same weights in every layout: ")
    m = same_bilstm_model("k3legacy")
    emit("same_bilstm_keras3_legacy", ".h5", m, "k3legacy", "3.8.0",
         desc + "Keras 3 model.save('x.h5') (legacy_h5_format)", cases,
         lambda p: write_model_h5(p, m, "k3legacy", "3.8.0", "vlen"))
    m = same_bilstm_model("k3")
    emit("same_bilstm_keras3", ".keras", m, "k3", "3.8.0", desc + "Keras 3 .keras", cases,
         lambda p: write_keras3(p, m))
    m = same_bilstm_model("tfk3")
    emit("same_bilstm_tf213", ".keras", m, "tfk", "2.13.1",
         desc + "TF 2.13 .keras (_layer_checkpoint_dependencies)", cases,
         lambda p: write_keras_tf2(p, m, "2.13.1"))
    emit("same_bilstm_tf215", ".keras", m, "tfk", "2.15.0",
         desc + "TF 2.15 .keras (layers/, reverse attribute walk)", cases,
         lambda p: write_keras_tf2(p, m, "2.15.0"))
    m = same_bilstm_model("tfk")
    with open(out("same_bilstm_weights_tfkeras.config.json"), "w") as f:
        f.write(to_json(m, "tfk", "2.12.0"))
    emit("same_bilstm_weights_tfkeras", ".h5", m, "tfk", "2.12.0",
         desc + "tf.keras 2.12 save_weights h5 (layer groups at the root) + to_json config",
         cases, lambda p: write_weights_only_h5(p, m, "tfk", "2.12.0", "vlen"),
         config_file="same_bilstm_weights_tfkeras.config.json")

    # --- models that must be refused
    for name, flavor, version, m, err, desc in err_models():
        ext = ".keras" if flavor == "k3" else ".h5"
        writer = ((lambda p, m=m: write_keras3(p, m)) if flavor == "k3" else
                  (lambda p, m=m, f=flavor, v=version:
                   write_model_h5(p, m, f, v, "fixed" if f in K2 else "vlen")))
        emit(name, ext, m, flavor, version, desc, [], writer, expect_error=err)

    print("wrote %d files to %s" % (len(os.listdir(outdir)), outdir))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
