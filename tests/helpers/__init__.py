"""What several test files share: the checkout's paths and polling on a condition.

Test files import helpers from here (``tests.helpers`` and its modules), never from one another
or from conftest.py, which holds only fixtures and the session's set-up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "resources" / "datasets"


def wait_for(predicate: Callable[[], Any], timeout: float = 180.0, interval: float = 0.05,
             state: Callable[[], str] | None = None) -> Any:
    """Poll ``predicate`` until it returns something truthy (returned); fail after ``timeout`` s,
    with ``state()`` in the message: what a rare timeout under load needs to be understood."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s" + (f": {state()}" if state else ""))
