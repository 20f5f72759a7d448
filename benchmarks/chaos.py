"""Kill anywhere: SIGKILL each stage at seeded random moments, rerun the same command, and check the
rerun ends where an uninterrupted run does.

    .venv/bin/python benchmarks/chaos.py [--kills 10] [--seed 0] [--out chaos.json]
        [--stages sft,reward,dpo,kto,orpo,ppo,grpo,pipeline,eval]

For each stage: one uninterrupted run (its wall time T), then `--kills` runs of the same command,
each killed with SIGKILL (no cleanup code runs, as after a power cut or the OOM killer) at a seeded
moment uniform in [0.4 T, T] (before 0.4 T every run is still importing): while the model loads,
while it trains, while a checkpoint or the outputs are written. Each killed run is rerun as it was;
it must exit 0 and its adapter must equal the uninterrupted run's to 1e-6 (the tests' tolerance),
every tensor. The phase a kill hit is read
from what it left: no stage folder (loading), checkpoints only (training; `checkpoint cut` when a
checkpoint folder has no COMPLETE marker), outputs without a manifest (writing outputs), a
manifest (finished before the kill).

The runs are the tests' tiny model (a 2-layer Llama built here) on the tests' data, through the
same child processes the kill tests use (`tests/helpers/stage_child.py`, `pipeline_child.py`): the
mechanics of recovery do not depend on model size, and on 2 CPU cores the embedded model would
allow about one kill per stage per ten minutes. `pipeline` is SFT -> reward -> DPO in one run
directory (the DPO adapter is compared). `eval` compares the tiny model and the SFT reference run on
three generated tasks (32 tokens a reply, each run with its own generation cache) and must give the
uninterrupted run's results.json task scores exactly. Prints a table (stage, kills, recovered, phases hit, the
largest difference) and writes every kill to `--out`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
HELPERS = REPO / "tests" / "helpers"
sys.path.insert(0, str(REPO / "tests"))

TOLERANCE = 1e-6
PROMPTS = [("What is 6 times 7?", "42"), ("What is the capital of France?", "Paris"), ("What is 3 plus 4?", "7")]


def data(root: Path) -> dict[str, Path]:
    """The tiny model, 24 chats, 24 separable pairs and 12 checked prompts (as the tests build them)."""
    from conftest import build_tiny_model, write_separable_pairs

    chats = root / "chats.jsonl"
    chats.write_text(
        "".join(
            json.dumps(
                {
                    "messages": [
                        {"role": "user", "content": f"What is {i} plus {i + 1}?"},
                        {"role": "assistant", "content": f"{i} plus {i + 1} is {2 * i + 1}."},
                    ]
                }
            )
            + "\n"
            for i in range(24)
        )
    )
    prompts = root / "prompts.jsonl"
    prompts.write_text(
        "".join(
            json.dumps({"prompt": [{"role": "user", "content": text}], "check": {"answer": answer}}) + "\n"
            for text, answer in PROMPTS * 4
        )
    )
    verifiers = root / "verifiers.py"
    verifiers.write_text(
        "def letters(messages, reply, check=None):\n"
        "    return sum(c.isascii() and c.isalpha() for c in reply) / max(len(reply), 1)\n"
    )
    from helpers.tiny_eval import write_suite

    tasks = write_suite(root / "eval", max_new_tokens=32)
    suite = yaml.safe_load(tasks.read_text())
    suite["tasks"] = [task for task in suite["tasks"] if task["name"] != "helpful_judged"][:3]  # no judge needed
    tasks.write_text(yaml.safe_dump(suite, sort_keys=False))
    return {
        "suite": tasks,
        "verifiers": verifiers,
        "model": build_tiny_model(root / "tiny-model"),
        "chats": chats,
        "pairs": write_separable_pairs(root / "pairs.jsonl"),
        "prompts": prompts,
    }


def command(stage: str, run_dir: Path, files: dict[str, Path]) -> list[str]:
    """The child command of one stage: `--steps` steps (120 by default; 2/5 of them as PPO and GRPO
    iterations, half per pipeline stage), six checkpoints, dropout on where it applies: on the tiny
    model, long enough that training and checkpoint writing take about half of a run."""
    total = files["steps"] * 2 // 5 if stage in ("ppo", "grpo") else files["steps"]
    every = max(total // 6, 1)
    common = [f"run_dir={run_dir}", f"train.max_steps={total}", f"train.save_steps={every}", "train.lr=1e-3"]
    common.append("adapter.r=4")
    pairs = f"data.sources=[{{files: [{files['pairs']}], name: sums}}]"
    model = f"model.name_or_path={files['model']}"
    if stage == "eval":
        sft_reference = run_dir.parent.parent / "sft" / "reference" / "sft"  # when the sft stage ran first
        models = ["--model", f"base={files['model']}"]
        models += ["--model", f"sft={sft_reference}"] if (sft_reference / "manifest.json").is_file() else []
        return [
            sys.executable,
            "-m",
            "alignment.cli",
            "eval",
            *models,
            "--suite",
            str(files["suite"]),
            "--out",
            str(run_dir / "report"),
            "--no-progress",
        ]
    if stage == "pipeline":
        half = max(files["steps"] // 2, 2)
        steps = [f"train.max_steps={half}", f"train.save_steps={max(half // 3, 1)}", "train.lr=1e-3", "adapter.r=4"]
        args = [f"run_dir={run_dir}", "stages=[sft, reward, dpo]", f"sft.{model}"]
        args += [f"sft.data.train_files=[{files['chats']}]", f"reward.{pairs}", f"dpo.{pairs}"]
        args += [f"{name}.{step}" for name in ("sft", "reward", "dpo") for step in steps]
        return [sys.executable, str(HELPERS / "pipeline_child.py"), *args]
    extra = {
        "sft": [f"data.train_files=[{files['chats']}]", "data.eval_fraction=0.1", "adapter.dropout=0.1"],
        "reward": [pairs, "data.test_fraction=0.25"],
        "dpo": [pairs, "data.test_fraction=0.25", "adapter.dropout=0.1"],
        "kto": [pairs, "data.test_fraction=0.25"],
        "orpo": [pairs, "data.test_fraction=0.25"],
        "ppo": [
            f"data.files=[{files['prompts']}]",
            "model.dtype=float32",
            f"ppo.rule_rewards={{{files['verifiers']}:letters: 1.0}}",  # no reward model: a rule reward
            "ppo.rollout_batch_size=4",
            "ppo.max_new_tokens=6",
            "train.batch_size=2",
        ],
        "grpo": [
            f"data.files=[{files['prompts']}]",
            "model.dtype=float32",
            f"grpo.verifiable_rewards={{{files['verifiers']}:letters: 1.0}}",  # a reward the tiny model moves
            "grpo.group_size=4",
            "grpo.rollout_batch_size=8",
            "grpo.max_new_tokens=6",
            "grpo.kl_coef=0.05",
            "train.batch_size=4",
        ],
    }[stage]
    return [sys.executable, str(HELPERS / "stage_child.py"), stage, model, *common, *extra]


def adapter_of(run_dir: Path, stage: str) -> Path:
    if stage == "eval":
        return run_dir / "report" / "results.json"
    return run_dir / ("dpo" if stage == "pipeline" else stage) / "adapter" / "adapter_model.safetensors"


def environment(root: Path) -> dict:
    """Each run its own cache folder (the eval's generation cache lives there: a rerun may read only
    what its own killed run wrote)."""
    env = {key: value for key, value in os.environ.items() if key not in ("RANK", "WORLD_SIZE", "LOCAL_RANK")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", ALIGNMENT_CACHE=str(root / "cache"))
    return env


def run(cmd: list[str], env: dict, kill_after: float | None = None) -> tuple[int, float]:
    """(exit status, seconds); with `kill_after`, SIGKILL the child (and anything it started) then."""
    started = time.time()
    child = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    if kill_after is None:
        _, err = child.communicate(timeout=900)
        if child.returncode != 0:
            sys.stderr.write(err.decode(errors="replace")[-3000:])
        return child.returncode, time.time() - started
    try:
        child.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    return child.returncode, time.time() - started


def phase(run_dir: Path, stage: str) -> str:
    """What the kill interrupted, from what it left behind."""
    if stage == "eval":
        if (run_dir / "report" / "results.json").is_file():
            return "finished"
        return "generating" if any((run_dir / "cache").rglob("*.jsonl")) else "loading"
    names = ["sft", "reward", "dpo"] if stage == "pipeline" else [stage]
    for name in reversed(names):
        folder = run_dir / name
        if not folder.exists():
            continue
        prefix = f"{name}: " if stage == "pipeline" else ""
        if (folder / "manifest.json").is_file():
            return prefix + "finished" if name == names[-1] else f"between {name} and the next stage"
        if (folder / "adapter").exists() or (folder / "merged").exists():
            return prefix + "writing outputs"
        checkpoints = [path for path in (folder / "checkpoints").glob("checkpoint-*") if path.is_dir()]
        if any(not (path / "COMPLETE").is_file() for path in checkpoints):
            return prefix + "checkpoint cut"
        return prefix + ("training" if checkpoints else "loading / first steps")
    return "loading"


def largest_difference(expected: Path, actual: Path) -> float:
    """The largest absolute difference of two adapters; for two eval results, 0 when their task
    scores are equal and infinity when not."""
    if expected.suffix == ".json":
        if not actual.is_file():
            return float("inf")
        scores = [
            {key: task.get("scores") for key, task in json.loads(path.read_text())["tasks"].items()}
            for path in (expected, actual)
        ]
        return 0.0 if scores[0] == scores[1] else float("inf")
    from safetensors.torch import load_file

    reference, resumed = load_file(expected), load_file(actual)
    if reference.keys() != resumed.keys():
        return float("inf")
    return max(float((reference[name] - resumed[name]).abs().max()) for name in reference)


def chaos(stage: str, kills: int, rng: random.Random, root: Path, files: dict, env: dict) -> list[dict]:
    reference_dir = root / stage / "reference"
    own = {**env, "ALIGNMENT_CACHE": str(reference_dir / "cache")} if stage == "eval" else env
    code, seconds = run(command(stage, reference_dir, files), own)
    if code != 0:
        raise SystemExit(f"{stage}: the uninterrupted run failed ({code})")
    records = []
    for index in range(kills):
        run_dir = root / stage / f"kill-{index}"
        own = {**env, "ALIGNMENT_CACHE": str(run_dir / "cache")} if stage == "eval" else env
        moment = rng.uniform(0.4, 1.0) * seconds
        killed_code, _ = run(command(stage, run_dir, files), own, kill_after=moment)
        hit = phase(run_dir, stage) if killed_code == -signal.SIGKILL else "ended before the kill"
        rerun_code, rerun_seconds = run(command(stage, run_dir, files), own)
        difference = largest_difference(adapter_of(reference_dir, stage), adapter_of(run_dir, stage))
        recovered = rerun_code == 0 and difference <= TOLERANCE
        records.append(
            {
                "stage": stage,
                "kill": index,
                "at_seconds": round(moment, 2),
                "of_seconds": round(seconds, 2),
                "phase": hit,
                "rerun_exit": rerun_code,
                "rerun_seconds": round(rerun_seconds, 1),
                "max_abs_difference": difference,
                "recovered": recovered,
            }
        )
        print(
            f"  {stage} kill {index}: {hit} at {moment:.1f}/{seconds:.1f}s -> rerun {rerun_code}, "
            f"max |diff| {difference:.1e} {'ok' if recovered else 'NOT RECOVERED'}",
            flush=True,
        )
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stages", default="sft,reward,dpo,kto,orpo,ppo,grpo,pipeline,eval")
    parser.add_argument("--out", default="")
    parser.add_argument("--steps", type=int, default=120, help="training steps of a run (default 120)")
    parser.add_argument(
        "--model", default="tiny", help="tiny (built here), or embedded: SmolLM2-135M-Instruct (converted before)"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records = []
    with tempfile.TemporaryDirectory(prefix="chaos-") as scratch:
        root = Path(scratch)
        files, env = data(root), environment(root)
        files["steps"] = args.steps
        if args.model == "embedded":  # its converted copy from the shared cache, not converted again
            from alignment.models.loading import embedded_model_dir

            converted = embedded_model_dir("smollm2-135m-instruct")
            (root / "cache" / "models").mkdir(parents=True, exist_ok=True)
            (root / "cache" / "models" / converted.name).symlink_to(converted)
            files["model"] = "smollm2-135m-instruct"
        for stage in args.stages.split(","):
            print(f"[chaos] {stage}", flush=True)
            records += chaos(stage, args.kills, rng, root, files, env)
    print("\n| stage | kills | recovered | phases hit | largest difference |\n|---|---|---|---|---|")
    for stage in args.stages.split(","):
        mine = [record for record in records if record["stage"] == stage]
        phases = Counter(record["phase"] for record in mine)
        print(
            f"| {stage} | {len(mine)} | {sum(record['recovered'] for record in mine)} | "
            f"{', '.join(f'{name} {count}' for name, count in phases.most_common())} | "
            f"{max(record['max_abs_difference'] for record in mine):.1e} |"
        )
    if args.out:
        Path(args.out).write_text(json.dumps(records, indent=2) + "\n")
    return 0 if all(record["recovered"] for record in records) else 1


if __name__ == "__main__":
    sys.exit(main())
