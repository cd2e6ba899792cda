"""The deterministic fast path: fixed commands never reach a model.

Pure and table-driven: a whole normalised utterance either matches a pattern (→ Decision) or not
(→ None). Only utterances with no slot to fill belong here; anything with a target goes to a model.
"""
from __future__ import annotations

import re

from assistant.messages import Decision
from assistant.words import normalise


# (pattern over the normalised utterance, expert, api)
# a yes or a no as people say it, in English and the words for it that English speakers use ("ja", "aye")
# yes and no, also as people who speak another language at home say them ("sige", "haan", "oui")
YES_WORDS = (r"(?:yes|yeah|yep|yup|ya|yah|yea|ok|okay|alright|all right|ja|aye|si|sí|oui|da|haan|sige|opo|oo"
             r"|ndiyo|ndio|sawa|naam|yebo|aane|ae|evet|tak)")
NO_WORDS = r"(?:no|nope|nah|nee|nay|non|nein|nahi|nahin|hindi|hapana|aowa|dabi|kao|hayir|nie)"
# a yes in other words: go-ahead phrases of everyday English
YES_PHRASES = (r"(?:go ahead|go for it|go on(?: then)?|crack on|do it|let's do (?:it|that)|sounds good|by all means"
               r"|fire away|make it so|you bet|sure thing|certainly)")
# what may follow a yes: the question's own verb on what it asked about ("yes, open it")
THE_ASKED = r"(?: (?:open|unlock|close|lock|disarm|arm|do|clear|empty|delete|cancel|start|run|send) (?:it|that|them))?"
PATTERNS: list[tuple[str, str, str]] = [
    (r"(?:stop|cancel|never ?mind|forget it|forget about it|quiet|be quiet|shut up|shush|silence|nothing|abort|enough|that's all|that is all|that'll be all)( it| that| then)?",
     "system", "stop"),
    (r"(?:(?:actually|wait|sorry|oops|whoops|hmm|on second thoughts?|never ?mind) )*"  # a lead before the undo
     r"(?:(?:undo|revert|reverse|scratch|scrap|take back|roll back)(?: that| it| this| what you (?:just )?did)?"
     r"|(?:(?:scrap|scratch) that )?(?:don't|do not) (?:do (?:that|it)|bother|(?:turn|switch|put) (?:it|that|them) "
     r"(?:on|off))(?: after all| then)?"
     r"|(?:undo|revert|reverse|roll back|forget|cancel) (?:my|your|the) last (?:one|thing|command|request|action|change)"
     r"(?: (?:i|you) (?:just )?(?:said|asked(?: for| you to do)?|did|made|told you))?"
     r"|take (?:that|it) back|put it back(?: the way it was)?|change it back)",
     "system", "undo"),
    (r"(?:what(?:'s| is) the time|what time is it(?: now)?|tell me the time|time|what's the time now|do you have the time"
     r"|(?:and |what about |how about )+(?:the )?time(?: now)?)",
     "system", "time"),
    (r"(?:what(?:'s| is) (?:the date|today's date|the date today|today)|what day is (?:it|today)(?: today)?|which day is it(?: today)?|date|what's the day today"
     r"|(?:and |what about |how about )+(?:the |today's )?(?:date|day)(?: today)?)",
     "system", "date"),
    (r"(?:help|what can you do|what can i say|how do i use you|what are your commands)", "system", "help"),
    (r"(?:(?:sorry|pardon|what|huh|excuse me) )*(?:(?:can|could|would) you )?(?:say (?:that|it) again|repeat (?:that|it|yourself"
     r"|what you (?:just )?said)|(?:what did you|what was that you) (?:just )?say|come again|pardon(?: me)?|i didn't (?:catch|hear) "
     r"(?:that|you|it|what you said))(?: please)?", "system", "repeat"),
    (rf"(?:(?:i (?:say|said) )?{YES_WORDS}{THE_ASKED}|{YES_PHRASES}|yes do it|confirm|confirmed|i'm sure|i am sure|sure|ok do it|yes i'm sure"
     r"|yes i am sure)", "confirmation", "confirm"),
    (rf"(?:(?:i (?:say|said) )?{NO_WORDS}|don't|do not|no thanks|don't do it)", "confirmation", "deny"),
]
COMPILED = [(re.compile(rf"^{p}$"), expert, api) for p, expert, api in PATTERNS]
CONFIRMATION = "confirmation"  # answers to a pending confirmation question, handled by the pipeline


def match(text: str) -> Decision | None:
    normalised = normalise(text)
    for pattern, expert, api in COMPILED:
        if pattern.match(normalised):
            source = "confirmation" if expert == CONFIRMATION else "fastpath"
            return Decision(expert=expert, api=api, source=source)
    return None
