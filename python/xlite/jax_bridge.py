# SPDX-License-Identifier: Apache-2.0
"""A TFLite model as a JAX function: `to_jax(model)`.

The model is exported to StableHLO by the xlite CLI
(`xlite export --stablehlo`) and wrapped as a JAX primitive. Its MLIR
lowering parses the exported module into the MLIR context of the program
jax is lowering, merges its `main` function in under a fresh private name
and emits a `func.call` to it, so XLA compiles the model together with the
surrounding program (one executable, the model's ops fused and scheduled
with the rest). Shapes and dtypes come from the exported function's type.

The call is opaque to JAX's autodiff: `jax.grad` through it raises a clear
error. Under `jax.vmap` the model runs once per element of the mapped
axis (a `jax.lax.map` of the call: the exported model has static shapes,
so it cannot take a wider batch itself); arguments that are not mapped are
shared by every element.

to_jax(model, differentiable=True) rebuilds the model from jax.lax ops
instead (jax_lax.py), so jax.grad works and the weights are a pytree.

This module imports nothing from the package but its sibling jax_lax.py
(found next to it when loaded from its file), so it can be loaded on its
own; jax is imported when a model is converted.
"""
from __future__ import annotations

import itertools
import os
import pathlib
import shutil
import subprocess
import tempfile

__all__ = ["to_jax", "export_stablehlo", "find_cli", "XliteJaxError"]


try:
    from . import jax_lax as _lax
except ImportError:  # loaded on its own from its file: load the sibling the same way
    import importlib.util
    _spec = importlib.util.spec_from_file_location("xlite_jax_lax", pathlib.Path(__file__).with_name("jax_lax.py"))
    _lax = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_lax)

XliteJaxError = _lax.XliteJaxError


def find_cli() -> pathlib.Path:
    """The xlite CLI: $XLITE_BIN, else the package's own, else `xlite` on PATH, else
    <repo>/build/xlite."""
    env = os.environ.get("XLITE_BIN")
    if env:
        path = pathlib.Path(env)
        if not path.is_file():
            raise XliteJaxError(f"XLITE_BIN={env} is not a file")
        return path
    packaged = pathlib.Path(__file__).resolve().parent / "_bin" / "xlite"  # pip install .
    if packaged.is_file():
        return packaged
    found = shutil.which("xlite")
    if found:
        return pathlib.Path(found)
    # python/xlite/jax_bridge.py -> <repo>/build/xlite
    path = pathlib.Path(__file__).resolve().parents[2] / "build" / "xlite"
    if path.is_file():
        return path
    raise XliteJaxError("xlite CLI not found: set XLITE_BIN, put xlite on PATH, or build it "
                        f"with scripts/build.sh (looked for {path})")


def _model_path(model, tmp):
    """A path to the model's file: the path given, or the bytes written under tmp."""
    if isinstance(model, (bytes, bytearray, memoryview)):
        src = tmp / "model.tflite"
        src.write_bytes(bytes(model))
        return src
    if isinstance(model, (str, os.PathLike)):
        src = pathlib.Path(model)
        if not src.is_file():
            raise FileNotFoundError(f"model file not found: {src}")
        return src
    raise TypeError(f"model must be a .tflite path or bytes, not {type(model).__name__}")


def _display(model):
    return pathlib.Path(model).name if isinstance(model, (str, os.PathLike)) else "<bytes>"


def export_stablehlo(model, quant: str | None = None) -> str:
    """Runs `xlite export --stablehlo` on a .tflite path or bytes; returns the MLIR text."""
    if quant is not None and quant not in ("float", "integer"):
        raise ValueError(f"quant must be 'float' or 'integer', not {quant!r}")
    with tempfile.TemporaryDirectory(prefix="xlite_jax_") as tmp:
        tmp = pathlib.Path(tmp)
        src = _model_path(model, tmp)
        out = tmp / "model.mlir"
        args = [str(find_cli()), "export", "--stablehlo", str(src), "-o", str(out)]
        if quant is not None:
            args.append(f"--quant={quant}")
        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode != 0:
            raise XliteJaxError(f"xlite export of {_display(model)} failed: {r.stderr.strip()}")
        return out.read_text()


class _Module:
    """One exported model: the MLIR text and its function's abstract signature.

    A primitive parameter, hashed by identity (the text can be megabytes)."""

    def __init__(self, text, in_avals, out_avals):
        self.text = text
        self.in_avals = in_avals
        self.out_avals = out_avals
        self.jitted = None


_primitive = None
_counter = itertools.count()


_DTYPES = {"f32": "float32", "f16": "float16", "bf16": "bfloat16", "f64": "float64", "i1": "bool",
           "i8": "int8", "i16": "int16", "i32": "int32", "i64": "int64", "ui8": "uint8",
           "ui16": "uint16", "ui32": "uint32", "ui64": "uint64", "complex<f32>": "complex64"}


def _mlir_dtype(t):
    """numpy dtype of an MLIR element type (those the exporter writes)."""
    import jax.numpy as jnp
    name = _DTYPES.get(str(t))
    if name is None:
        raise XliteJaxError(f"unsupported element type in the exported module: {t}")
    return jnp.dtype(name)


def _signature(text):
    """Parses the module once (outside any lowering) to read @main's type."""
    from jax.core import ShapedArray
    from jax.interpreters import mlir
    from jax.interpreters.mlir import ir
    with mlir.make_ir_context():
        module = ir.Module.parse(text)
        main = ir.SymbolTable(module.operation)["main"]
        ftype = ir.FunctionType(ir.TypeAttr(main.attributes["function_type"]).value)

        def avals(types):
            out = []
            for t in types:
                rt = ir.RankedTensorType(t)
                out.append(ShapedArray(tuple(rt.shape), _mlir_dtype(rt.element_type)))
            return out
        return avals(ftype.inputs), avals(ftype.results)


def _get_primitive():
    global _primitive
    if _primitive is not None:
        return _primitive
    from jax.extend.core import Primitive
    from jax.interpreters import ad, batching, mlir
    from jax.interpreters.mlir import ir
    from jax._src.lib.mlir.dialects import func as func_dialect

    prim = Primitive("xlite_model")
    prim.multiple_results = True

    def abstract_eval(*args, module):
        return module.out_avals

    def lowering(ctx, *args, module):
        # Parsed in the lowering's own context (jax makes it current), then
        # moved into the program; merge_mlir_modules renames @main to a
        # fresh private symbol so several models (or one model twice) can
        # live in one program.
        sub = ir.Module.parse(module.text)
        name = mlir.merge_mlir_modules(ctx.module_context.module, f"xlite_model_{next(_counter)}", sub,
                                       dst_symtab=ctx.module_context.symbol_table)
        result_types = [mlir.aval_to_ir_type(ctx.module_context, a) for a in module.out_avals]
        call = func_dialect.CallOp(result_types, ir.FlatSymbolRefAttr.get(name), list(args))
        return list(call.results)

    def no_jvp(primals, tangents, *, module):
        raise XliteJaxError(
            "jax.grad/jvp through a model from xlite.to_jax is not supported: the model is an "
            "opaque StableHLO call without a derivative")

    def batch(args, dims, *, module):
        # One call per element of the mapped axis; arguments without a
        # mapped axis (dim None) are closed over, so they are not copied
        # per element.
        import jax
        mapped = [jax.numpy.moveaxis(a, d, 0) for a, d in zip(args, dims) if d is not None]

        def one(xs):
            it = iter(xs)
            call = [next(it) if d is not None else a for a, d in zip(args, dims)]
            return tuple(prim.bind(*call, module=module))

        outs = jax.lax.map(one, tuple(mapped))
        return list(outs), [0] * len(outs)

    prim.def_impl(lambda *args, module: _jitted(module)(*args))
    batching.primitive_batchers[prim] = batch
    prim.def_abstract_eval(abstract_eval)
    mlir.register_lowering(prim, lowering)
    ad.primitive_jvps[prim] = no_jvp
    _primitive = prim
    return prim


def _jitted(module):
    """Eager calls: a jitted wrapper kept with the model, so it is compiled once."""
    import jax
    if module.jitted is None:
        module.jitted = jax.jit(lambda *a: _get_primitive().bind(*a, module=module))
    return module.jitted


def to_jax(model, *, quant: str | None = None, differentiable: bool = False):
    """Returns a JAX function computing the TFLite model `model` (a path or bytes).

    The function takes the model's inputs (subgraph 0, in order) as arrays
    of exactly the model's shapes and dtypes and returns its output, or a
    tuple of outputs when the model has several. It can be called eagerly
    or inside `jax.jit` with other jax code; XLA compiles it. `quant` is
    passed to the exporter ('float' or 'integer') for quantized models; the
    function then keeps the model's integer inputs and outputs.

    differentiable=True (float32 models): the model is rebuilt from jax.lax
    ops instead (see _differentiable), so jax.grad works; its float32
    constants are the pytree `fn.params` (a dict keyed by tensor name) and
    `fn.apply(params, *inputs)` computes the model with other weights.
    `fn(*inputs)` uses `fn.params`. An op without a lax lowering is an
    error naming it.
    """
    if differentiable:
        if quant is not None:
            raise ValueError("differentiable=True takes float32 models; quant does not apply")
        apply, params = _differentiable(model)

        def diff_fn(*inputs):
            return apply(diff_fn.params, *inputs)

        diff_fn.apply = apply
        diff_fn.params = params
        return diff_fn
    text = export_stablehlo(model, quant)
    in_avals, out_avals = _signature(text)
    module = _Module(text, in_avals, out_avals)
    prim = _get_primitive()

    def fn(*inputs):
        import jax.numpy as jnp
        if len(inputs) != len(in_avals):
            raise TypeError(f"the model takes {len(in_avals)} input(s), got {len(inputs)}")
        args = []
        for i, (x, aval) in enumerate(zip(inputs, in_avals)):
            x = jnp.asarray(x)
            if tuple(x.shape) != tuple(aval.shape):
                raise ValueError(f"input {i}: shape {tuple(x.shape)}, the model takes {tuple(aval.shape)}")
            if x.dtype != aval.dtype:
                raise TypeError(f"input {i}: dtype {x.dtype}, the model takes {aval.dtype}")
            args.append(x)
        outs = prim.bind(*args, module=module)
        return outs[0] if len(outs) == 1 else tuple(outs)

    fn.in_avals = tuple(in_avals)
    fn.out_avals = tuple(out_avals)
    fn.mlir_text = text
    return fn


def _read_plan(model):
    """Compiles the model to a plan file (fuse_pad, fuse_epilogue off); returns its bytes."""
    with tempfile.TemporaryDirectory(prefix="xlite_jax_") as tmp:
        tmp = pathlib.Path(tmp)
        src = _model_path(model, tmp)
        plan = tmp / "model.xlc"
        args = [str(find_cli()), "compile", str(src), "--disable", "fuse_pad", "--disable", "fuse_epilogue",
                "--disable", "fuse_depthwise_pointwise", "--disable", "fuse_int8_table", "-o",
                str(plan)]
        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode != 0:
            raise XliteJaxError(f"xlite compile of {_display(model)} failed: {r.stderr.strip()}")
        blob = plan.read_bytes()
    return blob


def _differentiable(model):
    return _lax.build(_read_plan(model))
