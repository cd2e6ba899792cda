"""A story told around a request: the sentence that asks, when the others only tell ("I left my glasses in
the kitchen. Turn on the lamp in the office."), and a request asked after a story whose "it" the story
named ("I do like the fan while I read, but would you switch it off at ten?")."""
from __future__ import annotations

import re
from typing import Callable, Iterable

from assistant.asides.reasons import STATEMENT
from assistant.routing.fastpath import is_answer_alone
from assistant.splitting import TEXT_VERBS, opens_as_request
from assistant.words import POLITE, SENTENCE_BREAK, is_question, quantities


def without_story(text: str) -> str:
    """The one sentence that asks for something, when the others only tell ("I left my glasses in
    the kitchen. Turn on the lamp in the office."): it names its own thing (no "it" or "them"), the
    others hold no question and no request. Else the words as they are."""
    sentences = [s for s in SENTENCE_BREAK.split(text.strip()) if s.strip(" .!?")]
    if len(sentences) == 1:
        return _last_clause_asking(text)
    if len(sentences) < 2:
        return text
    asking = [s for s in sentences if opens_as_request(s)]
    if len(asking) != 1:
        return text
    told = [s for s in sentences if s is not asking[0]]
    opening = " ".join(asking[0].split()[:4])  # "Turn it up": what the story named
    if any("?" in s or _WHERE_I_AM.search(s) or _A_VALUE_FIRST.match(quantities(s)) for s in told) \
            or re.search(r"\b(?:it|them|that|those|these|there|here)\b", opening, re.IGNORECASE) \
            or re.search(r"\b(?:her|his|their|hers|theirs|she|he|they)\b", asking[0], re.IGNORECASE):
        return text  # ("… Bump the heat in her room": whose room the story says)
    return asking[0]


# a clause that tells: a statement, someone named doing something ("Biltong is lying there panting"), or a
# remark of a word or two ("ag shame")
_TELLS = re.compile(r"^\W*(?:[a-z]+ (?:is|was|has|keeps|won't|can't)\b|(?:[a-z']+\s*){1,2}\W*$)", re.IGNORECASE)
# a told clause that names a place or the speaker's ("it's dark in the lounge, turn on the lights"): the request's
_PLACE_TOLD = re.compile(r"\b(?:in|at|on|out|upstairs|downstairs)\b(?! (?:the )?(?:night|morning|evening|day|week))",
                         re.IGNORECASE)


_CLOSING_TAGS = frozenset("hey eh ne né ja mate bru boet china please thanks".split())


def _last_clause_asking(text: str) -> str:
    """The last clause of one sentence, when it is a request naming its own thing and the clauses before it
    only tell, naming no place ("Ag shame, Biltong is panting, put the lounge fan on full"); else the words."""
    clauses = [c.strip() for c in text.split(",") if c.strip()]
    if clauses and clauses[-1].strip(" .!?").lower() in _CLOSING_TAGS:  # "…, hey."
        clauses = clauses[:-1]
    if len(clauses) < 3 or not opens_as_request(clauses[-1]):
        return text
    told = clauses[:-1]
    if re.search(r"\b(?:it|them|that|those|these|there|here)\b", clauses[-1], re.IGNORECASE) \
            or any(opens_as_request(c) or "?" in c or _PLACE_TOLD.search(c) for c in told) \
            or not all(STATEMENT.match(c) or _TELLS.match(c) for c in told):
        return text
    return clauses[-1]


# a request asked politely after a story in the same sentence ("I do like the fan while I read, but would you switch
# it off at ten?", "I was up all night with the heat, and I wonder if you might put the fan on")
ASKED_AFTER = re.compile(r"[,;]?\s+(?:but|and|so)\s+(?:i\s+(?:was\s+)?wonder(?:ing)?\s+if\s+you\s+(?:might|could|would|can)"
                         r"|(?:would|could|can|will)\s+you(?:\s+please)?|please)\s+(?=[a-z])", re.IGNORECASE)
# a thing the story names ("the aircon in the lounge"): "the" and up to three words, and where it is
_THING_WORD = r"(?!(?:on|off|going|running|open|closed|since|still|all|left|again|is|are|was|were)\b)[a-z][\w'-]*"
NAMED_THING = re.compile(rf"\b(?:the|my|our)\s+(?P<thing>{_THING_WORD}(?:\s+{_THING_WORD}){{0,2}}?)"
                         r"(?P<where>\s+(?:in|on|at|out on|up in|down in)\s+(?:the|my|our)\s+[a-z][\w'-]*(?:\s+room)?)?"
                         r"(?=\s+(?:while|when|whilst|as|because|cos|and|but|so|if|for|every|all|is|are|was|were|has|keeps"
                         r"|on|off|going|running|open|since|still|again|left|all day|all night)\b"
                         r"|'s\b|\s*[,.;]|$)", re.IGNORECASE)


# a question that only complains, before the request that mends it ("Why is the heater still off? Turn it on")
COMPLAINT = re.compile(r"^\W*(?:(?:eh|oi|hey|ugh|oh)\W+)?(?:why|how come)\b", re.IGNORECASE)
# a thing named first, then the request pointing back at it: "The misters, turn them on", "that lamp in the hall —
# switch it off"
TOPIC_FIRST = re.compile(r"^\W*(?P<thing>(?:the|my|our|that|this|those|these)\s+[a-z][\w' -]{1,40}?)\s*[,:;\u2014\u2013]+\s*"
                         r"(?P<request>\w.*)$", re.IGNORECASE | re.DOTALL)
_SAYS_SOMETHING = re.compile(r"\b(?:is|are|was|were|has|have|had|keeps?|kept|won't|can't|isn't|aren't|will|does|do|did|"
                             r"seems?|looks?|feels?|got)\b|'s\b|'re\b", re.IGNORECASE)


def request_after_topic(text: str, names: Callable[[], Iterable[str]]) -> str:
    """The request with its "it" or "them" the thing named before it ("The misters, turn them on": turn the
    misters on), when the thing holds a word of the home's names (`names`) and says nothing of itself;
    else the words."""
    found = TOPIC_FIRST.match(text.strip())
    if found is None or _SAYS_SOMETHING.search(found["thing"]) or not opens_as_request(found["request"]):
        return text
    pointer = re.search(r"\b(?:it|them|those|'em)\b", found["request"], re.IGNORECASE)
    known = {w for name in names() for w in re.findall(r"[a-z]+", name.lower())} if pointer else set()
    if pointer is None or not set(re.findall(r"[a-z]+", found["thing"].lower())) & known:
        return text
    request, thing = found["request"], found["thing"][0].lower() + found["thing"][1:]  # ("The misters": its first word)
    return f"{request[:pointer.start()]}{thing}{request[pointer.end():]}"


def request_after_story(text: str, names: Callable[[], Iterable[str]]) -> str:
    """The request asked after a story in the same sentence, its "it" the thing the story named
    (one of the home's words: `names`, read only when there is such a request); else the words."""
    text = request_after_topic(text, names)
    first, *rest = SENTENCE_BREAK.split(text.strip(), maxsplit=1)
    found = ASKED_AFTER.search(first)
    if found is not None and not opens_as_request(first[:found.start()]) and "?" not in first[:found.start()] \
            and opens_as_request(first[found.end():]):
        story, request = first[:found.start()], first[found.end():]
    elif rest and not opens_as_request(first) and (not is_question(first) or COMPLAINT.match(first)) \
            and opens_as_request(_opening_sentence(rest[0])):
        story, request = first, _opening_sentence(rest[0])  # "The kids left the spa pump going. Would you switch it off at 3?"
        if not re.search(r"\b(?:it|them)\b", request, re.IGNORECASE):
            return text
    else:
        return text
    if is_answer_alone(story):  # "yes, and please turn on the porch light": the yes answers a question
        return text
    request = _HEDGED.sub("", request)
    if set(POLITE.sub("", request.lower()).split()[:1]) & TEXT_VERBS:
        return text  # ("…, so would you remind me at a quarter to four?": the story is what to be reminded of)
    pointer = re.search(r"\b(?:it|them)\b", request, re.IGNORECASE)
    if pointer:
        known = {w for name in names() for w in re.findall(r"[a-z]+", name.lower())}
        thing = next((m for m in NAMED_THING.finditer(story) if set(m["thing"].lower().split()) & known), None)
        if thing is None:
            return text
        request = f"{request[:pointer.start()]}the {thing['thing']}{thing['where'] or ''}{request[pointer.end():]}"
    return request


# words that soften a request ("could you maybe turn on …"): no part of it
HEDGES = frozenset("maybe perhaps possibly kindly".split())
_HEDGED = re.compile(rf"^\W*(?:(?:{'|'.join(HEDGES)})\s+)+", re.IGNORECASE)


def _opening_sentence(text: str) -> str:
    """The first sentence of the words."""
    return SENTENCE_BREAK.split(text.strip(), maxsplit=1)[0]


# a sentence that opens with a value ("Set a timer. Twelve minutes, for the rice."): the request's, no story
_A_VALUE_FIRST = re.compile(r"^\W*(?:(?:i think|maybe|about|around|like|oh|um|just)\s+)*(?:\d|half\b|quarter\b|an? (?:hour|minute|"
                            r"couple|few|half)\b)", re.IGNORECASE)


# a story that says where the speaker is ("I'm in the den."): the request's place
_WHERE_I_AM = re.compile(r"\b(?:i'm|i am|we're|we are)\s+(?:(?:out|up|down|back|still|now|just|sitting|working|"
                         r"reading|lying)\s+)*(?:in|at)\b", re.IGNORECASE)



