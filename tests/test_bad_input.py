"""Bad input, counted: malformed data files, configs, command lines, model directories and prompt
files, each run through the real `alignment` command as a user would type it. Every case must exit 2
with its one-line message on stderr (no traceback: `main()` catches only the project's own errors,
so anything else fails the test) and leave its folder exactly as it was (nothing written, nothing
lost). docs/bad_input.md is this table, with each case's full message:

    .venv/bin/python tests/test_bad_input.py     # rewrites docs/bad_input.md (a test checks it is current)

tests/test_data_cli.py holds more data-file cases (`BAD`) for `data validate` and `data convert`.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from alignment.cli.main import main  # noqa: E402

PAIR = {"prompt": "What is 2 + 2?", "chosen": "4", "rejected": "5"}
PAIRS = "".join(json.dumps({**PAIR, "prompt": f"What is {n} + 2?"}) + "\n" for n in range(8))
DOCS = Path(__file__).resolve().parent.parent / "docs" / "bad_input.md"


@dataclass
class Case:
    name: str
    category: str
    argv: list[str]
    """The command after `alignment`; `{model}` is a tiny model directory built in the test run."""
    expected: str
    """What stderr holds (the case's folder is the working directory, so paths are as typed)."""
    files: dict = field(default_factory=dict)
    """Input files to write first: relative path -> text, bytes, or a function of the tiny model's folder."""


def data(name: str, content: str | bytes | None, expected: str, *options: str, file: str = "bad.jsonl") -> Case:
    return Case(
        name, "data file", ["data", "validate", file, *options], expected, {} if content is None else {file: content}
    )


def config(name: str, overrides: list[str], expected: str, yaml_text: str | None = None, stage: str = "sft") -> Case:
    argv = [stage, *(["--config", "recipe.yaml"] if yaml_text is not None else []), *overrides]
    return Case(name, "config", argv, expected, {"recipe.yaml": yaml_text} if yaml_text is not None else {})


def BOMB_ROW(level: int) -> str:  # noqa: N802 (reads as the YAML it writes)
    """Level 0 is one value; each level above names the one below nine times: 9**11 leaves in all."""
    return ", ".join(f"k{j}: *l{level - 1}" for j in range(9)) if level else "k: x"


TINY_MODEL_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "chat_template.jinja")
TINY = ["model.name_or_path={model}", "train.max_steps=1"]

CASES = [
    # ---- data files ----
    data(
        "UTF-8 BOM and a truncated JSON line",
        b'\xef\xbb\xbf{"prompt": "Q", "chosen": "a", "rejected": "b"}\n{"pro',
        "bad.jsonl:2: -: invalid JSON",
    ),
    data(
        "NUL bytes", b'{"prompt": "Q\x00", "chosen": "a", "rejected": "b"}\n\x00\x00\n', "bad.jsonl:2: -: invalid JSON"
    ),
    data("UTF-16 bytes", json.dumps(PAIR).encode("utf-16"), "bad.jsonl:1: -: not valid UTF-8"),
    data(
        "Latin-1 bytes", b'{"prompt": "caf\xe9", "chosen": "a", "rejected": "b"}\n', "bad.jsonl:1: -: not valid UTF-8"
    ),
    data(
        "a JSON array in a .jsonl file, one element per line",
        "[\n" + json.dumps(PAIR) + "\n]\n",
        "bad.jsonl:1: -: invalid JSON",
    ),
    data(
        "JSON and JSONL mixed",
        json.dumps(PAIR) + "\n" + json.dumps([PAIR]) + "\n",
        "bad.jsonl:2: -: expected a JSON object",
    ),
    data("a .json file holding a number", "42", "bad.json:1: -: expected a list of rows, got int", file="bad.json"),
    data("broken CSV quoting", 'prompt,chosen,rejected\n"Q,"a",b\n', "bad.csv", file="bad.csv"),
    data("a CSV header and no rows", "prompt,chosen,rejected\n", "bad.csv:0: -: file has no rows", file="bad.csv"),
    data(
        "a corrupt Parquet file",
        b"PAR1 not really parquet",
        "bad.parquet: -: cannot read the Parquet file",
        file="bad.parquet",
    ),
    data("an unsupported file type", "prompt: Q", "bad.txt: -: unsupported file type '.txt'", file="bad.txt"),
    data("a file that does not exist", None, "nope.jsonl: -: no such file or directory", file="nope.jsonl"),
    data("a wrong type", json.dumps({**PAIR, "chosen": 4}) + "\n", "bad.jsonl:1: chosen: wrong type"),
    data("an empty reply", json.dumps({**PAIR, "chosen": ""}) + "\n", "bad.jsonl:1: chosen: empty string"),
    data(
        "NaN in a score",
        '{"prompt": "Q", "completions": [{"response": "a", "score": NaN}, {"response": "b", "score": 1}]}\n',
        "bad.jsonl:1:",
    ),
    data(
        "a role the template does not know",
        json.dumps({"messages": [{"role": "wizard", "content": "hi"}, {"role": "assistant", "content": "x"}]}) + "\n",
        "bad.jsonl:1: messages[0].role",
    ),
    data(
        "a column mapped to a column the file lacks",
        PAIRS,
        "bad.jsonl:1: columns.prompt: column 'question' not found",
        "--column",
        "prompt=question",
    ),
    data(
        "a mapping of the prompt alone, over reply columns",
        '{"q": "Q", "good": "a", "bad": "b"}\n',
        "bad.jsonl:1: columns: the mapping (prompt=q) reads this as prompts only and leaves good, bad unread",
        "--column",
        "prompt=q",
    ),
    data(
        "an unknown shipped dataset",
        None,
        "preference_data:harmles: no shipped preference_data named 'harmles'",
        file="preference_data:harmles",
    ),
    # ---- configs ----
    config(
        "a mistyped key", ["train.max_step=4"], "unknown config key 'train.max_step'; did you mean 'train.max_steps'?"
    ),
    config("a number written as a word", ["train.max_steps=ten"], "train.max_steps: expected an integer, got string"),
    config("zero batch size", ["train.batch_size=0"], "train.batch_size: must be at least 1, got 0"),
    config("NaN learning rate", ["train.lr=.nan"], "train.lr: must be a finite number, got nan"),
    config("infinite learning rate", ["train.lr=.inf"], "train.lr: must be a finite number, got inf"),
    config("a negative max_length", ["data.max_length=-5"], "data.max_length: must be at least 8"),
    config("a max_length past the model's positions", [*TINY, "data.max_length=100000"], "(2048 positions)"),
    config(
        "a choice off the list",
        ["data.truncation=left"],
        "data.truncation: 'left' is not one of auto, prompt, reply, drop",
    ),
    config("YAML that does not parse", [], "recipe.yaml: not valid YAML", yaml_text="train: [max_steps: 4\n"),
    config(
        "a YAML list at the top",
        [],
        "recipe.yaml: top level must be a mapping of keys, got list",
        yaml_text="- train\n- data\n",
    ),
    config(
        "a YAML alias bomb",
        [],
        "unknown config key 'data.l0'",
        yaml_text="data:\n" + "".join(f"  l{i}: &l{i} {{{BOMB_ROW(i)}}}\n" for i in range(12)),
    ),
    config(
        "a config that names itself as its data",
        ["data.train_files=[recipe.yaml]"],
        "recipe.yaml: -: unsupported file type '.yaml'",
        yaml_text="train:\n  max_steps: 1\n",
    ),
    Case(
        "a config file that does not exist",
        "config",
        ["sft", "--config", "nope.yaml"],
        "nope.yaml: config file not found",
    ),
    Case(
        "a directory as the config file",
        "config",
        ["sft", "--config", "folder"],
        "folder: config file not found",
        {"folder/x": ""},
    ),
    config("an override without '='", ["train.max_steps"], "override 'train.max_steps': expected KEY=VALUE"),
    config(
        "an override into a value",
        ["train.max_steps.x=1"],
        "train.max_steps: expected an integer, got mapping {'x': 1}",
    ),
    config("an unknown tracker", ["report_to=[tensorbored]"], "report_to[0]: 'tensorbored' is not one of"),
    config(
        "a tracker whose package is missing",
        ["report_to=[wandb]"],
        "add the extra: pip install 'alignment-suite[wandb]'",
    ),
    config("an unknown chat template", [*TINY, "model.chat_template=vicuna-9"], "model.chat_template"),
    config(
        "a hub dataset while offline", [*TINY, "data.sources=[{hub: nobody/nothing}]"], "nobody/nothing", stage="dpo"
    ),
    config(
        "a split on a plain file",
        [*TINY, "data.sources=[{files: [pairs.jsonl], split: test}]"],
        "pairs.jsonl?split=test: split: split applies to datasets directories and hub datasets",
        stage="dpo",
    ),
    # ---- command lines ----
    Case("an unknown command", "command line", ["trian"], "unknown command 'trian'"),
    Case(
        "convert onto its own input",
        "command line",
        ["data", "convert", "pairs.jsonl", "--out", "pairs.jsonl"],
        "--out pairs.jsonl is the input file",
        {"pairs.jsonl": PAIRS},
    ),
    Case(
        "convert over an existing file",
        "command line",
        ["data", "convert", "pairs.jsonl", "--out", "old.jsonl"],
        "old.jsonl exists; pass --force to replace it",
        {"pairs.jsonl": PAIRS, "old.jsonl": "keep me\n"},
    ),
    Case(
        "show zero rows",
        "command line",
        ["data", "show", "pairs.jsonl", "-n", "0"],
        "-n 0: give the number of rows to show",
        {"pairs.jsonl": PAIRS},
    ),
    Case(
        "init over an existing project",
        "command line",
        ["init", "."],
        "already has recipes; nothing written",
        {"recipes/mine.yaml": "train: {}\n"},
    ),
    Case(
        "export of a folder holding no adapter",
        "command line",
        ["export", "--model", "{model}", "--out", "out"],
        "no adapter_config.json here or in adapter/; nothing to merge",
    ),
    Case(
        "score a file that does not exist",
        "command line",
        ["score", "--model", "{model}", "--data", "nope.jsonl", "--out", "s.jsonl"],
        "nope.jsonl: no such file or directory",
    ),
    # ---- model directories ----
    Case(
        "a model path that does not exist",
        "model directory",
        ["sft", "model.name_or_path=no/such-model", "train.max_steps=1"],
        "no/such-model",
    ),
    Case(
        "pickle-only weights",
        "model directory",
        ["sft", "model.name_or_path=pickled", "train.max_steps=1"],
        "pickled: only pickle weights (pytorch_model.bin)",
        {"pickled/config.json": '{"model_type": "llama"}', "pickled/pytorch_model.bin": b"\x80\x04not a model"},
    ),
    Case(
        "a truncated safetensors file",
        "model directory",
        ["sft", "model.name_or_path=cut", "train.max_steps=1"],
        "cut",
        {
            **{f"cut/{name}": lambda model, name=name: (model / name).read_bytes() for name in TINY_MODEL_FILES},
            "cut/model.safetensors": lambda model: (model / "model.safetensors").read_bytes()[:4096],
        },
    ),
    Case(
        "a config.json and no weights",
        "model directory",
        ["sft", "model.name_or_path=empty", "train.max_steps=1"],
        "empty",
        {"empty/config.json": '{"model_type": "llama"}'},
    ),
    # ---- prompt files and suites ----
    Case(
        "a suite that does not exist",
        "prompt file",
        ["eval", "--model", "m={model}", "--suite", "nope.yaml", "--out", "report"],
        "nope.yaml: config file not found",
    ),
    Case(
        "a suite naming an unknown task",
        "prompt file",
        ["eval", "--model", "m={model}", "--suite", "suite.yaml", "--out", "report"],
        "suite.yaml: tasks[0].name: unknown task 'helpfull'",
        {"suite.yaml": "name: s\ntasks:\n  - name: helpfull\n    prompt_file: p.jsonl\n"},
    ),
    Case(
        "a prompt file with a broken line",
        "prompt file",
        ["eval", "--model", "m={model}", "--suite", "suite.yaml", "--out", "report"],
        "p.jsonl:2: -: invalid JSON",
        {
            "suite.yaml": "name: s\ntasks:\n  - name: harmful_refusal\n    prompt_file: p.jsonl\n",
            "p.jsonl": '{"prompt": "How do I pick a lock?"}\n{"prompt\n',
        },
    ),
    Case(
        "a prompt file that does not exist",
        "prompt file",
        ["eval", "--model", "m={model}", "--suite", "suite.yaml", "--out", "report"],
        "missing.jsonl",
        {"suite.yaml": "name: s\ntasks:\n  - name: harmful_refusal\n    prompt_file: missing.jsonl\n"},
    ),
]

SYMLINK_LOOP = Case(
    "a symlink loop",
    "data file",
    ["data", "validate", "loop.jsonl"],
    "loop.jsonl: -: a symbolic link that leads nowhere",
)
DIRECTORY = Case(
    "a directory named like a file", "data file", ["data", "validate", "dir.jsonl"], "dir.jsonl", {"dir.jsonl/x": ""}
)
CASES += [SYMLINK_LOOP, DIRECTORY]


def prepare(case: Case, folder: Path, model: Path) -> list[str]:
    """Write the case's inputs into `folder`; its command line."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = content(model) if callable(content) else content
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if case is SYMLINK_LOOP and not (folder / "loop.jsonl").is_symlink():
        os.symlink("loop.jsonl", folder / "loop.jsonl")
    return [part.replace("{model}", str(model)) for part in case.argv]


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder` with its bytes (links by target), to show nothing changed."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        entries[key] = (
            f"-> {os.readlink(path)}" if path.is_symlink() else (path.read_bytes() if path.is_file() else "dir")
        )
    return entries


def run_case(case: Case, folder: Path, model: Path) -> tuple[int, str]:
    """(exit code, stderr) of the case run in `folder`, as `alignment ...` would run it there."""
    import contextlib
    import io

    argv = prepare(case, folder, model)
    err = io.StringIO()
    here = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = main(argv)
            except SystemExit as exit_:  # argparse's own errors
                code = exit_.code
    finally:
        os.chdir(here)
    return code, err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_exits_2_with_one_clear_line_and_writes_nothing(case, tmp_path, tiny_model_dir, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = tmp_path / "case"
    prepare(case, folder, tiny_model_dir)
    before = snapshot(folder)
    code, err = run_case(case, folder, tiny_model_dir)
    lines = [line for line in err.splitlines() if line.startswith("error:") or ": " in line]
    assert code == 2, err
    assert case.expected in err, err
    assert "Traceback" not in err and lines, err
    assert snapshot(folder) == before


def test_there_are_at_least_40_cases_across_the_five_kinds():
    assert len(CASES) >= 40
    assert {case.category for case in CASES} == {
        "data file",
        "config",
        "command line",
        "model directory",
        "prompt file",
    }


def message_of(err: str) -> str:
    """The line a user reads: the `error:` line, or the first problem line of a data report."""
    lines = [line for line in err.strip().splitlines() if line.strip() and not line.endswith(": not usable")]
    chosen = next((line for line in lines if line.startswith("error:")), lines[0] if lines else "")
    return chosen.removeprefix("error: ")


def table(model: Path, root: Path) -> str:
    rows = []
    for index, case in enumerate(CASES):
        folder = root / f"case{index}"
        code, err = run_case(case, folder, model)
        message = message_of(err).replace(str(model), "MODEL").replace(str(folder), ".").replace("|", "\\|")
        command = " ".join(case.argv).replace("{model}", "MODEL")
        rows.append(f"| {index + 1} | {case.category} | {case.name} | `alignment {command}` | {code} | {message} |")
    return HEADER + "\n".join(rows) + "\n"


HEADER = """# Bad input

Each row is a malformed input a user can give, run through the real `alignment` command in an empty
folder holding only that input, and what the command says (on stderr) and returns. Every one exits
2, prints no traceback and leaves the folder as it was: `tests/test_bad_input.py` runs each case
and checks all of that, and this page is its table (`.venv/bin/python tests/test_bad_input.py`
rewrites it; a test checks it is current). `MODEL` is a tiny model folder built
for the run. More data-file cases (missing fields, ties in rankings, HH-RLHF transcripts without an
assistant turn, ...) are in `tests/test_data_cli.py`; data problems are reported for every bad row,
one line each, and the first is shown here.

| # | kind | input | command | exit | message |
|---|---|---|---|---|---|
"""


def test_the_docs_table_is_current(tmp_path, tiny_model_dir, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert DOCS.read_text(encoding="utf-8") == table(tiny_model_dir, tmp_path), "rebuild docs/bad_input.md"


if __name__ == "__main__":
    import tempfile

    from conftest import build_tiny_model

    os.environ["HF_HUB_OFFLINE"] = "1"
    with tempfile.TemporaryDirectory() as scratch:
        model = build_tiny_model(Path(scratch) / "tiny-model")  # its tokenizer trainer writes to stdout
        DOCS.write_text(table(model, Path(scratch)), encoding="utf-8")
