"""Typed stage configs: one dataclass tree per stage over a common `StageConfig` base.

A config is a tree of dataclasses. `load_config(SFTConfig, "recipe.yaml", ["train.max_steps=4"])`
reads the YAML file, applies dotted command-line overrides, and checks every key and value
against the dataclass fields *before anything runs*: an unknown key fails naming its path
and the nearest valid key; a value of the wrong type fails naming the expected type.
Defaults live only in the dataclasses below; the string literal under each field is its
documentation (shown by `--print-config`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from alignment.core.errors import ConfigError

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
    chat_template: str = ""
    """Chat template for a model without one (or to replace its own): chatml, zephyr, llama-3, or a .jinja file; saved with the tokenizer."""


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
class JudgeSplit:
    """Prompts set aside for an independent judge (Gao et al. 2022's proxy/gold set-up, arXiv:2210.10760).

    A prompt (the normalised text of its messages) belongs to the judge part when a seeded hash of it
    falls below `fraction` (`alignment/data/judge_split.py`), so every stage decides alone and agrees."""

    fraction: float = 0.0
    """Share of prompts that only the judge reads; 0 = no split (the pipeline sets it when it lists judge)."""
    seed: int = 1234
    """Seed of the prompt hash: the same fraction and seed put the same prompts in the judge part everywhere."""


@dataclass
class StageJudgeSplit(JudgeSplit):
    part: Literal["rest", "judge"] = "rest"
    """Which prompts this stage reads: rest = all but the judge part (policies, the proxy reward), judge = only it."""


Truncation = Literal["auto", "prompt", "reply", "drop"]
"""What a stage does with a row over `data.max_length` tokens (`alignment/data/truncation.py`)."""


def _shipped_root() -> Path:
    """Where the shipped `preference_data/`, `evals/` and `recipes/` are: inside the installed
    package (`alignment/_shipped/`, which `setup.py` copies into the wheel), else the checkout the
    package runs from (a clone, or an editable install)."""
    package = Path(__file__).resolve().parents[1]
    inside = package / "_shipped"
    return inside if inside.is_dir() else package.parent


SHIPPED_ROOT = _shipped_root()
"""The folder holding the shipped `preference_data/`, `evals/` and `recipes/` (`_shipped_root`)."""
SHIPPED_FOLDERS = ("preference_data", "evals", "recipes")
DATA_SUFFIXES = (".jsonl", ".json", ".csv", ".tsv", ".parquet")


def shipped_path(path: str) -> str:
    """A relative path into the shipped data (`preference_data/...`, `evals/...`, `recipes/...`) that is
    not there from the working directory: the shipped copy, so the defaults and the shipped recipes
    work from any folder. A shipped name (`evals:default`, `recipes:smollm2-135m/sft_lora`) gives its
    one file. Any other path is returned as it is."""
    if shipped_name(path):
        (single,) = shipped_files(path, single=True)
        return single
    relative = Path(path)
    if relative.is_absolute() or not relative.parts or relative.parts[0] not in SHIPPED_FOLDERS or relative.exists():
        return path
    candidate = SHIPPED_ROOT / relative
    return str(candidate) if candidate.exists() else path


def shipped_name(text: str) -> bool:
    """Whether `text` names shipped data by name: `preference_data:harmless`, `evals:default`, ..."""
    folder, colon, name = text.partition(":")
    return bool(colon and name) and folder in SHIPPED_FOLDERS


def shipped_files(text: str, single: bool = False) -> list[str]:
    """The files a shipped name stands for, as absolute paths; other text as it is ([text]).

    `preference_data:NAME` is every data file of the shipped dataset NAME (`harmless` = its
    pairs.jsonl and ranked.jsonl), `evals:NAME` and `recipes:NAME` are `NAME.yaml` there (or the
    file NAME itself, e.g. `evals:harmful.jsonl`). An unknown name raises ConfigError with the
    names there are; `single` asks for a name that is one file."""
    if not shipped_name(text):
        return [text]
    folder, _, name = text.partition(":")
    base = SHIPPED_ROOT / folder
    target = base / name
    if target.is_dir():
        files = sorted(str(path) for path in target.iterdir() if path.suffix in DATA_SUFFIXES)
    else:
        target = target if target.suffix else target.with_suffix(".yaml")
        files = [str(target)] if target.is_file() else []
    if not files:
        raise ConfigError(f"{text}: no shipped {folder} named '{name}'; shipped: {', '.join(_names(base))}")
    if single and len(files) > 1:
        raise ConfigError(f"{text}: names {len(files)} files ({', '.join(Path(f).name for f in files)}); give one")
    return files


def _names(base: Path) -> list[str]:
    """The names under a shipped folder: its dataset folders, and its YAML files without `.yaml`."""
    names = [path.name for path in base.iterdir() if path.is_dir() and any(path.glob("*.jsonl"))]
    names += [str(path.relative_to(base).with_suffix("")) for path in base.rglob("*.yaml")]
    return sorted(names)


HUB_PREFIX = "hub:"
"""A data path `hub:NAME?subset=..&split=..&revision=..` is read with `datasets.load_dataset`
(`alignment/data/hub.py`); `DIR?split=NAME` reads one split of a saved `datasets` directory."""
REFERENCE_KEYS = ("subset", "split", "revision")


def dataset_reference(target: str, hub: bool, **params: str) -> str:
    """The data path string for a hub dataset (or local dataset folder) or a split of a directory."""
    query = "&".join(f"{key}={value}" for key, value in params.items() if value)
    return (HUB_PREFIX if hub else "") + target + (f"?{query}" if query else "")


@dataclass
class DatasetLocation:
    files: list[str] = field(default_factory=list)
    """Files (JSONL, JSON, CSV, Parquet or `datasets` directories) of this source, one format each."""
    hub: str = ""
    """A dataset read with `datasets.load_dataset`: a hub name (org/name; needs the Hub or its cache) or a local dataset folder (data files + card)."""
    subset: str = ""
    """The hub dataset's configuration (subset), e.g. harmless-base; empty = its default."""
    split: str = ""
    """Split to read from `hub` or from `datasets` directories in `files`; empty = train (or the only split)."""
    revision: str = ""
    """The hub dataset's git revision (branch, tag or commit); pin it to make a run repeatable."""

    def paths(self) -> list[str]:
        """What the readers read: `files` (a directory's `split` attached) then the `hub` dataset."""
        paths = [dataset_reference(str(path), False, split=self.split) for path in self.files]
        if self.hub:
            paths.append(
                dataset_reference(self.hub, True, subset=self.subset, split=self.split, revision=self.revision)
            )
        return paths


def _sources_after_files(source_class: type, data, files: list[str], shipped: list[str]) -> list:
    """A data section's `files` (with its `format` and `columns`) as a source of weight 1, then its
    `sources`; a source of the `shipped` files when there is neither."""
    first = [source_class(files=list(files), format=data.format, columns=data.columns)] if files else []
    return first + list(data.sources) or [source_class(files=shipped)]


SHIPPED_SFT_FILE = "preference_data/sft_starter/train.jsonl"
SFTFormat = Literal["auto", "messages", "prompt_completion", "alpaca", "sharegpt", "chosen"]


@dataclass
class SFTSourceConfig(DatasetLocation):
    name: str = ""
    """Source name in the summary line; empty = the hub name's last part, or the first file's name without its suffix."""
    format: SFTFormat = "auto"
    """Row format; auto detects it per file."""
    weight: float = 1.0
    """Multiplies this source's share of the training chats: 0.5 keeps a seeded half, 2 repeats it twice."""
    columns: dict[str, str] = field(default_factory=dict)
    """Rename the files' columns to the format's names, e.g. {prompt: question, completion: answer}."""


@dataclass
class SFTDataConfig:
    train_files: list[str] = field(default_factory=list)
    """Training files (JSONL, JSON, CSV, Parquet or `datasets` directories), read as one source of weight 1; with no `sources` either, the shipped starter chats."""
    format: SFTFormat = "auto"
    """Row format of `train_files`; auto detects it per file."""
    columns: dict[str, str] = field(default_factory=dict)
    """Rename the columns of `train_files` to the format's names, e.g. {prompt: question, completion: answer}."""
    sources: list[SFTSourceConfig] = field(default_factory=list)
    """Chat sources (files or a hub dataset, each with its format, columns and weight), mixed by weight after `train_files`."""
    eval_fraction: float = 0.05
    """Fraction of rows held out for evaluation (0 disables)."""
    max_length: int = 1024
    """Longest tokenised chat; longer chats are cut or dropped as `truncation` says, and counted."""
    truncation: Truncation = "auto"
    """Over-long chats: auto = drop earliest turns (down to half of max_length) then cut the last reply's end; prompt = earlier turns only; reply = the end only; drop."""
    deduplicate: bool = True
    """Drop chats identical to an earlier one (counted): a copy doubles its weight and can straddle the eval split."""
    seed: int = 42
    """Seed for the train/eval split."""
    judge_split: StageJudgeSplit = field(default_factory=StageJudgeSplit)
    """Chats whose prompt is in the judge part are dropped (part rest); a pipeline listing judge sets it."""
    own_answers: bool = False
    """Replace each last reply the refusal rules call an answer with the starting model's own greedy reply; refusals stay the data's (stages/own_answers.py)."""
    own_answer_tokens: int = 96
    """own_answers: longest generated reply in tokens."""
    own_answer_batch_size: int = 32
    """own_answers: prompts generated together."""

    def all_sources(self) -> list[SFTSourceConfig]:
        """`train_files` as the first source (weight 1), then `sources`; the shipped chats when both are empty."""
        return _sources_after_files(SFTSourceConfig, self, self.train_files, [SHIPPED_SFT_FILE])


PreferenceFormat = Literal["auto", "trl", "hh_rlhf", "sharegpt", "llamafactory_v1", "ranked", "ultrafeedback", "alpaca"]


@dataclass
class DataSourceConfig(DatasetLocation):
    name: str = ""
    """Subset name used in per-subset metrics; empty = the hub name's last part, or the first file's name without its suffix."""
    format: PreferenceFormat = "auto"
    """Row format; auto detects it per file."""
    weight: float = 1.0
    """Multiplies this source's share of the training rows: 0.5 keeps a seeded half, 2 repeats it twice."""
    columns: dict[str, str] = field(default_factory=dict)
    """Rename the files' columns to the format's names, e.g. {prompt: question, chosen: good, rejected: bad}."""


def _shipped_preference_sources() -> list[DataSourceConfig]:
    return [
        DataSourceConfig(
            files=["preference_data/helpful/pairs.jsonl", "preference_data/helpful/ranked.jsonl"], name="helpful"
        ),
        DataSourceConfig(
            files=["preference_data/harmless/pairs.jsonl", "preference_data/harmless/ranked.jsonl"], name="harmless"
        ),
    ]


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
    """Longest prompt + reply in tokens; longer pairs are cut or dropped as `truncation` says, and counted."""
    truncation: Truncation = "auto"
    """Over-long pairs: auto = cut the prompt from the left (down to half of max_length) then the replies' end; prompt = the prompt only; reply = the replies only; drop."""
    deduplicate: bool = True
    """Drop pairs identical to an earlier one in any source (counted): a copy doubles its weight and can straddle the test split."""
    seed: int = 42
    """Seed for the split and for weighted sampling."""
    judge_split: StageJudgeSplit = field(default_factory=StageJudgeSplit)
    """Read only the judge part's prompts (part judge) or all others (rest); a pipeline listing judge sets it."""


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
    """SFT: pack chats into max_length rows, each batch one padding-free row (for GPU flash attention; slower than group_by_length on CPU)."""
    gradient_checkpointing: bool = False
    """Recompute activations in the backward pass to save memory."""
    cache_frozen_prefix: bool = True
    """SFT: keep the output of the layers below the LoRA layers (`adapter.last_layers`) per chat on its first pass and replay it on later passes (up to 1 GiB; off on CUDA with opening_weight 1, under several processes, with packing, FSDP / DeepSpeed, checkpointing or dropout: the log says why)."""
    num_workers: int = 0
    """Data loader worker processes."""


@dataclass
class DynamicsConfig:
    """Learning-dynamics probes and diagnostics (`alignment/dynamics/probes.py`); rules in `dynamics/rules.py`."""

    enabled: bool = True
    """Probe the model while it trains and write `<stage>/dynamics.jsonl` (off under FSDP and DeepSpeed)."""
    every: int = 0
    """Probe every N optimizer steps (PPO: iterations); 0 = max(4, total steps / 20). Step 0 and the last step always."""
    probes: int = 8
    """Probe rows: a seeded sample of the held-out rows (SFT, DPO) or of the prompts (PPO)."""
    probe_files: list[str] = field(default_factory=list)
    """Take the probes from these prompt files instead (rows {prompt} or {messages}, optional chosen / rejected)."""
    max_new_tokens: int = 32
    """Longest step-0 greedy answer in tokens (PPO's fresh probe samples use ppo.max_new_tokens, as its rollouts)."""
    seed: int = 42
    """Seed of the probe sample and of PPO's fresh samples."""
    judge: str = ""
    """PPO: reward stage dir that scores the fresh probe samples; empty = the PPO reward model."""
    displacement_nats: float = 0.05
    """Rule likelihood_displacement: chosen per-token log-prob this far below step 0 while the margin rose."""
    length_rise: float = 0.2
    """Rule reward_length_hack: reply length up by this fraction while the reward rose ..."""
    judge_share: float = 0.25
    """... and the judge rose by less than this share of the reward's rise (same units; needs 3 checks)."""
    gold_checks: int = 3
    """Rule over_optimisation: the proxy and gold trends are read between the first and last of this many last checks."""
    proxy_rise: float = 1.0
    """Rule over_optimisation: the fresh probe samples' proxy reward rose by more than this many standard errors ..."""
    gold_drop: float = 2.0
    """... while their gold reward (the judge's) fell by more than this many (Gao et al. 2022)."""
    kl_target: float = 0.0
    """Rule kl_above_target: per-reply KL (nats); 0 = ppo.target_kl for PPO, rule off for SFT and DPO."""
    kl_patience: int = 3
    """Rule kl_above_target: fires after this many consecutive checks above the target."""
    entropy_floor: float = 0.3
    """Rule entropy_collapse: probe entropy below this fraction of its step-0 value."""
    dead_lora_ratio: float = 0.01
    """Rule dead_lora: a layer's LoRA update below this fraction of the median layer's, two checks running."""
    stop_on_non_finite: bool = True
    """A NaN/inf gradient stops the run before the optimizer applies it, last good checkpoint kept (with enabled: false too; reward stages always)."""


@dataclass
class StageConfig:
    """What every training stage's config has: where it writes, the base model, the adapter, the
    optimisation, whether to merge, and extra metric sinks. Each stage adds its data section and its
    own settings (`reward`, `dpo`, `ppo`) and, where it is probed, `dynamics`."""

    run_dir: str = "runs/quickstart"
    """Run directory; the stage writes `<run_dir>/<stage>/`."""
    model: ModelConfig = field(default_factory=ModelConfig)
    """Base model: a chat model, or an earlier stage's directory (its merged model)."""
    adapter: AdapterConfig = field(default_factory=AdapterConfig)
    """LoRA / QLoRA / full fine-tuning; a reference model is these weights with the adapter disabled."""
    train: TrainConfig = field(default_factory=TrainConfig)
    """Optimisation."""
    merge: bool = True
    """Also save the adapter merged into the base weights (`merged/`)."""
    report_to: list[Literal["tensorboard", "mlflow", "wandb", "trackio"]] = field(default_factory=list)
    """Extra metric sinks of the Trainer stages (each needs its extra: pip install 'alignment-suite[tensorboard]'); metrics.jsonl is always written."""


@dataclass
class SFTLoss:
    opening_weight: float = 1.0
    """Each reply's first `opening_tokens` tokens count this many times in the loss (1 = every token alike): where a reply decides to answer or refuse."""
    opening_tokens: int = 4
    """opening_weight: how many tokens of each reply's start it weighs."""


@dataclass
class SFTConfig(StageConfig):
    """Supervised fine-tuning on chats (the loss on assistant turns only)."""

    run_dir: str = "runs/quickstart"
    """Run directory; the stage writes `<run_dir>/sft/`."""
    data: SFTDataConfig = field(default_factory=SFTDataConfig)
    """Training data."""
    loss: SFTLoss = field(default_factory=SFTLoss)
    """How reply tokens are weighed in the loss."""
    dynamics: DynamicsConfig = field(default_factory=DynamicsConfig)
    """Learning-dynamics probes and warnings (dynamics.jsonl, dynamics.html)."""


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
class RewardConfig(StageConfig):
    """A reward model trained on preference pairs (Bradley-Terry). The backbone may also be an
    encoder (BERT/MiniLM-style); the score head always trains in full."""

    run_dir: str = "runs/reward"
    """Run directory; the stage writes `<run_dir>/reward/`."""
    data: PreferenceDataConfig = field(default_factory=PreferenceDataConfig)
    """Preference pairs (ranked lists expand to pairs), split by prompt into train and held-out test."""
    reward: RewardSettings = field(default_factory=RewardSettings)
    """Reward-model loss options and evaluation."""


@dataclass
class OnlineDPOSettings:
    """On-policy rounds (iterative / online DPO): each round samples `samples` replies per prompt from the
    current policy, ranks them, and trains DPO on best-vs-worst pairs (`alignment/stages/dpo/online.py`)."""

    rounds: int = 0
    """Rounds of sample -> rank -> train; 0 = offline DPO on `data.sources` only. `train.max_steps` is per round."""
    prompt_files: list[str] = field(default_factory=list)
    """Prompt rows to sample for (JSONL/JSON/CSV/Parquet, as PPO's data.files); the judge split applies."""
    prompts_per_round: int = 128
    """A seeded sample of the prompts per round (0 = all)."""
    samples: int = 4
    """Replies sampled per prompt (at least 2: a pair needs two)."""
    greedy: bool = True
    """Make one of the samples the greedy reply: what the policy would say in the eval."""
    temperature: float = 0.7
    """Sampling temperature of the other samples."""
    top_p: float = 0.9
    """Nucleus sampling of the other samples."""
    max_new_tokens: int = 64
    """Longest sampled reply."""
    batch_size: int = 32
    """Prompts per generation batch."""
    rule_rewards: dict[str, float] = field(default_factory=lambda: {"alignment.rewards:refusal_by_kind": 1.0})
    """Rule rewards (module:function or file.py:function -> weight), as ppo.rule_rewards."""
    reward_model: str = ""
    """Reward model stage dir that also ranks the samples (empty = rules only)."""
    reward_model_weight: float = 1.0
    """Weight of the reward model's score next to the rule rewards."""
    pairs_weight: float = 1.0
    """Mixture weight of the round's pairs next to `data.sources` (2 = each pair twice)."""
    min_gap: float = 0.5
    """A prompt gives a pair only when its best and worst samples' scores differ by at least this."""
    balance_kinds: bool = True
    """Keep as many pairs of each prompt `kind` as the rarest kind has (off-balance rounds swing refusals)."""
    guides: bool = False
    """Add each prompt row's own `chosen` reply (preference-file rows) as one more candidate, scored like the samples."""


@dataclass
class DPOSettings:
    loss: Literal["sigmoid", "ipo", "simpo", "orpo"] = "sigmoid"
    """sigmoid = DPO (Rafailov et al. 2023); ipo = IPO (Azar et al. 2023); simpo = SimPO (Meng et al. 2024); orpo = ORPO (Hong et al. 2024); the last two reference-free."""
    beta: float = 0.1
    """Strength of the pull towards the reference (sigmoid, ipo: IPO's tau), SimPO's reward scale, or ORPO's lambda."""
    label_smoothing: float = 0.0
    """sigmoid and simpo: assumed probability that a pair's label is flipped (conservative DPO); in [0, 0.5)."""
    simpo_gamma: float = 0.5
    """simpo: target margin between the length-normalised chosen and rejected rewards."""
    precompute_ref_logps: bool | None = None
    """Reference log-probs in one cached pass before training (not simpo); unset: unless adapter.last_layers lets each batch share the frozen layers."""
    eval_batch_size: int = 16
    """Pairs per forward pass when scoring the held-out pairs after training."""
    online: OnlineDPOSettings = field(default_factory=OnlineDPOSettings)
    """On-policy rounds: sample from the policy, rank, train (rounds: 0 = off)."""


@dataclass
class DPOConfig(StageConfig):
    """Direct preference optimisation; the reference is the start model with the adapter disabled."""

    run_dir: str = "runs/dpo"
    """Run directory; the stage writes `<run_dir>/dpo/`."""
    data: PreferenceDataConfig = field(default_factory=PreferenceDataConfig)
    """Preference pairs (ranked lists expand to pairs), split by prompt into train and held-out test."""
    dpo: DPOSettings = field(default_factory=DPOSettings)
    """Loss variant and its parameters, reference log-prob cache, evaluation, on-policy rounds."""
    dynamics: DynamicsConfig = field(default_factory=DynamicsConfig)
    """Learning-dynamics probes and warnings (dynamics.jsonl, dynamics.html)."""


@dataclass
class KTODataConfig(PreferenceDataConfig):
    unpaired_files: list[str] = field(default_factory=list)
    """KTO rows ({"prompt", "completion", "label"} or {"messages", "label"}), split by prompt like the pairs."""


@dataclass
class KTOSettings:
    beta: float = 0.1
    """Strength of the pull towards the reference (the adapter-off start model)."""
    desirable_weight: float = 1.0
    """Weight of the desirable rows' loss (raise it when they are fewer than the undesirable ones)."""
    undesirable_weight: float = 1.0
    """Weight of the undesirable rows' loss."""
    precompute_ref_logps: bool = True
    """Reference log-probs (rows and KL pairs) in one pass before training, not two reference passes per step."""
    eval_batch_size: int = 16
    """Rows per forward pass when scoring the held-out rows after training."""


@dataclass
class KTOConfig(StageConfig):
    """KTO (Ethayarajh et al. 2024) on unpaired thumbs-up / thumbs-down rows, or on preference pairs
    split into one desirable and one undesirable row each; the reference is the adapter-off model."""

    run_dir: str = "runs/kto"
    """Run directory; the stage writes `<run_dir>/kto/`."""
    data: KTODataConfig = field(default_factory=KTODataConfig)
    """Preference sources (unpaired: chosen -> desirable, rejected -> undesirable) and KTO rows."""
    kto: KTOSettings = field(default_factory=KTOSettings)
    """The loss's beta and class weights, evaluation."""
    dynamics: DynamicsConfig = field(default_factory=DynamicsConfig)
    """Learning-dynamics probes and warnings (dynamics.jsonl, dynamics.html)."""


@dataclass
class ORPOSettings:
    beta: float = 0.1
    """lambda of ORPO: the weight of the odds-ratio term against the chosen reply's NLL (TRL's ORPOConfig.beta)."""
    eval_batch_size: int = 16
    """Pairs per forward pass when scoring the held-out pairs after training."""


@dataclass
class ORPOConfig(StageConfig):
    """ORPO (Hong et al. 2024): SFT and preference optimisation in one reference-free loss, from a base
    or an instruct model, no SFT stage before it. Runs the DPO stage's code with `dpo.loss: orpo`."""

    run_dir: str = "runs/orpo"
    """Run directory; the stage writes `<run_dir>/orpo/`."""
    data: PreferenceDataConfig = field(default_factory=PreferenceDataConfig)
    """Preference pairs (ranked lists expand to pairs), split by prompt into train and held-out test."""
    orpo: ORPOSettings = field(default_factory=ORPOSettings)
    """The odds-ratio weight and evaluation."""
    dynamics: DynamicsConfig = field(default_factory=DynamicsConfig)
    """Learning-dynamics probes and warnings (dynamics.jsonl, dynamics.html)."""

    def as_dpo_config(self) -> DPOConfig:
        """The DPO stage's config that runs this one: `dpo.loss: orpo`, beta = ORPO's lambda."""
        return DPOConfig(
            run_dir=self.run_dir,
            model=self.model,
            adapter=self.adapter,
            train=self.train,
            merge=self.merge,
            report_to=self.report_to,
            data=self.data,
            dpo=DPOSettings(loss="orpo", beta=self.orpo.beta, eval_batch_size=self.orpo.eval_batch_size),
            dynamics=self.dynamics,
        )


SHIPPED_PROMPT_FILES = ("preference_data/prompts/helpful.jsonl", "preference_data/prompts/harmless.jsonl")
PromptFormat = Literal["auto", "prompt", "messages", "alpaca"]


@dataclass
class PromptSourceConfig(DatasetLocation):
    name: str = ""
    """Source name in the summary line; empty = the hub name's last part, or the first file's name without its suffix."""
    format: PromptFormat = "auto"
    """Row format; auto detects it per row (prompt rows, SFT chats, preference pairs of any format)."""
    weight: float = 1.0
    """Multiplies this source's share of the prompts: 0.5 keeps a seeded half, 2 repeats it twice."""
    columns: dict[str, str] = field(default_factory=dict)
    """Rename the files' columns to the format's names, e.g. {prompt: question}."""


@dataclass
class PromptDataConfig:
    files: list[str] = field(default_factory=list)
    """Prompt files, read as one source of weight 1 (prompt rows, SFT chats or preference pairs); with no `sources` either, the shipped helpful and harmless prompts."""
    format: PromptFormat = "auto"
    """Row format of `files`; auto detects it per row."""
    columns: dict[str, str] = field(default_factory=dict)
    """Rename the columns of `files` to the format's names, e.g. {prompt: question}."""
    sources: list[PromptSourceConfig] = field(default_factory=list)
    """Prompt sources (files or a hub dataset, each with its format, columns and weight), mixed by weight after `files`."""
    max_prompt_length: int = 256
    """Longest rendered prompt in tokens; longer prompts are cut or dropped as `truncation` says, and counted."""
    truncation: Literal["prompt", "drop"] = "prompt"
    """Over-long prompts: prompt = cut from the left (earlier turns first, the last question's end kept); drop."""
    deduplicate: bool = True
    """Drop prompts identical to an earlier one (counted): a copy is sampled twice as often."""
    seed: int = 42
    """Seed for the prompt order (reshuffled every pass over the prompts)."""
    judge_split: StageJudgeSplit = field(default_factory=StageJudgeSplit)
    """Prompts in the judge part are dropped (part rest); a pipeline listing judge sets it."""

    def all_sources(self) -> list[PromptSourceConfig]:
        """`files` as the first source (weight 1), then `sources`; the shipped prompts when both are empty."""
        return _sources_after_files(PromptSourceConfig, self, self.files, list(SHIPPED_PROMPT_FILES))

    def paths(self) -> list[str]:
        """Every file (and hub dataset) of every source, in order: what the manifest hashes."""
        return [path for source in self.all_sources() for path in source.paths()]


@dataclass
class PPOSettings:
    reward_model: str = ""
    """Reward stage dir (or merged / adapter dir); empty = only rule_rewards. A pipeline fills in its reward stage."""
    rule_rewards: dict[str, float] = field(default_factory=dict)
    """Extra rewards `module:function` or `file.py:function` -> weight; fn(messages, reply[, metadata]) -> float."""
    rollout_batch_size: int = 16
    """Rollouts (sampled replies) per PPO iteration per process."""
    samples_per_prompt: int = 1
    """Replies sampled per prompt; rollout_batch_size must be a multiple (it then holds fewer prompts)."""
    group_baseline: bool = False
    """Subtract from each score the mean score of its prompt's other replies (RLOO); needs samples_per_prompt > 1."""
    guide_replies: int = 0
    """Of each prompt's replies, this many are its row's `chosen` (then `rejected`) reply, not samples (0-2)."""
    ppo_epochs: int = 2
    """Passes over each iteration's rollouts; minibatches are train.batch_size x train.grad_accum rollouts."""
    max_new_tokens: int = 64
    """Longest sampled reply in tokens."""
    temperature: float = 1.0
    """Sampling temperature of the rollouts (log-probs are taken at the same temperature)."""
    top_p: float = 1.0
    """Nucleus sampling of the rollouts (1 = off)."""
    normalize_rewards: bool = True
    """Scale reward-model scores by running mean and std (all rollouts so far) before clipping."""
    reward_clip: float = 5.0
    """Clip the (normalised) reward-model score to [-reward_clip, reward_clip]; 0 = no clipping."""
    missing_eos_penalty: float = 1.0
    """Subtracted from the score of a reply cut off at max_new_tokens without its end token."""
    length_penalty: float = 0.0
    """Subtracted from the score per reply token (against length hacking)."""
    kl_coef: float = 0.05
    """Per-token KL penalty coefficient against the reference (adapters off); the start value when adaptive."""
    adaptive_kl: bool = False
    """Adapt kl_coef towards target_kl (Ziegler et al. 2019)."""
    target_kl: float = 6.0
    """Adaptive KL: the per-reply KL (nats) to steer towards."""
    kl_horizon: int = 10000
    """Adaptive KL: rollouts over which the coefficient may change by about e-fold."""
    kl_estimator: Literal["k1", "k3"] = "k1"
    """Per-token KL estimate: k1 = log ratio, k3 = (r - 1) - log r with r = p_ref / p (never negative)."""
    gamma: float = 1.0
    """GAE discount."""
    lam: float = 0.95
    """GAE lambda."""
    whiten_advantages: bool = True
    """Shift and scale the advantages of each iteration to mean 0, std 1."""
    clip_range: float = 0.2
    """PPO policy ratio clip epsilon."""
    value_clip_range: float = 0.2
    """Clip of the value change per iteration in the value loss."""
    value_coef: float = 0.1
    """Weight of the value loss."""
    entropy_coef: float = 0.0
    """Weight of the entropy bonus (0 = off)."""
    approx_kl_stop: float = 0.0
    """Stop an iteration's epochs once the mean approximate KL to the rollout policy exceeds this (0 = never)."""
    log_samples: int = 2
    """Rollouts written to samples.jsonl (and printed) at each log step."""


@dataclass
class PPOConfig(StageConfig):
    """PPO with a value adapter beside the policy adapter; `train.max_steps` counts PPO iterations and
    `train.batch_size` is the micro-batch of the update. `report_to` trackers get every iteration's line
    of metrics.jsonl (`core/tracking.py`)."""

    run_dir: str = "runs/ppo"
    """Run directory; the stage writes `<run_dir>/ppo/`."""
    data: PromptDataConfig = field(default_factory=PromptDataConfig)
    """Prompts the rollouts are sampled for."""
    ppo: PPOSettings = field(default_factory=PPOSettings)
    """Rollout, reward, KL, advantage and PPO-update settings."""
    dynamics: DynamicsConfig = field(default_factory=DynamicsConfig)
    """Learning-dynamics probes and warnings (dynamics.jsonl, dynamics.html)."""


@dataclass
class GRPOSettings:
    reward_model: str = ""
    """Reward stage dir (or merged / adapter dir); empty = none (a pipeline never fills it in: name every reward)."""
    reward_model_weight: float = 1.0
    """Weight of the reward model's score in a reply's reward."""
    rule_rewards: dict[str, float] = field(default_factory=dict)
    """Rule rewards `module:function` or `file.py:function` -> weight; fn(messages, reply[, metadata]) -> float."""
    verifiable_rewards: dict[str, float] = field(default_factory=dict)
    """Verifiable rewards -> weight, e.g. {alignment.rewards:answer_matches: 1.0}; fn(messages, reply, check) -> float."""
    group_size: int = 8
    """Replies sampled per prompt (G); advantages compare a reply with its group. At least 2."""
    rollout_batch_size: int = 32
    """Replies per iteration per process: rollout_batch_size / group_size prompts."""
    advantage: Literal["grpo", "dr_grpo", "rloo"] = "grpo"
    """grpo = (s - group mean) / group std; dr_grpo = s - group mean; rloo = s - mean of the group's others."""
    loss_aggregation: Literal["token", "sequence", "constant"] = "token"
    """token = mean over reply tokens; sequence = per reply, then over replies; constant = sum / (replies x L_max)."""
    kl_coef: float = 0.0
    """beta of the k3 KL-to-reference term in the loss (reference = adapters off); 0 = no KL and no reference pass."""
    epochs: int = 1
    """Passes over each iteration's rollouts (mu); more than one pass (or minibatch) needs the sampling log-probs."""
    skip_uniform_groups: bool = True
    """Leave groups whose replies all scored alike (advantage 0) out of the update: no gradient lost, compute saved."""
    clip_range: float = 0.2
    """Policy ratio clip epsilon (matters once a rollout is used for more than one update)."""
    max_new_tokens: int = 64
    """Longest sampled reply in tokens."""
    temperature: float = 1.0
    """Sampling temperature (log-probs are taken at the same temperature)."""
    top_p: float = 1.0
    """Nucleus sampling of the rollouts (1 = off)."""
    missing_eos_penalty: float = 0.0
    """Subtracted from the reward of a reply cut off at max_new_tokens without its end token."""
    log_samples: int = 2
    """Rollouts written to samples.jsonl (and printed) at each log step."""

    # fixed for GRPO: the shared rollout code reads these PPO names
    guide_replies = 0

    @property
    def samples_per_prompt(self) -> int:
        return self.group_size


@dataclass
class GRPOConfig(StageConfig):
    """Critic-free group RL (GRPO, Dr. GRPO, RLOO) with one LoRA policy adapter; `train.max_steps` counts
    iterations and `train.batch_size` is the micro-batch of the update. `report_to` as for PPO."""

    run_dir: str = "runs/grpo"
    """Run directory; the stage writes `<run_dir>/grpo/`."""
    data: PromptDataConfig = field(default_factory=PromptDataConfig)
    """Prompts the rollouts are sampled for (rows with a `check` feed the verifiable rewards)."""
    grpo: GRPOSettings = field(default_factory=GRPOSettings)
    """Rewards, groups, advantages, loss and sampling."""
    dynamics: DynamicsConfig = field(default_factory=DynamicsConfig)
    """Learning-dynamics probes and warnings (dynamics.jsonl, dynamics.html)."""
