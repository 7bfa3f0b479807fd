"""``python -m convert``: the same command line as ``report-convert``."""

from .cli import run

run()
