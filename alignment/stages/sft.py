"""Supervised fine-tuning stage: chats in, LoRA adapter (and merged model) out.

    run(config: SFTConfig) -> StageResult

Reads `config.data.train_files` (any format `alignment.data.sft` accepts), renders each chat
with the model's chat template and trains on assistant tokens only (see `data/chat.py`),
with TRL's SFTTrainer doing the loop and, on CPU, our loss (`ReplyLossTrainer`: the LM head
runs only at the positions that are trained). Writes `<run_dir>/sft/`:
    adapter/          LoRA adapter (safetensors) + tokenizer   (method lora/qlora)
    merged/           base + adapter merged, safetensors        (merge: true, or method full)
    checkpoints/      resumable checkpoints (checkpoint-N/COMPLETE marks a finished one)
    config.yaml, metrics.jsonl, manifest.json, README.md
Bad data fails before anything is written. Rerunning after an interruption resumes from the
last complete checkpoint; rerunning a finished stage with the same config skips it.
"""

from __future__ import annotations

import math
import os
import random
import time
from pathlib import Path

import torch
from datasets import Dataset
from transformers import set_seed
from trl import SFTConfig as TRLSFTConfig
from trl import SFTTrainer

from alignment.config import SFTConfig, save_config
from alignment.core.checkpoints import CompletionMarker
from alignment.core.distributed import is_main_process
from alignment.core.errors import AlignmentError
from alignment.core.provenance import StageResult
from alignment.core.training_log import MetricsLogger, use_step_lines
from alignment.data import judge_split
from alignment.data.chat import CUT_REASONS, IGNORE, tokenize_examples
from alignment.data.mixture import SFTMixture, apply_weight, load_sft_mixture
from alignment.dynamics import hooks as dynamics_hooks
from alignment.models import frozen_prefix
from alignment.models import loading as models
from alignment.stages import own_answers
from alignment.stages.common import (
    check_position_limit,
    check_stage_dir,
    check_trainer_mode,
    finish_stage,
    finished_result,
    input_hashes,
    print_summary,
    split_note,
    train_metrics,
    train_resuming,
    trainer_arguments,
)

STAGE = "sft"


def run(config: SFTConfig, callbacks: list | None = None) -> StageResult:
    stage_dir = Path(config.run_dir).expanduser() / STAGE
    data_files = sft_files(config)
    finished = finished_result(STAGE, stage_dir, config, data_files)
    if finished:
        return finished

    started = time.time()
    mixture = load_sft_mixture(config.data.all_sources(), config.data.deduplicate)  # DataError before any write
    judge_split.check(config.data.judge_split, "data")
    # a chat's prompt is everything before its last reply: the chosen replies of a judge-part pair go too
    tagged, split = judge_split.apply(
        list(zip(mixture.examples, mixture.origins)), lambda item: item[0].messages[:-1], config.data.judge_split
    )
    set_seed(config.train.seed)  # LoRA init draws from the global RNG: same seed, same run
    model, tokenizer = models.load_for_training(config.model, config.adapter)
    check_position_limit(config, model, tokenizer)
    own_counts = None
    if config.data.own_answers:
        check_stage_dir(stage_dir, config)  # before the replies are cached in the stage directory
        tagged, own_counts = own_answers.replace_answers(
            tagged,
            model,
            tokenizer,
            config.data.own_answer_tokens,
            config.data.own_answer_batch_size,
            stage_dir / own_answers.CACHE_FILE,
            log=lambda line: is_main_process() and print(f"[sft] {line}", flush=True),
        )
    prompt_texts: list[str] = []  # each kept row's last user message: what the dynamics page shows as its prompt
    kept: list[int] = []
    rows, dropped = tokenize_examples(
        tokenizer,
        [example for example, _ in tagged],
        config.data.max_length,
        prompt_texts,
        config.data.truncation,
        kept,
    )
    dropped["duplicate_of_an_earlier_chat"] = sum(mixture.duplicates)
    origins = [tagged[index][1] for index in kept]
    train_part, eval_part = split_rows(
        list(zip(rows, prompt_texts, origins)), config.data.eval_fraction, config.data.seed
    )
    train_part = weighted(train_part, mixture, config.data.seed)
    train_rows, eval_rows = [row for row, _, _ in train_part], [row for row, _, _ in eval_part]
    n_read = sum(mixture.read)
    _report_data(n_read, dropped, len(train_rows), len(eval_rows), mixture)
    has_split = config.data.judge_split.fraction > 0
    if has_split and is_main_process():
        print(f"[sft] {split.line('chats')}")

    check_stage_dir(stage_dir, config)
    if is_main_process():
        stage_dir.mkdir(parents=True, exist_ok=True)
        save_config(config, stage_dir / "config.yaml")
    probing = dynamics_hooks.DynamicsCallback(
        STAGE,
        config.dynamics,
        stage_dir,
        tokenizer,
        dynamics_hooks.sft_probes(
            tokenizer, [(row, text) for row, text, _ in eval_part or train_part], config.dynamics
        ),
    )
    trainer = ReplyLossTrainer(
        model=model,
        args=_trl_args(config, stage_dir, has_eval=bool(eval_rows)),
        train_dataset=Dataset.from_list(train_rows),
        eval_dataset=Dataset.from_list(eval_rows) if eval_rows else None,
        processing_class=tokenizer,
        callbacks=[MetricsLogger(stage_dir / "metrics.jsonl"), CompletionMarker(), probing, *(callbacks or [])],
    )
    trainer.opening = (config.loss.opening_weight, config.loss.opening_tokens)
    trainer.prefix_cache = cache_prefix(config, trainer)
    use_step_lines(trainer, STAGE)
    check_trainer_mode(trainer, STAGE)
    output = train_resuming(trainer, stage_dir, STAGE)
    trainer.prefix_cache = None  # up to 1 GiB: not held through the evaluation and the merge
    dynamics_hooks.stop_if_non_finite(probing, STAGE, stage_dir)
    metrics = _final_metrics(trainer, output, started)
    metrics["data"] = _data_counts(n_read, dropped, len(train_rows), len(eval_rows))
    if own_counts:
        metrics["data"]["own_answers"] = own_counts
    metrics["data"]["sources"] = {
        name: {
            "read": mixture.read[index],
            "duplicates": mixture.duplicates[index],
            "train": sum(origin == index for _, _, origin in train_part),
            "eval": sum(origin == index for _, _, origin in eval_part),
            "weight": mixture.sources[index].weight,
        }
        for index, name in enumerate(mixture.names)
    }

    inputs = input_hashes(config.model, data_files, split if has_split else None)
    result = finish_stage(
        STAGE,
        stage_dir,
        config,
        trainer,
        tokenizer,
        inputs=inputs,
        metrics=metrics,
        merge=config.merge,
        started=started,
    )
    print_summary(
        result,
        extra=f"tokens/s {metrics['train_tokens_per_second']:,.0f}{split_note(split if has_split else None, 'chats')}",
    )
    return result


class ReplyLossTrainer(SFTTrainer):
    """TRL's SFTTrainer with a loss that runs the LM head only where a token is trained.

    TRL 1.16's loss is its fused LM head (`add_fused_lm_head`). On CUDA / XPU its Triton kernels
    score only the labelled positions, tile by tile, and it stays the loss there (this one holds the
    [kept, vocab] fp32 log-probs: gigabytes for an 8B model's 128k vocabulary at batch 4 x 2048).
    On CPU it scores every position, prompt and padding too, in some ten torch passes over each
    [tokens, vocab] tile forward and as many backward, entropy and top-1 accuracy included.
    SmolLM2-135M + LoRA (fp32), one padded batch of 8 chats (871 tokens, 473 trained), forward +
    backward, median of 3, 1 thread, CPU seconds: TRL's loss 12.5, full logits and cross-entropy
    8.8, this loss with its entropy and accuracy 7.5, the model without its LM head 6.6
    (benchmarks/README.md, "SFT stage vs TRL SFTTrainer").

    Here `logits_to_keep` as a [batch, seq] boolean mask makes the model's own forward (so DDP's
    hooks run) project only the positions whose next token is trained, flattened to [kept, vocab],
    in padded batches and in padding-free rows alike (`train.packing`: position_ids restart per
    chat). Normalised as Trainer does: the summed negative log-likelihood over `num_items_in_batch`
    (the step's trained tokens over all accumulation micro-batches and processes), times the
    process count that DDP's gradient averaging divides by. Entropy and top-1 accuracy are logged
    as TRL logs them, from the kept positions."""

    prefix_cache: frozen_prefix.SequenceCache | None = None
    """Set by `cache_prefix`: the frozen layers' output per chat met so far, replayed instead of running them."""
    opening: tuple[float, int] = (1.0, 4)
    """(weight, tokens): `loss.opening_weight` and `loss.opening_tokens`; weight 1 weighs every token alike."""

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        # return_outputs: only evaluation with `compute_metrics` asks for logits; the stage sets none.
        # TRL's fused loss on CUDA / XPU has no token weights: an opening weight takes this loss there too.
        fused = inputs["input_ids"].device.type in ("cuda", "xpu") and self.opening[0] == 1
        if return_outputs or fused:
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
        mask = inputs.get("attention_mask")
        cache = self.prefix_cache if mask is not None else None  # padded batches only
        hidden = cache.batch_hidden(inputs["input_ids"], mask) if cache is not None else None
        if hidden is not None:  # the frozen layers' output for these chats, kept from an earlier step
            with frozen_prefix.replay(self._layers(model), cache.start, hidden):
                log_probs, targets = reply_log_probs(model, inputs)
        elif cache is not None and not cache.full:
            with frozen_prefix.record(self._layers(model), cache.start) as seen:
                log_probs, targets = reply_log_probs(model, inputs)
            cache.add(inputs["input_ids"], mask, seen.hidden)
        else:
            log_probs, targets = reply_log_probs(model, inputs)  # [kept, vocab], [kept]
        count = num_items_in_batch if num_items_in_batch is not None else targets.numel()
        token_log_probs = log_probs.gather(-1, targets[:, None]).squeeze(-1)
        if self.opening[0] != 1:
            token_log_probs = token_log_probs * opening_weights(inputs["labels"], *self.opening).to(token_log_probs)
        loss = -token_log_probs.sum() / torch.as_tensor(count).clamp(min=1)
        if self.args.average_tokens_across_devices and num_items_in_batch is not None:
            loss = loss * self.accelerator.num_processes
        self._log_tokens(inputs, log_probs.detach(), targets)
        return loss

    def _layers(self, model):
        return frozen_prefix.decoder_layers(self.accelerator.unwrap_model(model))

    def _log_tokens(self, inputs: dict, log_probs: torch.Tensor, targets: torch.Tensor) -> None:
        """TRL's per-step figures: mean entropy and top-1 accuracy over the trained tokens, tokens seen."""
        mode = "train" if self.model.training else "eval"
        total = lambda tensor: self.accelerator.gather_for_metrics(tensor.reshape(1)).sum()  # noqa: E731
        with torch.no_grad():
            entropy = -log_probs.exp().mul_(log_probs).sum()  # summed over kept positions and vocabulary
            correct = (log_probs.argmax(-1) == targets).sum()
        count = total(torch.tensor(targets.numel(), device=targets.device)).clamp(min=1)
        self._metrics[mode]["entropy"].append((total(entropy) / count).item())
        self._metrics[mode]["mean_token_accuracy"].append((total(correct) / count).item())
        if mode == "train":
            mask = inputs.get("attention_mask")
            tokens = mask.sum() if mask is not None else torch.tensor(inputs["input_ids"].numel())
            self._total_train_tokens += total(tokens.to(targets.device)).item()
        self._metrics[mode]["num_tokens"] = [self._total_train_tokens]


def reply_log_probs(model, inputs: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """(log-probabilities [kept, vocab] in fp32, target ids [kept]) at every position whose next
    token has a label, from a collated batch (`input_ids`, `labels`: [batch, seq], plus
    `attention_mask` when padded or `position_ids` when padding-free). The model's forward projects
    only those positions through the LM head (`logits_to_keep` as a boolean mask)."""
    labels = inputs["labels"]
    trained = labels[:, 1:] != IGNORE  # [batch, seq - 1]: the token at t + 1 is predicted at t
    keep = torch.cat([trained, torch.zeros_like(trained[:, :1])], dim=1)  # [batch, seq]
    model_inputs = {name: value for name, value in inputs.items() if name != "labels"}
    logits = model(**model_inputs, use_cache=False, logits_to_keep=keep).logits  # [kept, vocab]
    return logits.float().log_softmax(-1), labels[:, 1:][trained]


PREFIX_CACHE_LIMIT = 1 << 30  # bytes of kept hidden states; chats met after that run every layer


def cache_prefix(config: SFTConfig, trainer) -> frozen_prefix.SequenceCache | None:
    """`train.cache_frozen_prefix`: an empty cache that the training steps fill (the first pass over
    a chat records the frozen bottom layers' output, later passes replay it), or None with the
    reason printed. A run that sees each chat once costs nothing but the memory. Off under several
    processes: each reshuffled epoch hands a process mostly chats another one recorded."""
    model = trainer.accelerator.unwrap_model(trainer.model)
    start = frozen_prefix.frozen_prefix_length(model)
    if not config.train.cache_frozen_prefix or not start:
        return None  # off, or no frozen layers below the adapter: nothing to cache
    model_config = getattr(model, "config", None)
    dropout = any(
        isinstance(value, float) and value > 0 and ("dropout" in name or "pdrop" in name)
        for name, value in (vars(model_config) if model_config is not None else {}).items()
    )
    device = trainer.args.device.type
    reason = (
        f"{device}: TRL's fused loss runs there"
        if device in ("cuda", "xpu") and config.loss.opening_weight == 1
        else f"{trainer.accelerator.num_processes} processes: each would meet few of its own chats again"
        if trainer.accelerator.num_processes > 1
        else "packed rows"
        if config.train.packing
        else "FSDP / DeepSpeed shard or wrap the layers"
        if trainer.is_fsdp_enabled or trainer.is_deepspeed_enabled
        else "gradient checkpointing"
        if config.train.gradient_checkpointing
        else "the model has dropout"
        if dropout
        else None
    )
    if is_main_process():
        print(
            f"[sft] frozen-prefix cache: off ({reason}); layers 0-{start - 1} run in every step"
            if reason
            else f"[sft] frozen-prefix cache: layers 0-{start - 1} run once per chat (up to 1 GiB kept), "
            "later passes over it replay them",
            flush=True,
        )
    return None if reason else frozen_prefix.SequenceCache(start, PREFIX_CACHE_LIMIT)


def opening_weights(labels: torch.Tensor, weight: float, tokens: int) -> torch.Tensor:
    """[kept] loss weights in `reply_log_probs` order: `weight` for the first `tokens` labelled tokens
    of each run of labelled tokens (a reply: in padded and packed rows alike, a reply follows
    unlabelled prompt tokens), 1 for the rest. The normaliser stays the token count, so a weight
    above 1 adds to the loss rather than taking from the other tokens."""
    trained = labels[:, 1:] != IGNORE  # [batch, seq - 1], as reply_log_probs keeps them
    index = torch.arange(trained.shape[1], device=labels.device).expand_as(trained)
    # the latest unlabelled position at or before each one; the run so far is everything after it
    last_gap = torch.where(trained, torch.full_like(index, -1), index).cummax(dim=1).values
    in_opening = (index - last_gap) <= tokens
    weights = torch.where(in_opening, weight, 1.0)
    return weights[trained]


def split_rows(rows: list, eval_fraction: float, seed: int) -> tuple[list, list]:
    """Deterministic train/eval split: shuffle indices with `seed`, hold out `eval_fraction`."""
    if not 0.0 <= eval_fraction < 1.0:
        raise AlignmentError(f"data.eval_fraction must be in [0, 1), got {eval_fraction}")
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    n_eval = math.floor(len(rows) * eval_fraction) if len(rows) > 1 else 0
    held_out = set(order[:n_eval])
    return (
        [row for i, row in enumerate(rows) if i not in held_out],
        [row for i, row in enumerate(rows) if i in held_out],
    )


def sft_files(config: SFTConfig) -> list[str]:
    """Every file (and hub dataset) of every SFT source, in order: what the manifest hashes."""
    return [path for source in config.data.all_sources() for path in source.paths()]


def weighted(train_part: list[tuple], mixture: SFTMixture, seed: int) -> list[tuple]:
    """The training rows, each source's `weight` applied as for preference sources (0.5 keeps a
    seeded half, 2 repeats them twice), after the eval split, so no copy of a training chat is in eval."""
    rows = []
    for index, (source, name) in enumerate(zip(mixture.sources, mixture.names)):
        own = [item for item in train_part if item[2] == index]
        rows += own if source.weight == 1 else apply_weight(own, source.weight, f"{seed}/{name}/weight")
    return rows


def _report_data(n_read: int, dropped: dict, n_train: int, n_eval: int, mixture: SFTMixture | None = None) -> None:
    if not is_main_process():
        return
    if mixture is not None and len(mixture.sources) > 1:
        for name, source, read in zip(mixture.names, mixture.sources, mixture.read):
            print(f"[sft] {name}: {read} chats read, weight {source.weight:g}")
    world = int(os.environ.get("WORLD_SIZE", "1"))
    counts = _data_counts(n_read, dropped, n_train, n_eval)
    cuts = ", ".join(f"{count} {reason.replace('_', ' ')}" for reason, count in counts["cut_to_fit"].items())
    drops = ", ".join(f"{count} {reason.replace('_', ' ')}" for reason, count in counts["dropped_by_reason"].items())
    print(
        f"[sft] {n_read} chats read; {n_train} train, {n_eval} eval"
        + (f"; cut to fit max_length: {cuts}" if cuts else "")
        + (f"; dropped: {drops}" if drops else "")
        + (f"; {world} processes" if world > 1 else "")
    )


def _trl_args(config: SFTConfig, stage_dir: Path, has_eval: bool) -> TRLSFTConfig:
    """Our config -> TRL's SFTConfig (the one place the two vocabularies meet)."""
    train = config.train
    arguments = trainer_arguments(config, stage_dir)
    if train.packing:  # a padding-free row has no attention mask and no padding: count every token
        arguments["include_num_input_tokens_seen"] = "all"  # (by pad id it would miss SmolLM2's <|im_end|>)
    return TRLSFTConfig(
        **arguments,
        eval_strategy=("steps" if train.eval_steps else "no") if has_eval else "no",
        eval_steps=train.eval_steps or None,
        packing=train.packing,
        padding_free=train.packing,
        max_length=config.data.max_length,
    )


def _data_counts(n_read: int, dropped: dict, n_train: int, n_eval: int) -> dict:
    """Chats read, trained on, held out, cut to fit and dropped (for metrics and the manifest)."""
    return {
        "read": n_read,
        "train": n_train,
        "eval": n_eval,
        "cut_to_fit": {reason: n for reason, n in dropped.items() if n and reason in CUT_REASONS},
        "dropped_by_reason": {reason: n for reason, n in dropped.items() if n and reason not in CUT_REASONS},
    }


def _final_metrics(trainer, output, started: float) -> dict:
    metrics = train_metrics(trainer, output, started)
    if trainer.eval_dataset is not None:
        metrics["eval_loss"] = round(trainer.evaluate()["eval_loss"], 4)
    return metrics
