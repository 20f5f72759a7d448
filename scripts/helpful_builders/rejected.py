"""Derived rejected replies and the checks that keep them honest.

`truncated` cuts the good answer before it states the answer (or mid-way for open-ended items),
`incomplete` is the item's own shorter version, `evasive` and `needless_refusal` come from the
templated pools per request kind; `off_topic` needs the other items (training.off_topic_text).
A rejected reply must differ from the good one and, for verifiable items, never state the answer.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

from helpful_content import templates

from .common import LOOKUPS, Item
from .open_ended import OPEN_TABLES

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?")


def is_numeric(text: str) -> bool:
    return re.fullmatch(r"-?\d+(?:\.\d+)?", text) is not None


def contains_answer(text: str, item: Item) -> bool:
    """Whether `text` states the item's right answer anywhere: numbers compared as values, words as
    whole words ignoring case (exact case for the upper-case task)."""
    return answer_position(text, item) is not None


def answer_position(text: str, item: Item) -> int | None:
    """Where `text` first states the item's answer, or None."""
    if is_numeric(item.answer):
        return next((m.start() for m in NUMBER.finditer(text) if Decimal(m.group()) == Decimal(item.answer)), None)
    flags = 0 if item.check and item.check["kind"] == "upper" else re.IGNORECASE
    match = re.search(rf"(?<!\w){re.escape(item.answer)}(?!\w)", text, flags)
    return match.start() if match else None


def cut_words(text: str, keep: int) -> str:
    """The first `keep` words of text, with its line breaks."""
    ends = [match.end() for match in re.finditer(r"\S+", text)]
    return text[:ends[keep - 1]].rstrip(" ,;:") if keep else ""


def truncated(rng: random.Random, item: Item) -> str:
    """Cut mid-way; a verifiable reply is cut before it first states the answer."""
    text = item.chosen
    if item.answer:
        prefix = text[:answer_position(text, item)]
        words = len(prefix.split()) - (1 if prefix and not prefix[-1].isspace() else 0)  # drop a part-word like "**"
        keep = words if item.category in LOOKUPS else min(words, max(2, round(words * rng.uniform(0.45, 0.9))))
    else:
        keep = max(4, round(len(text.split()) * rng.uniform(0.35, 0.65)))
    return cut_words(text, min(keep, len(text.split()) - 1))


def rejected_text(rng: random.Random, item: Item, kind: str) -> str:
    """Every kind except off_topic, which needs the other items (see off_topic_text)."""
    if kind == "wrong":
        return item.wrong
    if kind == "incomplete":
        return item.incomplete
    if kind == "truncated":
        return truncated(rng, item)
    if kind == "evasive":
        return rng.choice(templates.EVASIONS["open" if item.category in OPEN_TABLES else item.group])
    return rng.choice(templates.REFUSALS[item.group])


def usable(item: Item, kind: str, text: str | None) -> bool:
    """A rejected reply must differ from the good one and, for verifiable items, not state the answer."""
    if not text or text == item.chosen:
        return False
    if item.answer and kind != "off_topic" and kind in ("wrong", "incomplete", "truncated"):
        return not contains_answer(text, item)
    return not (item.answer and contains_answer(text, item))
