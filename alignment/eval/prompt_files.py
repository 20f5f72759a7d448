"""Prompt files users bring -> `EvalItem`s: the prompts an eval task asks, with what scoring needs.

    items = read_prompt_file("evals/harmful.jsonl")                                  # format detected
    items = read_prompt_file("question.jsonl", turns="both")                         # MT-Bench, 2 turns
    items = read_prompt_file("mine.csv", columns={"prompt": "query", "id": "qid"})   # generic + mapping
    items = read_prompt_file("xstest_prompts.csv", where={"label": "safe"})          # only some rows

Formats (`format=`; "auto" picks one from the first row's columns, in this order):
  mt_bench      MT-Bench question.jsonl: question_id, category, turns (list), optional reference
                (list, one per turn). turns="first" asks turn 1; "both" asks every turn in one
                conversation, and `reference` is the one for the last turn asked.
  strongreject  StrongREJECT CSV: category, source, forbidden_prompt.
  harmbench     HarmBench CSV: Behavior, FunctionalCategory, SemanticCategory, Tags, ContextString,
                BehaviorID. A contextual behaviour asks "{ContextString}\\n\\n---\\n\\n{Behavior}" in
                one user turn, context first, as HarmBench's own prompts do. category = SemanticCategory.
  xstest        XSTest CSV: id, prompt, type, label, focus, note -> category = type, label = safe/unsafe.
  generic       any JSONL / JSON / CSV / TSV / Parquet with a prompt column: the first of prompt,
                question, instruction, text; optional id, category, reference, match, system, label.
                Our shipped evals/*.jsonl (id, prompt, category, reference, match) are this format.
`columns` renames the file's columns to the names the format reads ({"prompt": "query"}): keys are
the format's names, values the file's. `where` keeps rows whose column (after renaming) holds the
given value, compared as text ({"label": "safe"}).

Containers are read by `alignment.data.readers.read_records`, so every problem is reported as
`file:line: field: problem` in one DataError: a prompt that is not a non-empty string, a missing
prompt column (naming the columns found), an unknown match mode, a repeated id. A file without a
single row is a DataError "file: no prompts". Items without an id get "<file stem>-<line>".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from alignment.core.errors import ConfigError, DataError
from alignment.data.readers import MAX_PROBLEMS, Problem, json_type_name, read_records
from alignment.rewards.matching import numbers_in

FORMATS = ("mt_bench", "strongreject", "harmbench", "xstest", "generic")
MATCH_MODES = ("normalised", "contains", "number")
TURNS = ("first", "both")
PROMPT_COLUMNS = ("prompt", "question", "instruction", "text")
"""Where the generic format looks for the prompt, in this order, unless `columns` names it."""

_REQUIRED = {
    "mt_bench": ("question_id", "turns"),
    "strongreject": ("forbidden_prompt",),
    "harmbench": ("Behavior",),
    "xstest": ("prompt", "type", "label"),
    "generic": (),
}
_OPTIONAL = {
    "mt_bench": ("category", "reference"),
    "strongreject": ("category", "source"),
    "harmbench": ("BehaviorID", "ContextString", "SemanticCategory", "FunctionalCategory", "Tags"),
    "xstest": ("id", "focus", "note"),
    "generic": ("prompt", "id", "category", "reference", "match", "system", "label"),
}
FIELD_NAMES = sorted({name for names in (*_REQUIRED.values(), *_OPTIONAL.values()) for name in names})
"""Names a `columns` mapping may target."""


@dataclass
class EvalItem:
    """One prompt of an eval task."""

    id: str
    """Stable id from the file, or "<file stem>-<line>" when the file has none."""
    turns: list[str]
    """User turns, usually one; MT-Bench with turns="both" gives two (the model answers each)."""
    category: str = ""
    reference: str | None = None
    """Reference answer for verifiable tasks."""
    match: str = "normalised"
    """How a reply is compared with `reference`: normalised | contains | number (see judges.py)."""
    source: str = ""
    """`file:line` the item came from."""
    system: str | None = None
    label: str | None = None
    """XSTest's safe/unsafe (or a generic file's `label` column)."""


def read_prompt_file(
    path: str | Path,
    format: str = "auto",
    columns: dict[str, str] | None = None,
    turns: str = "first",
    where: dict[str, str] | None = None,
) -> list[EvalItem]:
    """Every prompt of `path` as an EvalItem (see the module docstring); one DataError lists every bad row."""
    _check_arguments(format, columns or {}, turns)
    problems: list[Problem] = []
    items: list[EvalItem] = []
    first_seen: dict[str, str] = {}
    row_format = None if format == "auto" else format
    for location, row in read_records(path, problems):
        if len(problems) >= MAX_PROBLEMS:
            break
        row = _renamed(row, columns or {}, location, problems)
        if row is None:
            break  # a mapped column is missing: every row would repeat the problem
        row_format = row_format or detect_format(row)
        if not _has_required(row, row_format, location, problems) or not _has_where_columns(
            row, where, location, problems
        ):
            break
        item = _item(row, row_format, location, turns, Path(path).stem, problems)
        if item is None:
            continue
        if item.id in first_seen:
            problems.append((location, "id", f"'{item.id}' repeats the id of {first_seen[item.id]}"))
            continue
        first_seen[item.id] = location
        if all(str(row.get(column)) == str(value) for column, value in (where or {}).items()):
            items.append(item)
    if problems == [(f"{path}:0", "-", "file has no rows")]:
        raise _no_prompts(path)
    if problems:
        raise DataError(problems)
    return items


def detect_format(row: dict) -> str:
    """The format a row's columns say it has; "generic" when no specific one fits."""
    for name in ("mt_bench", "strongreject", "harmbench", "xstest"):
        if all(column in row for column in _REQUIRED[name]):
            return name
    return "generic"


def _check_arguments(format: str, columns: dict[str, str], turns: str) -> None:
    if format != "auto" and format not in FORMATS:
        raise ConfigError(f"unknown prompt file format '{format}'; expected auto, {', '.join(FORMATS)}")
    if turns not in TURNS:
        raise ConfigError(f"turns must be 'first' or 'both', got '{turns}'")
    for target in columns:
        if target not in FIELD_NAMES:
            close = difflib.get_close_matches(target, FIELD_NAMES, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ConfigError(
                f"columns: '{target}' is not a field any prompt file format reads{hint} "
                f"(fields: {', '.join(FIELD_NAMES)})"
            )


def _no_prompts(path) -> DataError:
    error = DataError([(str(path), "-", "no prompts")])
    error.args = (f"{path}: no prompts",)  # the whole file is the problem: no field to name
    return error


def _found(row: dict) -> str:
    return ", ".join(map(str, row)) or "(no columns)"


def _renamed(row: dict, columns: dict[str, str], location: str, problems: list[Problem]) -> dict | None:
    missing = [(target, source) for target, source in columns.items() if source not in row]
    for target, source in missing:
        problems.append((location, f"columns.{target}", f"column '{source}' not found; the file has: {_found(row)}"))
    if missing:
        return None
    sources = set(columns.values())
    renamed = {key: value for key, value in row.items() if key not in sources}
    renamed.update({target: row[source] for target, source in columns.items()})
    return renamed


def _has_required(row: dict, row_format: str, location: str, problems: list[Problem]) -> bool:
    required = _REQUIRED[row_format] or ([] if _prompt_column(row) else ["prompt"])
    missing = [column for column in required if column not in row]
    for column in missing:
        wanted = "/".join(PROMPT_COLUMNS) if row_format == "generic" else column
        hint = "; name yours with columns={'prompt': ...}" if column == "prompt" else ""
        problems.append(
            (location, column, f"no '{wanted}' column ({row_format} format); the file has: {_found(row)}{hint}")
        )
    return not missing


def _has_where_columns(row: dict, where: dict | None, location: str, problems: list[Problem]) -> bool:
    missing = [column for column in (where or {}) if column not in row]
    for column in missing:
        problems.append((location, f"where.{column}", f"column '{column}' not found; the file has: {_found(row)}"))
    return not missing


def _prompt_column(row: dict) -> str | None:
    return next((column for column in PROMPT_COLUMNS if column in row), None)


def _item(row: dict, row_format: str, location: str, turns: str, stem: str, problems: list[Problem]):
    """The EvalItem of one row, or None after recording its problems."""
    before = len(problems)
    line = location.rsplit(":", 1)[-1].replace("row ", "")
    default_id = f"{stem}-{line}"
    if row_format == "mt_bench":
        item = _mt_bench(row, location, turns, default_id, problems)
    elif row_format == "strongreject":
        item = EvalItem(
            default_id,
            [_text(row, "forbidden_prompt", location, problems)],
            category=_optional_text(row, "category", location, problems) or "",
        )
    elif row_format == "harmbench":
        item = _harmbench(row, location, default_id, problems)
    elif row_format == "xstest":
        item = EvalItem(
            _identifier(row, "id", location, problems) or default_id,
            [_text(row, "prompt", location, problems)],
            category=_text(row, "type", location, problems),
            label=_xstest_label(row, location, problems),
        )
    else:
        item = _generic(row, location, default_id, problems)
    if len(problems) != before:
        return None
    item.source = location
    return item


def _mt_bench(row: dict, location: str, turns: str, default_id: str, problems: list[Problem]) -> EvalItem:
    questions = row["turns"]
    if not isinstance(questions, list) or not questions or not all(isinstance(q, str) and q.strip() for q in questions):
        problems.append(
            (location, "turns", "expected a non-empty list of non-empty strings, got " + json_type_name(questions))
        )
        questions = [""]
    asked = questions[:1] if turns == "first" else list(questions)
    references = row.get("reference")
    if isinstance(references, list):
        reference = references[len(asked) - 1] if len(references) >= len(asked) else None
    else:
        reference = references
    if reference is not None and not isinstance(reference, str):
        problems.append((location, "reference", f"expected a list of strings, got {json_type_name(reference)}"))
    return EvalItem(
        _identifier(row, "question_id", location, problems) or default_id,
        asked,
        category=_optional_text(row, "category", location, problems) or "",
        reference=reference,
    )


def _harmbench(row: dict, location: str, default_id: str, problems: list[Problem]) -> EvalItem:
    behavior = _text(row, "Behavior", location, problems)
    context = _optional_text(row, "ContextString", location, problems)
    prompt = f"{context}\n\n---\n\n{behavior}" if context and context.strip() else behavior
    return EvalItem(
        _identifier(row, "BehaviorID", location, problems) or default_id,
        [prompt],
        category=_optional_text(row, "SemanticCategory", location, problems) or "",
    )


def _generic(row: dict, location: str, default_id: str, problems: list[Problem]) -> EvalItem:
    reference = row.get("reference")
    if isinstance(reference, (int, float)) and not isinstance(reference, bool):
        reference = str(reference)  # {"reference": 42} in JSON means the text "42"
    elif reference is not None and not isinstance(reference, str):
        problems.append((location, "reference", f"expected a string or a number, got {json_type_name(reference)}"))
    match = row.get("match") or "normalised"
    if match not in MATCH_MODES:
        problems.append((location, "match", f"'{match}' is not a match mode; expected {', '.join(MATCH_MODES)}"))
    elif match == "number" and isinstance(reference, str) and len(numbers_in(reference)) != 1:
        problems.append((location, "reference", f"match 'number' needs exactly one number, got {reference!r}"))
    return EvalItem(
        _identifier(row, "id", location, problems) or default_id,
        [_text(row, _prompt_column(row), location, problems)],
        category=_optional_text(row, "category", location, problems) or "",
        reference=reference if reference != "" else None,
        match=match,
        system=_optional_text(row, "system", location, problems) or None,
        label=_optional_text(row, "label", location, problems) or None,
    )


def _text(row: dict, field: str, location: str, problems: list[Problem]) -> str:
    value = row.get(field)
    if not isinstance(value, str):
        problems.append((location, field, f"expected a string, got {json_type_name(value)}"))
        return ""
    if not value.strip():
        problems.append((location, field, "empty"))
    return value


def _optional_text(row: dict, field: str, location: str, problems: list[Problem]) -> str | None:
    value = row.get(field)
    if value is not None and not isinstance(value, str):
        problems.append((location, field, f"expected a string, got {json_type_name(value)}"))
        return None
    return value


def _identifier(row: dict, field: str, location: str, problems: list[Problem]) -> str | None:
    """An id as text: a string or an integer (MT-Bench's question_id is a number); None if absent."""
    value = row.get(field)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        problems.append((location, field, f"expected a string or an integer, got {json_type_name(value)}"))
        return None
    return str(value)


def _xstest_label(row: dict, location: str, problems: list[Problem]) -> str:
    label = row.get("label")
    if label not in ("safe", "unsafe"):
        problems.append((location, "label", f"expected 'safe' or 'unsafe', got {label!r}"))
    return label
