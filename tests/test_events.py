"""Events: storage, validation, deterministic matching with reasons, voice queries, CLI."""
import json
from datetime import datetime

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.experts import events, memory
from assistant.testing import expert_context

EVENING = datetime(2026, 11, 25, 18, 0)
runner = CliRunner()


@pytest.fixture
def ctx():
    return expert_context(events.EXPERT, memory.EXPERT, now=EVENING)


def remember(ctx, *facts):
    for fact in facts:
        assert memory.remember(ctx, fact).ok


def add(ctx, label, hour, subject=None, source="kitchen-cam", day=25):
    return events.add_event(ctx.db, source, label, subject, datetime(2026, 11, day, hour, 0))


def test_add_and_query_events_in_a_period(ctx):
    first = add(ctx, "dog eating", 8)
    add(ctx, "dog at back door", 9, source="back-cam")
    add(ctx, "dog eating", 8, day=24)
    assert first == {"id": 1, "at": "2026-11-25T08:00:00", "source": "kitchen-cam", "label": "dog eating",
                     "subject": None, "data": None}
    today = events.query_events(ctx.db, since=datetime(2026, 11, 25))
    assert [e["label"] for e in today] == ["dog at back door", "dog eating"]  # newest first
    assert len(events.query_events(ctx.db)) == 3


@pytest.mark.parametrize("obj, problem", [
    ({"source": "cam"}, "'label' must be a non-empty string"),
    ({"source": " ", "label": "x"}, "'source' must be a non-empty string"),
    ({"source": "cam", "label": "x", "colour": "red"}, "unknown field(s): colour"),
    ({"source": "cam", "label": "x", "at": "noonish"}, "'at' is not an ISO time"),
    ({"source": "cam", "label": "x", "subject": 3}, "'subject' must be a string"),
    (["not", "an", "object"], "expected a JSON object"),
])
def test_incoming_events_are_validated_with_a_clear_reason(obj, problem):
    with pytest.raises(ValueError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        events.event_from_json(obj, EVENING)


def test_incoming_event_defaults_to_now_and_keeps_local_time():
    event = events.event_from_json({"source": "cam", "label": "dog eating", "subject": "Daisy"}, EVENING)
    assert event["at"] == EVENING and event["subject"] == "Daisy"
    given = events.event_from_json({"source": "cam", "label": "x", "at": "2026-11-25T07:30:00"}, EVENING)
    assert given["at"] == datetime(2026, 11, 25, 7, 30)


@pytest.mark.parametrize("facts, what, label, subject, matches", [
    ([], "dog fed", "dog eating", None, True),  # synonym
    ([], "dog fed", "cat eating", None, False),
    (["Daisy is our cream golden retriever"], "Daisy fed", "dog eating", None, True),  # memory alias
    (["Daisy is our cream golden retriever"], "Daisy fed", "eating", "Daisy", True),
    (["Daisy is our cream golden retriever"], "Daisy fed", "dog eating", "Rex", False),  # another dog
    (["Daisy is our dog"], "dog let out", "at the back door", "Daisy", True),  # subject's alias
    ([], "Daisy fed", "dog eating", None, False),  # nothing says Daisy is a dog
    ([], "dog let out", "front door opened", None, False),
    ([], "package delivered", "parcel at front door", None, True),
    ([], "Leo home", "Leo arrived", None, True),
    (["My son's name is Leo"], "Leo home", "kid came home", None, True),
    ([], "golden retreiver eating", "golden retriever eating", None, True),  # near spelling
])
def test_matching_is_deterministic(ctx, facts, what, label, subject, matches):
    remember(ctx, *facts)
    event = add(ctx, label, 8, subject)
    why = events.matcher(ctx.db, what).explain(event)
    assert (why is not None) == matches


def test_a_match_explains_each_term(ctx):
    remember(ctx, "Daisy is our cream golden retriever")
    event = add(ctx, "dog eating", 8)
    why = events.matcher(ctx.db, "fed", subject="Daisy").explain(event)
    assert why == {"daisy": "'dog' in the label; you told me: Daisy is our cream golden retriever",
                   "fed": "synonym: 'eating' in the label"}


def test_last_answers_with_a_time_phrase_and_why(ctx):
    remember(ctx, "Daisy is our dog")
    add(ctx, "dog eating", 7, day=24)
    add(ctx, "dog eating", 8)
    add(ctx, "dog eating", 9, subject="Rex")
    result = events.last(ctx, "Daisy fed")
    assert result.reply == "Today at 8:00 AM: kitchen-cam saw \u201cdog eating\u201d."
    assert result.data["event"]["id"] == 2 and "daisy" in result.data["why"]


def test_last_says_so_when_never_seen(ctx):
    add(ctx, "cat eating", 8)
    result = events.last(ctx, "when was the dog last walked")
    assert result.ok and result.reply == "I haven't seen anything like \u201cwhen was the dog last walked\u201d."
    assert result.data["event"] is None


@pytest.mark.parametrize("what, when, reply", [
    ("did someone let the dog out", "today", "Yes — back-cam saw \u201cdog at back door\u201d today at 7:00 AM."),
    ("did someone let the dog out today", None, "Yes — back-cam saw \u201cdog at back door\u201d today at 7:00 AM."),
    ("dog let out", "yesterday", "No, I saw nothing like \u201cdog let out\u201d yesterday."),
    ("dog fed", "since 8 am", "Yes (2 times) — kitchen-cam saw \u201cdog eating\u201d today at 5:00 PM."),
    ("dog fed", "in the last 2 hours", "Yes — kitchen-cam saw \u201cdog eating\u201d today at 5:00 PM."),
    ("dog fed", "this morning", "Yes (2 times) — kitchen-cam saw \u201cdog eating\u201d today at 9:00 AM."),
])
def test_happened_in_a_period(ctx, what, when, reply):
    add(ctx, "dog at back door", 7, source="back-cam")
    add(ctx, "dog eating", 6)
    add(ctx, "dog eating", 9)
    add(ctx, "dog eating", 17)
    assert events.happened(ctx, what, when).reply == reply


def test_happened_rejects_a_period_it_cannot_read(ctx):
    result = events.happened(ctx, "dog fed", "whenever")
    assert not result.ok and "couldn't tell which time" in result.reply


# -- CLI ----------------------------------------------------------------------------------------

def test_cli_add_and_list_events():
    env = {"ASSISTANT_NOW": "2026-11-25T09:00:00"}
    added = runner.invoke(app, ["events", "add", "--source", "kitchen-cam", "--label", "dog eating",
                                "--subject", "Daisy"], env=env)
    assert added.exit_code == 0, added.output
    runner.invoke(app, ["events", "add", "--source", "back-cam", "--label", "dog at door", "--at",
                        "2026-11-25T07:00:00"])
    rows = json.loads(runner.invoke(app, ["events", "--json"]).stdout)
    assert [(r["label"], r["at"], r["subject"]) for r in rows] == [
        ("dog eating", "2026-11-25T09:00:00", "Daisy"), ("dog at door", "2026-11-25T07:00:00", None)]


def test_cli_add_rejects_a_bad_time():
    result = runner.invoke(app, ["events", "add", "--source", "cam", "--label", "x", "--at", "noon"])
    assert result.exit_code == 1 and "--at" in result.stderr


def test_cli_ingest_keeps_good_lines_and_reports_bad_ones_by_number():
    lines = "\n".join([
        json.dumps({"source": "kitchen-cam", "label": "dog eating", "at": "2026-11-25T08:00:00"}),
        "{not json",
        json.dumps({"source": "back-cam"}),
        "",
        json.dumps({"source": "back-cam", "label": "dog at back door", "subject": "Daisy"}),
    ]) + "\n"
    result = runner.invoke(app, ["events", "ingest"], input=lines, env={"ASSISTANT_NOW": "2026-11-25T09:00:00"})
    assert result.exit_code == 1
    assert "line 2: not valid JSON" in result.stderr and "line 3: 'label' must be a non-empty string" in result.stderr
    assert "Added 2 events; skipped 2 bad lines." in result.stdout
    rows = json.loads(runner.invoke(app, ["events", "--json"]).stdout)
    assert [(r["label"], r["at"]) for r in rows] == [("dog at back door", "2026-11-25T09:00:00"),
                                                     ("dog eating", "2026-11-25T08:00:00")]


def test_cli_ingest_stores_each_event_as_it_arrives_on_a_stream(isolated_home):
    import os
    import subprocess
    import sys
    import time

    from assistant.cli.common import open_db

    db = open_db()
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli.main", "events", "ingest"],
                               env={**os.environ, "ASSISTANT_HOME": str(isolated_home)},
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.stdin.write(json.dumps({"source": "kitchen-cam", "label": "dog eating"}) + "\n")
        process.stdin.flush()
        deadline = time.monotonic() + 10
        while not events.query_events(db) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [e["label"] for e in events.query_events(db)] == ["dog eating"]  # stored; the stream is still open
        assert process.poll() is None
    finally:
        out, _ = process.communicate(timeout=10)
    assert process.returncode == 0 and "Added 1 event." in out
