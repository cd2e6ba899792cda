"""Hindi and Punjabi in a home request, read as English: a command whose verb comes last ("hall
ka pankha teen pe kar do" → "set the hall fan to 3", "TV band karo" → "turn off the TV", "garage
khol do" → "open the garage"), a timer, an alarm, a reminder, a list, a message, a question of the
clock and the short answers of a conversation ("haan ji" → "yes", "rehne do" → "never mind").

People who mix languages put the verb where their own language has it: last, as a light verb
("karo", "do", "dena", "laga do") after a word that says what to do; whose or where a thing is
comes first ("bachchon ke kamre ka AC": the kids' room AC); a time comes first ("kal subah 7 baje":
tomorrow at 7 am). Only a request with one of the marker words is read (no English word is spelt
so), and never a word of the home's own names; English words mixed in stay as said. A clause
after a comma that gives a reason ("…, bahut garmi hai": it is very hot) is no part of a command.
"""
from __future__ import annotations

import re
from typing import Iterable

from assistant.languages.hindi_words import (DAYS, EVERY_DAY, FRACTIONS, HALF_HOURS, KIN, NUMBERS, ON_A_NUMBER,
                                            PARTS_OF_DAY, THINGS, UNITS, duty,
                                   number, spoken)

# what to do, said before a light verb: the English verb that goes before the thing
ACTIONS = {"band": "turn off", "bandh": "turn off", "bund": "turn off", "bujha": "turn off", "bujhao": "turn off",
           "chala": "turn on", "chalao": "turn on", "chalu": "turn on", "chaalu": "turn on", "jala": "turn on",
           "jalao": "turn on", "on": "turn on", "off": "turn off", "start": "turn on", "khol": "open",
           "kholo": "open", "kam": "turn down", "dheema": "turn down", "dheemi": "turn down", "dheere": "turn down",
           "tez": "turn up", "zyada": "turn up", "jyada": "turn up", "laga": "put on", "lagao": "put on",
           "halka": "turn down", "halki": "turn down", "halke": "turn down", "madham": "turn down"}
# ... and for a door, a curtain or a window
COVER_ACTIONS = {"turn off": "close", "turn on": "open"}
COVERS = re.compile(r"\b(?:door|doors|gate|curtains?|blinds?|shutters?|windows?|shades?|garage)\b", re.IGNORECASE)
MEDIA = re.compile(r"\b(?:bhajans|songs|music|radio|gaana|aarti|news)\b", re.IGNORECASE)
# light verbs after it: "karo", "kar do", "kar dena", "do", "dena", "dijiye", "kardo", "de"
LIGHT_VERB = r"(?:k(?:a)?r(?:o|do|de|na|ni|en)?(?:\s+(?:do|de|dena|dijiye|diyo|dijie|deo|dyo))?|do|de|dena|dijiye|diyo|dijie|deo|dyo)"
_ACTION = "|".join(sorted(ACTIONS, key=len, reverse=True))
_NUMBER = "|".join(sorted(NUMBERS, key=len, reverse=True))
# the unit a level is said in, kept: "do degree tez" is by 2 degrees
_UNITS = {"degree": "degrees", "degrees": "degrees", "digri": "degrees", "percent": "percent"}
# a request in these words: [the thing] [a level] [what to do] [a light verb]
COMMAND = re.compile(rf"^(?P<lead>(?:aur|and)\s+)?(?P<thing>[\w' ]+?)(?:\s+(?P<level>\d+|{_NUMBER})"
                     r"(?:\s+(?P<unit>degrees?|digri|percent))?(?:\s+(?:pe|par|pr))?)?"
                     rf"(?:\s+(?P<action>{_ACTION}))?\s+{LIGHT_VERB}$", re.IGNORECASE)
# the action first, as in English: "band kar dena the TV in one hour"
ACTION_FIRST = re.compile(rf"^(?P<lead>(?:aur|and)\s+)?(?P<action>{_ACTION})\s+{LIGHT_VERB}\s+(?P<rest>\w.*)$",
                          re.IGNORECASE)
# the words that show the request is mixed (an action alone may be English: "on", "off", "band")
MARKERS = frozenset("thoda karo kardo karna kar dena dijiye diyo chala chalao chalu chaalu jala jalao bujha bujhao "
                    "khol kholo dheema dheemi yaad rakhna rakho haanji hanji haan nahi nahin mera mere meri laga lagao "
                    "lagado daal dalo bata batana bol dila dilana baje bajey ghante ghanta kitne kitna kitni mein "
                    "bandh pankha pankhe batti awaaz awaz kamre kamra subah shaam raat parso rehne bhi aadhe dedh "
                    "diya ko ka ki ke hai hain tha chhat mandir abhi kya kab kaisa kaise aadha ghanton dheere tez "
                    "ek teen chaar paanch panch chhe saat aath nau das gyarah barah pandrah pachees pachchees "
                    "chaalis chalis pachaas sau dedh dhai wala wali wale waala waali "
                    # Urdu and Punjabi
                    "bolo batao kaho ruk ruko jao tareekh kahan kahaan kidhar mujhe mainu thand sardi garmi "
                    "kambal razai pani paani jaisa wapas bohat bohot bahut daalo anday ande doodh deo poora pura kinne vaje puttar "
                    "poori puri thanda thandi andhera reh gaya karwana".split())
# said to or about the person spoken to, or to soften: no part of the request
FILLERS = re.compile(r"\b(?:beta|bete|puttar|puttra|putt|kaka|uff|uffo|ufff|re|yaar|yar|zara(?!\s+ko\b)|jara|jaldi\s+se|jaldi|bhai|please|pls|plz|ekdum|abhi\s+ke\s+abhi|pehle|pahle|phir)\b"
                     r"|\s+na\s*$|\s+na(?=\s*,)", re.IGNORECASE)
# "ji" after a word: respect to the one spoken to ("haan ji"), or part of a name ("Sharma ji"): kept then
_JI = re.compile(r"(\b[\w']+)\s+ji\b", re.IGNORECASE)
ANSWERS = [(re.compile(r"^(?:haan|han|ha|haanji|hanji|ji\s+haan|ji|theek\s+hai|thik\s+hai|achha|accha)"
                       rf"(?:\s+(?:ji|theek\s+hai|kar\s+do|kar\s+de|karo|kar\s+dijiye|{LIGHT_VERB}|"
                       rf"(?:khol|chala|laga|band|unlock|open|bujha)\s+{LIGHT_VERB}))*$", re.IGNORECASE), "yes"),
           (re.compile(rf"^(?:kar\s+do|kar\s+de|kar\s+dijiye|karo)$", re.IGNORECASE), "yes"),
           (re.compile(r"^(?:nahi|nahin|nai|na|mat\s+karo|mat\s+karna|nahi\s+mat\s+karo)(?:\s+ji)?$", re.IGNORECASE), "no"),
           (re.compile(r"^(?:(?:nahi|nahin|bas)\s+)?(?:rehne\s+do|rehne\s+de|rahne\s+do|rahne\s+de|chhodo|chhod\s+do|"
                       r"jane\s+do|jaane\s+do)$", re.IGNORECASE), "never mind"),
           (re.compile(r"^(?:woh|wo|vo|ye|yeh)?\s*(?:cancel|radd)\s+kar\s*(?:do|de|dena|dijiye)?$", re.IGNORECASE),
            "cancel that"),
           (re.compile(r"^(?:(?:nahi|nahin|no)\s+)?mat\s+(?:karo|karna|kijiye|kariye)$", re.IGNORECASE), "cancel that"),
           (re.compile(r"^(?:bas|bas\s+karo|bas\s+kar\s+do|ruk\s+jao|ruko|rukiye|ruk\s+ja|chup|chup\s+karo|chup\s+kar\s+jao|khamosh)"
                       r"(?:\s+(?:bas|ruk\s+jao|ruko|chup\s+karo|ab|abhi))*$", re.IGNORECASE), "stop"),
           (re.compile(r"^(?:wapas\s+|vapas\s+)?(?:jaisa|jaise|jesa|jaisa\s+tha\s+waisa|jaisa\s+tha\s+vaisa)\s+"
                       r"(?:tha\s+)?(?:waisa\s+|vaisa\s+)?kar\s*(?:do|de|dena|dijiye|deo)?$", re.IGNORECASE), "undo that"),
           (re.compile(r"^(?:jo\s+(?:abhi\s+)?kiya\s+)?(?:woh|wo|vo|use|usko|ye|yeh)?\s*(?:wapas|vapas|undo|ulta)\s+"
                       r"kar\s*(?:do|de|dena|dijiye)?$", re.IGNORECASE), "undo that")]
QUESTIONS = [(re.compile(r"^(?:abhi\s+)?(?:kinne\s+vaje\s+(?:ne|han|hoye\s+ne)|ki\s+time\s+(?:hoya|ho\s+gaya)(?:\s+ae)?|"
                         r"kitne\s+baje\s+(?:hain|hai|he)|(?:time|samay)\s+kya\s+(?:hua|hai|ho\s+gaya)"
                         r"(?:\s+hai)?|kya\s+(?:time|samay)\s+(?:hua|hai|ho\s+gaya)(?:\s+hai)?)\W*$", re.IGNORECASE),
              "what time is it"),
             (re.compile(r"^(?:aaj\s+)?(?:kya|kaunsi|konsi|kaun\s+si)\s+(?:tareekh|tarikh|taareekh|date)\s+(?:hai|he|ae)"
                         r"(?:\s+aaj)?\W*$", re.IGNORECASE), "what's the date today"),
             (re.compile(r"^(?:aaj\s+)?(?:kya|kaunsa|konsa|kaun\s+sa)\s+din\s+(?:hai|he|ae)(?:\s+aaj)?\W*$", re.IGNORECASE),
              "what day is it today"),
             (re.compile(r"^(?:timer\s+(?:mein|me|main)\s+)?(?:kitna|kitne)\s+(?:time|samay|minute|minat)\s+"
                         r"(?:bacha|baki|baaki|baqi|reh\s+gaya|reh\s+gaye|rehta|rehte|reh\s+gae)(?:\s+(?:hai|he|hain))?\W*$",
                         re.IGNORECASE), "how much time is left on the timer")]
WEATHER = re.compile(r"\bmausam\b", re.IGNORECASE)
# "inverter battery kitna hai", "inverter kitna charge hai": a reading
READING = re.compile(r"^(?P<thing>[\w' ]+?)\s+(?:kitna|kitni|kitne)(?:\s+(?P<measure>[a-z]+))?\s+(?:hai|he|hain|bacha\s+hai)\W*$",
                     re.IGNORECASE)
# "Guddi ka number kya hai": what is Guddi's number
WHOSE = re.compile(r"^(?P<who>\w+)\s+(?:ka|ki|ke)\s+(?P<what>[\w ]+?)\s+kya\s+(?:hai|he|tha)\W*$", re.IGNORECASE)
# "Rohit ko bata dena ki …": a message
MESSAGE = re.compile(r"^(?P<who>[\w]+(?:\s+ji)?)\s+ko\s+(?:(?:bata|bol|keh|kah|batana|bolna)\s*(?:do|de|dena|diyo|dijiye|deo)?"
                     r"|bolo|batao|kaho|keho|(?:message|msg|text|sms)\s+(?:kar|kr)\s*(?:do|de|dena|deo)?|(?:message|msg)\s+bhej\s*(?:do|de|dena)?)"
                     r"(?:\s+(?:(?:ki|ke|k|keh)\s+)?(?P<what>.+))?$", re.IGNORECASE)
# "Bruno ko khana diya kisi ne?": has anyone fed Bruno
FED = re.compile(r"^(?P<who>\w+)\s+ko\s+khana\s+(?:diya|de\s+diya|mila|khilaya)(?:\s+(?:kisi\s+ne|ki\s+nahi|ya\s+nahi))*\W*$",
                 re.IGNORECASE)
REMIND = re.compile(r"\b(?:ki\s+)?yaad\s+(?:dila|dilana|kara|karana)\s*(?:do|de|dena|diyo|dijiye|dijie|na)?\b", re.IGNORECASE)
LIST = re.compile(r"^(?P<name>[\w ]+?\s+)?list\s+(?:mein|me|main|pe|par)\s+(?P<items>.+?)\s+"
                  r"(?:daal|dal|daalo|dalo|add|likh|likho|jod)\s*(?:do|de|dena|dijiye|o)?$", re.IGNORECASE)
# "doodh aur anday list mein daal do": the items first
LIST_AFTER = re.compile(r"^(?P<items>.+?)\s+(?:(?P<name>shopping|grocery|groceries|sauda|saudaa|saman|samaan|todo|to-do|kaam|"
                        r"packing)\s+)?(?:list|lisht)\s+(?:mein|me|main|pe|par|vich)\s+"
                        r"(?:daal|dal|daalo|dalo|add|likh|likho|jod|rakh)\s*(?:do|de|dena|dijiye|deo|o)?$", re.IGNORECASE)
# "meri ainak kahan hai", "Mithu ka dana kidhar hai": where a thing is (what the user told the assistant)
WHERE = re.compile(r"^(?P<what>.+?)\s+(?:kahan|kahaan|kidhar|kithe|kithay)\s+(?:hai|hain|he|ae|rakha|rakhi|rakhe|gaya|gayi|gaye)"
                   r"(?:\s+(?:hai|hain|he|ae|tha|thi))?\W*$", re.IGNORECASE)
# "darwaza band hai?", "batti jal rahi hai?": how a thing is
STATE = re.compile(r"^(?:kya\s+)?(?P<thing>.+?)\s+(?P<state>band|khula|khuli|khule|on|off|chalu|chal\s+raha|chal\s+rahi|"
                   r"jal\s+raha|jal\s+rahi|lock|locked)\s+(?:hai|hain|he|ae)\W*$", re.IGNORECASE)
_STATES = {"band": "closed", "khula": "open", "khuli": "open", "khule": "open", "on": "on", "off": "off", "chalu": "on",
           "chal raha": "on", "chal rahi": "on", "jal raha": "on", "jal rahi": "on", "lock": "locked", "locked": "locked"}
# "mujhe thand lag rahi hai", "mainu bahut garmi lag rahi ae": how the speaker feels
FEELING = re.compile(r"^(?:mujhe|mainu|menu|hamein|humein|sanu)\s+(?P<very>(?:bahut|bohat|bohot|kaafi|bari|badi)\s+)?"
                     r"(?P<feel>thand|sardi|garmi)\s+(?:lag|lagg)\s+(?:rahi|raha|rahe|ri)\s+(?:hai|hain|he|ae)\W*$", re.IGNORECASE)
# "mera kamra bohat thanda hai", "yahan andhera hai": how a place is
PLACE_IS = re.compile(r"^(?P<place>.+?)(?P<in>\s+(?:mein|me|main|vich))?\s+(?P<very>(?:bahut|bohat|bohot|kaafi|bara|bada|kitni|kitna|"
                      r"kinni|kinna|itni|itna)\s+)?(?P<adj>thanda|thandi|thande|garam|garmi|sardi|thand|andhera|andheri)\s+"
                      r"(?:hai|hain|he|ae|ho\s+gaya\s+hai|ho\s+rahi\s+hai)\W*$", re.IGNORECASE)
_FEELINGS = {"thand": "cold", "sardi": "cold", "garmi": "hot", "thanda": "cold", "thandi": "cold", "thande": "cold",
             "garam": "hot", "andhera": "dark", "andheri": "dark"}
# "remember, passport blue suitcase mein hai": a thing (one word, or whose it is) and where it is kept
KEPT_IN = re.compile(r"^remember, (?P<what>(?:[A-Z]\w*\s+(?:ka|ki|ke)\s+)?(?:meri|mera|mere\s+)?\w+)\s+(?P<place>[\w ]+?)\s+"
                     r"(?P<where>mein|me|main|vich|pe|par|ke\s+andar|ke\s+upar|ke\s+neeche)\s+(?:hai|hain|he|ae|rakha\s+hai|"
                     r"rakhi\s+hai|rakhe\s+hain)\W*$", re.IGNORECASE)
_WHERE_WORDS = {"pe": "on", "par": "on", "ke upar": "on", "ke neeche": "under"}
LEVEL_CLAUSE = re.compile(rf"^(?P<n>\d+|{_NUMBER})\s+(?:pe|par|pr|percent|degree|degrees)$", re.IGNORECASE)
ALSO = re.compile(r"^(?:aur|and)\s+(?P<more>[\w' -]+?)\s+bhi$", re.IGNORECASE)
# "orange wali", "kitchen ki": the one of that colour or place
THE_ONE = re.compile(r"^(?P<what>[\w' -]+?)\s+(?:wala|wali|wale|vala|vali|vale|waala|waali|ka|ki|ke)$", re.IGNORECASE)
# "nahi nahi, kitchen ki": a correction
NOT_THAT = re.compile(r"^(?:nahi|nahin|nai|no)(?:[\s,]+(?:nahi|nahin|nai|no))*[\s,]+(?P<rest>\w.*)$", re.IGNORECASE)
# a time: a day, a time of day, an hour ("kal subah 7 baje", "raat ko 2 baje", "saade chhe baje")
_HOUR = (rf"(?:(?:(?P<half>saade|sade|sawa|paune)\s+)?(?P<hour>\d{{1,2}}(?:[:.]\d{{2}})?|{_NUMBER})"
         rf"|(?P<halfhour>{'|'.join(HALF_HOURS)}))\s+(?:baje|bajey|bje|vaje)")
TIME = re.compile(rf"(?:(?P<day>{'|'.join(DAYS)})\s+)?(?:(?P<part>{'|'.join(PARTS_OF_DAY)})(?:\s+(?:ko|ke|mein))?\s+)?"
                  rf"(?:{_HOUR}(?:\s+(?:ko|ka|ke|ki|tak)\b)?)", re.IGNORECASE)
DAY_ALONE = re.compile(rf"\b(?P<day>{'|'.join(DAYS)})(?:\s+(?P<part>{'|'.join(PARTS_OF_DAY)}))?(?:\s+(?:ko|ka|ke|ki))?\b"
                       rf"|\b(?P<part2>{'|'.join(PARTS_OF_DAY)})\s+ko\b", re.IGNORECASE)
_AMOUNT = rf"(?:(?:(?P<on>{'|'.join(ON_A_NUMBER)})\s+)?(?P<count>\d+|{_NUMBER})|(?P<fraction>{'|'.join(FRACTIONS)}))"
DURATION = re.compile(rf"\b{_AMOUNT}\s+(?P<unit>{'|'.join(UNITS)})\b(?:\s+(?P<after>baad|bad|mein|me|main|ka|ki|ke|tak|ke\s+liye))?",
                      re.IGNORECASE)


def is_mixed(text: str) -> bool:
    """Whether the words hold one of the markers of a request in Hindi or Punjabi, or a length
    said in Hindi numbers ("bees minute")."""
    return any(w in MARKERS for w in re.findall(r"[^\W\d_]+", text.lower())) or _hindi_length(text)  # ("olvídalo": one word)


def _hindi_length(text: str) -> bool:
    found = DURATION.search(text)
    return found is not None and not (found["count"] or "").isdigit() and (found["count"] or "").lower() != "do"


def in_english(text: str, names: Iterable[str] = ()) -> str:
    """The request with its Hindi and Punjabi words read as English, when it is mixed; else as said.
    A word of the home's names (`names`) is never read."""
    taken = {w for name in names for w in re.findall(r"[a-z]+", name.lower())}
    if not [w for w in re.findall(r"[a-z]+", text.lower()) if w in MARKERS and w not in taken] \
            and not _hindi_length(text):
        return text  # (a marker that is a word of the home's names marks nothing)
    said = _JI.sub(lambda m: m[0] if m[1][0].isupper() else m[1], text)
    said = " ".join(FILLERS.sub(" ", said).split()).strip(" ,.!?")
    said = re.sub(r"^do one thing\W+", "", said, flags=re.IGNORECASE)
    a_bit = bool(re.search(r"\b(?:thoda|thodi|thora|thodu)\b", said, re.IGNORECASE))
    said = " ".join(re.sub(r"\b(?:thoda|thodi|thora|thodu)\b", " ", said, flags=re.IGNORECASE).split())
    for pattern, english in [*ANSWERS, *QUESTIONS]:
        if pattern.match(" ".join(said.replace(",", " ").split())):
            return english
    corrected = NOT_THAT.match(said)
    if corrected and not _command_clause(corrected["rest"]):
        return f"no, I meant {_the_one(corrected['rest'], taken)}"
    asked = text.rstrip().endswith("?")
    read = _whole(said, taken) or _clauses(said, taken) or _statement(said, taken, asked)
    first = said.split(",")[0].strip()  # ("kitchen wala, bachay so rahe hain": a reason after it)
    if read is None and THE_ONE.match(first):  # "orange wali": the answer to "which one?" is "orange"
        read = _things(THE_ONE.match(first)["what"], taken)
    if read and a_bit and not read.endswith(" a bit") and re.match(r"^(?:and )?turn (?:up|down)", read):
        read = f"{read} a bit"
    return " ".join((read or _words(said, taken, a_bit)).split())


def _whole(said: str, taken: set[str]) -> str | None:
    """A request whose frame is the whole of it: a message, a reminder, a list, a feeding, a reading."""
    if (fed := FED.match(said)) is not None:
        return f"has anyone fed {fed['who']}"
    if (whose := WHOSE.match(said)) is not None:
        return f"what is {whose['who']}'s {_things(whose['what'], taken)}"
    if (message := MESSAGE.match(said)) is not None:
        return f"tell {message['who']} that {message['what']}" if message["what"] else f"leave a message for {message['who']}"
    if REMIND.search(said):
        return _reminder(said, taken)
    if (listed := LIST_AFTER.match(said)) is not None:
        items = re.sub(r"\s+(?:aur|and|te)\s+", " and ", listed["items"], flags=re.IGNORECASE)
        name = f"the {_things(listed['name'], taken)} list" if listed["name"] else "the list"
        return f"add {items} to {name}"
    if (listed := LIST.match(said)) is not None:
        items = re.sub(r"\s+(?:aur|and)\s+", " and ", listed["items"], flags=re.IGNORECASE)
        name = f"the {_things(listed['name'], taken)} list" if listed["name"] else "the list"
        return f"add {items} to {name}"
    if WEATHER.search(said):
        return f"what's the weather {_when(said)}".strip()
    if (reading := READING.match(said)) is not None and not PLACE_IS.match(said):
        return f"what's the {_things(reading['thing'], taken)} at"
    return None


def _statement(said: str, taken: set[str], asked: bool = False) -> str | None:
    """No command: where a thing is, how the speaker feels, how a place or a thing is (or, `asked`
    with "kitni", how cold or warm it is there: "bahar kitni thand hai?")."""
    if (where := WHERE.match(said)) is not None:
        return f"where is {_owned(where['what'], taken)}"
    if (feeling := FEELING.match(said)) is not None:
        return f"I'm {'very ' if feeling['very'] else ''}{_FEELINGS[feeling['feel'].lower()]}"
    if (place := PLACE_IS.match(said)) is not None:
        named, very = _owned(place["place"], taken), "very " if place["very"] else ""
        feeling = _FEELINGS[place["adj"].lower()]
        if asked and re.match(r"(?:kitni|kitna|kinni|kinna)\b", place["very"] or "", re.IGNORECASE):
            where = "here" if named == "here" else "outside" if named == "the outside" else f"in {named}"
            return f"how {feeling} is it {where}"
        if named == "here" or place["in"]:  # "garage mein bohat andhera hai": it's very dark in the garage
            return f"it's {very}{feeling} {'in here' if named == 'here' else 'in ' + named}"
        return f"{named} is {very}{feeling}"
    if (state := STATE.match(said)) is not None:
        return f"is {_owned(state['thing'], taken)} {_STATES[' '.join(state['state'].lower().split())]}"
    return None


def _reminder(said: str, taken: set[str]) -> str:
    """ "kal subah 7 baje yaad dila dena, dawai leni hai": remind me tomorrow at 7 am to dawai leni hai."""
    rest = REMIND.sub(" ", said)
    when, rest = _time_of(rest)
    every = " every day" if EVERY_DAY.search(rest) else ""
    rest = EVERY_DAY.sub(" ", rest)
    what = " ".join(re.sub(r"^\W*(?:ki|ke|ka)\b|\b(?:hai|he|hain)\W*$|\W+$", "", rest.replace(",", " ").strip(),
                           flags=re.IGNORECASE).split())
    what = re.sub(r"\s+(?:ki|ke|ka)$", "", what)
    done = duty(f"{what} hai")  # "dawai leni": to take the dawai; "Guddi ki saalgirah": about it
    said = f"to {done}" if done else f"about {what}" if what else ""
    return " ".join(f"remind me{every} {when} {said}".split())


def _clauses(said: str, taken: set[str]) -> str | None:
    """A command in the clause that has its light verb, with a time or a length said in any clause."""
    clauses = [c.strip() for c in re.split(r"\s*[,;]\s*", said) if c.strip()]
    for clause in clauses:  # "pankha band karo aur bees minute ka timer laga do": two commands
        pieces = re.split(r"\s+(?:aur|and|phir)\s+", clause, flags=re.IGNORECASE)
        if len(pieces) > 1 and all(_command_clause(p) for p in pieces):
            read = [_clauses(p, taken) for p in pieces]
            return " and ".join(read) if all(read) else None
    main = next((c for c in clauses if _command_clause(c)), None)
    if main is None:
        more = ALSO.match(said)
        return f"and the {_things(more['more'], taken)} too" if more else None
    levels = [c for c in clauses if c is not main and LEVEL_CLAUSE.match(c)]
    if levels and (found := COMMAND.match(main)) is not None and found["level"] is None:  # "light halki kar do, 20 pe"
        main = f"{found['thing']} {LEVEL_CLAUSE.match(levels[0])['n']} pe kar do"
    others = " ".join(c for c in clauses if c is not main and c not in levels)
    when, main = _time_of(main)
    length = _duration_of(others)[0] if not when else ""
    return _command(main, taken, when, length)


def _command_clause(clause: str) -> bool:
    return bool(COMMAND.match(clause) or ACTION_FIRST.match(clause))


def _command(clause: str, taken: set[str], when: str, length: str) -> str | None:
    bare = re.fullmatch(rf"(?P<lead>(?:aur|and)\s+)?(?P<action>{_ACTION})\s+{LIGHT_VERB}", clause.strip(), re.IGNORECASE)
    if bare:  # "… aur ek ghante baad band kar dena": the thing the clause before named
        verb, _, particle = ACTIONS[bare["action"].lower()].partition(" ")
        return " ".join(f"{_lead(bare)}{verb} it {particle} {when}".split())
    first = ACTION_FIRST.match(clause)
    if first:
        return f"{_lead(first)}{ACTIONS[first['action'].lower()]} the {_things(first['rest'], taken)} {when}"
    found = COMMAND.match(clause)
    thing, action = found["thing"].strip(), (found["action"] or "").lower()
    timer = re.match(r"^(?P<before>.*?)\s*(?:ka|ki|ke)?\s*(?P<kind>timer|alarm)$", thing, re.IGNORECASE)
    if timer and action in ("laga", "lagao", "chala", "chalu", "chaalu", "start", "on", ""):
        return _timer(timer["before"], timer["kind"].lower(), when, length, taken)
    whole = re.search(r"\s+(?:poora|pura|poori|puri|poore|pure|full)$|\s+(?:aadha|aadhi|aadhe|adha|adhi|adhe)$", thing, re.IGNORECASE)
    if whole and action in ("tez", "zyada", "jyada", "khol", "kholo", "chala", "chalao", "on", ""):
        end = "full" if re.search(r"p|f", whole[0].strip()[:1], re.IGNORECASE) else "half"
        return f"{_lead(found)}set the {_things(thing[:whole.start()], taken)} to {end} {when}".strip()
    if not action and found["level"] is None:
        return None
    level = number(found["level"]) if found["level"] else None
    english = ACTIONS.get(action, "set")
    named = _things(thing, taken)
    amount = f"{spoken(level)} {_UNITS.get((found['unit'] or '').lower(), '')}".strip() if level is not None else ""
    if level is not None and english in ("turn up", "turn down"):  # "do degree tez", "das kam": by that much
        the = "" if re.match(r"^(?:my|our|your|his|her|their|\w+'s?)\s", named) else "the "
        return f"{_lead(found)}{english} {the}{named} by {amount} {when}".strip()
    if level is not None:
        return f"{_lead(found)}set the {named} to {amount} {when}".strip()  # "teen pe": to 3
    if english == "put on":
        english = "play" if MEDIA.search(named) else "turn on"
        if english == "play":
            return f"{_lead(found)}play {named} {when}".strip()
    the = "" if re.match(r"^(?:my|our|your|his|her|their|\w+'s?|all)\s", named) and not named.startswith("kids'") else "the "
    if COVERS.search(named):
        english = COVER_ACTIONS.get(english, english)
    if english in ("turn up", "turn down"):
        return f"{_lead(found)}{english} {the}{named} a bit {when}".strip()
    return f"{_lead(found)}{english} {the}{named} {when}".strip()


def _timer(before: str, kind: str, when: str, length: str, taken: set[str]) -> str:
    """ "das minute ka timer laga do": set a timer for 10 minutes; "chai ka timer …, paanch minute"."""
    length_here, name = _duration_of(before)
    length = length_here or length
    name = _things(name, taken) if name.strip() else ""
    if kind == "alarm":
        at = when or length
        return " ".join(f"set an alarm {'for ' + re.sub(r'^at ', '', at) if at else ''}".split())
    article = "an" if re.match(r"[aeiou]", name or "timer", re.IGNORECASE) and name else "a"
    return " ".join(f"set {article} {name} timer {'for ' + length if length else ''} {when}".split())


def _time_of(text: str) -> tuple[str, str]:
    """The time said ("kal subah 7 baje" → "tomorrow at 7 am", "aadhe ghante baad" → "in half an
    hour") and the words without it."""
    found = TIME.search(text)
    if found:
        return _clock(found), _without(text, found)
    length, rest = _duration_of(text, delay=True)
    if length:
        return length, rest
    day = DAY_ALONE.search(text)
    if day:
        part = day["part"] or day["part2"]
        words = [DAYS[day["day"].lower()] if day["day"] else "", _part_alone(part, bool(day["day"])) if part else ""]
        return " ".join(w for w in words if w), _without(text, day)
    return "", text


def _clock(found: re.Match) -> str:
    hour = HALF_HOURS[found["halfhour"].lower()] if found["halfhour"] else found["hour"]
    value = number(hour) if not re.search(r"[:.]", hour) else None
    minutes = ""
    if value is None:
        hour_text = hour.replace(".", ":")
    else:
        half = (found["half"] or "").lower()
        base = int(value) - 1 if half == "paune" else int(value)
        minutes = {"saade": ":30", "sade": ":30", "sawa": ":15", "paune": ":45"}.get(half, "")
        hour_text = f"{base}{minutes}"
    hour_number = int(re.match(r"\d+", hour_text)[0])
    part = PARTS_OF_DAY.get((found["part"] or "").lower())
    suffix = _meridiem(part, hour_number)
    day = DAYS.get((found["day"] or "").lower(), "")
    return " ".join(f"{day} at {hour_text}{(' ' + suffix) if suffix else ''}".split())


def _meridiem(part: str | None, hour: int) -> str:
    """am or pm for an hour said in a time of day ("raat 9 baje": 9 pm; "raat ko 2 baje": 2 am)."""
    if part == "morning" or (part == "night" and (hour == 12 or hour < 6)):
        return "am"
    if part in ("afternoon", "evening", "night"):
        return "pm"
    return ""


def _part_alone(part: str, with_day: bool) -> str:
    english = PARTS_OF_DAY[part.lower()]
    if english == "night":
        return "night" if with_day else "tonight"
    return english if with_day else f"this {english}"


def _duration_of(text: str, delay: bool = False) -> tuple[str, str]:
    """A length said ("dedh ghanta": an hour and a half), as "in …" when it is a delay ("… baad")."""
    found = DURATION.search(text)
    if not found:
        return "", text
    unit = UNITS[found["unit"].lower()]
    if found["fraction"]:
        amount = FRACTIONS[found["fraction"].lower()]
    else:
        amount = number(found["count"])
        amount = amount + ON_A_NUMBER[found["on"].lower()] if amount is not None and found["on"] else amount
    if amount is None:
        return "", text
    if amount == 0.5:
        length = f"half an {unit}" if unit == "hour" else f"half a {unit}"
    elif amount == 1.5:
        length = f"an {unit} and a half" if unit == "hour" else f"a {unit} and a half"
    elif unit == "hour" and not float(amount * 2).is_integer():  # "sawa ghanta": 75 minutes
        length = f"{spoken(amount * 60)} minutes"
    else:
        length = f"{spoken(amount)} {unit}{'' if amount == 1 else 's'}"
    after = (found["after"] or "").lower()
    if delay and after not in ("baad", "bad", "mein", "me", "main"):
        return "", text
    return (f"in {length}" if delay else length), _without(text, found)


def _without(text: str, found: re.Match) -> str:
    return " ".join(f"{text[:found.start()]} {text[found.end():]}".split())


def _when(text: str) -> str:
    return _time_of(text)[0]


def _things(text: str, taken: set[str]) -> str:
    """A thing said in Hindi order, in English: "bachchon ke kamre ka AC" → "kids' room AC",
    "dadi ke kamre ka pankha" → "Dadi's room fan", "chhat ki batti" → "terrace light"."""
    words = text.strip()
    for hindi in sorted(THINGS, key=len, reverse=True):
        if hindi not in taken:
            words = re.sub(rf"\b{re.escape(hindi)}\b", THINGS[hindi], words, flags=re.IGNORECASE)
    words = re.sub(rf"\b({'|'.join(KIN)})\s+(?:ka|ki|ke|da|di|de)\s+", r"\1's ", words, flags=re.IGNORECASE)
    words = re.sub(r"\b([A-Z][a-z]+)\s+(?:ka|ki|ke|da|di|de)\s+", r"\1's ", words)  # "Maryam ke kamre": Maryam's room
    words = re.sub(r"\b(?:ka|ki|ke|da|di|de|ko|wala|wali|wale|vala|vali|vale)\b", " ", words, flags=re.IGNORECASE)
    place = re.match(r"^(?P<place>.+?)\s+(?:mein|me|main)\s+(?P<thing>.+)$", words, re.IGNORECASE)
    if place:  # "mandir mein bhajan": bhajans in the puja room
        words = f"{place['thing']} in the {place['place']}"
    words = re.sub(r"\b(?:mera|mere|meri)\b", "my", words, flags=re.IGNORECASE)
    words = " ".join(re.sub(r"^(?:the|a)\s+", "", " ".join(words.split()), flags=re.IGNORECASE).split())
    if re.search(r"\ball\b", words):  # "neeche ki saari battiyan": all the downstairs lights
        return "all the " + " ".join(w for w in words.split() if w.lower() != "all")
    return words


def _owned(text: str, taken: set[str]) -> str:
    """A thing with whose it is ("Mithu ka dana" → "Mithu's dana", "meri ainak" → "my glasses"), with "the"
    when it is nobody's ("darwaza" → "the door"); "yahan" is here."""
    if re.fullmatch(r"\s*(?:yahan|yahaan|idhar|ithe)\s*", text, re.IGNORECASE):
        return "here"
    whose = re.match(r"^(?P<who>[A-Z]\w*)\s+(?:ka|ki|ke|da|di|de)\s+(?P<what>.+)$", text.strip())
    if whose:
        return f"{whose['who']}'s {_things(whose['what'], taken)}"
    named = _things(text, taken)
    return named if re.match(r"^(?:my|our|your|\w+'s?)\s", named) else f"the {named}"


def _words(said: str, taken: set[str], a_bit: bool = False) -> str:
    """No frame: the Hindi words read one by one ("yaad rakhna, …": remember, …; "mere": my;
    "paanch minute": 5 minutes)."""
    text = re.sub(r"^\W*yaad\s+rakh(?:na|o|iye|ein)\b[\s,]*(?:(?:ke|ki|k|keh)\s+)?", "remember, ", said, flags=re.IGNORECASE)
    kept = KEPT_IN.match(text) if len(re.findall(r"\b(?:mein|me|main|vich|pe|par)\b", text, re.IGNORECASE)) == 1 else None
    if kept:  # "remember, passport blue suitcase mein hai": the passport is in the blue suitcase
        where = _WHERE_WORDS.get(" ".join(kept["where"].lower().split()), "in")
        text = f"remember that {_owned(kept['what'], taken)} is {where} the {kept['place']}"
    text = re.sub(r"\b(?:mere|mera|meri)\b", "my", text, flags=re.IGNORECASE)
    text = f"{text} a bit" if a_bit else text
    length, rest = _duration_of(text)
    if length and not re.search(r"\b(?:baad|bad)\b", text):
        text = f"{rest} {length}"
    when, rest = _time_of(text)
    if when:
        rest = " ".join(rest.replace(" ,", ",").strip(" ,").split())
        text = f"{duty(rest) or rest} {when}"  # "kal subah dawai leni hai": take dawai tomorrow morning
    return re.sub(r"(?<=\w)\s+(?:da|ka|ki|ke|di|de)\s+(?=\w)", " ", text, flags=re.IGNORECASE)


def _the_one(said: str, taken: set[str]) -> str:
    """ "orange wali": the orange one; "kitchen ki": the kitchen one; else the thing in English."""
    one = THE_ONE.match(said)
    if one and re.fullmatch(r"mera|meri|mere|apna|apni|apne", one["what"].strip(), re.IGNORECASE):
        return "the one here"  # "meri wali": mine, the one where the speaker is
    return f"the {_things(one['what'], taken)} one" if one else _owned(said, taken)


def _lead(found: re.Match) -> str:
    return "and " if found["lead"] else ""
