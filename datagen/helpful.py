"""Build the `helpful` preference data, the helpful PPO prompts and the helpful eval sets.

    python -m datagen.helpful                   # rewrite the shipped files (run from the repository root)
    python -m datagen.helpful --out-dir /tmp/x  # write the same tree under /tmp/x

Reads datagen/content/helpful/*.yaml: question wordings and fact tables for the verifiable tasks
(arithmetic, unit_conversion, string_ops, capitals, elements, facts), hand-written open-ended items
(open_*.yaml), the evasive and needlessly refusing reply pools, the extra PPO prompts and the
held-out open-ended eval prompts.

Writes (paths relative to the repository root, or to --out-dir):
    preference_data/helpful/pairs.jsonl    TRL conversational pairs + category, rejected_kind, check?
    preference_data/helpful/ranked.jsonl   {"prompt", "responses": [4], "ranks": [1..4], "category"}
    preference_data/prompts/helpful.jsonl  {"prompt", "category"} for PPO
    preference_data/prompts/verifiable.jsonl  {"prompt", "category", "check"} for GRPO: each verifiable
                                           pair's prompt once, with its check (no new draws)
    evals/helpful_verifiable.jsonl         {"id", "prompt", "category", "reference", "match"}
    evals/helpful_open.jsonl               {"id", "prompt", "category"}
    evals/helpful_open_extra.jsonl         {"id", "prompt", "category"}: 60 more held-out open requests
    evals/helpful_open_more.jsonl          {"id", "prompt", "category"}: 120 more, written after the PPO runs

Two kinds of items. Verifiable ones are drawn from the tables and every answer is computed here with
`decimal.Decimal` or plain string functions; a wrong reply is computed from a named, plausible
mistake (a forgotten carry, the inverse conversion factor, a swapped letter, a confused city), and
the row's `check` holds the operands and the right answer as strings so
tests/test_shipped_helpful_data.py can recompute it. Open-ended ones (how_to, explain, writing,
coding) are hand-written with a good and a plausibly wrong answer; the other rejected kinds are
derived: `truncated` cuts the good answer before its answer / mid-way, `incomplete` drops steps (or
the code, or later sentences), `off_topic` is another prompt's good answer, `evasive` and
`needless_refusal` come from the pools per request kind. The eval sets are held out: their
entities and wordings come from the `eval_*` keys of the content files and their numbers from other
ranges. See preference_data/helpful/DATA_CARD.md and evals/DATA_CARD.md.

Determinism: one `random.Random(SEED)` is passed through every function below and the call order in
`build` fixes the output, so moving a draw from one function to another changes the shipped bytes;
tests/test_shipped_helpful_data.py rebuilds the files and compares bytes.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path

from datagen.common import load, main, money, number, place_parts, rounded

SEED = 1150
OUTPUTS = {
    "pairs": Path("preference_data/helpful/pairs.jsonl"),
    "ranked": Path("preference_data/helpful/ranked.jsonl"),
    "prompts": Path("preference_data/prompts/helpful.jsonl"),
    "verifiable_prompts": Path("preference_data/prompts/verifiable.jsonl"),
    "eval_verifiable": Path("evals/helpful_verifiable.jsonl"),
    "eval_open": Path("evals/helpful_open.jsonl"),
    "eval_open_extra": Path("evals/helpful_open_extra.jsonl"),
    "eval_open_more": Path("evals/helpful_open_more.jsonl"),
}
content = partial(load, "helpful")
ARITHMETIC = content("arithmetic")
UNIT_CONVERSION = content("unit_conversion")
CONVERSIONS = UNIT_CONVERSION["conversions"]
STRINGS = content("string_ops")
CAPITALS = content("capitals")
ELEMENTS = content("elements")
FACTS = content("facts")
POOLS = content("evasive_and_refusing_replies")
OPEN_CATEGORIES = ["how_to", "explain", "writing", "coding"]
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


def user_turns(turns: str | list[str]) -> list[dict]:
    """A prompt string, or alternating user/assistant turns ending with the user."""
    turns = [turns] if isinstance(turns, str) else turns
    return [{"role": "user" if index % 2 == 0 else "assistant", "content": text} for index, text in enumerate(turns)]


def check(kind: str, operands: list, answer) -> dict:
    return {"kind": kind, "operands": [str(x) for x in operands], "answer": str(answer)}


def spelled(word: str) -> str:
    return "-".join(word)


# =============================================================================================
# Verifiable items: the good reply, a wrong reply from one named slip, a half-done reply
# =============================================================================================

# ---- arithmetic: (lines, answer) for the right method and for one named mistake ----

PLACES = ["ones", "tens", "hundreds", "thousands", "ten-thousands", "hundred-thousands"]
ARITHMETIC_OPS = [
    "add",
    "add",
    "subtract",
    "subtract",
    "multiply",
    "multiply",
    "multiply",
    "divide",
    "divide",
    "percent_of",
    "percent_off",
]


def column_add(a: int, b: int, forget_carry: bool = False) -> tuple[list[str], int]:
    """Column addition; with forget_carry the first carry is never added to the next column."""
    lines, carry, digits_out, forgotten = ["Add column by column, starting from the ones:"], 0, [], False
    da, db = str(a)[::-1], str(b)[::-1]
    for place in range(max(len(da), len(db))):
        digits = [int(n[place]) for n in (da, db) if place < len(n)]
        total = sum(digits) + carry
        expression = " + ".join(map(str, digits)) + (f" + {carry} carried" if carry else "")
        expression += f" = {total}" if len(digits) + bool(carry) > 1 else ""
        carry = total // 10
        digits_out.append(total % 10)
        suffix = f", write {total % 10} and carry {carry}" if carry else ""
        lines.append(f"- {PLACES[place].capitalize()}: {expression}{suffix}")
        if carry and forget_carry and not forgotten:
            carry, forgotten = 0, True
    if carry:
        lines.append(f"- The final carry of {carry} becomes the leading digit.")
        digits_out.append(carry)
    return lines, int("".join(map(str, reversed(digits_out))))


def subtract_parts(a: int, b: int, slip: bool = False) -> tuple[list[str], int]:
    """Subtract b in place-value parts; with slip, the last step comes out 10 too big (a missed borrow)."""
    parts = place_parts(b)
    lines = [f"Subtract {b} in parts ({' + '.join(map(str, parts))}):"] if len(parts) > 1 else []
    current = a
    for index, part in enumerate(parts):
        result = current - part + (10 if slip and index == len(parts) - 1 else 0)
        lines.append(f"- {current} - {part} = {result}")
        current = result
    if not slip:
        lines.append(f"Check: {current} + {b} = {a}.")
    return lines, current


def multiply_parts(a: int, b: int, drop_zero: bool = False) -> tuple[list[str], int]:
    """Split the operand with more parts; with drop_zero the first part >= 10 loses its zero."""
    split, other = (b, a) if len(place_parts(b)) >= len(place_parts(a)) else (a, b)
    parts, products, dropped = place_parts(split), [], False
    lines = [f"Split {split} into {' + '.join(map(str, parts))}:"]
    for part in parts:
        product = other * part
        if drop_zero and not dropped and part >= 10:
            product, dropped = product // 10, True
        products.append(product)
        lines.append(f"- {other} × {part} = {product}")
    lines.append(f"- Add them: {' + '.join(map(str, products))} = {sum(products)}")
    return lines, sum(products)


def divide_chunks(dividend: int, divisor: int, stop_short: bool = False) -> tuple[list[str], int]:
    """Take away divisor × (tens of the quotient), then × (ones); stop_short takes one divisor too few."""
    quotient = dividend // divisor
    parts = place_parts(quotient)
    if stop_short:
        parts[-1] -= 1
    lines, left = [f"Take away multiples of {divisor}:"], dividend
    for part in (p for p in parts if p):
        lines.append(
            f"- {divisor} × {part} = {divisor * part}, and {left} - {divisor * part} = {left - divisor * part} left"
        )
        left -= divisor * part
    return lines, sum(parts)


def arithmetic_item(op: str, a: int, b: int, question: str | list[str], symbol: str = "$") -> Item:
    """The good reply, the wrong reply (one named slip) and the incomplete reply for one question.
    For percent_off, a is the percentage and b the price."""
    if op == "add":
        lines, answer = column_add(a, b)
        wrong_lines, wrong = column_add(a, b, forget_carry=True)
        final = "So {a} + {b} = **{x}**."
        half = lines[:2] + ["Then do the same for the remaining columns and read off the total."]
    elif op == "subtract":
        lines, answer = subtract_parts(a, b)
        wrong_lines, wrong = subtract_parts(a, b, slip=True)
        final = "So {a} - {b} = **{x}**."
        half = [
            f"Break {b} into place-value parts and take each one away from {a} in turn; what is left at the end "
            "is the answer."
        ]
    elif op == "multiply":
        lines, answer = multiply_parts(a, b)
        wrong_lines, wrong = multiply_parts(a, b, drop_zero=True)
        final = "So {a} × {b} = **{x}**."
        half = lines[:2] + ["Work out the other parts the same way and add the results."]
    elif op == "divide":
        lines, answer = divide_chunks(a, b)
        wrong_lines, wrong = divide_chunks(a, b, stop_short=True)
        final = "So {a} ÷ {b} = **{x}**."
        half = lines[:2] + [
            f"Keep taking away multiples of {b} until nothing is left, then add up the multiples you used."
        ]
    elif op == "percent_of":
        answer, wrong = Decimal(a * b) / 100, Decimal(a * b) / 10  # the slip: dividing by 10, not 100
        lines = [
            f"{a}% means {a} per hundred, so multiply and divide by 100:",
            f"{a} × {b} = {a * b}, and {a * b} ÷ 100 = {number(answer)}.",
        ]
        wrong_lines = [f"{a}% of {b}: {a} × {b} = {a * b}, and {a * b} ÷ 10 = {number(wrong)}."]
        final = "So {a}% of {b} is **{x}**."
        half = [f"{a}% means {a} per hundred, so multiply {b} by {a} and then divide by 100."]
    else:  # percent_off; the slip: paying the discount instead of the price minus the discount
        discount = Decimal(a * b) / 100
        answer, wrong = b - discount, discount
        lines = [
            f"Discount: {a}% of {symbol}{b} = {a} × {b} ÷ 100 = {money(discount, symbol)}.",
            f"Sale price: {symbol}{b} - {money(discount, symbol)} = {money(answer, symbol)}.",
        ]
        wrong_lines = [f"{a}% of {symbol}{b} = {a} × {b} ÷ 100 = {money(discount, symbol)}."]
        final, half = "You pay **{x}**.", [lines[0]]
    show = (lambda value: money(value, symbol)) if op == "percent_off" else number
    chosen = "\n".join(lines + [final.format(a=a, b=b, x=show(answer))])
    if op == "divide":
        wrong_final = f"With {b} left over, the answer is **{wrong}**."
    else:
        wrong_final = final.format(a=a, b=b, x=show(wrong))
    operands = [b, a] if op == "percent_off" else [a, b]
    return Item(
        "arithmetic",
        user_turns(question),
        chosen,
        number(answer),
        check(op, operands, number(answer)),
        "\n".join(wrong_lines + [wrong_final]),
        "\n".join(half),
        "arithmetic",
    )


def draw_arithmetic(rng: random.Random, op: str) -> tuple[int, int]:
    """Training number ranges; the eval draws from other ranges (eval_arithmetic)."""
    if op == "add":
        return rng.randint(15, 4999), rng.randint(15, 4999)
    if op == "subtract":
        a = rng.randint(200, 9999)
        return a, rng.randint(15, a - 1)
    if op == "multiply":
        if rng.random() < 0.6:
            return rng.randint(12, 99), rng.choice([n for n in range(12, 100) if n % 10])
        return rng.randint(102, 999), rng.randint(3, 9)
    if op == "divide":  # quotient with a non-zero ones digit, so "one divisor too few" is a real slip
        divisor, quotient = rng.randint(3, 25), rng.choice([n for n in range(11, 100) if n % 10])
        return divisor * quotient, divisor
    if op == "percent_of":
        return rng.choice([5, 10, 15, 20, 25, 30, 40, 60, 75, 80]), rng.randint(20, 900)
    return rng.choice([10, 15, 20, 25, 30, 40]), rng.randint(20, 300)  # percent_off: never 50, where discount = price


def new_arithmetic(rng: random.Random) -> Item:
    op = rng.choice(ARITHMETIC_OPS)
    a, b = draw_arithmetic(rng, op)
    symbol, thing = rng.choice(["$", "£"]), rng.choice(ARITHMETIC["sale_items"])
    question = rng.choice(ARITHMETIC["questions"][op]).format(a=a, b=b, s=symbol, item=thing)
    return arithmetic_item(op, a, b, question, symbol)


def follow_up_arithmetic(rng: random.Random) -> Item:
    """A sum, its answer, then "multiply / subtract that": the first operand is in the assistant turn."""
    a, b = draw_arithmetic(rng, "add")
    first = arithmetic_item("add", a, b, rng.choice(ARITHMETIC["questions"]["add"]).format(a=a, b=b))
    if rng.random() < 0.5:
        operand, op = rng.randint(3, 9), "multiply"
    else:
        operand, op = rng.randint(15, a + b - 1), "subtract"
    question = rng.choice(ARITHMETIC["follow_up_questions"][op]).format(c=operand)
    return arithmetic_item(op, a + b, operand, [first.prompt[0]["content"], first.chosen, question])


# ---- unit conversion ----

# kind: (operation, factor) for the linear conversions; temperatures are handled separately
FACTORS = {
    "km_to_miles": ("×", "0.621371"),
    "miles_to_km": ("×", "1.609344"),
    "kg_to_lb": ("×", "2.20462"),
    "lb_to_kg": ("×", "0.45359237"),
    "inch_to_cm": ("×", "2.54"),
    "cm_to_inch": ("÷", "2.54"),
    "feet_to_m": ("×", "0.3048"),
    "m_to_feet": ("÷", "0.3048"),
}
TRAIN_VALUES = {
    "km_to_miles": range(1, 301),
    "miles_to_km": range(1, 201),
    "kg_to_lb": range(1, 151),
    "lb_to_kg": range(1, 251),
    "c_to_f": range(-30, 46),
    "f_to_c": list(range(-20, 111)) + list(range(300, 451, 25)),
    "inch_to_cm": range(1, 101),
    "cm_to_inch": range(1, 251),
    "feet_to_m": range(1, 501),
    "m_to_feet": range(1, 201),
}
EVAL_VALUES = {
    "km_to_miles": range(301, 1000),
    "miles_to_km": range(201, 601),
    "kg_to_lb": range(151, 401),
    "lb_to_kg": range(251, 601),
    "c_to_f": list(range(-60, -30)) + list(range(46, 100)),
    "f_to_c": range(111, 300),
    "inch_to_cm": range(101, 301),
    "cm_to_inch": range(251, 901),
    "feet_to_m": range(501, 2001),
    "m_to_feet": range(201, 901),
}


def convert(kind: str, value: Decimal, mistake: bool = False) -> tuple[list[str], Decimal]:
    """Working lines and the unrounded result; with `mistake`, the named wrong method."""
    v, rule = number(value), CONVERSIONS[kind]["rule"]
    if kind == "c_to_f":
        scaled = value * Decimal("1.8")
        if mistake:  # forgets the + 32
            return ["Use °F = °C × 9/5, and 9/5 = 1.8:", f"{v} × 1.8 = {number(scaled)}."], scaled
        return [
            f"Use {rule}, and 9/5 = 1.8:",
            f"{v} × 1.8 = {number(scaled)}, then {number(scaled)} + 32 = {number(scaled + 32)}.",
        ], scaled + 32
    if kind == "f_to_c":
        if mistake:  # multiplies by 5/9 before taking away 32
            scaled = value * 5 / Decimal(9)
            return [
                "Multiply by 5/9, then subtract 32:",
                f"{v} × 5 ÷ 9 ≈ {number(rounded(scaled, 3))}, and {number(rounded(scaled, 3))} - 32 ≈ "
                f"{number(rounded(scaled - 32, 3))}.",
            ], scaled - 32
        difference = value - 32
        exact = difference * 5 / Decimal(9)
        shown = f"= {number(exact)}" if exact == rounded(exact, 1) else f"≈ {number(rounded(exact, 3))}"
        return [f"Use {rule}:", f"{v} - 32 = {number(difference)}, then {number(difference)} × 5 ÷ 9 {shown}."], exact
    operation, factor = FACTORS[kind]
    if mistake:  # the factor applied the wrong way round
        operation = "÷" if operation == "×" else "×"
    exact = value * Decimal(factor) if operation == "×" else value / Decimal(factor)
    shown = f"= {number(exact)}" if exact == rounded(exact, 4) else f"≈ {number(rounded(exact, 4))}"
    if mistake:
        rule = f"{'Multiply' if operation == '×' else 'Divide'} by {factor}:"
    else:
        rule = f"Use {rule}:"
    return [rule, f"{v} {operation} {factor} {shown}."], exact


def conversion_item(kind: str, value: Decimal, question: str | list[str]) -> Item:
    conversion = CONVERSIONS[kind]
    source, target, rule, places = conversion["from"], conversion["to"], conversion["rule"], conversion["places"]
    lines, exact = convert(kind, value)
    wrong_lines, wrong_exact = convert(kind, value, mistake=True)
    answer, wrong = rounded(exact, places), rounded(wrong_exact, places)
    v = number(value)

    def final(result: Decimal, unrounded: Decimal) -> str:
        return f"So {v} {source} is {'' if result == unrounded else 'about '}**{number(result)} {target}**."

    if kind in FACTORS:
        verb = "multiply" if FACTORS[kind][0] == "×" else "divide"
        half = f"Use {rule}, so {verb} {v} by {FACTORS[kind][1]} and round to two decimal places."
    elif kind == "c_to_f":
        half = f"Use {rule}: multiply {v} by 1.8, then add 32."
    else:
        half = f"Use {rule}: take 32 away from {v}, then multiply by 5 and divide by 9."
    return Item(
        "unit_conversion",
        user_turns(question),
        "\n".join(lines + [final(answer, exact)]),
        number(answer),
        check(kind, [v], number(answer)),
        "\n".join(wrong_lines + [final(wrong, wrong_exact)]),
        half,
        "unit_conversion",
    )


def new_conversion(rng: random.Random) -> Item:
    kind = rng.choice(sorted(CONVERSIONS))
    value = Decimal(rng.choice(list(TRAIN_VALUES[kind])))
    return conversion_item(kind, value, rng.choice(CONVERSIONS[kind]["questions"]).format(v=number(value)))


def follow_up_conversion(rng: random.Random) -> Item:
    kind = rng.choice(sorted(CONVERSIONS))
    first_value, value = (Decimal(v) for v in rng.sample(list(TRAIN_VALUES[kind]), 2))
    first = conversion_item(kind, first_value, rng.choice(CONVERSIONS[kind]["questions"]).format(v=number(first_value)))
    question = rng.choice(UNIT_CONVERSION["follow_up_questions"]).format(v=number(value), u=CONVERSIONS[kind]["from"])
    return conversion_item(kind, value, [first.prompt[0]["content"], first.chosen, question])


# ---- string operations ----


def string_item(op: str, target, question: str, rng: random.Random) -> Item:
    """target: a word, a (word, letter) pair, a sentence, a word list or a phrase, depending on op."""
    if op == "reverse":
        answer = target[::-1]
        i = rng.choice([k for k in range(len(answer) - 1) if answer[k] != answer[k + 1]])
        wrong = answer[:i] + answer[i + 1] + answer[i] + answer[i + 2 :]
        reading = f'Reading "{target}" from the last letter to the first:'
        chosen = f"{reading} {spelled(answer)}.\nReversed, it is **{answer}**."
        wrong_text = f"{reading} {spelled(wrong)}.\nReversed, it is **{wrong}**."
        half = (
            f'Start from the last letter, "{target[-1]}", then "{target[-2]}", and keep going back to the '
            f'first letter, "{target[0]}".'
        )
        operands = [target]
    elif op == "word_length":
        answer = str(len(target))
        i = rng.randrange(1, len(target) - 1)
        chosen = f'Spelled out, "{target}" is {spelled(target)}.\nThat is **{answer}** letters.'
        wrong_text = (
            f'Spelled out, "{target}" is {spelled(target[:i] + target[i + 1 :])}.\n'
            f"That is **{len(target) - 1}** letters."
        )
        half = f"Spell it out, {spelled(target[:3])} and so on, and count each letter as you go."
        operands = [target]
    elif op == "count_letter":
        word, letter = target
        positions = [str(k + 1) for k, c in enumerate(word) if c == letter]
        answer = str(len(positions))

        def reply(found: list[str]) -> str:
            where = f"position{'s' if len(found) > 1 else ''} {', '.join(found)}"
            return (
                f'Spelled out, "{word}" is {spelled(word)}.\nThe letter "{letter}" is at {where}, so it '
                f"appears **{len(found)}** time{'s' if len(found) > 1 else ''}."
            )

        chosen, wrong_text = reply(positions), reply(positions[:-1]) if len(positions) > 1 else ""
        half = f'Spell out "{word}" and mark every "{letter}" you see; the number of marks is the answer.'
        operands = [word, letter]
    elif op == "count_words":
        words = [w.strip(".,?!") for w in target.split()]
        answer = str(len(words))
        skip = rng.randrange(1, len(words) - 1)
        kept = words[:skip] + words[skip + 1 :]

        def counted(found: list[str]) -> str:
            numbered = ", ".join(f"{w} ({k})" for k, w in enumerate(found, 1))
            return f"Counting the words separated by spaces: {numbered}.\nThere are **{len(found)}** words."

        chosen, wrong_text = counted(words), counted(kept)
        half = (
            f'Count each group of letters between spaces: "{words[0]}" is 1, "{words[1]}" is 2, and so on to the end.'
        )
        operands = [target]
    elif op == "sort_words":
        ordered = sorted(target)
        answer = ", ".join(ordered)
        # the slip: words that share a first letter are left in the wrong order
        by_first = sorted(ordered, key=lambda w: (w[0], [-ord(c) for c in w[1:]]))
        letters = ", ".join(w[0] for w in ordered)
        chosen = (
            f"Compare the first letters ({letters}), and the next letters when two words start the same way:\n"
            f"**{answer}**."
        )
        wrong_text = f"Compare the first letters ({letters}):\n**{', '.join(by_first)}**."
        half = f"Compare the first letters ({letters}), then write the words out in that order."
        operands = list(target)
    else:  # upper
        answer = target.upper()
        words = target.split()
        wrong = rng.choice([target.title(), " ".join(w.upper() for w in words[:-1]) + " " + words[-1]])
        chosen, wrong_text = f"In capital letters: **{answer}**", f"In capital letters: **{wrong}**"
        half = f'Change every letter to its capital form; for example, "{words[0]}" becomes "{words[0].upper()}".'
        operands = [target]
    return Item(
        "string_ops", user_turns(question), chosen, answer, check(op, operands, answer), wrong_text, half, "string_ops"
    )


def repeated_letter(rng: random.Random, word: str) -> str:
    repeats = sorted({c for c in word if word.count(c) > 1})
    return rng.choice(repeats) if repeats else ""


def new_string(rng: random.Random) -> Item:
    op = rng.choice(sorted(STRINGS["questions"]))
    template = rng.choice(STRINGS["questions"][op])
    if op in ("reverse", "word_length"):
        word = rng.choice(STRINGS["words"])
        return string_item(op, word, template.format(w=word), rng)
    if op == "count_letter":
        word = rng.choice([w for w in STRINGS["words"] if repeated_letter(rng, w)])
        letter = repeated_letter(rng, word)
        return string_item(op, (word, letter), template.format(w=word, c=letter), rng)
    if op == "count_words":
        sentence = rng.choice(STRINGS["sentences"])
        return string_item(op, sentence, template.format(s=sentence), rng)
    if op == "sort_words":
        words = rng.sample(rng.choice(STRINGS["sort_lists"]), 4)
        return string_item(op, words, template.format(l=", ".join(words)), rng)
    phrase = rng.choice(STRINGS["phrases"])
    return string_item(op, phrase, template.format(p=phrase), rng)


# ---- lookups: capitals, elements, other facts ----


def new_capital(rng: random.Random) -> Item:
    entry = rng.choice(CAPITALS["capitals"])
    country, capital = entry["country"], entry["capital"]
    others = [other for other in CAPITALS["capitals"] if other["country"] != country]
    if rng.random() < 0.7:
        question = rng.choice(CAPITALS["questions"]).format(country=country)
        chosen = f"The capital of {country} is {capital}. {entry['note']}".strip()
        wrong = f"The capital of {country} is {entry['confusion'] or rng.choice(others)['capital']}."
        return Item(
            "capitals",
            user_turns(question),
            chosen,
            capital,
            check("capital", [country], capital),
            wrong,
            None,
            "lookup",
        )
    question = rng.choice(CAPITALS["reverse_questions"]).format(capital=capital)
    chosen = f"{capital} is the capital of {country}."
    wrong = f"{capital} is the capital of {rng.choice(others)['country']}."
    return Item(
        "capitals",
        user_turns(question),
        chosen,
        country,
        check("capital_of", [capital], country),
        wrong,
        None,
        "lookup",
    )


def new_element(rng: random.Random) -> Item:
    elements = ELEMENTS["elements"]
    index = rng.randrange(len(elements))
    name, symbol, atomic = elements[index]["name"], elements[index]["symbol"], elements[index]["number"]
    near = elements[index + 1 if index + 1 < len(elements) else index - 1]  # a neighbour: plausible
    style = rng.choice(sorted(ELEMENTS["questions"]))
    question = rng.choice(ELEMENTS["questions"][style]).format(name=name, symbol=symbol)
    if style == "symbol":
        chosen = f"The chemical symbol for {name} is {symbol}."
        wrong = f"The chemical symbol for {name} is {near['symbol']}."
        return Item(
            "elements",
            user_turns(question),
            chosen,
            symbol,
            check("element_symbol", [name], symbol),
            wrong,
            None,
            "lookup",
        )
    if style == "number":
        protons = "proton" if atomic == 1 else "protons"
        chosen = f"{name.capitalize()} has atomic number {atomic}: each atom has {atomic} {protons} in its nucleus."
        wrong = (
            f"{name.capitalize()} has atomic number {near['number']}: each atom has {near['number']} protons in "
            "its nucleus."
        )
        return Item(
            "elements",
            user_turns(question),
            chosen,
            str(atomic),
            check("element_number", [name], atomic),
            wrong,
            None,
            "lookup",
        )
    chosen = f"The symbol {symbol} stands for {name}, which has atomic number {atomic}."
    wrong = f"The symbol {symbol} stands for {near['name']}, which has atomic number {near['number']}."
    return Item(
        "elements", user_turns(question), chosen, name, check("element_name", [symbol], name), wrong, None, "lookup"
    )


def new_fact(rng: random.Random) -> Item:
    fact = rng.choice(FACTS["facts"])
    return Item(
        "facts",
        user_turns(fact["question"]),
        fact["chosen"],
        fact["answer"],
        check("fact", [fact["key"]], fact["answer"]),
        fact["wrong"],
        None,
        "lookup",
    )


NEW_ITEM = {
    "arithmetic": new_arithmetic,
    "unit_conversion": new_conversion,
    "string_ops": new_string,
    "capitals": new_capital,
    "elements": new_element,
    "facts": new_fact,
}


# =============================================================================================
# Open-ended items (how_to, explain, writing, coding) from the hand-written tables
# =============================================================================================

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
        return "\n".join(filled[: (len(filled) + 1) // 2])
    sentences = SENTENCE_END.split(text)
    return sentences[0] if len(sentences) >= 3 else None


def open_items(rng: random.Random) -> list[Item]:
    items = []
    for category in OPEN_CATEGORIES:
        for entry in content(f"open_{category}")["items"]:
            chosen = entry["chosen"]
            items.append(
                Item(
                    category,
                    user_turns(entry["prompt"]),
                    chosen,
                    "",
                    None,
                    entry["wrong"],
                    incomplete_open(rng, chosen),
                    category,
                )
            )
    return items


# =============================================================================================
# Derived rejected replies, and the checks that keep them honest
# =============================================================================================

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?")


def is_numeric(text: str) -> bool:
    return re.fullmatch(r"-?\d+(?:\.\d+)?", text) is not None


def answer_position(text: str, item: Item) -> int | None:
    """Where `text` first states the item's answer, or None: numbers compared as values, words as
    whole words ignoring case (exact case for the upper-case task)."""
    if is_numeric(item.answer):
        return next((m.start() for m in NUMBER.finditer(text) if Decimal(m.group()) == Decimal(item.answer)), None)
    flags = 0 if item.check and item.check["kind"] == "upper" else re.IGNORECASE
    match = re.search(rf"(?<!\w){re.escape(item.answer)}(?!\w)", text, flags)
    return match.start() if match else None


def contains_answer(text: str, item: Item) -> bool:
    return answer_position(text, item) is not None


def cut_words(text: str, keep: int) -> str:
    """The first `keep` words of text, with its line breaks."""
    ends = [match.end() for match in re.finditer(r"\S+", text)]
    return text[: ends[keep - 1]].rstrip(" ,;:") if keep else ""


def truncated(rng: random.Random, item: Item) -> str:
    """Cut mid-way; a verifiable reply is cut before it first states the answer."""
    text = item.chosen
    if item.answer:
        prefix = text[: answer_position(text, item)]
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
        return rng.choice(POOLS["evasions"]["open" if item.category in OPEN_CATEGORIES else item.group])
    return rng.choice(POOLS["needless_refusals"][item.group])


def usable(item: Item, kind: str, text: str | None) -> bool:
    """A rejected reply must differ from the good one and, for verifiable items, not state the answer."""
    if not text or text == item.chosen:
        return False
    if item.answer and kind != "off_topic" and kind in ("wrong", "incomplete", "truncated"):
        return not contains_answer(text, item)
    return not (item.answer and contains_answer(text, item))


# =============================================================================================
# Training files: preference pairs, ranked lists, PPO prompts
# =============================================================================================

TOTAL_PAIRS = 1200
KIND_SHARES = {"wrong": 30, "truncated": 15, "evasive": 15, "off_topic": 15, "needless_refusal": 15, "incomplete": 10}
VERIFIABLE_SHARES = {
    "arithmetic": 30,
    "unit_conversion": 22,
    "string_ops": 22,
    "capitals": 10,
    "elements": 8,
    "facts": 8,
}
FOLLOW_UPS = {"arithmetic": 14, "unit_conversion": 10}  # multi-turn verifiable pairs
RANKED_PLAN = {"arithmetic": 30, "unit_conversion": 20, "string_ops": 20, "capitals": 8, "elements": 7}
OPEN_RANKED = 25
PROMPT_PLAN = {"arithmetic": 30, "unit_conversion": 25, "string_ops": 25, "capitals": 10, "elements": 10}


def shares_to_counts(shares: dict[str, int], total: int) -> dict[str, int]:
    """Split `total` by `shares` (largest remainder), in the dict's order."""
    exact = {key: Decimal(total * share) / sum(shares.values()) for key, share in shares.items()}
    counts = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: -(exact[k] - counts[k]))[: total - sum(counts.values())]:
        counts[key] += 1
    return counts


def user_texts(item: Item) -> set[str]:
    return {message["content"] for message in item.prompt if message["role"] == "user"}


def plan_open(rng: random.Random, items: list[Item]) -> list[tuple[Item, str]]:
    """Each open item: its hand-written wrong reply plus three derived kinds, least used (per share) first."""
    used, plan = Counter(), []
    for item in items:
        plan.append((item, "wrong"))
        kinds = [
            k
            for k in ("truncated", "evasive", "off_topic", "needless_refusal", "incomplete")
            if k != "incomplete" or item.incomplete
        ]
        rng.shuffle(kinds)
        kinds.sort(key=lambda k: used[k] / KIND_SHARES[k])
        for kind in kinds[:3]:
            used[kind] += 1
            plan.append((item, kind))
    return plan


def plan_verifiable(rng: random.Random, open_plan: list[tuple[Item, str]]) -> list[tuple[str, str]]:
    """(category, kind) slots so that all pairs together meet KIND_SHARES; no `incomplete` for lookups."""
    quota = shares_to_counts(KIND_SHARES, TOTAL_PAIRS)
    used = Counter(kind for _, kind in open_plan)
    kinds = [kind for kind in KIND_SHARES for _ in range(quota[kind] - used[kind])]
    categories = [c for c, n in shares_to_counts(VERIFIABLE_SHARES, len(kinds)).items() for _ in range(n)]
    rng.shuffle(kinds)
    rng.shuffle(categories)
    swap = 0
    for index, (category, kind) in enumerate(zip(categories, kinds)):
        if category in LOOKUPS and kind == "incomplete":
            while categories[swap] in LOOKUPS or kinds[swap] == "incomplete":
                swap += 1
            kinds[index], kinds[swap] = kinds[swap], kinds[index]
    return list(zip(categories, kinds))


def verifiable_pairs(rng: random.Random, slots: list[tuple[str, str]], seen: set[str]) -> list[tuple[Item, str, str]]:
    """Draw an item for each slot until the slot's rejected kind can be made for it."""
    follow_ups, made, used = Counter(), [], set()
    for category, kind in slots:
        maker = NEW_ITEM[category]
        if follow_ups[category] < FOLLOW_UPS.get(category, 0):
            follow_ups[category] += 1
            maker = follow_up_arithmetic if category == "arithmetic" else follow_up_conversion
        while True:
            item = maker(rng)
            key = (json.dumps(item.prompt, ensure_ascii=False), kind)
            text = None if kind == "off_topic" else rejected_text(rng, item, kind)
            if key not in used and (kind == "off_topic" or usable(item, kind, text)):
                break
        used.add(key)
        seen.add(key[0])
        made.append((item, kind, text))
    return made


def off_topic_text(rng: random.Random, item: Item, pool: list[Item]) -> str:
    """Another prompt's good answer; for a verifiable item, from its own category half the time."""
    same = [other for other in pool if other.category == item.category]
    while True:
        donor = rng.choice(same if item.answer and rng.random() < 0.5 else pool)
        if not user_texts(donor) & user_texts(item) and usable(item, "off_topic", donor.chosen):
            return donor.chosen


def pair_row(item: Item, kind: str, rejected: str) -> dict:
    row = {
        "prompt": item.prompt,
        "chosen": [{"role": "assistant", "content": item.chosen}],
        "rejected": [{"role": "assistant", "content": rejected}],
        "category": item.category,
        "rejected_kind": kind,
    }
    if item.check is not None:
        row["check"] = item.check
    return row


def build_pairs(rng: random.Random, seen: set[str]) -> tuple[list[dict], list[Item]]:
    """Every open item gets its hand-written wrong reply plus three derived kinds; verifiable slots then
    fill the rest so that all pairs together meet KIND_SHARES."""
    items = open_items(rng)
    open_plan = plan_open(rng, items)
    made = [(item, kind, None if kind == "off_topic" else rejected_text(rng, item, kind)) for item, kind in open_plan]
    made += verifiable_pairs(rng, plan_verifiable(rng, open_plan), seen)
    pools = {True: [m[0] for m in made if m[0].answer], False: items}
    rows = [
        pair_row(item, kind, text if kind != "off_topic" else off_topic_text(rng, item, pools[bool(item.answer)]))
        for item, kind, text in made
    ]
    keys = Counter(json.dumps([row["prompt"], row["chosen"], row["rejected"]], ensure_ascii=False) for row in rows)
    if max(keys.values()) > 1 or any(row["chosen"] == row["rejected"] for row in rows):
        raise ValueError("a repeated pair or a pair whose replies are identical")
    rng.shuffle(rows)
    return rows, items


def fresh_items(rng: random.Random, plan: dict[str, int], seen: set[str]) -> list[Item]:
    """New verifiable items whose prompts appear nowhere else in the training files."""
    items = []
    for category, count in plan.items():
        while count:
            item = NEW_ITEM[category](rng)
            key = json.dumps(item.prompt, ensure_ascii=False)
            if key not in seen:
                seen.add(key)
                items.append(item)
                count -= 1
    return items


def ranked_row(rng: random.Random, item: Item, second: str, evasive: str) -> dict:
    """Best first: complete and right > right but terse / incomplete > evasive > wrong; listed shuffled."""
    texts, order = [item.chosen, second, evasive, item.wrong], [0, 1, 2, 3]
    rng.shuffle(order)
    return {
        "prompt": item.prompt,
        "responses": [texts[k] for k in order],
        "ranks": [k + 1 for k in order],
        "category": item.category,
    }


def build_ranked(rng: random.Random, seen: set[str], open_pool: list[Item]) -> list[dict]:
    """Fresh verifiable prompts that appear nowhere else in the training files, then open items."""
    rows = []
    for item in fresh_items(rng, RANKED_PLAN, seen):
        lines = item.chosen.splitlines()
        terse = lines[-1] if len(lines) > 1 else f"{item.answer}."
        evasive = next(
            text
            for text in (rng.choice(POOLS["evasions"][item.group]) for _ in range(50))
            if not contains_answer(text, item)
        )
        rows.append(ranked_row(rng, item, terse, evasive))
    candidates = [item for item in open_pool if item.incomplete and len(item.prompt) == 1]
    for item in rng.sample(candidates, OPEN_RANKED):
        rows.append(ranked_row(rng, item, item.incomplete, rng.choice(POOLS["evasions"]["open"])))
    rng.shuffle(rows)
    return rows


def build_prompts(rng: random.Random, seen: set[str], open_pool: list[Item]) -> list[dict]:
    rows = [{"prompt": item.prompt, "category": item.category} for item in open_pool]
    rows += [
        {"prompt": user_turns(text), "category": category}
        for category, texts in content("ppo_prompts").items()
        for text in texts
    ]
    rows += [{"prompt": item.prompt, "category": item.category} for item in fresh_items(rng, PROMPT_PLAN, seen)]
    rng.shuffle(rows)
    return rows


# =============================================================================================
# Held-out eval sets
# =============================================================================================


def eval_arithmetic(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(category, prompt, reference, match), from number ranges and wording no training prompt uses."""
    rows = []
    for op, template in ARITHMETIC["eval_questions"].items():
        for _ in range(5):
            if op in ("add", "subtract"):
                a = rng.randint(50000 if op == "subtract" else 10000, 99999)
                b = rng.randint(10000, a - 1 if op == "subtract" else 99999)
                answer = a + b if op == "add" else a - b
            elif op == "multiply":
                a, b = rng.randint(101, 999), rng.choice([n for n in range(11, 100) if n % 10])
                answer = a * b
            elif op == "boxes":
                a, b = rng.randint(13, 95), rng.randint(12, 48)
                answer = a * b
            else:  # divide, share: exact quotients
                if op == "divide":
                    b, answer = rng.randint(26, 75), rng.randint(101, 999)
                else:
                    b, answer = rng.randint(3, 12), rng.randint(15, 120)
                a = b * answer
            rows.append(("arithmetic", template.format(a=a, b=b), str(answer), "number"))
    return rows


def eval_conversions(rng: random.Random) -> list[tuple[str, str, str, str]]:
    rows = []
    for kind in sorted(CONVERSIONS):
        for value in rng.sample(list(EVAL_VALUES[kind]), 3):
            answer = rounded(convert(kind, Decimal(value))[1], CONVERSIONS[kind]["places"])
            question = CONVERSIONS[kind]["eval_question"].format(v=value)
            rows.append(("unit_conversion", question, number(answer), "number"))
    return rows


def eval_strings(rng: random.Random) -> list[tuple[str, str, str, str]]:
    questions = STRINGS["eval_questions"]
    words, rows = rng.sample(STRINGS["eval_words"], len(STRINGS["eval_words"])), []
    for word in words[:5]:
        rows.append(("string_ops", questions["reverse"].format(w=word), word[::-1], "contains"))
    for word in words[5:10]:
        rows.append(("string_ops", questions["word_length"].format(w=word), str(len(word)), "number"))
    for word in [w for w in words[10:] if repeated_letter(rng, w)][:5]:
        letter = repeated_letter(rng, word)
        question = questions["count_letter"].format(w=word, c=letter)
        rows.append(("string_ops", question, str(word.count(letter)), "number"))
    for sentence in rng.sample(STRINGS["eval_sentences"], 5):
        rows.append(("string_ops", questions["count_words"].format(s=sentence), str(len(sentence.split())), "number"))
    for words in rng.sample(STRINGS["eval_sort_lists"], 5):
        shuffled = rng.sample(words, len(words))
        rows.append(
            ("string_ops", questions["sort_words"].format(l=", ".join(shuffled)), ", ".join(sorted(words)), "contains")
        )
    return rows


def eval_lookups(rng: random.Random) -> list[tuple[str, str, str, str]]:
    rows = []
    capitals = rng.sample(CAPITALS["eval_capitals"], len(CAPITALS["eval_capitals"]))
    for entry in capitals[:25]:
        question = CAPITALS["eval_question"].format(country=entry["country"])
        rows.append(("capitals", question, entry["capital"], "contains"))
    for entry in capitals[25:]:
        rows.append(
            (
                "capitals",
                CAPITALS["eval_reverse_question"].format(capital=entry["capital"]),
                entry["country"].removeprefix("the "),
                "contains",
            )
        )
    elements = rng.sample(ELEMENTS["eval_elements"], len(ELEMENTS["eval_elements"]))
    for entry in elements[:12]:
        rows.append(
            (
                "elements",
                ELEMENTS["eval_questions"]["number"].format(name=entry["name"]),
                str(entry["number"]),
                "number",
            )
        )
    for entry in elements[12:]:
        rows.append(
            ("elements", ELEMENTS["eval_questions"]["name"].format(symbol=entry["symbol"]), entry["name"], "contains")
        )
    rows += [("facts", fact["question"], fact["reference"], fact["match"]) for fact in FACTS["eval_facts"]]
    return rows


def build_verifiable_eval(rng: random.Random) -> list[dict]:
    items = eval_arithmetic(rng) + eval_conversions(rng) + eval_strings(rng) + eval_lookups(rng)
    rng.shuffle(items)
    return [
        {"id": f"hv-{k:04d}", "prompt": prompt, "category": category, "reference": reference, "match": match}
        for k, (category, prompt, reference, match) in enumerate(items, 1)
    ]


def build_open_eval(rng: random.Random, name: str, prefix: str) -> list[dict]:
    """One held-out open-ended file: its prompts in a seeded shuffle, ids <prefix>-0001 ..."""
    table = content("eval_open_prompts")[name]
    flat = [(category, prompt) for category, prompts in table.items() for prompt in prompts]
    rng.shuffle(flat)
    return [
        {"id": f"{prefix}-{k:04d}", "prompt": prompt, "category": category}
        for k, (category, prompt) in enumerate(flat, 1)
    ]


# =============================================================================================
# Assembly
# =============================================================================================


def verifiable_prompts(pairs: list[dict]) -> list[dict]:
    """The verifiable pairs' prompts, each conversation once (first occurrence, in pair order), with the
    check that holds its answer: GRPO's verifiable-reward prompts. Derived, not drawn: no other file changes."""
    rows, seen = [], set()
    for pair in pairs:
        key = json.dumps(pair["prompt"], sort_keys=True)
        if "check" not in pair or key in seen:
            continue
        seen.add(key)
        rows.append({"prompt": pair["prompt"], "category": pair["category"], "check": pair["check"]})
    return rows


def build(seed: int = SEED) -> dict[Path, list[dict]]:
    """Every file's rows from one seeded generator; the order of these calls fixes the output bytes."""
    rng = random.Random(seed)
    seen: set[str] = set()
    pairs, open_pool = build_pairs(rng, seen)
    ranked = build_ranked(rng, seen, open_pool)
    prompts = build_prompts(rng, seen, open_pool)
    verifiable = build_verifiable_eval(rng)
    open_eval = build_open_eval(rng, "helpful_open", "ho")
    open_extra = build_open_eval(rng, "helpful_open_extra", "hx")  # drawn after the files above, so they keep
    open_more = build_open_eval(rng, "helpful_open_more", "hm")  # the bytes they had before these were added
    rows = {
        "pairs": pairs,
        "ranked": ranked,
        "prompts": prompts,
        "verifiable_prompts": verifiable_prompts(pairs),
        "eval_verifiable": verifiable,
        "eval_open": open_eval,
        "eval_open_extra": open_extra,
        "eval_open_more": open_more,
    }
    return {OUTPUTS[name]: rows[name] for name in OUTPUTS}


if __name__ == "__main__":
    main(build, __doc__.splitlines()[0])
