"""Entry point: ``python -m trainer --job <run>/job.json`` (PYTHONPATH=<repo>/core).

``paddle.distributed.launch`` takes a script path rather than a module, so this file also works
when run directly (``python core/trainer/__main__.py ...``): it then puts its parent folder on
the path and imports the package by name.
"""

import os
import sys

if __package__ in (None, ""):
    _here = os.path.dirname(os.path.abspath(__file__))
    # our module names (events, data...) must not shadow anything when run as a script
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]
    sys.path.insert(0, os.path.dirname(_here))
    from trainer.cli import main
else:
    from .cli import main

if __name__ == "__main__":
    sys.exit(main())
