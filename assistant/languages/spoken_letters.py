"""Letters said one by one in a transcript: "the parlour a c", "the master bedroom a see" for the
AC. A speech recogniser writes an acronym it does not know as its letters, or as the words the
letters sound like; a run of two to four such words whose letters make a word of the home's
names (or a common acronym: AC, TV) is written as that acronym. Nothing else is joined, so "a" stays an
article and "see" a verb. Voice input only.
"""
from __future__ import annotations

import re
from typing import Iterable

# the names of the letters, as a recogniser writes them
LETTER_NAMES = {"ay": "a", "bee": "b", "be": "b", "see": "c", "sea": "c", "cee": "c", "dee": "d", "ee": "e",
                "eff": "f", "gee": "g", "aitch": "h", "eye": "i", "jay": "j", "kay": "k", "el": "l", "em": "m",
                "en": "n", "oh": "o", "pee": "p", "queue": "q", "are": "r", "ess": "s", "tee": "t", "tea": "t",
                "you": "u", "vee": "v", "ex": "x", "why": "y", "zed": "z", "zee": "z"}
MAX_LETTERS = 4
# acronyms people call things by whatever the home names them ("the a c": an aircon named "Aircon")
COMMON_ACRONYMS = frozenset({"ac", "tv", "cr", "wc"})
WORD = re.compile(r"[A-Za-z]+")


def joined_letters(text: str, names: Iterable[str]) -> str:
    """The transcript with each run of spoken letters that spells a word of the `names` joined
    ("parlor a c to twenty three" → "parlor AC to twenty three")."""
    known = {w.lower() for name in names for w in WORD.findall(name)} | COMMON_ACRONYMS
    words = list(WORD.finditer(text))
    out, position, i = [], 0, 0
    while i < len(words):
        joined = _acronym_at(text, words, i, known)
        if joined is None:
            i += 1
            continue
        size, acronym = joined
        out += [text[position:words[i].start()], acronym]
        position, i = words[i + size - 1].end(), i + size
    return "".join(out) + text[position:]


def _acronym_at(text: str, words: list[re.Match], start: int, known: set[str]) -> tuple[int, str] | None:
    """The longest run of letters from `start` (only spaces between them) that spells a known word."""
    letters = []
    for match in words[start:start + MAX_LETTERS]:
        if letters and text[words[start + len(letters) - 1].end():match.start()].strip():
            break  # a comma or other mark between: not one acronym
        letter = _letter(match[0])
        if letter is None:
            break
        letters.append(letter)
    for size in range(len(letters), 1, -1):
        if "".join(letters[:size]) in known:
            return size, "".join(letters[:size]).upper()
    return None


def _letter(word: str) -> str | None:
    lower = word.lower()
    return lower if len(lower) == 1 else LETTER_NAMES.get(lower)


MIN_JOINED = 5  # the shortest name word two heard words are joined into ("mitsu bishi": Mitsubishi)


def joined_words(text: str, names: Iterable[str]) -> str:
    """The transcript with two or three words that a recogniser split out of one word of the
    `names` written as that word ("set the mitsu bishi to 72" → "set the Mitsubishi to 72")."""
    known = {w.lower(): w for name in names for w in WORD.findall(name) if len(w) >= MIN_JOINED}
    words = list(WORD.finditer(text))
    out, position, i = [], 0, 0
    while i < len(words):
        size = next((n for n in (3, 2) if i + n <= len(words) and _one_word(text, words[i:i + n], known)), 0)
        if not size:
            i += 1
            continue
        joined = "".join(m[0] for m in words[i:i + size]).lower()
        out += [text[position:words[i].start()], known[joined]]
        position, i = words[i + size - 1].end(), i + size
    return "".join(out) + text[position:]


def _one_word(text: str, run: list[re.Match], known: dict[str, str]) -> bool:
    """Whether the words, with only spaces between them, make one word of the names."""
    spaced = all(not text[a.end():b.start()].strip() for a, b in zip(run, run[1:]))
    return spaced and "".join(m[0] for m in run).lower() in known

