"""Polish: "nieważne", "włącz the light", "the fan na maksa", "nie, blue I mean"."""
from assistant.languages.regional.language import Language, phrases

LANGUAGE = Language(
    "Polish",
    markers={
        "nieważne": "never mind", "niewazne": "never mind", "dzięki": "thanks", "dzieki": "thanks",
        "dziękuję": "thank you", "dziekuje": "thank you", "proszę": "please", "prosze": "please",
        "włącz": "turn on", "wlacz": "turn on", "wyłącz": "turn off", "wylacz": "turn off", "trochę": "a bit",
        "troche": "a bit", "cześć": "hi", "czesc": "hi",
    },
    phrases=phrases(
        (r"^\W*nie\b", "no"), (r"^\W*tak\b", "yes"), (r"\bna maks[ae]\b|\bna max[ae]\b", "to max"),
        (r"\bdzie[ńn] dobry\b", "good morning"), (r"\bdobranoc\b", "good night"),
    ),
)
