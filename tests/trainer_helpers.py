"""Old name of tests/helpers/trainer.py, kept while test files written before the move still import it."""

from tests.helpers.trainer import *  # noqa: F401, F403
