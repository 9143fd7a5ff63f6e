"""A small, bounded HTTP load generator for the loopback interface (standard library only).

Each worker thread keeps one HTTP/1.1 connection open and reconnects when the server closes it, so the
numbers measure the site rather than TCP handshakes.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Result:
    requests: int = 0
    errors: int = 0
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        """Latency in milliseconds at percentile p (0–100)."""
        if not self.latencies:
            return 0.0
        if len(self.latencies) == 1:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[max(0, min(98, int(p) - 1))] * 1000


def load(url: str, *, total: int, concurrency: int, time_limit: float = 60.0, headers: dict | None = None) -> Result:
    """GET `url` `total` times from `concurrency` threads; stop early after `time_limit` seconds."""
    parts = urlsplit(url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("The benchmark only talks to the loopback interface.")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    request_headers = {"Accept-Language": "fr", "Accept-Encoding": "gzip", **(headers or {})}
    result = Result()
    lock = threading.Lock()
    remaining = [total]
    deadline = time.monotonic() + time_limit

    def take() -> bool:
        with lock:
            if remaining[0] <= 0 or time.monotonic() > deadline:
                return False
            remaining[0] -= 1
            return True

    def worker():
        connection = None
        latencies, errors, statuses = [], 0, {}
        while take():
            began = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                connection.request("GET", path, headers=request_headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                status = 0
                if connection is not None:
                    connection.close()
                connection = None
            latencies.append(time.perf_counter() - began)
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200:
                errors += 1
        if connection is not None:
            connection.close()
        with lock:
            result.latencies.extend(latencies)
            result.errors += errors
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(time_limit + 60)
    result.elapsed = time.perf_counter() - started
    result.requests = len(result.latencies)
    return result
