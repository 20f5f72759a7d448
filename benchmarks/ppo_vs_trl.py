"""Our PPO stage against TRL 1.12's experimental PPOTrainer (LoRA): seconds per PPO iteration and peak RSS.

    .venv/bin/python benchmarks/ppo_vs_trl.py --out ppo-bench.json       # SmolLM2-135M, 4 iterations x 8 rollouts
    .venv/bin/python benchmarks/ppo_vs_trl.py --variants trl,ours --iterations 2 --rollouts 4 --minibatch 2 \
        --response-length 16 --reward-dir /tmp/ppo-bench-x/reward-run/reward   # smoke run, reusing a reward model

PPOTrainer left TRL after 1.12 and TRL 1.12 is no dependency of this project, so the TRL side runs
in a virtual environment of its own, built here on first use (`benchmarks/.venv-trl112/`, pinned
below; torch picked as scripts/install.sh picks it: without a GPU the CPU wheel, from this machine's
local wheels or the PyTorch CPU index), by `benchmarks/ppo_trl_runner.py`.
Our side is `recipes/ppo.py` in the project venv. Shared, made once per run: the model (SmolLM2-
135M-Instruct converted to a local HF directory), a reward model (our reward stage, 1 step on the
shipped pairs, merged: its stage dir feeds ours, its `merged/` sequence-classification model feeds
TRL as reward and as the value model's start) and the prompts (the first iterations x rollouts of
the shipped helpful + harmless prompt sets, interleaved). Same iterations, prompts per iteration,
mini-batch, PPO epochs, max new tokens, temperature 1.0, learning rate, seed, fp32, no gradient
checkpointing, LoRA r 16 / alpha 32 / no dropout. Variants:

    trl          PPOTrainer, LoRA on every linear layer; reference = policy with the adapter disabled;
                 value model = a full copy of the reward model, trained in full (TRL's setup)
    trl_last4    the same with LoRA on the last 4 layers only (layers_to_transform)
    ours         our stage, LoRA on every linear layer (adapter.last_layers=0)
    ours_last4   our stage, LoRA on the last 4 layers (adapter.last_layers=4)

Every variant is its own subprocess; its peak RSS is that process's ru_maxrss (os.wait4).
Printed: median seconds per PPO iteration after the first (the first pays warm-up), the first
iteration, process wall time, peak RSS, and ratios against the like-for-like TRL variant.
Not a test: timings depend on the machine; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRL_VENV = REPO / "benchmarks" / ".venv-trl112"
# trl 1.12.0 with the releases that were current when it came out (2026-08-26).
TRL_PINS = ["trl==1.12.0", "transformers==5.16.1", "peft==0.20.0", "accelerate==1.14.0", "datasets==5.0.1"]
TORCH_VERSION = "2.13.0"
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
VARIANTS = ["trl", "trl_last4", "ours", "ours_last4"]
BASELINE = {"trl": "trl", "trl_last4": "trl_last4", "ours": "trl", "ours_last4": "trl_last4"}
OURS_CONFIG = "recipes/smollm2-135m/ppo_lora.yaml"
LAST = 4  # layers adapted by the *_last4 variants
LORA = {"r": 16, "alpha": 32, "dropout": 0.0}


def ensure_trl_venv(venv: Path = TRL_VENV) -> Path:
    """The side venv's python; builds the venv once (a stamp records what was installed)."""
    python, stamp = venv / "bin" / "python", venv / ".trl-bench-install"
    want = " ".join([f"torch=={TORCH_VERSION}", *TRL_PINS])
    if stamp.is_file() and stamp.read_text().strip() == want:
        return python
    started = time.time()
    print(f"[trl venv] installing {want} into {venv}", flush=True)
    if not python.exists() or subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode:
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    has_torch = [python, "-c", f"import torch, sys; sys.exit(torch.__version__.split('+')[0] != '{TORCH_VERSION}')"]
    if subprocess.run(has_torch, capture_output=True).returncode != 0:
        # As scripts/install.sh: a bare `pip install torch` is PyPI's multi-GB CUDA build.
        if shutil.which("nvidia-smi") and subprocess.run(["nvidia-smi", "-L"], capture_output=True).returncode == 0:
            subprocess.run(pip + [f"torch=={TORCH_VERSION}"], check=True)
        elif (
            subprocess.run(pip + ["--no-index", "--no-deps", f"torch=={TORCH_VERSION}"], capture_output=True).returncode
            != 0
        ):  # this machine's local CPU wheel, else the index
            subprocess.run(pip + ["--no-deps", f"torch=={TORCH_VERSION}", "--index-url", TORCH_CPU_INDEX], check=True)
    subprocess.run(pip + TRL_PINS, check=True)  # also pulls torch's own dependencies
    subprocess.run([python, "-c", "import torch, trl.experimental.ppo"], check=True)
    stamp.write_text(want + "\n")
    print(f"[trl venv] ready in {time.time() - started:.0f} s", flush=True)
    return python


def write_prompts(count: int, out: Path) -> Path:
    """The first `count` shipped prompts, helpful and harmless interleaved, as {"prompt": [...]} rows."""
    sets = [
        (REPO / "preference_data" / "prompts" / f"{name}.jsonl").read_text().splitlines()
        for name in ("helpful", "harmless")
    ]
    rows = [json.loads(line)["prompt"] for pair in zip(*sets) for line in pair if line.strip()][:count]
    if len(rows) < count:
        sys.exit(f"only {len(rows)} shipped prompts, {count} asked for")
    out.write_text("".join(json.dumps({"prompt": prompt}) + "\n" for prompt in rows))
    return out


def run_child(command: list, log: Path, env: dict) -> tuple[int, float, float]:
    """Exit code, peak RSS in MB of that process (and its waited-for children) and wall seconds.

    os.wait4 gives the rusage of this one child; RUSAGE_CHILDREN would be the largest of every
    child so far (the reward run, earlier variants), not this variant's."""
    started = time.time()
    with log.open("w") as sink:
        process = subprocess.Popen(
            [str(part) for part in command], cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return process.returncode, usage.ru_maxrss / 1024, time.time() - started  # Linux: kilobytes


def train_reward(model_dir: str, run_dir: Path, work: Path, env: dict) -> None:
    """Our reward stage for one step on the shipped pairs: a real stage dir with a merged model."""
    command = [
        sys.executable,
        "recipes/reward.py",
        "--config",
        "recipes/smollm2-135m/reward_lora.yaml",
        f"run_dir={run_dir}",
        f"model.name_or_path={model_dir}",
        "model.dtype=float32",
        "train.max_steps=1",
        "train.logging_steps=1",
        "train.save_steps=1",
        "merge=true",
        "data.test_fraction=0.02",
        f"adapter.last_layers={LAST}",
    ]
    print("[setup] reward model: our reward stage, 1 step", flush=True)
    code, _, seconds = run_child(command, work / "reward.log", env)
    if code != 0:
        sys.exit(f"reward stage failed; see {work / 'reward.log'}")
    print(f"[setup] reward model ready in {seconds:.0f} s: {run_dir / 'reward'}", flush=True)


def run_trl(args, variant: str, paths: dict, env: dict) -> dict:
    spec = {
        "model_dir": paths["model"],
        "reward_dir": str(paths["reward"] / "merged"),
        "prompts": str(paths["prompts"]),
        "rollouts": args.rollouts,
        "minibatch": args.minibatch,
        "epochs": args.epochs,
        "response_length": args.response_length,
        "iterations": args.iterations,
        "lr": args.lr,
        "temperature": 1.0,
        "missing_eos_penalty": 1.0,
        "seed": args.seed,
        "output_dir": str(paths["work"] / variant),
        "lora": {**LORA, "last_layers": LAST if variant == "trl_last4" else 0},
    }
    spec_file, result_file = paths["work"] / f"{variant}.spec.json", paths["work"] / f"{variant}.result.json"
    spec_file.write_text(json.dumps(spec, indent=1))
    shutil.rmtree(spec["output_dir"], ignore_errors=True)
    command = [paths["trl_python"], REPO / "benchmarks" / "ppo_trl_runner.py", spec_file, result_file]
    code, peak_mb, seconds = run_child(command, paths["work"] / f"{variant}.log", env)
    if code != 0 or not result_file.is_file():
        return {"error": f"exit {code}; see {paths['work'] / f'{variant}.log'}"}
    figures = json.loads(result_file.read_text())
    return {**figures, "peak_rss_mb": peak_mb, "runner_rss_mb": figures["peak_rss_mb"], "process_seconds": seconds}


def ours_command(args, variant: str, paths: dict) -> list:
    config = ["--config", args.ours_config] if args.ours_config else []
    return [
        sys.executable,
        "recipes/ppo.py",
        *config,
        f"run_dir={paths['work'] / variant}",
        f"model.name_or_path={paths['model']}",
        "model.dtype=float32",
        f"adapter.r={LORA['r']}",
        f"adapter.alpha={LORA['alpha']}",
        f"adapter.dropout={LORA['dropout']}",
        f"adapter.last_layers={LAST if variant == 'ours_last4' else 0}",
        f"data.files=[{paths['prompts']}]",
        f"train.max_steps={args.iterations}",
        f"train.batch_size={args.minibatch}",
        "train.grad_accum=1",
        f"train.lr={args.lr}",
        "train.lr_scheduler=constant",
        "train.warmup_ratio=0.0",
        f"train.seed={args.seed}",
        "train.gradient_checkpointing=false",
        f"ppo.rollout_batch_size={args.rollouts}",
        f"ppo.ppo_epochs={args.epochs}",
        f"ppo.max_new_tokens={args.response_length}",
        "ppo.temperature=1.0",
        "ppo.missing_eos_penalty=1.0",
        f"ppo.reward_model={paths['reward']}",
        "merge=false",
    ]


def run_ours(args, variant: str, paths: dict, env: dict) -> dict:
    shutil.rmtree(paths["work"] / variant, ignore_errors=True)  # a finished stage dir would be skipped, not rerun
    code, peak_mb, seconds = run_child(ours_command(args, variant, paths), paths["work"] / f"{variant}.log", env)
    metrics = paths["work"] / variant / "ppo" / "metrics.jsonl"
    if code != 0 or not metrics.is_file():
        return {"error": f"exit {code}; see {paths['work'] / f'{variant}.log'}"}
    rows = [json.loads(line) for line in metrics.read_text().splitlines() if line.strip()]
    rows = [row for row in rows if "iteration_seconds" in row]
    if not rows:
        return {"error": f"no iteration_seconds in {metrics}"}
    iterations = [row["iteration_seconds"] for row in rows]
    return {
        "iteration_seconds": iterations,
        "median_iteration_seconds": statistics.median(iterations[1:] or iterations),
        "peak_rss_mb": peak_mb,
        "process_seconds": seconds,
        "reply_length": [row.get("reply_length") for row in rows],
    }


def check_ours(args, variants: list, paths: dict, env: dict) -> None:
    """Fail before the slow setup if our side cannot start: the recipe is missing (the PPO stage may
    not be in this checkout yet) or its strict config loader rejects an override (--print-config)."""
    if not (REPO / "recipes" / "ppo.py").is_file():
        sys.exit("recipes/ppo.py not found: our PPO stage is not in this checkout; run --variants trl,trl_last4")
    for variant in (variant for variant in variants if variant.startswith("ours")):
        done = subprocess.run(
            [str(part) for part in ours_command(args, variant, paths)] + ["--print-config"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            sys.exit(f"{variant}: recipes/ppo.py rejects the benchmark's overrides:\n{done.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="smollm2-135m-instruct")
    parser.add_argument("--iterations", type=int, default=4, help="PPO iterations (rollout + update)")
    parser.add_argument("--rollouts", type=int, default=8, help="prompts per iteration")
    parser.add_argument("--minibatch", type=int, default=8, help="rollouts per optimizer step")
    parser.add_argument("--epochs", type=int, default=2, help="PPO epochs over each iteration's rollouts")
    parser.add_argument("--response-length", type=int, default=48, help="max new tokens per reply")
    parser.add_argument("--lr", type=float, default=5e-5, help="constant learning rate (our recipe's)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument(
        "--ours-config",
        default=OURS_CONFIG if (REPO / OURS_CONFIG).is_file() else None,
        help="our recipe YAML (default: the shipped SmolLM2 PPO recipe, else the stage defaults)",
    )
    parser.add_argument("--reward-dir", help="reuse a finished reward stage dir (with merged/) instead of training one")
    parser.add_argument("--work", help="scratch directory (default: a new temporary one)")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args()
    variants = args.variants.split(",")
    if unknown := sorted(set(variants) - set(VARIANTS)):
        parser.error(f"unknown variants {unknown}; choose from {VARIANTS}")
    if args.rollouts % args.minibatch:
        parser.error("--rollouts must be a multiple of --minibatch")

    from alignment.config import ModelConfig
    from alignment.models.loading import resolve_model_dir

    work = Path(args.work or tempfile.mkdtemp(prefix="ppo-bench-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "TRL_EXPERIMENTAL_SILENCE": "1"}
    paths = {
        "work": work,
        "model": resolve_model_dir(ModelConfig(name_or_path=args.model)),  # converts once
        "prompts": write_prompts(args.iterations * args.rollouts, work / "prompts.jsonl"),
        "reward": Path(args.reward_dir).resolve() if args.reward_dir else work / "reward-run" / "reward",
    }
    if any(variant.startswith("ours") for variant in variants):
        check_ours(args, variants, paths, env)
    if any(variant.startswith("trl") for variant in variants):
        paths["trl_python"] = ensure_trl_venv()
    if not args.reward_dir:
        train_reward(paths["model"], paths["reward"].parent, work, env)
    if not (paths["reward"] / "merged" / "config.json").is_file():
        sys.exit(f"{paths['reward']}: no merged/ model (TRL needs the full sequence-classification model)")
    print(f"[setup] work dir {work}", flush=True)
    results = {}
    for variant in variants:
        runner = run_trl if variant.startswith("trl") else run_ours
        results[variant] = runner(args, variant, paths, env)
        summary = {key: value for key, value in results[variant].items() if key not in ("logs", "versions")}
        print(f"{variant}: {json.dumps(summary)}", flush=True)
    report(results, args)
    if args.out:
        write_results(args, results, paths)
    return 1 if any("error" in figures for figures in results.values()) else 0


def report(results: dict, args) -> None:
    print(
        f"\n{args.iterations} PPO iterations x {args.rollouts} prompts, mini-batch {args.minibatch}, "
        f"{args.epochs} epochs, up to {args.response_length} new tokens, model {args.model}"
    )
    print(
        f"{'variant':11} {'s/iteration':>11} {'x':>6} {'first s':>8} {'process s':>9} {'peak RSS MB':>11} {'x':>6}  vs"
    )
    for variant, figures in results.items():
        if "error" in figures:
            print(f"{variant:11} failed: {figures['error']}")
            continue
        base_name, base = BASELINE[variant], results.get(BASELINE[variant])
        if base is None or "error" in base:  # the like-for-like TRL variant did not run
            base_name, base = None, None
        speed = f"{base['median_iteration_seconds'] / figures['median_iteration_seconds']:6.2f}" if base else "     -"
        memory = f"{figures['peak_rss_mb'] / base['peak_rss_mb']:6.2f}" if base else "     -"
        print(
            f"{variant:11} {figures['median_iteration_seconds']:11.2f} {speed} "
            f"{figures['iteration_seconds'][0]:8.2f} {figures['process_seconds']:9.1f} "
            f"{figures['peak_rss_mb']:11.0f} {memory}  {base_name or '-'}"
        )
    print("x: the TRL variant's s/iteration over this one's (above 1 = faster); peak RSS over the TRL variant's")


def write_results(args, results: dict, paths: dict) -> None:
    from alignment.core.provenance import git_sha, package_versions

    record = {
        "benchmark": "ppo_vs_trl",
        "settings": {key: value for key, value in vars(args).items() if key != "out"},
        "git_sha": git_sha(),
        "ours_versions": package_versions(),
        "trl_venv_pins": TRL_PINS,
        "torch": TORCH_VERSION,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "reward_dir": str(paths["reward"]),
        "work_dir": str(paths["work"]),
        "results": results,
    }
    Path(args.out).write_text(json.dumps(record, indent=1, default=str) + "\n")
    print(f"results: {args.out}")


if __name__ == "__main__":
    sys.exit(main())
