"""alignment: post-training alignment recipes (SFT, reward models, DPO, PPO and more) with LoRA, and an eval harness.

The import name is `alignment`; the distribution is `alignment-suite` (alignment-handbook also
installs a package called `alignment`, so do not install both in one environment).

    from alignment import load_config, run_stage, run_pipeline, evaluate   (alignment/api.py, docs/api.md)

The API is imported on first use, so `import alignment` does not import torch.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "evaluate", "load_config", "run_pipeline", "run_stage"]


def __getattr__(name: str):
    if name in ("evaluate", "load_config", "run_pipeline", "run_stage"):
        from alignment import api

        return getattr(api, name)
    raise AttributeError(f"module 'alignment' has no attribute '{name}'")
