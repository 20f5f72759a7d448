"""Helpfulness, judged: a judge scores every reply; mean score, win rate against a baseline model,
and a length-controlled win rate.

Input: replies to open prompts (evals/helpful_open.jsonl) and a judge (alignment/eval/judges.py):
a reward model the policies were *not* trained with, or an OpenAI-compatible HTTP endpoint.
Metrics per model:
- judge_score: mean judge score, 95% bootstrap CI over prompts. Only comparable within one judge.
- win_rate: share of prompts where the model's reply scores above the baseline's reply to the same
  prompt, ties counting half; CI from a paired bootstrap over prompts.
- lc_win_rate: the win rate with the length difference regressed out, in the spirit of AlpacaEval
  2.0's length-controlled win rate (Dubois et al. 2024, arXiv:2404.04475): a logistic regression of
  win on the (character) length difference, read off at zero difference (alignment/eval/stats.py).
  Judges that reward longer answers inflate the plain win rate of verbose models; this one does not.
- judge_gain: mean over prompts of (model score - baseline score on the same prompt), with a 95%
  paired bootstrap CI (prompts resampled with both replies). It says by how much, and how surely, a
  model's judge score rose: prompts differ far more than models do, so this CI is much narrower than
  the gap between two judge_score CIs would suggest.
- refusal_rate: share of replies the refusal classifier (alignment/rewards/refusal.py) marks as refusals
  or partial refusals. These requests are ordinary, so any refusal is needless; a judge that pays
  for refusing (a reward model trained mostly on safety pairs can) shows up here, not in win_rate.
The baseline against itself has win_rate and lc_win_rate 0.5 by definition (every prompt a tie);
they are reported as 0.5 with no CI (judge_gain as 0.0), and its items carry no win/loss verdict.
Paired differences from the baseline (alignment/eval/comparisons.py, in the section's `comparisons`):
win_rate - 50% (does the model differ from a tie?), judge_score (equal to judge_gain: the same
per-prompt differences and seed) and refusal_rate (each item's `refusal` flag, model minus baseline).
`score_against_baseline` and `rescore` recompute the relative metrics from the stored items, so
`alignment compare` can change the baseline or the judge without generating again.
"""

from __future__ import annotations

from alignment.eval.prompt_files import EvalItem
from alignment.eval.tasks.common import Answers, TaskSpec, item_rows, mean_metric, refusal_verdicts

METRICS = {
    "win_rate": {
        "label": "Win rate vs baseline",
        "higher_is_better": True,
        "format": "percent",
        "relative": True,
        "paired": {"field": "score", "measure": "win"},
    },
    "lc_win_rate": {
        "label": "Length-controlled win rate",
        "higher_is_better": True,
        "format": "percent",
        "relative": True,
        "tie": 0.5,
    },
    "judge_score": {
        "label": "Mean judge score",
        "higher_is_better": True,
        "format": "number",
        "paired": {"field": "score", "measure": "difference"},
    },
    "judge_gain": {
        "label": "Judge score gain over the baseline (paired)",
        "higher_is_better": True,
        "format": "number",
        "relative": True,
        "tie": 0.0,
    },
    "refusal_rate": {
        "label": "Refusals of these ordinary requests",
        "higher_is_better": False,
        "format": "percent",
        "paired": {"field": "refusal", "measure": "difference"},
    },
}

RELATIVE = [name for name, metric in METRICS.items() if metric.get("relative")]
"""Metrics measured against the baseline: recomputed when `alignment compare` changes the baseline."""


def score(answers: Answers) -> dict:
    # multi-turn items (MT-Bench "both"): the judge sees the model's earlier replies and scores the last
    scores = {
        label: [
            float(value)
            for value in answers.judge.score(
                answers.items, [g.text for g in generations], history=[g.replies[:-1] for g in generations]
            )
        ]
        for label, generations in answers.outputs.items()
    }
    refusals = {
        label: [float(verdict != "compliance") for verdict in verdicts]  # the suite's refusal judge
        for label, verdicts in refusal_verdicts(answers).items()
    }
    base, n = answers.baseline, len(answers.items)
    section = {
        label: {
            "judge_score": mean_metric(values, answers.seed),
            "refusal_rate": mean_metric(refusals[label], answers.seed),
        }
        for label, values in scores.items()
    }
    items = item_rows(answers, {label: [None] * n for label in scores}, scores)
    for item_index, item in enumerate(items):
        for label, output in item["outputs"].items():
            output["refusal"] = refusals[label][item_index]  # per item, for the paired refusal difference
    task = {"n": n, "baseline": base, "scores": section, "items": items}
    return score_against_baseline(task, base, answers.seed)


def score_against_baseline(task: dict, baseline: str, seed: int) -> dict:
    """Set win_rate, lc_win_rate and judge_gain of every model, and each item's win/loss verdict,
    from the judge scores stored in `task["items"]` (the replies' `score`), against `baseline`.
    `alignment compare` calls it again after a merge (new baseline) or a rescoring (new judge).
    A model without item scores keeps no relative metric: it cannot be paired."""
    from alignment.eval.stats import length_controlled_win_rate, win_rate, win_rate_ci

    items, n = task["items"], len(task["items"])

    def column(label, key):
        return [item["outputs"][label][key] for item in items]

    for label, metrics in task["scores"].items():
        for name in RELATIVE:
            metrics.pop(name, None)
        if not all(isinstance((item["outputs"].get(label) or {}).get("score"), (int, float)) for item in items):
            continue
        if label == baseline:
            metrics["win_rate"] = {"value": 0.5, "ci": None, "n": n, "baseline": True}
            metrics["lc_win_rate"] = {"value": 0.5, "ci": None, "n": n, "baseline": True}
            metrics["judge_gain"] = {"value": 0.0, "ci": None, "n": n, "baseline": True}
            continue
        values, base_values = column(label, "score"), column(baseline, "score")
        metrics["judge_gain"] = mean_metric(
            [value - base_values[index] for index, value in enumerate(values)], seed
        )  # per-prompt differences: a paired bootstrap
        ci = win_rate_ci(values, base_values, seed=seed)  # paired: items resampled with both scores
        metrics["win_rate"] = {"value": float(win_rate(values, base_values)), "ci": [float(b) for b in ci], "n": n}
        lengths = [len(text or "") for text in column(label, "text")]
        base_lengths = [len(text or "") for text in column(baseline, "text")]
        controlled = length_controlled_win_rate(values, base_values, lengths, base_lengths, seed=seed)
        metrics["lc_win_rate"] = {
            "value": controlled["value"],
            "ci": controlled["ci"],
            "n": n,
            "length_coefficient": controlled["length_coefficient"],
        }
    for item in items:
        base_score = item["outputs"][baseline]["score"]
        for label, output in item["outputs"].items():
            output["verdict"] = None if label == baseline else _verdict(output["score"], base_score)
    task["baseline"] = baseline
    return task


def rescore(task: dict, judge, baseline: str, seed: int) -> dict:
    """Score every stored reply of `task` (results.json items, multi-turn ones with their earlier
    replies) with `judge`, then judge_score and the baseline-relative metrics; refusal_rate is kept
    (it does not depend on the judge). Used by `alignment compare --judge`."""
    items = task["items"]
    prompts = [
        EvalItem(
            id=str(item["id"]),
            turns=list(item.get("turns") or []),
            category=item.get("category") or "",
            reference=item.get("reference"),
            system=item.get("system"),
        )
        for item in items
    ]
    for label, metrics in task["scores"].items():
        outputs = [item["outputs"].get(label) or {} for item in items]
        if not items or not all(isinstance(output.get("text"), str) for output in outputs):
            metrics.pop("judge_score", None)  # no stored replies to rescore: no figure from the old judge either
            continue
        replies = [output.get("replies") or [output["text"]] for output in outputs]
        values = [
            float(value)
            for value in judge.score(
                prompts, [output["text"] for output in outputs], history=[earlier[:-1] for earlier in replies]
            )
        ]
        for output, value in zip(outputs, values):
            output["score"] = value
        metrics["judge_score"] = mean_metric(values, seed)
    return score_against_baseline(task, baseline, seed)


def _verdict(score: float, baseline_score: float) -> str:
    return "win" if score > baseline_score else "loss" if score < baseline_score else "tie"


TASK = TaskSpec(
    name="helpful_judged",
    version=3,  # bump whenever the same outputs would score differently
    title="Helpfulness: judged answers (win rate vs the baseline)",
    primary="win_rate",
    metrics=METRICS,
    generates=True,
    needs_judge=True,
    baseline=True,  # win rates are against the baseline model
    score=score,
    relative=tuple(RELATIVE),
)
