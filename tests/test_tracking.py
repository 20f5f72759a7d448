"""Metrics log: resuming drops lines after the resumed step and survives a line torn by a crash; the
console shows each logged step as one readable line, not the Trainer's dict of quoted numbers; the
third-party notices a user cannot act on are silenced."""

import json
from types import SimpleNamespace

from alignment.core.training_log import MetricsLogger, StepLines


def test_resume_trims_later_steps_and_torn_lines(tmp_path):
    path = tmp_path / "metrics.jsonl"
    path.write_text("".join(json.dumps({"step": s, "loss": 1.0}) + "\n" for s in (1, 2, 3)) + '{"step": 4, "lo')
    state = SimpleNamespace(is_world_process_zero=True, global_step=2)
    MetricsLogger(path).on_train_begin(None, state, None)
    assert [json.loads(line)["step"] for line in path.read_text().splitlines()] == [1, 2]


class Bar:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)


def test_step_lines_show_numbers_plainly_and_skip_the_end_of_training_dict():
    callback = StepLines("dpo")
    callback.training_bar = Bar()
    state = SimpleNamespace(is_world_process_zero=True, global_step=4, max_steps=12)
    step_log = {"loss": 0.69314, "learning_rate": 0.0002, "grad_norm": 1.5, "epoch": 0.01, "train_runtime": 9.9}
    callback.on_log(None, state, None, logs=step_log)
    callback.on_log(None, state, None, logs={"train_runtime": 20.0, "train_loss": 0.7, "train_samples_per_second": 3.1})
    assert callback.training_bar.lines == ["[dpo] step 4/12: loss 0.6931, lr 2.00e-04, grad_norm 1.5"]


def test_the_command_line_silences_third_party_notices(caplog):
    import logging

    from datasets.utils.logging import enable_progress_bar, is_progress_bar_enabled

    from alignment.cli.main import _quiet_libraries

    try:
        _quiet_libraries()
        logging.getLogger("bitsandbytes.backends.cpu.ops").warning("Failed to load CPU gemm_4bit_forward")
        logging.getLogger("kernels._internals.hf_hub").warning("Skipping publisher trust check")
        logging.getLogger("bitsandbytes.backends.cpu.ops").error("a real error still shows")
        assert [record.getMessage() for record in caplog.records] == ["a real error still shows"]
        assert not is_progress_bar_enabled()
    finally:
        enable_progress_bar()
        for name in ("bitsandbytes", "kernels"):
            logging.getLogger(name).setLevel(logging.NOTSET)
