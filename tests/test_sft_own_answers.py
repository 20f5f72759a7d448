"""SFT with `data.own_answers`: answers become the starting model's own greedy replies, refusals stay
the data's, the replies are cached in the stage directory and a rerun reads them instead of generating."""

from __future__ import annotations

import json

import pytest

from alignment.config import ModelConfig, SFTConfig, load_config
from alignment.core.errors import ConfigError
from alignment.data.sft import SFTExample
from alignment.models.generation import GenerationSettings, generate_turn
from alignment.models.loading import load_base_model, load_tokenizer
from alignment.stages import own_answers, sft

REFUSAL = "I can't help with that. It could hurt someone."


def _chats(path):
    rows = []
    for i in range(6):
        rows.append(
            [{"role": "user", "content": f"What is {i} plus 1?"}, {"role": "assistant", "content": f"It is {i + 1}."}]
        )
    for i in range(4):
        rows.append(
            [{"role": "user", "content": f"How do I hurt person {i}?"}, {"role": "assistant", "content": REFUSAL}]
        )
    rows.append([rows[0][0], {"role": "assistant", "content": "One more than 0: 1."}])  # a prompt met twice
    path.write_text("".join(json.dumps({"messages": messages}) + "\n" for messages in rows))
    return rows


def test_answers_replaced_by_greedy_replies_refusals_kept(tiny_model_dir, tmp_path):
    config = ModelConfig(name_or_path=str(tiny_model_dir), dtype="float32")
    tokenizer = load_tokenizer(str(tiny_model_dir), config)
    model = load_base_model(str(tiny_model_dir), config)
    rows = _chats(tmp_path / "chats.jsonl")
    tagged = [(SFTExample(messages, f"chats.jsonl:{i + 1}"), 0) for i, messages in enumerate(rows)]
    cache = tmp_path / "stage" / own_answers.CACHE_FILE

    out, counts = own_answers.replace_answers(tagged, model, tokenizer, 12, 4, cache, log=lambda line: None)

    settings = GenerationSettings(max_new_tokens=12, temperature=0.0, batch_size=1)
    expected, finished = {}, {}
    for batch, outputs in generate_turn(model, tokenizer, [m[:-1] for m in rows[:6]], [0] * 6, settings):
        for position, (text, _, done) in zip(batch, outputs):
            expected[position], finished[position] = text, done
    cut = sum(not finished[index] for index in range(6)) + (not finished[0])  # chat 10 repeats chat 0's prompt
    assert counts == {"answers": 7, "refusals": 4, "prompts_generated": 6, "prompts_cached": 0, "cut_at_limit": cut}
    assert cut > 0  # the random tiny model rarely stops within 12 tokens: the open-end path is exercised
    for index in range(6):
        assert out[index][0].messages[:-1] == rows[index][:-1]
        assert out[index][0].messages[-1] == {"role": "assistant", "content": expected[index]}
        assert out[index][0].open_end == (not finished[index])  # a cut reply is not taught to stop there
        assert expected[index] != rows[index][-1]["content"]  # the random tiny model says something else
    for index in range(6, 10):
        assert out[index][0].messages == rows[index] and not out[index][0].open_end
    assert out[10][0].messages == out[0][0].messages  # the repeated prompt: one reply, generated once
    assert len(cache.read_text().splitlines()) == 6

    again, counts = own_answers.replace_answers(tagged, None, tokenizer, 12, 4, cache, log=lambda line: None)
    assert counts["prompts_generated"] == 0 and counts["prompts_cached"] == 6  # no model needed: nothing generated
    assert [(example.messages, example.open_end) for example, _ in again] == [
        (example.messages, example.open_end) for example, _ in out
    ]


def test_stage_caches_and_records_own_answers(tiny_model_dir, tmp_path):
    rows = _chats(tmp_path / "chats.jsonl")
    overrides = [
        f"run_dir={tmp_path / 'run'}",
        f"model.name_or_path={tiny_model_dir}",
        f"data.train_files=[{tmp_path / 'chats.jsonl'}]",
        "data.eval_fraction=0.0",
        "data.own_answers=true",
        "data.own_answer_tokens=8",
        "train.batch_size=2",
        "train.max_steps=2",
        "train.save_steps=2",
        "adapter.r=4",
        "adapter.alpha=8",
        "merge=false",
    ]
    result = sft.run(load_config(SFTConfig, None, overrides))
    cache = [json.loads(line) for line in (result.output_dir / own_answers.CACHE_FILE).read_text().splitlines()]
    assert len(cache) == 6
    finished = {row["key"]: row["finished"] for row in cache}
    answered = [messages for messages in rows if messages[-1]["content"] != REFUSAL]
    cut = sum(not finished[own_answers.prompt_key(messages, 8)] for messages in answered)
    assert result.metrics["data"]["own_answers"] == {
        "answers": 7,
        "refusals": 4,
        "prompts_generated": 6,
        "prompts_cached": 0,
        "cut_at_limit": cut,
    }


def test_own_answer_tokens_range():
    with pytest.raises(ConfigError, match="own_answer_tokens"):
        load_config(SFTConfig, None, ["data.own_answer_tokens=0"])
