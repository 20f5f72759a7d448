"""The `alignment` command: `main.py` parses the subcommand; `data.py` and `score.py` are the larger
subcommands. `python -m alignment.cli` runs it too."""
