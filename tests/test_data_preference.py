"""Preference data layer: every format loads to the same canonical pairs with their `file:line`,
ranked rows expand to the right pairs and margins, bad data fails with one exact message, and
LLaMA-Factory's own demo files load without hand edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alignment.core.errors import ConfigError, DataError
from alignment.data.preference import (
    PREFERENCE_FORMATS,
    KTOExample,
    PreferencePair,
    detect_preference_format,
    load_kto_examples,
    load_preference_pairs,
)
from alignment.data.ranking import preferred_pairs

LLAMAFACTORY = Path(__file__).resolve().parents[2] / "shared" / "data" / "llamafactory"

SYSTEM = {"role": "system", "content": "Be brief."}
USER = {"role": "user", "content": "Name a colour."}
PROMPT = [USER]
CHOSEN = [{"role": "assistant", "content": "Blue."}]
REJECTED = [{"role": "assistant", "content": "I like cars."}]
MULTI_TURN = [SYSTEM, USER, {"role": "assistant", "content": "Which kind?"}, {"role": "user", "content": "Any."}]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def pair(prompt, chosen, rejected, margin, source):
    return PreferencePair(
        prompt=prompt,
        chosen=[{"role": "assistant", "content": chosen}],
        rejected=[{"role": "assistant", "content": rejected}],
        margin=margin,
        source=source,
    )


# ---- each format: one row, the exact canonical pair(s) ----

FORMAT_CASES = {
    "trl_standard": (
        "trl",
        {"prompt": "Name a colour.", "chosen": "Blue.", "rejected": "I like cars."},
        [(PROMPT, "Blue.", "I like cars.", None)],
    ),
    "trl_conversational": (
        "trl",
        {"prompt": MULTI_TURN, "chosen": CHOSEN, "rejected": REJECTED},
        [(MULTI_TURN, "Blue.", "I like cars.", None)],
    ),
    "trl_implicit_prompt": (
        "trl",
        {"chosen": MULTI_TURN + CHOSEN, "rejected": MULTI_TURN + REJECTED},
        [(MULTI_TURN, "Blue.", "I like cars.", None)],
    ),
    "hh_rlhf": (
        "hh_rlhf",
        {
            "chosen": "\n\nHuman: Hi\n\nAssistant: Which kind?\n\nHuman: Name a colour.\n\nAssistant: Blue.",
            "rejected": "\n\nHuman: Hi\n\nAssistant: Which kind?\n\nHuman: Name a colour.\n\nAssistant: I like cars.",
        },
        [
            (
                [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Which kind?"}, USER],
                "Blue.",
                "I like cars.",
                None,
            )
        ],
    ),
    "sharegpt": (
        "sharegpt",
        {
            "system": "Be brief.",
            "conversations": [{"from": "human", "value": "Name a colour."}],
            "chosen": {"from": "gpt", "value": "Blue."},
            "rejected": {"from": "gpt", "value": "I like cars."},
        },
        [([SYSTEM, USER], "Blue.", "I like cars.", None)],
    ),
    "llamafactory_v1": (
        "llamafactory_v1",
        {
            "chosen_messages": [
                {"role": "system", "content": [{"type": "text", "value": "Be brief."}], "loss_weight": 0.0},
                {"role": "user", "content": [{"type": "text", "value": "Name a"}, {"type": "text", "text": "colour."}]},
                {"role": "assistant", "content": [{"type": "text", "value": "Blue."}], "loss_weight": 1.0},
            ],
            "rejected_messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Name a\ncolour."},
                {"role": "assistant", "content": "I like cars."},
            ],
        },
        [([SYSTEM, {"role": "user", "content": "Name a\ncolour."}], "Blue.", "I like cars.", None)],
    ),
    "ranked_ranks": (
        "ranked",
        {"prompt": "Name a colour.", "responses": ["I like cars.", "Blue.", "Blue!"], "ranks": [3, 1, 2]},
        [(PROMPT, "Blue.", "Blue!", 1.0), (PROMPT, "Blue.", "I like cars.", 2.0)],
    ),
    "ranked_scores": (
        "ranked",
        {"prompt": PROMPT, "responses": ["Blue.", "I like cars."], "scores": [0.5, -1.25]},
        [(PROMPT, "Blue.", "I like cars.", 1.75)],
    ),
    "ultrafeedback": (
        "ultrafeedback",
        {
            "prompt": "Name a colour.",
            "completions": [
                {"response": "I like cars.", "overall_score": 2},
                {"response": "Blue.", "overall_score": 4.5, "model": "x"},
            ],
        },
        [(PROMPT, "Blue.", "I like cars.", 2.5)],
    ),
    "ultrafeedback_openbmb_keys": (
        "ultrafeedback",
        {
            "instruction": "Name a colour.",
            "completions": [{"response": "Blue.", "rating": 5}, {"response": "I like cars.", "score": 1}],
        },
        [(PROMPT, "Blue.", "I like cars.", 4.0)],
    ),
    "alpaca_pairwise": (
        "alpaca",
        {"instruction": "Name a colour.", "input": "", "chosen": "Blue.", "rejected": "I like cars."},
        [(PROMPT, "Blue.", "I like cars.", None)],
    ),
    "alpaca_ranked_output": (
        "alpaca",
        {"system": "Be brief.", "instruction": "Name a", "input": "colour.", "output": ["Blue.", "I like cars."]},
        [([SYSTEM, {"role": "user", "content": "Name a\n\ncolour."}], "Blue.", "I like cars.", 1.0)],
    ),
}


@pytest.mark.parametrize("case", FORMAT_CASES)
def test_each_format_loads_to_the_exact_canonical_pairs(tmp_path, case):
    fmt, row, expected = FORMAT_CASES[case]
    assert detect_preference_format(row) == fmt
    path = write_jsonl(
        tmp_path / "data.jsonl",
        [{"prompt": "Say hi.", "chosen": "Hi.", "rejected": "No."}, row] if fmt == "trl" else [row, row],
    )
    pairs = load_preference_pairs([path])
    if fmt == "trl":
        assert pairs[0] == pair([{"role": "user", "content": "Say hi."}], "Hi.", "No.", None, f"{path}:1")
        pairs = pairs[1:]
    else:  # the second copy comes from line 2
        assert [p.source for p in pairs] == [f"{path}:1"] * len(expected) + [f"{path}:2"] * len(expected)
        pairs = pairs[: len(expected)]
    line = 2 if fmt == "trl" else 1
    assert pairs == [pair(*item, f"{path}:{line}") for item in expected]
    assert load_preference_pairs([path], fmt=fmt)[-len(expected) :] == [pair(*item, f"{path}:2") for item in expected]


def test_kto_rows_load_as_unpaired_examples(tmp_path):
    rows = [{"messages": MULTI_TURN + CHOSEN, "label": True}, {"messages": [USER] + REJECTED, "label": False}]
    path = write_jsonl(tmp_path / "kto.jsonl", rows)
    assert detect_preference_format(rows[0]) == "kto"
    assert load_kto_examples([path]) == [
        KTOExample(MULTI_TURN, CHOSEN, True, f"{path}:1"),
        KTOExample(PROMPT, REJECTED, False, f"{path}:2"),
    ]


def test_every_format_is_covered_by_a_test():
    assert {fmt for fmt, _, _ in FORMAT_CASES.values()} | {"kto"} == set(PREFERENCE_FORMATS)


# ---- ranked expansion ----


@pytest.mark.parametrize(
    "ranks, ranking, count",
    [
        ([4, 2, 1, 3], "best_vs_rest", 3),
        ([4, 2, 1, 3], "all_pairs", 6),
        ([1, 2, 2, 3], "all_pairs", 5),
        ([1, 2, 2, 3], "best_vs_rest", 3),
    ],
)
def test_ranked_expansion_counts(tmp_path, ranks, ranking, count):
    row = {"prompt": "Q?", "responses": ["a", "b", "c", "d"], "ranks": ranks}
    pairs = load_preference_pairs([write_jsonl(tmp_path / "r.jsonl", [row])], ranking=ranking)
    assert len(pairs) == count
    rank_of = dict(zip(row["responses"], ranks))
    for item in pairs:  # the margin is the rank gap, chosen always strictly better
        assert item.margin == rank_of[item.rejected[0]["content"]] - rank_of[item.chosen[0]["content"]] > 0


def test_all_pairs_order_and_tied_items_never_paired():
    assert preferred_pairs([-1, -2, -2, -3], "all_pairs") == [
        (0, 1, 1.0),
        (0, 2, 1.0),
        (0, 3, 2.0),
        (1, 3, 1.0),
        (2, 3, 1.0),
    ]
    assert preferred_pairs([5.0, 5.0, 1.0], "best_vs_rest") == [(0, 2, 4.0)]


def test_min_score_gap_drops_close_pairs(tmp_path):
    row = {"prompt": "Q?", "completions": [{"response": r, "score": s} for r, s in (("a", 9), ("b", 8.5), ("c", 6))]}
    path = write_jsonl(tmp_path / "uf.jsonl", [row])
    everything = load_preference_pairs([path], ranking="all_pairs")
    assert [(p.chosen[0]["content"], p.rejected[0]["content"], p.margin) for p in everything] == [
        ("a", "b", 0.5),
        ("a", "c", 3.0),
        ("b", "c", 2.5),
    ]
    kept = load_preference_pairs([path], ranking="all_pairs", min_score_gap=1.0)
    assert [(p.chosen[0]["content"], p.rejected[0]["content"]) for p in kept] == [("a", "c"), ("b", "c")]
    with pytest.raises(DataError) as err:  # a gap that drops every pair would train on nothing
        load_preference_pairs([path], min_score_gap=5)
    assert str(err.value) == f"{path}:1: -: min_score_gap=5 dropped every pair; lower it or check the scores"


def test_bad_options_are_config_errors(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"prompt": "Q", "chosen": "a", "rejected": "b"}])
    for kwargs in ({"fmt": "kto"}, {"fmt": "dpo"}, {"ranking": "pairwise"}, {"min_score_gap": -1}):
        with pytest.raises(ConfigError):
            load_preference_pairs([path], **kwargs)


# ---- bad input: one exact message ----

BAD_ROWS = {
    "chosen_equals_rejected": (
        [{"prompt": "Q", "chosen": "Same.", "rejected": "Same."}],
        "{p}:1: chosen: identical to rejected; nothing to learn",
    ),
    "implicit_identical": (
        [{"chosen": PROMPT + CHOSEN, "rejected": PROMPT + CHOSEN}],
        "{p}:1: chosen: identical to rejected; nothing to learn",
    ),
    "hh_no_assistant": (
        [{"chosen": "\n\nHuman: Hi\n\nAssistant: Hello", "rejected": "\n\nHuman: Hi there"}],
        "{p}:1: rejected: transcript has no 'Assistant:' turn; expected '\\n\\nHuman: ...\\n\\nAssistant: ...'",
    ),
    "ranked_all_tied": (
        [{"prompt": "Q", "responses": ["a", "b", "c"], "ranks": [2, 2, 2]}],
        "{p}:1: ranks: all responses are tied; nothing to prefer",
    ),
    "ranks_length": (
        [{"prompt": "Q", "responses": ["a", "b", "c"], "ranks": [1, 2]}],
        "{p}:1: ranks: 2 values for 3 responses; need one per response",
    ),
    "non_numeric_score": (
        [{"prompt": "Q", "responses": ["a", "b"], "scores": [1, "high"]}],
        "{p}:1: scores[1]: wrong type: expected a number, got str",
    ),
    "missing_field": (
        [{"prompt": "Q", "chosen": "a", "rejected": "b"}, {"chosen": "a", "rejected": "b"}],
        "{p}:2: prompt: missing field",
    ),
    "wrong_type": (
        [{"prompt": "Q", "chosen": 5, "rejected": "b"}],
        "{p}:1: chosen: wrong type: expected a string or a list of messages, got int",
    ),
    "empty_string": ([{"prompt": "Q", "chosen": "  ", "rejected": "b"}], "{p}:1: chosen: empty string"),
    "unknown_role": (
        [{"prompt": [{"role": "bot", "content": "Q"}], "chosen": "a", "rejected": "b"}],
        "{p}:1: prompt[0].role: unknown role 'bot'; expected system, user or assistant",
    ),
    "prompt_not_ending_with_user": (
        [{"prompt": PROMPT + CHOSEN, "chosen": "a", "rejected": "b"}],
        "{p}:1: prompt: last message is from 'assistant'; the prompt must end with a user turn",
    ),
    "implicit_differs_early": (
        [{"chosen": MULTI_TURN + CHOSEN, "rejected": [SYSTEM, USER, *REJECTED, USER, *CHOSEN]}],
        "{p}:1: rejected[2]: differs from chosen[2]; only the final assistant reply may differ",
    ),
    "formats_mixed": (
        [
            {"prompt": "Q", "chosen": "a", "rejected": "b"},
            {
                "conversations": [{"from": "human", "value": "Q"}],
                "chosen": {"from": "gpt", "value": "a"},
                "rejected": {"from": "gpt", "value": "b"},
            },
        ],
        "{p}:2: -: row looks like 'sharegpt' but the file started as 'trl'; one format per file",
    ),
    "kto_given_to_pairs": (
        [{"messages": PROMPT + CHOSEN, "label": True}],
        "{p}:1: -: this file is unpaired KTO data (messages + label), not preference pairs; "
        "train on it with the KTO stage (data.unpaired_files; CLI: --kind kto)",
    ),
    "sharegpt_reply_from_human": (
        [
            {
                "conversations": [{"from": "human", "value": "Q"}],
                "chosen": {"from": "human", "value": "a"},
                "rejected": {"from": "gpt", "value": "b"},
            }
        ],
        "{p}:1: chosen.from: expected the assistant ('gpt'), got 'human'",
    ),
    "ultrafeedback_missing_score": (
        [{"prompt": "Q", "completions": [{"response": "a", "score": 1}, {"response": "b"}]}],
        "{p}:1: completions[1].score: missing field; expected score, overall_score or rating",
    ),
    "alpaca_one_output": (
        [{"instruction": "Q", "output": ["only"]}],
        "{p}:1: output: need at least 2 responses to compare, got 1",
    ),
    "v1_image_part": (
        [
            {
                "chosen_messages": [{"role": "user", "content": [{"type": "image", "value": "x.png"}]}],
                "rejected_messages": [],
            }
        ],
        "{p}:1: chosen_messages[0].content[0]: unsupported content part 'image'; only 'text' parts are "
        "supported\n{p}:1: rejected_messages: empty list",
    ),
    "ranked_duplicate_response": (
        [{"prompt": "Q", "responses": ["a", "a"], "scores": [2, 1]}],
        "{p}:1: responses[1]: identical to responses[0] but ranked lower; nothing to learn",
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS)
def test_bad_rows_fail_with_one_exact_message(tmp_path, case):
    rows, message = BAD_ROWS[case]
    path = write_jsonl(tmp_path / "bad.jsonl", rows)
    with pytest.raises(DataError) as err:
        load_preference_pairs([path])
    assert str(err.value) == message.format(p=path)


def test_malformed_json_line_empty_file_and_bad_bytes(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"prompt": "Q", "chosen": "a", "rejected": "b"}\n{"prompt": "Q",\n', encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"prompt": "caf\xe9", "chosen": "a", "rejected": "b"}\n')
    with pytest.raises(DataError) as err:
        load_preference_pairs([str(broken), str(empty), str(latin)])
    assert str(err.value) == (
        f"{broken}:2: -: invalid JSON: Expecting property name enclosed in double quotes (column 16)\n"
        f"{empty}:0: -: file has no rows\n"
        f"{latin}:1: -: not valid UTF-8 (byte 0xe9 at column 16); re-save the file as UTF-8"
    )


def test_kto_loader_rejects_pairs_and_bad_labels(tmp_path):
    pairs = write_jsonl(tmp_path / "pairs.jsonl", [{"prompt": "Q", "chosen": "a", "rejected": "b"}])
    labels = write_jsonl(
        tmp_path / "labels.jsonl", [{"messages": PROMPT + CHOSEN, "label": "yes"}, {"messages": PROMPT, "label": True}]
    )
    with pytest.raises(DataError) as err:
        load_kto_examples([pairs, labels])
    assert str(err.value) == (
        f"{pairs}:1: -: row looks like 'trl' preference data, not KTO (messages + label); use it as "
        "preference data (CLI: --kind preference)\n"
        f"{labels}:1: label: wrong type: expected true or false, got str\n"
        f"{labels}:2: messages: last message is from 'user'; the conversation must end with an assistant reply"
    )


# ---- conformance: LLaMA-Factory's own demo files, loaded as shipped ----


def _demo(name: str) -> Path:
    if not LLAMAFACTORY.is_dir():
        pytest.skip(f"no LLaMA-Factory demo data at {LLAMAFACTORY}")
    return LLAMAFACTORY / name


def test_llamafactory_sharegpt_dpo_demo_loads():
    path = _demo("dpo_zh_demo.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    pairs = load_preference_pairs([str(path)])
    assert len(pairs) == len(raw) and len(raw) > 0
    with_system = next(i for i, row in enumerate(raw) if row["conversations"][0]["from"] == "system")
    for index in (0, with_system):
        row, item = raw[index], pairs[index]
        assert [m["content"] for m in item.prompt] == [turn["value"] for turn in row["conversations"]]
        assert item.chosen[0]["content"] == row["chosen"]["value"]
        assert item.rejected[0]["content"] == row["rejected"]["value"]
    assert pairs[with_system].prompt[0]["role"] == "system"


def test_llamafactory_v1_dpo_demo_loads():
    path = _demo("v1_dpo_demo.jsonl")
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = load_preference_pairs([str(path)])
    assert len(pairs) == len(raw) and len(raw) > 0
    first = raw[0]
    assert pairs[0].source == f"{path}:1"
    assert pairs[0].prompt == [
        {"role": m["role"], "content": m["content"][0]["value"]} for m in first["chosen_messages"][:-1]
    ]
    assert pairs[0].chosen[0]["content"] == first["chosen_messages"][-1]["content"][0]["value"]
    assert pairs[0].rejected[0]["content"] == first["rejected_messages"][-1]["content"][0]["value"]


def test_llamafactory_kto_demo_loads():
    path = _demo("kto_en_demo.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    examples = load_kto_examples([str(path)])
    assert len(examples) == len(raw) and len(raw) > 0
    assert sum(e.label for e in examples) == sum(row["label"] for row in raw)
    longest = max(range(len(raw)), key=lambda i: len(raw[i]["messages"]))
    assert examples[longest].prompt + examples[longest].completion == [
        {"role": m["role"], "content": m["content"]} for m in raw[longest]["messages"]
    ]
    assert examples[longest].label is raw[longest]["label"]
    with pytest.raises(DataError, match="unpaired KTO data"):
        load_preference_pairs([str(path)])
