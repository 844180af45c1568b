# SPDX-License-Identifier: Apache-2.0
"""Every malformed model is refused cleanly by `xlite inspect`.

Clean means: exit code 1, exactly one line on stderr that starts with
"xlite: error:" and names the problem, within the time limit, with no crash
or sanitizer report (under XLITE_BIN=build-asan/xlite a sanitizer finding
aborts with another exit code). Random damage may leave a model that still
loads (exit 0); it must never do anything else.
"""
import collections
import os
import tempfile

import pytest

from conftest import ROOT
from malformed import generate

CASES = generate()
# Inputs the fuzzer once found a problem with (see scripts/test.sh).
REGRESSIONS = sorted((ROOT / "tests" / "fuzz_regressions").glob("*"))


@pytest.fixture(scope="module")
def corpus_dir():
    with tempfile.TemporaryDirectory() as d:
        yield d


def _check(xlite, corpus_dir, name, data, expect):
    path = os.path.join(corpus_dir, name + ".tflite")
    with open(path, "wb") as f:
        f.write(data)
    r = xlite("inspect", "--json", path, timeout=30)
    if expect == "VALID":
        assert r.returncode == 0, r.stderr
        return True
    lines = r.stderr.strip().splitlines()
    if expect is None and r.returncode == 0:
        return False
    assert r.returncode == 1, f"{name}: exit {r.returncode}\n{r.stderr[-2000:]}"
    assert len(lines) == 1 and lines[0].startswith("xlite: error: "), f"{name}: {r.stderr[-2000:]}"
    assert expect is None or expect in lines[0], f"{name}: expected '{expect}' in: {lines[0]}"
    return True


def test_corpus_is_broad():
    kinds = collections.Counter(name.split(".")[1].rstrip("0123456789") for name, _, _ in CASES)
    structured = [k for k in kinds if not k.startswith(("trunc", "flip", "valid", "bad_identifier"))]
    assert len(structured) >= 25, sorted(kinds)
    assert kinds["trunc"] >= 100 and kinds["flip"] >= 500


@pytest.mark.parametrize("name,data,expect", [c for c in CASES if c[2] is not None and c[2] != ""],
                         ids=[c[0] for c in CASES if c[2] is not None and c[2] != ""])
def test_structured_damage_is_named(xlite, corpus_dir, name, data, expect):
    _check(xlite, corpus_dir, name, data, expect)


def test_random_damage_is_refused_cleanly(xlite, corpus_dir):
    refused = 0
    random_cases = [c for c in CASES if c[2] is None or c[2] == ""]
    for name, data, expect in random_cases:
        refused += _check(xlite, corpus_dir, name, data, expect or None)
    # Most random damage must be caught; a few flips land in weights.
    assert refused >= len(random_cases) // 2, f"only {refused} of {len(random_cases)} refused"


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_fuzz_regressions(xlite, corpus_dir, path):
    _check(xlite, corpus_dir, "regression." + path.name, path.read_bytes(), None)
