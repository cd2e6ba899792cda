"""The retrieval proposer: for words no rule has a shape for, the nearest labelled command's frame,
filled with the new words' values and target.

The pool: the experts' labelled examples whose call is known: a prompt line's call, the
confirmer's call on it when that passed its expectations (`data/calls.jsonl`, written by
scripts/label_examples.py), or its expert's rules' proposal (never evaluation lines). For a new
utterance, the nearest labelled example of the guessed expert (MiniLM, the classifier's own
vectors) gives the command when it is close enough, no unlabelled example is clearly nearer and no
labelled one as close calls another API. The neighbour's words are its frame: its values and its
target are spans of them ("turn off the {kitchen light}", "set a timer for {10 minutes}"). The
new words fill it:
- values by their slot kind, from the deterministic extractors (durations, times, numbers);
- the target: what is left once the API's carrier words (the words its pool lines say around
  their arguments: "turn", "off", "kill", "the", "in"), fillers and the values are taken out.
  A word of it the expert does not know (`Expert.vocabulary`: the home's names; the names its
  examples use) makes the proposal unsure, except a leading verb no example says ("zap the fan")
  when the neighbour is very close; an optional free-text value (a timer's name) is the user's;
- the filled frame ("turn off the fan") is read by the expert's own `propose`; when its rules
  have no shape for it, the neighbour's call takes the new values, and the new target through
  the expert's `ellipsis` hook (which knows a device from a place). The call must be the
  neighbour's API, valid against the schema, with every value in the user's words.
None whenever anything is unsure (a negation or a condition too): the confirmer then decides alone.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import numpy as np

from assistant.messages import Decision, Request
from assistant.registry import ApiSpec, Registry, RegistryError
from assistant.routing.examples import Example, labelled_examples
from assistant.timeparse import extract_duration_phrase, extract_time_phrase
from assistant.words import HESITATION, command, digits, numbers

CALLS_FILE = Path(__file__).parent / "data" / "calls.jsonl"  # the examples' calls (scripts/label_examples.py)
MIN_SIMILARITY = 0.6  # the nearest labelled example must be at least this close (cosine)
RIVAL_GAP = 0.03  # an example this close to the nearest with another API: unsure
MAX_VERB_WORDS = 2  # a leading run of unknown words taken for the verb ("kill", "count down")
VERB_SIMILARITY = 0.75  # ... only when the nearest labelled example is at least this close
FILLERS = frozenset("the a an my our your some please pls plz thanks just now for me can you could would will".split())
NEGATION = re.compile(r"\b(?:not|don't|dont|never|no|without|except|but|unless|if|when|after|before|until)\b")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
WORD = re.compile(r"[a-z0-9']+|%")
EXTRACTORS: dict[str, Callable[[str], str | None]] = {
    "duration": extract_duration_phrase, "when": extract_time_phrase, "clock": extract_time_phrase,
}


@dataclass(frozen=True)
class Frame:
    """A pool line: its words, its call, and which of its words are the call's values."""

    text: str  # the words as `command()` reads them, numbers as digits
    call: Decision
    spans: dict[str, str]  # argument -> the span of `text` it was read from
    constants: dict[str, Any]  # inferred arguments not said ("light" for "it's dark in here")


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _read_calls(path: Path = CALLS_FILE) -> dict[str, dict[str, Any]]:
    """text -> its labelled call ({"api": "expert.api", "args": {...}})."""
    lines = path.read_text().splitlines() if path.is_file() else []
    return {line["text"]: line for line in map(json.loads, filter(str.strip, lines))}


def _known_call(registry: Registry, example: Example, now: datetime,
                calls: dict[str, dict[str, Any]]) -> Decision | None:
    """The example's call: its prompt's, its labelled one, or its expert's rules' proposal of its words."""
    call = example.prompt if example.prompt and "." in example.prompt.get("api", "") else calls.get(example.text)
    if call is not None:
        expert, api = call["api"].split(".", 1)
        return Decision(expert=expert, api=api, args=call.get("args", {}), source="router")
    try:
        hook = registry.expert(example.label).propose
    except RegistryError:
        return None
    return hook(Request(text=example.text, words=command(example.text), now=now)) if hook else None


def _frame(text: str, call: Decision, spec: ApiSpec, inferred: tuple[str, ...]) -> Frame | None:
    """The call's values as spans of the words (a time or duration as its extractor reads the
    words: "9 pm" for "9:00 pm"; an inferred value not said is kept as it is: the lights of "it's
    dark in here"); None when a value is not found there."""
    words = digits(command(text))
    spans, constants = {}, {}
    for name, value in call.args.items():
        parts = [_span(str(v).lower().removesuffix(".0"), words) for v in (value if isinstance(value, list) else [value])]
        extract = EXTRACTORS.get(spec.slots[name].kind) if name in spec.slots else None
        if parts and all(parts):
            spans[name] = words[parts[0][0]:parts[-1][1]]
        elif extract is not None and extract(words) and _span(extract(words), words):
            start, end = _span(extract(words), words)
            spans[name] = words[start:end]
        elif name in inferred:
            constants[name] = value
        else:
            return None
    return Frame(words, call, spans, constants)


class RetrievalProposer:
    def __init__(self, registry: Registry, classifier: Any, now: datetime | None = None) -> None:
        """`classifier`: an `ExpertClassifier` (its texts, labels and vectors are the pool's)."""
        self.registry, self.classifier = registry, classifier
        now = now or datetime(2026, 1, 5, 9, 0)
        examples = labelled_examples(registry)
        assert [e.text for e in examples] == list(classifier.texts), "the classifier's examples"
        self.frames: list[Frame | None] = []
        calls = _read_calls()
        for example in examples:
            call = _known_call(registry, example, now, calls)
            fits = call is not None and call.expert == example.label
            self.frames.append(_frame(example.text, call, registry.api(call.expert, call.api),
                                      registry.expert(call.expert).inferred) if fits else None)
        self.learn()

    def learn(self) -> None:
        """The carrier words of each API and the names of each expert, from the frames."""
        self.carriers: dict[str, set[str]] = {}  # "expert.api" -> its frames' words around the values
        valued: dict[str, set[str]] = {}  # "expert.api" -> the words its frames' values use
        for frame in filter(None, self.frames):
            inside = {w for span in frame.spans.values() for w in _words(span)}
            valued.setdefault(frame.call.qualified, set()).update(inside)
            self.carriers.setdefault(frame.call.qualified, set()).update(set(_words(frame.text)) - inside)
        self.named: dict[str, set[str]] = {}  # expert -> the names its examples use ("lamp", "den")
        for qualified, words in self.carriers.items():  # a word its own values use is no carrier
            words -= valued[qualified]
        for qualified, inside in valued.items():
            expert = qualified.split(".")[0]
            said_around = set().union(*(w for q, w in self.carriers.items() if q.startswith(f"{expert}.")))
            self.named.setdefault(expert, set()).update(
                w for w in inside - said_around - FILLERS if not NUMBER.fullmatch(w))

    def propose(self, text: str, expert: str, known: set[str], now: datetime) -> Decision | None:
        """A proposal for `text` within `expert`; `known`: the words the expert knows here (its
        vocabulary's words), besides the names its examples use."""
        words = digits(command(text))
        if not words or NEGATION.search(words):
            return None
        frame, similarity = self._nearest(text, expert)
        if frame is None:
            return None
        try:
            spec = self.registry.api(expert, frame.call.api)
        except RegistryError:
            return None
        values = self._values(text, words, frame, spec)
        if values is None:
            return None
        # an optional value in the user's own words (a timer's name) needs no known words
        free = set(spec.properties) - set(spec.required) - set(self.registry.expert(expert).inferred)
        target = self._target(words, frame, values, known | self.named.get(expert, set()),
                              verb_allowed=similarity >= VERB_SIMILARITY, free=free)
        if target is None:
            return None
        decision = (self._reparsed(expert, self._fill(frame, values, target), frame, now)
                    or self._transferred(expert, frame, values, target))
        if decision is None:
            return None
        said = {k: v for k, v in decision.args.items() if k not in frame.constants}
        if not all(_in_words(v, words) for v in said.values()):
            return None
        try:
            args = spec.validate(decision.args)
        except Exception:  # noqa: BLE001 - an invalid call is no proposal
            return None
        return Decision(expert=expert, api=frame.call.api, args=args, source="router")

    def _reparsed(self, expert: str, filled: str, frame: Frame, now: datetime) -> Decision | None:
        """The expert's rules' reading of the filled frame, if it is the frame's API."""
        hook = self.registry.expert(expert).propose
        decision = hook(Request(text=filled, words=filled, now=now)) if hook else None
        return decision if decision is not None and decision.qualified == frame.call.qualified else None

    def _transferred(self, expert: str, frame: Frame, values: dict[str, str], target: str) -> Decision | None:
        """The frame's call with the new values, and the new target in place of its one target
        (put there by the expert's `ellipsis` hook, which knows a device from a place)."""
        targets = [name for name in frame.spans if name not in values]
        if len(targets) > 1:
            return None
        args = dict(frame.call.args)
        if targets:
            hook = self.registry.expert(expert).ellipsis
            args = (hook(frame.call.api, args, target) if hook else None) or {**args, targets[0]: target}
        return Decision(expert=expert, api=frame.call.api, args={**args, **values}, source="router")

    def nearest_api(self, text: str, expert: str) -> str | None:
        """The API the nearest labelled example of `expert` calls, when it is close and no labelled
        example as near calls another (see `_nearest`); else None."""
        frame, _ = self._nearest(text, expert)
        return frame.call.api if frame is not None else None

    def _nearest(self, text: str, expert: str) -> tuple[Frame | None, float]:
        """The frame of the nearest labelled example of `expert`, if close, not clearly behind an
        unlabelled one, and with no labelled rival as close calling another API."""
        similarity = self.classifier.vectors @ self.classifier.embed(text)
        mine = np.flatnonzero(self.classifier.labels == expert)
        order = mine[np.argsort(-similarity[mine])]
        labelled = [i for i in order if self.frames[i] is not None]
        if not labelled or similarity[labelled[0]] < MIN_SIMILARITY:
            return None, 0.0
        best = labelled[0]
        if similarity[order[0]] > similarity[best] + RIVAL_GAP:
            return None, 0.0  # an example whose call is unknown is clearly nearer
        frame = self.frames[best]
        for other in labelled[1:]:
            if similarity[other] < similarity[best] - RIVAL_GAP:
                break
            if self.frames[other].call.qualified != frame.call.qualified:
                return None, 0.0
        return frame, float(similarity[best])

    def _values(self, text: str, words: str, frame: Frame, spec) -> dict[str, str] | None:
        """The new words' value for each of the frame's valued slots (None: one is missing)."""
        values = {}
        for name in frame.spans:
            slot = spec.slots.get(name)
            if slot is None:
                continue
            if slot.kind == "number":  # read before punctuation is dropped: "22.5"
                found = numbers(text)
                value = f"{found[0]:g}" if len(found) == 1 else None
            else:
                extract = EXTRACTORS.get(slot.kind)
                value = extract(words) if extract else None
            if value is None:
                return None
            values[name] = value
        return values

    def _target(self, words: str, frame: Frame, values: dict[str, str], known: set[str],
                verb_allowed: bool, free: set[str]) -> str | None:
        """The words naming the target ("" when the frame names none), or None when words are
        left unexplained."""
        said = _words(words)
        valued = {w for value in values.values() for w in _words(value)}
        carriers = self.carriers.get(frame.call.qualified, set())
        left = [(i, w) for i, w in enumerate(said)
                if w not in carriers and w not in FILLERS and w not in valued and not HESITATION.fullmatch(w)]
        runs: list[list[tuple[int, str]]] = []
        for i, w in left:
            if runs and runs[-1][-1][0] == i - 1:
                runs[-1].append((i, w))
            else:
                runs.append([(i, w)])
        expert = frame.call.expert
        elsewhere = set().union(*(words for qualified, words in self.carriers.items()
                                  if qualified.startswith(f"{expert}.") and qualified != frame.call.qualified))
        if verb_allowed and runs and runs[0][0][0] == 0 and len(runs[0]) <= MAX_VERB_WORDS and not any(
                _known(w, known) or w in elsewhere for _, w in runs[0]):
            # an unknown verb at the start: the neighbour's API says what it means (a word another
            # of the expert's APIs says, "kill" of turning off, is not unknown: no proposal)
            runs = runs[1:]
        targets = [name for name in frame.spans if name not in values]
        if not runs:
            return "" if not targets else None
        if not targets:
            return None
        if not set(targets) <= free and not all(_known(w, known) for run in runs for _, w in run):
            return None
        return " ".join(said[runs[0][0][0]:runs[-1][-1][0] + 1])

    def _fill(self, frame: Frame, values: dict[str, str], target: str) -> str:
        """The frame's words with the new values and the new target in place of its own."""
        text = frame.text
        targets = [frame.spans[name] for name in frame.spans if name not in values]
        if targets:
            starts = [text.find(span) for span in targets]
            start, end = min(starts), max(s + len(span) for s, span in zip(starts, targets))
            text = text[:start] + "\0" + text[end:]
        for name, value in values.items():
            text = re.sub(rf"(?<![a-z0-9]){re.escape(frame.spans[name])}(?![a-z0-9])", value, text, count=1)
        return text.replace("\0", target)


def _span(phrase: str, words: str) -> tuple[int, int] | None:
    """Where the phrase's words stand in `words`, in a row ("7:15 am" in "set it for 7 15 am")."""
    wanted = _words(digits(phrase))
    found = [(m.start(), m.end(), m[0]) for m in WORD.finditer(words)]
    for i in range(len(found) - len(wanted) + 1):
        if wanted and [w for _, _, w in found[i:i + len(wanted)]] == wanted:
            return found[i][0], found[i + len(wanted) - 1][1]
    return None


def _known(word: str, known: set[str]) -> bool:
    return word in known or word.rstrip("s") in known or f"{word}s" in known


def _in_words(value: Any, words: str) -> bool:
    """Every word of a value is one the user said (numbers as digits)."""
    said = set(_words(words))
    parts = value if isinstance(value, list) else [value]
    return all(_known(w, said) for part in parts for w in _words(digits(str(part).lower().removesuffix(".0"))))


_BUILT: dict[int, RetrievalProposer] = {}


def retrieval_proposer(registry: Registry, classifier: Any) -> RetrievalProposer | None:
    """The proposer over this classifier's examples, built once (None for a classifier double)."""
    if not hasattr(classifier, "vectors"):
        return None
    if id(classifier) not in _BUILT:
        _BUILT[id(classifier)] = RetrievalProposer(registry, classifier)
    return _BUILT[id(classifier)]
