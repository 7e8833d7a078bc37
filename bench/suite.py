"""The federation bench (issue 15): `make bench` (quick) and `make bench-full` (full).

    .venv/bin/python bench/run.py --quick   # under 5 minutes on the 2-core machine
    .venv/bin/python bench/run.py --full    # 100 and 1,000 clubs x 15 members x 60 months

Every figure is set against its floor, measured in the same run:

- month-end close = `snapshot_portfolio --date D` over every club, interleaved with its SQL
  floor (one aggregate: the sum of the legs per club and account up to D), floor, close,
  floor, close, ... so that drift on the machine touches both; each in a fresh process
  (`bench/worker.py`), timed inside it, with its peak memory; time per club at both sizes
  (linearity);
- pages under locust (20 users) on gunicorn with 2 workers, twice each: response time with
  users who read each page for 0.5-1.5 s before the next click (p95 is what a person waits),
  and throughput with users who never wait (the server saturated); floor = a one-line view on
  the same server (`/bench/floor/`, only in `bench/bench_urls.py`). The dashboards and open
  data read the snapshots the nightly `snapshot_portfolio` stores (`pages-setup` runs it).

Writes `bench/results.json` (a list of {name, size, median, p95, unit, floor, ratio}, ratio =
median / floor) and the table between the bench markers of `docs/performance.md`.
Each size gets its own SQLite file under var/; the close is also measured on a throwaway
PostgreSQL cluster at the smaller size.
"""

from __future__ import annotations

import csv
import json
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from calendar import monthrange
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PY = sys.executable
RESULTS = ROOT / "bench" / "results.json"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Mode:
    name: str
    sizes: tuple[int, int]
    members: int
    months: int
    repeats: int
    page_seconds: int
    users: int = 20
    seed: int = 15


QUICK = Mode("quick", (20, 100), members=10, months=12, repeats=3, page_seconds=6)
FULL = Mode("full", (100, 1000), members=15, months=60, repeats=5, page_seconds=30)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def close_date(months: int, start: date = date(2020, 1, 10)) -> date:
    """The last day of the journals' last month."""
    y, m = divmod(start.month - 1 + months - 1, 12)
    year, month = start.year + y, m + 1
    return date(year, month, monthrange(year, month)[1])


def worker(db: Path | str, *args: object, env: dict[str, str] | None = None) -> dict[str, Any]:
    """One step of `bench/worker.py` on a database: a SQLite file, or a database URL."""
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    full_env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": url, **(env or {})}
    out = subprocess.run([PY, str(ROOT / "bench" / "worker.py"), *map(str, args)], cwd=ROOT,
                         env=full_env, check=True, capture_output=True, text=True)
    answer: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return answer


def machine() -> dict[str, Any]:
    cpu = "unknown CPU"
    cores = os.cpu_count() or 0
    ram_gb = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {"cpu": cpu, "cores": cores, "ram_gb": round(ram_gb, 1),
            "python": platform.python_version()}


def row(name: str, size: str, values: list[float], unit: str, floor: float,
        median: float | None = None) -> dict[str, Any]:
    mid = statistics.median(values) if median is None else median
    return {"name": name, "size": size, "median": round(mid, 4),
            "p95": round(p95(values), 4) if values else None, "unit": unit,
            "floor": round(floor, 4), "ratio": round(mid / floor, 2) if floor else None}


def bench_close(mode: Mode, template: Path) -> tuple[list[dict[str, Any]], Path]:
    rows: list[dict[str, Any]] = []
    on = close_date(mode.months).isoformat()
    per_club: dict[int, float] = {}
    db = template
    for n in mode.sizes:
        db = VAR / f"bench-federation-{n}.sqlite3"
        shutil.copyfile(template, db)
        built = worker(db, "federation", n, mode.members, mode.months, mode.seed)
        print(f"  federation of {n} clubs: {built['events']:,} events, {built['legs']:,} legs, "
              f"built in {built['seconds']:.0f} s", flush=True)
        size = (f"{n} clubs x {mode.members} members x {mode.months} months "
                f"({built['events']:,} events, {built['legs']:,} legs)")
        closes: list[dict[str, Any]] = []
        floors: list[dict[str, Any]] = []
        worker(db, "close", on)  # warm the file cache; not counted
        for _ in range(mode.repeats):
            floors.append(worker(db, "floor", on))
            closes.append(worker(db, "close", on))
        close_s = [c["seconds"] for c in closes]
        floor_s = [f["seconds"] for f in floors]
        close_mb = [c["peak_mb"] for c in closes]
        floor_mb = [f["peak_mb"] for f in floors]
        print(f"  close of {n} clubs: median {statistics.median(close_s):.3f} s, floor "
              f"{statistics.median(floor_s):.4f} s, peak {max(close_mb):.0f} MB", flush=True)
        rows.append(row("month-end close", size, close_s, "s", statistics.median(floor_s)))
        rows.append(row("month-end close, peak memory (floor: the same process running the "
                        "floor's query)", size, close_mb, "MB", statistics.median(floor_mb)))
        per_club[n] = statistics.median(close_s) / n * 1000
        rows.append(row("month-end close, time per club", size,
                        [s / n * 1000 for s in close_s], "ms",
                        statistics.median(floor_s) / n * 1000))
    small, large = mode.sizes
    rows.append(row(f"month-end close, linearity (time per club at {large} / at {small} "
                    "clubs; 1 = linear)", f"{small} -> {large} clubs",
                    [per_club[large] / per_club[small]], "x", 1.0))
    return rows, db


@contextmanager
def postgres() -> Iterator[str | None]:
    """A throwaway PostgreSQL cluster (the test script's recipe, `scripts/test.sh`), its URL;
    None where PostgreSQL is not installed. Default settings (fsync on), socket only."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda b: int(b.parent.name))
    if not bins:
        yield None
        return
    pgbin = bins[-1]
    data, sock = Path(tempfile.mkdtemp(prefix="mf-bench-pg")), Path(tempfile.mkdtemp())
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as `postgres`
        if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--system", "--home-dir", "/var/lib/postgresql",
                            "--shell", "/bin/bash", "postgres"], check=True)
        shutil.chown(data, "postgres")
        shutil.chown(sock, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = str(free_port())
    try:
        subprocess.run([*run_as, str(pgbin / "initdb"), "-D", str(data), "-U", "postgres",
                        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True)
        subprocess.run([*run_as, str(pgbin / "pg_ctl"), "-D", str(data), "-l",
                        str(data / "server.log"), "-w", "-o",
                        f"-k {sock} -p {port} -c listen_addresses=''", "start"],
                       check=True, capture_output=True)
        subprocess.run([*run_as, str(pgbin / "createdb"), "-h", str(sock), "-p", port,
                        "-U", "postgres", "microfuture"], check=True, capture_output=True)
        yield f"postgres://postgres@/microfuture?host={sock}&port={port}"
    finally:
        subprocess.run([*run_as, str(pgbin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                        "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(sock, ignore_errors=True)


def bench_close_postgres(mode: Mode) -> list[dict[str, Any]]:
    """The close and its floor on PostgreSQL, at the smaller size (building the larger one
    through the import takes several minutes there)."""
    n = mode.sizes[0]
    on = close_date(mode.months).isoformat()
    with postgres() as url:
        if url is None:
            print("  PostgreSQL is not installed: its close is not measured", flush=True)
            return []
        worker(url, "migrate")
        built = worker(url, "federation", n, mode.members, mode.months, mode.seed)
        size = (f"{n} clubs x {mode.members} members x {mode.months} months "
                f"({built['events']:,} events, {built['legs']:,} legs), PostgreSQL")
        worker(url, "close", on)  # makes every checkpoint before the month; not counted
        closes, floors = [], []
        for _ in range(mode.repeats):
            floors.append(worker(url, "floor", on)["seconds"])
            closes.append(worker(url, "close", on)["seconds"])
    print(f"  close of {n} clubs on PostgreSQL: median {statistics.median(closes):.3f} s, "
          f"floor {statistics.median(floors):.4f} s", flush=True)
    return [row("month-end close", size, closes, "s", statistics.median(floors))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


#: Each user of the response-time run reads a page for 0.5 to 1.5 s before the next click.
READING = "0.5,1.5"


def locust(base: str, path: str, cookie: str, mode: Mode, name: str,
           wait: str = "") -> dict[str, float]:
    out = VAR / "bench-locust"
    out.mkdir(exist_ok=True)
    prefix = out / (name.replace(" ", "-") + ("-reading" if wait else ""))
    locust_bin = str(Path(PY).parent / "locust")
    subprocess.run(
        [locust_bin, "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--only-summary",
         "-u", str(mode.users), "-r", str(mode.users), "-t", f"{mode.page_seconds}s",
         "--host", base, "--csv", str(prefix), "--loglevel", "WARNING"],
        cwd=ROOT, env={**os.environ, "BENCH_PATH": path, "BENCH_COOKIE": cookie,
                       "BENCH_WAIT": wait}, check=False,
        capture_output=True, text=True)
    with open(f"{prefix}_stats.csv", newline="") as fh:
        stats = next(r for r in csv.DictReader(fh) if r["Name"] == "Aggregated")
    return {"median": float(stats["Median Response Time"]), "p95": float(stats["95%"]),
            "rps": float(stats["Requests/s"]), "requests": int(stats["Request Count"]),
            "failures": int(stats["Failure Count"])}


def bench_pages(mode: Mode, db: Path, n: int) -> list[dict[str, Any]]:
    on = close_date(mode.months).isoformat()
    key = secrets.token_urlsafe(64)  # the session is signed with the server's key
    setup = worker(db, "pages-setup", on, env={"DJANGO_SECRET_KEY": key})
    slug, cookie = setup["slug"], setup["cookie"]
    pages = [
        ("trivial view (floor)", "/bench/floor/"),
        ("club statement", f"/clubs/{slug}/statement/"),
        ("member page", f"/clubs/{slug}/me/"),
        ("finder result", "/finder/results/?entity_type=individual&country=SI&region=SI041"
                          "&amount=8000"),
        ("practice search", "/practices/?q=mikrokredit"),
        ("impact dashboard", "/impact/"),
        ("open-data API", f"/api/v1/open-data/figures?date={on}"),
    ]
    static = VAR / "bench-static"
    env = {**os.environ, "DJANGO_DEBUG": "0", "DATABASE_URL": f"sqlite:///{db}",
           "DJANGO_SECRET_KEY": key,
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_INSECURE_LOCAL_HTTP": "1",
           "DJANGO_STATIC_ROOT": str(static), "DJANGO_SETTINGS_MODULE": "bench_settings",
           "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}"}
    if not (ROOT / "locale" / "sl" / "LC_MESSAGES" / "django.mo").exists():
        subprocess.run([PY, "manage.py", "compilemessages", "--ignore=.venv", "-v0"], cwd=ROOT,
                       env=env, check=False, capture_output=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)
    rows: list[dict[str, Any]] = []
    size = f"{n} clubs, {mode.users} users, {mode.page_seconds} s each"
    measured: dict[str, dict[str, float]] = {}
    log = (VAR / "bench-gunicorn.log").open("w")  # the quick shutdowns' tracebacks go here
    for name, path in pages:
        # A fresh server per page: a slow page's queue must not spill into the next one.
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [PY, "-m", "gunicorn", "microfuture.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
            cwd=ROOT, env=env, stderr=log)
        try:
            for _ in range(120):
                try:
                    if get(base + "/bench/floor/", cookie) == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.25)
            status = get(base + path, cookie)
            if status != 200:
                print(f"  {name}: {path} answers {status}; skipped", flush=True)
                continue
            reading = locust(base, path, cookie, mode, name, wait=READING)
            m = locust(base, path, cookie, mode, name)
            measured[name] = {**m, "median": reading["median"], "p95": reading["p95"]}
            print(f"  {name}: reading users: median {reading['median']:.0f} ms, p95 "
                  f"{reading['p95']:.0f} ms ({reading['requests']} requests, "
                  f"{reading['failures']} failed); saturated: {m['rps']:.1f} req/s "
                  f"({m['requests']} requests, {m['failures']} failed)", flush=True)
        finally:
            server.send_signal(signal.SIGQUIT)  # quick shutdown: drop the queued requests
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    log.close()
    floor = measured.get("trivial view (floor)")
    for name, m in measured.items():
        rows.append(row(f"page: {name}, response time (users reading 0.5-1.5 s between "
                        "clicks; target p95 under 100 ms)", size, [m["p95"]], "ms",
                        floor["median"] if floor else 0.0, median=m["median"]))
        rows[-1]["p95"] = m["p95"]
        rows.append(row(f"page: {name}, throughput, users never waiting (ratio: share of "
                        "the floor's; target 0.4)", size,
                        [m["rps"]], "req/s", floor["rps"] if floor else 0.0,
                        median=m["rps"]))
        rows[-1]["p95"] = None  # one figure per run, no spread
    return rows


def table(results: list[dict[str, Any]], info: dict[str, Any]) -> str:
    def fmt(value: Any) -> str:
        if value is None:
            return "–"
        if isinstance(value, float) and value >= 100:
            return f"{value:,.0f}"
        return f"{value:,.3g}" if isinstance(value, float) else str(value)

    lines = [
        START,
        f"Mode **{info['mode']}**, measured on {info['date']} on {info['machine']['cpu']}, "
        f"{info['machine']['cores']} cores, {info['machine']['ram_gb']} GB RAM, SQLite "
        "(PostgreSQL where a row says so), "
        f"Python {info['machine']['python']}. {info['note']}",
        "",
        "| what | size | median | p95 | unit | floor | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r['name']} | {r['size']} | {fmt(r['median'])} | {fmt(r['p95'])} | "
                     f"{r['unit']} | {fmt(r['floor'])} | {fmt(r['ratio'])} |")
    lines += ["", "Rerun: `make bench` (quick, under 5 minutes) or `make bench-full` (the same "
              "as `make bench MODE=full`: 100 and 1,000 clubs x 15 members x 60 months; long); "
              "the figures land in `bench/results.json` and here. Each close and floor runs in "
              "a fresh process (`bench/worker.py`); each page on a freshly started gunicorn.",
              END]
    return "\n".join(lines)


def write_doc(text: str) -> None:
    doc = DOC.read_text()
    if START in doc and END in doc:
        head, rest = doc.split(START, 1)
        _, tail = rest.split(END, 1)
        doc = head + text + tail
    else:
        doc = (doc.rstrip("\n") + "\n\n## Federation bench (`make bench`)\n\n"
               "Ratio = median / floor, the floor measured in the same run: for the close, one "
               "SQL aggregate over the same legs (the sum per club and account); for pages, a "
               "one-line view on the same server (throughput rows: the page's req/s as a share "
               "of the floor's). What each size holds and how it is built: `bench/suite.py`.\n\n"
               + text + "\n")
    DOC.write_text(doc)


def main(mode_name: str, note: str = "") -> None:
    mode = QUICK if mode_name == "quick" else FULL
    if os.environ.get("DATABASE_URL", "sqlite").split(":", 1)[0] != "sqlite":
        raise SystemExit("The federation bench makes its own databases: unset DATABASE_URL.")
    VAR.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    template = VAR / "bench-empty.sqlite3"
    template.unlink(missing_ok=True)
    worker(template, "migrate")
    print(f"{mode.name} bench: month-end close", flush=True)
    results, largest = bench_close(mode, template)
    results += bench_close_postgres(mode)
    print(f"{mode.name} bench: pages ({time.perf_counter() - t0:.0f} s so far)", flush=True)
    results += bench_pages(mode, largest, mode.sizes[-1])
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    info = {"mode": mode.name, "machine": machine(),
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "note": note or "Measured while other work may have run on the machine."}
    write_doc(table(results, info))
    print(f"{mode.name} bench done in {time.perf_counter() - t0:.0f} s: {RESULTS}, {DOC}")
