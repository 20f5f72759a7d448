"""SFT data layer: every format in every container loads to the same canonical messages, rows keep
their `file:line`, and bad data fails with one exact, actionable message listing every problem."""

from __future__ import annotations

import csv
import json

import pytest

from alignment.core.errors import DataError
from alignment.data.readers import MAX_FIELD_CHARS, read_records
from alignment.data.sft import SFT_FORMATS, detect_sft_format, load_sft_examples, to_messages

# ---- one conversation, written in each format ----

EXPECTED = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Name a colour.\n\nOne word."},
    {"role": "assistant", "content": "Blue."},
]
EXPECTED_NO_SYSTEM = EXPECTED[1:]

ROWS = {
    "messages": {"id": 7, "messages": EXPECTED},
    "prompt_completion": {"prompt": "Name a colour.\n\nOne word.", "completion": "Blue."},
    "alpaca": {
        "system": "Be brief.",
        "instruction": "Name a colour.",
        "input": "One word.",
        "output": "Blue.",
        "category": "open_qa",
    },
    "sharegpt": {
        "system": "Be brief.",
        "conversations": [{"from": "human", "value": "Name a colour.\n\nOne word."}, {"from": "gpt", "value": "Blue."}],
    },
    "chosen": {"prompt": EXPECTED[:2], "chosen": EXPECTED[2:], "rejected": [{"role": "assistant", "content": "No."}]},
}
EXPECTED_BY_FORMAT = {
    "messages": EXPECTED,
    "prompt_completion": EXPECTED_NO_SYSTEM,
    "alpaca": EXPECTED,
    "sharegpt": EXPECTED,
    "chosen": EXPECTED,
}


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def write_json(path, rows):
    path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return str(path)


def write_delimited(path, rows, delimiter=","):
    """CSV the way a spreadsheet export looks: list/dict cells JSON-encoded."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=delimiter)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {key: json.dumps(value) if isinstance(value, (list, dict)) else value for key, value in row.items()}
            )
    return str(path)


def write_parquet(path, rows):
    import pyarrow
    import pyarrow.parquet

    pyarrow.parquet.write_table(pyarrow.Table.from_pylist(rows), path)
    return str(path)


def write_dataset(path, rows):
    import datasets

    datasets.Dataset.from_list(rows).save_to_disk(str(path))
    return str(path)


WRITERS = {
    "jsonl": write_jsonl,
    "json": write_json,
    "csv": write_delimited,
    "parquet": write_parquet,
    "dataset": write_dataset,
}


def fails(paths, fmt="auto"):
    with pytest.raises(DataError) as excinfo:
        load_sft_examples(paths, fmt)
    return str(excinfo.value)


# ---- positive cases ----


@pytest.mark.parametrize("container", list(WRITERS))
@pytest.mark.parametrize("fmt", SFT_FORMATS)
def test_every_format_in_every_container(tmp_path, fmt, container):
    suffix = "" if container == "dataset" else f".{container}"
    path = WRITERS[container](tmp_path / f"data{suffix}", [ROWS[fmt], ROWS[fmt]])
    for requested in ("auto", fmt):
        examples = load_sft_examples([path], requested)
        assert [example.messages for example in examples] == [EXPECTED_BY_FORMAT[fmt]] * 2
    if container == "json":
        second_row = str(_element_starts(path)[1])
    elif container == "csv":
        # header on line 1; the prompt_completion prompt holds two newlines, so its rows span 3 lines
        second_row = "5" if fmt == "prompt_completion" else "3"
    else:
        second_row = {"jsonl": "2", "parquet": "row 2", "dataset": "row 2"}[container]
    assert [example.source for example in examples][1] == f"{path}:{second_row}"


def _element_starts(path):
    """Line numbers of the top-level elements in a file written by `write_json` (indent=2)."""
    with open(path, encoding="utf-8") as handle:
        return [number for number, line in enumerate(handle, start=1) if line.rstrip("\n") == "  {"]


def test_detect_sft_format():
    assert {fmt: detect_sft_format(row) for fmt, row in ROWS.items()} == {fmt: fmt for fmt in ROWS}
    assert detect_sft_format({"text": "hello"}) is None
    assert detect_sft_format({"prompt": "only a prompt"}) is None


def test_jsonl_locations_skip_blank_lines(tmp_path):
    path = tmp_path / "d.jsonl"
    row = json.dumps(ROWS["messages"])
    path.write_text(f"{row}\n\n{row}\r\n", encoding="utf-8")
    assert [example.source for example in load_sft_examples([str(path)])] == [f"{path}:1", f"{path}:3"]


def test_json_location_is_the_line_where_each_element_starts(tmp_path):
    path = write_json(tmp_path / "d.json", [ROWS["alpaca"], ROWS["alpaca"]])
    second_start = _element_starts(path)[1]
    assert second_start > 3
    assert [example.source for example in load_sft_examples([path])] == [f"{path}:2", f"{path}:{second_start}"]


def test_json_object_wrapping_one_list_of_rows(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(
        '{"version": "1",\n "data": [\n  {"prompt": "a", "completion": "b"},\n  {"prompt": "c", "completion": "d"}]}',
        encoding="utf-8",
    )
    assert [(example.source, example.messages[1]["content"]) for example in load_sft_examples([str(path)])] == [
        (f"{path}:3", "b"),
        (f"{path}:4", "d"),
    ]


def test_csv_location_is_the_start_line_of_a_multiline_row(tmp_path):
    path = write_delimited(
        tmp_path / "d.csv",
        [{"instruction": "line one\nline two", "output": "ok"}, {"instruction": "next", "output": "ok"}],
    )
    examples = load_sft_examples([path])
    assert [example.source for example in examples] == [f"{path}:2", f"{path}:4"]
    assert examples[0].messages[0] == {"role": "user", "content": "line one\nline two"}


def test_tsv_and_utf8_bom(tmp_path):
    path = tmp_path / "d.tsv"
    path.write_bytes("\ufeffprompt\tcompletion\nCafé?\tOui.\n".encode("utf-8"))
    assert load_sft_examples([str(path)])[0].messages == [
        {"role": "user", "content": "Café?"},
        {"role": "assistant", "content": "Oui."},
    ]


def test_dataset_dict_directory_reads_train_split(tmp_path):
    import datasets

    rows = [ROWS["sharegpt"]]
    datasets.DatasetDict(
        {"train": datasets.Dataset.from_list(rows), "test": datasets.Dataset.from_list(rows * 3)}
    ).save_to_disk(str(tmp_path / "dd"))
    assert [example.source for example in load_sft_examples([str(tmp_path / "dd")])] == [f"{tmp_path / 'dd'}:row 1"]


def test_auto_detection_is_per_file_and_files_are_concatenated(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", [ROWS["alpaca"]])
    second = write_parquet(tmp_path / "b.parquet", [ROWS["sharegpt"], ROWS["sharegpt"]])
    examples = load_sft_examples([first, second])
    assert [example.source for example in examples] == [f"{first}:1", f"{second}:row 1", f"{second}:row 2"]
    assert all(example.messages == EXPECTED for example in examples)


def test_conversational_prompt_completion_typed_parts_and_alpaca_history(tmp_path):
    rows = [
        {
            "prompt": [
                {"role": "system", "content": "S"},
                {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]},
            ],
            "completion": [{"role": "assistant", "content": "c"}],
        },
    ]
    assert load_sft_examples([write_jsonl(tmp_path / "p.jsonl", rows)])[0].messages == [
        {"role": "system", "content": "S"},
        {"role": "user", "content": "a\nb"},
        {"role": "assistant", "content": "c"},
    ]
    alpaca = [{"instruction": "q2", "input": "", "output": "a2", "history": [["q1", "a1"]]}]
    assert load_sft_examples([write_delimited(tmp_path / "h.csv", alpaca)])[0].messages == [
        {"role": "user", "content": "q1"},
        {"role": "assistant", "content": "a1"},
        {"role": "user", "content": "q2"},
        {"role": "assistant", "content": "a2"},
    ]


def test_read_records_raises_on_its_own_and_yields_raw_rows(tmp_path):
    path = write_delimited(tmp_path / "r.csv", [{"messages": [{"role": "user"}], "n": 1}])
    assert list(read_records(path)) == [(f"{path}:2", {"messages": '[{"role": "user"}]', "n": "1"})]
    with pytest.raises(DataError):
        list(read_records(tmp_path / "missing.jsonl"))


def test_to_messages_raises_for_one_row():
    assert to_messages(ROWS["alpaca"], "alpaca", "x:1") == EXPECTED
    with pytest.raises(DataError) as excinfo:
        to_messages({"instruction": "q"}, "alpaca", "x:1")
    assert str(excinfo.value) == "x:1: output: missing field"


# ---- bad data: the exact message ----


def test_malformed_json_line_and_non_object(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(ROWS["messages"]) + '\n{"messages": [}\n[1, 2]\n', encoding="utf-8")
    assert fails([str(path)]) == (
        f"{path}:2: -: invalid JSON: Expecting value (column 15)\n{path}:3: -: expected a JSON object, got list"
    )


def test_missing_field_with_explicit_format(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"prompt": "hi"}])
    assert fails([path], "prompt_completion") == f"{path}:1: completion: missing field"


def test_wrong_types(tmp_path):
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"messages": "hello"},
            {"messages": [{"role": "user", "content": 5}, "oops"]},
        ],
    )
    assert fails([path]) == (
        f"{path}:1: messages: wrong type: expected a list of messages, got str\n"
        f"{path}:2: messages[0].content: wrong type: expected a string, got int\n"
        f"{path}:2: messages[1]: wrong type: expected an object with 'role' and 'content', got str"
    )


def test_empty_string_and_unknown_role(tmp_path):
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "  "}]},
            {"messages": [{"role": "user", "content": "hi"}, {"role": "bot", "content": "yo"}]},
        ],
    )
    assert fails([path]) == (
        f"{path}:1: messages[1].content: empty string\n"
        f"{path}:2: messages[1].role: unknown role 'bot'; expected system, user or assistant"
    )


def test_turn_order(tmp_path):
    user, assistant = {"role": "user", "content": "u"}, {"role": "assistant", "content": "a"}
    system = {"role": "system", "content": "s"}
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"messages": [user, assistant, user]},
            {"messages": [user, assistant, user, user, assistant]},
            {"messages": [user, system, assistant]},
            {"messages": [assistant, user, assistant]},
            {"messages": [system]},
            {"messages": []},
        ],
    )
    assert fails([path]) == (
        f"{path}:1: messages: last message is from 'user'; the conversation must end with an assistant reply\n"
        f"{path}:2: messages[3].role: two 'user' turns in a row\n"
        f"{path}:3: messages[1].role: a system message is only allowed as the first message\n"
        f"{path}:4: messages[0].role: the conversation must start with a user turn, got 'assistant'\n"
        f"{path}:5: messages: no user or assistant messages; need at least one of each\n"
        f"{path}:6: messages: empty list"
    )


def test_non_utf8_bytes(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(b"prompt,completion\nhi,there\ncaf\xe9,ok\n")
    assert fails([str(path)]) == (f"{path}:3: -: not valid UTF-8 (byte 0xe9 at column 4); re-save the file as UTF-8")


def test_ten_megabyte_field(tmp_path):
    huge = "x" * (10 * 1024 * 1024)
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [{"messages": [{"role": "user", "content": huge}, {"role": "assistant", "content": "ok"}]}],
    )
    csv_path = write_delimited(tmp_path / "d.csv", [{"instruction": huge, "output": "ok"}])
    assert fails([path, csv_path]) == (
        f"{path}:1: messages[0].content: value is 10485760 characters long; the limit is {MAX_FIELD_CHARS}\n"
        f"{csv_path}:2: instruction: value is 10485760 characters long; the limit is 1000000"
    )


def test_two_formats_in_one_file_and_unrecognised_rows(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"text": "hi", "id": 1}, ROWS["messages"], ROWS["alpaca"]])
    assert fails([path]) == (
        f"{path}:1: -: cannot tell the format: expected one of messages / prompt+completion / "
        "instruction+output (alpaca) / conversations (ShareGPT) / prompt+chosen; found keys: text, id\n"
        f"{path}:3: -: row looks like 'alpaca' but the file started as 'messages'; one format per file"
    )


def test_empty_files(tmp_path):
    empty = tmp_path / "e.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    header_only = tmp_path / "h.csv"
    header_only.write_text("prompt,completion\n", encoding="utf-8")
    empty_list = tmp_path / "l.json"
    empty_list.write_text("[]", encoding="utf-8")
    assert fails([str(empty), str(header_only), str(empty_list)]) == (
        f"{empty}:0: -: file has no rows\n{header_only}:0: -: file has no rows\n{empty_list}:0: -: file has no rows"
    )


def test_unknown_extension_and_missing_file(tmp_path):
    text = tmp_path / "d.txt"
    text.write_text("hello", encoding="utf-8")
    missing = tmp_path / "nope.jsonl"
    assert fails([str(text), str(missing)]) == (
        f"{text}: -: unsupported file type '.txt'; use .jsonl, .json, .csv, .tsv, .parquet or a datasets directory\n"
        f"{missing}: -: no such file or directory"
    )


def test_sharegpt_unknown_speaker(tmp_path):
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {
                "conversations": [
                    {"from": "human", "value": "weather?"},
                    {"from": "function_call", "value": "{}"},
                    {"from": "gpt", "value": "sunny"},
                ]
            }
        ],
    )
    assert fails([path]) == (
        f"{path}:1: conversations[1].from: unsupported speaker 'function_call'; expected "
        "human, gpt or system (tool calls and tool results are not supported yet)"
    )


def test_json_cell_in_csv_that_does_not_parse(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('id,messages\n1,"[{""role"": ""user"", ""content"": ""hi""},]"\n', encoding="utf-8")
    assert fails([str(path)]) == f"{path}:2: messages: cell is not valid JSON: Expecting value (column 36)"


def test_sharegpt_alternation_and_missing_value(tmp_path):
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {
                "conversations": [
                    {"from": "human", "value": "a"},
                    {"from": "gpt", "value": "b"},
                    {"from": "gpt", "value": "c"},
                ]
            },
            {"conversations": [{"from": "human"}]},
        ],
    )
    assert fails([path], "sharegpt") == (
        f"{path}:1: conversations[2].from: two 'assistant' turns in a row\n"
        f"{path}:2: conversations[0].value: missing field"
    )


def test_alpaca_problems_name_their_fields(tmp_path):
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"instruction": "", "output": 3, "history": [["q"]]},
            {"instruction": "q", "output": "a", "input": ["x"]},
        ],
    )
    assert fails([path], "alpaca") == (
        f"{path}:1: history[0]: wrong type: expected a [user, assistant] pair, got a list of 1\n"
        f"{path}:1: instruction: empty string\n"
        f"{path}:1: output: wrong type: expected a string, got int\n"
        f"{path}:2: input: wrong type: expected a string, got list"
    )


def test_malformed_json_file_and_unsupported_content_part(tmp_path):
    broken = tmp_path / "b.json"
    broken.write_text('[\n  {"prompt": "a", "completion": "b"}\n  {"prompt": "c"}\n]', encoding="utf-8")
    lines = tmp_path / "l.json"
    lines.write_text('{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"}\n', encoding="utf-8")
    parts = write_jsonl(
        tmp_path / "p.jsonl",
        [
            {
                "messages": [
                    {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]},
                    {"role": "assistant", "content": "a"},
                ]
            }
        ],
    )
    assert fails([str(broken), str(lines), parts]) == (
        f"{broken}:3: -: invalid JSON: Expecting ',' delimiter (column 3)\n"
        f"{lines}:2: -: invalid JSON: Extra data (column 1); if the file has one JSON object per line, name it .jsonl\n"
        f"{parts}:1: messages[0].content[0].type: unsupported content part 'image_url'; only 'text' parts are supported"
    )


def test_csv_row_with_wrong_cell_count_and_plain_directory(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("prompt,completion\na,b,c\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    assert fails([str(path), str(folder)]) == (
        f"{path}:2: -: row has 3 cells but the header has 2\n"
        f"{folder}: -: directory is not a saved datasets dataset (no dataset_dict.json, dataset_info.json or "
        "state.json); pass a data file instead"
    )


def test_json_file_holding_one_row(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ROWS["messages"], indent=2), encoding="utf-8")
    assert [(example.source, example.messages) for example in load_sft_examples([str(path)])] == [
        (f"{path}:1", EXPECTED)
    ]


def test_dataset_dict_without_train_split(tmp_path):
    import datasets

    split = datasets.Dataset.from_list([ROWS["messages"]])
    datasets.DatasetDict({"a": split, "b": split}).save_to_disk(str(tmp_path / "dd"))
    assert fails([str(tmp_path / "dd")]) == (
        f"{tmp_path / 'dd'}: split: the dataset has splits 'a', 'b' and none is 'train'; choose one with split:"
    )


def test_a_split_of_a_dataset_directory_is_chosen_by_name(tmp_path):
    import datasets

    other = {"messages": [{"role": "user", "content": "Other?"}, {"role": "assistant", "content": "Yes."}]}
    datasets.DatasetDict(
        {"a": datasets.Dataset.from_list([ROWS["messages"]]), "b": datasets.Dataset.from_list([other])}
    ).save_to_disk(str(tmp_path / "dd"))
    path = f"{tmp_path / 'dd'}?split=b"
    (example,) = load_sft_examples([path])
    assert example.messages == other["messages"] and example.source == f"{path}:row 1"
    wrong = f"{tmp_path / 'dd'}?split=c"
    assert fails([wrong]) == f"{wrong}: split: no split 'c' in the dataset; it has 'a', 'b'"


def test_problem_collection_is_capped(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "x"}\n' * 5000, encoding="utf-8")
    with pytest.raises(DataError) as excinfo:
        load_sft_examples([str(path)])
    problems = excinfo.value.problems
    assert len(problems) == 1001
    assert problems[-1] == (str(path), "-", "stopped reading after 1000 problems; fix these first")
    assert str(excinfo.value).endswith("... and 981 more problem(s)")


def test_a_local_dataset_repository_is_read_like_a_hub_name(tmp_path, monkeypatch):
    import datasets

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "cache")
    repository = tmp_path / "repo"
    repository.mkdir()
    for split in ("train", "test"):
        chat = [{"role": "user", "content": f"{split}?"}, {"role": "assistant", "content": "Yes."}]
        (repository / f"{split}.jsonl").write_text(json.dumps({"messages": chat}) + "\n", encoding="utf-8")
    card = "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: train.jsonl\n"
    card += "  - split: test\n    path: test.jsonl\n---\n"
    (repository / "README.md").write_text(card, encoding="utf-8")
    (example,) = load_sft_examples([f"hub:{repository}?split=test"])
    assert example.messages[0]["content"] == "test?" and example.source == f"{repository}[test]:row 1"
