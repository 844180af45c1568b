# SPDX-License-Identifier: Apache-2.0
"""Custom operators.

- TFLite_Detection_PostProcess: one-op models made here (the TF converter
  cannot emit the op; tools/gen_models/rewrite.py writes a CUSTOM op with
  FlexBuffers options), run by xlite and by LiteRT's default and reference
  (BUILTIN_REF) resolvers, which both register the op in ai-edge-litert
  2.3.0, on random inputs: fast and regular NMS, score thresholds, class counts with
  and without a background class, max_detections, float and uint8 inputs.
  The outputs must be equal, not close. int8 inputs (which LiteRT refuses)
  must give what LiteRT gives for the dequantized float inputs.
- Convolution2DTransposeBias (MediaPipe): against a NumPy transposed
  convolution, and MediaPipe's selfie segmentation models against LiteRT's
  default resolver (its XNNPACK delegate runs the op).
- --custom-ops: a C library built by CMake (tests/custom_ops/) runs its
  kernel; a missing file, a library without the entry point, an unknown
  custom op and a Flex op fail with errors that say what to do.
"""
import json
import struct
import subprocess

import numpy as np
import pytest
from flatbuffers import flexbuffers

from conftest import ROOT, mediapipe_models, xlite_bin

litert = pytest.importorskip("ai_edge_litert.interpreter")
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("rewrite", ROOT / "tools" / "gen_models" / "rewrite.py")
rewrite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rewrite)
schema = rewrite.schema
T = schema.TensorType

NP_TYPES = {T.FLOAT32: np.float32, T.UINT8: np.uint8, T.INT8: np.int8}


def run_xlite(model, inputs, tmp_path, *extra):
    path = tmp_path / "model.tflite"
    path.write_bytes(model)
    args = [str(xlite_bin()), "run", str(path), "--json", "-o", str(tmp_path / "out"), "--overwrite", *extra]
    for i, a in enumerate(inputs):
        p = tmp_path / f"in{i}.npy"
        np.save(p, a)
        args += ["-i", str(p)]
    r = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return [np.load(o["file"]) for o in json.loads(r.stdout)["outputs"]]


def run_litert(model, inputs, resolver=None):
    kwargs = {} if resolver is None else {"experimental_op_resolver_type": resolver}
    # One thread: LiteRT's regular NMS merges per-class results in the order
    # its threads finish, which decides ties.
    itp = litert.Interpreter(model_content=model, num_threads=1, **kwargs)
    itp.allocate_tensors()
    for d, a in zip(itp.get_input_details(), inputs):
        itp.set_tensor(d["index"], a)
    itp.invoke()
    return [itp.get_tensor(d["index"]) for d in itp.get_output_details()]


# ---- TFLite_Detection_PostProcess ----

def flex_options(**kv):
    b = flexbuffers.Builder()
    with b.Map():
        for k, v in kv.items():
            if isinstance(v, bool):
                b.Bool(k, v)
            elif isinstance(v, int):
                b.Int(k, v)
            else:
                b.Float(k, float(v))
    return bytes(b.Finish())


def quant_params(a, dtype):
    lo, hi = min(float(a.min()), 0.0), max(float(a.max()), 0.0)
    qmin, qmax = (0, 255) if dtype == T.UINT8 else (-128, 127)
    scale = (hi - lo) / (qmax - qmin) or 1.0
    zp = int(round(qmin - lo / scale))
    return scale, int(np.clip(zp, qmin, qmax))


def quantize(a, scale, zp, dtype):
    info = np.iinfo(NP_TYPES[dtype])
    return np.clip(np.round(a / scale) + zp, info.min, info.max).astype(NP_TYPES[dtype])


def dequantize(q, scale, zp):
    # As LiteRT's kernel: (float(q) - zero_point) * scale in float32.
    return (q.astype(np.float32) - np.float32(zp)) * np.float32(scale)


def detection_case(seed, num_boxes, num_classes, background, types):
    """Boxes clustered around a few centres (so NMS has work), anchors
    with positive sizes, scores in [0, 1). `types`: (boxes, scores,
    anchors) tensor types. Returns float arrays and the quantized ones."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.2, 0.8, size=(max(2, num_boxes // 4), 2))
    pick = rng.integers(0, len(centres), num_boxes)
    anchors = np.concatenate([centres[pick] + rng.normal(0, 0.03, (num_boxes, 2)),
                              rng.uniform(0.1, 0.4, (num_boxes, 2))], axis=1).astype(np.float32)
    enc = rng.normal(0, 0.5, (1, num_boxes, 4)).astype(np.float32)
    scores = rng.uniform(0, 1, (1, num_boxes, num_classes + background)).astype(np.float32)
    arrays = {"boxes": enc, "scores": scores, "anchors": anchors}
    quant = {}
    for (name, a), t in zip(arrays.items(), types):
        if t != T.FLOAT32:
            scale, zp = quant_params(a, t)
            quant[name] = (quantize(a, scale, zp, t), scale, zp)
    return arrays, quant


def detection_model(opts, num_boxes, num_classes, background, types, quant, anchors, anchors_input=False):
    """anchors_input: anchors are the model's third input, not a constant."""
    d = opts["max_detections"] * opts["max_classes_per_detection"]

    def t(name, shape, ttype, key=None):
        if key in quant:
            _, scale, zp = quant[key]
            return rewrite.tensor(name, shape, ttype, [scale], [zp])
        return rewrite.tensor(name, shape, ttype)

    tensors = [
        t("raw_outputs/box_encodings", [1, num_boxes, 4], types[0], "boxes"),
        t("raw_outputs/class_predictions", [1, num_boxes, num_classes + background], types[1], "scores"),
        t("anchors", [num_boxes, 4], types[2], "anchors"),
        rewrite.tensor("detection_boxes", [1, d, 4], T.FLOAT32),
        rewrite.tensor("detection_classes", [1, d], T.FLOAT32),
        rewrite.tensor("detection_scores", [1, d], T.FLOAT32),
        rewrite.tensor("num_detections", [1], T.FLOAT32),
    ]
    anchor_data = quant["anchors"][0] if "anchors" in quant else anchors
    return rewrite.custom_op_model("TFLite_Detection_PostProcess", tensors, [0, 1, 2], [3, 4, 5, 6],
                                   custom_options=flex_options(**opts),
                                   constants={} if anchors_input else {2: anchor_data})


def assert_detections_equal(ours, ref, opts, num_classes):
    assert [o.shape for o in ours] == [r.shape for r in ref]
    assert ours[3].dtype == np.float32 and ours[3][0] == ref[3][0], (ours[3], ref[3])
    n = int(ref[3][0])
    if opts.get("use_regular_nms"):
        # LiteRT writes max_detections rows, zeros after the n found.
        m = opts["max_detections"]
        for o, r in zip(ours[:3], ref[:3]):
            np.testing.assert_array_equal(o[0, :m], r[0, :m])
    else:
        # LiteRT writes the first min(max_classes_per_detection, num_classes)
        # slots of each of the n detections and leaves the rest as it was.
        per = opts["max_classes_per_detection"]
        slots = [k * per + c for k in range(n) for c in range(min(per, num_classes))]
        for o, r in zip(ours[:3], ref[:3]):
            np.testing.assert_array_equal(o[0, slots], r[0, slots])


F, U8, I8 = T.FLOAT32, T.UINT8, T.INT8
DETECTION_CASES = []
for i, (regular, score_thr, num_classes, background, max_det, max_cls, num_boxes, types) in enumerate([
    (False, 0.0, 1, 1, 10, 1, 20, (F, F, F)),
    (False, 0.3, 3, 1, 5, 1, 40, (F, F, F)),
    (False, 0.5, 7, 1, 10, 3, 60, (F, F, F)),
    (False, 0.9, 5, 0, 8, 2, 30, (F, F, F)),
    (False, 0.2, 2, 1, 4, 4, 25, (F, F, F)),   # max_classes_per_detection > num_classes
    (False, 0.99, 4, 1, 10, 1, 30, (F, F, F)),  # few or no detections
    (False, 0.3, 6, 1, 10, 2, 50, (U8, U8, U8)),
    (False, 0.1, 3, 0, 20, 1, 64, (F, U8, F)),
    (False, 0.4, 4, 1, 6, 2, 33, (U8, F, U8)),
    (True, 0.0, 1, 1, 10, 1, 20, (F, F, F)),
    (True, 0.3, 3, 1, 5, 1, 40, (F, F, F)),
    (True, 0.5, 7, 1, 10, 1, 60, (F, F, F)),
    (True, 0.2, 5, 0, 12, 1, 30, (F, F, F)),
    (True, 0.6, 4, 1, 3, 1, 45, (F, F, F)),
    (True, 0.3, 6, 1, 10, 1, 50, (U8, U8, U8)),   # quantized scores: many ties
    (True, 0.1, 3, 0, 20, 1, 64, (F, U8, F)),
    (True, 0.05, 8, 1, 15, 1, 80, (U8, U8, U8)),
]):
    for iou in (0.3, 0.6):
        DETECTION_CASES.append(pytest.param(
            dict(max_detections=max_det, max_classes_per_detection=max_cls, detections_per_class=(3 if i % 3 == 0 else 100),
                 nms_score_threshold=score_thr, nms_iou_threshold=iou, num_classes=num_classes,
                 y_scale=10.0, x_scale=10.0, h_scale=5.0, w_scale=5.0, use_regular_nms=regular),
            num_boxes, background, types, i, id=f"{'regular' if regular else 'fast'}-{i}-iou{iou}"))


@pytest.mark.parametrize("opts,num_boxes,background,types,seed", DETECTION_CASES)
def test_detection_postprocess_matches_litert(opts, num_boxes, background, types, seed, tmp_path):
    num_classes = opts["num_classes"]
    found = 0
    for trial in range(3):
        arrays, quant = detection_case(1000 * seed + trial, num_boxes, num_classes, background, types)
        model = detection_model(opts, num_boxes, num_classes, background, types, quant, arrays["anchors"])
        inputs = [quant["boxes"][0] if "boxes" in quant else arrays["boxes"],
                  quant["scores"][0] if "scores" in quant else arrays["scores"]]
        ours = run_xlite(model, inputs, tmp_path)
        for resolver in (None, litert.OpResolverType.BUILTIN_REF):
            ref = run_litert(model, inputs, resolver)
            assert_detections_equal(ours, ref, opts, num_classes)
        found += int(ref[3][0])
    if opts["nms_score_threshold"] < 0.9:
        assert found > 0, "no detections: the case checks nothing"


@pytest.mark.parametrize("regular", [False, True])
def test_detection_postprocess_int8_equals_litert_on_the_dequantized_floats(regular, tmp_path):
    opts = dict(max_detections=10, max_classes_per_detection=1, detections_per_class=100, nms_score_threshold=0.2,
                nms_iou_threshold=0.5, num_classes=4, y_scale=10.0, x_scale=10.0, h_scale=5.0, w_scale=5.0,
                use_regular_nms=regular)
    arrays, quant = detection_case(7, 40, 4, 1, (I8, I8, I8))
    model = detection_model(opts, 40, 4, 1, (I8, I8, I8), quant, arrays["anchors"])
    ours = run_xlite(model, [quant["boxes"][0], quant["scores"][0]], tmp_path)
    real = {k: dequantize(*v) for k, v in quant.items()}
    float_model = detection_model(opts, 40, 4, 1, (F, F, F), {}, real["anchors"])
    ref = run_litert(float_model, [real["boxes"], real["scores"]])
    assert ref[3][0] > 0
    assert_detections_equal(ours, ref, opts, 4)


def test_detection_postprocess_rejects_bad_options(tmp_path):
    arrays, _ = detection_case(0, 8, 2, 1, (F, F, F))
    for opts, message in [
        (dict(max_detections=3, max_classes_per_detection=1, nms_score_threshold=0.1, nms_iou_threshold=1.5,
              num_classes=2, y_scale=10.0, x_scale=10.0, h_scale=5.0, w_scale=5.0), "nms_iou_threshold"),
        (dict(max_detections=3, max_classes_per_detection=1, nms_score_threshold=0.1, nms_iou_threshold=0.5,
              num_classes=2, x_scale=10.0, h_scale=5.0, w_scale=5.0), "'y_scale' is missing"),
        (dict(max_detections=3, max_classes_per_detection=1, nms_score_threshold=0.1, nms_iou_threshold=0.5,
              num_classes=5, y_scale=10.0, x_scale=10.0, h_scale=5.0, w_scale=5.0), "num_classes is 5"),
    ]:
        model = detection_model(opts, 8, 2, 1, (F, F, F), {}, arrays["anchors"])
        path = tmp_path / "bad.tflite"
        path.write_bytes(model)
        r = subprocess.run([str(xlite_bin()), "run", str(path)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 1 and "CUSTOM:TFLite_Detection_PostProcess" in r.stderr and message in r.stderr, \
            r.stderr
    # Options that are not a FlexBuffer at all.
    tensors = [rewrite.tensor(n, s, F) for n, s in [("b", [1, 8, 4]), ("c", [1, 8, 3]), ("a", [8, 4]),
                                                  ("o0", [1, 3, 4]), ("o1", [1, 3]), ("o2", [1, 3]), ("o3", [1])]]
    model = rewrite.custom_op_model("TFLite_Detection_PostProcess", tensors, [0, 1, 2], [3, 4, 5, 6],
                                    custom_options=b"\xff\x00\x07\x09", constants={2: arrays["anchors"]})
    path = tmp_path / "garbage.tflite"
    path.write_bytes(model)
    r = subprocess.run([str(xlite_bin()), "run", str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "FlexBuffers" in r.stderr, r.stderr


# ---- Convolution2DTransposeBias ----

def transpose_conv_bias_numpy(x, w, b, stride_h, stride_w, same):
    """y[n, oy, ox, o] = b[o] + sum over (iy, ix, fy, fx, i) with
    oy = iy*stride_h - pad_top + fy (likewise ox) of x[n, iy, ix, i] * w[o, fy, fx, i]."""
    n, ih, iw, _ = x.shape
    oc, kh, kw, _ = w.shape
    pad_h = max(0, kh - (ih - 1) % stride_h - 1) if same else 0
    pad_w = max(0, kw - (iw - 1) % stride_w - 1) if same else 0
    oh, ow = stride_h * (ih - 1) + kh - pad_h, stride_w * (iw - 1) + kw - pad_w
    full = np.zeros((n, stride_h * (ih - 1) + kh, stride_w * (iw - 1) + kw, oc), np.float64)
    contrib = np.einsum("nyxi,ofgi->nyxfgo", x.astype(np.float64), w.astype(np.float64))
    for fy in range(kh):
        for fx in range(kw):
            full[:, fy:fy + stride_h * ih:stride_h, fx:fx + stride_w * iw:stride_w, :] += contrib[:, :, :, fy, fx, :]
    top, left = pad_h // 2, pad_w // 2
    return (full[:, top:top + oh, left:left + ow, :] + b).astype(np.float32)


# (input shape, kernel (h, w), stride (h, w), SAME): odd and even SAME
# padding totals, VALID, batch 2, strides above and below the kernel size.
# LiteRT's XNNPACK delegate runs all of these (it refuses SAME with a
# stride above the kernel size); test_stablehlo.py exports them too.
TRANSPOSE_CONV_BIAS_CASES = [
    ((1, 4, 4, 3), (2, 2), (2, 2), True),
    ((1, 5, 7, 2), (3, 3), (2, 2), True),
    ((2, 3, 3, 4), (3, 3), (1, 1), False),
    ((1, 6, 5, 1), (4, 3), (3, 2), True),
    ((1, 2, 3, 5), (2, 4), (2, 3), False),
    ((1, 8, 8, 16), (4, 4), (2, 2), True),
    ((1, 4, 4, 3), (1, 1), (3, 3), False),
    ((2, 5, 5, 3), (5, 5), (1, 1), True),
]


def transpose_conv_bias_case(shape, kernel, stride, same):
    """A one-op Convolution2DTransposeBias model with random constant
    weights [3, KH, KW, I] and bias (as MediaPipe's models have them), a
    random input and the NumPy output: (model bytes, x, want)."""
    rng = np.random.default_rng(sum(shape) + 10 * sum(kernel))
    out_c = 3
    x = rng.normal(size=shape).astype(np.float32)
    w = rng.normal(size=(out_c, *kernel, shape[3])).astype(np.float32)
    b = rng.normal(size=(out_c,)).astype(np.float32)
    want = transpose_conv_bias_numpy(x, w, b, stride[0], stride[1], same)
    tensors = [rewrite.tensor("x", shape, F), rewrite.tensor("w", w.shape, F), rewrite.tensor("b", b.shape, F),
               rewrite.tensor("y", want.shape, F)]
    # TfLiteTransposeConvParams: padding (1 SAME, 2 VALID), stride_width, stride_height.
    options = struct.pack("<iii", 1 if same else 2, stride[1], stride[0])
    model = rewrite.custom_op_model("Convolution2DTransposeBias", tensors, [0, 1, 2], [3],
                                    custom_options=options, constants={1: w, 2: b})
    return model, x, want


@pytest.mark.parametrize("shape,kernel,stride,same", TRANSPOSE_CONV_BIAS_CASES)
def test_convolution_2d_transpose_bias_matches_numpy(shape, kernel, stride, same, tmp_path):
    model, x, want = transpose_conv_bias_case(shape, kernel, stride, same)
    ours = run_xlite(model, [x], tmp_path)
    assert ours[0].shape == want.shape
    np.testing.assert_allclose(ours[0], want, rtol=1e-5, atol=1e-5)


SELFIE = [p for p in mediapipe_models() if p.name.startswith("selfie_segmentation")]


def test_selfie_segmentation_models_were_found():
    assert len(SELFIE) == 2


@pytest.mark.parametrize("path", SELFIE, ids=[p.stem for p in SELFIE])
def test_mediapipe_selfie_segmentation_matches_litert(path, tmp_path):
    model = path.read_bytes()
    itp = litert.Interpreter(model_content=model)
    d = itp.get_input_details()[0]
    x = np.random.default_rng(0).uniform(0, 1, d["shape"]).astype(np.float32)
    ref = run_litert(model, [x])  # XNNPACK runs Convolution2DTransposeBias
    for mode in ([], ["--no-compile", "--reference-kernels"]):
        ours = run_xlite(model, [x], tmp_path, *mode)
        assert ours[0].shape == ref[0].shape
        # A sigmoid mask: absolute error.
        assert np.max(np.abs(ours[0] - ref[0])) < 1e-4, np.max(np.abs(ours[0] - ref[0]))


# ---- --custom-ops libraries and errors ----

def affine_model(code="XliteTestAffine", a=1.5, b=-2.0):
    tensors = [rewrite.tensor("x", [2, 3, 5], F), rewrite.tensor("y", [1], F)]
    return rewrite.custom_op_model(code, tensors, [0], [1], custom_options=struct.pack("<ff", a, b))


def plugin():
    p = xlite_bin().parent / "libxlite_test_custom_ops.so"
    if not p.exists():
        pytest.fail(f"{p} not built: run scripts/build.sh")
    return p


def test_custom_ops_library_runs_its_kernel(tmp_path):
    x = np.random.default_rng(3).normal(size=(2, 3, 5)).astype(np.float32)
    ours = run_xlite(affine_model(a=1.5, b=-2.0), [x], tmp_path, "--custom-ops", plugin())
    assert ours[0].shape == (2, 3, 5)
    np.testing.assert_array_equal(ours[0], np.float32(1.5) * x + np.float32(-2.0))
    # bench, compile and inspect accept it too, before or after the model.
    path = tmp_path / "model.tflite"
    for cmd in (["run"], ["bench", "--iterations", "2"], ["compile"], ["inspect"]):
        r = subprocess.run([str(xlite_bin()), *cmd, "--custom-ops", str(plugin()), str(path)],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, (cmd, r.stderr)


def xlite_fails(tmp_path, model, *extra):
    path = tmp_path / "model.tflite"
    path.write_bytes(model)
    r = subprocess.run([str(xlite_bin()), "run", str(path), *map(str, extra)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 1, r.stderr
    return r.stderr


def test_custom_op_kernel_errors_are_reported(tmp_path):
    err = xlite_fails(tmp_path, affine_model("XliteTestFailing"), "--custom-ops", plugin())
    assert "op 0 (CUSTOM:XliteTestFailing): XliteTestFailing always fails" in err, err
    bad_options = rewrite.custom_op_model("XliteTestAffine", [rewrite.tensor("x", [3], F), rewrite.tensor("y", [3], F)],
                                          [0], [1], custom_options=b"\x01\x02")
    err = xlite_fails(tmp_path, bad_options, "--custom-ops", plugin())
    assert "init: XliteTestAffine: custom_options must be two float32s" in err, err


def test_unknown_custom_op_says_how_to_register_one(tmp_path):
    err = xlite_fails(tmp_path, affine_model())  # no --custom-ops
    assert "CUSTOM:XliteTestAffine (version 1) has no registered kernel" in err, err
    assert "--custom-ops lib.so" in err and "xlite_register_custom_ops" in err, err


def test_flex_ops_are_not_supported(tmp_path):
    err = xlite_fails(tmp_path, affine_model("FlexAddV2"))
    assert "CUSTOM:FlexAddV2 is a select TensorFlow op" in err and "select-TF ops" in err, err


def test_custom_ops_library_errors(tmp_path):
    err = xlite_fails(tmp_path, affine_model(), "--custom-ops", tmp_path / "missing.so")
    assert "custom op library '" in err and "missing.so' does not exist" in err, err
    err = xlite_fails(tmp_path, affine_model(), "--custom-ops", xlite_bin().parent / "libxlite_test_no_register.so")
    assert "does not export xlite_register_custom_ops" in err, err
    not_a_library = tmp_path / "notalib.so"
    not_a_library.write_text("hello")
    err = xlite_fails(tmp_path, affine_model(), "--custom-ops", not_a_library)
    assert "cannot load custom op library" in err, err


# ---- kernels registered through xlite.Interpreter and the C API ----

def same_shape_model(code, shape=(2, 3, 5), version=1):
    return rewrite.custom_op_model(code, [rewrite.tensor("x", list(shape), F), rewrite.tensor("y", list(shape), F)],
                                   [0], [1], version=version)


def run_interpreter(model, x, **kwargs):
    import xlite
    itp = xlite.Interpreter(model_content=model, **kwargs)
    itp.allocate_tensors()
    itp.set_tensor(itp.get_input_details()[0]["index"], x)
    itp.invoke()
    return itp.get_tensor(itp.get_output_details()[0]["index"])


X = np.random.default_rng(11).normal(size=(2, 3, 5)).astype(np.float32)


def test_python_kernel_runs():
    calls = []

    def kernel(x):
        calls.append(x.shape)
        return (3 * x + 1).astype(np.float32)

    out = run_interpreter(same_shape_model("PyAffine"), X, custom_ops={"PyAffine": kernel})
    np.testing.assert_array_equal(out, 3 * X + 1)
    assert calls == [(2, 3, 5)]
    # Keyed by (name, version): the model's op is version 1.
    out = run_interpreter(same_shape_model("PyAffine"), X, custom_ops={("PyAffine", 1): np.negative})
    np.testing.assert_array_equal(out, -X)


def test_python_kernel_prepare_sets_output_shapes():
    class Sum:
        def prepare(self, shapes, dtypes):
            assert shapes == [(2, 3, 5)] and dtypes == [np.dtype(np.float32)]
            return [((2, 5), np.int32)]

        def __call__(self, x):
            return np.rint(x.sum(axis=1)).astype(np.int32)

    # The file declares y as float32[1]: prepare() decides.
    model = rewrite.custom_op_model("PySum", [rewrite.tensor("x", [2, 3, 5], F), rewrite.tensor("y", [1], F)],
                                    [0], [1])
    out = run_interpreter(model, X, custom_ops={"PySum": Sum()})
    np.testing.assert_array_equal(out, np.rint(X.sum(axis=1)).astype(np.int32))


@pytest.mark.parametrize("kernel,message", [
    (lambda x: x[0], "output 0 has shape [3,5], the op's output is [2,3,5]"),
    (lambda x: x.astype(np.float64), "output 0 has dtype float64, the op's output is float32"),
    (lambda x: (x, x), "returned 2 arrays, the op has 1 outputs"),
    (lambda x: 1 / 0, "ZeroDivisionError"),
])
def test_python_kernel_errors_name_the_problem(kernel, message):
    import xlite
    with pytest.raises(xlite.InterpreterError, match="PyBad") as e:
        run_interpreter(same_shape_model("PyBad"), X, custom_ops={"PyBad": kernel})
    assert message in str(e.value), str(e.value)


def test_python_kernel_of_another_version_is_not_used():
    with pytest.raises(ValueError, match="PyAffine"):
        run_interpreter(same_shape_model("PyAffine", version=2), X, custom_ops={("PyAffine", 1): np.negative})


def test_interpreter_loads_custom_op_libraries():
    out = run_interpreter(affine_model(a=1.5, b=-2.0), X, custom_op_libraries=[str(plugin())])
    np.testing.assert_array_equal(out, np.float32(1.5) * X + np.float32(-2.0))
    with pytest.raises(ValueError, match="does not exist"):
        run_interpreter(affine_model(), X, custom_op_libraries=["/nonexistent/lib.so"])


def test_c_api_loads_custom_op_libraries(tmp_path):
    import ctypes
    lib = ctypes.CDLL(str(xlite_bin().parent / "libxlite.so"))
    vp, cp = ctypes.c_void_p, ctypes.c_char_p
    for name, res, args in [
        ("XliteModelCreateFromFile", vp, [cp]), ("XliteInterpreterOptionsCreate", vp, []),
        ("XliteInterpreterOptionsAddCustomOpLibrary", None, [vp, cp]), ("XliteInterpreterCreate", vp, [vp, vp]),
        ("XliteInterpreterAllocateTensors", ctypes.c_int, [vp]), ("XliteInterpreterInvoke", ctypes.c_int, [vp]),
        ("XliteInterpreterGetInputTensor", vp, [vp, ctypes.c_int32]),
        ("XliteInterpreterGetOutputTensor", vp, [vp, ctypes.c_int32]),
        ("XliteTensorCopyFromBuffer", ctypes.c_int, [vp, vp, ctypes.c_size_t]),
        ("XliteTensorCopyToBuffer", ctypes.c_int, [vp, vp, ctypes.c_size_t]),
        ("XliteInterpreterDelete", None, [vp]), ("XliteInterpreterOptionsDelete", None, [vp]),
        ("XliteModelDelete", None, [vp])]:
        getattr(lib, name).restype, getattr(lib, name).argtypes = res, args
    path = tmp_path / "affine.tflite"
    path.write_bytes(affine_model(a=0.5, b=4.0))
    model = lib.XliteModelCreateFromFile(str(path).encode())
    options = lib.XliteInterpreterOptionsCreate()
    assert lib.XliteInterpreterCreate(model, options) is None  # no kernel for the op yet
    lib.XliteInterpreterOptionsAddCustomOpLibrary(options, str(plugin()).encode())
    itp = lib.XliteInterpreterCreate(model, options)
    assert itp is not None
    assert lib.XliteInterpreterAllocateTensors(itp) == 0
    x = np.ascontiguousarray(X)
    y = np.empty_like(x)
    assert lib.XliteTensorCopyFromBuffer(lib.XliteInterpreterGetInputTensor(itp, 0), x.ctypes.data, x.nbytes) == 0
    assert lib.XliteInterpreterInvoke(itp) == 0
    assert lib.XliteTensorCopyToBuffer(lib.XliteInterpreterGetOutputTensor(itp, 0), y.ctypes.data, y.nbytes) == 0
    np.testing.assert_array_equal(y, np.float32(0.5) * x + np.float32(4.0))
    lib.XliteInterpreterDelete(itp)
    lib.XliteInterpreterOptionsDelete(options)
    lib.XliteModelDelete(model)
