"""Metric sinks beside `metrics.jsonl`: TensorBoard, MLflow, Weights & Biases, trackio (`report_to`).

The Trainer stages (SFT, reward, judge, DPO, KTO, ORPO) log through transformers' own callbacks;
`prepare(report_to, stage, run_dir, stage_dir)` points them where a user looks, without a server or
an account, and only where the user has not chosen otherwise:

    tensorboard  <run_dir>/<stage>/tensorboard        (TENSORBOARD_LOGGING_DIR: <that dir>/<stage>)
    mlflow       file:<run_dir>/mlruns, experiment = the run directory's name, run = the stage
                 (MLFLOW_TRACKING_URI and MLFLOW_EXPERIMENT_NAME win; MLflow 3 calls its file store
                 "maintenance mode" and needs MLFLOW_ALLOW_FILE_STORE=true, set here for that store)
    wandb        offline, under <run_dir> (WANDB_MODE and WANDB_DIR win); `wandb sync` uploads later
    trackio      local, under <run_dir>/trackio (TRACKIO_DIR wins)

The stages with their own loops (PPO, GRPO) and the eval log through `Trackers`, the same sinks in
the same places: `Trackers(report_to, stage, run_dir, stage_dir).log({"loss": 0.7}, step)`, then
`close()`. Only the main process logs.
"""

from __future__ import annotations

import os
from pathlib import Path

from alignment.core.distributed import is_main_process

_USER_TENSORBOARD_DIR = os.environ.get("TENSORBOARD_LOGGING_DIR")
"""The user's own TensorBoard directory, read before `prepare` sets the variable per stage."""


def prepare(report_to: list[str], stage: str, run_dir: Path, stage_dir: Path) -> None:
    """Set the environment the trackers of `report_to` read, for this stage (see the module docstring)."""
    run_dir, stage_dir = Path(run_dir).expanduser().resolve(), Path(stage_dir).expanduser().resolve()
    if "tensorboard" in report_to:  # one directory per stage: a pipeline's stages run in one process
        user_dir = _USER_TENSORBOARD_DIR
        os.environ["TENSORBOARD_LOGGING_DIR"] = str(Path(user_dir) / stage if user_dir else stage_dir / "tensorboard")
    if "mlflow" in report_to:
        if "MLFLOW_TRACKING_URI" not in os.environ:
            os.environ["MLFLOW_TRACKING_URI"] = f"file:{run_dir / 'mlruns'}"
            os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
        os.environ.setdefault("MLFLOW_EXPERIMENT_NAME", run_dir.name)
    if "wandb" in report_to:
        os.environ.setdefault("WANDB_MODE", "offline")
        os.environ.setdefault("WANDB_DIR", str(run_dir))
    if "trackio" in report_to:
        os.environ.setdefault("TRACKIO_DIR", str(run_dir / "trackio"))


class Trackers:
    """The sinks of `report_to` for a loop of our own (PPO, GRPO) or the eval; numbers only."""

    def __init__(self, report_to: list[str], stage: str, run_dir: Path, stage_dir: Path, params: dict | None = None):
        self.sinks: list = []
        if not report_to or not is_main_process():
            return
        prepare(report_to, stage, run_dir, stage_dir)
        if "tensorboard" in report_to:
            from torch.utils.tensorboard import SummaryWriter

            self.sinks.append(_TensorBoard(SummaryWriter(log_dir=os.environ["TENSORBOARD_LOGGING_DIR"])))
        if "mlflow" in report_to:
            self.sinks.append(_MLflow(stage, params or {}))
        if "wandb" in report_to:
            self.sinks.append(_Wandb(stage, params or {}))
        if "trackio" in report_to:
            self.sinks.append(_Trackio(stage, params or {}))

    def log(self, metrics: dict, step: int) -> None:
        numbers = {
            key: float(value)
            for key, value in metrics.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool)
        }
        for sink in self.sinks:
            sink.log(numbers, step)

    def close(self) -> None:
        for sink in self.sinks:
            sink.close()
        self.sinks = []


class _TensorBoard:
    def __init__(self, writer):
        self.writer = writer

    def log(self, numbers: dict, step: int) -> None:
        for key, value in numbers.items():
            self.writer.add_scalar(key, value, step)
        self.writer.flush()

    def close(self) -> None:
        self.writer.close()


class _MLflow:
    def __init__(self, stage: str, params: dict):
        import mlflow

        self.mlflow = mlflow
        mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])
        mlflow.set_experiment(os.environ["MLFLOW_EXPERIMENT_NAME"])
        self.run = mlflow.start_run(run_name=stage)
        if params:
            mlflow.log_params({key: str(value)[:500] for key, value in params.items()})

    def log(self, numbers: dict, step: int) -> None:
        # MLflow keys allow letters, digits and _-./ and spaces only
        self.mlflow.log_metrics({_mlflow_key(key): value for key, value in numbers.items()}, step=step)

    def close(self) -> None:
        self.mlflow.end_run()


def _mlflow_key(key: str) -> str:
    return "".join(char if char.isalnum() or char in "_-./ " else "_" for char in key)


class _Wandb:
    def __init__(self, stage: str, params: dict):
        import wandb

        self.run = wandb.init(name=stage, config=params, reinit="finish_previous")

    def log(self, numbers: dict, step: int) -> None:
        self.run.log(numbers, step=step)

    def close(self) -> None:
        self.run.finish()


class _Trackio:
    def __init__(self, stage: str, params: dict):
        import trackio

        self.trackio = trackio
        trackio.init(project=Path(os.environ.get("TRACKIO_DIR", "trackio")).parent.name, name=stage, config=params)

    def log(self, numbers: dict, step: int) -> None:
        self.trackio.log(numbers, step=step)

    def close(self) -> None:
        self.trackio.finish()
