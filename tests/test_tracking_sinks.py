"""`report_to` for real: an SFT -> reward -> PPO pipeline and its eval, sending to TensorBoard and to
an MLflow local store; the event files and the store hold each stage's metrics."""

from __future__ import annotations

import pytest
from helpers.tiny_eval import write_prompt_files, write_suite

from alignment import run_pipeline

pytest.importorskip("tensorboard", reason="the test command installs the tensorboard extra")
pytest.importorskip("mlflow", reason="the test command installs the mlflow extra")


def scalars(directory) -> dict[str, list[tuple[int, float]]]:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(directory))
    events.Reload()
    return {tag: [(event.step, event.value) for event in events.Scalars(tag)] for tag in events.Tags()["scalars"]}


def test_a_pipeline_and_its_eval_log_to_tensorboard_and_mlflow(
    tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path, monkeypatch
):
    for name in ("MLFLOW_TRACKING_URI", "MLFLOW_EXPERIMENT_NAME", "TENSORBOARD_LOGGING_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("alignment.core.tracking._USER_TENSORBOARD_DIR", None)
    run_dir = tmp_path / "run"
    prompts = write_prompt_files(tmp_path / "prompts")
    suite = write_suite(tmp_path / "suite", tasks=[{"name": "harmful_refusal", "prompt_file": str(prompts["harmful"])}])
    overrides = [
        f"run_dir={run_dir}",
        "stages=[sft, reward, ppo, eval]",
        f"sft.model.name_or_path={tiny_model_dir}",
        f"sft.data.train_files=[{tiny_chats_file}]",
        "sft.data.eval_fraction=0",
        f"reward.data.sources=[{{files: [{tiny_pairs_file}], name: sums}}]",
        f"ppo.data.files=[{prompts['helpful']}]",
        "ppo.ppo.rollout_batch_size=4",
        "ppo.ppo.max_new_tokens=4",
        f"eval.suite={suite}",
        "eval.progress=false",
        "eval.report_to=[tensorboard, mlflow]",
    ]
    for stage in ("sft", "reward", "ppo"):
        overrides += [
            f"{stage}.train.max_steps=2",
            f"{stage}.train.batch_size=2",
            f"{stage}.train.logging_steps=1",
            f"{stage}.adapter.r=4",
            f"{stage}.report_to=[tensorboard, mlflow]",
        ]
    run_pipeline(None, overrides)

    for stage, key in (("sft", "train/loss"), ("reward", "train/loss"), ("ppo", "score")):
        logged = scalars(run_dir / stage / "tensorboard")
        assert key in logged and [step for step, _ in logged[key]][:2] == [1, 2], (stage, sorted(logged))
    evaluated = scalars(run_dir / "eval" / "tensorboard")
    assert any(tag.startswith("harmful_refusal/") for tag in evaluated)

    from mlflow.tracking import MlflowClient

    client = MlflowClient(f"file:{run_dir / 'mlruns'}")
    (experiment,) = [e for e in client.search_experiments() if e.name == "run"]
    runs = {run.info.run_name: run for run in client.search_runs([experiment.experiment_id])}
    assert {"sft", "reward", "ppo", "eval"} <= set(runs)
    assert [m.step for m in client.get_metric_history(runs["ppo"].info.run_id, "score")] == [1, 2]
    assert client.get_metric_history(runs["sft"].info.run_id, "loss")
    assert runs["ppo"].data.params["ppo.max_new_tokens"] == "4"
