# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures: where the CLI and the test models are."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from model_cache import cache_dir, mediapipe_models  # noqa: E402,F401  (re-exported for the tests)

OPS_DIR = ROOT / "tests" / "models" / "ops"
DIGITS_DIR = ROOT / "models" / "digits"


def xlite_bin():
    return pathlib.Path(os.environ.get("XLITE_BIN", ROOT / "build" / "xlite"))


@pytest.fixture(scope="session")
def xlite():
    path = xlite_bin()
    if not path.exists():
        pytest.fail(f"{path} not built: run scripts/build.sh first")

    def run(*args, timeout=60):
        return subprocess.run([str(path), *map(str, args)], capture_output=True, text=True, timeout=timeout)
    return run


def op_model_manifest():
    return json.loads((OPS_DIR / "manifest.json").read_text())
