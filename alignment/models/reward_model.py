"""How text becomes reward-model input, and the scoring API built on it.

    model = load_reward_model("runs/reward/reward")           # stage dir, merged dir or adapter dir
    model.score(["What is 2+2?"], ["4."], batch_size=16)      # -> [1.73]

Rendering rule (the same in training, evaluation and scoring, so a reward model sees at scoring
time exactly the text shape it was trained on):
- The reward model always reads text rendered and tokenised by *its own* tokenizer. Preference
  data is kept as chat messages (text), never as another model's token ids, so a reward backbone
  with a different tokenizer from the policy (a small encoder, another model family) just works:
  a policy's output is decoded to text first, then re-rendered and re-tokenised here.
- A tokenizer with a chat template renders `prompt messages + [assistant reply]` through that
  template (no generation prompt), tokenised without adding special tokens (the template has them).
- A tokenizer without one (encoders such as BERT/MiniLM, base LMs) gets `PLAIN_TEXT_TEMPLATE`:
  one `Role: content` line per message (`System:`, `User:`, `Assistant:`), tokenised *with* the
  tokenizer's special tokens ([CLS] ... [SEP] for BERT, whose pooler reads [CLS]). The template and
  the rendering choice (`RENDERING_KEY` in tokenizer_config.json) are saved with the trained
  reward model, so scoring renders identically.
- Nothing is truncated: training drops pairs over `data.max_length` (which may not exceed the
  model's position limit), and scoring refuses inputs longer than that limit.
The reward is the head's single output for the whole sequence: the last non-pad token for
decoders (what AutoModelForSequenceClassification does), the pooled [CLS] for BERT-style encoders.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from alignment.core.errors import AlignmentError

PLAIN_TEXT_TEMPLATE = (
    "{% for message in messages %}"
    "{% if not loop.first %}{{ '\n' }}{% endif %}"
    "{{ message['role'] | capitalize }}: {{ message['content'] }}"
    "{% endfor %}"
)


RENDERING_KEY = "alignment_reward_rendering"
"""Tokenizer init kwarg naming the rendering ("plain_text" or "chat_template"); save_pretrained
writes it to tokenizer_config.json, so adapter/ and merged/ carry it and scoring reads it back."""


def prepare_tokenizer(tokenizer):
    """Fix the tokenizer's rendering (see the rule above) and record it in the tokenizer itself.

    A tokenizer that already records one (a trained reward model) keeps it. Otherwise a
    template-less tokenizer gets the plain-text template; one whose template is exactly
    `PLAIN_TEXT_TEMPLATE` is a reward model saved before the flag existed and renders plain too."""
    rendering = tokenizer.init_kwargs.get(RENDERING_KEY)
    if rendering is None:
        plain = not tokenizer.chat_template or tokenizer.chat_template == PLAIN_TEXT_TEMPLATE
        rendering = "plain_text" if plain else "chat_template"
        tokenizer.init_kwargs[RENDERING_KEY] = rendering
    if rendering == "plain_text" and not tokenizer.chat_template:
        tokenizer.chat_template = PLAIN_TEXT_TEMPLATE
    return tokenizer


def render(tokenizer, messages: list[dict]) -> str:
    return tokenizer.apply_chat_template(messages, tokenize=False)


def encode(tokenizer, conversations: list[list[dict]]) -> list[list[int]]:
    """Token ids of each conversation (prompt messages + the assistant reply) for the reward model.
    Plain-text rendering adds the tokenizer's special tokens; a chat template brings its own."""
    plain = prepare_tokenizer(tokenizer).init_kwargs[RENDERING_KEY] == "plain_text"
    texts = [render(tokenizer, messages) for messages in conversations]
    return tokenizer(texts, add_special_tokens=plain)["input_ids"]


def position_limit(model_config, tokenizer) -> int | None:
    """Longest sequence the model reads: the config's `max_position_embeddings`, capped by the
    tokenizer's `model_max_length` where that is a real number (RoBERTa-style configs count two
    reserved positions their tokenizers leave out). None when neither says."""
    limits = [getattr(model_config, "max_position_embeddings", None), getattr(tokenizer, "model_max_length", None)]
    limits = [int(limit) for limit in limits if isinstance(limit, int) and 0 < limit < 1_000_000]
    return min(limits) if limits else None


def as_messages(prompt: str | list[dict], response: str | list[dict]) -> list[dict]:
    """A prompt (text or messages ending with the user) + a response (text or one assistant message)."""
    prompt_messages = [{"role": "user", "content": prompt}] if isinstance(prompt, str) else list(prompt)
    reply = [{"role": "assistant", "content": response}] if isinstance(response, str) else list(response)
    return prompt_messages + reply


@torch.no_grad()
def score_ids(model, ids: list[list[int]], pad_token_id: int, batch_size: int = 16) -> list[float]:
    """One reward per sequence. Sequences are batched longest first (less padding), right-padded,
    and the rewards returned in input order."""
    if batch_size < 1:
        raise AlignmentError(f"batch_size must be at least 1, got {batch_size}")
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    order = sorted(range(len(ids)), key=lambda index: -len(ids[index]))
    rewards = [0.0] * len(ids)
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        width = max(len(ids[index]) for index in batch)
        input_ids = torch.full((len(batch), width), pad_token_id, dtype=torch.long)  # [batch, seq]
        attention_mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, index in enumerate(batch):
            input_ids[row, : len(ids[index])] = torch.tensor(ids[index])
            attention_mask[row, : len(ids[index])] = 1
        logits = model(input_ids=input_ids.to(device), attention_mask=attention_mask.to(device)).logits  # [batch, 1]
        for row, index in enumerate(batch):
            rewards[index] = logits[row, 0].float().item()
    model.train(was_training)
    return rewards


def pair_statistics(subsets: list[str], chosen: list[float], rejected: list[float]) -> dict:
    """RewardBench-style figures for scored pairs: per subset n, accuracy (r_chosen > r_rejected
    strictly, so ties count as wrong), ties, mean margin and the chosen/rejected reward
    distributions; `overall` pools every pair, i.e. the subsets' accuracies weighted by n."""
    groups: dict[str, list[int]] = {}
    for index, subset in enumerate(subsets):
        groups.setdefault(subset, []).append(index)
    return {
        "subsets": {
            name: _figures([chosen[i] for i in rows], [rejected[i] for i in rows])
            for name, rows in sorted(groups.items())
        },
        "overall": _figures(chosen, rejected),
        "rule": "accuracy = fraction of pairs with r_chosen > r_rejected strictly (ties count as wrong); "
        "overall = pooled over subsets, i.e. weighted by example count",
    }


def _figures(chosen: list[float], rejected: list[float]) -> dict:
    chosen_tensor, rejected_tensor = (
        torch.tensor(chosen, dtype=torch.float64),
        torch.tensor(rejected, dtype=torch.float64),
    )
    n = len(chosen)
    return {
        "n": n,
        "accuracy": round((chosen_tensor > rejected_tensor).double().mean().item(), 4) if n else None,
        "ties": int((chosen_tensor == rejected_tensor).sum().item()),
        "margin_mean": round((chosen_tensor - rejected_tensor).mean().item(), 4) if n else None,
        "chosen": _distribution(chosen_tensor),
        "rejected": _distribution(rejected_tensor),
    }


def _distribution(values: torch.Tensor) -> dict:
    if values.numel() == 0:
        return {"mean": None}
    quantiles = torch.quantile(values, torch.tensor([0.05, 0.25, 0.5, 0.75, 0.95], dtype=torch.float64))
    return {
        "mean": round(values.mean().item(), 4),
        "std": round(values.std(unbiased=False).item(), 4),
        **{f"p{q}": round(v, 4) for q, v in zip((5, 25, 50, 75, 95), quantiles.tolist())},
    }


@dataclass
class RewardModel:
    """A loaded reward model and its tokenizer; `score` is the API PPO and the eval harness use."""

    model: object
    tokenizer: object
    max_length: int | None = None
    """Longest sequence the model reads (`position_limit`); longer inputs are refused, not truncated."""

    def score(self, prompts: list, responses: list, batch_size: int = 16) -> list[float]:
        """Rewards for (prompt, response) couples; each side is text or chat messages.

        A couple longer than `max_length` tokens is refused (AlignmentError): truncating would
        score a different text than the one asked about, silently."""
        if len(prompts) != len(responses):
            raise AlignmentError(f"score: {len(prompts)} prompts but {len(responses)} responses")
        conversations = [as_messages(prompt, response) for prompt, response in zip(prompts, responses)]
        ids = encode(self.tokenizer, conversations)
        too_long = [index for index, row in enumerate(ids) if self.max_length and len(row) > self.max_length]
        if too_long:
            index = too_long[0]
            raise AlignmentError(
                f"score: {len(too_long)} of {len(ids)} prompt + response couples are longer than this reward model "
                f"reads ({self.max_length} tokens, its position limit), e.g. couple {index}: {len(ids[index])} "
                "tokens. Shorten them (e.g. drop earlier turns of the prompt) before scoring."
            )
        return score_ids(self.model, ids, self.tokenizer.pad_token_id, batch_size)


def load_reward_model(path: str, dtype: str = "auto") -> RewardModel:
    """A trained reward model from a reward stage dir, its merged/ dir, or its adapter/ dir."""
    from alignment.models.loading import load_reward_for_inference

    model, tokenizer = load_reward_for_inference(path, dtype=dtype)
    return RewardModel(model, prepare_tokenizer(tokenizer), position_limit(model.config, tokenizer))


class SeparateReward:
    """A reward model with its own weights (another backbone or tokenizer, or a merged model)."""

    def __init__(self, path: str, dtype: str):
        self.model = load_reward_model(path, dtype=dtype)

    def score(self, prompts: list[list[dict]], replies: list[str], batch_size: int = 16) -> list[float]:
        return self.model.score(prompts, replies, batch_size=batch_size)
