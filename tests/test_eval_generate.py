"""Eval generation: batched = one-at-a-time, seeded sampling, the on-disk cache, one base for many
adapters, the stage-dir sharing rule, multi-turn items and bad-input errors (tiny models only)."""

from __future__ import annotations

import json
import shutil

import pytest
import torch

from alignment.config import ModelConfig
from alignment.core.errors import ConfigError, ModelLoadError
from alignment.eval.generate import GenerationSettings, generate
from alignment.eval.loading import ModelPool
from alignment.eval.prompt_files import EvalItem
from alignment.models import loading as models
from alignment.models.generation import chat_reply

PROMPTS = [
    "Hi",
    "What is the capital of France?",
    "How do I reverse a string in Python? Use slicing please.",
    "Convert 5 km to miles.",
    "0123456789 + - * / = ( ) . , ? ! : ; 0123456789",
]
GREEDY = GenerationSettings(max_new_tokens=12, batch_size=8)


def items(prompts=PROMPTS) -> list[EvalItem]:
    return [EvalItem(id=f"t-{i}", turns=[prompt]) for i, prompt in enumerate(prompts)]


def one_at_a_time(model, tokenizer, prompts, max_new_tokens=12) -> list[str]:
    """The reference: `model.generate` per prompt, no padding (alignment.models.generation.chat_reply)."""
    return [
        chat_reply(model, tokenizer, [{"role": "user", "content": p}], max_new_tokens=max_new_tokens) for p in prompts
    ]


def save_random_adapter(base_dir, out, seed: int, base_name: str | None = None):
    """A LoRA adapter with random (not zero) B, so it changes the output; nothing is trained."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    base = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    lora = LoraConfig(
        r=4,
        lora_alpha=32,
        target_modules=["q_proj", "v_proj", "down_proj"],
        init_lora_weights=False,
        task_type="CAUSAL_LM",
    )
    get_peft_model(base, lora).save_pretrained(out)
    if base_name:
        models.make_adapter_portable(out, base_name)
    return out


pytestmark = pytest.mark.usefixtures("one_thread")  # conftest: tiny models run single-threaded


@pytest.fixture(scope="module")
def adapters(tmp_path_factory, tiny_model_dir):
    root = tmp_path_factory.mktemp("adapters")
    return [save_random_adapter(tiny_model_dir, root / f"adapter{seed}", seed) for seed in (1, 2)]


@pytest.fixture
def base_loads(monkeypatch):
    """How many full models were loaded from disk."""
    calls = []
    original = models.load_base_model

    def counting(location, *args, **kwargs):
        calls.append(str(location))
        return original(location, *args, **kwargs)

    monkeypatch.setattr(models, "load_base_model", counting)
    return calls


def count_generated_rows(monkeypatch, model) -> list[int]:
    rows = []
    original = model.generate

    def counting(*args, **kwargs):
        rows.append(kwargs["input_ids"].shape[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(model, "generate", counting)
    return rows


def test_batched_greedy_equals_one_prompt_at_a_time(tiny_model_dir):
    pool = ModelPool({"tiny": str(tiny_model_dir)}, dtype="float32")
    with pool.use("tiny") as (model, tokenizer):
        expected = one_at_a_time(model, tokenizer, PROMPTS)
        lengths = {
            len(
                tokenizer.apply_chat_template(
                    [{"role": "user", "content": p}], add_generation_prompt=True, return_dict=True
                )["input_ids"]
            )
            for p in PROMPTS
        }
    assert len(lengths) == len(PROMPTS)  # every row of the batch is padded differently
    batched = generate(pool, "tiny", items(), GREEDY, cache_dir=None, progress=False)
    assert [g.text for g in batched] == expected
    assert any(g.text for g in batched)
    for generation in batched:  # an unfinished reply ran to the limit; a finished one counts its stop token
        assert generation.replies == [generation.text]
        assert generation.finished or generation.new_tokens == GREEDY.max_new_tokens
    smaller = generate(pool, "tiny", items(), GenerationSettings(max_new_tokens=12, batch_size=2), None, False)
    assert smaller == batched


def test_seeded_sampling_repeats_and_ignores_batching(tiny_model_dir):
    pool = ModelPool({"tiny": str(tiny_model_dir)}, dtype="float32")
    sampled = GenerationSettings(max_new_tokens=10, temperature=1.0, top_p=0.9, seed=3, batch_size=8)
    first = generate(pool, "tiny", items(), sampled, None, False)
    assert generate(pool, "tiny", items(), sampled, None, False) == first
    one_by_one = GenerationSettings(max_new_tokens=10, temperature=1.0, top_p=0.9, seed=3, batch_size=1)
    assert generate(pool, "tiny", items(), one_by_one, None, False) == first  # a row's draws are its own
    other_seed = GenerationSettings(max_new_tokens=10, temperature=1.0, top_p=0.9, seed=4, batch_size=8)
    assert generate(pool, "tiny", items(), other_seed, None, False) != first
    greedy = generate(pool, "tiny", items(), GREEDY, None, False)
    assert [g.text for g in first] != [g.text for g in greedy]


def test_cache_generates_only_what_is_new(tiny_model_dir, tmp_path, monkeypatch):
    pool = ModelPool({"tiny": str(tiny_model_dir)}, dtype="float32")
    fourth_alone = generate(pool, "tiny", items(PROMPTS[3:4]), GREEDY, None, False)[0]
    with pool.use("tiny") as (model, _):
        rows = count_generated_rows(monkeypatch, model)
    first = generate(pool, "tiny", items(PROMPTS[:3]), GREEDY, tmp_path, False)
    assert sum(rows) == 3
    assert generate(pool, "tiny", items(PROMPTS[:3]), GREEDY, tmp_path, False) == first
    assert sum(rows) == 3  # nothing generated
    (cache_file,) = tmp_path.glob("*.jsonl")
    with open(cache_file, "a") as handle:
        handle.write('{"key": "torn by a kill mid-wri')  # no newline: what a kill mid-write leaves
    more = generate(pool, "tiny", items(PROMPTS[:4]), GREEDY, tmp_path, False)
    assert sum(rows) == 4  # only the added prompt
    assert more[:3] == first
    assert more[3] == fourth_alone
    lines = cache_file.read_text().splitlines()
    assert lines[3] == '{"key": "torn by a kill mid-wri' and len(lines) == 5  # the torn line stays alone
    greedy_other_seed = GenerationSettings(max_new_tokens=12, batch_size=8, seed=9, top_p=0.5)
    assert generate(pool, "tiny", items(PROMPTS[:4]), greedy_other_seed, tmp_path, False) == more
    assert sum(rows) == 4  # greedy ignores seed and top_p, so it shares the cache
    fresh_pool = ModelPool({"tiny": str(tiny_model_dir)}, dtype="float32")
    assert generate(fresh_pool, "tiny", items(PROMPTS[:4]), GREEDY, tmp_path, False) == more
    assert sum(rows) == 4
    bf16_pool = ModelPool({"tiny": str(tiny_model_dir)}, dtype="bfloat16")  # other numbers, other text: no reuse
    generate(bf16_pool, "tiny", items(PROMPTS[:1]), GREEDY, tmp_path, False)
    assert len(list(tmp_path.glob("*.jsonl"))) == 2


def test_adapters_of_one_base_load_it_once_and_switch(tiny_model_dir, adapters, base_loads):
    pool = ModelPool({"base": str(tiny_model_dir), "a": str(adapters[0]), "b": str(adapters[1])}, dtype="float32")
    assert {pool.identity(label)["base"] for label in ("base", "a", "b")} == {str(tiny_model_dir.resolve())}
    assert len({pool.identity(label)["sha256"] for label in ("base", "a", "b")}) == 3
    outputs = {
        label: [g.text for g in generate(pool, label, items(), GREEDY, None, False)] for label in ("a", "b", "base")
    }
    assert [g.text for g in generate(pool, "a", items(), GREEDY, None, False)] == outputs["a"]  # switched back
    assert len(base_loads) == 1
    references = {}
    for label, path in (("base", tiny_model_dir), ("a", adapters[0]), ("b", adapters[1])):
        model, tokenizer = models.load_for_inference(str(path), dtype="float32")
        references[label] = one_at_a_time(model, tokenizer, PROMPTS)
    assert outputs == references
    assert outputs["a"] != outputs["b"] != outputs["base"]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, tiny_model_dir, adapters):
    """The quickstart layout: sft = adapter on the tiny base + merged; dpo = adapter on sft + merged."""
    run = tmp_path_factory.mktemp("run")
    shutil.copytree(adapters[0], run / "sft" / "adapter")
    models.make_adapter_portable(run / "sft" / "adapter", str(tiny_model_dir))
    models.merge_adapter(run / "sft" / "adapter", run / "sft" / "merged", ModelConfig(dtype="float32"))
    save_random_adapter(run / "sft" / "merged", run / "dpo" / "adapter", seed=5, base_name=str(run / "sft"))
    models.merge_adapter(run / "dpo" / "adapter", run / "dpo" / "merged", ModelConfig(dtype="float32"))
    for stage in ("sft", "dpo"):
        (run / stage / "manifest.json").write_text("{}")
    return run


def test_stage_dir_whose_merged_model_is_another_base_shares_it(tiny_model_dir, run_dir, base_loads):
    specs = {"base": str(tiny_model_dir), "sft": str(run_dir / "sft"), "dpo": str(run_dir / "dpo")}
    pool = ModelPool(specs, dtype="float32")
    sft_merged = str((run_dir / "sft" / "merged").resolve())
    assert [(pool.identity(label)["base"], pool.identity(label)["adapter"]) for label in specs] == [
        (str(tiny_model_dir.resolve()), None),
        (sft_merged, None),
        (sft_merged, str((run_dir / "dpo" / "adapter").resolve())),
    ]
    outputs = {label: [g.text for g in generate(pool, label, items(), GREEDY, None, False)] for label in specs}
    assert sorted(base_loads) == sorted([str(tiny_model_dir.resolve()), sft_merged])
    for label in ("sft", "dpo"):  # the same answers as the stage dir's own merged model
        model, tokenizer = models.load_for_inference(str(run_dir / label), dtype="float32")
        assert outputs[label] == one_at_a_time(model, tokenizer, PROMPTS)
    # Alone, a stage dir shares nothing: its merged/ (no LoRA cost); next to its base, its adapter.
    assert ModelPool({"dpo": specs["dpo"]}).identity("dpo")["base"] == str((run_dir / "dpo" / "merged").resolve())
    with_base = ModelPool({"base": specs["base"], "sft": specs["sft"]}).identity("sft")
    assert (with_base["base"], with_base["adapter"]) == (
        str(tiny_model_dir.resolve()),
        str((run_dir / "sft" / "adapter").resolve()),
    )


def test_multi_turn_items_answer_each_turn_in_context(tiny_model_dir):
    pool = ModelPool({"tiny": str(tiny_model_dir)}, dtype="float32")
    two_turns = EvalItem(
        id="mt", turns=["What is the capital of France?", "Convert 5 km to miles."], system="Answer briefly."
    )
    result = generate(pool, "tiny", [two_turns, *items(PROMPTS[:2])], GREEDY, None, False)
    with pool.use("tiny") as (model, tokenizer):
        messages = [{"role": "system", "content": "Answer briefly."}, {"role": "user", "content": two_turns.turns[0]}]
        first = chat_reply(model, tokenizer, messages, max_new_tokens=12)
        messages += [{"role": "assistant", "content": first}, {"role": "user", "content": two_turns.turns[1]}]
        second = chat_reply(model, tokenizer, messages, max_new_tokens=12)
        singles = one_at_a_time(model, tokenizer, PROMPTS[:2])
    assert result[0].replies == [first, second] and result[0].text == second
    assert [g.text for g in result[1:]] == singles


def test_missing_dir_and_missing_chat_template_are_one_line_errors(tiny_model_dir, tmp_path):
    missing = tmp_path / "runs" / "x" / "sft"
    with pytest.raises(ModelLoadError) as error:
        ModelPool({"sft": str(missing)})
    assert str(error.value) == (
        f"model 'sft': {missing} does not exist (expected an embedded model name, "
        "a model dir, a stage dir or an adapter dir)"
    )
    plain = tmp_path / "plain"
    shutil.copytree(tiny_model_dir, plain)
    (plain / "chat_template.jinja").unlink(missing_ok=True)
    config = json.loads((plain / "tokenizer_config.json").read_text())
    config.pop("chat_template", None)
    (plain / "tokenizer_config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError) as error:
        ModelPool({"plain": str(plain)})
    assert (
        str(error.value) == f"model 'plain' ({plain}): the tokenizer has no chat template; pick an instruct/chat model"
    )


def test_reward_models_are_a_kind_not_a_language_model(tiny_model_dir, tmp_path):
    from transformers import AutoConfig, LlamaForSequenceClassification

    reward = tmp_path / "reward" / "merged"
    config = AutoConfig.from_pretrained(tiny_model_dir, num_labels=1)
    LlamaForSequenceClassification(config).save_pretrained(reward)
    pool = ModelPool({"rm": str(reward.parent), "tiny": str(tiny_model_dir)})
    assert (pool.kind("rm"), pool.kind("tiny")) == ("reward", "policy")
    with pytest.raises(ModelLoadError) as error:
        with pool.use("rm"):
            pass
    assert str(error.value) == f"model 'rm' ({reward.parent}) is a reward model: it scores text, it cannot generate"


def test_settings_are_checked():
    with pytest.raises(ConfigError) as error:
        GenerationSettings(top_p=0)
    assert str(error.value) == "generation: top_p must be in (0, 1]"
