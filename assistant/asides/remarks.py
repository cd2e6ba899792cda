"""A remark of a word or two before a request ("fair enough, …"), a tag after it ("…, mate", "… innit")
and a word of address closing a question ("…, love?"): the request alone, unless the words say a yes or
no, a time, a place or a name of the home."""
from __future__ import annotations

import re
from typing import Callable, Iterable

from assistant.splitting import COMMAND_VERBS
from assistant.words import POLITE, is_question

# a remark of a word or two before the request, closed by a comma or a stop: "fair enough, what's the
# temperature outside", "malo. and my radio", "quick, set a timer"
REMARK = re.compile(r"^\W*(?P<remark>[a-z']+(?: [a-z']+)?)\s*[,.!;:]+\s*(?P<rest>\w.*)$", re.IGNORECASE | re.DOTALL)
# words that make the remark part of what is asked: a yes or no, a correction's lead, a time, a place,
# a joining word ("tomorrow, remind me…", "sorry, the other one", "upstairs, lights off")
_MEANT = re.compile(r"\b(?:yes|yeah|yep|ok|okay|oya|abeg|no|nope|nah|not|don't|actually|sorry|oops|wait|hold|hang|mean|meant"
                    r"|instead|now|today|tonight|tomorrow|yesterday|later|morning|afternoon|arvo|evening|night|noon"
                    r"|midnight|weekend|\w+day|am|pm|minutes?|hours?|seconds?|half|quarter|upstairs|downstairs"
                    r"|outside|inside|and|also|then|too|plus|but|or|all|everything|both|every|please)\b|\d", re.IGNORECASE)
# a request that stands on its own after the remark: a command verb, a question, or "and …"
_OPENS = re.compile(r"^(?:and|also|now|then|so|plus|can|could|would|will|please|let's|i want|i need)\b", re.IGNORECASE)
# a tag closing a request: "… eh", "…, mate", "…, is it?", "… innit", "… ting" (a slang "thing": "the list ting")
TAG = re.compile(r"(?<=\w)(?:[\s,]+(?:eh|innit|init|ting|fam|bruv|blud)|,\s*(?:is it|isn't it|mate|bro|cuz|bru|buddy"
                 r"|love|hun))\W*$", re.IGNORECASE)


# a word of address closing a question: "what day is choir, bach?", "when's tea, love?"
VOCATIVE = re.compile(r",\s*([a-z]+)\?\s*$", re.IGNORECASE)


def without_remark(text: str, names: Callable[[], Iterable[str]]) -> str:
    """The request without a tag at its end or a remark before it that asks nothing: the remark is
    a word or two before a comma or stop, with no yes or no, time, place or name of the home
    (`names`, read only when there is such a remark) in it, and what follows stands as a request."""
    text = TAG.sub("", text) or text
    called = VOCATIVE.search(text) if is_question(text) else None  # "what day is choir, bach?"
    if called and not _MEANT.search(called[1]) and not _named(called[1], names):
        text = text[:called.start()] + "?"
    found = REMARK.match(text)
    if found is None or _MEANT.search(found["remark"]) \
            or _commands(found["remark"]):  # "pause music, call starting": a request of its own
        return text
    rest = found["rest"]
    first = (POLITE.sub("", rest.lower()).split() or [""])[0]
    if not (first in COMMAND_VERBS or is_question(rest) or _OPENS.match(rest)):
        return text
    if _named(found["remark"], names):
        return text  # "kitchen, lights off": the home's own name
    return rest


def _commands(remark: str) -> bool:
    """Whether the words are a verb of command and its object ("pause music"), not a word alone ("look")."""
    words = remark.lower().split()
    return len(words) >= 2 and words[0] in COMMAND_VERBS


def _named(words: str, names: Callable[[], Iterable[str]]) -> bool:
    """Whether the home names something with these words."""
    return any(re.search(rf"\b{re.escape(words.lower())}\b", name.lower()) for name in names())

