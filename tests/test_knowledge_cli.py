"""`assistant docs …`: add (errors per file, exit 1), list --json contract, show, remove, search --json.
MiniLM is replaced by a bag-of-words embedder here (tests/test_knowledge_retrieval.py uses the real one)."""
import json

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from tests.knowledge_kit import WordsEmbedder, write_pdf

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    monkeypatch.setattr("assistant.knowledge.embedder.passage_embedder", lambda: WordsEmbedder())


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def files(tmp_path):
    schedule = write_pdf(tmp_path / "schedule.pdf", [["Class 4B", "Wed 18 Nov | Science | Volcano model | Thu 10 Dec"],
                                                     ["Trips", "Thu 19 Nov | Museum trip | Coach leaves 8:15"]])
    soup = tmp_path / "soup.md"
    soup.write_text("# Lentil soup\n\nSimmer the lentils for 20 minutes.\n")
    return schedule, soup


def test_add_list_show_search_remove(files):
    schedule, soup = files
    added = run("docs", "add", schedule, soup)
    assert added.exit_code == 0, added.output
    assert "Added schedule.pdf (id 1): 2 pages" in added.stdout and "Added soup.md (id 2)" in added.stdout
    assert "Unchanged schedule.pdf" in run("docs", "add", schedule).stdout

    listed = json.loads(run("docs", "list", "--json").stdout)
    assert [set(d) for d in listed] == [{"id", "name", "pages", "chunks", "added"}] * 2
    assert [(d["id"], d["name"], d["pages"]) for d in listed] == [(1, "schedule.pdf", 2), (2, "soup.md", 1)]

    shown = run("docs", "show", 1)
    assert shown.exit_code == 0 and "Museum trip" in shown.stdout and "page 2" in shown.stdout

    found = json.loads(run("docs", "search", "when", "is", "the", "museum", "trip", "--json").stdout)
    assert (found[0]["document"], found[0]["page"]) == ("schedule.pdf", 2)
    assert "schedule.pdf, page 2" in run("docs", "search", "museum trip").stdout

    removed = run("docs", "remove", 2)
    assert removed.exit_code == 0 and "Removed soup.md" in removed.stdout
    assert [d["id"] for d in json.loads(run("docs", "list", "--json").stdout)] == [1]


def test_a_bad_file_is_one_error_line_and_the_others_are_still_added(files, tmp_path):
    schedule, _ = files
    scan = write_pdf(tmp_path / "scan.pdf", [[]], scanned=True)
    result = run("docs", "add", scan, tmp_path / "missing.txt", schedule)
    assert result.exit_code == 1
    assert "scan.pdf: the PDF has no text layer" in result.stderr and "no such file" in result.stderr
    assert "Traceback" not in result.output
    assert [d["name"] for d in json.loads(run("docs", "list", "--json").stdout)] == ["schedule.pdf"]


def test_unknown_ids_and_an_empty_library(files):
    assert run("docs", "list", "--json").stdout.strip() == "[]"
    assert "No documents yet" in run("docs", "list").stdout
    for command in ("show", "remove"):
        result = run("docs", command, 7)
        assert result.exit_code == 1 and "There is no document 7" in result.stderr
    assert json.loads(run("docs", "search", "anything", "--json").stdout) == []
