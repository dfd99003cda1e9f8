#!/usr/bin/env python3
"""PyTorch's numbers for Backprop's benchmark workloads: CPU, 2 threads, same shapes.

Prints one JSON object:
  {"torch_version": ..., "threads": 2,
   "results": [{"workload": NAME, "unit": "samples/s", "value": ...}, ...]}
Each value is the median of 5 timed repetitions after one untimed warm-up.
A new workload is a function returning (unit, amount of work, step callable)
registered in WORKLOADS under the name Backprop's `bench` command uses.
"""

import argparse
import json
import statistics
import sys
import time

import torch
from torch import nn

THREADS = 2
REPETITIONS = 5


def image_classifier(model, samples, batch_size, shape, optimizer=None):
    """One epoch of SGD (lr 0.01, unless `optimizer` is given; cross-entropy) over random
    images of `shape` and ten labels.
    Random pixels in [0, 1) stand in for Fashion-MNIST: the work per sample is the same, and
    the benchmark measures speed, not accuracy."""
    optimizer = optimizer or torch.optim.SGD(model.parameters(), lr=0.01)
    loss_function = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(0)
    images = torch.rand(samples, *shape, generator=generator)
    labels = torch.randint(0, 10, (samples,), generator=generator)

    def epoch():
        for start in range(0, samples, batch_size):
            optimizer.zero_grad()
            loss = loss_function(model(images[start:start + batch_size]), labels[start:start + batch_size])
            loss.backward()
            optimizer.step()

    return "samples/s", samples, epoch


def mlp_784_128_64_10():
    """One epoch of 60,000 samples at batch 64 through 784-128-64-10 ReLU, SGD lr 0.01."""
    samples, batch_size = 60_000, 64
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    return image_classifier(model, samples, batch_size, (784,))


def playground_2_8_8_1():
    """Full-batch steps of a 2-8-8-1 tanh net on 500 points, MSE, SGD."""
    points, steps = 500, 1_000
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.03)
    loss_function = nn.MSELoss()
    generator = torch.Generator().manual_seed(0)
    inputs = torch.rand(points, 2, generator=generator) * 12 - 6
    targets = torch.where(inputs.norm(dim=1, keepdim=True) < 3, 1.0, -1.0)

    def run_steps():
        for _ in range(steps):
            optimizer.zero_grad()
            loss = loss_function(model(inputs), targets)
            loss.backward()
            optimizer.step()

    return "steps/s", steps, run_steps


def lenet5():
    """6,400 samples at batch 64 through LeNet-5 on 28x28 (conv 6@5x5 pad 2, max-pool,
    conv 16@5x5, max-pool, 120, 84, 10, ReLU), SGD lr 0.01."""
    samples, batch_size = 6_400, 64
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    return image_classifier(model, samples, batch_size, (1, 28, 28))


def cnn_bn_28x28():
    """fashion-cnn-bn's model: 6,400 samples at batch 64, two blocks of conv 3x3 pad 1 (16,
    then 32 channels, no bias), BatchNorm2d, ReLU, max-pool; then 128 ReLU with dropout 0.2
    and 10; Adam lr 0.003."""
    samples, batch_size = 6_400, 64
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10))
    return image_classifier(model, samples, batch_size, (1, 28, 28),
                            optimizer=torch.optim.Adam(model.parameters(), lr=0.003))


def next_token_training(model, optimizer, vocabulary, steps, batch_size, batches):
    """Random token sequences; per-step cross-entropy, clipping at 1; reports tokens/s."""
    loss_function = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(0)
    tokens = torch.randint(0, vocabulary, (batches, batch_size, steps + 1), generator=generator)

    def run():
        for batch in tokens:
            optimizer.zero_grad()
            logits = model(batch[:, :-1])
            loss = loss_function(logits.reshape(-1, vocabulary), batch[:, 1:].reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()

    return "tokens/s", batches * batch_size * steps, run


def char_lstm():
    """Character LSTM: vocabulary 65, embedding 32, hidden 128, 64 steps, batch 32, next-character
    cross-entropy at every step, Adam; 40 batches per timing. Reports tokens (time steps) per second."""
    vocabulary, steps, batch_size, batches = 65, 64, 32, 40

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocabulary, 32)
            self.lstm = nn.LSTM(32, 128, batch_first=True)
            self.output = nn.Linear(128, vocabulary)

        def forward(self, tokens):
            return self.output(self.lstm(self.embedding(tokens))[0])

    model = Model()
    return next_token_training(model, torch.optim.Adam(model.parameters(), lr=0.003), vocabulary, steps, batch_size, batches)


def tiny_gpt():
    """Tiny GPT: vocabulary 65, 2 pre-norm blocks, 4 heads, d 64, context 64, batch 32,
    learned positions, causal mask, next-token cross-entropy, AdamW; 20 batches per timing."""
    vocabulary, context, width, batch_size, batches = 65, 64, 64, 32, 20

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm1 = nn.LayerNorm(width)
            self.attention = nn.MultiheadAttention(width, 4, batch_first=True)
            self.norm2 = nn.LayerNorm(width)
            self.linear1 = nn.Linear(width, 4 * width)
            self.linear2 = nn.Linear(4 * width, width)
            self.register_buffer("mask", torch.triu(torch.ones(context, context, dtype=torch.bool), 1), persistent=False)

        def forward(self, x):
            h = self.norm1(x)
            x = x + self.attention(h, h, h, attn_mask=self.mask, need_weights=False)[0]
            return x + self.linear2(nn.functional.gelu(self.linear1(self.norm2(x))))

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocabulary, width)
            self.positions = nn.Parameter(torch.zeros(context, width))
            self.blocks = nn.Sequential(Block(), Block())
            self.norm = nn.LayerNorm(width)
            self.output = nn.Linear(width, vocabulary)

        def forward(self, tokens):
            return self.output(self.norm(self.blocks(self.embedding(tokens) + self.positions)))

    model = Model()
    return next_token_training(model, torch.optim.AdamW(model.parameters(), lr=0.003), vocabulary, context, batch_size, batches)


WORKLOADS = {
    "mlp-784-128-64-10": mlp_784_128_64_10,
    "playground-2-8-8-1": playground_2_8_8_1,
    "lenet5-28x28": lenet5,
    "cnn-bn-28x28": cnn_bn_28x28,
    "char-lstm-128": char_lstm,
    "tiny-gpt-64": tiny_gpt,
}


def measure(make_workload, repetitions):
    unit, amount, run = make_workload()
    run()  # warm-up: first-touch allocations and thread start-up
    rates = []
    for _ in range(repetitions):
        start = time.perf_counter()
        run()
        rates.append(amount / (time.perf_counter() - start))
    return unit, statistics.median(rates)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="NAME", choices=sorted(WORKLOADS),
                        help="run only this workload (repeatable)")
    parser.add_argument("--repetitions", type=int, default=REPETITIONS, help="timed runs per workload")
    parser.add_argument("--list", action="store_true", help="list the workloads and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(WORKLOADS))
        return 0

    torch.set_num_threads(THREADS)
    results = []
    for name, make_workload in WORKLOADS.items():
        if args.only and name not in args.only:
            continue
        print(f"pytorch: {name}...", file=sys.stderr)
        unit, value = measure(make_workload, args.repetitions)
        results.append({"workload": name, "unit": unit, "value": round(value, 1)})
    print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads(),
                      "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
