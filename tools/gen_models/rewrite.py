# SPDX-License-Identifier: Apache-2.0
"""Flatbuffer-level edits for test models the TF converter will not make.

The converter never emits some kernel variants LiteRT still runs: legacy
uint8 activations, int16x8 convolutions with an int32 bias
(quantized_bias_type INT32), QUANTIZE with a per-axis output. These
functions take a converted model (or nothing) and produce such a model
through the schema's object API (ai_edge_litert.schema_py_generated), so the
result is still checked by LiteRT like any other op model.
"""

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema

T = schema.TensorType


def load(blob):
    return schema.ModelT.InitFromPackedBuf(bytearray(blob), 0)


def dump(model):
    b = flatbuffers.Builder(1024)
    b.Finish(model.Pack(b), file_identifier=b"TFL3")
    return bytes(b.Output())


def _buffer_array(model, tensor, dtype):
    data = model.buffers[tensor.buffer].data
    if data is None or len(data) == 0:
        return None
    return np.frombuffer(bytes(bytearray(data)), dtype=dtype)


def _set_buffer(model, tensor, array):
    model.buffers[tensor.buffer].data = np.frombuffer(array.tobytes(), dtype=np.uint8)


def int8_to_uint8(blob):
    """Every int8 tensor becomes uint8 with the same real values: zero
    points (and constant data) move up by 128."""
    m = load(blob)
    for sg in m.subgraphs:
        for t in sg.tensors:
            if t.type != T.INT8:
                continue
            t.type = T.UINT8
            if t.quantization is not None and t.quantization.zeroPoint is not None:
                t.quantization.zeroPoint = [int(z) + 128 for z in t.quantization.zeroPoint]
            data = _buffer_array(m, t, np.int8)
            if data is not None:
                _set_buffer(m, t, (data.astype(np.int16) + 128).astype(np.uint8))
    return dump(m)


def bias_to_int32(blob, op_name="TRANSPOSE_CONV"):
    """int16x8 ops of `op_name` get their int64 bias stored as int32 and
    quantized_bias_type INT32 (the values must fit). DEPTHWISE_CONV_2D has
    no quantized_bias_type; LiteRT refuses its int32 bias."""
    m = load(blob)
    code = getattr(schema.BuiltinOperator, op_name)
    bias_index = {"TRANSPOSE_CONV": 3, "CONV_2D": 2, "FULLY_CONNECTED": 2, "DEPTHWISE_CONV_2D": 2}[op_name]
    for sg in m.subgraphs:
        for op in sg.operators:
            oc = m.operatorCodes[op.opcodeIndex]
            if max(oc.builtinCode, oc.deprecatedBuiltinCode) != code:
                continue
            if hasattr(op.builtinOptions, "quantizedBiasType"):
                op.builtinOptions.quantizedBiasType = T.INT32
            if len(op.inputs) <= bias_index or op.inputs[bias_index] < 0:
                continue
            t = sg.tensors[op.inputs[bias_index]]
            assert t.type == T.INT64, "expected an int64 bias"
            data = _buffer_array(m, t, np.int64)
            assert np.all(np.abs(data) < 2**31), "bias does not fit in int32"
            t.type = T.INT32
            _set_buffer(m, t, data.astype(np.int32))
    return dump(m)


def single_op_model(op_name, tensors, inputs, outputs, version=1):
    """A one-op model: `tensors` are TensorT (without buffers), op inputs
    `inputs` and outputs `outputs` (tensor indices) are also the graph's."""
    m = schema.ModelT()
    m.version = 3
    code = schema.OperatorCodeT()
    code.builtinCode = getattr(schema.BuiltinOperator, op_name)
    code.deprecatedBuiltinCode = min(code.builtinCode, 127)
    code.version = version
    m.operatorCodes = [code]
    m.buffers = [schema.BufferT()]
    for t in tensors:
        m.buffers.append(schema.BufferT())
        t.buffer = len(m.buffers) - 1
    op = schema.OperatorT()
    op.opcodeIndex = 0
    op.inputs = list(inputs)
    op.outputs = list(outputs)
    sg = schema.SubGraphT()
    sg.tensors = list(tensors)
    sg.inputs = list(inputs)
    sg.outputs = list(outputs)
    sg.operators = [op]
    sg.name = "main"
    m.subgraphs = [sg]
    m.description = "xlite handmade test model"
    return dump(m)


def tensor(name, shape, dtype, scale=None, zero_point=None, axis=0):
    t = schema.TensorT()
    t.name = name
    t.shape = list(shape)
    t.type = dtype
    if scale is not None:
        q = schema.QuantizationParametersT()
        q.scale = [float(s) for s in scale]
        q.zeroPoint = [int(z) for z in zero_point]
        q.quantizedDimension = axis
        t.quantization = q
    return t


def quantize_per_axis(shape, axis, out_type, scales, zero_points):
    """float32 -> out_type QUANTIZE with one scale and zero point per index
    of `axis`."""
    return single_op_model("QUANTIZE", [
        tensor("input", shape, T.FLOAT32),
        tensor("output", shape, out_type, scales, zero_points, axis),
    ], inputs=[0], outputs=[1])


def custom_op_model(custom_code, tensors, inputs, outputs, custom_options=b"", constants=None, version=1):
    """A one-op model around the CUSTOM op `custom_code`: `tensors` are
    TensorT, `constants` maps a tensor index to the array stored in its
    buffer; graph inputs are the op inputs without a constant, graph outputs
    the op's outputs. custom_options are stored as given (FlexBuffers or raw
    bytes, as the kernel expects)."""
    constants = constants or {}
    m = schema.ModelT()
    m.version = 3
    code = schema.OperatorCodeT()
    code.builtinCode = schema.BuiltinOperator.CUSTOM
    code.deprecatedBuiltinCode = schema.BuiltinOperator.CUSTOM
    code.customCode = custom_code
    code.version = version
    m.operatorCodes = [code]
    m.buffers = [schema.BufferT()]
    for i, t in enumerate(tensors):
        buf = schema.BufferT()
        if i in constants:
            buf.data = np.frombuffer(np.ascontiguousarray(constants[i]).tobytes(), dtype=np.uint8)
        m.buffers.append(buf)
        t.buffer = len(m.buffers) - 1
    op = schema.OperatorT()
    op.opcodeIndex = 0
    op.inputs = list(inputs)
    op.outputs = list(outputs)
    if custom_options:
        op.customOptions = np.frombuffer(bytes(custom_options), dtype=np.uint8)
        op.customOptionsFormat = schema.CustomOptionsFormat.FLEXBUFFERS
    sg = schema.SubGraphT()
    sg.tensors = list(tensors)
    sg.inputs = [i for i in inputs if i not in constants]
    sg.outputs = list(outputs)
    sg.operators = [op]
    sg.name = "main"
    m.subgraphs = [sg]
    m.description = "xlite handmade test model"
    return dump(m)


def share_if_branches(blob):
    """Every IF of subgraph 0 runs the branch subgraphs of the first one, so
    one subgraph is called from several places (the others stay unused).
    The branches must take and return the same types at each IF."""
    m = load(blob)
    sg = m.subgraphs[0]
    ifs = [op for op in sg.operators
           if max(m.operatorCodes[op.opcodeIndex].builtinCode,
                  m.operatorCodes[op.opcodeIndex].deprecatedBuiltinCode) == schema.BuiltinOperator.IF]
    assert len(ifs) >= 2, "expected two IF ops"
    for op in ifs[1:]:
        op.builtinOptions.thenSubgraphIndex = ifs[0].builtinOptions.thenSubgraphIndex
        op.builtinOptions.elseSubgraphIndex = ifs[0].builtinOptions.elseSubgraphIndex
    return dump(m)
