"""FSDP2 on CPUs for real: recipes/accelerate/cpu_fsdp.yaml (2 processes, gloo) shards every stage's
model (each process holds half of each sharded parameter), saves sharded checkpoints, resumes after
kill -9, and trains the weights a 2-process DDP run of the same steps trains (fp32: equal to 1e-6).
The SFT -> reward -> DPO -> KTO -> ORPO -> PPO -> GRPO pipeline runs once under each launch config.
The Trainer stages shard through accelerate (`core/distributed.py: shard_on_cpu`); the PPO and GRPO
loop shards its decoder layers itself (`stages/ppo/models.py: shard_layers`)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import yaml
from safetensors.torch import load_file

REPO = Path(__file__).resolve().parent.parent
LAUNCH = REPO / "recipes" / "accelerate"
TRAINER_STAGES = ["sft", "reward", "dpo", "kto", "orpo"]
LOOP_STAGES = ["ppo", "grpo"]
STAGES = TRAINER_STAGES + LOOP_STAGES
pytestmark = pytest.mark.skipif(torch.cuda.is_available(), reason="CPU FSDP; on a GPU fsdp.yaml shards")


def launch(config: str, script: str, args: list[str], port: int, **kwargs) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("RANK", "LOCAL_RANK", "WORLD_SIZE")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    command = [sys.executable, "-m", "accelerate.commands.launch", "--config_file", str(LAUNCH / f"{config}.yaml")]
    command += ["--main_process_port", str(port), script, *args]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, **kwargs)


def stage_section(model: dict, data: dict, steps: int) -> dict:
    return {
        "model": {"dtype": "float32", **model},  # fp32: DDP and FSDP then reduce the same numbers
        "adapter": {"dropout": 0.0},
        "data": data,
        "train": {"max_steps": steps, "save_steps": 2, "batch_size": 2},
    }


def loop_section(prompts: Path, settings: dict) -> dict:
    return {
        "model": {"dtype": "float32"},
        "adapter": {"dropout": 0.0, "r": 4, "alpha": 8},
        "data": {"files": [str(prompts)]},
        "train": {"max_steps": 3, "save_steps": 2, "batch_size": 2},
        "merge": True,
        **settings,
    }


def write_prompts(path: Path) -> Path:
    rows = [{"prompt": [{"role": "user", "content": f"Tell me about number {i}."}]} for i in range(16)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


@pytest.fixture(scope="module")
def runs(tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path_factory):
    """The same seven-stage pipeline launched with cpu_fsdp.yaml and with cpu_ddp.yaml."""
    root = tmp_path_factory.mktemp("fsdp")
    prompts = write_prompts(root / "prompts.jsonl")
    pairs = {"sources": [{"files": [str(tiny_pairs_file)], "name": "sums"}], "test_fraction": 0.25}
    done = {}
    for launch_config, port in (("cpu_fsdp", 29591), ("cpu_ddp", 29593)):
        run_dir = root / launch_config
        pipeline = {
            "run_dir": str(run_dir),
            "stages": STAGES,
            "sft": stage_section({"name_or_path": str(tiny_model_dir)}, {"train_files": [str(tiny_chats_file)]}, 4),
            **{stage: stage_section({}, pairs, 2) for stage in TRAINER_STAGES[1:]},
            "ppo": loop_section(prompts, {"ppo": {"rollout_batch_size": 4, "max_new_tokens": 8}}),
            "grpo": loop_section(
                prompts,
                {
                    "grpo": {
                        "rollout_batch_size": 4,
                        "group_size": 2,
                        "max_new_tokens": 8,
                        "reward_model": str(run_dir / "reward"),
                    }
                },
            ),
        }
        config = root / f"{launch_config}.yaml"
        config.write_text(yaml.safe_dump(pipeline))
        done[launch_config] = launch(launch_config, "recipes/pipeline.py", ["--config", str(config)], port)
        assert done[launch_config].returncode == 0, done[launch_config].stderr[-4000:]
    return root, done, pipeline


def adapters(run_dir: Path, stage: str, name: str = "adapter/adapter_model") -> dict:
    return load_file(run_dir / stage / f"{name}.safetensors")


def test_every_stage_runs_sharded_and_says_so(runs):
    root, done, _ = runs
    log = done["cpu_fsdp"].stdout
    for stage in STAGES:
        assert f"[{stage}] distributed: FSDP over 2 processes, backend gloo" in log
        held = re.search(rf"\[{stage}\] FSDP: this process holds ([\d,]+) of the model's ([\d,]+) parameters", log)
        local, total = (int(number.replace(",", "")) for number in held.groups())
        # Trainer stages: half of every parameter. PPO / GRPO: half of the decoder layers; the
        # embeddings (tied to the head, a third of this tiny model) stay whole.
        assert total / 2 <= local < (0.6 if stage in TRAINER_STAGES else 0.8) * total
        assert f"[{stage}] dynamics: off under FSDP" in log or stage == "reward"
    assert "distributed: DDP over 2 processes" in done["cpu_ddp"].stdout


def test_checkpoints_are_saved_sharded(runs):
    root, _, _ = runs
    for stage in TRAINER_STAGES:
        checkpoint = root / "cpu_fsdp" / stage / "checkpoints" / "checkpoint-2"
        for part in ("pytorch_model_fsdp_0", "optimizer_0"):
            files = sorted(path.name for path in (checkpoint / part).iterdir())
            assert files == [".metadata", "__0_0.distcp", "__1_0.distcp"]  # one shard per process
        assert not (root / "cpu_ddp" / stage / "checkpoints" / "checkpoint-2" / "pytorch_model_fsdp_0").exists()


def test_sharded_loop_checkpoints_hold_one_file_per_process(runs):
    root, _, _ = runs
    for stage in LOOP_STAGES:
        names = sorted(path.name for path in (root / "cpu_fsdp" / stage / "checkpoints" / "checkpoint-2").iterdir())
        assert {"trainable-0.safetensors", "trainable-1.safetensors", "optimizer-0.pt", "optimizer-1.pt"} <= set(names)
        assert "trainable.safetensors" not in names


def test_fsdp_trains_and_exports_what_ddp_trains(runs):
    root, _, _ = runs
    saved = [(stage, "adapter/adapter_model") for stage in STAGES]
    saved += [("ppo", "value/adapter_model"), ("ppo", "value/value_head")]  # the value adapter trains too
    for stage, name in saved:
        sharded, plain = adapters(root / "cpu_fsdp", stage, name), adapters(root / "cpu_ddp", stage, name)
        assert sharded.keys() == plain.keys()
        trained = [tensor for key, tensor in sharded.items() if "lora_B" in key or "value_head" in name]
        assert max(tensor.abs().max() for tensor in trained) > 0, (stage, name)  # it moved from its zero start
        for key in plain:
            assert torch.allclose(sharded[key], plain[key], atol=1e-6), (stage, name, key)
    for stage in STAGES:
        merged = load_file(root / "cpu_fsdp" / stage / "merged" / "model.safetensors")
        reference = load_file(root / "cpu_ddp" / stage / "merged" / "model.safetensors")
        for name in reference:
            assert torch.allclose(merged[name], reference[name], atol=1e-6), (stage, name)


def overrides(section: dict, prefix: str = "") -> list[str]:
    """A pipeline section as the standalone stage's dotted command-line overrides."""
    found = []
    for key, value in section.items():
        if isinstance(value, dict):
            found += overrides(value, f"{prefix}{key}.")
        else:
            found.append(
                f"{prefix}{key}={yaml.safe_dump(value, default_flow_style=True).strip().removesuffix('...').strip()}"
            )
    return found


@pytest.mark.parametrize("stage, port", [("sft", 29595), ("ppo", 29599)])
def test_a_sharded_run_killed_mid_training_resumes_where_the_uninterrupted_one_ends(stage, port, runs, tmp_path):
    """Killed once step 3 ends, after the sharded checkpoint of step 2 (a Trainer stage, and the
    PPO loop with its own per-process shard files); the rerun resumes from it."""
    root, _, pipeline = runs
    section = {**pipeline[stage], "run_dir": str(tmp_path / "run")}
    if stage == "ppo":  # what the pipeline sets: the SFT model and the reward model of the FSDP run
        section["model"] = {**section["model"], "name_or_path": str(root / "cpu_fsdp" / "sft")}
        section["ppo"] = {**section["ppo"], "reward_model": str(root / "cpu_fsdp" / "reward")}
    args = overrides(section)
    killed = launch("cpu_fsdp", "tests/helpers/stage_child.py", [stage, "--kill-at-step", "3", *args], port)
    assert killed.returncode != 0
    assert not (tmp_path / "run" / stage / "adapter").exists()
    assert (tmp_path / "run" / stage / "checkpoints" / "checkpoint-2" / "COMPLETE").is_file()
    resumed = launch("cpu_fsdp", f"recipes/{stage}.py", args, port + 1)
    assert resumed.returncode == 0, resumed.stderr[-4000:]
    assert "resuming from" in resumed.stdout and "checkpoint-2" in resumed.stdout
    expected = adapters(root / "cpu_fsdp", stage)
    actual = adapters(tmp_path / "run", stage)
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-6), name
