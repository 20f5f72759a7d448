"""Verifiable rewards for GRPO: a Python check per prompt instead of a learned judge.

A prompt row carries its check one of two ways, and `alignment.data.prompts` reads both into
`PromptExample.check`:

    {"prompt": ..., "check": {"kind": "add", "operands": ["3316", "4117"], "answer": "7433"}}   shipped pairs
    {"prompt": ..., "reference": "xenon", "match": "contains"}                                  eval-style rows

A verifiable reward is `fn(prompt_messages, reply_text, check) -> float`, named in a config as
`module:function` or `path/to/file.py:function` with a weight (`grpo.verifiable_rewards`;
the built-in one is `alignment.rewards:answer_matches`). It is
called only for prompts that have a check; the others get 0 from it.

`answer_matches` is the built-in one: 1.0 when the reply states the check's answer, else 0.0, read
the way the eval's reference matching reads it (`rewards/matching.py`), with one difference that
closes a reward hack: for a number, the eval accepts any number in the reply, but in training that
would pay a policy for listing many numbers, so here the *last* number written must be the answer
(the final answer, as GRPO's maths rewards read it). A policy that learns this also passes the
eval's looser rule. The mode is the check's `match` when it has one, else `number` when the answer
is one number and `normalised` (whole words) otherwise.
"""

from __future__ import annotations

import math

from alignment.rewards.matching import RELATIVE_TOLERANCE, matches, numbers_in

BUILT_IN = "alignment.rewards:answer_matches"


def reference_of(check: dict) -> tuple[str, str]:
    """(reference answer, match mode) of a check; ValueError naming the key when it has neither."""
    answer = check.get("answer", check.get("reference"))
    if not isinstance(answer, (str, int, float)) or isinstance(answer, bool) or not str(answer).strip():
        raise ValueError("check.answer: missing or empty (a check needs the right answer as a string)")
    answer = str(answer)
    mode = check.get("match")
    if mode is None:
        mode = "number" if _only_number(answer) else "normalised"
    if mode not in ("normalised", "contains", "number"):
        raise ValueError(f"check.match: '{mode}' is not one of normalised, contains, number")
    if mode == "number" and len(numbers_in(answer)) != 1:
        raise ValueError(f"check.answer: {answer!r} must hold exactly one number for match 'number'")
    return answer, mode


def _only_number(text: str) -> bool:
    stripped = text.strip().replace(",", "")
    try:
        float(stripped.replace("\u2212", "-"))
    except ValueError:
        return False
    return True


def answer_matches(messages: list[dict], reply: str, check: dict) -> float:
    """1.0 when `reply` states the check's answer (the last number, for a number), else 0.0."""
    reference, mode = reference_of(check)
    if mode != "number":
        return 1.0 if matches(reply, reference, mode) else 0.0
    found = numbers_in(reply)
    if not found:
        return 0.0
    wanted = numbers_in(reference)[0]
    whole = not any(mark in reference for mark in ".eE")
    tolerance = 0.0 if whole else RELATIVE_TOLERANCE * abs(wanted)
    return 1.0 if abs(found[-1] - wanted) <= tolerance else 0.0


def finite_number(value) -> float | None:
    """`value` as a float when it is a finite real number (bools excluded), else None."""
    if hasattr(value, "numel") and value.numel() == 1:  # a one-element tensor
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None
