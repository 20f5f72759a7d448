"""Batched chat generation for the eval harness, with an on-disk cache of finished answers.

Input: a `ModelPool` label, `EvalItem`s (user turns, optional system prompt) and
`GenerationSettings`. Output: one `Generation` per item, in input order.

How: `models/generation.py` batches and samples (per-row seeds, so an item's sample does not depend
on its batch); here each row's seed comes from (seed, system, turns, turn index), so a cached subset
plus new items equals one fresh run, and every model gets the same seed per prompt (common random
numbers when models are compared). Multi-turn items generate turn 1 for all, append each reply,
then turn 2.

Cache: `<cache_dir>/<model sha>-<settings sha>.jsonl`, one appended line per finished item, keyed
by sha256(model identity + settings + system + turns). A rerun, an added model or an added prompt
generates only what is missing. A line torn by a kill mid-write fails to parse and is ignored.
`batch_size` is not in the key: it changes speed, not answers.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from tqdm import tqdm

from alignment.core.io import append_lines
from alignment.models import loading as models
from alignment.models.generation import GenerationSettings, generate_turn

CACHE_VERSION = 1  # bump when a code change would change generated text for the same key


@dataclass
class Generation:
    text: str  # the reply; for multi-turn items the LAST reply
    replies: list[str]  # one per user turn
    new_tokens: int  # tokens generated for the last reply (its stop token included)
    finished: bool  # ended with a stop token (False = hit max_new_tokens)


def default_cache_dir() -> Path:
    return models.cache_dir() / "generations"


def generate(
    pool,
    label: str,
    items: list,
    settings: GenerationSettings,
    cache_dir: Path | str | None = "default",
    progress: bool = True,
) -> list[Generation]:
    """One Generation per item, in input order. `cache_dir` None turns the cache off; "default" is
    `default_cache_dir()`. Items need `.turns` (list[str]) and `.system` (str | None)."""
    cache = None
    identity = ""  # without a cache the key only finds duplicate items: no need to hash the weights
    if cache_dir is not None:
        # the weights and the dtype they run in: bf16 and fp32 greedy answers differ
        identity = hashlib.sha256(
            f"{pool.identity(label)['sha256']}\n{models.pick_dtype(pool.dtype)}".encode()
        ).hexdigest()
        cache = _Cache(default_cache_dir() if cache_dir == "default" else Path(cache_dir), identity, settings)
    keys = [item_key(identity, settings, item) for item in items]
    done = cache.read() if cache else {}
    todo = {key: item for key, item in zip(keys, items) if key not in done}  # duplicates generate once
    if todo:
        with pool.use(label) as (model, tokenizer):
            fresh = _generate_items(
                model, tokenizer, list(todo.values()), settings, cache, label, progress and sys.stderr.isatty()
            )
        done.update(zip(todo, fresh))
    return [done[key] for key in keys]


def item_key(identity_sha: str, settings: GenerationSettings, item) -> str:
    payload = {
        "version": CACHE_VERSION,
        "model": identity_sha,
        "settings": settings.cache_fields(),
        "system": item.system,
        "turns": list(item.turns),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# ---------------------------------------------------------------------------------------
# Generation


def _generate_items(
    model, tokenizer, items: list, settings: GenerationSettings, cache, label: str, progress: bool
) -> list[Generation]:
    """Turn by turn over all items: turn t is generated for every item that has it, then each
    reply joins its conversation. An item is written to the cache once its last turn is done."""
    conversations = [[{"role": "system", "content": item.system}] if item.system else [] for item in items]
    replies: list[list[str]] = [[] for _ in items]
    results: list[Generation | None] = [None] * len(items)
    bar = tqdm(total=sum(len(item.turns) for item in items), desc=f"generate {label}", disable=not progress)
    for turn in range(max(len(item.turns) for item in items)):
        active = [i for i, item in enumerate(items) if len(item.turns) > turn]
        for i in active:
            conversations[i].append({"role": "user", "content": items[i].turns[turn]})
        seeds = [_row_seed(settings.seed, items[i], turn) for i in active]
        for batch, outputs in generate_turn(model, tokenizer, [conversations[i] for i in active], seeds, settings):
            finished_items = []
            for position, (text, new_tokens, finished) in zip(batch, outputs):
                i = active[position]
                replies[i].append(text)
                conversations[i].append({"role": "assistant", "content": text})
                if turn == len(items[i].turns) - 1:
                    results[i] = Generation(text, list(replies[i]), new_tokens, finished)
                    finished_items.append(i)
            if cache:
                cache.append([(items[i], results[i]) for i in finished_items])
            bar.update(len(batch))
    bar.close()
    return results


def _row_seed(seed: int, item, turn: int) -> int:
    payload = json.dumps([seed, item.system, list(item.turns), turn])
    return int(hashlib.sha256(payload.encode()).hexdigest()[:15], 16)


# ---------------------------------------------------------------------------------------
# Cache


class _Cache:
    """Append-only JSONL of finished items for one (model, settings)."""

    def __init__(self, directory: Path, identity_sha: str, settings: GenerationSettings):
        self.identity, self.settings = identity_sha, settings
        settings_sha = hashlib.sha256(json.dumps(settings.cache_fields(), sort_keys=True).encode()).hexdigest()
        self.path = directory / f"{identity_sha[:16]}-{settings_sha[:16]}.jsonl"

    def read(self) -> dict[str, Generation]:
        done = {}
        if not self.path.is_file():
            return done
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
                done[record["key"]] = Generation(**record["generation"])
            except (json.JSONDecodeError, KeyError, TypeError):
                continue  # a line torn by a kill mid-write
        return done

    def append(self, finished: list) -> None:
        if not finished:
            return
        lines = "".join(
            json.dumps({"key": item_key(self.identity, self.settings, item), "generation": asdict(generation)}) + "\n"
            for item, generation in finished
        )
        append_lines(self.path, lines)
