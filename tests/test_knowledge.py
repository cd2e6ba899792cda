import re
"""Documents: extraction per type and its errors, chunking, storage (idempotent, replacing), search.
No model: a bag-of-words embedder stands in for MiniLM (tests/test_knowledge_retrieval.py uses it)."""
from datetime import datetime

import pytest

from assistant.knowledge import DocumentError, MIGRATIONS, add_document, list_documents, remove_document, search
from assistant.knowledge.chunking import MAX_CHARS, chunk_pages, label_tables
from assistant.knowledge.extract import PSEUDO_PAGE_CHARS, Page, extract
from assistant.knowledge.search import VectorIndex, fts_query
from assistant.storage import open_database
from tests.knowledge_kit import WordsEmbedder, build_corpus, write_pdf

NOW = datetime(2026, 11, 25, 9, 0)
SCHEDULE = [["Class 4B - Deadlines", "Set | Subject | Task | Due",
             "Wed 18 Nov | Science | Volcano model | Thu 10 Dec", "Mon 23 Nov | Geography | River map | Mon 7 Dec"],
            ["Trips", "Thu 19 Nov | Museum trip | Coach leaves 8:15"]]


@pytest.fixture
def db():
    return open_database(":memory:", MIGRATIONS)


def add(db, path, embedder=None):
    return add_document(db, path, embedder or WordsEmbedder(), NOW)


# -- extraction ------------------------------------------------------------------------------------
def test_pdf_pages_keep_their_numbers_and_table_rows_stay_one_line(tmp_path):
    pages = extract(write_pdf(tmp_path / "schedule.pdf", SCHEDULE)).pages
    assert [p.number for p in pages] == [1, 2]
    row = next(line for line in pages[0].text.splitlines() if "Volcano" in line)
    assert "Wed 18 Nov" in row and "Thu 10 Dec" in row


def test_a_short_text_file_is_page_one_and_a_long_one_is_cut_into_pseudo_pages(tmp_path):
    short = tmp_path / "note.txt"
    short.write_text("Milk is in the fridge.\n")
    assert [p.number for p in extract(short).pages] == [1]
    long = tmp_path / "long.txt"
    lines = [f"Line {i}: the quick brown fox jumps over the lazy dog." for i in range(400)]
    long.write_text("\n".join(lines))
    pages = extract(long).pages
    assert len(pages) > 1 and all(len(p.text) <= PSEUDO_PAGE_CHARS for p in pages)
    assert [line for p in pages for line in p.text.splitlines()] == lines  # no line cut or lost


def test_form_feeds_start_pages_in_text_files(tmp_path):
    path = tmp_path / "pages.txt"
    path.write_text("first page\fsecond page")
    assert [(p.number, p.text) for p in extract(path).pages] == [(1, "first page"), (2, "second page")]


def test_markdown_tables_and_lists_become_lines(tmp_path):
    path = tmp_path / "pancakes.md"
    path.write_text("# Pancakes\n\n| Ingredient | Amount |\n|---|---|\n| Plain flour | 200 g |\n\n- 2 eggs\n")
    lines = extract(path).pages[0].text.splitlines()
    assert "Pancakes" in lines and "Plain flour | 200 g" in lines and "- 2 eggs" in lines


def test_html_drops_scripts_and_keeps_rows(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><style>p{}</style></head><body><h1>Bins</h1><p>Recycling on <b>Tuesday</b>.</p>"
                    "<table><tr><th>Bin</th><th>Day</th></tr><tr><td>Blue</td><td>Tue</td></tr></table>"
                    "<script>alert('x')</script></body></html>")
    text = extract(path).pages[0].text
    assert "Recycling on Tuesday." in text and "Blue | Tue" in text
    assert "alert" not in text and "p{}" not in text


@pytest.mark.parametrize("make, message", [
    (lambda d: write_pdf(d / "scan.pdf", [[]] * 2, scanned=True), "no text layer"),
    (lambda d: write_pdf(d / "locked.pdf", SCHEDULE, encrypt="secret"), "encrypted"),
    (lambda d: (d / "broken.pdf").write_bytes(b"%PDF-1.7\n this is not a pdf at all") and d / "broken.pdf", "damaged"),
    (lambda d: (d / "cut.pdf").write_bytes(write_pdf(d / "whole.pdf", SCHEDULE).read_bytes()[:300]) and d / "cut.pdf",
     "damaged"),
    (lambda d: (d / "report.docx").write_bytes(b"PK\x03\x04") and d / "report.docx", "unsupported file type"),
    (lambda d: d / "nowhere.txt", "no such file"),
    (lambda d: (d / "empty.md").write_text("  \n") and d / "empty.md", "no text"),
])
def test_unreadable_files_raise_one_clear_line(tmp_path, make, message):
    with pytest.raises(DocumentError) as error:
        extract(make(tmp_path))
    assert message in str(error.value) and "\n" not in str(error.value)


# -- chunking --------------------------------------------------------------------------------------
def test_chunks_keep_every_line_whole_and_never_cross_a_page(tmp_path):
    """Every line of a page is in one of its passages (table rows labelled with their headers)."""
    paths = build_corpus(tmp_path / "corpus")
    for path in paths:
        pages = extract(path).pages
        chunks = chunk_pages(pages)
        for page in pages:
            on_page = "\n".join(c.text for c in chunks if c.page == page.number)
            for line in label_tables([" ".join(line.split()) for line in page.text.splitlines()]):
                if line and len(line) <= MAX_CHARS:
                    assert line in on_page.splitlines(), (path.name, line)


def test_a_heading_travels_with_the_passages_below_it():
    text = "Troubleshooting\n\n" + "\n".join(f"E{i} | fault number {i} described at some length here" for i in range(20))
    chunks = chunk_pages([Page(1, text)])
    assert len(chunks) > 1 and all(c.section == "Troubleshooting" for c in chunks)
    assert chunks[-1].indexed.startswith("Troubleshooting\n")


def test_a_short_capitalised_line_opening_a_paragraph_is_its_heading_not_a_line_of_the_last_one():
    """A PDF page with several titled blocks: each block's title is its passages' section, so the
    title of one block is never read out as the answer line of another ("Airport parking")."""
    text = ("Flights\n" + "Outbound on Saturday 3 April from Manchester at 06:10, landing in Faro at 09:25. " * 2
            + "\n\nAirport parking\nPurple Parking, booked for 3 to 10 April.\n"
            + "Shuttle bus every 15 minutes to the terminal building, allow thirty minutes. " * 2
            + "\n\nAfter-school clubs (15:15 to 16:15)\nMonday | Coding club | 2 pounds\nTuesday | Netball | free\n"
            "\n2 eggs and a pinch of salt for the batter\n- a list item\n")
    sections = {c.text.splitlines()[0]: c.section for c in chunk_pages([Page(1, text)])}
    assert sections["Airport parking"] == "Airport parking"
    assert sections["After-school clubs (15:15 to 16:15)"] == "After-school clubs (15:15 to 16:15)"
    assert set(sections.values()) == {"Flights", "Airport parking", "After-school clubs (15:15 to 16:15)"}


def test_a_long_word_also_finds_the_words_it_begins(db, tmp_path):
    """Prefix search for spellings stemming does not join ("restaurant": "Restaurante Ria")."""
    note = tmp_path / "plans.txt"
    note.write_text("Friday: dinner at Restaurante Ria, table for 4 at 19:30.\nSaturday: beach.\n")
    add(db, note)
    assert '"restaurant"*' in fts_query("what time is the restaurant booked")
    assert '"at"' not in fts_query("what time is it at") and '"time"*' not in fts_query("what time")  # short: exact
    best = search(db, "restaurant", WordsEmbedder(), index=VectorIndex())[0]
    assert best.bm25_rank == 1 and "Restaurante" in best.text


def test_an_overlong_line_is_cut_at_sentence_ends():
    line = " ".join(f"Sentence number {i} says something." for i in range(60))
    chunks = chunk_pages([Page(3, line)])
    assert len(chunks) > 1 and all(len(c.text) <= MAX_CHARS for c in chunks)
    assert all(c.text.endswith(".") for c in chunks) and {c.page for c in chunks} == {3}


# -- storage ---------------------------------------------------------------------------------------
def test_re_adding_the_same_file_changes_nothing(db, tmp_path):
    path = write_pdf(tmp_path / "schedule.pdf", SCHEDULE)
    first = add(db, path)
    assert first.status == "added" and first.pages == 2
    again = add(db, path)
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(path.read_bytes())
    assert again.status == "unchanged" and add(db, copy).status == "unchanged"
    assert len(list_documents(db)) == 1
    assert db.execute("SELECT count(*) FROM knowledge_chunks").fetchone()[0] == first.chunks


def test_a_changed_file_replaces_its_old_version(db, tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Your recycling is collected on Tuesday.\n")
    first = add(db, path)
    path.write_text("Your recycling is now collected on Friday.\n")
    second = add(db, path)
    assert second.status == "replaced" and second.id == first.id and len(list_documents(db)) == 1
    texts = [p.text for p in search(db, "recycling collected", WordsEmbedder(), limit=5, index=VectorIndex())]
    assert texts == ["Your recycling is now collected on Friday."]
    assert db.execute("SELECT count(*) FROM knowledge_fts").fetchone()[0] == second.chunks


def test_removing_a_document_removes_its_passages_and_index(db, tmp_path):
    path = tmp_path / "soup.txt"
    path.write_text("Red lentil soup\n\nSimmer the lentils for 20 minutes.\n")
    added = add(db, path)
    assert remove_document(db, added.id)["name"] == "soup.txt"
    assert remove_document(db, added.id) is None
    assert list_documents(db) == []
    assert db.execute("SELECT count(*) FROM knowledge_fts").fetchone()[0] == 0
    assert search(db, "lentils", WordsEmbedder(), index=VectorIndex()) == []


def test_list_documents_contract(db, tmp_path):
    add(db, write_pdf(tmp_path / "schedule.pdf", SCHEDULE))
    [row] = list_documents(db)
    assert set(row) == {"id", "name", "pages", "chunks", "added"}
    assert row["name"] == "schedule.pdf" and row["pages"] == 2 and row["added"] == "2026-11-25T09:00:00"


# -- search ----------------------------------------------------------------------------------------
def test_search_returns_document_and_page(db, tmp_path):
    add(db, write_pdf(tmp_path / "schedule.pdf", SCHEDULE))
    best = search(db, "when is the museum trip", WordsEmbedder(), index=VectorIndex())[0]
    assert (best.document, best.page) == ("schedule.pdf", 2) and "Museum" in best.text
    assert best.bm25_rank == 1


@pytest.mark.parametrize("query", ['"volcano', "NOT AND OR", "science*", "what's (due) ^ near:", "   ", "the of a"])
def test_user_words_are_never_read_as_fts_syntax(db, tmp_path, query):
    add(db, write_pdf(tmp_path / "schedule.pdf", SCHEDULE))
    search(db, query, WordsEmbedder(), index=VectorIndex())  # no sqlite error
    terms = fts_query(query).split(" OR ") if fts_query(query) else []
    assert all(re.fullmatch(r'"[^"*()^:]+"\*?', term) for term in terms)  # quoted words, a prefix star of ours


def test_a_long_lived_index_sees_a_replaced_document(db, tmp_path):
    """Same passage count after the replacement: the cached matrix must still be reloaded."""
    index, path = VectorIndex(), tmp_path / "note.txt"
    path.write_text("The spare key is under the blue flowerpot.\n")
    add(db, path)
    assert search(db, "spare key", WordsEmbedder(), index=index)[0].cosine > 0.3
    path.write_text("Wifi password: kettle-orange-42.\n")
    add(db, path)
    [passage] = search(db, "wifi password", WordsEmbedder(), index=index)
    assert passage.text.startswith("Wifi") and passage.cosine > 0.3
