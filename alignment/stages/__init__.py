"""Training stages: one file per stage, each exposing `run(config) -> StageResult`."""
