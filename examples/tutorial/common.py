# SPDX-License-Identifier: Apache-2.0
"""Shared pieces of the tutorials: offline data, conversion, the xlite CLI."""

import os
import shutil
import subprocess
import json

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEED = 7


def load_digits_28x28():
    """scikit-learn's bundled 8x8 digits (no download), resized to the
    28x28x1 MNIST layout, scaled to [0, 1]; an 80/20 split."""
    import tensorflow as tf
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    d = load_digits()
    x = (d.images.astype(np.float32) / 16.0)[..., None]
    x = np.clip(tf.image.resize(x, [28, 28], method="bilinear").numpy(), 0.0, 1.0)
    return train_test_split(x.astype(np.float32), d.target.astype(np.int64), test_size=0.2,
                            random_state=SEED, stratify=d.target)


def to_tflite(model, path, calib=None):
    """Converts a Keras model as the classic tutorial does (from_keras_model:
    the weights become constants); with `calib` (float images) the model is
    fully int8-quantized."""
    import tensorflow as tf

    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    if calib is not None:
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = lambda: ([img[None]] for img in calib)
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
    with open(path, "wb") as f:
        f.write(conv.convert())
    return path


def xlite_cli():
    """The `xlite` command the Python package installs (or the repo's build)."""
    return shutil.which("xlite") or os.path.join(REPO_ROOT, "build", "xlite")


def inspect(path):
    out = subprocess.run([xlite_cli(), "inspect", path, "--json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def quantize_input(detail, x):
    """Float data for an int8 input, with the input's own scale and zero point."""
    if detail["dtype"] == np.float32:
        return x.astype(np.float32)
    scale, zp = detail["quantization"]
    info = np.iinfo(detail["dtype"])
    return np.clip(np.round(x / scale) + zp, info.min, info.max).astype(detail["dtype"])


def predict(interpreter, images):
    """Runs an Interpreter (xlite's or LiteRT's: same API) image by image;
    returns the raw outputs, stacked."""
    interpreter.allocate_tensors()
    inp = interpreter.get_input_details()[0]
    out = interpreter.get_output_details()[0]
    result = []
    for img in images:
        interpreter.set_tensor(inp["index"], quantize_input(inp, img[None]))
        interpreter.invoke()
        result.append(interpreter.get_tensor(out["index"])[0].copy())
    return np.stack(result)
