"""Run an eval suite over several models and write the comparison report.

    run_eval({"base": "smollm2-135m-instruct", "sft": "runs/x/sft", "dpo": "runs/x/dpo"},
             "evals/default.yaml", "reports/x", judge="runs/x/reward") -> results dict

Order of work, so that bad input costs nothing:
1. Check everything before generating a token: model labels, the suite (task names, fields), every
   prompt file (readable, not empty), every model (exists, loads a tokenizer with a chat template:
   `ModelPool` resolves them all up front), the baseline label, and the judge when helpful_judged
   is asked for. Any problem is one AlignmentError line (exit 2 from the CLI) and nothing is written.
2. Generate once per (policy model, prompt set, max_new_tokens), through the on-disk cache of
   alignment/eval/generate.py: a rerun, or a rerun with one more model, generates only what is new.
3. Score each task (alignment/eval/tasks/), assemble results.json (the schema alignment/eval/report.py
   validates), and write it with report.html / report.md through `report.write_report`, which puts
   the three files in place together: an interrupted run leaves no partial report.
4. Print a summary: first each model's paired difference from the baseline (refusal, over-refusal,
   accuracy, win rate - 50%, judge score; 95% CI, "no significant difference" where it includes 0),
   then each task's headline metric per model, with its 95% CI.

`run(config: EvalConfig)` is the same as a pipeline stage: it also writes config.yaml and, last,
manifest.json (inputs by path + sha256, headline metrics), so the pipeline can tell a finished eval
from an interrupted one. Under a multi-process launch only rank 0 evaluates (the others return at
once and wait at the launcher's final barrier): generation is not sharded across processes.
"""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

from alignment.config import save_config
from alignment.config.eval import EvalConfig, SuiteConfig
from alignment.core.errors import AlignmentError, ConfigError
from alignment.core.provenance import StageResult, git_sha, package_versions, sha256_path, write_manifest
from alignment.core.run_lock import run_lock
from alignment.eval import independence, judges
from alignment.eval import suite as suites
from alignment.eval.comparisons import add_comparisons
from alignment.eval.refusal_judges import RulesRefusalJudge, build_refusal_judge
from alignment.eval.report_figures import summary_text

SCHEMA = 1
REPORT_FILES = ["results.json", "report.html", "report.md"]
REFUSAL_TASKS = ("harmful_refusal", "over_refusal")  # scored by the suite's refusal judge (refusal_judges.py)
CLASSIFYING_TASKS = (*REFUSAL_TASKS, "helpful_judged")  # helpful_judged reports needless refusals too
LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def run_eval(
    models: dict[str, str],
    suite_path: str | Path,
    out_dir: str | Path,
    judge: str | None = None,
    baseline: str | None = None,
    dtype: str = "auto",
    progress: bool = True,
    cache_dir: str | Path | None = "default",
    report_to: list[str] | tuple = (),
) -> dict:
    """Evaluate `models` (label -> spec) on the suite; write results.json + reports to `out_dir`,
    holding its lock (`core/run_lock.py`): a second eval into the same directory is refused."""
    with run_lock(out_dir):
        return _run_eval(models, suite_path, out_dir, judge, baseline, dtype, progress, cache_dir, report_to)


def _run_eval(models, suite_path, out_dir, judge, baseline, dtype, progress, cache_dir, report_to) -> dict:
    from alignment.eval import report
    from alignment.eval.tasks import TASKS

    started = time.time()
    check_labels(models)
    report.check_out_dir(out_dir)
    suite = suites.load_suite(suite_path)
    prompts = {suites.task_id(task): suites.task_items(task) for task in suite.tasks if TASKS[task.name].generates}
    from alignment.eval.loading import ModelPool  # torch, transformers, peft: only once the suite is sound

    pool = ModelPool(models, dtype=dtype)
    try:
        policies = [label for label in models if pool.kind(label) == "policy"]
        if prompts and not policies:
            raise AlignmentError(
                f"{suite_path}: tasks {', '.join(prompts)} ask models prompts, but every model given is a reward model"
            )
        base = pick_baseline(baseline, suite.baseline, policies)
        if not any(TASKS[task.name].baseline for task in suite.tasks):
            base = None  # nothing is relative to it, and a report with none merges with any other
        judges = build_judges(suite, judge, suite_path, cache_dir)
        refusal = build_refusal(suite, suite_path)  # a bad classifier fails before any generation
        for task in suite.tasks:
            if not TASKS[task.name].generates:
                TASKS[task.name].check(pool, task)
        answers = generate_answers(pool, suite, prompts, policies, cache_dir, progress)
        tasks = {}
        for task in suite.tasks:
            tasks[suites.task_id(task)] = score_task(task, suite, pool, prompts, answers, base, judges, refusal)
    finally:
        pool.close()
    results = assemble(suite, suite_path, pool, models, base, judges, tasks, refusal)
    report.write_report(results, out_dir)  # the three files appear together or not at all
    print(summary_table(results), flush=True)
    print(f"[eval] report: {Path(out_dir) / 'report.html'} ({time.time() - started:.0f} s)", flush=True)
    if report_to:
        send_to_trackers(results, list(report_to), Path(out_dir).expanduser())
    return results


def send_to_trackers(results: dict, report_to: list[str], out_dir: Path) -> None:
    """Every task's figures per model (`<task>/<metric>/<label>`) to the trackers, as one step (0)."""
    from alignment.core.tracking import Trackers

    figures = {
        f"{key}/{metric}/{label}": entry.get("value")
        for key, task in results["tasks"].items()
        for label, score in task["scores"].items()
        for metric, entry in score.items()
        if isinstance(entry, dict)
    }
    trackers = Trackers(report_to, "eval", out_dir.parent, out_dir, {"suite": results.get("suite", {}).get("name", "")})
    try:
        trackers.log(figures, 0)
    finally:
        trackers.close()


# ---- checks before any generation ----


def check_labels(models: dict[str, str]) -> None:
    if not models:
        raise ConfigError("no models to evaluate; pass --model LABEL=PATH (once per model)")
    for label, spec in models.items():
        if not LABEL.match(label):
            raise ConfigError(f"model label '{label}': use letters, digits, '_', '.' or '-' (e.g. --model sft={spec})")
        if not spec:
            raise ConfigError(f"model '{label}': no path given (expected --model {label}=PATH)")


def pick_baseline(explicit: str | None, from_suite: str, policies: list[str]) -> str | None:
    """--baseline must name a policy model; the suite's baseline is used when it names one; else the first."""
    if explicit:
        if explicit not in policies:
            raise ConfigError(f"--baseline {explicit}: not one of the models that generate ({', '.join(policies)})")
        return explicit
    if from_suite in policies:
        return from_suite
    return policies[0] if policies else None


def build_judges(suite: SuiteConfig, judge_path: str | None, suite_path, cache_dir="default") -> dict:
    """task id -> Judge for the tasks that need one (helpful_judged), loaded now so a bad judge fails
    early. `judge_path` (--judge) replaces the suite's judge with that reward model. Its scores are
    kept in `judge_scores/` of the shared cache, or of `cache_dir` when one is given (None: not kept)."""
    from alignment.eval.tasks import TASKS

    needing = [suites.task_id(task) for task in suite.tasks if TASKS[task.name].needs_judge]
    if not needing:
        return {}
    config = suite.judge
    if config.type == "http" and not judge_path:  # --judge PATH always means a reward model
        if not config.base_url or not config.model:
            raise ConfigError(f"{suite_path}: judge.type http needs judge.base_url and judge.model")
        if config.timeout <= 0 or config.retries < 0:
            raise ConfigError(f"{suite_path}: judge.timeout must be > 0 and judge.retries >= 0")
        judge = judges.HTTPJudge(
            config.base_url,
            config.model,
            api_key_env=config.api_key_env,
            timeout=config.timeout,
            retries=config.retries,
        )
    else:
        path = judge_path or config.path
        if not path:
            raise ConfigError(
                f"{', '.join(needing)} needs a judge: pass --judge PATH (a reward model the evaluated "
                f"models were not trained with) or set judge.path in {suite_path}"
            )
        if not Path(path).expanduser().exists():
            raise ConfigError(f"judge {path}: no such directory")
        judge = judges.RewardModelJudge(path, batch_size=suite.generation.batch_size)
    if cache_dir is not None:
        from alignment.models.loading import cache_dir as shared_cache

        kept = shared_cache() if cache_dir == "default" else Path(cache_dir)
        judge = judges.CachedJudge(judge, kept / "judge_scores")
    return dict.fromkeys(needing, judge)


# ---- generation ----


def generate_answers(pool, suite: SuiteConfig, prompts: dict, policies: list[str], cache_dir, progress: bool) -> dict:
    """task id -> label -> one Generation per item. Tasks sharing a prompt set and a reply length
    share one generation call (and one cache entry)."""
    from alignment.eval.generate import GenerationSettings, generate

    shared = suite.generation
    answers, done = {}, {}
    for task in suite.tasks:
        key = suites.task_id(task)
        if key not in prompts:
            continue
        settings = GenerationSettings(
            max_new_tokens=suites.max_new_tokens(suite, task),
            temperature=shared.temperature,
            top_p=shared.top_p,
            seed=shared.seed,
            batch_size=shared.batch_size,
        )
        group = (_prompt_set_key(task), settings.max_new_tokens)
        if group not in done:
            done[group] = {}
            for label in policies:
                started = time.time()
                print(
                    f"[eval] {label}: {len(prompts[key])} prompts of {task.prompt_file} "
                    f"(max_new_tokens={settings.max_new_tokens})",
                    flush=True,
                )
                done[group][label] = generate(
                    pool, label, prompts[key], settings, cache_dir=cache_dir, progress=progress
                )
                print(f"[eval] {label}: done in {time.time() - started:.1f} s", flush=True)
        answers[key] = done[group]
    return answers


def _prompt_set_key(task) -> str:
    return repr(
        (
            task.prompt_file,
            task.format,
            sorted(task.columns.items()),
            task.turns,
            sorted(task.where.items()),
            task.limit,
        )
    )


# ---- scoring and assembly ----


def score_task(
    task, suite: SuiteConfig, pool, prompts: dict, answers: dict, baseline: str | None, judges: dict, refusal=None
) -> dict:
    from alignment.eval.tasks import TASKS
    from alignment.eval.tasks.common import Answers

    spec, key = TASKS[task.name], suites.task_id(task)
    if spec.generates:
        section = spec.score(
            Answers(prompts[key], answers[key], baseline, judges.get(key), suite.generation.seed, refusal)
        )
        source = {
            "prompt_file": {"path": task.prompt_file, "sha256": sha256_path(task.prompt_file)},
            "generation": {"max_new_tokens": suites.max_new_tokens(suite, task)},
        }
        if task.where:
            source["where"] = dict(task.where)
        if task.limit:
            source["limit"] = task.limit
    else:
        print(f"[eval] {key}: scoring preference pairs", flush=True)
        section = spec.score_pairs(pool, task, suite.generation.batch_size, suite.generation.seed)
        source = {"preference_files": [{"path": path, "sha256": sha256_path(path)} for path in task.preference_files]}
    scored = {
        "title": spec.title,
        "task": task.name,
        "version": spec.version,
        **source,
        "primary": spec.primary,
        "metrics": spec.metrics,
        **section,
    }
    return add_comparisons(scored, baseline, suite.generation.seed)  # paired differences vs the baseline


def assemble(
    suite: SuiteConfig, suite_path, pool, models: dict, baseline: str | None, judges: dict, tasks: dict, refusal=None
) -> dict:
    results = {
        "schema": SCHEMA,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "git_sha": git_sha(),
        "package_versions": package_versions(),
        "suite": {
            "path": str(suite_path),
            "sha256": sha256_path(suite_path),
            "name": suite.name,
            "description": suite.description,
        },
        "generation": dataclasses.asdict(suite.generation),
        "baseline": baseline,
        "models": [{**pool.identity(label), "kind": pool.kind(label)} for label in models],
        "judges": {
            key: {
                **judge.identity(),
                "note": suite.judge.note,  # independence: from the stage manifests
                "independence": independence.marks(judge.identity(), models),
            }
            for key, judge in judges.items()
        },
        "tasks": tasks,
    }
    if any(task["task"] in CLASSIFYING_TASKS for task in tasks.values()):
        results["refusal_classifier"] = refusal_classifier(refusal)
    return results


def build_refusal(suite: SuiteConfig, suite_path):
    """The suite's refusal judge (`refusal:`), loaded now when a task classifies refusals, else None."""
    if not any(task.name in CLASSIFYING_TASKS for task in suite.tasks):
        return None
    return build_refusal_judge(suite.refusal, where=f"{suite_path}: refusal")


def refusal_classifier(judge=None) -> dict:
    """results.json `refusal_classifier`: the judge's identity (backend, version, held-out agreement)."""
    return (judge or RulesRefusalJudge()).identity()


# ---- output ----


def summary_table(results: dict) -> str:
    """The paired differences from the baseline first (value [95% CI] and "no significant
    difference" where the CI includes 0), then task / metric rows, one column per model; figures
    on fewer than 20 items marked † with a footnote (alignment/eval/report_figures.py)."""
    return summary_text(results)


# ---- the pipeline stage / recipe ----


def run(config: EvalConfig, callbacks: list | None = None):
    """`run_eval` from an EvalConfig, then manifest.json (written last: its presence means complete)."""
    from alignment.core.distributed import is_main_process

    out = Path(config.out).expanduser()
    if not is_main_process():  # under a multi-process launch one process evaluates
        return StageResult("eval", out)
    started = time.time()
    (out / "manifest.json").unlink(missing_ok=True)  # an older run's manifest must not vouch for this one
    results = run_eval(
        config.models,
        config.suite,
        out,
        judge=config.judge or None,
        baseline=config.baseline or None,
        dtype=config.dtype,
        progress=config.progress,
        report_to=config.report_to,
    )
    metrics = headline_metrics(results)
    metrics["eval_seconds"] = round(time.time() - started, 1)
    inputs = {"models": {model["label"]: model for model in results["models"]}, "data": eval_data_files(config.suite)}
    save_config(config, out / "config.yaml")
    write_manifest(out, "eval", config, inputs, REPORT_FILES, metrics)
    return StageResult("eval", out, metrics, seconds=time.time() - started)


def headline_metrics(results: dict) -> dict:
    """{"primary": {task: {label: value}}} for the manifest and the pipeline's summary table."""
    return {
        "primary": {
            key: {label: score.get(task["primary"], {}).get("value") for label, score in task["scores"].items()}
            for key, task in results["tasks"].items()
        },
        "models": [model["label"] for model in results["models"]],
    }


def eval_data_files(suite_path: str) -> list[dict]:
    """The suite file and every file it names, by path + sha256 (what the eval stage reads)."""
    suite = suites.load_suite(suite_path)
    paths = [suite_path] + [
        path
        for task in suite.tasks
        for path in ([task.prompt_file] if task.prompt_file else []) + task.preference_files
    ]
    return [{"path": str(path), "sha256": sha256_path(path) if Path(path).exists() else None} for path in paths]
