# SPDX-License-Identifier: Apache-2.0
"""Train a tiny digits CNN and export float32 and full-int8 .tflite models.

Data is scikit-learn's bundled `load_digits()` (8x8 grey images, no download)
upsampled to the 28x28x1 MNIST layout so the model looks like a typical
small vision network.  Outputs go to models/digits/ (or --out):

    digits_f32.tflite, digits_int8.tflite   the models (batch 1, static shape)
    sample_<k>_label<L>.npy                 held-out float32 inputs, 1x28x28x1
    README.md                               provenance and measured accuracy
"""

import argparse
import os
import sys
import tempfile
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from ai_edge_litert.interpreter import Interpreter  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "models", "digits")
SEED = 1234
NUM_SAMPLES = 5


def load_data():
    digits = load_digits()
    # Pixel values are 0..16; bilinear resize also smooths the blocky 8x8 grid.
    x = (digits.images.astype(np.float32) / 16.0)[..., None]
    x = tf.image.resize(x, [28, 28], method="bilinear").numpy()
    x = np.clip(x, 0.0, 1.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    return train_test_split(x, y, test_size=0.2, random_state=SEED, stratify=y)


def build_model():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(8, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def convert(saved_dir, calib, int8):
    conv = tf.lite.TFLiteConverter.from_saved_model(saved_dir)
    if int8:
        def representative():
            for img in calib:
                yield [img[None]]
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = representative
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
    return conv.convert()


def tflite_predict(path, x):
    interp = Interpreter(model_path=path)
    interp.allocate_tensors()
    inp = interp.get_input_details()[0]
    out = interp.get_output_details()[0]
    preds = []
    for img in x:
        data = img[None]
        if inp["dtype"] == np.int8:
            scale, zp = inp["quantization"]
            data = np.clip(np.round(data / scale) + zp, -128, 127).astype(np.int8)
        interp.set_tensor(inp["index"], data)
        interp.invoke()
        # argmax is invariant to the output's affine dequantization.
        preds.append(int(np.argmax(interp.get_tensor(out["index"])[0])))
    return np.array(preds)


def ops_of(path):
    return [o["op_name"] for o in Interpreter(model_path=path)._get_ops_details()]


def write_readme(out_dir, info):
    text = f"""# digits: a tiny MNIST-style CNN

Made by `tools/gen_models/train_digits.py` (seed {SEED}); rerun it to regenerate.

- Data: scikit-learn's bundled `load_digits()` (1797 8x8 images, values 0..16),
  scaled to [0,1] and bilinearly resized to 28x28x1.  Stratified 80/20 split:
  {info['n_train']} training and {info['n_test']} held-out images.
- Model (Keras): Conv2D(8,3x3,relu) - MaxPool - Conv2D(16,3x3,relu) - MaxPool -
  Flatten - Dense(32,relu) - Dense(10,softmax); {info['params']} parameters,
  Adam, {info['epochs']} epochs, batch {info['batch']}.
- Export: `model.export()` with a static 1x28x28x1 input, then
  `tf.lite.TFLiteConverter.from_saved_model` (TF {tf.__version__}).
  - `digits_f32.tflite` ({info['size_f32']} bytes): float32.
  - `digits_int8.tflite` ({info['size_int8']} bytes): full-integer post-training
    quantization (TFLITE_BUILTINS_INT8, int8 input and output, calibrated on
    {info['n_calib']} training images).  The input scale/zero-point are in the
    model: q = round(x / scale) + zero_point.
- Ops: f32 `{' '.join(info['ops_f32'])}`; int8 `{' '.join(info['ops_int8'])}`.
- `sample_<k>_label<L>.npy`: held-out float32 inputs (1x28x28x1, [0,1]);
  L is the true label.  Each has a distinct label and is classified correctly
  by both .tflite models.

## Held-out accuracy ({info['n_test']} images, ai_edge_litert Interpreter)

| model | accuracy |
| --- | --- |
| Keras float | {info['acc_keras']:.4f} |
| digits_f32.tflite | {info['acc_f32']:.4f} |
| digits_int8.tflite | {info['acc_int8']:.4f} |
"""
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--epochs", type=int, default=15)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    tf.get_logger().setLevel("ERROR")
    warnings.filterwarnings("ignore", category=UserWarning)
    t0 = time.time()

    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()

    x_train, x_test, y_train, y_test = load_data()
    model = build_model()
    model.compile(optimizer=keras.optimizers.Adam(2e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    batch = 32
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=batch, verbose=2,
              shuffle=True)
    _, acc_keras = model.evaluate(x_test, y_test, verbose=0)
    print(f"Keras held-out accuracy: {acc_keras:.4f}")

    calib = x_train[:200]
    paths = {}
    with tempfile.TemporaryDirectory(prefix="xlite_digits_") as tmp:
        # Static batch 1 so the .tflite has no dynamic dims.
        model.export(tmp, format="tf_saved_model", verbose=False,
                     input_signature=[tf.TensorSpec([1, 28, 28, 1], tf.float32)])
        for tag, int8 in (("f32", False), ("int8", True)):
            path = os.path.join(args.out, f"digits_{tag}.tflite")
            with open(path, "wb") as f:
                f.write(convert(tmp, calib, int8))
            paths[tag] = path

    pred_f32 = tflite_predict(paths["f32"], x_test)
    pred_int8 = tflite_predict(paths["int8"], x_test)

    # Remove samples from earlier runs whose labels may differ.
    for fn in os.listdir(args.out):
        if fn.startswith("sample_") and fn.endswith(".npy"):
            os.remove(os.path.join(args.out, fn))
    # Distinct labels, and only images both models get right, so runtime
    # tests can assert the predicted class without tolerance games.
    picked = []
    for i, label in enumerate(y_test):
        if len(picked) == NUM_SAMPLES:
            break
        if pred_f32[i] == label == pred_int8[i] and label not in [y_test[j] for j in picked]:
            picked.append(i)
    for k, i in enumerate(picked):
        np.save(os.path.join(args.out, f"sample_{k}_label{int(y_test[i])}.npy"),
                x_test[i][None].astype(np.float32))

    info = {
        "n_train": len(y_train), "n_test": len(y_test), "n_calib": len(calib),
        "params": model.count_params(), "epochs": args.epochs, "batch": batch,
        "acc_keras": acc_keras,
        "acc_f32": float(np.mean(pred_f32 == y_test)),
        "acc_int8": float(np.mean(pred_int8 == y_test)),
        "size_f32": os.path.getsize(paths["f32"]),
        "size_int8": os.path.getsize(paths["int8"]),
        "ops_f32": ops_of(paths["f32"]), "ops_int8": ops_of(paths["int8"]),
    }
    write_readme(args.out, info)
    for k in ("acc_f32", "acc_int8", "size_f32", "size_int8", "ops_f32", "ops_int8"):
        print(f"{k}: {info[k]}")
    print(f"done in {time.time() - t0:.1f}s")
    return 0 if min(info["acc_f32"], info["acc_int8"]) > 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
