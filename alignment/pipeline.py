"""Chain stages by artifact path, record lineage, skip finished stages, resume interrupted ones.

    run(config: PipelineConfig, callbacks: dict[str, list] | None = None) -> list[dict]

Runs `config.stages` in order (sft -> judge -> reward -> dpo -> ppo -> eval). Each stage gets its own
section of the config, with `run_dir` and (after sft) `model.name_or_path = <run_dir>/sft` (and, for
ppo, `ppo.reward_model = <run_dir>/reward`) filled in by `PipelineConfig`, and writes
`<run_dir>/<stage>/` as it does standalone. The judge stage (`stages/judge.py`) is a second reward
model on the prompts of `judge_split` that no other stage reads, started from the SFT's base model;
the eval stage judges helpfulness with it, and PPO's dynamics score probe samples with it (the gold
reward next to the proxy PPO is trained against). The eval stage
(`alignment.eval.runner.run`) compares the run's models (base, sft, dpo, ppo by default) on the suite
and writes its report to `<run_dir>/eval/`; its inputs are the suite file and the files it names
(by sha256), the upstream stages whose outputs it evaluates or judges with (by manifest hash), and
any other local model by sha256, so it reruns only when one of them changed. After the training
stages (before eval, whose report links it) the pipeline rebuilds the learning-dynamics page
`<run_dir>/dynamics.html` from the stages' `dynamics.jsonl` when any exists
(`alignment.dynamics.report`). The pipeline adds:

- Lineage, `<run_dir>/pipeline.json` (written atomically by rank 0 after every change): per
  stage its inputs (data files and upstream stage manifests, by path + sha256; the model by path,
  with the hash the stage's own manifest records), config hash, outputs, metrics, start / end /
  seconds of the run that made the outputs, and the status of the last invocation
  (ran / resumed / skipped, or running / failed).
- A fingerprint per stage: sha256 over (config hash, data hashes, upstream manifest hashes). A
  stage whose output is complete and whose fingerprint matches the recorded one is skipped
  without loading anything. Since a rerun stage writes a new manifest, everything that reads its
  output gets a new fingerprint too, so a changed config reruns that stage and every stage that
  reads it (its lineage descendants: reward, dpo and ppo read sft; ppo also reads reward, dpo does not).
- Stale outputs are never deleted: a stage dir whose fingerprint changed, or that pipeline.json
  does not know, is renamed to `<stage>.stale-<timestamp>/` and the reason is printed.
- An interrupted stage (recorded fingerprint matches, no manifest yet) is called again and
  resumes from its last complete checkpoint (the stages' own resume logic).

Under `accelerate launch` with several processes every rank runs this loop; rank 0 decides,
moves stale dirs and writes pipeline.json, and the decision is broadcast so all ranks agree.
Ends with a summary table (rank 0): per stage status, seconds, key metrics, output directory.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from pathlib import Path

import yaml

from alignment.config import PipelineConfig, save_config, to_dict
from alignment.core.distributed import is_main_process
from alignment.core.io import write_json_atomically
from alignment.core.provenance import check_outputs_unchanged, config_hash, git_sha, read_manifest, sha256_path
from alignment.data import hub
from alignment.stages.registry import STAGES, TRAINING_STAGES

LINEAGE_FILE = "pipeline.json"

# Metrics shown in the summary table, by key prefix (the full set is in pipeline.json).
KEY_METRICS = {
    "sft": ("eval_loss", "final_loss"),
    "judge": ("eval_accuracy_",),
    "reward": ("eval_accuracy_",),
    "dpo": ("eval_accuracy_", "eval_margin_mean"),
    "kto": ("eval_reward_margin", "final_loss"),
    "orpo": ("eval_accuracy_", "eval_margin_mean"),
    "ppo": ("first_reward", "final_reward", "final_kl"),
    "grpo": ("first_reward", "final_reward", "first_accuracy", "final_accuracy"),
    "eval": ("harmful_refusal", "over_refusal", "helpful_judged", "helpful_verifiable", "preference_accuracy"),
}
"""eval: the headline metric of these tasks for the last model evaluated (the newest checkpoint)."""


def run(config: PipelineConfig, callbacks: dict[str, list] | None = None) -> list[dict]:
    """Run, skip or resume each listed stage; return the pipeline.json records of this invocation."""
    started = time.time()
    run_dir = Path(config.run_dir).expanduser()
    _join_process_group()
    previous = _read_lineage(run_dir)
    lineage = {
        "run_dir": str(config.run_dir),
        "stages": list(config.stages),
        "config_sha256": config_hash(config),
        "git_sha": git_sha(),
        **{key: previous[key] for key in ("records", "moved_aside") if key in previous},
    }
    lineage.setdefault("records", {})
    if "eval" in config.stages:  # a bad suite file fails now, not after hours of training
        from alignment.eval.suite import load_suite

        load_suite(config.eval.suite)
    if is_main_process():
        run_dir.mkdir(parents=True, exist_ok=True)
        save_config(config, run_dir / "pipeline_config.yaml")
    records = []
    for name in config.stages:
        if name == "eval":  # the eval report links the dynamics page, so it exists first
            write_dynamics_report(run_dir)
        stage_config = getattr(config, name)
        inputs = stage_inputs(name, stage_config, run_dir)
        record = _run_one(name, stage_config, inputs, run_dir, lineage, (callbacks or {}).get(name, []))
        records.append(record)
        gc.collect()  # free the finished stage's model before the next one loads its own
    if "eval" not in config.stages:
        write_dynamics_report(run_dir)
    print_summary(records, time.time() - started, run_dir)
    return records


def write_dynamics_report(run_dir: Path) -> None:
    """Rebuild `<run_dir>/dynamics.html` (rank 0) when a training stage logged learning dynamics."""
    from alignment.dynamics.report import log_paths, write_report  # matplotlib: only when there is a log

    if is_main_process() and log_paths(run_dir):
        print(f"[pipeline] learning dynamics: {write_report(run_dir)}", flush=True)


# ---- inputs, fingerprints, decisions ----


def stage_inputs(name: str, stage_config, run_dir: Path) -> dict:
    """What the stage reads: config hash, data files and upstream stage manifests (path + sha256)."""
    if name == "eval":
        return eval_inputs(stage_config, run_dir)
    if name == "sft":
        data_files = [path for source in stage_config.data.all_sources() for path in source.paths()]
    elif name in ("ppo", "grpo"):
        data_files = stage_config.data.paths()
    else:
        data_files = [path for source in stage_config.data.sources for path in source.paths()]
        if name == "dpo" and stage_config.dpo.online.rounds:  # on-policy rounds also read prompts
            data_files = list(stage_config.dpo.online.prompt_files) + data_files
        if name == "kto":  # KTO rows beside the pairs
            data_files += list(stage_config.data.unpaired_files)
    upstream = []
    model_path = stage_config.model.name_or_path
    if Path(model_path).expanduser() == run_dir / "sft":
        upstream.append(_upstream(run_dir, "sft"))
    if name == "ppo" and _within(stage_config.ppo.reward_model, run_dir / "reward"):
        upstream.append(_upstream(run_dir, "reward"))
    if (
        name == "dpo"
        and stage_config.dpo.online.reward_model
        and _within(stage_config.dpo.online.reward_model, run_dir / "reward")
    ):
        upstream.append(_upstream(run_dir, "reward"))  # it ranks the on-policy samples
    if name == "grpo" and _within(stage_config.grpo.reward_model, run_dir / "reward"):
        upstream.append(_upstream(run_dir, "reward"))
    if (
        name in ("ppo", "grpo")
        and stage_config.dynamics.judge
        and _within(stage_config.dynamics.judge, run_dir / "judge")
    ):
        upstream.append(_upstream(run_dir, "judge"))  # the gold reward of its probe samples
    return {
        "config_sha256": config_hash(stage_config),
        "model": {"path": model_path},
        "data": [{"path": path, "sha256": hub.fingerprint(path) if hub.exists(path) else None} for path in data_files],
        "upstream": upstream,
    }


def eval_inputs(config, run_dir: Path) -> dict:
    """The eval stage's inputs: its config (without the progress switch), the suite and its files,
    the manifests of the run's stages it evaluates or judges with, other local models by sha256."""
    from alignment.eval.runner import eval_data_files

    specs = [*config.models.values(), *([config.judge] if config.judge else [])]
    upstream, models = [], {}
    for name in TRAINING_STAGES:
        stage_dir = run_dir / name
        if any(_within(spec, stage_dir) for spec in specs):
            upstream.append(_upstream(run_dir, name))
    for label, spec in config.models.items():
        local = Path(spec).expanduser()
        outside = not any(_within(spec, run_dir / name) for name in TRAINING_STAGES)
        models[label] = {"path": spec, **({"sha256": sha256_path(local)} if outside and local.exists() else {})}
    settings = {key: value for key, value in to_dict(config).items() if key != "progress"}
    return {
        "config_sha256": hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest(),
        "models": models,
        "data": eval_data_files(config.suite),
        "upstream": upstream,
    }


def _upstream(run_dir: Path, stage: str) -> dict:
    """An upstream stage as an input: its manifest by path and sha256 (None before it has run)."""
    manifest = run_dir / stage / "manifest.json"
    return {"stage": stage, "manifest": str(manifest), "sha256": sha256_path(manifest) if manifest.is_file() else None}


def _within(spec: str, stage_dir: Path) -> bool:
    path = Path(spec).expanduser()
    return path == stage_dir or stage_dir in path.parents


def fingerprint(inputs: dict) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def decide(name: str, stage_dir: Path, record: dict | None, expected: str) -> tuple[str, str]:
    """(action, reason); action is skip, resume, run, or stale (move the dir aside, then run)."""
    from alignment.core.checkpoints import latest_complete_checkpoint

    matches = record is not None and record.get("fingerprint") == expected
    complete = (stage_dir / "manifest.json").is_file()
    if matches and complete:
        check_outputs_unchanged(stage_dir, json.loads((stage_dir / "manifest.json").read_text()))
        return "skip", "finished with these inputs and this config"
    if stage_dir.exists() and not matches:
        return "stale", "no record of it in pipeline.json" if record is None else "inputs changed"
    if latest_complete_checkpoint(stage_dir / "checkpoints", clean=False):
        return "resume", "interrupted; resuming from its last checkpoint"
    return "run", "not run yet"


def explain_change(record: dict, inputs: dict, stage_dir: Path, stage_config) -> str:
    """Which of config / data / upstream differ from the recorded run, in words."""
    from alignment.stages.common import changed_keys

    before = record["inputs"]
    parts = []
    if before.get("config_sha256") != inputs["config_sha256"]:
        saved = stage_dir / "config.yaml"
        keys = changed_keys(yaml.safe_load(saved.read_text()) or {}, to_dict(stage_config)) if saved.is_file() else []
        parts.append("config changed" + (f" ({', '.join(keys)})" if keys else ""))
    old_data = {item["path"]: item["sha256"] for item in before.get("data", [])}
    changed = [item["path"] for item in inputs["data"] if old_data.get(item["path"]) != item["sha256"]]
    if changed or len(old_data) != len(inputs["data"]):
        parts.append(f"data changed ({', '.join(changed) or 'file list'})")
    old_upstream = {item["stage"]: item["sha256"] for item in before.get("upstream", [])}
    if before.get("models") != inputs.get("models"):  # the eval stage's models
        parts.append("models changed")
    rerun = [item["stage"] for item in inputs["upstream"] if old_upstream.get(item["stage"]) != item["sha256"]]
    if rerun:
        parts.append(f"upstream {', '.join(rerun)} has new outputs")
    return "; ".join(parts) or "inputs changed"


# ---- one stage ----


def _run_one(name: str, stage_config, inputs: dict, run_dir: Path, lineage: dict, callbacks: list) -> dict:
    stage_dir = run_dir / name
    checked = time.time()
    expected = fingerprint(inputs)
    action, reason = "", ""
    if is_main_process():
        record = lineage["records"].get(name)
        action, reason = decide(name, stage_dir, record, expected)
        if action == "stale":
            if record is not None:
                reason = explain_change(record, inputs, stage_dir, stage_config)
            moved = stage_dir.with_name(f"{name}.stale-{time.strftime('%Y%m%d-%H%M%S')}")
            stage_dir.rename(moved)
            lineage.setdefault("moved_aside", []).append(
                {"stage": name, "to": str(moved), "reason": reason, "at": _now()}
            )
            print(f"[pipeline] {name}: {reason}; moved the old output aside to {moved} (kept, not deleted)")
        else:
            print(f"[pipeline] {name}: {action} ({reason})", flush=True)
    action, reason = _agree((action, reason))

    if action == "skip":
        record = lineage["records"].get(name, {}) if is_main_process() else {}
        record = {
            **record,
            "status": "skipped",
            "invocation_seconds": round(time.time() - checked, 2),
            "checked_at": _now(),
        }
        return _save_record(lineage, run_dir, name, record)

    started = time.time()
    record = {
        "stage": name,
        "status": "running",
        "fingerprint": expected,
        "inputs": inputs,
        "started_at": _now(started),
    }
    _save_record(lineage, run_dir, name, record)
    try:  # the registry imports the stage's module (torch + trl) only now, for a stage that runs
        result = STAGES[name].run(stage_config, callbacks=list(callbacks))
    except BaseException as error:  # record the failure, then let it propagate unchanged
        _save_record(
            lineage,
            run_dir,
            name,
            {**record, "status": "failed", "error": f"{type(error).__name__}: {error}", "ended_at": _now()},
        )
        raise
    status = "skipped" if result.skipped else ("resumed" if action == "resume" else "ran")
    return _save_record(lineage, run_dir, name, _finished_record(record, status, stage_dir, started))


def _finished_record(record: dict, status: str, stage_dir: Path, started: float) -> dict:
    manifest = read_manifest(stage_dir) or {}
    ended = time.time()
    inputs = dict(record["inputs"])
    if "model" in inputs:  # the training stages: the hash their own manifest records
        inputs["model"] = manifest.get("inputs", {}).get("model", inputs["model"])
    return {
        **record,
        "status": status,
        "inputs": inputs,
        "config_sha256": manifest.get("config_sha256"),
        "outputs": {
            "dir": str(stage_dir),
            "files": manifest.get("outputs", []),
            "manifest": {"path": str(stage_dir / "manifest.json"), "sha256": sha256_path(stage_dir / "manifest.json")},
        },
        "metrics": manifest.get("metrics", {}),
        "ended_at": _now(ended),
        "seconds": round(ended - started, 1),
        "invocation_seconds": round(ended - started, 1),
    }


# ---- lineage file and process agreement ----


def _read_lineage(run_dir: Path) -> dict:
    path = run_dir / LINEAGE_FILE
    return json.loads(path.read_text()) if path.is_file() else {}


def _save_record(lineage: dict, run_dir: Path, name: str, record: dict) -> dict:
    if is_main_process():
        lineage["records"][name] = record
        lineage["updated_at"] = _now()
        write_json_atomically(run_dir / LINEAGE_FILE, lineage)
    return record


def _join_process_group() -> None:
    """Under a multi-process launch, start the process group the stages' Trainers would start
    (same arguments as TrainingArguments uses), so the pipeline's own decisions can be broadcast
    before any stage runs. A no-op for one process."""
    if int(os.environ.get("WORLD_SIZE", "1")) <= 1:
        return
    import torch
    from accelerate import PartialState

    PartialState(cpu=not torch.cuda.is_available())


def _agree(value):
    """Rank 0's value on every rank (identity for one process)."""
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()) or dist.get_world_size() == 1:
        return value
    box = [value]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def _now(at: float | None = None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(at))


# ---- summary ----


def key_metrics(name: str, metrics: dict) -> str:
    if name == "eval":
        return _eval_key_metrics(metrics)
    prefixes = KEY_METRICS.get(name, ())
    shown = [
        (key, value)
        for prefix in prefixes
        for key, value in metrics.items()
        if key.startswith(prefix) and isinstance(value, (int, float))
    ]
    return ", ".join(f"{_label(key)} {round(value, 4)}" for key, value in shown) or "-"


def _eval_key_metrics(metrics: dict) -> str:
    """`dpo: harmful refusal 0.95, over refusal 0.1, ...` (the last model: the newest checkpoint)."""
    primary, labels = metrics.get("primary", {}), metrics.get("models", [])
    if not labels:
        return "-"
    label = labels[-1]
    shown = [
        (task, primary[task].get(label))
        for prefix in KEY_METRICS["eval"]
        for task in primary
        if task.startswith(prefix) and isinstance(primary[task].get(label), (int, float))
    ]
    return (
        f"{label}: " + ", ".join(f"{task.replace('_', ' ')} {round(value, 3)}" for task, value in shown)
        if shown
        else "-"
    )


def _label(key: str) -> str:
    """`eval_accuracy_harmless` -> `acc harmless`, `eval_margin_mean` -> `margin` (held-out figures)."""
    return key.replace("eval_accuracy_", "acc ").replace("eval_margin_mean", "margin").replace("_", " ")


def summary_table(records: list[dict], total_seconds: float) -> str:
    rows = [("stage", "status", "time", "key metrics", "output")]
    for record in records:
        rows.append(
            (
                record["stage"],
                record["status"],
                _minutes(record.get("invocation_seconds", 0.0)),
                key_metrics(record["stage"], record.get("metrics", {})),
                record.get("outputs", {}).get("dir", "-"),
            )
        )
    rows.append(("total", "", _minutes(total_seconds), "", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def print_summary(records: list[dict], total_seconds: float, run_dir: Path) -> None:
    if not is_main_process():
        return
    print(
        f"\n[pipeline] done; lineage in {run_dir / LINEAGE_FILE}\n{summary_table(records, total_seconds)}", flush=True
    )
    for line in next_steps(run_dir):
        print(line, flush=True)


def next_steps(run_dir: Path) -> list[str]:
    """Where to look after a run: the eval report, and a checkpoint to chat with."""
    lines = []
    report = run_dir / "eval" / "report.html"
    if report.is_file():
        lines += [
            "",
            f"Eval report (held-out prompts): {report}",
            f"  also {report.with_suffix('.md')} (for pull requests) and {report.parent / 'results.json'} "
            "(every answer, verdict and score)",
        ]
    dynamics = run_dir / "dynamics.html"
    if dynamics.is_file():
        lines.append(f"Learning dynamics (probes, LoRA norms, attention entropy, warnings): {dynamics}")
    policy = next(
        (run_dir / name for name in ("grpo", "ppo", "dpo", "sft") if (run_dir / name / "manifest.json").is_file()), None
    )
    if policy is not None:
        lines.append(f"Chat with a checkpoint: alignment generate --model {policy}")
    return lines


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}m{rest:04.1f}s"
