# SPDX-License-Identifier: Apache-2.0
"""Tutorial 3: a model with a custom operator, its kernel registered from
C++ and from Python.

TensorFlow Lite has no builtin for tf.atan: with `allow_custom_ops=True` the
converter writes a CUSTOM op named "Atan" and leaves its kernel to the
runtime. xlite runs it with a kernel registered

  1. from C++: examples/tutorial/atan_op.cc, built into a shared library
     (build/examples/libtutorial_atan_op.so) that xlite loads
     (`custom_op_libraries=` here; `--custom-ops` on the CLI);
  2. from Python: a NumPy function (`custom_ops={"Atan": np.arctan}`).

Both results are checked against the same computation in NumPy.

Run:  .venv/bin/python examples/tutorial/03_custom_op.py [--library PATH]
"""

import argparse
import os
import subprocess
import tempfile

import numpy as np

import common
import xlite


def make_model(path):
    import tensorflow as tf

    @tf.function(input_signature=[tf.TensorSpec([2, 16], tf.float32)])
    def model(x):
        return tf.atan(x) * 2.0 + 1.0

    conv = tf.lite.TFLiteConverter.from_concrete_functions([model.get_concrete_function()], model)
    conv.allow_custom_ops = True
    with open(path, "wb") as f:
        f.write(conv.convert())
    return path


def run(interpreter, x):
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--library", default=os.path.join(common.REPO_ROOT, "build", "examples",
                                                      "libtutorial_atan_op.so"),
                    help="the C++ kernel library (built by scripts/build.sh)")
    args = ap.parse_args()

    out = tempfile.mkdtemp(prefix="xlite_tutorial3_")
    path = make_model(os.path.join(out, "atan.tflite"))
    ops = common.inspect(path)["op_counts"]
    print("ops in the model:", ops)
    assert "CUSTOM:Atan" in ops, ops

    x = np.random.default_rng(common.SEED).uniform(-4, 4, (2, 16)).astype(np.float32)
    expected = np.arctan(x) * 2.0 + 1.0

    # Without a kernel the model is refused, naming the op.
    try:
        xlite.Interpreter(model_path=path)
        raise AssertionError("a model with an unregistered custom op was accepted")
    except ValueError as e:
        print("without a kernel:", str(e).split(";")[0])
        assert "Atan" in str(e)

    # 1. The C++ kernel, from a shared library.
    from_cpp = run(xlite.Interpreter(model_path=path, custom_op_libraries=[args.library]), x)
    # ... and the same library on the command line.
    np.save(os.path.join(out, "x.npy"), x)
    subprocess.run([common.xlite_cli(), "run", path, "--custom-ops", args.library,
                    "--input", os.path.join(out, "x.npy"), "--output-dir", os.path.join(out, "cli")],
                   check=True, capture_output=True)
    from_cli = np.load(os.path.join(out, "cli", os.listdir(os.path.join(out, "cli"))[0]))

    # 2. A Python kernel.
    from_python = run(xlite.Interpreter(model_path=path, custom_ops={"Atan": np.arctan}), x)

    for what, got in (("C++ kernel", from_cpp), ("C++ kernel, CLI", from_cli), ("Python kernel", from_python)):
        err = float(np.max(np.abs(got - expected)))
        print(f"{what:16} max |xlite - NumPy| = {err:.2e}")
        assert err <= 1e-5, (what, err)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
