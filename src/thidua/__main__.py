"""Run the command line: ``python -m thidua``."""

import sys

from thidua.cli import main

sys.exit(main())
