"""The project's settings plus one bench-only URL (`bench_urls`): used only by the page bench's
gunicorn (`bench/run.py --quick|--full`), never by the site."""

from microfuture.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
