"""Lexical cues that pin the expert: phrasings whose meaning is not up to a model.

Each expert declares its own (`Expert.cues`): "In 20 minutes remind me to check the oven" is a
reminder, whatever a 1.5B model's taste for timers; "put milk on the shopping list" is a list. The
core keeps only the decline cues. A cue turns the expert prior into certainty for
that expert; the model still writes the call (API and arguments) within it. A request that opens
by asking for a capability the assistant lacks ("call…", "order…", "email…") is pinned to a
decline, which needs no model at all. Keep cues few, unambiguous, and about the words of a
request, never about particular test sentences.
"""
from __future__ import annotations

import re

from assistant.registry import Registry
from assistant.storage.db import Database
from assistant.routing.examples import NONE as DECLINED  # the prior's "no expert serves this"
from assistant.words import CURRENCY as _CURRENCY, without_discourse_lead

# what a request opens with before its verb: "please", "can you", "hey could u", "i need you to"
LEAD_IN = (r"^\W*(?:(?:hey|ok|okay|so|and|um|uh|please|pls|plz|just|quickly)\W+)*"
           r"(?:(?:can|could|would|will) (?:you|u) (?:please |pls )?|i (?:want|need|would like) "
           r"(?:you |u )?to |(?:go|try to) |let'?s )?")
# Capabilities this assistant does not have (see the routing prompt's rules): a request that opens
# by asking for one is declined whatever expert its other words resemble ("call an electrician
# about the kitchen lights" is not a smart-home request).
MISSING_VERBS = (r"call(?! (?:me|it)\b)|phone|ring(?! (?:the |my |our )?(?:door ?bell|bell|chimes?|alarm|siren)s?\b)"
                 r"|bell|give (?:[\w']+ ){1,2}(?:a )?(?:ring|bell|buzz|call|tinkle)\b|dial|text|sms|message|e-?mail|whatsapp|tweet|post (?:on|to)|"
                 r"invite|book|reserve|order|buy|purchase|rent|pay|venmo|transfer money|ship|"
                 r"send (?:a |an )?(?:text|message|email|e-mail|sms|money|payment)|"
                 r"navigate|give me directions|get me (?:a |an )?(?:taxi|cab|uber|lyft|ride)|"
                 r"search (?:the web|online|google)|google|look up online|stream|download")
MISSING_SERVICES = (r"e-?mails?|(?<!notification )inbox|gmail|outlook|calendar|voicemail|whatsapps?|text messages|dms"
                    r"|slack|discord|telegram|messenger|imessages?|instagram|facebook|twitter|tiktok|snapchat|linkedin"
                    r"|microsoft teams|teams (?:chat|messages?|call)")  # other people's apps and inboxes
# a place's opening hours ("what time does the chemist shut", "is the post office open on
# saturdays"): the world outside the home, not a device of it (doors, gates, blinds are excluded)
_HOME_THINGS = r"(?![\w' ]*\b(?:doors?|gates?|garage|blinds?|curtains?|shades?|windows?|locks?|shutters?|awnings?|" \
               r"vents?|valves?|lids?|timers?|alarms?|reminders?|lists?|app|fridge|oven|freezer|dishwasher)\b)"
_WHEN = r"(?:\s+(?:today|tonight|tomorrow|now|late|till|until|on \w+|at (?:the )?weekends?|this \w+|over \w+))*"
OPENING_HOURS = (r"\b(?:opening|closing|trading|business) (?:hours|times)\b"
                 # a radio station ("play Jacaranda FM", "put on 94.7 on the radio"): streaming the assistant lacks
                 r"|\b(?:play|put on|tune (?:in)?to|stream|listen to)\b[\w'.\- ]{0,30}?\b(?:[a-z0-9.]{0,8} ?fm|radio station)\b"
                 rf"|^\W*(?:(?:at|by|until) )?(?:what time|when|how late) (?:does|do|is|are|will) {_HOME_THINGS}(?:the )?[\w'&.\- ]+? "
                 rf"(?:open|close|shut)(?:s|es)?{_WHEN}\W*$"
                 rf"|^\W*(?:is|are) {_HOME_THINGS}(?:the )?[\w'&.\- ]+? open (?:today|tonight|tomorrow|now|late|on \w+|"
                 r"at (?:the )?weekends?|this \w+)\b"
                 # public transport's times ("the ferry times to Holyhead", "when's the next bus")
                 r"|\b(?:ferry|ferries|train|trains|bus|buses|tram|trams|flight|flights|coach)\s+(?:times|timetables?|schedules?|departures)\b"
                 r"|\bwhen(?:'s| is| does| will) the (?:next|last|first) (?:[\w-]{1,6} )?(?:ferry|train|bus|tram|flight|coach|mrt)\b"
                 # a line's service ("is the circle line down", "are the trains running on the district line")
                 r"|^\W*(?:is|are) the [\w' -]{1,25}? lines? (?:down|disrupted|delayed|closed|suspended|running|working)\b"
                 # ... or a network's ("is the metro running on the orange line", "are the go trains late")
                 r"|^\W*(?:is|are) the (?:[\w-]+ )?(?:metro|subway|underground|tube|trains?|buses|bus|trams?|ferry|ferries"
                 r"|skytrain|lrt|streetcars?|mrt) (?:running|down|delayed|late|on time|working|disrupted|suspended)\b")
# the way somewhere ("how do I get to the mall from here", "what's the quickest way to the airport",
# "how far is the station from here"): directions and travel times need maps this assistant lacks
DIRECTIONS = (r"^\W*(?:(?:so|and|um|uh|hey|ok|okay)\W+)*(?:how (?:do|can|would|should|will) (?:i|we|you) get "
              r"(?:to|from)\b(?! sleep\b)|(?:what's|what is|whats) the (?:best|quickest|fastest|shortest|easiest) "
              r"(?:route to|way to get to|way to the)\b|which way is\b|how far (?:away )?is [\w' ]+ from (?:here|me|us)\b)")
# public alerts and closures, the traffic and the games' scores ("is there a typhoon signal today", "are classes
# suspended tomorrow", "how's the traffic on the M50"): live news of the world outside, which this assistant lacks
PUBLIC_NEWS = (r"\b(?:typhoon|hurricane|cyclone|tornado|storm|flood|weather|heat|fire|air quality|tsunami)\s+"
               r"(?:signals?|warnings?|alerts?|watch|advisory|advisories|bulletins?|updates?)\b"
               rf"|\b(?:classes|class|school|schools|work|offices|exams?|flights?|trains?)\b{_HOME_THINGS}[\w' ]{{0,20}}?"
               r"\b(?:suspended|cancell?ed|called off|delayed|closed|shut)\b"
               r"|^\W*(?:how's|hows|how is|what's|whats|what is|is there|any)\b[\w' ]{0,15}?\btraffic\b(?! lights?\b)"
               # the games' scores and tables ("heat score rn", "what's the united score"): live sports
               r"|\b(?:scores?|scoreline|standings|league table)\b(?![\w' ]*\b(?:cards?|sheets?|lists?|reminders?|notes?)\b)"
               # last night's results ("did villa win", "who won the match last night"); a year is history, the chat's
               r"|^\W*(?:so |and )?did (?:the )?(?!i\b|we\b|you\b)[\w'. ]{2,30}? (?:win|lose|draw)\b(?![\w' ]*\b1\d{3}|[\w' ]*\b20\d\d)"
               r"|^\W*who won (?:the )?(?:match|game|fight|race|derby)?\s*(?:last night|yesterday|today|tonight|this (?:morning|afternoon|evening|weekend))\b"
               # a draw's results ("what were the lotto numbers", "did anyone win the toto")
               r"|\b(?:lottery|lotto|toto|4d|powerball|mega millions|euromillions|jackpot)\b[\w' ]{0,20}?\b(?:results?|numbers?|draw|win|won)\b"
               r"|\bwinning (?:lottery |lotto )?numbers\b"
               # what was just released ("what's the new taylor swift song", "what's the latest marvel movie")
               r"|^\W*(?:what's|whats|what is|what are|which is)\b[\w' ]{0,20}?\b(?:new|newest|latest)\b[\w' ]{0,30}?"
               r"\b(?:songs?|singles?|albums?|episodes?|movies?|films?|releases?|videos?|books?)\b"
               # a currency's rate today ("convert 200 pounds to rupees", "what's the euro to dollar rate")
               rf"|\b(?:{_CURRENCY})\s+(?:to|in|into)\s+(?:{_CURRENCY})\b|\bexchange rates?\b"
               rf"|\b(?:{_CURRENCY}) (?:to|vs|against) (?:the )?(?:{_CURRENCY}) rate\b")
# the weather to come, the sea and the TV guide ("will it storm this arvo", "any rain tomorrow", "how's the surf",
# "what's on channel 9 tonight"): forecasts and listings the assistant has no source for (the home's own
# sensors are claimed first: "is it cold outside" with an outdoor thermometer is the home's)
_SKY = (r"(?:rain|storm|snow|hail|thunder|drizzle|pour|shower|sleet|sunny|windy|cloudy|overcast|clear up|fine up|bucket"
        r"|chuck it down|chucking it down|piss down|pissing down|tip down|tipping down|bucketing)")
_LATER = r"(?:today|tonight|tomorrow|tmrw|later|this (?:arvo|afternoon|evening|morning|weekend|week)|at the weekend|over the weekend|on \w+day|the day|the morn)"
# a question asked of what someone knows or thinks ("I wonder, would you happen to know …", "do you reckon …")
_ASKED_OF_YOU = (r"(?:(?:i wonder|i was wondering|i'm wondering)\W+)?(?:(?:do|would|could|can|d'|d) ?(?:you|ya|u) (?:happen to )?"
                 r"(?:know|tell me|reckon|think)(?: if| whether)?\W+|(?:any idea|you reckon|reckon)(?: if| whether)?\W+)")
WORLD_OUTSIDE = (rf"^\W*(?:(?:hey|so|and|ok|okay|um|oh)\W+)*{_ASKED_OF_YOU}?(?:"
                 rf"(?:is|will|does|did|could|might) it (?:going to |gonna |gon |supposed to |meant to |likely to |still )?{_SKY}\w*"
                 # (a forecast told is no question: "it's gonna rain, bring the washing in")
                 rf"|{_ASKED_OF_YOU}(?:it's |its |it is )(?:going to |gonna |gon |supposed to |meant to |likely to )(?:be )?{_SKY}\w*"
                 rf"|{_ASKED_OF_YOU}(?:it'll |it will )(?:probably )?(?:be )?{_SKY}\w*"
                 # the day's weather for going out ("is it a good day for the beach", "are there big waves")
                 r"|is (?:it|today|tomorrow) (?:a )?(?:good|nice|great|bad|decent) (?:day|night|time|weather|arvo|morning) (?:for|to) "
                 r"(?:the beach|a swim|swimming|a surf|surfing|fishing|a walk|a hike|hiking|a picnic|a barbecue|a bbq|a braai|the washing)\b"
                 r"|(?:are|is) there (?:any |big |good |decent |massive |huge )*(?:waves|swell|surf)\b"
                 rf"|(?:is|are|will) (?:there|we) (?:going to |gonna )?(?:be |get |getting |have )?(?:a |any |some |more )?{_SKY}\w*"
                 rf"|(?:is|will) it (?:going to |gonna |supposed to )?be (?:hot|cold|warm|cool|nice|fine|humid|muggy)\b[\w' ]*?\b{_LATER}"
                 r"|(?:what's|whats|what is|how's|hows|how is|what will|what'll|wats|wat's)\s+(?:the )?(?:weather|forecast|outlook)\b"
                 rf"|(?:any|what's the chance of|whats the chance of|chance of) {_SKY}\w*"
                 r"|(?:what's|whats|what is|how's|hows|how is) the (?:surf|swell|tide|uv|pollen)\b"
                 r"|(?:what's|whats|what is) on (?:channel \w+|(?:the )?(?:tv|telly|television|box) (?:tonight|tomorrow|later|this \w+))"
                 # a show's time ("what time is the news on tonight"), a team's game ("how are the All Blacks getting on")
                 r"|(?:what time|when) (?:is|does) (?!(?:my|our|your|his|her|their|it)\b)"
                 r"(?![\w' ]*\b(?:tv|telly|television|radio|heater|heat pump|fan|lights?|lamp|timer|alarm|reminder|bins?|rubbish|"
                 r"recycling|sprinklers?|pump|oven|washing|dishwasher|dryer|kettle|coffee|class|lesson|practice|appointment)\b)"
                 r"[\w' ]+? (?:on|start)(?: tonight| tomorrow| today| this \w+)?\W*$"
                 r"|how (?:are|is|'re) (?:the )?[\w' ]+? (?:getting on|going|doing) (?:in|at) the (?:cricket|footy|rugby|league|"
                 r"netball|game|match|test|final|world cup)\b"
                 r")|\b(?:tide times|surf report|uv index|pollen count|tv guide|tv listings)\b")
SURE = 0.99  # the most an expert's evidence (`Expert.evidence`) makes of its prior share: never a cue's certainty
OWN_OVER_DECLINE = SURE  # the evidence from which the user's own things outweigh a decline cue (`pin`): full
DECLINE_CUES = (  # checked after the experts' cues: a reminder to call someone is a reminder
    re.compile(rf"{LEAD_IN}(?:{MISSING_VERBS})\b", re.IGNORECASE),
    re.compile(rf"\b(?:{MISSING_SERVICES})\b", re.IGNORECASE),
    re.compile(OPENING_HOURS, re.IGNORECASE),
    re.compile(DIRECTIONS, re.IGNORECASE),
    re.compile(PUBLIC_NEWS, re.IGNORECASE),
    re.compile(WORLD_OUTSIDE, re.IGNORECASE),
)


def pinned_expert(registry: Registry, text: str, db: Database | None = None, source: str = "text") -> str | None:
    """The expert a cue pins this request to (`Expert.cues`; with the state `db`, the expert
    whose own things the words name alone, `Expert.claims`, as said by `source`; then the decline
    cues), or None."""
    for pattern, expert in registry.cues():
        if pattern.search(text):
            return expert
    claimant = registry.claimant(db, without_discourse_lead(text), source) if db is not None else None
    if claimant:
        return claimant
    if not any(pattern.search(text) for pattern in DECLINE_CUES) or _home_request_first(text):
        return None
    return DECLINED


# a request to the home said first, then its reason ("pause my music, I've got to answer an email"): the
# reason may name what no expert does without asking for it
_HOME_VERB = re.compile(r"^\W*(?:(?:please|pls|can you|could you|would you|hey|ok|okay)\W+)*(?:turn|switch|shut|pause"
                        r"|stop|mute|dim|close|open|lock|set|kill|lower|raise|start|play|resume|put)\b", re.IGNORECASE)
_REASON_BREAK = re.compile(r"[,;.!?]\s+|\s+(?:because|cause|cos|coz|since|as|so|i gotta|i've got to|i have to|i need to"
                           r"|gotta|got to|he has to|she has to|he still has to|she still has to)\s+", re.IGNORECASE)


def _home_request_first(text: str) -> bool:
    """Whether the words open with a request to the home, and the decline cues match only after it."""
    first = _REASON_BREAK.split(text, maxsplit=1)
    return len(first) == 2 and bool(_HOME_VERB.match(first[0])) \
        and not any(pattern.search(first[0]) for pattern in DECLINE_CUES)


def pin(registry: Registry, prior: dict[str, float], text: str, db: Database | None = None,
        source: str = "text") -> dict[str, float]:
    """The prior with a cued expert made certain; with no cue, leaning towards the experts the
    user's own state gives evidence for (`lean`). A decline cue speaks of the world's services
    ("is the vet open on sundays"), so the user's own things answering fully (`OWN_OVER_DECLINE`:
    the vet's card, with its hours, among their documents) lean the prior instead."""
    expert = pinned_expert(registry, text, db, source)
    if expert and expert != DECLINED:
        return {expert: 1.0}
    evidence = registry.evidence(db, text) if db is not None else {}
    if expert == DECLINED and max(evidence.values(), default=0.0) < OWN_OVER_DECLINE:
        return {expert: 1.0}
    return lean(prior, evidence)


def lean(prior: dict[str, float], evidence: dict[str, float]) -> dict[str, float]:
    """The prior with each expert's share raised to its evidence (the user's documents match the
    question), the others' shares scaled down to make room: evidence is never certainty, the
    model's ranking still counts."""
    leaned = dict(prior)
    for expert, share in evidence.items():
        share = min(share, SURE)
        had = leaned.get(expert, 0.0)
        if share > had:
            scale = (1.0 - share) / (1.0 - had) if had < 1.0 else 0.0
            leaned = {name: p * scale for name, p in leaned.items()}
            leaned[expert] = share
    return leaned
