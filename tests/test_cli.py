"""The `alignment` command end to end, in subprocesses: --print-config round-trips, user mistakes
exit 2 with one message and no traceback and write nothing, and after one tiny SFT run
`generate` and `export` give the same model through every load path."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
import yaml
from transformers import AutoModelForCausalLM

from alignment.config import SFTConfig, TrainConfig, load_config
from alignment.core.provenance import sha256_path

ALIGNMENT_SCRIPT = Path(sys.executable).parent / "alignment"
PROMPT = "What is 2 plus 3?"

COMMANDS_LINE = (
    "commands: sft, reward, judge, dpo, kto, orpo, ppo, grpo, pipeline, score, generate, export, data, eval, compare, "
    "dynamics, init, plan"
)


def alignment(*args: str) -> list[str]:
    return [sys.executable, "-m", "alignment.cli", *map(str, args)]


def child_env(cache: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("RANK", "LOCAL_RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT")
    }
    env.update(HF_HUB_OFFLINE="1", ALIGNMENT_CACHE=str(cache), TOKENIZERS_PARALLELISM="false")
    return env


def run_together(commands: dict[str, list[str]], cwd: Path, env: dict) -> dict[str, subprocess.CompletedProcess]:
    """Start all commands at once and wait for all. Each spends most of its time importing
    torch/transformers/trl on one core, so on 2 cores running them side by side halves the wait.
    Output goes to files, not pipes, so no child blocks on a full pipe while we wait on another."""
    logs = cwd / "logs"
    logs.mkdir(exist_ok=True)
    started = {}
    for name, argv in commands.items():
        out, err = open(logs / f"{name}.out", "w"), open(logs / f"{name}.err", "w")
        started[name] = (subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err, text=True), out, err)
    results = {}
    for name, (process, out, err) in started.items():
        try:
            process.wait(timeout=600)
        finally:
            out.close()
            err.close()
        results[name] = subprocess.CompletedProcess(
            commands[name],
            process.returncode,
            (logs / f"{name}.out").read_text(),
            (logs / f"{name}.err").read_text(),
        )
    return results


def describe(done: subprocess.CompletedProcess) -> str:
    return (
        f"{' '.join(done.args)}\nexit {done.returncode}\n--- stdout ---\n{done.stdout[-2000:]}"
        f"\n--- stderr ---\n{done.stderr[-4000:]}"
    )


@pytest.fixture(scope="module")
def cli(tmp_path_factory, tiny_model_dir, tiny_chats_file):
    """Every subprocess this module needs, in three waves of parallel commands:
    1. the tiny SFT run, and the commands that must stop before training (print-config, a typo,
       bad data);
    2. what reads the SFT output: generate from the stage, adapter and merged dirs, and export;
    3. a second export to the same path, which must refuse without --force.
    """
    root = tmp_path_factory.mktemp("cli")
    env = child_env(root / "cache")
    run_dir = root / "run"
    tiny_yaml = root / "tiny.yaml"
    tiny_yaml.write_text(
        yaml.safe_dump(
            {
                "run_dir": str(run_dir),
                "model": {"name_or_path": str(tiny_model_dir)},
                "data": {"train_files": [str(tiny_chats_file)], "eval_fraction": 0.0},
                # A large lr and no warm-up, so two steps change the greedy reply: the adapter-vs-merged
                # comparisons below then compare trained weights, not two copies of the base.
                "train": {
                    "max_steps": 2,
                    "batch_size": 4,
                    "lr": 0.03,
                    "warmup_ratio": 0.0,
                    "logging_steps": 1,
                    "save_steps": 1,
                },
                "adapter": {"r": 4, "alpha": 8},
            }
        )
    )
    lines = tiny_chats_file.read_text().splitlines()
    bad_data_file = root / "bad.jsonl"
    bad_data_file.write_text(lines[0] + "\n" + '{"messages": [' + "\n" + lines[2] + "\n")
    stage_dir = run_dir / "sft"
    exported = root / "exported"

    def generate(model: Path) -> list[str]:
        # plain greedy (no repetition penalty): the replies compare with chat_reply's below
        return alignment(
            "generate", "--model", model, "--prompt", PROMPT, "--max-new-tokens", 8, "--repetition-penalty", 1
        )

    first = run_together(
        {
            "sft": alignment("sft", "--config", tiny_yaml),
            "print_config": alignment(
                "sft", "--config", tiny_yaml, "--print-config", "train.lr=0.5", f"run_dir={root / 'print-run'}"
            ),
            "typo": alignment("sft", "--config", tiny_yaml, "train.max_step=2", f"run_dir={root / 'typo-run'}"),
            "bad_data": alignment(
                "sft", "--config", tiny_yaml, f"data.train_files=[{bad_data_file}]", f"run_dir={root / 'bad-run'}"
            ),
        },
        root,
        env,
    )
    second = run_together(
        {
            "generate_stage": generate(stage_dir),
            "generate_adapter": generate(stage_dir / "adapter"),
            "generate_merged": generate(stage_dir / "merged"),
            "export": alignment("export", "--model", stage_dir, "--out", exported),
        },
        root,
        env,
    )
    exported_hash = sha256_path(exported) if exported.is_dir() else None
    third = run_together(
        {
            "export_again": alignment("export", "--model", stage_dir, "--out", exported),
            "export_over_stage": alignment("export", "--model", stage_dir, "--out", stage_dir, "--force"),
        },
        root,
        env,
    )
    return SimpleNamespace(
        root=root,
        tiny_yaml=tiny_yaml,
        stage_dir=stage_dir,
        bad_data_file=bad_data_file,
        exported=exported,
        exported_hash=exported_hash,
        tiny_model_dir=tiny_model_dir,
        **first,
        **second,
        **third,
    )


# ---------------------------------------------------------------------------------------
# Mistakes stop before anything is written


def test_print_config_prints_yaml_that_loads_back_to_the_same_config(cli, tmp_path):
    done = cli.print_config
    assert done.returncode == 0, describe(done)
    printed = tmp_path / "printed.yaml"
    printed.write_text(done.stdout)
    expected = load_config(SFTConfig, cli.tiny_yaml, ["train.lr=0.5", f"run_dir={cli.root / 'print-run'}"])
    assert load_config(SFTConfig, printed) == expected
    assert expected.train.lr == 0.5  # the overrides are in what was printed


def test_print_config_runs_nothing(cli):
    assert cli.print_config.returncode == 0, describe(cli.print_config)
    assert not (cli.root / "print-run").exists()
    assert "Traceback" not in cli.print_config.stderr


def test_config_typo_exits_2_with_one_message_and_writes_nothing(cli):
    done = cli.typo
    assert done.returncode == 2, describe(done)
    valid = ", ".join(field.name for field in dataclasses.fields(TrainConfig))
    assert done.stderr == (
        f"error: unknown config key 'train.max_step'; did you mean 'train.max_steps'? (valid keys in train: {valid})\n"
    )
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert not (cli.root / "typo-run").exists()


def test_bad_data_exits_2_naming_file_and_line_and_writes_nothing(cli):
    done = cli.bad_data
    assert done.returncode == 2, describe(done)
    bad = cli.bad_data_file
    assert f"error: {bad}:2: -: invalid JSON: " in done.stderr
    # Only line 2 is wrong; lines 1 and 3 are fine chats.
    assert f"{bad}:1:" not in done.stderr and f"{bad}:3:" not in done.stderr
    assert "Traceback" not in done.stderr
    assert not (cli.root / "bad-run").exists()


def test_unknown_command_exits_2_through_the_console_script(tmp_path):
    assert ALIGNMENT_SCRIPT.is_file(), "the `alignment` console script is not installed in this environment"
    done = subprocess.run(
        [str(ALIGNMENT_SCRIPT), "fly"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path / "cache"),
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == "error: unknown command 'fly'\n"
    assert COMMANDS_LINE.removesuffix(", dynamics") in done.stdout


def test_no_arguments_prints_the_usage_and_exits_0(tmp_path):
    done = subprocess.run(
        alignment(), capture_output=True, text=True, cwd=tmp_path, env=child_env(tmp_path / "cache"), timeout=120
    )
    assert done.returncode == 0
    assert "alignment sft --config" in done.stdout
    assert done.stdout.rstrip().endswith(COMMANDS_LINE)


def test_help_prints_the_usage_and_exits_0(tmp_path):
    done = subprocess.run(
        alignment("--help"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path / "cache"),
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stdout.rstrip().endswith(COMMANDS_LINE)
    assert "alignment sft --config" in done.stdout


def test_version_prints_the_package_version(tmp_path):
    from alignment import __version__

    done = subprocess.run(
        alignment("--version"), capture_output=True, text=True, cwd=tmp_path, env=child_env(tmp_path / "c"), timeout=120
    )
    assert (done.returncode, done.stdout) == (0, f"alignment-suite {__version__}\n")


# ---------------------------------------------------------------------------------------
# After a tiny run: generate and export


def test_sft_run_succeeded(cli):
    assert cli.sft.returncode == 0, describe(cli.sft)
    assert (cli.stage_dir / "manifest.json").is_file()
    assert (cli.stage_dir / "adapter" / "adapter_config.json").is_file()
    assert (cli.stage_dir / "merged" / "model.safetensors").is_file()


@pytest.mark.parametrize("which", ["generate_stage", "generate_adapter", "generate_merged"])
def test_generate_prints_one_nonempty_reply(cli, which):
    done = getattr(cli, which)
    assert done.returncode == 0, describe(done)
    assert done.stdout.endswith("\n")
    assert done.stdout.strip() != ""
    assert "Traceback" not in done.stderr


def test_greedy_reply_is_the_same_through_adapter_and_merged_weights(cli):
    """Same weights, two load paths (base + LoRA adapter vs merged safetensors)."""
    replies = {which: getattr(cli, which) for which in ("generate_stage", "generate_adapter", "generate_merged")}
    for done in replies.values():
        assert done.returncode == 0, describe(done)
    assert replies["generate_adapter"].stdout == replies["generate_merged"].stdout
    assert replies["generate_stage"].stdout == replies["generate_merged"].stdout


def test_training_changed_the_greedy_reply(cli):
    """Guards the comparison above: the tiny run must move the reply away from the base model's."""
    from alignment.models.generation import chat_reply
    from alignment.models.loading import load_for_inference

    model, tokenizer = load_for_inference(str(cli.tiny_model_dir), dtype="float32")
    base_reply = chat_reply(model, tokenizer, [{"role": "user", "content": PROMPT}], max_new_tokens=8)
    assert cli.generate_merged.returncode == 0, describe(cli.generate_merged)
    assert cli.generate_merged.stdout.rstrip("\n") != base_reply


def _logits(model_dir: Path) -> torch.Tensor:
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    model.eval()
    input_ids = torch.tensor([[1, 17, 42, 99, 7, 250, 3, 64]])
    with torch.no_grad():
        return model(input_ids=input_ids).logits


def test_export_writes_safetensors_and_tokenizer_and_matches_the_merged_model(cli):
    done = cli.export
    assert done.returncode == 0, describe(done)
    assert done.stdout == f"merged {cli.stage_dir / 'adapter'} into its base -> {cli.exported}\n"
    for name in ("model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json"):
        assert (cli.exported / name).is_file(), name
    assert not list(cli.exported.glob("*.bin"))
    exported = _logits(cli.exported)
    assert torch.allclose(exported, _logits(cli.stage_dir / "merged"), atol=1e-5)
    # ...and the adapter really is in there: the export is not the untouched base.
    assert (exported - _logits(cli.tiny_model_dir)).abs().max() > 1e-4


def test_export_refuses_to_overwrite_without_force(cli):
    done = cli.export_again
    assert done.returncode == 2, describe(done)
    assert done.stderr == f"error: {cli.exported} exists; pass --force to replace it\n"
    assert "Traceback" not in done.stderr
    assert cli.exported_hash is not None and sha256_path(cli.exported) == cli.exported_hash


def test_export_never_overwrites_the_adapter_it_merges(cli):
    done = cli.export_over_stage
    assert done.returncode == 2, describe(done)
    assert done.stderr == (
        f"error: --out {cli.stage_dir} would overwrite the adapter it merges; choose another directory\n"
    )
    assert (cli.stage_dir / "adapter" / "adapter_config.json").is_file()
    assert (cli.stage_dir / "manifest.json").is_file()


def test_chat_commands_are_never_sent_to_the_model(tiny_model_dir, tmp_path):
    lines = "/help\n/system Be brief.\n\nHi\n/reset\n/nonsense\nquit\n"
    done = subprocess.run(
        alignment("generate", "--model", tiny_model_dir, "--max-new-tokens", 6),
        input=lines,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path / "cache"),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith(f"Chatting with {tiny_model_dir}. Type /help for the commands")
    assert "/reset         forget the conversation" in out and "[system message set: Be brief.]" in out
    assert "[conversation cleared]" in out and "unknown command /nonsense" in out
    assert out.count("assistant> ") == 1  # only "Hi" reached the model; the empty line was skipped
