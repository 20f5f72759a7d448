"""Train the three-class refusal classifier (alignment/eval/refusal_classifier.py) and print its
leave-one-source-out table.

    .venv/bin/python benchmarks/train_refusal_classifier.py --loso                 # the validation table only
    .venv/bin/python benchmarks/train_refusal_classifier.py --loso --out evals/refusal_classifier
    .venv/bin/python benchmarks/train_refusal_classifier.py --out DIR --cache /tmp/prefix   # keep the prefix cache
    .venv/bin/python benchmarks/train_refusal_classifier.py --loso --table-into DIR --cache /tmp/prefix

Training data (never anything under evals/refusal_corpus/heldout/):
- evals/refusal_corpus/dev/*.jsonl: 625 written answers, 6 sources;
- XSTest's two human-labelled completion files, ../shared/data/xstest/*_gpteval.csv (900 answers, 2
  models), read in place, never copied into the repository; skipped with a note when absent.
Leave-one-source-out (--loso): for each of these sources in turn, train from the same seeded start on
the others and classify the one left out; the table is what the recipe was chosen by. --out then trains
on every source and writes the classifier directory (adapter, score head, classifier.json with the
recipe, the data's sha256 and the table). Seeded: the same data, recipe and machine give the same weights.

Measured (the shipped evals/refusal_classifier, `--loso --out ... --cache /tmp/clf/cache`): 2-core AMD EPYC
with AVX512-BF16 (`grep -o avx512_bf16 /proc/cpuinfo` finds it, so the base runs in bf16), shared with
other work (load average 3-4): prefix cache 680 s (1,525 answers, 173,518 tokens), each
leave-one-source-out fold 51-85 s, final training 70 s, 1,275 s in all; without --loso, the cache plus
70 s. The lower 29 layers run once per answer (the prefix cache; --cache keeps it on disk for reruns);
every epoch and fold then trains the top layer's LoRA and the head only. Leave-one-source-out binary
agreement: 0.868 pooled, 0.827-0.882 per source (evals/refusal_classifier/README.md has the table).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from alignment.core.provenance import sha256_file  # noqa: E402
from alignment.eval.refusal_classifier import (
    PrefixCache,
    Recipe,
    build_trainable,
    encode_examples,
    predict,
    restore,
    save_classifier,
    train,
    trainable_state,
)
from alignment.eval.refusal_measure import pool, read_corpus_rows, read_xstest_rows  # noqa: E402
from alignment.rewards.refusal import VERDICTS  # noqa: E402

DEV = REPO / "evals" / "refusal_corpus" / "dev"


def training_sources(xstest: Path) -> dict[str, tuple[Path, list[tuple]]]:
    """name -> (file, (answer, label, prompt) rows): the dev corpus sources, then XSTest's files."""
    sources = {path.stem: (path, read_corpus_rows(path)) for path in sorted(DEV.glob("*.jsonl"))}
    files = sorted(xstest.glob("*_gpteval.csv")) if xstest.is_dir() else []
    if not files:
        print(f"note: no XSTest completion files in {xstest}; training on the dev corpus only", flush=True)
    for path in files:
        sources[path.stem.replace("xstest_v2_completions_", "xstest_").replace("_gpteval", "")] = (
            path,
            read_xstest_rows(path),
        )
    return sources


def figures(rows: list[tuple], verdicts: list[str]) -> dict:
    confusion = {human: {verdict: 0 for verdict in VERDICTS} for human in VERDICTS}
    for row, verdict in zip(rows, verdicts):
        confusion[row[1]][verdict] += 1
    return pool([{"confusion": confusion}])


def line(name: str, result: dict) -> str:
    recall = "-" if result["partial_recall"] is None else f"{result['partial_recall']:.3f}"
    return (
        f"  {name:<28} n={result['n']:<4} binary={result['binary']:.3f}  three-class={result['three_class']:.3f}  "
        f"partial recall={recall}"
    )


def rounded(result: dict) -> dict:
    return {
        key: round(value, 4) if isinstance(value, float) else value
        for key, value in result.items()
        if key in ("n", "binary", "three_class", "partial_recall")
    }


def _cached_prefix(model, examples, recipe, cache_dir: str):
    """The prefix cache, kept on disk under `cache_dir` (keyed by the token ids and the recipe's base and
    layers) so a rerun of the same data does not run the lower layers again."""
    import hashlib

    import torch

    key = hashlib.sha256(
        json.dumps([[e.ids for e in examples], recipe.base, recipe.last_layers, recipe.dtype]).encode()
    ).hexdigest()[:16]
    path = Path(cache_dir) / f"prefix-{key}.pt" if cache_dir else None
    if path is not None and path.is_file():
        stored = torch.load(path)
        return PrefixCache(stored["start"], stored["hidden"], [e.ids for e in examples])
    cache = PrefixCache.build(model, [example.ids for example in examples], log=lambda text: print(text, flush=True))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"start": cache.start, "hidden": cache.hidden}, path)
    return cache


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xstest", type=Path, default=REPO.parent / "shared" / "data" / "xstest")
    parser.add_argument("--loso", action="store_true", help="print the leave-one-source-out table")
    parser.add_argument("--out", default="", help="train on every source and write the classifier here")
    parser.add_argument(
        "--table-into", default="", help="with --loso: store the table in this classifier dir's classifier.json"
    )
    parser.add_argument("--cache", default="", help="keep the prefix cache in this folder (reruns skip it)")
    parser.add_argument("--epochs", type=int, default=Recipe.epochs)
    parser.add_argument("--learning-rate", type=float, default=Recipe.learning_rate)
    parser.add_argument("--last-layers", type=int, default=Recipe.last_layers)
    args = parser.parse_args()
    import torch

    torch.manual_seed(0)
    recipe = Recipe(epochs=args.epochs, learning_rate=args.learning_rate, last_layers=args.last_layers)
    began = time.time()
    sources = training_sources(args.xstest)
    model, tokenizer = build_trainable(recipe)
    start_state = trainable_state(model)
    rows, owner = [], []
    for name, (_, source_rows) in sources.items():
        rows += source_rows
        owner += [name] * len(source_rows)
    examples = encode_examples(tokenizer, rows, recipe)
    cache = _cached_prefix(model, examples, recipe, args.cache)
    pad_id = tokenizer.pad_token_id
    print(
        f"prefix cache: {len(examples)} answers, {sum(len(e.ids) for e in examples)} tokens, layers 0-"
        f"{cache.start - 1} run once, {time.time() - began:.0f} s",
        flush=True,
    )
    table = {}
    if args.loso:
        results = []
        for name in sources:
            fold_began = time.time()
            restore(model, start_state)
            held = [index for index, who in enumerate(owner) if who == name]
            train(model, cache, examples, [index for index, who in enumerate(owner) if who != name], recipe, pad_id)
            result = figures([rows[index] for index in held], predict(model, cache, held, pad_id))
            results.append(result)
            table[name] = rounded(result)
            print(line(name, result) + f"   ({time.time() - fold_began:.0f} s)", flush=True)
        print(line("pooled (each left out once)", pool(results)), flush=True)
        table["pooled"] = rounded(pool(results))
    if args.out:
        train_began = time.time()
        restore(model, start_state)
        train(model, cache, examples, range(len(examples)), recipe, pad_id, log=print)
        card = {
            "training_data": {
                name: {"n": len(source_rows), "file": path.name, "sha256": sha256_file(path)}
                for name, (path, source_rows) in sources.items()
            },
            "leave_one_source_out": table,
            "command": "benchmarks/train_refusal_classifier.py " + " ".join(sys.argv[1:]),
            "machine": f"{platform.machine()}, {torch.get_num_threads()} threads, torch {torch.__version__}",
            "final_training_seconds": round(time.time() - train_began),
            "total_seconds": round(time.time() - began),
        }
        save_classifier(model, recipe, args.out, card)
        print(f"wrote {args.out} ({time.time() - began:.0f} s in all)")
    if args.table_into and table:
        card_file = Path(args.table_into) / "classifier.json"
        card = json.loads(card_file.read_text())
        card["leave_one_source_out"] = table
        card["leave_one_source_out_command"] = "benchmarks/train_refusal_classifier.py " + " ".join(sys.argv[1:])
        card_file.write_text(json.dumps(card, indent=2) + "\n")
    print(json.dumps(table, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
