"""Short home requests said in Spanish or French, read as English: a command ("allume la lumière
de l'entrée" → "turn on the entrance light", "apaga el abanico del cuarto" → "turn off the bedroom
fan"), a follow-up ("y la luz de la cocina también" → "and the kitchen light too") and a question of
the clock ("quelle heure il est" → "what time is it").

People who mix languages say the next thing, or a whole short request, in their own. Only these
frames are read, and only when every word of the thing is in the glossary of a home's things,
rooms and colours below: the noun first, its adjectives after it and "de …" naming whose or where
it is, as English has them, before it ("la lampe de chevet de la chambre bleue" → "the blue room
bedside lamp"). Anything else stays as said, for the models to read.
"""
from __future__ import annotations

import re

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
    "de devant": "front", "del techo": "ceiling", "de techo": "ceiling", "du plafond": "ceiling",
    "de pie": "floor", "exterior": "outside", "extérieur": "outside", "extérieure": "outside",
    "de afuera": "outside", "de fuera": "outside", "de dehors": "outside", "eléctrica": "electric",
    "eléctrico": "electric", "électrique": "electric", "en haut": "upstairs", "en bas": "downstairs",
    "plinthe": "baseboard heater", "plinthes": "baseboard heaters", "plinthe chauffante": "baseboard heater",
    "thermopompe": "heat pump", "chauffe-serviettes": "towel warmer", "luminaire": "light", "luminaires": "lights",
    "d'en arrière": "back", "en arrière": "back", "d'en avant": "front", "en avant": "front", "volumen": "volume", "volume": "volume", "música": "music",
    "musique": "music",
}
ROOM_WORDS = frozenset({"bedroom"})  # "la chambre bleue" is the Blue Room, "la chambre" alone the bedroom
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
         "baje": "turn down"}
# things that open by being switched on: "open the light" said in French is "turn on the light"
SWITCHED = frozenset("light lights lamp lamps tv radio fan fans heater radiator kettle oven dryer speaker".split())
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
    (r"(?:rappelle-moi|rappelle moi|rappelez-moi|fais-moi penser)\s+(?:de|d')\s*", "remind me to "),
    (r"(?:recuérdame|recuerdame|recuérdeme)\s+(?:que\s+)?", "remind me to "),
    (r"(?:souviens-toi|souviens toi|rappelle-toi|retiens)\s+(?:que|qu')\s*", "remember that "),
    (r"(?:recuerda|acuérdate|acuerdate)\s+(?:que\s+)?", "remember that "),
    (r"(?:mets|mettez|pars|démarre|lance)\s+(?:une|un)\s+(?:minuterie|minuteur|timer)\s+(?:de|pour)", "set a timer for"),
    (r"(?:pon|ponme|pone)\s+(?:un|una)\s+(?:temporizador|timer|alarma de)\s+(?:de|por|para)", "set a timer for"),
    (r"(?:ajoute|rajoute|mets)\b(?=.+\b(?:à|a|sur) la liste\b)", "add"),
    (r"(?:agrega|añade|apunta|pon)\b(?=.+\ba la lista\b)", "add"),
)]
LIST_END = [(r"\b(?:à|a|sur) la liste d'épicerie\b", "to the grocery list"), (r"\b(?:à|a|sur) la liste\b", "to the list"),
            (r"\ba la lista del súper\b", "to the shopping list"), (r"\ba la lista\b", "to the list")]
# whole requests of a few words: never mind, say again, stop
SAID_WHOLE = [(re.compile(rf"^\W*(?:{words})\W*$", re.IGNORECASE), english) for words, english in (
    (r"laisse faire|laisse tomber|oublie ça|oublie ca|oublie-ça|pas grave|olvídalo|olvidalo|déjalo|dejalo"
     r"|no importa|nada", "never mind"),
    (r"répète(?:-le)?(?: s'il te plaît| s'il vous plaît| svp)?|répétez|peux-tu répéter|tu peux répéter|pardon\s*\?*"
     r"|repite(?: por favor)?|¿?me lo repites\??|¿?puedes repetir\??", "say that again"),
    (r"arrête|stop|arrête ça|ça suffit|basta|para|cállate|tais-toi", "stop"),
    (r"annule(?: ça)?|cancela(?: eso)?", "cancel"),
)]


JOINT = re.compile(r"\s*,?\s+(?:pis|puis|et puis|et|y luego|y después|y despues|y)\s+(?=\w)", re.IGNORECASE)


def in_english(text: str) -> str:
    """The request read as English when it is one of this module's frames in Spanish or French, or
    two of them joined ("ferme la lumière pis mets une minuterie de 15 minutes"); else as said."""
    pieces = JOINT.split(text)
    if len(pieces) == 2:
        english = [_one_in_english(piece) for piece in pieces]
        if all(e != p for e, p in zip(english, pieces)):
            return " and ".join(english)
    return _one_in_english(text)


def _one_in_english(text: str) -> str:
    for question, english in [*CLOCK_QUESTIONS, *SAID_WHOLE]:
        if question.match(text):
            return english
    for opening, english in OPENINGS:
        if opening.match(text):
            said = opening.sub(english + (" " if not english.endswith(" ") else ""), text, count=1)
            for ending, words in LIST_END:
                said = re.sub(ending, words, said, flags=re.IGNORECASE)
            return " ".join(said.split())
    return _command(text) or _follow_up(text) or _things_inside(text)


def _command(text: str) -> str | None:
    """ "allume la lumière de l'entrée" → "turn on the entrance light"; None if it is not one."""
    found = COMMAND.match(text.strip())
    if found is None or found["verb"].lower() not in VERBS:
        return None
    rest, level, where = found["rest"], "", ""
    when = TIME_TAIL.search(rest)  # "éteins la radio à une heure", its time read already (foreign_time)
    tail = f" {when[0].strip()}" if when else ""
    rest = rest[:when.start()] if when else rest
    amount = LEVEL.search(rest)
    if amount:
        unit = amount["unit"] or ""
        level = f" to {amount['n']}{'%' if unit and unit[0] in '%p' else ' degrees' if unit else ''}"
        rest = rest[:amount.start()]
    here = re.search(rf"\s+({'|'.join(map(re.escape, PLACE_WORDS))})$", rest.strip(), re.IGNORECASE)
    if here:  # "ferme les lumières icitte"
        where, rest = f" {PLACE_WORDS[here[1].lower()]}", rest.strip()[:here.start()]
    parts = re.split(IN, f" {rest.strip()}", maxsplit=1)
    thing = _noun_phrase(parts[0])
    if thing is None or not re.match(rf"^\s*{ARTICLES}", parts[0].strip() + " "):
        return None
    if len(parts) > 1:
        place = PLACE_WORDS.get(parts[1].strip().lower()) or _noun_phrase(parts[1])
        if place is None:
            return None
        where = f" {place}" if place in ("upstairs", "downstairs", "here") else f" in the {place}"
    verb = VERBS[found["verb"].lower()]
    if verb in ("open", "close") and set(thing.split()) & SWITCHED:
        verb = "turn on" if verb == "open" else "turn off"
    if level and verb in ("turn up", "turn down"):  # "monte la plinthe à 21": set it to 21
        verb = "set"
    return f"{verb} the {thing}{where}{level}{tail}"


def _things_inside(text: str) -> str:
    """An English request with a thing named in Spanish or French ("set la thermopompe to 19"):
    the thing in English; the longest run of home words after an article wins."""
    out, last = [], 0
    for article in re.finditer(rf"(?<![\w'-]){ARTICLES}", text, re.IGNORECASE):
        if article.start() < last:
            continue
        words = list(re.finditer(r"[\w'-]+", text[article.end():]))
        for size in range(min(len(words), 7), 0, -1):
            end = article.end() + words[size - 1].end()
            english = _noun_phrase(text[article.end():end])
            if english is not None:
                out += [text[last:article.start()], f"the {english}"]
                last = end
                break
    return "".join(out) + text[last:]


def _follow_up(text: str) -> str | None:
    """The follow-up "(and) the X too" read as English when X is all home words; else None."""
    frame = FRAME.match(text)
    if frame is None or not (frame["lead"] or frame["too"]):
        return None
    said_so = [(frame["lead"] or "").split()[:1], [(frame["too"] or "").lower()]]
    if not ({"y", "et"} & set(said_so[0]) or said_so[1][0] not in ("", "too") or re.match(ARTICLES, frame["np"])):
        return None  # English words alone ("and four too") are English
    phrase = _noun_phrase(frame["np"])
    if phrase is None:
        return None
    return f"{'and ' if frame['lead'] else ''}the {phrase}{' too' if frame['too'] else ''}"


def _noun_phrase(text: str) -> str | None:
    """An article, a noun with adjectives after it, and "de …" parts, as English words; None if a
    word is not a home word."""
    text = text.strip().lower()
    text = _SEVERAL.sub(lambda several: _joined(several[0]), text)
    parts = re.split(OF, text)
    english = [_head(re.sub(rf"^{ARTICLES}", "", part.strip())) for part in parts]
    if not english or any(e is None for e in english):
        return None
    return " ".join(reversed(english))  # "the light of the kitchen": the kitchen light


def _head(text: str) -> str | None:
    """A noun and the adjectives after it, in English order, or None."""
    found = [_JOINED.get(word) for word in text.split()]
    if not found or None in found:
        return None
    noun, adjectives = found[0], found[1:]
    if noun in ROOM_WORDS and adjectives:
        noun = "room"
    return " ".join([*adjectives, noun])
