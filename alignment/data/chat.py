"""Render chats through the model's chat template and mark which tokens carry loss.

Only assistant tokens are trained. SmolLM2's template (like most) has no
`{% generation %}` markers, so the mask is derived from the template itself: for every
assistant turn i, render `messages[:i]` with the generation prompt (the text before the
reply) and `messages[:i+1]` (the text through the reply); the characters in between are the
reply plus its end-of-turn token. Tokens whose character span lies inside such a range get
their own id as label; every other token gets -100. This works for any template whose
rendering of a prefix is a prefix of the full rendering, which is checked.
"""

from __future__ import annotations

from alignment.core.errors import DataError
from alignment.data.truncation import chat_length, cut_prompt

IGNORE = -100


def assistant_spans(tokenizer, messages: list[dict], open_end: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """(full rendered text, [(start, end) character ranges of assistant replies]). `open_end`: the
    last reply's range stops at its text, before its end-of-turn token (a reply cut short)."""
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    spans = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = tokenizer.apply_chat_template(messages[:i], tokenize=False, add_generation_prompt=True)
        through = tokenizer.apply_chat_template(messages[: i + 1], tokenize=False)
        if not (full.startswith(through) and through.startswith(before)):
            raise ValueError("chat template is not prefix-consistent; cannot locate assistant replies")
        # Keep the end-of-turn token, drop the whitespace the template puts after it: the model
        # must learn to stop, not to emit the newline that follows.
        end = len(through.rstrip())
        if open_end and i == len(messages) - 1:  # a cut reply: its text, not the end-of-turn after it
            text = str(message["content"]).strip()
            found = through.rfind(text, len(before), end) if text else len(before)
            if found < 0:
                raise ValueError("chat template does not keep the reply's text; cannot find where a cut reply ends")
            end = found + len(text)  # an empty cut reply trains nothing (the row is dropped if it has no other)
        spans.append((len(before), end))
    return full, spans


def tokenize_chat(tokenizer, messages: list[dict], open_end: bool = False) -> dict:
    """{"input_ids": [...], "labels": [...]} with labels = -100 outside assistant replies (and on the
    last reply's end-of-turn token when `open_end`)."""
    text, spans = assistant_spans(tokenizer, messages, open_end)
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    labels = []
    for token_id, (start, end) in zip(encoded["input_ids"], encoded["offset_mapping"]):
        inside = any(span_start <= start and end <= span_end for span_start, span_end in spans)
        labels.append(token_id if inside and end > start else IGNORE)
    return {"input_ids": list(encoded["input_ids"]), "labels": labels}


def last_user_text(messages: list[dict]) -> str:
    """The content of the last user message ('' when there is none)."""
    return next((message["content"] for message in reversed(messages) if message["role"] == "user"), "")


def tokenize_examples(
    tokenizer,
    examples,
    max_length: int,
    prompt_texts: list[str] | None = None,
    truncation: str = "drop",
    kept: list[int] | None = None,
) -> tuple[list[dict], dict]:
    """Tokenise SFT examples; fit over-long ones to `max_length` as `truncation` says (`fit_row`).
    Returns (rows, counts by reason: rows cut to fit and rows dropped). `prompt_texts`, when given,
    gets each kept row's last user message, and `kept` its index in `examples`, in row order (the
    rows stay `{input_ids, labels}` only: a text column would reach the trainer's collator)."""
    rows, dropped = [], {"longer_than_max_length": 0, "no_assistant_tokens": 0}
    for index, example in enumerate(examples):
        messages, open_end = example.messages, getattr(example, "open_end", False)
        row = tokenize_chat(tokenizer, messages, open_end)
        if len(row["input_ids"]) > max_length:
            messages, row, reason = fit_row(tokenizer, messages, row, max_length, truncation, open_end)
            dropped[reason] = dropped.get(reason, 0) + 1
            if row is None:
                continue
        if all(label == IGNORE for label in row["labels"]):
            dropped["no_assistant_tokens"] += 1
            continue
        rows.append(row)
        if prompt_texts is not None:
            prompt_texts.append(last_user_text(messages))
        if kept is not None:
            kept.append(index)
    if not rows:
        raise DataError(
            [
                (
                    "(all files)",
                    "messages",
                    f"no usable rows: {len(examples)} read, dropped {dropped} "
                    f"(max_length={max_length}, truncation={truncation}; raise data.max_length?)",
                )
            ]
        )
    return rows, dropped


CUT_REASONS = ("cut_earlier_turns", "cut_reply_end", "cut_earlier_turns_and_reply_end")
"""The counts of `tokenize_examples` that are rows kept after a cut (the others are rows dropped)."""


def fit_row(tokenizer, messages: list[dict], row: dict, max_length: int, truncation: str, open_end: bool = False):
    """(messages, row or None, reason) for a chat over `max_length` tokens. prompt: earlier turns
    (everything before the last reply) are cut from the left, `truncation.cut_prompt`; reply: the
    token ids are cut at `max_length`, so the last reply loses its end and its end-of-turn token
    (the model is not taught to stop where the cut fell); auto: earlier turns down to half of
    `max_length` when the last reply needs the room, then the end; drop: nothing is kept."""
    if truncation == "drop":
        return messages, None, "longer_than_max_length"
    prompt, reply = messages[:-1], messages[-1:]
    prompt_length = chat_length(tokenizer, prompt, generation_prompt=True)
    reply_length = len(row["input_ids"]) - prompt_length
    budget = max_length - reply_length if truncation == "prompt" else max(max_length - reply_length, max_length // 2)
    cut_turns = truncation != "reply" and prompt_length > budget
    if cut_turns:
        cut = cut_prompt(tokenizer, prompt, budget)
        if cut is None:
            return messages, None, "reply_alone_over_max_length" if truncation == "prompt" else "prompt_cannot_be_cut"
        messages = cut + reply
        row = tokenize_chat(tokenizer, messages, open_end)
    if len(row["input_ids"]) <= max_length:
        return messages, row, "cut_earlier_turns"
    if truncation == "prompt":
        return messages, None, "reply_alone_over_max_length"
    row = {"input_ids": row["input_ids"][:max_length], "labels": row["labels"][:max_length]}
    if all(label == IGNORE for label in row["labels"]):
        return messages, None, "prompt_leaves_no_room_for_the_reply"
    return messages, row, "cut_earlier_turns_and_reply_end" if cut_turns else "cut_reply_end"
