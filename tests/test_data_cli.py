"""`alignment data validate|convert|show`: detection, statistics, canonical output, and bad input.

Every bad-input case runs through the real command: it must exit 2, print the problem as
`file:line: field: problem` and write nothing (`convert --out` is never created). `main()` catches
only the project's own errors, so an unexpected exception (what a user would see as a traceback)
fails the test.
"""

from __future__ import annotations

import json

import pytest

from alignment.cli.main import main

PAIR = {"prompt": "What is 2 + 2?", "chosen": "4", "rejected": "5"}


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def run(capsys, *argv):
    code = main(["data", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---- detection and statistics ----

KINDS = {
    "preference_trl": (
        [PAIR, {**PAIR, "prompt": "And 3 + 3?", "chosen": "6"}],
        "preference data, format trl",
        "2 rows -> 2 pairs, 2 distinct prompts",
    ),
    "preference_ranked": (
        [{"prompt": "Q", "responses": ["a", "b", "c"], "ranks": [1, 2, 3]}],
        "preference data, format ranked",
        "1 rows -> 2 pairs, 1 distinct prompts",
    ),
    "sft_messages": (
        [{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hey"}]}],
        "sft data, format messages",
        "1 rows -> 1 chats",
    ),
    "sft_alpaca": ([{"instruction": "Say hi", "output": "Hi"}], "sft data, format alpaca", "1 rows -> 1 chats"),
    "kto": ([{"prompt": "Q", "completion": "A", "label": True}], "kto data, format kto", "1 rows -> 1 examples"),
    "prompts": ([{"prompt": "Q1"}, {"prompt": "Q2"}], "prompts data, format prompt", "2 rows -> 2 prompts"),
    "prompts_messages": (
        [{"messages": [{"role": "user", "content": "Q"}]}],
        "prompts data, format messages",
        "1 rows -> 1 prompts",
    ),
}


@pytest.mark.parametrize("case", KINDS)
def test_validate_detects_kind_and_format(tmp_path, capsys, case):
    rows, kind_line, count_line = KINDS[case]
    path = write_jsonl(tmp_path / "data.jsonl", rows)
    code, out, err = run(capsys, "validate", path)
    assert (code, err) == (0, "")
    assert f"{path}: {kind_line}" in out and count_line in out and "clean" in out


def test_validate_reports_token_lengths_under_the_chat_template(tmp_path, capsys, tiny_model_dir):
    path = write_jsonl(tmp_path / "data.jsonl", [PAIR])
    code, out, _ = run(capsys, "validate", path, "--tokenizer", str(tiny_model_dir))
    assert code == 0
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(tiny_model_dir))
    text = tokenizer.apply_chat_template(
        [{"role": "user", "content": PAIR["prompt"]}, {"role": "assistant", "content": "4"}], tokenize=False
    )
    length = len(tokenizer(text, add_special_tokens=False)["input_ids"])
    assert f"prompt+chosen: min {length}, median {length}, p95 {length}, max {length}" in out


def test_duplicates_are_warnings_and_strict_makes_them_problems(tmp_path, capsys):
    path = write_jsonl(tmp_path / "data.jsonl", [PAIR, {**PAIR, "prompt": "Other?"}, PAIR])
    code, out, err = run(capsys, "validate", path)
    assert code == 0
    assert f"{path}:3: -: warning: duplicate of {path}:1" in err
    assert "clean, with 1 duplicate row(s): training drops them" in out
    code, out, err = run(capsys, "validate", "--strict", path)
    assert code == 2 and "clean" not in out
    assert f"{path}:3: -: duplicate of {path}:1" in err and "1 problem(s)" in err


def test_validate_checks_every_file_and_fails_if_any_is_bad(tmp_path, capsys):
    good = write_jsonl(tmp_path / "good.jsonl", [PAIR])
    bad = write_jsonl(tmp_path / "bad.jsonl", [{**PAIR, "chosen": ""}])
    code, out, err = run(capsys, "validate", good, bad)
    assert code == 2 and f"{good}: preference data" in out and f"{bad}:1: chosen: empty string" in err


# ---- convert ----


def test_convert_writes_canonical_jsonl(tmp_path, capsys):
    source = write_jsonl(
        tmp_path / "hh.jsonl",
        [{"chosen": "\n\nHuman: Hi\n\nAssistant: Hello!", "rejected": "\n\nHuman: Hi\n\nAssistant: Go away."}],
    )
    out = tmp_path / "canonical.jsonl"
    code, stdout, _ = run(capsys, "convert", source, "--out", str(out))
    assert code == 0 and "format hh_rlhf" in stdout
    assert [json.loads(line) for line in out.read_text().splitlines()] == [
        {
            "prompt": [{"role": "user", "content": "Hi"}],
            "chosen": [{"role": "assistant", "content": "Hello!"}],
            "rejected": [{"role": "assistant", "content": "Go away."}],
        }
    ]
    code, _, _ = run(capsys, "validate", str(out))
    assert code == 0


def test_convert_keeps_the_margin_of_ranked_pairs_and_maps_columns(tmp_path, capsys):
    source = write_jsonl(tmp_path / "r.jsonl", [{"q": "Q", "answers": ["a", "b", "c"], "ranks": [3, 1, 2]}])
    out = tmp_path / "o.jsonl"
    code, _, _ = run(
        capsys,
        "convert",
        source,
        "--out",
        str(out),
        "--column",
        "prompt=q",
        "--column",
        "responses=answers",
        "--ranking",
        "all_pairs",
    )
    assert code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["chosen"][0]["content"], r["rejected"][0]["content"], r["margin"]) for r in rows] == [
        ("b", "c", 1.0),
        ("b", "a", 2.0),
        ("c", "a", 1.0),
    ]


def test_convert_never_overwrites_without_force(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", [PAIR])
    out = tmp_path / "o.jsonl"
    out.write_text("precious\n")
    code, _, err = run(capsys, "convert", source, "--out", str(out))
    assert code == 2 and "exists; pass --force" in err and out.read_text() == "precious\n"
    assert run(capsys, "convert", source, "--out", source, "--force")[0] == 2
    assert json.loads(open(source).readline()) == PAIR
    assert run(capsys, "convert", source, "--out", str(out), "--force")[0] == 0
    assert out.read_text() != "precious\n"


def test_convert_to_an_unwritable_place_is_a_clear_error_and_leaves_nothing(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", [PAIR])
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _, err = run(capsys, "convert", source, "--out", str(folder), "--force")
    assert code == 2 and "is a directory" in err and list(folder.iterdir()) == []
    code, _, err = run(capsys, "convert", source, "--out", f"{source}/x.jsonl")
    assert code == 2 and "cannot write" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "folder"]


def test_csv_cells_hold_rankings_and_kto_labels(tmp_path, capsys):
    ranked = tmp_path / "ranked.csv"
    ranked.write_text('instruction,output\nName a colour,"[""Blue."",""Blu"",""No.""]"\n', encoding="utf-8")
    kto = tmp_path / "kto.csv"
    kto.write_text("prompt,completion,label\nQ,A,true\nQ,B,FALSE\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    code, stdout, _ = run(capsys, "convert", str(ranked), "--out", str(out))
    assert code == 0 and "preference data, format alpaca: 1 rows -> 2 canonical pairs" in stdout
    assert [json.loads(line)["chosen"][0]["content"] for line in out.read_text().splitlines()] == ["Blue.", "Blue."]
    code, stdout, _ = run(capsys, "convert", str(kto), "--out", str(out), "--force")
    assert code == 0
    assert [json.loads(line)["label"] for line in out.read_text().splitlines()] == [True, False]


def test_a_format_name_picks_its_kind_and_a_wrong_pairing_says_which_kind(tmp_path, capsys):
    path = write_jsonl(tmp_path / "k.jsonl", [{"prompt": "Q", "completion": "A", "label": True}])
    code, out, _ = run(capsys, "validate", path, "--format", "kto")
    assert code == 0 and "kto data, format kto" in out
    code, _, err = run(capsys, "validate", path, "--kind", "sft", "--format", "ranked")
    assert code == 2 and "'ranked' is a preference format (--kind preference)" in err
    code, out, _ = run(capsys, "validate", path, "--kind", "sft")
    assert code == 0 and "sft data, format prompt_completion" in out


def test_a_mistyped_column_target_suggests_the_field(tmp_path, capsys):
    path = write_jsonl(tmp_path / "a.jsonl", [{"question": "Q", "chosen": "a", "rejected": "b"}])
    code, _, err = run(capsys, "validate", path, "--column", "promt=question")
    assert code == 2 and "'promt' is not a field any format reads; did you mean 'prompt'?" in err


def test_a_mapping_of_the_prompt_alone_does_not_hide_the_replies(tmp_path, capsys):
    rows = [{"q": "Hi?", "good": "Hello!", "bad": "Go away.", "id": 1}]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "convert", path, "--out", str(out), "--column", "prompt=q")
    assert code == 2 and not out.exists()
    assert f"{path}:1: columns: the mapping (prompt=q) reads this as prompts only and leaves good, bad unread" in err
    code, stdout, _ = run(
        capsys, "validate", path, "--column", "prompt=q", "--column", "chosen=good", "--column", "rejected=bad"
    )
    assert code == 0 and "preference data" in stdout
    code, stdout, _ = run(capsys, "validate", path, "--column", "prompt=q", "--kind", "prompts")  # prompts on purpose
    assert code == 0 and "prompts data" in stdout


# ---- show ----


def test_show_renders_rows_through_the_chat_template(tmp_path, capsys, tiny_model_dir):
    source = write_jsonl(tmp_path / "a.jsonl", [PAIR, {**PAIR, "prompt": "Second?"}, {**PAIR, "prompt": "Third?"}])
    code, out, _ = run(capsys, "show", source, "-n", "2", "--tokenizer", str(tiny_model_dir))
    assert code == 0
    assert "showing 2 of 3" in out and f"=== 1/2  {source}:1 ===" in out and "Third?" not in out
    assert "<|im_start|>user\nWhat is 2 + 2?<|im_end|>" in out
    assert "--- rejected (after the same prompt) ---\n5<|im_end|>" in out
    code, _, err = run(capsys, "show", source, "-n", "0", "--tokenizer", str(tiny_model_dir))
    assert code == 2 and "-n 0" in err


# ---- bad input: every case exits 2 with file:line: field: problem and writes nothing ----

BIG = "x" * (10 * 1024 * 1024)
BAD = {
    "malformed_json_line": (
        '{"prompt": "Q", "chosen": "a", "rejected": "b"}\n{"prompt": \n',
        [],
        "{p}:2: -: invalid JSON",
    ),
    "missing_field": ([{"prompt": "Q", "chosen": "a"}], [], "{p}:1: rejected: missing field"),
    "wrong_type": ([{"prompt": "Q", "chosen": ["a"], "rejected": "b"}], [], "{p}:1: chosen[0]: wrong type"),
    "empty_string": ([{"prompt": "Q", "chosen": "", "rejected": "b"}], [], "{p}:1: chosen: empty string"),
    "chosen_equals_rejected": (
        [{"prompt": "Q", "chosen": "a", "rejected": "a"}],
        [],
        "{p}:1: chosen: identical to rejected",
    ),
    "non_utf8": (b'{"prompt": "caf\xe9", "chosen": "a", "rejected": "b"}\n', [], "{p}:1: -: not valid UTF-8"),
    "ten_megabyte_field": (
        [{"prompt": "Q", "chosen": BIG, "rejected": "b"}],
        [],
        "{p}:1: chosen: value is 10485760 characters long; the limit is 1000000",
    ),
    "two_formats_in_one_file": (
        [PAIR, {"prompt": "Q", "responses": ["a", "b"], "ranks": [1, 2]}],
        [],
        "{p}:2: -: row looks like 'ranked' but the file started as 'trl'",
    ),
    "unknown_column_mapping": (
        [PAIR],
        ["--column", "prompt=question"],
        "{p}:1: columns.prompt: column 'question' not found",
    ),
    "empty_file": ("", [], "{p}:0: -: file has no rows"),
    "ranked_list_all_ties": (
        [{"prompt": "Q", "responses": ["a", "b"], "ranks": [1, 1]}],
        [],
        "{p}:1: ranks: all responses are tied",
    ),
    "hh_without_assistant": (
        [{"chosen": "\n\nHuman: Hi", "rejected": "\n\nHuman: Hi\n\nAssistant: x"}],
        [],
        "{p}:1: chosen: transcript has no 'Assistant:' turn",
    ),
    "row_not_an_object": ("42\n", [], "{p}:1: -: expected a JSON object, got int"),
    "prompt_ends_with_assistant": (
        [
            {
                "prompt": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}],
                "chosen": "a",
                "rejected": "b",
            }
        ],
        [],
        "{p}:1: prompt: last message is from 'assistant'",
    ),
    "kto_label_not_boolean": (
        [{"prompt": "Q", "completion": "A", "label": "yes"}],
        [],
        "{p}:1: label: wrong type: expected true or false",
    ),
    "unknown_shape": ([{"text": "hello"}], [], "{p}:1: -: cannot tell what kind of data this is"),
    "sharegpt_reply_from_human": (
        [
            {
                "conversations": [{"from": "human", "value": "Q"}],
                "chosen": {"from": "human", "value": "a"},
                "rejected": {"from": "gpt", "value": "b"},
            }
        ],
        [],
        "{p}:1: chosen.from: expected the assistant",
    ),
    "ranks_do_not_match_responses": (
        [{"prompt": "Q", "responses": ["a", "b", "c"], "ranks": [1, 2]}],
        [],
        "{p}:1: ranks: 2 values for 3 responses",
    ),
    "unknown_format_name": ([PAIR], ["--format", "dpo"], "unknown format 'dpo'; expected auto, alpaca,"),
}


def write_raw(path, content):
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        write_jsonl(path, content)
    return str(path)


@pytest.mark.parametrize("case", BAD)
@pytest.mark.parametrize("command", ["validate", "convert"])
def test_bad_input_exits_2_naming_file_line_and_field_and_writes_nothing(tmp_path, capsys, case, command):
    content, options, expected = BAD[case]
    path = write_raw(tmp_path / "bad.jsonl", content)
    out = tmp_path / "out.jsonl"
    argv = [command, path, *options] + (["--out", str(out)] if command == "convert" else [])
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert expected.format(p=path) in err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


def test_there_are_at_least_15_bad_input_cases():
    assert len(BAD) >= 15


# ---- the data page's examples are real ----


def documented_format_examples() -> list[tuple[str, dict]]:
    """(format name, row) for every JSON row in the format table of docs/data.md's "Preference data"."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "data.md").read_text(encoding="utf-8")
    section = text.split("\n## Preference data\n", 1)[1].split("\n## ", 1)[0]
    examples = []
    for line in section.splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) >= 2:
            for span in cells[1].split("`")[1::2]:
                if span.startswith("{") and span.endswith("}"):
                    examples.append((cells[0].strip("| "), json.loads(span)))
    return examples


DOCUMENTED_FORMATS = {
    "TRL standard": "trl",
    "TRL conversational": "trl",
    "TRL implicit prompt": "trl",
    "HH-RLHF transcripts": "hh_rlhf",
    "ShareGPT (LLaMA-Factory)": "sharegpt",
    "LLaMA-Factory v1": "llamafactory_v1",
    "alpaca pairwise": "alpaca",
    "alpaca ranked": "alpaca",
    "ranked list": "ranked",
    "UltraFeedback-style": "ultrafeedback",
    "KTO unpaired": "kto",
}


def test_every_documented_format_example_loads_as_the_format_it_names(tmp_path, capsys):
    examples = documented_format_examples()
    assert {name for name, _ in examples} == set(DOCUMENTED_FORMATS)
    for index, (name, row) in enumerate(examples):
        path = write_jsonl(tmp_path / f"example{index}.jsonl", [row])
        code, out, err = run(capsys, "validate", path)
        assert code == 0, f"docs/data.md example for {name} does not validate: {err}"
        assert f", format {DOCUMENTED_FORMATS[name]}\n" in out, f"docs/data.md example for {name}: {out}"


# ---- conformance: real files from other projects, and every shipped file ----

REPO_ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
LLAMAFACTORY_FILES = {
    "dpo_zh_demo.json": ("preference", "sharegpt"),
    "v1_dpo_demo.jsonl": ("preference", "llamafactory_v1"),
    "kto_en_demo.json": ("kto", "kto"),
}


@pytest.mark.parametrize("name", LLAMAFACTORY_FILES)
def test_llamafactory_demo_files_convert_without_edits(tmp_path, capsys, name):
    path = REPO_ROOT.parent / "shared" / "data" / "llamafactory" / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    kind, fmt = LLAMAFACTORY_FILES[name]
    raw = (
        json.loads(path.read_text(encoding="utf-8"))
        if path.suffix == ".json"
        else [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    )
    out = tmp_path / "canonical.jsonl"
    code, stdout, err = run(capsys, "convert", str(path), "--out", str(out))
    assert code == 0, err
    assert f"{kind} data, format {fmt}: {len(raw)} rows -> {len(raw)} canonical" in stdout
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["prompt"][-1]["role"] == "user" and first["prompt"][-1]["content"].strip()
    # validation passes; the ShareGPT demo really holds exact duplicate pairs: warnings, or problems under --strict
    code, _, err = run(capsys, "validate", str(path))
    warnings = [line for line in err.splitlines() if line.startswith(str(path) + ":")]
    assert code == 0 and all(": -: warning: duplicate of " in line for line in warnings)
    code, _, err = run(capsys, "validate", "--strict", str(path))
    assert code == (2 if warnings else 0)


def shipped_files() -> list:
    return sorted([*REPO_ROOT.glob("preference_data/**/*.jsonl"), *REPO_ROOT.glob("evals/**/*.jsonl")])


def test_every_shipped_data_file_validates_clean(capsys):
    files = shipped_files()
    assert files, "no shipped data files found"
    code, out, err = run(capsys, "validate", *map(str, files))
    assert code == 0, err
    assert out.count("  clean") == len(files)
