"""Does a source address still answer? One HTTP probe, for `check_catalogue` (I/O, no ORM).

HEAD first (cheap), then GET when HEAD fails or is refused (many sites answer HEAD with 403,
404 or 405 while serving the page): redirects are followed, the body is never read, and each
request waits at most `timeout` seconds. An answer from 200 to 399 counts as answering.
Problems are kept in plain words for the curators' review list.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

TIMEOUT_SECONDS = 10.0
USER_AGENT = ("MicrofutureHub-catalogue-check/1.0 (the finance finder's daily check that "
              "its sources still answer)")
ERROR_MAX = 300


@dataclass(frozen=True)
class Answer:
    ok: bool
    status: int | None = None
    error: str = ""


def _request(url: str, method: str, timeout: float) -> Answer:
    if not url.lower().startswith(("http://", "https://")):  # never file: or other schemes
        return Answer(ok=False, error="not a web address (http:// or https://)")
    request = urllib.request.Request(url, method=method, headers={  # noqa: S310
        "User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,*/*;q=0.8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status = int(response.status)
    except urllib.error.HTTPError as error:
        return Answer(ok=False, status=error.code, error=f"the server answered {error.code}")
    except TimeoutError:
        return Answer(ok=False, error=f"no answer within {timeout:g} seconds")
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return Answer(ok=False, error=f"no answer within {timeout:g} seconds")
        return Answer(ok=False, error=f"could not connect: {reason}"[:ERROR_MAX])
    except (OSError, ValueError) as error:  # a broken connection, an unreadable address
        return Answer(ok=False, error=f"could not read the answer: {error}"[:ERROR_MAX])
    return Answer(ok=200 <= status < 400, status=status,
                  error="" if 200 <= status < 400 else f"the server answered {status}")


def probe(url: str, *, timeout: float = TIMEOUT_SECONDS) -> Answer:
    """What the address answers now: HEAD, then GET if HEAD did not give a good answer."""
    answer = _request(url, "HEAD", timeout)
    if answer.ok:
        return answer
    return _request(url, "GET", timeout)
