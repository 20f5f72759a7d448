"""TRL 1.12's experimental PPOTrainer on a JSON spec: seconds per PPO iteration and peak RSS.

    benchmarks/.venv-trl112/bin/python benchmarks/ppo_trl_runner.py spec.json result.json

Runs under the side virtual environment that `benchmarks/ppo_vs_trl.py` builds (TRL 1.12 is
never a dependency of the project: PPOTrainer left TRL after 1.12), so it imports nothing from
`alignment`. The spec (keys as `ppo_vs_trl.py` writes them):

    model_dir        local HF causal-LM directory (the policy; the reference is it with the adapter off)
    reward_dir       full AutoModelForSequenceClassification directory with the same tokenizer; also
                     the value model's start (TRL's usual setup: the value model trains in full)
    prompts          JSONL of chat prompts {"prompt": [{"role": "user", "content": ...}]}
    rollouts         prompts per PPO iteration; minibatch: rows per optimizer step
    epochs           PPO epochs over each iteration's rollouts; response_length: max new tokens
    iterations       PPO iterations; lr (constant, as our SmolLM2 PPO recipe), temperature, seed
    missing_eos_penalty  subtracted from the score of a reply without EOS (ours: ppo.missing_eos_penalty)
    lora             {r, alpha, dropout, last_layers}: last_layers 0 = all-linear on every layer
    output_dir       scratch directory for the trainer

Writes result.json: per-iteration seconds (timestamps at on_train_begin and every on_step_end,
which PPOTrainer calls once per iteration, after its update), their median after the first,
load and train seconds, ru_maxrss of this process, TRL's per-iteration logs, versions.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path

STARTED = time.time()

import torch  # noqa: E402 (the clock starts before the imports: they are part of end to end)
from datasets import Dataset  # noqa: E402
from peft import LoraConfig  # noqa: E402
from transformers import (
    AutoModelForCausalLM,
    AutoModelForSequenceClassification,
    AutoTokenizer,  # noqa: E402
    TrainerCallback,
)
from trl.experimental.ppo import PPOConfig, PPOTrainer  # noqa: E402

# SmolLM2 pads with <|im_end|>, its EOS. TRL's PPO treats every pad id as padding wherever it sits
# (attention_mask = ids != pad), so the <|im_end|> closing each prompt turn would be masked out and
# every reply would end one token early. <|endoftext|> is in the vocabulary and never in a chat.
PAD_FALLBACK = "<|endoftext|>"


class IterationClock(TrainerCallback):
    """Wall-clock timestamps: one at the start of training, one at the end of every PPO iteration."""

    def __init__(self):
        self.stamps: list[float] = []

    def on_train_begin(self, args, state, control, **kwargs):
        self.stamps = [time.perf_counter()]

    def on_step_end(self, args, state, control, **kwargs):
        self.stamps.append(time.perf_counter())


def load_tokenizer(model_dir: str):
    tokenizer = AutoTokenizer.from_pretrained(model_dir, padding_side="left")  # queries are left-padded
    if tokenizer.pad_token is None or tokenizer.pad_token_id == tokenizer.eos_token_id:
        if PAD_FALLBACK not in tokenizer.get_vocab():
            sys.exit(f"pad token == eos token and no {PAD_FALLBACK} in the vocabulary: TRL's PPO needs a distinct pad")
        tokenizer.pad_token = PAD_FALLBACK
    return tokenizer


def load_prompts(path: str, tokenizer) -> Dataset:
    """Each chat prompt rendered with add_generation_prompt=True, as `input_ids` (what PPOTrainer reads)."""
    rows = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    texts = [tokenizer.apply_chat_template(row["prompt"], tokenize=False, add_generation_prompt=True) for row in rows]
    return Dataset.from_dict({"input_ids": [tokenizer(text, add_special_tokens=False)["input_ids"] for text in texts]})


def lora_config(model, lora: dict) -> LoraConfig:
    settings = dict(
        r=lora["r"],
        lora_alpha=lora["alpha"],
        lora_dropout=lora["dropout"],
        target_modules="all-linear",
        task_type="CAUSAL_LM",
    )
    if lora["last_layers"]:  # peft takes layers_to_transform only with named target modules
        layers = model.config.num_hidden_layers
        names = sorted(
            {
                name.split(".")[-1]
                for name, module in model.named_modules()
                if isinstance(module, torch.nn.Linear) and not name.endswith("lm_head")
            }
        )
        settings.update(target_modules=names, layers_to_transform=list(range(layers - lora["last_layers"], layers)))
    return LoraConfig(**settings)


def ppo_args(spec: dict) -> PPOConfig:
    """One optimizer step per mini-batch, as ours: per_device_train_batch_size is the whole rollout
    batch with no accumulation (TRL's rollout batch is per_device_train_batch_size x
    gradient_accumulation_steps), split into rollouts / minibatch mini-batches of one micro-batch each."""
    rollouts, minibatch = spec["rollouts"], spec["minibatch"]
    if rollouts % minibatch:
        sys.exit(f"rollouts ({rollouts}) must be a multiple of minibatch ({minibatch})")
    return PPOConfig(
        output_dir=spec["output_dir"],
        per_device_train_batch_size=rollouts,
        gradient_accumulation_steps=1,
        num_mini_batches=rollouts // minibatch,
        num_ppo_epochs=spec["epochs"],
        total_episodes=rollouts * spec["iterations"],
        local_rollout_forward_batch_size=rollouts,
        response_length=spec["response_length"],
        temperature=spec["temperature"],
        stop_token="eos",
        missing_eos_penalty=spec["missing_eos_penalty"],
        learning_rate=spec["lr"],
        lr_scheduler_type="constant",
        num_sample_generations=0,
        bf16=False,
        gradient_checkpointing=False,
        save_strategy="no",
        report_to="none",
        logging_steps=1,
        use_cpu=not torch.cuda.is_available(),
        seed=spec["seed"],
        disable_tqdm=True,
    )


def main() -> int:
    spec = json.loads(Path(sys.argv[1]).read_text())
    torch.manual_seed(spec["seed"])
    tokenizer = load_tokenizer(spec["model_dir"])
    dataset = load_prompts(spec["prompts"], tokenizer)
    policy = AutoModelForCausalLM.from_pretrained(spec["model_dir"], dtype=torch.float32)
    reward_model = AutoModelForSequenceClassification.from_pretrained(
        spec["reward_dir"], num_labels=1, dtype=torch.float32
    )
    value_model = AutoModelForSequenceClassification.from_pretrained(
        spec["reward_dir"], num_labels=1, dtype=torch.float32
    )
    clock = IterationClock()
    trainer = PPOTrainer(
        args=ppo_args(spec),
        processing_class=tokenizer,
        model=policy,
        ref_model=None,
        reward_model=reward_model,
        value_model=value_model,
        train_dataset=dataset,
        peft_config=lora_config(policy, spec["lora"]),
        callbacks=[clock],
    )
    loaded = time.time()
    trainer.train()
    finished = time.time()
    seconds = [later - earlier for earlier, later in zip(clock.stamps, clock.stamps[1:])]
    logs = [
        {key: value for key, value in log.items() if key.startswith(("objective/", "loss/", "val/num_eos"))}
        for log in trainer.state.log_history
    ]
    result = {
        "iteration_seconds": seconds,
        "median_iteration_seconds": statistics.median(seconds[1:] or seconds),
        "load_seconds": loaded - STARTED,
        "train_seconds": finished - loaded,
        "total_seconds": finished - STARTED,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: kilobytes
        "trainable_parameters": sum(p.numel() for p in trainer.model.parameters() if p.requires_grad),
        "prompts": len(dataset),
        "logs": logs,
        "versions": {
            name: metadata.version(name)
            for name in (
                "trl",
                "transformers",
                "peft",
                "accelerate",
                "datasets",
                "torch",
                "huggingface-hub",
                "tokenizers",
            )
        },
    }
    Path(sys.argv[2]).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
