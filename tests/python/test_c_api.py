# SPDX-License-Identifier: Apache-2.0
"""The C API test program (tests/c/c_api_test.c, built as
build/xlite_c_api_test) checks itself (labels, compiled vs reference kernels,
batching, signatures, error paths); here its outputs on the shipped digits
samples are compared with LiteRT's on the same inputs."""
import os
import pathlib
import subprocess

import numpy as np
import pytest

from conftest import DIGITS_DIR, ROOT
from test_parity import assert_agree

litert = pytest.importorskip("ai_edge_litert.interpreter")

SAMPLES = ["sample_0_label0", "sample_1_label7", "sample_2_label3", "sample_3_label8", "sample_4_label5"]


def c_test_binary():
    build = pathlib.Path(os.environ.get("XLITE_BIN", ROOT / "build" / "xlite")).parent
    return build / "xlite_c_api_test"


@pytest.fixture(scope="module")
def c_outputs(tmp_path_factory):
    exe = c_test_binary()
    if not exe.exists():
        pytest.fail(f"{exe} not built: run scripts/build.sh first")
    out = tmp_path_factory.mktemp("c_api")
    r = subprocess.run([str(exe), str(ROOT), str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert ", 0 failed" in r.stdout
    return out


def quantize_like_c(x, scale, zero_point):
    # The C test rounds with lroundf (half away from zero), not numpy's
    # half-to-even.
    v = x / np.float32(scale)
    q = np.sign(v) * np.floor(np.abs(v) + 0.5) + zero_point
    return np.clip(q, -128, 127).astype(np.int8)


@pytest.mark.parametrize("model", ["digits_f32", "digits_int8"])
def test_c_api_outputs_match_litert(model, c_outputs):
    itp = litert.Interpreter(model_path=str(DIGITS_DIR / f"{model}.tflite"),
                             experimental_op_resolver_type=litert.OpResolverType.BUILTIN_REF)
    itp.allocate_tensors()
    d, o = itp.get_input_details()[0], itp.get_output_details()[0]
    for k, sample in enumerate(SAMPLES):
        x = np.load(DIGITS_DIR / f"{sample}.npy")
        if d["dtype"] == np.int8:
            x = quantize_like_c(x, *d["quantization"])
        itp.set_tensor(d["index"], x)
        itp.invoke()
        ref = itp.get_tensor(o["index"])
        ours = np.fromfile(c_outputs / f"{model}_{k}.bin", dtype=ref.dtype).reshape(ref.shape)
        assert_agree(ours, ref, f"{model} {sample}")
