"""One page under load (`bench/run.py` runs locust once per page): GET $BENCH_PATH with the
cookie $BENCH_COOKIE (a signed-in member's session), no wait between requests."""

import os

from locust import FastHttpUser, constant, task


class Reader(FastHttpUser):
    wait_time = constant(0)
    path = os.environ["BENCH_PATH"]
    headers = {"Cookie": os.environ.get("BENCH_COOKIE", ""), "Accept-Language": "en"}

    @task
    def page(self) -> None:
        with self.client.get(self.path, headers=self.headers, name="page",
                             allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
