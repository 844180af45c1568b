# SPDX-License-Identifier: Apache-2.0
"""Makes a corpus of malformed .tflite models from valid seed models.

Each case is (name, bytes, expect): `expect` is a substring the one-line
error must contain, or None for random damage that may or may not leave a
loadable model (those must simply never crash, hang or print more than one
error line). Structured cases edit the model through the flatbuffers object
API of the schema that ships with ai-edge-litert, so each breaks exactly one
rule.

    python tests/python/malformed.py --write DIR   # writes the corpus (and seeds)
"""
import argparse
import copy
import pathlib
import random
import sys

import flatbuffers
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = [
    ROOT / "models" / "digits" / "digits_int8.tflite",
    ROOT / "tests" / "models" / "ops" / "conv2d_same_relu6_int8.tflite",
    ROOT / "tests" / "models" / "ops" / "depthwise_same_relu6_f16w.tflite",
    ROOT / "tests" / "models" / "ops" / "while_loop_f32.tflite",
    ROOT / "tests" / "models" / "ops" / "multi_signature_f32.tflite",
]


def _schema():
    from ai_edge_litert import schema_py_generated
    return schema_py_generated


def _pack(model):
    b = flatbuffers.Builder(1024)
    b.Finish(model.Pack(b), file_identifier=b"TFL3")
    return bytes(b.Output())


def _first_op_with_inputs(sg, n=1):
    for i, op in enumerate(sg.operators):
        if op.inputs is not None and len(op.inputs) >= n and op.outputs is not None and len(op.outputs) >= 1:
            return i, op
    raise ValueError("no suitable op")


def _constant_tensor(model, sg):
    for i, t in enumerate(sg.tensors):
        b = model.buffers[t.buffer]
        if t.buffer > 0 and b.data is not None and len(b.data) > 4:
            return i, t
    raise ValueError("no constant tensor")


def _activation_tensor(model, sg):
    for i, t in enumerate(sg.tensors):
        b = model.buffers[t.buffer]
        if (b.data is None or len(b.data) == 0) and t.shape is not None and len(t.shape) >= 2:
            return i, t
    raise ValueError("no activation tensor")


def structured_cases(seed_bytes):
    """Yields (name, mutate(model) -> None, expected error substring)."""
    s = _schema()

    def op_input_out_of_range(m):
        sg = m.subgraphs[0]
        _, op = _first_op_with_inputs(sg)
        op.inputs = list(op.inputs)
        op.inputs[0] = len(sg.tensors) + 5
    yield "op_input_out_of_range", op_input_out_of_range, "outside [0,"

    def op_input_negative(m):
        _, op = _first_op_with_inputs(m.subgraphs[0])
        op.inputs = list(op.inputs)
        op.inputs[0] = -7
    yield "op_input_negative", op_input_negative, "tensor -7"

    def op_output_out_of_range(m):
        _, op = _first_op_with_inputs(m.subgraphs[0])
        op.outputs = [len(m.subgraphs[0].tensors) + 1]
    yield "op_output_out_of_range", op_output_out_of_range, "outside [0,"

    def opcode_index_out_of_range(m):
        m.subgraphs[0].operators[0].opcodeIndex = len(m.operatorCodes) + 3
    yield "opcode_index_out_of_range", opcode_index_out_of_range, "operator code index"

    def tensor_buffer_out_of_range(m):
        m.subgraphs[0].tensors[0].buffer = len(m.buffers) + 10
    yield "tensor_buffer_out_of_range", tensor_buffer_out_of_range, "buffer"

    def buffer_too_short(m):
        _, t = _constant_tensor(m, m.subgraphs[0])
        m.buffers[t.buffer].data = np.asarray(m.buffers[t.buffer].data)[:-1]
    yield "buffer_too_short", buffer_too_short, "bytes"

    def buffer_too_long(m):
        _, t = _constant_tensor(m, m.subgraphs[0])
        m.buffers[t.buffer].data = np.concatenate([np.asarray(m.buffers[t.buffer].data, np.uint8),
                                                   np.zeros(4, np.uint8)])
    yield "buffer_too_long", buffer_too_long, "bytes"

    def huge_dims(m):
        _, t = _activation_tensor(m, m.subgraphs[0])
        t.shape = [1 << 20, 1 << 20, 1 << 4]  # 2^44 elements: no overflow, just absurd
        t.shapeSignature = None
    yield "huge_dims", huge_dims, "too large"

    def huge_dims_overflow(m):
        _, t = _activation_tensor(m, m.subgraphs[0])
        t.shape = [2147483647] * 8
        t.shapeSignature = None
    yield "huge_dims_overflow", huge_dims_overflow, "overflows"

    def negative_dim(m):
        _, t = _activation_tensor(m, m.subgraphs[0])
        t.shape = list(t.shape)
        t.shape[-1] = -3
        t.shapeSignature = None
    yield "negative_dim", negative_dim, "negative dimension"

    def constant_negative_dim(m):
        _, t = _constant_tensor(m, m.subgraphs[0])
        t.shape = [-1] + list(t.shape)[1:]
        t.shapeSignature = None
    yield "constant_negative_dim", constant_negative_dim, "negative dimension"

    def buffer_offset_past_eof(m):
        _, t = _constant_tensor(m, m.subgraphs[0])
        b = m.buffers[t.buffer]
        n = len(b.data)
        b.data = None
        b.offset = 1 << 40
        b.size = n
    yield "buffer_offset_past_eof", buffer_offset_past_eof, "past the end of the file"

    def buffer_offset_overflow(m):
        _, t = _constant_tensor(m, m.subgraphs[0])
        b = m.buffers[t.buffer]
        b.data = None
        b.offset = (1 << 64) - 8
        b.size = 64
    yield "buffer_offset_overflow", buffer_offset_overflow, "past the end of the file"

    def op_reads_own_output(m):
        _, op = _first_op_with_inputs(m.subgraphs[0])
        op.inputs = list(op.inputs)
        op.inputs[0] = op.outputs[0]
    yield "op_reads_own_output", op_reads_own_output, "(this op) writes"

    def ops_out_of_order(m):
        # Move the first op that consumes another op's output before it.
        ops = m.subgraphs[0].operators
        writer = {}
        for j, op in enumerate(ops):
            for t in op.inputs if op.inputs is not None else []:
                if t in writer:
                    ops.insert(writer[t], ops.pop(j))
                    return
            for t in op.outputs:
                writer[t] = j
        raise ValueError("no dependent ops")
    yield "ops_out_of_order", ops_out_of_order, "writes later"

    def tensor_written_twice(m):
        ops = m.subgraphs[0].operators
        if len(ops) < 2:
            raise ValueError("one op")
        ops[1].outputs = list(ops[0].outputs)
    yield "tensor_written_twice", tensor_written_twice, "already written"

    def op_writes_graph_input(m):
        _, op = _first_op_with_inputs(m.subgraphs[0])
        op.outputs = [m.subgraphs[0].inputs[0]]
    yield "op_writes_graph_input", op_writes_graph_input, "graph input"

    def graph_output_out_of_range(m):
        m.subgraphs[0].outputs = [len(m.subgraphs[0].tensors) + 2]
    yield "graph_output_out_of_range", graph_output_out_of_range, "outside [0,"

    def per_axis_scale_count(m):
        for t in m.subgraphs[0].tensors:
            q = t.quantization
            if q is not None and q.scale is not None and len(q.scale) > 1:
                q.scale = list(q.scale)[:-1]
                q.zeroPoint = list(q.zeroPoint)[:-1]
                return
        raise ValueError("no per-axis tensor")
    yield "per_axis_scale_count", per_axis_scale_count, "scales"

    def quantized_dimension_out_of_range(m):
        for t in m.subgraphs[0].tensors:
            q = t.quantization
            if q is not None and q.scale is not None and len(q.scale) > 1:
                q.quantizedDimension = 9
                return
        raise ValueError("no per-axis tensor")
    yield "quantized_dimension_out_of_range", quantized_dimension_out_of_range, "quantized_dimension 9"

    def zero_point_count(m):
        for t in m.subgraphs[0].tensors:
            q = t.quantization
            if q is not None and q.scale is not None and len(q.scale) >= 1:
                q.zeroPoint = list(q.zeroPoint) + [0, 0]
                return
        raise ValueError("no quantized tensor")
    yield "zero_point_count", zero_point_count, "zero points"

    def nan_scale(m):
        for t in m.subgraphs[0].tensors:
            q = t.quantization
            if q is not None and q.scale is not None and len(q.scale) >= 1:
                q.scale = [float("nan")] * len(q.scale)
                return
        raise ValueError("no quantized tensor")
    yield "nan_scale", nan_scale, "scale"

    def unknown_builtin(m):
        m.operatorCodes[m.subgraphs[0].operators[0].opcodeIndex].builtinCode = 999
        m.operatorCodes[m.subgraphs[0].operators[0].opcodeIndex].deprecatedBuiltinCode = 127
    yield "unknown_builtin", unknown_builtin, "not one xlite knows"

    def custom_without_name(m):
        oc = m.operatorCodes[m.subgraphs[0].operators[0].opcodeIndex]
        oc.builtinCode = s.BuiltinOperator.CUSTOM
        oc.deprecatedBuiltinCode = s.BuiltinOperator.CUSTOM
        oc.customCode = None
    yield "custom_without_name", custom_without_name, "custom_code"

    def schema_version_2(m):
        m.version = 2
    yield "schema_version_2", schema_version_2, "schema version 2"

    def wrong_arity(m):
        for op in m.subgraphs[0].operators:
            code = m.operatorCodes[op.opcodeIndex]
            if max(code.builtinCode, code.deprecatedBuiltinCode) in (s.BuiltinOperator.CONV_2D,
                                                                    s.BuiltinOperator.DEPTHWISE_CONV_2D,
                                                                    s.BuiltinOperator.FULLY_CONNECTED):
                op.inputs = list(op.inputs)[:1]
                return
        raise ValueError("no conv/fc")
    yield "wrong_arity", wrong_arity, "inputs, expected"

    def shape_signature_mismatch(m):
        t = m.subgraphs[0].tensors[m.subgraphs[0].inputs[0]]
        t.shapeSignature = list(t.shape) + [1]
    yield "shape_signature_mismatch", shape_signature_mismatch, "shape_signature"

    def no_subgraphs(m):
        m.subgraphs = []
    yield "no_subgraphs", no_subgraphs, "no subgraphs"

    def signature_subgraph_out_of_range(m):
        if not m.signatureDefs:
            raise ValueError("no signatures")
        m.signatureDefs[0].subgraphIndex = 40
    yield "signature_subgraph_out_of_range", signature_subgraph_out_of_range, "signature 0"

    def signature_tensor_out_of_range(m):
        if not m.signatureDefs:
            raise ValueError("no signatures")
        m.signatureDefs[0].inputs[0].tensorIndex = 100000
    yield "signature_tensor_out_of_range", signature_tensor_out_of_range, "tensor 100000"

    def _while_op(m):
        for op in m.subgraphs[0].operators:
            if op.builtinOptionsType == s.BuiltinOptions.WhileOptions:
                return op
        raise ValueError("no WHILE")

    def while_body_out_of_range(m):
        _while_op(m).builtinOptions.bodySubgraphIndex = 17
    yield "while_body_out_of_range", while_body_out_of_range, "refers to subgraph 17"

    def while_recursion(m):
        _while_op(m).builtinOptions.bodySubgraphIndex = 0
    yield "while_recursion", while_recursion, "calls itself"

    def metadata_buffer_out_of_range(m):
        md = s.MetadataT()
        md.name = "broken"
        md.buffer = len(m.buffers) + 4
        m.metadata = (m.metadata or []) + [md]
    yield "metadata_buffer_out_of_range", metadata_buffer_out_of_range, "metadata"


def byte_cases(name, data, rng, flips=120, cuts=40):
    """Truncations and random byte damage: outcome unknown, must be clean."""
    n = len(data)
    cut_points = sorted(set([0, 1, 4, 7, 8, 12, 16, 31, 64, n - 1, n // 2] +
                            [rng.randrange(n) for _ in range(cuts)]))
    for c in cut_points:
        if 0 <= c < n:
            yield f"{name}.trunc{c}", data[:c], "" if c < 8 else None
    for i in range(flips):
        b = bytearray(data)
        # Damage near the front hits the flatbuffer's tables and vtables,
        # where most structure lives; anywhere else hits weights or offsets.
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(min(n, 2048)) if rng.random() < 0.5 else rng.randrange(n)
            b[pos] = rng.randrange(256)
        yield f"{name}.flip{i}", bytes(b), None
    bad_id = bytearray(data)
    bad_id[4:8] = b"XXXX"
    yield f"{name}.bad_identifier", bytes(bad_id), "not a TFLite model"


def generate(seeds=SEEDS, rng_seed=1234):
    s = _schema()
    rng = random.Random(rng_seed)
    cases = []
    for path in seeds:
        data = path.read_bytes()
        stem = path.stem
        cases.append((f"{stem}.valid", data, "VALID"))
        base = s.ModelT.InitFromPackedBuf(bytearray(data), 0)
        for case, mutate, expect in structured_cases(data):
            m = copy.deepcopy(base)
            try:
                mutate(m)
            except ValueError:
                continue  # this seed has nothing to break that way
            cases.append((f"{stem}.{case}", _pack(m), expect))
        cases.extend(byte_cases(stem, data, rng))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", metavar="DIR", required=True)
    args = ap.parse_args()
    out = pathlib.Path(args.write)
    out.mkdir(parents=True, exist_ok=True)
    cases = generate()
    for name, data, _ in cases:
        (out / (name + ".tflite")).write_bytes(data)
    print(f"wrote {len(cases)} models to {out}")


if __name__ == "__main__":
    sys.exit(main())
