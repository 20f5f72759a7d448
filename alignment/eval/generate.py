"""Batched chat generation for the eval harness, with an on-disk cache of finished answers.

Input: a `ModelPool` label, `EvalItem`s (user turns, optional system prompt) and
`GenerationSettings`. Output: one `Generation` per item, in input order.

How: prompts are rendered with the model's chat template (generation prompt on), tokenised,
sorted by length (less padding per batch), LEFT-padded (so every row's next token sits in the
last column) and generated `batch_size` at a time with the KV cache, stopping at the model's
end-of-turn ids (`generation.stop_token_ids`). Multi-turn items generate turn 1 for all, append
each reply, then turn 2.

Determinism: temperature 0 is greedy. Sampling draws each row from its own torch.Generator,
seeded from (seed, system, turns, turn index), inside a logits processor that leaves a single
allowed token for generate's argmax: an item's sample does not depend on which batch it lands in
or on the batch size, so a cached subset plus new items equals one fresh run. The same seed per
prompt for every model also gives common random numbers when models are compared.

Cache: `<cache_dir>/<model sha>-<settings sha>.jsonl`, one appended line per finished item, keyed
by sha256(model identity + settings + system + turns). A rerun, an added model or an added prompt
generates only what is missing. A line torn by a kill mid-write fails to parse and is ignored.
`batch_size` is not in the key: it changes speed, not answers.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from tqdm import tqdm
from transformers import LogitsProcessor, LogitsProcessorList

from alignment import models
from alignment.errors import ConfigError
from alignment.generation import stop_token_ids

CACHE_VERSION = 1  # bump when a code change would change generated text for the same key


@dataclass(frozen=True)
class GenerationSettings:
    max_new_tokens: int = 256
    temperature: float = 0.0     # 0 = greedy
    top_p: float = 1.0
    seed: int = 0
    batch_size: int = 16

    def __post_init__(self):
        problems = [(self.max_new_tokens >= 1, "max_new_tokens must be >= 1"),
                    (self.temperature >= 0, "temperature must be >= 0"),
                    (0 < self.top_p <= 1, "top_p must be in (0, 1]"),
                    (self.batch_size >= 1, "batch_size must be >= 1")]
        for ok, message in problems:
            if not ok:
                raise ConfigError(f"generation: {message}")

    def cache_fields(self) -> dict:
        """What decides the text: greedy ignores seed and top_p, so greedy runs share one cache."""
        if self.temperature == 0:
            return {"max_new_tokens": self.max_new_tokens, "temperature": 0.0}
        return {"max_new_tokens": self.max_new_tokens, "temperature": self.temperature, "top_p": self.top_p,
                "seed": self.seed}


@dataclass
class Generation:
    text: str                    # the reply; for multi-turn items the LAST reply
    replies: list[str]           # one per user turn
    new_tokens: int              # tokens generated for the last reply (its stop token included)
    finished: bool               # ended with a stop token (False = hit max_new_tokens)


def default_cache_dir() -> Path:
    return models.cache_dir() / "generations"


def generate(pool, label: str, items: list, settings: GenerationSettings,
             cache_dir: Path | str | None = "default", progress: bool = True) -> list[Generation]:
    """One Generation per item, in input order. `cache_dir` None turns the cache off; "default" is
    `default_cache_dir()`. Items need `.turns` (list[str]) and `.system` (str | None)."""
    cache = None
    identity = ""  # without a cache the key only finds duplicate items: no need to hash the weights
    if cache_dir is not None:
        # the weights and the dtype they run in: bf16 and fp32 greedy answers differ
        identity = hashlib.sha256(f"{pool.identity(label)['sha256']}\n{models.pick_dtype(pool.dtype)}".encode()).hexdigest()
        cache = _Cache(default_cache_dir() if cache_dir == "default" else Path(cache_dir), identity, settings)
    keys = [item_key(identity, settings, item) for item in items]
    done = cache.read() if cache else {}
    todo = {key: item for key, item in zip(keys, items) if key not in done}  # duplicates generate once
    if todo:
        with pool.use(label) as (model, tokenizer):
            fresh = _generate_items(model, tokenizer, list(todo.values()), settings, cache, label,
                                    progress and sys.stderr.isatty())
        done.update(zip(todo, fresh))
    return [done[key] for key in keys]


def reply_texts(model, tokenizer, conversations: list[list[dict]], seeds: list[int],
                settings: GenerationSettings, progress=None) -> list[str]:
    """One reply per conversation (messages ending with a user turn), in input order, uncached;
    sampling is seeded per row (`seeds`), so a row's reply does not depend on its batch.
    `progress(n)` is called after each batch of n replies."""
    texts = [""] * len(conversations)
    for batch, outputs in _generate_turn(model, tokenizer, conversations, seeds, settings):
        for position, (text, _, _) in zip(batch, outputs):
            texts[position] = text
        if progress is not None:
            progress(len(batch))
    return texts


def item_key(identity_sha: str, settings: GenerationSettings, item) -> str:
    payload = {"version": CACHE_VERSION, "model": identity_sha, "settings": settings.cache_fields(),
               "system": item.system, "turns": list(item.turns)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# ---------------------------------------------------------------------------------------
# Generation


def _generate_items(model, tokenizer, items: list, settings: GenerationSettings, cache, label: str,
                    progress: bool) -> list[Generation]:
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
        for batch, outputs in _generate_turn(model, tokenizer, [conversations[i] for i in active], seeds, settings):
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


def _generate_turn(model, tokenizer, conversations: list[list[dict]], seeds: list[int],
                   settings: GenerationSettings):
    """Yield (positions, [(text, new_tokens, finished)]) per batch; batches are runs of prompts
    sorted by token length, longest first (an out-of-memory batch shows up at once)."""
    prompts = [tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True,
                                             return_dict=True)["input_ids"] for messages in conversations]
    order = _batch_order(prompts)
    stop_ids = stop_token_ids(model, tokenizer)
    for start in range(0, len(order), settings.batch_size):
        batch = order[start:start + settings.batch_size]
        outputs = _generate_batch(model, tokenizer, [prompts[i] for i in batch], [seeds[i] for i in batch],
                                  settings, stop_ids)
        yield batch, outputs


def _batch_order(prompts: list[list[int]]) -> list[int]:
    return sorted(range(len(prompts)), key=lambda i: -len(prompts[i]))


@torch.no_grad()
def _generate_batch(model, tokenizer, prompts: list[list[int]], seeds: list[int], settings: GenerationSettings,
                    stop_ids: list[int]) -> list[tuple[str, int, bool]]:
    width = max(len(ids) for ids in prompts)
    pad = tokenizer.pad_token_id
    # Left padding: generation appends on the right, so every row's last real token must be last.
    input_ids = torch.tensor([[pad] * (width - len(ids)) + ids for ids in prompts], device=model.device)
    attention_mask = torch.tensor([[0] * (width - len(ids)) + [1] * len(ids) for ids in prompts], device=model.device)
    sampler = LogitsProcessorList([_SeededSampler(seeds, settings, model.device)]) if settings.temperature > 0 else None
    output = model.generate(
        input_ids=input_ids, attention_mask=attention_mask, max_new_tokens=settings.max_new_tokens,
        do_sample=False, temperature=None, top_p=None, top_k=None, logits_processor=sampler,
        pad_token_id=pad, eos_token_id=stop_ids,
    )
    return [_decode(tokenizer, row, stop_ids) for row in output[:, width:].tolist()]


def _decode(tokenizer, tokens: list[int], stop_ids: list[int]) -> tuple[str, int, bool]:
    """(text, new tokens, finished): rows that stopped early are padded after their stop token."""
    stops = [index for index, token in enumerate(tokens) if token in stop_ids]
    if stops:
        tokens, new_tokens, finished = tokens[:stops[0]], stops[0] + 1, True
    else:
        new_tokens, finished = len(tokens), False
    return tokenizer.decode(tokens, skip_special_tokens=True).strip(), new_tokens, finished


def _row_seed(seed: int, item, turn: int) -> int:
    payload = json.dumps([seed, item.system, list(item.turns), turn])
    return int(hashlib.sha256(payload.encode()).hexdigest()[:15], 16)


class _SeededSampler(LogitsProcessor):
    """Temperature + top-p (nucleus) sampling with one generator per row; returns scores where
    only the drawn token is finite, so generate's greedy argmax takes exactly that token."""

    def __init__(self, seeds: list[int], settings: GenerationSettings, device):
        self.generators = [torch.Generator(device=device).manual_seed(seed) for seed in seeds]
        self.temperature = settings.temperature
        self.top_p = settings.top_p

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        probs = torch.softmax(scores.float() / self.temperature, dim=-1)  # [batch, vocab]
        if self.top_p < 1:
            sorted_probs, sorted_ids = probs.sort(dim=-1, descending=True)
            # keep the smallest prefix whose mass reaches top_p: a token stays if the mass before it is < top_p
            outside = sorted_probs.cumsum(-1) - sorted_probs >= self.top_p
            sorted_probs = sorted_probs.masked_fill(outside, 0.0)
            probs = torch.zeros_like(probs).scatter(-1, sorted_ids, sorted_probs)
        drawn = torch.stack([torch.multinomial(row, 1, generator=generator)
                             for row, generator in zip(probs, self.generators)])  # [batch, 1]
        return torch.full_like(scores, float("-inf")).scatter(-1, drawn, 0.0)


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(json.dumps({"key": item_key(self.identity, self.settings, item),
                                    "generation": asdict(generation)}) + "\n" for item, generation in finished)
        with open(self.path, "a+b") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell():  # a torn last line has no newline: start ours on a fresh line
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    lines = "\n" + lines
            handle.write(lines.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
