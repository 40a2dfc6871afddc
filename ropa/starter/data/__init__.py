"""Starter data files (bilingual YAML), read with importlib.resources."""
