#!/usr/bin/env python3
"""Train an Attention Studio model with DistributedDataParallel and write a run folder the app watches.

Start it with torchrun, one process per CPU share or GPU:

    torchrun --nproc_per_node 2 examples/pytorch/train_ddp.py --out runs/keyword --epochs 5
    torchrun --nnodes 2 --nproc_per_node 4 --rdzv_endpoint HOST:29500 examples/pytorch/train_ddp.py ...

gloo is used on CPUs and NCCL on GPUs. Every process trains on its own share of the data
(DistributedSampler); gradients are averaged by DDP. Rank 0 writes the run folder:

    RUN/run.json                 what the run is: model configuration, meta.json, world size, status
    RUN/metrics.jsonl            one JSON object per line, appended and flushed every step:
                                 {"step", "epoch", "train_loss", "train_accuracy", "samples_per_second"}
                                 and at each epoch's end {"step", "epoch", "validation_loss",
                                 "validation_accuracy", "epoch_end": true}
    RUN/checkpoints/epoch-0003.pt  TorchScript with meta.json, written whole (temp file + rename)

`attention-cli watch RUN --follow` prints the metrics as they arrive; the app draws them as curves
and opens the checkpoints. The data is the app's keyword task (does a keyword token occur?) made
here with a seed, or a CSV of text,label with --data.

--setup FILE reads the app's training setup (the JSON the window's "Train with torchrun" writes,
the same a run folder keeps): the model (cell, hidden size, layers, dropout, direction, attention
and its width), the training (epochs, batch size, learning rate; its seed seeds the weights and
this script's keyword data, which is drawn by this script, not the app's generator) and the data
(the keyword task's count and length, or a text,label CSV with labels 0/1). Options given on the
command line win over it. A setup it cannot train, or a CSV without those columns, is refused
before any process starts training; so is a run folder that already holds a run.
"""

import argparse
import copy
import csv
import json
import os
import sys
import time
from typing import Dict, List, Tuple

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import studio_models  # noqa: E402  (the app's model families, same parameter names)

RUN_FORMAT = "attention-studio-run"
RUN_VERSION = 1


def keyword_task(count: int, length: int, seed: int) -> Tuple[torch.Tensor, torch.Tensor, List[str]]:
    """Random filler words; label 1 when the keyword (id 2) occurs somewhere."""
    vocab = ["<pad>", "<unk>", "excellent"] + [f"w{i}" for i in range(37)]
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(3, len(vocab), (count, length), generator=g)
    labels = torch.randint(0, 2, (count,), generator=g)
    where = torch.randint(0, length, (count,), generator=g)
    ids[labels == 1, where[labels == 1]] = 2
    return ids, labels.float(), vocab


def csv_task(path: str, max_length: int) -> Tuple[torch.Tensor, torch.Tensor, List[str]]:
    """A CSV with columns text,label (0/1); words split on spaces, lower-cased."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    vocab = ["<pad>", "<unk>"]
    index: Dict[str, int] = {}
    sequences = []
    for row in rows:
        ids = []
        for word in row["text"].lower().split()[:max_length]:
            if word not in index:
                index[word] = len(vocab)
                vocab.append(word)
            ids.append(index[word])
        sequences.append(ids + [0] * (max_length - len(ids)))
    labels = torch.tensor([float(row["label"]) for row in rows])
    return torch.tensor(sequences, dtype=torch.long), labels, vocab


def check_csv(path: str) -> None:
    """Raises ValueError naming the file, line or column when csv_task could not read it."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"text", "label"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: no column {', '.join(sorted(missing))}; train_ddp.py reads text,label")
        for line, row in enumerate(reader, start=2):
            if row["label"] not in ("0", "1"):
                raise ValueError(f"{path}, line {line}: label \"{row['label']}\"; train_ddp.py reads labels 0 and 1")


class RunFolder:
    """What rank 0 writes. Every write is whole: a line is flushed at once, a file is renamed in."""

    def __init__(self, path: str):
        self.path = path
        os.makedirs(os.path.join(path, "checkpoints"), exist_ok=True)
        self.metrics = open(os.path.join(path, "metrics.jsonl"), "a", encoding="utf-8")

    def write_json(self, name: str, value: Dict) -> None:
        target = os.path.join(self.path, name)
        with open(target + ".tmp", "w", encoding="utf-8") as f:
            json.dump(value, f, indent=1)
        os.replace(target + ".tmp", target)

    def append(self, record: Dict) -> None:
        self.metrics.write(json.dumps(record) + "\n")
        self.metrics.flush()

    def checkpoint(self, model: nn.Module, meta: Dict, epoch: int) -> None:
        target = os.path.join(self.path, "checkpoints", f"epoch-{epoch:04d}.pt")
        scripted = torch.jit.script(copy.deepcopy(model).eval())
        torch.jit.save(scripted, target + ".tmp", _extra_files={"meta.json": json.dumps(meta)})
        os.replace(target + ".tmp", target)


def mean_over_ranks(values: torch.Tensor) -> torch.Tensor:
    dist.all_reduce(values, op=dist.ReduceOp.SUM)
    return values / dist.get_world_size()


def evaluate(model: nn.Module, loader: DataLoader, loss_fn) -> Tuple[float, float]:
    model.eval()
    totals = torch.zeros(3)  # loss sum, correct, count
    with torch.no_grad():
        for ids, labels in loader:
            logits, _ = model(ids)
            logits = logits.squeeze(-1)
            totals += torch.tensor([loss_fn(logits, labels).item() * len(labels),
                                    ((logits > 0).float() == labels).sum().item(), len(labels)])
    dist.all_reduce(totals, op=dist.ReduceOp.SUM)
    model.train()
    return (totals[0] / totals[2]).item(), (totals[1] / totals[2]).item()


def setup_defaults(path: str) -> Dict:
    """The command-line defaults that the app's training setup (TrainingSetup JSON) implies; a
    setup this script cannot train raises ValueError naming the field."""
    with open(path, encoding="utf-8") as f:
        setup = json.load(f)
    model, training, task = setup.get("model", {}), setup.get("training", {}), setup.get("taskOptions", {})
    if setup.get("forecast", {}).get("targetColumn"):
        raise ValueError(f"{path}: forecast.targetColumn is set; train_ddp.py trains token classification only")
    if not setup.get("dataFile") and setup.get("task", "keyword") != "keyword":
        raise ValueError(f"{path}: task \"{setup['task']}\"; train_ddp.py makes the keyword task only (or reads --data)")
    if not setup.get("dataFile") and task.get("neutralClass"):
        raise ValueError(f"{path}: taskOptions.neutralClass; train_ddp.py makes the keyword task with two classes")
    if training.get("optimizer", "adam") != "adam":
        raise ValueError(f"{path}: training.optimizer \"{training['optimizer']}\"; train_ddp.py uses Adam")
    defaults = {"count": task.get("count"), "length": task.get("length"), "epochs": training.get("epochs"),
                "batch": training.get("batchSize"), "lr": training.get("learningRate"),
                "seed": int(training["seed"]) if "seed" in training else None, "hidden": model.get("hiddenSize"),
                "embedding": model.get("embeddingDim"), "bidirectional": model.get("bidirectional"),
                "attention": model.get("attention"), "cell": model.get("cell"), "layers": model.get("layers"),
                "dropout": model.get("dropout"), "attention_dim": model.get("attentionDim"),
                "data": setup.get("dataFile") or None}
    for key, allowed in (("cell", ("lstm", "gru")), ("attention", studio_models.ATTENTION_KINDS)):
        if defaults.get(key) is not None and defaults[key] not in allowed:
            raise ValueError(f"{path}: model.{key} \"{defaults[key]}\" is not one of {', '.join(allowed)}")
    if setup.get("dataFile") and model.get("maxLength"):
        defaults["length"] = model["maxLength"]
    return {key: value for key, value in defaults.items() if value is not None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", help="the app's training setup (JSON); its values are the defaults")
    parser.add_argument("--out", required=True, help="run folder to write (created)")
    parser.add_argument("--data", help="CSV with text,label columns (default: the keyword task)")
    parser.add_argument("--count", type=int, default=2000, help="keyword task: examples")
    parser.add_argument("--length", type=int, default=20, help="tokens per example")
    parser.add_argument("--attention", default="additive", choices=studio_models.ATTENTION_KINDS)
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--embedding", type=int, default=32)
    parser.add_argument("--bidirectional", action="store_true")
    parser.add_argument("--cell", default="lstm", choices=["lstm", "gru"])
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--attention-dim", type=int, default=0, help="the attention's width (0: the app's default)")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=32, help="per process")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--step-delay", type=float, default=0.0,
                        help="seconds to sleep after each step (to watch a tiny run grow)")
    known, _ = parser.parse_known_args()
    if known.setup:
        try:
            parser.set_defaults(**setup_defaults(known.setup))
        except (OSError, ValueError, KeyError) as error:
            parser.error(str(error))
    args = parser.parse_args()
    # Refused here, on every process alike, before any of them waits for the others.
    if os.path.exists(os.path.join(args.out, "metrics.jsonl")):
        parser.error(f"{args.out} already holds a run (metrics.jsonl); choose a new run folder")
    if args.data:
        try:
            check_csv(args.data)
        except (OSError, ValueError) as error:
            parser.error(str(error))

    use_cuda = torch.cuda.is_available()
    dist.init_process_group(backend="nccl" if use_cuda else "gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0))) if use_cuda else torch.device("cpu")
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)  # same initial weights on every rank (DDP also broadcasts rank 0's)

    ids, labels, vocab = (csv_task(args.data, args.length) if args.data
                          else keyword_task(args.count, args.length, args.seed))
    split = int(0.8 * len(labels))
    train_set, validation_set = TensorDataset(ids[:split], labels[:split]), TensorDataset(ids[split:], labels[split:])
    train_sampler = DistributedSampler(train_set, shuffle=True, seed=args.seed)
    train_loader = DataLoader(train_set, batch_size=args.batch, sampler=train_sampler)
    validation_loader = DataLoader(validation_set, batch_size=256,
                                   sampler=DistributedSampler(validation_set, shuffle=False))

    config = studio_models.default_config(vocabularySize=len(vocab), embeddingDim=args.embedding,
                                          hiddenSize=args.hidden, bidirectional=args.bidirectional,
                                          attention=args.attention, maxLength=args.length, cell=args.cell,
                                          layers=args.layers, dropout=args.dropout, attentionDim=args.attention_dim)
    model = studio_models.AttentionModel(config).to(device)
    ddp = DistributedDataParallel(model, device_ids=[device.index] if use_cuda else None)
    optimizer = torch.optim.Adam(ddp.parameters(), lr=args.lr)
    loss_fn = nn.BCEWithLogitsLoss()
    info = {"config": config, "vocabulary": vocab, "labels": ["negative", "positive"], "preprocessing": {}}
    meta = studio_models.meta_json(info)

    folder = RunFolder(args.out) if rank == 0 else None
    if folder:
        run = {"format": RUN_FORMAT, "version": RUN_VERSION, "status": "running", "world_size": world,
               "backend": dist.get_backend(), "epochs": args.epochs, "config": config, "meta": meta,
               "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        folder.write_json("run.json", run)

    step = 0
    for epoch in range(1, args.epochs + 1):
        train_sampler.set_epoch(epoch)
        for batch_ids, batch_labels in train_loader:
            started = time.perf_counter()
            batch_ids, batch_labels = batch_ids.to(device), batch_labels.to(device)
            logits, _ = ddp(batch_ids)
            logits = logits.squeeze(-1)
            loss = loss_fn(logits, batch_labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            accuracy = ((logits.detach() > 0).float() == batch_labels).float().mean()
            # Every rank takes part in the reduction; rank 0 writes the mean over all ranks.
            means = mean_over_ranks(torch.stack([loss.detach(), accuracy]).cpu())
            elapsed = time.perf_counter() - started
            if folder:
                folder.append({"step": step, "epoch": epoch, "train_loss": means[0].item(),
                               "train_accuracy": means[1].item(),
                               "samples_per_second": len(batch_labels) * world / max(elapsed, 1e-9)})
            if args.step_delay > 0:
                time.sleep(args.step_delay)
        validation_loss, validation_accuracy = evaluate(ddp, validation_loader, loss_fn)
        if folder:
            folder.append({"step": step, "epoch": epoch, "validation_loss": validation_loss,
                           "validation_accuracy": validation_accuracy, "epoch_end": True})
            folder.checkpoint(model, meta, epoch)  # the plain module, not the DDP wrapper
    if folder:
        run["status"] = "finished"
        run["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        folder.write_json("run.json", run)
        folder.metrics.close()
    # Every file is whole and closed now. torch 1.13's gloo teardown (destroy_process_group, or the
    # interpreter's exit) left one rank spinning forever in 1 of 3-10 two-process runs, after the
    # other had gone: leave without it, so that torchrun sees every rank finish.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
