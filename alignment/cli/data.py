"""`alignment data validate|convert|show`: check, normalise and look at data files before training.

    alignment data validate FILE... [--kind K] [--format F] [--column NAME=COLUMN] [--tokenizer MODEL] [--strict]
    alignment data convert FILE --out OUT.jsonl [--kind K] [--format F] [--column ...] [--force]
    alignment data show FILE [-n 3] [--tokenizer MODEL]

validate prints, per file: the detected kind and format, row counts, distinct prompts, token-length
statistics under `--tokenizer` (the chat template included), then every problem as
`file:line: field: problem` (bad rows, empty fields, chosen identical to rejected). Rows identical to
an earlier row are warnings, counted (public datasets have them, and training drops them:
`data.deduplicate`); `--strict` makes them problems. Exit 0 when no file has a problem, 2 otherwise.
convert writes the canonical JSONL (see `alignment/data/inspect.py`) and never overwrites a file
unless `--force`. show renders the first rows through the model's chat template: what the model
will actually read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alignment.config import ModelConfig
from alignment.config.stages import shipped_files, shipped_path
from alignment.core.errors import AlignmentError, ConfigError, DataError
from alignment.data.inspect import (
    chats_to_measure,
    distinct_prompts,
    duplicate_problems,
    length_stats,
    load_any,
    rendered,
    write_jsonl_atomically,
)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind",
        default="auto",
        choices=["auto", "sft", "preference", "kto", "prompts"],
        help="what the rows are (default: detected from the first row)",
    )
    parser.add_argument("--format", default="auto", help="row format within the kind (default: detected)")
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="NAME=COLUMN",
        help="read the file's COLUMN as the format's NAME, e.g. --column prompt=question",
    )
    parser.add_argument(
        "--ranking",
        default="best_vs_rest",
        choices=["best_vs_rest", "all_pairs"],
        help="how ranked rows expand into pairs",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alignment data", description="Check, convert and show data files.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check files; exit 2 if any problem")
    validate.add_argument("paths", nargs="+", metavar="FILE")
    validate.add_argument("--tokenizer", help="model whose tokenizer and chat template measure token lengths")
    validate.add_argument("--strict", action="store_true", help="count duplicate rows as problems (exit 2)")
    _common(validate)
    convert = commands.add_parser("convert", help="write canonical JSONL")
    convert.add_argument("path", metavar="FILE")
    convert.add_argument("--out", required=True, help="output .jsonl file")
    convert.add_argument("--force", action="store_true", help="replace --out if it exists")
    _common(convert)
    show = commands.add_parser("show", help="print rows rendered through a chat template")
    show.add_argument("path", metavar="FILE")
    show.add_argument("-n", type=int, default=3, help="rows to show (default 3)")
    show.add_argument("--tokenizer", default="smollm2-135m-instruct", help="model whose chat template renders rows")
    _common(show)
    return parser


def columns_of(items: list[str]) -> dict[str, str]:
    """`--column NAME=COLUMN` arguments as a mapping (shared by every command that reads data)."""
    columns = {}
    for item in items:
        name, sep, column = item.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise ConfigError(f"--column {item!r}: expected NAME=COLUMN, e.g. --column prompt=question")
        columns[name.strip()] = column.strip()
    return columns


def _tokenizer(name: str):
    from alignment.models.loading import load_tokenizer, resolve_model_dir

    config = ModelConfig(name_or_path=name)
    return load_tokenizer(resolve_model_dir(config), config)


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    columns = columns_of(args.column)
    if args.command == "validate":
        args.paths = [path for name in args.paths for path in shipped_files(name)]  # preference_data:harmless
        return _validate(args, columns)
    args.path = shipped_path(args.path)

    loaded = load_any(args.path, args.kind, args.format, columns, args.ranking)
    if args.command == "convert":
        return _convert(args, loaded)
    return _show(args, loaded)


def _validate(args, columns: dict[str, str]) -> int:
    tokenizer = _tokenizer(args.tokenizer) if args.tokenizer else None
    clean = True
    for path in args.paths:
        try:
            loaded = load_any(path, args.kind, args.format, columns, args.ranking)
        except DataError as error:
            print(f"{path}: not usable", file=sys.stderr)
            _print_problems(error.problems, path)
            clean = False
            continue
        print(f"{path}: {loaded.kind} data, format {loaded.format}")
        print(
            f"  {loaded.raw_rows} rows -> {len(loaded.rows)} {_unit(loaded.kind)}, "
            f"{distinct_prompts(loaded)} distinct prompts"
        )
        if tokenizer is not None:
            for name, chats in chats_to_measure(loaded).items():
                stats = length_stats(tokenizer, chats)
                print(f"  tokens ({args.tokenizer}) {name}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
        duplicates = duplicate_problems(loaded)
        if duplicates and args.strict:
            _print_problems(duplicates, path)
            clean = False
        elif duplicates:
            for location, field, problem in duplicates:
                print(f"{location}: {field}: warning: {problem}", file=sys.stderr)
            print(
                f"  clean, with {len(duplicates)} duplicate row(s): training drops them (data.deduplicate); "
                "--strict counts them as problems"
            )
        else:
            print("  clean")
    return 0 if clean else 2


def _unit(kind: str) -> str:
    return {"preference": "pairs", "sft": "chats", "kto": "examples", "prompts": "prompts"}[kind]


def _print_problems(problems: list[tuple[str, str, str]], path: str) -> None:
    for location, field, problem in problems:
        print(f"{location}: {field}: {problem}", file=sys.stderr)
    print(f"  {len(problems)} problem(s) in {path}", file=sys.stderr)


def _convert(args, loaded) -> int:
    out = Path(args.out)
    if out.resolve() == Path(args.path).resolve():
        raise AlignmentError(f"--out {args.out} is the input file; choose another path")
    if out.exists() and not args.force:
        raise AlignmentError(f"{args.out} exists; pass --force to replace it")
    write_jsonl_atomically(loaded.rows, out)
    print(
        f"{args.path}: {loaded.kind} data, format {loaded.format}: {loaded.raw_rows} rows -> "
        f"{len(loaded.rows)} canonical {_unit(loaded.kind)} in {args.out}"
    )
    return 0


def _show(args, loaded) -> int:
    if args.n < 1:
        raise ConfigError(f"-n {args.n}: give the number of rows to show (1 or more)")
    tokenizer = _tokenizer(args.tokenizer)
    count = min(args.n, len(loaded.rows))
    print(
        f"{args.path}: {loaded.kind} data, format {loaded.format}; showing {count} of {len(loaded.rows)} "
        f"rendered with {args.tokenizer}'s chat template"
    )
    for index in range(count):
        print(f"\n=== {index + 1}/{count}  {loaded.sources[index]} ===")
        for label, text in rendered(tokenizer, loaded, index):
            print(f"--- {label} ---\n{text}")
    return 0
