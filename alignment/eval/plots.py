"""Figures for report.html: matplotlib (Agg canvas, no pyplot, no display) rendered to PNG bytes.

Input: a validated results dict (schema in `alignment.eval.report`). Output: `figures(results)`
returns a list of `Plot(title, alt, png)`; the report embeds each PNG as a base64 data URI, so
the page stays one self-contained file.

- per task: a bar chart of the task's primary metric per model, with the 95% CI as error bars;
- a `harmful_refusal` and an `over_refusal` task present (by their `task` field, else their key;
  the first of each): the safety trade-off, one point per model
  (x: over-refusal of benign prompts, lower is better; y: refusal of harmful prompts, higher is
  better), so a model that refuses everything sits top right, not top left;
- per task with per-item numeric scores (a judge's reward, a margin): a box plot per model.
  Scores that are only 0 and 1 are skipped: their distribution is the metric itself.

Model labels and titles are user strings: `$` is escaped so matplotlib never parses them as
mathtext (an odd number of `$` would raise), and long labels are shortened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.figure import Figure

from alignment.core.report_kit import png_bytes

BASELINE_COLOR = "#8c959f"
MODEL_COLOR = "#0969da"
TRADEOFF_TASKS = ("harmful_refusal", "over_refusal")


@dataclass
class Plot:
    title: str
    alt: str  # text alternative for screen readers: what the figure shows, values included
    png: bytes


def figures(results: dict) -> list[Plot]:
    """Every figure the report shows, in page order."""
    labels = [model["label"] for model in results["models"]]
    baseline = results.get("baseline")
    tasks = results["tasks"]
    plots = [primary_bar(name, task, labels, baseline) for name, task in tasks.items()]
    harmful, over = (_first_of_kind(tasks, kind) for kind in TRADEOFF_TASKS)
    if harmful and over:
        plots.append(safety_tradeoff(harmful, over, labels))
    plots += [score_distribution(name, task, labels) for name, task in tasks.items()]
    return [plot for plot in plots if plot is not None]


def primary_bar(name: str, task: dict, labels: list[str], baseline: str | None) -> Plot | None:
    """Bar chart of the primary metric per model, CI as error bars (percent metrics in %)."""
    metric_name = task["primary"]
    metric = task["metrics"][metric_name]
    points = _primary_points(task, labels)
    if not points:
        return None
    scale = 100.0 if metric["format"] == "percent" else 1.0
    values = [value * scale for _, value, _ in points]
    errors = [_error_bar(value, ci, scale) for _, value, ci in points]
    figure = Figure(figsize=(max(4.0, 1.0 + 0.9 * len(points)), 3.4), dpi=100)
    axes = figure.add_subplot()
    colors = [BASELINE_COLOR if label == baseline else MODEL_COLOR for label, _, _ in points]
    axes.bar(
        range(len(points)),
        values,
        color=colors,
        yerr=[[low for low, _ in errors], [high for _, high in errors]],
        capsize=4,
    )
    names = [_safe(label) + ("\n(baseline)" if label == baseline else "") for label, _, _ in points]
    axes.set_xticks(
        range(len(points)), names, rotation=30 if len(points) > 4 else 0, ha="right" if len(points) > 4 else "center"
    )
    unit = " (%)" if scale == 100.0 else ""
    axes.set_ylabel(_safe(metric.get("label") or metric_name) + unit)
    axes.set_title(_safe(task.get("title") or name, 60), fontsize=10)
    if scale == 100.0:
        axes.set_ylim(0, 105)
    title = f"{task.get('title') or name}: {metric.get('label') or metric_name}"
    shown = ", ".join(f"{label} {_format(value, metric['format'])}" for label, value, _ in points)
    alt = f"Bar chart of {metric.get('label') or metric_name} per model for task {name}, 95% CI as error bars: {shown}"
    return Plot(title=title, alt=alt, png=_png(figure))


def safety_tradeoff(harmful: dict, over: dict, labels: list[str]) -> Plot | None:
    """Scatter: harmful-prompt refusal (y, higher is better) vs benign over-refusal (x, lower is better)."""
    harmful_points = {label: (value, ci) for label, value, ci in _primary_points(harmful, labels)}
    over_points = {label: (value, ci) for label, value, ci in _primary_points(over, labels)}
    both = [label for label in labels if label in harmful_points and label in over_points]
    if not both:
        return None
    figure = Figure(figsize=(5.0, 4.2), dpi=100)
    axes = figure.add_subplot()
    for label in both:
        (x, x_ci), (y, y_ci) = over_points[label], harmful_points[label]
        x_error, y_error = _error_bar(x, x_ci, 100.0), _error_bar(y, y_ci, 100.0)
        axes.errorbar(
            [100 * x],
            [100 * y],
            xerr=[[x_error[0]], [x_error[1]]],
            yerr=[[y_error[0]], [y_error[1]]],
            fmt="o",
            capsize=3,
        )
        axes.annotate(_safe(label), (100 * x, 100 * y), textcoords="offset points", xytext=(6, 6), fontsize=9)
    axes.set_xlim(-5, 105)
    axes.set_ylim(-5, 105)
    axes.set_xlabel("Over-refusal of benign prompts (%), lower is better")
    axes.set_ylabel("Refusal of harmful prompts (%), higher is better")
    axes.set_title("Safety trade-off (best: top left)", fontsize=10)
    axes.grid(alpha=0.3)
    shown = "; ".join(
        f"{label}: harmful refused {100 * harmful_points[label][0]:.1f}%, "
        f"benign over-refused {100 * over_points[label][0]:.1f}%"
        for label in both
    )
    alt = f"Scatter of refusal rate on harmful prompts against over-refusal rate on benign prompts per model: {shown}"
    return Plot(title="Safety trade-off: harmful refusal vs over-refusal", alt=alt, png=_png(figure))


def score_distribution(name: str, task: dict, labels: list[str]) -> Plot | None:
    """Box plot of per-item numeric scores per model; None when scores are absent or only 0/1."""
    per_label = {label: _item_scores(task, label) for label in labels}
    per_label = {label: scores for label, scores in per_label.items() if scores}
    every_score = {score for scores in per_label.values() for score in scores}
    if not every_score or every_score <= {0.0, 1.0}:
        return None
    figure = Figure(figsize=(max(4.0, 1.0 + 0.9 * len(per_label)), 3.4), dpi=100)
    axes = figure.add_subplot()
    positions = list(range(1, len(per_label) + 1))
    axes.boxplot(list(per_label.values()), positions=positions, showmeans=True)
    axes.set_xticks(positions, [_safe(label) for label in per_label])
    axes.set_ylabel("Per-item score")
    axes.set_title(_safe(f"{task.get('title') or name}: score distribution", 60), fontsize=10)
    medians = ", ".join(
        f"{label} median {_median(scores):.3f} (n={len(scores)})" for label, scores in per_label.items()
    )
    alt = f"Box plot of per-item scores per model for task {name}: {medians}"
    return Plot(title=f"{task.get('title') or name}: per-item score distribution", alt=alt, png=_png(figure))


def _first_of_kind(tasks: dict, kind: str) -> dict | None:
    """The first task of a kind: its `task` field (the runner keys tasks by suite id), else its key."""
    return next((task for key, task in tasks.items() if task.get("task", key) == kind), None)


def _primary_points(task: dict, labels: list[str]) -> list[tuple[str, float, list | None]]:
    """(label, value, ci) of the primary metric for every model that has a finite value, in model order."""
    points = []
    for label in labels:
        score = task["scores"].get(label, {}).get(task["primary"])
        if score and _finite(score.get("value")):
            points.append((label, float(score["value"]), score.get("ci")))
    return points


def _item_scores(task: dict, label: str) -> list[float]:
    outputs = (item.get("outputs", {}).get(label) for item in task.get("items", []))
    return [float(output["score"]) for output in outputs if output and _finite(output.get("score"))]


def _error_bar(value: float, ci, scale: float) -> tuple[float, float]:
    """Distances below/above the value; 0 without a CI. Clipped at 0: matplotlib rejects negatives."""
    if not ci or not all(_finite(bound) for bound in ci):
        return 0.0, 0.0
    return max(0.0, (value - ci[0]) * scale), max(0.0, (ci[1] - value) * scale)


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _format(value: float, fmt: str) -> str:
    return f"{100 * value:.1f}%" if fmt == "percent" else f"{value:.3f}"


def _safe(text: str, limit: int = 24) -> str:
    """A user string as plain matplotlib text: shortened, `$` escaped (no mathtext)."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("$", r"\$")


def _png(figure: Figure) -> bytes:
    return png_bytes(figure, tight=True)
