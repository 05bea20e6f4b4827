#!/usr/bin/python3
"""Writes the Keras files tst_keras_archive reads, laid out as Keras writes them, without TensorFlow.

Usage: write_archive_fixtures.py OUT_DIR

Only h5py and numpy (Debian: python3-h5py). The layouts follow Keras' own writers:
  - legacy HDF5 (keras/src/legacy/saving/legacy_h5_format.py, tf-keras hdf5_format.py):
    root attrs model_config / keras_version / backend, group model_weights with layer_names,
    one group per layer with weight_names, arrays at model_weights/<layer>/<weight name>;
    long name lists split into name0, name1, ...; a layer without weights gets a float64 [].
  - save_weights(): the same layer groups and attrs at the root, no model_config.
  - .keras zip (keras/src/saving/saving_lib.py, tf-keras 2.13+ saving_lib.py): config.json,
    metadata.json, model.weights.h5 with <object path>/vars/<i>.

Values are ramps (start + step * index) with steps exactly representable in float16, so the test
can assert exact numbers.
"""

import io
import json
import os
import sys
import struct
import zipfile

import h5py
import numpy as np

VLEN = h5py.string_dtype(encoding="utf-8")


def ramp(shape, start, step=0.25, dtype=np.float32):
    count = int(np.prod(shape)) if len(shape) else 1
    return (start + step * np.arange(count)).reshape(shape).astype(dtype)


def sequential_config(layers):
    return {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}


LSTM_DENSE_LAYERS = [
    {"class_name": "LSTM", "config": {"name": "lstm", "units": 1, "return_sequences": False}},
    {"class_name": "Dense", "config": {"name": "dense", "units": 1, "activation": "linear"}},
]


def write_vlen_names(attrs, name, names):
    attrs.create(name, names, dtype=VLEN)


def keras2_full(path):
    """Keras 2.3 with h5py 3: every text attribute is a variable-length UTF-8 string."""
    config = sequential_config([
        {"class_name": "Bidirectional", "config": {"name": "bidirectional_1", "layer": {
            "class_name": "LSTM", "config": {"name": "lstm_1", "units": 2}}}},
        {"class_name": "Dropout", "config": {"name": "dropout_1", "rate": 0.5}},
        {"class_name": "Dense", "config": {"name": "dense_1", "units": 1}},
    ])
    with h5py.File(path, "w") as f:
        f.attrs.create("model_config", json.dumps(config), dtype=VLEN)
        f.attrs.create("keras_version", "2.3.1", dtype=VLEN)
        f.attrs.create("backend", "tensorflow", dtype=VLEN)
        f.attrs.create("training_config", json.dumps({"loss": "mse"}), dtype=VLEN)
        weights = f.create_group("model_weights")
        write_vlen_names(weights.attrs, "layer_names", ["bidirectional_1", "dropout_1", "dense_1"])
        weights.attrs.create("keras_version", "2.3.1", dtype=VLEN)
        weights.attrs.create("backend", "tensorflow", dtype=VLEN)

        bidirectional = weights.create_group("bidirectional_1")
        names = []
        start = 0.0
        for direction in ("forward_lstm_1", "backward_lstm_1"):
            for weight, shape in (("kernel:0", (3, 8)), ("recurrent_kernel:0", (2, 8)), ("bias:0", (8,))):
                name = "bidirectional_1/%s/%s" % (direction, weight)
                bidirectional.create_dataset(name, data=ramp(shape, start))
                names.append(name)
                start += 100.0
        write_vlen_names(bidirectional.attrs, "weight_names", names)

        dropout = weights.create_group("dropout_1")
        dropout.attrs["weight_names"] = np.array([], dtype=np.float64)  # what Keras writes for []

        dense = weights.create_group("dense_1")
        dense.create_dataset("dense_1/kernel:0", data=ramp((4, 1), -1.0))
        dense.create_dataset("dense_1/bias:0", data=ramp((1,), 0.5))
        write_vlen_names(dense.attrs, "weight_names", ["dense_1/kernel:0", "dense_1/bias:0"])


def tfkeras_full(path):
    """tf.keras 2.x: bytes everywhere (fixed-length, null-padded strings), model_config a bytes
    scalar, name lists split into name0/name1, and weights stored as float16/float64/int32."""
    config = {"class_name": "Functional", "config": {"name": "model", "layers": [
        {"class_name": "InputLayer", "config": {"name": "input_1", "batch_input_shape": [None, 5, 2]}},
    ] + LSTM_DENSE_LAYERS}}
    with h5py.File(path, "w") as f:
        # np.bytes_: fixed-length like h5py 2 wrote bytes (h5py 3 turns plain bytes into variable-length).
        f.attrs["model_config"] = np.bytes_(json.dumps(config).encode("utf8"))
        f.attrs["keras_version"] = np.bytes_(b"2.11.0")
        f.attrs["backend"] = np.bytes_(b"tensorflow")
        weights = f.create_group("model_weights")
        weights.attrs["layer_names0"] = np.array([b"input_1", b"lstm"])  # S7: "lstm" null-padded
        weights.attrs["layer_names1"] = np.array([b"dense"])
        weights.attrs["keras_version"] = np.bytes_(b"2.11.0")
        weights.attrs["backend"] = np.bytes_(b"tensorflow")

        weights.create_group("input_1").attrs["weight_names"] = np.array([], dtype=np.float64)

        lstm = weights.create_group("lstm")
        lstm.create_dataset("lstm/lstm_cell/kernel:0", data=ramp((2, 4), 1.0, dtype=np.float16))
        lstm.create_dataset("lstm/lstm_cell/recurrent_kernel:0", data=ramp((1, 4), 0.1, step=0.1, dtype=np.float64))
        lstm.create_dataset("lstm/lstm_cell/bias:0", data=np.array([-2, 0, 3, 7], dtype=np.int32))
        lstm.attrs["weight_names0"] = np.array([b"lstm/lstm_cell/kernel:0", b"lstm/lstm_cell/recurrent_kernel:0"])
        lstm.attrs["weight_names1"] = np.array([b"lstm/lstm_cell/bias:0"])

        dense = weights.create_group("dense")
        dense.create_dataset("dense/kernel:0", data=np.array([[0.1]], dtype=np.float64))
        dense.create_dataset("dense/bias:0", data=np.float32(0.5))  # a scalar: shape ()
        dense.attrs["weight_names"] = np.array([b"dense/kernel:0", b"dense/bias:0"])


def weights_only(path, config_path):
    """model.save_weights("w.h5"): the layer groups at the root; with a 512-byte user block so
    the HDF5 signature is not at offset 0. Names as Keras 3's legacy writer spells them."""
    with h5py.File(path, "w", userblock_size=512) as f:
        write_vlen_names(f.attrs, "layer_names", ["lstm", "dense"])
        f.attrs.create("keras_version", "2.15.0", dtype=VLEN)
        f.attrs.create("backend", "tensorflow", dtype=VLEN)
        lstm = f.create_group("lstm")
        lstm_names = ["sequential/lstm/lstm_cell/kernel", "sequential/lstm/lstm_cell/recurrent_kernel",
                      "sequential/lstm/lstm_cell/bias"]
        for index, (name, shape) in enumerate(zip(lstm_names, ((2, 4), (1, 4), (4,)))):
            lstm.create_dataset(name, data=ramp(shape, 10.0 * index))
        write_vlen_names(lstm.attrs, "weight_names", lstm_names)
        dense = f.create_group("dense")
        dense.create_dataset("sequential/dense/kernel", data=ramp((1, 1), 3.0))
        dense.create_dataset("sequential/dense/bias", data=ramp((1,), -3.0))
        write_vlen_names(dense.attrs, "weight_names", ["sequential/dense/kernel", "sequential/dense/bias"])
    with open(path, "r+b") as f:  # a user block is free-form: make it text, not zeros
        f.write(b"user block written by write_archive_fixtures.py\n")
    to_json = dict(sequential_config(LSTM_DENSE_LAYERS), keras_version="2.15.0", backend="tensorflow")
    with open(config_path, "w") as f:
        json.dump(to_json, f)


def weights_h5_image(groups):
    """model.weights.h5 as saving_lib's H5IOStore writes it: <path>/vars/<i> (root: vars/)."""
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        f.create_group("vars")  # the model's own variables: none for Sequential
        for path, arrays in groups.items():
            vars_group = f.require_group(path).create_group("vars")
            for index, array in enumerate(arrays):
                vars_group.create_dataset(str(index), data=array)
    return buffer.getvalue()


def write_keras_zip(path, config, metadata, weights_image, extra_entries=()):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps(metadata))
        archive.writestr("config.json", config if isinstance(config, str) else json.dumps(config))
        if weights_image is not None:
            archive.writestr("model.weights.h5", weights_image)
        for name, data in extra_entries:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)


def declare_uncompressed_size(path, name, size):
    """Rewrites the uncompressed size an entry declares, in its local header and its central
    directory record (APPNOTE 4.3.7 and 4.3.12); the data and the CRC stay as they were."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    with open(path, "r+b") as f:
        data = bytearray(f.read())
    local = info.header_offset
    assert data[local:local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, size)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, central + 24, size)
            break
        central = data.find(b"PK\x01\x02", central + 46)
    with open(path, "wb") as f:
        f.write(data)


def keras3_groups():
    cell = lambda start: [ramp((2, 4), start), ramp((1, 4), start + 20.0), ramp((4,), start + 40.0)]
    return {
        "layers/lstm": [],  # the LSTM layer owns no variables; its cell does
        "layers/lstm/cell": cell(0.0),
        "layers/bidirectional/forward_layer/cell": cell(100.0),
        "layers/bidirectional/backward_layer/cell": cell(200.0),
        "layers/dense": [ramp((2, 1), 7.0), ramp((1,), -7.0)],
        # 12 variables: HDF5 lists them 0, 1, 10, 11, 2, ...; the reader must order them 0..11.
        "optimizer": [np.full((1,), index, dtype=np.float32) for index in range(12)],
    }


KERAS3_CONFIG = {
    "module": "keras", "class_name": "Sequential", "registered_name": None,
    "config": {"name": "sequential", "layers": [
        {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "lstm", "units": 4}},
        {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 1}},
    ]},
    "build_config": {"input_shape": [None, 5, 2]},
}


def keras3_zip(path):
    write_keras_zip(path, KERAS3_CONFIG, {"keras_version": "3.3.3", "date_saved": "2024-05-01@12:00:00"},
                    weights_h5_image(keras3_groups()))


def tf213_zip(path):
    config = {"module": "keras", "class_name": "Sequential", "registered_name": None,
              "config": sequential_config(LSTM_DENSE_LAYERS)["config"]}
    groups = {"layers/lstm/cell": [ramp((2, 4), 1.0), ramp((1, 4), 2.0), ramp((4,), 3.0)],
              "layers/dense": [ramp((1, 1), 4.0), ramp((1,), 5.0)]}
    write_keras_zip(path, config, {"keras_version": "2.13.1", "date_saved": "2023-08-01@09:00:00"},
                    weights_h5_image(groups))


def hostile_and_broken(out):
    image = weights_h5_image({"layers/dense": [ramp((1, 1), 1.0)]})
    metadata = {"keras_version": "3.3.3"}
    write_keras_zip(os.path.join(out, "evil.keras"), KERAS3_CONFIG, metadata, image,
                    extra_entries=[("../evil", b"outside")])
    # One entry that inflates to 8 MiB from a few KiB: refused from its declared size alone.
    write_keras_zip(os.path.join(out, "bomb.keras"), KERAS3_CONFIG, metadata, image,
                    extra_entries=[("assets/zeros.bin", bytes(8 << 20))])
    # model.weights.h5 declares 1.5 GB (under the 2 GiB limit) but holds a few KiB: the reader must
    # not allocate what an entry declares before it inflates (found by fuzz_keras_archive).
    lying = os.path.join(out, "lying_size.keras")
    write_keras_zip(lying, KERAS3_CONFIG, metadata, image)
    declare_uncompressed_size(lying, "model.weights.h5", 1_500_000_000)
    # Three entries of 400 KiB: each under a 1 MiB limit, together over it.
    write_keras_zip(os.path.join(out, "many.keras"), KERAS3_CONFIG, metadata, image,
                    extra_entries=[("assets/part%d.bin" % i, bytes(400 << 10)) for i in range(3)])
    # A sound zip whose model.weights.h5 is cut in half: HDF5 must refuse the in-memory image.
    write_keras_zip(os.path.join(out, "cut_weights.keras"), KERAS3_CONFIG, metadata,
                    weights_h5_image(keras3_groups())[:1500])
    # config.json cut inside an object: the parse error has an offset.
    write_keras_zip(os.path.join(out, "bad_config.keras"), '{"class_name": "Sequential", "config": {"name": ',
                    metadata, image)
    with h5py.File(os.path.join(out, "bad_model_config.h5"), "w") as f:
        f.attrs["model_config"] = np.bytes_(b'{"class_name": "Sequential", "config": [}')
        f.create_group("model_weights").attrs["layer_names"] = np.array([b"dense"])
    with h5py.File(os.path.join(out, "plain.h5"), "w") as f:
        f.create_dataset("temperatures", data=ramp((3,), 20.0))
    # Dimensions whose product overflows int64; chunked, so h5py allocates nothing.
    with h5py.File(os.path.join(out, "huge_dims.h5"), "w") as f:
        f.attrs["model_config"] = json.dumps(sequential_config(LSTM_DENSE_LAYERS))
        weights = f.create_group("model_weights")
        weights.attrs["layer_names"] = np.array([b"dense"])
        dense = weights.create_group("dense")
        dense.create_dataset("dense/kernel:0", shape=(1 << 31, 1 << 31, 1 << 31), dtype=np.float32,
                             chunks=(1, 1, 1))
        dense.attrs["weight_names"] = np.array([b"dense/kernel:0"])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    keras2_full(os.path.join(out, "keras2_full.h5"))
    tfkeras_full(os.path.join(out, "tfkeras_full.h5"))
    weights_only(os.path.join(out, "weights_only.h5"), os.path.join(out, "weights_only_config.json"))
    keras3_zip(os.path.join(out, "model.keras"))
    tf213_zip(os.path.join(out, "tf213.keras"))
    hostile_and_broken(out)
    print("fixtures written to", out)


if __name__ == "__main__":
    main()
