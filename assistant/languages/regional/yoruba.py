"""Yoruba words in an English request, as Lagos families mix them in: "bẹ́ẹ̀ni" (yes), "rárá" (no), "ẹ jọ̀ọ́"
(please), "ẹ má bínú" (sorry), "ẹ ṣé" (thank you). Read with their tone marks and dots taken off
(`untoned`): typed on a phone, the same words come with them or without."""
import re
import unicodedata

from assistant.languages.regional.language import Language, phrases

# a letter of Yoruba's own spelling (a dot below: ẹ, ọ, ṣ), which English words never have; decomposed
# (NFD puts the dot below right after its letter, before any tone mark)
_YORUBA_LETTER = re.compile("[eEoOsS]\u0323")


def untoned(text: str) -> str:
    """The words with tone marks and dots below taken off, when they are written the Yoruba way; else as said."""
    decomposed = unicodedata.normalize("NFD", text)
    if not _YORUBA_LETTER.search(decomposed):
        return text
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", plain)


LANGUAGE = Language(
    "Yoruba",
    markers={"beeni": "yes", "rara": "no", "jowo": "please", "ejo": "please", "ese": "thanks",
             "binu": "sorry"},
    phrases=phrases(
        (r"\be jo(?:wo|o)\b", "please"), (r"\be ma binu\b", "sorry"), (r"\bma binu\b", "sorry"), (r"\be se\b", "thanks"),
        (r"\bo ti to\b", "that's enough"),
    ),
)
