"""`make bench`: seed a large data set into a separate database, serve it with gunicorn on the loopback
interface, load the main pages over HTTP anonymously and as logged-in members and staff, again with the page
cache on, then register guests for one event from many clients and pay many orders with signed Stripe
webhooks (and replay them). Prints one Markdown table and writes it to .bench/results.md.

    .venv/bin/python tests/bench/run.py --scale 20

The database is .bench/bench.sqlite3, or the PostgreSQL database `majlis_bench` on the server that
BENCH_DATABASE_URL (or DATABASE_URL) points to. Seeding is idempotent, so a second run reuses the data;
--fresh starts from an empty database. Every loop is bounded and gunicorn is always stopped.
"""

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import registrations
import webhooks
from load import load

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PG_DATABASE = "majlis_bench"

# Targets. The anonymous pages every visitor sees first: at least 100 requests/s without the page cache and
# fewer than 15 SQL queries; the home page and the news index at least 1,000 requests/s with it.
MAIN_PAGES = {"home", "news index", "news article", "event index", "event page"}
ANONYMOUS_MIN_RATE, QUERY_BUDGET = 100, 15
CACHED_PAGES, CACHED_MIN_RATE = {"home", "news index"}, 1000
# Logged-in pages are never cached: their budget is in queries, which must not grow with the data.
MEMBER_QUERY_BUDGET, ADMIN_QUERY_BUDGET = 25, 40
REGISTRATIONS_PER_MINUTE = 1000
# The Stripe webhook secret of the gunicorn under test (the benchmark signs its events with it).
WEBHOOK_SECRET = "whsec_bench_" + secrets.token_hex(16)


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
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
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


GUNICORN_LOG = BENCH_DIR / "gunicorn.log"


class Gunicorn:
    """gunicorn in its own process group, stopped on exit whatever happens. Its output (the application's
    warnings, such as the 409 of every registration refused for a full event) goes to .bench/gunicorn.log,
    so that the terminal shows the progress and the table."""

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
        self.log = None

    def __enter__(self):
        self.log = GUNICORN_LOG.open("ab")
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, start_new_session=True, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.__exit__()
                raise RuntimeError(f"gunicorn exited during start-up (see {GUNICORN_LOG})")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=5) as response:
                    response.read()
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not answer within 180 s (see {GUNICORN_LOG}; is the machine very busy?)")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.log:
            self.log.close()
            self.log = None


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


def run_pages(
    base: str, urls: dict[str, str], *, total: int, concurrency: int, time_limit: float, cookies: dict | None = None
) -> dict:
    """Load each page; `cookies` (page name → Cookie header) makes a page's requests those of a logged-in persona."""
    results = {}
    for name, url in urls.items():
        if not url:
            continue
        headers = {"Cookie": cookies[name]} if cookies and name in cookies else None
        # Warm the workers.
        load(base + url, total=min(20, total), concurrency=1, time_limit=time_limit, headers=headers)
        results[name] = load(base + url, total=total, concurrency=concurrency, time_limit=time_limit, headers=headers)
    return results


@dataclass
class Row:
    """One line of the results table. `met` is None when the row has no target."""

    operation: str
    persona: str
    per_second: float | str | None = None
    p50: float | None = None
    p99: float | None = None
    queries: object = None
    errors: int | None = None
    target: str = "—"
    met: bool | None = None


def _number(value, digits: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}" if value < 10 else f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def page_row(name: str, persona: str, result, queries, target: tuple[str, object] | None) -> Row:
    row = Row(name, persona, result.per_second, result.percentile(50), result.percentile(99), queries, result.errors)
    if target:
        row.target, check = target
        row.met = bool(check(row)) and not result.errors
    return row


def _page_target(min_rate: float | None, max_queries: int | None) -> tuple[str, object]:
    parts = []
    if min_rate is not None:
        parts.append(f"≥{min_rate:,.0f} req/s")
    if max_queries is not None:
        parts.append(f"<{max_queries} queries")

    def check(row: Row) -> bool:
        rate_ok = min_rate is None or row.per_second >= min_rate
        queries_ok = max_queries is None or (isinstance(row.queries, int) and row.queries < max_queries)
        return rate_ok and queries_ok

    return ", ".join(parts), check


def build_rows(discovered, plain, cached, members, signups, hooks, args) -> list[Row]:
    rows = []
    urls, counts = discovered["urls"], discovered["counts"]
    for name, url in urls.items():
        if not url:
            rows.append(Row(name, "anonymous", target="(page not found in this build)"))
            continue
        target = _page_target(ANONYMOUS_MIN_RATE, QUERY_BUDGET) if name in MAIN_PAGES else None
        rows.append(page_row(name, "anonymous", plain[name], counts.get(name, {}).get("queries", "?"), target))
    for name, page in discovered["member_pages"].items():
        if name not in members:
            rows.append(Row(name, page["persona"], target="(page not found in this build)"))
            continue
        budget = ADMIN_QUERY_BUDGET if page["persona"] == "secretariat" else MEMBER_QUERY_BUDGET
        rows.append(
            page_row(name, page["persona"], members[name], page.get("queries", "?"), _page_target(None, budget))
        )
    for name in urls:
        if name in cached:
            target = _page_target(CACHED_MIN_RATE, None) if name in CACHED_PAGES else None
            rows.append(page_row(name, "anonymous, page cache on", cached[name], "—", target))
    rows.append(
        Row(
            "event registration (POST)",
            f"guests, {args.clients} clients",
            f"{signups.per_second:,.1f} ({signups.per_minute:,.0f}/min)",
            signups.percentile(50),
            signups.percentile(99),
            "—",
            signups.errors,
            f"≥{REGISTRATIONS_PER_MINUTE:,}/min, 0 overbooked",
            signups.per_minute >= REGISTRATIONS_PER_MINUTE and not signups.overbooked and not signups.errors,
        )
    )
    for label, result, queries, target, met in (
        (
            "Stripe webhook, first delivery",
            hooks.first,
            hooks.probe.get("queries", "?"),
            "every order paid exactly once",
            hooks.paid_once,
        ),
        (
            "Stripe webhook, replay",
            hooks.replay,
            hooks.probe.get("replay queries", "?"),
            "no-op: 0 duplicates",
            hooks.duplicates == 0 and hooks.paid_once,
        ),
    ):
        rows.append(
            Row(
                label,
                f"Stripe, {args.webhook_clients} clients",
                result.per_second,
                result.percentile(50),
                result.percentile(99),
                queries,
                result.errors,
                target,
                met and not result.errors,
            )
        )
    return rows


def markdown_table(rows: list[Row]) -> str:
    lines = [
        "| page / operation | persona | req/s | p50 ms | p99 ms | SQL queries | errors | target | met? |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        met = "—" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(
            f"| {row.operation} | {row.persona} | {_number(row.per_second)} | {_number(row.p50)} | "
            f"{_number(row.p99)} | {_number(row.queries)} | {_number(row.errors)} | {row.target} | {met} |"
        )
    return "\n".join(lines)


def report(rows, signups, hooks, args, backend: str) -> str:
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return "\n".join(
        [
            f"Majlis benchmark, {stamp}: scale {args.scale}, {backend}, gunicorn {args.workers} workers × "
            f"{args.threads} threads (gthread) on 127.0.0.1; {args.requests} requests per page "
            f"({args.member_requests} logged in, {args.cached_requests} with the page cache) from "
            f"{args.concurrency} keep-alive connections; {os.cpu_count()} CPU cores, load average "
            f"{os.getloadavg()[0]:.1f} at the end of the run (the load generator shares the machine).",
            "",
            markdown_table(rows),
            "",
            "SQL queries: a warm second request, counted in-process with Django's test client (logged-in pages "
            "with the persona's session; webhooks: one checkout.session.completed, then its replay).",
            f"Registrations: {signups.per_minute:,.0f} per minute ({signups.attempts} attempts in "
            f"{signups.elapsed:.1f} s), {signups.confirmed} confirmed for {signups.capacity} seats, overbooked "
            f"{signups.overbooked}, errors {signups.errors}; statuses {dict(sorted(signups.statuses.items()))}.",
            f"Webhooks: {hooks.orders} unpaid orders, each sent checkout.session.completed and "
            f"payment_intent.succeeded side by side ({hooks.first.requests} events, "
            f"{hooks.first.per_second:,.1f}/s), then all replayed ({hooks.replay.requests}); afterwards "
            f"{hooks.check.get('paid', '?')} paid, {hooks.check.get('orders with one payment', '?')} with exactly "
            f"one payment and {hooks.check.get('orders with one invoice', '?')} with one invoice, "
            f"{hooks.check.get('events stored', '?')} events stored, duplicates {hooks.duplicates}; statuses "
            f"{dict(sorted(hooks.first.statuses.items()))} then {dict(sorted(hooks.replay.statuses.items()))}.",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=20, help="seed_demo --scale (N×500 companies)")
    parser.add_argument("--requests", type=int, default=400, help="requests per anonymous page, page cache off")
    parser.add_argument("--member-requests", type=int, default=200, help="requests per logged-in page")
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
    parser.add_argument("--webhook-orders", type=int, default=200, help="unpaid orders paid by Stripe webhooks")
    parser.add_argument("--webhook-clients", type=int, default=8, help="concurrent webhook senders")
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

    print("· counting SQL queries, logging the personas in", flush=True)
    discovered = count_queries(env)
    urls = discovered["urls"]
    member_pages = discovered["member_pages"]
    cookie_name = discovered["session_cookie"]
    member_urls = {name: page["url"] for name, page in member_pages.items()}
    cookies = {name: f"{cookie_name}={discovered['sessions'][page['persona']]}" for name, page in member_pages.items()}

    print(f"· loading {sum(1 for u in urls.values() if u)} pages, {args.requests} requests each, page cache off")
    with Gunicorn(env, args.workers, args.threads) as server:
        plain = run_pages(
            server.base, urls, total=args.requests, concurrency=args.concurrency, time_limit=args.time_limit
        )
        print(f"· {sum(1 for u in member_urls.values() if u)} logged-in pages, {args.member_requests} requests each")
        members = run_pages(
            server.base,
            member_urls,
            total=args.member_requests,
            concurrency=args.concurrency,
            time_limit=args.time_limit,
            cookies=cookies,
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
        print(f"· Stripe webhooks for {args.webhook_orders} orders from {args.webhook_clients} clients, then replayed")
        hooks = webhooks.run(
            server.base,
            python=str(PYTHON),
            env=env,
            root=ROOT,
            orders=args.webhook_orders,
            clients=args.webhook_clients,
        )

    rows = build_rows(discovered, plain, cached, members, signups, hooks, args)
    text = report(rows, signups, hooks, args, backend)
    (BENCH_DIR / "results.md").write_text(text + "\n", encoding="utf-8")
    print()
    print(text)
    print(f"\n(also written to {(BENCH_DIR / 'results.md').relative_to(ROOT)})")
    failed = sum(result.errors for result in (*plain.values(), *members.values(), *cached.values()))
    failed += signups.errors + signups.overbooked + hooks.first.errors + hooks.replay.errors
    return 1 if failed or not hooks.paid_once else 0


if __name__ == "__main__":
    sys.exit(main())
