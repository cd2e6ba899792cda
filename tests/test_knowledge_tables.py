"""Tables in documents keep their column headers: PDF columns found from layout, HTML empty cells kept
in place, rows labelled with their headers, and an answer read as the cells the question names.
No model."""
from pathlib import Path

from assistant.knowledge.answer import asked_cells
from assistant.knowledge.chunking import chunk_page, label_tables
from assistant.knowledge.extract import Page, extract
from assistant.knowledge.html_text import html_to_text
from assistant.knowledge.pdf import table_rows
from tests.knowledge_kit import write_pdf

POOL = ["Pool Programme", "", "Session | Monday | Tuesday | Wednesday",
        "Early swim | 6:30 | 6:30 | 7:00", "Swimming lessons | 16:00 | 17:15 | -", "",
        "Caps are compulsory for lessons."]


def test_aligned_layout_columns_become_table_cells_and_prose_stays_one_line():
    lines = ["Teacher: Ms Okafor    Assistant: Mr Lind", "",
             "Session            Monday      Tuesday", "Early swim         6:30        6:30",
             "Lessons                        17:15"]
    assert table_rows(lines) == ["Teacher: Ms Okafor Assistant: Mr Lind", "",
                                 "Session | Monday | Tuesday", "Early swim | 6:30 | 6:30", "Lessons |  | 17:15"]


def test_a_pdf_table_keeps_its_columns(tmp_path: Path):
    text = extract(write_pdf(tmp_path / "pool.pdf", [POOL])).pages[0].text
    assert "Swimming lessons | 16:00 | 17:15 | -" in text.splitlines()


def test_html_empty_cells_keep_their_place():
    html = "<table><tr><th>Day</th><th>Swim</th><th>Gym</th></tr>\n<tr><td>Mon</td><td></td><td>9:00</td></tr></table>"
    assert html_to_text(html).splitlines() == ["Day | Swim | Gym", "Mon |  | 9:00"]


def test_rows_under_a_header_are_labelled_and_the_header_goes():
    assert label_tables(POOL[2:5]) == [
        "Session: Early swim | Monday: 6:30 | Tuesday: 6:30 | Wednesday: 7:00",
        "Session: Swimming lessons | Monday: 16:00 | Tuesday: 17:15"]
    rows = ["Mon 2 Nov | English | Mon 9 Nov", "Mon 9 Nov | Maths | Fri 13 Nov"]  # no header row: as they were
    assert label_tables(rows) == rows


def test_every_passage_with_rows_has_their_headers():
    page = Page(1, "\n".join(["Timetable", "", "Day | Morning | Afternoon"]
                             + [f"Day {i} | Maths {i} | Swimming at the pool {i}" for i in range(40)]))
    rows = [line for chunk in chunk_page(page) for line in chunk.text.splitlines() if "Maths" in line]
    assert len(rows) == 40 and all(r.startswith("Day: ") and "| Afternoon: Swimming" in r for r in rows)


def test_a_row_is_read_as_the_cells_the_question_names():
    row = "Session: Swimming lessons | Monday: 16:00 | Tuesday: 17:15 | Friday: 16:00"
    assert asked_cells(row, "what time is the swimming lesson on tuesday") == \
        "Session: Swimming lessons | Tuesday: 17:15"
    fixture = "Date: Sat 12 Dec | Opponent: Millfield Town | Venue: Home | Kick-off: 10:30 | Meet at: 9:45"
    assert asked_cells(fixture, "what time is kick off against millfield") == \
        "Date: Sat 12 Dec | Opponent: Millfield Town | Kick-off: 10:30"
    assert asked_cells(fixture, "when do we play millfield") == fixture  # no column named: the whole row


def test_a_row_named_by_no_cell_is_read_whole():
    row = "Set: Wed 18 Nov | Subject: Science | Task: Volcano model | Due: Thu 10 Dec"
    assert asked_cells(row, "is anything due tomorrow") == row
