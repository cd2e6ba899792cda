"""Answers from documents: a weekly timetable's row against a dated letter, the kind of answer a
question asks for, holidays by name. No model: a bag-of-words embedder stands in for MiniLM."""
from datetime import date, datetime

import pytest

from assistant.knowledge import MIGRATIONS, add_document
from assistant.knowledge.answer import answer, answer_shape
from assistant.knowledge.dates import days_in
from assistant.storage import open_database
from tests.knowledge_kit import WordsEmbedder

WEDNESDAY = datetime(2026, 12, 9, 8, 0)
TIMETABLE = """Leisure Centre Timetable

Session | Monday | Tuesday | Saturday
Early lane swim | 6:30-8:00 | 6:30-8:00 | 8:00-9:30
Children's swimming lessons | 16:00-16:45 | 17:15-18:00 | 9:30-10:15

Closed on 25 and 26 December.
"""
LETTER = """Dental practice

Mia has a check-up on Tuesday 15 December 2026 at 15:40.
Please arrive 10 minutes early.
"""
MANUAL = """Cleaning

Never use the dishwasher without the filters.
Clean the filters once a week.
"""


@pytest.fixture
def db(tmp_path):
    db = open_database(":memory:", MIGRATIONS)
    for name, text in (("timetable.txt", TIMETABLE), ("dentist_letter.txt", LETTER), ("dishwasher_manual.txt", MANUAL)):
        (tmp_path / name).write_text(text)
        add_document(db, tmp_path / name, WordsEmbedder(), WEDNESDAY)
    return db


def test_a_weekday_asked_about_is_read_from_the_timetable_row_not_any_line_dated_that_day(db):
    found = answer(db, "what time is the swimming lesson on tuesday", WordsEmbedder(), WEDNESDAY, threshold=0.0)
    assert "Tuesday: 17:15-18:00" in found.reply and "Monday" not in found.reply
    assert found.sources[0].document == "timetable.txt"
    dated = answer(db, "what's on next tuesday", WordsEmbedder(), WEDNESDAY, threshold=0.0)
    assert "check-up" in dated.reply


def test_the_line_with_the_kind_of_answer_asked_for_wins():
    assert answer_shape("how often should I clean the filters").search("Clean the filters once a week")
    assert not answer_shape("how often should I clean the filters").search("Never use it without the filters")
    assert answer_shape("when is the volcano model due").search("Due: Thu 10 Dec")
    assert answer_shape("how do I reset it") is None


def test_numbers_said_in_words_have_the_shape_of_an_amount_or_a_duration():
    assert answer_shape("how much notice do we have to give").search("by giving at least two months' notice")
    assert answer_shape("how long is the notice period").search("a notice period of three weeks")
    assert not answer_shape("how much notice do we have to give").search("Notice must be given in writing")


def test_how_often_reads_the_frequency(db):
    found = answer(db, "how often should I clean the dishwasher filters", WordsEmbedder(), WEDNESDAY, threshold=0.0)
    assert "once a week" in found.reply


def test_holidays_by_name_are_dates():
    assert days_in("is it open on boxing day", date(2026, 12, 9)) == [date(2026, 12, 26)]
    assert days_in("closed on Christmas Day", date(2026, 12, 9)) == [date(2026, 12, 25)]


def test_a_day_of_the_month_alone_is_the_next_such_day():
    from assistant.knowledge.dates import day_of_month

    today = date(2026, 12, 9)
    assert day_of_month("who are we playing on the 12th", today) == [date(2026, 12, 12)]
    assert day_of_month("what's on the 3rd", today) == [date(2027, 1, 3)]
    assert day_of_month("rent is due on the 3rd of each month", today) == []


def test_the_words_naming_a_document_are_not_what_its_passages_must_have():
    from assistant.knowledge.answer import beyond_title

    assert beyond_title("what does the leisure centre timetable say about the sauna",
                        "leisure_centre_timetable.pdf") == "what does the say about the sauna"
    assert beyond_title("how many bananas go in my banana bread recipe", "banana_bread.md") == \
        "how many bananas go in my recipe"


def test_who_asks_for_a_person_and_a_paragraph_is_read_by_its_sentences(tmp_path):
    from assistant.knowledge.answer import sentences

    assert answer_shape("who is the manager").search("Manager: Dave Okafor (07700 900 415).")
    assert answer_shape("who signed it").search("Gareth Pryce")
    assert not answer_shape("who is the manager").search("Hollins Park Juniors FC: Under 9s Blue, fixtures")
    assert sentences("Serve with mash. Mr. Lamb says it keeps for 3 days. Freeze it.") == \
        ["Serve with mash.", "Mr. Lamb says it keeps for 3 days.", "Freeze it."]
    assert sentences("Name: A. | Day: Mon. | Time: 9:00") == ["Name: A. | Day: Mon. | Time: 9:00"]
    db = open_database(":memory:", MIGRATIONS)
    (tmp_path / "club.txt").write_text("Junior football club, under 9s team, spring fixtures\n"
                                       "Manager: Dave Okafor. The manager collects the subs of the under 9s before every game, in cash, "
                                       "and posts in the group by eight if a game is called off because of the weather.\n")
    add_document(db, tmp_path / "club.txt", WordsEmbedder(), WEDNESDAY)
    found = answer(db, "who is the manager of the under 9s", WordsEmbedder(), WEDNESDAY, threshold=0.0)
    assert "Dave Okafor" in found.reply and "subs" not in found.reply
