"""A launch config that asks for sharding is never run unsharded without a word: with no GPU,
accelerate would run an FSDP or DeepSpeed config as plain DDP. FSDP2 runs sharded on CPUs
(tests/test_fsdp_cpu.py); what cannot shard there (FSDP1, one process, DeepSpeed) is refused by every
stage (and the pipeline) before anything is written; a run says which mode it runs in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from alignment.cli.main import main

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(torch.cuda.is_available(), reason="checks the CPU refusal; a GPU would shard")


@pytest.mark.parametrize("command", ["sft", "dpo", "ppo", "pipeline"])
@pytest.mark.parametrize(
    "version, refusal",
    [
        ("1", "the launch config asks for FSDP version 1; on CPUs only FSDP2 shards"),
        ("2", "the launch config asks for FSDP with one process: nothing to shard over"),
    ],
)
def test_fsdp_that_cannot_shard_on_cpu_is_refused_before_anything_is_written(
    command, version, refusal, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("ACCELERATE_USE_FSDP", "true")
    monkeypatch.setenv("FSDP_VERSION", version)
    assert main([command, f"run_dir={tmp_path / 'run'}"]) == 2
    assert f"[{command}] {refusal}" in capsys.readouterr().err
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("command", ["sft", "ppo"])
def test_deepspeed_asked_for_names_its_extra_when_missing_and_the_gpu_when_present(
    command, tmp_path, monkeypatch, capsys
):
    import importlib.util

    monkeypatch.setenv("ACCELERATE_USE_DEEPSPEED", "true")
    installed = importlib.util.find_spec("deepspeed") is not None
    assert main([command, f"run_dir={tmp_path / 'run'}"]) == 2
    expected = (
        "but there is no GPU" if installed else "which is not installed: pip install 'alignment-suite[deepspeed]'"
    )
    assert f"[{command}] the launch config asks for DeepSpeed" in (err := capsys.readouterr().err) and expected in err
    assert not (tmp_path / "run").exists()


def test_an_fsdp1_launch_config_on_cpu_stops_every_rank_and_a_plain_run_says_its_mode(
    tiny_model_dir, tiny_chats_file, tmp_path
):
    env = {key: value for key, value in os.environ.items() if key not in ("RANK", "LOCAL_RANK", "WORLD_SIZE")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    args = [f"model.name_or_path={tiny_model_dir}", f"data.train_files=[{tiny_chats_file}]", "train.max_steps=1"]
    launch = [sys.executable, "-m", "accelerate.commands.launch", "--config_file", "recipes/accelerate/fsdp.yaml"]
    launch += ["--num_processes", "2", "--fsdp_version", "1", "--main_process_port", "29571"]
    launch += ["recipes/sft.py", f"run_dir={tmp_path / 'fsdp'}"]
    done = subprocess.run([*launch, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    assert done.stderr.count("[sft] the launch config asks for FSDP version 1") == 2  # both ranks stop
    assert not (tmp_path / "fsdp").exists()
    plain = subprocess.run(
        [sys.executable, "-m", "alignment.cli", "sft", f"run_dir={tmp_path / 'plain'}", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert plain.returncode == 0, plain.stderr[-3000:]
    assert "[sft] distributed: one process\n" in plain.stdout
