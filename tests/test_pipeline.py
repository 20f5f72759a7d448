"""Pipeline invariants on the tiny model: stages chain by artifact path and lineage records every
input by hash; a rerun skips every finished stage without building a trainer; a changed config
reruns that stage and what reads its output, moving old outputs aside, never deleting them; a
pipeline killed mid-stage resumes that stage and ends where an uninterrupted run does; the same
pipeline runs under `accelerate launch` with 2 CPU processes; bad pipeline configs fail early."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from alignment import pipeline
from alignment.config import PipelineConfig, load_config
from alignment.core.errors import ConfigError
from alignment.core.provenance import config_hash, sha256_path

REPO = Path(__file__).resolve().parent.parent
CHILD = REPO / "tests" / "helpers" / "pipeline_child.py"
STAGES = ["sft", "reward", "dpo"]
TRAINERS = {"sft": "SFTTrainer", "reward": "_LengthGroupedRewardTrainer", "dpo": "PreferenceTrainer"}
TRAINER_MODULES = {
    "sft": "alignment.stages.sft",
    "reward": "alignment.stages.reward",
    "dpo": "alignment.stages.dpo.offline",
}


def tiny_overrides(run_dir, model_dir, chats_file, pairs_file, *extra) -> list[str]:
    overrides = [
        f"run_dir={run_dir}",
        f"stages=[{', '.join(STAGES)}]",
        f"sft.model.name_or_path={model_dir}",
        f"sft.data.train_files=[{chats_file}]",
        "sft.data.eval_fraction=0.1",
        f"reward.data.sources=[{{files: [{pairs_file}], name: sums}}]",
        "reward.data.test_fraction=0.25",
        f"dpo.data.sources=[{{files: [{pairs_file}], name: sums}}]",
        "dpo.data.test_fraction=0.25",
    ]
    for stage in STAGES:
        overrides += [
            f"{stage}.train.batch_size=2",
            f"{stage}.train.max_steps=4",
            f"{stage}.train.save_steps=2",
            f"{stage}.train.logging_steps=1",
            f"{stage}.train.lr=1e-2",
            f"{stage}.adapter.r=4",
            f"{stage}.adapter.alpha=8",
            f"{stage}.adapter.dropout=0.0",
        ]
    return overrides + list(extra)


def run_pipeline(*overrides: str) -> tuple[PipelineConfig, list[dict]]:
    config = load_config(PipelineConfig, None, list(overrides))
    return config, pipeline.run(config)


def lineage(run_dir: Path) -> dict:
    return json.loads((run_dir / "pipeline.json").read_text())


def statuses(run_dir: Path) -> dict:
    return {name: record["status"] for name, record in lineage(run_dir)["records"].items()}


@pytest.fixture(scope="module")
def finished(tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path_factory):
    root = tmp_path_factory.mktemp("pipeline")
    run_dir = root / "run"
    overrides = tiny_overrides(run_dir, tiny_model_dir, tiny_chats_file, tiny_pairs_file)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALIGNMENT_CACHE", str(root / "cache"))  # DPO caches reference log-probs there
        config, records = run_pipeline(*overrides)
    return config, records, overrides, run_dir


def test_stages_chain_and_lineage_records_inputs_by_hash(finished, tiny_chats_file, tiny_pairs_file):
    config, records, _, run_dir = finished
    assert [(record["stage"], record["status"]) for record in records] == [(name, "ran") for name in STAGES]
    recorded = lineage(run_dir)
    assert recorded["stages"] == STAGES and recorded["config_sha256"] == config_hash(config)
    sft_manifest = json.loads((run_dir / "sft" / "manifest.json").read_text())
    for name in STAGES:
        record, manifest = recorded["records"][name], json.loads((run_dir / name / "manifest.json").read_text())
        assert record["config_sha256"] == manifest["config_sha256"] == config_hash(getattr(config, name))
        assert record["outputs"]["dir"] == str(run_dir / name) and record["outputs"]["files"] == manifest["outputs"]
        assert record["outputs"]["manifest"]["sha256"] == sha256_path(run_dir / name / "manifest.json")
        assert record["metrics"] == manifest["metrics"] and record["metrics"]["steps"] == 4
        assert record["seconds"] > 0 and record["started_at"] <= record["ended_at"]
    sft, reward = recorded["records"]["sft"], recorded["records"]["reward"]
    assert sft["inputs"]["data"] == [{"path": str(tiny_chats_file), "sha256": sha256_path(tiny_chats_file)}]
    assert sft["inputs"]["upstream"] == []
    assert reward["inputs"]["data"] == [{"path": str(tiny_pairs_file), "sha256": sha256_path(tiny_pairs_file)}]
    # The reward model's backbone is the SFT stage's merged model, and lineage says so by hash.
    assert reward["inputs"]["upstream"] == [
        {
            "stage": "sft",
            "manifest": str(run_dir / "sft" / "manifest.json"),
            "sha256": sft["outputs"]["manifest"]["sha256"],
        }
    ]
    assert reward["inputs"]["model"]["path"] == str(run_dir / "sft" / "merged")
    assert reward["inputs"]["model"]["sha256"] == sha256_path(run_dir / "sft" / "merged")
    assert sft_manifest["inputs"]["model"]["sha256"] == sft["inputs"]["model"]["sha256"]
    assert "eval_accuracy_sums" in reward["metrics"]


def test_rerun_skips_every_stage_without_building_a_trainer(finished, monkeypatch, capsys):
    _, _, overrides, run_dir = finished
    manifests = {name: (run_dir / name / "manifest.json").read_bytes() for name in STAGES}
    for name in STAGES:
        module = __import__(TRAINER_MODULES[name], fromlist=["run"])
        monkeypatch.setattr(module, TRAINERS[name], _refuse)
    _, records = run_pipeline(*overrides)
    assert [record["status"] for record in records] == ["skipped"] * len(STAGES)
    assert statuses(run_dir) == dict.fromkeys(STAGES, "skipped")
    assert {name: (run_dir / name / "manifest.json").read_bytes() for name in STAGES} == manifests
    table = capsys.readouterr().out
    assert "eval loss" in table and "acc sums" in table and "total" in table
    assert not list(run_dir.glob("*.stale-*"))


def _refuse(*args, **kwargs):
    raise AssertionError("a skipped stage built a trainer")


def test_changed_config_reruns_that_stage_and_its_readers_and_keeps_old_outputs(
    tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path, capsys
):
    run_dir = tmp_path / "run"
    overrides = tiny_overrides(run_dir, tiny_model_dir, tiny_chats_file, tiny_pairs_file)
    run_pipeline(*overrides)
    first_reward = (run_dir / "reward" / "adapter" / "adapter_model.safetensors").read_bytes()

    # Only reward reruns: sft is upstream of it, and dpo reads sft's output, not reward's.
    run_pipeline(*overrides, "reward.train.lr=5e-3")
    assert statuses(run_dir) == {"sft": "skipped", "reward": "ran", "dpo": "skipped"}
    out = capsys.readouterr().out
    assert "reward: config changed (train.lr); moved the old output aside" in out
    (stale,) = run_dir.glob("reward.stale-*")
    assert (stale / "adapter" / "adapter_model.safetensors").read_bytes() == first_reward  # kept, not deleted
    assert lineage(run_dir)["moved_aside"][0]["to"] == str(stale)

    # A changed SFT config reruns SFT and, since reward and dpo start from SFT's output, both of them.
    run_pipeline(*overrides, "reward.train.lr=5e-3", "sft.train.lr=5e-3")
    assert statuses(run_dir) == {"sft": "ran", "reward": "ran", "dpo": "ran"}
    out = capsys.readouterr().out
    assert "sft: config changed (train.lr)" in out
    assert "reward: upstream sft has new outputs" in out and "dpo: upstream sft has new outputs" in out
    assert [len(list(run_dir.glob(f"{name}.stale-*"))) for name in STAGES] == [1, 2, 1]


def test_changed_data_reruns_the_stage(tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path, capsys):
    chats = tmp_path / "chats.jsonl"
    chats.write_text(tiny_chats_file.read_text())
    run_dir = tmp_path / "run"
    overrides = tiny_overrides(run_dir, tiny_model_dir, chats, tiny_pairs_file, "stages=[sft]", "sft.train.max_steps=1")
    run_pipeline(*overrides)
    chats.write_text("\n".join(chats.read_text().splitlines()[:12]) + "\n")
    run_pipeline(*overrides)
    assert statuses(run_dir) == {"sft": "ran"}
    assert f"data changed ({chats})" in capsys.readouterr().out


def test_a_stage_dir_the_lineage_does_not_know_is_moved_aside(
    tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path, capsys
):
    run_dir = tmp_path / "run"
    (run_dir / "sft").mkdir(parents=True)
    (run_dir / "sft" / "notes.txt").write_text("mine")
    run_pipeline(
        *tiny_overrides(
            run_dir, tiny_model_dir, tiny_chats_file, tiny_pairs_file, "stages=[sft]", "sft.train.max_steps=1"
        )
    )
    (stale,) = run_dir.glob("sft.stale-*")
    assert (stale / "notes.txt").read_text() == "mine"
    assert "sft: no record of it in pipeline.json" in capsys.readouterr().out


def _child(args: list[str], launcher: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("RANK", "LOCAL_RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT")
    }
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1")
    return subprocess.run(
        [*(launcher or [sys.executable]), str(CHILD), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_killed_pipeline_resumes_the_interrupted_stage_and_ends_where_an_uninterrupted_one_does(
    finished, tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path
):
    run_dir = tmp_path / "run"
    args = tiny_overrides(run_dir, tiny_model_dir, tiny_chats_file, tiny_pairs_file)
    killed = _child(["--kill-in", "reward", "--kill-at-step", "3", *args])
    assert killed.returncode == -9, killed.stderr[-3000:]
    assert statuses(run_dir) == {"sft": "ran", "reward": "running"}
    assert (run_dir / "reward" / "checkpoints" / "checkpoint-2" / "COMPLETE").is_file()

    again = _child(args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert statuses(run_dir) == {"sft": "skipped", "reward": "resumed", "dpo": "ran"}
    assert "reward: resume" in again.stdout and "resuming from" in again.stdout
    # Same adapter as the uninterrupted in-process run of the same stages (only run_dir differs).
    _, _, _, straight_dir = finished
    for name in STAGES:
        expected = load_file(straight_dir / name / "adapter" / "adapter_model.safetensors")
        actual = load_file(run_dir / name / "adapter" / "adapter_model.safetensors")
        assert expected.keys() == actual.keys()
        for key in expected:
            assert torch.allclose(actual[key], expected[key], atol=1e-6), f"{name}: {key}"


def test_pipeline_runs_under_two_process_cpu_ddp(tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path):
    run_dir = tmp_path / "run"
    launcher = [
        sys.executable,
        "-m",
        "accelerate.commands.launch",
        "--config_file",
        str(REPO / "recipes" / "accelerate" / "cpu_ddp.yaml"),
        "--main_process_port",
        "29563",
    ]
    # DPO on the top layer only: each rank's batches share the frozen bottom layer between the
    # reference and policy passes (the module swap must not upset DDP's gradient reduction)
    args = tiny_overrides(run_dir, tiny_model_dir, tiny_chats_file, tiny_pairs_file, "dpo.adapter.last_layers=1")
    # PPO too, rewarded by the run's reward stage (its adapter on the shared base), its gradients
    # averaged over the two processes by hand, the frozen bottom layer shared between its roles
    stages = [*STAGES, "kto", "orpo", "ppo", "grpo"]
    for name in ("kto", "orpo"):  # KTO's in-batch KL and ORPO's reference-free loss, each on its rank's batches
        args += [
            f"{name}.data.sources=[{{files: [{tiny_pairs_file}], name: sums}}]",
            f"{name}.data.test_fraction=0.25",
            f"{name}.train.batch_size=2",
            f"{name}.train.max_steps=4",
            f"{name}.train.save_steps=2",
            f"{name}.train.lr=1e-2",
            f"{name}.adapter.r=4",
            f"{name}.adapter.alpha=8",
            f"{name}.adapter.dropout=0.0",
            f"{name}.merge=false",
        ]
    args += [
        f"stages=[{', '.join(stages)}]",
        f"ppo.data.files=[{tiny_chats_file}]",
        "ppo.train.batch_size=2",
        "ppo.ppo.rollout_batch_size=4",
        "ppo.ppo.max_new_tokens=6",
        "ppo.train.max_steps=4",
        "ppo.train.save_steps=2",
        "ppo.adapter.r=4",
        "ppo.adapter.alpha=8",
        "ppo.adapter.dropout=0.0",
        "ppo.adapter.last_layers=1",
        "ppo.train.lr=1e-2",
        "ppo.merge=false",
    ]
    # GRPO: each rank samples its own groups; a verifiable reward on checked prompts, gradients averaged by hand
    checked = tmp_path / "checked.jsonl"
    checked.write_text(
        "".join(
            json.dumps({"prompt": f"What is {a} plus {b}?", "check": {"answer": str(a + b)}}) + "\n"
            for a, b in ((2, 3), (4, 4), (10, 5), (7, 1))
        )
    )
    args += [
        f"grpo.data.files=[{checked}]",
        "grpo.grpo.verifiable_rewards={alignment.rewards:answer_matches: 1.0}",
        "grpo.grpo.group_size=2",
        "grpo.grpo.rollout_batch_size=4",
        "grpo.grpo.max_new_tokens=6",
        "grpo.grpo.kl_coef=0.1",
        "grpo.train.batch_size=2",
        "grpo.train.max_steps=4",
        "grpo.train.save_steps=2",
        "grpo.adapter.r=4",
        "grpo.adapter.alpha=8",
        "grpo.adapter.dropout=0.0",
        "grpo.adapter.last_layers=1",
        "grpo.train.lr=1e-2",
        "grpo.merge=false",
    ]
    done = _child(args, launcher)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "2 processes" in done.stdout and "1 frozen bottom layers run once per batch" in done.stdout
    assert "x 2 process(es)" in done.stdout and "adapter on the policy's base" in done.stdout
    assert "reference log-probs: per step under 2 processes" in done.stdout  # KTO says why it does not precompute
    assert statuses(run_dir) == dict.fromkeys(stages, "ran")
    assert done.stdout.count("[pipeline] done") == 1  # the summary comes from rank 0 only
    for name in stages:
        assert json.loads((run_dir / name / "manifest.json").read_text())["metrics"]["steps"] == 4
    again = _child(args, launcher)
    assert again.returncode == 0, again.stderr[-3000:]
    assert statuses(run_dir) == dict.fromkeys(stages, "skipped")


@pytest.mark.parametrize(
    "overrides, message",
    [
        (["stages=[reward, sft]"], "must list each stage once, in the order sft, judge, reward"),
        (["stages=[sft, sft]"], "must list each stage once"),
        (["reward.run_dir=elsewhere"], "reward.run_dir: the pipeline writes every stage under run_dir"),
        (
            ["reward.model.name_or_path=other"],
            "reward.model.name_or_path: the pipeline starts reward from the sft output",
        ),
        (["sft.merge=false"], "sft.merge: the later stages load the merged SFT model"),
        (["sft.train.max_step=3"], "did you mean 'sft.train.max_steps'"),
    ],
)
def test_bad_pipeline_configs_fail_before_anything_runs(overrides, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(PipelineConfig, None, ["run_dir=runs/never", *overrides])


def test_the_pipeline_fills_in_run_dir_and_the_model_of_stages_after_sft():
    config = load_config(PipelineConfig, None, ["run_dir=runs/x"])
    assert config.sft.run_dir == config.reward.run_dir == config.dpo.run_dir == "runs/x"
    assert config.reward.model.name_or_path == config.dpo.model.name_or_path == "runs/x/sft"
    alone = load_config(PipelineConfig, None, ["stages=[reward]", "reward.model.name_or_path=my-model"])
    assert alone.reward.model.name_or_path == "my-model"


def test_the_pipeline_fills_in_the_eval_models_judge_and_report_dir():
    config = load_config(PipelineConfig, None, ["run_dir=runs/x", "stages=[sft, reward, dpo, eval]"])
    assert config.eval.models == {"base": config.sft.model.name_or_path, "sft": "runs/x/sft", "dpo": "runs/x/dpo"}
    assert config.eval.judge == "runs/x/reward" and config.eval.out == "runs/x/eval"
    mine = load_config(
        PipelineConfig,
        None,
        [
            "run_dir=runs/x",
            "stages=[dpo, eval]",
            "dpo.model.name_or_path=m",
            "eval.models={a: m, b: runs/x/dpo}",
            "eval.judge=j",
        ],
    )
    assert mine.eval.models == {"a": "m", "b": "runs/x/dpo"} and mine.eval.judge == "j"
    named = load_config(
        PipelineConfig, None, ["run_dir=runs/y", "stages=[sft, dpo, eval]", "eval.models={s: sft, d: dpo}"]
    )
    assert named.eval.models == {"s": "runs/y/sft", "d": "runs/y/dpo"}
    unlisted = load_config(
        PipelineConfig,
        None,
        ["run_dir=runs/y", "stages=[dpo, eval]", "dpo.model.name_or_path=m", "eval.models={s: sft, d: dpo}"],
    )
    assert unlisted.eval.models == {"s": "sft", "d": "runs/y/dpo"}  # sft is not a stage of this run: a model name
    with pytest.raises(ConfigError, match=r"eval.out: the pipeline writes the eval report to runs/x/eval"):
        load_config(PipelineConfig, None, ["run_dir=runs/x", "eval.out=elsewhere"])
    with pytest.raises(ConfigError, match="eval.models: nothing to evaluate"):
        load_config(PipelineConfig, None, ["stages=[reward, eval]"])


# ---------------------------------------------------------------------------------------
# The eval stage (last in this file: it adds an eval record to the shared `finished` run)


def test_eval_stage_compares_the_runs_models_and_reruns_only_when_its_inputs_change(finished, tmp_path, capsys):
    from helpers.tiny_eval import write_suite

    config, _, overrides, run_dir = finished
    suite = write_suite(tmp_path / "suite")
    with_eval = [*overrides, f"stages=[{', '.join(STAGES)}, eval]", f"eval.suite={suite}"]
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny models: threads only contend on a busy 2-core machine (~10x slower)
    try:
        _check_eval_stage(config, with_eval, suite, run_dir, capsys)
    finally:
        torch.set_num_threads(threads)


def _check_eval_stage(config, with_eval, suite, run_dir, capsys):
    _, records = run_pipeline(*with_eval)
    assert statuses(run_dir) == {**dict.fromkeys(STAGES, "skipped"), "eval": "ran"}
    results = json.loads((run_dir / "eval" / "results.json").read_text())
    # The pipeline fills in the models (the base SFT started from, then each stage) and the judge.
    assert {model["label"]: model["spec"] for model in results["models"]} == {
        "base": config.sft.model.name_or_path,
        "sft": str(run_dir / "sft"),
        "dpo": str(run_dir / "dpo"),
    }
    assert results["judges"]["helpful_judged"]["path"] == str(run_dir / "reward")
    # DPO's implicit-reward accuracy on its own held-out split, rebuilt from its config.yaml, is the
    # figure the DPO stage wrote itself.
    dpo_eval = json.loads((run_dir / "dpo" / "eval.json").read_text())["overall"]
    dpo_score = results["tasks"]["preference_accuracy"]["scores"]["dpo"]
    assert dpo_score["accuracy"]["n"] == dpo_eval["n"] > 0
    assert round(dpo_score["accuracy"]["value"], 4) == dpo_eval["accuracy"]
    assert dpo_score["margin"]["value"] == pytest.approx(dpo_eval["margin_mean"], abs=2e-3)
    record = lineage(run_dir)["records"]["eval"]
    assert [item["stage"] for item in record["inputs"]["upstream"]] == STAGES  # reward: the judge
    assert record["inputs"]["data"][0] == {"path": str(suite), "sha256": sha256_path(suite)}
    assert (run_dir / "eval" / "manifest.json").is_file() and records[-1]["metrics"]["models"] == ["base", "sft", "dpo"]
    assert "dpo: harmful refusal" in capsys.readouterr().out

    run_pipeline(*with_eval)
    assert statuses(run_dir)["eval"] == "skipped"
    suite.write_text(suite.read_text().replace("seed: 3", "seed: 4"))  # greedy: every answer still cached
    run_pipeline(*with_eval)
    assert statuses(run_dir)["eval"] == "ran"
    assert f"eval: data changed ({suite})" in capsys.readouterr().out


def test_the_summary_ends_with_where_to_look_next(tmp_path):
    from alignment.pipeline import next_steps

    assert next_steps(tmp_path) == []
    (tmp_path / "sft").mkdir()
    (tmp_path / "sft" / "manifest.json").write_text("{}")
    assert next_steps(tmp_path) == [f"Chat with a checkpoint: alignment generate --model {tmp_path / 'sft'}"]
    (tmp_path / "dpo").mkdir()
    (tmp_path / "dpo" / "manifest.json").write_text("{}")
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "report.html").write_text("<html></html>")
    lines = next_steps(tmp_path)
    assert f"Eval report (held-out prompts): {tmp_path / 'eval' / 'report.html'}" in lines
    assert lines[-1].endswith(f"--model {tmp_path / 'dpo'}")


def test_kto_and_orpo_run_in_a_pipeline_from_the_sft_output(tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path):
    run_dir = tmp_path / "run"
    overrides = [
        f"run_dir={run_dir}",
        "stages=[sft, kto, orpo]",
        f"sft.model.name_or_path={tiny_model_dir}",
        f"sft.data.train_files=[{tiny_chats_file}]",
    ]
    for stage in ("sft", "kto", "orpo"):
        overrides += [f"{stage}.train.max_steps=2", f"{stage}.train.batch_size=2", f"{stage}.adapter.r=4"]
        if stage != "sft":
            overrides += [f"{stage}.data.sources=[{{files: [{tiny_pairs_file}], name: sums}}]"]
    config, _ = run_pipeline(*overrides)
    assert config.kto.model.name_or_path == config.orpo.model.name_or_path == str(run_dir / "sft")
    assert statuses(run_dir) == {"sft": "ran", "kto": "ran", "orpo": "ran"}
    for stage in ("kto", "orpo"):
        manifest = json.loads((run_dir / stage / "manifest.json").read_text())
        assert manifest["stage"] == stage and manifest["metrics"]["steps"] == 2
        assert lineage(run_dir)["records"][stage]["inputs"]["upstream"][0]["stage"] == "sft"
    assert list(config.eval.models) == ["base", "sft", "kto", "orpo"]
