"""Child process for SFT stage tests (see stage_child.py, which does the work):

python tests/helpers/sft_child.py [--kill-at-step N] key=value ...
"""

import sys

from stage_child import main  # this script's own folder is on sys.path

if __name__ == "__main__":
    sys.exit(main("sft", sys.argv[1:]))
