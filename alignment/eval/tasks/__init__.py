"""The eval tasks, one small file each (lighteval-style), and the table of them the suite checks names against.

Every task module declares `TASK = TaskSpec(...)` (tasks/common.py): name, version (bump it whenever
the same outputs would score differently; new fields beside unchanged figures, such as the paired
`comparisons`, do not bump it), title, primary metric, metrics (label, higher_is_better, format;
`paired`: how alignment/eval/comparisons.py pairs it with the baseline; `relative`/`tie`: measured
against it), whether it needs the judge or the baseline, and its scoring function:
- generation tasks (`generates=True`): `score(answers: Answers) -> dict` over the models' replies;
- preference_accuracy (`generates=False`): `score_pairs(...)` loads each model itself.
"""

from alignment.eval.tasks import harmful_refusal, helpful_judged, helpful_verifiable, over_refusal, preference_accuracy

TASKS = {
    module.TASK.name: module.TASK
    for module in (helpful_judged, helpful_verifiable, harmful_refusal, over_refusal, preference_accuracy)
}
"""name -> TaskSpec, the table suites are checked against."""
