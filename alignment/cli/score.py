"""`alignment score`: score a file of responses or preference pairs with a trained reward model.

    alignment score --model runs/reward/reward --data FILE --out scores.jsonl [--column NAME=COLUMN ...]
                    [--batch-size 16] [--force]

FILE (JSONL, JSON, CSV/TSV, Parquet or a `datasets` directory) holds either
- response rows `{"prompt": "...", "response": "..."}` (prompt: text or chat messages ending with
  the user; response: text or assistant messages; `completion` is read as `response`, so TRL's
  prompt-completion rows, standard or conversational, work): each row is written back with a
  `score`; or
- preference pairs in any format the preference readers accept (TRL, HH-RLHF, ranked lists, ...):
  each pair is written as `{source, prompt, chosen, rejected, chosen_score, rejected_score}` and
  the accuracy (ties count as wrong) is printed.
`--column NAME=COLUMN` reads the file's COLUMN as NAME (`--column prompt=question --column
response=answer`), as in `alignment data`. Text is rendered with the reward model's own tokenizer
(see `alignment/models/reward_model.py`). Bad rows fail before the model loads, as
`file:line: field: problem`; `--out` must be a file path and is never overwritten without --force.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from alignment.cli.data import columns_of
from alignment.core.errors import AlignmentError, DataError
from alignment.core.io import write_text_atomically
from alignment.data.preference import load_preference_pairs
from alignment.data.readers import read_records


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="alignment score", description="Score responses or pairs with a reward model."
    )
    parser.add_argument("--model", required=True, help="reward stage dir, its merged/ dir, or its adapter/ dir")
    parser.add_argument("--data", required=True, help="response rows (prompt + response) or preference pairs")
    parser.add_argument("--out", required=True, help="output JSONL (must not exist unless --force)")
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="NAME=COLUMN",
        help="read the file's COLUMN as NAME, e.g. --column prompt=question --column response=answer",
    )
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--dtype", default="auto", choices=["auto", "bfloat16", "float16", "float32"])
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if out.is_dir():
        raise AlignmentError(f"--out {args.out} is a directory; give a file path, e.g. {out / 'scores.jsonl'}")
    if out.exists() and not args.force:
        raise AlignmentError(f"{args.out} exists; pass --force to replace it")
    if not Path(args.data).exists():
        raise AlignmentError(f"{args.data}: no such file or directory")
    if args.batch_size < 1:
        raise AlignmentError(f"--batch-size must be at least 1, got {args.batch_size}")
    columns = columns_of(args.column)
    rows = _response_rows(args.data, columns)
    pairs = None if rows is not None else _pairs(args.data, columns)  # validated before the (slow) model load

    from alignment.models.reward_model import load_reward_model

    model = load_reward_model(args.model, dtype=args.dtype)
    if rows is not None:
        scores = model.score([row["prompt"] for row in rows], [row["response"] for row in rows], args.batch_size)
        records = [{**row, "score": score} for row, score in zip(rows, scores)]
        summary = f"scored {len(records)} responses"
    else:
        prompts = [pair.prompt for pair in pairs]
        chosen = model.score(prompts, [pair.chosen for pair in pairs], args.batch_size)
        rejected = model.score(prompts, [pair.rejected for pair in pairs], args.batch_size)
        records = [
            {
                "source": pair.source,
                "prompt": pair.prompt,
                "chosen": pair.chosen[0]["content"],
                "rejected": pair.rejected[0]["content"],
                "chosen_score": c,
                "rejected_score": r,
            }
            for pair, c, r in zip(pairs, chosen, rejected)
        ]
        correct = sum(c > r for c, r in zip(chosen, rejected))
        summary = f"scored {len(records)} pairs; accuracy {correct / len(records):.4f} (ties count as wrong)"
    _write_jsonl(out, records)
    print(f"{summary} -> {out}")
    return 0


def _response_rows(path: str, columns: dict[str, str] | None = None) -> list[dict] | None:
    """Rows with prompt + response, checked; None when the file holds something else (pairs)."""
    records = list(read_records(path, columns=columns))
    if not records:
        raise DataError([(path, "-", "no rows")])
    if "response" not in records[0][1] and "completion" not in records[0][1]:
        return None
    rows, problems = [], []
    for location, record in records:
        response = record.get("response", record.get("completion"))
        prompt = record.get("prompt")
        if not isinstance(prompt, (str, list)) or not prompt:
            problems.append((location, "prompt", "missing or empty (text, or chat messages ending with the user)"))
        elif isinstance(prompt, list) and not _is_chat(prompt):
            problems.append((location, "prompt", "a list must hold {role, content} messages ending with the user"))
        if isinstance(response, list):
            if not _is_reply(response):
                problems.append(
                    (
                        location,
                        "response",
                        "a list must hold {role, content} messages, all from the "
                        "assistant, with text (TRL conversational `completion`)",
                    )
                )
        elif not isinstance(response, str) or not response.strip():
            problems.append((location, "response", "missing or empty (text, or assistant messages)"))
        rows.append({**record, "prompt": prompt, "response": response})
    if problems:
        raise DataError(problems)
    return rows


def _is_chat(messages: list) -> bool:
    return (
        all(isinstance(m, dict) and isinstance(m.get("content"), str) and m.get("role") for m in messages)
        and messages[-1]["role"] == "user"
    )


def _is_reply(messages: list) -> bool:
    return bool(messages) and all(
        isinstance(m, dict)
        and m.get("role") == "assistant"
        and isinstance(m.get("content"), str)
        and m["content"].strip()
        for m in messages
    )


def _pairs(path: str, columns: dict[str, str] | None = None):
    return load_preference_pairs([path], columns=columns)


def _write_jsonl(out: Path, records: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(
        out, "".join(json.dumps(record, ensure_ascii=False, default=str) + "\n" for record in records)
    )
