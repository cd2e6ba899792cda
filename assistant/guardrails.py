"""Guardrails on the way in (is this input usable and safe?) and out (may this action run now?)."""
from __future__ import annotations

import re
import unicodedata

import sqlite_utils

from assistant.registry import ApiSpec, Registry

MAX_CHARS = 500


def clean_input(text: str) -> str:
    """Drop control characters and collapse whitespace."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def input_problem(text: str) -> str | None:
    """A reason to refuse the input before any routing, or None."""
    if not text:
        return "I didn't catch anything. What would you like me to do?"
    if len(text) > MAX_CHARS:
        return f"That's too long for me ({len(text)} characters); please say it in under {MAX_CHARS}."
    letters = sum(ch.isalpha() for ch in text)
    if letters < 2 or letters < len(text) * 0.3:
        return "Sorry, I couldn't make sense of that."
    return None


def confirmation_question(registry: Registry, spec: ApiSpec, args: dict,
                          db: sqlite_utils.Database) -> str | None:
    """Why this action needs an explicit "yes" first (sensitive API or expert policy), or None."""
    expert = registry.expert(spec.expert)
    reason = expert.confirmation_policy(db, spec.name, args) if expert.confirmation_policy else None
    if reason is None and spec.sensitive:
        reason = f"{spec.description.rstrip('.').lower()}"
    if reason is None:
        return None
    return f"Just to be sure: {reason}? Say yes to confirm or no to cancel."
