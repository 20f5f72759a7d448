"""Statistics for eval reports: percentile bootstrap CIs, paired win rate, length-controlled win rate.

Inputs are plain sequences of floats (per-item scores, per-item lengths); outputs are floats,
`(lo, hi)` tuples and, for the length-controlled win rate, a dict. Everything is numpy with a
seeded `np.random.Generator`, so a figure is reproducible from its seed.

- `bootstrap_ci`: percentile bootstrap (Efron & Tibshirani 1993): resample the items with
  replacement `resamples` times, take the statistic of each resample, report its
  (1-level)/2 and 1-(1-level)/2 quantiles.
- `win_rate`: paired by item; a win counts 1, a tie (exactly equal floats) 0.5, a loss 0.
- `win_rate_ci`: the bootstrap over items of those per-item outcomes.
- `paired_difference`: mean over items of (model - baseline) with a paired bootstrap CI (items
  resampled with both models' values) and whether that CI excludes 0 ("significant").
- `length_controlled_win_rate`: in the spirit of AlpacaEval 2's length-controlled win rate
  (Dubois et al. 2024, arXiv:2404.04475): a logistic regression of the outcome on the length
  difference, read at equal length. See its docstring for the model and the degenerate cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from alignment.core.errors import AlignmentError

LENGTH_RIDGE = 1e-3
"""Strength of the L2 penalty on the length coefficient (a N(0, 1/LENGTH_RIDGE) prior): it keeps
the coefficient finite when wins are perfectly separated by length, and moves well-posed fits by
far less than their bootstrap CI."""


def bootstrap_ci(
    values: Sequence[float], statistic: Callable = np.mean, resamples: int = 2000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap CI of `statistic(values)`.

    Example: values [0, 1] resampled give means 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4, so
    with many resamples the 95% CI is (0.0, 1.0). A constant sample c gives (c, c)."""
    array = _floats(values, "values")
    return _percentile_bootstrap(len(array), lambda rows: float(statistic(array[rows])), resamples, seed, level)


def pairwise_outcomes(model_scores: Sequence[float], baseline_scores: Sequence[float]) -> np.ndarray:
    """Per item: 1.0 if the model scored higher, 0.5 if exactly equal, 0.0 if lower."""
    model, baseline = _paired(model_scores, baseline_scores)
    return np.where(model > baseline, 1.0, np.where(model == baseline, 0.5, 0.0))


def win_rate(model_scores: Sequence[float], baseline_scores: Sequence[float]) -> float:
    """Mean paired outcome (ties 0.5). Example: model [3, 1, 2, 5], baseline [1, 2, 2, 4] ->
    outcomes [1, 0, 0.5, 1] -> 2.5 / 4 = 0.625."""
    return float(pairwise_outcomes(model_scores, baseline_scores).mean())


def win_rate_ci(
    model_scores: Sequence[float],
    baseline_scores: Sequence[float],
    resamples: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float]:
    """Paired bootstrap CI of the win rate: items (with both models' scores) are resampled."""
    return bootstrap_ci(pairwise_outcomes(model_scores, baseline_scores), np.mean, resamples, seed, level)


def paired_difference(
    model_values: Sequence[float],
    baseline_values: Sequence[float],
    resamples: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> dict:
    """{"value", "ci", "n", "significant"}: mean of per-item differences model - baseline, the
    percentile bootstrap CI of that mean (the items are resampled, each with both values: a paired
    bootstrap, far narrower than two separate CIs when items vary more than models do), and
    significant = the CI excludes 0.

    Example: model [1, 1, 0, 1], baseline [0, 1, 0, 0] -> differences [1, 0, 0, 1], value 0.5;
    the bootstrap CI of the mean of [1, 0, 0, 1] is about (0.0, 1.0), which includes 0: not significant.
    A win rate's difference from a tie is `paired_difference(outcomes, [0.5] * n)`.
    Fewer than two items: the CI is None and nothing is significant (one item cannot show
    a difference, however large; a bootstrap of one value would be the point (d, d))."""
    model, baseline = _paired(model_values, baseline_values)
    differences = model - baseline
    if len(differences) < 2:
        return {"value": float(differences.mean()), "ci": None, "n": len(differences), "significant": False}
    low, high = bootstrap_ci(differences, np.mean, resamples, seed, level)
    return {
        "value": float(differences.mean()),
        "ci": [low, high],
        "n": len(differences),
        "significant": bool(low > 0 or high < 0),
    }


def length_controlled_win_rate(
    model_scores: Sequence[float],
    baseline_scores: Sequence[float],
    model_lengths: Sequence[float],
    baseline_lengths: Sequence[float],
    resamples: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> dict:
    """Win rate at equal length: {"value", "ci": [lo, hi], "length_coefficient"}.

    Model (AlpacaEval 2's length term, without its per-instruction terms): for item i with outcome
    y_i in {0, 0.5, 1} (a tie is a fractional target) and length difference
    d_i = model_length_i - baseline_length_i,
        P(win_i) = sigmoid(a + b * tanh(d_i / std(d)))
    fitted by Newton's method (IRLS) on the Bernoulli log-likelihood, with the penalty
    LENGTH_RIDGE * b^2 / 2. The value is sigmoid(a): the predicted win rate when the lengths are
    equal (tanh(0) = 0). `length_coefficient` is b (> 0: longer answers win more).
    The CI is the percentile bootstrap over items, refitting (std(d) included) on each resample.

    Hand check (two length groups, where the fit is exact): items where the model is longer by L
    win with rate m+, items where it is shorter by L win with rate m-. Then tanh(d/std) = +-c and
    sigmoid(a + b c) = m+, sigmoid(a - b c) = m-, so a = (logit m+ + logit m-) / 2. With 30
    longer items winning 90% and 10 shorter ones winning 10%, the raw win rate is
    (27 + 1) / 40 = 0.7 but a = (logit 0.9 + logit 0.1) / 2 = 0, so the value is 0.5.

    Degenerate cases, without NaN:
    - every outcome the same (all wins, all losses or all ties): the value is that outcome and
      b = 0 (the data say nothing about length);
    - no variation in the length difference (std(d) = 0, e.g. equal lengths): tanh(d/std) is
      taken as 0, so the fit is the intercept alone and the value is the raw win rate;
    - wins perfectly separated by length: the ridge keeps b finite.
    """
    outcomes = pairwise_outcomes(model_scores, baseline_scores)
    model_length, baseline_length = _paired(model_lengths, baseline_lengths, "model_lengths", "baseline_lengths")
    if len(model_length) != len(outcomes):
        raise AlignmentError(f"length_controlled_win_rate: {len(outcomes)} scores but {len(model_length)} lengths")
    difference = model_length - baseline_length
    value, coefficient = _fit_length_model(outcomes, difference)

    def refit(rows: np.ndarray) -> float:
        return _fit_length_model(outcomes[rows], difference[rows])[0]

    low, high = _percentile_bootstrap(len(outcomes), refit, resamples, seed, level)
    return {"value": value, "ci": [low, high], "length_coefficient": coefficient}


def _fit_length_model(outcomes: np.ndarray, difference: np.ndarray) -> tuple[float, float]:
    """(sigmoid(a), b) of the penalised logistic fit described above."""
    if np.all(outcomes == outcomes[0]):
        return float(outcomes[0]), 0.0
    spread = difference.std()
    feature = np.tanh(difference / spread) if spread > 0 else np.zeros_like(difference)
    design = np.column_stack([np.ones_like(feature), feature])  # [items, 2]: intercept, length term
    penalty = np.diag([0.0, LENGTH_RIDGE])
    theta = np.zeros(2)
    for _ in range(100):
        probability = _sigmoid(design @ theta)
        gradient = design.T @ (outcomes - probability) - penalty @ theta
        # Hessian of the negative penalised log-likelihood: X^T W X + penalty, W = p (1 - p)
        hessian = design.T @ (design * (probability * (1 - probability))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        theta = _damped(theta, step, design, outcomes, penalty)
        if np.max(np.abs(step)) < 1e-10:
            break
    return float(_sigmoid(theta[0])), float(theta[1])


def _damped(theta, step, design, outcomes, penalty) -> np.ndarray:
    """Halve the Newton step until the objective does not get worse (plain Newton can overshoot
    when p is near 0 or 1)."""
    current = _objective(theta, design, outcomes, penalty)
    for _ in range(30):
        candidate = theta + step
        if _objective(candidate, design, outcomes, penalty) >= current - 1e-12:
            return candidate
        step = step / 2
    return theta


def _objective(theta, design, outcomes, penalty) -> float:
    """Penalised Bernoulli log-likelihood; log sigmoid(z) = -log(1 + e^-z), computed stably."""
    logits = design @ theta
    log_p, log_not_p = -np.logaddexp(0.0, -logits), -np.logaddexp(0.0, logits)
    return float(np.sum(outcomes * log_p + (1 - outcomes) * log_not_p) - theta @ penalty @ theta / 2)


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def _percentile_bootstrap(
    n: int, statistic: Callable[[np.ndarray], float], resamples: int, seed: int, level: float
) -> tuple[float, float]:
    """Quantiles of `statistic(rows)` over `resamples` draws of n row indices with replacement."""
    if not 0 < level < 1:
        raise AlignmentError(f"bootstrap: level must be between 0 and 1, got {level}")
    if resamples < 1:
        raise AlignmentError(f"bootstrap: resamples must be at least 1, got {resamples}")
    rows = np.random.default_rng(seed).integers(0, n, size=(resamples, n))
    estimates = np.array([statistic(draw) for draw in rows])
    tail = (1 - level) / 2
    low, high = np.quantile(estimates, [tail, 1 - tail])
    return float(low), float(high)


def _floats(values: Sequence[float], name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise AlignmentError(f"{name}: expected a non-empty list of numbers, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise AlignmentError(f"{name}: item {int(np.argmin(np.isfinite(array)))} is not a finite number")
    return array


def _paired(
    first: Sequence[float],
    second: Sequence[float],
    first_name: str = "model_scores",
    second_name: str = "baseline_scores",
) -> tuple[np.ndarray, np.ndarray]:
    a, b = _floats(first, first_name), _floats(second, second_name)
    if len(a) != len(b):
        raise AlignmentError(f"{first_name} has {len(a)} items but {second_name} has {len(b)}; they must be paired")
    return a, b
