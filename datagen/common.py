"""What the three builders share: reading content files, writing JSONL, the command line, number text.

Content lives in datagen/content/<dataset>/<topic>.yaml; `load("harmless", "reply_templates")`
reads one file. Outputs are UTF-8 JSON lines (ensure_ascii=False) with LF endings, written as bytes
so no platform changes them.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CONTENT = Path(__file__).resolve().parent / "content"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has one; same result


def load(dataset: str, name: str):
    """One content file, datagen/content/<dataset>/<name>.yaml, as plain lists, dicts, str and int."""
    with open(CONTENT / dataset / f"{name}.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=_LOADER)


def write_jsonl(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8"))


def main(build, description: str, argv: list[str] | None = None) -> None:
    """The command line every builder has: `python -m datagen.<dataset> [--out-dir DIR]`.

    `build()` returns {path relative to the repository root: rows}; each file is written under
    --out-dir (the repository root by default) and its row count per category printed."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out-dir", type=Path, default=REPO, help="root under which the output paths are written")
    args = parser.parse_args(argv)
    for relative, rows in build().items():
        write_jsonl(rows, args.out_dir / relative)
        print(f"wrote {len(rows):5d} rows to {relative}")
        for category, count in sorted(Counter(row["category"] for row in rows).items()):
            print(f"      {category:20s} {count}")


# ---- number text, shared by the arithmetic and unit-conversion answers ----


def number(value: Decimal | int) -> str:
    """Plain decimal text: 26.10 -> '26.1', 12.0 -> '12', no exponent, no separators."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def rounded(value: Decimal, places: int) -> Decimal:
    """Half-up rounding to `places` decimal places."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(value: Decimal, symbol: str) -> str:
    """'$12' for whole amounts, '$12.50' otherwise."""
    return f"{symbol}{int(value)}" if value == value.to_integral_value() else f"{symbol}{value:.2f}"


def place_parts(n: int) -> list[int]:
    """Non-zero place-value parts, largest first: 407 -> [400, 7]."""
    digits = str(n)
    return [int(d) * 10 ** (len(digits) - 1 - i) for i, d in enumerate(digits) if d != "0"]
