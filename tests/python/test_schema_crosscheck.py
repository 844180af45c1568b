# SPDX-License-Identifier: Apache-2.0
"""xlite's tflite.fbs against the schema LiteRT ships.

Compiles src/frontend/tflite/schema/tflite.fbs with the flatc the build uses,
and compares every enum value, union member and table field (vtable slot,
type, default) with the generated Python schema inside the ai-edge-litert
wheel. A slip in field or union order would silently misread models; here it
fails loudly.
"""
import importlib
import pathlib
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from schema_facts import classes_of_module, facts_from_classes

FBS = ROOT / "src" / "frontend" / "tflite" / "schema" / "tflite.fbs"


@pytest.fixture(scope="module")
def ours(tmp_path_factory):
    flatc = shutil.which("flatc")
    assert flatc, "flatc (Debian flatbuffers-compiler) is needed"
    out = tmp_path_factory.mktemp("fbs_py")
    subprocess.run([flatc, "--python", "-o", str(out), str(FBS)], check=True)
    sys.path.insert(0, str(out))
    try:
        classes = {}
        for f in sorted((out / "tflite").glob("*.py")):
            if f.stem == "__init__":
                continue
            classes.update(classes_of_module(importlib.import_module(f"tflite.{f.stem}")))
    finally:
        sys.path.remove(str(out))
    return facts_from_classes(classes)


@pytest.fixture(scope="module")
def litert():
    mod = pytest.importorskip("ai_edge_litert.schema_py_generated")
    return facts_from_classes(classes_of_module(mod))


def test_reference_is_substantial(litert):
    # Guards the parser: if it stopped recognising the generated code, every
    # comparison below would pass vacuously.
    assert len(litert["enums"]["BuiltinOperator"]) > 200
    assert len(litert["enums"]["BuiltinOptions"]) == 127
    assert len(litert["tables"]) > 150
    assert litert["tables"]["Conv2DOptions"][12] == ("DilationWFactor", "int=1")


def test_every_enum_and_union_matches(ours, litert):
    problems = []
    for name, members in litert["enums"].items():
        mine = ours["enums"].get(name)
        if mine is None:
            problems.append(f"enum/union {name} missing")
            continue
        for member, value in members.items():
            if mine.get(member) != value:
                problems.append(f"{name}.{member}: ours {mine.get(member)}, LiteRT {value}")
        for member in mine.keys() - members.keys():
            problems.append(f"{name}.{member}: only in ours")
    assert not problems, "\n".join(problems)


def test_every_table_field_matches(ours, litert):
    problems = []
    for name, fields in litert["tables"].items():
        mine = ours["tables"].get(name)
        if mine is None:
            problems.append(f"table {name} missing")
            continue
        for slot, (field, kind) in fields.items():
            if mine.get(slot) != (field, kind):
                problems.append(f"{name} slot {slot}: ours {mine.get(slot)}, LiteRT {(field, kind)}")
        for slot in mine.keys() - fields.keys():
            problems.append(f"{name} slot {slot} {mine[slot]}: only in ours")
    for name in ours["tables"].keys() - litert["tables"].keys():
        problems.append(f"table {name}: only in ours")
    assert not problems, "\n".join(problems)
