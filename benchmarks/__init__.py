"""Benchmarks of report-convert against pandoc (see README.md in this folder)."""
