"""One page under load (`bench/suite.py` runs locust twice per page): GET $BENCH_PATH with the
cookie $BENCH_COOKIE (a signed-in member's session).

$BENCH_WAIT "A,B": each user waits between A and B seconds between requests (people reading a
page before the next click: the response-time run); unset or empty: no wait (the throughput
run, the server saturated)."""

import os

from locust import FastHttpUser, between, constant, task

_WAIT = os.environ.get("BENCH_WAIT", "")


class Reader(FastHttpUser):
    wait_time = (between(*(float(x) for x in _WAIT.split(","))) if _WAIT else constant(0))
    path = os.environ["BENCH_PATH"]
    headers = {"Cookie": os.environ.get("BENCH_COOKIE", ""), "Accept-Language": "en"}

    @task
    def page(self) -> None:
        with self.client.get(self.path, headers=self.headers, name="page",
                             allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
