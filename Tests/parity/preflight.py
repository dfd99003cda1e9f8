"""What the parity and export checks ask before they run: an importable PyTorch (a missing
one is a skip for a developer, a failure under CI=true) and a built backprop binary."""

import os
import sys
from pathlib import Path


def import_torch(label, case_count):
    """(torch, None) when it imports; else (None, exit status), the outcome printed."""
    try:
        import torch
    except ImportError:
        # CI must run the check: there a missing torch is a failure, not a skip.
        if os.environ.get("CI", "").lower() == "true":
            print(f"{label}: torch is not importable by {sys.executable}, and CI=true requires the check; "
                  "install it with scripts/install-deps --tests")
            print(f"{label}: 0 passed, {case_count} failed")
            return None, 1
        print(f"{label}: torch not installed, skipped")
        return None, 0
    return torch, None


def binary_missing(label, binary, case_count):
    """True, with the outcome printed, when `binary` is not an executable file."""
    path = Path(binary)
    if path.is_file() and os.access(path, os.X_OK):
        return False
    print(f"{label}: {path} not found; build it first (swift build -c release)")
    print(f"{label}: 0 passed, {case_count} failed")
    return True
