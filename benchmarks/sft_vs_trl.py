"""Our SFT stage against TRL's SFTTrainer set up as well as it goes on a CPU: training tokens/s and peak RSS.

    .venv/bin/python benchmarks/sft_vs_trl.py                            # SmolLM2-135M, 10 steps x 8 chats, trl vs ours
    .venv/bin/python benchmarks/sft_vs_trl.py --steps 4 --min-ratio 1.3  # exit 1 unless ours >= 1.3x TRL's tokens/s
    .venv/bin/python benchmarks/sft_vs_trl.py --random-init --variants trl,trl_padding_free,trl_packed,ours,ours_packed
    .venv/bin/python benchmarks/sft_vs_trl.py --random-init path/to/config.json --dtype float32

Both sides get the same model (the embedded SmolLM2-135M-Instruct, `--model DIR`, or with
`--random-init` that model's architecture, or a given config.json, with random weights), loaded by
`alignment.models` in the same dtype (`--dtype auto`: bf16 where the CPU has bf16 instructions,
Trainer's bf16 autocast then on for both), the same LoRA (r 16, alpha 32, every linear layer or the
last `--last-layers`, no dropout, initialised from the same seed), the same chats
(preference_data/sft_starter/train.jsonl through `alignment.data.chat`: assistant tokens trained),
the same steps, batch, learning rate (cosine, no warm-up), seed, no gradient checkpointing, no
evaluation, one checkpoint at the end. Our stage runs with its learning-dynamics probes off (TRL has
none). Variants:

    trl               SFTTrainer, padded batches grouped by length (train_sampling_strategy=group_by_length):
                      the fastest layout on CPU (benchmarks/README.md)
    trl_padding_free  SFTTrainer, padding_free: each batch flattened into one row without padding
    trl_packed        SFTTrainer, packing (best-fit decreasing into max_length rows) + padding_free
    ours              our stage (`alignment.stages.sft`), train.group_by_length: the like-for-like of trl
    ours_packed       our stage, train.packing: the like-for-like of trl_packed

Each variant runs in its own subprocess, so its peak RSS (ru_maxrss) is its own. Tokens are the
Trainer's `num_input_tokens_seen`, non-padding tokens the same way for every variant (the attention
mask's sum on padded batches, every token of a padding-free row); tokens/s is over the steps after
the first (the first pays warm-up), timed by a callback at each optimizer step's end. Printed: that
rate, the rate over all steps, peak RSS, first and last logged loss (trl and ours read the same
chats in the same order; their losses agree to rounding), and ratios to the like-for-like TRL
variant. Not a test: timings depend on the machine and its load (the load average is printed beside
each variant); see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "preference_data" / "sft_starter" / "train.jsonl"
VARIANTS = ["trl", "trl_padding_free", "trl_packed", "ours", "ours_packed"]
BASELINE = {"trl": "trl", "trl_padding_free": "trl", "trl_packed": "trl", "ours": "trl", "ours_packed": "trl_packed"}
LORA = {"r": 16, "alpha": 32, "dropout": 0.0}
SEED = 42


def step_clock():
    """A TrainerCallback recording (seconds since training began, tokens seen) at every optimizer
    step's end, and the logged losses."""
    from transformers import TrainerCallback

    class StepClock(TrainerCallback):
        def __init__(self):
            self.marks, self.losses, self.started = [], [], None

        def on_train_begin(self, args, state, control, **kwargs):
            self.started = time.perf_counter()

        def on_step_end(self, args, state, control, **kwargs):
            self.marks.append((time.perf_counter() - self.started, state.num_input_tokens_seen))

        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and "loss" in logs:
                self.losses.append(logs["loss"])

    return StepClock()


def run_trl(args, variant: str, clock) -> None:
    import torch
    from datasets import Dataset
    from transformers import set_seed
    from trl import SFTConfig, SFTTrainer

    from alignment.config import AdapterConfig, ModelConfig
    from alignment.data.chat import tokenize_examples
    from alignment.data.sft import load_sft_examples
    from alignment.models import loading as models

    model_config = ModelConfig(name_or_path=args.model, dtype=args.dtype)
    set_seed(SEED)  # as the stage: the LoRA initialisation draws from the global RNG
    model, tokenizer = models.load_for_training(model_config, AdapterConfig(**LORA, last_layers=args.last_layers))
    rows, _ = tokenize_examples(tokenizer, load_sft_examples([str(DATA)]), args.max_length)
    layout = {
        "trl": {},
        "trl_padding_free": {"padding_free": True},
        "trl_packed": {"packing": True, "padding_free": True},
    }[variant]
    trl_args = SFTConfig(
        output_dir=str(Path(args.work) / variant),
        max_steps=args.steps,
        per_device_train_batch_size=args.batch,
        learning_rate=args.lr,
        lr_scheduler_type="cosine",
        warmup_steps=0,
        seed=SEED,
        logging_steps=1,
        save_strategy="steps",
        save_steps=args.steps,
        report_to="none",
        use_cpu=not torch.cuda.is_available(),
        bf16=models.pick_dtype(args.dtype) == torch.bfloat16,
        activation_checkpointing=False,
        train_sampling_strategy="group_by_length" if variant == "trl" else "random",
        include_num_input_tokens_seen="non_padding" if variant == "trl" else "all",  # padding-free rows: no padding
        # padding-free without packing enforces no max_length; the rows are already within it
        max_length=None if variant == "trl_padding_free" else args.max_length,
        **layout,
    )
    trainer = SFTTrainer(
        model=model, args=trl_args, train_dataset=Dataset.from_list(rows), processing_class=tokenizer, callbacks=[clock]
    )
    trainer.train()


def run_ours(args, variant: str, clock) -> None:
    from alignment.config import SFTConfig, load_config
    from alignment.stages import sft

    overrides = [
        f"run_dir={Path(args.work) / variant}",
        f"model.name_or_path={args.model}",
        f"model.dtype={args.dtype}",
        f"data.train_files=[{DATA}]",
        "data.eval_fraction=0.0",
        f"data.max_length={args.max_length}",
        f"train.max_steps={args.steps}",
        f"train.batch_size={args.batch}",
        f"train.lr={args.lr}",
        "train.lr_scheduler=cosine",
        "train.warmup_ratio=0.0",
        f"train.seed={SEED}",
        "train.logging_steps=1",
        f"train.save_steps={args.steps}",
        f"train.group_by_length={variant == 'ours'}",
        f"train.packing={variant == 'ours_packed'}",
        "merge=false",
        "dynamics.enabled=false",
        *(f"adapter.{key}={value}" for key, value in LORA.items()),
        f"adapter.last_layers={args.last_layers}",
    ]
    sft.run(load_config(SFTConfig, None, overrides), callbacks=[clock])


def child(args) -> None:
    import torch

    from alignment.models.loading import pick_dtype

    clock = step_clock()
    (run_trl if args.child.startswith("trl") else run_ours)(args, args.child, clock)
    (first_seconds, first_tokens), (seconds, tokens) = clock.marks[0], clock.marks[-1]
    steady = len(clock.marks) > 1
    figures = {
        "steps": len(clock.marks),
        "tokens": tokens,
        "seconds": seconds,
        "tokens_per_second": (tokens - first_tokens) / (seconds - first_seconds) if steady else tokens / seconds,
        "all_steps_tokens_per_second": tokens / seconds,
        "first_loss": clock.losses[0],
        "last_loss": clock.losses[-1],
        "dtype": str(pick_dtype(args.dtype)).replace("torch.", ""),
        "threads": torch.get_num_threads(),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: kilobytes
    }
    print("RESULT " + json.dumps(figures), flush=True)


def random_model(source: str, config_json: str, out: Path) -> str:
    """A model with random weights (seed 0) of `config_json`'s architecture ('same': the source
    model's), with the source model's tokenizer, saved to `out`."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    from alignment.config import ModelConfig
    from alignment.models.loading import resolve_model_dir

    location = resolve_model_dir(ModelConfig(name_or_path=source))
    config = AutoConfig.from_pretrained(location if config_json == "same" else config_json)
    torch.manual_seed(0)
    AutoModelForCausalLM.from_config(config, dtype=torch.float32).save_pretrained(out, safe_serialization=True)
    AutoTokenizer.from_pretrained(location).save_pretrained(out)
    return str(out)


def run_variant(args, variant: str) -> dict | None:
    command = [
        sys.executable,
        __file__,
        "--child",
        variant,
        "--work",
        args.work,
        "--model",
        args.model,
        "--steps",
        str(args.steps),
        "--batch",
        str(args.batch),
        "--lr",
        str(args.lr),
        "--dtype",
        args.dtype,
        "--max-length",
        str(args.max_length),
        "--last-layers",
        str(args.last_layers),
    ]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    load_before = os.getloadavg()[0]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    line = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        print(f"{variant}: failed\n{done.stderr[-4000:]}", file=sys.stderr)
        return None
    figures = json.loads(line[len("RESULT ") :])
    figures["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    print(f"{variant}: {json.dumps(figures)}", flush=True)
    return figures


def report(results: dict, args) -> float | None:
    """Print the table; return ours / trl in tokens/s (None unless both ran)."""
    print(
        f"\n{args.steps} steps x {args.batch} chats (packed variants: x {args.batch} rows of up to "
        f"{args.max_length} tokens), model {args.model}, {next(iter(results.values()))['dtype']}"
    )
    print(
        f"{'variant':17} {'tokens/s':>9} {'x':>6} {'all steps':>10} {'tokens':>7} {'peak RSS MB':>12} {'x':>6} "
        f"{'loss first->last':>18} {'load avg':>11}"
    )
    for variant, figures in results.items():
        base = results.get(BASELINE[variant], figures)
        print(
            f"{variant:17} {figures['tokens_per_second']:9.1f} "
            f"{figures['tokens_per_second'] / base['tokens_per_second']:6.2f} "
            f"{figures['all_steps_tokens_per_second']:10.1f} {figures['tokens']:7d} {figures['peak_rss_mb']:12.0f} "
            f"{figures['peak_rss_mb'] / base['peak_rss_mb']:6.2f} "
            f"{figures['first_loss']:8.4f}->{figures['last_loss']:.4f} "
            f"{figures['load_average'][0]:5.2f}-{figures['load_average'][1]:.2f}"
        )
    if "ours" in results and "trl" in results:
        return results["ours"]["tokens_per_second"] / results["trl"]["tokens_per_second"]
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="smollm2-135m-instruct", help="embedded model name or local HF model dir")
    parser.add_argument(
        "--random-init",
        nargs="?",
        const="same",
        metavar="CONFIG_JSON",
        help="random weights: the model's own architecture, or the one in CONFIG_JSON",
    )
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--dtype", default="auto", choices=["auto", "float32", "bfloat16"])
    parser.add_argument("--max-length", type=int, default=512, help="longest chat kept; packed rows' length")
    parser.add_argument("--last-layers", type=int, default=0, help="LoRA on the last N layers only (0: all)")
    parser.add_argument("--variants", default="trl,ours", help=f"comma-separated, of {','.join(VARIANTS)}")
    parser.add_argument("--min-ratio", type=float, help="exit 1 unless ours' tokens/s >= this x trl's")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    variants = args.variants.split(",")
    unknown = sorted(set(variants) - set(VARIANTS))
    if unknown or (args.min_ratio is not None and not {"trl", "ours"} <= set(variants)):
        parser.error(f"unknown variants {unknown}" if unknown else "--min-ratio needs the variants trl and ours")
    args.work = tempfile.mkdtemp(prefix="sft-bench-")
    from alignment.config import ModelConfig
    from alignment.models.loading import resolve_model_dir

    resolve_model_dir(ModelConfig(name_or_path=args.model))  # converts the embedded model once if needed
    if args.random_init:
        args.model = random_model(args.model, args.random_init, Path(args.work) / "random-model")
    results = {}
    for variant in variants:
        figures = run_variant(args, variant)
        if figures is None:
            return 2
        results[variant] = figures
    ratio = report(results, args)
    if args.min_ratio is None:
        return 0
    verdict = "met" if ratio >= args.min_ratio else "MISSED"
    print(f"\nours / trl tokens/s = {ratio:.2f}; --min-ratio {args.min_ratio}: {verdict}")
    return 0 if ratio >= args.min_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
