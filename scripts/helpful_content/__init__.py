"""Content tables for scripts/make_helpful_data.py: every text of the `helpful` data, written for this project.

    facts.py       fact tables (capitals, elements, other facts) and word lists, split into a
                   training part and a held-out eval part that share no entity
    templates.py   question templates for the verifiable tasks, evasions and needless refusals
    open_*.py      hand-written open-ended items: prompt, good answer, plausible but wrong answer
    prompts.py     prompt-only requests for PPO and the held-out open-ended eval prompts
    prompts_more.py  a third held-out set of open requests, written after the PPO runs

Nothing here has logic beyond constants; the generator script holds the logic.
"""
