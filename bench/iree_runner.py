# SPDX-License-Identifier: Apache-2.0
"""Times one StableHLO module (`xlite export --stablehlo`) with IREE, as
`xlite bench --json` times the .tflite with xlite.

iree.compiler compiles the module for llvm-cpu with
--iree-llvmcpu-target-cpu=host (as docs/xla.md shows) and the runtime runs it
on the local-task driver. IREE compiles ahead of time, so the compile can be
its own step: `iree_runner.py M.mlir --vmfb-out M.vmfb` compiles, writes the
.vmfb and prints {"compile_ms", "vmfb_bytes"}; `iree_runner.py M.vmfb ...`
then times the compiled module (bench/run.py does this: one compile per model).
Given a .mlir without --vmfb-out, it compiles in the same process first.

Init time = [compile_str +] the runtime context and module load + putting the
inputs on the device. Then W warm-up and I timed calls of the module's @main
on the device-resident inputs, timed with perf_counter (the call returns when
the results are ready: the default async-internal execution model waits
inside @main).

Threads: the local-task driver runs dispatches on a task executor whose worker
count is its topology's group count; --task_topology_group_count=N (set with
iree.runtime.flags.parse_flags before the driver is created) gives it exactly
--threads workers (threads iree-worker-<i>), as num_threads does for LiteRT.
The calling thread waits.

Inputs: DIR/input_<i>.npy (`xlite bench --save-inputs DIR`), else seeded numpy
values with the distributions of xlite's (@main's signature, from --mlir when
the module given is a .vmfb).

Prints one JSON object on stdout; on failure one line
"iree_runner: error: ..." on stderr and exit code 1.
"""
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import runner_common as rc  # noqa: E402

iree = None  # imported in main(), after the argument check
COMPILE_ARGS = ["--iree-llvmcpu-target-cpu=host"]


def compile_module(text):
    import iree.compiler  # the compiler library is large: timing a .vmfb does without it
    t0 = time.perf_counter()
    vmfb = iree.compiler.compile_str(text, target_backends=["llvm-cpu"], input_type="stablehlo",
                                     extra_args=COMPILE_ARGS)
    return vmfb, (time.perf_counter() - t0) * 1e3


def main():
    global iree
    ap = rc.arg_parser(__doc__, "module")
    ap.add_argument("--mlir", help="the module's .mlir, for @main's signature when MODULE is a .vmfb")
    ap.add_argument("--vmfb-out", help="only compile MODULE (.mlir) and write the .vmfb here")
    args = ap.parse_args()
    rc.check_counts(ap, args)
    knob = f"--task_topology_group_count={args.threads}"
    try:
        import iree.runtime
        import iree.runtime.version
        iree.runtime.flags.parse_flags(knob)
    except (ImportError, ValueError) as e:
        return rc.fail("iree_runner", "iree", e)
    if args.vmfb_out:
        try:
            vmfb, compile_ms = compile_module(pathlib.Path(args.module).read_text())
            pathlib.Path(args.vmfb_out).write_bytes(vmfb)
        except Exception as e:  # noqa: BLE001: any failure is reported as one line
            return rc.fail("iree_runner", args.module, e)
        return rc.emit({"tool": "iree", "model": args.module, "compile_ms": compile_ms, "vmfb_bytes": len(vmfb),
                        "compile_args": COMPILE_ARGS, "iree_version": iree.runtime.version.VERSION})
    rss_start = rc.proc_status_bytes("VmRSS")  # after the imports, as litert_runner's
    try:
        precompiled = pathlib.Path(args.module).suffix == ".vmfb"
        text = pathlib.Path(args.mlir if precompiled and args.mlir else args.module).read_text()
        arrays, inputs, inputs_from = rc.module_inputs(text, args.inputs, args.seed)
        t0 = time.perf_counter()
        if precompiled:
            del text
            vmfb, compile_ms = pathlib.Path(args.module).read_bytes(), None
        else:
            vmfb, compile_ms = compile_module(text)
            del text
        t1 = time.perf_counter()
        ctx = iree.runtime.SystemContext(config=iree.runtime.Config("local-task"))
        ctx.add_vm_module(iree.runtime.VmModule.copy_buffer(ctx.instance, vmfb))
        vmfb_bytes = len(vmfb)
        del vmfb
        main_fn = ctx.modules.xlite["main"]
        t2 = time.perf_counter()
        device = ctx.config.device
        args_on_device = [iree.runtime.asdevicearray(device, a) for a in arrays]
        t3 = time.perf_counter()

        def invoke():
            main_fn(*args_on_device)

        times, first_ms, busy = rc.time_invokes(invoke, args.warmup, args.iterations, args.warmup_ms)
    except Exception as e:  # noqa: BLE001: any failure is reported as one line
        return rc.fail("iree_runner", args.module, e)
    return rc.emit({
        **rc.timing_result("iree", args.module, args, inputs, inputs_from, times, first_ms, busy),
        "init_ms": (t3 - t0) * 1e3,
        "init_breakdown_ms": {"read_or_compile": (t1 - t0) * 1e3, "load": (t2 - t1) * 1e3,
                              "inputs_to_device": (t3 - t2) * 1e3},
        "compile_ms": compile_ms,
        "vmfb_bytes": vmfb_bytes,
        "arena_bytes": None,
        "rss_start_bytes": rss_start,
        "thread_knob": knob,
        "compile_args": COMPILE_ARGS,
        "iree_version": iree.runtime.version.VERSION,
    })


if __name__ == "__main__":
    sys.exit(main())
