# SPDX-License-Identifier: Apache-2.0
"""Times one StableHLO module (`xlite export --stablehlo`) on XLA's CPU backend,
as `xlite bench --json` times the .tflite with xlite.

jaxlib's PJRT CPU client compiles the module (`compile_and_load`, as
docs/xla.md shows) and runs it on one device. Init time = the backend's
start + compile_and_load + putting the inputs on the device. Then W warm-up
and I timed `execute` calls on the device-resident inputs, each waited for
(`block_until_ready` on every output: execute is asynchronous), timed with
perf_counter.

Threads: XLA:CPU runs a compiled program's parallel parts (its partitioned
loop fusions, Eigen's convolutions and matmuls) on the client's intra-op
thread pool, whose size PJRT reads from the PJRT_NPROC environment variable
(else the machine's CPUs). It is set to --threads before jax is imported; with
--threads 1 XLA_FLAGS also gets --xla_cpu_multi_thread_eigen=false. The YNNPACK
fusion that miscomputes a MediaPipe model (docs/xla.md) is off unless
--ynn-fusion, as in the tests.

Inputs: DIR/input_<i>.npy (`xlite bench --save-inputs DIR`), else seeded numpy
values with the distributions of xlite's (the module's @main signature).

Prints one JSON object on stdout; on failure one line
"xla_runner: error: ..." on stderr and exit code 1.
"""
import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import runner_common as rc  # noqa: E402

YNN_OFF = "--xla_cpu_experimental_ynn_fusion_type="


def configure(threads, ynn_fusion):
    """The thread and fusion knobs; must run before jax is imported."""
    os.environ["PJRT_NPROC"] = str(threads)
    flags = os.environ.get("XLA_FLAGS", "").split()
    if not ynn_fusion and YNN_OFF not in flags:
        flags.append(YNN_OFF)
    if threads == 1:
        flags.append("--xla_cpu_multi_thread_eigen=false")
    os.environ["XLA_FLAGS"] = " ".join(flags)


def main():
    ap = rc.arg_parser(__doc__, "module")
    ap.add_argument("--ynn-fusion", action="store_true",
                    help="keep XLA:CPU's default YNNPACK fusion (off by default: docs/xla.md)")
    args = ap.parse_args()
    rc.check_counts(ap, args)
    configure(args.threads, args.ynn_fusion)

    try:
        import jax
        from jax._src.lib import xla_client
        from jax.extend import backend
    except ImportError as e:
        return rc.fail("xla_runner", "jax", e)
    rss_start = rc.proc_status_bytes("VmRSS")  # after the imports, as litert_runner's
    try:
        text = pathlib.Path(args.module).read_text()
        arrays, inputs, inputs_from = rc.module_inputs(text, args.inputs, args.seed)
        t0 = time.perf_counter()
        cpu = backend.get_backend("cpu")
        device = cpu.local_devices()[0]
        t1 = time.perf_counter()
        exe = cpu.compile_and_load(text.encode(), xla_client.DeviceList((device,)), xla_client.CompileOptions())
        del text
        t2 = time.perf_counter()
        args_on_device = [jax.device_put(a, device) for a in arrays]
        for a in args_on_device:
            a.block_until_ready()
        t3 = time.perf_counter()

        def invoke():
            for o in exe.execute(args_on_device):
                o.block_until_ready()

        times, first_ms, busy = rc.time_invokes(invoke, args.warmup, args.iterations, args.warmup_ms)
    except Exception as e:  # noqa: BLE001: any failure is reported as one line
        return rc.fail("xla_runner", args.module, e)
    return rc.emit({
        **rc.timing_result("xla", args.module, args, inputs, inputs_from, times, first_ms, busy),
        "init_ms": (t3 - t0) * 1e3,
        "compile_ms": (t2 - t1) * 1e3,
        "init_breakdown_ms": {"client": (t1 - t0) * 1e3, "compile": (t2 - t1) * 1e3,
                              "inputs_to_device": (t3 - t2) * 1e3},
        "arena_bytes": None,
        "rss_start_bytes": rss_start,
        "thread_knob": f"PJRT_NPROC={os.environ['PJRT_NPROC']} XLA_FLAGS={os.environ['XLA_FLAGS']}",
        "jaxlib_version": getattr(sys.modules.get("jaxlib.version"), "__version__", None) or jax.__version__,
    })


if __name__ == "__main__":
    sys.exit(main())
