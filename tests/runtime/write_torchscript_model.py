#!/usr/bin/python3
"""Writes a small TorchScript text model for the runtime tests: an LSTM without batch_first (so it
reads (T, B), as the tutorials' time-major models do), a softmax over time as its attention and a
softmax over its two classes, saved with a meta.json that has a vocabulary but no batch_first, so
the layout is read from the graph's aten::lstm call.

Usage: /usr/bin/python3 write_torchscript_model.py OUT.pt   (Debian's python3-torch)
"""

import json
import sys

import torch
from torch import nn

VOCAB = ["<pad>", "<unk>", "the", "film", "was", "great", "dull", "a", "plot", "with"]


class TimeMajorAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(VOCAB), 4)
        self.lstm = nn.LSTM(4, 5)  # batch_first=False: input (T, B, 4)
        self.score = nn.Linear(5, 1)
        self.out = nn.Linear(5, 2)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        h, _ = self.lstm(self.embedding(ids))                      # (T, B, 5)
        alpha = torch.softmax(self.score(h).squeeze(-1), dim=0)    # (T, B): over time
        context = (h * alpha.unsqueeze(-1)).sum(0)                  # (B, 5)
        return torch.softmax(self.out(context), dim=-1)             # (B, 2)


def main():
    torch.manual_seed(3)
    model = torch.jit.script(TimeMajorAttention().eval())
    meta = {"input": "tokens", "vocab": VOCAB, "tokenizer": "word", "lowercase": True, "pad_id": 0, "unk_id": 1,
            "labels": ["negative", "positive"]}
    torch.jit.save(model, sys.argv[1], _extra_files={"meta.json": json.dumps(meta)})


if __name__ == "__main__":
    main()
