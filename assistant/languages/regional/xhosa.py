"""isiXhosa courtesy in an English request: "ndicela you switch on …", "enkosi"."""
from assistant.languages.regional.language import Language, phrases

LANGUAGE = Language(
    "isiXhosa",
    markers={"enkosi": "thanks", "ndiyabulela": "thank you", "ndicela": "please", "nceda": "please", "molo": "hello",
             "molweni": "hello", "hayi": "no", "kulungile": "ok"},
    phrases=phrases((r"\bndicela (?:you |u )?", "please ")),
    shared={"ewe": "yes"},
)
