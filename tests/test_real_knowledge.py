"""The knowledge expert on the real models, through the CLI: a document added with `docs add`,
a question about it routed to `knowledge` and answered with its source; an unrelated question
about "my documents" finds nothing; a general-knowledge question stays with chat.
Model-heavy: `flock /work/model.lock python -m pytest -q tests/test_real_knowledge.py`."""
import json
from pathlib import Path

import pytest

from tests.test_real_models import cli, requires_models

pytestmark = pytest.mark.real_model
SCHEDULE = Path(__file__).resolve().parent.parent / "data" / "knowledge" / "sources" / "school_schedule.txt"


@requires_models
def test_a_document_question_is_answered_from_the_document_with_its_source(isolated_home):
    assert cli("docs", "add", str(SCHEDULE)).returncode == 0
    env = {"ASSISTANT_NOW": "2026-12-09T08:00:00"}
    reply = json.loads(cli("ask", "when is Leo's science project due", "--json", env_extra=env).stdout)
    assert reply["expert"] == "knowledge" and "10 Dec" in reply["reply"], reply
    assert reply["sources"] == [{"document": "school_schedule.txt", "page": 2}]
    absent = json.loads(cli("ask", "according to my documents, when is the car insurance renewal", "--json",
                            env_extra=env).stdout)
    assert absent["expert"] == "knowledge" and absent["sources"] == [] and "nothing" in absent["reply"]
    general = json.loads(cli("ask", "who wrote hamlet", "--json", env_extra=env).stdout)
    assert general["expert"] == "chat" and general["sources"] == []
