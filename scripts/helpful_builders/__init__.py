"""Logic for scripts/make_helpful_data.py, split by what it builds; the texts live in scripts/helpful_content/.

    common.py      the Item record and small number / prompt helpers every builder shares
    verifiable.py  verifiable items: arithmetic, unit conversion, string operations, capitals, elements, facts
    open_ended.py  open-ended items (how_to, explain, writing, coding) from the hand-written tables
    rejected.py    derived rejected replies (truncated, incomplete, evasive, needless refusal) and their checks
    training.py    preference pairs, ranked lists and PPO prompts
    evals.py       the held-out verifiable and open-ended eval sets
    output.py      output paths, JSONL writing and the printed summary

One `random.Random` is passed through every builder; the call order in make_helpful_data.build_all
fixes the output, so moving a draw from one function to another changes the shipped bytes.
"""
