"""Content tables for scripts/make_harmless_data.py: the `harmless` preference subset and the safety eval sets.

Every text here was written for this project. Modules:
    harmful_a, harmful_b   clearly harmful requests: (request, topic, request-specific safe alternative),
                           plus a few one-sentence reasons per category
    benign_a, benign_b     harmless requests that only sound risky: (request, what an over-cautious
                           reader might mistake it for, the helpful answer)
    templates              refusal openers, compliance-shaped non-answers, over-refusals, hedges, ...
    multi_turn             user / assistant / user conversations
    evals                  held-out prompts for evals/harmful.jsonl and evals/benign_sensitive.jsonl
Content safety rule: no text gives operational detail for causing harm (no materials, quantities,
steps, code, tools, targets or techniques), and nothing is sexual or involves minors.
"""
