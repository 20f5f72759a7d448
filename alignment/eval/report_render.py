"""Render a validated results dict (see `alignment.eval.report`) as report.html and report.md.

Pure functions, strings in and out; the file handling lives in `alignment.eval.report`.

HTML safety: every string that comes from results.json (model outputs, prompts, labels,
paths, categories, verdicts, judge notes) goes through `escape` (html.escape, quote=True)
before it touches the page, in text and in attributes alike. No data is placed inside <script>
or <style>: the filter reads `data-*` attributes, so there is no JSON-in-script to break out
of. A Content-Security-Policy <meta> allows only this module's own script and stylesheet (by
sha256) and data: images, as a second line of defence.

Layout: the page and report.md lead with the paired differences from the baseline, then the
per-model values. How each figure is written, when a difference is "significant", when a value
is starred (★: significantly better than the baseline and the best such value, never the
baseline) and when it carries the small-n mark (†, fewer than 20 items) is defined in
alignment/eval/report_figures.py, shared with the console summary.
"""

from __future__ import annotations

import html

from alignment.core import report_kit
from alignment.core.report_kit import escape
from alignment.eval.independence import judge_line
from alignment.eval.plots import Plot
from alignment.eval.report_assets import CSS, JS
from alignment.eval.report_figures import (
    MISSING,
    NOT_SIGNIFICANT,
    SMALL_NOTE,
    STAR_RULE,
    any_small,
    best_labels,
    compared_labels,
    difference_label,
    difference_rows,
    difference_verdict,
    direction,
    format_difference,
    format_score,
    is_finite,
    measure_of,
)

PREVIEW_CHARS = 110


def metric_rows(results: dict):
    """(task name, task, metric name, metric) for every summary row: each task's primary metric first."""
    for name, task in results["tasks"].items():
        order = [task["primary"]] + [metric for metric in task["metrics"] if metric != task["primary"]]
        for metric_name in order:
            yield name, task, metric_name, task["metrics"][metric_name]


def content_security_policy() -> str:
    return report_kit.content_security_policy(CSS, JS)


def render_html(results: dict, plots: list[Plot], dynamics_href: str | None = None) -> str:
    """The page; `dynamics_href` (the run's learning-dynamics page, relative) adds a link under the header."""
    suite = results.get("suite") or {}
    title = f"Alignment eval report: {suite.get('name') or 'merged results'}"
    dynamics = f'<p><a href="{escape(dynamics_href)}">Learning dynamics of this run</a></p>' if dynamics_href else ""
    body = "\n".join(
        [
            f"<header><h1>{escape(title)}</h1>{_meta(results)}{dynamics}</header>",
            "<main>",
            _differences_table(results),
            _summary_table(results),
            _models_table(results),
            _tasks_table(results),
            _plots_section(plots),
            _items_section(results),
            "</main>",
            _footer(results),
        ]
    )
    return report_kit.html_page(title, body, CSS, JS)


def _meta(results: dict) -> str:
    rows = [(name, value) for name, value in _meta_fields(results) if value]
    items = "".join(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in rows)
    return f'<dl class="meta">{items}</dl>'


def _classifier_text(classifier: dict) -> str:
    """The refusal judge's backend, version and its agreement with the corpus labels on HELD-OUT answers
    (never the in-sample figure; alignment/rewards/refusal.py says how it was measured)."""
    if not classifier:
        return ""
    text = f"{classifier.get('backend', 'rules')}, version {classifier.get('version', '?')}"
    heldout = classifier.get("heldout_agreement") or {}
    if is_finite(heldout.get("binary")):
        per_source = [value.get("binary") for value in (heldout.get("sources") or {}).values()]
        lowest = min((value for value in per_source if is_finite(value)), default=None)
        unseen = "read while writing the rules" if classifier.get("backend", "rules") == "rules" else "trained on"
        text += (
            f"; agreement with labelled held-out answers {100 * heldout['binary']:.1f}% "
            f"(n={heldout.get('n', '?')}, {len(per_source)} sources never {unseen}"
        )
        text += f", lowest {100 * lowest:.1f}%)" if lowest is not None else ")"
    elif classifier.get("backend") == "rules" or "xstest_agreement" in classifier:
        text += "; no held-out agreement measured"
    return text


def _meta_fields(results: dict) -> list[tuple[str, str]]:
    """(name, plain text) header lines shared by the HTML and the Markdown report."""
    suite = results.get("suite") or {}
    sources = results.get("sources") or []
    merged = "differs between the merged reports (see Sources)" if sources else ""
    judges = "; ".join(
        judge_line(task, identity, _key_values)  # with its independence marks (eval/independence.py)
        for task, identity in (results.get("judges") or {}).items()
    )
    classifier_text = _classifier_text(results.get("refusal_classifier") or {})
    suite_text = " ".join(
        part
        for part in (
            suite.get("name") or "",
            f"({suite['path']})" if suite.get("path") else "",
            f"sha256 {str(suite['sha256'])[:12]}" if suite.get("sha256") else "",
        )
        if part
    )
    return [
        ("Suite", suite_text or merged),
        ("Created", results.get("created_at") or ""),
        ("Git commit", results.get("git_sha") or merged),
        ("Generation", _key_values(results["generation"]) if results.get("generation") else merged),
        ("Baseline", results.get("baseline") or ""),
        ("Judges", judges),
        ("Refusal classifier", classifier_text),
        ("Notes", "; ".join(results.get("notes") or [])),
        (
            "Sources",
            "; ".join(
                f"{source.get('path')} ({source.get('created_at') or '?'}, git {source.get('git_sha') or '?'}"
                f"{', labels prefixed ' + source['prefix'] + '/' if source.get('prefix') else ''})"
                for source in sources
            ),
        ),
    ]


def _differences_table(results: dict) -> str:
    """The first table: each model minus the baseline, paired by item, with its verdict."""
    labels, baseline = compared_labels(results), results.get("baseline")
    if not labels:
        reason = "no baseline" if baseline is None else "no task pairs the models' items with the baseline's"
        return (
            f'<section id="differences"><h2>Differences from the baseline</h2><p class="muted">'
            f"No paired comparisons ({escape(reason)}).</p></section>"
        )
    head = "".join(f'<th scope="col">{escape(label)} − {escape(baseline)}</th>' for label in labels)
    rows = []
    for name, task, metric_name, metric, entries in difference_rows(results):
        cells = []
        for label in labels:
            entry = entries.get(label)
            if entry is None:
                cells.append(f'<td class="value">{MISSING}</td>')
                continue
            verdict = difference_verdict(entry, metric)
            kind = "same" if verdict == NOT_SIGNIFICANT else verdict
            cells.append(
                f'<td class="value diff-{escape(kind)}" title="n = {escape(entry.get("n"))}">'
                f'{escape(format_difference(entry, metric["format"]))} <span class="verdict-text">'
                f"{escape(verdict)}</span></td>"
            )
        n = next((entry.get("n") for entry in entries.values()), task.get("n", ""))
        metric_text = difference_label(metric, metric_name, measure_of(entries))
        rows.append(
            f'<tr><th scope="row">{escape(name)}</th><td>{escape(metric_text)}'
            f"{_arrow_html(metric)}</td><td>{escape(n)}</td>{''.join(cells)}</tr>"
        )
    footnote = f'<p class="muted small-n-note">{escape(SMALL_NOTE)}</p>' if any_small(results, values=False) else ""
    return (
        '<section id="differences"><h2>Differences from the baseline</h2><table><caption>Model minus baseline '
        f"({escape(baseline)}), paired by item: the items are resampled together for the 95% bootstrap interval. "
        "Rates in percentage points; a win rate minus 50% (a tie). Where the interval includes 0: "
        f'{NOT_SIGNIFICANT}.</caption><thead><tr><th scope="col">Task</th><th scope="col">Metric</th>'
        f'<th scope="col">n</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{footnote}</section>'
    )


def _arrow_html(metric: dict) -> str:
    arrow = direction(metric)
    hint = "higher is better" if arrow == "↑" else "lower is better"
    return f' <abbr title="{hint}">{arrow}</abbr><span class="visually-hidden"> ({hint})</span>' if arrow else ""


def _summary_table(results: dict) -> str:
    labels = [model["label"] for model in results["models"]]
    baseline = results.get("baseline")
    head = "".join(_model_header(label, label == baseline) for label in labels)
    rows = []
    for name, task, metric_name, metric in metric_rows(results):
        best = best_labels(task, metric_name, labels, baseline)
        cells = "".join(_summary_cell(task, metric_name, metric, label, label in best) for label in labels)
        rows.append(
            f'<tr><th scope="row">{escape(name)}</th><td>{escape(metric.get("label") or metric_name)}'
            f"{_arrow_html(metric)}</td><td>{escape(task.get('n', ''))}</td>{cells}</tr>"
        )
    footnote = (
        f'<p class="muted small-n-note">{escape(SMALL_NOTE)}</p>' if any_small(results, differences=False) else ""
    )
    return (
        '<section id="summary"><h2>Per-model values</h2><table><caption>Value with 95% bootstrap confidence '
        f"interval; ★ = {STAR_RULE}. Percent intervals are in percentage points.</caption>"
        f'<thead><tr><th scope="col">Task</th><th scope="col">Metric</th><th scope="col">n</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{footnote}</section>"
    )


def _model_header(label: str, is_baseline: bool) -> str:
    if is_baseline:
        return f'<th scope="col" class="baseline">{escape(label)} <span class="muted">(baseline)</span></th>'
    return f'<th scope="col">{escape(label)}</th>'


def _summary_cell(task: dict, metric_name: str, metric: dict, label: str, best: bool) -> str:
    score = task["scores"].get(label, {}).get(metric_name)
    text = escape(format_score(score, metric["format"]))
    n = f' title="n = {escape(score["n"])}"' if score and score.get("n") is not None else ""
    if best:
        return f'<td class="value best"{n}>★ {text}<span class="visually-hidden"> (best)</span></td>'
    return f'<td class="value"{n}>{text}</td>'


def _models_table(results: dict) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(model["label"])}</th><td>{escape(model.get("spec") or "")}</td>'
        f"<td>{escape(model.get('kind') or '')}</td><td>{escape(model.get('base') or '')}</td>"
        f"<td>{escape(model.get('adapter') or '')}</td>"
        f"<td><code>{escape(str(model.get('sha256') or '')[:12])}</code></td></tr>"
        for model in results["models"]
    )
    return (
        '<section id="models"><h2>Models</h2><table><thead><tr><th scope="col">Label</th><th scope="col">Spec</th>'
        '<th scope="col">Kind</th><th scope="col">Base</th><th scope="col">Adapter</th>'
        f'<th scope="col">sha256</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _tasks_table(results: dict) -> str:
    rows = []
    for name, task in results["tasks"].items():
        prompt_file = task.get("prompt_file") or {}
        rows.append(
            f'<tr><th scope="row">{escape(name)}</th><td>{escape(task.get("title") or "")}</td>'
            f"<td>{escape(task.get('version', ''))}</td><td>{escape(task.get('n', ''))}</td>"
            f"<td>{escape(prompt_file.get('path') or '')}</td>"
            f"<td><code>{escape(str(prompt_file.get('sha256') or '')[:12])}</code></td></tr>"
        )
    return (
        '<section id="tasks"><h2>Tasks</h2><table><thead><tr><th scope="col">Task</th><th scope="col">Title</th>'
        '<th scope="col">Version</th><th scope="col">n</th><th scope="col">Prompt file</th>'
        f'<th scope="col">sha256</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _plots_section(plots: list[Plot]) -> str:
    figures = "".join(report_kit.figure_html(plot.png, plot.alt, escape(plot.title)) for plot in plots)
    figures = figures or '<p class="muted">No plottable metrics.</p>'
    return f'<section id="plots"><h2>Plots</h2>{figures}</section>'


def _items_section(results: dict) -> str:
    labels = [model["label"] for model in results["models"]]
    tasks = [(name, task) for name, task in results["tasks"].items() if task.get("items")]
    if not tasks:
        return '<section id="items"><h2>Per-prompt answers</h2><p class="muted">No per-item outputs.</p></section>'
    verdicts = sorted(
        {
            output["verdict"]
            for _, task in tasks
            for item in task["items"]
            for output in item.get("outputs", {}).values()
            if output and output.get("verdict") is not None
        }
    )
    task_options = "".join(f'<option value="{escape(name)}">{escape(name)}</option>' for name, _ in tasks)
    verdict_options = "".join(f'<option value="{escape(verdict)}">{escape(verdict)}</option>' for verdict in verdicts)
    controls = (
        '<div class="filters" role="search">'
        '<label>Text <input id="filter-text" type="search" placeholder="words in prompt or answers"></label>'
        f'<label>Task <select id="filter-task"><option value="">all tasks</option>{task_options}</select></label>'
        '<label>Verdict <select id="filter-verdict"><option value="">any verdict</option>'
        f'<option value="__disagree__">models disagree</option>{verdict_options}</select></label>'
        '<span id="filter-count" aria-live="polite"></span></div>'
    )
    sections = []
    for index, (name, task) in enumerate(tasks):
        items = "".join(_item(name, item, labels) for item in task["items"])
        sections.append(
            f'<section class="task-items" data-task="{escape(name)}" aria-labelledby="items-{index}">'
            f'<h3 id="items-{index}">{escape(task.get("title") or name)} <span class="muted">'
            f"({escape(name)}, {_count(len(task['items']), 'item')})</span></h3>{items}</section>"
        )
    return f'<section id="items"><h2>Per-prompt answers</h2>{controls}{"".join(sections)}</section>'


def _item(task_name: str, item: dict, labels: list[str]) -> str:
    outputs = item.get("outputs") or {}
    present = [label for label in labels if outputs.get(label)]
    verdicts = [outputs[label].get("verdict") for label in present if outputs[label].get("verdict") is not None]
    badges = "".join(
        f'<span class="verdict">{escape(label)}: {escape(outputs[label]["verdict"])}</span>'
        for label in present
        if outputs[label].get("verdict") is not None
    )
    turns = item.get("turns") or []
    preview = " / ".join(turns)[:PREVIEW_CHARS]
    category = f' <span class="category">[{escape(item["category"])}]</span>' if item.get("category") else ""
    summary = (
        f'<summary><span class="item-id">{escape(item["id"])}</span>{category} '
        f'<span class="preview">{escape(preview)}</span>{badges}</summary>'
    )
    parts = []
    if item.get("system"):
        parts.append(f'<p class="muted">System</p><pre>{escape(item["system"])}</pre>')
    for number, turn in enumerate(turns, 1):
        parts.append(f'<p class="muted">User, turn {number}</p><pre>{escape(turn)}</pre>')
    if item.get("reference") is not None:
        parts.append(f'<p class="muted">Reference</p><pre>{escape(item["reference"])}</pre>')
    answers = "".join(_answer(label, outputs[label]) for label in present)
    disagree = "1" if len(set(verdicts)) > 1 else "0"
    return (
        f'<details class="item" data-task="{escape(task_name)}" data-disagree="{disagree}">'
        f'{summary}{"".join(parts)}<div class="answers">{answers}</div></details>'
    )


def _answer(label: str, output: dict) -> str:
    verdict = output.get("verdict")
    attribute = f' data-verdict="{escape(verdict)}"' if verdict is not None else ""
    badge = f'<span class="verdict">{escape(verdict)}</span>' if verdict is not None else ""
    details = []
    if is_finite(output.get("score")):
        details.append(f"score {output['score']:.3f}")
    if output.get("new_tokens") is not None:
        details.append(f"{output['new_tokens']} new tokens")
    replies = output.get("replies") or []
    if len(replies) > 1:
        text = "".join(
            f'<p class="muted">Reply {number}</p><pre>{escape(reply)}</pre>' for number, reply in enumerate(replies, 1)
        )
    elif output.get("text") is not None:
        text = f"<pre>{escape(output['text'])}</pre>"
    else:
        text = '<p class="muted">(no text: scored, not generated)</p>'
    return (
        f'<div class="answer"{attribute}><h4>{escape(label)} {badge} '
        f'<span class="muted">{escape(" · ".join(details))}</span></h4>{text}</div>'
    )


def _footer(results: dict) -> str:
    versions = results.get("package_versions") or {}
    rows = "".join(f"<li>{escape(name)} {escape(version)}</li>" for name, version in sorted(versions.items()))
    listed = f"<details><summary>Package versions</summary><ul>{rows}</ul></details>" if rows else ""
    return f'<footer>{listed}<p class="muted">Results schema {escape(results["schema"])}.</p></footer>'


def render_markdown(results: dict) -> str:
    """report.md: header lines, the primary metric per task, then each task's metrics."""
    labels = [model["label"] for model in results["models"]]
    baseline = results.get("baseline")
    head = [md_cell(label + (" (baseline)" if label == baseline else "")) for label in labels]
    lines = ["# Alignment eval report", ""]
    lines += [f"- **{name}:** {md_cell(value)}" for name, value in _meta_fields(results) if value]
    lines += _md_differences(results)
    lines += [
        "",
        "## Summary (primary metric per task)",
        "",
        _md_row(["Task", "Metric", "n", *head]),
        _md_row(["---"] * (3 + len(labels))),
    ]
    for name, task in results["tasks"].items():
        lines.append(_md_metric_row(task, task["primary"], [name], labels, with_n=True, baseline=baseline))
    for name, task in results["tasks"].items():
        prompt_file = task.get("prompt_file") or {}
        source = (
            f", prompts {prompt_file.get('path')} (sha256 {str(prompt_file.get('sha256') or '')[:12]})"
            if prompt_file
            else ""
        )
        lines += [
            "",
            f"## {md_cell(name)}: {md_cell(task.get('title') or '')}",
            "",
            md_cell(f"version {task.get('version', '?')}, n {task.get('n', '?')}{source}"),
            "",
            _md_row(["Metric", *head]),
            _md_row(["---"] * (1 + len(labels))),
        ]
        lines += [
            _md_metric_row(task, metric_name, [], labels, with_n=False, baseline=baseline)
            for metric_name in task["metrics"]
        ]
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
    lines += [
        md_cell(
            f"Model minus baseline ({baseline}), items paired, 95% bootstrap CI; rates in percentage points, "
            f"a win rate minus 50% (a tie). Where the interval includes 0: {NOT_SIGNIFICANT}."
        ),
        "",
        _md_row(["Task", "Metric", "n", *[md_cell(f"{label} − {baseline}") for label in labels]]),
        _md_row(["---"] * (3 + len(labels))),
    ]
    for name, _, metric_name, metric, entries in difference_rows(results):
        cells = [
            md_cell(
                f"{format_difference(entries[label], metric['format'])} ({difference_verdict(entries[label], metric)})"
            )
            if label in entries
            else MISSING
            for label in labels
        ]
        metric_text = difference_label(metric, metric_name, measure_of(entries))
        n = next((entry.get("n") for entry in entries.values()), "")
        metric_cell = md_cell(f"{metric_text} {direction(metric)}".strip())
        lines.append(_md_row([md_cell(name), metric_cell, md_cell(n), *cells]))
    return lines


def _md_metric_row(
    task: dict, metric_name: str, lead: list[str], labels: list[str], with_n: bool, baseline: str | None = None
) -> str:
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
        f" ({mapping['note']})" if mapping.get("note") else ""
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
