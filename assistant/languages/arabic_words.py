"""Words of spoken Arabic (Levantine, Egyptian and Gulf) as people type them in Roman letters, with
digits for the sounds Latin has no letter for ("Arabizi": 2 hamza, 3 ain, 5 and 7' kh, 7 h, 8 and 9
q): their English for `arabizi.py`. Each entry lists the spellings people use; things named in
several words are in `PHRASES`."""
from __future__ import annotations

import re


def _spellings(table: dict[str, str]) -> dict[str, str]:
    """{"dawwi dawwe dawi": "turn on"} → one entry per spelling."""
    return {spelling: english for spellings, english in table.items() for spelling in spellings.split()}


# what to do, as an imperative (to a man or a woman, with "for me" or "it" on the end)
VERBS = _spellings({
    "dawwi dawwe dawi dawe dawwili dawwile dawwilna dawweh dawwih wallee walle3 wallei wa22ed wa2ed "
    "walla3 wallaa wala3 shaghghel shaghel shaghil shagghil sha88el sha3'el shaghghil shaghghili shaghlo "
    "shaghghelo shaghghilo shaghlih shaghghelli shaghghelle ballesh balesh ballish ballshe": "turn on",
    "tfi tfe taffi taffe tafi tafe tfili tfile taffili taffile tfih tfiha taffih ta2i itfi etfi ettfi tafeh "
    "tafih": "turn off",
    "ftah fta7 efta7 ifta7 eftah iftah fte7 fta7li fta7le efta7li eftahli ifta7li fta7o fta7a": "open",
    "sakker sakkir sakkar sakkerli sakkirli sakkero sakkera sakkro 2fel i2fel e2fel a2fel eqfel ighlaq "
    "2filo sakkeriyon": "close",
    "3alli 3ali 3alle 3allih 3allia 3alliyon 3elli arfa3 erfa3 irfa3 3alilna": "turn up",
    "watti wati wate watte wattih wattiya nazzel nazzil nazel naz2el nazzelo khaffef khaffif khaffed "
    "khaffid 2allel 2allil 2alel kaffi": "turn down",
    "7ott 7ot 7otli 7otle 7ottli 7eti 7etle 7etli 7ottili 7ottelna 7ottilna 7oti 7ote 7etla 7ottlo 7ottla "
    "abi abgha 3ayez 3ayza 3awez 3awza "
    "3malle 3malli 3mille 3milli e3malli e3mel e3mil a3mel zabbet zabbit zabbetli 3addel 3addil": "set",
    "zakkirni zakkerni zakkarni zakkirne zakkerne fakkirni fakkerni fakkarni dhakkirni thakkirni "
    "zakkirna zakkerna fakkerna fakkirna": "remind me",
    "wa22e3ni wa22e3ne wa22i3ni sa77ini sa77eeni sa7eeni sahhini fayye2ni fayya2ni fay2ni ba22i2ni": "wake me up",
    "zid zeed zidi zide deef dif dayyef daif zidli zidle deefli zeedli": "add",
    "shil shilo shili sheel emsa7 imsa7 eshil": "take off",
    "ehkile ehkili e7kili e7kile 2olli 2olle 2ulli 2oulli olli olle 2ouli": "tell me",
    "2ollo 2olla 2ullo 2ulla 2olelo 2oulilo ollo olla 2oul 2ol 2ul khabber khabbir khabbiro balleg ballegh": "tell",
    "tzakkar tzakkir tithakkar tizakkar ezkor 2ayyed 2ayyid sajjel sajjil": "remember",
    "lghi elghi alghi 2lghi ilghi lghih elghih": "cancel",
    "rajje3 rajji3 rajje3o rajji3o rje3 raje3": "undo",
    "wa22ef wa22if wa2if wa2ef wa22efo": "stop",
    "sakket sakkit sakkito": "mute",
})
# what the verb is said of: the one thing it is done to ("open" a light turns it on; "close" it turns it off)
OPENED = re.compile(r"\b(?:door|doors|gate|garage|curtains?|blinds?|shutters?|windows?|shades?|tap)\b")
SWITCHED = {"open": "turn on", "close": "turn off"}

# the home's things, rooms and people
THINGS = _spellings({
    "daw dau do2 daww daw2 nour nur nor lait dow dawe": "light", "2ifl 2efl 2ofl": "lock", "lamba lampa lambe": "lamp",
    "adwiye adwaye adwaya adweye": "lights",
    "mkayyef mkayef mkayyif mukayyif mukayyaf mkayyefe kondishon kondeshen kondishen condition takyeef "
    "takyif ekondishon": "AC",
    "marwa7a marwaha mirwa7a mirwaha marwa7": "fan",
    "shaffat shafat shaffet shaffeta": "exhaust fan",
    "sakhkhan sakhan sakhkhane sokhan chauffe-eau chauffeau boiler": "water heater",
    "baradi birdaye berdaye berdaya baraday setara satayer sataer stara": "curtains",
    "shebbek shubbak shebbak shababik": "window", "bab beb": "door", "bawwabe bawaba bawabe bawwaba": "gate",
    "garaj karaj garage": "garage", "televizyon telefizyon tilfizyon tilifizyon teli telfezyon": "TV",
    "ghassale ghassala ghasale ghassaleh": "washing machine", "nashshafe nashafe nashafa": "dryer",
    "jalaye jalaya jallaye": "dishwasher", "tallaje tallaja talaja thallaja": "fridge", "forn frn": "oven",
    "ghalaye ghalaya": "kettle", "sot sawt soot sout": "volume", "mousi2a musi2a mosi2a": "music",
    "mabkhara mab5ara": "incense burner", "thurayya turayya thurayyah nagafa ngafa": "chandelier", "mayy may moy": "water", "ra2m rakam ra2am": "number",
    "3enwan 3inwan": "address", "mfte7 mofta7": "key",
    "lista lesta liste": "list", "a5bar akhbar": "news", "nekte nokta nukta nikte": "a joke",
    "ta2s ta2es tas": "weather", "7arara harara": "temperature", "daraje darajet daraja": "degree",
    "darajtein darajten": "2 degrees", "sa3a se3a saa3a": "hour", "ta2it": "timer",
    "mnabbeh menabbeh munabbih mnabbih": "alarm", "ghada ghade": "lunch", "3asha 3asha2 3ashe": "dinner",
    "ftour ftur fotour": "breakfast", "dawa dawe dwa": "medicine",
})
# things named in several words (read before the words one by one)
PHRASES = {phrase: english for phrases, english in {
    "daw el nom|daw el noum|do2 el nom|nour el nom": "the night light",
    "3id milad|3eed milad|3id miled|3id el milad|3eed el milad": "birthday",
    "daraje el 7arara|darajet el 7arara|darajat el 7arara|daraje el harara|darajet el harara|el 7arara|el harara":
        "the temperature",
    "ghorfet el nom|oudet el nom|2odet el nom|odet el nom|ghorfet nom|2odt el nom": "the bedroom",
    "ghorfet el ghasil|2odet el ghasil": "the laundry room", "ghorfet el sofra|2odet el sofra|ghorfet el akel": "the dining room",
    "ghorfet el 2a3de|2odet el 2a3de|oudet el 2a3de": "the living room",
    "ghorfet el khadame|2odet el khadame|ghorfet el shaghghale|2odet el shaghghale": "the maid's room",
    "el sett|es-sett": "the lady", "shway shway|shwayy shwayy": "slowly",
    "fukk 2ifl|fekk 2ifl|fukk el 2ifl|fekk el 2ifl|fokk 2ifl|efta7 2ifl": "unlock",
    "khalli risale|khalli risala|khallili risale|sib risale|ib3at risale|eb3at risale|ib3atlo risale|ib3atla risale": "tell",
}.items() for phrase in phrases.split("|")}
# nouns that are someone's, said before the name ("ra2m Dr Samir": Dr Samir's number)
OWNED = frozenset("number birthday address key medicine".split())
PLACES = _spellings({
    "ghorfe ghurfe ghorfeh 2ode oda ouda 2oda odda": "room", "ghorfet 2odet odet oudet ghurfat": "room of",
    "salon saloon salone sala": "living room", "matbakh matba5 mat-bakh matba7": "kitchen",
    "7ammam hammam 7amam 7ammem": "bathroom", "sat7 sate7 sat-h sateh stou7": "roof",
    "jneine jnene jnayne 7adi2a hadee2a 7adee2a genena gnena": "garden", "balkon balcon balakon shorfe": "balcony",
    "madkhal mad5al": "entrance", "daraj": "stairs", "ghasil": "laundry", "nom noum": "sleep",
    "barra bara": "outside", "jowwa juwwa jowa": "inside", "hon hown hena hina": "here", "fo2 foo2": "upstairs",
    "ta7t ta7et": "downstairs",
})
PEOPLE = _spellings({"wlad wled awlad 3yel 3iyal": "kids", "wlade wladi": "my kids",
                     "dyouf dyuf duyoof": "guests", "abouy baba bayye": "dad", "emme mama": "mum"})
ADJECTIVES = _spellings({"kbir kebir kabir": "big", "zghir sghir zgheer saghir": "small", "barrani": "front",
                         "ra2eesi ra2isi ra2isiye ra2eesiyye": "main",
                         "jowwani juwwani": "inner", "a7mar ahmar 7amra": "red", "azra2 zar2a": "blue",
                         "akhdar a5dar khadra": "green", "asfar safra": "yellow", "abyad bayda": "white"})

# the time: when, how long, and the numbers people say
NUMBERS = _spellings({
    "wa7ad wahad wa7de wa7ed": "1", "tnen itnen tnein etnein ithnain tneen": "2", "tlete tlateh talata thalatha tlata": "3",
    "arba3a arb3a arba3": "4", "khamse khamsa 5amse 5amsa": "5", "sitte sitta": "6", "sab3a sab3": "7",
    "tmene tamanya thamanya tmen tmenye": "8", "tis3a tes3a tisa3": "9", "3ashra 3ashara 3ashr 3asher": "10",
    "7da3sh 7ida3sh hidashar": "11", "tna3sh itna3sh itnashar tnash": "12", "3eshrin 3ishreen 3ishrin 3eshreen": "20",
    "tlatin talatin tlateen": "30", "arb3in arba3in arb3een": "40", "khamsin 5amsin khamseen": "50",
    "sittin sitteen": "60",
})
UNITS = _spellings({"d2i2a da2i2a d2ii2a di2i2a": "minute", "d2ay2 da2aye2 d2aye2 da2aye2 di2aye2 d2aya2": "minutes",
                    "sa3a se3a saa3a": "hour", "se3at sa3at": "hours", "sen3tein sa3tein sa3ten se3ten": "2 hours",
                    "tawani thawani swani": "seconds", "daraje daraja": "degrees"})
FRACTIONS = {"nos": "half", "nus": "half", "noss": "half", "rob3": "quarter", "rub3": "quarter", "tilt": "third"}
TIMES = [(re.compile(p, re.IGNORECASE), english) for p, english in (
    (r"\b(?:bukra|bokra|bukrah)\b", "tomorrow"), (r"\bba3d\s+bukra\b", "the day after tomorrow"),
    (r"\b(?:el\s+yom|el\s+yawm|ennaharda|elyom|lyom)\b", "today"), (r"\b(?:hala2|halla2|hala|delwa2ti|dilwa2ti|al\s*7een|alheen)\b", "now"),
    (r"\b(?:(?:el|bel|bil|3al)\s+)?(?:sobe7|sob7|subh|sub7|soboh|sabah)\b", "in the morning"),
    (r"\b(?:(?:el|bel|bil|3al)\s+)?(?:masa|masa2|masa2an|3ashiyye|3ashiye)\b", "in the evening"),
    (r"\b(?:bel|bil|3al|el)\s+(?:lel|leil|layl)\b|\b(?:leil|layl|billeil)\b", "at night"), (r"\b(?:(?:el|3al|bel)\s+)?(?:duhr|dohr|zuhr)\b", "at noon"),
    (r"\bba3d\s+el\s+(?:duhr|dohr|zuhr)\b", "in the afternoon"), (r"\b(?:la|lal|lel|3al|el|bel)\s+fajr\b", "in the morning"),
    (r"\b(?:kell|kil|kol|kul)\s+(?:yom|yawm|youm|nhar)\b", "every day"), (r"\b(?:kell|kil|kol|kul)\s+lele\b", "every night"),
    (r"\b(?:kell|kil|kol|kul)\s+(?:jom3a|jum3a|esbou3|usbu3)\b", "every week"),
    (r"\b(?:yom\s+)?el\s+(?:itnein|tanein)\b", "on monday"), (r"\bel\s+(?:tlata|talat|thulatha)\b", "on tuesday"),
    (r"\bel\s+(?:arb3a|arba3|arba3a)\b", "on wednesday"), (r"\bel\s+(?:khamis|5amis)\b", "on thursday"),
    (r"\bel\s+(?:jom3a|jum3a|gom3a)\b", "on friday"), (r"\bel\s+sabt\b", "on saturday"), (r"\bel\s+(?:a7ad|ahad|7add)\b", "on sunday"),
)]

# said to someone or to soften, or a word of feeling: no part of the request
FILLERS = re.compile(
    r"\b(?:ya\s+)?(?:habibi|habibti|7abibi|7abibti|7abibe|habibe|2albe|2albi|albi|albe|3omri|3omre|rou7i|rou7e|7ayati|"
    r"3ayni|3eyni|ma2mi|hayati|3youni|3ayouni)\b|\bya\s+(?:mama|baba|teta|jiddo|ibni|binti|sitti|sitto|ammo|3ammo|"
    r"khalto|tante|madame|3adra|allah|rabbi|sater)\b|\b(?:yalla|yallah|yala|law\s+sama7t|law\s+samaht|law\s+sama7ti|"
    r"men\s+fadlak|min\s+fadlak|men\s+fadlik|min\s+fadlik|3afwan|ba2a|wallah|wallahi|inshallah|inshalla|mashallah|"
    r"ya3ne|ya3ni|bas|please|plz|pls|merci|shukran|shokran|3ala\s+rasi|7ilwe|7elwe|7ilwa|helwa)\b",
    re.IGNORECASE)
# a whole answer in the household's words
ANSWERS = [(re.compile(rf"^\W*(?:{words})\W*$", re.IGNORECASE), english) for words, english in (
    (r"(?:eh|ee|aywa|aiwa|aih|akid|akeed|ak[iy]d|tab3an|tayyeb|tayeb|tamam|mashi|na3am|sa7|bi\s+tab3|yes|oo|opo|sige|"
     r"yalla|yallah|yala)"
     r"(?:\s+(?:eh|akid|tab3an|yalla|ya\s+\w+|fta7|efta7|ftah|3melo|e3melo|bas|please|po))*", "yes"),
    (r"(?:la2|la|la\s+la|la2\s+la2|mish\s+hala2|mish\s+halla2|mish\s+delwa2ti|balash|bala|la2\s+balash|hindi|hindi\s+po|"
     r"huwag|huwag\s+po|(?:la2?\s+)?(?:khalli|khalliya|khalliha|khallih|khallio|khallina)(?:\s+(?:hek|metl\s+ma\s+\w+))?)"
     r"(?:\s+(?:ya\s+\w+|shukran|merci))*", "no"),
    (r"(?:la2?\s+)?(?:ma\s+t3mel\w*|ma\s+ta3mel\w*|ma\s+te3mel\w*|balash|ma\s+baddi\s+yah)"
     r"(?:\s+(?:khalli\w*|sibo|sibha|\w+)){0,3}", "cancel that"),
    (r"(?:khalas|5alas|ma\s+badde\s+shi|ma\s+baddi\s+shi|ma\s+fi\s+shi|ma\s+3ayez\s+7aga|sibak|sibik|ensa|insa|"
     r"enseh|khalas\s+ma\s+badde\s+shi|khalas\s+ma\s+fi\s+shi|mafi\s+shi|la2\s+khalas|khalas\s+sibak)"
     r"(?:\s+(?:ma\s+badde\s+shi|ma\s+fi\s+shi|sibak|ya\s+\w+))*", "never mind"),
    (r"(?:lghi|elghi|alghi|2lghi|ilghi)(?:\s+(?:hayda|haydi|hay|yah|ha|el\s+\w+))?", "cancel that"),
    (r"(?:rajje3|rajji3|rje3|raje3)\w*(?:\s+(?:shu|metl|zay|ma|el|kif|\w+)){0,4}", "undo that"),
    (r"(?:el\s+)?(?:tnen|tnein|etnein|etnen|tneen|ithnain)|tnenetun|tnaynathum|kellon|kellun|kollohom|kolohom|el\s+kell",
     "both of them"),
    (r"(?:shukran|shokran|merci|salamat|thank\s+you)(?:\s+(?:ktir|kteer|ya\s+\w+|po))*", "thank you"),
)]
QUESTIONS = [(re.compile(rf"^\W*(?:{words})\W*$", re.IGNORECASE), english) for words, english in (
    (r"(?:2addesh|addesh|addaysh|2adeh|kam|gaddesh)\s+(?:el\s+|es-?)?(?:se3a|sa3a|saa3a)|(?:el|es)\s*(?:se3a|sa3a)\s+(?:kam|2addesh|addesh)",
     "what time is it"),
    (r"(?:shou|shu|eh|esh|aish|shinu)\s+(?:el\s+)?(?:tarikh|tari5|tareekh)(?:\s+(?:el\s+yom|ennaharda|lyom))?", "what's the date today"),
    (r"(?:shou|shu|eh|esh|aish)\s+(?:el\s+)?(?:yom|youm)(?:\s+(?:el\s+yom|ennaharda))?", "what day is it"),
    (r"(?:shou|shu|eh|esh)\s+(?:el\s+)?(?:akhbar|a5bar)(?:\s+(?:el\s+yom|ennaharda|lyom))?", "what's the news today"),
    (r"(?:shou|shu|eh|esh)\s+(?:el\s+)?(?:ta2s|jaw)(?:\s+(?:el\s+yom|bukra|ennaharda))?", "what's the weather"),
)]
# a clause that tells why, not what: a feeling, a wish, a reason ("bade nem": I want to sleep)
REASONS = re.compile(r"^\W*(?:(?:la2ann?o|la2enno|3ashan|la\s+2en|kermel|2aslan)\b|(?:ana\s+)?(?:bade|baddi|badde|biddi|"
                     r"3ayez|3ayza|abi|abgha|ana)\b|(?:el\s+)?(?:dyouf|dyuf|duyoof)\b|ma\s+7ada\b|\w+\s+(?:bade|badde|baddi|biddi|baddo|"
                     r"badda|biddo|bidda|3ayez|3ayza)\b|ejo\b|ja\b|wesel|weslo|jeyin|jeyye|jeye)", re.IGNORECASE)
