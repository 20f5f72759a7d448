"""Training files of the `helpful` data: preference pairs, ranked lists and PPO prompts.

Pairs: every open-ended item gets its hand-written wrong reply plus three derived kinds; verifiable
slots then fill the rest so that all pairs together meet KIND_SHARES. Ranked lists and PPO prompts
use fresh verifiable prompts that appear nowhere else in the training files.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from decimal import Decimal

from helpful_content import templates
from helpful_content.prompts import PPO_EXTRA

from .common import LOOKUPS, Item, user_turns
from .open_ended import open_items
from .rejected import contains_answer, rejected_text, usable
from .verifiable import NEW_ITEM, follow_up_arithmetic, follow_up_conversion

TOTAL_PAIRS = 1200
KIND_SHARES = {"wrong": 30, "truncated": 15, "evasive": 15, "off_topic": 15, "needless_refusal": 15, "incomplete": 10}
VERIFIABLE_SHARES = {"arithmetic": 30, "unit_conversion": 22, "string_ops": 22, "capitals": 10, "elements": 8, "facts": 8}
FOLLOW_UPS = {"arithmetic": 14, "unit_conversion": 10}  # multi-turn verifiable pairs


# ---- preference pairs ----

def shares_to_counts(shares: dict[str, int], total: int) -> dict[str, int]:
    """Split `total` by `shares` (largest remainder), in the dict's order."""
    exact = {key: Decimal(total * share) / sum(shares.values()) for key, share in shares.items()}
    counts = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: -(exact[k] - counts[k]))[:total - sum(counts.values())]:
        counts[key] += 1
    return counts


def user_texts(item: Item) -> set[str]:
    return {message["content"] for message in item.prompt if message["role"] == "user"}


def plan_open(rng: random.Random, items: list[Item]) -> list[tuple[Item, str]]:
    """Each open item: its hand-written wrong reply plus three derived kinds, least used (per share) first."""
    used, plan = Counter(), []
    for item in items:
        plan.append((item, "wrong"))
        kinds = [k for k in ("truncated", "evasive", "off_topic", "needless_refusal", "incomplete")
                 if k != "incomplete" or item.incomplete]
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
    row = {"prompt": item.prompt, "chosen": [{"role": "assistant", "content": item.chosen}],
           "rejected": [{"role": "assistant", "content": rejected}], "category": item.category, "rejected_kind": kind}
    if item.check is not None:
        row["check"] = item.check
    return row


def build_pairs(rng: random.Random, seen: set[str]) -> tuple[list[dict], list[Item]]:
    items = open_items(rng)
    open_plan = plan_open(rng, items)
    made = [(item, kind, None if kind == "off_topic" else rejected_text(rng, item, kind)) for item, kind in open_plan]
    made += verifiable_pairs(rng, plan_verifiable(rng, open_plan), seen)
    pools = {True: [m[0] for m in made if m[0].answer], False: items}
    rows = [pair_row(item, kind, text if kind != "off_topic" else off_topic_text(rng, item, pools[bool(item.answer)]))
            for item, kind, text in made]
    keys = Counter(json.dumps([row["prompt"], row["chosen"], row["rejected"]], ensure_ascii=False) for row in rows)
    if max(keys.values()) > 1 or any(row["chosen"] == row["rejected"] for row in rows):
        raise ValueError("a repeated pair or a pair whose replies are identical")
    rng.shuffle(rows)
    return rows, items


# ---- ranked lists, PPO prompts ----

RANKED_PLAN = {"arithmetic": 30, "unit_conversion": 20, "string_ops": 20, "capitals": 8, "elements": 7}
OPEN_RANKED = 25
PROMPT_PLAN = {"arithmetic": 30, "unit_conversion": 25, "string_ops": 25, "capitals": 10, "elements": 10}


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
    return {"prompt": item.prompt, "responses": [texts[k] for k in order], "ranks": [k + 1 for k in order],
            "category": item.category}


def build_ranked(rng: random.Random, seen: set[str], open_pool: list[Item]) -> list[dict]:
    rows = []
    for item in fresh_items(rng, RANKED_PLAN, seen):
        lines = item.chosen.splitlines()
        terse = lines[-1] if len(lines) > 1 else f"{item.answer}."
        evasive = next(text for text in (rng.choice(templates.EVASIONS[item.group]) for _ in range(50))
                       if not contains_answer(text, item))
        rows.append(ranked_row(rng, item, terse, evasive))
    candidates = [item for item in open_pool if item.incomplete and len(item.prompt) == 1]
    for item in rng.sample(candidates, OPEN_RANKED):
        rows.append(ranked_row(rng, item, item.incomplete, rng.choice(templates.EVASIONS["open"])))
    rng.shuffle(rows)
    return rows


def build_prompts(rng: random.Random, seen: set[str], open_pool: list[Item]) -> list[dict]:
    rows = [{"prompt": item.prompt, "category": item.category} for item in open_pool]
    rows += [{"prompt": user_turns(text), "category": category} for category, texts in PPO_EXTRA.items() for text in texts]
    rows += [{"prompt": item.prompt, "category": item.category} for item in fresh_items(rng, PROMPT_PLAN, seen)]
    rng.shuffle(rows)
    return rows
