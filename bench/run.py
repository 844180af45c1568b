# SPDX-License-Identifier: Apache-2.0
"""xlite side by side with LiteRT (default XNNPACK delegate, same num_threads),
and with --backends also XLA:CPU (jaxlib) and IREE (llvm-cpu, local-task) on the
model's `xlite export --stablehlo` module.

For each model and thread count, R rounds; each round runs every backend's bench
process (`xlite bench --json`, bench/litert_runner.py, bench/xla_runner.py,
bench/iree_runner.py), each in its own process (so each peak RSS is its own),
the order reversed every round. Each process warms up, then times
`--iterations` invokes; a round's latency is that process's median, and the
table shows the median over rounds, the ratio of those medians, and the range
of the rounds' own ratios (each round's pair runs back to back). Every side
runs on the same inputs (the values xlite generates with --seed, saved as
.npy). See bench/README.md.

  .venv/bin/python bench/run.py --set arch            # the 224x224 keras set
  .venv/bin/python bench/run.py --set mediapipe       # the MediaPipe wheel's models
  .venv/bin/python bench/run.py --models a.tflite b.tflite --threads 1 --quick
  .venv/bin/python bench/run.py --set arch --backends xlite litert xla iree --markdown
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
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import model_cache  # noqa: E402

# The set: keras.applications at 224x224, random weights, float32 and full int8.
ARCH_MODELS = ["mobilenet", "mobilenet_v2", "mobilenet_v3_small", "efficientnet_b0", "resnet50"]
ARCH_VARIANTS = ["f32", "int8"]

BACKENDS = ["xlite", "litert", "xla", "iree"]
NAME = {"xlite": "xlite", "litert": "LiteRT", "xla": "XLA", "iree": "IREE"}   # column headers
SHORT = {"xlite": "xl", "litert": "LRT", "xla": "XLA", "iree": "IREE"}
KNOB = {"xlite": "`--threads N`", "litert": "`num_threads=N` (interpreter and XNNPACK)",
        "xla": "`PJRT_NPROC=N` (intra-op pool), N = 1 adds `--xla_cpu_multi_thread_eigen=false`",
        "iree": "`--task_topology_group_count=N` (local-task workers)"}
STABLEHLO = ("xla", "iree")  # the backends that run the exported module


def arch_models(variants=ARCH_VARIANTS):
    d = model_cache.arch_dir()
    paths = [d / f"{m}_{v}.tflite" for m in ARCH_MODELS for v in variants]
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
    for prefix in ("xlite: error: ", "litert_runner: error: ", "xla_runner: error: ", "iree_runner: error: "):
        if line.startswith(prefix):
            line = line[len(prefix):]
            head, sep, rest = line.partition(": ")
            if sep and pathlib.Path(head).suffix in (".tflite", ".mlir", ".vmfb"):
                line = rest
    return line[:300]


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
    if all(r.get("busy_threads") is not None for r in rounds):
        s["busy_threads"] = med("busy_threads")
    for k in ("delegate_nodes", "inputs_from", "litert_version", "jaxlib_version", "iree_version", "thread_knob",
              "thread_census", "compile_ms", "vmfb_bytes"):
        if k in first:
            s[k] = first[k]
    if any(r.get("compile_ms") is not None for r in rounds):
        s["compile_ms"] = statistics.median(r["compile_ms"] for r in rounds if r.get("compile_ms") is not None)
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


def export_stablehlo(path, out_dir, args):
    """The model as a StableHLO module for XLA and IREE, once per model. A quantized
    model is refused without --quant: then --quant=integer (TFLite's integer
    arithmetic) where every op has an integer lowering, else --quant=float;
    --stablehlo-quant picks one of the two instead.
    Returns {"path", "quant", "ms", "bytes"} or {"error"}."""
    out = pathlib.Path(out_dir) / "model.mlir"
    tried = []
    modes = {"auto": ("integer", "float"), "integer": ("integer",), "float": ("float",)}[args.stablehlo_quant]
    for quant in (None, *modes):
        cmd = [str(args.xlite), "export", "--stablehlo", str(path), "-o", str(out), "--overwrite",
               *([f"--quant={quant}"] if quant else [])]
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"export timed out after {args.timeout} s"}
        if p.returncode == 0:
            return {"path": str(out), "quant": quant, "ms": (time.perf_counter() - t0) * 1e3,
                    "bytes": out.stat().st_size, **({"refused": tried} if tried else {})}
        tried.append(f"{'--quant=' + quant if quant else 'export'}: {last_error_line(p.stderr, 'failed')}")
        if quant is None and "--quant" not in p.stderr:
            break  # not a quantized model: another mode will not help
    return {"error": "; ".join(tried)}


def side_commands(path, inputs_dir, export, common, args):
    """The bench command of each backend; xla and iree have none where the export or the IREE compile failed."""
    here = ROOT / "bench"
    cmds = {"xlite": [str(args.xlite), "bench", str(path), "--json", "--save-inputs", inputs_dir, *common],
            "litert": [sys.executable, str(here / "litert_runner.py"), str(path), "--inputs", inputs_dir, *common]}
    if export and "path" in export:
        mlir = export["path"]
        cmds["xla"] = [sys.executable, str(here / "xla_runner.py"), mlir, "--inputs", inputs_dir, *common,
                       *(["--ynn-fusion"] if args.xla_ynn_fusion else [])]
        if export.get("vmfb"):
            cmds["iree"] = [sys.executable, str(here / "iree_runner.py"), export["vmfb"], "--mlir", mlir,
                            "--inputs", inputs_dir, *common]
    return cmds


def compile_iree(export, args):
    """IREE compiles ahead of time: once per model, into a .vmfb every round loads."""
    vmfb = str(pathlib.Path(export["path"]).with_suffix(".vmfb"))
    j, err, _ = run_side([sys.executable, str(ROOT / "bench" / "iree_runner.py"), export["path"],
                          "--vmfb-out", vmfb], args.timeout)
    if err:
        export["iree_error"] = f"compile: {err}"
    else:
        export["vmfb"], export["iree_compile_ms"], export["vmfb_bytes"] = vmfb, j["compile_ms"], j["vmfb_bytes"]


def round_order(backends, r):
    """Forward in even rounds, reversed in odd ones, so slow drift of the machine's load
    falls on every side; xlite first in round 1, since it writes the inputs the others load."""
    order = list(backends) if r % 2 == 0 else list(reversed(backends))
    if r == 0 and "xlite" in order:
        order.remove("xlite")
        order.insert(0, "xlite")
    return order


def bench_model(path, threads, args, log):
    path = pathlib.Path(path)
    path.read_bytes()  # page cache warm: no side's first init reads the disk
    ins = subprocess.run([str(args.xlite), "inspect", "--json", str(path)], capture_output=True, text=True)
    inspect_json = json.loads(ins.stdout) if ins.returncode == 0 else None
    macs = inspect_json.get("macs") if inspect_json else None
    backends = args.backends
    rows = []
    with tempfile.TemporaryDirectory(prefix="xlite-bench-") as inputs_dir:
        export = None
        if any(b in STABLEHLO for b in backends):
            export = export_stablehlo(path, inputs_dir, args)
            if "iree" in backends and "path" in export:
                compile_iree(export, args)
            log(f"  {path.stem}: StableHLO " + (export["error"] if "error" in export else
                f"{export['bytes'] / 1e6:.1f} MB" + (f" (--quant={export['quant']})" if export["quant"] else "")
                + (f", IREE compile {export['iree_compile_ms'] / 1e3:.1f} s" if "iree_compile_ms" in export else "")
                + (f", IREE {export['iree_error']}" if "iree_error" in export else "")))
        for n in threads:
            common = ["--threads", str(n), "--warmup", str(args.warmup), "--warmup-ms", str(args.warmup_ms),
                      "--iterations", str(args.iterations),
                      "--seed", str(args.seed)]
            cmds = side_commands(path, inputs_dir, export, common, args)
            results = {b: [] for b in backends}
            errors = {b: None for b in backends}
            for b in STABLEHLO:
                if b in backends and b not in cmds:
                    errors[b] = (f"export: {export['error']}" if "error" in export
                                 else export.get("iree_error", "not run"))
            xnnpack_line = False
            for r in range(args.rounds):
                for side in round_order(backends, r):
                    if errors[side]:
                        continue
                    j, err, stderr = run_side(cmds[side], args.timeout)
                    if side == "litert" and "XNNPACK delegate" in stderr:
                        xnnpack_line = True
                    if err:
                        errors[side] = err
                    else:
                        results[side].append(j)
                log(f"  {path.stem} threads={n} round {r + 1}/{args.rounds}: " + ", ".join(
                    f"{s} {results[s][-1]['latency_ms']['median']:.2f} ms" if results[s] and not errors[s]
                    else f"{s} failed" for s in backends))
            row = {"model": path.stem, "path": str(path), "dtype": dtype_class(inspect_json, path),
                   "threads": n, "macs": macs}
            if export is not None:
                row["stablehlo"] = {k: v for k, v in export.items() if k not in ("path", "vmfb")}
            for side in backends:
                row[side] = {"error": errors[side]} if errors[side] else summarize(results[side])
                if not errors[side]:
                    row[side]["gops"] = gops(macs, row[side]["latency_ms"])
            if "litert" in backends and not errors["litert"]:
                row["litert"]["xnnpack_delegate_created"] = xnnpack_line
            if "iree" in backends and not errors["iree"]:
                row["iree"]["compile_ms"] = export["iree_compile_ms"]
            row["ratios"] = {}
            row["round_ratios"] = {}
            if "litert" in backends and not errors["litert"]:
                for side in backends:
                    if side != "litert" and not errors[side]:
                        row["ratios"][side] = row[side]["latency_ms"] / row["litert"]["latency_ms"]
                        # Each round's pair, run back to back: on a host whose load drifts
                        # these spread less than the rounds' milliseconds do.
                        row["round_ratios"][side] = [
                            x / lr for x, lr in zip(row[side]["round_medians_ms"], row["litert"]["round_medians_ms"])]
            if "xlite" in row["ratios"]:
                row["ratio"] = row["ratios"]["xlite"]
            rows.append(row)
    return rows


def geomeans(rows, side="xlite"):
    """Geometric mean of side/LiteRT per dtype and thread count, over the models both ran."""
    out = {}
    for row in rows:
        if side in row.get("ratios", {}):
            out.setdefault(f"{row['dtype']} threads={row['threads']}", []).append(row["ratios"][side])
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


def add_peak_fractions(rows, peaks, backends):
    """Achieved fraction of the machine's peak: per core, times the threads a side used."""
    for r in rows:
        peak = peaks.get("int8" if r["dtype"] == "int8" else "float")
        for side in backends:
            s = r[side]
            if peak and s.get("gops"):
                s["peak_fraction"] = s["gops"] / (peak * s["threads_used"])


def export_mode(r):
    """How the StableHLO module was made: as is, or with which --quant."""
    e = r.get("stablehlo")
    if e is None:
        return None
    if "error" in e:
        return "failed"
    return f"quant={e['quant']}" if e["quant"] else "as is"


def columns(rows, backends, markdown):
    """(header, cell function) of each column; --markdown: latency and ratios only
    (init and memory go to a second table, see init_columns)."""
    pct = lambda v: None if v is None else 100 * v  # noqa: E731
    cols = key_columns(backends)
    cols += [(f"{NAME[b]} ms", lambda r, b=b: fmt_ms(r[b])) for b in backends]
    if "litert" in backends:
        cols += [(f"{SHORT[b]}/LRT", lambda r, b=b: fmt(r["ratios"].get(b), ".2f")) for b in backends if b != "litert"]
        cols += [(f"{SHORT[b]}/LRT rounds", lambda r, b=b: ratio_range(r.get("round_ratios", {}).get(b)))
                 for b in backends if b != "litert"]
    if markdown:
        return cols
    cols += [(f"{SHORT[b]} GOP/s", lambda r, b=b: fmt(r[b].get("gops"), ".1f")) for b in backends]
    if any("peak_fraction" in r[b] for r in rows for b in backends):
        cols += [(f"{SHORT[b]} %pk", lambda r, b=b: fmt(pct(r[b].get("peak_fraction")), ".1f")) for b in backends]
    return cols + init_columns(backends, keys=False)


def ratio_range(ratios):
    """The lowest and highest of a row's per-round ratios ("0.95-1.02"), or "-"."""
    if not ratios:
        return "-"
    return f"{min(ratios):.2f}-{max(ratios):.2f}"


def key_columns(backends):
    cols = [("model", lambda r: r["model"]), ("dtype", lambda r: r["dtype"])]
    if any(b in STABLEHLO for b in backends):
        cols.append(("StableHLO", lambda r: export_mode(r) or "-"))
    return cols + [("thr", lambda r: str(r["threads"]))]


def init_columns(backends, keys=True):
    """Peak RSS, xlite's arena, init time (and IREE's one compile per model)."""
    mb = lambda b: None if b is None else b / 1e6  # noqa: E731
    cols = key_columns(backends) if keys else []
    cols += [(f"{SHORT[b]} RSS MB", lambda r, b=b: fmt(mb(r[b].get("peak_rss_bytes")), ".1f")) for b in backends]
    if "xlite" in backends:
        cols.append(("xl arena MB", lambda r: fmt(mb(r["xlite"].get("arena_bytes")), ".2f")))
    cols += [(f"{SHORT[b]} init ms", lambda r, b=b: fmt(r[b].get("init_ms"), ".1f")) for b in backends]
    if "iree" in backends:
        cols.append(("IREE compile ms", lambda r: fmt(r["iree"].get("compile_ms"), ".0f")))
    return cols


def render(rows, cols, markdown, out):
    head = [h for h, _ in cols]
    table = [[f(r) for _, f in cols] for r in rows]
    text_cols = {"model", "dtype", "StableHLO"}
    if markdown:
        print("| " + " | ".join(head) + " |", file=out)
        print("|" + "|".join("---" if h in text_cols else "---:" for h in head) + "|", file=out)
        for t in table:
            print("| " + " | ".join(t) + " |", file=out)
        return
    widths = [max(len(h), *(len(t[i]) for t in table)) if table else len(h) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(c.ljust(w) if h in text_cols else c.rjust(w)  # noqa: E731
                                   for c, w, h in zip(cells, widths, head))
    print(line(head), file=out)
    print(line(["-" * w for w in widths]), file=out)
    for t in table:
        print(line(t), file=out)


def print_table(rows, geo, backends, markdown=False, out=sys.stdout):
    render(rows, columns(rows, backends, markdown), markdown, out)
    if markdown:
        print("\nInit time and peak memory:\n", file=out)
        render(rows, init_columns(backends), markdown, out)
    print(file=out)
    for side, g in geo.items():
        if g:
            print(f"geomean {NAME[side]}/LiteRT: " + "; ".join(
                f"{k}: {v['geomean_ratio']:.2f} ({v['models']} models)" for k, v in g.items())
                + ("  " if markdown else ""), file=out)
    bases = {b: [r[b]["rss_start_bytes"] for r in rows if "error" not in r[b]]
             for b in backends if b != "xlite"}
    bases = {b: v for b, v in bases.items() if v}
    if bases:
        print("RSS of the Python runners before the model is loaded (Python, numpy, the library): " + ", ".join(
            f"{NAME[b]} {statistics.median(v) / 1e6:.1f} MB" for b, v in bases.items()) + "."
            + ("  " if markdown else ""), file=out)
    if "xlite" in backends:
        threads_used = {r["xlite"].get("threads_used") for r in rows if "error" not in r["xlite"]}
        if threads_used == {1} and any(r["threads"] > 1 for r in rows):
            print("xlite runs single-threaded for now: its rows at threads > 1 ran on one thread.", file=out)
    notes = []
    for r in rows:
        for why in r.get("stablehlo", {}).get("refused", []):
            if why.startswith("--quant=integer"):
                note = f"{r['model']}: StableHLO {why}"
                if note not in notes:
                    notes.append(note)
        for side in backends:
            if "error" in r[side]:
                note = f"{r['model']}: {NAME[side]}: {r[side]['error']}"
                if note not in notes:
                    notes.append(note)
    for n in notes:
        print(("* note: " if markdown else "note: ") + n, file=out)


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


def versions(rows, backends):
    keys = {"litert": "litert_version", "xla": "jaxlib_version", "iree": "iree_version"}
    out = []
    for b in backends:
        v = next((r[b][keys[b]] for r in rows if b in keys and r[b].get(keys[b])), None)
        if v:
            out.append(f"{NAME[b]} {v}" if b != "xla" else f"XLA (jaxlib {v})")
    return out


def print_header(args, start, end, rows):
    """What a pasted table needs beside it: the command, when, where, how loaded."""
    cmd = " ".join([".venv/bin/python", "bench/run.py", *sys.argv[1:]])
    load = lambda m: "/".join(f"{v:.2f}" for v in m["loadavg"]) if m["loadavg"] else "?"  # noqa: E731
    print(f"Command: `{cmd}`  ")
    print(f"Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; "
          f"machine: {start['cpu']} ({start['cpus']} CPUs), {start['platform']}; "
          f"load average (1/5/15 min) {load(start)} at the start, {load(end)} at the end.  ")
    knobs = [f"{NAME[b]}: {KNOB[b]}" for b in args.backends]
    if "xla" in args.backends:
        knobs.append("XLA:CPU's YNNPACK fusion " + ("on (its default)" if args.xla_ynn_fusion
                                                    else "off (`--xla_cpu_experimental_ynn_fusion_type=`)"))
    print(f"{args.rounds} rounds of {args.warmup} warm-up invokes (and on to {args.warmup_ms:g} ms) + "
          f"{args.iterations} timed invokes per process; "
          "ms = median over rounds of each process's median. Threads: " + "; ".join(knobs) + ".  ")
    print("Versions: " + ", ".join(versions(rows, args.backends) or ["-"]) + ".\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--set", choices=["arch", "mediapipe"], help="a model set (see bench/README.md)")
    src.add_argument("--models", nargs="+", help="explicit .tflite files")
    ap.add_argument("--variants", nargs="+", choices=ARCH_VARIANTS, default=ARCH_VARIANTS,
                    help="with --set arch: which of its variants (default f32 int8)")
    ap.add_argument("--backends", nargs="+", choices=BACKENDS, default=["xlite", "litert"],
                    help="what to run (default xlite litert); xla and iree run the model's "
                         "`xlite export --stablehlo` module")
    ap.add_argument("--stablehlo-quant", choices=["auto", "integer", "float"], default="auto",
                    help="how a quantized model is exported for xla and iree: auto (--quant=integer where "
                         "every op lowers, else --quant=float), or always that mode")
    ap.add_argument("--xla-ynn-fusion", action="store_true",
                    help="keep XLA:CPU's default YNNPACK fusion (off by default, as in the tests: docs/xla.md)")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts (default 1 2)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds per side (default 3)")
    ap.add_argument("--warmup", type=int, default=2, help="untimed invokes per process (default 2)")
    ap.add_argument("--warmup-ms", type=float, default=300.0,
                    help="every side goes on warming up until this many ms have passed since its first invoke "
                         "(default 300: on this VM a fresh process runs slower for its first ~200 ms of work)")
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
    ap.add_argument("--markdown", action="store_true",
                    help="print the tables as markdown (latency and ratios; init time and memory), with the "
                         "command, date, machine and load")
    ap.add_argument("--quiet", action="store_true", help="no per-round progress on stderr")
    args = ap.parse_args()
    args.backends = list(dict.fromkeys(args.backends))  # in the order given, once each
    if args.quick:
        args.rounds, args.warmup, args.iterations, args.warmup_ms = 1, 1, 3, 0.0
    if not pathlib.Path(args.xlite).exists():
        sys.exit(f"run.py: {args.xlite} not built: run scripts/build.sh first")

    if args.set == "arch":
        models = arch_models(args.variants)
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
    add_peak_fractions(rows, {"float": args.peak_f32, "int8": args.peak_int8}, args.backends)
    geo = {b: geomeans(rows, b) for b in args.backends if b != "litert"} if "litert" in args.backends else {}
    end = machine()
    if args.markdown:
        print_header(args, start, end, rows)
    print_table(rows, geo, args.backends, markdown=args.markdown)
    if args.json_out:
        result = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "config": {"set": args.set, "backends": args.backends, "xla_ynn_fusion": args.xla_ynn_fusion,
                       "threads": args.threads, "rounds": args.rounds,
                       "warmup": args.warmup, "warmup_ms": args.warmup_ms,
                       "iterations": args.iterations, "seed": args.seed, "xlite": args.xlite,
                       "peak_f32_gflops": args.peak_f32, "peak_int8_gops": args.peak_int8},
            "machine": start,
            "loadavg_end": end["loadavg"],
            "results": rows,
            "geomean": geo.get("xlite", {}),
            "geomean_vs_litert": geo,
        }
        pathlib.Path(args.json_out).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
