"""Our DPO stage against plain TRL DPOTrainer (LoRA, TRL's defaults): pairs/s and peak RSS.

    .venv/bin/python benchmarks/dpo_vs_trl.py --steps 6 --batch 8            # SmolLM2-135M, ~10 min on 2 cores
    .venv/bin/python benchmarks/dpo_vs_trl.py --model /path/to/model --variants trl_defaults,ours

Same model, same training pairs (the first steps x batch pairs of the shipped helpful + harmless
train split, written once as TRL conversational JSONL), same batch, steps, LoRA (r 16, alpha 32,
all linear layers, no dropout) and learning rate. Every variant runs in its own subprocess, so
its peak RSS (ru_maxrss of that process) is its own. Variants, each adding one lever:

    trl_defaults     DPOTrainer with its defaults: gradient checkpointing on, bf16 autocast on,
                     reference forward every step (adapter disabled), random batches
    trl_fp32         the same without bf16 and gradient checkpointing (what our stage runs)
    ours_plain       our stage, reference forward every step, random batches
    ours_precompute  + reference log-probs precomputed once (cold cache: the pass is timed)
    ours             + length-grouped batches (the shipped setting, minus last_layers)
    ours_last4       + LoRA on the last 4 layers only (backward stops there), reference precomputed
    ours_shared      LoRA on the last 4 layers, no precomputed pass: each batch runs the 26 frozen
                     bottom layers once for the reference and the policy (the shipped setting)
    trl_last4        trl_fp32 with LoRA on the same last 4 layers: ours_shared's like for like

Printed per variant: training pairs/s (steps x batch / train time), end-to-end pairs/s (including
model load, tokenisation and the reference pass), peak RSS, and ratios against trl_defaults.
Not a test: timings depend on the machine; see benchmarks/README.md for measured figures.
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
VARIANTS = [
    "trl_defaults",
    "trl_fp32",
    "ours_plain",
    "ours_precompute",
    "ours",
    "ours_last4",
    "ours_shared",
    "trl_last4",
]
LAST = 4  # layers adapted by the *_last4 / ours_shared variants
LORA = dict(r=16, lora_alpha=32, lora_dropout=0.0, target_modules="all-linear", task_type="CAUSAL_LM")


def write_pairs(model: str, count: int, out: Path) -> Path:
    """The first `count` shipped training pairs as TRL conversational rows."""
    from alignment.config import ModelConfig, PreferenceDataConfig
    from alignment.data.mixture import load_preference_data
    from alignment.models.loading import load_tokenizer, resolve_model_dir

    config = ModelConfig(name_or_path=model)
    tokenizer = load_tokenizer(resolve_model_dir(config), config)
    pairs = load_preference_data(PreferenceDataConfig(max_length=256), tokenizer).train
    pairs = [pairs[index] for index in range(0, len(pairs), max(1, len(pairs) // count))][:count]  # both subsets
    out.write_text(
        "".join(
            json.dumps({"prompt": pair.prompt, "chosen": pair.chosen, "rejected": pair.rejected}) + "\n"
            for pair in pairs
        )
    )
    return out


def run_trl(args, variant: str) -> dict:
    import torch
    from datasets import Dataset
    from peft import LoraConfig
    from trl import DPOConfig, DPOTrainer

    from alignment.config import ModelConfig
    from alignment.models.loading import linear_module_names, load_base_model, load_tokenizer, resolve_model_dir

    config = ModelConfig(name_or_path=args.model, dtype="float32")
    location = resolve_model_dir(config)
    tokenizer = load_tokenizer(location, config)
    model = load_base_model(location, config)
    rows = [json.loads(line) for line in Path(args.pairs).read_text().splitlines()]
    overrides = dict(bf16=False, gradient_checkpointing=False) if variant in ("trl_fp32", "trl_last4") else {}
    lora = dict(LORA)
    if variant == "trl_last4":  # peft takes layers_to_transform only with named target modules
        layers = model.config.num_hidden_layers
        lora.update(layers_to_transform=list(range(layers - LAST, layers)), target_modules=linear_module_names(model))
    trl_args = DPOConfig(
        output_dir=str(Path(args.work) / "trl"),
        max_steps=args.steps,
        per_device_train_batch_size=args.batch,
        learning_rate=args.lr,
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        use_cpu=not torch.cuda.is_available(),
        seed=42,
        **overrides,
    )
    trainer = DPOTrainer(
        model=model,
        args=trl_args,
        train_dataset=Dataset.from_list(rows),
        processing_class=tokenizer,
        peft_config=LoraConfig(**lora),
    )
    output = trainer.train()
    losses = [log["loss"] for log in trainer.state.log_history if "loss" in log]
    return {"train_seconds": output.metrics["train_runtime"], "first_loss": losses[0], "last_loss": losses[-1]}


def run_ours(args, variant: str) -> dict:
    from alignment.config import DPOConfig, load_config
    from alignment.stages.dpo import offline as dpo

    overrides = [
        f"run_dir={Path(args.work) / variant}",
        f"model.name_or_path={args.model}",
        "model.dtype=float32",
        f"data.sources=[{{files: [{args.pairs}], name: bench}}]",
        "data.test_fraction=0",
        "data.max_length=256",
        f"train.max_steps={args.steps}",
        f"train.batch_size={args.batch}",
        f"train.lr={args.lr}",
        "train.lr_scheduler=linear",
        "train.warmup_ratio=0",
        "train.logging_steps=1",
        f"train.save_steps={args.steps}",
        "merge=false",
        "adapter.dropout=0.0",
        "dpo.precompute_ref_logps=" + {"ours_plain": "false", "ours_shared": "null"}.get(variant, "true"),
        f"train.group_by_length={variant in ('ours', 'ours_last4', 'ours_shared')}",
        f"adapter.last_layers={LAST if variant in ('ours_last4', 'ours_shared') else 0}",
    ]
    result = dpo.run(load_config(DPOConfig, None, overrides))
    losses = [json.loads(line).get("loss") for line in (result.output_dir / "metrics.jsonl").read_text().splitlines()]
    losses = [loss for loss in losses if loss is not None]
    reference = result.metrics["reference_logps"].get("train", {})
    return {
        "train_seconds": result.metrics["train_seconds"],
        "reference_seconds": reference.get("seconds", 0.0),
        "first_loss": losses[0],
        "last_loss": losses[-1],
    }


def child(args) -> None:
    started = time.time()
    figures = run_trl(args, args.child) if args.child.startswith("trl") else run_ours(args, args.child)
    figures["total_seconds"] = time.time() - started
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    print("RESULT " + json.dumps(figures), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="smollm2-135m-instruct")
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--pairs", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    work = Path(tempfile.mkdtemp(prefix="dpo-bench-"))
    from alignment.config import ModelConfig
    from alignment.models.loading import cache_dir, resolve_model_dir

    resolve_model_dir(ModelConfig(name_or_path=args.model))  # converts the embedded model once if needed
    pairs = write_pairs(args.model, args.steps * args.batch, work / "pairs.jsonl")
    results = {}
    for variant in args.variants.split(","):
        # A fresh cache per variant, so every precomputing variant pays for its reference pass (cold
        # cache); the converted embedded model is shared through a link, not converted again.
        cache = work / f"cache-{variant}"
        cache.mkdir()
        if (cache_dir() / "models").is_dir():
            (cache / "models").symlink_to(cache_dir() / "models")
        env = {**os.environ, "ALIGNMENT_CACHE": str(cache), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        command = [
            sys.executable,
            __file__,
            "--child",
            variant,
            "--pairs",
            str(pairs),
            "--work",
            str(work),
            "--model",
            args.model,
            "--steps",
            str(args.steps),
            "--batch",
            str(args.batch),
            "--lr",
            str(args.lr),
        ]
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
        line = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
        if done.returncode != 0 or line is None:
            print(f"{variant}: failed\n{done.stderr[-3000:]}", file=sys.stderr)
            return 1
        results[variant] = json.loads(line[len("RESULT ") :])
        print(f"{variant}: {json.dumps(results[variant])}", flush=True)
    report(results, args)
    return 0


def report(results: dict, args) -> None:
    pairs = args.steps * args.batch
    baseline = results.get("trl_defaults") or next(iter(results.values()))
    print(f"\n{pairs} pairs ({args.steps} steps x {args.batch}), model {args.model}")
    print(
        f"{'variant':16} {'train pairs/s':>13} {'x':>6} {'end-to-end pairs/s':>19} {'x':>6} {'peak RSS MB':>12} "
        f"{'x':>6} {'loss first->last':>18}"
    )
    for variant, figures in results.items():
        train_rate, total_rate = pairs / figures["train_seconds"], pairs / figures["total_seconds"]
        base_train, base_total = pairs / baseline["train_seconds"], pairs / baseline["total_seconds"]
        print(
            f"{variant:16} {train_rate:13.3f} {train_rate / base_train:6.2f} {total_rate:19.3f} "
            f"{total_rate / base_total:6.2f} {figures['peak_rss_mb']:12.0f} "
            f"{figures['peak_rss_mb'] / baseline['peak_rss_mb']:6.2f} "
            f"{figures['first_loss']:8.4f}->{figures['last_loss']:.4f}"
        )


if __name__ == "__main__":
    sys.exit(main())
