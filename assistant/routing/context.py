"""Per-request context for routing: only what belongs to this request, after the stable prefix.

Today: the previous turn, when the utterance is a follow-up ("now dim them to 30%", "and the
bedroom too", "make it 15 minutes", a bare "louder") and that turn was recent. Unrelated requests get no context.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import sqlite_utils

from assistant.messages import Decision, Turn
from assistant.registry import Registry, RegistryError
from assistant.routing.correction import args_named_instead, correction_words
from assistant.splitting import COMMAND_VERBS  # a verb opens a request of its own
from assistant.storage.conversations import DEFAULT
from assistant.words import is_bare_change, quantities

# words that point back at the previous request ("turn it off", "the other one", "… too")
REFERS_BACK = re.compile(
    r"\b(it(?!'s| is)|them|em|they|those|these|that one|too$|also|as well|instead|again|same|another|the other"
    r"|both(?=\s*(?:on|off|up|down|please|now|too|then|$|[.,!?])))\b|(?<!\w)'er\b",  # "turn both off"; "shut 'er off"
    re.IGNORECASE)
# a joint that carries on from it ("and the bedroom", "now dim them", "make it 15")
CARRIES_ON = re.compile(r"^(and|now|then|make it|make that|change it|what about|how about|but)\b", re.IGNORECASE)
# the joint alone, before the rest is read as a request of its own
JOINT = re.compile(r"^\W*(?:(?:and|now|then|but|so|ok|okay)\W+)+", re.IGNORECASE)
FOLLOW_UP = re.compile(f"{REFERS_BACK.pattern}|{CARRIES_ON.pattern}", re.IGNORECASE)
RECENT = timedelta(minutes=10)
CANCEL_IT = re.compile(r"^\W*cancel (?:it|that)\W*$", re.IGNORECASE)


# a level said alone, of the thing acted on last ("full brightness", "half", "40 percent", "to 22 degrees")
LEVEL_ALONE = re.compile(r"^\W*(?:(?:at|to|on)\s+)?(?:full|half|halfway|max|maximum|min|minimum|\d+(?:\.\d+)?\s*(?:%|percent|"
                         r"per cent|degrees?))(?:\s+(?:brightness|volume|power|speed|blast|please))*\W*$", re.IGNORECASE)


def is_follow_up(text: str) -> bool:
    """Whether the words carry on from the previous request (or correct it: "no, I meant 4"); a
    joint before a command of its own ("and put the hall light on at 6") does not: that command is
    routed alone."""
    text = text.strip()
    if REFERS_BACK.search(text) or is_bare_change(text) or LEVEL_ALONE.match(text) or correction_words(text) is not None:
        return True
    joint = CARRIES_ON.search(text)
    return bool(joint) and not _own_command(text[joint.end():])


def refers_within(text: str) -> bool:
    """Whether the words that point back point at what the same utterance named first ("we need
    more dog food, put it on the list", "i need lightbulbs, add them to my list"): a first clause
    that names something, then a clause whose only pointers are "it"/"them"."""
    first, comma, rest = text.strip().partition(",")
    if not comma or len(first.split()) < 2 or FOLLOW_UP.search(first) or correction_words(text) is not None:
        return False
    pointers = {m[0].lower() for m in REFERS_BACK.finditer(rest)}
    return bool(pointers) and pointers <= {"it", "them"} and not CARRIES_ON.search(rest.strip())


def _own_command(rest: str) -> bool:
    """A command verb and at least two more words ("put the hall light on", not "turn it up")."""
    words = re.findall(r"[a-z']+", rest.lower())
    return len(words) >= 3 and words[0] in COMMAND_VERBS


def previous_turn(db: sqlite_utils.Database, now: datetime, expert: str | None = None,
                  apis: tuple[str, ...] = (), conversation: str = DEFAULT) -> Turn | None:
    """The conversation's last action still in effect, if it happened within the last few minutes
    (optionally: the last one of this expert and these APIs)."""
    turns = recent_actions(db, now, expert, apis, conversation, limit=1)
    return turns[0] if turns else None


def recent_actions(db: sqlite_utils.Database, now: datetime, expert: str | None = None,
                 apis: tuple[str, ...] = (), conversation: str = DEFAULT, limit: int = 4) -> list[Turn]:
    """The conversation's last actions still in effect from the last few minutes, newest first."""
    where, params = "undone = 0 AND expert NOT IN ('system') AND conversation = ?", [conversation]
    if expert:
        where += f" AND expert = ? AND api IN ({','.join('?' * len(apis))})"
        params += [expert, *apis]
    rows = db.execute(f"SELECT at, text, expert, api, args, id, ok, undo FROM action_log WHERE {where} "
                      "ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
    turns = []
    for row in rows:
        if now - datetime.fromisoformat(row[0]) > RECENT:
            break
        undo = json.loads(row[7]) if row[6] and row[7] else None
        turns.append(Turn(text=row[1], expert=row[2], api=row[3], args=json.loads(row[4]), action_id=row[5], undo=undo))
    return turns


# "both of them", "the two of them", "all of them": more than the one thing the previous turn named
TOGETHER = re.compile(r"\b(?:both(?: of (?:them|those|these))?|the two of them|all (?:of )?(?:them|those|these|three|four))\b",
                      re.IGNORECASE)


def devices_together(turns: list[Turn], text: str) -> str | None:
    """"switch on the hall light" → "and the porch light" → "now off both of them": the devices
    the follow-up turns named one each, newest first in `turns`, joined ("porch light and hall
    light"); None unless the words say "both"/"all of them" and each turn named one device by name."""
    if not TOGETHER.search(text) or not turns:
        return None
    wanted = 2 if re.search(r"\b(?:both|two)\b", text, re.IGNORECASE) else len(turns)
    chain = [turns[0]]
    for older in turns[1:]:
        if len(chain) == wanted or older.expert != chain[-1].expert or not is_follow_up(chain[-1].text):
            break
        chain.append(older)
    named = [turn.args.get("device") for turn in chain]
    if len(chain) < 2 or any(not isinstance(n, str) or " and " in n or turn.args.get("area")
                             for n, turn in zip(named, chain)):
        return None
    return " and ".join(dict.fromkeys(reversed(named)))


def routing_context(previous: Turn | None, text: str) -> str | None:
    """The previous turn, for the router's prompt, when `text` follows up on it."""
    if previous is None or not is_follow_up(text):
        return None
    call = json.dumps({"api": previous.qualified, "args": previous.args}, separators=(",", ":"))
    return f'Previous request: "{previous.text}" -> {call}'


# "and the bedroom too", "also light bulbs", "oh and a snow shovel", "same for the hall": the previous
# command on something else
ELLIPSIS = re.compile(r"^\W*(?:(?:oh|ah|right|ok|okay|um|uh|so)\W+)?(?:(?:(?:and |now |then )?(?:do|doing) )?(?:the )?same (?:for|with|in|goes for)|ditto for|"
                      r"and also|and|also|plus)\s+(?:(?:in|for|on)\s+)?(?P<what>.+?)"
                      r"(?:\s+(?:too|as well|also|please|(?:to|at) the same(?: \w+)?))*\W*$", re.IGNORECASE)


# "the other one too", "oh and the other lamp as well": that thing, with or without a joint
OTHER_ONE = re.compile(r"^\W*(?:(?:oh|and|now|then|ok|okay|also|plus|so|what about|how about)\W+)*"
                       r"(?P<what>(?:the|that) other .+?)(?:\s+(?:too|as well|also|please|then|now))*\W*$",
                       re.IGNORECASE)


# a level given to the thing named ("the ac to 20", "the fan on 2", "the lamp at 50%"): a setting of its own
VALUE_GIVEN = re.compile(r"\b(?:to|at|on)\s+(?:\d|full|max|maximum|min|minimum|half)|\d\s*(?:%|percent|degrees?|°)",
                         re.IGNORECASE)
# what says its own action: a verb first, or a state last ("and the garage light on")
OWN_ACTION = re.compile(r"^(?:turn|switch|stick|put|pop|flick|get|set|open|close|shut|lock|unlock)\b|\b(?:on|off)\W*$",
                        re.IGNORECASE)
# "now the floor lamp the same", "and the bathroom fan likewise": that thing, then the word for it
SAME_AFTER = re.compile(r"^\W*(?:(?:oh|and|now|then|ok|okay|also|plus|so)\W+)*(?P<what>(?!the same\b)[\w' ]+?)"
                        r",?\s+(?:the same|likewise|the same way)(?:\s+(?:please|too|as well))?\W*$", re.IGNORECASE)


# a thing named with "too" and no "and" ("the sun porch ones too", "my room as well", "propane too"); never a
# pronoun, a courtesy or a time ("you too", "thanks too", "tomorrow too")
NAMED_TOO = re.compile(r"^\W*(?:(?:oh|ok|okay|so|right)\W+)?(?P<what>(?:the|my|our|that)\s+[\w' ]+?"
                       r"|(?!(?:that|this|those|these|mine|yours|ours|same|thanks|thank you|now|today|tonight|tomorrow|"
                       r"again|yes|no|ok|okay)\b)(?![\w' -]*\b(?:i|i'm|you|u|it|me|we|us|they|them|he|she|him|her)\b)"
                       rf"(?!(?:{'|'.join(sorted(COMMAND_VERBS))})\b)"  # ("add candles as well": a request of its own)
                       r"[a-z][\w'-]*(?: [\w'-]+){0,2}?)"
                       r"\s+(?:too|as well)\W*$", re.IGNORECASE)


def ellipsis_of_previous_turn(registry: Registry, text: str, previous: Turn | None,
                              db: sqlite_utils.Database | None = None) -> Decision | None:
    """The previous turn's call on what these words name instead ("turn on the kitchen lights" →
    "and the bedroom too", "the other one too"), when its expert says how (`Expert.ellipsis`,
    reading the state in `db`); None when the words are more than a thing named (a verb, a
    question, a number: the router's to read)."""
    found = ELLIPSIS.match(text.strip()) or OTHER_ONE.match(text.strip()) or SAME_AFTER.match(text.strip()) \
        or NAMED_TOO.match(text.strip())
    if previous is None or found is None or found["what"][:1].isdigit():  # "and 30 too": a value
        return None
    if OWN_ACTION.search(found["what"]) or VALUE_GIVEN.search(quantities(found["what"])):
        return None  # "and stick the hallway light on", "also the ac to 20": a request of its own
    args = args_named_instead(registry, previous, _without_verb_said_before(found["what"], previous.text), db)
    return Decision(expert=previous.expert, api=previous.api, args=args, source="router") if args else None


def _without_verb_said_before(what: str, before: str) -> str:
    """The thing named, without the verb the previous request opened with ("tell the kids …" → "and
    tell Nan too": "Nan")."""
    first = re.match(r"\W*([a-z']+)\s+(.+)$", what, re.IGNORECASE)
    opened = re.match(r"\W*([a-z']+)", before or "", re.IGNORECASE)
    if first and opened and first[1].lower() == opened[1].lower():
        return first[2]
    return what


# "what's on it now": what the thing the previous request changed holds (a list just added to)
WHAT_IS_ON_IT = re.compile(r"^\W*(?:(?:so|and|ok|okay|now)\W+)*(?:what's|whats|what is|what've we got|what have we got|"
                           r"what do we have|what have i got)\s+(?:on|in)\s+(?:it|there|that|that one|the list|that list)"
                           r"(?:\s+(?:now|so far|then|altogether))?\W*$", re.IGNORECASE)
READ_API = "read"  # an expert's call that reads out what one of its things holds (lists.read)


def read_of_previous_turn(registry: Registry, text: str, previous: Turn | None) -> Decision | None:
    """"what's on it now" right after adding to a list: that list read out (the previous call's
    expert's `read`, with the arguments of the previous call it takes). None when it does not apply."""
    if previous is None or not previous.expert or WHAT_IS_ON_IT.match(text) is None:
        return None
    try:
        accepted = registry.api(previous.expert, READ_API).properties
    except RegistryError:  # (no such call: the router's to read)
        return None
    args = {k: v for k, v in previous.args.items() if k in accepted}
    return Decision(expert=previous.expert, api=READ_API, args=args, source="fastpath")


def cancel_of_previous_turn(db: sqlite_utils.Database, registry: Registry, text: str,
                            previous: Turn | None, now: datetime, conversation: str = DEFAULT) -> Decision | None:
    """"cancel it" right after starting a timer (or creating a reminder) cancels that, not the
    conversation: the previous turn gives "it" its meaning (`Expert.cancellable`). After a
    question about it ("how long is left on it"), "it" is still the item that expert last made.
    None when it does not apply."""
    turn = previous if CANCEL_IT.match(text) else None
    if turn is None or turn.api == "cancel":  # already cancelled: "cancel it" just stops
        return None
    cancellable = registry.expert(turn.expert).cancellable
    if not cancellable:
        return None
    if turn.api not in cancellable:  # a question about it: the item that expert last made
        turn = previous_turn(db, now, turn.expert, cancellable, conversation)
        if turn is None:
            return None
    accepted = registry.api(turn.expert, "cancel").properties
    args = {k: v for k, v in turn.args.items() if k in accepted}
    return Decision(expert=turn.expert, api="cancel", args=args, source="fastpath")
