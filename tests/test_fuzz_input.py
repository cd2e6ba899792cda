"""Property-based fuzzing of the input entry points: the home-file loader, the event ingester and
the eval loader raise only their own clear error, never anything else (no models are loaded).

`FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz_input.py` runs the full count by hand."""
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.evaluation.cases import EvalFileError
from assistant.evaluation.runner import eval_units
from assistant.experts.smart_home.home_file import HomeFileError, load_home_file, parse_home

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(st.characters(codec=None, categories=None), max_size=300)  # surrogates and controls too
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    any_text)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(any_text, inner, max_size=4)), max_leaves=20)
yaml_fragments = st.sampled_from(["floors:", "areas:", "entities:", "- ", "{", "}", "[", "]", ": ", "&a ", "*a ",
                                  "<<: *a", "!!python/object:os.system", "\n  ", "\n", "id: ", "name: ",
                                  "area: ", "state: ", "light.x", ".nan", "'", '"', "\\ud800", "\t", "---"])
yaml_like = st.lists(yaml_fragments, max_size=40).map("".join)


def _yaml_home(value) -> str:
    home = {"floors": [{"name": "G", "id": "g"}], "areas": [{"name": "K", "id": "k", "floor": "g"}],
            "entities": [value] if isinstance(value, dict) else value}
    return yaml.safe_dump(home, allow_unicode=True)


@FUZZ
@given(st.one_of(any_text, yaml_like, values.map(_yaml_home)))
def test_the_home_parser_raises_only_home_file_errors(text):
    try:
        parse_home(text, "fuzz.yaml")
    except HomeFileError:
        pass


@FUZZ
@given(st.binary(max_size=500))
def test_the_home_file_loader_reads_any_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "home.yaml"
        path.write_bytes(data)
        try:
            load_home_file(path)
        except HomeFileError:
            pass


def _event_line(value) -> bytes:
    event = {"source": "cam", "label": "x", "at": None, "subject": None, "data": None}
    event.update(value if isinstance(value, dict) else {"data": value})
    try:
        return json.dumps(event, ensure_ascii=True).encode()
    except (TypeError, ValueError):
        return b"{}"


event_lines = st.lists(st.one_of(st.binary(max_size=80), values.map(_event_line),
                                 st.fixed_dictionaries({"at": st.datetimes(min_value=datetime(1, 1, 2)).map(str)
                                                        }).map(_event_line)), max_size=6)


@settings(max_examples=max(EXAMPLES // 4, 50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_lines)
def test_the_event_ingester_skips_bad_lines_and_keeps_the_rest(lines):
    with tempfile.TemporaryDirectory() as home:
        result = CliRunner().invoke(app, ["events", "ingest"], input=b"\n".join(lines) + b"\n",
                                    env={"ASSISTANT_HOME": home})
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1) and "Traceback" not in result.output


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8 bytes


json_lines = st.lists(values.map(lambda v: json.dumps(v, ensure_ascii=False, default=str)), max_size=5)


@FUZZ
@given(st.one_of(st.binary(max_size=400), json_lines.map(lambda lines: _encoded("\n".join(lines))),
                 yaml_like.map(_encoded), values.map(lambda v: _encoded(yaml.safe_dump(v, allow_unicode=True)))),
       st.sampled_from([".jsonl", ".yaml"]))
def test_the_eval_loader_raises_only_eval_file_errors(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cases{suffix}"
        path.write_bytes(data)
        try:
            eval_units(path)
        except EvalFileError:
            pass
