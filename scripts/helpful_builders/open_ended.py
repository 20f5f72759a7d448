"""Open-ended `helpful` items (how_to, explain, writing, coding) from the hand-written tables.

Each table row is (prompt, good answer, plausibly wrong answer); the good answer is unwrapped to its
intended lines and an `incomplete` version is derived by dropping steps, the code, or later lines.
"""

from __future__ import annotations

import inspect
import random
import re

from helpful_content.open_coding import CODING
from helpful_content.open_explain import EXPLAIN
from helpful_content.open_howto import HOW_TO
from helpful_content.open_writing import WRITING

from .common import Item, user_turns

OPEN_TABLES = {"how_to": HOW_TO, "explain": EXPLAIN, "writing": WRITING, "coding": CODING}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
STEP = re.compile(r"^(\d+)\. ")


def incomplete_open(rng: random.Random, text: str) -> str | None:
    """Drop steps, the code, or later lines / sentences; None when nothing sensible can be dropped."""
    if "```" in text:
        prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
        lines = [line.strip() for line in prose.splitlines() if line.strip()]
        return "\n".join(line[:-1] + "." if line.endswith(":") else line for line in lines) or None
    lines = text.splitlines()
    steps = [k for k, line in enumerate(lines) if STEP.match(line)]
    if len(steps) >= 4:
        dropped = set(rng.sample(steps[1:], max(1, round(len(steps) * 0.4))))
        kept, count = [], 0
        for k, line in enumerate(lines):
            if k in dropped:
                continue
            if k in steps:
                count += 1
                line = STEP.sub(f"{count}. ", line)
            kept.append(line)
        return "\n".join(kept)
    filled = [line for line in lines if line.strip()]
    if len(filled) >= 3:
        return "\n".join(filled[:(len(filled) + 1) // 2])
    sentences = SENTENCE_END.split(text)
    return sentences[0] if len(sentences) >= 3 else None


def unwrap(text: str) -> str:
    """Dedent and re-join prose the tables wrap at ~110 columns; steps, poems and code keep their lines.
    A line of 70+ characters outside a code block continues onto the next one (poem lines are shorter)."""
    lines, fenced = [], False
    for line in inspect.cleandoc(text).splitlines():
        joins = lines and not fenced and len(lines[-1]) >= 70 and line.strip() and not re.match(r"(\d+\.|-) |```", line)
        if joins:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
        fenced ^= line.startswith("```")
    return "\n".join(lines)


def open_items(rng: random.Random) -> list[Item]:
    items = []
    for category, table in OPEN_TABLES.items():
        for prompt, chosen, wrong in table:
            chosen, wrong = unwrap(chosen), unwrap(wrong)
            items.append(Item(category, user_turns(prompt), chosen, "", None, wrong, incomplete_open(rng, chosen), category))
    return items
