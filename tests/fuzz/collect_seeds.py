#!/usr/bin/python3
"""Collects the seed corpus of every fuzz target from the project's data, into OUT/<target>/.

Usage: collect_seeds.py SOURCE_DIR OUT_DIR [MODEL_FILE_SEED_WRITER]

Seeds are cut small (the first records of the bundled data) so the fuzzers spend their time on
mutations, not on reading long files. Targets that spend the first byte on options (see each
fuzz_*.cpp) get each seed once per option byte listed here. The Keras seeds are the files
tests/external/keras/write_archive_fixtures.py writes (legacy .h5, weights-only .h5, .keras,
and the hostile ones); the Lambda seeds are the marshal streams of write_lambda_streams.py; the
.asmodel seed is written by fuzz_model_file_seed (built beside the fuzzers) when given.
Nothing here is committed: run it before fuzzing (tests/fuzz/run_fuzzers.sh does).
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def head_lines(path, count):
    with open(path, "rb") as f:
        return b"".join(f.readline() for _ in range(count))


def with_options(folder, name, data, option_bytes):
    for option in option_bytes:
        write(folder, "%s-%02x" % (name, option), bytes([option]) + data)


def main():
    source, out = sys.argv[1], sys.argv[2]
    seed_writer = sys.argv[3] if len(sys.argv) > 3 else None
    if os.path.isdir(out):
        shutil.rmtree(out)
    series = os.path.join(source, "resources", "data", "series")
    sentiment = os.path.join(source, "resources", "data", "sentiment")
    keras_tests = os.path.join(source, "tests", "external", "keras")

    # Tables: the bundled series files, cut to their first rows, plus the quoting cases.
    tables = {name: head_lines(os.path.join(series, name), 12) for name in sorted(os.listdir(series))
              if name.endswith(".csv")}
    tables["quoted.csv"] = b'\xef\xbb\xbftext,label\r\n"Hello, world",1\r\n"She said ""wow""",0\r\n\r\n"two\r\nlines",1\n'
    tables["tabs.tsv"] = b"date\tvalue\n2020-01-01\t1.5\n2020-01-02\tNA\n2020-01-03\t2.5\n"
    tables["times.csv"] = (b"time,value\n1958-03-29T13:45,1\n1958-03-29 13:45:10.5Z,2\n1958-03-30T00:00+02:00,\n")
    for name, data in tables.items():
        with_options(os.path.join(out, "fuzz_csv_reader"), name, data, [0, 1, 2, 4])
        with_options(os.path.join(out, "fuzz_series_table"), name, data, [0, 1, 4, 8])

    # Time cells: the first column of each series file, and one of each format.
    cells = {"iso": "1958-03-29", "compact": "19580329", "year": "1958.208", "month": "1958-03",
             "mdy": "January 1, 1995", "dmy": "01 Jan 1995", "datetime": "1958-03-29T13:45:10.5+02:00"}
    for name, data in tables.items():
        lines = data.decode("utf-8", "replace").splitlines()
        if len(lines) > 1:
            cells[name] = lines[1].split(",")[0]
    for name, cell in cells.items():
        write(os.path.join(out, "fuzz_time_parsing"), name, cell)

    # Texts: the first records of the sentiment files as a JSON array, JSON Lines and CSV.
    for name in sorted(os.listdir(sentiment)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(sentiment, name), encoding="utf-8") as f:
            records = json.load(f)[:8]
        stem = name[:-5]
        folder = os.path.join(out, "fuzz_text_import")
        with_options(folder, stem + ".json", json.dumps(records, ensure_ascii=False).encode(), [3, 0, 8])
        jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
        with_options(folder, stem + ".jsonl", jsonl, [4, 0])
        csv = "text,label\n" + "".join('"%s",%s\n' % (r["text"].replace('"', '""'), r["class"]) for r in records)
        with_options(folder, stem + ".csv", csv.encode(), [1, 2])
        plain = "".join(r["text"].strip() + "\n" for r in records)
        with_options(folder, stem + ".txt", plain.encode(), [5 | 8])
    with_options(os.path.join(out, "fuzz_text_import"), "quoted.csv", tables["quoted.csv"], [1, 9])

    # UCR: label first, then the sequence; tabs, commas or spaces; NaN padding and gaps.
    ucr = {
        "tabs.tsv": b"1\t0.1\t0.2\t0.3\n2\t-0.1\t-0.2\t-0.3\n1\t0.2\t0.3\tNaN\n",
        "commas.txt": b"1.0000000e+00,0.5,0.6,0.7\n2.0000000e+00,0.1,NaN,0.3\n",
        "spaces.txt": b"  cat   1.5  2.5  3.5\n  dog   0.5  0.5  0.5\n",
    }
    for name, data in ucr.items():
        with_options(os.path.join(out, "fuzz_ucr"), name, data, [0, 1, 2, 5])

    # meta.json as TorchScript files carry it (examples/pytorch, tests/external).
    metas = {
        "tokens.json": {"input": "tokens", "vocab": ["<pad>", "<unk>", "good", "bad"], "tokenizer": "word",
                        "lowercase": True, "pad_id": 0, "unk_id": 1, "labels": ["neg", "pos"], "batch_first": True},
        "series.json": {"input": "series", "features": ["a", "b"], "labels": ["x", "y", "z"],
                        "normalization": {"mean": [0.5, 1.0], "std": [2.0, 3.0]}, "batch_first": False},
        "minmax.json": {"input": "series", "normalization": {"min": [0], "max": [10]}},
        "offset.json": {"input": "series", "normalization": {"offset": [1, 2], "scale": [3, 4]}},
    }
    for name, meta in metas.items():
        write(os.path.join(out, "fuzz_model_meta"), name, json.dumps(meta))

    # A run folder's metrics lines (examples/pytorch/train_ddp.py) and run.json.
    jsonl = (b'{"step": 1, "epoch": 0, "loss": 0.69, "lr": 0.001}\n'
             b'{"step": 2, "epoch": 0, "loss": 0.61, "val_loss": 0.6, "epoch_end": true, "note": "x"}\n')
    csv = b'step,epoch,loss,val_loss,epoch_end\n1,0,0.69,,False\n2,0,0.61,0.6,True\n'
    run = json.dumps({"format": "attention-studio-run", "status": "running", "world_size": 2, "epochs": 3,
                      "backend": "gloo", "config": {"hiddenSize": 8}, "meta": {"input": "tokens"}}).encode()
    with_options(os.path.join(out, "fuzz_run_metrics"), "metrics.jsonl", jsonl, [0, 0x80, 0xFC])
    with_options(os.path.join(out, "fuzz_run_metrics"), "metrics.csv", csv, [1, 0x81])
    with_options(os.path.join(out, "fuzz_run_metrics"), "run.json", run, [2])

    # Keras files, as the archive tests write them.
    with tempfile.TemporaryDirectory() as fixtures:
        subprocess.run(["/usr/bin/python3", os.path.join(keras_tests, "write_archive_fixtures.py"), fixtures],
                       check=True, stdout=subprocess.DEVNULL)
        for name in sorted(os.listdir(fixtures)):
            target = ("fuzz_keras_archive" if name.endswith((".h5", ".keras"))
                      else "fuzz_keras_sidecar" if name.endswith(".json") else None)
            if target:
                with open(os.path.join(fixtures, name), "rb") as f:
                    write(os.path.join(out, target), name, f.read())
    sidecars = {
        "tokenizer.json": {"class_name": "Tokenizer", "config": {
            "num_words": 100, "filters": "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n", "lower": True, "split": " ",
            "char_level": False, "oov_token": "<OOV>",
            "word_index": json.dumps({"<OOV>": 1, "the": 2, "film": 3, "great": 4, "bad": 5})}},
        "meta.json": {"word_index": {"the": 1, "film": 2}, "maxlen": 5, "padding": "post", "truncating": "pre",
                      "labels": ["negative", "positive"], "features": ["t", "p"]},
    }
    for name, sidecar in sidecars.items():
        write(os.path.join(out, "fuzz_keras_sidecar"), name, json.dumps(sidecar))

    # Lambda code: the raw marshal streams (the fuzz target base64-encodes its input as Keras does).
    streams = subprocess.run(["/usr/bin/python3", os.path.join(keras_tests, "write_lambda_streams.py")],
                             check=True, capture_output=True, text=True).stdout
    for name, text in json.loads(streams).items():
        write(os.path.join(out, "fuzz_lambda_code"), name.replace("/", "_"), base64.b64decode(text))

    # .asmodel: a small model written by the same ModelFile code the target reads with.
    if seed_writer:
        os.makedirs(os.path.join(out, "fuzz_model_file"), exist_ok=True)
        subprocess.run([seed_writer, os.path.join(out, "fuzz_model_file")], check=True)

    for target in sorted(os.listdir(out)):
        print("%-20s %3d seeds" % (target, len(os.listdir(os.path.join(out, target)))))


if __name__ == "__main__":
    main()
