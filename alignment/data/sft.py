"""Load SFT data in any of four common formats and normalise it to canonical chat messages.

Input: data files (see `readers.py` for the containers) whose rows are in one of these formats:
  messages           {"messages": [{"role": "user", "content": "..."}, ...]}
  prompt_completion  {"prompt": "...", "completion": "..."} or both as lists of messages (TRL style)
  alpaca             {"instruction", "input"?, "output", "system"?, "history"?: [[user, assistant], ...]}
  sharegpt           {"conversations": [{"from": "human"|"gpt"|"system", "value": "..."}], "system"?}
  chosen             {"prompt": ..., "chosen": ..., "rejected"?: ...} (a TRL preference file): the prompt and
                     its chosen reply, the usual "SFT on the preferred answers"; the rejected one is unused
Output: `SFTExample`s holding canonical messages `[{"role": "system"|"user"|"assistant", "content": str}]`
(an optional system message first, then user/assistant alternating, ending with the assistant)
and the `file:line` each came from, so later stages can point at the row (e.g. too long once
tokenised).

With `fmt="auto"` the format is detected per file from its first recognisable row, and every
other row of that file must be in the same format. Every problem in every row of every file is
collected; if there are any, one `DataError` lists them and nothing is returned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alignment.core.errors import ConfigError, DataError
from alignment.data.readers import MAX_PROBLEMS, Problem, json_type_name, read_records

SFT_FORMATS = ("messages", "prompt_completion", "alpaca", "sharegpt", "chosen")

_ROLES = {"system": "system", "user": "user", "assistant": "assistant"}
_SHAREGPT_SPEAKERS = {"system": "system", "human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant"}
# A prompt/completion cell that is clearly a JSON-encoded message list (as CSV exports write it);
# anything else is plain text, since a prompt may well start with "[".
_CHAT_JSON = re.compile(r'\s*\[\s*\{\s*"(role|content)"')


@dataclass
class SFTExample:
    messages: list[dict]
    """Canonical messages: `{"role": ..., "content": ...}` dicts."""
    source: str
    """`file:line` (or `file:row N`) the row came from, for later error messages."""
    open_end: bool = False
    """The last reply was cut short (an own answer that reached its token limit): its end-of-turn
    token carries no loss, so the model is not taught to stop where the cut fell."""


@dataclass
class _Turn:
    role: str
    content: str
    field: str
    """Where the role came from (`messages[3].role`, `instruction`), named in ordering problems."""


@dataclass
class _Report:
    """Collects the problems of one row under its location."""

    location: str
    problems: list[Problem]

    def add(self, field: str, problem: str) -> None:
        self.problems.append((self.location, field, problem))


def detect_sft_format(row: dict) -> str | None:
    """The format whose defining keys `row` has, or None; extra keys (`id`, ...) do not matter."""
    if "messages" in row:
        return "messages"
    if "conversations" in row:
        return "sharegpt"
    if "prompt" in row and "completion" in row:
        return "prompt_completion"
    if "instruction" in row and "output" in row:
        return "alpaca"
    if "prompt" in row and "chosen" in row:
        return "chosen"
    return None


def to_messages(row: dict, fmt: str, location: str) -> list[dict]:
    """Canonical, validated messages for one row in format `fmt`; raises `DataError` for that row."""
    problems: list[Problem] = []
    messages = _convert(row, fmt, _Report(location, problems))
    if messages is None:
        raise DataError(problems)
    return messages


def load_sft_examples(paths: list[str], fmt: str = "auto", columns: dict[str, str] | None = None) -> list[SFTExample]:
    """Every row of every file in `paths` as an `SFTExample`; one `DataError` if any row is bad.
    `columns` renames the files' columns to the format's names (see `readers.read_records`)."""
    if fmt != "auto" and fmt not in SFT_FORMATS:
        raise ConfigError(f"unknown SFT data format '{fmt}'; expected auto, {', '.join(SFT_FORMATS)}")
    if isinstance(paths, (str, Path)):  # one path given where a list was meant
        paths = [paths]
    if not paths:
        raise ConfigError("no SFT data files were given")
    problems: list[Problem] = []
    examples: list[SFTExample] = []
    for path in paths:
        examples.extend(_load_file(path, fmt, problems, columns))
        if len(problems) >= MAX_PROBLEMS:
            problems.append((str(path), "-", f"stopped reading after {MAX_PROBLEMS} problems; fix these first"))
            break
    if problems:
        raise DataError(problems)
    return examples


def _load_file(
    path: str | Path, fmt: str, problems: list[Problem], columns: dict[str, str] | None = None
) -> list[SFTExample]:
    examples = []
    file_fmt = None if fmt == "auto" else fmt
    for location, row in read_records(path, problems, columns):
        if fmt == "auto":
            detected = detect_sft_format(row)
            if file_fmt is None and detected is None:
                found = ", ".join(map(str, row)) or "(none)"
                problems.append(
                    (
                        location,
                        "-",
                        "cannot tell the format: expected one of messages / prompt+completion"
                        " / instruction+output (alpaca) / conversations (ShareGPT) / prompt+chosen;"
                        " found keys: " + found,
                    )
                )
                continue
            file_fmt = file_fmt or detected
            if detected is not None and detected != file_fmt:
                problems.append(
                    (
                        location,
                        "-",
                        f"row looks like '{detected}' but the file started as '{file_fmt}'; one format per file",
                    )
                )
                continue
        messages = _convert(row, file_fmt, _Report(location, problems))
        if messages is not None:
            examples.append(SFTExample(messages=messages, source=location))
    return examples


def chat_messages(row: dict, fmt: str, report: _Report) -> list[dict] | None:
    """Canonical messages of one row in SFT format `fmt`, or None after reporting what is wrong."""
    return _convert(row, fmt, report)


def _convert(row: dict, fmt: str, report: _Report) -> list[dict] | None:
    """Canonical messages, or None after reporting what is wrong with the row."""
    if fmt not in _CONVERTERS:
        raise ValueError(f"unknown SFT format {fmt!r}; expected one of {SFT_FORMATS}")
    before = len(report.problems)
    turns, whole_field = _CONVERTERS[fmt](row, report)
    # order rules only make sense once every turn is well formed; checking earlier repeats one mistake
    if len(report.problems) == before:
        _check_order(turns, whole_field, report)
    if len(report.problems) != before:
        return None
    return [{"role": turn.role, "content": turn.content} for turn in turns]


def _check_alternation(turns: list[_Turn], report: _Report) -> str | None:
    """System only first; then user, assistant, user, ... Returns the last non-system role."""
    previous = None
    for index, turn in enumerate(turns):
        if turn.role == "system":
            if index != 0:
                report.add(turn.field, "a system message is only allowed as the first message")
            continue
        if previous is None and turn.role != "user":
            report.add(turn.field, f"the conversation must start with a user turn, got '{turn.role}'")
        elif previous == turn.role:
            report.add(turn.field, f"two '{turn.role}' turns in a row")
        previous = turn.role
    return previous


def _check_order(turns: list[_Turn], whole_field: str, report: _Report) -> None:
    """Alternating turns ending with the assistant."""
    previous = _check_alternation(turns, report)
    if previous is None:
        report.add(whole_field, "no user or assistant messages; need at least one of each")
    elif turns[-1].role != "assistant":
        report.add(
            whole_field, f"last message is from '{turns[-1].role}'; the conversation must end with an assistant reply"
        )


# ---- the four formats: each returns (turns, field named by whole-conversation problems) ----


def _messages_turns(row: dict, report: _Report) -> tuple[list[_Turn], str]:
    items = _list_field(row, "messages", "a list of messages", report)
    turns = [_chat_item(item, f"messages[{index}]", report) for index, item in enumerate(items or [])]
    return [turn for turn in turns if turn], "messages"


def _prompt_completion_turns(row: dict, report: _Report) -> tuple[list[_Turn], str]:
    return _side(row, "prompt", "user", report) + _side(row, "completion", "assistant", report), "completion"


def _chosen_turns(row: dict, report: _Report) -> tuple[list[_Turn], str]:
    return _side(row, "prompt", "user", report) + _side(row, "chosen", "assistant", report), "chosen"


def _side(row: dict, key: str, role: str, report: _Report) -> list[_Turn]:
    """One side of a prompt/completion row: a string (one `role` turn) or a list of messages."""
    if key not in row:
        report.add(key, "missing field")
        return []
    value = row[key]
    if isinstance(value, str) and _CHAT_JSON.match(value):
        value = _parse_cell(value, key, report)
    if isinstance(value, str):
        content = _content(value, key, report, allow_parts=False)
        return [_Turn(role, content, key)] if content is not None else []
    if not isinstance(value, list):
        if value is not _INVALID:
            report.add(key, f"wrong type: expected a string or a list of messages, got {json_type_name(value)}")
        return []
    if not value:
        report.add(key, "empty list")
    turns = [_chat_item(item, f"{key}[{index}]", report) for index, item in enumerate(value)]
    return [turn for turn in turns if turn]


def _alpaca_prompt(row: dict, report: _Report) -> list[_Turn]:
    """`system`, `history` and `instruction` (+ `input`) as turns ending with the user's."""
    turns = []
    system = _string_field(row, "system", report, required=False)
    if system is not None:
        turns.append(_Turn("system", system, "system"))
    turns.extend(_alpaca_history(row, report))
    instruction = _string_field(row, "instruction", report, required=True)
    extra_input = _string_field(row, "input", report, required=False)
    if instruction is not None:
        user = f"{instruction}\n\n{extra_input}" if extra_input is not None else instruction
        turns.append(_Turn("user", user, "instruction"))
    return turns


def _alpaca_turns(row: dict, report: _Report) -> tuple[list[_Turn], str]:
    turns = _alpaca_prompt(row, report)
    output = _string_field(row, "output", report, required=True)
    if output is not None:
        turns.append(_Turn("assistant", output, "output"))
    return turns, "output"


def _alpaca_history(row: dict, report: _Report) -> list[_Turn]:
    """`history`: earlier `[user, assistant]` pairs, oldest first."""
    history = row.get("history")
    if history is None or (isinstance(history, str) and not history.strip()):  # absent, or an empty CSV cell
        return []
    pairs = _list_field(row, "history", "a list of [user, assistant] pairs", report, allow_empty=True)
    turns = []
    for index, pair in enumerate(pairs or []):
        field = f"history[{index}]"
        if not isinstance(pair, list) or len(pair) != 2:
            shown = f"a list of {len(pair)}" if isinstance(pair, list) else json_type_name(pair)
            report.add(field, f"wrong type: expected a [user, assistant] pair, got {shown}")
            continue
        for role, position in (("user", 0), ("assistant", 1)):
            content = _content(pair[position], f"{field}[{position}]", report, allow_parts=False)
            if content is not None:
                turns.append(_Turn(role, content, f"{field}[{position}]"))
    return turns


def _sharegpt_turns(row: dict, report: _Report) -> tuple[list[_Turn], str]:
    turns = []
    system = _string_field(row, "system", report, required=False)
    if system is not None:
        turns.append(_Turn("system", system, "system"))
    items = _list_field(row, "conversations", "a list of turns", report)
    for index, item in enumerate(items or []):
        turn = _chat_item(item, f"conversations[{index}]", report, role_key="from", content_key="value")
        if turn:
            turns.append(turn)
    return turns, "conversations"


_CONVERTERS: dict[str, Callable[[dict, _Report], tuple[list[_Turn], str]]] = {
    "messages": _messages_turns,
    "prompt_completion": _prompt_completion_turns,
    "alpaca": _alpaca_turns,
    "sharegpt": _sharegpt_turns,
    "chosen": _chosen_turns,
}


# ---- field checks shared by the formats ----

_INVALID = object()  # a cell that failed to parse as JSON; already reported


def _parse_cell(text: str, field: str, report: _Report) -> object:
    """A JSON-encoded list from a CSV cell, or `_INVALID` after reporting why it does not parse."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        report.add(field, f"cell is not valid JSON: {err.msg} (column {err.colno})")
        return _INVALID


def _list_field(row: dict, key: str, what: str, report: _Report, allow_empty: bool = False) -> list | None:
    """`row[key]` as a list (parsing a JSON cell from CSV), or None after reporting the problem."""
    if key not in row:
        report.add(key, "missing field")
        return None
    value = row[key]
    if isinstance(value, str) and value.lstrip().startswith("["):
        value = _parse_cell(value, key, report)
    if value is _INVALID:
        return None
    if not isinstance(value, list):
        report.add(key, f"wrong type: expected {what}, got {json_type_name(value)}")
        return None
    if not value and not allow_empty:
        report.add(key, "empty list")
        return None
    return value


def _string_field(row: dict, key: str, report: _Report, required: bool) -> str | None:
    """A text field; an optional one that is absent, null or blank (an empty CSV cell) gives None."""
    value = row.get(key)
    if not required and (value is None or (isinstance(value, str) and not value.strip())):
        return None
    if key not in row:
        report.add(key, "missing field")
        return None
    return _content(value, key, report, allow_parts=False)


def _chat_item(
    item: object, field: str, report: _Report, role_key: str = "role", content_key: str = "content"
) -> _Turn | None:
    """One `{role, content}` (or ShareGPT `{from, value}`) message, or None after reporting it."""
    if not isinstance(item, dict):
        report.add(
            field, f"wrong type: expected an object with '{role_key}' and '{content_key}', got {json_type_name(item)}"
        )
        return None
    for key in (role_key, content_key):
        if key not in item:
            report.add(f"{field}.{key}", "missing field")
    if role_key not in item or content_key not in item:
        return None
    role = _role(item[role_key], f"{field}.{role_key}", report, sharegpt=role_key == "from")
    content = _content(item[content_key], f"{field}.{content_key}", report, allow_parts=role_key == "role")
    if role is None or content is None:
        return None
    return _Turn(role, content, f"{field}.{role_key}")


def _role(value: object, field: str, report: _Report, sharegpt: bool) -> str | None:
    if not isinstance(value, str):
        report.add(field, f"wrong type: expected a string, got {json_type_name(value)}")
        return None
    names = _SHAREGPT_SPEAKERS if sharegpt else _ROLES
    if value in names:
        return names[value]
    if sharegpt:
        report.add(
            field,
            f"unsupported speaker '{value}'; expected human, gpt or system "
            "(tool calls and tool results are not supported yet)",
        )
    else:
        report.add(field, f"unknown role '{value}'; expected system, user or assistant")
    return None


def _content(value: object, field: str, report: _Report, allow_parts: bool) -> str | None:
    """Non-blank text; with `allow_parts`, OpenAI-style `[{"type": "text", "text": ...}]` is joined."""
    if allow_parts and isinstance(value, list):
        value = _join_text_parts(value, field, report)
        if value is None:
            return None
    if not isinstance(value, str):
        report.add(field, f"wrong type: expected a string, got {json_type_name(value)}")
        return None
    if not value.strip():
        report.add(field, "empty string")
        return None
    return value


def _join_text_parts(parts: list, field: str, report: _Report) -> str | None:
    texts = []
    for index, part in enumerate(parts):
        part_field = f"{field}[{index}]"
        if not isinstance(part, dict):
            report.add(part_field, f"wrong type: expected a content part object, got {json_type_name(part)}")
        elif part.get("type") != "text":
            report.add(
                f"{part_field}.type", f"unsupported content part {part.get('type')!r}; only 'text' parts are supported"
            )
        elif not isinstance(part.get("text"), str):
            report.add(f"{part_field}.text", f"wrong type: expected a string, got {json_type_name(part.get('text'))}")
        else:
            texts.append(part["text"])
    # joined with newlines, as chat servers (vLLM, TGI) do for multi-part text content
    return "\n".join(texts) if len(texts) == len(parts) else None
