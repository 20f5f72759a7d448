"""One forward of the frozen lower layers, shared by the DPO policy and reference passes.

With `adapter.last_layers: k` LoRA adapts only the top k decoder layers, so the embeddings and the
layers below them are the same network with the adapter on (policy) or off (reference): their
hidden states are equal. Per batch, the reference pass (adapter off, no grad) records the hidden
states leaving the last frozen layer; the policy pass then replays them in place of that whole
prefix and computes only the top k layers and the head. Compared with a policy forward plus a
separate reference forward (each pass or precomputed), every training pair runs the prefix once
instead of twice.

    start = frozen_prefix_length(model)          # 0: nothing to share (adapter in layer 0, FSDP, ...)
    with record(layers, start) as seen: ...      # reference pass
    with replay(layers, start, seen.hidden): ... # policy pass

PPO goes one step further: its rollout already runs the prefix while sampling, so `capture` keeps
that output (prompt, then one token per decode step) and every later pass replays it.

The swap is of modules inside one process, so it is used only where that module tree is the one
that runs: one device or DDP; FSDP and DeepSpeed shard or wrap the layers, and the caller keeps
its plain passes there.
"""

from __future__ import annotations

import contextlib

import torch
from torch import nn


def decoder_layers(model) -> nn.ModuleList | None:
    """The decoder layer list of a (peft-wrapped) causal LM, if it has one where transformers keeps it."""
    inner = model
    for name in ("base_model", "model"):  # PeftModel -> LoraModel -> *ForCausalLM
        if hasattr(inner, "get_decoder"):
            break
        inner = getattr(inner, name, inner)
    decoder = inner.get_decoder() if hasattr(inner, "get_decoder") else None
    layers = getattr(decoder, "layers", None)
    return layers if isinstance(layers, nn.ModuleList) and len(layers) > 1 else None


def frozen_prefix_length(model) -> int:
    """How many bottom decoder layers have no trainable parameter while the embeddings have none
    either (so the hidden states leaving them do not depend on the adapter); 0 when there is no
    such prefix or no decoder layer list to find it in."""
    layers = decoder_layers(model)
    if layers is None or any(p.requires_grad for p in model.get_input_embeddings().parameters()):
        return 0
    for index, layer in enumerate(layers):
        if any(p.requires_grad for p in layer.parameters()):
            return index
    return 0  # nothing trainable in any layer: not a LoRA policy


def _hidden_states(module: nn.Module, output) -> torch.Tensor:
    """A decoder layer's output, detached; an output that is not one tensor is refused."""
    if not isinstance(output, torch.Tensor):
        raise TypeError(f"{type(module).__name__} returns {type(output).__name__}, not a hidden-state tensor")
    return output.detach()


class _Recorded:
    hidden: torch.Tensor | None = None


@contextlib.contextmanager
def record(layers: nn.ModuleList, start: int):
    """Yields an object whose `.hidden` is, after a forward inside the block, the output of layer
    `start - 1` (detached)."""
    seen = _Recorded()

    def hook(module, args, output):
        seen.hidden = _hidden_states(module, output)

    handle = layers[start - 1].register_forward_hook(hook)
    try:
        yield seen
    finally:
        handle.remove()


class _Captured:
    def __init__(self):
        self.parts: list[torch.Tensor] = []

    def hidden(self, length: int) -> torch.Tensor:
        """The captured outputs joined along the sequence, `[batch, length, hidden]`. Generation never
        feeds its last sampled token back, so that position has no output: it is zero-filled. Only
        the last position of a sequence may be missing, and its output is one that causal layers
        above let nothing else read (position j attends to positions <= j)."""
        hidden = torch.cat(self.parts, dim=1)
        missing = length - hidden.shape[1]
        if missing > 1:
            raise ValueError(f"captured {hidden.shape[1]} positions, asked for {length}")
        if missing == 1:
            hidden = torch.cat([hidden, hidden.new_zeros(hidden.shape[0], 1, hidden.shape[2])], dim=1)
        return hidden[:, :length]


@contextlib.contextmanager
def capture(layers: nn.ModuleList, start: int):
    """Like `record`, across every forward inside the block: an incremental decode (generate with
    a KV cache) runs the prompt, then one token per step; yields a `_Captured` whose
    `hidden(length)` is the output of layer `start - 1` for the whole sequence."""
    captured = _Captured()

    def hook(module, args, output):
        captured.parts.append(_hidden_states(module, output))

    handle = layers[start - 1].register_forward_hook(hook)
    try:
        yield captured
    finally:
        handle.remove()


class _Replay(nn.Module):
    def __init__(self, hidden: torch.Tensor):
        super().__init__()
        self.hidden = hidden

    def forward(self, hidden_states, *args, **kwargs):
        if hidden_states.shape != self.hidden.shape:
            raise ValueError(
                f"replayed hidden states {tuple(self.hidden.shape)} do not fit the batch {tuple(hidden_states.shape)}"
            )
        return self.hidden


class _Skip(nn.Module):
    def forward(self, hidden_states, *args, **kwargs):
        return hidden_states


@contextlib.contextmanager
def replay(layers: nn.ModuleList, start: int, hidden: torch.Tensor):
    """Inside the block layers 0 .. start - 1 are skipped and layer `start` receives `hidden` (the
    recorded output of the same batch); layer indices are kept, so per-layer masks still line up."""
    originals = [layers[index] for index in range(start)]
    try:
        layers[0] = _Replay(hidden)
        for index in range(1, start):
            layers[index] = _Skip()
        yield
    finally:
        for index, layer in enumerate(originals):
            layers[index] = layer


class SequenceCache:
    """The output of the frozen prefix per distinct token sequence, kept the first time a training
    step meets the sequence and replayed in every later step that meets it again (SFT epochs):

        hidden = cache.batch_hidden(input_ids, attention_mask)   # None unless every row is kept
        if hidden is None:
            with record(layers, cache.start) as seen: ...           # the plain pass
            cache.add(input_ids, attention_mask, seen.hidden)
        else:
            with replay(layers, cache.start, hidden): ...

    A row's hidden states do not depend on what else is in its batch: causal attention over real
    tokens only, positions counted from its first token, so right-padded batches of other rows give
    the same values, up to the rounding of different matrix shapes. Padded positions get zeros;
    nothing trained reads them. Past `limit` bytes no more rows are kept (`full` turns true)."""

    def __init__(self, start: int, limit: int):
        self.start = start
        self.limit = limit
        self.bytes = 0
        self.full = False
        self.hidden: dict[tuple[int, ...], torch.Tensor] = {}

    @staticmethod
    def _rows(input_ids: torch.Tensor, attention_mask: torch.Tensor):
        for ids, mask in zip(input_ids.tolist(), attention_mask.bool().tolist()):
            yield tuple(token for token, keep in zip(ids, mask) if keep)

    def add(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, hidden: torch.Tensor) -> None:
        """Keep each row's real positions of `hidden` ([batch, seq, hidden], detached)."""
        for row, (key, mask) in enumerate(zip(self._rows(input_ids, attention_mask), attention_mask.bool())):
            if key in self.hidden:
                continue
            kept = hidden[row, mask].clone()
            size = kept.numel() * kept.element_size()
            if self.bytes + size > self.limit:
                self.full = True
                return
            self.hidden[key] = kept
            self.bytes += size

    def batch_hidden(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor | None:
        """`[batch, seq, hidden]` for a padded batch whose every row is kept, else None."""
        parts = []
        for key in self._rows(input_ids, attention_mask):
            found = self.hidden.get(key)
            if found is None:
                return None
            parts.append(found)
        out = parts[0].new_zeros(input_ids.shape[0], input_ids.shape[1], parts[0].shape[-1])
        for row, (hidden, mask) in enumerate(zip(parts, attention_mask.bool())):
            out[row, mask] = hidden.to(out.device)
        return out
