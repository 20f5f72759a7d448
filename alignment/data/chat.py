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

IGNORE = -100


def assistant_spans(tokenizer, messages: list[dict]) -> tuple[str, list[tuple[int, int]]]:
    """(full rendered text, [(start, end) character ranges of assistant replies])."""
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
        spans.append((len(before), len(through.rstrip())))
    return full, spans


def tokenize_chat(tokenizer, messages: list[dict]) -> dict:
    """{"input_ids": [...], "labels": [...]} with labels = -100 outside assistant replies."""
    text, spans = assistant_spans(tokenizer, messages)
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
    tokenizer, examples, max_length: int, prompt_texts: list[str] | None = None
) -> tuple[list[dict], dict]:
    """Tokenise SFT examples; drop over-long ones. Returns (rows, counts of dropped rows by reason).
    `prompt_texts`, when given, gets each kept row's last user message, in row order (the rows stay
    `{input_ids, labels}` only: a text column would reach the trainer's collator)."""
    rows, dropped = [], {"longer_than_max_length": 0, "no_assistant_tokens": 0}
    for example in examples:
        row = tokenize_chat(tokenizer, example.messages)
        if len(row["input_ids"]) > max_length:
            dropped["longer_than_max_length"] += 1
            continue
        if all(label == IGNORE for label in row["labels"]):
            dropped["no_assistant_tokens"] += 1
            continue
        rows.append(row)
        if prompt_texts is not None:
            prompt_texts.append(last_user_text(example.messages))
    if not rows:
        raise DataError(
            [
                (
                    "(all files)",
                    "messages",
                    f"no usable rows: {len(examples)} read, dropped {dropped} "
                    f"(max_length={max_length}; raise data.max_length?)",
                )
            ]
        )
    return rows, dropped
