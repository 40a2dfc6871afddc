"""Benchmarks of ropa's heavy commands against their floors (not tests: see README.md)."""
