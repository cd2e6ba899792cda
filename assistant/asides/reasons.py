"""A reason or a circumstance given after a command ("turn the dehumidifier off, the washing's dry now",
"put the fan on because it's roasting"), and whom a door is opened for: the command alone. Not after
words whose object is free text ("remind me to ring mum, it's her birthday" keeps its reason)."""
from __future__ import annotations

import re

from assistant.splitting import COMMAND_VERBS, TEXT_VERBS
from assistant.words import POLITE, is_question

# a clause that states something: a subject and a verb ("the washing's dry", "I'm off to bed",
# "everyone's gone in", "the baby is asleep"), or a reason ("because …", "cos …")
_SUBJECT = r"(?:i|we|they|he|she|it|you|everyone|everybody|nobody|someone|there|that|mine|his|hers|ours|theirs|yours)"
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
# ... or a circumstance to get ahead of, a clause of its own: "before the pipes freeze", "in case it snows"
# (not a time: "before 8", "before the news")
_AHEAD_OF = rf"(?:before|in case) (?=(?:{_SUBJECT}|{_NOUN_SUBJECT}|{_NAMED_SUBJECT})(?:{_VERB}\b| [a-z]+\b))"
STATEMENT = re.compile(rf"^(?:(?:{_SUBJECT}|{_NOUN_SUBJECT}|{_NAMED_SUBJECT}){_VERB}\b|{_HABIT}"
                       rf"|{_NOT_ONES}(?:{_SUBJECT}|{_NOUN_SUBJECT}) {_WITHOUT_IS}\b"
                       rf"|(?:because|cause|'cause|cos|coz|since) |{_PURPOSE}|{_AHEAD_OF})", re.IGNORECASE)
# a clause that says where the speaker is ("I'm in the study") names the place: it stays
WHERE_I_AM = re.compile(r"\b(?:i'm|i am|we're|we are|i'll be|we'll be)(?: \w+)? (?:in|at|upstairs|downstairs)\b",
                        re.IGNORECASE)
# words that open a reply or a correction ("wait no, it's the den"), not a command
_NOT_COMMAND = frozenset("no nope nah sorry wait actually oh ok okay yes yeah yep hmm um well right hang hold on "
                         "oops whoops my bad mistake uh uhh er erm ah".split())
# a command after "and" in the clause ("…, it's bedtime and lock the door"): not a reason alone
_ANOTHER_COMMAND = re.compile(rf"\band (?:then )?(?:{'|'.join(sorted(COMMAND_VERBS))})\b", re.IGNORECASE)
REASON = re.compile(r"(?:\s*[,;-]\s*|\s+(?=(?:because|cause|'cause|cos|coz|since|so|before|in case) ))"
                    r"(?P<clause>[^,;]+?)\W*$",
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
