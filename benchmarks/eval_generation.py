"""Eval generation throughput: batched `alignment.eval.generate` vs per-prompt `model.generate`.

    .venv/bin/python benchmarks/eval_generation.py                       # 32 prompts, 64 new tokens, greedy
    .venv/bin/python benchmarks/eval_generation.py --n 32 --batch-sizes 8,16,32 --no-sort

Input: the first N prompts of evals/helpful_open.jsonl, SmolLM2-135M-Instruct (the embedded
default, loaded through the eval ModelPool). Both ways run greedy with the same max_new_tokens,
in one process, on one loaded model, the cache off:
- per-prompt: `alignment.models.generation.chat_reply` in a loop (one `model.generate` per prompt, what
  `alignment generate` does);
- batched: `alignment.eval.generate.generate` (length-sorted, left-padded batches, KV cache),
  once per batch size asked for.
Output: prompts/s of each, the ratio batched / per-prompt, and the fraction of answers that are
identical to the per-prompt ones (greedy on padded batches may differ in the last float bits,
which can flip a near-tie token and the text after it).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import torch

from alignment.config import DEFAULT_MODEL
from alignment.eval import generate as eval_generate
from alignment.eval.loading import ModelPool
from alignment.eval.prompt_files import EvalItem
from alignment.models import generation
from alignment.models.generation import chat_reply

PROMPTS = Path(__file__).resolve().parent.parent / "evals" / "helpful_open.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=32, help="prompts from evals/helpful_open.jsonl")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--batch-sizes", default="16", help="comma-separated batch sizes for the batched runs")
    parser.add_argument("--no-sort", action="store_true", help="keep file order in batches (shows what sorting buys)")
    parser.add_argument("--dtype", default="auto")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()

    prompts = [json.loads(line)["prompt"] for line in PROMPTS.read_text().splitlines() if line.strip()][: args.n]
    pool = ModelPool({"model": args.model}, dtype=args.dtype)
    with pool.use("model") as (model, tokenizer):
        print(
            f"{len(prompts)} prompts, max_new_tokens {args.max_new_tokens}, greedy, {model.dtype} on "
            f"{model.device}, torch threads {torch.get_num_threads()}, load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        chat_reply(model, tokenizer, [{"role": "user", "content": "Hi"}], max_new_tokens=4)  # warm-up
        started = time.perf_counter()
        single = [
            chat_reply(model, tokenizer, [{"role": "user", "content": p}], max_new_tokens=args.max_new_tokens)
            for p in prompts
        ]
        single_seconds = time.perf_counter() - started
    print(f"per-prompt generate: {len(prompts) / single_seconds:.2f} prompts/s ({single_seconds:.1f} s)", flush=True)

    if args.no_sort:
        generation.batch_order = lambda prompts: list(range(len(prompts)))
    for batch_size in [int(size) for size in args.batch_sizes.split(",")]:
        settings = eval_generate.GenerationSettings(max_new_tokens=args.max_new_tokens, batch_size=batch_size)
        started = time.perf_counter()
        items = [EvalItem(id=str(i), turns=[prompt]) for i, prompt in enumerate(prompts)]
        batched = eval_generate.generate(pool, "model", items, settings, cache_dir=None, progress=False)
        seconds = time.perf_counter() - started
        identical = sum(g.text == s for g, s in zip(batched, single)) / len(prompts)
        tokens = sum(g.new_tokens for g in batched)
        print(
            f"batched generate (batch {batch_size}{', unsorted' if args.no_sort else ''}): "
            f"{len(prompts) / seconds:.2f} prompts/s ({seconds:.1f} s, {tokens} new tokens); "
            f"ratio {single_seconds / seconds:.2f}x; identical answers {identical:.0%}",
            flush=True,
        )
    pool.close()


if __name__ == "__main__":
    main()
