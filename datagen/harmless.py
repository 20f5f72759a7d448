"""Build the `harmless` preference subset, the safety part of the PPO prompt set, and the safety eval sets.

    python -m datagen.harmless                   # rewrite the shipped files (run from the repository root)
    python -m datagen.harmless --out-dir /tmp/x  # write the same tree under /tmp/x

Reads datagen/content/harmless/*.yaml:
    harmful_<category>.yaml           clearly harmful requests: (request, topic, safe alternative) + reasons
    benign_sensitive_<category>.yaml  harmless requests that only sound risky: (request, misread, answer)
    multi_turn.yaml                   user / assistant / user conversations of both kinds
    reply_templates.yaml              refusal openers, compliance-shaped non-answers, over-refusals, hedges, ...
    eval_harmful.yaml, eval_benign_sensitive.yaml   held-out eval prompts by category

Writes (paths relative to the repository root, or to --out-dir):
    preference_data/harmless/pairs.jsonl   TRL conversational pairs: {"prompt": [...], "chosen": [...],
                                           "rejected": [...], "category", "kind": "harmful" | "benign_sensitive"}
    preference_data/harmless/ranked.jsonl  UltraFeedback-style: {"prompt": str, "completions":
                                           [{"response", "score"} x 4], "category", "kind"}
    preference_data/prompts/harmless.jsonl prompt-only rows for PPO: {"prompt": [...], "category", "kind"}
    evals/harmful.jsonl                    held-out harmful prompts: {"id": "hf-0001", "prompt", "category"}
    evals/benign_sensitive.jsonl           held-out benign prompts:  {"id": "bs-0001", "prompt", "category"}

How a pair is made. Harmful request: chosen = refusal opener + one-sentence reason + the request's
own safe alternative (self-harm: supportive words + crisis lines and emergency services in general
terms); rejected = a compliance-shaped reply with no operational content (self-harm: a dismissive
brush-off instead). Benign request that only sounds risky: chosen = the hand-written helpful answer;
rejected = an over-refusal in the same refusal style. Each request yields 2 pairs, some 3, with
different openers and rejecteds. See preference_data/harmless/DATA_CARD.md and evals/DATA_CARD.md.

Determinism: one `random.Random(SEED)` makes every choice in a fixed order and nothing reads the
clock or the environment; tests/test_shipped_harmless_data.py rebuilds the files and compares bytes.
"""

from __future__ import annotations

import json
import random
import re
from functools import partial
from pathlib import Path

from datagen.common import load, main

SEED = 4107
PAIRS = Path("preference_data/harmless/pairs.jsonl")
RANKED = Path("preference_data/harmless/ranked.jsonl")
PROMPTS = Path("preference_data/prompts/harmless.jsonl")
HARMFUL_EVAL = Path("evals/harmful.jsonl")
BENIGN_EVAL = Path("evals/benign_sensitive.jsonl")
content = partial(load, "harmless")

# Categories in the order their requests are used (this order fixes the output bytes).
HARMFUL_CATEGORIES = [
    "weapons",
    "cyber_attacks",
    "malware",
    "drug_manufacture",
    "stalking",
    "fraud",
    "identity_theft",
    "violent_threats",
    "hate_campaigns",
    "poisoning",
    "theft_burglary",
    "evading_police",
    "dangerous_challenges",
    "extremism",
    "self_harm",
]
BENIGN_CATEGORIES = [
    "computing_terms",
    "figurative_language",
    "pests_and_weeds",
    "history",
    "fiction",
    "safety_knowledge",
    "health",
    "legal",
    "video_games",
    "sports_and_hobbies",
]
HARMFUL = {category: content(f"harmful_{category}") for category in HARMFUL_CATEGORIES}
BENIGN = {category: content(f"benign_sensitive_{category}") for category in BENIGN_CATEGORIES}
MULTI_TURN = content("multi_turn")
TEMPLATES = content("reply_templates")

THIRD_PAIR_RATE = 0.2  # share of requests that get a third pair (more rejected variety)
HELPFUL_PREFIX_RATE = 0.25  # share of helpful answers opened with "Sure! " and the like
RANKED_PER_KIND = 62
PROMPTS_PER_KIND = 140
HARMFUL_SCORES = {"refusal": 9, "bare": 6, "lecture": 4, "compliant": 1}
BENIGN_SCORES = {"helpful": 9, "hedged": 6, "vague": 4, "over_refusal": 1}
OFFER = re.compile(r"\bI(?: can|'m happy|'d be glad|'m glad)\b")  # an alternative that offers the assistant's help


# ---- one request: (category, prompt messages, topic or misread, alternative or answer) ----


def _user(text: str) -> dict:
    return {"role": "user", "content": text}


def _conversation(entry: dict) -> list[dict]:
    return [_user(entry["user"]), {"role": "assistant", "content": entry["assistant"]}, _user(entry["follow_up"])]


def harmful_requests() -> list[tuple[str, list[dict], str, str]]:
    single = [
        (category, [_user(entry["request"])], entry["topic"], entry["alternative"])
        for category, table in HARMFUL.items()
        for entry in table["requests"]
    ]
    multi = [
        (entry["category"], _conversation(entry), entry["topic"], entry["alternative"])
        for entry in MULTI_TURN["harmful"]
    ]
    return single + multi


def benign_requests() -> list[tuple[str, list[dict], str, str]]:
    single = [
        (category, [_user(entry["request"])], entry["misread"], entry["answer"])
        for category, table in BENIGN.items()
        for entry in table["requests"]
    ]
    multi = [
        (entry["category"], _conversation(entry), entry["misread"], entry["answer"])
        for entry in MULTI_TURN["benign_sensitive"]
    ]
    return single + multi


# ---- replies ----


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _openers(category: str) -> list[str]:
    return TEMPLATES["self_harm_openers"] if category == "self_harm" else TEMPLATES["refusal_openers"]


def opener(category: str, topic: str, index: int) -> str:
    return _openers(category)[index].format(topic=topic)


def refusal(rng: random.Random, category: str, topic: str, alternative: str, index: int) -> str:
    """Opener, one-sentence reason, the request's safe alternative (self-harm: support + crisis lines)."""
    if category == "self_harm":
        return f"{opener(category, topic, index)} {alternative} {rng.choice(TEMPLATES['crisis'])}"
    reason = rng.choice(HARMFUL[category]["reasons"])
    closer = rng.choice(TEMPLATES["closers"])
    if not OFFER.search(alternative):  # "Want me to help with that?" only follows an offer of help
        closer = ""
    return f"{opener(category, topic, index)} {reason} {alternative}{closer}"


def compliant(category: str, topic: str, index: int) -> str:
    """Compliance-shaped and content-free; self-harm gets a dismissive brush-off instead."""
    if category == "self_harm":
        return TEMPLATES["dismissive"][index]
    return TEMPLATES["compliant"][index].format(topic=topic, Topic=_capitalised(topic))


def over_refusal(misread: str, index: int) -> str:
    return TEMPLATES["over_refusals"][index].format(misread=misread)


def helpful(rng: random.Random, answer: str) -> str:
    if rng.random() < HELPFUL_PREFIX_RATE:
        return rng.choice(TEMPLATES["helpful_prefixes"]) + answer
    return answer


# ---- files ----


def _reply(text: str) -> list[dict]:
    return [{"role": "assistant", "content": text}]


def pair_rows(rng: random.Random) -> list[dict]:
    rows = []
    for category, prompt, topic, alternative in harmful_requests():
        count = 3 if rng.random() < THIRD_PAIR_RATE else 2
        rejecteds = TEMPLATES["dismissive"] if category == "self_harm" else TEMPLATES["compliant"]
        for opener_index, rejected_index in zip(
            rng.sample(range(len(_openers(category))), count), rng.sample(range(len(rejecteds)), count)
        ):
            rows.append(
                {
                    "prompt": prompt,
                    "chosen": _reply(refusal(rng, category, topic, alternative, opener_index)),
                    "rejected": _reply(compliant(category, topic, rejected_index)),
                    "category": category,
                    "kind": "harmful",
                }
            )
    for category, prompt, misread, answer in benign_requests():
        count = 3 if rng.random() < THIRD_PAIR_RATE else 2
        for rejected_index in rng.sample(range(len(TEMPLATES["over_refusals"])), count):
            rows.append(
                {
                    "prompt": prompt,
                    "chosen": _reply(helpful(rng, answer)),
                    "rejected": _reply(over_refusal(misread, rejected_index)),
                    "category": category,
                    "kind": "benign_sensitive",
                }
            )
    rng.shuffle(rows)
    return rows


def _ranked_row(rng: random.Random, prompt: str, category: str, kind: str, scored: dict[str, tuple[str, int]]) -> dict:
    completions = [{"response": text, "score": score} for text, score in scored.values()]
    rng.shuffle(completions)
    return {"prompt": prompt, "completions": completions, "category": category, "kind": kind}


def ranked_rows(rng: random.Random) -> list[dict]:
    """Four completions per prompt with distinct scores; self-harm prompts are left out (no lecture fits)."""
    rows = []
    harmful = [item for item in harmful_requests() if len(item[1]) == 1 and item[0] != "self_harm"]
    for category, prompt, topic, alternative in rng.sample(harmful, RANKED_PER_KIND):
        index = rng.randrange(len(TEMPLATES["refusal_openers"]))
        reason, lecture = rng.choice(HARMFUL[category]["reasons"]), rng.choice(TEMPLATES["lectures"])
        bare = opener(category, topic, index)
        scored = {
            "refusal": refusal(rng, category, topic, alternative, index),
            "bare": bare,
            "lecture": f"{bare} {reason} {lecture}",
            "compliant": compliant(category, topic, rng.randrange(len(TEMPLATES["compliant"]))),
        }
        rows.append(
            _ranked_row(
                rng,
                prompt[0]["content"],
                category,
                "harmful",
                {name: (text, HARMFUL_SCORES[name]) for name, text in scored.items()},
            )
        )
    benign = [item for item in benign_requests() if len(item[1]) == 1]
    for category, prompt, misread, answer in rng.sample(benign, RANKED_PER_KIND):
        hedged = f"{rng.choice(TEMPLATES['hedge_before'])} {answer} {rng.choice(TEMPLATES['hedge_after'])}"
        scored = {
            "helpful": answer,
            "hedged": hedged,
            "vague": rng.choice(TEMPLATES["vague"]),
            "over_refusal": over_refusal(misread, rng.randrange(len(TEMPLATES["over_refusals"]))),
        }
        rows.append(
            _ranked_row(
                rng,
                prompt[0]["content"],
                category,
                "benign_sensitive",
                {name: (text, BENIGN_SCORES[name]) for name, text in scored.items()},
            )
        )
    rng.shuffle(rows)
    return rows


def prompt_rows(rng: random.Random) -> list[dict]:
    """A sample of single-turn requests of each kind, plus every multi-turn prompt."""
    rows = []
    for kind, requests in (("harmful", harmful_requests()), ("benign_sensitive", benign_requests())):
        single = [item for item in requests if len(item[1]) == 1]
        chosen = rng.sample(single, PROMPTS_PER_KIND) + [item for item in requests if len(item[1]) > 1]
        rows += [{"prompt": prompt, "category": category, "kind": kind} for category, prompt, _, _ in chosen]
    rng.shuffle(rows)
    return rows


def eval_rows(table: dict[str, list[str]], prefix: str) -> list[dict]:
    prompts = [(category, prompt) for category, prompts in table.items() for prompt in prompts]
    return [
        {"id": f"{prefix}-{number:04d}", "prompt": prompt, "category": category}
        for number, (category, prompt) in enumerate(prompts, start=1)
    ]


def build(seed: int = SEED) -> dict[Path, list[dict]]:
    """Every output file's rows, keyed by path relative to the repository root."""
    rng = random.Random(seed)
    files = {
        PAIRS: pair_rows(rng),
        RANKED: ranked_rows(rng),
        PROMPTS: prompt_rows(rng),
        HARMFUL_EVAL: eval_rows(content("eval_harmful"), "hf"),
        BENIGN_EVAL: eval_rows(content("eval_benign_sensitive"), "bs"),
    }
    keys = [json.dumps([row["prompt"], row["chosen"], row["rejected"]]) for row in files[PAIRS]]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate preference pairs")
    return files


if __name__ == "__main__":
    main(build, __doc__.splitlines()[0])
