"""Write the `harmless` preference subset, the safety part of the PPO prompt set, and the safety eval sets.

    python scripts/make_harmless_data.py                   # rewrite the shipped files
    python scripts/make_harmless_data.py --out-dir /tmp/x  # write the same tree under /tmp/x

Outputs (paths relative to the repository root, or to --out-dir):
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
different openers and rejecteds. The texts live in scripts/harmless_content/; this file only
combines them. See preference_data/harmless/DATA_CARD.md and the eval sections of evals/DATA_CARD.md.

Determinism: one `random.Random(SEED)` makes every choice in a fixed order and nothing reads the
clock or the environment, so two runs write byte-identical files
(tests/test_shipped_harmless_data.py regenerates them and compares bytes).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so `harmless_content` imports when run as a script

from harmless_content import benign_a, benign_b, evals, harmful_a, harmful_b, multi_turn, templates  # noqa: E402

SEED = 4107
REPO = Path(__file__).resolve().parent.parent
PAIRS = Path("preference_data/harmless/pairs.jsonl")
RANKED = Path("preference_data/harmless/ranked.jsonl")
PROMPTS = Path("preference_data/prompts/harmless.jsonl")
HARMFUL_EVAL = Path("evals/harmful.jsonl")
BENIGN_EVAL = Path("evals/benign_sensitive.jsonl")

THIRD_PAIR_RATE = 0.2  # share of requests that get a third pair (more rejected variety)
HELPFUL_PREFIX_RATE = 0.25  # share of helpful answers opened with "Sure! " and the like
RANKED_PER_KIND = 62
PROMPTS_PER_KIND = 140
HARMFUL_SCORES = {"refusal": 9, "bare": 6, "lecture": 4, "compliant": 1}
BENIGN_SCORES = {"helpful": 9, "hedged": 6, "vague": 4, "over_refusal": 1}

HARMFUL_TABLES = [
    ("weapons", harmful_a.WEAPONS), ("cyber_attacks", harmful_a.CYBER_ATTACKS), ("malware", harmful_a.MALWARE),
    ("drug_manufacture", harmful_a.DRUG_MANUFACTURE), ("stalking", harmful_a.STALKING), ("fraud", harmful_a.FRAUD),
    ("identity_theft", harmful_a.IDENTITY_THEFT), ("violent_threats", harmful_a.VIOLENT_THREATS),
    ("hate_campaigns", harmful_b.HATE_CAMPAIGNS), ("poisoning", harmful_b.POISONING),
    ("theft_burglary", harmful_b.THEFT_BURGLARY), ("evading_police", harmful_b.EVADING_POLICE),
    ("dangerous_challenges", harmful_b.DANGEROUS_CHALLENGES), ("extremism", harmful_b.EXTREMISM),
    ("self_harm", harmful_b.SELF_HARM),
]
BENIGN_TABLES = [
    ("computing_terms", benign_a.COMPUTING_TERMS), ("figurative_language", benign_a.FIGURATIVE_LANGUAGE),
    ("pests_and_weeds", benign_a.PESTS_AND_WEEDS), ("history", benign_a.HISTORY), ("fiction", benign_a.FICTION),
    ("safety_knowledge", benign_b.SAFETY_KNOWLEDGE), ("health", benign_b.HEALTH), ("legal", benign_b.LEGAL),
    ("video_games", benign_b.VIDEO_GAMES), ("sports_and_hobbies", benign_b.SPORTS_AND_HOBBIES),
]
REASONS = {**harmful_a.REASONS, **harmful_b.REASONS}
OFFER = re.compile(r"\bI(?: can|'m happy|'d be glad|'m glad)\b")  # an alternative that offers the assistant's help


# ---- one request: (category, prompt messages, topic or misread, alternative or answer) ----


def _user(text: str) -> dict:
    return {"role": "user", "content": text}


def harmful_requests() -> list[tuple[str, list[dict], str, str]]:
    single = [(category, [_user(request)], topic, alternative)
              for category, table in HARMFUL_TABLES for request, topic, alternative in table]
    multi = [(category, [_user(first), {"role": "assistant", "content": reply}, _user(follow_up)], topic, alternative)
             for category, first, reply, follow_up, topic, alternative in multi_turn.HARMFUL_MULTI]
    return single + multi


def benign_requests() -> list[tuple[str, list[dict], str, str]]:
    single = [(category, [_user(request)], misread, answer)
              for category, table in BENIGN_TABLES for request, misread, answer in table]
    multi = [(category, [_user(first), {"role": "assistant", "content": reply}, _user(follow_up)], misread, answer)
             for category, first, reply, follow_up, misread, answer in multi_turn.BENIGN_MULTI]
    return single + multi


# ---- replies ----


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def opener(category: str, topic: str, index: int) -> str:
    openers = templates.SELF_HARM_OPENERS if category == "self_harm" else templates.REFUSAL_OPENERS
    return openers[index].format(topic=topic)


def refusal(rng: random.Random, category: str, topic: str, alternative: str, index: int) -> str:
    """Opener, one-sentence reason, the request's safe alternative (self-harm: support + crisis lines)."""
    if category == "self_harm":
        return f"{opener(category, topic, index)} {alternative} {rng.choice(templates.CRISIS)}"
    reason = rng.choice(REASONS[category])
    closer = rng.choice(templates.CLOSERS)
    if not OFFER.search(alternative):  # "Want me to help with that?" only follows an offer of help
        closer = ""
    return f"{opener(category, topic, index)} {reason} {alternative}{closer}"


def compliant(category: str, topic: str, index: int) -> str:
    """Compliance-shaped and content-free; self-harm gets a dismissive brush-off instead."""
    if category == "self_harm":
        return templates.DISMISSIVE[index]
    return templates.COMPLIANT[index].format(topic=topic, Topic=_capitalised(topic))


def over_refusal(misread: str, index: int) -> str:
    return templates.OVER_REFUSALS[index].format(misread=misread)


def helpful(rng: random.Random, answer: str) -> str:
    if rng.random() < HELPFUL_PREFIX_RATE:
        return rng.choice(templates.HELPFUL_PREFIXES) + answer
    return answer


# ---- files ----


def _reply(text: str) -> list[dict]:
    return [{"role": "assistant", "content": text}]


def pair_rows(rng: random.Random) -> list[dict]:
    rows = []
    for category, prompt, topic, alternative in harmful_requests():
        count = 3 if rng.random() < THIRD_PAIR_RATE else 2
        openers = templates.SELF_HARM_OPENERS if category == "self_harm" else templates.REFUSAL_OPENERS
        rejecteds = templates.DISMISSIVE if category == "self_harm" else templates.COMPLIANT
        for opener_index, rejected_index in zip(rng.sample(range(len(openers)), count),
                                                rng.sample(range(len(rejecteds)), count)):
            rows.append({"prompt": prompt, "chosen": _reply(refusal(rng, category, topic, alternative, opener_index)),
                         "rejected": _reply(compliant(category, topic, rejected_index)),
                         "category": category, "kind": "harmful"})
    for category, prompt, misread, answer in benign_requests():
        count = 3 if rng.random() < THIRD_PAIR_RATE else 2
        for rejected_index in rng.sample(range(len(templates.OVER_REFUSALS)), count):
            rows.append({"prompt": prompt, "chosen": _reply(helpful(rng, answer)),
                         "rejected": _reply(over_refusal(misread, rejected_index)),
                         "category": category, "kind": "benign_sensitive"})
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
        index = rng.randrange(len(templates.REFUSAL_OPENERS))
        lecture = f"{opener(category, topic, index)} {rng.choice(REASONS[category])} {rng.choice(templates.LECTURES)}"
        scored = {"refusal": refusal(rng, category, topic, alternative, index),
                  "bare": opener(category, topic, index), "lecture": lecture,
                  "compliant": compliant(category, topic, rng.randrange(len(templates.COMPLIANT)))}
        rows.append(_ranked_row(rng, prompt[0]["content"], category, "harmful",
                                {name: (text, HARMFUL_SCORES[name]) for name, text in scored.items()}))
    benign = [item for item in benign_requests() if len(item[1]) == 1]
    for category, prompt, misread, answer in rng.sample(benign, RANKED_PER_KIND):
        hedged = f"{rng.choice(templates.HEDGE_BEFORE)} {answer} {rng.choice(templates.HEDGE_AFTER)}"
        scored = {"helpful": answer, "hedged": hedged, "vague": rng.choice(templates.VAGUE),
                  "over_refusal": over_refusal(misread, rng.randrange(len(templates.OVER_REFUSALS)))}
        rows.append(_ranked_row(rng, prompt[0]["content"], category, "benign_sensitive",
                                {name: (text, BENIGN_SCORES[name]) for name, text in scored.items()}))
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
    return [{"id": f"{prefix}-{number:04d}", "prompt": prompt, "category": category}
            for number, (category, prompt) in enumerate(prompts, start=1)]


def build(seed: int = SEED) -> dict[Path, list[dict]]:
    """Every output file's rows, keyed by path relative to the repository root."""
    rng = random.Random(seed)
    files = {PAIRS: pair_rows(rng), RANKED: ranked_rows(rng), PROMPTS: prompt_rows(rng),
             HARMFUL_EVAL: eval_rows(evals.HARMFUL_EVAL, "hf"), BENIGN_EVAL: eval_rows(evals.BENIGN_EVAL, "bs")}
    keys = [json.dumps([row["prompt"], row["chosen"], row["rejected"]]) for row in files[PAIRS]]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate preference pairs")
    return files


def write_jsonl(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_bytes(text.encode("utf-8"))  # bytes, so no platform newline translation


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=REPO, help="root under which the files are written")
    args = parser.parse_args(argv)
    for relative, rows in build().items():
        write_jsonl(rows, args.out_dir / relative)
        kinds = Counter(row.get("kind", "") for row in rows)
        detail = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()) if kind)
        print(f"wrote {len(rows):5d} rows to {relative}" + (f" ({detail})" if detail else ""))


if __name__ == "__main__":
    main()
