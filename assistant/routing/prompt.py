"""Routing prompts, ordered from most to least stable so the prefix stays cached.

1. identity and rules, 2. the API catalogue (changes only when experts change), 3. per-request
context (e.g. the previous turn), 4. the utterance, last. Instructions are few: an API's name and
one-line description say what it does.
"""
from __future__ import annotations

import json
from functools import lru_cache

from assistant.llm.backend import ChatMessage
from assistant.registry import Registry
from assistant.routing.examples import labelled_examples
from assistant.routing.schema import DECLINE, signature_line

RULES = f"""You turn a smart-home assistant user's request into one function call.
Reply with JSON {{"api": "<function>", "args": {{...}}}}. Copy names, times and durations from the request in the user's words; leave out arguments the request does not mention.
Greetings, small talk, jokes, songs, stories, riddles, arithmetic, feelings, advice, opinions and general-knowledge questions (science, history, definitions, facts) go to chat.respond.
If it needs something no function has, reply {{"api": "{DECLINE}"}}: this assistant has no internet, phone, email, messages, calendar, shopping, orders, deliveries, bookings, rides, and no live weather, news, scores, stocks, social media, streaming services or web search."""


@lru_cache(maxsize=8)
def examples(registry: Registry) -> str:
    """The fixed examples the experts mark for the prompt, one `request -> output` line each."""
    lines = ["Examples:"]
    shown = sorted((e for e in labelled_examples(registry) if e.prompt is not None), key=lambda e: e.id)
    for example in shown:
        lines.append(f"{example.text} -> {json.dumps(example.prompt, separators=(',', ':'))}")
    return "\n".join(lines)


def catalogue(registry: Registry) -> str:
    lines = ["Functions:"]
    for expert in registry.experts():
        lines.append(f"# {expert.name}: {expert.description}")
        lines.extend(signature_line(spec) for spec in expert.apis.values())
    return "\n".join(lines)


def system_prompt(registry: Registry) -> str:
    """The stable prefix: identical for every request while the experts do not change."""
    return f"{RULES}\n\n{catalogue(registry)}\n\n{examples(registry)}\n"


def routing_messages(registry: Registry, text: str, context: str | None = None) -> list[ChatMessage]:
    user = f"{context}\nRequest: {text}" if context else text
    return [ChatMessage("system", system_prompt(registry)), ChatMessage("user", user)]
