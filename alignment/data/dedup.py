"""Rows identical to an earlier row: public datasets have them (LLaMA-Factory's DPO demo holds 11 in
300), and a copy doubles a row's weight in training and can land on both sides of a train/test split.
Training drops them by default (`data.deduplicate`) and counts them; `alignment data validate` warns.

    distinct(rows, content) -> the rows whose content (a JSON-able value) was not seen earlier, in order
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable


def distinct(rows: Iterable, content: Callable, seen: set[str] | None = None) -> list:
    """`rows` without those whose `content(row)` equals an earlier row's. Pass one `seen` set to
    several calls to drop copies across them (a copy in a later source of a row in an earlier one)."""
    seen = set() if seen is None else seen
    kept = []
    for row in rows:
        key = json.dumps(content(row), ensure_ascii=False, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept
