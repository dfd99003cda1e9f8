#!/usr/bin/env python3
"""Tests the parity check itself: the safetensors reader and writer, and
check_parity.py end to end against a stand-in for `backprop parity` that
computes its numbers with PyTorch in float32.

The stand-in is this same file run as `selftest.py fake-backprop parity ...`.
Setting PARITY_FAKE_FAULT makes it write a known mistake, which the check must
catch: a perturbed gradient, a transposed weight, a missing gradient, or a loss
scaled by one half.
"""

import io
import json
import os
import stat
import struct
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check_parity  # noqa: E402
from safetensors_file import SafetensorsError, read_raw, read_tensors, write_tensors  # noqa: E402

ACTIVATIONS = {"relu": "relu", "tanh": "tanh", "sigmoid": "sigmoid", "linear": "identity",
               "leaky_relu": "leaky_relu", "elu": "elu", "gelu": "gelu"}


STAND_IN_PRESETS = {"xor", "spiral", "playground", "digits-mlp"}


def fake_parity(argv):
    """Writes what `backprop parity PRESET --seed S --out DIR [--set k=v]...` would."""
    import torch

    preset, rest = argv[0], argv[1:]
    options = {"settings": {}}
    while rest:
        if rest[0] in ("--split", "--eval-only"):
            options[rest[0].lstrip("-")] = True
            rest = rest[1:]
            continue
        flag, value, rest = rest[0], rest[1], rest[2:]
        if flag == "--set":
            key, _, setting = value.partition("=")
            options["settings"][key] = setting
        else:
            options[flag.lstrip("-")] = value
    settings = options["settings"]
    # activation, hidden layers, loss, input width, classes
    defaults = {
        "xor": ("tanh", [4], "cross_entropy", 2, 2),
        "spiral": ("relu", [16, 16], "cross_entropy", 2, 2),
        "playground": ("tanh", [4, 2], "mse", 2, 2),
        "digits-mlp": ("relu", [32], "cross_entropy", 64, 10),
    }
    if preset not in defaults:
        print(f"unknown preset {preset}", file=sys.stderr)
        return 2
    activation, hidden, loss, inputs, class_count = defaults[preset]
    activation = settings.get("activation", activation)
    if "hidden" in settings:
        hidden = [int(n) for n in settings["hidden"].split(",")]
    # The CLI's loss names, as model.json spells PyTorch's modules.
    loss = {"bce": "bce_with_logits", "kl": "kl_div"}.get(settings.get("loss", loss), settings.get("loss", loss))
    classification = preset != "playground"
    outputs = 1 if loss == "bce_with_logits" or not classification else class_count

    layers, width = [], inputs
    for size in hidden:
        layers += [{"type": "linear", "in": width, "out": size}, {"type": ACTIVATIONS[activation]}]
        width = size
    layers.append({"type": "linear", "in": width, "out": outputs})

    generator = torch.Generator().manual_seed(int(options["seed"]))
    model = torch.nn.Sequential(*(check_parity.build_layer(spec, torch.nn) for spec in layers))
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(torch.randn(parameter.shape, generator=generator) * 0.7)

    batch_size = 32
    x = torch.randn(batch_size, inputs, generator=generator)
    classes = torch.randint(0, class_count, (batch_size,), generator=generator).float()
    if loss == "cross_entropy":
        y = classes
    elif loss == "kl_div":
        y = torch.softmax(torch.randn(batch_size, outputs, generator=generator), dim=-1)
    elif classification:
        y = torch.nn.functional.one_hot(classes.long(), outputs).float() if outputs > 1 else classes[:, None]
    else:
        y = torch.randn(batch_size, 1, generator=generator)

    if "steps" in options:
        return fake_training(options, settings, model, layers, loss, inputs, class_count, generator, torch)

    logits = model(x)
    loss_value = check_parity.reference_loss(loss, logits, y, torch)
    loss_value.backward()

    fault = os.environ.get("PARITY_FAKE_FAULT", "")
    weights = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
    grads = {f"grad.{name}": p.grad.clone() for name, p in model.named_parameters()}
    if fault == "grad":
        grads["grad.0.weight"][0, 0] += 1e-2 * grads["grad.0.weight"].abs().max()
    elif fault == "transposed":
        weights["0.weight"] = weights["0.weight"].t().contiguous()
    elif fault == "missing-grad":
        del grads["grad.0.bias"]
    elif fault == "half-loss":
        loss_value = loss_value * 0.5

    out = Path(options["out"])
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.json").write_text(json.dumps({"layers": layers, "loss": loss}))
    write_tensors(out / "weights.safetensors", weights)
    write_tensors(out / "batch.safetensors", {"x": x, "y": y})
    write_tensors(out / "result.safetensors",
                  {"logits": logits.detach(), "loss": loss_value.detach().reshape(1), **grads})
    return 0


def fake_training(options, settings, model, layers, loss, inputs, class_count, generator, torch):
    """What `backprop parity ... --steps N` writes, computed with torch.optim in float32.
    PARITY_FAKE_FAULT: `stale-lr` never steps the scheduler, `full-l2` penalizes λ·Σw²
    instead of (λ/2)·Σw², `no-clip` skips the clipping, `wrong-weights` nudges one weight
    after training."""
    fault = os.environ.get("PARITY_FAKE_FAULT", "")
    count = int(options["steps"])
    kind = settings.get("optimizer", "adam")
    schedule = settings.get("schedule", "constant")
    training = {
        "optimizer": kind, "lr": float(settings.get("lr", 0.01)),
        "momentum": float(settings.get("momentum", 0.9 if kind in ("momentum", "nesterov") else 0)),
        "weight_decay": float(settings.get("weight_decay", 0)), "beta1": 0.9, "beta2": 0.999,
        "eps": 1e-10 if kind == "adagrad" else 1e-8, "alpha": 0.99,
        "l1": float(settings.get("l1", 0)), "l2": float(settings.get("l2", 0)),
        "penalized": [f"{index}.weight" for index, spec in enumerate(layers) if spec["type"] == "linear"],
        "steps": count, "total_steps": count, "batch_parts": 1,
        "schedule": {"kind": schedule.split(":")[0]},
    }
    parts = schedule.split(":")
    if parts[0] == "step":
        training["schedule"].update(every=int(parts[1]), gamma=float(parts[2]))
    elif parts[0].startswith("warmup"):
        training["schedule"]["warmup_steps"] = int(parts[1])
    if "clip" in settings:
        training["clip"] = float(settings["clip"])
    # In float64: float32 RMSProp and Adam drift from float64 by more than the tolerance
    # within a few steps, in PyTorch itself; the stand-in checks the checker, not float32.
    model = model.double()
    weights = {name: tensor.detach().float() for name, tensor in model.state_dict().items()}
    optimizer = check_parity.make_optimizer(training, model.parameters(), torch)
    scheduler = check_parity.make_scheduler(training, optimizer, torch)
    named = dict(model.named_parameters())
    steps, rates, momenta, losses = {}, [], [], []
    for step in range(count):
        x = torch.randn(25, inputs, generator=generator).double()
        y = torch.randint(0, class_count, (25,), generator=generator).float()
        rates.append(optimizer.param_groups[0]["lr"])
        momenta.append(check_parity.scheduled_momentum(optimizer) if training["schedule"]["kind"] == "onecycle" else float("nan"))
        optimizer.zero_grad()
        value = check_parity.reference_loss(loss, model(x), y.double(), torch)
        for name in training["penalized"]:
            w = named[name]
            value = value + training["l1"] * w.abs().sum() + (1 if fault == "full-l2" else 0.5) * training["l2"] * (w * w).sum()
        value.backward()
        if "clip" in training and fault != "no-clip":
            torch.nn.utils.clip_grad_norm_(model.parameters(), training["clip"])
        optimizer.step()
        if scheduler is not None and fault != "stale-lr":
            scheduler.step()
        steps[f"x.{step}"], steps[f"y.{step}"] = x.float(), y
        losses.append(value.item())
    after = {name: tensor.detach().float() for name, tensor in model.state_dict().items()}
    if fault == "wrong-weights":
        after["0.weight"][0, 0] += 1e-3 * after["0.weight"].abs().max()
    steps.update(lr=torch.tensor(rates), momentum=torch.tensor(momenta), loss=torch.tensor(losses))
    evaluation_x = torch.randn(16, inputs, generator=generator)
    with torch.no_grad():
        evaluation = {"x": evaluation_x, "logits": model.eval()(evaluation_x.double()).float()}
    out = Path(options["out"])
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.json").write_text(json.dumps({"layers": layers, "loss": loss, "training": training}))
    write_tensors(out / "weights.safetensors", weights)
    write_tensors(out / "steps.safetensors", {k: v.float() for k, v in steps.items()})
    write_tensors(out / "weights_after.safetensors", after)
    write_tensors(out / "eval.safetensors", evaluation)
    return 0


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def test_round_trip(scratch, torch):
    tensors = {
        "a.weight": torch.randn(3, 5),
        "b": torch.arange(7, dtype=torch.int64),
        "c": torch.tensor([True, False, True]),
        "d": torch.randn(2, 3, dtype=torch.float64),
        "empty": torch.zeros(0, 4),
        "scalar": torch.tensor(2.5),
    }
    path = scratch / "round.safetensors"
    write_tensors(path, tensors, metadata={"format": "pt"})
    back = read_tensors(path)
    check(set(back) == set(tensors), f"names {sorted(back)}")
    for name, tensor in tensors.items():
        check(back[name].dtype == tensor.dtype and back[name].shape == tensor.shape
              and torch.equal(back[name], tensor), f"{name} changed in the round trip")
    _, metadata = read_raw(path)
    check(metadata == {"format": "pt"}, f"metadata {metadata}")
    (header_length,) = struct.unpack("<Q", path.read_bytes()[:8])
    check(header_length % 8 == 0, "header not padded to 8 bytes")


def test_known_bytes(scratch, torch):
    # A file assembled by hand, byte by byte, as another writer would produce it.
    header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
    path = scratch / "hand.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header + struct.pack("<2f", 1.5, -2.0))
    check(read_tensors(path)["w"].tolist() == [1.5, -2.0], "hand-written file read wrongly")


def test_corrupt_files(scratch, torch):
    good = scratch / "good.safetensors"
    write_tensors(good, {"a": torch.ones(4), "b": torch.ones(2)})
    blob = good.read_bytes()
    (header_length,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + header_length])

    def rewritten(entries):
        encoded = json.dumps(entries).encode()
        return struct.pack("<Q", len(encoded)) + encoded + blob[8 + header_length:]

    overlapping = dict(header, b={"dtype": "F32", "shape": [2], "data_offsets": [0, 8]})
    wrong_size = dict(header, b={"dtype": "F32", "shape": [3], "data_offsets": [16, 24]})
    bad_dtype = dict(header, b={"dtype": "F8", "shape": [2], "data_offsets": [16, 24]})
    corrupt = {
        "truncated": blob[:-4],
        "tiny": blob[:5],
        "huge header length": struct.pack("<Q", 1 << 40) + blob[8:],
        "not json": struct.pack("<Q", 4) + b"{{{{" + blob[12:],
        "overlapping": rewritten(overlapping),
        "size mismatch": rewritten(wrong_size),
        "unknown dtype": rewritten(bad_dtype),
        "trailing bytes": blob + b"\0\0\0\0",
    }
    for what, data in corrupt.items():
        path = scratch / "bad.safetensors"
        path.write_bytes(data)
        try:
            read_tensors(path)
        except SafetensorsError:
            continue
        raise AssertionError(f"{what}: reader accepted a corrupt file")


def run_checker(argv):
    output = io.StringIO()
    with redirect_stdout(output):
        status = check_parity.main(argv)
    return status, output.getvalue()


def fake_binary(scratch):
    path = scratch / "fake-backprop"
    path.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{Path(__file__).resolve()}" fake-backprop "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_all_cases_pass(scratch, torch):
    # The stand-in builds plain MLPs only; convolutional and batch-normalized cases are left
    # to the real binary.
    cases = [case.name for case in check_parity.CASES
             if case.preset in STAND_IN_PRESETS and not any(s.startswith("batchnorm=") for s in case.settings)
             and not case.eval_only and not case.split and not case.torch_weights]
    status, output = run_checker(["--binary", str(fake_binary(scratch))] + [arg for name in cases for arg in ("--only", name)])
    check(status == 0, f"clean run failed:\n{output}")
    check(f"parity: {len(cases)} passed, 0 failed" in output, output)


def test_faults_are_caught(scratch, torch):
    binary = fake_binary(scratch)
    expected = {"grad": "grad.0.weight relative error", "transposed": "size mismatch",
                "missing-grad": "missing grad.0.bias", "half-loss": "loss relative error"}
    for fault, message in expected.items():
        os.environ["PARITY_FAKE_FAULT"] = fault
        try:
            status, output = run_checker(["--binary", str(binary), "--only", "spiral"])
        finally:
            del os.environ["PARITY_FAKE_FAULT"]
        check(status == 1, f"{fault}: exit {status}\n{output}")
        check(message in output and "parity: 0 passed, 1 failed" in output, f"{fault}:\n{output}")


def test_training_faults_are_caught(scratch, torch):
    """A replayed run that took other steps than it says fails, each with its own message."""
    binary = fake_binary(scratch)
    expected = {"stale-lr": ("schedule-step", "lr at step"), "full-l2": ("penalty-l2", "loss at step"),
                "no-clip": ("clip", "relative error"), "wrong-weights": ("train-sgd", "0.weight after 8 steps")}
    for fault, (case, message) in expected.items():
        os.environ["PARITY_FAKE_FAULT"] = fault
        try:
            status, output = run_checker(["--binary", str(binary), "--only", case])
        finally:
            del os.environ["PARITY_FAKE_FAULT"]
        check(status == 1, f"{fault}: exit {status}\n{output}")
        check(message in output and "parity: 0 passed, 1 failed" in output, f"{fault}:\n{output}")


def test_missing_binary(scratch, torch):
    status, output = run_checker(["--binary", str(scratch / "nowhere")])
    check(status == 1 and "not found" in output, output)


def test_ignored_setting_is_caught(scratch, torch):
    # A binary that ignores --set activation=elu would compare a tanh net with
    # itself and pass; the case's expectation must catch it.
    script = scratch / "ignores-settings"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{Path(__file__).resolve()}" '
                      f'fake-backprop parity playground --seed 1 --out "$6"\n')
    script.chmod(0o755)
    status, output = run_checker(["--binary", str(script), "--only", "playground-elu"])
    check(status == 1 and "no elu layer" in output, output)


def main():
    if sys.argv[1:2] == ["fake-backprop"]:
        if sys.argv[2:3] != ["parity"]:
            print("the stand-in only knows `parity`", file=sys.stderr)
            return 2
        return fake_parity(sys.argv[3:])
    try:
        import torch
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            print(f"parity-selftest: torch is not importable by {sys.executable}, and CI=true requires it")
            return 1
        print("parity-selftest: torch not installed, skipped")
        return 0

    tests = [test_round_trip, test_known_bytes, test_corrupt_files, test_all_cases_pass,
             test_faults_are_caught, test_training_faults_are_caught, test_missing_binary, test_ignored_setting_is_caught]
    passed = failed = 0
    for test in tests:
        with tempfile.TemporaryDirectory(prefix="parity-selftest-") as scratch:
            try:
                test(Path(scratch), torch)
            except AssertionError as error:
                failed += 1
                print(f"FAIL {test.__name__}: {error}")
                continue
        passed += 1
        print(f"ok   {test.__name__}")
    print(f"parity-selftest: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
