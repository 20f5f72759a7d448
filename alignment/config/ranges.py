"""Allowed ranges of config values: `alignment.config.from_dict` checks each section's fields
against `RANGES[<dataclass name>]` (and those of its base classes) as (field, allowed(value), what
the error says it must be)."""

import importlib.util

from alignment.core.errors import ConfigError

TRACKER_PACKAGES = {"tensorboard": "tensorboard", "mlflow": "mlflow", "wandb": "wandb", "trackio": "trackio"}


def _missing_trackers(names: list[str]) -> list[str]:
    """The trackers in `names` whose package is not importable (the Trainer would fail at its start)."""
    return [name for name in names if importlib.util.find_spec(TRACKER_PACKAGES[name]) is None]


def _install_hint(names: list[str]) -> str:
    return ", ".join(f"pip install 'alignment-suite[{name}]'" for name in _missing_trackers(names))


def check_trackers(names: list[str], where: str) -> None:
    """`ConfigError` naming the extra of the first tracker in `names` whose package is not installed."""
    for name in _missing_trackers(names)[:1]:
        raise ConfigError(f"{where} {name}: its package is not installed; {_install_hint([name])}")


# Values of the right type that would still fail later, deep in a trainer (or silently train nothing).
_REPORT_TO = (
    "report_to",
    lambda names: not _missing_trackers(names),
    lambda names: f"trackers whose package is installed; add the extra: {_install_hint(names)}",
)
_MAX_LENGTH = ("max_length", lambda v: v >= 8, "at least 8 (tokens of prompt and reply together)")

RANGES = {
    "StageConfig": [_REPORT_TO],
    "EvalConfig": [_REPORT_TO],
    "TrainConfig": [
        ("max_steps", lambda v: v == -1 or v >= 1, "-1 (run `epochs` epochs) or at least 1"),
        ("epochs", lambda v: v > 0, "positive"),
        ("batch_size", lambda v: v >= 1, "at least 1"),
        ("grad_accum", lambda v: v >= 1, "at least 1"),
        ("lr", lambda v: v > 0, "positive"),
        ("warmup_ratio", lambda v: 0 <= v < 1, "in [0, 1)"),
        ("weight_decay", lambda v: v >= 0, "0 or more"),
        ("max_grad_norm", lambda v: v >= 0, "0 (no clipping) or more"),
        ("logging_steps", lambda v: v >= 1, "at least 1"),
        ("save_steps", lambda v: v >= 1, "at least 1"),
        ("save_total_limit", lambda v: v >= 1, "at least 1"),
        ("eval_steps", lambda v: v >= 0, "0 (only at the end) or more"),
        ("num_workers", lambda v: v >= 0, "0 or more"),
    ],
    "KTOSettings": [
        ("beta", lambda v: v > 0, "positive"),
        ("desirable_weight", lambda v: v > 0, "positive"),
        ("undesirable_weight", lambda v: v > 0, "positive"),
        ("eval_batch_size", lambda v: v >= 1, "at least 1"),
    ],
    "ORPOSettings": [
        ("beta", lambda v: v > 0, "positive"),
        ("eval_batch_size", lambda v: v >= 1, "at least 1"),
    ],
    "AdapterConfig": [
        ("r", lambda v: v >= 1, "at least 1"),
        ("alpha", lambda v: v > 0, "positive"),
        ("dropout", lambda v: 0 <= v < 1, "in [0, 1)"),
        ("last_layers", lambda v: v >= 0, "0 (all layers) or more"),
    ],
    "DynamicsConfig": [
        ("every", lambda v: v >= 0, "0 (auto) or more"),
        ("probes", lambda v: v >= 1, "at least 1"),
        ("max_new_tokens", lambda v: v >= 1, "at least 1"),
        ("displacement_nats", lambda v: v >= 0, "0 or more"),
        ("length_rise", lambda v: v >= 0, "0 or more"),
        ("judge_share", lambda v: 0 <= v <= 1, "in [0, 1]"),
        ("gold_checks", lambda v: v >= 2, "at least 2 (a trend needs two checks)"),
        ("proxy_rise", lambda v: v >= 0, "0 or more (standard errors)"),
        ("gold_drop", lambda v: v >= 0, "0 or more (standard errors)"),
        ("kl_target", lambda v: v >= 0, "0 (the stage's own) or more"),
        ("kl_patience", lambda v: v >= 1, "at least 1"),
        ("entropy_floor", lambda v: 0 <= v < 1, "in [0, 1)"),
        ("dead_lora_ratio", lambda v: 0 <= v < 1, "in [0, 1)"),
    ],
    **dict.fromkeys(
        ("JudgeSplit", "StageJudgeSplit", "PipelineJudgeSplit"),
        [
            ("fraction", lambda v: 0 <= v < 1, "in [0, 1): the share of prompts only the judge reads"),
        ],
    ),
    "PromptDataConfig": [
        ("max_prompt_length", lambda v: v >= 1, "at least 1"),
    ],
    "SFTDataConfig": [
        _MAX_LENGTH,
        ("own_answer_tokens", lambda v: v >= 1, "at least 1"),
        ("own_answer_batch_size", lambda v: v >= 1, "at least 1"),
    ],
    "SFTLoss": [
        ("opening_weight", lambda v: v > 0, "positive"),
        ("opening_tokens", lambda v: v >= 1, "at least 1"),
    ],
    **dict.fromkeys(("PreferenceDataConfig", "RefusalConfig"), [_MAX_LENGTH]),
    "OnlineDPOSettings": [
        ("rounds", lambda v: v >= 0, "0 (offline DPO) or more"),
        ("prompts_per_round", lambda v: v >= 0, "0 (all prompts) or more"),
        ("samples", lambda v: v >= 2, "at least 2 (a pair needs two replies)"),
        ("temperature", lambda v: v > 0, "positive"),
        ("top_p", lambda v: 0 < v <= 1, "in (0, 1]"),
        ("max_new_tokens", lambda v: v >= 1, "at least 1"),
        ("batch_size", lambda v: v >= 1, "at least 1"),
        ("reward_model_weight", lambda v: v >= 0, "0 or more"),
        ("min_gap", lambda v: v >= 0, "0 or more"),
        ("pairs_weight", lambda v: v > 0, "positive"),
    ],
    "PPOSettings": [
        ("rollout_batch_size", lambda v: v >= 1, "at least 1"),
        ("ppo_epochs", lambda v: v >= 1, "at least 1"),
        ("guide_replies", lambda v: 0 <= v <= 2, "0, 1 (the chosen reply) or 2 (chosen and rejected)"),
        ("max_new_tokens", lambda v: v >= 1, "at least 1"),
        ("temperature", lambda v: v > 0, "positive (PPO samples its rollouts)"),
        ("top_p", lambda v: 0 < v <= 1, "in (0, 1]"),
        ("reward_clip", lambda v: v >= 0, "0 (no clipping) or more"),
        ("missing_eos_penalty", lambda v: v >= 0, "0 or more"),
        ("length_penalty", lambda v: v >= 0, "0 or more"),
        ("kl_coef", lambda v: v >= 0, "0 or more"),
        ("target_kl", lambda v: v > 0, "positive"),
        ("kl_horizon", lambda v: v >= 1, "at least 1"),
        ("gamma", lambda v: 0 <= v <= 1, "in [0, 1]"),
        ("lam", lambda v: 0 <= v <= 1, "in [0, 1]"),
        ("clip_range", lambda v: v > 0, "positive"),
        ("value_clip_range", lambda v: v > 0, "positive"),
        ("value_coef", lambda v: v >= 0, "0 or more"),
        ("entropy_coef", lambda v: v >= 0, "0 or more"),
        ("approx_kl_stop", lambda v: v >= 0, "0 (never stop early) or more"),
        ("log_samples", lambda v: v >= 0, "0 or more"),
    ],
    "GRPOSettings": [
        ("reward_model_weight", lambda v: v >= 0, "0 or more"),
        ("group_size", lambda v: v >= 2, "at least 2 (advantages compare a prompt's replies with each other)"),
        ("rollout_batch_size", lambda v: v >= 2, "at least 2"),
        ("kl_coef", lambda v: v >= 0, "0 (no KL term) or more"),
        ("epochs", lambda v: v >= 1, "at least 1"),
        ("clip_range", lambda v: v > 0, "positive"),
        ("max_new_tokens", lambda v: v >= 1, "at least 1"),
        ("temperature", lambda v: v > 0, "positive (GRPO samples its rollouts)"),
        ("top_p", lambda v: 0 < v <= 1, "in (0, 1]"),
        ("missing_eos_penalty", lambda v: v >= 0, "0 or more"),
        ("log_samples", lambda v: v >= 0, "0 or more"),
    ],
}
