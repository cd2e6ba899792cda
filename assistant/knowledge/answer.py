"""Answer a question from the user's documents only, extractively: the line of the retrieved
passages that best answers it, with its document and page. No language model writes the answer,
so nothing can come from a model's memory, and a document's words are only ever quoted, never obeyed.

1. The question loses its framing ("according to my documents", "what does the manual say about").
2. Relative days ("tomorrow", "this week", "on friday") and dates the question names ("the 5th of
   December") become dates (dates.py): lines naming one of those dates, anywhere in the documents,
   are candidates, `DATED` ahead of the others (and the answer when no searched passage fits);
   the search also looks for the days' weekday names
   (a weekly timetable's "Thursday" for "tomorrow"; its dates' numbers would only find times).
3. The top `PASSAGES` passages of the fused search are the other candidates, if the best of
   them fits well enough: its best line's MiniLM similarity plus the share of the question's words
   it has, each weighted by its rarity in the documents (`RELEVANT`, calibrated by
   scripts/calibrate_knowledge.py; below it the answer is "nothing in your documents").
4. Each candidate line is scored by the question's words it shares (stemmed, weighted by rarity)
   and its MiniLM similarity to the question, `TYPED` more when it has what the question asks for
   ("how long": a duration, "when": a date or time); the best line, after its section's heading, is the
   answer (with a close second line of the same passage: "one or two sentences"). A dated best line
   is read with the next best dated ones ("what's on this week"). A table row (its cells labelled
   with their column headers, chunking.py) is read as the cells the question asks for, when it
   names a column ("swimming lesson on Tuesday": the session and its Tuesday cell).
5. A thing the question names (the words after "the", "a", "my", "Mia's") that no document has, and
   that the answer's line, heading and document name do not say in other words (MiniLM similarity of
   the words, `MATCHED`), means the passages only look relevant: "the ballet class on Thursday"
   beside a Thursday boxercise row is "nothing in your documents". Relative day words ("tomorrow")
   are not words a line must share: they count as the days' names. When the answer's line is a
   table row, the row itself says the thing in other words only as closely as `ROW_SAID` (the rows
   beside it are other things of its kind: "the cardboard" is not the "Recycling" row), its table's
   heading and document name as before ("the Kingsway game" of a fixtures table). A line that
   goes on from the one before ("The cycle takes about 90 minutes" after "Anti-legionella cycle:
   …") has that line as its context too.
6. A word of the question that no document has can be read as the documents' word for it, when one
   is as similar as `vocabulary.SYNONYM` ("an old couch": the calendar's "sofas"); off, by measurement.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import sqlite_utils

from assistant.knowledge import dates, vocabulary
from assistant.knowledge.embedder import Embedder
from assistant.knowledge.search import _STOPWORDS, Passage, search
from assistant.knowledge.store import title_of
from assistant.words import stem

PASSAGES = 3
# the best passage's fit (its best line's cosine + the share of the question's words it has, each
# weighted by its rarity) below which nothing is relevant: calibrated by scripts/calibrate_knowledge.py
RELEVANT = 0.8
MATCHED = 0.5  # a thing the question names, in no document, is matched by a context word this similar (MiniLM)
# ... but a table row's own cells only this similar (its neighbours are other things of its kind)
ROW_SAID = 0.75
SAME = 0.9  # ... unless the context names another of its kind ("green bin" for "the purple bin"): then only a phrase this similar
UNSAID = 3.0  # for routing (`fit`): a word's weight a question is assumed to lack, about a rare word's
MAX_WORDS = 45  # a spoken answer: one or two sentences
MAX_DATED = 3  # lines read out for "what's on this week"
PARAGRAPH = 30  # a line of more words is a paragraph, read by its sentences
CLOSE = 0.1  # a second line of the same passage this close to the best one is read out too
DATED = 0.5  # a line naming the day asked about scores this much more than one that does not
TYPED = 0.2  # a line with the kind of thing the question asks for ("how often": "once a week") scores more
# a clock time, not a price ("£91.00")
_TIME = r"(?<![£$€¥.,])\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b|\b\d{1,2}\s?(?:am|pm)\b|\bnoon\b|\bmidnight\b"
_DAY_NAME = r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
_DATE_WORDS = (r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
               r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b")
# numbers said in words ("two months' notice", "a dozen eggs") count as numbers in an answer's shape
_NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
                 r"fifty|sixty|hundred|thousand|half|a dozen|a few|several)")
_NUMBER = rf"(?:\d+(?:[.,]\d+)?|\b{_NUMBER_WORDS})"
_DURATION = (rf"{_NUMBER}[\s-]*(?:to\s+{_NUMBER}[\s-]*)?(?:min(?:ute)?s?|h|hours?|days?|weeks?|months?|years?|"
             r"secs?|seconds?)\b")
_FREQUENCY = (r"\b(?:every|each|once|twice|daily|weekly|monthly|yearly|annually)\b"
              r"|\b(?:a|per)\s+(?:day|week|month|year)\b")
_AMOUNT = rf"\d|\b{_NUMBER_WORDS}\b"
# a person: a title and a name ("Mrs Okafor"), a role's label and a name ("Manager: Dave Okafor",
# "Instructor: Aisha"), "by"/"with" a name, or a line that is only a name (a letter's signature)
_ROLE = (r"(?i:teacher|manager|coach|instructor|leader|contact|head|headteacher|secretary|captain|organi[sz]er|"
         r"tutor|landlord|agent|engineer|doctor|nurse|vet|dentist|officer|chair|treasurer|signed|by|with)")
_PERSON = (r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z]"
           rf"|\b{_ROLE}s?\s*:?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)?\b"
           r"|^[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+){1,2}\W*$")
# what kind of answer a question asks for (its opening words) -> what such an answer looks like in a line
ANSWER_TYPES = [
    (re.compile(r"^\W*(?:what|which)\s+time\b|\bwhat time\b", re.I), re.compile(_TIME, re.I)),
    (re.compile(r"^\W*how\s+(?:often|frequently)\b", re.I), re.compile(_FREQUENCY, re.I)),
    (re.compile(r"^\W*how\s+long\b", re.I), re.compile(_DURATION, re.I)),
    (re.compile(r"^\W*(?:what|which)\s+days?\b", re.I), re.compile(_DAY_NAME, re.I)),
    (re.compile(r"^\W*when\b", re.I), re.compile(f"{_TIME}|{_DATE_WORDS}|{_DAY_NAME}", re.I)),
    (re.compile(r"^\W*who(?:'s|se)?\b", re.I), re.compile(_PERSON)),
    (re.compile(r"^\W*how\s+(?:much|many|big|high|far|hot|cold|heavy|old)\b|\b(?:phone )?number\b|\bcost\b|\bprice\b",
                re.I), re.compile(_AMOUNT)),
]
_FRAMING = re.compile(
    r"\b(?:(?:according to|in|from|check|search|look (?:in|through)|based on)\s+(?:my|our|the)\s+"
    r"(?:own\s+)?(?:documents?|docs|files?|notes|papers|pdfs?|uploads?)"
    r"|(?:do|does|did)\s+(?:my|our|the)\s+(?:documents?|docs|files?|notes|papers)\s+(?:say|mention|tell me)"
    r"|what does (?:it|that) say)\b[,:]?", re.IGNORECASE)
# a thing the question names: the words after a determiner, up to a word of another kind
_DETERMINER = r"(?:the|a|an|my|our|your|his|her|their|this|that|these|those|\w+'s)"
_NAMED = re.compile(rf"\b{_DETERMINER}\s+(?=((?:[\w'-]+\s*){{1,3}}))", re.IGNORECASE)
# verbs a question puts after the thing it names ("when does the pool shut", "the dishwasher shows E4")
_VERBS = set("""begin begins start starts end ends finish finishes open opens close closes shut shuts leave leaves
arrive arrives go goes come comes get gets getting take takes need needs cost costs mean means say says show shows
work works happen happens run runs stop stops make makes use uses keep keeps want wants""".split())
# the verb after the thing a "does" question names: the last word before a preposition, another
# determiner or the end ("when does our flight land in Faro", "which day do the bin men come")
_DOES_VERB = re.compile(rf"\b(?:do|does|did|will|would|can|could|should|shall|must)\s+{_DETERMINER}\s+"
                        r"(?:[\w-]+\s+){1,2}?(?P<verb>[a-z]+)(?=\s+(?:in|on|at|to|for|from|by|with|into|out|up|off|"
                        rf"down|back|away|over|about|after|before|until|till|it|them|{_DETERMINER})\b|\W*$)",
                        re.IGNORECASE)
# words that say when, not what: "the gates close in the morning" names the gates, not a morning
_WHEN_WORDS = set("""morning mornings afternoon afternoons evening evenings night nights tonight weekend weekends
weekday weekdays moment minute middle beginning""".split())
# a particle after a word makes it a verb ("when does the school break up"): the named thing ends before it
_PARTICLES = set("up out off down back away over".split())
# words that ask for an amount ("the membership fee"): the line's figure says them, not a word
_ASKING = set("fee fees price prices cost costs charge charges".split())
# a thing named without a determiner after "when is", "what time is", "what does" ("when is sports day")
_BARE = re.compile(r"^\W*(?:what|when|where|who|which|how)(?:\s+(?:time|much|many|long|often|day|days))?\s+"
                   r"(?:is|are|was|were|does|do)\s+(?!(?:the|a|an|my|our|your|his|her|their|this|that|these|those|"
                   r"there|it|they|we|you|i|he|she)\b|\w+'s\b)(?=((?:[\w'-]+\s*){1,3}))", re.IGNORECASE)
# a code or label made of letters and figures ("E4", "4B", "under 11s"): no other word says it. Not a
# time, an ordinal or a measure ("5pm", "12th", "400g")
_CODE = re.compile(r"(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]+")
_NOT_CODE = re.compile(r"\d+(?:am|pm|st|nd|rd|th|mm|cm|m|km|g|kg|mg|ml|l|mph|kmh|ghz|mhz|hz|mb|gb|kw|kwh|w|v|p|k)")
_QUESTION_WORDS = _STOPWORDS | {"say", "says", "said", "mention", "mentions", "anything", "something", "know",
                                "find", "look", "document", "documents", "file", "files", "need", "get", "one", "according",
                                # kinds of document: they name where to look, not what to find
                                "recipe", "manual", "letter", "leaflet", "booklet", "handbook", "newsletter", "pdf",
                                # what a question asks with, naming nothing ("what's wrong with it", "what does E4
                                # mean", "have we got anything to pay", "it's saying F2")
                                "wrong", "mean", "means", "meaning", "got", "saying"}


# a line that goes on from the line before: "It ...", "The cycle ..." (the thing the line before named)
_GOES_ON = re.compile(r"^\W*(?:(?:it|they|its|their)\b|(?:the|this|that|these|those)\s+([a-z]+))", re.IGNORECASE)
# a question word's contraction ("what's happening"): no possessive before a thing named
_QUESTION_CONTRACTION = re.compile(r"\b(what|who|where|when|how|why|which|that|it|there|here)'(?:s|re)\b", re.IGNORECASE)
# a question word's contraction ("what's", "who're") is the question word
_CONTRACTION = re.compile(r"'(?:s|re|ll|d|ve)$")
# words a question's other words are never read as (vocabulary.py): those that ask for a kind of answer
# ("how long", "what time"), name where to look, or say when
_KEEP = frozenset(_QUESTION_WORDS | _WHEN_WORDS | _ASKING | set(
    "time often frequently long much many big high far hot cold heavy old day days number".split()))


@dataclass(frozen=True)
class Source:
    document: str
    page: int


@dataclass
class Answer:
    reply: str
    found: bool
    sources: list[Source] = field(default_factory=list)
    relevance: float = 0.0  # the best passage's, as compared with RELEVANT
    passages: list[Passage] = field(default_factory=list)


def nothing_found() -> str:
    return "I found nothing about that in your documents."


def query_of(question: str) -> str:
    """The question without its framing: the words retrieval should look for."""
    return " ".join(_FRAMING.sub(" ", question).split()) or question


def documents_query(db: sqlite_utils.Database, question: str, embedder: Embedder) -> str:
    """The question without its framing, its words that no document has read as the documents' own
    word for the same thing ("guarantee": "warranty"), where they have one (vocabulary.py)."""
    return vocabulary.in_documents_words(db, query_of(question), embedder, keep=_KEEP,
                                         threshold=vocabulary.SYNONYM, mutual=vocabulary.MUTUAL)


def content_words(text: str) -> dict[str, str]:
    """The text's content words by stem (question words and framing left out, with a contraction:
    "what's", "who're")."""
    words = [w for w in re.findall(r"[\w']+", text.lower())
             if _CONTRACTION.sub("", w) not in _QUESTION_WORDS and len(w) > 1]
    return {stem(w): w.strip("'") for w in words}


def plain(text: str) -> str:
    """The words without possessives and quotes ("what's", "mia's", "kids'" -> what, mia, kids)."""
    return " ".join(w.removesuffix("'s").strip("'") for w in re.findall(r"[\w']+", text))


def coverage(question: str, text: str, weights: dict[str, float] | None = None, unsaid: float = 0.0) -> float:
    """The share of the question's content words (stemmed) that the text has, each word weighted
    by `weights` (its rarity in the documents), or all alike; `unsaid` is the weight of a word the
    text is assumed to lack (a question of one or two words is weak evidence: "what's the date")."""
    wanted, have = set(content_words(question)), set(content_words(text))
    weight = (weights or {}).get
    total = sum(weight(w, 1.0) for w in wanted) + (unsaid if wanted else 0.0)
    return sum(weight(w, 1.0) for w in wanted & have) / total if total else 0.0


def rarity(db: sqlite_utils.Database, question: str) -> dict[str, float]:
    """Each content word's inverse document frequency over the passages (FTS5 counts the passages
    that have it): a word no document has weighs most, so a question about something else
    ("error F28" of a manual listing E1 to E9) is not covered by the common words it shares."""
    passages = db.execute("SELECT count(*) FROM knowledge_chunks").fetchone()[0]
    weights = {}
    for key, word in content_words(question).items():
        term = word.replace('"', "").replace("'", " ").strip()
        count = db.execute("SELECT count(*) FROM knowledge_fts WHERE knowledge_fts MATCH ?",
                           [f'"{term}"']).fetchone()[0] if term else 0
        weights[key] = math.log((passages + 1) / (count + 0.5))
    return weights


def unseen_weight(db: sqlite_utils.Database) -> float:
    """The rarity weight of a word no passage has (as `rarity` gives it)."""
    passages = db.execute("SELECT count(*) FROM knowledge_chunks").fetchone()[0]
    return math.log((passages + 1) / 0.5) - 1e-9


def fit(db: sqlite_utils.Database, question: str, embedder: Embedder) -> float:
    """How well the user's documents match the words, for routing (`Expert.evidence`): the best
    searched passage's fit, as `answer` measures it against RELEVANT, with the words that name its
    document counted ("what does the meal plan say": the user has a meal plan), possessives read
    as their word, and a question of a word or two weighing less (`UNSAID`). No dates read."""
    query = documents_query(db, question, embedder)
    passages = search(db, query, embedder, limit=PASSAGES)
    if not passages:
        return 0.0
    lines = [(p, line) for p in passages for line in _lines(p, whole=True)]
    cosines = _line_cosines(query, lines, embedder)
    topic = plain(dates.without_relative(topic_of(query)))
    weights = rarity(db, topic)
    return max(_best_line(p, lines, cosines)
               + coverage(topic, f"{title_of(p.document)} {p.section} {p.text}", weights, unsaid=UNSAID)
               for p in passages)


def _best_line(passage: Passage, lines: list[tuple[Passage, str]], cosines: list[float]) -> float:
    """The passage's best line's similarity to the question."""
    return max([c for c, (p, _) in zip(cosines, lines) if p.chunk_id == passage.chunk_id] or [0.0])


def answer(db: sqlite_utils.Database, question: str, embedder: Embedder, now: datetime,
           threshold: float = RELEVANT, matched: float = MATCHED) -> Answer:
    """The answer to `question` from the stored documents, or the reason there is none."""
    query = documents_query(db, question, embedder)
    days = dates.asked_days(query, now.date()) or dates.days_in(query, now.date()) \
        or dates.day_of_month(query, now.date())
    dated = _dated_lines(db, days, now) if days else []
    searched = f"{query} {' '.join(dates.weekday(d) for d in days[:2])}" if days else query
    passages = search(db, searched, embedder, limit=PASSAGES)
    if not passages and not dated:
        return Answer(nothing_found(), False)
    lines = [(p, line) for p in passages for line in _lines(p)]
    cosines = _line_cosines(query, lines + dated, embedder)
    # relative day words become the days' names, which a weekly timetable's rows have
    topic = f"{dates.without_relative(topic_of(query))} {' '.join(dates.weekday(d) for d in days[:2])}".strip()
    weights = rarity(db, topic)
    fits = {p.chunk_id: _best_line(p, lines, cosines)
            + coverage(beyond_title(topic, p.document), f"{p.section} {p.text}", weights) for p in passages}
    best = max(fits.values(), default=0.0)
    referred = _row_referred(db, query, lines, cosines, weights, topic, fits, threshold)
    if referred:
        return _reply(referred, best, passages, query)
    if dated:
        named_days = [(p, f"{line} {' '.join(dates.weekday(d) for d in days if d in dates.days_in(line, now.date()))}")
                      for p, line in dated]  # "Fri 15 Jan" names a Friday, as "Friday" would
        scores = _scores(query, lines + named_days, cosines, weights, topic)
        dated_scores = [s + DATED for s in scores[len(lines):]]
        only_when = not content_words(dates.without_relative(topic_of(query)))  # "what's on this week"
        if best < threshold or only_when or max(dated_scores) >= max(scores[:len(lines)], default=float("-inf")):
            order = sorted(range(len(dated)), key=lambda i: -dated_scores[i])[:MAX_DATED]
            chosen = [dated[i] for i in order]
            chosen.sort(key=lambda pair: min(set(days) & set(dates.days_in(pair[1], now.date()))))
            if not only_when and _lacks_a_thing(topic, _with_weekdays(chosen, now), weights, embedder, matched, db):
                return Answer(nothing_found(), False, relevance=best, passages=passages)  # "Maya's netball match on saturday"
            return _reply(chosen, 1.0, [p for p, _ in dated], query)
    if best < threshold:
        return Answer(nothing_found(), False, relevance=best, passages=passages)
    kept = [i for i, (p, _) in enumerate(lines) if fits[p.chunk_id] >= threshold]
    shape = answer_shape(query)
    shaped = [i for i in kept if shape and shape.search(lines[i][1])]
    kept = shaped or kept  # a line without the kind of answer asked for ("who": a person) answers only when none has it
    scores = _scores(query, [lines[i] for i in kept], [cosines[i] for i in kept], weights, topic)
    order = sorted(range(len(kept)), key=lambda i: -scores[i])
    chosen = [kept[order[0]]]
    if len(order) > 1 and scores[order[1]] >= scores[order[0]] - CLOSE \
            and lines[kept[order[1]]][0].chunk_id == lines[chosen[0]][0].chunk_id:
        chosen = sorted([*chosen, kept[order[1]]])  # a close second line of the same passage, in its order
    first, rest = _line_of(*lines[chosen[0]]), " ".join(lines[i][1] for i in chosen[1:])
    if is_row(first):  # one of a table's rows: the rows beside it are other things of its kind
        missing = set(unmatched(topic, f"{_context(lines[chosen[0]][0], '')} ", weights, embedder, matched,
                                unseen=unseen_weight(db))) \
            & set(unmatched(topic, f"{first} {rest}", weights, embedder, max(matched, ROW_SAID), unseen=unseen_weight(db)))
    else:
        before = _line_before(lines[chosen[0]][0], first)
        missing = unmatched(topic, f"{_context(lines[chosen[0]][0], first)} {before} {rest}", weights, embedder, matched,
                            unseen=unseen_weight(db))
    if missing:
        return Answer(nothing_found(), False, relevance=best, passages=passages)
    return _reply([lines[i] for i in chosen], best, passages, query)


def _with_weekdays(lines: list[tuple[Passage, str]], now: datetime) -> list[tuple[Passage, str]]:
    """Each dated line with the names of its days ("Fri 11 Dec: …" names a Friday)."""
    return [(p, f"{line} {' '.join(dates.weekday(d) for d in dates.days_in(line, now.date()))}") for p, line in lines]


def _lacks_a_thing(topic: str, chosen: list[tuple[Passage, str]], weights: dict[str, float], embedder: Embedder,
                   matched: float, db: sqlite_utils.Database) -> bool:
    """Whether the question names a thing that no line read for its day says, in its words or others
    ("what's happening at school": "what's" is no one's, and names no happening)."""
    context = " ".join(_context(passage, line) for passage, line in chosen)
    asked = _QUESTION_CONTRACTION.sub(r"\1", topic)
    return bool(unmatched(asked, context, weights, embedder, matched, unseen=unseen_weight(db)))


def is_row(line: str) -> bool:
    """Whether the line is a table row with its cells labelled by their column headers (chunking.py)."""
    cells = line.split(" | ")
    return len(cells) >= 2 and all(": " in cell for cell in cells)


def named(question: str) -> list[str]:
    """The content words of the things the question names with a determiner ("the ballet class",
    "a chicken"), each up to the first word of another kind (a question word, a verb, a word before
    a particle: "the school break up"); words that say when ("the morning") name no thing."""
    words = []
    verbs = {m["verb"].lower() for m in _DOES_VERB.finditer(question)}
    for match in [*_NAMED.finditer(question), *_BARE.finditer(question)]:
        phrase = plain(match[1]).lower().split()
        after = plain(question[match.end(1):]).lower().split()[:1]
        for n, (word, following) in enumerate(zip(phrase, [*phrase[1:], *after, ""])):
            if word in _QUESTION_WORDS or word in _VERBS or word in verbs or "'" in word or following in _PARTICLES \
                    or (n and word.endswith("ed") and len(word) > 4):  # "can't", "the bin collected": verbs
                break
            if len(word) > 1 and not word.isdigit() and word not in _WHEN_WORDS | _ASKING:
                words.append(word)
    return words


def codes(question: str) -> list[str]:
    """The codes the question names ("what does E4 mean", "the under 11s")."""
    return [w for w in plain(question).lower().split() if _CODE.fullmatch(w) and not _NOT_CODE.fullmatch(w)]


def unmatched(question: str, context: str, weights: dict[str, float], embedder: Embedder,
              matched: float = MATCHED, unseen: float | None = None) -> list[str]:
    """The things the question names that no document has and the answer's context does not say in
    other words ("the ballet class" answered by a boxercise row; "the kids" is matched by "pupils"):
    a word in no passage (the rarest weight) whose MiniLM similarity to every word of the context is
    below MATCHED."""
    rarest = max(weights.values(), default=0.0)
    have = set(content_words(context))
    missing = [w for w in dict.fromkeys(named(question))
               if stem(w) not in have and weights.get(stem(w), 0.0) >= rarest > 0.0]
    missing += [w for w in codes(question) if w not in missing and stem(w) not in have
                and weights.get(stem(w), 0.0) >= (unseen if unseen is not None else rarest) > 0.0]
    if not missing:
        return []
    unsaid = [w for w in missing if w in codes(question) or _contrasted(w, question, context, embedder)]
    missing = [w for w in missing if w not in unsaid]
    others = list(dict.fromkeys(content_words(plain(context)).values()))
    if not missing or not others:
        return unsaid + missing
    vectors = embedder.embed([*missing, *others]).astype(np.float32)
    similar = vectors[len(missing):] @ vectors[:len(missing)].T
    return unsaid + [w for w, best in zip(missing, similar.max(axis=0)) if best < matched]


def _contrasted(word: str, question: str, context: str, embedder: Embedder) -> bool:
    """Whether the context names another of the kind the question's `word` picks out: the word it
    qualifies in the question ("bin" of "the purple bin") has another qualifier in the context
    ("Green bin") that the question does not say too, and the two phrases are not the same thing in
    other words (MiniLM similarity below `SAME`: "house insurance" is "home insurance")."""
    asked = plain(question).lower().split()
    tokens = [t.removesuffix("'s").strip("'") for t in re.findall(r"[\w'-]+|[^\w\s]", context.lower())]
    stems = [stem(t) for t in tokens]
    said = {stem(w) for w in asked}
    alternatives = []
    for i in (n for n, w in enumerate(asked) if w == word):
        j = i + 1  # the word it qualifies ("the Kingsway game": "game" is the thing, not a kind of Kingsway)
        if j >= len(asked) or asked[j] in _QUESTION_WORDS or asked[j] in _VERBS:
            continue
        head = asked[j]
        for k in (k for k, t in enumerate(stems) if t == stem(head)):
            other = tokens[k - 1] if k else ""
            if re.fullmatch(r"[\w'-]+", other) and other not in _QUESTION_WORDS \
                    and stem(other) not in {stem(word), stem(head), *said}:  # ("the football subs for the spring": "Spring subs")
                alternatives.append((f"{word} {head}", f"{other} {head}"))
    if not alternatives:
        return False
    vectors = embedder.embed([text for pair in alternatives for text in pair]).astype(np.float32)
    return all(float(vectors[2 * n] @ vectors[2 * n + 1]) < SAME for n in range(len(alternatives)))


def _context(passage: Passage, line: str) -> str:
    """A line with the words that frame it: its document's name and its section's heading."""
    return f"{title_of(passage.document)} {passage.section} {line}"


def _line_before(passage: Passage, line: str) -> str:
    """The passage's line before `line` (a line may go on from it: "The cycle takes 90 minutes")."""
    whole = _lines(passage, whole=True)
    before = next((whole[n - 1] for n, other in enumerate(whole) if n and other == line), "")
    opener = _GOES_ON.match(line)
    if not before or not opener:
        return ""
    thing = opener[1]
    return before if not thing or stem(thing.lower()) in content_words(before) else ""


def _line_of(passage: Passage, sentence: str) -> str:
    """The whole line (the paragraph) a sentence of the passage comes from."""
    return next((line for line in _lines(passage, whole=True) if sentence in line), sentence)


def _lines(passage: Passage, whole: bool = False) -> list[str]:
    """The passage's answer units: its lines, a paragraph's (a line of more than `PARAGRAPH` words:
    a Markdown paragraph's soft-wrapped lines) cut into its sentences unless `whole`; the heading
    left out."""
    lines = [line.strip() for line in passage.text.splitlines() if line.strip()]
    body = [line for line in lines if line != passage.section] or lines
    return body if whole else [part for line in body
                               for part in (sentences(line) if len(line.split()) > PARAGRAPH else [line])]


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|St|No|Prof|Rd|approx|tel|e\.g|i\.e|etc)\.$", re.IGNORECASE)


def sentences(line: str) -> list[str]:
    """A line's sentences ("Serve with mash. It keeps for 3 days." -> two), so that the one that
    answers is read, not its paragraph; a table row, a title's "Mr." or "e.g.", and a question with
    its answer ("No buttermilk? Use milk and lemon."), are not cut."""
    if " | " in line:
        return [line]
    out: list[str] = []
    for piece in _SENTENCE_BREAK.split(line):
        if out and (_ABBREVIATION.search(out[-1]) or out[-1].endswith("?")):  # "No buttermilk?" is answered next
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _dated_lines(db: sqlite_utils.Database, days: list, now: datetime) -> list[tuple[Passage, str]]:
    """Every line of every document that names one of `days`, with its passage."""
    wanted = set(days)
    return [(passage, line) for passage, line in _all_lines(db) if wanted & set(dates.days_in(line, now.date()))]


def _all_lines(db: sqlite_utils.Database, document_id: int | None = None) -> list[tuple[Passage, str]]:
    """Every line of the documents (of one, when given), with its passage."""
    rows = db.execute("SELECT c.id, c.document_id, d.name, c.page, c.section, c.text FROM knowledge_chunks c "
                      "JOIN knowledge_documents d ON d.id = c.document_id WHERE ? IS NULL OR c.document_id = ? "
                      "ORDER BY c.id", [document_id, document_id]).fetchall()
    passages = [Passage(chunk_id, doc_id, name, page, section, text, 0.0, None, None, 0.0)
                for chunk_id, doc_id, name, page, section, text in rows]
    return [(passage, line) for passage in passages for line in _lines(passage)]


def _row_referred(db: sqlite_utils.Database, question: str, lines: list[tuple[Passage, str]], cosines: list[float],
                  weights: dict[str, float], topic: str, fits: dict[int, float],
                  threshold: float) -> list[tuple[Passage, str]]:
    """A line that names a thing of the question that no line with the kind of answer asked for names,
    and the one table row of its document it points at: "Lena: Stage 6 on Tuesdays" names the
    timetable's row whose Stage is 6 and whose Day is Tuesday, which has the time asked for
    (`ROW_KEYS` of its cells said by the line's clause about the question's things). [] otherwise."""
    shape = answer_shape(question)
    kept = [i for i, (p, _) in enumerate(lines) if fits[p.chunk_id] >= threshold]
    if shape is None or not kept:
        return []
    asked = set(content_words(topic))
    answering: dict[int, set[str]] = {}  # by document: the words of its lines with the kind of answer asked for
    for p, line in (lines[i] for i in kept if shape.search(lines[i][1])):
        answering.setdefault(p.document_id, set()).update(content_words(line))
    naming = [i for i in kept if not shape.search(lines[i][1])
              and asked & set(content_words(lines[i][1])) - answering.get(lines[i][0].document_id, set())]
    if not naming:  # every thing the question names is on a line of its document with the answer, or on none
        return []
    scores = _scores(question, [lines[i] for i in naming], [cosines[i] for i in naming], weights, topic)
    rows = {document: [(p, row) for p, row in _all_lines(db, document) if is_row(row) and shape.search(row)]
            for document in {lines[i][0].document_id for i in naming}}  # by document: its rows with the answer
    for n in sorted(range(len(naming)), key=lambda n: -scores[n]):  # the best line that points at one row
        passage, line = lines[naming[n]]
        clause = clause_asked(line, question)
        keyed = [(keys_said(row, clause), row_passage, row) for row_passage, row in rows[passage.document_id]]
        most = max((k for k, _, _ in keyed), default=0)
        best = [(row_passage, row) for k, row_passage, row in keyed if k == most]
        if most >= ROW_KEYS and len(best) == 1:
            return [(passage, clause), best[0]]
    return []


ROW_KEYS = 2  # cells of a row a line must say to point at it


def clause_asked(line: str, question: str) -> str:
    """Of a line's clauses ("Lena …, Stage 6 on Tuesdays; Jonah …, Stage 3 on Thursdays"), the one
    that shares the most of the question's words, when one does; else the line."""
    clauses = [c.strip() for c in re.split(r";\s+", line) if c.strip()]
    wanted = set(content_words(plain(question)))
    shared = [len(wanted & set(content_words(plain(clause)))) for clause in clauses]
    most = max(shared, default=0)
    return clauses[shared.index(most)] if len(clauses) > 1 and most and shared.count(most) == 1 else line


def keys_said(row: str, line: str) -> int:
    """How many of a labelled row's cells the line says: a word's value in any form ("Tuesday" in
    "on Tuesdays"), a number or a short code with its column's name before it ("Stage: 6" as
    "Stage 6")."""
    text, said = line.lower(), {stem(w) for w in re.findall(r"[\w']+", line.lower())}
    count = 0
    for cell in row.split(" | "):
        label, value = (part.strip().lower() for part in cell.split(": ", 1))
        words = re.findall(r"[\w']+", value)
        if not words:
            continue
        if len(value) <= 3 or all(w.isdigit() for w in words):
            count += bool(re.search(rf"\b{re.escape(label)}s?\s+{re.escape(value)}\b", text))
        else:
            count += {stem(w) for w in words} <= said
    return count


def _line_cosines(question: str, lines: list[tuple[Passage, str]], embedder: Embedder) -> list[float]:
    vectors = embedder.embed([question, *(line for _, line in lines)]).astype(np.float32)
    return [float(c) for c in vectors[1:] @ vectors[0]]


def _scores(question: str, lines: list[tuple[Passage, str]], cosines: list[float],
            weights: dict[str, float] | None = None, topic: str | None = None) -> list[float]:
    """How well each line answers: MiniLM similarity plus the question's words it covers (weighted
    by rarity, when given), counting the words of its document's name and section heading as its
    own ("how much flour goes in the banana bread": the flour row of banana_bread.md). `topic`: the
    words to cover, when not the question's own (relative days read as the days' names)."""
    shape, topic = answer_shape(question), topic or topic_of(question)
    return [c + coverage(topic, f"{title_of(p.document)} {p.section} {line}", weights)
            + (TYPED if shape and shape.search(line) else 0.0) for c, (p, line) in zip(cosines, lines)]


def beyond_title(question: str, document: str) -> str:
    """The question without the words that name the document ("what does the boiler manual say
    about the sauna": "sauna"), which its passages must have to fit: the title's words where they
    run together as its name ("bananas go in my banana bread recipe" keeps "bananas"). The whole
    question when nothing else is left."""
    title = [stem(w) for w in re.findall(r"[\w']+", title_of(document).lower())]
    words = re.findall(r"[\w']+", question)
    stems = [stem(w.lower()) for w in words]
    keep = [True] * len(words)
    for i in range(len(words)):
        run = 0
        while i + run < len(words) and stems[i + run] in title:
            run += 1
        if run >= min(2, len(title)):
            keep[i:i + run] = [False] * run
    rest = " ".join(w for w, kept in zip(words, keep) if kept)
    return rest if content_words(rest) else question


def topic_of(question: str) -> str:
    """The question without the words that ask for a kind of answer ('what time', 'how often'):
    those are met by the answer's shape, not by words a line shares ("time" is in no timetable row)."""
    for asks, _ in ANSWER_TYPES:
        if asks.search(question):
            return asks.sub(" ", question, count=1)
    return question


def answer_shape(question: str) -> re.Pattern | None:
    """What a line answering the question has ('how often' -> 'every', 'once a week'), if its
    opening words say (ANSWER_TYPES); None when any line may answer."""
    return next((shape for asks, shape in ANSWER_TYPES if asks.search(question)), None)


def _reply(chosen: list[tuple[Passage, str]], relevance_: float, passages: list[Passage],
           question: str = "") -> Answer:
    """One or a few quoted lines, each document and page named once."""
    by_source: dict[Source, list[str]] = {}
    for passage, line in chosen:
        said = by_source.setdefault(Source(passage.document, passage.page), [])
        said.append(_spoken(passage, asked_cells(line, question), heading=not said))
    parts = [f"{'; '.join(texts)} ({source.document}, page {source.page})" for source, texts in by_source.items()]
    return Answer(". ".join(parts) + ".", True, list(by_source), relevance_, passages[:PASSAGES])


def asked_cells(line: str, question: str) -> str:
    """A labelled table row ('Session: Swim | Monday: 16:00 | Tuesday: 17:15') narrowed to the cells
    the question asks for, when it names both a column ('on Tuesday') and the row (a cell's words:
    'swimming'): the row's first cell, the named columns and the cells it names. The whole row
    otherwise ('is anything due tomorrow' names the Due column but no row)."""
    parts = [cell.strip() for cell in line.split(" | ")]
    labels = [cell.split(": ", 1)[0] if ": " in cell else "" for cell in parts]
    if len(parts) < 3 or not all(labels):
        return line
    wanted = set(content_words(question))
    named = {n for n, label in enumerate(labels) if n and wanted & set(content_words(label))}
    rows = {n for n, cell in enumerate(parts) if wanted & set(content_words(cell.split(": ", 1)[1]))} - named
    if not named or not rows:  # it names no column, or not which row: the whole row
        return line
    return " | ".join(parts[n] for n in sorted({0, *named, *rows}))


def _spoken(passage: Passage, line: str, heading: bool = True) -> str:
    """The line, table cells read as a list, trimmed to a spoken length, after the heading it sits
    under when the line alone does not name it."""
    text = re.sub(r"\s*\|\s*", ", ", line).strip(" -*#").rstrip(" .;:,")
    words = text.split()
    if len(words) > MAX_WORDS:
        text = " ".join(words[:MAX_WORDS]) + "…"
    section = passage.section.strip()
    if heading and section[:1].isalnum() and section.lower() not in text.lower() and len(section.split()) <= 8:
        text = f"{section}: {text}"
    return text
