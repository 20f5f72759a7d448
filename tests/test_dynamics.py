"""Learning-dynamics probes on tiny runs: what the records hold, that probing leaves training
unchanged, that the frozen-prefix replay gives the numbers a full pass gives, and the
non-finite guard (stops before the bad update, keeps the last checkpoint, saves no output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from helpers.stage_checks import PoisonAt
from safetensors.torch import load_file
from test_dpo_stage import overrides as dpo_overrides
from test_ppo_stage import ppo_overrides, reward_stage  # noqa: F401  (reward_stage: a fixture)
from test_sft_stage import tiny_overrides
from transformers import TrainerCallback

from alignment.config import DPOConfig, PPOConfig, SFTConfig, load_config
from alignment.core.errors import AlignmentError
from alignment.dynamics import probes as dynamics
from alignment.stages import dpo, sft
from alignment.stages.ppo import loop as ppo


@pytest.fixture(scope="module", autouse=True)
def _one_thread(one_thread):
    yield


def records(stage_dir: Path, kind: str | None = None) -> list[dict]:
    lines = [json.loads(line) for line in (stage_dir / "dynamics.jsonl").read_text().splitlines()]
    return [line for line in lines if kind is None or line["kind"] == kind]


@pytest.fixture(scope="module")
def sft_run(tiny_model_dir, tiny_chats_file, tmp_path_factory) -> Path:
    run_dir = tmp_path_factory.mktemp("sft-dynamics")
    config = load_config(
        SFTConfig,
        None,
        tiny_overrides(tiny_model_dir, tiny_chats_file, run_dir, "dynamics.every=2", "dynamics.probes=3"),
    )
    return sft.run(config).output_dir


def test_sft_records_checks_at_step_0_every_n_and_the_end(sft_run):
    setup = records(sft_run, "setup")
    assert len(setup) == 1 and setup[0]["every"] == 2 and len(setup[0]["probes"]) == 3
    assert all(probe["chosen"] and probe["greedy_ids"] for probe in setup[0]["probes"])
    checks = records(sft_run, "check")
    assert [check["step"] for check in checks] == [0, 2, 4]
    assert records(sft_run)[-1]["kind"] == "summary" and records(sft_run)[-1]["checks"] == 3


def test_sft_probe_prompts_are_the_users_message_and_their_chosen_is_its_reply(sft_run, tiny_chats_file):
    """The page's prompt column reads the user's words, not the chat template's last line (`assistant`)."""
    chats = {
        row["messages"][0]["content"]: row["messages"][1]["content"]
        for row in map(json.loads, tiny_chats_file.read_text().splitlines())
    }
    probes = records(sft_run, "setup")[0]["probes"]
    assert len(probes) == 3
    for probe in probes:
        assert probe["prompt"] in chats, probe["prompt"]
        assert probe["chosen"] == chats[probe["prompt"]]  # the probe's reply belongs to that very prompt


def test_sft_step_0_is_the_reference_and_training_moves_away(sft_run):
    first, last = records(sft_run, "check")[0], records(sft_run, "check")[-1]
    assert abs(first["means"]["kl"]) < 1e-6 and first["means"]["chosen_change"] == 0.0
    assert last["means"]["kl"] > 0
    assert last["means"]["chosen_change"] > 0  # SFT raises the log-prob of its own held-out kind of reply
    assert first["means"]["margin"] is None  # SFT rows have no rejected reply
    assert first["means"]["entropy"] > 0


def test_sft_network_records_have_one_entry_per_layer(sft_run):
    setup, checks = records(sft_run, "setup")[0], records(sft_run, "check")
    assert setup["layers"] == 2 and setup["heads"] == 4
    assert all(value == 0.0 for modules in checks[0]["lora_norm"].values() for value in modules.values())
    assert sorted(checks[-1]["lora_norm"]) == ["0", "1"]
    assert all(value > 0 for modules in checks[-1]["lora_norm"].values() for value in modules.values())
    assert set(checks[-1]["lora_norm"]["0"]) == set(setup["modules"])
    assert checks[0]["grad_norm"] == {} and sorted(checks[-1]["grad_norm"]) == ["0", "1"]
    entropy = checks[-1]["attention_entropy"]
    assert len(entropy) == 2 and all(len(heads) == 4 and all(value > 0 for value in heads) for heads in entropy)


def test_lora_norm_is_the_norm_of_the_scaled_product():
    from peft import LoraConfig, get_peft_model

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = torch.nn.ModuleList([torch.nn.ModuleDict({"proj": torch.nn.Linear(6, 5)})])

    model = get_peft_model(Net(), LoraConfig(r=2, lora_alpha=6, target_modules=["proj"]))
    module = model.base_model.model.layers[0]["proj"]
    torch.nn.init.normal_(module.lora_B["default"].weight)
    expected = (3.0 * module.lora_B["default"].weight @ module.lora_A["default"].weight).detach().norm()
    assert dynamics.lora_norms(model)["0"]["proj"] == pytest.approx(float(expected), rel=1e-5)


def test_probing_does_not_change_the_training_run(tiny_model_dir, tiny_chats_file, sft_run, tmp_path):
    config = load_config(
        SFTConfig, None, tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path, "dynamics.enabled=false")
    )
    plain = sft.run(config).output_dir
    assert not (plain / "dynamics.jsonl").exists()
    with_probes = load_file(sft_run / "adapter" / "adapter_model.safetensors")
    without = load_file(plain / "adapter" / "adapter_model.safetensors")
    assert with_probes.keys() == without.keys()
    assert all(torch.equal(with_probes[key], without[key]) for key in without)


def test_dpo_margin_and_the_frozen_prefix_replay(tiny_model_dir, tiny_pairs_file, tmp_path, monkeypatch):
    """With adapter.last_layers the probes replay the frozen layer's recorded output: the numbers
    must equal those of full passes (the DPO run's own model, probed again without the replay)."""
    kept = {}

    class Keep(TrainerCallback):
        def on_train_end(self, args, state, control, model=None, **kwargs):
            kept["model"] = model

    config = load_config(
        DPOConfig,
        None,
        dpo_overrides(
            tiny_model_dir, tiny_pairs_file, tmp_path, "dynamics.every=5", "dynamics.probes=3", "adapter.last_layers=1"
        ),
    )
    stage_dir = dpo.run(config, callbacks=[Keep()]).output_dir
    setup, checks = records(stage_dir, "setup")[0], records(stage_dir, "check")
    assert setup["frozen_layers"] == 1 and [check["step"] for check in checks] == [0, 5, 10]
    assert checks[0]["means"]["margin"] == pytest.approx(0.0, abs=1e-6)
    assert all(value is not None for value in checks[-1]["per_probe"]["margin"])
    assert checks[-1]["means"]["margin"] > 0  # separable pairs: DPO raises the margin

    from alignment.models.loading import load_tokenizer

    tokenizer = load_tokenizer(str(tiny_model_dir), config.model)
    probes = [
        dynamics.probe_from_messages(
            tokenizer,
            f"p{i}",
            [{"role": "user", "content": f"What is {i} plus {i + 1}?"}],
            f"{i} plus {i + 1} is {2 * i + 1}.",
            "I can't help with that.",
        )
        for i in range(3)
    ]
    full = _probe_once(kept["model"], tokenizer, probes, config, tmp_path / "full", monkeypatch, prefix=False)
    replayed = _probe_once(kept["model"], tokenizer, probes, config, tmp_path / "replayed", monkeypatch, prefix=True)
    for key in ("chosen_logp", "rejected_logp", "greedy_logp", "kl", "entropy", "margin"):
        assert replayed["per_probe"][key] == pytest.approx(full["per_probe"][key], rel=1e-4, abs=1e-5)
    flat = lambda record: [value for heads in record["attention_entropy"] for value in heads]  # noqa: E731
    assert len(flat(full)) == 8 and flat(replayed) == pytest.approx(flat(full), rel=1e-3, abs=1e-4)


def _probe_once(model, tokenizer, probes, config, stage_dir: Path, monkeypatch, prefix: bool) -> dict:
    from alignment.models import frozen_prefix

    with monkeypatch.context() as patch:
        if not prefix:
            patch.setattr(frozen_prefix, "frozen_prefix_length", lambda model: 0)
        recorder = dynamics.Recorder(
            "dpo",
            config.dynamics,
            stage_dir,
            model,
            tokenizer,
            [dynamics.Probe(**vars(p)) for p in probes],
            [tokenizer.eos_token_id],
            total_steps=1,
            beta=config.dpo.beta,
        )
        recorder.begin(0)
    assert recorder.prefix == (1 if prefix else 0)
    return recorder.checks[0]


def test_a_nan_loss_stops_the_run_and_keeps_the_last_good_checkpoint(tiny_model_dir, tiny_chats_file, tmp_path):
    config = load_config(
        SFTConfig,
        None,
        tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path, "train.max_steps=6", "dynamics.probes=2"),
    )
    with pytest.raises(AlignmentError, match="NaN or inf at step 3.*checkpoint-2"):
        sft.run(config, callbacks=[PoisonAt(2)])
    stage_dir = tmp_path / "sft"
    checkpoints = sorted(path.name for path in (stage_dir / "checkpoints").glob("checkpoint-*"))
    assert checkpoints == ["checkpoint-2"]  # save_steps=2: step 4 and 6 never came
    saved = load_file(stage_dir / "checkpoints" / "checkpoint-2" / "adapter_model.safetensors")
    assert all(torch.isfinite(tensor).all() for tensor in saved.values())
    assert not (stage_dir / "manifest.json").exists() and not (stage_dir / "adapter").exists()
    warnings = records(stage_dir, "warning")
    assert [(w["rule"], w["step"]) for w in warnings] == [("non_finite_loss", 3)]


def test_ppo_records_rollouts_and_fresh_samples(tiny_model_dir, reward_stage, prompts_for_ppo, tmp_path):
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(
            tmp_path,
            tiny_model_dir,
            prompts_for_ppo,
            f"ppo.reward_model={reward_stage}",
            "train.max_steps=4",
            "dynamics.every=2",
            "dynamics.probes=2",
            "dynamics.max_new_tokens=6",
        ),
    )
    stage_dir = ppo.run(config).output_dir
    checks = records(stage_dir, "check")
    assert [check["step"] for check in checks] == [0, 2, 4]
    assert checks[0]["ppo"]["reward"] is None and checks[0]["ppo"]["judge"] is not None
    for check in checks[1:]:
        rollout = [
            line
            for line in map(json.loads, (stage_dir / "metrics.jsonl").read_text().splitlines())
            if check["step"] - 2 < line.get("step", -1) <= check["step"] and "reward" in line
        ]
        assert check["ppo"]["reward"] == pytest.approx(sum(r["reward"] for r in rollout) / len(rollout), rel=1e-5)
        assert 1 <= check["ppo"]["sample_length"] <= 8  # ppo.max_new_tokens, as the rollouts
        assert check["ppo"]["judge"] == check["ppo"]["sample_reward"]  # no dynamics.judge: the reward model
        assert len(check["per_probe"]["sample_reward"]) == 2
        assert check["ppo"]["sample_length"] == pytest.approx(sum(check["per_probe"]["sample_length"]) / 2)
    assert sorted(checks[-1]["lora_norm"]) == ["0", "1"] and sorted(checks[-1]["grad_norm"]) == ["0", "1"]


def test_ppo_probing_does_not_change_the_policy(tiny_model_dir, reward_stage, prompts_for_ppo, tmp_path):
    weights = []
    for enabled in ("true", "false"):
        config = load_config(
            PPOConfig,
            None,
            ppo_overrides(
                tmp_path / enabled,
                tiny_model_dir,
                prompts_for_ppo,
                f"ppo.reward_model={reward_stage}",
                f"dynamics.enabled={enabled}",
                "dynamics.every=1",
                "dynamics.probes=2",
                "dynamics.max_new_tokens=4",
            ),
        )
        weights.append(load_file(ppo.run(config).output_dir / "adapter" / "adapter_model.safetensors"))
    assert weights[0].keys() == weights[1].keys()
    assert all(torch.equal(weights[0][key], weights[1][key]) for key in weights[0])


@pytest.fixture(scope="module")
def prompts_for_ppo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ppo-prompts") / "prompts.jsonl"
    rows = [{"prompt": f"What is {i} plus {i}?", "chosen": f"It is {2 * i}.", "rejected": "No."} for i in range(6)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_probing_and_the_guard_are_off_under_fsdp(tmp_path, capsys):
    """FSDP shards the weights over processes: a probe on rank 0 alone cannot run, so it is said and skipped."""
    from types import SimpleNamespace

    from alignment.config import DynamicsConfig
    from alignment.dynamics.hooks import DynamicsCallback

    callback = DynamicsCallback(
        "sft", DynamicsConfig(), tmp_path, tokenizer=None, probes=[dynamics.Probe("p0", "hi", [1])]
    )
    args = SimpleNamespace(fsdp="full_shard", deepspeed=None)
    callback.on_train_begin(args, SimpleNamespace(is_world_process_zero=True, global_step=0, max_steps=4), None)
    assert callback.recorder is None and not callback.guard
    assert "dynamics: off under FSDP / DeepSpeed" in capsys.readouterr().out
    assert not (tmp_path / "dynamics.jsonl").exists()


def test_probe_files_replace_the_held_out_sample(tiny_model_dir, tiny_chats_file, prompts_for_ppo, tmp_path):
    config = load_config(
        SFTConfig,
        None,
        tiny_overrides(
            tiny_model_dir,
            tiny_chats_file,
            tmp_path,
            "train.max_steps=2",
            f"dynamics.probe_files=[{prompts_for_ppo}]",
            "dynamics.probes=2",
        ),
    )
    stage_dir = sft.run(config).output_dir
    probes = records(stage_dir, "setup")[0]["probes"]
    file_rows = [json.loads(line) for line in prompts_for_ppo.read_text().splitlines()]
    assert len(probes) == 2
    for probe in probes:
        row = next(row for row in file_rows if row["prompt"] == probe["prompt"])
        assert probe["chosen"] == row["chosen"] and probe["rejected"] == row["rejected"]
    assert records(stage_dir, "check")[-1]["means"]["margin"] is not None  # the file's rows carry both replies


def test_ppo_judge_can_be_another_reward_model(tiny_model_dir, reward_stage, prompts_for_ppo, tmp_path):
    """dynamics.judge loads a reward stage on its own (here the same stage: the scores must agree)."""
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(
            tmp_path,
            tiny_model_dir,
            prompts_for_ppo,
            f"ppo.reward_model={reward_stage}",
            "dynamics.every=2",
            "dynamics.probes=2",
            f"dynamics.judge={reward_stage}",
        ),
    )
    last = records(ppo.run(config).output_dir, "check")[-1]
    assert last["per_probe"]["judge"] == pytest.approx(last["per_probe"]["sample_reward"], rel=1e-3, abs=1e-4)
    # a judge of its own is logged as the gold reward beside the proxy, with the KL of that check
    assert last["per_probe"]["gold"] == last["per_probe"]["judge"] and last["ppo"]["gold"] == last["ppo"]["judge"]
    assert last["ppo"]["kl"] is not None


def _untrained_lora(tiny_model_dir):
    """A tiny model with a fresh LoRA adapter, its tokenizer and three probes."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    from alignment.config import ModelConfig
    from alignment.models.loading import load_tokenizer

    model = get_peft_model(
        AutoModelForCausalLM.from_pretrained(tiny_model_dir), LoraConfig(r=4, target_modules="all-linear")
    )
    tokenizer = load_tokenizer(str(tiny_model_dir), ModelConfig(name_or_path=str(tiny_model_dir)))
    probes = [
        dynamics.probe_from_messages(
            tokenizer, f"p{i}", [{"role": "user", "content": f"What is {i} plus 1?"}], f"It is {i + 1}.", "No."
        )
        for i in range(3)
    ]
    return model, tokenizer, probes


def test_a_resumed_log_without_its_setup_is_moved_aside_not_lost(tiny_model_dir, tmp_path):
    model, tokenizer, probes = _untrained_lora(tiny_model_dir)
    old = '{"kind": "check", "step": 2, "means": {}}\n'
    (tmp_path / "dynamics.jsonl").write_text(old)
    recorder = dynamics.Recorder(
        "sft",
        load_config(SFTConfig, None, []).dynamics,
        tmp_path,
        model,
        tokenizer,
        probes,
        [tokenizer.eos_token_id],
        total_steps=8,
    )
    recorder.begin(4)
    [aside] = list(tmp_path.glob("dynamics.stale-*.jsonl"))
    assert aside.read_text() == old
    assert [r["kind"] for r in records(tmp_path)] == ["setup"]


def test_step_0_reuses_the_reference_pass_only_because_it_gives_the_same_numbers(tiny_model_dir, tmp_path, monkeypatch):
    """At step 0 a LoRA update is exactly zero, so the step-0 check takes the reference pass's numbers
    instead of a second forward: a forward of the adapted model must give the same ones."""
    model, tokenizer, probes = _untrained_lora(tiny_model_dir)
    first = {}
    for reuse in (True, False):
        with monkeypatch.context() as patch:
            if not reuse:
                patch.setattr(dynamics.Recorder, "_unchanged", lambda self: False)
            recorder = dynamics.Recorder(
                "dpo",
                load_config(DPOConfig, None, []).dynamics,
                tmp_path / str(reuse),
                model,
                tokenizer,
                [dynamics.Probe(**vars(p)) for p in probes],
                [tokenizer.eos_token_id],
                total_steps=4,
            )
            recorder.begin(0)
        first[reuse] = recorder.checks[0]
    for key in ("chosen_logp", "rejected_logp", "greedy_logp", "entropy", "kl"):
        assert first[True]["per_probe"][key] == pytest.approx(first[False]["per_probe"][key], rel=1e-5, abs=1e-6)
    flat = lambda record: [value for heads in record["attention_entropy"] for value in heads]  # noqa: E731
    assert flat(first[True]) == pytest.approx(flat(first[False]), rel=1e-4)


def test_a_nan_in_ppo_stops_before_the_update_and_keeps_the_last_checkpoint(
    tiny_model_dir, reward_stage, prompts_for_ppo, tmp_path, monkeypatch
):
    calls = {"n": 0}
    original = ppo.ppo_policy_loss

    def poisoned(*args, **kwargs):  # NaN from the first minibatch of iteration 3 (2 minibatches x 2 epochs each)
        calls["n"] += 1
        loss, clipfrac, approx_kl = original(*args, **kwargs)
        return (loss * float("nan") if calls["n"] > 8 else loss), clipfrac, approx_kl

    monkeypatch.setattr(ppo, "ppo_policy_loss", poisoned)
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(
            tmp_path,
            tiny_model_dir,
            prompts_for_ppo,
            f"ppo.reward_model={reward_stage}",
            "train.max_steps=4",
            "dynamics.probes=2",
        ),
    )
    with pytest.raises(AlignmentError, match="NaN or inf at step 3.*checkpoint-2"):
        ppo.run(config)
    stage_dir = tmp_path / "ppo"
    assert sorted(path.name for path in (stage_dir / "checkpoints").glob("checkpoint-*")) == ["checkpoint-2"]
    assert not (stage_dir / "manifest.json").exists() and not (stage_dir / "adapter").exists()
    assert [(w["rule"], w["step"]) for w in records(stage_dir, "warning")] == [("non_finite_loss", 3)]
