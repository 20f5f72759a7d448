"""The `alignment` command and the shared entry point of `recipes/*.py`.

    alignment sft --config recipes/smollm2-135m/sft_lora.yaml [key.sub=value ...] [--print-config]
    alignment reward --config recipes/smollm2-135m/reward_lora.yaml [key.sub=value ...]
    alignment judge --config recipes/smollm2-135m/reward_lora.yaml data.judge_split.fraction=0.2   (<run_dir>/judge)
    alignment dpo --config recipes/smollm2-135m/dpo_lora.yaml [key.sub=value ...]
    alignment kto --config recipes/smollm2-135m/kto_lora.yaml [key.sub=value ...]
    alignment orpo --config recipes/smollm2-135m/orpo_lora.yaml [key.sub=value ...]
    alignment ppo --config recipes/smollm2-135m/ppo_lora.yaml [key.sub=value ...]
    alignment grpo --config recipes/smollm2-135m/grpo_lora.yaml [key.sub=value ...]
    alignment pipeline --config recipes/smollm2-135m/pipeline_dpo.yaml [stage.key=value ...]
    alignment score --model runs/reward/reward --data pairs.jsonl --out scores.jsonl
    alignment generate --model runs/quickstart/sft [--prompt "Hi"]   (no --prompt: interactive chat)
    alignment export --model runs/quickstart/sft/adapter --out merged-model/
    alignment eval --model base=smollm2-135m-instruct --model sft=runs/x/sft --model dpo=runs/x/dpo \
        --suite evals/default.yaml --out reports/x [--judge runs/x/reward] [--baseline sft] [--no-progress]
    alignment compare reports/a reports/b --out reports/ab [--judge runs/x/judge | --judge URL --judge-model M]
        (merge earlier reports, no generation; --judge rescores the judged tasks from the stored replies)
    alignment dynamics runs/x   (rebuild runs/x/dynamics.html from the stages' dynamics.jsonl, offline)
    alignment data validate|convert|show FILE ...   (see `alignment data --help`)
    alignment init DIR   (a project folder: the shipped recipes, preference data and eval suites, to edit)
    alignment plan --config RECIPE [--gpus N] [--launch fsdp] [--json]   (memory per stage and device, no weights read)
    alignment --version

Errors the user can fix (config, data, model) print one clear message and exit 2, no traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from collections.abc import Callable

from safetensors import SafetensorError

from alignment.cli import chat as chat_cli
from alignment.cli import data as data_cli
from alignment.cli import init as init_cli
from alignment.cli import plan as plan_cli
from alignment.cli import score as score_cli
from alignment.config import ModelConfig, load_config, to_yaml
from alignment.config.ranges import check_trackers
from alignment.core.errors import AlignmentError
from alignment.eval.report_figures import summary_text
from alignment.stages.registry import PIPELINE, STAGES


def _quiet_libraries() -> None:
    """Silence what third-party libraries print that a user cannot act on: transformers'
    FutureWarnings, bitsandbytes' CPU-kernel lookup ("pip install kernels", printed on every
    AVX512-BF16 CPU even for plain LoRA, which never calls it) and the kernels package's offline
    notice, and the `datasets` progress bars of TRL's own dataset preparation (the stages prepare
    their rows themselves). The training progress bars and the stages' own lines stay."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import logging
    import warnings

    warnings.filterwarnings("ignore", category=FutureWarning)
    for name in ("bitsandbytes", "kernels"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from datasets.utils.logging import disable_progress_bar

    disable_progress_bar()


def _end_process_group(succeeded: bool) -> None:
    """Tear down torch.distributed cleanly: gloo can abort at interpreter exit otherwise.

    The barrier is only for a clean finish: after a failure on one rank the others may never
    reach it, and waiting there would hang the job instead of letting the launcher stop it.
    """
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        if succeeded:
            dist.barrier()
        dist.destroy_process_group()


def run_stage(config_class, stage_run: Callable, argv: list[str] | None = None, prog: str = "recipe") -> int:
    """Parse `--config FILE [overrides]`, run one stage, return an exit status."""
    parser = argparse.ArgumentParser(prog=prog, description="Run one stage from a YAML config.")
    parser.add_argument("--config", help="YAML config file (defaults apply when omitted)")
    parser.add_argument("--print-config", action="store_true", help="print the resolved config and exit")
    parser.add_argument("overrides", nargs="*", metavar="key.sub=value", help="dotted config overrides")
    args = parser.parse_args(argv)
    succeeded = False
    try:
        config = load_config(config_class, args.config, args.overrides)
        if args.print_config:
            print(to_yaml(config), end="")
            return 0
        _quiet_libraries()
        stage_run(config)
        succeeded = True
    except (AlignmentError, OSError, SafetensorError) as error:
        return report(error)
    finally:
        _end_process_group(succeeded)
    return 0


WRITE_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM}
"""Why a write fails that the user can fix (space, quota, file size limit, read-only or unwritable folder)."""


def report(error: Exception) -> int:
    """Print an error the user can fix in one line and return its exit status; anything else (a bug)
    is raised again, with its traceback."""
    if isinstance(error, AlignmentError):
        message, code = str(error), error.exit_code
    else:
        failure = as_write_failure(error)
        if failure is None:
            raise error
        message, code = write_failure(failure), 2
    print(f"error: {message}", file=sys.stderr)
    return code


def as_write_failure(error: Exception) -> OSError | None:
    """The OSError of a write the user can fix, or None. safetensors reports its own write errors as
    `SafetensorError: Error while serializing: I/O error: File too large (os error 27)`."""
    if isinstance(error, OSError):
        return error if error.errno in WRITE_FAILURES else None
    found = re.search(r"os error (\d+)", str(error))
    code = int(found.group(1)) if found else None
    return OSError(code, os.strerror(code), "a safetensors file") if code in WRITE_FAILURES else None


def write_failure(error: OSError) -> str:
    """The one line for a write the disk or the folder refused: what, why, and that nothing finished is lost."""
    where = f" {error.filename}" if error.filename else ""
    return (
        f"cannot write{where}: {error.strerror or error}. Finished work is kept: a stage's last complete "
        "checkpoint stays and a rerun of the same command resumes from it once there is space (or the folder "
        "is writable)"
    )


def _stage_command(name: str) -> Callable[[list[str]], int]:
    """`alignment <stage> --config FILE [overrides]`, from the stage registry."""

    def command(argv: list[str]) -> int:
        return run_registered(name, argv, prog=f"alignment {name}")

    return command


def run_registered(name: str, argv: list[str] | None = None, prog: str | None = None) -> int:
    """Run the registry's stage (or the pipeline) `name` from `--config FILE [overrides]`; the stage
    module (torch + trl) is imported only once the config is valid."""
    stage = PIPELINE if name == "pipeline" else STAGES[name]
    argv = list(sys.argv[1:] if argv is None else argv)
    if stage.overrides and not any(arg in ("-h", "--help") for arg in argv):
        argv += list(stage.overrides)
    return run_stage(stage.config, stage.run, argv, prog=prog or f"alignment {name}")


def _cmd_score(argv: list[str]) -> int:
    return score_cli.run(argv)


def _cmd_generate(argv: list[str]) -> int:
    _quiet_libraries()
    return chat_cli.run(argv)


def _cmd_export(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="alignment export", description="Merge a LoRA adapter into its base and save safetensors."
    )
    parser.add_argument("--model", required=True, help="adapter dir, or a stage dir holding adapter/")
    parser.add_argument("--out", required=True, help="output directory (must not exist unless --force)")
    parser.add_argument("--dtype", default="auto", choices=["auto", "bfloat16", "float16", "float32"])
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args(argv)
    _quiet_libraries()
    from pathlib import Path

    from alignment.models.loading import is_adapter_dir, merge_adapter

    source = Path(args.model)
    if not is_adapter_dir(source) and is_adapter_dir(source / "adapter"):
        source = source / "adapter"
    if not is_adapter_dir(source):
        raise AlignmentError(f"{args.model}: no adapter_config.json here or in adapter/; nothing to merge")
    out_path = Path(args.out).resolve()
    if out_path == source.resolve() or out_path in source.resolve().parents:
        raise AlignmentError(f"--out {args.out} would overwrite the adapter it merges; choose another directory")
    if out_path.exists() and not args.force:
        raise AlignmentError(f"{args.out} exists; pass --force to replace it")
    out = merge_adapter(source, args.out, ModelConfig(dtype=args.dtype))
    print(f"merged {source} into its base -> {out}")
    return 0


def _cmd_eval(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="alignment eval",
        description="Compare checkpoints on an eval suite: results.json, report.html and report.md in --out.",
    )
    parser.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="LABEL=PATH",
        required=True,
        help="a model to evaluate (embedded name, model dir, stage dir, adapter dir); repeat it",
    )
    parser.add_argument("--suite", default="evals/default.yaml", help="suite file (default: evals/default.yaml)")
    parser.add_argument("--out", required=True, help="report directory")
    parser.add_argument("--judge", help="reward model judging helpful_judged (replaces the suite's judge.path)")
    parser.add_argument("--baseline", help="label the win rates compare against (default: the suite's)")
    parser.add_argument("--dtype", default="auto", choices=["auto", "bfloat16", "float16", "float32"])
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    parser.add_argument(
        "--report-to",
        action="append",
        default=[],
        choices=["tensorboard", "mlflow", "wandb", "trackio"],
        help="also send the figures to this tracker (repeat for several); needs its extra",
    )
    args = parser.parse_args(argv)
    check_trackers(args.report_to, "--report-to")
    models = {}
    for item in args.model:
        label, sep, spec = item.partition("=")
        if not sep:
            raise AlignmentError(f"--model {item}: expected LABEL=PATH, e.g. --model sft=runs/x/sft")
        if label in models:
            raise AlignmentError(f"--model {item}: the label '{label}' is given twice")
        models[label] = spec
    _quiet_libraries()
    from alignment.eval.runner import run_eval

    run_eval(
        models,
        args.suite,
        args.out,
        judge=args.judge,
        baseline=args.baseline,
        dtype=args.dtype,
        progress=not args.no_progress,
        report_to=args.report_to,
    )
    return 0


def _cmd_compare(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="alignment compare",
        description="Merge earlier eval reports into one (no generation): the models of every report side by side.",
    )
    parser.add_argument("reports", nargs="+", help="report directories (each with results.json) or results.json files")
    parser.add_argument("--out", required=True, help="directory for the merged results.json and reports")
    parser.add_argument(
        "--judge",
        help="reward model dir, or an OpenAI-compatible base URL with --judge-model: "
        "rescore every judged task (helpful_judged) from the stored replies with this one judge; "
        "without it, judged tasks whose reports used different judges are dropped (with a note)",
    )
    parser.add_argument("--judge-model", help="the model an HTTP --judge serves")
    parser.add_argument(
        "--judge-api-key-env",
        default="OPENAI_API_KEY",
        help="env variable holding the HTTP judge's API key (no Authorization header when unset)",
    )
    args = parser.parse_args(argv)
    if args.judge:
        _quiet_libraries()
    from alignment.eval.report import load_results
    from alignment.eval.report_merge import compare

    written = compare(
        args.reports, args.out, judge=args.judge, judge_model=args.judge_model, api_key_env=args.judge_api_key_env
    )
    print(summary_text(load_results(written["json"])).replace("[eval]", "[compare]"))  # differences first
    print(f"merged {len(args.reports)} reports -> {written['html']}")
    return 0


def _cmd_dynamics(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="alignment dynamics",
        description="Rebuild the learning-dynamics report "
        "(RUN_DIR/dynamics.html and RUN_DIR/dynamics/*.png) from the stages' "
        "dynamics.jsonl, offline: no model is loaded.",
    )
    parser.add_argument("run_dir", metavar="RUN_DIR", help="run directory holding sft/, dpo/ or ppo/dynamics.jsonl")
    args = parser.parse_args(argv)
    from alignment.dynamics.report import write_report

    print(write_report(args.run_dir))
    return 0


def _cmd_data(argv: list[str]) -> int:
    return data_cli.run(argv)


COMMANDS = {
    **{
        name: _stage_command(name)
        for name in ("sft", "reward", "judge", "dpo", "kto", "orpo", "ppo", "grpo", "pipeline")
    },
    "score": _cmd_score,
    "generate": _cmd_generate,
    "export": _cmd_export,
    "data": _cmd_data,
    "eval": _cmd_eval,
    "compare": _cmd_compare,
    "dynamics": _cmd_dynamics,
    "init": init_cli.run,
    "plan": plan_cli.run,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("--version", "-V"):
        from alignment import __version__

        print(f"alignment-suite {__version__}")
        return 0
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        full = not argv or argv[0] in ("-h", "--help")
        print(__doc__.strip() if full else __doc__.strip().split("\n\n")[0])
        print("\ncommands:", ", ".join(COMMANDS))
        if argv and argv[0] not in ("-h", "--help"):
            print(f"error: unknown command '{argv[0]}'", file=sys.stderr)
            return 2
        return 0
    try:
        return COMMANDS[argv[0]](argv[1:])
    except (AlignmentError, OSError, SafetensorError) as error:
        return report(error)


if __name__ == "__main__":
    sys.exit(main())
