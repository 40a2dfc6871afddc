"""Starter activities: one bilingual YAML file per activity."""
