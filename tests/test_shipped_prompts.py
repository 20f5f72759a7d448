"""The shipped PPO prompt set loads, mixes helpful and safety prompts, and its card tells the truth."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from alignment.data.prompts import load_prompts

FOLDER = Path(__file__).resolve().parent.parent / "preference_data" / "prompts"
FILES = [FOLDER / "helpful.jsonl", FOLDER / "harmless.jsonl"]


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_both_files_load_as_prompts_ending_with_a_user_turn():
    prompts = load_prompts([str(path) for path in FILES])
    assert len(prompts) >= 500
    assert all(p.prompt[-1]["role"] == "user" for p in prompts)
    assert len({json.dumps(p.prompt) for p in prompts}) == len(prompts)


def test_the_set_mixes_helpful_harmful_and_benign_sensitive_prompts():
    kinds = Counter(row["kind"] for row in rows(FOLDER / "harmless.jsonl"))
    assert kinds["harmful"] >= 100 and kinds["benign_sensitive"] >= 100
    assert len(rows(FOLDER / "helpful.jsonl")) >= 200


def test_data_card_counts_are_the_real_ones():
    card = (FOLDER / "DATA_CARD.md").read_text(encoding="utf-8")
    helpful, harmless = rows(FILES[0]), rows(FILES[1])
    assert f"| `helpful.jsonl` | {len(helpful)} |" in card
    assert f"| `harmless.jsonl` | {len(harmless)} |" in card
    assert (
        f"| **total** | **{len(helpful) + len(harmless)}** | {sum(len(r['prompt']) > 1 for r in helpful + harmless)}"
        in card
    )
    categories = Counter(row["category"] for row in helpful)
    listed = dict(re.findall(r"(\w+) (\d+)", card.split("| `helpful.jsonl` |", 1)[1].split("|")[1]))
    assert {name: int(count) for name, count in listed.items()} == dict(categories)
    kinds = Counter(row["kind"] for row in harmless)
    assert f"harmful {kinds['harmful']}, benign_sensitive {kinds['benign_sensitive']}" in card


def test_every_shipped_verifiable_prompt_can_be_paid_by_the_built_in_reward():
    """GRPO's prompts: each has a check `answer_matches` reads, a reply that states the answer earns 1
    and an empty reply 0 (so every group can tell right from wrong)."""
    from alignment.rewards.verifiable import answer_matches

    path = FOLDER / "verifiable.jsonl"
    examples = load_prompts([str(path)])
    assert len(examples) == len(path.read_text().splitlines()) == 711
    for example in examples:
        answer = example.check["answer"]
        assert answer_matches(example.prompt, f"The answer is {answer}.", example.check) == 1.0, example.source
        assert answer_matches(example.prompt, "", example.check) == 0.0, example.source
    texts = [json.dumps(example.prompt) for example in examples]
    assert len(set(texts)) == len(texts)  # each conversation once
