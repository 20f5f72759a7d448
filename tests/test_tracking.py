"""Metrics log: resuming drops lines after the resumed step and survives a line torn by a crash."""

import json
from types import SimpleNamespace

from alignment.core.training_log import MetricsLogger


def test_resume_trims_later_steps_and_torn_lines(tmp_path):
    path = tmp_path / "metrics.jsonl"
    path.write_text("".join(json.dumps({"step": s, "loss": 1.0}) + "\n" for s in (1, 2, 3)) + '{"step": 4, "lo')
    state = SimpleNamespace(is_world_process_zero=True, global_step=2)
    MetricsLogger(path).on_train_begin(None, state, None)
    assert [json.loads(line)["step"] for line in path.read_text().splitlines()] == [1, 2]
