"""Courtesy around a request ("be a dear and …", "would you mind turning …", "… that would be great"), a
state asked for by its opposite or not wanted ("make it not dark", "I don't want the fan on"), an
intensifier before a name ("the bloody telly"): the request said plainly."""
from __future__ import annotations

import re

from assistant.asides.particles import WANTED, turned, without_particles
from assistant.splitting import COMMAND_VERBS

_ASKING = r"(?:(?:could|would|can|will|won't) you(?: please)? |please )?"
# "be a love and", "be an absolute star and", "be so kind as to", "do me a favour and"
_WRAPPER = (r"(?:be (?:a|an|my) (?:\w+ )?\w+,? and |be so kind (?:as to|and) |do me a (?:favou?r|solid),? and "
            r"|if you (?:could|would|can|don't mind),? "
            r"|(?:sorry|so sorry|i'm sorry) to (?:bother|trouble|disturb|interrupt) you(?: again)?,? (?:but |and )?"
            r"|excuse me,? |pardon me,? "
            # "when you get a chance, …", "if it's not too much trouble, …", "i'd appreciate it if you could …"
            r"|(?:when(?:ever)?|if) you (?:get|have) a (?:chance|sec|second|minute|moment|mo),? "
            r"|if it(?:'s| is) not too much (?:trouble|bother),? |if it isn't too much (?:trouble|bother),? "
            r"|(?:i'd|i would|we'd|we would) (?:really |so |very much |greatly |truly )?(?:appreciate it|be (?:so |really |very )?"
            r"grateful|love it) if you (?:could|would|can)(?: please)? )")
LEADING = re.compile(rf"^(?P<lead>\W*(?:(?:hey|ok|okay|oh|so|right)\W+)*){_ASKING}(?:{_WRAPPER})+", re.IGNORECASE)
# "would you mind turning the fan on": the verb is said as "-ing"
MIND = re.compile(rf"^(?P<lead>\W*(?:(?:hey|ok|okay|oh|so|right)\W+)*)(?:would|do|will) you mind (?:just )?"
                  r"(?P<verb>[a-z]+ing)\b", re.IGNORECASE)
TRAILING = re.compile(r"[\s,]+(?:(?:that|it|this) (?:would|will|'d|'ll) be |that'd be |that'll be )"
                      r"(?:\w+ )?(?:great|lovely|grand|brilliant|ace|awesome|perfect|good|nice|amazing|ideal|"
                      r"helpful|fab|fantastic|super)\W*$"
                      r"|[\s,]+if you (?:don't|do not) mind\W*$|[\s,]+if you (?:could|would|can)\W*$"
                      r"|,\s*(?:would|will|could|can) you(?: please)?\W*$"
                      r"|[\s,]+when(?:ever)? you (?:get|have) a (?:chance|sec|second|minute|moment)\W*$",
                      re.IGNORECASE)


# a swear word or an intensifier before a thing's name ("turn off the bloody telly"): no word of the name
INTENSIFIER = re.compile(r"\b(the|my|that|this|those|these|our|your|his|her)\s+(?:bloody|damn|damned|darn|darned|dang|freaking|"
                         r"frigging|friggin|flipping|flippin|flaming|blooming|bleeding|blinking|effing|fucking|stupid|silly|"
                         r"blasted|wretched|goddamn|goddamned)\s+(?=[a-z])", re.IGNORECASE)


# a state asked for by its opposite negated ("make it not dark", "get it not so hot"): the change it means
NOT_STATE = re.compile(r"\b(make|get|have|keep)\s+(it|things|everything|in here|(?:the|my|our)\s+[\w']+(?:\s+[\w']+)?)\s+not\s+"
                       r"(?:so\s+|too\s+|as\s+|that\s+|this\s+)?(dark|dim|bright|hot|warm|cold|chilly|loud|noisy|quiet|stuffy)\b",
                       re.IGNORECASE)
OPPOSITE = {"dark": "brighter", "dim": "brighter", "bright": "dimmer", "hot": "cooler", "warm": "cooler", "cold": "warmer",
            "chilly": "warmer", "loud": "quieter", "noisy": "quieter", "quiet": "louder", "stuffy": "cooler"}
# a feeling said the Australian way, "hot as" (so hot), at the end of its clause
AS_AS_CAN_BE = re.compile(r"\b(hot|cold|dark|bright|loud|noisy|stuffy|freezing|boiling|muggy|humid|sticky)\s+as(?=\s*(?:[,.!?;]|$))",
                          re.IGNORECASE)


# a state not wanted ("don't want the speaker in the kitchen on", "the blinds shouldn't be open", "I'd rather the telly
# wasn't on"): the change that ends it
UNWANTED = re.compile(r"^(?P<lead>\W*)(?:(?:(?:i|we)\s+)?(?:don'?t|do not|dont)\s+want\s+(?P<t1>(?:the|my|our)\s+[\w' ]+?)\s+"
                      r"(?:to be\s+)?(?P<s1>on|open)"
                      r"|(?P<t2>(?:the|my|our)\s+[\w' ]+?)\s+(?:shouldn'?t|should not|mustn'?t|must not)\s+be\s+(?P<s2>on|open)"
                      r"|(?:i'?d|i would|we'?d)\s+rather\s+(?P<t3>(?:the|my|our)\s+[\w' ]+?)\s+(?:wasn'?t|weren'?t|was not|"
                      r"were not|isn'?t|is not)\s+(?P<s3>on|open))"
                      r"(?=\s*(?:[,.!?;]|$)|\s+(?:while|when|because|cos|please|now|tonight|anymore|any more|so|if)\b)", re.IGNORECASE)
ENDING = {"on": "turn off", "open": "close"}


def _ended(found: re.Match) -> str:
    target = found["t1"] or found["t2"] or found["t3"]
    state = (found["s1"] or found["s2"] or found["s3"]).lower()
    return f"{found['lead']}{ENDING[state]} {target}"


def without_courtesy(text: str) -> str:
    """The request without courtesy around it; the words as they were if nothing is left."""
    text = UNWANTED.sub(_ended, text, count=1)
    text = INTENSIFIER.sub(r"\1 ", without_particles(text))
    text = AS_AS_CAN_BE.sub(r"so \1", NOT_STATE.sub(lambda m: f"{m[1]} {m[2]} {OPPOSITE[m[3].lower()]}", text))
    found = MIND.match(text)
    verb = _base_form(found["verb"]) if found else None
    if found and verb:
        text = f"{found['lead']}{verb}{text[found.end():]}"
    else:
        text = WANTED.sub(turned, LEADING.sub(lambda m: m["lead"], text, count=1), count=1)
    stripped = TRAILING.sub("", text)
    return stripped if stripped.strip() else text


def _base_form(gerund: str) -> str | None:
    """"turning" → "turn", "closing" → "close", "putting" → "put": a command verb, else None."""
    stem = gerund.lower()[:-3]
    for base in (stem, stem + "e", stem[:-1]):
        if base in COMMAND_VERBS:
            return base
    return None
