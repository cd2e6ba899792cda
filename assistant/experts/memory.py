"""Personal facts the user asked to remember, recalled only from what was stored.

Each fact is kept in the user's words with a deterministic `subject` (the first proper noun or
"my X" phrase) and `relation` (what is said about it). A new fact with the same subject and
relation replaces the old one — only for single-valued statements:
  "<subject>'s <attribute> is …"  -> relation <attribute>   ("my son's name is Leo": son / name)
  "<subject> is called/named …"   -> relation "name"
  "<subject> is <number> …"       -> relation "age"
  "<subject> is <adjective> to/of…" -> relation "is <adjective>" ("is allergic")
  "<subject> is/are …" otherwise  -> relation "is"         ("my wifi password is …")
  "<subject> lives/works/studies/drives …" -> that verb
Any other statement ("Daisy loves tennis balls") is added alongside, never replacing.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.messages import ActionResult, Decision, Request
from assistant.registry import View, api, build_expert
from assistant.storage.db import Migration
from assistant.words import is_question, same_meaning, stem

_PREFIX = re.compile(r"^(?:(?:please|hey|ok|okay|can you|could you|would you)\s+)*(?:(?:remember|note|"
                     r"don't forget|do not forget|keep in mind|make a note|forget|for the record)"
                     r"(?:\s+(?:that|about|the fact that))?[\s,:]+)?(?:that\s+)?", re.IGNORECASE)
_COPULAS = {"is", "are", "was", "were", "'s"}
_SINGLE_VERBS = {"lives", "works", "studies", "drives", "goes"}
_VERBS = {"has", "have", "had", "likes", "like", "loves", "love", "hates", "hate", "needs", "need", "wants",
          "want", "eats", "eat", "go", "plays", "play", "prefers", "prefer", "takes", "take", "can", "will",
          "should", "must", "and", "who", "that"}
_DETERMINERS = {"a", "an", "the", "our", "my", "his", "her", "their", "your"}
_PREPOSITIONS = {"to", "of", "at", "in", "on", "with", "about", "from", "for"}
_NOT_PROPER = {"i", "i'm", "i've", "the", "a", "an", "my", "our", "we", "it", "this", "that", "there", "he",
               "she", "they", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"}
_STOPWORDS = {"what", "whats", "what's", "who", "whom", "where", "when", "which", "how", "why", "is", "are",
              "was", "were", "do", "does", "did", "you", "know", "tell", "me", "remember", "about", "i", "my",
              "our", "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "s", "it", "its",
              "that", "this", "your", "we", "us", "can", "could", "please", "again", "have", "has", "be"}
_GENERIC = {stem(w) for w in ("name", "called", "named")}  # help rank, but never make a fact relevant on their own
_NO_FACT = "I don't know that yet — you can tell me with 'remember that …'."


def _migrate_v1(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE facts (id INTEGER PRIMARY KEY, subject TEXT, text TEXT NOT NULL, "
               "created TEXT NOT NULL, updated TEXT NOT NULL)")


# -- understanding a statement ---------------------------------------------------------------------

def normalise_fact(fact: str) -> str:
    """'remember that Daisy is our dog.' -> 'Daisy is our dog'."""
    text = " ".join(fact.strip().split()).strip("\"'")
    text = _PREFIX.sub("", text, count=1).rstrip(" .!")
    return text[:1].upper() + text[1:]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.replace("’", "'"))


def _subject_span(words: list[str]) -> tuple[str | None, int, bool]:
    """(subject, index of the first word after it, written possessively) — whichever comes first:
    a run of capitalised words (not sentence filler) or the words after 'my'/'our' (or a leading 'the')."""
    for i, word in enumerate(words):
        lower = word.lower()
        if (lower in {"my", "our"} or (i == 0 and lower == "the")) and i + 1 < len(words):
            return _phrase(words, i + 1, capitalised=False)
        if word[:1].isupper() and lower not in _NOT_PROPER:
            return _phrase(words, i, capitalised=True)
    return None, len(words), False


def _phrase(words: list[str], start: int, capitalised: bool) -> tuple[str, int, bool]:
    """The subject words from `start`: capitalised ones, or (after 'my') up to a verb or preposition."""
    taken: list[str] = []
    i = start
    while i < len(words) and len(taken) < 4:
        word, lower = words[i], words[i].lower()
        if lower in _COPULAS | _SINGLE_VERBS or (capitalised and not word[:1].isupper()):
            break
        if not capitalised and taken and lower in _PREPOSITIONS | _VERBS:
            break
        if lower.endswith("'s"):
            taken.append(lower[:-2])
            return " ".join(taken), i + 1, True
        taken.append(lower)
        i += 1
    return " ".join(taken), i, False


def derive_subject(text: str) -> str | None:
    """'my son's name is Leo' -> 'son'; 'Daisy is our dog' -> 'daisy'; nothing found -> None."""
    return _subject_span(_words(text))[0] or None


def derive_relation(text: str) -> str | None:
    """What the statement says about its subject (see the module docstring), or None."""
    words = [w.lower() for w in _words(text)]
    subject, after, possessive = _subject_span(_words(text))
    rest = words[after:]
    if not subject or not rest:
        return None
    if possessive:
        attribute = [w for w in rest[:3] if w not in _COPULAS]
        cut = next((i for i, w in enumerate(rest) if w in _COPULAS), None)
        return " ".join(rest[:cut]) if cut else (attribute[0] if attribute else None)
    if rest[0] in _SINGLE_VERBS:
        return rest[0]
    if rest[0] not in _COPULAS or len(rest) < 2:
        return None
    nxt = rest[1]
    if nxt in {"called", "named"}:
        return "name"
    if nxt.isdigit():
        return "age"
    if nxt not in _DETERMINERS and len(rest) > 2 and rest[2] in _PREPOSITIONS:
        return f"is {nxt}"
    return "is"


# -- matching ------------------------------------------------------------------------------------

def _keywords(text: str) -> set[str]:
    return {stem(w) for w in _words(text.lower()) if w.lower() not in _STOPWORDS and stem(w) not in _STOPWORDS}


def _related(a: str, b: str) -> bool:
    if a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85):
        return True
    return same_meaning(a, b)


def _relevance(question_words: set[str], fact: dict[str, Any]) -> float:
    """Keyword overlap between a question and a fact (text + subject), synonyms and typos included."""
    fact_words = _keywords(fact["text"]) | _keywords(fact["subject"] or "")
    score = 0.0
    for word in question_words:
        if any(_related(word, other) for other in fact_words):
            score += 0.5 if word in _GENERIC else 1.0
    return score


def _ranked(db: sqlite_utils.Database, text: str) -> list[tuple[float, dict[str, Any]]]:
    """Facts that share at least one non-generic keyword with `text`, best first."""
    words = _keywords(text)
    scored = []
    for fact in list_facts(db):
        score = _relevance(words, fact)
        if score >= 1.0:
            scored.append((score + fuzz.token_set_ratio(text.lower(), fact["text"].lower()) / 1000, fact))
    return sorted(scored, key=lambda pair: -pair[0])


# -- helpers used by the CLI and the prompt builder ---------------------------------------------------

def list_facts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every stored fact, oldest first: {id, subject, text, created, updated}."""
    cursor = db.execute("SELECT id, subject, text, created, updated FROM facts ORDER BY id")
    return [dict(zip(("id", "subject", "text", "created", "updated"), r)) for r in cursor.fetchall()]


def relevant_facts(db: sqlite_utils.Database, text: str, limit: int = 3) -> list[str]:
    """The texts of the facts `text` refers to (by keyword, subject or synonym), best first."""
    return [fact["text"] for _, fact in _ranked(db, text)[:limit]]


def delete_fact(db: sqlite_utils.Database, fact_id: int) -> bool:
    """Delete one fact by id; False if there was none."""
    return db.execute("DELETE FROM facts WHERE id = ?", [fact_id]).rowcount > 0


def update_fact(db: sqlite_utils.Database, fact_id: int, text: str, clock: Clock | None = None) -> bool:
    """Replace a fact's text (subject re-derived); False if there was none."""
    text = normalise_fact(text)
    now = (clock or Clock.from_env()).now().isoformat(timespec="seconds")
    return db.execute("UPDATE facts SET text = ?, subject = ?, updated = ? WHERE id = ?",
                      [text, derive_subject(text), now, fact_id]).rowcount > 0


def _restore(db: sqlite_utils.Database, row: dict[str, Any]) -> None:
    db.execute("INSERT OR REPLACE INTO facts (id, subject, text, created, updated) VALUES (?, ?, ?, ?, ?)",
               [row["id"], row["subject"], row["text"], row["created"], row["updated"]])


# -- undo ------------------------------------------------------------------------------------------

def _undo_remember(ctx: ExpertContext, data: dict) -> None:
    if data.get("previous"):
        _restore(ctx.db, data["previous"])
    else:
        delete_fact(ctx.db, data["id"])


def _undo_forget(ctx: ExpertContext, data: dict) -> None:
    _restore(ctx.db, data["fact"])


# -- APIs ------------------------------------------------------------------------------------------

@api(speculative_safe=True, undo=_undo_remember, exact=("fact",))
def remember(ctx: ExpertContext, fact: str) -> ActionResult:
    """Remember a personal fact in the user's words, e.g. "Daisy is our cream golden retriever"."""
    text = normalise_fact(fact)
    if len(_words(text)) < 2:
        return ActionResult(ok=False, reply="What should I remember? Say it as a sentence, like 'remember that …'.")
    facts = list_facts(ctx.db)
    if any(f["text"].lower() == text.lower() for f in facts):
        return ActionResult(reply=f"I already know that: {text}.", data={"text": text})
    subject, relation = derive_subject(text), derive_relation(text)
    now = ctx.clock.now().isoformat(timespec="seconds")
    previous = next((f for f in facts if subject and relation and f["subject"] == subject
                     and derive_relation(f["text"]) == relation), None)
    if previous:
        ctx.db.execute("UPDATE facts SET text = ?, updated = ? WHERE id = ?", [text, now, previous["id"]])
        return ActionResult(reply=f"Updated: {text} (was: {previous['text']}).",
                            data={"id": previous["id"], "text": text, "subject": subject, "replaced": previous["text"]},
                            undo={"id": previous["id"], "previous": previous})
    cursor = ctx.db.execute("INSERT INTO facts (subject, text, created, updated) VALUES (?, ?, ?, ?)",
                            [subject, text, now, now])
    return ActionResult(reply=f"Got it: {text}.", data={"id": cursor.lastrowid, "text": text, "subject": subject},
                        undo={"id": cursor.lastrowid})


@api(speculative_safe=True, verbatim=("question",))
def recall(ctx: ExpertContext, question: str) -> ActionResult:
    """Answer a question about the user from remembered facts only, e.g. "what's my dog called?"."""
    ranked = _ranked(ctx.db, question)
    if not ranked:
        return ActionResult(ok=False, reply=_NO_FACT, data={"facts": []})
    best = int(ranked[0][0] * 2)  # compare on whole keyword scores (0.5 steps), not the fuzzy tie-break
    answers = [fact["text"] for score, fact in ranked if int(score * 2) == best][:3]
    return ActionResult(reply=f"You told me: {'; and '.join(answers)}.", data={"facts": answers})


@api(speculative_safe=True, undo=_undo_forget)
def forget(ctx: ExpertContext, fact: str) -> ActionResult:
    """Forget one remembered fact, described in the user's words."""
    query = normalise_fact(fact)
    candidates = sorted(((_relevance(_keywords(query), f), fuzz.token_set_ratio(query.lower(), f["text"].lower()), f)
                         for f in list_facts(ctx.db)), key=lambda c: (-c[0], -c[1]))
    candidates = [c for c in candidates if c[0] >= 1.0 or c[1] >= 70]
    if not candidates:
        return ActionResult(ok=False, reply="I don't have anything like that to forget.")
    top = candidates[0]
    if len(candidates) > 1 and not _clearly_better(top, candidates[1]):
        options = " or ".join(f"'{c[2]['text']}'" for c in candidates[:3])
        return ActionResult(ok=False, reply=f"Which one should I forget: {options}?",
                            data={"candidates": [c[2]["text"] for c in candidates[:3]]})
    delete_fact(ctx.db, top[2]["id"])
    return ActionResult(reply=f"Forgotten: {top[2]['text']}.", data={"text": top[2]["text"]},
                        undo={"fact": top[2]})


def _clearly_better(top: tuple, second: tuple) -> bool:
    return top[1] >= 95 > second[1] or top[0] >= second[0] + 1 or top[1] >= second[1] + 15


# -- the fast router's command shapes ("remember that …", "where are my keys") ------------------

_KEEP = r"(?:remember|keep in mind|note(?: down)?|make a note)"
# "my locker code is …", "the gate code is …", "the plumber comes on friday": something of theirs,
# then what it is or does
_POSSESSED_FACT = (r"(?:(?:my|our|his|her|their|the|[a-z]+'s)\s+[\w' ]{1,40}?\b(?:is|are|was|were|will|has|have|comes|come|arrives|"
                   r"starts?|ends?|finish(?:es)?|opens?|closes?|lives?|works?|leaves?|visits?|needs?|likes?|hates?|takes?|goes|go|gets?)\b"
                   # "choir's on a wednesday now", "Osian's got rugby on tuesdays": a name or a thing, and what it is
                   r"|[a-z]+(?:'s|'re|'ve) (?:on|got|at|in|every|back|off|due|moving|coming|starting|now|usually|always)\b)")


# asking back what the user told the assistant ("what did I tell you about the boiler", "did I
# mention anything about the plumber", "what do you know about my sister")
ASKED_BACK = re.compile(r"^\W*(?:(?:so|and|hey|ok|okay|um|remind me)\W+)*"
                        r"(?:what (?:did|have|had) i (?:tell|told|say|said|mention|mentioned)(?: to)?(?: you)?"
                        r"|(?:did|have|had) i (?:ever )?(?:tell|told|mention|mentioned|say|said)(?: to)?(?: you)?"
                        r"(?: anything| something)?"
                        r"|what do you (?:know|remember)"
                        r"|what (?:was|is) it i (?:told you|said|mentioned))"
                        r"\s+(?:about|regarding|of|on)\b"
                        # "what did I tell you the gate code was"
                        r"|^\W*what (?:did|have|had) i (?:tell|told|say|said)(?: to)?(?: you)?\s+(?:the|my|our|his|her|their|[a-z]+'s)\s"
                        r".+\b(?:was|is|were|are)\W*$"
                        # "what's the name of the guy I told you about", "the code I mentioned"
                        r"|^\W*(?:what|when|where|who|which)\b.+\b(?:that |who |which )?i (?:told you about|was telling you about"
                        r"|mentioned(?: to you)?(?: before| earlier)?|gave you)\W*$", re.IGNORECASE)


# a question for something told before, "again" at its end ("what's the gate code again?", "when
# does her flight land again"), not for what was just said ("what was that again", "say again")
ASKED_AGAIN = re.compile(r"^\W*(?:(?:so|and|hey|ok|okay|um|sorry)\W+)*(?:what|when|where|who|which|how much|how many)"
                         r"(?:'s| is| was| are| were| does| do| did)?\s+"
                         r"(?!(?:that|it|this|you|your|i|is|was|are|were|does|do|did)\b)"
                         r"(?!(?:the )?(?:time|day|date|year|month|weather)\b)[\w' ]+?\s+again\W*$",
                         re.IGNORECASE)
# a person of the household's life, by what they do ("the cleaner", "our babysitter", "the pest control
# guy", "the handyman"): only the user can have said when they come or who they are; never a ride or a delivery
_ROLE = (r"(?:[a-z]{3,}(?:er|or|ian|ist|ant)s?|[a-z]*(?:man|men|woman|women|lady|ladies|guy|guys|girl|boy|people)"
         r"|nanny|maid|au pair|vet|nurse|physio|surgeon|chef|cook|coach|carer|crew)")
_THEIR_PERSON = (r"(?:the|our|my)\s+(?!(?:[a-z]+\s+){0,2}?(?:uber|lyft|taxi|cab|ride|delivery|courier|food|order)\b)"
                 rf"(?:[a-z]+\s+){{0,2}}?{_ROLE}")
# "when does the cleaner come", "what day is the gardener coming", "is the nanny coming today", "who's our plumber"
ASKED_ABOUT_THEIR_PEOPLE = re.compile(
    rf"^\W*(?:(?:when|what time|what day|which days?|how often)(?:'s|\s+(?:does|do|will|is|are))\s+{_THEIR_PERSON}"
    r"\s+(?:come|comes|coming|arrive|arriving|get here|getting here|visit|visiting|turn up|show up|due)\b"
    r"(?!\s+(?:on|off|up|down)\b)"  # "when does the heater come on": a device
    rf"|(?:is|are)\s+{_THEIR_PERSON}\s+(?:coming|due)\b"
    rf"|who(?:'s| is| are)\s+(?:our|my)\s+(?:[a-z]+\s+)?{_ROLE}\W*$)", re.IGNORECASE)
# a household's secret ("what's the gate code", "what is our wifi password", "the garage pin?"): only
# the user can have said it; never a code to enter or change, nor a postcode or a dialling code
_SECRET = r"(?:code|codes|password|passcode|pin|pin number|combination|combo)"
ASKED_FOR_A_SECRET = re.compile(
    r"^\W*(?:(?:so|and|hey|ok|okay|um|sorry)\W+)*(?:(?:what|whats|what's|what is|what was|what are|tell me|remind me of)"
    r"\s+)?(?:the|our|my|his|her|their|[a-z]+'s)\s+(?:[a-z'-]+\s+){0,3}?(?<!post )(?<!zip )(?<!area )(?<!dialling )"
    rf"{_SECRET}(?:\s+(?:for|to|of|on|at)\s+[\w' ]+?)?(?:\s+again)?\W*$"
    # "what pin did we set on the keypad", "which code do we use for the gate"
    rf"|^\W*(?:(?:so|and|hey|ok|okay|um|sorry)\W+)*(?:what|which)\s+(?:[a-z'-]+\s+){{0,2}}?{_SECRET}\s+(?:did|do|does|have|had)"
    r"\s+(?:we|i|you|they|he|she|[a-z]+)\s+(?:set|use|put|choose|pick|give|make|get|have|go with)(?:\s+up)?"
    r"(?:\s+(?:on|for|to|at|in|with)\s+[\w' ]+?)?(?:\s+again)?\W*$",
    re.IGNORECASE)
# … asked last, after who wants it ("Grandma's asking, what's the wifi password?")
ASKED_FOR_A_SECRET_LAST = re.compile(r"^[^,]{1,40},\s*" + ASKED_FOR_A_SECRET.pattern.removeprefix("^"), re.IGNORECASE)


def asks_for_a_secret(text: str) -> bool:
    """Whether the words ask for a household secret, alone or in their last clause."""
    return bool(ASKED_FOR_A_SECRET.match(text) or ASKED_FOR_A_SECRET_LAST.match(text))


# how sure the user's own facts make a question theirs: the share of its keywords a fact holds
EVIDENCE_AT_LEAST = 2  # keywords a fact must share with the question
EVIDENCE = 0.9  # never a cue's certainty: the model's ranking still counts
SURE = 0.99  # a fact says every word the question asks about ("when's my flight home" after telling it)
# words that ask for a kind of answer, not about a thing ("what day is netball")
_ANSWER_KINDS = {stem(w) for w in ("day", "days", "time", "date", "week", "month", "year", "much", "many", "long")}


def evidence(db: sqlite_utils.Database, text: str) -> float:
    """How strongly the facts the user told say a question is for them: a fact holding every one of
    its keywords (not the kind of answer asked for: "what day is netball") makes it SURE when they
    are two or more ("when's my flight home" after telling it), EVIDENCE when it is one; a fact holding
    two or more and most of them ("when does her flight land" after "my sister's flight lands at
    6") makes it EVIDENCE; else 0."""
    if not is_question(text):
        return 0.0
    words = _keywords(text) - _GENERIC - _ANSWER_KINDS
    if not words:
        return 0.0
    best = max((_relevance(words, fact) for fact in list_facts(db)), default=0.0)
    if best >= len(words) >= EVIDENCE_AT_LEAST:  # a fact says every word it asks about
        return SURE
    if best >= len(words) or (best >= EVIDENCE_AT_LEAST and best >= 0.6 * len(words)):
        return EVIDENCE
    return 0.0


# words that make a question about the user's own world: theirs, their people's, what they said
_PERSONAL = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|mine|we|we're|our|ours|us|his|her|hers|their|theirs|him|them|"
                       r"he|she|they|you|your)\b", re.IGNORECASE)


def foreign(db: sqlite_utils.Database, api_name: str, args: dict, said: str, here: str | None = None) -> bool:
    """Whether a question sent here is general knowledge: it names a place, a people or a person
    of the world (a capitalised name past its first word) and nobody's own (no "my", no "Sarah's"),
    and no fact the user told fits it ("what year did Trinidad become independent"): then it is
    not memory's. "who is the plumber" stays: only the user can have said that."""
    if api_name != "recall" or not said or _PERSONAL.search(said) or "'s " in f"{said} " or ASKED_AGAIN.match(said):
        return False
    named = re.search(r"(?<=\s)[A-Z][a-z]+", said)
    return named is not None and not _ranked(db, said)


def propose(request: Request) -> Decision | None:
    """"remember that …" stores it; "where is my …", "where did i put …" ask for it. Given the
    text as said (not lower-cased): a fact keeps its names' capitals ("May 4th")."""
    text = re.sub(r"^\W+|[\s.!?]+$", "", request.text)
    match = re.match(rf"^(?:remember that|{_KEEP} (?={_POSSESSED_FACT}))\s*(?P<fact>.+)$", text, re.IGNORECASE)
    if match:
        return Decision(expert="memory", api="remember", args={"fact": match["fact"]}, source="router")
    if re.match(r"^(?:where(?:'s| is| are) my|where did i (?:put|leave)) .+$", text, re.IGNORECASE) \
            or ASKED_BACK.match(text) or ASKED_AGAIN.match(text) \
            or ASKED_ABOUT_THEIR_PEOPLE.match(text) or asks_for_a_secret(text):
        return Decision(expert="memory", api="recall", args={"question": text}, source="router")
    return None


# "remember that the bins go out on tuesdays": a fact to keep, said the way this expert asks for
# facts, whatever time words it holds ("remind me …" is the reminders', checked first)
CUES = (re.compile(r"^\W*(?:(?:please|hey|ok|okay|can you|could you|would you|i'd like you to|i would like you to"
                   r"|i want you to|i need you to)\s+)*(?:remember|don'?t forget|"
                   r"do not forget|keep in mind|make a note|note|for the record)\W+(?:the fact )?that\b", re.IGNORECASE),
        # "remember my locker code is 4412", "note our wifi password is …": a fact about something of theirs
        re.compile(rf"^\W*(?:(?:please|hey|ok|okay|can you|could you|would you)\s+)*{_KEEP}\W+{_POSSESSED_FACT}",
                   re.IGNORECASE),
        # "Osian's got rugby on tuesdays, remember that": the fact, then the word to keep it
        re.compile(rf"^(?!\W*(?:remind|set|add|put|turn|switch)\b).{{8,}}?[,.]?\s+{_KEEP}(?: that| this| it)?\W*$", re.IGNORECASE),
        ASKED_BACK, ASKED_AGAIN, ASKED_ABOUT_THEIR_PEOPLE, ASKED_FOR_A_SECRET, ASKED_FOR_A_SECRET_LAST,
        # "forget what I told you about the gate code", "delete what I said about …": a fact told, taken back
        re.compile(r"^\W*(?:(?:please|hey|ok|okay|can you|could you)\s+)*(?:forget|delete|erase|remove|drop)\s+"
                   r"(?:what|everything|anything|the (?:thing|fact|stuff)s?)\s+(?:i\s+)?(?:told|said|asked)\b", re.IGNORECASE))

EXPERT = build_expert("memory", "personal facts the user asked to remember", [remember, recall, forget],
                      [Migration("memory", 1, _migrate_v1)],
                      capability="things to remember", propose=propose, services={"forget_fact": delete_fact}, cues=CUES,
                      evidence=evidence, foreign=foreign,
                      views=(View("memory", "Facts you asked the assistant to remember.", lambda db, now: list_facts(db),
                                  ("id", "subject", "text", "updated")),),
                      examples=Path(__file__).with_suffix(".jsonl"))
