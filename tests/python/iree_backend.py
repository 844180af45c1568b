# SPDX-License-Identifier: Apache-2.0
"""IREE (llvm-cpu, local-task) for test_stablehlo.py, made cheap enough to
run every model:

* compiled modules (.vmfb) are cached under the xlite cache dir
  (~/.cache/xlite/iree-vmfb), keyed by the sha256 of the MLIR text, the
  IREE compiler and runtime versions, the compile flags and the host CPU
  (the flags say --iree-llvmcpu-target-cpu=host): a cached module is only
  ever used for the exact text, compiler and machine it was built for;
* small single-function modules are compiled together: each module's
  @main is renamed and the bodies are put into one module (one
  iree-compile invocation for many models, most of whose ~1 s was
  per-invocation overhead). The models are grouped by op family into
  BUCKETS modules, so a change to one lowering recompiles one group. A
  group that fails to compile is remembered (by the same content key) and
  its models are compiled one by one, so a failure names its model.
"""
import hashlib
import importlib.metadata
import os
import re
import time
import zlib

import numpy as np

from conftest import cache_dir

TARGETS = ("llvm-cpu",)
FLAGS = ("--iree-llvmcpu-target-cpu=host",)
BUCKETS = 8
# Cached modules not used for this long are deleted (a lowering change
# leaves the old modules behind), and the least recently used ones beyond
# MAX_BYTES (the whole test set takes ~130 MB).
MAX_AGE_S = 30 * 24 * 3600
MAX_BYTES = 1 << 30

_key_prefix = None
_config = None
_pruned = False
# Content key of a model's MLIR text -> (call, function) in a merged module.
_merged = {}
stats = {"hits": 0, "compiles": 0, "compile_s": 0.0}


def _host_cpu():
    try:
        with open("/proc/cpuinfo") as f:
            lines = f.read().splitlines()
    except OSError:
        import platform
        return platform.machine() + " " + platform.processor()
    return "\n".join(sorted({ln for ln in lines if ln.startswith(("model name", "flags", "Features", "CPU part"))}))


def content_key(text):
    global _key_prefix
    if _key_prefix is None:
        parts = [importlib.metadata.version(p) for p in ("iree-base-compiler", "iree-base-runtime")]
        _key_prefix = "\n".join([*parts, *TARGETS, *FLAGS, _host_cpu()]).encode() + b"\0"
    return hashlib.sha256(_key_prefix + text.encode()).hexdigest()


def _cache():
    global _pruned
    d = cache_dir() / "iree-vmfb"
    d.mkdir(parents=True, exist_ok=True)
    if not _pruned:
        _pruned = True
        now, total, entries = time.time(), 0, []
        for p in d.iterdir():
            try:
                st = p.stat()
                if now - st.st_mtime > MAX_AGE_S:
                    p.unlink()
                else:
                    total += st.st_size
                    entries.append((st.st_mtime, st.st_size, p))
            except OSError:
                pass  # another test run removed or replaced it
        for _, size, p in sorted(entries):
            if total <= MAX_BYTES:
                break
            p.unlink(missing_ok=True)
            total -= size
    return d


class CompileFailed(Exception):
    pass


def compile_vmfb(text, remember_failure=False):
    """The module compiled for llvm-cpu, from the cache when it is there.
    remember_failure: a failure is cached too (CompileFailed on a later run
    without compiling again)."""
    import iree.compiler
    d = _cache()
    key = content_key(text)
    path, failed = d / f"{key}.vmfb", d / f"{key}.failed"
    # Read rather than tested for: another test run may prune or replace
    # an entry at any time.
    for p in (path, failed):
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            continue
        try:
            os.utime(p)  # keeps it from being pruned
        except OSError:
            pass
        stats["hits"] += 1
        if p is failed:
            raise CompileFailed(data.decode(errors="replace"))
        return data
    start = time.perf_counter()
    try:
        vmfb = iree.compiler.compile_str(text, target_backends=list(TARGETS), input_type="stablehlo",
                                         extra_args=list(FLAGS))
    except iree.compiler.CompilerToolError as e:
        if not remember_failure:
            raise
        _write(failed, str(e).encode())
        raise CompileFailed(str(e)) from e
    finally:
        stats["compiles"] += 1
        stats["compile_s"] += time.perf_counter() - start
    _write(path, vmfb)
    return vmfb


def _write(path, data):
    # Written beside and renamed: a run stopped halfway leaves no partial module.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def load(vmfb):
    """call(function, inputs) -> outputs for a compiled module (module @xlite)."""
    global _config
    import iree.runtime
    if _config is None:
        _config = iree.runtime.Config("local-task")
    ctx = iree.runtime.SystemContext(config=_config)
    ctx.add_vm_module(iree.runtime.VmModule.copy_buffer(ctx.instance, vmfb))

    def call(function, inputs):
        out = ctx.modules.xlite[function](*[np.asarray(a) for a in inputs])
        outs = out if isinstance(out, (list, tuple)) else [out]
        return [np.asarray(o.to_host()) for o in outs]
    return call


def module(text):
    """Compiles (or takes from the cache) one module; returns call(function, inputs)."""
    return load(compile_vmfb(text))


_FUNC = re.compile(r"^\s*func\.func (?:public|private) @(\w+)\(", re.M)


def _body(text):
    """The module's body when it is a single @main and nothing else (no
    attributes, no resources), else None."""
    lines = text.splitlines()
    try:
        start = lines.index("module @xlite {")
    except ValueError:
        return None
    end = len(lines) - 1 - lines[::-1].index("}")
    body = "\n".join(lines[start + 1:end])
    if _FUNC.findall(body) != ["main"] or "{-#" in text or any(ln.strip() for ln in lines[end + 1:]):
        return None
    return body


def function_name(name):
    return "m_" + re.sub(r"\W", "_", name)


def merge(modules):
    """One module holding each {name: text} module's @main as @<function_name(name)>."""
    bodies = [re.sub(r"@main\b", "@" + function_name(name), _body(text)) for name, text in modules.items()]
    return "module @xlite {\n" + "\n".join(bodies) + "\n}\n"


def prepare(models):
    """Compiles [(name, group, text)] in BUCKETS merged modules by group
    (from the cache when there); run() then finds each model's function."""
    buckets = {}
    for name, group, text in models:
        if content_key(text) not in _merged and _body(text) is not None:
            buckets.setdefault(zlib.crc32(group.encode()) % BUCKETS, {})[name] = text
    for _, modules in sorted(buckets.items()):
        try:
            call = load(compile_vmfb(merge(modules), remember_failure=True))
        except CompileFailed:
            continue  # run() compiles each of them alone, naming the one that fails
        for name, text in modules.items():
            _merged[content_key(text)] = (call, function_name(name))


def run(text, inputs):
    """Runs the model's @main: its function in a merged module when
    prepare() compiled one, else the module compiled alone."""
    hit = _merged.get(content_key(text))
    if hit:
        call, function = hit
        return call(function, inputs)
    return module(text)("main", inputs)
