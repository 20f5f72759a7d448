"""Content tables for scripts/make_sft_starter.py: the starter SFT set's source text, one module per
category (the generator holds the logic). Every text here was written for this project.
"""
