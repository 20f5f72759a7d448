"""The Python API: what the `alignment` command and the recipes do, callable from a script or a notebook.

    from alignment import load_config, run_stage, run_pipeline, evaluate

    config = load_config("sft", "recipes/smollm2-135m/sft_lora.yaml", ["train.max_steps=4", "run_dir=runs/api"])
    result = run_stage("sft", config)                  # StageResult: output_dir, metrics, skipped
    steps = run_pipeline("recipes/smollm2-135m/pipeline_dpo.yaml", ["run_dir=runs/api-pipeline"])
    results = evaluate({"sft": "runs/api/sft"}, suite="evals/quickstart.yaml", out="reports/api")

Each call checks its config exactly as the command line does (an unknown key names the nearest valid
one) and raises `AlignmentError` (a `ConfigError`, `DataError`, ...) where the command would print one
line and exit 2. Stages resume and skip as they do from the command line. The imports of torch and
transformers happen inside the calls, so `import alignment` stays quick. See docs/api.md.
"""

from __future__ import annotations

from pathlib import Path

from alignment.config import load_config as load_config_file
from alignment.core.errors import ConfigError
from alignment.stages.registry import PIPELINE, STAGES


def load_config(stage: str, path: str | Path | None = None, overrides: list[str] | tuple = ()):
    """The typed config of `stage` (a stage name, or "pipeline") from a YAML file and dotted overrides;
    the defaults alone when `path` is None."""
    entry = _entry(stage)
    return load_config_file(entry.config, path, [*overrides, *entry.overrides])


def run_stage(stage: str, config=None, overrides: list[str] | tuple = (), callbacks: list | None = None):
    """Run one stage: `config` is a config from `load_config`, a YAML path, or None for the defaults
    (then `overrides` apply). Returns its `StageResult` (`output_dir`, `metrics`, `skipped`)."""
    entry = _entry(stage)
    if entry is PIPELINE:
        raise ConfigError("run_stage runs one stage; use run_pipeline for a pipeline")
    if config is None or isinstance(config, (str, Path)):
        config = load_config(stage, config, overrides)
    elif overrides:
        raise ConfigError("run_stage: overrides apply to a YAML path or the defaults, not to a loaded config")
    if not isinstance(config, entry.config):
        raise ConfigError(f"run_stage('{stage}'): expected a {entry.config.__name__}, got {type(config).__name__}")
    return entry.run(config, callbacks=callbacks)


def run_pipeline(config=None, overrides: list[str] | tuple = ()) -> list[dict]:
    """Run a pipeline (a `PipelineConfig`, or a YAML path and overrides); returns one record per stage
    (name, status, time, metrics, output), as the pipeline's closing table shows them."""
    if config is None or isinstance(config, (str, Path)):
        config = load_config("pipeline", config, overrides)
    from alignment import pipeline

    return pipeline.run(config)


def evaluate(
    models: dict[str, str],
    suite: str | Path = "evals/default.yaml",
    out: str | Path = "reports/eval",
    judge: str | None = None,
    baseline: str | None = None,
    dtype: str = "auto",
    progress: bool = True,
    report_to: list[str] | tuple = (),
) -> dict:
    """Evaluate `models` (label -> embedded name, model, stage or adapter directory) on an eval suite,
    writing results.json and the HTML and Markdown reports to `out`; returns what results.json holds."""
    from alignment.config.ranges import check_trackers
    from alignment.eval.runner import run_eval

    check_trackers(list(report_to), "report_to")
    return run_eval(
        dict(models), suite, out, judge=judge, baseline=baseline, dtype=dtype, progress=progress, report_to=report_to
    )


def _entry(stage: str):
    if stage == "pipeline":
        return PIPELINE
    if stage not in STAGES:
        raise ConfigError(f"unknown stage '{stage}'; expected one of {', '.join(STAGES)} or pipeline")
    return STAGES[stage]
