"""Deterministic clinical rules: sections, ConText assertions, medication/vital/lab grammars,
ICD-10-CM vocabulary and abbreviations. Pure Python plus spaCy/medspaCy; no language model."""
