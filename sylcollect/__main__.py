"""`python -m sylcollect` runs the command-line interface."""

import sys

from sylcollect.cli import main

sys.exit(main())
