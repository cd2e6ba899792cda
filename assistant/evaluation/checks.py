"""Compare the state after one utterance with what the case expects; return reasons for failure."""
from __future__ import annotations

import json
import re
from typing import Any

from assistant.evaluation.cases import Expectation
from assistant.messages import Reply


def check_reply(expect: Expectation, reply: Reply) -> list[str]:
    problems = []
    if expect.expert is not None and reply.expert != expect.expert:
        problems.append(f"expert {reply.expert!r}, expected {expect.expert!r}")
    if expect.declined is not None and reply.declined != expect.declined:
        problems.append(f"declined={reply.declined}, expected {expect.declined}")
    asked = bool(reply.asks or reply.needs_confirmation)
    if expect.asks is not None and asked != expect.asks:
        problems.append(f"asked={asked}, expected {expect.asks}")
    if expect.reply_contains_any and not _has_any_word(reply.reply, expect.reply_contains_any):
        problems.append(f"reply {reply.reply!r} has none of {expect.reply_contains_any}")
    if expect.parts is not None:
        got = ["none" if part.declined else part.expert for part in reply.parts or [reply]]
        if got != expect.parts:
            problems.append(f"parts {got}, expected {expect.parts}")
    return problems


def _has_any_word(text: str, words: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) for word in words)


def check_devices(expected: dict[str, dict[str, Any]], before: dict[str, dict],
                  after: dict[str, dict]) -> list[str]:
    problems = []
    for device_id, want in expected.items():
        got = after.get(device_id)
        if got is None:
            problems.append(f"device {device_id} does not exist")
            continue
        if "state" in want and got["state"] != want["state"]:
            problems.append(f"{device_id} state {got['state']!r}, expected {want['state']!r}")
        for attr, value in (want.get("attributes") or {}).items():
            if not _same(got["attributes"].get(attr), value):
                problems.append(f"{device_id} {attr}={got['attributes'].get(attr)!r}, expected {value!r}")
    for device_id, old in before.items():
        if device_id not in expected and after.get(device_id) != old:
            problems.append(f"{device_id} changed but should not have")
    return problems


def check_reminders(expected, reminders: list[dict]) -> list[str]:
    """Each expected reminder exists; [] means that none may exist."""
    if not expected:
        return [f"reminders exist but none should: {reminders}"] if reminders else []
    problems = []
    for want in expected:
        matches = [r for r in reminders if want.text_contains.lower() in r["text"].lower()
                   and (want.due is None or r["due"] == want.due.isoformat())
                   and (want.recurrence_contains is None
                        or want.recurrence_contains in (r["recurrence"] or ""))]
        if not matches:
            problems.append(f"no reminder like {want.model_dump(exclude_none=True)}; have {reminders}")
    return problems


def check_timers(expected, timers: list[dict]) -> list[str]:
    """Each expected timer runs; [] means that none may run."""
    if not expected:
        return [f"timers run but none should: {timers}"] if timers else []
    problems = []
    for want in expected:
        matches = [t for t in timers if (want.duration_s is None or t["duration_s"] == want.duration_s)
                   and (want.name is None or want.name.lower() in (t["name"] or "").lower())]
        if not matches:
            problems.append(f"no timer like {want.model_dump(exclude_none=True)}; have {timers}")
    return problems


def check_lists(expected: dict[str, list[str]], lists: dict[str, list[dict]]) -> list[str]:
    problems = []
    normalised = {name.strip().lower(): {i["item"].strip().lower() for i in items}
                  for name, items in lists.items()}
    for name, items in expected.items():
        have = normalised.get(name.strip().lower())
        if have is None:
            problems.append(f"no list {name!r}; have {sorted(normalised)}")
            continue
        missing = [i for i in items if i.strip().lower() not in have]
        if missing:
            problems.append(f"list {name!r} lacks {missing}; has {sorted(have)}")
    return problems


def check_scheduled(expected, scheduled: list[dict]) -> list[str]:
    """Each expected action waits (API, due to the minute, a word of its arguments); [] means
    that nothing may wait."""
    if not expected:
        return [f"scheduled actions wait but none should: {scheduled}"] if scheduled else []
    problems = []
    for want in expected:
        matches = [s for s in scheduled
                   if (want.api in (s["api"], s["api"].split(".", 1)[-1])
                       or want.api == "set" and s["api"].split(".", 1)[-1].startswith("set_"))  # any setter
                   and (want.due is None or s["due"][:16] == want.due.isoformat()[:16])
                   and (want.args_contain is None
                        or want.args_contain.lower() in json.dumps(s["args"]).lower())]
        if not matches:
            problems.append(f"no scheduled action like {want.model_dump(exclude_none=True, mode='json')}; "
                            f"have {scheduled}")
    return problems


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return abs(float(got) - float(want)) < 1e-6
    if isinstance(want, str) and isinstance(got, str):
        return got.strip().lower() == want.strip().lower()
    return got == want


def check_sources(expected, reply: Reply) -> list[str]:
    """Each expected document (and page, when given) is cited; [] means that none may be."""
    cited = [(s.document, s.page) for s in reply.sources]
    if not expected:
        return [f"cites {cited} but should cite nothing"] if cited else []
    return [f"does not cite {want.document} page {want.page}; cites {cited}" for want in expected
            if not any(doc == want.document and want.page in (None, page) for doc, page in cited)]


def check_reply_words(expected: list[str], reply: Reply) -> list[str]:
    said = reply.reply.lower()
    return [f"reply lacks {word!r}" for word in expected if word.lower() not in said]
