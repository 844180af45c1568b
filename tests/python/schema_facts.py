# SPDX-License-Identifier: Apache-2.0
"""Reads the binary-layout facts out of flatc-generated Python schema code.

Generated Python keeps what the layout needs: enum values as class
attributes, and for each table field an accessor that reads vtable slot N
(`self._tab.Offset(N)`) with a scalar type flag and a default. Comparing these
facts between two generated schemas compares the schemas' binary layouts.
"""
import inspect
import re

_FLAG_TYPES = {
    "BoolFlags": "bool", "Int8Flags": "byte", "Uint8Flags": "ubyte", "Int16Flags": "short",
    "Uint16Flags": "ushort", "Int32Flags": "int", "Uint32Flags": "uint", "Int64Flags": "long",
    "Uint64Flags": "ulong", "Float32Flags": "float", "Float64Flags": "double",
}
_HELPER_SUFFIXES = ("AsNumpy", "Length", "IsNone")


def _field_fact(method):
    src = inspect.getsource(method)
    slot = re.search(r"Offset\((\d+)\)", src)
    if not slot:
        return None
    takes_index = "(self, j)" in src
    if "Union(" in src:
        kind = "union"
    elif takes_index:
        if "Indirect(" in src:
            kind = "vector<table " + re.search(r"obj = (\w+)\(\)", src).group(1) + ">"
        elif ".String(" in src:
            kind = "vector<string>"
        else:
            kind = "vector<" + _FLAG_TYPES[re.search(r"_tab\.Get\(flatbuffers\.number_types\.(\w+)", src).group(1)] + ">"
    elif ".String(" in src:
        kind = "string"
    elif "Indirect(" in src:
        kind = "table " + re.search(r"obj = (\w+)\(\)", src).group(1)
    else:
        flag = re.search(r"_tab\.Get\(flatbuffers\.number_types\.(\w+)", src).group(1)
        default = re.findall(r"return (.*)$", src, re.M)[-1].strip()
        kind = _FLAG_TYPES[flag] + "=" + default
    return int(slot.group(1)), kind


def facts_from_classes(classes):
    """{'enums': {name: {member: value}}, 'tables': {name: {slot: (field, kind)}}}"""
    enums, tables = {}, {}
    for name, cls in classes.items():
        if "Init" in cls.__dict__:
            fields = {}
            for attr, fn in cls.__dict__.items():
                if not callable(fn) or attr in ("Init", "GetRootAs") or attr.startswith("GetRootAs"):
                    continue
                if attr.endswith("BufferHasIdentifier"):
                    continue
                src = inspect.getsource(fn)
                if attr.endswith(_HELPER_SUFFIXES) and ("VectorLen(" in src or "GetVectorAsNumpy" in src
                                                        or re.search(r"return o == 0\s*$", src)):
                    continue
                fact = _field_fact(fn)
                if fact:
                    slot, kind = fact
                    fields[slot] = (attr, kind)
            tables[name] = fields
        else:
            members = {k: v for k, v in cls.__dict__.items() if not k.startswith("_") and isinstance(v, int)}
            if members:
                enums[name] = members
    return {"enums": enums, "tables": tables}


def classes_of_module(module):
    """Schema classes defined in `module`, without the object-API (...T) ones."""
    out = {}
    for name, cls in vars(module).items():
        if not isinstance(cls, type) or cls.__module__ != module.__name__:
            continue
        if "_UnPack" in cls.__dict__ or "InitFromBuf" in cls.__dict__:
            continue
        out[name] = cls
    return out
