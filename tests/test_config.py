"""The strict config loader: YAML + dotted overrides build typed dataclasses, every mistake is a
ConfigError with an exact message that names the dotted key, and each field is documented."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
import yaml

from alignment import config as config_module
from alignment.config import (
    AdapterConfig,
    ModelConfig,
    SFTConfig,
    SFTDataConfig,
    StageConfig,
    TrainConfig,
    load_config,
    save_config,
    to_yaml,
)
from alignment.config.eval import EvalConfig
from alignment.config.stages import SHIPPED_ROOT
from alignment.core.errors import AlignmentError, ConfigError

TRAIN_KEYS = ", ".join(field.name for field in dataclasses.fields(TrainConfig))
TOP_KEYS = ", ".join(field.name for field in dataclasses.fields(SFTConfig))

RECIPE_LIKE = """\
run_dir: runs/example
model:
  name_or_path: /models/tiny
  attn_implementation: sdpa
adapter:
  r: 8
data:
  train_files: [one.jsonl]
train:
  max_steps: 10
  lr: 1.0e-4
merge: false
"""


def write(tmp_path: Path, text: str, name: str = "config.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path: Path, text: str | None, overrides: list[str] | None = None) -> str:
    path = write(tmp_path, text) if text is not None else None
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, path, overrides)
    return str(caught.value)


# ---------------------------------------------------------------------------------------
# Building


def test_yaml_builds_nested_dataclasses_over_defaults(tmp_path):
    config = load_config(SFTConfig, write(tmp_path, RECIPE_LIKE))
    assert isinstance(config.model, ModelConfig)
    assert isinstance(config.adapter, AdapterConfig)
    assert isinstance(config.data, SFTDataConfig)
    assert isinstance(config.train, TrainConfig)
    assert config.run_dir == "runs/example"
    assert config.model.name_or_path == "/models/tiny"
    assert config.adapter.r == 8
    assert config.train.max_steps == 10
    assert config.merge is False
    # Keys the file leaves out keep the dataclass defaults, section by section.
    assert config.adapter.alpha == AdapterConfig().alpha
    assert config.train.batch_size == TrainConfig().batch_size
    assert config.report_to == []


def test_no_file_and_no_overrides_is_the_all_defaults_config():
    assert load_config(SFTConfig) == SFTConfig()


def test_empty_yaml_file_is_the_all_defaults_config(tmp_path):
    assert load_config(SFTConfig, write(tmp_path, "# nothing set\n")) == SFTConfig()


def test_dotted_overrides_apply_over_yaml_values(tmp_path):
    config = load_config(
        SFTConfig,
        write(tmp_path, RECIPE_LIKE),
        [
            "train.max_steps=4",
            "data.train_files=[a.jsonl,b.jsonl]",
            "model.attn_implementation=null",
            "run_dir=runs/other",
            "merge=true",
            "adapter.target_modules=[q_proj, v_proj]",
        ],
    )
    assert config.train.max_steps == 4
    assert config.data.train_files == ["a.jsonl", "b.jsonl"]
    assert config.model.attn_implementation is None
    assert config.run_dir == "runs/other"
    assert config.merge is True
    assert config.adapter.target_modules == ["q_proj", "v_proj"]
    # Untouched YAML values survive the overrides.
    assert config.model.name_or_path == "/models/tiny"
    assert config.train.lr == 1.0e-4


def test_later_override_of_the_same_key_wins():
    config = load_config(SFTConfig, None, ["train.max_steps=4", "train.max_steps=7"])
    assert config.train.max_steps == 7


def test_int_widens_to_float_field():
    config = load_config(SFTConfig, None, ["train.lr=1", "train.epochs=3"])
    assert config.train.lr == 1.0 and type(config.train.lr) is float
    assert config.train.epochs == 3.0 and type(config.train.epochs) is float


def test_override_value_is_parsed_as_yaml_so_strings_stay_strings():
    config = load_config(SFTConfig, None, ["run_dir=runs/2024-01-01", "model.name_or_path=123abc"])
    assert config.run_dir == "runs/2024-01-01"
    assert config.model.name_or_path == "123abc"


@pytest.mark.parametrize("spelling", ["train.lr=1e-4", "yaml"])
def test_exponent_without_a_dot_is_a_float(tmp_path, spelling):
    """PyYAML (YAML 1.1) reads `1e-4` as a string; float fields accept that spelling anyway."""
    if spelling == "yaml":
        config = load_config(SFTConfig, write(tmp_path, "train:\n  lr: 1e-4\n"))
    else:
        config = load_config(SFTConfig, None, [spelling])
    assert config.train.lr == 1e-4


# ---------------------------------------------------------------------------------------
# Unknown keys


def test_unknown_top_level_key_names_it_and_suggests_the_nearest(tmp_path):
    assert config_error(tmp_path, "trian:\n  max_steps: 3\n") == (
        f"unknown config key 'trian'; did you mean 'train'? (valid keys in the top level: {TOP_KEYS})"
    )


def test_unknown_nested_key_names_the_dotted_path_and_suggests_the_nearest(tmp_path):
    assert config_error(tmp_path, "train:\n  max_step: 3\n") == (
        f"unknown config key 'train.max_step'; did you mean 'train.max_steps'? (valid keys in train: {TRAIN_KEYS})"
    )


def test_unknown_key_with_no_close_match_lists_the_valid_keys_only(tmp_path):
    assert config_error(tmp_path, "zzzz: 1\n") == (
        f"unknown config key 'zzzz' (valid keys in the top level: {TOP_KEYS})"
    )


def test_unknown_key_in_a_cli_override_gets_the_same_message(tmp_path):
    message = config_error(tmp_path, RECIPE_LIKE, ["train.max_step=4"])
    assert message == (
        f"unknown config key 'train.max_step'; did you mean 'train.max_steps'? (valid keys in train: {TRAIN_KEYS})"
    )
    assert config_error(tmp_path, None, ["adapter.alpah=4"]) == (
        "unknown config key 'adapter.alpah'; did you mean 'adapter.alpha'? "
        "(valid keys in adapter: method, r, alpha, dropout, target_modules, last_layers)"
    )


def test_the_valid_key_list_matches_the_dataclass_fields():
    """The hint is built from the dataclass, so a new field shows up in it without extra code."""
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, None, ["data.formt=auto"])
    listed = str(caught.value).split("(valid keys in data: ")[1].rstrip(")").split(", ")
    assert listed == [field.name for field in dataclasses.fields(SFTDataConfig)]


# ---------------------------------------------------------------------------------------
# Wrong types and choices


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("train:\n  max_steps: four\n", "train.max_steps: expected an integer, got string 'four'"),
        ("train:\n  max_steps: true\n", "train.max_steps: expected an integer, got boolean True"),
        ("train:\n  max_steps: 2.5\n", "train.max_steps: expected an integer, got number 2.5"),
        ("train:\n  lr: fast\n", "train.lr: expected a number, got string 'fast'"),
        ("train:\n  lr: true\n", "train.lr: expected a number, got boolean True"),
        ("merge: 1\n", "merge: expected a boolean, got integer 1"),
        ("merge: 'yes please'\n", "merge: expected a boolean, got string 'yes please'"),
        ("run_dir: 7\n", "run_dir: expected a string, got integer 7"),
        ("data:\n  train_files: [1]\n", "data.train_files[0]: expected a string, got integer 1"),
        ("model:\n  attn_implementation: 3\n", "model.attn_implementation: expected a string or null, got integer 3"),
        (
            "adapter:\n  method: lora2\n",
            "adapter.method: 'lora2' is not one of lora, qlora, full; did you mean 'lora'?",
        ),
        (
            "train:\n  lr_scheduler: cosin\n",
            "train.lr_scheduler: 'cosin' is not one of cosine, linear, constant, constant_with_warmup; "
            "did you mean 'cosine'?",
        ),
        ("model:\n  dtype: int8\n", "model.dtype: 'int8' is not one of auto, bfloat16, float16, float32"),
    ],
)
def test_wrong_type_or_choice_has_an_exact_message(tmp_path, text, message):
    assert config_error(tmp_path, text) == message


def test_string_where_a_list_belongs_is_refused_naming_the_key(tmp_path):
    message = config_error(tmp_path, "data:\n  train_files: x.jsonl\n")
    assert message.startswith("data.train_files: expected a list of ")
    assert message.endswith(", got string 'x.jsonl'")


def test_string_where_a_list_belongs_has_a_grammatical_message(tmp_path):
    assert config_error(tmp_path, "data:\n  train_files: x.jsonl\n") == (
        "data.train_files: expected a list of strings, got string 'x.jsonl'"
    )


def test_wrong_type_in_a_cli_override_is_refused_too():
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, None, ["train.max_steps=four"])
    assert str(caught.value) == "train.max_steps: expected an integer, got string 'four'"


def test_scalar_where_a_section_belongs_is_refused(tmp_path):
    message = config_error(tmp_path, "train: 3\n")
    assert message.startswith("train")
    assert message.endswith("expected a mapping, got integer")


def test_scalar_where_a_section_belongs_names_the_section_cleanly(tmp_path):
    assert config_error(tmp_path, "train: 3\n") == "train: expected a mapping, got integer"


def test_config_error_is_an_alignment_error_with_exit_code_2():
    assert issubclass(ConfigError, AlignmentError)
    assert ConfigError.exit_code == 2


# ---------------------------------------------------------------------------------------
# Files and override syntax


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, path)
    assert str(caught.value) == f"{path}: config file not found"


def test_directory_instead_of_file_is_not_found(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, tmp_path)
    assert str(caught.value) == f"{tmp_path}: config file not found"


def test_malformed_yaml_names_the_file_and_the_parser_position(tmp_path):
    text = "train: [1, 2\n"
    path = write(tmp_path, text)
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as error:
        parser_message = str(error)
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, path)
    assert str(caught.value) == f"{path}: not valid YAML: {parser_message}"
    assert "line 2, column 1" in parser_message  # where the parser gave up


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "list"), ("just a string\n", "str"), ("3\n", "int")])
def test_top_level_must_be_a_mapping(tmp_path, text, kind):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, path)
    assert str(caught.value) == f"{path}: top level must be a mapping of keys, got {kind}"


@pytest.mark.parametrize("item", ["max_steps", "train.max_steps", "=4", " =4"])
def test_override_without_key_and_equals_sign(item):
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, None, [item])
    assert str(caught.value) == f"override {item!r}: expected KEY=VALUE, e.g. train.max_steps=4"


def test_override_through_a_scalar_is_refused(tmp_path):
    path = write(tmp_path, "run_dir: runs/x\n")
    with pytest.raises(ConfigError) as caught:
        load_config(SFTConfig, path, ["run_dir.sub=1"])
    assert str(caught.value) == "override 'run_dir.sub=1': 'run_dir' is not a section"


def test_loading_does_not_modify_the_yaml_file(tmp_path):
    path = write(tmp_path, RECIPE_LIKE)
    load_config(SFTConfig, path, ["train.max_steps=1"])
    assert path.read_text(encoding="utf-8") == RECIPE_LIKE


# ---------------------------------------------------------------------------------------
# Writing


def test_to_yaml_round_trip(tmp_path, monkeypatch):
    from alignment.config import ranges

    monkeypatch.setitem(ranges.TRACKER_PACKAGES, "tensorboard", "json")  # as if the extra were installed
    original = load_config(
        SFTConfig,
        write(tmp_path, RECIPE_LIKE),
        ["model.attn_implementation=null", "report_to=[tensorboard]", "train.lr=1", "data.train_files=[a,b]"],
    )
    saved = tmp_path / "saved.yaml"
    save_config(original, saved)
    assert saved.read_text(encoding="utf-8") == to_yaml(original)
    assert load_config(SFTConfig, saved) == original


def test_to_yaml_writes_every_field_in_declaration_order():
    data = yaml.safe_load(to_yaml(SFTConfig()))
    assert list(data) == [field.name for field in dataclasses.fields(SFTConfig)]
    assert list(data["train"]) == [field.name for field in dataclasses.fields(TrainConfig)]


# ---------------------------------------------------------------------------------------
# House style: every field is documented


def _dataclass_fields_without_docstring(source: str) -> tuple[list[str], list[str]]:
    """(fields checked, fields lacking a one-line string literal directly under them)."""
    checked, missing = [], []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        decorators = [d.func if isinstance(d, ast.Call) else d for d in node.decorator_list]
        if not any(getattr(d, "id", getattr(d, "attr", None)) == "dataclass" for d in decorators):
            continue
        body = node.body
        for index, statement in enumerate(body):
            if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
                continue
            name = f"{node.name}.{statement.target.id}"
            checked.append(name)
            following = body[index + 1] if index + 1 < len(body) else None
            documented = (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
                and following.value.value.strip()
                and "\n" not in following.value.value.strip()
            )
            if not documented:
                missing.append(name)
    return checked, missing


def test_every_config_field_has_a_one_line_docstring_under_it():
    checked, missing = [], []
    for path in sorted(Path(config_module.__file__).parent.glob("*.py")):
        seen, lacking = _dataclass_fields_without_docstring(path.read_text())
        checked += seen
        missing += lacking
    # The walk really saw the config classes (guards against the check silently checking nothing);
    # a field is checked in the class that declares it (StageConfig's in StageConfig).
    expected = {
        f"{cls.__name__}.{field.name}"
        for cls in (ModelConfig, AdapterConfig, SFTDataConfig, TrainConfig, StageConfig, SFTConfig)
        for field in dataclasses.fields(cls)
        if field.name in cls.__annotations__
    }
    assert expected <= set(checked)
    assert missing == []


def test_the_docstring_check_catches_an_undocumented_field():
    source = (
        "@dataclass\nclass C:\n    a: int = 1\n    '''Doc.'''\n    b: int = 2\n    c: int = 3\n    '''x\n    y'''\n"
    )
    assert _dataclass_fields_without_docstring(source) == (["C.a", "C.b", "C.c"], ["C.b", "C.c"])


def test_override_into_an_empty_section(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("train:\n  # max_steps: 3\n")
    assert load_config(SFTConfig, path, ["train.max_steps=4"]).train.max_steps == 4
    assert load_config(SFTConfig, path).train == SFTConfig().train


@pytest.mark.parametrize(
    "override, message",
    [
        ("train.batch_size=0", "train.batch_size: must be at least 1, got 0"),
        ("train.warmup_ratio=1.0", "train.warmup_ratio: must be in [0, 1), got 1.0"),
        ("train.max_steps=0", "train.max_steps: must be -1 (run `epochs` epochs) or at least 1, got 0"),
        ("train.lr=0", "train.lr: must be positive, got 0.0"),
        ("adapter.r=0", "adapter.r: must be at least 1, got 0"),
        ("adapter.dropout=1.5", "adapter.dropout: must be in [0, 1), got 1.5"),
    ],
)
def test_values_out_of_range_fail_naming_the_key(override, message):
    from alignment.config import SFTConfig

    with pytest.raises(ConfigError) as error:
        load_config(SFTConfig, None, [override])
    assert str(error.value) == message


def test_a_pipeline_range_error_names_the_stage_key():
    from alignment.config import PipelineConfig

    with pytest.raises(ConfigError, match=r"^dpo\.train\.batch_size: must be at least 1, got 0$"):
        load_config(PipelineConfig, None, ["dpo.train.batch_size=0"])


def test_report_to_names_a_known_tracker_whose_extra_is_installed(monkeypatch):
    from alignment.config import ranges

    with pytest.raises(ConfigError, match=r"report_to\[0\]: 'tensorbord' is not one of .*did you mean 'tensorboard'"):
        load_config(SFTConfig, None, ["report_to=[tensorbord]"])
    monkeypatch.setitem(ranges.TRACKER_PACKAGES, "tensorboard", "no_such_package_for_this_test")
    with pytest.raises(ConfigError, match=r"pip install 'alignment-suite\[tensorboard\]'"):
        load_config(SFTConfig, None, ["report_to=[tensorboard]"])
    monkeypatch.setitem(ranges.TRACKER_PACKAGES, "tensorboard", "json")  # a package that is always there
    assert load_config(SFTConfig, None, ["report_to=[tensorboard]"]).report_to == ["tensorboard"]


def test_shipped_recipes_and_data_are_found_from_any_folder(tmp_path, monkeypatch):
    from alignment.config import PipelineConfig
    from alignment.config.stages import SHIPPED_ROOT, shipped_path
    from alignment.data.mixture import load_sft_mixture
    from alignment.eval.suite import load_suite

    monkeypatch.chdir(tmp_path)  # not the checkout
    config = load_config(PipelineConfig, "recipes/smollm2-135m/pipeline_dpo.yaml")
    assert len(load_sft_mixture(config.sft.data.all_sources()).examples) > 1000
    assert load_suite(config.eval.suite).tasks
    assert shipped_path("evals/harmful.jsonl") == str(SHIPPED_ROOT / "evals" / "harmful.jsonl")
    (tmp_path / "evals").mkdir()
    (tmp_path / "evals" / "harmful.jsonl").write_text("{}\n")
    assert shipped_path("evals/harmful.jsonl") == "evals/harmful.jsonl"  # a file of the user's own comes first
    assert shipped_path("data/mine.jsonl") == "data/mine.jsonl"  # only the shipped folders are looked up


def test_recipe_paths_are_read_from_the_recipe_folder(tmp_path, monkeypatch):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    for root in (project, elsewhere):
        (root / "data").mkdir(parents=True)
        (root / "data" / "train.jsonl").write_text('{"messages": []}\n')
    (project / "recipes").mkdir()
    recipe = project / "recipes" / "sft.yaml"
    recipe.write_text("data:\n  train_files: [data/train.jsonl]\n  sources: [{files: [preference_data:sft_starter]}]\n")

    monkeypatch.chdir(elsewhere)  # has a data/train.jsonl of its own: the recipe's project wins
    config = load_config(SFTConfig, str(recipe))
    assert config.data.train_files == [str(project / "data" / "train.jsonl")]
    assert config.data.sources[0].files == [str(SHIPPED_ROOT / "preference_data" / "sft_starter" / "train.jsonl")]
    # a command-line override is the user's own path, from where they stand
    assert load_config(SFTConfig, str(recipe), ["data.train_files=[data/train.jsonl]"]).data.train_files == [
        "data/train.jsonl"
    ]
    monkeypatch.chdir(project)  # the same file from here: kept as written
    assert load_config(SFTConfig, "recipes/sft.yaml").data.train_files == ["data/train.jsonl"]

    with pytest.raises(ConfigError, match=r"files: preference_data:harmles: no shipped preference_data .*harmless"):
        load_config(SFTConfig, str(recipe), ["data.sources=[{files: [preference_data:harmles]}]"])
    with pytest.raises(ConfigError, match=r"suite: evals:nope: no shipped evals named 'nope'; shipped: .*default"):
        load_config(EvalConfig, None, ["suite=evals:nope"])
    quickstart = load_config(EvalConfig, None, ["suite=evals:quickstart"]).suite
    assert quickstart == str(SHIPPED_ROOT / "evals" / "quickstart.yaml")
