"""`python -m mlpatterns` runs the command line."""

import sys

from mlpatterns.cli import main

sys.exit(main())
