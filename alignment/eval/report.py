"""Eval report files: results.json -> report.html + report.md, written as one set; validation.

Inputs: a results dict in the schema of /tmp/eval_design.md ("results.json", schema 1), built by
the runner, or earlier report directories. Outputs, in one report directory:
  results.json   the data (task versions, n, seeds, generation config, judges, git sha, versions)
  report.html    one self-contained page (summary with CIs, plots, side-by-side answers, filter)
  report.md      the summary tables, for pull requests
When `out_dir` sits in a run directory whose training stages logged learning dynamics
(`../dynamics.html` or `../<stage>/dynamics.jsonl`), report.html links `../dynamics.html`.

Atomicity: the three files are written into a temporary sibling directory, which is renamed into
place only once all three are complete; an older report in `out_dir` is swapped out by rename and
then deleted. A failure leaves the older report as it was and no temporary directory. Entries of
an older report directory other than the three files (a generation cache, logs) are moved into
the new one, not deleted. A non-empty `out_dir` without results.json is the user's, never ours:
refused (`check_out_dir` lets a caller refuse it before hours of generation).

compare() (`alignment compare`) lives in alignment/eval/report_merge.py: it merges earlier
reports without generating.

Results schema: 1. Newer writers add optional fields (`comparisons` per task, `notes`, per-item
`refusal` and `system`); validation accepts files with or without them, so older reports still load.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import time
from pathlib import Path

from alignment.core.errors import AlignmentError, DataError
from alignment.dynamics.report import log_paths
from alignment.eval import plots as plot_figures
from alignment.eval.report_render import render_html, render_markdown

SCHEMA_VERSION = 1
REPORT_FILES = {"json": "results.json", "html": "report.html", "md": "report.md"}
FORMATS = ("percent", "number")
OUTPUT_FIELDS = {"text": (str, type(None)), "verdict": (str, type(None)), "score": (int, float, type(None))}


def load_results(path: str | Path) -> dict:
    """Read and validate `<dir>/results.json` (or a results.json path)."""
    path = Path(path)
    file = path / REPORT_FILES["json"] if path.is_dir() else path
    if not file.is_file():
        raise AlignmentError(f"{path}: no results.json here (not a report directory)")
    try:
        results = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise AlignmentError(f"{file}:{error.lineno}: invalid JSON: {error.msg}") from None
    validate_results(results, str(file))
    return results


def validate_results(results, source: str = "results") -> None:
    """Raise DataError listing every `source: field: problem` that would break rendering."""
    if not isinstance(results, dict):
        raise DataError([(source, "(top level)", f"must be an object, got {type(results).__name__}")])
    schema = results.get("schema")
    if schema is None:
        raise DataError([(source, "schema", "missing (not a results.json written by `alignment eval`?)")])
    if not isinstance(schema, int) or isinstance(schema, bool) or schema != SCHEMA_VERSION:
        hint = "; upgrade alignment-suite" if isinstance(schema, int) and schema > SCHEMA_VERSION else ""
        raise DataError(
            [(source, "schema", f"version {schema!r} is not supported (this version reads {SCHEMA_VERSION}){hint}")]
        )
    problems: list[tuple[str, str, str]] = []
    labels = _check_models(results.get("models"), problems)
    baseline = results.get("baseline")
    if baseline is not None and baseline not in labels:
        problems.append(("baseline", f"{baseline!r} is not one of the models {sorted(labels)}"))
    notes = results.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(note, str) for note in notes):
        problems.append(("notes", "must be a list of strings"))
    tasks = results.get("tasks")
    if not isinstance(tasks, dict):
        problems.append(("tasks", "must be an object mapping task name to task"))
    else:
        for name, task in tasks.items():
            _check_task(f"tasks.{name}", task, labels, problems)
    if problems:
        raise DataError([(source, field, problem) for field, problem in problems])


def _check_models(models, problems: list) -> set[str]:
    if not isinstance(models, list):
        problems.append(("models", "must be a list of {label, sha256, ...} objects"))
        return set()
    labels: set[str] = set()
    for index, model in enumerate(models):
        label = model.get("label") if isinstance(model, dict) else None
        if not isinstance(label, str) or not label:
            problems.append((f"models[{index}].label", "must be a non-empty string"))
        elif label in labels:
            problems.append((f"models[{index}].label", f"{label!r} appears twice"))
        else:
            labels.add(label)
    return labels


def _check_task(where: str, task, labels: set[str], problems: list) -> None:
    if not isinstance(task, dict):
        problems.append((where, "must be an object"))
        return
    metrics = task.get("metrics")
    if not isinstance(metrics, dict) or not metrics:
        problems.append((f"{where}.metrics", "must be a non-empty object"))
        return
    for name, metric in metrics.items():
        if not isinstance(metric, dict) or metric.get("format") not in FORMATS:
            found = metric.get("format") if isinstance(metric, dict) else metric
            problems.append((f"{where}.metrics.{name}.format", f"must be one of {list(FORMATS)}, got {found!r}"))
        elif metric.get("higher_is_better") not in (True, False, None):
            problems.append((f"{where}.metrics.{name}.higher_is_better", "must be true, false or null"))
    if task.get("primary") not in metrics:
        problems.append((f"{where}.primary", f"{task.get('primary')!r} is not one of its metrics {list(metrics)}"))
    scores = task.get("scores")
    if not isinstance(scores, dict):
        problems.append((f"{where}.scores", "must be an object mapping model label to metric scores"))
        return
    for label, by_metric in scores.items():
        if label not in labels:
            problems.append((f"{where}.scores.{label}", "is not one of the models"))
        elif not isinstance(by_metric, dict) or any(
            m not in metrics or not isinstance(s, dict) for m, s in by_metric.items()
        ):
            problems.append((f"{where}.scores.{label}", "must map metric names of this task to {value, ci, n}"))
    _check_comparisons(where, task.get("comparisons"), metrics, labels, problems)
    _check_items(where, task.get("items", []), labels, problems)


def _check_comparisons(where: str, comparisons, metrics: dict, labels: set[str], problems: list) -> None:
    """`comparisons` is optional (older files have none): {"baseline", "metrics": {metric: {label: entry}}}."""
    if comparisons is None:
        return
    by_metric = comparisons.get("metrics") if isinstance(comparisons, dict) else None
    if not isinstance(by_metric, dict):
        problems.append((f"{where}.comparisons", "must be {baseline, metrics: {metric: {label: entry}}}"))
        return
    for metric_name, entries in by_metric.items():
        at = f"{where}.comparisons.metrics.{metric_name}"
        if metric_name not in metrics or not isinstance(entries, dict):
            problems.append((at, f"must be one of the task's metrics {list(metrics)} mapping labels to entries"))
            continue
        for label, entry in entries.items():
            if label not in labels or not isinstance(entry, dict) or not isinstance(entry.get("significant"), bool):
                problems.append((f"{at}.{label}", "must be a model label mapping to {value, ci, n, significant: bool}"))


def _check_items(where: str, items, labels: set[str], problems: list) -> None:
    if not isinstance(items, list):
        problems.append((f"{where}.items", "must be a list"))
        return
    for index, item in enumerate(items):
        at = f"{where}.items[{index}]"
        if not isinstance(item, dict) or item.get("id") is None:
            problems.append((at, "must be an object with an id"))
            continue
        if not isinstance(item.get("turns", []), list):
            problems.append((f"{at}.turns", "must be a list of strings"))
        outputs = item.get("outputs", {})
        if not isinstance(outputs, dict) or any(label not in labels for label in outputs):
            unknown = sorted(set(outputs) - labels) if isinstance(outputs, dict) else outputs
            problems.append((f"{at}.outputs", f"must map model labels to outputs; unknown: {unknown}"))
            continue
        for label, answer in outputs.items():
            if not isinstance(answer, dict) or not all(
                isinstance(answer.get(key), kinds) for key, kinds in OUTPUT_FIELDS.items()
            ):
                problems.append(
                    (f"{at}.outputs.{label}", "must be {text: string|null, verdict: string|null, score: number|null}")
                )


def check_out_dir(out_dir: str | Path) -> None:
    """Refuse an `out_dir` that holds something other than an earlier report."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise AlignmentError(f"{out_dir}: exists and is not a directory; choose another report directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / REPORT_FILES["json"]).is_file():
        raise AlignmentError(
            f"{out_dir}: not empty and holds no results.json, so it is not a report directory; "
            "refusing to replace its files (choose another report directory or empty it)"
        )


def write_report(results: dict, out_dir: str | Path) -> dict[str, Path]:
    """Write results.json, report.html and report.md into `out_dir` as one set; return their paths."""
    out_dir = Path(out_dir)
    validate_results(results)
    check_out_dir(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.writing-", dir=out_dir.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a report directory is meant to be read
        _write_json(staging / REPORT_FILES["json"], results)
        _write_html(staging / REPORT_FILES["html"], results, dynamics_link(out_dir))
        _write_markdown(staging / REPORT_FILES["md"], results)
        _swap_into_place(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {key: out_dir / name for key, name in REPORT_FILES.items()}


def _write_json(path: Path, results: dict) -> None:
    # NaN/inf (an undefined CI, a metric over zero items) become null: strict JSON for jq and browsers
    path.write_text(
        json.dumps(_finite_or_null(results), indent=2, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8"
    )


def _finite_or_null(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite_or_null(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_null(item) for item in value]
    return value


def _write_html(path: Path, results: dict, dynamics_href: str | None = None) -> None:
    path.write_text(render_html(results, plot_figures.figures(results), dynamics_href), encoding="utf-8")


def dynamics_link(out_dir: Path) -> str | None:
    """`../dynamics.html` when the report sits in a run directory (`<run_dir>/eval`) whose training
    stages logged learning dynamics (the page, or a stage log it is built from); else None."""
    run_dir = out_dir.parent
    logged = bool(log_paths(run_dir))
    return "../dynamics.html" if (run_dir / "dynamics.html").is_file() or logged else None


def _write_markdown(path: Path, results: dict) -> None:
    path.write_text(render_markdown(results), encoding="utf-8")


def _swap_into_place(staging: Path, out_dir: Path) -> None:
    """Rename the finished staging dir to `out_dir`; an older report is retired first, restored on failure."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    retired = out_dir.parent / f".{out_dir.name}.replaced-{os.getpid()}-{time.time_ns()}"
    os.rename(out_dir, retired)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(retired, out_dir)
        raise
    for entry in retired.iterdir():  # keep what else lived there (a generation cache): only our files change
        if entry.name not in REPORT_FILES.values():
            os.rename(entry, out_dir / entry.name)
    shutil.rmtree(retired)
