"""FSDP2 on CPUs for real: recipes/accelerate/cpu_fsdp.yaml (2 processes, gloo) shards every Trainer
stage's model (each process holds half of it), saves sharded checkpoints, resumes after kill -9,
and trains the weights a 2-process DDP run of the same steps trains (fp32, so equal to 1e-6).
The SFT -> reward -> DPO -> KTO -> ORPO pipeline runs once under each launch config."""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def runs(tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path_factory):
    """The same five-stage pipeline launched with cpu_fsdp.yaml and with cpu_ddp.yaml."""
    root = tmp_path_factory.mktemp("fsdp")
    pairs = {"sources": [{"files": [str(tiny_pairs_file)], "name": "sums"}], "test_fraction": 0.25}
    pipeline = {
        "stages": TRAINER_STAGES,
        "sft": stage_section({"name_or_path": str(tiny_model_dir)}, {"train_files": [str(tiny_chats_file)]}, 4),
        **{stage: stage_section({}, pairs, 2) for stage in TRAINER_STAGES[1:]},
    }
    config = root / "pipeline.yaml"
    config.write_text(yaml.safe_dump(pipeline))
    done = {}
    for launch_config, port in (("cpu_fsdp", 29591), ("cpu_ddp", 29593)):
        run_dir = root / launch_config
        done[launch_config] = launch(
            launch_config, "recipes/pipeline.py", ["--config", str(config), f"run_dir={run_dir}"], port
        )
        assert done[launch_config].returncode == 0, done[launch_config].stderr[-4000:]
    return root, done, pipeline


def adapters(run_dir: Path, stage: str) -> dict:
    return load_file(run_dir / stage / "adapter" / "adapter_model.safetensors")


def test_every_trainer_stage_runs_sharded_and_says_so(runs):
    root, done, _ = runs
    log = done["cpu_fsdp"].stdout
    for stage in TRAINER_STAGES:
        assert f"[{stage}] distributed: FSDP over 2 processes, backend gloo" in log
        held = re.search(rf"\[{stage}\] FSDP: this process holds ([\d,]+) of the model's ([\d,]+) parameters", log)
        local, total = (int(number.replace(",", "")) for number in held.groups())
        assert total / 2 <= local < 0.6 * total  # half of every parameter, rounded up per tensor
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


def test_fsdp_trains_and_exports_what_ddp_trains(runs):
    root, _, _ = runs
    for stage in TRAINER_STAGES:
        sharded, plain = adapters(root / "cpu_fsdp", stage), adapters(root / "cpu_ddp", stage)
        assert sharded.keys() == plain.keys()
        assert max(tensor.abs().max() for name, tensor in sharded.items() if "lora_B" in name) > 0  # it trained
        for name in plain:
            assert torch.allclose(sharded[name], plain[name], atol=1e-6), (stage, name)
        merged = load_file(root / "cpu_fsdp" / stage / "merged" / "model.safetensors")
        reference = load_file(root / "cpu_ddp" / stage / "merged" / "model.safetensors")
        for name in reference:
            assert torch.allclose(merged[name], reference[name], atol=1e-6), (stage, name)


def test_a_sharded_run_killed_mid_training_resumes_where_the_uninterrupted_one_ends(runs, tmp_path):
    root, _, pipeline = runs
    sft = pipeline["sft"]
    args = [
        f"run_dir={tmp_path / 'run'}",
        f"model.name_or_path={sft['model']['name_or_path']}",
        "model.dtype=float32",
        "adapter.dropout=0.0",
        f"data.train_files=[{sft['data']['train_files'][0]}]",
        "train.max_steps=4",
        "train.save_steps=2",
        "train.batch_size=2",
    ]
    killed = launch("cpu_fsdp", "tests/helpers/stage_child.py", ["sft", "--kill-at-step", "3", *args], 29595)
    assert killed.returncode != 0
    assert not (tmp_path / "run" / "sft" / "adapter").exists()
    assert (tmp_path / "run" / "sft" / "checkpoints" / "checkpoint-2" / "pytorch_model_fsdp_0").is_dir()
    resumed = launch("cpu_fsdp", "recipes/sft.py", args, 29597)
    assert resumed.returncode == 0, resumed.stderr[-4000:]
    assert "resuming from" in resumed.stdout and "checkpoint-2" in resumed.stdout
    expected = adapters(root / "cpu_fsdp", "sft")
    actual = adapters(tmp_path / "run", "sft")
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-6), name
