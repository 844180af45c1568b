# SPDX-License-Identifier: Apache-2.0
"""Smoke test of the benchmark (bench/run.py) on the shipped digits model:
the JSON has every field and sane values. Speed is never asserted."""
import json
import subprocess
import sys

import pytest

from conftest import DIGITS_DIR, ROOT, xlite_bin


def test_bench_quick_json(tmp_path):
    if not xlite_bin().exists():
        pytest.fail(f"{xlite_bin()} not built: run scripts/build.sh first")
    out = tmp_path / "bench.json"
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--quiet",
                        "--xlite", str(xlite_bin()), "--threads", "1", "2",
                        "--models", str(DIGITS_DIR / "digits_int8.tflite"), "--json-out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "digits_int8" in p.stdout and "geomean" in p.stdout
    j = json.loads(out.read_text())
    assert j["config"]["threads"] == [1, 2]
    assert [r["threads"] for r in j["results"]] == [1, 2]
    for r in j["results"]:
        assert r["model"] == "digits_int8" and r["dtype"] == "int8" and r["macs"] > 0
        for side in ("xlite", "litert"):
            s = r[side]
            assert "error" not in s, s
            assert s["rounds"] == 1
            assert 0 < s["latency_min_ms"] <= s["latency_ms"] <= s["latency_p90_ms"]
            assert s["first_invoke_ms"] > 0 and s["init_ms"] > 0
            assert s["peak_rss_bytes"] >= s["rss_start_bytes"] > 0
            assert s["gops"] > 0
        assert r["xlite"]["arena_bytes"] > 0 and r["xlite"]["threads_used"] == r["threads"]
        assert r["litert"]["threads_used"] == r["threads"]
        assert r["litert"]["inputs_from"] == "xlite"  # both ran on the same values
        assert r["ratio"] > 0
        # One paired ratio per round, the round medians' quotients.
        rr = r["round_ratios"]["xlite"]
        assert len(rr) == r["xlite"]["rounds"] == r["litert"]["rounds"]
        assert rr == [x / lr for x, lr in zip(r["xlite"]["round_medians_ms"], r["litert"]["round_medians_ms"])]
    assert set(j["geomean"]) == {"int8 threads=1", "int8 threads=2"}


def test_bench_every_backend_quick(tmp_path):
    """--backends xlite litert xla iree: XLA:CPU and IREE run the model's StableHLO
    export on the same inputs, each limited to the requested threads."""
    pytest.importorskip("jax")
    pytest.importorskip("iree.runtime")
    pytest.importorskip("iree.compiler")
    if not xlite_bin().exists():
        pytest.fail(f"{xlite_bin()} not built: run scripts/build.sh first")
    out = tmp_path / "bench.json"
    models = [DIGITS_DIR / "digits_f32.tflite", DIGITS_DIR / "digits_int8.tflite"]
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--quiet", "--markdown",
                        "--xlite", str(xlite_bin()), "--threads", "1", "2", "--backends", "xlite", "litert", "xla",
                        "iree", "--models", *map(str, models), "--json-out", str(out)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert "| model | dtype | StableHLO | thr | xlite ms | LiteRT ms | XLA ms | IREE ms | xl/LRT | XLA/LRT | IREE/LRT |" \
        in p.stdout, p.stdout
    assert "| digits_int8 | int8 |" in p.stdout and "Init time and peak memory" in p.stdout
    j = json.loads(out.read_text())
    assert j["config"]["backends"] == ["xlite", "litert", "xla", "iree"]
    assert [(r["model"], r["threads"]) for r in j["results"]] == [
        ("digits_f32", 1), ("digits_f32", 2), ("digits_int8", 1), ("digits_int8", 2)]
    for r in j["results"]:
        # float models export as they are; int8 ones with a --quant mode, which the JSON names
        assert r["stablehlo"]["quant"] == (None if r["dtype"] == "float" else r["stablehlo"]["quant"])
        if r["dtype"] == "int8":
            assert r["stablehlo"]["quant"] in ("integer", "float")
        assert r["stablehlo"]["bytes"] > 0 and r["stablehlo"]["iree_compile_ms"] > 0
        for side in ("xlite", "litert", "xla", "iree"):
            s = r[side]
            assert "error" not in s, (side, s)
            assert s["rounds"] == 1
            assert 0 < s["latency_min_ms"] <= s["latency_ms"] <= s["latency_p90_ms"]
            assert s["first_invoke_ms"] > 0 and s["init_ms"] > 0
            assert s["peak_rss_bytes"] >= s["rss_start_bytes"] > 0
            assert s["threads_used"] == r["threads"]
        for side in ("litert", "xla", "iree"):
            assert r[side]["inputs_from"] == "xlite"  # all ran on xlite's saved values
        assert set(r["ratios"]) == {"xlite", "xla", "iree"} and all(v > 0 for v in r["ratios"].values())
        assert r["ratio"] == r["ratios"]["xlite"]
        # The thread knobs took effect: XLA's intra-op pool and IREE's workers.
        assert r["xla"]["thread_census"].get("tf_XLAEigen") == r["threads"], r["xla"]["thread_census"]
        assert f"PJRT_NPROC={r['threads']}" in r["xla"]["thread_knob"]
        workers = [k for k in r["iree"]["thread_census"] if k.startswith("iree-worker")]
        assert len(workers) == r["threads"], r["iree"]["thread_census"]
        assert r["iree"]["compile_ms"] == r["stablehlo"]["iree_compile_ms"]
        assert r["xla"]["compile_ms"] > 0
    assert set(j["geomean_vs_litert"]) == {"xlite", "xla", "iree"}
    assert j["geomean"] == j["geomean_vs_litert"]["xlite"]


def test_bench_backend_that_cannot_run_is_an_error_not_an_abort(tmp_path):
    """An export that fails: XLA and IREE show `error` with a note, xlite and
    LiteRT are still measured. (Every op model exports now, so the failure is
    made by a wrapper of the CLI whose `export` refuses.)"""
    pytest.importorskip("jax")
    if not xlite_bin().exists():
        pytest.fail(f"{xlite_bin()} not built: run scripts/build.sh first")
    wrapper = tmp_path / "xlite"
    wrapper.write_text("#!/bin/sh\n"
                       "if [ \"$1\" = export ]; then echo 'xlite: error: no StableHLO lowering yet for: TEST' >&2; "
                       "exit 1; fi\n"
                       f"exec '{xlite_bin()}' \"$@\"\n")
    wrapper.chmod(0o755)
    model = DIGITS_DIR / "digits_f32.tflite"
    out = tmp_path / "bench.json"
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--quiet", "--threads", "1",
                        "--xlite", str(wrapper), "--backends", "xlite", "litert", "xla", "iree",
                        "--models", str(model), "--json-out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    (r,) = json.loads(out.read_text())["results"]
    assert "error" not in r["xlite"] and "error" not in r["litert"]
    for side in ("xla", "iree"):
        assert "no StableHLO lowering yet for: TEST" in r[side]["error"], r[side]
    assert "note: " + r["model"] + ": XLA: export: " in p.stdout
    assert "error" in p.stdout


def test_xlite_bench_profile_json(xlite):
    p = xlite("bench", DIGITS_DIR / "digits_f32.tflite", "--json", "--profile", "--warmup", "1",
              "--iterations", "3", "--threads", "2")
    assert p.returncode == 0, p.stderr
    j = json.loads(p.stdout)
    assert j["threads"] == 2 and j["threads_used"] == 2
    assert len(j["latencies_ms"]) == 3 and all(t > 0 for t in j["latencies_ms"])
    assert j["arena_bytes"] > 0 and j["init_ms"] > 0 and j["peak_rss_bytes"] > 0
    kinds = [o["kind"] for o in j["profile"]]
    assert "CONV_2D" in kinds and "FULLY_CONNECTED" in kinds
    assert abs(sum(o["percent"] for o in j["profile"]) - 100) < 1e-6
    assert j["profile_by_kind"]["CONV_2D"]["count"] == kinds.count("CONV_2D")


def test_xlite_bench_reports_an_unreadable_model(xlite, tmp_path):
    p = xlite("bench", tmp_path / "absent.tflite")
    assert p.returncode == 1 and p.stderr.startswith("xlite: error:")
