"""Direct preference optimisation stage: preference pairs in, a LoRA policy (and merged model) out.

    run(config: DPOConfig) -> StageResult

The policy is `model.name_or_path` (a chat model, or an SFT stage dir: its merged model) plus a
fresh LoRA adapter; the reference is the same weights with the adapter disabled, so there is
never a second full copy in memory. Pairs come from `data.sources` through
`alignment.data.mixture` (ranked lists expand to pairs; whole prompts are held out for test) and
are tokenised here: prompt through the chat template with the generation prompt, each reply
through its end-of-turn token. TRL's DPOTrainer runs the loop; the loss is ours
(`alignment/losses.py`: sigmoid with conservative label smoothing, IPO, reference-free SimPO),
because TRL 1.16 has neither SimPO nor label smoothing on its sigmoid loss.

Reference log-probs, one of two ways (`dpo.precompute_ref_logps`; unset picks by the adapter):
- precomputed: one pass with the adapter disabled before training, cached on disk under
  `$ALIGNMENT_CACHE/ref_logps/`, one file per model (bytes, dtype, quantisation) keyed by each
  pair's token ids (so data, tokenizer and chat template); a resumed or repeated run reads the file
  and runs no reference forward pass. Under `train.max_steps` only the pairs the run reads are used
  (a seeded sample). The default when LoRA adapts every layer.
- per batch, sharing the frozen prefix (`models/frozen_prefix.py`): with `adapter.last_layers` the layers
  below the adapter are the same for policy and reference, so each batch runs them once, then the
  top layers twice (adapter off without grad, adapter on with grad). That is less work than a
  precomputed pass followed by full-depth policy passes, and the default in that case.

After training every held-out pair is scored with the implicit reward of the variant
(beta * (logp - logp_ref), or beta * logp / |y| for SimPO): accuracy per subset (ties wrong),
margins, and how far the chosen and rejected log-probs moved from the reference (`eval.json`).

Writes `<run_dir>/dpo/`: adapter/, merged/ (merge: true), checkpoints/, config.yaml,
metrics.jsonl, eval.json, manifest.json, README.md. Bad data fails before anything is written; an
interrupted run resumes from the last complete checkpoint; a finished one is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import random
import time
from pathlib import Path

import torch
from datasets import Dataset
from trl import DPOConfig as TRLDPOConfig
from trl import DPOTrainer
from trl.trainer.utils import use_adapter

from alignment.config import DPOConfig, DPOSettings, save_config
from alignment.core.checkpoints import CompletionMarker
from alignment.core.distributed import is_main_process
from alignment.core.errors import AlignmentError
from alignment.core.io import write_json_atomically, write_text_atomically
from alignment.core.provenance import StageResult, sha256_path
from alignment.core.training_log import MetricsLogger, use_step_lines
from alignment.data.encoding import encode_pairs, pair_key
from alignment.data.mixture import load_preference_data
from alignment.dynamics import hooks as dynamics_hooks
from alignment.losses import REFERENCE_FREE, dpo_sigmoid_loss, implicit_rewards, ipo_loss, orpo_loss, simpo_loss
from alignment.models import frozen_prefix
from alignment.models import loading as models
from alignment.models.reward_model import pair_statistics
from alignment.stages.common import (
    accuracy_text,
    check_position_limit,
    check_stage_dir,
    check_trainer_mode,
    finish_stage,
    finished_result,
    input_hashes,
    preference_data_metrics,
    preference_files,
    print_summary,
    report_preference_data,
    split_note,
    train_metrics,
    train_resuming,
    trainer_arguments,
)

STAGE = "dpo"


def run(
    config: DPOConfig,
    callbacks: list | None = None,
    initial_adapter: Path | None = None,
    stage: str = STAGE,
    record_config=None,
) -> StageResult:
    """DPO on preference pairs from files (on-policy rounds call this once per round). `initial_adapter`:
    start the LoRA weights from this adapter dir (a previous round's) instead of LoRA's initialisation.
    `stage` names the output dir; `record_config` is the config the stage saves and fingerprints
    (the ORPO stage's own; default `config`)."""
    record = config if record_config is None else record_config
    stage_dir = Path(config.run_dir).expanduser() / stage
    data_files = preference_files(config.data)
    finished = finished_result(stage, stage_dir, record, data_files)
    if finished:
        return finished

    started = time.time()
    _check_settings(config.dpo)
    tokenizer = models.load_tokenizer(models.resolve_model_dir(config.model), config.model)
    data = load_preference_data(config.data, tokenizer)  # DataError before any write
    train_rows, test_rows = encode_pairs(tokenizer, data.train), encode_pairs(tokenizer, data.test)
    report_preference_data(stage, data)
    train_rows = pairs_the_run_reads(train_rows, config, stage)
    if config.adapter.method == "full":
        raise AlignmentError(
            "the DPO stage trains LoRA / QLoRA adapters: the reference is the base with the adapter "
            "disabled; adapter.method=full would need a second full copy"
        )
    # TRL wraps the base itself (seeded by args.seed): handed a PeftModel instead, it would add a
    # frozen copy of the adapter named "ref" to serve as the reference.
    model, tokenizer, lora = models.load_for_lora(config.model, config.adapter)
    check_position_limit(config, model, tokenizer)

    check_stage_dir(stage_dir, record)
    if is_main_process():
        stage_dir.mkdir(parents=True, exist_ok=True)
        save_config(record, stage_dir / "config.yaml")
    probing = dynamics_hooks.DynamicsCallback(
        stage,
        config.dynamics,
        stage_dir,
        tokenizer,
        dynamics_hooks.pair_probes(tokenizer, data.test or data.train, config.dynamics),
        beta=config.dpo.beta,
    )
    trainer = PreferenceTrainer(
        model=model,
        peft_config=lora,
        args=_trl_args(config, stage_dir),
        settings=config.dpo,
        stage=stage,
        train_dataset=Dataset.from_list([_training_columns(row) for row in train_rows]),
        processing_class=tokenizer,
        callbacks=[MetricsLogger(stage_dir / "metrics.jsonl"), CompletionMarker(), probing, *(callbacks or [])],
    )
    use_step_lines(trainer, stage)
    check_trainer_mode(trainer, stage)
    if initial_adapter is not None:
        models.load_lora_weights(trainer.model, Path(initial_adapter))
    reference = {}
    if precomputes_reference(config, trainer):
        reference["test"] = reference_logps(trainer, config, test_rows)
        reference["train"] = reference_logps(trainer, config, train_rows)
        trainer.train_dataset = trainer.train_dataset.add_column(
            "ref_chosen_logps", reference["train"]["chosen"].tolist()
        ).add_column("ref_rejected_logps", reference["train"]["rejected"].tolist())
    output = train_resuming(trainer, stage_dir, stage)
    dynamics_hooks.stop_if_non_finite(probing, stage, stage_dir)
    metrics = train_metrics(trainer, output, started)
    metrics["train_pairs_per_second"] = round(
        trainer.state.global_step
        * config.train.batch_size
        * config.train.grad_accum
        / max(metrics["train_seconds"], 1e-9),
        3,
    )
    losses = [log["loss"] for log in trainer.state.log_history if "loss" in log]
    metrics["first_loss"] = round(losses[0], 4) if losses else None

    evaluation = evaluate(trainer, config, test_rows, reference.get("test"))
    if is_main_process():
        write_json_atomically(stage_dir / "eval.json", evaluation)
    metrics.update(_headline(evaluation))
    metrics["reference_logps"] = {
        split: {key: value for key, value in figures.items() if key not in ("chosen", "rejected")}
        for split, figures in reference.items()
    }
    metrics["reference_pass"] = _reference_pass(config, trainer, bool(reference))
    metrics["data"] = preference_data_metrics(data)
    metrics["train_pairs_used"] = len(train_rows)
    inputs = input_hashes(config.model, data_files, data.judge_split)
    result = finish_stage(
        stage,
        stage_dir,
        record,
        trainer,
        tokenizer,
        inputs=inputs,
        metrics=metrics,
        merge=config.merge,
        started=started,
        card_extra=_eval_table(evaluation),
    )
    print_summary(
        result,
        extra="held-out implicit-reward accuracy "
        f"{accuracy_text(evaluation['overall']['accuracy'], evaluation['overall']['n'])}"
        f"{split_note(data.judge_split, 'pairs')}",
    )
    return result


def precomputes_reference(config: DPOConfig, trainer: PreferenceTrainer) -> bool:
    """`dpo.precompute_ref_logps`; unset, precompute unless the policy pass can share a frozen
    prefix with a per-batch reference pass (cheaper than a separate pass plus a full policy pass)."""
    wanted = config.dpo.precompute_ref_logps
    if wanted is None:
        wanted = not trainer.prefix
    precompute = wanted and config.dpo.loss not in REFERENCE_FREE
    if is_main_process():
        print(f"[{trainer.stage}] reference log-probs: {_reference_pass(config, trainer, precompute)}")
    return precompute


def _reference_pass(config: DPOConfig, trainer: PreferenceTrainer, precomputed: bool) -> str:
    if precomputed:
        return "precomputed once before training (cached on disk)"
    reference_free = config.dpo.loss in REFERENCE_FREE
    what = f"none during training ({config.dpo.loss} is reference-free)" if reference_free else "per batch"
    if trainer.prefix:
        what += (
            f"; the {trainer.prefix} frozen bottom layers run once per batch for the reference and policy "
            "passes (held-out scoring too)"
        )
    return what


def _check_settings(settings: DPOSettings) -> None:
    if not 0.0 <= settings.label_smoothing < 0.5:
        raise AlignmentError(f"dpo.label_smoothing must be in [0, 0.5), got {settings.label_smoothing}")
    if settings.label_smoothing and settings.loss in ("ipo", "orpo"):
        raise AlignmentError(f"dpo.label_smoothing applies to the sigmoid and simpo losses, not {settings.loss}")
    if settings.beta <= 0:
        raise AlignmentError(f"dpo.beta must be positive, got {settings.beta}")


# ---- data: pairs -> prompt / reply token ids ----


def pairs_the_run_reads(rows: list[dict], config: DPOConfig, stage: str = "dpo") -> list[dict]:
    """A seeded sample of exactly the pairs `train.max_steps` consumes when that is under one epoch,
    so the reference pass covers no pair the run never reads (on CPU the pass over all 2,676
    shipped pairs takes minutes; 40 steps read 320). The sampler draws from the full set at random
    anyway, so one epoch over a seeded sample of that size trains on the same distribution."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    needed = config.train.max_steps * config.train.batch_size * config.train.grad_accum * world
    if config.train.max_steps <= 0 or needed >= len(rows):
        return rows
    picked = sorted(random.Random(f"{config.train.seed}/dpo-pairs").sample(range(len(rows)), needed))
    if is_main_process():
        print(
            f"[{stage}] max_steps={config.train.max_steps} reads {needed} of {len(rows)} training pairs: "
            "a seeded sample of that size"
        )
    return [rows[index] for index in picked]


def _training_columns(row: dict) -> dict:
    return {key: row[key] for key in ("prompt_ids", "chosen_ids", "rejected_ids", "length")}


# ---- training ----


class PreferenceTrainer(DPOTrainer):
    """TRL's DPOTrainer with our loss and our tokenised rows.

    `_compute_loss` is replaced (not extended) because TRL 1.16 has no SimPO and no label
    smoothing on its sigmoid loss: it runs one policy forward over [chosen; rejected], reads the
    reference log-probs from the batch (precomputed) or from a no-grad forward with the adapter
    disabled, and applies `alignment.losses`. For sigmoid and IPO without smoothing it equals
    TRL's own loss (tests/test_dpo_stage.py checks both). Rows arrive tokenised, so TRL's dataset
    preparation is skipped, and the `length` column survives pruning for `group_by_length`."""

    def __init__(self, *args, settings: DPOSettings, stage: str = "dpo", **kwargs):
        self.settings = settings
        self.stage = stage  # the name its lines start with: dpo, orpo, or an on-policy round
        super().__init__(*args, **kwargs)
        self.prefix = shared_prefix_length(self)
        score_reply_positions_only()

    def _prepare_dataset(self, dataset, processing_class, args, dataset_name):
        return dataset

    def _set_signature_columns_if_needed(self):
        if self._signature_columns is None:
            self._signature_columns = [
                "prompt_ids",
                "chosen_ids",
                "rejected_ids",
                "ref_chosen_logps",
                "ref_rejected_logps",
                "length",
            ]

    def _compute_loss(self, model, inputs, return_outputs=False):
        mode = "train" if self.model.training else "eval"
        ref_chosen = ref_rejected = None
        if "ref_chosen_logps" in inputs or self.settings.loss in REFERENCE_FREE:
            logps, lengths = sequence_logps(model, inputs)  # [2 * pairs] each: chosen first, then rejected
            if "ref_chosen_logps" in inputs:
                ref_chosen, ref_rejected = inputs["ref_chosen_logps"], inputs["ref_rejected_logps"]
        else:
            logps, lengths, reference = policy_and_reference_logps(self, model, inputs)
            ref_chosen, ref_rejected = reference.chunk(2)
        chosen, rejected = logps.chunk(2)
        chosen_lengths, rejected_lengths = lengths.chunk(2)
        losses = preference_losses(
            self.settings, chosen, rejected, ref_chosen, ref_rejected, chosen_lengths, rejected_lengths
        )
        self._log_pairs(
            mode,
            chosen.detach(),
            rejected.detach(),
            ref_chosen,
            ref_rejected,
            chosen_lengths,
            rejected_lengths,
            int(inputs["attention_mask"].sum()),
        )
        return losses.mean()

    def _log_pairs(self, mode, chosen, rejected, ref_chosen, ref_rejected, chosen_lengths, rejected_lengths, tokens):
        reference_free = self.settings.loss in REFERENCE_FREE
        beta = self.settings.beta
        chosen_rewards = implicit_rewards(chosen, ref_chosen, chosen_lengths, beta, reference_free)
        rejected_rewards = implicit_rewards(rejected, ref_rejected, rejected_lengths, beta, reference_free)
        gather = lambda tensor: self.accelerator.gather_for_metrics(tensor).float().mean().item()  # noqa: E731
        figures = {
            "rewards/chosen": chosen_rewards,
            "rewards/rejected": rejected_rewards,
            "rewards/accuracies": (chosen_rewards > rejected_rewards).float(),
            "rewards/margins": chosen_rewards - rejected_rewards,
            "logps/chosen": chosen,
            "logps/rejected": rejected,
        }
        if ref_chosen is not None:
            figures["logps/chosen_change"] = chosen - ref_chosen
            figures["logps/rejected_change"] = rejected - ref_rejected
        for name, tensor in figures.items():
            self._metrics[mode][name].append(gather(tensor))
        if mode == "train":
            self._total_train_tokens += tokens
        self._metrics[mode]["num_tokens"] = [self._total_train_tokens]


def score_reply_positions_only() -> None:
    """TRL's fused LM head (`add_fused_lm_head`) projects only the positions with a label (the
    replies) on CUDA / XPU, but every position, prompt and padding included, elsewhere: it avoids
    recompiling for Neuron's changing shapes. Eager CPU has nothing to recompile, so there the
    projection over ~49k vocabulary rows is wasted on prompt and padding positions. Make the
    fused head take the compact path on CPU as well (same numbers: tests/test_dpo_frozen_prefix.py).
    Idempotent; a TRL without the hook is left as it is."""
    import trl.trainer.utils as trl_utils

    decide = getattr(trl_utils, "_use_triton", None)
    if decide is None or getattr(decide, "compact_on_cpu", False):
        return

    def compact(device: torch.device) -> bool:
        return device.type == "cpu" or decide(device)

    compact.compact_on_cpu = True
    trl_utils._use_triton = compact


def shared_prefix_length(trainer: DPOTrainer) -> int:
    """Frozen bottom layers whose forward the policy and reference passes share (see
    `frozen_prefix`); 0 under FSDP / DeepSpeed, which shard or wrap the layers."""
    length = frozen_prefix.frozen_prefix_length(trainer.accelerator.unwrap_model(trainer.model))
    if length and (trainer.is_fsdp_enabled or trainer.is_deepspeed_enabled):
        if is_main_process():
            print(f"[{trainer.stage}] frozen-prefix sharing: off under FSDP / DeepSpeed (sharded layers run in full)")
        return 0
    return length


def policy_and_reference_logps(trainer: PreferenceTrainer, model, batch: dict):
    """(policy logps, lengths, reference logps): the reference pass (adapter disabled, no grad) and
    the policy pass over one batch. With a frozen prefix the reference pass records its output and
    the policy pass starts from it, running only the adapted layers."""
    unwrapped = trainer.accelerator.unwrap_model(trainer.model)
    layers = frozen_prefix.decoder_layers(unwrapped) if trainer.prefix else None
    with contextlib.ExitStack() as stack:
        stack.enter_context(torch.no_grad())
        stack.enter_context(use_adapter(unwrapped, None))
        seen = stack.enter_context(frozen_prefix.record(layers, trainer.prefix)) if layers is not None else None
        reference = sequence_logps(model, batch)[0]
    replaying = (
        frozen_prefix.replay(layers, trainer.prefix, seen.hidden) if seen is not None else contextlib.nullcontext()
    )
    with replaying:
        logps, lengths = sequence_logps(model, batch)
    return logps, lengths, reference


def sequence_logps(model, batch: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """(summed reply log-probs, reply lengths), each `[sequences]`, from TRL's collated batch
    (`input_ids`, `attention_mask`, `completion_mask`: `[sequences, seq]`). TRL's fused LM head
    returns per-token log-probs of the labels without building the `[seq, vocab]` logits."""
    mask = batch["completion_mask"][:, 1:]  # the token at t + 1 is predicted at t
    labels = batch["input_ids"].masked_fill(batch["completion_mask"] == 0, -100)
    output = model(
        input_ids=batch["input_ids"],
        attention_mask=batch["attention_mask"],
        labels=labels,
        fused_lm_head=True,
        use_cache=False,
    )
    per_token = output.log_probs[:, -mask.size(1) :]  # [sequences, seq - 1], 0 outside the replies
    return per_token.sum(dim=1), mask.sum(dim=1)


def preference_losses(
    settings: DPOSettings, chosen, rejected, ref_chosen, ref_rejected, chosen_lengths, rejected_lengths
) -> torch.Tensor:
    """Per-pair loss of the configured variant (`alignment/losses.py` holds the math)."""
    if settings.loss == "simpo":
        return simpo_loss(
            chosen,
            rejected,
            chosen_lengths,
            rejected_lengths,
            settings.beta,
            settings.simpo_gamma,
            settings.label_smoothing,
        )
    if settings.loss == "orpo":  # beta is ORPO's lambda
        return orpo_loss(chosen, rejected, chosen_lengths, rejected_lengths, settings.beta)
    if settings.loss == "ipo":
        return ipo_loss(chosen, rejected, ref_chosen, ref_rejected, chosen_lengths, rejected_lengths, settings.beta)
    return dpo_sigmoid_loss(chosen, rejected, ref_chosen, ref_rejected, settings.beta, settings.label_smoothing)


def _trl_args(config: DPOConfig, stage_dir: Path) -> TRLDPOConfig:
    """Our config -> TRL's DPOConfig (the one place the two vocabularies meet)."""
    return TRLDPOConfig(
        **trainer_arguments(config, stage_dir),
        eval_strategy="no",  # the held-out pairs are scored per subset after training (eval.json)
        length_column_name="length",
        max_length=None,  # already filtered by data.max_length, counted per source
        beta=config.dpo.beta,
        label_smoothing=config.dpo.label_smoothing,
        # Only TRL's own _compute_loss reads loss_type (the equality test); ours dispatches on dpo.loss.
        loss_type=["ipo" if config.dpo.loss == "ipo" else "sigmoid"],
        precompute_ref_log_probs=False,  # we precompute once and cache on disk (reference_logps)
        disable_dropout=True,  # policy and reference passes must see the same network (first loss ln 2)
    )


# ---- reference log-probs: one pass, cached on disk ----


def reference_logps(trainer: PreferenceTrainer, config: DPOConfig, rows: list[dict]) -> dict:
    """{"chosen", "rejected": `[pairs]` tensors, "cache": "hit" | "computed" | "partial", "file", "seconds"}.

    The cache is one JSON file per model (bytes, dtype, 4-bit base) mapping each pair's token ids
    (so data, tokenizer and chat template) to its two log-probs: a resumed run, a rerun with other
    steps or another loss, and the test split all read what any earlier run computed; only pairs
    not in it get a forward pass (adapter disabled), and the file is then rewritten atomically."""
    started = time.time()
    path = models.cache_dir() / "ref_logps" / f"{_model_key(config)}.json"
    cached = _read_reference_cache(path)
    keys = [pair_key(row) for row in rows]
    missing = [index for index, key in enumerate(keys) if not _two_numbers(cached.get(key))]
    if missing:
        scores = score_rows(trainer, [rows[index] for index in missing], config.dpo.eval_batch_size, "reference")
        chosen, rejected = scores["chosen"], scores["rejected"]
        cached.update({keys[index]: [c, r] for index, c, r in zip(missing, chosen.tolist(), rejected.tolist())})
        if is_main_process():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(path, json.dumps(cached))  # a killed run never leaves half a cache file
    status = "hit" if not missing else "computed" if len(missing) == len(rows) else "partial"
    seconds = round(time.time() - started, 1)
    if is_main_process():
        print(
            f"[{trainer.stage}] reference log-probs for {len(rows)} pairs: {len(rows) - len(missing)} read from "
            f"{path}, {len(missing)} computed ({seconds} s)"
        )
    values = torch.tensor([cached[key] for key in keys], dtype=torch.float32).reshape(len(rows), 2)
    return {
        "chosen": values[:, 0],
        "rejected": values[:, 1],
        "cache": status,
        "computed": len(missing),
        "file": str(path),
        "seconds": seconds,
    }


def _read_reference_cache(path: Path) -> dict:
    """The cache file's entries; a file that does not parse (a disk fault, an edit) is rebuilt, said once."""
    if not path.is_file():
        return {}
    try:
        cached = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError):
        cached = None
    if not isinstance(cached, dict):
        print(f"[dpo] {path}: not a reference log-prob cache (damaged?); computing its entries again", flush=True)
        return {}
    return cached


def _two_numbers(entry) -> bool:
    """A usable cache entry: [chosen, rejected] log-probs (anything else is computed again)."""
    return (
        isinstance(entry, list)
        and len(entry) == 2
        and all(isinstance(value, (int, float)) and math.isfinite(value) for value in entry)
    )


def _model_key(config: DPOConfig) -> str:
    """What the reference depends on besides the tokens: model bytes, dtype, 4-bit base."""
    location = models.resolve_model_dir(config.model)
    model = sha256_path(location) if Path(location).exists() else location
    key = {
        "model": model,
        "dtype": str(models.pick_dtype(config.model.dtype)),
        "qlora": config.adapter.method == "qlora",
    }
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()[:32]


def score_rows(trainer: PreferenceTrainer, rows: list[dict], batch_size: int, mode: str) -> dict:
    """Summed reply log-probs `[pairs]` in row order, batches of similar length (less padding):
    {"chosen", "rejected"} of the reference (`mode` "reference": adapter disabled) or the policy
    ("policy"), or both ("both": also "ref_chosen", "ref_rejected"; the frozen prefix is shared)."""
    model = trainer.accelerator.unwrap_model(trainer.model)
    was_training = model.training
    model.eval()
    order = sorted(range(len(rows)), key=lambda index: rows[index]["length"])
    names = ["chosen", "rejected"] + (["ref_chosen", "ref_rejected"] if mode == "both" else [])
    scores = {name: torch.zeros(len(rows)) for name in names}
    context = use_adapter(model, None) if mode == "reference" else contextlib.nullcontext()
    with torch.no_grad(), context:
        for start in range(0, len(order), batch_size):
            indices = order[start : start + batch_size]
            batch = trainer.data_collator([_training_columns(rows[index]) for index in indices])
            batch = {key: value.to(trainer.accelerator.device) for key, value in batch.items()}
            if mode == "both":
                logps, _, reference = policy_and_reference_logps(trainer, model, batch)
                scores["ref_chosen"][indices], scores["ref_rejected"][indices] = reference.float().cpu().chunk(2)
            else:
                logps = sequence_logps(model, batch)[0]
            scores["chosen"][indices], scores["rejected"][indices] = logps.float().cpu().chunk(2)
    model.train(was_training)
    return scores


# ---- evaluation ----


def evaluate(trainer: PreferenceTrainer, config: DPOConfig, test_rows: list[dict], reference: dict | None) -> dict:
    """Implicit-reward accuracy and margins per subset, and the log-prob change from the reference
    (`reference`: precomputed {"chosen", "rejected"}; None: scored here, beside the policy)."""
    scores = score_rows(trainer, test_rows, config.dpo.eval_batch_size, "policy" if reference is not None else "both")
    chosen, rejected = scores["chosen"], scores["rejected"]
    if reference is None:
        reference = {"chosen": scores["ref_chosen"], "rejected": scores["ref_rejected"]}
    lengths = lambda key: torch.tensor([float(len(row[key])) for row in test_rows])  # noqa: E731
    reference_free = config.dpo.loss in REFERENCE_FREE
    chosen_rewards = implicit_rewards(
        chosen, reference["chosen"], lengths("chosen_ids"), config.dpo.beta, reference_free
    )
    rejected_rewards = implicit_rewards(
        rejected, reference["rejected"], lengths("rejected_ids"), config.dpo.beta, reference_free
    )
    figures = pair_statistics([row["subset"] for row in test_rows], chosen_rewards.tolist(), rejected_rewards.tolist())
    figures["reward"] = f"beta * logp / |y| ({config.dpo.loss})" if reference_free else "beta * (logp - logp_ref)"
    figures["logp_change"] = {
        "chosen": round((chosen - reference["chosen"]).mean().item(), 4) if test_rows else None,
        "rejected": round((rejected - reference["rejected"]).mean().item(), 4) if test_rows else None,
    }
    # Per pair (keyed by its token ids), so the eval harness reads these instead of scoring again.
    figures["pairs"] = [
        {"key": pair_key(row), "margin": margin}
        for row, margin in zip(test_rows, (chosen_rewards - rejected_rewards).tolist())
    ]
    return figures


def _headline(evaluation: dict) -> dict:
    figures = {f"eval_accuracy_{name}": subset["accuracy"] for name, subset in evaluation["subsets"].items()}
    return {
        "eval_implicit_accuracy": evaluation["overall"]["accuracy"],
        **figures,
        "eval_margin_mean": evaluation["overall"]["margin_mean"],
        "eval_pairs": evaluation["overall"]["n"],
        "eval_chosen_logp_change": evaluation["logp_change"]["chosen"],
        "eval_rejected_logp_change": evaluation["logp_change"]["rejected"],
    }


def _eval_table(evaluation: dict) -> str:
    lines = [
        "",
        "## Held-out evaluation",
        f"Implicit reward {evaluation['reward']}; accuracy = share of pairs with chosen reward > rejected "
        "(ties count as wrong); overall is weighted by n. Mean log-prob change from the reference: chosen "
        f"{evaluation['logp_change']['chosen']}, rejected {evaluation['logp_change']['rejected']}.",
        "",
        "| subset | n | accuracy | mean margin |",
        "|---|---|---|---|",
    ]
    for name, subset in {**evaluation["subsets"], "overall": evaluation["overall"]}.items():
        lines.append(f"| {name} | {subset['n']} | {subset['accuracy']} | {subset['margin_mean']} |")
    return "\n".join(lines) + "\n"
