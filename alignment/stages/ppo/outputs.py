"""PPO outputs: the policy adapter, the value adapter + head, the merged model, card and manifest.

    finish(config, stage_dir, actor_critic, metrics, started) -> StageResult

Rank 0 writes; every output is staged, then renamed into place, so a crash never leaves half a
model where the next stage looks. Split from `ppo.py` to keep the loop readable in one sitting.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from alignment.config import PPOConfig
from alignment.core.distributed import barrier, is_main_process
from alignment.core.provenance import StageResult, write_manifest
from alignment.models import loading as models
from alignment.stages.common import input_hashes, write_model_card
from alignment.stages.ppo import models as ppo_models

STAGE = "ppo"


def finish(
    config: PPOConfig, stage_dir: Path, actor_critic, metrics: dict, started: float, judge_split: dict | None = None
) -> StageResult:
    """`judge_split`: the prompt split's manifest entry (`data/judge_split.py`), None without one."""
    outputs = []
    if is_main_process():
        outputs = save_outputs(config, stage_dir, actor_critic)
        metrics = {**metrics, "stage_seconds": round(time.time() - started, 1)}
        with open(stage_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"summary": metrics}) + "\n")
        inputs = input_hashes(config.model, list(config.data.files))
        if config.ppo.reward_model:
            inputs["reward_model"] = {"path": config.ppo.reward_model}
        if judge_split:  # which side of the judge split, and what was left out (eval/independence.py)
            inputs["judge_split"] = judge_split
        write_model_card(stage_dir, STAGE, config, inputs, metrics, outputs)
        write_manifest(stage_dir, STAGE, config, inputs, outputs, metrics)
        reward_line = (
            f"reward {metrics.get('first_reward')} -> {metrics.get('final_reward')}, "
            if "final_reward" in metrics
            else ""
        )
        excluded = f", judge split: {judge_split['excluded']} prompts excluded" if judge_split else ""
        print(
            f"[ppo] done: {metrics['steps']} iterations in {int(metrics['stage_seconds'])}s, {reward_line}"
            f"KL {metrics.get('final_kl')}{excluded} -> {stage_dir}",
            flush=True,
        )
    barrier()
    return StageResult(STAGE, stage_dir, metrics, seconds=time.time() - started)


def save_outputs(config: PPOConfig, stage_dir: Path, actor_critic) -> list[str]:
    """adapter/ (policy), value/ (value adapter + head), merged/ if asked; each staged then renamed."""
    from safetensors.torch import save_file

    model, tokenizer = actor_critic.model, actor_critic.tokenizer
    staging = stage_dir / ".outputs-staging"
    shutil.rmtree(staging, ignore_errors=True)
    model.save_pretrained(str(staging / "adapter"), selected_adapters=[ppo_models.POLICY])
    tokenizer.save_pretrained(staging / "adapter")
    model.save_pretrained(str(staging / "value-adapter"), selected_adapters=[ppo_models.VALUE])
    value_dir = staging / "value-adapter" / ppo_models.VALUE
    save_file(
        {name: p.detach().cpu().contiguous() for name, p in actor_critic.value_head.state_dict().items()},
        str(value_dir / "value_head.safetensors"),
    )
    for name, source in (("adapter", staging / "adapter"), ("value", value_dir)):
        shutil.rmtree(stage_dir / name, ignore_errors=True)
        source.rename(stage_dir / name)
    shutil.rmtree(staging, ignore_errors=True)
    models.make_adapter_portable(stage_dir / "adapter", config.model.name_or_path)
    models.make_adapter_portable(stage_dir / "value", config.model.name_or_path)
    outputs = ["adapter/", "value/"]
    if config.merge:
        models.merge_adapter(stage_dir / "adapter", stage_dir / "merged", config.model)
        outputs.append("merged/")
    return outputs
