"""The readers of `assistant/languages/`, run in their order on one utterance (see the package docstring)."""
from __future__ import annotations

from functools import cache
from typing import Callable, Iterable

from assistant.languages import abroad, arabizi, dialect, foreign_time, hinglish, regional, shorthand
from assistant.languages.spoken_letters import joined_letters, joined_words
from assistant.splitting import COMMAND_VERBS

# the verbs a recogniser may write as two words ("dis arm", "un lock"): the long ones
SPLIT_VERBS = tuple(sorted(v for v in COMMAND_VERBS if len(v) >= 5))


def in_english(text: str, source: str, names: Callable[[], Iterable[str]]) -> str:
    """The words read into English by every reader whose markers they hold; `names` gives the
    home's names (read once, only when a reader needs them)."""
    known = cache(lambda: tuple(names()))
    if source == "voice":  # "the parlour a c": the home's AC; "the mitsu bishi": its Mitsubishi; "dis arm": disarm
        text = joined_words(joined_letters(text, known()), (*known(), *SPLIT_VERBS))
    text = dialect.without_filler_ting(text)  # "the big light ting": the big light
    if dialect.looks_creole(text):  # "mek di fan come on": "make the fan come on"
        text = dialect.in_english(text, known())
    text = dialect.plain_words(text)  # "cut 'em on": turn them on
    for reader in (hinglish, regional, arabizi):  # "TV band karo", "switch aff the big light", "tfi el daw"
        if reader.is_mixed(text):
            text = reader.in_english(text, known())
    text = shorthand.in_full(text, source, known)  # "nvm": never mind
    text = foreign_time.in_english(text)  # "en diez minutos": in 10 minutes
    return abroad.in_english(text, known)  # "la luz del foyer": the home's own word kept
