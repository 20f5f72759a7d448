"""Builders of the shipped datasets: one module per dataset, reading its text from content/<dataset>/.

Run one from the repository root with `python -m datagen.<dataset>`; see datagen/README.md.
Not part of the installed `alignment` package.
"""
