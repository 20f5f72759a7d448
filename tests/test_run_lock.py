"""One writer per run directory (`alignment/core/run_lock.py`): a second run is refused at once,
naming the holder; the lock of a run killed with SIGKILL is taken over with a notice; a pipeline
re-enters the lock it holds; a refused or finished run leaves no lock file or folder behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from alignment.cli.main import main
from alignment.core.errors import AlignmentError
from alignment.core.run_lock import lock_file, run_lock

HOLD = textwrap.dedent(
    """
    import sys, time
    from alignment.core.run_lock import run_lock
    with run_lock(sys.argv[1]):
        print("held", flush=True)
        time.sleep(120)
    """
)


def hold(directory: Path) -> subprocess.Popen:
    """A process that holds `directory`'s lock until it is killed."""
    env = {key: value for key, value in os.environ.items() if key != "RANK"}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(directory), "--a-command-line"], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_second_run_is_refused_naming_the_holder_and_a_killed_holder_is_taken_over(tmp_path, capsys):
    directory = tmp_path / "runs" / "x"
    child = hold(directory)
    try:
        with pytest.raises(AlignmentError, match=rf"{directory} is in use by pid {child.pid} on .*--a-command-line"):
            with run_lock(directory):
                pass
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert json.loads(lock_file(directory).read_text())["pid"] == child.pid  # left behind by the killed run
    with run_lock(directory):
        assert json.loads(lock_file(directory).read_text())["pid"] == os.getpid()
        with run_lock(directory):  # the holder enters again (a pipeline running a stage)
            pass
    assert f"taking over from pid {child.pid}" in capsys.readouterr().err
    assert not lock_file(directory).exists()


def test_a_run_leaves_no_lock_and_no_folder_it_made(tmp_path):
    directory = tmp_path / "new" / "runs" / "x"
    with pytest.raises(ValueError):
        with run_lock(directory):
            raise ValueError("bad input")
    assert not (tmp_path / "new").exists()


def test_a_second_stage_command_on_a_busy_run_directory_exits_2_and_writes_nothing(tmp_path, capsys):
    run_dir = tmp_path / "run"
    child = hold(run_dir)
    try:
        code = main(["sft", f"run_dir={run_dir}", "train.max_steps=1"])
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert code == 2
    assert f"{run_dir} is in use by pid {child.pid}" in capsys.readouterr().err
    assert not run_dir.exists()
