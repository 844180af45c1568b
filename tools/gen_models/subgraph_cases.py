# SPDX-License-Identifier: Apache-2.0
"""Case bodies with more than one subgraph or signature, for gen_op_models.py:
WHILE and IF (the converter keeps them as control flow because a trip count
or condition is a graph input) and a SavedModel with two signatures."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from op_case import Inp, w  # noqa: E402


def multi_signature_make(rng):
    scale = tf.constant(rng.uniform(0.5, 1.5, size=[3]).astype(np.float32))

    class TwoSigs(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([1, 4, 3], tf.float32, name="a"),
                                      tf.TensorSpec([1, 4, 3], tf.float32, name="b")])
        def add(self, a, b):
            return {"sum": a + b}

        @tf.function(input_signature=[tf.TensorSpec([1, 4, 3], tf.float32, name="x")])
        def scale_relu(self, x):
            return {"y": tf.nn.relu(x * scale)}

    m = TwoSigs()
    m.scale = scale
    return m, {
        "add": (m.add.get_concrete_function(), [Inp([1, 4, 3]), Inp([1, 4, 3])]),
        "scale_relu": (m.scale_relu.get_concrete_function(), [Inp([1, 4, 3])]),
    }


def while_make(rng):
    weights = w(rng, 4, 4)

    def body(x, n):
        # Trip count is a graph input so the converter cannot unroll the loop.
        def cond(i, v):
            return i < n

        def step(i, v):
            return i + 1, tf.tanh(tf.matmul(v, weights) + 0.1)
        _, out = tf.while_loop(cond, step, (tf.constant(0), x))
        return out
    return body


def while_nested_if_make(rng):
    weights = w(rng, 4, 4)

    def body(x, n):
        def cond(i, v):
            return i < n

        def step(i, v):
            # An IF inside the loop body: nested control flow.
            v = tf.cond(tf.reduce_sum(v) > 0.0, lambda: tf.tanh(tf.matmul(v, weights)),
                        lambda: v * 0.5 + 0.25)
            return i + 1, v
        _, out = tf.while_loop(cond, step, (tf.constant(0), x))
        return out
    return body


def two_conds_make(rng):
    def body(x, flag):
        y = tf.cond(flag[0] > 0, lambda: x * 2.0, lambda: x - 1.0)
        return tf.cond(flag[1] > 0, lambda: y * 3.0, lambda: y + 0.5)
    return body


def cond_make(rng):
    def body(x, flag):
        return tf.cond(flag[0] > 0, lambda: x * 2.0, lambda: x - 1.0)
    return body
