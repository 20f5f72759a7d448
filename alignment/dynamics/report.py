"""The offline learning-dynamics report: `<run_dir>/{sft,dpo,ppo}/dynamics.jsonl` -> `<run_dir>/dynamics.html`.

    write_report(run_dir) -> Path          (also `alignment dynamics RUN_DIR`)

Input: the logs the training stages write while they probe the model (`alignment.dynamics`), one
JSON object per line, each with "kind" and "step" (optimizer step; PPO: iteration):

  setup    (first line) stage, every, layers, heads, frozen_layers (bottom layers without LoRA),
           modules, probes [{id, prompt, chosen, rejected, greedy (the step-0 greedy answer)}], thresholds
  check    (step 0, every `every` steps, the last step) seconds (probing), train_seconds (probes
           excluded), loss, means {chosen/rejected/greedy _logp and _change, margin, entropy, kl}
           and per_probe (same keys, a list per probe), lora_norm {layer: {module: ||scale B A||_F}},
           grad_norm {layer: norm}, attention_entropy [layers][heads] (a layer not measured: []),
           ppo {reward, reply_length, kl, entropy, sample_reward (proxy), sample_length, judge,
           gold (the judge's score when the judge is not the proxy)} (PPO only)
  warning  rule, message (a diagnostic rule fired)
  summary  (last line, when the stage finished) checks, probe_seconds, setup_seconds (the one-time
           greedy answers and reference pass), train_seconds, overhead, check_overhead, warnings

Nulls are allowed where a value does not apply. A stage killed mid-write leaves a torn last line:
it is skipped. Any other line that is not a JSON object with a "kind" and an integer "step" (or
whose fields have the wrong shape) is an `AlignmentError` naming `file:line`; records of an
unknown kind are ignored (a newer writer).

Output: `<run_dir>/dynamics.html`, one self-contained page (figures embedded as base64 PNG;
a Content-Security-Policy allows only its own stylesheet and data: images), a section per
stage: setup, overhead, warnings table, figures (`alignment.dynamics.figures`), probes table.
The same figures are written as `<run_dir>/dynamics/<stage>_<figure>.png`. Every string from
the logs is escaped with html.escape. A stage without a summary (interrupted) still renders,
with a note. Files are replaced atomically (written beside, then renamed).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from alignment.core import report_kit
from alignment.core.errors import AlignmentError
from alignment.core.io import write_bytes_atomically
from alignment.core.report_kit import escape
from alignment.dynamics.figures import DynamicsPlot, stage_figures

STAGES = ("sft", "dpo", "kto", "orpo", "ppo", "grpo")
LOG_NAME = "dynamics.jsonl"
PAGE_NAME = "dynamics.html"
FIGURE_DIR = "dynamics"
TEXT_CHARS = 200  # probe texts are shortened to this in the table
OBJECT_FIELDS = {"check": ("means", "per_probe", "lora_norm", "grad_norm", "ppo"), "setup": ("thresholds",)}

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24;
       margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 4rem; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; margin-top: 2.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; color: #57606a; }
dd { margin: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
.muted { color: #57606a; }
.note { background: #fff8c5; border: 1px solid #d4a72c; padding: 0.4rem 0.7rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; }
figcaption { color: #57606a; font-size: 0.9em; }
"""


@dataclass
class StageLog:
    stage: str
    path: Path
    setup: dict = field(default_factory=dict)
    checks: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    summary: dict | None = None


def log_paths(run_dir: str | Path) -> list[Path]:
    """The dynamics.jsonl files present under `run_dir`, in stage order."""
    return [Path(run_dir) / stage / LOG_NAME for stage in STAGES if (Path(run_dir) / stage / LOG_NAME).is_file()]


def write_report(run_dir: str | Path) -> Path:
    """Read every stage's dynamics.jsonl, write the PNG figures and dynamics.html; return the html path."""
    run_dir = Path(run_dir)
    paths = log_paths(run_dir)
    if not paths:
        raise AlignmentError(
            f"{run_dir}: no dynamics.jsonl found under run_dir "
            f"(looked in {', '.join(f'{stage}/{LOG_NAME}' for stage in STAGES)})"
        )
    logs = [read_log(path) for path in paths]  # every file parses before anything is written
    plots = {log.stage: stage_figures(log) for log in logs}
    figure_dir = run_dir / FIGURE_DIR
    figure_dir.mkdir(exist_ok=True)
    for plot in (plot for stage_plots in plots.values() for plot in stage_plots):
        write_bytes_atomically(figure_dir / f"{plot.name}.png", plot.png)
    page = run_dir / PAGE_NAME
    write_bytes_atomically(page, render_html(run_dir, logs, plots).encode("utf-8"))
    return page


def read_log(path: Path) -> StageLog:
    """Parse one dynamics.jsonl; a torn (non-JSON) last line is skipped, any other bad line raises."""
    log = StageLog(stage=path.parent.name, path=path)
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    last = max((number for number, line in enumerate(lines, 1) if line.strip()), default=0)
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            if number == last:
                continue  # the stage was killed mid-write: everything before it is whole
            raise AlignmentError(f"{path}:{number}: not JSON ({error.msg}); only the last line may be torn") from None
        problem = record_problem(record)
        if problem:
            raise AlignmentError(f"{path}:{number}: {problem}")
        _add_record(log, record)
    _check_entropy_shapes(log)
    return log


def record_problem(record) -> str | None:
    """What makes a parsed line unusable, in words; None when it is fine."""
    if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
        return 'expected a JSON object with a "kind" (setup, check, warning or summary)'
    step = record.get("step")
    if not isinstance(step, int) or isinstance(step, bool):
        return f'{record["kind"]}: "step" must be an integer, got {step!r}'
    for name in OBJECT_FIELDS.get(record["kind"], ()):
        if record.get(name) is not None and not isinstance(record[name], dict):
            return f'{record["kind"]}: "{name}" must be an object'
    if record["kind"] == "check":
        return _check_problem(record)
    if record["kind"] == "setup":
        return _setup_problem(record)
    return None


def _check_problem(record: dict) -> str | None:
    if any(not isinstance(modules, dict) for modules in (record.get("lora_norm") or {}).values()):
        return 'check: "lora_norm" must map layer -> {module: norm}'
    for name in ("lora_norm", "grad_norm"):
        if any(not str(layer).isdigit() for layer in record.get(name) or {}):
            return f'check: "{name}" keys must be layer indices ("0", "1", ...)'
    rows = record.get("attention_entropy") or []
    if (
        not isinstance(rows, list)
        or any(not isinstance(row, list) for row in rows)
        or len({len(row) for row in rows if row}) > 1
    ):  # [] = a layer not measured, shown blank
        return 'check: "attention_entropy" must be a [layers][heads] list of lists of equal length'
    if any(value is not None and not _is_number(value) for row in rows for value in row):
        return 'check: "attention_entropy" values must be numbers or null'
    return None


def _setup_problem(record: dict) -> str | None:
    frozen = record.get("frozen_layers", 0)
    if frozen is not None and (not isinstance(frozen, int) or isinstance(frozen, bool)):
        return f'setup: "frozen_layers" must be an integer, got {frozen!r}'
    if not isinstance(record.get("modules") or [], list) or any(
        not isinstance(m, str) for m in record.get("modules") or []
    ):
        return 'setup: "modules" must be a list of module names'
    if not isinstance(record.get("probes") or [], list) or any(
        not isinstance(p, dict) for p in record.get("probes") or []
    ):
        return 'setup: "probes" must be a list of objects'
    return None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _add_record(log: StageLog, record: dict) -> None:
    kind = record["kind"]
    if kind == "setup":
        log.setup = record
        log.stage = record.get("stage") or log.stage
    elif kind == "check":
        log.checks.append(record)
    elif kind == "warning":
        log.warnings.append(record)
    elif kind == "summary":
        log.summary = record
    # other kinds: written by a newer version; this report shows what it knows


def _check_entropy_shapes(log: StageLog) -> None:
    shapes = {
        (check["step"], len(rows), max(map(len, rows)))
        for check in log.checks
        if (rows := check.get("attention_entropy")) and max(map(len, rows))
    }
    if len({shape[1:] for shape in shapes}) > 1:
        found = ", ".join(f"step {step}: {layers}x{heads}" for step, layers, heads in sorted(shapes))
        raise AlignmentError(f"{log.path}: attention_entropy changes shape between checks ({found})")


# ---- the page ----


def render_html(run_dir: Path, logs: list[StageLog], plots: dict[str, list[DynamicsPlot]]) -> str:
    title = f"Learning dynamics: {run_dir.resolve().name}"
    eval_report = run_dir / "eval" / "report.html"
    links = '<p><a href="eval/report.html">Eval report of this run</a></p>' if eval_report.is_file() else ""
    nav = " · ".join(f'<a href="#{escape(log.stage)}">{escape(log.stage)}</a>' for log in logs)
    header = (
        f'<header><h1>{escape(title)}</h1><p class="muted">Run directory {escape(run_dir)}; '
        f"built {escape(time.strftime('%Y-%m-%d %H:%M:%S %z'))}. Stages: {nav}</p>{links}</header>"
    )
    sections = "\n".join(stage_section(log, plots.get(log.stage, [])) for log in logs)
    return report_kit.html_page(title, f"{header}\n<main>\n{sections}\n</main>", CSS)


def content_security_policy() -> str:
    return report_kit.content_security_policy(CSS)


def stage_section(log: StageLog, plots: list[DynamicsPlot]) -> str:
    stage = escape(log.stage)
    parts = [
        f'<section id="{stage}"><h2>{stage}</h2>',
        _interrupted_note(log),
        _setup_list(log),
        f"<p>{escape(overhead_line(log))}</p>",
        _warnings_table(log),
        _figures(plots),
        _probes_table(log),
        "</section>",
    ]
    return "\n".join(part for part in parts if part)


def _interrupted_note(log: StageLog) -> str:
    if log.summary is not None:
        return ""
    last = f"up to step {log.checks[-1]['step']}" if log.checks else "none yet"
    return (
        f'<p class="note">No summary record: this stage was interrupted (or is still running). '
        f"Showing the {len(log.checks)} check(s) logged, {escape(last)}.</p>"
    )


def _setup_list(log: StageLog) -> str:
    setup = log.setup
    if not setup:
        return '<p class="muted">No setup record in this log.</p>'
    thresholds = ", ".join(f"{key} = {value}" for key, value in (setup.get("thresholds") or {}).items())
    rows = [
        ("Probe every", f"{setup.get('every', '?')} steps"),
        ("Probes", len(setup.get("probes") or [])),
        ("Layers x heads", f"{setup.get('layers', '?')} x {setup.get('heads', '?')}"),
        ("Frozen layers", f"{setup.get('frozen_layers', 0)} (the bottom layers, without LoRA)"),
        ("LoRA modules", ", ".join(map(str, setup.get("modules") or [])) or "none (full fine-tuning)"),
        ("Rule thresholds", thresholds or "none"),
    ]
    items = "".join(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in rows)
    return f"<dl>{items}</dl>"


def overhead_line(log: StageLog) -> str:
    """'Probing overhead: 4.1 s of probes / 80.3 s of training = 5.1% (5 checks).'"""
    if log.summary is not None:
        probe, train = log.summary.get("probe_seconds"), log.summary.get("train_seconds")
        checks, prefix = log.summary.get("checks", len(log.checks)), "Probing overhead"
    else:  # interrupted: what the checks logged so far
        probe = sum(check.get("seconds") or 0.0 for check in log.checks)
        train = log.checks[-1].get("train_seconds") if log.checks else None
        checks, prefix = len(log.checks), "Probing overhead so far"
    if not isinstance(probe, (int, float)) or not isinstance(train, (int, float)) or train <= 0:
        return f"{prefix}: not known (no probe or training seconds logged)."
    line = (
        f"{prefix}: {probe:.1f} s of probes / {train:.1f} s of training = {100 * probe / train:.1f}% ({checks} checks)"
    )
    setup = (log.summary or {}).get("setup_seconds")
    if isinstance(setup, (int, float)):
        line += (
            f"; of that, {setup:.1f} s once at the start (greedy answers, reference pass) and "
            f"{probe - setup:.1f} s of checks = {100 * (probe - setup) / train:.1f}% of training"
        )
    return line + "."


def _warnings_table(log: StageLog) -> str:
    if not log.warnings:
        return "<h3>Warnings</h3><p>no warnings</p>"
    rows = "".join(
        f"<tr><td>{escape(warning.get('step'))}</td><td>{escape(warning.get('rule', ''))}</td>"
        f"<td>{escape(warning.get('message', ''))}</td></tr>"
        for warning in log.warnings
    )
    return (
        f'<h3>Warnings ({len(log.warnings)})</h3><table><thead><tr><th scope="col">Step</th>'
        f'<th scope="col">Rule</th><th scope="col">Message</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _figures(plots: list[DynamicsPlot]) -> str:
    if not plots:
        return '<h3>Figures</h3><p class="muted">No checks logged: nothing to plot.</p>'
    figures = "".join(
        report_kit.figure_html(
            plot.png,
            plot.alt,
            f'{escape(plot.title)} <span class="muted">({escape(FIGURE_DIR)}/{escape(plot.name)}.png)</span>',
        )
        for plot in plots
    )
    return f"<h3>Figures</h3>{figures}"


def _probes_table(log: StageLog) -> str:
    probes = log.setup.get("probes") or []
    if not probes:
        return '<h3>Probes</h3><p class="muted">No probes recorded.</p>'
    rows = "".join(
        f'<tr><th scope="row">{escape(probe.get("id", index))}</th>'
        + "".join(f"<td>{escape(shorten(probe.get(key)))}</td>" for key in ("prompt", "chosen", "rejected", "greedy"))
        + "</tr>"
        for index, probe in enumerate(probes)
    )
    return (
        '<h3>Probes</h3><table><thead><tr><th scope="col">Id</th><th scope="col">Prompt</th>'
        '<th scope="col">Chosen</th><th scope="col">Rejected</th><th scope="col">Greedy answer at step 0</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def shorten(text, limit: int = TEXT_CHARS) -> str:
    """A probe text for the table: '—' for null, cut to `limit` characters with an ellipsis."""
    if text is None:
        return "—"
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
