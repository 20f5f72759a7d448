"""KTO stage: Kahneman-Tversky optimisation (Ethayarajh et al. 2024, arXiv:2402.01306) on unpaired
rows, each desirable (thumbs up) or undesirable (thumbs down), with a LoRA adapter; the reference
is the same weights with the adapter disabled.

    run(config: KTOConfig) -> StageResult

Rows come from `data.unpaired_files` (KTO rows, `alignment data validate --kind kto` checks them)
and from `data.sources` (preference pairs, mixed by weight like DPO's, each pair unpaired into its
chosen reply as a desirable row and its rejected reply as an undesirable one). Both are split by
prompt into train and held-out rows; rows identical to an earlier one are dropped (`data.deduplicate`),
and rows over `data.max_length` tokens are cut or dropped as `data.truncation` says, each counted.

Training is TRL's `KTOTrainer`; its per-row loss is `alignment.losses.kto_loss` (tests/test_kto_stage.py
checks the two agree on a batch). The reference point z_0 is estimated per batch from mismatched
pairs: each prompt with the previous row's completion, which is why TRL reads the rows in a fixed
order. The stage shuffles them once, seeded (`train.seed`), so batches mix desirable and undesirable
rows; `train.group_by_length` would break the mismatched pairs and is refused.

Writes `<run_dir>/kto/` (adapter/, merged/, config.yaml, metrics.jsonl, eval.json with the
held-out rewards, manifest.json, README.md); a rerun after an interruption resumes.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import torch
from datasets import Dataset
from trl import KTOConfig as TRLKTOConfig
from trl import KTOTrainer

from alignment.config import KTOConfig, save_config
from alignment.core import memory
from alignment.core.checkpoints import CompletionMarker
from alignment.core.distributed import is_main_process
from alignment.core.errors import AlignmentError, DataError
from alignment.core.io import write_json_atomically
from alignment.core.provenance import StageResult
from alignment.core.training_log import MetricsLogger, use_step_lines
from alignment.data import judge_split
from alignment.data.dedup import distinct
from alignment.data.judge_split import SplitReport
from alignment.data.mixture import load_preference_data, split_by_prompt, token_counts
from alignment.data.preference import KTOExample, load_kto_examples
from alignment.data.truncation import fit_pair
from alignment.dynamics import hooks as dynamics_hooks
from alignment.models import loading as models
from alignment.stages.common import (
    check_position_limit,
    check_stage_dir,
    check_trainer_mode,
    finish_stage,
    finished_result,
    input_hashes,
    print_summary,
    train_metrics,
    train_resuming,
    trainer_arguments,
)

STAGE = "kto"


def run(config: KTOConfig, callbacks: list | None = None) -> StageResult:
    stage_dir = Path(config.run_dir).expanduser() / STAGE
    files = data_files(config)
    finished = finished_result(STAGE, stage_dir, config, files)
    if finished:
        return finished

    started = time.time()
    _check_settings(config)
    if not torch.cuda.is_available():
        memory.return_freed_memory()  # with ALIGNMENT_MMAP_THRESHOLD: less memory, more time
    tokenizer = models.load_tokenizer(models.resolve_model_dir(config.model), config.model)
    train, test, counts, split = load_rows(config, tokenizer)  # DataError before any write
    model, tokenizer, lora = models.load_for_lora(config.model, config.adapter)
    check_position_limit(config, model, tokenizer)

    check_stage_dir(stage_dir, config)
    if is_main_process():
        stage_dir.mkdir(parents=True, exist_ok=True)
        save_config(config, stage_dir / "config.yaml")
        print(f"[kto] {len(train)} training rows, {len(test)} held out; {counts}", flush=True)
    probing = dynamics_hooks.DynamicsCallback(  # probes: held-out prompts, desirable vs undesirable reply
        STAGE,
        config.dynamics,
        stage_dir,
        tokenizer,
        dynamics_hooks.kto_probes(tokenizer, test or train, config.dynamics),
        beta=config.kto.beta,
    )
    trainer = KTOTrainer(
        model=model,
        args=_trl_args(config, stage_dir),
        train_dataset=Dataset.from_list([_columns(row) for row in train]),
        processing_class=tokenizer,
        peft_config=lora,
        callbacks=[MetricsLogger(stage_dir / "metrics.jsonl"), CompletionMarker(), probing, *(callbacks or [])],
    )
    use_step_lines(trainer, STAGE)
    check_trainer_mode(trainer, STAGE)
    output = train_resuming(trainer, stage_dir, STAGE)
    dynamics_hooks.stop_if_non_finite(probing, STAGE, stage_dir)
    evaluation = evaluate(trainer, config, test)
    if is_main_process():
        write_json_atomically(stage_dir / "eval.json", evaluation)
    metrics = {**train_metrics(trainer, output, started), **{f"eval_{k}": v for k, v in evaluation.items()}}
    metrics["data"] = counts
    result = finish_stage(
        STAGE,
        stage_dir,
        config,
        trainer,
        tokenizer,
        inputs=input_hashes(config.model, files, split if config.data.judge_split.fraction > 0 else None),
        metrics=metrics,
        merge=config.merge,
        started=started,
    )
    print_summary(result, extra=f"held-out reward margin {evaluation.get('reward_margin')}")
    return result


def data_files(config: KTOConfig) -> list[str]:
    return [path for source in config.data.sources for path in source.paths()] + list(config.data.unpaired_files)


def _check_settings(config: KTOConfig) -> None:
    if config.train.group_by_length:
        raise AlignmentError(
            "train.group_by_length: the KTO stage reads its rows in one seeded shuffled order (its KL "
            "estimate pairs each prompt with its batch neighbour's completion); set it to false"
        )
    if config.train.batch_size < 2:
        raise AlignmentError("train.batch_size: KTO estimates its KL reference point within a batch; use 2 or more")
    if config.adapter.method == "full":
        raise AlignmentError("the KTO stage trains LoRA / QLoRA adapters: the reference is the adapter-off model")


# ---- data ----


def load_rows(config: KTOConfig, tokenizer) -> tuple[list[KTOExample], list[KTOExample], dict, SplitReport]:
    """(train rows, held-out rows, counts, judge split): pairs unpaired, KTO rows split by prompt,
    both on this stage's side of `data.judge_split`; the training rows shuffled once."""
    data = config.data
    judge_split.check(data.judge_split, "data")
    train, test = [], []
    counts: Counter = Counter()
    split = SplitReport(data.judge_split)
    if data.sources:
        pairs = load_preference_data(data, tokenizer)
        train += unpair(pairs.train)
        test += unpair(pairs.test)
        counts["pairs unpaired"] = len(pairs.train) + len(pairs.test)
        if pairs.judge_split is not None:
            split = pairs.judge_split
    if data.unpaired_files:
        rows = load_kto_examples(list(data.unpaired_files))
        rows, row_split = judge_split.apply(rows, lambda row: row.prompt, data.judge_split)
        split.kept += row_split.kept
        split.excluded += row_split.excluded
        split.judge_prompts |= row_split.judge_prompts
        if data.deduplicate:
            kept_rows = distinct(rows, lambda row: [row.prompt, row.completion, row.label])
            if len(kept_rows) < len(rows):
                counts["KTO rows duplicating an earlier row (dropped)"] = len(rows) - len(kept_rows)
            rows = kept_rows
        kept = _fitting(tokenizer, rows, data, counts)
        row_train, row_test = split_by_prompt(kept, data.test_fraction, f"{data.seed}/unpaired")
        train += row_train
        test += row_test
        counts["KTO rows"] = len(rows)
    if not train:
        where = (data.unpaired_files or [source.paths()[0] for source in data.sources] or ["data"])[0]
        raise DataError([(str(where), "label", "no training row left (check data.sources and data.unpaired_files)")])
    random.Random(f"{config.train.seed}/kto-order").shuffle(train)
    counts["desirable"] = sum(row.label for row in train)
    counts["undesirable"] = len(train) - counts["desirable"]
    if not counts["desirable"] or not counts["undesirable"]:
        where = (data.unpaired_files or [source.paths()[0] for source in data.sources] or ["data"])[0]
        present, missing = ("desirable", "undesirable") if counts["desirable"] else ("undesirable", "desirable")
        raise DataError(
            [
                (
                    str(where),
                    "label",
                    f"all {len(train)} training rows are {present} and none {missing}: KTO weighs one class against "
                    "the other (its loss needs both); add rows of the other label, or preference pairs",
                )
            ]
        )
    return train, test, dict(counts), split


def unpair(pairs: list) -> list[KTOExample]:
    """Each pair as two rows: its chosen reply desirable, its rejected reply undesirable."""
    rows = []
    for pair in pairs:
        rows.append(KTOExample(pair.prompt, pair.chosen, True, pair.source))
        rows.append(KTOExample(pair.prompt, pair.rejected, False, pair.source))
    return rows


def _fitting(tokenizer, rows: list[KTOExample], data, counts: Counter) -> list[KTOExample]:
    """The rows fitted to `data.max_length` tokens as `data.truncation` says, cuts and drops counted."""
    lengths = token_counts(tokenizer, [row.prompt + row.completion for row in rows]) if rows else []
    kept, cuts, dropped = [], Counter(), Counter()
    for row, length in zip(rows, lengths):
        if length <= data.max_length:
            kept.append(row)
            continue
        fitted = fit_pair(tokenizer, row.prompt, [row.completion], data.max_length, data.truncation, cuts, dropped)
        if fitted is not None:
            prompt, (completion,) = fitted
            kept.append(replace(row, prompt=prompt, completion=completion))
            counts["KTO rows cut to fit max_length"] += 1
    if dropped:
        counts["KTO rows over max_length (dropped)"] = sum(dropped.values())
    return kept


def _columns(row: KTOExample) -> dict:
    return {"prompt": row.prompt, "completion": row.completion, "label": row.label}


# ---- evaluation ----


def evaluate(trainer: KTOTrainer, config: KTOConfig, test: list[KTOExample]) -> dict:
    """Mean implicit reward beta * (logp - ref) of the held-out desirable and undesirable rows and
    their difference (TRL's evaluation loop, batches of `kto.eval_batch_size` in a fixed order)."""
    if len(test) < 2:
        return {"rows": len(test), "reward_desirable": None, "reward_undesirable": None, "reward_margin": None}
    trainer.args.per_device_eval_batch_size = config.kto.eval_batch_size
    scores = trainer.evaluate(Dataset.from_list([_columns(row) for row in test]))
    desirable, undesirable = scores.get("eval_rewards/chosen"), scores.get("eval_rewards/rejected")
    margin = desirable - undesirable if desirable is not None and undesirable is not None else None
    return {
        "rows": len(test),
        "desirable_rows": sum(row.label for row in test),
        "reward_desirable": _rounded(desirable),
        "reward_undesirable": _rounded(undesirable),
        "reward_margin": _rounded(margin),
        "kl": _rounded(scores.get("eval_kl")),
        "loss": _rounded(scores.get("eval_loss")),
    }


def _rounded(value):
    return round(float(value), 4) if value is not None else None


def _precomputes(config: KTOConfig) -> bool:
    """`kto.precompute_ref_logps`, in one process. Under several, TRL 1.16 writes the precomputed pass to a
    cache file in rank 0's own temporary folder, which the other ranks cannot open (they crash): there
    the reference runs per step instead, and the start-up line says so."""
    processes = int(os.environ.get("WORLD_SIZE", "1"))
    if config.kto.precompute_ref_logps and processes > 1:
        if is_main_process():
            print(
                f"[kto] reference log-probs: per step under {processes} processes (kto.precompute_ref_logps "
                "needs one process: TRL 1.16 caches the pass where only rank 0 can read it)",
                flush=True,
            )
        return False
    return config.kto.precompute_ref_logps


def _trl_args(config: KTOConfig, stage_dir: Path) -> TRLKTOConfig:
    """Our config -> TRL's KTOConfig (the one place the two vocabularies meet)."""
    arguments = trainer_arguments(config, stage_dir)
    arguments["train_sampling_strategy"] = "sequential"  # the stage shuffled the rows itself (see above)
    return TRLKTOConfig(
        **arguments,
        eval_strategy="no",  # the held-out rows are scored once after training (eval.json)
        max_length=None,  # rows over data.max_length were dropped and counted
        beta=config.kto.beta,
        desirable_weight=config.kto.desirable_weight,
        undesirable_weight=config.kto.undesirable_weight,
        loss_type="kto",
        disable_dropout=True,
        precompute_ref_log_probs=_precomputes(config),  # once, before step 1 (a resumed run redoes it)
        precompute_ref_batch_size=config.kto.eval_batch_size,
    )
