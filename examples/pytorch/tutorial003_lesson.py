#!/usr/bin/python3
"""The models of lesson tutorial-003 (ui/teaching/Lessons.cpp), written at build time.

Tutorial 003's AttentionLSTM, trained batch-first (softmax(dim=1) over time, as its text means it)
on a spike series whose one spike decides the label, saved twice with the same weights:

  tutorial003-fixed.pt       BatchFirstAttentionLSTM: a distribution over the 24 steps
  tutorial003-as-written.pt  AttentionLSTM exactly as the tutorial writes it: nn.LSTM without
                             batch_first is time-major, so softmax(dim=1) runs over the batch axis,
                             every weight is 1.0, and the output comes one row per step
  tutorial003-input.csv      one series with its spike at step 15

Usage: tutorial003_lesson.py OUT_DIR. Seeded: every build writes the same models.
"""

import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import AttentionLSTM, BatchFirstAttentionLSTM  # noqa: E402

STEPS = 24
SPIKE_AT = 14  # 0-based: step 15


def spike_series(count, generator):
    """Noise with one spike of +2 or -2 at a random step; the label says which way it points."""
    x = 0.3 * torch.randn(count, STEPS, 1, generator=generator)
    position = torch.randint(0, STEPS, (count,), generator=generator)
    up = torch.randint(0, 2, (count,), generator=generator)
    x[torch.arange(count), position, 0] += torch.where(up == 1, 2.0, -2.0)
    return x, up


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(3)
    generator = torch.Generator().manual_seed(3)
    fixed = BatchFirstAttentionLSTM(1, 16, 2)
    x, y = spike_series(1024, generator)
    optimizer = torch.optim.Adam(fixed.parameters(), lr=0.01)
    for _ in range(12):
        for start in range(0, len(x), 32):
            optimizer.zero_grad()
            loss = F.cross_entropy(fixed(x[start:start + 32]), y[start:start + 32])
            loss.backward()
            optimizer.step()
    fixed.eval()
    as_written = AttentionLSTM(1, 16, 2)
    as_written.load_state_dict(fixed.state_dict())
    as_written.eval()

    series = {"input": "series", "features": ["value"]}
    torch.jit.save(torch.jit.script(fixed), os.path.join(out_dir, "tutorial003-fixed.pt"),
                   _extra_files={"meta.json": json.dumps(dict(series, labels=["down", "up"]))})
    torch.jit.save(torch.jit.script(as_written), os.path.join(out_dir, "tutorial003-as-written.pt"),
                   _extra_files={"meta.json": json.dumps(series)})

    values = (0.3 * torch.randn(STEPS, generator=torch.Generator().manual_seed(7))).tolist()
    values[SPIKE_AT] += 2.0
    with open(os.path.join(out_dir, "tutorial003-input.csv"), "w") as f:
        f.write("value\n" + "".join(f"{v:.4f}\n" for v in values))


if __name__ == "__main__":
    main(sys.argv[1])
