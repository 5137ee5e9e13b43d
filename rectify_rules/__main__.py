"""``python -m rectify_rules`` — the same as the ``rectify-rules`` command."""

import sys

from .cli import main

sys.exit(main())
