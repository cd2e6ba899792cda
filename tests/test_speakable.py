"""Text is cleaned before it is spoken: escape codes, control characters, markup, URLs and emoji
are read sensibly or dropped (assistant/audio/speakable.py)."""
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from assistant.audio.speakable import MAX_SPOKEN_CHARS, speakable


@pytest.mark.parametrize("text, spoken", [
    ("Added eggs to your shopping list.", "Added eggs to your shopping list."),
    ("The dog\x1b[2J was seen by cam\x1b]0;pwned\x07.", "The dog was seen by cam."),
    ("Added [bold red]milk[/] and [link=http://evil.example]bread[/link].", "Added milk and bread."),
    ("<b>Hello</b> &amp; welcome", "Hello & welcome"),
    ("**Note**: use `stop` to _end_ it", "Note: use stop to _end_ it"),
    ("See [the manual](https://example.com/manual.pdf).", "See the manual."),
    ("Read https://www.example.com/a/b?c=1 later", "Read a link to example.com later"),
    ("Party time 🎉🎉🎉 👍🏽 🇬🇧!", "Party time !"),
    ("\u202eevil\u202c text\u200b here\x00\x07", "evil text here"),
    ("# Shopping\n- eggs\n- milk\n1. flour", "Shopping eggs milk flour"),
    ("Wow!!!!!! That's it......", "Wow! That's it."),
    ("It is 21.5°C; 3 * 4 = 12; list [1, 2]; snake_case", "It is 21.5°C; 3 * 4 = 12; list [1, 2]; snake_case"),
    ("\x1b[31m\x1b[0m", ""),
])
def test_text_is_spoken_as_meant(text, spoken):
    assert speakable(text) == spoken


def test_long_text_is_cut_at_a_sentence_end():
    text = "This is one sentence. " * 100
    spoken = speakable(text)
    assert len(spoken) <= MAX_SPOKEN_CHARS and spoken.endswith(".")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=400))
def test_nothing_a_speech_engine_would_misread_is_left(text):
    spoken = speakable(text)
    assert len(spoken) <= MAX_SPOKEN_CHARS + 1
    assert "\x1b" not in spoken and "http://" not in spoken.lower()
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Co") for c in spoken)
    assert spoken == spoken.strip() and "  " not in spoken


def test_synthesis_of_nothing_left_is_silence():
    from assistant.audio.tts import synthesize

    assert synthesize("\x1b[2J 🎉").size == 0
