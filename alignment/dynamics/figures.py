"""Figures of the learning-dynamics report: matplotlib (Agg canvas, no pyplot, no display) to PNG bytes.

Input: one stage's parsed log (`alignment.dynamics.report.StageLog`: setup, checks, warnings,
summary; schema of `<stage>/dynamics.jsonl` in `alignment/dynamics/probes.py`). Output:
`stage_figures(log)` returns `DynamicsPlot(name, title, alt, png)` in page order, `name` being
the file stem `<stage>_<figure>` the report writes under `<run_dir>/dynamics/`:

- `trajectories`: over check steps, one axes per quantity: chosen / rejected / greedy log-prob
  change since step 0 (likelihood displacement shows as chosen falling with rejected), the
  implicit reward margin (when logged), policy entropy, KL to the reference (when logged);
- `lora_norm`: LoRA update norm ||scale * B @ A||_F per layer over checks, modules combined as
  sqrt(sum of squares) (the Frobenius norm of all the layer's updates together), and the
  layers x modules map at the last check; absent for full fine-tuning (no LoRA norms logged);
- `grad_norm`: per-layer gradient norm over checks (step 0 logs none);
- `attention_entropy`: layers x heads change from the step-0 check to the last one (diverging
  colormap, negative = sharper attention), and the last check's absolute values;
- `reward_length` (PPO only): rollout reward, reply length and the fresh-sample judge over iterations.
- `proxy_gold` (PPO with a judge of its own): the fresh probe samples' proxy reward (the reward model
  PPO is trained against) and gold reward (the independent judge), each as its change since the first
  check, against the rollouts' KL to the reference and over iterations: over-optimisation (Gao et al.
  2022, arXiv:2210.10760) shows as the proxy still rising while the gold turns down.

Nulls in the log become NaN: a line skips them, a heat map leaves the cell blank.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from alignment.core.report_kit import png_bytes

ENTROPY_CHANGE_LABEL = "change in attention entropy (nats): negative = sharper"
CHANGE_LINES = (
    ("chosen_change", "chosen", "#1a7f37"),
    ("rejected_change", "rejected", "#cf222e"),
    ("greedy_change", "step-0 greedy answer", "#0969da"),
)


@dataclass
class DynamicsPlot:
    name: str  # file stem: <stage>_<figure>
    title: str
    alt: str  # text alternative: what the figure shows, with the figures that matter
    png: bytes


def stage_figures(log) -> list[DynamicsPlot]:
    """Every figure of one stage that its log has data for, in page order."""
    checks = log.checks
    if not checks:
        return []
    plots = [
        trajectories(log.stage, checks),
        lora_norm(log.stage, checks, log.setup.get("modules") or []),
        grad_norm(log.stage, checks),
        attention_entropy(log.stage, checks, log.setup.get("frozen_layers") or 0),
    ]
    if log.stage in ("ppo", "grpo"):
        plots += [reward_length(checks), proxy_gold(checks)]
    return [plot for plot in plots if plot is not None]


def trajectories(stage: str, checks: list[dict]) -> DynamicsPlot:
    """Small multiples over check steps: log-prob change, margin, entropy, KL."""
    steps = [check["step"] for check in checks]
    means = {
        key: [number(check.get("means", {}).get(key)) for check in checks]
        for key in ("chosen_change", "rejected_change", "greedy_change", "margin", "entropy", "kl")
    }
    panels = [
        (
            "log-prob change since step 0\n(nats per token)",
            [line for line in CHANGE_LINES if _any_finite(means[line[0]])],
        )
    ]
    if _any_finite(means["margin"]):
        panels.append(("implicit reward margin\n(chosen - rejected)", [("margin", "margin", "#8250df")]))
    panels.append(("policy entropy on the greedy answers\n(nats per token)", [("entropy", "entropy", "#9a6700")]))
    if _any_finite(means["kl"]):
        panels.append(("KL(policy || reference)\n(nats per reply)", [("kl", "KL", "#57606a")]))
    figure = Figure(figsize=(3.4 * len(panels), 3.2), dpi=100)
    for index, (title, lines) in enumerate(panels, 1):
        axes = figure.add_subplot(1, len(panels), index)
        for key, label, color in lines:
            axes.plot(steps, means[key], marker="o", markersize=3, color=color, label=label)
        if index == 1:
            axes.axhline(0.0, color="#8c959f", linewidth=0.8)
            if lines:
                axes.legend(fontsize=8)
        axes.set_title(title, fontsize=9)
        axes.set_xlabel("step")
        axes.grid(alpha=0.3)
    figure.tight_layout()
    last = ", ".join(
        f"{key.replace('_', ' ')} {_text(values[-1])}" for key, values in means.items() if _any_finite(values)
    )
    alt = (
        f"Line plots over the {len(steps)} check steps {steps[0]} to {steps[-1]} of the {stage} stage, one per "
        f"quantity; at the last check: {last or 'no values logged'}"
    )
    return DynamicsPlot(
        f"{stage}_trajectories", f"{stage}: probe log-probs, margin, entropy and KL over training", alt, _png(figure)
    )


def lora_norm(stage: str, checks: list[dict], modules: list[str]) -> DynamicsPlot | None:
    """Heat maps: combined LoRA norm, layers x checks; per-module norm, layers x modules at the last check."""
    layers = sorted({int(layer) for check in checks for layer in check.get("lora_norm") or {}})
    if not layers:
        return None
    steps = [check["step"] for check in checks]
    over_steps = np.full((len(layers), len(checks)), np.nan)
    for column, check in enumerate(checks):
        for layer, norms in (check.get("lora_norm") or {}).items():
            values = [number(value) for value in norms.values()]
            over_steps[layers.index(int(layer)), column] = math.sqrt(sum(value * value for value in values))
    last = checks[-1].get("lora_norm") or {}
    names = [m for m in modules if any(m in norms for norms in last.values())]
    names += sorted({m for norms in last.values() for m in norms} - set(names))
    by_module = np.full((len(layers), max(1, len(names))), np.nan)
    for layer, norms in last.items():
        for module, value in norms.items():
            by_module[layers.index(int(layer)), names.index(module)] = number(value)
    figure = Figure(figsize=(11.0, 1.8 + 0.22 * len(layers)), dpi=100)
    left, right = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
    _heat_map(figure, left, over_steps, "LoRA update norm, modules combined\n(sqrt of sum of squares)", "viridis")
    _step_ticks(left, steps)
    _heat_map(figure, right, by_module, f"LoRA update norm per module at step {steps[-1]}", "viridis")
    right.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=8)
    for axes in (left, right):
        _layer_ticks(axes, layers)
    figure.tight_layout()
    alt = (
        f"Heat maps of the LoRA update norm of the {stage} stage: {len(layers)} layers ({layers[0]} to {layers[-1]}) "
        f"by {len(steps)} checks, and layers by {len(names)} modules at step {steps[-1]}; "
        f"{_extremes(over_steps[:, -1], _layer_names(layers))} at the last check"
    )
    return DynamicsPlot(f"{stage}_lora_norm", f"{stage}: LoRA update norm per layer", alt, _png(figure))


def grad_norm(stage: str, checks: list[dict]) -> DynamicsPlot | None:
    """Heat map of the per-layer gradient norm, layers x the checks that logged one."""
    logged = [check for check in checks if check.get("grad_norm")]
    if not logged:
        return None
    layers = sorted({int(layer) for check in logged for layer in check["grad_norm"]})
    matrix = np.full((len(layers), len(logged)), np.nan)
    for column, check in enumerate(logged):
        for layer, value in check["grad_norm"].items():
            matrix[layers.index(int(layer)), column] = number(value)
    figure = Figure(figsize=(7.0, 1.8 + 0.22 * len(layers)), dpi=100)
    axes = figure.add_subplot()
    _heat_map(figure, axes, matrix, "gradient norm per layer (after clipping)", "magma")
    _step_ticks(axes, [check["step"] for check in logged])
    _layer_ticks(axes, layers)
    figure.tight_layout()
    alt = (
        f"Heat map of the per-layer gradient norm of the {stage} stage: {len(layers)} layers by {len(logged)} "
        f"checks (steps {logged[0]['step']} to {logged[-1]['step']}); {_extremes(matrix[:, -1], _layer_names(layers))} "
        "at the last check"
    )
    return DynamicsPlot(f"{stage}_grad_norm", f"{stage}: gradient norm per layer", alt, _png(figure))


def attention_entropy(stage: str, checks: list[dict], frozen_layers: int) -> DynamicsPlot | None:
    """Layers x heads: entropy change from the step-0 check to the last, and the last check's values."""
    logged = [check for check in checks if any(check.get("attention_entropy") or [])]
    if not logged:
        return None
    first = next((check for check in logged if check["step"] == 0), logged[0])
    start, end = entropy_matrix(first["attention_entropy"]), entropy_matrix(logged[-1]["attention_entropy"])
    change = end - start
    limit = float(np.nanmax(np.abs(change))) if _any_finite(change.ravel()) else 0.0
    limit = limit or 1e-6  # a flat map (one check, or nothing moved) still needs a colour scale
    figure = Figure(figsize=(11.0, 1.8 + 0.22 * end.shape[0]), dpi=100)
    left, right = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
    _heat_map(
        figure,
        left,
        change,
        f"change from step {first['step']} to step {logged[-1]['step']}",
        "RdBu",
        ENTROPY_CHANGE_LABEL,
        (-limit, limit),
    )
    _heat_map(figure, right, end, f"attention entropy at step {logged[-1]['step']}", "viridis", "nats")
    layers = list(range(end.shape[0]))
    for axes in (left, right):
        _layer_ticks(axes, layers)
        axes.set_xlabel("head")
        if 0 < frozen_layers < end.shape[0]:  # below this line no LoRA: those heads should not move
            axes.axhline(frozen_layers - 0.5, color="black", linestyle="--", linewidth=1.0)
    figure.tight_layout()
    alt = (
        f"Heat maps of attention entropy, {end.shape[0]} layers by {end.shape[1]} heads, of the {stage} stage: "
        f"the change from step {first['step']} to step {logged[-1]['step']} (negative = sharper; "
        f"{_extremes(change.ravel(), _head_names(change.shape))}) and the values at the last check"
        + (
            f"; the dashed line marks the top of the {frozen_layers} frozen layers"
            if 0 < frozen_layers < end.shape[0]
            else ""
        )
    )
    return DynamicsPlot(f"{stage}_attention_entropy", f"{stage}: attention entropy per head", alt, _png(figure))


def reward_length(checks: list[dict]) -> DynamicsPlot | None:
    """PPO: rollout reward, reply length and the fresh-sample judge score over iterations."""
    logged = [check for check in checks if check.get("ppo")]
    if not logged:
        return None
    steps = [check["step"] for check in logged]
    series = {
        key: [number(check["ppo"].get(key)) for check in logged]
        for key in ("reward", "sample_reward", "reply_length", "sample_length", "judge")
    }
    panels = [
        ("reward model score", [("reward", "rollouts"), ("sample_reward", "fresh probe samples")]),
        ("reply length (tokens)", [("reply_length", "rollouts"), ("sample_length", "fresh probe samples")]),
        ("judge score of fresh probe samples", [("judge", "fresh probe samples")]),
    ]
    figure = Figure(figsize=(10.5, 3.2), dpi=100)
    for index, (title, lines) in enumerate(panels, 1):
        axes = figure.add_subplot(1, 3, index)
        for key, label in lines:
            if _any_finite(series[key]):
                axes.plot(
                    steps,
                    series[key],
                    marker="o",
                    markersize=3,
                    linestyle="-" if key in ("reward", "reply_length") else "--",
                    label=label,
                )
        axes.set_title(title, fontsize=9)
        axes.set_xlabel("iteration")
        axes.grid(alpha=0.3)
        if axes.lines:
            axes.legend(fontsize=8)
    figure.tight_layout()
    shown = ", ".join(
        f"{key.replace('_', ' ')} {_text(values[0])} -> {_text(values[-1])}"
        for key, values in series.items()
        if _any_finite(values)
    )
    alt = (
        f"Line plots over PPO iterations {steps[0]} to {steps[-1]}: rollout reward and reply length, and the fresh "
        f"samples' reward, length and judge score; first -> last check: {shown or 'no values logged'}"
    )
    return DynamicsPlot("ppo_reward_length", "ppo: reward, reply length and judge over iterations", alt, _png(figure))


def proxy_gold(checks: list[dict]) -> DynamicsPlot | None:
    """PPO: proxy and gold reward of the fresh probe samples, change since the first check, against KL
    and over iterations. The two models' scales differ, so only their changes share an axis."""
    logged = [check for check in checks if check.get("ppo") and check["ppo"].get("gold") is not None]
    if not logged:
        return None
    steps = [check["step"] for check in logged]
    # step 0 has no rollouts yet, so no rollout KL; the policy is the reference there (the LoRA update is zero)
    kl = [
        0.0 if check["step"] == 0 and check["ppo"].get("kl") is None else number(check["ppo"].get("kl"))
        for check in logged
    ]
    series = {}
    for key in ("sample_reward", "gold"):
        values = [number(check["ppo"].get(key)) for check in logged]
        series[key] = [value - values[0] for value in values]
    names = {"sample_reward": "proxy (the reward model PPO is trained against)", "gold": "gold (the independent judge)"}
    figure = Figure(figsize=(10.0, 3.4), dpi=100)
    for index, (x_values, x_label) in enumerate(
        ((kl, "KL to the reference (nats per rollout reply)"), (steps, "iteration")), 1
    ):
        axes = figure.add_subplot(1, 2, index)
        for key, style in (("sample_reward", "--"), ("gold", "-")):
            axes.plot(x_values, series[key], marker="o", markersize=3, linestyle=style, label=names[key])
        axes.axhline(0.0, color="#888888", linewidth=0.8)
        axes.set_xlabel(x_label)
        axes.set_ylabel("change since the first check", fontsize=8)
        axes.grid(alpha=0.3)
        axes.legend(fontsize=7)
    figure.suptitle("fresh probe samples: proxy vs gold reward", fontsize=9)
    figure.tight_layout()
    alt = (
        f"Line plots of the fresh probe samples' proxy and gold reward, as change since iteration {steps[0]}, "
        f"against KL ({_text(kl[0])} -> {_text(kl[-1])} nats) and over iterations {steps[0]} to {steps[-1]}: "
        f"proxy {_text(series['sample_reward'][-1]):s} and gold {_text(series['gold'][-1])} at the last check"
    )
    return DynamicsPlot("ppo_proxy_gold", "ppo: proxy vs gold reward against KL (over-optimisation)", alt, _png(figure))


def entropy_matrix(rows: list[list]) -> np.ndarray:
    """[layers][heads] as a float array; a layer logged as [] (not measured) becomes a row of NaN."""
    heads = max(len(row) for row in rows)
    return np.array([[number(value) for value in row] if row else [math.nan] * heads for row in rows])


def number(value) -> float:
    """A logged number as float; null (or anything not a number) as NaN."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return math.nan


def _heat_map(
    figure: Figure,
    axes,
    matrix,
    title: str,
    colormap: str,
    bar_label: str = "",
    limits: tuple[float, float] | None = None,
) -> None:
    low, high = limits or (None, None)
    image = axes.imshow(
        np.ma.masked_invalid(matrix),
        aspect="auto",
        origin="lower",
        cmap=colormap,
        interpolation="nearest",
        vmin=low,
        vmax=high,
    )
    colorbar = figure.colorbar(image, ax=axes)
    if bar_label:
        colorbar.set_label(bar_label, fontsize=8)
    axes.set_title(title, fontsize=9)


def _step_ticks(axes, steps: list[int]) -> None:
    """At most ~10 step labels under the columns of a heat map."""
    stride = max(1, math.ceil(len(steps) / 10))
    columns = list(range(0, len(steps), stride))
    axes.set_xticks(columns, [str(steps[column]) for column in columns], fontsize=8)
    axes.set_xlabel("step")


def _layer_ticks(axes, layers: list[int]) -> None:
    stride = max(1, math.ceil(len(layers) / 16))
    rows = list(range(0, len(layers), stride))
    axes.set_yticks(rows, [str(layers[row]) for row in rows], fontsize=8)
    axes.set_ylabel("layer")


def _layer_names(layers: list[int]) -> list[str]:
    return [f"layer {layer}" for layer in layers]


def _head_names(shape: tuple[int, int]) -> list[str]:
    return [f"layer {layer} head {head}" for layer in range(shape[0]) for head in range(shape[1])]


def _extremes(values, names: list[str]) -> str:
    """'lowest layer 3 (0.010), highest layer 7 (0.200)' over the finite values (first name on a tie)."""
    finite = [(value, index) for index, value in enumerate(values) if math.isfinite(value)]
    if not finite:
        return "no values"
    low, high = min(finite), max(finite, key=lambda pair: (pair[0], -pair[1]))
    return f"lowest {names[low[1]]} ({low[0]:.3g}), highest {names[high[1]]} ({high[0]:.3g})"


def _any_finite(values) -> bool:
    return any(math.isfinite(value) for value in values)


def _text(value: float) -> str:
    return f"{value:.3g}" if math.isfinite(value) else "n/a"


def _png(figure: Figure) -> bytes:
    return png_bytes(figure)
