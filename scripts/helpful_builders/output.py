"""Where the `helpful` files go, how they are written, and the summary printed after writing.

Rows are written as UTF-8 JSON lines (ensure_ascii=False), one per line, "\n" endings.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

OUTPUTS = {
    "pairs": Path("preference_data/helpful/pairs.jsonl"),
    "ranked": Path("preference_data/helpful/ranked.jsonl"),
    "prompts": Path("preference_data/prompts/helpful.jsonl"),
    "eval_verifiable": Path("evals/helpful_verifiable.jsonl"),
    "eval_open": Path("evals/helpful_open.jsonl"),
    "eval_open_extra": Path("evals/helpful_open_extra.jsonl"),
    "eval_open_more": Path("evals/helpful_open_more.jsonl"),
}


def write_jsonl(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8"))


def write_outputs(outputs: dict[str, list[dict]], out_dir: Path) -> None:
    """Write each file under out_dir and print its row count per category, then the rejected kinds."""
    for name, rows in outputs.items():
        write_jsonl(rows, out_dir / OUTPUTS[name])
        print(f"wrote {len(rows):5d} rows to {OUTPUTS[name]}")
        for label, count in sorted(Counter(row["category"] for row in rows).items()):
            print(f"      {label:18s} {count}")
    kinds = Counter(row["rejected_kind"] for row in outputs["pairs"])
    print("rejected kinds: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))
