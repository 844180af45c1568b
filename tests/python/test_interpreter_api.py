# SPDX-License-Identifier: Apache-2.0
"""xlite.Interpreter as a drop-in for LiteRT's Interpreter.

Each script below is written once against "an interpreter module" (anything
with Interpreter and OpResolverType) and runs twice: with
ai_edge_litert.interpreter and with xlite. Everything the script sees is
compared: every details dict (get_input/output/tensor_details, signature
runners'), the signature lists, and the outputs (integers exactly, floats
within 1e-5 of the largest magnitude, as tests/python/test_parity.py).
Errors: the same exception type, and where xlite words the message as
LiteRT does, the same message.

Needs the package installed (scripts/test.sh: pip install . into .venv).
"""
import numpy as np
import pytest

from conftest import DIGITS_DIR, OPS_DIR, op_model_manifest
from test_parity import (NONZERO_INPUTS, POSITIVE_INPUTS, REFERENCE_KERNEL_BUGS, assert_agree, make_inputs)

litert = pytest.importorskip("ai_edge_litert.interpreter")
xlite = pytest.importorskip("xlite", reason="the xlite package is not installed (pip install .)")

DIGITS = [DIGITS_DIR / "digits_f32.tflite", DIGITS_DIR / "digits_int8.tflite"]
MANIFEST = op_model_manifest()
SIGNATURE_MODELS = [OPS_DIR / "multi_signature_f32.tflite", OPS_DIR / "multi_signature_int8.tflite"]


def reference_type(mod, entry=None):
    """LiteRT: its reference kernels, the oracle of the parity tests (or
    its optimized kernels where the reference is wrong); xlite: default."""
    if mod is xlite:
        return mod.OpResolverType.AUTO
    if entry and (entry["family"], entry["dtype"]) in REFERENCE_KERNEL_BUGS:
        return mod.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES
    return mod.OpResolverType.BUILTIN_REF


def make(mod, path, entry=None, **kwargs):
    try:
        return mod.Interpreter(model_path=str(path), experimental_op_resolver_type=reference_type(mod, entry),
                               **kwargs)
    except ValueError as e:
        if mod is xlite and "cannot run yet" in str(e):
            pytest.skip(str(e))
        if mod is litert and "Didn't find op" in str(e):
            # Newer op versions missing from LiteRT's reference resolver.
            return mod.Interpreter(model_path=str(path),
                                   experimental_op_resolver_type=mod.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
                                   **kwargs)
        raise


# --- the scripts: the same code for both modules ---------------------------

def classic_script(mod, path, inputs, entry=None, num_threads=None):
    """The tf.lite.Interpreter tutorial: details, set, invoke, get."""
    itp = make(mod, path, entry, num_threads=num_threads)
    itp.allocate_tensors()
    seen = {"inputs": itp.get_input_details(), "outputs": itp.get_output_details(),
            "tensors": itp.get_tensor_details(), "signatures": itp.get_signature_list()}
    for d, a in zip(seen["inputs"], inputs):
        itp.set_tensor(d["index"], a)
    itp.invoke()
    seen["results"] = [itp.get_tensor(d["index"]) for d in seen["outputs"]]
    seen["outputs_after"] = itp.get_output_details()
    return seen


def batch_script(mod, path, entry=None, seed=0):
    """resize_tensor_input: every input's first dim to 3 (a static dim, so
    not strict), then the classic steps."""
    itp = make(mod, path, entry)
    for d in itp.get_input_details():
        if len(d["shape"]):
            itp.resize_tensor_input(d["index"], [3, *d["shape"][1:]])
    itp.allocate_tensors()
    seen = {"inputs": itp.get_input_details(), "outputs": itp.get_output_details()}
    family = entry["family"] if entry else ""
    inputs = make_inputs(seen["inputs"], seed, family in POSITIVE_INPUTS, family in NONZERO_INPUTS)
    for d, a in zip(seen["inputs"], inputs):
        itp.set_tensor(d["index"], a)
    itp.invoke()
    seen["results"] = [itp.get_tensor(d["index"]) for d in itp.get_output_details()]
    return seen


def view_script(mod, path, images):
    """Inputs and outputs through tensor() views, after a resize."""
    itp = make(mod, path)
    index = itp.get_input_details()[0]["index"]
    itp.resize_tensor_input(index, list(images.shape))
    itp.allocate_tensors()
    view_in = itp.tensor(index)
    view_in()[...] = images
    itp.invoke()
    out = itp.tensor(itp.get_output_details()[0]["index"])
    seen = {"results": [out().copy()]}
    held = out()
    with pytest.raises(RuntimeError):
        itp.invoke()  # a view is alive
    with pytest.raises(RuntimeError):
        itp.allocate_tensors()
    del held
    view_in()[...] = 0
    itp.invoke()
    seen["results"].append(out().copy())
    return seen


def signature_script(mod, path, seed=0):
    itp = make(mod, path)
    seen = {"signatures": itp.get_signature_list(), "results": []}
    for key in sorted(seen["signatures"]):
        runner = itp.get_signature_runner(key)
        ins, outs = runner.get_input_details(), runner.get_output_details()
        seen[key] = {"inputs": ins, "outputs": outs}
        arrays = dict(zip(ins, make_inputs(list(ins.values()), seed)))
        result = runner(**arrays)
        assert sorted(result) == sorted(outs)
        seen["results"] += [result[k] for k in sorted(result)]
    return seen


# --- comparison --------------------------------------------------------------

def assert_details_equal(ours, ref, label):
    assert type(ours) is type(ref), label
    if isinstance(ref, dict):
        assert list(ours) == list(ref), f"{label}: keys {list(ours)} vs {list(ref)}"
        for k in ref:
            assert_details_equal(ours[k], ref[k], f"{label}.{k}")
    elif isinstance(ref, (list, tuple)):
        assert len(ours) == len(ref), f"{label}: {len(ours)} vs {len(ref)} entries"
        for i, (o, r) in enumerate(zip(ours, ref)):
            assert_details_equal(o, r, f"{label}[{i}]")
    elif isinstance(ref, np.ndarray):
        assert ours.dtype == ref.dtype, f"{label}: dtype {ours.dtype} vs {ref.dtype}"
        assert np.array_equal(ours, ref), f"{label}: {ours} vs {ref}"
    else:
        assert ours == ref, f"{label}: {ours!r} vs {ref!r}"


def compare(ours, ref, label):
    for key in ref:
        if key == "tensors":
            # LiteRT appends its kernels' scratch tensors (nameless, or
            # named like "BatchMatMul_scratch_buffer") after the model's.
            n = len(ours[key])
            assert len(ref[key]) >= n
            assert_details_equal(ours[key], ref[key][:n], f"{label} tensors")
            assert all(d["index"] >= n for d in ref[key][n:])
        elif key == "results":
            assert len(ours[key]) == len(ref[key])
            for i, (o, r) in enumerate(zip(ours[key], ref[key])):
                assert_agree(o, r, f"{label} output {i}")
        else:
            assert_details_equal(ours[key], ref[key], f"{label} {key}")


# --- the tests ---------------------------------------------------------------

@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_op_model(entry):
    path = OPS_DIR / entry["file"]
    details = litert.Interpreter(model_path=str(path)).get_input_details()
    inputs = make_inputs(details, 0, entry["family"] in POSITIVE_INPUTS, entry["family"] in NONZERO_INPUTS)
    ours = classic_script(xlite, path, inputs, entry)
    compare(ours, classic_script(litert, path, inputs, entry), entry["file"])


@pytest.mark.parametrize("path", DIGITS, ids=lambda p: p.name)
@pytest.mark.parametrize("num_threads", [None, 2])
def test_digits(path, num_threads):
    details = litert.Interpreter(model_path=str(path)).get_input_details()
    for seed in range(3):
        inputs = make_inputs(details, seed)
        compare(classic_script(xlite, path, inputs, num_threads=num_threads),
                classic_script(litert, path, inputs, num_threads=num_threads), f"{path.name} seed {seed}")


@pytest.mark.parametrize("path", DIGITS, ids=lambda p: p.name)
def test_digits_samples_classified(path):
    """The shipped samples through xlite, labels from their file names."""
    itp = xlite.Interpreter(model_path=str(path))
    itp.allocate_tensors()
    d = itp.get_input_details()[0]
    for sample in sorted(DIGITS_DIR.glob("sample_*_label*.npy")):
        x = np.load(sample)
        if d["dtype"] == np.int8:
            scale, zp = d["quantization"]
            x = np.clip(np.round(x / scale) + zp, -128, 127).astype(np.int8)
        itp.set_tensor(d["index"], x)
        itp.invoke()
        scores = itp.get_tensor(itp.get_output_details()[0]["index"])
        assert int(scores.argmax()) == int(sample.stem.split("label")[1]), sample.name


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_op_model_batch_resize(entry):
    """Where LiteRT runs the model at batch 3, xlite must too, alike;
    where LiteRT refuses (a RESHAPE that fixes the batch, ...), xlite must
    raise the same exception type."""
    path = OPS_DIR / entry["file"]
    ref = outcome(lambda: batch_script(litert, path, entry))
    ours = outcome(lambda: batch_script(xlite, path, entry))
    if isinstance(ref, Exception):
        assert isinstance(ours, type(ref)), f"LiteRT: {ref!r}; xlite: {ours!r}"
    else:
        assert not isinstance(ours, Exception), f"xlite refused batch 3 that LiteRT ran: {ours!r}"
        compare(ours, ref, entry["file"])


@pytest.mark.parametrize("name,shape", [("conv2d_same_f32.tflite", [3, 8, 8, 3]),
                                        ("conv2d_same_int8.tflite", [2, 8, 8, 3])])
def test_views(name, shape):
    path = OPS_DIR / name
    details = litert.Interpreter(model_path=str(path)).get_input_details()
    images = make_inputs([{**details[0], "shape": shape}], 7)[0]
    compare(view_script(xlite, path, images), view_script(litert, path, images), name)


def test_digits_refuse_batch_like_litert():
    """digits' RESHAPE fixes the batch at 1: allocation fails in both."""
    for path in DIGITS:
        both(lambda mod: batch_script(mod, path))


def test_model_content():
    content = DIGITS[1].read_bytes()
    inputs = make_inputs(litert.Interpreter(model_content=content).get_input_details(), 3)
    results = []
    for mod in (xlite, litert):
        itp = mod.Interpreter(model_content=content)
        itp.allocate_tensors()
        itp.set_tensor(itp.get_input_details()[0]["index"], inputs[0])
        itp.invoke()
        results.append(itp.get_tensor(itp.get_output_details()[0]["index"]))
    assert_agree(results[0], results[1], "model_content")


@pytest.mark.parametrize("path", SIGNATURE_MODELS + DIGITS, ids=lambda p: p.name)
def test_signatures(path):
    compare(signature_script(xlite, path), signature_script(litert, path), path.name)


DYNAMIC = [OPS_DIR / "squeeze_dyn_f32.tflite", OPS_DIR / "expand_dims_dyn_int8.tflite"]


@pytest.mark.parametrize("path", DYNAMIC, ids=lambda p: p.name)
def test_strict_resize_of_dynamic_dims(path):
    def script(mod):
        itp = make(mod, path)
        d = itp.get_input_details()[0]
        shape = [3 if s == -1 else s for s in d["shape_signature"]]
        itp.resize_tensor_input(d["index"], shape, strict=True)
        itp.allocate_tensors()
        inputs = make_inputs(itp.get_input_details(), 5)
        itp.set_tensor(d["index"], inputs[0])
        itp.invoke()
        return {"inputs": itp.get_input_details(), "outputs": itp.get_output_details(),
                "results": [itp.get_tensor(o["index"]) for o in itp.get_output_details()]}
    compare(script(xlite), script(litert), path.name)


# --- errors: the same exception type (and message, where worded alike) -----

def outcome(fn):
    """fn()'s result, or the exception it raised."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the type is what is compared
        return e


def both(script, same_message=False):
    ours, ref = outcome(lambda: script(xlite)), outcome(lambda: script(litert))
    assert isinstance(ref, Exception), "the case should fail in LiteRT"
    assert isinstance(ours, Exception), f"xlite accepted what LiteRT refused: {ref}"
    assert isinstance(ours, type(ref)), f"xlite raised {type(ours).__name__}: {ours}; LiteRT {type(ref).__name__}: {ref}"
    if same_message:
        assert str(ours) == str(ref)
    return ours, ref


def allocated(mod, path=DIGITS[1]):
    itp = mod.Interpreter(model_path=str(path))
    itp.allocate_tensors()
    return itp, itp.get_input_details()[0]


def test_error_wrong_dtype():
    def script(mod):
        itp, d = allocated(mod)
        itp.set_tensor(d["index"], np.zeros(d["shape"], np.float32))
    both(script, same_message=True)


@pytest.mark.parametrize("shape", [[1, 28, 28], [1, 28, 28, 2], [2, 28, 28, 1]])
def test_error_wrong_shape(shape):
    def script(mod):
        itp, d = allocated(mod)
        itp.set_tensor(d["index"], np.zeros(shape, d["dtype"]))
    both(script, same_message=True)


@pytest.mark.parametrize("call", ["set_tensor", "get_tensor", "tensor", "details"])
@pytest.mark.parametrize("index", [-1, 99])
def test_error_wrong_index(call, index):
    def script(mod):
        itp, d = allocated(mod)
        if call == "set_tensor":
            itp.set_tensor(index, np.zeros(d["shape"], d["dtype"]))
        elif call == "get_tensor":
            itp.get_tensor(index)
        elif call == "tensor":
            itp.tensor(index)()
        else:
            itp._get_tensor_details(index, 0)
    ours, ref = both(script)
    assert "Invalid tensor index" in str(ours) or call == "details"


def test_error_resize():
    def bad_index(mod):
        allocated(mod)[0].resize_tensor_input(99, [1, 2])

    def strict_static(mod):
        itp, d = allocated(mod)
        itp.resize_tensor_input(d["index"], [2, 28, 28, 1], strict=True)
    both(bad_index)
    ours, ref = both(strict_static)
    assert "-1" in str(ours) and "-1" in str(ref)


@pytest.mark.parametrize("case", ["missing", "corrupt", "empty_args", "both_args", "threads"])
def test_error_construction(case, tmp_path):
    def script(mod):
        if case == "missing":
            mod.Interpreter(model_path=str(tmp_path / "missing.tflite"))
        elif case == "corrupt":
            mod.Interpreter(model_content=b"not a model at all" * 8)
        elif case == "empty_args":
            mod.Interpreter()
        elif case == "both_args":
            mod.Interpreter(model_path=str(DIGITS[0]), model_content=DIGITS[0].read_bytes())
        else:
            mod.Interpreter(model_path=str(DIGITS[0]), num_threads=0)
    ours, ref = both(script, same_message=case in ("empty_args", "both_args", "threads"))
    if case == "missing":
        assert "missing.tflite" in str(ours)


def test_error_truncated_content():
    content = DIGITS[0].read_bytes()[:1000]
    both(lambda mod: mod.Interpreter(model_content=content))


@pytest.mark.parametrize("case", ["key", "count", "name", "none_key"])
def test_error_signature_runner(case):
    def script(mod):
        path = SIGNATURE_MODELS[0] if case == "none_key" else DIGITS[0]
        itp = mod.Interpreter(model_path=str(path))
        if case == "key":
            itp.get_signature_runner("nope")
        elif case == "none_key":
            itp.get_signature_runner()
        runner = itp.get_signature_runner("serving_default")
        x = np.zeros([1, 28, 28, 1], np.float32)
        if case == "count":
            runner(args_0=x, other=x)
        else:
            runner(image=x)
    both(script, same_message=True)


def test_intermediate_of_compiled_model_is_an_error_not_garbage():
    """xlite's own behaviour: an intermediate of the compiled model cannot be
    read (LiteRT returns whatever its arena holds); compile=False can."""
    itp = xlite.Interpreter(model_path=str(DIGITS[0]))
    itp.allocate_tensors()
    io = {d["index"] for d in itp.get_input_details() + itp.get_output_details()}
    inter = [d["index"] for d in itp.get_tensor_details()
             if d["index"] not in io and not itp._core.tensor_info(0, d["index"])[-1]]
    assert inter
    with pytest.raises(ValueError, match="intermediate"):
        itp.get_tensor(inter[0])
    plain = xlite.Interpreter(model_path=str(DIGITS[0]), compile=False)
    plain.allocate_tensors()
    assert plain.get_tensor(inter[0]).shape == tuple(plain.get_tensor_details()[inter[0]]["shape"])


@pytest.mark.parametrize("path", DIGITS, ids=lambda p: p.name)
def test_constants_as_litert(path):
    """Constant tensors (weights) read back as LiteRT reads them, and their
    views are read-only (they are the model's bytes)."""
    ours, _ = allocated(xlite, path)
    ref, _ = allocated(litert, path)
    constants = [i for i in range(len(ours.get_tensor_details())) if ours._core.tensor_info(0, i)[-1]]
    assert len(constants) >= 4
    for i in constants:
        assert_agree(ours.get_tensor(i), ref.get_tensor(i), f"constant {i}")
    view = ours.tensor(constants[0])()
    assert not view.flags.writeable


def test_console_command():
    """The package's `xlite` command (and python -m xlite) is the CLI."""
    import pathlib
    import subprocess
    import sys
    exe = pathlib.Path(sys.executable).parent / "xlite"
    assert exe.exists(), f"{exe}: the console command was not installed"
    for cmd in ([str(exe)], [sys.executable, "-m", "xlite"]):
        r = subprocess.run([*cmd, "inspect", str(DIGITS[1])], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert "digits_int8.tflite" in r.stdout and "params" in r.stdout
        r = subprocess.run([*cmd, "run", str(DIGITS[1]) + ".missing"], capture_output=True, text=True, timeout=60)
        assert r.returncode != 0 and ".missing" in r.stderr
