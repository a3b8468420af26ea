"""Old name of tests/helpers/remote.py, kept while test files written before the move still import it."""

from tests.helpers.remote import *  # noqa: F401, F403
from tests.helpers.remote import remote_env  # noqa: F401, E402 - the fixture, by its name
