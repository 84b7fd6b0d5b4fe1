"""Fuzzing the payload decoder: only BundleRefused('bad_payload') ever escapes."""

from __future__ import annotations

import json

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.payload import decode_payload, encode_payload
from tests.core.sync.test_payload import sample_items

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID = b"".join(encode_payload(sample_items()))
LINES = VALID.splitlines(keepends=True)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def check(chunks: list[bytes]) -> None:
    try:
        for _ in decode_payload(chunks, max_items=50, max_line_bytes=4096):
            pass
    except BundleRefused as exc:
        assert exc.code == "bad_payload" and exc.message


@FUZZ
@given(st.binary(max_size=2048), st.integers(1, 64))
def test_random_bytes(data: bytes, size: int) -> None:
    check([data[i : i + size] for i in range(0, len(data), size)] or [b""])


@FUZZ
@given(st.data())
def test_mutated_valid_payloads(data: st.DataObject) -> None:
    raw = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        op = data.draw(st.sampled_from(["flip", "cut", "dup", "insert"]))
        if op == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "cut":
            del raw[at : at + data.draw(st.integers(1, 40))]
        elif op == "dup":
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 40))]
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        if not raw:
            break
    check([bytes(raw)])


@FUZZ
@given(st.integers(0, len(LINES) - 1), st.text(min_size=1, max_size=20), json_values)
def test_any_value_in_any_field(index: int, key: str, value: object) -> None:
    obj = orjson.loads(LINES[index])
    field = key if key in obj else sorted(obj)[len(key) % len(obj)]
    obj[field] = value
    lines = list(LINES)
    lines[index] = json.dumps(obj).encode() + b"\n"  # stdlib: also ints beyond 64 bits
    check([b"".join(lines)])


@FUZZ
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_lines_in_any_order(lines: list[bytes]) -> None:
    check([b"".join(lines)])
