# SPDX-License-Identifier: Apache-2.0
"""`xlite inspect --json` on real and generated models, against two
independent readings of the same files:

* LiteRT's own Python flatbuffer bindings (schema_py_generated in the
  ai-edge-litert wheel): op counts of every subgraph, signatures, subgraph
  inputs/outputs, parameter count and weight bytes;
* LiteRT's Interpreter: the op list of the main subgraph and the
  input/output details, where LiteRT can load the model (it cannot resolve
  MediaPipe's custom ops).

Models: every op model in tests/models/ops (see its manifest), the shipped
digits classifiers, and the pretrained MediaPipe models from the mediapipe
0.10.21 wheel, which nobody here wrote.
"""
import collections
import json

import numpy as np
import pytest

from conftest import DIGITS_DIR, OPS_DIR, mediapipe_models, op_model_manifest

schema = pytest.importorskip("ai_edge_litert.schema_py_generated")
litert = pytest.importorskip("ai_edge_litert.interpreter")

OP_NAMES = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}
TYPE_NAMES = {v: k.lower() for k, v in vars(schema.TensorType).items() if not k.startswith("_")}


def _s(b):
    return b.decode("utf-8", "replace") if isinstance(b, bytes) else (b or "")


def reference_reading(path):
    """What the file says, read with LiteRT's generated bindings."""
    data = bytearray(path.read_bytes())
    m = schema.ModelT.InitFromPackedBuf(data, 0)
    codes = []
    for oc in m.operatorCodes or []:
        code = max(oc.builtinCode, oc.deprecatedBuiltinCode)
        codes.append("CUSTOM:" + _s(oc.customCode) if code == schema.BuiltinOperator.CUSTOM else OP_NAMES[code])
    per_sg, total = [], collections.Counter()
    for sg in m.subgraphs:
        c = collections.Counter(codes[op.opcodeIndex] for op in sg.operators or [])
        per_sg.append(dict(c))
        total.update(c)

    def buffer_bytes(i):
        b = m.buffers[i]
        if b.offset and b.offset > 1:
            return int(b.size)
        return 0 if b.data is None else len(b.data)

    params = weight_bytes = 0
    seen = set()
    for sg in m.subgraphs:
        for t in sg.tensors:
            n = buffer_bytes(t.buffer) if t.buffer else 0
            if n == 0 or t.buffer in seen:
                continue
            seen.add(t.buffer)
            params += int(np.prod(t.shape)) if t.shape is not None else 1
            weight_bytes += n

    def tensor(sg, i):
        t = sg.tensors[i]
        shape = [] if t.shape is None else [int(x) for x in t.shape]
        q = t.quantization
        quant = None
        if q is not None and q.scale is not None and len(q.scale) > 0:
            quant = {"scale": [float(x) for x in q.scale], "zero_point": [int(x) for x in q.zeroPoint],
                     "quantized_dimension": int(q.quantizedDimension)}
        sig = shape if t.shapeSignature is None else [int(x) for x in t.shapeSignature]
        return {"name": _s(t.name), "index": int(i), "shape": shape, "shape_signature": sig,
                "dtype": TYPE_NAMES[t.type], "quantization": quant}

    sg0 = m.subgraphs[0]
    sigs = []
    for sd in m.signatureDefs or []:
        sigs.append({"key": _s(sd.signatureKey), "subgraph": int(sd.subgraphIndex),
                     "inputs": [{"name": _s(x.name), "tensor": int(x.tensorIndex)} for x in sd.inputs or []],
                     "outputs": [{"name": _s(x.name), "tensor": int(x.tensorIndex)} for x in sd.outputs or []]})
    return {
        "subgraphs": len(m.subgraphs),
        "op_counts": dict(total),
        "per_subgraph": per_sg,
        "inputs": [tensor(sg0, i) for i in sg0.inputs],
        "outputs": [tensor(sg0, i) for i in sg0.outputs],
        "signatures": sigs,
        "parameters": params,
        "weight_bytes": weight_bytes,
        "file_bytes": len(data),
    }


def _floats_close(a, b):
    return a == b if a is None or b is None else (
        a["zero_point"] == b["zero_point"] and a["quantized_dimension"] == b["quantized_dimension"]
        and np.allclose(a["scale"], b["scale"], rtol=1e-7, atol=0))


def check_model(xlite, path, expected_ops=None):
    r = xlite("inspect", "--json", path)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    ref = reference_reading(path)
    for key in ("subgraphs", "op_counts", "parameters", "weight_bytes", "file_bytes"):
        assert got[key] == ref[key], f"{key}: xlite {got[key]}, reference {ref[key]}"
    assert [d["op_counts"] for d in got["subgraph_details"]] == ref["per_subgraph"]
    assert got["signatures"] == ref["signatures"]
    for side in ("inputs", "outputs"):
        assert len(got[side]) == len(ref[side])
        for g, e in zip(got[side], ref[side]):
            qg, qe = g.pop("quantization"), e.pop("quantization")
            qg = None if qg is None else {k: qg[k] for k in ("scale", "zero_point", "quantized_dimension")}
            assert g == e
            assert _floats_close(qg, qe), (qg, qe)
    assert got["macs"] >= 0

    # LiteRT's interpreter, where it can resolve every op.
    try:
        itp = litert.Interpreter(
            model_path=str(path),
            experimental_op_resolver_type=litert.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES)
    except (ValueError, RuntimeError) as e:
        assert any(k.startswith("CUSTOM:") for k in ref["op_counts"]), f"LiteRT cannot load {path}: {e}"
        return got
    ops = collections.Counter(d["op_name"] for d in itp._get_ops_details())
    # LiteRT names a custom op by its custom code alone.
    mine = {k.removeprefix("CUSTOM:"): v for k, v in got["subgraph_details"][0]["op_counts"].items()}
    assert dict(ops) == mine
    if expected_ops is not None:
        assert dict(collections.Counter(expected_ops)) == got["subgraph_details"][0]["op_counts"]
    for lite, mine in ((itp.get_input_details(), got["inputs"]), (itp.get_output_details(), got["outputs"])):
        assert [d["name"] for d in lite] == [t["name"] for t in mine]
        assert [list(d["shape"]) for d in lite] == [t["shape"] for t in mine]
        assert [list(d["shape_signature"]) for d in lite] == [t["shape_signature"] for t in mine]
        assert [np.dtype(d["dtype"]).name for d in lite] == [t["dtype"] for t in mine]
    return got


MANIFEST = op_model_manifest()


def test_manifest_covers_the_op_families():
    families = {e["family"] for e in MANIFEST}
    for fam in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "SOFTMAX", "MEAN", "STRIDED_SLICE",
                "QUANTIZE", "DEQUANTIZE", "WHILE", "SIGNATURES"):
        assert fam in families
    assert {e["dtype"] for e in MANIFEST} >= {"f32", "int8", "int16x8", "f16w"}


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_op_models(xlite, entry):
    check_model(xlite, OPS_DIR / entry["file"], expected_ops=entry["ops"])


@pytest.mark.parametrize("name", ["digits_f32.tflite", "digits_int8.tflite"])
def test_digits_models(xlite, name):
    got = check_model(xlite, DIGITS_DIR / name)
    # Conv(8,3x3) 26x26 + Conv(16,3x3) on 13x13->11x11 + FC 400x32 + FC 32x10
    assert got["macs"] == 26 * 26 * 8 * 9 + 11 * 11 * 16 * 9 * 8 + 400 * 32 + 32 * 10


MEDIAPIPE = mediapipe_models()


def test_mediapipe_models_were_found():
    names = {p.name for p in MEDIAPIPE}
    assert len(names) >= 10
    assert "face_detection_full_range_sparse.tflite" in names  # sparse weights + DENSIFY


@pytest.mark.parametrize("path", MEDIAPIPE, ids=[p.stem for p in MEDIAPIPE])
def test_mediapipe_models(xlite, path):
    got = check_model(xlite, path)
    assert got["macs"] > 1_000_000
