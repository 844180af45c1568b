# SPDX-License-Identifier: Apache-2.0
"""xlite side by side with LiteRT (default XNNPACK delegate, same num_threads).

For each model and thread count, R rounds; each round runs `xlite bench --json`
and bench/litert_runner.py, each in its own process (so each peak RSS is its
own), the order swapped every round. Each process warms up, then times
`--iterations` invokes; a round's latency is that process's median, and the
table shows the median over rounds. Both sides run on the same inputs (the
values xlite generates with --seed, saved as .npy). See bench/README.md.

  .venv/bin/python bench/run.py --set arch            # the 224x224 keras set
  .venv/bin/python bench/run.py --set mediapipe       # the MediaPipe wheel's models
  .venv/bin/python bench/run.py --models a.tflite b.tflite --threads 1 --quick
"""
import argparse
import datetime
import json
import math
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import model_cache  # noqa: E402

# The set: keras.applications at 224x224, random weights, float32 and full int8.
ARCH_MODELS = ["mobilenet", "mobilenet_v2", "mobilenet_v3_small", "efficientnet_b0", "resnet50"]
ARCH_VARIANTS = ["f32", "int8"]


def arch_models():
    d = model_cache.arch_dir()
    paths = [d / f"{m}_{v}.tflite" for m in ARCH_MODELS for v in ARCH_VARIANTS]
    missing = [p.name for p in paths if not p.exists()]
    if missing:
        sys.exit(f"run.py: the arch set is not in {d} (missing {', '.join(missing)}).\n"
                 f"Generate it once (TensorFlow, a few minutes) from the repository root:\n  "
                 + model_cache.ARCH_GENERATE.format(out=d))
    if not list(d.glob(".generated-*")):
        print(f"run.py: note: {d} has no .generated-* stamp: its generation may not have finished", file=sys.stderr)
    return paths


def last_error_line(stderr, fallback):
    lines = [ln for ln in stderr.strip().splitlines() if ln.strip() and not ln.startswith("INFO:")]
    line = lines[-1] if lines else fallback
    # "xlite: error: PATH: why" -> "why"
    for prefix in ("xlite: error: ", "litert_runner: error: "):
        if line.startswith(prefix):
            line = line[len(prefix):]
            head, sep, rest = line.partition(": ")
            if sep and pathlib.Path(head).suffix == ".tflite":
                line = rest
    return line


def run_side(cmd, timeout):
    """Runs one bench process; returns (json or None, error line or None, stderr)."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s", ""
    if p.returncode != 0:
        why = f"exit code {p.returncode}" if p.returncode > 0 else f"killed by signal {-p.returncode}"
        return None, last_error_line(p.stderr, why), p.stderr
    try:
        return json.loads(p.stdout), None, p.stderr
    except json.JSONDecodeError:
        return None, "printed no JSON", p.stderr


def summarize(rounds):
    """Medians over rounds of each process's numbers."""
    med = lambda key, sub=None: statistics.median(r[key][sub] if sub else r[key] for r in rounds)  # noqa: E731
    first = rounds[0]
    s = {
        "rounds": len(rounds),
        "latency_ms": med("latency_ms", "median"),
        "latency_min_ms": min(r["latency_ms"]["min"] for r in rounds),
        "latency_p90_ms": med("latency_ms", "p90"),
        "first_invoke_ms": med("latency_ms", "first"),
        "round_medians_ms": [r["latency_ms"]["median"] for r in rounds],
        "init_ms": med("init_ms"),
        "peak_rss_bytes": int(med("peak_rss_bytes")),
        "rss_start_bytes": int(med("rss_start_bytes")),
        "arena_bytes": first.get("arena_bytes"),
        "threads_used": first.get("threads_used"),
    }
    for k in ("delegate_nodes", "inputs_from", "litert_version"):
        if k in first:
            s[k] = first[k]
    return s


def dtype_class(inspect_json, path):
    """'int8' for a model with int8/uint8 inputs (the full-int8 set), else 'float'."""
    if inspect_json:
        if any(i["dtype"] in ("int8", "uint8") for i in inspect_json.get("inputs", [])):
            return "int8"
        if any(i["dtype"] == "int16" for i in inspect_json.get("inputs", [])):
            return "int16"
        return "float"
    return "int8" if "int8" in path.name else "float"


def gops(macs, ms):
    return 2 * macs / (ms * 1e-3) / 1e9 if macs and ms else None


def bench_model(path, threads, args, log):
    path = pathlib.Path(path)
    path.read_bytes()  # page cache warm: neither side's first init reads the disk
    ins = subprocess.run([str(args.xlite), "inspect", "--json", str(path)], capture_output=True, text=True)
    inspect_json = json.loads(ins.stdout) if ins.returncode == 0 else None
    macs = inspect_json.get("macs") if inspect_json else None
    rows = []
    with tempfile.TemporaryDirectory(prefix="xlite-bench-") as inputs_dir:
        for n in threads:
            common = ["--threads", str(n), "--warmup", str(args.warmup), "--iterations", str(args.iterations),
                      "--seed", str(args.seed)]
            xl_cmd = [str(args.xlite), "bench", str(path), "--json", "--save-inputs", inputs_dir, *common]
            lrt_cmd = [sys.executable, str(ROOT / "bench" / "litert_runner.py"), str(path),
                       "--inputs", inputs_dir, *common]
            results = {"xlite": [], "litert": []}
            errors = {"xlite": None, "litert": None}
            xnnpack_line = False
            for r in range(args.rounds):
                order = ["xlite", "litert"] if r % 2 == 0 else ["litert", "xlite"]
                for side in order:
                    if errors[side]:
                        continue
                    j, err, stderr = run_side(xl_cmd if side == "xlite" else lrt_cmd, args.timeout)
                    if side == "litert" and "XNNPACK delegate" in stderr:
                        xnnpack_line = True
                    if err:
                        errors[side] = err
                    else:
                        results[side].append(j)
                log(f"  {path.stem} threads={n} round {r + 1}/{args.rounds}: " + ", ".join(
                    f"{s} {results[s][-1]['latency_ms']['median']:.2f} ms" if results[s] and not errors[s]
                    else f"{s} failed" for s in ("xlite", "litert")))
            row = {"model": path.stem, "path": str(path), "dtype": dtype_class(inspect_json, path),
                   "threads": n, "macs": macs}
            for side in ("xlite", "litert"):
                row[side] = {"error": errors[side]} if errors[side] else summarize(results[side])
                if not errors[side]:
                    row[side]["gops"] = gops(macs, row[side]["latency_ms"])
            if not errors["litert"]:
                row["litert"]["xnnpack_delegate_created"] = xnnpack_line
            if not errors["xlite"] and not errors["litert"]:
                row["ratio"] = row["xlite"]["latency_ms"] / row["litert"]["latency_ms"]
            rows.append(row)
    return rows


def geomeans(rows):
    out = {}
    for row in rows:
        if "ratio" in row:
            out.setdefault(f"{row['dtype']} threads={row['threads']}", []).append(row["ratio"])
    return {k: {"geomean_ratio": math.exp(sum(map(math.log, v)) / len(v)), "models": len(v)}
            for k, v in sorted(out.items())}


def fmt(v, spec, missing="-"):
    return missing if v is None else format(v, spec)


def fmt_ms(side):
    """A latency with 3 significant digits at least, or why there is none."""
    if "error" in side:
        return "missing ops" if "cannot run yet" in side["error"] else "error"
    v = side["latency_ms"]
    return format(v, ".2f" if v >= 1 else ".3f" if v >= 0.1 else ".4f")


def add_peak_fractions(rows, peaks):
    """Achieved fraction of the machine's peak: per core, times the threads a side used."""
    for r in rows:
        peak = peaks.get("int8" if r["dtype"] == "int8" else "float")
        for side in ("xlite", "litert"):
            s = r[side]
            if peak and s.get("gops"):
                s["peak_fraction"] = s["gops"] / (peak * s["threads_used"])


def print_table(rows, geo, out=sys.stdout):
    mb = lambda b: None if b is None else b / 1e6  # noqa: E731
    pct = lambda v: None if v is None else 100 * v  # noqa: E731
    with_peak = any("peak_fraction" in r[s] for r in rows for s in ("xlite", "litert"))
    head = ["model", "dtype", "thr", "xlite ms", "LiteRT ms", "xl/LRT", "xl GOP/s", "LRT GOP/s",
            *(["xl %pk", "LRT %pk"] if with_peak else []),
            "xl RSS MB", "LRT RSS MB", "xl arena MB", "xl init ms", "LRT init ms"]
    table = []
    notes = []
    for r in rows:
        x, l = r["xlite"], r["litert"]
        ok_x, ok_l = "error" not in x, "error" not in l
        table.append([
            r["model"], r["dtype"], str(r["threads"]),
            fmt_ms(x), fmt_ms(l),
            fmt(r.get("ratio"), ".2f"),
            fmt(x.get("gops"), ".1f"), fmt(l.get("gops"), ".1f"),
            *([fmt(pct(x.get("peak_fraction")), ".1f"), fmt(pct(l.get("peak_fraction")), ".1f")] if with_peak else []),
            fmt(mb(x.get("peak_rss_bytes")), ".1f"), fmt(mb(l.get("peak_rss_bytes")), ".1f"),
            fmt(mb(x.get("arena_bytes")), ".2f"),
            fmt(x.get("init_ms"), ".1f"), fmt(l.get("init_ms"), ".1f"),
        ])
        for side, ok, d in (("xlite", ok_x, x), ("LiteRT", ok_l, l)):
            if not ok:
                note = f"{r['model']}: {side}: {d['error']}"
                if note not in notes:
                    notes.append(note)
    widths = [max(len(h), *(len(t[i]) for t in table)) if table else len(h) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 or i == 1 else c.rjust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths)))
    print(line(head), file=out)
    print(line(["-" * w for w in widths]), file=out)
    for t in table:
        print(line(t), file=out)
    if geo:
        print("\ngeomean xlite/LiteRT: " + "; ".join(
            f"{k}: {v['geomean_ratio']:.2f} ({v['models']} models)" for k, v in geo.items()), file=out)
    bases = [r["litert"]["rss_start_bytes"] for r in rows if "error" not in r["litert"]]
    if bases:
        print(f"LiteRT's RSS includes Python, numpy and the LiteRT library: {statistics.median(bases) / 1e6:.1f} MB "
              "before the model is loaded.", file=out)
    threads_used = {r["xlite"].get("threads_used") for r in rows if "error" not in r["xlite"]}
    if threads_used == {1} and any(r["threads"] > 1 for r in rows):
        print("xlite runs single-threaded for now: its rows at threads > 1 ran on one thread.", file=out)
    for n in notes:
        print("note: " + n, file=out)


def machine():
    cpu = ""
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cpus": os.cpu_count(), "platform": platform.platform(),
            "loadavg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--set", choices=["arch", "mediapipe"], help="a model set (see bench/README.md)")
    src.add_argument("--models", nargs="+", help="explicit .tflite files")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts (default 1 2)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds per side (default 3)")
    ap.add_argument("--warmup", type=int, default=2, help="untimed invokes per process (default 2)")
    ap.add_argument("--iterations", type=int, default=10, help="timed invokes per process (default 10)")
    ap.add_argument("--quick", action="store_true", help="1 round, 1 warm-up, 3 iterations (a smoke test)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the random inputs (default 0)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per bench process (default 1800)")
    ap.add_argument("--xlite", default=os.environ.get("XLITE_BIN", str(ROOT / "build" / "xlite")),
                    help="the xlite binary (default build/xlite, or $XLITE_BIN)")
    ap.add_argument("--peak-f32", type=float,
                    help="the machine's fp32 peak per core, GFLOP/s (default: measured by `xlite peak`)")
    ap.add_argument("--peak-int8", type=float,
                    help="the machine's int8 peak per core, GOP/s (default: measured by `xlite peak`)")
    ap.add_argument("--json-out", help="write the results here as JSON")
    ap.add_argument("--quiet", action="store_true", help="no per-round progress on stderr")
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.warmup, args.iterations = 1, 1, 3
    if not pathlib.Path(args.xlite).exists():
        sys.exit(f"run.py: {args.xlite} not built: run scripts/build.sh first")

    if args.set == "arch":
        models = arch_models()
    elif args.set == "mediapipe":
        models = model_cache.mediapipe_models()
    else:
        models = [pathlib.Path(m) for m in args.models]
        for m in models:
            if not m.is_file():
                sys.exit(f"run.py: {m}: no such file")

    log = (lambda msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
    if args.peak_f32 is None or args.peak_int8 is None:
        # Measured once, before the models, on one core.
        peak = json.loads(subprocess.run([args.xlite, "peak", "--json"], capture_output=True, text=True,
                                         check=True).stdout)
        args.peak_f32 = args.peak_f32 or peak["f32_gflops"]
        args.peak_int8 = args.peak_int8 or peak["i8_gops"]
        log(f"peak per core: {args.peak_f32:.1f} GFLOP/s fp32, {args.peak_int8:.1f} GOP/s int8 ({peak['f32_variant']})")
    start = machine()
    rows = []
    for m in models:
        log(f"{m}")
        rows.extend(bench_model(m, args.threads, args, log))
    add_peak_fractions(rows, {"float": args.peak_f32, "int8": args.peak_int8})
    geo = geomeans(rows)
    print_table(rows, geo)
    if args.json_out:
        result = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "config": {"set": args.set, "threads": args.threads, "rounds": args.rounds, "warmup": args.warmup,
                       "iterations": args.iterations, "seed": args.seed, "xlite": args.xlite,
                       "peak_f32_gflops": args.peak_f32, "peak_int8_gops": args.peak_int8},
            "machine": start,
            "loadavg_end": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
            "results": rows,
            "geomean": geo,
        }
        pathlib.Path(args.json_out).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
