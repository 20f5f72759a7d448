"""Build the starter SFT set the quickstart trains on: preference_data/sft_starter/train.jsonl.

    python -m datagen.sft_starter                   # rewrite the shipped file (run from the repository root)
    python -m datagen.sft_starter --out-dir /tmp/x  # write /tmp/x/preference_data/sft_starter/train.jsonl

Reads datagen/content/sft_starter/*.yaml: hand-written chats (how_to_*, writing_*, coding_*,
refusals, benign_sensitive_*), fact tables with question wordings (facts_*), and the wordings of
the arithmetic, unit-conversion and system messages. This file fills the wordings, draws the
numbers and computes every arithmetic / unit-conversion answer with `decimal.Decimal`. Nothing is
copied from an existing dataset and nothing is downloaded. See preference_data/sft_starter/DATA_CARD.md.

Output: one chat per line, keys in this order:
    {"messages": [{"role": "user", "content": ...}, {"role": "assistant", "content": ...}, ...],
     "category": "factual_qa" | "how_to" | ...,
     "check": {"kind": ..., "operands": [...], "answer": ...}}   # arithmetic / unit_conversion only
`check` holds decimal strings so a test can recompute the answer from the operands without
trusting this builder; the answer is always the last number in the assistant's reply.

Determinism: one `random.Random(SEED)` makes every choice, always in the same order, and nothing
reads the clock or the environment; tests/test_shipped_sft_data.py rebuilds the file and compares bytes.
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal
from functools import partial
from pathlib import Path

from datagen.common import load, main, money, number, place_parts, rounded

SEED = 135
OUTPUT = Path("preference_data/sft_starter/train.jsonl")
content = partial(load, "sft_starter")

# Hand-written categories: category -> content files, in order. Each file has `single_turn` chats
# (one exchange) and may have `multi_turn` chats; all single-turn rows of a category come first.
HANDWRITTEN = {
    "how_to": ["how_to_everyday_basics", "how_to_home_and_life", "how_to_devices_and_work"],
    "writing": ["writing_tasks"],
    "coding": ["coding_common_tasks", "coding_python", "coding_javascript_sql_shell_git"],
    "refusal": ["refusals"],
    "benign_sensitive": [
        "benign_sensitive_risky_words",
        "benign_sensitive_tech_and_life",
        "benign_sensitive_safety_and_home",
        "benign_sensitive_kitchen_sport_history_fiction",
    ],
}
# Fact tables drawn as (file, how many facts, in a random order), then tables used whole, in file order.
SAMPLED_FACTS = [("facts_space", 5), ("facts_science", 15), ("facts_unit_counts", 8), ("facts_inventions", 12)]
EVERY_FACT = [
    "facts_animals",
    "facts_human_body",
    "facts_geography",
    "facts_famous_works",
    "facts_earth_science",
    "facts_miscellaneous",
]
FACT_FILES = (
    ["facts_capitals", "facts_elements", "facts_planets", "facts_si_units"]
    + [name for name, _ in SAMPLED_FACTS]
    + EVERY_FACT
)  # their `multi_turn` chats are added in this order

MAX_REPLY_WORDS = 120  # every assistant reply; a 135M model learns short answers from short answers
SYSTEM_MESSAGE_ROWS = 32  # rows that get a system message first, so the model also sees that shape

# ---------------------------------------------------------------------------------------------
# Rows and checks
# ---------------------------------------------------------------------------------------------


def _row(category: str, turns: list[dict], check: dict | None = None) -> dict:
    """One chat row from {"user", "assistant"} turns, texts as they are."""
    messages = []
    for turn in turns:
        messages.append({"role": "user", "content": turn["user"]})
        messages.append({"role": "assistant", "content": turn["assistant"]})
    row = {"messages": messages, "category": category}
    if check is not None:
        row["check"] = check
    return row


def _single(category: str, user: str, assistant: str, check: dict | None = None) -> dict:
    return _row(category, [{"user": user, "assistant": assistant}], check)


def _check(kind: str, operands: list, answer: Decimal) -> dict:
    return {"kind": kind, "operands": [number(Decimal(str(x))) for x in operands], "answer": number(answer)}


# ---- factual_qa ----


def factual_rows(rng: random.Random) -> list[dict]:
    rows = []
    capitals = content("facts_capitals")
    for entry in rng.sample(capitals["capitals"], 12):
        country, capital = entry["country"], entry["capital"]
        question = rng.choice(capitals["questions"]).format(country=country)
        answer = rng.choice(capitals["answers"]).format(country=country, capital=capital)
        rows.append(_single("factual_qa", question, f"{answer} {entry['note']}".strip()))
    for entry in rng.sample(content("facts_elements")["elements"], 10):
        name, symbol, atomic, note = entry["name"], entry["symbol"], entry["number"], entry["note"]
        style = rng.choice(["symbol", "element", "number"])
        if style == "symbol":
            question = f"What is the chemical symbol for {name}?"
            answer = f"The chemical symbol for {name} is {symbol}. {note}".strip()
        elif style == "element":
            question = f"Which element has the chemical symbol {symbol}?"
            answer = f"The symbol {symbol} stands for {name}, which has atomic number {atomic}. {note}".strip()
        else:
            question = f"What is the atomic number of {name}?"
            protons = "proton" if atomic == 1 else "protons"
            answer = f"{name.capitalize()} has atomic number {atomic}: each atom has {atomic} {protons} in its nucleus."
        rows.append(_single("factual_qa", question, answer))
    planets = content("facts_planets")
    for index in sorted(rng.sample(range(len(planets["planets"])), 8)):
        planet = planets["planets"][index]
        question = rng.choice(planets["questions"]).format(ordinal=planet["ordinal"])
        answer = f"{planet['name']} is the {planet['ordinal']} planet from the Sun. {planet['note']}"
        rows.append(_single("factual_qa", question, answer))
    si_units = content("facts_si_units")
    for entry in rng.sample(si_units["units"], 12):
        question = rng.choice(si_units["questions"]).format(quantity=entry["quantity"])
        answer = (
            f"The SI unit of {entry['quantity']} is the {entry['unit']} (symbol: {entry['symbol']}). "
            f"{entry['definition']}"
        ).strip()
        rows.append(_single("factual_qa", question, answer))
    for name, count in SAMPLED_FACTS:
        for fact in rng.sample(content(name)["facts"], count):
            rows.append(_single("factual_qa", rng.choice(fact["phrasings"]), fact["answer"]))
    for name in EVERY_FACT:  # every fact, one phrasing each
        for fact in content(name)["facts"]:
            rows.append(_single("factual_qa", rng.choice(fact["phrasings"]), fact["answer"]))
    rows.extend(_row("factual_qa", turns) for name in FACT_FILES for turns in content(name).get("multi_turn", []))
    return rows


# ---- arithmetic: every answer computed, every working line derived from the same numbers ----

ARITHMETIC = content("arithmetic")
PLACE_NAMES = ["ones", "tens", "hundreds", "thousands", "ten-thousands"]
ARITHMETIC_PLAN = [
    ("add", 20),
    ("subtract", 18),
    ("multiply", 24),
    ("divide", 18),
    ("percent_of", 18),
    ("what_percent", 13),
    ("percent_off", 13),
    ("percent_increase", 12),
]


def _add(a: int, b: int) -> tuple[list[str], int]:
    """Column addition, right to left, with carries."""
    lines, carry = ["Add column by column, starting from the ones:"], 0
    da, db = str(a)[::-1], str(b)[::-1]
    for place in range(max(len(da), len(db))):
        digits = [int(n[place]) for n in (da, db) if place < len(n)]
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
    parts = place_parts(b)
    lines = [f"Subtract {b} in parts ({' + '.join(map(str, parts))}):"] if len(parts) > 1 else []
    current = a
    for part in parts:
        lines.append(f"- {current} - {part} = {current - part}")
        current -= part
    lines.append(f"Check: {current} + {b} = {a}.")
    return lines, current


def _multiply(a: int, b: int) -> tuple[list[str], int]:
    """Split the operand with more place-value parts and multiply each part."""
    split, other = (b, a) if len(place_parts(b)) >= len(place_parts(a)) else (a, b)
    parts = place_parts(split)
    products = [other * part for part in parts]
    lines = [f"Split {split} into {' + '.join(map(str, parts))}:"]
    lines += [f"- {other} × {part} = {product}" for part, product in zip(parts, products)]
    lines.append(f"- Add them: {' + '.join(map(str, products))} = {sum(products)}")
    return lines, a * b


def _divide(dividend: int, divisor: int) -> tuple[list[str], int]:
    """Division by chunks: take away divisor × (tens of the quotient), then divisor × (ones)."""
    quotient = dividend // divisor
    lines, left, taken = [f"Take away multiples of {divisor}:"], dividend, []
    for part in place_parts(quotient):
        chunk = divisor * part
        lines.append(f"- {divisor} × {part} = {chunk}, and {left} - {chunk} = {left - chunk} left")
        left -= chunk
        taken.append(part)
    if len(taken) > 1:
        lines.append(f"- Add the multiples: {' + '.join(map(str, taken))} = {quotient}")
    return lines, quotient


WORKING = {"add": (_add, "+"), "subtract": (_subtract, "-"), "multiply": (_multiply, "×"), "divide": (_divide, "÷")}


def _arithmetic_question(rng: random.Random, kind: str) -> tuple[str, list[str], dict]:
    """(question, working lines ending with the answer sentence, check)."""
    questions = ARITHMETIC["questions"].get(kind)
    if kind in WORKING:
        if kind == "add":
            a, b = rng.randint(15, 4999), rng.randint(15, 4999)
        elif kind == "subtract":
            a = rng.randint(200, 9999)
            b = rng.randint(15, a - 1)
        elif kind == "multiply":
            if rng.random() < 0.6:
                a, b = rng.randint(12, 99), rng.choice([n for n in range(12, 100) if n % 10])
            else:
                a, b = rng.randint(102, 999), rng.randint(3, 9)
        else:
            divisor, quotient = rng.randint(3, 25), rng.randint(11, 99)
            a, b = divisor * quotient, divisor
        work, sign = WORKING[kind]
        lines, answer = work(a, b)
        final = f"So {a} {sign} {b} = **{answer}**."
        return rng.choice(questions).format(a=a, b=b), lines + [final], _check(kind, [a, b], Decimal(answer))
    if kind == "percent_of":
        percent, base = rng.choice([5, 10, 12, 15, 20, 25, 30, 40, 45, 60, 75, 80]), rng.randint(20, 900)
        answer = Decimal(percent * base) / 100
        lines = [
            f"{percent}% means {percent} per hundred, so multiply and divide by 100:",
            f"{percent} × {base} = {percent * base}, and {percent * base} ÷ 100 = {number(answer)}.",
        ]
        final = f"So {percent}% of {base} is **{number(answer)}**."
        question = rng.choice(questions).format(a=percent, b=base)
        return question, lines + [final], _check(kind, [percent, base], answer)
    if kind == "what_percent":
        whole, percent = 20 * rng.randint(1, 10), 5 * rng.randint(1, 19)
        part = whole * percent // 100
        ratio = Decimal(part) / Decimal(whole)
        lines = [
            f"Divide the part by the whole: {part} ÷ {whole} = {number(ratio)}.",
            f"Multiply by 100 to get a percentage: {number(ratio)} × 100 = {percent}.",
        ]
        final = f"So {part} out of {whole} is **{percent}%**."
        question = rng.choice(questions).format(a=part, b=whole)
        return question, lines + [final], _check(kind, [part, whole], Decimal(percent))
    if kind == "percent_off":
        item, symbol = rng.choice(ARITHMETIC["sale_items"]), rng.choice(ARITHMETIC["currency_symbols"])
        price, percent = rng.randint(20, 300), rng.choice([10, 15, 20, 25, 30, 40, 50])
        discount = Decimal(price * percent) / 100
        sale = price - discount
        question = rng.choice(ARITHMETIC["percent_off"]).format(item=item, symbol=symbol, price=price, percent=percent)
        lines = [
            f"Discount: {percent}% of {symbol}{price} = {percent} × {price} ÷ 100 = {money(discount, symbol)}.",
            f"Sale price: {symbol}{price} - {money(discount, symbol)} = {money(sale, symbol)}.",
        ]
        final = f"The sale price is **{money(sale, symbol)}**."
        return question, lines + [final], _check(kind, [price, percent], sale)
    # percent_increase
    percent = rng.choice([2, 3, 4, 5, 8, 10, 12, 15, 20])
    base = 100 * rng.randint(10, 500)
    increase = base * percent // 100
    question = rng.choice(ARITHMETIC["percent_increase"]).format(base=base, percent=percent)
    lines = [
        f"Increase: {percent}% of {base} = {percent} × {base} ÷ 100 = {increase}.",
        f"New total: {base} + {increase} = {base + increase}.",
    ]
    final = f"The answer is **{base + increase}**."
    return question, lines + [final], _check("percent_increase", [base, percent], Decimal(base + increase))


def arithmetic_rows(rng: random.Random, seen: set[str]) -> list[dict]:
    rows = []
    for kind, count in ARITHMETIC_PLAN:
        made = 0
        while made < count:
            question, lines, check = _arithmetic_question(rng, kind)
            if question in seen:  # a repeated draw: draw again (still deterministic)
                continue
            seen.add(question)
            rows.append(_single("arithmetic", question, "\n".join(lines), check))
            made += 1
    return rows


# ---- unit_conversion: factors stated in the working; the answer is the last number ----

CONVERSIONS = content("unit_conversion")["conversions"]
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
CONVERSION_COUNTS = {
    "km_to_miles": 13,
    "miles_to_km": 12,
    "kg_to_lb": 13,
    "lb_to_kg": 12,
    "c_to_f": 13,
    "f_to_c": 13,
    "in_to_cm": 10,
    "cm_to_in": 9,
    "ft_to_m": 10,
    "m_to_ft": 9,
}


def _convert(kind: str, value: Decimal) -> tuple[list[str], Decimal]:
    conversion = CONVERSIONS[kind]
    rule, places, v = conversion["rule"], conversion["places"], number(value)
    if kind == "c_to_f":
        scaled = value * Decimal("1.8")
        exact = scaled + 32
        lines = [
            f"Use {rule}, and 9/5 = 1.8:",
            f"{v} × 1.8 = {number(scaled)}, then {number(scaled)} + 32 = {number(exact)}.",
        ]
    elif kind == "f_to_c":
        difference = value - 32
        exact = difference * 5 / Decimal(9)
        shown = f"= {number(exact)}." if exact == rounded(exact, places) else f"≈ {number(rounded(exact, 3))}."
        lines = [
            f"Use {rule}:",
            f"{v} - 32 = {number(difference)}, then {number(difference)} × 5 ÷ 9 = "
            f"{number(difference * 5)} ÷ 9 {shown}",
        ]
    else:
        exact = value * Decimal(conversion["factor"])
        lines = [f"Use {rule}:", f"{v} × {conversion['factor']} = {number(exact)}."]
    answer = rounded(exact, places)
    approx = "" if answer == exact else "about "
    lines.append(f"So {v} {conversion['from']} is {approx}**{number(answer)} {conversion['to']}**.")
    return lines, answer


def unit_conversion_rows(rng: random.Random, seen: set[str]) -> list[dict]:
    rows = []
    for kind, count in CONVERSION_COUNTS.items():
        for value in rng.sample(CONVERSION_VALUES[kind], count):
            question = rng.choice(CONVERSIONS[kind]["questions"]).format(v=number(value))
            if question in seen:
                raise ValueError(f"duplicate conversion question: {question}")
            seen.add(question)
            lines, answer = _convert(kind, value)
            rows.append(_single("unit_conversion", question, "\n".join(lines), _check(kind, [value], answer)))
    return rows


# ---- hand-written categories ----


def handwritten_rows(rng: random.Random) -> list[dict]:
    rows = []
    haiku = content("writing_haiku")
    for entry in haiku["haiku"]:
        rows.append(_single("writing", rng.choice(haiku["prompts"]).format(subject=entry["subject"]), entry["haiku"]))
    summaries = content("writing_summaries")
    for entry in summaries["summaries"]:
        rows.append(_single("writing", rng.choice(summaries["prompts"]).format(text=entry["text"]), entry["summary"]))
    for category, names in HANDWRITTEN.items():
        files = [content(name) for name in names]
        rows.extend(_row(category, [turn]) for file in files for turn in file["single_turn"])
        rows.extend(_row(category, turns) for file in files for turns in file.get("multi_turn", []))
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
    long = [
        message["content"][:60]
        for row in rows
        for message in row["messages"]
        if message["role"] == "assistant" and len(message["content"].split()) > MAX_REPLY_WORDS
    ]
    if long:
        raise ValueError(f"replies over {MAX_REPLY_WORDS} words: {long}")
    rng.shuffle(rows)
    system_prompts = content("system_prompts")["system_prompts"]
    for index in sorted(rng.sample(range(len(rows)), SYSTEM_MESSAGE_ROWS)):
        rows[index]["messages"].insert(0, {"role": "system", "content": rng.choice(system_prompts)})
    return rows


def build(seed: int = SEED) -> dict[Path, list[dict]]:
    """The one output file's rows, keyed by its path relative to the repository root."""
    return {OUTPUT: build_rows(seed)}


if __name__ == "__main__":
    main(build, __doc__.splitlines()[0])
