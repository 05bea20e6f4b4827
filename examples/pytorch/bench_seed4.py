#!/usr/bin/env python3
"""PyTorch reference for `attention-cli bench --config seed4`.

The seed4 model is the Keras tutorial model: an embedding (10000 tokens, width 128), a
unidirectional LSTM of 64 units, additive attention (score_t = v^T tanh(W h_t + b), softmax over
time, weighted sum of the states) and one logit trained with binary cross-entropy and Adam
(learning rate 1e-3); batches of 32 sequences of 200 tokens.

This script measures the training throughput of the same model in PyTorch, and the latency of
one sequence (eval, `torch.inference_mode`), the same way the C++ benchmark does, so the numbers
can be compared in one sitting on one machine:

  * the model and the data come from a fixed seed; token ids are drawn from [2, 10000) (no
    padding, every sequence full length), labels are random 0/1;
  * a few pre-built batches are reused round-robin, so creating data is never timed;
  * warm-up steps are not timed; then `--steps` timed steps (zero_grad, forward, loss,
    backward, step) are repeated `--repeats` times and the median tokens/s is reported,
    where tokens/s = batch * length * steps / seconds.

Prints one JSON object on stdout. Example:

    python3 examples/pytorch/bench_seed4.py --threads 1
"""

import argparse
import json
import math
import statistics
import time

import torch
from torch import nn

VOCABULARY = 10000
EMBEDDING = 128
HIDDEN = 64
BATCH = 32
LENGTH = 200
LEARNING_RATE = 1e-3
SEED = 4
DISTINCT_BATCHES = 4  # pre-built batches, used in turn


class Seed4(nn.Module):
    """Embedding -> LSTM -> additive attention -> one logit."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(VOCABULARY, EMBEDDING)
        self.lstm = nn.LSTM(EMBEDDING, HIDDEN, batch_first=True)
        self.projection = nn.Linear(HIDDEN, HIDDEN)          # W h + b
        self.score = nn.Linear(HIDDEN, 1, bias=False)        # v^T
        self.head = nn.Linear(HIDDEN, 1)

    def forward(self, ids):
        states, _ = self.lstm(self.embedding(ids))                         # (B, T, H)
        scores = self.score(torch.tanh(self.projection(states))).squeeze(-1)  # (B, T)
        weights = torch.softmax(scores, dim=1)
        context = torch.bmm(weights.unsqueeze(1), states).squeeze(1)        # (B, H)
        return self.head(context).squeeze(1), weights


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads (torch.set_num_threads)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed training steps before the repeats")
    parser.add_argument("--steps", type=int, default=30, help="timed training steps per repeat")
    parser.add_argument("--repeats", type=int, default=3, help="number of timed repeats; the median is reported")
    parser.add_argument("--length", type=int, default=512,
                        help="tokens of the one sequence whose inference latency is timed (the app's bench --length)")
    parser.add_argument("--inference-calls", type=int, default=50, help="timed single-sequence forward passes")
    parser.add_argument("--export", metavar="FILE",
                        help="instead of timing, save the (untrained) seed4 model as TorchScript for "
                             "`attention-cli bench --torchscript FILE`")
    args = parser.parse_args()
    for name in ("threads", "steps", "repeats", "length", "inference_calls"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be positive")
    if args.warmup < 0:
        parser.error("--warmup must be 0 or more")

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    model = Seed4()
    if args.export:
        # Scripted, so the model's own (logits, weights) tuple is what the app reads as attention.
        torch.jit.save(torch.jit.script(model.eval()), args.export)
        return
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_function = nn.BCEWithLogitsLoss()
    batches = [
        (torch.randint(2, VOCABULARY, (BATCH, LENGTH)), torch.randint(0, 2, (BATCH,)).float())
        for _ in range(DISTINCT_BATCHES)
    ]

    step_count = 0

    def train_step():
        nonlocal step_count
        ids, labels = batches[step_count % DISTINCT_BATCHES]
        step_count += 1
        optimizer.zero_grad()
        logits, _ = model(ids)
        loss = loss_function(logits, labels)
        loss.backward()
        optimizer.step()

    model.train()
    for _ in range(args.warmup):
        train_step()
    repeat_tokens = []
    for _ in range(args.repeats):
        start = time.perf_counter()  # monotonic, like std::chrono::steady_clock
        for _ in range(args.steps):
            train_step()
        seconds = time.perf_counter() - start
        repeat_tokens.append(BATCH * LENGTH * args.steps / seconds)

    tokens = statistics.median(repeat_tokens)

    # Single-sequence latency, as `attention-cli bench` measures it: eval mode, one full-length
    # sequence, 5 untimed calls, then nearest-rank percentiles of the timed ones; under
    # inference_mode, PyTorch's fastest eager path.
    model.eval()
    single = torch.randint(2, VOCABULARY, (1, args.length))
    latencies = []
    with torch.inference_mode():
        for _ in range(5):
            model(single)
        for _ in range(args.inference_calls):
            start = time.perf_counter()
            model(single)
            latencies.append((time.perf_counter() - start) * 1000.0)
    latencies.sort()

    def percentile(fraction):  # nearest rank, as core/bench/Benchmark.cpp
        rank = math.ceil(fraction * len(latencies))
        return latencies[min(max(rank, 1), len(latencies)) - 1]

    print(json.dumps({
        "configuration": "seed4",
        "implementation": f"pytorch {torch.__version__}",
        "threads": args.threads,
        "batchSize": BATCH,
        "sequenceLength": LENGTH,
        "tokensPerSecond": tokens,
        "samplesPerSecond": tokens / LENGTH,
        "repeatTokensPerSecond": repeat_tokens,
        "inferenceLength": args.length,
        "inferenceP50Ms": percentile(0.50),
        "inferenceP95Ms": percentile(0.95),
    }))


if __name__ == "__main__":
    main()
