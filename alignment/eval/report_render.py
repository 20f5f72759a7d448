"""Render a validated results dict (see `alignment.eval.report`) as report.html and report.md.

Pure functions, strings in and out; the file handling lives in `alignment.eval.report`.

HTML safety: every string that comes from results.json (model outputs, prompts, labels,
paths, categories, verdicts, judge notes) goes through `escape` (html.escape, quote=True)
before it touches the page, in text and in attributes alike. No data is placed inside <script>
or <style>: the filter reads `data-*` attributes, so there is no JSON-in-script to break out
of. A Content-Security-Policy <meta> allows only this module's own script and stylesheet (by
sha256) and data: images, as a second line of defence.

Layout: the page (and report.md, and the console summary `summary_text`) leads with the paired
differences from the baseline (each task's `comparisons`, alignment/eval/comparisons.py): per
metric and model, model minus baseline `+12.5 pp [2.0, 22.0]` (percentage points for rates; a
win rate minus 50%, a tie) and a verdict: "better" / "worse" (or "higher" / "lower" when the
metric has no direction) when the 95% CI excludes 0, else "no significant difference". The
per-model values follow.

Numbers: "percent" metrics show as `42.0% [33.1, 51.0]` (95% CI in percentage points),
"number" metrics as `0.123 [0.100, 0.150]`.

Small samples: a figure over fewer than SMALL_N (20) items carries SMALL_MARK (†) and the table
a footnote saying so: its interval is wide, and bootstrap intervals on so few items are themselves
unreliable (n = 1 gives a point, [0.0, 100.0] on n = 2 is common).

Stars (★, `best_labels`): a model's value is starred only when
1. it is not the baseline (the baseline against itself is a tie by definition), and
2. it is significantly better than the baseline: its paired difference (the task's
   `comparisons`) has a 95% CI that excludes 0 on the better side of the metric's
   `higher_is_better`; for a metric that is itself relative to the baseline and has no paired
   entry (`tie`: lc_win_rate 0.5, judge_gain 0.0), its own CI excludes the tie on the better side; and
3. among the models passing 1-2, its value is the best as displayed (ties all starred).
Metrics with no direction, no baseline or no paired evidence (preference accuracy, margins,
lengths) star nothing: a star claims a difference we have tested.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math

from alignment.eval.independence import judge_line
from alignment.eval.plots import Plot
from alignment.eval.report_assets import CSS, JS

MISSING = "—"  # the model was not evaluated on this task
PREVIEW_CHARS = 110
SMALL_N = 20
SMALL_MARK = "†"
SMALL_NOTE = (f"{SMALL_MARK} fewer than {SMALL_N} items: the interval is wide and itself unreliable "
              "(a bootstrap over so few items); read it as a rough indication, not a measurement.")
NOT_SIGNIFICANT = "no significant difference"
STAR_RULE = ("significantly better than the baseline (paired 95% interval clear of 0) and the best such value; "
             "the baseline is never starred")


def escape(value) -> str:
    return html.escape(str(value), quote=True)


def format_value(value, fmt: str) -> str:
    if not _finite(value):
        return "n/a"
    return f"{100 * value:.1f}%" if fmt == "percent" else f"{value:.3f}"


def format_ci(ci, fmt: str) -> str:
    if not ci or not all(_finite(bound) for bound in ci):
        return ""
    low, high = ci
    return f"[{100 * low:.1f}, {100 * high:.1f}]" if fmt == "percent" else f"[{low:.3f}, {high:.3f}]"


def format_score(score: dict | None, fmt: str) -> str:
    """`42.0% [33.1, 51.0]`; `—` when the model has no score for this metric; `†` under SMALL_N items."""
    if score is None:
        return MISSING
    ci = format_ci(score.get("ci"), fmt)
    return f"{format_value(score.get('value'), fmt)} {ci}".strip() + (SMALL_MARK if is_small(score) else "")


def best_labels(task: dict, metric_name: str, labels: list[str], baseline: str | None = None) -> set[str]:
    """Labels to star on one metric (the rule in the module docstring): significantly better than
    the baseline, and the best displayed value among those (all of them on a tie)."""
    metric = task["metrics"][metric_name]
    higher = metric.get("higher_is_better")
    if higher is None or baseline is None:
        return set()
    shown = {}
    for label in labels:
        value = task["scores"].get(label, {}).get(metric_name, {}).get("value")
        if label != baseline and _finite(value) and significantly_better(task, metric_name, label):
            shown[label] = round(100 * value, 1) if metric["format"] == "percent" else round(value, 3)
    if not shown:
        return set()
    target = max(shown.values()) if higher else min(shown.values())
    return {label for label, value in shown.items() if value == target}


def significantly_better(task: dict, metric_name: str, label: str) -> bool:
    """The paired difference's CI (or, for a relative metric, the value's CI around its tie) lies
    wholly on the better side of 0 (of the tie)."""
    metric = task["metrics"][metric_name]
    higher = metric.get("higher_is_better")
    paired = comparison(task, metric_name, label)
    if paired is not None:
        low, high = _bounds(paired.get("ci"))
        return bool(paired.get("significant")) and (low > 0 if higher else high < 0)
    tie = metric.get("tie")
    score = task["scores"].get(label, {}).get(metric_name) or {}
    if tie is None or score.get("baseline"):
        return False
    low, high = _bounds(score.get("ci"))
    return low > tie if higher else high < tie


def comparison(task: dict, metric_name: str, label: str) -> dict | None:
    """The task's paired entry of `label` on `metric_name` (see alignment/eval/comparisons.py)."""
    return (((task.get("comparisons") or {}).get("metrics") or {}).get(metric_name) or {}).get(label)


def _bounds(ci) -> tuple[float, float]:
    if not ci or not all(_finite(bound) for bound in ci):
        return math.nan, math.nan  # every comparison with NaN is False: nothing significant
    return float(ci[0]), float(ci[1])


def is_small(score: dict | None) -> bool:
    n = (score or {}).get("n")
    return isinstance(n, int) and not isinstance(n, bool) and n < SMALL_N


def format_difference(entry: dict, fmt: str) -> str:
    """`+12.5 pp [2.0, 22.0]` for rates, `+0.123 [0.010, 0.230]` for numbers; `†` under SMALL_N items."""
    value = entry.get("value")
    if not _finite(value):
        return "n/a"
    text = f"{100 * value:+.1f} pp" if fmt == "percent" else f"{value:+.3f}"
    ci = format_ci(entry.get("ci"), fmt)
    return f"{text} {ci}".strip() + (SMALL_MARK if is_small(entry) else "")


def difference_verdict(entry: dict, metric: dict) -> str:
    """"better" / "worse" ("higher" / "lower" without a direction) when significant, else NOT_SIGNIFICANT."""
    low, high = _bounds(entry.get("ci"))
    if not entry.get("significant") or not (low > 0 or high < 0):
        return NOT_SIGNIFICANT
    higher = metric.get("higher_is_better")
    up = low > 0
    if higher is None:
        return "higher" if up else "lower"
    return "better" if up == higher else "worse"


def difference_label(metric: dict, metric_name: str, measure: str | None) -> str:
    name = metric.get("label") or metric_name
    return f"{name} − 50% (a tie)" if measure == "win" else name


def difference_rows(results: dict):
    """(task name, task, metric name, metric, {label: entry}) for every metric with paired entries."""
    for name, task in results["tasks"].items():
        by_metric = (task.get("comparisons") or {}).get("metrics") or {}
        order = [task["primary"]] + [metric for metric in task["metrics"] if metric != task["primary"]]
        for metric_name in order:
            if by_metric.get(metric_name):
                yield name, task, metric_name, task["metrics"][metric_name], by_metric[metric_name]


def compared_labels(results: dict) -> list[str]:
    """Models with at least one paired entry, in the results' model order."""
    found = {label for *_, entries in difference_rows(results) for label in entries}
    return [model["label"] for model in results["models"] if model["label"] in found]


def any_small(results: dict) -> bool:
    """Whether some shown figure (a value or a difference) rests on fewer than SMALL_N items."""
    for task in results["tasks"].values():
        if any(is_small(score) for by_metric in task["scores"].values() for score in by_metric.values()):
            return True
    return any(is_small(entry) for *_, entries in difference_rows(results) for entry in entries.values())


def metric_rows(results: dict):
    """(task name, task, metric name, metric) for every summary row: each task's primary metric first."""
    for name, task in results["tasks"].items():
        order = [task["primary"]] + [metric for metric in task["metrics"] if metric != task["primary"]]
        for metric_name in order:
            yield name, task, metric_name, task["metrics"][metric_name]


def direction(metric: dict) -> str:
    higher = metric.get("higher_is_better")
    return "" if higher is None else ("↑" if higher else "↓")


def content_security_policy() -> str:
    script = base64.b64encode(hashlib.sha256(JS.encode()).digest()).decode()
    style = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
    return (f"default-src 'none'; img-src data:; style-src 'sha256-{style}'; "
            f"script-src 'sha256-{script}'; base-uri 'none'; form-action 'none'")


def render_html(results: dict, plots: list[Plot], dynamics_href: str | None = None) -> str:
    """The page; `dynamics_href` (the run's learning-dynamics page, relative) adds a link under the header."""
    suite = results.get("suite") or {}
    title = f"Alignment eval report: {suite.get('name') or 'merged results'}"
    dynamics = (f"<p><a href=\"{escape(dynamics_href)}\">Learning dynamics of this run</a></p>"
                if dynamics_href else "")
    body = "\n".join([
        f"<header><h1>{escape(title)}</h1>{_meta(results)}{dynamics}</header>",
        "<main>", _differences_table(results), _summary_table(results), _models_table(results), _tasks_table(results),
        _plots_section(plots), _items_section(results), "</main>", _footer(results),
    ])
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{content_security_policy()}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n<script>{JS}</script>\n</body>\n</html>\n"
    )


def _meta(results: dict) -> str:
    rows = [(name, value) for name, value in _meta_fields(results) if value]
    items = "".join(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in rows)
    return f"<dl class=\"meta\">{items}</dl>"


def _classifier_text(classifier: dict) -> str:
    """The refusal judge's backend, version and its agreement with human labels on HELD-OUT answers
    (never the in-sample figure; alignment/eval/refusal.py says how it was measured)."""
    if not classifier:
        return ""
    text = f"{classifier.get('backend', 'rules')}, version {classifier.get('version', '?')}"
    heldout = classifier.get("heldout_agreement") or {}
    if _finite(heldout.get("binary")):
        per_source = [value.get("binary") for value in (heldout.get("sources") or {}).values()]
        lowest = min((value for value in per_source if _finite(value)), default=None)
        text += (f"; agreement with human labels on held-out answers {100 * heldout['binary']:.1f}% "
                 f"(n={heldout.get('n', '?')}, {len(per_source)} sources never read while writing the rules")
        text += f", lowest {100 * lowest:.1f}%)" if lowest is not None else ")"
    elif classifier.get("backend") == "rules" or "xstest_agreement" in classifier:
        text += "; no held-out agreement measured"
    return text


def _meta_fields(results: dict) -> list[tuple[str, str]]:
    """(name, plain text) header lines shared by the HTML and the Markdown report."""
    suite = results.get("suite") or {}
    sources = results.get("sources") or []
    merged = "differs between the merged reports (see Sources)" if sources else ""
    judges = "; ".join(judge_line(task, identity, _key_values)  # with its independence marks (eval/independence.py)
                       for task, identity in (results.get("judges") or {}).items())
    classifier_text = _classifier_text(results.get("refusal_classifier") or {})
    suite_text = " ".join(part for part in (suite.get("name") or "", f"({suite['path']})" if suite.get("path") else "",
                                           f"sha256 {str(suite['sha256'])[:12]}" if suite.get("sha256") else "") if part)
    return [
        ("Suite", suite_text or merged),
        ("Created", results.get("created_at") or ""),
        ("Git commit", results.get("git_sha") or merged),
        ("Generation", _key_values(results["generation"]) if results.get("generation") else merged),
        ("Baseline", results.get("baseline") or ""),
        ("Judges", judges),
        ("Refusal classifier", classifier_text),
        ("Notes", "; ".join(results.get("notes") or [])),
        ("Sources", "; ".join(f"{source.get('path')} ({source.get('created_at') or '?'}, git {source.get('git_sha') or '?'}"
                              f"{', labels prefixed ' + source['prefix'] + '/' if source.get('prefix') else ''})"
                              for source in sources)),
    ]


def _differences_table(results: dict) -> str:
    """The first table: each model minus the baseline, paired by item, with its verdict."""
    labels, baseline = compared_labels(results), results.get("baseline")
    if not labels:
        reason = "no baseline" if baseline is None else "no task pairs the models' items with the baseline's"
        return (f"<section id=\"differences\"><h2>Differences from the baseline</h2><p class=\"muted\">"
                f"No paired comparisons ({escape(reason)}).</p></section>")
    head = "".join(f"<th scope=\"col\">{escape(label)} − {escape(baseline)}</th>" for label in labels)
    rows = []
    for name, task, metric_name, metric, entries in difference_rows(results):
        cells = []
        for label in labels:
            entry = entries.get(label)
            if entry is None:
                cells.append(f"<td class=\"value\">{MISSING}</td>")
                continue
            verdict = difference_verdict(entry, metric)
            kind = "same" if verdict == NOT_SIGNIFICANT else verdict
            cells.append(f"<td class=\"value diff-{escape(kind)}\" title=\"n = {escape(entry.get('n'))}\">"
                         f"{escape(format_difference(entry, metric['format']))} <span class=\"verdict-text\">"
                         f"{escape(verdict)}</span></td>")
        n = next((entry.get("n") for entry in entries.values()), task.get("n", ""))
        metric_text = difference_label(metric, metric_name, _measure(entries))
        rows.append(f"<tr><th scope=\"row\">{escape(name)}</th><td>{escape(metric_text)}"
                    f"{_arrow_html(metric)}</td><td>{escape(n)}</td>{''.join(cells)}</tr>")
    footnote = f"<p class=\"muted small-n-note\">{escape(SMALL_NOTE)}</p>" if any_small(results) else ""
    return ("<section id=\"differences\"><h2>Differences from the baseline</h2><table><caption>Model minus baseline "
            f"({escape(baseline)}), paired by item: the items are resampled together for the 95% bootstrap interval. "
            "Rates in percentage points; a win rate minus 50% (a tie). Where the interval includes 0: "
            f"{NOT_SIGNIFICANT}.</caption><thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Metric</th>"
            f"<th scope=\"col\">n</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{footnote}</section>")


def _measure(entries: dict) -> str | None:
    return next((entry.get("measure") for entry in entries.values()), None)


def _arrow_html(metric: dict) -> str:
    arrow = direction(metric)
    hint = "higher is better" if arrow == "↑" else "lower is better"
    return f" <abbr title=\"{hint}\">{arrow}</abbr><span class=\"visually-hidden\"> ({hint})</span>" if arrow else ""


def _summary_table(results: dict) -> str:
    labels = [model["label"] for model in results["models"]]
    baseline = results.get("baseline")
    head = "".join(_model_header(label, label == baseline) for label in labels)
    rows = []
    for name, task, metric_name, metric in metric_rows(results):
        best = best_labels(task, metric_name, labels, baseline)
        cells = "".join(_summary_cell(task, metric_name, metric, label, label in best) for label in labels)
        rows.append(f"<tr><th scope=\"row\">{escape(name)}</th><td>{escape(metric.get('label') or metric_name)}"
                    f"{_arrow_html(metric)}</td><td>{escape(task.get('n', ''))}</td>{cells}</tr>")
    footnote = f"<p class=\"muted small-n-note\">{escape(SMALL_NOTE)}</p>" if any_small(results) else ""
    return ("<section id=\"summary\"><h2>Per-model values</h2><table><caption>Value with 95% bootstrap confidence "
            f"interval; ★ = {STAR_RULE}. Percent intervals are in percentage points.</caption>"
            f"<thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Metric</th><th scope=\"col\">n</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{footnote}</section>")


def _model_header(label: str, is_baseline: bool) -> str:
    if is_baseline:
        return f"<th scope=\"col\" class=\"baseline\">{escape(label)} <span class=\"muted\">(baseline)</span></th>"
    return f"<th scope=\"col\">{escape(label)}</th>"


def _summary_cell(task: dict, metric_name: str, metric: dict, label: str, best: bool) -> str:
    score = task["scores"].get(label, {}).get(metric_name)
    text = escape(format_score(score, metric["format"]))
    n = f" title=\"n = {escape(score['n'])}\"" if score and score.get("n") is not None else ""
    if best:
        return f"<td class=\"value best\"{n}>★ {text}<span class=\"visually-hidden\"> (best)</span></td>"
    return f"<td class=\"value\"{n}>{text}</td>"


def _models_table(results: dict) -> str:
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(model['label'])}</th><td>{escape(model.get('spec') or '')}</td>"
        f"<td>{escape(model.get('kind') or '')}</td><td>{escape(model.get('base') or '')}</td>"
        f"<td>{escape(model.get('adapter') or '')}</td><td><code>{escape(str(model.get('sha256') or '')[:12])}</code></td></tr>"
        for model in results["models"])
    return ("<section id=\"models\"><h2>Models</h2><table><thead><tr><th scope=\"col\">Label</th><th scope=\"col\">Spec</th>"
            "<th scope=\"col\">Kind</th><th scope=\"col\">Base</th><th scope=\"col\">Adapter</th>"
            f"<th scope=\"col\">sha256</th></tr></thead><tbody>{rows}</tbody></table></section>")


def _tasks_table(results: dict) -> str:
    rows = []
    for name, task in results["tasks"].items():
        prompt_file = task.get("prompt_file") or {}
        rows.append(f"<tr><th scope=\"row\">{escape(name)}</th><td>{escape(task.get('title') or '')}</td>"
                    f"<td>{escape(task.get('version', ''))}</td><td>{escape(task.get('n', ''))}</td>"
                    f"<td>{escape(prompt_file.get('path') or '')}</td>"
                    f"<td><code>{escape(str(prompt_file.get('sha256') or '')[:12])}</code></td></tr>")
    return ("<section id=\"tasks\"><h2>Tasks</h2><table><thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Title</th>"
            "<th scope=\"col\">Version</th><th scope=\"col\">n</th><th scope=\"col\">Prompt file</th>"
            f"<th scope=\"col\">sha256</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _plots_section(plots: list[Plot]) -> str:
    figures = "".join(
        f"<figure><img src=\"data:image/png;base64,{base64.b64encode(plot.png).decode()}\" alt=\"{escape(plot.alt)}\">"
        f"<figcaption>{escape(plot.title)}</figcaption></figure>" for plot in plots)
    figures = figures or "<p class=\"muted\">No plottable metrics.</p>"
    return f"<section id=\"plots\"><h2>Plots</h2>{figures}</section>"


def _items_section(results: dict) -> str:
    labels = [model["label"] for model in results["models"]]
    tasks = [(name, task) for name, task in results["tasks"].items() if task.get("items")]
    if not tasks:
        return "<section id=\"items\"><h2>Per-prompt answers</h2><p class=\"muted\">No per-item outputs.</p></section>"
    verdicts = sorted({output["verdict"] for _, task in tasks for item in task["items"]
                       for output in item.get("outputs", {}).values() if output and output.get("verdict") is not None})
    task_options = "".join(f"<option value=\"{escape(name)}\">{escape(name)}</option>" for name, _ in tasks)
    verdict_options = "".join(f"<option value=\"{escape(verdict)}\">{escape(verdict)}</option>" for verdict in verdicts)
    controls = (
        "<div class=\"filters\" role=\"search\">"
        "<label>Text <input id=\"filter-text\" type=\"search\" placeholder=\"words in prompt or answers\"></label>"
        f"<label>Task <select id=\"filter-task\"><option value=\"\">all tasks</option>{task_options}</select></label>"
        "<label>Verdict <select id=\"filter-verdict\"><option value=\"\">any verdict</option>"
        f"<option value=\"__disagree__\">models disagree</option>{verdict_options}</select></label>"
        "<span id=\"filter-count\" aria-live=\"polite\"></span></div>")
    sections = []
    for index, (name, task) in enumerate(tasks):
        items = "".join(_item(name, item, labels) for item in task["items"])
        sections.append(f"<section class=\"task-items\" data-task=\"{escape(name)}\" aria-labelledby=\"items-{index}\">"
                        f"<h3 id=\"items-{index}\">{escape(task.get('title') or name)} <span class=\"muted\">"
                        f"({escape(name)}, {_count(len(task['items']), 'item')})</span></h3>{items}</section>")
    return f"<section id=\"items\"><h2>Per-prompt answers</h2>{controls}{''.join(sections)}</section>"


def _item(task_name: str, item: dict, labels: list[str]) -> str:
    outputs = item.get("outputs") or {}
    present = [label for label in labels if outputs.get(label)]
    verdicts = [outputs[label].get("verdict") for label in present if outputs[label].get("verdict") is not None]
    badges = "".join(f"<span class=\"verdict\">{escape(label)}: {escape(outputs[label]['verdict'])}</span>"
                     for label in present if outputs[label].get("verdict") is not None)
    turns = item.get("turns") or []
    preview = " / ".join(turns)[:PREVIEW_CHARS]
    category = f" <span class=\"category\">[{escape(item['category'])}]</span>" if item.get("category") else ""
    summary = (f"<summary><span class=\"item-id\">{escape(item['id'])}</span>{category} "
               f"<span class=\"preview\">{escape(preview)}</span>{badges}</summary>")
    parts = []
    if item.get("system"):
        parts.append(f"<p class=\"muted\">System</p><pre>{escape(item['system'])}</pre>")
    for number, turn in enumerate(turns, 1):
        parts.append(f"<p class=\"muted\">User, turn {number}</p><pre>{escape(turn)}</pre>")
    if item.get("reference") is not None:
        parts.append(f"<p class=\"muted\">Reference</p><pre>{escape(item['reference'])}</pre>")
    answers = "".join(_answer(label, outputs[label]) for label in present)
    return (f"<details class=\"item\" data-task=\"{escape(task_name)}\" data-disagree=\"{'1' if len(set(verdicts)) > 1 else '0'}\">"
            f"{summary}{''.join(parts)}<div class=\"answers\">{answers}</div></details>")


def _answer(label: str, output: dict) -> str:
    verdict = output.get("verdict")
    attribute = f" data-verdict=\"{escape(verdict)}\"" if verdict is not None else ""
    badge = f"<span class=\"verdict\">{escape(verdict)}</span>" if verdict is not None else ""
    details = []
    if _finite(output.get("score")):
        details.append(f"score {output['score']:.3f}")
    if output.get("new_tokens") is not None:
        details.append(f"{output['new_tokens']} new tokens")
    replies = output.get("replies") or []
    if len(replies) > 1:
        text = "".join(f"<p class=\"muted\">Reply {number}</p><pre>{escape(reply)}</pre>" for number, reply in enumerate(replies, 1))
    elif output.get("text") is not None:
        text = f"<pre>{escape(output['text'])}</pre>"
    else:
        text = "<p class=\"muted\">(no text: scored, not generated)</p>"
    return (f"<div class=\"answer\"{attribute}><h4>{escape(label)} {badge} "
            f"<span class=\"muted\">{escape(' · '.join(details))}</span></h4>{text}</div>")


def _footer(results: dict) -> str:
    versions = results.get("package_versions") or {}
    rows = "".join(f"<li>{escape(name)} {escape(version)}</li>" for name, version in sorted(versions.items()))
    listed = f"<details><summary>Package versions</summary><ul>{rows}</ul></details>" if rows else ""
    return f"<footer>{listed}<p class=\"muted\">Results schema {escape(results['schema'])}.</p></footer>"


def render_markdown(results: dict) -> str:
    """report.md: header lines, the primary metric per task, then each task's metrics."""
    labels = [model["label"] for model in results["models"]]
    baseline = results.get("baseline")
    head = [md_cell(label + (" (baseline)" if label == baseline else "")) for label in labels]
    lines = ["# Alignment eval report", ""]
    lines += [f"- **{name}:** {md_cell(value)}" for name, value in _meta_fields(results) if value]
    lines += _md_differences(results)
    lines += ["", "## Summary (primary metric per task)", "", _md_row(["Task", "Metric", "n", *head]),
              _md_row(["---"] * (3 + len(labels)))]
    for name, task in results["tasks"].items():
        lines.append(_md_metric_row(task, task["primary"], [name], labels, with_n=True, baseline=baseline))
    for name, task in results["tasks"].items():
        prompt_file = task.get("prompt_file") or {}
        source = f", prompts {prompt_file.get('path')} (sha256 {str(prompt_file.get('sha256') or '')[:12]})" if prompt_file else ""
        lines += ["", f"## {md_cell(name)}: {md_cell(task.get('title') or '')}", "",
                  md_cell(f"version {task.get('version', '?')}, n {task.get('n', '?')}{source}"), "",
                  _md_row(["Metric", *head]), _md_row(["---"] * (1 + len(labels)))]
        lines += [_md_metric_row(task, metric_name, [], labels, with_n=False, baseline=baseline)
                  for metric_name in task["metrics"]]
    lines.append("")
    lines.append(f"Values: 95% bootstrap CI in brackets (percentage points for percentages); **bold** = {STAR_RULE}.")
    if any_small(results):
        lines += ["", md_cell(SMALL_NOTE)]
    return "\n".join(lines) + "\n"


def _md_differences(results: dict) -> list[str]:
    """The leading table of report.md: each model minus the baseline, paired, with its verdict."""
    labels, baseline = compared_labels(results), results.get("baseline")
    lines = ["", "## Differences from the baseline (paired)", ""]
    if not labels:
        return lines + ["No paired comparisons" + (" (no baseline)." if baseline is None else ".")]
    lines += [md_cell(f"Model minus baseline ({baseline}), items paired, 95% bootstrap CI; rates in percentage points, "
                      f"a win rate minus 50% (a tie). Where the interval includes 0: {NOT_SIGNIFICANT}."), "",
              _md_row(["Task", "Metric", "n", *[md_cell(f"{label} − {baseline}") for label in labels]]),
              _md_row(["---"] * (3 + len(labels)))]
    for name, _, metric_name, metric, entries in difference_rows(results):
        cells = [md_cell(f"{format_difference(entries[label], metric['format'])} "
                         f"({difference_verdict(entries[label], metric)})") if label in entries else MISSING
                 for label in labels]
        metric_text = difference_label(metric, metric_name, _measure(entries))
        n = next((entry.get("n") for entry in entries.values()), "")
        metric_cell = md_cell(f"{metric_text} {direction(metric)}".strip())
        lines.append(_md_row([md_cell(name), metric_cell, md_cell(n), *cells]))
    return lines


def _md_metric_row(task: dict, metric_name: str, lead: list[str], labels: list[str], with_n: bool,
                   baseline: str | None = None) -> str:
    metric = task["metrics"][metric_name]
    best = best_labels(task, metric_name, labels, baseline)
    cells = []
    for label in labels:
        text = md_cell(format_score(task["scores"].get(label, {}).get(metric_name), metric["format"]))
        cells.append(f"**{text}**" if label in best else text)
    name = md_cell(metric.get("label") or metric_name) + (f" {direction(metric)}" if direction(metric) else "")
    n = [md_cell(task.get("n", ""))] if with_n else []
    return _md_row([md_cell(cell) for cell in lead] + [name, *n, *cells])


def md_cell(value) -> str:
    """One Markdown table cell: `|` escaped, newlines flattened, HTML tags shown as text."""
    text = html.escape(str(value), quote=False)
    return " ".join(text.replace("|", "\\|").splitlines())


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _key_values(mapping: dict) -> str:
    shown = {key: str(value)[:12] if key == "sha256" else value for key, value in mapping.items() if key != "note"}
    return ", ".join(f"{key}={value}" for key, value in shown.items()) + (
        f" ({mapping['note']})" if mapping.get("note") else "")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# ---- console ----


def summary_text(results: dict) -> str:
    """The console summary printed at the end of an eval (and of `alignment compare`): the paired
    differences from the baseline first, then each task's primary metric per model, then the
    small-n footnote when a figure rests on fewer than SMALL_N items."""
    parts = [_text_differences(results), _text_values(results)]
    if any_small(results):
        parts.append(SMALL_NOTE)
    return "\n".join(part for part in parts if part)


def _text_differences(results: dict) -> str:
    labels, baseline = compared_labels(results), results.get("baseline")
    if not labels:
        return ""
    rows = [["task", "metric", *[f"{label} - {baseline}" for label in labels]]]
    for name, _, metric_name, metric, entries in difference_rows(results):
        cells = [f"{format_difference(entries[label], metric['format'])} {difference_verdict(entries[label], metric)}"
                 if label in entries else "-" for label in labels]
        label_text = difference_label(metric, metric_name, _measure(entries)).replace("−", "-")
        rows.append([name, f"{label_text} {direction(metric)}".strip(), *cells])
    return (f"\n[eval] differences from the baseline {baseline} (paired by item, 95% bootstrap CI; rates in "
            "percentage points)\n" + _text_table(rows))


def _text_values(results: dict) -> str:
    labels, baseline = [model["label"] for model in results["models"]], results.get("baseline")
    rows = [["task", "metric", *labels]]
    for name, task in results["tasks"].items():
        metric_name = task["primary"]
        metric = task["metrics"][metric_name]
        best = best_labels(task, metric_name, labels, baseline)
        cells = []
        for label in labels:
            score = task["scores"].get(label, {}).get(metric_name)
            text = format_score(score, metric["format"]) if score and score.get("value") is not None else "-"
            cells.append(("★ " if label in best else "") + text)
        rows.append([name, f"{metric.get('label') or metric_name} {direction(metric)}".strip(), *cells])
    note = f"(baseline: {baseline})" if baseline else ""
    return f"\n[eval] summary {note}\n" + _text_table(rows)


def _text_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
