"""Chat generation with any checkpoint: one reply to a list of messages.

Used by `alignment generate`; the eval harness batches its own generation.
"""

from __future__ import annotations

import torch


def stop_token_ids(model, tokenizer) -> list[int]:
    """The model's own end-of-turn ids plus the tokenizer's eos: some chat models end a turn
    with a token that is not the tokenizer's eos (Llama-3 `<|eot_id|>`, Gemma `<end_of_turn>`)."""
    configured = model.generation_config.eos_token_id
    ids = configured if isinstance(configured, list) else [configured]
    return sorted({i for i in [*ids, tokenizer.eos_token_id] if i is not None})


@torch.no_grad()
def chat_reply(model, tokenizer, messages: list[dict], max_new_tokens: int = 256, temperature: float = 0.0,
               top_p: float = 1.0, seed: int = 0) -> str:
    """The assistant's next reply; greedy when temperature is 0, else seeded sampling."""
    inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                           return_dict=True)
    inputs = {key: value.to(model.device) for key, value in inputs.items()}
    sampling = temperature > 0
    if sampling:
        torch.manual_seed(seed)
    output = model.generate(
        **inputs,
        max_new_tokens=max_new_tokens,
        do_sample=sampling,
        temperature=temperature if sampling else None,
        top_p=top_p if sampling else None,
        top_k=None,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=stop_token_ids(model, tokenizer),
    )
    reply = output[0, inputs["input_ids"].shape[1]:]
    return tokenizer.decode(reply, skip_special_tokens=True).strip()
