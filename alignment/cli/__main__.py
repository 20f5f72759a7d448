"""`python -m alignment.cli ...`: the `alignment` command."""

import sys

from alignment.cli.main import main

sys.exit(main())
