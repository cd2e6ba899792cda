"""Scots English: "switch aff the big light", "turn the heating doon", "an alarm for six the morn"."""
import re

from assistant.languages.regional.language import Language, phrases

LANGUAGE = Language(
    "Scots",
    markers={
        "aff": "off", "oan": "on", "doon": "down", "oot": "out", "intae": "into", "ontae": "onto", "fae": "from",
        "cannae": "can't", "dinnae": "don't", "disnae": "doesn't", "isnae": "isn't", "wasnae": "wasn't",
        "willnae": "won't", "wouldnae": "wouldn't", "couldnae": "couldn't", "didnae": "didn't", "havnae": "haven't",
        "hasnae": "hasn't", "gonnae": "will you", "ach": "oh", "och": "oh", "nicht": "night", "morra": "tomorrow",
        "efter": "after", "hauf": "half", "roon": "round", "aboot": "about", "wir": "our", "yer": "your",
    },
    phrases=phrases(
        # the answer first: "aye, and put …"
        (r"^\W*(?:och\s+)?aye\b(?!\s+aye)", "yes"), (r"^\W*naw\b", "no"),
        (r"\bthe morn(?:'s|s)? morn(?:in|ing)?\b", "tomorrow morning"), (r"\bthe morn\b", "tomorrow"),
        (r"\bthe morra\b", "tomorrow"), (r"\bthe nicht\b", "tonight"),
    ),
    # English words too: read only beside a marker ("ma" is "my" in "ma room aff")
    shared={"ma": "my", "wi": "with", "tae": "to", "ye": "you", "oor": "our", "awright": "alright"},
    # a whole answer in a word: "ye" and "aye aye" are yes, "naw" no
    whole=[(re.compile(r"^\W*(?:ye|yeah aye|aye aye|och aye|aye right enough)\W*$", re.IGNORECASE), "yes"),
           (re.compile(r"^\W*(?:naw|nae chance|nae danger)\W*$", re.IGNORECASE), "no")],
)
