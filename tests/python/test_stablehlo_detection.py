# SPDX-License-Identifier: Apache-2.0
"""`xlite export --stablehlo` of TFLite_Detection_PostProcess, the built-in
custom op (src/ops/custom/detection_postprocess/), with test_stablehlo.py's
export and backends and test_custom_ops.py's one-op models: its option
sweep (fast and regular NMS, with and without a background class, several
max_detections / classes, uint8 inputs exported with --quant=float,
thresholds that make NMS suppress) runs on XLA against LiteRT's default and
reference (BUILTIN_REF) resolvers, a sample on IREE; anchors as constants
and as an input; int8 inputs against LiteRT on the dequantized floats;
scores on a coarse grid for ties between a box's classes.
num_detections and the classes must be equal, boxes and scores within
float rounding (IREE computes the f64 box decoding in f32), and the slots
past the detections zero.
"""
import numpy as np
import pytest

from test_custom_ops import (DETECTION_CASES, F, I8, dequantize, detection_case, detection_model,
                             run_litert as run_litert_custom)
from test_stablehlo import BACKENDS, export, litert, run_xla


def detection_inputs(case, trial, anchors_input=False):
    opts, num_boxes, background, types, seed = case
    arrays, quant = detection_case(1000 * seed + trial, num_boxes, opts["num_classes"], background, types)
    model = detection_model(opts, num_boxes, opts["num_classes"], background, types, quant, arrays["anchors"],
                            anchors_input)
    names = ("boxes", "scores", "anchors") if anchors_input else ("boxes", "scores")
    inputs = [quant[k][0] if k in quant else arrays[k] for k in names]
    return model, inputs, ("float" if quant else None)


def assert_detections_close(ours, ref, opts, label):
    """The slots LiteRT writes (test_custom_ops.assert_detections_equal);
    xlite writes zeros in the others, as its runtime kernel."""
    assert [o.shape for o in ours] == [r.shape for r in ref], label
    assert all(o.dtype == np.float32 for o in ours), label
    n = int(ref[3][0])
    assert ours[3][0] == n, f"{label}: {ours[3][0]} detections, LiteRT {n}"
    per = opts["max_classes_per_detection"]
    if opts["use_regular_nms"]:
        slots = list(range(n))
    else:
        slots = [k * per + c for k in range(n) for c in range(min(per, opts["num_classes"]))]
    np.testing.assert_array_equal(ours[1][0, slots], ref[1][0, slots], err_msg=f"{label}: classes")
    np.testing.assert_allclose(ours[2][0, slots], ref[2][0, slots], rtol=1e-6, atol=0, err_msg=f"{label}: scores")
    np.testing.assert_allclose(ours[0][0, slots], ref[0][0, slots], rtol=1e-5, atol=1e-6, err_msg=f"{label}: boxes")
    unused = np.ones(ours[1].shape[1], bool)
    unused[slots] = False
    for o in ours[:3]:
        assert not np.any(o[0, unused]), f"{label}: a slot past the detections is not zero"


def detection_check(case, tmp_path, backend, trials, anchors_input=False):
    opts = case[0]
    found = 0
    for trial in range(trials):
        model, inputs, quant = detection_inputs(case, trial, anchors_input)
        path = tmp_path / "detect.tflite"
        path.write_bytes(model)
        r = export(path, tmp_path / "detect.mlir", quant, ["--overwrite"])
        assert r.returncode == 0, r.stderr
        ours = BACKENDS[backend]((tmp_path / "detect.mlir").read_text(), inputs)
        for resolver in (None, litert.OpResolverType.BUILTIN_REF):
            ref = run_litert_custom(model, inputs, resolver)
            assert_detections_close(ours, ref, opts, f"trial {trial} resolver {resolver}")
        found += int(ref[3][0])
    if opts["nms_score_threshold"] < 0.9:
        assert found > 0, "no detections: the case checks nothing"


@pytest.mark.parametrize("opts,num_boxes,background,types,seed", DETECTION_CASES)
def test_detection_postprocess_xla(opts, num_boxes, background, types, seed, tmp_path):
    detection_check((opts, num_boxes, background, types, seed), tmp_path, "xla", trials=2)


# Anchors as a model input instead of a constant (float and uint8).
ANCHOR_INPUT_DETECTION = [c for c in DETECTION_CASES if c.id in ("fast-3-iou0.3", "fast-8-iou0.6", "regular-12-iou0.3",
                                                                    "regular-14-iou0.6")]


@pytest.mark.parametrize("opts,num_boxes,background,types,seed", ANCHOR_INPUT_DETECTION)
def test_detection_postprocess_anchor_input_xla(opts, num_boxes, background, types, seed, tmp_path):
    detection_check((opts, num_boxes, background, types, seed), tmp_path, "xla", trials=2, anchors_input=True)


# One fast and one regular case each with float and uint8 inputs.
IREE_DETECTION = [c for c in DETECTION_CASES if c.id in ("fast-2-iou0.3", "fast-6-iou0.6", "regular-11-iou0.3",
                                                            "regular-14-iou0.6")]


@pytest.mark.parametrize("opts,num_boxes,background,types,seed", IREE_DETECTION)
def test_detection_postprocess_iree(opts, num_boxes, background, types, seed, tmp_path):
    pytest.importorskip("iree.compiler")
    pytest.importorskip("iree.runtime")
    detection_check((opts, num_boxes, background, types, seed), tmp_path, "iree", trials=1)


def test_detection_postprocess_refuses_negative_anchor_sizes(tmp_path):
    """The kernel refuses a decoded box with ymin > ymax when it runs;
    constant anchors are checked when the model is exported."""
    opts = DETECTION_CASES[0].values[0]
    arrays, _ = detection_case(0, 8, opts["num_classes"], 1, (F, F, F))
    arrays["anchors"][5, 2] = -0.1
    path = tmp_path / "neg.tflite"
    path.write_bytes(detection_model(opts, 8, opts["num_classes"], 1, (F, F, F), {}, arrays["anchors"]))
    r = export(path, tmp_path / "neg.mlir")
    assert r.returncode != 0 and "anchor 5 has a negative height" in r.stderr, r.stderr


@pytest.mark.parametrize("max_cls,num_classes,backend", [(2, 9, "xla"), (3, 7, "xla"), (5, 10, "xla"), (6, 6, "xla"),
                                                         (5, 10, "iree")])
def test_detection_postprocess_class_ties(max_cls, num_classes, backend, tmp_path):
    """Scores on a coarse grid, so a box's classes tie often: the classes of
    each detection must come in the order of the kernel's partial_sort
    (libstdc++'s heap selection; a plain class-index tie-break gets 5 to 11
    of the 12 detections wrong here)."""
    if backend == "iree":
        pytest.importorskip("iree.compiler")
        pytest.importorskip("iree.runtime")
    opts = dict(max_detections=12, max_classes_per_detection=max_cls, detections_per_class=100,
                nms_score_threshold=0.3, nms_iou_threshold=0.5, num_classes=num_classes, y_scale=10.0,
                x_scale=10.0, h_scale=5.0, w_scale=5.0, use_regular_nms=False)
    arrays, _ = detection_case(max_cls * 100 + num_classes, 40, num_classes, 1, (F, F, F))
    scores = (np.round(arrays["scores"] * 3) / 3).astype(np.float32)
    model = detection_model(opts, 40, num_classes, 1, (F, F, F), {}, arrays["anchors"])
    path = tmp_path / "ties.tflite"
    path.write_bytes(model)
    r = export(path, tmp_path / "ties.mlir")
    assert r.returncode == 0, r.stderr
    ours = BACKENDS[backend]((tmp_path / "ties.mlir").read_text(), [arrays["boxes"], scores])
    ref = run_litert_custom(model, [arrays["boxes"], scores])
    assert ref[3][0] > 0
    assert_detections_close(ours, ref, opts, "ties")


@pytest.mark.parametrize("regular", [False, True])
def test_detection_postprocess_int8_xla(regular, tmp_path):
    """int8 inputs (which LiteRT refuses; xlite's kernel dequantizes them)
    must give what LiteRT gives for the dequantized float inputs."""
    opts = dict(max_detections=10, max_classes_per_detection=2, detections_per_class=100, nms_score_threshold=0.2,
                nms_iou_threshold=0.5, num_classes=4, y_scale=10.0, x_scale=10.0, h_scale=5.0, w_scale=5.0,
                use_regular_nms=regular)
    arrays, quant = detection_case(7, 40, 4, 1, (I8, I8, I8))
    path = tmp_path / "int8.tflite"
    path.write_bytes(detection_model(opts, 40, 4, 1, (I8, I8, I8), quant, arrays["anchors"]))
    r = export(path, tmp_path / "int8.mlir", "float")
    assert r.returncode == 0, r.stderr
    ours = run_xla((tmp_path / "int8.mlir").read_text(), [quant["boxes"][0], quant["scores"][0]])
    real = {k: dequantize(*v) for k, v in quant.items()}
    ref = run_litert_custom(detection_model(opts, 40, 4, 1, (F, F, F), {}, real["anchors"]),
                            [real["boxes"], real["scores"]])
    assert ref[3][0] > 0
    assert_detections_close(ours, ref, opts, "int8")
