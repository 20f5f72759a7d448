"""Preference accuracy: does a model rank the chosen reply above the rejected one?

- Reward models (`ModelPool.kind(label) == "reward"`): RewardBench-style pairwise accuracy
  (Lambert et al. 2024, arXiv:2403.13787): r(prompt, chosen) > r(prompt, rejected), ties wrong.
- DPO stage dirs (`<run_dir>/dpo`, its adapter/ or merged/): implicit-reward accuracy,
  r(y) = beta * (log pi(y|x) - log pi_ref(y|x)) (Rafailov et al. 2023, arXiv:2305.18290; SimPO:
  beta * log pi(y|x) / |y|), with pi_ref = the same weights with the adapter disabled and beta from
  the stage's config.yaml. Replies are tokenised exactly as the stage did (`data.encoding.encode_pairs`).
- Other policies (a base or SFT model) have no reward to read: no value, and a note saying why.

Pairs: the files the suite names (`preference_files`, every pair, so all models see the same
pairs), else each stage's own held-out split, rebuilt from its saved config.yaml through the same
mixture / split code (`alignment.data.mixture.load_preference_data`), so a DPO stage's figure is
the held-out accuracy its eval.json reports. The DPO stage scored exactly those pairs after
training and saved each margin in eval.json (keyed by the pair's token ids): when every held-out
pair is there, the margins are read, not computed again (tests check the two agree). Per-pair
items are listed when every scored model read the same pairs.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from alignment.config import DPOConfig, ORPOConfig, RewardConfig, load_config
from alignment.data.encoding import encode_pairs, pair_key
from alignment.data.mixture import load_preference_data
from alignment.data.preference import load_preference_pairs
from alignment.eval.tasks.common import TaskSpec, mean_metric

METRICS = {
    "accuracy": {"label": "Pairwise accuracy", "higher_is_better": True, "format": "percent"},
    "margin": {"label": "Mean reward margin", "higher_is_better": True, "format": "number"},
}


def score_pairs(pool, task, batch_size: int, seed: int) -> dict:
    """The task's results.json section for every model of `pool` (`task`: its `EvalTaskConfig`)."""
    shared = _suite_pairs(task)
    scores, notes, scored = {}, {}, {}
    for label, spec in pool.specs.items():
        stage = dpo_stage_dir(spec)
        if pool.kind(label) == "reward" and (shared is not None or stage_config(spec) is not None):
            pairs, margins, how = _reward_margins(spec, shared, batch_size, pool.dtype)
        elif pool.kind(label) == "reward":
            notes[label] = (
                "not scored: a reward model without a stage config.yaml has no held-out split; "
                "name preference_files in the suite"
            )
            continue
        elif stage is not None:
            pairs, margins, how = _implicit_margins(pool, label, stage, shared, batch_size)
        else:
            notes[label] = "not scored: neither a reward model nor a DPO checkpoint"
            continue
        scores[label] = {
            "accuracy": mean_metric([1.0 if m > 0 else 0.0 for m in margins], seed),
            "margin": mean_metric(margins, seed),
        }
        notes[label] = how
        scored[label] = (pairs, margins)
    return {
        "n": max((len(pairs) for pairs, _ in scored.values()), default=0),
        "scores": scores,
        "notes": notes,
        "pairs": "suite files: " + ", ".join(task.preference_files)
        if shared is not None
        else "each stage's own held-out split (from its config.yaml)",
        "items": _items(scored),
    }


def check(pool, task) -> None:
    """Fail before any generation on what score_pairs would trip over: unreadable preference files,
    a DPO or reward stage whose config.yaml does not load."""
    _suite_pairs(task)
    for label, spec in pool.specs.items():
        if dpo_stage_dir(spec) is not None:
            load_dpo_config(dpo_stage_dir(spec) / "config.yaml")
        elif pool.kind(label) == "reward" and stage_config(spec) is not None:
            load_config(RewardConfig, stage_config(spec))


PREFERENCE_STAGES = ("dpo", "orpo")
"""Stages whose policy has an implicit reward (the ORPO stage runs the DPO stage's code)."""


def dpo_stage_dir(spec: str) -> Path | None:
    """The DPO or ORPO stage dir `spec` points at (the dir itself, its adapter/ or merged/), else None."""
    path = Path(spec).expanduser()
    for candidate in (path, path.parent):
        manifest = candidate / "manifest.json"
        if manifest.is_file() and json.loads(manifest.read_text()).get("stage") in PREFERENCE_STAGES:
            return candidate
    return None


def load_dpo_config(path: Path) -> DPOConfig:
    """A DPO stage's config.yaml, or an ORPO stage's as the DPO config it ran (`dpo.loss: orpo`)."""
    manifest = path.parent / "manifest.json"
    if manifest.is_file() and json.loads(manifest.read_text()).get("stage") == "orpo":
        return load_config(ORPOConfig, path).as_dpo_config()
    return load_config(DPOConfig, path)


def _suite_pairs(task):
    if not task.preference_files:
        return None
    pairs = load_preference_pairs(task.preference_files, task.preference_format)
    for pair in pairs:
        pair.subset = pair.subset or Path(pair.source.rsplit(":", 1)[0]).stem
    return pairs


# ---- reward models ----


def _reward_margins(spec: str, shared, batch_size: int, dtype: str):
    from alignment.models.reward_model import load_reward_model

    reward = load_reward_model(spec, dtype=dtype)
    pairs = shared
    if pairs is None:
        config = load_config(RewardConfig, stage_config(spec))
        pairs = _held_out(config.data, reward.tokenizer)
    chosen = reward.score([p.prompt for p in pairs], [p.chosen for p in pairs], batch_size)
    rejected = reward.score([p.prompt for p in pairs], [p.rejected for p in pairs], batch_size)
    return pairs, [c - r for c, r in zip(chosen, rejected)], "reward model: r(chosen) - r(rejected)"


def stage_config(spec: str) -> Path | None:
    """config.yaml of the stage dir `spec` is (or whose adapter/ or merged/ it is), else None."""
    path = Path(spec).expanduser()
    for candidate in (path, path.parent):
        if (candidate / "config.yaml").is_file() and (candidate / "manifest.json").is_file():
            return candidate / "config.yaml"
    return None


def _held_out(data_config, tokenizer) -> list:
    return load_preference_data(data_config, tokenizer).test


# ---- DPO: implicit reward ----


def _implicit_margins(pool, label: str, stage: Path, shared, batch_size: int):
    import torch

    from alignment.losses import REFERENCE_FREE, implicit_rewards

    config = load_dpo_config(held_out_config(stage))
    beta, reference_free = config.dpo.beta, config.dpo.loss in REFERENCE_FREE
    how = (
        f"implicit reward beta * logp / |y| ({config.dpo.loss}), beta={beta}"
        if reference_free
        else f"DPO implicit reward beta * (logp - logp_ref), beta={beta}, reference = adapter disabled"
    )
    with pool.use(label) as (model, tokenizer):
        pairs = shared if shared is not None else _held_out(config.data, tokenizer)
        rows = encode_pairs(tokenizer, pairs)
        saved = None if shared is not None else saved_margins(stage, rows)
        if saved is not None:
            return pairs, saved, how + "; margins from the stage's eval.json (it scored these pairs after training)"
        with _adapter_of(model, stage, pool.dtype) as (policy, disabled):
            chosen, rejected = reply_logps(policy, rows, tokenizer.pad_token_id, batch_size)
            ref_chosen = ref_rejected = None
            if not reference_free:
                with disabled():
                    ref_chosen, ref_rejected = reply_logps(policy, rows, tokenizer.pad_token_id, batch_size)
    lengths = lambda key: torch.tensor([float(len(row[key])) for row in rows])  # noqa: E731
    chosen_rewards = implicit_rewards(chosen, ref_chosen, lengths("chosen_ids"), beta, reference_free)
    rejected_rewards = implicit_rewards(rejected, ref_rejected, lengths("rejected_ids"), beta, reference_free)
    return pairs, (chosen_rewards - rejected_rewards).tolist(), how


def held_out_config(stage: Path) -> Path:
    """The config whose data split gave the stage's held-out pairs: its own, or for on-policy rounds
    (`dpo.online`, rounds.json) the last round's, whose data also held that round's pairs."""
    rounds = stage / "rounds.json"
    if rounds.is_file():
        last = json.loads(rounds.read_text())[-1]["round"]
        return stage / "rounds" / f"{last:02d}" / "dpo" / "config.yaml"
    return stage / "config.yaml"


def saved_margins(stage: Path, rows: list[dict]) -> list[float] | None:
    """The margins the DPO stage saved in eval.json for exactly these pairs (its held-out split),
    in row order; None when the file, or any pair, is missing (an older stage dir)."""
    path = stage / "eval.json"
    saved = json.loads(path.read_text()).get("pairs") if path.is_file() else None
    if not saved:
        return None
    by_key = {entry["key"]: entry["margin"] for entry in saved}
    keys = [pair_key(row) for row in rows]
    if len(by_key) != len(keys) or any(key not in by_key for key in keys):
        return None
    return [by_key[key] for key in keys]


@contextlib.contextmanager
def _adapter_of(model, stage: Path, dtype: str):
    """(policy, a context that disables its adapter). The pool's model when it carries the stage's
    adapter (a PeftModel); otherwise (the pool loaded merged weights) the adapter is loaded here."""
    from peft import PeftModel

    if isinstance(model, PeftModel):
        yield model, model.disable_adapter
        return
    from alignment.models.loading import load_for_inference

    policy, _ = load_for_inference(str(stage / "adapter"), dtype=dtype)
    try:
        yield policy, policy.disable_adapter
    finally:
        del policy


def reply_logps(model, rows: list[dict], pad_token_id: int, batch_size: int):
    """Summed log-probs `[pairs]` of each chosen and rejected reply given its prompt (rows from
    `encode_pairs`). Sequences are right-padded; position t predicts token t + 1, so a reply token
    at position p is read from the logits at p - 1."""
    import torch

    with torch.no_grad():
        return _reply_logps(model, rows, pad_token_id, batch_size)


def _reply_logps(model, rows: list[dict], pad_token_id: int, batch_size: int):
    import torch

    sequences = [(row["prompt_ids"], row[key]) for key in ("chosen_ids", "rejected_ids") for row in rows]
    totals = torch.zeros(len(sequences))
    device = next(model.parameters()).device
    step = max(1, min(batch_size, 8))  # [batch, seq, vocab] logits dominate memory
    order = sorted(range(len(sequences)), key=lambda index: -sum(map(len, sequences[index])))
    for start in range(0, len(order), step):
        batch = order[start : start + step]
        width = max(len(sequences[i][0]) + len(sequences[i][1]) for i in batch)
        input_ids = torch.full((len(batch), width), pad_token_id, dtype=torch.long)  # [batch, seq]
        reply_mask = torch.zeros((len(batch), width), dtype=torch.bool)
        attention = torch.zeros((len(batch), width), dtype=torch.long)
        for row, index in enumerate(batch):
            prompt, reply = sequences[index]
            input_ids[row, : len(prompt) + len(reply)] = torch.tensor(prompt + reply)
            attention[row, : len(prompt) + len(reply)] = 1
            reply_mask[row, len(prompt) : len(prompt) + len(reply)] = True
        logits = model(input_ids=input_ids.to(device), attention_mask=attention.to(device)).logits.float().cpu()
        logps = torch.log_softmax(logits[:, :-1], dim=-1).gather(2, input_ids[:, 1:, None]).squeeze(2)  # [batch, seq-1]
        totals[batch] = (logps * reply_mask[:, 1:]).sum(dim=1)
    return totals[: len(rows)], totals[len(rows) :]


# ---- items ----


def _items(scored: dict) -> list[dict]:
    """One item per pair when every scored model read the same pairs; else none (the splits differ)."""
    if not scored:
        return []
    keys = {
        label: [(pair.source, json.dumps(pair.chosen), json.dumps(pair.rejected)) for pair in pairs]
        for label, (pairs, _) in scored.items()
    }
    if len({json.dumps(value) for value in keys.values()}) != 1:
        return []
    pairs = next(iter(scored.values()))[0]
    items = []
    for index, pair in enumerate(pairs):
        outputs = {
            label: {"text": None, "verdict": "correct" if margins[index] > 0 else "wrong", "score": margins[index]}
            for label, (_, margins) in scored.items()
        }
        turns = [message["content"] for message in pair.prompt if message["role"] == "user"]
        items.append(
            {
                "id": f"pair-{index + 1:04d}",
                "turns": turns,
                "category": pair.subset,
                "reference": None,
                "source": pair.source,
                "chosen": pair.chosen[0]["content"],
                "rejected": pair.rejected[0]["content"],
                "outputs": outputs,
            }
        )
    return items


TASK = TaskSpec(
    name="preference_accuracy",
    version=1,  # bump whenever the same outputs would score differently
    title="Preference accuracy (reward models; DPO implicit reward)",
    primary="accuracy",
    metrics=METRICS,
    generates=False,
    needs_judge=False,
    baseline=False,  # no metric compares against the baseline model
    score_pairs=score_pairs,
    check=check,
)
