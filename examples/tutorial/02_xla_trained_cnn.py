# SPDX-License-Identifier: Apache-2.0
"""Tutorial 2: a CNN trained with XLA (`jit_compile=True`), run on xlite.

The training step is a `tf.function(jit_compile=True)`, so TensorFlow
compiles it with XLA.  The trained model is converted to .tflite, run with
`xlite.Interpreter`, and every held-out output is checked against LiteRT's
interpreter (its reference kernels) on the same input.

Run:  .venv/bin/python examples/tutorial/02_xla_trained_cnn.py [--epochs 4]
"""

import argparse
import os
import tempfile

import numpy as np

import common
import xlite


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--out", help="where the .tflite files go (default: a temporary directory)")
    args = ap.parse_args()

    import keras
    import tensorflow as tf
    from ai_edge_litert.interpreter import Interpreter as LiteRTInterpreter, OpResolverType

    keras.utils.set_random_seed(common.SEED)
    x_train, x_test, y_train, y_test = common.load_digits_28x28()

    model = keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(10),
    ])
    optimizer = keras.optimizers.Adam(2e-3)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    @tf.function(jit_compile=True)  # the whole step compiled by XLA
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    data = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(2048, seed=common.SEED).batch(32)
    for epoch in range(args.epochs):
        losses = [float(train_step(x, y)) for x, y in data]
        print(f"epoch {epoch + 1}: loss {np.mean(losses):.4f}")

    out = args.out or tempfile.mkdtemp(prefix="xlite_tutorial2_")
    os.makedirs(out, exist_ok=True)
    for kind, calib in (("float32", None), ("int8", x_train[:200])):
        path = common.to_tflite(model, os.path.join(out, f"xla_trained_{kind}.tflite"), calib)
        ours = common.predict(xlite.Interpreter(model_path=path), x_test)
        ref = common.predict(LiteRTInterpreter(model_path=path,
                                               experimental_op_resolver_type=OpResolverType.BUILTIN_REF),
                             x_test)
        accuracy = float(np.mean(np.argmax(ours, axis=1) == y_test))
        if kind == "float32":
            err = float(np.max(np.abs(ours - ref)) / max(1e-30, float(np.max(np.abs(ref)))))
            print(f"{kind}: accuracy {accuracy:.3f}; max |xlite - LiteRT| / max|LiteRT| = {err:.2e}")
            assert err <= 1e-5, err
        else:
            differ = int(np.count_nonzero(ours != ref))
            print(f"{kind}: accuracy {accuracy:.3f}; outputs differing from LiteRT: {differ} of {ref.size}")
            assert differ == 0
        assert accuracy > 0.8, accuracy
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
