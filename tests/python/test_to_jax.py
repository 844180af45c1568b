# SPDX-License-Identifier: Apache-2.0
"""xlite.to_jax: a TFLite model as a JAX function, compiled by XLA inside a
larger jitted program, compared with LiteRT's reference kernels on the same
inputs (float outputs within the StableHLO tests' tolerance)."""
import importlib.util
import os

import numpy as np
import pytest

from conftest import DIGITS_DIR, OPS_DIR, ROOT, mediapipe_models, xlite_bin
from test_parity import float_error, make_inputs, run_litert, run_xnnpack, without_last_op

# The YNNPACK fusion bug in jaxlib 0.10.2's XLA:CPU (see test_stablehlo.py).
YNN_OFF = "--xla_cpu_experimental_ynn_fusion_type="
if YNN_OFF not in os.environ.get("XLA_FLAGS", ""):
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " " + YNN_OFF).strip()

litert = pytest.importorskip("ai_edge_litert.interpreter")
jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")

FLOAT_TOLERANCE = 1e-4
QUANT_STEPS_MODEL = 8


def _load_bridge():
    # Loaded from its file so the test does not depend on the package's
    # __init__ (the module imports nothing else from the package).
    spec = importlib.util.spec_from_file_location("xlite_jax_bridge", ROOT / "python" / "xlite" / "jax_bridge.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


bridge = _load_bridge()


@pytest.fixture(autouse=True)
def _cli(monkeypatch):
    path = xlite_bin()
    if not path.exists():
        pytest.fail(f"{path} not built: run scripts/build.sh first")
    monkeypatch.setenv("XLITE_BIN", str(path))


def inputs_for(path, seed=0):
    itp = litert.Interpreter(model_path=str(path))
    return make_inputs(itp.get_input_details(), seed)


OP_MODELS = ["conv2d_same_relu6_f32", "depthwise_stride2_same_relu_f32", "fc_batch4_relu6_f32", "softmax_4d_f32",
             "mean_hw_keepdims_f32", "concat_axis1_three_f32", "add_bcast_f32", "split_axis1_4_f32",
             # control flow (stablehlo.while/if regions) and a model whose
             # signature functions are merged in beside @main
             "while_nested_if_f32", "if_shared_branches_f32", "multi_signature_f32"]


@pytest.mark.parametrize("name", OP_MODELS)
def test_op_model_matches_litert(name):
    path = OPS_DIR / f"{name}.tflite"
    f = bridge.to_jax(path)
    inputs = inputs_for(path)
    ref = run_litert(path, inputs)
    out = jax.jit(f)(*inputs)
    outs = out if isinstance(out, tuple) else (out,)
    assert len(outs) == len(ref)
    for i, (o, r) in enumerate(zip(outs, ref)):
        o = np.asarray(o)
        assert o.shape == r.shape and o.dtype == r.dtype, f"output {i}: {o.shape} {o.dtype} vs {r.shape} {r.dtype}"
        assert float_error(o, r) <= FLOAT_TOLERANCE, f"{name} output {i}: error {float_error(o, r):.3g}"


def test_digits_inside_larger_program():
    path = DIGITS_DIR / "digits_f32.tflite"
    model = bridge.to_jax(path.read_bytes())  # bytes work as well as a path
    samples = sorted(DIGITS_DIR.glob("sample_*.npy"))
    xs = [np.load(s).astype(np.float32) for s in samples]

    @jax.jit
    def program(batch, scale):
        # Several calls of the model inside one XLA program, mixed with jnp:
        # a rescaled input, a stacked result, a reduction over it.
        probs = jnp.concatenate([model(batch[i] * scale) for i in range(batch.shape[0])], axis=0)
        return probs, jnp.argmax(probs, axis=-1), jnp.sum(probs * probs)

    batch = np.stack(xs)
    probs, labels, energy = program(batch, np.float32(1.0))
    ref = np.concatenate([run_litert(path, [x])[0] for x in xs], axis=0)
    assert float_error(np.asarray(probs), ref) <= FLOAT_TOLERANCE
    expected_labels = [int(s.stem.split("label")[1]) for s in samples]
    assert list(np.asarray(labels)) == list(np.argmax(ref, axis=-1))
    assert list(np.asarray(labels)) == expected_labels
    assert abs(float(energy) - float(np.sum(ref.astype(np.float64) ** 2))) <= 1e-4 * float(np.sum(ref ** 2))

    # Two different models in one program: the lowering renames each @main.
    add = bridge.to_jax(OPS_DIR / "add_bcast_f32.tflite")
    add_in = inputs_for(OPS_DIR / "add_bcast_f32.tflite")
    both = jax.jit(lambda x, a, b: (model(x), add(a, b)))(xs[0], *add_in)
    assert float_error(np.asarray(both[1]), run_litert(OPS_DIR / "add_bcast_f32.tflite", add_in)[0]) <= FLOAT_TOLERANCE

    # Eager call (no surrounding jit) gives the same answer.
    assert float_error(np.asarray(model(xs[0])), ref[:1]) <= FLOAT_TOLERANCE


def test_vmap():
    """jax.vmap maps the model over an extra axis (one call per element),
    in any position, with unmapped arguments shared, nested, under jit."""
    path = DIGITS_DIR / "digits_f32.tflite"
    model = bridge.to_jax(path)
    xs = np.stack([np.load(s).astype(np.float32) for s in sorted(DIGITS_DIR.glob("sample_*.npy"))])
    ref = np.stack([run_litert(path, [x])[0] for x in xs])
    for fn in (jax.vmap(model), jax.jit(jax.vmap(model))):
        out = np.asarray(fn(xs))
        assert out.shape == ref.shape and float_error(out, ref) <= FLOAT_TOLERANCE
    diff = bridge.to_jax(path, differentiable=True)  # built from lax ops: their own batching rules
    assert float_error(np.asarray(jax.vmap(diff)(xs)), ref) <= FLOAT_TOLERANCE
    moved = np.moveaxis(xs, 0, 2)
    assert float_error(np.asarray(jax.vmap(model, in_axes=2, out_axes=1)(moved)), np.moveaxis(ref, 0, 1)) <= FLOAT_TOLERANCE

    add_path = OPS_DIR / "add_bcast_f32.tflite"
    add = bridge.to_jax(add_path)
    a, b = inputs_for(add_path)
    rng = np.random.default_rng(1)
    a3 = np.stack([a + rng.standard_normal(a.shape).astype(np.float32) for _ in range(3)])
    out = np.asarray(jax.vmap(add, in_axes=(0, None))(a3, b))  # b shared by every element
    want = np.stack([run_litert(add_path, [ai, b])[0] for ai in a3])
    assert float_error(out, want) <= FLOAT_TOLERANCE
    a23 = np.stack([a3, a3 * 2])
    nested = np.asarray(jax.vmap(jax.vmap(add, in_axes=(0, None)), in_axes=(0, None))(a23, b))
    assert float_error(nested[1], np.stack([run_litert(add_path, [ai * 2, b])[0] for ai in a3])) <= FLOAT_TOLERANCE
    with pytest.raises(ValueError):  # mapped arguments must agree on the axis size
        jax.vmap(add)(a3, np.stack([b, b]))


def test_quantized_model_with_float_compute():
    path = DIGITS_DIR / "digits_int8.tflite"
    f = bridge.to_jax(path, quant="float")
    inputs = inputs_for(path, seed=3)
    ref = run_litert(path, inputs)[0]
    out = np.asarray(jax.jit(f)(*inputs))
    assert out.dtype == ref.dtype and out.shape == ref.shape
    assert int(np.max(np.abs(out.astype(np.int64) - ref.astype(np.int64)))) <= QUANT_STEPS_MODEL


def test_quantized_model_with_integer_compute():
    """quant="integer": TFLite's integer arithmetic inside a jitted program,
    every output code equal to LiteRT's reference kernels."""
    path = DIGITS_DIR / "digits_int8.tflite"
    f = bridge.to_jax(path, quant="integer")
    inputs = inputs_for(path, seed=3)
    ref = run_litert(path, inputs)[0]
    out = np.asarray(jax.jit(f)(*inputs))
    assert out.dtype == ref.dtype and out.shape == ref.shape
    assert np.array_equal(out, ref)


SELFIE = [p for p in mediapipe_models() if p.stem == "selfie_segmentation"]


@pytest.mark.parametrize("path", SELFIE, ids=[p.stem for p in SELFIE])
def test_custom_op_model(path, tmp_path):
    """MediaPipe's selfie segmentation, whose Convolution2DTransposeBias
    lowers as a built-in custom op, inside jax.jit, against LiteRT's default
    resolver (its XNNPACK delegate runs the op; the reference resolver does
    not have it). Without the final LOGISTIC: the mask is near 0 on random
    inputs, the logits are what test_stablehlo.py bounds at the float
    tolerance."""
    logits = without_last_op(path, tmp_path)
    f = bridge.to_jax(logits)
    x = inputs_for(logits)[0]
    out = np.asarray(jax.jit(f)(x))
    ref = run_xnnpack(logits, [x])[0]
    assert out.shape == ref.shape and out.dtype == ref.dtype
    assert float_error(out, ref) <= FLOAT_TOLERANCE, float_error(out, ref)


def test_errors(tmp_path, monkeypatch):
    with pytest.raises(FileNotFoundError, match="model file not found"):
        bridge.to_jax(tmp_path / "missing.tflite")
    with pytest.raises(bridge.XliteJaxError, match=r"no StableHLO lowering yet for: CUSTOM:CTestAffine"):
        bridge.to_jax(OPS_DIR.parent / "custom" / "c_test_affine.tflite")
    with pytest.raises(bridge.XliteJaxError, match="failed"):
        bridge.to_jax(b"not a tflite model")
    with pytest.raises(bridge.XliteJaxError, match="quant"):
        bridge.to_jax(DIGITS_DIR / "digits_int8.tflite")  # quantized without quant=
    f = bridge.to_jax(DIGITS_DIR / "digits_f32.tflite")
    with pytest.raises(ValueError, match=r"shape \(1, 28, 28\)"):
        f(np.zeros((1, 28, 28), np.float32))
    with pytest.raises(TypeError, match="dtype int32"):
        f(np.zeros((1, 28, 28, 1), np.int32))
    with pytest.raises(TypeError, match="takes 1 input"):
        f()
    with pytest.raises(bridge.XliteJaxError, match="not supported"):
        jax.grad(lambda x: jnp.sum(f(x)))(np.zeros((1, 28, 28, 1), np.float32))
    monkeypatch.setenv("XLITE_BIN", str(tmp_path / "no-xlite"))
    with pytest.raises(bridge.XliteJaxError, match="XLITE_BIN"):
        bridge.to_jax(DIGITS_DIR / "digits_f32.tflite")


# differentiable=True: the model rebuilt from jax.lax ops, weights as a pytree.

DIFF_MODELS = ["conv2d_same_relu6_f32", "conv2d_dilation2_valid_relu_f32", "depthwise_stride2_same_relu_f32",
               "depthwise_valid_mult2_f32", "fc_batch4_relu6_f32", "fc_3d_input_f32", "softmax_beta2_f32",
               "mean_hw_keepdims_f32", "mean_neg_axis_f32", "concat_axis1_three_f32", "add_bcast_f32",
               "sub_relu6_f32", "mul_relu_n1_to_1_f32", "avgpool_3x3_s2_same_relu6_f32", "avgpool_2x2_s2_valid_f32",
               "pad_f32", "padv2_f32", "logistic_f32", "tanh_f32", "hard_swish_f32", "leaky_relu_f32",
               "reshape_flatten_f32", "squeeze_axis_f32", "transpose_3d_f32", "relu6_f32",
               "strided_slice_reverse_f32", "strided_slice_shrink_f32", "strided_slice_step2_f32", "slice_f32",
               "pack_axis1_f32", "unpack_axis0_f32", "split_axis1_4_f32", "split_v_f32", "tile_f32",
               "gather_const_idx_axis1_f32", "gather_input_idx_f32", "batch_matmul_adj_x_bcast_f32",
               "batch_matmul_adj_y_f32", "gelu_erf_f32", "gelu_tanh_f32", "prelu_shared_hw_f32",
               "l2_normalization_4d_f32", "shape_dyn_f32", "add_int32_f32",
               "depth_to_space_f32", "space_to_depth_f32", "broadcast_to_rank_up_f32", "cast_i32_to_f32_f32",
               "cast_f32_to_i32_f32", "div_bcast_f32", "maximum_bcast_f32", "squared_difference_bcast_f32",
               "transpose_conv_stride1_same_f32", "transpose_conv_stride2_same_f32", "transpose_conv_stride2_valid_f32",
               "mirror_pad_reflect_f32", "mirror_pad_symmetric_f32", "arg_max_last_i32_f32"]


@pytest.mark.parametrize("name", DIFF_MODELS)
def test_differentiable_op_model_matches_litert(name):
    path = OPS_DIR / f"{name}.tflite"
    f = bridge.to_jax(path, differentiable=True)
    inputs = inputs_for(path)
    ref = run_litert(path, inputs)
    out = jax.jit(f.apply)(f.params, *inputs)
    outs = out if isinstance(out, tuple) else (out,)
    assert len(outs) == len(ref)
    for i, (o, r) in enumerate(zip(outs, ref)):
        o = np.asarray(o)
        assert o.shape == r.shape and o.dtype == r.dtype, f"output {i}: {o.shape} {o.dtype} vs {r.shape} {r.dtype}"
        assert float_error(o, r) <= FLOAT_TOLERANCE, f"{name} output {i}: error {float_error(o, r):.3g}"


def _digits_batch():
    samples = sorted(DIGITS_DIR.glob("sample_*.npy"))
    xs = np.stack([np.load(s).astype(np.float32) for s in samples])
    labels = np.array([int(s.stem.split("label")[1]) for s in samples])
    return xs, labels


def test_digits_gradient_and_fine_tuning():
    path = DIGITS_DIR / "digits_f32.tflite"
    f = bridge.to_jax(path, differentiable=True)
    xs, labels = _digits_batch()
    ref = np.concatenate([run_litert(path, [x])[0] for x in xs])
    assert float_error(np.asarray(jnp.concatenate([f(x) for x in xs])), ref) <= FLOAT_TOLERANCE
    # Fine-tune towards other labels, so the loss starts high and gradients are large.
    targets = (labels + 1) % 10

    def loss(params):
        probs = jnp.concatenate([f.apply(params, xs[i]) for i in range(xs.shape[0])])
        return -jnp.mean(jnp.log(probs[jnp.arange(len(targets)), targets] + 1e-6))

    # One compiled function for the value and the gradient keeps the test quick.
    value = jax.jit(jax.value_and_grad(loss))
    params = f.params
    g = value(params)[1]
    assert set(g) == set(params) and all(g[k].shape == params[k].shape for k in params)
    # Central difference along a random direction in the last layer's
    # weights and bias (the loss is smooth there: softmax of an affine map).
    last = [k for k, v in params.items() if v.shape in ((10, 32), (10,))]
    assert len(last) == 2
    rng = np.random.default_rng(0)
    d = {k: rng.standard_normal(params[k].shape).astype(np.float32) for k in last}
    eps = 1e-2
    plus = dict(params, **{k: params[k] + eps * d[k] for k in last})
    minus = dict(params, **{k: params[k] - eps * d[k] for k in last})
    fd = (float(value(plus)[0]) - float(value(minus)[0])) / (2 * eps)
    analytic = sum(float(jnp.vdot(g[k], d[k])) for k in last)
    assert abs(fd - analytic) <= 0.02 * abs(analytic) + 1e-3, (fd, analytic)
    # A gradient w.r.t. a first-layer weight is nonzero too (the whole chain is differentiated).
    first = [k for k, v in params.items() if v.shape == (8, 3, 3, 1)]
    assert float(jnp.max(jnp.abs(g[first[0]]))) > 0
    # A few SGD steps lower the loss.
    losses = [float(value(params)[0])]
    for _ in range(4):
        g = value(params)[1]
        params = jax.tree_util.tree_map(lambda p, q: p - 0.01 * q, params, g)
        losses.append(float(value(params)[0]))
    assert losses[-1] < 0.9 * losses[0], losses
    # The original weights are untouched (the pytree is not shared state).
    assert float_error(np.asarray(f(xs[0])), ref[:1]) <= FLOAT_TOLERANCE


def test_differentiable_errors():
    with pytest.raises(bridge.XliteJaxError, match=r"no jax.lax lowering yet for: RESIZE_BILINEAR \(1\)"):
        bridge.to_jax(OPS_DIR / "resize_bilinear_down_f32.tflite", differentiable=True)
    with pytest.raises(bridge.XliteJaxError, match="float models only; quantized tensors"):
        bridge.to_jax(DIGITS_DIR / "digits_int8.tflite", differentiable=True)
    with pytest.raises(FileNotFoundError):
        bridge.to_jax(OPS_DIR / "missing.tflite", differentiable=True)
    f = bridge.to_jax(DIGITS_DIR / "digits_f32.tflite", differentiable=True)
    with pytest.raises(ValueError, match="shape"):
        f(np.zeros((2, 28, 28, 1), np.float32))


def test_differentiable_mobilenet():
    # A whole architecture (SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE chain
    # included): forward agrees with LiteRT, gradients reach the first layer.
    path = OPS_DIR.parent / "arch" / "mobilenet_a025_f32.tflite"
    f = bridge.to_jax(path, differentiable=True)
    inputs = inputs_for(path)
    ref = run_litert(path, inputs)[0]

    def loss(params):
        out = f.apply(params, *inputs)
        return jnp.sum(jnp.log(out + 1e-6)), out

    (_, out), grads = jax.jit(jax.value_and_grad(loss, has_aux=True))(f.params)
    assert float_error(np.asarray(out), ref) <= FLOAT_TOLERANCE
    leaves = jax.tree_util.tree_leaves(grads)
    assert all(bool(jnp.all(jnp.isfinite(g))) for g in leaves)
    assert sum(bool(jnp.any(g != 0)) for g in leaves) >= len(leaves) // 2
