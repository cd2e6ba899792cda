"""Short home requests said in Spanish or French, read as English: a command ("allume la lumière
de l'entrée" → "turn on the entrance light", "apaga el abanico del cuarto" → "turn off the bedroom
fan"), a follow-up ("y la luz de la cocina también" → "and the kitchen light too") and a question of
the clock ("quelle heure il est" → "what time is it").

Also how a room feels ("qué calor hace aquí" → "it's hot in here"), a message or a call ("dile a
Rolando que …" → "tell Rolando that …"), lists, reminders whose time is said first, and the short
answers of a conversation ("sí, mija" → "yes", "deshaz eso" → "undo that", "mejor ahorita" → "do it
now", "y prende la del comedor" → "and turn on the one in the dining room").

People who mix languages say the next thing, or a whole short request, in their own. Only these
frames are read, and only when every word of the thing is in the glossary of a home's things,
rooms and colours below: the noun first, its adjectives after it and "de …" naming whose or where
it is, as English has them, before it ("la lampe de chevet de la chambre bleue" → "the blue room
bedside lamp"). Anything else stays as said, for the models to read.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from text_to_num import alpha2digit

# a home's things and rooms, and the words that describe them (Spanish and French; several words first)
GLOSSARY = {
    # things
    "luz": "light", "luces": "lights", "lámpara": "lamp", "lampara": "lamp", "lámparas": "lamps", "foco": "light",
    "focos": "lights", "lumière": "light", "lumières": "lights", "lampe": "lamp", "lampes": "lamps",
    "lampe de chevet": "bedside lamp", "lámpara de noche": "bedside lamp", "veilleuse": "night light",
    "plafonnier": "ceiling light", "ventilador": "fan", "ventiladores": "fans", "abanico": "fan",
    "ventilateur": "fan", "ventilo": "fan", "extractor": "exhaust fan", "extracteur": "exhaust fan",
    "hotte": "range hood", "campana": "range hood", "calefactor": "heater", "calentador": "heater",
    "estufa": "heater", "radiador": "radiator", "radiateur": "radiator", "chauffage": "heating", "calefacción": "heating", "calefaccion": "heating",
    "aire acondicionado": "air conditioner", "aire": "air conditioner", "clima": "air conditioner",
    "climatiseur": "air conditioner", "clim": "air conditioner", "tele": "tv", "tv": "tv",
    "televisión": "tv", "television": "tv", "televisor": "tv", "télé": "tv", "tele-": "tv", "téléviseur": "tv",
    "radio": "radio", "altavoz": "speaker", "bocina": "speaker", "parlante": "speaker", "enceinte": "speaker",
    "haut-parleur": "speaker", "nevera": "fridge", "refrigerador": "fridge", "refri": "fridge",
    "frigorífico": "fridge", "heladera": "fridge", "frigo": "fridge", "réfrigérateur": "fridge",
    "congelador": "freezer", "congélateur": "freezer", "hervidor": "kettle", "tetera": "kettle",
    "pava": "kettle", "bouilloire": "kettle", "cafetera": "coffee machine", "cafetière": "coffee machine",
    "machine à café": "coffee machine", "lavadora": "washing machine", "machine à laver": "washing machine",
    "lave-linge": "washing machine", "secadora": "dryer", "secadora de ropa": "clothes dryer",
    "sèche-linge": "dryer", "lavavajillas": "dishwasher", "lave-vaisselle": "dishwasher", "horno": "oven",
    "four": "oven", "microondas": "microwave", "micro-ondes": "microwave", "tostadora": "toaster",
    "grille-pain": "toaster", "bomba": "pump", "pompe": "pump", "persiana": "blind", "persianas": "blinds",
    "store": "blind", "stores": "blinds", "volet": "shutter", "volets": "shutters", "cortina": "curtain",
    "cortinas": "curtains", "rideau": "curtain", "rideaux": "curtains", "puerta": "door", "porte": "door",
    "cerradura": "lock", "serrure": "lock", "portón": "gate", "porton": "gate", "portail": "gate",
    "enchufe": "plug", "prise": "plug", "calentador de agua": "water heater", "chauffe-eau": "water heater",
    "manta eléctrica": "electric blanket", "couverture chauffante": "electric blanket",
    "termostato": "thermostat", "thermostat": "thermostat", "alarma": "alarm", "alarme": "alarm",
    "deshumidificador": "dehumidifier", "déshumidificateur": "dehumidifier", "humidificador": "humidifier",
    "humidificateur": "humidifier", "aspiradora": "vacuum", "aspirateur": "vacuum", "regadores": "sprinklers",
    "aspersores": "sprinklers", "arroseurs": "sprinklers", "sprinklers": "sprinklers",
    "guirnalda": "string lights", "guirlande": "string lights", "árbol": "tree", "sapin": "tree",
    # rooms
    "cocina": "kitchen", "cuisine": "kitchen", "baño": "bathroom", "bano": "bathroom",
    "cuarto de baño": "bathroom", "salle de bain": "bathroom", "salle de bains": "bathroom",
    "salle d'eau": "bathroom", "toilettes": "toilet", "sala": "living room", "salón": "living room",
    "salon": "living room", "sala de estar": "living room", "comedor": "dining room",
    "salle à manger": "dining room", "dormitorio": "bedroom", "recámara": "bedroom", "recamara": "bedroom",
    "habitación": "bedroom", "habitacion": "bedroom", "cuarto": "bedroom", "chambre": "bedroom",
    "oficina": "office", "estudio": "study", "despacho": "office", "bureau": "office", "jardín": "garden",
    "jardin": "garden", "patio": "patio", "terraza": "terrace", "terrasse": "terrace", "porche": "porch",
    "galerie": "porch", "balcón": "balcony", "balcon": "balcony", "entrada": "entrance", "entrée": "entrance",
    "pasillo": "hallway", "couloir": "hallway", "sótano": "basement", "sotano": "basement",
    "sous-sol": "basement", "ático": "attic", "desván": "attic", "grenier": "attic", "lavadero": "laundry",
    "lavandería": "laundry", "buanderie": "laundry", "garaje": "garage", "garage": "garage",
    "cochera": "garage", "invernadero": "greenhouse", "serre": "greenhouse", "despensa": "pantry",
    "garde-manger": "pantry", "cellier": "pantry", "sótano de vinos": "wine cellar", "cave": "cellar",
    "niños": "kids", "enfants": "kids", "invitados": "guests", "amis": "guests", "bebé": "baby", "bébé": "baby",
    "abuela": "grandma", "abuelo": "grandpa", "grand-mère": "grandma", "grand-père": "grandpa",
    # what they are like
    "azul": "blue", "bleu": "blue", "bleue": "blue", "rojo": "red", "roja": "red", "rouge": "red",
    "verde": "green", "vert": "green", "verte": "green", "amarillo": "yellow", "amarilla": "yellow",
    "jaune": "yellow", "blanco": "white", "blanca": "white", "blanc": "white", "blanche": "white",
    "negro": "black", "negra": "black", "noir": "black", "noire": "black", "rosa": "pink", "rose": "pink",
    "morado": "purple", "violet": "purple", "grande": "big", "grand": "big", "pequeño": "small",
    "pequeña": "small", "petit": "small", "petite": "small", "principal": "main", "de arriba": "upstairs",
    "d'en haut": "upstairs", "de abajo": "downstairs", "d'en bas": "downstairs", "de atrás": "back",
    "trasero": "back", "trasera": "back", "de derrière": "back", "delantero": "front", "delantera": "front",
    "de devant": "front", "de enfrente": "front", "del frente": "front",
    "del techo": "ceiling", "de techo": "ceiling", "du plafond": "ceiling",
    "de pie": "floor", "exterior": "outside", "extérieur": "outside", "extérieure": "outside",
    "de afuera": "outside", "de fuera": "outside", "de dehors": "outside", "eléctrica": "electric",
    "eléctrico": "electric", "électrique": "electric", "en haut": "upstairs", "en bas": "downstairs",
    "plinthe": "baseboard heater", "plinthes": "baseboard heaters", "plinthe chauffante": "baseboard heater",
    "thermopompe": "heat pump", "chauffe-serviettes": "towel warmer", "luminaire": "light", "luminaires": "lights",
    "chimenea": "fireplace", "navidad": "christmas", "portal": "porch", "vitrina": "cabinet", "piscina": "pool",
    "alberca": "pool", "cafecito": "coffee machine", "café": "coffee machine", "temporizador": "timer",
    "recordatorio": "reminder", "cargador": "charger", "carro": "car", "coche": "car", "botas": "boot",
    "secador": "dryer", "ducha": "shower", "regadera": "shower", "toldo": "awning", "lista": "list",
    "lista de compras": "shopping list", "lista del mandado": "shopping list", "lista del súper": "shopping list",
    "d'en arrière": "back", "en arrière": "back", "d'en avant": "front", "en avant": "front", "volumen": "volume", "volume": "volume", "música": "music",
    "musique": "music",
}


class HomeWords:
    """The words of the home's names (devices, rooms, lists), read only when a word is not in the
    glossary: a request in another language may name the home's things as the home does."""

    def __init__(self, names: Callable[[], Iterable[str]]):
        self._names, self._words, self._whole = names, None, None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = frozenset(w for name in self._names() for w in re.findall(r"[\w'-]+", name.lower()))
        return word in self._words

    def named(self, phrase: str) -> bool:
        """Whether the words are one of the home's names, whole ("patio door")."""
        if self._whole is None:
            self._whole = frozenset(" ".join(name.lower().split()) for name in self._names())
        return " ".join(phrase.lower().split()) in self._whole


ROOMS = frozenset({"kitchen", "bathroom", "toilet", "living room", "dining room", "bedroom", "office", "study", "garden",
                   "patio", "terrace", "porch", "balcony", "entrance", "hallway", "basement", "attic", "laundry",
                   "garage", "greenhouse", "pantry", "cellar", "wine cellar"})  # (the glossary's rooms, in English)
ROOM_WORDS = frozenset({"bedroom"})  # "la chambre bleue" is the Blue Room, "la chambre" alone the bedroom
OWNER = re.compile(r"(?:\bde|\bdel|\bdu|\bd')\s*([A-ZÀ-Þ][\w'-]+)")  # whose it is: "de Arjun", "d'Émile"
ARTICLES = r"(?:(?:el|la|los|las|le|les|un|una|une|mi|mis|ma|mon|mes|nuestro|nuestra|notre)\s+|l')"
OF = r"\s+(?:de la|de los|de las|del|du|des|de)\s+|\s+(?:de l'|d')\s*"  # "la luz de la cocina"
FRAME = re.compile(r"^\W*(?P<lead>(?:y|et|and)\s+(?:(?:también|tambien|aussi)\s+)?)?(?P<np>.+?)"
                   r"(?:\s+(?P<too>también|tambien|aussi|too|également))?\W*$", re.IGNORECASE)


def _joined(words: str) -> str:
    return re.sub(r"[ ']", "_", words)


_JOINED = {_joined(key): english for key, english in GLOSSARY.items()}
# a thing of several words ("la lampe de chevet"), one word from here on: its "de" joins no two
_SEVERAL = re.compile("|".join(rf"(?<![\w'-]){re.escape(key)}(?![\w'-])"
                               for key in sorted((k for k in GLOSSARY if " " in k), key=len, reverse=True)))


# what a command opens with: switching, opening, raising ("ouvre la lumière" is Quebec's "turn on the light")
VERBS = {"allume": "turn on", "allumer": "turn on", "allumez": "turn on", "rallume": "turn on",
         "éteins": "turn off", "éteint": "turn off", "éteindre": "turn off", "éteignez": "turn off",
         "ouvre": "open", "ouvrir": "open", "ouvrez": "open", "ferme": "close", "fermer": "close", "fermez": "close",
         "part": "turn on", "pars": "turn on", "démarre": "turn on", "arrête": "turn off", "arrete": "turn off",
         "monte": "turn up", "baisse": "turn down", "tamise": "dim", "verrouille": "lock", "barre": "lock",
         "déverrouille": "unlock", "débarre": "unlock",
         "prende": "turn on", "prendé": "turn on", "prenda": "turn on", "enciende": "turn on", "encienda": "turn on",
         "apaga": "turn off", "apagá": "turn off", "apague": "turn off", "abre": "open", "abra": "open",
         "cierra": "close", "cierre": "close", "sube": "turn up", "suba": "turn up", "baja": "turn down",
         "baje": "turn down",
         # with the pronoun joined on: "bájale la tele", "préndeme la luz", "apágalo"
         **dict.fromkeys("bájale bajale bájele bájame bajame".split(), "turn down"),
         **dict.fromkeys("súbele subele súbame súbeme subeme".split(), "turn up"),
         **dict.fromkeys("apágame apagame apágalo apagalo apágala apagala apágale".split(), "turn off"),
         **dict.fromkeys("préndeme prendeme préndelo prendelo préndela prendela préndele enciéndeme enciendeme "
                         "enciéndelo enciéndela".split(), "turn on"),
         **dict.fromkeys("ábreme abreme ábrelo ábrela".split(), "open"),
         **dict.fromkeys("ciérrame cierrame ciérralo ciérrala".split(), "close"),
         **dict.fromkeys("pon ponle ponme pone ponga póngale".split(), "turn on")}
# "pon la tele" switches it on, "ponle el aire a 74" sets it
SETTING = frozenset("pon ponle ponme pone ponga póngale".split())
# what closes a request without naming anything: please, now, a term of address
_FRENCH_CLOSINGS = r"s'il te plaît|s'il vous plaît|svp|stp|merci(?: beaucoup| bien)?"
CLOSING_WORD = re.compile(rf"por favor|porfa|porfis|ahorita|ahora mismo|ahora|ya|mija|mijo|mi amor|papi|mami"
                          rf"|{_FRENCH_CLOSINGS}", re.IGNORECASE)
FRENCH_CLOSING = re.compile(rf"(?:\s*,?\s+(?:{_FRENCH_CLOSINGS}))+\W*$", re.IGNORECASE)  # (an English request may close with it)
TRAILING = re.compile(rf"(?:\s*,?\s+(?:{CLOSING_WORD.pattern}))+\W*$", re.IGNORECASE)
TRAILING_ENGLISH = {"por favor": " please", "porfa": " please", "porfis": " please", "s'il te plaît": " please",
                    "s'il vous plaît": " please", "svp": " please", "stp": " please", "ahorita": " now",
                    "ahora mismo": " now", "ahora": " now", "ya": " now"}
# a level said in words at the end: "a setenta y cuatro", "al cincuenta por ciento"; "al máximo"
LEVEL_WORDS = re.compile(r"\s+(?:a|al)\s+(?P<words>[a-zà-ÿ]+(?:\s+y\s+[a-zà-ÿ]+)?)"
                         r"(?P<unit>\s*(?:%|por ?ciento|grados))?$", re.IGNORECASE)
ENDS = [(re.compile(r"\s+(?:al|a lo) m[áa]ximo$|\s+a tope$", re.IGNORECASE), " to max"),
        (re.compile(r"\s+(?:al|a lo) m[íi]nimo$|\s+a lo m[áa]s bajo$", re.IGNORECASE), " to the lowest")]
ALL = re.compile(r"^\s*(?:todas|todos|toutes|tous)\s+(?=(?:las|los|les)\s)", re.IGNORECASE)  # "todas las luces"
# things that open by being switched on: "open the light" said in French is "turn on the light"
SWITCHED = frozenset("light lights lamp lamps tv radio fan fans heater radiator kettle oven dryer speaker".split())
# things raised and lowered to open and close them: "monte les stores" opens the blinds
DRAWN = frozenset("blind blinds shutter shutters curtain curtains".split())
PLACE_WORDS = {"en haut": "upstairs", "en bas": "downstairs", "arriba": "upstairs", "abajo": "downstairs",
               "icitte": "here", "ici": "here", "aquí": "here", "aqui": "here", "acá": "here", "aca": "here"}
IN = r"\s+(?:dans|en|au|aux|sur|à|en el|en la|en los|en las)\s+"
LEVEL = re.compile(r"\s+(?:à|a|al)\s+(?P<n>\d{1,3})\s*(?P<unit>%|pour ?cent|por ?ciento|degrés|degres|grados)?$")
TIME_TAIL = re.compile(r"\s+(?:at \d|in \d|in an? |in half|tomorrow|tonight|today|this (?:morning|afternoon|evening)"
                       r"|the day after tomorrow)[\w: ]*$", re.IGNORECASE)
COMMAND = re.compile(r"^\W*(?P<verb>[a-zà-ÿ]+)(?:-(?:moi|la|le|les|lo))?\s+(?P<rest>.+?)\W*$", re.IGNORECASE)
# the clock and the date, asked in French, Spanish or Haitian Creole
CLOCK_QUESTIONS = [
    (re.compile(r"^\W*(?:quelle heure (?:est-il|il est|qu'il est)|il est quelle heure|qu[ée] hora es|qu[ée] horas son"
                r"|ki l[eè] li ye|ki l[eè] l[ie] ye)\W*$", re.IGNORECASE), "what time is it"),
    (re.compile(r"^\W*(?:on est (?:quel jour|le combien)|quel jour (?:on est|sommes-nous)|qu[ée] (?:d[ií]a|fecha) es hoy)"
                r"\W*$", re.IGNORECASE), "what's the date today"),
]


# requests whose words after the opening may stay as said (a reminder's text, a fact to remember)
OPENINGS = [(re.compile(rf"^\W*{opening}\s*", re.IGNORECASE), english) for opening, english in (
    (r"(?:rappelle-moi|rappelle moi|rappelez-moi|fais-moi penser)\s+(?P<when>(?:at|in|on|tomorrow|tonight|today|this)"
     r"\b[^,]*?\s+)?(?:de|d')\s*", r"remind me \g<when>to "),
    (r"(?:recuérdame|recuerdame|recuérdeme)\s+(?:que\s+)?", "remind me to "),
    (r"(?:souviens-toi|souviens toi|rappelle-toi|retiens)\s+(?:que|qu')\s*", "remember that "),
    (r"(?:recuerda|acuérdate|acuerdate)\s+(?:que\s+)?", "remember that "),
    (r"(?:mets|mettez|pars|démarre|lance)\s+(?:une|un)\s+(?:minuterie|minuteur|timer)\s+(?:de|pour)", "set a timer for"),
    (r"(?:pon|ponme|pone)\s+(?:un|una)\s+(?:temporizador|timer|alarma de)\s+(?:de|por|para)", "set a timer for"),
    (r"(?:ajoute|rajoute|mets)\b(?=.+\b(?:à|a|sur) la liste\b)", "add"),
    (r"(?:agrega|añade|apunta|pon)\b(?=.+\ba la lista\b)", "add"),
    (r"(?:quita|saca|borra|elimina)\b(?=.+\bde la lista\b)", "remove"),
    # a message or a call for someone: "dile a Rolando que …", "avísale a Lily que …", "llama a mi hermana"
    (r"(?:dile|dígale|digale|decile|dites)\s+(?:a|à)\s+(\w+)\s+(?:que|qu')", r"tell \1 that"),
    (r"(?:avísale|avisale|avísales|avisales|avísele)\s+a\s+(\w+)\s+(?:de\s+)?que", r"let \1 know that"),
    (r"(?:avísame|avisame|avíseme)\s+(?:cuando|si)", "let me know when"),
    (r"(?:mándale|mandale|envíale|enviale)\s+(?:un\s+)?(?:mensaje|texto)\s+a\s+(\w+)\s+(?:que|diciendo que)?",
     r"send \1 a message saying"),
    (r"(?:llama|llámale|llamale|llámame|llamame|marca|appelle)\s+(?:a|à)?", "call"),
    (r"(?:despiértame|despiertame|despiértenme|levántame|levantame|réveille-moi)", "wake me up"),
)]
# a thing cancelled, read as the home's words ("cancela el temporizador"); after other openings the
# words stay as said (a reminder's, a message's)
CANCEL = re.compile(r"^\W*(?:cancela|cancele|annule)\s+(?=(?:el|la|los|las|mi|mis|le|les|l')\b)", re.IGNORECASE)
# a reminder's time said first ("recuérdame mañana a las 9 llamar…"): "remind me tomorrow at 9 to call…"
TIME_FIRST = re.compile(r"^(?P<lead>\W*remind me) to (?P<when>(?:(?:every \w+|on (?:week)?\w+|at \d{1,2}(?::\d{2})?"
                        r"(?: ?[ap]m)?|in \d+ \w+|in half an hour|tomorrow(?: morning)?|today|tonight|this \w+|the day after"
                        r" tomorrow)\s+)+)(?P<what>\S.*)$", re.IGNORECASE)
# how it feels: "qué calor hace aquí", "bendito, qué oscuro está el cuarto", "tengo frío"
FEELING = re.compile(r"^\W*(?:(?:ay|uy|uf+|bendito|ay bendito|caramba|dios m[íi]o|oh là là)\W+)*"
                     r"(?:qu[ée]|hace|tengo|est[áa]|hay)\s+(?:(?:mucho|muy|tanto|tanta)\s+)?"
                     r"(?P<feel>calor|fr[íi]o|oscuro|oscura|oscuridad)"
                     r"(?:\s+(?:hace|est[áa]|tengo|hay))?(?P<where>(?:\s+[\w'-]+)*?)\W*$", re.IGNORECASE)
FEELINGS = {"calor": "hot", "frío": "cold", "frio": "cold", "oscuro": "dark", "oscura": "dark", "oscuridad": "dark"}
LIST_END = [(r"\b(?:à|a|sur) la liste d'épicerie\b", "to the grocery list"), (r"\b(?:à|a|sur) la liste\b", "to the list"),
            (r"\ba la lista (?:de (?:las )?compras|del mandado)\b", "to the shopping list"),
            (r"\bde la lista (?:de (?:las )?compras|del mandado|del s[úu]per)\b", "from the shopping list"),
            (r"\bde la lista\b", "from the list"),
            (r"\ba la lista del súper\b", "to the shopping list"), (r"\ba la lista\b", "to the list")]
# a level said alone, the answer to a question for it: "à 22 degrés", "a 50 por ciento"
LEVEL_ALONE = re.compile(r"^\W*(?:à|a|al)\s+(?P<n>\d{1,3})\s*(?P<unit>%|pour ?cent|por ?ciento|degrés|degres|grados)?\W*$",
                         re.IGNORECASE)
# the same of another place or person: "pis ceux de Chloé aussi", "y las del comedor también"
THOSE_OF = re.compile(r"^\W*(?:(?:y|et|pis|puis)\s+)?(?P<those>celui|celle|ceux|celles)\s+(?:de la|de l'|du|des|de|d')\s*"
                      r"(?P<place>.+?)(?:\s+(?:aussi|itou|también|tambien|too))?\W*$", re.IGNORECASE)
# a correction of where: "non, dans le vestibule", "no, en la cocina"
ELSEWHERE = re.compile(rf"^\W*(?:non|no)\W+(?:dans|en|au|à)\s+(?P<place>{ARTICLES}.+?)\W*$", re.IGNORECASE)
# whole requests of a few words: never mind, say again, stop
ADDRESS = r"mija|mijo|mi amor|papi|mami|señor|señora|abuela|abuelo|mamá|papá"  # how someone is called
SAID_WHOLE = [(re.compile(rf"^\W*(?:{words})\W*$", re.IGNORECASE), english) for words, english in (
    (r"laisse faire|laisse tomber|oublie ça|oublie ca|oublie-ça|pas grave|olvídalo|olvidalo|déjalo|dejalo"
     r"|no importa|nada", "never mind"),
    (r"répète(?:-le)?(?: s'il te plaît| s'il vous plaît| svp)?|répétez|peux-tu répéter|tu peux répéter|pardon\s*\?*"
     r"|repite(?: por favor)?|¿?me lo repites\??|¿?puedes repetir\??", "say that again"),
    (r"arrête|stop|arrête ça|ça suffit|basta|para|cállate|tais-toi", "stop"),
    (r"annule(?: ça)?|cancela(?: eso)?", "cancel"),
    # answers to a question: "sí, mija", "dale", "claro que sí"; "no, gracias"
    (r"(?:s[íi]|dale|claro(?: que s[íi])?|por supuesto|ándale|andale|[óo]rale|oui|ouais|bien s[ûu]r)"
     rf"(?:,?\s+(?:{ADDRESS}|s[íi]|dale|por favor|hazlo|adelante))*", "yes"),
    (rf"no(?:,?\s+(?:{ADDRESS}|gracias|no))+|non(?:,?\s+merci)?", "no"),
    # taking back what was just done: "deshaz eso", "ay no, deshazlo"
    (r"(?:(?:ay|oh|uy|oups|oops),?\s+)?(?:no,?\s+|non,?\s+)?(?:deshaz(?:lo| eso)?|desházlo|revierte(?: eso)?|annule ça"
     r"|(?:remets|remettez)(?:-le|-la|-les)?\s+comme (?:avant|c'était|il était|elle était))", "undo that"),
    # what was put off, now: "no, mejor ahorita", "hazlo ahora"
    (r"(?:no,?\s+)?(?:mejor\s+)?(?:hazlo\s+)?(?:ahorita|ahora(?: mismo)?|ya mismo)(?:\s+mejor)?", "do it now"),
    (r"(?:pon|ponme|pone|prende)\s+(?:un|una)\s+(?:timer|temporizador|cron[óo]metro)", "set a timer"),
    (r"(?:pon|ponme|pone)\s+(?:un|una)\s+alarma", "set an alarm"),
    (r"recu[ée]rdame algo|(?:pon|ponme|crea|cr[ée]ame|hazme)\s+un\s+recordatorio", "set a reminder"),
)]
# "y también guayaba": one more of what was just asked ("and guayaba too")
ONE_MORE = re.compile(r"^\W*y\s+(?:(?:también|tambien)\s+)?"  # ("y not", "y u …": a "why" typed short)
                      r"(?!(?:not|is|are|was|do|does|did|would|should|can|could|u|you|i|we|they|it|that|this"
                      r"|que|qué|como|cómo|donde|dónde|cuando|cuándo|quien|quién|por|si|no|ya|el|la|los|las)\b)"
                      r"(?![^,.!?]*\b(?:también|tambien|mañana|manana|hoy|luego|después|despues|ahora|tarde|noche)\b)"
                      r"(?P<more>[^,.!?\s]+(?:\s+[^,.!?\s]+){0,2}?)\W*$", re.IGNORECASE)
# "y prende la del comedor": the one of that place ("the one in the dining room")
THE_ONE_OF = re.compile(rf"^\s*(?P<article>el|la|los|las)(?={OF})", re.IGNORECASE)


JOINT = re.compile(r"\s*,?\s+(?:pis|puis|et puis|et|y luego|y después|y despues|y)\s+(?=\w)", re.IGNORECASE)


def in_english(text: str, names: Callable[[], Iterable[str]] = tuple) -> str:
    """The request read as English when it is one of this module's frames in Spanish or French, or
    two of them joined ("ferme la lumière pis mets une minuterie de 15 minutes"); else as said.
    `names`: the home's names, whose words are their own in any language ("la luz del foyer")."""
    known = HomeWords(names)
    pieces = JOINT.split(text)
    if len(pieces) == 2:
        english = [_one_in_english(piece, known) for piece in pieces]
        if all(e != p or _is_english(p) for e, p in zip(english, pieces)) and english != pieces:
            return " and ".join(english)  # ("ferme la télé pis set a timer for 10 minutes": one said in English)
    return _one_in_english(text, known)


def _is_english(piece: str) -> bool:
    """Whether a piece opens as an English request does ("set a timer …")."""
    return bool(re.match(r"^\W*(?:set|turn|switch|start|add|put|remind|play|stop|open|close|lock|dim|what|tell)\b",
                         piece, re.IGNORECASE))


def _one_in_english(text: str, known: HomeWords) -> str:
    for question, english in [*CLOCK_QUESTIONS, *SAID_WHOLE]:
        if question.match(text):
            return english
    elsewhere = ELSEWHERE.match(text)  # "non, dans le vestibule": no, in the vestibule
    if elsewhere and (place := _noun_phrase(elsewhere["place"], known)):
        return f"no, in the {place}"
    level = LEVEL_ALONE.match(text)  # "à 22 degrés", the answer to "what temperature?"
    if level:
        unit = (level["unit"] or "").lower()
        return f"{level['n']}{'%' if unit[:1] in ('%', 'p') else ' degrees' if unit else ''}"
    ones = THOSE_OF.match(text)  # "pis ceux de Chloé aussi": and the ones in Chloé's room too
    if ones and (place := _owner_or_place(ones["place"], known)):
        many = "ones" if ones["those"].lower() in ("ceux", "celles", "los", "las") else "one"
        return f"and the {many} in {place} too"
    if CANCEL.match(text):  # "cancela el temporizador": cancel the timer
        return _things_inside(CANCEL.sub("cancel ", text, count=1), known)
    for opening, english in OPENINGS:
        if opening.match(text):
            said = opening.sub(english + (" " if not english.endswith(" ") else ""), text, count=1)
            for ending, words in LIST_END:
                said = re.sub(ending, words, said, flags=re.IGNORECASE)
            said = TIME_FIRST.sub(r"\g<lead> \g<when>to \g<what>", said)
            if english == "add":  # "añade arroz y frijoles a la lista": two things
                said = re.sub(r"\s+(?:y|et)\s+(?=.*\bto the\b)", " and ", said)
            return " ".join(said.split())
    more = ONE_MORE.match(text)
    polite = FRENCH_CLOSING.search(text)  # "play the radio, s'il vous plaît"
    said, closing = (text[:polite.start()], " please") if polite else (text, "")
    return _command(text, known) or _feeling(text, known) or _follow_up(text, known) \
        or (f"and {more['more']} too" if more else None) or _things_inside(said, known) + closing


def _owner_or_place(words: str, known: HomeWords) -> str | None:
    """ "the kitchen" for "la cuisine", "Chloé's room" for "Chloé" (a name: that person's room); else None."""
    if re.fullmatch(r"[A-ZÀ-Þ][\w'-]+", words.strip()):
        return f"{words.strip()}'s room"
    place = _noun_phrase(words, known)
    return f"the {place}" if place else None


def _feeling(text: str, known: HomeWords) -> str | None:
    """ "qué calor hace aquí" → "it's hot in here", "qué oscuro está el cuarto" → "it's dark in the
    bedroom"; None if it is not one, or its place is no home word."""
    found = FEELING.match(text)
    if found is None:
        return None
    where = re.sub(r"^(?:en|dans)\s+", "", found["where"].strip(), flags=re.IGNORECASE)
    place = PLACE_WORDS.get(where.lower()) if where else ""
    if place is None:
        place = _noun_phrase(where, known) if re.match(ARTICLES, where + " ", re.IGNORECASE) else None
        place = f"in the {place}" if place else None
    elif place == "here":
        place = "in here"
    if place is None:
        return None
    return " ".join(f"it's {FEELINGS[found['feel'].lower()]} {place}".split())


def _command(text: str, known: HomeWords) -> str | None:
    """ "allume la lumière de l'entrée" → "turn on the entrance light"; None if it is not one. A
    command may follow on ("y prende la del comedor": "and turn on the one in the dining room")."""
    joined = re.match(r"^\W*(?:y|et)\s+", text)
    found = COMMAND.match(text[joined.end():].strip() if joined else text.strip())
    if found is None or found["verb"].lower() not in VERBS:
        return None
    lead, verb = "and " if joined else "", VERBS[found["verb"].lower()]
    cut = _without_aside(found["rest"], known)
    if cut is not None:  # "barre la porte, s'il te plaît, on se couche": what follows only tells why
        command = _command(f"{text[:joined.end()] if joined else ''}{found['verb']} {cut[0]}", known)
        return f"{command}{cut[1]}" if command else None
    rest, ending = _without_closing(re.sub(r"^\s*a\s+(?=(?:la|las|los|el|mi|mis)\s)", "",
                                           re.sub(r"^\s*al\s+", "el ", found["rest"])))  # "súbele al ventilador"
    when = TIME_TAIL.search(rest)  # "éteins la radio à une heure", its time read already (foreign_time)
    tail = f" {when[0].strip()}" if when else ""
    rest, level = _without_level(rest[:when.start()] if when else rest)
    where = ""
    here = re.search(rf"\s+({'|'.join(map(re.escape, PLACE_WORDS))})$", rest.strip(), re.IGNORECASE)
    if here:  # "ferme les lumières icitte"
        where, rest = f" {PLACE_WORDS[here[1].lower()]}", rest.strip()[:here.start()]
    one = THE_ONE_OF.match(rest)
    if one:  # "la del comedor": the one of the dining room
        place = _noun_phrase(re.split(OF, rest[one.end():], maxsplit=1)[-1], known)
        ones = "ones" if one["article"].lower() in ("los", "las") else "one"
        return f"{lead}{verb} the {ones} in the {place}{where}{level}{tail}{ending}" if place else None
    every = ALL.match(rest)  # "todas las luces": all the lights
    parts = re.split(IN, f" {rest[every.end():] if every else rest.strip()}", maxsplit=1)
    thing = _noun_phrase(parts[0], known, in_room=True)
    if thing is None or not re.match(rf"^\s*{ARTICLES}", parts[0].strip() + " "):
        return None
    if len(parts) > 1:
        place = PLACE_WORDS.get(parts[1].strip().lower()) or _noun_phrase(parts[1], known)
        if place is None:
            return None
        where = f" {place}" if place in ("upstairs", "downstairs", "here") else f" in the {place}"
    if thing == "volume" and verb in ("turn up", "turn down"):  # "bájale el volumen a diez": of what was playing
        return f"{lead}{verb.replace(' ', ' it ')}{level}{tail}{ending}"
    kinds = {*thing.split(), *(_JOINED.get(w) for w in thing.split())}  # (a home's own French name: "la télé")
    if verb in ("open", "close") and kinds & SWITCHED:
        verb = "turn on" if verb == "open" else "turn off"
    if verb in ("turn up", "turn down") and not level and kinds & DRAWN:
        verb = "open" if verb == "turn up" else "close"  # "baisse les stores": lowered all the way
    if level and (verb in ("turn up", "turn down") or found["verb"].lower() in SETTING):
        verb = "set"  # "monte la plinthe à 21", "ponle el aire a 74": set it to that
    article = "" if thing.split()[0].endswith("'s") else "the "  # (whose it is: "Arjun's speaker")
    return f"{lead}{verb} {'all ' if every else ''}{article}{thing}{where}{level}{tail}{ending}"


def _without_aside(rest: str, known: HomeWords) -> tuple[str, str] | None:
    """The words before a clause after a comma that is not a closing ("…, il fait frette en maudit"),
    and what is kept of the rest in English: the closings before it (" please"), and the clause when
    it is a request of its own (" and turn off the tv"); None when there is no such clause."""
    clauses = re.split(r"\s*,\s*", rest)
    for n, clause in enumerate(clauses[1:], start=1):
        if CLOSING_WORD.fullmatch(clause.strip(" .!?")):
            continue
        request = _command(clause, known)
        closings = "".join(dict.fromkeys(TRAILING_ENGLISH.get(c.strip(" .!?").lower(), "") for c in clauses[1:n]))
        return clauses[0], closings + (f" and {request}" if request else "")
    return None


def _without_closing(rest: str) -> tuple[str, str]:
    """The words without what closes the request ("… por favor", "… ahorita", "… mija"), and it in
    English (" please", " now"; a term of address is left out)."""
    closing = TRAILING.search(rest)
    if closing is None:
        return rest, ""
    english = dict.fromkeys(TRAILING_ENGLISH.get(w.lower(), "") for w in CLOSING_WORD.findall(closing[0]))
    return rest[:closing.start()], "".join(english)


def _without_level(rest: str) -> tuple[str, str]:
    """The words without the level said at their end, and it in English (" to 74", " to 50%", " to max");
    a level in number words ("a setenta y cuatro") is read as digits."""
    for end, english in ENDS:
        if (found := end.search(rest)) is not None:
            return rest[:found.start()], english
    words = LEVEL_WORDS.search(rest)
    digits = alpha2digit(words["words"], "es", threshold=0).strip() if words else ""
    if words and digits.isdigit():
        rest = f"{rest[:words.start()]} a {digits}{words['unit'] or ''}"
    amount = LEVEL.search(rest)
    if amount is None:
        return rest, ""
    unit = amount["unit"] or ""
    return rest[:amount.start()], f" to {amount['n']}{'%' if unit and unit[0] in '%p' else ' degrees' if unit else ''}"


def _things_inside(text: str, known: HomeWords) -> str:
    """An English request with a thing named in Spanish or French ("set la thermopompe to 19"):
    the thing in English; the longest run of home words after an article wins."""
    out, last = [], 0
    for article in re.finditer(rf"(?<![\w'-]){ARTICLES}", text, re.IGNORECASE):
        if article.start() < last:
            continue
        words = list(re.finditer(r"[\w'-]+", text[article.end():]))
        for size in range(min(len(words), 7), 0, -1):
            end = article.end() + words[size - 1].end()
            english = _noun_phrase(text[article.end():end], known)
            if english is not None:
                out += [text[last:article.start()], f"the {english}"]
                last = end
                break
    return "".join(out) + text[last:]


def _follow_up(text: str, known: HomeWords) -> str | None:
    """The follow-up "(and) the X too" read as English when X is all home words; else None."""
    frame = FRAME.match(text)
    if frame is None or not (frame["lead"] or frame["too"]):
        return None
    said_so = [(frame["lead"] or "").split()[:1], [(frame["too"] or "").lower()]]
    if not ({"y", "et"} & set(said_so[0]) or said_so[1][0] not in ("", "too") or re.match(ARTICLES, frame["np"])):
        return None  # English words alone ("and four too") are English
    phrase = _noun_phrase(frame["np"], known)
    if phrase is None:
        return None
    return f"{'and ' if frame['lead'] else ''}the {phrase}{' too' if frame['too'] else ''}"


def _noun_phrase(text: str, known: HomeWords | frozenset = frozenset(), in_room: bool = False) -> str | None:
    """An article, a noun with adjectives after it, and "de …" parts, as English words; None if a
    word is not a home word. "De" and a name is whose it is ("la bocina de Arjun": Arjun's speaker;
    "el cuarto de Lily": Lily's room). `in_room`: things of a room are all of them there ("les
    lumières de la cuisine": the lights in the kitchen)."""
    owners = {name.lower(): name for name in OWNER.findall(text)}
    text = text.strip().lower()
    text = _SEVERAL.sub(lambda several: _joined(several[0]), text)
    parts = [re.sub(rf"^{ARTICLES}", "", part.strip()) for part in re.split(OF, text)]
    english = [_head(part, known) if n == 0 or part not in owners else f"{owners[part]}'s" for n, part in enumerate(parts)]
    if not english or any(e is None for e in english):
        return None
    english = ["room" if word in ROOM_WORDS and english[n + 1:n + 2] and english[n + 1].endswith("'s") else word
               for n, word in enumerate(english)]
    if in_room and len(english) == 2 and english[0].endswith("s") and english[1] in ROOMS:
        return f"{english[0]} in the {english[1]}"  # "les lumières de la cuisine": every light there
    return " ".join(reversed(english))  # "the light of the kitchen": the kitchen light


def _head(text: str, known: HomeWords | frozenset = frozenset()) -> str | None:
    """A noun and the adjectives after it, in English order (a word of the home's names as it is),
    or None."""
    words = text.split()
    if words and (all(w not in _JOINED and w in known for w in words) or isinstance(known, HomeWords) and known.named(text)):
        return text  # the home's own name, in its own order ("del florida room", "la patio door")
    found = [_JOINED.get(word) or (word if word in known else None) for word in words]
    if not found or None in found:
        return None
    noun, adjectives = found[0], found[1:]
    if noun in ROOM_WORDS and adjectives:
        noun = "room"
    return " ".join([*adjectives, noun])
