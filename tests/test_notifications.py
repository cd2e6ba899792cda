"""The notifications expert on a real in-memory SQLite database."""
from datetime import datetime

import pytest

from assistant.context import ExpertContext
from assistant.experts.notifications import (EXPERT, READ_OUT_LIMIT, check, clear, clear_read, list_notifications,
                                   mark_read, notify)
from assistant.testing import expert_context

NOW = datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def ctx() -> ExpertContext:
    return expert_context(EXPERT, now=NOW)


def undo(ctx: ExpertContext, name: str, result) -> None:
    EXPERT.api(name).undo(ctx, result.undo)


def read_flags(ctx: ExpertContext) -> dict[str, bool]:
    return {n["text"]: n["read"] for n in list_notifications(ctx.db)}


def test_notify_and_list_newest_first(ctx):
    first = notify(ctx.db, "Reminder: call mum", datetime(2026, 11, 25, 8, 0), source="reminders")
    second = notify(ctx.db, "Pasta timer is done", datetime(2026, 11, 25, 8, 30), source="timers")
    assert list_notifications(ctx.db) == [
        {"id": second, "text": "Pasta timer is done", "created": "2026-11-25T08:30:00", "read": False},
        {"id": first, "text": "Reminder: call mum", "created": "2026-11-25T08:00:00", "read": False},
    ]


def test_check_with_nothing_new(ctx):
    result = check(ctx)
    assert result.ok and result.undo is None
    assert result.reply == "You have no new notifications."


@pytest.mark.parametrize("created, late, spoken", [
    (datetime(2026, 11, 25, 8, 30), False, "You have 1 new notification: Pasta timer is done."),
    (datetime(2026, 11, 25, 8, 0), True, "You have 1 new notification: Pasta timer is done (late, from 08:00)."),
    (datetime(2026, 11, 24, 19, 5), True,
     "You have 1 new notification: Pasta timer is done (late, from Nov 24, 19:05)."),
])
def test_check_reads_out(ctx, created, late, spoken):
    notify(ctx.db, "Pasta timer is done.", created, late=late)
    assert check(ctx).reply == spoken


def test_check_reads_oldest_first_marks_read_and_undo_marks_unread(ctx):
    notify(ctx.db, "Second", datetime(2026, 11, 25, 8, 30))
    notify(ctx.db, "First", datetime(2026, 11, 25, 8, 0))
    old = notify(ctx.db, "Already seen", datetime(2026, 11, 25, 7, 0))
    mark_read(ctx.db, [old])
    result = check(ctx)
    assert result.reply == "You have 2 new notifications: First; Second."
    assert read_flags(ctx) == {"Second": True, "First": True, "Already seen": True}
    undo(ctx, "check", result)
    assert read_flags(ctx) == {"Second": False, "First": False, "Already seen": True}


def test_check_reads_at_most_the_limit(ctx):
    for minute in range(READ_OUT_LIMIT + 2):
        notify(ctx.db, f"note {minute}", datetime(2026, 11, 25, 8, minute))
    result = check(ctx)
    assert result.reply.startswith(f"You have {READ_OUT_LIMIT + 2} new notifications: note 0;")
    assert result.reply.endswith("2 more — ask again to hear them.")
    assert sorted(t for t, r in read_flags(ctx).items() if not r) == ["note 5", "note 6"]
    assert check(ctx).reply == "You have 2 new notifications: note 5; note 6."


def test_clear_deletes_only_read_and_undo_restores_rows(ctx):
    kept = notify(ctx.db, "Unread", datetime(2026, 11, 25, 8, 0))
    seen = notify(ctx.db, "Seen", datetime(2026, 11, 25, 7, 0), source="timers", late=True)
    mark_read(ctx.db, [seen])
    before = list_notifications(ctx.db)
    result = clear(ctx)
    assert result.reply == "Cleared 1 read notification."
    assert [n["id"] for n in list_notifications(ctx.db)] == [kept]
    undo(ctx, "clear", result)
    assert list_notifications(ctx.db) == before
    source, late = ctx.db.execute("SELECT source, late FROM notifications WHERE id = ?", [seen]).fetchone()
    assert (source, late) == ("timers", 1)


def test_clear_with_nothing_read(ctx):
    notify(ctx.db, "Unread", NOW)
    result = clear(ctx)
    assert result.undo is None and result.reply == "There are no read notifications to clear."


def test_helpers_mark_read_and_clear_read_return_counts(ctx):
    ids = [notify(ctx.db, text, NOW) for text in ("a", "b", "c")]
    assert mark_read(ctx.db, ids[:2]) == 2
    assert mark_read(ctx.db, ids[:2]) == 0
    assert clear_read(ctx.db) == 2
    assert [n["text"] for n in list_notifications(ctx.db)] == ["c"]


def test_registry_flags():
    assert EXPERT.name == "notifications" and "inbox" in EXPERT.description and "missed" in EXPERT.description
    for name in ("check", "clear"):
        spec = EXPERT.api(name)
        assert spec.speculative_safe and spec.undo and not spec.sensitive
    assert EXPERT.api("check").validate({}) == {}
