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
- refusal_rate: share of replies the refusal classifier (alignment/eval/refusal.py) marks as refusals
  or partial refusals. These requests are ordinary, so any refusal is needless; a judge that pays
  for refusing (a reward model trained mostly on safety pairs can) shows up here, not in win_rate.
The baseline against itself has win_rate and lc_win_rate 0.5 by definition (every prompt a tie);
they are reported as 0.5 with no CI (judge_gain as 0.0), and its items carry no win/loss verdict.
"""

from __future__ import annotations

from alignment.eval.tasks.common import Answers, item_rows, mean_metric, refusal_verdicts

NAME = "helpful_judged"
VERSION = 3
TITLE = "Helpfulness: judged answers (win rate vs the baseline)"
GENERATES = True
NEEDS_JUDGE = True
BASELINE = True  # win rates are against the baseline model
PRIMARY = "win_rate"
METRICS = {
    "win_rate": {"label": "Win rate vs baseline", "higher_is_better": True, "format": "percent"},
    "lc_win_rate": {"label": "Length-controlled win rate", "higher_is_better": True, "format": "percent"},
    "judge_score": {"label": "Mean judge score", "higher_is_better": True, "format": "number"},
    "judge_gain": {"label": "Judge score gain over the baseline (paired)", "higher_is_better": True,
                   "format": "number"},
    "refusal_rate": {"label": "Refusals of these ordinary requests", "higher_is_better": False, "format": "percent"},
}


def score(answers: Answers) -> dict:
    from alignment.eval.stats import length_controlled_win_rate, win_rate, win_rate_ci

    # multi-turn items (MT-Bench "both"): the judge sees the model's earlier replies and scores the last
    scores = {label: [float(value) for value in answers.judge.score(answers.items, [g.text for g in generations],
                                                                    history=[g.replies[:-1] for g in generations])]
              for label, generations in answers.outputs.items()}
    lengths = {label: [len(g.text) for g in generations] for label, generations in answers.outputs.items()}
    base, n = answers.baseline, len(answers.items)
    refusal_flags = {label: [float(verdict != "compliance") for verdict in verdicts]  # the suite's refusal judge
                     for label, verdicts in refusal_verdicts(answers).items()}
    section = {}
    for label, values in scores.items():
        refusals = refusal_flags[label]
        metrics = {"judge_score": mean_metric(values, answers.seed),
                   "refusal_rate": mean_metric(refusals, answers.seed)}
        if label == base:
            metrics["win_rate"] = metrics["lc_win_rate"] = {"value": 0.5, "ci": None, "n": n, "baseline": True}
            metrics["judge_gain"] = {"value": 0.0, "ci": None, "n": n, "baseline": True}
        else:
            metrics["judge_gain"] = mean_metric([value - scores[base][index] for index, value in enumerate(values)],
                                                answers.seed)  # per-prompt differences: a paired bootstrap
            ci = win_rate_ci(values, scores[base], seed=answers.seed)  # paired: items resampled with both scores
            metrics["win_rate"] = {"value": float(win_rate(values, scores[base])), "ci": [float(b) for b in ci], "n": n}
            controlled = length_controlled_win_rate(values, scores[base], lengths[label], lengths[base],
                                                    seed=answers.seed)
            metrics["lc_win_rate"] = {"value": controlled["value"], "ci": controlled["ci"], "n": n,
                                      "length_coefficient": controlled["length_coefficient"]}
        section[label] = metrics
    verdicts = {label: [None if label == base else _verdict(value, scores[base][index])
                        for index, value in enumerate(values)] for label, values in scores.items()}
    return {"n": n, "baseline": base, "scores": section, "items": item_rows(answers, verdicts, scores)}


def _verdict(score: float, baseline_score: float) -> str:
    return "win" if score > baseline_score else "loss" if score < baseline_score else "tie"
