"""``python -m convert``: the same command line as ``report-convert``."""

import sys

from .cli import main

sys.exit(main())
