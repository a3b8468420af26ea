"""The frozen program's entry: the `paddledesk` command (and, inside the bundle, its interpreter-like calls)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a worker process started by the frozen program runs its target here
    from paddledesk.cli import main

    sys.exit(main())
