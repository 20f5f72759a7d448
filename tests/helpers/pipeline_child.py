"""Child process for pipeline tests: run the pipeline from overrides, optionally SIGKILL itself.

    python tests/helpers/pipeline_child.py [--kill-in STAGE --kill-at-step N] key=value ...

`--kill-in reward --kill-at-step 3` sends SIGKILL to this process when step 3 of the reward stage
ends (before any checkpoint of step 3): no cleanup code runs, as after a power cut.
"""

import sys

from stage_child import KillAt  # this script's folder is first on sys.path

from alignment import pipeline
from alignment.cli.main import run_stage
from alignment.config import PipelineConfig


def main(argv: list[str]) -> int:
    callbacks = {}
    if argv[:1] == ["--kill-in"]:
        callbacks[argv[1]] = [KillAt(int(argv[3]))]
        argv = argv[4:]
    return run_stage(PipelineConfig, lambda config: pipeline.run(config, callbacks=callbacks), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
