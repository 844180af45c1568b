# SPDX-License-Identifier: Apache-2.0
"""Generate small single-op-family .tflite test models with the TF converter.

Each case is a tiny tf.function (or tf.Module) converted to one or more
precision variants: float32, full int8 (int8 I/O), int16x8 and float16
weights. Kernel variants no converter emits (legacy uint8, int32 biases for
16x8, per-axis QUANTIZE outputs) are edited from a converted model or written
directly (rewrite.py). A manifest records the builtin ops LiteRT actually sees
in subgraph 0, because the converter often fuses or lowers the op we aimed for.

Usage:
    gen_op_models.py [--out DIR] [--only SUBSTRING]
"""

import argparse
import json
import os
import sys
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import rewrite  # noqa: E402
from op_case import (DEFAULT_OUT, Case, DerivedCase, HandmadeCase, Inp,  # noqa: E402
                     SavedModelCase, ops_of, smoke_run, w)
from subgraph_cases import (cond_make, multi_signature_make, two_conds_make,  # noqa: E402
                            while_make, while_nested_if_make)

# ---------------------------------------------------------------------------
# Helpers for building case bodies.

def act(x, name):
    if name == "relu":
        return tf.nn.relu(x)
    if name == "relu6":
        return tf.nn.relu6(x)
    if name == "relu_n1_to_1":
        return tf.clip_by_value(x, -1.0, 1.0)
    return x


X4 = [1, 8, 8, 3]
Y4 = [1, 4, 4, 3]


def conv_case(name, padding, strides, dilations, activation, k=3, cout=4, bias=True,
              variants=("f32", "int8"), x_shape=X4):
    def make(rng):
        filt = w(rng, k, k, x_shape[3], cout)
        b = w(rng, cout)

        def body(x):
            y = tf.nn.conv2d(x, filt, strides=strides, padding=padding, dilations=dilations)
            if bias:
                y = y + b
            return act(y, activation)
        return body
    return Case(name, "CONV_2D", make, [Inp(x_shape)], variants)


def dw_case(name, padding, strides, dilations, activation, mult=1, variants=("f32", "int8")):
    def make(rng):
        filt = w(rng, 3, 3, X4[3], mult)
        b = w(rng, X4[3] * mult)

        def body(x):
            y = tf.nn.depthwise_conv2d(x, filt, strides=[1, strides, strides, 1],
                                       padding=padding, dilations=dilations)
            return act(y + b, activation)
        return body
    return Case(name, "DEPTHWISE_CONV_2D", make, [Inp(X4)], variants)


def fc_case(name, in_shape, units, activation, bias=True, variants=("f32", "int8")):
    def make(rng):
        weights = w(rng, in_shape[-1], units)
        b = w(rng, units)

        def body(x):
            y = tf.matmul(x, weights)
            if bias:
                y = y + b
            return act(y, activation)
        return body
    return Case(name, "FULLY_CONNECTED", make, [Inp(in_shape)], variants)


def tconv_case(name, padding, stride, out_hw, bias, variants=("f32", "int8")):
    cout = 4

    def make(rng):
        filt = w(rng, 3, 3, cout, Y4[3])
        b = w(rng, cout)

        def body(x):
            y = tf.nn.conv2d_transpose(x, filt, [1, out_hw, out_hw, cout],
                                       strides=stride, padding=padding)
            return y + b if bias else y
        return body
    return Case(name, "TRANSPOSE_CONV", make, [Inp(Y4)], variants)


BINARY = {
    "ADD": ("add", tf.add),
    "SUB": ("sub", tf.subtract),
    "MUL": ("mul", tf.multiply),
    "DIV": ("div", tf.divide),
    "SQUARED_DIFFERENCE": ("squared_difference", tf.math.squared_difference),
    "MAXIMUM": ("maximum", tf.maximum),
    "MINIMUM": ("minimum", tf.minimum),
}


def binary_cases():
    cases = []
    for family, (stem, op) in BINARY.items():
        # Keep divisors away from zero.
        blo, bhi = (0.5, 2.0) if family == "DIV" else (-1.0, 1.0)

        def mk_two(op=op):
            return lambda rng: (lambda a, b: op(a, b))
        cases.append(Case(f"{stem}_same", family, mk_two(),
                          [Inp([1, 4, 4, 3]), Inp([1, 4, 4, 3], lo=blo, hi=bhi)],
                          ("f32", "int8", "int16x8") if family in ("ADD", "SUB", "MUL")
                          else ("f32", "int8")))
        # Both operands broadcast along different axes.
        cases.append(Case(f"{stem}_bcast", family, mk_two(),
                          [Inp([1, 4, 1, 3]), Inp([1, 1, 5, 3], lo=blo, hi=bhi)],
                          ("f32", "int8", "int16x8") if family == "ADD" else ("f32", "int8")))
        # Lower-rank second operand.
        cases.append(Case(f"{stem}_bcast_rank", family, mk_two(),
                          [Inp([2, 3, 4]), Inp([4], lo=blo, hi=bhi)]))

        def mk_const(op=op, family=family):
            def make(rng):
                c = rng.uniform(0.5, 2.0, size=[3]).astype(np.float32)
                if family != "DIV":
                    c = c * np.sign(rng.uniform(-1, 1, size=[3])).astype(np.float32)
                c = tf.constant(c)
                return lambda a: op(a, c)
            return make
        cases.append(Case(f"{stem}_const", family, mk_const(), [Inp([1, 4, 4, 3])]))
    for family, stem, a in [("ADD", "add", "relu"), ("SUB", "sub", "relu6"),
                            ("MUL", "mul", "relu_n1_to_1"), ("ADD", "add", "relu6")]:
        op = BINARY[family][1]
        cases.append(Case(f"{stem}_{a}", family,
                          lambda rng, op=op, a=a: (lambda x, y: act(op(x, y), a)),
                          [Inp([1, 4, 4, 3], lo=-2, hi=2), Inp([1, 4, 4, 3], lo=-2, hi=2)]))
    # Integer arithmetic is a separate kernel path.
    cases.append(Case("add_int32", "ADD", lambda rng: (lambda a, b: a + b),
                      [Inp([2, 3], tf.int32, -50, 50), Inp([3], tf.int32, -50, 50)], ("f32",)))
    cases.append(Case("mul_int32", "MUL", lambda rng: (lambda a, b: a * b),
                      [Inp([2, 3], tf.int32, -50, 50), Inp([2, 3], tf.int32, -50, 50)], ("f32",)))
    return cases


def pool_case(name, family, ksize, strides, padding, activation=None):
    pool = tf.nn.avg_pool2d if family == "AVERAGE_POOL_2D" else tf.nn.max_pool2d

    def make(rng):
        return lambda x: act(pool(x, ksize, strides, padding), activation)
    return Case(name, family, make, [Inp(X4, lo=-2, hi=2)])


def unary(name, family, fn, shape=(1, 4, 4, 3), lo=-3.0, hi=3.0, variants=("f32", "int8")):
    return Case(name, family, lambda rng: fn, [Inp(list(shape), lo=lo, hi=hi)], variants)


def with_rng(name, family, make, shape=(1, 4, 4, 3), lo=-3.0, hi=3.0, variants=("f32", "int8")):
    return Case(name, family, make, [Inp(list(shape), lo=lo, hi=hi)], variants)


def gelu_fn(approximate):
    return lambda x: tf.nn.gelu(x, approximate=approximate)


def prelu_make(alpha_shape):
    def make(rng):
        alpha = tf.constant(rng.uniform(0.05, 0.5, size=alpha_shape).astype(np.float32))
        # Keras' PReLU formulation.  The converter only fuses it into PRELU
        # when written as an ADD of the negated alpha and alpha has rank
        # input_rank - 1.
        return lambda x: tf.nn.relu(x) + (-alpha) * tf.nn.relu(-x)
    return make


def gather_embedding_make(rng):
    table = w(rng, 10, 4)
    return lambda ids: tf.gather(table, ids)


def all_cases():
    c = []
    # ---- convolutions
    c.append(conv_case("conv2d_same", "SAME", 1, 1, None))
    c.append(conv_case("conv2d_same_relu6", "SAME", 1, 1, "relu6",
                       variants=("f32", "int8", "f16w")))
    conv16 = conv_case("conv2d_same_relu", "SAME", 1, 1, "relu", variants=("f32", "int8", "int16x8"))
    c.append(conv16)
    c.append(conv_case("conv2d_valid_relu", "VALID", 1, 1, "relu"))
    c.append(conv_case("conv2d_stride2_same", "SAME", 2, 1, None))
    c.append(conv_case("conv2d_stride2_valid_relu6", "VALID", 2, 1, "relu6"))
    c.append(conv_case("conv2d_stride2x1_5x5_same", "SAME", [2, 1], 1, None, k=5))
    c.append(conv_case("conv2d_dilation2_same", "SAME", 1, 2, None))
    c.append(conv_case("conv2d_dilation2_valid_relu", "VALID", 1, 2, "relu"))
    c.append(conv_case("conv2d_1x1_nobias", "VALID", 1, 1, None, k=1, cout=6, bias=False))
    # Channels and tiles enough for the Winograd F(4x4, 3x3) path
    # (kernels/winograd_f32.h), maps off the 4x4 tiles.
    c.append(conv_case("conv2d_winograd_same_relu", "SAME", 1, 1, "relu", cout=32, x_shape=[1, 18, 17, 24]))
    c.append(conv_case("conv2d_winograd_valid", "VALID", 1, 1, None, cout=16, x_shape=[1, 20, 19, 16],
                       variants=("f32",)))
    c.append(dw_case("depthwise_same_relu6", "SAME", 1, [1, 1], "relu6",
                     variants=("f32", "int8", "f16w", "int16x8")))
    c.append(dw_case("depthwise_valid_mult2", "VALID", 1, [1, 1], None, mult=2))
    c.append(dw_case("depthwise_stride2_same_relu", "SAME", 2, [1, 1], "relu"))
    c.append(dw_case("depthwise_dilation2_same", "SAME", 1, [2, 2], None))
    fc16 = fc_case("fc_relu", [1, 16], 8, "relu", variants=("f32", "int8", "int16x8", "f16w"))
    c.append(fc16)
    c.append(fc_case("fc_nobias", [1, 16], 8, None, bias=False))
    c.append(fc_case("fc_batch4_relu6", [4, 16], 8, "relu6"))
    c.append(fc_case("fc_3d_input", [1, 3, 16], 8, None))
    tconv16 = tconv_case("transpose_conv_stride2_same", "SAME", 2, 8, True,
                         variants=("f32", "int8", "f16w", "int16x8"))
    c.append(tconv16)
    # The converter stores 16x8 biases as int64; LiteRT also runs an int32
    # bias (quantized_bias_type INT32) with a 32-bit accumulator and the
    # int32 requantization (DEPTHWISE_CONV_2D refuses one: see
    # tests/python/test_parity.py).
    for name, family, base in (("transpose_conv_stride2_same", "TRANSPOSE_CONV", tconv16),
                               ("conv2d_same_relu", "CONV_2D", conv16),
                               ("fc_relu", "FULLY_CONNECTED", fc16)):
        c.append(DerivedCase(f"{name}_bias32_int16x8", family, base, "int16x8",
                             lambda blob, family=family: rewrite.bias_to_int32(blob, family), "int16x8"))
    c.append(tconv_case("transpose_conv_stride2_valid", "VALID", 2, 9, False,
                        variants=("f32", "int8", "int16x8")))
    c.append(tconv_case("transpose_conv_stride1_same", "SAME", 1, 4, True))
    # ---- elementwise binary
    c.extend(binary_cases())
    # ---- pooling
    c.append(pool_case("avgpool_2x2_s2_valid", "AVERAGE_POOL_2D", 2, 2, "VALID"))
    c.append(pool_case("avgpool_3x3_s1_same", "AVERAGE_POOL_2D", 3, 1, "SAME"))
    c.append(pool_case("avgpool_3x3_s2_same_relu6", "AVERAGE_POOL_2D", 3, 2, "SAME", "relu6"))
    c.append(pool_case("maxpool_2x2_s2_valid", "MAX_POOL_2D", 2, 2, "VALID"))
    c.append(pool_case("maxpool_3x3_s2_same", "MAX_POOL_2D", 3, 2, "SAME"))
    c.append(pool_case("maxpool_3x2_s1_valid_relu", "MAX_POOL_2D", [3, 2], 1, "VALID", "relu"))
    # ---- reductions
    c.append(unary("mean_hw_keepdims", "MEAN", lambda x: tf.reduce_mean(x, [1, 2], keepdims=True),
                   shape=X4))
    c.append(unary("mean_hw", "MEAN", lambda x: tf.reduce_mean(x, [1, 2]), shape=X4))
    c.append(unary("mean_neg_axis", "MEAN", lambda x: tf.reduce_mean(x, -1)))
    c.append(unary("sum_axis1", "SUM", lambda x: tf.reduce_sum(x, 1)))
    c.append(unary("sum_neg_axes_keepdims", "SUM",
                   lambda x: tf.reduce_sum(x, [-1, -3], keepdims=True)))
    c.append(unary("reduce_max_last", "REDUCE_MAX", lambda x: tf.reduce_max(x, -1)))
    c.append(unary("reduce_max_hw_keepdims", "REDUCE_MAX",
                   lambda x: tf.reduce_max(x, [1, 2], keepdims=True)))
    # ---- activations
    f8_16 = ("f32", "int8", "int16x8")
    c.append(unary("softmax_2d", "SOFTMAX", tf.nn.softmax, shape=(1, 10), variants=f8_16))
    c.append(unary("softmax_4d", "SOFTMAX", tf.nn.softmax, shape=(1, 2, 3, 8), variants=f8_16))
    c.append(unary("softmax_beta2", "SOFTMAX", lambda x: tf.nn.softmax(x * 2.0), shape=(2, 10),
                   variants=f8_16))
    c.append(unary("logistic", "LOGISTIC", tf.sigmoid, variants=("f32", "int8", "int16x8")))
    c.append(unary("tanh", "TANH", tf.tanh, variants=("f32", "int8", "int16x8")))
    c.append(unary("relu", "RELU", tf.nn.relu))
    c.append(unary("relu6", "RELU6", tf.nn.relu6, lo=-3, hi=8))
    c.append(unary("relu_n1_to_1", "RELU_N1_TO_1", lambda x: tf.clip_by_value(x, -1.0, 1.0)))
    c.append(unary("relu_n1_to_1_minmax", "RELU_N1_TO_1",
                   lambda x: tf.minimum(tf.maximum(x, -1.0), 1.0)))
    c.append(unary("leaky_relu", "LEAKY_RELU", lambda x: tf.nn.leaky_relu(x, alpha=0.2)))
    c.append(with_rng("prelu_shared_hw", "PRELU", prelu_make([1, 1, 3])))
    c.append(with_rng("prelu_full", "PRELU", prelu_make([4, 4, 3])))
    c.append(unary("hard_swish", "HARD_SWISH", lambda x: x * tf.nn.relu6(x + 3.0) / 6.0,
                   lo=-5, hi=5))
    c.append(unary("hard_swish_mul", "HARD_SWISH",
                   lambda x: x * tf.nn.relu6(x + 3.0) * (1.0 / 6.0), lo=-5, hi=5))
    # Swish as the converter writes it, LOGISTIC then MUL(x, logistic(x)):
    # fuse_int8_table makes the quantized ones one table lookup.
    swish = unary("swish", "LOGISTIC", lambda x: x * tf.sigmoid(x), lo=-6, hi=6)
    c.append(swish)
    c.append(DerivedCase("swish_uint8", "LOGISTIC", swish, "int8", rewrite.int8_to_uint8, "uint8"))
    c.append(unary("swish_relu", "LOGISTIC", lambda x: tf.nn.relu(tf.sigmoid(x) * x), lo=-6, hi=6,
                   variants=("int8",)))
    for name, approximate in (("gelu_tanh", True), ("gelu_erf", False)):
        gelu = unary(name, "GELU", gelu_fn(approximate), variants=f8_16)
        c.append(gelu)
        # Legacy uint8 activations: the int8 model with every zero point
        # moved up by 128.
        c.append(DerivedCase(f"{name}_uint8", "GELU", gelu, "int8", rewrite.int8_to_uint8, "uint8"))
    c.append(unary("exp", "EXP", tf.exp, lo=-2, hi=2, variants=f8_16))
    c.append(unary("rsqrt", "RSQRT", tf.math.rsqrt, lo=0.1, hi=4))
    c.append(unary("sqrt", "SQRT", tf.sqrt, lo=0.0, hi=4))
    # ---- shape manipulation
    c.append(unary("reshape_flatten", "RESHAPE", lambda x: tf.reshape(x, [1, 48])))
    c.append(unary("reshape_infer_dim", "RESHAPE", lambda x: tf.reshape(x, [4, -1, 2])))
    c.append(unary("squeeze_axis", "SQUEEZE", lambda x: tf.squeeze(x, [2]), shape=(1, 4, 1, 3)))
    c.append(unary("squeeze_all", "SQUEEZE", tf.squeeze, shape=(1, 4, 1, 3)))
    # With static shapes (or a single unknown dim) the converter folds these
    # into RESHAPE; two unknown dims keep the real op.
    c.append(Case("squeeze_dyn", "SQUEEZE", lambda rng: (lambda x: tf.squeeze(x, [2])),
                  [Inp([None, None, 1, 3], sample_shape=[1, 4, 1, 3])]))
    c.append(Case("squeeze_dyn_neg_axis", "SQUEEZE",
                  lambda rng: (lambda x: tf.squeeze(x, [-2])),
                  [Inp([None, 4, 1, None], sample_shape=[2, 4, 1, 3])]))
    c.append(unary("expand_dims_neg", "EXPAND_DIMS", lambda x: tf.expand_dims(x, -1),
                   shape=(2, 3, 4)))
    c.append(Case("expand_dims_dyn", "EXPAND_DIMS", lambda rng: (lambda x: tf.expand_dims(x, 1)),
                  [Inp([None, 4, 3])]))
    c.append(unary("pad", "PAD", lambda x: tf.pad(x, [[0, 0], [1, 2], [2, 1], [0, 0]])))
    c.append(unary("pad_channels", "PAD", lambda x: tf.pad(x, [[0, 0], [0, 0], [0, 0], [1, 1]])))
    c.append(unary("padv2", "PADV2",
                   lambda x: tf.pad(x, [[0, 0], [1, 1], [0, 2], [0, 0]], constant_values=0.5)))
    c.append(unary("mirror_pad_reflect", "MIRROR_PAD",
                   lambda x: tf.pad(x, [[0, 0], [1, 2], [2, 1], [0, 0]], mode="REFLECT")))
    c.append(unary("mirror_pad_symmetric", "MIRROR_PAD",
                   lambda x: tf.pad(x, [[0, 0], [2, 2], [1, 0], [0, 0]], mode="SYMMETRIC")))
    c.append(Case("concat_last", "CONCATENATION",
                  lambda rng: (lambda a, b: tf.concat([a, b], -1)),
                  [Inp([1, 4, 4, 3]), Inp([1, 4, 4, 5], lo=-4, hi=4)]))
    c.append(Case("concat_axis1_three", "CONCATENATION",
                  lambda rng: (lambda a, b, d: tf.concat([a, b, d], 1)),
                  [Inp([1, 2, 3]), Inp([1, 4, 3], lo=0, hi=2), Inp([1, 1, 3], lo=-3, hi=0)]))
    c.append(unary("split_last2", "SPLIT", lambda x: tf.split(x, 2, axis=-1), shape=(1, 4, 4, 6)))
    c.append(unary("split_axis1_4", "SPLIT", lambda x: tf.split(x, 4, axis=1)))
    c.append(unary("split_v", "SPLIT_V", lambda x: tf.split(x, [1, 2, 3], axis=-1),
                   shape=(1, 4, 6)))
    c.append(unary("split_v_infer", "SPLIT_V", lambda x: tf.split(x, [3, -1], axis=1),
                   shape=(1, 8, 2)))
    c.append(Case("pack_axis1", "PACK", lambda rng: (lambda a, b: tf.stack([a, b], axis=1)),
                  [Inp([2, 3]), Inp([2, 3], lo=-2, hi=2)]))
    c.append(Case("pack_neg_axis", "PACK",
                  lambda rng: (lambda a, b, d: tf.stack([a, b, d], axis=-1)),
                  [Inp([2, 3]), Inp([2, 3]), Inp([2, 3])]))
    c.append(unary("unpack_axis0", "UNPACK", lambda x: tf.unstack(x, axis=0), shape=(3, 4)))
    c.append(unary("unpack_neg_axis", "UNPACK", lambda x: tf.unstack(x, axis=-1),
                   shape=(2, 4, 3)))
    c.append(unary("slice", "SLICE", lambda x: tf.slice(x, [0, 1, 1, 0], [1, 2, 3, -1])))
    c.append(unary("strided_slice_step2", "STRIDED_SLICE", lambda x: x[:, 1:7:2, ::2, :],
                   shape=X4))
    c.append(unary("strided_slice_reverse", "STRIDED_SLICE", lambda x: x[:, ::-1, -2:, 1:],
                   shape=X4))
    c.append(unary("strided_slice_shrink", "STRIDED_SLICE", lambda x: x[0, :, 1, :]))
    c.append(unary("strided_slice_newaxis", "STRIDED_SLICE",
                   lambda x: x[:, tf.newaxis, 1:, ..., :2]))
    c.append(unary("transpose_nchw", "TRANSPOSE", lambda x: tf.transpose(x, [0, 3, 1, 2])))
    c.append(unary("transpose_3d", "TRANSPOSE", lambda x: tf.transpose(x, [2, 0, 1]),
                   shape=(2, 3, 4)))
    c.append(unary("gather_const_idx_axis1", "GATHER", lambda x: tf.gather(x, [3, 0, 2, 2], axis=1)))
    c.append(Case("gather_embedding", "GATHER", gather_embedding_make,
                  [Inp([3], tf.int32, 0, 9)]))
    c.append(Case("gather_input_idx", "GATHER",
                  lambda rng: (lambda x, ids: tf.gather(x, ids, axis=-1)),
                  [Inp([2, 5]), Inp([3], tf.int32, 0, 4)]))
    c.append(Case("batch_matmul", "BATCH_MATMUL", lambda rng: (lambda a, b: tf.matmul(a, b)),
                  [Inp([2, 3, 4]), Inp([2, 4, 5])], f8_16))
    c.append(Case("batch_matmul_adj_y", "BATCH_MATMUL",
                  lambda rng: (lambda a, b: tf.matmul(a, b, transpose_b=True)),
                  [Inp([2, 3, 4]), Inp([2, 5, 4])], f8_16))
    c.append(Case("batch_matmul_adj_x_bcast", "BATCH_MATMUL",
                  lambda rng: (lambda a, b: tf.matmul(a, b, transpose_a=True)),
                  [Inp([1, 4, 3]), Inp([2, 4, 5])], f8_16))
    # ---- resize / space rearrangement
    c.append(unary("resize_bilinear_up_half_pixel", "RESIZE_BILINEAR",
                   lambda x: tf.image.resize(x, [8, 8], method="bilinear")))
    c.append(unary("resize_bilinear_align_corners", "RESIZE_BILINEAR",
                   lambda x: tf.compat.v1.image.resize_bilinear(x, [7, 7], align_corners=True)))
    c.append(unary("resize_bilinear_down", "RESIZE_BILINEAR",
                   lambda x: tf.image.resize(x, [5, 3], method="bilinear"), shape=X4))
    c.append(unary("resize_bilinear_legacy", "RESIZE_BILINEAR",
                   lambda x: tf.compat.v1.image.resize_bilinear(x, [6, 6])))
    c.append(unary("resize_nearest_up_half_pixel", "RESIZE_NEAREST_NEIGHBOR",
                   lambda x: tf.image.resize(x, [8, 8], method="nearest")))
    c.append(unary("resize_nearest_align_corners", "RESIZE_NEAREST_NEIGHBOR",
                   lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, [7, 5],
                                                                        align_corners=True)))
    c.append(unary("resize_nearest_legacy", "RESIZE_NEAREST_NEIGHBOR",
                   lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, [6, 6])))
    c.append(unary("depth_to_space", "DEPTH_TO_SPACE", lambda x: tf.nn.depth_to_space(x, 2),
                   shape=(1, 3, 3, 8)))
    c.append(unary("space_to_depth", "SPACE_TO_DEPTH", lambda x: tf.nn.space_to_depth(x, 2),
                   shape=(1, 4, 6, 3)))
    c.append(unary("batch_to_space_nd", "BATCH_TO_SPACE_ND",
                   lambda x: tf.batch_to_space(x, [2, 2], [[0, 0], [0, 0]]), shape=(4, 2, 3, 3)))
    c.append(unary("batch_to_space_nd_crop", "BATCH_TO_SPACE_ND",
                   lambda x: tf.batch_to_space(x, [2, 2], [[0, 1], [1, 0]]), shape=(4, 3, 3, 2)))
    c.append(unary("space_to_batch_nd", "SPACE_TO_BATCH_ND",
                   lambda x: tf.space_to_batch(x, [2, 2], [[0, 0], [0, 0]])))
    c.append(unary("space_to_batch_nd_pad", "SPACE_TO_BATCH_ND",
                   lambda x: tf.space_to_batch(x, [2, 2], [[1, 0], [0, 1]]), shape=(1, 5, 3, 2)))
    c.append(unary("l2_normalization_4d", "L2_NORMALIZATION",
                   lambda x: tf.math.l2_normalize(x, axis=-1), shape=(1, 2, 2, 8)))
    c.append(unary("l2_normalization_2d", "L2_NORMALIZATION",
                   lambda x: tf.math.l2_normalize(x, axis=-1), shape=(2, 16)))
    c.append(unary("arg_max_last_i32", "ARG_MAX",
                   lambda x: tf.argmax(x, axis=-1, output_type=tf.int32)))
    c.append(unary("arg_max_axis1_i64", "ARG_MAX", lambda x: tf.argmax(x, axis=1)))
    c.append(unary("cast_f32_to_i32", "CAST", lambda x: tf.cast(x * 10.0, tf.int32),
                   variants=("f32",)))
    c.append(Case("cast_i32_to_f32", "CAST", lambda rng: (lambda x: tf.cast(x, tf.float32) * 0.5),
                  [Inp([2, 5], tf.int32, -100, 100)], ("f32",)))
    c.append(Case("shape_dyn", "SHAPE", lambda rng: (lambda x: tf.shape(x)),
                  [Inp([None, 4, 3])], ("f32", "int8")))
    c.append(unary("tile", "TILE", lambda x: tf.tile(x, [1, 2, 3, 1]), shape=(1, 2, 2, 3)))
    c.append(unary("tile_2d", "TILE", lambda x: tf.tile(x, [3, 1]), shape=(2, 4)))
    c.append(unary("broadcast_to", "BROADCAST_TO", lambda x: tf.broadcast_to(x, [2, 3, 4, 3]),
                   shape=(1, 1, 4, 3)))
    c.append(unary("broadcast_to_rank_up", "BROADCAST_TO", lambda x: tf.broadcast_to(x, [2, 3, 4]),
                   shape=(4,)))
    # ---- quantize / dequantize at graph boundaries
    qconv = conv_case("quantize_float_io_conv", "SAME", 1, 1, "relu",
                      variants=("int8_float_io",))
    qconv.family = "QUANTIZE"
    c.append(qconv)
    c.append(unary("quantize_uint8_io_add", "QUANTIZE", lambda x: x + 1.0,
                   variants=("int8_uint8_io",)))
    c.append(unary("dequantize_float_out_tanh", "DEQUANTIZE", tf.tanh,
                   variants=("int8_float_out",)))
    # Per-axis QUANTIZE outputs (one scale and zero point per channel): no
    # converter emits them, LiteRT runs them.
    T = rewrite.T
    c.append(HandmadeCase("quantize_per_axis_int8", "QUANTIZE", lambda: rewrite.quantize_per_axis(
        [2, 3, 4], 1, T.INT8, [0.004, 0.008, 0.02], [0, -20, 7]), "int8"))
    c.append(HandmadeCase("quantize_per_axis_uint8", "QUANTIZE", lambda: rewrite.quantize_per_axis(
        [3, 5], 0, T.UINT8, [1 / 128, 0.01, 0.003], [128, 100, 3]), "uint8"))
    c.append(HandmadeCase("quantize_per_axis_int16x8", "QUANTIZE", lambda: rewrite.quantize_per_axis(
        [3, 4], 1, T.INT16, [1 / 32768, 2 / 32768, 1e-4, 3e-5], [0, 0, 0, 0]), "int16x8"))
    dq = fc_case("dequantize_f16w_fc", [1, 16], 8, None, variants=("f16w",))
    dq.family = "DEQUANTIZE"
    c.append(dq)
    # ---- multi-signature and control flow
    c.append(SavedModelCase("multi_signature", "SIGNATURES", multi_signature_make,
                            variants=("f32", "int8")))
    c.append(Case("while_loop", "WHILE", while_make,
                  [Inp([1, 4]), Inp([], tf.int32, 1, 4)], ("f32", "int8")))
    c.append(Case("if_cond", "IF", cond_make,
                  [Inp([1, 4]), Inp([1], tf.int32, -1, 1)], ("f32",)))
    c.append(Case("while_nested_if", "WHILE", while_nested_if_make,
                  [Inp([1, 4]), Inp([], tf.int32, 1, 4)], ("f32",)))
    # Built only as the base of if_shared_branches (its second IF is made to
    # run the first IF's branches).
    two_conds = Case("if_two", "IF", two_conds_make, [Inp([1, 4]), Inp([2], tf.int32, -1, 1)], ("f32",))
    c.append(DerivedCase("if_shared_branches_f32", "IF", two_conds, "f32", rewrite.share_if_branches, "f32"))
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--only", default=None, help="only cases whose name contains this")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    tf.get_logger().setLevel("ERROR")
    # The converter's internals emit deprecation noise that hides our report.
    warnings.filterwarnings("ignore", category=UserWarning)

    cases = all_cases()
    names = [cs.name for cs in cases]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate case names: {dup}"
    if args.only:
        cases = [cs for cs in cases if args.only in cs.name]

    manifest_path = os.path.join(args.out, "manifest.json")
    entries = {}
    if args.only and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            entries = {e["file"]: e for e in json.load(f)}

    produced = set()
    skipped, lowered, failed_runs = [], [], []
    t0 = time.time()
    for cs in cases:
        for variant in cs.variants:
            fname = cs.file_name(variant)
            path = os.path.join(args.out, fname)
            entries.pop(fname, None)
            try:
                blob = cs.blob(variant)
            except Exception as e:  # noqa: BLE001 - converter errors are varied
                msg = str(e).strip().splitlines()
                msg = next((m for m in msg if "error" in m.lower()), msg[0] if msg else "")
                skipped.append((fname, msg[:200]))
                print(f"SKIP {fname}: {msg[:200]}", flush=True)
                if os.path.exists(path):
                    os.remove(path)
                continue
            with open(path, "wb") as f:
                f.write(blob)
            interp, ops = ops_of(path)
            try:
                smoke_run(interp)
            except Exception as e:  # noqa: BLE001
                failed_runs.append((fname, str(e)[:200]))
                print(f"WARN {fname}: LiteRT invoke failed: {str(e)[:200]}", flush=True)
            produced.add(fname)
            entries[fname] = {"file": fname, "family": cs.family,
                              "dtype": cs.dtype(variant), "ops": ops}
            if cs.family not in ops and cs.family not in ("SIGNATURES",):
                lowered.append((fname, ops))
            print(f"{fname:48s} {len(blob):7d} B  {' '.join(ops)}", flush=True)

    if not args.only:
        # A full run owns the directory: drop models from removed cases.
        for fn in os.listdir(args.out):
            if fn.endswith(".tflite") and fn not in produced:
                os.remove(os.path.join(args.out, fn))

    with open(manifest_path, "w") as f:
        json.dump([entries[k] for k in sorted(entries)], f, indent=1)
        f.write("\n")

    total = sum(os.path.getsize(os.path.join(args.out, e)) for e in entries)
    print(f"\n{len(produced)} models written in {time.time() - t0:.1f}s; "
          f"{len(entries)} in manifest, {total / 1024:.1f} KiB total")
    if skipped:
        print(f"\nConverter refused {len(skipped)}:")
        for fn, msg in skipped:
            print(f"  {fn}: {msg}")
    if lowered:
        print(f"\nTarget op not present (lowered/fused) in {len(lowered)}:")
        for fn, ops in lowered:
            print(f"  {fn}: {' '.join(ops)}")
    if failed_runs:
        print(f"\nLiteRT failed to run {len(failed_runs)}:")
        for fn, msg in failed_runs:
            print(f"  {fn}: {msg}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
