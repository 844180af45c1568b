# SPDX-License-Identifier: Apache-2.0
"""xlite.Interpreter: the API of ai_edge_litert.interpreter.Interpreter
(tf.lite.Interpreter) on xlite, so a LiteRT script runs after changing its
import. Same methods, the same detail dicts, the same exception types with
messages of the same meaning.

The model is compiled (xlite's optimizing passes) when the interpreter is
made; tensor indices are still the model file's, as LiteRT reports them.
Inputs, outputs and constants can be read and written by index; the
intermediates of the compiled model are not kept (pass compile=False to run
the model as read, where every tensor is addressable).
"""
import enum
import os
import sys

import numpy as np

from . import _xlite

__all__ = ["Interpreter", "InterpreterError", "SignatureRunner", "OpResolverType"]

# TfLiteType names, by code (as LiteRT's messages print them).
_TYPE_NAMES = {
    0: "NOTYPE", 1: "FLOAT32", 2: "INT32", 3: "UINT8", 4: "INT64", 5: "STRING", 6: "BOOL", 7: "INT16",
    8: "COMPLEX64", 9: "INT8", 10: "FLOAT16", 11: "FLOAT64", 12: "COMPLEX128", 13: "UINT64", 14: "RESOURCE",
    15: "VARIANT", 16: "UINT32", 17: "UINT16", 18: "INT4", 19: "BFLOAT16",
}
_NUMPY_TO_NAME = {
    np.dtype(np.float32): "FLOAT32", np.dtype(np.int32): "INT32", np.dtype(np.uint8): "UINT8",
    np.dtype(np.int64): "INT64", np.dtype(np.bool_): "BOOL", np.dtype(np.int16): "INT16",
    np.dtype(np.complex64): "COMPLEX64", np.dtype(np.int8): "INT8", np.dtype(np.float16): "FLOAT16",
    np.dtype(np.float64): "FLOAT64", np.dtype(np.complex128): "COMPLEX128", np.dtype(np.uint64): "UINT64",
    np.dtype(np.uint32): "UINT32", np.dtype(np.uint16): "UINT16",
}
# String, resource and variant tensors: LiteRT reports numpy's object type.
_NUMPY_TYPES = {5: np.object_, 14: np.object_, 15: np.object_, 18: np.int8, 19: np.uint16}


class InterpreterError(ValueError, RuntimeError):
    """A refused resize, or a model that cannot be allocated or run at its
    input shapes. LiteRT raises RuntimeError there (and ValueError for bad
    arguments elsewhere); this is both, so either `except` catches it."""


class OpResolverType(enum.Enum):
    """LiteRT's op resolver choice, taken for compatibility: BUILTIN_REF runs
    every op on xlite's reference kernels; the others use the fast kernels."""
    AUTO = 0
    BUILTIN = 1
    BUILTIN_REF = 2
    BUILTIN_WITHOUT_DEFAULT_DELEGATES = 3


def _details(core, index, subgraph):
    (name, type_code, dtype_name, shape, shape_signature, scales, zero_points, qdim, sparsity,
     _constant) = core.tensor_info(subgraph, int(index))
    dtype = np.dtype(dtype_name).type if dtype_name else _NUMPY_TYPES.get(type_code, np.object_)
    per_tensor = (float(scales[0]), int(zero_points[0])) if len(scales) == 1 else (0.0, 0)
    return {
        "name": name,
        "index": int(index),
        "shape": shape,
        "shape_signature": shape_signature,
        "dtype": dtype,
        "quantization": per_tensor,
        "quantization_parameters": {
            "scales": scales,
            "zero_points": zero_points,
            "quantized_dimension": int(qdim),
            "block_size": 0,
        },
        "sparsity_parameters": sparsity if sparsity is not None else {},
    }


def _check_index(core, index, subgraph=0):
    n = core.num_tensors(subgraph)
    if not isinstance(index, (int, np.integer)) or index < 0 or index >= n:
        raise ValueError(f"Invalid tensor index {index} exceeds max tensor index {n - 1}")


def _set_tensor(core, index, value, subgraph=0):
    """Copies `value` into tensor `index` after LiteRT's checks: the exact
    element type, then rank, then each dim."""
    _check_index(core, index, subgraph)
    name, type_code, dtype_name, shape = core.tensor_info(subgraph, int(index))[:4]
    value = np.asarray(value)
    expected = np.dtype(dtype_name) if dtype_name else None
    if expected is None or value.dtype != expected:
        got = _NUMPY_TO_NAME.get(value.dtype, str(value.dtype).upper())
        raise ValueError(f"Cannot set tensor: Got value of type {got} but expected type "
                         f"{_TYPE_NAMES.get(type_code, type_code)} for input {index}, name: {name} ")
    if value.ndim != len(shape):
        raise ValueError(f"Cannot set tensor: Dimension mismatch. Got {value.ndim} but expected {len(shape)} "
                         f"for input {index}.")
    for d, (got, want) in enumerate(zip(value.shape, shape)):
        if got != want:
            raise ValueError(f"Cannot set tensor: Dimension mismatch. Got {got} but expected {want} for "
                             f"dimension {d} of input {index}.")
    core.write(subgraph, int(index), np.ascontiguousarray(value))


def _resize(core, index, tensor_size, strict, subgraph=0):
    n = core.num_tensors(subgraph)
    if not isinstance(index, (int, np.integer)) or index < 0 or index >= n:
        raise InterpreterError(f"Invalid tensor index {index}: the subgraph has {n} tensors")
    try:
        core.resize(subgraph, int(index), [int(d) for d in np.asarray(tensor_size, dtype=np.int32).reshape(-1)],
                    bool(strict))
    except ValueError as e:
        raise InterpreterError(str(e)) from None


def _run(step, subgraph):
    try:
        step(subgraph)
    except ValueError as e:
        raise InterpreterError(str(e)) from None


class Interpreter:
    """Runs a .tflite (or xlite .xlc) model; the API of LiteRT's Interpreter.

    model_path / model_content: the model (exactly one of them).
    num_threads: threads that split each kernel's work (default 1, as
      LiteRT's Python interpreter).
    experimental_op_resolver_type: OpResolverType.BUILTIN_REF runs xlite's
      reference kernels.
    compile (xlite only): False runs the model as read, without the
      optimizing passes; every tensor is then addressable by index.
    custom_op_libraries (xlite only): paths of shared libraries of custom-op
      kernels (each exports xlite_register_custom_ops; include/xlite/
      xlite_custom_op.h), as the CLI's --custom-ops.
    custom_ops (xlite only): {name or (name, version): callable} — Python
      kernels for CUSTOM ops, for prototyping. The callable gets the op's
      inputs as numpy arrays and returns its output array (or a tuple, one
      per output) with the dtype and shape the model declares; a callable
      with a `prepare(shapes, dtypes)` attribute returning [(shape, dtype),
      ...] sets other output shapes.
    The other experimental_* arguments of LiteRT are accepted and have no
    effect; delegates are refused. The built-in custom ops
    (TFLite_Detection_PostProcess, Convolution2DTransposeBias) need no
    registration; any other custom op without a kernel fails here, naming it.
    """

    def __init__(self, model_path=None, model_content=None, experimental_delegates=None, num_threads=None,
                 experimental_op_resolver_type=OpResolverType.AUTO, experimental_preserve_all_tensors=False,
                 compile=True, custom_op_libraries=None, custom_ops=None, **experimental):
        unknown = [k for k in experimental if not k.startswith("experimental_")]
        if unknown:
            raise TypeError(f"Interpreter() got unexpected keyword arguments: {', '.join(unknown)}")
        if experimental_delegates:
            raise ValueError("xlite does not take LiteRT delegates (experimental_delegates)")
        if experimental_preserve_all_tensors:
            # xlite's memory plan reuses the bytes of dead intermediates; it
            # cannot keep them all yet, and will not pretend to.
            raise ValueError("experimental_preserve_all_tensors is not supported by xlite yet")
        resolver = getattr(experimental_op_resolver_type, "name", None)
        if resolver not in OpResolverType.__members__:
            raise ValueError(f"Unrecognized passed in op resolver type: {experimental_op_resolver_type}")
        if num_threads is not None:
            if not isinstance(num_threads, int):
                raise ValueError("type of num_threads should be int")
            if num_threads < 1:
                raise ValueError("num_threads should >= 1")
        threads = int(num_threads or 1)
        libraries = [os.fspath(p) for p in (custom_op_libraries or [])]
        for lib in libraries:
            if not os.path.isfile(lib):
                raise ValueError(f"custom op library '{lib}' does not exist")
        kernels = []
        for key, fn in (custom_ops or {}).items():
            name, version = (key, 0) if isinstance(key, str) else key
            if not isinstance(name, str) or not isinstance(version, int):
                raise ValueError(f"custom_ops keys are names or (name, version) pairs, not {key!r}")
            if not callable(fn):
                raise ValueError(f"the kernel for custom op '{name}' is not callable")
            kernels.append((name, version, fn))
        reference = resolver == "BUILTIN_REF"
        if model_path and not model_content:
            path = os.fspath(model_path)
            if not os.path.isfile(path):
                raise ValueError(f"Could not open '{path}'.")
            self._core = _xlite.Core.from_file(path, threads, bool(compile), reference, libraries, kernels)
        elif model_content and not model_path:
            self._model_content = model_content
            self._core = _xlite.Core.from_buffer(memoryview(model_content), threads, bool(compile), reference,
                                                  libraries, kernels)
        elif not model_content and not model_path:
            raise ValueError("`model_path` or `model_content` must be specified.")
        else:
            raise ValueError("Can't both provide `model_path` and `model_content`")
        self._signatures = {
            key: {"subgraph": subgraph, "inputs": dict(inputs), "outputs": dict(outputs)}
            for key, subgraph, inputs, outputs in self._core.signatures()
        }

    # --- the LiteRT API

    def allocate_tensors(self):
        self._ensure_safe()
        _run(self._core.allocate, 0)

    def invoke(self):
        self._ensure_safe()
        _run(self._core.invoke, 0)

    def num_subgraphs(self):
        return self._core.num_subgraphs()

    def _get_tensor_details(self, tensor_index, subgraph_index):
        return _details(self._core, tensor_index, subgraph_index)

    def get_tensor_details(self, subgraph_index=0):
        n = self._core.num_subgraphs()
        if subgraph_index < 0 or subgraph_index >= n:
            raise ValueError(f"subgraph_index is out of range: {subgraph_index} for the model, which has {n} "
                             "subgraphs.")
        return [_details(self._core, i, subgraph_index) for i in range(self._core.num_tensors(subgraph_index))]

    def get_input_details(self):
        return [_details(self._core, i, 0) for i in self._core.inputs(0)]

    def get_output_details(self):
        return [_details(self._core, i, 0) for i in self._core.outputs(0)]

    def set_tensor(self, tensor_index, value):
        _set_tensor(self._core, tensor_index, value)

    def get_tensor(self, tensor_index, subgraph_index=0):
        _check_index(self._core, tensor_index, subgraph_index)
        return self._core.view(subgraph_index, int(tensor_index)).copy()

    def tensor(self, tensor_index):
        """A function returning a numpy view of the tensor's current bytes.
        Do not keep the view across allocate_tensors() or invoke(): those
        raise RuntimeError while a view is alive, as in LiteRT."""
        _check_index(self._core, tensor_index)
        return lambda: self._core.view(0, int(tensor_index))

    def resize_tensor_input(self, input_index, tensor_size, strict=False):
        self._ensure_safe()
        _resize(self._core, input_index, tensor_size, strict)

    def get_signature_list(self):
        return {k: {"inputs": sorted(s["inputs"]), "outputs": sorted(s["outputs"])}
                for k, s in self._signatures.items()}

    def _get_full_signature_list(self):
        return {k: {"inputs": dict(sorted(s["inputs"].items())), "outputs": dict(sorted(s["outputs"].items()))}
                for k, s in self._signatures.items()}

    def get_signature_runner(self, signature_key=None):
        if signature_key is None:
            if len(self._signatures) != 1:
                raise ValueError(f"SignatureDef signature_key is None and model has {len(self._signatures)} "
                                 "Signatures. None is only allowed when the model has 1 SignatureDef")
            signature_key = next(iter(self._signatures))
        return SignatureRunner(interpreter=self, signature_key=signature_key)

    def reset_all_variables(self):
        raise NotImplementedError("xlite does not support variable tensors' reset yet")

    # --- view safety, as LiteRT: views from tensor() hold a reference to
    # the core; resizing, allocating or invoking with one alive could move
    # the bytes under it.

    def _safe_to_run(self):
        return sys.getrefcount(self._core) == 2

    def _ensure_safe(self):
        if not self._safe_to_run():
            raise RuntimeError(
                "There is at least 1 reference to internal data in the interpreter in the form of a numpy array "
                "or slice. Be sure to only hold the function returned from tensor() if you are using raw data "
                "access.")


class SignatureRunner:
    """Runs one SignatureDef: keyword inputs by signature name, a dict of
    outputs by signature name (as LiteRT's SignatureRunner)."""

    def __init__(self, interpreter=None, signature_key=None):
        if not interpreter:
            raise ValueError("None interpreter provided.")
        if not signature_key:
            raise ValueError("None signature_key provided.")
        if signature_key not in interpreter._signatures:
            raise ValueError(f'Invalid signature_key provided: "{signature_key}".')
        self._interpreter = interpreter
        self._core = interpreter._core
        sig = interpreter._signatures[signature_key]
        self._subgraph = sig["subgraph"]
        self._inputs = dict(sorted(sig["inputs"].items()))
        self._outputs = dict(sorted(sig["outputs"].items()))
        _run(self._core.allocate, self._subgraph)  # a subgraph xlite cannot run fails here

    def __call__(self, **kwargs):
        if len(kwargs) != len(self._inputs):
            raise ValueError("Invalid number of inputs provided for running a SignatureDef, "
                             f"expected {len(self._inputs)} vs provided {len(kwargs)}")
        for name, value in kwargs.items():
            if name not in self._inputs:
                raise ValueError(f"Invalid Input name ({name}) for SignatureDef")
            _resize(self._core, self._inputs[name], np.shape(value), False, self._subgraph)
        _run(self._core.allocate, self._subgraph)
        for name, value in kwargs.items():
            _set_tensor(self._core, self._inputs[name], value, self._subgraph)
        _run(self._core.invoke, self._subgraph)
        return {name: self._core.view(self._subgraph, index).copy() for name, index in self._outputs.items()}

    def get_input_details(self):
        return {name: _details(self._core, i, self._subgraph) for name, i in self._inputs.items()}

    def get_output_details(self):
        return {name: _details(self._core, i, self._subgraph) for name, i in self._outputs.items()}
