"""Questions about the home's energy asked by what flows rather than by a sensor's name ("are we
selling much back to the grid", "how much are the panels pumping out", "how much power is the house
using"): the one sensor of the home that measures that flow, asked by its own name
("what's the Grid Export reading?"), so the query reads it like any named sensor.

A flow is found by the question's words (`FLOWS`: what is said of it) and the sensor by its name's
(what a home calls it: "Solar Power", "PV Production", "Grid Export", "Feed-in", "House Load");
a home with no such sensor, or with two the words cannot tell apart, is left to the model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from assistant.experts.smart_home.backend import HomeBackendError, read_home
from assistant.experts.smart_home.store import Device
from assistant.words import is_question


@dataclass(frozen=True)
class Flow:
    """A flow of energy: how a question says it, and the words a sensor measuring it is named with."""

    asked: re.Pattern[str]
    named: re.Pattern[str]


_GRID = r"(?:the |our )?(?:grid|mains|network)"
_AMOUNT_WORDS = r"power|electricity|energy|juice|kw|kilowatts?|watts?|kwh"
_AMOUNT = rf"(?:{_AMOUNT_WORDS})"
FLOWS = {
    "export": Flow(
        re.compile(rf"\b(?:send|sell|sold|feed|fed|export|push|put|giv|pump|chuck)\w*\b(?:\s+[\w']+){{0,4}}?\s+"
                   rf"(?:back\s+)?(?:in)?to\s+{_GRID}\b|\bfeed(?:ing)?[- ]in\b", re.IGNORECASE),
        re.compile(r"\b(?:export|exported|exporting|feed[- ]?in|sold|to grid|grid out)\b", re.IGNORECASE)),
    "import": Flow(
        re.compile(rf"\b(?:tak|pull|draw|drew|buy|bought|import|us|get|got|suck)\w*\b(?:\s+[\w']+){{0,4}}?\s+"
                   rf"(?:from|off)\s+{_GRID}\b", re.IGNORECASE),
        re.compile(r"\b(?:import|imported|importing|from grid|grid in|bought)\b", re.IGNORECASE)),
    "solar": Flow(
        re.compile(r"\b(?:solar|panels?|pv|sun|roof)\b(?:\s+[\w']+){0,4}?\s+(?:mak|produc|generat|pump|putt|kick|churn|"
                   r"crank|giv|yield)\w*\b"
                   rf"|\b(?:mak|produc|generat)\w*\b(?:\s+[\w']+){{0,3}}?\s+(?:from\s+)?(?:the\s+)?(?:solar|panels?|sun|pv)\b"
                   rf"|\bhow much {_AMOUNT} (?:is|are|has|have)?\s*(?:the |our )?(?:solar|panels?|pv|sun)\b", re.IGNORECASE),
        re.compile(r"\b(?:solar|pv|panels?|inverter|production|generation|yield)\b", re.IGNORECASE)),
    "use": Flow(
        re.compile(rf"\bhow much {_AMOUNT}\b(?:\s+[\w']+){{0,3}}?\s+(?:are we|is the (?:house|home|place)|we're|is everything)\s+"
                   r"(?:using|drawing|consuming|pulling|burning|chewing)\b"
                   r"|\bhow much (?:are we|is the (?:house|home)) (?:using|drawing|consuming|pulling|burning)\b", re.IGNORECASE),
        re.compile(r"\b(?:consumption|usage|load|used|demand|house power|home power)\b", re.IGNORECASE)),
}
# a question of the sun's energy names the panels or an amount ("is the sun making much power")
_SOLAR_AMOUNT = re.compile(rf"\b(?:solar|panels?|pv|inverter|{_AMOUNT_WORDS})\b", re.IGNORECASE)
_ENERGY_UNITS = frozenset({"w", "kw", "mw", "wh", "kwh", "mwh"})
# "today", "so far": an amount over the day (kWh), else a rate now (kW)
_OVER_TIME = re.compile(r"\b(?:today|so far|this (?:morning|afternoon|week|month)|yesterday|all day)\b", re.IGNORECASE)


def flow_asked(text: str) -> str | None:
    """The flow of energy a question asks about ("are we selling much back to the grid": export), or None."""
    if not (is_question(text) or re.match(r"^\W*how much\b", text, re.IGNORECASE)):
        return None
    found = [name for name, flow in FLOWS.items() if flow.asked.search(text)]
    if "import" in found and "use" in found:  # "how much are we pulling from the grid"
        found.remove("use")
    if found == ["solar"] and not _SOLAR_AMOUNT.search(text):
        return None  # ("is the sun making the room hot": no energy asked)
    return found[0] if len(found) == 1 else None


def sensor_of_flow(devices: list[Device], flow: str, over_time: bool) -> Device | None:
    """The one energy sensor named for the flow (a rate or, `over_time`, an amount when both are
    there); None when none is, or several are alike."""
    named = [d for d in devices if d.domain == "sensor" and _measures_energy(d) and FLOWS[flow].named.search(d.name)]
    if len(named) > 1:
        amounts = [d for d in named if str(d.attributes.get("unit_of_measurement", "")).lower().endswith("wh")]
        rates = [d for d in named if d not in amounts]
        named = (amounts if over_time else rates) or named
    return named[0] if len(named) == 1 else None


def _measures_energy(device: Device) -> bool:
    kind = str(device.attributes.get("device_class", "")).lower()
    unit = str(device.attributes.get("unit_of_measurement", "")).lower()
    return kind in {"power", "energy"} or unit in _ENERGY_UNITS


def reword(db: sqlite_utils.Database, text: str) -> str | None:
    """A question about a flow of the home's energy, asked of its sensor by name ("how much power are
    we sending to the grid right now?" → "what's the Grid Export reading?"), or None."""
    flow = flow_asked(text)
    if flow is None:
        return None
    try:
        devices = read_home(db).devices
    except HomeBackendError:
        return None
    sensor = sensor_of_flow(devices, flow, bool(_OVER_TIME.search(text)))
    return None if sensor is None else f"what's the {sensor.name} reading?"
