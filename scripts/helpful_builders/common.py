"""The Item record and the small helpers every `helpful` builder shares.

Item holds one prompt, its good reply and the rejected replies its kind allows; the helpers format
numbers (plain decimal text, half-up rounding, money), build chat prompts and `check` records.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

LOOKUPS = {"capitals", "elements", "facts"}  # one-fact answers: no `incomplete` version exists


@dataclass
class Item:
    """One prompt with its good reply and whatever rejected replies its kind allows."""

    category: str
    prompt: list[dict]
    chosen: str
    answer: str = ""  # the text the good reply must contain; "" for open-ended items
    check: dict | None = None
    wrong: str = ""
    incomplete: str | None = None
    group: str = ""  # which evasion / refusal pool fits


def number(value: Decimal | int) -> str:
    """Plain decimal text: 26.10 -> '26.1', 12.0 -> '12', no exponent, no separators."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(value: Decimal, symbol: str) -> str:
    return f"{symbol}{int(value)}" if value == value.to_integral_value() else f"{symbol}{value:.2f}"


def user_turns(turns: str | list[str]) -> list[dict]:
    """A prompt string, or alternating user/assistant turns ending with the user."""
    turns = [turns] if isinstance(turns, str) else turns
    return [{"role": "user" if index % 2 == 0 else "assistant", "content": inspect.cleandoc(text)}
            for index, text in enumerate(turns)]


def check(kind: str, operands: list, answer) -> dict:
    return {"kind": kind, "operands": [str(x) for x in operands], "answer": str(answer)}


def place_parts(n: int) -> list[int]:
    """Non-zero place-value parts, largest first: 407 -> [400, 7]."""
    digits = str(n)
    return [int(d) * 10 ** (len(digits) - 1 - i) for i, d in enumerate(digits) if d != "0"]


def spelled(word: str) -> str:
    return "-".join(word)
