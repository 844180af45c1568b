# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures: where the CLI and the test models are."""
import json
import os
import pathlib
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
OPS_DIR = ROOT / "tests" / "models" / "ops"
DIGITS_DIR = ROOT / "models" / "digits"
# The MediaPipe 0.10.x wheel ships real pretrained .tflite files.
MEDIAPIPE_WHEEL = "mediapipe==0.10.21"


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


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    d = pathlib.Path(base) / "xlite"
    d.mkdir(parents=True, exist_ok=True)
    return d


def mediapipe_models():
    """Extracts the .tflite files of the MediaPipe wheel into the cache (once)."""
    out = cache_dir() / "mediapipe-0.10.21"
    stamp = out / ".done"
    if not stamp.exists():
        wheels = cache_dir() / "wheels"
        wheels.mkdir(exist_ok=True)
        found = list(wheels.glob("mediapipe-0.10.21-*.whl"))
        if not found:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                            "--python-version", "3.11", "--platform", "manylinux_2_28_x86_64",
                            "-d", str(wheels), MEDIAPIPE_WHEEL], check=True)
            found = list(wheels.glob("mediapipe-0.10.21-*.whl"))
        out.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(found[0]) as z:
            for name in z.namelist():
                if name.startswith("mediapipe/modules/") and name.endswith(".tflite"):
                    (out / pathlib.Path(name).name).write_bytes(z.read(name))
        stamp.write_text("ok\n")
    return sorted(out.glob("*.tflite"))
