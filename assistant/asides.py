"""Words around a request that ask nothing themselves, so the request is read without them (the
router, the rules and the grounding checks all see the same words):
- courtesy: "be a dear and …", "do me a favour and …", "sorry to bother you, …", "would you mind
  turning …", "… that would be great" ("please" and "could you" are handled where words are normalised, assistant/words.py);
- a reason given after a command: "turn the dehumidifier off, the washing's dry now", "put the
  fan on because it's roasting". Not after words whose object is free text ("remind me to ring
  mum, it's her birthday" keeps its reason).
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from assistant.splitting import COMMAND_VERBS, TEXT_VERBS
from assistant.words import POLITE, SENTENCE_BREAK, is_question, quantities

_ASKING = r"(?:(?:could|would|can|will|won't) you(?: please)? |please )?"
# "be a love and", "be an absolute star and", "be so kind as to", "do me a favour and"
_WRAPPER = (r"(?:be (?:a|an|my) (?:\w+ )?\w+,? and |be so kind (?:as to|and) |do me a (?:favou?r|solid),? and "
            r"|if you (?:could|would|can|don't mind),? "
            r"|(?:sorry|so sorry|i'm sorry) to (?:bother|trouble|disturb|interrupt) you(?: again)?,? (?:but |and )?"
            r"|excuse me,? |pardon me,? "
            # "when you get a chance, …", "if it's not too much trouble, …", "i'd appreciate it if you could …"
            r"|(?:when(?:ever)?|if) you (?:get|have) a (?:chance|sec|second|minute|moment|mo),? "
            r"|if it(?:'s| is) not too much (?:trouble|bother),? |if it isn't too much (?:trouble|bother),? "
            r"|(?:i'd|i would|we'd|we would) (?:really |so |very much |greatly |truly )?(?:appreciate it|be (?:so |really |very )?"
            r"grateful|love it) if you (?:could|would|can)(?: please)? )")
LEADING = re.compile(rf"^(?P<lead>\W*(?:(?:hey|ok|okay|oh|so|right)\W+)*){_ASKING}(?:{_WRAPPER})+", re.IGNORECASE)
# "would you mind turning the fan on": the verb is said as "-ing"
MIND = re.compile(rf"^(?P<lead>\W*(?:(?:hey|ok|okay|oh|so|right)\W+)*)(?:would|do|will) you mind (?:just )?"
                  r"(?P<verb>[a-z]+ing)\b", re.IGNORECASE)
TRAILING = re.compile(r"[\s,]+(?:(?:that|it|this) (?:would|will|'d|'ll) be |that'd be |that'll be )"
                      r"(?:\w+ )?(?:great|lovely|grand|brilliant|ace|awesome|perfect|good|nice|amazing|ideal|"
                      r"helpful|fab|fantastic|super)\W*$"
                      r"|[\s,]+if you (?:don't|do not) mind\W*$|[\s,]+if you (?:could|would|can)\W*$"
                      r"|,\s*(?:would|will|could|can) you(?: please)?\W*$"
                      r"|[\s,]+when(?:ever)? you (?:get|have) a (?:chance|sec|second|minute|moment)\W*$",
                      re.IGNORECASE)


# a clause that states something: a subject and a verb ("the washing's dry", "I'm off to bed",
# "everyone's gone in", "the baby is asleep"), or a reason ("because …", "cos …")
_SUBJECT = r"(?:i|we|they|he|she|it|you|everyone|everybody|nobody|someone|there|that)"
_NOUN_SUBJECT = r"(?:the|my|our|his|her|their|this|that|these|those) (?:[a-z]+ ){0,2}?[a-z]+"
_VERB = (r"(?:'s|'re|'m|'ve|'ll|'d| is| are| am| was| were| has| have| had| got| gets| came| come| went| goes"
         r"| feel| feels| felt| look| looks| seem| seems| need| needs| want| wants| can't| won't| isn't| aren't"
         r"| keep| keeps| kept| like| likes| love| loves| hate| hates| say| says| said| think| thinks| thought"
         r"| know| knows| left| leaves| will| would| should| might| must| could| can| just| always| never"
         r"| don| dey)")  # Nigerian Pidgin: "the tank don finish", "the room dey hot"
# ... or someone named ("Nana's feeling the cold", "Tom's home"), or anyone who always does a thing
# ("the power always goes around seven")
_NAMED_SUBJECT = r"[a-z]+(?='s |'re )"
_HABIT = r"(?:[a-z]+ ){1,2}(?:always|never|usually|often|sometimes|normally) [a-z]+"
# a purpose ("… so the room is cool before we sleep") is a reason too, unless it holds a value
# ("set the heating so it's 21": the 21 is the request's)
_PURPOSE = r"so (?:that )?(?![^,;]*\d)(?=(?:the|it|we|i|they|he|she|you|everyone|my|our|nobody)\b)"
# ... or said with no "is" (Caribbean, West African, African American Englishes): "the taxi outside",
# "it hot bad", "we going to town"; never "the one(s) outside", which says which thing
_WITHOUT_IS = (r"(?:outside|here|there|out|home|back|gone|asleep|awake|hot|cold|dark|ready|done|late|"
               r"(?!(?:ceiling|lighting|building|ring|thing|king|string|evening|morning|wing|ping)\b)[a-z]{2,}ing)")
_NOT_ONES = r"(?!(?:the|my|our) (?:[a-z]+ )?ones?\b)"
STATEMENT = re.compile(rf"^(?:(?:{_SUBJECT}|{_NOUN_SUBJECT}|{_NAMED_SUBJECT}){_VERB}\b|{_HABIT}"
                       rf"|{_NOT_ONES}(?:{_SUBJECT}|{_NOUN_SUBJECT}) {_WITHOUT_IS}\b"
                       rf"|(?:because|cause|'cause|cos|coz|since) |{_PURPOSE})", re.IGNORECASE)
# a clause that says where the speaker is ("I'm in the study") names the place: it stays
WHERE_I_AM = re.compile(r"\b(?:i'm|i am|we're|we are|i'll be|we'll be)(?: \w+)? (?:in|at|upstairs|downstairs)\b",
                        re.IGNORECASE)
# words that open a reply or a correction ("wait no, it's the den"), not a command
_NOT_COMMAND = frozenset("no nope nah sorry wait actually oh ok okay yes yeah yep hmm um well right hang hold on "
                         "oops whoops my bad mistake uh uhh er erm ah".split())
# a command after "and" in the clause ("…, it's bedtime and lock the door"): not a reason alone
_ANOTHER_COMMAND = re.compile(rf"\band (?:then )?(?:{'|'.join(sorted(COMMAND_VERBS))})\b", re.IGNORECASE)
REASON = re.compile(r"(?:\s*[,;-]\s*|\s+(?=(?:because|cause|'cause|cos|coz|since|so) ))(?P<clause>[^,;]+?)\W*$",
                    re.IGNORECASE)


# whom a door is opened for, said last ("open the close door for the pizza guy", "unlock it for the cleaner")
FOR_SOMEONE = re.compile(r"^(?P<command>\W*(?:please\s+)?(?:(?:can|could|would|will)\s+(?:you|u)\s+)?"
                         r"(?:open|unlock|buzz|let)\b.+?)\s+for\s+(?:the|my|our|a|an|\w+'s)\s+(?:[\w'-]+\s+){0,2}?"
                         r"(?:guy|man|men|woman|lady|driver|delivery|courier|postie|postman|postwoman|plumber|cleaner|"
                         r"walker|sitter|nanny|kids?|children|visitors?|guests?|neighbou?rs?|friends?|mum|mom|dad|gran|"
                         r"granny|grandma|grandpa)(?:\s+please)?\W*$", re.IGNORECASE)


def without_reason(text: str) -> str:
    """The command without a clause after it that gives its reason or circumstance, or whom a door
    is opened for ("open the close door for the pizza guy": the door, not a pizza)."""
    someone = FOR_SOMEONE.match(text)
    if someone:
        return someone["command"]
    found = REASON.search(text)
    if found is None:
        return text
    command, clause = text[:found.start()], found["clause"].strip()
    if re.search(r"[.!?]\s+\S", clause) or "?" in text[found.start():]:
        return text  # ("Well, dear, I've lost track of the days. What's today's date?": a question after it)
    words = re.findall(r"[a-z']+", command.lower())
    if len(words) < 2 or set(words) <= _NOT_COMMAND or is_question(POLITE.sub("", command.lstrip())) \
            or TEXT_VERBS & set(words) \
            or "forget" in words or not STATEMENT.match(clause) or WHERE_I_AM.search(clause) \
            or _ANOTHER_COMMAND.search(clause):
        return text
    return command


# discourse particles and interjections of spoken Englishes (Singapore, Malaysia, India, West Africa,
# ...) that colour a request but ask nothing: "aiyo, the fan on lah", "eh, lights off", "do it na",
# "abeg, off the light o"
INTERJECTION = re.compile(r"^\W*(?:aiyo+|aiyah?|aiya+|alamak|wah+|eh+|oi+|arre+|arey|haiya+|ayy?o+"
                          r"|(?:(?:abeg|biko)(?:[\s,]+make (?:you|una))?|oya)(?!\W*(?:do am|carry go)\W*$)|ehen|haba"
                          r"|(?:it's |this is )?[a-z]+ here(?=\s*[,.!])"  # "Kamsi here, …"
                          r"|(?:good (?:morning|afternoon|evening)|hello|hi|hiya|marhaba|marhaban|ahlan|ahla|hala|"
                          r"salam|salaam|as-?salamu? ?alaykum|sabah el khair|sabah el kheir|bonjour|bonsoir|salut|"
                          r"ça va|ca va|kifak|kifik|keefak|hola|buenos d[ií]as|namaste|kumusta|magandang umaga"
                          # exclamations ("bloody hell, it's hot", "crikey, …")
                          r"|bloody hell|oh my god|omg|oh my gosh|good grief|strewth|struth|crikey|blimey|jeez|geez|gosh|"
                          r"oh boy|ugh+|argh+|phew)"
                          r"(?:,? (?:my dear|dear|there|love|all|habibi|habibti|ya \w+))?"
                          r"(?=\s*[,.!]))\b[\s,!.]*(?=\w)",  # a greeting before the request
                          re.IGNORECASE)
PARTICLE = re.compile(r"(?<=\w)[\s,]+(?:lah|la|leh|lor|hor|sia|meh|ah|yaar|ji|na|o+|sha|jare|abeg|biko"
                      r"|po|naman|lang|nga)(?=\W*$)"  # Filipino: "open the light po", "sige naman"
                      r"|(?<=\w)\s+(?:lah|po|naman|ji)\b(?=\s*,)|(?<=\w)\s+lah\b", re.IGNORECASE)


# "on" and "off" said as the verb, as in South and South-East Asian English: "on the fan", "off the lights"
SWITCH_VERB = re.compile(r"^(\W*(?:(?:and|then|now|ok|okay|so)[\s,]+)*)(on|off)\s+"
                         r"(?=(?:the|my|our|all|both|every|them|it(?=\s+\w)|[a-z]+'s)\b(?!\s+(?:way|top|other|one hand)\b))",
                         re.IGNORECASE)
# ... said after the thing: "the lamps downstairs, on them", "the fan, off it"
SWITCH_AFTER = re.compile(r"^(?P<lead>\W*)(?P<target>(?:the|my|our|all|both|every)\b[^,]*?),?\s+(?P<state>on|off)\s+"
                          r"(?:them|it|am)\W*$", re.IGNORECASE)
# a thing made to switch: "have the parol come on at 7", "get the heater to go off at 10", "let the fan turn off"
MADE_TO_SWITCH = re.compile(r"^(?P<lead>\W*)(?:have|get|let|make)\s+(?P<target>(?:the|my|our)\b[\w' ]+?)\s+"
                            r"(?:to\s+)?(?:come|go|turn|switch|click)\s+(?P<state>on|off)\b"
                            r"(?P<level>\s+(?:high|low|medium|full|max|maximum|minimum)\b)?", re.IGNORECASE)
# a thing wanted in a state: "i'd like the heat tape turned on", "we need the porch light switched off"
WANTED = re.compile(r"^(?P<lead>\W*)(?:(?:i'd|i would|we'd|we would) (?:like|love|prefer)|(?:i|we) (?:want|need))\s+"
                    r"(?P<target>(?:the|my|our)\b[\w' ]+?)\s+(?:turned|switched|put|flicked)\s+(?P<state>on|off)\b", re.IGNORECASE)
# "turn off them" (from "off them") said the English way: "turn them off"
SWITCHED_PRONOUN = re.compile(r"\bturn (on|off) (them|it)\b")
# an instruction passed on: "Madam said make I on the pump", "mum says to turn off the heater"
REPORTED = re.compile(r"^\W*(?:(?:my|the|our) )?[a-z']+ (?:said|says|told me|asked me|wants me|wants us)"
                      r"(?: to| make i| make we| i should| we should| that i should)\s+(?=\w)", re.IGNORECASE)


# a remark of a word or two before the request, closed by a comma or a stop: "fair enough, what's the
# temperature outside", "malo. and my radio", "quick, set a timer"
REMARK = re.compile(r"^\W*(?P<remark>[a-z']+(?: [a-z']+)?)\s*[,.!;:]+\s*(?P<rest>\w.*)$", re.IGNORECASE | re.DOTALL)
# words that make the remark part of what is asked: a yes or no, a correction's lead, a time, a place,
# a joining word ("tomorrow, remind me…", "sorry, the other one", "upstairs, lights off")
_MEANT = re.compile(r"\b(?:yes|yeah|yep|ok|okay|oya|abeg|no|nope|nah|not|don't|actually|sorry|oops|wait|hold|hang|mean|meant"
                    r"|instead|now|today|tonight|tomorrow|yesterday|later|morning|afternoon|arvo|evening|night|noon"
                    r"|midnight|weekend|\w+day|am|pm|minutes?|hours?|seconds?|half|quarter|upstairs|downstairs"
                    r"|outside|inside|and|also|then|too|plus|but|or|all|everything|both|every|please)\b|\d", re.IGNORECASE)
# a request that stands on its own after the remark: a command verb, a question, or "and …"
_OPENS = re.compile(r"^(?:and|also|now|then|so|plus|can|could|would|will|please|let's|i want|i need)\b", re.IGNORECASE)
# a tag closing a request: "… eh", "…, mate", "…, is it?", "… innit", "… ting" (a slang "thing": "the list ting")
TAG = re.compile(r"(?<=\w)(?:[\s,]+(?:eh|innit|init|ting|fam|bruv|blud)|,\s*(?:is it|isn't it|mate|bro|cuz|bru|buddy"
                 r"|love|hun))\W*$", re.IGNORECASE)


# a word of address closing a question: "what day is choir, bach?", "when's tea, love?"
VOCATIVE = re.compile(r",\s*([a-z]+)\?\s*$", re.IGNORECASE)


def without_story(text: str) -> str:
    """The one sentence that asks for something, when the others only tell ("I left my glasses in
    the kitchen. Turn on the lamp in the office."): it names its own thing (no "it" or "them"), the
    others hold no question and no request. Else the words as they are."""
    sentences = [s for s in SENTENCE_BREAK.split(text.strip()) if s.strip(" .!?")]
    if len(sentences) < 2:
        return text
    asking = [s for s in sentences if _requests(s)]
    if len(asking) != 1:
        return text
    told = [s for s in sentences if s is not asking[0]]
    opening = " ".join(asking[0].split()[:4])  # "Turn it up": what the story named
    if any("?" in s or _WHERE_I_AM.search(s) or _A_VALUE_FIRST.match(quantities(s)) for s in told) \
            or re.search(r"\b(?:it|them|that|those|these|there|here)\b", opening, re.IGNORECASE) \
            or re.search(r"\b(?:her|his|their|hers|theirs|she|he|they)\b", asking[0], re.IGNORECASE):
        return text  # ("… Bump the heat in her room": whose room the story says)
    return asking[0]


# a request asked politely after a story in the same sentence ("I do like the fan while I read, but would you switch
# it off at ten?", "I was up all night with the heat, and I wonder if you might put the fan on")
ASKED_AFTER = re.compile(r"[,;]?\s+(?:but|and|so)\s+(?:i\s+(?:was\s+)?wonder(?:ing)?\s+if\s+you\s+(?:might|could|would|can)"
                         r"|(?:would|could|can|will)\s+you(?:\s+please)?|please)\s+(?=[a-z])", re.IGNORECASE)
# a thing the story names ("the aircon in the lounge"): "the" and up to three words, and where it is
_THING_WORD = r"(?!(?:on|off|going|running|open|closed|since|still|all|left|again|is|are|was|were)\b)[a-z][\w'-]*"
NAMED_THING = re.compile(rf"\b(?:the|my|our)\s+(?P<thing>{_THING_WORD}(?:\s+{_THING_WORD}){{0,2}}?)"
                         r"(?P<where>\s+(?:in|on|at|out on|up in|down in)\s+(?:the|my|our)\s+[a-z][\w'-]*(?:\s+room)?)?"
                         r"(?=\s+(?:while|when|whilst|as|because|cos|and|but|so|if|for|every|all|is|are|was|were|has|keeps"
                         r"|on|off|going|running|open|since|still|again|left|all day|all night)\b"
                         r"|'s\b|\s*[,.;]|$)", re.IGNORECASE)


def request_after_story(text: str, names: Callable[[], Iterable[str]]) -> str:
    """The request asked after a story in the same sentence, its "it" the thing the story named
    (one of the home's words: `names`, read only when there is such a request); else the words."""
    first, *rest = SENTENCE_BREAK.split(text.strip(), maxsplit=1)
    found = ASKED_AFTER.search(first)
    if found is not None and not _requests(first[:found.start()]) and "?" not in first[:found.start()] \
            and _requests(first[found.end():]):
        story, request = first[:found.start()], first[found.end():]
    elif rest and not _requests(first) and not is_question(first) and _requests(_opening_sentence(rest[0])):
        story, request = first, _opening_sentence(rest[0])  # "The kids left the spa pump going. Would you switch it off at 3?"
        if not re.search(r"\b(?:it|them)\b", request, re.IGNORECASE):
            return text
    else:
        return text
    if set(POLITE.sub("", request.lower()).split()[:1]) & TEXT_VERBS:
        return text  # ("…, so would you remind me at a quarter to four?": the story is what to be reminded of)
    pointer = re.search(r"\b(?:it|them)\b", request, re.IGNORECASE)
    if pointer:
        known = {w for name in names() for w in re.findall(r"[a-z]+", name.lower())}
        thing = next((m for m in NAMED_THING.finditer(story) if set(m["thing"].lower().split()) & known), None)
        if thing is None:
            return text
        request = f"{request[:pointer.start()]}the {thing['thing']}{thing['where'] or ''}{request[pointer.end():]}"
    return request


def _opening_sentence(text: str) -> str:
    """The first sentence of the words."""
    return SENTENCE_BREAK.split(text.strip(), maxsplit=1)[0]


# a sentence that opens with a value ("Set a timer. Twelve minutes, for the rice."): the request's, no story
_A_VALUE_FIRST = re.compile(r"^\W*(?:(?:i think|maybe|about|around|like|oh|um|just)\s+)*(?:\d|half\b|quarter\b|an? (?:hour|minute|"
                            r"couple|few|half)\b)", re.IGNORECASE)


# a story that says where the speaker is ("I'm in the den."): the request's place
_WHERE_I_AM = re.compile(r"\b(?:i'm|i am|we're|we are)\s+(?:(?:out|up|down|back|still|now|just|sitting|working|"
                         r"reading|lying)\s+)*(?:in|at)\b", re.IGNORECASE)


def _requests(sentence: str) -> bool:
    """Whether a sentence opens as a request: a command's verb, after "please", "could you" and the like."""
    words = [w for w in sentence.lower().replace(",", " ").split()
             if w not in ("please", "hey", "ok", "okay", "oh", "so", "and", "now", "also")]
    words = POLITE.sub("", " ".join(words)).split()
    return bool(words) and words[0].strip(".!?") in COMMAND_VERBS


def without_remark(text: str, names: Callable[[], Iterable[str]]) -> str:
    """The request without a tag at its end or a remark before it that asks nothing: the remark is
    a word or two before a comma or stop, with no yes or no, time, place or name of the home
    (`names`, read only when there is such a remark) in it, and what follows stands as a request."""
    text = TAG.sub("", text) or text
    called = VOCATIVE.search(text) if is_question(text) else None  # "what day is choir, bach?"
    if called and not _MEANT.search(called[1]) and not _named(called[1], names):
        text = text[:called.start()] + "?"
    found = REMARK.match(text)
    if found is None or _MEANT.search(found["remark"]) \
            or _commands(found["remark"]):  # "pause music, call starting": a request of its own
        return text
    rest = found["rest"]
    first = (POLITE.sub("", rest.lower()).split() or [""])[0]
    if not (first in COMMAND_VERBS or is_question(rest) or _OPENS.match(rest)):
        return text
    if _named(found["remark"], names):
        return text  # "kitchen, lights off": the home's own name
    return rest


def _commands(remark: str) -> bool:
    """Whether the words are a verb of command and its object ("pause music"), not a word alone ("look")."""
    words = remark.lower().split()
    return len(words) >= 2 and words[0] in COMMAND_VERBS


def _named(words: str, names: Callable[[], Iterable[str]]) -> bool:
    """Whether the home names something with these words."""
    return any(re.search(rf"\b{re.escape(words.lower())}\b", name.lower()) for name in names())


def _turned(found: re.Match) -> str:
    """A thing switched in other words, said as "turn on/off the thing" ("turn the thing on high")."""
    if found.groupdict().get("level"):
        return f"{found['lead']}turn {found['target']} {found['state']}{found['level']}"
    return f"{found['lead']}turn {found['state']} {found['target']}"


def without_particles(text: str) -> str:
    """The words without a leading interjection or a trailing particle, and "on the fan" said as
    "turn on the fan"; as they were if nothing is left."""
    stripped = REPORTED.sub("", text, count=1)
    for _ in range(2):  # "Good morning. Biko, …"
        stripped = INTERJECTION.sub("", stripped, count=1)
    stripped = PARTICLE.sub("", stripped)
    stripped = SWITCH_VERB.sub(lambda m: f"{m[1]}turn {m[2]} ", stripped, count=1)
    stripped = SWITCHED_PRONOUN.sub(r"turn \2 \1", stripped, count=1)
    stripped = SWITCH_AFTER.sub(_turned, stripped, count=1)
    stripped = MADE_TO_SWITCH.sub(_turned, stripped, count=1)
    stripped = WANTED.sub(_turned, stripped, count=1)
    return stripped if stripped.strip() else text


# a swear word or an intensifier before a thing's name ("turn off the bloody telly"): no word of the name
INTENSIFIER = re.compile(r"\b(the|my|that|this|those|these|our|your|his|her)\s+(?:bloody|damn|damned|darn|darned|dang|freaking|"
                         r"frigging|friggin|flipping|flippin|flaming|blooming|bleeding|blinking|effing|fucking|stupid|silly|"
                         r"blasted|wretched|goddamn|goddamned)\s+(?=[a-z])", re.IGNORECASE)


# a state asked for by its opposite negated ("make it not dark", "get it not so hot"): the change it means
NOT_STATE = re.compile(r"\b(make|get|have|keep)\s+(it|things|everything|in here|(?:the|my|our)\s+[\w']+(?:\s+[\w']+)?)\s+not\s+"
                       r"(?:so\s+|too\s+|as\s+|that\s+|this\s+)?(dark|dim|bright|hot|warm|cold|chilly|loud|noisy|quiet|stuffy)\b",
                       re.IGNORECASE)
OPPOSITE = {"dark": "brighter", "dim": "brighter", "bright": "dimmer", "hot": "cooler", "warm": "cooler", "cold": "warmer",
            "chilly": "warmer", "loud": "quieter", "noisy": "quieter", "quiet": "louder", "stuffy": "cooler"}
# a feeling said the Australian way, "hot as" (so hot), at the end of its clause
AS_AS_CAN_BE = re.compile(r"\b(hot|cold|dark|bright|loud|noisy|stuffy|freezing|boiling|muggy|humid|sticky)\s+as(?=\s*(?:[,.!?;]|$))",
                          re.IGNORECASE)


# a state not wanted ("don't want the speaker in the kitchen on", "the blinds shouldn't be open", "I'd rather the telly
# wasn't on"): the change that ends it
UNWANTED = re.compile(r"^(?P<lead>\W*)(?:(?:(?:i|we)\s+)?(?:don'?t|do not|dont)\s+want\s+(?P<t1>(?:the|my|our)\s+[\w' ]+?)\s+"
                      r"(?:to be\s+)?(?P<s1>on|open)"
                      r"|(?P<t2>(?:the|my|our)\s+[\w' ]+?)\s+(?:shouldn'?t|should not|mustn'?t|must not)\s+be\s+(?P<s2>on|open)"
                      r"|(?:i'?d|i would|we'?d)\s+rather\s+(?P<t3>(?:the|my|our)\s+[\w' ]+?)\s+(?:wasn'?t|weren'?t|was not|"
                      r"were not|isn'?t|is not)\s+(?P<s3>on|open))"
                      r"(?=\s*(?:[,.!?;]|$)|\s+(?:while|when|because|cos|please|now|tonight|anymore|any more|so|if)\b)", re.IGNORECASE)
ENDING = {"on": "turn off", "open": "close"}


def _ended(found: re.Match) -> str:
    target = found["t1"] or found["t2"] or found["t3"]
    state = (found["s1"] or found["s2"] or found["s3"]).lower()
    return f"{found['lead']}{ENDING[state]} {target}"


def without_courtesy(text: str) -> str:
    """The request without courtesy around it; the words as they were if nothing is left."""
    text = UNWANTED.sub(_ended, text, count=1)
    text = INTENSIFIER.sub(r"\1 ", without_particles(text))
    text = AS_AS_CAN_BE.sub(r"so \1", NOT_STATE.sub(lambda m: f"{m[1]} {m[2]} {OPPOSITE[m[3].lower()]}", text))
    found = MIND.match(text)
    verb = _base_form(found["verb"]) if found else None
    if found and verb:
        text = f"{found['lead']}{verb}{text[found.end():]}"
    else:
        text = WANTED.sub(_turned, LEADING.sub(lambda m: m["lead"], text, count=1), count=1)
    stripped = TRAILING.sub("", text)
    return stripped if stripped.strip() else text


def _base_form(gerund: str) -> str | None:
    """"turning" → "turn", "closing" → "close", "putting" → "put": a command verb, else None."""
    stem = gerund.lower()[:-3]
    for base in (stem, stem + "e", stem[:-1]):
        if base in COMMAND_VERBS:
            return base
    return None
