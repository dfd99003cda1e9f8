#!/usr/bin/env python3
"""Checks Backprop's engine against PyTorch: same weights, same batch, same numbers.

For each case, `backprop parity PRESET --seed S --out DIR [--set k=v]...` writes
  DIR/model.json            {"layers": [...], "loss": "..."}
  DIR/weights.safetensors   the nn.Sequential state_dict ("0.weight" [out, in], ...)
  DIR/batch.safetensors     "x" [B, ...] and "y" (class indices as floats, or targets)
  DIR/result.safetensors    "logits", "loss" and "grad.<parameter>" as Backprop computed them
This script rebuilds the model as an nn.Sequential, loads the weights strictly,
runs the same batch in float64 and compares every tensor.

Error measure, per tensor: max |ours - torch| / max(max |torch|, 1e-6), which
must stay below the tolerance (1e-4 unless --tolerance says otherwise).

Without torch the check is skipped (exit 0), unless CI=true: there it fails.
scripts/test installs Debian's python3-torch first (scripts/install-deps --tests).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from preflight import binary_missing, import_torch  # noqa: E402
from safetensors_file import SafetensorsError, read_tensors  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BINARY = ROOT / ".build" / "release" / "backprop"
DEFAULT_TOLERANCE = 1e-4
RELATIVE_FLOOR = 1e-6

# What the cases together must exercise; a case list that stops covering one
# of these fails the check, so coverage cannot quietly shrink.
REQUIRED_LAYERS = {"linear", "relu", "tanh", "sigmoid", "leaky_relu", "elu", "gelu", "identity", "residual"}
REQUIRED_LOSSES = {"cross_entropy", "mse", "bce_with_logits", "kl_div"}
REQUIRED_OPTIMIZERS = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"}
REQUIRED_SCHEDULES = {"constant", "step", "cosine", "onecycle", "warmup", "warmup-cosine"}


@dataclass
class Case:
    """One run of `backprop parity` and what its model.json must contain."""
    name: str
    preset: str
    settings: list = field(default_factory=list)
    seed: int = 1
    # Layer types and the loss that model.json must show, so that a --set the
    # Swift side ignored is caught rather than compared against itself.
    expect_layers: set = field(default_factory=set)
    expect_loss: str = None
    # Training steps to replay with torch.optim (0: one batch's gradients).
    steps: int = 0
    # Start from weights PyTorch draws (torch.manual_seed) and saves, loaded with --load:
    # the engine must read them back exactly and compute PyTorch's numbers from them.
    torch_weights: bool = False
    # Split each batch across the cores, as `backprop train` does.
    split: bool = False
    # Keep dropout and compare evaluation-mode outputs only.
    eval_only: bool = False


CASES = [
    Case("xor", "xor", expect_layers={"linear"}),
    Case("spiral", "spiral", expect_loss="cross_entropy"),
    Case("spiral-seed7", "spiral", seed=7, expect_loss="cross_entropy"),
    Case("playground", "playground", expect_layers={"tanh"}, expect_loss="mse"),
    Case("playground-relu", "playground", ["activation=relu"], expect_layers={"relu"}),
    Case("playground-sigmoid", "playground", ["activation=sigmoid"], expect_layers={"sigmoid"}),
    Case("playground-linear", "playground", ["activation=linear"], expect_layers={"identity"}),
    Case("playground-leaky-relu", "playground", ["activation=leaky_relu"], expect_layers={"leaky_relu"}),
    Case("playground-elu", "playground", ["activation=elu"], expect_layers={"elu"}),
    Case("playground-gelu", "playground", ["activation=gelu"], expect_layers={"gelu"}),
    Case("playground-deep", "playground", ["hidden=8,8,8", "activation=tanh"], expect_layers={"tanh"}),
    Case("spiral-batchnorm", "spiral", ["batchnorm=on", "hidden=8,8"], expect_layers={"batchnorm1d", "tanh"}),
    Case("playground-xor-data", "playground", ["dataset=xor", "noise=10"], expect_loss="mse"),
    Case("spiral-mse", "spiral", ["loss=mse"], expect_loss="mse"),
    Case("spiral-bce", "spiral", ["loss=bce"], expect_loss="bce_with_logits"),
    Case("spiral-kl", "spiral", ["loss=kl"], expect_loss="kl_div"),
    Case("spiral-gelu-kl", "spiral", ["activation=gelu", "loss=kl"],
         expect_layers={"gelu"}, expect_loss="kl_div"),
    # A real dataset (shipped in datasets/), ten classes, a batch of 32 images.
    Case("digits", "digits-mlp", expect_layers={"relu"}, expect_loss="cross_entropy"),
    # Twenty-four tanh layers with skip connections x + f(x) around all but the first, and without.
    Case("deep-residual", "deep-residual", expect_layers={"residual", "tanh"}, expect_loss="cross_entropy"),
    Case("deep-plain", "deep-residual", ["residual=off"], expect_layers={"tanh"}),
    Case("deep-residual-batchnorm", "deep-residual", ["batchnorm=on", "depth=6"], expect_layers={"residual", "batchnorm1d"}),
    Case("regression", "playground", ["dataset=reg-gauss", "activation=relu"], expect_loss="mse"),
    # Convolutional networks on real Fashion-MNIST images (Debian's dataset-fashion-mnist).
    Case("lenet", "fashion-cnn", ["batch=8"], expect_layers={"conv2d", "maxpool2d", "flatten"}),
    Case("cnn-batchnorm-avgpool", "fashion-cnn-bn", ["batch=8", "pooling=avg", "kernel=5"],
         expect_layers={"conv2d", "batchnorm2d", "avgpool2d"}),
    # Autoencoders: each image its own target, 784 outputs through a sigmoid, MSE; a 2-number
    # code, and a wider one trained on noisy inputs with a class held out.
    Case("autoencoder", "fashion-autoencoder", ["batch=8", "limit=64"], expect_layers={"flatten", "linear", "relu", "sigmoid"},
         expect_loss="mse"),
    Case("autoencoder-denoising", "fashion-autoencoder", ["batch=8", "limit=64", "bottleneck=16", "noise=30", "holdout=bag",
                                                          "hidden=32"], expect_layers={"sigmoid"}, expect_loss="mse"),
    # Recurrent layers on the word list (Debian's wamerican) and on the adding problem.
    Case("words-lstm", "words-lstm", ["batch=4", "seq_len=12", "limit=500"], expect_layers={"embedding", "lstm"}),
    Case("words-gru-2-layers", "words-gru", ["batch=4", "seq_len=12", "limit=500", "hidden=16,8"], expect_layers={"gru"}),
    Case("words-rnn", "words-rnn", ["batch=4", "seq_len=12", "limit=500", "hidden=16"], expect_layers={"rnn"}),
    Case("adding-lstm", "adding-lstm", ["batch=4", "delay=10", "limit=100"], expect_layers={"lstm", "last_step"},
         expect_loss="mse"),
    Case("copy-gru", "copy-lstm", ["batch=4", "delay=5", "limit=100", "cell=gru", "hidden=12"],
         expect_layers={"embedding", "gru", "last_steps"}),
    # Attention: an encoder on digit reversal and a causal decoder on the word list.
    Case("reverse-attention", "reverse-attention", ["batch=4", "limit=100"],
         expect_layers={"transformer_block", "layernorm", "positional_learned"}),
    Case("tiny-gpt-sinusoidal", "tiny-gpt", ["batch=2", "limit=500", "context=10", "d_model=16", "heads=4", "positional=sinusoidal"],
         expect_layers={"transformer_block", "positional_sinusoidal"}),
] + [
    # Training: the engine's own steps replayed with torch.optim, on the spiral (400 training
    # points, batch 25: 16 steps an epoch). Every optimizer with and without weight decay.
    Case(f"train-{optimizer}" + ("-wd" if decay else ""), "spiral",
         [f"optimizer={optimizer}", "lr=0.05" if optimizer in ("sgd", "momentum", "nesterov", "adagrad") else "lr=0.005",
          "schedule=constant", "batch=25", f"weight_decay={decay}"], steps=8)
    for optimizer in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
    for decay in (0, 0.05)
] + [
    Case("train-rmsprop-momentum", "spiral", ["optimizer=rmsprop", "momentum=0.5", "lr=0.01", "schedule=constant", "batch=25"], steps=8),
    # Schedules over a whole one-epoch run, PyTorch's own schedulers.
    Case("schedule-step", "spiral", ["optimizer=momentum", "lr=0.1", "schedule=step:4:0.5", "batch=25", "epochs=1"], steps=16),
    Case("schedule-cosine", "spiral", ["optimizer=adam", "lr=0.02", "schedule=cosine", "batch=25", "epochs=1"], steps=16),
    Case("schedule-warmup", "spiral", ["optimizer=sgd", "lr=0.1", "schedule=warmup:5", "batch=25", "epochs=1"], steps=16),
    Case("schedule-warmup-cosine", "spiral", ["optimizer=adamw", "lr=0.02", "schedule=warmup-cosine:5", "batch=25", "epochs=1"],
         steps=16),
    # One-cycle cycles momentum (SGD, RMSProp) or Adam's beta1 as OneCycleLR does by default.
    Case("schedule-onecycle-adam", "spiral", ["optimizer=adam", "lr=0.02", "schedule=onecycle", "batch=25", "epochs=1"], steps=16),
    Case("schedule-onecycle-sgd", "spiral", ["optimizer=sgd", "lr=0.1", "schedule=onecycle", "batch=25", "epochs=1"], steps=16),
    Case("schedule-onecycle-nesterov", "spiral", ["optimizer=nesterov", "lr=0.1", "schedule=onecycle", "batch=25", "epochs=1"],
         steps=16),
    Case("schedule-onecycle-rmsprop", "spiral", ["optimizer=rmsprop", "lr=0.01", "schedule=onecycle", "batch=25", "epochs=1"],
         steps=16),
    Case("schedule-onecycle-adagrad", "spiral", ["optimizer=adagrad", "lr=0.05", "schedule=onecycle", "batch=25", "epochs=1"],
         steps=16),
    # Penalties on the weights (not biases) and global-norm clipping.
    Case("penalty-l2", "spiral", ["optimizer=sgd", "lr=0.1", "schedule=constant", "batch=25", "l2=0.05"], steps=8),
    Case("penalty-l1", "spiral", ["optimizer=momentum", "lr=0.05", "schedule=constant", "batch=25", "l1=0.01"], steps=8),
    Case("clip", "spiral", ["optimizer=sgd", "lr=0.5", "schedule=constant", "batch=25", "clip=0.1"], steps=8),
    Case("clip-l1-adam", "spiral", ["optimizer=adam", "lr=0.01", "schedule=constant", "batch=25", "clip=0.05", "l1=0.001"], steps=8),
    # GANs: alternating D and G updates, G's gradient through D (Adam with beta1 0.5, k D steps).
    Case("gan-ring", "gan-2d", ["hidden=16,16", "batch=32", "latent=4"], steps=6, expect_layers={"linear", "relu"},
         expect_loss="bce_with_logits"),
    Case("gan-moons-k3-sgd", "gan-2d", ["dataset=moons", "hidden=12", "activation=tanh", "batch=16", "latent=2",
                                        "d_steps=3", "optimizer=momentum", "lr_d=0.05", "lr_g=0.02"],
         steps=5, expect_layers={"tanh"}, expect_loss="bce_with_logits"),
    # Batch norm: its running statistics after training, and evaluation mode from them.
    Case("train-deep-residual", "deep-residual", ["depth=12"], steps=8, expect_layers={"residual"}),
    Case("train-batchnorm", "spiral", ["batchnorm=on", "hidden=8,8", "optimizer=adam", "lr=0.01", "schedule=constant", "batch=25"],
         steps=8, expect_layers={"batchnorm1d"}),
    Case("train-cnn-batchnorm", "fashion-cnn-bn", ["batch=8", "limit=64"], steps=4, expect_layers={"batchnorm2d"}),
    # Transfer learning: a pretrained body frozen under a new head (requires_grad False), and
    # fine-tuned in its own parameter group at a tenth of the head's learning rate.
    Case("train-transfer-extract", "fashion-transfer", ["way=extract", "labels=10", "batch=8"], steps=4,
         expect_layers={"conv2d"}),
    Case("train-transfer-finetune", "fashion-transfer", ["way=finetune", "labels=10", "batch=8", "finetune_lr=0.1",
                                                         "optimizer=momentum", "lr=0.05"], steps=4, expect_layers={"conv2d"}),
    Case("train-autoencoder", "fashion-autoencoder", ["batch=8", "limit=64", "bottleneck=8"], steps=4, expect_layers={"sigmoid"}),
    # Evaluation mode with dropout kept: it must be off, and batch norm must use running statistics.
    Case("eval-dropout-batchnorm", "fashion-cnn-bn", ["batch=8", "limit=64"], eval_only=True, expect_layers={"dropout", "batchnorm2d"}),
    Case("eval-dropout-mlp", "digits-mlp", ["dropout=0.5"], eval_only=True, expect_layers={"dropout"}),
    # Recurrent and attention models trained, with clipping and their presets' schedules. They
    # step with momentum rather than their presets' Adam: attention's key bias has an exact
    # gradient of zero (softmax ignores a constant added to a row), which Adam's division by
    # sqrt(v) turns into full-size steps of float rounding noise, different in float32 and
    # float64. Adam itself is checked above, on every parameter of the spiral's network.
    Case("train-lstm-clip", "words-lstm", ["batch=4", "seq_len=12", "limit=200", "optimizer=momentum", "lr=0.1"], steps=4,
         expect_layers={"lstm"}),
    Case("train-tiny-gpt", "tiny-gpt", ["batch=2", "limit=200", "context=10", "d_model=16", "heads=4", "optimizer=momentum",
                                        "lr=0.1"], steps=4, expect_layers={"transformer_block"}),
    # Weights made in PyTorch, loaded back: an MLP, a CNN with batch norm, an LSTM, a transformer.
    Case("torch-weights-mlp", "digits-mlp", torch_weights=True),
    Case("torch-weights-residual-batchnorm", "deep-residual", ["depth=6", "batchnorm=on"], torch_weights=True),
    Case("torch-weights-cnn-batchnorm", "fashion-cnn-bn", ["batch=8", "limit=64"], torch_weights=True),
    Case("torch-weights-lstm", "words-lstm", ["batch=4", "seq_len=12", "limit=200"], torch_weights=True),
    Case("torch-weights-transformer", "reverse-attention", ["batch=4", "limit=100"], torch_weights=True),
    # Preprocessing, read by this script itself: Fashion-MNIST's files and the word list.
    Case("data-fashion-mnist", "fashion-mlp", ["batch=16", "optimizer=sgd", "schedule=constant"], steps=2),
    Case("data-words", "words-gru", ["batch=8", "seq_len=16", "optimizer=sgd", "lr=0.1", "schedule=constant"], steps=2),
    # The split-batch path: each batch in parts on the cores, gradients summed.
    Case("split-lenet", "fashion-cnn", ["batch=32", "limit=128"], steps=3, split=True, expect_layers={"conv2d"}),
    # Batch norm in a split batch: the parts combine their statistics (SyncBatchNorm), so the
    # run is torch's whole-batch BatchNorm2d, running statistics included.
    Case("split-cnn-batchnorm", "fashion-cnn-bn", ["batch=32", "limit=128"], steps=3, split=True, expect_layers={"batchnorm2d"}),
    Case("split-attention", "reverse-attention", ["batch=32", "limit=128", "optimizer=momentum", "lr=0.1"], steps=3, split=True,
         expect_layers={"transformer_block"}),
]


def SelfAttention(nn, d, heads, causal):
    """nn.MultiheadAttention(batch_first) applied to (x, x, x), with a causal mask when asked."""
    import torch

    class Module(nn.MultiheadAttention):
        def forward(self, x):
            steps = x.shape[1]
            mask = torch.triu(torch.ones(steps, steps, dtype=torch.bool), 1) if causal else None
            return super().forward(x, x, x, attn_mask=mask, need_weights=False)[0]
    return Module(d, heads, batch_first=True)


def TransformerBlock(nn, d, heads, causal):
    """PyTorch's own nn.TransformerEncoderLayer: pre-norm, GELU, a feed-forward of 4·d, no
    dropout. A Backprop block's weights load into it strictly, under its own names."""
    import torch

    class Module(nn.TransformerEncoderLayer):
        def __init__(self):
            super().__init__(d, heads, dim_feedforward=4 * d, dropout=0.0, activation="gelu",
                             batch_first=True, norm_first=True)

        def forward(self, x):
            steps = x.shape[1]
            mask = torch.triu(torch.ones(steps, steps, dtype=torch.bool), 1) if causal else None
            return super().forward(x, src_mask=mask)
    return Module()


def Positions(nn, kind, steps, d):
    """x + PE: a learned `weight` [steps, d], the fixed sinusoidal table, or nothing."""
    import math
    import torch

    class Module(nn.Module):
        def __init__(self):
            super().__init__()
            if kind == "learned":
                self.weight = nn.Parameter(torch.zeros(steps, d))
            else:
                table = torch.zeros(steps, d)
                if kind == "sinusoidal":
                    for position in range(steps):
                        for i in range(0, d, 2):
                            angle = position / 10000 ** (i / d)
                            table[position, i] = math.sin(angle)
                            if i + 1 < d:
                                table[position, i + 1] = math.cos(angle)
                self.register_buffer("table", table, persistent=False)

        def forward(self, x):
            return x + (self.weight if kind == "learned" else self.table)
    return Module()


def Residual(nn, body):
    """x + body(x), the body an nn.Sequential under the attribute `body`: a Backprop residual
    block's weights load into it strictly as "3.body.0.weight"."""

    class Module(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(*body)

        def forward(self, x):
            return x + self.body(x)
    return Module()


class CaseFailure(Exception):
    """A case that could not be run or whose numbers disagree."""


def build_layer(spec, nn):
    kind = spec.get("type")
    if kind == "linear":
        return nn.Linear(int(spec["in"]), int(spec["out"]), bias=bool(spec.get("bias", True)))
    if kind == "relu":
        return nn.ReLU()
    if kind == "leaky_relu":
        return nn.LeakyReLU(float(spec.get("negative_slope", 0.01)))
    if kind == "elu":
        return nn.ELU(float(spec.get("alpha", 1.0)))
    if kind == "gelu":
        return nn.GELU(approximate=spec.get("approximate", "none"))
    if kind == "sigmoid":
        return nn.Sigmoid()
    if kind == "tanh":
        return nn.Tanh()
    if kind == "identity":
        return nn.Identity()
    if kind == "softmax":
        return nn.Softmax(dim=-1)
    if kind == "flatten":
        return nn.Flatten()
    if kind == "conv2d":
        return nn.Conv2d(int(spec["in"]), int(spec["out"]), (int(spec["kernel_h"]), int(spec["kernel_w"])),
                         stride=int(spec.get("stride", 1)), padding=int(spec.get("padding", 0)),
                         bias=bool(spec.get("bias", True)))
    if kind == "maxpool2d":
        return nn.MaxPool2d(int(spec["kernel"]), stride=int(spec.get("stride", spec["kernel"])))
    if kind == "avgpool2d":
        return nn.AvgPool2d(int(spec["kernel"]), stride=int(spec.get("stride", spec["kernel"])))
    if kind == "batchnorm2d":
        return nn.BatchNorm2d(int(spec["channels"]))
    if kind == "batchnorm1d":
        return nn.BatchNorm1d(int(spec["channels"]))
    if kind == "embedding":
        class TokenEmbedding(nn.Embedding):
            # Backprop stores token ids as whole floats.
            def forward(self, x):
                return super().forward(x.long())
        return TokenEmbedding(int(spec["vocabulary"]), int(spec["dimension"]))
    if kind in ("rnn", "lstm", "gru"):
        base = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]

        class StepOutputs(base):
            # Every step's hidden state, as Backprop's recurrent layer returns it.
            def forward(self, x):
                return super().forward(x)[0]
        return StepOutputs(int(spec["in"]), int(spec["hidden"]), batch_first=True)
    if kind == "layernorm":
        return nn.LayerNorm(int(spec["features"]))
    if kind == "attention":
        return SelfAttention(nn, int(spec["d"]), int(spec["heads"]), bool(spec.get("causal", 0)))
    if kind == "transformer_block":
        return TransformerBlock(nn, int(spec["d"]), int(spec["heads"]), bool(spec.get("causal", 0)))
    if kind in ("positional_learned", "positional_sinusoidal", "positional_none"):
        return Positions(nn, kind.removeprefix("positional_"), int(spec["steps"]), int(spec["d"]))
    if kind == "last_step":
        class LastStep(nn.Module):
            def forward(self, x):
                return x[:, -1, :]
        return LastStep()
    if kind == "last_steps":
        count = int(spec["count"])

        class LastSteps(nn.Module):
            def forward(self, x):
                return x[:, -count:, :]
        return LastSteps()
    if kind == "residual":
        return Residual(nn, [build_layer(inner, nn) for inner in spec.get("body", [])])
    if kind == "dropout":
        # Backprop's masks come from its own generator, which PyTorch cannot redraw: a model
        # with dropout is compared in evaluation mode only (eval_only in model.json).
        return nn.Dropout(float(spec.get("p", 0.0)))
    raise CaseFailure(f"unknown layer type {kind!r} in model.json")


def reference_loss(name, logits, y, torch):
    functional = torch.nn.functional
    if name == "cross_entropy":
        # Sequences score every step: [B, T, classes] against [B·T] indices, as [B·T, classes].
        logits = logits.reshape(-1, logits.shape[-1])
        if y.dim() != 1 or y.shape[0] != logits.shape[0]:
            raise CaseFailure(f"cross_entropy needs y of shape [{logits.shape[0]}], got {list(y.shape)}")
        classes = y.round()
        if not torch.equal(classes, y) or classes.min() < 0 or classes.max() >= logits.shape[1]:
            raise CaseFailure(f"cross_entropy targets must be class indices 0..{logits.shape[1] - 1}")
        return functional.cross_entropy(logits, classes.long())
    if y.shape != logits.shape:
        raise CaseFailure(f"{name} needs y shaped like the logits {list(logits.shape)}, got {list(y.shape)}")
    if name == "mse":
        return functional.mse_loss(logits, y)
    if name == "bce_with_logits":
        return functional.binary_cross_entropy_with_logits(logits, y)
    if name == "kl_div":
        return functional.kl_div(functional.log_softmax(logits, dim=-1), y, reduction="batchmean")
    raise CaseFailure(f"unknown loss {name!r} in model.json")


def relative_error(ours, reference):
    """max |ours - reference| / max(max |reference|, 1e-6), both as float64."""
    ours = ours.double()
    reference = reference.double()
    if ours.shape != reference.shape:
        raise CaseFailure(f"shape {list(ours.shape)} where PyTorch has {list(reference.shape)}")
    if ours.numel() == 0:
        return 0.0
    if not bool(ours.isfinite().all()):
        return float("inf")
    scale = max(reference.abs().max().item(), RELATIVE_FLOOR)
    return (ours - reference).abs().max().item() / scale


def load(directory, filename):
    path = Path(directory) / filename
    if not path.is_file():
        raise CaseFailure(f"{filename} was not written")
    try:
        return read_tensors(path)
    except SafetensorsError as error:
        raise CaseFailure(str(error)) from None


def parameter_groups(model, training):
    """The engine's frozen parameters as requires_grad False (left out of the optimizer), and
    one parameter group per learning-rate multiple at lr times it; the group at the base rate
    comes first, as the lr each step is compared with is the first group's."""
    named = dict(model.named_parameters())
    for name in training.get("frozen", []):
        if name not in named:
            raise CaseFailure(f"frozen parameter {name} is not in the model")
        named[name].requires_grad_(False)
    scales = training.get("lr_scale", {})
    groups = {1.0: []}
    for name, parameter in named.items():
        if parameter.requires_grad:
            groups.setdefault(float(scales.get(name, 1.0)), []).append(parameter)
    return [{"params": members, "lr": training["lr"] * scale} for scale, members in groups.items() if members]


def make_optimizer(training, parameters, torch):
    """torch.optim's optimizer for the engine's, with the engine's hyperparameters."""
    kind, lr, wd = training["optimizer"], training["lr"], training["weight_decay"]
    betas = (training["beta1"], training["beta2"])
    optim = torch.optim
    if kind in ("sgd", "momentum", "nesterov"):
        return optim.SGD(parameters, lr=lr, momentum=training["momentum"], nesterov=kind == "nesterov", weight_decay=wd)
    if kind == "adagrad":
        return optim.Adagrad(parameters, lr=lr, eps=training["eps"], weight_decay=wd)
    if kind == "rmsprop":
        return optim.RMSprop(parameters, lr=lr, alpha=training["alpha"], eps=training["eps"],
                             momentum=training["momentum"], weight_decay=wd)
    if kind == "adam":
        return optim.Adam(parameters, lr=lr, betas=betas, eps=training["eps"], weight_decay=wd)
    if kind == "adamw":
        return optim.AdamW(parameters, lr=lr, betas=betas, eps=training["eps"], weight_decay=wd)
    raise CaseFailure(f"unknown optimizer {kind!r} in model.json")


def make_scheduler(training, optimizer, torch):
    """PyTorch's own scheduler for the engine's schedule (None for a constant rate)."""
    schedule, total = training["schedule"], int(training["total_steps"])
    kind = schedule["kind"]
    lr_scheduler = torch.optim.lr_scheduler
    if kind == "constant":
        return None
    if kind == "step":
        return lr_scheduler.StepLR(optimizer, step_size=int(schedule["every"]), gamma=schedule["gamma"])
    if kind == "cosine":
        return lr_scheduler.CosineAnnealingLR(optimizer, T_max=total, eta_min=0)
    if kind == "onecycle":
        # PyTorch's defaults, momentum cycling included; AdaGrad has no momentum to cycle.
        return lr_scheduler.OneCycleLR(optimizer, max_lr=training["lr"], total_steps=total,
                                       cycle_momentum=training["optimizer"] != "adagrad")
    warmup = int(schedule.get("warmup_steps", 0))
    ramp = lr_scheduler.LinearLR(optimizer, start_factor=1 / warmup, end_factor=1.0, total_iters=warmup - 1)
    if kind == "warmup":
        return ramp
    if kind == "warmup-cosine":
        cosine = lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(total - warmup, 1), eta_min=0)
        import warnings
        # PyTorch 1.13's SequentialLR steps its second scheduler with an epoch argument
        # itself, and warns about its own call.
        warnings.filterwarnings("ignore", message="The epoch parameter", category=UserWarning)
        return lr_scheduler.SequentialLR(optimizer, [ramp, cosine], milestones=[warmup])
    raise CaseFailure(f"unknown schedule {kind!r} in model.json")


def scheduled_momentum(optimizer):
    """The momentum a scheduler set for the next step: Adam's beta1, else `momentum`
    (NaN for an optimizer without one, which the engine does not cycle either)."""
    group = optimizer.param_groups[0]
    return group["betas"][0] if "betas" in group else group.get("momentum", float("nan"))


def read_idx(path, torch):
    """An IDX file (gzipped) as a uint8 tensor, decoded here rather than by the engine."""
    import gzip
    import struct
    with gzip.open(path, "rb") as file:
        data = file.read()
    zero, kind, dimensions = struct.unpack(">HBB", data[:4])
    if zero != 0 or kind != 0x08:
        raise CaseFailure(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * dimensions, data[4:4 + 4 * dimensions])
    values = torch.frombuffer(bytearray(data[4 + 4 * dimensions:]), dtype=torch.uint8)
    return values.reshape(shape)


def check_preprocessing(data, steps, count, torch):
    """The engine's batches against the data as this script reads it: Fashion-MNIST's images
    scaled to [0, 1] with their labels, or windows of the word list (each target the next
    token, every whole word between two ends of word a word of the file). Raises on a mismatch."""
    kind = data["kind"]
    if kind == "fashion-mnist":
        images, labels = read_idx(data["images"], torch), read_idx(data["labels"], torch)
        for step in range(count):
            indices = steps[f"indices.{step}"].long()
            expected = images[indices].float().div(255).unsqueeze(1)
            if not torch.equal(steps[f"x.{step}"].reshape(expected.shape), expected):
                raise CaseFailure(f"batch {step}: the images differ from the file's, scaled by 1/255")
            if not torch.equal(steps[f"y.{step}"].long(), labels[indices].long()):
                raise CaseFailure(f"batch {step}: the labels differ from the file's")
        return
    if kind == "fashion-reconstruction":
        images = read_idx(data["images"], torch)
        for step in range(count):
            expected = images[steps[f"indices.{step}"].long()].float().div(255)
            if not torch.equal(steps[f"x.{step}"].reshape(expected.shape), expected):
                raise CaseFailure(f"batch {step}: the images differ from the file's, scaled by 1/255")
            if not torch.equal(steps[f"y.{step}"].reshape(expected.shape), expected):
                raise CaseFailure(f"batch {step}: a target is not its own input image")
        return
    if kind == "words":
        with open(data["path"], encoding="utf-8", errors="replace") as file:
            words = {line.rstrip("\n") for line in file if line.strip()}
        vocabulary = ["\n" if name == "⏎" else name for name in data["vocabulary"]]
        if vocabulary[0] != "\n" or vocabulary[1:] != sorted(set(vocabulary[1:])):
            raise CaseFailure("the vocabulary is not the end of word followed by sorted distinct characters")
        characters = set("".join(words))
        strangers = [c for c in vocabulary[1:] if c not in characters]
        if strangers:
            raise CaseFailure(f"the vocabulary has characters the word list lacks: {strangers[:5]}")
        for step in range(count):
            x = steps[f"x.{step}"].long()
            y = steps[f"y.{step}"].long().reshape(x.shape)
            if not torch.equal(x[:, 1:], y[:, :-1]):
                raise CaseFailure(f"batch {step}: a target is not the next input token")
            for row in x.tolist():
                pieces = "".join(vocabulary[token] for token in row).split("\n")
                for word in pieces[1:-1]:
                    if word not in words:
                        raise CaseFailure(f"batch {step}: {word!r} is not a word of {data['path']}")
        return
    raise CaseFailure(f"unknown data kind {kind!r} in model.json")


def check_training(directory, model, training, loss_name, torch):
    """Replays the engine's training steps with torch.optim and its schedulers, the L1/L2
    penalty on the weights the engine penalizes and clip_grad_norm_; compares each step's
    learning rate, momentum and loss, then every tensor of the state dict after the last step
    and the trained model's evaluation-mode outputs. Returns (worst name, worst error)."""
    steps = load(directory, "steps.safetensors")
    count = int(training["steps"])
    if "data" in training:
        check_preprocessing(training["data"], steps, count, torch)
    named = dict(model.named_parameters())
    missing = [name for name in training["penalized"] if name not in named]
    if missing:
        raise CaseFailure(f"penalized parameters {', '.join(missing)} are not in the model")
    penalized = [named[name] for name in training["penalized"]]
    optimizer = make_optimizer(training, parameter_groups(model, training), torch)
    scheduler = make_scheduler(training, optimizer, torch)
    comparisons = []
    for step in range(count):
        for key in (f"x.{step}", f"y.{step}"):
            if key not in steps:
                raise CaseFailure(f"steps.safetensors has no {key!r}")
        rate = optimizer.param_groups[0]["lr"]
        comparisons.append((f"lr at step {step}", steps["lr"][step:step + 1], torch.tensor([rate])))
        ours = steps["momentum"][step].item()
        if ours == ours:  # not NaN: the schedule set a momentum
            comparisons.append((f"momentum at step {step}", steps["momentum"][step:step + 1],
                                torch.tensor([scheduled_momentum(optimizer)])))
        optimizer.zero_grad()
        logits = model(steps[f"x.{step}"].double())
        loss = reference_loss(loss_name, logits, steps[f"y.{step}"].double(), torch)
        for weight in penalized:
            loss = loss + training["l1"] * weight.abs().sum() + 0.5 * training["l2"] * (weight * weight).sum()
        comparisons.append((f"loss at step {step}", steps["loss"][step:step + 1], loss.detach().reshape(-1)))
        loss.backward()
        if "clip" in training:
            torch.nn.utils.clip_grad_norm_(model.parameters(), training["clip"])
        optimizer.step()
        if scheduler is not None:
            scheduler.step()

    after = load(directory, "weights_after.safetensors")
    state = model.state_dict()
    if set(after) != set(state):
        raise CaseFailure(f"weights_after.safetensors holds {sorted(set(after) ^ set(state))} unlike the model")
    for name, reference in state.items():
        if name.endswith("num_batches_tracked"):
            if int(after[name].item()) != int(reference.item()):
                raise CaseFailure(f"{name} is {int(after[name].item())} after training, PyTorch counts {int(reference.item())}")
            continue
        comparisons.append((f"{name} after {count} steps", after[name], reference))
    evaluation = load(directory, "eval.safetensors")
    model.eval()
    with torch.no_grad():
        comparisons.append(("eval-mode logits", evaluation["logits"], model(evaluation["x"].double())))
    return worst_of(comparisons)


def worst_of(comparisons):
    """The comparison with the largest relative error, as (name, error)."""
    worst_name, worst = None, 0.0
    for name, ours, reference in comparisons:
        try:
            error = relative_error(ours, reference)
        except CaseFailure as failure:
            raise CaseFailure(f"{name}: {failure}") from None
        if worst_name is None or error > worst:
            worst_name, worst = name, error
    return worst_name, worst


def types_within(layer_specs):
    """Every layer type in a model.json layer list, inside residual blocks' bodies too."""
    types = set()
    for spec in layer_specs:
        types.add(spec.get("type"))
        types |= types_within(spec.get("body", []))
    return types


def check_adversarial(directory, spec, torch):
    """Replays a GAN's alternating updates (`backprop parity gan-2d --steps N`): for each
    round, d_steps updates of D on the engine's real batch and G(z) for its noise (G not
    updated), then one update of G through D with the non-saturating loss BCE(D(G(z)), 1)
    (D not updated: its gradients are cleared before its next step). Compares every loss,
    then both networks' weights after the last round. Returns (worst name, worst error)."""
    nn = torch.nn

    class Adversarial(nn.Module):
        def __init__(self):
            super().__init__()
            self.generator = nn.Sequential(*(build_layer(layer, nn) for layer in spec["generator"]))
            self.discriminator = nn.Sequential(*(build_layer(layer, nn) for layer in spec["discriminator"]))

    model = Adversarial()
    try:
        model.load_state_dict(load(directory, "weights.safetensors"), strict=True)
    except RuntimeError as error:
        raise CaseFailure(" ".join(str(error).split())) from None
    model = model.double().train()
    generator, discriminator = model.generator, model.discriminator
    optimize_g = make_optimizer(spec["generator_training"], generator.parameters(), torch)
    optimize_d = make_optimizer(spec["discriminator_training"], discriminator.parameters(), torch)
    bce = nn.BCEWithLogitsLoss()
    steps = load(directory, "steps.safetensors")
    batch, k, rounds = int(spec["batch"]), int(spec["d_steps"]), int(spec["steps"])
    labels = torch.cat([torch.ones(batch, 1), torch.zeros(batch, 1)]).double()
    comparisons = []
    for round_ in range(rounds):
        for j in range(k):
            real = steps[f"real.{round_}.{j}"].double()
            with torch.no_grad():
                fake = generator(steps[f"z_d.{round_}.{j}"].double())
            optimize_d.zero_grad()
            loss_d = bce(discriminator(torch.cat([real, fake])), labels)
            comparisons.append((f"loss_d at round {round_} step {j}", steps["loss_d"][round_ * k + j:round_ * k + j + 1],
                                loss_d.detach().reshape(-1)))
            loss_d.backward()
            optimize_d.step()
        optimize_g.zero_grad()
        logits = discriminator(generator(steps[f"z_g.{round_}"].double()))
        loss_g = bce(logits, torch.ones(batch, 1).double())
        comparisons.append((f"loss_g at round {round_}", steps["loss_g"][round_:round_ + 1], loss_g.detach().reshape(-1)))
        loss_g.backward()
        optimize_g.step()
    after = load(directory, "weights_after.safetensors")
    state = model.state_dict()
    if set(after) != set(state):
        raise CaseFailure(f"weights_after.safetensors holds {sorted(set(after) ^ set(state))} unlike the model")
    comparisons += [(f"{name} after {rounds} rounds", after[name], reference) for name, reference in state.items()]
    return worst_of(comparisons)


def check_adversarial_directory(directory, model_spec, tolerance, expect_layers, expect_loss, torch):
    """check_directory for a GAN's folder; returns (worst name, worst error, layer types, loss)."""
    try:
        spec = model_spec["adversarial"]
        layer_types = types_within(spec["generator"]) | types_within(spec["discriminator"])
        loss_name = model_spec["loss"]
    except (KeyError, TypeError) as error:
        raise CaseFailure(f"model.json: {error!r}") from None
    missing = set(expect_layers) - layer_types
    if missing:
        raise CaseFailure(f"model.json has no {', '.join(sorted(missing))} layer")
    if expect_loss is not None and loss_name != expect_loss:
        raise CaseFailure(f"model.json loss is {loss_name!r}, expected {expect_loss!r}")
    try:
        worst_name, worst = check_adversarial(directory, spec, torch)
    except KeyError as error:
        raise CaseFailure(f"missing {error} in the GAN's output") from None
    if worst > tolerance:
        raise CaseFailure(f"{worst_name} relative error {worst:.2e} > {tolerance:.0e}")
    return worst_name, worst, layer_types, loss_name


def check_directory(directory, tolerance, expect_layers=(), expect_loss=None):
    """Compares one parity output folder with PyTorch; returns (worst error, layer types, loss)."""
    import torch

    model_path = Path(directory) / "model.json"
    if not model_path.is_file():
        raise CaseFailure("model.json was not written")
    try:
        model_spec = json.loads(model_path.read_text())
    except json.JSONDecodeError as error:
        raise CaseFailure(f"model.json: {error!r}") from None
    if "adversarial" in model_spec:
        return check_adversarial_directory(directory, model_spec, tolerance, expect_layers, expect_loss, torch)
    try:
        layer_specs = model_spec["layers"]
        loss_name = model_spec["loss"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise CaseFailure(f"model.json: {error!r}") from None
    layer_types = types_within(layer_specs)
    missing = set(expect_layers) - layer_types
    if missing:
        raise CaseFailure(f"model.json has no {', '.join(sorted(missing))} layer")
    if expect_loss is not None and loss_name != expect_loss:
        raise CaseFailure(f"model.json loss is {loss_name!r}, expected {expect_loss!r}")

    model = torch.nn.Sequential(*(build_layer(spec, torch.nn) for spec in layer_specs))
    weights = load(directory, "weights.safetensors")
    # As PyTorch saves them: float32 weights, and batch norm's step counter as int64.
    def expected_dtype(name):
        return torch.int64 if name.endswith("num_batches_tracked") else torch.float32
    wrong_dtype = sorted(f"{name} is {t.dtype}" for name, t in weights.items() if t.dtype != expected_dtype(name))
    if wrong_dtype:
        raise CaseFailure(f"weights with the wrong dtype: {', '.join(wrong_dtype)}")
    try:
        model.load_state_dict(weights, strict=True)
    except RuntimeError as error:
        raise CaseFailure(" ".join(str(error).split())) from None
    model = model.double().train()

    if model_spec.get("eval_only"):
        evaluation = load(directory, "eval.safetensors")
        model.eval()
        with torch.no_grad():
            worst = relative_error(evaluation["logits"], model(evaluation["x"].double()))
        if worst > tolerance:
            raise CaseFailure(f"eval-mode logits relative error {worst:.2e} > {tolerance:.0e}")
        return "eval-mode logits", worst, layer_types, loss_name
    dropping = [spec for spec in layer_specs if spec.get("type") == "dropout" and float(spec.get("p", 0)) != 0]
    if dropping:
        raise CaseFailure(f"dropout with p={dropping[0].get('p')} in training mode: parity needs p=0 (or eval_only)")

    if "training" in model_spec:
        worst_name, worst = check_training(directory, model, model_spec["training"], loss_name, torch)
        if worst > tolerance:
            raise CaseFailure(f"{worst_name} relative error {worst:.2e} > {tolerance:.0e}")
        return worst_name, worst, layer_types, loss_name

    batch = load(directory, "batch.safetensors")
    result = load(directory, "result.safetensors")
    for name, tensors, filename in (("x", batch, "batch"), ("y", batch, "batch"),
                                    ("logits", result, "result"), ("loss", result, "result")):
        if name not in tensors:
            raise CaseFailure(f"{filename}.safetensors has no {name!r}")

    logits = model(batch["x"].double())
    loss = reference_loss(loss_name, logits, batch["y"].double(), torch)
    model.zero_grad()
    loss.backward()

    expected_grads = {f"grad.{name}" for name, _ in model.named_parameters()}
    written_grads = {name for name in result if name.startswith("grad.")}
    if expected_grads != written_grads:
        parts = []
        if expected_grads - written_grads:
            parts.append("missing " + ", ".join(sorted(expected_grads - written_grads)))
        if written_grads - expected_grads:
            parts.append("unexpected " + ", ".join(sorted(written_grads - expected_grads)))
        raise CaseFailure("result.safetensors gradients: " + "; ".join(parts))

    comparisons = [("logits", result["logits"], logits.detach()),
                   ("loss", result["loss"].reshape(-1), loss.detach().reshape(-1))]
    comparisons += [(f"grad.{name}", result[f"grad.{name}"], parameter.grad)
                    for name, parameter in model.named_parameters()]
    worst_name, worst = worst_of(comparisons)
    if worst > tolerance:
        raise CaseFailure(f"{worst_name} relative error {worst:.2e} > {tolerance:.0e}")
    return worst_name, worst, layer_types, loss_name


def run_case(case, binary, directory, tolerance):
    command = [str(binary), "parity", case.preset, "--seed", str(case.seed), "--out", str(directory)]
    for setting in case.settings:
        command += ["--set", setting]
    if case.steps:
        command += ["--steps", str(case.steps)]
    if case.split:
        command.append("--split")
    if case.eval_only:
        command.append("--eval-only")
    try:
        completed = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                                   text=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise CaseFailure(f"`{' '.join(command)}` took more than 300 s") from None
    if completed.returncode != 0:
        message = (completed.stderr.strip() or completed.stdout.strip()).splitlines()
        detail = message[-1] if message else "no output"
        raise CaseFailure(f"`{' '.join(command[1:])}` exited {completed.returncode}: {detail}")
    if case.torch_weights:
        command += ["--load", str(torch_weights_for(directory, command, tolerance))]
        rerun = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
        if rerun.returncode != 0:
            message = (rerun.stderr.strip() or rerun.stdout.strip()).splitlines()
            raise CaseFailure(f"--load of PyTorch's weights exited {rerun.returncode}: {message[-1] if message else 'no output'}")
        check_loaded_weights(directory)
    result = check_directory(directory, tolerance, case.expect_layers, case.expect_loss)
    if case.split and (os.cpu_count() or 1) > 1:
        parts = training_of(directory).get("batch_parts", 1)
        if parts < 2:
            raise CaseFailure(f"the batch was not split (batch_parts {parts}) on a machine with {os.cpu_count()} cores")
    return result


def torch_weights_for(directory, command, tolerance):
    """Draws new weights for the model in `directory` with PyTorch's own initializers (and
    batch-norm statistics away from 0 and 1), saves them as torch_weights.safetensors and
    returns the path; the engine's run then loads them."""
    import torch
    from safetensors_file import write_tensors
    spec = json.loads((Path(directory) / "model.json").read_text())
    torch.manual_seed(20261203)
    model = torch.nn.Sequential(*(build_layer(layer, torch.nn) for layer in spec["layers"]))
    state = {}
    for name, tensor in model.state_dict().items():
        if name.endswith("running_mean"):
            tensor = torch.randn(tensor.shape) * 0.1
        elif name.endswith("running_var"):
            tensor = torch.rand(tensor.shape) + 0.5
        elif name.endswith("num_batches_tracked"):
            tensor = torch.tensor(7, dtype=torch.int64)
        state[name] = tensor.contiguous()
    path = Path(directory) / "torch_weights.safetensors"
    write_tensors(path, state)
    return path


def check_loaded_weights(directory):
    """The engine's weights after --load must be PyTorch's, bit for bit."""
    import torch
    made = load(directory, "torch_weights.safetensors")
    written = load(directory, "weights.safetensors")
    if set(made) != set(written):
        raise CaseFailure(f"loaded weights name {sorted(set(made) ^ set(written))} differently from PyTorch's")
    for name, tensor in made.items():
        if not torch.equal(tensor, written[name]):
            raise CaseFailure(f"{name} changed between PyTorch's file and the engine's loaded model")


def training_of(directory):
    """The `training` object of a checked folder's model.json ({} for one batch's gradients)."""
    return json.loads((Path(directory) / "model.json").read_text()).get("training", {})


def main(argv=None):
    parser = argparse.ArgumentParser(description="Compare Backprop's logits, loss and gradients with PyTorch.")
    parser.add_argument("--binary", default=str(DEFAULT_BINARY), help="the backprop executable")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this case (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--dir", metavar="DIR", help="check an existing parity output folder instead")
    parser.add_argument("--keep", metavar="DIR", help="keep each case's output under DIR/NAME")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
    args = parser.parse_args(argv)

    if args.list:
        for case in CASES:
            print(f"{case.name}: {case.preset} --seed {case.seed}"
                  + "".join(f" --set {setting}" for setting in case.settings))
        return 0

    cases = CASES
    if args.only:
        unknown = set(args.only) - {case.name for case in CASES}
        if unknown:
            print(f"parity: unknown case {', '.join(sorted(unknown))}; "
                  f"cases: {', '.join(case.name for case in CASES)}", file=sys.stderr)
            return 2
        cases = [case for case in CASES if case.name in args.only]

    torch, status = import_torch("parity", len(cases))
    if torch is None:
        return status
    torch.set_num_threads(2)

    print(f"parity: PyTorch {torch.__version__}, float64 reference; error per tensor is "
          f"max|ours - torch| / max(max|torch|, {RELATIVE_FLOOR:g}), tolerance {args.tolerance:g}")

    if args.dir:
        try:
            worst_name, worst, _, _ = check_directory(args.dir, args.tolerance)
        except CaseFailure as failure:
            print(f"FAIL {args.dir}: {failure}")
            print("parity: 0 passed, 1 failed")
            return 1
        print(f"ok   {args.dir}: worst {worst_name} {worst:.1e}")
        print("parity: 1 passed, 0 failed")
        return 0

    binary = Path(args.binary)
    if binary_missing("parity", binary, len(cases)):
        return 1

    passed = failed = 0
    seen_layers, seen_losses, seen_optimizers, seen_schedules = set(), set(), set(), set()
    width = max(len(case.name) for case in cases)
    with tempfile.TemporaryDirectory(prefix="backprop-parity-") as scratch:
        for case in cases:
            directory = Path(args.keep or scratch) / case.name
            directory.mkdir(parents=True, exist_ok=True)
            try:
                worst_name, worst, layers, loss = run_case(case, binary, directory, args.tolerance)
            except CaseFailure as failure:
                failed += 1
                print(f"FAIL {case.name:<{width}}  {failure}")
                continue
            passed += 1
            seen_layers |= layers
            seen_losses.add(loss)
            training = training_of(directory)
            if training:
                seen_optimizers.add(training["optimizer"])
                seen_schedules.add(training["schedule"]["kind"])
            print(f"ok   {case.name:<{width}}  worst {worst_name} {worst:.1e}")

    if not args.only:
        uncovered = sorted((REQUIRED_LAYERS - seen_layers) | (REQUIRED_LOSSES - seen_losses)
                           | {f"optimizer {name}" for name in REQUIRED_OPTIMIZERS - seen_optimizers}
                           | {f"schedule {name}" for name in REQUIRED_SCHEDULES - seen_schedules})
        if uncovered:
            failed += 1
            print(f"FAIL coverage: no passing case exercised {', '.join(uncovered)}")
    print(f"parity: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
