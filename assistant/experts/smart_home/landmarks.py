"""A device told by what it is beside: "the light over the dining room table" (the dining room's light), "the
lamp next to the sofa" (the Sofa Lamp), "the light above the kitchen island" (the Island Pendants).

Read from the user's words when the model's phrase finds nothing or several: the kind said before the
position word, in the room the landmark names, and among several, the one whose name holds the landmark's
word. Never a guess between several that the landmark does not tell apart.
"""
from __future__ import annotations

import re

from assistant.experts.smart_home import vocab
from assistant.experts.smart_home.resolve import Resolution, names_a_place, of_type, resolve_in
from assistant.experts.smart_home.store import Home

_POSITION = (r"over|above|by|next to|beside|near|under|underneath|below|behind|on top of|in front of|"
             r"(?:just )?(?:outside|inside)")
LANDMARK = re.compile(rf"\b(?P<kind>[a-z]+(?:\s+[a-z]+)?)\s+(?:that's\s+|that is\s+)?(?:{_POSITION})\s+"
                      r"(?:the|my|our)\s+(?P<landmark>[a-z][a-z' ]*)", re.IGNORECASE)
_MAX_LANDMARK_WORDS = 4


def by_landmark(home: Home, said: str | None, *, here: str | None, allowed: set[str] | None,
                bulk: set[str] | None) -> Resolution | None:
    """The one device the words tell by its landmark, or None."""
    found = LANDMARK.search(said or "")
    kind = _kind(found["kind"]) if found else None
    if kind is None:
        return None
    landmark = vocab.tokens(found["landmark"])[:_MAX_LANDMARK_WORDS]
    place = next((" ".join(landmark[:n]) for n in range(len(landmark), 0, -1)
                  if names_a_place(home, " ".join(landmark[:n]))), None)
    result = resolve_in(home, kind, place, None, here=here, allowed=allowed, bulk=bulk)
    if not result.problem and len(result.device_ids) == 1:
        return result
    rest = vocab.content(landmark[len(place.split()) if place else 0:])
    tw, _ = vocab.type_word(kind)
    area_ids = {a.id for a in home.areas if place and vocab.norm(a.name) == vocab.norm(place)}
    candidates = [d for d in of_type(home.devices, tw) if (allowed is None or d.domain in allowed)
                  and (not area_ids or d.area_id in area_ids)
                  and any(vocab.word_in(w, vocab.tokens(" ".join((d.name, *d.aliases)))) for w in rest)]
    return Resolution([candidates[0].id]) if len(candidates) == 1 else None


def _kind(phrase: str) -> str | None:
    """The kind of device said before the position ("the light", "reading lamp"): its last word or two."""
    words = vocab.tokens(phrase)
    for n in (2, 1):
        if len(words) >= n and vocab.type_word(" ".join(words[-n:]))[0] is not None:
            return " ".join(words[-n:])
    return None
