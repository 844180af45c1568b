# SPDX-License-Identifier: Apache-2.0
"""`xlite compile`: the report, the IR dump, and errors."""
import json

from conftest import DIGITS_DIR, OPS_DIR


def test_compile_folds_float16_weights(xlite):
    r = xlite("compile", "--json", OPS_DIR / "conv2d_same_relu6_f16w.tflite")
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["op_counts_before"]["DEQUANTIZE"] == 2
    assert "DEQUANTIZE" not in j["op_counts_after"]
    assert j["ops_after"] == 1
    fold = next(p for p in j["passes"] if p["pass"] == "fold_constants")
    assert fold["changed"] and any("DEQUANTIZE" in line for line in fold["log"])
    assert 0 < j["arena_bytes"] <= j["naive_arena_bytes"]


def test_compile_plans_a_smaller_arena_than_one_slice_per_tensor(xlite):
    r = xlite("compile", "--json", DIGITS_DIR / "digits_f32.tflite")
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["arena_bytes"] < j["naive_arena_bytes"]
    for key in ("load_ms", "passes_ms", "plan_ms"):
        assert j[key] >= 0


def test_dump_after_prints_text_ir_that_compile_reads_back(xlite, tmp_path):
    r = xlite("compile", "--dump-after", "fold_constants", OPS_DIR / "fc_relu_f16w.tflite")
    assert r.returncode == 0, r.stderr
    assert "// ---- IR after fold_constants" in r.stdout
    assert "FULLY_CONNECTED(" in r.stdout and "DEQUANTIZE(" not in r.stdout.split("after fold_constants")[1]
    # --print-ir with small constants inline parses back as a model.
    r = xlite("compile", "--print-ir", OPS_DIR / "add_relu6_f32.tflite")
    ir = r.stdout[r.stdout.index("subgraph 0"):r.stdout.index("\n}\n") + 3]
    (tmp_path / "m.txt").write_text(ir)
    r2 = xlite("compile", "--json", tmp_path / "m.txt")
    assert r2.returncode == 0, r2.stderr


def test_unknown_pass_is_a_usage_error(xlite):
    r = xlite("compile", "--dump-after", "no_such_pass", DIGITS_DIR / "digits_f32.tflite")
    assert r.returncode == 2
    assert "unknown pass 'no_such_pass'" in r.stderr


def test_saved_plan_runs_like_the_model_and_is_not_overwritten(xlite, tmp_path):
    import numpy as np
    model = DIGITS_DIR / "digits_int8.tflite"
    plan = tmp_path / "digits.xlc"
    r = xlite("compile", model, "-o", plan)
    assert r.returncode == 0, r.stderr
    assert "saved the compiled plan" in r.stdout
    r = xlite("compile", model, "-o", plan)
    assert r.returncode == 1 and "exists; pass --overwrite" in r.stderr
    assert xlite("compile", model, "-o", plan, "--overwrite").returncode == 0
    outs = []
    for src, d in ((model, "a"), (plan, "b")):
        r = xlite("run", src, "--seed", "3", "--json", "-o", tmp_path / d)
        assert r.returncode == 0, r.stderr
        outs.append([np.load(o["file"]) for o in json.loads(r.stdout)["outputs"]])
    for a, b in zip(*outs):
        assert a.dtype == b.dtype and np.array_equal(a, b)



def test_compile_reports_the_packed_weights(xlite):
    """The kernels' packed copies of the weights are counted with the model
    constants they came from: for the digits CNN every weight is a conv or
    fully-connected filter or bias, and the panels hold them (padded to
    whole panels), so they are at least as large."""
    model = DIGITS_DIR / "digits_f32.tflite"
    r = xlite("compile", "--json", model)
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    info = json.loads(xlite("inspect", "--json", model).stdout)
    weight_bytes = info["weight_bytes"]
    assert 0 < j["packed_from_bytes"] <= weight_bytes
    assert j["packed_weight_bytes"] >= j["packed_from_bytes"]
    assert "packed weights:" in xlite("compile", model).stdout


def test_compile_reports_the_winograd_layout(xlite):
    """A float 3x3 stride-1 convolution with channels and tiles enough runs
    as Winograd F(4x4, 3x3) (its weights in that domain, 36 points per 3x3
    tap set); an RGB-sized one and the int8 one keep the GEMM panels."""
    layout = "CONV_2D as Winograd F(4x4, 3x3)"
    j = json.loads(xlite("compile", "--json", OPS_DIR / "conv2d_winograd_same_relu_f32.tflite").stdout)
    assert j["packed_layouts"] == {layout: 1}
    # 32 x 24 channel pairs, 36 floats each, plus the bias (rounded up).
    assert j["packed_weight_bytes"] >= 36 * 32 * 24 * 4
    assert f"1 {layout}" in xlite("compile", OPS_DIR / "conv2d_winograd_same_relu_f32.tflite").stdout
    for other in ("conv2d_winograd_same_relu_int8.tflite", "conv2d_same_f32.tflite", "conv2d_stride2_same_f32.tflite"):
        j = json.loads(xlite("compile", "--json", OPS_DIR / other).stdout)
        assert j["packed_layouts"] == {}, other


def test_int8_swish_becomes_one_table_that_survives_a_saved_plan(xlite, tmp_path):
    """EfficientNetB0 int8: fuse_int8_table turns its swishes (LOGISTIC then
    MUL(x, logistic(x))) into xlite.Int8Table; the squeeze-excite gates (a MUL
    of another tensor) stay. The saved plan keeps the tables and gives the
    reference kernels' outputs on the unfused model exactly."""
    import numpy as np
    model = OPS_DIR.parent / "arch" / "efficientnet_b0_c10_int8.tflite"
    plan = tmp_path / "e.xlc"
    r = xlite("compile", "--json", model, "-o", plan)
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout[r.stdout.index("{"):])
    before, after = j["op_counts_before"], j["op_counts_after"]
    fused = after.get("CUSTOM:xlite.Int8Table", 0)
    assert fused > 0
    assert after["LOGISTIC"] == before["LOGISTIC"] - fused and after["MUL"] == before["MUL"] - fused
    log = next(p for p in j["passes"] if p["pass"] == "fuse_int8_table")["log"]
    assert len(log) == fused and all("into xlite.Int8Table" in line for line in log)
    outs = []
    for src, d, extra in ((model, "a", ["--no-compile", "--reference-kernels"]), (plan, "b", ["--threads", "2"])):
        r = xlite("run", src, "--seed", "5", "--json", "-o", tmp_path / d, *extra)
        assert r.returncode == 0, r.stderr
        outs.append([np.load(o["file"]) for o in json.loads(r.stdout)["outputs"]])
    for a, b in zip(*outs):
        assert a.dtype == b.dtype and np.array_equal(a, b)
