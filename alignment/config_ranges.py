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
}
