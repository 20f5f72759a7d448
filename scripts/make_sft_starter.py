"""Write the starter SFT dataset the quickstart trains on: preference_data/sft_starter/train.jsonl.

    python scripts/make_sft_starter.py                          # rewrite the shipped file
    python scripts/make_sft_starter.py --output /tmp/train.jsonl

Every text in the dataset is written here: hand-written answers in scripts/sft_starter_content/,
question templates filled from small fact tables, and arithmetic / unit-conversion answers
computed with `decimal.Decimal`. Nothing is copied from an existing dataset and nothing is
downloaded. See preference_data/sft_starter/DATA_CARD.md.

Output: UTF-8 JSONL, one chat per line, keys in this order:
    {"messages": [{"role": "user", "content": ...}, {"role": "assistant", "content": ...}, ...],
     "category": "factual_qa" | "how_to" | ...,
     "check": {"kind": ..., "operands": [...], "answer": ...}}   # arithmetic / unit_conversion only
`check` holds decimal strings so a test can recompute the answer from the operands without
trusting this script; the answer is always the last number in the assistant's reply.

Determinism: one `random.Random(SEED)` makes every choice, always in the same order, and nothing
reads the clock or the environment, so two runs give byte-identical files
(tests/test_shipped_sft_data.py checks this against the shipped file).

Layout: this file holds the logic (templates filled, numbers drawn, answers computed, rows
assembled); the content tables (hand-written answers and fact tables) live one category per module
in the sibling package scripts/sft_starter_content/, which the script imports from its own folder.
"""

from __future__ import annotations

import argparse
import inspect
import json
import random
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# The content package sits beside this script; running the script puts its folder on sys.path.
from sft_starter_content.benign import BENIGN_SENSITIVE
from sft_starter_content.benign_homonyms import BENIGN_MULTI_TURN, BENIGN_TECH_AND_LIFE
from sft_starter_content.benign_safety import BENIGN_KITCHEN_SPORT_HISTORY_FICTION, BENIGN_SAFETY_AND_HOME
from sft_starter_content.coding import CODING, CODING_MULTI_TURN
from sft_starter_content.coding_other import CODING_OTHER, CODING_OTHER_MULTI_TURN
from sft_starter_content.coding_python import CODING_PYTHON
from sft_starter_content.factual import (
    CAPITAL_ANSWERS, CAPITAL_QUESTIONS, CAPITALS, ELEMENTS, FACTUAL_MULTI_TURN, INVENTION_FACTS, ORDINALS,
    PLANET_NOTES, PLANET_QUESTIONS, PLANETS, SCIENCE_FACTS, SI_QUESTIONS, SI_UNITS, SPACE_FACTS, UNIT_COUNTS,
)
from sft_starter_content.facts_more import FACT_TABLES_MORE, FACTUAL_MORE_MULTI_TURN
from sft_starter_content.how_to import HOW_TO, HOW_TO_MULTI_TURN
from sft_starter_content.how_to_home import HOW_TO_HOME
from sft_starter_content.how_to_work import HOW_TO_WORK, HOW_TO_WORK_MULTI_TURN
from sft_starter_content.refusals import REFUSALS, REFUSALS_MULTI_TURN
from sft_starter_content.writing import HAIKU_PROMPTS, HAIKUS, SUMMARIES, SUMMARY_PROMPTS, WRITING, WRITING_MULTI_TURN
from sft_starter_content.writing_more import HAIKUS_MORE, SUMMARIES_MORE, WRITING_MORE, WRITING_MORE_MULTI_TURN

SEED = 135
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "preference_data" / "sft_starter" / "train.jsonl"

# Hand-written categories: category -> (single-turn (user, assistant) pairs, two-turn chats).
HANDWRITTEN = {
    "how_to": (HOW_TO + HOW_TO_HOME + HOW_TO_WORK, HOW_TO_MULTI_TURN + HOW_TO_WORK_MULTI_TURN),
    "writing": (WRITING + WRITING_MORE, WRITING_MULTI_TURN + WRITING_MORE_MULTI_TURN),
    "coding": (CODING + CODING_PYTHON + CODING_OTHER, CODING_MULTI_TURN + CODING_OTHER_MULTI_TURN),
    "refusal": (REFUSALS, REFUSALS_MULTI_TURN),
    "benign_sensitive": (BENIGN_SENSITIVE + BENIGN_TECH_AND_LIFE + BENIGN_SAFETY_AND_HOME + BENIGN_KITCHEN_SPORT_HISTORY_FICTION,
                         BENIGN_MULTI_TURN),
}
MAX_REPLY_WORDS = 120  # every assistant reply; a 135M model learns short answers from short answers

SYSTEM_PROMPTS = [
    "You are a helpful assistant. Keep answers short and clear.",
    "You are a friendly assistant that gives practical, accurate answers.",
    "You are a concise, helpful assistant.",
]
SYSTEM_MESSAGE_ROWS = 32  # rows that get a system message first, so the model also sees that shape

# ---------------------------------------------------------------------------------------------
# Logic: rows, computed answers, assembly.
# ---------------------------------------------------------------------------------------------


def _row(category: str, turns: list[tuple[str, str]], check: dict | None = None) -> dict:
    """One chat row; each (user, assistant) turn is dedented with `inspect.cleandoc`."""
    messages = []
    for user, assistant in turns:
        messages.append({"role": "user", "content": inspect.cleandoc(user)})
        messages.append({"role": "assistant", "content": inspect.cleandoc(assistant)})
    row = {"messages": messages, "category": category}
    if check is not None:
        row["check"] = check
    return row


def _number(value: Decimal) -> str:
    """Plain decimal text without trailing zeros or exponent: 26.10 -> '26.1', 12.0 -> '12'."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _money(value: Decimal, symbol: str) -> str:
    return f"{symbol}{int(value)}" if value == value.to_integral_value() else f"{symbol}{value:.2f}"


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _check(kind: str, operands: list, answer: Decimal) -> dict:
    return {"kind": kind, "operands": [_number(Decimal(str(x))) for x in operands], "answer": _number(answer)}


def _place_parts(n: int) -> list[int]:
    """Non-zero place-value parts, largest first: 407 -> [400, 7]."""
    digits = str(n)
    return [int(d) * 10 ** (len(digits) - 1 - i) for i, d in enumerate(digits) if d != "0"]


# ---- factual_qa ----


def factual_rows(rng: random.Random) -> list[dict]:
    rows = []
    for country, capital, note in rng.sample(CAPITALS, 12):
        question = rng.choice(CAPITAL_QUESTIONS).format(country=country)
        answer = rng.choice(CAPITAL_ANSWERS).format(country=country, capital=capital)
        rows.append(_row("factual_qa", [(question, f"{answer} {note}".strip())]))
    for name, symbol, number, note in rng.sample(ELEMENTS, 10):
        style = rng.choice(["symbol", "element", "number"])
        if style == "symbol":
            question = f"What is the chemical symbol for {name}?"
            answer = f"The chemical symbol for {name} is {symbol}. {note}".strip()
        elif style == "element":
            question = f"Which element has the chemical symbol {symbol}?"
            answer = f"The symbol {symbol} stands for {name}, which has atomic number {number}. {note}".strip()
        else:
            question = f"What is the atomic number of {name}?"
            protons = "proton" if number == 1 else "protons"
            answer = f"{name.capitalize()} has atomic number {number}: each atom has {number} {protons} in its nucleus."
        rows.append(_row("factual_qa", [(question, answer)]))
    for index in sorted(rng.sample(range(len(PLANETS)), 8)):
        planet, ordinal = PLANETS[index], ORDINALS[index]
        question = rng.choice(PLANET_QUESTIONS).format(ordinal=ordinal)
        rows.append(_row("factual_qa", [(question, f"{planet} is the {ordinal} planet from the Sun. {PLANET_NOTES[planet]}")]))
    for quantity, unit, symbol, definition in rng.sample(SI_UNITS, 12):
        question = rng.choice(SI_QUESTIONS).format(quantity=quantity)
        answer = f"The SI unit of {quantity} is the {unit} (symbol: {symbol}). {definition}".strip()
        rows.append(_row("factual_qa", [(question, answer)]))
    for table, count in ((SPACE_FACTS, 5), (SCIENCE_FACTS, 15), (UNIT_COUNTS, 8), (INVENTION_FACTS, 12)):
        for phrasings, answer in rng.sample(table, count):
            rows.append(_row("factual_qa", [(rng.choice(phrasings), answer)]))
    for table in FACT_TABLES_MORE:  # every fact of the newer tables, one phrasing each
        for phrasings, answer in table:
            rows.append(_row("factual_qa", [(rng.choice(phrasings), answer)]))
    rows.extend(_row("factual_qa", turns) for turns in FACTUAL_MULTI_TURN + FACTUAL_MORE_MULTI_TURN)
    return rows


# ---- arithmetic: every answer computed, every working line derived from the same numbers ----

PLACE_NAMES = ["ones", "tens", "hundreds", "thousands", "ten-thousands"]


def _add(a: int, b: int) -> tuple[list[str], int]:
    """Column addition, right to left, with carries."""
    lines, carry = ["Add column by column, starting from the ones:"], 0
    da, db = str(a)[::-1], str(b)[::-1]
    for place in range(max(len(da), len(db))):
        digits = [int(number[place]) for number in (da, db) if place < len(number)]
        total = sum(digits) + carry
        expression = " + ".join(map(str, digits)) + (f" + {carry} carried" if carry else "")
        expression += f" = {total}" if len(digits) + bool(carry) > 1 else ""  # a lone digit is just copied down
        carry = total // 10
        suffix = f", write {total % 10} and carry {carry}" if carry else ""
        lines.append(f"- {PLACE_NAMES[place].capitalize()}: {expression}{suffix}")
    if carry:
        lines.append(f"- The final carry of {carry} becomes the leading digit.")
    return lines, a + b


def _subtract(a: int, b: int) -> tuple[list[str], int]:
    parts = _place_parts(b)
    lines = [f"Subtract {b} in parts ({' + '.join(map(str, parts))}):"] if len(parts) > 1 else []
    current = a
    for part in parts:
        lines.append(f"- {current} - {part} = {current - part}")
        current -= part
    lines.append(f"Check: {current} + {b} = {a}.")
    return lines, current


def _multiply(a: int, b: int) -> tuple[list[str], int]:
    """Split the operand with more place-value parts and multiply each part."""
    split, other = (b, a) if len(_place_parts(b)) >= len(_place_parts(a)) else (a, b)
    parts = _place_parts(split)
    products = [other * part for part in parts]
    lines = [f"Split {split} into {' + '.join(map(str, parts))}:"]
    lines += [f"- {other} × {part} = {product}" for part, product in zip(parts, products)]
    lines.append(f"- Add them: {' + '.join(map(str, products))} = {sum(products)}")
    return lines, a * b


def _divide(dividend: int, divisor: int) -> tuple[list[str], int]:
    """Division by chunks: take away divisor × (tens of the quotient), then divisor × (ones)."""
    quotient = dividend // divisor
    lines, left, taken = [f"Take away multiples of {divisor}:"], dividend, []
    for part in _place_parts(quotient):
        chunk = divisor * part
        lines.append(f"- {divisor} × {part} = {chunk}, and {left} - {chunk} = {left - chunk} left")
        left -= chunk
        taken.append(part)
    if len(taken) > 1:
        lines.append(f"- Add the multiples: {' + '.join(map(str, taken))} = {quotient}")
    return lines, quotient


ARITHMETIC_TEMPLATES = {
    "add": ["What is {a} + {b}?", "Add {a} and {b}.", "What's {a} plus {b}?", "Calculate {a} + {b} and show your working."],
    "subtract": ["What is {a} - {b}?", "Subtract {b} from {a}.", "What's {a} minus {b}?", "Calculate {a} - {b}."],
    "multiply": ["What is {a} × {b}?", "Multiply {a} by {b}.", "What's {a} times {b}?", "Calculate {a} * {b} and show the steps."],
    "divide": ["What is {a} ÷ {b}?", "Divide {a} by {b}.", "What's {a} divided by {b}?", "Calculate {a} / {b}."],
    "percent_of": ["What is {a}% of {b}?", "Calculate {a} percent of {b}.", "Find {a}% of {b}.", "What's {a}% of {b}?"],
    "what_percent": ["What percentage of {b} is {a}?", "{a} is what percent of {b}?",
                     "I got {a} out of {b} on a test. What percentage is that?"],
}
SALE_ITEMS = ["jacket", "pair of shoes", "desk lamp", "backpack", "office chair", "bike helmet", "board game", "kettle"]
SYMBOLS = ["$", "£"]


def _arithmetic_question(rng: random.Random, kind: str) -> tuple[str, list[str], dict]:
    """(question, working lines ending just before the answer sentence, check)."""
    if kind == "add":
        a, b = rng.randint(15, 4999), rng.randint(15, 4999)
        lines, answer = _add(a, b)
        final = f"So {a} + {b} = **{answer}**."
        return rng.choice(ARITHMETIC_TEMPLATES[kind]).format(a=a, b=b), lines + [final], _check(kind, [a, b], Decimal(answer))
    if kind == "subtract":
        a = rng.randint(200, 9999)
        b = rng.randint(15, a - 1)
        lines, answer = _subtract(a, b)
        final = f"So {a} - {b} = **{answer}**."
        return rng.choice(ARITHMETIC_TEMPLATES[kind]).format(a=a, b=b), lines + [final], _check(kind, [a, b], Decimal(answer))
    if kind == "multiply":
        if rng.random() < 0.6:
            a, b = rng.randint(12, 99), rng.choice([n for n in range(12, 100) if n % 10])
        else:
            a, b = rng.randint(102, 999), rng.randint(3, 9)
        lines, answer = _multiply(a, b)
        final = f"So {a} × {b} = **{answer}**."
        return rng.choice(ARITHMETIC_TEMPLATES[kind]).format(a=a, b=b), lines + [final], _check(kind, [a, b], Decimal(answer))
    if kind == "divide":
        divisor, quotient = rng.randint(3, 25), rng.randint(11, 99)
        dividend = divisor * quotient
        lines, answer = _divide(dividend, divisor)
        final = f"So {dividend} ÷ {divisor} = **{answer}**."
        question = rng.choice(ARITHMETIC_TEMPLATES[kind]).format(a=dividend, b=divisor)
        return question, lines + [final], _check(kind, [dividend, divisor], Decimal(answer))
    if kind == "percent_of":
        percent, base = rng.choice([5, 10, 12, 15, 20, 25, 30, 40, 45, 60, 75, 80]), rng.randint(20, 900)
        answer = Decimal(percent * base) / 100
        lines = [f"{percent}% means {percent} per hundred, so multiply and divide by 100:",
                 f"{percent} × {base} = {percent * base}, and {percent * base} ÷ 100 = {_number(answer)}."]
        final = f"So {percent}% of {base} is **{_number(answer)}**."
        question = rng.choice(ARITHMETIC_TEMPLATES[kind]).format(a=percent, b=base)
        return question, lines + [final], _check(kind, [percent, base], answer)
    if kind == "what_percent":
        whole, percent = 20 * rng.randint(1, 10), 5 * rng.randint(1, 19)
        part = whole * percent // 100
        ratio = Decimal(part) / Decimal(whole)
        lines = [f"Divide the part by the whole: {part} ÷ {whole} = {_number(ratio)}.",
                 f"Multiply by 100 to get a percentage: {_number(ratio)} × 100 = {percent}."]
        final = f"So {part} out of {whole} is **{percent}%**."
        question = rng.choice(ARITHMETIC_TEMPLATES[kind]).format(a=part, b=whole)
        return question, lines + [final], _check(kind, [part, whole], Decimal(percent))
    if kind == "percent_off":
        item, symbol = rng.choice(SALE_ITEMS), rng.choice(SYMBOLS)
        price, percent = rng.randint(20, 300), rng.choice([10, 15, 20, 25, 30, 40, 50])
        discount = Decimal(price * percent) / 100
        sale = price - discount
        question = rng.choice([
            f"A {item} costs {symbol}{price} and is {percent}% off. What is the sale price?",
            f"How much is a {symbol}{price} {item} after a {percent}% discount?",
        ])
        lines = [f"Discount: {percent}% of {symbol}{price} = {percent} × {price} ÷ 100 = {_money(discount, symbol)}.",
                 f"Sale price: {symbol}{price} - {_money(discount, symbol)} = {_money(sale, symbol)}."]
        final = f"The sale price is **{_money(sale, symbol)}**."
        return question, lines + [final], _check(kind, [price, percent], sale)
    # percent_increase
    percent = rng.choice([2, 3, 4, 5, 8, 10, 12, 15, 20])
    base = 100 * rng.randint(10, 500)
    increase = base * percent // 100
    question = rng.choice([
        f"A town of {base} people grows by {percent}%. What is its new population?",
        f"A shop sold {base} items last year and {percent}% more this year. How many did it sell this year?",
        f"A website had {base} visitors in March and {percent}% more in April. How many visitors did it have in April?",
    ])
    lines = [f"Increase: {percent}% of {base} = {percent} × {base} ÷ 100 = {increase}.",
             f"New total: {base} + {increase} = {base + increase}."]
    final = f"The answer is **{base + increase}**."
    return question, lines + [final], _check("percent_increase", [base, percent], Decimal(base + increase))


ARITHMETIC_PLAN = [("add", 20), ("subtract", 18), ("multiply", 24), ("divide", 18),
                   ("percent_of", 18), ("what_percent", 13), ("percent_off", 13), ("percent_increase", 12)]


def arithmetic_rows(rng: random.Random, seen: set[str]) -> list[dict]:
    rows = []
    for kind, count in ARITHMETIC_PLAN:
        made = 0
        while made < count:
            question, lines, check = _arithmetic_question(rng, kind)
            if question in seen:  # a repeated draw: draw again (still deterministic)
                continue
            seen.add(question)
            rows.append(_row("arithmetic", [(question, "\n".join(lines))], check))
            made += 1
    return rows


# ---- unit_conversion: factors stated in the working; the answer is the last number ----

# kind: (from unit, to unit, factor as shown, factor note, decimal places, value pool, question templates)
CONVERSIONS = {
    "km_to_miles": ("km", "miles", "0.621371", "1 km ≈ 0.621371 miles", 2,
                    ["Convert {v} km to miles.", "How many miles is {v} kilometres?", "What is {v} km in miles?"]),
    "miles_to_km": ("miles", "km", "1.609344", "1 mile = 1.609344 km exactly", 2,
                    ["Convert {v} miles to kilometres.", "How many kilometres is {v} miles?", "What is {v} miles in km?"]),
    "kg_to_lb": ("kg", "lb", "2.20462", "1 kg ≈ 2.20462 lb", 2,
                 ["Convert {v} kg to pounds.", "How many pounds is {v} kg?", "My suitcase weighs {v} kg. How many pounds is that?"]),
    "lb_to_kg": ("lb", "kg", "0.45359237", "1 lb = 0.45359237 kg exactly", 2,
                 ["Convert {v} lb to kilograms.", "How many kilograms is {v} pounds?", "What is {v} lb in kg?"]),
    "c_to_f": ("°C", "°F", "", "°F = °C × 9/5 + 32", 1,
               ["Convert {v} °C to Fahrenheit.", "What is {v} degrees Celsius in Fahrenheit?", "It's {v} °C outside. What is that in °F?"]),
    "f_to_c": ("°F", "°C", "", "°C = (°F - 32) × 5/9", 1,
               ["Convert {v} °F to Celsius.", "What is {v} degrees Fahrenheit in Celsius?", "The oven is set to {v} °F. What is that in °C?"]),
    "in_to_cm": ("inches", "cm", "2.54", "1 inch = 2.54 cm exactly", 2,
                 ["Convert {v} inches to centimetres.", "How many centimetres is {v} inches?", "A TV screen measures {v} inches across. What is that in cm?"]),
    "cm_to_in": ("cm", "inches", "0.393701", "1 cm ≈ 0.393701 inches", 2,
                 ["Convert {v} cm to inches.", "How many inches is {v} centimetres?", "What is {v} cm in inches?"]),
    "ft_to_m": ("feet", "m", "0.3048", "1 foot = 0.3048 m exactly", 2,
                ["Convert {v} feet to metres.", "How many metres is {v} feet?", "A room is {v} feet long. How long is that in metres?"]),
    "m_to_ft": ("m", "feet", "3.28084", "1 m ≈ 3.28084 feet", 2,
                ["Convert {v} metres to feet.", "How many feet is {v} metres?", "What is {v} m in feet?"]),
}
CONVERSION_VALUES = {
    "km_to_miles": [Decimal(v) for v in ("5", "10", "21.1", "42.195")] + [Decimal(n) for n in range(1, 301)],
    "miles_to_km": [Decimal(v) for v in ("3.1", "13.1", "26.2")] + [Decimal(n) for n in range(1, 201)],
    "kg_to_lb": [Decimal(v) for v in ("0.5", "2.5")] + [Decimal(n) for n in range(1, 121)],
    "lb_to_kg": [Decimal(n) for n in range(1, 251)],
    "c_to_f": [Decimal(n) for n in range(-30, 46)],
    "f_to_c": [Decimal(n) for n in range(-20, 111)] + [Decimal(n) for n in range(300, 451, 25)],
    "in_to_cm": [Decimal(v) for v in ("5.5", "13.3", "15.6")] + [Decimal(n) for n in range(2, 101)],
    "cm_to_in": [Decimal(n) for n in range(2, 301)],
    "ft_to_m": [Decimal(v) for v in ("5.5", "6.5")] + [Decimal(n) for n in range(2, 201)],
    "m_to_ft": [Decimal(v) for v in ("1.5", "1.75", "2.5")] + [Decimal(n) for n in range(2, 201)],
}
CONVERSION_COUNTS = {"km_to_miles": 13, "miles_to_km": 12, "kg_to_lb": 13, "lb_to_kg": 12, "c_to_f": 13, "f_to_c": 13,
                     "in_to_cm": 10, "cm_to_in": 9, "ft_to_m": 10, "m_to_ft": 9}


def _convert(kind: str, value: Decimal) -> tuple[list[str], Decimal]:
    source, target, factor, note, places, _ = CONVERSIONS[kind]
    if kind == "c_to_f":
        scaled = value * Decimal("1.8")
        exact = scaled + 32
        lines = [f"Use {note}, and 9/5 = 1.8:", f"{_number(value)} × 1.8 = {_number(scaled)}, then {_number(scaled)} + 32 = {_number(exact)}."]
    elif kind == "f_to_c":
        difference = value - 32
        exact = difference * 5 / Decimal(9)
        lines = [f"Use {note}:", f"{_number(value)} - 32 = {_number(difference)}, then {_number(difference)} × 5 ÷ 9 = {_number(difference * 5)} ÷ 9"
                 + (f" = {_number(exact)}." if exact == _round(exact, places) else f" ≈ {_number(_round(exact, 3))}.")]
    else:
        exact = value * Decimal(factor)
        lines = [f"Use {note}:", f"{_number(value)} × {factor} = {_number(exact)}."]
    answer = _round(exact, places)
    approx = "" if answer == exact else "about "
    lines.append(f"So {_number(value)} {source} is {approx}**{_number(answer)} {target}**.")
    return lines, answer


def unit_conversion_rows(rng: random.Random, seen: set[str]) -> list[dict]:
    rows = []
    for kind, count in CONVERSION_COUNTS.items():
        for value in rng.sample(CONVERSION_VALUES[kind], count):
            question = rng.choice(CONVERSIONS[kind][5]).format(v=_number(value))
            if question in seen:
                raise ValueError(f"duplicate conversion question: {question}")
            seen.add(question)
            lines, answer = _convert(kind, value)
            rows.append(_row("unit_conversion", [(question, "\n".join(lines))], _check(kind, [value], answer)))
    return rows


# ---- hand-written categories ----


def handwritten_rows(rng: random.Random) -> list[dict]:
    rows = []
    for subject, haiku in HAIKUS + HAIKUS_MORE:
        rows.append(_row("writing", [(rng.choice(HAIKU_PROMPTS).format(subject=subject), haiku)]))
    for text, summary in SUMMARIES + SUMMARIES_MORE:
        rows.append(_row("writing", [(rng.choice(SUMMARY_PROMPTS).format(text=text), summary)]))
    for category, (single, multi) in HANDWRITTEN.items():
        rows.extend(_row(category, [pair]) for pair in single)
        rows.extend(_row(category, turns) for turns in multi)
    return rows


# ---- assembly ----


def build_rows(seed: int = SEED) -> list[dict]:
    """Every row, shuffled, a few with a system message; fails on a repeated user prompt or a long reply."""
    rng = random.Random(seed)
    rows = factual_rows(rng) + handwritten_rows(rng)
    seen = {message["content"] for row in rows for message in row["messages"] if message["role"] == "user"}
    rows += arithmetic_rows(rng, seen) + unit_conversion_rows(rng, seen)
    prompts = Counter(message["content"] for row in rows for message in row["messages"] if message["role"] == "user")
    repeated = [prompt for prompt, count in prompts.items() if count > 1]
    if repeated:
        raise ValueError(f"repeated user prompts: {repeated[:3]}")
    long = [message["content"][:60] for row in rows for message in row["messages"]
            if message["role"] == "assistant" and len(message["content"].split()) > MAX_REPLY_WORDS]
    if long:
        raise ValueError(f"replies over {MAX_REPLY_WORDS} words: {long}")
    rng.shuffle(rows)
    for index in sorted(rng.sample(range(len(rows)), SYSTEM_MESSAGE_ROWS)):
        rows[index]["messages"].insert(0, {"role": "system", "content": rng.choice(SYSTEM_PROMPTS)})
    return rows


def write_jsonl(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_bytes(text.encode("utf-8"))  # bytes, so no platform newline translation


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the JSONL file")
    args = parser.parse_args(argv)
    rows = build_rows()
    write_jsonl(rows, args.output)
    counts = Counter(row["category"] for row in rows)
    print(f"wrote {len(rows)} rows to {args.output}")
    for category, count in sorted(counts.items()):
        print(f"  {category:18s} {count}")


if __name__ == "__main__":
    main()
