"""The reminders expert on a real in-memory SQLite database."""
from datetime import datetime

import pytest

from assistant.context import ExpertContext
from assistant.messages import Utterance
from assistant.experts.reminders import (EXPERT, cancel, cancel_all, create, describe_recurrence, due_reminders,
                               list_reminders, mark_fired, show)
from assistant.testing import expert_context

NOW = datetime(2026, 11, 25, 9, 0)  # a Wednesday
WEEKDAYS_7AM = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=0"


@pytest.fixture
def ctx() -> ExpertContext:
    return expert_context(EXPERT, now=NOW)


def undo(ctx: ExpertContext, name: str, result) -> None:
    EXPERT.api(name).undo(ctx, result.undo)


def texts(ctx: ExpertContext) -> list[str]:
    return [r["text"] for r in list_reminders(ctx.db)]


@pytest.mark.parametrize("text, when, reply, due, rrule", [
    ("call mom", "at 5pm", "OK, I'll remind you to call mom today at 5:00 PM.", "2026-11-25T17:00:00", None),
    ("to take out the trash.", "tomorrow at 8 am", "OK, I'll remind you to take out the trash tomorrow at 8:00 AM.",
     "2026-11-26T08:00:00", None),
    ("pay rent", "on friday at noon", "OK, I'll remind you to pay rent on Friday at 12:00 PM.",
     "2026-11-27T12:00:00", None),
    ("walk Daisy", "every weekday at 7 am",
     "OK, I'll remind you to walk Daisy every weekday at 7:00 AM, starting Thursday.", "2026-11-26T07:00:00",
     WEEKDAYS_7AM),
    ("water the plants", "every sunday at 6pm",
     "OK, I'll remind you to water the plants every Sunday at 6:00 PM, starting Sunday.", "2026-11-29T18:00:00",
     "FREQ=WEEKLY;BYDAY=SU;BYHOUR=18;BYMINUTE=0"),
    ("pay the bills", "every month on the 1st at 9",
     "OK, I'll remind you to pay the bills every month on the 1st at 9:00 AM, starting Tuesday.",
     "2026-12-01T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0"),
    ("drink water", "every 2 hours", "OK, I'll remind you to drink water every 2 hours, starting today at 11:00 AM.",
     "2026-11-25T11:00:00", "FREQ=HOURLY;INTERVAL=2"),
    ("call mom at 5pm", "at 5pm", "OK, I'll remind you to call mom today at 5:00 PM.", "2026-11-25T17:00:00", None),
    ("about the meeting", "in 20 minutes", "OK, I'll remind you about the meeting today at 9:20 AM.",
     "2026-11-25T09:20:00", None),
])
def test_create(ctx, text, when, reply, due, rrule):
    result = create(ctx, text, when)
    assert (result.ok, result.reply) == (True, reply)
    [row] = list_reminders(ctx.db)
    assert row == {"id": result.undo["reminder_id"], "text": result.data["text"], "due": due, "recurrence": rrule}


def test_create_is_undone_by_deleting_the_row(ctx):
    result = create(ctx, "call mom", "at 5pm")
    undo(ctx, "create", result)
    assert list_reminders(ctx.db) == []
    assert ctx.db.execute("SELECT COUNT(*) FROM reminders").fetchone()[0] == 0


def test_create_falls_back_to_the_time_in_the_utterance(ctx):
    ctx.utterance = Utterance(text="remind me tomorrow at 8 am to take out the trash")
    result = create(ctx, "take out the trash", "the usual time")
    assert result.ok
    assert list_reminders(ctx.db)[0]["due"] == "2026-11-26T08:00:00"


@pytest.mark.parametrize("text, when, fragment", [
    ("call mom", "whenever", "When should I remind you to call mom?"),
    ("call mom", "today at 8am", "already"),
    ("", "at 5pm", "What should I remind you about?"),
    ("  .", "at 5pm", "What should I remind you about?"),
])
def test_create_refuses_without_a_usable_time_or_text(ctx, text, when, fragment):
    result = create(ctx, text, when)
    assert not result.ok and fragment in result.reply
    assert list_reminders(ctx.db) == []


def test_list_is_ordered_by_due(ctx):
    create(ctx, "pay rent", "on friday at noon")
    create(ctx, "call mom", "at 5pm")
    create(ctx, "walk Daisy", "every weekday at 7 am")
    assert texts(ctx) == ["call mom", "walk Daisy", "pay rent"]


def test_show_reads_out_upcoming_reminders(ctx):
    create(ctx, "call mom", "at 5pm")
    create(ctx, "walk Daisy", "every weekday at 7 am")
    result = show(ctx)
    assert result.reply == ("You have 2 reminders: call mom today at 5:00 PM and "
                            "walk Daisy every weekday at 7:00 AM.")
    assert [r["text"] for r in result.data] == ["call mom", "walk Daisy"]


@pytest.mark.parametrize("when, expected", [
    ("today", ["call mom"]),
    ("tomorrow", ["walk Daisy", "take out the trash"]),
    ("saturday", []),  # weekdays only
    ("monday", ["walk Daisy"]),
])
def test_show_filters_by_day_including_recurring_occurrences(ctx, when, expected):
    create(ctx, "call mom", "at 5pm")
    create(ctx, "walk Daisy", "every weekday at 7 am")
    create(ctx, "take out the trash", "tomorrow at 8 am")
    result = show(ctx, when)
    assert [r["text"] for r in result.data] == expected


def test_show_with_nothing_says_so(ctx):
    assert show(ctx).reply == "You have no reminders."
    assert show(ctx, "tomorrow").reply == "You have no reminders tomorrow."
    assert show(ctx, "tomorrow").data == []


def test_show_with_a_bad_day(ctx):
    assert not show(ctx, "banana").ok


def test_cancel_fuzzy_matches_and_undo_restores(ctx):
    create(ctx, "call mom", "at 5pm")
    create(ctx, "take out the trash", "tomorrow at 8 am")
    result = cancel(ctx, "the trash reminder")
    assert (result.ok, result.reply) == (True, "Cancelled the reminder to take out the trash.")
    assert texts(ctx) == ["call mom"]
    undo(ctx, "cancel", result)
    assert texts(ctx) == ["call mom", "take out the trash"]


def test_cancel_ambiguous_lists_candidates(ctx):
    create(ctx, "call mom", "at 5pm")
    create(ctx, "call dad", "tomorrow at 8 am")
    result = cancel(ctx, "call")
    assert not result.ok
    assert result.reply == "Which reminder: call mom today at 5:00 PM or call dad tomorrow at 8:00 AM?"
    assert len(texts(ctx)) == 2


def test_cancel_unknown_and_empty(ctx):
    assert cancel(ctx, "mom").reply == "You have no reminders to cancel."
    create(ctx, "call mom", "at 5pm")
    assert not cancel(ctx, "feed the cat").ok
    assert cancel(ctx).ok  # the only one
    assert texts(ctx) == []


def test_cancel_all_is_sensitive_and_undoable(ctx):
    assert EXPERT.api("cancel_all").sensitive and not EXPERT.api("cancel_all").speculative_safe
    assert EXPERT.api("cancel").speculative_safe and not EXPERT.api("cancel").sensitive
    create(ctx, "call mom", "at 5pm")
    create(ctx, "walk Daisy", "every weekday at 7 am")
    result = cancel_all(ctx)
    assert result.reply == "Cancelled all 2 reminders."
    assert texts(ctx) == []
    undo(ctx, "cancel_all", result)
    assert texts(ctx) == ["call mom", "walk Daisy"]


def test_due_reminders_and_one_off_firing(ctx):
    create(ctx, "call mom", "at 5pm")
    assert due_reminders(ctx.db, datetime(2026, 11, 25, 16, 59)) == []
    [due] = due_reminders(ctx.db, datetime(2026, 11, 25, 17, 0))
    assert mark_fired(ctx.db, due["id"], datetime(2026, 11, 25, 17, 0)) is None
    assert list_reminders(ctx.db) == []
    row = ctx.db.execute("SELECT status, fired_at FROM reminders").fetchone()
    assert row == ("done", "2026-11-25T17:00:00")


def test_recurring_reminder_advances_when_fired(ctx):
    create(ctx, "walk Daisy", "every weekday at 7 am")
    friday = datetime(2026, 11, 27, 7, 0, 5)
    mark_fired(ctx.db, 1, datetime(2026, 11, 26, 7, 0))
    assert list_reminders(ctx.db)[0]["due"] == "2026-11-27T07:00:00"
    assert mark_fired(ctx.db, 1, friday) == datetime(2026, 11, 30, 7, 0)  # skips the weekend
    assert list_reminders(ctx.db)[0] == {"id": 1, "text": "walk Daisy", "due": "2026-11-30T07:00:00",
                                         "recurrence": WEEKDAYS_7AM}


@pytest.mark.parametrize("rrule, spoken", [
    (WEEKDAYS_7AM, "every weekday at 7:00 AM"),
    ("FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=18;BYMINUTE=30", "every Monday and Wednesday at 6:30 PM"),
    ("FREQ=DAILY;BYHOUR=21;BYMINUTE=0", "every day at 9:00 PM"),
    ("FREQ=HOURLY", "every hour"),
    ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=3;BYHOUR=9;BYMINUTE=0", "every year on December 3 at 9:00 AM"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=0", "every 2 weeks on Tuesday at 9:00 AM"),
])
def test_describe_recurrence(rrule, spoken):
    assert describe_recurrence(rrule) == spoken


@pytest.mark.parametrize("text, when, kept", [
    ("pop a reminder in for thursday", "thursday", ""),        # only the request: ask what about
    ("could you set up a reminder", "at 6", ""),
    ("leave me a note for the morning", "the morning", ""),
    ("put the recycling out", "tonight", "put the recycling out"),
    ("write a thank you card to gran", "on sunday", "write a thank you card to gran"),
    ("remind me at eight", "20:00", ""),  # the time written as the text in other words: ask what about
    ("at quarter past six", "at 6:15", ""),
    ("a reminder for the day after tomorrow", "in 2 days", ""),
    ("water the roses at eight", "20:00", "water the roses"),
])
def test_a_reminder_text_that_is_only_the_request_is_empty(text, when, kept):
    from assistant.experts.reminders import _clean_text
    assert _clean_text(text, when) == kept


@pytest.mark.parametrize("text, when, kept", [
    ("ping me in twenty minutes about the pie", "in 20 minutes", "the pie"),  # the time in other words
    ("give me a shout at 4 to move the car", "at 4", "move the car"),
    ("remind me to tell sam about the party", "tomorrow", "tell sam about the party"),  # "about" inside the text
])
def test_the_whole_request_written_as_the_text_keeps_what_follows_about(text, when, kept):
    from assistant.experts.reminders import _clean_text
    assert _clean_text(text, when) == kept


@pytest.mark.parametrize("said, text", [
    ("remind me in two hours to check on the roast", "check on the roast"),
    ("remind me the day after tomorrow to return the library books", "return the library books"),
    ("um remind me in twenty minutes to call back sarah", "call back sarah"),
])
def test_the_rules_take_the_time_out_of_the_text_as_it_was_said(said, text):
    from assistant.experts.reminders import propose
    from assistant.messages import Request
    from assistant.words import command

    decision = propose(Request(text=said, words=command(said), now=datetime(2026, 11, 30, 9, 0)))
    assert decision.args["text"] == text
