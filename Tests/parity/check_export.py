#!/usr/bin/env python3
"""Checks `backprop export --pytorch` end to end: the script it writes must reproduce the
engine's own evaluation of the saved model.

For each case:
  backprop train PRESET --epochs 1 --seed S [--set k=v]... --save DIR/NAME.safetensors
  backprop eval DIR/NAME.safetensors --json        the engine's validation metrics
  backprop export DIR/NAME.safetensors --pytorch DIR/NAME.py
  python3 DIR/NAME.py --json                       the same metrics, computed by PyTorch
and every metric the engine reports (val_loss, val_accuracy, val_sequence_accuracy) must agree
within 1e-4 relative: |ours - torch| / max(|ours|, |torch|, 1e-12). Training cases then run
`NAME.py --train 1` and require an epoch line and a lower validation loss than before.

Without torch the check is skipped (exit 0), unless CI=true: there it fails.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from preflight import binary_missing, import_torch  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BINARY = ROOT / ".build" / "release" / "backprop"
TOLERANCE = 1e-4
METRICS = ("val_loss", "val_accuracy", "val_sequence_accuracy")

# Small runs: every preset's architecture and data path, not its accuracy.
WORDS = ["limit=1500", "seq_len=24", "batch=16"]
FASHION = ["limit=600", "batch=32"]


@dataclass
class Case:
    name: str
    preset: str
    settings: list = field(default_factory=list)
    seed: int = 1
    # Run the script's --train 1 as well, and require it to lower the validation loss.
    trains: bool = False


CASES = [
    Case("xor", "xor"),
    Case("spiral", "spiral", seed=3),
    Case("playground", "playground"),
    Case("playground-relu-deep", "playground", ["activation=relu", "hidden=8,8,8", "features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"]),
    Case("playground-sigmoid", "playground", ["activation=sigmoid", "dataset=gauss", "noise=20"]),
    Case("playground-leaky-elu", "playground", ["activation=leaky_relu", "dataset=moons"]),
    Case("playground-elu", "playground", ["activation=elu", "dataset=spiral", "train_ratio=70"]),
    Case("playground-gelu-l1", "playground", ["activation=gelu", "l1=0.001", "l2=0.01"]),
    Case("playground-linear-regression", "playground", ["activation=linear", "dataset=reg-gauss"]),
    Case("spiral-3-mse", "spiral", ["classes=3", "loss=mse", "hidden=16"]),
    Case("spiral-bce", "spiral", ["loss=bce", "hidden=16"]),
    Case("spiral-kl-batchnorm", "spiral", ["loss=kl", "batchnorm=on", "dropout=0.2", "hidden=16,16"]),
    Case("fashion-mlp", "fashion-mlp", FASHION),
    Case("fashion-mlp-augment", "fashion-mlp", FASHION + ["augment=on", "hidden=32"], trains=True),
    Case("fashion-cnn", "fashion-cnn", FASHION),
    Case("fashion-cnn-bn", "fashion-cnn-bn", FASHION),
    Case("fashion-cnn-bn-avg", "fashion-cnn-bn", FASHION + ["pooling=avg", "kernel=5", "channels=4,8", "dropout=0"]),
    Case("fashion-autoencoder", "fashion-autoencoder", FASHION, trains=True),
    Case("fashion-autoencoder-denoising", "fashion-autoencoder", FASHION + ["bottleneck=8", "noise=30", "holdout=trouser"], trains=True),
    Case("digits-mlp", "digits-mlp", seed=2, trains=True),
    Case("deep-residual", "deep-residual", trains=True),
    Case("deep-plain-batchnorm", "deep-residual", ["residual=off", "batchnorm=on", "depth=6"]),
    Case("deep-residual-batchnorm-dropout", "deep-residual", ["batchnorm=on", "dropout=0.1", "depth=8", "optimizer=momentum"]),
    Case("digits-mlp-dropout", "digits-mlp", ["dropout=0.5", "hidden=48,24", "optimizer=momentum", "schedule=step:20:0.5"]),
    Case("words-rnn", "words-rnn", WORDS + ["hidden=32"]),
    Case("words-lstm", "words-lstm", WORDS + ["hidden=32"], trains=True),
    Case("words-gru", "words-gru", WORDS + ["hidden=24,16"]),
    Case("words-lstm-tbptt", "words-lstm", WORDS + ["hidden=16", "tbptt=on"], trains=True),
    Case("adding-rnn", "adding-rnn", ["limit=300", "delay=20"]),
    Case("adding-lstm", "adding-lstm", ["limit=300", "delay=20", "optimizer=rmsprop", "schedule=cosine"]),
    Case("copy-rnn", "copy-rnn", ["limit=300"]),
    Case("copy-lstm", "copy-lstm", ["limit=300", "delay=5"]),
    Case("copy-gru", "copy-lstm", ["limit=300", "cell=gru", "hidden=16"]),
    Case("reverse-attention", "reverse-attention", ["limit=300"], trains=True),
    Case("reverse-sort-sinusoidal", "reverse-attention", ["limit=300", "task=sort", "positional=sinusoidal", "heads=4"]),
    Case("reverse-no-positions", "reverse-attention", ["limit=300", "positional=none", "layers=1"]),
    Case("reverse-lstm", "reverse-attention", ["limit=300", "model=lstm"]),
    Case("tiny-gpt", "tiny-gpt", WORDS + ["context=16", "d_model=32"]),
    Case("tiny-gpt-unmasked", "tiny-gpt", WORDS + ["context=12", "d_model=16", "heads=2", "mask=off", "optimizer=adagrad",
                                                    "schedule=onecycle"]),
]

# Every preset must have at least one case, so a new preset cannot go unchecked.
# Presets whose models `backprop export --pytorch` refuses, with the settings of a quick run
# to check that it still refuses them: a refusal that stopped would be an export with no case.
REFUSED = {
    # Its training images are a seeded pick of classes 5-9 that the script cannot redraw yet.
    "fashion-transfer": ["--set", "way=extract", "--set", "labels=10"],
    # Two networks trained against each other: the export writes one nn.Sequential.
    "gan-2d": [],
}


def uncovered_presets(binary):
    listing = subprocess.run([str(binary), "presets"], capture_output=True, text=True, timeout=60).stdout
    presets = {line.split()[0] for line in listing.splitlines() if line and not line.startswith((" ", "-"))}
    return sorted(presets - {case.preset for case in CASES} - set(REFUSED))


def check_refusals(binary, folder):
    """Each refused preset's model must still be refused, with a message, and no script left."""
    failures = []
    for preset, settings in REFUSED.items():
        weights, script = folder / f"refused-{preset}.safetensors", folder / f"refused-{preset}.py"
        environment = dict(os.environ, BACKPROP_HOME=str(folder / "refused-state"))
        subprocess.run([str(binary), "train", preset, "--epochs", "1", *settings, "--save", str(weights)],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600, env=environment, check=False)
        if not weights.exists():
            failures.append(f"{preset}: its quick run saved no model to try the export on")
            continue
        completed = subprocess.run([str(binary), "export", str(weights), "--pytorch", str(script)], stdin=subprocess.DEVNULL,
                                   capture_output=True, text=True, timeout=120, env=environment)
        if completed.returncode == 0 or not completed.stderr.strip() or script.exists():
            failures.append(f"{preset}: export no longer refuses it (exit {completed.returncode}); give it a case")
    return failures


class CaseFailure(Exception):
    """A case whose commands failed or whose numbers disagree."""


def run(command, timeout=300):
    try:
        completed = subprocess.run([str(part) for part in command], stdin=subprocess.DEVNULL, capture_output=True,
                                   text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CaseFailure(f"`{' '.join(map(str, command))}` took more than {timeout} s") from None
    if completed.returncode != 0:
        message = (completed.stderr.strip() or completed.stdout.strip()).splitlines()
        raise CaseFailure(f"`{Path(command[0]).name} {' '.join(map(str, command[1:]))}` exited {completed.returncode}: "
                          f"{message[-1] if message else 'no output'}")
    return completed.stdout


def last_json(output, what):
    try:
        return json.loads(output.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise CaseFailure(f"{what} printed no JSON line: {output[-200:]!r}") from None


def relative_difference(ours, theirs):
    return abs(ours - theirs) / max(abs(ours), abs(theirs), 1e-12)


def check_case(case, binary, folder):
    """Returns the worst (metric, relative difference) of the case; raises CaseFailure."""
    weights, script = folder / f"{case.name}.safetensors", folder / f"{case.name}.py"
    settings = [argument for setting in case.settings for argument in ("--set", setting)]
    run([binary, "train", case.preset, "--epochs", 1, "--seed", case.seed, *settings, "--save", weights])
    engine = last_json(run([binary, "eval", weights, "--json"]), "backprop eval")
    run([binary, "export", weights, "--pytorch", script])
    exported = last_json(run([sys.executable, script, "--json"]), script.name)
    worst = ("none", 0.0)
    for metric in METRICS:
        if metric not in engine:
            continue
        if metric not in exported:
            raise CaseFailure(f"the script does not print {metric} (the engine reports {engine[metric]})")
        difference = relative_difference(engine[metric], exported[metric])
        if difference > TOLERANCE:
            raise CaseFailure(f"{metric}: engine {engine[metric]}, script {exported[metric]}, "
                              f"relative difference {difference:.1e} > {TOLERANCE:.0e}")
        if difference >= worst[1]:
            worst = (metric, difference)
    extra = sorted(set(exported) - set(engine))
    if extra:
        raise CaseFailure(f"the script prints {', '.join(extra)}, which the engine does not report")
    if case.trains:
        check_training(script, engine["val_loss"])
    return worst


def check_training(script, loss_before):
    """`--train 1` must print an epoch line and end with a lower validation loss."""
    output = run([sys.executable, script, "--train", "1", "--json"])
    if not any(line.startswith("epoch   1/1") for line in output.splitlines()):
        raise CaseFailure(f"--train 1 printed no epoch line: {output[-200:]!r}")
    loss_after = last_json(output, f"{script.name} --train 1")["val_loss"]
    if not loss_after < loss_before:
        raise CaseFailure(f"--train 1 did not lower the validation loss: {loss_before} before, {loss_after} after")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check that exported PyTorch scripts reproduce `backprop eval`.")
    parser.add_argument("--binary", default=str(DEFAULT_BINARY), help="the backprop executable")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this case (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--keep", metavar="DIR", help="keep the models and scripts in DIR")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once (default 2)")
    args = parser.parse_args(argv)

    if args.list:
        for case in CASES:
            print(f"{case.name}: {case.preset} --seed {case.seed}" + "".join(f" --set {s}" for s in case.settings)
                  + ("  (and --train 1)" if case.trains else ""))
        return 0
    cases = CASES
    if args.only:
        unknown = set(args.only) - {case.name for case in CASES}
        if unknown:
            print(f"export: unknown case {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        cases = [case for case in CASES if case.name in args.only]

    torch, status = import_torch("export", len(cases))
    if torch is None:
        return status

    binary = Path(args.binary)
    if binary_missing("export", binary, len(cases)):
        return 1

    print(f"export: PyTorch {torch.__version__}; each script's metrics against `backprop eval --json`, "
          f"tolerance {TOLERANCE:g} relative")
    started = time.monotonic()
    failed = 0
    width = max(len(case.name) for case in cases)
    with tempfile.TemporaryDirectory(prefix="backprop-export-") as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)

        def attempt(case):
            try:
                return case, check_case(case, binary, folder), None
            except CaseFailure as failure:
                return case, None, failure

        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for case, worst, failure in pool.map(attempt, cases):
                if failure:
                    failed += 1
                    print(f"FAIL {case.name:<{width}}  {failure}", flush=True)
                else:
                    trained = "  --train 1 lowered val_loss" if case.trains else ""
                    print(f"ok   {case.name:<{width}}  worst {worst[0]} {worst[1]:.1e}{trained}", flush=True)
        if not args.only:
            missing = uncovered_presets(binary)
            if missing:
                failed += 1
                print(f"FAIL coverage: no case exports {', '.join(missing)}")
            for failure in check_refusals(binary, folder):
                failed += 1
                print(f"FAIL refusal: {failure}")
    print(f"export: {len(cases) - failed if failed <= len(cases) else 0} passed, {failed} failed "
          f"({time.monotonic() - started:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
