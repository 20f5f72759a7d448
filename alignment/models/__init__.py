"""The models layer: the only code that loads weights.

- `loading.py`        from_pretrained, the embedded default (GGUF), dtype/device, LoRA/QLoRA, merging
- `generation.py`     chat replies and batched, seeded sampling
- `frozen_prefix.py`  run the frozen lower layers once and share them between policy and reference
- `reward_model.py`   load a reward model and score (prompt, reply) pairs with it
"""
