"""Names by meaning: a device called by words its name does not use ("the drinks fridge" for
the Beverage Fridge, "the fish tank light" for the Aquarium Light).

When a device phrase resolves to nothing, its words split into those the home's names use (the
head, "fridge") and those they do not (the modifier, "drinks"). The devices whose names hold
the known words are the candidates; of them, the one whose other words mean most nearly the
unknown ones (MiniLM cosine) is meant. It acts when it is clearly the nearest, asks "did you
mean …?" when it is only likely, and asks which when two are equally near. The only device of the
kind said, sharing no word with the phrase ("the desk lamp", where the one lamp is the Hall Lamp),
is at most offered; a phrase whose head the home does not use at all ("the bug sprayer") is
compared whole with every name and offered when it is near.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.experts.smart_home import vocab
from assistant.llm.backend import ModelError
from assistant.experts.smart_home.resolve import (Place, Resolution, _Description, _Problem, _Resolver, _intersect,
                                                  of_type, resolve_in)
from assistant.experts.smart_home.store import Device, Home

ACT = 0.55  # the modifier means this nearly the candidate's own words: act (with MARGIN over the next)
MARGIN = 0.15
ALONE = 0.45  # the only candidate with the head: act at this
OFFER = 0.40  # below this nothing is offered ("did you mean …?"), unless it is the only candidate
ALONE_OFFER = 0.20  # the only candidate with the head: offered from this
WHOLE_OFFER = 0.55  # a phrase with an unknown head: offered when its whole is this near a name
CLOSE = 0.08  # candidates within this of the best are equally near: ask which
FEW = 3  # sharing a name word, none near: ask which of them, when they are this few


@dataclass(frozen=True)
class Meant:
    """A phrase taken to mean a device of the home by what its words mean."""

    said: str  # the phrase as it came
    text: str  # the name of the device it is taken to mean
    score: float  # how nearly the words mean it (cosine, 0-1)
    margin: float  # its lead over the next candidate
    sure: bool  # act without asking


def resolve_meant(home: Home, device: str | None, area: str | None, device_type: str | None = None,
                  **options) -> tuple[Meant | None, Resolution | None]:
    """The device a phrase means by its words' meaning, or a "which one?" among the equally near;
    (None, None) when no word is unknown, nothing is near, or the embedding model is missing.
    `options` are `resolve_in`'s."""
    try:
        return _meant(home, device, area, device_type, **options)
    except ModelError:  # (no embeddings: the name stays unknown, as before)
        return None, None


# words a model leaves in a device phrase that say nothing of the device ("the safe room door then")
ASIDE_WORDS = frozenset("then now again too also anyway instead already just out there pls thanks first".split())


def _meant(home: Home, device: str | None, area: str | None, device_type: str | None,
           **options) -> tuple[Meant | None, Resolution | None]:
    words = vocab.tokens(device)
    if any(w in ASIDE_WORDS for w in words):  # the phrase without them, as if said so: no meaning guessed
        plain = " ".join(w for w in words if w not in ASIDE_WORDS)
        found = resolve_in(home, plain, area, device_type, **options)
        if plain and not found.problem and found.device_ids:
            return None, found
        device = plain
    resolver = _Resolver(home, options.get("here"), options.get("allowed"), options.get("bulk"))
    try:
        desc = resolver.describe(device)
        scope = _intersect(resolver.scope(area), desc.place)
    except _Problem:
        return None, None
    kinds = _candidates(resolver, scope, [], desc.types)  # the words of the names of the kind said
    unknown = [w for w in desc.words if not _known(w, _name_words(kinds))]
    if not unknown or not vocab.norm(device):
        return None, None
    known = [w for w in desc.words if w not in unknown]
    pool = _candidates(resolver, scope, known, desc.types)
    if not pool:
        return None, None
    if not known and not desc.types:
        return _offered_whole(device, pool)
    own = [_own_words(resolver, d, known, desc.types) for d in pool]
    scores = _similarities(" ".join(unknown), own)
    if len(pool) == 1 and known:  # the only one: its whole name may be nearer ("towel rail" for the Towel Warmer)
        scores = [max(scores[0], _similarities(_phrase(desc), [vocab.norm(pool[0].name)])[0])]
    if len(pool) == 1 and not known:  # the kind's only one, sharing no word ("the desk lamp": the Hall Lamp?)
        if scores[0] < OFFER:
            return None, None
        return Meant(device or "", pool[0].name, scores[0], 1.0, sure=False), Resolution([pool[0].id])
    head = desc.types[0].word if desc.types else known[-1]
    return _decided(resolver, device or "", pool, scores, head)


def _phrase(desc: _Description) -> str:
    return " ".join([*desc.words, *(tw.word for tw in desc.types)])


def _known(word: str, names: frozenset[str]) -> bool:
    return vocab.singular(word) in names or word in names or vocab.type_word(word)[0] is not None


@lru_cache(maxsize=64)
def _name_words_of(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(form for name in names for w in vocab.tokens(name) for form in (w, vocab.singular(w)))


def _name_words(devices: list[Device]) -> frozenset[str]:
    """Every word of the devices' names and aliases (with their singulars)."""
    return _name_words_of(tuple(n for d in devices for n in (d.name, *d.aliases)))


def _candidates(resolver: _Resolver, scope: Place | None, known: list[str], types: list) -> list[Device]:
    """The devices (in scope, of a permitted domain) whose names hold the known words and are of
    the kinds said."""
    pool = [d for d in resolver.in_scope(scope) if resolver.allowed is None or d.domain in resolver.allowed]
    pool = [d for d in pool if all(vocab.word_in(w, vocab.tokens(" ".join([d.name, *d.aliases]))) for w in known)]
    for tw in types:
        pool = of_type(pool, tw)
    return pool


def _own_words(resolver: _Resolver, device: Device, known: list[str], types: list) -> str:
    """A device's name words beyond those the phrase shares with it and its room's name (the
    Beverage Fridge's "beverage"); the whole name when nothing else is left."""
    area = resolver.home.area(device.area_id)
    shared = set(vocab.tokens(area.name) if area else ()) | {w for tw in types for w in vocab.tokens(tw.word)}
    words = vocab.content(vocab.tokens(device.name))
    rest = [w for w in words if w not in shared and not any(vocab.word_in(k, [w]) for k in known)]
    return " ".join(rest or words)


@lru_cache(maxsize=512)
def _embedded(texts: tuple[str, ...]) -> np.ndarray:
    from assistant.embeddings import load_minilm

    return load_minilm().embed(list(texts))


def _similarities(said: str, texts: list[str]) -> list[float]:
    vectors = _embedded(tuple([said, *texts]))
    return [float(v) for v in vectors[1:] @ vectors[0]]


def _decided(resolver: _Resolver, said: str, pool: list[Device], scores: list[float], head: str
             ) -> tuple[Meant | None, Resolution | None]:
    """Act on the nearest, offer it, or ask which of the near ones; a few devices that share the
    phrase's head (`head`: its kind or a word of their names), none of them near its other words,
    are asked about too ("the bunk bed light" with a Left and a Right Bunk Light)."""
    ranked = sorted(zip(scores, range(len(pool))), reverse=True)
    best, first = ranked[0]
    device = pool[first]
    if len(pool) == 1:
        if best < ALONE_OFFER:
            return None, None
        return Meant(said, device.name, best, 1.0, sure=best >= ALONE), Resolution([device.id])
    second = ranked[1][0]
    near = [pool[i] for score, i in ranked if best - score <= CLOSE]
    if best < OFFER:
        near = pool if len(pool) <= FEW else []
    if len(near) > 1:
        return None, Resolution([], resolver.question(near, head), which=resolver.which(near))
    if best < OFFER:
        return None, None
    sure = best >= ACT and best - second >= MARGIN
    return Meant(said, device.name, best, best - second, sure=sure), Resolution([device.id])


def _offered_whole(said: str | None, pool: list[Device]) -> tuple[Meant | None, Resolution | None]:
    """A phrase none of whose words the home uses: the device whose whole name means most nearly
    the same, offered as a question, when it is near and clearly the nearest."""
    scores = _similarities(vocab.norm(said), [vocab.norm(d.name) for d in pool])
    ranked = sorted(zip(scores, range(len(pool))), reverse=True)
    best, first = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    if best < WHOLE_OFFER or best - second < CLOSE:
        return None, None
    device = pool[first]
    return Meant(said or "", device.name, best, best - second, sure=False), Resolution([device.id])
