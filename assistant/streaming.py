"""A reply's first sentence, as soon as it is generated (issue 13): the chat model takes seconds to
write a reply, and its first sentence can be said well before the rest is written.

`FirstSentence` is fed the reply's text piece by piece and delivers its first sentence once, when
it is known to be complete: end punctuation, whitespace, and more text that does not go on in
lower case ("e.g. the", "approx. five"). A title or an initial ("Mr.", "St.", "J."), a dotted
abbreviation ("U.S.", "a.m.") or a whole number ("1. Apples") ends no sentence; the stop in "3.5"
has no whitespace after it.
Ending a sentence too late only delays it: what is delivered is always a start of the reply.
"""
from __future__ import annotations

import re
from typing import Callable

Sink = Callable[[str], None]  # takes a piece of text as soon as it is known

# words a full stop follows without ending the sentence
ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr prof rev gen capt lt sgt mt ft vs etc approx no nos fig "
                          "inc ltd co dept est vol".split())
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "e.g", "U.S", "a.m" (before their last full stop)
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+(\S))")


def first_sentence(text: str) -> str | None:
    """The first complete sentence of `text` (stripped), or None while it is not yet known."""
    text = text.lstrip()
    for end in _END.finditer(text):
        if end.group(1).islower() or _abbreviated(text[:end.start()], text[end.start()]):
            continue
        return text[:end.end()].strip()
    return None


def _abbreviated(before: str, mark: str) -> bool:
    """Whether the full stop after `before` belongs to its last word (an abbreviation, an initial,
    a number) rather than ending the sentence."""
    if mark != ".":
        return False
    word = re.split(r"[\s(\"'\u201c\u2018]", before)[-1]
    return (word.lower() in ABBREVIATIONS or bool(_DOTTED.fullmatch(word)) or word.isdigit()
            or (len(word) == 1 and word.isalpha()))


class FirstSentence:
    """Fed a reply piece by piece (`feed`, an `on_text` sink); calls `deliver(sentence)` once, as
    soon as the first sentence is complete, if `keep(sentence)` accepts it. A first sentence not
    kept means nothing is delivered early at all."""

    def __init__(self, deliver: Sink, keep: Callable[[str], bool] = lambda sentence: True) -> None:
        self.deliver, self.keep = deliver, keep
        self.text = ""
        self.settled = False  # the first sentence is known (delivered or not)
        self.delivered: str | None = None

    def feed(self, piece: str) -> None:
        if self.settled:
            return
        self.text += piece
        sentence = first_sentence(self.text)
        if sentence is None:
            return
        self.settled = True
        if self.keep(sentence):
            self.delivered = sentence
            self.deliver(sentence)


def remainder(reply: str, said: str | None) -> str | None:
    """What is left of `reply` once `said` (its start, already delivered) is out: "" when nothing
    is; None when the reply does not start with it (it is then given whole)."""
    if not said:
        return reply
    if not reply.startswith(said):
        return None
    return reply[len(said):].strip()
