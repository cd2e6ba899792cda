"""What the documents do not say: a thing the question names that no document has ("the ballet
class" beside a boxercise row) is "nothing in your documents", however well the rest fits; relative
day words are not words a line must share; what the user did and how things are done in general are
not questions about their papers. No model: a bag-of-words embedder stands in for MiniLM."""
from datetime import datetime

import pytest

from assistant.experts import knowledge
from assistant.knowledge import MIGRATIONS, add_document
from assistant.knowledge.answer import answer, fit, named, rarity, unmatched
from assistant.knowledge.dates import without_relative
from assistant.storage import open_database
from tests.knowledge_kit import WordsEmbedder

WEDNESDAY = datetime(2026, 12, 9, 8, 0)
TIMETABLE = """Leisure Centre Classes

Class | Day | Time | Room
Boxercise | Thursday | 18:30 | Studio 1
Yoga for beginners | Monday | 19:00 | Studio 2
"""
MEALS = """Family meal plan

Day | Breakfast | Dinner
Wednesday | Porridge | Veggie chilli
Thursday | Granola | Sausage and mash
"""


@pytest.fixture
def db(tmp_path):
    db = open_database(":memory:", MIGRATIONS)
    for name, text in (("leisure_timetable.txt", TIMETABLE), ("meal_plan.txt", MEALS)):
        (tmp_path / name).write_text(text)
        add_document(db, tmp_path / name, WordsEmbedder(), WEDNESDAY)
    return db


def test_a_word_before_a_particle_is_a_verb_and_a_time_of_day_names_no_thing():
    assert named("when does the school break up for half term") == ["school"]
    assert named("when do the kids set off on the trip") == ["kids", "trip"]
    assert named("what time do the gates close in the morning") == ["gates"]
    assert named("what's on the menu this evening") == ["menu"]


def test_the_things_a_question_names_are_the_words_after_a_determiner_up_to_a_verb():
    assert named("what time is the ballet class on thursday") == ["ballet", "class"]
    assert named("what is the code for the garage door") == ["code", "garage", "door"]
    assert named("when does the pool shut for cleaning") == ["pool"]
    assert named("when is Mia's orthodontist appointment") == ["orthodontist", "appointment"]
    assert named("how do I lock the buttons so the kids can't press them") == ["buttons", "kids"]
    assert named("what's for dinner tomorrow") == []


def test_a_named_thing_in_no_document_is_unmatched_unless_the_context_says_it(db):
    question = "what time is the ballet class on thursday"
    weights = rarity(db, question)
    assert unmatched(question, "Class: Boxercise | Day: Thursday | Time: 18:30", weights, WordsEmbedder()) == ["ballet"]
    assert unmatched("what time is the boxercise class", "Class: Boxercise | Day: Thursday", rarity(
        db, "what time is the boxercise class"), WordsEmbedder()) == []


def test_a_question_about_something_the_documents_lack_finds_nothing(db):
    absent = answer(db, "what time is the ballet class on thursday", WordsEmbedder(), WEDNESDAY, threshold=0.0)
    assert not absent.found and not absent.sources and "nothing" in absent.reply
    present = answer(db, "what time is the boxercise class on thursday", WordsEmbedder(), WEDNESDAY, threshold=0.0)
    assert present.found and "18:30" in present.reply


def test_relative_day_words_are_not_words_a_line_must_have(db):
    assert without_relative("what's for dinner tomorrow") == "what's for dinner"
    assert without_relative("is anything on this weekend") == "is anything on"
    dinner = answer(db, "what's for dinner tomorrow", WordsEmbedder(), WEDNESDAY, threshold=0.0)
    assert dinner.found and "Sausage and mash" in dinner.reply
    assert fit(db, "what's for dinner tomorrow", WordsEmbedder()) > fit(db, "what's for dinner", WordsEmbedder()) - 0.05


def test_what_the_user_did_and_how_things_are_done_are_not_about_their_papers(db, monkeypatch):
    monkeypatch.setattr(knowledge, "embedder", WordsEmbedder)
    monkeypatch.setattr(knowledge, "fit", lambda db, text, embedder: 2.0)  # the documents match the words well
    for text in ("where did I park the car", "when was the boiler serviced", "have we paid the rent",
                 "how do i make pancakes", "how do you fix a bike puncture"):
        assert not knowledge.about_papers(text), text
    for text in ("how do I top up the boiler pressure", "when's the AGM", "what did the school letter say",
                 "when were the flu vaccinations", "what's for dinner tomorrow"):
        assert knowledge.about_papers(text), text
    assert knowledge.evidence(db, "how do i make the sausage and mash") == 1.0
    assert knowledge.evidence(db, "where did I eat sausage and mash") == 0.0


BINS = """Bin days

Green bin (garden waste): every other Monday.
Blue bin (paper and card): every other Thursday.
Error codes: E1 means the lid sensor failed. E2 means the bin is full.
"""


@pytest.fixture
def bins(tmp_path):
    db = open_database(":memory:", MIGRATIONS)
    (tmp_path / "bins.txt").write_text(BINS)
    add_document(db, tmp_path / "bins.txt", WordsEmbedder(), WEDNESDAY)
    return db


def test_another_of_the_kind_named_in_the_context_is_not_the_thing_asked_about(bins):
    question = "when is the purple bin collected"
    assert unmatched(question, "Bin days Green bin (garden waste): every other Monday.", rarity(bins, question),
                     WordsEmbedder()) == ["purple"]
    found = answer(bins, question, WordsEmbedder(), WEDNESDAY, threshold=0.0)
    assert not found.found and "nothing" in found.reply
    assert answer(bins, "when is the green bin collected", WordsEmbedder(), WEDNESDAY, threshold=0.0).found


def test_a_code_no_document_has_is_never_said_in_other_words(bins):
    from assistant.knowledge.answer import codes

    assert codes("what does E4 mean on the bin") == ["e4"]
    assert codes("who manages the under 11s at 5pm on the 12th") == ["11s"]
    assert not answer(bins, "what does error E4 mean", WordsEmbedder(), WEDNESDAY, threshold=0.0).found
    assert "full" in answer(bins, "what does error E2 mean", WordsEmbedder(), WEDNESDAY, threshold=0.0).reply


def test_a_thing_named_without_a_determiner_and_words_asking_for_an_amount():
    assert named("when is sports day at school") == ["sports", "day"]
    assert named("what time is swimming training") == ["swimming", "training"]
    assert named("when is the membership fee due") == ["membership", "due"]


GUIDE = """Heat pump guide

Hot water
The cylinder is heated to 48C every night.
Anti-legionella cycle: every Sunday at 2am the cylinder is heated to 60C.
The cycle takes about 90 minutes. Do not switch it off.
Boost: press the tap key for 3 seconds.
"""


def test_a_line_going_on_from_the_one_before_has_it_as_its_context(tmp_path):
    db = open_database(":memory:", MIGRATIONS)
    (tmp_path / "heat_pump_guide.txt").write_text(GUIDE)
    add_document(db, tmp_path / "heat_pump_guide.txt", WordsEmbedder(), WEDNESDAY)
    found = answer(db, "how long does the anti legionella cycle take", WordsEmbedder(), WEDNESDAY)
    assert found.found and "90 minutes" in found.reply
    # the line before names another thing: the line alone is its context, as before
    assert not answer(db, "how long does the frost protection cycle take", WordsEmbedder(), WEDNESDAY).found


def test_a_question_words_contraction_is_no_content_word():
    from assistant.knowledge.answer import content_words
    assert "what" not in content_words("what's the serial number") and "who" not in content_words("who's the coach")
    assert "mia" in content_words("Mia's teacher")


SCHOOL = """Oakfield School spring term

Classes
Class: Hawthorn | PE days: Thursday, and swimming on Friday mornings
Class: Maple | PE days: Tuesday and Friday

Dates for your diary
Fri 11 Dec: Christmas jumper day, bring 1 pound
Tue 15 Dec: carol concert at 2pm
"""


def test_a_dated_line_names_its_weekday_as_a_weekly_row_does(tmp_path):
    db = open_database(":memory:", MIGRATIONS)
    (tmp_path / "school_term.txt").write_text(SCHOOL)
    add_document(db, tmp_path / "school_term.txt", WordsEmbedder(), WEDNESDAY)
    found = answer(db, "what's on at school this friday", WordsEmbedder(), WEDNESDAY)
    assert "jumper day" in found.reply
