"""The PaddleDesk training program: ``python -m trainer --job <run>/job.json``.

Imports only paddle (paddlenlp for ERNIE) and its own modules, never ``core`` or ``gui``, so the
same folder runs in a subprocess, in a Docker image, or under ``paddle.distributed.launch``.
Importing the package itself imports nothing heavy.
"""

import os as _os
import sys as _sys

if __name__ == "trainer":
    # Started with PYTHONPATH=<repo>/core: once this package is imported (its submodules are found
    # through __path__), drop that folder from the path so core's own modules (core/datasets, ...)
    # cannot shadow third-party packages of the same name (paddlenlp imports HF `datasets`).
    _core = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))
    _sys.path[:] = [p for p in _sys.path if _os.path.abspath(p or _os.curdir) != _core]
