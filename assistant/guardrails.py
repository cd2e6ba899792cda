"""Guardrails on the way in (is this input usable and safe?) and out (may this action run now?)."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Callable, Iterable

import sqlite_utils
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from assistant import slots
from assistant.messages import Utterance
from assistant.registry import ApiSpec, Registry
from assistant.words import FUNCTION_WORDS, NUMBER, digits, is_question, numbers, tokens

MAX_CHARS = 500


def clean_input(text: str) -> str:
    """Drop control characters and collapse whitespace."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()


# a number, a time or a sum on its own ("22", "0630", "7:45", "12+30") is an answer or a question, not noise
NUMERIC = re.compile(r"\s*[\d.,:%°+\-*/x ]*\d[\d.,:%°+\-*/x ]*(?:am|pm|c|f)?\s*[?.!]?\s*", re.IGNORECASE)


def input_problem(text: str) -> str | None:
    """A reason to refuse the input before any routing, or None."""
    if not text:
        return "I didn't catch anything. What would you like me to do?"
    if len(text) > MAX_CHARS:
        return f"That's too long for me ({len(text)} characters); please say it in under {MAX_CHARS}."
    letters = sum(ch.isalpha() for ch in text)
    if letters < 2 and not NUMERIC.fullmatch(text) or letters < len(text) * 0.3 and not _words_and_numbers(text):
        return "Sorry, I couldn't make sense of that."
    return None


def _words_and_numbers(text: str) -> bool:
    """Whether the text is words and a number, a time or a sum ("no, 7:15", "make it 20%")."""
    rest = re.sub(r"[a-z']{2,}", " ", text, flags=re.IGNORECASE).strip(" ,.!?;:-")
    return not rest or bool(NUMERIC.fullmatch(rest))


INJECTION = re.compile("|".join([
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,30}\b(instructions?|rules|polic(y|ies)|prompt|everything|safety|guardrails?|confirmations?)\b",
    r"\b(developer|debug|admin|god|root|dan|jailbreak|unrestricted) mode\b", r"\byou are (now|dan)\b",
    r"^\s*(system|assistant|admin|developer)\s*:", r"\bsystem (override|prompt)\b", r"\[\[.*\]\]", r"#{2,}",
    r"\bnew instructions\b", r"\b(pretend|act as|simulate)\b.{0,40}\b(assistant|mode|user|rules|approved)\b",
    r"\b(without|skip(ping)?|no) (asking|confirm\w*|questions)\b", r"\bconfirm\w* (is |are )?(disabled|off|not needed|no longer)",
    r"\b(already |pre-?)(confirmed|approved|authori[sz]ed)\b", r"\b(you have been|you've been) (updated|reprogrammed)\b",
    r"\b(i )?authori[sz]e you\b", r'"api"\s*:', r"\bassistant reply\b",
    r'^\s*[\[{]+\s*["\']?\w+["\']?\s*:',  # a request written as a data object: {"role": "developer", "action": …}
]), re.IGNORECASE)
UNSAFE = re.compile("|".join([
    r"\b(bomb|explosive|weapon)s?\b", r"\bbreak into\b", r"\bpick the lock\b", r"\bspy on\b",
    r"\bneighbou?r'?s?\b.{0,30}\b(wifi|alarm|door|code|lock|password|camera)", r"\block (the kids|my \w+|\w+) (in|out)\b",
    # a setting beyond what is safe to heat to ("the heater to 90 degrees"), not a reading or a conversion
    # ("it's 95 degrees out", "95 degrees fahrenheit in celsius"): a Fahrenheit home's range is its thermostat's
    r"\b(?:to|at|on) (9\d|[1-9]\d\d) degrees\b(?! ?(?:fahrenheit|f)\b)", r"\bblanket over\b", r"\bself destruct\b",
    # finding or following a person who has not asked to be found
    r"\b(find|track|locate|trace|follow)\b.{0,30}\bmy ex\b", r"\bwhere my ex\b",
    r"\b(track|follow|monitor)\b.{0,20}\b(someone|somebody|him|her|them)'?s? (location|phone|movements)\b",
]), re.IGNORECASE)
# what lies beyond the user's own home: the street's power, the neighbourhood's lights
BEYOND_HOME = re.compile(r"\b(?:whole|entire|everyone on the|everybody on the) (?:street|road|block|neighbou?rhood|town|city|estate|village|"
                         r"district|parish|country)(?:'s)?\b(?!.{0,20}\b(?:lights?|camera)\b\s+(?:in|at|on) my\b)",
                         re.IGNORECASE)
_SWITCHING = re.compile(r"\b(?:switch|turn|cut|shut|kill|put|unlock|lock|open|close|dim|control|disable)\b",
                        re.IGNORECASE)
CONTENT_REQUEST = re.compile(r"^\s*(add|put|write|remind me|create a reminder)\b.*\b(list|remind|reminder)\b|^\s*remind me\b",
                             re.IGNORECASE)


def refusal(text: str, names: Callable[[], Iterable[str]] = tuple) -> str | None:
    """A reason to refuse before routing: an attempt to rewrite the assistant's rules, or a request
    to help harm someone. Quoted content for a list or a reminder is content, not an instruction;
    a name of the home (`names`: "the bomb shelter light") is no harm."""
    if CONTENT_REQUEST.search(text):
        return None
    if INJECTION.search(text):
        return "I can't change how I work or skip my safety checks. I can still help with your home."
    if any(not _a_home_name(text, found, names) for found in UNSAFE.finditer(text)):
        return "Sorry, I can't help with that. It isn't safe."
    clause = re.split(r"[,;]| because | cos ", text, maxsplit=1)[0]  # not an aside ("…, the whole street can see in")
    if _SWITCHING.search(clause) and BEYOND_HOME.search(clause) and not is_question(clause):
        return "Sorry, I can only work the devices in your own home."
    return None


def _a_home_name(text: str, found: re.Match, names: Callable[[], Iterable[str]]) -> bool:
    """Whether the unsafe-sounding words are a name of the home, said in full (each word of the name, or its
    start as a misheard word is: "the bomb shelta light" for the Bomb Shelter)."""
    said = re.findall(r"[a-z0-9']+", text.lower())
    at = len(re.findall(r"[a-z0-9']+", text[:found.start()].lower()))
    for name in names():
        words = re.findall(r"[a-z0-9']+", name.lower())
        for start in range(max(0, at - len(words) + 1), at + 1):
            window = said[start:start + len(words)]
            if len(words) > 1 and len(window) == len(words) and all(
                    w == s or len(w) > 4 and s[:4] == w[:4] for w, s in zip(words, window)):
                return True
    return False


def confirmation_question(registry: Registry, spec: ApiSpec, args: dict, db: sqlite_utils.Database,
                          utterance: Utterance | None = None) -> str | None:
    """Why this action needs an explicit "yes" first (sensitive API or expert policy), or None.
    The policy sees the utterance, its area and source, as the API will: the same targets either way."""
    expert = registry.expert(spec.expert)
    reason = None
    if expert.confirmation_policy:
        here, said = (utterance.area, utterance.text) if utterance else (None, None)
        reason = expert.confirmation_policy(db, spec.name, args, here=here, said=said,
                                            source=utterance.source if utterance else "text")
    if reason is None and spec.sensitive:
        reason = f"{spec.description.rstrip('.').lower()}"
    if reason is None:
        return None
    if reason.endswith("."):  # a sentence of the expert's ("This would unlock Front Door.")
        return f"{reason} Are you sure? Say yes to confirm or no to cancel."
    return f"Just to be sure: {reason}? Say yes to confirm or no to cancel."


def _same_stem(a: str, b: str) -> bool:
    """The same word, loosely: equal, sharing their first four letters (both at least four long), or
    forms of one word a model writes for another ("came" for "come", "someone" for "anyone")."""
    return a == b or (len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]) \
        or _FORMS.get(a, a) == _FORMS.get(b, b) or _slip_of(a, b)


def _slip_of(a: str, b: str) -> bool:
    """Whether one word is the other typed with one slip ("organge", "yelow"): both of five letters
    or more, the same first letter, one letter added, left out, changed or two swapped."""
    return len(a) >= 5 and len(b) >= 5 and a[0] == b[0] and OSA.distance(a, b) <= 1


# irregular forms of common verbs, and the someone/anyone pronouns, to one form each
_FORMS = {form: base for base, forms in {
    "come": "came comes coming", "go": "went gone goes going", "see": "saw seen sees seeing",
    "leave": "left leaves leaving", "get": "got gotten gets getting", "take": "took taken takes taking",
    "give": "gave given gives giving", "eat": "ate eaten eats eating", "feed": "fed feeds feeding",
    "run": "ran runs running", "put": "puts putting", "let": "lets letting", "ring": "rang rung rings ringing",
    "open": "opened opens opening", "shut": "shuts shutting", "bring": "brought brings bringing",
    "someone": "anyone somebody anybody", "something": "anything", "somewhere": "anywhere"}.items()
    for form in (base, *forms.split())}


def _grounded(phrase: str, said: set[str], text: str = "") -> bool:
    """Do most content words of `phrase` occur in what the user said (loosely: shared stems)? A
    phrase that is the user's words spaced or joined differently ("to do" for "todo", "wifi" for
    "wi-fi") is theirs too."""
    if _same_letters(phrase, text):
        return True
    words = [w for w in tokens(phrase) if w not in FUNCTION_WORDS]
    if not words:
        return True
    hits = sum(any(_same_stem(w, s) for s in said) for w in words)
    return hits * 2 > len(words)


def _same_letters(phrase: str, text: str, shortest: int = 4) -> bool:
    """Whether the phrase, without spaces or hyphens, is a run of the text's words without them."""
    compact = re.sub(r"[^a-z0-9]", "", phrase.lower())
    words = re.findall(r"[a-z0-9]+", text.lower())
    if len(compact) < shortest:
        return False
    for start in range(len(words)):
        run = ""
        for word in words[start:]:
            run += word
            if run == compact:
                return True
            if not compact.startswith(run):
                break
    return False


def in_users_words(spec: ApiSpec, args: dict, text: str, now: datetime | None = None) -> dict:
    """The arguments in the user's words: a verbatim argument (`ApiSpec.verbatim`) the model
    reworded beyond the utterance becomes the utterance itself; a time or duration slot the model
    reformatted or cut short becomes the user's phrase (assistant/slots.py)."""
    said = tokens(text)
    out = {}
    for name, value in args.items():
        if name in spec.verbatim and isinstance(value, str) and not _grounded(value, said, text):
            value = text
        elif name in spec.slots and now is not None and isinstance(value, str):
            value = slots.users_value(spec.slots[name].kind, value, text, now)
        out[name] = value
    for name in spec.required:  # a duration the user said and the model left out ("three quarters of an hour")
        slot = spec.slots.get(name)
        if name not in out and slot is not None and slot.kind == "duration":
            phrase = slots.said_phrase("duration", text)
            if phrase is not None and now is not None and slots.meaning("duration", phrase, now):
                out[name] = phrase
    return out


def without_made_up(spec: ApiSpec, args: dict, text: str, inferred: tuple[str, ...] = ()) -> dict:
    """The arguments without an optional text the user never said (a timer name nobody gave);
    `inferred` arguments (a device type read from "it's dark in here") are the model's to infer."""
    required = spec.required
    said = tokens(text)
    timed = tokens(" ".join(filter(None, (slots.said_phrase(kind, text) for kind in ("duration", "when")))))
    return {name: value for name, value in args.items()
            if name in required or name in inferred or name in spec.verbatim
            or not isinstance(value, str) or _grounded(value, said, text) and not _only_time(value, timed)}


def _only_time(value: str, timed: set[str]) -> bool:
    """Whether a text's words all come from the user's time or duration phrase (a timer "named"
    "quarter hour" for "three quarters of an hour"): it is that value, not a name."""
    words = [w for w in tokens(value) if w not in FUNCTION_WORDS and w not in ("timer", "alarm", "reminder")]
    return bool(words) and bool(timed) and all(any(_same_stem(w, t) for t in timed) for w in words)


def said_in(phrase: str, said: set[str]) -> bool:
    """Whether any content word of the phrase is one the user said (loosely: shared stems)."""
    return any(_same_stem(w, s) for w in tokens(phrase) if w not in FUNCTION_WORDS for s in said)


def ungrounded_arguments(spec: ApiSpec, args: dict, text: str, now: datetime | None = None) -> list[str]:
    """Required phrase arguments the model did not take from the utterance (it made them up:
    "order a pizza" → timers.start(duration="15 minutes")). Such a call is not what was asked.
    A time or duration slot is the user's when it means what the user's phrase means."""
    said = tokens(text)
    properties = spec.properties
    bad = []
    for name in spec.required:
        if "enum" in properties.get(name, {}) or "$ref" in properties.get(name, {}):
            continue  # a choice from a fixed set, not a phrase from the utterance
        value = args.get(name)
        if value is None:
            bad.append(name)
            continue
        slot = spec.slots.get(name)
        if slot is not None and now is not None and isinstance(value, str) \
                and slots.grounded(slot.kind, value, text, now):
            continue
        phrases = value if isinstance(value, list) else [value]
        if any(isinstance(p, str) and not _grounded(p, said, text) for p in phrases):
            bad.append(name)
        elif name in spec.exact and isinstance(value, str) and not _all_said(value, said, text):
            bad.append(name)
    return bad


def _all_said(phrase: str, said: set[str], text: str) -> bool:
    """Whether every content word of the phrase is one the user said (loosely: shared stems, or
    spelled nearly alike: "kept" for "keep"); "your" for "my" and the like are function words."""
    return _same_letters(phrase, text) or all(any(_same_stem(w, s) or fuzz.ratio(w, s) >= 75 for s in said)
                                              for w in tokens(phrase)
                                              if w not in FUNCTION_WORDS and w not in _PERSON_WORDS)


_PERSON_WORDS = frozenset("your yours you're we our ours us i'm i've mine their they he she his her him was are".split())


def leaves_out_numbers(args: dict, text: str) -> bool:
    """Whether the user said a number and no value of the call holds it ("and set it to 40
    percent" written as the colour of the call before)."""
    said = set(numbers(text))
    if not said:
        return False
    values = [v for value in args.values() for v in (value if isinstance(value, list) else [value])]
    held = {abs(float(v)) for v in values if _is_number(v)}  # -30 for "down by 30" holds the 30
    held |= {float(n) for v in values if isinstance(v, str) for n in NUMBER.findall(digits(v))}
    return not said & held


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# a number said as an amount of change ("dim it by 30", "another 5"), or as the level to reach ("to 30")
SAID_AS_CHANGE = re.compile(r"\b(?:by|another|a further) (\d+(?:\.\d+)?)")
SAID_AS_LEVEL = re.compile(r"\b(?:to|at) (\d+(?:\.\d+)?)\b(?! ?(?:am|pm|o ?clock|:\d))")
CHANGE_ARGUMENTS = ("delta",)  # the arguments that hold an amount of change, not a level


def unsaid_choice(spec: ApiSpec, args: dict, text: str) -> bool:
    """Whether the call holds a choice (`ApiSpec.said_by`) none of whose words the user said:
    "turn up the tv" read as resuming what it plays."""
    said = tokens(text)
    for name, words_by_value in spec.said_by.items():
        words = words_by_value.get(str(args.get(name)), "").split()
        if name in args and words and not any(_same_stem(w, s) for w in words for s in said):
            return True
    return False


PLACE_ARGUMENT = "area"
PHRASE_ARGUMENTS = ("device", "device_type")  # where a call may name a place in other words
POINTERS = frozenset("there here that this one ones".split())  # no place of their own ("my scooter is in there")


def leaves_out_place(call_args: dict, proposal_args: dict, text: str) -> bool:
    """Whether the call drops the place the proposal read from the user's words and names the
    thing in no more words than the proposal: "the lights in the wreck room" called as every light
    (not a device the model found by its own name there, "Desk Lamp" for "the lamp in the office")."""
    place = proposal_args.get(PLACE_ARGUMENT)
    said = set(tokens(text))
    place_words = [w for w in tokens(place) if w not in FUNCTION_WORDS | POINTERS] if isinstance(place, str) else []
    if not place_words or not set(place_words) <= said or call_args.get(PLACE_ARGUMENT):
        return False
    def words(args: dict) -> set[str]:  # (plurals as their singular: "lights", device_type "light")
        return {w.removesuffix("s") for k in PHRASE_ARGUMENTS if isinstance(args.get(k), str)
                for w in tokens(args[k]) if w not in FUNCTION_WORDS}
    phrase = words(call_args)
    return not phrase & {w.removesuffix("s") for w in place_words} and phrase <= words(proposal_args) | {"all", "every"}


def misreads_numbers(args: dict, text: str) -> bool:
    """Whether the call's numbers are not the user's: it leaves out a number said, holds one said
    as a change as a level ("dim it by 30" as brightness 30) or the reverse ("to 30" as a delta),
    or holds a level of its own when the user gave none, in numbers or words ("turn the speaker
    up" as volume 100; a change by the level's usual step is not a level)."""
    if leaves_out_numbers(args, text):
        return True
    said = digits(text)
    changes = {float(n) for n in SAID_AS_CHANGE.findall(said)}
    levels = {float(n) for n in SAID_AS_LEVEL.findall(said)}
    unsaid = not numbers(text) and not LEVEL_WORDS.search(said)
    for key, value in args.items():
        if not _is_number(value):
            continue
        number, is_change = abs(float(value)), key in CHANGE_ARGUMENTS
        if number in changes - levels and not is_change or number in levels - changes and is_change:
            return True
        if unsaid and not is_change:
            return True
    return False


# levels said in words ("half", "all the way up"): a number the call holds may mean them
LEVEL_WORDS = re.compile(r"\b(?:half|halfway|quarter|third|full|fully|max|maximum|min|minimum|all the way|lowest|"
                         r"highest|top|bottom|double|twice|zero|none|dozen|couple|few|several)\b")
