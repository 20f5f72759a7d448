"""Allowed ranges of config values: `alignment.config.from_dict` checks each section's fields
against `RANGES[<dataclass name>]` as (field, allowed(value), what the error says it must be)."""

# Values of the right type that would still fail later, deep in a trainer (or silently train nothing).
RANGES = {
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
    "AdapterConfig": [
        ("r", lambda v: v >= 1, "at least 1"),
        ("alpha", lambda v: v > 0, "positive"),
        ("dropout", lambda v: 0 <= v < 1, "in [0, 1)"),
        ("last_layers", lambda v: v >= 0, "0 (all layers) or more"),
    ],
    "PromptDataConfig": [
        ("max_prompt_length", lambda v: v >= 1, "at least 1"),
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
}
