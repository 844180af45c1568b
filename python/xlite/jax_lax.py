# SPDX-License-Identifier: Apache-2.0
"""The xlite text IR rebuilt from jax.lax ops, for to_jax(differentiable=True).

`xlite compile MODEL -o plan.xlc` writes the model after the passes as a
plan file (src/frontend/xlc/plan_file.h): the text IR (src/ir/text.h) with
every constant as `const @OFFSET+SIZE` into a data block. Each op line is
turned into the jax.lax computation with TFLite's semantics; float32
constants become the weights pytree, so jax.grad differentiates w.r.t.
them. The caller compiles with fuse_pad disabled so convolutions keep
TFLite's SAME/VALID. Standalone (no package imports), like jax_bridge.py.
"""
import re
import struct


class XliteJaxError(RuntimeError):
    """The model could not be turned into a JAX function (the message says why)."""


# One tensor declaration: %ID "name": dtype[shape] then sig[...] / q(...) extras.
_DECL = re.compile(r'%(\d+)(?: "((?:[^"\\]|\\.)*)")?: (\w+)\[([\d,\-]*)\]((?: sig\[[^\]]*\])?(?: q\([^)]*\))?)')
# OP or OP.vN (an op version the text IR keeps), operands, attributes.
_LINE_OP = re.compile(r'^([\w:]+?)(?:\.v\d+)?\(([^)]*)\)(?: \{(.*)\})?$')
_LINE_CONST = re.compile(r'^const @(\d+)\+(\d+)$')
_LINE_RETURN = re.compile(r'^\s*return (.*)$')


def _split_top(s):
    """Splits on commas outside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _attr_value(v):
    if v in ("true", "false"):
        return v == "true"
    if v.startswith(("f[", "[")):
        body = v[v.index("[") + 1:-1]
        return [_attr_value(x) for x in _split_top(body)]
    try:
        return int(v)
    except ValueError:
        pass
    try:
        return float(v)
    except ValueError:
        return v.strip('"')


def _parse_attrs(s):
    attrs = {}
    for part in _split_top(s or ""):
        key, _, value = part.partition("=")
        attrs[key.strip()] = _attr_value(value.strip())
    return attrs


def parse_plan(blob):
    """Subgraph 0 of a plan file: (tensors by id, ops in order, output ids)."""
    import numpy as np
    if blob[:8] != b"XLITEPLN":
        raise XliteJaxError("xlite compile wrote no plan file")
    text_off, text_size, data_off, data_size = struct.unpack_from("<QQQQ", blob, 16)
    text = blob[text_off:text_off + text_size].decode()
    data = blob[data_off:data_off + data_size]
    tensors, ops, outputs, in_subgraph = {}, [], None, False
    for line in text.splitlines():
        if line.startswith("subgraph "):
            in_subgraph = line.startswith("subgraph 0 ")
            continue
        if not in_subgraph:
            continue
        m = _LINE_RETURN.match(line)
        if m:
            outputs = [int(t.strip()[1:]) for t in m.group(1).split(",")]
            in_subgraph = False
            continue
        # One or more declarations (an op with several outputs), ` = `, the definition.
        decls, pos, body = [], 0, line.strip()
        while (m := _DECL.match(body, pos)):
            decls.append(m.groups())
            pos = m.end()
            if body.startswith(", ", pos):
                pos += 2
            else:
                break
        if not decls or not body.startswith(" = ", pos):
            continue
        rhs = body[pos + 3:]
        ids = []
        for tid, name, dtype, shape, extra in decls:
            shape = tuple(int(d) for d in shape.split(",")) if shape else ()
            tensors[int(tid)] = {"id": tid, "name": name or f"%{tid}", "dtype": dtype, "shape": shape,
                                 "quantized": " q(" in extra}
            ids.append(int(tid))
        t = tensors[ids[0]]
        if rhs == "input":
            t["kind"] = "input"
        elif rhs == "unused":
            t["kind"] = "unused"
        elif (c := _LINE_CONST.match(rhs)):
            off, size = int(c.group(1)), int(c.group(2))
            t["kind"] = "const"
            t["value"] = np.frombuffer(data[off:off + size], dtype=_np_dtype(t["dtype"])).reshape(t["shape"])
        elif (o := _LINE_OP.match(rhs)):
            for i in ids:
                tensors[i]["kind"] = "op"
            inputs = [None if a.strip() == "_" else int(a.strip()[1:]) for a in o.group(2).split(",") if a.strip()]
            ops.append({"op": o.group(1), "inputs": inputs, "outputs": ids, "attrs": _parse_attrs(o.group(3)),
                        "dtypes": [tensors[i]["dtype"] for i in ids]})
        else:
            # variables and other declarations: no lax lowering for them.
            raise XliteJaxError(f"differentiable=True: cannot lower tensor %{ids[0]} ({rhs.split('(')[0]})")
    return tensors, ops, outputs or []


def _np_dtype(name):
    import numpy as np
    table = {"float32": np.float32, "int32": np.int32, "int64": np.int64, "int8": np.int8, "uint8": np.uint8,
             "int16": np.int16, "bool": np.bool_, "float16": np.float16}
    if name not in table:
        raise XliteJaxError(f"differentiable=True: tensor type {name} is not supported")
    return table[name]


def _activation(y, code):
    from jax import nn
    import jax.numpy as jnp
    # TFLite's ActivationFunctionType: NONE, RELU, RELU_N1_TO_1, RELU6, TANH.
    if code == 0:
        return y
    if code == 1:
        return nn.relu(y)
    if code == 2:
        return jnp.clip(y, -1.0, 1.0)
    if code == 3:
        return jnp.clip(y, 0.0, 6.0)
    if code == 4:
        return jnp.tanh(y)
    raise XliteJaxError(f"differentiable=True: fused activation {code} is not supported")


def _padding(code):
    return "SAME" if code == 0 else "VALID"  # TFLite's Padding enum: SAME=0, VALID=1


def _conv(x, w, b, a, depthwise):
    from jax import lax
    y = lax.conv_general_dilated(
        x, w, window_strides=(a["stride_h"], a["stride_w"]), padding=_padding(a["padding"]),
        rhs_dilation=(a.get("dilation_h_factor", 1), a.get("dilation_w_factor", 1)),
        # CONV_2D filters are OHWI; DEPTHWISE_CONV_2D's [1,H,W,C*M] is read as
        # IHWO with one input channel per group.
        dimension_numbers=("NHWC", "IHWO" if depthwise else "OHWI", "NHWC"),
        feature_group_count=x.shape[3] if depthwise else x.shape[3] // w.shape[3])
    if b is not None:
        y = y + b
    return _activation(y, a.get("fused_activation_function", 0))


def _pool(x, a, kind):
    import jax.numpy as jnp
    from jax import lax
    window = (1, a["filter_height"], a["filter_width"], 1)
    strides = (1, a["stride_h"], a["stride_w"], 1)
    pad = _padding(a["padding"])
    if kind == "max":
        y = lax.reduce_window(x, -jnp.inf, lax.max, window, strides, pad)
    else:
        # TFLite divides by the number of unpadded elements in the window.
        total = lax.reduce_window(x, 0.0, lax.add, window, strides, pad)
        count = lax.reduce_window(jnp.ones_like(x), 0.0, lax.add, window, strides, pad)
        y = total / count
    return _activation(y, a.get("fused_activation_function", 0))


def _lower_op(op, args, out_shape):
    """The jax value of one op; args hold jax arrays (or numpy for int constants)."""
    import jax.numpy as jnp
    from jax import nn
    import numpy as np
    name, a = op["op"], op["attrs"]
    act = a.get("fused_activation_function", 0)
    if name == "CONV_2D":
        return _conv(args[0], args[1], args[2] if len(args) > 2 else None, a, False)
    if name == "DEPTHWISE_CONV_2D":
        return _conv(args[0], args[1], args[2] if len(args) > 2 else None, a, True)
    if name == "FULLY_CONNECTED":
        x, w = args[0], args[1]
        y = jnp.reshape(x, (-1, w.shape[1])) @ w.T
        if len(args) > 2 and args[2] is not None:
            y = y + args[2]
        return jnp.reshape(_activation(y, act), out_shape)
    binary = {"ADD": jnp.add, "SUB": jnp.subtract, "MUL": jnp.multiply, "DIV": jnp.divide,
              "MAXIMUM": jnp.maximum, "MINIMUM": jnp.minimum, "SQUARED_DIFFERENCE": lambda p, q: (p - q) ** 2}
    if name in binary:
        return _activation(binary[name](args[0], args[1]), act)
    unary = {"RELU": nn.relu, "RELU6": lambda v: jnp.clip(v, 0.0, 6.0), "RELU_N1_TO_1": lambda v: jnp.clip(v, -1.0, 1.0),
             "LOGISTIC": nn.sigmoid, "TANH": jnp.tanh, "EXP": jnp.exp, "NEG": jnp.negative, "ABS": jnp.abs,
             "SQRT": jnp.sqrt, "RSQRT": lambda v: 1.0 / jnp.sqrt(v), "SQUARE": jnp.square,
             "HARD_SWISH": lambda v: v * jnp.clip(v + 3.0, 0.0, 6.0) / 6.0}
    if name in unary:
        return unary[name](args[0])
    if name == "LEAKY_RELU":
        return jnp.where(args[0] >= 0, args[0], args[0] * a.get("alpha", 0.2))
    if name in ("RESHAPE", "SQUEEZE", "EXPAND_DIMS"):
        return jnp.reshape(args[0], out_shape)
    if name == "SOFTMAX":
        return nn.softmax(args[0] * a.get("beta", 1.0), axis=-1)
    if name in ("MEAN", "SUM", "REDUCE_MAX"):
        axes = tuple(int(v) % args[0].ndim for v in np.asarray(args[1]).reshape(-1))
        f = {"MEAN": jnp.mean, "SUM": jnp.sum, "REDUCE_MAX": jnp.max}[name]
        return jnp.reshape(f(args[0], axis=axes), out_shape)
    if name == "MAX_POOL_2D":
        return _pool(args[0], a, "max")
    if name == "AVERAGE_POOL_2D":
        return _pool(args[0], a, "avg")
    if name in ("PAD", "PADV2"):
        pads = [tuple(int(p) for p in row) for row in np.asarray(args[1])]
        value = 0.0 if name == "PAD" or len(args) < 3 else jnp.reshape(args[2], ())
        return jnp.pad(args[0], pads, constant_values=value)
    if name == "CONCATENATION":
        return _activation(jnp.concatenate(args, axis=a["axis"]), act)
    if name == "TRANSPOSE":
        return jnp.transpose(args[0], tuple(int(p) for p in np.asarray(args[1])))
    return _lower_shape_op(op, args, out_shape)


def _static(v, what):
    """An operand that must be known when tracing (a constant or shape arithmetic)."""
    import numpy as np
    if isinstance(v, np.ndarray):
        return v
    raise XliteJaxError(f"differentiable=True: {what} must be a constant")


def _lower_shape_op(op, args, out_shape):
    """Ops that move data or do shape arithmetic. Integer shape values stay numpy
    (static) when their operands are, so RESHAPE-by-SHAPE chains trace."""
    import jax.numpy as jnp
    from jax import nn
    import numpy as np
    name, a, x = op["op"], op["attrs"], args[0]
    xp = np if all(isinstance(v, np.ndarray) for v in args if v is not None) else jnp
    if name == "SHAPE":
        return np.asarray(x.shape, dtype=_np_dtype(op["dtypes"][0]))
    if name == "CAST":
        return x.astype(_np_dtype(op["dtypes"][0]))
    if name == "STRIDED_SLICE":
        begin, end, strides = (_static(v, "STRIDED_SLICE begin/end/strides") for v in args[1:4])
        if a.get("ellipsis_mask", 0) or a.get("new_axis_mask", 0):
            raise XliteJaxError("differentiable=True: STRIDED_SLICE with ellipsis_mask/new_axis_mask is not supported")
        index = []
        for i in range(len(begin)):
            b = None if a.get("begin_mask", 0) >> i & 1 else int(begin[i])
            e = None if a.get("end_mask", 0) >> i & 1 else int(end[i])
            if a.get("offset", False):
                e = (b or 0) + int(end[i])
            if a.get("shrink_axis_mask", 0) >> i & 1:
                b = b or 0
                e, stride = (b + 1 if b != -1 else None), 1
            else:
                stride = int(strides[i])
            index.append(slice(b, e, stride))
        return xp.reshape(x[tuple(index)], out_shape)
    if name == "SLICE":
        begin, size = _static(args[1], "SLICE begin"), _static(args[2], "SLICE size")
        index = tuple(slice(int(b), None if int(n) == -1 else int(b) + int(n)) for b, n in zip(begin, size))
        return x[index]
    if name == "PACK":
        return xp.stack(args, axis=a["axis"])
    if name == "UNPACK":
        axis = a["axis"] % x.ndim
        return [xp.take(x, i, axis=axis) for i in range(x.shape[axis])]
    if name == "SPLIT":  # SPLIT(axis, x)
        x = args[1]
        axis = int(_static(args[0], "SPLIT axis").reshape(())) % x.ndim
        return jnp.split(x, a["num_splits"], axis=axis)
    if name == "SPLIT_V":  # SPLIT_V(x, sizes, axis); out_shape holds every output's shape
        axis = int(_static(args[2], "SPLIT_V axis").reshape(())) % x.ndim
        cuts = np.cumsum([shape[axis] for shape in out_shape])[:-1]
        return jnp.split(x, cuts, axis=axis)
    if name == "TILE":
        return jnp.tile(x, tuple(int(m) for m in _static(args[1], "TILE multiples")))
    if name == "BROADCAST_TO":
        return jnp.broadcast_to(x, out_shape)
    if name == "GATHER":
        if a.get("batch_dims", 0):
            raise XliteJaxError("differentiable=True: GATHER with batch_dims is not supported")
        return jnp.take(x, args[1], axis=a["axis"] % x.ndim)
    if name == "BATCH_MATMUL":
        p, q = args[0], args[1]
        if a.get("adj_x", False):
            p = jnp.swapaxes(p, -1, -2)
        if a.get("adj_y", False):
            q = jnp.swapaxes(q, -1, -2)
        return jnp.matmul(p, q)
    if name == "GELU":
        return nn.gelu(x, approximate=bool(a.get("approximate", False)))
    if name == "PRELU":
        return jnp.where(x >= 0, x, x * args[1])
    if name == "L2_NORMALIZATION":
        # x / max(sqrt(sum x^2), 1e-6) over the last dim, as TFLite's reference.
        norm = jnp.maximum(jnp.sqrt(jnp.sum(x * x, axis=-1, keepdims=True)), 1e-6)
        return _activation(x / norm, a.get("fused_activation_function", 0))
    if name in ("DEPTH_TO_SPACE", "SPACE_TO_DEPTH"):
        bs = a["block_size"]
        n, h, w, c = x.shape
        if name == "DEPTH_TO_SPACE":  # out[n, h*b+i, w*b+j, c] = in[n, h, w, (i*b+j)*C' + c]
            y = jnp.reshape(x, (n, h, w, bs, bs, c // (bs * bs)))
            return jnp.reshape(jnp.transpose(y, (0, 1, 3, 2, 4, 5)), out_shape)
        y = jnp.reshape(x, (n, h // bs, bs, w // bs, bs, c))
        return jnp.reshape(jnp.transpose(y, (0, 1, 3, 2, 4, 5)), out_shape)
    if name == "TRANSPOSE_CONV":  # (output_shape, weights [O,H,W,I], input, bias?)
        return _transpose_conv(args[2], args[1], args[3] if len(args) > 3 else None, a, out_shape)
    if name == "MIRROR_PAD":
        pads = [tuple(int(p) for p in row) for row in _static(args[1], "MIRROR_PAD paddings")]
        return jnp.pad(x, pads, mode="reflect" if a.get("mode", 0) == 0 else "symmetric")  # REFLECT=0, SYMMETRIC=1
    if name in ("ARG_MAX", "ARG_MIN"):
        axis = int(_static(args[1], f"{name} axis").reshape(())) % x.ndim
        f = jnp.argmax if name == "ARG_MAX" else jnp.argmin
        return f(x, axis=axis).astype(_np_dtype(op["dtypes"][0]))
    raise AssertionError(name)  # _DIFF_OPS lists exactly the lowered names


def _transpose_conv(x, w, b, a, out_shape):
    """The gradient of CONV_2D w.r.t. its input, written as a convolution of the
    stride-dilated input with the spatially flipped filter."""
    from jax import lax
    strides = (a["stride_h"], a["stride_w"])
    pads = []
    for d, s in enumerate(strides):
        k, n_in, n_out = w.shape[1 + d], x.shape[1 + d], out_shape[1 + d]
        # Padding of the forward convolution that maps n_out to n_in (TFLite's SAME/VALID).
        before = max((n_in - 1) * s + k - n_out, 0) // 2 if a["padding"] == 0 else 0
        lo = k - 1 - before
        pads.append((lo, n_out - ((n_in - 1) * s + 1) - lo + k - 1))
    y = lax.conv_general_dilated(x, w[:, ::-1, ::-1, :], window_strides=(1, 1), padding=pads, lhs_dilation=strides,
                                 dimension_numbers=("NHWC", "OHWI", "NHWC"))
    if b is not None:
        y = y + b
    return _activation(y, a.get("fused_activation_function", 0))


_DIFF_OPS = {"CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "ADD", "SUB", "MUL", "DIV", "MAXIMUM", "MINIMUM",
             "SQUARED_DIFFERENCE", "RELU", "RELU6", "RELU_N1_TO_1", "LOGISTIC", "TANH", "EXP", "NEG", "ABS", "SQRT",
             "RSQRT", "SQUARE", "HARD_SWISH", "LEAKY_RELU", "RESHAPE", "SQUEEZE", "EXPAND_DIMS", "SOFTMAX", "MEAN",
             "SUM", "REDUCE_MAX", "MAX_POOL_2D", "AVERAGE_POOL_2D", "PAD", "PADV2", "CONCATENATION", "TRANSPOSE",
             "SHAPE", "CAST", "STRIDED_SLICE", "SLICE", "PACK", "UNPACK", "SPLIT", "SPLIT_V", "TILE", "BROADCAST_TO",
             "GATHER", "BATCH_MATMUL", "GELU", "PRELU", "L2_NORMALIZATION", "DEPTH_TO_SPACE", "SPACE_TO_DEPTH",
             "TRANSPOSE_CONV", "MIRROR_PAD", "ARG_MAX", "ARG_MIN"}


def build(blob):
    """(apply, params) for a plan file's bytes: apply(params, *inputs) computes the model."""
    import collections
    import jax.numpy as jnp
    tensors, ops, outputs = parse_plan(blob)
    bad = [t["name"] for t in tensors.values() if t["quantized"]]
    if bad:
        raise XliteJaxError("differentiable=True takes float models only; quantized tensors: " + ", ".join(bad[:5]))
    missing = collections.Counter(op["op"] for op in ops if op["op"] not in _DIFF_OPS)
    if missing:
        listed = ", ".join(f"{k} ({v})" for k, v in sorted(missing.items()))
        raise XliteJaxError(f"differentiable=True: no jax.lax lowering yet for: {listed} "
                            "(to_jax without differentiable=True runs the whole model, without gradients)")
    input_ids = [tid for tid, t in tensors.items() if t.get("kind") == "input"]
    params, keys = {}, {}
    for tid, t in tensors.items():
        if t.get("kind") == "const" and t["dtype"] == "float32":
            key = t["name"] if t["name"] not in params else f"{t['name']}#{tid}"
            params[key] = jnp.asarray(t["value"])
            keys[tid] = key

    def apply(weights, *inputs):
        if len(inputs) != len(input_ids):
            raise TypeError(f"the model takes {len(input_ids)} input(s), got {len(inputs)}")
        env = {}
        for i, (tid, x) in enumerate(zip(input_ids, inputs)):
            x = jnp.asarray(x)
            if tuple(x.shape) != tensors[tid]["shape"]:
                raise ValueError(f"input {i}: shape {tuple(x.shape)}, the model takes {tensors[tid]['shape']}")
            env[tid] = x
        for tid, key in keys.items():
            env[tid] = weights[key]
        for tid, t in tensors.items():
            if t.get("kind") == "const" and tid not in keys:
                env[tid] = t["value"]  # integer shape/axis operands stay static
        for op in ops:
            args = [None if i is None else env[i] for i in op["inputs"]]
            shapes = [tensors[o]["shape"] for o in op["outputs"]]
            result = _lower_op(op, args, shapes[0] if len(shapes) == 1 else shapes)
            results = result if len(shapes) > 1 else [result]
            for o, r in zip(op["outputs"], results):
                env[o] = r
        outs = [env[o] for o in outputs]
        return outs[0] if len(outs) == 1 else tuple(outs)

    return apply, params
