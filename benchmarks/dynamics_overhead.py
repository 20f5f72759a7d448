"""What learning-dynamics probing costs: each training stage with probing on and off, side by side.

    .venv/bin/python benchmarks/dynamics_overhead.py --from runs/ppo_quickstart          # sft, dpo, ppo
    .venv/bin/python benchmarks/dynamics_overhead.py --from runs/ppo_quickstart --stages sft --steps 8

`--from` is a finished pipeline run directory holding `sft/` (the DPO and PPO start) and `reward/`
(PPO's reward model), e.g. the PPO quickstart's. Each stage runs its section of the shipped
quickstart recipe (`recipes/smollm2-135m/pipeline_dpo.yaml` for sft and dpo, `pipeline_ppo.yaml` for
ppo) in its own subprocess and scratch run directory, `--steps` steps (default: the recipe's),
once with `dynamics.enabled=false` and once at the default interval (`dynamics.every=0`: max(4,
steps / 20)), alternating which goes first per stage. Printed per stage:

- training seconds (the stage's `train_seconds`: the Trainer's or PPO loop's time, probes included)
  off and on, and their ratio: the overhead as the machine saw it;
- the probing run's own accounting (`dynamics.jsonl` summary): seconds of checks / training seconds
  (the cost at the interval), and the one-time start (greedy answers and reference pass).

Not a test: timings depend on the machine and its load; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
RECIPES = {
    "sft": "recipes/smollm2-135m/pipeline_dpo.yaml",
    "dpo": "recipes/smollm2-135m/pipeline_dpo.yaml",
    "ppo": "recipes/smollm2-135m/pipeline_ppo.yaml",
}


def stage_config(stage: str, source: Path, run_dir: Path, steps: int | None) -> Path:
    """The stage's section of its quickstart recipe as a standalone config file in `run_dir`."""
    section = yaml.safe_load((REPO / RECIPES[stage]).read_text())[stage]
    section["run_dir"] = str(run_dir)
    if stage != "sft":
        section.setdefault("model", {})["name_or_path"] = str(source / "sft")
    if stage == "ppo":
        section.setdefault("ppo", {})["reward_model"] = str(source / "reward")
    if steps:
        section["train"]["max_steps"] = steps
    path = run_dir / f"{stage}.yaml"
    path.write_text(yaml.safe_dump(section, sort_keys=False))
    return path


def run_variant(stage: str, source: Path, scratch: Path, steps: int | None, probing: bool) -> dict:
    run_dir = scratch / f"{stage}-{'on' if probing else 'off'}"
    run_dir.mkdir(parents=True)
    config = stage_config(stage, source, run_dir, steps)
    command = [
        str(REPO / ".venv" / "bin" / "alignment"),
        stage,
        "--config",
        str(config),
        f"dynamics.enabled={'true' if probing else 'false'}",
    ]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{stage} ({'on' if probing else 'off'}) failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    manifest = json.loads((run_dir / stage / "manifest.json").read_text())
    figures = {"train_seconds": manifest["metrics"]["train_seconds"], "steps": manifest["metrics"]["steps"]}
    log = run_dir / stage / "dynamics.jsonl"
    if probing:
        records = [json.loads(line) for line in log.read_text().splitlines()]
        figures["summary"] = next(r for r in records if r["kind"] == "summary")
    shutil.rmtree(run_dir / stage / "merged", ignore_errors=True)  # scratch space: keep the logs only
    return figures


def measure(stage: str, source: Path, scratch: Path, steps: int | None, on_first: bool) -> dict:
    order = [True, False] if on_first else [False, True]
    results = {probing: run_variant(stage, source, scratch, steps, probing) for probing in order}
    on, off = results[True], results[False]
    summary = on["summary"]
    return {
        "stage": stage,
        "steps": on["steps"],
        "checks": summary["checks"],
        "train_seconds_off": off["train_seconds"],
        "train_seconds_on": on["train_seconds"],
        "ratio_on_off": round(on["train_seconds"] / off["train_seconds"], 3),
        "check_overhead": summary["check_overhead"],
        "setup_seconds": summary["setup_seconds"],
        "overhead_with_setup": summary["overhead"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--from", dest="source", required=True, help="finished pipeline run dir with sft/ and reward/")
    parser.add_argument("--stages", default="sft,dpo,ppo")
    parser.add_argument("--steps", type=int, default=None, help="steps per stage (default: the recipe's)")
    parser.add_argument("--out", default=None, help="also write the rows as JSON here")
    args = parser.parse_args()
    source = Path(args.source).resolve()
    rows = []
    with tempfile.TemporaryDirectory(prefix="dynamics-bench-") as scratch:
        for index, stage in enumerate(args.stages.split(",")):
            rows.append(measure(stage, source, Path(scratch), args.steps, on_first=index % 2 == 0))
            print(json.dumps(rows[-1]), flush=True)
    print(
        "\n| stage | steps | checks | train s off | train s on | on / off | checks / train | start s "
        "| all probing / train |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['stage']} | {row['steps']} | {row['checks']} | {row['train_seconds_off']} | "
            f"{row['train_seconds_on']} | {row['ratio_on_off']:.3f} | {100 * row['check_overhead']:.1f}% | "
            f"{row['setup_seconds']} | {100 * row['overhead_with_setup']:.1f}% |"
        )
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
