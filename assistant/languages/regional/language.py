"""One language's words in an English request: what shows it is there, and how its words read."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Union

Replacement = Union[str, Callable[[re.Match], str]]
Phrase = tuple[re.Pattern, Replacement]
WORD = re.compile(r"(?<![\w'-])[^\W\d_]+(?![\w-])")


def phrases(*pairs: tuple[str, Replacement]) -> list[Phrase]:
    """Phrase patterns (case-insensitive) with what each is read as."""
    return [(re.compile(pattern, re.IGNORECASE), english) for pattern, english in pairs]


@dataclass(frozen=True)
class Language:
    """`markers`: words no English word is spelt as (one shows the language is there); `phrases`: several
    words read together, a marker too; `cued`: phrases read only when the language is there by another
    marker ("um 7" is German only beside "bitte" or "Uhr"); `shared`: words that are English words or
    names too, read only when the language is there; `whole`: a whole answer in the language."""
    name: str
    markers: dict[str, str]
    phrases: list[Phrase] = field(default_factory=list)
    cued: list[Phrase] = field(default_factory=list)
    shared: dict[str, str] = field(default_factory=dict)
    whole: list[tuple[re.Pattern, str]] = field(default_factory=list)

    def answers(self, text: str) -> str | None:
        """The English of a whole answer in the language ("och aye": yes), if the words are one."""
        return next((english for pattern, english in self.whole if pattern.match(text)), None)

    def present(self, text: str, taken: frozenset[str] = frozenset()) -> bool:
        """Whether a marker word (not one of the home's names, `taken`) or a phrase of the language is said."""
        return any(w in self.markers and w not in taken for w in WORD.findall(text.lower())) \
            or any(pattern.search(text) for pattern, _ in self.phrases)

    def read(self, text: str, taken: frozenset[str]) -> str:
        """The words of the language read as English, the home's names (`taken`) left as said."""
        for pattern, english in (*self.phrases, *self.cued):
            text = pattern.sub(english, text)
        return WORD.sub(lambda word: self._word(word.group(), taken), text)

    def _word(self, said: str, taken: frozenset[str]) -> str:
        lowered = said.lower()
        english = self.markers.get(lowered) or self.shared.get(lowered)
        if english is None or lowered in taken:
            return said
        return english[0].upper() + english[1:] if said[0].isupper() else english
