"""Only assistant tokens carry loss: no prompt, system or template token ever gets a label."""

from __future__ import annotations

import pytest
from transformers import AutoTokenizer

from alignment.core.errors import DataError
from alignment.data.chat import IGNORE, tokenize_chat, tokenize_examples
from alignment.data.sft import SFTExample

CHATS = {
    "single turn": [
        {"role": "user", "content": "What is the capital of France?"},
        {"role": "assistant", "content": "The capital of France is Paris."},
    ],
    "system + two turns": [
        {"role": "system", "content": "Answer briefly."},
        {"role": "user", "content": "Convert 5 km to miles."},
        {"role": "assistant", "content": "About 3.11 miles."},
        {"role": "user", "content": "And 10 km?"},
        {"role": "assistant", "content": "About 6.21 miles."},
    ],
}


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    return AutoTokenizer.from_pretrained(tiny_model_dir)


@pytest.mark.parametrize("name", CHATS)
def test_labelled_tokens_are_exactly_the_assistant_replies(tokenizer, name):
    messages = CHATS[name]
    row = tokenize_chat(tokenizer, messages)
    assert len(row["input_ids"]) == len(row["labels"])
    # Labels are either IGNORE or the token itself (the model shifts them).
    assert all(label in (IGNORE, token) for token, label in zip(row["input_ids"], row["labels"]))
    # Group consecutive labelled tokens into runs: one run per assistant turn, each decoding to
    # the reply followed by the end-of-turn token and nothing else.
    runs, current = [], []
    for token, label in zip(row["input_ids"], row["labels"]):
        if label == IGNORE:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(token)
    if current:
        runs.append(current)
    replies = [m["content"] for m in messages if m["role"] == "assistant"]
    assert [tokenizer.decode(run) for run in runs] == [reply + "<|im_end|>" for reply in replies]


def test_prompt_tokens_carry_no_loss(tokenizer):
    messages = CHATS["system + two turns"]
    row = tokenize_chat(tokenizer, messages)
    unlabelled_text = tokenizer.decode([t for t, label in zip(row["input_ids"], row["labels"]) if label == IGNORE])
    for message in messages:
        if message["role"] != "assistant":
            assert message["content"] in unlabelled_text
    labelled_text = tokenizer.decode([t for t in row["labels"] if t != IGNORE])
    for word in ("Convert", "Answer briefly", "And 10 km", "<|im_start|>", "user", "system"):
        assert word not in labelled_text


def test_tokenised_ids_match_the_template_tokenisation(tokenizer):
    messages = CHATS["system + two turns"]
    expected = tokenizer.apply_chat_template(messages, tokenize=True, return_dict=True)["input_ids"]
    assert tokenize_chat(tokenizer, messages)["input_ids"] == list(expected)


def test_over_long_rows_are_dropped_and_counted(tokenizer):
    short = SFTExample(CHATS["single turn"], "f.jsonl:1")
    long = SFTExample([{"role": "user", "content": "word " * 300}, {"role": "assistant", "content": "ok"}], "f.jsonl:2")
    rows, dropped = tokenize_examples(tokenizer, [short, long], max_length=64)
    assert len(rows) == 1 and dropped["longer_than_max_length"] == 1


def test_all_rows_too_long_is_a_data_error(tokenizer):
    long = SFTExample([{"role": "user", "content": "word " * 300}, {"role": "assistant", "content": "ok"}], "f.jsonl:1")
    with pytest.raises(DataError) as error:
        tokenize_examples(tokenizer, [long], max_length=16)
    assert str(error.value).startswith("(all files): messages: no usable rows: 1 read, dropped")
    assert "max_length=16" in str(error.value)
