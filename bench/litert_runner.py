# SPDX-License-Identifier: Apache-2.0
"""Times one model with LiteRT, as `xlite bench --json` times it with xlite.

LiteRT's Python Interpreter with its default op resolver (OpResolverType.AUTO:
the builtin kernels plus the default XNNPACK delegate) and num_threads=N.
Init time = Interpreter(model_path, num_threads) + allocate_tensors(): the
default delegate is applied (and XNNPACK packs its weights) in the first
allocate_tensors(). Then W warm-up invokes and I timed ones (perf_counter,
a monotonic clock), inputs set once before, as xlite does.

Inputs: the .npy files `xlite bench --save-inputs DIR` wrote (DIR/input_<i>.npy,
the very values xlite ran on), or, when there are none (xlite could not run the
model), seeded numpy values with the same distributions as xlite's.

Prints one JSON object on stdout; on failure one line
"litert_runner: error: ..." on stderr and exit code 1.
"""
import argparse
import json
import pathlib
import sys
import time

import numpy as np
from ai_edge_litert.interpreter import Interpreter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from runner_common import peak_rss_bytes, proc_status_bytes, random_input, time_invokes, timing_result  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--warmup-ms", type=float, default=0.0,
                    help="go on warming up until this many ms have passed since the first invoke")
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--inputs", default="", help="directory with input_<i>.npy")
    args = ap.parse_args()
    if args.iterations < 1 or args.warmup < 0 or args.threads < 1 or args.warmup_ms < 0:
        ap.error("--iterations and --threads must be at least 1, --warmup and --warmup-ms at least 0")

    rss_start = proc_status_bytes("VmRSS")
    try:
        t0 = time.perf_counter()
        interp = Interpreter(model_path=args.model, num_threads=args.threads)
        t1 = time.perf_counter()
        details = interp.get_input_details()
        given = []
        for i, d in enumerate(details):
            f = pathlib.Path(args.inputs) / f"input_{i}.npy" if args.inputs else None
            given.append(np.load(f) if f is not None and f.exists() else None)
        for d, a in zip(details, given):
            if a is not None and list(a.shape) != list(d["shape"]):
                interp.resize_tensor_input(d["index"], a.shape)
        interp.allocate_tensors()
        t2 = time.perf_counter()
        rng = np.random.default_rng(args.seed)
        inputs = []
        for d, a in zip(interp.get_input_details(), given):
            if a is None:
                a = random_input(tuple(d["shape"]), d["dtype"], rng)
            elif a.dtype != d["dtype"]:
                raise ValueError(f"input {d['name']} is {np.dtype(d['dtype']).name}, the .npy holds {a.dtype.name}")
            interp.set_tensor(d["index"], a)
            inputs.append({"name": d["name"], "dtype": np.dtype(d["dtype"]).name, "shape": list(a.shape)})
        times, first_ms, busy = time_invokes(interp.invoke, args.warmup, args.iterations, args.warmup_ms)
        delegate_nodes = sum(1 for op in interp._get_ops_details() if op["op_name"] == "DELEGATE")
    except Exception as e:  # noqa: BLE001: any failure is reported as one line
        msg = str(e).strip().splitlines()
        print(f"litert_runner: error: {args.model}: {msg[0] if msg else type(e).__name__}", file=sys.stderr)
        return 1
    inputs_from = "xlite" if all(a is not None for a in given) else "numpy"
    out = {
        **timing_result("litert", args.model, args, inputs, inputs_from, times, first_ms, busy),
        "init_ms": (t2 - t0) * 1e3,
        "init_breakdown_ms": {"interpreter": (t1 - t0) * 1e3, "allocate_tensors": (t2 - t1) * 1e3},
        "arena_bytes": None,  # not exposed by LiteRT's Python API
        "rss_start_bytes": rss_start,
        "delegate_nodes": delegate_nodes,
        "litert_version": getattr(sys.modules.get("ai_edge_litert"), "__version__", None),
        "peak_rss_bytes": peak_rss_bytes(),
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
