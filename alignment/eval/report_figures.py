"""How a figure of an eval report is written and judged: values with CIs, paired differences
from the baseline with their verdicts, stars, small-sample marks; and the console summary.

Shared by report.html / report.md (alignment/eval/report_render.py) and the summary printed by
`alignment eval` and `alignment compare` (`summary_text`). Pure functions over a results dict.

Differences: each task's `comparisons` (alignment/eval/comparisons.py): per metric and model, model
minus baseline `+12.5 pp [2.0, 22.0]` (percentage points for rates; a win rate minus 50%, a tie)
and a verdict: "better" / "worse" (or "higher" / "lower" when the metric has no direction) when
the 95% CI excludes 0, else "no significant difference".

Numbers: "percent" metrics show as `42.0% [33.1, 51.0]` (95% CI in percentage points),
"number" metrics as `0.123 [0.100, 0.150]`.

Small samples: a figure over fewer than SMALL_N (20) items carries SMALL_MARK (†) and the table
a footnote saying so: its interval is wide, and bootstrap intervals on so few items are themselves
unreliable (n = 1 gives a point, [0.0, 100.0] on n = 2 is common).

Stars (★, `best_labels`): a model's value is starred only when
1. it is not the baseline (the baseline against itself is a tie by definition), and
2. it is significantly better than the baseline: its paired difference (the task's
   `comparisons`) has a 95% CI that excludes 0 on the better side of the metric's
   `higher_is_better`; for a metric that is itself relative to the baseline and has no paired
   entry (`tie`: lc_win_rate 0.5, judge_gain 0.0), its own CI excludes the tie on the better side; and
3. among the models passing 1-2, its value is the best as displayed (ties all starred).
Metrics with no direction, no baseline or no paired evidence (preference accuracy, margins,
lengths) star nothing: a star claims a difference we have tested.
"""

from __future__ import annotations

import math

MISSING = "—"  # the model was not evaluated on this task
SMALL_N = 20
SMALL_MARK = "†"
SMALL_NOTE = (
    f"{SMALL_MARK} fewer than {SMALL_N} items: the interval is wide and itself unreliable "
    "(a bootstrap over so few items); read it as a rough indication, not a measurement."
)
NOT_SIGNIFICANT = "no significant difference"
STAR_RULE = (
    "significantly better than the baseline (paired 95% interval clear of 0) and the best such value; "
    "the baseline is never starred"
)


def format_value(value, fmt: str) -> str:
    if not is_finite(value):
        return "n/a"
    return f"{100 * value:.1f}%" if fmt == "percent" else f"{value:.3f}"


def format_ci(ci, fmt: str) -> str:
    if not ci or not all(is_finite(bound) for bound in ci):
        return ""
    low, high = ci
    return f"[{100 * low:.1f}, {100 * high:.1f}]" if fmt == "percent" else f"[{low:.3f}, {high:.3f}]"


def format_score(score: dict | None, fmt: str) -> str:
    """`42.0% [33.1, 51.0]`; `—` when the model has no score for this metric; `†` under SMALL_N items."""
    if score is None:
        return MISSING
    ci = format_ci(score.get("ci"), fmt)
    return f"{format_value(score.get('value'), fmt)} {ci}".strip() + (SMALL_MARK if is_small(score) else "")


def best_labels(task: dict, metric_name: str, labels: list[str], baseline: str | None = None) -> set[str]:
    """Labels to star on one metric (the rule in the module docstring): significantly better than
    the baseline, and the best displayed value among those (all of them on a tie)."""
    metric = task["metrics"][metric_name]
    higher = metric.get("higher_is_better")
    if higher is None or baseline is None:
        return set()
    shown = {}
    for label in labels:
        value = task["scores"].get(label, {}).get(metric_name, {}).get("value")
        if label != baseline and is_finite(value) and significantly_better(task, metric_name, label):
            shown[label] = round(100 * value, 1) if metric["format"] == "percent" else round(value, 3)
    if not shown:
        return set()
    target = max(shown.values()) if higher else min(shown.values())
    return {label for label, value in shown.items() if value == target}


def significantly_better(task: dict, metric_name: str, label: str) -> bool:
    """The paired difference's CI (or, for a relative metric, the value's CI around its tie) lies
    wholly on the better side of 0 (of the tie)."""
    metric = task["metrics"][metric_name]
    higher = metric.get("higher_is_better")
    paired = comparison(task, metric_name, label)
    if paired is not None:
        low, high = _bounds(paired.get("ci"))
        return bool(paired.get("significant")) and (low > 0 if higher else high < 0)
    tie = metric.get("tie")
    score = task["scores"].get(label, {}).get(metric_name) or {}
    if tie is None or score.get("baseline"):
        return False
    low, high = _bounds(score.get("ci"))
    return low > tie if higher else high < tie


def comparison(task: dict, metric_name: str, label: str) -> dict | None:
    """The task's paired entry of `label` on `metric_name` (see alignment/eval/comparisons.py)."""
    return (((task.get("comparisons") or {}).get("metrics") or {}).get(metric_name) or {}).get(label)


def _bounds(ci) -> tuple[float, float]:
    if not ci or not all(is_finite(bound) for bound in ci):
        return math.nan, math.nan  # every comparison with NaN is False: nothing significant
    return float(ci[0]), float(ci[1])


def is_small(score: dict | None) -> bool:
    n = (score or {}).get("n")
    return isinstance(n, int) and not isinstance(n, bool) and n < SMALL_N


def format_difference(entry: dict, fmt: str) -> str:
    """`+12.5 pp [2.0, 22.0]` for rates, `+0.123 [0.010, 0.230]` for numbers; `†` under SMALL_N items."""
    value = entry.get("value")
    if not is_finite(value):
        return "n/a"
    text = f"{100 * value:+.1f} pp" if fmt == "percent" else f"{value:+.3f}"
    ci = format_ci(entry.get("ci"), fmt)
    return f"{text} {ci}".strip() + (SMALL_MARK if is_small(entry) else "")


def difference_verdict(entry: dict, metric: dict) -> str:
    """ "better" / "worse" ("higher" / "lower" without a direction) when significant, else NOT_SIGNIFICANT."""
    low, high = _bounds(entry.get("ci"))
    if not entry.get("significant") or not (low > 0 or high < 0):
        return NOT_SIGNIFICANT
    higher = metric.get("higher_is_better")
    up = low > 0
    if higher is None:
        return "higher" if up else "lower"
    return "better" if up == higher else "worse"


def difference_label(metric: dict, metric_name: str, measure: str | None) -> str:
    name = metric.get("label") or metric_name
    return f"{name} − 50% (a tie)" if measure == "win" else name


def difference_rows(results: dict):
    """(task name, task, metric name, metric, {label: entry}) for every metric with paired entries."""
    for name, task in results["tasks"].items():
        by_metric = (task.get("comparisons") or {}).get("metrics") or {}
        order = [task["primary"]] + [metric for metric in task["metrics"] if metric != task["primary"]]
        for metric_name in order:
            if by_metric.get(metric_name):
                yield name, task, metric_name, task["metrics"][metric_name], by_metric[metric_name]


def compared_labels(results: dict) -> list[str]:
    """Models with at least one paired entry, in the results' model order."""
    found = {label for *_, entries in difference_rows(results) for label in entries}
    return [model["label"] for model in results["models"] if model["label"] in found]


def any_small(results: dict, values: bool = True, differences: bool = True) -> bool:
    """Whether some shown figure (a per-model value, a paired difference) rests on fewer than SMALL_N items."""
    small_value = values and any(
        is_small(score)
        for task in results["tasks"].values()
        for by_metric in task["scores"].values()
        for score in by_metric.values()
    )
    return small_value or (
        differences and any(is_small(entry) for *_, entries in difference_rows(results) for entry in entries.values())
    )


def direction(metric: dict) -> str:
    higher = metric.get("higher_is_better")
    return "" if higher is None else ("↑" if higher else "↓")


def measure_of(entries: dict) -> str | None:
    return next((entry.get("measure") for entry in entries.values()), None)


def is_finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# ---- console ----


def summary_text(results: dict) -> str:
    """The console summary printed at the end of an eval (and of `alignment compare`): the paired
    differences from the baseline first, then each task's primary metric per model, then the
    small-n footnote when a figure rests on fewer than SMALL_N items."""
    parts = [_text_differences(results), _text_values(results)]
    if any_small(results):
        parts.append(SMALL_NOTE)
    return "\n".join(part for part in parts if part)


def _text_differences(results: dict) -> str:
    labels, baseline = compared_labels(results), results.get("baseline")
    if not labels:
        return ""
    rows = [["task", "metric", *[f"{label} - {baseline}" for label in labels]]]
    for name, _, metric_name, metric, entries in difference_rows(results):
        cells = [
            f"{format_difference(entries[label], metric['format'])} {difference_verdict(entries[label], metric)}"
            if label in entries
            else "-"
            for label in labels
        ]
        label_text = difference_label(metric, metric_name, measure_of(entries)).replace("−", "-")
        rows.append([name, f"{label_text} {direction(metric)}".strip(), *cells])
    return (
        f"\n[eval] differences from the baseline {baseline} (paired by item, 95% bootstrap CI; rates in "
        "percentage points)\n" + _text_table(rows)
    )


def _text_values(results: dict) -> str:
    labels, baseline = [model["label"] for model in results["models"]], results.get("baseline")
    rows = [["task", "metric", *labels]]
    for name, task in results["tasks"].items():
        metric_name = task["primary"]
        metric = task["metrics"][metric_name]
        best = best_labels(task, metric_name, labels, baseline)
        cells = []
        for label in labels:
            score = task["scores"].get(label, {}).get(metric_name)
            text = format_score(score, metric["format"]) if score and score.get("value") is not None else "-"
            cells.append(("★ " if label in best else "") + text)
        rows.append([name, f"{metric.get('label') or metric_name} {direction(metric)}".strip(), *cells])
    note = f"(baseline: {baseline})" if baseline else ""
    return f"\n[eval] summary {note}\n" + _text_table(rows)


def _text_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
