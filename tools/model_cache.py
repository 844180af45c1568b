# SPDX-License-Identifier: Apache-2.0
"""Models too large to commit, kept in ~/.cache/xlite (or $XDG_CACHE_HOME/xlite):

  mediapipe-0.10.21/  the pretrained .tflite files of the MediaPipe wheel,
                      extracted on first use (the wheel is fetched with pip);
  arch/               the 224x224 keras.applications set, made by
                      tools/gen_models/gen_arch_models.py --set full (needs
                      TensorFlow; scripts/test.sh generates it once).

Used by the tests (tests/python/conftest.py) and the benchmark (bench/run.py).
"""
import os
import pathlib
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
# The MediaPipe 0.10.x wheel ships real pretrained .tflite files.
MEDIAPIPE_WHEEL = "mediapipe==0.10.21"
# How to make the arch set (what scripts/test.sh runs).
ARCH_GENERATE = "scripts/setup.sh --models && .venv/bin/python tools/gen_models/gen_arch_models.py --set full --out {out}"


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    d = pathlib.Path(base) / "xlite"
    d.mkdir(parents=True, exist_ok=True)
    return d


def arch_dir():
    return cache_dir() / "arch"


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
