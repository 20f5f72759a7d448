"""Throughput, peak memory and MFU of SFT- and DPO-shaped training steps on a randomly initialised,
Llama-shaped model of about 1B parameters, built from a config (no weights, no download).

    python3 benchmarks/gpu_throughput.py --out DIR          (CUDA: the 1B shape, bf16)
    .venv/bin/python benchmarks/gpu_throughput.py --cpu-smoke --out DIR   (a ~7M shape, a few steps)

Without CUDA the small shape is used anyway (`--cpu-smoke` is implied) and MFU is n/a. What it measures
goes through our own code where the stages do: the dtype is `models.loading.pick_dtype`, LoRA is peft
with `models.loading.lora_arguments` (r 16, alpha 32, all-linear, every layer), the LM head is TRL's
fused head (`add_fused_lm_head`, what the SFT and DPO stages train with on CUDA), the DPO reply
log-probs are `stages.dpo.offline.sequence_logps` and the loss `losses.dpo_sigmoid_loss`. The model
itself comes from `AutoModelForCausalLM.from_config` (random weights, SDPA attention) rather than
`load_base_model`, which would need the weights saved first.

Rows (each a fresh model and optimiser; AdamW, no gradient checkpointing, unpadded random tokens):
- `sft_lora`: forward + backward of LoRA on all linear layers, every position trained (the SFT stage's path);
- `sft_full`: the same step training every weight (adapter.method=full);
- `dpo_lora`: a reference forward with the adapter disabled and no grad, then the policy forward +
  backward, over chosen + rejected rows of the same length; the first quarter of each row is the
  prompt, so only the last three quarters reach the LM head.
tokens/s counts the tokens of the rows stepped on (for DPO: chosen + rejected once, not twice for the
reference pass). Peak memory is `torch.cuda.max_memory_allocated` on CUDA, the process's peak RSS on
CPU (reset per row through /proc/self/clear_refs where Linux allows it).

MFU = model FLOPs per second / the device's peak dense bf16 FLOP/s (H100 SXM and H200: 989e12; H100
PCIe 756e12; A100 312e12; `--peak-tflops` for others; n/a on CPU and in fp32). Model FLOPs per token,
with N the weights of the linear layers below the head, H the LM head's (hidden x vocab, counted
even when tied to the embedding; the lookup itself costs nothing), L layers, d = heads x head_dim, T the
sequence length; attention counts 4·L·d·T forward (QK^T and AV, non-causal, as PaLM's appendix B and
torchtitan count it):
- full training: 6N + 12·L·d·T + 6H (forward 2, backward 4: activation and weight gradients);
- LoRA: 4N + 6R + 12·L·d·T + 4H (R the LoRA weights): the frozen weights need activation gradients in
  the backward (2N) but no weight gradients, so a LoRA step does about 2/3 of full training's matmuls;
- DPO with LoRA: the LoRA step on both rows plus the reference forward 2N + 4·L·d·T + 2H;
H only on positions with a label (all of them for SFT; the reply positions for DPO).
Goal (issue 30): SFT and DPO at least 40% MFU in bf16 on an H100 (`--goal-mfu 40` prints whether met).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import torch
from transformers import AutoModelForCausalLM, LlamaConfig

from alignment.config import AdapterConfig
from alignment.losses import dpo_sigmoid_loss
from alignment.models.loading import lora_arguments, pick_dtype

# Llama-3.2-1B's shape: 1.24B parameters with its tied 128k-vocabulary embedding.
SHAPE_1B = dict(
    hidden_size=2048,
    num_hidden_layers=16,
    num_attention_heads=32,
    num_key_value_heads=8,
    intermediate_size=8192,
    vocab_size=128256,
    tie_word_embeddings=True,
    rope_theta=500000.0,
    max_position_embeddings=8192,
)
# A ~7M model of the same family for the CPU smoke run: about a second per step on 2 busy cores.
SHAPE_SMOKE = dict(
    hidden_size=256,
    num_hidden_layers=4,
    num_attention_heads=4,
    num_key_value_heads=2,
    intermediate_size=688,
    vocab_size=16000,
    tie_word_embeddings=True,
    rope_theta=500000.0,
    max_position_embeddings=2048,
)
# Peak dense bf16 tensor FLOP/s by device-name fragment, first match wins (vendor data sheets).
PEAK_BF16 = [("H100 PCIe", 756e12), ("H100", 989e12), ("H200", 989e12), ("GH200", 989e12), ("A100", 312e12)]
LORA = AdapterConfig(method="lora", r=16, alpha=32, dropout=0.0, target_modules=["all-linear"])


@dataclass
class Shape:
    """FLOP-relevant sizes of a built model (see the module docstring for the formulas)."""

    linear: int  # N: weights of the linear layers below the head
    head: int  # H: hidden x vocab
    layers: int
    attention_width: int  # d = heads x head_dim
    total: int  # every parameter, the tied embedding once

    @classmethod
    def of(cls, model, config: LlamaConfig) -> Shape:
        head = model.get_output_embeddings()
        linear = sum(m.weight.numel() for m in model.modules() if isinstance(m, torch.nn.Linear) and m is not head)
        head_dim = getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads
        return cls(
            linear=linear,
            head=config.hidden_size * config.vocab_size,
            layers=config.num_hidden_layers,
            attention_width=config.num_attention_heads * head_dim,
            total=sum(p.numel() for p in model.parameters()),
        )

    def attention(self, seq: int) -> int:
        """Forward attention FLOPs per token: QK^T and AV, 2·d·T each per layer."""
        return 4 * self.layers * self.attention_width * seq


def train_flops(shape: Shape, tokens: int, labelled: int, seq: int, lora: int | None) -> float:
    """FLOPs of one training step: forward + backward over `tokens`, LM head on `labelled` of them.
    `lora` None: full training; else the LoRA weight count."""
    if lora is None:
        return tokens * (6 * shape.linear + 3 * shape.attention(seq)) + labelled * 6 * shape.head
    return tokens * (4 * shape.linear + 6 * lora + 3 * shape.attention(seq)) + labelled * 4 * shape.head


def forward_flops(shape: Shape, tokens: int, labelled: int, seq: int) -> float:
    return tokens * (2 * shape.linear + shape.attention(seq)) + labelled * 2 * shape.head


# ---------------------------------------------------------------------------------------
# Device, memory and timing


def peak_flops(device: torch.device, dtype: torch.dtype, override_tflops: float) -> float | None:
    if override_tflops:
        return override_tflops * 1e12
    if device.type != "cuda" or dtype != torch.bfloat16:
        return None
    name = torch.cuda.get_device_name(device)
    return next((peak for fragment, peak in PEAK_BF16 if fragment in name), None)


def reset_peak(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
        return
    try:  # "5" resets the peak resident set size (VmHWM) to the current one (Linux 4.0+)
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_memory_gib(device: torch.device) -> float:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**30
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**20  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # kB on Linux


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


# ---------------------------------------------------------------------------------------
# Models and steps


def build_model(config: LlamaConfig, dtype: torch.dtype, device: torch.device, lora: bool):
    """(model, shape, LoRA weight count or None): random weights made on the device itself."""
    from trl.trainer.utils import add_fused_lm_head

    torch.manual_seed(0)
    with device:
        model = AutoModelForCausalLM.from_config(config, dtype=dtype, attn_implementation="sdpa")
    shape = Shape.of(model, config)
    add_fused_lm_head(model)  # before peft wraps it, as TRL does
    if not lora:
        model.train()
        return model, shape, None
    from peft import LoraConfig, get_peft_model

    model = get_peft_model(model, LoraConfig(**lora_arguments(LORA, model)))
    model.train()
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return model, shape, trainable


def optimizer_for(model, device: torch.device):
    parameters = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(parameters, lr=1e-5, fused=device.type == "cuda")


def sft_step(model, optimizer, ids: torch.Tensor):
    def step():
        output = model(input_ids=ids, labels=ids, fused_lm_head=True, use_cache=False)
        output.loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)

    return step


def dpo_step(model, optimizer, ids: torch.Tensor, prompt_length: int):
    """`ids` [2 x pairs, seq]: chosen rows then rejected rows; the first `prompt_length` tokens are prompt."""
    from trl.trainer.utils import use_adapter

    from alignment.stages.dpo.offline import sequence_logps

    completion = torch.ones_like(ids)
    completion[:, :prompt_length] = 0
    batch = {"input_ids": ids, "attention_mask": torch.ones_like(ids), "completion_mask": completion}
    pairs = ids.size(0) // 2

    def step():
        with torch.no_grad(), use_adapter(model, None):
            reference = sequence_logps(model, batch)[0]  # [2 x pairs]
        logps = sequence_logps(model, batch)[0]
        loss = dpo_sigmoid_loss(logps[:pairs], logps[pairs:], reference[:pairs], reference[pairs:], beta=0.1).mean()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)

    return step


def measure(name: str, make_step, args, config, dtype, device, peak) -> dict:
    """One row: a fresh model, `args.warmup` untimed steps, then `args.steps` timed ones."""
    lora = name.endswith("_lora")
    reset_peak(device)
    model, shape, lora_weights = build_model(config, dtype, device, lora)
    optimizer = optimizer_for(model, device)
    generator = torch.Generator(device="cpu").manual_seed(1)
    if name.startswith("dpo"):
        rows, prompt = 2 * args.dpo_pairs, args.seq // 4
        ids = torch.randint(0, config.vocab_size, (rows, args.seq), generator=generator).to(device)
        step = make_step(model, optimizer, ids, prompt)
        tokens, labelled = rows * args.seq, rows * (args.seq - prompt)
        flops = train_flops(shape, tokens, labelled, args.seq, lora_weights)
        flops += forward_flops(shape, tokens, labelled, args.seq)  # the reference pass
    else:
        ids = torch.randint(0, config.vocab_size, (args.sft_batch, args.seq), generator=generator).to(device)
        step = make_step(model, optimizer, ids)
        tokens = labelled = args.sft_batch * args.seq
        flops = train_flops(shape, tokens, labelled, args.seq, lora_weights)
    for _ in range(args.warmup):
        step()
    synchronize(device)
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    synchronize(device)
    seconds = (time.perf_counter() - start) / args.steps
    row = {
        "stage": name,
        "trained": "LoRA r16 all-linear" if lora else "all weights",
        "tokens_per_step": tokens,
        "seconds_per_step": seconds,
        "tokens_per_s": tokens / seconds,
        "tflops_per_s": flops / seconds / 1e12,
        "mfu": flops / seconds / peak if peak else None,
        "peak_memory_gib": peak_memory_gib(device),
    }
    del model, optimizer, step
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()
    return row


# ---------------------------------------------------------------------------------------
# Report


def table(rows: list[dict], memory_label: str) -> str:
    lines = [
        f"| stage | trained | tokens/step | s/step | tokens/s | model TFLOP/s | MFU | {memory_label} |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        mfu = f"{100 * row['mfu']:.1f}%" if row["mfu"] is not None else "n/a"
        lines.append(
            f"| {row['stage']} | {row['trained']} | {row['tokens_per_step']:,} | {row['seconds_per_step']:.3f} | "
            f"{row['tokens_per_s']:,.0f} | {row['tflops_per_s']:.3g} | {mfu} | {row['peak_memory_gib']:.2f} |"
        )
    return "\n".join(lines)


def goal_line(rows: list[dict], goal: float) -> str:
    """Whether sft_lora and dpo_lora (what the stages run) reach `goal` percent MFU."""
    checked = [row for row in rows if row["stage"] in ("sft_lora", "dpo_lora")]
    if not checked or any(row["mfu"] is None for row in checked):
        return f"MFU goal {goal:.0f}% (SFT, DPO): n/a (no CUDA bf16 peak known here)"
    missed = [row["stage"] for row in checked if 100 * row["mfu"] < goal]
    figures = ", ".join(f"{row['stage']} {100 * row['mfu']:.1f}%" for row in checked)
    return f"MFU goal {goal:.0f}% (SFT, DPO): {'met' if not missed else 'NOT met'} ({figures})"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    smoke = "the ~7M shape, a few short steps (implied without CUDA)"
    parser.add_argument("--cpu-smoke", action="store_true", help=smoke)
    parser.add_argument("--stages", default="sft_lora,sft_full,dpo_lora", help="rows to measure, in order")
    parser.add_argument("--seq", type=int, default=0, help="tokens per row (default 2048; smoke 64)")
    parser.add_argument("--sft-batch", type=int, default=0, help="SFT rows per step (default 8; smoke 4)")
    parser.add_argument("--dpo-pairs", type=int, default=0, help="DPO pairs per step (default 4; smoke 2)")
    parser.add_argument("--steps", type=int, default=0, help="timed steps per row (default 10; smoke 2)")
    parser.add_argument("--warmup", type=int, default=0, help="untimed steps first (default 3; smoke 1)")
    parser.add_argument("--dtype", default="auto", help="auto (pick_dtype), bfloat16, float32")
    parser.add_argument("--peak-tflops", type=float, default=0.0, help="the device's peak dense TFLOP/s, if not known")
    parser.add_argument("--goal-mfu", type=float, default=40.0, help="percent MFU SFT and DPO should reach")
    parser.add_argument("--out", default="", help="directory for gpu_throughput.md and gpu_throughput.json")
    args = parser.parse_args(argv)
    args.cpu_smoke = args.cpu_smoke or not torch.cuda.is_available()
    smoke = args.cpu_smoke
    defaults = dict(seq=(64, 2048), sft_batch=(4, 8), dpo_pairs=(2, 4), steps=(2, 10), warmup=(1, 3))
    for key, (small, large) in defaults.items():
        if not getattr(args, key):
            setattr(args, key, small if smoke else large)
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    device = torch.device("cuda" if torch.cuda.is_available() and not args.cpu_smoke else "cpu")
    dtype = pick_dtype(args.dtype)
    config = LlamaConfig(**(SHAPE_SMOKE if args.cpu_smoke else SHAPE_1B))
    peak = peak_flops(device, dtype, args.peak_tflops)
    with torch.device("meta"):  # the parameter count without allocating anything
        shape = Shape.of(AutoModelForCausalLM.from_config(config), config)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"CPU ({os.cpu_count()} threads)"
    header = (
        f"model: random Llama shape, hidden {config.hidden_size}, {config.num_hidden_layers} layers, "
        f"{config.num_attention_heads} heads ({config.num_key_value_heads} kv), intermediate "
        f"{config.intermediate_size}, vocab {config.vocab_size} (tied): {shape.total / 1e9:.3f}B parameters "
        f"({shape.linear / 1e9:.3f}B in linear layers below the head)\n"
        f"device: {name}; dtype {str(dtype).removeprefix('torch.')}; seq {args.seq}; SFT {args.sft_batch} rows, "
        f"DPO {args.dpo_pairs} pairs per step; {args.warmup} warm-up + {args.steps} timed steps; "
        f"peak {f'{peak / 1e12:.0f} TFLOP/s' if peak else 'n/a'}; torch {torch.__version__}"
    )
    print(header, flush=True)
    makers = {"sft_lora": sft_step, "sft_full": sft_step, "dpo_lora": dpo_step}
    rows = []
    for stage in args.stages.split(","):
        if stage not in makers:
            raise SystemExit(f"--stages: unknown '{stage}' (known: {', '.join(makers)})")
        rows.append(measure(stage, makers[stage], args, config, dtype, device, peak))
        print(f"[throughput] {stage}: {rows[-1]['tokens_per_s']:,.0f} tokens/s", flush=True)
    memory_label = "peak GPU memory GiB" if device.type == "cuda" else "peak RSS GiB"
    report = f"{header}\n\n{table(rows, memory_label)}\n\n{goal_line(rows, args.goal_mfu)}\n"
    print("\n" + report, flush=True)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "gpu_throughput.md").write_text(report)
        record = {"header": header, "rows": rows, "goal": goal_line(rows, args.goal_mfu), "args": vars(args)}
        (out / "gpu_throughput.json").write_text(json.dumps(record, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
