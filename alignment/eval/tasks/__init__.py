"""The eval tasks, one small file each (lighteval-style), and the table of them the suite checks names against.

Every task module has NAME, VERSION (bump it whenever the same outputs would score differently;
new fields beside unchanged figures, such as the paired `comparisons`, do not bump it),
TITLE, PRIMARY (the headline metric), METRICS (metric -> label, higher_is_better, format; `paired`:
how alignment/eval/comparisons.py pairs it with the baseline; `relative`/`tie`: measured against it),
NEEDS_JUDGE, BASELINE (whether a metric is relative to the baseline model) and one scoring function returning the task's `n`, `scores` and `items` of results.json:
- generation tasks (`GENERATES = True`): `score(answers: Answers) -> dict` over the models' replies;
- preference_accuracy (`GENERATES = False`): `score_pairs(...)` loads each model itself.
"""

from alignment.eval.tasks import harmful_refusal, helpful_judged, helpful_verifiable, over_refusal, preference_accuracy

TASKS = {module.NAME: module for module in (helpful_judged, helpful_verifiable, harmful_refusal, over_refusal,
                                            preference_accuracy)}
