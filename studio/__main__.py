"""`python -m studio` runs the same command line as the `studio` script."""

import sys

from studio.cli import main

sys.exit(main())
