"""Names that sound alike: a misheard device or room phrase rewritten into the home's own names.

Speech-to-text mishears names it does not know ("porch light" → "port slide"). For voice input
only, when a phrase resolves to nothing, its words the home does not use are replaced by the
home's names (or name words) that sound most like them, and the rewritten phrase is resolved as
usual; the device phrase is also tried as the user said it (a model shortens "the title either"
to "title"). Sounding alike is the better of two scores. A rough consonant key (voicing and vowels
dropped, affricates split: "ch" = "t"+"sh") compared across word boundaries, blended with the
spelling's similarity. And, where espeak-ng is installed, phonemes: espeak-ng's IPA of each word
(cached, looked up in one call per phrase) in sound classes (voicing pairs and the flap with t/d),
compared by an edit distance that makes near sounds (t/l, s/sh, n/m), vowels, h, r and a final
consonant cluster cheap to mishear; an acronym in a name ("HRV", "PS5") is also said as its
letters ("age are vee"). A replacement is `sure` when it scores high and no other name comes close,
or scores fairly high and nothing else comes near it at all; otherwise the caller asks ("did you
mean the Porch Light?").
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import sqlite_utils
from rapidfuzz import fuzz

from assistant.experts.smart_home import vocab
from assistant.experts.smart_home.changes import is_garage_door
from assistant.experts.smart_home.resolve import Resolution, resolve_in
from assistant.experts.smart_home.backend import HomeBackendError, read_home
from assistant.experts.smart_home.store import Device, Home

ESPEAK = shutil.which("espeak-ng")  # phonemes for the sound of a name; without it, the key alone

ACCEPT = 80.0  # below this nothing sounds alike enough to be offered
SHORT_ACCEPT = 90.0  # spans of fewer than three consonant sounds need more ("hello" ≠ "hallway")
SURE = 90.0  # at or above, with MARGIN over any other name, the replacement acts without asking
MARGIN = 5.0
SURE_ALONE, ALONE_MARGIN = 85.0, 40.0  # ... as does a near-match that nothing else comes near ("cattle")
MAX_SPAN = 4  # words of a phrase replaced at once ("bed sighed lamp" → "bedside lamp"; "see see tee vee")
KEY_WEIGHT = 0.6  # sound (key) vs spelling in the blended score
STOP_WORDS = vocab.FILLERS | vocab.QUANTIFIERS | {"and", "by", "please", "now", "then", "too", "again"}
# words of speech that are no part of a name ("turn on the like hall light"): dropped when unknown
SPOKEN_FILLERS = frozenset("like um umm uh uhh er erm hmm so just kinda sorta basically actually".split())

# Spelling → rough sound classes, applied in order to a lower-case run of letters.
# (an "r" after a vowel and before a consonant or the end is not said in most accents: "cartel"
# sounds like "kettle", "bord" like "board"; "-tion", "-sion", "-cian" end in "shun": "emotion"
# sounds like "immersion")
_SOUND_RULES = [(r"(?<=[a-z])(?:ssi|si|ti|ci)(?=[aeo]n)", "sh"), (r"(?<=[aeiou])r+(?![aeiouy])", ""), (r"tch|ch|dg|j", "ts"), (r"sh|zh", "s"), (r"ph", "f"), (r"gh", ""), (r"ck|q", "k"),
                (r"c(?=[eiy])", "s"), (r"c", "k"), (r"g(?=[eiy])", "ts"), (r"x", "ks"), (r"th", "t"),
                (r"b", "p"), (r"d", "t"), (r"g", "k"), (r"v", "f"), (r"z", "s"), (r"[aeiouyhw]", "")]


@dataclass(frozen=True)
class Misheard:
    """A phrase rewritten into the home's names."""

    said: str  # the phrase as it came
    text: str  # the same phrase in the home's names
    score: float  # the weakest replacement's score (0-100)
    margin: float  # the smallest lead of a replacement over the next-best other name
    kept: str = ""  # the phrase's words the home already uses, as said
    pinned: bool = False  # those words alone name the same devices: the rest only confirms them

    @property
    def sure(self) -> bool:
        return (self.score >= SURE and self.margin >= MARGIN) or \
            (self.score >= SURE_ALONE and self.margin >= ALONE_MARGIN) or self.pinned


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A rough sound key: "porch light" and "port slide" are both "prtslt". A leading vowel, h
    or w is kept as a marker (so "weather" is not "heater")."""
    letters = re.sub(r"[^a-z]", "", text.lower())
    if not letters:
        return ""
    head = letters[1] if re.match(r"wr|kn|gn", letters) else "a" if letters[0] in "aeiou" else \
        letters[0] if letters[0] in "hwy" else ""
    for pattern, sound in _SOUND_RULES:
        letters = re.sub(pattern, sound, letters)
    return re.sub(r"(.)\1+", r"\1", head + letters)


def sounds_like(heard: str, name: str) -> float:
    """0-100: how alike two phrases sound (0 when their first sounds differ): the better of their
    rough keys (`key_score`) and, where espeak-ng is installed, their phonemes (`phone_score`).
    `name` keeps its capitals: an acronym in it ("ERV") is also said as letters."""
    return max(key_score(heard, name), phone_score(heard, name) or 0.0)


# the colours a light is usually asked for: a misheard colour word is one of them or none
COMMON_COLOURS = ("red", "orange", "yellow", "green", "blue", "purple", "pink", "white", "teal", "cyan", "magenta",
                  "violet", "gold", "lime", "turquoise", "lavender", "amber", "indigo", "crimson", "warm white")


def heard_colour(heard: str) -> str | None:
    """The common colour a misheard word sounds like ("read": red, "blew": blue), when one is
    `SURE` and no other comes within `MARGIN`; else None."""
    scored = sorted(((sounds_like(heard, colour), colour) for colour in COMMON_COLOURS), reverse=True)
    best, runner_up = scored[0], scored[1]
    return best[1] if best[0] >= SURE and best[0] - runner_up[0] >= MARGIN else None


def key_score(heard: str, name: str) -> float:
    """`sounds_like` by the rough consonant keys, blended with the spelling's similarity."""
    heard_key, name_key = _same_onset(key(heard), key(name))
    if not heard_key or not name_key or heard_key[0] != name_key[0]:
        return 0.0
    spelt = fuzz.ratio(re.sub(r"[^a-z]", "", heard.lower()), re.sub(r"[^a-z]", "", name.lower()))
    score = KEY_WEIGHT * fuzz.ratio(heard_key, name_key) + (1 - KEY_WEIGHT) * spelt
    if heard_key == name_key and (len(heard_key) >= 3 or _vowel_apart(heard, name)):  # "jim" for "gym", "fun" for "fan"
        score = max(score, SURE)
    return score if score >= (ACCEPT if len(heard_key) >= 3 else SHORT_ACCEPT) else 0.0


def _same_onset(heard_key: str, name_key: str) -> tuple[str, str]:
    """The keys with an opening "ts" read as "s" when the other opens with "s": a French "ch"
    is said "sh" ("shanda leer" for "chandelier")."""
    if heard_key[:2] == "ts" and name_key[:1] == "s":
        return heard_key[1:], name_key
    if name_key[:2] == "ts" and heard_key[:1] == "s":
        return heard_key, name_key[1:]
    return heard_key, name_key


def _vowel_apart(heard: str, name: str) -> bool:
    """Two short words spelt alike but for a vowel ("fun" and "fan")."""
    heard, name = heard.lower(), name.lower()
    return len(heard) == len(name) and all(a == b or (a in "aeiou" and b in "aeiou") for a, b in zip(heard, name))


def home_names(home: Home) -> list[str]:
    """The names people say in this home: areas, floors and devices, with their aliases."""
    names = [name for place in (*home.areas, *home.floors) for name in (place.name, *place.aliases)]
    names += [name for device in home.devices for name in (device.name, *device.aliases)]
    return list(dict.fromkeys(name.strip() for name in names if name and name.strip()))


def vocabulary(db: sqlite_utils.Database) -> list[str]:
    """The registry hook: the home's names, for biasing speech-to-text towards them."""
    try:
        return home_names(read_home(db))
    except HomeBackendError:
        return []


def rewrite(phrase: str | None, names: list[str]) -> Misheard | None:
    """`rewritten`, remembered: a voice command is heard by routing, confirmation and action alike."""
    return rewritten(phrase, tuple(names), ESPEAK)


@lru_cache(maxsize=256)
def rewritten(phrase: str | None, names: tuple[str, ...], espeak: str | None = None) -> Misheard | None:
    """The phrase with its unknown words replaced by the names (or name words) they sound like;
    None when no word is unknown or an unknown one sounds like nothing here. Of all ways to cover
    the unknown words with spans of up to MAX_SPAN words, the one that sounds most alike overall
    (letter-weighted; a known word kept counts as a perfect match) wins: "port slide" is "porch
    light", not "port" + "side". A small or filler word ("the", "so", "our") may be dropped, or
    be part of a span: "so nose" is the Sonos, "e our v" the ERV. (`espeak`: part of the key
    remembered by `rewrite`; the module's ESPEAK is used.)"""
    heard = vocab.tokens(phrase)
    name_words = {w for name in names for w in vocab.content(vocab.tokens(name))}
    small = [w not in name_words and (w in SPOKEN_FILLERS or w not in vocab.content([w])) for w in heard]
    known = name_words | {w for t in vocab.TYPE_WORDS for w in t.split()}  # kept, never a replacement
    unknown = [not s and w not in known and vocab.singular(w) not in known for w, s in zip(heard, small)]
    if not any(unknown):  # nothing misheard; "the like hall light" is "the hall light"
        words = [w for w in vocab.content(heard) if w not in SPOKEN_FILLERS or w in name_words]
        text = " ".join(words)
        return Misheard(phrase or "", text, 100.0, 100.0, kept=text) \
            if words and words != [w for w in vocab.content(heard)] else None
    entries = _entries(names)
    prime([*entries.values(), *heard])
    # best[i]: (sum of score x letters, pieces) covering heard[:i]; a piece is (text, score, lead)
    best: list[tuple[float, list[tuple[str, float | None, float]]] | None] = [(0.0, [])] + [None] * len(heard)
    for i in range(1, len(heard) + 1):
        options = []
        if not unknown[i - 1] and best[i - 1] is not None:  # kept (a small word: dropped)
            total, pieces = best[i - 1]
            piece = ("" if small[i - 1] else heard[i - 1], None, 0.0)
            options.append((total + 100.0 * len(heard[i - 1]), [*pieces, piece]))
        for j in range(max(0, i - MAX_SPAN), i):
            if best[j] is None or not any(unknown[j:i]):
                continue
            span = " ".join(heard[j:i])
            match = _sounds_most_like(span, entries)
            if match is not None:
                entry, score, lead = match
                total, pieces = best[j]
                options.append((total + score * len(span.replace(" ", "")), [*pieces, (entry, score, lead)]))
        best[i] = max(options, key=lambda option: option[0]) if options else None
    if best[-1] is None:
        return None
    pieces = [piece for piece in best[-1][1] if piece[0]]
    replaced = [(score, lead) for _, score, lead in pieces if score is not None]
    return Misheard(said=phrase or "", text=" ".join(text for text, _, _ in pieces),
                    score=min(score for score, _ in replaced), margin=min(lead for _, lead in replaced),
                    kept=" ".join(w for w, u, s in zip(heard, unknown, small) if not u and not s))


def _entries(names: tuple[str, ...]) -> dict[str, str]:
    """What a span may become: each name and name word, as written (an acronym's capitals
    matter to how it is said), by its normal form."""
    entries = {vocab.norm(name): name for name in names}
    for name in names:
        for word in re.findall(r"[A-Za-z0-9']+", name):
            entries.setdefault(vocab.norm(word), word)
    return {entry: said for entry, said in entries.items() if entry}


def _sounds_most_like(span: str, entries: dict[str, str]) -> tuple[str, float, float] | None:
    """(entry, score, lead over the next entry that is not part of it), or None."""
    scored = sorted(((sounds_like(span, said), entry) for entry, said in entries.items()), reverse=True)
    if not scored or scored[0][0] <= 0:
        return None
    top, entry = scored[0]
    runner_up = next((score for score, other in scored[1:] if not _overlap(other, entry)), 0.0)
    return entry, top, top - runner_up


def _overlap(a: str, b: str) -> bool:
    """One name holds the other's words ("front" and "front door" name the same thing)."""
    words_a, words_b = set(a.split()), set(b.split())
    return words_a <= words_b or words_b <= words_a


def guarded(device: Device) -> bool:
    """Devices never opened, unlocked or disarmed from a sounds-alike match without a yes."""
    return device.domain in ("lock", "alarm_control_panel") or is_garage_door(device)


def resolve_heard(home: Home, device: str | None, area: str | None, device_type: str | None,
                  said: str | None = None, **options) -> tuple[Misheard | None, Resolution | None]:
    """Resolve again with the device and area phrases rewritten into the names they sound like
    (the device phrase as said, too: a model keeps "title" of "the title either"): (what was
    heard, its resolution: devices, or a "which one?" among several that sound right), or (None,
    None) when nothing sounds alike or it still fails.
    `options` are `resolve_in`'s (here, allowed, bulk)."""
    names = home_names(home)
    area_heard = rewrite(area, names)
    for phrase in dict.fromkeys([device, widened(device, said)]):
        heard = [h for h in (rewrite(phrase, names), area_heard) if h is not None]
        if not heard:
            continue
        rewritten = {h.said: h.text for h in heard}
        found = resolve_in(home, rewritten.get(phrase or "", phrase), rewritten.get(area or "", area),
                           device_type, **options)
        if (not found.problem and found.device_ids) or found.which is not None:  # found, or "which one?"
            weakest = min(heard, key=lambda h: (h.score, h.margin))
            pinned = area_heard is None and _pinned(home, heard[0], found, area, device_type, options)
            return Misheard(" / ".join(h.said for h in heard), " / ".join(h.text for h in heard),
                            weakest.score, min(h.margin for h in heard), pinned=pinned), found
    return None, None


def heard_past(home: Home, phrase: str | None, area: str | None, device_type: str | None, said: str | None,
               found: Resolution, **options) -> tuple[Misheard | None, Resolution | None]:
    """A resolved phrase that stopped short of a misheard word said right after it ("the
    conservatory fun" written as "conservatory": the lights there), or that holds a word the home
    never uses ("the sweet bathroom fan" resolved as the Bathroom Fan): the widened phrase rewritten
    into the names it sounds like, when it surely names other devices; else (None, None). `phrase`
    is the call's device phrase, or its area when it names no device."""
    wide = widened(phrase, said)
    if wide and phrase and vocab.tokens(wide) == vocab.tokens(phrase) and _strange_words(home, phrase):
        wide = phrase  # "the sweet bathroom fan" resolved as the Bathroom Fan, "sweet" left over
    elif not phrase or not wide or vocab.tokens(wide) == vocab.tokens(phrase):
        return None, None
    heard = rewrite(wide, home_names(home))
    if heard is None or not heard.sure:
        return None, None
    again = resolve_in(home, heard.text, None if phrase == area else area, device_type, **options)
    if again.problem or not again.device_ids or set(again.device_ids) == set(found.device_ids):
        return None, None
    return heard, again


def _strange_words(home: Home, phrase: str) -> list[str]:
    """The phrase's words that no name of the home has and that name no kind of device."""
    known = {w for name in home_names(home) for w in vocab.tokens(name)}
    return [w for w in vocab.content(vocab.tokens(phrase))
            if w not in known and w not in STOP_WORDS and vocab.type_word(w)[0] is None]


def _pinned(home: Home, heard: Misheard, found: Resolution, area: str | None, device_type: str | None,
            options: dict) -> bool:
    """Whether the words the home already uses name exactly the devices found ("bench lice": "bench"
    is only the Bench Lights), so the misheard word only confirms them; a kind alone pins nothing."""
    kept = vocab.content(vocab.tokens(heard.kept))
    if not found.device_ids or not any(vocab.type_word(w)[0] is None for w in kept):
        return False
    alone = resolve_in(home, " ".join(kept), area, device_type, **options)
    return not alone.problem and alone.device_ids == found.device_ids


def widened(phrase: str | None, said: str | None) -> str | None:
    """The phrase with the words said right after it, up to a small word ("in", "the", "and"), and
    those said between it and its article: "title" in "switch on the title either" → "title either",
    "lamp" in "turn off the red in lamp" → "red in lamp"."""
    words, spoken = vocab.tokens(phrase), vocab.tokens(said)
    if not words or not spoken:
        return phrase
    for start in range(len(spoken) - len(words) + 1):
        if spoken[start:start + len(words)] == words:
            end = start + len(words)
            while end < len(spoken) and spoken[end] not in STOP_WORDS:
                end += 1
            return " ".join(spoken[_opening(spoken, start):end])
    return phrase


ARTICLES = frozenset("the my our your a an this that".split())
MAX_BEFORE = 3


def _opening(spoken: list[str], start: int) -> int:
    """Where the noun phrase holding `start` opens: back over up to three words to the article before
    them ("the red in lamp": "red in" belongs to "lamp"); `start` when no article is that near."""
    for back in range(1, MAX_BEFORE + 1):
        i = start - back
        if i < 0:
            break
        if spoken[i] in ARTICLES:
            return i + 1 if back > 1 else start
    return start


def question(heard: Misheard, devices: list[Device]) -> str:
    """The confirmation's reason: "did you mean the Porch Light"."""
    name = devices[0].name if len(devices) == 1 else heard.text
    return f"did you mean {name if name.lower().startswith('the ') else 'the ' + name}"


# Phonemes (espeak-ng's IPA) → sound classes: voicing pairs merged, the flap with t and d,
# affricates one sound, an r-coloured vowel a vowel and "r", vowels in six rough groups.
_AFFRICATES = re.compile("tʃ|dʒ")
_PHONE_CLASSES = {**dict.fromkeys("pb", "p"), **dict.fromkeys("tdɾ", "t"), **dict.fromkeys("kɡg", "k"),
                  **dict.fromkeys("fv", "f"), **dict.fromkeys("θð", "θ"), **dict.fromkeys("sz", "s"),
                  **dict.fromkeys("ʃʒ", "ʃ"), **dict.fromkeys("nŋ", "n"), "m": "m", "l": "l", "ɫ": "l",
                  "ɹ": "r", "r": "r", "w": "w", "j": "j", "h": "h", "c": "c", "x": "k",
                  **dict.fromkeys("iɪᵻy", "i"), **dict.fromkeys("eɛæ", "e"), **dict.fromkeys("aɑ", "a"),
                  **dict.fromkeys("əɐʌ", "ə"), **dict.fromkeys("oɔɒ", "o"), **dict.fromkeys("uʊ", "u"),
                  **dict.fromkeys("ɚɜɝ", "ər")}
VOWELS = frozenset("ieaəou")
LIGHT = {"h": 0.5, "j": 0.5, "r": 0.7, "w": 0.7}  # sounds easily lost or added (vowels: VOWEL_COST)
VOWEL_COST, VOWEL_SWAP = 0.5, 0.3  # a vowel lost or added; one vowel heard as another
TAIL = 0.5  # a final cluster's consonant's cost, of its usual
NEAR = {frozenset(pair): 0.5 for pair in ("tl", "tθ", "fθ", "sθ", "sʃ", "cʃ", "ct", "nm", "pf", "lr")}
SHORT_PHONES = 3.5  # a span lighter than this (`_weight`: "sight", "jim") is short: SHORT_ACCEPT
PHONE_WEIGHT = 0.8  # sound vs spelling in the blended score (spelling only ever raises it)
IPA: dict[str, str] = {}  # word as written → espeak-ng's IPA, filled in batches (`_say`)
MAX_IPA = 20_000


def phone_score(heard: str, name: str) -> float | None:
    """0-100: how alike two phrases sound by their phonemes (the best of the name's readings),
    blended with their spelling where that helps; 0 when their first sounds differ or it falls
    short of ACCEPT. A short heard span (`SHORT_PHONES`) is only matched to a name said as letters
    ("pee see" for "PC"; "sight" alone is too little to go on). None without espeak-ng."""
    said_as, meant_as = phones(heard), phones(name)
    if not said_as or not meant_as:
        return None
    spelt = fuzz.ratio(re.sub(r"[^a-z]", "", heard.lower()), re.sub(r"[^a-z]", "", name.lower()))
    letters = meant_as[-1] if _acronym(name) else None  # the name said as its letters
    best = 0.0
    for said in said_as:
        for meant in meant_as:
            if not _same_start(said, meant) or (_weight(said) < SHORT_PHONES and meant != letters):
                continue
            alike = 100.0 * (1 - _distance(said, meant) / max(_weight(said), _weight(meant)))
            best = max(best, alike, PHONE_WEIGHT * alike + (1 - PHONE_WEIGHT) * spelt)  # spelling only helps
    return best if best >= (SHORT_ACCEPT if min(map(_weight, said_as)) < SHORT_PHONES else ACCEPT) else 0.0


def phones(text: str) -> tuple[str, ...]:
    """The phrase's readings as sound-class strings (word breaks ignored): one, or two when it
    holds an acronym ("ERV": said as a word and as letters, the last); () without espeak-ng."""
    readings = _readings(text)
    if not ESPEAK or not readings:
        return ()
    _say(w for reading in readings for w in reading)
    if not all(w in IPA for reading in readings for w in reading):
        return ()  # espeak-ng failed: the key alone
    return _classed(readings)


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[tuple[str, ...], ...]:
    """The phrase's words as written, and with its acronyms spelt out (`_spelt`), if any."""
    words = re.findall(r"[A-Za-z0-9']+", text)
    return tuple(dict.fromkeys([tuple(words), tuple(t for w in words for t in _spelt(w))])) if words else ()


@lru_cache(maxsize=8192)
def _classed(readings: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The readings' sound classes, from the words' IPA (all looked up)."""
    return tuple(dict.fromkeys("".join(_classes(IPA[w]) for w in reading) for reading in readings))


def prime(texts: Iterable[str]) -> None:
    """Look up the phonemes of all the texts' words (in every reading) in one espeak-ng call."""
    if ESPEAK:
        _say(t for text in texts for w in re.findall(r"[A-Za-z0-9']+", text) for t in (w, *_spelt(w)))


def _acronym(text: str) -> bool:
    """Whether a name holds an acronym (`_spelt`)."""
    return any(_spelt(w) != [w] for w in re.findall(r"[A-Za-z0-9']+", text))


def _spelt(word: str) -> list[str]:
    """An acronym (two to five capitals or digits: "ERV", "PS5") as its letters are said, for
    espeak-ng: ["E.R.V."], ["P.S.", "5"]; any other word as it is."""
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,4}", word):
        return [word]
    return [re.sub(r"([A-Z])", r"\1.", run) for run in re.findall(r"[A-Z]+|[0-9]+", word)]


def _say(words: Iterable[str]) -> None:
    """espeak-ng's IPA of the words not yet known, in one call (one line per word)."""
    words = list(dict.fromkeys(words))
    if len(IPA) + len(words) > MAX_IPA:
        IPA.clear()
    todo = [w for w in words if w not in IPA]
    if not todo or not ESPEAK:
        return
    try:
        done = subprocess.run([ESPEAK, "-q", "--ipa", "-v", "en-us", "--stdin"], input="\n".join(f"{w}." for w in todo),
                              capture_output=True, text=True, timeout=5, check=True)
    except (OSError, subprocess.SubprocessError):
        return
    lines = done.stdout.splitlines()
    if len(lines) == len(todo):
        IPA.update(zip(todo, (line.strip() for line in lines)))


def _classes(ipa: str) -> str:
    """IPA as a string of sound classes, a run of vowels in one syllable as its first
    ("hˈiːɾɚ" → "hitər", "ˌaʊɚ" → "ar": a diphthong is heard as its start; "ˌiːˌɑːɹ" → "iar")."""
    classes = "".join(_PHONE_CLASSES.get(c, "|" if c in "ˈˌ" else "") for c in _AFFRICATES.sub("c", ipa))
    return re.sub(r"([ieaəou])[ieaəou]+", r"\1", classes).replace("|", "")


def _same_start(a: str, b: str) -> bool:
    """Whether two phone strings open alike: a lost "h" aside, both on a vowel, or on the same or
    a near consonant ("chop" / "shop")."""
    if not a or not b:
        return False
    a, b = a.removeprefix("h") or a, b.removeprefix("h") or b
    return (a[0] in VOWELS and b[0] in VOWELS) or a[0] == b[0] or frozenset(a[0] + b[0]) in NEAR


def _cost(phone: str) -> float:
    """What losing or adding a phone costs."""
    return VOWEL_COST if phone in VOWELS else LIGHT.get(phone, 1.0)


def _costs(phones_: str) -> list[float]:
    """`_cost` of each phone; the consonants of a final cluster cost less: they are easily lost
    ("lamps" heard as "lamb")."""
    last = max((i for i, p in enumerate(phones_) if p in VOWELS), default=len(phones_))
    cluster = len(phones_) - last > 2
    return [_cost(p) * (TAIL if cluster and i > last else 1.0) for i, p in enumerate(phones_)]


def _swap(a: str, b: str) -> float:
    """What hearing one phone as another costs."""
    if a == b:
        return 0.0
    if a in VOWELS and b in VOWELS:
        return VOWEL_SWAP
    return NEAR.get(frozenset(a + b), _cost(a) + _cost(b))


def _weight(phones_: str) -> float:
    """What losing all the phones costs: the most two strings can be apart."""
    return sum(_costs(phones_))


def _distance(a: str, b: str) -> float:
    """A weighted edit distance between phone strings (`_costs`, `_swap`)."""
    a_costs, b_costs = _costs(a), _costs(b)
    row = [0.0]
    for cost in b_costs:
        row.append(row[-1] + cost)
    for p, p_cost in zip(a, a_costs):
        prev, row[0] = row[0], row[0] + p_cost
        for j, (q, q_cost) in enumerate(zip(b, b_costs), 1):
            prev, row[j] = row[j], min(row[j] + p_cost, row[j - 1] + q_cost, prev + _swap(p, q))
    return row[-1]
