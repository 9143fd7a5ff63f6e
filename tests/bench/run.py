"""`make bench`: seed a large data set into a separate database, serve it with gunicorn on the loopback
interface, load the main anonymous pages over HTTP, then again with the page cache on. Prints one table.

    .venv/bin/python tests/bench/run.py --scale 20

The database is .bench/bench.sqlite3, or the PostgreSQL database `majlis_bench` on the server that
BENCH_DATABASE_URL (or DATABASE_URL) points to. Seeding is idempotent, so a second run reuses the data;
--fresh starts from an empty database. Every loop is bounded and gunicorn is always stopped.
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import registrations
from load import load

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PG_DATABASE = "majlis_bench"

# (page, target in queries) — the pages every visitor sees first have a query budget.
QUERY_BUDGET = {"home": 15, "news index": 15, "news article": 15}


def database_url(fresh: bool) -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    if url.startswith(("postgres://", "postgresql://")):
        return _postgres_database(url, fresh)
    BENCH_DIR.mkdir(exist_ok=True)
    path = BENCH_DIR / "bench.sqlite3"
    if fresh:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _postgres_database(url: str, fresh: bool) -> str:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{PG_DATABASE}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    return urlunsplit(parts._replace(path=f"/{PG_DATABASE}"))


def environment(db_url: str, page_cache_seconds: int = 0) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "PAGE_CACHE_SECONDS"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": db_url,
            "SECRET_KEY": "bench-only-" + "x7Qp2Lm9Zr" * 5,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "MEDIA_ROOT": str(BENCH_DIR / "media"),
            "DEMO_LOGINS_FILE": str(BENCH_DIR / "demo-logins.json"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
        }
    )
    if page_cache_seconds:
        env["PAGE_CACHE_SECONDS"] = str(page_cache_seconds)
    return env


def manage(env: dict[str, str], *args: str, timeout: int = 1800) -> None:
    began = time.monotonic()
    print(f"· manage.py {' '.join(args)}", end=" ", flush=True)
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout, stdout=subprocess.DEVNULL
    )
    print(f"({time.monotonic() - began:.0f} s)", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn in its own process group, stopped on exit whatever happens."""

    def __init__(self, env: dict[str, str], workers: int, threads: int):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.command = [
            str(GUNICORN),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--worker-class=gthread",
            "--keep-alive=5",
            "--log-level=warning",
            "--timeout=60",
        ]
        self.env = env
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited during start-up")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=5) as response:
                    response.read()
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def count_queries(env: dict[str, str]) -> dict:
    output = subprocess.run(
        [PYTHON, str(Path(__file__).with_name("queries.py"))],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_pages(base: str, urls: dict[str, str], *, total: int, concurrency: int, time_limit: float) -> dict:
    results = {}
    for name, url in urls.items():
        if not url:
            continue
        load(base + url, total=min(20, total), concurrency=1, time_limit=time_limit)  # warm the workers
        results[name] = load(base + url, total=total, concurrency=concurrency, time_limit=time_limit)
    return results


def print_table(urls, counts, plain, cached, scale, backend, workers, threads):
    print()
    print(f"Majlis benchmark — scale {scale}, {backend}, gunicorn {workers} workers × {threads} threads, 127.0.0.1")
    # Other processes on the machine skew every number: say how busy it was.
    print(f"{os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f} at the end of the run")
    header = f"{'page':<18}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'queries':>9}{'errors':>8}{'cached req/s':>14}"
    print(header)
    print("-" * len(header))
    for name, url in urls.items():
        if not url:
            print(f"{name:<18}{'(page not found in this build)':>57}")
            continue
        result = plain.get(name)
        count = counts.get(name, {})
        queries = count.get("queries", "?")
        flag = "!" if isinstance(queries, int) and queries >= QUERY_BUDGET.get(name, 10**6) else " "
        cached_rate = f"{cached[name].per_second:,.0f}" if name in cached else "-"
        print(
            f"{name:<18}{result.per_second:>8,.0f}{result.percentile(50):>9.1f}{result.percentile(99):>9.1f}"
            f"{queries!s:>8}{flag}{result.errors:>8}{cached_rate:>14}"
        )
    print("(queries: SQL queries of a warm second request, counted in-process; ! = over the budget of 15)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=20, help="seed_demo --scale (N×500 companies)")
    parser.add_argument("--requests", type=int, default=400, help="requests per page, page cache off")
    parser.add_argument("--cached-requests", type=int, default=3000, help="requests per page, page cache on")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per page, at most")
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    parser.add_argument("--skip-seed", action="store_true", help="reuse the database as it is")
    parser.add_argument("--registrations", type=int, default=1500, help="registration attempts for one event")
    parser.add_argument("--capacity", type=int, default=1200, help="that event's capacity (below the attempts)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent registering clients")
    args = parser.parse_args()
    # Turn a SIGTERM into an exception, so that the `with Gunicorn(...)` blocks still stop the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    BENCH_DIR.mkdir(exist_ok=True)
    db_url = database_url(args.fresh)
    backend = "PostgreSQL" if db_url.startswith("postgres") else "SQLite"
    env = environment(db_url)
    print(f"Benchmark database: {backend} ({urlsplit(db_url).path.lstrip('/')})")
    # Development settings (with DEBUG off) run background tasks immediately: the search index and
    # Wagtail's reference index are filled while seeding instead of waiting for a worker.
    seed_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "false"}
    # Always migrate: a reused database must still match the code being measured.
    manage(seed_env, "migrate", "--no-input")
    if not args.skip_seed:
        manage(seed_env, "seed_demo", "--scale", str(args.scale), timeout=3600)
    manage(env, "collectstatic", "--no-input", "--verbosity=0")

    discovered = count_queries(env)
    urls, counts = discovered["urls"], discovered["counts"]

    print(f"· loading {sum(1 for u in urls.values() if u)} pages, {args.requests} requests each, page cache off")
    with Gunicorn(env, args.workers, args.threads) as server:
        plain = run_pages(
            server.base, urls, total=args.requests, concurrency=args.concurrency, time_limit=args.time_limit
        )
    print(f"· again with the page cache on, {args.cached_requests} requests each")
    with Gunicorn(environment(db_url, page_cache_seconds=600), args.workers, args.threads) as server:
        cached = run_pages(
            server.base, urls, total=args.cached_requests, concurrency=args.concurrency, time_limit=args.time_limit
        )

    print(f"· {args.registrations} registrations for one event from {args.clients} clients, capacity {args.capacity}")
    with Gunicorn(env, args.workers, args.threads) as server:
        signups = registrations.run(
            server.base,
            python=str(PYTHON),
            env=env,
            root=ROOT,
            attempts=args.registrations,
            capacity=args.capacity,
            clients=args.clients,
        )

    print_table(urls, counts, plain, cached, args.scale, backend, args.workers, args.threads)
    print()
    print(
        f"registrations: {signups.per_minute:,.0f} per minute ({signups.attempts} attempts in {signups.elapsed:.1f} s, "
        f"{args.clients} clients), {signups.confirmed} confirmed for {signups.capacity} seats, "
        f"overbooked {signups.overbooked}, errors {signups.errors}; statuses {dict(sorted(signups.statuses.items()))}"
    )
    failed = sum(result.errors for result in (*plain.values(), *cached.values())) + signups.errors + signups.overbooked
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
