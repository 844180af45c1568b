# SPDX-License-Identifier: Apache-2.0
"""The machinery behind gen_op_models.py: a test case (a tf.function or a
tf.Module with its inputs), conversion to each precision variant (float32,
full int8, int16x8, float16 weights), and LiteRT's view of the result."""

import os
import tempfile
import zlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from ai_edge_litert.interpreter import Interpreter  # noqa: E402

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "tests", "models", "ops")

# Enough calibration samples for stable ranges, few enough to keep the whole
# run well inside the time budget.
NUM_CALIB = 24

VARIANT_DTYPE = {
    "f32": "f32",
    "int8": "int8",
    "int16x8": "int16x8",
    "f16w": "f16w",
    # Quantized models that keep non-int8 boundaries so QUANTIZE/DEQUANTIZE
    # ops appear in the graph.
    "int8_float_io": "int8",
    "int8_float_out": "int8",
    "int8_uint8_io": "int8",
}
VARIANT_SUFFIX = {
    "f32": "f32",
    "int8": "int8",
    "int16x8": "int16x8",
    "f16w": "f16w",
    "int8_float_io": "int8",
    "int8_float_out": "int8",
    "int8_uint8_io": "int8",
}


def w(rng, *shape, scale=0.5):
    """A float32 constant of the given shape, uniform in [-scale, scale)."""
    return tf.constant(rng.uniform(-scale, scale, size=shape).astype(np.float32))


def seeded_rng(name):
    # crc32 (not hash()) so seeds are stable across interpreter runs.
    return np.random.RandomState(zlib.crc32(name.encode("utf-8")))


class Inp:
    """One graph input: static or partly dynamic shape, dtype, sample range."""

    def __init__(self, shape, dtype=tf.float32, lo=-1.0, hi=1.0, sample_shape=None):
        self.shape = list(shape)
        self.dtype = dtype
        self.lo = lo
        self.hi = hi
        # Dynamic dims (None) need a concrete size for calibration data.
        self.sample_shape = sample_shape or [1 if d is None else d for d in shape]

    def spec(self):
        return tf.TensorSpec(self.shape, self.dtype)

    def sample(self, rng):
        if self.dtype.is_integer:
            return rng.randint(int(self.lo), int(self.hi) + 1,
                               size=self.sample_shape).astype(self.dtype.as_numpy_dtype)
        return rng.uniform(self.lo, self.hi, size=self.sample_shape).astype(np.float32)


class Case:
    """A model built from a python function of graph inputs.

    `make(rng)` returns the body function; it receives the RNG so constant
    weights are drawn deterministically per case name.
    """

    def __init__(self, name, family, make, inputs, variants=("f32", "int8")):
        self.name = name
        self.family = family
        self.make = make
        self.inputs = inputs
        self.variants = variants

    def build(self):
        rng = seeded_rng(self.name)
        body = self.make(rng)
        fn = tf.function(body, input_signature=[i.spec() for i in self.inputs])
        return fn, fn.get_concrete_function()

    def representative(self):
        rng = seeded_rng(self.name + "/calib")
        samples = [[i.sample(rng) for i in self.inputs] for _ in range(NUM_CALIB)]

        def gen():
            for s in samples:
                yield s
        return gen

    def converter(self):
        fn, cf = self.build()
        return tf.lite.TFLiteConverter.from_concrete_functions([cf], fn)

    def blob(self, variant):
        """The .tflite bytes of one variant."""
        conv = self.converter()
        configure(conv, self, variant)
        return conv.convert()

    def file_name(self, variant):
        return f"{self.name}_{VARIANT_SUFFIX[variant]}.tflite"

    def dtype(self, variant):
        return VARIANT_DTYPE[variant]


class SavedModelCase(Case):
    """A tf.Module with (possibly several) signatures, via from_saved_model.

    `make(rng)` returns (module, {signature_key: (concrete_fn, [Inp, ...])}).
    """

    def __init__(self, name, family, make, variants=("f32",)):
        super().__init__(name, family, make, [], variants)
        self._tmp = None

    def converter(self):
        module, sigs = self.make(seeded_rng(self.name))
        self._sig_inputs = {k: (v[1], v[0]) for k, v in sigs.items()}
        self._tmp = tempfile.TemporaryDirectory(prefix="xlite_gen_")
        tf.saved_model.save(module, self._tmp.name,
                            signatures={k: v[0] for k, v in sigs.items()})
        return tf.lite.TFLiteConverter.from_saved_model(
            self._tmp.name, signature_keys=sorted(sigs))

    def representative(self):
        rng = seeded_rng(self.name + "/calib")
        samples = []
        for key in sorted(self._sig_inputs):
            inputs, cf = self._sig_inputs[key]
            # Signature inputs are keyed by the TensorSpec names.
            names = [spec.name for spec in cf.structured_input_signature[0]]
            for _ in range(NUM_CALIB):
                vals = {}
                for n, inp in zip(names, inputs):
                    vals[n] = inp.sample(rng)
                samples.append((key, vals))

        def gen():
            for s in samples:
                yield s
        return gen

    def cleanup(self):
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def blob(self, variant):
        try:
            return super().blob(variant)
        finally:
            self.cleanup()


class DerivedCase:
    """A model the converter will not make, edited from one it does make
    (tools/gen_models/rewrite.py): `rewrite(blob)` turns `base`'s
    `base_variant` into the file `<name>.tflite`, whose manifest dtype is
    `dtype`."""

    variants = ("derived",)

    def __init__(self, name, family, base, base_variant, rewrite, dtype):
        self.name = name
        self.family = family
        self.base = base
        self.base_variant = base_variant
        self.rewrite = rewrite
        self._dtype = dtype

    def blob(self, variant):
        return self.rewrite(self.base.blob(self.base_variant))

    def file_name(self, variant):
        return f"{self.name}.tflite"

    def dtype(self, variant):
        return self._dtype


class HandmadeCase(DerivedCase):
    """A model written directly with the schema's object API: `make()`
    returns its bytes."""

    def __init__(self, name, family, make, dtype):
        super().__init__(name, family, None, None, None, dtype)
        self.make = make

    def blob(self, variant):
        return self.make()


def configure(conv, case, variant):
    if variant == "f32":
        return
    if variant == "f16w":
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.target_spec.supported_types = [tf.float16]
        return
    conv.optimizations = [tf.lite.Optimize.DEFAULT]
    conv.representative_dataset = case.representative()
    if variant == "int16x8":
        conv.target_spec.supported_ops = [
            tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
        conv.inference_input_type = tf.int16
        conv.inference_output_type = tf.int16
        return
    conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    io = {
        "int8": (tf.int8, tf.int8),
        "int8_float_io": (tf.float32, tf.float32),
        "int8_float_out": (tf.int8, tf.float32),
        "int8_uint8_io": (tf.uint8, tf.uint8),
    }[variant]
    conv.inference_input_type, conv.inference_output_type = io



def ops_of(path):
    interp = Interpreter(model_path=path)
    ops = [o["op_name"] for o in interp._get_ops_details()]
    return interp, ops


def smoke_run(interp):
    # Catches models LiteRT can load but not execute (e.g. bad quant params).
    interp.allocate_tensors()
    rng = np.random.RandomState(0)
    for d in interp.get_input_details():
        dt = d["dtype"]
        shape = d["shape"]
        if np.issubdtype(dt, np.integer):
            info = np.iinfo(dt)
            lo, hi = max(info.min, -4), min(info.max, 4)
            if d["quantization"][0]:
                lo, hi = info.min, info.max
            arr = rng.randint(lo, hi + 1, size=shape).astype(dt)
            if not d["quantization"][0]:
                arr = np.clip(arr, 0, 3).astype(dt)  # index-like inputs
        else:
            arr = rng.uniform(-1, 1, size=shape).astype(dt)
        interp.set_tensor(d["index"], arr)
    interp.invoke()
