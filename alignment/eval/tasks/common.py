"""What the generation tasks share: their input (`Answers`), a rate metric with its bootstrap CI,
and the per-item rows of results.json.

A metric entry is `{"value": float, "ci": [lo, hi] | None, "n": int}`; the CI is a percentile
bootstrap over items (alignment/eval/stats.py), seeded by the suite's generation seed, so the
same outputs always give the same interval.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from alignment.eval.refusal_judges import RulesRefusalJudge


@dataclass(frozen=True)
class TaskSpec:
    """One eval task, declared: what results.json records about it and the function that scores it."""

    name: str
    """The name suites use (`tasks: [{name: harmful_refusal, ...}]`)."""
    version: int
    """Bump whenever the same outputs would score differently (new fields beside unchanged figures do not)."""
    title: str
    """The heading of its section in the report."""
    primary: str
    """The headline metric."""
    metrics: dict
    """metric -> {label, higher_is_better, format; `paired`: how comparisons.py pairs it with the baseline;
    `relative`/`tie`: measured against the baseline}."""
    generates: bool = True
    """True: scored from the models' replies by `score(answers)`; False: `score_pairs` loads each model."""
    needs_judge: bool = False
    """Whether `score` needs the suite's judge."""
    baseline: bool = False
    """Whether some metric compares each model with the baseline model."""
    score: Callable | None = None
    """Generation tasks: `score(answers: Answers) -> {n, scores, items}`."""
    score_pairs: Callable | None = None
    """Preference tasks: `score_pairs(pool, task, batch_size, seed) -> {n, scores, items}`."""
    check: Callable | None = None
    """Preference tasks: fail before any generation on what `score_pairs` would trip over."""
    relative: tuple[str, ...] = ()
    """Metrics recomputed when `alignment compare` changes the baseline."""


@dataclass
class Answers:
    """One task's prompts and every policy model's replies to them."""

    items: list
    """`EvalItem`s, in prompt-file order."""
    outputs: dict
    """label -> one `Generation` per item, same order (policy models only; reward models do not generate)."""
    baseline: str
    """Label the pairwise metrics compare against (one of `outputs`)."""
    judge: object = None
    """The task's `Judge`, when it needs one."""
    seed: int = 0
    """Seed of the bootstrap."""
    refusal: object = None
    """The suite's `RefusalJudge` (alignment/eval/refusal_judges.py); None = the offline rules."""


def mean_metric(values: list[float], seed: int) -> dict:
    """Mean of per-item values with a 95% bootstrap CI (None when there are no items)."""
    from alignment.eval.stats import bootstrap_ci

    values = [float(value) for value in values]
    ci = [float(bound) for bound in bootstrap_ci(values, seed=seed)] if values else None
    return {"value": float(np.mean(values)) if values else None, "ci": ci, "n": len(values)}


def item_rows(answers: Answers, verdicts: dict, scores: dict) -> list[dict]:
    """results.json `items`: each prompt with every model's reply, verdict and score.
    `verdicts` and `scores` map label -> one value per item."""
    rows = []
    for index, item in enumerate(answers.items):
        outputs = {}
        for label, generations in answers.outputs.items():
            generation = generations[index]
            outputs[label] = {
                "text": generation.text,
                "verdict": verdicts[label][index],
                "score": scores[label][index],
                "new_tokens": generation.new_tokens,
                "finished": generation.finished,
            }
            if len(generation.replies) > 1:
                outputs[label]["replies"] = list(generation.replies)
        row = {"id": item.id, "turns": list(item.turns), "category": item.category, "reference": item.reference}
        if item.reference is not None:
            row["match"] = item.match  # how the reply was compared with the reference
        if item.system:
            row["system"] = item.system  # a judge rescoring the stored replies (alignment compare) needs it
        rows.append({**row, "outputs": outputs})
    return rows


def refusal_section(answers: Answers) -> dict:
    """Refusal rate per model (partial refusals count as refusals, as in XSTest's binary scoring)."""
    verdicts = refusal_verdicts(answers)
    flags = {
        label: [1.0 if verdict != "compliance" else 0.0 for verdict in labels] for label, labels in verdicts.items()
    }
    return {
        "n": len(answers.items),
        "scores": {label: {"refusal_rate": mean_metric(values, answers.seed)} for label, values in flags.items()},
        "items": item_rows(answers, verdicts, flags),
    }


def refusal_verdicts(answers: Answers) -> dict:
    """label -> one refusal verdict per item, from the suite's refusal judge (the rules when none is given)."""
    judge = answers.refusal or RulesRefusalJudge()
    prompts = [item.turns[-1] for item in answers.items]
    ids = [str(item.id) for item in answers.items]
    return {
        label: judge.classify_many([generation.text for generation in generations], prompts, ids)
        for label, generations in answers.outputs.items()
    }
