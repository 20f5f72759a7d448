"""Generation with any checkpoint: one chat reply (`chat_reply`, plain greedy or sampled), one
streamed chat reply with a guard against loops (`stream_reply`, what `alignment generate` shows),
and batched, seeded generation of many replies (the eval harness and on-policy DPO rounds).

Batched: prompts are rendered with the model's chat template (generation prompt on), tokenised,
sorted by length (less padding per batch), LEFT-padded (so every row's next token sits in the last
column) and generated `batch_size` at a time with the KV cache, stopping at the model's end-of-turn
ids. Temperature 0 is greedy. Sampling draws each row from its own torch.Generator inside a logits
processor that leaves a single allowed token for generate's argmax: a row's sample depends on its
seed, not on which batch it lands in or on the batch size.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from transformers import LogitsProcessor, LogitsProcessorList, StoppingCriteria, StoppingCriteriaList, TextStreamer

from alignment.core.errors import ConfigError


def stop_token_ids(model, tokenizer) -> list[int]:
    """The model's own end-of-turn ids plus the tokenizer's eos: some chat models end a turn
    with a token that is not the tokenizer's eos (Llama-3 `<|eot_id|>`, Gemma `<end_of_turn>`)."""
    configured = model.generation_config.eos_token_id
    ids = configured if isinstance(configured, list) else [configured]
    return sorted({i for i in [*ids, tokenizer.eos_token_id] if i is not None})


@torch.no_grad()
def chat_reply(
    model,
    tokenizer,
    messages: list[dict],
    max_new_tokens: int = 256,
    temperature: float = 0.0,
    top_p: float = 1.0,
    seed: int = 0,
) -> str:
    """The assistant's next reply; greedy when temperature is 0, else seeded sampling."""
    inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    inputs = {key: value.to(model.device) for key, value in inputs.items()}
    output = model.generate(
        **inputs,
        **_decoding(temperature, top_p, seed),
        max_new_tokens=max_new_tokens,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=stop_token_ids(model, tokenizer),
    )
    reply = output[0, inputs["input_ids"].shape[1] :]
    return tokenizer.decode(reply, skip_special_tokens=True).strip()


@dataclass
class StreamedReply:
    text: str
    """The reply, stripped."""
    new_tokens: int
    looped: bool
    """True when generation stopped because the reply began to repeat itself (`RepeatedTail`)."""
    finished: bool
    """True when the model ended its turn (or looped); False when max_new_tokens cut it."""


@torch.no_grad()
def stream_reply(
    model,
    tokenizer,
    messages: list[dict],
    write,
    max_new_tokens: int = 256,
    temperature: float = 0.0,
    top_p: float = 1.0,
    repetition_penalty: float = 1.1,
    seed: int = 0,
) -> StreamedReply:
    """The assistant's next reply, its text passed to `write(text)` piece by piece as it is generated.
    `repetition_penalty` > 1 divides the scores of tokens already in the conversation (CTRL's
    penalty, arXiv:1909.05858), the usual guard of chat front ends against loops; 1.0 is plain
    greedy, as the eval harness generates. Whatever the penalty, generation stops once the reply's
    last tokens are one span said four times over (`RepeatedTail`)."""
    inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    inputs = {key: value.to(model.device) for key, value in inputs.items()}
    prompt_length = inputs["input_ids"].shape[1]
    loop_guard = RepeatedTail(prompt_length)
    streamer = _Streamer(tokenizer, write)
    stop_ids = stop_token_ids(model, tokenizer)
    output = model.generate(
        **inputs,
        **_decoding(temperature, top_p, seed),
        max_new_tokens=max_new_tokens,
        repetition_penalty=repetition_penalty if repetition_penalty != 1.0 else None,
        stopping_criteria=StoppingCriteriaList([loop_guard]),
        streamer=streamer,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=stop_ids,
    )
    tokens = output[0, prompt_length:].tolist()
    finished = loop_guard.looped or any(token in stop_ids for token in tokens)
    text = tokenizer.decode(tokens, skip_special_tokens=True).strip()
    return StreamedReply(text, len(tokens), loop_guard.looped, finished)


def _decoding(temperature: float, top_p: float, seed: int) -> dict:
    """`generate`'s decoding arguments: greedy at temperature 0, else seeded temperature + top-p sampling."""
    sampling = temperature > 0
    if sampling:
        torch.manual_seed(seed)
    return {
        "do_sample": sampling,
        "temperature": temperature if sampling else None,
        "top_p": top_p if sampling else None,
        "top_k": None,
    }


class RepeatedTail(StoppingCriteria):
    """Stops generation when the reply ends in one span of `min_span`..`max_span` tokens said
    `times` times in a row: a loop ("Boil an egg:" 37 times) that would otherwise run to
    max_new_tokens. Four repeats of at least four tokens (a list of similar items does not trip it;
    a unit of one to three tokens trips it once it fills 16 tokens). One row (the chat command's)."""

    def __init__(self, prompt_length: int, times: int = 4, min_span: int = 4, max_span: int = 48):
        self.prompt_length, self.times, self.min_span, self.max_span = prompt_length, times, min_span, max_span
        self.looped = False

    def __call__(self, input_ids: torch.LongTensor, scores, **kwargs) -> torch.BoolTensor:
        reply = input_ids[0, self.prompt_length :].tolist()
        for span in range(self.min_span, min(self.max_span, len(reply) // self.times) + 1):
            tail = reply[-span * self.times :]
            if tail == tail[:span] * self.times:
                self.looped = True
                break
        return torch.full((input_ids.shape[0],), self.looped, dtype=torch.bool, device=input_ids.device)


class _Streamer(TextStreamer):
    """transformers' streamer (whole words, no prompt, no special tokens) writing to a function,
    with the reply's leading whitespace dropped, as the non-streamed reply strips it."""

    def __init__(self, tokenizer, write):
        super().__init__(tokenizer, skip_prompt=True, skip_special_tokens=True)
        self.write = write
        self.started = False

    def on_finalized_text(self, text: str, stream_end: bool = False):
        if not self.started:
            text = text.lstrip()
            self.started = bool(text)
        if text:
            self.write(text)


@dataclass(frozen=True)
class GenerationSettings:
    max_new_tokens: int = 256
    temperature: float = 0.0  # 0 = greedy
    top_p: float = 1.0
    seed: int = 0
    batch_size: int = 16

    def __post_init__(self):
        problems = [
            (self.max_new_tokens >= 1, "max_new_tokens must be >= 1"),
            (self.temperature >= 0, "temperature must be >= 0"),
            (0 < self.top_p <= 1, "top_p must be in (0, 1]"),
            (self.batch_size >= 1, "batch_size must be >= 1"),
        ]
        for ok, message in problems:
            if not ok:
                raise ConfigError(f"generation: {message}")

    def cache_fields(self) -> dict:
        """What decides the text: greedy ignores seed and top_p, so greedy runs share one cache."""
        if self.temperature == 0:
            return {"max_new_tokens": self.max_new_tokens, "temperature": 0.0}
        return {
            "max_new_tokens": self.max_new_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
            "seed": self.seed,
        }


def reply_texts(
    model, tokenizer, conversations: list[list[dict]], seeds: list[int], settings: GenerationSettings, progress=None
) -> list[str]:
    """One reply per conversation (messages ending with a user turn), in input order, uncached;
    sampling is seeded per row (`seeds`), so a row's reply does not depend on its batch.
    `progress(n)` is called after each batch of n replies."""
    return [text for text, _ in replies(model, tokenizer, conversations, seeds, settings, progress)]


def replies(
    model, tokenizer, conversations: list[list[dict]], seeds: list[int], settings: GenerationSettings, progress=None
) -> list[tuple[str, bool]]:
    """As `reply_texts`, with each reply's `finished`: False when it stopped at `max_new_tokens`
    rather than at an end-of-turn token (a cut reply)."""
    out = [("", False)] * len(conversations)
    for batch, outputs in generate_turn(model, tokenizer, conversations, seeds, settings):
        for position, (text, _, finished) in zip(batch, outputs):
            out[position] = (text, finished)
        if progress is not None:
            progress(len(batch))
    return out


def generate_turn(model, tokenizer, conversations: list[list[dict]], seeds: list[int], settings: GenerationSettings):
    """Yield (positions, [(text, new_tokens, finished)]) per batch; batches are runs of prompts
    sorted by token length, longest first (an out-of-memory batch shows up at once)."""
    prompts = [
        tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=True)[
            "input_ids"
        ]
        for messages in conversations
    ]
    order = batch_order(prompts)
    stop_ids = stop_token_ids(model, tokenizer)
    for start in range(0, len(order), settings.batch_size):
        batch = order[start : start + settings.batch_size]
        outputs = _generate_batch(
            model, tokenizer, [prompts[i] for i in batch], [seeds[i] for i in batch], settings, stop_ids
        )
        yield batch, outputs


def batch_order(prompts: list[list[int]]) -> list[int]:
    return sorted(range(len(prompts)), key=lambda i: -len(prompts[i]))


@torch.no_grad()
def _generate_batch(
    model, tokenizer, prompts: list[list[int]], seeds: list[int], settings: GenerationSettings, stop_ids: list[int]
) -> list[tuple[str, int, bool]]:
    width = max(len(ids) for ids in prompts)
    pad = tokenizer.pad_token_id
    # Left padding: generation appends on the right, so every row's last real token must be last.
    input_ids = torch.tensor([[pad] * (width - len(ids)) + ids for ids in prompts], device=model.device)
    attention_mask = torch.tensor([[0] * (width - len(ids)) + [1] * len(ids) for ids in prompts], device=model.device)
    sampler = LogitsProcessorList([_SeededSampler(seeds, settings, model.device)]) if settings.temperature > 0 else None
    output = model.generate(
        input_ids=input_ids,
        attention_mask=attention_mask,
        max_new_tokens=settings.max_new_tokens,
        do_sample=False,
        temperature=None,
        top_p=None,
        top_k=None,
        logits_processor=sampler,
        pad_token_id=pad,
        eos_token_id=stop_ids,
    )
    return [_decode(tokenizer, row, stop_ids) for row in output[:, width:].tolist()]


def _decode(tokenizer, tokens: list[int], stop_ids: list[int]) -> tuple[str, int, bool]:
    """(text, new tokens, finished): rows that stopped early are padded after their stop token."""
    stops = [index for index, token in enumerate(tokens) if token in stop_ids]
    if stops:
        tokens, new_tokens, finished = tokens[: stops[0]], stops[0] + 1, True
    else:
        new_tokens, finished = len(tokens), False
    return tokenizer.decode(tokens, skip_special_tokens=True).strip(), new_tokens, finished


class _SeededSampler(LogitsProcessor):
    """Temperature + top-p (nucleus) sampling with one generator per row; returns scores where
    only the drawn token is finite, so generate's greedy argmax takes exactly that token."""

    def __init__(self, seeds: list[int], settings: GenerationSettings, device):
        self.generators = [torch.Generator(device=device).manual_seed(seed) for seed in seeds]
        self.temperature = settings.temperature
        self.top_p = settings.top_p

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        probs = torch.softmax(scores.float() / self.temperature, dim=-1)  # [batch, vocab]
        if self.top_p < 1:
            sorted_probs, sorted_ids = probs.sort(dim=-1, descending=True)
            # keep the smallest prefix whose mass reaches top_p: a token stays if the mass before it is < top_p
            outside = sorted_probs.cumsum(-1) - sorted_probs >= self.top_p
            sorted_probs = sorted_probs.masked_fill(outside, 0.0)
            probs = torch.zeros_like(probs).scatter(-1, sorted_ids, sorted_probs)
        drawn = torch.stack(
            [torch.multinomial(row, 1, generator=generator) for row, generator in zip(probs, self.generators)]
        )  # [batch, 1]
        return torch.full_like(scores, float("-inf")).scatter(-1, drawn, 0.0)
