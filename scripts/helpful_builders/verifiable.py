"""Verifiable `helpful` items: arithmetic, unit conversion, string operations, capitals, elements, facts.

Each builder draws from the tables in scripts/helpful_content/ and computes the answer with
`decimal.Decimal` or plain string functions; the wrong reply comes from a named, plausible mistake
(a forgotten carry, the inverse conversion factor, a swapped letter, a confused city), and the
item's `check` holds the operands and the right answer as strings so the tests can recompute it.
NEW_ITEM maps each verifiable category to its builder.
"""

from __future__ import annotations

import random
from decimal import Decimal

from helpful_content import facts, templates

from .common import Item, check, money, number, place_parts, rounded, spelled, user_turns

# ---- arithmetic: (lines, answer) for the right method and for one named mistake ----

PLACES = ["ones", "tens", "hundreds", "thousands", "ten-thousands", "hundred-thousands"]


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
        lines.append(f"- {PLACES[place].capitalize()}: {expression}" + (f", write {total % 10} and carry {carry}" if carry else ""))
        if carry and forget_carry and not forgotten:
            carry, forgotten = 0, True
    if carry:
        lines.append(f"- The final carry of {carry} becomes the leading digit.")
        digits_out.append(carry)
    return lines, int("".join(map(str, reversed(digits_out))))


def has_carry(a: int, b: int) -> bool:
    return column_add(a, b, forget_carry=True)[1] != a + b


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
        lines.append(f"- {divisor} × {part} = {divisor * part}, and {left} - {divisor * part} = {left - divisor * part} left")
        left -= divisor * part
    return lines, sum(parts)


def arithmetic_item(op: str, a: int, b: int, question: str | list[str], symbol: str = "$") -> Item:
    """The good reply, the wrong reply (one named slip) and the incomplete reply for one question.
    For percent_off, a is the percentage and b the price."""
    if op == "add":
        lines, answer = column_add(a, b)
        wrong_lines, wrong = column_add(a, b, forget_carry=True)
        final, half = "So {a} + {b} = **{x}**.", lines[:2] + ["Then do the same for the remaining columns and read off the total."]
    elif op == "subtract":
        lines, answer = subtract_parts(a, b)
        wrong_lines, wrong = subtract_parts(a, b, slip=True)
        final, half = "So {a} - {b} = **{x}**.", [f"Break {b} into place-value parts and take each one away from {a} in "
                                                  "turn; what is left at the end is the answer."]
    elif op == "multiply":
        lines, answer = multiply_parts(a, b)
        wrong_lines, wrong = multiply_parts(a, b, drop_zero=True)
        final, half = "So {a} × {b} = **{x}**.", lines[:2] + ["Work out the other parts the same way and add the results."]
    elif op == "divide":
        lines, answer = divide_chunks(a, b)
        wrong_lines, wrong = divide_chunks(a, b, stop_short=True)
        final = "So {a} ÷ {b} = **{x}**."
        half = lines[:2] + [f"Keep taking away multiples of {b} until nothing is left, then add up the multiples you used."]
    elif op == "percent_of":
        answer, wrong = Decimal(a * b) / 100, Decimal(a * b) / 10  # the slip: dividing by 10, not 100
        lines = [f"{a}% means {a} per hundred, so multiply and divide by 100:",
                 f"{a} × {b} = {a * b}, and {a * b} ÷ 100 = {number(answer)}."]
        wrong_lines = [f"{a}% of {b}: {a} × {b} = {a * b}, and {a * b} ÷ 10 = {number(wrong)}."]
        final, half = "So {a}% of {b} is **{x}**.", [f"{a}% means {a} per hundred, so multiply {b} by {a} and then divide by 100."]
    else:  # percent_off; the slip: paying the discount instead of the price minus the discount
        discount = Decimal(a * b) / 100
        answer, wrong = b - discount, discount
        lines = [f"Discount: {a}% of {symbol}{b} = {a} × {b} ÷ 100 = {money(discount, symbol)}.",
                 f"Sale price: {symbol}{b} - {money(discount, symbol)} = {money(answer, symbol)}."]
        wrong_lines = [f"{a}% of {symbol}{b} = {a} × {b} ÷ 100 = {money(discount, symbol)}."]
        final, half = "You pay **{x}**.", [lines[0]]
    show = (lambda value: money(value, symbol)) if op == "percent_off" else number
    chosen = "\n".join(lines + [final.format(a=a, b=b, x=show(answer))])
    wrong_final = f"With {b} left over, the answer is **{wrong}**." if op == "divide" else final.format(a=a, b=b, x=show(wrong))
    operands = [b, a] if op == "percent_off" else [a, b]
    return Item("arithmetic", user_turns(question), chosen, number(answer), check(op, operands, number(answer)),
                "\n".join(wrong_lines + [wrong_final]), "\n".join(half), "arithmetic")


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


ARITHMETIC_OPS = ["add", "add", "subtract", "subtract", "multiply", "multiply", "multiply", "divide", "divide",
                  "percent_of", "percent_off"]


def new_arithmetic(rng: random.Random) -> Item:
    op = rng.choice(ARITHMETIC_OPS)
    a, b = draw_arithmetic(rng, op)
    symbol, thing = rng.choice(["$", "£"]), rng.choice(templates.SALE_ITEMS)
    question = rng.choice(templates.ARITHMETIC_TRAIN[op]).format(a=a, b=b, s=symbol, item=thing)
    return arithmetic_item(op, a, b, question, symbol)


def follow_up_arithmetic(rng: random.Random) -> Item:
    """A sum, its answer, then "multiply / subtract that": the first operand is in the assistant turn."""
    a, b = draw_arithmetic(rng, "add")
    first = arithmetic_item("add", a, b, rng.choice(templates.ARITHMETIC_TRAIN["add"]).format(a=a, b=b))
    if rng.random() < 0.5:
        operand, op = rng.randint(3, 9), "multiply"
        question = rng.choice(["Now multiply that by {c}.", "And what is that times {c}?"]).format(c=operand)
    else:
        operand, op = rng.randint(15, a + b - 1), "subtract"
        question = rng.choice(["Now take {c} away from that.", "And what is that minus {c}?"]).format(c=operand)
    return arithmetic_item(op, a + b, operand, [first.prompt[0]["content"], first.chosen, question])


# ---- unit conversion ----

# kind: (operation, factor) for the linear conversions; temperatures are handled separately
FACTORS = {"km_to_miles": ("×", "0.621371"), "miles_to_km": ("×", "1.609344"), "kg_to_lb": ("×", "2.20462"),
           "lb_to_kg": ("×", "0.45359237"), "inch_to_cm": ("×", "2.54"), "cm_to_inch": ("÷", "2.54"),
           "feet_to_m": ("×", "0.3048"), "m_to_feet": ("÷", "0.3048")}
TRAIN_VALUES = {"km_to_miles": range(1, 301), "miles_to_km": range(1, 201), "kg_to_lb": range(1, 151),
                "lb_to_kg": range(1, 251), "c_to_f": range(-30, 46), "f_to_c": list(range(-20, 111)) + list(range(300, 451, 25)),
                "inch_to_cm": range(1, 101), "cm_to_inch": range(1, 251), "feet_to_m": range(1, 501), "m_to_feet": range(1, 201)}
EVAL_VALUES = {"km_to_miles": range(301, 1000), "miles_to_km": range(201, 601), "kg_to_lb": range(151, 401),
               "lb_to_kg": range(251, 601), "c_to_f": list(range(-60, -30)) + list(range(46, 100)), "f_to_c": range(111, 300),
               "inch_to_cm": range(101, 301), "cm_to_inch": range(251, 901), "feet_to_m": range(501, 2001), "m_to_feet": range(201, 901)}


def convert(kind: str, value: Decimal, mistake: bool = False) -> tuple[list[str], Decimal]:
    """Working lines and the unrounded result; with `mistake`, the named wrong method."""
    v = number(value)
    if kind == "c_to_f":
        scaled = value * Decimal("1.8")
        if mistake:  # forgets the + 32
            return ["Use °F = °C × 9/5, and 9/5 = 1.8:", f"{v} × 1.8 = {number(scaled)}."], scaled
        return [f"Use {templates.CONVERSIONS[kind][2]}, and 9/5 = 1.8:",
                f"{v} × 1.8 = {number(scaled)}, then {number(scaled)} + 32 = {number(scaled + 32)}."], scaled + 32
    if kind == "f_to_c":
        if mistake:  # multiplies by 5/9 before taking away 32
            scaled = value * 5 / Decimal(9)
            return ["Multiply by 5/9, then subtract 32:",
                    f"{v} × 5 ÷ 9 ≈ {number(rounded(scaled, 3))}, and {number(rounded(scaled, 3))} - 32 ≈ {number(rounded(scaled - 32, 3))}."], scaled - 32
        difference = value - 32
        exact = difference * 5 / Decimal(9)
        shown = f"= {number(exact)}" if exact == rounded(exact, 1) else f"≈ {number(rounded(exact, 3))}"
        return [f"Use {templates.CONVERSIONS[kind][2]}:", f"{v} - 32 = {number(difference)}, then {number(difference)} × 5 ÷ 9 {shown}."], exact
    operation, factor = FACTORS[kind]
    if mistake:  # the factor applied the wrong way round
        operation = "÷" if operation == "×" else "×"
    exact = value * Decimal(factor) if operation == "×" else value / Decimal(factor)
    shown = f"= {number(exact)}" if exact == rounded(exact, 4) else f"≈ {number(rounded(exact, 4))}"
    rule = f"Use {templates.CONVERSIONS[kind][2]}:" if not mistake else f"{'Multiply' if operation == '×' else 'Divide'} by {factor}:"
    return [rule, f"{v} {operation} {factor} {shown}."], exact


def conversion_item(kind: str, value: Decimal, question: str | list[str]) -> Item:
    source, target, rule, places = templates.CONVERSIONS[kind][:4]
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
    return Item("unit_conversion", user_turns(question), "\n".join(lines + [final(answer, exact)]), number(answer),
                check(kind, [v], number(answer)), "\n".join(wrong_lines + [final(wrong, wrong_exact)]), half, "unit_conversion")


def new_conversion(rng: random.Random) -> Item:
    kind = rng.choice(sorted(templates.CONVERSIONS))
    value = Decimal(rng.choice(list(TRAIN_VALUES[kind])))
    return conversion_item(kind, value, rng.choice(templates.CONVERSIONS[kind][4]).format(v=number(value)))


def follow_up_conversion(rng: random.Random) -> Item:
    kind = rng.choice(sorted(templates.CONVERSIONS))
    first_value, value = (Decimal(v) for v in rng.sample(list(TRAIN_VALUES[kind]), 2))
    first = conversion_item(kind, first_value, rng.choice(templates.CONVERSIONS[kind][4]).format(v=number(first_value)))
    question = rng.choice(["And {v} {u}?", "What about {v} {u}?"]).format(v=number(value), u=templates.CONVERSIONS[kind][0])
    return conversion_item(kind, value, [first.prompt[0]["content"], first.chosen, question])


# ---- string operations ----

def string_item(op: str, target, question: str, rng: random.Random) -> Item:
    """target: a word, a (word, letter) pair, a sentence, a word list or a phrase, depending on op."""
    if op == "reverse":
        answer = target[::-1]
        i = rng.choice([k for k in range(len(answer) - 1) if answer[k] != answer[k + 1]])
        wrong = answer[:i] + answer[i + 1] + answer[i] + answer[i + 2:]
        chosen = f"Reading \"{target}\" from the last letter to the first: {spelled(answer)}.\nReversed, it is **{answer}**."
        wrong_text = f"Reading \"{target}\" from the last letter to the first: {spelled(wrong)}.\nReversed, it is **{wrong}**."
        half = f"Start from the last letter, \"{target[-1]}\", then \"{target[-2]}\", and keep going back to the first letter, \"{target[0]}\"."
        operands = [target]
    elif op == "word_length":
        answer = str(len(target))
        i = rng.randrange(1, len(target) - 1)
        chosen = f"Spelled out, \"{target}\" is {spelled(target)}.\nThat is **{answer}** letters."
        wrong_text = f"Spelled out, \"{target}\" is {spelled(target[:i] + target[i + 1:])}.\nThat is **{len(target) - 1}** letters."
        half = f"Spell it out, {spelled(target[:3])} and so on, and count each letter as you go."
        operands = [target]
    elif op == "count_letter":
        word, letter = target
        positions = [str(k + 1) for k, c in enumerate(word) if c == letter]
        answer = str(len(positions))

        def reply(found: list[str]) -> str:
            where = f"position{'s' if len(found) > 1 else ''} {', '.join(found)}"
            return (f"Spelled out, \"{word}\" is {spelled(word)}.\nThe letter \"{letter}\" is at {where}, so it appears "
                    f"**{len(found)}** time{'s' if len(found) > 1 else ''}.")
        chosen, wrong_text = reply(positions), reply(positions[:-1]) if len(positions) > 1 else ""
        half = f"Spell out \"{word}\" and mark every \"{letter}\" you see; the number of marks is the answer."
        operands = [word, letter]
    elif op == "count_words":
        words = [w.strip(".,?!") for w in target.split()]
        answer = str(len(words))
        skip = rng.randrange(1, len(words) - 1)
        kept = words[:skip] + words[skip + 1:]
        chosen = ("Counting the words separated by spaces: " + ", ".join(f"{w} ({k})" for k, w in enumerate(words, 1))
                  + f".\nThere are **{answer}** words.")
        wrong_text = ("Counting the words separated by spaces: " + ", ".join(f"{w} ({k})" for k, w in enumerate(kept, 1))
                      + f".\nThere are **{len(kept)}** words.")
        half = f"Count each group of letters between spaces: \"{words[0]}\" is 1, \"{words[1]}\" is 2, and so on to the end."
        operands = [target]
    elif op == "sort_words":
        ordered = sorted(target)
        answer = ", ".join(ordered)
        # the slip: words that share a first letter are left in the wrong order
        by_first = sorted(ordered, key=lambda w: (w[0], [-ord(c) for c in w[1:]]))
        letters = ", ".join(w[0] for w in ordered)
        chosen = f"Compare the first letters ({letters}), and the next letters when two words start the same way:\n**{answer}**."
        wrong_text = f"Compare the first letters ({letters}):\n**{', '.join(by_first)}**."
        half = f"Compare the first letters ({letters}), then write the words out in that order."
        operands = list(target)
    else:  # upper
        answer = target.upper()
        words = target.split()
        wrong = rng.choice([target.title(), " ".join(w.upper() for w in words[:-1]) + " " + words[-1]])
        chosen, wrong_text = f"In capital letters: **{answer}**", f"In capital letters: **{wrong}**"
        half = f"Change every letter to its capital form; for example, \"{words[0]}\" becomes \"{words[0].upper()}\"."
        operands = [target]
    return Item("string_ops", user_turns(question), chosen, answer, check(op, operands, answer), wrong_text, half, "string_ops")


def repeated_letter(rng: random.Random, word: str) -> str:
    repeats = sorted({c for c in word if word.count(c) > 1})
    return rng.choice(repeats) if repeats else ""


def new_string(rng: random.Random) -> Item:
    op = rng.choice(sorted(templates.STRING_TRAIN))
    template = rng.choice(templates.STRING_TRAIN[op])
    if op in ("reverse", "word_length"):
        word = rng.choice(facts.WORDS_TRAIN)
        return string_item(op, word, template.format(w=word), rng)
    if op == "count_letter":
        word = rng.choice([w for w in facts.WORDS_TRAIN if repeated_letter(rng, w)])
        letter = repeated_letter(rng, word)
        return string_item(op, (word, letter), template.format(w=word, c=letter), rng)
    if op == "count_words":
        sentence = rng.choice(facts.SENTENCES_TRAIN)
        return string_item(op, sentence, template.format(s=sentence), rng)
    if op == "sort_words":
        words = rng.sample(rng.choice(facts.SORT_LISTS_TRAIN), 4)
        return string_item(op, words, template.format(l=", ".join(words)), rng)
    phrase = rng.choice(facts.PHRASES_TRAIN)
    return string_item(op, phrase, template.format(p=phrase), rng)


# ---- lookups: capitals, elements, other facts ----

def new_capital(rng: random.Random) -> Item:
    country, capital, confusion, note = rng.choice(facts.CAPITALS_TRAIN)
    others = [row for row in facts.CAPITALS_TRAIN if row[0] != country]
    if rng.random() < 0.7:
        question = rng.choice(templates.CAPITAL_TRAIN).format(country=country)
        chosen = f"The capital of {country} is {capital}. {note}".strip()
        wrong = f"The capital of {country} is {confusion or rng.choice(others)[1]}."
        return Item("capitals", user_turns(question), chosen, capital, check("capital", [country], capital), wrong, None, "lookup")
    question = rng.choice(templates.CAPITAL_REVERSE_TRAIN).format(capital=capital)
    chosen = f"{capital} is the capital of {country}."
    wrong = f"{capital} is the capital of {rng.choice(others)[0]}."
    return Item("capitals", user_turns(question), chosen, country, check("capital_of", [capital], country), wrong, None, "lookup")


def new_element(rng: random.Random) -> Item:
    index = rng.randrange(len(facts.ELEMENTS_TRAIN))
    name, symbol, atomic = facts.ELEMENTS_TRAIN[index]
    near = facts.ELEMENTS_TRAIN[index + 1 if index + 1 < len(facts.ELEMENTS_TRAIN) else index - 1]  # a neighbour: plausible
    style = rng.choice(sorted(templates.ELEMENT_TRAIN))
    question = rng.choice(templates.ELEMENT_TRAIN[style]).format(name=name, symbol=symbol)
    if style == "symbol":
        chosen, wrong = f"The chemical symbol for {name} is {symbol}.", f"The chemical symbol for {name} is {near[1]}."
        return Item("elements", user_turns(question), chosen, symbol, check("element_symbol", [name], symbol), wrong, None, "lookup")
    if style == "number":
        protons = "proton" if atomic == 1 else "protons"
        chosen = f"{name.capitalize()} has atomic number {atomic}: each atom has {atomic} {protons} in its nucleus."
        wrong = f"{name.capitalize()} has atomic number {near[2]}: each atom has {near[2]} protons in its nucleus."
        return Item("elements", user_turns(question), chosen, str(atomic), check("element_number", [name], atomic), wrong, None, "lookup")
    chosen = f"The symbol {symbol} stands for {name}, which has atomic number {atomic}."
    wrong = f"The symbol {symbol} stands for {near[0]}, which has atomic number {near[2]}."
    return Item("elements", user_turns(question), chosen, name, check("element_name", [symbol], name), wrong, None, "lookup")


def new_fact(rng: random.Random) -> Item:
    key, question, answer, chosen, wrong = rng.choice(facts.FACTS_TRAIN)
    return Item("facts", user_turns(question), chosen, answer, check("fact", [key], answer), wrong, None, "lookup")


NEW_ITEM = {"arithmetic": new_arithmetic, "unit_conversion": new_conversion, "string_ops": new_string,
            "capitals": new_capital, "elements": new_element, "facts": new_fact}
