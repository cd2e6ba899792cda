"""Word knowledge shared by every stage: spoken numbers, fillers and stop words, stems, synonyms.

One place for what words mean, so that the fast router, the guardrails and the experts agree
("thirty" is 30 everywhere). Spoken numbers come from `text2num`; the rest is small tables.
Pure functions, table-tested in tests/test_words.py.
"""
from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import alpha2digit

# ------------------------------------------------------------------------------ numbers
# words that stand for a number in a command ("half" the way, "an" hour) beyond text2num's
SPOKEN_NUMBERS = {"half": "30", "an": "1", "a": "1"}
NUMBER = re.compile(r"(?<![A-Za-z])-?\d+(?:\.\d+)?")  # not a code's figures ("E11", "F3")
HALF = re.compile(r"\bhalf(?:way)?\b")  # "half" or "halfway" for 50 of a scale


CARDINALS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
             "hundred thousand million").split()
_CARDINAL = rf"(?:{'|'.join(CARDINALS)})"
# a run of cardinal words ("two hundred and five", "twenty-five"); ordinals ("second", "first")
# are left alone: "a 90 second timer" keeps its seconds
CARDINAL_RUN = re.compile(rf"\b{_CARDINAL}(?:(?:[ -]|\s+and\s+){_CARDINAL})*\b")


@lru_cache(maxsize=1024)
def digits(text: str) -> str:
    """The text lower-cased, with spoken numbers as digits: 'Twenty five minutes' -> '25 minutes'."""
    return CARDINAL_RUN.sub(lambda m: alpha2digit(m[0], "en", threshold=0), text.lower())


def numbers(text: str) -> list[float]:
    """Every number said in `text`, as digits or words: 'dim to thirty five' -> [35.0]."""
    return [float(n) for n in NUMBER.findall(digits(text))]


# vague counts people give for a number of units: "up a couple of degrees", "a few percent"
QUANTITIES = ((re.compile(r"\b(?:a )?couple(?: of)?\b|\ba pair of\b"), "2"), (re.compile(r"\ba few\b"), "3"))


# spoken fractions of a number: "nineteen and a half" -> 19.5, "twenty one point five" -> 21.5
FRACTIONS = ((re.compile(r"\b(\d+) and a half\b"), r"\1.5"), (re.compile(r"\b(\d+) point (\d+)\b"), r"\1.\2"))


def quantities(text: str) -> str:
    """`digits(text)` with vague counts and spoken fractions as numbers: 'up a couple of degrees'
    -> 'up 2 degrees', 'nineteen and a half' -> '19.5'."""
    text = digits(text)
    for pattern, number in (*QUANTITIES, *FRACTIONS):
        text = pattern.sub(number, text)
    return text


def said_number(text: str, value: float) -> bool:
    """Whether `value` was said in `text` (as digits or words; "half" or "halfway" for 50;
    "a couple" for 2, "a few" for 3)."""
    if value == 50 and HALF.search(text.lower()):
        return True
    return any(float(n) == value for n in NUMBER.findall(quantities(text)))


# ------------------------------------------------------------------------------ fillers
# a sound of hesitation, not a word ("um", "ummm", "uhh", "erm", "hmm", "ahh"), anywhere in an utterance
# a pronoun for the thing the previous request acted on ("turn it off", "dim them")
# where a sentence ends ("… this evening? We've got friends coming."), and where a clause does (a comma,
# a stop that is no decimal point: "21.5")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
CLAUSE_BREAK = re.compile(r"[,;!?]|\.(?!\d)")
POINTS_BACK = re.compile(r"\b(?:it(?!'s| is)|them|em|they|those|these|that one)\b|(?<!\w)'er\b",  # 'em, 'er
                         re.IGNORECASE)
# a word that points at something already named or in view ("that light", "the same", "it")
POINTER = re.compile(r"\b(?:that|this|those|these|it|them|em|same)\b", re.IGNORECASE)
# a change said with no target ("louder", "a bit dimmer", "way too bright", "turn up"): only these
# words, at least one of them a way to change; it means the thing the previous request acted on
_CHANGE_WORDS = frozenset("louder quieter softer brighter dimmer darker warmer cooler colder hotter higher lower "
                          "faster slower up down loud quiet bright dark dim hot cold warm cool fast slow "
                          "high low".split())
_CHANGE_FILLER = frozenset("ok okay and now just still please even a little bit tad touch notch slightly much way "
                           "lot lots some too make it its it's that's thats is turn go bring put again than that "
                           "then yeah bit more".split())
# "a bit more", "a little less": the same change again (or the other way), after a change; only
# with a degree word ("more" alone, "more please" could follow anything)
_AGAIN_WORDS = frozenset("more less".split())
_DEGREE_WORDS = frozenset("bit little tad touch slightly much lot lots even way".split())
# ... and an amount of it ("warmer by a couple of degrees", "up by ten percent")
_CHANGE_AMOUNT = frozenset("by couple few of degrees degree percent per cent points notches steps one two three "
                           "four five six seven eight nine ten fifteen twenty".split())


_SOME_AMOUNT = frozenset("couple few degrees degree percent cent points notches steps".split())  # not "one more"


def is_bare_change(text: str) -> bool:
    """Whether the words are only a change with nothing named ("louder", "up a bit", "too loud",
    "warmer by a couple of degrees", "a bit more", "two more degrees")."""
    words = re.findall(r"[a-z']+", HESITATION.sub(" ", text.lower()))
    if {w for w in words if w in _CHANGE_WORDS} == {"cool"}:
        return False  # "ok cool", "cool thanks": an acknowledgement ("cool it down" has "down")
    changes = _CHANGE_WORDS | _AGAIN_WORDS
    said_change = any(w in _CHANGE_WORDS for w in words) or (  # "a bit more", "a couple more degrees"
        any(w in _AGAIN_WORDS for w in words) and any(w in _DEGREE_WORDS or w in _SOME_AMOUNT for w in words))
    return said_change and all(w in changes or w in _CHANGE_FILLER or w in _CHANGE_AMOUNT for w in words)


HESITATION = re.compile(r"\b(?:u+m+|u+h+|e+r+m*|h+m+|m{2,}|a+h+)\b")
# the world's currencies by the words people say them with (a rate between two is live data)
CURRENCY = (r"pounds?|quid|sterling|gbp|dollars?|bucks|usd|euros?|eur|rupees?|inr|pkr|naira|dirhams?|aed|riyals?|yen|"
             r"yuan|rmb|pesos?|rand|shillings?|ringgit|rupiah|baht|francs?|kronor|krona|kroner|won|lira|dinars?|"
             r"cedis?|bitcoins?|btc")
THANKS = re.compile(r"\b(?:thanks|thank you|thank u|thankyou|thx|ty|cheers|ta|salamat|shukran|merci|gracias|danke)\b",
                    re.IGNORECASE)  # thanking, in the words normalising drops
WAKE_AND_POLITE = re.compile(r"^(?:(?:hey |ok |okay )?(?:assistant|alexa|computer)[, ]+)|\b(?:please|pls|plz|thanks|thank you)\b")
# another assistant's wake word said or typed before the request ("hey olly, …", "ok google …"):
# not part of it
SPOKEN_WAKE_WORD = re.compile(r"^\W*(?:(?:(?:hey|hi|ok|okay|yo)\W+)?(?:olly|ollie|alexa|siri|jarvis)"
                              r"|(?:hey|ok|okay)\W+(?:google|assistant|computer)"
                              r"|(?:assistant|computer)(?=\s*[,:!]))\b[\s,.!:;-]*(?=\w)", re.IGNORECASE)


# ... or said after it, as people address someone ("towel rail please jarvis", "lights off, alexa")
# (after a comma, or after a word that can end a request: not "what is siri")
TRAILING_WAKE_WORD = re.compile(r"^(?P<request>.*?\w)(?P<joint>\s*,\s*|\s+)(?:(?:hey|ok|okay)\s+)?"
                                r"(?:olly|ollie|alexa|siri|jarvis)\W*$", re.IGNORECASE)
REQUEST_ENDS = frozenset("please pls thanks now cheers mate on off up down".split())


def without_wake_word(text: str) -> str:
    """The request without a wake word before or after it ("hey olly chuck the kettle on",
    "the kettle please jarvis" -> "chuck the kettle on", "the kettle please")."""
    text = SPOKEN_WAKE_WORD.sub("", text, count=1) or text
    found = TRAILING_WAKE_WORD.match(text)
    if found and ("," in found["joint"] or found["request"].split()[-1].lower() in REQUEST_ENDS):
        return found["request"]
    return text


# what a home calls the couple's rooms, in the order "our bathroom" prefers them ("Master Bathroom"
# before a "Main Bathroom" that is everyone's)
MASTER_ROOM_WORDS = ("master", "primary", "main")
# words that open a turn of talk and mean nothing of the request ("actually, what's the time")
_TURN_OPENERS = r"ok|okay|oh|um|uh|alright|all right|well|hey|so|right|actually|anyway"
LEADING_FILLER = re.compile(rf"^(?:(?:{_TURN_OPENERS}|nah|no|yo)\s+)+")  # (of normalised words)
DISCOURSE_LEAD = re.compile(rf"^\W*(?:(?:{_TURN_OPENERS}|er|and|but)\b[\s,.!-]*)+", re.IGNORECASE)  # (as typed)


def without_discourse_lead(text: str) -> str:
    """The request without the words that open a turn ("actually, so what's …" → "what's …")."""
    return DISCOURSE_LEAD.sub("", text) or text


POLITE = re.compile(r"^(?:(?:could|can|would|will) you (?:maybe |perhaps |possibly |kindly )?"
                    r"|i (?:want|need|would like|'d like) you to |i want to "
                    r"|go ahead and |just )+|(?: for me| now| right now| thanks| thank you)+$")
ARTICLE = r"(?:(?:the|my|our|a|an|all(?: of)?(?: the)?) )?"  # before a target: "all of the lights"
ARTICLES = frozenset("a an the".split())
POSSESSIVES = frozenset("my our your his her their its".split())
# the words of a phrase that carry no content of their own (a grounding check skips them)
FUNCTION_WORDS = frozenset("at the to in on of my me for and is it that this i you be by every list am pm".split())
ABBREVIATIONS = {"min": "minutes", "mins": "minutes", "sec": "seconds", "secs": "seconds", "hr": "hours",
                 "hrs": "hours", "tmr": "tomorrow", "tmrw": "tomorrow", "wk": "week", "wks": "weeks"}


# a word for the person spoken to at the end ("do it now, dear"): after a comma, or one never a thing's name
ADDRESS_AT_END = re.compile(r"(?:,\s*(?:dear|darling|hon|honey|love|babe|sweetie|sweetheart|mate|buddy|pal|dude|bro"
                            r"|sir|ma'am|son|kiddo)|\s+(?:dear|darling|sweetheart|kiddo))\W*$")


def normalise(text: str) -> str:
    """Lower-cased, without wake word, politeness, punctuation, a leading "um"/"ok" or a last word
    for the person spoken to."""
    text = text.lower().replace("\u2019", "'").strip()
    text = ADDRESS_AT_END.sub("", text) or text
    text = WAKE_AND_POLITE.sub(" ", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"(?<!\w)'er\b", "it", text)  # "shut 'er off": it (never the hesitation "er")
    text = HESITATION.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return LEADING_FILLER.sub("", text) or text  # "ok" alone stays "ok"


def command(text: str) -> str:
    """The words a command shape is matched on: normalised, "could you … for me" dropped."""
    return POLITE.sub("", normalise(text)).strip()


def command_with_marks(text: str) -> str:
    """`command`'s words with the commas and in-word hyphens that were said ("milk, bread and
    weet-bix"): where one of several things ends, and what a thing is called."""
    marked = re.sub(r"\s*,\s*", " \x00 ", re.sub(r"(?<=\w)-(?=\w)", "\x01", text))
    words = command(marked.replace("\x00", " commaxmark ").replace("\x01", "hyphenxmark"))
    return words.replace(" commaxmark", ",").replace("hyphenxmark", "-").replace(",,", ",")


def tokens(text: str) -> set[str]:
    """Content tokens for comparing phrases: numbers as digits, abbreviations spelled out."""
    words = re.findall(r"[a-z]+|\d+", digits(text))
    return {SPOKEN_NUMBERS.get(w, ABBREVIATIONS.get(w, w)) for w in words}


def split_items(said: str) -> list[str]:
    """'eggs, milk and bread' -> the three items."""
    return [i.strip() for i in re.split(r",| and ", said) if i.strip()]


# (a question word typed without its apostrophe too: "whats the temperature inside")
QUESTION = re.compile(r"^\W*(?:what|whats|which|who|whos|whose|where|wheres|when|whens|why|how|hows|"
                      r"is|are|am|was|were|do|does|did|can|could|will|would|should|has|have|had|any|anything)"
                      r"\b(?!['\u2019]t\b)|\?\s*$",
                      re.IGNORECASE)


def is_question(text: str) -> bool:
    """Whether the words ask something (a question word or auxiliary first, or a question mark)."""
    return bool(QUESTION.search(text))


# "play …", "stream …", "put on …": a request for something to be played
ASKS_TO_PLAY = re.compile(r"^\W*(?:(?:please|can you|could you|would you|will you)\s+)*(?:play|stream|put on|blast)"
                          r"\s+(?P<what>.+)$", re.IGNORECASE)
# a request in a question's form ("can you turn on the fan?", "would you mind …"), which is no question
REQUEST_AS_QUESTION = re.compile(r"^\W*(?:(?:please|hey|ok|okay)\W+)*(?:can|could|will|would)\s+(?:you|u)\b"
                                 r"|^\W*(?:would you mind|do you mind|why don't you|how about)\b", re.IGNORECASE)


def asks_not_requests(text: str) -> bool:
    """Whether the words ask a question ("is the tv on", "whats the temperature"), not a request
    in a question's form ("can you turn the tv on?")."""
    return bool(QUESTION.search(text)) and not REQUEST_AS_QUESTION.match(text)


_AUXILIARY = r"(?:is|are|was|were|do|does|did|should|shall|can|could|will|would|must|has|have|had|may|might)\b"
# a question for a fact or a value: a question word and an auxiliary or the thing asked for ("when do
# the bins go out", "what temperature should the oven be", "how long does it take", "who do I ring", "is
# there a leak in the laundry room"),
# never a request in a question's form ("can you…", "what about…", "how about…", "why don't you…")
INFORMATION_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|but|um|uh|hey|ok|okay|right|please|pls|sorry|excuse me)\W+)*(?:"
    rf"(?:what|which|who|whom|whose|where|when|why)(?:['\u2019]s\b|\s+{_AUXILIARY}"
    r"|\s+(?:time|temperature|day|days|date|dates|number|setting|size|kind|sort|type|age|year|month|colou?r)\b)"
    r"|how\s+(?:long|much|many|often|far|early|late|old|big|hot|warm|cold|soon|quickly)\b"
    rf"|how\s+{_AUXILIARY}|at what\b|for how (?:long|many)\b"
    r"|(?:is|are) there (?:a|an|any|anything|anyone|water|smoke|motion)\b(?! way\b))", re.IGNORECASE)


def asks_for_information(text: str) -> bool:
    """Whether the words ask for a fact or a value (answered, never obeyed as a command)."""
    return bool(INFORMATION_QUESTION.search(text))


# ------------------------------------------------------------------------------ stems and synonyms
def stem(word: str) -> str:
    """A crude English stem, enough to match 'feeding'/'fed'/'feeds' groups: 'puppies' -> 'puppy',
    'walked' -> 'walk', 'dogs' -> 'dog', "Daisy's" -> 'daisy'."""
    word = word.lower().removesuffix("'s").strip("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            word = word[:-len(suffix)]
            return word[:-1] if len(word) > 3 and word[-1] == word[-2] else word
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


SYNONYMS = [frozenset(g.split()) for g in (
    "fed feed feeding eat eating ate eats food meal breakfast dinner lunch bowl kibble",
    "out outside outdoors garden yard backyard door exit exited leave left",
    "walk walked walking walkies",
    "drink drinking drank water",
    "medicine medication meds pill pills tablet dose",
    "package parcel delivery delivered courier mail post",
    "arrive arrived arrival home came come return returned enter entered",
    "motion movement moving moved",
    "open opened opening", "close closed closing shut",
    "sleep sleeping slept asleep nap",
    "bark barking barked",
    "person people visitor man woman",
    "dog puppy pup doggy retriever labrador lab spaniel terrier poodle collie beagle dachshund shepherd "
    "hound pug husky corgi bulldog",
    "cat kitten kitty tabby moggy",
    "son daughter boy girl kid kids child children",
    "wife husband partner spouse",
    "mum mom mother mama mummy mommy",
    "dad father papa daddy",
    "car vehicle auto",
    "birthday born bday birth",
    "wifi wi-fi internet network",
    "name called named",
    "doctor gp dentist",
    "allergic allergy allergies",
    "phone number mobile",
)]
SYNONYM_STEMS = [frozenset(stem(w) for w in group) for group in SYNONYMS]


def synonyms(word: str) -> frozenset[str]:
    """The stems that mean the same as `word` (its own stem included)."""
    found = stem(word)
    return frozenset().union(*(g for g in SYNONYM_STEMS if found in g)) or frozenset({found})


def same_meaning(a: str, b: str) -> bool:
    """Whether two words are one synonym group's (compared by stem)."""
    return stem(b) in synonyms(a)
