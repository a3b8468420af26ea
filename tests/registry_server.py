"""Old name of tests/helpers/registry.py, kept while test files written before the move still import it."""

from tests.helpers.registry import *  # noqa: F401, F403
