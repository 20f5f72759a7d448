"""Preference rows that rank several responses, and their expansion into chosen/rejected pairs.

Input: one raw row in a ranked format:
  ranked         {"prompt", "responses": [str, ...], "ranks": [int, ...] (1 = best) | "scores": [number, ...]}
  ultrafeedback  {"prompt" | "instruction", "completions": [{"response", "score"|"overall_score"|"rating"}]}
  alpaca         {"instruction", "input"?, "system"?, "history"?, "output": [str, ...] best first}
                 or the pairwise {"instruction", "input"?, "chosen": str, "rejected": str}
Output: a `Ranked` (prompt turns, responses, a value per response where higher is better) and,
through `preferred_pairs`, `(chosen index, rejected index, margin)` triples.

Expansion (`ranking`): `best_vs_rest` pairs the best response with every strictly worse one
(k-1 pairs for k distinct values); `all_pairs` pairs every strictly ordered couple (k(k-1)/2).
Tied responses are never paired with each other: a tie says neither is preferred. The margin is
the value gap (rank gap for ranks, score difference for scores); pairs whose margin is below
`min_score_gap` are dropped. Reused from `sft.py`: the per-row problem report and field checks, so
messages read the same in both layers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from alignment.data.readers import json_type_name
from alignment.data.sft import _alpaca_prompt, _content, _list_field, _Report, _side, _string_field, _Turn

RANKINGS = ("best_vs_rest", "all_pairs")
SCORE_KEYS = ("score", "overall_score", "rating")
"""UltraFeedback-style completions carry their score under one of these keys (first found wins)."""


@dataclass
class Ranked:
    """A prompt and its candidate responses, before expansion into pairs."""

    prompt: list[_Turn]
    prompt_field: str
    """Named by problems about the prompt as a whole (e.g. it does not end with a user turn)."""
    responses: list[str]
    values: list[float] | None
    """Higher is better; None for a row that already is one chosen/rejected pair (no margin)."""
    values_field: str = ""
    """Named when every response is tied (`ranks`, `scores`, `completions`)."""
    responses_field: str = ""
    """The list the responses came from, for 'identical responses' problems."""


def preferred_pairs(values: list[float], ranking: str, min_score_gap: float = 0.0) -> list[tuple[int, int, float]]:
    """`(better, worse, margin)` index triples over `values` (higher is better), best first."""
    if ranking not in RANKINGS:
        raise ValueError(f"unknown ranking {ranking!r}; expected one of {RANKINGS}")
    order = sorted(range(len(values)), key=lambda index: -values[index])  # stable: ties keep file order
    if ranking == "best_vs_rest":
        couples = [(order[0], worse) for worse in order[1:]]
    else:
        couples = [(better, worse) for position, better in enumerate(order) for worse in order[position + 1 :]]
    triples = [(better, worse, float(values[better] - values[worse])) for better, worse in couples]
    return [triple for triple in triples if triple[2] > 0 and triple[2] >= min_score_gap]


def expand(ranked: Ranked, ranking: str, min_score_gap: float, report: _Report) -> list[tuple[str, str, float]]:
    """`(chosen, rejected, margin)` texts for one validated row; problems go to `report`."""
    if len(set(ranked.values)) == 1:
        report.add(ranked.values_field, "all responses are tied; nothing to prefer")
        return []
    triples = preferred_pairs(ranked.values, ranking, min_score_gap)
    field = ranked.responses_field
    for better, worse, _ in triples:
        if ranked.responses[better] == ranked.responses[worse]:
            report.add(f"{field}[{worse}]", f"identical to {field}[{better}] but ranked lower; nothing to learn")
            return []
    return [(ranked.responses[better], ranked.responses[worse], margin) for better, worse, margin in triples]


# ---- the three ranked formats: each returns a Ranked, or None after reporting the problems ----


def ranked_row(row: dict, report: _Report) -> Ranked | None:
    prompt = _side(row, "prompt", "user", report)
    responses = _responses(row, "responses", report)
    has_ranks, has_scores = "ranks" in row, "scores" in row
    if has_ranks == has_scores:
        report.add(
            "ranks",
            "give either 'ranks' (1 = best) or 'scores' (higher = better)"
            + (", not both" if has_ranks else "; found neither"),
        )
        return None
    key = "ranks" if has_ranks else "scores"
    numbers = _list_field(row, key, "a list of numbers", report)
    if numbers is None or responses is None:
        return None
    if len(numbers) != len(responses):
        report.add(key, f"{len(numbers)} values for {len(responses)} responses; need one per response")
        return None
    values = [_number(value, f"{key}[{index}]", report, integer=has_ranks) for index, value in enumerate(numbers)]
    if None in values:
        return None
    values = [-value for value in values] if has_ranks else values  # rank 1 is best: negate so higher is better
    return Ranked(prompt, "prompt", responses, values, key, "responses")


def ultrafeedback_row(row: dict, report: _Report) -> Ranked | None:
    prompt_key = "prompt" if "prompt" in row else "instruction"  # openbmb/UltraFeedback names it instruction
    prompt = _side(row, prompt_key, "user", report)
    items = _list_field(row, "completions", "a list of {response, score} objects", report)
    responses, values = [], []
    for index, item in enumerate(items or []):
        field = f"completions[{index}]"
        if not isinstance(item, dict):
            report.add(field, f"wrong type: expected an object with 'response' and 'score', got {json_type_name(item)}")
            continue
        responses.append(_string_field(item, "response", _Prefixed(report, field), required=True))
        score_key = next((key for key in SCORE_KEYS if key in item), None)
        if score_key is None:
            report.add(f"{field}.score", "missing field; expected score, overall_score or rating")
            continue
        values.append(_number(item[score_key], f"{field}.{score_key}", report, integer=False))
    if items is not None and len(items) < 2:
        report.add("completions", f"need at least 2 completions to compare, got {len(items)}")
    if items is None or len(items) < 2 or None in responses or None in values or len(values) != len(items):
        return None
    return Ranked(prompt, prompt_key, responses, values, "completions", "completions")


def alpaca_row(row: dict, report: _Report) -> Ranked | None:
    prompt = _alpaca_prompt(row, report)
    if "output" not in row:  # LLaMA-Factory's pairwise alpaca: chosen/rejected strings
        chosen = _string_field(row, "chosen", report, required=True)
        rejected = _string_field(row, "rejected", report, required=True)
        return Ranked(prompt, "instruction", [chosen, rejected], None) if chosen and rejected else None
    responses = _responses(row, "output", report)
    if responses is None:
        return None
    return Ranked(
        prompt, "instruction", responses, [-float(index) for index in range(len(responses))], "output", "output"
    )


# ---- field checks ----


@dataclass
class _Prefixed:
    """A report that names fields inside one list item (`completions[2].response`)."""

    report: _Report
    prefix: str

    def add(self, field: str, problem: str) -> None:
        self.report.add(f"{self.prefix}.{field}", problem)


def _responses(row: dict, key: str, report: _Report) -> list[str] | None:
    items = _list_field(row, key, "a list of response strings", report)
    if items is None:
        return None
    if len(items) < 2:
        report.add(key, f"need at least 2 responses to compare, got {len(items)}")
        return None
    texts = [_content(item, f"{key}[{index}]", report, allow_parts=False) for index, item in enumerate(items)]
    return None if None in texts else texts


def _number(value: object, field: str, report: _Report, integer: bool) -> float | None:
    if integer and isinstance(value, float) and value.is_integer():
        value = int(value)  # pandas writes integer columns with a missing value as floats: 1.0, 2.0
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        expected = "an integer" if integer else "a number"
        report.add(field, f"wrong type: expected {expected}, got {json_type_name(value)}")
        return None
    if not math.isfinite(value):
        report.add(field, f"not a finite number: {value}")
        return None
    return float(value)
