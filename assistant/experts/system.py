"""The `system` expert: stop, undo, repeat, help, the time and the date. Served by the fast path, no model."""
from __future__ import annotations

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


EXPERT = build_expert("system", "stop, undo the last action, repeat, help, the time and the date",
                      [stop, undo, repeat, time, date, help],
                      examples=Path(__file__).with_suffix(".jsonl"))
