"""Own answers for SFT: chats whose last reply is an answer keep their prompt and take the starting
model's own greedy reply to it; replies the refusal rules call refusals (full or partial) stay the data's.

    replace_answers(tagged, model, tokenizer, max_new_tokens, batch_size, cache_file, log) -> (tagged, counts)

Why: an instruct model already answers most requests well in its own words. SFT on answers written by
someone else spends most of its loss on re-learning how to say them, and next to a few hundred written
refusals it teaches "refuse what sounds sensitive": on SmolLM2-135M the two refusal rates (harmful and
benign-sensitive prompts) moved together in every data and learning-rate setting tried (docs/LOG.md,
issue 25). With its own answers the answer tokens cost little loss, so the gradient goes to the
refusals and to *when* to refuse, and the answers keep the model's voice and knowledge
(self-distillation: the model's own replies as targets).

The starting model is the loaded one with its fresh LoRA adapter switched off (the same weights as
the base); greedy replies, up to `max_new_tokens`, end-of-turn as the model gives it. A reply that
reaches `max_new_tokens` is trained without its end-of-turn token (`SFTExample.open_end`): the model
learns how its answer starts, not to stop mid-sentence where the cut fell. Replies are
written to `cache_file` (one JSON line per prompt, keyed by the prompt's hash) so a resumed or rerun
stage does not generate them again; the key includes the generation settings. Every process of a
multi-process launch generates the same greedy replies (no exchange between processes).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import replace
from pathlib import Path

from peft import PeftModel

from alignment.core.distributed import is_main_process
from alignment.core.io import write_text_atomically
from alignment.models.generation import GenerationSettings, replies
from alignment.rewards.refusal import classify

CACHE_FILE = "own_answers.jsonl"
FORMAT = 2  # bump when a code change would change the generated replies for the same key


def is_answer(messages: list[dict]) -> bool:
    """The chat ends with an assistant reply that the refusal rules call compliance."""
    last = messages[-1] if messages else {}
    return last.get("role") == "assistant" and classify(str(last.get("content", ""))) == "compliance"


def prompt_key(messages: list[dict], max_new_tokens: int) -> str:
    payload = json.dumps([FORMAT, max_new_tokens, messages[:-1]], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def replace_answers(
    tagged: list, model, tokenizer, max_new_tokens: int, batch_size: int, cache_file: Path, log=print
) -> tuple[list, dict]:
    """`tagged`: (SFTExample, origin) pairs. Returns them with every answer replaced by the model's
    own reply, and counts {answers, refusals (chats), prompts_generated, prompts_cached, cut_at_limit
    (answers that reached the token limit, trained without their end-of-turn token)} for the metrics."""
    answers = [index for index, (example, _) in enumerate(tagged) if is_answer(example.messages)]
    keys = {index: prompt_key(tagged[index][0].messages, max_new_tokens) for index in answers}
    cached = _read(cache_file)
    unique = set(keys.values())  # a prompt met in several chats is generated once
    todo = sorted(unique - cached.keys())
    prompts = {keys[index]: tagged[index][0].messages[:-1] for index in answers}
    if todo:
        log(
            f"own answers: {len(answers)} chats end with an answer; their {len(todo)} prompts get the starting "
            f"model's own greedy reply (up to {max_new_tokens} tokens), {len(unique) - len(todo)} more are in "
            f"{cache_file.name}"
        )
        cached.update(
            _generate(model, tokenizer, [prompts[key] for key in todo], todo, max_new_tokens, batch_size, log)
        )
        if is_main_process():
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(
                cache_file,
                "".join(
                    json.dumps({"key": key, "reply": cached[key][0], "finished": cached[key][1]}) + "\n"
                    for key in sorted(cached)
                ),
            )
    out = list(tagged)
    for index in answers:
        example, origin = tagged[index]
        reply, finished = cached[keys[index]]
        messages = [*example.messages[:-1], {"role": "assistant", "content": reply}]
        out[index] = (replace(example, messages=messages, open_end=not finished), origin)
    counts = {
        "answers": len(answers),
        "refusals": len(tagged) - len(answers),
        "prompts_generated": len(todo),
        "prompts_cached": len(unique) - len(todo),
        "cut_at_limit": sum(not cached[keys[index]][1] for index in answers),
    }
    return out, counts


def _generate(model, tokenizer, conversations, keys, max_new_tokens, batch_size, log) -> dict[str, tuple[str, bool]]:
    settings = GenerationSettings(max_new_tokens=max_new_tokens, temperature=0.0, batch_size=batch_size)
    was_training = model.training
    model.eval()
    done = [0]

    def progress(count: int) -> None:
        done[0] += count
        log(f"own answers: {done[0]}/{len(conversations)}")

    off = model.disable_adapter() if isinstance(model, PeftModel) else contextlib.nullcontext()
    with off:
        found = replies(model, tokenizer, conversations, [0] * len(conversations), settings, progress)
    model.train(was_training)
    return dict(zip(keys, found))


def _read(cache_file: Path) -> dict[str, tuple[str, bool]]:
    if not cache_file.is_file():
        return {}
    found = {}
    for line in cache_file.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
            found[row["key"]] = (str(row["reply"]), bool(row["finished"]))
        except (json.JSONDecodeError, KeyError, TypeError):
            continue  # a torn line: that prompt is generated again
    return found
