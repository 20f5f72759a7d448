"""Look at a data file the way a stage will: what kind and format it is, its canonical rows, its
problems and its statistics. Backs `alignment data validate|convert|show`.

Input: a path (any container `readers.py` reads), optionally a kind (`sft`, `preference`, `kto`,
`prompts`), a format within that kind and a column mapping; a tokenizer for token lengths.
Output: `Loaded` (kind, format, canonical rows, the `file:line` of each) or one `DataError`;
`duplicate_problems` and `length_stats` for validation; `rendered` for showing rows as the model
sees them.

Canonical rows (house style): SFT `{"messages"}`; preference `{"prompt", "chosen", "rejected"}` in chat
form, plus `margin` for pairs expanded from a ranked row; KTO `{"prompt", "completion", "label"}`;
prompts `{"prompt"}`.
"""

from __future__ import annotations

import contextlib
import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from alignment.core.errors import AlignmentError, ConfigError, DataError
from alignment.data.mixture import token_counts
from alignment.data.preference import (
    PREFERENCE_FORMATS,
    detect_preference_format,
    load_kto_examples,
    load_preference_pairs,
)
from alignment.data.prompts import PROMPT_FORMATS, detect_prompt_format, load_prompts
from alignment.data.readers import read_records
from alignment.data.sft import SFT_FORMATS, detect_sft_format, load_sft_examples

KINDS = ("sft", "preference", "kto", "prompts")
FORMATS = {
    "sft": SFT_FORMATS,
    "preference": tuple(f for f in PREFERENCE_FORMATS if f != "kto"),
    "kto": ("kto",),
    "prompts": PROMPT_FORMATS,
}


@dataclass
class Loaded:
    path: str
    kind: str
    format: str
    """The format of the file's first row (every row must share it), or the one the user named."""
    raw_rows: int
    rows: list[dict]
    """Canonical rows; a ranked row expands into several."""
    sources: list[str]
    """`file:line` of each canonical row."""


def detect_kind(row: dict) -> tuple[str, str] | None:
    """(kind, format) of one raw row, or None when no known shape fits."""
    preference = detect_preference_format(row)
    if preference == "kto":
        return "kto", "kto"
    if preference == "alpaca" and isinstance(row.get("output"), str) and not _json_list_cell(row["output"]):
        return "sft", "alpaca"  # one string output is a demonstration, a list (or a CSV cell holding one) a ranking
    if preference is not None:
        return "preference", preference
    if "chosen" in row or "rejected" in row:
        return "preference", "trl"  # a pair missing one side: let the TRL reader name what is missing
    messages = row.get("messages")
    if (
        isinstance(messages, list)
        and messages
        and isinstance(messages[-1], dict)
        and messages[-1].get("role") == "user"
    ):
        return "prompts", "messages"  # nothing to learn from yet: a conversation waiting for its reply
    sft = detect_sft_format(row)
    if sft is not None:
        return "sft", sft
    prompt = detect_prompt_format(row)
    return ("prompts", prompt) if prompt is not None else None


def _json_list_cell(text: str) -> bool:
    """A CSV cell that holds a JSON list, e.g. `["Blue.", "Blu"]`."""
    if not text.lstrip().startswith("["):
        return False
    try:
        return isinstance(json.loads(text), list)
    except json.JSONDecodeError:
        return False


def _kind_of_format(fmt: str, detected: tuple[str, str] | None) -> str:
    """The kind a format name belongs to; for names two kinds share (alpaca, messages), the detected one."""
    kinds = [kind for kind in KINDS if fmt in FORMATS[kind]]
    if not kinds:
        every = sorted({name for names in FORMATS.values() for name in names})
        raise ConfigError(f"unknown format '{fmt}'; expected auto, {', '.join(every)}")
    return detected[0] if detected and detected[0] in kinds else kinds[0]


def _format_within(kind: str, row: dict) -> str | None:
    """The format `row` has when read as `kind`."""
    if kind == "sft":
        return detect_sft_format(row)
    if kind == "prompts":
        return detect_prompt_format(row)
    found = detect_preference_format(row)
    return None if (found == "kto") != (kind == "kto") else found


PROMPT_FIELDS = ("prompt", "messages", "instruction", "input", "system", "history")


def _refuse_partial_mapping(first: tuple[str, dict], kind: str, columns: dict[str, str] | None) -> None:
    """A column mapping that makes a file of replies read as bare prompts: the user mapped the
    prompt and meant the rest too (`--column prompt=q` on q/good/bad columns). An error naming the
    unread columns, unless `--kind prompts` says prompts are all that is wanted."""
    if not columns or kind != "prompts":
        return
    unread = [str(key) for key in first[1] if key not in PROMPT_FIELDS and isinstance(first[1][key], (str, list))]
    if unread:
        mapped = ", ".join(f"{target}={source}" for target, source in columns.items())
        raise DataError(
            [
                (
                    first[0],
                    "columns",
                    f"the mapping ({mapped}) reads this as prompts only and leaves {', '.join(unread)} unread; "
                    "map the reply columns too (chosen=, rejected= for pairs; completion= for SFT), "
                    "or pass --kind prompts",
                )
            ]
        )


def load_any(
    path: str,
    kind: str = "auto",
    fmt: str = "auto",
    columns: dict[str, str] | None = None,
    ranking: str = "best_vs_rest",
) -> Loaded:
    """Canonical rows of `path`; one `DataError` listing every bad row."""
    if kind != "auto" and kind not in KINDS:
        raise ConfigError(f"unknown data kind '{kind}'; expected auto, {', '.join(KINDS)}")
    first = _first_row(path, columns)
    detected = detect_kind(first[1]) if first else None
    if kind == "auto" and fmt != "auto":
        kind = _kind_of_format(fmt, detected)
    if kind == "auto":
        if detected is None:
            found = ", ".join(map(str, first[1])) if first else "(none)"
            raise DataError(
                [
                    (
                        first[0] if first else path,
                        "-",
                        "cannot tell what kind of data this is (SFT chats, "
                        f"preference pairs, KTO rows or prompts); found keys: {found}; pass --kind and "
                        "--format, or --column to map your columns",
                    )
                ]
            )
        kind = detected[0]
        _refuse_partial_mapping(first, kind, columns)
    if fmt != "auto" and fmt not in FORMATS[kind]:
        owners = [name for name in KINDS if fmt in FORMATS[name]]
        hint = f"; '{fmt}' is a {' or '.join(owners)} format (--kind {owners[0]})" if owners else ""
        raise ConfigError(f"unknown {kind} format '{fmt}'; expected auto, {', '.join(FORMATS[kind])}{hint}")
    if (
        fmt == "auto"
        and kind == "preference"
        and detected == ("preference", "trl")
        and detect_preference_format(first[1]) is None
    ):
        fmt = "trl"  # a first row missing one side of its pair: read it as TRL so the gap is named
    shown_format = fmt
    if fmt == "auto" and first:
        shown_format = detected[1] if detected and detected[0] == kind else (_format_within(kind, first[1]) or "auto")
    rows, sources = _canonical(path, kind, fmt, columns, ranking)
    raw_rows = sum(1 for _ in read_records(path, columns=columns))
    return Loaded(str(path), kind, shown_format, raw_rows, rows, sources)


def _first_row(path: str, columns: dict[str, str] | None) -> tuple[str, dict] | None:
    """The first readable row; unreadable files raise their problems here (nothing to detect from)."""
    problems: list = []
    for location, row in read_records(path, problems, columns):
        return location, row
    if problems:
        raise DataError(problems)
    return None


def _canonical(path: str, kind: str, fmt: str, columns, ranking: str) -> tuple[list[dict], list[str]]:
    if kind == "sft":
        examples = load_sft_examples([path], fmt, columns)
        return [{"messages": e.messages} for e in examples], [e.source for e in examples]
    if kind == "preference":
        pairs = load_preference_pairs([path], fmt, ranking, columns=columns)
        rows = [
            {"prompt": p.prompt, "chosen": p.chosen, "rejected": p.rejected}
            | ({"margin": p.margin} if p.margin is not None else {})
            for p in pairs
        ]
        return rows, [p.source for p in pairs]
    if kind == "kto":
        examples = load_kto_examples([path], fmt, columns)
        return (
            [{"prompt": e.prompt, "completion": e.completion, "label": e.label} for e in examples],
            [e.source for e in examples],
        )
    prompts = load_prompts([path], fmt, columns)
    return [{"prompt": p.prompt} for p in prompts], [p.source for p in prompts]


def duplicate_problems(loaded: Loaded) -> list[tuple[str, str, str]]:
    """A row identical to an earlier one (as canonical text) is a problem: it silently doubles its
    weight, and for preference data it leaks across a train/test split. Pairs from one ranked row
    are never duplicates of each other."""
    first_seen: dict[str, str] = {}
    problems = []
    for row, source in zip(loaded.rows, loaded.sources):
        key = json.dumps({k: v for k, v in row.items() if k != "margin"}, sort_keys=True, ensure_ascii=False)
        if key in first_seen and first_seen[key] != source:
            problems.append((source, "-", f"duplicate of {first_seen[key]}"))
        first_seen.setdefault(key, source)
    return problems


def distinct_prompts(loaded: Loaded) -> int:
    key = "messages" if loaded.kind == "sft" else "prompt"
    return len({json.dumps(row[key][:-1] if key == "messages" else row[key], sort_keys=True) for row in loaded.rows})


def chats_to_measure(loaded: Loaded) -> dict[str, list[list[dict]]]:
    """The conversations whose token lengths matter, by name."""
    if loaded.kind == "preference":
        return {
            "prompt+chosen": [r["prompt"] + r["chosen"] for r in loaded.rows],
            "prompt+rejected": [r["prompt"] + r["rejected"] for r in loaded.rows],
        }
    if loaded.kind == "kto":
        return {"prompt+completion": [r["prompt"] + r["completion"] for r in loaded.rows]}
    if loaded.kind == "sft":
        return {"chat": [r["messages"] for r in loaded.rows]}
    return {"prompt": [r["prompt"] for r in loaded.rows]}


def length_stats(tokenizer, chats: list[list[dict]]) -> dict[str, int]:
    """min / median / p95 / max tokens of the chats rendered through the chat template."""
    counts = sorted(token_counts(tokenizer, chats))
    return {
        "min": counts[0],
        "median": int(statistics.median(counts)),
        "p95": counts[min(len(counts) - 1, int(0.95 * len(counts)))],
        "max": counts[-1],
    }


def rendered(tokenizer, loaded: Loaded, index: int) -> list[tuple[str, str]]:
    """(label, text) blocks of row `index` exactly as the model sees it through the chat template."""
    row = loaded.rows[index]
    render = tokenizer.apply_chat_template
    if loaded.kind == "sft":
        return [("chat", render(row["messages"], tokenize=False))]
    if loaded.kind == "prompts":
        return [("prompt (+ generation prompt)", render(row["prompt"], tokenize=False, add_generation_prompt=True))]
    if loaded.kind == "kto":
        label = "desirable" if row["label"] else "undesirable"
        return [(f"completion ({label})", render(row["prompt"] + row["completion"], tokenize=False))]
    prefix = render(row["prompt"], tokenize=False, add_generation_prompt=True)
    rejected = render(row["prompt"] + row["rejected"], tokenize=False)
    # both replies share the prompt: show it once, then only what differs
    tail = rejected[len(prefix) :] if rejected.startswith(prefix) else rejected
    margin = f" (margin {row['margin']:g})" if "margin" in row else ""
    return [
        (f"prompt + chosen{margin}", render(row["prompt"] + row["chosen"], tokenize=False)),
        ("rejected (after the same prompt)", tail),
    ]


def write_jsonl_atomically(rows: list[dict], out: Path) -> None:
    """Write to a temporary file beside `out`, then rename: a failure never leaves half a file, and
    an unwritable `out` is an `AlignmentError` naming it."""
    if out.is_dir():
        raise AlignmentError(f"--out {out} is a directory; give a file path such as {out}/data.jsonl")
    partial = out.with_name(f".{out.name}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        partial.replace(out)
    except OSError as error:
        raise AlignmentError(f"cannot write {out}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):  # nothing to clean where nothing could be created
            partial.unlink(missing_ok=True)
