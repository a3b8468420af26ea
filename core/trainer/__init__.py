"""The PaddleDesk training program: ``python -m trainer --job <run>/job.json``.

Imports only paddle (paddlenlp for ERNIE) and its own modules, never ``core`` or ``gui``, so the
same folder runs in a subprocess, in a Docker image, or under ``paddle.distributed.launch``.
Importing the package itself imports nothing heavy.
"""
