# SPDX-License-Identifier: Apache-2.0
"""Runs each tutorial script as a user would; each asserts its own results
(against LiteRT or NumPy) and exits non-zero when they do not hold.
Needs TensorFlow in the venv (scripts/setup.sh --models) and the xlite
package (pip install .); scripts/test.sh runs this after installing both."""

import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.mark.parametrize("script", ["01_two_cnns.py", "02_xla_trained_cnn.py", "03_custom_op.py"])
def test_tutorial(script, tmp_path):
    args = [sys.executable, os.path.join(HERE, script)]
    if script != "03_custom_op.py":
        args += ["--out", str(tmp_path)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    print(done.stdout)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
