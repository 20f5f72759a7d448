"""The PPO stage, written out (current TRL has no PPO trainer):

- `loop.py`     the loop, top to bottom: rollout -> score -> advantages -> update
- `models.py`   policy and value adapters on one base; the reward model, shared or separate
- `guides.py`   guide replies mixed into rollouts
- `state.py`    what carries across iterations, resumable checkpoints, collectives
- `outputs.py`  the stage's saved weights, eval and model card

    run(config: PPOConfig) -> StageResult
"""

from alignment.stages.ppo.loop import run

__all__ = ["run"]
