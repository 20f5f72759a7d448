"""Load preference data in the formats users bring and normalise it to canonical chat pairs.

Input: data files (see `readers.py` for the containers) whose rows are in one of these formats:
  trl              {"prompt", "chosen", "rejected"}: strings (standard) or message lists
                   (conversational); or only "chosen"/"rejected" as full conversations sharing
                   everything but the final assistant reply (implicit prompt)
  hh_rlhf          {"chosen", "rejected"}: "\\n\\nHuman: ...\\n\\nAssistant: ..." transcripts
  sharegpt         {"conversations": [{"from", "value"}], "chosen": {"from", "value"},
                    "rejected": {"from", "value"}, "system"?}  (LLaMA-Factory)
  llamafactory_v1  {"chosen_messages", "rejected_messages"}: [{"role", "content", "loss_weight"?}],
                   content a string or [{"type": "text", "value"|"text": ...}]
  ranked, ultrafeedback, alpaca: several responses ranked or scored (see `ranking.py`)
  kto              {"messages": [... ending with the assistant], "label": bool} or TRL's unpaired
                   {"prompt", "completion", "label"}: unpaired, `load_kto_examples`
Output: `PreferencePair`s (prompt messages ending with a user turn; chosen and rejected each one
assistant message; a margin for ranked rows) or `KTOExample`s, each with the `file:line` it came from.

With `fmt="auto"` the format is detected per file from its first recognisable row, and every
other row of that file must be in the same format. Every problem in every row of every file is
collected; if there are any, one `DataError` lists them and nothing is returned.
Formats: TRL dataset formats https://huggingface.co/docs/trl/dataset_formats, HH-RLHF
(arXiv:2204.05862), UltraFeedback (arXiv:2310.01377), LLaMA-Factory data/README.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from alignment.core.errors import ConfigError, DataError
from alignment.data.ranking import RANKINGS, Ranked, alpaca_row, expand, ranked_row, ultrafeedback_row
from alignment.data.readers import MAX_PROBLEMS, Problem, json_type_name, read_records
from alignment.data.sft import (
    _chat_item,
    _check_alternation,
    _content,
    _convert,
    _list_field,
    _Report,
    _role,
    _sharegpt_turns,
    _side,
    _string_field,
    _Turn,
)

PREFERENCE_FORMATS = ("trl", "hh_rlhf", "sharegpt", "llamafactory_v1", "ranked", "ultrafeedback", "alpaca", "kto")

# "\n\nHuman: " / "\n\nAssistant: " open a turn; the very first may lack the blank line
_HH_TURN = re.compile(r"(?:^|\n\n)(Human|Assistant):[ ]?")


@dataclass
class PreferencePair:
    prompt: list[dict]
    """Canonical messages before the reply: optional system first, user/assistant alternating, ending with user."""
    chosen: list[dict]
    """`[{"role": "assistant", "content": ...}]`: the preferred reply."""
    rejected: list[dict]
    """`[{"role": "assistant", "content": ...}]`: the dispreferred reply."""
    margin: float | None
    """Rank gap or score difference for rows expanded from a ranking; None for plain pairs."""
    source: str
    """`file:line` (or `file:row N`) the row came from."""
    subset: str = ""
    """The data source's name (per-subset metrics); set when sources are mixed (`mixture.py`)."""


@dataclass
class KTOExample:
    prompt: list[dict]
    """Canonical messages before the completion, ending with a user turn."""
    completion: list[dict]
    """`[{"role": "assistant", "content": ...}]`."""
    label: bool
    """True: a desirable completion; False: an undesirable one."""
    source: str
    """`file:line` (or `file:row N`) the row came from."""


def detect_preference_format(row: dict) -> str | None:
    """The format whose defining keys `row` has, or None; extra keys (`id`, ...) do not matter."""
    has = row.__contains__
    if has("chosen_messages") and has("rejected_messages"):
        return "llamafactory_v1"
    if has("label") and (has("messages") or (has("prompt") and has("completion"))):
        return "kto"
    if has("conversations") and has("chosen") and has("rejected"):
        return "sharegpt"
    if has("completions") and (has("prompt") or has("instruction")):
        return "ultrafeedback"
    if has("instruction") and (has("output") or (has("chosen") and has("rejected"))):
        return "alpaca"
    if has("prompt") and has("responses"):
        return "ranked"
    if has("chosen") and has("rejected"):
        # a prompt-less pair of strings can only be transcripts: the prompt lives inside them
        return "hh_rlhf" if not has("prompt") and isinstance(row["chosen"], str) else "trl"
    return None


def load_preference_pairs(
    paths: list[str],
    fmt: str = "auto",
    ranking: Literal["best_vs_rest", "all_pairs"] = "best_vs_rest",
    min_score_gap: float = 0.0,
    columns: dict[str, str] | None = None,
) -> list[PreferencePair]:
    """Every pair from every file in `paths`; one `DataError` if any row is bad. `columns` renames
    the files' columns to the format's names (see `readers.read_records`)."""
    if fmt == "kto":
        raise ConfigError("format 'kto' is unpaired data, not preference pairs; load it with load_kto_examples")
    if ranking not in RANKINGS:
        raise ConfigError(f"unknown ranking '{ranking}'; expected {' or '.join(RANKINGS)}")
    if isinstance(min_score_gap, bool) or not isinstance(min_score_gap, (int, float)) or min_score_gap < 0:
        raise ConfigError(f"min_score_gap must be a number >= 0, got {min_score_gap!r}")
    rows, problems = _load(paths, fmt, "preference", columns)

    def convert(row: dict, row_fmt: str, report: _Report) -> list[PreferencePair]:
        return _pairs(row, row_fmt, report, ranking, float(min_score_gap))

    pairs = _collect((rows, problems), convert)
    if not pairs:  # only min_score_gap can drop every pair of valid rows; training on nothing is a mistake
        raise DataError(
            [(rows[0][0], "-", f"min_score_gap={min_score_gap} dropped every pair; lower it or check the scores")]
        )
    return pairs


def load_kto_examples(paths: list[str], fmt: str = "auto", columns: dict[str, str] | None = None) -> list[KTOExample]:
    """Every row of every KTO file in `paths` as a `KTOExample`; one `DataError` if any row is bad."""
    if fmt not in ("auto", "kto"):
        raise ConfigError(f"unknown KTO data format '{fmt}'; expected auto or kto")
    return _collect(_load(paths, "kto", "KTO", columns), lambda row, _, report: _kto(row, report))


# ---- reading files: detection, one format per file ----


def _load(
    paths: list[str], fmt: str, what: str, columns: dict[str, str] | None
) -> tuple[list[tuple[str, dict, str]], list[Problem]]:
    """`(location, row, format)` for every row to convert, and the problems found so far."""
    if fmt != "auto" and fmt not in PREFERENCE_FORMATS:
        raise ConfigError(f"unknown preference data format '{fmt}'; expected auto, {', '.join(PREFERENCE_FORMATS)}")
    if isinstance(paths, (str, Path)):  # one path given where a list was meant
        paths = [paths]
    if not paths:
        raise ConfigError(f"no {what} data files were given")
    problems: list[Problem] = []
    rows: list[tuple[str, dict, str]] = []
    for path in paths:
        rows.extend(_file_rows(path, fmt, problems, columns))
        if len(problems) >= MAX_PROBLEMS:
            problems.append((str(path), "-", f"stopped reading after {MAX_PROBLEMS} problems; fix these first"))
            break
    return rows, problems


def _family(fmt: str | None) -> str | None:
    """TRL and HH rows differ only in whether the prompt is split out: a TRL file with one
    prompt-less row should hear 'prompt: missing field', not 'this row is HH-RLHF'."""
    return "trl" if fmt == "hh_rlhf" else fmt


def _file_rows(
    path: str | Path, fmt: str, problems: list[Problem], columns: dict[str, str] | None
) -> list[tuple[str, dict, str]]:
    rows: list[tuple[str, dict, str]] = []
    file_fmt = None if fmt == "auto" else fmt
    for location, row in read_records(path, problems, columns):
        detected = detect_preference_format(row)
        if fmt == "auto":
            if file_fmt is None and detected is None:
                problems.append(
                    (
                        location,
                        "-",
                        "cannot tell the format: expected prompt+chosen+rejected (TRL), "
                        "chosen+rejected transcripts (HH-RLHF), conversations+chosen+rejected (ShareGPT), "
                        "chosen_messages+rejected_messages (LLaMA-Factory v1), prompt+responses (ranked), "
                        "prompt+completions (UltraFeedback), instruction+chosen+rejected or instruction+output"
                        " (alpaca) or messages+label (KTO); found keys: " + (", ".join(map(str, row)) or "(none)"),
                    )
                )
                continue
            file_fmt = file_fmt or detected
            if detected is not None and _family(detected) != _family(file_fmt):
                problems.append(
                    (
                        location,
                        "-",
                        f"row looks like '{detected}' but the file started as '{file_fmt}'; one format per file",
                    )
                )
                continue
        if file_fmt == "kto" and fmt != "kto":
            problems.append(
                (
                    location,
                    "-",
                    "this file is unpaired KTO data (messages + label), not preference "
                    "pairs; train on it with the KTO stage (data.unpaired_files; CLI: --kind kto)",
                )
            )
            return rows
        if fmt == "kto" and file_fmt == "kto" and detected not in ("kto", None):
            problems.append(
                (
                    location,
                    "-",
                    f"row looks like '{detected}' preference data, not KTO "
                    "(messages + label); use it as preference data (CLI: --kind preference)",
                )
            )
            return rows
        rows.append((location, row, file_fmt))
    return rows


def _collect(loaded: tuple[list[tuple[str, dict, str]], list[Problem]], convert: Callable) -> list:
    rows, problems = loaded
    results = []
    for location, row, row_fmt in rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        results.extend(convert(row, row_fmt, _Report(location, problems)))
    if problems:
        raise DataError(problems)
    return results


# ---- rows to pairs ----


def _pairs(row: dict, fmt: str, report: _Report, ranking: str, min_score_gap: float) -> list[PreferencePair]:
    before = len(report.problems)
    parsed = _CONVERTERS[fmt](row, report)
    # order rules only make sense once every turn is well formed; checking earlier repeats one mistake
    if parsed is None or len(report.problems) != before:
        return []
    _check_prompt(parsed.prompt, parsed.prompt_field, report)
    if len(report.problems) != before:
        return []
    if parsed.values is None:
        chosen, rejected = parsed.responses
        if chosen == rejected:
            report.add("chosen", "identical to rejected; nothing to learn")
            return []
        triples = [(chosen, rejected, None)]
    else:
        triples = expand(parsed, ranking, min_score_gap, report)
    return [
        PreferencePair(
            prompt=[{"role": turn.role, "content": turn.content} for turn in parsed.prompt],
            chosen=_reply(chosen),
            rejected=_reply(rejected),
            margin=margin,
            source=report.location,
        )
        for chosen, rejected, margin in triples
    ]


def pair_rows(row: dict, fmt: str, report: _Report) -> list[PreferencePair]:
    """The pairs of one row in preference format `fmt` (best against the rest for a ranked row), or []
    after reporting what is wrong with it."""
    return _pairs(row, fmt, report, "best_vs_rest", 0.0)


def _reply(text: str) -> list[dict]:
    return [{"role": "assistant", "content": text}]


def _check_prompt(turns: list[_Turn], whole_field: str, report: _Report) -> None:
    """Alternating turns ending with the user (the reply comes next)."""
    previous = _check_alternation(turns, report)
    if previous is None:
        report.add(whole_field, "no user message before the reply")
    elif turns[-1].role != "user":
        report.add(whole_field, f"last message is from '{turns[-1].role}'; the prompt must end with a user turn")


def _split_shared(chosen: list[_Turn], rejected: list[_Turn], keys: tuple[str, str], report: _Report) -> Ranked | None:
    """Two full conversations -> (shared prompt, chosen reply, rejected reply); only the final
    assistant reply may differ."""
    before = len(report.problems)
    for key, turns in zip(keys, (chosen, rejected)):
        if turns and turns[-1].role != "assistant":
            report.add(key, f"last message is from '{turns[-1].role}'; it must be the assistant's reply")
    if not chosen or not rejected or len(report.problems) != before:
        return None
    same = [(turn.role, turn.content) for turn in chosen] == [(turn.role, turn.content) for turn in rejected]
    if same:
        report.add(keys[0], f"identical to {keys[1]}; nothing to learn")
        return None
    for index, (left, right) in enumerate(zip(chosen[:-1], rejected[:-1])):
        if (left.role, left.content) != (right.role, right.content):
            report.add(
                f"{keys[1]}[{index}]", f"differs from {keys[0]}[{index}]; only the final assistant reply may differ"
            )
            return None
    if len(chosen) != len(rejected):
        report.add(
            keys[1],
            f"{len(rejected)} messages but {keys[0]} has {len(chosen)}; only the final assistant reply may differ",
        )
        return None
    return Ranked(chosen[:-1], keys[0], [chosen[-1].content, rejected[-1].content], None)


# ---- the paired formats: each returns a Ranked with values=None, or None after reporting ----


def _trl_row(row: dict, report: _Report) -> Ranked | None:
    if "prompt" not in row:
        if not isinstance(row.get("chosen"), list) and not isinstance(row.get("rejected"), list):
            report.add("prompt", "missing field")
            return None
        chosen = _side(row, "chosen", "assistant", report)
        rejected = _side(row, "rejected", "assistant", report)
        return _split_shared(chosen, rejected, ("chosen", "rejected"), report)
    prompt = _side(row, "prompt", "user", report)
    replies = [_one_reply(_side(row, key, "assistant", report), key, report) for key in ("chosen", "rejected")]
    return None if None in replies else Ranked(prompt, "prompt", replies, None)


def _one_reply(turns: list[_Turn], key: str, report: _Report) -> str | None:
    if len(turns) == 1 and turns[0].role == "assistant":
        return turns[0].content
    if turns:
        roles = ", ".join(turn.role for turn in turns)
        report.add(key, f"expected one assistant message, got {len(turns)} message(s) ({roles})")
    return None


def _hh_row(row: dict, report: _Report) -> Ranked | None:
    chosen, rejected = _transcript(row, "chosen", report), _transcript(row, "rejected", report)
    if chosen is None or rejected is None:
        return None
    return _split_shared(chosen, rejected, ("chosen", "rejected"), report)


def _transcript(row: dict, key: str, report: _Report) -> list[_Turn] | None:
    """`"\\n\\nHuman: hi\\n\\nAssistant: hello"` -> user and assistant turns (content stripped)."""
    text = _string_field(row, key, report, required=True)
    if text is None:
        return None
    pieces = _HH_TURN.split(text)  # [before, speaker, content, speaker, content, ...]
    if pieces[0].strip():
        report.add(
            key,
            "text before the first 'Human:' turn; expected a transcript of "
            "'\\n\\nHuman: ...\\n\\nAssistant: ...' turns",
        )
        return None
    speakers = pieces[1::2]
    if "Assistant" not in speakers:
        report.add(key, "transcript has no 'Assistant:' turn; expected '\\n\\nHuman: ...\\n\\nAssistant: ...'")
        return None
    turns = []
    for number, (speaker, content) in enumerate(zip(speakers, pieces[2::2]), start=1):
        if not content.strip():
            report.add(key, f"turn {number} ({speaker}) is empty")
            return None
        turns.append(_Turn("user" if speaker == "Human" else "assistant", content.strip(), key))
    return turns


def _sharegpt_row(row: dict, report: _Report) -> Ranked | None:
    prompt, _ = _sharegpt_turns(row, report)  # the conversation so far is the prompt
    replies = []
    for key in ("chosen", "rejected"):
        if key not in row:
            report.add(key, "missing field")
            replies.append(None)
            continue
        turn = _chat_item(row[key], key, report, role_key="from", content_key="value")
        if turn and turn.role != "assistant":
            report.add(f"{key}.from", f"expected the assistant ('gpt'), got '{row[key]['from']}'")
        replies.append(turn.content if turn else None)
    return None if None in replies else Ranked(prompt, "conversations", replies, None)


def _v1_row(row: dict, report: _Report) -> Ranked | None:
    chosen, rejected = _v1_messages(row, "chosen_messages", report), _v1_messages(row, "rejected_messages", report)
    if chosen is None or rejected is None:
        return None
    return _split_shared(chosen, rejected, ("chosen_messages", "rejected_messages"), report)


def _v1_messages(row: dict, key: str, report: _Report) -> list[_Turn] | None:
    """LLaMA-Factory v1 messages; `loss_weight` is training-time weighting we do not use."""
    items = _list_field(row, key, "a list of messages", report)
    turns = []
    for index, item in enumerate(items or []):
        field = f"{key}[{index}]"
        if not isinstance(item, dict):
            report.add(field, f"wrong type: expected an object with 'role' and 'content', got {json_type_name(item)}")
            continue
        missing = [name for name in ("role", "content") if name not in item]
        for name in missing:
            report.add(f"{field}.{name}", "missing field")
        if missing:
            continue
        role = _role(item["role"], f"{field}.role", report, sharegpt=False)
        content = _v1_content(item["content"], f"{field}.content", report)
        if role is not None and content is not None:
            turns.append(_Turn(role, content, f"{field}.role"))
    return turns if items is not None and len(turns) == len(items) else None


def _v1_content(value: object, field: str, report: _Report) -> str | None:
    """A string, or typed parts `[{"type": "text", "value": ...}]` (`"text"` also accepted) joined by newlines."""
    if isinstance(value, list):
        texts = []
        for index, part in enumerate(value):
            part_field = f"{field}[{index}]"
            if not isinstance(part, dict) or part.get("type") != "text":
                shown = repr(part.get("type")) if isinstance(part, dict) else json_type_name(part)
                report.add(part_field, f"unsupported content part {shown}; only 'text' parts are supported")
                return None
            text = part.get("value", part.get("text"))
            texts.append(_content(text, f"{part_field}.value", report, allow_parts=False))
        if None in texts:
            return None
        value = "\n".join(texts)
    return _content(value, field, report, allow_parts=False)


_CONVERTERS: dict[str, Callable[[dict, _Report], Ranked | None]] = {
    "trl": _trl_row,
    "hh_rlhf": _hh_row,
    "sharegpt": _sharegpt_row,
    "llamafactory_v1": _v1_row,
    "ranked": ranked_row,
    "ultrafeedback": ultrafeedback_row,
    "alpaca": alpaca_row,
}


def _kto(row: dict, report: _Report) -> list[KTOExample]:
    """`messages` ending with the assistant's completion (or TRL's `prompt` + `completion`), and a
    boolean `label`."""
    messages = _convert(row, "messages" if "messages" in row else "prompt_completion", report)
    label = row.get("label")
    if isinstance(label, str) and label.strip().lower() in ("true", "false"):
        label = label.strip().lower() == "true"  # a CSV/TSV cell: text, not a JSON boolean
    if "label" not in row:
        report.add("label", "missing field")
    elif not isinstance(label, bool):
        report.add("label", f"wrong type: expected true or false, got {json_type_name(label)}")
    if messages is None or not isinstance(label, bool):
        return []
    return [KTOExample(prompt=messages[:-1], completion=messages[-1:], label=label, source=report.location)]
