"""Rows longer than `data.max_length` tokens: cut them to fit, or drop them, as `data.truncation` says.

Public datasets have long answers: a file of 300 pairs lost a third of them to a 1024-token limit
when over-long rows were dropped. The default keeps every row that can be made to fit.

    fit_pair(tokenizer, prompt, replies, max_length, mode, truncated, dropped) -> (prompt, replies) | None

`replies` is a list of replies (two for a preference pair, one for a KTO row), each a list of
messages. Lengths are tokens of the chat as the model reads it, rendered through the chat template.
The modes:

- `auto` (default): cut the prompt from the left when it takes more than what the longest reply
  leaves free and more than half of `max_length` (down to that half), then cut the replies at their
  end. Keeps every row whose prompt leaves room for a token of reply.
- `prompt`: cut the prompt from the left (whole earlier turns first, a leading system message
  kept, then the oldest text of what is left); replies stay whole. A row whose replies alone do not
  fit is dropped.
- `reply`: cut replies at their end; the prompt stays whole. A row whose prompt alone fills
  `max_length` is dropped.
- `drop`: drop every over-long row.

Each row cut is counted in `truncated` by what was cut, each row dropped in `dropped` by why. A cut
works on the text: the kept tokens are decoded back into the message, so a cut reply still ends with
the template's end-of-turn token (the SFT stage cuts token ids instead, see `alignment/data/chat.py`).
"""

from __future__ import annotations

from collections import Counter
from typing import get_args

from alignment.config.stages import Truncation

MODES = get_args(Truncation)

PROMPT_CUT = "prompt cut from the left"
REPLY_CUT = "reply cut at the end"
_ATTEMPTS = 4  # re-tokenising decoded text can merge differently; a cut is re-measured this often


def fit_pair(
    tokenizer,
    prompt: list[dict],
    replies: list[list[dict]],
    max_length: int,
    mode: str,
    truncated: Counter,
    dropped: Counter,
) -> tuple[list[dict], list[list[dict]]] | None:
    """The row cut to fit `max_length` tokens (unchanged when it fits), or None when it is dropped."""
    lengths = [chat_length(tokenizer, prompt + reply) for reply in replies]
    if max(lengths) <= max_length:
        return prompt, replies
    if mode == "drop":
        dropped["over max_length"] += 1
        return None
    prompt_length = chat_length(tokenizer, prompt, generation_prompt=True)
    longest_reply = max(lengths) - prompt_length
    prompt_budget = {
        "prompt": max_length - longest_reply,
        "reply": prompt_length,
        "auto": min(prompt_length, max(max_length - longest_reply, max_length // 2)),
    }[mode]
    if prompt_budget < prompt_length:
        cut = cut_prompt(tokenizer, prompt, prompt_budget)
        if cut is None and mode == "prompt":  # the longest reply leaves no room for any prompt
            dropped["reply alone over max_length"] += 1
            return None
        if cut is not None:  # auto: a prompt whose template alone takes half of max_length stays whole
            prompt = cut
            truncated[PROMPT_CUT] += 1
    fitted, reply_cut = [], False
    for reply in replies:
        if chat_length(tokenizer, prompt + reply) > max_length:
            reply = None if mode == "prompt" else cut_reply(tokenizer, prompt, reply, max_length)
            if reply is None:
                reason = "reply alone over max_length" if mode == "prompt" else "prompt leaves no room for the reply"
                dropped[reason] += 1
                return None
            reply_cut = True
        fitted.append(reply)
    if reply_cut:
        truncated[REPLY_CUT] += 1
    return prompt, fitted


def chat_length(tokenizer, messages: list[dict], generation_prompt: bool = False) -> int:
    """Tokens of the chat rendered through the template (as `mixture.token_counts` counts them)."""
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation_prompt)
    return len(tokenizer(text, add_special_tokens=False)["input_ids"])


def cut_prompt(tokenizer, prompt: list[dict], budget: int) -> list[dict] | None:
    """The prompt in at most `budget` tokens (with the generation prompt): earlier turns go first, so
    it still starts with a user message after any system message; then the oldest text of the first
    remaining message; then, if the system message alone leaves no room, the system message. None
    when even one token of the last message cannot stay."""
    system = prompt[:1] if prompt and prompt[0]["role"] == "system" else []
    rest = prompt[len(system) :]
    measure = lambda messages: chat_length(tokenizer, system + messages, generation_prompt=True)  # noqa: E731
    while len(rest) > 1 and measure(rest) > budget:
        rest = rest[1:]
        while len(rest) > 1 and rest[0]["role"] != "user":
            rest = rest[1:]
    for _ in range(_ATTEMPTS):
        excess = measure(rest) - budget
        if excess <= 0:
            return system + rest
        kept = _cut_text(tokenizer, rest[0]["content"], excess, keep="end")
        if kept is None:
            break
        rest = [{**rest[0], "content": kept}, *rest[1:]]
    else:
        if measure(rest) <= budget:
            return system + rest
    return cut_prompt(tokenizer, prompt[len(system) :][-len(rest) :], budget) if system else None


def cut_reply(tokenizer, prompt: list[dict], reply: list[dict], max_length: int) -> list[dict] | None:
    """The reply with the end of its last message cut so that prompt + reply fit `max_length` tokens;
    None when not even one token of it fits."""
    for _ in range(_ATTEMPTS):
        excess = chat_length(tokenizer, prompt + reply) - max_length
        if excess <= 0:
            return reply
        kept = _cut_text(tokenizer, reply[-1]["content"], excess, keep="start")
        if kept is None:
            return None
        reply = [*reply[:-1], {**reply[-1], "content": kept}]
    return reply if chat_length(tokenizer, prompt + reply) <= max_length else None


def _cut_text(tokenizer, text: str, excess: int, keep: str) -> str | None:
    """`text` less `excess` tokens at its start (keep="end") or end (keep="start"); None if nothing is left."""
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    count = len(ids) - excess
    if count < 1:
        return None
    kept = ids[-count:] if keep == "end" else ids[:count]
    # A byte-level tokenizer can split a character (CJK, emoji) across tokens: the half left at the
    # cut decodes to U+FFFD, which re-encodes to more tokens than it came from, so drop it.
    return tokenizer.decode(kept).strip("\ufffd").strip() or None
