"""Nigerian Pidgin in an English request: "wetin be the time" (what is the time), "make you on the pump"
(turn on the pump), "off am after 30 minutes" (turn it off after 30 minutes), "no do am again" (don't do it
again), "the water man dey outside" (is outside)."""
from assistant.languages.regional.language import Language, phrases

LANGUAGE = Language(
    "Nigerian Pidgin",
    markers={
        "wetin": "what", "abeg": "please", "una": "you", "dey": "is", "sef": " ", "comot": "leave", "wahala": "trouble",
        "wan": "want", "pikin": "child", "oya": "now",
    },
    phrases=phrases(
        (r"\bmake (?:you|una)\s+(on|off)\b", r"turn \1"),  # "make you on the pump"
        (r"\b(?:make (?:you|una)|abeg make (?:you|una))\b", "please"),
        (r"\b(on|off)\s+(?:am|dem)\b", r"turn it \1"),  # "then off am after 30 minutes"
        (r"\bno (?:do|try) am\b", "don't do it"), (r"\bdo am\b", "do it"),
        (r"\bwetin be\b", "what is"), (r"\bno vex\b", "sorry"), (r"\bwey dey\b", "that is in"),
        (r"\be don do\b", "that's enough"),
    ),
)
