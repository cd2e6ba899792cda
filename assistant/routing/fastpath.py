"""The deterministic fast path: fixed commands never reach a model.

Pure and table-driven: a whole normalised utterance either matches a pattern (→ Decision) or not
(→ None). Only utterances with no slot to fill belong here; anything with a target goes to a model.
"""
from __future__ import annotations

import re

from assistant.messages import Decision
from assistant.splitting import COMMAND_VERBS, opens_as_request
from assistant.words import SENTENCE_BREAK, command, normalise


# (pattern over the normalised utterance, expert, api)
# a yes or a no as people say it, in English and the words for it that English speakers use ("ja", "aye")
# yes and no, also as people who speak another language at home say them ("sige", "haan", "oui")
YES_WORDS = (r"(?:yes|yeah|yep|yup|ya|yah|yea|yeh|ok|okay|alright|all right|aight|ja|aye|si|sí|oui|ouais|ouaip|da"
             r"|haan|sige|opo|oo|oya|ndiyo|ndio|sawa|naam|yebo|aane|ae|evet|tak|dạ|vâng|ừ|claro|órale|orale|dale"
             r"|yessir|yes sir|yes ma'am|yes'm|ouin|wi|ben oui|mais oui|bien sûr|bien sur|d'accord|por supuesto)"
             r"(?: (?:tanpri|svp|s'il te plaît|s'il vous plaît|por favor))?")
NO_WORDS = (r"(?:no|nope|nah|naw|nee|nay|non|nan|nein|nahi|nahin|hindi|hapana|aowa|dabi|kao|hayir|nie|không|khong"
            r"|no sir|no ma'am|nel|pantoute|non merci|ben non|mais non|non non|no gracias|pa kounye a)")
# a yes in other words: go-ahead phrases of everyday English ("go 'head" as it is said), and a
# guarded yes ("i reckon so", "i guess so")
YES_PHRASES = (r"(?:go ahead|go 'head|go head|go for it|go on(?: then)?|crack on|do it|let's do (?:it|that)|sounds good"
               r"|(?:(?:oui|ouin|ouais|wi|sí|si) )?(?:vas y|allez y|fais le|adelante|hazlo|dale)"
               r"|by all means|fire away|make it so|you bet|(?:you )?betcha|you got it|sure thing|certainly|absolutely"
               r"|definitely|for sure|of course|please do|affirmative|roger(?: that)?"
               r"|(?:i )?(?:reckon|guess|think|suppose|believe) so"
               # Nigerian Pidgin ("oya, do am"); never "do am" alone: "no do am" (don't) loses its "no" as filler
               r"|(?:abeg|oya) (?:do am|carry go)|(?:abeg )?make you do am)")
# a no in other words: a guarded no ("i reckon not", "i don't think so")
NO_PHRASES = (r"(?:(?:i )?(?:reckon|guess|think|suppose) not|i don't (?:think|reckon|guess) so|i'd rather not|better not"
              r"|(?:abeg )?(?:leave am|make you no do am|forget am))")  # (Nigerian Pidgin: "abeg leave am")
# a yes or a no said as a sound ("mm-hmm", "uh-uh"), before the hesitations are dropped as filler
_SOUNDS = ((re.compile(r"(?<![\w-])(?:uh-huh|uh huh|mm-hmm|mm hmm|mhm|mhmm|mmhmm|mm-hm)(?![\w-])", re.IGNORECASE), "yes"),
           (re.compile(r"(?<![\w-])(?:uh-uh|uh uh|mm-mm|nuh-uh|nuh uh|unh-unh|uh-oh no)(?![\w-])", re.IGNORECASE), "no"))


def answer_words(text: str) -> str:
    """The words, with a yes or a no said as a sound written as the word ("mm-hmm" → "yes")."""
    for sound, word in _SOUNDS:
        text = sound.sub(word, text)
    return text


# words that are only a yes or a no ("yes please", "ok, go ahead"): an answer, never a story before a request
_ANSWER_ALONE = re.compile(rf"^\W*(?:(?:{YES_WORDS}|{NO_WORDS}|{YES_PHRASES}|{NO_PHRASES}|please|thanks)\b[\s,.!]*)+$",
                           re.IGNORECASE)


def is_answer_alone(text: str) -> bool:
    """Whether the words are only a yes or a no."""
    return bool(_ANSWER_ALONE.match(answer_words(text)))


# what may follow a yes: the question's own verb on what it asked about ("yes, open it")
THE_ASKED = r"(?: (?:open|unlock|close|lock|disarm|arm|do|clear|empty|delete|cancel|start|run|send) (?:it|that|them|am))?"
# words before a question of the clock that change nothing ("wait, what time is it", "oh and the date?")
ASIDE = (r"(?:(?:wait|hang on|hold on|hold up|oh|and|so|hey|yo|say|listen|look|actually|sorry|well|by the way|btw"
         r"|quick question|real quick|before i forget|just curious|out of curiosity|i was wondering|just wondering"
         r"|bruh|bro|dude|man|mate|cher|babe|hun|honey|sis|mama|papa) )*")
# words after a question of the clock that change nothing ("what time is it anyway")
AFTER = r"(?: (?:anyway|anyways|again|by the way|btw|then|exactly|right now|now))*"
PATTERNS: list[tuple[str, str, str]] = [
    (r"(?:(?:oh |ah |ach |och )?(?:never ?mind|no|nah|actually) )?"  # "never mind, forget it": the stop said twice
     r"(?:stop|cancel|never ?mind|forget it|forget about it|quiet|be quiet|shut up|shush|silence|nothing|abort|enough|that's all|that is all|that'll be all)( it| that| then)?",
     "system", "stop"),
    (r"(?:(?:actually|wait|sorry|oops|whoops|hmm|on second thoughts?|never ?mind) )*"  # a lead before the undo
     r"(?:(?:undo|revert|reverse|scratch|scrap|take back|roll back)(?: that| it| this| what you (?:just )?did)?"
     r"|(?:(?:scrap|scratch) that )?(?:don't|do not) (?:do (?:that|it)|bother|(?:turn|switch|put) (?:it|that|them) "
     r"(?:on|off))(?: after all| then)?"
     r"|(?:undo|revert|reverse|roll back|forget|cancel) (?:my|your|the) last (?:one|thing|command|request|action|change)"
     r"(?: (?:i|you) (?:just )?(?:said|asked(?: for| you to do)?|did|made|told you))?"
     r"|take (?:that|it) back|put it back(?: the way it was)?|change it back"
     # "would you put them back the way they were", "set everything back how it was"
     r"|(?:(?:would|could|can|will) you (?:please )?)?(?:put|set|change|turn|make) (?:it|them|that|those|everything|things"
     r"|it all) back (?:to )?(?:the way|how|as) (?:it|they|things|everything) (?:was|were)(?: before)?)",
     "system", "undo"),
    (rf"{ASIDE}(?:what(?:'s|s| is) the time|what time is it(?: now)?|what time (?:it is|you got|have you got|do you have)"
     r"(?: now)?|tell me the time|time|what's the time now|do you have the time"
     rf"|(?:and |what about |how about )+(?:the )?time(?: now)?){AFTER}",
     "system", "time"),
    (rf"{ASIDE}(?:what(?:'s|s| is) (?:the date|today's date|the date today|today)|what day is (?:it|today)(?: today)?|which day is it(?: today)?|date|what's the day today"
     r"|tell me (?:the date|today's date|what day it is)(?: today)?"
     rf"|(?:and |what about |how about )+(?:the |today's )?(?:date|day)(?: today)?){AFTER}",
     "system", "date"),
    (r"(?:help|what can you do|what can i say|how do i use you|what are your commands)", "system", "help"),
    # a reminder asked for with nothing to remind of yet ("remind me", "remind me about something"): asked what
    (r"(?:(?:can|could|would|will) you )?remind me"
     r"(?: (?:about|abt|of|to do) (?:something|smth|sth|stuff|a thing|something later))?(?: later)?", "reminders", "create"),
    (r"(?:(?:sorry|pardon|what|huh|excuse me) )*(?:(?:can|could|would) you )?(?:say (?:that|it) again|repeat (?:that|it|yourself"
     r"|what you (?:just )?said)|(?:what did you|what was that you) (?:just )?say|come again|pardon(?: me)?|i didn't (?:catch|hear) "
     r"(?:that|you|it|what you said))(?: please)?", "system", "repeat"),
    (rf"(?:(?:i (?:say|said) )?{YES_WORDS}{THE_ASKED}|{YES_PHRASES}|yes do it|confirm|confirmed|i'm sure|i am sure|sure|ok do it|yes i'm sure"
     r"|yes i am sure)", "confirmation", "confirm"),
    (rf"(?:(?:i (?:say|said) )?{NO_WORDS}|{NO_PHRASES}|don't|do not|no thanks|don't do it)", "confirmation", "deny"),
]
COMPILED = [(re.compile(rf"^{p}$"), expert, api) for p, expert, api in PATTERNS]
CONFIRMATION = "confirmation"  # answers to a pending confirmation question, handled by the pipeline


# a closing word that changes no stop or undo ("never mind, sorry", "don't do it again"; never "do it again")
_CLOSING = re.compile(r"(?:,?\s+(?:sorry|thanks|thank you|please|again|my bad))+\W*$")
_CLOSABLE = {"system.stop", "system.undo"}


def match(text: str) -> Decision | None:
    normalised = normalise(answer_words(text))
    closed = _CLOSING.sub("", normalised)
    for pattern, expert, api in COMPILED:
        if pattern.match(normalised) or (closed != normalised and f"{expert}.{api}" in _CLOSABLE
                                         and pattern.match(closed)):
            source = "confirmation" if expert == CONFIRMATION else "fastpath"
            return Decision(expert=expert, api=api, source=source)
    addressed = ADDRESSED.sub("", normalised)  # "what day is it mate"
    clock = _clock_api(addressed) if addressed != normalised else None
    if clock:
        return Decision(expert="system", api=clock, source="fastpath")
    return _clock_question_alone(text)


CLOCK_APIS = ("time", "date")


def _holds_a_verb(sentence: str) -> bool:
    return bool(set(command(sentence).split()) & COMMAND_VERBS)



# a word of address closing the question ("what day is it mate", "what's the time love")
ADDRESSED = re.compile(r",?\s+(?:mate|love|luv|dear|darling|hun|hon|bro|bru|buddy|pal|cuz|sweetie|babe|boss|chief|sis|fam)\W*$")


def _clock_question_alone(text: str) -> Decision | None:
    """A question of the clock said as the last sentence, after ones that ask nothing ("Oh, hi there.
    Um, could you tell me the time?"), or as the first, before ones that only tell ("What's the date?
    I've lost track."): the other sentences hold no question and no request."""
    sentences = [s for s in SENTENCE_BREAK.split(text.strip()) if s.strip(" .!?")] or [""]
    first, _, told = sentences[0].partition(",")  # "what day is it mate, the holidays have scrambled me"
    # (the question, the words that may hold no verb at all, those that may only not open with one)
    candidates = [(sentences[-1], sentences[:-1], []), (sentences[0], [], sentences[1:]),
                  (first, [told, *sentences[1:]] if told.strip() else [], []),
                  # ("Molo. Would you tell me the date? At my age the days run together.")
                  *((sentences[i], sentences[:i], sentences[i + 1:]) for i in range(1, len(sentences) - 1))]
    for asked, before, after in candidates:
        if not before and not after or any("?" in s for s in (*before, *after)) \
                or any(_holds_a_verb(s) for s in before) or any(opens_as_request(s) for s in after):
            continue  # ("Turn off the lights. What time is it?": two requests)
        words = re.sub(r"^(?:(?:can|could|would|will) you (?:please |kindly )?)", "", normalise(asked))
        found = _clock_api(ADDRESSED.sub("", words))
        if found:
            return Decision(expert="system", api=found, source="fastpath")
    return None


def _clock_api(words: str) -> str | None:
    """The clock's API ("time", "date") whose fast-path pattern the (normalised) words match, or None."""
    return next((api for pattern, _, api in COMPILED if api in CLOCK_APIS and pattern.match(words)), None)
