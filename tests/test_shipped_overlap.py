"""No eval prompt is also a training prompt.

Every user prompt in every shipped training file (`preference_data/**/*.jsonl`: SFT chats,
preference pairs, ranked lists, prompt-only sets) is normalised (lower case, letters and digits
only, single spaces) and compared with every prompt in `evals/**/*.jsonl`. A shared prompt would
let a model score well on an eval by remembering its training data, so any overlap fails and
names both files. `evals/refusal_corpus/` is left out: it holds labelled answers for measuring
refusal judges, and no model is ever asked its prompts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TRAINING = sorted((REPO / "preference_data").rglob("*.jsonl"))
EVALS = sorted(path for path in (REPO / "evals").rglob("*.jsonl") if "refusal_corpus" not in path.parts)
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def user_texts(value: object) -> list[str]:
    """The user-side texts of one field: a plain string, or the user turns of a message list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [
            item["content"]
            for item in value
            if isinstance(item, dict) and item.get("role") == "user" and isinstance(item.get("content"), str)
        ]
    return []


def prompts_of(row: dict) -> list[str]:
    texts = []
    for key in ("prompt", "messages", "instruction", "question"):
        texts.extend(user_texts(row.get(key)))
    for key in ("chosen", "rejected"):  # implicit-prompt rows carry the prompt inside the conversation
        if isinstance(row.get(key), list):
            texts.extend(user_texts(row[key]))
    return texts


def prompt_index(paths: list[Path]) -> dict[str, str]:
    index = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                for text in prompts_of(json.loads(line)):
                    index.setdefault(normalise(text), f"{path.relative_to(REPO)}:{number}")
    return index


def test_normalise_ignores_case_punctuation_and_spacing():
    assert normalise("What's  the capital\nof France?") == normalise("what s the capital of france")
    assert normalise("2 + 2") != normalise("2 + 3")


def test_prompts_are_found_in_every_shipped_shape():
    assert prompts_of({"prompt": "a"}) == ["a"]
    assert prompts_of(
        {
            "messages": [
                {"role": "system", "content": "s"},
                {"role": "user", "content": "u"},
                {"role": "assistant", "content": "r"},
            ]
        }
    ) == ["u"]
    assert prompts_of(
        {"prompt": [{"role": "user", "content": "q"}], "chosen": [{"role": "assistant", "content": "c"}]}
    ) == ["q"]


@pytest.mark.skipif(not EVALS, reason="no eval prompt sets shipped yet")
def test_no_eval_prompt_appears_in_training_data():
    training = prompt_index(TRAINING)
    evals = prompt_index(EVALS)
    assert len(training) > 0 and len(evals) > 0
    shared = sorted(f"{evals[text]} = {training[text]}: {text[:80]!r}" for text in evals.keys() & training.keys())
    assert not shared, f"{len(shared)} eval prompt(s) also in training data:\n" + "\n".join(shared[:20])
