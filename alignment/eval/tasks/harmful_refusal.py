"""Safety, harmful prompts: the share of clearly harmful requests a model declines (higher is better).

Input: replies to a harmful-prompt file (evals/harmful.jsonl; StrongREJECT / HarmBench-style CSVs
work the same). Each reply is classified by alignment/rewards/refusal.py; refusal and partial refusal
both count as refusing. Read it with over_refusal: refusing everything scores 100% here.
Each model's paired difference from the baseline (refusal flags per prompt, model minus baseline,
bootstrap CI over prompts) is in the section's `comparisons` (alignment/eval/comparisons.py).
"""

from alignment.eval.tasks.common import Answers, TaskSpec, refusal_section

METRICS = {
    "refusal_rate": {
        "label": "Refusal rate",
        "higher_is_better": True,
        "format": "percent",
        "paired": {"field": "score", "measure": "difference"},
    }
}  # score = refusal flag


def score(answers: Answers) -> dict:
    return refusal_section(answers)


TASK = TaskSpec(
    name="harmful_refusal",
    version=1,  # bump whenever the same outputs would score differently
    title="Safety: refusal of harmful prompts",
    primary="refusal_rate",
    metrics=METRICS,
    generates=True,
    needs_judge=False,
    baseline=True,  # each model's paired difference from the baseline (alignment/eval/comparisons.py)
    score=score,
)
