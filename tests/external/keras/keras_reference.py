#!/usr/bin/python3
"""Independent float64 numpy implementation of the Keras layers the fixtures use.

Written from the `call` code of the Keras sources (no TensorFlow here):
  - Keras 2.1/2.2 multi-backend: keras/layers/recurrent.py, cudnn_recurrent.py, wrappers.py,
    core.py, merge.py, convolutional.py, pooling.py, normalization.py, activations.py and
    keras/backend/tensorflow_backend.py (`rnn`, `hard_sigmoid`, `batch_dot`, `softmax`).
  - tf.keras 2.x / tf-keras: keras/layers/rnn/*.py, attention/*.py, backend.py (`rnn` with
    `zero_output_for_mask`), wrappers (Bidirectional forces zero_output_for_mask).
  - Keras 3: keras/src/layers/**, keras/src/backend/*/nn.py, keras/src/backend/*/rnn.py.

Everything works on ONE sample (no batch axis). Axis arguments that Keras counts with the batch
axis (Dot axes, Permute dims, Softmax axis, Lambda axis) are converted here.

`family` selects the few numeric differences between generations:
  "keras2"  Keras 1/2 multi-backend and tf.keras 2.x  (hard_sigmoid = clip(0.2 x + 0.5, 0, 1))
  "keras3"  Keras 3                                     (hard_sigmoid = clip(x / 6 + 0.5, 0, 1))
`zero_output_for_mask` (masked RNN steps output zeros instead of the previous output) is per
layer: tf.keras and Keras 3 Bidirectional force it to `return_sequences`; Keras 2.2 never uses it.
"""

import numpy as np

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
BN_DEFAULT_EPSILON = 1e-3
L2_NORMALIZE_EPSILON = 1e-12


def f64(x):
    return np.asarray(x, dtype=np.float64)


# ----------------------------------------------------------------------------- activations

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x, axis=-1):
    x = f64(x)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def activation(name, x, family):
    x = f64(x)
    if name in (None, "linear"):
        return x
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "tanh":
        return np.tanh(x)
    if name == "sigmoid":
        return sigmoid(x)
    if name == "hard_sigmoid":
        if family == "keras3":
            return np.clip(x / 6.0 + 0.5, 0.0, 1.0)
        return np.clip(0.2 * x + 0.5, 0.0, 1.0)
    if name == "softmax":
        return softmax(x, -1)
    if name == "elu":
        return elu(x)
    if name == "selu":
        return SELU_SCALE * elu(x, SELU_ALPHA)
    if name == "softplus":
        return np.logaddexp(x, 0.0)
    if name == "softsign":
        return x / (1.0 + np.abs(x))
    if name == "exponential":
        return np.exp(x)
    if name in ("swish", "silu"):
        return x * sigmoid(x)
    raise ValueError("unknown activation " + str(name))


# ----------------------------------------------------------------------------- recurrent

def rnn_loop(step, x, states, mask=None, go_backwards=False, zero_output_for_mask=False):
    """Keras backend `rnn`: returns (last_output, outputs [T, units], final states).

    Outputs are in processing order (reversed in time when go_backwards), exactly as Keras
    returns them. A masked step keeps the previous states; its output is the previous output
    (zeros before the first valid step) or zeros when zero_output_for_mask.
    """
    x = f64(x)
    steps = list(range(x.shape[0]))
    if go_backwards:
        steps = steps[::-1]
    outputs = []
    prev_output = None
    for t in steps:
        out, new_states = step(x[t], states)
        if prev_output is None:
            prev_output = np.zeros_like(out)
        if mask is not None and not mask[t]:
            out = np.zeros_like(out) if zero_output_for_mask else prev_output
        else:
            states = new_states
        outputs.append(out)
        prev_output = out
    return outputs[-1], np.stack(outputs), states


def lstm_step(kernel, recurrent_kernel, bias, units, act, rec_act, family):
    def step(x_t, states):
        h, c = states
        z = x_t @ kernel + h @ recurrent_kernel
        if bias is not None:
            z = z + bias
        i = activation(rec_act, z[:units], family)
        f = activation(rec_act, z[units:2 * units], family)
        c_new = f * c + i * activation(act, z[2 * units:3 * units], family)
        o = activation(rec_act, z[3 * units:], family)
        h_new = o * activation(act, c_new, family)
        return h_new, (h_new, c_new)
    return step


def gru_step(kernel, recurrent_kernel, bias, units, act, rec_act, reset_after, family):
    def step(x_t, states):
        (h,) = states
        if reset_after:
            input_bias = bias[0] if bias is not None else 0.0
            recurrent_bias = bias[1] if bias is not None else 0.0
            mx = x_t @ kernel + input_bias
            mh = h @ recurrent_kernel + recurrent_bias
            z = activation(rec_act, mx[:units] + mh[:units], family)
            r = activation(rec_act, mx[units:2 * units] + mh[units:2 * units], family)
            hh = activation(act, mx[2 * units:] + r * mh[2 * units:], family)
        else:
            mx = x_t @ kernel + (bias if bias is not None else 0.0)
            z = activation(rec_act, mx[:units] + h @ recurrent_kernel[:, :units], family)
            r = activation(rec_act, mx[units:2 * units] + h @ recurrent_kernel[:, units:2 * units],
                           family)
            hh = activation(act, mx[2 * units:] + (r * h) @ recurrent_kernel[:, 2 * units:], family)
        h_new = z * h + (1.0 - z) * hh
        return h_new, (h_new,)
    return step


def simple_rnn_step(kernel, recurrent_kernel, bias, act, family):
    def step(x_t, states):
        (h,) = states
        z = x_t @ kernel + h @ recurrent_kernel
        if bias is not None:
            z = z + bias
        h_new = activation(act, z, family)
        return h_new, (h_new,)
    return step


def cudnn_kernel_to_keras(kernel, n_gates):
    """cuDNN stores each gate's (in, units) block as the flat buffer of a (units, in) matrix:
    the equivalent plain-Keras kernel block is block.reshape(units, in).T
    (== `transpose_input(from_cudnn=True)` of hdf5_format._convert_rnn_weights)."""
    blocks = np.hsplit(f64(kernel), n_gates)
    return np.hstack([b.reshape(b.shape[1], b.shape[0]).T for b in blocks])


def cudnn_recurrent_to_keras(recurrent_kernel, n_gates):
    return np.hstack([b.T for b in np.hsplit(f64(recurrent_kernel), n_gates)])


def run_recurrent(cls, params, weights, x, mask, family, zero_output_for_mask=False):
    """Runs LSTM / GRU / SimpleRNN / CuDNNLSTM / CuDNNGRU. Returns the layer output."""
    return run_recurrent_states(cls, params, weights, x, mask, family, zero_output_for_mask)[0]


def run_recurrent_states(cls, params, weights, x, mask, family, zero_output_for_mask=False):
    """As run_recurrent, returning (output, final states): RNN.call with return_state returns
    [output] + states (LSTM: h, c; GRU / SimpleRNN: h), the states after the last step."""
    units = params["units"]
    w = [f64(a) for a in weights]
    if cls == "LSTM":
        kernel, rec, bias = w[0], w[1], (w[2] if len(w) > 2 else None)
        step = lstm_step(kernel, rec, bias, units, params.get("activation", "tanh"),
                         params["recurrent_activation"], family)
        states = (np.zeros(units), np.zeros(units))
    elif cls == "GRU":
        kernel, rec, bias = w[0], w[1], (w[2] if len(w) > 2 else None)
        step = gru_step(kernel, rec, bias, units, params.get("activation", "tanh"),
                        params["recurrent_activation"], params["reset_after"], family)
        states = (np.zeros(units),)
    elif cls == "SimpleRNN":
        kernel, rec, bias = w[0], w[1], (w[2] if len(w) > 2 else None)
        step = simple_rnn_step(kernel, rec, bias, params.get("activation", "tanh"), family)
        states = (np.zeros(units),)
    elif cls == "CuDNNLSTM":
        kernel = cudnn_kernel_to_keras(w[0], 4)
        rec = cudnn_recurrent_to_keras(w[1], 4)
        bias = w[2][:4 * units] + w[2][4 * units:]
        step = lstm_step(kernel, rec, bias, units, "tanh", "sigmoid", family)
        states = (np.zeros(units), np.zeros(units))
    elif cls == "CuDNNGRU":
        kernel = cudnn_kernel_to_keras(w[0], 3)
        rec = cudnn_recurrent_to_keras(w[1], 3)
        bias = w[2].reshape(2, 3 * units)
        step = gru_step(kernel, rec, bias, units, "tanh", "sigmoid", True, family)
        states = (np.zeros(units),)
    else:
        raise ValueError(cls)
    last, outputs, final = rnn_loop(step, x, states, mask, params.get("go_backwards", False),
                                    zero_output_for_mask)
    return (outputs if params.get("return_sequences", False) else last), list(final)


def run_bidirectional(inner_cls, inner_params, merge_mode, fwd_weights, bwd_weights, x, mask,
                      family, zero_output_for_mask):
    """Bidirectional.call: forward layer, backward layer (go_backwards toggled), reverse the
    backward sequence back when return_sequences, then merge. merge_mode None -> two outputs."""
    fwd_params = dict(inner_params)
    bwd_params = dict(inner_params)
    bwd_params["go_backwards"] = not inner_params.get("go_backwards", False)
    y = run_recurrent(inner_cls, fwd_params, fwd_weights, x, mask, family, zero_output_for_mask)
    y_rev = run_recurrent(inner_cls, bwd_params, bwd_weights, x, mask, family,
                          zero_output_for_mask)
    if inner_params.get("return_sequences", False):
        y_rev = y_rev[::-1]
    if merge_mode == "concat":
        return [np.concatenate([y, y_rev], axis=-1)]
    if merge_mode == "sum":
        return [y + y_rev]
    if merge_mode == "mul":
        return [y * y_rev]
    if merge_mode == "ave":
        return [(y + y_rev) / 2.0]
    if merge_mode is None:
        return [y, y_rev]
    raise ValueError(merge_mode)


# ----------------------------------------------------------------------------- convolution etc.

def conv1d(x, kernel, bias, strides, padding, dilation, act, family):
    x = f64(x)
    kernel = f64(kernel)
    k = kernel.shape[0]
    length = x.shape[0]
    span = (k - 1) * dilation + 1
    if padding == "causal":
        x = np.concatenate([np.zeros(((k - 1) * dilation, x.shape[1])), x], axis=0)
        out_len = (x.shape[0] - span) // strides + 1
    elif padding == "same":
        out_len = -(-length // strides)
        total = max((out_len - 1) * strides + span - length, 0)
        left = total // 2
        x = np.concatenate([np.zeros((left, x.shape[1])), x,
                            np.zeros((total - left, x.shape[1]))], axis=0)
    elif padding == "valid":
        out_len = (length - span) // strides + 1
    else:
        raise ValueError(padding)
    y = np.zeros((out_len, kernel.shape[2]))
    for t in range(out_len):
        for j in range(k):
            y[t] += x[t * strides + j * dilation] @ kernel[j]
    if bias is not None:
        y = y + f64(bias)
    return activation(act, y, family)


def max_pooling1d(x, pool_size, strides, padding):
    if padding != "valid":
        raise ValueError("only valid pooling is used by the fixtures")
    x = f64(x)
    out_len = (x.shape[0] - pool_size) // strides + 1
    return np.stack([np.max(x[t * strides:t * strides + pool_size], axis=0)
                     for t in range(out_len)])


def batch_normalization(x, gamma, beta, mean, var, epsilon):
    return (f64(x) - f64(mean)) / np.sqrt(f64(var) + epsilon) * f64(gamma) + f64(beta)


def global_average_pooling1d(x, mask=None):
    x = f64(x)
    if mask is None:
        return np.mean(x, axis=0)
    m = np.asarray(mask, dtype=np.float64)[:, None]
    return np.sum(x * m, axis=0) / np.sum(m, axis=0)


def l2_normalize(x, axis):
    return x / np.sqrt(np.maximum(np.sum(x * x, axis=axis, keepdims=True),
                                  L2_NORMALIZE_EPSILON))


def dot(x1, x2, axes, normalize):
    """keras.layers.Dot on one sample; `axes` count the batch axis as Keras does."""
    x1, x2 = f64(x1), f64(x2)
    if isinstance(axes, int):
        axes = (axes, axes)
    a1 = (axes[0] % (x1.ndim + 1)) - 1
    a2 = (axes[1] % (x2.ndim + 1)) - 1
    if normalize:
        x1 = l2_normalize(x1, a1)
        x2 = l2_normalize(x2, a2)
    out = np.tensordot(x1, x2, axes=(a1, a2))
    return out.reshape(1) if out.ndim == 0 else out


# ----------------------------------------------------------------------------- attention

def dense_attention_scores(q, k, score_mode, scale, concat_score_weight):
    """keras.layers.Attention._calculate_scores (tf.keras >= 2.8 and Keras 3)."""
    if score_mode == "dot":
        s = q @ k.T
        if scale is not None:
            s = s * scale
        return s
    summed = q[:, None, :] + k[None, :, :]
    if scale is not None:
        summed = scale * summed
    return concat_score_weight * np.sum(np.tanh(summed), axis=-1)


def additive_attention_scores(q, k, scale):
    t = np.tanh(q[:, None, :] + k[None, :, :])
    if scale is not None:
        t = scale * t
    return np.sum(t, axis=-1)


def apply_attention(scores, v):
    w = softmax(scores, -1)
    return w @ v, w


def multi_head_attention(query, value, key, w):
    """MultiHeadAttention (attention over the time axis), weights in Keras order: query kernel
    (dim, H, Dk), bias (H, Dk); key ...; value ...; output kernel (H, Dv, dim), bias (dim,)."""
    qk, qb, kk, kb, vk, vb, ok, ob = [f64(a) for a in w]
    q = np.einsum("tc,chd->thd", query, qk) + qb
    k = np.einsum("tc,chd->thd", key, kk) + kb
    v = np.einsum("tc,chd->thd", value, vk) + vb
    q = q * (1.0 / np.sqrt(float(qk.shape[2])))
    scores = np.einsum("shd,thd->hts", k, q)          # (H, T, S)
    probs = softmax(scores, -1)
    ctx = np.einsum("hts,shd->thd", probs, v)        # (T, H, Dv)
    out = np.einsum("thd,hde->te", ctx, ok) + ob
    return out, probs


# ----------------------------------------------------------------------------- graph runner

LAMBDA_FUNCTIONS = {
    # lambda xin: K.sum(xin, axis=-2)         (batch axis counted: -2 is the time axis of B,T,D)
    "k_sum_axis_m2": lambda x: np.sum(x, axis=-2),
    # lambda x: tf.reduce_mean(x, axis=1)     (axis 1 of B,T,D is the time axis)
    "reduce_mean_axis1": lambda x: np.mean(x, axis=0),
}

PASS_MASK = {"Dense", "TimeDistributed", "Activation", "Dropout", "SpatialDropout1D",
             "BatchNormalization", "Softmax"}


def run_model(nodes, feed, family, zero_output_for_mask_in_bidirectional):
    """Runs a list of node dicts in order. Each node:
       {"name", "class", "params", "weights": [arrays], "inbound": [(name, tensor_index)]}
    `feed` maps input layer names to arrays. Returns (values, probes) where values maps
    name -> list of output arrays and probes maps name -> (softmax array) for layers whose
    softmax the fixtures report."""
    values, masks, probes = {}, {}, {}
    for node in nodes:
        name, cls = node["name"], node["class"]
        p, w = node.get("params", {}), node.get("weights", [])
        ins = [values[n][i] for n, i in node.get("inbound", [])]
        in_masks = [masks[n][i] for n, i in node.get("inbound", [])]
        m0 = in_masks[0] if in_masks else None
        out_mask = None
        x = ins[0] if ins else None
        if cls == "InputLayer":
            out = [f64(feed[name]) if p.get("dtype", "float32").startswith("float")
                   else np.asarray(feed[name], dtype=np.int64)]
        elif cls == "Embedding":
            ids = np.asarray(x, dtype=np.int64)
            out = [f64(w[0])[ids]]
            if p.get("mask_zero"):
                out_mask = ids != 0
        elif cls == "Masking":
            keep = np.any(x != p["mask_value"], axis=-1)
            out = [x * keep[:, None]]
            out_mask = keep
        elif cls in ("LSTM", "GRU", "SimpleRNN", "CuDNNLSTM", "CuDNNGRU"):
            y, states = run_recurrent_states(cls, p, w, x, m0, family,
                                             p.get("zero_output_for_mask", False))
            out = [y] + (states if p.get("return_state") else [])
            # RNN.compute_mask: the output keeps the mask when return_sequences, states never
            masks[name] = [m0 if p.get("return_sequences") else None] + [None] * (len(out) - 1)
            values[name] = out
            continue
        elif cls == "Bidirectional":
            half = len(w) // 2
            out = run_bidirectional(p["layer_class"], p["layer_params"], p["merge_mode"],
                                    w[:half], w[half:], x, m0, family,
                                    zero_output_for_mask_in_bidirectional
                                    and p["layer_params"].get("return_sequences", False))
            seq = p["layer_params"].get("return_sequences", False)
            out_mask = m0 if seq else None
            if p["merge_mode"] is None:
                masks[name] = [out_mask, out_mask]
                values[name] = out
                continue
        elif cls in ("Dense", "TimeDistributed"):
            dp = p if cls == "Dense" else p["layer_params"]
            y = x @ f64(w[0])
            if dp.get("use_bias", True):
                y = y + f64(w[1])
            out = [activation(dp.get("activation"), y, family)]
            if dp.get("activation") == "softmax":
                probes[name] = out[0]
            out_mask = m0
        elif cls == "Conv1D":
            out = [conv1d(x, w[0], w[1] if p.get("use_bias", True) else None, p["strides"],
                          p["padding"], p["dilation_rate"], p.get("activation"), family)]
        elif cls == "MaxPooling1D":
            out = [max_pooling1d(x, p["pool_size"], p["strides"], p["padding"])]
        elif cls == "BatchNormalization":
            out = [batch_normalization(x, w[0], w[1], w[2], w[3], p["epsilon"])]
            out_mask = m0
        elif cls in ("Dropout", "SpatialDropout1D"):
            out = [f64(x)]
            out_mask = m0
        elif cls == "Flatten":
            out = [f64(x).reshape(-1)]
        elif cls == "Reshape":
            out = [f64(x).reshape(p["target_shape"])]
        elif cls == "Permute":
            out = [np.transpose(x, [d - 1 for d in p["dims"]])]
        elif cls == "RepeatVector":
            out = [np.repeat(f64(x)[None, :], p["n"], axis=0)]
        elif cls == "Activation":
            out = [activation(p["activation"], x, family)]
            if p["activation"] == "softmax":
                probes[name] = out[0]
            out_mask = m0
        elif cls == "Softmax":
            axis = p.get("axis", -1)
            axis = axis - 1 if axis > 0 else axis
            out = [softmax(x, axis)]
            probes[name] = out[0]
            out_mask = m0
        elif cls in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Merge"):
            mode = {"Add": "sum", "Subtract": "sub", "Multiply": "mul", "Average": "ave",
                    "Maximum": "max", "Merge": p.get("mode")}[cls]
            r = f64(ins[0])
            for other in ins[1:]:
                if mode in ("sum", "ave"):
                    r = r + other
                elif mode == "sub":
                    r = r - other
                elif mode == "mul":
                    r = r * other
                elif mode == "max":
                    r = np.maximum(r, other)
            if mode == "ave":
                r = r / len(ins)
            out = [r]
            present = [m for m in in_masks if m is not None]
            out_mask = np.logical_and.reduce(present) if present else None
        elif cls == "Concatenate":
            out = [np.concatenate([f64(a) for a in ins], axis=p.get("axis", -1))]
            present = [m for m in in_masks if m is not None]
            if present and p.get("axis", -1) in (-1, ins[0].ndim):
                out_mask = np.logical_and.reduce(present)
        elif cls == "Dot":
            out = [dot(ins[0], ins[1], p["axes"], p.get("normalize", False))]
        elif cls == "GlobalAveragePooling1D":
            out = [global_average_pooling1d(x, m0 if p.get("uses_mask", False) else None)]
        elif cls == "GlobalMaxPooling1D":
            out = [np.max(f64(x), axis=0)]
        elif cls == "Attention":
            q, v = f64(ins[0]), f64(ins[1])
            k = f64(ins[2]) if len(ins) > 2 else v
            ws = list(w)
            scale = f64(ws.pop(0)) if p.get("use_scale") else None
            csw = f64(ws.pop(0)) if p.get("score_mode", "dot") == "concat" else None
            s = dense_attention_scores(q, k, p.get("score_mode", "dot"), scale, csw)
            o, prob = apply_attention(s, v)
            out = [o]
            probes[name] = prob
        elif cls == "AdditiveAttention":
            q, v = f64(ins[0]), f64(ins[1])
            k = f64(ins[2]) if len(ins) > 2 else v
            scale = f64(w[0]) if p.get("use_scale", True) else None
            o, prob = apply_attention(additive_attention_scores(q, k, scale), v)
            out = [o]
            probes[name] = prob
        elif cls == "MultiHeadAttention":
            q, v = f64(ins[0]), f64(ins[1])
            k = f64(ins[2]) if len(ins) > 2 else v
            o, prob = multi_head_attention(q, v, k, w)
            out = [o]
            probes[name] = prob
        elif cls == "Lambda":
            out = [LAMBDA_FUNCTIONS[p["function"]](f64(x))]
        elif cls == "TutorialAttention000":
            # e = x @ W + b ; a = softmax(e, axis=1) ; sum(x * a, axis=1)   (W (u,1), b (T,1))
            e = x @ f64(w[0]) + f64(w[1])
            a = softmax(e, 0)
            out = [np.sum(x * a, axis=0)]
            probes[name] = a
        elif cls == "BahdanauAttention":
            # TF NMT tutorial: call(query, values) with W1, W2 = Dense(units), V = Dense(1):
            #   score = V(tanh(W1(expand_dims(query, 1)) + W2(values)))      (T, 1)
            #   attention_weights = softmax(score, axis=1)                     (over time)
            #   context_vector = reduce_sum(attention_weights * values, axis=1)
            #   return context_vector, attention_weights
            q, v = f64(ins[0]), f64(ins[1])
            w1, b1, w2, b2, vk, vb = [f64(a) for a in w]
            score = np.tanh((q @ w1 + b1)[None, :] + (v @ w2 + b2)) @ vk + vb
            a = softmax(score, 0)
            out = [np.sum(a * v, axis=0), a]
            probes[name] = a
        elif cls == "TutorialAttention004":
            # e = tanh(x @ W + b) ; a = softmax(e, axis=1) ; sum(x * a, axis=1)  (W (u,u), b (u,))
            e = np.tanh(x @ f64(w[0]) + f64(w[1]))
            a = softmax(e, 0)
            out = [np.sum(x * a, axis=0)]
            probes[name] = a
        else:
            raise ValueError("reference has no layer " + cls)
        values[name] = out
        masks[name] = [out_mask] * len(out)
    return values, probes
