"""The held-out `helpful` eval sets: evals/helpful_verifiable.jsonl, evals/helpful_open.jsonl,
evals/helpful_open_extra.jsonl and evals/helpful_open_more.jsonl.

Capitals, elements, facts, words and sentences come from the *_EVAL tables; arithmetic and
conversions use other templates and number ranges than training; the open-ended prompts
(helpful_content.prompts.EVAL_OPEN, EVAL_OPEN_EXTRA, helpful_content.prompts_more.EVAL_OPEN_MORE) are
different tasks.
"""

from __future__ import annotations

import random
from decimal import Decimal

from helpful_content import facts, templates
from helpful_content.prompts import EVAL_OPEN, EVAL_OPEN_EXTRA
from helpful_content.prompts_more import EVAL_OPEN_MORE

from .common import number, rounded
from .verifiable import EVAL_VALUES, convert, repeated_letter


def eval_arithmetic(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(category, prompt, reference, match), from number ranges and wording no training prompt uses."""
    rows = []
    for op, template in templates.ARITHMETIC_EVAL.items():
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
                b, answer = (rng.randint(26, 75), rng.randint(101, 999)) if op == "divide" else (rng.randint(3, 12), rng.randint(15, 120))
                a = b * answer
            rows.append(("arithmetic", template.format(a=a, b=b), str(answer), "number"))
    return rows


def eval_conversions(rng: random.Random) -> list[tuple[str, str, str, str]]:
    rows = []
    for kind in sorted(templates.CONVERSIONS):
        for value in rng.sample(list(EVAL_VALUES[kind]), 3):
            answer = rounded(convert(kind, Decimal(value))[1], templates.CONVERSIONS[kind][3])
            rows.append(("unit_conversion", templates.CONVERSIONS[kind][5].format(v=value), number(answer), "number"))
    return rows


def eval_strings(rng: random.Random) -> list[tuple[str, str, str, str]]:
    words, rows = rng.sample(facts.WORDS_EVAL, len(facts.WORDS_EVAL)), []
    for word in words[:5]:
        rows.append(("string_ops", templates.STRING_EVAL["reverse"].format(w=word), word[::-1], "contains"))
    for word in words[5:10]:
        rows.append(("string_ops", templates.STRING_EVAL["word_length"].format(w=word), str(len(word)), "number"))
    for word in [w for w in words[10:] if repeated_letter(rng, w)][:5]:
        letter = repeated_letter(rng, word)
        rows.append(("string_ops", templates.STRING_EVAL["count_letter"].format(w=word, c=letter), str(word.count(letter)), "number"))
    for sentence in rng.sample(facts.SENTENCES_EVAL, 5):
        rows.append(("string_ops", templates.STRING_EVAL["count_words"].format(s=sentence), str(len(sentence.split())), "number"))
    for words in rng.sample(facts.SORT_LISTS_EVAL, 5):
        shuffled = rng.sample(words, len(words))
        rows.append(("string_ops", templates.STRING_EVAL["sort_words"].format(l=", ".join(shuffled)), ", ".join(sorted(words)), "contains"))
    return rows


def eval_lookups(rng: random.Random) -> list[tuple[str, str, str, str]]:
    rows = []
    capitals = rng.sample(facts.CAPITALS_EVAL, len(facts.CAPITALS_EVAL))
    for country, capital in capitals[:25]:
        rows.append(("capitals", templates.CAPITAL_EVAL.format(country=country), capital, "contains"))
    for country, capital in capitals[25:]:
        rows.append(("capitals", templates.CAPITAL_REVERSE_EVAL.format(capital=capital), country.removeprefix("the "), "contains"))
    elements = rng.sample(facts.ELEMENTS_EVAL, len(facts.ELEMENTS_EVAL))
    for name, _, atomic in elements[:12]:
        rows.append(("elements", templates.ELEMENT_EVAL["number"].format(name=name), str(atomic), "number"))
    for name, symbol, _ in elements[12:]:
        rows.append(("elements", templates.ELEMENT_EVAL["name"].format(symbol=symbol), name, "contains"))
    rows += list(facts.FACTS_EVAL)
    return rows


def build_evals(rng: random.Random) -> tuple[list[dict], list[dict]]:
    items = eval_arithmetic(rng) + eval_conversions(rng) + eval_strings(rng) + eval_lookups(rng)
    rng.shuffle(items)
    verifiable = [{"id": f"hv-{k:04d}", "prompt": prompt, "category": category, "reference": reference, "match": match}
                  for k, (category, prompt, reference, match) in enumerate(items, 1)]
    return verifiable, _open_rows(EVAL_OPEN, "ho", rng)


def build_open_extra(rng: random.Random) -> list[dict]:
    """evals/helpful_open_extra.jsonl: EVAL_OPEN_EXTRA in a seeded shuffle, ids hx-0001 ..."""
    return _open_rows(EVAL_OPEN_EXTRA, "hx", rng)


def build_open_more(rng: random.Random) -> list[dict]:
    """evals/helpful_open_more.jsonl: EVAL_OPEN_MORE in a seeded shuffle, ids hm-0001 ..."""
    return _open_rows(EVAL_OPEN_MORE, "hm", rng)


def _open_rows(table: dict[str, list[str]], prefix: str, rng: random.Random) -> list[dict]:
    flat = [(category, prompt) for category, prompts in table.items() for prompt in prompts]
    rng.shuffle(flat)
    return [{"id": f"{prefix}-{k:04d}", "prompt": prompt, "category": category}
            for k, (category, prompt) in enumerate(flat, 1)]
