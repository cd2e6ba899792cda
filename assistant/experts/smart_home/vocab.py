"""Words people use for devices and places: tokens, device-type words, fuzzy similarity."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

FILLERS = frozenset("the a an my our your this that these those please in on at of for to from "
                    "with off up down some any".split())
# words for a device's level, not its name ("the blind position", "fan speed", "speaker volume")
# the word that names each level a device has ("set the speed to 3"), and every word for a level
ATTRIBUTE_WORDS = {"brightness": ("brightness",), "volume": ("volume",), "percentage": ("speed",),
                   "position": ("position",), "temperature": ("temperature", "temp")}
LEVEL_WORDS = frozenset(w for words in ATTRIBUTE_WORDS.values() for w in words) | {"level", "setting", "colour", "color"}
QUANTIFIERS = frozenset("all every everything both each whole entire".split())
HERE_WORDS = frozenset({"here", "this room", "the room", "current room", "this area", "my room"})
WHOLE_HOME = frozenset({"house", "home", "everywhere", "apartment", "flat", "rooms",
                        "whole house", "whole home", "all rooms", "every room"})
# a home within a home: "the flat" is the Granny Flat where one of the rooms is a flat
HOMES_WITHIN = frozenset({"flat", "apartment"})
# floors by their role (see resolve: the roles come from the floors' levels, else their names)
DOWNSTAIRS = ("downstairs", "ground floor", "ground", "main floor", "first floor", "ground level",
              "street level", "main level")
UPSTAIRS = ("upstairs", "upper floor", "second floor", "upper level", "up stairs")
TOP_FLOOR = ("top floor", "top level", "upper most floor", "uppermost floor")
BELOW_GROUND = ("basement", "cellar", "lower level", "lower floor", "lower ground floor")
# what children call their parents: "mummy and daddy's room" is the parents' room, in any pairing
_MOTHERS = "mum|mom|mummy|mommy|mama|mamma|ma|mother|amma|ammi|nanay|inay"
_FATHERS = "dad|daddy|papa|pa|father|appa|abbu|tatay|itay"
PARENTS_ROOM = re.compile(rf"^(?:(?:{_MOTHERS}) and (?:{_FATHERS})|(?:{_FATHERS}) and (?:{_MOTHERS}))s? ((?:bed)?room)$")
# what one family member is called, by other members: "Granny's room" is Grandma's Room
KIN = tuple(frozenset(group.split()) for group in (
    "grandma granny grannie gran nana nan grandmother gramma grams grandmom grandmum abuela lola ouma bibi",
    "grandpa grandad granddad gramps grandfather granpa grampa abuelo lolo oupa babu",
    "mum mom mummy mommy mama mamma mother",
    "dad daddy papa father pops",
    "auntie aunty aunt tita", "uncle tito"))
# whose room is named for what they do or are in the family, not for who they are: never a child's
ROLE_OWNERS = frozenset(w for group in KIN for w in group) | frozenset(
    "helper helpers maid maids nanny au pair housekeeper guest guests tenant lodger staff driver cook gardener "
    "servant servants carer caretaker nurse parent parents".split())


def owned_by_role(room: str) -> bool:
    """Whether a room named for someone is named for a role ("Grandma's Room", "Helper's Room"),
    not for a person by name."""
    owner = tokens(room)[0]
    return owner in ROLE_OWNERS or singular(owner) in ROLE_OWNERS


def kin_as_named(phrase: str, names: list[str]) -> str:
    """The phrase with a family word said as these names say it ("grannys room" → "grandmas room"
    when a room is Grandma's Room); whole words only, so "fans" is never "nans"."""
    named = {_kin_word(word): word for name in names for word in tokens(name) if _kin_word(word) in _KIN_OF}
    out = []
    for word in tokens(phrase):
        bare = _kin_word(word)
        twin = next((named[other] for other in _KIN_OF.get(bare, ()) if other in named), None)
        out.append(twin if twin and bare not in named else word)
    return " ".join(out)


def _kin_word(word: str) -> str:
    """The family word without its possessive "s" ("grannys": "granny"); any other word as it is."""
    return word[:-1] if word.endswith("s") and word[:-1] in _KIN_OF else word


_KIN_OF = {word: group - {word} for group in KIN for word in group}
# rooms people call by other names; a phrase of a group also looks for the group's other names
PLACE_SYNONYMS = tuple(frozenset(group.split(",")) for group in (
    "living room,lounge,family room,sitting room,front room,den,tv room,living area,great room,drawing room,"
    "parlour,parlor,lounge room,movie room,cinema room,home cinema,home theater,home theatre,sala,salon",
    "bathroom,bath,washroom,restroom,toilet,wc,loo,powder room,bath room,ensuite,en suite,shower room,"
    "cloakroom,half bath,comfort room,cr,lavatory,water closet,toilet and bath,t and b,outhouse,privy,dunny,latrine",
    "master bedroom,main bedroom,primary bedroom,master,parents room,master suite,parents bedroom,primary suite",
    "guest room,guest bedroom,spare room,spare bedroom,guestroom,box room,boxroom,visitors room,guest suite",
    "kids room,childrens room,children room,nursery,kids bedroom,playroom,play room,baby room,babys room,"
    "babies room,baby bedroom",
    "gym,home gym,workout room,exercise room,fitness room,weight room,weights room,gym room",
    "playroom,play room,game room,games room,rec room,recreation room,rumpus room",
    "office,study,home office,workroom,work room,study room,den",  # a den is often the home office
    "hallway,hall,corridor,hall way,passage,passageway",  # a hall is also an entry or a landing: ask which
    "foyer,entrance,entryway,entrance hall,entry,entry hall,front hall,vestibule,mudroom,mud room,hall,hallway",
    "landing,stairs,stairway,staircase,stairwell,hall,hallway",
    "dining room,dining area,dining,breakfast room,dining hall,refectory,eating area,breakfast nook,mess hall,diner",
    "kitchen,kitchenette,galley,cookhouse",
    "laundry room,laundry,utility room,utility,laundry area,wash house,washhouse,scullery",
    "garden,yard,backyard,back yard,outside,outdoors,back garden,front garden,lawn,compound",
    "patio,deck,terrace,courtyard,alfresco,veranda,verandah,stoep,lanai,lapa,braai area,bbq area,barbecue area",
    "porch,front porch,veranda,verandah,stoep,stoop,portico,car porch,porte cochere",
    "driveway,car porch,carport,car port,porte cochere,portico",
    "conservatory,sunroom,sun room,orangery,solarium,garden room,sun porch,florida room,sunporch,three season room",
    "attic,loft,garret,roof space,attic room,loft room,attic bedroom",
    "annexe,annex,granny flat,granny annexe,inlaw suite,guest house,guesthouse,casita,"
    "coach house,cottage,garden cottage,flatlet,efficiency,efficiency apartment,studio,studio apartment,studio flat,"
    "mother inlaw suite,mother inlaw apartment,inlaw apartment,inlaw flat,inlaw unit,adu,accessory dwelling",
    "garage,carport,car port,car porch,coach house,carriage house,motor house",
    "pantry,larder,store,storeroom,store room",
    "staff quarters,boys quarters,boys quarter,bq,dsq,sq,servants quarters,maids quarters,domestic quarters,helpers room,"
    "maids room,staff room,house help room,nanny room,housekeepers room,drivers room,quarters",
    "gatehouse,gate house,guard house,guardhouse,security post,security house,gatemans house,gate post,sentry box",
    "store,storeroom,store room,storage room,storage,stores,utility store",
    "workshop,shed,barn,outbuilding,garden shed,work shed",  # where the tools are, whatever the building
    "cellar,basement,wine cellar,root cellar,vault,undercroft",
    # rooms of a farm, a garden or a big house, by their everyday names
    "greenhouse,glasshouse,hothouse,polytunnel,poly tunnel,grow room,potting shed",
    "barn,stable,stables,horse barn,cowshed,cow shed,byre,milking shed,dairy,milking parlour,milking parlor,hay barn",
    "woolshed,wool shed,shearing shed,shearing barn",
    "bunkhouse,bunk house,bunk room,bunkroom,quarters,workers quarters,shearers quarters,dormitory,dorm,sleepout,sleep out",
    "library,reading room,book room",
    "puja room,pooja room,prayer room,mandir,pooja ghar,puja ghar,shrine room,altar room,meditation room",
    "studio,art studio,craft room,sewing room,hobby room,workroom",
    "music room,piano room,practice room",
    "pool house,cabana,pool room",
    "boathouse,boat house,boat shed,boatshed",
    "summer house,summerhouse,gazebo,pavilion,folly",
))
# one kind of room within a family above, looked for first: "mudroom" is a boot room before it is any entrance
PLACE_KINDS = tuple(frozenset(group.split(",")) for group in (
    "mudroom,mud room,boot room,bootroom",
    "living room,lounge,sitting room,front room,great room,living area,lounge room,drawing room,"
    "parlour,parlor,sala,salon",
    # a family room is the living room only where no room is one by those names ("salon": the Front Room)
    "living room,lounge,sitting room,front room,great room,living area,lounge room,drawing room,"
    "parlour,parlor,sala,salon,family room",
    "den,snug,family room,tv room,media room,movie room,cinema room,home cinema,home theater,home theatre,"
    "theater room,theatre room",
    "foyer,entrance,entryway,entrance hall,entry,entry hall,front hall,vestibule",
    "master bath,master bathroom,primary bath,primary bathroom,main bathroom,main bath,ensuite,en suite,"
    "master toilet,master washroom,master wc,master shower,attached bathroom,attached toilet",
    "nursery,baby room,babys room,babies room,baby bedroom",
    "kids bathroom,childrens bathroom,children bathroom,kids toilet,childrens toilet,kids bath,kids washroom,"
    "childrens washroom,kids shower room",
    "lapa,braai area,bbq area,barbecue area,outdoor kitchen",
    "veranda,verandah,stoep,porch,front porch,stoop",
))
# a room's name in one region for another room elsewhere, looked for last: a "hall" is a hallway, an
# entry or a landing where the home has one, else (South and South-East Asia) the living room
REGIONAL_PLACES = {"hall": ("living room", "lounge", "sitting room", "drawing room")}
# places named by what they are, not by their names: every room of that kind the home has
OUTSIDE = frozenset({"outside", "outdoors", "exterior", "the outside", "outdoor"})
# ... at one end of the property: the outdoor places named for it ("out back": the Back Yard and the Back Deck),
# else every outdoor place not named for the other end
OUT_AT_END = {"out back": ("back", "front"), "out front": ("front", "back")}
END_WORDS = {"back": frozenset({"back", "rear", "backyard"}), "front": frozenset({"front", "frontyard"})}
OUTDOOR_PLACE_WORDS = frozenset(
    "garden yard backyard frontyard lawn compound patio deck terrace courtyard veranda verandah stoep lanai porch "
    "driveway drive carport gate gates pathway path walkway balcony pool poolside exterior outside outdoor "
    "front back".split())
# ... but "front" and "back" name an indoor room too: the Front Room, the Back Bedroom
INDOOR_PLACE_WORDS = frozenset("room rooms bedroom hall hallway kitchen bathroom lounge office study landing stairs "
                               "den parlour parlor kitchenette".split())


def is_outdoor_place(name: str) -> bool:
    """Whether a place's (normalised) name says it is outdoors ("Back Green", "Front Yard"; not the Front Room)."""
    words = set(name.split())
    return bool(words & OUTDOOR_PLACE_WORDS - {"front", "back"}) or bool(words & {"front", "back"}) \
        and not words & INDOOR_PLACE_WORDS


KIDS_ROOMS = frozenset({f"{who} {room}" for who in ("kids", "kid", "childrens", "children", "boys", "girls", "baby",
                                                     "babys", "babies")
                        for room in ("room", "rooms", "bedroom", "bedrooms")} | {"nursery"})
BEDROOMS = frozenset({"bedrooms", "all the bedrooms", "all bedrooms", "every bedroom", "bed rooms"})
# a room named for its one person ("Wanjiru's Room", "Kofi's Bedroom"): where that person sleeps
PERSONS_ROOM = re.compile(r"^[a-z][\w-]*(?:'s|s') (?:bed)?room$")
# a floor named by its place in the house ("the first floor", "ground level"): never a device's name
FLOOR_PHRASE = re.compile(r"\b(?:first|second|third|ground|top|upper|lower|main|bottom|basement|1st|2nd|3rd)"
                          r"\s+(?:floor|level|storey|story)s?\b", re.IGNORECASE)
# a question about how things are ("any fans on", "is the back door locked"), not a polite
# request ("can you turn the fan on"): it only tells, whatever call the model wrote
STATE_QUESTION = re.compile(r"^\W*(?:(?:hey|ok|okay|so|um|uh|and)\W+)*(?:is|are|was|were|any|anything|which|"
                            r"what|whats|what's|how many|how much|how \w+ (?:is|are))\b(?!['\u2019]t\b)", re.IGNORECASE)
ACTION_WORDS = re.compile(r"\b(?:turn|switch|set|put|make|open|close|shut|lock|unlock|dim|brighten|raise|lower|"
                          r"start|stop|play|pause|change|adjust|increase|decrease|arm|disarm|activate|"
                          r"deactivate|kill|cut|leave|keep)\b", re.IGNORECASE)


# which way the user's verb moves a cover: "draw the curtains" closes them, "draw them back" opens
# them; "pull the blinds down", "roll them up"
COVER_CLOSING = re.compile(r"\b(?:close|shut|draw|pull|roll|let|drop|lower)\b(?!\s+(?:back|open|apart|up)\b)"
                           r"(?:\s+[\w']+){0,5}?\s+(?:down|closed|shut|to)\b"
                           r"|\b(?:close|shut|lower|drop)\b|^\W*(?:\w+\W+){0,4}?draw\b(?!.*\b(?:back|open|apart)\b)", re.IGNORECASE)
COVER_OPENING = re.compile(r"\b(?:open|raise|lift|part)\b|\b(?:draw|pull|roll)\b(?:\s+[\w']+){0,5}?\s+(?:back|open|apart|up)\b",
                           re.IGNORECASE)


def cover_direction(said: str | None) -> str | None:
    """"open" or "closed" when the user's words move a cover one way only, else None."""
    closing, opening = bool(COVER_CLOSING.search(said or "")), bool(COVER_OPENING.search(said or ""))
    return None if closing == opening else "closed" if closing else "open"


def asks_state(said: str | None) -> bool:
    """Whether the words ask how things are rather than for a change."""
    return bool(said) and bool(STATE_QUESTION.search(said)) and not ACTION_WORDS.search(said)


# words that point at a device named before ("turn that light off" after the desk lamp)
TYPO_SIMILARITY = 90.0  # a word this close to a common room word is a slip of it ("halway", "kitchn")
GENERIC_PLACE_WORDS = frozenset("room rooms floor floors level area space".split())
GARAGE_WORDS = ("garage", "gate")
# a grandparent, in the words of the languages homes mix in ("Teta's Room" is grandma's)
GRANDMOTHER = ("grandma", "granny", "gran", "grandmother", "nan", "nanna", "nana", "grandmom", "grammy", "nonna",
               "teta", "tayta", "teita", "sitto", "sitti", "jadda", "lola", "abuela", "abuelita", "oma", "omi",
               "dadi", "daadi", "nani", "naani", "aaji", "ajji", "yiayia", "yaya", "babcia", "babushka", "bubbe",
               "mamie", "ouma", "gogo", "bibi", "mormor", "farmor", "popo", "nainai", "lao lao")
GRANDFATHER = ("grandpa", "grandad", "granddad", "grandfather", "gramps", "grampa", "pop pop", "nonno", "jiddo",
               "jeddo", "jaddo", "sido", "lolo", "abuelo", "abuelito", "opa", "dadaji", "nanaji", "papou", "dziadek",
               "dedushka", "zayde", "papi", "papy", "oupa", "mkhulu", "babu", "morfar", "farfar",
               "gong gong", "yeye", "lao ye")
# a word of a device's name people swap for another ("floor lamp" for the Standard Lamp)
NAME_SYNONYM_GROUPS = (("machine", "maker"), ("telly", "tv", "tele", "television", "telé"), ("floor", "standard"),
                       ("fridge", "refrigerator"), ("pedestal", "standing", "stand", "floor fan"),
                       ("carport", "car park"), ("louvres", "louvers", "louvre windows", "louver windows"),
                       ("hoover", "vacuum"), ("nightstand", "bedside"), ("sofa", "couch"), ("drapes", "curtains"),
                       ("master", "primary", "main"), ("outdoor", "outside", "outdoors", "exterior"),
                       ("aquarium", "fish tank"), ("geyser", "water heater"), ("aircon", "ac", "air conditioner"),
                       ("generator", "genset", "genny"),
                       ("floodlight", "floodlights", "flood light", "flood lights", "security light", "security lights"),
                       ("home theatre", "home theater", "sound system", "surround sound"),
                       ("pot", "can", "recessed"),
                       ("leds", "led strip", "light strip", "strip lights", "led lights", "led tape", "led lighting"),
                       ("crock pot", "crockpot", "slow cooker"), ("radio", "wireless"),
                       # the fan over the stove, and the fan that clears a bathroom's or a kitchen's air
                       ("range hood", "cooker hood", "stove hood", "stove fan", "hood fan", "extractor hood",
                        "vent hood", "oven hood", "extractor", "kitchen extractor", "kitchen exhaust"),
                       ("extractor fan", "exhaust fan", "extractor", "vent fan", "ventilation fan"),
                       ("front door", "main door", "entrance door", "entry door"),
                       GRANDMOTHER, GRANDFATHER)
# a word may be in two groups ("extractor"): its other names are both groups'
NAME_SYNONYMS = {word: tuple(dict.fromkeys(w for group in NAME_SYNONYM_GROUPS if word in group for w in group if w != word))
                 for group in NAME_SYNONYM_GROUPS for word in group}


_KIN = {word: group for group in (GRANDMOTHER, GRANDFATHER) for word in group if " " not in word}


def says_kin(text: str | None) -> bool:
    """Whether the words hold a word for a grandparent ("lola's room", "nanis fan")."""
    return any(w in _KIN or (w.endswith("s") and w[:-1] in _KIN) for w in tokens(text))


def kin_forms(name: str) -> list[str]:
    """A name with its word for a grandparent said in the household's other words for one ("Teta's
    Room": "grandmas room", "lolas room"); [] when it has none."""
    words = tokens(name)
    for i, word in enumerate(words):
        base, own = (word[:-1], "s") if word.endswith("s") and word[:-1] in _KIN else (word, "")
        if base in _KIN:
            return [" ".join([*words[:i], other + own, *words[i + 1:]]) for other in _KIN[base] if other != base]
    return []


def synonym_forms(phrase: str) -> list[str]:
    """The phrase, and the phrase with its swappable words swapped ("master suite light" → "primary
    suite light", "main suite light")."""
    forms, spaced = [phrase], f" {phrase} "
    for word, others in NAME_SYNONYMS.items():  # a word or a run of words ("fish tank" for "aquarium")
        if f" {word} " in spaced:
            forms += [spaced.replace(f" {word} ", f" {other} ").strip() for other in others]
    return forms


@dataclass(frozen=True)
class TypeWord:
    """What a type word means: the domains, and name hints that narrow (or, if strict, require)."""
    word: str
    domains: frozenset[str]
    hints: tuple[str, ...] = ()
    strict: bool = False
    exclude: tuple[str, ...] = ()
    fallback: str | None = None  # domain to use when no device name carries a hint
    countable: bool = False  # said in the singular, it means one device ("the lamp"; not "the light")


TYPE_WORDS: dict[str, TypeWord] = {}


def _words(words: str, domains: str, **kwargs) -> None:
    for word in words.split(","):
        word = word.strip()
        TYPE_WORDS[word] = TypeWord(word, frozenset(domains.split()), **kwargs)


_words("light, bulb, light bulb, lighting", "light")
_words("lamp", "light", hints=("lamp",), countable=True)
# the room's main light, as people call it ("the big light"): a light named for the ceiling; where
# none is, the room's lights that are no lamp ("the big light in the study": the Study Light)
_NOT_MAIN = ("lamp", "lamps", "nightlight", "strip", "candle", "candles")
_words("big light, main light, overhead light, top light, overhead", "light",
       hints=("ceiling", "overhead", "main", "pendant", "pendants", "chandelier", "big", "top", "spots",
              "spotlights", "downlights"), exclude=_NOT_MAIN)
_words("ceiling light", "light", hints=("ceiling", "overhead"), exclude=_NOT_MAIN)
_words("switch, plug, smart plug, socket, outlet", "switch", countable=True)
_words("fan", "fan", countable=True)
# blinds and curtains are both covers; a room with both means the kind named (non-strict hints)
_words("blind, shade, roller blind", "cover",
       hints=("blind", "shade", "roller"), exclude=("garage", "gate", "door"), countable=True)
_words("shutter", "cover", hints=("shutter",), exclude=("garage", "gate", "door"), countable=True)
_words("curtain, drape", "cover", hints=("curtain", "drape"), exclude=("garage", "gate", "door"))
_words("garage door, gate", "cover", hints=GARAGE_WORDS, strict=True)
_words("cover", "cover")
_words("window cover, window covering", "cover", exclude=("garage", "gate", "door"))
# the home's heating is its thermostat, not a space heater that is a climate device too
# (a gas boiler or a furnace is run from it: "turn the boiler down to 16", "is the furnace on")
_words("thermostat, heating, temperature, climate, hvac, heat, boiler, furnace, central heating", "climate",
       hints=("thermostat", "heating", "hvac", "boiler", "furnace"))
AIRCON_HINTS = ("ac", "air", "conditioner", "conditioning", "aircon", "cooling")
_words("air conditioning", "climate", hints=AIRCON_HINTS)
_words("ac, air conditioner, aircon, air con, split unit, mini split", "climate", hints=AIRCON_HINTS, countable=True)
_words("heater, radiator", "switch climate fan", hints=("heater", "radiator"), strict=True,
       fallback="climate", countable=True)
_words("lock, door lock, deadbolt", "lock")
# a speaker by its kind or its maker's name: "the speakers" are the Sonos too, never the TV
SPEAKER_HINTS = ("speaker", "sonos", "echo", "homepod", "soundbar", "radio", "stereo", "audio", "bose", "jbl",
                 "boombox", "soundlink")
_words("speaker, media player, player, stereo, radio, hifi, hi fi", "media_player", hints=SPEAKER_HINTS,
       countable=True)
_words("music, media, sound", "media_player", hints=SPEAKER_HINTS)
_words("tv, television", "media_player", hints=("tv", "television"), strict=True, countable=True)
_words("alarm, alarm system, alarm panel, security system, alarm control panel", "alarm_control_panel")
_words("sensor, binary sensor", "sensor binary_sensor")


GENERAL_KINDS = {"light": "light", "fan": "fan", "switch": "switch", "cover": "cover", "climate": "climate",
                 "media_player": "media player"}


def general_kind(kind: str | None) -> str | None:
    """The general kind a narrower one belongs to ("ceiling light" -> "light"), or None."""
    found, _ = type_word(norm(kind))
    if found is None or len(found.domains) != 1 or found.countable or not (found.hints or found.exclude):
        return None
    general = GENERAL_KINDS.get(next(iter(found.domains)))
    return general if general and general != found.word else None


_IN_LAW = re.compile(r"\bin[- ]laws?\b")  # "the in-law suite": one word, whose "in" is no preposition


def tokens(text: str | None) -> list[str]:
    """Lower-case word tokens; apostrophes vanish ("kid's" -> "kids"), "in-law" is "inlaw"."""
    return re.findall(r"[a-z0-9]+", _IN_LAW.sub("inlaw", (text or "").lower().replace("'", "").replace("\u2019", "")))


def said_run(name: list[str], words: list[str]) -> bool:
    """Whether the name's words were said together, as they are (not in the plural)."""
    return any(words[i:i + len(name)] == name for i in range(len(words) - len(name) + 1))


def said_here(text: str | None) -> bool:
    """Whether the words point at the speaker's own room ("here", "in this room")."""
    spoken = f" {' '.join(tokens(text))} "
    return any(f" {words} " in spoken for words in HERE_WORDS)


def content(words: list[str]) -> list[str]:
    return [w for w in words if w not in FILLERS and w not in QUANTIFIERS]


def norm(text: str | None) -> str:
    return " ".join(content(tokens(text)))


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    if len(word) == 3 and word.endswith("s") and word[:-1] in TYPE_WORDS:  # "tvs", "acs": a kind's letters
        return word[:-1]
    return word


COLLECTIVE = frozenset({"lighting"})  # a kind's word that means all of them, like a plural


def type_word(phrase: str) -> tuple[TypeWord | None, bool]:
    """The type word for a one- or two-word phrase, and whether it was said in the plural."""
    if phrase in TYPE_WORDS:
        return TYPE_WORDS[phrase], phrase in COLLECTIVE
    head, _, last = phrase.rpartition(" ")
    single = f"{head} {singular(last)}".strip()
    return (TYPE_WORDS[single], True) if single in TYPE_WORDS else (None, False)


def type_at(words: list[str], i: int) -> tuple[int, TypeWord | None, bool]:
    """(words used, type word, plural) for a two- or one-word type word at position i."""
    for size in (2, 1):
        if i + size <= len(words):
            tw, plural = type_word(" ".join(words[i:i + size]))
            if tw:
                return size, tw, plural
    return 1, None, False


def kinds_said(text: str | None) -> list[tuple[TypeWord, bool]]:
    """Every device-type word of a sentence, in order, with whether it was said in the plural."""
    words, found, i = tokens(text), [], 0
    while i < len(words):
        size, tw, plural = type_at(words, i)
        said_as_verb = i + 1 < len(words) and words[i] in VERBS_TOO and words[i + 1] in VERB_OBJECTS \
            and (i == 0 or words[i - 1] in BEFORE_A_VERB)  # "the den ceiling light on": a light
        if tw and not said_as_verb:
            found.append((tw, plural))
        i += size
    return found


VERBS_TOO = frozenset({"switch", "heat", "light", "plug"})  # kinds that are verbs too: "switch on the lamp"
BEFORE_A_VERB = frozenset("please and then to just now you can could would will pls also ok okay so lets let "
                          "quickly quick".split())
VERB_OBJECTS = frozenset("on off up the it them my our all everything a an this that these those".split())


def kind_domains(kind: str | None) -> frozenset[str]:
    """The domains of a kind of device ("lights", "mini split"); none for words that are no kind."""
    found = TYPE_WORDS.get(singular(kind)) if kind else None
    return found.domains if found else frozenset()


def first_type_word(text: str | None) -> str | None:
    """The first device-type word in a sentence ("set the speaker to 45" → "speaker")."""
    words = tokens(text)
    for i in range(len(words)):
        size, tw, _ = type_at(words, i)
        if tw and not _a_verb(words, i):
            return " ".join(words[i:i + size])
    return None


_AFTER_A_VERB = frozenset("on off it them the all everything my our that this those these".split())


def _a_verb(words: list[str], i: int) -> bool:
    """Whether the word is "switch" said as the verb ("switch off the in vertor"), no kind."""
    return words[i] == "switch" and i + 1 < len(words) and words[i + 1] in _AFTER_A_VERB


ENTITY_IDS = re.compile(r"^\s*[a-z_]+\.[a-z0-9_]+(?:\s*,\s*[a-z_]+\.[a-z0-9_]+)*\s*$")
DOMAIN_KINDS = {"light": "light", "switch": "switch", "fan": "fan", "cover": "cover", "lock": "lock",
                "media_player": "media player", "climate": "thermostat", "alarm_control_panel": "alarm"}


def kind_of(phrase: str | None) -> str | None:
    """The kind of device a phrase names: its first type word, or for devices named by id (what a
    call acted on) the kind in the first one's name ("light.den_floor_lamp_3a9c" → "lamp"), else
    its domain's."""
    if not phrase or not ENTITY_IDS.match(phrase):
        return first_type_word(phrase)
    domain, slug = phrase.split(",")[0].strip().split(".", 1)
    return first_type_word(slug.replace("_", " ")) or DOMAIN_KINDS.get(domain)


BROAD_KINDS = {"light": "light", "cover": "window covering"}  # the word for all of a domain's kinds


def kinds_together(text: str | None) -> str | None:
    """The one word for two kinds said together of one domain ("every blind and curtain": covers;
    "the lamps and lights": lights), or None."""
    kinds = {tw.word: tw for tw, _ in kinds_said(text) if not tw.strict}
    domains = {domain for tw in kinds.values() for domain in tw.domains}
    if len(kinds) < 2 or len(domains) != 1:
        return None
    return BROAD_KINDS.get(next(iter(domains)))


def said_kind(kind: str | None, text: str | None) -> str | None:
    """The user's own word for the kind of device the model wrote ("lamps" said, "light" written):
    a type word of the sentence whose domains overlap the written one's; None if there is none."""
    written = type_at(tokens(kind), 0)[1] if kind else None
    if written is None:
        return None
    words = tokens(text)
    for i in range(len(words)):
        size, tw, _ = type_at(words, i)
        if tw and tw.word != written.word and tw.domains & written.domains:
            return " ".join(words[i:i + size])
    return None


def similarity(a: str, b: str) -> float:
    """0..100: word-order-free similarity that also forgives split words ("bed room"), but not
    a whole different word hidden in a long string ("bedroom lamp" vs "bedside lamp")."""
    compact = fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))
    return max(fuzz.token_sort_ratio(a, b), compact if compact >= 92 else 0.0)


def place_similarity(a: str, b: str) -> float:
    """Like `similarity`, and a prefix of four letters or more counts ("hall" -> "hallway")."""
    score = similarity(a, b)
    compact_a, compact_b = a.replace(" ", ""), b.replace(" ", "")
    if len(compact_a) >= 4 and compact_b.startswith(compact_a):
        score = max(score, 86.0)
    return score


def word_in(word: str, name_tokens: list[str]) -> bool:
    """Whether a spoken word matches one of a name's words (plural, typo or prefix forgiven)."""
    options = {singular(word), word, *NAME_SYNONYMS.get(word, ())}
    for token in name_tokens:
        token = singular(token)
        for w in options:
            if w == token or (len(w) >= 3 and token.startswith(w)):
                return True
            if len(w) >= 4 and fuzz.ratio(w, token) >= 85:
                return True
    return False


def has_word(name: str, words: tuple[str, ...]) -> bool:
    name_tokens = {form for t in tokens(name) for form in (t, singular(t))}  # "Sonos" is not a plural
    return any(w in name_tokens for w in words)


def place_alternatives(phrase: str) -> list[list[str]]:
    """Other names of the place `phrase` names ("lounge" -> "living room", "family room", ...), a
    list per tier: the kind of room (`PLACE_KINDS`) first, then its whole family: "mudroom" is a
    boot room before it is any entrance. Last, the regional names of the place: a home with no
    living room by any of those names may call it the Hall."""
    phrase = PARENTS_ROOM.sub(r"parents \1", phrase)
    kinds = [group - {phrase} for group in PLACE_KINDS if _in_group(phrase, group)]
    family = {other for group in PLACE_SYNONYMS if _in_group(phrase, group) for other in group} - {phrase}
    regional = [list(REGIONAL_PLACES[phrase])] if phrase in REGIONAL_PLACES else []
    named_so = [name for name, meanings in REGIONAL_PLACES.items()
                if name != phrase and set(meanings) & (family | {phrase})]
    return [sorted(group) for group in (*kinds, family) if group] + regional + ([named_so] if named_so else [])


def _in_group(phrase: str, group: frozenset[str]) -> bool:
    """The phrase is one of the group's names, or a slip of one ("halway" for "hallway")."""
    return phrase in group or len(phrase) >= 5 and any(
        len(name) >= 5 and fuzz.ratio(phrase, name) >= TYPO_SIMILARITY for name in group)


def words_within(phrase: str, name: str) -> bool:
    """Whether a place phrase is part of a name, word for word: "bedroom" in "Master Bedroom",
    "bed room" in "Guest Bedroom"; never generic words alone ("room") or a part of a word ("bed")."""
    words, name_words = phrase.split(), [singular(t) for t in tokens(name)]
    if not words or all(w in GENERIC_PLACE_WORDS for w in words):
        return False
    if all(singular(w) in name_words for w in words):
        return True
    if len(words) > 1 and "room" in name_words and any(singular(w) in name_words for w in words) \
            and all(singular(w) in name_words or w.endswith("room") for w in words):
        return True  # "isla's bedroom" is Isla's Room: a kind of room for the name's plain "room"
    return singular("".join(words)) in name_words or len(words) == 1 and _compound_head(words[0], name_words)


COMPOUND_HEAD_EXCEPT = frozenset("house home stairs side".split())  # the whole home, a floor, a side


def _compound_head(word: str, name_words: list[str]) -> bool:
    """Whether a word is the head of one of a name's compound words: "shop" for the Workshop, "yard"
    for the Backyard (four letters or more on each side; never "den" in "garden")."""
    word = singular(word)
    return len(word) >= 4 and word not in COMPOUND_HEAD_EXCEPT and any(
        len(name_word) - len(word) >= 4 and name_word.endswith(word) for name_word in name_words)


# words of how things in a home are ("is anything on", "how warm is it inside")
HOME_STATE_WORDS = frozenset(
    "on off open opened closed shut locked unlocked running playing heating cooling temperature temp humidity "
    "humid warm cold hot cool chilly battery charging plugged lit bright dark volume brightness speed inside "
    "indoors device devices appliance appliances thing things".split())


# the words any home has: kinds, rooms, floors, levels and states
ANY_HOME_WORDS = frozenset(w for phrase in [*TYPE_WORDS, *(p for group in PLACE_SYNONYMS for p in group), *WHOLE_HOME,
                                            *HERE_WORDS, *DOWNSTAIRS, *UPSTAIRS, *TOP_FLOOR, *BELOW_GROUND, *LEVEL_WORDS]
                           for w in tokens(phrase)) | HOME_STATE_WORDS


# words of names that say which one, not what: alone they say nothing about a home ("the first
# prime minister" in a home with a First Floor)
WHICH_ONE_WORDS = frozenset("first second third fourth fifth ground top main big small little old new front back "
                            "upper lower middle left right east west north south".split())


def home_words(names: list[str]) -> frozenset[str]:
    """Every word that can say something about a home with these names: its names' words (but
    those that only say which one), and the words any home has."""
    return (frozenset(w for name in names for w in tokens(name)) | ANY_HOME_WORDS) - WHICH_ONE_WORDS


# a question about what a thing did, not what it is now: "when was the garage door last opened",
# "what time did the motion sensor go off", "has the gate been opened today" (the home's events)
PAST_QUESTION = re.compile(r"^\W*(?:when|what time|how long ago)\s+(?:was|were|did|had)\b"
                           r"|\blast\s+(?:\w+ed|seen|shut|left|run|used|on|off)\b(?!\s+(?:night|week|month|year)\b)"
                           r"|^\W*(?:did|has|have|had|was|were)\b.*\b(?:today|tonight|yesterday|this (?:morning|afternoon|arvo|evening)"
                           r"|last night|earlier|overnight)\W*$", re.IGNORECASE)
