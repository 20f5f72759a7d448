"""Reward-model stage: preference pairs in, a scalar reward model (LoRA + score head) out.

    run(config: RewardConfig) -> StageResult

The backbone (`model.name_or_path`: a chat model, an SFT stage dir, or an encoder such as
BERT/MiniLM) gets a sequence-classification head with one output (`score` or `classifier`) and
LoRA adapters; the head trains in full. Pairs come from `data.sources` through
`alignment.data.mixture` (ranked lists expand to pairs; whole prompts are held out for test).
Text is rendered and tokenised by the reward model's own tokenizer (rule: `alignment/models/reward_model.py`).
TRL's RewardTrainer runs the loop with the Bradley-Terry loss of `alignment/losses.py`, with the
pair's margin inside when `reward.use_margin` and the centering term when
`reward.center_coefficient` > 0. After training every held-out pair is scored once per side and
`eval.json` gets RewardBench-style figures: accuracy per subset (r_chosen > r_rejected strictly;
ties count as wrong), the overall score weighted by example count, the mean margin, and the
chosen/rejected reward distributions.

Writes `<run_dir>/reward/`: adapter/ (LoRA + head, safetensors, tokenizer), merged/ (merge: true),
checkpoints/, config.yaml, metrics.jsonl, eval.json, manifest.json, README.md. Bad data fails
before anything is written, as do bad `reward.*` values and a `data.max_length` over the
backbone's position limit; an interrupted run resumes from the last complete checkpoint; a
finished one with the same config and data is skipped.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from datasets import Dataset
from transformers import set_seed
from trl import RewardConfig as TRLRewardConfig
from trl import RewardTrainer

from alignment.config import RewardConfig, save_config
from alignment.core.checkpoints import CompletionMarker
from alignment.core.distributed import is_main_process
from alignment.core.errors import ConfigError, DataError
from alignment.core.io import write_json_atomically
from alignment.core.provenance import StageResult
from alignment.core.training_log import MetricsLogger, use_step_lines
from alignment.data.mixture import PreferenceData, load_preference_data
from alignment.data.preference import PreferencePair
from alignment.dynamics import hooks as dynamics_hooks
from alignment.models import loading as models
from alignment.models.reward_model import encode, pair_statistics, prepare_tokenizer, score_ids
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

STAGE = "reward"


def run(config: RewardConfig, callbacks: list | None = None, stage: str = STAGE) -> StageResult:
    """`stage` names the output dir and the log prefix: `judge` for the independent judge (`stages/judge.py`)."""
    check_settings(config)
    stage_dir = Path(config.run_dir).expanduser() / stage
    data_files = preference_files(config.data)
    finished = finished_result(stage, stage_dir, config, data_files)
    if finished:
        return finished

    started = time.time()
    tokenizer = prepare_tokenizer(models.load_reward_tokenizer(config.model))
    data = load_preference_data(config.data, tokenizer)  # DataError before any write
    train_rows = encode_pairs(tokenizer, data.train, config, data, split="train")
    test_rows = encode_pairs(tokenizer, data.test, config, data, split="test")
    report_preference_data(stage, data)
    set_seed(config.train.seed)  # the score head and LoRA init draw from the global RNG
    model = models.load_reward_for_training(config.model, config.adapter, tokenizer)
    check_position_limit(config, model, tokenizer)

    check_stage_dir(stage_dir, config)
    if is_main_process():
        stage_dir.mkdir(parents=True, exist_ok=True)
        save_config(config, stage_dir / "config.yaml")
    guard = dynamics_hooks.non_finite_guard(stage, stage_dir)  # a NaN/inf gradient stops the run
    trainer = _LengthGroupedRewardTrainer(
        model=model,
        args=_trl_args(config, stage_dir),
        train_dataset=Dataset.from_list(train_rows),
        processing_class=tokenizer,
        callbacks=[MetricsLogger(stage_dir / "metrics.jsonl"), CompletionMarker(), guard, *(callbacks or [])],
    )
    use_step_lines(trainer, stage)
    check_trainer_mode(trainer, stage)
    output = train_resuming(trainer, stage_dir, stage)
    dynamics_hooks.stop_if_non_finite(guard, stage, stage_dir)
    metrics = train_metrics(trainer, output, started)

    # Every rank scores the (small) test set with its full copy of the model: no collective is
    # needed, and rank 0 writes. Sharded set-ups (FSDP, ZeRO-3) should score from the saved model.
    evaluation = evaluate(trainer.model, tokenizer, test_rows, config.reward.eval_batch_size)
    if is_main_process():
        write_json_atomically(stage_dir / "eval.json", evaluation)
    metrics.update(_headline(evaluation))
    metrics["data"] = preference_data_metrics(data)
    inputs = input_hashes(config.model, data_files, data.judge_split)
    result = finish_stage(
        stage,
        stage_dir,
        config,
        trainer,
        tokenizer,
        inputs=inputs,
        metrics=metrics,
        merge=config.merge,
        started=started,
        card_usage=_usage(stage_dir),
        card_extra=_eval_table(evaluation),
    )
    print_summary(
        result, extra=f"held-out accuracy {_accuracy_line(evaluation)}{split_note(data.judge_split, 'pairs')}"
    )
    return result


# ---- checks before anything is written ----


def check_settings(config: RewardConfig) -> None:
    """`reward.*` values the loss and the evaluation can use (before anything loads)."""
    settings = config.reward
    if settings.eval_batch_size < 1:
        raise ConfigError(f"reward.eval_batch_size must be at least 1, got {settings.eval_batch_size}")
    if not math.isfinite(settings.center_coefficient) or settings.center_coefficient < 0:
        raise ConfigError(f"reward.center_coefficient must be 0 (off) or positive, got {settings.center_coefficient}")
    if not math.isfinite(settings.margin_scale) or settings.margin_scale < 0:
        raise ConfigError(
            f"reward.margin_scale must be 0 or positive (a negative scale would reward the rejected "
            f"side's margin), got {settings.margin_scale}"
        )


# ---- data: pairs -> token ids for the reward model ----


def encode_pairs(
    tokenizer, pairs: list[PreferencePair], config: RewardConfig, data: PreferenceData, split: str
) -> list[dict]:
    """TRL's pre-tokenised rows `{chosen_ids, rejected_ids, length, margin?}` (+ `subset` for test).

    Fails (DataError, nothing written) on pairs this tokenizer cannot tell apart, e.g. replies that
    differ only in letter case under an uncased encoder. Pairs over `data.max_length` once the
    tokenizer's special tokens are added (plain-text rendering) are dropped and counted."""
    chosen = encode(tokenizer, [pair.prompt + pair.chosen for pair in pairs]) if pairs else []
    rejected = encode(tokenizer, [pair.prompt + pair.rejected for pair in pairs]) if pairs else []
    reports = {report.name: report for report in data.sources}
    rows, problems = [], []
    use_margin = config.reward.use_margin and split == "train"
    if use_margin and pairs and all(pair.margin is None for pair in pairs):
        raise ConfigError(
            "reward.use_margin is on but no training pair has a margin (margins come from ranked "
            "or scored rows); turn it off or add ranked data"
        )
    for pair, chosen_ids, rejected_ids in zip(pairs, chosen, rejected):
        if chosen_ids == rejected_ids:
            problems.append(
                (
                    pair.source,
                    "chosen",
                    "same tokens as rejected for this reward model's tokenizer "
                    "(e.g. a case-only difference under an uncased encoder)",
                )
            )
            continue
        if max(len(chosen_ids), len(rejected_ids)) > config.data.max_length:
            _count_drop(reports, pair.subset, split, "over max_length with the tokenizer's special tokens")
            continue
        row = {"chosen_ids": chosen_ids, "rejected_ids": rejected_ids, "length": len(chosen_ids) + len(rejected_ids)}
        if use_margin:
            row["margin"] = config.reward.margin_scale * (pair.margin or 0.0)
        if split == "test":
            row["subset"] = pair.subset
        rows.append(row)
    if problems:
        raise DataError(problems)
    if split == "train" and not rows:
        raise DataError(
            [
                (
                    pairs[0].source if pairs else "-",
                    "-",
                    f"no training pairs fit data.max_length={config.data.max_length} tokens",
                )
            ]
        )
    return rows


def _count_drop(reports: dict, subset: str, split: str, reason: str) -> None:
    report = reports.get(subset)
    if report is not None:
        report.dropped[reason] += 1
        setattr(report, split, getattr(report, split) - 1)


# ---- training ----


class _LengthGroupedRewardTrainer(RewardTrainer):
    """RewardTrainer whose `length` column survives column pruning, so `group_by_length` batches
    pairs of similar length (much less padding on CPU). The loss is TRL's, unchanged:
    -log sigmoid(r_c - r_r - margin) + center_rewards_coefficient * mean((r_c + r_r)^2), which
    `tests/test_reward_stage.py` checks equals `alignment.losses.bradley_terry_loss`. We keep
    TRL's compute_loss rather than override it because it also logs accuracy and margins."""

    def _set_signature_columns_if_needed(self):
        if self._signature_columns is None:
            self._signature_columns = ["chosen_ids", "rejected_ids", "margin", "length"]


def _trl_args(config: RewardConfig, stage_dir: Path) -> TRLRewardConfig:
    """Our config -> TRL's RewardConfig (the one place the two vocabularies meet)."""
    return TRLRewardConfig(
        **trainer_arguments(config, stage_dir),
        eval_strategy="no",  # the held-out pairs are scored per subset after training (eval.json)
        length_column_name="length",
        max_length=None,  # already filtered by data.max_length, counted per source
        center_rewards_coefficient=config.reward.center_coefficient or None,
        disable_dropout=False,  # adapter.dropout says what dropout there is
    )


# ---- evaluation ----


def evaluate(model, tokenizer, test_rows: list[dict], batch_size: int) -> dict:
    """Score each held-out pair once per side; RewardBench-style figures per subset (see models/reward_model.py)."""
    chosen = score_ids(model, [row["chosen_ids"] for row in test_rows], tokenizer.pad_token_id, batch_size)
    rejected = score_ids(model, [row["rejected_ids"] for row in test_rows], tokenizer.pad_token_id, batch_size)
    return pair_statistics([row["subset"] for row in test_rows], chosen, rejected)


def _headline(evaluation: dict) -> dict:
    figures = {f"eval_accuracy_{name}": subset["accuracy"] for name, subset in evaluation["subsets"].items()}
    overall = evaluation["overall"]
    return {
        "eval_accuracy": overall["accuracy"],
        **figures,
        "eval_margin_mean": overall["margin_mean"],
        "eval_pairs": overall["n"],
    }


def _accuracy_line(evaluation: dict) -> str:
    parts = [
        f"{name} {accuracy_text(subset['accuracy'], subset['n'])}" for name, subset in evaluation["subsets"].items()
    ]
    return ", ".join(parts) or "n/a (no held-out pairs)"


def _eval_table(evaluation: dict) -> str:
    lines = [
        "",
        "## Held-out evaluation",
        "Accuracy = share of pairs with r_chosen > r_rejected (ties count as wrong); overall is weighted by n.",
        "",
        "| subset | n | accuracy | ties | mean margin | chosen mean | rejected mean |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, subset in {**evaluation["subsets"], "overall": evaluation["overall"]}.items():
        lines.append(
            f"| {name} | {subset['n']} | {subset['accuracy']} | {subset['ties']} | {subset['margin_mean']} "
            f"| {subset['chosen']['mean']} | {subset['rejected']['mean']} |"
        )
    return "\n".join(lines) + "\n"


def _usage(stage_dir: Path) -> str:
    return (
        f"alignment score --model {stage_dir} --data pairs.jsonl --out scores.jsonl\n"
        f'python -c "from alignment.models.reward_model import load_reward_model; '
        f"print(load_reward_model('{stage_dir}').score(['Hi'], ['Hello!']))\""
    )
