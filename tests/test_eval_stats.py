"""Eval statistics against values derived by hand (see the docstrings in alignment/eval/stats.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from alignment.core.errors import AlignmentError
from alignment.eval.stats import (
    bootstrap_ci,
    length_controlled_win_rate,
    paired_difference,
    pairwise_outcomes,
    win_rate,
    win_rate_ci,
)


def test_win_rate_counts_ties_as_half():
    # outcomes: 3>1 win, 1<2 loss, 2=2 tie, 5>4 win -> (1 + 0 + 0.5 + 1) / 4
    assert win_rate([3, 1, 2, 5], [1, 2, 2, 4]) == 0.625
    assert pairwise_outcomes([3, 1, 2, 5], [1, 2, 2, 4]).tolist() == [1.0, 0.0, 0.5, 1.0]


def test_only_exact_equality_is_a_tie():
    assert win_rate([0.1 + 0.2], [0.3]) == 1.0  # 0.30000000000000004 > 0.3: a win, not a tie
    assert win_rate([0.5], [0.5]) == 0.5


def test_bootstrap_ci_of_a_constant_is_that_constant():
    assert bootstrap_ci([0.75] * 20) == (0.75, 0.75)
    low, high = bootstrap_ci([0.7] * 20)
    assert low == pytest.approx(0.7, abs=1e-12) and high == pytest.approx(0.7, abs=1e-12)


def test_bootstrap_ci_of_two_points_spans_them():
    # resampled means of [0, 1] are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4: the 2.5% and
    # 97.5% quantiles are 0 and 1
    assert bootstrap_ci([0.0, 1.0], resamples=5000) == (0.0, 1.0)


def test_bootstrap_ci_contains_the_estimate_and_narrows_with_more_data():
    rng = np.random.default_rng(3)
    small, large = rng.normal(1.0, 1.0, 30), rng.normal(1.0, 1.0, 3000)
    for sample in (small, large):
        low, high = bootstrap_ci(sample)
        assert low < sample.mean() < high
    assert np.subtract(*bootstrap_ci(large)[::-1]) < np.subtract(*bootstrap_ci(small)[::-1]) / 5


def test_bootstrap_is_determined_by_its_seed():
    values = np.random.default_rng(0).random(50)
    assert bootstrap_ci(values, seed=7) == bootstrap_ci(values, seed=7)
    assert bootstrap_ci(values, seed=7) != bootstrap_ci(values, seed=8)
    scores = np.random.default_rng(1).random((2, 40))
    assert win_rate_ci(*scores, seed=5) == win_rate_ci(*scores, seed=5)


def test_bootstrap_ci_takes_other_statistics():
    assert bootstrap_ci([4.0, 4.0, 4.0], statistic=np.median) == (4.0, 4.0)


def test_win_rate_ci_is_the_paired_bootstrap_of_the_outcomes():
    model, baseline = [3, 1, 2, 5, 0, 9], [1, 2, 2, 4, 1, 1]
    assert win_rate_ci(model, baseline, seed=2) == bootstrap_ci([1, 0, 0.5, 1, 0, 1], seed=2)
    low, high = win_rate_ci(model, baseline)
    assert low <= win_rate(model, baseline) <= high


def test_paired_difference_is_the_bootstrap_of_per_item_differences():
    model, baseline = [1, 1, 0, 1], [0, 1, 0, 0]  # differences [1, 0, 0, 1]: the docstring's example
    entry = paired_difference(model, baseline, seed=4)
    assert entry["value"] == 0.5 and entry["n"] == 4
    assert entry["ci"] == list(bootstrap_ci([1, 0, 0, 1], seed=4))
    assert entry["ci"][0] <= 0 and not entry["significant"]  # the CI reaches 0: no significant difference


def test_paired_difference_is_significant_only_when_the_ci_excludes_zero():
    refused = paired_difference([1.0] * 30, [0.0] * 25 + [1.0] * 5)  # 25 of 30 prompts flip to a refusal
    assert refused["significant"] and refused["ci"][0] > 0 and abs(refused["value"] - 25 / 30) < 1e-12
    fewer = paired_difference([0.0] * 30, [1.0] * 25 + [0.0] * 5)
    assert fewer["significant"] and fewer["ci"][1] < 0
    same = paired_difference([1.0, 0.0] * 10, [1.0, 0.0] * 10)
    assert same == {"value": 0.0, "ci": [0.0, 0.0], "n": 20, "significant": False}


def test_pairing_makes_the_interval_narrower_than_the_two_separate_ones():
    rng = np.random.default_rng(0)
    difficulty = rng.normal(0, 3, size=60)  # prompts differ far more than the models do
    baseline, model = difficulty, difficulty + 0.5 + rng.normal(0, 0.3, size=60)
    entry = paired_difference(model, baseline)
    separate = [bootstrap_ci(values) for values in (model, baseline)]
    assert entry["significant"] and entry["ci"][1] - entry["ci"][0] < (separate[0][1] - separate[0][0]) / 3
    assert separate[0][0] < separate[1][1]  # the separate intervals overlap: they alone would say nothing


def test_a_win_rate_minus_a_tie_is_the_win_rate_ci_shifted():
    model, baseline = [3, 1, 2, 5, 0, 9], [1, 2, 2, 4, 1, 1]
    entry = paired_difference(pairwise_outcomes(model, baseline), [0.5] * 6, seed=2)
    low, high = win_rate_ci(model, baseline, seed=2)
    assert entry["value"] == pytest.approx(win_rate(model, baseline) - 0.5)
    assert entry["ci"] == pytest.approx([low - 0.5, high - 0.5])


def test_one_item_shows_no_significant_difference():
    assert paired_difference([1.0], [0.0]) == {"value": 1.0, "ci": None, "n": 1, "significant": False}


def test_length_control_equals_the_raw_win_rate_when_lengths_are_equal():
    model, baseline = [1, 0, 0.5, 1, 2, 3], [0, 1, 0.5, 0, 1, 4]
    result = length_controlled_win_rate(model, baseline, [10] * 6, [10] * 6)
    assert result["value"] == pytest.approx(win_rate(model, baseline), abs=1e-9)  # (1+0+.5+1+1+0)/6
    assert result["length_coefficient"] == 0.0


def test_length_control_removes_a_win_rate_that_comes_from_length():
    """Docstring hand check: 30 items where the model is 50 tokens longer win 90% of the time, 10
    where it is 50 shorter win 10%: raw 28/40 = 0.7, but a = (logit 0.9 + logit 0.1)/2 = 0, so the
    win rate at equal length is sigmoid(0) = 0.5, and b = logit(0.9) / tanh(50 / std(d)) > 0."""
    model = [1] * 27 + [0] * 3 + [1] * 1 + [0] * 9
    baseline = [0.5] * 40
    model_lengths, baseline_lengths = [150] * 30 + [50] * 10, [100] * 40
    assert win_rate(model, baseline) == 0.7
    result = length_controlled_win_rate(model, baseline, model_lengths, baseline_lengths)
    assert result["value"] == pytest.approx(0.5, abs=1e-3)  # the tiny ridge on b moves it by ~1e-4
    difference = np.array(model_lengths) - np.array(baseline_lengths)  # +50 x30, -50 x10; std = 43.30
    expected_b = math.log(9) / math.tanh(50 / difference.std())
    assert result["length_coefficient"] == pytest.approx(expected_b, rel=1e-3)
    low, high = result["ci"]
    assert low <= result["value"] <= high


def test_length_control_degenerate_cases_give_numbers_not_nan():
    all_wins = length_controlled_win_rate([2, 2, 2], [1, 1, 1], [5, 50, 500], [50, 5, 5])
    assert all_wins == {"value": 1.0, "ci": [1.0, 1.0], "length_coefficient": 0.0}
    all_ties = length_controlled_win_rate([1, 1], [1, 1], [3, 9], [9, 3])
    assert all_ties["value"] == 0.5 and all_ties["length_coefficient"] == 0.0
    # wins perfectly separated by length: the ridge keeps the coefficient finite
    separated = length_controlled_win_rate([1] * 6 + [0] * 2, [0.5] * 8, [150] * 6 + [50] * 2, [100] * 8)
    assert all(math.isfinite(x) for x in [separated["value"], separated["length_coefficient"], *separated["ci"]])
    assert separated["length_coefficient"] > 1 and separated["value"] < 0.75  # below the raw win rate


def test_length_control_is_determined_by_its_seed():
    rng = np.random.default_rng(4)
    args = rng.normal(size=60), rng.normal(size=60), rng.integers(10, 300, 60), rng.integers(10, 300, 60)
    assert length_controlled_win_rate(*args, resamples=200, seed=1) == length_controlled_win_rate(
        *args, resamples=200, seed=1
    )


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: win_rate([1, 2], [1]), "model_scores has 2 items but baseline_scores has 1; they must be paired"),
        (lambda: win_rate([], []), "model_scores: expected a non-empty list of numbers"),
        (lambda: win_rate([1, float("nan")], [1, 2]), "model_scores: item 1 is not a finite number"),
        (lambda: bootstrap_ci([1, 2], level=95), "bootstrap: level must be between 0 and 1, got 95"),
        (
            lambda: length_controlled_win_rate([1, 2], [2, 1], [1, 2, 3], [1, 2, 3]),
            "length_controlled_win_rate: 2 scores but 3 lengths",
        ),
    ],
)
def test_bad_input_is_a_one_line_error(call, message):
    with pytest.raises(AlignmentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()
