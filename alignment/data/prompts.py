"""Load prompt-only data (what PPO samples from and evals ask) and normalise it to canonical prompts.

Input: data files (see `readers.py` for the containers) whose rows hold a prompt in one of these shapes:
  prompt     {"prompt": "..."} or {"prompt": [messages ending with the user]}; extra keys ignored, so
             the prompts of TRL-style preference files and ranked files can be reused as they are
  messages   {"messages": [... ending with the user]}; a trailing assistant reply is dropped, so an
             SFT file can serve as a prompt set
  alpaca     {"instruction", "input"?, "system"?, "history"?}
and, detected when a row has none of those fields, any preference format (HH-RLHF transcripts,
ShareGPT / LLaMA-Factory pairs, TRL pairs with the prompt inside `chosen`: the shared prompt, the two
replies as references) or a ShareGPT chat (every turn but its last reply).
Output: `PromptExample`s: canonical messages (optional system, user/assistant alternating, ending
with the user), the `file:line` each came from, the row's other scalar fields as `metadata` (PPO
rule rewards may read a label such as `kind`) and its `chosen` / `rejected` reply texts, if any, as
`references` (PPO's `guide_replies`). One `DataError` lists every bad row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alignment.core.errors import ConfigError, DataError
from alignment.data.preference import detect_preference_format, pair_rows
from alignment.data.readers import MAX_PROBLEMS, Problem, read_records
from alignment.data.sft import (
    _alpaca_prompt,
    _chat_item,
    _check_alternation,
    _list_field,
    _Report,
    _side,
    _Turn,
    chat_messages,
    detect_sft_format,
)

PROMPT_FORMATS = ("prompt", "messages", "alpaca")


@dataclass
class PromptExample:
    prompt: list[dict]
    """Canonical messages ending with a user turn."""
    source: str
    """`file:line` (or `file:row N`) the row came from."""
    metadata: dict = field(default_factory=dict)
    """The row's other scalar fields (e.g. `kind`, `category`): what PPO rule rewards may read."""
    references: dict = field(default_factory=dict)
    """The row's `chosen` / `rejected` reply texts when it has them (a preference row): PPO's guide replies."""
    check: dict | None = None
    """What a verifiable reward checks the reply against: the row's `check` object, or {answer, match}
    from its `reference` / `match` fields (eval-style rows); None without either (`rewards/verifiable.py`)."""


def detect_prompt_format(row: dict) -> str | None:
    """The prompt shape `row` has, or None."""
    if "prompt" in row:
        return "prompt"
    if "messages" in row:
        return "messages"
    if "instruction" in row:
        return "alpaca"
    return None


def load_prompts(paths: list[str], fmt: str = "auto", columns: dict[str, str] | None = None) -> list[PromptExample]:
    """Every prompt of every file in `paths`; one `DataError` if any row is bad."""
    if fmt != "auto" and fmt not in PROMPT_FORMATS:
        raise ConfigError(f"unknown prompt data format '{fmt}'; expected auto, {', '.join(PROMPT_FORMATS)}")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise ConfigError("no prompt data files were given")
    problems: list[Problem] = []
    examples: list[PromptExample] = []
    for path in paths:
        for location, row in read_records(path, problems, columns):
            if len(problems) >= MAX_PROBLEMS:
                break
            row_fmt = fmt if fmt != "auto" else detect_prompt_format(row)
            if row_fmt is None and (fmt == "auto") and _from_other_formats(row, location, problems, examples):
                continue
            if row_fmt is None:
                problems.append(
                    (
                        location,
                        "-",
                        "cannot tell the format: expected a 'prompt', 'messages' or 'instruction' field, "
                        "preference pairs or a ShareGPT chat; found keys: " + (", ".join(map(str, row)) or "(none)"),
                    )
                )
                continue
            prompt = _prompt_turns(row, row_fmt, _Report(location, problems))
            if prompt is not None:
                examples.append(
                    PromptExample(
                        [{"role": turn.role, "content": turn.content} for turn in prompt],
                        location,
                        _metadata(row),
                        _references(row),
                        _check(row),
                    )
                )
    if problems:
        raise DataError(problems)
    return examples


def _from_other_formats(row: dict, location: str, problems: list[Problem], examples: list[PromptExample]) -> bool:
    """A preference row's shared prompt, or a ShareGPT chat without its last reply, appended to
    `examples` (or its problems to `problems`); False when the row is neither."""
    pair_format = detect_preference_format(row)
    report = _Report(location, problems)
    if pair_format in ("hh_rlhf", "sharegpt", "llamafactory_v1", "trl"):
        pairs = pair_rows(row, pair_format, report)
        if pairs:
            references = {key: getattr(pairs[0], key)[-1]["content"] for key in ("chosen", "rejected")}
            examples.append(PromptExample(pairs[0].prompt, location, _metadata(row), references, _check(row)))
        return True
    if detect_sft_format(row) == "sharegpt":
        messages = chat_messages(row, "sharegpt", report)
        if messages is not None:
            examples.append(PromptExample(messages[:-1], location, _metadata(row), {}, _check(row)))
        return True
    return False


_PROMPT_FIELDS = {"prompt", "messages", "instruction", "input", "system", "history", "conversations", "chosen"}
_PROMPT_FIELDS |= {"rejected", "chosen_messages", "rejected_messages"}


def _metadata(row: dict) -> dict:
    return {
        key: value
        for key, value in row.items()
        if key not in _PROMPT_FIELDS and isinstance(value, (str, int, float, bool))
    }


def _check(row: dict) -> dict | None:
    """The row's check for verifiable rewards, as it stands (validated by the stage that uses it)."""
    if isinstance(row.get("check"), dict):
        return dict(row["check"])
    if isinstance(row.get("reference"), (str, int, float)) and not isinstance(row.get("reference"), bool):
        check = {"answer": str(row["reference"])}
        if isinstance(row.get("match"), str):
            check["match"] = row["match"]
        return check
    return None


def _references(row: dict) -> dict:
    """`chosen` / `rejected` as text: a string, or the content of a message list's last assistant turn.
    Other shapes are left out (the prompt is all that prompt data must have)."""
    found = {}
    for key in ("chosen", "rejected"):
        value = row.get(key)
        if isinstance(value, list) and value and isinstance(value[-1], dict) and value[-1].get("role") == "assistant":
            value = value[-1].get("content")
        if isinstance(value, str) and value.strip():
            found[key] = value.strip()
    return found


def _prompt_turns(row: dict, fmt: str, report: _Report) -> list[_Turn] | None:
    before = len(report.problems)
    if fmt == "prompt":
        turns, field = _side(row, "prompt", "user", report), "prompt"
    elif fmt == "messages":
        items = _list_field(row, "messages", "a list of messages", report) or []
        turns = [_chat_item(item, f"messages[{index}]", report) for index, item in enumerate(items)]
        turns, field = [turn for turn in turns if turn], "messages"
        if turns and turns[-1].role == "assistant":  # an SFT chat: its last reply is not part of the prompt
            turns = turns[:-1]
    else:
        turns, field = _alpaca_prompt(row, report), "instruction"
    if len(report.problems) != before:
        return None
    last = _check_alternation(turns, report)
    if len(report.problems) != before:
        return None
    if last is None:
        report.add(field, "no user message")
    elif turns[-1].role != "user":
        report.add(field, f"last message is from '{turns[-1].role}'; a prompt must end with a user turn")
    return turns if len(report.problems) == before else None
