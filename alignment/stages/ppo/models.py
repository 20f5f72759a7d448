"""The four roles of a PPO run on one frozen base model, and their forward passes.

    policy     base + LoRA adapter "default" (saved as adapter/: what `alignment generate` loads)
    value      base + LoRA adapter "value" + `value_head` (Linear hidden -> 1), saved as value/
    reference  base with every adapter disabled (no second copy)
    reward     base + the reward stage's LoRA adapter "reward" + its score head, when the reward model
               was trained on this same base (one copy of the weights in memory); otherwise a separate
               reward model (`alignment.models.reward_model.load_reward_model`: any backbone, its own tokenizer)

Sequences are `[prompt, left-padded | reply, right-padded]`, so every prompt ends at column
`width` and reply token t sits at column width + t, predicted by the hidden state at width + t - 1.
With `adapter.last_layers` the bottom layers carry no adapter and their output is the same for
every role: the rollout captures it while sampling (or else the reference pass records it), and
the reference, policy and value passes replay it (`models/frozen_prefix.py`), so those layers run for the
sampling only instead of three more times.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import torch
import torch.utils.checkpoint
from torch import nn

from alignment.config import ModelConfig, PPOConfig
from alignment.core.errors import ConfigError
from alignment.models import frozen_prefix
from alignment.models import loading as models
from alignment.models.reward_model import SeparateReward, encode, prepare_tokenizer, score_ids

POLICY, VALUE, REWARD = "default", "value", "reward"
_TRAINABLE = re.compile(rf"\.lora_[AB]\.({POLICY}|{VALUE})\.")
_REWARD = re.compile(rf"\.lora_[AB]\.{REWARD}\.")


@dataclass
class ActorCritic:
    model: nn.Module  # PeftModel holding the policy, value (and shared reward) adapters
    tokenizer: object
    value_head: nn.Linear | None  # hidden -> 1, float32; None without a value model (GRPO)
    trainable: list  # the policy and value LoRA tensors and the value head
    device: torch.device
    prefix: int = 0  # frozen bottom layers shared between roles (0 = none)
    checkpointing: bool = False  # recompute the decoder layers' activations in the backward pass
    sharded: bool = False  # FSDP2: each process holds its shard of every decoder layer (`shard_layers`)


def load_actor_critic(config: PPOConfig, device: torch.device, value: bool = True) -> ActorCritic:
    """The base (SFT) model with a fresh policy adapter and, with `value`, a value adapter + head
    (seeded by the caller). GRPO asks for no value model."""
    from peft import get_peft_model

    if config.adapter.method == "full":
        raise ConfigError(
            f"adapter.method: {'PPO' if value else 'GRPO'} trains LoRA adapters over a frozen base (the reference "
            "is that base with the adapters off); use lora or qlora"
        )
    base, tokenizer, lora = models.load_for_lora(config.model, config.adapter)
    if config.adapter.method != "qlora":
        base.to(device)
    model = get_peft_model(base, lora)
    value_head = None
    if value:
        model.add_adapter(VALUE, lora)
        hidden = model.get_base_model().config.hidden_size
        value_head = nn.Linear(hidden, 1).to(device=device, dtype=torch.float32)
        nn.init.zeros_(value_head.weight)  # values start at 0; the head learns the return scale first
        nn.init.zeros_(value_head.bias)
    trainable = [p for name, p in model.named_parameters() if _TRAINABLE.search(name)]
    heads = list(value_head.parameters()) if value_head is not None else []
    actor_critic = ActorCritic(model, tokenizer, value_head, trainable + heads, device)
    use_adapter(actor_critic, POLICY)
    actor_critic.prefix = frozen_prefix.frozen_prefix_length(model) if config.adapter.last_layers else 0
    actor_critic.checkpointing = config.train.gradient_checkpointing
    return actor_critic


def shard_layers(actor_critic: ActorCritic, stage: str) -> None:
    """FSDP2 for the PPO and GRPO loops: `fully_shard` every decoder layer, so each process holds
    1/world of their weights, adapters and optimizer state, gathered one layer at a time for each
    pass. The embeddings, final norm and head stay whole on every process: the passes call the
    decoder and read the head's weight directly, not through the root module whose hooks would
    gather them, and their gradients (none, the base is frozen) and the value head's are averaged
    by hand as under DDP. The frozen-prefix replay swaps layers, so it is off. Ends with
    `check_sharded`, which says how much of the model this process holds."""
    from torch.distributed.fsdp import fully_shard

    from alignment.core.distributed import check_sharded, is_main_process

    for layer in frozen_prefix.decoder_layers(actor_critic.model):
        fully_shard(layer)
        # Each layer is its own FSDP root, and a root keeps its gathered weights after a forward by
        # default. peft's set_adapter would then switch requires_grad on those gathered copies,
        # which the next gather does not restore from the shards: the value adapter would never
        # get a gradient. Regathered for every pass, the copies follow the shards.
        layer.set_reshard_after_forward(True)
    # fully_shard replaced the layers' parameters with sharded ones: collect them again
    heads = list(actor_critic.value_head.parameters()) if actor_critic.value_head is not None else []
    actor_critic.trainable = [p for name, p in actor_critic.model.named_parameters() if _TRAINABLE.search(name)]
    actor_critic.trainable += heads
    if actor_critic.prefix and is_main_process():
        print(f"[{stage}] frozen-prefix sharing: off under FSDP (sharded layers run in full)", flush=True)
    actor_critic.prefix, actor_critic.sharded = 0, True
    check_sharded(stage, actor_critic.model)


def gathered_state_dict(actor_critic: ActorCritic) -> dict | None:
    """The model's whole state dict gathered from the shards, on rank 0 (a collective: every
    process calls it; the others get an empty dict); None when the layers are not sharded."""
    if not actor_critic.sharded:
        return None
    from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict

    return get_model_state_dict(actor_critic.model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))


def use_adapter(actor_critic: ActorCritic, name: str) -> None:
    """Make `name` the active adapter. peft's set_adapter also freezes the other adapters; our
    trainable tensors stay trainable (both adapters learn in one step) and the reward stays frozen."""
    actor_critic.model.base_model.set_adapter(name)
    for parameter in actor_critic.trainable:
        parameter.requires_grad_(True)
    if name == REWARD:
        for parameter_name, parameter in actor_critic.model.named_parameters():
            if _REWARD.search(parameter_name):
                parameter.requires_grad_(False)


def _parts(model):
    inner = model.get_base_model()
    return inner.get_decoder(), inner.get_output_embeddings()


def _reply_hidden(model, input_ids, attention_mask, width: int) -> torch.Tensor:
    """Hidden states that predict the reply tokens: `[batch, reply, hidden]`."""
    decoder, _ = _parts(model)
    position_ids = (attention_mask.cumsum(-1) - 1).clamp(min=0)  # as generate numbers left-padded rows
    hidden = decoder(
        input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids, use_cache=False
    ).last_hidden_state
    return hidden[:, width - 1 : -1]


_CHUNK_ELEMENTS = 1 << 23  # logits held at once by the tiled head: 8M floats, 32 MB


def _scaled_logits(hidden: torch.Tensor, weight: torch.Tensor, temperature: float) -> torch.Tensor:
    logits = nn.functional.linear(hidden, weight).float()  # as head(hidden).float()
    return logits / temperature if temperature != 1.0 else logits


class _TiledHeadLogps(torch.autograd.Function):
    """log p(y) = z_y - logsumexp(z), z = h W^T / T, through a frozen bias-free output head, a tile of
    positions at a time: no `[positions, vocab]` tensor is kept for the backward pass, which recomputes
    each tile's logits and returns dL/dh = (g (onehot(y) - p) / T) W. The entropy, when asked, is
    measured in the same tiles and carries no gradient."""

    @staticmethod
    def forward(ctx, hidden, weight, targets, temperature, rows, with_entropy):
        logps = torch.empty(targets.shape, dtype=torch.float32, device=hidden.device)
        normalisers = torch.empty_like(logps)
        entropy = torch.empty_like(logps) if with_entropy else logps.new_empty(0)
        for start in range(0, hidden.shape[0], rows):
            tile = slice(start, start + rows)
            logits = _scaled_logits(hidden[tile], weight, temperature)
            normaliser = torch.logsumexp(logits, dim=-1)
            normalisers[tile] = normaliser
            logps[tile] = logits.gather(-1, targets[tile].unsqueeze(-1)).squeeze(-1) - normaliser
            if with_entropy:
                entropy[tile] = normaliser - (torch.exp(logits - normaliser.unsqueeze(-1)) * logits).sum(-1)
        ctx.save_for_backward(hidden, weight, targets, normalisers)
        ctx.temperature, ctx.rows = temperature, rows
        ctx.mark_non_differentiable(entropy)
        return logps, entropy

    @staticmethod
    def backward(ctx, grad, _grad_entropy):
        hidden, weight, targets, normalisers = ctx.saved_tensors
        grad_hidden = torch.empty_like(hidden)
        for start in range(0, hidden.shape[0], ctx.rows):
            tile = slice(start, start + ctx.rows)
            logits = _scaled_logits(hidden[tile], weight, ctx.temperature)
            upstream = grad[tile].unsqueeze(-1)
            grad_logits = torch.exp(logits - normalisers[tile].unsqueeze(-1)).mul_(-upstream)  # -g p
            grad_logits.scatter_add_(-1, targets[tile].unsqueeze(-1), upstream)  # + g onehot(y)
            if ctx.temperature != 1.0:
                grad_logits.div_(ctx.temperature)
            grad_hidden[tile] = grad_logits.to(weight.dtype) @ weight
        return grad_hidden, None, None, None, None, None


def _tiled_head(head) -> bool:
    """The tiled path needs a plain frozen bias-free Linear head holding its whole weight here."""
    return (
        type(head) is nn.Linear
        and head.bias is None
        and not head.weight.requires_grad
        and head.weight.dim() == 2
        and type(head.weight) in (torch.Tensor, nn.Parameter)
    )


def token_logps(
    model,
    hidden: torch.Tensor,
    replies: torch.Tensor,
    temperature: float,
    with_entropy: bool = False,
    entropy_grad: bool = True,
):
    """Log-prob of each reply token `[batch, reply]` (and the policy entropy there) at `temperature`.

    With lse = logsumexp(z) over the vocabulary: log p(y) = z_y - lse and H = lse - sum_v p_v z_v,
    p = exp(z - lse). A frozen Linear head (LoRA never adapts it) runs tiled (`_TiledHeadLogps`):
    at most `_CHUNK_ELEMENTS` logits exist at once, in the forward and the backward pass, instead of
    several `[batch, reply, vocab]` tensors (49k wide). Without `entropy_grad` the entropy is only
    measured: autograd keeps none of its vocabulary-wide tensors."""
    _, head = _parts(model)
    if _tiled_head(head) and not (with_entropy and entropy_grad and torch.is_grad_enabled()):
        batch, width = replies.shape
        rows = max(1, _CHUNK_ELEMENTS // head.weight.shape[0])
        logps, entropy = _TiledHeadLogps.apply(
            hidden.reshape(batch * width, -1), head.weight, replies.reshape(-1), temperature, rows, with_entropy
        )
        return logps.view(batch, width), entropy.view(batch, width) if with_entropy else None
    logits = head(hidden).float()  # [batch, reply, vocab]
    if temperature != 1.0:
        logits = logits / temperature
    normaliser = torch.logsumexp(logits, dim=-1)  # [batch, reply]
    logps = logits.gather(-1, replies.unsqueeze(-1)).squeeze(-1) - normaliser
    if not with_entropy:
        return logps, None
    with contextlib.nullcontext() if entropy_grad else torch.no_grad():
        return logps, normaliser - (torch.exp(logits - normaliser.unsqueeze(-1)) * logits).sum(-1)


def values_of(actor_critic: ActorCritic, hidden: torch.Tensor) -> torch.Tensor:
    return actor_critic.value_head(hidden.float()).squeeze(-1)  # [batch, reply]


class _Checkpointed(nn.Module):
    """A decoder layer whose activations are recomputed in the backward pass instead of kept."""

    def __init__(self, layer: nn.Module):
        super().__init__()
        self.layer = layer
        if hasattr(layer, "attention_type"):  # some decoders pick each layer's mask by it
            self.attention_type = layer.attention_type

    def forward(self, *args, **kwargs):
        return torch.utils.checkpoint.checkpoint(self.layer, *args, use_reentrant=False, **kwargs)


@contextlib.contextmanager
def _checkpointing(actor_critic: ActorCritic):
    """With `train.gradient_checkpointing`, the layers a gradient pass runs (those above the replayed
    frozen prefix, or all) keep only their inputs; each recomputes its activations in the backward
    pass, one layer at a time. Without it, or without gradients, nothing changes."""
    layers = frozen_prefix.decoder_layers(actor_critic.model) if actor_critic.checkpointing else None
    if layers is None or not torch.is_grad_enabled():
        yield
        return
    wrapped = range(actor_critic.prefix, len(layers))
    originals = [layers[index] for index in wrapped]
    try:
        for index, layer in zip(wrapped, originals):
            layers[index] = _Checkpointed(layer)
        yield
    finally:
        for index, layer in zip(wrapped, originals):
            layers[index] = layer


class _Given:
    def __init__(self, hidden):
        self.hidden = hidden


@contextlib.contextmanager
def _shared_prefix(actor_critic: ActorCritic, seen):
    """Replay the recorded frozen-prefix output when there is one."""
    if seen is None or seen.hidden is None:
        yield
        return
    layers = frozen_prefix.decoder_layers(actor_critic.model)
    with frozen_prefix.replay(layers, actor_critic.prefix, seen.hidden):
        yield


def _recording(actor_critic: ActorCritic):
    if not actor_critic.prefix:
        return contextlib.nullcontext(None)
    return frozen_prefix.record(frozen_prefix.decoder_layers(actor_critic.model), actor_critic.prefix)


@torch.no_grad()
def rollout_statistics(
    actor_critic: ActorCritic,
    input_ids,
    attention_mask,
    replies,
    width: int,
    temperature: float,
    prefix: torch.Tensor | None = None,
    reference: bool = True,
    policy: bool = True,
) -> dict:
    """Per reply token, without gradients: policy and reference log-probs, values, policy entropy;
    and `prefix`, the frozen prefix's output `[batch, seq, hidden]` (None without one), which the
    update replays: the base is frozen, so it is the same in every epoch. A `prefix` given (the
    rollout captured it while sampling) is replayed by all passes; else the first pass records it.
    GRPO leaves out what it does not need (None in the result): the reference pass without a KL
    term, the policy pass when each rollout feeds one update, the values always (no value model)."""
    model = actor_critic.model
    seen = _Given(prefix) if prefix is not None else None
    ref_logps = logps = entropy = values = None
    if reference:
        with (
            _shared_prefix(actor_critic, seen) if seen else _recording(actor_critic) as recorded,
            model.disable_adapter(),
        ):
            hidden = _reply_hidden(model, input_ids, attention_mask, width)
            ref_logps, _ = token_logps(model, hidden, replies, temperature)
        seen = seen or recorded
    if policy or actor_critic.value_head is not None or (seen is None and actor_critic.prefix):
        use_adapter(actor_critic, POLICY)
        with _shared_prefix(actor_critic, seen) if seen else _recording(actor_critic) as recorded:
            hidden = _reply_hidden(model, input_ids, attention_mask, width)
            if policy:
                logps, entropy = token_logps(model, hidden, replies, temperature, with_entropy=True)
            if actor_critic.value_head is not None:
                use_adapter(actor_critic, VALUE)
                values = values_of(actor_critic, _reply_hidden(model, input_ids, attention_mask, width))
        seen = seen or recorded
    use_adapter(actor_critic, POLICY)
    return {
        "logps": logps,
        "ref_logps": ref_logps,
        "values": values,
        "entropy": entropy,
        "prefix": seen.hidden if seen is not None else None,
    }


def policy_logps(
    actor_critic: ActorCritic,
    input_ids,
    attention_mask,
    replies,
    width: int,
    temperature: float,
    prefix: torch.Tensor | None = None,
    with_entropy: bool = False,
    entropy_grad: bool = True,
):
    """(log-probs, entropy or None), `[batch, reply]`, with gradients, for the PPO update (the entropy
    without them when `entropy_grad` is false: GRPO only logs it). With a
    frozen prefix the pass replays its output (`prefix`, from the rollout statistics: the base is
    frozen, so it holds in every epoch) and computes only the adapted top layers."""
    use_adapter(actor_critic, POLICY)
    with _shared_prefix(actor_critic, _Given(prefix) if prefix is not None else None), _checkpointing(actor_critic):
        hidden = _reply_hidden(actor_critic.model, input_ids, attention_mask, width)
    return token_logps(
        actor_critic.model, hidden, replies, temperature, with_entropy=with_entropy, entropy_grad=entropy_grad
    )


def value_estimates(
    actor_critic: ActorCritic, input_ids, attention_mask, width: int, prefix: torch.Tensor | None = None
) -> torch.Tensor:
    """Values `[batch, reply]`, with gradients, replaying the frozen prefix like `policy_logps`."""
    use_adapter(actor_critic, VALUE)
    with _shared_prefix(actor_critic, _Given(prefix) if prefix is not None else None), _checkpointing(actor_critic):
        values = values_of(actor_critic, _reply_hidden(actor_critic.model, input_ids, attention_mask, width))
    use_adapter(actor_critic, POLICY)
    return values


# ---- reward ----


class SharedReward:
    """The reward stage's adapter and score head on the policy's own base: scores like the reward
    model loaded alone (tests/test_ppo_stage.py checks 1e-5), without a second copy of the weights.
    Batching and padding are `scoring.score_ids`'s, as for every reward model."""

    def __init__(self, actor_critic: ActorCritic, adapter_dir: Path, tokenizer):
        self.actor_critic, self.tokenizer = actor_critic, prepare_tokenizer(tokenizer)
        extra = models.add_frozen_lora(actor_critic.model, adapter_dir, REWARD)
        head = {key.rsplit(".", 1)[-1]: value for key, value in extra.items() if key.startswith("score.")}
        self.head = _PooledHead(head, tokenizer.pad_token_id, _parts(actor_critic.model)[0]).to(actor_critic.device)
        use_adapter(actor_critic, POLICY)

    def score(self, prompts: list[list[dict]], replies: list[str], batch_size: int = 16) -> list[float]:
        ids = encode(
            self.tokenizer,
            [prompt + [{"role": "assistant", "content": reply}] for prompt, reply in zip(prompts, replies)],
        )
        use_adapter(self.actor_critic, REWARD)
        try:
            return score_ids(self.head, ids, self.tokenizer.pad_token_id, batch_size)
        finally:
            use_adapter(self.actor_critic, POLICY)


class _PooledHead(nn.Module):
    """The sequence-classification forward over the shared decoder: the score head on the last token
    that is not the pad id. Only the head is a submodule, so `score_ids`' eval()/train() calls leave
    the policy model's mode alone."""

    def __init__(self, state: dict, pad_token_id: int, decoder):
        super().__init__()
        self.score = nn.Linear(state["weight"].shape[1], 1, bias="bias" in state)
        self.score.load_state_dict(state)
        self.score.requires_grad_(False)
        self.pad_token_id, self.decoder = pad_token_id, [decoder]  # a list: not registered as a submodule
        self.eval()

    def forward(self, input_ids, attention_mask):
        hidden = self.decoder[0](input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        last = (positions * (input_ids != self.pad_token_id)).argmax(-1)  # [batch]
        pooled = hidden[torch.arange(len(input_ids), device=input_ids.device), last]
        return SimpleNamespace(logits=self.score(pooled.to(self.score.weight.dtype)).float())  # [batch, 1]


def load_reward(config: PPOConfig, actor_critic: ActorCritic, path: str | None = None):
    """(scorer or None, how it is held, in words). Shared when the reward stage saved a LoRA adapter
    (+ score head only) over the very base the policy starts from; separate otherwise. `path`: the
    reward model to load (default `config.ppo.reward_model`)."""
    path = config.ppo.reward_model if path is None else path
    if not path:
        return None, "no reward model (rule rewards only)"
    adapter_dir = _reward_adapter_dir(Path(path).expanduser())
    if adapter_dir is not None and _same_base(adapter_dir, config):
        tokenizer = models.load_tokenizer(str(adapter_dir), config.model, require_chat_template=False)
        return SharedReward(actor_critic, adapter_dir, tokenizer), f"adapter on the policy's base ({adapter_dir})"
    return SeparateReward(path, config.model.dtype), f"separate model ({path})"


def _reward_adapter_dir(path: Path) -> Path | None:
    for candidate in (path / "adapter", path):
        if models.is_adapter_dir(candidate):
            return candidate
    return None


def _same_base(adapter_dir: Path, config: PPOConfig) -> bool:
    """The adapter was trained on the policy's base, and holds nothing but LoRA tensors and a score head."""
    adapter_config = json.loads((adapter_dir / "adapter_config.json").read_text())
    if adapter_config.get("task_type") != "SEQ_CLS" or adapter_config.get("peft_type") != "LORA":
        return False
    if set(adapter_config.get("modules_to_save") or []) - {"score", "classifier"}:
        return False
    try:
        theirs = models.resolve_model_dir(ModelConfig(name_or_path=models.training_base(adapter_dir)))
        ours = models.resolve_model_dir(config.model)
    except Exception:  # an unresolvable base: load the reward model on its own and let that report
        return False
    return Path(theirs).resolve() == Path(ours).resolve()
