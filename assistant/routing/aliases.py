"""Minification: long identifiers become short aliases on the way into a model, and come back
exactly on the way out.

`light.kitchen_ceiling_4f2a9c` costs the model ~10 tokens to read and as many to write, and
per-user ids in a prompt make every user's prompt different. An `AliasTable` is built per request:
each id gets `<prefix><n>` (d1, d2, …) in the order it is first seen, so prompts and outputs stay
short, and `restore` maps every alias in the model's output back to the exact id, however alike
two ids look. Aliases are matched as whole tokens: `d1` never touches `d10`.
"""
from __future__ import annotations

import re
from typing import Any


class AliasTable:
    def __init__(self, prefix: str = "d") -> None:
        if not re.fullmatch(r"[a-z]+", prefix):
            raise ValueError(f"alias prefix must be lowercase letters, not {prefix!r}")
        self.prefix = prefix
        self._ids: dict[str, str] = {}  # alias -> id
        self._aliases: dict[str, str] = {}  # id -> alias

    def __len__(self) -> int:
        return len(self._ids)

    def alias(self, identifier: str) -> str:
        """The alias of `identifier`, assigned on first use."""
        if identifier not in self._aliases:
            alias = f"{self.prefix}{len(self._ids) + 1}"
            self._aliases[identifier], self._ids[alias] = alias, identifier
        return self._aliases[identifier]

    def identifier(self, alias: str) -> str | None:
        return self._ids.get(alias)

    def minify(self, text: str) -> str:
        """`text` with every known id replaced by its alias (longest ids first, whole ids only)."""
        if not self._aliases:
            return text
        ids = sorted(self._aliases, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, ids)) + r")(?![\w.])")
        return pattern.sub(lambda m: self._aliases[m.group(1)], text)

    def restore(self, value: Any) -> Any:
        """`value` (a model's parsed output: dicts, lists, strings) with aliases turned back into ids."""
        if isinstance(value, dict):
            return {key: self.restore(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.restore(item) for item in value]
        if isinstance(value, str) and self._ids:
            found = re.findall(rf"\b{self.prefix}\d+\b", value)
            if len(found) == 1 and found[0] in self._ids and value.startswith(found[0] + " "):
                return self._ids[found[0]]  # "d1 Kitchen Ceiling Light": the entry, copied whole
            return re.sub(rf"\b{self.prefix}\d+\b", lambda m: self._ids.get(m.group(0), m.group(0)), value)
        return value
