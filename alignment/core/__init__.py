"""The shared bottom layer: everything here imports nothing else from `alignment`.

- `errors.py`        the exception types and their exit codes
- `io.py`            atomic writes (staging file + rename)
- `provenance.py`    content hashes, manifests, git sha, package versions, `StageResult`
- `training_log.py`  metrics.jsonl and its trimming on resume
- `checkpoints.py`   the COMPLETE marker and the latest complete checkpoint
- `distributed.py`   rank, main process, barrier: the same with one process or under accelerate
- `report_kit.py`    the one HTML kit of the eval and dynamics pages: escaping, CSP, styles, figures
"""
