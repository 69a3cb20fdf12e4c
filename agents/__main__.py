"""`python -m agents <step> ...`: see agents.cli."""

import sys

from agents.cli import main

sys.exit(main(sys.argv[1:]))
