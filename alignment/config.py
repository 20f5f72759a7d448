"""Typed stage configs and the one strict loader.

A config is a tree of dataclasses. `load_config(SFTConfig, "recipe.yaml", ["train.max_steps=4"])`
reads the YAML file, applies dotted command-line overrides, and checks every key and value
against the dataclass fields *before anything runs*: an unknown key fails naming its path
and the nearest valid key; a value of the wrong type fails naming the expected type.
Defaults live only in the dataclasses below; the string literal under each field is its
documentation (shown by `--print-config`).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from alignment.config_ranges import RANGES
from alignment.errors import ConfigError
from alignment.eval.config import EvalConfig

DEFAULT_MODEL = "smollm2-135m-instruct"


@dataclass
class ModelConfig:
    name_or_path: str = DEFAULT_MODEL
    """Embedded default name, a local HF model directory, a stage output dir, or a hub id."""
    dtype: Literal["auto", "bfloat16", "float16", "float32"] = "auto"
    """Weight dtype; auto = bf16 where the GPU or CPU runs it natively, else fp32."""
    trust_remote_code: bool = False
    """Run Python code shipped with the model. Off unless you trust the source."""
    allow_pickle: bool = False
    """Accept pickle `.bin` weights (can run arbitrary code). Safetensors only by default."""
    attn_implementation: str | None = None
    """Attention kernel (`sdpa`, `eager`, `flash_attention_2`); None lets transformers pick."""


@dataclass
class AdapterConfig:
    method: Literal["lora", "qlora", "full"] = "lora"
    """lora = LoRA on a frozen base; qlora = LoRA on a 4-bit nf4 base; full = train all weights."""
    r: int = 16
    """LoRA rank."""
    alpha: int = 32
    """LoRA alpha (the update is scaled by alpha / r)."""
    dropout: float = 0.05
    """Dropout on the LoRA input."""
    target_modules: list[str] = field(default_factory=lambda: ["all-linear"])
    """Module names to adapt; `all-linear` = every linear layer except the output head."""
    last_layers: int = 0
    """Adapt only the last N transformer layers (0 = all). Backward then stops at layer -N: faster on CPU."""


@dataclass
class SFTDataConfig:
    train_files: list[str] = field(default_factory=lambda: ["preference_data/sft_starter/train.jsonl"])
    """Training files (JSONL, JSON, CSV, Parquet or a `datasets` directory)."""
    format: Literal["auto", "messages", "prompt_completion", "alpaca", "sharegpt"] = "auto"
    """Row format; auto detects it per file."""
    columns: dict[str, str] = field(default_factory=dict)
    """Rename the files' columns to the format's names, e.g. {prompt: question, completion: answer}."""
    eval_fraction: float = 0.05
    """Fraction of rows held out for evaluation (0 disables)."""
    max_length: int = 1024
    """Longest tokenised chat kept; longer rows are dropped and counted."""
    seed: int = 42
    """Seed for the train/eval split."""


PreferenceFormat = Literal["auto", "trl", "hh_rlhf", "sharegpt", "llamafactory_v1", "ranked", "ultrafeedback",
                           "alpaca"]


@dataclass
class DataSourceConfig:
    files: list[str] = field(default_factory=list)
    """Files (JSONL, JSON, CSV, Parquet or `datasets` directories) of this source, one format each."""
    name: str = ""
    """Subset name used in per-subset metrics; empty = the first file's name without its suffix."""
    format: PreferenceFormat = "auto"
    """Row format; auto detects it per file."""
    weight: float = 1.0
    """Multiplies this source's share of the training rows: 0.5 keeps a seeded half, 2 repeats it twice."""
    columns: dict[str, str] = field(default_factory=dict)
    """Rename the files' columns to the format's names, e.g. {prompt: question, chosen: good, rejected: bad}."""


def _shipped_preference_sources() -> list[DataSourceConfig]:
    return [DataSourceConfig(files=["preference_data/helpful/pairs.jsonl", "preference_data/helpful/ranked.jsonl"],
                             name="helpful"),
            DataSourceConfig(files=["preference_data/harmless/pairs.jsonl", "preference_data/harmless/ranked.jsonl"],
                             name="harmless")]


@dataclass
class PreferenceDataConfig:
    sources: list[DataSourceConfig] = field(default_factory=_shipped_preference_sources)
    """Preference data sources, mixed by weight."""
    ranking: Literal["best_vs_rest", "all_pairs"] = "best_vs_rest"
    """Ranked rows: best vs each worse response (k-1 pairs) or every ordered couple (k(k-1)/2)."""
    min_score_gap: float = 0.0
    """Ranked rows: drop pairs whose rank or score gap is below this."""
    test_fraction: float = 0.1
    """Fraction of prompts held out for evaluation (whole prompts, so ranked pairs never straddle)."""
    max_length: int = 512
    """Longest prompt + reply in tokens; longer pairs are dropped and counted."""
    seed: int = 42
    """Seed for the split and for weighted sampling."""


@dataclass
class TrainConfig:
    max_steps: int = -1
    """Optimizer steps; -1 = run `epochs` epochs."""
    epochs: float = 1.0
    """Passes over the training data (used when max_steps is -1)."""
    batch_size: int = 8
    """Sequences per device per micro-batch."""
    grad_accum: int = 1
    """Micro-batches accumulated per optimizer step."""
    lr: float = 2.0e-4
    """Peak learning rate."""
    lr_scheduler: Literal["cosine", "linear", "constant", "constant_with_warmup"] = "cosine"
    """Learning-rate schedule after warm-up."""
    warmup_ratio: float = 0.03
    """Fraction of steps spent warming up."""
    weight_decay: float = 0.0
    """AdamW weight decay."""
    max_grad_norm: float = 1.0
    """Gradient clipping norm."""
    seed: int = 42
    """Seed for initialisation, shuffling and dropout."""
    logging_steps: int = 5
    """Log metrics every N steps."""
    save_steps: int = 50
    """Write a resumable checkpoint every N steps."""
    save_total_limit: int = 2
    """Checkpoints kept on disk."""
    eval_steps: int = 0
    """Evaluate every N steps (0 = only at the end)."""
    group_by_length: bool = False
    """Batch chats of similar length together (less padding, faster steps; order stays seeded)."""
    packing: bool = False
    """Pack several chats into one sequence of max_length (faster, no padding)."""
    gradient_checkpointing: bool = False
    """Recompute activations in the backward pass to save memory."""
    num_workers: int = 0
    """Data loader worker processes."""


@dataclass
class SFTConfig:
    run_dir: str = "runs/quickstart"
    """Run directory; the stage writes `<run_dir>/sft/`."""
    model: ModelConfig = field(default_factory=ModelConfig)
    """Base model."""
    adapter: AdapterConfig = field(default_factory=AdapterConfig)
    """LoRA / QLoRA / full fine-tuning."""
    data: SFTDataConfig = field(default_factory=SFTDataConfig)
    """Training data."""
    train: TrainConfig = field(default_factory=TrainConfig)
    """Optimisation."""
    merge: bool = True
    """Also save the adapter merged into the base weights (`merged/`)."""
    report_to: list[str] = field(default_factory=list)
    """Extra metric sinks (`tensorboard`, `wandb`); metrics.jsonl is always written."""


@dataclass
class RewardSettings:
    use_margin: bool = False
    """Add each pair's margin (rank gap or score difference; 0 for plain pairs) inside the loss: -log sigmoid(r_c - r_r - m)."""
    margin_scale: float = 1.0
    """Multiplies the margin before it enters the loss (score scales differ between datasets)."""
    center_coefficient: float = 0.0
    """Weight of the centering term mean((r_c + r_r)^2) that pulls rewards towards zero mean (0 = off; 0.01 is usual)."""
    eval_batch_size: int = 16
    """Sequences per forward pass when scoring the held-out pairs after training."""


@dataclass
class RewardConfig:
    run_dir: str = "runs/reward"
    """Run directory; the stage writes `<run_dir>/reward/`."""
    model: ModelConfig = field(default_factory=ModelConfig)
    """Backbone of the reward model: a chat model, an SFT stage dir, or an encoder (BERT/MiniLM-style)."""
    adapter: AdapterConfig = field(default_factory=AdapterConfig)
    """LoRA / QLoRA / full fine-tuning; the score head always trains in full."""
    data: PreferenceDataConfig = field(default_factory=PreferenceDataConfig)
    """Preference pairs (ranked lists expand to pairs), split by prompt into train and held-out test."""
    train: TrainConfig = field(default_factory=TrainConfig)
    """Optimisation."""
    reward: RewardSettings = field(default_factory=RewardSettings)
    """Reward-model loss options and evaluation."""
    merge: bool = True
    """Also save the adapter and head merged into the base weights (`merged/`)."""
    report_to: list[str] = field(default_factory=list)
    """Extra metric sinks (`tensorboard`, `wandb`); metrics.jsonl is always written."""


@dataclass
class DPOSettings:
    loss: Literal["sigmoid", "ipo", "simpo"] = "sigmoid"
    """sigmoid = DPO (Rafailov et al. 2023); ipo = IPO (Azar et al. 2023); simpo = SimPO, reference-free (Meng et al. 2024)."""
    beta: float = 0.1
    """Strength of the pull towards the reference (sigmoid, ipo: IPO's tau) or SimPO's reward scale."""
    label_smoothing: float = 0.0
    """sigmoid and simpo: assumed probability that a pair's label is flipped (conservative DPO); in [0, 0.5)."""
    simpo_gamma: float = 0.5
    """simpo: target margin between the length-normalised chosen and rejected rewards."""
    precompute_ref_logps: bool | None = None
    """Reference log-probs in one cached pass before training (not simpo); unset: unless adapter.last_layers lets each batch share the frozen layers."""
    eval_batch_size: int = 16
    """Pairs per forward pass when scoring the held-out pairs after training."""


@dataclass
class DPOConfig:
    run_dir: str = "runs/dpo"
    """Run directory; the stage writes `<run_dir>/dpo/`."""
    model: ModelConfig = field(default_factory=ModelConfig)
    """Policy start and reference: a chat model or an SFT stage dir (its merged model)."""
    adapter: AdapterConfig = field(default_factory=AdapterConfig)
    """LoRA / QLoRA; the reference is the same weights with the adapter disabled."""
    data: PreferenceDataConfig = field(default_factory=PreferenceDataConfig)
    """Preference pairs (ranked lists expand to pairs), split by prompt into train and held-out test."""
    train: TrainConfig = field(default_factory=TrainConfig)
    """Optimisation."""
    dpo: DPOSettings = field(default_factory=DPOSettings)
    """Loss variant and its parameters, reference log-prob cache, evaluation."""
    merge: bool = True
    """Also save the adapter merged into the base weights (`merged/`)."""
    report_to: list[str] = field(default_factory=list)
    """Extra metric sinks (`tensorboard`, `wandb`); metrics.jsonl is always written."""


PipelineStage = Literal["sft", "reward", "dpo", "eval"]


@dataclass
class PipelineConfig:
    """Several stages in one run directory, chained by artifact path (`alignment/pipeline.py`).

    Each stage section is that stage's own config, the same keys as its standalone recipe, except
    two the pipeline sets: `run_dir` (this run_dir, so stages write `<run_dir>/<stage>/`) and, for
    every stage after sft when sft is listed, `model.name_or_path` (`<run_dir>/sft`, its merged
    model). Leave those two out of the sections; setting them is an error."""

    run_dir: str = "runs/pipeline"
    """Run directory: each stage writes `<run_dir>/<stage>/`, the lineage goes to `<run_dir>/pipeline.json`."""
    stages: list[PipelineStage] = field(default_factory=lambda: ["sft", "reward", "dpo"])
    """Stages to run, in order (sft first; the later ones start from its output)."""
    sft: SFTConfig = field(default_factory=SFTConfig)
    """Supervised fine-tuning (the sft stage's config, without run_dir)."""
    reward: RewardConfig = field(default_factory=RewardConfig)
    """Reward model (the reward stage's config, without run_dir; its backbone is the SFT model)."""
    dpo: DPOConfig = field(default_factory=DPOConfig)
    """DPO (the dpo stage's config, without run_dir; policy and reference start from the SFT model)."""
    eval: EvalConfig = field(default_factory=EvalConfig)
    """Eval harness (without out; models default to base, sft and dpo of this run, the judge to its reward model)."""

    def __post_init__(self):
        """Check the stage list and fill in the keys the pipeline owns, so the resolved config
        (`--print-config`, `<run_dir>/pipeline_config.yaml`) shows what each stage really gets."""
        order = list(typing.get_args(PipelineStage))
        if not self.stages or len(set(self.stages)) != len(self.stages) or self.stages != sorted(
                self.stages, key=order.index):
            raise ConfigError(f"stages: {self.stages} must list each stage once, in the order {', '.join(order)}")
        sft_output = str(Path(self.run_dir) / "sft")
        for name in order[:-1]:  # the training stages; eval is filled in below
            section = getattr(self, name)
            default_run_dir = next(f.default for f in dataclasses.fields(section) if f.name == "run_dir")
            if section.run_dir not in (default_run_dir, self.run_dir):
                raise ConfigError(f"{name}.run_dir: the pipeline writes every stage under run_dir "
                                  f"({self.run_dir}); remove {name}.run_dir")
            section.run_dir = self.run_dir
            if name != "sft" and "sft" in self.stages:
                if section.model.name_or_path not in (DEFAULT_MODEL, sft_output):
                    raise ConfigError(f"{name}.model.name_or_path: the pipeline starts {name} from the sft output "
                                      f"({sft_output}); remove the key, or leave sft out of stages")
                section.model.name_or_path = sft_output
        if "sft" in self.stages and self.stages != ["sft"] and not self.sft.merge:
            raise ConfigError("sft.merge: the later stages load the merged SFT model; set it to true")
        self._fill_eval()

    def _fill_eval(self) -> None:
        """eval.out is `<run_dir>/eval`; empty eval.models become the run's models (base = the model
        SFT started from, then each listed policy stage), a model given as a listed stage's name
        (sft, dpo) that stage's output, and an empty eval.judge its reward model."""
        run_dir = Path(self.run_dir)
        default_out = next(f.default for f in dataclasses.fields(EvalConfig) if f.name == "out")
        if self.eval.out not in (default_out, str(run_dir / "eval")):
            raise ConfigError(f"eval.out: the pipeline writes the eval report to {run_dir / 'eval'}; remove eval.out")
        self.eval.out = str(run_dir / "eval")
        if not self.eval.models:
            first = next((name for name in ("sft", "dpo") if name in self.stages), None)
            models = {"base": getattr(self, first).model.name_or_path} if first else {}
            self.eval.models = {**models, **{name: str(run_dir / name) for name in ("sft", "dpo")
                                             if name in self.stages}}
        else:  # a stage name (sft, dpo) listed in stages is that stage's output in this run
            self.eval.models = {label: str(run_dir / spec) if spec in ("sft", "dpo") and spec in self.stages else spec
                                for label, spec in self.eval.models.items()}
        if not self.eval.judge and "reward" in self.stages:
            self.eval.judge = str(run_dir / "reward")
        if "eval" in self.stages and not self.eval.models:
            raise ConfigError("eval.models: nothing to evaluate; list sft or dpo in stages, or set eval.models")


# ---------------------------------------------------------------------------------------
# Loading


def load_config(cls: type, path: str | Path | None = None, overrides: list[str] | None = None):
    """Build `cls` from a YAML file plus `key.sub=value` overrides, strictly."""
    raw: dict = {}
    if path is not None:
        raw = _read_yaml(Path(path))
    for item in overrides or []:
        _apply_override(raw, item)
    return from_dict(cls, raw)


def _read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: top level must be a mapping of keys, got {type(data).__name__}")
    return data


def _apply_override(raw: dict, item: str) -> None:
    """`train.max_steps=4` -> raw["train"]["max_steps"] = 4 (value parsed as YAML)."""
    key, sep, text = item.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"override {item!r}: expected KEY=VALUE, e.g. train.max_steps=4")
    try:
        value = yaml.safe_load(text) if text.strip() else ""
    except yaml.YAMLError:
        value = text
    node = raw
    parts = key.strip().split(".")
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if child is None:  # `train:` with every key commented out
            child = node[part] = {}
        if not isinstance(child, dict):
            raise ConfigError(f"override {item!r}: '{part}' is not a section")
        node = child
    node[parts[-1]] = value


def from_dict(cls: type, raw: Any, prefix: str = ""):
    """Check `raw` against dataclass `cls` and build it; errors name the dotted key path."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{prefix.rstrip('.') or 'config'}: expected a mapping, got {_type_name(raw)}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    for key in raw:
        if key not in fields:
            raise ConfigError(_unknown_key_message(prefix, str(key), list(fields)))
    values = {}
    for name, value in raw.items():
        values[name] = _coerce(hints[name], value, f"{prefix}{name}")
    for name, allowed, wanted in RANGES.get(cls.__name__, ()):
        if name in values and not allowed(values[name]):
            raise ConfigError(f"{prefix}{name}: must be {wanted}, got {values[name]!r}")
    return cls(**values)


def _unknown_key_message(prefix: str, key: str, valid: list[str]) -> str:
    message = f"unknown config key '{prefix}{key}'"
    close = difflib.get_close_matches(key, valid, n=1, cutoff=0.5)
    if close:
        message += f"; did you mean '{prefix}{close[0]}'?"
    section = prefix.rstrip(".") or "the top level"
    return message + f" (valid keys in {section}: {', '.join(valid)})"


def _coerce(hint: Any, value: Any, path: str) -> Any:
    """Return `value` if it fits `hint` (ints widen to floats), else raise ConfigError."""
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        # `train:` with every key commented out is YAML null: an empty section, like an empty file
        return from_dict(hint, {} if value is None else value, path + ".")
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in (o for o in options if o is not type(None)):
            try:
                return _coerce(option, value, path)
            except ConfigError as error:
                errors.append(str(error))
        raise ConfigError(f"{path}: expected {_hint_name(hint)}, got {_type_name(value)} {value!r}")
    if origin is Literal:
        choices = typing.get_args(hint)
        if value not in choices:
            close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1)
            hint_text = f"; did you mean '{close[0]}'?" if close else ""
            raise ConfigError(f"{path}: {value!r} is not one of {', '.join(map(str, choices))}{hint_text}")
        return value
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"{path}: expected {_hint_name(hint)}, got {_type_name(value)} {value!r}")
        return [_coerce(item_hint, item, f"{path}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: expected a mapping, got {_type_name(value)} {value!r}")
        key_hint, value_hint = typing.get_args(hint) or (Any, Any)
        return {_coerce(key_hint, key, f"{path} key {key!r}"): _coerce(value_hint, item, f"{path}.{key}")
                for key, item in value.items()}
    return _coerce_scalar(hint, value, path)


_SCIENTIFIC = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")


def _coerce_scalar(hint: Any, value: Any, path: str) -> Any:
    # bool is a subclass of int: check it first so `max_steps: true` is rejected.
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        # PyYAML follows YAML 1.1, which reads `1e-4` (no dot) as a string: accept that spelling.
        if isinstance(value, str) and _SCIENTIFIC.fullmatch(value.strip()):
            value = float(value)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif hint is str:
        ok = isinstance(value, str)
    elif hint is Any:
        ok = True
    else:
        raise TypeError(f"config field {path}: unsupported annotation {hint!r}")
    if not ok:
        raise ConfigError(f"{path}: expected {_hint_name(hint)}, got {_type_name(value)} {value!r}")
    return value


def _hint_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_hint_name(h) for h in typing.get_args(hint))
    if origin is list:
        item = typing.get_args(hint)[0]
        plural = {bool: "booleans", int: "integers", float: "numbers", str: "strings"}
        return f"a list of {plural.get(item, _hint_name(item))}"
    if hint is type(None):
        return "null"
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}.get(hint, str(hint))


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list", dict: "mapping"}.get(
        type(value), type(value).__name__
    )


# ---------------------------------------------------------------------------------------
# Writing


def to_dict(config: Any) -> dict:
    """Plain nested dict of a config dataclass (for YAML, JSON, hashing)."""
    return dataclasses.asdict(config)


def to_yaml(config: Any) -> str:
    return yaml.safe_dump(to_dict(config), sort_keys=False, default_flow_style=False)


def save_config(config: Any, path: str | Path) -> None:
    Path(path).write_text(to_yaml(config), encoding="utf-8")
