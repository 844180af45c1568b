# SPDX-License-Identifier: Apache-2.0
"""What the bench runners (litert_runner.py, xla_runner.py, iree_runner.py)
share, so that every side is timed, sized and reported the same way as
`xlite bench --json`: the same input files and distributions, warm-up then
timed invokes with a monotonic clock, median/min/p90 (nearest rank), peak RSS
from /proc/self/status, one JSON object on stdout or one error line."""
import argparse
import json
import os
import pathlib
import re
import sys
import time

import numpy as np


def proc_status_bytes(key):
    try:
        for line in pathlib.Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return -1


def peak_rss_bytes():
    hwm = proc_status_bytes("VmHWM")
    if hwm >= 0:
        return hwm
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def percentile(sorted_values, p):
    """Nearest rank, as xlite bench."""
    rank = int(np.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[min(max(rank, 1), len(sorted_values)) - 1]


def random_input(shape, dtype, rng):
    """The distributions of xlite's fill_random (tools/xlite/inputs.cc)."""
    dtype = np.dtype(dtype)
    if dtype == np.float32:
        return rng.uniform(-1, 1, size=shape).astype(np.float32)
    ranges = {np.int8: (-128, 127), np.uint8: (0, 255), np.int16: (-32768, 32767),
              np.int32: (0, 9), np.int64: (0, 9), np.bool_: (0, 1)}
    for t, (lo, hi) in ranges.items():
        if dtype == t:
            return rng.integers(lo, hi, size=shape, endpoint=True).astype(dtype)
    return np.zeros(shape, dtype)


def saved_inputs(directory, count):
    """DIR/input_<i>.npy for i < count (what `xlite bench --save-inputs` wrote), None where absent."""
    out = []
    for i in range(count):
        f = pathlib.Path(directory) / f"input_{i}.npy" if directory else None
        out.append(np.load(f) if f is not None and f.exists() else None)
    return out


# StableHLO element types of the exported modules -> numpy.
_MLIR_DTYPES = {"f32": np.float32, "f16": np.float16, "f64": np.float64, "i1": np.bool_, "i8": np.int8,
                "ui8": np.uint8, "i16": np.int16, "i32": np.int32, "i64": np.int64}


def main_signature(mlir_text):
    """[(shape, dtype)] of @main's arguments in a module `xlite export --stablehlo` wrote."""
    m = re.search(r"func\.func public @main\((.*?)\)\s*->", mlir_text[:1 << 20], re.S)
    if not m:
        raise ValueError("no `func.func public @main(...)` in the module")
    specs = []
    for dims, et in re.findall(r"tensor<((?:\d+x)*)([a-z]+\d+)>", m.group(1)):
        if et not in _MLIR_DTYPES:
            raise ValueError(f"@main argument of element type {et} is not supported here")
        specs.append((tuple(int(d) for d in dims.split("x") if d), np.dtype(_MLIR_DTYPES[et])))
    return specs


def module_inputs(mlir_text, inputs_dir, seed):
    """The inputs of @main: the saved .npy files where they exist (checked against the
    signature), else seeded numpy values drawn as litert_runner draws them.
    Returns (arrays, descriptions, 'xlite' or 'numpy')."""
    specs = main_signature(mlir_text)
    given = saved_inputs(inputs_dir, len(specs))
    rng = np.random.default_rng(seed)
    arrays, desc = [], []
    for i, ((shape, dtype), a) in enumerate(zip(specs, given)):
        if a is None:
            a = random_input(shape, dtype, rng)
        elif a.dtype != dtype or tuple(a.shape) != shape:
            raise ValueError(f"input {i}: @main takes {dtype.name}{list(shape)}, the .npy holds "
                             f"{a.dtype.name}{list(a.shape)}")
        arrays.append(np.ascontiguousarray(a))
        desc.append({"name": f"arg{i}", "dtype": dtype.name, "shape": list(shape)})
    return arrays, desc, "xlite" if all(a is not None for a in given) else "numpy"


def time_invokes(invoke, warmup, iterations, warmup_ms=0.0):
    """Runs `invoke` warmup times (and on until warmup_ms have passed since the first
    call), then iterations times, timing each call with perf_counter. Returns (timed
    latencies in ms, the first call's ms, average busy threads over the timed calls:
    process CPU time / wall time)."""
    times = []
    first_ms = None
    start = time.perf_counter()
    done = 0
    while done < warmup or (time.perf_counter() - start) * 1e3 < warmup_ms:
        s = time.perf_counter()
        invoke()
        if first_ms is None:
            first_ms = (time.perf_counter() - s) * 1e3
        done += 1
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(iterations):
        s = time.perf_counter()
        invoke()
        ms = (time.perf_counter() - s) * 1e3
        if first_ms is None:
            first_ms = ms
        times.append(ms)
    # process_time: CPU time of every thread of the process, fine-grained.
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return times, first_ms, cpu / wall if wall > 0 else None


def thread_census():
    """{thread name: count} of this process now (/proc/self/task/*/comm): shows what a
    thread knob did (XLA's intra-op pool is tf_XLAEigen, IREE's workers iree-worker-<i>)."""
    census = {}
    try:
        for t in os.listdir("/proc/self/task"):
            try:
                name = pathlib.Path(f"/proc/self/task/{t}/comm").read_text().strip()
            except OSError:
                continue
            census[name] = census.get(name, 0) + 1
    except OSError:
        return None
    return dict(sorted(census.items()))


def latency_fields(times, first_ms):
    s = sorted(times)
    return {"median": float(np.median(times)), "min": s[0], "p90": percentile(s, 90), "max": s[-1],
            "first": first_ms}


def timing_result(tool, model, args, inputs, inputs_from, times, first_ms, busy):
    """The fields every runner reports about its run and its timings."""
    return {
        "tool": tool,
        "model": model,
        "threads": args.threads,
        "threads_used": args.threads,
        "warmup": args.warmup,
        "warmup_ms": args.warmup_ms,
        "iterations": args.iterations,
        "seed": args.seed,
        "inputs": inputs,
        "inputs_from": inputs_from,
        "latency_ms": latency_fields(times, first_ms),
        "latencies_ms": times,
        "busy_threads": busy,
        "thread_census": thread_census(),
    }


def arg_parser(doc, what):
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(what)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--warmup-ms", type=float, default=0.0,
                    help="go on warming up until this many ms have passed since the first invoke")
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--inputs", default="", help="directory with input_<i>.npy")
    return ap


def check_counts(ap, args):
    if args.iterations < 1 or args.warmup < 0 or args.threads < 1 or args.warmup_ms < 0:
        ap.error("--iterations and --threads must be at least 1, --warmup and --warmup-ms at least 0")


def fail(tool, what, e):
    """One line on stderr, `<tool>: error: WHAT: why`; the exit code."""
    msg = [ln for ln in str(e).strip().splitlines() if ln.strip()]
    print(f"{tool}: error: {what}: {msg[0] if msg else type(e).__name__}", file=sys.stderr)
    return 1


def emit(out):
    out["peak_rss_bytes"] = peak_rss_bytes()
    print(json.dumps(out, indent=2))
    return 0
