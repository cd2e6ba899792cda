"""Session 37's kinds (no evaluation sentence; lines written for them)."""
from datetime import datetime

import pytest

from assistant.experts import knowledge
from assistant.knowledge.answer import content_words


# -- a question's own framing names nothing the documents must have ---------------------------------------
@pytest.mark.parametrize("said, named", [
    ("what does F22 mean on the boiler", {"f22", "boiler"}),
    ("what's wrong with the tumble dryer", {"tumble", "dryer"}),
    ("the oven keeps saying E3", {"oven", "keep", "e3"}),
    ("have we got anything to bring to the picnic", {"bring", "picnic"}),
])
def test_the_words_a_question_asks_with_are_no_content(said, named):
    assert set(content_words(said)) == named


# -- a question said as "have we got", or after what the user tells ---------------------------------------
@pytest.mark.parametrize("said", [
    "has Tom got football practice this week", "have we got to bring anything to the picnic",
    "have I got the dentist on friday", "the boiler's showing F22, what does that mean",
    "the dog's been sick again; when's his next jab", "washing machine says E3 - what do I do",
])
def test_a_question_is_heard_as_one(said):
    assert knowledge.asks(said) and knowledge.about_papers(said)


@pytest.mark.parametrize("said", ["have you got a timer on", "turn the lamp off, please", "have the heating on at six",
                                  "have we paid the gas bill", "did we book the hall"])
def test_requests_and_what_the_user_did_are_not_questions_of_the_papers(said):
    assert not (knowledge.asks(said) and knowledge.about_papers(said))


# -- a line that points at a table's row, which has what the question asks for --------------------------------
MUSIC_SCHOOL = """Northgate Music School: spring term

Your pupils: Ada Marsh, Grade 4 piano on Wednesdays, account NM-4410, £96.00 for the term; Felix Marsh, Grade 2 violin on Saturdays, account NM-4411, £84.00.

Grade | Instrument | Day | Time | Room | Tutor
2 | violin | Wednesday | 16:00-16:30 | Room 3 | Mr Oduya
2 | violin | Saturday | 10:30-11:00 | Room 3 | Ms Varga
4 | piano | Wednesday | 17:15-18:00 | Room 1 | Ms Varga
4 | piano | Saturday | 11:00-11:45 | Room 1 | Mr Oduya
"""


@pytest.fixture
def music(tmp_path):
    from assistant.knowledge import MIGRATIONS, add_document
    from assistant.storage import open_database
    from tests.knowledge_kit import WordsEmbedder

    db = open_database(":memory:", MIGRATIONS)
    (tmp_path / "northgate_music.txt").write_text(MUSIC_SCHOOL)
    add_document(db, tmp_path / "northgate_music.txt", WordsEmbedder(), datetime(2027, 1, 11, 8, 0))
    return db


@pytest.mark.parametrize("said, wanted, not_wanted", [
    ("what time does Ada have piano", "17:15", "11:00"),
    ("what time does Felix have violin", "10:30", "16:00"),
    ("who is Felix's tutor", "Ms Varga", "Mr Oduya"),
])
def test_a_line_that_points_at_a_row_is_read_with_that_row(music, said, wanted, not_wanted):
    from assistant.knowledge.answer import answer
    from tests.knowledge_kit import WordsEmbedder

    reply = answer(music, said, WordsEmbedder(), datetime(2027, 1, 11, 8, 0)).reply
    assert wanted in reply and not_wanted not in reply, reply


@pytest.mark.parametrize("row, line, said", [
    ("Grade: 4 | Day: Wednesday | Time: 17:15", "Ada Marsh, Grade 4 piano on Wednesdays", 2),
    ("Grade: 4 | Day: Saturday | Time: 11:00", "Ada Marsh, Grade 4 piano on Wednesdays", 1),
    ("Grade: 2 | Day: Wednesday | Time: 16:00", "Ada Marsh, Grade 4 piano on Wednesdays, £96.00 for 2 terms", 1),
])
def test_the_cells_of_a_row_a_line_says(row, line, said):
    from assistant.knowledge.answer import keys_said
    assert keys_said(row, line) == said


def test_a_price_is_no_clock_time():
    from assistant.knowledge.answer import answer_shape
    shape = answer_shape("what time is the lesson")
    assert not shape.search("£96.00 for the term") and shape.search("starts at 17.15") and shape.search("at 9:05")
