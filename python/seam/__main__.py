"""python -m seam: see seam.cli."""

import sys

from .cli import main

sys.exit(main())
