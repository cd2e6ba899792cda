"""Lexical cues that pin the expert: phrasings whose meaning is not up to a model.

"In 20 minutes remind me to check the oven" is a reminder, whatever a 1.5B model's taste for
timers; "put milk on the shopping list" is a list. A cue turns the expert prior into certainty for
that expert; the model still writes the call (API and arguments) within it. Keep cues few,
unambiguous, and about the words of a request, never about particular test sentences.
"""
from __future__ import annotations

import re

QUESTION_WORDS = r"what|where|who|whom|whose|how|when|which|why|if|whether"
CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    # "remind me to …", "remind me at 5 …" (not "remind me what my wife's name is": memory)
    (re.compile(rf"\bremind (?:me|us)\b(?! (?:{QUESTION_WORDS})\b)(?! of what\b)", re.IGNORECASE), "reminders"),
    (re.compile(r"\bset (?:me |us )?(?:a |an )?reminder\b", re.IGNORECASE), "reminders"),
    # the home's alarm panel ("disarm the alarm", "turn off the security system"), never a timer's
    # alarm or the conversation; changing it always asks for a yes
    (re.compile(r"\b(?:dis)?arm\b|\b(?:alarm|security) (?:system|panel)\b|\bburglar alarm\b", re.IGNORECASE),
     "smart_home"),
    # "add / put X on|to the Y list"
    (re.compile(r"\b(?:add|put|stick|throw|pop)\b .+ \b(?:to|on|onto)\b (?:the |my |our )?(?:[a-z']+ ){0,2}list\b",
                re.IGNORECASE), "lists"),
)


def pinned_expert(text: str) -> str | None:
    """The expert a cue pins this request to, or None."""
    for pattern, expert in CUES:
        if pattern.search(text):
            return expert
    return None


def pin(prior: dict[str, float], text: str) -> dict[str, float]:
    """The prior with a cued expert made certain (unchanged when no cue matches)."""
    expert = pinned_expert(text)
    return {expert: 1.0} if expert else prior
