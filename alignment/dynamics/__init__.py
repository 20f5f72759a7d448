"""Learning dynamics: what training did to the model, measured while it trains.

- `probes.py`   the recorder: fixed probe prompts scored every few steps (log-probs, entropy, LoRA norms)
- `rules.py`    warnings read from those records (entropy collapse, dead LoRA layers, non-finite loss)
- `hooks.py`    how each stage plugs the recorder into its training loop
- `report.py`, `figures.py`  dynamics.html and its figures, offline from dynamics.jsonl
"""
