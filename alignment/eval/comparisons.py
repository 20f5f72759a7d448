"""Paired comparisons against the baseline model, computed from a task's per-item rows.

Input: one task section of results.json (its `metrics`, `scores` and `items`), the baseline label
and the bootstrap seed. Output: the section's `comparisons`:

    {"baseline": "sft", "level": 0.95,
     "metrics": {"refusal_rate": {"dpo": {"value": 0.25, "ci": [0.05, 0.45], "n": 20,
                                          "significant": true, "measure": "difference"}}}}

A metric takes part when its spec in `metrics` carries `"paired": {"field", "measure"}`:
- measure "difference": per item, the model's `outputs[label][field]` minus the baseline's on the
  same item (a refusal flag, a correct/wrong 1/0, a judge score); the value is the mean
  difference (percentage points for a rate), with a paired bootstrap CI (`stats.paired_difference`:
  items are resampled with both models' values).
- measure "win": per item, 1 / 0.5 / 0 as the model's `field` is above / equal to / below the
  baseline's, minus 0.5; the value is the win rate minus 50% (its distance from a tie), the CI
  the paired bootstrap of the win rate shifted by 0.5.
"significant" means the 95% CI excludes 0; with fewer than two items it is never significant.
Computed from items (not from the models), so `alignment compare` recomputes it against a merged
baseline from the stored replies. A model or a metric whose items lack the field (an older
results.json; a report without items) gets no entry: no comparison rather than a guessed one.
"""

from __future__ import annotations

import math

from alignment.eval import stats

LEVEL = 0.95
TIE = 0.5  # a win rate of a model against itself


def paired_spec(task: dict, metric_name: str) -> dict | None:
    """The metric's {"field", "measure"}, from results.json, else from the task registry (older files)."""
    spec = (task.get("metrics") or {}).get(metric_name) or {}
    if spec.get("paired"):
        return spec["paired"]
    from alignment.eval.tasks import TASKS

    spec = TASKS.get(task.get("task") or "")
    return spec.metrics.get(metric_name, {}).get("paired") if spec is not None else None


def task_comparisons(task: dict, baseline: str | None, seed: int = 0) -> dict | None:
    """The `comparisons` section of one task (see the module docstring); None when nothing compares."""
    items = task.get("items") or []
    if baseline is None or not items or not has_outputs(items, baseline):
        return None
    by_metric = {}
    for metric_name in task.get("metrics") or {}:
        spec = paired_spec(task, metric_name)
        if not spec:
            continue
        entries = {}
        for label in task.get("scores") or {}:
            if label != baseline and has_outputs(items, label):
                entry = compare_label(items, label, baseline, spec, seed)
                if entry is not None:
                    entries[label] = entry
        if entries:
            by_metric[metric_name] = entries
    return {"baseline": baseline, "level": LEVEL, "metrics": by_metric} if by_metric else None


def compare_label(items: list[dict], label: str, baseline: str, spec: dict, seed: int) -> dict | None:
    """One model's paired entry, or None when an item lacks the field for it or for the baseline."""
    field, measure = spec["field"], spec["measure"]
    model = [item["outputs"][label].get(field) for item in items]
    base = [item["outputs"][baseline].get(field) for item in items]
    if not all(_number(value) for value in model + base):
        return None
    if measure == "win":
        outcomes = stats.pairwise_outcomes(model, base)
        entry = stats.paired_difference(outcomes, [TIE] * len(outcomes), seed=seed, level=LEVEL)
    else:
        entry = stats.paired_difference(model, base, seed=seed, level=LEVEL)
    return {**entry, "measure": measure}


def add_comparisons(task: dict, baseline: str | None, seed: int = 0) -> dict:
    """Set (or drop, when nothing compares) `task["comparisons"]`; return the task."""
    found = task_comparisons(task, baseline, seed)
    if found is None:
        task.pop("comparisons", None)
    else:
        task["comparisons"] = found
    return task


def entry(task: dict, metric_name: str, label: str) -> dict | None:
    """The stored paired entry of `label` on `metric_name`, if any."""
    return ((task.get("comparisons") or {}).get("metrics") or {}).get(metric_name, {}).get(label)


def has_outputs(items: list[dict], label: str) -> bool:
    """Whether every item holds a reply of `label`."""
    return all(isinstance((item.get("outputs") or {}).get(label), dict) for item in items)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
