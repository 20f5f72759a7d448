"""Mixing preference sources: column mapping, prompt-grouped split, weights, length filtering,
prompt-only sets and TRL-style unpaired KTO rows."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from transformers import AutoTokenizer

from alignment.config import PreferenceDataConfig, from_dict
from alignment.core.errors import ConfigError, DataError
from alignment.data.mixture import (
    SourceReport,
    apply_weight,
    fit_to_length,
    load_preference_data,
    split_by_prompt,
    token_counts,
)
from alignment.data.preference import PreferencePair, load_kto_examples, load_preference_pairs
from alignment.data.prompts import load_prompts


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def pair(prompt: str, chosen: str = "yes", rejected: str = "no") -> PreferencePair:
    return PreferencePair(
        [{"role": "user", "content": prompt}],
        [{"role": "assistant", "content": chosen}],
        [{"role": "assistant", "content": rejected}],
        None,
        "f:1",
    )


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    return AutoTokenizer.from_pretrained(str(tiny_model_dir))


def test_column_mapping_renames_the_files_columns(tmp_path):
    path = write_jsonl(tmp_path / "mine.jsonl", [{"question": "Hi?", "good": "Hello!", "bad": "Go away.", "id": 7}])
    pairs = load_preference_pairs([path], columns={"prompt": "question", "chosen": "good", "rejected": "bad"})
    assert (pairs[0].prompt, pairs[0].chosen[0]["content"], pairs[0].rejected[0]["content"]) == (
        [{"role": "user", "content": "Hi?"}],
        "Hello!",
        "Go away.",
    )


def test_column_mapping_to_a_missing_column_is_reported_once_per_file(tmp_path):
    path = write_jsonl(tmp_path / "mine.jsonl", [{"question": "a", "good": "b", "bad": "c"}] * 5)
    with pytest.raises(DataError) as error:
        load_preference_pairs([path], columns={"prompt": "query", "chosen": "good", "rejected": "bad"})
    assert error.value.problems == [
        (f"{path}:1", "columns.prompt", "column 'query' not found; the file has: question, good, bad")
    ]


def test_split_holds_out_whole_prompts_deterministically():
    pairs = [pair(f"q{index % 10}", chosen=f"c{index}") for index in range(40)]  # 10 prompts, 4 pairs each
    train, test = split_by_prompt(pairs, 0.2, "42/x")
    assert len(test) == 8 and len(train) == 32
    assert not {p.prompt[0]["content"] for p in train} & {p.prompt[0]["content"] for p in test}
    assert split_by_prompt(pairs, 0.2, "42/x") == (train, test)
    assert split_by_prompt(pairs, 0.2, "43/x") != (train, test)
    assert split_by_prompt(pairs, 0.0, 1) == (pairs, [])


def test_a_small_fraction_still_holds_out_one_prompt_but_never_all():
    pairs = [pair("a"), pair("b")]
    assert [len(part) for part in split_by_prompt(pairs, 0.01, 0)] == [1, 1]
    assert [len(part) for part in split_by_prompt(pairs, 0.99, 0)] == [1, 1]


@pytest.mark.parametrize("weight, size", [(0.0, 0), (0.5, 5), (1.0, 10), (2.0, 20), (2.5, 25), (0.25, 3)])
def test_weight_scales_a_source(weight, size):
    items = list(range(10))
    picked = apply_weight(items, weight, "s")
    assert len(picked) == size
    counts = Counter(picked)
    # every row appears int(weight) times, and the sampled part adds at most one more copy of a row
    assert all(int(weight) <= counts[item] <= int(weight) + 1 for item in items if counts[item] or int(weight))
    assert sum(counts[item] - int(weight) for item in items) == size - 10 * int(weight)
    assert apply_weight(items, weight, "s") == picked


def test_half_a_single_row_rounds_up_not_to_even():
    assert apply_weight(["only"], 0.5, "s") == ["only"]
    assert apply_weight(["only"], 1.5, "s") == ["only", "only"]


def test_drop_mode_drops_over_long_pairs_and_counts_them(tokenizer):
    long = "word " * 200
    pairs = [pair("q"), pair("q", chosen=long), pair("q", rejected=long)]
    report = SourceReport("s")
    limit = token_counts(tokenizer, [pairs[0].prompt + pairs[0].chosen])[0] + 5
    kept = fit_to_length(tokenizer, pairs, limit, "drop", report)
    assert kept == [pairs[0]]
    assert report.dropped == {"over max_length": 2} and report.cut == 0


def lengths(tokenizer, kept: PreferencePair) -> list[int]:
    return token_counts(tokenizer, [kept.prompt + kept.chosen, kept.prompt + kept.rejected])


def test_auto_keeps_every_pair_and_cuts_only_the_reply_when_the_prompt_is_short(tokenizer):
    long = " ".join(f"w{index}" for index in range(300))
    pairs = [pair("q"), pair("q", chosen=long), pair("q", rejected=long)]
    report = SourceReport("s")
    kept = fit_to_length(tokenizer, pairs, 64, "auto", report)
    assert len(kept) == 3 and kept[0] == pairs[0]
    assert all(max(lengths(tokenizer, item)) <= 64 for item in kept)
    assert report.cut == 2 and report.truncated == {"reply cut at the end": 2} and not report.dropped
    # the cut keeps the start of the reply, the other reply and the prompt are untouched
    assert long.startswith(kept[1].chosen[0]["content"]) and kept[1].rejected == pairs[1].rejected
    assert kept[1].prompt == pairs[1].prompt and kept[1].source == pairs[1].source


def test_auto_cuts_a_long_prompt_from_the_left_keeping_its_last_turn(tokenizer):
    turns = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": " ".join(f"old{index}" for index in range(200))},
        {"role": "assistant", "content": "noted"},
        {"role": "user", "content": " ".join(f"new{index}" for index in range(200))},
    ]
    long_pair = PreferencePair(turns, pair("x").chosen, pair("x").rejected, None, "f:2")
    report = SourceReport("s")
    (kept,) = fit_to_length(tokenizer, [long_pair], 96, "auto", report)
    assert max(lengths(tokenizer, kept)) <= 96
    # the system message stays, the earlier turns go, the last question keeps its end
    assert [message["role"] for message in kept.prompt] == ["system", "user"]
    assert kept.prompt[1]["content"].endswith("new199") and "old" not in kept.prompt[1]["content"]
    assert kept.chosen == long_pair.chosen and report.truncated == {"prompt cut from the left": 1}


@pytest.mark.parametrize(
    "mode, kept_count, dropped",
    [
        ("prompt", 1, {"reply alone over max_length": 1}),  # the long reply cannot be kept whole
        ("reply", 2, {}),
        ("drop", 1, {"over max_length": 1}),
    ],
)
def test_each_mode_keeps_what_it_promises(tokenizer, mode, kept_count, dropped):
    long = " ".join(f"w{index}" for index in range(300))
    pairs = [pair("q"), pair("q", chosen=long)]
    report = SourceReport("s")
    kept = fit_to_length(tokenizer, pairs, 64, mode, report)
    assert len(kept) == kept_count and report.dropped == dropped
    assert all(max(lengths(tokenizer, item)) <= 64 for item in kept)


def test_reply_mode_drops_a_pair_whose_prompt_alone_is_too_long(tokenizer):
    pairs = [pair(" ".join(f"w{index}" for index in range(300)))]
    report = SourceReport("s")
    assert fit_to_length(tokenizer, pairs, 64, "reply", report) == []
    assert report.dropped == {"prompt leaves no room for the reply": 1}


def test_duplicates_are_dropped_once_across_sources_and_counted(tmp_path, tokenizer):
    rows = [{"prompt": f"q{index}", "chosen": "good", "rejected": "bad"} for index in range(10)]
    first = write_jsonl(tmp_path / "a.jsonl", rows + rows[:3])
    second = write_jsonl(tmp_path / "b.jsonl", rows[:2] + [{"prompt": "new", "chosen": "good", "rejected": "bad"}])
    config = config_for(tmp_path, [{"files": [first]}, {"files": [second]}], test_fraction=0.0)
    data = load_preference_data(config, tokenizer)
    by_name = {report.name: report for report in data.sources}
    assert (by_name["a"].read, by_name["a"].train, by_name["a"].dropped) == (
        13,
        10,
        {"duplicate of an earlier pair": 3},
    )
    assert (by_name["b"].read, by_name["b"].train, by_name["b"].dropped) == (3, 1, {"duplicate of an earlier pair": 2})
    assert "a: 13 pairs read -> 10 train, 0 test; dropped 3 (3 duplicate of an earlier pair)" in data.summary()
    kept_all = load_preference_data(
        config_for(tmp_path, [{"files": [first]}], test_fraction=0.0, deduplicate=False), tokenizer
    )
    assert len(kept_all.train) == 13


def test_summary_and_error_name_the_cuts_and_the_mode(tmp_path, tokenizer):
    long = " ".join(f"w{index}" for index in range(300))
    path = write_jsonl(tmp_path / "long.jsonl", [{"prompt": "q", "chosen": long, "rejected": "bad"}])
    data = load_preference_data(config_for(tmp_path, [{"files": [path]}], test_fraction=0.0, max_length=64), tokenizer)
    assert "long: 1 pairs read -> 1 train, 0 test; cut 1 to fit max_length (1 reply cut at the end)" in data.summary()
    with pytest.raises(DataError, match="truncation=drop"):
        load_preference_data(
            config_for(tmp_path, [{"files": [path]}], test_fraction=0.0, max_length=64, truncation="drop"), tokenizer
        )


LLAMAFACTORY_ZH = Path(__file__).resolve().parents[2] / "shared" / "data" / "llamafactory" / "dpo_zh_demo.json"


@pytest.mark.skipif(not LLAMAFACTORY_ZH.is_file(), reason="needs ../shared/data/llamafactory (conformance data)")
def test_a_long_answer_public_file_keeps_every_distinct_pair_under_the_default(tmp_path, tokenizer):
    """LLaMA-Factory's dpo_zh_demo.json (300 pairs, long Chinese answers: a few hundred to over a
    thousand tokens each under the tiny byte-level tokenizer): at 256 tokens the default keeps every
    pair that is not a duplicate, all within the limit; dropping instead loses most of them."""
    sources = [{"files": [str(LLAMAFACTORY_ZH)], "name": "zh"}]
    data = load_preference_data(config_for(tmp_path, sources, max_length=256), tokenizer)
    (report,) = data.sources
    duplicates = report.dropped.get("duplicate of an earlier pair", 0)
    assert report.read == 300 and report.dropped == {"duplicate of an earlier pair": duplicates}
    assert len(data.train) + len(data.test) == 300 - duplicates and report.cut > 100
    assert all(max(lengths(tokenizer, item)) <= 256 for item in data.train + data.test)
    dropped = load_preference_data(config_for(tmp_path, sources, max_length=256, truncation="drop"), tokenizer)
    assert len(dropped.train) + len(dropped.test) < (300 - duplicates) / 2


def test_token_counts_use_the_chat_template(tokenizer):
    chat = [{"role": "user", "content": "hello"}]
    rendered = tokenizer.apply_chat_template(chat, tokenize=False)
    assert token_counts(tokenizer, [chat]) == [len(tokenizer(rendered, add_special_tokens=False)["input_ids"])]
    assert len(rendered) > len("hello")


def config_for(tmp_path, sources, **extra) -> PreferenceDataConfig:
    return from_dict(PreferenceDataConfig, {"sources": sources, **extra})


def test_sources_are_tagged_split_and_weighted(tmp_path, tokenizer):
    first = write_jsonl(
        tmp_path / "helpful.jsonl",  # a source without a name is named after its first file
        [{"prompt": f"h{index}", "chosen": "good", "rejected": "bad"} for index in range(20)],
    )
    second = write_jsonl(
        tmp_path / "s.jsonl",
        [{"prompt": f"s{index}", "responses": ["a", "b", "c"], "ranks": [1, 2, 3]} for index in range(10)],
    )
    config = config_for(
        tmp_path, [{"files": [first]}, {"files": [second], "name": "ranked", "weight": 2}], test_fraction=0.1
    )
    data = load_preference_data(config, tokenizer)
    by_name = {report.name: report for report in data.sources}
    assert (by_name["helpful"].read, by_name["helpful"].train, by_name["helpful"].test) == (20, 18, 2)
    assert (by_name["ranked"].read, by_name["ranked"].train, by_name["ranked"].test) == (20, 36, 2)
    assert not by_name["helpful"].dropped and not by_name["ranked"].dropped
    assert Counter(p.subset for p in data.test) == {"helpful": 2, "ranked": 2}
    assert "helpful: 20 pairs read -> 18 train, 2 test" in data.summary()


def test_problems_from_every_source_are_raised_together(tmp_path, tokenizer):
    first = write_jsonl(tmp_path / "a.jsonl", [{"prompt": "q", "chosen": "", "rejected": "x"}])
    second = write_jsonl(tmp_path / "b.jsonl", [{"prompt": "q", "chosen": "x", "rejected": "x"}])
    with pytest.raises(DataError) as error:
        load_preference_data(config_for(tmp_path, [{"files": [first]}, {"files": [second]}]), tokenizer)
    assert [problem[0] for problem in error.value.problems] == [f"{first}:1", f"{second}:1"]


def test_filtering_every_pair_out_is_an_error(tmp_path, tokenizer):
    path = write_jsonl(tmp_path / "a.jsonl", [{"prompt": "q " * 50, "chosen": "x", "rejected": "y"}] * 3)
    with pytest.raises(DataError, match="no training pairs left after filtering"):
        load_preference_data(config_for(tmp_path, [{"files": [path]}], max_length=8), tokenizer)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"sources": []}, "data.sources is empty"),
        ({"sources": [{"files": []}]}, r"sources\[0\] has no files and no hub dataset"),
        ({"sources": [{"files": ["a.jsonl"], "subset": "x"}]}, r"subset and revision apply to a hub dataset"),
        ({"sources": [{"files": ["a"], "weight": -1}]}, "weight must be a finite number >= 0"),
        ({"sources": [{"files": ["a"], "weight": float("nan")}]}, r"sources\[0\].weight: must be a finite number"),
        ({"sources": [{"files": ["a"], "weight": float("inf")}]}, r"sources\[0\].weight: must be a finite number"),
        ({"sources": [{"files": ["a"], "weight": 0}]}, "every data source has weight 0"),
        ({"sources": [{"files": ["a"], "name": "x"}, {"files": ["b"], "name": "x"}]}, "used twice"),
        ({"sources": [{"files": ["a"]}], "test_fraction": 1.0}, "test_fraction must be in"),
    ],
)
def test_bad_mixture_settings_are_config_errors(tokenizer, bad, message):
    with pytest.raises(ConfigError, match=message):
        load_preference_data(from_dict(PreferenceDataConfig, bad), tokenizer)


def test_prompt_sets_take_prompts_from_every_shape(tmp_path):
    path = write_jsonl(
        tmp_path / "p.jsonl",
        [
            {"prompt": "plain"},
            {"prompt": [{"role": "system", "content": "s"}, {"role": "user", "content": "chat"}]},
            {"messages": [{"role": "user", "content": "sft"}, {"role": "assistant", "content": "reply"}]},
        ],
    )
    alpaca = write_jsonl(tmp_path / "a.jsonl", [{"instruction": "Do it", "input": "now"}])
    prompts = load_prompts([path, alpaca])
    assert [p.prompt[-1]["content"] for p in prompts] == ["plain", "chat", "sft", "Do it\n\nnow"]
    assert prompts[1].prompt[0] == {"role": "system", "content": "s"}


def test_prompts_come_from_preference_pairs_of_any_format_and_from_sharegpt_chats(tmp_path):
    turn = lambda role, text: {"from": role, "value": text}  # noqa: E731
    rows = [
        {
            "chosen": "\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Help?\n\nAssistant: Sure.",
            "rejected": "\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Help?\n\nAssistant: No.",
            "kind": "hh",
        },
        {
            "conversations": [turn("human", "Capital of France?")],
            "chosen": turn("gpt", "Paris."),
            "rejected": turn("gpt", "Lyon."),
        },
        {
            "chosen": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}],
            "rejected": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "5"}],
        },
        {
            "conversations": [
                turn("human", "Tell a joke"),
                turn("gpt", "Why did..."),
                turn("human", "Another"),
                turn("gpt", "OK"),
            ],
            "id": 9,
        },
    ]
    prompts = load_prompts([write_jsonl(tmp_path / "mixed.jsonl", rows)])
    assert [[m["content"] for m in p.prompt] for p in prompts] == [
        ["Hi", "Hello!", "Help?"],
        ["Capital of France?"],
        ["2+2?"],
        ["Tell a joke", "Why did...", "Another"],
    ]
    assert prompts[0].references == {"chosen": "Sure.", "rejected": "No."} and prompts[0].metadata == {"kind": "hh"}
    assert prompts[1].references == {"chosen": "Paris.", "rejected": "Lyon."} and prompts[3].metadata == {"id": 9}


def test_prompt_rows_keep_their_other_scalar_fields_as_metadata(tmp_path):
    path = write_jsonl(
        tmp_path / "p.jsonl",
        [
            {
                "prompt": [{"role": "user", "content": "q"}],
                "kind": "harmful",
                "category": "fraud",
                "id": 3,
                "tags": ["x"],
                "extra": {"a": 1},
            },
            {"instruction": "Do it", "input": "now", "system": "s"},
        ],
    )
    first, second = load_prompts([path])
    assert first.metadata == {"kind": "harmful", "category": "fraud", "id": 3}  # lists and dicts left out
    assert second.metadata == {}  # the alpaca fields are the prompt, not metadata


def test_bad_prompt_rows_are_reported(tmp_path):
    path = write_jsonl(
        tmp_path / "p.jsonl", [{"text": "x"}, {"prompt": ""}, {"prompt": [{"role": "assistant", "content": "a"}]}]
    )
    with pytest.raises(DataError) as error:
        load_prompts([path])
    assert [problem[:2] for problem in error.value.problems] == [
        (f"{path}:1", "-"),
        (f"{path}:2", "prompt"),
        (f"{path}:3", "prompt[0].role"),
    ]


def test_trl_style_unpaired_rows_load_as_kto(tmp_path):
    path = write_jsonl(
        tmp_path / "k.jsonl",
        [{"prompt": "q", "completion": "good", "label": True}, {"prompt": "q", "completion": "bad", "label": False}],
    )
    examples = load_kto_examples([path])
    assert [(e.prompt[0]["content"], e.completion[0]["content"], e.label) for e in examples] == [
        ("q", "good", True),
        ("q", "bad", False),
    ]


def test_sft_rows_take_a_column_mapping_too(tmp_path):
    from alignment.data.sft import load_sft_examples

    path = write_jsonl(tmp_path / "qa.jsonl", [{"question": "Hi?", "answer": "Hello."}])
    examples = load_sft_examples([path], columns={"prompt": "question", "completion": "answer"})
    assert examples[0].messages == [{"role": "user", "content": "Hi?"}, {"role": "assistant", "content": "Hello."}]


def test_a_prompt_held_out_by_one_source_is_not_trained_on_through_another(tmp_path, tokenizer):
    rows = [{"prompt": f"Q{index}", "chosen": "good", "rejected": "bad"} for index in range(10)]
    first = write_jsonl(tmp_path / "a.jsonl", rows)
    second = write_jsonl(tmp_path / "b.jsonl", [{**row, "chosen": "also good"} for row in rows])
    data = load_preference_data(
        config_for(tmp_path, [{"files": [first]}, {"files": [second]}], test_fraction=0.3), tokenizer
    )
    train_prompts = {p.prompt[0]["content"] for p in data.train}
    test_prompts = {p.prompt[0]["content"] for p in data.test}
    assert test_prompts and not train_prompts & test_prompts
    assert len(train_prompts | test_prompts) == 10
    dropped = sum(report.dropped["prompt held out by another source"] for report in data.sources)
    assert dropped == sum(report.read - report.train - report.test for report in data.sources) > 0


def test_weighted_copies_are_not_counted_as_dropped(tmp_path, tokenizer):
    rows = [{"prompt": f"Q{index}", "chosen": "x" if index else "word " * 300, "rejected": "y"} for index in range(10)]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    data = load_preference_data(
        config_for(tmp_path, [{"files": [path], "weight": 3}], test_fraction=0.0, max_length=64, truncation="drop"),
        tokenizer,
    )
    assert data.sources[0].dropped == {"over max_length": 1}
    assert data.sources[0].train == 27


def test_a_system_message_that_leaves_no_room_goes_before_the_question_is_lost(tokenizer):
    prompt = [
        {"role": "system", "content": " ".join(f"rule{index}" for index in range(200))},
        {"role": "user", "content": "Short question?"},
    ]
    long_pair = PreferencePair(prompt, pair("x").chosen, pair("x").rejected, None, "f:1")
    report = SourceReport("s")
    (kept,) = fit_to_length(tokenizer, [long_pair], 96, "auto", report)
    assert kept.prompt == [prompt[1]] and max(lengths(tokenizer, kept)) <= 96
    assert report.truncated == {"prompt cut from the left": 1}


def dataset_repository(root) -> str:
    """A local dataset repository as it sits on the hub: data files under two subsets, each with a
    train and a test split, declared in the dataset card, loaded the way a hub name is."""
    root.mkdir()
    card = ["---", "configs:"]
    for subset in ("harmless", "helpful"):
        card += [f"- config_name: {subset}", "  data_files:"]
        for split, count in (("train", 4), ("test", 2)):
            rows = [{"prompt": f"{subset} {split} {i}?", "chosen": "good", "rejected": "bad"} for i in range(count)]
            write_jsonl(root / f"{subset}-{split}.jsonl", rows)
            card += [f"  - split: {split}", f"    path: {subset}-{split}.jsonl"]
    (root / "README.md").write_text("\n".join([*card, "---", "# A test dataset"]) + "\n")
    return str(root)


@pytest.fixture
def datasets_cache(tmp_path, monkeypatch):
    import datasets

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf-datasets-cache")


def test_a_hub_source_reads_a_subset_and_split_like_a_hub_name(tmp_path, tokenizer, datasets_cache):
    repository = dataset_repository(tmp_path / "repo")
    config = config_for(tmp_path, [{"hub": repository, "subset": "helpful", "split": "test"}], test_fraction=0.0)
    data = load_preference_data(config, tokenizer)
    assert [pair.prompt[0]["content"] for pair in data.train] == ["helpful test 0?", "helpful test 1?"]
    assert data.sources[0].name == "repo-helpful"
    assert data.train[0].source == f"{repository}/helpful[test]:row 1"


def test_a_missing_split_names_the_splits_there_are(tmp_path, tokenizer, datasets_cache):
    repository = dataset_repository(tmp_path / "repo")
    config = config_for(tmp_path, [{"hub": repository, "subset": "harmless", "split": "validation"}])
    with pytest.raises(DataError) as error:
        load_preference_data(config, tokenizer)
    assert "no split 'validation' in" in str(error.value) and "'train', 'test'" in str(error.value)


def test_a_hub_name_offline_is_one_clear_error(tmp_path, tokenizer, datasets_cache, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    config = config_for(tmp_path, [{"hub": "Anthropic/hh-rlhf", "subset": "harmless-base"}])
    with pytest.raises(DataError) as error:
        load_preference_data(config, tokenizer)
    (problem,) = error.value.problems
    assert problem[0] == "hub:Anthropic/hh-rlhf?subset=harmless-base" and problem[1] == "hub"
    assert "the Hugging Face Hub is not reachable" in problem[2] and "save_to_disk(DIR)" in problem[2]
