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
    config: PPOConfig,
    stage_dir: Path,
    actor_critic,
    metrics: dict,
    started: float,
    judge_split: dict | None = None,
    stage: str = STAGE,
) -> StageResult:
    """`judge_split`: the prompt split's manifest entry (`data/judge_split.py`), None without one.
    `stage` names the config section and the stage (ppo, grpo)."""
    settings = getattr(config, stage)
    outputs = []
    gathered = ppo_models.gathered_state_dict(actor_critic)  # under FSDP: every process gathers, rank 0 writes
    if is_main_process():
        outputs = save_outputs(config, stage_dir, actor_critic, gathered)
        metrics = {**metrics, "stage_seconds": round(time.time() - started, 1)}
        with open(stage_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"summary": metrics}) + "\n")
        inputs = input_hashes(config.model, config.data.paths())
        if settings.reward_model:
            inputs["reward_model"] = {"path": settings.reward_model}
        if judge_split:  # which side of the judge split, and what was left out (eval/independence.py)
            inputs["judge_split"] = judge_split
        write_model_card(stage_dir, stage, config, inputs, metrics, outputs)
        write_manifest(stage_dir, stage, config, inputs, outputs, metrics)
        figures = [
            f"{name} {metrics[f'first_{name}']} -> {metrics[f'final_{name}']}"
            for name in ("reward", "accuracy")
            if f"final_{name}" in metrics
        ]
        if metrics.get("final_kl") is not None:
            figures.append(f"KL {metrics['final_kl']}")
        if judge_split:
            figures.append(f"judge split: {judge_split['excluded']} prompts excluded")
        print(
            f"[{stage}] done: {metrics['steps']} iterations in {int(metrics['stage_seconds'])}s"
            + "".join(f", {figure}" for figure in figures)
            + f" -> {stage_dir}",
            flush=True,
        )
    barrier()
    return StageResult(stage, stage_dir, metrics, seconds=time.time() - started)


def save_outputs(config: PPOConfig, stage_dir: Path, actor_critic, gathered: dict | None = None) -> list[str]:
    """adapter/ (policy), value/ (value adapter + head, when there is a value model), merged/ if asked;
    each staged then renamed. `gathered`: the whole state dict of a sharded model."""
    from safetensors.torch import save_file

    model, tokenizer = actor_critic.model, actor_critic.tokenizer
    staging = stage_dir / ".outputs-staging"
    shutil.rmtree(staging, ignore_errors=True)
    whole = {"state_dict": gathered} if gathered is not None else {}
    model.save_pretrained(str(staging / "adapter"), selected_adapters=[ppo_models.POLICY], **whole)
    tokenizer.save_pretrained(staging / "adapter")
    saved = [("adapter", staging / "adapter")]
    if actor_critic.value_head is not None:
        model.save_pretrained(str(staging / "value-adapter"), selected_adapters=[ppo_models.VALUE], **whole)
        value_dir = staging / "value-adapter" / ppo_models.VALUE
        save_file(
            {name: p.detach().cpu().contiguous() for name, p in actor_critic.value_head.state_dict().items()},
            str(value_dir / "value_head.safetensors"),
        )
        saved.append(("value", value_dir))
    for name, source in saved:
        shutil.rmtree(stage_dir / name, ignore_errors=True)
        source.rename(stage_dir / name)
    shutil.rmtree(staging, ignore_errors=True)
    for name, _ in saved:
        models.make_adapter_portable(stage_dir / name, config.model.name_or_path)
    outputs = [f"{name}/" for name, _ in saved]
    if config.merge:
        models.merge_adapter(stage_dir / "adapter", stage_dir / "merged", config.model)
        outputs.append("merged/")
    return outputs
