"""Arithmetic said in words, worked out exactly: no language model guesses at a sum.

"what's 12 plus 30", "how much is seven times eight", "square root of 81", "15 percent of 80",
"two to the power of ten": the words become an expression of numbers and operators, evaluated by a
small safe evaluator (Python's `ast`, numbers and + - * / % ** only, bounded sizes). The chat
expert answers with it; `CUE` pins such a request to chat whatever else its words resemble.
Pure functions, table-tested in tests/test_arithmetic.py.
"""
from __future__ import annotations

import ast
import math
import operator
import re
from dataclasses import dataclass

from assistant.words import CARDINALS, digits

_NUMBER_WORD = rf"(?:\d|\b(?:{'|'.join(CARDINALS)})\b)"
_OPERATOR_WORDS = r"plus|minus|times|multiplied by|divided by|over|to the power of|percent of|% of|mod|modulo"
# a calculation: a number, an operator word, a number ("12 plus 30"); a root or a power of a number.
# Symbols that also write dates, times and sizes ("12/25", "9-5", "2 x 4") are left out of the cue.
CUE = re.compile(rf"{_NUMBER_WORD}[\d.,]*\s*(?:{_OPERATOR_WORDS}|[+*×÷])\s*(?:a |an )?{_NUMBER_WORD}"
                 rf"|\b(?:square|cube) root of\s*{_NUMBER_WORD}|{_NUMBER_WORD}[\d.,]*\s*(?:squared|cubed)\b",
                 re.IGNORECASE)

_LEAD = re.compile(r"^(?:(?:hey|ok|okay|so|please|quick(?:ly)?|um|uh)\s+)*(?:(?:can|could) you (?:please )?"
                   r"(?:tell me |work out |calculate |compute )?|(?:please )?(?:tell me|calculate|compute|"
                   r"work out|figure out|solve)\s+|what(?:'s| is|s| does)\s+|how much is\s+|how much does\s+|"
                   r"do you know (?:what )?)*")
_TAIL = re.compile(r"\s*(?:(?:equal|equals|make|come to|is|for me|please|then|again)\s*)*[?.!]*$")
_SPELLED = [  # words for operators, longest first, to the symbols the evaluator reads
    (r"square root of", " sqrt "), (r"cube root of", " cbrt "), (r"to the power of", " ** "),
    (r"to the (\d+)(?:st|nd|rd|th)? power", r" ** \1"), (r"multiplied by", " * "), (r"divided by", " / "),
    (r"(?:percent|%) of", " % of "), (r"\bsquared\b", " ** 2"), (r"\bcubed\b", " ** 3"),
    (r"\bplus\b", " + "), (r"\bminus\b", " - "), (r"\btimes\b", " * "), (r"\bover\b", " / "),
    (r"\b(?:mod|modulo)\b", " mod "), (r"×", " * "), (r"÷", " / "), (r"(?<=\d)\s*x\s*(?=\d)", " * "),
]
_EXPRESSION = re.compile(r"^(?:[\d.]+|[-+*/()]|\*\*|sqrt|cbrt|% of|mod|\s)+$")
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Mod: operator.mod, ast.Pow: operator.pow}
MAX_EXPONENT, MAX_MAGNITUDE = 64, 1e15


class NotArithmetic(ValueError):
    """The words are not a calculation this evaluator can do."""


@dataclass(frozen=True)
class Calculation:
    """A worked-out calculation: the words it was asked in, and the exact answer (None: undefined)."""
    phrase: str
    value: float | None

    def reply(self) -> str:
        if self.value is None:
            return f"{self.phrase[:1].upper()}{self.phrase[1:]} has no answer: you can't divide by zero."
        return f"{self.phrase[:1].upper()}{self.phrase[1:]} is {number_words(self.value)}."


def number_words(value: float) -> str:
    """42.0 -> "42", 0.333333333 -> "0.333333", 1234567.0 -> "1,234,567"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def phrase_of(text: str) -> str:
    """The calculation's own words: without "what's", "can you work out", "equal?"."""
    spoken = text.lower().replace("\u2019", "'").strip()
    return _TAIL.sub("", _LEAD.sub("", spoken)).strip()


def to_expression(phrase: str) -> str:
    """The phrase as an expression over numbers and + - * / ** ("7 times 8" -> "7 * 8")."""
    text = f" {digits(phrase).replace(',', '')} "
    for pattern, symbol in _SPELLED:
        text = re.sub(pattern, symbol, text)
    text = re.sub(r"\b(?:a|an|the)\b", " ", text)
    text = re.sub(r"(\d)\s+(?=\.\d)", r"\1", text)
    if not _EXPRESSION.match(text) or not re.search(r"\d", text):
        raise NotArithmetic(phrase)
    text = re.sub(r"(sqrt|cbrt)\s*([\d.]+)", r"\1(\2)", text)
    text = re.sub(r"([\d.]+)\s*% of\s*([\d.]+)", r"(\1 / 100 * \2)", text)
    return re.sub(r"\s+", " ", text.replace(" mod ", " % ")).strip()


def evaluate(text: str) -> Calculation | None:
    """The calculation these words ask for, worked out; None when they are not one."""
    phrase = phrase_of(text)
    try:
        expression = to_expression(phrase)
        tree = ast.parse(expression, mode="eval")
        if not any(isinstance(node, (ast.BinOp, ast.Call)) for node in ast.walk(tree)):
            return None  # a number alone is no calculation
        return Calculation(phrase, _value(tree.body))
    except ZeroDivisionError:
        return Calculation(phrase, None)
    except (NotArithmetic, SyntaxError, OverflowError, ValueError):
        return None


def _value(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _value(node.operand)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _value(node.left), _value(node.right)
        if isinstance(node.op, ast.Pow) and abs(right) > MAX_EXPONENT:
            raise NotArithmetic("exponent too large")
        return _bounded(_BINARY[type(node.op)](left, right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1:
        argument = _value(node.args[0])
        if node.func.id == "sqrt" and argument >= 0:
            return math.sqrt(argument)
        if node.func.id == "cbrt":
            return math.copysign(abs(argument) ** (1 / 3), argument)
    raise NotArithmetic(ast.dump(node))


def _bounded(value: float | complex) -> float:
    if isinstance(value, complex) or abs(value) > MAX_MAGNITUDE:
        raise NotArithmetic("out of range")
    return round(float(value), 9)
