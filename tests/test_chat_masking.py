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


def _runs(row):
    runs, current = [], []
    for token, label in zip(row["input_ids"], row["labels"]):
        if label == IGNORE:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(token)
    return runs + ([current] if current else [])


@pytest.mark.parametrize("name", CHATS)
def test_labelled_tokens_are_exactly_the_assistant_replies(tokenizer, name):
    messages = CHATS[name]
    row = tokenize_chat(tokenizer, messages)
    assert len(row["input_ids"]) == len(row["labels"])
    # Labels are either IGNORE or the token itself (the model shifts them).
    assert all(label in (IGNORE, token) for token, label in zip(row["input_ids"], row["labels"]))
    # Consecutive labelled tokens: one run per assistant turn, each decoding to the reply followed
    # by the end-of-turn token and nothing else.
    runs = _runs(row)
    replies = [m["content"] for m in messages if m["role"] == "assistant"]
    assert [tokenizer.decode(run) for run in runs] == [reply + "<|im_end|>" for reply in replies]


def test_open_end_leaves_only_the_last_replys_end_of_turn_untrained(tokenizer):
    messages = CHATS["system + two turns"]
    closed, opened = tokenize_chat(tokenizer, messages), tokenize_chat(tokenizer, messages, open_end=True)
    assert opened["input_ids"] == closed["input_ids"]  # the text is the same; only the loss changes
    assert [tokenizer.decode(run) for run in _runs(opened)] == ["About 3.11 miles.<|im_end|>", "About 6.21 miles."]
    differ = [i for i, (a, b) in enumerate(zip(closed["labels"], opened["labels"])) if a != b]
    assert len(differ) == 1 and tokenizer.decode([closed["input_ids"][differ[0]]]) == "<|im_end|>"
    rows, _ = tokenize_examples(tokenizer, [SFTExample(messages, "f:1", open_end=True)], max_length=512)
    assert rows[0]["labels"] == opened["labels"]


def test_an_empty_cut_reply_trains_nothing_and_its_row_is_dropped(tokenizer):
    """A cut reply whose text is empty (a degenerate greedy reply) gets no label; alone in its chat,
    the row is dropped as having no assistant tokens, not an error."""
    chat = [{"role": "user", "content": "Say something."}, {"role": "assistant", "content": ""}]
    assert all(label == IGNORE for label in tokenize_chat(tokenizer, chat, open_end=True)["labels"])
    kept = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello there"}]
    rows, dropped = tokenize_examples(
        tokenizer, [SFTExample(chat, "f:1", open_end=True), SFTExample(kept, "f:2", open_end=True)], max_length=512
    )
    assert len(rows) == 1 and dropped["no_assistant_tokens"] == 1


def test_a_cut_reply_that_repeats_the_prompt_ends_at_its_own_text(tokenizer):
    """The cut reply's end is found in the reply, not in an earlier turn that holds the same words."""
    chat = [{"role": "user", "content": "Repeat: Paris"}, {"role": "assistant", "content": "Paris"}]
    row = tokenize_chat(tokenizer, chat, open_end=True)
    assert [tokenizer.decode(run) for run in _runs(row)] == ["Paris"]


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


def words(prefix: str, count: int) -> str:
    return " ".join(f"{prefix}{index}" for index in range(count))


def test_reply_cut_keeps_the_prompt_and_the_start_of_the_reply_without_its_end_of_turn(tokenizer):
    chat = [{"role": "user", "content": "Tell me."}, {"role": "assistant", "content": words("w", 200)}]
    full = tokenize_chat(tokenizer, chat)
    rows, counts = tokenize_examples(tokenizer, [SFTExample(chat, "f:1")], max_length=64, truncation="reply")
    assert counts["cut_reply_end"] == 1
    # exactly the first 64 tokens of the whole chat, labels included: the cut reply is not taught to stop
    assert rows[0] == {"input_ids": full["input_ids"][:64], "labels": full["labels"][:64]}


def test_auto_drops_earlier_turns_before_cutting_the_last_reply(tokenizer):
    chat = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": words("old", 100)},
        {"role": "assistant", "content": words("was", 100)},
        {"role": "user", "content": "Now?"},
        {"role": "assistant", "content": "Yes."},
    ]
    rows, counts = tokenize_examples(tokenizer, [SFTExample(chat, "f:1")], max_length=96, truncation="auto")
    kept = [chat[0], chat[3], chat[4]]  # the first exchange went whole; the last one and the system stay
    assert counts["cut_earlier_turns"] == 1 and rows == [tokenize_chat(tokenizer, kept)]


@pytest.mark.parametrize(
    "truncation, reason",
    [("prompt", "reply_alone_over_max_length"), ("drop", "longer_than_max_length")],
)
def test_modes_that_cannot_keep_a_long_last_reply_drop_it(tokenizer, truncation, reason):
    chat = [{"role": "user", "content": "Tell me."}, {"role": "assistant", "content": words("w", 200)}]
    short = SFTExample(CHATS["single turn"], "f:1")
    rows, counts = tokenize_examples(tokenizer, [short, SFTExample(chat, "f:2")], max_length=64, truncation=truncation)
    assert len(rows) == 1 and counts[reason] == 1


def test_a_prompt_that_fills_max_length_leaves_nothing_to_train(tokenizer):
    chat = [{"role": "user", "content": words("q", 200)}, {"role": "assistant", "content": "ok"}]
    short = SFTExample(CHATS["single turn"], "f:1")
    rows, counts = tokenize_examples(tokenizer, [short, SFTExample(chat, "f:2")], max_length=64, truncation="reply")
    assert len(rows) == 1 and counts["prompt_leaves_no_room_for_the_reply"] == 1
    # auto cuts the question from the left instead, keeping its end and the whole reply
    rows, counts = tokenize_examples(tokenizer, [SFTExample(chat, "f:2")], max_length=64, truncation="auto")
    assert counts["cut_earlier_turns"] == 1 and len(rows[0]["input_ids"]) <= 64
    assert tokenizer.decode([label for label in rows[0]["labels"] if label != IGNORE]).startswith("ok")
