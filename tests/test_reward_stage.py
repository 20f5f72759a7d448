"""Reward stage invariants on tiny models: loss falls and a separable set is learnt exactly; only
LoRA and head tensors change; TRL's loss is our Bradley-Terry loss (margin, centering); ranked
lists expand as configured; ties count as wrong; outputs, eval.json and provenance; the scoring
API and CLI agree with the stage's evaluation; a BERT-style encoder backbone with plain-text
rendering; bad input fails before anything is written; skip, refusal and resume after kill -9."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file
from transformers import TrainerCallback

from alignment.cli.main import main as cli_main
from alignment.config import RewardConfig, load_config
from alignment.core.errors import AlignmentError, ConfigError, DataError
from alignment.losses import bradley_terry_loss
from alignment.models.reward_model import PLAIN_TEXT_TEMPLATE, load_reward_model, pair_statistics
from alignment.stages import reward

REPO = Path(__file__).resolve().parent.parent
CHILD = REPO / "tests" / "helpers" / "stage_child.py"


def write_ranked(path: Path, n: int = 10) -> Path:
    """n ranked rows of 3 responses (best first by rank): 2 pairs each under best_vs_rest, 3 under all_pairs."""
    rows = [
        {
            "prompt": f"Convert {i} km to miles.",
            "responses": [f"{i} km is about {i * 0.62:.2f} miles.", "No.", "Maybe later."],
            "ranks": [1, 2, 3],
        }
        for i in range(n)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


@pytest.fixture(scope="module")
def ranked_file(tmp_path_factory) -> Path:
    return write_ranked(tmp_path_factory.mktemp("ranked") / "ranked.jsonl")


def overrides(model_dir, pairs_file, ranked_file, run_dir, *extra) -> list[str]:
    sources = f"{{files: [{pairs_file}], name: sums}}"
    if ranked_file is not None:
        sources += f", {{files: [{ranked_file}], name: ranked}}"
    return [
        f"run_dir={run_dir}",
        f"model.name_or_path={model_dir}",
        f"data.sources=[{sources}]",
        "data.test_fraction=0.25",
        "train.batch_size=4",
        "train.max_steps=24",
        "train.save_steps=8",
        "train.logging_steps=1",
        "train.lr=1e-2",
        "adapter.r=4",
        "adapter.alpha=8",
        "adapter.dropout=0.0",
        "reward.eval_batch_size=5",
        *extra,
    ]


class Capture(TrainerCallback):
    def on_train_end(self, args, state, control, model=None, **kwargs):
        self.model = model


@pytest.fixture(scope="module")
def trained(tiny_model_dir, tiny_pairs_file, ranked_file, tmp_path_factory):
    """One in-process run on separable pairs + ranked lists; (config, result, trained model)."""
    run_dir = tmp_path_factory.mktemp("run")
    config = load_config(
        RewardConfig,
        None,
        overrides(
            tiny_model_dir,
            tiny_pairs_file,
            ranked_file,
            run_dir,
            "reward.use_margin=true",
            "reward.center_coefficient=0.01",
        ),
    )
    capture = Capture()
    result = reward.run(config, callbacks=[capture])
    return config, result, capture.model


def _losses(stage_dir: Path) -> list[float]:
    lines = [json.loads(line) for line in (stage_dir / "metrics.jsonl").read_text().splitlines()]
    return [line["loss"] for line in lines if "loss" in line]


def test_loss_decreases_and_the_separable_set_is_learnt_exactly(trained):
    _, result, _ = trained
    losses = _losses(result.output_dir)
    assert len(losses) == 24
    assert sum(losses[-4:]) / 4 < 0.5 * sum(losses[:4]) / 4
    evaluation = json.loads((result.output_dir / "eval.json").read_text())
    assert evaluation["subsets"]["sums"]["accuracy"] == 1.0
    assert evaluation["subsets"]["ranked"]["accuracy"] == 1.0
    assert result.metrics["eval_accuracy"] == 1.0


def test_ranked_lists_expand_to_the_configured_pairs(trained, tiny_model_dir, tiny_pairs_file, ranked_file, tmp_path):
    _, result, _ = trained
    assert result.metrics["data"]["ranked"]["read"] == 20  # 10 rows x (k - 1 = 2) best_vs_rest
    assert result.metrics["data"]["sums"]["read"] == 24
    from alignment.data.mixture import load_preference_data
    from alignment.models.loading import load_reward_tokenizer

    config = load_config(
        RewardConfig, None, overrides(tiny_model_dir, tiny_pairs_file, ranked_file, tmp_path, "data.ranking=all_pairs")
    )
    data = load_preference_data(config.data, load_reward_tokenizer(config.model))
    assert {report.name: report.read for report in data.sources} == {"sums": 24, "ranked": 30}  # k(k-1)/2 = 3


def test_margins_enter_the_training_rows_scaled(tiny_model_dir, tiny_pairs_file, ranked_file, tmp_path):
    from alignment.data.mixture import load_preference_data
    from alignment.models.loading import load_reward_tokenizer
    from alignment.models.reward_model import prepare_tokenizer

    config = load_config(
        RewardConfig,
        None,
        overrides(
            tiny_model_dir, tiny_pairs_file, ranked_file, tmp_path, "reward.use_margin=true", "reward.margin_scale=0.5"
        ),
    )
    tokenizer = prepare_tokenizer(load_reward_tokenizer(config.model))
    data = load_preference_data(config.data, tokenizer)
    rows = reward.encode_pairs(tokenizer, data.train, config, data, split="train")
    by_subset = {}
    for pair, row in zip(data.train, rows):
        by_subset.setdefault(pair.subset, set()).add(row["margin"])
    assert by_subset == {"sums": {0.0}, "ranked": {0.5, 1.0}}  # rank gaps 1 and 2, times 0.5; plain pairs 0


def test_trl_loss_is_our_bradley_terry_loss(trained, tmp_path):
    """TRL computes the training loss; it must equal alignment.losses on the same rewards."""
    from datasets import Dataset

    config, _, model = trained
    rows = [
        {"chosen_ids": [5, 6, 7, 8], "rejected_ids": [9, 10], "margin": 1.5, "length": 6},
        {"chosen_ids": [11, 12], "rejected_ids": [13, 14, 15], "margin": 0.0, "length": 5},
    ]
    from trl.trainer.reward_trainer import DataCollatorForPreference

    from alignment.models.loading import load_reward_tokenizer

    tokenizer = load_reward_tokenizer(config.model)
    trainer = reward._LengthGroupedRewardTrainer(
        model=model,
        args=reward._trl_args(config, tmp_path),
        train_dataset=Dataset.from_list(rows),
        processing_class=tokenizer,
    )
    batch = DataCollatorForPreference(pad_token_id=tokenizer.pad_token_id)(rows)
    model.eval()
    with torch.no_grad():
        trl_loss = trainer.compute_loss(model, dict(batch))
        rewards = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits.squeeze(-1)
    ours = bradley_terry_loss(rewards[:2], rewards[2:], batch["margin"], center_coefficient=0.01)
    assert trl_loss.item() == pytest.approx(ours.item(), abs=1e-6)
    assert abs(rewards[0] - rewards[2]) > 1e-3  # a real comparison, not two zero rewards


def test_only_lora_and_head_tensors_change(trained, tiny_model_dir):
    _, _, model = trained
    base = load_file(tiny_model_dir / "model.safetensors")
    trained_names = []
    for name, tensor in model.named_parameters():
        if "lora_" in name or "modules_to_save" in name:
            trained_names.append(name)
            continue
        if "score.original_module" in name:
            continue  # the head's untrained copy peft keeps; the causal LM base has no head
        base_name = name.replace("base_model.model.", "").replace(".base_layer", "")
        assert torch.equal(tensor.detach().cpu(), base[base_name].to(tensor.dtype)), f"{base_name} changed"
    head = dict(model.named_parameters())["base_model.model.score.modules_to_save.default.weight"]
    start = dict(model.named_parameters())["base_model.model.score.original_module.weight"]
    assert not torch.equal(head, start)  # the head trained in full
    assert any("lora_B" in name and dict(model.named_parameters())[name].abs().sum() > 0 for name in trained_names)


def test_stage_writes_outputs_eval_and_provenance(trained, tiny_pairs_file, ranked_file):
    config, result, _ = trained
    stage = result.output_dir
    for name in (
        "adapter/adapter_model.safetensors",
        "adapter/adapter_config.json",
        "merged/model.safetensors",
        "config.yaml",
        "metrics.jsonl",
        "eval.json",
        "manifest.json",
        "README.md",
        "checkpoints/checkpoint-24/COMPLETE",
    ):
        assert (stage / name).is_file(), name
    assert load_config(RewardConfig, stage / "config.yaml") == config
    manifest = json.loads((stage / "manifest.json").read_text())
    assert [item["path"] for item in manifest["inputs"]["data"]] == [str(tiny_pairs_file), str(ranked_file)]
    assert manifest["metrics"]["steps"] == 24 and manifest["outputs"] == ["adapter/", "merged/"]
    evaluation = json.loads((stage / "eval.json").read_text())
    assert evaluation["overall"]["n"] == sum(subset["n"] for subset in evaluation["subsets"].values())
    assert set(evaluation["subsets"]["sums"]["chosen"]) == {"mean", "std", "p5", "p25", "p50", "p75", "p95"}
    assert evaluation["subsets"]["sums"]["margin_mean"] > 0
    card = (stage / "README.md").read_text()
    assert "## Held-out evaluation" in card and "| sums |" in card and "alignment score" in card
    adapter_config = json.loads((stage / "adapter" / "adapter_config.json").read_text())
    assert adapter_config["task_type"] == "SEQ_CLS" and "score" in adapter_config["modules_to_save"]


def test_scoring_api_reproduces_the_stage_evaluation(trained):
    _, result, model = trained
    evaluation = json.loads((result.output_dir / "eval.json").read_text())
    prompts = [f"What is {i} plus {i + 1}?" for i in range(3)]
    responses = [f"{i} plus {i + 1} is {2 * i + 1}." for i in range(3)]
    merged = load_reward_model(str(result.output_dir))  # stage dir -> merged/
    adapter = load_reward_model(str(result.output_dir / "adapter"))
    one_by_one = [merged.score([p], [r])[0] for p, r in zip(prompts, responses)]
    batched = merged.score(prompts, responses, batch_size=2)
    assert batched == pytest.approx(one_by_one, abs=1e-5)  # padding does not move the reward
    assert adapter.score(prompts, responses) == pytest.approx(batched, abs=1e-5)
    refusal = merged.score(prompts, ["I can't help with that."] * 3)
    assert all(good > bad for good, bad in zip(batched, refusal))
    assert evaluation["subsets"]["sums"]["accuracy"] == 1.0
    assert_saved_models_reproduce_eval_json(result.output_dir, trained[0])


def rescored_evaluation(config: RewardConfig, model_path: Path) -> dict:
    """The held-out pairs scored again by a saved model, exactly as the stage built them."""
    from alignment.data.mixture import load_preference_data

    loaded = load_reward_model(str(model_path))
    data = load_preference_data(config.data, loaded.tokenizer)
    rows = reward.encode_pairs(loaded.tokenizer, data.test, config, data, split="test")
    return reward.evaluate(loaded.model, loaded.tokenizer, rows, config.reward.eval_batch_size)


def assert_saved_models_reproduce_eval_json(stage_dir: Path, config: RewardConfig) -> None:
    """adapter/ and merged/ are the model eval.json measured (eval.json rounds to 4 decimals)."""
    recorded = json.loads((stage_dir / "eval.json").read_text())
    assert recorded["overall"]["n"] > 0
    for model_path in (stage_dir / "adapter", stage_dir / "merged"):
        again = rescored_evaluation(config, model_path)
        for name, subset in {**recorded["subsets"], "overall": recorded["overall"]}.items():
            other = again["overall"] if name == "overall" else again["subsets"][name]
            assert other["n"] == subset["n"] and other["accuracy"] == subset["accuracy"], (model_path, name)
            assert other["margin_mean"] == pytest.approx(subset["margin_mean"], abs=2e-4), (model_path, name)
            for side in ("chosen", "rejected"):
                for key, value in subset[side].items():
                    assert other[side][key] == pytest.approx(value, abs=2e-4), (model_path, name, side, key)


def test_ties_count_as_wrong_and_the_overall_score_is_weighted_by_count():
    figures = pair_statistics(["a", "a", "a", "b"], [1.0, 2.0, 0.0, 5.0], [1.0, 1.0, 3.0, 4.0])
    assert figures["subsets"]["a"]["accuracy"] == pytest.approx(1 / 3, abs=1e-4)  # the tie is wrong
    assert figures["subsets"]["a"]["ties"] == 1
    assert figures["subsets"]["b"]["accuracy"] == 1.0
    assert figures["overall"]["accuracy"] == 0.5  # (1 + 1) / 4, not the mean of 1/3 and 1
    assert figures["overall"]["margin_mean"] == pytest.approx((0 + 1 - 3 + 1) / 4)


def test_rerun_skips_and_a_changed_config_is_refused(trained, tmp_path):
    config, result, _ = trained
    manifest = result.output_dir / "manifest.json"
    before = manifest.read_text()
    assert reward.run(config).skipped and manifest.read_text() == before
    manifest.rename(tmp_path / "manifest.json")  # pretend the run was interrupted
    try:
        changed = load_config(RewardConfig, result.output_dir / "config.yaml", ["reward.margin_scale=2.0"])
        with pytest.raises(AlignmentError, match=r"different config \(changed: reward.margin_scale\)"):
            reward.run(changed)
    finally:
        manifest.write_text(before)


# ---- bad input: fails before training, writes nothing ----


def _bad_run(tiny_model_dir, rows, tmp_path, *extra):
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    config = load_config(RewardConfig, None, overrides(tiny_model_dir, path, None, tmp_path / "run", *extra))
    return config


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"prompt": "Hi", "chosen": "Hello!", "rejected": ""}], r"bad.jsonl:1: rejected: empty string"),
        (
            [{"prompt": "Q", "responses": ["a", "b", "c"], "ranks": [1, 1, 1]}],
            r"bad.jsonl:1: ranks: all responses are tied",
        ),
        ([{"prompt": "Hi", "chosen": "Same.", "rejected": "Same."}], r"bad.jsonl:1: chosen: identical to rejected"),
    ],
    ids=["empty-response", "all-tied", "identical"],
)
def test_unusable_rows_fail_before_anything_is_written(tiny_model_dir, tmp_path, rows, message):
    config = _bad_run(tiny_model_dir, rows * 4, tmp_path)
    with pytest.raises(DataError, match=message):
        reward.run(config)
    assert not (tmp_path / "run").exists()


def test_every_pair_over_max_length_fails_before_anything_is_written(tiny_model_dir, tiny_pairs_file, tmp_path):
    config = load_config(
        RewardConfig, None, overrides(tiny_model_dir, tiny_pairs_file, None, tmp_path / "run", "data.max_length=8")
    )
    with pytest.raises(
        DataError, match=r"no training pairs left after filtering \(max_length=8 tokens, truncation=auto\)"
    ):
        reward.run(config)
    assert not (tmp_path / "run").exists()


LLAMAFACTORY_ZH = REPO.parent / "shared" / "data" / "llamafactory" / "dpo_zh_demo.json"


@pytest.mark.skipif(not LLAMAFACTORY_ZH.is_file(), reason="needs ../shared/data/llamafactory (conformance data)")
def test_a_public_file_with_duplicates_and_long_answers_trains_as_it_comes(tiny_model_dir, tmp_path):
    """LLaMA-Factory's dpo_zh_demo.json, unedited: its duplicates are dropped and counted, its long
    answers cut to fit, and every distinct pair trains or is held out."""
    extra = ["data.max_length=128", "train.max_steps=2", "train.save_steps=2"]
    config = load_config(RewardConfig, None, overrides(tiny_model_dir, LLAMAFACTORY_ZH, None, tmp_path / "run", *extra))
    source = reward.run(config).metrics["data"]["sums"]
    duplicates = source["dropped_by_reason"].get("duplicate of an earlier pair", 0)
    assert source["read"] == 300 and source["dropped"] == duplicates  # nothing dropped for its length
    assert source["train"] + source["test"] == 300 - duplicates and source["cut_to_fit"] > 100


def test_margin_on_plain_pairs_only_is_refused(tiny_model_dir, tiny_pairs_file, tmp_path):
    config = load_config(
        RewardConfig, None, overrides(tiny_model_dir, tiny_pairs_file, None, tmp_path / "run", "reward.use_margin=true")
    )
    with pytest.raises(ConfigError, match="no training pair has a margin"):
        reward.run(config)
    assert not (tmp_path / "run").exists()


# ---- an encoder backbone with its own tokenizer ----


def build_tiny_encoder(out: Path, kind: str = "bert") -> Path:
    """A 2-layer encoder with an uncased WordPiece tokenizer and no chat template, built here.
    kind: "bert"; "bert-no-pooler" (a checkpoint without the pooler BertForSequenceClassification
    uses, like a masked-LM checkpoint); "distilbert" (whose classification class adds
    `pre_classifier`). 256 positions."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, DistilBertConfig, DistilBertModel, PreTrainedTokenizerFast

    backend = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    backend.normalizer = normalizers.BertNormalizer(lowercase=True)
    backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    corpus = [
        "user assistant system what is plus km miles convert about no maybe later help with that can't : ? . ,"
        + " ".join(str(i) for i in range(60))
    ] * 4
    backend.train_from_iterator(corpus, trainers.WordPieceTrainer(vocab_size=300, special_tokens=specials))
    backend.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        special_tokens=[("[CLS]", backend.token_to_id("[CLS]")), ("[SEP]", backend.token_to_id("[SEP]"))],
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )
    torch.manual_seed(0)
    if kind == "distilbert":
        config = DistilBertConfig(
            vocab_size=len(tokenizer),
            dim=32,
            n_layers=2,
            n_heads=2,
            hidden_dim=64,
            max_position_embeddings=256,
            pad_token_id=tokenizer.pad_token_id,
        )
        model = DistilBertModel(config)
    else:
        config = BertConfig(
            vocab_size=len(tokenizer),
            hidden_size=32,
            num_hidden_layers=2,
            num_attention_heads=2,
            intermediate_size=64,
            max_position_embeddings=256,
            pad_token_id=tokenizer.pad_token_id,
        )
        model = BertModel(config, add_pooling_layer=kind != "bert-no-pooler")
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    return out


def test_encoder_backbone_renders_plain_text_and_scores_like_its_evaluation(tiny_pairs_file, tmp_path):
    encoder = build_tiny_encoder(tmp_path / "encoder")
    config = load_config(
        RewardConfig,
        None,
        overrides(encoder, tiny_pairs_file, None, tmp_path / "run", "train.max_steps=12", "data.max_length=256"),
    )
    result = reward.run(config)
    stage = result.output_dir
    assert (stage / "adapter" / "adapter_model.safetensors").is_file() and (stage / "merged").is_dir()
    model = load_reward_model(str(stage / "adapter"))
    assert model.tokenizer.chat_template == PLAIN_TEXT_TEMPLATE  # saved with the model: scoring renders the same
    ids = model.tokenizer(
        model.tokenizer.apply_chat_template(
            [{"role": "user", "content": "What is 1 plus 2?"}, {"role": "assistant", "content": "3."}], tokenize=False
        )
    )
    assert model.tokenizer.decode(ids["input_ids"]) == "[CLS] user : what is 1 plus 2 ? assistant : 3 . [SEP]"
    assert (
        model.tokenizer.apply_chat_template(
            [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Yo"}], tokenize=False
        )
        == "User: Hi\nAssistant: Yo"
    )
    merged = load_reward_model(str(stage))
    prompts, replies = ["What is 3 plus 4?"] * 2, ["3 plus 4 is 7.", "I can't help with that."]
    assert merged.score(prompts, replies) == pytest.approx(model.score(prompts, replies), abs=1e-5)


@pytest.mark.parametrize("kind, fresh", [("bert-no-pooler", "bert.pooler.dense"), ("distilbert", "pre_classifier")])
def test_backbone_modules_missing_from_the_checkpoint_train_and_are_saved(tiny_pairs_file, tmp_path, kind, fresh):
    """Modules the classification class adds besides the head start from random: they must train and
    be saved with the adapter, so adapter/ and merged/ are the model eval.json measured. (DistilBERT's
    pre_classifier also ends in "classifier", which peft saves whole: LoRA must stay off it.)"""
    encoder = build_tiny_encoder(tmp_path / "encoder", kind)
    config = load_config(
        RewardConfig,
        None,
        overrides(encoder, tiny_pairs_file, None, tmp_path / "run", "train.max_steps=8", "data.max_length=256"),
    )
    result = reward.run(config)
    adapter_config = json.loads((result.output_dir / "adapter" / "adapter_config.json").read_text())
    assert fresh in adapter_config["modules_to_save"]
    saved = load_file(result.output_dir / "adapter" / "adapter_model.safetensors")
    assert any(f"{fresh}.weight" in name for name in saved) and not any(f"{fresh}.lora_" in name for name in saved)
    assert_saved_models_reproduce_eval_json(result.output_dir, config)


def test_max_length_over_the_position_limit_is_refused_before_anything_is_written(tiny_pairs_file, tmp_path):
    encoder = build_tiny_encoder(tmp_path / "encoder")
    config = load_config(
        RewardConfig, None, overrides(encoder, tiny_pairs_file, None, tmp_path / "run", "data.max_length=300")
    )
    with pytest.raises(ConfigError, match=r"data.max_length=300 is more than .* \(256 positions\)"):
        reward.run(config)
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize(
    "setting, message",
    [
        ("reward.eval_batch_size=0", "reward.eval_batch_size must be at least 1, got 0"),
        ("reward.center_coefficient=-5", "reward.center_coefficient must be 0 .* got -5"),
        ("reward.margin_scale=-3", "reward.margin_scale must be 0 or positive .* got -3"),
    ],
    ids=["eval-batch", "center", "margin-scale"],
)
def test_bad_reward_settings_are_refused_before_anything_loads(tiny_pairs_file, tmp_path, setting, message):
    config = load_config(
        RewardConfig, None, overrides(tmp_path / "no-model-here", tiny_pairs_file, None, tmp_path / "run", setting)
    )
    with pytest.raises(ConfigError, match=message):  # not ModelLoadError: checked before the model loads
        reward.run(config)
    assert not (tmp_path / "run").exists()


def test_plain_text_rendering_is_a_saved_flag_not_a_template_string_match(tmp_path):
    from transformers import AutoTokenizer

    from alignment.models.reward_model import RENDERING_KEY, encode, prepare_tokenizer

    encoder = build_tiny_encoder(tmp_path / "encoder")
    chat = [[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Yo"}]]
    tokenizer = prepare_tokenizer(AutoTokenizer.from_pretrained(encoder))
    expected = encode(tokenizer, chat)
    assert tokenizer.convert_ids_to_tokens(expected[0])[0] == "[CLS]"
    tokenizer.save_pretrained(tmp_path / "saved")
    assert json.loads((tmp_path / "saved" / "tokenizer_config.json").read_text())[RENDERING_KEY] == "plain_text"
    reloaded = AutoTokenizer.from_pretrained(tmp_path / "saved")
    reloaded.chat_template = PLAIN_TEXT_TEMPLATE + "{# edited elsewhere #}"  # same text, different string
    assert encode(prepare_tokenizer(reloaded), chat) == expected
    old = AutoTokenizer.from_pretrained(tmp_path / "saved")  # saved before the flag existed: template only
    old.init_kwargs.pop(RENDERING_KEY)
    assert encode(prepare_tokenizer(old), chat) == expected


def test_a_pair_the_uncased_encoder_cannot_tell_apart_is_refused(tmp_path):
    encoder = build_tiny_encoder(tmp_path / "encoder")
    config = _bad_run(encoder, [{"prompt": "Hi", "chosen": "Yes.", "rejected": "YES."}] * 4, tmp_path)
    with pytest.raises(DataError, match=r"bad.jsonl:1: chosen: same tokens as rejected"):
        reward.run(config)
    assert not (tmp_path / "run").exists()


# ---- the score command ----


def test_score_command_writes_jsonl_for_responses_and_pairs(trained, tiny_pairs_file, tmp_path, capsys):
    _, result, _ = trained
    responses = tmp_path / "responses.jsonl"
    responses.write_text(
        json.dumps({"prompt": "What is 2 plus 3?", "response": "2 plus 3 is 5.", "id": 7})
        + "\n"
        + json.dumps(
            {"prompt": [{"role": "user", "content": "What is 2 plus 3?"}], "response": "I can't help with that."}
        )
        + "\n"
    )
    out = tmp_path / "scores.jsonl"
    assert cli_main(["score", "--model", str(result.output_dir), "--data", str(responses), "--out", str(out)]) == 0
    scored = [json.loads(line) for line in out.read_text().splitlines()]
    assert scored[0]["id"] == 7 and scored[0]["score"] > scored[1]["score"]
    assert scored[0]["score"] == pytest.approx(
        load_reward_model(str(result.output_dir)).score(["What is 2 plus 3?"], ["2 plus 3 is 5."])[0], abs=1e-5
    )

    assert cli_main(["score", "--model", str(result.output_dir), "--data", str(responses), "--out", str(out)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    pairs_out = tmp_path / "pairs_scores.jsonl"
    assert (
        cli_main(["score", "--model", str(result.output_dir), "--data", str(tiny_pairs_file), "--out", str(pairs_out)])
        == 0
    )
    assert "scored 24 pairs; accuracy 1.0000" in capsys.readouterr().out
    first = json.loads(pairs_out.read_text().splitlines()[0])
    assert first["chosen_score"] > first["rejected_score"] and first["source"].endswith("pairs.jsonl:1")


def test_score_command_maps_columns_like_the_data_commands(trained, tmp_path, capsys):
    _, result, _ = trained
    data = tmp_path / "mine.csv"
    data.write_text('question,answer\n"What is 2 plus 3?","2 plus 3 is 5."\n')
    out = tmp_path / "scores.jsonl"
    columns = ["--column", "prompt=question", "--column", "response=answer"]
    assert cli_main(["score", "--model", str(result.output_dir), "--data", str(data), "--out", str(out), *columns]) == 0
    (scored,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert scored["score"] == pytest.approx(
        load_reward_model(str(result.output_dir)).score(["What is 2 plus 3?"], ["2 plus 3 is 5."])[0], abs=1e-5
    )
    bad = ["--column", "promt=question", "--force"]
    assert cli_main(["score", "--model", str(result.output_dir), "--data", str(data), "--out", str(out), *bad]) == 2
    assert "did you mean 'prompt'" in capsys.readouterr().err


def test_score_command_rejects_bad_rows_before_loading_the_model(tmp_path, capsys):
    data = tmp_path / "bad.jsonl"
    data.write_text(json.dumps({"prompt": "Hi", "response": " "}) + "\n")
    code = cli_main(
        ["score", "--model", str(tmp_path / "nowhere"), "--data", str(data), "--out", str(tmp_path / "o.jsonl")]
    )
    assert code == 2 and "bad.jsonl:1: response: missing or empty" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


def test_score_command_refuses_a_directory_as_out_before_scoring(tmp_path, capsys):
    data = tmp_path / "rows.jsonl"
    data.write_text(json.dumps({"prompt": "Hi", "response": "Hello!"}) + "\n")
    (tmp_path / "outdir").mkdir()
    code = cli_main(
        [
            "score",
            "--model",
            str(tmp_path / "nowhere"),
            "--data",
            str(data),
            "--out",
            str(tmp_path / "outdir"),
            "--force",
        ]
    )
    assert code == 2 and "outdir is a directory; give a file path" in capsys.readouterr().err


def test_score_command_reads_trl_conversational_completions_and_refuses_overlong_input(trained, tmp_path, capsys):
    _, result, _ = trained
    data = tmp_path / "conversational.jsonl"
    data.write_text(
        json.dumps(
            {
                "prompt": [{"role": "user", "content": "What is 2 plus 3?"}],
                "completion": [{"role": "assistant", "content": "2 plus 3 is 5."}],
            }
        )
        + "\n"
    )
    out = tmp_path / "scores.jsonl"
    assert cli_main(["score", "--model", str(result.output_dir), "--data", str(data), "--out", str(out)]) == 0
    model = load_reward_model(str(result.output_dir))
    assert json.loads(out.read_text())["score"] == pytest.approx(
        model.score(["What is 2 plus 3?"], ["2 plus 3 is 5."])[0], abs=1e-5
    )
    long_reply = " ".join(str(i) for i in range(1600))  # > 2048 tokens, the tiny Llama's position limit
    with pytest.raises(AlignmentError, match=r"1 of 2 .* longer than .* \(2048 tokens, its position limit\)"):
        model.score(["Hi", "Count."], ["Hello!", long_reply])


def test_a_reward_model_is_refused_where_a_language_model_is_expected(trained):
    from alignment.config import AdapterConfig, ModelConfig
    from alignment.core.errors import ModelLoadError
    from alignment.models.loading import load_for_inference, load_for_lora

    _, result, _ = trained
    for path in (result.output_dir, result.output_dir / "merged", result.output_dir / "adapter"):
        with pytest.raises(ModelLoadError, match="reward model"):
            load_for_inference(str(path))  # alignment generate --model <run>/reward
    with pytest.raises(ModelLoadError, match=r"is a reward model \(LlamaForSequenceClassification\)"):
        load_for_lora(ModelConfig(name_or_path=str(result.output_dir)), AdapterConfig())  # SFT / DPO base
    from alignment.config import DPOConfig
    from alignment.stages.dpo import offline as dpo

    with pytest.raises(ModelLoadError, match=r"is a reward model \(LlamaForSequenceClassification\)"):
        dpo.run(
            DPOConfig(
                run_dir=str(result.output_dir.parent / "dpo-on-reward"),
                model=ModelConfig(name_or_path=str(result.output_dir)),
            )
        )  # not "no chat template"


def test_a_finished_stage_whose_base_model_changed_is_refused(trained):
    config, result, _ = trained
    manifest_file = result.output_dir / "manifest.json"
    before = manifest_file.read_text()
    manifest = json.loads(before)
    manifest["inputs"]["model"]["sha256"] = "0" * 64  # as if the base (an SFT dir) was retrained since
    manifest_file.write_text(json.dumps(manifest))
    try:
        with pytest.raises(AlignmentError, match="was trained on other weights of"):
            reward.run(config)
    finally:
        manifest_file.write_text(before)
    assert reward.run(config).skipped


# ---- resume after kill -9 ----


def _child(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run(
        [sys.executable, str(CHILD), "reward", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )


def test_resume_after_kill_matches_uninterrupted_run(tiny_model_dir, tiny_pairs_file, ranked_file, tmp_path):
    extra = ["train.max_steps=6", "train.save_steps=2", "adapter.dropout=0.1", "merge=false"]  # dropout: RNG matters
    # the uninterrupted run in-process (same code and seed, one interpreter start less)
    reward.run(
        load_config(
            RewardConfig, None, overrides(tiny_model_dir, tiny_pairs_file, ranked_file, tmp_path / "straight", *extra)
        )
    )
    resumed_dir = tmp_path / "resumed"
    args = overrides(tiny_model_dir, tiny_pairs_file, ranked_file, resumed_dir, *extra)
    killed = _child(["--kill-at-step", "5", *args])
    assert killed.returncode == -9
    assert (resumed_dir / "reward" / "checkpoints" / "checkpoint-4" / "COMPLETE").is_file()
    assert not (resumed_dir / "reward" / "manifest.json").exists()
    again = _child(args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "resuming from" in again.stdout and "checkpoint-4" in again.stdout
    expected = load_file(tmp_path / "straight" / "reward" / "adapter" / "adapter_model.safetensors")
    actual = load_file(resumed_dir / "reward" / "adapter" / "adapter_model.safetensors")
    assert expected.keys() == actual.keys() and any("score" in name for name in expected)
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-6), name
    resumed_eval = json.loads((resumed_dir / "reward" / "eval.json").read_text())["overall"]
    straight_eval = json.loads((tmp_path / "straight" / "reward" / "eval.json").read_text())["overall"]
    assert resumed_eval["accuracy"] == straight_eval["accuracy"]
    assert resumed_eval["margin_mean"] == pytest.approx(straight_eval["margin_mean"], abs=1e-3)


def test_reward_command_resolves_its_config_strictly(capsys):
    assert (
        cli_main(
            [
                "reward",
                "--config",
                str(REPO / "recipes/smollm2-135m/reward_lora.yaml"),
                "--print-config",
                "reward.margin_scale=2",
            ]
        )
        == 0
    )
    assert "margin_scale: 2.0" in capsys.readouterr().out
    assert cli_main(["reward", "reward.center_coeficient=0.1"]) == 2
    assert "did you mean 'reward.center_coefficient'?" in capsys.readouterr().err


def test_held_out_accuracy_lines_flag_too_few_pairs():
    """The reward and DPO summary lines give n beside an accuracy and flag one resting on fewer than 20 pairs
    (a DPO run once printed "held-out accuracy 1.0" on a single pair)."""
    from alignment.stages.common import accuracy_text

    assert accuracy_text(1.0, 1) == "1.000 (n=1, too few pairs to read)"
    assert accuracy_text(0.875, 32) == "0.875 (n=32)"
    assert accuracy_text(None, 0) == "n/a (n=0)"
