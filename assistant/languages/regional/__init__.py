"""Words of Scots English, Polish, Tagalog, German, Afrikaans, isiXhosa, French, Mandarin (pinyin), Malay,
Nigerian Pidgin and Yoruba said in an English
request, read as the English words they stand for: "switch aff the big light" → "switch off the big
light", "an alarm for six the morn" → "… for six tomorrow", "nieważne" → "never mind", "pakipatay the
light" → "please turn off the light", "sit asseblief die ligte aan" → "turn please the lights on",
"om half sewe" → "at 6:30", "ndicela" → "please".

Each language is one module with one `Language` (`language.py`): its marker words (no English word is
spelt so), its phrases, and the words that are English too ("die", "ma", "sa"). A language is read only
when one of its own markers or phrases is in the words, and only its own words are read then: the
Afrikaans "die" is never read beside a Scots marker, nor the German "um 7" in an English "um, 7". A word
of the home's own names is never read.
"""
from __future__ import annotations

import re
from typing import Iterable

from assistant.languages.regional import (afrikaans, chinese, french, german, malay, pidgin, polish, scots, tagalog,
                                          xhosa, yoruba)
from assistant.languages.regional.language import WORD, Language

LANGUAGES: tuple[Language, ...] = tuple(m.LANGUAGE for m in (scots, polish, tagalog, german, afrikaans, xhosa, french,
                                                           chinese, malay, pidgin, yoruba))


def is_mixed(text: str) -> bool:
    """Whether the words hold a marker word or phrase of a language here, or are a one-word answer in one."""
    text = yoruba.untoned(text)
    return any(language.answers(text) or language.present(text) for language in LANGUAGES)


def in_english(text: str, names: Iterable[str] = ()) -> str:
    """The request with the words of each language present read as English; else as said. A word of the
    home's names (`names`) is never read."""
    taken = frozenset(w for name in names for w in WORD.findall(name.lower()))
    text = yoruba.untoned(text)  # ("bẹ́ẹ̀ni": beeni)
    for language in LANGUAGES:
        answer = language.answers(text)
        if answer:
            return answer
    present = [language for language in LANGUAGES if language.present(text, taken)]
    if not present:
        return text
    for language in present:
        text = language.read(text, taken)
    return re.sub(r"\s+(?=[.,!?;])", "", " ".join(text.split()))
