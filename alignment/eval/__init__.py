"""Evaluation harness: generate answers, score them with tasks and judges, render comparison reports."""
