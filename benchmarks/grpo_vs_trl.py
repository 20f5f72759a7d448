"""Our GRPO stage against TRL's GRPOTrainer on a CPU: seconds per step and peak RSS.

    .venv/bin/python benchmarks/grpo_vs_trl.py --out grpo-bench.json    # SmolLM2-135M, 6 steps x 2 prompts x 8 replies
    .venv/bin/python benchmarks/grpo_vs_trl.py --variants trl,ours --steps 4 --max-new-tokens 32
    .venv/bin/python benchmarks/grpo_vs_trl.py --steps 2 --prompts-per-step 1 --group 4 --max-new-tokens 8   # smoke

Both sides get the same model (the embedded SmolLM2-135M-Instruct or `--model DIR`, loaded in fp32
by `alignment.models`), the same prompts (the first steps x prompts-per-step rows of
preference_data/prompts/verifiable.jsonl, written once to one file: each side visits each prompt
once, in its own seeded order), the same reward (`alignment.rewards.verifiable.answer_matches`, the
stage's built-in verifiable reward; TRL calls it through a wrapper that reads the row's `check`
column), the same group size, prompts per step, micro-batch (`--micro-batch` replies per forward and
backward pass; gradients accumulated to one optimizer step per generation batch), max new tokens,
sampling (temperature, top_p 1, top_k 0), LoRA (r 16, alpha 32, all-linear, no dropout), learning
rate (linear decay, no warm-up), seed, fp32, no KL term (beta 0: no reference pass on either side),
one update per generation batch (TRL: steps_per_generation = gradient_accumulation_steps and
num_iterations 1, so it computes no old log-probs; ours: grpo.epochs 1, one minibatch, so no
statistics pass), every group in the update (ours skips uniform groups by default; off here, as TRL
has no such skip). Our stage runs with its learning-dynamics probes off (TRL has none). Variants:

    trl          GRPOTrainer with its defaults otherwise: gradient checkpointing ON (TRL's default),
                 loss_type dapo (mean over the batch's reply tokens, as our token aggregation),
                 its fused LM head (log-probs in tiles, no [batch, seq, vocab] logits)
    trl_nockpt   the same with gradient checkpointing off (our stage's default); not in the default set
    ours         our stage, LoRA on every layer (adapter.last_layers=0)
    ours_ckpt    the same with train.gradient_checkpointing=true (what TRL's default does)
    ours_last8   our stage, LoRA on the last 8 layers (adapter.last_layers=8): the frozen bottom layers'
                 output is captured while sampling and replayed by the update (frozen-prefix sharing)
    ours_last8_ckpt  the same with train.gradient_checkpointing=true
    trl_last8    trl with LoRA on the same last 8 layers (peft layers_to_transform): ours_last8's like for like
    load_only    imports torch, transformers, peft and trl, loads the model in fp32 and reads every weight
                 once, nothing else: the floor of every variant's peak RSS, against which a 0.5x target is read

Each variant runs in its own subprocess, so its peak RSS (ru_maxrss) is its own. Seconds per step
are the mean over the steps after the first (the first pays warm-up): TRL's timed by a callback
from on_step_begin to on_step_end (sampling, reward, loss, backward, optimizer step; not the logging
between steps), ours read from the stage's `iteration_seconds` in `<run_dir>/grpo/metrics.jsonl`
(rollout, score, update, optimizer step; not the log). Also printed: the mean reply length in tokens
(timings compare only at similar lengths: sampling stops at the end-of-turn token on both sides),
the mean reward, the process wall time, peak RSS, the ratios against the like-for-like TRL variant,
and the issue's targets (ours at most 0.7x TRL's time per step and 0.5x its peak RSS). `--out FILE`
writes everything as JSON with the git sha and package versions. Not a test: timings depend on the
machine and its load (the load average is printed beside each variant); see benchmarks/README.md.
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
sys.path.insert(0, str(REPO))  # this checkout's `alignment`, not another one the venv may point at

PROMPTS = REPO / "preference_data" / "prompts" / "verifiable.jsonl"
VARIANTS = ["trl", "trl_nockpt", "ours", "ours_ckpt", "ours_last8", "ours_last8_ckpt", "trl_last8", "load_only"]
DEFAULT_VARIANTS = "trl,ours,ours_ckpt,ours_last8,ours_last8_ckpt,trl_last8,load_only"
BASELINE = {
    "trl": "trl",
    "trl_nockpt": "trl",
    "ours": "trl",
    "ours_ckpt": "trl",
    "ours_last8": "trl_last8",
    "ours_last8_ckpt": "trl_last8",
    "trl_last8": "trl_last8",
}
LORA = {"r": 16, "alpha": 32, "dropout": 0.0}
SEED = 42
TIME_TARGET, RSS_TARGET = 0.7, 0.5  # the issue's: ours at most these fractions of TRL's


def write_prompts(count: int, out: Path) -> Path:
    """The first `count` shipped verifiable prompts, as they are (prompt, category, check)."""
    lines = PROMPTS.read_text().splitlines()[:count]
    if len(lines) < count:
        sys.exit(f"{PROMPTS} has {len(lines)} prompts; the run needs {count}")
    out.write_text("\n".join(lines) + "\n")
    return out


def last_layers(args, variant: str) -> int:
    return args.last_layers if "_last8" in variant else 0


def verifiable_reward(prompts, completions, check, **kwargs) -> list[float]:
    """`answer_matches` as TRL calls a reward function: one value per reply; the row's `check` column
    (JSON text, so that arrow keeps each check as it is) comes in by name."""
    from alignment.rewards.verifiable import answer_matches

    texts = [completion[0]["content"] if isinstance(completion, list) else completion for completion in completions]
    return [answer_matches(prompt, text, json.loads(row)) for prompt, text, row in zip(prompts, texts, check)]


def step_clock():
    """A TrainerCallback timing each optimizer step (on_step_begin -> on_step_end) and keeping the logs."""
    from transformers import TrainerCallback

    class StepClock(TrainerCallback):
        def __init__(self):
            self.seconds, self.logs, self.begun = [], [], None

        def on_step_begin(self, args, state, control, **kwargs):
            self.begun = time.perf_counter()

        def on_step_end(self, args, state, control, **kwargs):
            self.seconds.append(time.perf_counter() - self.begun)

        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and "reward" in logs:
                self.logs.append(dict(logs))

    return StepClock()


def run_trl(args, variant: str) -> dict:
    import torch
    from datasets import Dataset
    from trl import GRPOConfig, GRPOTrainer

    from alignment.config import AdapterConfig, ModelConfig
    from alignment.models import loading as models

    model_config = ModelConfig(name_or_path=args.model, dtype="float32")
    model, tokenizer, lora = models.load_for_lora(
        model_config, AdapterConfig(**LORA, last_layers=last_layers(args, variant))
    )
    rows = [json.loads(line) for line in Path(args.prompts).read_text().splitlines()]
    dataset = Dataset.from_list([{"prompt": row["prompt"], "check": json.dumps(row["check"])} for row in rows])
    replies = args.prompts_per_step * args.group
    trl_args = GRPOConfig(
        output_dir=str(Path(args.work) / variant),
        max_steps=args.steps,
        per_device_train_batch_size=args.micro_batch,
        gradient_accumulation_steps=replies // args.micro_batch,  # steps_per_generation follows: one generation a step
        num_generations=args.group,
        max_completion_length=args.max_new_tokens,
        temperature=args.temperature,
        top_p=1.0,
        top_k=0,
        learning_rate=args.lr,
        lr_scheduler_type="linear",
        warmup_steps=0,
        beta=0.0,
        num_iterations=1,
        use_vllm=False,
        bf16=False,
        use_cpu=not torch.cuda.is_available(),
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        seed=SEED,
        **({"activation_checkpointing": False} if variant == "trl_nockpt" else {}),
    )
    clock = step_clock()
    trainer = GRPOTrainer(
        model=model,
        reward_funcs=verifiable_reward,
        args=trl_args,
        train_dataset=dataset,
        processing_class=tokenizer,
        peft_config=lora,
        callbacks=[clock],
    )
    trainer.train()
    settings = trainer.args
    return {
        "step_seconds": clock.seconds,
        "rewards": [log["reward"] for log in clock.logs],
        "reply_lengths": [log.get("completions/mean_length") for log in clock.logs],
        "gradient_checkpointing": bool(settings.activation_checkpointing),
        "generation_batch_size": settings.generation_batch_size,
        "steps_per_generation": settings.steps_per_generation,
        "recomputes_old_logps": settings.gradient_accumulation_steps
        % (settings.steps_per_generation * settings.num_iterations)
        != 0,
        "loss_type": settings.loss_type,
        "scale_rewards": settings.scale_rewards,
    }


def run_ours(args, variant: str) -> dict:
    from alignment.config import GRPOConfig, load_config
    from alignment.stages import grpo

    replies = args.prompts_per_step * args.group
    overrides = [
        f"run_dir={Path(args.work) / variant}",
        f"model.name_or_path={args.model}",
        "model.dtype=float32",
        f"data.files=[{args.prompts}]",
        "grpo.verifiable_rewards={alignment.rewards:answer_matches: 1.0}",
        f"grpo.group_size={args.group}",
        f"grpo.rollout_batch_size={replies}",
        f"grpo.max_new_tokens={args.max_new_tokens}",
        f"grpo.temperature={args.temperature}",
        "grpo.top_p=1.0",
        "grpo.kl_coef=0.0",
        "grpo.epochs=1",
        "grpo.skip_uniform_groups=false",  # like TRL, every group goes through the update (ours skips them by default)
        f"train.max_steps={args.steps}",
        f"train.batch_size={args.micro_batch}",
        f"train.grad_accum={replies // args.micro_batch}",
        f"train.lr={args.lr}",
        "train.lr_scheduler=linear",
        "train.warmup_ratio=0.0",
        f"train.seed={SEED}",
        "train.logging_steps=1",
        f"train.save_steps={args.steps}",
        "merge=false",
        "dynamics.enabled=false",
        *(f"adapter.{key}={value}" for key, value in LORA.items()),
        f"adapter.last_layers={last_layers(args, variant)}",
        f"train.gradient_checkpointing={variant.endswith('_ckpt')}",
    ]
    result = grpo.run(load_config(GRPOConfig, None, overrides))
    lines = [json.loads(line) for line in (result.output_dir / "metrics.jsonl").read_text().splitlines()]
    iterations = [line for line in lines if "iteration" in line]
    return {
        "step_seconds": [line["iteration_seconds"] for line in iterations],
        "rewards": [line["reward"] for line in iterations],
        "reply_lengths": [line["reply_length"] for line in iterations],
        "phase_seconds": {  # seconds/rollout, seconds/score, seconds/statistics, seconds/update
            key.split("/", 1)[1]: [line[key] for line in iterations] for key in iterations[0] if key[:8] == "seconds/"
        },
        "gradient_checkpointing": variant.endswith("_ckpt"),
    }


def load_only(args) -> dict:
    import peft  # noqa: F401 - imported for its memory, as every variant imports it
    import trl  # noqa: F401

    from alignment.config import ModelConfig
    from alignment.models import loading as models

    config = ModelConfig(name_or_path=args.model, dtype="float32")
    model = models.load_base_model(models.resolve_model_dir(config), config)
    for parameter in model.parameters():  # weights may be mapped from the file lazily: read every page once
        float(parameter.detach().sum())
    return {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child(args) -> None:
    import torch

    if args.child == "load_only":
        print("RESULT " + json.dumps(load_only(args)), flush=True)
        return
    started = time.time()
    figures = (run_trl if args.child.startswith("trl") else run_ours)(args, args.child)
    seconds = figures["step_seconds"]
    steady = seconds[1:] or seconds  # the first step pays warm-up
    lengths = [length for length in figures["reply_lengths"] if length is not None]
    figures.update(
        seconds_per_step=sum(steady) / len(steady),
        first_step_seconds=seconds[0],
        mean_reward=sum(figures["rewards"]) / len(figures["rewards"]),
        mean_reply_length=sum(lengths) / len(lengths) if lengths else None,
        process_seconds=time.time() - started,
        threads=torch.get_num_threads(),
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: kilobytes
    )
    print("RESULT " + json.dumps(figures), flush=True)


def run_variant(args, variant: str) -> dict | None:
    command = [sys.executable, __file__, "--child", variant, "--work", args.work, "--prompts", args.prompts]
    for option in ("model", "steps", "prompts_per_step", "group", "micro_batch", "max_new_tokens", "temperature"):
        command += [f"--{option.replace('_', '-')}", str(getattr(args, option))]
    command += ["--lr", str(args.lr), "--last-layers", str(args.last_layers)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    load_before = os.getloadavg()[0]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    (Path(args.work) / f"{variant}.log").write_text(done.stdout + done.stderr)
    line = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        print(f"{variant}: failed (log {Path(args.work) / variant}.log)\n{done.stderr[-4000:]}", file=sys.stderr)
        return None
    figures = json.loads(line[len("RESULT ") :])
    figures["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    shown = {key: value for key, value in figures.items() if key not in ("rewards", "reply_lengths", "phase_seconds")}
    print(f"{variant}: {json.dumps(shown)}", flush=True)
    return figures


def report(results: dict, args) -> list[str]:
    """Print the table and the targets; return the verdict lines."""
    print(
        f"\n{args.steps} steps x {args.prompts_per_step} prompts x {args.group} replies, up to {args.max_new_tokens} "
        f"new tokens, micro-batch {args.micro_batch}, model {args.model}, fp32"
    )
    print(
        f"{'variant':15} {'s/step':>7} {'x':>6} {'first s':>8} {'reply tok':>9} {'reward':>7} {'process s':>9} "
        f"{'peak RSS MB':>11} {'x':>6} {'ckpt':>5} {'load avg':>11}  vs"
    )
    for variant, figures in results.items():
        if variant == "load_only":
            continue
        base_name = BASELINE[variant] if BASELINE[variant] in results else None
        base = results.get(base_name)
        time_ratio = f"{figures['seconds_per_step'] / base['seconds_per_step']:6.2f}" if base else "     -"
        rss_ratio = f"{figures['peak_rss_mb'] / base['peak_rss_mb']:6.2f}" if base else "     -"
        length = figures["mean_reply_length"]
        print(
            f"{variant:15} {figures['seconds_per_step']:7.2f} {time_ratio} {figures['first_step_seconds']:8.2f} "
            f"{length if length is not None else float('nan'):9.1f} {figures['mean_reward']:7.3f} "
            f"{figures['process_seconds']:9.1f} {figures['peak_rss_mb']:11.0f} {rss_ratio} "
            f"{'on' if figures['gradient_checkpointing'] else 'off':>5} "
            f"{figures['load_average'][0]:5.2f}-{figures['load_average'][1]:.2f}  {base_name or '-'}"
        )
    print("x: this variant's s/step and peak RSS over the TRL variant named under vs (below 1 = faster, smaller)")
    if "load_only" in results:
        floor = results["load_only"]["peak_rss_mb"]
        print(f"peak RSS of the imports and the fp32 model alone (load_only): {floor:.0f} MB")
    verdicts = []
    pairs = [(ours, "trl") for ours in ("ours", "ours_ckpt", "ours_last8", "ours_last8_ckpt")]
    pairs += [(ours, "trl_last8") for ours in ("ours_last8", "ours_last8_ckpt")]
    for ours, trl in pairs:
        if ours in results and trl in results:
            time_ratio = results[ours]["seconds_per_step"] / results[trl]["seconds_per_step"]
            rss_ratio = results[ours]["peak_rss_mb"] / results[trl]["peak_rss_mb"]
            verdicts.append(
                f"{ours} / {trl}: time per step {time_ratio:.2f}x (target <= {TIME_TARGET}: "
                f"{'met' if time_ratio <= TIME_TARGET else 'MISSED'}), peak RSS {rss_ratio:.2f}x (target <= "
                f"{RSS_TARGET}: {'met' if rss_ratio <= RSS_TARGET else 'MISSED'})"
            )
    if verdicts:
        print("\n" + "\n".join(verdicts))
    return verdicts


def write_results(args, results: dict, verdicts: list[str]) -> None:
    from alignment.core.provenance import git_sha, package_versions

    record = {
        "benchmark": "grpo_vs_trl",
        "settings": {key: value for key, value in vars(args).items() if key not in ("out", "child")},
        "git_sha": git_sha(),
        "versions": package_versions(),
        "cpus": os.cpu_count(),
        "targets": {"time_per_step": TIME_TARGET, "peak_rss": RSS_TARGET, "verdicts": verdicts},
        "results": results,
    }
    Path(args.out).write_text(json.dumps(record, indent=1, default=str) + "\n")
    print(f"results: {args.out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="smollm2-135m-instruct", help="embedded model name or local HF model dir")
    parser.add_argument("--steps", type=int, default=6, help="optimizer steps = generation batches")
    parser.add_argument("--prompts-per-step", type=int, default=2)
    parser.add_argument("--group", type=int, default=8, help="replies per prompt (num_generations / grpo.group_size)")
    parser.add_argument("--micro-batch", type=int, default=8, help="replies per forward/backward pass")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--temperature", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--last-layers", type=int, default=8, help="layers adapted by the *_last8 variants")
    parser.add_argument("--variants", default=DEFAULT_VARIANTS, help=f"comma-separated, of {','.join(VARIANTS)}")
    parser.add_argument("--out", help="write the results as JSON here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--prompts", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    variants = args.variants.split(",")
    if unknown := sorted(set(variants) - set(VARIANTS)):
        parser.error(f"unknown variants {unknown}; choose from {VARIANTS}")
    replies = args.prompts_per_step * args.group
    if replies % args.micro_batch:
        parser.error(f"--micro-batch must divide prompts-per-step x group = {replies}")
    args.work = tempfile.mkdtemp(prefix="grpo-bench-")
    from alignment.config import ModelConfig
    from alignment.models.loading import resolve_model_dir

    resolve_model_dir(ModelConfig(name_or_path=args.model))  # converts the embedded model once if needed
    args.prompts = str(write_prompts(args.steps * args.prompts_per_step, Path(args.work) / "prompts.jsonl"))
    print(f"[setup] work dir {args.work}", flush=True)
    results = {}
    for variant in variants:
        figures = run_variant(args, variant)
        if figures is None:
            return 2
        results[variant] = figures
    verdicts = report(results, args)
    if args.out:
        write_results(args, results, verdicts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
