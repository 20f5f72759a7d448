"""Reference replies in PPO's groups: off-policy guidance (LUFFY, Yan et al. 2025, arXiv:2504.14945).

With `ppo.guide_replies: g`, the last g of each prompt's `samples_per_prompt` replies are not sampled:
they are the prompt row's own reference replies (its `chosen`, then its `rejected`, as in a
TRL-style preference file; only the chosen one carries the end token, see `attach`). They are
scored, KL-penalised and updated on like the samples, so the group baseline sets the policy's own
replies against a known good one (and a known bad one). A policy that almost never samples a
behaviour (a refusal, say) still learns which prompts it belongs to. Prompts without reference
replies get samples only.

    attach(prompts, tokenizer, end_of_turn(tokenizer, stop_ids), max_new_tokens, guide_replies, files)
    slots(rows, samples_per_prompt, guide_replies) -> per row: (reply ids, ended), or None = sample it
    merge(replies, mask, finished, slots, pad_id) -> the full batch's [batch, reply] tensors
"""

from __future__ import annotations

import torch

from alignment.core.errors import ConfigError

REFERENCE_ORDER = ("chosen", "rejected")


def attach(
    prompts: list[dict], tokenizer, end_id: int, max_new_tokens: int, guide_replies: int, files: list[str]
) -> int:
    """Give each prompt row `guides`: its reference replies as token ids, cut at max_new_tokens like a
    sample. A chosen reply gets the end token; a rejected one does not, though it counts as ended
    where a sample would have: it is bad for what it says, and an end token taught down with it
    teaches the policy never to stop (in the harmless pairs, 535 of the 570 guides that end within 32
    tokens are the short rejected refusals of benign prompts). Returns how many prompts have any;
    none with guide_replies > 0 is a ConfigError (the files hold no `chosen` replies)."""
    with_guides = 0
    for row in prompts:
        keys = [key for key in REFERENCE_ORDER if key in row["references"]][:guide_replies]
        row["guides"] = [
            _guide(
                tokenizer(row["references"][key], add_special_tokens=False)["input_ids"],
                end_id,
                key == "chosen",
                max_new_tokens,
            )
            for key in keys
        ]
        with_guides += bool(row["guides"])
    if guide_replies and not with_guides:
        raise ConfigError(
            f"ppo.guide_replies={guide_replies} needs prompt rows with reference replies "
            f"(a `chosen` reply, as in a preference file); {', '.join(files)} have none"
        )
    return with_guides


def _guide(ids: list[int], end_id: int, with_end: bool, max_new_tokens: int) -> tuple[list[int], bool]:
    """(reply ids cut at max_new_tokens, whether the reply ended within them)."""
    ended = len(ids) + 1 <= max_new_tokens
    return (ids + [end_id] if with_end else ids)[:max_new_tokens], ended


def end_of_turn(tokenizer, stop_ids: list[int]) -> int:
    """The stop token the chat template writes after an assistant reply: the one a sampled reply ends
    with (Llama-3's `<|eot_id|>`, not its eos). A template that writes none gets the first stop id."""
    asked = [{"role": "user", "content": "a"}]
    head = tokenizer.apply_chat_template(asked, add_generation_prompt=True, tokenize=True, return_dict=True)
    full = tokenizer.apply_chat_template(
        asked + [{"role": "assistant", "content": "b"}], tokenize=True, return_dict=True
    )
    written = [token for token in full["input_ids"][len(head["input_ids"]) :] if token in stop_ids]
    return written[0] if written else stop_ids[0]


def slots(rows: list[dict], samples_per_prompt: int, guide_replies: int) -> list[tuple[list[int], bool] | None]:
    """Per row of a rollout batch (each prompt's rows side by side): the reference reply (ids, whether
    it kept its end token) that takes the slot, or None where the policy samples. A group's last
    `guide_replies` slots take its prompt's references in order, as far as it has them."""
    taken = []
    for index, row in enumerate(rows):
        position = index % samples_per_prompt - (samples_per_prompt - guide_replies)  # <0: a sampled slot
        guides = row.get("guides") or []
        taken.append(guides[position] if 0 <= position < len(guides) else None)
    return taken


def merge(replies: torch.Tensor, mask: torch.Tensor, finished: torch.Tensor, taken: list, pad_id: int):
    """The sampled rows' (replies, mask, finished) [sampled, reply] spread over the whole batch,
    the reference replies filling their slots; padded to the longest reply."""
    length = max([replies.shape[1], *(len(guide[0]) for guide in taken if guide is not None)])
    full = torch.full((len(taken), length), pad_id, dtype=replies.dtype, device=replies.device)
    full_mask = torch.zeros((len(taken), length), dtype=mask.dtype, device=mask.device)
    full_finished = torch.zeros(len(taken), dtype=torch.bool, device=finished.device)
    sampled = iter(range(replies.shape[0]))
    for row, guide in enumerate(taken):
        if guide is None:
            source = next(sampled)
            full[row, : replies.shape[1]], full_mask[row, : mask.shape[1]] = replies[source], mask[source]
            full_finished[row] = finished[source]
        else:
            ids, ended = guide
            full[row, : len(ids)] = torch.tensor(ids, dtype=replies.dtype)
            full_mask[row, : len(ids)] = 1
            full_finished[row] = ended
    return full, full_mask, full_finished
