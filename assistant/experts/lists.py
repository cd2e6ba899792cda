"""Shopping and to-do lists: add, remove, check off, read and clear items by name.

List names and items are normalised deterministically ("the Hardware List" -> "hardware",
"some milk" -> "milk"); items are matched exactly first, then by words and typos (rapidfuzz).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from assistant.context import ExpertContext
from assistant.messages import ActionResult, Decision, Request
from assistant.registry import View, api, build_expert
from assistant.slots import Slot
from assistant.storage.db import Migration
from assistant.words import command
from assistant.words import command_with_marks
from assistant.words import split_items as split_said

DEFAULT_LIST = "shopping"
_LIST_ALIASES = {"todo": "to do", "to-do": "to do", "todos": "to do", "to-dos": "to do", "to dos": "to do",
                 "grocery": "shopping", "groceries": "shopping", "grocery shopping": "shopping"}
_DROPPED_LEADS = ("some more ", "a few more ", "some ", "more ", "any ", "the ", "an ", "a ")
_COUNTS = {"dozen", "couple", "few", "pair"}  # "a dozen eggs" is twelve: the "a" is the number
_MEASURES = {"dozen", "couple", "few", "pack", "packet", "bag", "box", "bottle", "loaf", "carton", "can",
             "jar", "tin", "kilo", "pound", "pint", "litre", "liter", "bunch", "tub", "roll", "head", "pair"}
_COMPOUNDS = ("mac and cheese", "macaroni and cheese", "fish and chips", "salt and vinegar",
              "salt and pepper", "bread and butter", "peanut butter and jelly", "sweet and sour",
              "ham and cheese", "cheese and onion", "half and half", "cookies and cream", "pork and beans",
              "black and white", "oil and vinegar", "rice and beans", "strawberries and cream")
_FUZZY_CUTOFF = 85


def _migrate_v1(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE lists (name TEXT PRIMARY KEY, created TEXT)")
    db.execute("CREATE TABLE list_items (id INTEGER PRIMARY KEY, list_name TEXT NOT NULL "
               "REFERENCES lists(name), item TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, added TEXT)")
    db.execute("CREATE INDEX list_items_by_list ON list_items (list_name)")


# -- normalisation ---------------------------------------------------------------------------

def normalise_list_name(name: str | None) -> str:
    """'the Hardware List' -> 'hardware', 'my to-do list' -> 'to do', None -> 'shopping'."""
    text = re.sub(r"[^\w\s'-]", " ", (name or "").lower())
    text = " ".join(text.split())
    text = re.sub(r"^(?:the|my|our)(?:\s+|$)", "", text)  # "my list": a determiner alone names none
    text = re.sub(r"\s*\blist$", "", text).strip()
    return _LIST_ALIASES.get(text, text) or DEFAULT_LIST


TYPO_SIMILARITY = 85  # a new list's name this close to a known one is a slip of it ("shoping")


def spelled_as_known(db: sqlite_utils.Database, name: str) -> str:
    """A list name as the lists that exist (or the default) spell it: "shoping" is "shopping"."""
    known = {DEFAULT_LIST, *_LIST_ALIASES.values(),
             *(row[0] for row in db.execute("SELECT name FROM lists").fetchall())} if "lists" in db.table_names() else {DEFAULT_LIST}
    if name in known or len(name) < 5:
        return name
    close = [k for k in known if fuzz.ratio(name, k) >= TYPO_SIMILARITY]
    return close[0] if len(close) == 1 else name


def said_list_name(ctx: ExpertContext, list_name: str | None) -> str | None:
    """The model's list name if the user named that list ("add milk" names none: the model's
    "grocery" guess must not create a list); without an utterance, the name as given."""
    if not list_name or ctx.utterance is None:
        return list_name
    said = ctx.utterance.text
    previous = ctx.previous
    if previous and previous.expert == "lists":  # "add eggs too" carries that list on, as named then
        said += f" {previous.args.get('list_name') or ''} {previous.text}"
    words = re.findall(r"[\w'-]+", said.lower())
    spans = {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    wanted = normalise_list_name(list_name)
    return list_name if any(normalise_list_name(span) == wanted for span in spans) else None


def normalise_item(item: str) -> str:
    """'Some Milk.' -> 'milk', 'a bag of rice' -> 'bag of rice'; '2 lemons', 'a dozen eggs' and
    'some bags of ice' stay as they are (lowercased)."""
    text = " ".join(item.strip().strip("\"'.!?;:").lower().split())
    for lead in _DROPPED_LEADS:
        rest = text[len(lead):]
        kept = _COUNTS if lead in ("a ", "an ") else _MEASURES
        if text.startswith(lead) and rest and rest.split()[0] not in kept:
            return rest
    return text


def split_items(items: list[str], split_on_and: bool = True) -> list[str]:
    """Split 'eggs, bread and milk' into items; compounds like 'mac and cheese' stay whole."""
    parts: list[str] = []
    for raw in items:
        text = raw.lower()
        for compound in _COMPOUNDS:
            text = text.replace(compound, compound.replace(" and ", "\0"))
        for part in re.split(r"[,;]", text):
            part = re.sub(r"^\s*(?:and|&)\s+", "", part).strip()
            pieces = re.split(r"\s+(?:and|&)\s+", part) if split_on_and else [part]
            parts.extend([part] if any(len(p.split()) > 4 for p in pieces) else pieces)
    return _unique(i for i in (normalise_item(p.replace("\0", " and ")) for p in parts) if i)


def _key(item: str) -> str:
    """A comparison key that ignores simple plurals ('tomatoes' == 'tomato')."""
    words = item.split()
    if not words:
        return item
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("oes") or re.search(r"(?:s|x|ch|sh)es$", last):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        last = last[:-1]
    return " ".join(words[:-1] + [last])


def _unique(items: Any) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if _key(item) not in seen:
            seen.add(_key(item))
            out.append(item)
    return out


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# -- storage ---------------------------------------------------------------------------------

def _list_exists(db: sqlite_utils.Database, name: str) -> bool:
    return db.execute("SELECT 1 FROM lists WHERE name = ?", [name]).fetchone() is not None


def _list_names(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM lists ORDER BY name").fetchall()]


def list_vocabulary(db: sqlite_utils.Database) -> list[str]:
    """The lists' names as people say them ("hardware list"), for biasing speech-to-text."""
    return [f"{name} list" for name in _list_names(db)]


def _rows(db: sqlite_utils.Database, name: str) -> list[dict[str, Any]]:
    cursor = db.execute("SELECT id, list_name, item, done, added FROM list_items "
                        "WHERE list_name = ? ORDER BY id", [name])
    return [dict(zip(("id", "list_name", "item", "done", "added"), r)) for r in cursor.fetchall()]


def all_lists(db: sqlite_utils.Database) -> dict[str, list[dict[str, Any]]]:
    """Every list (empty ones too) with its items in insertion order."""
    return {name: [{"item": r["item"], "done": bool(r["done"])} for r in _rows(db, name)]
            for name in _list_names(db)}


def _restore_rows(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        db.execute("INSERT OR REPLACE INTO list_items (id, list_name, item, done, added) "
                   "VALUES (?, ?, ?, ?, ?)", [row["id"], row["list_name"], row["item"], row["done"], row["added"]])


def _set_done(db: sqlite_utils.Database, ids: list[int], done: bool) -> None:
    for item_id in ids:
        db.execute("UPDATE list_items SET done = ? WHERE id = ?", [int(done), item_id])


def _match(query: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows matching `query`: exact (plural-insensitive) first, else by whole words or typos."""
    key = _key(normalise_item(query))
    exact = [r for r in rows if _key(r["item"]) == key]
    if exact or not key:
        return exact
    words = {_key(w) for w in key.split()}
    return [r for r in rows
            if words <= {_key(w) for w in r["item"].split()}
            or fuzz.ratio(key, _key(r["item"])) >= _FUZZY_CUTOFF]


def _missing_list(db: sqlite_utils.Database, name: str) -> ActionResult:
    names = _list_names(db)
    known = f" Your lists: {_join(names)}." if names else ""
    return ActionResult(ok=False, reply=f"You don't have a {name} list.{known}")


def _resolve(ctx: ExpertContext, items: list[str], name: str,
             done: bool | None = None) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Map each requested item to one row (of those with `done`, if given).

    Returns (found rows, phrases not found, 'which one' questions)."""
    rows = [r for r in _rows(ctx.db, name) if done is None or bool(r["done"]) == done]
    found: list[dict[str, Any]] = []
    missing: list[str] = []
    ambiguous: list[str] = []
    for item in split_items(items, split_on_and=name != "to do"):
        matches = [r for r in _match(item, rows) if r not in found]
        if len(matches) == 1:
            found.append(matches[0])
        elif matches:
            ambiguous.append(f"{item}: {' or '.join(r['item'] for r in matches)}")
        else:
            missing.append(item)
    return found, missing, ambiguous


def _not_on(missing: list[str], name: str) -> str:
    if not missing:
        return ""
    return f"{_join(missing)} {'is' if len(missing) == 1 else 'are'}n't on your {name} list"


def _which(ambiguous: list[str]) -> str:
    return f"which did you mean — {'; '.join(ambiguous)}?" if ambiguous else ""


def _sentence(*clauses: str) -> str:
    """Join the non-empty clauses with '; ', capitalised, ending in '.' unless a question."""
    text = "; ".join(c for c in clauses if c)
    text = text[:1].upper() + text[1:]
    return text if text.endswith("?") else text + "."


# -- undo --------------------------------------------------------------------------------------

def _undo_add(ctx: ExpertContext, data: dict) -> None:
    with ctx.db.conn:
        ctx.db.execute("BEGIN IMMEDIATE")
        for item_id in data.get("added_ids", []):
            ctx.db.execute("DELETE FROM list_items WHERE id = ?", [item_id])
        _set_done(ctx.db, data.get("reopened_ids", []), True)
        if data.get("created_list"):
            ctx.db.execute("DELETE FROM lists WHERE name = ? AND NOT EXISTS "
                           "(SELECT 1 FROM list_items WHERE list_name = ?)", [data["list"], data["list"]])


def _undo_restore(ctx: ExpertContext, data: dict) -> None:
    with ctx.db.conn:
        ctx.db.execute("BEGIN IMMEDIATE")
        _restore_rows(ctx.db, data["rows"])


def _undo_complete(ctx: ExpertContext, data: dict) -> None:
    with ctx.db.conn:
        ctx.db.execute("BEGIN IMMEDIATE")
        _set_done(ctx.db, data["ids"], False)


# -- APIs ---------------------------------------------------------------------------------------

# words that stand for items without naming any
PLACEHOLDERS = frozenset(_key(words) for words in (
    "something", "some thing", "some things", "things", "stuff", "some stuff", "a few things", "a couple of things",
    "items", "an item", "a thing", "it", "this", "that", "anything"))


_REQUEST_VERB = re.compile(r"^(?:please )?(?:put|add|stick|pop|write|jot|throw|chuck|place|include|note)(?: down)? ", re.I)


_LIST_NAMED = re.compile(r"\b(?:to|on|onto|in|into)\s+(?:my|the|our)\s+(?P<name>[\w'-]+(?:\s+[\w'-]+)?)\s+list\b",
                         re.IGNORECASE)


def _list_named(said: str) -> str | None:
    """The list the user named by its name ("… to the braai list"), or None."""
    found = _LIST_NAMED.search(said)
    return found["name"] if found else None


_LINKING = frozenset("to the my our on onto in into a an of".split())


def _of_the_list_phrase(item: str, list_name: str, said: str) -> bool:
    """Whether an item of one word is a word of "to the <name> list", which the model split into items
    ("add stuff to the home depot list" written as stuff, to, home, depot): a linking word, or a word
    of the list's name said only there."""
    word = item.strip().lower()
    if len(word.split()) != 1:
        return False
    if word in _LINKING:
        return True
    spoken = re.findall(r"[\w']+", said.lower())
    return word in list_name.lower().split() and spoken.count(word) == 1 and f"{list_name.lower()} list" in said.lower()


def _without_request(item: str, list_name: str, said: str) -> str:
    """An item the model copied with the request around it ("put something on my to do list"),
    or with the verb the user's request opened with ("stick vegemite"): the words after the verb
    (and before "on/to the <list> list"), normalised as any item ("add a calculator" is "calculator");
    else the item as written."""
    name = r"[\s-]+".join(map(re.escape, list_name.split()))  # ("to do" written "to-do")
    tail = re.compile(rf"(?:^|\s+)(?:on|onto|to|in|into)\s+(?:my|the|our|a)?\s*(?:{name}|list)(?: list)?\s*$", re.I)
    if _REQUEST_VERB.match(item) and tail.search(_REQUEST_VERB.sub("", item)):
        return normalise_item(tail.sub("", _REQUEST_VERB.sub("", item)))  # "add to the list": nothing
    if _REQUEST_VERB.match(item) and command(said).startswith(item.lower()):  # "stick vegemite on the list"
        return normalise_item(_REQUEST_VERB.sub("", item)) or item
    return item


# who an item is for, said after it ("tim tams for Lachie", "nappies for the baby"): not a word of the item
FOR_WHOM = re.compile(r"\s+for\s+(?P<who>(?:the|my|our)\s+(?:kids?|baby|son|daughter|husband|wife|partner|mum|mom|dad|nan|"
                      r"gran|grandma|grandpa|grandad|boys?|girls?|guests?)|him|her|them|me|us|[a-z]+)\W*$", re.IGNORECASE)


def _without_whom(item: str, said: str) -> str:
    """The item without who it is for, said after it; a name only as the user wrote one (capitalised)."""
    found = FOR_WHOM.search(item)
    if found is None:
        return item
    who = found["who"]
    if " " not in who and who.lower() not in ("him", "her", "them", "me", "us") \
            and not re.search(rf"\bfor\s+{re.escape(who[:1].upper() + who[1:].lower())}\b", said):
        return item  # ("food for dogs", "paper for printing")
    return item[:found.start()]


# words that point at the list of the call before ("on there", "to it", "that list", "… too")
POINTS_AT_LIST = re.compile(r"\b(?:on|onto|to|in)\s+(?:there|it|that(?:\s+one)?|the same(?:\s+one)?)\b|\bthat list\b"
                            r"|\b(?:too|as well|also)\W*$", re.IGNORECASE)


def _list_pointed_at(ctx: ExpertContext, said: str) -> str | None:
    """The list the previous call added to, when these words point back at it and name none."""
    previous = ctx.previous
    if previous is None or previous.expert != "lists" or not POINTS_AT_LIST.search(said or ""):
        return None
    named = previous.args.get("list_name")
    return named if isinstance(named, str) and named.strip() else None


@api(speculative_safe=True, undo=_undo_add, slots={"items": Slot("items", "What should I add?"),
                                                   "list_name": Slot("text", "What should I call the new list?")})
def add(ctx: ExpertContext, items: list[str], list_name: str | None = None) -> ActionResult:
    """Add one or more items (e.g. ["eggs", "bread"]) to a list (default: shopping)."""
    said = ctx.utterance.text if ctx.utterance else ""
    started = _list_started(said)
    if started and all(normalise_list_name(i) in (started, DEFAULT_LIST) or not i.strip() for i in items):
        return _start_list(ctx, started)  # "start a new list called diwali shopping": the list, no item
    if not list_name and (named := _list_named(said)):  # "add wors to the braai list" written as two items
        list_name, items = named, [i for i in items if normalise_list_name(i) != normalise_list_name(named)]
    list_name = list_name or _list_pointed_at(ctx, said)  # "chuck sandpaper on there too": the list just added to
    name = spelled_as_known(ctx.db, normalise_list_name(said_list_name(ctx, list_name)))
    items = _as_said(items, said)
    wanted = [ALSO.sub("", _without_request(item, name, said)) for item in split_items(items, split_on_and=name != "to do")]
    wanted = [_without_whom(item, said) for item in wanted if item.strip() and not _of_the_list_phrase(item, name, said)]
    if not wanted and (unnamed := UNNAMED_LIST.match(said.strip())):  # "make a new list": called what?
        return ActionResult(ok=False, reply="What should I call the new list?", missing="list_name")
    if not wanted and list_name and not _list_exists(ctx.db, name):  # its name given: the list, no item yet
        return _start_list(ctx, name)
    if not wanted or all(_key(item.lower()) in PLACEHOLDERS for item in wanted):  # "stick something on the list"
        return ActionResult(ok=False, reply="What should I add?", missing="items")
    now = ctx.clock.now().isoformat(timespec="seconds")
    added_ids, reopened, already = [], [], []
    with ctx.db.conn:  # read and write under the write lock: concurrent adds lose nothing
        ctx.db.execute("BEGIN IMMEDIATE")
        created = ctx.db.execute("INSERT OR IGNORE INTO lists (name, created) VALUES (?, ?)",
                                 [name, now]).rowcount == 1
        rows = _rows(ctx.db, name)
        for item in wanted:
            existing = next((r for r in rows if _key(r["item"]) == _key(item)), None)
            if existing is None:
                cursor = ctx.db.execute("INSERT INTO list_items (list_name, item, done, added) "
                                        "VALUES (?, ?, 0, ?)", [name, item, now])
                added_ids.append((cursor.lastrowid, item))
            elif existing["done"]:
                _set_done(ctx.db, [existing["id"]], False)
                reopened.append((existing["id"], existing["item"]))
            else:
                already.append(existing["item"])
    new_items = [i for _, i in added_ids + reopened]
    reply = _add_reply(new_items, already, name, created)
    data = {"list": name, "added": new_items, "already": already}
    undo = ({"list": name, "added_ids": [i for i, _ in added_ids], "reopened_ids": [i for i, _ in reopened],
             "created_list": created} if new_items else None)
    return ActionResult(reply=reply, data=data, undo=undo)


# a list started by name, nothing put on it yet: "start a new list called diwali shopping",
# "make a packing list", "create a list for the camping trip"
LIST_STARTED = re.compile(r"^(?:please )?(?:can you |could you )?(?:start|make|create|begin|set up|open)\s+"
                          r"(?:a|an|my|our|me a)\s+(?:new\s+)?(?:(?:list|to ?do list)\s+(?:called|named|for)\s+(?:the\s+|my\s+)?"
                          r"(?P<called>[\w' -]+?)|(?P<named>[\w' -]+?)\s+list)\W*$", re.IGNORECASE)


# a list started with no name ("make a new list", "start another list"): its name is asked for
UNNAMED_LIST = re.compile(r"^(?:please )?(?:can you |could you )?(?:start|make|create|begin|set up|open)\s+"
                          r"(?:a|an|another|me a|me another)\s+(?:(?:new|other|second|fresh|blank|empty|different"
                          r"|separate)\s+)?list\W*$", re.IGNORECASE)
ALSO = re.compile(r"\s+(?:too|as well|also)$", re.IGNORECASE)  # "add juice too": the item is juice


def _list_started(said: str) -> str | None:
    """The name of the list the words start (normalised), or None (also for "a new list", which
    names none)."""
    found = LIST_STARTED.match(said.strip())
    return normalise_list_name(found["called"] or found["named"]) if found and not UNNAMED_LIST.match(said.strip()) \
        else None


def _start_list(ctx: ExpertContext, name: str) -> ActionResult:
    now = ctx.clock.now().isoformat(timespec="seconds")
    with ctx.db.conn:
        ctx.db.execute("BEGIN IMMEDIATE")
        created = ctx.db.execute("INSERT OR IGNORE INTO lists (name, created) VALUES (?, ?)",
                                 [name, now]).rowcount == 1
    reply = f"Started your {name} list. What should I put on it?" if created else f"You already have a {name} list."
    undo = {"list": name, "added_ids": [], "reopened_ids": [], "created_list": True} if created else None
    return ActionResult(reply=reply, data={"list": name, "added": [], "already": []}, undo=undo)


def _add_reply(new_items: list[str], already: list[str], name: str, created: bool) -> str:
    where = f"your new {name} list" if created and name != DEFAULT_LIST else f"your {name} list"
    added = f"added {_join(new_items)} to {where}" if new_items else ""
    there = f"already on {where}" if not new_items else "already there"
    there = f"{_join(already)} {'is' if len(already) == 1 else 'are'} {there}" if already else ""
    return _sentence(added, there)


@api(speculative_safe=True, undo=_undo_restore, slots={"items": Slot("items", "What should I take off?")})
def remove(ctx: ExpertContext, items: list[str], list_name: str | None = None) -> ActionResult:
    """Remove items from a list (default: shopping)."""
    name = normalise_list_name(list_name)
    if not _list_exists(ctx.db, name):
        return _missing_list(ctx.db, name)
    found, missing, ambiguous = _resolve(ctx, items, name)
    with ctx.db.conn:
        ctx.db.execute("BEGIN IMMEDIATE")
        for row in found:
            ctx.db.execute("DELETE FROM list_items WHERE id = ?", [row["id"]])
    removed = [r["item"] for r in found]
    done_part = f"removed {_join(removed)} from your {name} list" if removed else ""
    reply = _sentence(done_part, _not_on(missing, name), _which(ambiguous))
    return ActionResult(ok=bool(found), reply=reply, data={"list": name, "removed": removed},
                        undo={"rows": found} if found else None)


@api(speculative_safe=True, undo=_undo_complete)
def complete(ctx: ExpertContext, items: list[str], list_name: str | None = None) -> ActionResult:
    """Check off (mark done) items on a list (default: shopping)."""
    name = normalise_list_name(list_name)
    if not _list_exists(ctx.db, name):
        return _missing_list(ctx.db, name)
    found, missing, ambiguous = _resolve(ctx, items, name, done=False)
    done_rows = [r for r in _rows(ctx.db, name) if r["done"]]
    was_done = [m for m in missing if _match(m, done_rows)]
    missing = [m for m in missing if m not in was_done]
    with ctx.db.conn:
        ctx.db.execute("BEGIN IMMEDIATE")
        _set_done(ctx.db, [r["id"] for r in found], True)
    checked = [r["item"] for r in found]
    done_part = f"checked off {_join(checked)} on your {name} list" if checked else ""
    already = f"{_join(was_done)} {'was' if len(was_done) == 1 else 'were'} already checked off" if was_done else ""
    reply = _sentence(done_part, already, _not_on(missing, name), _which(ambiguous))
    ok = bool(found) or (bool(was_done) and not missing and not ambiguous)
    return ActionResult(ok=ok, reply=reply, data={"list": name, "completed": checked},
                        undo={"ids": [r["id"] for r in found]} if found else None)


@api(speculative_safe=True)
def read(ctx: ExpertContext, list_name: str | None = None) -> ActionResult:
    """Read out what is on a list (default: shopping)."""
    name = normalise_list_name(list_name)
    if not _list_exists(ctx.db, name):
        if name == DEFAULT_LIST:
            return ActionResult(reply="Your shopping list is empty.", data={"list": name, "items": []})
        return _missing_list(ctx.db, name)
    rows = _rows(ctx.db, name)
    open_items = [r["item"] for r in rows if not r["done"]]
    done_items = [r["item"] for r in rows if r["done"]]
    if open_items:
        reply = f"Your {name} list has {_join(open_items)}."
        if done_items:
            reply += f" Checked off: {_join(done_items)}."
    elif done_items:
        reply = f"Everything on your {name} list is checked off ({_join(done_items)})."
    else:
        reply = f"Your {name} list is empty."
    items = [{"item": r["item"], "done": bool(r["done"])} for r in rows]
    return ActionResult(reply=reply, data={"list": name, "items": items})


@api(sensitive=True, undo=_undo_restore)
def clear(ctx: ExpertContext, list_name: str | None = None) -> ActionResult:
    """Remove every item from one list (default: shopping)."""
    name = normalise_list_name(list_name)
    if not _list_exists(ctx.db, name):
        return _missing_list(ctx.db, name)
    rows = _rows(ctx.db, name)
    if not rows:
        return ActionResult(reply=f"Your {name} list is already empty.", data={"list": name, "removed": 0})
    ctx.db.execute("DELETE FROM list_items WHERE list_name = ?", [name])
    count = len(rows)
    return ActionResult(reply=f"Cleared your {name} list ({count} item{'s' if count != 1 else ''}).",
                        data={"list": name, "removed": count}, undo={"rows": rows})


# -- the fast router's command shapes and cues ("add eggs and bread to the shopping list") -------

def joined_items(api_name: str, args: dict, said: str) -> bool:
    """Whether two of the call's items are said joined by a bare "and" ("mac and cheese", "salt
    and pepper"): one thing or two is the confirmer's judgement (`Expert.doubtful`)."""
    items = [str(i).lower() for i in args.get("items") or []]
    spoken = " ".join(re.sub(r"[^\w\s']", " , ", said.lower()).split())
    return any(f"{a} and {b}" in spoken for a, b in zip(items, items[1:]))


def _as_said(items: list[str], said: str) -> list[str]:
    """The items with the words the user said right after one kept ("a new lightbulb for the
    garage" written as "new lightbulb"): an item that begins an item of the utterance is that item."""
    own = _items_read(said)
    apart = _items_read(re.sub(r"\s*,\s*(?!and\b)", " and ", said)) if "," in said else []
    fuller = []
    for item in items:
        words = item.lower().split()
        longer = [o for o in own if len(o.split()) > len(words) and o.split()[:len(words)] == words]
        fuller.extend([longer[0]] if len(longer) == 1 and len(own) == len(items) else _apart(item, apart))
    return fuller


def _items_read(said: str) -> list[str]:
    """The items the rules read in the words, without a leading article ("some", "the")."""
    proposal = _list_add(command(said))
    return [re.sub(r"^(?:(?:a|an|some|more|the)\s+)+", "", o.lower()) for o in (proposal.args["items"] if proposal else [])]


def _apart(item: str, own: list[str]) -> list[str]:
    """The user's items an item ran together ("eggs pandesal" for "eggs, pandesal"), else [item]."""
    words = item.lower().split()
    if item.lower() in own or len(words) < 2:
        return [item]
    for start in range(len(own)):
        taken, parts = 0, []
        for other in own[start:]:
            size = len(other.split())
            if words[taken:taken + size] != other.split():
                break
            parts.append(other)
            taken += size
            if taken == len(words):
                return parts if len(parts) > 1 else [item]
    return [item]


ADD_VERBS = r"(?:add|ad|put|stick|pop|chuck|throw|bung|whack|jot down|write down)"
# a need said instead of "add": "we're out of foil", "we've run out of milk", "we need more bin bags"
_NEARLY = r"(?: just| completely| almost| nearly| practically| basically| totally| all but| pretty much| about to run)?"
NEED = (rf"(?:(?:we're|we are|were|i'm|i am|we've|we have|i've|i have){_NEARLY} )?"
        r"(?:run out of|ran out of|running out of|out of|low on|running low on|short of)"
        r"|(?:we|i) (?:need|needs|could do with|want)(?: to (?:buy|get|pick up))?(?: some more| some| more)?"
        r"|(?:we|i)'ll need(?: some| more)?|(?:we|i) need to (?:buy|get)")
# what may follow it: where to put it ("stick it on the list", "add them to my list", "on the list")
ON_LIST = (r"(?:,? (?:(?:(?:so |please )?(?:add|put|stick|pop|chuck|throw|bung) (?:it|them|that|those|some) "
           r"(?:to|on|onto))|on|for) (?:the |my |our )?(?P<list>[a-z ]+?)?(?: list|list))?")


def _list_add(text: str) -> Decision | None:
    match = re.match(rf"^{ADD_VERBS} (?P<items>.+?) (?:to|too|on|onto) (?:the |my |our )?(?P<list>[a-z ]+?)(?: list)?$", text) \
        or re.match(rf"^{ADD_VERBS} (?P<items>.+?) (?:in|into) (?:the |my |our )?(?P<list>[a-z ]+?) list$", text)
    if not match:
        return _needed(text) or _bare_add(text)
    return Decision(expert="lists", api="add", args={"items": split_said(match["items"]), **_list_name(match["list"])},
                    source="router")


def _needed(text: str) -> Decision | None:
    """"we're out of foil, stick it on the list", "we need more batteries": what is needed is added
    (to the list named after it, else the default one)."""
    match = re.match(rf"^(?:{NEED}) (?P<items>[a-z' ]+?){ON_LIST}$", text)
    if not match or re.search(r"\b(?:it|them|that|this|to|for|you|time|help|a hand|idea|how|what|break|rest|sleep|"
                                           r"talk|money|patience|space|room|here|light|heat|warmth|air)\b|^(?:the|my|our|your|here|town|bed|work)\b"
                                           r"|^more$",
                                           match["items"]):
        return None
    name, items = (match["list"] or "").strip(), _plain_items(match["items"])
    if not items:
        return None
    return Decision(expert="lists", api="add", args={"items": items, **_list_name(name or "list")}, source="router")


def _plain_items(said: str) -> list[str] | None:
    """The items of a list said with no commas, or None when where one ends is unclear ("shampoo
    conditioner and toothpaste": one item or two? "coffee filters and dish soap" says its items alike)."""
    items = split_said(said)
    uneven = len({len(i.split()) > 1 for i in items}) > 1
    return None if "," not in said and uneven and any(len(i.split()) > 1 for i in items[:-1]) else items


def _bare_add(text: str) -> Decision | None:
    """"add avocados", "add shampoo conditioner and toothpaste": no list named, the default one."""
    match = re.match(rf"^{ADD_VERBS} (?P<items>[a-z' ]+)$", text)
    if not match or re.search(r"\b(?:to|on|onto|into|in|by|it|them|that|this|reminder|timer|alarm|minutes?|hours?|"
                              r"seconds?|note|event|appointment|calendar)\b", match["items"]):
        return None
    items = _plain_items(match["items"])
    return Decision(expert="lists", api="add", args={"items": items}, source="router") if items else None



def _list_read(text: str) -> Decision | None:
    match = re.match(r"^(?:what's|what is|whats|read me|read|tell me what's) (?:on )?(?:the |my |our )?"
                     r"(?P<list>[a-z ]+?) list$", text)
    return Decision(expert="lists", api="read", args=_list_name(match["list"]), source="router") if match else None


def _list_clear(text: str) -> Decision | None:
    """"clear the shopping list", "empty my list", "delete everything on the to do list": a call
    that needs a yes, so the proposal is its question, asked at once (`routing.ask_early`)."""
    match = (re.match(r"^(?:clear|empty|wipe|clean)(?: out| off)? (?:the |my |our )?(?P<list>[a-z ]+?)(?: list)?$", text)
             or re.match(r"^(?:delete|remove|clear|wipe|cross off|take off) (?:everything|all(?: the)? items|"
                         r"all items|every item)(?: (?:on|from|off) (?:the |my |our )?(?P<list>[a-z ]+?)(?: list)?)?$", text))
    if not match or not re.search(r"\blist\b", text) or re.search(r"\b(?:it|them|that|this|reminders?|timers?|alarms?|"
                                                                  r"notifications?|history|memory)\b", text) \
            or re.search(r"\b(?:off|from|on|of|out|in|and)\b", match["list"] or ""):
        return None  # "clear milk off the list" is no list called "milk off the"
    return Decision(expert="lists", api="clear", args=_list_name(match["list"] or "list"), source="router")



def _list_remove(text: str) -> Decision | None:
    """"take milk off the shopping list", "cross off the nails on the hardware list"; "cross off the
    eggs", "strike the bread off" (no list named: the default one)."""
    match = re.match(r"^(?:remove|take|delete|cross|strike) (?P<items>.+?) (?:off|from|off of) (?:the |my |our )?"
                     r"(?P<list>[a-z ]+?)(?: list)?$", text) \
        or re.match(r"^(?:cross|strike) off (?P<first>.+?) (?:on|from|off) (?:the |my |our )?(?P<list>[a-z ]+?) list$", text) \
        or re.match(r"^(?:cross|strike) (?:off (?P<first>.+)|(?P<last>.+?) off)$", text)
    if not match:
        return None
    said = match.groupdict().get("items") or match.groupdict().get("first") or match.groupdict().get("last")
    if re.search(r"\b(?:it|them|that|this|everything|all|list|reminders?|timers?|alarms?|days?|weeks?)\b", said):
        return None  # "cross it off": which? "cross off the days": a calendar's
    items = [re.sub(r"^(?:the|my|our) ", "", i) for i in split_said(said)]
    return Decision(expert="lists", api="remove", args={"items": items, **_list_name(match.groupdict().get("list") or "list")},
                    source="router")



def _list_complete(text: str) -> Decision | None:
    """"tick off the batteries on the hardware list", "mark eggs as done", "check off milk" (crossed
    off is taken off: `_list_remove`)."""
    match = (re.match(r"^(?:tick|check) off (?P<items>.+?)(?: (?:on|from|off) (?:the |my |our )?"
                      r"(?P<list>[a-z ]+?)(?: list)?)?$", text)
             or re.match(r"^(?:tick|check) (?P<items>.+?) off(?: (?:on|from|off) (?:the |my |our )?"
                         r"(?P<list>[a-z ]+?)(?: list)?)?$", text)
             or re.match(r"^mark (?P<items>.+?) as (?:done|bought|got|complete|completed)(?: (?:on|from) (?:the |my |our )?"
                         r"(?P<list>[a-z ]+?)(?: list)?)?$", text))
    if not match or re.search(r"\b(?:it|them|that|this|everything|all)\b", match["items"]):
        return None
    items = [re.sub(r"^(?:the|my|our) ", "", i) for i in split_said(match["items"])]
    return Decision(expert="lists", api="complete", args={"items": items, **_list_name(match["list"] or "list")},
                    source="router")


def _list_name(said: str) -> dict[str, str]:
    """"the shopping list" names a list; "my list" means the default one."""
    return {} if re.fullmatch(r"(?:(?:the|my|our)\s*)?(?:list)?", said.strip()) else {"list_name": said}


def propose(request: Request) -> Decision | None:
    text = request.words
    marked = command_with_marks(request.text)  # the items as said: "milk, bread and weet-bix"
    added = _list_add(marked) if marked != text else None
    return added or _list_add(text) or _list_read(text) or _list_clear(text) or _list_remove(text) \
        or _list_complete(text)


_A_LIST = r"(?:the |my |our )?(?:[a-z']+ ){0,2}list\b"
CUES = (  # "add / put X on|to|in the Y list"; "check / tick / cross X off|from the Y list"
    re.compile(rf"\b(?:add|put|stick|throw|pop|write|jot|chuck)\b .+ \b(?:to|on|onto|in|into)\b {_A_LIST}", re.IGNORECASE),
    re.compile(rf"\b(?:check|tick|cross|mark|strike|remove|take|delete)\b .+ \b(?:off|from|on)\b {_A_LIST}", re.IGNORECASE),
    # a thing run out of ("we're out of foil", "we've run out of milk"), not time, patience or ideas
    re.compile(rf"^\W*(?:(?:we're|we are|we've|we have|i'm|i am|i've|i have){_NEARLY} )?"
               r"(?:run out of|ran out of|running out of|out of|running low on|low on)\b"
               r"(?! (?:time|patience|ideas?|money|options|luck|space|room|here|breath|battery|range|order|sight|reach|"
               r"the|this|that|my|our|your|town|bed|work|office|it)\b)",
               re.IGNORECASE),
    # more of a thing needed ("we need more batteries"), not of light, warmth, time or help
    re.compile(r"^\W*(?:we|i) (?:(?:really|definitely|also|still) )?(?:need|could do with|could use)"
               r"(?: to (?:buy|get|pick up))? (?:some )?more\b(?! (?:light|heat|warmth|air|volume|sound|music|time|space|"
               r"room|help|sleep|rest|exercise|money|info|information|details?|practice|than|of|and)\b)(?= \w)",
               re.IGNORECASE),
)


def _list_tables(data: dict[str, list[dict]]) -> list[tuple[str, list[str], list[list]]]:
    return [(f"{name} list", ["item", "done"], [[i["item"], "\u2713" if i["done"] else ""] for i in items])
            for name, items in data.items()]


def other_items(api_name: str, args: dict, phrase: str, db: sqlite_utils.Database | None = None) -> dict | None:
    """The previous list call on other items ("add duct tape to the hardware list" → "also light
    bulbs"): the same list; or on another list named ("sorry, the farm list"): the same items."""
    if api_name not in ("add", "remove", "complete"):
        return None
    if re.search(r"\blists?\W*$", phrase.strip(), re.IGNORECASE):
        return {**args, "list_name": normalise_list_name(re.sub(r"^(?:the|my|our)\s+", "", phrase.strip(), flags=re.I))}
    return {**args, "items": [re.sub(r"^(?:a|an|some|some more|more)\s+(?=\w)", "", phrase.strip(), flags=re.I)]}


# what is done to an item on a list: "take off the flour", "cross the eggs off", "tick off bread"
_ITEM_VERBS = re.compile(r"\b(?:take|cross|tick|strike|scratch|knock|check)\b.*\boff\b|\b(?:remove|delete|drop)\b",
                         re.IGNORECASE)
EVIDENCE = 0.9  # never a cue's certainty: the model's ranking still counts


def evidence(db: sqlite_utils.Database, text: str) -> float:
    """How strongly the user's lists say the words are for them: an item on one of their lists,
    named whole with a verb that takes items off ("take off the flour, we have some")."""
    if not _ITEM_VERBS.search(text):
        return 0.0
    said = f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "
    items = db.execute("SELECT item FROM list_items WHERE done = 0").fetchall()
    named = any(f" {' '.join(re.findall(r'[a-z0-9]+', item.lower()))} " in said for (item,) in items)
    return EVIDENCE if named else 0.0


EXPERT = build_expert("lists", "shopping and to-do lists", [add, remove, complete, read, clear],
                      [Migration("lists", 1, _migrate_v1)],
                      capability="lists", propose=propose, cues=CUES, ellipsis=other_items, doubtful=joined_items,
                      views=(View("lists", "Shopping and to-do lists.", lambda db, now: all_lists(db),
                                  tables=_list_tables),),
                      examples=Path(__file__).with_suffix(".jsonl"), vocabulary=list_vocabulary, evidence=evidence)
