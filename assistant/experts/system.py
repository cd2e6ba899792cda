"""The `system` expert: stop, undo, repeat, help, the time and the date. Served by the fast path, no model."""
from __future__ import annotations

import re
from pathlib import Path

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import api, build_expert


@api(speculative_safe=True)
def stop(ctx: ExpertContext) -> ActionResult:
    """Stop, cancel or never mind the current interaction."""
    return ActionResult(reply="OK.")


@api()
def undo(ctx: ExpertContext) -> ActionResult:
    """Undo the last thing the assistant did ("undo that", "revert what you just did")."""
    undone = ctx.undo_last() if ctx.undo_last else None
    if undone is None:
        return ActionResult(reply="There's nothing recent for me to undo.", ok=False)
    return ActionResult(reply=f"OK, I've undone that ({undone.rstrip('.')}).")


@api(speculative_safe=True)
def repeat(ctx: ExpertContext) -> ActionResult:
    """Say the last reply again."""
    said = ctx.last_reply() if ctx.last_reply else None
    if not said:
        return ActionResult(reply="I haven't said anything yet.", ok=False)
    return ActionResult(reply=said)


@api(speculative_safe=True)
def time(ctx: ExpertContext) -> ActionResult:
    """Tell the current time."""
    now = ctx.clock.now()
    return ActionResult(reply=f"It's {now.strftime('%I:%M %p').lstrip('0')}.", data={"now": now.isoformat()})


@api(speculative_safe=True)
def date(ctx: ExpertContext) -> ActionResult:
    """Tell today's date."""
    now = ctx.clock.now()
    return ActionResult(reply=f"Today is {now.strftime('%A, %B')} {now.day}, {now.year}.",
                        data={"date": now.date().isoformat()})


@api(speculative_safe=True)
def help(ctx: ExpertContext) -> ActionResult:  # noqa: A001 - the API is called "help"
    """Explain what the assistant can do."""
    return ActionResult(reply=f"I can help with {ctx.capabilities}. Try: \"turn on the kitchen lights\" "
                              "or \"remind me at 5pm to call mom\".")


# what a question for today's time or date is made of; any other word asks about something else
CLOCK_WORDS = frozenset("what what's whats which is it its it's the a today today's todays date day time year month "
                        "week now current currently right tell me please again of this exactly o'clock clock are we in on how late "
                        "do you have know".split())


def foreign(db, api_name: str, args: dict, said: str, here: str | None = None) -> bool:
    """Whether a question sent to the clock asks about something else ("what year did Jamaica get
    independence"): then it is not the clock's."""
    if api_name not in ("time", "date") or not said:
        return False
    return any(word not in CLOCK_WORDS for word in re.findall(r"[a-z']+", said.lower()))


EXPERT = build_expert("system", "stop, undo the last action, repeat, help, the time and the date",
                      [stop, undo, repeat, time, date, help], foreign=foreign,
                      examples=Path(__file__).with_suffix(".jsonl"))
