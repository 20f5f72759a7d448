"""Read raw rows from one data file or saved `datasets` directory, with a location for each row.

Input: a path to a `.jsonl`/`.ndjson`, `.json`, `.csv`, `.tsv` or `.parquet` file, or a directory
written by `datasets.Dataset.save_to_disk` / `DatasetDict.save_to_disk`.
Output: `(location, row)` pairs, where `row` is the raw dict exactly as stored (CSV cells stay
strings; the format layer decides what they mean) and `location` is `file:line` for text formats
(the line the row starts on) or `file:row N` for Parquet and `datasets` directories.

Nothing here knows about SFT or preference formats. Problems (bad JSON, bad bytes, a field too
large to be real text) are collected as `(location, field, problem)` triples, reading goes on past
them, and one `DataError` lists them all at the end -- or, when the caller passes its own
`problems` list, they are appended there so that the caller can merge them with its own in order.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import difflib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from alignment.config.stages import shipped_path
from alignment.core.errors import ConfigError, DataError
from alignment.data import hub

Problem = tuple[str, str, str]

MAX_FIELD_CHARS = 1_000_000
"""A string longer than this is almost surely a broken export (a whole file pasted into a cell)."""

MAX_PROBLEMS = 1000
"""Stop reading once this many problems are known: the user fixes the first ones and reruns."""

_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")
_DATASET_MARKERS = ("dataset_dict.json", "dataset_info.json", "state.json")
_JSON_WHITESPACE = re.compile(r"[ \t\n\r]*")
# A top-level .json object with one of these keys is a single row, not a {"data": [...]} wrapper
# (otherwise {"messages": [...]} would be read as one row per message).
_ROW_KEYS = {
    "messages",
    "conversations",
    "prompt",
    "completion",
    "chosen",
    "rejected",
    "instruction",
    "output",
    "chosen_messages",
    "rejected_messages",
    "responses",
    "completions",
    "label",
}
COLUMN_NAMES = (
    "prompt",
    "chosen",
    "rejected",
    "completion",
    "messages",
    "conversations",
    "system",
    "history",
    "instruction",
    "input",
    "output",
    "responses",
    "ranks",
    "scores",
    "completions",
    "label",
    "chosen_messages",
    "rejected_messages",
    "response",
)
"""Field names a column mapping may target: every field some supported format reads (`response`:
the rows `alignment score` scores)."""


def read_records(
    path: str | Path, problems: list[Problem] | None = None, columns: dict[str, str] | None = None
) -> Iterator[tuple[str, dict]]:
    """Yield `(location, row)` for every readable row of `path`.

    `columns` maps the names the format expects to the file's own (`{"prompt": "question"}`): each
    row's `question` is yielded as `prompt`. A mapped column missing from a row is reported once, at
    that row, and the rest of that file is not read (every row would repeat the same problem).
    Without `problems`, raises one `DataError` at the end if anything was wrong; with it, appends
    the problems there and raises nothing (rows with problems are not yielded either way).
    """
    check_column_names(columns or {})
    own = problems is None
    sink: list[Problem] = [] if own else problems
    found_rows = 0
    for location, row in _rows_of(str(path), sink):
        found_rows += 1
        if len(sink) >= MAX_PROBLEMS:
            break
        if not isinstance(row, dict):
            sink.append((location, "-", f"expected a JSON object, got {json_type_name(row)}"))
        elif columns and not _has_columns(row, columns, location, sink):
            break
        elif _sizes_ok(row, "", location, sink):
            yield location, (_rename(row, columns) if columns else row)
    if found_rows == 0 and not _mentions(sink, str(path)):
        sink.append((f"{path}:0", "-", "file has no rows"))
    if own and sink:
        raise DataError(sink)


def check_column_names(columns: dict[str, str]) -> None:
    """A mapping may only target field names some format reads; a typo names the nearest one."""
    for target in columns:
        if target not in COLUMN_NAMES:
            close = difflib.get_close_matches(target, COLUMN_NAMES, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ConfigError(
                f"column mapping: '{target}' is not a field any format reads{hint} (fields: {', '.join(COLUMN_NAMES)})"
            )


def _has_columns(row: dict, columns: dict[str, str], location: str, problems: list[Problem]) -> bool:
    missing = [(target, source) for target, source in columns.items() if source not in row]
    for target, source in missing:
        problems.append(
            (
                location,
                f"columns.{target}",
                f"column '{source}' not found; the file has: " + (", ".join(map(str, row)) or "(no columns)"),
            )
        )
    return not missing


def _rename(row: dict, columns: dict[str, str]) -> dict:
    """The row with each mapped column under the name the format expects; other columns kept."""
    sources = set(columns.values())
    renamed = {key: value for key, value in row.items() if key not in sources}
    renamed.update({target: row[source] for target, source in columns.items()})
    return renamed


def json_type_name(value: object) -> str:
    """The name users see for a value's type: Python's names, except `null` and `object`."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _mentions(problems: list[Problem], name: str) -> bool:
    """Whether some problem is already about this file (then "no rows" would be noise)."""
    return any(location == name or location.startswith(name + ":") for location, _, _ in problems)


def _rows_of(path: str, problems: list[Problem]) -> Iterator[tuple[str, object]]:
    """A plain path, or a reference to a hub dataset or to one split of a directory (`hub.py`)."""
    reference = hub.parse(path)
    if reference is None:
        yield from _raw_rows(Path(shipped_path(path)), path, problems)
    elif reference.hub:
        yield from hub.hub_rows(reference, path, problems)
    elif Path(reference.target).is_dir():
        yield from _dataset_rows(Path(reference.target), path, problems, reference.split)
    else:
        problems.append((path, "split", "split applies to datasets directories and hub datasets, not to a data file"))


def _looked_in(path: Path) -> str:
    """For a relative path, where it was looked for (a recipe's own folder was tried before it)."""
    if path.is_absolute():
        return ""
    return f" (looked in {Path.cwd()}; a recipe's paths are read from its folder and the folders above it first)"


def _raw_rows(path: Path, name: str, problems: list[Problem]) -> Iterator[tuple[str, object]]:
    """Dispatch on what `path` is; every row found is yielded, even a non-object one."""
    if path.is_symlink() and not path.exists():
        problems.append((name, "-", "a symbolic link that leads nowhere (a loop, or its target is gone)"))
        return
    if not path.exists():
        problems.append((name, "-", "no such file or directory" + _looked_in(path)))
        return
    if path.is_dir():
        yield from _dataset_rows(path, name, problems)
        return
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        problems.append(
            (
                name,
                "-",
                f"unsupported file type '{suffix}'; use .jsonl, .json, .csv, .tsv, .parquet or a datasets directory",
            )
        )
        return
    if suffix == ".parquet":
        yield from _parquet_rows(path, name, problems)
        return
    text = _read_text(path, name, problems)
    if text is None:
        return
    if suffix == ".json":
        yield from _json_rows(text, name, problems)
    elif suffix in (".csv", ".tsv"):
        yield from _delimited_rows(text, name, "\t" if suffix == ".tsv" else ",", problems)
    else:
        yield from _jsonl_rows(text, name, problems)


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    """The file as text; UTF-8 only (a BOM is allowed), else one problem naming the first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.append((name, "-", f"cannot read: {err.strerror}"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        problems.append(
            (
                f"{name}:{line}",
                "-",
                f"not valid UTF-8 (byte 0x{data[err.start]:02x} at column {column}); re-save the file as UTF-8",
            )
        )
        return None


def _json_error(err: json.JSONDecodeError) -> str:
    return f"invalid JSON: {err.msg} (column {err.colno})"


def _jsonl_rows(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[str, object]]:
    # split on "\n" only: str.splitlines would also split on U+2028 etc., legal inside JSON strings
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(problems) >= MAX_PROBLEMS:
            return
        location = f"{name}:{number}"
        try:
            yield location, json.loads(line)
        except json.JSONDecodeError as err:
            problems.append((location, "-", _json_error(err)))


def _json_rows(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[str, object]]:
    """Rows of a `.json` file: a list of rows, or an object with exactly one list (`{"data": [...]}`).

    The document is parsed once to validate it, then walked element by element with `raw_decode`
    so each row gets the line it starts on.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        hint = "; if the file has one JSON object per line, name it .jsonl" if err.msg == "Extra data" else ""
        problems.append((f"{name}:{err.lineno}", "-", _json_error(err) + hint))
        return
    start = _skip_whitespace(text, 0)
    if isinstance(document, dict) and _ROW_KEYS.intersection(document):
        yield f"{name}:1", document  # one row saved on its own, e.g. {"messages": [...]}
        return
    if isinstance(document, dict):
        list_keys = [key for key, value in document.items() if isinstance(value, list)]
        if len(list_keys) != 1:
            found = ", ".join(list_keys) or "none"
            problems.append(
                (
                    f"{name}:1",
                    "-",
                    "expected a list of rows, or an object with exactly one list "
                    f'of rows like {{"data": [...]}}; found list keys: {found}',
                )
            )
            return
        start = _value_start(text, start, list_keys[0])
    elif not isinstance(document, list):
        problems.append((f"{name}:1", "-", f"expected a list of rows, got {json_type_name(document)}"))
        return
    newlines = [match.start() for match in re.finditer("\n", text)]
    for offset, value in _array_elements(text, start):
        yield f"{name}:{bisect.bisect_left(newlines, offset) + 1}", value


def _skip_whitespace(text: str, position: int) -> int:
    return _JSON_WHITESPACE.match(text, position).end()


def _value_start(text: str, position: int, wanted: str) -> int:
    """Offset of the value of key `wanted` in the (already valid) object starting at `position`."""
    decoder = json.JSONDecoder()
    found = position
    position += 1  # past "{"
    while True:
        position = _skip_whitespace(text, position)
        if text[position] == "}":
            return found
        key, position = decoder.raw_decode(text, position)
        position = _skip_whitespace(text, _skip_whitespace(text, position) + 1)  # past ":"
        if key == wanted:
            found = position  # keep going: with a repeated key, json.loads keeps the last one
        _, position = decoder.raw_decode(text, position)
        position = _skip_whitespace(text, position)
        if text[position] == ",":
            position += 1


def _array_elements(text: str, position: int) -> Iterator[tuple[int, object]]:
    """`(offset, value)` for each element of the (already valid) array starting at `position`."""
    decoder = json.JSONDecoder()
    position += 1  # past "["
    while True:
        position = _skip_whitespace(text, position)
        if text[position] == "]":
            return
        start = position
        value, position = decoder.raw_decode(text, position)
        yield start, value
        position = _skip_whitespace(text, position)
        if text[position] == ",":
            position += 1


@contextlib.contextmanager
def _csv_field_limit(limit: int):
    """The csv module refuses fields over 128 KiB; lift that so oversized cells are measured and reported."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _delimited_rows(text: str, name: str, delimiter: str, problems: list[Problem]) -> list[tuple[str, object]]:
    """Rows of a CSV/TSV file keyed by the header; each row's location is the line it starts on."""
    rows: list[tuple[str, object]] = []
    with _csv_field_limit(2**31 - 1):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header: list[str] | None = None
        previous_end = 0
        try:
            for cells in reader:
                # line_num is the *last* line of the row; the row starts just after the previous one
                start, previous_end = previous_end + 1, reader.line_num
                if not cells:
                    continue
                location = f"{name}:{start}"
                if header is None:
                    header = cells
                    if not _header_ok(header, location, problems):
                        return rows
                elif len(cells) != len(header):
                    problems.append((location, "-", f"row has {len(cells)} cells but the header has {len(header)}"))
                else:
                    rows.append((location, dict(zip(header, cells))))
        except csv.Error as err:
            problems.append((f"{name}:{reader.line_num}", "-", f"cannot parse the file: {err}"))
    return rows


def _header_ok(header: list[str], location: str, problems: list[Problem]) -> bool:
    before = len(problems)
    for index, column in enumerate(header, start=1):
        if not column.strip():
            problems.append((location, "-", f"header column {index} has no name"))
        elif column in header[: index - 1]:
            problems.append((location, "-", f"header repeats column '{column}'"))
    return len(problems) == before


def _parquet_rows(path: Path, name: str, problems: list[Problem]) -> Iterator[tuple[str, object]]:
    import pyarrow
    import pyarrow.parquet

    try:
        batches = pyarrow.parquet.ParquetFile(path).iter_batches(batch_size=1024)
        number = 0
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                yield f"{name}:row {number}", row
    except (OSError, pyarrow.ArrowException) as err:
        problems.append((name, "-", f"cannot read the Parquet file: {err}"))


def _dataset_rows(path: Path, name: str, problems: list[Problem], split: str = "") -> Iterator[tuple[str, object]]:
    """Rows of a `save_to_disk` directory; for a DatasetDict, `split`, else its `train` split or its only split."""
    if not any((path / marker).exists() for marker in _DATASET_MARKERS):
        problems.append(
            (
                name,
                "-",
                "directory is not a saved datasets dataset (no dataset_dict.json, "
                "dataset_info.json or state.json); pass a data file instead",
            )
        )
        return
    import datasets  # imported here: it is slow to import and only this reader needs it

    try:
        loaded = datasets.load_from_disk(str(path))
    except (OSError, ValueError) as err:
        problems.append((name, "-", f"cannot load the datasets directory: {err}"))
        return
    if isinstance(loaded, datasets.DatasetDict):
        splits = list(loaded)
        names = ", ".join(f"'{split}'" for split in splits)
        if split and split not in loaded:
            problems.append((name, "split", f"no split '{split}' in the dataset; it has {names}"))
            return
        if split:
            loaded = loaded[split]
        elif "train" not in loaded and len(splits) != 1:
            problems.append(
                (name, "split", f"the dataset has splits {names} and none is 'train'; choose one with split:")
            )
            return
        else:
            loaded = loaded["train" if "train" in loaded else splits[0]]
    elif split:
        problems.append((name, "split", f"split '{split}' given, but the directory holds one dataset, not splits"))
        return
    for number, row in enumerate(loaded, start=1):
        yield f"{name}:row {number}", row


def _sizes_ok(value: object, field: str, location: str, problems: list[Problem]) -> bool:
    """Report every string in `value` (at any depth) longer than MAX_FIELD_CHARS; True if none is."""
    if isinstance(value, str):
        if len(value) <= MAX_FIELD_CHARS:
            return True
        problems.append(
            (location, field or "-", f"value is {len(value)} characters long; the limit is {MAX_FIELD_CHARS}")
        )
        return False
    if isinstance(value, dict):
        children = [(f"{field}.{key}" if field else str(key), child) for key, child in value.items()]
    elif isinstance(value, list):
        children = [(f"{field}[{index}]", child) for index, child in enumerate(value)]
    else:
        return True
    results = [_sizes_ok(child, child_field, location, problems) for child_field, child in children]
    return all(results)
