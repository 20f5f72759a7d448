"""Errors the user can act on.

Every error a user can fix (a typo in a config, a bad data row, a model that cannot be
loaded) is one of these. Entry points (`alignment` CLI, `recipes/*.py`) catch
`AlignmentError`, print its message without a traceback and exit with status 2.
"""


class AlignmentError(Exception):
    """Base class: a problem in the user's input, reported without a traceback."""

    exit_code = 2


class ConfigError(AlignmentError):
    """A config file or command-line override is wrong (unknown key, wrong type)."""


class ModelLoadError(AlignmentError):
    """A model or tokenizer cannot be found, read or trusted."""


class DataError(AlignmentError):
    """One or more data rows are unusable.

    `problems` holds `(location, field, problem)` triples; `location` is `file:line`
    (or `file:row N` for formats without lines). The message lists them one per line as
    `file:line: field: problem`.
    """

    max_shown = 20

    def __init__(self, problems: list[tuple[str, str, str]]):
        self.problems = list(problems)
        lines = [f"{loc}: {field}: {problem}" for loc, field, problem in self.problems[: self.max_shown]]
        hidden = len(self.problems) - self.max_shown
        if hidden > 0:
            lines.append(f"... and {hidden} more problem(s)")
        super().__init__("\n".join(lines))
