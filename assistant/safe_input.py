"""Input from files, pipes and the network, read within limits: a problem is an `InputError` whose
message says where and why, never a traceback or unbounded memory.

Limits: size, nesting depth, the size YAML aliases expand to (a 1 KB "billion laughs" file would
otherwise grow to gigabytes), UTF-8 only, no lone surrogates (they are not text and SQLite
refuses them), no NaN or Infinity in JSON.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any, BinaryIO, Iterator

import yaml

MAX_FILE_BYTES = 20_000_000
MAX_LINE_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_YAML_VALUES = 200_000  # scalars and collections once aliases are expanded

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


class InputError(ValueError):
    """Input that cannot be read as what it should be; the message says where and why."""


def read_text(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of the file at `path` (a leading BOM dropped)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than {max_bytes:,} bytes")
    try:
        return decode(data)
    except InputError as exc:
        raise InputError(f"{path} {exc}") from None


def decode(data: bytes) -> str:
    """UTF-8 bytes as text; InputError names the line and the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"line {line}: {_not_utf8(data, exc)}") from None


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    return f"not UTF-8 text (byte 0x{data[exc.start]:02x})"


def lines(stream: BinaryIO, max_bytes: int = MAX_LINE_BYTES) -> Iterator[tuple[int, str | InputError]]:
    """(number, text) for each line of a byte stream as it arrives, or (number, InputError) for a
    line that is too long or not UTF-8 (the rest of the stream still follows)."""
    number = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = stream.readline(max_bytes)
            yield number, InputError(f"longer than {max_bytes:,} bytes")
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, InputError(_not_utf8(raw, exc))


def _no_constant(name: str) -> Any:
    raise InputError(f"not valid JSON ({name} is not a number JSON allows)")


def parse_json(text: str | bytes) -> Any:
    """One JSON value, checked by `check_value`."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep") from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text") from None
    check_value(value)
    return value


def check_value(value: Any, max_depth: int = MAX_DEPTH) -> None:
    """Raise InputError if `value` (parsed JSON or YAML) nests deeper than `max_depth`, holds text
    with a lone surrogate, or a float that is not finite."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            raise InputError(f"nested more than {max_depth} levels deep")
        if isinstance(item, str):
            check_text(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise InputError(f"{item} is not a finite number")
        elif isinstance(item, dict):
            stack.extend((part, depth + 1) for pair in item.items() for part in pair)
        elif isinstance(item, (list, tuple)):
            stack.extend((part, depth + 1) for part in item)


def check_text(text: str) -> str:
    """`text` itself, or InputError if it holds a lone surrogate (not a character)."""
    found = _LONE_SURROGATE.search(text)
    if found:
        raise InputError(f"holds {found.group()!r}, half of a UTF-16 pair, which is not text")
    return text


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (for output that must be valid UTF-8)."""
    return text if text.isascii() else _LONE_SURROGATE.sub("\ufffd", text)


def check_yaml(text: str, max_depth: int = MAX_DEPTH, max_values: int = MAX_YAML_VALUES) -> None:
    """Raise InputError (or yaml.YAMLError for bad syntax) if YAML `text` nests deeper than
    `max_depth` or holds more than `max_values` values once its aliases are expanded. Reads the
    parser's event stream: nothing is built, however large the aliases would make it."""
    sizes: dict[str, int] = {}  # anchor -> the number of values it expands to
    open_nodes: list[list] = []  # [anchor, values so far] of each collection being read
    total = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            open_nodes.append([event.anchor, 1])
            if len(open_nodes) > max_depth:
                raise InputError(f"line {event.start_mark.line + 1}: nested more than {max_depth} levels deep")
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            anchor, count = open_nodes.pop()
        elif isinstance(event, yaml.AliasEvent):
            anchor, count = None, sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            anchor, count = event.anchor, 1
        else:
            continue
        if anchor:
            sizes[anchor] = count
        if open_nodes:
            open_nodes[-1][1] += count
        else:
            total += count
        if total + sum(node[1] for node in open_nodes) > max_values:
            raise InputError(f"line {event.start_mark.line + 1}: more than {max_values:,} values once "
                             "its aliases are expanded")


def load_yaml(text: str) -> Any:
    """YAML `text` within the limits (`check_yaml`, `check_value`); yaml.YAMLError for bad syntax."""
    check_yaml(text)
    value = yaml.safe_load(text)
    check_value(value)
    return value
