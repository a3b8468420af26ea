"""Old name of tests/helpers/docker.py, kept while test files written before the move still import it."""

from tests.helpers.docker import *  # noqa: F401, F403
