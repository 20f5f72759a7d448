"""The shipped `harmless` preference subset, its PPO prompts and the safety eval sets are what the
generator writes, load through the project's loaders, say what their data cards say, and keep
the eval prompts held out.

Files (all written by `python -m datagen.harmless`):
    preference_data/harmless/pairs.jsonl, ranked.jsonl, preference_data/prompts/harmless.jsonl,
    evals/harmful.jsonl, evals/benign_sensitive.jsonl
Checks: byte-identical regeneration; loader acceptance; minimum counts; data-card counts are the
real ones; no duplicate pairs and chosen != rejected; harmful chosen replies are refusals and
benign chosen replies are not, benign rejected replies are over-refusals; harmful rejected replies
are content-free in the ways a test can see (no code, no numbers beyond list markers); ranked rows
have four distinct scores; eval ids are unique; and no eval prompt is a near-duplicate of a
training prompt (word-set Jaccard similarity < 0.6 against every user turn in preference_data/).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from alignment.data.preference import load_preference_pairs
from alignment.data.prompts import load_prompts

REPO = Path(__file__).resolve().parent.parent
BUILDER = "datagen.harmless"  # run as `python -m datagen.harmless` from the repository root
PAIRS = Path("preference_data/harmless/pairs.jsonl")
RANKED = Path("preference_data/harmless/ranked.jsonl")
PROMPTS = Path("preference_data/prompts/harmless.jsonl")
HARMFUL_EVAL = Path("evals/harmful.jsonl")
BENIGN_EVAL = Path("evals/benign_sensitive.jsonl")
OUTPUTS = [PAIRS, RANKED, PROMPTS, HARMFUL_EVAL, BENIGN_EVAL]
CARD = REPO / "preference_data" / "harmless" / "DATA_CARD.md"
EVAL_CARD = REPO / "evals" / "DATA_CARD.md"
KINDS = {"harmful", "benign_sensitive"}
MINIMUM = {PAIRS: 1000, RANKED: 100, PROMPTS: 260, HARMFUL_EVAL: 120, BENIGN_EVAL: 120}
JACCARD_LIMIT = 0.6
# A refusal as the house style writes one; matched anywhere in the reply.
REFUSAL = re.compile(r"\b(I can't|I cannot|I won't|I'm not able to|I'm not going to|not something I can)\b")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in (REPO / path).read_text(encoding="utf-8").splitlines()]


def text(reply: list[dict]) -> str:
    assert len(reply) == 1 and reply[0]["role"] == "assistant"
    return reply[0]["content"]


def words(value: str) -> set[str]:
    return set(_NOT_WORD.sub(" ", value.lower()).split())


def flat(markdown: str) -> str:
    return " ".join(markdown.split())


@pytest.fixture(scope="module")
def pairs() -> list[dict]:
    return read(PAIRS)


@pytest.fixture(scope="module")
def ranked() -> list[dict]:
    return read(RANKED)


def test_regenerating_gives_the_shipped_bytes(tmp_path):
    subprocess.run(
        [sys.executable, "-m", BUILDER, "--out-dir", str(tmp_path)], cwd=REPO, check=True, capture_output=True
    )
    for relative in OUTPUTS:
        assert (tmp_path / relative).read_bytes() == (REPO / relative).read_bytes(), (
            f"{relative} is stale: run python -m {BUILDER}"
        )


def test_project_loaders_accept_every_file():
    assert len(load_preference_pairs([str(REPO / PAIRS)])) == len(read(PAIRS))
    assert len(load_preference_pairs([str(REPO / RANKED)])) == 3 * len(read(RANKED))  # best_vs_rest over 4
    for path in (PROMPTS, HARMFUL_EVAL, BENIGN_EVAL):
        assert len(load_prompts([str(REPO / path)])) == len(read(path))


def test_counts_meet_the_minimums():
    for path, minimum in MINIMUM.items():
        assert len(read(path)) >= minimum, path
    for path in (PAIRS, RANKED, PROMPTS):
        kinds = Counter(row["kind"] for row in read(path))
        assert set(kinds) == KINDS and min(kinds.values()) >= 0.4 * sum(kinds.values()), (path, kinds)


def test_pairs_are_distinct_and_well_formed(pairs):
    keys = [json.dumps([row["prompt"], row["chosen"], row["rejected"]]) for row in pairs]
    assert len(set(keys)) == len(keys), "duplicate pairs"
    for row in pairs:
        assert set(row) == {"prompt", "chosen", "rejected", "category", "kind"}
        assert text(row["chosen"]) != text(row["rejected"])
        assert [turn["role"] for turn in row["prompt"]] in (["user"], ["user", "assistant", "user"])
    multi = sum(len(row["prompt"]) > 1 for row in pairs)
    assert 0.02 * len(pairs) <= multi <= 0.1 * len(pairs), multi


def test_replies_are_short(pairs, ranked):
    lengths = [len(text(row[key]).split()) for row in pairs for key in ("chosen", "rejected")]
    lengths += [len(item["response"].split()) for row in ranked for item in row["completions"]]
    assert max(lengths) <= 120
    assert sorted(lengths)[len(lengths) // 2] <= 60


def test_refusals_are_where_they_belong(pairs):
    for row in pairs:
        chosen, rejected = text(row["chosen"]), text(row["rejected"])
        if row["kind"] == "harmful":
            assert REFUSAL.search(chosen), f"harmful chosen is not a refusal: {chosen!r}"
            assert not REFUSAL.search(rejected), f"harmful rejected is a refusal: {rejected!r}"
        else:
            assert not REFUSAL.search(chosen), f"benign chosen refuses: {chosen!r}"
            assert REFUSAL.search(rejected), f"benign rejected is not a refusal: {rejected!r}"


def test_harmful_rejecteds_hold_no_visible_detail(pairs):
    """Code, commands or numbers (amounts, doses, times) would be the first signs of operational
    content; the compliance-shaped replies carry only list markers 1.-4."""
    for row in pairs:
        if row["kind"] == "harmful":
            rejected = text(row["rejected"])
            assert "`" not in rejected and "http" not in rejected, rejected
            assert not re.search(r"\d", re.sub(r"\b[1-4]\. ", "", rejected)), rejected


def test_ranked_rows_have_four_distinct_scores(ranked):
    for row in ranked:
        assert isinstance(row["prompt"], str) and row["kind"] in KINDS
        scores = [item["score"] for item in row["completions"]]
        assert len(scores) == 4 and len(set(scores)) == 4
        assert len({item["response"] for item in row["completions"]}) == 4
        best = max(row["completions"], key=lambda item: item["score"])["response"]
        worst = min(row["completions"], key=lambda item: item["score"])["response"]
        if row["kind"] == "harmful":
            assert REFUSAL.search(best) and not REFUSAL.search(worst)
        else:
            assert not REFUSAL.search(best) and REFUSAL.search(worst)


def test_eval_ids_are_unique_and_numbered():
    for path, prefix in ((HARMFUL_EVAL, "hf"), (BENIGN_EVAL, "bs")):
        rows = read(path)
        assert [row["id"] for row in rows] == [f"{prefix}-{n:04d}" for n in range(1, len(rows) + 1)]
        assert all(set(row) == {"id", "prompt", "category"} for row in rows)
        assert len({row["prompt"] for row in rows}) == len(rows)


def test_eval_categories_match_training(pairs):
    training = {kind: {row["category"] for row in pairs if row["kind"] == kind} for kind in KINDS}
    assert {row["category"] for row in read(HARMFUL_EVAL)} == training["harmful"]
    assert {row["category"] for row in read(BENIGN_EVAL)} == training["benign_sensitive"]


def _user_turns(row: dict) -> list[str]:
    texts = []
    for key in ("prompt", "messages", "instruction", "question", "chosen", "rejected"):
        value = row.get(key)
        if isinstance(value, str) and key not in ("chosen", "rejected"):
            texts.append(value)
        elif isinstance(value, list):
            texts += [
                item["content"]
                for item in value
                if isinstance(item, dict) and item.get("role") == "user" and isinstance(item.get("content"), str)
            ]
    return texts


def test_eval_prompts_are_not_near_duplicates_of_training_prompts():
    training = {}
    for path in sorted((REPO / "preference_data").rglob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for prompt in _user_turns(json.loads(line)) if line.strip() else []:
                training.setdefault(frozenset(words(prompt)), f"{path.relative_to(REPO)}:{number}: {prompt[:60]!r}")
    assert len(training) > 1000
    close = []
    for path in (HARMFUL_EVAL, BENIGN_EVAL):
        for row in read(path):
            mine = words(row["prompt"])
            for theirs, where in training.items():
                if len(mine & theirs) / len(mine | theirs) >= JACCARD_LIMIT:
                    close.append(f"{row['id']} {row['prompt']!r} ~ {where}")
    assert not close, f"{len(close)} eval prompt(s) too close to training prompts:\n" + "\n".join(close[:20])


def test_data_card_counts_are_the_real_ones(pairs, ranked):
    card = CARD.read_text(encoding="utf-8")
    files = dict(re.findall(r"^\|\s*`([\w/.]+\.jsonl)`\s*\|\s*(\d+)\s*\|", card, re.MULTILINE))
    assert {name: int(n) for name, n in files.items()} == {
        str(path): len(read(path)) for path in (PAIRS, RANKED, PROMPTS)
    }
    table = re.findall(
        r"^\|\s*`(\w+)`\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|",
        card,
        re.MULTILINE,
    )
    prompts, evals = read(PROMPTS), read(HARMFUL_EVAL) + read(BENIGN_EVAL)
    real = {}
    for row in pairs:
        real.setdefault(row["category"], [row["kind"], 0, set(), 0, 0, 0])
        real[row["category"]][1] += 1
        real[row["category"]][2].add(json.dumps(row["prompt"]))
    for category, entry in real.items():
        entry[2] = len(entry[2])
        entry[3] = sum(row["category"] == category for row in ranked)
        entry[4] = sum(row["category"] == category for row in prompts)
        entry[5] = sum(row["category"] == category for row in evals)
    assert {name: [kind] + [int(n) for n in numbers] for name, kind, *numbers in table} == real
    kinds = Counter(row["kind"] for row in pairs)
    multi = sum(len(row["prompt"]) > 1 for row in pairs)
    distinct = len({json.dumps(row["prompt"]) for row in pairs})
    prompt_kinds = Counter(row["kind"] for row in prompts)
    for claim in (
        f"{kinds['harmful']} `harmful` and {kinds['benign_sensitive']} `benign_sensitive` pairs over "
        f"{distinct} distinct prompts",
        f"{multi} pairs ({100 * multi / len(pairs):.1f}%)",
        f"{len(ranked) // 2} rows of each kind and expands to {3 * len(ranked)} pairs",
        f"{prompt_kinds['harmful']} harmful and {prompt_kinds['benign_sensitive']} benign-sensitive prompts, "
        f"{sum(len(row['prompt']) > 1 for row in prompts)} of them multi-turn",
    ):
        assert claim in flat(card), f"data card claim is stale: {claim!r}"


@pytest.mark.parametrize("path", [HARMFUL_EVAL, BENIGN_EVAL], ids=str)
def test_eval_card_section_counts_are_the_real_ones(path):
    card = EVAL_CARD.read_text(encoding="utf-8")
    sections = re.split(r"^## ", card, flags=re.MULTILINE)
    section = next(part for part in sections if part.startswith(path.name))
    rows = read(path)
    assert f"{len(rows)} prompts" in flat(section)
    table = {name: int(n) for name, n in re.findall(r"^\|\s*`(\w+)`\s*\|\s*(\d+)\s*\|", section, re.MULTILINE)}
    assert table == dict(Counter(row["category"] for row in rows))
