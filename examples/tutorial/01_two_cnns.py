# SPDX-License-Identifier: Apache-2.0
"""Tutorial 1: two CNN designs for 28x28x1 digits, compared on xlite.

The classic TFLite tutorial trains a larger and a smaller Keras CNN, converts
both and compares them by size and speed with `tf.lite.Interpreter`.  Here
the interpreter is `xlite.Interpreter` (same API) and the size comes from
`xlite inspect`:

    A: Conv32 - Pool - Conv64 - Pool - Dense128 - Dense10
    B: Conv16 - Pool - Dense10

Run:  .venv/bin/python examples/tutorial/01_two_cnns.py [--epochs 3] [--out DIR]
"""

import argparse
import os
import statistics
import tempfile
import time

import numpy as np

import common
import xlite


def design_a():
    import keras
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(64, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ], name="A")


def design_b():
    import keras
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(10),
    ], name="B")


def latency_ms(path, image, runs=200):
    """Median wall time of one invoke on xlite, one thread."""
    interp = xlite.Interpreter(model_path=path, num_threads=1)
    interp.allocate_tensors()
    inp = interp.get_input_details()[0]
    interp.set_tensor(inp["index"], common.quantize_input(inp, image[None]))
    for _ in range(10):
        interp.invoke()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        interp.invoke()
        times.append(time.perf_counter() - t)
    return 1e3 * statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--out", help="where the .tflite files go (default: a temporary directory)")
    args = ap.parse_args()

    import keras
    keras.utils.set_random_seed(common.SEED)
    x_train, x_test, y_train, y_test = common.load_digits_28x28()
    out = args.out or tempfile.mkdtemp(prefix="xlite_tutorial1_")
    os.makedirs(out, exist_ok=True)

    rows = []
    for build in (design_a, design_b):
        model = build()
        model.compile(optimizer=keras.optimizers.Adam(2e-3),
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      metrics=["accuracy"])
        model.fit(x_train, y_train, epochs=args.epochs, batch_size=32, verbose=0)
        for kind, calib in (("float32", None), ("int8", x_train[:200])):
            path = common.to_tflite(model, os.path.join(out, f"cnn_{model.name}_{kind}.tflite"), calib)
            info = common.inspect(path)
            preds = common.predict(xlite.Interpreter(model_path=path), x_test)
            rows.append({
                "design": model.name, "kind": kind, "file_bytes": info["file_bytes"],
                "params": info["parameters"], "macs": info["macs"],
                "accuracy": float(np.mean(np.argmax(preds, axis=1) == y_test)),
                "latency_ms": latency_ms(path, x_test[0]),
            })

    print(f"{'design':6} {'type':7} {'file bytes':>11} {'params':>8} {'MACs':>10} {'accuracy':>8} {'ms (xlite)':>10}")
    for r in rows:
        print(f"{r['design']:6} {r['kind']:7} {r['file_bytes']:>11,} {r['params']:>8,} {r['macs']:>10,} "
              f"{r['accuracy']:>8.3f} {r['latency_ms']:>10.4f}")
    # What the tutorial's comparison shows: A is the bigger, slower model.
    by = {(r["design"], r["kind"]): r for r in rows}
    for kind in ("float32", "int8"):
        a, b = by[("A", kind)], by[("B", kind)]
        assert a["params"] > b["params"] and a["macs"] > b["macs"], (a, b)
        assert min(a["accuracy"], b["accuracy"]) > 0.8, (a, b)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
