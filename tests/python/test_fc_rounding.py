# SPDX-License-Identifier: Apache-2.0
"""int8/uint8 FULLY_CONNECTED requantization against LiteRT's reference
kernel on single-op models made here, with power-of-two scales (so many
accumulators land exactly on a rounding tie) and with random scales. LiteRT
2.3 rounds round(acc * in * w / out) in double, ties away from zero
(docs/reference_notes.md); the converter's models rarely hit a tie, so the
op-model parity alone would not notice a different rounding."""
import importlib.util
import json
import subprocess

import numpy as np
import pytest
from ai_edge_litert import interpreter as litert
from ai_edge_litert import schema_py_generated as schema

from conftest import ROOT, xlite_bin

spec = importlib.util.spec_from_file_location("rewrite", ROOT / "tools" / "gen_models" / "rewrite.py")
rewrite = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rewrite)
T = rewrite.T


def fc_model(rng, dtype, per_channel, ties, batches=2000, depth=16, units=8):
    lo, hi = (-128, 127) if dtype == T.INT8 else (0, 255)
    if ties:
        in_s, out_s = 2.0 ** rng.integers(-8, -3), 2.0 ** rng.integers(-3, 0)
        w_s = [2.0 ** rng.integers(-8, -3) for _ in range(units if per_channel else 1)]
    else:
        in_s, out_s = float(np.float32(rng.uniform(0.002, 0.05))), float(np.float32(rng.uniform(0.02, 0.5)))
        w_s = [float(np.float32(rng.uniform(0.001, 0.02))) for _ in range(units if per_channel else 1)]
    in_zp = int(rng.integers(lo, hi + 1))
    out_zp = int(rng.integers(lo + 20, hi - 20))
    w_zp = [0] * len(w_s) if dtype == T.INT8 else [int(rng.integers(100, 157))]
    tensors = [rewrite.tensor("input", [batches, depth], dtype, [in_s], [in_zp]),
               rewrite.tensor("weights", [units, depth], dtype, w_s, w_zp, 0),
               rewrite.tensor("bias", [units], T.INT32, [in_s * s for s in w_s], [0] * len(w_s), 0),
               rewrite.tensor("output", [batches, units], dtype, [out_s], [out_zp])]
    m = rewrite.load(rewrite.single_op_model("FULLY_CONNECTED", tensors, inputs=[0], outputs=[3],
                                             version=4 if dtype == T.INT8 else 1))
    sg = m.subgraphs[0]
    op = sg.operators[0]
    op.inputs = [0, 1, 2]
    op.builtinOptionsType = schema.BuiltinOptions.FullyConnectedOptions
    op.builtinOptions = schema.FullyConnectedOptionsT()
    np_type = np.int8 if dtype == T.INT8 else np.uint8
    rewrite._set_buffer(m, sg.tensors[1], rng.integers(-127 if dtype == T.INT8 else 0, hi + 1,
                                                       size=(units, depth)).astype(np_type))
    rewrite._set_buffer(m, sg.tensors[2], rng.integers(-2000, 2000, size=units).astype(np.int32))
    x = rng.integers(lo, hi + 1, size=(batches, depth)).astype(np_type)
    return rewrite.dump(m), x


@pytest.mark.parametrize("ties", [True, False], ids=["tie_scales", "random_scales"])
@pytest.mark.parametrize("kind", ["int8_per_tensor", "int8_per_channel", "uint8"])
def test_fully_connected_requantization(kind, ties, tmp_path):
    rng = np.random.default_rng(["int8_per_tensor", "int8_per_channel", "uint8"].index(kind) * 2 + ties)
    dtype = T.UINT8 if kind == "uint8" else T.INT8
    for trial in range(3):
        blob, x = fc_model(rng, dtype, kind == "int8_per_channel", ties)
        path = tmp_path / f"fc{trial}.tflite"
        path.write_bytes(blob)
        itp = litert.Interpreter(model_content=blob, experimental_op_resolver_type=litert.OpResolverType.BUILTIN_REF)
        itp.allocate_tensors()
        itp.set_tensor(itp.get_input_details()[0]["index"], x)
        itp.invoke()
        ref = itp.get_tensor(itp.get_output_details()[0]["index"])
        np.save(tmp_path / "x.npy", x)
        for mode in ([], ["--no-compile", "--reference-kernels"]):
            out = tmp_path / f"out{trial}{len(mode)}"
            r = subprocess.run([str(xlite_bin()), "run", str(path), "-i", str(tmp_path / "x.npy"), "--json",
                                "-o", str(out)] + mode, capture_output=True, text=True, timeout=60)
            assert r.returncode == 0, r.stderr
            ours = np.load(json.loads(r.stdout)["outputs"][0]["file"])
            diff = np.flatnonzero(ours != ref)
            assert diff.size == 0, f"{kind} trial {trial}: {diff.size} of {ref.size} differ"
