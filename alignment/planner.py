"""The memory planner: what a stage holds per device, estimated from its config and the model's shape.

    plan = plan_stage("dpo", config, shape_for(config.model), device="gpu", processes=8, launch="fsdp")
    plan.peak_bytes, plan.fits, plan.to_dict()

Inputs: a typed stage config (`alignment.config`) and a `ModelShape` read from the model's
`config.json` (or a named preset); nothing is loaded but that JSON. Output: a `StagePlan`, the bytes
of each component per device, in two kinds:
- resident, held the whole stage: the runtime (Python, torch and the libraries on CPU; the CUDA
  context on a GPU), the weights (4-bit nf4 for `adapter.method: qlora`), the LoRA tensors with their
  fp32 gradients and AdamW moments, a second model where the stage loads one (PPO's reward model on
  another base), cached reference log-probs;
- transient, one phase at a time: the training step (activations of the layers the backward reaches,
  the logits), the rollout (KV cache of the sampled batch), the held-out or reference scoring pass,
  and on CPU loading (the weight files' memory-mapped pages) and the end-of-stage merge (a fresh copy
  of the base and its file's pages). Only the largest phase counts towards the peak. On CPU the phases
  that follow a training step in the same process (the merge, the rollouts after an update) also hold
  what malloc kept of it (`kept_heap`: its activations, small blocks glibc does not give back).
The peak is `baseline + allocator factor x (resident + largest phase)`. On CPU the baseline is measured
(the stage modules' imports) and the factor fitted on the SFT and DPO SmolLM2 recipes, then checked on
the others (benchmarks/plan_vs_measured.py, docs/plan.md).

Every sequence is taken at its longest (`batch_size x data.max_length`, PPO/GRPO prompt + reply): a
budget for the longest batch, which `train.group_by_length` puts first. Sharding (`launch`): fsdp,
cpu_fsdp and deepspeed_zero3 divide weights, gradients and optimizer state by the process count,
deepspeed_zero2 the gradients and optimizer state, ddp nothing.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from alignment.config import (
    DEFAULT_MODEL,
    DPOConfig,
    GRPOConfig,
    KTOConfig,
    ModelConfig,
    ORPOConfig,
    PipelineConfig,
    PPOConfig,
    RewardConfig,
    SFTConfig,
    StageConfig,
    load_config,
)
from alignment.config.stages import shipped_path
from alignment.core.errors import ConfigError, ModelLoadError

GIB = 1024**3
STAGE_CONFIGS = {
    "sft": SFTConfig,
    "reward": RewardConfig,
    "judge": RewardConfig,
    "dpo": DPOConfig,
    "kto": KTOConfig,
    "orpo": ORPOConfig,
    "ppo": PPOConfig,
    "grpo": GRPOConfig,
}
LAUNCHES = ("cpu", "cpu_ddp", "cpu_fsdp", "gpu", "ddp", "fsdp", "deepspeed_zero2", "deepspeed_zero3")
"""Launch configs of recipes/accelerate/ (without .yaml) the planner knows how to divide memory for."""
SHARDS_WEIGHTS = ("fsdp", "cpu_fsdp", "deepspeed_zero3")
SHARDS_OPTIMIZER = ("fsdp", "cpu_fsdp", "deepspeed_zero2", "deepspeed_zero3")

# Constants. CPU: the baseline measured (the RSS of importing the stage modules), the factor fitted by least
# squares on two recipes, SFT and DPO of recipes/smollm2-135m (docs/LOG.md, 2026-12-07), checked on the
# other five and on six fresh configurations (2026-12-07, later). GPU: the usual CUDA context and
# caching-allocator slack, assumed, not measured here.
CPU_BASELINE_BYTES = int(0.49 * GIB)
"""Resident set of the Python process before any tensor: interpreter, torch, transformers, TRL, peft, datasets."""
CPU_ALLOCATOR_FACTOR = 0.93
"""Measured peak over the counted bytes, fitted. Below 1: on the two recipes the components overcount
a little (a batch shorter than the longest row, fewer fp32 copies alive at once) more than glibc's kept
pages add."""
GPU_BASELINE_BYTES = int(0.6 * GIB)
"""CUDA context and kernels, outside torch's allocator."""
GPU_ALLOCATOR_FACTOR = 1.10
"""torch's caching allocator: fragmentation over the bytes live at the peak."""
DEFAULT_GPU_BYTES = 80 * GIB
"""An H100's memory, when neither --gpu-memory nor a visible GPU says otherwise."""

NF4_BYTES_PER_PARAM = 0.5 + 1 / 64 + 4 / (64 * 256)
"""bitsandbytes nf4 with double quantisation: 4 bits, an 8-bit absmax per 64 weights, an fp32 per 256 absmaxes."""
FUSED_HEAD_TOKENS, FUSED_HEAD_VOCAB = 4096, 32768
"""TRL's fused LM head (DPO, ORPO, KTO) projects tiles of at most 4096 tokens x 32768 vocabulary rows."""
TILED_HEAD_ELEMENTS = 1 << 23
"""PPO/GRPO's tiled head (stages/ppo/models.py): at most 8M logits at once."""
MALLOC_MMAP_THRESHOLD_MAX = 32 * 1024**2
"""glibc's largest dynamic mmap threshold on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX): a freed block under it
goes back to malloc's heap, which the process keeps; a larger block has its own mapping, unmapped on free."""


# ---------------------------------------------------------------------------------------
# The model's shape


@dataclass(frozen=True)
class ModelShape:
    """What memory depends on in a decoder: sizes from config.json, no weights."""

    name: str
    vocab_size: int
    hidden_size: int
    intermediate_size: int
    layers: int
    heads: int
    kv_heads: int
    head_dim: int
    tied_embeddings: bool
    file_bytes: int = 0
    """Bytes of the weight files on disk (0: unknown, taken as the parameters at 2 bytes)."""

    def linear_modules(self) -> dict[str, tuple[int, int]]:
        """The adaptable linear layers of one decoder layer: name -> (in features, out features)."""
        hidden, inner = self.hidden_size, self.intermediate_size
        attention, kv = self.heads * self.head_dim, self.kv_heads * self.head_dim
        return {
            "q_proj": (hidden, attention),
            "k_proj": (hidden, kv),
            "v_proj": (hidden, kv),
            "o_proj": (attention, hidden),
            "gate_proj": (hidden, inner),
            "up_proj": (hidden, inner),
            "down_proj": (inner, hidden),
        }

    def layer_linear_parameters(self) -> int:
        return sum(fan_in * fan_out for fan_in, fan_out in self.linear_modules().values())

    def embedding_parameters(self) -> int:
        """Input embeddings plus the output head when it is not tied to them."""
        return self.vocab_size * self.hidden_size * (1 if self.tied_embeddings else 2)

    def parameters(self) -> int:
        norms = self.layers * 2 * self.hidden_size + self.hidden_size
        return self.embedding_parameters() + self.layers * self.layer_linear_parameters() + norms


PRESETS = {
    "smollm2-135m": ModelShape("smollm2-135m", 49152, 576, 1536, 30, 9, 3, 64, True),
    "smollm2-360m": ModelShape("smollm2-360m", 49152, 960, 2560, 32, 15, 5, 64, True),
    "smollm2-1.7b": ModelShape("smollm2-1.7b", 49152, 2048, 8192, 24, 32, 32, 64, True),
    "llama-1b": ModelShape("llama-1b", 128256, 2048, 8192, 16, 32, 8, 64, True),
    "llama-3b": ModelShape("llama-3b", 128256, 3072, 8192, 28, 24, 8, 128, True),
    "llama-8b": ModelShape("llama-8b", 128256, 4096, 14336, 32, 32, 8, 128, False),
    "llama-70b": ModelShape("llama-70b", 128256, 8192, 28672, 80, 64, 8, 128, False),
}
"""Shapes of common models, for `--model-shape` when the model's config.json is not on this machine
(Llama 3.x sizes; SmolLM2 as on its model card)."""


def shape_from_json(path: Path, name: str) -> ModelShape:
    """A `ModelShape` from a config.json (a multimodal model's `text_config` when it has one); the
    safetensors beside it give the bytes on disk (their sizes, not their contents)."""
    config = json.loads(path.read_text(encoding="utf-8"))
    files = sum(weights.stat().st_size for weights in path.parent.glob("*.safetensors"))
    config = config.get("text_config") or config

    def key(*names: str, default=None):
        for candidate in names:
            if config.get(candidate) is not None:
                return config[candidate]
        if default is None:
            raise ConfigError(f"{path}: no {names[0]}; the planner reads decoder shapes (Llama-style config.json)")
        return default

    hidden = key("hidden_size", "n_embd", "d_model")
    heads = key("num_attention_heads", "n_head")
    return ModelShape(
        name=name,
        vocab_size=key("vocab_size"),
        hidden_size=hidden,
        intermediate_size=key("intermediate_size", "n_inner", default=4 * hidden),
        layers=key("num_hidden_layers", "n_layer"),
        heads=heads,
        kv_heads=key("num_key_value_heads", default=heads),
        head_dim=key("head_dim", default=hidden // heads),
        tied_embeddings=bool(config.get("tie_word_embeddings", False)),
        file_bytes=files,
    )


def shape_for(model: ModelConfig, preset: str = "") -> ModelShape:
    """The shape of `model`: a preset when named, else its config.json (the embedded model's cached
    conversion, a local or stage directory, a hub id in the local Hugging Face cache). Never downloads,
    never converts, never loads weights; a model found nowhere is a ConfigError naming the presets."""
    if preset:
        if preset not in PRESETS:
            raise ConfigError(f"--model-shape {preset}: unknown; presets: {', '.join(PRESETS)}")
        return PRESETS[preset]
    from alignment.models import loading

    name = model.name_or_path
    if name == DEFAULT_MODEL:  # its conversion when made, else its known shape: no conversion just to plan
        converted = loading.cache_dir() / "models" / name / "config.json"
        if converted.is_file():
            return shape_from_json(converted, name)
        known = PRESETS["smollm2-135m"]  # the conversion writes float32 safetensors
        return dataclasses.replace(known, name=name, file_bytes=known.parameters() * 4)
    hint = f"give a local model directory or --model-shape ({', '.join(PRESETS)})"
    try:
        location = loading.resolve_model_dir(model)
    except ModelLoadError as error:
        raise ConfigError(f"{error}; {hint}") from None
    if (Path(location) / "config.json").is_file():
        return shape_from_json(Path(location) / "config.json", name)
    from huggingface_hub import try_to_load_from_cache

    cached = try_to_load_from_cache(location, "config.json") if location.count("/") == 1 else None
    if isinstance(cached, str):
        return shape_from_json(Path(cached), name)
    raise ConfigError(
        f"model {name}: no config.json here (not a local directory, not in the Hugging Face cache, or a stage "
        f"output not made yet); {hint}"
    )


# ---------------------------------------------------------------------------------------
# The plan


@dataclass(frozen=True)
class Item:
    """One component: its bytes per device and how they were counted."""

    name: str
    bytes: int
    note: str = ""


@dataclass
class StagePlan:
    stage: str
    device: str  # cpu | gpu
    processes: int
    launch: str
    dtype: str
    shape: ModelShape
    capacity_bytes: int
    resident: list[Item] = field(default_factory=list)
    phases: dict[str, list[Item]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def baseline_bytes(self) -> int:
        return CPU_BASELINE_BYTES if self.device == "cpu" else GPU_BASELINE_BYTES

    @property
    def allocator_factor(self) -> float:
        return CPU_ALLOCATOR_FACTOR if self.device == "cpu" else GPU_ALLOCATOR_FACTOR

    @property
    def peak_phase(self) -> str:
        return max(self.phases, key=lambda name: sum(item.bytes for item in self.phases[name]), default="")

    @property
    def tensor_bytes(self) -> int:
        """Resident tensors plus the largest phase: the high-water mark of the tensors."""
        largest = sum(item.bytes for item in self.phases.get(self.peak_phase, []))
        return sum(item.bytes for item in self.resident) + largest

    @property
    def peak_bytes(self) -> int:
        """baseline + allocator factor x the tensors' high-water mark."""
        return self.baseline_bytes + math.ceil(self.allocator_factor * self.tensor_bytes)

    @property
    def fits(self) -> bool:
        """Each GPU holds one process; on a CPU every process shares the machine's memory."""
        return self.peak_bytes * (self.processes if self.device == "cpu" else 1) <= self.capacity_bytes

    def to_dict(self) -> dict:
        return {
            "stage": self.stage,
            "device": self.device,
            "processes": self.processes,
            "launch": f"recipes/accelerate/{self.launch}.yaml",
            "dtype": self.dtype,
            "model": {"name": self.shape.name, "parameters": self.shape.parameters(), "layers": self.shape.layers},
            "baseline_bytes": self.baseline_bytes,
            "allocator_factor": self.allocator_factor,
            "resident": [item.__dict__ for item in self.resident],
            "phases": {name: [item.__dict__ for item in items] for name, items in self.phases.items()},
            "peak_phase": self.peak_phase,
            "peak_bytes": self.peak_bytes,
            "capacity_bytes": self.capacity_bytes,
            "fits": self.fits,
            "notes": self.notes,
        }


def dtype_of(model: ModelConfig, device: str) -> str:
    """`model.dtype`, with auto as the loader decides it (`models.loading.pick_dtype`): bf16 on a GPU
    (assumed bf16-capable) and on a CPU with bf16 matrix instructions, else fp32."""
    if model.dtype != "auto":
        return model.dtype
    if device == "gpu":
        return "bfloat16"
    from alignment.models.loading import cpu_has_fast_bf16

    return "bfloat16" if cpu_has_fast_bf16() else "float32"


BYTES = {"float32": 4, "bfloat16": 2, "float16": 2}


def weight_bytes(shape: ModelShape, method: str, dtype_bytes: int) -> tuple[int, str]:
    """(bytes, note) of the base weights: nf4 for the decoder's linear layers under QLoRA (the
    embeddings, head and norms stay in the compute dtype), else every parameter at the dtype."""
    params = shape.parameters()
    if method != "qlora":
        return params * dtype_bytes, f"{params / 1e6:,.1f}M params x {dtype_bytes} bytes"
    quantised = shape.layers * shape.layer_linear_parameters()
    other = params - quantised
    total = math.ceil(quantised * NF4_BYTES_PER_PARAM) + other * dtype_bytes
    return total, f"{quantised / 1e6:,.0f}M in nf4 (~4.1 bits) + {other / 1e6:,.1f}M x {dtype_bytes} bytes"


def adapted_layers(shape: ModelShape, config: StageConfig) -> int:
    """Decoder layers that carry an adapter, and so keep activations for the backward pass."""
    if config.adapter.method == "full":
        return shape.layers
    last = config.adapter.last_layers
    return min(last, shape.layers) if last > 0 else shape.layers


def targeted_modules(shape: ModelShape, config: StageConfig) -> dict[str, tuple[int, int]]:
    """The linear layers `adapter.target_modules` names in one decoder layer (all-linear: every one)."""
    modules = shape.linear_modules()
    targets = config.adapter.target_modules
    if "all-linear" in targets:
        return modules
    return {name: sizes for name, sizes in modules.items() if name in targets}


def lora_parameters(shape: ModelShape, config: StageConfig) -> int:
    """r x (in + out) per targeted module per adapted layer (lora_A is r x in, lora_B out x r)."""
    per_layer = sum(fan_in + fan_out for fan_in, fan_out in targeted_modules(shape, config).values())
    return config.adapter.r * per_layer * adapted_layers(shape, config)


def activation_bytes_per_token(shape: ModelShape, config: StageConfig, dtype_bytes: int) -> int:
    """Bytes one token keeps for the backward pass in one adapted decoder layer, no checkpointing.

    Saved in the compute dtype: the normed inputs of attention and MLP (2H), q and k before and after
    rotary plus v (2 (q + kv) + kv), the attention output (q width), the MLP's gate, up, activation and
    product (4I); in fp32 the two RMSNorm inputs (2 x 4H). LoRA casts each adapted module's input to
    its fp32 weights (4 bytes x the module's fan-in; dropout keeps its 1-byte mask besides)."""
    hidden, inner = shape.hidden_size, shape.intermediate_size
    attention, kv = shape.heads * shape.head_dim, shape.kv_heads * shape.head_dim
    base = dtype_bytes * (2 * hidden + 2 * (attention + kv) + kv + attention + 4 * inner) + 2 * 4 * hidden
    if config.adapter.method == "full":
        return base
    per_input = 4 + (1 if config.adapter.dropout > 0 else 0)
    return base + per_input * sum(fan_in for fan_in, _ in targeted_modules(shape, config).values())


def training_activations(
    shape: ModelShape, config: StageConfig, sequences: int, length: int, dtype_bytes: int, passes: int = 1
) -> Item:
    """Activations of one micro-batch of `sequences` x `length` tokens through the adapted layers;
    `passes` with grad before one backward (PPO: the policy and the value pass). Checkpointing keeps
    each layer's input only, and one layer's activations while it is recomputed."""
    tokens = sequences * length
    layers = adapted_layers(shape, config)
    per_token = activation_bytes_per_token(shape, config, dtype_bytes)
    if config.train.gradient_checkpointing:
        total = passes * tokens * (layers * shape.hidden_size * dtype_bytes + per_token)
        how = "checkpointed: layer inputs + one layer"
    else:
        total = passes * tokens * layers * per_token
        how = "no checkpointing"
    times = f"{passes} passes x " if passes > 1 else ""
    note = f"{times}{sequences} x {length} tokens, {layers} layers with grad, {how}"
    return Item("activations", total, note)


def full_logits(shape: ModelShape, tokens: int, dtype_bytes: int) -> Item:
    """[tokens, vocab] logits with a backward: the head's output, its fp32 copy and log-softmax, and
    their gradients (2 x dtype + 3 x 4 bytes a logit)."""
    per_logit = 2 * dtype_bytes + 12
    return Item("logits", tokens * shape.vocab_size * per_logit, f"{tokens} tokens x {shape.vocab_size} vocab, fp32")


def fused_head(shape: ModelShape, tokens: int, dtype_bytes: int, backward: bool = True) -> Item:
    """TRL's fused head: one tile of tokens x vocabulary rows in the dtype, and its fp32 transforms:
    three in the forward (scaled logits, shifted, exp), six in the backward's recomputation (logits,
    log-probs, probabilities, the one-hot difference, the gradient and its scaled copy)."""
    tile = min(tokens, FUSED_HEAD_TOKENS) * min(shape.vocab_size, FUSED_HEAD_VOCAB)
    per_logit = dtype_bytes + (24 if backward else 12)
    return Item("logits", tile * per_logit, f"fused head: tiles of {min(tokens, FUSED_HEAD_TOKENS)} tokens, fp32")


def tiled_head(shape: ModelShape, tokens: int) -> Item:
    tile = min(tokens * shape.vocab_size, TILED_HEAD_ELEMENTS)
    return Item("logits", tile * 12, "tiled head: 8M logits at a time, fp32")


def kv_cache(shape: ModelShape, sequences: int, length: int, dtype_bytes: int) -> Item:
    """Keys and values of every layer for `sequences` x `length` tokens while sampling."""
    per_token = 2 * shape.layers * shape.kv_heads * shape.head_dim * dtype_bytes
    return Item("KV cache", sequences * length * per_token, f"{sequences} sequences x {length} tokens, all layers")


# ---------------------------------------------------------------------------------------
# Per stage: the micro-batch, the logits, the extra passes


def train_step(
    stage: str, config: StageConfig, shape: ModelShape, dtype_bytes: int, reply_share: float = 1.0, device: str = "cpu"
) -> tuple[list[Item], list[str]]:
    """The training step's transient items and notes. `reply_share`: the share of positions that are
    reply tokens, the only ones SFT (on CPU), DPO, ORPO and KTO (on a GPU) run through the LM head."""
    batch = config.train.batch_size

    def scored(sequences: int, length: int) -> int:
        return max(1, round(sequences * length * reply_share))

    notes: list[str] = []
    if stage == "sft":
        length = config.data.max_length
        items = [training_activations(shape, config, batch, length, dtype_bytes)]
        items.append(full_logits(shape, scored(batch, length), dtype_bytes))
        train = config.train
        if (
            train.cache_frozen_prefix
            and config.adapter.last_layers
            and not (train.packing or train.gradient_checkpointing)
        ):
            notes.append(
                f"sft: the frozen-prefix cache adds {shape.hidden_size * dtype_bytes} bytes per token of the chats "
                "trained (up to 1 GiB), not counted here"
            )
    elif stage in ("reward", "judge"):
        length = config.data.max_length
        items = [training_activations(shape, config, 2 * batch, length, dtype_bytes)]  # chosen + rejected
        items.append(Item("logits", 2 * batch * 4, "score head: one value per sequence"))
    elif stage in ("dpo", "orpo"):
        length = config.data.max_length
        items = [training_activations(shape, config, 2 * batch, length, dtype_bytes)]
        items.append(fused_head(shape, scored(2 * batch, length), dtype_bytes))
        if stage == "dpo" and config.dpo.loss not in ("simpo", "orpo"):
            notes.append("dpo: reference = the adapter disabled (no second copy), a no-grad pass")
    elif stage == "kto":
        length = config.data.max_length
        items = [training_activations(shape, config, batch, length, dtype_bytes)]
        items.append(fused_head(shape, kto_positions(batch, length, reply_share, device), dtype_bytes))
        notes.append("kto: the KL rows' pass runs without grad (no activations kept)")
        if device == "cpu":
            notes.append("kto: on CPU TRL's fused head scores every position, prompt and padding too")
    else:  # ppo, grpo: the update's micro-batch of prompt + reply
        settings = config.ppo if stage == "ppo" else config.grpo
        length = config.data.max_prompt_length + settings.max_new_tokens
        passes = 2 if stage == "ppo" else 1  # PPO: the policy and the value adapter, one backward
        items = [training_activations(shape, config, batch, length, dtype_bytes, passes)]
        items.append(tiled_head(shape, batch * settings.max_new_tokens))
    return items, notes


def kto_positions(rows: int, length: int, reply_share: float, device: str) -> int:
    """Positions KTO's fused head scores: the replies on a GPU (Triton), every position elsewhere
    (the DPO stage makes the CPU path compact too, `score_reply_positions_only`; KTO does not)."""
    return rows * length if device == "cpu" else max(1, round(rows * length * reply_share))


def scoring_pass(stage: str, config: StageConfig, shape: ModelShape, dtype_bytes: int, reply_share: float, device):
    """The no-grad passes at `eval_batch_size`: the precomputed reference log-probs and the held-out
    scoring after training. One layer's activations at a time, and the head's tile."""
    if stage not in ("reward", "judge", "dpo", "orpo", "kto"):
        return None
    settings = {"reward": "reward", "judge": "reward", "dpo": "dpo", "orpo": "orpo", "kto": "kto"}[stage]
    rows = getattr(config, settings).eval_batch_size
    sequences = rows * (2 if stage in ("reward", "judge", "dpo", "orpo") else 1)  # a pair's two sides
    length = config.data.max_length
    per_token = activation_bytes_per_token(shape, config, dtype_bytes)
    items = [Item("activations", sequences * length * per_token, f"{sequences} x {length} tokens, one layer, no grad")]
    if stage == "kto":
        items.append(fused_head(shape, kto_positions(sequences, length, reply_share, device), dtype_bytes, False))
    elif stage in ("dpo", "orpo"):
        items.append(fused_head(shape, max(1, round(sequences * length * reply_share)), dtype_bytes, False))
    return items


def rollout(
    stage: str, config: StageConfig, shape: ModelShape, dtype_bytes: int, device: str = "cpu"
) -> list[Item] | None:
    """The sampling phase's items (KV cache, the sampler's logits), or None for a stage that does not
    sample. No copy of the head: on CPU in half precision, torch 2.13's `linear` would broadcast the
    head's weight per row for generate's strided last-position input (1.7 GiB for 32 rows of
    SmolLM2); the loader hands the head a contiguous input instead (`models.loading.contiguous_head_input`)."""
    if stage in ("ppo", "grpo"):
        settings = config.ppo if stage == "ppo" else config.grpo
        sequences, prompt, new = settings.rollout_batch_size, config.data.max_prompt_length, settings.max_new_tokens
    elif stage == "dpo" and config.dpo.online.rounds > 0:
        online = config.dpo.online
        sequences, prompt, new = online.batch_size * online.samples, config.data.max_length, online.max_new_tokens
    else:
        return None
    logits = Item("sampling logits", sequences * shape.vocab_size * 4 * 3, "one step, fp32, a few copies")
    return [kv_cache(shape, sequences, prompt + new, dtype_bytes), logits]


def kept_heap(stage: str, config: StageConfig, shape: ModelShape, step: list[Item], dtype_bytes: int) -> Item | None:
    """What the training step leaves in malloc's heap on CPU, under the phases that come after it in the
    same process (the rollouts after an update, the merge after training): its activations, when each
    saved tensor (`[tokens, width]`, the widest being the MLP's inner width in the dtype or a LoRA
    module's fp32 input) is under glibc's mmap threshold. glibc does not give a heap back while live blocks
    sit above the freed ones; the logits' tiles, far larger, have their own mappings and go back."""
    activations = next((item for item in step if item.name == "activations"), None)
    if activations is None or not activations.bytes:
        return None
    sequences, length = step_tokens(stage, config)
    fan_ins = [fan_in for fan_in, _ in targeted_modules(shape, config).values()] or [0]
    width = max(shape.intermediate_size * dtype_bytes, 4 * max(fan_ins) if config.adapter.method != "full" else 0)
    if sequences * length * width >= MALLOC_MMAP_THRESHOLD_MAX:
        return None
    return Item("kept heap", activations.bytes, "the training step's activations, kept by malloc (CPU)")


def step_tokens(stage: str, config: StageConfig) -> tuple[int, int]:
    """(sequences, length) of one training micro-batch: pairs are two sequences, PPO/GRPO prompt + reply."""
    batch = config.train.batch_size
    if stage in ("ppo", "grpo"):
        settings = config.ppo if stage == "ppo" else config.grpo
        return batch, config.data.max_prompt_length + settings.max_new_tokens
    return batch * (2 if stage in ("reward", "judge", "dpo", "orpo") else 1), config.data.max_length


def second_model(stage: str, config: StageConfig, shape: ModelShape, dtype_bytes: int, in_pipeline: bool):
    """(item, note): PPO's reward model when it is a second copy, a reward stage trained on another base
    than the policy's (stages/ppo/models.py `load_reward`); else an adapter on the shared base. In a
    pipeline the reward and PPO stages both start from the SFT output: shared."""
    if stage != "ppo" or not config.ppo.reward_model:
        return None, None
    shared = in_pipeline
    reward = Path(config.ppo.reward_model).expanduser()
    adapter = next((path for path in (reward / "adapter", reward) if (path / "adapter_config.json").is_file()), None)
    if adapter is not None:
        from alignment.models.loading import training_base

        shared = _same_model(training_base(adapter) or "", config.model.name_or_path)
    if shared:
        return None, "ppo: the reward model is an adapter on the policy's base (no second copy)"
    weights = shape.parameters() * dtype_bytes
    return Item("reward model", weights, "a second model: the reward stage trained on another base"), None


def _same_model(first: str, second: str) -> bool:
    """The same name, or two paths to one directory (a stage dir and its merged/ count as one)."""
    if first == second:
        return True
    paths = [Path(name).expanduser() for name in (first, second)]
    paths = [path / "merged" if (path / "merged").is_dir() else path for path in paths]
    return all(path.exists() for path in paths) and paths[0].resolve() == paths[1].resolve()


def load_pages(shape: ModelShape) -> Item:
    """The weight files' pages, resident while from_pretrained reads them (memory-mapped safetensors)."""
    size = shape.file_bytes or shape.parameters() * 2
    return Item("weight file pages", size, "safetensors memory-mapped while loading")


def default_launch(device: str, processes: int) -> str:
    """The launch config a plan assumes when none is named: one process, or data-parallel over several."""
    if device == "cpu":
        return "cpu" if processes == 1 else "cpu_ddp"
    return "gpu" if processes == 1 else "ddp"


def plan_stage(
    stage: str,
    config: StageConfig,
    shape: ModelShape,
    device: str = "cpu",
    processes: int = 1,
    launch: str = "",
    capacity_bytes: int | None = None,
    in_pipeline: bool = False,
    reply_share: float = 1.0,
) -> StagePlan:
    """The memory of one stage per device (see the module docstring for what is counted)."""
    if stage not in STAGE_CONFIGS:
        raise ConfigError(f"stage {stage}: unknown; stages: {', '.join(STAGE_CONFIGS)}")
    launch = launch or default_launch(device, processes)
    dtype = dtype_of(config.model, device)
    dtype_bytes = BYTES[dtype]
    plan = StagePlan(stage, device, processes, launch, dtype, shape, capacity_bytes or 0)
    weights_shard = processes if launch in SHARDS_WEIGHTS else 1
    optimizer_shard = processes if launch in SHARDS_OPTIMIZER else 1
    weights, note = weight_bytes(shape, config.adapter.method, dtype_bytes)
    if weights_shard > 1:
        note += f", / {weights_shard} ({launch})"
    plan.resident.append(Item("weights", math.ceil(weights / weights_shard), note))
    plan.resident.extend(trainable_items(stage, config, shape, dtype_bytes, weights_shard, optimizer_shard))
    extra, note = second_model(stage, config, shape, dtype_bytes, in_pipeline)
    if extra:
        plan.resident.append(extra)
    if note:
        plan.notes.append(note)
    plan.resident.extend(reference_cache(stage, config))
    step, notes = train_step(stage, config, shape, dtype_bytes, reply_share, device)
    if reply_share < 1 and stage in ("sft", "dpo", "orpo", "kto"):
        notes.append(f"logits at {reply_share:.0%} of the positions (the reply tokens)")
    plan.phases["train step"] = step
    plan.notes.extend(notes)
    scoring = scoring_pass(stage, config, shape, dtype_bytes, reply_share, device)
    if scoring:
        plan.phases["scoring pass"] = scoring
    kept = kept_heap(stage, config, shape, step, dtype_bytes) if device == "cpu" else None
    sampling = rollout(stage, config, shape, dtype_bytes, device)
    if sampling:  # the KV cache's and sampler's small blocks reuse the kept heap
        small = sum(entry.bytes for entry in sampling)
        if kept and kept.bytes > small:
            sampling.append(
                Item(
                    "kept heap",
                    kept.bytes - small,
                    "the update's activations kept by malloc, less what the KV cache reuses",
                )
            )
        plan.phases["rollout"] = sampling
    if device == "cpu":  # loading reads the safetensors through a memory map: its pages count while read
        plan.phases["load"] = [load_pages(shape)]
    if config.merge and config.adapter.method != "full":
        merged = shape.parameters() * dtype_bytes
        if device == "cpu":
            copy = Item("merged copy", merged, "the base loaded again (at the dtype) to merge the adapter into")
            plan.phases["merge"] = [copy, load_pages(shape)] + ([kept] if kept else [])
        else:
            plan.notes.append(f"merge: loads a {dtype} copy of the base in host RAM ({merged / GIB:.1f} GiB)")
    if weights_shard > 1:
        gathered = 2 * shape.layer_linear_parameters() * (dtype_bytes if config.adapter.method != "qlora" else 1)
        plan.resident.append(Item("gathered layers", gathered, "two layers unsharded at a time"))
    return plan


def trainable_items(stage, config, shape, dtype_bytes, weights_shard, optimizer_shard) -> list[Item]:
    """The trained tensors: LoRA (fp32, PEFT's default over a bf16 base) or every weight (full),
    with gradients and AdamW's two moments; PPO trains a value adapter beside the policy's."""
    if config.adapter.method == "full":
        params = shape.parameters()
        state = params * dtype_bytes * 3 // optimizer_shard  # gradients + 2 moments, in the weights' dtype
        return [Item("gradients + AdamW", state, f"{params / 1e6:,.1f}M params x 3 x {dtype_bytes} bytes")]
    adapters = 2 if stage == "ppo" else 1
    params = adapters * lora_parameters(shape, config)
    if stage in ("reward", "judge", "ppo"):
        params += shape.hidden_size + 1  # score / value head
    layers = adapted_layers(shape, config)
    modules = len(targeted_modules(shape, config))
    what = f"r {config.adapter.r}, {modules} modules x {layers} layers" + (", policy + value" if adapters == 2 else "")
    return [
        Item("LoRA parameters", math.ceil(params * 4 / weights_shard), f"{params / 1e6:,.2f}M fp32 ({what})"),
        Item("LoRA grads + AdamW", math.ceil(params * 12 / optimizer_shard), "fp32 gradient + 2 moments"),
    ]


def reference_cache(stage: str, config: StageConfig) -> list[Item]:
    """Precomputed reference log-probs: one fp32 per row, held in memory (DPO's also on disk)."""
    if stage == "dpo" and config.dpo.precompute_ref_logps and config.dpo.loss not in ("simpo", "orpo"):
        return [Item("reference log-probs", 0, "precomputed: 2 floats per pair (negligible)")]
    if stage == "kto" and config.kto.precompute_ref_logps:
        return [Item("reference log-probs", 0, "precomputed: 2 floats per row (negligible)")]
    return []


# ---------------------------------------------------------------------------------------
# From a YAML file


def load_stage_config(stage: str, path: str | None, overrides: list[str] | None = None) -> StageConfig:
    """A stage's typed config from its recipe (the strict loader: typos are errors)."""
    if stage not in STAGE_CONFIGS:
        raise ConfigError(f"stage {stage}: unknown; stages: {', '.join(STAGE_CONFIGS)}")
    return load_config(STAGE_CONFIGS[stage], path, overrides)


def stages_of(
    path: str, overrides: list[str] | None = None, stage: str = ""
) -> tuple[list[tuple[str, StageConfig]], bool]:
    """([(stage, config)], is a pipeline) for a recipe: a pipeline's training stages, or the one stage a
    stage recipe is for: `stage` when given, else its settings section (dpo:, ppo:, ...), its file name
    (sft_lora.yaml) or an SFT data section."""
    import yaml

    path = shipped_path(path)
    if not Path(path).is_file():
        raise ConfigError(f"{path}: no such config file")
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: not a YAML mapping (a stage or pipeline recipe)")
    if stage:
        return [(stage, load_stage_config(stage, path, overrides))], False
    if "stages" in raw:
        pipeline = load_config(PipelineConfig, path, overrides)
        return [(name, getattr(pipeline, name)) for name in pipeline.stages if name != "eval"], True
    settings = {"dpo", "kto", "orpo", "ppo", "grpo", "reward"} & set(raw)
    if len(settings) == 1:
        stage = settings.pop()
    elif not settings and Path(path).name.split("_")[0] in STAGE_CONFIGS:  # sft_lora.yaml
        stage = Path(path).name.split("_")[0]
    elif not settings and isinstance(raw.get("data"), dict) and {"train_files", "eval_fraction"} & set(raw["data"]):
        stage = "sft"
    else:
        raise ConfigError(f"{path}: cannot tell which stage this recipe is for; pass --stage")
    return [(stage, load_stage_config(stage, path, overrides))], False
