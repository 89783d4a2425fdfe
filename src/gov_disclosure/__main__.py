"""``python -m gov_disclosure``: the command line."""

import sys

from .cli import main

sys.exit(main())
