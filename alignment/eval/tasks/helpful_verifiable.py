"""Helpfulness, verifiable: accuracy on held-out prompts with reference answers.

Input: replies to a prompt file whose rows carry `reference` and `match` (evals/helpful_verifiable.jsonl).
Each reply is compared with its reference by `ReferenceMatchJudge` (alignment/eval/judges.py, where
the rules are spelt out): `normalised` = the normalised reference occurs as whole words, `contains` =
it occurs anywhere, `number` = a number in the reply equals the reference (1% relative for decimals).
Score 1 (correct) or 0 (wrong) per item; accuracy is their mean, with a bootstrap CI over items.
Each model's accuracy minus the baseline's is paired by item (alignment/eval/comparisons.py).
"""

from alignment.eval.judges import ReferenceMatchJudge
from alignment.eval.tasks.common import Answers, TaskSpec, item_rows, mean_metric

METRICS = {
    "accuracy": {
        "label": "Accuracy",
        "higher_is_better": True,
        "format": "percent",
        "paired": {"field": "score", "measure": "difference"},
    }
}  # score = 1 correct, 0 wrong


def score(answers: Answers) -> dict:
    judge = ReferenceMatchJudge()
    scores = {
        label: [
            float(value)
            for value in judge.score(
                answers.items, [g.text for g in generations], history=[g.replies[:-1] for g in generations]
            )
        ]
        for label, generations in answers.outputs.items()
    }
    verdicts = {label: ["correct" if value >= 1.0 else "wrong" for value in values] for label, values in scores.items()}
    return {
        "n": len(answers.items),
        "scores": {label: {"accuracy": mean_metric(values, answers.seed)} for label, values in scores.items()},
        "items": item_rows(answers, verdicts, scores),
    }


TASK = TaskSpec(
    name="helpful_verifiable",
    version=1,  # bump whenever the same outputs would score differently
    title="Helpfulness: verifiable answers (reference match)",
    primary="accuracy",
    metrics=METRICS,
    generates=True,
    needs_judge=False,
    baseline=True,  # each model's paired difference from the baseline (alignment/eval/comparisons.py)
    score=score,
)
