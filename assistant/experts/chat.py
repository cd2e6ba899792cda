"""The `chat` expert: open conversation, answered creatively by the chat model; arithmetic is
worked out exactly instead (assistant/experts/arithmetic.py), and pinned here by its cue."""
from __future__ import annotations

import re
from pathlib import Path

from assistant.context import ExpertContext
from assistant.experts import arithmetic
from assistant.messages import ActionResult, Decision, Request
from assistant.registry import api, build_expert
from assistant.streaming import FirstSentence
from assistant.words import CURRENCY
from assistant.words import ASKS_TO_PLAY

NO_CHAT_MODEL = "I'm here, but my chat model isn't available right now. I can still run your home, timers, reminders and lists."


@api(speculative_safe=True)
def respond(ctx: ExpertContext) -> ActionResult:
    """Small talk, jokes, greetings, feelings, opinions, arithmetic, translations, what was said
    earlier in the conversation, and general questions."""
    text = ctx.utterance.text if ctx.utterance else ""
    calculation = arithmetic.evaluate(text)
    if calculation is not None:
        return ActionResult(reply=calculation.reply())
    if ctx.compose is None:
        return ActionResult(reply=NO_CHAT_MODEL, ok=False)
    if ctx.say_early is not None:  # the first sentence is said as soon as it is written
        reply = ctx.compose(text, FirstSentence(ctx.say_early, keep=sayable_first).feed).strip()
    else:
        reply = ctx.compose(text).strip()
    if not reply:
        return ActionResult(reply="Hmm, I'm not sure what to say to that.")
    honest = without_claimed_actions(reply)
    if honest == reply:
        return ActionResult(reply=reply)
    return ActionResult(reply=f"{honest} {NOTHING_DONE}".strip(), data={"claimed_actions": True})


NOTHING_DONE = "I haven't changed anything. Say what you'd like done, like \u201cadd milk to the shopping list\u201d."
_VERBS = (r"added|set|turned|switched|created|scheduled|removed|deleted|locked|unlocked|started|stopped|cancell?ed|"
          r"saved|stored|noted|remembered|reminded|booked|ordered|sent|dimmed|opened|closed|armed|disarmed|changed|"
          r"updated|put|read|played|paused|raised|lowered")
# ... or that it will do it now ("I'll play Frozen songs", "Playing your playlist")
_WILL_DO = r"play|put on|set|turn|switch|add|remind|book|order|send|lock|unlock|open|close|start|stop|dim|call|text"
# ... or says it is doing it ("Okay, the garage door is opening", "Your lights are turning off now")
_DOING = (r"opening|closing|locking|unlocking|turning (?:on|off|up|down)|switching (?:on|off)|heating up|"
          r"cooling down|arming|disarming|dimming|brightening|being \w+ed")
# ... or says what state a thing is in ("It's unlocked", "The TV is on"): it sees no device
_STATES = r"unlocked|locked|open|opened|closed|shut|on|off|armed|disarmed|running|playing|paused|muted"
# a sentence in which the chat says it did something ("I've set a timer", "Added eggs to your
# list", "Your reminder is saved"): it has no tools, so it never did
_CLAIM = re.compile(
    rf"^\W*(?:(?:ok(?:ay)?|sure|done|alright|all right|got it|sorry|yes|yeah|yep|of course|certainly|absolutely)\W+)*(?:"
    rf"i(?:'ve| have| just| now)*\s+(?:{_VERBS})\b"
    r"|i(?:'ve| have| just| already)*\s+(?:did|done|handled|taken care of)\s+(?:that|it|this|them|so)\b"  # "I just did that."
    rf"|i(?:'ll| will| can)\s+(?:\w+ly\s+|now\s+|go ahead and\s+)?(?:{_WILL_DO})\b|(?:now\s+)?playing\s+\w"
    rf"|(?:{_VERBS})\s+(?:a|an|the|your|it|them|that|up|on|off|(?:[\w'-]+\s+){{1,4}}?(?:to|on|from|for|in)\s+(?:your|the|you))\b"
    rf"|(?:{_VERBS})\s+(?:[\w'-]+\s+){{1,4}}?to\s+\d"  # "Set Desk Fan to 25%."
    # a thing's state, which the chat cannot see: "It's unlocked.", "Granda's TV is on."
    rf"|(?:it|that|they|this|[\w' ]{{1,30}}?)(?:'s|'re|\s+is|\s+are)\s+(?:now\s+|still\s+)?(?:{_STATES})\W*$"
    rf"|your\s+[\w' ]{{1,30}}?\s+(?:is|are|has been|have been)\s+(?:now\s+)?(?:{_VERBS})\b"
    rf"|(?:the\s+|your\s+)?[\w' ]{{1,30}}?\s+(?:is|are)\s+(?:now\s+)?(?:{_DOING})(?:\s+(?:now|for you|right now))?\W*$)",
    re.IGNORECASE)
_INTERJECTION = re.compile(r"^\W*(?:ok(?:ay)?|sure(?: thing)?|done|alright|all right|got it|there you go|you got it|"
                           r"of course|certainly|absolutely|no problem)\W*$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def without_claimed_actions(reply: str) -> str:
    """The reply without sentences that say an action was taken ("Added mozzarella to your
    shopping list."): the chat model has no tools, so such a sentence is never true."""
    sentences = _SENTENCE.split(reply)
    kept = [s for s in sentences if not _CLAIM.match(s)]
    if len(kept) == len(sentences):
        return reply
    return " ".join(s for s in kept if not _INTERJECTION.match(s)).strip()


def sayable_first(sentence: str) -> bool:
    """Whether a reply's first sentence may be said before the rest is written: the reply
    `without_claimed_actions` still starts with it (it claims no action, is no bare "Sure!")."""
    pieces = _SENTENCE.split(sentence)
    return " ".join(pieces) == sentence and not any(_CLAIM.match(p) or _INTERJECTION.match(p) for p in pieces)


# a conversion or a tip worked out ("convert 30 celsius to fahrenheit", "how many ounces in a pound",
# "what's 15 percent tip on 40 dollars"): the chat's, never a thermostat's or a timer's
CONVERSION = re.compile(rf"^(?![^\n]*\b(?:{CURRENCY})\s+(?:to|in|into)\s+(?:{CURRENCY})\b)"  # (a currency's rate is live)
                        r"\W*(?:(?:hey|ok|okay|so|please|quick(?:ly)?|um|can you|could you)\s+)*"
                        r"(?:convert\b|how many [a-z]+ (?:are |are there |is there |go )?in (?:a|an|one|two|three|\d+(?:\.\d+)?)\b"
                        r"|(?:what(?:'s| is|s)|how much is) [\d.,]+ ?(?:°|degrees? )?[a-z]+ (?:in|to|into) [a-z]+\W*$)"
                        r"|\b[\d.]+ ?(?:%|percent|per cent) (?:tip|gratuity|service charge|discount|off) (?:on|of|for)\b",
                        re.IGNORECASE)


# a question of who made a thing, or when it was made ("who invented the ceiling fan", "when was the light bulb
# invented"): history, never the state of a device of the home
HISTORY = re.compile(r"^\W*(?:(?:hey|ok|okay|so|um|oh)\W+)*(?:who (?:invented|discovered|designed|came up with|first made|"
                     r"first built)\b|when (?:was|were) (?:the |a |an )?[\w' -]{2,30}? (?:invented|discovered|first made)\b)",
                     re.IGNORECASE)


def foreign(db, api_name: str, args: dict, said: str, here: str | None = None) -> bool:
    """Whether the words ask for something to be played ("play Frozen songs"): the chat plays
    nothing, so it is not the chat's (a home's player, or no one's)."""
    return bool(said) and ASKS_TO_PLAY.match(said) is not None


def propose(request: Request) -> Decision | None:
    """A calculation is answered at once (and exactly)."""
    return Decision(expert="chat", api="respond", source="router") if arithmetic.evaluate(request.text) else None


EXPERT = build_expert("chat", "conversation, jokes, fun facts, trivia, writing toasts or poems, "
                      "arithmetic, translations, questions about this conversation, and general "
                      "knowledge the assistant already has", [respond], capability="a chat",
                      propose=propose, cues=(arithmetic.CUE, CONVERSION, HISTORY), foreign=foreign,
                      examples=Path(__file__).with_suffix(".jsonl"))
