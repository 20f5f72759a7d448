"""alignment: post-training alignment recipes (SFT, reward models, DPO, PPO) with LoRA, and an eval harness.

The import name is `alignment`; the distribution is `alignment-suite` (alignment-handbook also
installs a package called `alignment`, so do not install both in one environment).
"""

__version__ = "0.1.0"
