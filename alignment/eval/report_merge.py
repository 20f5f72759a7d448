"""`alignment compare`: merge earlier eval reports into one, without generating.

Input: report directories (each `DIR` or `DIR:PREFIX`; DIR may be a results.json), validated by
alignment/eval/report.py. Output: one report directory written by `report.write_report`, whose
results.json lists every source and, under "notes", each task dropped or figure recomputed.

- Models are unioned by label; the same label naming different weights (sha256) in two reports
  is an error unless one report is given as `DIR:PREFIX`, which renames that report's labels to
  `PREFIX/label` (explicit, so no label changes behind the user's back).
- Tasks are merged by name; one whose reports disagree on its version, prompt file sha256 or
  preference files is dropped with a note (the others are kept; no task left is an error); items
  are merged by id. Top-level fields that differ between reports (git sha, generation config,
  suite) become null and each source is listed under "sources".
- Judges: a task that does not depend on a judge (refusal, over-refusal, verifiable accuracy,
  preference accuracy) is always kept. A judged task (helpful_judged) whose reports name different
  judges is dropped with a printed note (also under "notes" in results.json and the report), unless
  a judge is given (`alignment compare --judge PATH`): then every stored reply (multi-turn ones with
  their earlier replies) is rescored by that one judge, whose identity is recorded under "judges".
- Baseline: the first report's. Win rates, judge gains and the paired `comparisons`
  (alignment/eval/comparisons.py) are recomputed against it from the stored items, so reports
  with different baselines merge (with a note); a judged task that the merged baseline never
  answered cannot be recomputed and is an error naming the fix (list such a report first).
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

from alignment.core.errors import AlignmentError
from alignment.eval import judges
from alignment.eval.report import SCHEMA_VERSION, load_results, write_report


def compare(
    report_dirs: list[str | Path],
    out_dir: str | Path,
    judge: str | None = None,
    batch_size: int = 16,
    judge_model: str | None = None,
    api_key_env: str = "OPENAI_API_KEY",
) -> dict[str, Path]:
    """Merge earlier reports (each `DIR` or `DIR:PREFIX`; DIR may be a results.json) into one report
    in `out_dir`. `judge` rescores every judged task from the stored replies: a reward model dir,
    or an OpenAI-compatible base URL (http:// or https://) with `judge_model` (the suite's http judge).
    Each note of the merge (a task dropped, figures recomputed) is printed and kept in results.json."""
    if not report_dirs:
        raise AlignmentError("compare: give at least one report directory")
    sources = []
    for entry in report_dirs:
        directory, prefix = _parse_source(entry)
        results = load_results(directory)
        sources.append((str(directory), prefix, _relabel(results, prefix) if prefix else results))
    rescorer = None if judge is None else _compare_judge(str(judge), batch_size, judge_model, api_key_env)
    merged = merge_results(sources, judge=rescorer)
    for note in merged.get("notes", []):
        print(f"[compare] note: {note}", flush=True)
    return write_report(merged, out_dir)


def _compare_judge(judge: str, batch_size: int, judge_model: str | None, api_key_env: str):
    """The one judge `alignment compare --judge` rescores with (checked before the merge starts)."""
    if judge.startswith(("http://", "https://")):
        if not judge_model:
            raise AlignmentError(f"--judge {judge}: an HTTP judge needs --judge-model NAME (the served model)")
        return judges.HTTPJudge(judge, judge_model, api_key_env=api_key_env)
    if judge_model:
        raise AlignmentError(f"--judge-model {judge_model}: only for an HTTP judge (--judge http://HOST/v1)")
    if not Path(judge).expanduser().is_dir():
        raise AlignmentError(f"--judge {judge}: no such directory (expected a reward model dir or an http(s):// URL)")
    return judges.RewardModelJudge(judge, batch_size=batch_size)


def _parse_source(entry: str | Path) -> tuple[Path, str | None]:
    text = str(entry)
    if Path(text).is_dir() or ":" not in text:
        return Path(text), None
    directory, prefix = text.rsplit(":", 1)
    if not prefix:
        raise AlignmentError(f"{text}: empty label prefix after ':' (write DIR:PREFIX)")
    return Path(directory), prefix


def _relabel(results: dict, prefix: str) -> dict:
    """Copy of `results` with every model label renamed to `PREFIX/label`."""
    results = copy.deepcopy(results)
    rename = {model["label"]: f"{prefix}/{model['label']}" for model in results["models"]}
    for model in results["models"]:
        model["label"] = rename[model["label"]]
    if results.get("baseline") is not None:
        results["baseline"] = rename[results["baseline"]]
    for task in results["tasks"].values():
        task["scores"] = {rename[label]: score for label, score in task["scores"].items()}
        if task.get("baseline") in rename:
            task["baseline"] = rename[task["baseline"]]
        if (task.get("comparisons") or {}).get("baseline") in rename:
            task["comparisons"]["baseline"] = rename[task["comparisons"]["baseline"]]
        for item in task.get("items", []):
            item["outputs"] = {rename[label]: output for label, output in item.get("outputs", {}).items()}
    return results


def merge_results(sources: list[tuple[str, str | None, dict]], judge=None) -> dict:
    """One results dict from (directory, prefix, results) triples, checked for comparability.

    Judged tasks (those with an entry in a report's `judges`): with `judge` (a Judge object) every
    one is rescored from the stored replies by it; without, a judged task whose reports name
    different judges is dropped with a note (its scores are not comparable), the others kept.
    The merged baseline is the first report's; baseline-relative figures (win rates, judge gain,
    the paired `comparisons`) are recomputed against it from the items."""
    models: dict[str, tuple[dict, str]] = {}
    tasks: dict[str, tuple[dict, str]] = {}
    notes: list[str] = []
    judges, dropped = _merged_judges(sources, judge, notes)
    rescored = set(judges) if judge is not None else set()
    for directory, _, results in sources:
        for model in results["models"]:
            _merge_model(models, model, directory)
        for name, task in results["tasks"].items():
            if name in dropped:
                continue
            reason = _incompatibility(tasks, name, task, directory)
            if reason is not None:  # this task goes; every compatible one stays
                dropped.add(name)
                tasks.pop(name)
                judges.pop(name, None)
                notes.append(f"task '{name}' dropped: {reason}")
                continue
            _merge_task(tasks, name, task, directory, check_scores=name not in rescored)
    if not tasks:
        raise AlignmentError(
            "compare: no task can be merged: " + "; ".join(notes) if notes else "compare: the reports hold no tasks"
        )
    by_label = {label: model for label, (model, _) in models.items()}
    baseline = _merged_baseline(sources, by_label, notes)
    seed = _merged_seed(sources)
    merged_tasks = {name: task for name, (task, _) in tasks.items()}
    for name, task in merged_tasks.items():
        _rebase(
            name, task, _task_baseline(name, task, baseline, notes), seed, judge if name in rescored else None, sources
        )
    every = [results for _, _, results in sources]
    merged = {
        "schema": SCHEMA_VERSION,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "git_sha": _common(every, "git_sha"),
        "package_versions": _common(every, "package_versions"),
        "suite": _common(every, "suite"),
        "generation": _common(every, "generation"),
        "baseline": baseline,
        "models": [model for model, _ in models.values()],
        "judges": judges,
        "refusal_classifier": _merged_classifier(sources),
        "tasks": merged_tasks,
        "sources": [
            {
                "path": directory,
                "prefix": prefix,
                "created_at": results.get("created_at"),
                "git_sha": results.get("git_sha"),
                "suite": results.get("suite"),
                "generation": results.get("generation"),
                "models": [m["label"] for m in results["models"]],
            }
            for directory, prefix, results in sources
        ],
    }
    if notes:
        merged["notes"] = notes
    return merged


def _merged_judges(sources: list, judge, notes: list) -> tuple[dict, set]:
    """(the merged `judges` section, names of judged tasks to drop). With `judge`, every judged
    task is recorded as judged by it; without, tasks judged differently by two reports are dropped."""
    seen: dict[str, list[tuple[dict, str]]] = {}
    for directory, _, results in sources:
        for name, entry in (results.get("judges") or {}).items():
            if name in results["tasks"]:
                seen.setdefault(name, []).append((entry, directory))
    if judge is not None:
        identity = {**judge.identity(), "note": "rescored by `alignment compare --judge` from the stored replies"}
        for name in seen:
            notes.append(f"task '{name}': every stored reply rescored by the judge {_judge_text(identity)}")
        if not seen:
            notes.append(f"--judge {_judge_text(identity)} unused: no report holds a judged task")
        return {name: copy.deepcopy(identity) for name in seen}, set()
    kept, dropped = {}, set()
    for name, entries in seen.items():
        first, first_dir = entries[0]
        other = next(
            (
                (entry, directory)
                for entry, directory in entries[1:]
                if _judge_identity(entry) != _judge_identity(first)
            ),
            None,
        )
        if other is None:
            kept[name] = copy.deepcopy(first)
            continue
        dropped.add(name)
        notes.append(
            f"task '{name}' dropped: judged by {_judge_text(first)} in {first_dir} but by "
            f"{_judge_text(other[0])} in {other[1]}, so its scores are not comparable; pass --judge PATH "
            "(a reward model) to rescore the stored replies with one judge"
        )
    return kept, dropped


def _judge_identity(entry: dict) -> dict:
    """What makes two judges the same judge: everything but the human note and the independence marks."""
    return {key: value for key, value in entry.items() if key not in ("note", "independence")}


def _judge_text(entry: dict) -> str:
    identity = _judge_identity(entry)
    shown = identity.get("path") or identity.get("model") or identity.get("type") or "?"
    digest = str(identity.get("sha256") or "")[:12]
    return f"{shown}" + (f" (sha256 {digest})" if digest else "")


def _merged_seed(sources: list) -> int:
    """The bootstrap seed of recomputed figures: the first report's generation seed (0 if none)."""
    for _, _, results in sources:
        seed = (results.get("generation") or {}).get("seed")
        if isinstance(seed, int):
            return seed
    return 0


def _task_baseline(name: str, task: dict, baseline: str | None, notes: list) -> str | None:
    """The merged baseline, or, for a task whose prompts it never answered (a task only another report
    ran), the baseline of the task's own report, with a note: its figures stay as that report had them."""
    from alignment.eval.comparisons import has_outputs

    items = task.get("items") or []
    if baseline is None or not items or has_outputs(items, baseline):
        return baseline
    own = task.get("baseline") or (task.get("comparisons") or {}).get("baseline")
    if own and own != baseline and has_outputs(items, own):
        notes.append(
            f"task '{name}': the merged baseline '{baseline}' did not answer these prompts; its win rates "
            f"and paired differences stay against '{own}', the baseline of the report it comes from"
        )
        return own
    return baseline


def _rebase(name: str, task: dict, baseline: str | None, seed: int, judge, sources: list) -> None:
    """Recompute a merged task's baseline-relative figures against the merged `baseline` (after
    rescoring it with `judge`, when given), then its paired comparisons."""
    from alignment.eval.comparisons import add_comparisons
    from alignment.eval.tasks import helpful_judged

    relative = task.get("task") == helpful_judged.TASK.name
    if relative and baseline is not None:
        items = task.get("items") or []
        answered = items and all(
            isinstance((item.get("outputs") or {}).get(baseline, {}).get("score"), (int, float)) for item in items
        )
        if judge is not None:
            if not answered and not all((item.get("outputs") or {}).get(baseline) for item in items):
                raise AlignmentError(
                    f"task '{name}': the merged baseline '{baseline}' has no stored replies here, "
                    "so nothing can be rescored against it; list first a report whose baseline "
                    "answered these prompts"
                )
            helpful_judged.rescore(task, judge, baseline, seed)
        elif answered:
            helpful_judged.score_against_baseline(task, baseline, seed)
        elif any(results.get("baseline") != baseline for _, _, results in sources if name in results["tasks"]):
            raise AlignmentError(
                f"task '{name}': its win rates are against another baseline than '{baseline}' and "
                "its items do not hold the baseline's scores to recompute them; list first a "
                "report whose baseline answered these prompts"
            )
    elif judge is not None:
        raise AlignmentError(
            f"task '{name}' is judged but is not a {helpful_judged.TASK.name} task; it cannot be rescored"
        )
    add_comparisons(task, baseline, seed)


def _merge_model(models: dict, model: dict, directory: str) -> None:
    label = model["label"]
    if label not in models:
        models[label] = (copy.deepcopy(model), directory)
        return
    earlier, earlier_dir = models[label]
    if earlier.get("sha256") != model.get("sha256"):
        raise AlignmentError(
            f"model label '{label}' names different weights in {earlier_dir} "
            f"(sha256 {str(earlier.get('sha256'))[:12]}) "
            f"and {directory} (sha256 {str(model.get('sha256'))[:12]}); give one report as DIR:PREFIX "
            f"(e.g. {directory}:{_report_name(directory)}) to keep both as PREFIX/label"
        )


def _report_name(source: str) -> str:
    path = Path(source)
    return path.parent.name if path.is_file() else path.name


def _merge_task(tasks: dict, name: str, task: dict, directory: str, check_scores: bool = True) -> None:
    if name not in tasks:
        tasks[name] = (copy.deepcopy(task), directory)
        return
    merged, first_dir = tasks[name]
    merged["metrics"] = {**task["metrics"], **merged["metrics"]}
    relative = _relative_metrics(merged)  # against each report's own baseline: recomputed after the merge

    def absolute(score: dict) -> dict:
        return {metric: value for metric, value in score.items() if metric not in relative}

    for label, score in task["scores"].items():
        if check_scores and label in merged["scores"] and absolute(merged["scores"][label]) != absolute(score):
            raise AlignmentError(
                f"task '{name}': model '{label}' has different scores in {first_dir} and {directory}; "
                "give one report as DIR:PREFIX to keep both"
            )
        merged["scores"][label] = copy.deepcopy(score)
    by_id = {str(item["id"]): item for item in merged.get("items", [])}
    for item in task.get("items", []):
        if str(item["id"]) in by_id:
            by_id[str(item["id"])].setdefault("outputs", {}).update(copy.deepcopy(item.get("outputs", {})))
        else:
            merged.setdefault("items", []).append(copy.deepcopy(item))
            by_id[str(item["id"])] = merged["items"][-1]


def _incompatibility(tasks: dict, name: str, task: dict, directory: str) -> str | None:
    """Why `task` (from `directory`) cannot merge with the task of that name merged so far, or None."""
    if name not in tasks:
        return None
    merged, first_dir = tasks[name]
    if merged.get("version") != task.get("version"):
        return (
            f"version {merged.get('version')} in {first_dir} but version {task.get('version')} in {directory}; "
            "scores of different task versions are not comparable"
        )
    first_file, file = merged.get("prompt_file") or {}, task.get("prompt_file") or {}
    if first_file.get("sha256") != file.get("sha256"):
        return (
            f"read prompt file {first_file.get('path')} (sha256 {str(first_file.get('sha256'))[:12]}) "
            f"in {first_dir} but {file.get('path')} (sha256 {str(file.get('sha256'))[:12]}) in {directory}; "
            "scores on different prompts are not comparable"
        )

    def digests(section: dict) -> list:
        return [entry.get("sha256") for entry in section.get("preference_files") or []]

    if digests(merged) != digests(task):
        return (
            f"scored other preference files in {first_dir} than in {directory}; "
            "accuracies on different pairs are not comparable"
        )
    return None


def _relative_metrics(task: dict) -> set[str]:
    """Metrics measured against the report's baseline (`relative` in the spec; helpful_judged's by name
    for files written before the flag)."""
    from alignment.eval.tasks import helpful_judged

    flagged = {name for name, metric in task["metrics"].items() if isinstance(metric, dict) and metric.get("relative")}
    return flagged | (set(helpful_judged.TASK.relative) if task.get("task") == helpful_judged.TASK.name else set())


def _merged_baseline(sources: list, models: dict, notes: list) -> str | None:
    """The first report's baseline. A report whose baseline is other weights gets a note: its
    baseline-relative figures are recomputed against the merged one from the stored items."""
    chosen = None
    for directory, _, results in sources:
        label = results.get("baseline")
        if label is None:
            continue
        if chosen is None:
            chosen = (label, directory)
        elif models[label].get("sha256") != models[chosen[0]].get("sha256"):
            notes.append(
                f"{directory} used baseline '{label}'; win rates, judge gains and paired differences are "
                f"recomputed against '{chosen[0]}' (the baseline of {chosen[1]}) from the stored items"
            )
    return chosen[0] if chosen else None


def _merged_classifier(sources: list) -> dict | None:
    found = [
        (directory, results["refusal_classifier"])
        for directory, _, results in sources
        if results.get("refusal_classifier")
    ]
    for directory, classifier in found[1:]:
        first = found[0][1]
        if (classifier.get("backend", "rules"), classifier.get("version")) != (
            first.get("backend", "rules"),
            first.get("version"),
        ):
            raise AlignmentError(
                f"refusal classifier {first.get('backend', 'rules')} version {first.get('version')} "
                f"in {found[0][0]} but {classifier.get('backend', 'rules')} version "
                f"{classifier.get('version')} in {directory}; refusal rates are not comparable"
            )
    return found[0][1] if found else None


def _common(every: list[dict], key: str):
    """The value all reports share, or None when they differ (each source then keeps its own)."""
    values = [results.get(key) for results in every]
    return values[0] if all(value == values[0] for value in values) else None
