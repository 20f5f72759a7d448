"""The shipped starter SFT set is exactly what its generator writes, well formed, and right.

preference_data/sft_starter/train.jsonl is written by `python -m datagen.sft_starter`. These tests
check that regenerating it gives the same bytes, that every row is a valid chat the project's
loader accepts, that each category has at least its planned number of rows, that no user prompt
repeats, that replies are short, that the quickstart's demo question stays out, that the Python
snippets compile, that the data card's counts are the real ones, and that every arithmetic /
unit-conversion answer is right. That last check does not trust the generator: it recomputes the
answer here from `check.operands` with its own formulas, requires those operands to appear in the
question, and requires the recomputed value to be the last number in the assistant's reply.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from alignment.data.sft import load_sft_examples

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "preference_data" / "sft_starter" / "train.jsonl"
CARD = REPO / "preference_data" / "sft_starter" / "DATA_CARD.md"
BUILDER = "datagen.sft_starter"  # run as `python -m datagen.sft_starter` from the repository root
CATEGORIES = {
    "factual_qa",
    "how_to",
    "writing",
    "coding",
    "arithmetic",
    "unit_conversion",
    "refusal",
    "benign_sensitive",
}
CHECKED = {"arithmetic", "unit_conversion"}
# The planned size of each category (the generator writes a few more of most).
MINIMUM_ROWS = {
    "refusal": 130,
    "benign_sensitive": 130,
    "how_to": 130,
    "writing": 110,
    "coding": 110,
    "factual_qa": 120,
    "arithmetic": 120,
    "unit_conversion": 100,
}
MINIMUM_TOTAL = 1000
MAX_REPLY_WORDS = 120
# The quickstart asks the trained model this; it must not be a training prompt, so the demo shows
# the model generalising rather than repeating a row.
DEMO_QUESTION = "How do I reverse a list in Python?"
# A number as the replies write it: optional minus sign, no thousands separators.
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?")
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


def test_regenerating_gives_the_shipped_bytes(tmp_path):
    subprocess.run(
        [sys.executable, "-m", BUILDER, "--out-dir", str(tmp_path)], cwd=REPO, check=True, capture_output=True
    )
    output = tmp_path / DATA.relative_to(REPO)
    assert output.read_bytes() == DATA.read_bytes(), f"shipped file is stale: run python -m {BUILDER}"


def test_rows_are_well_formed_chats(rows):
    assert len(rows) >= MINIMUM_TOTAL
    for number, row in enumerate(rows, start=1):
        assert set(row) <= {"messages", "category", "check"}, f"line {number}: unexpected keys {sorted(row)}"
        assert row["category"] in CATEGORIES, f"line {number}: unknown category {row['category']!r}"
        roles = [message["role"] for message in row["messages"]]
        if roles[0] == "system":
            roles = roles[1:]
        assert roles and roles == ["user", "assistant"] * (len(roles) // 2), f"line {number}: roles {roles}"
        for message in row["messages"]:
            assert set(message) == {"role", "content"}, f"line {number}: message keys {sorted(message)}"
            assert isinstance(message["content"], str) and message["content"].strip(), f"line {number}: empty content"


def test_project_loader_accepts_every_row(rows):
    assert len(load_sft_examples([str(DATA)])) == len(rows)


def test_every_category_has_its_planned_rows(rows):
    counts = Counter(row["category"] for row in rows)
    assert set(counts) == CATEGORIES == set(MINIMUM_ROWS)
    short = {name: (counts[name], minimum) for name, minimum in MINIMUM_ROWS.items() if counts[name] < minimum}
    assert not short, f"(rows, minimum) per category: {short}"


def test_no_user_prompt_repeats(rows):
    prompts = Counter(m["content"] for row in rows for m in row["messages"] if m["role"] == "user")
    assert [p for p, n in prompts.items() if n > 1] == []


def test_answers_are_short(rows):
    words = sorted(len(m["content"].split()) for row in rows for m in row["messages"] if m["role"] == "assistant")
    assert words[-1] <= MAX_REPLY_WORDS
    assert words[len(words) // 2] <= 60, "median reply has grown long"


def test_quickstart_demo_question_is_not_a_training_prompt(rows):
    def normalise(text: str) -> str:
        return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())

    prompts = {normalise(m["content"]) for row in rows for m in row["messages"] if m["role"] == "user"}
    assert normalise(DEMO_QUESTION) not in prompts


def test_python_snippets_compile(rows):
    blocks = [
        block
        for row in rows
        for m in row["messages"]
        if m["role"] == "assistant"
        for block in PYTHON_BLOCK.findall(m["content"])
    ]
    assert len(blocks) >= 80
    for block in blocks:
        compile(block, "<snippet>", "exec")


def test_data_card_counts_are_the_real_ones(rows):
    counts = Counter(row["category"] for row in rows)
    card = dict(re.findall(r"^\|\s*`(\w+)`\s*\|\s*(\d+)\s*\|", CARD.read_text(encoding="utf-8"), re.MULTILINE))
    assert {name: int(n) for name, n in card.items() if name in CATEGORIES} == dict(counts)
    assert f"**{len(rows)}**" in CARD.read_text(encoding="utf-8"), "data card total is stale"


def _rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def expected_answer(kind: str, operands: list[Decimal]) -> Decimal:
    """The right answer, from the operands alone."""
    if kind == "divide":
        dividend, divisor = operands
        assert dividend % divisor == 0, "division questions should come out exact"
    formulas = {
        "add": lambda a, b: a + b,
        "subtract": lambda a, b: a - b,
        "multiply": lambda a, b: a * b,
        "divide": lambda a, b: a / b,
        "percent_of": lambda percent, base: percent * base / 100,
        "what_percent": lambda part, whole: part / whole * 100,
        "percent_off": lambda price, percent: price * (100 - percent) / 100,
        "percent_increase": lambda base, percent: base * (100 + percent) / 100,
        # conversions: the factor each reply states, rounded to the places it reports
        "km_to_miles": lambda v: _rounded(v * Decimal("0.621371"), 2),
        "miles_to_km": lambda v: _rounded(v * Decimal("1.609344"), 2),
        "kg_to_lb": lambda v: _rounded(v * Decimal("2.20462"), 2),
        "lb_to_kg": lambda v: _rounded(v * Decimal("0.45359237"), 2),
        "c_to_f": lambda v: _rounded(v * 9 / 5 + 32, 1),
        "f_to_c": lambda v: _rounded((v - 32) * 5 / 9, 1),
        "in_to_cm": lambda v: _rounded(v * Decimal("2.54"), 2),
        "cm_to_in": lambda v: _rounded(v * Decimal("0.393701"), 2),
        "ft_to_m": lambda v: _rounded(v * Decimal("0.3048"), 2),
        "m_to_ft": lambda v: _rounded(v * Decimal("3.28084"), 2),
    }
    return formulas[kind](*operands)


# Exact definitions (international mile, pound, inch and foot), to catch a wrong factor in both places at once.
TRUE_VALUE = {
    "km_to_miles": lambda v: v / Decimal("1.609344"),
    "miles_to_km": lambda v: v * Decimal("1.609344"),
    "kg_to_lb": lambda v: v / Decimal("0.45359237"),
    "lb_to_kg": lambda v: v * Decimal("0.45359237"),
    "in_to_cm": lambda v: v * Decimal("2.54"),
    "cm_to_in": lambda v: v / Decimal("2.54"),
    "ft_to_m": lambda v: v * Decimal("0.3048"),
    "m_to_ft": lambda v: v / Decimal("0.3048"),
}


def test_computed_answers_are_right(rows):
    checked = [row for row in rows if row["category"] in CHECKED]
    assert len(checked) >= 220
    for row in checked:
        check = row["check"]
        operands = [Decimal(x) for x in check["operands"]]
        expected = expected_answer(check["kind"], operands)
        question, reply = row["messages"][-2]["content"], row["messages"][-1]["content"]
        where = f"{check['kind']} {check['operands']}: {question!r}"
        assert Decimal(check["answer"]) == expected, where
        question_numbers = {Decimal(x) for x in NUMBER.findall(question)}
        assert set(operands) <= question_numbers, f"{where}: operands not in the question"
        assert Decimal(NUMBER.findall(reply)[-1]) == expected, f"{where}: reply ends with the wrong number"
        if check["kind"] in TRUE_VALUE:
            assert abs(expected - TRUE_VALUE[check["kind"]](operands[0])) <= Decimal("0.006"), where
    assert all("check" not in row for row in rows if row["category"] not in CHECKED)
