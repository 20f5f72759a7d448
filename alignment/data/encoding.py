"""Preference pairs as token ids: the rows the DPO stage trains on and the eval's preference
accuracy scores, encoded one way for both.

    encode_pairs(tokenizer, pairs) -> [{prompt_ids, chosen_ids, rejected_ids, length, subset}]
    pair_key(row) -> a content key of one encoded pair (for caches of reference log-probs)
"""

from __future__ import annotations

import hashlib
import json

from alignment.core.errors import DataError
from alignment.data.preference import PreferencePair


def encode_pairs(tokenizer, pairs: list[PreferencePair]) -> list[dict]:
    """Rows `{prompt_ids, chosen_ids, rejected_ids, length, subset}`. The prompt is rendered with the
    generation prompt and each reply is the rest of the full rendering through its end-of-turn token
    (the template's trailing whitespace is dropped, as in SFT). Prompt and reply are tokenised
    separately, as generation sees them: no token merges across the boundary."""
    if not pairs:
        return []
    prompts = [tokenizer.apply_chat_template(pair.prompt, tokenize=False, add_generation_prompt=True) for pair in pairs]
    chosen = [reply_text(tokenizer, pair.prompt + pair.chosen, prompt, pair) for pair, prompt in zip(pairs, prompts)]
    rejected = [
        reply_text(tokenizer, pair.prompt + pair.rejected, prompt, pair) for pair, prompt in zip(pairs, prompts)
    ]
    tokenize = lambda texts: tokenizer(texts, add_special_tokens=False)["input_ids"]  # noqa: E731
    rows = []
    for pair, prompt_ids, chosen_ids, rejected_ids in zip(
        pairs, tokenize(prompts), tokenize(chosen), tokenize(rejected)
    ):
        rows.append(
            {
                "prompt_ids": prompt_ids,
                "chosen_ids": chosen_ids,
                "rejected_ids": rejected_ids,
                "length": 2 * len(prompt_ids) + len(chosen_ids) + len(rejected_ids),
                "subset": pair.subset,
            }
        )
    return rows


def reply_text(tokenizer, messages: list[dict], prompt: str, pair: PreferencePair) -> str:
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    if not full.startswith(prompt):
        raise DataError(
            [
                (
                    pair.source,
                    "prompt",
                    "the chat template renders the prompt differently with and without "
                    "the reply; cannot tell where the reply starts",
                )
            ]
        )
    return full[len(prompt) :].rstrip()


def pair_key(row: dict) -> str:
    ids = [row["prompt_ids"], row["chosen_ids"], row["rejected_ids"]]
    return hashlib.sha256(json.dumps(ids).encode()).hexdigest()[:32]
