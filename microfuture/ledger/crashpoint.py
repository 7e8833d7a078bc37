"""A test hook: stop this process at a named point, so a test can kill it there.

With `MICROFUTURE_CRASH_POINT=<name>` in the environment, `crash_point(name)` sends this
process SIGSTOP; the crash-safety test (`clubs/tests/test_books_crash.py`) then kills it with
SIGKILL. The money services call it as the last statement inside their transaction, so the
kill lands just before COMMIT. Without the variable it does nothing.
"""

from __future__ import annotations

import os
import signal


def crash_point(name: str) -> None:
    if os.environ.get("MICROFUTURE_CRASH_POINT") == name:
        os.kill(os.getpid(), signal.SIGSTOP)
